"""The records that flow through the pipeline: frozen dataclasses, no behaviour beyond views.

Everything below the pipeline imports this module and its own helpers only, so these types
are the contract between the parts (segmenter, aligner, translators, analysis, exports, UI).

Ids: a segment's `index` is its 0-based position in its document (the presegmented id format
`SRC_IDS<TAB>TGT_IDS` uses it); its `id` is the stable string "<lang>:<index>" used in
exports and the store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, Mapping

# A line break and the spaces around it, inside one segment (a hard-wrapped paragraph).
_LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|[\r\n\x85\u2028\u2029])+[ \t]*")

LANGS: tuple[str, ...] = ("en", "ru", "be")
LANG_NAMES: Mapping[str, str] = MappingProxyType(
    {"en": "English", "ru": "Russian", "be": "Belarusian"}
)

SegmentKind = Literal["body", "title", "dateline", "meta"]
# Kinds that are page structure, not story text: never aligned as content, never in the length
# model, confidence or scores, never flagged. A "meta" segment says which sort it is (Segment.sort).
STRUCTURE_KINDS: frozenset[str] = frozenset({"dateline", "meta"})
META_SORTS: tuple[str, ...] = (
    "timestamp", "byline", "credit", "source", "end_mark", "counter", "rubric", "related",
    "repeated_title", "share", "symbols",
)
LinkStatus = Literal["auto", "confirmed"]


class InputError(Exception):
    """Bad user input. The message is one line that names the input and the problem.

    The CLI and the app print it as it is (never a traceback); the CLI exits 1."""


class UsageError(InputError):
    """A wrong option or argument (an unknown --format, a --pair that is no pair): the CLI
    prints it like any InputError and exits 2, as argparse does for its own usage errors."""


@dataclass(frozen=True)
class Segment:
    index: int  # 0-based position in the document
    text: str
    start: int  # character offsets into Document.text: text == Document.text[start:end]
    end: int
    paragraph: int  # 0-based paragraph number
    kind: SegmentKind = "body"
    lang: str = ""
    sort: str = ""  # for kind "meta": one of META_SORTS (what sort of page furniture it is)

    @property
    def is_structure(self) -> bool:
        """Page furniture (a meta line or a dateline alone on its line), not story text."""
        return self.kind in STRUCTURE_KINDS

    @property
    def id(self) -> str:
        return f"{self.lang}:{self.index}"

    @property
    def one_line(self) -> str:
        """The text with the line breaks of a hard-wrapped paragraph as single spaces: what a
        one-line format (TSV, a CAT tool's segment) must carry. `text` keeps the exact source."""
        return _LINE_BREAKS.sub(" ", self.text)


@dataclass(frozen=True)
class DocumentPart:
    """One of several originals of one language, read as one document (ru.txt, ru-2.txt …):
    segments start..stop-1 of the combined document come from this file."""

    key: str  # "ru", "ru-2", …
    source: str
    start: int
    stop: int
    # what story.toml's [[sources]] table says of the file ("" when it says nothing)
    url: str = ""
    date: str = ""
    title: str = ""

    @property
    def label(self) -> str:
        """The file's name (or its key), as the app and the notes name an original."""
        from pathlib import PurePath
        return PurePath(self.source).name or self.key


@dataclass(frozen=True)
class Document:
    lang: str
    text: str  # the decoded source text the offsets point into
    segments: tuple[Segment, ...]
    source: str = ""  # file path or "<pasted>"
    detected_lang: str | None = None  # what language identification said
    detected_confidence: float | None = None
    # the files of this language (several originals: ru.txt, ru-2.txt …); () for one file that
    # story.toml says nothing of, one part for a file it gives a URL, date or title
    parts: tuple[DocumentPart, ...] = ()

    @property
    def several(self) -> bool:
        """Several originals of this language, read as one document."""
        return len(self.parts) > 1

    def part_of(self, index: int) -> tuple[str, int]:
        """(part key, index within that part) of a segment; (lang, index) for a single document."""
        for part in self.parts:
            if part.start <= index < part.stop:
                return part.key, index - part.start
        return self.lang, index

    def __len__(self) -> int:
        return len(self.segments)

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.segments]

    @property
    def paragraph_starts(self) -> frozenset[int]:
        """Indices of segments that open a paragraph (soft boundaries for the aligner)."""
        return frozenset(
            s.index
            for i, s in enumerate(self.segments)
            if i == 0 or s.paragraph != self.segments[i - 1].paragraph
        )


