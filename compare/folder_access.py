"""Which server folders the app's "folder" source may open.

The app may be shared over a network, and a text box that opens any path would let every
visitor read any story-shaped folder on the server (and probe which paths exist). So the folder
source opens only folders under the bundled corpus and under the roots that the person who
launches the app names in WIRE_COMPARE_FOLDER_ROOTS (several separated by os.pathsep: ":" on
Linux and macOS, ";" on Windows):

    WIRE_COMPARE_FOLDER_ROOTS=/srv/stories bash scripts/app.sh

A path is resolved first (".." and symbolic links followed), so neither can lead outside a root;
and so is every file in the folder, since `en.txt` may itself be a link to a file elsewhere.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

from compare.model import InputError

FOLDER_ROOTS_ENV = "WIRE_COMPARE_FOLDER_ROOTS"


def allowed_roots(corpus: Path, environ: Mapping[str, str] = os.environ) -> list[Path]:
    """The roots the user gave at launch, in order, then the bundled corpus; all resolved."""
    given = [Path(part.strip()).expanduser().resolve()
             for part in environ.get(FOLDER_ROOTS_ENV, "").split(os.pathsep) if part.strip()]
    return given + [Path(corpus).resolve()]


def allowed_folder(typed: str, roots: list[Path]) -> Path:
    """The folder that `typed` names, resolved, when it lies under one of `roots`.

    A relative path is read under the first root (the first one the user gave, or the corpus).
    Anything else raises InputError before the path is looked at, so the message says nothing
    about whether it exists."""
    path = Path(typed.strip()).expanduser()
    if not path.is_absolute():
        path = roots[0] / path
    resolved = path.resolve()
    if _inside(resolved, roots):
        _check_files(resolved, roots)
        return resolved
    user_roots = [str(root) for root in roots[:-1]]
    allowed = "the sample corpus" + (" and " + ", ".join(user_roots) if user_roots else "")
    raise InputError(f"{typed.strip()}: outside the folders this app may open ({allowed}); "
                     f"whoever starts the app can allow a folder with {FOLDER_ROOTS_ENV}=/path")


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path.is_relative_to(root) for root in roots)


def _check_files(folder: Path, roots: list[Path]) -> None:
    """Every entry of the folder (what a story reader may open: en.txt, story.toml …) resolved:
    one that leads outside the roots is refused, without saying where it leads."""
    try:
        entries = list(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return  # the story reader says what is wrong with the folder
    for entry in entries:
        try:
            target = entry.resolve(strict=False)
        except (OSError, RuntimeError):  # a symlink loop
            raise InputError(f"{entry}: a symbolic link that cannot be followed (a loop?)") from None
        if not _inside(target, roots):
            raise InputError(f"{entry}: a link to a file outside the folders this app may open; "
                             "copy the file into the folder instead")
