"""`python -m compare align`: align two presegmented files, or the versions of a story folder.

    python -m compare align --src-lang en --tgt-lang ru --presegmented A.txt B.txt [--mt A_in_ru.txt]
        [--mt-reverse B_in_en.txt]
        one link per line on stdout: SRC_IDS<TAB>TGT_IDS (0-based line numbers, comma-separated,
        an empty side for an omission or addition); nothing else on stdout. Warnings go to stderr.
        [--apertium]: Russian↔Belarusian (either way) without --mt/--mt-reverse, Apertium's be→ru
        translation of the Belarusian file (up to 1,000 lines) as the MT evidence, when
        apertium-bel-rus is installed (cached in the translation cache, $WIRE_COMPARE_MT_CACHE).
        Off by default here: on the ru–be dev set it moves strict F1 from 0.995 to 0.996 only,
        and it makes align time half as long again (a 60-line pair: 46 -> 67 ms, over the 50 ms
        bar), besides Apertium's own time (benchmarks/align_rube_apertium.py).
    python -m compare align STORY_DIR [--format table|tsv|jsonl] [--no-apertium]
        the three-way side-by-side view of a story, and where the pairwise alignments disagree;
        Russian↔Belarusian with Apertium's be→ru translation as evidence when apertium is installed.
"""
from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

from compare.model import LANG_NAMES, Alignment, Document, InputError, Segment, UsageError


def configure(parser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="PATH",
                        help="two presegmented files (with --presegmented; - for standard input) "
                             "or one story folder")
    parser.add_argument("--presegmented", action="store_true",
                        help="each file holds one segment per line (never re-split)")
    parser.add_argument("--src-lang", help="language of the first file (en, ru, be)")
    parser.add_argument("--tgt-lang", help="language of the second file (en, ru, be)")
    parser.add_argument("--mt", metavar="FILE",
                        help="a translation of the first file into the target language, line for line")
    parser.add_argument("--mt-reverse", metavar="FILE",
                        help="a translation of the second file into the source language, line for line")
    parser.add_argument("--format", choices=("ids", "table", "tsv", "jsonl"),
                        help="output: ids (presegmented default), table (story default), tsv, jsonl")
    parser.add_argument("--no-lang-check", action="store_true",
                        help="do not check that each file is in the language declared")
    parser.add_argument("--signature", action="store_true",
                        help="print the settings that produced the alignment on stderr")
    add_apertium_argument(parser)
    parser.add_argument("--apertium", action="store_true",
                        help="two files, Russian and Belarusian (either way), no --mt: use Apertium's "
                             "be→ru translation of the Belarusian file as MT evidence (if installed)")


def add_apertium_argument(parser) -> None:
    """--no-apertium, shared by the commands that align stories (align, report, export)."""
    parser.add_argument("--no-apertium", action="store_true",
                        help="align Russian with Belarusian without Apertium's be→ru translation "
                             "of the Belarusian as evidence (used when apertium is installed and "
                             "no --mt/--mt-reverse is given)")


def run(args) -> int:
    if args.presegmented or len(args.inputs) == 2:
        return _run_pair(args)
    if len(args.inputs) != 1:
        raise UsageError("align: give two files with --presegmented, or one story folder")
    return _run_story(args)


# --------------------------------------------------------------------------- two files


