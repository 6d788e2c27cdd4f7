"""Names: a name of the source missing in the target, or rendered as another name, and the
same name spelt two ways in one version.

A name is found in the target under any spelling that shares its name key (compare.anchors:
a consonant skeleton across scripts), an exonym (exonyms.tsv), a derived word, or a spelling one
sound class away.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from compare import anchors
from compare.analyze.checks.common import data_lines
from compare.analyze.checks.transcription import same_name
from compare.analyze.words import fold, is_function_word, words
from compare.model import Flag

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=1)
def _exonym_groups() -> dict[str, frozenset[int]]:
    """name_key of every spelling in exonyms.tsv and countries.tsv → the rows it belongs to (a
    capital's row and its country's row share the capital's spellings)."""
    groups: dict[str, set[int]] = {}
    lines = data_lines("exonyms.tsv") + data_lines("countries.tsv")
    for row, line in enumerate(lines):
        for column in line.split("\t"):
            for form in column.split(","):
                for key in _phrase_keys(form.strip()):
                    groups.setdefault(key, set()).add(row)
    return {key: frozenset(rows) for key, rows in groups.items()}


@lru_cache(maxsize=50_000)
def _phrase_keys(phrase: str) -> tuple[str, ...]:
    """Keys of a phrase: each word's (and each hyphenated part's) name key under its spellings,
    and the acronym key of an all-capitals word ("IT-кампаніі" → acr:it, …)."""
    keys = []
    for word in phrase.split():
        parts = [word] + (re.split(r"[-‐‑]", word) if re.search(r"[-‐‑]", word) else [])
        for part in parts:
            if len(part) >= 2 and part.isupper():
                keys.append(f"acr:{anchors._fold_cyrillic(part.lower())}")
            keys.extend(key for key in map(_word_key, _spellings(part)) if key)
    return tuple(keys)


def _spellings(word: str) -> list[str]:
    """A word and its Belarusian–Russian alternations that the name key does not fold: the
    prothetic в (Вольга / Ольга) and ў for в (Шэўчык / Шевчик)."""
    spellings = [word]
    lower = word.lower()
    if len(lower) > 3 and lower[0] == "в" and lower[1] in "оу":
        spellings.append(word[1:])
    if "ў" in lower:
        spellings += [s.replace("ў", "в").replace("Ў", "В") for s in spellings]
    return spellings


@lru_cache(maxsize=50_000)
def _word_key(word: str) -> str:
    return anchors.name_key(word)


def _key_groups(key: str) -> set[str]:
    return {key} | {f"exonym:{row}" for row in _exonym_groups().get(key, ())}


def check_names(source: str, target: str, src_lang: str, tgt_lang: str,
                src_known: frozenset[str] = frozenset(),
                name_keys: frozenset[str] | None = None, story_date: str = "") -> list[Flag]:
    """A source name that nothing in the target transliterates (any word, any case, an exonym,
    a derived word, or a spelling one sound class away). Only words that are names — not
    capitalised common words like «Государственный» or "Border" — are looked for."""
    src_names = [m for m in _names(source, src_lang, frozenset(src_known))
                 if m.kind == "name" and _is_name(m, src_lang, name_keys)]
    if not src_names:
        return []
    target_keys: set[str] = set()
    for word in words(target):
        for key in _phrase_keys(word.text):
            target_keys |= _key_groups(key)
    capitalised = [part for w in words(target) if w.text[:1].isupper()
                   for part in [w.text, *re.split(r"[-‐‑]", w.text)] if part]
    missing = [m for m in src_names if not _found(m.surface, target_keys)
               and not any(same_name(part, word) for part in re.split(r"[-‐‑]", m.surface)
                           for word in capitalised)]
    missing = _unless_role(missing, source, target, src_lang, tgt_lang)
    if tgt_lang == "en":
        missing = [m for m in missing if not _patronymic_between(m, src_names, source)]
    if not missing:
        return []
    target_names = [m for m in anchors.extract_names(
        target, tgt_lang, known=frozenset(fold(w.text) for w in words(target)))
        if m.kind == "name" and _is_name(m, tgt_lang, None)
        and not _source_has(m.key, src_names, source)]
    if not any(_near_speech_verb(t.span, target) for t in target_names):
        missing = [m for m in missing if not _in_attribution_tail(m, source)]
    flags: list[Flag] = []
    for name in missing:
        # A target name sharing the first sounds is what the source name became (Kovalenko →
        # Kovalchuk); anything else is only reported as missing.
        other = next((t for t in target_names if t.key[:2] == name.key[:2]), None)
        if other is not None:
            target_names.remove(other)
            flags.append(Flag("name", "name", name.surface, other.surface,
                              f"the source names {name.surface}, the translation {other.surface} "
                              f"(not a transliteration of it)",
                              # high only when both names are long enough to be told apart
                              severity="high" if min(len(name.key), len(other.key)) >= 3 else "medium",
                              rule="checks.name.changed"))
        else:
            flags.append(Flag("name", "name", name.surface, "",
                              f"the name {name.surface} of the source is not in the translation",
                              severity="medium", rule="checks.name.missing"))
    return flags


@lru_cache(maxsize=None)
def _role_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    """roles.tsv: phrases that stand for a person ("the head of state", «глава государства»);
    a word ending in * is a stem (its case forms: «главы государства», «главой государства»)."""
    patterns = []
    for line in data_lines("roles.tsv"):
        row_lang, forms = line.split("\t")
        if row_lang != lang:
            continue
        for form in forms.split(","):
            parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)
                     for w in form.split()]
            patterns.append(re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE))
    return tuple(patterns)


