"""Force analysis: tables of real sentence pairs with the verdicts a careful editor expects."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from compare.analyze.force import FORCE_SIGNATURE, analyze_force

DATA = Path(__file__).parent / "data" / "force"


def _table(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


CASES = _table("cases.tsv")


@pytest.mark.parametrize("case", CASES, ids=[case["what it shows"][:50] for case in CASES])
def test_core_cases(case):
    analysis = analyze_force(case["source"], case["target"], case["src_lang"], case["tgt_lang"])
    assert analysis.verdict == case["verdict"], [flag.explanation for flag in analysis.flags]
    if case["severity"]:
        assert max((flag.severity for flag in analysis.flags), key=["low", "medium", "high"].index) == case["severity"]
    for flag in analysis.flags:  # every flag shows its evidence
        assert flag.explanation and (flag.source_term or flag.target_term) and flag.rule


BAD_INPUT = [
    ("", "The minister said."),
    ("Министр заявил.", ""),
    ("   ", "\t"),
    ("!!! … — 2024, 15:30", "2024, 15:30"),
    ("Министр заявил that the talks will go on", "The minister said the talks would go on."),
    ("Министр подчеркнул, что переговоры продолжатся. " * 110, "The minister said."),
]


@pytest.mark.parametrize("source,target", BAD_INPUT)
def test_bad_input_gives_none_with_a_note(source, target):
    analysis = analyze_force(source, target, "ru", "en")
    assert analysis.verdict == "none" and analysis.note and not analysis.flags


@pytest.mark.parametrize("source,target,src_lang,verdict", [
    ("Міністр нібыта атрымаў хабар.", "The minister received a bribe.", "ru", "sharpened"),
    ("Министр якобы получил взятку.", "The minister received a bribe.", "be", "sharpened"),
    ("Міністр заявіў, што перамовы працягнуцца.", "The minister said the talks would continue.", "ru", "none"),
])
def test_a_belarusian_row_under_ru_is_analysed_as_belarusian(source, target, src_lang, verdict):
    """A ru/be file run with one --src-lang: each row in its own language, with a note."""
    analysis = analyze_force(source, target, src_lang, "en")
    assert analysis.verdict == verdict and "analysed as" in analysis.note


def test_signature_names_the_settings():
    assert {"lexicon", "concepts", "threshold", "ru", "en", "be"} <= set(FORCE_SIGNATURE)


def _shifts(tmp_path, text: str, *args: str) -> subprocess.CompletedProcess:
    path = tmp_path / "pairs.tsv"
    path.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "compare", "shifts", *args, str(path)],
        capture_output=True, text=True, cwd=Path(__file__).parent.parent,
    )


def test_cli_one_json_line_per_row_bad_rows_included(tmp_path):
    rows = [
        "target\tid\tsource",
        "The minister slammed the decision.\t1\tМинистр прокомментировал решение.",
        "\t2\t",
        "123\t3\t456",
        '"We will not back down," he warned.\t4\t«Мы не отступим», — заявил он.',
    ]
    result = _shifts(tmp_path, "\n".join(rows) + "\n", "--src-lang", "ru", "--tgt-lang", "en")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["verdict"] for line in lines] == ["sharpened", "none", "none", "sharpened"]
    assert lines[1]["note"] and lines[2]["note"]
    flag = lines[0]["flags"][0]
    assert {"category", "source_term", "target_term", "source_level", "target_level", "severity", "explanation"} <= set(flag)
    assert "«" in result.stdout  # ensure_ascii=False: Cyrillic and quotes as written


@pytest.mark.parametrize("text,message", [
    (None, "no such file"),
    ("src\ttgt\nа\tb\n", "missing column"),
])
def test_cli_bad_file_one_line_exit_1(tmp_path, text, message):
    if text is None:
        result = subprocess.run(
            [sys.executable, "-m", "compare", "shifts", str(tmp_path / "missing.tsv")],
            capture_output=True, text=True, cwd=Path(__file__).parent.parent,
        )
    else:
        result = _shifts(tmp_path, text)
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


BLIND_TABLES = ["blind_a.tsv", "blind_b.tsv", "blind_c.tsv", "blind_d.tsv", "blind_e.tsv", "blind_f.tsv", "blind_g.tsv"]


@pytest.mark.parametrize("table,bar", [("labelled.tsv", 0.95)] + [(name, 0.90) for name in BLIND_TABLES])
def test_verdict_accuracy_on_the_labelled_tables(table, bar):
    """The labelled wire pairs (faithful ones included): the bar for unseen pairs is 0.90.
    The blind sets were written by a second annotator before the lexicon was tuned on them; their
    first-run figures are in tests/data/force/README.md, and these asserts keep later changes from
    losing what they taught."""
    rows = _table(table)
    right = sum(
        analyze_force(row["source"], row["target"], row["src_lang"], row["tgt_lang"]).verdict == row["verdict"]
        for row in rows
    )
    assert len(rows) >= 40 and right / len(rows) >= bar, f"{right}/{len(rows)}"
    faithful = [row for row in rows if row["verdict"] == "none"]
    alarms = sum(
        analyze_force(row["source"], row["target"], row["src_lang"], row["tgt_lang"]).verdict != "none"
        for row in faithful
    )
    assert alarms * 40 <= len(faithful)  # at most one false alarm per 40 faithful pairs
