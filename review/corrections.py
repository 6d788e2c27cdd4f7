"""Corrections made on the alignment (checked before saving, undo/redo); triage of flags is in
review/triage.py."""
from __future__ import annotations

import os
import traceback

import streamlit as st

from compare import corrections
from compare.model import Comparison, InputError, Story
from compare.store import STORE_ENV
from review.common import Direction, MTChoice, run_fix
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


def show_corrections(story: Story, comparison: Comparison, mt: MTChoice) -> None:
    """The sidebar's part of the corrections: how to make one, what is saved, what failed.
    Corrections themselves are made on the row (review/row_actions.py)."""
    st.subheader("2 · Correct the alignment")
    st.caption("Click a row's number (✎) in the table, or press J / K: its corrections open "
               "under it. Your fixes are checked, saved for the next time you open the story, "
               "and the rest is re-aligned around them. Undo and Redo are above the table.")
    saved = run_fix().get("saved")
    if "flash_error" in st.session_state:
        st.error(st.session_state.pop("flash_error"))
    show_history(saved)
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


def show_history(saved) -> None:
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
