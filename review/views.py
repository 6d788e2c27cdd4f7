"""The aligned view: header, overview, filters, the table, the numbers explained."""
from __future__ import annotations

import streamlit as st

from compare import render
from compare.model import LANG_NAMES, Comparison, Story
from review.common import LOW_STORY_CONFIDENCE, md_escape



def show_header(story: Story, comparison: Comparison) -> None:
    meta = story.meta
    st.subheader(md_escape(meta.title or story.id))  # plain text: no Markdown images
    facts = [f"{LANG_NAMES[lang]}: {len(story.documents[lang])} sentences" for lang in story.langs]
    if meta.date:
        facts.insert(0, md_escape(meta.date))
    original = render.original_lang(story)
    facts.append(f"original: {LANG_NAMES[original]}" + ("" if meta.original else " (assumed)"))
    st.caption(" · ".join(facts))
    if meta.notes:
        with st.expander("About this story"):
            st.text(meta.notes)
    aligner_notes = set()
    for pair, alignment in comparison.alignments.items():
        aligner_notes |= {f"{pair[0]}↔{pair[1]}: {w}" for w in alignment.warnings + alignment.notes}
        if alignment.notes:  # a partial translation, moved passages: what it is, not a warning
            st.info(f"{LANG_NAMES[pair[0]]} and {LANG_NAMES[pair[1]]}: " + "; ".join(alignment.notes) + ".")
        if alignment.warnings or (alignment.confidence < LOW_STORY_CONFIDENCE and not alignment.notes):
            said = " ".join(f"The aligner: {w}." for w in alignment.warnings)
            st.warning(f"{LANG_NAMES[pair[0]]} and {LANG_NAMES[pair[1]]} may not be versions of the "
                       f"same story: the alignment's overall confidence is {alignment.confidence:.2f} "
                       f"(a warning below {LOW_STORY_CONFIDENCE}). Check that the right files were "
                       f"given. {said}")
    for note in comparison.notes:
        if note not in aligner_notes:
            st.caption(note)


def show_overview(comparison: Comparison, views: list[render.RowView], shown: list[render.RowView]) -> None:
    """One line of jump links; the full list, the chart and the path in an expander, so that
    the table starts on the first screen."""
    counts = render.flag_counts(views)
    st.html(render.PAGE_CSS + render.summary_bar_html(views, [v.number for v in shown]))
    with st.expander(f"Overview — {sum(counts.values())} flags over {len(views)} rows, the rows "
                     "that differ most, the alignment path"):
        show_overview_details(comparison, views, shown, counts)


def show_overview_details(comparison: Comparison, views: list[render.RowView], shown: list[render.RowView],
                          counts: dict[str, int]) -> None:
    left, right = st.columns([3, 2])
    with left:
        st.markdown("**Look here first** — the rows that differ most (click to jump)")
        st.html(render.summary_html(views, [v.number for v in shown]))
    with right:
        st.markdown(f"**Flags per kind** ({sum(counts.values())} flags over {len(views)} rows)")
        if counts:
            chart_flags(counts)
        else:
            st.caption("No flags.")
    st.markdown("**Alignment path** — which sentence was paired with which")
    alignment_path_chart(comparison)


