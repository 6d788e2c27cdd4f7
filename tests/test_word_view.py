"""Word links and glosses in the aligned view (compare/word_view.py, review/words.py): a word
and its counterpart share a class that lights both on hover or focus; unmatched content words
are marked faintly; the gloss says it is no translation; user text stays text."""
import re

import lxml.html
import pytest

from compare import contrast, render
from compare.bridge import GLOSS_LABEL, get_bridge
from compare.word_view import LINK_BACKGROUND, WORDS_CSS, gloss_html, row_style, word_spans, words_html

pytestmark = pytest.mark.skipif(get_bridge() is None, reason="the dictionary bridge is off here")

TEXTS = {"en": "The centre is in talks with two packaging companies.",
         "ru": "Центр ведет переговоры с двумя упаковочными предприятиями.",
         "be": "Цэнтр вядзе перамовы з двума ўпаковачнымі прадпрыемствамі."}
LANGS = ("en", "ru", "be")


def cell(lang: str):
    spans, _ = word_spans(7, TEXTS, LANGS, "ru")
    return lxml.html.fromstring(f"<div>{words_html(TEXTS[lang], spans[lang])}</div>")


def classes_of(fragment, word: str) -> set[str]:
    [span] = [s for s in fragment.xpath("//span") if s.text_content() == word]
    return set(span.get("class").split())


@pytest.mark.parametrize("english, russian", [("talks", "переговоры"), ("centre", "Центр"), ("two", "двумя")])
def test_a_word_and_its_counterpart_share_a_class_and_are_focusable(english, russian):
    en, ru = cell("en"), cell("ru")
    shared = (classes_of(en, english) & classes_of(ru, russian)) - {"w"}
    assert len(shared) == 1 and shared.pop().startswith("w7-")
    [span] = [s for s in ru.xpath("//span") if s.text_content() == russian]
    assert span.get("tabindex") == "0" and english in span.get("title")  # a click focuses it


def test_the_english_word_lights_both_originals():
    en, ru, be = cell("en"), cell("ru"), cell("be")
    talks = classes_of(en, "talks") - {"w"}
    assert talks <= classes_of(ru, "переговоры") and talks <= classes_of(be, "перамовы")


def test_each_pair_gets_hover_and_focus_rules_of_its_row():
    _, pairs = word_spans(7, TEXTS, LANGS, "ru")
    style = row_style(pairs)
    for css in pairs:
        assert f"tr:has(.{css}:hover) .{css}" in style and f"tr:has(.{css}:focus) .{css}" in style
    assert row_style([]) == ""


def test_an_unmatched_content_word_is_marked_faintly():
    texts = {"en": "The centre is in talks with two packaging companies and a bank.",
             "ru": "Центр ведет переговоры с двумя упаковочными предприятиями."}
    spans, _ = word_spans(1, texts, ("en", "ru"), "ru")
    fragment = lxml.html.fromstring(f"<div>{words_html(texts['en'], spans['en'])}</div>")
    [bank] = [s for s in fragment.xpath("//span") if s.text_content() == "bank"]
    assert bank.get("class") == "wl" and bank.get("tabindex") is None
    assert "no counterpart" in bank.get("title")


def test_user_text_is_escaped_in_word_cells():
    texts = {"en": "The <b>centre</b> & <script>alert(1)</script> talks.",
             "ru": "Центр <script>alert(1)</script> переговоры."}
    spans, _ = word_spans(2, texts, ("en", "ru"), "ru")
    for lang in ("en", "ru"):
        fragment = lxml.html.fromstring(f"<div>{words_html(texts[lang], spans[lang])}</div>")
        assert not fragment.xpath("//script|//b")  # no markup of the user's
        assert fragment.text_content() == texts[lang]  # shown as the text it is


def test_the_gloss_is_labelled_as_no_translation_and_escaped():
    out = gloss_html("Центр ведет <i>переговоры</i>.", "ru")
    assert GLOSS_LABEL in out and "dictionary gloss — not a translation" in out
    assert "<i>" not in out and "negotiation" in out and "centre" in out
    assert gloss_html("The centre.", "en") == ""


def test_the_hover_colour_and_the_faint_mark_keep_the_text_readable():
    assert contrast.ratio(render.TEXT, LINK_BACKGROUND) >= contrast.AA
    pairs = contrast.text_pairs(WORDS_CSS, render.TEXT, {"the page": "#ffffff"})
    assert pairs and all(value >= contrast.AA for *_, value in pairs), pairs
    assert "opacity" not in WORDS_CSS and "color:#8a8f98" not in WORDS_CSS  # grey only on the line


def test_the_table_with_word_links_keeps_every_row_and_its_badges():
    from compare.corpus import load_corpus
    from compare.pipeline import compare_story
    from compare.word_view import words_table_html

    corpus = load_corpus(render_root(), check_lang=False)
    story = corpus.story("politics-talks-vitebsk")
    views = render.row_views(compare_story(story))[:8]
    page = words_table_html(views, story.langs, render.original_lang(story))
    tree = lxml.html.fromstring(page[page.index("<table"):])
    assert len(tree.xpath("//tr[starts-with(@id, 'row-')]")) == len(views)
    assert tree.xpath("//span[contains(@class, 'w ')]") and tree.xpath("//details[@class='gloss']")
    assert re.search(r"tr:has\(\.w\d+-\d+:hover\)", page)


def render_root():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "corpora"
