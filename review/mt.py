"""The MT section: per direction its state, a model folder, Apertium for the ru↔be alignment."""
from __future__ import annotations

import streamlit as st

from compare import mt_page
from compare.folder_access import allowed_roots
from compare.model import InputError, Story
from review.common import CORPORA, Direction, MTChoice



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


