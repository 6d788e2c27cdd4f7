"""Partial omissions and additions: part of a sentence with no counterpart in the linked one.

A clause dropped inside a sentence («…, в том числе в сельских районах») leaves no null link and
often no missing number or name; only the words say it. Read through the bridge's word alignment
(compare.bridge.wordalign: dictionary renderings, names, numbers, cognates; Apertium's bidix for
ru ↔ be), a dropped clause is one run of the original's content words that no word of the
translation renders, while the rest of the sentence is well matched and the translation is
shorter by about that much. A dictionary gap or a free paraphrase looks different: unmatched
words scattered, unmatched words on both sides, a translation of the usual length. So a run is
flagged only when every bar of compare/data/checks/partial.tsv holds:

- the link is confident (a misaligned pair is all "missing" words);
- the run is substantial (content words, characters) and the dictionaries know its words;
- the rest of the sentence is matched (the dictionaries work on this pair), and the run is not
  most of the sentence;
- the other side has few unmatched words of its own (they could say the run in other words),
  and none renders a run word even loosely (a shared lemma prefix: «создать» / «создавать»);
- the other side is shorter than the pair's usual length ratio predicts, by a good part of the run;
- a two-word run counts only when clear-cut (nothing unmatched where it would stand, and the
  other side plainly shorter); attribution words (who said it, the agency, «подробности в
  видео») and number and time words end a run (partial_attribution.tsv, partial_number_words.tsv):
  the force analysis and the numbers and dates checks judge those.

The same reading the other way finds an addition. The flag quotes the run: «…» has no
counterpart in the English. At most one flag per direction per link (the longest run).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Sequence

from compare.analyze.checks.common import clip, data_lines
from compare.analyze.checks.dateline import split_dateline
from compare.analyze.checks.length import _length_ratios  # the pair's usual length ratio, one table
from compare.model import LANG_NAMES, Flag

RULE_OMISSION = "partial.omission"
RULE_ADDITION = "partial.addition"
_BE_TO_RU = str.maketrans({"і": "и", "ў": "в", "э": "е", "ё": "е", "'": "", "’": "", "ʼ": ""})


@dataclass(frozen=True)
class Bars:
    min_confidence: float = 0.8
    min_run_words: int = 3
    short_run_words: int = 2
    short_length_gap: float = 0.6
    min_run_chars: int = 15
    min_run_known: int = 2
    max_run_share: float = 0.75
    min_rest_coverage: float = 0.6
    min_rest_words: int = 2
    max_other_unmatched: float = 0.5
    min_length_gap: float = 0.3
    soft_prefix: int = 5
    short_prefix: int = 4
    short_lemma: int = 6
    soft_min_weight: float = 0.3

    def signature(self) -> str:
        return "partial|" + "|".join(f"{k}:{v}" for k, v in self.__dict__.items())


@lru_cache(maxsize=1)
def bars() -> Bars:
    """The thresholds of compare/data/checks/partial.tsv (a missing or bad line keeps the default)."""
    values = {}
    fields = Bars.__dataclass_fields__
    for line in data_lines("partial.tsv"):
        key, _, value = line.partition("\t")
        key = key.strip()
        if key in fields:
            try:
                number = float(value)
            except ValueError:
                continue
            values[key] = int(number) if fields[key].type == "int" else number
    return Bars(**values)


@lru_cache(maxsize=1)
def _number_words() -> dict[str, frozenset[str]]:
    from compare.analyze.lemmatize import normalize

    rows: dict[str, frozenset[str]] = {}
    for line in data_lines("partial_number_words.tsv"):
        lang, _, words = line.partition("\t")
        rows[lang.strip()] = rows.get(lang.strip(), frozenset()) | {
            normalize(w.strip()) for w in words.split(",") if w.strip()}
    return rows


@lru_cache(maxsize=1)
def _attribution_words() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """lang → (whole words, stems) of partial_attribution.tsv, normalised as tokens are."""
    from compare.analyze.lemmatize import normalize  # tokens' norms: «ў» read as «у», «ё» as «е»

    words: dict[str, set[str]] = {}
    stems: dict[str, list[str]] = {}
    for line in data_lines("partial_attribution.tsv"):
        lang, _, entries = line.partition("\t")
        for entry in (e.strip() for e in entries.split(",")):
            if entry.endswith("*") and len(entry) > 1:
                stems.setdefault(lang.strip(), []).append(normalize(entry[:-1]))
            elif entry:
                words.setdefault(lang.strip(), set()).add(normalize(entry))
    return {lang: (frozenset(words.get(lang, ())), tuple(stems.get(lang, ())))
            for lang in set(words) | set(stems)}




@dataclass(frozen=True)
class Run:
    """A stretch of one side whose content words have no counterpart on the other side."""
    start: int
    end: int
    words: int  # content words in it
    known: int  # ... that the dictionaries can render at all
    first: int  # token index of its first and last word
    last: int

    def text(self, body: str) -> str:
        return body[self.start:self.end]


def _skeleton(word: str) -> str:
    """Russian and Belarusian spellings folded together: «матэрыял» / «материал»."""
    return word.lower().translate(_BE_TO_RU).replace("ы", "и")


class _Side:
    """One side's tokens, their content flags and their concepts (Russian lemmas)."""

    def __init__(self, text: str, lang: str, bridge):
        from compare.analyze.lemmatize import tokenize
        from compare.bridge import concepts, is_content
        from compare.bridge.wordalign import _unique_spans

        self.text, self.lang = text, lang
        self.tokens = _unique_spans(tokenize(text, lang))
        self.content = [is_content(t.norm, lang) for t in self.tokens]
        self.concepts = concepts([t.norm for t in self.tokens], lang, bridge) if bridge is not None else {}
        self._keys: tuple[set[str], set[str], set[str]] | None = None

    def known(self, other_lang: str, bridge) -> list[bool]:
        """Per token: whether the dictionaries can render it into `other_lang` at all (a word
        they cannot render is no evidence of an omission). A Russian word's concepts are its own
        lemmas, so it is known when the en–ru (or be–ru) table lists one of them."""
        if self.lang != "ru":
            return [bool(self.concepts.get(t.norm)) for t in self.tokens]
        table = {"en": "ru_en", "be": "ru_be"}.get(other_lang)
        lemmas = {lemma for found in self.concepts.values() for lemma in found}
        looked = bridge.lookup(table, lemmas) if table and bridge is not None else {}
        return [any(lemma in looked for lemma in self.concepts.get(t.norm, {})) for t in self.tokens]

    @cached_property
    def name_keys(self) -> frozenset[str]:
        from compare.anchors import name_key

        return frozenset(name_key(t.text) for t in self.tokens if len(t.text) >= 4)

    def lemma_keys(self, b: "Bars") -> tuple[set[str], set[str], set[str]]:
        """(long prefixes of every rendering, short prefixes of every rendering, short prefixes of
        the short renderings): what a word of the other side is loosely matched against."""
        if self._keys is not None:
            return self._keys
        long, short, of_short = set(), set(), set()
        for token, content in zip(self.tokens, self.content):
            if not content:
                continue
            forms = {lemma for lemma, weight in self.concepts.get(token.norm, {}).items()
                     if weight >= b.soft_min_weight}
            forms.add(_skeleton(token.norm))
            for form in forms:
                long.add(form[:b.soft_prefix])
                short.add(form[:b.short_prefix])
                if len(form) <= b.short_lemma:
                    of_short.add(form[:b.short_prefix])
        self._keys = (long, short, of_short)
        return self._keys