def chart_flags(counts: dict[str, int]) -> None:
    import altair as alt
    import pandas as pd

    frame = pd.DataFrame({"kind": [render.badge_label(k) for k in counts], "flags": list(counts.values())})
    chart = alt.Chart(frame).mark_bar(color="#4c78a8").encode(
        x=alt.X("flags:Q", title="flags", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("kind:N", title=None, sort=list(frame["kind"]),
                axis=alt.Axis(labelLimit=200, labelOverlap=False)),
        tooltip=["kind", "flags"])
    st.altair_chart(chart, width="stretch", height=max(100, 28 * len(counts) + 40))


def alignment_path_chart(comparison: Comparison) -> None:
    import altair as alt
    import pandas as pd

    pairs = list(comparison.alignments)
    pair = st.selectbox("Pair", pairs, key="path_pair",
                        format_func=lambda p: f"{LANG_NAMES[p[0]]} ↔ {LANG_NAMES[p[1]]}")
    src_name, tgt_name = LANG_NAMES[pair[0]], LANG_NAMES[pair[1]]
    points = []
    for number, link in enumerate(comparison.alignments[pair].links):
        kind = (f"only in the {src_name}" if not link.tgt else f"only in the {tgt_name}" if not link.src
                else "confirmed by you" if link.status == "confirmed"
                else "unsure" if link.confidence < render.LOW_LINK_CONFIDENCE else "paired")
        # A sentence one side lacks sits on its own axis at -1.
        for i in link.src or (-1,):
            for j in link.tgt or (-1,):
                points.append({"link": number, "type": link.type, "confidence": round(link.confidence, 2),
                               "x": i, "y": j, "kind": kind,
                               "sentences": f"{pair[0]}:{list(link.src)} ↔ {pair[1]}:{list(link.tgt)}"})
    frame = pd.DataFrame(points)
    kinds = ["paired", "unsure", "confirmed by you", f"only in the {src_name}", f"only in the {tgt_name}"]
    chart = alt.Chart(frame).mark_point(filled=True, size=70).encode(
        x=alt.X("x:Q", title=f"{src_name} sentence (−1 = none)"),
        y=alt.Y("y:Q", title=f"{tgt_name} sentence (−1 = none)"),
        color=alt.Color("kind:N", title=None, scale=alt.Scale(
            domain=kinds, range=["#4c78a8", "#f58518", "#1b7f3b", "#e45756", "#b279a2"])),
        tooltip=["sentences", "type", "confidence", "kind"])
    st.caption("Each dot pairs a sentence of one version with a sentence of the other. A straight "
               "diagonal means the versions follow each other; dots on the −1 lines are sentences "
               "the other version lacks.")
    st.altair_chart(chart, width="stretch", height=320)
    st.caption(f"Aligner settings: `{comparison.alignments[pair].signature_string()}`")


def show_rows(comparison: Comparison, views: list[render.RowView]) -> tuple[list[render.RowView], bool]:
    """The filters above the table; returns the rows they let through and the MT toggle."""
    kinds = sorted({kind for view in views for kind in view.kinds},
                   key=lambda k: list(render.BADGES).index(k) if k in render.BADGES else 99)
    columns = st.columns([1.5, 1.9, 1.2, 1.7, 1.4])
    only_flagged = columns[0].toggle("Only flagged rows", key="only_flagged")
    chosen_kinds = columns[1].multiselect("Kinds of flag", kinds, key="kinds", format_func=render.badge_label,
                                          placeholder="all kinds")
    min_severity = columns[2].selectbox(
        "Lowest severity", render.SEVERITY_ORDER, key="severity",
        help="low = routine wire style (e.g. «подчеркнул» → «said»); high = a changed number, date, "
             "a missing sentence, a strong shift")
    by_divergence = columns[3].toggle("Most divergent first", key="by_divergence")
    show_mt = columns[4].toggle("Show MT", key="show_mt", disabled=not comparison.translations,
                                help="Machine renderings under each cell (turn on MT in the sidebar)")
    return render.filter_rows(views, only_flagged=only_flagged, kinds=chosen_kinds,
                              min_severity=min_severity, sort_by_divergence=by_divergence), show_mt


def show_table(comparison: Comparison, views: list[render.RowView], shown: list[render.RowView],
               show_mt: bool) -> None:
    story = comparison.story
    kinds = {kind for view in views for kind in view.kinds}
    st.html(render.PAGE_CSS + render.legend_html(kinds).replace(
        '<div class="legend">', f'<div class="legend">Showing {len(shown)} of {len(views)} rows · ', 1))
    st.html(render.rows_table_html(shown, story.langs, render.original_lang(story), show_mt=show_mt))


def show_numbers_explained(comparison: Comparison) -> None:
    from compare.analyze.summary import DIVERGENCE_SIGNATURE

    with st.expander("How the numbers are computed"):
        st.markdown(f"- **Divergence** (sorting, *Look here first*): `{DIVERGENCE_SIGNATURE}`; a row "
                    "takes its most divergent link.")
        st.markdown(f"- **Aligner unsure**: the row's weakest link has confidence below "
                    f"{render.LOW_LINK_CONFIDENCE}.")
        for pair, alignment in comparison.alignments.items():
            st.markdown(f"- **Alignment {pair[0]}↔{pair[1]}** (overall confidence "
                        f"{alignment.confidence:.2f}): `{alignment.signature_string()}`")
        try:
            from compare.analyze.force import signature_string

            st.markdown(f"- **▲ sharpened / ▼ softened** (force lexicon): `{signature_string()}`")
        except ImportError:
            pass
        signatures = {name: sig for analyses in comparison.analyses.values() for a in analyses
                      for name, sig in a.signatures.items()}
        for name, signature in sorted(signatures.items()):
            st.markdown(f"- **{name}**: `{signature}`")


