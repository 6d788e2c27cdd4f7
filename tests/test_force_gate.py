"""A link the aligner is unsure of gets no softened/sharpened flags, only a note that it
looks wrong; a confirmed link is analysed whatever its confidence (issue 13, bad input)."""
import pytest

from compare.analyze.story import FORCE_MIN_CONFIDENCE, looks_wrong
from compare.model import Link


@pytest.mark.parametrize("link, gated", [
    (Link((0,), (0,), confidence=0.2), True),
    (Link((0,), (0,), confidence=FORCE_MIN_CONFIDENCE - 0.01), True),
    (Link((0,), (0,), confidence=FORCE_MIN_CONFIDENCE), False),
    (Link((0,), (0,), confidence=0.2, status="confirmed"), False),
    (Link((0,), (), confidence=0.1), False),  # a 1-0 row has no force analysis anyway
])
def test_unsure_links_are_not_analysed_for_force(link, gated):
    note = looks_wrong(link)
    assert bool(note) is gated
    if gated:
        assert "looks wrong" in note


def test_a_gated_link_keeps_its_checks_but_no_force_flags():
    from compare.analyze.story import _Side, analyze_link
    from compare.model import Document, Segment

    ru_text, en_text = "Министр подчеркнул, что 12 объектов закроют.", "The minister said 15 sites would close."
    ru = Document("ru", ru_text, (Segment(0, ru_text, 0, len(ru_text), 0),))
    en = Document("en", en_text, (Segment(0, en_text, 0, len(en_text), 0),))
    original, translation = _Side("ru", ru, (0,)), _Side("en", en, (0,))
    known = {"ru": frozenset(), "en": frozenset()}
    gated = analyze_link(original, translation, known, {}, gate="the link looks wrong")
    plain = analyze_link(original, translation, known, {})
    assert gated.verdict == "none" and "looks wrong" in gated.note
    assert not any(f.kind in ("softened", "sharpened") for f in gated.flags)
    assert any(f.kind == "softened" for f in plain.flags)
    assert any(f.kind == "number" for f in gated.flags)


@pytest.mark.parametrize("kinds, role, skipped", [
    (("title", "title"), "", True),        # headlines written anew
    (("title", "title"), "title", False),  # the aligner says they translate each other
    (("meta", "meta"), "", True),
    (("body", "body"), "", False),
    (("title", "body"), "", False),
])
def test_headlines_and_page_furniture_get_no_force_flags(kinds, role, skipped):
    from compare.analyze.story import _Side, not_story_text
    from compare.model import Document, Segment

    def side(lang, text, kind):
        return _Side(lang, Document(lang, text, (Segment(0, text, 0, len(text), 0, kind=kind),)), (0,))

    link = Link((0,), (0,), role=role)
    note = not_story_text(link, side("ru", "Президент резко осудил провокацию", kinds[0]),
                          side("en", "President comments on incident", kinds[1]))
    assert bool(note) is skipped
