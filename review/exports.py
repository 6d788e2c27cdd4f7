"""Exports from the page: format, direction, which links."""
from __future__ import annotations

import streamlit as st

from compare import render
from compare.model import LANG_NAMES, Comparison, InputError



def show_exports(comparison: Comparison) -> None:
    st.subheader("4 · Export aligned pairs")
    directions = render.export_directions(comparison)
    pair = st.selectbox("Source → target for XLIFF and InterText", directions, key="export_pair",
                        format_func=lambda p: f"{LANG_NAMES[p[0]]} → {LANG_NAMES[p[1]]}",
                        help="The CAT project's source language first (a Russian → English "
                             "project in memoQ or Trados: Russian → English). TMX, XLSX, CSV and "
                             "JSONL hold every version")
    skip_null = st.checkbox("Leave out sentences one version lacks", value=True, key="export_skip_null",
                            help="Omissions and additions have an empty side: as CAT units they "
                                 "have no source or no target")
    only_confirmed = st.checkbox("Only links I confirmed or corrected", key="export_confirmed")
    min_confidence = st.slider("Lowest aligner confidence", 0.0, 1.0, 0.0, 0.05, key="export_confidence",
                               help="Leave out the links the aligner is less sure of")
    options = dict(include_null=not skip_null, min_confidence=float(min_confidence),
                   only_confirmed=only_confirmed)
    try:
        kept = render.export_count(comparison, pair, **options)
    except InputError as error:
        st.caption(str(error))
        kept = 0
    else:
        st.caption(f"{kept} pair(s) of sentences {LANG_NAMES[pair[0]]} → {LANG_NAMES[pair[1]]} pass "
                   "these settings.")
    columns = st.columns(2)
    for number, choice in enumerate(render.EXPORT_CHOICES):
        columns[number % 2].download_button(
            choice.label, data=lambda choice=choice: render.export_bytes(comparison, choice, pair, **options),
            file_name=render.export_name(comparison, choice, pair), mime=choice.mime,
            key=f"export-{choice.fmt}", on_click="ignore", width="stretch", disabled=not kept)


