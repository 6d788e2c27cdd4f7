"""`python -m compare translate`: one segment per line in, one translation per line out.

    python -m compare translate --src-lang ru --tgt-lang en story.ru.txt > story.en-mt.txt
    python -m compare translate --src-lang be --tgt-lang ru --engine apertium - < lines.txt

Output goes to stdout, line for line (an empty line where a segment is empty or could not be
translated); what happened goes to stderr: engine, model, settings, how many lines came from
the cache, and every line that failed or does not look like the declared language.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time

from compare.model import InputError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="UTF-8 text, one segment per line ('-': stdin)")
    parser.add_argument("--src-lang", required=True, help="language of FILE: en, ru or be")
    parser.add_argument("--tgt-lang", required=True, help="language to translate into")
    add_engine_arguments(parser)
    parser.add_argument("--cache", metavar="PATH", help="translation cache file (default: "
                        "$WIRE_COMPARE_MT_CACHE, the config file, or the user data folder)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    """Engine choice and options (shared with `models check`)."""
    parser.add_argument("--engine", choices=("hf", "ct2", "apertium", "imported"),
                        help="default: the registry's first engine that is ready offline")
    parser.add_argument("--model", help="hub id, model folder, apertium mode, or the file of "
                        "imported translations")
    parser.add_argument("--beam", type=int, help="beam size (default 4; 1 for quick drafts)")
    parser.add_argument("--threads", type=int, help="CPU threads (default: the cores, up to 8)")
    parser.add_argument("--batch-size", type=int, help="segments per batch (default 16)")
    parser.add_argument("--max-tokens", type=int, help="longer segments are split at clause "
                        "boundaries (default 256)")
    parser.add_argument("--quantization", help="CTranslate2 weights: int8 (default), float32, …")
    parser.add_argument("--target-token", help="target token of a multi-target Marian model, "
                        "e.g. '>>bel<<'")
    parser.add_argument("--revision", help="a hub model's branch, tag or commit (default: the "
                        "snapshot main points at; download it first with models download "
                        "--revision)")
    parser.add_argument("--column", help="imported TSV: the translation column (header or number)")
    parser.add_argument("--source-column", help="imported TSV: the source column, to match "
                        "segments by their text instead of by line")
    parser.add_argument("--no-fallback", action="store_true", help="apertium: mark sentences "
                        "that crash the tagger as failed instead of translating them without it")
    parser.add_argument("--config", metavar="PATH", help="config file (default: "
                        "$WIRE_COMPARE_CONFIG or <user config dir>/wire-compare/config.toml)")


def engine_options(args: argparse.Namespace) -> dict:
    options = {"beam": args.beam, "threads": args.threads, "batch_size": args.batch_size,
               "max_tokens": args.max_tokens, "quantization": args.quantization,
               "target_token": args.target_token, "revision": args.revision,
               "column": args.column,
               "source_column": args.source_column}
    if args.no_fallback:
        options["fallback"] = False
    return {k: v for k, v in options.items() if v is not None}


def read_lines(name: str) -> list[str]:
    if name == "-":
        from compare.sources import read_stdin

        raw = read_stdin()
        label = "standard input"
    else:
        from pathlib import Path

        from compare.sources import _read_bytes

        raw = _read_bytes(Path(name))
        label = name
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{label} is not UTF-8 text (byte {raw[error.start]:#04x} at offset "
                         f"{error.start}); save it as UTF-8") from None
    return text.splitlines()


def run(args: argparse.Namespace) -> int:
    from compare.translate import get_translator, translate_segments

    # The cache's notices are printed below as warnings; do not let logging print them too.
    logging.getLogger("compare.translate.cache").addHandler(logging.NullHandler())
    lines = read_lines(args.file)
    translator = get_translator(args.src_lang, args.tgt_lang, engine=args.engine,
                                model=args.model, config_path=args.config,
                                **engine_options(args))
    cache = None if args.no_cache else (args.cache or _default_cache())
    bar = None if args.quiet else _progress_bar(len(lines))
    notices: list[str] = []
    started = time.time()
    calls_before = getattr(translator, "engine_calls", 0)
    try:
        results = translate_segments(lines, args.src_lang, args.tgt_lang, translator=translator,
                                     cache=cache, progress=bar, notices=notices,
                                     config_path=args.config)
    finally:
        if bar is not None:
            bar.close()
    out = sys.stdout
    for result in results:
        out.write(" ".join(result.text.split()) + "\n")
    out.flush()
    for notice in notices:
        print(f"warning: {notice}", file=sys.stderr)
    failed = [(n, r) for n, r in enumerate(results, 1) if r.failed]
    noted = [(n, r) for n, r in enumerate(results, 1)
             if r.note and not r.failed and r.note != "empty segment"]
    for number, result in failed:
        print(f"warning: line {number} not translated: {result.note}", file=sys.stderr)
    for number, result in noted[:20]:
        print(f"note: line {number}: {result.note}", file=sys.stderr)
    if len(noted) > 20:
        print(f"note: … and {len(noted) - 20} more lines with notes", file=sys.stderr)
    if not args.quiet:
        calls = getattr(translator, "engine_calls", 0) - calls_before
        settings = ", ".join(f"{k} {v}" for k, v in translator.options.items())
        print(f"translated {len(lines)} lines {args.src_lang}→{args.tgt_lang} with "
              f"{translator.engine} {translator.model} ({settings}) in "
              f"{time.time() - started:.1f} s; engine calls: {calls}"
              f"{'' if cache is not None else '; cache off'}", file=sys.stderr)
    return 1 if failed and len(failed) == sum(1 for line in lines if line.strip()) else 0


def _default_cache():
    from compare.translate import DEFAULT_CACHE
    return DEFAULT_CACHE


class _Bar:
    """tqdm on stderr when it is a terminal; nothing otherwise (logs stay clean)."""

    def __init__(self, total: int):
        from tqdm import tqdm
        self._bar = tqdm(total=total, unit="seg", file=sys.stderr, leave=False)

    def __call__(self, done: int, total: int) -> None:
        self._bar.total = total
        self._bar.n = done
        self._bar.refresh()

    def close(self) -> None:
        self._bar.close()


def _progress_bar(total: int):
    if not sys.stderr.isatty():
        return None
    try:
        return _Bar(total)
    except ImportError:
        return None
