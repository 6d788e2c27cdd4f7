"""How much the CLI says besides its output (-q / -v on every command).

Output (aligned pairs, tables, translations, the file written) goes to stdout as before. Around
it: notes and warnings on stderr, and a one-line summary. `-q` keeps only errors: every other
line a command writes to stderr is dropped and summaries (`info`) are not printed; `-v` adds the
settings the command ran with and how long each step took (`verbose`, `timed`), on stderr.
"""
from __future__ import annotations

import io
import sys
import time
from contextlib import contextmanager

QUIET, NORMAL, VERBOSE = 0, 1, 2
level = NORMAL


def info(message: str, *, file=None) -> None:
    """A summary line ('tmx: 25 records → out.tmx'): not with -q."""
    if level >= NORMAL:
        print(message, file=file or sys.stdout)


def verbose(message: str) -> None:
    """Settings and timings: only with -v, on stderr."""
    if level >= VERBOSE:
        print(f"verbose: {message}", file=sys.stderr)


@contextmanager
def timed(step: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        verbose(f"{step}: {time.perf_counter() - started:.2f} s")


class ErrorsOnly(io.TextIOBase):
    """stderr under -q: whole lines starting with 'error' pass, the rest (notes, warnings,
    progress bars) is dropped."""

    def __init__(self, stream):
        self.stream = stream
        self.pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            if line.lstrip().lower().startswith("error"):
                self.stream.write(line + "\n")
        if len(self.pending) > 65536:  # a progress bar redrawn with \r: never a line
            self.pending = ""
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False
