"""Does the sentence around a lexicon match allow the reading the lexicon means?

Small word-context rules for the markers of concepts.tsv ("@v", "~", "^", "+") and for English
modals: "the demand" is a noun, «несколько человек» is "several people", «относительно ситуации»
is "regarding the situation", "military might" is a noun. Function-word lists live here with the
rules that read them.
"""
from __future__ import annotations

from compare.analyze.lemmatize import Token, _ru_morph

# Words after which an English "@v" variant is a noun, not a verb ("the demand", "of stress").
_NOUN_CONTEXT = frozenset(
    "the a an this that these those its their his her our your my of for in on at by with from "
    "no any some such each every what which whose".split()
)
# Words that follow a noun subject, not a verb ("suspects were detained", "the demands are").
_AUXILIARIES = frozenset("is are was were has have had will would can could may might must should".split())
_NUMBERS = frozenset("two three four five six seven eight nine ten dozen dozens hundreds several many few".split())


def noun_here(tokens: list[Token], first: int, last: int) -> bool:
    """Is an "@v" word a noun here: after an article, possessive, preposition or number
    ("three suspects"), a possessive itself ("the state's"), or right before an auxiliary
    ("suspects were")?"""
    before = tokens[first - 1].norm if first > 0 else ""
    if before in _NOUN_CONTEXT or before in _NUMBERS or before.isdigit():
        return True
    if tokens[last].text.lower().endswith(("'s", "’s", "s'")):  # a possessive: "the state's"
        return True
    return last + 1 < len(tokens) and tokens[last + 1].norm in _AUXILIARIES


# Words after which a "+" variant does not modify anything ("military might of", "too, ").
NOT_A_HEAD = frozenset("of and or but the a an in on at to than from".split())

# Parts of speech (pymorphy3 / OpenCorpora tags) a degree word modifies; before a noun, an
# adjective or a numeral «несколько» means "several".
_DEGREE_HEADS = frozenset({"VERB", "INFN", "COMP", "ADVB", "ADJS", "PRTS", "GRND", "PRED"})


_NOT_DEGREE_HEADS = frozenset({"NOUN", "ADJF", "NUMR", "NPRO", "PRTF"})


def modifies_degree(tokens: list[Token], last: int, lang: str) -> bool:
    """«несколько ниже» (somewhat lower), not «несколько раз» (several times): the next word's
    likeliest reading is not a noun-phrase word, and one of its readings is a degree head
    («ниже» is a preposition first, a comparative too)."""
    if last + 1 >= len(tokens):
        return False
    if lang == "be":  # no Belarusian tagger: a verb in the infinitive («у стане зрабіць»)
        return tokens[last + 1].norm.endswith(("ць", "ці", "чы", "цца", "ціся"))
    if lang != "ru":
        return False
    parses = _ru_morph().parse(tokens[last + 1].norm)
    return parses[0].tag.POS not in _NOT_DEGREE_HEADS and any(p.tag.POS in _DEGREE_HEADS for p in parses)


_MODIFIER_HEADS = frozenset({"ADJF", "ADJS", "ADVB", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "PRED"})


def modifies_a_modifier(tokens: list[Token], last: int) -> bool:
    """«относительно стабильная» (relatively stable), not «относительно ситуации» (regarding the
    situation) or «относительно новых правил» (regarding new rules: the preposition governs the
    genitive); «достаточно сложный» (fairly difficult), not «достаточно средств» (enough funds)."""
    if last + 1 >= len(tokens):
        return False
    first = _ru_morph().parse(tokens[last + 1].norm)[0]
    if first.tag.POS not in _MODIFIER_HEADS:
        return False
    return not (first.tag.POS in ("ADJF", "PRTF") and first.tag.case == "gent")


# English modals that are also nouns or months ("military might", "a must", "a can of"): a modal
# is followed by a verb in its base form, maybe after "not", an adverb or an inverted subject.
EN_MODALS = frozenset({"may", "might", "can", "could", "must", "should"})
_MODAL_SKIP = frozenset(
    "not also still well soon even yet only never already now then eventually ultimately again "
    "easily hardly probably possibly certainly definitely surely clearly no longer further "
    "i we you he she it they this that there".split()
)