def _soft_match(token, side: _Side, other: _Side, keys: tuple[set[str], set[str], set[str]],
                b: Bars) -> bool:
    """Whether a word of `side` has a loose counterpart anywhere in `other`: a rendering sharing
    a long prefix with one of other's renderings (aspect pairs, derivations: «создать» /
    «создавать»), a short one sharing a short prefix («ключевой» / «ключ»), the same name key,
    or (ru ↔ be) the same spelling skeleton."""
    from compare.anchors import name_key

    long, short, of_short = keys
    forms = {lemma for lemma, weight in side.concepts.get(token.norm, {}).items() if weight >= b.soft_min_weight}
    if side.lang != "en" and other.lang != "en":
        forms.add(_skeleton(token.norm))
    for form in forms:
        if len(form) >= b.soft_prefix and form[:b.soft_prefix] in long:
            return True
        if len(form) >= b.short_prefix and (form[:b.short_prefix] in of_short
                                            or len(form) <= b.short_lemma and form[:b.short_prefix] in short):
            return True
    key = name_key(token.text) if len(token.text) >= 4 else ""
    return bool(key) and len(key) >= 3 and key in other.name_keys


def _runs(side: _Side, matched: set[int], lonely: set[int], known: list[bool]) -> list[Run]:
    """Maximal stretches of `lonely` content words. A matched content word ends a run; function
    words and loosely matched words inside one do not (a loose match of one word in a dropped
    clause — «предприятий» to "plant" — is no counterpart of the clause), nor count in it."""
    runs, current = [], []
    for index, content in enumerate(side.content):
        if index in lonely:
            current.append(index)
        elif index in matched and current:  # a matched number ends a run too
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    out = []
    for indices in runs:
        first, last = side.tokens[indices[0]], side.tokens[indices[-1]]
        out.append(Run(first.start, last.end, len(indices), sum(known[i] for i in indices),
                       indices[0], indices[-1]))
    return out