def _role_spans(text: str, lang: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in _role_patterns(lang):
        for match in pattern.finditer(text):
            if not any(a < match.end() and match.start() < b for a, b in spans):
                spans.append(match.span())
    return sorted(spans)


def roles_in(text: str, lang: str) -> int:
    """How many role phrases stand in a text (overlapping phrases counted once)."""
    return len(_role_spans(text, lang))


@lru_cache(maxsize=None)
def _attribution_tail() -> re.Pattern[str]:
    """A trailing attribution: after the quote's last word, a comma or dash and a speech verb
    («…», – сказал Александр Лукашенко; «…, говорится в поздравлении Президента Беларуси»;
    «…», – приводит слова Лукашенко агентство). Stems: checks/speech_verbs.tsv."""
    from compare.analyze.checks.quotes import _speech_verbs

    return re.compile(rf"[,!?…»\"”]\s*(?:[-–—]\s*)?(?:{_speech_verbs()})\w*(?!\w)", re.IGNORECASE)


_EN_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|noted|notes|stressed|stresses|added|adds|emphasi[sz]ed|"
                        r"underlined|remarked|stated|reads|quoted|according)\b", re.IGNORECASE)


def _near_speech_verb(span: tuple[int, int], text: str) -> bool:
    """Is a name of the translation the speaker of a speech verb ("…," Petrov said)?"""
    return bool(_EN_SPEECH.search(text[max(0, span[0] - 30):span[1] + 30]))


def _in_attribution_tail(mention, source: str) -> bool:
    """Does the name stand in the attribution after a quotation? A translation that keeps the
    words and drops the attribution ("…," the message reads) names the same speaker: the story
    says who. Only asked when no name of the translation missing from the source stands by a
    speech verb there ("…," Petrov said: the speaker changed)."""
    tail = next((m for m in _attribution_tail().finditer(source) if m.start() > 0), None)
    return tail is not None and mention.span[0] > tail.start()


def _unless_role(missing: list, source: str, target: str, src_lang: str, tgt_lang: str) -> list:
    """A person the translation calls by a role ("the head of state", «кіраўнік дзяржавы»,
    "the minister") rather than by name is not a missing name. Each role in the target accounts
    for one person: a run of adjacent names of the source (first name, patronymic, surname).
    Places and organisations (exonym rows, Latin words in Cyrillic) are never excused."""
    roles = roles_in(target, tgt_lang)
    if not roles or not missing:
        return missing
    people: list[list] = []
    for mention in missing:
        if any(k.startswith("exonym:") for k in _key_groups(mention.key)):
            continue
        if people and not source[people[-1][-1].span[1]:mention.span[0]].strip():
            people[-1].append(mention)
        else:
            people.append([mention])
    # A person the source itself gives with a role («Президент Беларуси Александр Лукашенко»)
    # is covered by a role of the target; any other person only by a role the source lacks.
    src_roles = _role_spans(source, src_lang)
    attached = [p for p in people if _after_role(source, p[0].span[0], src_roles)]
    others = [p for p in people if p not in attached]
    spare = max(0, roles - len(src_roles))
    excused_people = attached[:roles] + others[:spare]
    excused = {id(m) for person in excused_people for m in person}
    return [m for m in missing if id(m) not in excused]


