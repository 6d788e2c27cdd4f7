"""Align two documents: `align_documents(src, tgt, mt=..., fixed=..., settings=...) -> Alignment`.

Two passes. The first scores links with the language pair's length prior and a rough guess of
where true pairs fall for each signal; its 1-1 links then re-estimate the length model (c, s²)
and the signal calibrations on this very text, and the second pass gives the alignment.
Links the user confirmed (`fixed`) are kept as they are and the stretches between them are
aligned on their own. Every setting and every estimated parameter goes into the signature.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from compare.align.costs import (
    LINK_TYPES,
    Band,
    BeadScorer,
    LengthModel,
    Weights,
    calibrate_signal,
    estimate_length_model,
    link_probability,
)
from compare.align.confidence import (
    OrderTest,
    anchor_agreement,
    anchor_share,
    feature_matrix,
    link_evidence,
    load_model as confidence_model,
    order_test,
    path_margins,
)
from compare.align.search import best_path
from compare.align.signals import (
    ReverseTranslationSignal,
    Signal,
    SignalVectors,
    TranslationSignal,
    default_signals,
)
from compare.model import Alignment, Document, InputError, Link

VERSION = "1"
PRIORS_FILE = Path(__file__).resolve().parent.parent / "data" / "align" / "length_priors.tsv"


@dataclass(frozen=True)
class AlignSettings:
    """What the aligner does; every field is recorded in Alignment.signature."""

    link_types: tuple[tuple[int, int], ...] = LINK_TYPES
    use_anchors: bool = True
    use_spelling: bool = True
    # en/ru/be: content words matched through the dictionary bridge (align/lexical.py), when
    # its dictionaries are installed
    use_bridge: bool = True
    bridge_weight: float = 1.0
    extra_signals: tuple[Signal, ...] = ()  # more similarity signals (MT engines, embeddings)
    passes: int = 2  # 1: no re-estimation on the text at hand
    exact_limit: int = 4_000_000  # grid cells searched exactly; beyond, a band
    band_width: int = 160  # starting band width for long inputs (doubled when the path hits its edge)
    calibration_window: int = 400  # long inputs: segments the estimating pass aligns
    feature_columns: int = 16384  # a signal's features are hashed into at most this many columns
    weights: Weights = field(default_factory=Weights)
    low_confidence: float = 0.35  # overall confidence under this draws a warning
    # The first pass's length ratio c from the two texts' totals, unless they are further than
    # this factor from the language pair's prior (then the prior's): when one side carries a
    # second story (a longer original), the totals say c = 2 and bend every link of the pass.
    first_pass_c_range: float = 1.25
    # The second pass fits the length model and the signal levels on the first pass's 1-1
    # links that are mutual closest matches (confident ones) when there are enough of them: a
    # first pass gone wrong would otherwise teach the second that wrong links are typical; the
    # first pass's length ratio comes from mutual closest pairs likewise. None (auto): on where
    # the dictionary bridge gives lexical evidence (en/ru/be news: the longer-original cases
    # and a heavily abridged en-be story gained), off elsewhere (Text+Berg's free literary
    # de-fr translation lost 0.002-0.008 strict F1 with it).
    confident_fit: bool | None = None
    seed: int = 0  # for the random pairs that calibrate the signals
    find_moves: bool = True  # omissions and additions that are each other's counterpart: "moved" links
    # A stretch at either end of one side with no confident counterpart (a second story pasted
    # below the first, a page that runs on) is set apart as one block of additions/omissions
    # before the search (see _uncovered_blocks), when the two texts' confident links say so.
    uncovered_blocks: bool = True
    find_summaries: bool = True  # one sentence summing up lines that do not stand together: "summary" links


# --------------------------------------------------------------------------- public entry


def align_documents(
    src: Document,
    tgt: Document,
    *,
    mt: Sequence[str] | None = None,
    fixed: Sequence[Link] = (),
    settings: AlignSettings = AlignSettings(),
    mt_label: str = "file",
    mt_reverse: Sequence[str] | None = None,
) -> Alignment:
    """Align `src` with `tgt`. `mt` is a translation of src's segments into tgt's language, line
    for line; `mt_reverse` (optional) a translation of tgt's segments into src's language;
    `fixed` are links the user confirmed (kept exactly, the rest aligned around them).

    Documents from the story segmenter carry page furniture and headlines: those are kept out
    of the alignment and linked by compare/align/structure.py; only body text is aligned."""
    from compare.align.structure import align_with_structure, has_structure

    n, m = len(src.segments), len(tgt.segments)
    if mt is not None and len(mt) != n:
        raise InputError(
            f"machine translation: {len(mt)} lines for {n} source segments ({src.source or src.lang})"
        )
    if mt_reverse is not None and len(mt_reverse) != m:
        raise InputError(
            f"reverse machine translation: {len(mt_reverse)} lines for {m} target segments ({tgt.source or tgt.lang})"
        )
    if has_structure(src) or has_structure(tgt):
        def plain(s, t, *, mt=None, mt_reverse=None, fixed=()):
            return _align_plain(s, t, mt=mt, fixed=fixed, settings=settings, mt_label=mt_label,
                                mt_reverse=mt_reverse)
        return align_with_structure(src, tgt, plain, mt=mt, mt_reverse=mt_reverse, fixed=fixed)
    return _align_plain(src, tgt, mt=mt, fixed=fixed, settings=settings, mt_label=mt_label,
                        mt_reverse=mt_reverse)


def _align_plain(src: Document, tgt: Document, *, mt: Sequence[str] | None, fixed: Sequence[Link],
                 settings: AlignSettings, mt_label: str, mt_reverse: Sequence[str] | None) -> Alignment:
    """The aligner proper: every segment of both documents is text to align."""
    n, m = len(src.segments), len(tgt.segments)
    if mt is not None and len(mt) != n:
        raise InputError(
            f"machine translation: {len(mt)} lines for {n} source segments ({src.source or src.lang})"
        )
    signals: list[Signal] = []
    if settings.use_anchors or settings.use_spelling:
        for signal in default_signals():
            if (signal.name == "anchors" and settings.use_anchors) or (
                signal.name == "spelling" and settings.use_spelling
            ):
                signals.append(signal)
    if mt is not None:
        signals.append(TranslationSignal(mt, mt_label))
    if mt_reverse is not None:
        if len(mt_reverse) != m:
            raise InputError(
                f"reverse machine translation: {len(mt_reverse)} lines for {m} target segments ({tgt.source or tgt.lang})"
            )
        signals.append(ReverseTranslationSignal(mt_reverse, mt_label))
    bridge_state = ""
    if settings.use_bridge:
        from compare.align.lexical import BRIDGE_LANGS, BridgeSignal, bridge_for

        bridge = bridge_for(src.lang, tgt.lang)
        if bridge is not None:
            signals.append(BridgeSignal(bridge, settings.bridge_weight))
        elif src.lang != tgt.lang and {src.lang, tgt.lang} <= BRIDGE_LANGS:
            bridge_state = "off (dictionaries not installed: see scripts/setup.sh)"
    signals.extend(settings.extra_signals)

    if n == 0 or m == 0:
        links = tuple(Link((i,), (), 1.0, {}) for i in range(n)) + tuple(Link((), (j,), 1.0, {}) for j in range(m))
        return Alignment(src.lang, tgt.lang, links, _signature(settings, signals, None, {}, "empty"), 0.0,
                         ("one side has no segments",))

    confirmed_moves = [l for l in fixed if l.role == "moved"]
    if confirmed_moves:
        # a move the user confirmed: its lines are taken out, the rest aligned around them
        from compare.align.moves import Move
        for link in confirmed_moves:
            for side, ids, limit in (("source", link.src, n), ("target", link.tgt, m)):
                if not ids or list(ids) != list(range(ids[0], ids[0] + len(ids))) or ids[0] < 0 or ids[-1] >= limit:
                    raise InputError(f"confirmed move {list(link.src)}->{list(link.tgt)}: {side} ids must be "
                                     "consecutive, within the document, and on both sides")
        taken = ({i for l in confirmed_moves for i in l.src}, {j for l in confirmed_moves for j in l.tgt})
        for link in fixed:
            if link.role != "moved" and (set(link.src) & taken[0] or set(link.tgt) & taken[1]):
                raise InputError(f"confirmed link {list(link.src)}->{list(link.tgt)} overlaps a confirmed move")
        moves = [Move(tuple(l.src), tuple(l.tgt), dict(l.signals), 1.0, "confirmed") for l in confirmed_moves]
        return _with_moves(src, tgt, moves, None, mt=mt, mt_reverse=mt_reverse,
                           fixed=[l for l in fixed if l.role != "moved"], settings=settings, mt_label=mt_label)
    with _one_blas_thread((n + 1) * (m + 1) > settings.exact_limit):
        alignment, moved = _align(src, tgt, signals, fixed, settings, n, m)
    if bridge_state:
        alignment.signature["bridge"] = bridge_state
    if not moved:
        return alignment
    return _with_moves(src, tgt, moved, alignment, mt=mt, mt_reverse=mt_reverse, fixed=fixed,
                       settings=settings, mt_label=mt_label)


def _with_moves(src: Document, tgt: Document, moved, first: Alignment, *, mt, mt_reverse, fixed,
                settings: AlignSettings, mt_label: str) -> Alignment:
    """The pair aligned again without the moved lines (so the lines they jumped over link as
    they should), the moves added as links of role "moved" where their source stands."""
    from compare.align.moves import describe_moves
    from compare.align.structure import _from_view, _to_view, contiguous_pieces

    moved_src = {i for move in moved for i in move.src}
    moved_tgt = {j for move in moved for j in move.tgt}
    if first is not None and (len(src.segments) + 1) * (len(tgt.segments) + 1) > settings.exact_limit:
        # a long input's moves are omissions and additions only: the path is kept as it is
        rest = first
        links = [l for l in first.links if not (l.is_null and (set(l.src) & moved_src or set(l.tgt) & moved_tgt))]
    else:
        src_view, src_ids = _view_without(src, moved_src)
        tgt_view, tgt_ids = _view_without(tgt, moved_tgt)
        rest = _align_plain(
            src_view, tgt_view, mt=None if mt is None else [mt[i] for i in src_ids],
            mt_reverse=None if mt_reverse is None else [mt_reverse[j] for j in tgt_ids],
            fixed=_to_view(fixed, src_ids, tgt_ids), settings=replace(settings, find_moves=False), mt_label=mt_label)
        links = [piece for link in _from_view(rest.links, src_ids, tgt_ids) for piece in contiguous_pieces(link)]
    rest_links = list(links)
    for move in sorted(moved, key=lambda mv: mv.src[0]):
        # with the rest aligned anew, a pair that now fits the path in order is an ordinary link
        in_order = all(_fits(rest_links, i, j) for i in move.src for j in move.tgt)
        at = next((k for k, l in enumerate(links) if l.src and l.src[0] > move.src[0]), len(links))
        links.insert(at, Link(move.src, move.tgt, round(move.confidence, 3), dict(move.signals),
                              status=move.status, role="" if in_order else "moved"))
    moved = [mv for mv, l in zip(sorted(moved, key=lambda mv: mv.src[0]),
                                 sorted((l for l in links if l.src and (l.src, l.tgt) in
                                         {(mv.src, mv.tgt) for mv in moved}), key=lambda l: l.src[0]))
             if l.role == "moved"]
    moved_segments = len(moved_src) + len(moved_tgt)
    total = len(src.segments) + len(tgt.segments)
    # the moved links are sure pairs: they count in the overall confidence as matched text
    confidence = round(min(1.0, (rest.confidence * (total - moved_segments)
                                 + sum(mv.confidence * (len(mv.src) + len(mv.tgt)) for mv in moved)) / total), 3)
    if rest.confidence < settings.low_confidence:
        confidence = min(confidence, rest.confidence)  # moves do not vouch for unrelated texts
    if not moved:
        return replace(rest, links=tuple(links), confidence=confidence)
    signature = {**rest.signature, "moves": describe_moves(moved, src.lang, tgt.lang)}
    return replace(rest, links=tuple(links), confidence=confidence, signature=signature,
                   notes=(describe_moves(moved, src.lang, tgt.lang),) + rest.notes)


def _fits(links: Sequence[Link], i: int, j: int) -> bool:
    """Could source i link with target j between the matched links around it, in order?"""
    from compare.align.moves import _in_order
    return _in_order(links, i, j)


def _view_without(document: Document, drop: set[int]) -> tuple[Document, list[int]]:
    ids = [s.index for s in document.segments if s.index not in drop]
    segments = tuple(replace(document.segments[i], index=k) for k, i in enumerate(ids))
    return replace(document, segments=segments), ids


@contextmanager
def _one_blas_thread(active: bool):
    """Long inputs: keep BLAS to one thread. The band's matrix products are many and small, and
    threads spinning for them cost more than they give (measured: 1.9 s against 2.8 s on two
    cores for 5,000 x 6,300 lines)."""
    if not active:
        yield
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an optimisation only
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def _align(src: Document, tgt: Document, signals: list[Signal], fixed: Sequence[Link],
           settings: AlignSettings, n: int, m: int) -> Alignment:
    pieces = _pieces_between_fixed(fixed, n, m)
    vectors = _signal_vectors(signals, src, tgt, settings.feature_columns)
    blocks_note = ""
    if settings.uncovered_blocks and not fixed:
        blocks = _uncovered_blocks(vectors, n, m)
        if blocks:
            pieces, blocks_note = _pieces_with_blocks(blocks, n, m)
    lengths = (_lengths(src), _lengths(tgt))
    prior = length_prior(src.lang, tgt.lang)
    rng = np.random.default_rng(settings.seed)

    # Estimate the model on the whole pair (fixed links only cut the search, not the statistics).
    if settings.confident_fit is None:
        settings = replace(settings, confident_fit=any(v.name == "bridge" for v in vectors))
    length_model = _first_length_model(lengths, prior, settings, vectors, n, m)
    calibrations = {v.name: c for v in vectors if (c := calibrate_signal(v, None, rng)) is not None}
    para = (_paragraph_starts(src), _paragraph_starts(tgt))
    search_note = ""
    first_pass_rate = None
    links_by_piece: dict[int, list[tuple[int, int, int, int]]] = {}
    gram_cache: dict = {}
    passes = max(1, settings.passes)
    for pass_number in range(passes):
        if pass_number > 0:
            found = [link for links in links_by_piece.values() for link in links]
            pairs = [(i0, j0) for i0, i1, j0, j1 in found if i1 - i0 == 1 and j1 - j0 == 1]
            if settings.confident_fit:
                pairs = _confident_pairs(vectors, pairs, n, m)
            if len(pairs) >= 3:
                length_model = estimate_length_model(*lengths, pairs, prior)
                calibrations = {v.name: c for v in vectors if (c := calibrate_signal(v, pairs, rng)) is not None}
            settings, first_pass_rate = _adapt_null(settings, vectors, found, n, m)
        if pass_number < passes - 1 and (n + 1) * (m + 1) > settings.exact_limit:
            # Long input: the estimating pass runs on an opening window only (its last tenth,
            # where the window's cut falls, is not used); the statistics need no more.
            wn = min(n, settings.calibration_window)
            wm = min(m, max(1, round(wn * m / n)))
            window, _ = _align_stretch(0, wn, 0, wm, lengths, vectors, length_model, calibrations, settings, para, {})
            links_by_piece = {-1: [link for link in window if link[1] <= 0.9 * wn and link[3] <= 0.9 * wm]}
            continue
        notes = []
        links_by_piece = {}
        for index, piece in enumerate(pieces):
            if piece[0] == "free":
                _, s0, s1, t0, t1 = piece
                links_by_piece[index], note = _align_stretch(
                    s0, s1, t0, t1, lengths, vectors, length_model, calibrations, settings, para, gram_cache
                )
                notes.append(note)
        search_note = ",".join(sorted(set(notes))) or "exact"

    # the whole pair's scorer explains each link (its band is not used)
    explainer = _scorer(0, n, 0, m, lengths, vectors, length_model, calibrations, settings, para, Band.full(0, 0))
    result: list[Link] = []
    for index, piece in enumerate(pieces):
        if piece[0] == "fixed":
            result.append(replace(piece[1], status="confirmed", confidence=1.0))
        elif piece[0] == "block":
            _, s0, s1, t0, t1 = piece
            result.extend(Link((i,), (), 0.5, {"block": 1.0}) for i in range(s0, s1))
            result.extend(Link((), (j,), 0.5, {"block": 1.0}) for j in range(t0, t1))
        else:
            spans = links_by_piece[index]
            _, s0, s1, t0, t1 = piece
            margins = None
            if (s1 - s0 + 1) * (t1 - t0 + 1) <= settings.exact_limit:
                # margins on the stretches searched exactly; a long input's banded stretch keeps
                # to the margin-free model (the forward-backward pass would double its time)
                margins = path_margins(spans, lambda s0, s1, t0, t1: _scorer(
                    s0, s1, t0, t1, lengths, vectors, length_model, calibrations, settings, para,
                    Band.full(s1 - s0, t1 - t0), gram_cache.setdefault((s0, s1, t0, t1), {})), settings.link_types)
            result.extend(_make_links(spans, explainer, margins))
    _add_null_confidence(result, explainer)
    match_rate = best_match_rate(vectors, result, n, m)
    order = order_test(vectors, result, n, m)
    share = anchor_share(src, tgt, result)
    confidence, warnings = _overall(result, order, share, settings)
    notes: list[str] = []
    if confidence < settings.low_confidence:
        confidence, warnings, notes = _partial(result, vectors, src, tgt, confidence, warnings, settings)
    else:
        notes = _coverage_note(result, src.lang, tgt.lang, n, m)
    moved: list = []
    if settings.find_moves and confidence >= settings.low_confidence:
        # moves only between texts that translate each other: in two unrelated texts a few
        # lines always find a closest match out of order
        from compare.align.moves import find_moves
        # long inputs: moves only among omissions and additions, and no second alignment (the
        # path stays as it is, less the moved lines), so that they cost little more
        long_input = (n + 1) * (m + 1) > settings.exact_limit
        moved = find_moves(result, explainer, vectors, n, m, align_block=lambda s0, s1, t0, t1: _align_stretch(
            s0, s1, t0, t1, lengths, vectors, length_model, calibrations, settings, para, {})[0],
            weak_link=0.0 if long_input else None)
    # summaries after moves: a moved line is no source; with moves found, the pair is aligned
    # again without them (_with_moves) and that pass looks for summaries
    if not moved and settings.find_summaries and confidence >= settings.low_confidence and (n + 1) * (m + 1) <= settings.exact_limit:
        from compare.align.summary import find_summaries, summary_sides
        with_summaries = find_summaries(result, explainer, vectors, n, m, summary_sides(src.lang, tgt.lang))
        if len(with_summaries) != len(result):  # the summed-up lines count as matched text
            result = with_summaries
            order, share = order_test(vectors, result, n, m), anchor_share(src, tgt, result)
            confidence, warnings = _overall(result, order, share, settings)
            notes = _coverage_note(result, src.lang, tgt.lang, n, m)
    signature = _signature(settings, signals, length_model, calibrations, search_note)
    if blocks_note:
        signature["blocks"] = blocks_note
    from compare.align.summary import describe_summaries
    if summed := describe_summaries(result, src.lang, tgt.lang):
        signature["summaries"] = summed
        notes = [summed] + list(notes)
    signature["best_match_rate"] = "n/a" if match_rate is None else f"{match_rate:.3f}"
    signature["overall"] = (order.describe() if order is not None else "no closest-match test (no signal)") + (
        f"; anchors carried over {share[0]:.3f} of {share[1]}" if share is not None else "; no anchors")
    if first_pass_rate is not None:
        signature["null"] = f"{settings.weights.null:.2f}(first-pass best-match rate {first_pass_rate:.3f})"
    return Alignment(src.lang, tgt.lang, tuple(result), signature, confidence, tuple(warnings), tuple(notes)), moved


def _first_length_model(lengths, prior: LengthModel, settings: AlignSettings, vectors, n: int, m: int) -> LengthModel:
    """The first pass's length model: from the segment pairs that are each other's closest
    match by the signals (when enough are: they are true pairs, whatever else either text
    holds), else from the two texts' totals."""
    if settings.confident_fit:
        mutual = _mutual_closest(vectors, n, m)
        if mutual is not None and len(mutual) >= max(5, 0.4 * min(n, m)):
            fitted = estimate_length_model(*lengths, mutual, prior)
            k = max(settings.first_pass_c_range, 1.0) * 1.1
            if prior.c / k <= fitted.c <= prior.c * k:
                return LengthModel(c=fitted.c, s2=max(fitted.s2, prior.s2))  # a first guess: not narrower
    model = estimate_length_model(*lengths, None, prior)
    k = settings.first_pass_c_range
    if k and k >= 1.0 and not prior.c / k <= model.c <= prior.c * k:
        # the totals measure something else (a second story, a dropped half): the prior's c
        model = LengthModel(c=prior.c, s2=model.s2)
    return model


