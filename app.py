"""Review a wire story side by side: English | Russian | Belarusian, with the places where the
English is softer or sharper, number/name/quote checks, corrections and exports.

Run: `bash scripts/app.sh` (README). This page only lays things out: reading, aligning,
analysing, correcting and exporting live in the `compare` package (compare/render.py turns a
Comparison into escaped HTML; this file never puts user text into HTML itself).

Per-browser-session state (uploads, pasted text, choices, the correction being prepared) lives
in st.session_state, so two people using one server never see each other's; what is shared is
read-only (cached stories and comparisons, keyed by a hash of their texts) and the corrections
store, where a correction lands only when the user applies it.
"""
from __future__ import annotations

import traceback

import streamlit as st


# A wider sidebar (px) than the default, so that story titles and labels fit there.
st.set_page_config(page_title="Wire translation review", page_icon="📰", layout="wide",
                   initial_sidebar_state=340)

# Said before the heavy imports (the aligner, numpy, the analysers: seconds on a cold server),
# so that a first visitor reads what is loading instead of a bare page; emptied once the
# story's table is on the page.
_LOADING = st.empty()
if not st.session_state.get("loaded"):
    _LOADING.info("Loading the aligner and the checks (a freshly started server takes a few "
                  "seconds for its first page)…")

from compare import render, render_triage  # noqa: E402
from compare.model import LANG_NAMES, InputError  # noqa: E402
from review.common import CORPORA, Sidebar, messages, new_run  # noqa: E402
from review.comparison import build_comparison  # noqa: E402
from review.corrections import show_corrections  # noqa: E402
from review.exports import show_exports  # noqa: E402
from review.inputs import pick_story  # noqa: E402
from review.mt import mt_settings  # noqa: E402
from review.triage import load_triage, show_triage  # noqa: E402
from review.resources import bundled_stories  # noqa: E402
from review.row_actions import show_aligned  # noqa: E402
from review.views import show_header, show_numbers_explained, show_overview, show_rows  # noqa: E402
from review.sources_view import show_sources  # noqa: E402
from review.words import show_words_table, word_links_toggle  # noqa: E402


# ---------------------------------------------------------------- page

def story_from_link() -> None:
    """`?story=<sample folder>` opens that sample story in a new session (a link to a story);
    only a name the picker lists is taken."""
    name = st.query_params.get("story", "")
    if name and "bundled" not in st.session_state:
        folder = str(CORPORA / name)
        if folder in bundled_stories(str(CORPORA)):
            st.session_state["bundled"] = folder


def main() -> None:
    st.title("Wire translation review")
    st.caption("English, Russian and Belarusian versions of one story, sentence by sentence: the "
               "badges mark where the English is sharper (▲) or softer (▼) or a number, date, name or "
               "quote differs — click one for the evidence. Runs on this computer.")
    st.html(render.APP_CSS + render_triage.CSS)
    new_run(st.container())
    side = Sidebar()
    story_from_link()
    try:
        with side.story:
            story = pick_story()
        if story is None:
            return
        with side.mt:
            mt = mt_settings(story)
        if not st.session_state.get("loaded"):
            _LOADING.info(f"Aligning “{story.meta.title or story.id}” and running the checks…")
        with messages().container(), st.spinner(
                f"Aligning {len(story.langs)} versions ({', '.join(LANG_NAMES[l] for l in story.langs)}) "
                "and running the checks…"):
            comparison = build_comparison(story, mt)
    except InputError as error:
        st.error(str(error))
        return
    finally:
        _LOADING.empty()
        st.session_state["loaded"] = True
    st.session_state["comparison"] = comparison  # this session's; tests and exports read it
    if "flash" in st.session_state:
        st.success(st.session_state.pop("flash"))
    # Marked and muted flags: out of the counts, the chart and the ranking, greyed in the table
    # with their mark; exports take every flag with its triage state.
    triaged = load_triage(story, comparison)
    views = render_triage.attach_set_aside(render.row_views(triaged.shown), comparison, triaged.hidden)
    show_header(story, comparison)
    show_sources(comparison)  # a compiled story: its originals, each paragraph's source, what is unused
    overview = st.container()  # drawn above the filters, filled once their values are known
    filtered, show_mt = show_rows(comparison, views)
    with overview:
        show_overview(comparison, views, filtered)
    if word_links_toggle():  # a view for reading: which words correspond; corrections with it off
        show_words_table(comparison, views, filtered, show_mt)
    else:
        show_aligned(story, comparison, mt, views, filtered, show_mt, triaged.marks)
    show_numbers_explained(comparison)
    with side.fix:
        show_corrections(story, comparison, mt)
    with side.export:
        st.session_state["export_comparison"] = triaged.annotated  # what the buttons hand over
        show_exports(triaged.annotated)
    with side.triage:
        show_triage(story, comparison, triaged)


try:
    main()
except Exception as error:  # never a traceback on the page: one line, details in the log
    traceback.print_exc()
    st.error(f"Something went wrong: {type(error).__name__}: {error}. The details are in the "
             "terminal that runs the app.")