# A patronymic: English style drops it («Александр Григорьевич Лукашенко» → "Aleksandr Lukashenko").
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|инич|овна|евна|ична|инична|авіч|евіч|эвіч|аўна|еўна|ічна)"
                         r"(?:а|у|ем|ом|е|ым|ай|ой|ы|і|ам|аю|ай)?$", re.IGNORECASE)


def _patronymic_between(mention, names: list, text: str) -> bool:
    """The middle name of «Имя Отчество Фамилия» with a patronymic's ending."""
    if not _PATRONYMIC.search(mention.surface):
        return False
    before = [n for n in names if n.span[1] <= mention.span[0] and not text[n.span[1]:mention.span[0]].strip()]
    after = [n for n in names if n.span[0] >= mention.span[1] and not text[mention.span[1]:n.span[0]].strip()]
    return bool(before and after)


def _after_role(text: str, start: int, role_spans: list[tuple[int, int]]) -> bool:
    """A name right after a role phrase, with at most three words and no function word
    between («министр иностранных дел Максим Рыженков», not «Президент встретился с …»)."""
    for _, end in role_spans:
        gap = text[end:start]
        if end <= start and len(gap.split()) <= 3 and not re.search(r"[,;:.!?()«»\"]", gap) \
                and not any(is_function_word(w, "ru") or is_function_word(w, "be") or
                            is_function_word(w, "en") for w in gap.split()):
            return True
    return False


def name_in(name: str, text: str) -> bool:
    """Whether a name stands in a text under any of the spellings check_names accepts."""
    keys: set[str] = set()
    for word in words(text):
        for key in _phrase_keys(word.text):
            keys |= _key_groups(key)
    capitalised = [part for w in words(text) if w.text[:1].isupper()
                   for part in [w.text, *re.split(r"[-‐‑]", w.text)] if part]
    return _found(name, keys) or any(same_name(part, word) for part in re.split(r"[-‐‑]", name)
                                     for word in capitalised)


def _found(surface: str, target_keys: set[str]) -> bool:
    """Any part of a (hyphenated) name matched by a target key: equal, an exonym, one extending
    the other (a derived word), or one sound class apart (a transliteration variant)."""
    for part in re.split(r"[-‐‑]", surface):
        for key in _phrase_keys(part):
            if _key_groups(key) & target_keys:
                return True
            if key.startswith("acr:"):
                continue
            for other in target_keys:
                if other.startswith(("acr:", "exonym:")) or len(other) < 2:
                    continue
                if key.startswith(other) or other.startswith(key) or _close(key, other):
                    return True
    return False


_PROPER_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@lru_cache(maxsize=20_000)
def name_like(word: str, lang: str) -> bool | None:
    """Whether a capitalised word is a name rather than a common word written with a capital:
    English — not in lemminflect's dictionary; Russian — pymorphy3 knows it as a proper noun
    or not at all; Belarusian — None (no offline dictionary: ask the other versions)."""
    lower = fold(word)
    if lang == "en":
        from lemminflect import getAllLemmas

        return not getAllLemmas(lower)
    if lang == "ru":
        from compare.analyze.words import _morph

        morph = _morph()
        if not morph.word_is_known(lower):
            return True
        return any(_PROPER_TAGS & set(p.tag.grammemes) for p in morph.parse(lower)[:3])
    return None


@lru_cache(maxsize=64)
def _capitalised(text: str) -> frozenset[str]:
    return frozenset(anchors.capitalised_words(text))


@lru_cache(maxsize=4096)
def _names(text: str, lang: str, known: frozenset[str]) -> tuple:
    """Names of a text (cached: a sentence is checked in two pairs of a story)."""
    return tuple(anchors.extract_names(text, lang, known=known))


def name_like_keys(texts: Mapping[str, str]) -> frozenset[str]:
    """Name keys of the words that are names in the versions with a dictionary (lang → text),
    so that a Belarusian word can be judged by its Russian or English counterpart."""
    keys = set()
    for lang, text in texts.items():
        for mention in _names(text, lang, _capitalised(text)):
            if mention.kind == "name" and name_like(mention.surface, lang):
                keys.add(mention.key)
    return frozenset(keys)


def _is_name(mention, lang: str, name_keys: frozenset[str] | None) -> bool:
    if anchors._is_latin(mention.surface) and lang in ("ru", "be"):
        return True  # a Latin word in Cyrillic text is a name or a brand
    verdict = name_like(mention.surface, lang)
    if verdict is None:  # no dictionary: the other versions decide, else take it for a name
        return name_keys is None or mention.key in name_keys
    return verdict


