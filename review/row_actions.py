"""Corrections made on the row itself: click a row's number (or press J / K) and its actions open
right under it — confirm, merge with the previous or next row, split at a chosen sentence
boundary, move a sentence up or down, pair a sentence that stands alone as moved, dismiss a
flag. Each is checked before it is saved (review.corrections._trial: the aligner must accept the
whole new set), the page re-aligns, and a short note says what changed ("en:8 now stands alone:
only in the English").

Why this means: the aligned view is one HTML table (compare.render), which Streamlit widgets
cannot sit inside, and st.dataframe's row selection would lose the badges, highlights and
evidence popovers. So the table is cut after the chosen row and the actions are ordinary
Streamlit widgets (buttons with keyboard shortcuts, popovers for split / move / moved) between
the two halves; a tiny st.components.v2 script only turns a click on a row number into the
choice of that row. Everything else is plain Streamlit, so AppTest drives the same buttons a
browser user clicks.
"""
from __future__ import annotations

import streamlit as st

from compare import corrections, render, triage
from compare.model import LANG_NAMES, Comparison, InputError, Link, Story
from review.common import Direction, MTChoice, md_escape, run_fix
from review.corrections import link_rows

PICK = "row_pick"  # session key: the number of the row whose actions are open (None: closed)
AFTER = "ra_after"  # the alignment before the last correction, to say what it changed
NOTE = "ra_note"  # what the last correction changed, shown in the row's panel
REFUSED = "ra_refused"  # why the last correction was refused (nothing saved)

# Keyboard shortcuts of the common actions (Streamlit keeps C and R for itself).
KEYS = {"confirm": "Y", "merge_next": "M", "merge_prev": "Shift+M", "next": "J", "previous": "K",
        "close": "Escape", "undo": "Z", "redo": "Shift+Z"}

# A click on a row number (td.num) chooses the row; one listener for the page, whichever
# mount of the component is current sends the trigger.
_PICKER_JS = """
export default function(component) {
  window.__wcRowPick = component.setTriggerValue;
  if (window.__wcRowPickBound) return;
  window.__wcRowPickBound = true;
  document.addEventListener('click', (event) => {
    const cell = event.target.closest && event.target.closest('table.aligned td.num');
    const row = cell && cell.closest('tr[id^="row-"]');
    if (row && window.__wcRowPick) window.__wcRowPick('pick', Number(row.id.slice(4)));
  });
}
"""
_picker = st.components.v2.component("wire_compare_row_picker", js=_PICKER_JS)

PANEL_CSS = """<style>
table.aligned td.num{cursor:pointer;white-space:nowrap}
table.aligned td.num::after{content:"✎";display:block;color:#1c4fa3;font-size:0.8rem}
table.aligned td.num:hover{background:#e8eefb}
</style>"""


# ---------------------------------------------------------------- the view

