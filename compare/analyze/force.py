"""Softened / sharpened analysis of one sentence pair over the force lexicon (no MT needed).

1. Each side is tokenised and every token gets its possible lemmas (lemmatize.py). A Belarusian
   row given as Russian (or the reverse) is analysed in its own language, with a note.
2. Lexicon variants are found by lemma, longest expressions first («не исключил», "tore into",
   "sharply criticised" win over their single words); word-context rules (force_context.py) keep
   "the demand", "military might", «несколько человек» out. A match after a negator ("not very",
   «не очень», «паники нет») is set aside where its scale says negation changes it; a negation
   read next to a word on one side only counts for both when the other side negates too.
3. A word with several readings ("tough": difficult or harsh; «считает»: an opinion or a
   reporting verb) takes the one the other side supports.
4. The two sides are compared scale by scale (scales.tsv): items of the same concept cancel,
   the rest are paired strongest first; a level difference of 1 or more is a flag (2 between two
   hedges). On "presence" scales a missing item counts as level 0, so a dropped hedge sharpens
   and a dropped booster softens; on "both" scales a side without the scale says nothing (the
   sentence was reworded) — unless the word is strong enough to stand alone («ущерб» →
   "devastating damage"), or the same word is negated on one side only («не является
   критической» → "critical").
5. Then: a hedge dropped on one hedging scale and added on another is one hedge reworded; a
   dropped intensifier that moved into a stronger word it modified is one shift, not two;
   routine renderings listed in relations.tsv («подчеркнул» → "said") get a low severity.
6. Last, a one-sided word is asked about again over the whole link and its one-sided
   neighbours (force_evidence.py: another form, a longer expression, a superlative, a
   dictionary hook); an intensifying adjective on a noun that is no force word ("profound
   admiration") is dropped as official formula. Word-context rules: data/force/contexts.tsv.

Target is judged relative to source: "softened" = the target is weaker than the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Iterable, Mapping

from compare.analyze.force_context import (
    EN_MODALS,
    NOT_A_HEAD,
    followed_by_a_verb,
    modifies_a_modifier,
    concept_set_aside,
    date_here,
    modifies_degree,
    month_of,
    months_in,
    noun_here,
    rule_readings,
)
from compare.analyze.force_evidence import Hook, rendered
from compare.analyze.lemmatize import Token, analyser_versions, first_lemma, lemmas, lexicon_lemmas, tokenize
from compare.lexicon import Concept, Lexicon, Scale, load_lexicon
from compare.model import LANG_NAMES, Flag, LinkAnalysis

SHIFT_THRESHOLD = 1.0  # level difference that makes a flag
HEDGE_SWAP_THRESHOLD = 2.0  # the same, between two hedges on both sides
EMPHASIS = "emphasis"  # the scale of boosters, intensifiers and downtoners
HEDGE_SCALES = frozenset({"hedge", "attribution", "opinion"})
MAX_GAP = 2  # other words allowed between the words of a multiword expression
MAX_CHARS = 2000  # longer "sentences" are not analysed (a paste of a whole story, a bad export)
HIGH, MEDIUM = 3.0, 1.5  # level differences for high / medium severity

# Words that set aside a following match on a negatable scale: negators, and "almost", which
# makes "almost completely" a statement of degree, not an intensifier.
NEGATORS = {
    "en": frozenset({"not", "no", "never", "neither", "nor", "without", "hardly", "almost", "nearly",
                     "virtually", "practically"}),
    "ru": frozenset({"не", "ни", "нет", "без", "почти", "практически"}),
    "be": frozenset({"не", "ні", "няма", "без", "амаль", "практычна"}),
}
NEGATION_WINDOW = {"en": 3, "ru": 1, "be": 1}  # tokens looked at before a match
POST_NEGATORS = {"ru": frozenset({"нет"}), "be": frozenset({"няма"})}
# Link verbs skipped when looking back for a negator: «не является критической», «не было опасным».
COPULAS = {
    "ru": frozenset(
        "является являются являлся являлась являлось являлись был была было были будет будут "
        "стал стала стало стали станет станут оказался оказалась оказалось оказались "
        "считается считаются выглядит выглядят выглядела выглядел".split()
    ),
    "be": frozenset(
        "з'яўляецца з'яўляюцца з'яўляўся з'яўлялася з'яўлялася з'яўляліся быў была было былі будзе будуць "
        "стаў стала стала сталі стане стануць аказаўся аказалася аказалася аказаліся лічыцца лічацца "
        "выглядае выглядаюць".split()
    ),
}
_CYRILLIC = re.compile(r"[а-яёіўʼ']", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_ONLY_BE = set("іў")
_ONLY_RU = set("иъщ")
_BE_SPELLING = re.compile(r"дз|[шжчрцтдсзнлб]э|ць\b|ыя\b|[ая]ўся\b")


@dataclass(frozen=True)
class _Pattern:
    concept: Concept
    order: int  # the concept's line in the lexicon: the last tie-break, so results never vary
    variant: str
    first: str  # the first word as written (an exact form beats a shared lemma)
    words: tuple[frozenset[str], ...]  # lemma set of each word
    needs_head: bool  # "+": a word must follow directly
    gap: int  # other words allowed between the words ("!": none, «в состоянии» is not «в тяжёлом состоянии»)
    degree_only: bool  # "~": only before a verb, adverb or comparative (Russian)
    modifier_only: bool  # "^": only before an adjective, adverb, verb or comparative (Russian)
    verb_only: bool  # "@v": not after an article / possessive / preposition
    negated: bool  # the expression itself carries the negation («не исключить»)


@dataclass(frozen=True)
class _Match:
    readings: tuple[Concept, ...]  # every concept these words can be, most likely first
    term: str  # the words as written in the sentence
    tokens: tuple[int, ...]
    glued: bool = False  # the next word follows with only a space between («вполне вероятно», not «неизбежна, считает»)

    @property
    def concept(self) -> Concept:
        return self.readings[0]


def _contexts_digest() -> str:
    import hashlib

    from compare.analyze.force_context import CONTEXTS_PATH

    return hashlib.sha256(CONTEXTS_PATH.read_bytes()).hexdigest()[:8] if CONTEXTS_PATH.exists() else "none"


def _signature() -> Mapping[str, str]:
    lexicon = load_lexicon()
    versions = analyser_versions()
    return MappingProxyType(
        {
            "lexicon": lexicon.digest,
            "concepts": str(len(lexicon.concepts)),
            "threshold": f"{SHIFT_THRESHOLD:g}",
            "hedge_swap": f"{HEDGE_SWAP_THRESHOLD:g}",
            "gap": str(MAX_GAP),
            "contexts": _contexts_digest(),
            "ru": versions["ru"],
            "en": versions["en"],
            "be": versions["be"],
        }
    )


FORCE_SIGNATURE: Mapping[str, str] = _signature()


SIGNATURE_STRING = "|".join(f"{key}:{value}" for key, value in FORCE_SIGNATURE.items())


def signature_string() -> str:
    """lexicon:<hash>|concepts:N|threshold:1|hedge_swap:2|gap:2|ru:…|en:…|be:… (sacrebleu-style)."""
    return SIGNATURE_STRING


@lru_cache(maxsize=8)
def _patterns(lang: str) -> dict[str, tuple[_Pattern, ...]]:
    """Lexicon variants of one language, indexed by the lemmas of their first word."""
    index: dict[str, list[_Pattern]] = {}
    negators = NEGATORS.get(lang, frozenset())
    for order, concept in enumerate(load_lexicon().concepts):
        for variant in concept.variants.get(lang, ()):
            text = variant
            gap = 0 if text.endswith("!") else MAX_GAP
            text = text.removesuffix("!")
            verb_only = text.endswith("@v")
            text = text.removesuffix("@v")
            needs_head = text.endswith("+")
            text = text.removesuffix("+")
            degree_only = text.endswith("~")
            text = text.removesuffix("~")
            modifier_only = text.endswith("^")
            text = text.removesuffix("^")
            exact_forms = {word[1:].lower() for word in text.split() if word.startswith("=")}
            tokens = tokenize(text.replace("=", ""), lang)
            if not tokens:
                continue
            # "=word": this form only ("=terrorist attack" is not "terrorists attacked")
            words = tuple(
                frozenset({"=" + token.norm}) if token.norm in exact_forms else lexicon_lemmas(token.norm, lang)
                for token in tokens
            )
            negated = any(token.norm in negators for token in tokens)
            pattern = _Pattern(
                concept, order, variant, tokens[0].norm, words, needs_head, gap, degree_only, modifier_only,
                verb_only, negated,
            )
            for lemma in words[0]:
                index.setdefault(lemma, []).append(pattern)
    return {key: tuple(value) for key, value in index.items()}


PREFIX = 2  # letters a Russian form shares with its lemma (мог/мочь, заявила/заявить)


@lru_cache(maxsize=8)
def _prefixes(lang: str) -> frozenset[str] | None:
    """First letters of every Russian lexicon lemma and word as written: a token that shares
    none of them cannot match, so it skips pymorphy3 (pure Python, the slow part). English
    needs no filter (said/say share no prefix, and lemminflect is fast); Belarusian is a lookup."""
    if lang != "ru":
        return None
    prefixes = {key.lstrip("=")[:PREFIX] for key in _patterns(lang)}
    for concept in load_lexicon().concepts:
        for variant in concept.variants.get(lang, ()):
            prefixes.update(token.norm[:PREFIX] for token in tokenize(variant, lang))
    return frozenset(prefixes)


def _match_at(pattern: _Pattern, start: int, lemma_sets: list[frozenset[str]]) -> tuple[int, ...] | None:
    """Token positions of the pattern's words from `start`, allowing the pattern's gap between.
    A token's lemma set also holds "=form", its own form, for exact-form words."""
    positions = [start]
    for word in pattern.words[1:]:
        last = positions[-1]
        for position in range(last + 1, min(last + 2 + pattern.gap, len(lemma_sets))):
            if word & lemma_sets[position]:
                positions.append(position)
                break
        else:
            return None
    return tuple(positions)


