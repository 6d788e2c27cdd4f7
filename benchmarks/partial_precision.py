"""Partial omission / addition flags on real faithful translations, read through `report`.

    .venv/bin/python benchmarks/partial_precision.py DEVDIR [--gold] [--show]

DEVDIR holds story folders (en.txt / ru.txt / be.txt, story.toml; kept outside the repository:
real pages are never committed). Every story is read as a user reads it, `python -m compare
report --format jsonl --all STORY` (the aligner's links; --gold: the folder's gold where the
report supports it), and the partial.* flags (compare/analyze/partial.py) are counted per sentence
pair (a link with a sentence on both sides). On faithful translations every such flag is taken
for a false alarm; the bar is at most one per 20 sentence pairs. --show prints each flag with the
two texts (page text on the terminal, for the developer only: never paste it into a commit).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BAR_PER_20 = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devdir")
    parser.add_argument("--gold", action="store_true", help="pass --gold to report")
    parser.add_argument("--show", action="store_true", help="print each flag with its texts")
    args = parser.parse_args()
    root = Path(args.devdir)
    stories = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))
                     and any((p / f"{lang}.txt").exists() for lang in ("en", "ru", "be")))
    if not stories:
        print(f"{root}: no story folders", file=sys.stderr)
        return 1
    total_pairs = total_flags = 0
    for story in stories:
        command = [sys.executable, "-m", "compare", "report", "--format", "jsonl", "--all", str(story)]
        done = subprocess.run(command + (["--gold"] if args.gold else []), capture_output=True,
                              text=True, cwd=REPO)
        if done.returncode:
            print(f"{story.name}: report failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        pairs = flags = 0
        for line in done.stdout.splitlines():
            record = json.loads(line)
            original, translation = record.get("original", {}), record.get("translation", {})
            if record.get("type") != "link" or not (original.get("ids") and translation.get("ids")):
                continue
            pairs += 1
            for flag in record.get("flags", []):
                if flag.get("rule", "").startswith("partial."):
                    flags += 1
                    if args.show:
                        print(f"  {record['pair']} {flag['rule']} «{flag['source_term'] or flag['target_term']}»\n"
                              f"    {original['text']}\n    {translation['text']}")
        print(f"{story.name:36s} {pairs:4d} sentence pairs  {flags} partial flag(s)")
        total_pairs += pairs
        total_flags += flags
    rate = 20 * total_flags / total_pairs if total_pairs else 0.0
    print(f"\n{len(stories)} stories, {total_pairs} sentence pairs, {total_flags} partial flags = "
          f"{rate:.2f} per 20 pairs  (bar ≤ {BAR_PER_20:g})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
