"""What the app's machine-translation section says, per direction: ready / not installed /
no engine here, what a browser user can do about it (point at a local model folder), the
Apertium state, and the terminal commands once, for whoever runs the server.

Pure functions over compare.translate's DirectionStatus records, so the wording is tested
without Streamlit and the page only lays it out.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from compare.model import LANG_NAMES, InputError

READY, NOT_INSTALLED, NO_ENGINE = "ready", "not installed", "no engine here"
RUBE = frozenset({("ru", "be"), ("be", "ru")})


@dataclass(frozen=True)
class Option:
    engine: str
    model: str
    ready: bool
    detail: str
    how: str = ""  # a terminal command that gets it, when there is one

    @property
    def label(self) -> str:
        return f"{self.engine} · {self.model}"


@dataclass(frozen=True)
class DirectionView:
    src: str
    tgt: str
    options: tuple[Option, ...]  # the registry's order; the first ready one runs

    @property
    def direction(self) -> str:
        return f"{self.src}-{self.tgt}"

    @property
    def label(self) -> str:
        return f"{LANG_NAMES.get(self.src, self.src)} → {LANG_NAMES.get(self.tgt, self.tgt)}"

    @property
    def ready(self) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.ready)

    @property
    def state(self) -> str:
        """ready; not installed (a model or package exists for it, it is not on this machine);
        no engine here (nothing this machine could run for it)."""
        if self.ready:
            return READY
        if any(o.how for o in self.options):
            return NOT_INSTALLED
        return NO_ENGINE

    @property
    def neural(self) -> bool:
        """A transformers/CTranslate2 model could serve it (a local folder helps)."""
        return any(o.engine in ("hf", "ct2") for o in self.options) or not self.options


def direction_views(statuses: Iterable, langs: Sequence[str]) -> list[DirectionView]:
    """The directions between the story's versions, from compare.translate.direction_status()."""
    views = []
    for status in statuses:
        if status.src_lang not in langs or status.tgt_lang not in langs:
            continue
        options = tuple(Option(o.engine, o.model, o.ready, o.detail, o.how or "")
                        for o in (status, *status.alternatives))
        views.append(DirectionView(status.src_lang, status.tgt_lang, options))
    return views


def state_line(view: DirectionView, folder_model: str = "") -> str:
    """One line of the direction's state, in the page's words (markdown, our text only)."""
    if folder_model:
        return f"✔ **{view.label}** · ready · your model folder"
    if view.state == READY:
        return f"✔ **{view.label}** · ready · {view.ready[0].label}"
    if view.state == NOT_INSTALLED:
        return f"✖ **{view.label}** · not installed here"
    return f"✖ **{view.label}** · no engine here"


def only_rube(views: Sequence[DirectionView], langs: Sequence[str], folders: Iterable[str] = ()) -> str:
    """The one sentence for a machine with Russian ↔ Belarusian MT only (Apertium), when the
    story has an English version; '' otherwise."""
    ready = {(v.src, v.tgt) for v in views if v.state == READY} | {tuple(d.split("-")) for d in folders}
    if not ready or not ready <= RUBE or "en" not in langs:
        return ""
    return ("Only Russian ↔ Belarusian MT is installed here: turning MT on shows those renderings "
            "and their scores; the English is not checked against MT.")


def apertium_line(views: Sequence[DirectionView]) -> str:
    """Apertium's state for the story's Russian ↔ Belarusian pair; '' when the story has none."""
    options = [o for v in views if (v.src, v.tgt) in RUBE for o in v.options if o.engine == "apertium"]
    if not options:
        return ""
    ready = sorted({o.model for o in options if o.ready})
    if ready:
        return (f"Apertium ({', '.join(ready)}) is installed: Russian ↔ Belarusian MT and alignment "
                "evidence run without any download.")
    return ("Apertium is not installed on this machine, so Russian ↔ Belarusian MT is off; the "
            "alignment works without it.")


def terminal_hints(views: Sequence[DirectionView]) -> list[str]:
    """Each command that would get a missing model, once (several directions may share one)."""
    hints: list[str] = []
    for view in views:
        if view.state == READY:
            continue
        for option in view.options:
            if option.how and option.how not in hints:
                hints.append(option.how)
    return hints


def model_folder(view: DirectionView, typed: str, roots: Sequence[Path]) -> tuple[str, str]:
    """(engine, model) for a local model folder the user typed for a direction; InputError
    with one line when it is not usable. The folder must be under an allowed root, as story
    folders are, so that a shared app never probes or loads arbitrary server paths."""
    from compare.folder_access import allowed_folder
    from compare.translate import models
    from compare.translate.base import TranslatorUnavailable, build

    folder = allowed_folder(typed, list(roots))
    if not folder.is_dir():
        raise InputError(f"model folder {typed}: not a folder")
    kind = models.check_folder(folder)
    engine = "ct2" if kind == "ctranslate2" else "hf"
    try:
        # No registry options: the page then runs it as get_translator(engine, model=folder)
        # does, which finds a multilingual model's target token (>>bel<<) in its vocabulary.
        build(engine, str(folder), view.src, view.tgt, {})
    except TranslatorUnavailable as problem:
        raise InputError(f"model folder {typed}: {problem}") from None
    return engine, str(folder)