def _context_allows(pattern: _Pattern, positions: tuple[int, ...], tokens: list[Token], text: str, lang: str) -> bool:
    first, last = positions[0], positions[-1]
    if lang == "en" and len(positions) == 1:
        token = tokens[first]
        # "May" with a capital inside a sentence is the month, not the modal.
        if token.text == "May" and (first > 0 or (first + 1 < len(tokens) and tokens[first + 1].norm.isdigit())):
            return False
        if token.norm in EN_MODALS and not followed_by_a_verb(tokens, first):
            return False
    if pattern.verb_only and noun_here(tokens, first, last):
        return False
    if len(positions) == 1 and date_here(tokens, first, last, lang):
        return False  # «15 лютага» is February, not "fierce"; "May 2024" the month
    if pattern.degree_only and not modifies_degree(tokens, last, lang):
        return False
    if pattern.modifier_only and lang == "ru" and not modifies_a_modifier(tokens, last):
        return False
    if pattern.needs_head:
        if last + 1 >= len(tokens):
            return False
        following = tokens[last + 1]
        between = text[tokens[last].end : following.start]
        if between.strip() or following.norm in NOT_A_HEAD:
            return False
    return True


def find_terms(text: str, lang: str) -> list[tuple[_Match, bool]]:
    """Lexicon matches in a sentence with whether each is negated, in reading order."""
    tokens = tokenize(text, lang)
    prefixes = _prefixes(lang)
    lemma_sets = [
        (lemmas(token.norm, lang) if prefixes is None or token.norm[:PREFIX] in prefixes else frozenset({token.norm}))
        | {"=" + token.norm}
        for token in tokens
    ]
    index = _patterns(lang)
    candidates: list[tuple[tuple, _Pattern, tuple[int, ...]]] = []
    for start, lemma_set in enumerate(lemma_sets):
        seen: set[int] = set()
        for lemma in lemma_set:
            for pattern in index.get(lemma, ()):
                if id(pattern) in seen:
                    continue
                seen.add(id(pattern))
                positions = _match_at(pattern, start, lemma_sets)
                if positions and _context_allows(pattern, positions, tokens, text, lang):
                    span = positions[-1] - positions[0]
                    exact = pattern.first == tokens[start].norm
                    # «подозревают» is «подозревать» before it is «подозреваемый» (written as a lemma
                    # of its own, but a participle of the verb too)
                    own_lemma = pattern.first == first_lemma(tokens[start].norm, lang)
                    rank = (-len(positions), span, start, not exact, not own_lemma, pattern.order)
                    candidates.append((rank, pattern, positions))
    # Longest expressions first, then the tightest, then reading order, then an exact form
    # («alarming» is "alarming", not "alarm"); no token is used twice.
    candidates.sort(key=lambda item: item[0])
    # Words listed under several concepts ("tough": difficult, or harsh) keep every reading;
    # the comparison picks the one the other side supports.
    readings: dict[tuple[int, ...], list[Concept]] = {}
    for _, pattern, positions in candidates:
        concepts = readings.setdefault(positions, [])
        if pattern.concept not in concepts:
            concepts.append(pattern.concept)
    # One-word matches under the context rules (contexts.tsv): set aside, or another reading
    # added for the other side to choose («мусіць» between commas is "probably" too).
    by_id = load_lexicon().by_id()
    aside: set[tuple[int, ...]] = set()
    for positions, concepts in readings.items():
        # "@concept" rules: a reading of the match set aside in its context, multiword ones too
        # («со ссылкой на пресс-службу» credits the story's channel, it hedges no claim)
        kept = [c for c in concepts if not concept_set_aside(c.id, tokens, positions[-1], text, lang)]
        if not kept:
            aside.add(positions)
            continue
        concepts[:] = kept
        if len(positions) != 1:
            continue
        drop, extra = rule_readings(lemma_sets[positions[0]], tokens, positions[0], text, lang)
        if drop:
            aside.add(positions)
        for concept_id in extra:
            if concept_id in by_id and by_id[concept_id] not in concepts:
                concepts.append(by_id[concept_id])
    candidates = [item for item in candidates if item[2] not in aside]
    used: set[int] = set()
    found: list[tuple[_Match, bool]] = []
    negators = NEGATORS.get(lang, frozenset())
    window = NEGATION_WINDOW.get(lang, 1)
    copulas = COPULAS.get(lang, frozenset())
    for _, pattern, positions in candidates:
        if used.intersection(positions):
            continue
        used.update(positions)
        first = positions[0]
        while first > 0 and tokens[first - 1].norm in copulas:
            first -= 1
        before = {tokens[i].norm for i in range(max(0, first - window), first)}
        first = positions[0]
        after = tokens[positions[-1] + 1].norm if positions[-1] + 1 < len(tokens) else ""
        # «паники нет», «сумненняў няма»: the Russian and Belarusian negation after a genitive
        negated = not pattern.negated and (bool(before & negators) or after in POST_NEGATORS.get(lang, ()))
        if lang == "en" and not negated and after in _EN_MODAL_NOT and pattern.concept.scale == "obligation":
            negated = True  # "should not", "must never": the negation follows an English modal
        last = positions[-1]
        term = text[tokens[first].start : tokens[last].end]
        glued = last + 1 < len(tokens) and not text[tokens[last].end : tokens[last + 1].start].strip()
        found.append((_Match(tuple(readings[positions]), term, positions, glued), negated))
    found.sort(key=lambda item: item[0].tokens[0])
    return found


