"""Three versions of a story: align every pair, lay the links out as side-by-side rows, and
report where the three alignments do not close into a triangle.

Rows: the segments of all versions are nodes, the pairwise links edges; a row is a connected
group. Groups that would cross (one before the other in one version and after it in another)
or overlap are merged, so rows stay in reading order in every version and every segment is
in exactly one row.

Disagreements: for a segment x of version A, its counterparts in C reached through B should be
its direct counterparts in C. Where they are not, one of the three pairwise alignments is wrong
(or a version merged, split or dropped sentences differently); the row is reported with what
each path says.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from typing import Mapping, Sequence

from compare.align.aligner import AlignSettings, align_documents
from compare.model import (LANG_NAMES, LANGS, STRUCTURE_KINDS, Alignment, Disagreement, Document, Link, Row,
                           Story)

Node = tuple[str, int]


def story_pairs(langs: Sequence[str]) -> list[tuple[str, str]]:
    """("en","ru"), ("en","be"), ("ru","be") among the versions present."""
    order = [lang for lang in LANGS if lang in langs]
    return [(a, b) for x, a in enumerate(order) for b in order[x + 1:]]


def align_story(
    story: Story,
    *,
    mt: Mapping[tuple[str, str], Sequence[str | None]] | None = None,
    fixed: Mapping[tuple[str, str], Sequence[Link]] | None = None,
    settings: AlignSettings = AlignSettings(),
    mt_reverse: Mapping[tuple[str, str], Sequence[str | None]] | None = None,
    mt_labels: Mapping[tuple[str, str], str] | None = None,
) -> tuple[dict[tuple[str, str], Alignment], tuple[Row, ...], tuple[Disagreement, ...]]:
    """Align every pair of versions (story_pairs: ("en","ru"), ("en","be"), ("ru","be")), lay
    the links out as rows and find where the three disagree. All mappings are keyed by the pair
    (src, tgt) as story_pairs gives it: `mt[(src, tgt)]` translates src's segments into tgt's
    language, `mt_reverse[(src, tgt)]` tgt's segments into src's language, line for line (a
    missing line, None or empty, is no evidence); `mt_labels[(src, tgt)]` names the MT in the
    signature; `fixed[(src, tgt)]` are the links the user confirmed."""
    alignments: dict[tuple[str, str], Alignment] = {}
    for src, tgt in story_pairs(story.langs):
        alignments[(src, tgt)] = align_documents(
            story.documents[src],
            story.documents[tgt],
            mt=(mt or {}).get((src, tgt)),
            mt_reverse=(mt_reverse or {}).get((src, tgt)),
            mt_label=(mt_labels or {}).get((src, tgt), "file"),
            fixed=(fixed or {}).get((src, tgt), ()),
            settings=settings,
        )
    sizes = {lang: len(story.documents[lang].segments) for lang in story.langs}
    rows = build_rows(alignments, sizes)
    disagreements = find_disagreements(alignments, rows) if len(sizes) == 3 else ()
    return alignments, rows, disagreements


# --------------------------------------------------------------------------- rows


def row_kind(row: Row, documents: Mapping[str, Document],
             alignments: Mapping[tuple[str, str], Alignment] | None = None) -> str:
    """What a side-by-side row is: "moved" (with `alignments`: a row holding a moved link, whose
    counterpart stands elsewhere in the other version), "summary" (a row holding a summary
    link: one sentence that sums up lines of the other version that do not stand together), "meta" (page furniture only), "title"
    (headlines only), or its shape, the segment count per version in en, ru, be order ("1-1-1",
    "2-1-1", "0-1-1")."""
    if alignments is not None and moved_in_row(row, alignments):
        return "moved"
    if alignments is not None and summaries_in_row(row, alignments):
        return "summary"
    kinds = {documents[lang].segments[i].kind for lang, ids in row.segments.items() for i in ids}
    if kinds and kinds <= STRUCTURE_KINDS:
        return "meta"
    if kinds == {"title"}:
        return "title"
    return "-".join(str(len(row.segments.get(lang, ()))) for lang in LANGS if lang in documents)


def moved_in_row(row: Row, alignments: Mapping[tuple[str, str], Alignment]) -> dict[str, tuple[int, ...]]:
    """The versions in which this row's segments stand out of reading order (a moved link):
    lang -> its segment ids there. Empty for an ordinary row."""
    out: dict[str, tuple[int, ...]] = {}
    for pair, indices in row.links.items():
        for index in indices:
            link = alignments[pair].links[index]
            if link.role == "moved":
                out[pair[1]] = tuple(sorted(set(out.get(pair[1], ())) | set(link.tgt)))
    return out


def summaries_in_row(row: Row, alignments: Mapping[tuple[str, str], Alignment]) -> list[dict[str, tuple[int, ...]]]:
    """The summary links of this row, each as lang -> its ids (the sentence and its sources)."""
    out = []
    for pair, indices in row.links.items():
        for index in indices:
            link = alignments[pair].links[index]
            if link.role == "summary":
                out.append({pair[0]: tuple(link.src), pair[1]: tuple(link.tgt)})
    return out


class _Groups:
    """Union-find over segments."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, node: Node) -> Node:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: Node, b: Node) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