def _other_region(run: Run, pairs: dict[int, int], size: int) -> range:
    """Where the run's counterpart would stand on the other side: between the counterparts of
    the matched words just before and just after it (the whole side when they cross)."""
    before = [pairs[i] for i in sorted(pairs) if i < run.first]
    after = [pairs[i] for i in sorted(pairs) if i > run.last]
    if before and after and before[-1] >= after[0]:
        return range(size)  # the words around the run cross over: it could stand anywhere
    # one word wider on each side: a neighbour's word link may itself be wrong
    low = max(before[-1] - 1, 0) if before else 0
    high = min(after[0] + 2, size) if after else size
    return range(low, high)


def _compound(norm: str) -> bool:
    return "-" in norm.strip("-")


def _breaks(side: _Side) -> set[int]:
    """Token indices that end a run as a matched word does: attribution words («отметил», "said",
    «корреспондент»: who said it is moved, added and dropped freely, and the force analysis
    judges it) and number and time words (the numbers and dates checks compare them)."""
    words, stems = _attribution_words().get(side.lang, (frozenset(), ()))
    numbers = _number_words().get(side.lang, frozenset())
    return {i for i, t in enumerate(side.tokens)
            if t.norm in words or t.norm in numbers or (side.content[i] and t.norm.startswith(stems))}


def _direction(side: _Side, other: _Side, pairs: dict[int, int], expected_ratio: float,
               b: Bars, bridge) -> tuple[Run | None, str]:
    """(the run of `side` that `other` leaves out, "") if every bar holds, else (None, the bar
    that failed). `pairs`: the word alignment, side's token index → other's."""
    matched = set(pairs)
    prefixes = other.lemma_keys(b)
    content = [i for i, c in enumerate(side.content) if c]
    breaks = matched | _breaks(side)
    lonely = {i for i in content if i not in breaks
              and not _soft_match(side.tokens[i], side, other, prefixes, b)}
    if not lonely:
        return None, "every content word has a counterpart"
    known = side.known(other.lang, bridge)
    runs = [r for r in _runs(side, breaks, lonely, known)
            if r.words >= b.short_run_words and r.end - r.start >= b.min_run_chars
            and r.known >= min(b.min_run_known, r.words)]
    if not runs:
        return None, "no run of unmatched words long enough (words, characters, dictionary words)"
    run = max(runs, key=lambda r: (r.words, r.end - r.start))
    if run.words > b.max_run_share * len(content):
        return None, f"the run is most of the sentence ({run.words} of {len(content)} content words)"
    rest = [i for i in content if not run.first <= i <= run.last]
    if len(rest) < b.min_rest_words:
        return None, "too few words outside the run"
    covered = sum(1 for i in rest if i not in lonely)
    if covered < b.min_rest_coverage * len(rest):
        return None, f"the rest is not well matched ({covered} of {len(rest)})"
    # the other side's own unmatched content words where the run would stand (strictly, then
    # loosely unmatched): several there, and the run is probably said in other words
    other_prefixes = side.lemma_keys(b)
    taken = set(pairs.values())
    region = _other_region(run, pairs, len(other.tokens))
    other_breaks = _breaks(other)  # its attribution and number words render no run either
    # A hyphenated compound there counts even when one of its parts is matched: "year-on-year"
    # condenses «за аналогичный период прошлого года», its part "year" meeting only «года».
    other_lonely = [i for i in region if other.content[i] and i not in other_breaks
                    and (_compound(other.tokens[i].norm) or i not in taken
                         and not _soft_match(other.tokens[i], other, side, other_prefixes, b))]
    # the length: how much shorter the other side is than a faithful rendering of the whole side
    # would be, as a share of the run's rendering
    expected = len(side.text.strip()) * expected_ratio
    run_chars = max((run.end - run.start) * expected_ratio, 1.0)
    gap = (expected - len(other.text.strip())) / run_chars
    short = run.words < b.min_run_words  # a two-word run («средства связи») must be clear-cut
    allowed, needed = (0.0, b.short_length_gap) if short else (b.max_other_unmatched * run.words,
                                                               b.min_length_gap)
    if len(other_lonely) > allowed:
        return None, f"the other side has {len(other_lonely)} unmatched words where the run would stand"
    if gap < needed:
        return None, f"the other side is not shorter than usual by the run ({gap:.2f} of it)"
    return run, ""


