"""Review a wire story side by side: English | Russian | Belarusian, with the places where the
English is softer or sharper, number/name/quote checks, corrections and exports.

Run: `bash scripts/app.sh` (README). This page only lays things out: reading, aligning,
analysing, correcting and exporting live in the `compare` package (compare/render.py turns a
Comparison into escaped HTML; this file never puts user text into HTML itself).

Per-browser-session state (uploads, pasted text, choices, the correction being prepared) lives
in st.session_state, so two people using one server never see each other's; what is shared is
read-only (cached stories and comparisons, keyed by a hash of their texts) and the corrections
store, where a correction lands only when the user applies it.
"""
from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import streamlit as st


CORPORA = Path(__file__).resolve().parent / "corpora"
LOW_STORY_CONFIDENCE = 0.5  # overall alignment confidence under this: "may not be translations"
Direction = tuple[str, str]




@dataclass(frozen=True)
class MTChoice:
    """What the MT section of the sidebar asks for."""

    on: bool = False
    engines: dict = field(default_factory=dict)  # direction → (engine, model), ready ones only
    apertium_alignment: bool = True  # ru↔be aligned with Apertium be→ru (when installed)

    @property
    def key(self) -> str:
        return repr((self.on, sorted(self.engines.items())))


# A wider sidebar (px) than the default, so that story titles and labels fit there.
st.set_page_config(page_title="Wire translation review", page_icon="📰", layout="wide",
                   initial_sidebar_state=340)

# Said before the heavy imports (the aligner, numpy, the analysers: seconds on a cold server),
# so that a first visitor reads what is loading instead of a bare page; emptied once the
# story's table is on the page.
_LOADING = st.empty()
if not st.session_state.get("loaded"):
    _LOADING.info("⏳ Loading the aligner and the checks (a freshly started server takes a few "
                  "seconds for its first page)…")

from compare import corrections, mt_page, render, triage  # noqa: E402
from compare.folder_access import FOLDER_ROOTS_ENV, allowed_folder, allowed_roots  # noqa: E402
from compare.model import LANG_NAMES, LANGS, Comparison, InputError, Link, Story, StoryMeta  # noqa: E402
from compare.pipeline import PipelineOptions, compare_story, translation_directions  # noqa: E402
from compare.sources import (MAX_FILE_BYTES, READABLE_SUFFIXES, LanguageContradiction, detect_language,  # noqa: E402
                             load_story, not_a_story_language, read_text, story_from_texts)
from compare.store import STORE_ENV, CorrectionStore, story_key  # noqa: E402


# ---------------------------------------------------------------- cached resources

@st.cache_resource(show_spinner=False)
def correction_store(path: str) -> CorrectionStore:
    """One connection per store file (the path comes from WIRE_COMPARE_STORE or the default)."""
    return CorrectionStore(path or None)


def store() -> CorrectionStore:
    return correction_store(os.environ.get(STORE_ENV, ""))


_FIX: dict = {}  # this run's word from build_comparison to show_corrections (fresh every run)


def saved_corrections(story: Story):
    """(Saved, problem line): a damaged or unreadable store is one line, and no corrections."""
    _FIX.clear()
    try:
        saved = store().load(story)
    except InputError as error:
        _FIX["problem"] = str(error)
        return None, f"Corrections are not available: {error}. The story opens without them."
    _FIX["saved"] = saved
    if store().read_only:
        return saved, (f"The corrections store {store().path} is read-only: saved corrections "
                       "are shown, new ones cannot be saved.")
    return saved, ""


@st.cache_resource(show_spinner="Loading the language identifier (once per server)…")
def warm_language_detector() -> bool:
    """Load lingua's models once per server process: they load lazily, Latin and Cyrillic
    scripts apart (~2.5 s on two cores), which would otherwise land on the first upload."""
    for sample in ("The minister said the talks were useful.", "Министр заявил, что переговоры "
                   "были полезными.", "Міністр заявіў, што перамовы былі карыснымі."):
        detect_language(sample)
    return True


@st.cache_data(show_spinner=False)
def bundled_stories(root: str) -> dict[str, str]:
    """story folder → title, for the picker."""
    import tomllib

    stories = {}
    folder_root = Path(root)
    for folder in sorted(p for p in folder_root.iterdir() if p.is_dir()) if folder_root.is_dir() else []:
        title = folder.name
        try:
            title = tomllib.loads((folder / "story.toml").read_text("utf-8")).get("title") or title
        except (OSError, ValueError):
            pass
        stories[str(folder)] = title
    return stories


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_story(folder: str, stamp: tuple, check_lang: bool = True) -> Story:
    """A story folder, read once per version of its files (stamp: names, sizes, times)."""
    return load_story(folder, check_lang=check_lang)


