"""Is a force word of one side there on the other side in other words?

A one-sided lexicon match (a hedge "dropped", an intensifier "added", a label only one side
has) is a shift only when the other side has nothing that renders it. The ordinary matcher
reads each side word by word, with context rules and each token used once, so it can miss a
rendering: the same concept in another part of speech («военная угроза» / "military threat",
"potential" for «возможные»), a word already taken by a longer expression («очень важные» /
"very important"), a superlative or a derivation («важнейший» / «важный», "cynicism" /
"cynical"). This module asks the question again over the whole link, permissively:

1. any variant of the item's concept in the other language, every content word found somewhere
   in the other text by lemma or by derivation (a shared stem), in any order;
2. the same in the item's own language when the "other" text is in it too (ru ↔ be are read
   across languages by the same variants);
3. hooks — `rendered(term, term_lang, text, text_lang) -> bool` — that say whether any
   dictionary rendering of `term` appears in `text`: by default the dictionary bridge
   (compare.bridge.renders), asked for content words only (labels and evaluative words:
   «сожаление» is there as "sorrow"), never for modals, hedges, degree or reporting words, whose
   dictionary renderings ("may", "can", "will" for «может») are found in almost any sentence
   (asked for those, it lost 1 of 60 corpus shifts). Tests pass their own with `hooks=`;
   `register_hook` adds one.

Permissive on purpose: the answer only ever removes a flag, so a loose match costs a little
recall, never a false alarm.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable

from compare.analyze.lemmatize import lemmas, lexicon_lemmas, tokenize
from compare.analyze.words import is_function_word
from compare.lexicon import Concept

Hook = Callable[[str, str, str, str], bool]


def _bridge_hook(term: str, term_lang: str, text: str, text_lang: str) -> bool:
    """The dictionary bridge's answer; False when it has no dictionary for the pair."""
    from compare.bridge import renders

    return renders(term, term_lang, text, text_lang)


_HOOKS: list[Hook] = [_bridge_hook]
# Categories whose words a bilingual dictionary renders reliably (content words).
_DICTIONARY_CATEGORIES = frozenset({"evaluative", "label"})

# Letters two words must share from their start to count as one derivational family, by
# language: (at least, at most this many fewer than the shorter word). Russian and Belarusian
# stems alternate at the end (угроза / угрожать), English ones rarely (threat / threatening).
_STEM = {"en": (5, 2), "ru": (4, 3), "be": (4, 3)}
_MIN_LEN = 5
_NEGATORS = frozenset({"not", "no", "never", "не", "ни", "нет", "ні", "няма", "без"})


def register_hook(hook: Hook) -> None:
    """Add a `rendered(term, term_lang, text, text_lang)` check (e.g. the dictionary bridge)."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)


def clear_hooks() -> None:
    _HOOKS.clear()


def _related(a: str, b: str, lang: str) -> bool:
    """Same derivational family: one word, or a shared start long enough for the language."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < _MIN_LEN:
        return False
    least, slack = _STEM.get(lang, (5, 2))
    need = max(least, shorter - slack)
    return a[:need] == b[:need]


@lru_cache(maxsize=4096)
def _text_words(text: str, lang: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(form, lemmas) of each word of a text."""
    return tuple((token.norm, lemmas(token.norm, lang)) for token in tokenize(text, lang))


@lru_cache(maxsize=8192)
def _variant_words(variant: str, lang: str) -> tuple[frozenset[str], ...]:
    """The content words of a lexicon variant, each as its lemma set (markers dropped); empty
    for a negated expression (its "не" would be found anywhere)."""
    text = variant.rstrip("!").removesuffix("@v").rstrip("+~^").replace("=", "")
    tokens = tokenize(text, lang)
    if any(token.norm in _NEGATORS for token in tokens):
        return ()
    return tuple(
        lexicon_lemmas(token.norm, lang) | {token.norm}
        for token in tokens
        if len(token.norm) > 2 and not is_function_word(token.norm, lang)
    )


def _word_found(word: frozenset[str], text_words, lang: str) -> bool:
    for at, (form, forms_lemmas) in enumerate(text_words):
        if at and text_words[at - 1][0] in _NEGATORS:
            continue  # «не можем не реагировать» holds no "can": a negated word renders nothing
        if word & forms_lemmas:
            return True
        if any(_related(w, candidate, lang) for w in word for candidate in (form, *forms_lemmas)):
            return True
    return False


def concept_in(concept: Concept, text: str, lang: str) -> bool:
    """Does any variant of `concept` in `lang` appear in `text` (content words by lemma or
    derivation, in any order)?"""
    text_words = _text_words(text, lang)
    for variant in concept.variants.get(lang, ()):
        words = _variant_words(variant, lang)
        if words and all(_word_found(word, text_words, lang) for word in words):
            return True
    return False


_EN_SUPERLATIVE = frozenset({"most", "utmost", "greatest", "highest", "deepest", "sincerest", "warmest"})


def has_superlative(text: str, lang: str) -> bool:
    """A superlative carries a degree of its own: «в кратчайшие сроки» is "very quickly",
    «наиважнейший» is "most crucial"."""
    for token in tokenize(text, lang):
        word = token.norm
        if lang == "en":
            if word in _EN_SUPERLATIVE:
                return True
        elif lang == "ru":
            if len(word) > 6 and word.startswith("наи"):
                return True
            from compare.analyze.lemmatize import _ru_morph

            if "Supr" in _ru_morph().parse(word)[0].tag:
                return True
        elif lang == "be":
            if (len(word) > 6 and word.startswith("най")) or ("ейш" in word or "эйш" in word) and len(word) > 6:
                return True
    return False


_DEGREE = frozenset({"intensifier"})  # a superlative carries degree, not certainty


def rendered(concept: Concept, term: str, term_lang: str, text: str, text_lang: str,
             hooks: Iterable[Hook] | None = None) -> bool:
    """Is the one-sided `term` (of `concept`, in `term_lang`) rendered somewhere in `text`?"""
    if concept_in(concept, text, text_lang):
        return True
    if concept.category in _DEGREE and concept.level > 0 and has_superlative(text, text_lang):
        return True
    if hooks is None and concept.category not in _DICTIONARY_CATEGORIES:
        return False
    for hook in (_HOOKS if hooks is None else hooks):
        try:
            if hook(term, term_lang, text, text_lang):
                return True
        except Exception:  # noqa: BLE001 — a broken hook never stops the analysis
            continue
    return False
