"""Sentence segmentation for English, Russian and Belarusian news text.

    segment(text, lang)            -> tuple[Segment, ...]   a whole document
    split_sentences(paragraph, lang) -> list[(start, end)]  spans inside one paragraph

Offsets always point into the text given: ``text[s.start:s.end] == s.text``, stripped of
surrounding whitespace (NBSP and zero-width characters included).

Paragraphs
----------
Line breaks are ``\\n``, ``\\r\\n`` or ``\\r`` (and the Unicode line/paragraph separators).
Blank lines separate blocks. Inside a block every line is a paragraph (the usual form of a
news story pasted or saved as text: one paragraph per line), except where the block is
hard-wrapped, as a Markdown file wrapped at 72–100 columns is. A line break is joined into
the paragraph when

* the line does not end with sentence or clause punctuation (. ! ? … : ; and closing
  quotes/brackets after them) and the next line starts with a lowercase letter, or the
  line ends with a comma or a hyphen — a sentence plainly goes on; or
* the block is wrapped — it shows such a plain continuation, its widest non-final line
  has 50 to 160 characters and at least two thirds of the non-final lines lie within 30
  characters of it — and the line is at least 60 % of that width (a shorter line ends a
  paragraph: the last line of a wrapped paragraph, or a headline above it).

A line that opens with a list or heading marker (``- ``, ``* ``, ``• ``, ``1. ``,
``1) ``, ``#``, ``>``) always starts a new paragraph, and a Markdown heading is never joined
to what follows. The ``#`` marks of a heading are left out of its segment.

Kinds
-----
* ``dateline``: a paragraph that is only a posting line or a dateline — "Posted:
  16.04.2024 11:21:00", "16 April 2024, 11:21", "MINSK, 11 April (BelTA)", "МІНСК
  (БЕЛТА) –". An inline dateline opening the lead ("MINSK, 11 April (BelTA) – The
  President …") is part of the first sentence and never split off, in all languages.
* ``title``: the first paragraph that is not a dateline (only datelines may precede it),
  when the document has more than one paragraph and it reads as a headline: at most 250
  characters and no final full stop, ellipsis, colon, semicolon or comma. A title is one
  segment, never split.
* ``body``: everything else, split into sentences.

Sentences
---------
A candidate boundary is a run of ``. ! ? …`` (with closing quotes or brackets glued to
it) followed by whitespace and more text. Rules, in order, decide whether it is one:

1. A bare full stop after a known abbreviation (data files ``abbreviations.<lang>.txt``,
   classes head / tail / upper / unit, see the files) or after an initial ("А.Р.
   Ваўчэнка", "J. Smith") or after a list number opening the sentence or following a
   colon ("1. Roads", "§2.", "Priorities: 1. Roads") joins as its class says. A unit
   after a number ("2024 г.") ends a sentence only when the sentence is more than its
   opening words ("В 2023 г. Беларусь …" stays whole); a tail abbreviation never ends a
   sentence before an acronym ("300 тыс. долл. США").
2. What follows decides: a lowercase letter, or , ; : ) ] or a closing quotation mark
   → join (ellipsis mid-sentence, "?" and "!" inside a sentence, lowercase continuation
   after an abbreviation).
3. A dash: followed by an opening quote → a new line of dialogue; followed by a lowercase
   word, or after a closing quote → join (attribution «…?» — спытаў ён / «…!» — Иванов
   улыбнулся); otherwise a new sentence.
4. After a closing quote, a short attribution clause with a speech verb
   (``attribution.<lang>.txt``: “Why?” Ivanov asked.) → join.
5. Otherwise (a capital letter, a digit, an opening quote or bracket) → boundary.

Quotation policy, the same in all three languages so the versions split alike: a quote
with its attribution after it is one sentence («…», — падкрэсліў ён. / «…», — подчеркнул
он. / “…,” he said. / “…!” she said.); a quote of several sentences is split at its inner
boundaries and the attribution stays with the last part; ``He said: “A. B.”`` gives
``He said: “A.`` and ``B.”``.

Full stops without a following space never split (2.5, 11.30, 16.04.2024, U.S.-led,
belta.by, info@belta.by). ``;`` never splits. Work is linear in the text length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from compare.datafiles import data_lines
from compare.meta_lines import meta_sort, split_end_mark
from compare.model import LANGS, STRUCTURE_KINDS, InputError, Segment

DATA = Path(__file__).resolve().parent / "data" / "segment"

# Bumped whenever a change can give other segments for the same text (ids are positions in
# the tuple segment() returns): the store keys saved corrections with it, so corrections made
# on an older segmentation are remapped by segment text, never re-applied by position.
SEGMENTER_VERSION = "2"

# Characters that carry nothing for segmentation: removed from the working copy of the
# text (offsets are mapped back), so "U.\u200bS." still reads as "U.S.".
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]")

CLOSING_QUOTES = "»”“’'\"›"  # “ closes a „…“ quotation
CLOSERS = CLOSING_QUOTES + ")]"
ONLY_CLOSING = "»”›"  # never open a quotation in our languages
OPENING_QUOTES = "«„“\"‘'‹"
DASHES = "-‐‑‒–—―−"
CONTINUATION_PUNCT = ",;:)]}%"

# A candidate: terminal punctuation with closing quotes/brackets (and more terminals)
# glued to it, e.g. "." "?!" "..." ".»" "?»." ".)"; it counts only before whitespace.
_CANDIDATE = re.compile(
    r"[.!?…]+(?:[" + re.escape(CLOSERS) + r"]+[.!?…]*)*(?=\s|$)"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
# A number right before a unit abbreviation: "2024 г", "2023–2024 гг", "1990-х гг", "XX ст".
_NUMBER_BEFORE = re.compile(r"(?:\d+(?:[-–][^\W\d_]{1,3})?|\b[IVXLC]+)\s*$")
_LIST_NUMBER = re.compile(r"§?\s?(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[a-zа-яё])")
_AFTER_COLON_NUMBER = re.compile(r":\s+\d{1,3}$")  # not a score "3:1"
_ABBR_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_DOT_GAP = re.compile(r"\.\s*")
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_TOKEN_WORDS = re.compile(r"[^\W_]+")
_CLAUSE_END = re.compile(r"[.!?…]")
_NON_SPACE = re.compile(r"\S")
_TIME_ZONE = re.compile(r"[A-Z][a-z]+ time\b")


# ---------------------------------------------------------------------------------------
# Rules data, loaded once per language


@dataclass(frozen=True)
class Rules:
    lang: str
    abbreviations: dict[str, str]  # normalised key ("т.д", "и т.д", "u.s") -> class
    longest_abbreviation: int  # pieces in the longest key ("и т.д" has 3)
    starters: frozenset[str]  # sentence openers after an [upper] abbreviation
    speech_verbs: frozenset[str]
    after_verb: frozenset[str]
    attribution_blockers: frozenset[str]


def _data_lines(name: str) -> list[str]:
    return data_lines(DATA / name)


def _sections(name: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in _data_lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def _abbreviation_key(entry: str) -> str:
    """Normalise an abbreviation as written in a data file: "и т. д." -> "и т.д"."""
    entry = entry.strip().rstrip(".")
    words = list(_ABBR_WORD.finditer(entry))
    key = ""
    for j, word in enumerate(words):
        if j:
            gap = entry[words[j - 1].end() : word.start()]
            key += "." if "." in gap else " "
        key += word.group().lower()
    return key


@lru_cache(maxsize=None)
def rules_for(lang: str) -> Rules:
    if lang not in LANGS:
        raise InputError(
            f"segmentation: unsupported language {lang!r} (expected one of {', '.join(LANGS)})"
        )
    abbreviations: dict[str, str] = {}
    longest = 1
    for cls, entries in _sections(f"abbreviations.{lang}.txt").items():
        for entry in entries:
            key = _abbreviation_key(entry)
            if key:
                # A later section does not override an earlier one: the files list the
                # stronger reading first where an abbreviation is ambiguous.
                abbreviations.setdefault(key, cls)
                longest = max(longest, len(re.split(r"[. ]", key)))
    starters: frozenset[str] = frozenset()
    if (DATA / f"sentence_starters.{lang}.txt").exists():
        starters = frozenset(_data_lines(f"sentence_starters.{lang}.txt"))
    attribution = _sections(f"attribution.{lang}.txt")
    return Rules(
        lang=lang,
        abbreviations=abbreviations,
        longest_abbreviation=longest,
        starters=starters,
        speech_verbs=frozenset(w.lower() for w in attribution.get("verbs", [])),
        after_verb=frozenset(w.lower() for w in attribution.get("after", [])),
        attribution_blockers=frozenset(w.lower() for w in attribution.get("blockers", [])),
    )


# ---------------------------------------------------------------------------------------
# Working copy without invisible characters, with a map back to the caller's offsets


class _View:
    """The text with zero-width characters removed; ``origin(i)`` maps offsets back."""

    def __init__(self, text: str):
        self.source = text
        if _INVISIBLE_RE.search(text):
            self.positions: list[int] | None = [
                i for i, ch in enumerate(text) if ch not in INVISIBLE
            ]
            self.text = "".join(ch for ch in text if ch not in INVISIBLE)
        else:
            self.positions = None
            self.text = text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty span of the working copy to the source text."""
        if self.positions is None:
            return start, end
        return self.positions[start], self.positions[end - 1] + 1


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------
# Sentences inside a paragraph


