"""A flag's triage state in exports (compare.triage.annotate fills it): each flag's dict carries
triage (false_alarm | checked | muted), triage_note and triage_id only when they are set, so an
export of a story nobody triaged is byte for byte what it was before, and files written before
these fields existed read back as they did. The readable lines (spreadsheet cells, TMX props,
XLIFF notes) open a marked flag's line with its mark: "[false alarm: house style; id 3f2a…] …".
"""
from __future__ import annotations

from dataclasses import asdict

from compare.model import Flag

TRIAGE_FIELDS = ("triage", "triage_note", "triage_id")
TRIAGE_COLUMN = "triage"  # the sheet column, present when a flag of the export carries a mark


def flag_to_dict(flag: Flag) -> dict:
    d = asdict(flag)
    for name in TRIAGE_FIELDS:
        if not d.get(name):
            d.pop(name, None)
    return d


def triage_label(flag: Flag) -> str:
    """'[false alarm: house style; id 3f2a9c0d1e2b] ' for a marked flag, '' for one that stands."""
    if not flag.triage:
        return ""
    said = flag.triage.replace("_", " ")
    if flag.triage_note:
        said += f": {flag.triage_note}"
    if flag.triage_id:
        said += f"; id {flag.triage_id}"
    return f"[{said}] "


def triage_cell(flags) -> str:
    """The sheet's triage cell: one line per flag that carries a mark, in the flags' order."""
    return "\n".join(f"{flag.kind}: {triage_label(flag).strip()[1:-1]}" for flag in flags
                     if flag.triage)


def any_marked(stories) -> bool:
    return any(flag.triage for story in stories for record in story.records
               for _, analysis in record.analyses() for flag in analysis.flags)
