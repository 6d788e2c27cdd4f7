"""Word links in the aligned view: hover or click a word and its counterpart lights up.

Each row's cells are written with every word of a word link (compare.bridge.wordalign) in a
<span> whose class it shares with its counterpart (w<row>-<offset of the English word>), and
a small stylesheet per row lights every span of that class while one of them is hovered or
focused (a click focuses it: tabindex="0"), through :has() — no script, which st.html would
strip anyway. Content words with no counterpart are marked faintly (a dotted underline in
grey), with a title saying so; that is what the dictionaries could not pair, not proof of an
omission (the partial-omission flags say when it is one).

The English is the hub: the Russian and the Belarusian words link to it, so hovering an English
word lights both originals; a row without English links its originals to each other. Every
piece of user text goes through html.escape.
"""
from __future__ import annotations

import html
from functools import lru_cache
from typing import Mapping, Sequence

from compare.model import LANG_NAMES

# Hover / focus: a light blue with an outline (not colour alone); faint: a grey dotted underline
# under text of the page's own colour (the contrast test reads these).
LINK_BACKGROUND = "#cfe3ff"
WORDS_CSS = """<style>
span.w{border-radius:2px;cursor:pointer}
span.w:focus{outline:none}
span.wl{text-decoration:underline dotted #8a8f98 1px;text-underline-offset:3px}
.glossline{font-size:0.8rem;color:#31333f;margin-top:4px}
details.gloss summary{cursor:pointer;font-size:0.75rem;color:#1c4fa3}
details.gloss .glosslabel{font-size:0.72rem;color:#5f6368;font-style:italic}
</style>"""


def _hub(texts: Mapping[str, str], langs: Sequence[str], original: str) -> str:
    if texts.get("en", "").strip():
        return "en"
    present = [lang for lang in langs if texts.get(lang, "").strip()]
    return original if original in present else (present[0] if present else "")


def word_spans(number: int, texts: Mapping[str, str], langs: Sequence[str], original: str
               ) -> tuple[dict[str, list[tuple[int, int, str, str]]], list[str]]:
    """Per language: (start, end, css classes, title) of each word to wrap; and the classes
    that pair words across the row's cells."""
    from compare.bridge.wordalign import align_words

    hub = _hub(texts, langs, original)
    spans: dict[str, dict[tuple[int, int], tuple[str, str]]] = {lang: {} for lang in langs}
    if not hub:
        return {}, []
    hub_text = texts[hub]
    hub_lonely: set[tuple[int, int]] | None = None
    hub_titles: dict[tuple[int, int], list[str]] = {}
    pair_classes: list[str] = []
    for lang in langs:
        text = texts.get(lang, "")
        if lang == hub or not text.strip():
            continue
        links, lonely_src, lonely_tgt = align_words(text, lang, hub_text, hub)
        for link in links:
            css = f"w{number}-{link.tgt.start}"
            if css not in pair_classes:
                pair_classes.append(css)
            spans[lang][(link.src.start, link.src.end)] = (
                f"w {css}", f"↔ {link.tgt.text} ({LANG_NAMES.get(hub, hub)}; {link.by})")
            hub_titles.setdefault((link.tgt.start, link.tgt.end), []).append(
                f"↔ {link.src.text} ({LANG_NAMES.get(lang, lang)}; {link.by})")
        for token in lonely_src:
            spans[lang][(token.start, token.end)] = (
                "wl", f"no counterpart found in the {LANG_NAMES.get(hub, hub)} by the dictionaries")
        lonely = {(t.start, t.end) for t in lonely_tgt}
        hub_lonely = lonely if hub_lonely is None else hub_lonely & lonely
    for (start, end), titles in hub_titles.items():
        spans[hub][(start, end)] = (f"w w{number}-{start}", "; ".join(titles))
    for key in sorted(hub_lonely or ()):
        if key not in spans[hub]:
            spans[hub][key] = ("wl", "no counterpart found in the other version(s) by the dictionaries")
    return ({lang: sorted((s, e, css, title) for (s, e), (css, title) in found.items())
             for lang, found in spans.items()}, pair_classes)


@lru_cache(maxsize=4096)
def _spans(number: int, texts: tuple[tuple[str, str], ...], langs: tuple[str, ...], original: str):
    """word_spans, remembered: a page redrawn on every click re-reads the same rows."""
    return word_spans(number, dict(texts), langs, original)


def words_html(text: str, spans: Sequence[tuple[int, int, str, str]]) -> str:
    """`text` escaped, each span wrapped (linked words focusable, so a click lights them too)."""
    out, at = [], 0
    for start, end, css, title in spans:
        if start < at:
            continue  # overlapping tokens (a contraction's two halves): the first one wins
        out.append(html.escape(text[at:start]))
        focus = ' tabindex="0"' if css.startswith("w ") else ""
        out.append(f'<span class="{html.escape(css)}"{focus} title="{html.escape(title)}">'
                   f"{html.escape(text[start:end])}</span>")
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def row_style(pair_classes: Sequence[str]) -> str:
    """The rules that light a word pair of one row while one of its words is hovered or focused."""
    if not pair_classes:
        return ""
    rules = "".join(f"tr:has(.{css}:hover) .{css},tr:has(.{css}:focus) .{css}"
                    f"{{background:{LINK_BACKGROUND};outline:1px solid #1c4fa3}}" for css in pair_classes)
    return f"<style>{rules}</style>"


@lru_cache(maxsize=4096)
def gloss_html(text: str, lang: str) -> str:
    """A word-by-word dictionary gloss of an original's sentence(s) into English, behind a
    <details> ("gloss"): opened on demand, labelled as no translation."""
    from compare.bridge import GLOSS_LABEL, gloss

    if lang == "en" or not text.strip():
        return ""
    try:
        items = gloss(text, lang, "en")
    except Exception:  # noqa: BLE001 — no gloss is better than no table
        return ""
    words = " ".join(
        f"{html.escape(word)} <span class=\"glosswords\">[{html.escape('/'.join(found))}]</span>" if found
        else html.escape(word) for word, found in items)
    return (f'<details class="gloss"><summary>gloss</summary><div class="glossline">'
            f'<span class="glosslabel">{html.escape(GLOSS_LABEL)}:</span> {words}</div></details>')


def words_table_html(views, langs: Sequence[str], original: str, *, show_mt: bool = False,
                     glosses: bool = True) -> str:
    """The aligned table (compare.render.rows_table_html) with word links in every cell, each
    row's stylesheet in its number cell, and a gloss under each non-English cell."""
    from compare import render

    spans = {view.number: _spans(view.number, tuple(sorted(view.texts.items())), tuple(langs), original)
             for view in views}

    def text_html(view, lang: str) -> str:
        found = spans[view.number][0].get(lang, [])
        text = view.texts.get(lang, "")
        return words_html(text, found) + (gloss_html(text, lang) if glosses else "")

    def row_extra(view) -> str:
        return row_style(spans[view.number][1])

    return WORDS_CSS + render.rows_table_html(views, langs, original, show_mt=show_mt,
                                              text_html=text_html, row_extra=row_extra)