def _abbreviation_class(left: str, rules: Rules) -> tuple[str | None, str]:
    """Class and key of the abbreviation that ends ``left`` (the text before a full stop).

    Multi-piece keys are tried first: "и т. д" is looked up as "и т.д", then "т.д", "д"."""
    window = left[-40:]
    words = list(_ABBR_WORD.finditer(window))
    if not words or words[-1].end() != len(window):
        return None, ""
    key = words[-1].group().lower()
    keys = [key]
    last = len(words) - 1
    for j in range(last - 1, max(-1, last - rules.longest_abbreviation), -1):
        gap = window[words[j].end() : words[j + 1].start()]
        if _DOT_GAP.fullmatch(gap):
            sep = "."
        elif gap and gap.isspace():
            sep = " "
        else:
            break
        key = words[j].group().lower() + sep + key
        keys.append(key)
    for key in reversed(keys):
        cls = rules.abbreviations.get(key)
        if cls:
            return cls, key
    return None, ""


def _full_stop_rule(p: str, start: int, right: int, sentence_start: int, rules: Rules) -> bool | None:
    """A bare full stop at ``start``: abbreviations, initials and list numbers.

    Returns True (boundary), False (join) or None (let the following text decide)."""
    left = p[max(sentence_start, start - 60) : start]
    nxt = p[right]
    head = p[sentence_start:start].strip()
    if len(head) <= 8 and _LIST_NUMBER.fullmatch(head):
        return False  # "1. Roads …", "II. …", "a. …" opening a sentence: a list marker
    if _AFTER_COLON_NUMBER.search(left):
        return False  # "Priorities: 1. Roads"
    word = _LAST_WORD.search(left)
    if not word:
        return None
    cls, key = _abbreviation_class(left, rules)
    if len(word.group()) == 1 and word.group().isupper() and "." not in key:
        # An initial: "А. Лукашэнка", "А. Р. Лукашэнка", "J. Smith" (but "U.S." is looked up).
        # Initials after a surname end the sentence when a common opener follows:
        # «…подписал Петров А.В. Затем …».
        if nxt.isupper() and _initials_after_surname(left) and _opener_follows(p, right, rules):
            return True
        return False if nxt.isupper() else None
    if cls == "unit":
        # "в 2024 г." (год) may end a sentence, "в г. Минске" (город) may not; a year
        # opening the sentence ("В 2023 г. Беларусь …") is an adverbial, not its end.
        if not _NUMBER_BEFORE.search(left[: word.start()]):
            cls = "head"
        elif len(_TOKEN_WORDS.findall(head)) <= 4:
            cls = "head"
        else:
            cls = "tail"
    if cls == "head":
        return False
    if cls == "tail":
        if nxt.isdigit() or nxt.islower() or nxt in CONTINUATION_PUNCT:
            return False
        following = _WORD.match(p, right)
        if following and len(following.group()) > 1 and following.group().isupper():
            return False  # "300 тыс. долл. США", "5 млн руб. НДС"
        if key in ("a.m", "p.m") and _TIME_ZONE.match(p, right):
            return False  # "at 3 p.m. Minsk time"
        return None
    if cls == "upper":
        following = _WORD.match(p, right)
        if nxt.isdigit():
            return False
        if following and following.group()[0].isupper() and following.group() not in rules.starters:
            return False
    return None


