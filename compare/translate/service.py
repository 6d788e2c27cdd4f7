"""translate_segments: a story's segments through the cache and, for what is not cached, the
engine — in chunks, so that a progress bar moves and a long story never waits on one call.

A second run over the same segments makes zero engine calls (and does not even load the
model). Segments that do not look like the declared language get a note saying so; they
are translated all the same (a quote in another language is normal in news).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from compare.model import Translation
from compare.translate.base import Translator, get_translator
from compare.translate.cache import TranslationCache, cache_key
from compare.translate.text import language_mismatch

Progress = Callable[[int, int], None]


class _Default:
    def __repr__(self) -> str:
        return "<default cache>"


DEFAULT_CACHE: Any = _Default()
CHUNK = 32  # segments per engine call when nobody watches a progress bar
PROGRESS_CHUNK = 4  # … and when somebody does: the bar moves every 4 sentences, not 0 → all


def _chunk(progress: Progress | None) -> int:
    return PROGRESS_CHUNK if progress else CHUNK


def open_cache(cache: Any, config_path: str | Path | None = None) -> TranslationCache | None:
    """cache: DEFAULT_CACHE (the user's cache file), None or False (no cache), a path, or a
    TranslationCache."""
    if cache is None or cache is False:
        return None
    if isinstance(cache, TranslationCache):
        return cache
    if cache is DEFAULT_CACHE:
        return TranslationCache(config_path=config_path)
    return TranslationCache(cache)


def translate_segments(texts: Sequence[str], src_lang: str, tgt_lang: str, *,
                       engine: str | None = None, model: str | None = None,
                       cache: Any = DEFAULT_CACHE, progress: Progress | None = None,
                       translator: Translator | None = None,
                       notices: list[str] | None = None,
                       config_path: str | Path | None = None,
                       **options: Any) -> list[Translation]:
    """One Translation per text, same order. Raises TranslatorUnavailable when the direction
    has no engine here. notices, if given, receives one-line messages about the cache."""
    texts = [str(t) for t in texts]
    if translator is None:
        translator = get_translator(src_lang, tgt_lang, engine=engine, model=model,
                                    config_path=config_path, **options)
    total = len(texts)
    store = open_cache(cache, config_path) if translator.cacheable else None
    if store is not None and notices is not None:
        notices.extend(store.notices)
    try:
        if store is None:
            # Not cacheable (imported: line n answers segment n) or no cache: all at once.
            results = _in_chunks(translator, texts, progress, 0, total,
                                 whole=not translator.cacheable)
        else:
            results = _through_cache(translator, texts, store, progress)
        if store is not None and notices is not None:
            notices.extend(n for n in store.notices if n not in notices)
    finally:
        if store is not None and store is not cache:
            store.close()
    return [_with_language_note(result, text, src_lang) for result, text in zip(results, texts)]


def _through_cache(translator: Translator, texts: list[str], store: TranslationCache,
                   progress: Progress | None) -> list[Translation]:
    total = len(texts)
    keys = [cache_key(translator.engine, translator.model, translator.revision,
                      translator.options, translator.src_lang, translator.tgt_lang, text)
            for text in texts]
    found = store.get_many(keys)
    results: dict[str, Translation] = {
        key: Translation(text=target, engine=translator.engine, model=translator.model,
                         src_lang=translator.src_lang, tgt_lang=translator.tgt_lang,
                         options=translator.options, note=note)
        for key, (target, note) in found.items()}
    missing: dict[str, str] = {}  # key → text, each distinct text once
    for key, text in zip(keys, texts):
        if key not in results and key not in missing:
            missing[key] = text
    done = total - sum(1 for key in keys if key in missing)
    if progress:
        progress(done, total)
    pending = list(missing.items())
    size = _chunk(progress)
    for start in range(0, len(pending), size):
        chunk = pending[start:start + size]
        translated = translator.translate([text for _, text in chunk])
        store.put_many((key, text, t) for (key, text), t in zip(chunk, translated))
        for (key, _), translation in zip(chunk, translated):
            results[key] = translation
        done += sum(1 for key in keys if key in dict(chunk))
        if progress:
            progress(done, total)
    return [results[key] for key in keys]


def _in_chunks(translator: Translator, texts: list[str], progress: Progress | None,
               done: int, total: int, *, whole: bool) -> list[Translation]:
    if progress:
        progress(done, total)
    if whole or not texts:
        results = translator.translate(texts)
        if progress:
            progress(total, total)
        return results
    results: list[Translation] = []
    size = _chunk(progress)
    for start in range(0, len(texts), size):
        results += translator.translate(texts[start:start + size])
        if progress:
            progress(done + len(results), total)
    return results


def _with_language_note(translation: Translation, text: str, src_lang: str) -> Translation:
    mismatch = language_mismatch(text, src_lang)
    if not mismatch:
        return translation
    from dataclasses import replace

    note = f"{translation.note}; {mismatch}" if translation.note else mismatch
    return replace(translation, note=note)