def _input_problem(text: str, lang: str, side: str) -> str:
    """A one-line note when a side cannot be analysed, else ''."""
    if not text.strip():
        return f"empty {side}"
    if len(text) > MAX_CHARS:
        return f"{side} is {len(text)} characters long, more than one sentence ({MAX_CHARS}): not analysed"
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return f"{side} has no words (only punctuation or numbers)"
    if lang not in LANG_NAMES:
        return f"unknown {side} language {lang!r}"
    cyrillic = sum(1 for ch in letters if _CYRILLIC.match(ch))
    latin = sum(1 for ch in letters if _LATIN.match(ch))
    expected = latin if lang == "en" else cyrillic
    if expected < 0.6 * len(letters):
        what = "mixed-language" if min(cyrillic, latin) > 0.2 * len(letters) else "not"
        if what == "not":
            return f"{side} does not look like {LANG_NAMES[lang]}"
        return f"{side} is mixed-language text, not {LANG_NAMES[lang]}"
    return ""


def _sister_language(text: str, lang: str) -> str:
    """'be' for a "Russian" text that is plainly Belarusian (і, ў outnumber и, щ, ъ), 'ru' for
    the reverse, else ''. A file of mixed ru/be rows run with one --src-lang still gets each
    row analysed in its own language (with a note saying so)."""
    if lang not in ("ru", "be"):
        return ""
    lower = text.lower()
    only_be = sum(lower.count(ch) for ch in _ONLY_BE)
    only_ru = sum(lower.count(ch) for ch in _ONLY_RU)
    if lang == "ru" and only_be > only_ru:
        return "be"
    # «Магчыма, выбары будуць перанесены»: no і or ў, but a Russian sentence that long without
    # и, щ or ъ is very rare, and these spellings (дз, шэ/рэ/тэ, -ць) are Belarusian.
    if lang == "ru" and not only_ru and sum(ch.isalpha() for ch in lower) >= 20 and _BE_SPELLING.search(lower):
        return "be"
    if lang == "be" and only_ru > only_be:
        return "ru"
    return ""


