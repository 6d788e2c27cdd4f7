"""Flags the user set aside (marked false alarm or checked, or muted) in the aligned view: greyed
under the row's badges, each with its mark and note and its evidence, so a mark is always seen
and can be undone — but never counted, charted or ranked (compare.triage.apply_triage takes
them out of the comparison the counts are made from). HTML escaped here, like render.py."""
from __future__ import annotations

import html
from dataclasses import replace
from typing import Mapping, Sequence

CSS = """<style>
details.triaged{display:inline-block;position:relative;margin:0 3px 3px 0;vertical-align:top}
details.triaged summary{cursor:pointer;list-style:none;display:inline-block;padding:0 6px;
  border-radius:9px;background:#f3f4f6;color:#5f6368;box-shadow:inset 0 0 0 1px #d5d8de;
  font-weight:400;font-size:0.74rem;white-space:nowrap}
details.triaged summary::-webkit-details-marker{display:none}
details.triaged[open] summary{outline:2px solid #9aa0a6}
details.triaged .triaged-list{position:absolute;right:0;top:1.5em;z-index:5;width:24em;
  max-width:70vw;padding:6px 8px;font-size:0.8rem;color:#5f6368;background:#fafafa;
  border:1px solid #d5d8de;border-radius:4px;box-shadow:0 4px 14px rgba(0,0,0,.12);
  overflow-wrap:anywhere;white-space:normal}
details.triaged .triaged-item{margin:0 0 4px 0}
details.triaged .why{font-style:italic;color:#3c4043}
</style>"""

LABELS = {"false_alarm": "false alarm", "checked": "checked", "muted": "muted"}


def attach_set_aside(views: Sequence, comparison, hidden: Mapping) -> list:
    """The row views with each row's set-aside flags: hidden is apply_triage's
    (pair, link index) → [(flag, mark, note)]; a row holds the links its Row names."""
    from compare.render import reading_pair

    if not hidden:
        return list(views)
    out = []
    for view in views:
        items = []
        for pair, indices in view.row.links.items():
            for index in indices:
                for flag, mark, note in hidden.get((pair, index), ()):
                    items.append((reading_pair(comparison.story, pair), flag, mark, note))
        out.append(replace(view, set_aside=tuple(items)) if items else view)
    return out


def set_aside_html(view) -> str:
    items = getattr(view, "set_aside", ())
    if not items:
        return ""
    from compare.render import flag_evidence

    lines = []
    for pair, flag, mark, note in items:
        why = LABELS.get(mark, mark) + (f": {note}" if note else "")
        lines.append(f'<div class="triaged-item"><span class="why">[{html.escape(why)}]</span> '
                     f"{html.escape(flag.kind)} — {flag_evidence(pair, flag)}</div>")
    marks = sorted({LABELS.get(mark, mark) for _, _, mark, _ in items})
    title = "flags you set aside: not counted; undo them in the sidebar's triage"
    return (f'<details class="triaged"><summary title="{title}">{len(items)} set aside '
            f"({html.escape(', '.join(marks))})</summary>"
            f'<div class="triaged-list">{"".join(lines)}</div></details>')
