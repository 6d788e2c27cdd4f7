"""Several originals of one language (ru.txt, ru-2.txt …, read as one document with
`Document.parts`): how much of each the other version uses, and which lines it leaves unused.

A compiled English story draws on several originals and leaves most of each unused: those lines
are "not used", not omissions — no omission flag is raised for them (compare/analyze/story.py)."""
from __future__ import annotations

from compare.model import Alignment, Document, Link


def unused_original(link: Link, alignment: Alignment, documents) -> bool:
    """A null link on the side of a document of several originals: a line the other version
    does not use."""
    if not link.is_null:
        return False
    lang = alignment.src_lang if link.src else alignment.tgt_lang
    return bool(documents[lang].parts)


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