def build_rows(alignments: Mapping[tuple[str, str], Alignment], sizes: Mapping[str, int]) -> tuple[Row, ...]:
    groups = _Groups()
    for lang, size in sizes.items():
        for index in range(size):
            groups.find((lang, index))
    for alignment in alignments.values():
        for link in alignment.links:
            nodes = [(alignment.src_lang, i) for i in link.src] + [(alignment.tgt_lang, j) for j in link.tgt]
            for node in nodes[1:]:
                groups.union(nodes[0], node)
    # A moved link (the only link out of order) ties its segments into one row, but that row
    # is not merged with the rows it crosses: it stands where its first version (en, else ru)
    # has it, and the row says where its counterpart stands (row_kind, moved_in_row).
    moved = [(alignment.src_lang, link.src[0]) for alignment in alignments.values()
             for link in alignment.links if link.role == "moved" and link.src]

    def exempt(root: Node) -> bool:
        return any(groups.find(node) == root for node in moved)

    while _merge_overlaps(groups, sizes, exempt) | _merge_crossings(groups, sizes, exempt):
        pass
    members: dict[Node, list[Node]] = defaultdict(list)
    for lang, size in sizes.items():
        for index in range(size):
            members[groups.find((lang, index))].append((lang, index))
    moved_roots = {groups.find(node) for node in moved}
    ordered = _reading_order(members, sizes, moved_roots)
    row_of = {root: r for r, root in enumerate(ordered)}
    row_links: list[dict[tuple[str, str], list[int]]] = [defaultdict(list) for _ in ordered]
    for pair, alignment in alignments.items():
        for index, link in enumerate(alignment.links):
            first = (alignment.src_lang, link.src[0]) if link.src else (alignment.tgt_lang, link.tgt[0])
            row_links[row_of[groups.find(first)]][pair].append(index)
    rows = []
    for r, root in enumerate(ordered):
        segments = {lang: tuple(sorted(i for l, i in members[root] if l == lang)) for lang in sizes}
        rows.append(Row(segments=segments, links={pair: tuple(ix) for pair, ix in row_links[r].items()}))
    return tuple(rows)


def _spans(groups: _Groups, sizes: Mapping[str, int]) -> dict[Node, dict[str, list[int]]]:
    spans: dict[Node, dict[str, list[int]]] = defaultdict(dict)
    for lang, size in sizes.items():
        for index in range(size):
            root = groups.find((lang, index))
            span = spans[root].setdefault(lang, [index, index])
            span[0], span[1] = min(span[0], index), max(span[1], index)
    return spans


def _merge_overlaps(groups: _Groups, sizes: Mapping[str, int], exempt=lambda root: False) -> bool:
    """Merge groups whose segments interleave within one version (a row is a contiguous run)."""
    merged = False
    for lang, size in sizes.items():
        current_root, current_end = None, -1
        spans = _spans(groups, sizes)
        for index in range(size):
            root = groups.find((lang, index))
            if exempt(root):
                continue
            if current_root is not None and root != groups.find(current_root) and index <= current_end:
                merged |= groups.union(current_root, (lang, index))
                root = groups.find(current_root)
            end = spans[root][lang][1] if lang in spans[root] else index
            if current_root is None or groups.find(current_root) != root:
                current_root, current_end = (lang, index), end
            else:
                current_end = max(current_end, end)
    return merged


def _merge_crossings(groups: _Groups, sizes: Mapping[str, int], exempt=lambda root: False) -> bool:
    """Merge groups that come in one order in one version and the other order in another."""
    spans = {root: span for root, span in _spans(groups, sizes).items() if not exempt(root)}
    edges: dict[Node, set[Node]] = defaultdict(set)
    for lang in sizes:
        chain = sorted((span[lang][0], root) for root, span in spans.items() if lang in span)
        for (_, a), (_, b) in zip(chain, chain[1:]):
            edges[a].add(b)
    merged = False
    for component in _strongly_connected(list(spans), edges):
        for node in component[1:]:
            merged |= groups.union(component[0], node)
    return merged


def _strongly_connected(nodes: list[Node], edges: Mapping[Node, set[Node]]) -> list[list[Node]]:
    """Tarjan's algorithm, iterative; returns components with more than one node."""
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    out: list[list[Node]] = []
    counter = 0
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(edges.get(nxt, ())))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    out.append(component)
    return out


