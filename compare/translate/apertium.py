"""Apertium engine for Belarusian ↔ Russian, through the `apertium` command.

One `apertium` process per batch, never one per sentence: the segments go in one after the
other, each followed by a sentinel line (§<n>§) that Apertium copies through untouched; the
text between sentinels n-1 and n is the translation of segment n.

The stock rus-bel mode crashes its tagger on many sentences (apertium bug #223), and a crash
ends the process: everything after the crash, and whatever the tagger still held in its
buffer, is lost. So when sentinels are missing, the segments whose sentinel came back are kept
and the rest is split in halves and run again, down to single segments: a segment that
crashes alone is a crasher, and no other segment is lost. Crashers are then translated in one
more process by the same mode without its statistical tagger (the constraint grammar's first
reading instead: `fallback`, on by default) and carry a note saying so; with the fallback off,
or if that fails too, they are marked failed.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

from compare.model import InputError, Translation
from compare.translate.base import TranslatorUnavailable
from compare.translate.config import user_dir

MODES = {("be", "ru"): "bel-rus", ("ru", "be"): "rus-bel"}
INSTALL = "sudo apt-get install apertium apertium-bel-rus"
SENTINEL = re.compile(r"^§(\d+)§$")
# The tagger step of a stock mode, and the constraint-grammar step before it: the fallback
# mode drops the tagger and lets the constraint grammar pick the first remaining reading.
TAGGER_STEPS = re.compile(
    r"cg-proc (?P<flags>[^|']*)'(?P<rlx>[^']+\.rlx\.bin)'\s*\|\s*apertium-tagger [^|]*\|")


class ApertiumTranslator:
    engine = "apertium"
    cacheable = True
    OPTION_NAMES = ("fallback", "mark_unknown", "command")

    @classmethod
    def accepted(cls, settings: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in settings.items() if k in cls.OPTION_NAMES}

    def __init__(self, model: str | None, src_lang: str, tgt_lang: str, *,
                 fallback: bool = True, mark_unknown: bool = False, command: str = "apertium",
                 timeout: float = 120.0):
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        mode = model or MODES.get((src_lang, tgt_lang))
        if not mode:
            raise TranslatorUnavailable(
                f"Apertium has no mode for {src_lang}→{tgt_lang} here (only be↔ru)")
        self.model = mode
        self.program = shutil.which(command)
        if self.program is None:
            raise TranslatorUnavailable(
                f"{src_lang}→{tgt_lang}: the apertium command is not installed ({INSTALL})",
                INSTALL)
        modes, self.mode_file = _installed_modes(self.program)
        if mode not in modes:
            raise TranslatorUnavailable(
                f"{src_lang}→{tgt_lang}: apertium has no {mode} mode installed ({INSTALL})",
                INSTALL)
        self.fallback = fallback
        self.mark_unknown = mark_unknown
        self.timeout = timeout
        self.revision = _revision(self.program, self.mode_file.get(mode))
        self.where = f"apertium {mode} ({self.program})"
        self.options = {"mark_unknown": str(mark_unknown).lower(),
                        "fallback": str(fallback).lower(), "revision": self.revision}
        self.engine_calls = 0  # apertium translation processes started (tests read it)
        self.probe_calls = 0  # analysis-only runs that looked for crashing segments

    # ------------------------------------------------------------------ translating

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        results: list[Translation | None] = [None] * len(texts)
        items: list[tuple[int, str]] = []
        for index, text in enumerate(texts):
            clean = " ".join(str(text).split())  # a segment is one line to apertium
            if clean:
                items.append((index, clean))
            else:
                results[index] = self._record("", note="empty segment")
        done, crashed = self._isolating(items, mode_dir=None)
        for index, text in done.items():
            results[index] = self._record(text)
        if crashed:
            self._rescue(crashed, results)
        return [r if r is not None else self._record("", failed=True, note="not translated")
                for r in results]

    def _rescue(self, crashed: list[tuple[int, str]], results: list) -> None:
        why = f"apertium {self.model} crashed on this sentence (apertium bug #223)"
        mode_dir = self._fallback_dir() if self.fallback else None
        if mode_dir is None:
            for index, _ in crashed:
                results[index] = self._record("", failed=True, note=why)
            return
        done, still = self._isolating(crashed, mode_dir=mode_dir)
        for index, text in done.items():
            results[index] = self._record(text, note=f"{why}; translated without its "
                                          f"statistical tagger (first reading of the "
                                          f"constraint grammar instead)")
        for index, _ in still:
            results[index] = self._record("", failed=True, note=f"{why}, and again without "
                                          f"its tagger")

    def _record(self, text: str, *, note: str = "", failed: bool = False) -> Translation:
        return Translation(text=text, engine=self.engine, model=self.model,
                           src_lang=self.src_lang, tgt_lang=self.tgt_lang,
                           options=self.options, failed=failed, note=note)

    def _isolating(self, items: list[tuple[int, str]], mode_dir: Path | None
                   ) -> tuple[dict[int, str], list[tuple[int, str]]]:
        """Translate items in one process; after a crash, find the crashing segments and
        translate all the others in one more process. Returns (index → translation, items
        that crash on their own)."""
        if not items:
            return {}, []
        done = self._run(items, mode_dir)
        rest = [item for item in items if item[0] not in done]
        if not rest:
            return done, []
        probe = self._probe_command(mode_dir)
        if probe is not None:
            crashers = self._find_crashers(rest, probe)
            clean = [item for item in rest if item not in crashers]
            got = self._run(clean, mode_dir) if clean else {}
            done.update(got)
            rest = [item for item in clean if item[0] not in got]  # context made it crash
            crashed = list(crashers)
        else:
            crashed = []
        # What is left (no probe for this mode, or a crash the probe did not foresee):
        # halve and run again, down to single segments.
        pending = [rest] if rest else []
        while pending:
            group = pending.pop()
            got = self._run(group, mode_dir)
            done.update(got)
            left = [item for item in group if item[0] not in got]
            if len(left) == 1:
                crashed.append(left[0])
            elif left:
                middle = len(left) // 2
                pending += [left[middle:], left[:middle]]
        crashed.sort()
        return done, crashed

    def _find_crashers(self, items: list[tuple[int, str]], probe: str
                       ) -> list[tuple[int, str]]:
        """The items that crash the analysis steps (up to the tagger) on their own: group
        testing by halves, each level's probes run side by side. A probe runs only the
        analysis, not the whole translation: five times cheaper than a full run."""
        from concurrent.futures import ThreadPoolExecutor

        crashers: list[tuple[int, str]] = []
        level = _halves(items)
        with ThreadPoolExecutor(max_workers=_workers()) as pool:
            while level:
                verdicts = list(pool.map(lambda group: self._probe(group, probe), level))
                # When nearly every group crashes (rus-bel crashes on most news sentences),
                # halving only adds probes: go straight to single sentences.
                dense = len(level) >= 2 and sum(verdicts) >= 0.75 * len(level)
                next_level = []
                for group, crashes in zip(level, verdicts):
                    if not crashes:
                        continue
                    if len(group) == 1:
                        crashers.append(group[0])
                    elif dense:
                        next_level += [[item] for item in group]
                    else:
                        next_level += _halves(group)
                level = next_level
        return sorted(crashers)

    def _probe(self, group: list[tuple[int, str]], probe: str) -> bool:
        """True when the analysis steps crash on this group."""
        feed = "".join(f"{text}\n\n" for _, text in group)
        self.probe_calls += 1
        try:
            finished = subprocess.run(["bash", "-c", probe, "probe", "-g", ""],
                                      input=feed.encode("utf-8"), capture_output=True,
                                      timeout=self.timeout)
        except (OSError, subprocess.TimeoutExpired):
            return True
        return finished.returncode != 0

    def _probe_command(self, mode_dir: Path | None) -> str | None:
        """The stock mode's steps up to its tagger, as a shell pipeline that fails when one
        step crashes; None when the mode has no such steps (or for the fallback mode)."""
        stock = self.mode_file.get(self.model)
        if stock is None or mode_dir is not None:
            return None
        try:
            text = stock.read_text(encoding="utf-8")
        except OSError:
            return None
        match = TAGGER_STEPS.search(text)
        if match is None:
            return None
        steps = text[:match.end()].rstrip().rstrip("|")
        return f"set -o pipefail; apertium-destxt | {steps} > /dev/null"

    def _run(self, group: list[tuple[int, str]], mode_dir: Path | None) -> dict[int, str]:
        """One apertium process over the group; index → translation for every segment whose
        sentinel came back (all of them unless the process died)."""
        feed = "".join(f"{text}\n\n§{n}§\n\n" for n, (_, text) in enumerate(group))
        command = [self.program]
        if mode_dir is not None:
            command += ["-d", str(mode_dir)]
        if not self.mark_unknown:
            command.append("-u")
        command.append(self.model)
        self.engine_calls += 1
        try:
            finished = subprocess.run(command, input=feed.encode("utf-8"), capture_output=True,
                                      timeout=self.timeout + len(feed) / 2000)
        except subprocess.TimeoutExpired:
            return {}
        except OSError as error:
            raise TranslatorUnavailable(f"cannot run {self.program}: {error.strerror}") from None
        output = finished.stdout.decode("utf-8", errors="replace")
        got: dict[int, str] = {}
        lines: list[str] = []
        expected = 0
        for line in output.splitlines():
            match = SENTINEL.match(line.strip())
            if match and int(match.group(1)) == expected:
                got[group[expected][0]] = " ".join(" ".join(lines).split())
                lines, expected = [], expected + 1
                if expected == len(group):
                    break
            else:
                lines.append(line)
        return got

    def _fallback_dir(self) -> Path | None:
        """A modes folder holding this mode without its statistical tagger; None when the
        stock mode does not have the expected shape (then crashers stay failed)."""
        stock = self.mode_file.get(self.model)
        if stock is None:
            return None
        try:
            text = stock.read_text(encoding="utf-8")
        except OSError:
            return None
        fallback, count = TAGGER_STEPS.subn(
            lambda m: f"cg-proc -1 -n {m.group('flags')}'{m.group('rlx')}' |", text)
        if count != 1:
            return None
        folder = user_dir("cache") / "apertium-modes" / hashlib.sha256(
            text.encode()).hexdigest()[:12]
        target = folder / "modes" / f"{self.model}.mode"
        try:
            if not target.is_file() or target.read_text(encoding="utf-8") != fallback:
                target.parent.mkdir(parents=True, exist_ok=True)
                temporary = target.with_suffix(".tmp")
                temporary.write_text(fallback, encoding="utf-8")
                temporary.replace(target)
        except OSError:
            return None
        return folder


def _halves(items: list) -> list[list]:
    middle = len(items) // 2
    return [part for part in (items[:middle], items[middle:]) if part]


def _workers() -> int:
    from compare.translate.hf import default_threads
    return default_threads()


@lru_cache(maxsize=8)
def _installed_modes(program: str) -> tuple[frozenset[str], dict[str, Path]]:
    """The modes `apertium -l` lists, and their mode files where they can be found."""
    try:
        listed = subprocess.run([program, "-l"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise TranslatorUnavailable(f"cannot run {program}: {error}") from None
    modes = frozenset(line.strip() for line in listed.stdout.decode("utf-8", "replace")
                      .splitlines() if line.strip())
    datadir = _datadir(program)
    files = {mode: datadir / "modes" / f"{mode}.mode" for mode in modes
             if (datadir / "modes" / f"{mode}.mode").is_file()}
    return modes, files


def _datadir(program: str) -> Path:
    """APERTIUM_DATADIR as the apertium script sets it (default /usr/share/apertium)."""
    try:
        head = Path(program).read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        head = ""
    match = re.search(r'APERTIUM_DATADIR="\$\{APERTIUM_DATADIR:-([^}]+)\}"', head)
    return Path(match.group(1)) if match else Path("/usr/share/apertium")


@lru_cache(maxsize=8)
def _revision(program: str, mode_file: Path | None) -> str:
    """Apertium's version and a hash of the mode file: new language data, new cache keys."""
    try:
        version = subprocess.run([program, "-V"], capture_output=True, timeout=30)
        name = version.stdout.decode("utf-8", "replace").strip().splitlines()[0]
    except (OSError, subprocess.TimeoutExpired, IndexError):
        name = "apertium"
    digest = ""
    if mode_file is not None:
        try:
            digest = hashlib.sha256(mode_file.read_bytes()).hexdigest()[:12]
        except OSError:
            pass
    return f"{name} {digest}".strip()


def check_installed(src_lang: str, tgt_lang: str) -> str:
    """'' when apertium can translate the direction, else the one-line reason."""
    try:
        ApertiumTranslator(None, src_lang, tgt_lang)
    except InputError as problem:
        return str(problem)
    return ""