def folder_stamp(folder: str) -> tuple:
    path = Path(folder)
    if not path.is_dir():
        return ()
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(path.iterdir()) if p.is_file())


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_comparison(_story: Story, key: str, fixed_key: str, mt_key: str, _translations,
                      _fixed, mt_notes: tuple[str, ...] = (), apertium_alignment: bool = True) -> Comparison:
    """One comparison per story text, confirmed links and MT settings (the keys); the leading
    underscores keep Streamlit from hashing the objects themselves. Comparisons are frozen, so
    sessions can share them."""
    comparison = compare_story(_story, PipelineOptions(apertium_alignment=apertium_alignment),
                               translations=_translations, fixed=_fixed)
    return replace(comparison, notes=mt_notes + comparison.notes) if mt_notes else comparison


@st.cache_resource(show_spinner=False)
def translations_memo() -> dict:
    """(story key, MT choice) → (translations, notes), shared by the sessions of this server.
    A plain dict rather than a cached function: filling it draws a progress bar, which a cached
    function could not replay."""
    return {}


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_translator(src: str, tgt: str, engine: str, model: str):
    """Each engine built once per server: a model loads on its first translation, then stays."""
    from compare.translate import get_translator

    return get_translator(src, tgt, engine=engine, model=model)


def run_mt(story: Story, mt: MTChoice, progress: Callable | None):
    """Every sentence both ways, through the translation cache; a direction with no engine
    here becomes a note and the rest of the review goes on."""
    from compare.translate import translate_segments

    translations, notes, missing = {}, [], []
    for src, tgt in translation_directions(story):
        engine = mt.engines.get((src, tgt))
        if engine is None:
            missing.append(f"{src}→{tgt}")
            continue
        step = (lambda done, total, what=f"{src}→{tgt}": progress(what, done, total)) if progress else None
        try:
            translator = cached_translator(src, tgt, *engine)
            translations[(src, tgt)] = tuple(translate_segments(
                story.documents[src].texts, src, tgt, translator=translator, progress=step))
        except InputError as error:  # TranslatorUnavailable is one
            notes.append(f"MT {src}→{tgt} not run: {error}")
        except Exception as error:  # noqa: BLE001 — a failing engine costs its direction only
            traceback.print_exc()
            notes.append(f"MT {src}→{tgt} failed: {type(error).__name__}: {error}")
    if missing:
        notes.insert(0, f"MT not run for {', '.join(missing)}: no engine for these directions on this "
                        "machine (the sidebar says how to get one).")
    return translations, notes


# ---------------------------------------------------------------- input

SOURCES = ("Sample story", "Upload files", "Paste texts", "Folder on this computer")


_MESSAGES = None  # set per run by main(): each run executes this file afresh


def messages():
    """The main-area slot for input messages (the input widgets themselves are in the sidebar)."""
    return _MESSAGES if _MESSAGES is not None else st


class Sidebar:
    """The sidebar's sections in reading order; filled in the order the script needs them."""

    def __init__(self) -> None:
        self.story = st.sidebar.container()
        self.fix = st.sidebar.container()
        self.mt = st.sidebar.container()
        self.export = st.sidebar.container()
        self.triage = st.sidebar.container()


def pick_story() -> Story | None:
    st.subheader("1 · Story")
    source = st.radio("Where the versions come from", SOURCES, key="source",
                      label_visibility="collapsed")
    if source == SOURCES[0]:
        stories = bundled_stories(str(CORPORA))
        if not stories:
            messages().error("No sample stories found in corpora/.")
            return None
        folder = st.selectbox("Sample story", list(stories), format_func=stories.get, key="bundled",
                              help="Fictional stories written for this tool, each with known "
                                   "differences between the versions")
        return cached_story(folder, folder_stamp(folder))
    if source == SOURCES[3]:
        folder = st.text_input(
            "Story folder", key="folder", placeholder="/path/to/story",
            help="A folder with en.txt, ru.txt, be.txt (.md, .html, .docx too; any two or three) "
                 "and optionally story.toml (title, date, original), under the sample corpus or "
                 f"a folder allowed with {FOLDER_ROOTS_ENV} when the app was started").strip()
        if not folder:
            messages().info("Type the path of a story folder in the sidebar: it holds en.txt, "
                            "ru.txt and/or be.txt (or .md, .html, .docx).")
            return None
        check = st.checkbox(LANG_CHECK, value=True, key="folder-check-lang", help=LANG_CHECK_HELP)
        # Checked before the path is looked at: a shared app must not open any server path.
        folder = str(allowed_folder(folder, allowed_roots(CORPORA)))
        try:
            return cached_story(folder, folder_stamp(folder), check)
        except LanguageContradiction as error:
            raise InputError(language_message(error, f"untick *{LANG_CHECK}* in the sidebar")) from None
    if source == SOURCES[1]:
        return uploaded_story()
    return pasted_story()


