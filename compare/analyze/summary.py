"""A story at a glance: flag counts per kind, verdicts per pair, the most divergent links first.

Divergence of a link (what a reviewer should read first): the severity weights of its flags,
plus how unsure the aligner was, plus how far MT is from the published text when MT ran:

    divergence = Σ weight(flag.severity) + (1 − link.confidence) + (100 − lowest chrF++) / 100

Facts first: a link where a number, a date or a name of one version stands against a different
one in the other (a high-severity fact flag) comes before every link without one, whatever their
divergence ("look here first", the report's order, the table sorted by divergence); divergence
orders the links within each tier.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from compare.model import Comparison, Flag, Link, LinkAnalysis

SEVERITY_WEIGHT: Mapping[str, float] = {"low": 0.25, "medium": 1.0, "high": 2.0}
FACT_KINDS = frozenset({"number", "date", "name"})
DIVERGENCE_SIGNATURE = "divergence|low:0.25|medium:1|high:2|+(1-confidence)|+(100-min chrF++)/100"


@dataclass(frozen=True)
class DivergentLink:
    pair: tuple[str, str]  # (src_lang, tgt_lang) of the alignment
    index: int  # position of the link in the alignment
    link: Link
    divergence: float
    verdict: str
    kinds: tuple[str, ...]  # flag kinds on the link, most severe first
    facts: bool = False  # a number, date or name changed (see fact_changed): listed first


@dataclass(frozen=True)
class StorySummary:
    story_id: str
    counts: Mapping[str, int]  # flag kind → number of flags, all pairs together
    counts_by_pair: Mapping[tuple[str, str], Mapping[str, int]]
    verdicts_by_pair: Mapping[tuple[str, str], Mapping[str, int]]  # verdict → links
    links_by_pair: Mapping[tuple[str, str], int]
    divergent: tuple[DivergentLink, ...]  # every link with divergence > 0, most divergent first
    notes: tuple[str, ...] = ()
    signature: str = DIVERGENCE_SIGNATURE
    severities: Mapping[str, int] = field(default_factory=dict)  # severity → flags
    issues: Mapping[str, int] = field(default_factory=dict)  # kind → issues (analyze.issues)

    @property
    def total_issues(self) -> int:
        return sum(self.issues.values())

    @property
    def total_flags(self) -> int:
        return sum(self.counts.values())


def fact_changed(flags: Iterable[Flag]) -> bool:
    """A number, date or name of one side against a different one on the other (the checks give
    these high severity only with a term on each side)."""
    return any(flag.kind in FACT_KINDS and flag.severity == "high" for flag in flags)


def rank_key(facts: bool, divergence_value: float) -> tuple[int, float]:
    """The sort key of "most divergent first": changed facts, then divergence."""
    return (0 if facts else 1, -divergence_value)


def divergence(link: Link, analysis: LinkAnalysis) -> float:
    weight = sum(SEVERITY_WEIGHT.get(flag.severity, 1.0) for flag in analysis.flags)
    weight += 1.0 - max(0.0, min(1.0, link.confidence))
    chrf = [value for name, value in analysis.scores.items() if name.startswith("chrF")]
    if chrf:
        weight += (100.0 - min(chrf)) / 100.0
    return round(weight, 3)


def summarize(comparison: Comparison) -> StorySummary:
    counts: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    counts_by_pair: dict[tuple[str, str], dict[str, int]] = {}
    verdicts_by_pair: dict[tuple[str, str], dict[str, int]] = {}
    links_by_pair: dict[tuple[str, str], int] = {}
    divergent: list[DivergentLink] = []
    for pair, alignment in comparison.alignments.items():
        analyses = comparison.analyses.get(pair, ())
        pair_counts: Counter[str] = Counter()
        verdicts: Counter[str] = Counter()
        for index, link in enumerate(alignment.links):
            analysis = analyses[index] if index < len(analyses) else LinkAnalysis("none")
            pair_counts.update(flag.kind for flag in analysis.flags)
            severities.update(flag.severity for flag in analysis.flags)
            verdicts[analysis.verdict] += 1
            score = divergence(link, analysis)
            if score > 0:
                divergent.append(DivergentLink(pair, index, link, score, analysis.verdict,
                                               _kinds(analysis.flags), fact_changed(analysis.flags)))
        counts.update(pair_counts)
        counts_by_pair[pair] = dict(pair_counts.most_common())
        verdicts_by_pair[pair] = dict(verdicts.most_common())
        links_by_pair[pair] = len(alignment.links)
    divergent.sort(key=lambda d: (*rank_key(d.facts, d.divergence), d.pair, d.index))
    from compare.analyze.issues import issue_counts

    return StorySummary(comparison.story.id, dict(counts.most_common()), counts_by_pair,
                        verdicts_by_pair, links_by_pair, tuple(divergent),
                        tuple(comparison.notes), severities=dict(severities),
                        issues=issue_counts(comparison))


def _kinds(flags: tuple[Flag, ...]) -> tuple[str, ...]:
    ordered = sorted(flags, key=lambda f: -SEVERITY_WEIGHT.get(f.severity, 1.0))
    return tuple(dict.fromkeys(flag.kind for flag in ordered))