_SURNAME_THEN_INITIALS = re.compile(r"[^\W\d_]{2,}\s+(?:[^\W\d_]\.\s?){0,2}[^\W\d_]$")


def _initials_after_surname(left: str) -> bool:
    """"…Петров А.В" / "…Петров А": a capitalised word, then one or two initials."""
    m = _SURNAME_THEN_INITIALS.search(left)
    return bool(m and m.group()[0].isupper())


def _opener_follows(p: str, right: int, rules: Rules) -> bool:
    following = _WORD.match(p, right)
    return bool(following and following.group() in rules.starters)


def _brand_follows(p: str, right: int) -> bool:
    """A sentence may open with a lowercase brand: "iPhone 16 …", "eBay …"."""
    following = _WORD.match(p, right)
    return bool(following and _LOWER_BRAND.fullmatch(following.group()))


_LOWER_BRAND = re.compile(r"[a-z]{1,3}[A-Z][A-Za-z]*")


def _attribution_follows(p: str, right: int, rules: Rules) -> bool:
    """After a closing quote: is the text up to the next full stop a short attribution?

    “Will it work?” Ivanov asked. / “We are ready!” the minister said on Monday."""
    end = right
    limit = min(len(p), right + 160)
    while True:
        stop = _CLAUSE_END.search(p, end, limit)
        if not stop:
            if limit < len(p):
                return False
            clause_end = len(p)
            break
        clause_end = stop.start()
        before = _LAST_WORD.search(p, max(right, clause_end - 30), clause_end)
        is_abbreviation = before is not None and before.end() == clause_end and (
            (len(before.group()) == 1 and before.group().isupper())
            or _abbreviation_class(p[right:clause_end], rules)[0] == "head"
        )
        if stop.group() == "." and is_abbreviation:
            end = stop.end()  # "Mr." inside the attribution: keep reading
            continue
        break
    clause = p[right:clause_end]
    if any(ch in clause for ch in "«»“”„\"():;"):
        return False
    words = _WORD.findall(clause)
    if not words or len(words) > 8:
        return False
    if any(w.lower() in rules.attribution_blockers for w in words):
        return False
    for i, w in enumerate(words):
        if w.lower() in rules.speech_verbs:
            after = words[i + 1 :]
            return len(after) <= 4 and all(
                a[0].isupper() or a.lower() in rules.after_verb for a in after
            )
    return False


