"""`python -m compare import FILE`: read aligned pairs back and print what was restored.

    python -m compare import story.tmx            (TMX from this tool or any CAT tool)
    python -m compare import corpus.xlsx --links  (and every link, side by side)
    python -m compare import en-ru.tsv --src en.txt --tgt ru.txt
        the presegmented alignment: SRC_IDS<TAB>TGT_IDS lines plus the two segment files
        (one segment per line); the languages come from --langs or a name like en-ru.tsv

Reads .tmx, .xlf/.xliff, .xlsx, .csv, .jsonl, InterText .xml/.zip and .tsv. A file this tool
wrote comes back whole (links, statuses, confidences, flags, scores, machine translations).
"""
from __future__ import annotations

import shutil
import textwrap

from compare.model import InputError


def configure(parser) -> None:
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--src", metavar="FILE", help="TSV: the source segments, one per line")
    parser.add_argument("--tgt", metavar="FILE", help="TSV: the target segments, one per line")
    parser.add_argument("--langs", metavar="SRC-TGT", help="TSV: the languages, e.g. en-ru")
    parser.add_argument("--story", metavar="ID", help="only this story of a corpus file")
    parser.add_argument("--links", action="store_true", help="print every link too")
    parser.add_argument("--no-lang-check", action="store_true",
                        help="TSV: do not check the segment files' languages")


def _shorten(text: str, width: int) -> str:
    return textwrap.shorten(text, width=max(width, 10), placeholder="…") if text else "—"


def print_links(comparison, width: int) -> None:
    story = comparison.story
    for (src, tgt), alignment in comparison.alignments.items():
        print(f"  {src}-{tgt}:")
        column = max((width - 28) // 2, 20)
        for n, link in enumerate(alignment.links):
            left = " ".join(story.documents[src].segments[i].text for i in link.src)
            right = " ".join(story.documents[tgt].segments[i].text for i in link.tgt)
            ids = f"{','.join(map(str, link.src)) or '-'}:{','.join(map(str, link.tgt)) or '-'}"
            print(f"    {n:>3} {ids:<9} {link.status[0]} {_shorten(left, column):<{column}} | "
                  f"{_shorten(right, column)}")


def run(args) -> int:
    from compare.export import describe, import_corpus
    from compare.export.record import parse_pair

    langs = parse_pair(args.langs) if args.langs else None
    stories = import_corpus(args.file, src_segments=args.src, tgt_segments=args.tgt,
                            langs=langs, check_lang=not args.no_lang_check)
    if args.story:
        stories = [s for s in stories if s.story.id == args.story]
        if not stories:
            raise InputError(f"{args.file}: no story '{args.story}'")
    width = shutil.get_terminal_size((120, 20)).columns
    print(f"{args.file}: {len(stories)} stor{'y' if len(stories) == 1 else 'ies'}")
    for imported in stories:
        for line in describe(imported):
            print(line)
        if args.links:
            print_links(imported.comparison, width)
    return 0