def _run_pair(args) -> int:
    from compare.align import align_documents

    if len(args.inputs) != 2:
        raise UsageError(f"align --presegmented: needs two files, got {len(args.inputs)}")
    if not args.src_lang or not args.tgt_lang:
        raise UsageError("align --presegmented: give --src-lang and --tgt-lang (en, ru or be)")
    src_path, tgt_path = args.inputs
    if [src_path, tgt_path, args.mt, args.mt_reverse].count("-") > 1:
        raise UsageError("align: only one of the files can be - (standard input)")
    from compare.langcodes import require_code

    src_lang = require_code(args.src_lang, "--src-lang")
    tgt_lang = require_code(args.tgt_lang, "--tgt-lang")
    src = read_presegmented(src_path, src_lang, check_lang=not args.no_lang_check)
    tgt = read_presegmented(tgt_path, tgt_lang, check_lang=not args.no_lang_check)
    mt = read_lines(args.mt) if args.mt else None
    if mt is not None and len(mt) != len(src.segments):
        raise InputError(f"{args.mt}: {len(mt)} lines, but {src_path} has {len(src.segments)}; "
                         "--mt must translate the source line for line")
    mt_reverse = read_lines(args.mt_reverse) if args.mt_reverse else None
    if mt_reverse is not None and len(mt_reverse) != len(tgt.segments):
        raise InputError(f"{args.mt_reverse}: {len(mt_reverse)} lines, but {tgt_path} has {len(tgt.segments)}; "
                         "--mt-reverse must translate the target line for line")
    label = Path(args.mt or args.mt_reverse).name if (args.mt or args.mt_reverse) else "file"
    wanted = getattr(args, "apertium", False) or APERTIUM_BY_DEFAULT
    if mt is None and mt_reverse is None and wanted and not getattr(args, "no_apertium", False):
        mt, mt_reverse, label = apertium_evidence(src, tgt, src_path, tgt_path, label)
    alignment = align_documents(src, tgt, mt=mt, mt_reverse=mt_reverse, mt_label=label)
    _report(alignment, f"{src_path} / {tgt_path}", args.signature)
    out = sys.stdout
    fmt = args.format or "ids"
    for link in alignment.links:
        if fmt == "jsonl":
            out.write(json.dumps({"src": list(link.src), "tgt": list(link.tgt), "type": link.type,
                                  "kind": link.kind, "confidence": link.confidence,
                                  "signals": dict(link.signals)},
                                 ensure_ascii=False) + "\n")
        elif fmt in ("tsv", "table"):
            out.write(f"{_ids(link.src)}\t{_ids(link.tgt)}\t{link.confidence:.3f}\t"
                      f"{' '.join(src.segments[i].one_line for i in link.src)}\t"
                      f"{' '.join(tgt.segments[j].one_line for j in link.tgt)}\n")
        else:
            out.write(f"{_ids(link.src)}\t{_ids(link.tgt)}\n")
    return 0


# The pair Apertium helps, and the side of a presegmented pair that it translates into Russian
APERTIUM_SIDE = {("ru", "be"): "tgt", ("be", "ru"): "src"}
# Longer Belarusian files are aligned without it: on news the gain is small (dev-set strict F1
# 0.995 -> 0.996, benchmarks/align_rube_apertium.py), and Apertium takes about 8 ms a line on
# first use (5,000 lines: 38 s) while the extra signal slows the banded search by half.
APERTIUM_MAX_LINES = 1000
# Two presegmented files: only with --apertium (see the module's note for why).
APERTIUM_BY_DEFAULT = False


def apertium_evidence(src: Document, tgt: Document, src_path: str, tgt_path: str, label: str
                      ) -> tuple[list[str] | None, list[str] | None, str]:
    """(mt, mt_reverse, label) for a Russian↔Belarusian pair: Apertium be→ru of the Belarusian
    file, through the translation cache (a file aligned again makes no Apertium call). The
    Belarusian is the target (ru→be: its Russian is `mt_reverse`) or the source (be→ru: `mt`).
    Segments Apertium fails on are missing lines (no evidence). Nothing for other pairs or
    when apertium-bel-rus is not installed; a failure is one line on stderr, and the files are
    aligned without it. Only notes go to stderr: stdout stays the links."""
    from compare.pipeline import mt_label, usable_lines

    side = APERTIUM_SIDE.get((src.lang, tgt.lang))
    if side is None:
        return None, None, label
    from compare.translate import translate_segments
    from compare.translate.apertium import check_installed

    if check_installed("be", "ru"):
        return None, None, label
    belarusian, path = (tgt, tgt_path) if side == "tgt" else (src, src_path)
    if len(belarusian.segments) > APERTIUM_MAX_LINES:
        print(f"note: {path}: {len(belarusian.segments)} lines, aligned without Apertium be→ru "
              f"(used up to {APERTIUM_MAX_LINES} lines; give --mt/--mt-reverse for MT evidence)",
              file=sys.stderr)
        return None, None, label
    notices: list[str] = []
    try:
        items = translate_segments(belarusian.texts, "be", "ru", engine="apertium", notices=notices)
    except (InputError, OSError) as error:
        print(f"warning: {path}: aligned without Apertium be→ru: {error}", file=sys.stderr)
        return None, None, label
    for notice in notices:
        print(f"warning: translation cache: {notice}", file=sys.stderr)
    lines = usable_lines(items)
    if lines is None:
        print(f"warning: {path}: aligned without Apertium be→ru: no line translated", file=sys.stderr)
        return None, None, label
    failed = sum(1 for item in items if item.failed)
    print(f"note: {path}: Apertium be→ru of the Belarusian as MT evidence"
          + (f" ({failed} of {len(items)} lines failed: no evidence there)" if failed else ""),
          file=sys.stderr)
    name = mt_label(items)
    return (None, lines, name) if side == "tgt" else (lines, None, name)