def uploaded_story() -> Story | None:
    files = st.file_uploader(
        "Two or three versions of one story", accept_multiple_files=True, key="uploads",
        type=[suffix.lstrip(".") for suffix in sorted(READABLE_SUFFIXES)],
        help=f"txt, md, html or docx, up to {MAX_FILE_BYTES // (1024 * 1024)} MB each")
    if not files:
        messages().info("Upload two or three versions of one story (English, Russian, Belarusian) "
                        "in the sidebar: .txt, .md, .html or .docx. Each file's language is "
                        "identified; you can change it.")
        return None
    if len(files) > 3:
        raise InputError(f"{len(files)} files uploaded: a story has two or three versions "
                         "(English, Russian, Belarusian); remove the extra ones")
    texts: dict[str, str] = {}
    problems: list[str] = []
    chosen: dict[str, list[str]] = {}
    read: dict[str, tuple] = {}  # name → (text, (language, confidence)) or the problem
    with messages().container(), st.spinner(f"Reading {len(files)} files and identifying their "
                                            "languages…"):
        for upload in files:
            try:
                text = read_text(upload.name, upload.getvalue())
            except InputError as error:
                read[upload.name] = (None, str(error))
            else:
                read[upload.name] = (text, _detected(text))
    for number, upload in enumerate(files):
        text, detection = read[upload.name]
        if text is None:
            problems.append(detection)
            continue
        detected, confidence = detection
        foreign = not_a_story_language(upload.name, detected, confidence)
        # A file in another language gets no language by default (English was assumed before,
        # and a German file next to an English one read as "2 files are in English").
        default = LANGS.index(detected) if detected in LANGS else (None if foreign else 0)
        lang = st.selectbox(
            f"Language of {upload.name}", LANGS, index=default, format_func=LANG_NAMES.get,
            key=f"lang-{number}-{upload.name}", placeholder="not a story language: choose one")
        st.caption(_identified(detected, confidence))
        if lang is None:
            problems.append(f"{foreign} — remove it, or choose its language in the sidebar if it "
                            "is one of these")
            continue
        chosen.setdefault(lang, []).append(upload.name)
        texts[lang] = text
    for message in problems:
        messages().error(message)
    doubled = {lang: names for lang, names in chosen.items() if len(names) > 1}
    for lang, names in doubled.items():
        messages().error(f"{', '.join(names)}: {len(names)} files are in {LANG_NAMES[lang]}; a story "
                         "needs one file per language — set each file's language in the sidebar")
    if problems or doubled:
        return None
    if len(texts) < 2:
        messages().info("Upload one more version: a story needs two or three.")
        return None
    names = ", ".join(upload.name for upload in files)
    return story_from_texts(texts, story_id="upload", meta=StoryMeta(title=f"Uploaded: {names}"),
                            check_lang=False)


@st.cache_data(show_spinner=False, max_entries=256)
def _detected(text: str) -> tuple[str | None, float]:
    return detect_language(text)


def _identified(detected: str | None, confidence: float) -> str:
    if detected is None:
        return "language not identified: choose it"
    name = LANG_NAMES.get(detected, detected)
    if detected not in LANGS:
        return f"⚠ reads as {name} ({confidence:.2f}), not English, Russian or Belarusian"
    return f"identified as {name} (confidence {confidence:.2f})"


def pasted_story() -> Story | None:
    """Large boxes side by side in the main area; the button applies them (no Ctrl+Enter)."""
    st.caption("Paste the versions in the boxes on the right.")
    before = {lang: st.session_state.get(f"paste-{lang}", "") for lang in LANGS}
    with messages().expander("Pasted texts", expanded=sum(bool(t.strip()) for t in before.values()) < 2):
        with st.form("paste", border=False, enter_to_submit=False):
            columns = st.columns(len(LANGS))
            texts = {lang: columns[number].text_area(f"{LANG_NAMES[lang]} text", key=f"paste-{lang}",
                                                     height=260, placeholder=f"Paste the {LANG_NAMES[lang]} version")
                     for number, lang in enumerate(LANGS)}
            check = st.checkbox(LANG_CHECK, value=True, key="paste-check-lang", help=LANG_CHECK_HELP)
            st.form_submit_button("Compare these texts", type="primary", key="paste-apply")
    filled = {lang: text for lang, text in texts.items() if text.strip()}
    if len(filled) < 2:
        messages().info("Paste at least two versions of one story, each in its box, then press "
                        "*Compare these texts*.")
        return None
    try:
        return story_from_texts(filled, story_id="pasted", meta=StoryMeta(title="Pasted texts"),
                                check_lang=check)
    except LanguageContradiction as error:
        raise InputError(language_message(error, f"untick *{LANG_CHECK}* under the boxes and "
                                                 "compare again")) from None


