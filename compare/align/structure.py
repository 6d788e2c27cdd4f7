"""Story structure around the alignment: page furniture and headlines are not aligned as text.

    align_with_structure(src, tgt, align_content, ...) -> Alignment

A real page carries lines that are not story text — a publication timestamp, a byline, photo
credits, a source line, the end mark (segments of kind "meta"), a dateline alone on its line
("dateline") — and a headline that the English desk often writes on its own ("title"). Aligned
as text they pull the first links off the story: the timestamp linked to the headline, the
headline to the standfirst. So:

* only body segments go to the aligner (`align_content`, the plain aligner), as a document of
  their own; the length model, calibrations and confidence never see page furniture;
* furniture becomes links of role "meta": a timestamp or credit paired with the other version's
  line of the same sort where both stand in the same place (above the story, or below it),
  every other one alone — never inside a content link;
* the two headlines are one link of role "title" when the aligner, given them in front of the
  body, links them with each other and with confidence; otherwise each stands alone (role
  "title"), unlinked from the body and from each other, and nothing is flagged between them.

Ids stay positions in the full documents, so exports, the store and the app see every segment.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

from compare.model import STRUCTURE_KINDS, Alignment, Document, InputError, Link

AlignContent = Callable[..., Alignment]  # (src, tgt, mt=, mt_reverse=, fixed=) -> Alignment

# A headline link must be at least this sure, judged by the aligner's own link confidence with
# the headlines placed before the body, and carry this much evidence of its own (anchors, shared
# spelling, MT or dictionary matches: the link's "evidence" signal). Length alone links any two
# headlines that open two pages: on real en–ru pages without MT, translated and independent
# headlines scored alike (evidence 0.02–0.09), so without evidence they stay apart — an
# independent headline flagged as a bad translation costs an editor more than a headline pair
# left for them to read side by side.
TITLE_MIN_CONFIDENCE = 0.5
TITLE_MIN_EVIDENCE = 0.3


def has_structure(document: Document) -> bool:
    return any(s.kind != "body" for s in document.segments)


def _view(document: Document, keep: Callable[[str], bool]) -> tuple[Document, list[int]]:
    """The segments whose kind `keep` accepts, renumbered, and the map back to full ids."""
    ids = [s.index for s in document.segments if keep(s.kind)]
    segments = tuple(replace(document.segments[i], index=k) for k, i in enumerate(ids))
    return replace(document, segments=segments), ids


def _lines(lines: Sequence[str | None] | None, ids: list[int]) -> list[str | None] | None:
    return None if lines is None else [lines[i] for i in ids]


def _to_view(links: Sequence[Link], src_ids: list[int], tgt_ids: list[int]) -> list[Link]:
    """Confirmed links in the view's ids; a link that touches page furniture is refused."""
    src_pos = {i: k for k, i in enumerate(src_ids)}
    tgt_pos = {j: k for k, j in enumerate(tgt_ids)}
    out = []
    for link in links:
        if any(i not in src_pos for i in link.src) or any(j not in tgt_pos for j in link.tgt):
            raise InputError(
                f"confirmed link {list(link.src)}->{list(link.tgt)}: it includes a meta line, a "
                "dateline or a headline, which are not aligned as story text")
        out.append(replace(link, src=tuple(src_pos[i] for i in link.src),
                           tgt=tuple(tgt_pos[j] for j in link.tgt)))
    return out


def _from_view(links: Sequence[Link], src_ids: list[int], tgt_ids: list[int]) -> list[Link]:
    return [piece for l in links
            for piece in contiguous_pieces(replace(l, src=tuple(src_ids[i] for i in l.src),
                                                   tgt=tuple(tgt_ids[j] for j in l.tgt)))]


def contiguous_pieces(link: Link) -> list[Link]:
    """A link aligned on a view of a document (body only; without moved lines) whose ids, mapped
    back, have a gap (it spans a headline in the middle — a second original's — or a moved line)
    keeps its longest run of ids on that side; the other ids become omissions/additions."""
    def runs(ids):
        out = []
        for i in ids:
            if out and i == out[-1][-1] + 1:
                out[-1].append(i)
            else:
                out.append([i])
        return out
    if link.role == "summary":
        return [link]  # its sources stand apart by nature
    src_runs, tgt_runs = runs(link.src), runs(link.tgt)
    if len(src_runs) <= 1 and len(tgt_runs) <= 1:
        return [link]
    keep_src = max(src_runs, key=len) if src_runs else []
    keep_tgt = max(tgt_runs, key=len) if tgt_runs else []
    out = [replace(link, src=tuple(keep_src), tgt=tuple(keep_tgt))]
    out += [Link((i,), (), 0.5, {}) for i in link.src if i not in keep_src]
    out += [Link((), (j,), 0.5, {}) for j in link.tgt if j not in keep_tgt]
    return out