def _is_boundary(p: str, m: re.Match, right: int, sentence_start: int, rules: Rules) -> bool:
    punct = m.group()
    start = m.start()
    if not p[sentence_start:start].strip():
        return False  # punctuation opening the sentence ("… and so on")
    if punct == ".":
        verdict = _full_stop_rule(p, start, right, sentence_start, rules)
        if verdict is not None:
            return verdict
    nxt = p[right]
    if nxt.islower() and _brand_follows(p, right):
        return True
    if nxt.islower() or nxt in CONTINUATION_PUNCT:
        return False
    if nxt in "([" and right + 1 < len(p) and p[right + 1].islower():
        return False
    if nxt in ONLY_CLOSING:
        return False  # "кто они такие… »": the quotation closes after a space
    closes_quote = any(ch in CLOSING_QUOTES for ch in punct)
    if nxt in DASHES:
        after_dash = _NON_SPACE.search(p, right + 1)
        if after_dash and after_dash.group() in OPENING_QUOTES:
            return True  # - "Так в чем же дело?" - "Не радуют": the next line of a dialogue
        word = _WORD.search(p, right, min(len(p), right + 40))
        if word and word.group()[0].islower():
            return False  # «…?» — спросил он. / “…!” — he said
        # After a quotation a dash brings its attribution: «…!» — Иванов улыбнулся.
        return not closes_quote
    if closes_quote and nxt.isupper() and _attribution_follows(p, right, rules):
        return False
    return True


def _sentence_spans(p: str, rules: Rules, protect: int = 0) -> list[tuple[int, int]]:
    """Stripped sentence spans of a paragraph (the working copy, no invisible characters).

    protect: the length of a dateline opening the paragraph («14 ноября, Минск /Корр. БЕЛТА/.»):
    no boundary inside it, so it stays with the lead."""
    spans = []
    sentence_start = 0
    for m in _CANDIDATE.finditer(p):
        if m.start() < protect:
            continue
        nxt = _NON_SPACE.search(p, m.end())
        if not nxt:
            break
        if _is_boundary(p, m, nxt.start(), sentence_start, rules):
            spans.append((sentence_start, m.end()))
            sentence_start = nxt.start()
    spans.append((sentence_start, len(p)))
    out = []
    for s, e in spans:
        s, e = _strip_span(p, s, e)
        if s < e:
            out.append((s, e))
    return out