CONFIDENT_FIT_LIMIT = 1_000_000  # n·m up to which the closest matches are computed in full


def _similarity(vectors: list[SignalVectors], n: int, m: int) -> np.ndarray | None:
    """Summed cosines of every source with every target segment (small inputs only); the
    last one is kept, as the first pass and the second ask for the same vectors."""
    if not vectors or n * m > CONFIDENT_FIT_LIMIT:
        return None
    key = tuple(id(v.src) for v in vectors) + tuple(id(v.tgt) for v in vectors)
    cached = _SIMILARITY_CACHE.get("last")  # one read: another thread may replace it meanwhile
    if cached is not None and cached[0] == key:
        return cached[1]
    similarity = np.zeros((n, m))
    for v in vectors:
        src_norm = np.linalg.norm(v.src, axis=1)
        tgt_norm = np.linalg.norm(v.tgt, axis=1)
        similarity += v.weight * (v.src @ v.tgt.T) / np.maximum(np.outer(src_norm, tgt_norm), 1e-12)
    _SIMILARITY_CACHE["last"] = (key, similarity, vectors)  # vectors kept alive: the ids stay theirs
    return similarity


_SIMILARITY_CACHE: dict = {}


def _mutual_closest(vectors: list[SignalVectors], n: int, m: int) -> list[tuple[int, int]] | None:
    similarity = _similarity(vectors, n, m)
    if similarity is None:
        return None
    best_tgt, best_src = similarity.argmax(axis=1), similarity.argmax(axis=0)
    return [(i, int(j)) for i, j in enumerate(best_tgt) if best_src[j] == i and similarity[i, j] > 0]


