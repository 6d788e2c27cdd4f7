"""The translate and models commands, the config file and environment overrides, imported
translations, and the text helpers (clause splitting, language check)."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from compare.cli import main  # noqa: E402
from compare.model import InputError  # noqa: E402
from compare.translate import get_translator, translate_segments  # noqa: E402
from compare.translate.text import language_mismatch, split_to_fit  # noqa: E402

DATA = Path(__file__).parent / "data" / "translate"
import translate_helpers as helpers  # noqa: E402  (tests/ is on sys.path under pytest)

ROWS = helpers.parallel_rows()
HAS_APERTIUM = shutil.which("apertium") is not None


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    helpers.use_hub(monkeypatch, tmp_path / "hub")
    monkeypatch.setenv("WIRE_COMPARE_MT_CACHE", str(tmp_path / "cache.sqlite"))
    monkeypatch.setenv("WIRE_COMPARE_CT2_DIR", str(tmp_path / "ct2"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    config = tmp_path / "config.toml"
    config.write_text("")
    monkeypatch.setenv("WIRE_COMPARE_CONFIG", str(config))
    for variable in list(os.environ):
        if variable.startswith("WIRE_COMPARE_MT_") and variable != "WIRE_COMPARE_MT_CACHE":
            monkeypatch.delenv(variable)
    return config


@pytest.fixture
def fake(tmp_path) -> str:
    target = tmp_path / "fake-bin" / "apertium"
    target.parent.mkdir()
    shutil.copy(DATA / "fake_apertium.sh", target)
    target.chmod(0o755)
    return str(target)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- translate command

@pytest.mark.skipif(not HAS_APERTIUM, reason="apertium not installed")
def test_translate_command_keeps_one_line_per_line(tmp_path, capsys):
    source = write(tmp_path / "story.be.txt",
                   f"{ROWS[3]['be']}\n\n{ROWS[5]['be']}\n{ROWS[16]['be']}\n")
    assert main(["translate", "--src-lang", "be", "--tgt-lang", "ru", str(source)]) == 0
    out, err = capsys.readouterr()
    lines = out.split("\n")[:-1]
    assert len(lines) == 4 and lines[1] == ""
    assert "больница" in lines[0] and "Библиотека" in lines[3]
    assert "with apertium bel-rus" in err and "engine calls: 1" in err

    assert main(["translate", "--src-lang", "be", "--tgt-lang", "ru", str(source)]) == 0
    again, err = capsys.readouterr()
    assert again == out and "engine calls: 0" in err


def test_translate_command_with_a_model_folder_and_no_cache(tmp_path, capsys):
    model = helpers.tiny_models()["tiny-marian"]
    source = write(tmp_path / "ru.txt", "\n".join(row["ru"] for row in ROWS[:3]) + "\n")
    args = ["translate", "--src-lang", "ru", "--tgt-lang", "be", "--engine", "hf",
            "--model", str(model), "--beam", "1", "--no-cache", str(source)]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 3 and all(out.splitlines())
    assert "target_token >>bel<<" in err and "beam 1" in err and "cache off" in err


def test_translate_command_says_how_to_get_a_missing_model(tmp_path, capsys):
    source = write(tmp_path / "ru.txt", ROWS[0]["ru"] + "\n")
    assert main(["translate", "--src-lang", "ru", "--tgt-lang", "en", str(source)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "python -m compare models download Helsinki-NLP/opus-mt-ru-en" in err


@pytest.mark.parametrize("content, message", [
    (b"\xcf\xf0\xe8\xe2\xe5\xf2\n", "is not UTF-8 text"),
    (None, "no such file"),
])
def test_translate_command_rejects_unreadable_input_in_one_line(tmp_path, capsys, content,
                                                                 message):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["translate", "--src-lang", "ru", "--tgt-lang", "be", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_translate_command_reports_failed_lines_and_foreign_text(tmp_path, capsys, fake,
                                                                 monkeypatch):
    monkeypatch.setenv("PATH", f"{Path(fake).parent}{os.pathsep}{os.environ['PATH']}")
    source = write(tmp_path / "ru.txt", "Первая строка текста здесь.\nbad 💥\n"
                   "This line is plainly written in English.\n")
    args = ["translate", "--src-lang", "ru", "--tgt-lang", "be", "--engine", "apertium",
            "--model", "fake-fake", str(source)]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert out.split("\n")[:3] == ["ПЕРВАЯ СТРОКА ТЕКСТА ЗДЕСЬ.", "",
                                   "THIS LINE IS PLAINLY WRITTEN IN ENGLISH."]
    assert "line 2 not translated" in err and "bug #223" in err
    assert "line 3: declared Russian, but it is written in Latin letters" in err


# ---------------------------------------------------------------- models command

def test_models_list_shows_what_is_ready_and_how_to_get_the_rest(capsys):
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert set(rows) == {"en-ru", "ru-en", "en-be", "be-en", "be-ru", "ru-be"}
    assert "missing" in rows["ru-en"] and \
        "python -m compare models download Helsinki-NLP/opus-mt-ru-en" in rows["ru-en"]
    if HAS_APERTIUM:
        assert "ready" in rows["be-ru"] and "apertium" in rows["be-ru"]


@pytest.mark.parametrize("offline, message", [
    ("1", "HF_HUB_OFFLINE is set"),
])
def test_models_download_fails_in_one_clear_line_without_a_hub(capsys, monkeypatch, offline,
                                                                message):
    helpers.use_hub(monkeypatch, offline=offline == "1")
    assert main(["models", "download", "ru-en"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Helsinki-NLP/opus-mt-ru-en" in err and err.count("\n") == 1


def test_models_convert_and_check_a_local_model(tmp_path, capsys):
    model = helpers.tiny_models()["tiny-marian"]
    assert main(["models", "convert", str(model), "--quantization", "int8"]) == 0
    out = capsys.readouterr().out
    folder = Path(out.split("→ ")[1].split(" (")[0])
    assert (folder / "model.bin").is_file() and (folder / "source.spm").is_file()
    assert main(["models", "check", "ru-be", "--engine", "ct2", "--model", str(model),
                 "--beam", "1"]) == 0
    out = capsys.readouterr().out
    assert "ru-be  ok    ct2" in out and ROWS[0]["ru"][:20] in out


def test_models_check_reports_a_missing_model_and_fails(capsys):
    assert main(["models", "check", "ru-en"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("ru-en  FAIL") and "models download" in out


# ---------------------------------------------------------------- configuration

def test_config_file_picks_engine_and_model_per_direction(isolated, tmp_path):
    model = helpers.tiny_models()["tiny-marian"]
    isolated.write_text(f'[translate]\nbeam = 2\n\n[translate.en-be]\nengine = "hf"\n'
                        f'model = "{model}"\n')
    translator = get_translator("en", "be")
    assert (translator.engine, translator.model) == ("hf", str(model))
    assert translator.options["beam"] == "2"
    assert translator.options["target_token"] == ">>bel<<"


def test_environment_beats_config_and_arguments_beat_both(isolated, monkeypatch):
    model = helpers.tiny_models()["tiny-marian"]
    isolated.write_text(f'[translate]\nbeam = 2\n[translate.en-be]\nmodel = "{model}"\n')
    monkeypatch.setenv("WIRE_COMPARE_MT_BEAM", "3")
    assert get_translator("en", "be").options["beam"] == "3"
    assert get_translator("en", "be", beam=1).options["beam"] == "1"
    monkeypatch.setenv("WIRE_COMPARE_MT_EN_BE_ENGINE", "ct2")
    assert get_translator("en", "be").engine == "ct2"


@pytest.mark.parametrize("content, message", [
    ('[translate]\nbaem = 4\n', "unknown MT option 'baem'"),
    ('[translate.ru-en]\nbeam = "wide"\n', "beam must be a whole number"),
    ('[translate\nbeam = 4\n', "is not valid TOML"),
    ('[translate.ru-en]\nengine = "babelfish"\n', "unknown MT engine 'babelfish'"),
])
def test_config_mistakes_are_one_line_errors_naming_the_file(isolated, content, message):
    isolated.write_text(content)
    with pytest.raises(InputError, match=message) as caught:
        get_translator("ru", "en")
    assert "\n" not in str(caught.value)
    if "engine" not in message:
        assert str(isolated) in str(caught.value)


def test_a_named_config_file_that_is_missing_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRE_COMPARE_CONFIG", str(tmp_path / "absent.toml"))
    with pytest.raises(InputError, match="absent.toml does not exist"):
        get_translator("be", "ru")


def test_bad_environment_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("WIRE_COMPARE_MT_THREADS", "many")
    with pytest.raises(InputError, match="WIRE_COMPARE_MT_THREADS: threads must be a whole"):
        get_translator("be", "ru")


# ---------------------------------------------------------------- imported translations

def test_imported_lines_answer_segments_in_order(tmp_path):
    file = write(tmp_path / "mt.txt", "First line.\nSecond line.\n\n")
    results = translate_segments(["Первая.", "Вторая.", ""], "ru", "en", engine="imported",
                                 model=str(file))
    assert [r.text for r in results] == ["First line.", "Second line.", ""]
    assert {r.engine for r in results} == {"imported"} and not any(r.failed for r in results)


def test_imported_tsv_column_by_header_and_by_number(tmp_path):
    file = write(tmp_path / "mt.tsv", "ru\ten\tbe\nПервая.\tFirst.\tПершая.\n"
                 "Вторая.\tSecond.\tДругая.\n")
    by_name = translate_segments(["Первая.", "Вторая."], "ru", "be", engine="imported",
                                 model=str(file), column="be")
    assert [r.text for r in by_name] == ["Першая.", "Другая."]
    by_number = get_translator("ru", "en", engine="imported", model=str(file), column=2)
    assert [r.text for r in by_number.translate(["ru", "Первая.", "Вторая."])] == [
        "en", "First.", "Second."]


def test_imported_tsv_matched_by_source_text(tmp_path):
    file = write(tmp_path / "mt.tsv", "source\ttarget\nВторая.\tSecond.\nПервая.\tFirst.\n")
    results = translate_segments(["Первая.", "Третья.", "Вторая."], "ru", "en",
                                 engine="imported", model=str(file), column="target",
                                 source_column="source")
    assert [r.text for r in results] == ["First.", "", "Second."]
    assert results[1].failed and "no translation of this segment" in results[1].note


@pytest.mark.parametrize("content, options, message", [
    ("One.\nTwo.\n", {}, "has 2 translations but there are 3 segments"),
    ("a\tb\n", {}, "has 2 columns: name the one with the translations"),
    ("a\tb\n", {"column": "en"}, "has no column named 'en'"),
    ("a\tb\n", {"column": 5}, "there is no column 5"),
])
def test_imported_file_problems_are_one_line_errors(tmp_path, content, options, message):
    file = write(tmp_path / "mt.tsv", content)
    with pytest.raises(InputError, match=message):
        translate_segments(["x", "y", "z"], "ru", "en", engine="imported", model=str(file),
                           **options)


def test_imported_file_that_is_not_utf8(tmp_path):
    file = tmp_path / "mt.txt"
    file.write_bytes("Перевод\n".encode("cp1251"))
    with pytest.raises(InputError, match="is not UTF-8 text"):
        get_translator("en", "ru", engine="imported", model=str(file))


# ---------------------------------------------------------------- text helpers

SPLITS = [
    # (text, limit in characters, expected pieces)
    ("Первое предложение. Второе предложение.", 25,
     ["Первое предложение.", "Второе предложение."]),
    ("Он сказал: «Мы готовы». Она ответила: «Нет».", 30,
     ["Он сказал: «Мы готовы».", "Она ответила: «Нет»."]),
    ("Делегация посетила завод, школу, больницу и библиотеку; встреча прошла хорошо.", 50,
     ["Делегация посетила завод, школу,", "больницу и библиотеку;",
      "встреча прошла хорошо."]),
    ("The talks ended without an agreement, officials said on Monday.", 40,
     ["The talks ended without an agreement,", "officials said on Monday."]),
    ("короткий текст", 100, ["короткий текст"]),
]


@pytest.mark.parametrize("text, limit, expected", SPLITS)
def test_split_at_the_strongest_boundary_that_fits(text, limit, expected):
    pieces = split_to_fit(text, lambda piece: len(piece) <= limit)
    assert pieces == expected
    assert " ".join(pieces) == text


def test_split_of_a_run_without_spaces_loses_nothing():
    text = "https://example.org/" + "x" * 300
    pieces = split_to_fit(text, lambda piece: len(piece) <= 64)
    assert "".join(pieces) == text and all(len(p) <= 64 for p in pieces)


MISMATCHES = [
    ("The regional council met on Tuesday.", "ru", "written in Latin letters"),
    ("Абласны савет сабраўся ў аўторак, каб абмеркаваць маршруты.", "ru", "looks Belarusian"),
    ("Областной совет собрался во вторник, чтобы обсудить маршруты.", "be", "looks Russian"),
    ("Областной совет собрался во вторник.", "en", "written in Cyrillic"),
    ("Областной совет собрался во вторник, чтобы обсудить маршруты.", "ru", None),
    ("Абласны савет сабраўся ў аўторак, каб абмеркаваць маршруты.", "be", None),
    ("БЕЛТА, 12.03.2026", "en", None),  # too short to judge
    ("COVID-19: 1 234 случая", "ru", None),
]


@pytest.mark.parametrize("text, lang, expected", MISMATCHES)
def test_language_check(text, lang, expected):
    found = language_mismatch(text, lang)
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected in found