@dataclass(frozen=True)
class StoryMeta:
    title: str = ""
    date: str = ""
    original: str = ""  # language of the original version ("ru", "be", "en") or ""
    source: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Story:
    id: str
    meta: StoryMeta
    documents: Mapping[str, Document]  # lang -> document, 2 or 3 of LANGS
    path: str = ""

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGS if lang in self.documents)


@dataclass(frozen=True)
class Link:
    """One row of an alignment: source segment indices against target segment indices.

    Either side may be empty (an omission or an addition); never both."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float = 1.0  # in [0, 1]
    signals: Mapping[str, float] = field(default_factory=dict)  # what scored it
    status: LinkStatus = "auto"
    # "" for an ordinary content link; "meta" (page furniture paired with its counterpart),
    # "title" (headline with headline, when they translate each other).
    role: str = ""

    @property
    def type(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def kind(self) -> str:
        """What the row is: its role when it has one, else its shape ("1-1", "2-1", "0-1" …)."""
        return self.role or self.type

    @property
    def is_null(self) -> bool:
        return not self.src or not self.tgt


@dataclass(frozen=True)
class Alignment:
    src_lang: str
    tgt_lang: str
    links: tuple[Link, ...]
    signature: Mapping[str, str] = field(default_factory=dict)  # settings that produced it
    confidence: float = 1.0  # overall: low means "these may not be translations"
    warnings: tuple[str, ...] = ()
    # what the alignment is, in words, when it is not a plain sentence-for-sentence translation:
    # "2 passages moved (...)", "partial translation: the English covers 40% of the Russian"
    notes: tuple[str, ...] = ()

    def signature_string(self) -> str:
        return "|".join(f"{k}:{v}" for k, v in self.signature.items())


@dataclass(frozen=True)
class Disagreement:
    """Where the three pairwise alignments of a story do not close into a triangle."""

    en: tuple[int, ...]
    ru: tuple[int, ...]
    be: tuple[int, ...]
    explanation: str


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side view of a story: the segments of each version that the
    pairwise links tie together (a connected group, kept in reading order). A version with an
    empty tuple has nothing there (an omission or an addition)."""

    segments: Mapping[str, tuple[int, ...]]  # lang -> segment indices
    links: Mapping[tuple[str, str], tuple[int, ...]] = field(default_factory=dict)
    # (src_lang, tgt_lang) -> indices into Comparison.alignments[(src_lang, tgt_lang)].links


@dataclass(frozen=True)
class Flag:
    """Something a reviewer should look at, with the evidence that raised it."""

    kind: str  # softened / sharpened / number / date / name / quote / omission / addition / untranslated ...
    category: str  # e.g. reporting_verb, hedge, booster, modality, label, number
    source_term: str
    target_term: str
    explanation: str  # one line
    severity: str = "medium"  # low / medium / high
    source_level: float | None = None
    target_level: float | None = None
    rule: str = ""  # what raised it (lexicon concept id, check name)
    # The user's triage (compare.triage.annotate fills these for exports; the analysis never):
    triage: str = ""  # "" | false_alarm | checked | muted
    triage_note: str = ""  # the user's note, or which mute left it out
    triage_id: str = ""  # compare.triage.flag_id: how `report --mark` names it


@dataclass(frozen=True)
class Translation:
    text: str
    engine: str
    model: str
    src_lang: str
    tgt_lang: str
    options: Mapping[str, str] = field(default_factory=dict)
    failed: bool = False  # the engine could not translate this segment
    note: str = ""


@dataclass(frozen=True)
class LinkAnalysis:
    verdict: str  # softened / sharpened / mixed / none
    flags: tuple[Flag, ...] = ()
    scores: Mapping[str, float] = field(default_factory=dict)
    note: str = ""
    signatures: Mapping[str, str] = field(default_factory=dict)  # score name -> settings that produced it


@dataclass(frozen=True)
class Comparison:
    story: Story
    alignments: Mapping[tuple[str, str], Alignment]  # (src_lang, tgt_lang) -> alignment
    disagreements: tuple[Disagreement, ...] = ()
    rows: tuple[Row, ...] = ()
    analyses: Mapping[tuple[str, str], tuple[LinkAnalysis, ...]] = field(default_factory=dict)
    translations: Mapping[tuple[str, str], tuple[Translation, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what the pipeline could not do (e.g. an MT direction missing)