def read_pair(source: str, target: str, src_lang: str, tgt_lang: str
              ) -> tuple[tuple[str, str, int], tuple[str, str, int]] | None:
    """Both directions of one pair, for the flags and for a developer asking why a run was not
    flagged: ((omitted run or "", why not, its dictionary words), (added run or "", why not, …)).
    None when the bridge is off or a side is empty."""
    from compare.bridge import get_bridge
    from compare.bridge.wordalign import align_words

    bridge = get_bridge()
    if bridge is None or not source.strip() or not target.strip():
        return None
    b = bars()
    _, src_body = split_dateline(source)
    _, tgt_body = split_dateline(target)
    src, tgt = _Side(src_body, src_lang, bridge), _Side(tgt_body, tgt_lang, bridge)
    links, _, _ = align_words(src_body, src_lang, tgt_body, tgt_lang)
    src_pos = {(t.start, t.end): i for i, t in enumerate(src.tokens)}
    tgt_pos = {(t.start, t.end): i for i, t in enumerate(tgt.tokens)}
    forward = {src_pos[(w.src.start, w.src.end)]: tgt_pos[(w.tgt.start, w.tgt.end)] for w in links
               if (w.src.start, w.src.end) in src_pos and (w.tgt.start, w.tgt.end) in tgt_pos}
    backward = {t: s for s, t in forward.items()}
    ratio = _length_ratios().get((src_lang, tgt_lang), 1.0) or 1.0
    omitted, why_omitted = _direction(src, tgt, forward, ratio, b, bridge)
    added, why_added = _direction(tgt, src, backward, 1.0 / ratio, b, bridge)
    return ((omitted.text(src_body) if omitted else "", why_omitted, omitted.known if omitted else 0),
            (added.text(tgt_body) if added else "", why_added, added.known if added else 0))


def check_partial(source: str, target: str, src_lang: str, tgt_lang: str, *,
                  confidence: float = 1.0, confirmed: bool = False,
                  src_ids: Sequence[int] = (), tgt_ids: Sequence[int] = ()) -> list[Flag]:
    """Flags for a run of the source (the original) with no counterpart in the target (the
    translation) — kind "omission" — and the reverse — kind "addition" —, category "partial".
    Nothing when the bridge is off, the link unsure, or a side empty."""
    if not confirmed and confidence < bars().min_confidence:
        return []
    read = read_pair(source, target, src_lang, tgt_lang)
    if read is None:
        return []
    (omitted, _, omitted_known), (added, _, added_known) = read
    src_name, tgt_name = LANG_NAMES.get(src_lang, src_lang), LANG_NAMES.get(tgt_lang, tgt_lang)
    where_src = f"{src_lang}:{','.join(map(str, src_ids))}" if src_ids else src_lang
    where_tgt = f"{tgt_lang}:{','.join(map(str, tgt_ids))}" if tgt_ids else tgt_lang
    flags = []
    if omitted:
        flags.append(Flag("omission", "partial", clip(omitted), "",
                          f"«{clip(omitted)}» ({where_src}) has no counterpart in the {tgt_name} "
                          f"({where_tgt}): no dictionary rendering, name or number of its words is "
                          f"there, while the rest of the sentence is matched",
                          severity="medium", source_level=float(omitted_known), rule=RULE_OMISSION))
    if added:
        flags.append(Flag("addition", "partial", "", clip(added),
                          f"“{clip(added)}” ({where_tgt}) has no counterpart in the {src_name} "
                          f"({where_src}): no dictionary rendering, name or number of its words is "
                          f"there, while the rest of the sentence is matched",
                          severity="medium", target_level=float(added_known), rule=RULE_ADDITION))
    return flags


__all__ = ["Bars", "RULE_ADDITION", "RULE_OMISSION", "bars", "check_partial", "read_pair"]