LANG_CHECK = "Check each text's language"
LANG_CHECK_HELP = ("Refuses a text that clearly reads as another language than its box or file "
                   "says (a Belarusian text in the Russian box). Turn it off for a text full of "
                   "quotes in another language.")


def language_message(error: LanguageContradiction, how_to_skip: str) -> str:
    """The check's one line, with the page's own way of turning it off."""
    return str(LanguageContradiction(f"The {LANG_NAMES.get(error.declared, error.declared)} text"
                                     if error.name.startswith("<") else error.name,
                                     error.declared, error.detected, error.confidence, how_to_skip))


# ---------------------------------------------------------------- machine translation

def mt_layer():
    """compare.translate's (direction_status, translate_segments), or the reason MT is off."""
    try:
        from compare import translate
    except Exception as error:  # noqa: BLE001 — the MT layer is optional: say why, go on
        return None, f"{type(error).__name__}: {error}"
    missing = [name for name in ("direction_status", "translate_segments") if not hasattr(translate, name)]
    if missing:
        return None, f"this version of compare.translate lacks {', '.join(missing)}"
    return translate, ""


@st.cache_data(show_spinner=False, ttl=60)
def mt_statuses() -> list:
    """Which directions can be translated offline (looks at files, loads nothing)."""
    translate, _ = mt_layer()
    return list(translate.direction_status()) if translate else []


def mt_settings(story: Story) -> MTChoice:
    """The MT section of the sidebar: engine per direction, what is ready, how to get the rest."""
    st.subheader("3 · Machine translation")
    apertium = apertium_alignment_choice(story)
    translate, why = mt_layer()
    statuses = []
    if translate:
        try:
            statuses = [s for s in mt_statuses() if s.src_lang in story.langs and s.tgt_lang in story.langs]
        except Exception as error:  # noqa: BLE001 — a broken MT config must not stop the review
            why = f"{type(error).__name__}: {error}"
    if not translate or why:
        st.caption(f"MT unavailable ({why}). Alignment, checks and exports work without it.")
        return MTChoice(apertium_alignment=apertium)
    views = mt_page.direction_views(statuses, story.langs)
    toggle = st.container()  # drawn first, filled once the model folders are read
    engines: dict[Direction, tuple[str, str]] = {}
    lines = st.container()  # the states first; the folder fields below them decide some
    folders = model_folders(views)
    with lines:
        st.markdown("  \n".join(mt_page.state_line(view, folders.get(view.direction, ("", ""))[1])
                                 for view in views))
        for view in views:
            pair = (view.src, view.tgt)
            if view.direction in folders:
                engines[pair] = folders[view.direction]
            elif len(view.ready) > 1:
                choice = st.selectbox(f"Engine for {view.label}", view.ready, key=f"engine-{view.direction}",
                                      format_func=lambda o: o.label)
                engines[pair] = (choice.engine, choice.model)
            elif view.ready:
                engines[pair] = (view.ready[0].engine, view.ready[0].model)
    rube = mt_page.only_rube(views, story.langs, folders)
    if rube:
        st.info(rube)
    aper = mt_page.apertium_line(views)
    if aper:
        st.caption(aper)
    hints = mt_page.terminal_hints(views)
    if hints:
        with st.expander("For whoever runs this server: getting the missing models"):
            st.caption("Run on the server, then reload this page (models stay on that machine; "
                       "nothing is sent anywhere):")
            st.code("\n".join(hints), language="bash")
    with toggle:
        on = st.toggle("Translate every sentence both ways", key="translate", disabled=not engines,
                       help="Local models only; adds machine renderings under each cell, chrF++ "
                            "scores per row and a word diff between the English and MT of the original")
    return MTChoice(on, engines, apertium)


def model_folders(views) -> dict[str, tuple[str, str]]:
    """direction → (engine, folder) for the model folders typed in the page (kept in the
    session by the fields' keys); a folder that is not usable gets one line under its field."""
    missing = [view for view in views if view.state != mt_page.READY and view.neural]
    if not missing:
        return {}
    typed = any(st.session_state.get(f"mt-folder-{view.direction}") for view in missing)
    found: dict[str, tuple[str, str]] = {}
    with st.expander("Use a model folder on this server", expanded=typed):
        st.caption("A transformers or CTranslate2 model (e.g. an OPUS-MT folder with config.json), "
                   "under a folder this app may open.")
        for view in missing:
            folder = st.text_input(f"Model folder for {view.label}", key=f"mt-folder-{view.direction}",
                                   placeholder="/path/to/model").strip()
            if not folder:
                continue
            try:
                found[view.direction] = mt_page.model_folder(view, folder, allowed_roots(CORPORA))
            except InputError as error:
                st.error(str(error))
    return found


