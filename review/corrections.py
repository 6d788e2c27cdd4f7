"""Corrections made on the alignment (checked before saving, undo/redo); triage of flags is in
review/triage.py."""
from __future__ import annotations

import os
import traceback

import streamlit as st

from compare import corrections
from compare.model import LANG_NAMES, Comparison, InputError, Link, Story
from compare.store import STORE_ENV
from review.common import Direction, MTChoice, md_escape, run_fix
from review.comparison import comparison_with
from review.resources import store



def link_rows(comparison: Comparison) -> dict[Direction, dict[int, int]]:
    """pair → link index → the row number that shows it."""
    where: dict[Direction, dict[int, int]] = {}
    for number, row in enumerate(comparison.rows):
        for pair, indices in row.links.items():
            for index in indices:
                where.setdefault(pair, {})[index] = number
    return where


def _snippet(story: Story, lang: str, ids: tuple[int, ...], limit: int = 70) -> str:
    text = " ".join(story.documents[lang].segments[i].text for i in ids)
    return (text[:limit - 1] + "…" if len(text) > limit else text) or "—"


def correction_actions(pair: Direction, link: Link) -> dict[str, tuple]:
    """label → (operation, arguments) for one link; only the moves that make sense for it."""
    src, tgt = LANG_NAMES[pair[0]], LANG_NAMES[pair[1]]
    actions: dict[str, tuple] = {"Confirm: this pairing is right": ("confirm",)}
    actions["Merge with the next pair"] = ("merge",)
    if len(link.src) + len(link.tgt) >= 2:  # 1-1 too: splitting it unpairs the two sentences
        actions["Split in two"] = ("split",)
    for side, name, ids in (("tgt", tgt, link.tgt), ("src", src, link.src)):
        if ids:
            actions[f"Move its last {name} sentence down to the next pair"] = ("move", side, "next")
            actions[f"Move its first {name} sentence up to the previous pair"] = ("move", side, "previous")
    if link.status == "confirmed":
        actions["Unconfirm (let the aligner decide again)"] = ("unconfirm",)
    return actions


def show_corrections(story: Story, comparison: Comparison, mt: MTChoice) -> None:
    st.subheader("2 · Correct the alignment")
    st.caption("Pick a row of the table, fix how its sentences are paired; the rest is "
                       "re-aligned around your fixes, which are saved for the next time you open "
                       "the story.")
    saved = run_fix().get("saved")
    if "flash_error" in st.session_state:
        st.error(st.session_state.pop("flash_error"))
    where = link_rows(comparison)
    pairs = list(comparison.alignments)
    pair = st.selectbox("Pair of versions", pairs, key="fix_pair",
                                format_func=lambda p: f"{LANG_NAMES[p[0]]} ↔ {LANG_NAMES[p[1]]}")
    alignment = comparison.alignments[pair]
    rows_of = where.get(pair, {})

    def describe(index: int) -> str:
        link = alignment.links[index]
        mark = "✔ " if link.status == "confirmed" else ""
        return (f"{mark}Row {rows_of.get(index, '?')}: {pair[0]} {list(link.src) or '—'} ↔ "
                f"{pair[1]} {list(link.tgt) or '—'}")

    order = sorted(range(len(alignment.links)), key=lambda i: (rows_of.get(i, 10 ** 6), i))
    index = st.selectbox("Pair of sentences (by row)", order, format_func=describe, key="fix_link")
    if index not in order:  # a choice kept from before a re-alignment that has fewer links
        index = order[0]
    link = alignment.links[index]
    st.markdown(f"**{LANG_NAMES[pair[0]]}:** {md_escape(_snippet(story, pair[0], link.src))}  \n"
                f"**{LANG_NAMES[pair[1]]}:** {md_escape(_snippet(story, pair[1], link.tgt))}")
    actions = correction_actions(pair, link)
    label = st.selectbox("What to do", list(actions), key="fix_action")
    operation = actions[label]
    src_at = tgt_at = 0
    if operation[0] == "split":
        columns = st.columns(2)
        src_at = columns[0].number_input(f"{pair[0]} sentences in the first part", 0, len(link.src),
                                         min(1, len(link.src)), key="split_src")
        tgt_at = columns[1].number_input(f"{pair[1]} sentences in the first part", 0, len(link.tgt),
                                         min(1, len(link.tgt)), key="split_tgt")
    if st.button("Apply and re-align", type="primary", key="fix_apply", width="stretch",
                 disabled=saved is None):
        links = alignment.links

        def change(confirmed: list[Link]) -> list[Link]:
            # applied to the confirmations current when it is saved (another session's included)
            if operation[0] == "confirm":
                return corrections.confirm(links, confirmed, index)
            if operation[0] == "unconfirm":
                return corrections.unconfirm(links, confirmed, index)
            if operation[0] == "merge":
                return corrections.merge_with_next(links, confirmed, index)
            if operation[0] == "split":
                return corrections.split(links, confirmed, index, int(src_at), int(tgt_at))
            return corrections.move_segment(links, confirmed, index, operation[1], operation[2])

        what = f"{label.split(':')[0].lower()} — row {rows_of.get(index, '?')}, {pair[0]}↔{pair[1]}"
        try:
            store().change(story, pair, change, what, check=lambda state: _trial(story, mt, pair, state))
        except InputError as error:
            st.error(f"Not applied, nothing saved: {error}")
        else:
            st.session_state["flash"] = f"Saved: {what}. The rest was re-aligned around your fixes."
            st.rerun()
    show_undo_redo(story, saved)
    show_unapplied(story, saved)


