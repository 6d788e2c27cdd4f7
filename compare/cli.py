"""Command line: `python -m compare COMMAND …` (also installed as `wire-compare`).

Each command lives in compare/commands/<name>.py with `configure(parser)` and `run(args) -> int`;
they are imported only when called so that `--help` and quick commands start fast.
Bad input raises InputError, which is printed as one line (never a traceback). Exit status:
-q prints only errors, -v adds settings and timings (compare/console.py), on every command.
0 done, 1 bad input (a file that cannot be used), 2 a usage error (a wrong option; argparse's
own and UsageError), 70 an internal error (a bug: one line; WIRE_COMPARE_DEBUG=1 shows the
traceback), 130 interrupted.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from compare import __version__, console
from compare.model import InputError, UsageError

COMMANDS: dict[str, tuple[str, str]] = {
    # name: (module under compare.commands, one-line help)
    "align": ("align", "align two presegmented files, or the versions of a story folder"),
    "eval-align": ("eval_align", "strict and lax precision/recall/F1 of predicted links against gold"),
    "shifts": ("shifts", "softened / sharpened analysis of sentence pairs from a TSV"),
    "report": ("report", "a story's flags and summary"),
    "translate": ("translate", "translate one segment per line"),
    "models": ("models", "list, download, convert and check MT models"),
    "export": ("export", "export aligned pairs: tmx, xliff, xlsx, csv, jsonl, intertext"),
    "import": ("import_", "read aligned pairs back from tmx, xlsx, csv or tsv"),
}


def _command_module(module_name: str):
    try:
        return importlib.import_module(f"compare.commands.{module_name}")
    except ModuleNotFoundError as error:
        if error.name == f"compare.commands.{module_name}":
            return None  # command not built yet
        raise


DEBUG_ENV = "WIRE_COMPARE_DEBUG"


def program_name() -> str:
    """What the user typed: `wire-compare` for the installed script, `python -m compare`."""
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if not name or name in ("__main__.py", "-c") or name.endswith(".py"):
        return "python -m compare"
    return name


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # -q / -v anywhere on the line (models list -q, export … -v), as every command takes them
    quiet, verbose, argv = _verbosity_flags(list(argv))
    # Build only the parser of the command asked for: importing every command costs start-up.
    wanted = argv[0] if argv and argv[0] in COMMANDS else None
    parser = argparse.ArgumentParser(prog=program_name(), description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text,
                                        parents=[_verbosity_options()])
        command_parser.set_defaults(_module=module_name)
        if name == wanted:
            module = _command_module(module_name)
            if module is None:
                print(f"error: command '{name}' is not available in this version", file=sys.stderr)
                return 2
            module.configure(command_parser)
    args = parser.parse_args(argv)
    if quiet and verbose:
        parser.error("-q/--quiet and -v/--verbose: choose one")
    args.quiet, args.verbose = quiet or getattr(args, "quiet", False), \
        verbose or getattr(args, "verbose", False)
    if not args.command:
        parser.print_help()
        return 2
    module = _command_module(args._module)
    console.level = console.QUIET if args.quiet else console.VERBOSE if args.verbose else \
        console.NORMAL
    stderr = sys.stderr
    if args.quiet:
        sys.stderr = console.ErrorsOnly(stderr)
    console.verbose(f"{program_name()} {__version__} {args.command}: " + ", ".join(
        f"{key}={value!r}" for key, value in sorted(vars(args).items())
        if not key.startswith("_") and key not in ("command", "quiet", "verbose")))
    try:
        with console.timed(f"{args.command} took"):
            return int(module.run(args) or 0)
    except UsageError as error:
        print(f"error: {_one_line(error)}", file=sys.stderr)
        return 2
    except InputError as error:
        print(f"error: {_one_line(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    except Exception as error:  # a bug, not the user's input: still one line, and how to see more
        if os.environ.get(DEBUG_ENV):
            raise
        print(f"error: internal error in '{args.command}' ({type(error).__name__}: "
              f"{_one_line(error)[:200]}); please report it — {DEBUG_ENV}=1 shows the traceback",
              file=sys.stderr)
        return 70
    finally:
        sys.stderr = stderr
        console.level = console.NORMAL


def _verbosity_flags(argv: list[str]) -> tuple[bool, bool, list[str]]:
    """Take -q/--quiet and -v/--verbose out of the line (up to a `--`)."""
    end = argv.index("--") if "--" in argv else len(argv)
    head, tail = argv[:end], argv[end:]
    quiet = any(a in ("-q", "--quiet") for a in head)
    verbose = any(a in ("-v", "--verbose") for a in head)
    head = [a for a in head if a not in ("-q", "--quiet", "-v", "--verbose")]
    return quiet, verbose, head + tail


def _verbosity_options() -> argparse.ArgumentParser:
    """-q / -v, the same on every command (compare/console.py)."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true",
                       help="print only errors (the output itself still goes to stdout)")
    group.add_argument("-v", "--verbose", action="store_true",
                       help="also print the settings used and how long each step took (stderr)")
    return common
