"""`python -m compare align`: the presegmented form prints exactly one link per line and nothing
else; a story folder prints the side-by-side view; bad input is one line and exit 2."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from compare.cli import main

REPO = Path(__file__).resolve().parent.parent
STORY = REPO / "corpora" / "politics-talks-vitebsk"
EN = STORY / "gold" / "segments.en.txt"
RU = STORY / "gold" / "segments.ru.txt"
BE = STORY / "gold" / "segments.be.txt"


def test_presegmented_prints_only_links(capsys):
    assert main(["align", "--src-lang", "en", "--tgt-lang", "ru", "--presegmented", str(EN), str(RU)]) == 0
    out = capsys.readouterr().out
    rows = out.splitlines()
    for row in rows:
        src, tgt = row.split("\t")  # exactly one tab
        assert all(x.isdigit() for x in src.split(",") if src) and all(x.isdigit() for x in tgt.split(",") if tgt)
        assert src or tgt
    src_ids = [int(x) for row in rows for x in row.split("\t")[0].split(",") if x]
    tgt_ids = [int(x) for row in rows for x in row.split("\t")[1].split(",") if x]
    assert src_ids == list(range(len(EN.read_text().splitlines())))
    assert tgt_ids == list(range(len(RU.read_text().splitlines())))
    gold = (STORY / "gold" / "en-ru.tsv").read_text().splitlines()
    assert len(set(rows) & set(gold)) >= 0.9 * len(gold)


def test_presegmented_as_a_subprocess_keeps_stdout_clean(tmp_path):
    ru = tmp_path / "ru.txt"
    ru.write_bytes(RU.read_bytes().replace(b"\n", b"\r\n", 5))  # mixed line endings
    result = subprocess.run(
        [sys.executable, "-m", "compare", "align", "--src-lang", "ru", "--tgt-lang", "be", "--presegmented",
         str(ru), str(BE)], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == ["0\t0", "1\t1", "2\t2"]
    assert "Traceback" not in result.stderr


def test_mt_file_is_used(tmp_path, capsys):
    # the Russian itself stands in for a translation of the Russian into Belarusian: still a
    # translation line for line, and it must be recorded in the signature
    assert main(["align", "--src-lang", "ru", "--tgt-lang", "be", "--presegmented", str(RU), str(BE),
                 "--mt", str(RU), "--signature"]) == 0
    captured = capsys.readouterr()
    assert "mt(segments.ru.txt)" in captured.err
    assert captured.out.splitlines()[0] == "0\t0"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name,data,words", [
    ("empty.txt", b"", ["empty.txt", "empty"]),
    ("blank.txt", b"\n\n  \n", ["blank.txt"]),
    ("binary.txt", bytes(range(256)) * 4, ["binary.txt"]),
    ("pdf.txt", b"%PDF-1.4 ...", ["pdf.txt", "PDF"]),
    ("russian.txt", "Президент провёл переговоры с министром. Стороны обсудили сотрудничество и торговлю.".encode(),
     ["russian.txt", "Russian"]),
])
def test_bad_source_file_is_one_line_naming_it(tmp_path, capsys, name, data, words):
    bad = write(tmp_path / name, data)
    assert main(["align", "--src-lang", "en", "--tgt-lang", "ru", "--presegmented", str(bad), str(RU)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip()
    assert err.count("\n") == 0
    for word in words:
        assert word in err


def test_missing_file_and_wrong_mt_length(tmp_path, capsys):
    assert main(["align", "--src-lang", "en", "--tgt-lang", "ru", "--presegmented", str(tmp_path / "no.txt"), str(RU)]) == 1
    assert "no.txt" in capsys.readouterr().err
    short = write(tmp_path / "mt.txt", "Одна строка.\n".encode())
    assert main(["align", "--src-lang", "en", "--tgt-lang", "ru", "--presegmented", str(EN), str(RU),
                 "--mt", str(short)]) == 1
    err = capsys.readouterr().err
    assert "mt.txt" in err and "line for line" in err


def test_unrelated_files_warn_but_still_print(tmp_path, capsys):
    other = REPO / "corpora" / "agriculture-grain-harvest" / "gold" / "segments.ru.txt"
    assert main(["align", "--src-lang", "en", "--tgt-lang", "ru", "--presegmented", str(EN), str(other)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip()
    assert "warning:" in captured.err and "not be translations" in captured.err


def test_story_folder_table_tsv_and_jsonl(capsys):
    assert main(["align", str(STORY)]) == 0
    table = capsys.readouterr().out
    assert "English" in table and "Russian" in table and "Belarusian" in table
    assert "VITEBSK" in table and "ВИТЕБСК" in table and "ВІЦЕБСК" in table
    assert main(["align", str(STORY), "--format", "tsv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split("\t") == ["row", "en_ids", "en_text", "ru_ids", "ru_text", "be_ids", "be_text", "kind"]
    assert main(["align", str(STORY), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    rows = [r for r in records if "row" in r]
    for lang in ("en", "ru", "be"):
        ids = [i for r in rows for i in r[lang]["ids"]]
        assert ids == sorted(ids) and len(ids) == len(set(ids))


def test_story_folder_that_is_not_a_folder(tmp_path, capsys):
    assert main(["align", str(tmp_path / "nothing")]) == 1
    assert "nothing" in capsys.readouterr().err


# Start-up: aligning two files imports what the alignment needs and nothing of the app, the MT
# engines, the exports or the three-way view; without the language check, not the language
# identifier either (each of these costs tens to hundreds of milliseconds of a short run).
NOT_FOR_TWO_FILES = ("streamlit", "torch", "transformers", "ctranslate2", "openpyxl", "docx", "lxml",
                     "compare.align.threeway", "compare.export", "compare.translate", "review")


@pytest.mark.parametrize("lang_check", [True, False])
def test_aligning_two_files_imports_only_what_it_needs(lang_check):
    en, ru = STORY / "gold" / "segments.en.txt", STORY / "gold" / "segments.ru.txt"
    command = [sys.executable, "-X", "importtime", "-m", "compare", "align", "--presegmented",
               "--src-lang", "en", "--tgt-lang", "ru", str(en), str(ru)] + ([] if lang_check else ["--no-lang-check"])
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    unwanted = sorted(m for m in imported if any(m == n or m.startswith(n + ".") for n in NOT_FOR_TWO_FILES))
    assert not unwanted, unwanted
    assert ("lingua" in imported) == lang_check
