"""Several originals of one language (ru.txt, ru-2.txt …, read as one document with
`Document.parts`): how much of each the other version uses, and which lines it leaves unused.

A compiled English story draws on several originals and leaves most of each unused: those lines
are "not used", not omissions — no omission flag is raised for them (compare/analyze/story.py)."""
from __future__ import annotations

from pathlib import Path

from compare.model import Alignment, Document, Link


def unused_original(link: Link, alignment: Alignment, documents) -> bool:
    """A null link on the side of a document of several originals: a line the other version
    does not use."""
    if not link.is_null:
        return False
    lang = alignment.src_lang if link.src else alignment.tgt_lang
    return documents[lang].several


def part_usage(document: Document, alignment: Alignment) -> list[tuple[str, str, float]]:
    """(key, file, share of its segments linked) for each original of `document` in `alignment`."""
    side = "src" if alignment.src_lang == document.lang else "tgt"
    linked = {i for l in alignment.links if not l.is_null for i in getattr(l, side)}
    out = []
    for part in document.parts:
        size = max(part.stop - part.start, 1)
        out.append((part.key, part.source, sum(1 for i in range(part.start, part.stop) if i in linked) / size))
    return out


def describe_usage(document: Document, alignment: Alignment) -> str:
    """"sources: ru.txt 70% used, ru-2.txt 30% used" (of each original's segments)."""
    from pathlib import Path

    return "sources: " + ", ".join(f"{Path(source).name or key} {share:.0%} used"
                                    for key, source, share in part_usage(document, alignment))


def _body(document: Document, ids) -> list[int]:
    return [i for i in ids if i < len(document.segments) and document.segments[i].kind == "body"]


def source_shares(document: Document, other: Document, alignment: Alignment) -> list[tuple[str, float]]:
    """(file, share) for each original of `document`: of the `other` version's story sentences
    that have a counterpart, the share whose counterpart is in that original."""
    side, other_side = ("src", "tgt") if alignment.src_lang == document.lang else ("tgt", "src")
    counts = {part.key: 0.0 for part in document.parts}
    total = 0
    for link in alignment.links:
        mine, theirs = getattr(link, side), _body(other, getattr(link, other_side))
        if not mine or not theirs or link.role in ("meta", "title"):
            continue
        keys = [document.part_of(i)[0] for i in mine]
        total += len(theirs)
        for key in keys:  # a link into two originals counts half to each
            counts[key] = counts.get(key, 0.0) + len(theirs) / len(keys)
    return [(part.label, counts[part.key] / total if total else 0.0) for part in document.parts]


def unrelated(alignment: Alignment) -> bool:
    """The aligner warned that the texts may not be translations of each other."""
    return any(w.startswith("low overall confidence") for w in alignment.warnings)


def describe_alignment(alignment: Alignment, documents) -> str:
    """What the pair is, in one line, when it is not a plain sentence-for-sentence translation:
    "the English covers 40% of the Russian; 2 passages moved; 1 sentence sums up several;
    sources: ru.txt 70%, ru-2.txt 30%" ("" for a plain translation). Shares of story sentences
    (headlines and page furniture aside); every figure computed from the links."""
    from compare.model import LANG_NAMES

    if unrelated(alignment):
        return ""  # its warning says what it is: shares of links that are guesses say nothing
    src, tgt = documents[alignment.src_lang], documents[alignment.tgt_lang]
    names = {d.lang: LANG_NAMES.get(d.lang, d.lang) for d in (src, tgt)}
    content = [l for l in alignment.links if l.role not in ("meta", "title")]
    linked_src = {i for l in content if l.src and l.tgt for i in _body(src, l.src)}
    linked_tgt = {j for l in content if l.src and l.tgt for j in _body(tgt, l.tgt)}
    body_src = len(_body(src, range(len(src.segments))))
    body_tgt = len(_body(tgt, range(len(tgt.segments))))
    cover_src = len(linked_src) / body_src if body_src else 1.0  # of src with a counterpart
    cover_tgt = len(linked_tgt) / body_tgt if body_tgt else 1.0
    parts = []
    # the English (or the alignment's source) is what is described as covering the other
    first, second, cover_second, cover_first = (src, tgt, cover_tgt, cover_src) if src.lang == "en" or tgt.lang != "en" \
        else (tgt, src, cover_src, cover_tgt)
    if cover_second < 0.95:
        parts.append(f"the {names[first.lang]} covers {cover_second:.0%} of the {names[second.lang]}")
    if cover_first < 0.95:
        parts.append(f"{cover_first:.0%} of the {names[first.lang]} has a counterpart in the {names[second.lang]}")
    moved = sorted((l for l in alignment.links if l.role == "moved"), key=lambda l: l.src[0])
    groups = 0
    for k, link in enumerate(moved):
        if k == 0 or link.src[0] != moved[k - 1].src[-1] + 1 or link.tgt[0] != moved[k - 1].tgt[-1] + 1:
            groups += 1
    if groups:
        parts.append(f"{groups} passage{'s' if groups != 1 else ''} moved")
    summaries = sum(1 for l in alignment.links if l.role == "summary")
    if summaries:
        parts.append(f"{summaries} sentence{'s' if summaries != 1 else ''} sum{'' if summaries != 1 else 's'} up several")
    for document, other in ((src, tgt), (tgt, src)):
        if document.several:
            parts.append("sources: " + ", ".join(f"{label} {share:.0%}"
                                                 for label, share in source_shares(document, other, alignment)))
    return "; ".join(parts)