def _confident_pairs(vectors: list[SignalVectors], pairs: list[tuple[int, int]], n: int, m: int,
                     least_share: float = 0.3) -> list[tuple[int, int]]:
    """The 1-1 links (i, j) where j is i's closest target and i j's closest source by the
    signals' summed cosines; all of `pairs` when fewer than max(3, least_share of them) are,
    or when the pair is too long to compare every segment with every other."""
    similarity = _similarity(vectors, n, m) if pairs else None
    if similarity is None:
        return pairs
    best_tgt = similarity.argmax(axis=1)
    best_src = similarity.argmax(axis=0)
    confident = [(i, j) for i, j in pairs if best_tgt[i] == j and best_src[j] == i and similarity[i, j] > 0]
    return confident if len(confident) >= max(3, least_share * len(pairs)) else pairs


def _adapt_null(settings: AlignSettings, vectors, found, n: int, m: int):
    """Omissions cost less where the first pass shows sharp signals: when most segments' best
    match lies on the path, a segment that matches nothing near it is more likely really
    missing than badly matched (clean news translations); with weak signals (free literary
    translation, no MT) an omission is more often a bad guess."""
    w = settings.weights
    if not w.null_relief or not found:
        return settings, None
    spans = [Link(tuple(range(i0, i1)), tuple(range(j0, j1))) for i0, i1, j0, j1 in found if i1 > i0 or j1 > j0]
    covered = max((l.src[-1] for l in spans if l.src), default=-1) + 1
    rate = best_match_rate([SignalVectors(v.name, v.src[:covered], v.tgt, v.weight) for v in vectors],
                           spans, covered, m, matched_only=True)
    if rate is None:
        return settings, None
    relief = w.null_relief * float(np.clip((rate - 0.8) / 0.15, 0.0, 1.0))
    return replace(settings, weights=replace(w, null=w.null + relief)), rate