def apertium_alignment_choice(story: Story) -> bool:
    """Russian ↔ Belarusian: Apertium's be→ru translation as alignment evidence (shown only
    where it can run)."""
    if not {"ru", "be"} <= set(story.langs):
        return True
    from compare.translate.apertium import check_installed

    if check_installed("be", "ru"):
        return True
    return st.checkbox("Align Russian ↔ Belarusian with Apertium be→ru", value=True,
                       key="apertium_alignment",
                       help="Apertium's Russian of each Belarusian sentence as evidence for the "
                            "alignment (cached; the aligner settings of the pair name it)")


# ---------------------------------------------------------------- the comparison

def fixed_key(fixed: dict[Direction, list[Link]]) -> str:
    return repr(sorted((pair, [(l.src, l.tgt) for l in links]) for pair, links in fixed.items()))


def build_comparison(story: Story, mt: MTChoice) -> Comparison:
    """The story with its saved corrections; when they cannot be read or applied, without them,
    saying so (show_corrections lists them to undo or discard)."""
    saved, problem = saved_corrections(story)
    fixed = dict(saved.confirmed) if saved else {}
    notes = list(saved.notes) if saved else []
    try:
        comparison = comparison_with(story, mt, fixed)
    except Exception as error:  # noqa: BLE001 — saved corrections must never lock a story
        if not fixed:
            raise
        traceback.print_exc()
        comparison = comparison_with(story, mt, {})
        problem = (f"Your saved corrections of this story could not be applied "
                   f"({type(error).__name__}: {error}); it opens without them. They are listed "
                   "under “Correct the alignment”: undo or discard them.")
        _FIX["failed"] = fixed
    if problem:
        notes.insert(0, problem)
        messages().warning(problem)
    return replace(comparison, notes=tuple(notes) + comparison.notes) if notes else comparison


def comparison_with(story: Story, mt: MTChoice, fixed: dict[Direction, list[Link]]) -> Comparison:
    key = story_key(story)
    translations, notes = {}, []
    if mt.on:
        translations, notes = machine_translations(story, key, mt)
    return cached_comparison(story, key, fixed_key(fixed), mt.key, translations, fixed, tuple(notes),
                             mt.apertium_alignment)


def machine_translations(story: Story, key: str, mt: MTChoice):
    memo = translations_memo()
    if (key, mt.key) in memo:
        return memo[(key, mt.key)]
    bar = st.progress(0.0, text="Translating…")

    def progress(what: str, done: int, total: int) -> None:
        if total:
            bar.progress(min(1.0, done / total), text=f"Translating {what}: {done} of {total} sentences")

    try:
        result = run_mt(story, mt, progress)
    finally:
        bar.empty()
    if len(memo) >= 32:
        memo.pop(next(iter(memo)))
    memo[(key, mt.key)] = result
    return result


# ---------------------------------------------------------------- views

def show_header(story: Story, comparison: Comparison) -> None:
    meta = story.meta
    st.subheader(_md_escape(meta.title or story.id))  # plain text: no Markdown images
    facts = [f"{LANG_NAMES[lang]}: {len(story.documents[lang])} sentences" for lang in story.langs]
    if meta.date:
        facts.insert(0, _md_escape(meta.date))
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


# ---------------------------------------------------------------- corrections

def link_rows(comparison: Comparison) -> dict[Direction, dict[int, int]]:
    """pair → link index → the row number that shows it."""
    where: dict[Direction, dict[int, int]] = {}
    for number, row in enumerate(comparison.rows):
        for pair, indices in row.links.items():
            for index in indices:
                where.setdefault(pair, {})[index] = number
    return where


def _snippet(story: Story, lang: str, ids: tuple[int, ...], limit: int = 70) -> str:
    text = " ".join(story.documents[lang].segments[i].text for i in ids)
    return (text[:limit - 1] + "…" if len(text) > limit else text) or "—"