# Two originals of one language that say the same (a reprint with its own furniture, the same
# press release on two sites, or a "second original" that is a translation of the English):
# one aligned against the other covers most of it with confidence. Two stories of one event on
# two days share a background paragraph or two, far below this.
DOUBLED_MIN_SHARE = 0.6
DOUBLED_MIN_CONFIDENCE = 0.5


def doubled_originals(document: Document) -> list[str]:
    """One line for each original of `document` that says what an earlier one says (empty
    when the originals are different texts)."""
    from dataclasses import replace as _replace

    from compare.align.aligner import AlignSettings, align_documents

    if not document.several:
        return []
    settings = AlignSettings(find_moves=False, find_summaries=False)

    def view(part):
        segments = tuple(_replace(s, index=k) for k, s in enumerate(document.segments[part.start:part.stop]))
        return _replace(document, segments=segments, parts=(), source=part.source)

    out = []
    for b, later in enumerate(document.parts):
        for earlier in document.parts[:b]:
            second, first = view(later), view(earlier)
            if not len(second) or not len(first):
                continue
            alignment = align_documents(second, first, settings=settings)
            body = _body(second, range(len(second.segments)))
            linked = {i for l in alignment.links if l.src and l.tgt and l.role not in ("meta", "title")
                      for i in _body(second, l.src)}
            share = len(linked) / len(body) if body else 0.0
            if share >= DOUBLED_MIN_SHARE and alignment.confidence >= DOUBLED_MIN_CONFIDENCE:
                out.append(f"{later.label} says what {earlier.label} says ({len(linked)} of {len(body)} of its "
                           f"sentences have a counterpart there, confidence {alignment.confidence:.2f}): the same "
                           "text twice — a second copy, or a translation of the English rather than a second "
                           "original; which of the two each sentence links to is a guess")
                break
    return out


def paragraph_sources(english: Document, original: Document, alignment: Alignment) -> list[tuple[int, list[tuple[str, int]]]]:
    """Where each paragraph of `english` came from: (paragraph number from 1, [(file, sentences
    linked into it)]), for the paragraphs with story sentences; an empty list for a paragraph
    with no counterpart in any original."""
    side, other = ("src", "tgt") if alignment.src_lang == english.lang else ("tgt", "src")
    sources: dict[int, set[int]] = {}
    for link in alignment.links:
        if link.role in ("meta", "title"):
            continue
        for i in _body(english, getattr(link, side)):
            sources.setdefault(i, set()).update(getattr(link, other))
    labels = {part.key: part.label for part in original.parts} or {original.lang: Path(original.source).name or original.lang}
    out: dict[int, dict[str, int]] = {}
    for segment in english.segments:
        if segment.kind != "body":
            continue
        counts = out.setdefault(segment.paragraph, {})
        for key in {original.part_of(j)[0] for j in sources.get(segment.index, ())}:
            counts[key] = counts.get(key, 0) + 1
    numbered = {p: k + 1 for k, p in enumerate(sorted(out))}
    return [(numbered[p], [(labels.get(key, key), count) for key, count in counts.items()])
            for p, counts in sorted(out.items())]


def unused_runs(original: Document, alignment: Alignment) -> list[tuple[str, int, int]]:
    """(file, first, last) sentence numbers (from 1, within the file) of each run of story
    sentences of `original` that the other version does not use."""
    side = "src" if alignment.src_lang == original.lang else "tgt"
    used = {i for l in alignment.links if l.src and l.tgt for i in getattr(l, side)}
    parts = original.parts or ()
    out: list[tuple[str, int, int]] = []
    spans = [(p.label, p.start, p.stop) for p in parts] or [(Path(original.source).name or original.lang, 0, len(original.segments))]
    for label, start, stop in spans:
        run = None
        for i in range(start, stop):
            free = original.segments[i].kind == "body" and i not in used
            if free and run is None:
                run = i
            if not free and run is not None:
                out.append((label, run - start + 1, i - start))
                run = None
        if run is not None:
            out.append((label, run - start + 1, stop - start))
    return out