# --------------------------------------------------------------------------- pieces


def _pieces_between_fixed(fixed: Sequence[Link], n: int, m: int) -> list[tuple]:
    """Split the grid at the user's confirmed links: ("fixed", link) and ("free", s0, s1, t0, t1)."""
    pieces: list[tuple] = []
    s, t = 0, 0
    for link in fixed:
        for side, ids, limit in (("source", link.src, n), ("target", link.tgt, m)):
            if ids and (list(ids) != list(range(ids[0], ids[0] + len(ids))) or ids[-1] >= limit or ids[0] < 0):
                raise InputError(f"confirmed link {link.src}->{link.tgt}: {side} ids must be consecutive and within the document")
    for link, s_start, t_start in _fixed_in_order([link for link in fixed if link.src or link.tgt]):
        # an empty side has no ids to cross anything: it goes no earlier than where we are
        s_start, t_start = (s_start if link.src else max(s_start, s)), (t_start if link.tgt else max(t_start, t))
        if s_start < s or t_start < t:
            raise InputError(f"confirmed link {link.src}->{link.tgt} crosses or overlaps another confirmed link")
        pieces.append(("free", s, s_start, t, t_start))
        pieces.append(("fixed", link))
        s, t = s_start + len(link.src), t_start + len(link.tgt)
    pieces.append(("free", s, n, t, m))
    return [p for p in pieces if p[0] == "fixed" or p[2] > p[1] or p[4] > p[3]]