def _trial(story: Story, mt: MTChoice, pair: Direction, state: dict) -> dict:
    """The whole new set of confirmations, accepted only if the comparison runs with it (the
    very one the page then shows: it is cached)."""
    state = dict(state)
    state[pair] = corrections.check(story, pair, state.get(pair, []), align=False)
    state = {p: links for p, links in state.items() if links}
    try:
        comparison_with(story, mt, state)
    except InputError as error:
        raise InputError(f"the aligner refuses it: {error}") from None
    except Exception as error:  # noqa: BLE001 — an aligner failure must not reach the store
        traceback.print_exc()
        raise InputError(f"the aligner failed on it ({type(error).__name__}: {error})") from None
    return state


def show_undo_redo(story: Story, saved) -> None:
    """Undo and redo, per story, on screen in every state (even when nothing can be done)."""
    left, right = st.columns(2)
    undo = left.button("Undo", key="fix_undo", width="stretch", disabled=not (saved and saved.undo),
                       help=f"Undo: {saved.undo}" if saved and saved.undo else "Nothing to undo")
    redo = right.button("Redo", key="fix_redo", width="stretch", disabled=not (saved and saved.redo),
                        help=f"Redo: {saved.redo}" if saved and saved.redo else "Nothing to redo")
    if undo or redo:
        try:
            done = (store().undo if undo else store().redo)(story, expect=saved.version)
        except InputError as error:
            st.session_state["flash_error"] = f"Not done: {error}"
        else:
            word = "Undone" if undo else "Redone"
            st.session_state["flash"] = f"{word}: {done}." if done else f"Nothing to {word[:-2].lower()}."
        st.rerun()
    if saved and saved.history:
        st.caption("Saved changes, newest first: " + "; ".join(
            action for _, _, action, _ in saved.history[:4]) + (" …" if len(saved.history) > 4 else ""))
    elif saved is None and "problem" in run_fix():
        st.caption(f"Corrections are not available: {run_fix()['problem']}")


def show_unapplied(story: Story, saved) -> None:
    """Saved confirmations the page does not use (they failed, or were made on an older
    sentence splitting): listed, to undo, apply again or discard."""
    failed, aside = run_fix().get("failed", {}), (saved.set_aside if saved else {})
    if not failed and not aside:
        return
    listed = failed or aside
    st.warning(("Saved corrections not applied (they failed): " if failed else
                "Confirmations set aside, not applied (see the note above the table): ") + "; ".join(
        f"{pair[0]}↔{pair[1]} {corrections.name_link(pair, link)}"
        for pair, links in listed.items() for link in links))
    left, right = st.columns(2)
    again = right.button("Apply them again", key="fix_reapply", width="stretch", disabled=bool(failed))
    if left.button("Discard them", key="fix_discard", width="stretch"):
        try:
            (store().discard(story, "discard the corrections that failed") if failed
             else store().discard_set_aside(story))
        except InputError as error:
            st.session_state["flash_error"] = f"Not done: {error}"
        else:
            st.session_state["flash"] = "Discarded (Undo brings them back)."
        st.rerun()
    if again:
        try:
            store().apply_set_aside(story)
        except InputError as error:
            st.session_state["flash_error"] = f"Not applied, nothing saved: {error}"
        else:
            st.session_state["flash"] = "The confirmations set aside are applied again."
        st.rerun()


# Triage lives in review/triage.py; these names stay here for the code that imported them.
from review.triage import show_triage, triage_store, triage_stores  # noqa: E402,F401
