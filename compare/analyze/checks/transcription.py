"""A loose name key for transcriptions: the same name written by different transcription
systems gets the same key (Си Цзиньпин / Xi Jinping, Ли Цян / Li Qiang, Мун Чжэ Ин / Moon
Jae-in, Тяньцзинь / Tianjin, Мухаммед / Muhammad).

The strict key of compare.anchors keeps affricates and sibilants apart (ц / ch / j are three
sounds in a Slavic name); Chinese and Korean transcriptions spread one sound over all of them.
This key folds them to one class each (data/checks/transcriptions.tsv), drops vowels and a
Russian / Belarusian case ending, and gives the set of readings of a spelling that has several
(pinyin j = an affricate, Hungarian j = a glide). The name check uses it only as a fallback,
against capitalised words of the other text.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from compare import anchors
from compare.analyze.checks.common import data_lines

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Russian / Belarusian case endings of names (Цзиньпином, Тяньцзине, Ильхамом).
_CASE_ENDING = re.compile(r"(?:ами|ями|амі|ямі|ому|ему|ого|его|ага|яга|ом|ем|ам|ям|ах|ях|ым|ім|им|"
                          r"ой|ей|ою|ею|у|ю|е|ы|і|и|а|я)$")
MAX_READINGS = 16


@lru_cache(maxsize=None)
def _table() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    classes: dict[str, tuple[str, ...]] = {}
    for line in data_lines("transcriptions.tsv"):
        spelling, readings = line.split("\t")
        classes[spelling] = tuple(readings.split("|"))
    alternation = "|".join(re.escape(s) for s in sorted(classes, key=len, reverse=True))
    return re.compile(rf"({alternation})|(.)"), classes


def _latin_forms(word: str) -> list[str]:
    word = word.lower().strip("'’-.")
    word = re.sub(r"['’]s$", "", word)
    if not _CYRILLIC.search(word):
        return [anchors._fold_latin(word)]
    forms = [word]
    stripped = _CASE_ENDING.sub("", word)
    if stripped != word and len(stripped) >= 2:
        forms.append(stripped)
    table = anchors._transliteration()
    return ["".join(table.get(ch, ch) for ch in form) for form in forms]


@lru_cache(maxsize=50_000)
def loose_keys(word: str) -> frozenset[str]:
    """Every loose key of a word (one per reading of its ambiguous spellings); empty for a word
    with no consonant."""
    keys = set()
    pattern, classes = _table()
    for form in _latin_forms(word):
        form = re.sub(r"[^a-z]", "", form)
        options: list[tuple[str, ...]] = []
        for match in pattern.finditer(form):
            if match.group(1):
                options.append(classes[match.group(1)])
            elif match.group(2) not in "aeiouy":
                options.append((match.group(2),))
        for reading in itertools.islice(itertools.product(*options), MAX_READINGS):
            collapsed: list[str] = []
            for sound in "".join(reading):
                if not collapsed or collapsed[-1] != sound:
                    collapsed.append(sound)
            if collapsed:
                keys.add("".join(collapsed))
    return frozenset(keys)


def same_name(a: str, b: str) -> bool:
    """Two words that may be one name in two transcriptions: a loose key in common, or one
    extending the other by a sound or two when the shorter has three sounds or more."""
    keys_a, keys_b = loose_keys(a), loose_keys(b)
    if keys_a & keys_b:
        return True
    return any(len(short) >= 3 and long.startswith(short) and len(long) - len(short) <= 2
               for x in keys_a for y in keys_b
               for short, long in ((x, y) if len(x) <= len(y) else (y, x),))
