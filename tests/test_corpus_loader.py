"""The corpus loader on bad input: each broken story folder is named with its problem, in one
line, and the rest of the corpus still loads (with its gold and shifts)."""
import shutil
from pathlib import Path

import pytest

from compare.corpus import (gold_problems, load_corpus, load_gold, load_shifts,
                            parse_ids)
from compare.model import InputError, Link

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
SAMPLE = "science-flax-film"  # a complete story (texts, gold, shifts) to copy and break
GOOD = "good-story"
BAD = "bad-story"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _drop_line(path: Path, number: int) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[number]
    path.write_text("".join(lines), encoding="utf-8")


def _swap_lines(path: Path, a: int, b: int) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[a], lines[b] = lines[b], lines[a]
    path.write_text("".join(lines), encoding="utf-8")


# (case, how the bad story is broken, words the problem line must contain, story still loaded)
BROKEN = [
    ("missing language", lambda d: (d / "be.txt").unlink(), "missing Belarusian", False),
    ("two languages missing", lambda d: [(d / f).unlink() for f in ("ru.txt", "be.txt")],
     "missing Russian, Belarusian", False),
    ("malformed story.toml", lambda d: _edit(d / "story.toml", 'title = "', "title = "),
     "malformed story.toml", False),
    ("story.toml missing", lambda d: (d / "story.toml").unlink(), "story.toml: missing", False),
    ("date not ISO", lambda d: _edit(d / "story.toml", '"2025-12-09"', '"9 December 2025"'),
     "not an ISO date", False),
    ("original not a language", lambda d: _edit(d / "story.toml", 'original = "ru"',
                                                'original = "russian"'),
     "original 'russian'", False),
    ("unknown key", lambda d: _edit(d / "story.toml", "original =", "orignal ="),
     "unknown key(s) orignal", False),
    ("text in the wrong language", lambda d: shutil.copy(d / "be.txt", d / "ru.txt"),
     "reads as Belarusian", False),
    ("gold leaves a sentence out", lambda d: _drop_line(d / "gold" / "en-ru.tsv", 3),
     "in no link", True),
    ("gold beyond the text", lambda d: _edit(d / "gold" / "en-be.tsv", "0\t0", "0\t0,99"),
     "beyond the text's", True),
    ("gold out of order", lambda d: _swap_lines(d / "gold" / "ru-be.tsv", 2, 5),
     "go back", True),
    ("gold not tab-separated", lambda d: _edit(d / "gold" / "en-ru.tsv", "0\t0", "0 0"),
     "expected SRC_IDS<TAB>TGT_IDS", True),
    ("gold file missing", lambda d: (d / "gold" / "en-be.tsv").unlink(),
     "no gold alignment for en-be", True),
    ("text edited under the gold", lambda d: _edit(d / "en.txt", "9 patents.",
                                                   "9 patents. It employs 80 people."),
     "segmentation changed under the gold", True),
    ("frozen segments missing", lambda d: (d / "gold" / "segments.ru.txt").unlink(),
     "segments.ru.txt: missing", True),
    ("stray file in the story", lambda d: (d / "en.txt.bak").write_text("old", encoding="utf-8"),
     "en.txt.bak: stray file", True),
    ("stray file in gold", lambda d: (d / "gold" / "en-ru.tsv~").write_text("", encoding="utf-8"),
     "en-ru.tsv~: stray file", True),
    ("shift of an unknown kind", lambda d: (d / "shifts.tsv").write_text(
        "en\tru\tbe\tkind\twords\texplanation\n3\t3\t3\tsofter\tнотед → said\tx\n",
        encoding="utf-8"), "kind 'softer'", True),
    ("shift id beyond the text", lambda d: (d / "shifts.tsv").write_text(
        "en\tru\tbe\tkind\twords\texplanation\n99\t3\t3\tsoftened\tотметил → said\tx\n",
        encoding="utf-8"), "en id(s) 99 beyond", True),
    ("shifts header wrong", lambda d: (d / "shifts.tsv").write_text(
        "en,ru,be,kind,words,explanation\n", encoding="utf-8"), "the header must be", True),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A corpus of one good story, copied once; each case copies it again and breaks a copy."""
    root = tmp_path_factory.mktemp("pristine")
    shutil.copytree(CORPORA / SAMPLE, root / GOOD)
    baseline = load_corpus(root)
    assert baseline.problems == [] and GOOD in baseline.gold and GOOD in baseline.shifts
    return root


def _corpus_with_bad_story(pristine: Path, tmp_path: Path, breaker) -> Path:
    root = tmp_path / "corpora"
    shutil.copytree(pristine, root)
    shutil.copytree(pristine / GOOD, root / BAD)
    breaker(root / BAD)
    return root


@pytest.mark.parametrize("case, breaker, words, kept", BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_story_is_named_and_the_rest_loads(pristine, tmp_path, case, breaker, words, kept):
    root = _corpus_with_bad_story(pristine, tmp_path, breaker)
    corpus = load_corpus(root)
    assert corpus.problems, case
    assert all(BAD in problem and "\n" not in problem for problem in corpus.problems)
    assert any(words in problem for problem in corpus.problems), corpus.problems
    # The good story is untouched by its neighbour's problem.
    assert GOOD in [story.id for story in corpus.stories]
    assert len(corpus.gold[GOOD]) == 3 and GOOD in corpus.shifts
    assert (BAD in [story.id for story in corpus.stories]) == kept


def test_bad_gold_is_left_out_but_the_other_pairs_stay(pristine, tmp_path):
    root = _corpus_with_bad_story(pristine, tmp_path,
                                  lambda d: _drop_line(d / "gold" / "en-ru.tsv", 3))
    corpus = load_corpus(root)
    assert set(corpus.gold[BAD]) == {("en", "be"), ("ru", "be")}


def test_stray_file_at_the_corpus_root_is_named(pristine, tmp_path):
    root = tmp_path / "corpora"
    shutil.copytree(pristine, root)
    (root / "notes.txt").write_text("todo", encoding="utf-8")
    (root / "README.md").write_text("# corpus", encoding="utf-8")
    corpus = load_corpus(root)
    assert [p for p in corpus.problems if "notes.txt: stray file" in p] == corpus.problems
    assert [story.id for story in corpus.stories] == [GOOD]


def test_missing_or_empty_corpus_folder_is_a_problem_not_a_crash(tmp_path):
    [missing] = load_corpus(tmp_path / "nowhere").problems
    assert missing.endswith("nowhere: no corpus folder")
    [empty] = load_corpus(tmp_path).problems
    assert empty == f"{tmp_path.name}: no story folders"


@pytest.mark.parametrize("line, link", [
    ("0\t0", Link((0,), (0,))),
    ("3,4\t3", Link((3, 4), (3,))),
    ("5\t6,7", Link((5,), (6, 7))),
    ("7\t", Link((7,), ())),
    ("\t9", Link((), (9,))),
])
def test_gold_line_forms(tmp_path, line, link):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "en-ru.tsv").write_text(line + "\n", encoding="utf-8")
    [loaded] = load_gold(tmp_path, "en", "ru")
    assert (loaded.src, loaded.tgt, loaded.status) == (link.src, link.tgt, "confirmed")


@pytest.mark.parametrize("line, message", [
    ("\t", "both sides are empty"),
    ("1;2\t2", "not a comma-separated list"),
    ("a\t1", "not a comma-separated list"),
    ("1\t2\t3", "found 3 column(s)"),
])
def test_malformed_gold_lines_are_named_with_their_line(tmp_path, line, message):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "ru-be.tsv").write_text("0\t0\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="ru-be.tsv, line 2") as error:
        load_gold(tmp_path, "ru", "be")
    assert message in str(error.value)


@pytest.mark.parametrize("links, problem", [
    ([Link((0,), (0,)), Link((1, 2), (1,)), Link((), (2,))], None),
    ([Link((0,), (0,)), Link((2,), (1,)), Link((1,), (2,))], "en ids go back at id 1"),
    ([Link((0,), (0,)), Link((1,), (1, 2)), Link((2,), (2,))], "ru sentence(s) 2 in more than one link"),
    ([Link((0,), (0,)), Link((1, 2), (1,))], "ru sentence(s) 2 in no link"),
    ([Link((0,), (0,)), Link((1, 2, 3), (1, 2))], "en id(s) 3 beyond the text's 3 sentences"),
])
def test_gold_problems_table(links, problem):
    problems = gold_problems(links, 3, 3, "en", "ru")
    assert [p.split(" (")[0] for p in problems] == ([] if problem is None else [problem])


def test_shifts_rows_are_read_with_ids_per_language(tmp_path):
    (tmp_path / "shifts.tsv").write_text(
        "en\tru\tbe\tkind\twords\texplanation\n"
        "4\t4\t4\tsoftened\tподчеркнул → noted\tstressing verb made neutral\n"
        "\t9\t9\tomission\tтребует проработки\tEnglish leaves the sentence out\n"
        "12,13\t12\t12\tsplit\t–\tone Russian sentence, two English\n", encoding="utf-8")
    shifts = load_shifts(tmp_path)
    assert [(s.en, s.ru, s.be, s.kind) for s in shifts] == [
        ((4,), (4,), (4,), "softened"), ((), (9,), (9,), "omission"),
        ((12, 13), (12,), (12,), "split")]
    assert shifts[1].ids("en") == () and shifts[2].line == 4


@pytest.mark.parametrize("text", ["1,x", "-1", "1,,2"])
def test_ids_that_are_not_ids(text):
    with pytest.raises(InputError, match="sentence ids"):
        parse_ids(text, "here")
