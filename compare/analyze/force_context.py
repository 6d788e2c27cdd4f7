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