BLOCK_LEAST = 4  # segments a stretch needs to be set apart as a block
BLOCK_SHARE = 0.25  # ... and at least this share of the matched stretch's length on its side


def _uncovered_blocks(vectors: list[SignalVectors], n: int, m: int) -> list[tuple[str, int, int]]:
    """Stretches at the ends of either side that the other text does not cover, as (side,
    start, end). Global structure first: the segment pairs that are each other's closest match
    anywhere in the two texts (by the summed cosines of every signal) and in reading order on
    both sides (the heaviest increasing chain of them) mark where the two texts run together.
    Beyond the chain's last link on one side, the other side's remaining segments, spread at
    the chain's own rate with half as much again and two more of slack, are the most the
    search may still link there; what lies further is a block. A block must be long
    (BLOCK_LEAST segments and BLOCK_SHARE of the chain's stretch on its side) and hold no
    closest pair as strong as the chain's median link, else it is left to the search."""
    similarity = _similarity(vectors, n, m)
    if similarity is None or n < 2 or m < 2:
        return []
    mutual = _mutual_closest(vectors, n, m)
    if not mutual or len(mutual) < 3:
        return []
    chain = _trim_chain(_heaviest_chain(mutual, similarity))
    if len(chain) < max(3, 0.2 * min(n, m)):
        return []
    strong = float(np.median([similarity[i, j] for i, j in chain]))
    (i_first, j_first), (i_last, j_last) = chain[0], chain[-1]
    rate_t = (j_last - j_first + 1) / (i_last - i_first + 1)  # target segments per source segment
    blocks = []
    for side, total, first, last, left_before, left_after, rate in (
            ("tgt", m, j_first, j_last, i_first, n - 1 - i_last, rate_t),
            ("src", n, i_first, i_last, j_first, m - 1 - j_last, 1.0 / rate_t)):
        span = last - first + 1
        least = max(BLOCK_LEAST, BLOCK_SHARE * span)
        tail_start = last + 1 + int(np.ceil(1.5 * left_after * rate)) + 2
        if total - tail_start >= least:
            blocks.append((side, tail_start, total))
        head_end = first - int(np.ceil(1.5 * left_before * rate)) - 2
        if head_end >= least:
            blocks.append((side, 0, head_end))
    out = []
    for side, start, end in blocks:
        # a strong closest pair inside: the other text may cover it after all
        inside = [(i, j) for i, j in mutual if (j if side == "tgt" else i) in range(start, end)]
        if not any(similarity[i, j] >= strong for i, j in inside):
            out.append((side, start, end))
    return out