def show_aligned(story: Story, comparison: Comparison, mt: MTChoice, views: list[render.RowView],
                 shown: list[render.RowView], show_mt: bool, marks: dict) -> None:
    """The legend, the table, and the chosen row's actions right under that row."""
    if st.session_state.get("ra_story", story.id) != story.id:  # switched: no row of it is open yet
        st.session_state.pop(PICK, None)
    st.session_state["ra_story"] = story.id
    picked = _picker(key="row_picker", default=None, height=0, on_pick_change=lambda: None)
    if picked is not None and getattr(picked, "pick", None) is not None:
        st.session_state[PICK] = int(picked.pick)
    after_change(comparison)
    numbers = [view.number for view in views]
    toolbar(story, comparison, numbers)
    pick = st.session_state.get(PICK)
    if pick is not None and not 0 <= pick < len(views):  # a row of a longer story, or of before a merge
        pick = st.session_state[PICK] = len(views) - 1 if views else None
    if pick is None:
        show_notes()
    kinds = {kind for view in views for kind in view.kinds}
    st.html(render.PAGE_CSS + PANEL_CSS + render.legend_html(kinds).replace(
        '<div class="legend">', f'<div class="legend">Showing {len(shown)} of {len(views)} rows · '
        'click a row number (✎) for its corrections · ', 1))
    langs, original = story.langs, render.original_lang(story)
    cut = next((n for n, view in enumerate(shown) if view.number == pick), None)
    if pick is None or cut is None:
        st.html(render.rows_table_html(shown, langs, original, show_mt=show_mt))
        if pick is not None and 0 <= pick < len(views):
            st.caption(f"Row {pick} is hidden by the filters above; its corrections:")
            row_panel(story, comparison, mt, views[pick], marks)
        return
    chosen = f"<style>table.aligned tr#row-{pick} td{{background:#eef3fc}}</style>"
    st.html(chosen + render.rows_table_html(shown[:cut + 1], langs, original, show_mt=show_mt))
    row_panel(story, comparison, mt, shown[cut], marks)
    if shown[cut + 1:]:
        st.html(render.rows_table_html(shown[cut + 1:], langs, original, show_mt=show_mt))


def show_notes() -> None:
    if REFUSED in st.session_state:
        st.error(st.session_state.pop(REFUSED))
    if NOTE in st.session_state:
        st.success(st.session_state.pop(NOTE))


def toolbar(story: Story, comparison: Comparison, numbers: list[int]) -> None:
    """Undo / redo (per story) and the row keys, always above the table."""
    saved = run_fix().get("saved")
    left, mid, right = st.columns([2.2, 1.2, 2.6])
    undo_redo(story, comparison, saved, left)
    pick = st.session_state.get(PICK)
    back, forward = mid.columns(2)
    if back.button("↑ Row", key="ra_previous", shortcut=KEYS["previous"], width="stretch",
                   help=f"The previous row's corrections ({KEYS['previous']})"):
        st.session_state[PICK] = max(0, (pick if pick is not None else 1) - 1)
        st.rerun()
    if forward.button("↓ Row", key="ra_next", shortcut=KEYS["next"], width="stretch",
                      help=f"The next row's corrections ({KEYS['next']})"):
        st.session_state[PICK] = min(len(numbers) - 1, pick + 1 if pick is not None else 0)
        st.rerun()
    right.caption(f"Keys: {KEYS['next']} / {KEYS['previous']} next / previous row · "
                  f"{KEYS['confirm']} confirm · {KEYS['merge_next']} merge with the next row · "
                  f"{KEYS['merge_prev']} with the previous · {KEYS['undo']} undo · "
                  f"{KEYS['redo']} redo · Esc close")


# ---------------------------------------------------------------- one row's actions

def row_links(comparison: Comparison, view: render.RowView) -> list[tuple[Direction, int]]:
    """(pair, link index) of every link the row shows, pairs in the comparison's order."""
    return [(pair, index) for pair in comparison.alignments
            for index in view.row.links.get(pair, ())]


def link_label(pair: Direction, link: Link) -> str:
    return f"{LANG_NAMES[pair[0]]} ↔ {LANG_NAMES[pair[1]]}: {corrections.name_link(pair, link)}"


def row_panel(story: Story, comparison: Comparison, mt: MTChoice, view: render.RowView,
              marks: dict) -> None:
    number = view.number
    with st.container(border=True, key="ra_panel"):
        head, close = st.columns([6, 1])
        head.markdown(f"**Row {number} — correct its pairing**")
        if close.button("Close", key="ra_close", shortcut=KEYS["close"], width="stretch"):
            st.session_state[PICK] = None
            st.rerun()
        show_notes()
        choices = row_links(comparison, view)
        if not choices:
            st.caption("This row holds no aligned link (page furniture is not aligned).")
            return
        if len(choices) > 1:
            choice = st.segmented_control(
                "Pair of versions", range(len(choices)), key=f"ra_pair_{number}", default=0,
                format_func=lambda n: link_label(*_pair_link(comparison, choices[n])))
        else:
            choice = 0
        pair, index = choices[choice if choice is not None else 0]
        link = comparison.alignments[pair].links[index]
        status = "confirmed by you" if link.status == "confirmed" else f"aligner, confidence {link.confidence:.2f}"
        st.caption(f"{link_label(pair, link)} · {link.kind} · {status}")
        link_actions(story, comparison, mt, pair, index)
        flag_actions(story, comparison, pair, index, marks)


