"""The light core install: the wheel with no extras, in a clean virtual environment, runs
align, report and export on a story outside the checkout (no streamlit, no torch)."""
import os
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=900, **kwargs)


def test_the_core_wheel_works_outside_the_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    built = run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)])
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(wheels.glob("wire_compare-*.whl"))
    env_dir = tmp_path / "core"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    installed = run([str(python), "-m", "pip", "install", "-q", "-c", str(REPO / "constraints.txt"), str(wheel)])
    assert installed.returncode == 0, installed.stderr[-2000:]
    listed = run([str(python), "-m", "pip", "list", "--format=freeze"]).stdout.lower()
    assert "streamlit" not in listed and "torch" not in listed and "transformers" not in listed

    work = tmp_path / "outside"
    story = work / "story"
    story.mkdir(parents=True)
    for name in ("en.txt", "ru.txt", "be.txt", "story.toml"):
        (story / name).write_bytes((REPO / "corpora" / "politics-talks-vitebsk" / name).read_bytes())
    env = {**os.environ, "WIRE_COMPARE_STORE": str(work / "store.sqlite"),
           "WIRE_COMPARE_MT_CACHE": str(work / "mt.sqlite"), "PYTHONPATH": ""}
    cli = env_dir / "bin" / "wire-compare"
    aligned = run([str(cli), "align", "story", "--format", "jsonl"], cwd=work, env=env)
    assert aligned.returncode == 0, aligned.stderr[-2000:]
    assert '"kind": "title"' in aligned.stdout.splitlines()[0]
    reported = run([str(cli), "report", "story"], cwd=work, env=env)
    assert reported.returncode == 0 and "flags" in reported.stdout, reported.stderr[-2000:]
    exported = run([str(cli), "export", "story", "--format", "tmx", "--pair", "en-ru", "--out", "story.tmx"],
                   cwd=work, env=env)
    assert exported.returncode == 0, exported.stderr[-2000:]
    assert (work / "story.tmx").read_text(encoding="utf-8").count("<tu") > 10
