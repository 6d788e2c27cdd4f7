"""The Translator interface, the registry of default models per direction, and engine choice.

A Translator turns a batch of segments of one direction into Translation records that carry
the engine, model and options that made them. `get_translator` picks the engine and model for
a direction: explicit arguments, then environment, then the config file, then the registry
(registry.toml: the first candidate that is ready offline). Nothing here loads a model or
touches the network: engines load their weights on the first `translate` call, so that a
story found in the cache never pays for a model load.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Protocol, Sequence, runtime_checkable

from compare.model import InputError, Translation

HERE = Path(__file__).resolve().parent
ENGINES = ("hf", "ct2", "apertium", "imported")


class TranslatorUnavailable(InputError):
    """A direction cannot be translated here: the one-line message says what is missing and
    the command that fetches it (also in `how`). The rest of the tool keeps working."""

    def __init__(self, message: str, how: str = ""):
        super().__init__(message)
        self.how = how


@runtime_checkable
class Translator(Protocol):
    engine: str
    model: str  # hub id, folder, apertium mode or imported file: what the user would name
    src_lang: str
    tgt_lang: str
    revision: str  # what exactly was used (hub commit, folder fingerprint, program version)
    options: Mapping[str, str]  # settings that change the output (beam, target token, …)
    cacheable: bool  # False when outputs are not a function of the source text alone

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        """One Translation per text, same order. A segment the engine cannot translate comes
        back with failed=True and a note; it never costs the other segments."""
        ...


@dataclass(frozen=True)
class Candidate:
    engine: str
    model: str
    target_token: str | None = None


@dataclass(frozen=True)
class DirectionStatus:
    src_lang: str
    tgt_lang: str
    engine: str
    model: str
    ready: bool  # can translate now, offline
    detail: str  # where the model is, or what is missing
    how: str = ""  # the command that makes it ready ("" when ready)
    alternatives: tuple["DirectionStatus", ...] = field(default=())

    @property
    def direction(self) -> str:
        return f"{self.src_lang}-{self.tgt_lang}"


@lru_cache(maxsize=1)
def registry() -> Mapping[str, Any]:
    with (HERE / "registry.toml").open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def languages() -> Mapping[str, Any]:
    with (HERE / "languages.toml").open("rb") as handle:
        return tomllib.load(handle)


def language_name(lang: str) -> str:
    return languages().get(lang, {}).get("name", lang)


def registry_directions() -> list[tuple[str, str]]:
    return [tuple(name.split("-", 1)) for name in registry()["directions"]]  # type: ignore[misc]


def candidates(src_lang: str, tgt_lang: str) -> list[Candidate]:
    entry = registry()["directions"].get(f"{src_lang}-{tgt_lang}", {})
    return [Candidate(**item) for item in entry.get("candidates", [])]


def download_command(src_lang: str, tgt_lang: str) -> str:
    return f"python -m compare models download {src_lang}-{tgt_lang}"


def get_translator(src_lang: str, tgt_lang: str, *, engine: str | None = None,
                   model: str | None = None, config_path: str | Path | None = None,
                   **options: Any) -> Translator:
    """The translator for a direction. engine/model/options given here win over the
    environment, which wins over the config file, which wins over the registry.

    Raises TranslatorUnavailable (an InputError) when nothing can translate the direction
    offline, with the command that fixes it."""
    from compare.translate import config

    if src_lang == tgt_lang:
        raise InputError(f"source and target language are both '{src_lang}'")
    settings = config.direction_settings(src_lang, tgt_lang, config_path)
    explicit = {k: v for k, v in options.items() if v is not None}
    settings.update(explicit)
    if engine is not None:
        # A model named in the config or environment still applies (e.g. the folder of a
        # transformers model that --engine ct2 then converts).
        settings["engine"] = engine
    if model is not None:
        settings["model"] = model
    chosen_engine = settings.pop("engine", None)
    chosen_model = settings.pop("model", None)
    config.check_options(settings, where="options")

    if chosen_engine is None and chosen_model is None:
        return _first_ready(src_lang, tgt_lang, settings)
    if chosen_engine is None:
        chosen_engine = _engine_for_model(chosen_model)
    if chosen_engine not in ENGINES:
        raise InputError(f"unknown MT engine '{chosen_engine}': use one of {', '.join(ENGINES)}")
    if chosen_model is None:
        chosen_model, token = _registry_model(src_lang, tgt_lang, chosen_engine)
        if token and "target_token" not in settings:
            settings["target_token"] = token
    elif "target_token" not in settings:
        settings.update(_registry_target_token(src_lang, tgt_lang, chosen_model))
    return build(chosen_engine, chosen_model, src_lang, tgt_lang, settings)


def build(engine: str, model: str, src_lang: str, tgt_lang: str,
          settings: Mapping[str, Any]) -> Translator:
    """Construct an engine's translator: cheap checks only (files, programs), no loading."""
    if engine == "hf":
        from compare.translate.hf import HFTranslator as cls
    elif engine == "ct2":
        from compare.translate.ct2 import CT2Translator as cls
    elif engine == "apertium":
        from compare.translate.apertium import ApertiumTranslator as cls
    elif engine == "imported":
        from compare.translate.imported import ImportedTranslator as cls
    else:
        raise InputError(f"unknown MT engine '{engine}': use one of {', '.join(ENGINES)}")
    return cls(model, src_lang, tgt_lang, **cls.accepted(settings))