@dataclass(frozen=True)
class _Item:
    concept: Concept
    term: str
    negated: bool = False  # under a negator on a scale where negation does not set it aside

    @property
    def level(self) -> float:
        return self.concept.level


def _resolve(match: _Match, other_side: list[tuple[_Match, bool]]) -> Concept:
    """The reading of an ambiguous match that the other side supports: the same concept
    there beats the scale of a word's likeliest reading there, which beats the scale of any
    reading there, which beats the first (most likely) reading."""
    if len(match.readings) == 1:
        return match.readings[0]
    ids = {concept.id for other, _ in other_side for concept in other.readings}
    first_scales = {other.readings[0].scale for other, _ in other_side}
    scales = {concept.scale for other, _ in other_side for concept in other.readings}
    return max(
        match.readings,
        key=lambda c: (c.id in ids, c.scale in first_scales, c.scale in scales, -match.readings.index(c)),
    )


def _items_by_scale(
    matches: list[tuple[_Match, bool]], other_side: list[tuple[_Match, bool]], lexicon: Lexicon
) -> dict[str, list[_Item]]:
    resolved = [(match, _resolve(match, other_side), negated) for match, negated in matches]
    hedge_starts = {match.tokens[0] for match, concept, _ in resolved if concept.scale in HEDGE_SCALES}
    by_scale: dict[str, list[_Item]] = {}
    for match, concept, negated in resolved:
        scale = lexicon.scales[concept.scale]
        if negated and scale.negatable:
            continue  # "not very", «не может»: set aside on whichever side it appears
        if (
            scale.name == EMPHASIS and concept.category in _DEGREE_CATEGORIES and match.glued
            and match.tokens[-1] + 1 in hedge_starts
        ):
            continue  # «вполне вероятно», "quite possibly": the degree of a hedge is part of it
        by_scale.setdefault(scale.name, []).append(_Item(concept, match.term, negated))
    return by_scale


_DEGREE_CATEGORIES = frozenset({"intensifier", "downtoner"})


def _modifies(degree_term: str, word_term: str, text: str) -> bool:
    """Does the degree word stand right before the word it would modify (up to MAX_GAP words
    between: «очень серьёзная», "extremely tense")?"""
    gap = r"(?:\W+\w+){0,%d}\W+" % MAX_GAP
    return bool(re.search(re.escape(degree_term) + gap + re.escape(word_term), text, re.IGNORECASE))


def _cancel_reworded_hedges(flags: list[Flag], lexicon: Lexicon) -> list[Flag]:
    """«предположительно» → "is believed to", «по данным» → "apparently": a hedge dropped on one
    of the hedging scales (hedge, attribution, opinion) and one of about the same strength (one
    level apart at most: «эксперты полагают» → "experts expect") added on another is the same
    caution said another way, not two shifts."""
    by_id = lexicon.by_id()

    def scale_of(flag: Flag) -> str:
        return by_id[flag.rule.split(">")[0].removeprefix("not ")].scale

    hedging = [f for f in flags if scale_of(f) in HEDGE_SCALES and bool(f.source_term) != bool(f.target_term)]
    dropped = [f for f in hedging if f.source_term]
    added = [f for f in hedging if f.target_term]
    gone: set[int] = set()
    for old in dropped:
        for new in added:
            if id(new) in gone or scale_of(new) == scale_of(old):
                continue
            if abs((old.source_level or 0.0) - (new.target_level or 0.0)) <= SHIFT_THRESHOLD:
                gone.update({id(old), id(new)})
                break
    return [f for f in flags if id(f) not in gone]


def _fold_intensifier(flags: list[Flag], lexicon: Lexicon, source: str, target: str) -> list[Flag]:
    """«очень серьёзная» → "catastrophic": a dropped intensifier that moved into a stronger word
    is one shift, not two. When the only intensifier flag opposes evaluative flags on the words
    it modifies, weigh them together (the degree word at half its level): within one level they
    cancel, else the stronger direction stands. A booster ("definitely") or a degree word elsewhere in the sentence is its own shift."""
    by_id = lexicon.by_id()

    def scale_of(flag: Flag) -> str:
        return by_id[flag.rule.split(">")[0].removeprefix("not ")].scale

    degree = [
        f for f in flags
        if scale_of(f) == EMPHASIS and not (f.source_term and f.target_term) and f.category in _DEGREE_CATEGORIES
    ]
    if len(degree) != 1:
        return flags
    term, text, side = (
        (degree[0].source_term, source, "source_term") if degree[0].source_term else (degree[0].target_term, target, "target_term")
    )
    words = [
        f for f in flags
        if f.kind != degree[0].kind and lexicon.scales[scale_of(f)].mode == "both" and scale_of(f) != "reporting"
        and f.category == "evaluative" and _modifies(term, getattr(f, side), text)
    ]
    if not words:
        return flags

    def sharper(flag: Flag) -> float:
        size = abs((flag.target_level or 0.0) - (flag.source_level or 0.0))
        return size if flag.kind == "sharpened" else -size

    # A degree word raises the word it modifies by about one step of that word's scale ("very
    # important" ≈ "key", «крайне важен» ≈ "crucial"), not by its own level (very 2, extremely 3):
    # its share of the net is half its level.
    net = sum(sharper(f) / 2 for f in degree) + sum(sharper(f) for f in words)
    dropped = {id(f) for f in [*degree, *words]}
    if abs(net) > SHIFT_THRESHOLD:
        keep = "sharpened" if net > 0 else "softened"
        dropped = {id(f) for f in [*degree, *words] if f.kind != keep}
    return [f for f in flags if id(f) not in dropped]


