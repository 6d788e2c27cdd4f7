"""Where a compiled English story came from: its originals (file, URL, date, title, how much of
the English each gives and how much of each is used), each English paragraph's sources, and the
stretches of the originals the English does not use (listed, not flagged). Only renders: the
figures come from compare/align/parts.py."""
from __future__ import annotations

import streamlit as st

from compare.align.parts import describe_alignment, paragraph_sources, part_usage, source_shares, unused_runs
from compare.model import LANG_NAMES, Comparison


def show_sources(comparison: Comparison) -> None:
    """An expander per version with several originals (or with a [[sources]] entry)."""
    story = comparison.story
    for (src, tgt), alignment in comparison.alignments.items():
        if "en" not in (src, tgt):
            continue
        other = tgt if src == "en" else src
        english, original = story.documents["en"], story.documents[other]
        if not original.parts:
            continue
        title = (f"Sources — the English draws on {len(original.parts)} {LANG_NAMES[other]} originals"
                 if original.several else f"Source of the {LANG_NAMES[other]} version")
        with st.expander(title, expanded=original.several):
            described = describe_alignment(alignment, story.documents)
            if described:
                st.text(described)
            shares = dict(source_shares(original, english, alignment)) if original.several else {}
            used = {key: share for key, _, share in part_usage(original, alignment)}
            st.dataframe([{"file": part.label, "title": part.title, "date": part.date, "URL": part.url,
                           "share of the English": f"{shares[part.label]:.0%}" if part.label in shares else "",
                           "used of this file": f"{used.get(part.key, 0.0):.0%}"}
                          for part in original.parts], hide_index=True)
            if original.several:
                st.markdown("**Where each English paragraph came from**")
                st.dataframe([{"English paragraph": number,
                               "from": ", ".join(f"{label} ({count} sentence{'s' if count != 1 else ''})"
                                                 for label, count in found) or "no original"}
                              for number, found in paragraph_sources(english, original, alignment)],
                             hide_index=True)
                runs = unused_runs(original, alignment)
                if runs:
                    st.markdown("**Not used by the English** (listed, not flagged as omissions)")
                    st.dataframe([{"file": label, "sentences": f"{first}–{last}" if last > first else str(first)}
                                  for label, first, last in runs], hide_index=True)
