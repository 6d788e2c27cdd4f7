"""`python -m compare export`: aligned pairs to TMX, XLIFF, XLSX, CSV, JSONL or InterText.

    python -m compare export STORY_DIR --format tmx --out story.tmx
    python -m compare export STORY_DIR --format xliff --pair ru-en --xliff-version 1.2 --out s.xlf
    python -m compare export corpora/ --format xlsx --out corpus.xlsx        (a corpus root)
    python -m compare export A_DIR B_DIR --format tmx --pair en-ru --include-null --out ab.tmx
    python -m compare export saved.jsonl --format tmx --out saved.tmx       (convert an export)

Without --pair a story of three versions goes out three-way where the format allows (TMX,
XLSX, CSV, JSONL); XLIFF (1.2 unless --xliff-version 2.0) and InterText hold one pair (the original against English unless
--pair says otherwise). The summary goes to stdout, notes (cleaned characters, stories left out)
to stderr. The output file is replaced only once the new one is completely written.
"""
from __future__ import annotations

import sys
from pathlib import Path

from compare import console
from compare.model import LANGS, InputError, UsageError


def configure(parser) -> None:
    from compare.export import FORMATS

    parser.add_argument("inputs", nargs="+", metavar="STORY_DIR",
                        help="story folders, a corpus folder of story folders, or files this "
                             "command wrote (.jsonl, .tmx, .xlsx …) to convert")
    parser.add_argument("--format", "-f", choices=sorted(FORMATS), metavar="FORMAT",
                        help=f"{', '.join(FORMATS)} (default: from the --out suffix)")
    parser.add_argument("--out", "-o", required=True, metavar="FILE",
                        help="file to write, or - for standard output (InterText: the "
                             "alignment file, its documents beside it; a .zip or a folder for "
                             "several stories; a .zip on standard output)")
    parser.add_argument("--pair", metavar="SRC-TGT",
                        help="export one pair, e.g. en-ru (default: three-way where possible)")
    parser.add_argument("--include-null", action="store_true",
                        help="keep links with an empty side (omissions, additions) in TMX and "
                             "XLIFF, where they are left out by default: an empty source or "
                             "target breaks CAT tools (xliff2po, OmegaT); the other formats keep "
                             "them always unless --skip-null")
    parser.add_argument("--skip-null", action="store_true",
                        help="leave out links with an empty side (omissions, additions)")
    parser.add_argument("--include-meta", action="store_true",
                        help="also export page furniture (timestamps, bylines, credits, end "
                             "marks), left out by default")
    parser.add_argument("--xliff-version", choices=("2.0", "1.2"), default="1.2",
                        help="1.2 (default: what translate-toolkit and OmegaT read) or 2.0 "
                             "(carries the whole record, so it reads back whole)")
    parser.add_argument("--strip-invisible", action="store_true",
                        help="remove zero-width and bidirectional marks (kept and noted by "
                             "default)")
    parser.add_argument("--keep-line-breaks", action="store_true",
                        help="keep line breaks inside a segment (by default a hard-wrapped "
                             "sentence goes out on one line, as CAT tools match it)")
    parser.add_argument("--no-props", action="store_true",
                        help="TMX/XLIFF: texts only, no properties or records (a plain memory; "
                             "it will not read back whole)")
    parser.add_argument("--lang-code", action="append", default=[], metavar="LANG=CODE",
                        help="language code to write, e.g. en=en-US ru=ru-RU (some CAT tools "
                             "want locales); repeatable")
    parser.add_argument("--csv-delimiter", default=",", choices=(",", ";", "tab"), metavar="SEP",
                        help="CSV field separator: , ; or tab (';' for Excel in a comma-decimal "
                             "locale such as Russian)")
    parser.add_argument("--translate", action="store_true",
                        help="run machine translation both ways where a model is available")
    parser.add_argument("--no-lang-check", action="store_true",
                        help="do not check that each version is in the language its name says")
    parser.add_argument("--no-triage", action="store_true",
                        help="leave out the triage state (marks, notes and mutes saved with "
                             "`report --mark/--mute` or in the app) that each flag carries by default")
    from compare.commands.align import add_apertium_argument

    add_apertium_argument(parser)


def with_triage(comparisons: list, warn=print) -> list:
    """Each story's flags carrying their saved triage state (compare.triage.with_store); a
    store that cannot be read is one warning, and the export goes on without it."""
    from compare.triage import with_store

    out, problems = [], set()
    for comparison in comparisons:
        annotated, problem = with_store(comparison)
        out.append(annotated)
        if problem:
            problems.add(problem)
    for problem in problems:
        warn(f"warning: {problem}; exported without triage marks")
    return out


# Formats CAT tools read, where a link with an empty side is left out unless --include-null.


