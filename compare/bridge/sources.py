"""Where the bridge's dictionaries live (Debian paths) and what to install when one is missing."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DICTD_DIR = Path(os.environ.get("WIRE_COMPARE_DICTD_DIR", "/usr/share/dictd"))
APERTIUM_DIR = Path(os.environ.get("WIRE_COMPARE_APERTIUM_BELRUS_DIR", "/usr/share/apertium/apertium-bel-rus"))
BIDIX = APERTIUM_DIR / "bel-rus.autobil.bin"
ANALYSER = APERTIUM_DIR / "bel-rus.automorf.bin"
BUILD_VERSION = "4"  # of the cache's layout and of the parsing that fills it (build.py)


def lt_print_available() -> bool:
    import shutil

    return shutil.which("lt-print") is not None


@dataclass(frozen=True)
class Source:
    name: str  # what the cache and the notes call it
    package: str  # the Debian package that ships it
    files: tuple[Path, ...]
    what: str  # which direction it serves

    def present(self) -> bool:
        return all(path.exists() for path in self.files)

    def stamp(self) -> str:
        """Size and modification time of its files: a new package version changes them."""
        parts = []
        for path in self.files:
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}")
        return ",".join(parts)


def sources() -> tuple[Source, ...]:
    return (
        Source("mueller7", "mueller7-dict", (DICTD_DIR / "mueller7.index", DICTD_DIR / "mueller7.dict.dz"), "en→ru"),
        Source("freedict-eng-rus", "dict-freedict-eng-rus",
               (DICTD_DIR / "freedict-eng-rus.index", DICTD_DIR / "freedict-eng-rus.dict.dz"), "en→ru"),
        Source("apertium-bel-rus", "apertium-bel-rus", (BIDIX, ANALYSER), "be↔ru"),
    )


def package_version(package: str) -> str:
    """The installed Debian version, from dpkg's status file (no subprocess); '' if unknown."""
    try:
        text = Path("/var/lib/dpkg/status").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    for block in text.split("\n\n"):
        if f"Package: {package}\n" in block + "\n":
            for line in block.splitlines():
                if line.startswith("Version: "):
                    return line[9:].strip()
    return ""
