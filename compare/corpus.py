"""The sample corpus: story folders with gold alignments and labelled shifts.

A corpus story is a folder under corpora/ (see corpora/README.md):

    <id>/story.toml            title, date (ISO), original, source, notes
    <id>/ru.txt be.txt en.txt  the three versions, one paragraph per line
    <id>/gold/en-ru.tsv …      gold alignment, SRC_IDS<TAB>TGT_IDS, 0-based segment ids
    <id>/gold/segments.<lang>.txt   the sentences the gold was made over, one per line
    <id>/shifts.tsv            every deliberate difference between the versions

`load_corpus` reads every folder and never stops at a bad one: each problem becomes one line
naming the folder (or file) and what is wrong. A story whose texts cannot be read is left out;
a story whose gold or shifts are wrong is kept (its texts are fine for a demo) but that gold or
those shifts are left out, so that no evaluation runs on ids that do not match the text.
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from compare.model import LANG_NAMES, LANGS, InputError, Link, Story

DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "corpora"

GOLD_DIR = "gold"
SHIFTS_FILE = "shifts.tsv"
STORY_FILE = "story.toml"
README_FILES = ("README.md",)
# The three pairwise alignments of a trilingual story, in the direction the gold is written.
GOLD_PAIRS: tuple[tuple[str, str], ...] = (("en", "ru"), ("en", "be"), ("ru", "be"))
SHIFT_COLUMNS = ("en", "ru", "be", "kind", "words", "explanation")
SHIFT_KINDS = ("softened", "sharpened", "omission", "addition", "number", "date", "name",
               "quote", "merge", "split")
REQUIRED_META = ("title", "date", "original")
KNOWN_META = ("title", "date", "original", "source", "notes")


@dataclass(frozen=True)
class Shift:
    """One row of shifts.tsv: a deliberate difference between versions of a story.

    Ids are segment indices in each language; a language where the sentence is absent
    (an omission or an addition) has an empty tuple."""

    en: tuple[int, ...]
    ru: tuple[int, ...]
    be: tuple[int, ...]
    kind: str
    words: str
    explanation: str
    line: int = 0  # line number in shifts.tsv, for messages

    def ids(self, lang: str) -> tuple[int, ...]:
        return {"en": self.en, "ru": self.ru, "be": self.be}[lang]


@dataclass
class CorpusLoad:
    """What load_corpus found: stories that load, their valid gold and shifts, and problems."""

    stories: list[Story] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    gold: dict[str, dict[tuple[str, str], list[Link]]] = field(default_factory=dict)
    shifts: dict[str, list[Shift]] = field(default_factory=dict)

    def story(self, story_id: str) -> Story:
        for story in self.stories:
            if story.id == story_id:
                return story
        raise KeyError(story_id)


# ---------------------------------------------------------------- reading the parts

def parse_ids(text: str, where: str) -> tuple[int, ...]:
    """'3,4' → (3, 4); '' → (). Raises InputError naming `where`."""
    text = text.strip()
    if not text:
        return ()
    ids = []
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit():
            raise InputError(f"{where}: '{text}' is not a comma-separated list of sentence ids")
        ids.append(int(part))
    return tuple(ids)


def load_gold(story_dir: str | Path, src_lang: str, tgt_lang: str) -> list[Link]:
    """Links of gold/<src>-<tgt>.tsv, status confirmed. Raises InputError on a malformed file.

    It checks the file's own form only; `gold_problems` checks it against the texts."""
    path = Path(story_dir) / GOLD_DIR / f"{src_lang}-{tgt_lang}.tsv"
    if not path.is_file():
        raise InputError(f"{path}: no gold alignment for {src_lang}-{tgt_lang}")
    links: list[Link] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip(" "):  # a lone tab is a link with two empty sides, not a blank line
            continue
        where = f"{path}, line {number}"
        columns = line.split("\t")
        if len(columns) != 2:
            raise InputError(f"{where}: expected SRC_IDS<TAB>TGT_IDS, found {len(columns)} column(s)")
        src, tgt = parse_ids(columns[0], where), parse_ids(columns[1], where)
        if not src and not tgt:
            raise InputError(f"{where}: both sides are empty")
        links.append(Link(src=src, tgt=tgt, status="confirmed"))
    if not links:
        raise InputError(f"{path}: the gold alignment is empty")
    return links


