"""Word-level diff of two texts in one language, returned as data the app and exports render.

Used between the published English and MT(original → en), and between the original and
MT(English → original). Words are compared by their lemma key (compare/analyze/words.py):
case, punctuation, ё/е and — for Russian — inflection do not count as differences, so
"Said," and "said" or «заявил» and «заявила» are `equal` (the `other` field keeps how side b
wrote it, for a renderer that wants to show it). Nor do spellings the orthography alternates
(compare/data/checks/orthographic_variants.tsv): Belarusian «ў Мінску» / «у Мінску»,
«ўзбуджана» / «узбуджана», «са школы» / «з школы»; Russian «со мной» / «с мной».

Operations, reading from a to b:
  equal    the word is on both sides (side "both"; text from a, `other` from b)
  delete   the word is only in a (side "a")
  insert   the word is only in b (side "b")
  replace  a block of a was replaced by a block of b (both halves share `group`)
  move     the same words stand elsewhere on the other side (both halves share `group`)

The sequence is in reading order: a-side tokens where they stand in a, b-side tokens where they
stand in b, merged along the common words.  Punctuation is not a token; offsets let a renderer
show the original text around the words.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Literal, Sequence

from compare.analyze.words import Word, fold, is_function_word, lemma, words

VARIANTS_FILE = Path(__file__).resolve().parent.parent / "data" / "checks" / "orthographic_variants.tsv"
BELARUSIAN_VOWELS = frozenset("аеёіоуыэюя")

DiffOp = Literal["equal", "insert", "delete", "replace", "move"]
DiffSide = Literal["both", "a", "b"]

# A single moved word is shown only when it carries meaning; a run of this many words always is.
MIN_MOVED_RUN = 2


@dataclass(frozen=True)
class DiffToken:
    text: str  # as written on its side (side "both": as written in a)
    op: DiffOp
    side: DiffSide
    start: int = 0  # offsets into that side's text (side "both": into a)
    end: int = 0
    other: str = ""  # side "both": the word as written in b
    other_start: int = 0
    other_end: int = 0
    group: int = -1  # pairs the halves of a replace or a move


def word_diff(a: str, b: str, lang: str = "") -> list[DiffToken]:
    """Diff `a` against `b` (both in `lang`: "en", "ru", "be"; "" folds case only)."""
    a_words, b_words = words(a or ""), words(b or "")
    a_keys = [word_key(w.text, lang) for w in a_words]
    b_keys = [word_key(w.text, lang) for w in b_words]
    matcher = SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    tokens: list[DiffToken] = []
    group = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for aw, bw in zip(a_words[i1:i2], b_words[j1:j2]):
                tokens.append(DiffToken(aw.text, "equal", "both", aw.start, aw.end,
                                        bw.text, bw.start, bw.end))
            continue
        op_a: DiffOp = "replace" if tag == "replace" else "delete"
        op_b: DiffOp = "replace" if tag == "replace" else "insert"
        this_group = group if tag == "replace" else -1
        group += tag == "replace"
        tokens.extend(_side_token(w, op_a, "a", this_group) for w in a_words[i1:i2])
        tokens.extend(_side_token(w, op_b, "b", this_group) for w in b_words[j1:j2])
    return _mark_moves(tokens, lang, first_group=group)


@lru_cache(maxsize=50_000)
def word_key(word: str, lang: str) -> str:
    """The key under which two words are the same word in the diff: the lemma key of the word's
    orthographic base form (the variant the spelling rules alternate undone first)."""
    return lemma(orthographic_base(word, lang), lang)


def orthographic_base(word: str, lang: str) -> str:
    """`word` folded, with a spelling that the orthography alternates by context replaced by
    its base form: «ў» → «у» and «й» before a consonant → «і» at the start of a Belarusian word
    (both follow from the word before ending in a vowel), and the vowel variants of prepositions
    listed in orthographic_variants.tsv («са» → «з», «во» → «в»)."""
    folded = fold(word)
    if lang == "be" and folded:
        if folded[0] == "ў":
            folded = "у" + folded[1:]
        elif folded[0] == "й" and len(folded) > 1 and folded[1].isalpha() \
                and folded[1] not in BELARUSIAN_VOWELS:
            folded = "і" + folded[1:]
    return _variants().get(lang, {}).get(folded, folded)


@lru_cache(maxsize=1)
def _variants() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for line in VARIANTS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, variant, base = (field.strip() for field in line.split("\t"))
        table.setdefault(lang, {})[fold(variant)] = fold(base)
    return table


def side_tokens(tokens: Sequence[DiffToken], side: Literal["a", "b"]) -> list[DiffToken]:
    """The tokens one side shows, in its reading order (equal tokens included)."""
    return [t for t in tokens if t.side in (side, "both")]


def changed_words(tokens: Sequence[DiffToken], side: Literal["a", "b"]) -> list[str]:
    """The words of one side that the other side lacks (deleted, inserted or replaced; not moved)."""
    return [t.text for t in tokens if t.side == side and t.op in ("delete", "insert", "replace")]


def diff_ratio(tokens: Sequence[DiffToken]) -> float:
    """Share of words that are equal or moved, over both sides (1.0 = same words)."""
    same = sum(2 for t in tokens if t.op == "equal") + sum(1 for t in tokens if t.op == "move")
    total = sum(2 if t.side == "both" else 1 for t in tokens)
    return same / total if total else 1.0


def _side_token(word: Word, op: DiffOp, side: DiffSide, group: int) -> DiffToken:
    return DiffToken(word.text, op, side, word.start, word.end, group=group)


def _mark_moves(tokens: list[DiffToken], lang: str, first_group: int) -> list[DiffToken]:
    """Turn a-only and b-only words that match each other into moves.

    Greedy, longest run first: a run is consecutive a-only words matching consecutive b-only
    words. Runs shorter than MIN_MOVED_RUN count only when the word is not a function word."""
    a_only = [i for i, t in enumerate(tokens) if t.side == "a"]
    b_only = [i for i, t in enumerate(tokens) if t.side == "b"]
    if not a_only or not b_only:
        return tokens
    key = {i: word_key(tokens[i].text, lang) for i in a_only + b_only}
    b_at: dict[str, list[int]] = {}
    for bi, b_pos in enumerate(b_only):
        b_at.setdefault(key[b_pos], []).append(bi)
    # Every maximal run starting at a matching pair, then accepted longest first.
    runs: list[tuple[int, int, int]] = []  # (length, ai, bi)
    for ai, a_pos in enumerate(a_only):
        for bi in b_at.get(key[a_pos], ()):
            if ai and bi and key[a_only[ai - 1]] == key[b_only[bi - 1]] and _continues(
                    tokens, a_only, b_only, ai - 1, bi - 1):
                continue  # not maximal: the run starting one word earlier covers it
            length = 1
            while (ai + length < len(a_only) and bi + length < len(b_only)
                   and key[a_only[ai + length]] == key[b_only[bi + length]]
                   and _continues(tokens, a_only, b_only, ai + length - 1, bi + length - 1)):
                length += 1
            runs.append((length, ai, bi))
    runs.sort(key=lambda run: (-run[0], run[1], run[2]))
    used: set[int] = set()
    moves: list[tuple[list[int], list[int]]] = []
    for length, ai, bi in runs:
        run_a, run_b = a_only[ai:ai + length], b_only[bi:bi + length]
        if used.intersection(run_a) or used.intersection(run_b):
            continue
        if length < MIN_MOVED_RUN and is_function_word(tokens[run_a[0]].text, lang):
            continue
        used.update(run_a + run_b)
        moves.append((run_a, run_b))
    result = list(tokens)
    for offset, (run_a, run_b) in enumerate(moves):
        for i in run_a + run_b:
            t = result[i]
            result[i] = DiffToken(t.text, "move", t.side, t.start, t.end, group=first_group + offset)
    return _unpair_replacements(result)


def _unpair_replacements(tokens: list[DiffToken]) -> list[DiffToken]:
    """A replace half whose other half all moved away is a plain delete or insert."""
    sides_of_group: dict[int, set[str]] = {}
    for t in tokens:
        if t.op == "replace":
            sides_of_group.setdefault(t.group, set()).add(t.side)
    return [
        DiffToken(t.text, "delete" if t.side == "a" else "insert", t.side, t.start, t.end)
        if t.op == "replace" and len(sides_of_group[t.group]) < 2 else t
        for t in tokens
    ]


def _continues(tokens: list[DiffToken], a_only: list[int], b_only: list[int], ai: int, bi: int) -> bool:
    """True when the a-only words ai, ai+1 and the b-only words bi, bi+1 are neighbours."""
    return (_adjacent(tokens, a_only[ai], a_only[ai + 1], "a")
            and _adjacent(tokens, b_only[bi], b_only[bi + 1], "b"))


def _adjacent(tokens: list[DiffToken], i: int, j: int, side: str) -> bool:
    """True when no word of `side` stands between tokens i and j (they are neighbours there)."""
    return not any(t.side in (side, "both") for t in tokens[i + 1:j])