def followed_by_a_verb(tokens: list[Token], at: int) -> bool:
    from lemminflect import getAllLemmas

    for token in tokens[at + 1 : at + 4]:
        word = token.norm
        if word in _MODAL_SKIP or word.endswith("ly"):
            continue
        if word in NOT_A_HEAD:
            return False
        readings = getAllLemmas(word)
        if not readings:
            return True  # a word lemminflect does not know: give it the benefit of the doubt
        return word in readings.get("VERB", ()) or word in readings.get("AUX", ())
    return True  # "… as soon as they can." — an elliptical modal


# --- Word-context rules from compare/data/force/contexts.tsv -------------------------------
from functools import lru_cache as _lru_cache  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

CONTEXTS_PATH = _Path(__file__).resolve().parent.parent / "data" / "force" / "contexts.tsv"
_CONTEXTS = frozenset({"any", "parenthetical", "after_speech", "before_noun", "before_copula", "before_nominal"})
# Contexts with a word list after a colon: "next:a|b*" (the next word is one of these, by lemma
# or form; "*" ends a prefix), "not_next:a|b" (it is none of them), "followed_by:a|b*" (one of
# them within the next six words: «со ссылкой на пресс-службу», "citing the press service").
_LISTED = ("next", "not_next", "followed_by")
_FOLLOW_WINDOW = 6
# What starts a noun phrase or a prepositional phrase after a focusing adverb ("especially the
# minister", "particularly in the regions"): there the adverb picks out a part, it adds no degree.
_EN_NOMINAL = frozenset(
    "the a an this that these those his her its their our my your in on at for with among from to "
    "during after before when where if since by under over between across within".split()
)
_BE_NOMINAL = frozenset("у ў в на з са для пры сярод пасля да па ад праз пра над пад паміж калі дзе".split())
# Link verbs after which an obligation word states what is expected to come about («должны
# стать традицией» / "should become a tradition"), not what someone is obliged to do.
_COPULA_LEMMAS = frozenset("стать становиться быть являться оставаться остаться стаць станавіцца быць "
                           "з'яўляцца заставацца застацца".split())
# Verbs of speaking a manner adverb follows («скажем откровенно», «говоря честно»).
_SPEECH = frozenset(
    "скажем скажу сказать говоря говорю скажи признаться скажам скажу сказаць кажучы кажу скажы".split()
)


