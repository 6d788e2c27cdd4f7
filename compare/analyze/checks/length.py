"""Omissions and additions: a sentence with no counterpart (a null link), or a target much
shorter or longer than the pair's usual length ratio (length_ratios.tsv)."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from compare.analyze.checks.common import clip as _clip, data_lines
from compare.model import Flag

# Partial omission / addition: the shorter side, after the pair's expected length ratio, is below
# this share of the longer one, and the gap is at least MIN_GAP_CHARS characters.
PARTIAL_RATIO = 0.55
MIN_GAP_CHARS = 45

@lru_cache(maxsize=None)
def _attribution_rows() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    rows = {}
    for line in data_lines("attribution_lines.tsv"):
        lang, openings, sources = line.split("\t")
        rows[lang] = (tuple(openings.split(",")), tuple(sources.split(",")))
    return rows


def is_attribution_line(text: str, lang: str) -> bool:
    """«Об этом сообщили в пресс-службе главы государства.»: where the news came from, no more."""
    openings, sources = _attribution_rows().get(lang, ((), ()))
    lower = " ".join(text.lower().split())
    return len(lower.split()) <= 20 and lower.startswith(openings) and any(s in lower for s in sources)


def null_flag(kind: str, text: str, lang: str, ids: Sequence[int]) -> Flag:
    """A sentence with no counterpart. Medium, not high: the evidence is on one side only, and
    on real stories most such sentences are a dropped attribution line, a headline written anew
    or page furniture; a changed fact (a term on each side) outranks it."""
    where = f"{lang}:{','.join(map(str, ids))}" if ids else lang
    if is_attribution_line(text, lang):
        side = "source" if kind == "omission" else "translation"
        return Flag(kind, kind, _clip(text) if kind == "omission" else "",
                    "" if kind == "omission" else _clip(text),
                    f"the {side}'s attribution line {where} has no counterpart (where the news came "
                    f"from; no fact of the story)", severity="low", rule="checks.null_link.attribution")
    if kind == "omission":
        return Flag("omission", "omission", _clip(text), "",
                    f"the source sentence {where} has no counterpart in the translation",
                    severity="medium", rule="checks.null_link")
    return Flag("addition", "addition", "", _clip(text),
                f"the translation's sentence {where} has no counterpart in the source",
                severity="medium", rule="checks.null_link")


@lru_cache(maxsize=1)
def _length_ratios() -> dict[tuple[str, str], float]:
    ratios = {}
    for line in data_lines("length_ratios.tsv"):
        src, tgt, ratio = line.split("\t")
        ratios[(src, tgt)] = float(ratio)
    return ratios


def check_length(source: str, target: str, src_lang: str, tgt_lang: str) -> list[Flag]:
    """A partial omission or addition: one side much shorter than the pair's usual ratio."""
    expected = _length_ratios().get((src_lang, tgt_lang), 1.0)
    src_len, tgt_len = len(source.strip()), len(target.strip())
    expected_tgt = src_len * expected
    if tgt_len < expected_tgt * PARTIAL_RATIO and expected_tgt - tgt_len >= MIN_GAP_CHARS:
        return [Flag("omission", "partial", _clip(source), _clip(target),
                     f"the translation is {tgt_len} characters where about {expected_tgt:.0f} "
                     f"are usual: part of the source may be left out",
                     severity="medium", source_level=float(src_len), target_level=float(tgt_len),
                     rule="checks.length")]
    if expected_tgt < tgt_len * PARTIAL_RATIO and tgt_len - expected_tgt >= MIN_GAP_CHARS:
        return [Flag("addition", "partial", _clip(source), _clip(target),
                     f"the translation is {tgt_len} characters where about {expected_tgt:.0f} "
                     f"are usual: it may add to the source",
                     severity="medium", source_level=float(src_len), target_level=float(tgt_len),
                     rule="checks.length")]
    return []