def correction_actions(pair: Direction, link: Link) -> dict[str, tuple]:
    """label → (operation, arguments) for one link; only the moves that make sense for it."""
    src, tgt = LANG_NAMES[pair[0]], LANG_NAMES[pair[1]]
    actions: dict[str, tuple] = {"Confirm: this pairing is right": ("confirm",)}
    actions["Merge with the next pair"] = ("merge",)
    if len(link.src) + len(link.tgt) >= 2:  # 1-1 too: splitting it unpairs the two sentences
        actions["Split in two"] = ("split",)
    for side, name, ids in (("tgt", tgt, link.tgt), ("src", src, link.src)):
        if ids:
            actions[f"Move its last {name} sentence down to the next pair"] = ("move", side, "next")
            actions[f"Move its first {name} sentence up to the previous pair"] = ("move", side, "previous")
    if link.status == "confirmed":
        actions["Unconfirm (let the aligner decide again)"] = ("unconfirm",)
    return actions


def show_corrections(story: Story, comparison: Comparison, mt: MTChoice) -> None:
    st.subheader("2 · Correct the alignment")
    st.caption("Pick a row of the table, fix how its sentences are paired; the rest is "
                       "re-aligned around your fixes, which are saved for the next time you open "
                       "the story.")
    saved = _FIX.get("saved")
    if "flash_error" in st.session_state:
        st.error(st.session_state.pop("flash_error"))
    where = link_rows(comparison)
    pairs = list(comparison.alignments)
    pair = st.selectbox("Pair of versions", pairs, key="fix_pair",
                                format_func=lambda p: f"{LANG_NAMES[p[0]]} ↔ {LANG_NAMES[p[1]]}")
    alignment = comparison.alignments[pair]
    rows_of = where.get(pair, {})

    def describe(index: int) -> str:
        link = alignment.links[index]
        mark = "✔ " if link.status == "confirmed" else ""
        return (f"{mark}Row {rows_of.get(index, '?')}: {pair[0]} {list(link.src) or '—'} ↔ "
                f"{pair[1]} {list(link.tgt) or '—'}")

    order = sorted(range(len(alignment.links)), key=lambda i: (rows_of.get(i, 10 ** 6), i))
    index = st.selectbox("Pair of sentences (by row)", order, format_func=describe, key="fix_link")
    if index not in order:  # a choice kept from before a re-alignment that has fewer links
        index = order[0]
    link = alignment.links[index]
    st.markdown(f"**{LANG_NAMES[pair[0]]}:** {_md_escape(_snippet(story, pair[0], link.src))}  \n"
                f"**{LANG_NAMES[pair[1]]}:** {_md_escape(_snippet(story, pair[1], link.tgt))}")
    actions = correction_actions(pair, link)
    label = st.selectbox("What to do", list(actions), key="fix_action")
    operation = actions[label]
    src_at = tgt_at = 0
    if operation[0] == "split":
        columns = st.columns(2)
        src_at = columns[0].number_input(f"{pair[0]} sentences in the first part", 0, len(link.src),
                                         min(1, len(link.src)), key="split_src")
        tgt_at = columns[1].number_input(f"{pair[1]} sentences in the first part", 0, len(link.tgt),
                                         min(1, len(link.tgt)), key="split_tgt")
    if st.button("Apply and re-align", type="primary", key="fix_apply", width="stretch",
                 disabled=saved is None):
        links = alignment.links

        def change(confirmed: list[Link]) -> list[Link]:
            # applied to the confirmations current when it is saved (another session's included)
            if operation[0] == "confirm":
                return corrections.confirm(links, confirmed, index)
            if operation[0] == "unconfirm":
                return corrections.unconfirm(links, confirmed, index)
            if operation[0] == "merge":
                return corrections.merge_with_next(links, confirmed, index)
            if operation[0] == "split":
                return corrections.split(links, confirmed, index, int(src_at), int(tgt_at))
            return corrections.move_segment(links, confirmed, index, operation[1], operation[2])

        what = f"{label.split(':')[0].lower()} — row {rows_of.get(index, '?')}, {pair[0]}↔{pair[1]}"
        try:
            store().change(story, pair, change, what, check=lambda state: _trial(story, mt, pair, state))
        except InputError as error:
            st.error(f"Not applied, nothing saved: {error}")
        else:
            st.session_state["flash"] = f"Saved: {what}. The rest was re-aligned around your fixes."
            st.rerun()
    show_undo_redo(story, saved)
    show_unapplied(story, saved)


def _trial(story: Story, mt: MTChoice, pair: Direction, state: dict) -> dict:
    """The whole new set of confirmations, accepted only if the comparison runs with it (the
    very one the page then shows: it is cached)."""
    state = dict(state)
    state[pair] = corrections.check(story, pair, state.get(pair, []), align=False)
    state = {p: links for p, links in state.items() if links}
    try:
        comparison_with(story, mt, state)
    except InputError as error:
        raise InputError(f"the aligner refuses it: {error}") from None
    except Exception as error:  # noqa: BLE001 — an aligner failure must not reach the store
        traceback.print_exc()
        raise InputError(f"the aligner failed on it ({type(error).__name__}: {error})") from None
    return state