@_lru_cache(maxsize=1)
def context_rules() -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """(lang, word) → ((context, reading), …); a bad line raises ValueError naming it."""
    from compare.analyze.lemmatize import normalize

    rules: dict[tuple[str, str], list[tuple[str, str]]] = {}
    if not CONTEXTS_PATH.exists():
        return {}
    for number, line in enumerate(CONTEXTS_PATH.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < 4 or not (cells[2] in _CONTEXTS or (cells[2].partition(":")[0] in _LISTED and cells[2].partition(":")[2])):
            raise ValueError(f"{CONTEXTS_PATH.name}: line {number}: expected lang, word, context, reading")
        word = cells[1] if cells[1].startswith("@") else normalize(cells[1])  # "@id": any match of a concept
        rules.setdefault((cells[0], word), []).append((cells[2], cells[3]))
    return {key: tuple(value) for key, value in rules.items()}


def _between(text: str, tokens: list[Token], left: int, right: int) -> str:
    """The characters between token `left` and token `right` (the sentence's ends at -1 / len)."""
    start = tokens[left].end if left >= 0 else 0
    end = tokens[right].start if right < len(tokens) else len(text)
    return text[start:end]


def _listed(word: str, items: list[str], lang: str) -> bool:
    from compare.analyze.lemmatize import lemmas

    forms = lemmas(word, lang) | {word}
    return any(
        any(form.startswith(item[:-1]) for form in forms) if item.endswith("*") else item in forms
        for item in items
    )


def in_context(context: str, tokens: list[Token], at: int, text: str, lang: str) -> bool:
    if context == "any":
        return True
    kind, _, listed = context.partition(":")
    if kind in _LISTED and listed:
        items = [item.strip().lower() for item in listed.split("|") if item.strip()]
        if kind == "followed_by":
            return any(_listed(tokens[i].norm, items, lang) for i in range(at + 1, min(len(tokens), at + 1 + _FOLLOW_WINDOW)))
        following = tokens[at + 1].norm if at + 1 < len(tokens) else ""
        found = bool(following) and _listed(following, items, lang)
        return found if kind == "next" else not found
    if context == "before_nominal":
        if at + 1 >= len(tokens) or _between(text, tokens, at, at + 1).strip(" "):
            return False
        following = tokens[at + 1]
        if lang == "en":
            return following.norm in _EN_NOMINAL or following.text[:1].isupper()
        if lang == "ru":
            return _ru_morph().parse(following.norm)[0].tag.POS in ("NOUN", "PREP", "NPRO")
        return following.norm in _BE_NOMINAL
    if context == "parenthetical":
        before, after = _between(text, tokens, at - 1, at), _between(text, tokens, at, at + 1)
        return "," in after and ("," in before or at == 0 or not before.strip(" \"«“") == before.strip())
    if context == "after_speech":
        return at > 0 and tokens[at - 1].norm in _SPEECH
    if context == "before_copula":
        from compare.analyze.lemmatize import lemmas

        return at + 1 < len(tokens) and bool(lemmas(tokens[at + 1].norm, lang) & _COPULA_LEMMAS)
    if context == "before_noun":
        if lang != "ru" or at + 1 >= len(tokens) or _between(text, tokens, at, at + 1).strip():
            return False
        return _ru_morph().parse(tokens[at + 1].norm)[0].tag.POS == "NOUN"
    return False


def rule_readings(token_lemmas: frozenset[str], tokens: list[Token], at: int, text: str, lang: str
                  ) -> tuple[bool, tuple[str, ...]]:
    """(set aside?, extra concept ids) for the word at `at` under the context rules."""
    extra: list[str] = []
    rules = context_rules()
    for word in token_lemmas | {tokens[at].norm}:
        if word.startswith("@"):
            continue
        for context, reading in rules.get((lang, word), ()):
            if in_context(context, tokens, at, text, lang):
                if reading == "-":
                    return True, ()
                extra.append(reading)
    return False, tuple(extra)


def concept_set_aside(concept_id: str, tokens: list[Token], last: int, text: str, lang: str) -> bool:
    """Does a rule for "@concept_id" set a match of the concept (ending at `last`) aside here?"""
    return any(
        reading == "-" and in_context(context, tokens, last, text, lang)
        for context, reading in context_rules().get((lang, "@" + concept_id), ())
    )


_YEAR_MIN, _YEAR_MAX = 1000, 2200


def date_here(tokens: list[Token], first: int, last: int, lang: str = "") -> bool:
    """A month name (months.tsv) with a day number right before it or a year right after it:
    «15 лютага», "May 2024" — not «5 террористов»."""
    if not month_of(tokens[first].norm, lang):
        return False
    before = tokens[first - 1].norm if first > 0 else ""
    after = tokens[last + 1].norm if last + 1 < len(tokens) else ""
    if before.isdigit() and 1 <= int(before) <= 31:
        return True
    return after.isdigit() and _YEAR_MIN <= int(after) <= _YEAR_MAX


MONTHS_PATH = _Path(__file__).resolve().parent.parent / "data" / "anchors" / "months.tsv"


@_lru_cache(maxsize=1)
def _months() -> dict[str, dict[str, int]]:
    """lang → month form → month number (compare/data/anchors/months.tsv)."""
    table: dict[str, dict[str, int]] = {}
    for line in MONTHS_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, number, forms = (line.split("\t") + ["", ""])[:3]
        for form in forms.split(","):
            table.setdefault(lang.strip(), {})[form.strip().rstrip(".")] = int(number)
    return table


def month_of(word: str, lang: str) -> int:
    """The month a word names (be «лютым» → 2), or 0."""
    return _months().get(lang, {}).get(word.lower(), 0)


def months_in(text: str, lang: str) -> set[int]:
    from compare.analyze.lemmatize import tokenize

    return {m for token in tokenize(text, lang) if (m := month_of(token.norm, lang))}
