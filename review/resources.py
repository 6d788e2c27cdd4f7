"""Cached resources of the page: the stores, the language identifier, stories, comparisons and MT,
shared read-only by every session of the server."""
from __future__ import annotations

import os
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Callable

import streamlit as st

from compare.model import Comparison, InputError, Story
from compare.pipeline import PipelineOptions, compare_story, translation_directions
from compare.sources import load_story
from compare.store import STORE_ENV, CorrectionStore
from review.common import MTChoice, run_fix



@st.cache_resource(show_spinner=False)
def correction_store(path: str) -> CorrectionStore:
    """One connection per store file (the path comes from WIRE_COMPARE_STORE or the default)."""
    return CorrectionStore(path or None)


def store() -> CorrectionStore:
    return correction_store(os.environ.get(STORE_ENV, ""))


def saved_corrections(story: Story):
    """(Saved, problem line): a damaged or unreadable store is one line, and no corrections."""
    fix = run_fix()
    fix.clear()
    try:
        saved = store().load(story)
    except InputError as error:
        fix["problem"] = str(error)
        return None, f"Corrections are not available: {error}. The story opens without them."
    fix["saved"] = saved
    if store().read_only:
        return saved, (f"The corrections store {store().path} is read-only: saved corrections "
                       "are shown, new ones cannot be saved.")
    return saved, ""


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
    from review import result_cache

    disk_key = result_cache.entry_key(key, fixed_key, mt_key, repr(mt_notes), str(apertium_alignment))
    comparison = result_cache.load(disk_key)  # computed by an earlier run of the server
    if comparison is None:
        comparison = compare_story(_story, PipelineOptions(apertium_alignment=apertium_alignment),
                                   translations=_translations, fixed=_fixed)
        comparison = replace(comparison, notes=mt_notes + comparison.notes) if mt_notes else comparison
        result_cache.save(disk_key, comparison)
    return comparison


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


