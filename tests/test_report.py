"""Per-link analysis of a story, its summary, and `python -m compare report`."""
import json

import pytest

from compare.analyze.story import analyze_alignment, reading_order, summarize
from compare.cli import main
from compare.corpus import load_gold
from compare.model import Alignment, Comparison, Link, StoryMeta, Translation
from compare.sources import load_story, story_from_texts

STORY = "culture-festival-polotsk"  # ru original; the English changes 320 → 230, 16 June → 16 July


@pytest.fixture(scope="module")
def festival(corpora_root):
    story = load_story(corpora_root / STORY, check_lang=False)
    links = tuple(load_gold(corpora_root / STORY, "en", "ru"))
    return story, Alignment("en", "ru", links)


def flags_at(story, alignment, analyses, lang, index):
    pos = 0 if alignment.src_lang == lang else 1
    for link, analysis in zip(alignment.links, analyses):
        if index in (link.src, link.tgt)[pos]:
            return {(f.kind, f.rule) for f in analysis.flags}
    raise AssertionError(f"no link holds {lang}:{index}")


def test_one_analysis_per_link_read_from_the_original(festival):
    story, alignment = festival
    analyses = analyze_alignment(story, alignment)
    assert len(analyses) == len(alignment.links)
    assert reading_order(story, "en", "ru") == ("ru", "en")
    assert all("read ru → en" in a.note for a in analyses)
    # the gold en-ru alignment: English 3 ↔ Russian 3, the changed exhibit count
    assert ("number", "checks.number.changed") in flags_at(story, alignment, analyses, "ru", 3)
    assert ("date", "checks.date.changed") in flags_at(story, alignment, analyses, "ru", 9)
    # Russian 15 has no English counterpart: an omission of the English, not an addition
    assert ("omission", "checks.null_link") in flags_at(story, alignment, analyses, "ru", 15)
    # English 21 has no Russian source: an addition
    assert ("addition", "checks.null_link") in flags_at(story, alignment, analyses, "en", 21)
    # Russian 7 and 8 are one English sentence: a merge, read from the original
    assert ("merge", "link.2-1") in flags_at(story, alignment, analyses, "ru", 7)


def test_name_spelt_two_ways_is_flagged_where_the_variant_stands(festival):
    story, alignment = festival
    analyses = analyze_alignment(story, alignment)
    kinds = flags_at(story, alignment, analyses, "en", 7)
    assert ("name", "checks.name.spelling") in kinds


def test_one_failing_link_does_not_stop_the_others(festival, monkeypatch):
    story, alignment = festival
    import compare.analyze.story as story_module

    real = story_module.run_checks

    def fragile(source, target, *args, **kwargs):
        if "320" in source:
            raise ValueError("boom")
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(story_module, "run_checks", fragile)
    analyses = analyze_alignment(story, alignment)
    assert len(analyses) == len(alignment.links)
    broken = [a for a in analyses if "analysis failed" in a.note]
    assert len(broken) == 1 and broken[0].verdict == "none" and "boom" in broken[0].note
    assert ("date", "checks.date.changed") in flags_at(story, alignment, analyses, "ru", 9)


def test_scores_when_mt_ran_with_signatures():
    story = story_from_texts(
        {"ru": "Экспорт вырос на 12,7%.\n\nЗарплата выросла на 18%.",
         "en": "Exports grew by 12.7%.\n\nThe salary went up by 18%."},
        meta=StoryMeta(original="ru"), check_lang=False)
    alignment = Alignment("ru", "en", (Link((0,), (0,)), Link((1,), (1,))))
    # A fixture standing in for an MT engine's output (never shown to a user).
    mt = [Translation("Exports increased by 12.7%.", "fixture", "none", "ru", "en"),
          Translation("Wages grew by 18%.", "fixture", "none", "ru", "en")]
    analyses = analyze_alignment(story, alignment, translations={("ru", "en"): mt})
    for analysis in analyses:
        assert set(analysis.scores) == {"chrF++ MT ru→en", "BLEU MT ru→en", "TER MT ru→en"}
        assert set(analysis.signatures) == set(analysis.scores)
        assert "nw:2" in analysis.signatures["chrF++ MT ru→en"]
    assert analyses[0].scores["chrF++ MT ru→en"] > analyses[1].scores["chrF++ MT ru→en"]
    failed = [mt[0], Translation("", "fixture", "none", "ru", "en", failed=True)]
    analyses = analyze_alignment(story, alignment, translations={("ru", "en"): failed})
    assert analyses[0].scores and not analyses[1].scores  # no score from a failed translation


def test_summary_counts_and_most_divergent_first(festival):
    story, alignment = festival
    analyses = analyze_alignment(story, alignment)
    comparison = Comparison(story, {("en", "ru"): alignment}, analyses={("en", "ru"): analyses})
    summary = summarize(comparison)
    assert summary.total_flags == sum(len(a.flags) for a in analyses)
    assert summary.counts["number"] >= 1 and summary.counts["omission"] >= 1
    # facts first (a changed number, date or name), then most divergent
    order = [(not d.facts, -d.divergence) for d in summary.divergent]
    assert order == sorted(order)
    top = summary.divergent[0]
    assert analyses[top.index].flags and top.pair == ("en", "ru")


def test_report_text_shows_evidence(corpora_root, capsys):
    assert main(["report", str(corpora_root / STORY), "--gold", "--no-lang-check"]) == 0
    out = capsys.readouterr().out
    assert "ru → en" in out and "flags:" in out
    assert "«320» → «230»" in out and "[checks.number.changed]" in out
    assert "«16 июня» → «16 July»" in out