def _degree_in_the_word(
    flags: list[Flag], lexicon: Lexicon, items: tuple[dict[str, list[_Item]], dict[str, list[_Item]]],
    texts: tuple[str, str],
) -> list[Flag]:
    """«крайне важен» → "key", "very important" for «ключевой»: a degree word on one side whose
    word the other side renders by a stronger word of the same scale (equivalent words, so no
    flag of their own) carries its degree in that word. One shift fewer, not one more."""
    by_id = lexicon.by_id()
    kept = []
    for flag in flags:
        concept = by_id.get(flag.rule)
        one_sided = bool(flag.source_term) != bool(flag.target_term)
        if one_sided and concept is not None and concept.category in _DEGREE_CATEGORIES and concept.level > 0:
            side = 0 if flag.source_term else 1
            term = flag.source_term or flag.target_term
            mine = [
                item for name, scale_items in items[side].items() if lexicon.scales[name].mode == "both"
                for item in scale_items if item.concept.category == "evaluative" and _modifies(term, item.term, texts[side])
            ]
            if any(
                other.concept.scale == item.concept.scale and other.level > item.level and not other.negated
                for item in mine for other in items[1 - side].get(item.concept.scale, [])
            ):
                continue
        kept.append(flag)
    return kept


def _cancel_same(src: list[_Item], tgt: list[_Item], lexicon: Lexicon) -> tuple[list[_Item], list[_Item]]:
    """Drop pairs that render each other: the same concept, or an 'equivalent' relation."""
    src, tgt = list(src), list(tgt)
    for related in (False, True):
        for item in list(src):
            for other in tgt:
                same = item.concept.id == other.concept.id
                if same or (related and lexicon.relations.get((item.concept.id, other.concept.id)) == "equivalent"):
                    src.remove(item)
                    tgt.remove(other)
                    break
    return src, tgt


# Negators proper (not "almost"): a side with none of them cannot carry a moved negation.
PLAIN_NEGATORS = {
    "en": frozenset({"not", "no", "never", "neither", "nor", "without"}),
    # a prohibition negates what follows: «нельзя допустить эскалации» is "must not allow an escalation"
    "ru": frozenset({"не", "ни", "нет", "без", "нельзя"}),
    "be": frozenset({"не", "ні", "няма", "без", "нельга"}),
}
_EN_MODAL_NOT = frozenset({"not", "never"})
_OBLIGATIONS = frozenset({"must", "should", "need"})


def _prohibition(item: _Item) -> bool:
    """«нельзя», "cannot", "must not", "should not", «не следует»: a prohibition, said either way."""
    return (item.concept.id == "cannot" and not item.negated) or (item.negated and item.concept.id in _OBLIGATIONS)


def has_negator(text: str, lang: str) -> bool:
    negators = PLAIN_NEGATORS.get(lang, frozenset())
    return any(token.norm in negators for token in tokenize(text, lang))


def _share_negation(
    src: list[tuple[_Match, bool]], tgt: list[tuple[_Match, bool]], negates: tuple[bool, bool]
) -> tuple[list[tuple[_Match, bool]], list[tuple[_Match, bool]]]:
    """«не должны поддаваться панике» → "should not panic": the negation was found next to the
    word on one side only, but the other side negates something too — the same negation read
    with a different reach. The word counts as negated on both sides."""

    def ids(matches: list[tuple[_Match, bool]], negated: bool) -> set[str]:
        return {concept.id for match, neg in matches if neg == negated for concept in match.readings}

    def spread(matches, other, negator_here):
        if not negator_here:
            return matches
        negated_there = ids(other, True)
        return [
            (match, negated or bool(negated_there & {c.id for c in match.readings}))
            for match, negated in matches
        ]

    return spread(src, tgt, negates[0]), spread(tgt, src, negates[1])


def _negation_shifts(
    src: list[_Item], tgt: list[_Item], src_negates: bool, tgt_negates: bool
) -> tuple[list[_Item], list[_Item], list[tuple[_Item, _Item]]]:
    """«ситуация не является критической» → "the situation was critical": the same word, negated
    on one side only, where the other side has no negation anywhere (so it did not just move:
    "do not consider it critical"). Such pairs are taken out of the ordinary comparison."""
    pairs = []
    src, tgt = list(src), list(tgt)
    for item in list(src):
        for other in tgt:
            if item.concept.id != other.concept.id or item.negated == other.negated:
                continue
            if (item.negated and not tgt_negates) or (other.negated and not src_negates):
                pairs.append((item, other))
                src.remove(item)
                tgt.remove(other)
                break
    return src, tgt, pairs