def _pair_link(comparison: Comparison, choice: tuple[Direction, int]) -> tuple[Direction, Link]:
    pair, index = choice
    return pair, comparison.alignments[pair].links[index]


def link_actions(story: Story, comparison: Comparison, mt: MTChoice, pair: Direction, index: int) -> None:
    links = comparison.alignments[pair].links
    link = links[index]
    saved = run_fix().get("saved")
    off = saved is None  # the store is unreadable: nothing can be saved
    last = len(links) - 1
    columns = st.columns(3)
    if columns[0].button("✔ Confirm" if link.status != "confirmed" else "✘ Unconfirm", key="ra_confirm",
                         type="primary", width="stretch", disabled=off,
                         shortcut=KEYS["confirm"] if link.status != "confirmed" else None,
                         help="Keep this pairing exactly; the rest is re-aligned around it"
                         if link.status != "confirmed" else "Let the aligner decide this row again"):
        if link.status != "confirmed":
            apply(story, comparison, mt, pair, "confirm " + corrections.name_link(pair, link),
                  lambda c: corrections.confirm(links, c, index))
        else:
            apply(story, comparison, mt, pair, "unconfirm " + corrections.name_link(pair, link),
                  lambda c: corrections.unconfirm(links, c, index))
    if columns[1].button("⤒ Merge with previous", key="ra_merge_prev", width="stretch",
                         disabled=off or index == 0, shortcut=KEYS["merge_prev"]):
        apply(story, comparison, mt, pair, "merge " + corrections.name_link(pair, link) + " with the previous row",
              lambda c: corrections.merge_with_previous(links, c, index))
    if columns[2].button("⤓ Merge with next", key="ra_merge_next", width="stretch",
                         disabled=off or index == last, shortcut=KEYS["merge_next"]):
        apply(story, comparison, mt, pair, "merge " + corrections.name_link(pair, link) + " with the next row",
              lambda c: corrections.merge_with_next(links, c, index))
    columns = st.columns(3)
    with columns[0].popover("Split…", width="stretch", disabled=off or len(link.src) + len(link.tgt) < 2):
        points = corrections.split_points(link)

        def split_label(point: tuple[int, int]) -> str:
            i, j = point
            head = Link(link.src[:i], link.tgt[:j])
            tail = Link(link.src[i:], link.tgt[j:])
            return f"{corrections.name_link(pair, head)}  ‖  {corrections.name_link(pair, tail)}"

        at = st.selectbox("Where to split (the two rows it makes)", points, key=f"ra_split_at_{link_key(pair, link)}",
                          format_func=split_label) if points else None
        if st.button("Split here", key="ra_split", width="stretch", disabled=not points):
            i, j = at
            apply(story, comparison, mt, pair, f"split {corrections.name_link(pair, link)} into {split_label(at)}",
                  lambda c: corrections.split(links, c, index, i, j))
    with columns[1].popover("Move a sentence…", width="stretch", disabled=off):
        moves = []
        for side, lang, ids in (("src", pair[0], link.src), ("tgt", pair[1], link.tgt)):
            if ids and index < last:
                moves.append((side, "next", f"Move {lang}:{ids[-1]} down to the next row"))
            if ids and index > 0:
                moves.append((side, "previous", f"Move {lang}:{ids[0]} up to the previous row"))
        if not moves:
            st.caption("No sentence here can move to a neighbouring row.")
        for side, to, label in moves:
            if st.button(label, key=f"ra_move_{side}_{to}", width="stretch"):
                apply(story, comparison, mt, pair, label[0].lower() + label[1:],
                      lambda c, side=side, to=to: corrections.move_segment(links, c, index, side, to))
    with columns[2].popover("Moved passage…", width="stretch", disabled=off or not link.is_null):
        moved_actions(story, comparison, mt, pair, index)


