"""The dictionary bridge en↔ru↔be: which words of one language render which of another, from
dictionaries Debian ships (read at run time, cached once): Mueller's English–Russian
dictionary (mueller7-dict), FreeDict eng-rus (dict-freedict-eng-rus), and Apertium's bel–rus
bidix and Belarusian analyser (apertium-bel-rus); en↔be goes through Russian. A user glossary
TSV can add pairs (glossary.py).

    from compare.bridge import get_bridge, concepts, renders, gloss

Every word is mapped into one space, Russian lemmas (concepts); two words match when their
concepts meet. Missing packages switch their part off with one note on stderr.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from compare.bridge.store import Bridge, get_bridge, note

DATA = Path(__file__).resolve().parent.parent / "data" / "bridge"
LANGS = ("en", "ru", "be")

# pymorphy3 parts of speech that carry content (nouns, verbs, adjectives, adverbs, numerals)
_RU_CONTENT = frozenset({"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB", "NUMR"})
_RU_FUNCTION_WORDS = frozenset("быть это весь свой который такой также тоже этот тот".split())


@lru_cache(maxsize=4)
def _stopwords(lang: str) -> frozenset[str]:
    path = DATA / f"stopwords_{lang}.txt"
    if not path.exists():
        return frozenset()
    from compare.analyze.lemmatize import normalize

    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(normalize(word) for word in line.split())
    return frozenset(words)


@lru_cache(maxsize=200_000)
def _ru_analysis(norm: str) -> frozenset[str] | None:
    """A Russian word's content lemmas (every reading whose part of speech carries content,
    plus the word itself), or None for a function word: one pymorphy3 parse, no inflection (the
    force lexicon's participle bases are not needed here, and cost three times as much)."""
    from compare.analyze.lemmatize import _ru_morph

    try:
        parses = _ru_morph().parse(norm)
    except ValueError:  # pymorphy3 asks unicodedata for names some letters lack (U+17000 …)
        return None
    first = parses[0]
    if first.tag.POS not in _RU_CONTENT or normalize_lemma(first.normal_form) in _RU_FUNCTION_WORDS:
        return None
    return frozenset({norm} | {normalize_lemma(p.normal_form) for p in parses if p.tag.POS in _RU_CONTENT})


def _ru_content(norm: str) -> bool:
    return _ru_analysis(norm) is not None


def normalize_lemma(word: str) -> str:
    from compare.analyze.lemmatize import normalize

    return normalize(word)


def is_content(norm: str, lang: str) -> bool:
    """A word worth matching: not a function word, not a number, two letters or more."""
    if len(norm) < 2 or not any(c.isalpha() for c in norm) or any(c.isdigit() for c in norm):
        return False
    if lang == "ru":
        return _ru_content(norm)
    if lang == "en" and not norm.isascii():
        return False  # a Cyrillic word inside English text (or the reverse) is no English word
    return norm not in _stopwords(lang)


def word_lemmas(norms: Iterable[str], lang: str, bridge: Bridge | None = None) -> dict[str, frozenset[str]]:
    """Each content word's lemmas (Belarusian through Apertium's analyser and the shipped table)."""
    from compare.analyze.lemmatize import lemmas

    norms = [n for n in set(norms) if is_content(n, lang)]
    if lang == "ru":
        return {n: _ru_analysis(n) for n in norms}
    if lang == "be" and bridge is not None:
        forms = bridge.lookup("be_form", norms)
        return {n: frozenset(forms.get(n, {})) | lemmas(n, "be") for n in norms}
    if lang == "en" and bridge is not None:
        # the cache's form table (built from lemminflect), then the plural/past rules for
        # words it does not list ("jihadists")
        from compare.analyze.lemmatize import _en_guess_lemmas

        forms = bridge.lookup("en_form", norms)
        out = {}
        for n in norms:
            found = set(forms.get(n, {}))
            out[n] = frozenset({n} | (found or _en_guess_lemmas(n)))
        return out
    return {n: lemmas(n, lang) for n in norms}


def concepts(norms: Iterable[str], lang: str, bridge: Bridge | None = None) -> dict[str, dict[str, float]]:
    """Normalised word -> {Russian lemma: weight} for every content word (weight: how likely
    that lemma renders the word; a Russian word's own lemmas weigh 1). Words the dictionaries
    do not know map to {}."""
    bridge = bridge if bridge is not None else get_bridge()
    memo = bridge.concept_memo if bridge is not None else {}
    norms = set(norms)
    out = {}
    todo = []
    for norm in norms:
        known = memo.get((lang, norm))
        if known is None:
            todo.append(norm)
        elif known is not _NOT_CONTENT:
            out[norm] = known
    if todo:
        fresh = _concepts(todo, lang, bridge)
        for norm in todo:
            found = fresh.get(norm)
            memo[(lang, norm)] = _NOT_CONTENT if found is None else found
            if found is not None:
                out[norm] = found
    return out


_NOT_CONTENT: dict[str, float] = {}


def _concepts(norms: list[str], lang: str, bridge: Bridge | None) -> dict[str, dict[str, float]]:
    out = _word_concepts(norms, lang, bridge)
    # A hyphenated compound the dictionaries do not know («навукова-тэхнічны», "long-term",
    # «военно-политический») stands for its parts: each part's renderings, at the part's weight.
    # (A Russian compound is its own lemma, and also its parts: «военно-политический» meets
    # "military" and "political".)
    compounds = [w for w in norms if "-" in w.strip("-") and (lang == "ru" or not out.get(w))]
    if compounds:
        parts = {p for w in compounds for p in w.split("-") if p}
        found = _word_concepts(sorted(parts), lang, bridge)
        for word in compounds:
            merged: dict[str, float] = dict(out.get(word) or {})
            for part in word.split("-"):
                for lemma, weight in found.get(part, {}).items():
                    merged[lemma] = max(merged.get(lemma, 0.0), weight)
            if merged:
                out[word] = merged
    return out


def _word_concepts(norms: list[str], lang: str, bridge: Bridge | None) -> dict[str, dict[str, float]]:
    by_word = word_lemmas(norms, lang, bridge)
    if lang == "ru":
        return {word: {lemma: 1.0 for lemma in found} for word, found in by_word.items()}
    if bridge is None or not bridge.serves(lang):
        return {word: {} for word in by_word}
    table = {"en": "en_ru", "be": "be_ru"}[lang]
    looked = bridge.lookup(table, {lemma for found in by_word.values() for lemma in found})
    out = {}
    for word, found in by_word.items():
        merged: dict[str, float] = {}
        for lemma in found:
            for ru, weight in looked.get(lemma, {}).items():
                if merged.get(ru, 0.0) < weight:
                    merged[ru] = weight
        out[word] = merged
    return out


def _norms(text: str, lang: str) -> list[str]:
    from compare.analyze.lemmatize import tokenize

    return [token.norm for token in tokenize(text, lang)]


def renders(src_word: str, src_lang: str, tgt_text: str, tgt_lang: str) -> bool:
    """Whether any dictionary rendering of `src_word` appears in `tgt_text`, by lemma
    («переговоры» is rendered in "the talks went on"; «вырос» in "grew", "increased").

    False when the bridge cannot tell (no dictionary for the pair, or an unknown word): the
    caller should then treat the word as unchecked, not as missing; see `can_check`."""
    from compare.analyze.lemmatize import normalize

    bridge = get_bridge()
    if src_lang == tgt_lang:
        word_sets = word_lemmas([normalize(src_word)], src_lang, bridge)
        mine = next(iter(word_sets.values()), frozenset({normalize(src_word)}))
        theirs = word_lemmas(_norms(tgt_text, tgt_lang), tgt_lang, bridge)
        return any(mine & found for found in theirs.values())
    source = concepts([normalize(src_word)], src_lang, bridge)
    wanted = next(iter(source.values()), {})
    if not wanted:
        return False
    target = concepts(_norms(tgt_text, tgt_lang), tgt_lang, bridge)
    return any(set(wanted) & set(found) for found in target.values())


def can_check(src_word: str, src_lang: str, tgt_lang: str) -> bool:
    """Whether the bridge knows renderings of `src_word` into the target language at all."""
    from compare.analyze.lemmatize import normalize

    if src_lang == tgt_lang:
        return True
    bridge = get_bridge()
    if bridge is None or not bridge.serves(tgt_lang) and tgt_lang != "ru":
        return False
    found = concepts([normalize(src_word)], src_lang, bridge)
    return bool(next(iter(found.values()), {}))


GLOSS_LABEL = "dictionary gloss — not a translation"


def gloss(text: str, src_lang: str, tgt_lang: str = "en", per_word: int = 3) -> list[tuple[str, list[str]]]:
    """Word-by-word dictionary gloss of a sentence: (word as written, its first renderings in
    `tgt_lang`, best first; [] when none). Label it GLOSS_LABEL wherever it is shown."""
    from compare.analyze.lemmatize import tokenize

    bridge = get_bridge()
    tokens = tokenize(text, src_lang)
    out: list[tuple[str, list[str]]] = []
    found = concepts([t.norm for t in tokens], src_lang, bridge) if bridge is not None else {}
    for token in tokens:
        ru = found.get(token.norm, {})
        if not ru:
            out.append((token.text, []))
            continue
        if tgt_lang == "ru":
            ranked = sorted(ru.items(), key=lambda kv: -kv[1])
        else:
            table = {"en": "ru_en", "be": "ru_be"}.get(tgt_lang)
            looked = bridge.lookup(table, ru) if (bridge is not None and table) else {}
            scores: dict[str, float] = {}
            for lemma, weight in ru.items():
                for other, w in looked.get(lemma, {}).items():
                    scores[other] = max(scores.get(other, 0.0), weight * w)
            sizes = bridge.entry_sizes(scores) if tgt_lang == "en" else {}
            # best rendering first; among equals the commoner word (more senses in the dictionary)
            ranked = sorted(scores.items(), key=lambda kv: (-round(kv[1], 2), -sizes.get(kv[0], 0), kv[0]))
        out.append((token.text, [word for word, _ in ranked[:per_word]]))
    return out


def format_gloss(items: list[tuple[str, list[str]]]) -> str:
    words = [f"{word} [{'/'.join(renderings)}]" if renderings else word for word, renderings in items]
    return f"({GLOSS_LABEL}) " + " ".join(words)


__all__ = ["Bridge", "GLOSS_LABEL", "can_check", "concepts", "format_gloss", "get_bridge", "gloss", "is_content",
           "note", "renders", "word_lemmas"]
