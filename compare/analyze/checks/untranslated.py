"""Untranslated: the target copies the source, or is mostly in the source's language or script."""
from __future__ import annotations

import re

from compare.analyze.checks.common import clip as _clip
from compare.analyze.words import fold, is_function_word, words
from compare.model import Flag

# Untranslated: this share of the target's words written in the source's script (en ↔ ru/be),
# or, between Russian and Belarusian, in the source language (faithful pairs of the corpora
# reach 0.29 on short sentences sharing a word or two; Russian sentences put in a Belarusian
# version reach 0.4 in 83 cases out of 100).
UNTRANSLATED_SHARE = 0.3
UNTRANSLATED_SHARE_RU_BE = 0.4

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Letters, and consonant–vowel pairs, that Russian spelling has and Belarusian never does:
# и щ ъ; soft т д (Belarusian writes ц дз: тело / цела); soft ч ж ш р (always hard in Belarusian).
_RU_ONLY = re.compile(r"[иИщЩъЪ]|[тдчжшрТДЧЖШР][еёяюьЕЁЯЮЬ]")
# … and what Belarusian has and Russian does not: і ў, the apostrophe, soft дз and ць.
_BE_ONLY = re.compile(r"[іІўЎ]|[^\W\d_]['’][^\W\d_]|[дД]з[еёяюь]|[цЦ][ьяюё]")


def check_untranslated(source: str, target: str, src_lang: str, tgt_lang: str) -> list[Flag]:
    """The target copies the source, or is mostly in the source's language or script."""
    src_words = [fold(w.text) for w in words(source)]
    tgt_words = [fold(w.text) for w in words(target)]
    if src_lang != tgt_lang and len(tgt_words) >= 3 and src_words == tgt_words:
        return [Flag("untranslated", "copy", _clip(source), _clip(target),
                     "the translation is the source text, word for word",
                     severity="high", rule="checks.untranslated.copy")]
    content = [w.text for w in words(target) if not is_function_word(w.text, tgt_lang)]
    if len(content) < 3:
        return []
    wrong_script = _foreign_share(target, src_lang, tgt_lang, source)
    threshold = UNTRANSLATED_SHARE_RU_BE if {src_lang, tgt_lang} == {"ru", "be"} else UNTRANSLATED_SHARE
    if wrong_script >= threshold:
        return [Flag("untranslated", "language", "", _clip(target),
                     f"{wrong_script:.0%} of the translation's words are in {src_lang}, "
                     f"not {tgt_lang}", severity="high", rule="checks.untranslated.language")]
    return []


def _foreign_share(target: str, src_lang: str, tgt_lang: str, source: str = "") -> float:
    ws = [w.text for w in words(target) if not w.text.isdigit()]
    if not ws:
        return 0.0
    if tgt_lang == "en":
        return sum(1 for w in ws if _CYRILLIC.search(w)) / len(ws)
    if src_lang == "en":
        return sum(1 for w in ws if not _CYRILLIC.search(w)) / len(ws)
    # Russian ↔ Belarusian: words with letters only the source language has (и щ ъ / і ў), or
    # common words copied letter for letter from the source (the two languages rarely share a
    # lowercase word of four letters or more). Short words (и, і, на) pass between the two.
    only = _RU_ONLY if src_lang == "ru" else _BE_ONLY
    source_words = {fold(w.text) for w in words(source)}
    long_words = [w for w in ws if len(w) >= 3]
    foreign = [w for w in long_words if only.search(w)
               or (len(w) >= 4 and w.islower() and fold(w) in source_words)]
    return len(foreign) / len(long_words) if long_words else 0.0