def _source_has(key: str, src_names, source: str) -> bool:
    if any(m.key == key for m in src_names):
        return True
    return any(key in _key_groups(k) or (_key_groups(key) & _key_groups(k))
               for w in words(source) for k in _phrase_keys(w.text))


def _close(a: str, b: str) -> bool:
    """Two name keys close enough to be the same name mis-spelt: one sound class apart."""
    if min(len(a), len(b)) < 3:
        return False
    if len(a) != len(b):
        return a.startswith(b) or b.startswith(a)
    return sum(x != y for x, y in zip(a, b)) <= 1


# A Russian / Belarusian case ending: stripped before comparing two spellings of a name.
_CASE_ENDING = re.compile(r"(?:ами|ями|амі|ямі|ому|ему|ого|его|ага|яга|ая|ую|ое|ой|ей|ом|ем|ым|ім|им|ам|"
                          r"ям|ах|ях|ых|іх|их|а|я|у|ю|е|ы|і|и|о|й|ь)$")


def name_variants(texts: Sequence[str], lang: str, known: Iterable[str] = ()) -> dict[int, list[Flag]]:
    """The same name spelt two ways in one document ("Krivoshei" … "Krivoshey").

    texts: the document's sentences; returns sentence index → flags, raised where the rarer
    spelling stands (the later one on a tie). Spellings are grouped by name key, and two count as
    variants when they differ inside the word — not in a case ending (Петров / Петрова) and not
    by a feminine -a (Ivanov / Ivanova)."""
    known = frozenset(known)
    seen: dict[str, dict[str, list[int]]] = {}  # key → spelling → sentence indices
    # key → spelling → the surnames that follow it (a first name of two people: Aleksandr
    # Lukashenko and Aleksandar Vučić are two names, not one spelt two ways)
    followers: dict[str, dict[str, set[str]]] = {}
    for index, text in enumerate(texts):
        mentions = [m for m in anchors.extract_names(text, lang, known=known) if m.kind == "name"]
        for at, mention in enumerate(mentions):
            spelling = re.sub(r"['’]s$", "", mention.surface)
            seen.setdefault(mention.key, {}).setdefault(spelling, []).append(index)
            after = mentions[at + 1] if at + 1 < len(mentions) else None
            follower = after.key if after is not None and not text[mention.span[1]:after.span[0]].strip() else ""
            followers.setdefault(mention.key, {}).setdefault(spelling, set()).add(follower)
    flags: dict[int, list[Flag]] = {}
    for key, spellings in seen.items():
        if len(spellings) < 2:
            continue
        # Most used spelling first; it is the reference the others are compared with.
        ordered = sorted(spellings, key=lambda s: (-len(spellings[s]), spellings[s][0]))
        reference = ordered[0]
        for variant in ordered[1:]:
            if not _spelt_differently(reference, variant, lang):
                continue
            ours, theirs = followers[key][reference], followers[key][variant]
            if "" not in ours | theirs and not ours & theirs:
                continue  # each spelling always before another surname: two people
            where = spellings[variant][0]
            flags.setdefault(where, []).append(Flag(
                "name", "spelling", reference, variant,
                f"the name is spelt {reference} in {lang}:{spellings[reference][0]} "
                f"and {variant} here", severity="medium", rule="checks.name.spelling"))
    return flags


def _spelt_differently(a: str, b: str, lang: str) -> bool:
    if lang == "en" and not (name_like(a, "en") or name_like(b, "en")):
        return False  # two dictionary words (Minister / Ministry), not a name
    a, b = fold(a), fold(b)
    if _CYRILLIC.search(a):
        # Inflection changes the end of a Cyrillic name (Андрэй / Андрэя, Беларусь / Беларуссю):
        # only a difference before the ending counts.
        a, b = _CASE_ENDING.sub("", a), _CASE_ENDING.sub("", b)
        if a.startswith(b) or b.startswith(a):
            return False
    elif a.rstrip("a") == b.rstrip("a") or a.startswith(b) or b.startswith(a):
        return False  # Ivanov / Ivanova, Ordania / Ordanian
    if a == b or len(a) < 4 or a[0] != b[0]:
        return False
    return _edit_distance(a, b) <= max(1, min(len(a), len(b)) // 4)


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]