def moved_actions(story: Story, comparison: Comparison, mt: MTChoice, pair: Direction, index: int) -> None:
    """A sentence one version has alone, paired with its counterpart elsewhere in the other."""
    links = comparison.alignments[pair].links
    link = links[index]
    if not link.is_null:
        return
    lang, other_lang = (pair[0], pair[1]) if link.src else (pair[1], pair[0])
    other_side = "tgt" if link.src else "src"
    document = story.documents[other_lang]
    alone = [getattr(l, other_side)[0] for l in links if l.is_null and getattr(l, other_side)]
    others = alone + [i for i in range(len(document.segments))
                      if i not in alone and document.segments[i].kind != "meta"]
    if not others:
        st.caption(f"The {LANG_NAMES[other_lang]} has no sentence to pair it with.")
        return
    own = link.src or link.tgt
    st.caption(f"{lang}:{','.join(map(str, own))} stands alone. If the {LANG_NAMES[other_lang]} has it "
               "elsewhere (the desk moved it), pair the two:")
    target = st.selectbox(f"Its {LANG_NAMES[other_lang]} counterpart", others, key=f"ra_moved_to_{link_key(pair, link)}",
                          format_func=lambda i: f"{other_lang}:{i}"
                          + (" (stands alone)" if i in alone else "") + " — "
                          + _clip(document.segments[i].text))
    if st.button("Pair as moved", key="ra_moved", width="stretch"):
        apply(story, comparison, mt, pair,
              f"pair {lang}:{','.join(map(str, own))} with {other_lang}:{target} as moved",
              lambda c: corrections.pair_moved(links, c, index, (target,)))


def flag_actions(story: Story, comparison: Comparison, pair: Direction, index: int, marks: dict) -> None:
    """The link's flags, each to dismiss (a false alarm) or tick (checked), or to bring back
    (compare.triage's store; the flags issue owns what a mark means)."""
    from review.corrections import triage_store

    flags = [(flag, fid) for p, i, flag, fid in triage.link_flags(comparison) if p == pair and i == index]
    if not flags:
        return
    st.caption("Flags of this pair:")
    for n, (flag, fid) in enumerate(flags):
        terms = " → ".join(t for t in (flag.source_term, flag.target_term) if t)
        label = f"{render.badge_label(flag.kind)}" + (f": {terms}" if terms else "")
        text, false_alarm, checked = st.columns([3, 1.2, 1])
        shown = md_escape(label)  # "# number" would be a heading; terms are user text
        text.markdown(shown if fid not in marks else f"~~{shown}~~ ({marks[fid][0].replace('_', ' ')})")
        if fid in marks:
            if false_alarm.button("Bring back", key=f"ra_flag_{n}_undo", width="stretch"):
                _triage(lambda: triage_store().undo(story, fid), f"{label}: shown again")
        else:
            if false_alarm.button("Dismiss", key=f"ra_flag_{n}_false_alarm", width="stretch",
                                  help="A false alarm: it leaves the counts and the table"):
                _triage(lambda: triage_store().mark(story, fid, "false_alarm"), f"{label}: dismissed as a false alarm")
            if checked.button("Checked", key=f"ra_flag_{n}_checked", width="stretch",
                              help="Looked at and kept as it is: it leaves the counts"):
                _triage(lambda: triage_store().mark(story, fid, "checked"), f"{label}: marked checked")


def _triage(do, said: str) -> None:
    try:
        do()
    except InputError as error:
        st.session_state[REFUSED] = f"Not done: {error}"
    else:
        st.session_state[NOTE] = said + " (Bring back undoes it)."
    st.rerun()


