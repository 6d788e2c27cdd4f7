"""Reading the project's data files (word lists, patterns): one entry a line, `#` comments.

    data_lines(path) -> list[str]

A line starting with `#` is a comment; so is what follows a ` #` inside a line (entries never
contain `#`). A file that does not exist reads as empty, so an optional list can be left out.
"""
from __future__ import annotations

from pathlib import Path


def data_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            lines.append(line)
    return lines
