"""`python -m compare export` and `python -m compare import`: story folders and corpus folders
to one file, conversions, what import prints, and one-line errors (exit 2, no traceback)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

from compare.cli import main
from compare.export import export_comparison
from standards import lisa_tmx_dtd
from test_export_cases import bridge_comparison

REPO = Path(__file__).resolve().parent.parent
STORIES = Path(__file__).resolve().parent / "data" / "export" / "stories"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_a_story_folder_to_a_valid_tmx(tmp_path, capsys):
    out = tmp_path / "grodno.tmx"
    code, stdout, _ = run(capsys, "export", str(STORIES / "grodno-visit"), "--format", "tmx",
                          "--out", str(out), "--no-lang-check")
    assert code == 0 and stdout.startswith("tmx: 4 record(s) from 1 story")  # the dateline stays with the lead
    root = etree.parse(str(out)).getroot()
    assert lisa_tmx_dtd().validate(root)
    units = root.find("body").findall("tu")
    # the three-way view: the Russian last sentence has no English
    assert [len(tu.findall("tuv")) for tu in units] == [3, 3, 3, 2]


def test_export_a_corpus_folder_to_one_file_and_import_it(tmp_path, capsys):
    out = tmp_path / "corpus.jsonl"
    code, stdout, err = run(capsys, "export", str(STORIES), "--out", str(out), "--pair", "ru-en",
                            "--skip-null", "--no-lang-check")
    assert code == 0 and "from 2 stories" in stdout
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["story"] for line in lines if line["type"] == "story"] == [
        "grodno-visit", "mogilev-plant"]
    assert all(line["segments"]["en"] and line["segments"]["ru"] for line in lines
               if line["type"] == "link")  # --skip-null
    code, stdout, _ = run(capsys, "import", str(out))
    assert code == 0
    assert stdout.splitlines()[0] == f"{out}: 2 stories"
    assert "story mogilev-plant (jsonl, whole record): New plant in Mogilev" in stdout


def test_several_story_folders_and_a_corpus_with_a_bad_story(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(STORIES, corpus)
    (corpus / "broken").mkdir()
    (corpus / "broken" / "en.txt").write_text("Only English here.", encoding="utf-8")
    out = tmp_path / "all.csv"
    code, stdout, err = run(capsys, "export", str(corpus), "--format", "csv", "--out", str(out),
                            "--no-lang-check")
    assert code == 0 and "from 2 stories" in stdout
    assert "warning: skipped" in err and "broken" in err


def test_convert_an_export_to_another_format_without_the_pipeline(tmp_path, capsys):
    source = tmp_path / "bridge.jsonl"
    export_comparison(bridge_comparison(), "jsonl", source)
    out = tmp_path / "bridge.xlf"
    code, stdout, _ = run(capsys, "export", str(source), "--out", str(out), "--xliff-version",
                          "1.2", "--lang-code", "en=en-GB", "--lang-code", "ru=ru-RU")
    assert code == 0 and stdout.startswith("xliff: 3 record(s)")  # the 2 null links left out
    file = etree.parse(str(out)).getroot()[0]
    assert (file.get("source-language"), file.get("target-language")) == ("ru-RU", "en-GB")


def test_import_prints_every_link_on_request(tmp_path, capsys):
    source = tmp_path / "bridge.tmx"
    export_comparison(bridge_comparison(), "tmx", source, pair=("en", "ru"), include_null=True)
    code, stdout, _ = run(capsys, "import", str(source), "--links")
    assert code == 0
    assert "  en-ru: 5 links (1 confirmed, 2 null), 3 flags" in stdout
    assert any(line.split()[:3] == ["2", "3:2", "c"] for line in stdout.splitlines())


def test_import_a_tsv_alignment(capsys):
    folder = Path(__file__).resolve().parent / "data" / "export" / "tsv"
    code, stdout, _ = run(capsys, "import", str(folder / "en-ru.tsv"), "--src",
                          str(folder / "en.txt"), "--tgt", str(folder / "ru.txt"),
                          "--no-lang-check")
    assert code == 0 and "en-ru: 5 links (0 confirmed, 2 null)" in stdout
    assert "1 segment(s) in no link (en:4)" in stdout


@pytest.mark.parametrize("argv, message", [
    (["export", "{stories}/grodno-visit", "--out", "{tmp}/x.tmx", "--pair", "en-de"],
     "--pair en-de: expected two different languages"),
    (["export", "{stories}/grodno-visit", "--out", "{tmp}/x.bin"],
     "cannot tell the format from the name"),
    (["export", "{stories}/mogilev-plant", "--out", "{tmp}/x.tmx", "--pair", "en-be",
      "--no-lang-check"], "story mogilev-plant: no en-be alignment"),
    (["export", "{tmp}/nowhere", "--out", "{tmp}/x.tmx"], "no such folder or file"),
    (["export", "{stories}/grodno-visit", "--out", "{tmp}/x.tmx", "--lang-code", "de=de-DE"],
     "--lang-code de=de-DE: expected LANG=CODE"),
    (["export", "{stories}/grodno-visit", "--out", "{tmp}/missing/x.tmx", "--no-lang-check"],
     "does not exist"),
    (["import", "{tmp}/absent.tmx"], "no such file"),
])
def test_bad_input_is_one_line_and_exit_1_usage_2(tmp_path, capsys, argv, message):
    argv = [a.format(stories=STORIES, tmp=tmp_path) for a in argv]
    code, _, err = run(capsys, *argv)
    usage = message.startswith("--") or "give --format" in err  # a wrong option
    assert code == (2 if usage else 1), err
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err
    assert "Traceback" not in err


def test_a_malicious_file_is_refused_by_the_import_command(tmp_path, capsys):
    path = tmp_path / "evil.tmx"
    path.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM '
                    '"file:///etc/passwd">]><tmx><body>&x;</body></tmx>', encoding="utf-8")
    code, _, err = run(capsys, "import", str(path))
    assert code == 1 and "refused: its DOCTYPE declares entities (x)" in err


HARD_WRAPPED = {  # a story typed with line breaks inside its paragraphs, as e-mails arrive
    "en.txt": "MINSK, 3 March (BIA) - The council met\non Tuesday to discuss the bus routes.\n"
              "It agreed\nto add two lines.\n\nWork will begin in spring.\n",
    "ru.txt": "МИНСК, 3 марта (БИА) – Совет собрался\nво вторник, чтобы обсудить автобусные "
              "маршруты. Он решил\nдобавить две линии.\n\nРаботы начнутся весной.\n",
}


@pytest.mark.parametrize("fmt", ["tmx", "csv", "xliff"])
def test_a_hard_wrapped_story_exports_one_line_segments(tmp_path, capsys, fmt):
    story = tmp_path / "wrapped"
    story.mkdir()
    for name, text in HARD_WRAPPED.items():
        (story / name).write_text(text, encoding="utf-8")
    out = tmp_path / f"wrapped.{fmt}"
    code, _, err = run(capsys, "export", str(story), "--format", fmt, "--out", str(out),
                       "--no-lang-check")
    assert code == 0, err
    written = out.read_text(encoding="utf-8-sig")
    for sentence in ("The council met on Tuesday to discuss the bus routes.",
                     "It agreed to add two lines.",
                     "Совет собрался во вторник, чтобы обсудить автобусные маршруты.",
                     "Он решил добавить две линии."):
        assert sentence in written
    assert "met\non" not in written and "решил\nдобавить" not in written


def test_line_breaks_inside_segments_are_kept_on_request(tmp_path, capsys):
    story = tmp_path / "wrapped"
    story.mkdir()
    for name, text in HARD_WRAPPED.items():
        (story / name).write_text(text, encoding="utf-8")
    out = tmp_path / "wrapped.jsonl"
    code, _, err = run(capsys, "export", str(story), "--format", "jsonl", "--out", str(out),
                       "--keep-line-breaks", "--no-lang-check")
    assert code == 0, err
    assert "It agreed\\nto add two lines." in out.read_text(encoding="utf-8")
