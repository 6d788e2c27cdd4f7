"""Condensation: one sentence that sums up two to four sentences of the other text that do not
stand together (an English lead that joins the original's news with a figure from further down).

    find_summaries(links, scorer, vectors, n, m) -> links with "summary" links in them

The monotonic path links such a sentence with one of its sources (or with none) and leaves the
others as omissions. This pass looks, for each omitted line, for the one sentence of the other
text it is closest to; when that sentence, taken with its own link's lines and the omitted lines
that point at it, makes a link the confidence model (compare/align/confidence.py) finds far
surer than the link the path gave it, the lines become one link of role "summary": the
sentence on one side, its sources (ids not adjacent) on the other. Like a move, it is the only
kind of link whose ids need not be consecutive.

Precision first: a false summary tells the user an omitted sentence is in the English when it
is not, so (1) an omitted line counts only when the summary sentence is its best pairing over
the whole other text by evidence, by a margin, with one signal matching outright; (2) the
summary link must be sure by itself (SUMMARY_MIN_CONFIDENCE) and gain on the path's link
(SUMMARY_GAIN); (3) never a confirmed link, page furniture or a moved link; and nothing
between texts that are not translations (the caller only runs it when the overall confidence
is fair). Thresholds measured on benchmarks/align_summaries.py (condensed leads of the bundled
stories) against benchmarks/align_devset.py (omissions that must stay omissions).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import numpy as np

from compare.model import Link

# an omitted line's share in the summary sentence: the calibrated level (0 chance, 1 a true
# pair's) of the cosine between the line and the part of the sentence its own link leaves
# unexplained, over the whole sentence's norm; and by this margin over the next sentence
MEMBER_MIN_ADDED = 0.12
UNIQUE_MARGIN = 0.05
MEMBER_MIN_SHARED = 2
# the summary link as a whole, by the link-confidence model without the path's margin: sure by
# itself, not much less sure than the path's link, and its length fit not much worse
SUMMARY_MIN_CONFIDENCE = 0.6
SUMMARY_MIN_EVIDENCE = 0.4
SUMMARY_LOSS = 0.3
SUMMARY_LENGTH_LOSS = 1.5
MAX_SOURCES = 4
SUMMARY_LANG = "en"
CANDIDATES = 6


def _sub_scorer(scorer, src_ids: Sequence[int], tgt_ids: Sequence[int]):
    """The pair's scorer over the given lines only, in the given order (so that lines that do
    not stand together can be scored as one link)."""
    from compare.align.costs import Band, BeadScorer
    from compare.align.signals import SignalVectors

    src_lengths = np.diff(scorer.src_cum)[list(src_ids)]
    tgt_lengths = np.diff(scorer.tgt_cum)[list(tgt_ids)]
    vectors = [SignalVectors(s.name, s.src[list(src_ids)], s.tgt[list(tgt_ids)], s.weight) for s in scorer.signals]
    priors = dict(scorer.weights.priors)
    # a link of four lines on one side is no path link type: priced as one of three, less one
    for (a, b), (c, d) in (((1, 4), (1, 3)), ((4, 1), (3, 1))):
        priors.setdefault((a, b), priors.get((c, d), -3.5) - 1.0)
    weights = replace(scorer.weights, priors=priors)
    return BeadScorer(src_lengths, tgt_lengths, vectors, scorer.length_model, scorer.calibrations, weights,
                      Band.full(len(src_ids), len(tgt_ids)), None, None, scorer.types)


def score_group(scorer, src_ids: Sequence[int], tgt_ids: Sequence[int]) -> dict:
    """The signals and confidence of src_ids <-> tgt_ids as one link (ids in any order)."""
    from compare.align.aligner import link_signals_batch

    sub = _sub_scorer(scorer, src_ids, tgt_ids)
    signals = link_signals_batch(sub, [(0, len(src_ids), 0, len(tgt_ids))])[0]
    signals.pop("_features", None)
    return signals


def _similarity(vectors, rows, cols, transpose: bool) -> np.ndarray:
    from compare.align.moves import _similarity as similarity
    return similarity(vectors, np.asarray(rows), np.asarray(cols), transpose=transpose)


def _added_content(scorer, s: int, base: list[int], k: int, side: str) -> tuple[float, int]:
    """What omitted line k adds to sentence s beyond s's own link (`base`): per signal, the
    cosine of k with the features of s that no line of `base` has, over the norm of all of s
    (so that a stray word left over from a full translation adds little), calibrated by the
    signal's random and true-pair levels, weighted as the aligner weighs the signals; and how
    many such features k shares with s in one signal (words, or numbers and names), spelling
    aside — its n-grams echo the words the other signals count, and one shared word is chance
    (a name shared shows in the anchors and in the words: counted once); 0 when no word (bridge,
    MT) is shared at all."""
    total = weight = 0.0
    shared = words = 0
    for v in scorer.signals:
        own, others = (v.src, v.tgt) if side == "src" else (v.tgt, v.src)
        x = own[s].astype(np.float64)
        y = others[k].astype(np.float64)
        if base:
            x = np.where(np.abs(others[list(base)]).sum(axis=0) > 1e-12, 0.0, x)
        nx, ny = float(np.linalg.norm(own[s])), float(np.linalg.norm(y))
        if nx < 1e-9 or ny < 1e-9:
            continue  # no evidence from this signal (a missing MT line, no anchors)
        calibration = scorer.calibrations[v.name]
        w = v.weight * calibration.reliability
        total += w * float(calibration.z(np.array([float(x @ y) / (nx * ny)]))[0])
        weight += w
        common = int(np.count_nonzero((np.abs(x) > 1e-12) & (np.abs(y) > 1e-12)))
        if v.name != "spelling":  # one signal must share them: a name counts once, not per signal
            shared = max(shared, common)
        if v.name not in ("spelling", "anchors"):
            words += common
    # a name alone is no summary: one of the shared things must be a word (the dictionary
    # bridge, MT), not only a name's anchors, which give a name several features
    return total / max(weight, 0.3), shared if words else 0


def find_summaries(links: Sequence[Link], scorer, vectors, n: int, m: int,
                   sides: Sequence[str] = ("src", "tgt")) -> list[Link]:
    """`links` with summary links in place of the path's link of each summary sentence and of
    the omitted lines it sums up; `sides`: where summary sentences may stand ("src", "tgt")."""
    out = list(links)
    if not vectors or n == 0 or m == 0:
        return out
    for side in sides:
        out = _one_way(out, scorer, vectors, n, m, side)
    return out


def summary_sides(src_lang: str, tgt_lang: str) -> tuple[str, ...]:
    """The English side: the desks that condense are the English services (an official
    Russian and Belarusian pair translates sentence for sentence); none when neither is English."""
    return tuple(side for side, lang in (("src", src_lang), ("tgt", tgt_lang)) if lang == SUMMARY_LANG)


def _one_way(links: list[Link], scorer, vectors, n: int, m: int, side: str) -> list[Link]:
    """Summary sentences on `side` ("src" or "tgt"), their sources on the other."""
    other = "tgt" if side == "src" else "src"
    size = n if side == "src" else m

    def free(link: Link) -> bool:
        return link.status != "confirmed" and link.role == ""

    # lines of the other side that the path leaves without a partner
    omitted = sorted(k for l in links if free(l) and not getattr(l, side) for k in getattr(l, other))
    # A summary condenses the story both texts tell: an omitted stretch before the first or
    # after the last line they share (a second story pasted below, a page that runs on) is text
    # the English does not use, not a source.
    shared = [k for l in links if getattr(l, side) and getattr(l, other) for k in getattr(l, other)]
    if shared:
        omitted = [k for k in omitted if min(shared) <= k <= max(shared)]
    if not omitted:
        return links
    where = {i: index for index, l in enumerate(links) for i in getattr(l, side)}
    # each omitted line's closest sentences on the summary side (by the signals' cosines); then
    # what it adds to each: how much of the sentence's content that its own link leaves
    # unexplained the omitted line carries
    closeness = _similarity(vectors, omitted, np.arange(size), transpose=(side == "src"))
    pointing: dict[int, list[tuple[float, int]]] = {}
    for r, k in enumerate(omitted):
        scored = []
        for s in [int(x) for x in np.argsort(-closeness[r])[:CANDIDATES] if closeness[r][x] > 0]:
            own = links[where[s]]
            base = list(getattr(own, other))
            if not free(own) or len(getattr(own, side)) != 1 or any(abs(b - k) <= 1 for b in base):
                continue
            added, shared = _added_content(scorer, s, base, k, side)
            scored.append((added, s, shared))
        scored.sort(reverse=True)
        if scored and scored[0][0] >= MEMBER_MIN_ADDED and scored[0][2] >= MEMBER_MIN_SHARED and \
                scored[0][0] - (scored[1][0] if len(scored) > 1 else 0.0) >= UNIQUE_MARGIN:
            pointing.setdefault(scored[0][1], []).append((scored[0][0], k))
    if not pointing:
        return links
    replaced: dict[int, Link] = {}
    taken: set[int] = set()
    for s, candidates in sorted(pointing.items()):
        own_index = where.get(s)
        own = links[own_index] if own_index is not None else None
        if own is None or not free(own) or len(getattr(own, side)) != 1:
            continue
        base = list(getattr(own, other))
        if base:
            base_signals = score_group(scorer, *((([s], base)) if side == "src" else (base, [s])))
            floor = max(SUMMARY_MIN_CONFIDENCE, base_signals["confidence"] - SUMMARY_LOSS)
            length_floor = base_signals["length"] - SUMMARY_LENGTH_LOSS
        else:
            floor, length_floor = SUMMARY_MIN_CONFIDENCE, -np.inf
        # the omitted lines that point here and stand apart from the link's own lines
        near = set(base) | {b + 1 for b in base} | {b - 1 for b in base}
        extra = [k for _, k in sorted(candidates, reverse=True) if k not in taken and (not base or k not in near)]
        chosen = _best_group(scorer, s, base, extra, side, floor, length_floor)
        if chosen is None:
            continue
        ids, signals = chosen
        if len(ids) < 2 or ids == list(range(ids[0], ids[-1] + 1)):
            continue  # lines side by side: an ordinary link, not a summary
        confidence = float(signals.pop("confidence"))
        signals["sources"] = float(len(ids))
        pair = ((s,), tuple(ids)) if side == "src" else (tuple(ids), (s,))
        replaced[own_index] = Link(pair[0], pair[1], round(confidence, 3), signals, role="summary")
        taken.update(k for k in ids if k not in base)
    if not replaced:
        return links
    out = []
    for index, link in enumerate(links):
        if index in replaced:
            out.append(replaced[index])
        elif free(link) and not getattr(link, side) and set(getattr(link, other)) & taken:
            continue
        else:
            out.append(link)
    return out


def _best_group(scorer, s: int, base: list[int], extra: list[int], side: str, floor: float,
                length_floor: float):
    """The sources: the link's own lines plus each omitted line that points here (each has shown
    its own share in the sentence), taken while the link as a whole stays sure enough, up to
    MAX_SOURCES; None when no set of two or more passes."""
    group, best = list(base), None
    for k in extra:
        if len(group) >= MAX_SOURCES:
            break
        ids = sorted(group + [k])
        signals = score_group(scorer, *(([s], ids) if side == "src" else (ids, [s])))
        if signals["confidence"] >= floor and signals["evidence"] >= SUMMARY_MIN_EVIDENCE \
                and signals["length"] >= length_floor:
            group, best = ids, (ids, signals)
    return best if best is not None and len(best[0]) >= 2 else None


def describe_summaries(links: Sequence[Link], src_lang: str, tgt_lang: str) -> str:
    """One line: "1 sentence sums up several (en 1 sums up ru 1, 4)"; "" when none."""
    found = [l for l in links if l.role == "summary"]
    if not found:
        return ""
    where = "; ".join(
        f"{src_lang} {','.join(map(str, l.src))} sums up {tgt_lang} {','.join(map(str, l.tgt))}" if len(l.src) == 1
        else f"{tgt_lang} {','.join(map(str, l.tgt))} sums up {src_lang} {','.join(map(str, l.src))}"
        for l in found)
    return f"{len(found)} sentence{'s' if len(found) != 1 else ''} summing up several ({where})"
