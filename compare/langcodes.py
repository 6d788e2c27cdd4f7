"""ISO 639-1 language codes: the presegmented aligner takes any real language (benchmarks align
German with French), but a code that names no language ("xx", "english") is a typo to refuse,
not a language to align silently without its lexicons."""
from __future__ import annotations

import functools
from pathlib import Path

from compare.model import UsageError

DATA = Path(__file__).parent / "data" / "iso639_1.tsv"


@functools.lru_cache(maxsize=1)
def iso639_1() -> dict[str, str]:
    """code → English name, for the 184 two-letter codes."""
    codes = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, _, name = line.partition("\t")
            codes[code] = name
    return codes


def require_code(code: str, option: str) -> str:
    """`code` normalised (lower case, region dropped: pt-BR → pt), or InputError."""
    given = code
    code = code.strip().lower().replace("_", "-").split("-")[0]
    if code not in iso639_1():
        raise UsageError(f"{option} {given}: not an ISO 639-1 language code (two letters, "
                         "e.g. en, ru, be, de, fr)")
    return code
