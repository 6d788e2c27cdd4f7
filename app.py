"""Review a wire story side by side: English | Russian | Belarusian, with the places where the
English is softer or sharper, number/name/quote checks, corrections and exports.

Run: `bash scripts/app.sh` (README). This page only lays things out: reading, aligning,
analysing, correcting and exporting live in the `compare` package.
"""
from __future__ import annotations

import os
import traceback
from pathlib import Path

import streamlit as st

from compare import corrections, render
from compare.model import LANG_NAMES, LANGS, Comparison, InputError, Story
from compare.pipeline import PipelineOptions, compare_story
from compare.sources import READABLE_SUFFIXES, detect_language, load_story, read_text, story_from_texts
from compare.store import CorrectionStore

CORPORA = Path(__file__).resolve().parent / "corpora"
EXPORT_FORMATS = {  # label → (format, file suffix, mime)
    "TMX (all languages)": ("tmx", "tmx", "application/x-tmx+xml"),
    "XLSX": ("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "CSV": ("csv", "csv", "text/csv"),
    "JSONL": ("jsonl", "jsonl", "application/jsonl"),
    "XLIFF 2": ("xliff", "xlf", "application/xliff+xml"),
    "InterText": ("intertext", "xml", "application/xml"),
}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
CORRECTION_ACTIONS = ("confirm", "merge with next", "split", "move last target sentence to next",
                      "move first target sentence to previous", "unconfirm")

st.set_page_config(page_title="Wire translation review", page_icon="📰", layout="wide")


# ---------------------------------------------------------------- cached resources

@st.cache_resource
def correction_store() -> CorrectionStore:
    return CorrectionStore(os.environ.get("WIRE_COMPARE_STORE") or None)


@st.cache_data(show_spinner=False)
def bundled_stories() -> dict[str, str]:
    """story folder → title, for the picker."""
    import tomllib

    stories = {}
    for folder in sorted(p for p in CORPORA.iterdir() if p.is_dir()) if CORPORA.is_dir() else []:
        title = folder.name
        try:
            title = tomllib.loads((folder / "story.toml").read_text("utf-8")).get("title", title)
        except (OSError, ValueError):
            pass
        stories[str(folder)] = title
    return stories


@st.cache_resource(show_spinner=False)
def cached_story(folder: str) -> Story:
    return load_story(folder)


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_comparison(_story: Story, story_key: str, fixed_key: str, translate: bool,
                      engines_key: str, _fixed, _engines) -> Comparison:
    """One comparison per story text, confirmed links and MT settings (the keys); the leading
    underscore keeps Streamlit from hashing the objects themselves."""
    options = PipelineOptions(translate=translate, engines=_engines)
    return compare_story(_story, options, fixed=_fixed, progress=_progress)


def _progress(what: str, done: int, total: int) -> None:
    bar = st.session_state.get("_progress_bar")
    if bar is not None and total:
        bar.progress(min(1.0, done / total), text=f"Translating {what}: {done}/{total} segments")


# ---------------------------------------------------------------- input

def pick_story() -> Story | None:
    source = st.sidebar.radio("Story", ["Bundled sample", "Upload files", "Paste texts", "Folder"],
                              key="source", help="Where the versions come from")
    if source == "Bundled sample":
        stories = bundled_stories()
        if not stories:
            st.sidebar.error("No bundled stories found in corpora/.")
            return None
        folder = st.sidebar.selectbox("Sample story", list(stories), format_func=stories.get,
                                      key="bundled")
        return cached_story(folder)
    if source == "Folder":
        folder = st.sidebar.text_input("Story folder (en.txt, ru.txt, be.txt …)", key="folder")
        return load_story(folder.strip()) if folder.strip() else None
    if source == "Upload files":
        return uploaded_story()
    return pasted_story()


def uploaded_story() -> Story | None:
    files = st.sidebar.file_uploader(
        "2–3 versions (txt, md, html, docx)", accept_multiple_files=True, key="uploads",
        type=[suffix.lstrip(".") for suffix in sorted(READABLE_SUFFIXES)])
    if not files:
        st.info("Upload two or three versions of one story (English, Russian, Belarusian).")
        return None
    if len(files) > 3:
        raise InputError(f"{len(files)} files uploaded: a story has two or three versions")
    texts: dict[str, str] = {}
    for number, upload in enumerate(files):
        data = upload.getvalue()
        if len(data) > MAX_UPLOAD_BYTES:
            raise InputError(f"{upload.name}: {len(data) / 1e6:.1f} MB is larger than the "
                             f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB this tool reads")
        text = read_text(upload.name, data)
        detected, confidence = detect_language(text)
        default = LANGS.index(detected) if detected in LANGS else 0
        lang = st.sidebar.selectbox(
            f"Language of {upload.name}", LANGS, index=default, format_func=LANG_NAMES.get,
            key=f"lang-{number}-{upload.name}",
            help=f"identified as {detected or 'unknown'} (confidence {confidence:.2f})")
        if lang in texts:
            raise InputError(f"{upload.name}: two files are in {LANG_NAMES[lang]}; "
                             "a story needs one file per language")
        texts[lang] = text
    return story_from_texts(texts, story_id="upload", check_lang=False)


def pasted_story() -> Story | None:
    texts = {lang: st.sidebar.text_area(f"{LANG_NAMES[lang]} text", key=f"paste-{lang}", height=120)
             for lang in LANGS}
    if sum(1 for text in texts.values() if text.strip()) < 2:
        st.info("Paste at least two versions of one story.")
        return None
    return story_from_texts({lang: text for lang, text in texts.items() if text.strip()},
                            story_id="pasted")


# ---------------------------------------------------------------- MT settings

def mt_settings(story: Story) -> tuple[bool, dict[tuple[str, str], str]]:
    with st.sidebar.expander("Machine translation", expanded=False):
        translate = st.toggle("Translate every segment both ways", key="translate",
                              help="Uses local models only; directions without one are skipped.")
        engines: dict[tuple[str, str], str] = {}
        try:
            from compare.translate import direction_status

            statuses = direction_status()
        except Exception as error:  # MT layer missing or broken: the rest still works
            st.caption(f"MT unavailable: {error}")
            return False, engines
        for status in statuses:
            src, tgt = getattr(status, "src_lang", None), getattr(status, "tgt_lang", None)
            if src not in story.langs or tgt not in story.langs:
                continue
            ready = getattr(status, "ready", False)
            mark = "✅" if ready else "⛔"
            st.markdown(f"{mark} **{src}→{tgt}** · {getattr(status, 'engine', '')} "
                        f"`{getattr(status, 'model', '')}`")
            if not ready and getattr(status, "how_to_get", ""):
                st.caption(str(status.how_to_get))
        return translate, engines


# ---------------------------------------------------------------- views

def show_summary(comparison: Comparison, views: list[render.RowView]) -> None:
    story = comparison.story
    counts: dict[str, int] = {}
    for view in views:
        for _, flag in view.flags:
            counts[flag.kind] = counts.get(flag.kind, 0) + 1
    columns = st.columns(len(story.langs) + 2)
    for column, lang in zip(columns, story.langs):
        column.metric(LANG_NAMES[lang], f"{len(story.documents[lang])} sentences")
    columns[-2].metric("Rows", len(views))
    columns[-1].metric("Flags", sum(counts.values()))
    for pair, alignment in comparison.alignments.items():
        if alignment.confidence < 0.5:
            st.warning(f"{LANG_NAMES[pair[0]]} and {LANG_NAMES[pair[1]]} may not be translations of "
                       f"each other: overall alignment confidence {alignment.confidence:.2f}.")
    for note in comparison.notes:
        st.caption(note)
    if counts:
        chart_col, path_col = st.columns(2)
        with chart_col:
            st.markdown("**Flags per kind**")
            st.bar_chart({"flags": counts}, horizontal=True, height=220)
        with path_col:
            alignment_path_chart(comparison)


def alignment_path_chart(comparison: Comparison) -> None:
    import altair as alt
    import pandas as pd

    pairs = list(comparison.alignments)
    pair = pairs[0]
    rows = []
    for number, link in enumerate(comparison.alignments[pair].links):
        src = sum(link.src) / len(link.src) if link.src else None
        tgt = sum(link.tgt) / len(link.tgt) if link.tgt else None
        kind = (f"only in {LANG_NAMES[pair[0]]}" if not link.tgt
                else f"only in {LANG_NAMES[pair[1]]}" if not link.src
                else "low confidence" if link.confidence < 0.5 else "link")
        rows.append({"link": number, "type": link.type, "confidence": round(link.confidence, 2),
                     pair[0]: src if src is not None else -1, pair[1]: tgt if tgt is not None else -1,
                     "kind": kind})
    frame = pd.DataFrame(rows)
    st.markdown(f"**Alignment path {pair[0]}→{pair[1]}** (off the diagonal = gaps)")
    chart = alt.Chart(frame).mark_point(filled=True, size=60).encode(
        x=alt.X(pair[0], title=f"{LANG_NAMES[pair[0]]} sentence (-1 = none)"),
        y=alt.Y(pair[1], title=f"{LANG_NAMES[pair[1]]} sentence (-1 = none)"),
        color=alt.Color("kind", scale=alt.Scale(
            domain=["link", "low confidence", f"only in {LANG_NAMES[pair[0]]}",
                    f"only in {LANG_NAMES[pair[1]]}"],
            range=["#4c78a8", "#f58518", "#e45756", "#54a24b"])),
        tooltip=["link", "type", "confidence", "kind"]).properties(height=220)
    st.altair_chart(chart, width="stretch")


def show_rows(comparison: Comparison, views: list[render.RowView]) -> None:
    story = comparison.story
    kinds = sorted({kind for view in views for kind in view.kinds})
    filter_cols = st.columns([1, 2, 1, 1, 1])
    only_flagged = filter_cols[0].toggle("Only flagged rows", key="only_flagged")
    chosen_kinds = filter_cols[1].multiselect("Kinds", kinds, key="kinds",
                                              format_func=lambda k: " ".join(render.BADGES.get(k, ("", k))))
    min_severity = filter_cols[2].selectbox("Lowest severity", render.SEVERITY_ORDER, key="severity",
                                            help="«stressed» → «said» is routine wire style: low")
    by_divergence = filter_cols[3].toggle("Most divergent first", key="by_divergence")
    show_mt = filter_cols[4].toggle("Show MT", key="show_mt", disabled=not comparison.translations)
    shown = render.filter_rows(views, only_flagged=only_flagged, kinds=chosen_kinds,
                               min_severity=min_severity, sort_by_divergence=by_divergence)
    st.caption(f"{len(shown)} of {len(views)} rows · ▲ the English is sharper · ▼ softer · "
               "click a badge for its evidence")
    st.html(render.PAGE_CSS)
    st.html(render.rows_table_html(shown, story.langs, story.meta.original or "ru", show_mt=show_mt))


def show_corrections(story: Story, comparison: Comparison) -> None:
    store = correction_store()
    with st.expander("Correct the alignment", expanded=False):
        pairs = list(comparison.alignments)
        pair = st.selectbox("Pair", pairs, format_func=lambda p: f"{LANG_NAMES[p[0]]} → {LANG_NAMES[p[1]]}",
                            key="fix_pair")
        alignment = comparison.alignments[pair]
        documents = story.documents

        def describe(index: int) -> str:
            link = alignment.links[index]
            src = " ".join(documents[pair[0]].segments[i].text for i in link.src)[:60]
            tgt = " ".join(documents[pair[1]].segments[i].text for i in link.tgt)[:60]
            mark = "✔ " if link.status == "confirmed" else ""
            return f"{mark}{index}: [{link.type}] {src or '—'} ⟷ {tgt or '—'}"

        index = st.selectbox("Link", range(len(alignment.links)), format_func=describe, key="fix_link")
        action = st.radio("Action", CORRECTION_ACTIONS, horizontal=True, key="fix_action")
        src_at = tgt_at = 1
        if action == "split":
            link = alignment.links[index]
            cols = st.columns(2)
            src_at = cols[0].number_input(f"{pair[0]} sentences in the first part", 0, len(link.src),
                                          min(1, len(link.src)), key="split_src")
            tgt_at = cols[1].number_input(f"{pair[1]} sentences in the first part", 0, len(link.tgt),
                                          min(1, len(link.tgt)), key="split_tgt")
        buttons = st.columns(3)
        if buttons[0].button("Apply and re-align", type="primary", key="fix_apply"):
            confirmed = store.confirmed(story, pair)
            links = alignment.links
            try:
                if action == "confirm":
                    new = corrections.confirm(links, confirmed, index)
                elif action == "unconfirm":
                    new = corrections.unconfirm(links, confirmed, index)
                elif action == "merge with next":
                    new = corrections.merge_with_next(links, confirmed, index)
                elif action == "split":
                    new = corrections.split(links, confirmed, index, int(src_at), int(tgt_at))
                elif action.startswith("move last"):
                    new = corrections.move_segment(links, confirmed, index, "tgt", "next")
                else:
                    new = corrections.move_segment(links, confirmed, index, "tgt", "previous")
            except InputError as error:
                st.error(str(error))
            else:
                store.save(story, pair, new, f"{action} link {index}")
                st.session_state["flash"] = f"Saved: {action} link {index} ({pair[0]}→{pair[1]})."
                st.rerun()
        if buttons[1].button("Undo last change", key="fix_undo"):
            undone = store.undo(story, pair)
            st.session_state["flash"] = f"Undone: {undone}." if undone else "Nothing to undo."
            st.rerun()
        history = store.history(story)
        if history:
            buttons[2].caption(f"{len(history)} saved change(s); last: {history[0][2]}")


def show_exports(comparison: Comparison) -> None:
    from compare.export import to_bytes

    st.markdown("**Export aligned pairs**")
    columns = st.columns(len(EXPORT_FORMATS))
    for column, (label, (fmt, suffix, mime)) in zip(columns, EXPORT_FORMATS.items()):
        column.download_button(label, data=lambda fmt=fmt: to_bytes(comparison, fmt),
                               file_name=f"{comparison.story.id}.{suffix}", mime=mime,
                               key=f"export-{fmt}", on_click="ignore")


# ---------------------------------------------------------------- page

def main() -> None:
    st.title("Wire translation review")
    st.caption("The English, Russian and Belarusian versions of one story, sentence by sentence. "
               "Badges show where the English is sharper (▲) or softer (▼) than the original, and "
               "where numbers, names or quotes differ. Works offline; MT is optional.")
    try:
        story = pick_story()
    except InputError as error:
        st.error(str(error))
        return
    if story is None:
        return
    title = story.meta.title or story.id
    st.subheader(title)
    if story.meta.notes:
        st.caption(story.meta.notes)
    if "flash" in st.session_state:
        st.success(st.session_state.pop("flash"))

    translate, engines = mt_settings(story)
    store = correction_store()
    fixed = store.all_confirmed(story)
    fixed_key = repr(sorted((pair, [(l.src, l.tgt) for l in links]) for pair, links in fixed.items()))
    from compare.store import story_key

    if translate:
        st.session_state["_progress_bar"] = st.progress(0.0, text="Translating…")
    try:
        comparison = cached_comparison(story, story_key(story), fixed_key, translate,
                                       repr(sorted(engines.items())), fixed, engines)
    except InputError as error:
        st.error(str(error))
        return
    finally:
        bar = st.session_state.pop("_progress_bar", None)
        if bar is not None:
            bar.empty()
    views = render.row_views(comparison)
    show_summary(comparison, views)
    show_rows(comparison, views)
    show_corrections(story, comparison)
    show_exports(comparison)


try:
    main()
except Exception as error:  # never a traceback on the page: one line, details in the log
    traceback.print_exc()
    st.error(f"Something went wrong: {type(error).__name__}: {error}")