def show_undo_redo(story: Story, saved) -> None:
    """Undo and redo, per story, on screen in every state (even when nothing can be done)."""
    left, right = st.columns(2)
    undo = left.button("Undo", key="fix_undo", width="stretch", disabled=not (saved and saved.undo),
                       help=f"Undo: {saved.undo}" if saved and saved.undo else "Nothing to undo")
    redo = right.button("Redo", key="fix_redo", width="stretch", disabled=not (saved and saved.redo),
                        help=f"Redo: {saved.redo}" if saved and saved.redo else "Nothing to redo")
    if undo or redo:
        try:
            done = (store().undo if undo else store().redo)(story, expect=saved.version)
        except InputError as error:
            st.session_state["flash_error"] = f"Not done: {error}"
        else:
            word = "Undone" if undo else "Redone"
            st.session_state["flash"] = f"{word}: {done}." if done else f"Nothing to {word[:-2].lower()}."
        st.rerun()
    if saved and saved.history:
        st.caption("Saved changes, newest first: " + "; ".join(
            action for _, _, action, _ in saved.history[:4]) + (" …" if len(saved.history) > 4 else ""))
    elif saved is None and "problem" in _FIX:
        st.caption(f"Corrections are not available: {_FIX['problem']}")


def show_unapplied(story: Story, saved) -> None:
    """Saved confirmations the page does not use (they failed, or were made on an older
    sentence splitting): listed, to undo, apply again or discard."""
    failed, aside = _FIX.get("failed", {}), (saved.set_aside if saved else {})
    if not failed and not aside:
        return
    listed = failed or aside
    st.warning(("Saved corrections not applied (they failed): " if failed else
                "Confirmations set aside, not applied (see the note above the table): ") + "; ".join(
        f"{pair[0]}↔{pair[1]} {corrections.name_link(pair, link)}"
        for pair, links in listed.items() for link in links))
    left, right = st.columns(2)
    again = right.button("Apply them again", key="fix_reapply", width="stretch", disabled=bool(failed))
    if left.button("Discard them", key="fix_discard", width="stretch"):
        try:
            (store().discard(story, "discard the corrections that failed") if failed
             else store().discard_set_aside(story))
        except InputError as error:
            st.session_state["flash_error"] = f"Not done: {error}"
        else:
            st.session_state["flash"] = "Discarded (Undo brings them back)."
        st.rerun()
    if again:
        try:
            store().apply_set_aside(story)
        except InputError as error:
            st.session_state["flash_error"] = f"Not applied, nothing saved: {error}"
        else:
            st.session_state["flash"] = "The confirmations set aside are applied again."
        st.rerun()


@st.cache_resource(show_spinner=False)
def triage_stores(path: str) -> triage.TriageStore:
    return triage.TriageStore(path or None)


def triage_store() -> triage.TriageStore:
    return triage_stores(os.environ.get(STORE_ENV, ""))


def show_triage(story: Story, comparison: Comparison, marks: dict) -> None:
    """Mark a flag false alarm or checked: it leaves the counts and the table (compare.triage)."""
    st.subheader("4 · Triage flags")
    entries = list(triage.link_flags(comparison))
    if not entries:
        st.caption("No flags to triage.")
        return
    rows = {pair: rows_of for pair, rows_of in link_rows(comparison).items()}

    def describe(n: int) -> str:
        pair, index, flag, fid = entries[n]
        state = f" [{marks[fid][0].replace('_', ' ')}]" if fid in marks else ""
        terms = " → ".join(t for t in (flag.source_term, flag.target_term) if t)
        return f"Row {rows.get(pair, {}).get(index, '?')} {pair[0]}↔{pair[1]}: {flag.kind} {terms}{state}"

    n = st.selectbox("Flag", range(len(entries)), format_func=describe, key="triage_flag")
    fid = entries[n][3]
    mark = st.radio("Mark", ["false_alarm", "checked"], horizontal=True, key="triage_mark",
                    format_func=lambda m: m.replace("_", " "))
    note = st.text_input("Note (optional)", key="triage_note")
    left, right = st.columns(2)
    if left.button("Mark", key="triage_apply", width="stretch"):
        triage_store().mark(story, fid, mark, note)
        st.session_state["flash"] = f"Marked {mark.replace('_', ' ')}: {describe(n)}."
        st.rerun()
    if right.button("Undo", key="triage_undo", disabled=fid not in marks, width="stretch"):
        triage_store().undo(story, fid)
        st.rerun()
    if marks:
        st.caption(f"{len(marks)} flag(s) marked in this story: left out of the counts and the table "
                   "(`report --no-triage` shows them).")


