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
- the other side is shorter than the pair's usual length ratio predicts, by a good part of the run.

The same reading the other way finds an addition. The flag quotes the run: «…» has no
counterpart in the English. At most one flag per direction per link (the longest run).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from compare.analyze.checks.common import clip, data_lines
from compare.analyze.checks.dateline import split_dateline
from compare.model import LANG_NAMES, Flag

RULE_OMISSION = "partial.omission"
RULE_ADDITION = "partial.addition"
_BE_TO_RU = str.maketrans({"і": "и", "ў": "в", "э": "е", "ё": "е", "'": "", "’": "", "ʼ": ""})


@dataclass(frozen=True)
class Bars:
    min_confidence: float = 0.8
    min_run_words: int = 3
    min_run_chars: int = 18
    min_run_known: int = 2
    max_run_share: float = 0.75
    min_rest_coverage: float = 0.6
    min_rest_words: int = 3
    max_other_unmatched: float = 0.25
    min_length_gap: float = 0.5
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
def _attribution_stems() -> dict[str, tuple[str, ...]]:
    rows = {}
    for line in data_lines("partial_attribution.tsv"):
        lang, _, stems = line.partition("\t")
        rows[lang.strip()] = tuple(s.strip() for s in stems.split(",") if s.strip())
    return rows


def _attribution(side: "_Side", run: "Run") -> bool:
    """A run that says who spoke or where the news came from (partial_attribution.tsv)."""
    stems = _attribution_stems().get(side.lang, ())
    return any(t.norm.startswith(stems) for t in side.tokens[run.first:run.last + 1])


@lru_cache(maxsize=1)
def _length_ratios() -> dict[tuple[str, str], float]:
    ratios = {}
    for line in data_lines("length_ratios.tsv"):
        src, tgt, ratio = line.split("\t")
        ratios[(src, tgt)] = float(ratio)
    return ratios


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

    def lemma_keys(self, b: "Bars") -> tuple[set[str], set[str], set[str]]:
        """(long prefixes of every rendering, short prefixes of every rendering, short prefixes of
        the short renderings): what a word of the other side is loosely matched against."""
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
        return long, short, of_short


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
    return bool(key) and len(key) >= 3 and any(name_key(t.text) == key for t in other.tokens if len(t.text) >= 4)


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


def _direction(side: _Side, other: _Side, pairs: dict[int, int], expected_ratio: float,
               b: Bars, bridge) -> Run | None:
    """The run of `side` that `other` leaves out, if every bar holds. `pairs`: the word
    alignment, side's token index → other's."""
    matched = set(pairs)
    prefixes = other.lemma_keys(b)
    content = [i for i, c in enumerate(side.content) if c]
    lonely = {i for i in content if i not in matched
              and not _soft_match(side.tokens[i], side, other, prefixes, b)}
    if not lonely:
        return None
    known = side.known(other.lang, bridge)
    runs = [r for r in _runs(side, matched, lonely, known)
            if r.words >= b.min_run_words and r.end - r.start >= b.min_run_chars and r.known >= b.min_run_known
            and not _attribution(side, r)]
    if not runs:
        return None
    run = max(runs, key=lambda r: (r.words, r.end - r.start))
    if run.words > b.max_run_share * len(content):
        return None
    rest = [i for i in content if not run.first <= i <= run.last]
    if len(rest) < b.min_rest_words:
        return None
    covered = sum(1 for i in rest if i not in lonely)
    if covered < b.min_rest_coverage * len(rest):
        return None
    # the other side's own unmatched content words where the run would stand (strictly, then
    # loosely unmatched): several there, and the run is probably said in other words
    other_prefixes = side.lemma_keys(b)
    taken = set(pairs.values())
    region = _other_region(run, pairs, len(other.tokens))
    other_lonely = [i for i in region if other.content[i] and i not in taken
                    and not _soft_match(other.tokens[i], other, side, other_prefixes, b)]
    if len(other_lonely) > b.max_other_unmatched * run.words:
        return None
    # the length: the other side is shorter than a faithful rendering of the whole side would be
    expected = len(side.text.strip()) * expected_ratio
    run_chars = (run.end - run.start) * expected_ratio
    if expected - len(other.text.strip()) < b.min_length_gap * run_chars:
        return None
    return run


def check_partial(source: str, target: str, src_lang: str, tgt_lang: str, *,
                  confidence: float = 1.0, confirmed: bool = False,
                  src_ids: Sequence[int] = (), tgt_ids: Sequence[int] = ()) -> list[Flag]:
    """Flags for a run of the source (the original) with no counterpart in the target (the
    translation) — kind "omission" — and the reverse — kind "addition" —, category "partial".
    Nothing when the bridge is off, the link unsure, or a side empty."""
    from compare.bridge import get_bridge
    from compare.bridge.wordalign import align_words

    b = bars()
    if not confirmed and confidence < b.min_confidence:
        return []
    bridge = get_bridge()
    if bridge is None or not source.strip() or not target.strip():
        return []
    _, src_body = split_dateline(source)
    _, tgt_body = split_dateline(target)
    src, tgt = _Side(src_body, src_lang, bridge), _Side(tgt_body, tgt_lang, bridge)
    links, _, _ = align_words(src_body, src_lang, tgt_body, tgt_lang)
    src_pos = {(t.start, t.end): i for i, t in enumerate(src.tokens)}
    tgt_pos = {(t.start, t.end): i for i, t in enumerate(tgt.tokens)}
    forward = {src_pos[(w.src.start, w.src.end)]: tgt_pos[(w.tgt.start, w.tgt.end)] for w in links
               if (w.src.start, w.src.end) in src_pos and (w.tgt.start, w.tgt.end) in tgt_pos}
    backward = {t: s for s, t in forward.items()}
    ratio = _length_ratios().get((src_lang, tgt_lang), 1.0)
    flags = []
    src_name, tgt_name = LANG_NAMES.get(src_lang, src_lang), LANG_NAMES.get(tgt_lang, tgt_lang)
    where_src = f"{src_lang}:{','.join(map(str, src_ids))}" if src_ids else src_lang
    where_tgt = f"{tgt_lang}:{','.join(map(str, tgt_ids))}" if tgt_ids else tgt_lang
    run = _direction(src, tgt, forward, ratio, b, bridge)
    if run is not None:
        words = run.text(src_body)
        flags.append(Flag("omission", "partial", clip(words), "",
                          f"«{clip(words)}» ({where_src}) has no counterpart in the {tgt_name} "
                          f"({where_tgt}): none of its {run.known} dictionary words is rendered there, "
                          f"the rest of the sentence is",
                          severity="medium", source_level=float(run.words), rule=RULE_OMISSION))
    run = _direction(tgt, src, backward, 1.0 / ratio if ratio else 1.0, b, bridge)
    if run is not None:
        words = run.text(tgt_body)
        flags.append(Flag("addition", "partial", "", clip(words),
                          f"“{clip(words)}” ({where_tgt}) has no counterpart in the {src_name} "
                          f"({where_src}): none of its {run.known} dictionary words renders a word there, "
                          f"the rest of the sentence does",
                          severity="medium", target_level=float(run.words), rule=RULE_ADDITION))
    return flags


__all__ = ["Bars", "RULE_ADDITION", "RULE_OMISSION", "bars", "check_partial"]
