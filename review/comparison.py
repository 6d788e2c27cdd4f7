"""The story's comparison with the user's confirmed links and the MT asked for (cached)."""
from __future__ import annotations

import sys
import traceback
from dataclasses import replace

import streamlit as st

from compare.model import Comparison, InputError, Link, Story
from compare.store import story_key
from review.common import Direction, MTChoice, messages, run_fix
from review.resources import (
    cached_comparison,
    run_mt,
    saved_corrections,
    translations_memo,
)



def fixed_key(fixed: dict[Direction, list[Link]]) -> str:
    return repr(sorted((pair, [(l.src, l.tgt) for l in links]) for pair, links in fixed.items()))


def build_comparison(story: Story, mt: MTChoice) -> Comparison:
    """The story with its saved corrections; when they cannot be read or applied, without them,
    saying so (show_corrections lists them to undo or discard)."""
    saved, problem = saved_corrections(story)
    fixed = dict(saved.confirmed) if saved else {}
    notes = list(saved.notes) if saved else []
    try:
        comparison = comparison_with(story, mt, fixed)
    except Exception as error:  # noqa: BLE001 — saved corrections must never lock a story
        if not fixed:
            raise
        if isinstance(error, InputError):  # the aligner refuses them: one line in the log
            print(f"{story.id}: saved corrections not applied: {error}", file=sys.stderr)
        else:
            traceback.print_exc()
        comparison = comparison_with(story, mt, {})
        problem = (f"Your saved corrections of this story could not be applied "
                   f"({type(error).__name__}: {error}); it opens without them. They are listed "
                   "under “Correct the alignment”: undo or discard them.")
        run_fix()["failed"] = fixed
    if problem:
        notes.insert(0, problem)
        messages().warning(problem)
    return replace(comparison, notes=tuple(notes) + comparison.notes) if notes else comparison


def comparison_with(story: Story, mt: MTChoice, fixed: dict[Direction, list[Link]]) -> Comparison:
    key = story_key(story)
    translations, notes = {}, []
    if mt.on:
        translations, notes = machine_translations(story, key, mt)
    return cached_comparison(story, key, fixed_key(fixed), mt.key, translations, fixed, tuple(notes),
                             mt.apertium_alignment)


def machine_translations(story: Story, key: str, mt: MTChoice):
    memo = translations_memo()
    if (key, mt.key) in memo:
        return memo[(key, mt.key)]
    bar = st.progress(0.0, text="Translating…")

    def progress(what: str, done: int, total: int) -> None:
        if total:
            bar.progress(min(1.0, done / total), text=f"Translating {what}: {done} of {total} sentences")

    try:
        result = run_mt(story, mt, progress)
    finally:
        bar.empty()
    if len(memo) >= 32:
        memo.pop(next(iter(memo)))
    memo[(key, mt.key)] = result
    return result


