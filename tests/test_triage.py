"""Triage marks: a flag known again by kind, rule, terms and its link's texts; stored per
story text; undoable; honoured by `report` (--no-triage shows everything)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from compare.model import Flag
from compare.sources import load_story
from compare.triage import TriageStore, flag_id

REPO = Path(__file__).resolve().parent.parent
STORY = REPO / "corpora" / "health-heart-screening-gomel"
FLAG = Flag("softened", "reporting_verb", "подчеркнул", "said", "…", rule="stress>say")


@pytest.mark.parametrize("other, same", [
    (("Министр подчеркнул  это.", "The minister  said so."), True),   # spacing / case folded
    (("Министр подчеркнул это.", "The Minister said so."), True),
    (("Министр подчеркнул то.", "The minister said so."), False),     # another sentence
])
def test_flag_id_follows_the_texts_not_the_position(other, same):
    assert (flag_id(FLAG, "Министр подчеркнул это.", "The minister said so.") == flag_id(FLAG, *other)) is same


def test_marks_are_kept_per_story_text_and_can_be_undone(tmp_path):
    story = load_story(STORY, check_lang=False)
    store = TriageStore(tmp_path / "s.sqlite")
    store.mark(story, "abc", "false_alarm", "house style")
    store.mark(story, "def", "checked")
    assert store.marks(story) == {"abc": ("false_alarm", "house style"), "def": ("checked", "")}
    assert store.undo(story, "abc") is None
    store.clear(story, "def")
    assert store.marks(story) == {}
    assert store.undo(story, "def") == "checked"
    with pytest.raises(Exception, match="unknown triage mark"):
        store.mark(story, "abc", "ignore")


def _report(env, *extra):
    result = subprocess.run([sys.executable, "-m", "compare", "report", str(STORY), "--gold",
                             "--no-apertium", *extra], capture_output=True, text=True, env=env,
                            cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_report_leaves_marked_flags_out_of_the_counts(tmp_path):
    import os

    env = {**os.environ, "WIRE_COMPARE_STORE": str(tmp_path / "store.sqlite")}
    lines = [json.loads(line) for line in _report(env, "--format", "jsonl").splitlines()]
    first = next(flag for line in lines if line["type"] == "link" for flag in line["flags"])
    total = lines[-1]["total_flags"]
    _report(env, "--mark", first["id"], "false_alarm", "--note", "house style")
    after = [json.loads(line) for line in _report(env, "--format", "jsonl").splitlines()]
    assert after[-1]["total_flags"] == total - 1
    marked = [f for line in after if line["type"] == "link" for f in line["flags"] if f["id"] == first["id"]]
    assert marked[0]["triage"] == {"mark": "false_alarm", "note": "house style"}
    everything = [json.loads(line) for line in _report(env, "--format", "jsonl", "--no-triage").splitlines()]
    assert everything[-1]["total_flags"] == total
