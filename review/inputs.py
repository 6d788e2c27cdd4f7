"""Where a story comes from: a sample story, uploaded files, pasted texts or a folder."""
from __future__ import annotations

import streamlit as st

from compare.folder_access import FOLDER_ROOTS_ENV, allowed_folder, allowed_roots
from compare.model import LANG_NAMES, LANGS, InputError, Story, StoryMeta
from compare.sources import (
    MAX_FILE_BYTES,
    READABLE_SUFFIXES,
    LanguageContradiction,
    detect_language,
    not_a_story_language,
    read_text,
    story_from_originals,
    story_from_texts,
)
from review.common import CORPORA, messages
from review.resources import bundled_stories, cached_story, folder_stamp



# files one upload may hold: three versions, a few of them with a second or third original
MAX_UPLOADS = 8

SOURCES = ("Sample story", "Upload files", "Paste texts", "Folder on this computer")


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
            help="A folder with en.txt, ru.txt, be.txt (.md, .html, .docx too; any two or three; "
                 "several originals as ru-2.txt …) and optionally story.toml (title, date, original, "
                 "a [[sources]] table of each file's URL, date and title), under the sample corpus or "
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
        "Two or three versions of one story (several originals of one language allowed)",
        accept_multiple_files=True, key="uploads",
        type=[suffix.lstrip(".") for suffix in sorted(READABLE_SUFFIXES)],
        help=f"txt, md, html or docx, up to {MAX_FILE_BYTES // (1024 * 1024)} MB each")
    if not files:
        messages().info("Upload two or three versions of one story (English, Russian, Belarusian) "
                        "in the sidebar: .txt, .md, .html or .docx. Each file's language is "
                        "identified; you can change it.")
        return None
    if len(files) > MAX_UPLOADS:
        raise InputError(f"{len(files)} files uploaded: a story has two or three versions "
                         f"(English, Russian, Belarusian), with up to {MAX_UPLOADS} files in all "
                         "when one language has several originals; remove the extra ones")
    texts: dict[str, list[tuple[str, str]]] = {}
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
        texts.setdefault(lang, []).append((upload.name, text))
    for message in problems:
        messages().error(message)
    if problems:
        return None
    if len(texts) < 2:
        messages().info("Upload one more version: a story needs two or three languages.")
        return None
    several = {lang: names for lang, names in chosen.items() if len(names) > 1}
    for lang, names in several.items():
        # several files of one language: several originals of one compiled story, in upload order
        st.caption(f"{LANG_NAMES[lang]}: {len(names)} originals ({', '.join(names)}); each English "
                   "sentence is linked to its source in whichever one")
    names = ", ".join(upload.name for upload in files)
    return story_from_originals(texts, story_id="upload", meta=StoryMeta(title=f"Uploaded: {names}"),
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
            # a compiled English story: a second original of the Russian or the Belarusian
            more = {}
            if st.session_state.get("paste-several"):
                extra = st.columns(len(LANGS))
                more = {lang: extra[number].text_area(f"Second {LANG_NAMES[lang]} original", key=f"paste-{lang}-2",
                                                      height=160, placeholder="Optional: another original")
                        for number, lang in enumerate(LANGS) if lang != "en"}
            check = st.checkbox(LANG_CHECK, value=True, key="paste-check-lang", help=LANG_CHECK_HELP)
            st.form_submit_button("Compare these texts", type="primary", key="paste-apply")
    st.checkbox("Several originals of one language", key="paste-several",
                help="The English was compiled from two originals: a second box for the Russian "
                     "and the Belarusian")
    filled = {lang: text for lang, text in texts.items() if text.strip()}
    if len(filled) < 2:
        messages().info("Paste at least two versions of one story, each in its box, then press "
                        "*Compare these texts*.")
        return None
    try:
        if any(text.strip() for text in more.values()):
            originals = {lang: [(f"<{LANG_NAMES[lang]} text>", text)]
                         + ([(f"<{LANG_NAMES[lang]} text 2>", more[lang])] if more.get(lang, "").strip() else [])
                         for lang, text in filled.items()}
            return story_from_originals(originals, story_id="pasted", meta=StoryMeta(title="Pasted texts"),
                                        check_lang=check)
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


