"""Characters an export cannot carry, and invisible ones a reviewer cannot see.

XML 1.0 (TMX, XLIFF, InterText, and the XML inside .xlsx) has no way to write most C0 control
characters, lone surrogates or U+FFFE/U+FFFF, so they are removed from every format alike (one
record feeds every format) — except vertical tab and form feed, Word's line and page breaks,
which become a space so that the words they separated stay apart.

Zero-width characters, bidirectional marks and the soft hyphen are legal and sometimes meant,
so they are kept by default; each one is reported, and `strip_invisible` removes them (they stop
a CAT tool from finding exact matches). Every change becomes a note naming where it was made.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_AS_SPACE = "\x0b\x0c"
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
MAX_NOTES = 30  # one per place; beyond this the rest are counted, not listed


def _describe(chars: Counter) -> str:
    parts = []
    for char, count in sorted(chars.items()):
        name = unicodedata.name(char, "") or ("CONTROL" if ord(char) < 0x20 else "")
        label = f"U+{ord(char):04X}" + (f" {name}" if name else "")
        parts.append(label + (f" ×{count}" if count > 1 else ""))
    return ", ".join(parts)


def has_illegal(text: str) -> bool:
    return bool(_XML_ILLEGAL.search(text))


class TextCleaner:
    """Cleans every string that goes into an export and remembers what it changed, and where."""

    def __init__(self, strip_invisible: bool = False, keep_line_breaks: bool = False):
        self.strip_invisible = strip_invisible
        # A line break inside a sentence is the hard wrap of the file it came from; a CAT tool
        # would never match that segment again, so it goes out as a space unless asked.
        self.keep_line_breaks = keep_line_breaks
        self._notes: list[str] = []
        self._places = 0

    def __call__(self, text: str, where: str) -> str:
        if not text or (text.isascii() and not _XML_ILLEGAL.search(text)):
            return text  # the common case, kept fast
        illegal = Counter(_XML_ILLEGAL.findall(text))
        invisible = Counter(_INVISIBLE.findall(text))
        if illegal:
            text = _XML_ILLEGAL.sub(lambda m: " " if m.group() in _AS_SPACE else "", text)
            self._note(f"{where}: removed {sum(illegal.values())} character(s) that XML cannot "
                       f"carry ({_describe(illegal)})")
        if invisible:
            if self.strip_invisible:
                text = _INVISIBLE.sub("", text)
                self._note(f"{where}: removed {sum(invisible.values())} invisible character(s) "
                           f"({_describe(invisible)})")
            else:
                self._note(f"{where}: kept {sum(invisible.values())} invisible character(s) "
                           f"({_describe(invisible)}); --strip-invisible removes them")
        return text

    def _note(self, note: str) -> None:
        self._places += 1
        if len(self._notes) < MAX_NOTES:
            self._notes.append(note)

    @property
    def notes(self) -> list[str]:
        more = self._places - len(self._notes)
        return self._notes + ([f"… and {more} more place(s) with such characters"] if more else [])