def test_report_jsonl_links_and_summary(corpora_root, capsys):
    assert main(["report", str(corpora_root / STORY), "--gold", "--format", "jsonl",
                 "--no-lang-check"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    links, summary = records[:-1], records[-1]
    assert summary["type"] == "summary" and all(r["type"] == "link" for r in links)
    assert summary["total_flags"] == sum(len(r["flags"]) for r in links)
    number = [f for r in links for f in r["flags"] if f["rule"] == "checks.number.changed"
              and r["read"] == "ru→en"]
    assert number and number[0]["source_term"] == "320" and number[0]["target_term"] == "230"
    for record in links:
        for flag in record["flags"]:
            assert flag["explanation"] and flag["severity"] in ("low", "medium", "high")


def test_report_min_severity_filters(corpora_root, capsys):
    main(["report", str(corpora_root / STORY), "--gold", "--format", "jsonl", "--no-lang-check",
          "--min-severity", "high"])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    severities = {f["severity"] for r in records[:-1] for f in r["flags"]}
    assert severities == {"high"}


def test_report_through_the_aligner(tmp_path, capsys):
    (tmp_path / "ru.txt").write_text(
        "Экспорт концерна вырос на 12,7%\n\n"
        "МИНСК, 21 октября (БЕЛТА) – Экспорт продукции концерна за девять месяцев вырос на 12,7% "
        "и составил $512 млн, сообщил генеральный директор концерна Виталий Гурский.\n\n"
        "На модернизацию предприятий в следующем году направят Br310 млн. "
        "Средняя зарплата выросла на 18%.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        "Concern's exports up 12.7%\n\n"
        "MINSK, 21 October (BelTA) – The concern's exports grew by 12.7% in nine months to "
        "$512 million, the concern's Director General Vitaly Gursky said.\n\n"
        "Br130 million will be spent on the modernisation of enterprises next year. "
        "The average salary went up by 18%.\n", encoding="utf-8")
    assert main(["report", str(tmp_path), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    rules = [(f["rule"], f["source_term"], f["target_term"]) for r in records[:-1] for f in r["flags"]]
    assert rules == [("checks.number.changed", "310 млн.", "130 million")]


@pytest.mark.parametrize("make, message", [
    (lambda tmp: tmp / "missing", "no such folder"),
    (lambda tmp: (tmp / "file.txt").write_text("x") and tmp / "file.txt", "not a folder"),
    (lambda tmp: tmp, "found none"),
])
def test_report_bad_input_is_one_line(tmp_path, capsys, make, message):
    path = make(tmp_path)
    assert main(["report", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_report_shows_mt_scores_diff_and_their_settings():
    import io

    from compare.commands import report

    story = story_from_texts(
        {"ru": "Экспорт вырос на 12,7%.\n\nЗарплата выросла на 18%.",
         "en": "Exports grew by 12.7%.\n\nThe salary went up by 21%."},
        meta=StoryMeta(original="ru"), check_lang=False)
    alignment = Alignment("ru", "en", (Link((0,), (0,)), Link((1,), (1,))))
    # A fixture standing in for an MT engine's output (never shown to a user).
    mt = {("ru", "en"): (Translation("Exports increased by 12.7%.", "fixture", "none", "ru", "en"),
                         Translation("The salary rose by 18%.", "fixture", "none", "ru", "en"))}
    analyses = analyze_alignment(story, alignment, translations=mt)
    comparison = Comparison(story, {("ru", "en"): alignment}, analyses={("ru", "en"): analyses},
                            translations=mt)
    text = io.StringIO()
    report._write_text(comparison, summarize(comparison), True, text)
    out = text.getvalue()
    assert "words only in the published en: went, up, 21; only in MT: rose, 18" in out
    assert "chrF++ MT ru→en" in out and "nw:2" in out and "tok:intl" in out
    lines = io.StringIO()
    report._write_jsonl(comparison, summarize(comparison), False, lines)
    (record, _summary) = [json.loads(line) for line in lines.getvalue().splitlines()]
    assert record["mt"]["text"] == "The salary rose by 18%."
    assert {(d["text"], d["side"]) for d in record["mt"]["diff"]} >= {("21", "a"), ("18", "b")}


def test_a_changed_fact_ranks_above_style_shifts():
    from compare.analyze.summary import summarize as summarize_comparison
    from compare.model import Alignment, Document, Flag, Link, LinkAnalysis, Segment, Story, StoryMeta

    def doc(lang, n):
        return Document(lang, " ".join(f"s{i}." for i in range(n)),
                        tuple(Segment(i, f"s{i}.", 0, 0, 0, lang=lang) for i in range(n)))

    story = Story("rank", StoryMeta(), {"ru": doc("ru", 3), "en": doc("en", 3)})
    alignment = Alignment("ru", "en", tuple(Link((i,), (i,)) for i in range(3)))
    booster = Flag("sharpened", "booster", "", "especially", "the English adds a booster", "high")
    attribution = Flag("softened", "attribution", "по данным", "", "an attribution dropped", "high")
    date = Flag("date", "date", "16 июня", "16 July", "the source says 16 June", "high",
                rule="checks.date.changed")
    analyses = (LinkAnalysis("sharpened", (booster, attribution)), LinkAnalysis("none", (date,)),
                LinkAnalysis("none"))
    summary = summarize_comparison(Comparison(story, {("ru", "en"): alignment},
                                              analyses={("ru", "en"): analyses}))
    assert [d.index for d in summary.divergent] == [1, 0]
    assert summary.divergent[0].facts and not summary.divergent[1].facts
