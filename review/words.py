"""The aligned table with word links and dictionary glosses (compare.word_view): a toggle above
the table; when on, the table shows which words correspond instead of the flags' highlights."""
from __future__ import annotations

import streamlit as st

from compare import render
from compare.model import Comparison


def word_links_toggle() -> bool:
    return st.toggle("Word links and glosses", key="word_links",
                     help="Hover or click a word: its counterpart in the other versions lights up. "
                          "Words the dictionaries could not pair have a faint dotted underline. Each "
                          "original's cell gets a “gloss”: a word-by-word dictionary gloss, not a "
                          "translation. The flags' highlights are off while this is on; the badges stay.")


def show_words_table(comparison: Comparison, views: list[render.RowView], shown: list[render.RowView],
                     show_mt: bool) -> None:
    from compare.word_view import words_table_html

    story = comparison.story
    st.html(render.PAGE_CSS + f'<div class="legend">Showing {len(shown)} of {len(views)} rows · word '
            'links: hover or click a word to light up its counterpart · '
            '<span style="text-decoration:underline dotted #8a8f98 1px;text-underline-offset:3px">'
            'dotted</span>: no counterpart found by the dictionaries (not proof of an omission) · '
            '“gloss”: dictionary gloss — not a translation</div>')
    with st.spinner("Pairing the words…"):
        table = words_table_html(shown, story.langs, render.original_lang(story), show_mt=show_mt)
    st.html(render.PAGE_CSS + table)