def _heaviest_chain(pairs: list[tuple[int, int]], similarity: np.ndarray) -> list[tuple[int, int]]:
    """The subsequence of pairs increasing on both sides with the largest summed similarity."""
    pairs = sorted(pairs)
    best = [float(similarity[i, j]) for i, j in pairs]
    back = [-1] * len(pairs)
    for k, (i, j) in enumerate(pairs):
        for h in range(k):
            if pairs[h][0] < i and pairs[h][1] < j and best[h] + similarity[i, j] > best[k]:
                best[k], back[k] = best[h] + float(similarity[i, j]), h
    k = int(np.argmax(best))
    chain = []
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _trim_chain(chain: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop links at the chain's ends that jump much further on one side than the chain runs:
    a lone closest pair far off (a name or a date that recurs in a second story) does not
    extend where the texts run together."""
    while len(chain) >= 4:
        inner = chain[1:-1]
        rate = (inner[-1][1] - inner[0][1] + 1) / (inner[-1][0] - inner[0][0] + 1)
        changed = False
        for end, neighbour in ((-1, -2), (0, 1)):
            di = abs(chain[end][0] - chain[neighbour][0])
            dj = abs(chain[end][1] - chain[neighbour][1])
            if dj > 2 * rate * di + 3 or di > 2 * dj / rate + 3:
                chain = chain[:-1] if end == -1 else chain[1:]
                changed = True
                break
        if not changed:
            break
    return chain


def _pieces_with_blocks(blocks: list[tuple[str, int, int]], n: int, m: int) -> tuple[list[tuple], str]:
    """The grid as a free piece between the blocks: ("block", s0, s1, t0, t1) pieces (their
    segments become additions or omissions) and the ("free", ...) piece in the middle."""
    s0, s1, t0, t1 = 0, n, 0, m
    for side, start, end in blocks:
        if side == "tgt":
            t0, t1 = (end, t1) if start == 0 else (t0, start)
        else:
            s0, s1 = (end, s1) if start == 0 else (s0, start)
    if s1 <= s0 or t1 <= t0:
        return [("free", 0, n, 0, m)], ""
    pieces = []
    if s0 or t0:
        pieces.append(("block", 0, s0, 0, t0))
    pieces.append(("free", s0, s1, t0, t1))
    if s1 < n or t1 < m:
        pieces.append(("block", s1, n, t1, m))
    note = "; ".join(f"{'source' if side == 'src' else 'target'} {start}-{end - 1} not covered by the other side"
                     for side, start, end in blocks)
    return pieces, note


def _fixed_in_order(fixed: Sequence[Link]) -> list[tuple[Link, int, int]]:
    """(link, source start, target start) in reading order. A confirmed omission or addition
    has no place of its own on its empty side: it stands against the confirmed link it touches
    on its own side (after the one before it, as a split leaves it; else before the one after
    it, as a sentence moved out of a pair leaves it), or right after the one before it."""
    full = sorted((l for l in fixed if l.src and l.tgt), key=lambda l: (l.src[0], l.tgt[0]))
    placed = [(l.src[0], l.tgt[0], l) for l in full]
    for link in (l for l in fixed if not (l.src and l.tgt)):
        own, other = ("src", "tgt") if link.src else ("tgt", "src")
        first, last = getattr(link, own)[0], getattr(link, own)[-1]
        before = [l for l in full if getattr(l, own)[-1] < first]
        after = [l for l in full if getattr(l, own)[0] > last]
        before = max(before, key=lambda l: getattr(l, own)[-1], default=None)
        after = min(after, key=lambda l: getattr(l, own)[0], default=None)
        if after is not None and getattr(after, own)[0] == last + 1 and not (
                before is not None and getattr(before, own)[-1] == first - 1):
            where = getattr(after, other)[0]
            # not past an addition on the other side that stands before the same link
            floor = getattr(before, other)[-1] + 1 if before is not None else 0
            where = min([where] + [getattr(l, other)[0] for l in fixed if not getattr(l, own)
                                   and floor <= getattr(l, other)[0] < where])
        else:
            where = getattr(before, other)[-1] + 1 if before is not None else 0
        placed.append((first, where, link) if own == "src" else (where, first, link))
    placed.sort(key=lambda p: (p[0], p[1], bool(p[2].src and p[2].tgt)))
    return [(link, s_start, t_start) for s_start, t_start, link in placed]


def _signal_vectors(signals: list[Signal], src: Document, tgt: Document, columns: int) -> list[SignalVectors]:
    total_rows = len(src.segments) + len(tgt.segments)
    # hashed columns: keep each signal's two matrices under ~32 MB however long the inputs
    # (and the band's matrix products cheap: long inputs get fewer, more shared, columns)
    max_columns = int(max(256, min(columns, 1_500_000 // max(total_rows, 1))))
    out = []
    for signal in signals:
        try:
            vectors = signal.vectors(src, tgt, max_columns=max_columns)
        except ValueError as error:
            raise InputError(f"{signal.describe()}: {error}") from None
        if vectors is not None:
            out.append(vectors)
    return out


def _lengths(document: Document) -> np.ndarray:
    return np.array([len(s.text.strip()) for s in document.segments], dtype=np.float64)


def _paragraph_starts(document: Document) -> np.ndarray | None:
    """Paragraph starts when the document has paragraphs of several segments; else None
    (one segment per line has no paragraph structure to respect)."""
    paragraphs = [s.paragraph for s in document.segments]
    if len(set(paragraphs)) in (len(paragraphs), 1):
        return None
    starts = np.zeros(len(paragraphs), dtype=bool)
    for index in document.paragraph_starts:
        starts[index] = True
    return starts


@lru_cache(maxsize=None)
def _length_priors() -> dict[tuple[str, str], LengthModel]:
    table = {}
    for line in PRIORS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            src, tgt, c, s2 = line.split("\t")
            table[(src, tgt)] = LengthModel(float(c), float(s2))
    return table


def length_prior(src_lang: str, tgt_lang: str) -> LengthModel:
    table = _length_priors()
    return table.get((src_lang, tgt_lang), table[("*", "*")])


# --------------------------------------------------------------------------- one stretch


def _scorer(s0, s1, t0, t1, lengths, vectors, length_model, calibrations, settings, para, band,
            gram_cache=None) -> BeadScorer:
    sub = [SignalVectors(v.name, v.src[s0:s1], v.tgt[t0:t1], v.weight) for v in vectors]
    src_para = para[0][s0:s1] if para[0] is not None and para[1] is not None else None
    tgt_para = para[1][t0:t1] if para[0] is not None and para[1] is not None else None
    return BeadScorer(
        lengths[0][s0:s1], lengths[1][t0:t1], sub, length_model, calibrations, settings.weights, band,
        src_para, tgt_para, settings.link_types, gram_cache,
    )


def _align_stretch(s0, s1, t0, t1, lengths, vectors, length_model, calibrations, settings, para, cache):
    """Best links for src[s0:s1] x tgt[t0:t1], in absolute ids."""
    n, m = s1 - s0, t1 - t0
    if n == 0 or m == 0:
        links = [(i, i + 1, t0, t0) for i in range(s0, s1)] + [(s0, s0, j, j + 1) for j in range(t0, t1)]
        return links, "exact"
    if (n + 1) * (m + 1) <= settings.exact_limit:
        band, note = Band.full(n, m), "exact"
    else:
        band, note = _diagonal_band(n, m, settings.band_width), f"band({settings.band_width})"
    while True:
        scorer = _scorer(s0, s1, t0, t1, lengths, vectors, length_model, calibrations, settings, para, band,
                         cache.setdefault((s0, s1, t0, t1), {}))
        path, _, touched = best_path(band, scorer.scores, settings.link_types)
        if not touched or band.width >= m + 1:
            break
        width = min(band.width * 2, m + 1)
        band, note = _diagonal_band(n, m, width, guide=path), f"band({width})"
    links = [(s0 + i0, s0 + i1, t0 + j0, t0 + j1) for i0, i1, j0, j1 in path]
    return links, note


def _diagonal_band(n: int, m: int, width: int, guide: list | None = None) -> Band:
    """A band of `width` columns centred on the diagonal, or on a previous path."""
    width = min(width, m + 1)
    if guide:
        centre = np.zeros(n + 1)
        for i0, i1, j0, j1 in guide:
            for i in range(i0, i1 + 1):
                centre[i] = j0 + (j1 - j0) * ((i - i0) / max(i1 - i0, 1))
    else:
        centre = np.arange(n + 1) * (m / max(n, 1))
    lo = np.clip(np.round(centre - width / 2).astype(np.int64), 0, m + 1 - width)
    lo = np.maximum.accumulate(lo)  # keep the band monotonic
    lo[0] = 0
    lo[-1] = m + 1 - width
    return Band(lo, width, n, m)


# --------------------------------------------------------------------------- links and confidence


def link_signals_batch(scorer: BeadScorer, spans: Sequence[tuple[int, int, int, int]],
                       margins: Sequence[float] | None = None) -> list[dict]:
    """What scored each link src[i0:i1] <-> tgt[j0:j1]: the length fit, each signal's cosine,
    the signals' own evidence and a confidence in [0, 1] (compare/align/confidence.py; with
    `margins`, the margin of each link to the best path without it counts, else the
    margin-free model applies). "_features" holds the model's inputs (benchmarks/align_confidence.py)."""
    if not spans:
        return []
    shown, features = link_evidence(scorer, spans)
    model = confidence_model()
    if margins is not None:
        features["margin"] = np.log1p(np.asarray(margins, dtype=np.float64))
        values = model.link_confidence(feature_matrix(features, model.link_features))
    else:
        values = model.link_confidence_without_margin(feature_matrix(features, model.link_features_without_margin))
    for k, value in enumerate(values):
        shown[k]["confidence"] = round(float(value), 3)
        shown[k]["_features"] = {name: float(column[k]) for name, column in features.items()}
    return shown


