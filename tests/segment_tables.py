"""Reader of the segmentation tables in tests/data/segment/ (shared by the tests and
benchmarks/segment_vs_razdel.py)."""
from pathlib import Path

TABLES = Path(__file__).resolve().parent / "data" / "segment"


def read_table(lang: str) -> list[tuple[str, list[str]]]:
    """Cases of sentences.<lang>.txt: (paragraph, expected sentences)."""
    cases: list[list[str]] = []
    for line in (TABLES / f"sentences.{lang}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line == "---":
            cases.append([])
        elif line.strip() and cases:
            cases[-1].append(line)
    return [(case[0], case[1:]) for case in cases if case]
