"""chrF++, BLEU and TER between MT output and a published version, with their signatures.

sacrebleu does the scoring; we only normalise the typography first. Agency copy uses «»„“”
quotes, en/em dashes and ё inconsistently, and sacrebleu's default 13a tokenizer leaves «» glued
to the words (which halves BLEU on Russian): so quotes become ", dashes become -, ё becomes е,
and BLEU tokenises with "intl" (Unicode punctuation split off). Every score carries the
sacrebleu signature plus our normalisation, so a number can always be reproduced.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

# The metric settings (the constructor arguments of sacrebleu's metric objects).
SCORE_SETTINGS: Mapping[str, Mapping[str, object]] = {
    "chrf": {"word_order": 2},  # chrF++
    "bleu": {"tokenize": "intl", "effective_order": True},  # effective order: sentence-level
    "ter": {},
}
NORMALISATION = "quotes+dashes+yo+spaces"

_QUOTES = str.maketrans({c: '"' for c in "«»„“”‟″〝〞＂"} | {c: "'" for c in "‘’‚‛′"})
_DASHES = re.compile(r"[‐‑‒–—―−]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Score:
    metric: str  # chrf / bleu / ter
    value: float  # 0–100 (TER: edits per 100 reference words, lower is closer)
    signature: str  # sacrebleu's signature + "|prep:…"

    def __str__(self) -> str:
        return f"{self.metric} {self.value:.1f} ({self.signature})"


def normalise(text: str) -> str:
    """Typography folded the same way on both sides before scoring."""
    text = (text or "").translate(_QUOTES)
    text = _DASHES.sub("-", text).replace("ё", "е").replace("Ё", "Е")
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _metrics():
    from sacrebleu.metrics import BLEU, CHRF, TER

    metrics = {"chrf": CHRF(**SCORE_SETTINGS["chrf"]), "bleu": BLEU(**SCORE_SETTINGS["bleu"]),
               "ter": TER(**SCORE_SETTINGS["ter"])}
    for metric in metrics.values():  # sacrebleu knows a signature only after one evaluation
        metric.sentence_score("a", ["a"])
    return metrics


def score_pair(hypothesis: str, reference: str) -> dict[str, Score]:
    """Sentence-level scores of `hypothesis` (e.g. MT) against `reference` (the published text).

    Empty when either side has no words: a score of an empty text says nothing."""
    hyp, ref = normalise(hypothesis), normalise(reference)
    if not _has_words(hyp) or not _has_words(ref):
        return {}
    scores = {}
    for name, metric in _metrics().items():
        result = metric.sentence_score(hyp, [ref])
        scores[name] = Score(name, round(float(result.score), 2), _signature(metric))
    return scores


def score_corpus(hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, Score]:
    """Corpus-level scores over pairs (pairs with an empty side are left out)."""
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses against {len(references)} references")
    pairs = [(normalise(h), normalise(r)) for h, r in zip(hypotheses, references)]
    pairs = [(h, r) for h, r in pairs if _has_words(h) and _has_words(r)]
    if not pairs:
        return {}
    hyps, refs = [h for h, _ in pairs], [r for _, r in pairs]
    scores = {}
    for name, metric in _metrics().items():
        result = metric.corpus_score(hyps, [refs])
        scores[name] = Score(name, round(float(result.score), 2), _signature(metric))
    return scores


def signatures() -> dict[str, str]:
    """The signature of each metric as it is configured (what produced every score)."""
    return {name: _signature(metric) for name, metric in _metrics().items()}


def _signature(metric) -> str:
    return f"{metric.get_signature()}|prep:{NORMALISATION}"


def _has_words(text: str) -> bool:
    return any(c.isalnum() for c in text)
