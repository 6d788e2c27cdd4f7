"""A machine translation with lines missing (the segment's MT failed: None, an empty or a blank
line) is no evidence for those segments: not scored for or against any link, not in the
signal's calibration, not shown as `mt: 0.0`, never read as "nothing shared". Real German–French
articles with their shipped MT (Text+Berg, ../shared/benchmarks/text-berg)."""
from pathlib import Path

import numpy as np
import pytest

from compare.align import align_documents
from compare.align.costs import Band, BeadScorer, LengthModel, SignalCalibration, Weights, calibrate_signal
from compare.align.signals import AnchorSignal, ReverseTranslationSignal, SharedSpellingSignal, SignalVectors, TranslationSignal
from compare.cli import main
from compare.commands.align import read_lines, read_presegmented
from compare.evaluate import read_links, score

REPO = Path(__file__).resolve().parent.parent
TEXT_BERG = REPO.parent / "shared" / "benchmarks" / "text-berg"
pytestmark = pytest.mark.skipif(not TEXT_BERG.exists(), reason="../shared/benchmarks/text-berg not here")


def article(stem: str):
    src = read_presegmented(str(TEXT_BERG / f"{stem}.de.txt"), "de")
    tgt = read_presegmented(str(TEXT_BERG / f"{stem}.fr.txt"), "fr")
    return (src, tgt, read_lines(str(TEXT_BERG / f"{stem}.mt-de2fr.txt")),
            read_lines(str(TEXT_BERG / f"{stem}.mt-fr2de.txt")), read_links(TEXT_BERG / f"{stem}.gold.tsv"))


# (article, which MT, the lines whose translation failed)
CASES = [
    ("doc0", "mt", set(range(0, 137, 3))),          # every third line
    ("doc1", "mt", set(range(20, 45))),              # a failed chunk
    ("doc2", "mt", {0, 1, 2, 3, 4, 60, 61}),
    ("doc3", "mt_reverse", set(range(1, 200, 4))),
    ("doc5", "mt_reverse", set(range(30, 60))),
]


def with_missing(lines, missing, form):
    return [form if k in missing else line for k, line in enumerate(lines)]


def align(src, tgt, which, lines):
    return align_documents(src, tgt, **{which: lines})


@pytest.mark.parametrize("stem,which,missing", CASES)
def test_none_empty_and_blank_lines_align_alike(stem, which, missing):
    src, tgt, mt, reverse, _ = article(stem)
    lines = mt if which == "mt" else reverse
    results = [align(src, tgt, which, with_missing(lines, missing, form)) for form in (None, "", "  \t ")]
    first = results[0]
    for other in results[1:]:
        assert other.links == first.links
        assert other.signature == first.signature


@pytest.mark.parametrize("stem,which,missing", CASES)
def test_links_of_missing_lines_show_no_mt_and_others_do(stem, which, missing):
    src, tgt, mt, reverse, _ = article(stem)
    lines = mt if which == "mt" else reverse
    alignment = align(src, tgt, which, with_missing(lines, missing, None))
    name = "mt" if which == "mt" else "mt-reverse"
    translated = (lambda link: link.src) if which == "mt" else (lambda link: link.tgt)
    blind = [l for l in alignment.links if not l.is_null and set(translated(l)) <= missing]
    seen = [l for l in alignment.links if not l.is_null and not set(translated(l)) <= missing]
    assert blind and seen
    assert all(name not in l.signals for l in blind)
    assert sum(name in l.signals for l in seen) >= 0.9 * len(seen)


@pytest.mark.parametrize("stem,which,missing", CASES)
def test_every_line_missing_is_the_same_as_no_mt(stem, which, missing):
    src, tgt, mt, reverse, _ = article(stem)
    lines = mt if which == "mt" else reverse
    blank = align(src, tgt, which, [""] * len(lines))
    none = align_documents(src, tgt)
    assert [(l.src, l.tgt, l.confidence, dict(l.signals)) for l in blank.links] == \
           [(l.src, l.tgt, l.confidence, dict(l.signals)) for l in none.links]


def vectors(src, tgt, which, lines):
    signal = TranslationSignal(lines) if which == "mt" else ReverseTranslationSignal(lines)
    return signal.vectors(src, tgt, max_columns=4096)


