"""Tokens and their possible lemmas, for matching the force lexicon in en, ru and be.

A token keeps every lemma its analyser allows (pymorphy3 for Russian, lemminflect for English,
the shipped word-form table for Belarusian) and its own lower-cased form: matching then asks
"do the lemma sets meet?", so an ambiguous form never hides the reading the lexicon wants.

Normalisation (both the text and the lexicon go through it): lower case, ё → е, ў → у
(Belarusian у/ў alternate with the previous word's ending), one apostrophe.
Analysers load once per process (first use), and every word's analysis is cached.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BE_FORMS_PATH = Path(__file__).resolve().parent.parent / "lexicon" / "be_forms.tsv"

# A word: letters/digits, inner hyphens and apostrophes kept ("so-called", "по-видимому", "з'езд").
_WORD = re.compile(r"\w[\w\u0300-\u036f]*(?:[-'’ʼ]\w[\w\u0300-\u036f]*)*", re.UNICODE)
# Combining marks left after NFC (stress marks «подчеркну́л», U+0301) are no part of the word.
_COMBINING = re.compile(r"[\u0300-\u036f]")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "ё": "е", "ў": "у"})

# English contractions split so that negation is a token of its own ("didn't" → did + not).
_EN_CONTRACTIONS = {
    "can't": ("can", "not"), "cannot": ("can", "not"), "won't": ("will", "not"),
    "shan't": ("shall", "not"), "ain't": ("be", "not"),
}


@dataclass(frozen=True)
class Token:
    text: str  # as written in the sentence
    start: int  # character offsets into the sentence
    end: int
    norm: str  # normalised lower-case form


# Letters that look alike in Latin and Cyrillic: a word written in one script with a letter of
# the other («Mинск» with a Latin "M", "Minsk" with a Cyrillic "і") reads as its own script.
_LATIN_LOOKALIKES = "aceopxykmthbi"
_CYRILLIC_LOOKALIKES = "асеорхукмтнві"
_TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)
_TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)
_CYR = re.compile(r"[а-яёіў]")
_LAT = re.compile(r"[a-z]")


def normalize(word: str) -> str:
    word = _COMBINING.sub("", unicodedata.normalize("NFC", word.lower()))
    if _CYR.search(word) and _LAT.search(word):  # mixed scripts: the majority script wins
        cyrillic = len(_CYR.findall(word))
        word = word.translate(_TO_CYRILLIC if cyrillic >= len(word) - cyrillic else _TO_LATIN)
    # the same as word.translate(_APOSTROPHES), four times as fast on a sentence (str.replace
    # scans in C; translate looks every character up in a dict)
    return word.replace("’", "'").replace("ʼ", "'").replace("ё", "е").replace("ў", "у")


def tokenize(text: str, lang: str) -> list[Token]:
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        surface, start, end = match.group(), match.start(), match.end()
        norm = normalize(surface)
        if lang == "en":
            if norm in _EN_CONTRACTIONS:
                first, second = _EN_CONTRACTIONS[norm]
                tokens.append(Token(surface, start, end, first))
                tokens.append(Token(surface, start, end, second))
                continue
            if norm.endswith("n't"):
                tokens.append(Token(surface, start, end, norm[:-3]))
                tokens.append(Token(surface, start, end, "not"))
                continue
            if norm.endswith("'s") or norm.endswith("'d") or norm.endswith("'ll"):
                norm = norm.split("'")[0]  # possessive / clitic: the word itself matters
        tokens.append(Token(surface, start, end, norm))
    return tokens


@lru_cache(maxsize=1)
def _ru_morph():
    import pymorphy3  # loaded on first use: about 60 ms, then cached for the process

    # The dictionary package by its path: found by language, pymorphy3 reads every installed
    # package's entry points first (a third of its load time in a full environment).
    try:
        import pymorphy3_dicts_ru

        path = pymorphy3_dicts_ru.get_path()
    except (ImportError, AttributeError):
        path = None
    return pymorphy3.MorphAnalyzer(path=path, lang="ru")


@lru_cache(maxsize=200_000)
def _ru_lemmas(norm: str) -> frozenset[str]:
    parses = _ru_morph().parse(norm)
    return frozenset({norm} | {normalize(p.normal_form) for p in parses} | {_participle_base(p) for p in parses} - {""})


def _participle_base(parse) -> str:
    """«подозреваемых» → «подозреваемый», «уверены» → «уверенный»: pymorphy3 gives a participle
    its verb as the lemma («подозревать», «уверить»), but a participle used as a noun or an
    adjective is a lexicon word of its own."""
    if "PRTF" in parse.tag:
        base = parse.inflect({"nomn", "sing", "masc"})
        return normalize(base.word) if base else ""
    if "PRTS" in parse.tag:  # the short form: find the full one of the same voice and tense
        for form in parse.lexeme:
            tag = form.tag
            if "PRTF" in tag and {"nomn", "sing", "masc"} <= tag.grammemes and tag.voice == parse.tag.voice \
                    and tag.tense == parse.tag.tense:
                return normalize(form.word)
    return ""


@lru_cache(maxsize=200_000)
def first_lemma(norm: str, lang: str) -> str:
    """The likeliest lemma (Russian: the first parse's, a participle's own base form), or ''."""
    if lang != "ru":
        return ""
    parse = _ru_morph().parse(norm)[0]
    return _participle_base(parse) or normalize(parse.normal_form)


@lru_cache(maxsize=200_000)
def _en_lemmas(norm: str) -> frozenset[str]:
    from lemminflect import getAllLemmas

    lemmas = {norm}
    for options in getAllLemmas(norm).values():
        lemmas.update(normalize(lemma) for lemma in options)
    if len(lemmas) == 1:
        lemmas.update(_en_guess_lemmas(norm))
    return frozenset(lemmas)


def _en_guess_lemmas(norm: str) -> set[str]:
    """Words lemminflect does not know ("jihadists", "neo-nazis", "looters"): the plural and
    past endings taken off by rule. A guess that is not a lexicon word costs nothing."""
    guesses = set()
    if norm.endswith("ies") and len(norm) > 4:
        guesses.add(norm[:-3] + "y")
    if norm.endswith("es") and len(norm) > 3:
        guesses.add(norm[:-2])
    if norm.endswith("s") and not norm.endswith("ss") and len(norm) > 3:
        guesses.add(norm[:-1])
    if norm.endswith("ed") and len(norm) > 4:
        guesses.update({norm[:-2], norm[:-1]})
    return guesses


@lru_cache(maxsize=1)
def be_form_table() -> dict[str, frozenset[str]]:
    """Belarusian word form → lemmas, from the shipped table (lemma<TAB>form form …)."""
    table: dict[str, set[str]] = {}
    if BE_FORMS_PATH.exists():
        for line in BE_FORMS_PATH.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            lemma, _, forms = line.partition("\t")
            lemma = normalize(lemma.strip())
            for form in [lemma, *forms.split()]:
                table.setdefault(normalize(form), set()).add(lemma)
    return {form: frozenset(lemmas) for form, lemmas in table.items()}


def _be_lemmas(norm: str) -> frozenset[str]:
    return frozenset({norm}) | be_form_table().get(norm, frozenset())


def lemmas(norm: str, lang: str) -> frozenset[str]:
    """Every lemma the word may have, plus the word itself (normalised)."""
    if lang == "ru":
        return _ru_lemmas(norm)
    if lang == "en":
        return _en_lemmas(norm)
    if lang == "be":
        return _be_lemmas(norm)
    return frozenset({norm})


@lru_cache(maxsize=20_000)
def lexicon_lemmas(norm: str, lang: str) -> frozenset[str]:
    """The lemmas a lexicon word stands for: itself when it is a lemma in some reading.

    A lexicon writer writes lemmas; taking every reading would let «видимо» (apparently)
    stand for «видеть» too and match «мы видим». A word written in an inflected form
    («власти», «называемый») keeps all its readings."""
    readings = lemmas(norm, lang)
    if lang == "ru":
        own = any(normalize(p.normal_form) == norm for p in _ru_morph().parse(norm))
    elif lang == "en":
        from lemminflect import getAllLemmas

        all_lemmas = {normalize(lemma) for options in getAllLemmas(norm).values() for lemma in options}
        own = not all_lemmas or norm in all_lemmas
    elif lang == "be":
        own = norm in be_form_table().get(norm, frozenset()) or norm not in be_form_table()
    else:
        own = True
    return frozenset({norm}) if own else readings


def lemmatize_tokens(tokens: list[Token], lang: str) -> list[frozenset[str]]:
    return [lemmas(token.norm, lang) for token in tokens]


def analyser_versions() -> dict[str, str]:
    """What lemmatised each language (for signatures)."""
    from importlib.metadata import PackageNotFoundError, version

    def _version(package: str) -> str:
        try:
            return version(package)
        except PackageNotFoundError:
            return "missing"

    return {
        "ru": f"pymorphy3-{_version('pymorphy3')}+dicts-{_version('pymorphy3-dicts-ru')}",
        "en": f"lemminflect-{_version('lemminflect')}",
        "be": f"forms-{len(be_form_table())}",
    }
