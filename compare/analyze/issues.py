"""One issue, one flag: the flags of a three-way row gathered into the issues an editor reads.

A row's flags come from every pair of versions. The same difference is often flagged twice —
the English drops «по предварительным данным», and both the Russian and the Belarusian have it
— and one phrase can raise two flags (an attribution and a hedge dropped together). Gathered:

1. flags of the same kind against the same translation (the English), with the same rule and
   the same words on the translation's side, from different originals: one issue "in the
   Russian and the Belarusian";
2. within one pair, the hedging flags (hedge, attribution, opinion) of one direction on one
   side of the link: one issue with its reasons;
3. the comparison of the two originals with each other (ru ↔ be) is kept apart: its issues are
   never merged with the English's, and are marked as such.

Counts and charts count issues; each issue keeps its flags for the evidence.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from compare.model import LANG_NAMES, Comparison, Flag, LinkAnalysis

Pair = tuple[str, str]  # (original, translation) as the analysis reads it
HEDGING = frozenset({"hedge", "attribution", "opinion"})
FORCE = frozenset({"softened", "sharpened"})


@dataclass(frozen=True)
class Issue:
    kind: str
    flags: tuple[tuple[Pair, Flag], ...]  # the flags it gathers, first one first
    between_originals: bool = False  # a ru ↔ be difference, not one of the English

    @property
    def flag(self) -> Flag:
        return self.flags[0][1]

    @property
    def originals(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(pair[0] for pair, _ in self.flags))

    @property
    def where(self) -> str:
        """"in the Russian and the Belarusian" — the originals that differ the same way."""
        names = [f"the {LANG_NAMES.get(lang, lang)}" for lang in self.originals]
        return "in " + " and ".join(names)

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(flag.explanation for _, flag in self.flags))


def _side_term(flag: Flag) -> str:
    return " ".join((flag.target_term or "").lower().split())


def _target_rule(flag: Flag) -> str:
    return flag.rule.split(">")[-1].removeprefix("not ")


def _within_partial(pair: Pair, flag: Flag, partials: list[tuple[Pair, Flag]]) -> Flag | None:
    """The partial omission (addition) of the same pair whose words hold this missing (added)
    name, number or date: a dropped clause that took a name with it is one issue."""
    for other_pair, partial in partials:
        if other_pair != pair or partial is flag:
            continue
        if (flag.rule.endswith(".missing") and partial.kind == "omission" and flag.source_term
                and flag.source_term.lower() in partial.source_term.lower()):
            return partial
        if (flag.rule.endswith(".added") and partial.kind == "addition" and flag.target_term
                and flag.target_term.lower() in partial.target_term.lower()):
            return partial
    return None


def _key(pair: Pair, flag: Flag, english: str) -> tuple:
    translation = pair[1]
    apart = english not in pair
    if flag.kind in FORCE and flag.category in HEDGING and bool(flag.source_term) != bool(flag.target_term):
        # one hedging phrase dropped or added: one issue per direction and side
        return ("hedging", pair if apart else translation, flag.kind, bool(flag.source_term), apart)
    return (pair if apart else translation, flag.kind, _target_rule(flag), _side_term(flag), apart)


def group_issues(flags: Iterable[tuple[Pair, Flag]], english: str = "en") -> list[Issue]:
    """The issues of one row's flags, in the order of their first flag. A partial omission or
    addition (compare.analyze.partial) gathers the name, number and date flags inside its words;
    the ones of the Russian and the Belarusian against the same English gather as rule 1 says."""
    flags = list(flags)
    partials = [(pair, flag) for pair, flag in flags if flag.rule.startswith("partial.")]
    groups: dict[tuple, list[tuple[Pair, Flag]]] = {}
    for pair, flag in flags:
        holder = _within_partial(pair, flag, partials) if partials and flag.kind in ("name", "number", "date") else None
        key = _key(pair, holder if holder is not None else flag, english)
        groups.setdefault(key, []).append((pair, flag))
    ordered = [sorted(items, key=lambda item: not item[1].rule.startswith("partial."))
               if any(f.rule.startswith("partial.") for _, f in items) else items for items in groups.values()]
    return [Issue(items[0][1].kind, tuple(items), between_originals=english not in items[0][0]) for items in ordered]


def issue_counts(comparison: Comparison) -> dict[str, int]:
    """kind → number of issues over the story's three-way rows (or, without rows, its links)."""
    from compare.analyze.story import reading_order

    counts: Counter[str] = Counter()
    readings = {pair: reading_order(comparison.story, *pair) for pair in comparison.alignments}
    rows = comparison.rows or ()
    if not rows:
        for pair, analyses in comparison.analyses.items():
            for analysis in analyses:
                counts.update(i.kind for i in group_issues((readings[pair], f) for f in analysis.flags))
        return dict(counts.most_common())
    for row in rows:
        flags: list[tuple[Pair, Flag]] = []
        for pair, link_indices in row.links.items():
            analyses: Sequence[LinkAnalysis] = comparison.analyses.get(pair, ())
            for index in link_indices:
                if index < len(analyses):
                    flags += [(readings[pair], flag) for flag in analyses[index].flags]
        counts.update(issue.kind for issue in group_issues(flags))
    return dict(counts.most_common())