def load_shifts(story_dir: str | Path) -> list[Shift]:
    """Rows of shifts.tsv. Raises InputError on a malformed file (header, columns, kind, ids)."""
    path = Path(story_dir) / SHIFTS_FILE
    if not path.is_file():
        raise InputError(f"{path}: no shifts.tsv")
    lines = path.read_text(encoding="utf-8").split("\n")
    header = tuple(lines[0].rstrip("\r").split("\t")) if lines else ()
    if header != SHIFT_COLUMNS:
        raise InputError(f"{path}: the header must be {' | '.join(SHIFT_COLUMNS)} (tab-separated)")
    shifts: list[Shift] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        columns = line.rstrip("\r").split("\t")
        if len(columns) != len(SHIFT_COLUMNS):
            raise InputError(f"{where}: expected {len(SHIFT_COLUMNS)} tab-separated columns, "
                             f"found {len(columns)}")
        en, ru, be = (parse_ids(value, f"{where}, column {name}")
                      for name, value in zip(SHIFT_COLUMNS[:3], columns[:3]))
        kind, words, explanation = (value.strip() for value in columns[3:])
        if kind not in SHIFT_KINDS:
            raise InputError(f"{where}: kind '{kind}' is not one of {', '.join(SHIFT_KINDS)}")
        if not (en or ru or be):
            raise InputError(f"{where}: no sentence id in any language")
        if not words or not explanation:
            raise InputError(f"{where}: the words and the explanation must not be empty")
        shifts.append(Shift(en=en, ru=ru, be=be, kind=kind, words=words,
                            explanation=explanation, line=number))
    return shifts


def load_frozen_segments(story_dir: str | Path, lang: str) -> list[str]:
    """The sentences the gold was made over (gold/segments.<lang>.txt), one per line."""
    path = Path(story_dir) / GOLD_DIR / f"segments.{lang}.txt"
    if not path.is_file():
        raise InputError(f"{path}: missing (the sentences the gold was made over)")
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def freeze_segments(story: Story) -> list[Path]:
    """Write gold/segments.<lang>.txt from the segmenter's current output (when making gold)."""
    written = []
    gold_dir = Path(story.path) / GOLD_DIR
    gold_dir.mkdir(exist_ok=True)
    for lang, document in story.documents.items():
        path = gold_dir / f"segments.{lang}.txt"
        path.write_text("".join(text + "\n" for text in document.texts), encoding="utf-8")
        written.append(path)
    return written


# ---------------------------------------------------------------- checks against the texts

def gold_problems(links: list[Link], n_src: int, n_tgt: int,
                  src_lang: str = "source", tgt_lang: str = "target") -> list[str]:
    """What is wrong with a gold alignment over n_src × n_tgt sentences: ids out of range,
    a sentence left out or used twice, links out of order. [] when it is sound."""
    problems: list[str] = []
    for side, count, pick in ((src_lang, n_src, lambda link: link.src),
                              (tgt_lang, n_tgt, lambda link: link.tgt)):
        seen: list[int] = [i for link in links for i in pick(link)]
        beyond = sorted({i for i in seen if i >= count})
        if beyond:
            problems.append(f"{side} id(s) {_ids(beyond)} beyond the text's {count} sentences")
        twice = sorted({i for i in seen if seen.count(i) > 1})
        if twice:
            problems.append(f"{side} sentence(s) {_ids(twice)} in more than one link")
        missing = sorted(set(range(count)) - set(seen))
        if missing:
            problems.append(f"{side} sentence(s) {_ids(missing)} in no link")
        # Monotonic: reading the links in order, ids only go up.
        back = next((b for a, b in zip(seen, seen[1:]) if b < a), None)
        if back is not None:
            problems.append(f"{side} ids go back at id {back} (links must be in reading order)")
    return problems