def _ids(ids) -> str:
    return ",".join(str(i) for i in ids)


def read_lines(path: str) -> list[str]:
    """Lines of a text file (any supported encoding, any line endings); a final newline adds none."""
    from compare.sources import _read_bytes, decode_bytes, normalise_newlines

    text = normalise_newlines(decode_bytes(Path(path).name, _read_bytes(Path(path))))
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_presegmented(path: str, lang: str, *, check_lang: bool = True) -> Document:
    """One segment per line. en/ru/be go through compare.sources (language checked); other
    languages (benchmarks such as German–French) are read as they are."""
    from compare.model import LANGS
    from compare.sources import load_presegmented

    if lang in LANGS:
        return load_presegmented(path, lang, check_lang=check_lang)
    lines = read_lines(path)
    if not any(line.strip() for line in lines):
        raise InputError(f"{path}: the file has no text")
    segments, offset = [], 0
    for index, line in enumerate(lines):
        segments.append(Segment(index, line.strip(), offset, offset + len(line.strip()), index, lang=lang))
        offset += len(line) + 1
    return Document(lang=lang, text="\n".join(lines), segments=tuple(segments), source=path)


def _report(alignment: Alignment, what: str, show_signature: bool) -> None:
    for warning in alignment.warnings:
        print(f"warning: {what}: {warning}", file=sys.stderr)
    for note in alignment.notes:
        print(f"note: {what}: {note}", file=sys.stderr)
    if show_signature:
        print(f"signature: {alignment.signature_string()}", file=sys.stderr)
        print(f"confidence: {alignment.confidence:.3f}", file=sys.stderr)


# --------------------------------------------------------------------------- a story


def _run_story(args) -> int:
    from compare.align.threeway import moved_in_row, row_kind, summaries_in_row
    from compare.pipeline import PipelineOptions, align_with_mt
    from compare.sources import load_story

    story = load_story(args.inputs[0], check_lang=not args.no_lang_check)
    alignments, rows, disagreements, notes = align_with_mt(
        story, PipelineOptions(apertium_alignment=not args.no_apertium))
    for note in notes:
        print(f"warning: {story.id} {note}", file=sys.stderr)
    for (src, tgt), alignment in alignments.items():
        _report(alignment, f"{story.id} {src}↔{tgt}", args.signature)
        from compare.align.parts import describe_alignment, describe_usage, unrelated
        described = describe_alignment(alignment, story.documents)
        if described:
            print(f"note: {story.id} {src}↔{tgt}: {described}", file=sys.stderr)
        for lang in (src, tgt):
            if story.documents[lang].several and not unrelated(alignment):
                print(f"note: {story.id} {src}↔{tgt}: {describe_usage(story.documents[lang], alignment)}",
                      file=sys.stderr)
    langs = story.langs
    fmt = args.format or "table"
    out = sys.stdout
    kinds = [row_kind(row, story.documents, alignments) for row in rows]
    if fmt == "jsonl":
        for number, row in enumerate(rows):
            record = {"row": number, "kind": kinds[number]}
            moved = moved_in_row(row, alignments)
            if moved:  # these segments stand elsewhere in that version's reading order
                record["moved"] = {key: own for lang, ids in moved.items()
                                   for key, own in _keyed(story.documents[lang], ids).items()}
            summed = summaries_in_row(row, alignments)
            if summed:  # one sentence and the lines it sums up (the row's other lines link as usual)
                record["summary"] = [{key: own for lang, ids in group.items()
                                      for key, own in _keyed(story.documents[lang], ids).items()}
                                     for group in summed]
            for lang in langs:
                ids = row.segments.get(lang, ())
                document = story.documents[lang]
                # several originals of one language: one key per file (ru, ru-2 …), its own ids
                keys = _keys(document)
                for key in keys:
                    own = [i for i in ids if document.part_of(i)[0] == key]
                    record[key] = {"ids": [document.part_of(i)[1] for i in own],
                                   "text": " ".join(document.segments[i].text for i in own)}
                    sorts = sorted({document.segments[i].sort for i in own} - {""})
                    if sorts:
                        record[key]["sort"] = ",".join(sorts)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        for d in disagreements:
            out.write(json.dumps({"disagreement": {"en": d.en, "ru": d.ru, "be": d.be,
                                                   "explanation": d.explanation}}, ensure_ascii=False) + "\n")
        return 0
    if fmt in ("tsv", "ids"):
        # several originals of one language: one pair of columns per file (ru, ru-2 …), its own ids
        columns = [(lang, key) for lang in langs for key in _keys(story.documents[lang])]
        out.write("row\t" + "\t".join(f"{key}_ids\t{key}_text" for _, key in columns) + "\tkind\n")
        for number, row in enumerate(rows):
            cells = []
            for lang, key in columns:
                document = story.documents[lang]
                ids = [i for i in row.segments.get(lang, ()) if document.part_of(i)[0] == key]
                # one row per line: a hard-wrapped sentence goes out on one line
                text = " ".join(document.segments[i].one_line for i in ids)
                cells += [_ids(document.part_of(i)[1] for i in ids), text.replace("\t", " ")]
            out.write(f"{number}\t" + "\t".join(cells) + f"\t{kinds[number]}\n")
        return 0
    _print_table(story, rows, kinds, alignments, disagreements, out)
    return 0


