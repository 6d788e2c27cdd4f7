"""CLI habits (issue 16, item 20): -q prints only errors and -v the settings and timings, on
every command and anywhere on the line; `models list --json`; the program name in usage lines."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare.cli import COMMANDS, main

REPO = Path(__file__).resolve().parent.parent
PRESEG = REPO / "tests" / "data" / "export" / "tsv"


def cli(*argv: str, **env: str):
    return subprocess.run([sys.executable, "-m", "compare", *argv], capture_output=True,
                          text=True, cwd=REPO, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1",
                               **env})


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_offers_quiet_and_verbose(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    assert "-q, --quiet" in text and "-v, --verbose" in text


def test_quiet_keeps_the_output_and_drops_notes_and_summaries(tmp_path, capsys):
    out = tmp_path / "s.tmx"
    story = str(REPO / "corpora" / "politics-talks-vitebsk")
    assert main(["export", story, "--out", str(out), "-q", "--no-apertium"]) == 0
    captured = capsys.readouterr()
    assert out.stat().st_size > 1000  # the output is written
    assert captured.out == "" and captured.err == ""  # no summary, no notes
    assert main(["export", story, "--out", str(out), "--no-apertium"]) == 0
    assert "tmx:" in capsys.readouterr().out  # without -q the summary is there


def test_quiet_still_prints_the_error_line(capsys):
    assert main(["-q", "export", "/no/such/story", "--out", "x.tmx"]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1


def test_verbose_prints_settings_and_timings_on_stderr(capsys):
    assert main(["models", "list", "-v"]) == 0
    err = capsys.readouterr().err
    assert "verbose: " in err and "action='list'" in err
    assert any(line.startswith("verbose: models took: ") and line.endswith(" s")
               for line in err.splitlines())


def test_quiet_and_verbose_together_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["models", "list", "-q", "-v"])
    assert exit_.value.code == 2


def test_models_list_json_is_one_object_with_every_direction(capsys):
    assert main(["models", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    from compare.translate.base import registry_directions

    assert [d["direction"] for d in data["directions"]] == \
        [f"{s}-{t}" for s, t in registry_directions()]
    assert data["total"] == len(data["directions"])
    assert data["ready"] == sum(d["ready"] for d in data["directions"])
    for entry in data["directions"]:
        assert set(entry) >= {"engine", "model", "ready", "detail", "how", "alternatives"}
        assert entry["ready"] or entry["how"] or entry["detail"]


@pytest.mark.parametrize("argv0, shown", [("wire-compare", "usage: wire-compare export"),
                                          ("/usr/lib/x/__main__.py", "usage: python -m compare export")])
def test_usage_lines_name_the_program_as_typed(monkeypatch, capsys, argv0, shown):
    monkeypatch.setattr(sys, "argv", [argv0])
    with pytest.raises(SystemExit):
        main(["export"])
    assert shown in capsys.readouterr().err
