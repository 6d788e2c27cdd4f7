"""Quotes: speech quoted directly in one version only (a quotation turned into reported speech,
or reported speech turned into a quotation)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from compare.analyze.checks.common import clip as _clip, data_lines
from compare.analyze.words import words
from compare.model import Flag

# A quotation counts as speech (not a title or a scare quote) from this many words.
MIN_QUOTE_WORDS = 4
# A quotation opened and never closed is taken to run on over at most this many sentences.
MAX_QUOTE_SENTENCES = 6

_MARKS = "«»„“”\""


def quotations(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[str]:
    """Quoted passages of at least `min_words` words (titles and scare quotes left out),
    including the part of a quotation that runs over several sentences: the text before a lone
    closing mark or after a lone opening one. Any opening mark pairs with the next closing one
    at its level: real pages mix them (“…," or "…»), and the pair still quotes."""
    passages: list[tuple[str, bool]] = []  # (text, is a fragment of a longer quotation)
    depth, start, last_end = 0, 0, 0
    for i, char in enumerate(text):
        if char not in _MARKS:
            continue
        if _quote_direction(text, i) == "open":
            if depth == 0:
                start = i + 1
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                passages.append((text[start:i], False))
                last_end = i + 1
        elif not passages and not last_end:
            passages.append((text[:i], True))  # the end of a quotation begun before
            last_end = i + 1
    if depth > 0:
        passages.append((text[start:], True))  # the start of one that runs on
    if not passages:
        passages = _dash_speech(text)
    found = []
    for passage, fragment in passages:
        passage = passage.strip()
        # A fragment is the end or the start of a longer quotation: any length counts.
        if passage and (len(words(passage)) >= min_words or (fragment and min_words <= 2)):
            found.append(passage)
    return found


def _quote_direction(text: str, i: int) -> str:
    """« „ open and » closes; “ ” " open at the start of a word and close at its end
    (English “…”, Russian „…“)."""
    mark = text[i]
    if mark in "«„":
        return "open"
    if mark == "»":
        return "close"
    return "open" if i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-" else "close"


# Russian and Belarusian also mark direct speech with dashes, no quotation marks: a sentence
# that opens with a dash («– В нашей стране …»), or speech before its attribution
# («…, – отметил глава государства»).
_DASH_OPENING = re.compile(r"^\s*[-–—]\s+(?=\w)")


@lru_cache(maxsize=None)
def _speech_verbs() -> str:
    stems = [stem for line in data_lines("speech_verbs.tsv") for stem in line.split("\t")[1].split(",")]
    return "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))


@lru_cache(maxsize=None)
def _attribution_pattern(anchored: bool) -> re.Pattern[str]:
    """Speech, then «, – отметил …»: the dash and a speech verb (speech_verbs.tsv)."""
    start = "^(.+?" if anchored else "("
    return re.compile(rf"{start}[,!?…])\s+[-–—]\s+(?:(?:{_speech_verbs()})\w*)(?!\w)",
                      re.DOTALL | re.IGNORECASE)


def _dash_speech(text: str) -> list[tuple[str, bool]]:
    opening = _DASH_OPENING.match(text)
    attribution_of = _attribution_pattern(True)
    if opening:
        speech = text[opening.end():]
        attribution = attribution_of.match(speech)
        return [((attribution.group(1) if attribution else speech).rstrip(",").strip(), True)]
    attribution = attribution_of.match(text)
    if attribution and attribution.group(1)[:1].isupper():
        return [(attribution.group(1).rstrip(",").strip(), True)]
    return []


# The share of sentences in the first person that makes a text with no quotation marks the
# speaker's own (a transcript, a letter): at least this many, of at least OWN_TEXT_SENTENCES.
OWN_TEXT_SHARE = 1 / 3
OWN_TEXT_SENTENCES = 3


@lru_cache(maxsize=None)
def _first_person() -> frozenset[str]:
    return frozenset(w.strip() for line in data_lines("first_person.tsv") for w in line.split("\t")[1].split(","))


def speakers_own_text(texts: Sequence[str]) -> bool:
    """A document with no quotation marks or dash speech whose sentences speak in the first
    person («Мы стоим на месте, где…») is the speaker's own text: a speech transcript or a
    letter. Its translation quoting it turns no reported speech into a quotation."""
    # (names in quotation marks, «Минский котел», are no quotation of speech)
    if len(texts) < OWN_TEXT_SENTENCES or any(quotations(text) for text in texts):
        return False
    if any(_DASH_OPENING.match(text) or _attribution_pattern(False).search(text) for text in texts):
        return False
    mine = _first_person()
    first = sum(1 for text in texts if any(w.text.lower() in mine for w in words(text)))
    return first >= OWN_TEXT_SHARE * len(texts)


def quoted_sentences(texts: Sequence[str]) -> frozenset[int]:
    """Indices of the sentences of a document that stand inside a quotation opened in an
    earlier sentence (a quote of several sentences: only its first and last carry marks).
    An opening mark that is never closed carries over at most MAX_QUOTE_SENTENCES sentences.
    Every sentence of the speaker's own text (speakers_own_text) counts as quoted."""
    if speakers_own_text(texts):
        return frozenset(range(len(texts)))
    inside: set[int] = set()
    depth, opened_at = 0, 0
    dash_open_at = None  # a sentence that opened speech with a dash and has not attributed it
    for index, text in enumerate(texts):
        if depth > 0:
            if index - opened_at > MAX_QUOTE_SENTENCES:
                depth = 0
            else:
                inside.add(index)
        if dash_open_at is not None:
            if index - dash_open_at > MAX_QUOTE_SENTENCES or any(c in _MARKS for c in text):
                dash_open_at = None
            else:
                inside.add(index)
                if _attribution_pattern(False).search(text):
                    dash_open_at = None  # «…, – отметил он»: the speech ends here
        if dash_open_at is None and depth == 0 and _DASH_OPENING.match(text) \
                and not _attribution_pattern(True).match(text[_DASH_OPENING.match(text).end():]):
            dash_open_at = index
        for i, char in enumerate(text):
            if char not in _MARKS:
                continue
            if _quote_direction(text, i) == "open":
                if depth == 0:
                    opened_at = index
                depth += 1
            elif depth > 0:
                depth -= 1
    return frozenset(inside)


def check_quotes(source: str, target: str, src_quoted: bool = False,
                 tgt_quoted: bool = False) -> list[Flag]:
    """Speech quoted on one side (≥ MIN_QUOTE_WORDS words) with no quotation at all on the
    other (a quoted phrase of two words or the piece of a longer quotation counts). src_quoted /
    tgt_quoted: the sentence stands inside a quotation of its document (quoted_sentences)."""
    src_quotes, tgt_quotes = quotations(source), quotations(target)
    if src_quotes and not tgt_quoted and not quotations(target, min_words=2):
        return [Flag("quote", "quote", _clip(src_quotes[0]), "",
                     "the source quotes these words directly; the translation has no quotation "
                     "(reported speech or left out)", severity="medium", rule="checks.quote.dropped")]
    if tgt_quotes and not src_quoted and not quotations(source, min_words=2):
        return [Flag("quote", "quote", "", _clip(tgt_quotes[0]),
                     "the translation quotes these words directly; the source has no quotation",
                     severity="medium", rule="checks.quote.added")]
    return []
