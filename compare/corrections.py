"""The user's corrections to an alignment, as pure functions on links.

Each operation takes the current links of one pair and the links already confirmed, and returns
the new set of confirmed links. The aligner then keeps those exactly and re-aligns the rest
around them (align_documents(..., fixed=confirmed)), so one fix can repair its neighbours.
"""
from __future__ import annotations

import functools
from typing import Sequence

from compare.model import InputError, Link


def _confirmed(src: Sequence[int], tgt: Sequence[int], role: str = "") -> Link:
    return Link(src=tuple(src), tgt=tuple(tgt), confidence=1.0, signals={"user": 1.0},
                status="confirmed", role=role)


def _overlaps(a: Link, b: Link) -> bool:
    return bool(set(a.src) & set(b.src)) or bool(set(a.tgt) & set(b.tgt))


def _replace(confirmed: Sequence[Link], new: Sequence[Link]) -> list[Link]:
    """Confirmed links with `new` added; older confirmations they contradict are dropped."""
    kept = [link for link in confirmed if not any(_overlaps(link, n) for n in new)]
    kept += [link for link in new if link.src or link.tgt]
    return sorted(kept, key=functools.cmp_to_key(_reading_order))


def _reading_order(a: Link, b: Link) -> int:
    """Links are monotonic: compare them on a side both have (a null link has only one)."""
    for side in ("src", "tgt"):
        mine, theirs = getattr(a, side), getattr(b, side)
        if mine and theirs:
            return -1 if max(mine) < min(theirs) else (1 if min(mine) > max(theirs) else 0)
    return 0


def _link_at(links: Sequence[Link], index: int) -> Link:
    if not 0 <= index < len(links):
        raise InputError(f"link {index}: there is no such row (0–{len(links) - 1})")
    return links[index]


def confirm(links: Sequence[Link], confirmed: Sequence[Link], index: int) -> list[Link]:
    link = _link_at(links, index)
    return _replace(confirmed, [_confirmed(link.src, link.tgt)])


def unconfirm(links: Sequence[Link], confirmed: Sequence[Link], index: int) -> list[Link]:
    link = _link_at(links, index)
    return [c for c in confirmed if not (c.src == link.src and c.tgt == link.tgt)]


def merge_with_next(links: Sequence[Link], confirmed: Sequence[Link], index: int) -> list[Link]:
    first, second = _link_at(links, index), _link_at(links, index + 1)
    merged = _confirmed(first.src + second.src, first.tgt + second.tgt)
    return _replace(confirmed, [merged])


def split(links: Sequence[Link], confirmed: Sequence[Link], index: int,
          src_at: int, tgt_at: int) -> list[Link]:
    """Split a link into its first `src_at` source and `tgt_at` target segments and the rest."""
    link = _link_at(links, index)
    if not (0 <= src_at <= len(link.src) and 0 <= tgt_at <= len(link.tgt)):
        raise InputError(f"link {index}: cannot split {link.type} at {src_at}/{tgt_at}")
    head = _confirmed(link.src[:src_at], link.tgt[:tgt_at])
    tail = _confirmed(link.src[src_at:], link.tgt[tgt_at:])
    if not (head.src or head.tgt) or not (tail.src or tail.tgt):
        raise InputError(f"link {index}: a split must leave a segment on each side of it")
    return _replace(confirmed, [head, tail])


def move_segment(links: Sequence[Link], confirmed: Sequence[Link], index: int, side: str,
                 to: str) -> list[Link]:
    """Move the boundary segment of one side between a link and its neighbour.

    side "src"/"tgt"; to "next": the link's last segment of that side goes to the next link;
    to "previous": its first segment goes to the previous link."""
    if side not in ("src", "tgt") or to not in ("next", "previous"):
        raise InputError(f"move: side must be src or tgt and to next or previous, not {side}/{to}")
    here = _link_at(links, index)
    there_index = index + 1 if to == "next" else index - 1
    there = _link_at(links, there_index)
    moving = getattr(here, side)
    if not moving:
        raise InputError(f"link {index}: has no {side} segment to move")
    if to == "next":
        kept, moved = moving[:-1], moving[-1:]
        new_there = moved + getattr(there, side)
    else:
        kept, moved = moving[1:], moving[:1]
        new_there = getattr(there, side) + moved
    other = "tgt" if side == "src" else "src"
    new_here = {side: kept, other: getattr(here, other)}
    new_next = {side: new_there, other: getattr(there, other)}
    result = [_confirmed(**new_here), _confirmed(**new_next)]
    return _replace(confirmed, [link for link in result if link.src or link.tgt])


# ---------------------------------------------------------------- is a set acceptable?

def name_link(pair: Sequence[str], link: Link) -> str:
    """ "en:7,8 ↔ ru:7" — how a message names a link (the ids the table shows)."""
    def ids(lang: str, side: Sequence[int]) -> str:
        return f"{lang}:{','.join(map(str, side))}" if side else f"{lang}:—"
    return f"{ids(pair[0], link.src)} ↔ {ids(pair[1], link.tgt)}"


def in_reading_order(links: Sequence[Link]) -> list[Link]:
    return sorted(links, key=functools.cmp_to_key(_reading_order))


