"""Speed and memory of `python -m compare align`, this working tree against an earlier commit, in one run.

Both versions run as separate processes (the whole CLI: start-up, reading, the language check,
the dictionary bridge, the alignment, printing), each with its own tree as the working folder,
on the same input files, interleaved (base, new, new, base, ...) so that a change in the load of
a shared machine hits both alike. Reported: the median wall time of each (>= 5 runs), the
ratio base / new, the median CPU time (user + system) and its ratio, and the peak resident memory
of the process (maxrss). Sizes:

  60       a 60 x 60 en–ru article pair (the bundled stories' en–ru pairs, back to back)
  5000     5,000 x 6,300 en–ru lines (those pairs repeated; Russian lines cut in two until 6,300)
  10000    10,000 x 10,000 en–ru lines (the same, repeated further; pairs of Russian lines joined
           until 10,000)

    .venv/bin/python benchmarks/align_speed.py [--base a9c2932] [--base-tree DIR] [--runs 5]
        [--sizes 60,5000,10000] [--env NAME=VALUE ...]

--base-tree: a checkout of the base commit to use (else one is made with `git worktree add`
in a temporary folder and removed afterwards). The links printed by the new tree are checked
to be the same in every run (a run that differs is reported).

Bars (issue 17): 5,000 x 6,300 >= 3x faster than a9c2932 and <= 1.2 s on a quiet 2-core
machine; 10,000 x 10,000 <= 3.0 s, peak <= 400 MB; 60 x 60 <= 0.3 s.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "benchmarks" / "devset"))

SIZES = {"60": (60, 60), "5000": (5000, 6300), "10000": (10000, 10000)}
BARS = {"60": "<= 0.3 s", "5000": ">= 3x, <= 1.2 s", "10000": "<= 3.0 s, <= 400 MB"}


def en_ru_lines() -> tuple[list[str], list[str]]:
    import variants

    src, tgt = [], []
    for pair in variants.corpus_pairs():
        if pair.src_lang == "en" and pair.tgt_lang == "ru":
            src += pair.src
            tgt += pair.tgt
    return src, tgt


def long_lines(n: int, m: int) -> tuple[list[str], list[str]]:
    """The en–ru lines repeated to n source lines, and the Russian as far; then Russian lines
    cut in two (at the space nearest their middle, evenly spread) until there are m, or, when
    there are more than m, pairs of neighbouring lines joined (evenly spread) until there are m:
    the target stays a translation of the whole source."""
    en, ru = en_ru_lines()
    src = (en * (n // len(en) + 1))[:n]
    tgt = (ru * (n // len(ru) + 1))[: round(n * len(ru) / len(en))]
    extra = m - len(tgt)
    if extra < 0:
        joins = {round(k * (len(tgt) - 2) / max(-extra - 1, 1)) // 2 * 2 for k in range(-extra)}
        out, k = [], 0
        while k < len(tgt):
            if k in joins and k + 1 < len(tgt):
                out.append(tgt[k] + " " + tgt[k + 1])
                k += 2
            else:
                out.append(tgt[k])
                k += 1
        return src, out
    cuttable = [k for k, line in enumerate(tgt) if " " in line.strip()]
    chosen = set()
    if extra > 0:
        step = (len(cuttable) - 1) / max(extra - 1, 1)
        chosen = {cuttable[round(k * step)] for k in range(extra)}
    out: list[str] = []
    for k, line in enumerate(tgt):
        if k in chosen and len(out) < m:
            spaces = [i for i, ch in enumerate(line) if ch == " "]
            cut = min(spaces, key=lambda i: abs(i - len(line) / 2))
            out += [line[:cut].strip(), line[cut:].strip()]
        else:
            out.append(line)
    return src, out[:m]


def write_inputs(folder: Path, sizes: list[str]) -> dict[str, tuple[Path, Path, int, int]]:
    en, ru = en_ru_lines()
    files = {}
    for size in sizes:
        n, m = SIZES[size]
        src, tgt = (en[:n], ru[:m]) if size == "60" else long_lines(n, m)
        a, b = folder / f"{size}.en.txt", folder / f"{size}.ru.txt"
        a.write_text("\n".join(" ".join(line.split()) for line in src) + "\n", encoding="utf-8")
        b.write_text("\n".join(" ".join(line.split()) for line in tgt) + "\n", encoding="utf-8")
        files[size] = (a, b, len(src), len(tgt))
    return files


def run_once(python: str, tree: Path, src: Path, tgt: Path, env: dict[str, str]) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak resident MB, digest of stdout) of one CLI run."""
    command = [python, "-m", "compare", "align", "--presegmented", "--src-lang", "en", "--tgt-lang", "ru",
               str(src), str(tgt)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=tree, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise SystemExit(f"{tree}: align failed (exit {process.returncode}): {stderr.strip()[-500:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, hashlib.sha1(stdout).hexdigest()[:12]


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="a9c2932", help="the earlier commit (default a9c2932)")
    parser.add_argument("--base-tree", type=Path, help="an existing checkout of the base commit")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="60,5000,10000")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="set in the environment of both versions' runs")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        if size not in SIZES:
            raise SystemExit(f"--sizes: {size!r} is not one of {', '.join(SIZES)}")
    if args.runs < 1:
        raise SystemExit("--runs: at least 1")
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # each tree imports its own compare/ (the working folder)
    for item in args.env:
        name, _, value = item.partition("=")
        env[name] = value
    scratch = Path(tempfile.mkdtemp(prefix="align_speed_"))
    made_tree = None
    try:
        base_tree = args.base_tree
        if base_tree is None:
            made_tree = scratch / "base"
            subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(made_tree), args.base],
                           check=True, capture_output=True)
            base_tree = made_tree
        base_commit = subprocess.run(["git", "-C", str(base_tree), "rev-parse", "--short", "HEAD"],
                                     capture_output=True, text=True).stdout.strip()
        new_commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                    capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        files = write_inputs(scratch, sizes)
        print(f"base {base_commit} ({base_tree}) against new {new_commit}{' + uncommitted changes' if dirty else ''} "
              f"({REPO}); {args.runs} runs each, interleaved; {os.cpu_count()} cores, load {load()}")
        trees = {"base": base_tree, "new": REPO}
        for tree in trees.values():  # compile both trees' bytecode, warm the disk cache and the bridge cache
            a, b, _, _ = files[sizes[0]]
            run_once(args.python, tree, a, b, env)
        rows = []
        for size in sizes:
            a, b, n, m = files[size]
            times = {"base": [], "new": []}
            cpu = {"base": [], "new": []}
            peaks = {"base": [], "new": []}
            digests = {"base": set(), "new": set()}
            for run in range(args.runs):
                order = ("base", "new") if run % 2 == 0 else ("new", "base")
                for name in order:
                    seconds, cpu_seconds, peak, digest = run_once(args.python, trees[name], a, b, env)
                    times[name].append(seconds)
                    cpu[name].append(cpu_seconds)
                    peaks[name].append(peak)
                    digests[name].add(digest)
            base_t, new_t = statistics.median(times["base"]), statistics.median(times["new"])
            base_c, new_c = statistics.median(cpu["base"]), statistics.median(cpu["new"])
            rows.append((f"{n} x {m}", base_t, new_t, base_t / new_t, base_c, new_c, base_c / new_c,
                         max(peaks["base"]), max(peaks["new"]), BARS[size], len(digests["new"]) == 1))
            print(f"  {n} x {m}: base {', '.join(f'{t:.2f}' for t in times['base'])}; "
                  f"new {', '.join(f'{t:.2f}' for t in times['new'])} (load {load()})", flush=True)
        print()
        # CPU time (user + system of the process) beside the wall time: on a loaded machine it
        # moves less than the wall time does
        print("| lines | base wall s | new wall s | ratio | base CPU s | new CPU s | CPU ratio | base peak MB "
              "| new peak MB | bar | new links stable |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for label, base_t, new_t, ratio, base_c, new_c, cpu_ratio, base_p, new_p, bar, stable in rows:
            print(f"| {label} | {base_t:.3f} | {new_t:.3f} | {ratio:.2f}x | {base_c:.3f} | {new_c:.3f} | {cpu_ratio:.2f}x "
                  f"| {base_p:.0f} | {new_p:.0f} | {bar} | {'yes' if stable else 'NO'} |")
        print(f"load average at the end: {load()}")
    finally:
        if made_tree is not None:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(made_tree)],
                           capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