def _reading_order(members: Mapping[Node, list[Node]], sizes: Mapping[str, int],
                   moved: set[Node] = frozenset()) -> list[Node]:
    """Topological order of the groups (each version's order is a chain), ties by position. A
    moved group is placed by its first version only."""
    first: dict[Node, dict[str, int]] = {}
    for root, nodes in members.items():
        spans: dict[str, int] = {}
        for lang, i in nodes:
            spans[lang] = min(spans.get(lang, i), i)
        if root in moved:
            lead = min(spans, key=LANGS.index)
            spans = {lead: spans[lead]}
        first[root] = spans
    successors: dict[Node, set[Node]] = defaultdict(set)
    indegree: dict[Node, int] = {root: 0 for root in members}
    for lang in sizes:
        chain = sorted((spans[lang], root) for root, spans in first.items() if lang in spans)
        for (_, a), (_, b) in zip(chain, chain[1:]):
            if b not in successors[a]:
                successors[a].add(b)
                indegree[b] += 1

    def position(root: Node) -> tuple[float, int]:
        spans = first[root]
        return (min(spans[lang] / max(sizes[lang], 1) for lang in spans), LANGS.index(min(spans, key=LANGS.index)))

    heap = [(position(root), root) for root, degree in indegree.items() if degree == 0]
    heapq.heapify(heap)
    order = []
    while heap:
        _, root = heapq.heappop(heap)
        order.append(root)
        for nxt in successors[root]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                heapq.heappush(heap, (position(nxt), nxt))
    return order


# --------------------------------------------------------------------------- disagreements


def _partners(alignments: Mapping[tuple[str, str], Alignment]) -> dict[tuple[str, str], dict[int, frozenset[int]]]:
    """(A, B) -> segment of A -> its counterparts in B (both directions of every pair)."""
    table: dict[tuple[str, str], dict[int, frozenset[int]]] = {}
    for (src, tgt), alignment in alignments.items():
        forward: dict[int, frozenset[int]] = {}
        backward: dict[int, frozenset[int]] = {}
        for link in alignment.links:
            for i in link.src:
                forward[i] = frozenset(link.tgt)
            for j in link.tgt:
                backward[j] = frozenset(link.src)
        table[(src, tgt)] = forward
        table[(tgt, src)] = backward
    return table


def _describe(lang: str, ids: frozenset[int] | set[int]) -> str:
    if not ids:
        return f"nothing in {LANG_NAMES.get(lang, lang)}"
    return f"{lang} " + ",".join(str(i) for i in sorted(ids))


def _compatible(through: frozenset[int], direct: frozenset[int]) -> bool:
    """One path may see a merged group where the other sees a part of it (a 2-1 link on one
    side, two 1-1 links on the other): that is a difference of granularity, not a disagreement.
    A counterpart on one path and none on the other, or two different ones, is."""
    if not through or not direct:
        return not through and not direct
    return through <= direct or direct <= through


def find_disagreements(alignments: Mapping[tuple[str, str], Alignment], rows: Sequence[Row]) -> tuple[Disagreement, ...]:
    partners = _partners(alignments)
    langs = sorted({lang for pair in alignments for lang in pair}, key=LANGS.index)
    if len(langs) != 3:
        return ()
    problems: dict[int, list[str]] = defaultdict(list)
    involved: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    row_of = {(lang, i): r for r, row in enumerate(rows) for lang, ids in row.segments.items() for i in ids}
    for a in langs:
        for b in langs:
            for c in langs:
                if len({a, b, c}) < 3:
                    continue
                for x, via_b in partners[(a, b)].items():
                    through = frozenset(z for y in via_b for z in partners[(b, c)].get(y, ()))
                    direct = partners[(a, c)].get(x, frozenset())
                    if not via_b or _compatible(through, direct):
                        continue
                    r = row_of[(a, x)]
                    text = (
                        f"{a} {x} ↔ {_describe(b, via_b)} ↔ {_describe(c, through)}, "
                        f"but {a} {x} ↔ {_describe(c, direct)} directly"
                    )
                    if text not in problems[r]:
                        problems[r].append(text)
                    involved[r][a].add(x)
                    involved[r][b].update(via_b)
                    involved[r][c].update(through | direct)
    out = []
    for r in sorted(problems):
        ids = involved[r]
        out.append(
            Disagreement(
                en=tuple(sorted(ids.get("en", ()))),
                ru=tuple(sorted(ids.get("ru", ()))),
                be=tuple(sorted(ids.get("be", ()))),
                explanation="; ".join(problems[r][:3]) + (f" (+{len(problems[r]) - 3} more)" if len(problems[r]) > 3 else ""),
            )
        )
    return tuple(out)
