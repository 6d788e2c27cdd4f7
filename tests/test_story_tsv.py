"""`align STORY_DIR --format tsv` is one row per line even when the story's files are
hard-wrapped: a spreadsheet or `cut` must see every aligned group on its own line."""
from __future__ import annotations

import csv
import io

from compare.cli import main
from test_export_cli import HARD_WRAPPED


def test_a_hard_wrapped_story_gives_one_tsv_row_per_aligned_group(tmp_path, capsys):
    story = tmp_path / "wrapped"
    story.mkdir()
    for name, text in HARD_WRAPPED.items():
        (story / name).write_text(text, encoding="utf-8")
    assert main(["align", str(story), "--format", "tsv", "--no-apertium"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out), delimiter="\t"))
    assert rows[0] == ["row", "en_ids", "en_text", "ru_ids", "ru_text", "kind"]
    assert [r[5] for r in rows[1:]] == ["1-1", "1-1", "1-1"]
    assert [(r[2], r[4]) for r in rows[1:]] == [
        ("MINSK, 3 March (BIA) - The council met on Tuesday to discuss the bus routes.",
         "МИНСК, 3 марта (БИА) – Совет собрался во вторник, чтобы обсудить автобусные маршруты."),
        ("It agreed to add two lines.", "Он решил добавить две линии."),
        ("Work will begin in spring.", "Работы начнутся весной."),
    ]