def _lang_codes(values: list[str]) -> dict[str, str]:
    codes = {}
    for value in values:
        lang, _, code = value.partition("=")
        if lang not in LANGS or not code.strip():
            raise UsageError(f"--lang-code {value}: expected LANG=CODE with LANG one of "
                             f"{', '.join(LANGS)}, e.g. en=en-US")
        codes[lang] = code.strip()
    return codes


def _is_story_dir(path: Path) -> bool:
    from compare.sources import READABLE_SUFFIXES

    return any(p.is_file() and p.stem in LANGS and p.suffix.lower() in READABLE_SUFFIXES
               for p in path.iterdir())


def _story_dirs(path: Path) -> tuple[list[Path], bool]:
    """A story folder → [it]; a corpus folder → its story folders (True: a corpus)."""
    if _is_story_dir(path):
        return [path], False
    folders = [p for p in sorted(path.iterdir())
               if p.is_dir() and not p.name.startswith((".", "_")) and _is_story_dir(p)]
    if not folders:
        raise InputError(f"{path}: neither a story folder (en/ru/be files) nor a folder of "
                         "story folders")
    return folders, True


def load_comparisons(inputs: list[str], *, translate: bool = False, check_lang: bool = True,
                     warn=print, apertium: bool = True) -> list:
    """Comparisons of every input: story folders through the pipeline, export files read back.
    In a corpus folder a story that cannot be loaded is skipped with a warning."""
    from compare.export import import_corpus
    from compare.pipeline import PipelineOptions, compare_story
    from compare.sources import load_story

    options = PipelineOptions(translate=translate, apertium_alignment=apertium)
    comparisons = []
    several = len(inputs) > 1  # `export corpora/*`: an entry that is no story is skipped
    for name in inputs:
        path = Path(name)
        try:
            if path.is_file():
                comparisons += [imported.comparison for imported in import_corpus(path)]
                continue
            if not path.is_dir():
                raise InputError(f"{path}: no such folder or file")
            folders, corpus = _story_dirs(path)
        except InputError as error:
            if not several:
                raise
            warn(f"warning: skipped {path}: {error}")
            continue
        for folder in folders:
            try:
                story = load_story(folder, check_lang=check_lang)
                comparisons.append(compare_story(story, options))
            except InputError as error:
                if not corpus and not several:
                    raise
                warn(f"warning: skipped {folder}: {error}")
            except (RecursionError, ValueError, OSError, UnicodeError) as error:
                # One unusable story must not sink the export of the others.
                if not corpus and not several:
                    raise InputError(f"{folder}: cannot be read ({type(error).__name__}: "
                                     f"{' '.join(str(error).split())[:160]})") from None
                warn(f"warning: skipped {folder}: cannot be read ({type(error).__name__}: "
                     f"{' '.join(str(error).split())[:160]})")
    if not comparisons:
        raise InputError(f"{', '.join(inputs)}: no story could be loaded")
    return comparisons


def _check_out(out: str) -> None:
    """A place that cannot be written fails at once, before stories are aligned (and their
    notes printed): one line."""
    if out == "-":
        return
    path = Path(out)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{out}: the folder {folder} does not exist")


def run(args) -> int:
    from compare.export import default_include_null, export_corpus, format_for, parse_pair
    from compare.export.options import creation_date

    fmt = format_for(args.format, args.out)  # bad options fail before the pipeline runs
    _check_out(args.out)
    pair = parse_pair(args.pair) if args.pair else None
    if args.include_null and args.skip_null:
        raise UsageError("--include-null and --skip-null: choose one")
    include_null = args.include_null or (not args.skip_null and default_include_null(fmt))
    lang_codes = _lang_codes(args.lang_code)

    def warn(message: str) -> None:
        print(message, file=sys.stderr)

    with console.timed("read and align"):
        comparisons = load_comparisons(args.inputs, translate=args.translate,
                                       check_lang=not args.no_lang_check, warn=warn,
                                       apertium=not args.no_apertium)
    for comparison in comparisons:
        for note in comparison.notes:
            warn(f"note: {comparison.story.id}: {note}")
    if not getattr(args, "no_triage", False):
        comparisons = with_triage(comparisons, warn)
    with console.timed(f"write {fmt}"):
        report = export_corpus(
            comparisons, fmt, args.out, pair=pair, include_null=include_null,
            strip_invisible=args.strip_invisible, keep_line_breaks=args.keep_line_breaks,
            props=not args.no_props, include_meta=args.include_meta,
            lang_codes=lang_codes, xliff_version=args.xliff_version,
            csv_delimiter="\t" if args.csv_delimiter == "tab" else args.csv_delimiter,
            created=creation_date())
    # With --out - the file itself goes to stdout; the summary must not mix into it.
    console.info(report.summary(), file=sys.stderr if args.out == "-" else sys.stdout)
    for note in report.notes:
        warn(f"note: {note}")
    return 0