def align_with_structure(src: Document, tgt: Document, align_content: AlignContent, *,
                         mt: Sequence[str | None] | None = None,
                         mt_reverse: Sequence[str | None] | None = None,
                         fixed: Sequence[Link] = ()) -> Alignment:
    def run(keep: Callable[[str], bool]) -> tuple[Alignment, list[int], list[int]]:
        src_view, src_ids = _view(src, keep)
        tgt_view, tgt_ids = _view(tgt, keep)
        if not src_ids or not tgt_ids:
            return Alignment(src.lang, tgt.lang, (), {}, 0.0, ()), src_ids, tgt_ids
        kept = [l for l in fixed if all(i in src_ids for i in l.src) and all(j in tgt_ids for j in l.tgt)
                or not _only_titles(l)]
        shift_fixed = _to_view(kept, src_ids, tgt_ids)
        alignment = align_content(src_view, tgt_view, mt=_lines(mt, src_ids),
                                  mt_reverse=_lines(mt_reverse, tgt_ids), fixed=shift_fixed)
        return alignment, src_ids, tgt_ids

    src_titles = [s.index for s in src.segments if s.kind == "title"]
    tgt_titles = [s.index for s in tgt.segments if s.kind == "title"]

    def _only_titles(link: Link) -> bool:
        return bool(link.src or link.tgt) and set(link.src) <= set(src_titles) and set(link.tgt) <= set(tgt_titles)

    # a headline the user linked (with the other headline, or merged into the lead) is aligned
    confirmed_title = any(set(l.src) & set(src_titles) or set(l.tgt) & set(tgt_titles) for l in fixed)
    title_note = "no headline pair"
    core = None
    if src_titles and tgt_titles and any(s.kind == "body" for s in src.segments) \
            and any(s.kind == "body" for s in tgt.segments):
        with_titles, src_ids, tgt_ids = run(lambda kind: kind in ("title", "body"))
        first = next((l for l in _from_view(with_titles.links, src_ids, tgt_ids)
                      if set(l.src) & set(src_titles) or set(l.tgt) & set(tgt_titles)), None)
        if confirmed_title:
            core = (with_titles, src_ids, tgt_ids)
            title_note = "headlines linked (confirmed)"
        elif first is not None and list(first.src) == src_titles[:1] and list(first.tgt) == tgt_titles[:1] \
                and first.confidence >= TITLE_MIN_CONFIDENCE \
                and first.signals.get("evidence", 0.0) >= TITLE_MIN_EVIDENCE:
            core = (with_titles, src_ids, tgt_ids)
            title_note = f"headlines linked (confidence {first.confidence:.2f})"
        else:
            title_note = "headlines written apart: not linked" + (
                f" (as a pair: confidence {first.confidence:.2f}, evidence {first.signals.get('evidence', 0.0):.2f})"
                if first is not None and first.src and first.tgt else "")
    if core is None:
        core = run(lambda kind: kind == "body")
    alignment, src_ids, tgt_ids = core
    content = _from_view(alignment.links, src_ids, tgt_ids)
    content = [replace(l, role="title") if set(l.src) <= set(src_titles) and set(l.tgt) <= set(tgt_titles)
               and (l.src or l.tgt) and (set(l.src) & set(src_titles) or set(l.tgt) & set(tgt_titles)) else l
               for l in content]
    placed = {i for l in content for i in l.src}, {j for l in content for j in l.tgt}
    structure = _structure_links(src, tgt, placed)
    links = _interleave(content, structure)
    meta_count = sum(1 for s in src.segments if s.kind in STRUCTURE_KINDS) + sum(
        1 for s in tgt.segments if s.kind in STRUCTURE_KINDS)
    signature = {**alignment.signature,
                 "structure": f"{meta_count} meta/dateline lines kept out of the alignment; {title_note}"}
    return replace(alignment, links=tuple(links), signature=signature)


def _zone(document: Document, index: int) -> str:
    """Where a furniture line stands: "head" above the story text, "tail" below it, else "body"."""
    body = [s.index for s in document.segments if s.kind == "body"]
    if not body or index < body[0]:
        return "head"
    if index > body[-1]:
        return "tail"
    return "body"


def _structure_links(src: Document, tgt: Document, placed: tuple[set[int], set[int]]) -> list[Link]:
    """Links for every segment the content alignment did not place: furniture paired by sort
    above and below the story (in order), everything else alone."""
    src_left = [s for s in src.segments if s.index not in placed[0]]
    tgt_left = [s for s in tgt.segments if s.index not in placed[1]]
    links: list[Link] = []
    paired_tgt: set[int] = set()
    for s in src_left:
        partner = None
        if s.kind in STRUCTURE_KINDS and _zone(src, s.index) != "body":
            partner = next((t for t in tgt_left if t.index not in paired_tgt and t.kind == s.kind
                            and t.sort == s.sort and _zone(tgt, t.index) == _zone(src, s.index)), None)
        role = "title" if s.kind == "title" else "meta"
        if partner is not None:
            paired_tgt.add(partner.index)
            links.append(Link((s.index,), (partner.index,), 1.0, {"structure": 1.0}, role=role))
        else:
            links.append(Link((s.index,), (), 1.0, {"structure": 1.0}, role=role))
    for t in tgt_left:
        if t.index not in paired_tgt:
            links.append(Link((), (t.index,), 1.0, {"structure": 1.0},
                              role="title" if t.kind == "title" else "meta"))
    return links


def _interleave(content: list[Link], structure: list[Link]) -> list[Link]:
    """Structure links placed in reading order among the content links."""
    pending = sorted(structure, key=lambda l: (l.src[0] if l.src else -1, l.tgt[0] if l.tgt else -1))
    src_side = sorted((l for l in pending if l.src), key=lambda l: l.src[0])
    tgt_only = sorted((l for l in pending if not l.src), key=lambda l: l.tgt[0])
    out: list[Link] = []
    for link in content:
        while src_side and link.src and src_side[0].src[0] < link.src[0]:
            out.append(src_side.pop(0))
        while tgt_only and link.tgt and tgt_only[0].tgt[0] < link.tgt[0]:
            out.append(tgt_only.pop(0))
        out.append(link)
    return out + src_side + tgt_only
