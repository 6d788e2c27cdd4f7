"""Sentence alignment of two or three versions of a story (en, ru, be), with no model downloads.

    from compare.align import align_documents, align_story, AlignSettings

costs.py     the cost model: length (Gale–Church, calibrated on the text) + similarity signals
signals.py   pluggable similarity signals: anchors, shared spelling, machine translation
search.py    the dynamic programme (exact, or banded for long inputs)
aligner.py   two documents -> Alignment (two passes, confirmed links kept)
threeway.py  three versions -> pairwise alignments, side-by-side rows, disagreements
"""
from compare.align.aligner import AlignSettings, align_documents

__all__ = ["AlignSettings", "align_documents", "align_story"]


def __getattr__(name: str):
    # three-way alignment on first use: aligning two files (the CLI's commonest call) needs none of it
    if name == "align_story":
        from compare.align.threeway import align_story

        return align_story
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