def _covered(item: _Item | None, other_side: list[_Item]) -> bool:
    """Does the other side hold an item of the same sign at least as strong?"""
    if item is None:
        return False
    return any(
        other.level * item.level > 0 and abs(other.level) >= abs(item.level) for other in other_side
    )


def _severity(difference: float, relation: str | None) -> str:
    if relation == "routine":
        return "low"
    if difference >= HIGH:
        return "high"
    return "medium" if difference >= MEDIUM else "low"


def _explain(kind: str, src: _Item | None, tgt: _Item | None, relation: str | None, src_lang: str, tgt_lang: str) -> str:
    """One line: the words, their concepts and levels, and what the difference does."""
    source_name, target_name = LANG_NAMES[src_lang], LANG_NAMES[tgt_lang]
    if src and tgt:
        stronger = "stronger" if tgt.level > src.level else "weaker"
        category = src.concept.category.replace("_", " ")
        text = (
            f"{source_name} «{src.term}» ({src.concept.id}, level {src.level:g}) → {target_name} "
            f"«{tgt.term}» ({tgt.concept.id}, level {tgt.level:g}): a {stronger} {category} — {kind}"
        )
        return text + ("; routine wire convention" if relation == "routine" else "")
    if src:
        return (
            f"the {target_name} drops the {source_name} {src.concept.category.replace('_', ' ')} "
            f"«{src.term}» ({src.concept.id}, level {src.level:g}) — {kind}"
        )
    assert tgt is not None
    return (
        f"the {target_name} adds the {tgt.concept.category.replace('_', ' ')} «{tgt.term}» "
        f"({tgt.concept.id}, level {tgt.level:g}) that the {source_name} does not have — {kind}"
    )


STRONG = 3.0  # a label or evaluative word this strong on the other side answers a one-sided word


def _strong_words(items: dict[str, list[_Item]], lexicon: Lexicon) -> bool:
    return any(
        abs(item.level) >= STRONG and item.concept.category in ("label", "evaluative")
        for name, scale_items in items.items()
        if lexicon.scales[name].mode == "both"
        for item in scale_items
    )


def _strong_alone(
    scale: Scale, src: list[_Item], tgt: list[_Item], strong: tuple[bool, bool], src_lang: str, tgt_lang: str
) -> list[Flag]:
    """"devastating damage" for «ущерб», "terrorists" for «они»: on a scale with an `alone`
    level, a word that strong on one side only, with no strong word at all on the other, is a
    shift by itself (a faithful translator neither adds nor drops it)."""
    if scale.alone is None:
        return []
    flags = []
    for item, added in [(item, False) for item in src if not strong[1]] + [(item, True) for item in tgt if not strong[0]]:
        if abs(item.level) < scale.alone or item.negated:
            continue
        kind = "sharpened" if added == (scale.higher == "sharper") else "softened"
        flags.append(
            Flag(
                kind=kind,
                category=item.concept.category,
                source_term="" if added else item.term,
                target_term=item.term if added else "",
                explanation=_explain(kind, None if added else item, item if added else None, None, src_lang, tgt_lang),
                severity=_severity(abs(item.level), None),
                source_level=0.0 if added else item.level,
                target_level=item.level if added else 0.0,
                rule=item.concept.id,
            )
        )
    return flags


def _compare_scale(
    scale: Scale,
    src: list[_Item],
    tgt: list[_Item],
    src_satisfied: bool,
    tgt_satisfied: bool,
    lexicon: Lexicon,
    src_lang: str,
    tgt_lang: str,
    negates: tuple[bool, bool] = (False, False),
    strong: tuple[bool, bool] = (True, True),
) -> list[Flag]:
    everything_src, everything_tgt = list(src), list(tgt)
    flags = []
    if scale.mode == "both" and scale.name != "reporting":
        src, tgt, lost = _negation_shifts(src, tgt, negates[0], negates[1])
        for s, t in lost:
            # asserting what the original denied moves the sentence up its scale
            up = s.negated
            kind = "sharpened" if up == (scale.higher == "sharper") else "softened"
            negated_side, plain_side = (LANG_NAMES[src_lang], LANG_NAMES[tgt_lang]) if up else (LANG_NAMES[tgt_lang], LANG_NAMES[src_lang])
            flags.append(
                Flag(
                    kind=kind,
                    category=s.concept.category,
                    source_term=s.term,
                    target_term=t.term,
                    explanation=(
                        f"the {negated_side} negates «{s.term if up else t.term}» ({s.concept.id}), the {plain_side} "
                        f"«{t.term if up else s.term}» has no negation — {kind}"
                    ),
                    severity=_severity(abs(s.level) + 1, None),
                    source_level=0.0 if up else s.level,
                    target_level=t.level if up else 0.0,
                    rule=f"not {s.concept.id}>{t.concept.id}" if up else f"{s.concept.id}>not {t.concept.id}",
                )
            )
    src, tgt = _cancel_same(src, tgt, lexicon)
    if scale.name == "reporting":
        # «павіншаваў …, падкрэсліўшы …» → "congratulated … emphasizing … He highlighted …": a
        # reporting verb the other side has too, said once more, pairs with nothing
        matched = {item.concept.id for item in everything_src} & {item.concept.id for item in everything_tgt}
        src = [item for item in src if item.concept.id not in matched]
        tgt = [item for item in tgt if item.concept.id not in matched]
    if not src and not tgt:
        return flags
    if scale.mode == "both" and (not src or not tgt):
        return flags + _strong_alone(scale, src, tgt, strong, src_lang, tgt_lang)
    if (not src and src_satisfied) or (not tgt and tgt_satisfied):
        return flags  # the other scale (a reporting verb) carries what this one would
    src.sort(key=lambda item: -item.level)
    tgt.sort(key=lambda item: -item.level)
    pairs: list[tuple[_Item | None, _Item | None]]
    if scale.mode == "both":
        pairs = list(zip(src, tgt))
    else:
        width = max(len(src), len(tgt))
        pairs = list(zip(src + [None] * (width - len(src)), tgt + [None] * (width - len(tgt))))
        # A leftover the other side already covers is not a shift: «возможно … удастся» →
        # "possibly … can" is one hedge said twice, not a hedge added.
        pairs = [
            (s, t) for s, t in pairs
            if (s and t) or not _covered(s or t, everything_src if t else everything_tgt)
        ]
    for s, t in pairs:
        if scale.name == "obligation" and s and t and _prohibition(s) and _prohibition(t):
            continue  # «нельзя допускать» → "should not allow" / "in no case should we": one prohibition
        src_level = s.level if s else 0.0
        tgt_level = t.level if t else 0.0
        difference = tgt_level - src_level
        # one hedge for another («вероятно» → "is expected to") keeps the caution: only a big
        # difference in strength is a shift there; a hedge dropped or added always is
        threshold = HEDGE_SWAP_THRESHOLD if (s and t and scale.name in HEDGE_SCALES) else SHIFT_THRESHOLD
        if abs(difference) < threshold:
            continue
        stronger = difference > 0
        kind = "sharpened" if stronger == (scale.higher == "sharper") else "softened"
        relation = lexicon.relations.get((s.concept.id, t.concept.id)) if s and t else None
        present = s or t
        assert present is not None
        flags.append(
            Flag(
                kind=kind,
                category=present.concept.category,
                source_term=s.term if s else "",
                target_term=t.term if t else "",
                explanation=_explain(kind, s, t, relation, src_lang, tgt_lang),
                severity=_severity(abs(difference), relation),
                source_level=src_level,
                target_level=tgt_level,
                rule=(s or t).concept.id if not (s and t) else f"{s.concept.id}>{t.concept.id}",
            )
        )
    return flags