def split_sentences(paragraph: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within one paragraph, stripped of whitespace."""
    rules = rules_for(lang)
    view = _View(paragraph)
    return [view.span(s, e) for s, e in _sentence_spans(view.text, rules)]


# ---------------------------------------------------------------------------------------
# Paragraphs


_TERMINAL_END = re.compile(r"[.!?…:;][" + re.escape(CLOSERS) + r"]*$")
_LIST_OR_HEADING = re.compile(
    r"(?:[-*•▪●◦]\s|[–—]\s+[^\W\d_]*[A-ZА-ЯЁІЎ]|\d{1,3}[.)]\s|[a-zа-я]\)\s|#|>)"
)
_HEADING = re.compile(r"#{1,6}(?:\s+|$)")
_HAS_CONTENT = re.compile(r"[^\W_]")


_END_MARK_LINE = re.compile(r"(?:.*\S)?\s*[-–—]\s?0\s?[-–—]")


def _plain_continuation(line: str, following: str) -> bool:
    """A line break inside a sentence: "… met the" / "governor of …" (never after the agency's
    end mark "-0-", which ends with a hyphen)."""
    if _END_MARK_LINE.fullmatch(line):
        return False
    if line.endswith((",", "-", "‐")):
        # a short line ending with a comma stands alone: a salutation ("Dear compatriots,")
        return len(line) >= 40 or following[:1].islower()
    if _TERMINAL_END.search(line):
        return False
    return following[:1].islower()


def _line_joins(lines: list[str]) -> list[bool]:
    """For each break in a block of non-blank lines: does it join one paragraph?"""
    if len(lines) < 2:
        return []
    plain = [_plain_continuation(lines[i], lines[i + 1]) for i in range(len(lines) - 1)]
    widths = [len(line) for line in lines[:-1]]
    widest = max(widths)
    near_widest = [w >= widest - 30 for w in widths]
    wrapped = (
        50 <= widest <= 160
        and 3 * sum(near_widest) >= 2 * len(widths)
        and any(p and near for p, near in zip(plain, near_widest))
    )
    joins = []
    for i in range(len(lines) - 1):
        if _LIST_OR_HEADING.match(lines[i + 1]) or _HEADING.match(lines[i]):
            joins.append(False)
        else:
            joins.append(plain[i] or (wrapped and widths[i] >= 0.6 * widest))
    return joins


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Stripped paragraph spans of a document (working copy). A line with no letter or digit
    ("* * *", "—", an emoji line) is a paragraph of its own and ends a block: nothing of the
    input is dropped (the segmenter makes it a meta line of the sort "symbols")."""
    blocks: list[list[tuple[int, int]]] = [[]]
    pos = 0
    for brk in [*_LINE_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        s, e = _strip_span(text, pos, end)
        if s < e and _HAS_CONTENT.search(text, s, e):
            blocks[-1].append((s, e))
        else:
            if blocks[-1]:
                blocks.append([])  # a blank line, or a rule like "***" / "---", ends a block
            if s < e:
                blocks[-1].append((s, e))
                blocks.append([])
        pos = brk.end() if brk else len(text)
    paragraphs = []
    for block in blocks:
        if not block:
            continue
        joins = _line_joins([text[s:e] for s, e in block])
        start = block[0][0]
        for i, (s, e) in enumerate(block):
            if i < len(joins) and joins[i]:
                continue
            paragraphs.append((start, e))
            if i + 1 < len(block):
                start = block[i + 1][0]
    return paragraphs


# ---------------------------------------------------------------------------------------
# Titles and datelines


@lru_cache(maxsize=1)
def _dateline_patterns() -> tuple[re.Pattern, ...]:
    months = sorted(_data_lines("months.txt"), key=len, reverse=True)
    labels = sorted(_data_lines("dateline_labels.txt"), key=len, reverse=True)
    month = "(?:" + "|".join(map(re.escape, months)) + r")\.?"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    year = r"\d{4}(?:\s*(?:г\.|года|год))?"
    date = (
        rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}[-/.]\d{{2}}[-/.]\d{{2}}"
        rf"|{day}\s+{month}(?:,?\s+{year})?|{month}\s+{day}(?:,?\s+{year})?)"
    )
    time = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*(?:[ap]\.?m\.?|GMT|UTC|MSK))?"
    weekday = r"(?:[^\W\d_]+,\s*)?"
    sep = r"\s*[,|/–—-]?\s*(?:в\s+|у\s+|at\s+)?"
    stamp = rf"{weekday}(?:{date}(?:{sep}{time})?|{time}(?:{sep}{date})?)"
    label = "(?:" + "|".join(map(re.escape, labels)) + ")"
    city = r"[^\W\d_][^\W\d_'’.-]*(?:[\s'’.-]+[^\W\d_]+){0,3}"
    agency = r"\([^()\n]{2,40}\)"
    dash_end = r"(?:\s*[-–—])?"
    flags = re.IGNORECASE
    return (
        re.compile(rf"{label}\s*:?\s*{stamp}", flags),
        re.compile(stamp, flags),
        re.compile(rf"{city}\s*,\s*{stamp}(?:\s*{agency})?{dash_end}", flags),
        re.compile(rf"(?P<city>{city})\s*{agency}{dash_end}", flags),
    )