def segmentation_problems(story: Story, story_dir: Path) -> list[str]:
    """Where the segmenter's current sentences differ from those the gold was made over."""
    problems = []
    for lang, document in story.documents.items():
        try:
            frozen = load_frozen_segments(story_dir, lang)
        except InputError as error:
            problems.append(str(error))
            continue
        now = document.texts
        if frozen == now:
            continue
        first = next((i for i, (a, b) in enumerate(zip(frozen, now)) if a != b),
                     min(len(frozen), len(now)))
        was = frozen[first] if first < len(frozen) else "(nothing)"
        is_ = now[first] if first < len(now) else "(nothing)"
        problems.append(f"{LANG_NAMES[lang]} segmentation changed under the gold "
                        f"({len(frozen)} → {len(now)} sentences); sentence {first} was "
                        f"{_clip(was)!r}, now {_clip(is_)!r}")
    return problems


def shift_problems(shifts: list[Shift], story: Story) -> list[str]:
    """Ids in shifts.tsv that do not exist in the story's texts."""
    problems = []
    for shift in shifts:
        for lang in LANGS:
            ids = shift.ids(lang)
            if not ids:
                continue
            if lang not in story.documents:
                problems.append(f"{SHIFTS_FILE}, line {shift.line}: ids in {lang} but the story "
                                f"has no {LANG_NAMES[lang]} version")
                continue
            count = len(story.documents[lang])
            beyond = [i for i in ids if i >= count]
            if beyond:
                problems.append(f"{SHIFTS_FILE}, line {shift.line}: {lang} id(s) {_ids(beyond)} "
                                f"beyond the text's {count} sentences")
    return problems


def meta_problems(story_dir: Path) -> list[str]:
    """story.toml present, well-formed, with the required fields and an ISO date."""
    import tomllib

    path = story_dir / STORY_FILE
    if not path.is_file():
        return [f"{path}: missing"]
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return [f"{path}: malformed story.toml ({error})"]
    problems = [f"{path}: '{key}' is missing or empty" for key in REQUIRED_META
                if not str(raw.get(key, "")).strip()]
    unknown = sorted(set(raw) - set(KNOWN_META))
    if unknown:
        problems.append(f"{path}: unknown key(s) {', '.join(unknown)} "
                        f"(known: {', '.join(KNOWN_META)})")
    date = str(raw.get("date", "")).strip()
    if date:
        try:
            _dt.date.fromisoformat(date)
        except ValueError:
            problems.append(f"{path}: date '{date}' is not an ISO date (YYYY-MM-DD)")
    original = str(raw.get("original", "")).strip()
    if original and original not in LANGS:
        problems.append(f"{path}: original '{original}' is not one of {', '.join(LANGS)}")
    return problems


def stray_files(story_dir: Path) -> list[str]:
    """Files in a story folder that the format does not know (a typo in a name, a leftover)."""
    expected = {STORY_FILE, SHIFTS_FILE, GOLD_DIR} | {f"{lang}.txt" for lang in LANGS}
    expected_gold = ({f"{src}-{tgt}.tsv" for src, tgt in GOLD_PAIRS}
                     | {f"segments.{lang}.txt" for lang in LANGS})
    problems = []
    for path in sorted(story_dir.iterdir()):
        if _ignored(path):
            continue
        if path.name not in expected or (path.name == GOLD_DIR) != path.is_dir():
            problems.append(f"{path}: stray file (a story folder holds {', '.join(sorted(expected))})")
    gold_dir = story_dir / GOLD_DIR
    if gold_dir.is_dir():
        for path in sorted(gold_dir.iterdir()):
            if not _ignored(path) and (path.name not in expected_gold or not path.is_file()):
                problems.append(f"{path}: stray file (gold/ holds {', '.join(sorted(expected_gold))})")
    return problems


# ---------------------------------------------------------------- the corpus