def _drop_rendered(
    flags: list[Flag], lexicon: Lexicon, source: str, target: str, src_lang: str, tgt_lang: str,
    hooks: Iterable[Hook] | None,
) -> list[Flag]:
    """A word one side has and the other side "lacks" is no shift when the other side renders it
    after all — in another form, inside a longer expression, or in a dictionary's words
    (force_evidence.rendered, over the whole link)."""
    by_id = lexicon.by_id()
    kept = []
    for flag in flags:
        one_sided = bool(flag.source_term) != bool(flag.target_term)
        concept = by_id.get(flag.rule)
        term, lang, other, other_lang = (
            (flag.source_term, src_lang, target, tgt_lang) if flag.source_term
            else (flag.target_term, tgt_lang, source, src_lang)
        )
        if one_sided and month_of(term, lang) and month_of(term, lang) in months_in(other, other_lang):
            continue  # be «у лютым» beside "in February": the month, not "fierce"
        if one_sided and concept is not None:
            if flag.source_term:
                there = rendered(concept, flag.source_term, src_lang, target, tgt_lang, hooks)
            else:
                there = rendered(concept, flag.target_term, tgt_lang, source, src_lang, hooks)
            if there:
                continue
        kept.append(flag)
    return kept


def _is_adjective(word: str, lang: str, following: str = "") -> bool:
    """Is the word an adjective here ("profound", «глубокие»; "deep" before a noun: "deep study")?"""
    if lang == "en":
        from lemminflect import getAllLemmas

        readings = getAllLemmas(word.lower())
        return "ADJ" in readings and ("ADV" not in readings or "NOUN" in getAllLemmas(following.lower()))
    if lang == "ru":
        from compare.analyze.lemmatize import _ru_morph

        return _ru_morph().parse(word.lower())[0].tag.POS == "ADJF"
    return word.lower().endswith(("ы", "і", "ая", "ае", "ыя", "ія", "ага", "ым", "ых", "ую"))


def _drop_epithets(
    flags: list[Flag], lexicon: Lexicon, matches: tuple[list[tuple[_Match, bool]], list[tuple[_Match, bool]]],
    langs: tuple[str, str], texts: tuple[str, str],
) -> list[Flag]:
    """"profound admiration", "deep study", «глубокие соболезнования»: an intensifying adjective
    added to or dropped from a noun that is no force word itself is the formula of official
    English (greetings, condolences), not a shift. On a force word it stays one ("deep concern"
    for «обеспокоенность»), and so do degree adverbs ("very serious", "strongly condemn")."""
    by_id = lexicon.by_id()
    kept = []
    for flag in flags:
        concept = by_id.get(flag.rule)
        one_sided = bool(flag.source_term) != bool(flag.target_term)
        if one_sided and concept is not None and concept.category == "intensifier" and concept.level <= 2:
            side = 0 if flag.source_term else 1
            term = flag.source_term or flag.target_term
            mine = next((m for m, _ in matches[side] if m.term == term), None)
            tokens = tokenize(texts[side], langs[side])
            at = mine.tokens[-1] + 1 if mine is not None else len(tokens)
            following = tokens[at].norm if at < len(tokens) else ""
            if mine is not None and len(mine.tokens) == 1 and _is_adjective(term, langs[side], following) and not any(
                any(c.scale not in (EMPHASIS, "neutral") for c in other.readings)
                and 0 < other.tokens[0] - mine.tokens[-1] <= 2
                for other, _ in matches[side]
            ):
                continue
        kept.append(flag)
    return kept