def link_signals(scorer: BeadScorer, i0: int, i1: int, j0: int, j1: int) -> dict[str, float]:
    signals = link_signals_batch(scorer, [(i0, i1, j0, j1)])[0]
    signals.pop("_features", None)
    return signals


def _make_links(spans: Sequence[tuple[int, int, int, int]], scorer: BeadScorer,
                margins: Sequence[float] | None = None) -> list[Link]:
    matched = [k for k, span in enumerate(spans) if span[1] > span[0] and span[3] > span[2]]
    explained = dict(zip(matched, link_signals_batch(
        scorer, [spans[k] for k in matched], None if margins is None else [margins[k] for k in matched])))
    links = []
    for k, (i0, i1, j0, j1) in enumerate(spans):
        signals = explained.get(k)
        if signals is None:
            # an omission or addition: its confidence comes in _add_null_confidence
            links.append(Link(tuple(range(i0, i1)), tuple(range(j0, j1)), 0.5,
                              {} if margins is None else {"margin": round(margins[k], 3)}))
        else:
            confidence = signals.pop("confidence")
            signals.pop("_features", None)
            if margins is not None:
                signals["margin"] = round(margins[k], 3)
            links.append(Link(tuple(range(i0, i1)), tuple(range(j0, j1)), confidence, signals))
    return links


def _add_null_confidence(links: list[Link], scorer: BeadScorer) -> None:
    """An omission or addition is sure when its segment matches none of the segments near it
    and no other path comes close."""
    candidates: dict[int, list[tuple[int, int, int, int]]] = {}
    for index, link in enumerate(links):
        if not link.is_null or link.status == "confirmed":
            continue
        near = [l for l in links[max(0, index - 2): index + 3] if not l.is_null]
        if link.src:
            i = link.src[0]
            candidates[index] = [(i, i + 1, j, j + 1) for other in near for j in other.tgt]
        else:
            j = link.tgt[0]
            candidates[index] = [(i, i + 1, j, j + 1) for other in near for i in other.src]
    spans = sorted({span for group in candidates.values() for span in group})
    confidence = {span: signals["evidence"] for span, signals in zip(spans, link_signals_batch(scorer, spans))}
    model = confidence_model()
    for index, group in candidates.items():
        best = max((confidence[span] for span in group), default=0.0)
        margin = links[index].signals.get("margin")
        features = {"best_neighbour": np.array([best])}
        signals = {"best_neighbour": round(best, 3)}
        if margin is None:
            value = model.null_confidence_without_margin(feature_matrix(features, model.null_features_without_margin))
        else:
            features["margin"] = np.array([np.log1p(float(margin))])
            signals["margin"] = round(float(margin), 3)
            value = model.null_confidence(feature_matrix(features, model.null_features))
        links[index] = replace(links[index], confidence=round(float(value[0]), 3), signals=signals)


def best_match_rate(vectors: list[SignalVectors], links: Sequence[Link], n: int, m: int,
                    sample: int = 400, matched_only: bool = False) -> float | None:
    """Share of source segments whose most similar target segment (by the signals' cosines,
    uncalibrated) lies in or next to their own link. About 0.8-1 for a translation; for two
    unrelated texts the best matches scatter and a monotonic path meets few of them (0-0.3).
    None when no signal has anything to compare. matched_only: count only the segments the
    links pair with something (how sharp the signals are, whatever the omissions)."""
    if not vectors or n == 0 or m == 0:
        return None
    partners: dict[int, tuple[int, ...]] = {}
    for link in links:
        for i in link.src:
            partners[i] = link.tgt
    rows = np.arange(n) if n <= sample else np.linspace(0, n - 1, sample).round().astype(int)
    similarity = np.zeros((len(rows), m))
    for v in vectors:
        src_norm = np.linalg.norm(v.src[rows], axis=1)
        tgt_norm = np.linalg.norm(v.tgt, axis=1)
        similarity += v.weight * (v.src[rows] @ v.tgt.T) / np.maximum(np.outer(src_norm, tgt_norm), 1e-12)
    hits = total = 0
    for r, i in enumerate(rows):
        if similarity[r].max() <= 0:
            continue
        total += 1
        best = int(similarity[r].argmax())
        own = partners.get(int(i), ())
        if matched_only and not own:
            total -= 1
            continue
        hits += bool(own) and min(own) - 1 <= best <= max(own) + 1
    return hits / total if total >= 3 else None


def _overall(links: list[Link], order: OrderTest | None, share: tuple[float, int] | None,
             settings: AlignSettings) -> tuple[float, list[str]]:
    """Overall confidence: the links' confidence (how many of them are likely right) and how
    much of the two texts they pair, times two checks that the texts are translations at all
    (confidence.py): the segments' closest matches follow the path beyond chance (OrderTest:
    two unrelated texts get a path, but not one their closest matches follow), and the links
    carry their numbers and names over (anchor_share)."""
    matched = [l for l in links if not l.is_null]
    segments = sum(len(l.src) + len(l.tgt) for l in links)
    if not matched or segments == 0:
        return 0.0, ["nothing in the two texts matches: they are probably not translations of each other"]
    size = [len(l.src) + len(l.tgt) for l in matched]
    covered = sum(size) / segments
    support = sum(l.confidence * k for l, k in zip(matched, size)) / sum(size) * (0.5 + 0.5 * covered)
    model = confidence_model()
    if order is None:
        agreement = anchor_agreement(share, model)
    else:
        agreement = max(order.agreement(model) * anchor_agreement(share, model), order.decisive(model) * order.sure(model))
    confidence = round(float(support * agreement), 3)
    warnings = []
    if confidence < settings.low_confidence:
        reasons = []
        if order is not None and order.agreement(model) < 0.5:
            reasons.append(f"only {order.hits} of {order.trials} segments find their closest match in their own link "
                           f"({order.expected:.0f} expected by chance)")
        if share is not None and anchor_agreement(share, model) < 0.5:
            reasons.append(f"only {share[0]:.0%} of the numbers and names of linked segments appear on the other side")
        if order is not None and order.trials < 12:
            reasons.append("too few segments to be sure")
        reason = "".join(f"{r}; " for r in reasons)
        warnings.append(
            f"low overall confidence ({confidence:.2f}): {reason}the texts may not be translations of each other"
        )
    return confidence, warnings