def _md_escape(text: str) -> str:
    """Markdown special characters of user text shown with st.markdown (which escapes HTML)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$" else ch for ch in text)


# ---------------------------------------------------------------- exports

def show_exports(comparison: Comparison) -> None:
    st.subheader("4 · Export aligned pairs")
    directions = render.export_directions(comparison)
    pair = st.selectbox("Source → target for XLIFF and InterText", directions, key="export_pair",
                        format_func=lambda p: f"{LANG_NAMES[p[0]]} → {LANG_NAMES[p[1]]}",
                        help="The CAT project's source language first (a Russian → English "
                             "project in memoQ or Trados: Russian → English). TMX, XLSX, CSV and "
                             "JSONL hold every version")
    skip_null = st.checkbox("Leave out sentences one version lacks", value=True, key="export_skip_null",
                            help="Omissions and additions have an empty side: as CAT units they "
                                 "have no source or no target")
    only_confirmed = st.checkbox("Only links I confirmed or corrected", key="export_confirmed")
    min_confidence = st.slider("Lowest aligner confidence", 0.0, 1.0, 0.0, 0.05, key="export_confidence",
                               help="Leave out the links the aligner is less sure of")
    options = dict(include_null=not skip_null, min_confidence=float(min_confidence),
                   only_confirmed=only_confirmed)
    try:
        kept = render.export_count(comparison, pair, **options)
    except InputError as error:
        st.caption(str(error))
        kept = 0
    else:
        st.caption(f"{kept} pair(s) of sentences {LANG_NAMES[pair[0]]} → {LANG_NAMES[pair[1]]} pass "
                   "these settings.")
    columns = st.columns(2)
    for number, choice in enumerate(render.EXPORT_CHOICES):
        columns[number % 2].download_button(
            choice.label, data=lambda choice=choice: render.export_bytes(comparison, choice, pair, **options),
            file_name=render.export_name(comparison, choice, pair), mime=choice.mime,
            key=f"export-{choice.fmt}", on_click="ignore", width="stretch", disabled=not kept)


# ---------------------------------------------------------------- page

def main() -> None:
    st.title("Wire translation review")
    st.caption("English, Russian and Belarusian versions of one story, sentence by sentence: the "
               "badges mark where the English is sharper (▲) or softer (▼) or a number, date, name or "
               "quote differs — click one for the evidence. Runs on this computer.")
    st.html(render.APP_CSS)
    global _MESSAGES
    _MESSAGES = st.container()
    if not st.session_state.get("loaded"):
        _LOADING.info("⏳ Loading the language identifier (once per server)…")
    warm_language_detector()
    side = Sidebar()
    try:
        with side.story:
            story = pick_story()
        if story is None:
            return
        with side.mt:
            mt = mt_settings(story)
        if not st.session_state.get("loaded"):
            _LOADING.info(f"⏳ Aligning “{story.meta.title or story.id}” and running the checks…")
        with messages().container(), st.spinner(
                f"Aligning {len(story.langs)} versions ({', '.join(LANG_NAMES[l] for l in story.langs)}) "
                "and running the checks…"):
            comparison = build_comparison(story, mt)
    except InputError as error:
        st.error(str(error))
        return
    finally:
        _LOADING.empty()
        st.session_state["loaded"] = True
    st.session_state["comparison"] = comparison  # this session's; tests and exports read it
    if "flash" in st.session_state:
        st.success(st.session_state.pop("flash"))
    try:
        marks, triage_error = triage_store().marks(story), ""
    except InputError as error:  # a damaged or unreadable store: the story opens without marks
        marks, triage_error = {}, str(error)
    views = render.row_views(triage.apply_marks(comparison, marks)[0])  # marked flags left out
    show_header(story, comparison)
    overview = st.container()  # drawn above the filters, filled once their values are known
    filtered, show_mt = show_rows(comparison, views)
    with overview:
        show_overview(comparison, views, filtered)
    show_table(comparison, views, filtered, show_mt)
    show_numbers_explained(comparison)
    with side.fix:
        show_corrections(story, comparison, mt)
    with side.export:
        show_exports(comparison)
    with side.triage:
        if triage_error:
            st.subheader("4 · Triage flags")
            st.warning(f"Triage marks are off: {triage_error}")
        else:
            show_triage(story, comparison, marks)


try:
    main()
except Exception as error:  # never a traceback on the page: one line, details in the log
    traceback.print_exc()
    st.error(f"Something went wrong: {type(error).__name__}: {error}. The details are in the "
             "terminal that runs the app.")
