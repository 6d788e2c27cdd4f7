"""The scoring logic of benchmarks/real_pages.py on a tiny invented story (no real page text)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("real_pages", REPO / "benchmarks" / "real_pages.py")
real_pages = importlib.util.module_from_spec(_spec)
sys.modules["real_pages"] = real_pages
_spec.loader.exec_module(real_pages)

EN = ("Posted: 04.03.2031 10:15:00\n"
      "Minister opens a bridge in Zarechye\n"
      "ZARECHYE, 4 March (BelTA) – A new bridge over the Lesnaya river opened today. It cost 5 million.\n"
      "Photo: press service\n")
RU = ("Опубликовано: 04.03.2031 10:15\n"
      "В Заречье открыли мост\n"
      "Новый мост через реку Лесная открыли сегодня. Он обошелся в 5 млн.\n")
EN_GOLD = [("meta", "timestamp", "Posted: 04.03.2031 10:15:00"),
           ("title", "", "Minister opens a bridge in Zarechye"),
           ("body", "", "ZARECHYE, 4 March (BelTA) – A new bridge over the Lesnaya river opened today."),
           ("body", "", "It cost 5 million."),
           ("meta", "credit", "Photo: press service")]
RU_GOLD = [("meta", "timestamp", "Опубликовано: 04.03.2031 10:15"),
           ("title", "", "В Заречье открыли мост"),
           ("body", "", "Новый мост через реку Лесная открыли сегодня."),
           ("body", "", "Он обошелся в 5 млн.")]


def spans(text, pieces):
    return real_pages.locate(text, pieces, "<test>")


def predicted(text, rows):
    """(start, end, class) of (class, piece) rows found in order."""
    out, position = [], 0
    for cls, piece in rows:
        start = text.index(piece, position)
        out.append((start, start + len(piece), cls))
        position = start + len(piece)
    return out


@pytest.mark.parametrize("rows, right, bounds", [
    # exactly the gold: every line right
    ([("structure", "Posted: 04.03.2031 10:15:00"), ("title", "Minister opens a bridge in Zarechye"),
      ("body", "ZARECHYE, 4 March (BelTA) – A new bridge over the Lesnaya river opened today."),
      ("body", "It cost 5 million."), ("structure", "Photo: press service")], 4, 4),
    # the timestamp taken for the headline and the credit for a sentence: classes wrong, bounds right
    ([("title", "Posted: 04.03.2031 10:15:00"), ("body", "Minister opens a bridge in Zarechye"),
      ("body", "ZARECHYE, 4 March (BelTA) – A new bridge over the Lesnaya river opened today."),
      ("body", "It cost 5 million."), ("body", "Photo: press service")], 1, 4),
    # the dateline split off the lead: that line is wrong in bounds too
    ([("structure", "Posted: 04.03.2031 10:15:00"), ("title", "Minister opens a bridge in Zarechye"),
      ("structure", "ZARECHYE, 4 March (BelTA) –"),
      ("body", "A new bridge over the Lesnaya river opened today."),
      ("body", "It cost 5 million."), ("structure", "Photo: press service")], 3, 3),
])
def test_line_results_count_lines_with_the_gold_boundaries_and_class(rows, right, bounds):
    results = real_pages.line_results(EN, spans(EN, EN_GOLD), predicted(EN, rows))
    assert len(results) == 4
    assert sum(r for _, r, _ in results) == right
    assert sum(b for _, _, b in results) == bounds


def test_a_timestamp_glued_to_the_headline_is_a_content_link_with_meta_inside():
    en, ru = spans(EN, EN_GOLD), spans(RU, RU_GOLD)
    gold = [real_pages.GoldLink((0,), (0,), "meta"), real_pages.GoldLink((1,), (1,), "title"),
            real_pages.GoldLink((2,), (2,), ""), real_pages.GoldLink((3,), (3,), "")]
    result = real_pages.PairResult()
    # predicted: timestamp+headline against headline, then the two sentences right
    real_pages.score_pair_links("s", [((0, 1), (1,), ""), ((2,), (2,), ""), ((3,), (3,), ""),
                                      ((4,), (), "")], gold, en, ru, result)
    assert result.meta_in_content == 1
    assert result.title_right == 0 and result.title_missed == 1
    assert result.test[0] == [((0, 1), (1,)), ((2,), (2,)), ((3,), (3,))]  # the credit alone: structure
    scores = real_pages.score(result.gold, result.test)
    assert scores.recall_strict == 1.0 and scores.precision_strict == pytest.approx(2 / 3)


def test_headlines_linked_as_titles_count_right_only_when_the_gold_pairs_them():
    en, ru = spans(EN, EN_GOLD), spans(RU, RU_GOLD)
    result = real_pages.PairResult()
    real_pages.score_pair_links("s", [((1,), (1,), "")], [real_pages.GoldLink((2,), (2,), "")],
                                en, ru, result)
    assert (result.title_right, result.title_wrong) == (0, 1)
    assert result.test == [[]]  # not scored as content


def test_predicted_segments_map_to_gold_by_overlap():
    gold = spans(EN, EN_GOLD)
    lead = EN.index("ZARECHYE")
    one_sentence = (lead, EN.index("It cost") + len("It cost 5 million."))
    mapping = real_pages.overlap_map([(0, 10), one_sentence], gold)
    assert mapping == [(0,), (2, 3)]
    assert real_pages.map_link([1], [0], mapping, mapping) == ((2, 3), (0,))


def test_structure_flags_count_only_on_furniture_or_unpaired_headlines():
    en, ru = spans(EN, EN_GOLD), spans(RU, RU_GOLD)
    assert real_pages.structure_flags((0,), (0,), en, ru, set(), 2) == 2
    assert real_pages.structure_flags((1,), (1,), en, ru, set(), 1) == 1
    assert real_pages.structure_flags((1,), (1,), en, ru, {((1,), (1,))}, 1) == 0
    assert real_pages.structure_flags((2,), (2,), en, ru, set(), 3) == 0


def test_presegmented_files_hold_the_gold_sentences_and_renumbered_links(tmp_path):
    folder = tmp_path / "bridge"
    folder.mkdir()
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    (folder / "ru.txt").write_text(RU, encoding="utf-8")
    for lang, rows in (("en", EN_GOLD), ("ru", RU_GOLD)):
        (folder / f"gold.segments.{lang}.tsv").write_text(
            "".join(f"{k}\t{s}\t{t}\n" for k, s, t in rows), encoding="utf-8")
    (folder / "gold.en-ru.tsv").write_text("0\t0\tmeta\n1\t1\ttitle\n2\t2\t\n3\t3\t\n", encoding="utf-8")
    gold = real_pages.load_gold(folder)
    files = real_pages.preseg_files(gold, [("en", "ru")])
    assert files["en"].read_text(encoding="utf-8").splitlines() == [EN_GOLD[2][2], EN_GOLD[3][2]]
    assert (folder / "preseg" / "en-ru.gold.tsv").read_text().splitlines() == ["0\t0", "1\t1"]


def test_a_gold_row_missing_from_the_text_is_one_clear_error():
    with pytest.raises(real_pages.InputError, match="row 2 is not in the text"):
        real_pages.locate(EN, [EN_GOLD[0], ("body", "", "A sentence no page has.")], "gold.segments.en.tsv")
