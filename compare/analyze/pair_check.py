"""Does a sentence pair given without an alignment look like a translation at all?

The `shifts` command reads pairs the user lined up (a spreadsheet, an export). A row whose two
sides are different sentences (a misalignment the user has not fixed) would get softened /
sharpened flags for every difference in wording. In a story the aligner's link confidence
answers this (analyze/story.py, FORCE_MIN_CONFIDENCE); for a bare pair we ask the dictionary
bridge instead: the share of the original's content words that it can check and finds rendered
in the translation, numbers and names both sides share counted as rendered words.

Measured with MIN_WORDS checkable words and MAX_SHARE: of 150 real sentence pairs of official
translations (private set, issue 13) none is judged wrong; of 1,237 pairs of our tables and the
corpus gold links, 3 (0.2%: heavy rewordings the bridge has no words for); of 1,387 pairs with
shuffled translations, 603 (43%) are caught — a low bar on purpose, as a translation judged
wrong loses its flags (on the dev half with shuffled translations, flagged rows fell from 22 to
10 of 60). A pair under the bar is not analysed for shifts and says why. With no dictionary for
the pair of languages nothing is judged (the bridge cannot tell).
"""
from __future__ import annotations

MAX_SHARE = 0.1  # under this share of rendered content words the pair looks wrong
MIN_WORDS = 6  # fewer checkable words than this: too little to judge, the pair is analysed


def rendered_share(source: str, target: str, src_lang: str, tgt_lang: str) -> tuple[float, int] | None:
    """(share of the source's checkable content words rendered in the target, how many were
    checkable), or None when the bridge cannot judge the pair."""
    if "en" not in (src_lang, tgt_lang) or src_lang == tgt_lang:
        return None
    try:
        from compare.analyze.lemmatize import tokenize
        from compare.bridge import can_check, is_content, renders

        words = [t.norm for t in tokenize(source, src_lang) if len(t.norm) > 2 and is_content(t.norm, src_lang)]
        checkable = [w for w in dict.fromkeys(words) if can_check(w, src_lang, tgt_lang)]
        if not checkable:
            return None
        found = sum(1 for w in checkable if renders(w, src_lang, target, tgt_lang))
        anchors = _anchors(source, target)
    except Exception:  # noqa: BLE001 — no dictionary, a broken store: nothing is judged
        return None
    return min(1.0, (found + anchors) / len(checkable)), len(checkable)


def _anchors(source: str, target: str) -> int:
    """Numbers and names both sides share (64 / 64, «Віцебск» / "Vitebsk", IT / IT): a
    dictionary knows no names, and its renderings of common words can miss."""
    import re

    from compare.analyze.checks.transcription import same_name

    numbers = set(re.findall(r"\d+", source)) & set(re.findall(r"\d+", target))
    names = [w for w in re.findall(r"\w+", source) if w[:1].isupper() or w.isascii()]
    targets = [w for w in re.findall(r"\w+", target) if w[:1].isupper()]
    return len(numbers) + sum(1 for w in names if any(w == t or same_name(w, t) for t in targets))


def looks_misaligned(source: str, target: str, src_lang: str, tgt_lang: str) -> str:
    """A one-line note when the two sides do not look like one sentence and its translation."""
    share = rendered_share(source, target, src_lang, tgt_lang)
    if share is None:
        return ""
    value, words = share
    if words < MIN_WORDS or value >= MAX_SHARE:
        return ""
    return (f"the pair looks wrong: {round(value * words)} of {words} content words of the source are "
            f"rendered in the target (under {MAX_SHARE:.0%}): is it a misalignment? No softened/sharpened flags")