def link_key(pair: Direction, link: Link) -> str:
    """A widget key per link, so that a choice made for one link is never offered for another."""
    return f"{pair[0]}{pair[1]}_{'-'.join(map(str, link.src))}_{'-'.join(map(str, link.tgt))}"


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


# ---------------------------------------------------------------- applying one

def undo_redo(story: Story, comparison: Comparison, saved, where) -> None:
    """Undo and redo of this story's corrections, on screen in every state (disabled when
    there is nothing to do); each applies to the version this page shows, never to one another
    session saved since (the store refuses, saying so)."""
    from review.resources import store

    left, right = where.columns(2)
    undo = left.button("↶ Undo", key="fix_undo", width="stretch", shortcut=KEYS["undo"],
                       disabled=not (saved and saved.undo),
                       help=f"Undo: {saved.undo} ({KEYS['undo']})" if saved and saved.undo else "Nothing to undo")
    redo = right.button("↷ Redo", key="fix_redo", width="stretch", shortcut=KEYS["redo"],
                        disabled=not (saved and saved.redo),
                        help=f"Redo: {saved.redo} ({KEYS['redo']})" if saved and saved.redo else "Nothing to redo")
    if not (undo or redo):
        return
    try:
        done = (store().undo if undo else store().redo)(story, expect=saved.version)
    except InputError as error:
        st.session_state[REFUSED] = f"Not done: {error}"
    else:
        word = "Undone" if undo else "Redone"
        if done:
            remember(comparison, f"{word}: {done}")
        else:
            st.session_state[NOTE] = f"Nothing to {word[:-2].lower()}."
    st.rerun()


def snapshot(comparison: Comparison) -> dict:
    return {pair: [(l.src, l.tgt, l.status, l.role) for l in alignment.links]
            for pair, alignment in comparison.alignments.items()}


def apply(story: Story, comparison: Comparison, mt: MTChoice, pair: Direction, what: str, operation) -> None:
    """Save one correction (the whole new set checked first) and show the page again with a
    note of what it changed; refused: one line why, nothing saved."""
    from review.corrections import _trial
    from review.resources import store

    try:
        store().change(story, pair, operation, what, check=lambda state: _trial(story, mt, pair, state))
    except InputError as error:
        st.session_state[REFUSED] = f"Not applied, nothing saved: {error}"
        st.rerun()
    remember(comparison, f"Saved: {what}")
    st.rerun()


def remember(comparison: Comparison, said: str) -> None:
    """Before a change: the alignment as it stands, so the next run can say what changed."""
    st.session_state[AFTER] = {"said": said, "before": snapshot(comparison)}


def after_change(comparison: Comparison) -> None:
    """After a change, undo or redo: the note of what it did, and the row that now shows it."""
    if AFTER not in st.session_state:
        return
    record = st.session_state.pop(AFTER)
    phrases, first = [], None
    where = link_rows(comparison)
    for pair, alignment in comparison.alignments.items():
        before = [Link(src, tgt, status=status, role=role)
                  for src, tgt, status, role in record["before"].get(pair, [])]
        said = corrections.describe_change(pair, before, alignment.links, LANG_NAMES)
        if said and first is None:
            old = {(l.src, l.tgt, l.status) for l in before}
            index = next(i for i, l in enumerate(alignment.links) if (l.src, l.tgt, l.status) not in old)
            first = where.get(pair, {}).get(index)
        phrases += [(pair, p) for p in said]
    several = len({pair for pair, _ in phrases}) > 1
    phrases = [f"{pair[0]}↔{pair[1]}: {p}" if several else p for pair, p in phrases]
    note = record["said"] + (". " + "; ".join(phrases) + "." if phrases else
                             ". The alignment was already so: nothing else changed.")
    st.session_state[NOTE] = note
    if first is not None:
        st.session_state[PICK] = first