@pytest.mark.parametrize("orphan_signals", [("anchors",), ("anchors", "mt", "mt-reverse")])
@pytest.mark.parametrize("stem,which,missing", CASES)
def test_a_link_whose_mt_lines_are_missing_scores_as_if_mt_were_absent(stem, which, missing, orphan_signals):
    src, tgt, mt, reverse, _ = article(stem)
    lines = with_missing(mt if which == "mt" else reverse, missing, "")
    weights = Weights(orphan_signals=orphan_signals)
    others = [v for v in (AnchorSignal().vectors(src, tgt, max_columns=4096),
                          SharedSpellingSignal().vectors(src, tgt, max_columns=4096)) if v is not None]
    translated = vectors(src, tgt, which, lines)
    calibrations = {v.name: SignalCalibration(0.05, 0.6, 1.0, 0.1, 0.6) for v in others + [translated]}
    n, m = len(src.segments), len(tgt.segments)
    lengths = (np.array([len(s.text) for s in src.segments], float), np.array([len(s.text) for s in tgt.segments], float))

    def scores(signals):
        scorer = BeadScorer(*lengths, signals, LengthModel(1.1, 6.0), calibrations, weights, Band.full(n, m))
        return scorer.scores(0, n + 1)

    with_mt, without = scores(others + [translated]), scores(others)
    grid_i = np.arange(n + 1)[:, None]
    grid_j = np.arange(m + 1)[None, :]
    compared = 0
    for (a, b), value in with_mt.items():
        if not a or not b:
            continue
        # links ending at (i, j) whose translated side consists of missing lines only
        if which == "mt":
            blind = np.all([np.isin(grid_i - 1 - p, list(missing)) for p in range(a)], axis=0) & (grid_j >= b)
        else:
            blind = np.all([np.isin(grid_j - 1 - q, list(missing)) for q in range(b)], axis=0) & (grid_i >= a)
        blind = np.broadcast_to(blind, value.shape)
        assert np.allclose(value[blind], without[(a, b)][blind])
        compared += int(blind.sum())
    assert compared > 100


# articles small enough that the calibration takes every pair (doc1 samples a random block)
@pytest.mark.parametrize("stem,which,missing", [case for case in CASES if case[0] != "doc1"])
def test_calibration_is_that_of_the_lines_present(stem, which, missing):
    src, tgt, mt, reverse, gold = article(stem)
    v = vectors(src, tgt, which, with_missing(mt if which == "mt" else reverse, missing, ""))
    pairs = [(s[0], t[0]) for s, t in gold if len(s) == 1 and len(t) == 1]
    got = calibrate_signal(v, pairs, np.random.default_rng(0))
    # the same signal with the rows of the missing lines taken out, and their pairs
    if which == "mt":
        keep = [i for i in range(v.src.shape[0]) if i not in missing]
        renumber = {old: new for new, old in enumerate(keep)}
        cut = SignalVectors(v.name, v.src[keep], v.tgt, v.weight)
        kept_pairs = [(renumber[i], j) for i, j in pairs if i in renumber]
    else:
        keep = [j for j in range(v.tgt.shape[0]) if j not in missing]
        renumber = {old: new for new, old in enumerate(keep)}
        cut = SignalVectors(v.name, v.src, v.tgt[keep], v.weight)
        kept_pairs = [(i, renumber[j]) for i, j in pairs if j in renumber]
    expected = calibrate_signal(cut, kept_pairs, np.random.default_rng(0))
    for field in ("random", "match", "reliability", "none_match", "none_random"):
        assert getattr(got, field) == pytest.approx(getattr(expected, field), abs=1e-6), field


def test_missing_lines_cost_less_than_none_of_the_mt_and_no_more_than_all_of_it():
    """Over the seven articles, a third of the MT lines missing lands between no MT and the
    whole MT (strict F1), as evidence simply absent should."""
    golds, full, gappy, bare = [], [], [], []
    for k in range(7):
        src, tgt, mt, _, gold = article(f"doc{k}")
        gaps = with_missing(mt, set(range(k % 3, len(mt), 3)), None)
        golds.append(gold)
        full.append([(l.src, l.tgt) for l in align_documents(src, tgt, mt=mt).links])
        gappy.append([(l.src, l.tgt) for l in align_documents(src, tgt, mt=gaps).links])
        bare.append([(l.src, l.tgt) for l in align_documents(src, tgt).links])
    f_full, f_gappy, f_bare = (score(golds, x).f1_strict for x in (full, gappy, bare))
    assert f_bare < f_gappy <= f_full + 0.005


def test_an_mt_file_with_blank_lines_is_accepted_and_a_short_one_is_one_line(tmp_path, capsys):
    lines = read_lines(str(TEXT_BERG / "doc2.mt-de2fr.txt"))
    gappy = tmp_path / "mt.txt"
    gappy.write_text("\n".join(with_missing(lines, {3, 4, 5}, "")) + "\n", encoding="utf-8")
    de, fr = str(TEXT_BERG / "doc2.de.txt"), str(TEXT_BERG / "doc2.fr.txt")
    assert main(["align", "--src-lang", "de", "--tgt-lang", "fr", "--presegmented", de, fr, "--mt", str(gappy)]) == 0
    rows = capsys.readouterr().out.splitlines()
    gold = (TEXT_BERG / "doc2.gold.tsv").read_text(encoding="utf-8").splitlines()
    assert len(set(rows) & set(gold)) >= 0.8 * len(gold)
    short = tmp_path / "short.txt"
    short.write_text("\n".join(lines[:-2]) + "\n", encoding="utf-8")
    assert main(["align", "--src-lang", "de", "--tgt-lang", "fr", "--presegmented", de, fr, "--mt", str(short)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and "short.txt" in captured.err
