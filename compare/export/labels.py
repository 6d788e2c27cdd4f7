"""One-line readable forms of a record's flags, scores and verdicts, shared by the formats that
show them to people (TMX props, XLIFF notes, spreadsheet cells). They are derived output only:
reading a file back takes these values from the record itself, never from these lines."""
from __future__ import annotations

from compare.export.record import Record
from compare.export.triage_fields import triage_label
from compare.model import Flag


def pair_label(pair) -> str:
    return f"{pair[0]}-{pair[1]}"


def flag_line(flag: Flag, pair=None) -> str:
    """e.g. 'softened [reporting_verb] "заявил" → "said": a weaker verb (high; rule say; 0.8→0.4)'"""
    details = [flag.severity]
    if flag.rule:
        details.append(f"rule {flag.rule}")
    if flag.source_level is not None and flag.target_level is not None:
        details.append(f"{flag.source_level:g}→{flag.target_level:g}")
    prefix = triage_label(flag) + (f"{pair_label(pair)} " if pair else "")
    return (f'{prefix}{flag.kind} [{flag.category}] "{flag.source_term}" → "{flag.target_term}": '
            f"{flag.explanation} ({'; '.join(details)})")


def flag_lines(record: Record) -> list[str]:
    with_pair = record.row is not None
    return [flag_line(f, e.pair if with_pair else None)
            for e, a in record.analyses() for f in a.flags]


def scores_text(record: Record) -> str:
    parts = []
    for e, a in record.analyses():
        if a.scores:
            values = ", ".join(f"{name} {value:.1f}" for name, value in a.scores.items())
            parts.append(f"{e.id}: {values}" if record.row is not None else values)
    return "; ".join(parts)


def verdict_text(record: Record) -> str:
    analyses = record.analyses()
    if record.row is None:
        return analyses[0][1].verdict if analyses else ""
    said = [f"{e.id} {a.verdict}" for e, a in analyses if a.verdict not in ("none", "")]
    return "; ".join(said) or ("none" if analyses else "")


def notes_text(record: Record) -> str:
    return "; ".join(a.note for _, a in record.analyses() if a.note)