def is_timestamp(paragraph: str) -> bool:
    """A publication line: "Posted: 16.04.2024 11:21:00", "12.04.2024 17:02", «Дата: 12.03.2023»."""
    text = paragraph.strip()
    if not text or len(text) > 100:
        return False
    with_label, stamp, _, _ = _dateline_patterns()
    return bool(with_label.fullmatch(text) or stamp.fullmatch(text))


def is_dateline(paragraph: str) -> bool:
    """A dateline alone on its line: "MINSK, 11 April (BelTA)", «МІНСК (БЕЛТА) –» (a
    publication timestamp is not one: see is_timestamp)."""
    text = paragraph.strip()
    if not text or len(text) > 100:
        return False
    _, _, city_date, city_agency = _dateline_patterns()
    if text[0].isupper() and city_date.fullmatch(text):
        return True
    m = city_agency.fullmatch(text)
    return bool(m and m.group("city").isupper())


@lru_cache(maxsize=1)
def _dateline_prefix() -> re.Pattern:
    """A dateline that opens the lead and ends with a full stop, which must not end a sentence:
    «Минск, 7 марта. …», «МИНСК, 3 фев — Sputnik. …», «14 ноября, Минск /Корр. БЕЛТА/. …»,
    «2 кастрычніка, Мінск /Кар. БЕЛТА/. …» (the ones ending with a dash never split anyway)."""
    months = sorted(_data_lines("months.txt"), key=len, reverse=True)
    month = "(?:" + "|".join(map(re.escape, months)) + r")\.?"
    date = rf"(?:\d{{1,2}}\s+{month}(?:\s+\d{{4}}(?:\s*(?:г\.|года))?)?|{month}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)"
    city = r"[^\W\d_][^\W\d_'’.-]*(?:[\s-][^\W\d_]+){0,2}"
    credit = r"(?:/[^/\n]{2,40}/|\([^()\n]{2,40}\))"
    # an agency's name: one or two capitalised words ("Sputnik", "INTERFAX.RU", «РИА Новости»)
    agency = r"(?-i:[A-ZА-ЯЁІЎ])[\w.-]*(?:\s(?-i:[A-ZА-ЯЁІЎ])[\w.-]*)?"
    return re.compile(
        rf"(?:{city}\s*,\s*{date}(?:\s*{credit})?\s*(?:[-–—]\s*{agency}\s*)?\.(?:\s*{credit}\s*\.)?"
        rf"|{city}\s*\.\s*{date}\s*\.\s*{agency}\s*(?:[-–—]|\.)"  # «Москва. 9 ноября. INTERFAX.RU -», «КИЕВ. 19 сентября. УНН.»
        rf"|{date}\s*,\s*{city}\s*{credit}\s*\.?)(?=\s)",
        re.IGNORECASE)


