"""`python -m compare shifts --src-lang ru --tgt-lang en PAIRS.tsv`: force shifts of sentence pairs.

PAIRS.tsv is UTF-8, tab-separated, with a header naming the columns `source` and `target`
(other columns are ignored, in any order). Prints one JSON object per row, in order:
{"verdict": "softened"|"sharpened"|"mixed"|"none", "flags": [...], "note": "..." (bad rows)}.
A bad row gets verdict "none" and a note; it never stops the others.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from compare.model import LANGS, InputError

FLAG_FIELDS = (
    "kind", "category", "source_term", "target_term", "source_level", "target_level",
    "severity", "explanation", "rule",
)


def configure(parser) -> None:
    parser.add_argument("pairs", metavar="PAIRS.tsv", help="TSV with a header naming `source` and `target` ('-' = stdin)")
    parser.add_argument("--src-lang", default="ru", choices=LANGS, help="language of the source column (default ru)")
    parser.add_argument("--tgt-lang", default="en", choices=LANGS, help="language of the target column (default en)")
    parser.add_argument("--signature", action="store_true", help="print the analysis signature to stderr")


def _unquote(field: str) -> str:
    """Undo spreadsheet-style quoting (a field wrapped in quotes, inner quotes doubled); leave
    ordinary text alone."""
    field = field.strip()
    if len(field) >= 2 and field[0] == field[-1] == '"' and '"' not in field[1:-1].replace('""', ""):
        return field[1:-1].replace('""', '"')
    return field


def _read_text(path_arg: str) -> str:
    from compare.sources import read_capped

    # The size is checked before a byte is read, and "-" reads standard input, capped alike.
    data = read_capped(path_arg)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        print(f"warning: {path_arg}: not valid UTF-8 at byte {error.start}; bad bytes replaced", file=sys.stderr)
        return data.decode("utf-8-sig", errors="replace")


def read_pairs(path_arg: str) -> list[tuple[str, str]]:
    """(source, target) per data row; raises InputError for a missing file or column."""
    lines = _read_text(path_arg).splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise InputError(f"{path_arg}: empty file, expected a header naming `source` and `target`")
    header = [_unquote(name).lower() for name in lines[0].split("\t")]
    missing = [name for name in ("source", "target") if name not in header]
    if missing:
        raise InputError(
            f"{path_arg}: missing column {' and '.join(repr(m) for m in missing)} in the header "
            f"(found: {', '.join(repr(h) for h in header) or 'nothing'}; columns must be tab-separated)"
        )
    source_at, target_at = header.index("source"), header.index("target")
    pairs = []
    for line in lines[1:]:
        if not line.strip() and "\t" not in line:
            continue  # a blank line is not a row (as in spreadsheet and pandas readers)
        fields = [_unquote(field) for field in line.split("\t")]
        source = fields[source_at] if source_at < len(fields) else ""
        target = fields[target_at] if target_at < len(fields) else ""
        pairs.append((source, target))
    return pairs


def analyze_row(source: str, target: str, src_lang: str, tgt_lang: str) -> dict:
    from compare.analyze.force import analyze_force

    try:
        analysis = analyze_force(source, target, src_lang, tgt_lang)
    except Exception as error:  # one bad row never stops the others
        return {"verdict": "none", "flags": [], "note": f"not analysed: {type(error).__name__}: {error}"}
    if analysis.flags:
        # a row whose sides are different sentences would show every rewording as a shift
        from compare.analyze.pair_check import looks_misaligned

        wrong = looks_misaligned(source, target, src_lang, tgt_lang)
        if wrong:
            return {"verdict": "none", "flags": [], "note": "; ".join(filter(None, (analysis.note, wrong)))}
    row = {
        "verdict": analysis.verdict,
        "flags": [{name: getattr(flag, name) for name in FLAG_FIELDS} for flag in analysis.flags],
    }
    if analysis.note:
        row["note"] = analysis.note
    return row


def run(args) -> int:
    pairs = read_pairs(args.pairs)
    if args.signature:
        from compare.analyze.force import signature_string

        print(f"force signature: {signature_string()}", file=sys.stderr)
    out = sys.stdout
    for source, target in pairs:
        out.write(json.dumps(analyze_row(source, target, args.src_lang, args.tgt_lang), ensure_ascii=False) + "\n")
    out.flush()
    return 0