# A partial translation (the English condenses the original, or covers part of a longer one) has
# few links and many omissions, and the overall confidence, which counts how much of both texts
# is paired, falls as low as for unrelated texts. Its sure links, though, are a translation: the
# closest matches of their segments fall in them far beyond chance, which never happens for two
# unrelated texts. Links at least this sure make that core.
CORE_LINK_CONFIDENCE = 0.8
CORE_MIN_LINKS = 3


def _partial(links: list[Link], vectors, src: Document, tgt: Document, confidence: float,
             warnings: list[str], settings: AlignSettings) -> tuple[float, list[str], list[str]]:
    """A low overall confidence judged again on the sure links alone: when they are a
    translation beyond doubt, the pair is a partial translation — said in a note with how much
    of each text the links cover — and not warned as unrelated."""
    n, m = len(src.segments), len(tgt.segments)
    matched = [l for l in links if not l.is_null]
    src_cover = len({i for l in matched for i in l.src}) / max(n, 1)
    tgt_cover = len({j for l in matched for j in l.tgt}) / max(m, 1)
    if min(src_cover, tgt_cover) >= PARTIAL_SIDE:
        return confidence, warnings, []  # not partial: what is linked is all there is
    core = [l for l in links if not l.is_null and l.confidence >= CORE_LINK_CONFIDENCE]
    if len(core) < CORE_MIN_LINKS:
        return confidence, warnings, []
    order = order_test(vectors, core, n, m)
    share = anchor_share(src, tgt, core)
    model = confidence_model()
    if order is None:
        return confidence, warnings, []
    agreement = max(order.agreement(model) * anchor_agreement(share, model), order.decisive(model) * order.sure(model))
    size = [len(l.src) + len(l.tgt) for l in core]
    support = sum(l.confidence * k for l, k in zip(core, size)) / sum(size)
    partial = round(float(support * agreement), 3)
    if partial < settings.low_confidence:
        return confidence, warnings, []
    return partial, [], [describe_partial(src.lang, tgt.lang, src_cover, tgt_cover)]


# a side with less than this share of its segments linked, the other side linked at least as
# much as PARTIAL_OTHER: a partial translation, said so
PARTIAL_SIDE = 0.7
PARTIAL_OTHER = 0.8


def _coverage_note(links: list[Link], src_lang: str, tgt_lang: str, n: int, m: int) -> list[str]:
    """A note when one text has much left without counterpart and the other little."""
    matched = [l for l in links if not l.is_null]
    src_cover = len({i for l in matched for i in l.src}) / max(n, 1)
    tgt_cover = len({j for l in matched for j in l.tgt}) / max(m, 1)
    if min(src_cover, tgt_cover) < PARTIAL_SIDE and max(src_cover, tgt_cover) >= PARTIAL_OTHER:
        return [describe_partial(src_lang, tgt_lang, src_cover, tgt_cover)]
    return []


def describe_partial(src_lang: str, tgt_lang: str, src_cover: float, tgt_cover: float) -> str:
    """ "partial translation: the English covers 40% of the Russian" (shares of segments)."""
    from compare.model import LANG_NAMES

    a, b = LANG_NAMES.get(src_lang, src_lang), LANG_NAMES.get(tgt_lang, tgt_lang)
    if src_cover >= 0.8 and tgt_cover < 0.8:
        what = f"the {a} covers {tgt_cover:.0%} of the {b}"
    elif tgt_cover >= 0.8 and src_cover < 0.8:
        what = f"the {b} covers {src_cover:.0%} of the {a}"
    else:
        what = f"{src_cover:.0%} of the {a} and {tgt_cover:.0%} of the {b} are linked"
    return f"partial translation: {what}; the rest has no counterpart"


def _signature(settings, signals, length_model, calibrations, search_note) -> dict[str, str]:
    w = settings.weights
    signature = {
        "aligner": f"compare-align/{VERSION}",
        "links": ",".join(f"{a}-{b}" for a, b in settings.link_types),
        "search": search_note,
        "passes": str(settings.passes),
        "columns": str(settings.feature_columns),
        "length": (
            f"gale-church(c={length_model.c:.3f},s2={length_model.s2:.2f})" if length_model else "none"
        ),
        "signals": "+".join(
            s.describe()
            + (
                f"(rand={calibrations[s.name].random:.3f},match={calibrations[s.name].match:.3f},"
                f"r={calibrations[s.name].reliability:.2f},none={calibrations[s.name].none_match:.2f}/{calibrations[s.name].none_random:.2f})"
                if s.name in calibrations
                else "(unused)"
            )
            for s in signals
        )
        or "none",
        "weights": f"len={w.length},sig={w.signal},null={w.null:.3g},para={w.paragraph_cross}/{w.paragraph_start},"
                   f"orphan={w.orphan}({'+'.join(w.orphan_signals)}),"
        + ",".join(f"{a}-{b}={p}" for (a, b), p in sorted(w.priors.items())),
        "confidence": confidence_model().describe() + f",warn<{settings.low_confidence}",
        "fit": f"first-c-range={settings.first_pass_c_range},confident={'on' if settings.confident_fit else 'off'}",
        "limits": f"exact<={settings.exact_limit},band={settings.band_width},window={settings.calibration_window},"
                  f"seed={settings.seed}" + ("" if settings.find_moves else ",no-moves")
                  + ("" if settings.find_summaries else ",no-summaries"),
    }
    return signature