def dateline_prefix_length(paragraph: str) -> int:
    """The length of a dateline opening this paragraph that ends with a full stop, else 0."""
    m = _dateline_prefix().match(paragraph)
    return m.end() if m and paragraph[:1].isupper() or (m and paragraph[:1].isdigit()) else 0


_TITLE_END = re.compile(r"[.…:;,][" + re.escape(CLOSERS) + r"]*$")


def looks_like_title(paragraph: str) -> bool:
    text = paragraph.strip()
    return 0 < len(text) <= 250 and not _TITLE_END.search(text) and not text[0].islower()


# ---------------------------------------------------------------------------------------
# Documents


def _title_key(text: str) -> str:
    return " ".join(_TOKEN_WORDS.findall(text.casefold()))


def _latin_only(paragraph: str) -> bool:
    letters = [ch for ch in paragraph if ch.isalpha()]
    return bool(letters) and all("a" <= ch.lower() <= "z" for ch in letters)


def _structure_of(paragraph: str, lang: str, state: "_State") -> tuple[str, str] | None:
    """(kind, sort) when the paragraph is page furniture or a dateline alone, else None."""
    if is_timestamp(paragraph):
        return "meta", "timestamp"
    if state.title_key and _title_key(paragraph) == state.title_key:
        return "meta", "repeated_title"  # the page title again as the first body line
    sort = meta_sort(paragraph, lang, first=state.before_content, stamp=_dateline_patterns()[1])
    if sort:
        return "meta", sort
    if is_dateline(paragraph):
        return "dateline", ""
    if state.after_related_label and looks_like_title(paragraph) and len(paragraph) <= 160:
        return "meta", "related"  # the headline a «Читайте также» line links to
    if state.in_menu or _MENU_LINE.fullmatch(paragraph):
        return "meta", "rubric"  # a site menu above the story ("Home | News | Politics")
    return None


# One line of three or more short items between bars or bullets: a menu or a breadcrumb.
_MENU_LINE = re.compile(
    r"(?:[|•·›»]|\s/)?\s*[^|•·›»/\n]{1,30}(?:(?:\s*[|•·›»]|\s/)\s*[^|•·›»/\n]{1,30}){2,}\s*(?:[|•·›»]|\s/)?")


def _menu_lines(work: str, paragraphs: list[tuple[int, int]], lang: str) -> int:
    """How many paragraphs at the top are a site menu in Latin script above a Cyrillic story:
    two or more short Latin-only lines in a row (one alone may be an English headline)."""
    if lang not in ("ru", "be"):
        return 0
    count = 0
    for s, e in paragraphs:
        if e - s > 60 or not _latin_only(work[s:e]):
            break
        count += 1
    return count if count >= 2 and count < len(paragraphs) else 0


@dataclass
class _State:
    before_content: bool = True  # no title or body paragraph yet
    title_key: str = ""  # the headline's words, to recognise it repeated
    after_related_label: bool = False  # the paragraph before was a bare "Read also" label
    in_menu: bool = False  # inside a site menu at the top of the page
    body_seen: bool = False  # a paragraph of story text came already (a dateline opens only the lead)