def load_corpus(root: str | Path = DEFAULT_ROOT, *, check_lang: bool = True) -> CorpusLoad:
    """Every story folder under root, with its gold and shifts; problems as one-line messages."""
    from compare.sources import load_story

    root = Path(root).resolve()
    result = CorpusLoad()
    if not root.is_dir():
        result.problems.append(f"{root}: no corpus folder")
        return result
    for path in sorted(root.iterdir()):
        if _ignored(path) or path.name in README_FILES:
            continue
        if not path.is_dir():
            result.problems.append(f"{path}: stray file (the corpus holds story folders "
                                   "and README.md)")
            continue
        result.problems.extend(stray_files(path))
        blocking = meta_problems(path)
        missing = [LANG_NAMES[lang] for lang in LANGS if not (path / f"{lang}.txt").is_file()]
        if missing:
            blocking.append(f"{path}: missing {', '.join(missing)} version "
                            f"({', '.join(f'{lang}.txt' for lang in LANGS)} needed)")
        if blocking:
            result.problems.extend(blocking)
            continue
        try:
            story = load_story(path, check_lang=check_lang)
        except InputError as error:
            result.problems.append(_named(path, str(error)))
            continue
        result.stories.append(story)
        _load_annotations(story, path, result)
    if not result.stories and not result.problems:
        result.problems.append(f"{root}: no story folders")
    # Name files as corpora/<id>/…, not by their absolute path.
    result.problems = [problem.replace(f"{root.parent}{os.sep}", "") for problem in result.problems]
    return result


def _load_annotations(story: Story, path: Path, result: CorpusLoad) -> None:
    """Gold and shifts of one loaded story: valid ones into result, the rest as problems."""
    gold_dir = path / GOLD_DIR
    if gold_dir.is_dir():
        drift = segmentation_problems(story, path)
        if drift:
            result.problems.extend(_named(path, problem) for problem in drift)
        else:
            pairs: dict[tuple[str, str], list[Link]] = {}
            for src, tgt in GOLD_PAIRS:
                try:
                    links = load_gold(path, src, tgt)
                except InputError as error:
                    result.problems.append(str(error))
                    continue
                wrong = gold_problems(links, len(story.documents[src]), len(story.documents[tgt]),
                                      src, tgt)
                if wrong:
                    result.problems.extend(f"{gold_dir / f'{src}-{tgt}.tsv'}: {problem}"
                                           for problem in wrong)
                else:
                    pairs[(src, tgt)] = links
            if pairs:
                result.gold[story.id] = pairs
    if (path / SHIFTS_FILE).is_file():
        try:
            shifts = load_shifts(path)
        except InputError as error:
            result.problems.append(str(error))
            return
        wrong = shift_problems(shifts, story)
        if wrong:
            result.problems.extend(f"{path}/{problem}" for problem in wrong)
        else:
            result.shifts[story.id] = shifts


def _named(folder: Path, message: str) -> str:
    """The message, prefixed with the folder unless it already names a file in it."""
    return message if str(folder) in message else f"{folder}: {message}"


def _ignored(path: Path) -> bool:
    return path.name.startswith((".", "_"))


def _ids(ids: list[int]) -> str:
    return ", ".join(str(i) for i in ids[:8]) + (" …" if len(ids) > 8 else "")


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    """python -m compare.corpus [ROOT]: check the corpus and print its problems and counts.
    python -m compare.corpus --freeze STORY_DIR: write gold/segments.<lang>.txt (making gold)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m compare.corpus", description=main.__doc__)
    parser.add_argument("root", nargs="?", default=str(DEFAULT_ROOT))
    parser.add_argument("--freeze", metavar="STORY_DIR",
                        help="write the segmenter's sentences of this story as gold/segments.*.txt")
    args = parser.parse_args(argv)
    if args.freeze:
        from compare.sources import load_story

        try:
            story = load_story(args.freeze)
        except InputError as error:
            print(f"error: {error}")
            return 2
        for path in freeze_segments(story):
            print(f"wrote {path}")
        return 0
    corpus = load_corpus(args.root)
    for problem in corpus.problems:
        print(f"problem: {problem}")
    for story in corpus.stories:
        counts = " ".join(f"{lang}:{len(story.documents[lang])}" for lang in story.langs)
        shifts = corpus.shifts.get(story.id, [])
        gold = "gold" if len(corpus.gold.get(story.id, {})) == len(GOLD_PAIRS) else "NO GOLD"
        print(f"{story.id:40} {counts:22} {gold:8} {len(shifts)} shift(s)")
    return 1 if corpus.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
