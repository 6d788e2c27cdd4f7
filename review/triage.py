"""Triage of flags in the sidebar: mark a flag false alarm or checked (with a note), mute a kind
or a term for this story or for all stories, list and remove mutes, undo and redo the story's
triage changes. The work is compare.triage's; this part only lays it out.

`load_triage` is called once per run by app.py: the comparison the page counts and ranks (marked
and muted flags taken out), the set-aside flags to show greyed, and the comparison exports take
(every flag, carrying its triage state)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import streamlit as st

from compare import triage
from compare.model import Comparison, InputError, Story
from compare.store import STORE_ENV


@st.cache_resource(show_spinner=False)
def triage_stores(path: str) -> triage.TriageStore:
    return triage.TriageStore(path or None)


def triage_store() -> triage.TriageStore:
    return triage_stores(os.environ.get(STORE_ENV, ""))


@dataclass(frozen=True)
class TriageView:
    shown: Comparison  # marked and muted flags taken out: what counts, charts and ranking use
    annotated: Comparison  # every flag, carrying its triage state: what exports take
    hidden: dict = field(default_factory=dict)  # (pair, link index) → [(flag, mark, note)]
    marks: dict = field(default_factory=dict)
    mutes: tuple = ()
    error: str = ""  # the store cannot be read: triage is off, every flag shows


def load_triage(story: Story, comparison: Comparison) -> TriageView:
    try:
        marks, mutes = triage_store().state(story)
    except InputError as error:  # a damaged or unreadable store: the story opens without triage
        return TriageView(comparison, comparison, error=str(error))
    shown, hidden = triage.apply_triage(comparison, marks, mutes)
    annotated = triage.annotate(comparison, marks, mutes) if marks or mutes else comparison
    return TriageView(shown, annotated, hidden, marks, tuple(mutes))


def _rows(comparison: Comparison) -> dict:
    where: dict = {}
    for number, row in enumerate(comparison.rows):
        for pair, indices in row.links.items():
            for index in indices:
                where.setdefault(pair, {})[index] = number
    return where


def _do(action, done: str) -> None:
    """Run a store change; its word (or its one-line refusal) is shown after the rerun."""
    try:
        said = action()
    except InputError as error:
        st.session_state["triage_error"] = f"Not done: {error}"
    else:
        st.session_state["flash"] = done.format(said=said)
    st.rerun()


def show_triage(story: Story, comparison: Comparison, view: TriageView | dict) -> None:
    """comparison: the whole one (every flag, so a marked flag can be found and unmarked)."""
    if isinstance(view, dict):  # the first version of this part took the marks alone
        view = TriageView(comparison, comparison, marks=view)
    st.subheader("5 · Triage flags")
    if view.error:
        st.warning(f"Triage marks are off: {view.error}")
        return
    if "triage_error" in st.session_state:
        st.error(st.session_state.pop("triage_error"))
    marks, mutes = view.marks, list(view.mutes)
    entries = list(triage.link_flags(comparison))
    rows = _rows(comparison)

    def state(n: int) -> str:
        pair, index, flag, fid = entries[n]
        found = triage.flag_state(flag, fid, marks, mutes)
        return f" [{found[0].replace('_', ' ')}]" if found else ""

    def describe(n: int) -> str:
        pair, index, flag, fid = entries[n]
        terms = " → ".join(t for t in (flag.source_term, flag.target_term) if t)
        return f"Row {rows.get(pair, {}).get(index, '?')} {pair[0]}↔{pair[1]}: {flag.kind} {terms}{state(n)}"

    if not entries:
        st.caption("No flags to triage.")
    else:
        n = st.selectbox("Flag", range(len(entries)), format_func=describe, key="triage_flag")
        fid = entries[n][3]
        mark = st.radio("Mark", list(triage.MARKS), horizontal=True, key="triage_mark",
                        format_func=lambda m: m.replace("_", " "))
        note = st.text_input("Note (optional)", key="triage_note")
        left, right = st.columns(2)
        if left.button("Mark", key="triage_apply", width="stretch"):
            _do(lambda: triage_store().mark(story, fid, mark, note),
                f"Marked {mark.replace('_', ' ')}: {describe(n)}.")
        if right.button("Clear its mark", key="triage_undo", disabled=fid not in marks,
                        width="stretch", help="Take back this flag's latest mark"):
            _do(lambda: triage_store().undo(story, fid), f"Mark taken back: {describe(n).split(' [')[0]}.")
    show_mutes(story, comparison, mutes)
    show_triage_undo(story)
    hidden = sum(len(items) for items in view.hidden.values())
    if hidden:
        st.caption(f"{hidden} flag(s) set aside ({len(marks)} marked, the rest muted): shown "
                   "greyed in the table, left out of the counts, the chart and *Look here first* "
                   "(`report --no-triage` shows them as new).")


def show_mutes(story: Story, comparison: Comparison, mutes: list) -> None:
    """The ignore list: add a kind or a term, for this story or all; remove an entry."""
    st.markdown("**Mute** (an ignore list): leave out every flag of a kind, or with a term")
    what = st.radio("Mute", ["kind", "term"], horizontal=True, key="mute_what",
                    label_visibility="collapsed",
                    format_func=lambda w: "a kind of flag" if w == "kind" else "a term")
    if what == "kind":
        kinds = sorted({flag.kind for _, _, flag, _ in triage.link_flags(comparison)}) or list(triage.KNOWN_KINDS)
        value = st.selectbox("Kind", kinds, key="mute_kind")
    else:
        value = st.text_input("Term (a word or phrase a flag names, either side)", key="mute_term")
    everywhere = st.checkbox("For all stories", key="mute_all")
    if st.button("Mute", key="mute_apply", width="stretch", disabled=not str(value).strip()):
        def add():
            kind, parsed = triage.parse_mute(f"{what}:{value}", comparison)
            return triage_store().mute(story, kind, parsed, all_stories=everywhere).describe()
        _do(add, "Muted {said}.")
    st.caption(f"Muted here: {len(mutes)}" + (" (remove one below)" if mutes else " — nothing"))
    for number, mute in enumerate(mutes):
        note = f" — {mute.note}" if mute.note else ""
        if st.button(f"Unmute {mute.describe()}{note}", key=f"unmute_{number}", width="stretch",
                     help="Remove it from the ignore list: its flags count again"):
            _do(lambda mute=mute: triage_store().unmute(story, mute.what, mute.value,
                                                         all_stories=mute.all_stories).describe(),
                "Unmuted {said}.")


def show_triage_undo(story: Story) -> None:
    """Undo and redo of the story's triage changes (marks and mutes made from this story)."""
    try:
        undo, redo = triage_store().undo_redo(story)
    except InputError as error:
        st.caption(f"Undo is not available: {error}")
        return
    left, right = st.columns(2)
    if left.button("Undo triage", key="triage_undo_last", width="stretch", disabled=not undo,
                   help=f"Undo: {undo}" if undo else "Nothing to undo"):
        _do(lambda: triage_store().undo_last(story), "Undone: {said}.")
    if right.button("Redo triage", key="triage_redo_last", width="stretch", disabled=not redo,
                    help=f"Redo: {redo}" if redo else "Nothing to redo"):
        _do(lambda: triage_store().redo_last(story), "Redone: {said}.")