def segment(text: str, lang: str) -> tuple[Segment, ...]:
    """Split a document into paragraphs and sentences, with offsets into ``text``.

    Every paragraph gives at least one segment, in reading order: page furniture as one
    segment of kind "meta" (with its sort), a dateline alone on its line as "dateline", the
    headline as "title", story text as "body" sentences. So ids (positions) cover the text."""
    rules = rules_for(lang)
    view = _View(text)
    work = view.text
    paragraphs = _paragraph_spans(work)
    segments: list[Segment] = []
    title_possible = sum(1 for s, e in paragraphs if _HAS_CONTENT.search(work, s, e)) > 1
    state = _State()
    menu = _menu_lines(work, paragraphs, lang)
    for number, (p_start, p_end) in enumerate(paragraphs):
        state.in_menu = number < menu
        heading = _HEADING.match(work, p_start, p_end)
        if heading and heading.end() < p_end:
            p_start = heading.end()  # "# Title": the marks are markup, not text
        paragraph = work[p_start:p_end]
        structure = _structure_of(paragraph, lang, state)
        pieces: list[tuple[int, int, str, str]]  # (start, end, kind, sort) within the paragraph
        if structure:
            pieces = [(0, len(paragraph), *structure)]
        elif title_possible and state.before_content and looks_like_title(paragraph):
            pieces = [(0, len(paragraph), "title", "")]
            state.title_key = _title_key(paragraph)
        else:
            mark = split_end_mark(paragraph)
            body = paragraph[:mark] if mark is not None else paragraph
            protect = 0 if state.body_seen else dateline_prefix_length(body)
            pieces = [(s, e, "body", "") for s, e in _sentence_spans(body, rules, protect)]
            if mark is not None:
                s, e = _strip_span(paragraph, mark, len(paragraph))
                pieces.append((s, e, "meta", "end_mark"))
        kind = pieces[0][2]
        if kind in ("title", "body"):
            state.before_content = False
        if kind == "body":
            state.title_key = ""  # only the first body line can repeat the title
            state.body_seen = True
        state.after_related_label = (kind, pieces[0][3]) == ("meta", "related") and len(paragraph) <= 30
        for s, e, piece_kind, sort in pieces:
            start, end = view.span(p_start + s, p_start + e)
            segments.append(
                Segment(
                    index=len(segments),
                    text=text[start:end],
                    start=start,
                    end=end,
                    paragraph=number,
                    kind=piece_kind,
                    lang=lang,
                    sort=sort,
                )
            )
    return tuple(_tail_boxes(_choose_headline(segments)))


def _choose_headline(segments: list[Segment]) -> list[Segment]:
    """Site furniture above the headline: when short headline-like lines (no sentence end, at
    most three words) come before the story text, the headline is the first line of four words
    or more, and the short lines above it are the site's («Найти», «Наверх», a rubric)."""
    run: list[int] = []
    for k, seg in enumerate(segments):
        if seg.kind in STRUCTURE_KINDS:
            continue
        whole = (k == 0 or segments[k - 1].paragraph != seg.paragraph) and (
            k + 1 == len(segments) or segments[k + 1].paragraph != seg.paragraph)
        # a long line without a final stop is a standfirst or a lead, not a headline
        if len(_TOKEN_WORDS.findall(seg.text)) <= 16 and (
                seg.kind == "title" or (seg.kind == "body" and whole and looks_like_title(seg.text))):
            run.append(k)
            continue
        break
    if len(run) < 2 or segments[run[0]].kind != "title":
        return segments
    long_enough = [k for k in run if len(_TOKEN_WORDS.findall(segments[k].text)) >= 4]
    if not long_enough:
        return segments
    headline = long_enough[0]
    out = list(segments)
    key = _title_key(segments[headline].text)
    for k in run:
        words = len(_TOKEN_WORDS.findall(segments[k].text))
        if k == headline:
            out[k] = replace(out[k], kind="title", sort="")
        elif _title_key(segments[k].text) == key:
            out[k] = replace(out[k], kind="meta", sort="repeated_title")
        elif k < headline or (words <= 3 and not segments[k].text.rstrip("»”\"' ").endswith(("!", "?"))):
            # above the headline, or a kicker of a few words between it and the story
            # («Новости Общества», «Описание»): the site's, not the story's
            out[k] = replace(out[k], kind="meta", sort="rubric")
    return out


def _tail_boxes(segments: list[Segment]) -> list[Segment]:
    """A line in capitals with no final punctuation after the last paragraph of story text is
    a related-link box ("NUCLEAR POWER IN BELARUS AND WORLDWIDE"), not a sentence."""
    out = list(segments)
    for k in range(len(out) - 1, -1, -1):
        s = out[k]
        if s.kind in STRUCTURE_KINDS:
            continue
        letters = [ch for ch in s.text if ch.isalpha()]
        capitals = bool(letters) and all(ch.isupper() for ch in letters) and len(s.text) <= 160
        # a short line with no end punctuation after the story ("Recent news from Belarus")
        short = len(s.text) <= 60 and not _CLAUSE_END.search(s.text[-1:])
        if s.kind == "body" and (capitals or short) \
                and not _TITLE_END.search(s.text) and not _CLAUSE_END.search(s.text[-1:]) \
                and any(o.kind == "body" for o in out[:k]) \
                and (k == 0 or out[k - 1].paragraph != s.paragraph) \
                and (k + 1 == len(out) or out[k + 1].paragraph != s.paragraph):
            out[k] = replace(s, kind="meta", sort="related")
            continue
        break
    return out