def _engine_for_model(model: str) -> str:
    if model in ("bel-rus", "rus-bel"):
        return "apertium"
    return "hf"


def _registry_model(src_lang: str, tgt_lang: str, engine: str) -> tuple[str, str | None]:
    """The registry's model for a direction when the user names only the engine: ct2 runs
    the registry's transformers model, converted."""
    wanted = "hf" if engine == "ct2" else engine
    for candidate in candidates(src_lang, tgt_lang):
        if candidate.engine == wanted:
            return candidate.model, candidate.target_token
    if engine == "imported":
        raise InputError("the imported engine needs the file of translations: --model FILE")
    raise TranslatorUnavailable(
        f"no default {engine} model for {src_lang}→{tgt_lang}: name one with --model")


def _registry_target_token(src_lang: str, tgt_lang: str, model: str) -> dict[str, str]:
    for candidate in candidates(src_lang, tgt_lang):
        if candidate.model == model and candidate.target_token:
            return {"target_token": candidate.target_token}
    return {}


def _first_ready(src_lang: str, tgt_lang: str, settings: Mapping[str, Any]) -> Translator:
    found = candidates(src_lang, tgt_lang)
    if not found:
        known = ", ".join(f"{s}→{t}" for s, t in registry_directions())
        raise TranslatorUnavailable(
            f"no MT model is registered for {src_lang}→{tgt_lang} (registered: {known}); "
            f"name one with --engine/--model")
    problems: list[TranslatorUnavailable] = []
    for candidate in found:
        options = dict(settings)
        if candidate.target_token and "target_token" not in options:
            options["target_token"] = candidate.target_token
        try:
            return build(candidate.engine, candidate.model, src_lang, tgt_lang, options)
        except TranslatorUnavailable as problem:
            problems.append(problem)
    if len(problems) == 1:
        raise problems[0]
    raise TranslatorUnavailable(" — or: ".join(str(p) for p in problems))


def direction_status(config_path: str | Path | None = None) -> list[DirectionStatus]:
    """For every registered direction: the engine and model that would run, whether it is
    ready offline, and how to get it. Cheap: looks at files and programs, loads nothing."""
    from compare.translate import config

    statuses = []
    for src_lang, tgt_lang in registry_directions():
        settings = config.direction_settings(src_lang, tgt_lang, config_path)
        pinned = settings.get("engine") or settings.get("model")
        if pinned:
            options = {k: v for k, v in settings.items() if k not in ("engine", "model")}
            engine = settings.get("engine") or _engine_for_model(settings["model"])
            model = settings.get("model") or _registry_model(src_lang, tgt_lang, engine)[0]
            checks = [_status(src_lang, tgt_lang, Candidate(engine, model), options)]
        else:
            checks = [_status(src_lang, tgt_lang, c, settings)
                      for c in candidates(src_lang, tgt_lang)]
        ready = [s for s in checks if s.ready]
        main = ready[0] if ready else checks[0]
        others = tuple(s for s in checks if s is not main)
        statuses.append(DirectionStatus(
            main.src_lang, main.tgt_lang, main.engine, main.model, main.ready, main.detail,
            main.how, others))
    return statuses


def _status(src_lang: str, tgt_lang: str, candidate: Candidate,
            settings: Mapping[str, Any]) -> DirectionStatus:
    options = dict(settings)
    if candidate.target_token:
        options.setdefault("target_token", candidate.target_token)
    try:
        translator = build(candidate.engine, candidate.model, src_lang, tgt_lang, options)
    except TranslatorUnavailable as problem:
        return DirectionStatus(src_lang, tgt_lang, candidate.engine, candidate.model, False,
                               str(problem), problem.how)
    except InputError as problem:
        return DirectionStatus(src_lang, tgt_lang, candidate.engine, candidate.model, False,
                               str(problem))
    detail = getattr(translator, "where", "") or "ready"
    return DirectionStatus(src_lang, tgt_lang, candidate.engine, candidate.model, True, detail)