def _keys(document: Document) -> list[str]:
    """The document's files: ["ru", "ru-2"] for several originals, [lang] for one."""
    return [part.key for part in document.parts] if document.several else [document.lang]


def _keyed(document: Document, ids) -> dict[str, list[int]]:
    """Segment ids of a (combined) document as key -> ids within that file."""
    out: dict[str, list[int]] = {}
    for i in ids:
        key, own = document.part_of(i) if document.several else (document.lang, i)
        out.setdefault(key, []).append(own)
    return out


def _print_table(story, rows, kinds, alignments, disagreements, out) -> None:
    langs = story.langs
    columns = [(lang, key) for lang in langs for key in _keys(story.documents[lang])]
    width = max(60, min(shutil.get_terminal_size((150, 40)).columns, 200))
    column = (width - 6 - 3 * len(columns)) // len(columns)
    title = story.meta.title or story.id
    out.write(f"{title}\n")
    for (src, tgt), alignment in alignments.items():
        out.write(f"  {src}↔{tgt}: {len(alignment.links)} links, confidence {alignment.confidence:.2f}\n")
    def title(lang: str, key: str) -> str:
        return LANG_NAMES[lang] if key == lang else f"{LANG_NAMES[lang]} ({key})"

    header = "row | " + " | ".join(f"{title(lang, key):<{column}}" for lang, key in columns)
    out.write(header + "\n" + "-" * len(header) + "\n")
    for number, row in enumerate(rows):
        wrapped = []
        for lang, key in columns:
            document = story.documents[lang]
            ids = [i for i in row.segments.get(lang, ()) if document.part_of(i)[0] == key]
            text = " ".join(document.segments[i].text for i in ids)
            label = f"[{_ids(document.part_of(i)[1] for i in ids)}] " if ids else "— (nothing) "
            wrapped.append(textwrap.wrap(label + text, column) or [""])
        if kinds[number] in ("meta", "title", "moved", "summary"):
            wrapped[0][0] = f"({kinds[number]}) " + wrapped[0][0]
        for line in range(max(len(w) for w in wrapped)):
            prefix = f"{number:>3} | " if line == 0 else "    | "
            out.write(prefix + " | ".join(f"{(w[line] if line < len(w) else ''):<{column}}" for w in wrapped) + "\n")
        out.write("\n")
    if disagreements:
        out.write("Where the three alignments disagree:\n")
        for d in disagreements:
            out.write(f"  - {d.explanation}\n")