def check(story, pair: tuple[str, str], confirmed: Sequence[Link], align=None) -> list[Link]:
    """The confirmed links of one pair if the aligner can take them all, in reading order;
    otherwise InputError naming the first link at fault. `align(src_doc, tgt_doc, fixed)` runs
    the trial alignment (default: align_documents without MT — what can fail does not depend
    on MT); False skips it."""
    where = f"{pair[0]}↔{pair[1]}"
    if pair[0] not in story.documents or pair[1] not in story.documents:
        raise InputError(f"{where}: the story has no such pair of versions")
    src, tgt = story.documents[pair[0]], story.documents[pair[1]]
    seen: dict[tuple[str, int], Link] = {}
    for link in confirmed:
        name = name_link(pair, link)
        if not link.src and not link.tgt:
            raise InputError(f"{where}: a confirmed link must hold at least one sentence")
        for lang, document, ids in ((pair[0], src, link.src), (pair[1], tgt, link.tgt)):
            if any(not isinstance(i, int) or not 0 <= i < len(document.segments) for i in ids):
                raise InputError(f"{where}: confirmed link {name}: {lang} has sentences "
                                 f"0–{len(document.segments) - 1} only")
            if ids and list(ids) != list(range(ids[0], ids[0] + len(ids))):
                raise InputError(f"{where}: confirmed link {name}: its {lang} sentences must "
                                 "follow each other")
            for i in ids:
                if document.segments[i].kind == "meta":
                    raise InputError(f"{where}: confirmed link {name}: {lang}:{i} is a meta "
                                     "line (page furniture), not story text; it is not aligned")
                if (lang, i) in seen:
                    raise InputError(f"{where}: confirmed links {name_link(pair, seen[(lang, i)])} "
                                     f"and {name} both hold {lang}:{i}")
                seen[(lang, i)] = link
    # a confirmed move is the one link allowed out of order (compare/align/moves.py)
    full = sorted((l for l in confirmed if l.src and l.tgt and l.role != "moved"), key=lambda l: l.src[0])
    for before, after in zip(full, full[1:]):
        if after.tgt[0] < before.tgt[0]:
            raise InputError(f"{where}: confirmed links {name_link(pair, before)} and "
                             f"{name_link(pair, after)} cross (a later sentence paired with an "
                             "earlier one)")
    links = in_reading_order([_confirmed(l.src, l.tgt, role=l.role) for l in confirmed])
    if align is None:
        align = _trial_alignment
    if align:
        try:
            align(src, tgt, links)
        except InputError as error:
            raise InputError(f"{where}: the aligner refuses these confirmed links: {error}") from None
        except Exception as error:  # an aligner bug must not reach the store
            raise InputError(f"{where}: the aligner failed on these confirmed links "
                             f"({type(error).__name__}: {error}); nothing was saved") from None
    return links


def _trial_alignment(src, tgt, fixed):
    from compare.align.aligner import align_documents

    return align_documents(src, tgt, fixed=fixed)


# ---------------------------------------------------------------- actions on one row

def merge_with_previous(links: Sequence[Link], confirmed: Sequence[Link], index: int) -> list[Link]:
    if index < 1:
        raise InputError(f"link {index}: the first row has no previous row to merge with")
    return merge_with_next(links, confirmed, index - 1)


def split_points(link: Link) -> list[tuple[int, int]]:
    """Every (src_at, tgt_at) that splits the link into two non-empty links, the most natural
    first: as even as the two sides allow (a 2-1 link: its first source sentence with the
    target sentence, the second alone)."""
    points = [(i, j) for i in range(len(link.src) + 1) for j in range(len(link.tgt) + 1)
              if (i or j) and (len(link.src) - i or len(link.tgt) - j)]

    def unevenness(point: tuple[int, int]) -> tuple:
        i, j = point
        halves = [i / len(link.src) if link.src else 0.5, j / len(link.tgt) if link.tgt else 0.5]
        return (abs(halves[0] - halves[1]), abs(halves[0] - 0.5), -i, -j)

    return sorted(points, key=unevenness)


def pair_moved(links: Sequence[Link], confirmed: Sequence[Link], index: int,
               other: Sequence[int]) -> list[Link]:
    """Pair a sentence one version has alone (an omission or an addition) with its counterpart
    that stands elsewhere in the other version: a confirmed link of role "moved", the one kind
    allowed to cross the others (compare/align/moves.py)."""
    link = _link_at(links, index)
    if link.src and link.tgt:
        raise InputError(f"link {index}: only a sentence that stands alone can be paired as moved")
    if not other:
        raise InputError(f"link {index}: choose the sentence it was moved to")
    src, tgt = (link.src, tuple(other)) if link.src else (tuple(other), link.tgt)
    return _replace(confirmed, [_confirmed(src, tgt, role="moved")])


def _ids(lang: str, side: Sequence[int]) -> str:
    return f"{lang}:{','.join(map(str, side))}"


def describe_change(pair: Sequence[str], before: Sequence[Link], after: Sequence[Link],
                    names: dict[str, str] | None = None, limit: int = 4) -> list[str]:
    """What a correction did to one pair, in a few short phrases: the links that are new
    ("en:7,8 ↔ ru:7 now pair", "en:8 now stands alone: only in the English") and those whose
    confirmation changed. Empty when the two alignments are the same."""
    names = names or {}
    src_name, tgt_name = (names.get(lang, lang) for lang in pair)
    old = {(l.src, l.tgt): l for l in before}
    said: list[str] = []
    for link in after:
        was = old.get((link.src, link.tgt))
        if was is None:
            if not link.tgt:
                said.append(f"{_ids(pair[0], link.src)} now stands alone: only in the {src_name}")
            elif not link.src:
                said.append(f"{_ids(pair[1], link.tgt)} now stands alone: only in the {tgt_name}")
            else:
                said.append(f"{name_link(pair, link)} now pair" + (
                    " (a moved passage)" if link.role == "moved" else "") + (
                    ", confirmed" if link.status == "confirmed" else ""))
        elif was.status != link.status:
            said.append(f"{name_link(pair, link)} " + (
                "confirmed" if link.status == "confirmed" else "no longer confirmed"))
    if len(said) > limit:
        said = said[:limit] + [f"{len(said) - limit} more links changed"]
    return said
