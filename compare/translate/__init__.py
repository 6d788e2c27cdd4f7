"""Machine translation both ways: one interface over transformers, CTranslate2, Apertium and
imported translations, a registry of default models per direction, and a SQLite cache.

    from compare.translate import get_translator, translate_segments, direction_status
    translations = translate_segments(texts, "ru", "en")        # cached; zero engine calls
                                                                 # the second time
    translator = get_translator("ru", "be", engine="apertium")  # or hf / ct2 / imported
    translator.translate(texts)                                  # list[Translation]

Nothing here downloads anything or loads a model at import: a direction whose model is not
on this machine raises TranslatorUnavailable (an InputError) whose message names what is
missing and the command that fetches it.
"""
from compare.translate.base import (
    DirectionStatus,
    Translator,
    TranslatorUnavailable,
    direction_status,
    get_translator,
)
from compare.translate.cache import TranslationCache
from compare.translate.imported import read_translations
from compare.translate.service import DEFAULT_CACHE, translate_segments

__all__ = [
    "DEFAULT_CACHE",
    "DirectionStatus",
    "TranslationCache",
    "Translator",
    "TranslatorUnavailable",
    "direction_status",
    "get_translator",
    "read_translations",
    "translate_segments",
]