def _noun_said_as_adjective(
    flags: list[Flag], lexicon: Lexicon, matches: tuple[list[tuple[_Match, bool]], list[tuple[_Match, bool]]],
    langs: tuple[str, str], texts: tuple[str, str], hooks: Iterable[Hook] | None,
) -> list[Flag]:
    """«эта трагедия — наша общая боль» → "this tragedy is very painful for us": a noun of the
    original said in English as an adjective takes a degree word ("very painful") to carry the
    weight the noun had; the English adds no degree. Only an added degree word right before an
    English adjective that is no force word, where the dictionary says a noun of the original is
    rendered by that adjective (when the bridge has no dictionary, the flag stays)."""
    if langs[1] != "en" or langs[0] not in ("ru", "be") or hooks is not None:
        return flags
    by_id = lexicon.by_id()
    kept = []
    target_tokens = tokenize(texts[1], "en")
    lexicon_tokens = {at for match, _ in matches[1] for at in match.tokens}
    for flag in flags:
        concept = by_id.get(flag.rule)
        if (flag.target_term and not flag.source_term and concept is not None
                and concept.category == "intensifier" and concept.level > 0):
            mine = next((m for m, _ in matches[1] if m.term == flag.target_term and len(m.tokens) == 1), None)
            at = mine.tokens[0] + 1 if mine is not None else len(target_tokens)
            if at < len(target_tokens) and at not in lexicon_tokens:
                word = target_tokens[at].norm
                following = target_tokens[at + 1].norm if at + 1 < len(target_tokens) else ""
                if _is_adjective(word, "en", following) and _a_noun_rendered_as(word, texts[0], langs[0]):
                    continue
        kept.append(flag)
    return kept


def _a_noun_rendered_as(word: str, text: str, lang: str) -> bool:
    from compare.analyze.force_evidence import _bridge_hook

    for token in tokenize(text, lang):
        if len(token.norm) < 4:
            continue
        if lang == "ru":
            from compare.analyze.lemmatize import _ru_morph

            if _ru_morph().parse(token.norm)[0].tag.POS != "NOUN":
                continue
        try:
            if _bridge_hook(token.norm, lang, word, "en"):
                return True
        except Exception:  # noqa: BLE001 — no dictionary: the flag stays
            return False
    return False


def analyze_force(
    source: str, target: str, src_lang: str, tgt_lang: str, *, hooks: Iterable[Hook] | None = None,
    context: tuple[str, str] = ("", ""),
) -> LinkAnalysis:
    """Is the target softer or sharper than the source? Verdict and the evidence for it.

    `hooks`: `rendered(term, term_lang, text, text_lang) -> bool` checks (a dictionary bridge)
    asked before a one-sided word is flagged; default: those registered in force_evidence.
    `context`: (source, target) text of one-sided neighbouring rows (a sentence the other version
    split off): a word found there is not "dropped" or "added"."""
    source = source if isinstance(source, str) else ""
    target = target if isinstance(target, str) else ""
    problem = _input_problem(source, src_lang, "source") or _input_problem(target, tgt_lang, "target")
    if problem:
        return LinkAnalysis(verdict="none", note=problem, signatures={"force": signature_string()})
    notes = []
    for side, text, lang in (("source", source, src_lang), ("target", target, tgt_lang)):
        sister = _sister_language(text, lang)
        if sister:
            notes.append(f"{side} looks like {LANG_NAMES[sister]}, not {LANG_NAMES[lang]}: analysed as {LANG_NAMES[sister]}")
            src_lang, tgt_lang = (sister, tgt_lang) if side == "source" else (src_lang, sister)
    lexicon = load_lexicon()
    src_matches = find_terms(source, src_lang)
    tgt_matches = find_terms(target, tgt_lang)
    negates = (has_negator(source, src_lang), has_negator(target, tgt_lang))
    src_matches, tgt_matches = _share_negation(src_matches, tgt_matches, negates)
    src_items = _items_by_scale(src_matches, tgt_matches, lexicon)
    tgt_items = _items_by_scale(tgt_matches, src_matches, lexicon)
    strong = (_strong_words(src_items, lexicon), _strong_words(tgt_items, lexicon))
    flags: list[Flag] = []
    for name, scale in lexicon.scales.items():
        if name not in src_items and name not in tgt_items:
            continue
        flags += _compare_scale(
            scale,
            src_items.get(name, []),
            tgt_items.get(name, []),
            any(src_items.get(other) for other in scale.satisfied_by),
            any(tgt_items.get(other) for other in scale.satisfied_by),
            lexicon,
            src_lang,
            tgt_lang,
            negates,
            strong,
        )
    flags = _cancel_reworded_hedges(flags, lexicon)
    flags = _fold_intensifier(flags, lexicon, source, target)
    flags = _degree_in_the_word(flags, lexicon, (src_items, tgt_items), (source, target))
    flags = _drop_rendered(flags, lexicon, " ".join(filter(None, (source, context[0]))),
                           " ".join(filter(None, (target, context[1]))), src_lang, tgt_lang, hooks)
    flags = _drop_epithets(flags, lexicon, (src_matches, tgt_matches), (src_lang, tgt_lang), (source, target))
    flags = _noun_said_as_adjective(flags, lexicon, (src_matches, tgt_matches), (src_lang, tgt_lang), (source, target), hooks)
    kinds = {flag.kind for flag in flags}
    verdict = "mixed" if len(kinds) > 1 else (kinds.pop() if kinds else "none")
    return LinkAnalysis(
        verdict=verdict, flags=tuple(flags), note="; ".join(notes), signatures={"force": signature_string()}
    )
