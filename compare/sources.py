"""Reading the user's files: bytes → text → Document, and story folders → Story.

Readers for .txt/.md (UTF-8, UTF-8 with BOM, UTF-16, cp1251 and other legacy encodings detected),
.html (main text only) and .docx. Language is identified per document with lingua (its models
ship in the wheel, and it tells Russian from Belarusian on short sentences), but the user's
declaration wins when given: we check it and say plainly when the text reads as another language.

Every problem is an InputError whose message names the file and the problem in one line.
"""
from __future__ import annotations

import errno
import re
import functools
import io
import os
import stat
import sys
import tomllib
import zipfile
from pathlib import Path
from dataclasses import dataclass, replace

from compare.model import LANG_NAMES, LANGS, Document, InputError, Segment, Story, StoryMeta

MAX_FILE_BYTES = 10 * 1024 * 1024  # a news story is well under 1 MB; 10,000-line sets fit
TEXT_SUFFIXES = {".txt", ".md", ".text", ".tsv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES

# File signatures of things people rename to .txt by mistake.
MAGIC_SIGNATURES = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (a .docx or .xlsx saved under another name?)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file (.doc/.xls): save it as .docx or .txt",
    b"{\\rtf": "an RTF file: save it as .docx or .txt",
    b"\x7fELF": "a program, not text",
}

# Languages lingua may answer with beyond ours, so that a wrong file is named for what it is.
_OTHER_LANGUAGES = ("UKRAINIAN", "POLISH", "GERMAN", "FRENCH", "SPANISH", "ITALIAN",
                    "LITHUANIAN", "LATVIAN", "KAZAKH", "BULGARIAN", "SERBIAN")
# Below this confidence we do not contradict the user's declaration.
CONTRADICTION_CONFIDENCE = 0.80


# ---------------------------------------------------------------- bytes → text

def read_text(path: str | Path, data: bytes | None = None) -> str:
    """Decoded text of a .txt/.md/.html/.docx file (or of `data`, an upload named `path`).

    Line endings are normalised to \\n. Raises InputError naming the file and the problem."""
    name = Path(path).name
    if data is None:
        data = _read_bytes(Path(path))
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{name}: {len(data) / 1e6:.1f} MB is larger than the "
                         f"{MAX_FILE_BYTES // (1024 * 1024)} MB this tool reads "
                         "(a news story is well under 1 MB)")
    suffix = Path(path).suffix.lower()
    if suffix in DOCX_SUFFIXES:
        text = _docx_text(name, data)
    else:
        text = decode_bytes(name, data)
        if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
            text = html_main_text(name, text)
    text = normalise_newlines(text)
    if not text.strip():
        raise InputError(f"{name}: the file has no text")
    return text


def _read_bytes(path: Path, what: str = "") -> bytes:
    """The bytes of a file the user named, or one line saying why not; `what` says what the
    file is for in that line ("imported translations")."""
    return read_capped(path, MAX_FILE_BYTES, what)


def read_capped(path: str | Path, limit: int = MAX_FILE_BYTES, what: str = "") -> bytes:
    """At most `limit` bytes of a regular file ("-": standard input), or InputError.

    A FIFO or a device (/dev/zero, /dev/urandom) says size 0, so a size check alone lets it
    through to block or to eat memory: only regular files are opened, and every read stops at
    `limit` + 1 bytes whatever the size said (a file that grows while it is read)."""
    if str(path) == "-":
        return read_stdin(limit)
    path = Path(path)
    name = f"{what} {path}" if what else str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{name}: a symbolic link to a file that does not exist") from None
        raise InputError(f"{name}: no such file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(f"{name}: a symbolic link loop") from None
        raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{name}: not a regular file (a device, FIFO or socket); "
                         "give a saved file")
    if info.st_size > limit:
        raise _too_large(path, info.st_size, limit)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise _too_large(path, len(data), limit)
    return data


def read_stdin(limit: int = MAX_FILE_BYTES) -> bytes:
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    data = stream.read(limit + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > limit:
        raise InputError(f"standard input: more than the {limit // (1024 * 1024)} MB this tool "
                         "reads")
    return data


def _too_large(path: Path, size: int, limit: int) -> InputError:
    return InputError(f"{path.name}: {size / 1e6:.1f} MB is larger than the "
                      f"{limit // (1024 * 1024)} MB this tool reads "
                      "(a news story is well under 1 MB)")


def decode_bytes(name: str, data: bytes) -> str:
    """Bytes of a plain-text file → str, detecting the encoding."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    for signature, what in MAGIC_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{name}: this is {what}, not a text file")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict_decode(name, data[3:], "utf-8")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16's: FF FE
        return _strict_decode(name, data, "utf-32")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict_decode(name, data, "utf-16")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict_decode(name, data, utf16)
    if b"\x00" in data:
        raise InputError(f"{name}: binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _legacy_decode(name, data)


def _strict_decode(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not valid {encoding} text (byte {error.start})") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: every other byte is the high byte of a code unit,
    0x00 for Latin and 0x04 for Cyrillic, so one half of the bytes is almost all 0x00/0x04."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None

    def high_byte_share(half: bytes) -> float:
        return sum(1 for byte in half if byte in (0x00, 0x04)) / len(half)

    even, odd = high_byte_share(sample[0::2]), high_byte_share(sample[1::2])
    if odd > 0.9 and even < 0.5 and 0 in sample[1::2] + sample[0::2]:
        return "utf-16-le"
    if even > 0.9 and odd < 0.5 and 0 in sample[1::2] + sample[0::2]:
        return "utf-16-be"
    return None


def _legacy_decode(name: str, data: bytes) -> str:
    """Not UTF-8: a single-byte Cyrillic page (cp1251, KOI8-R/U, cp866, mac-cyrillic, ISO 8859-5)
    chosen by how Russian or Belarusian its letters read (compare/encodings.py), else what
    charset-normalizer finds (a Latin-script page)."""
    from charset_normalizer import from_bytes

    from compare.encodings import MIN_SCORE, best_cyrillic

    cyrillic = best_cyrillic(data)
    if cyrillic is not None and cyrillic[2] >= MIN_SCORE:
        if _control_ratio(cyrillic[1]) > 0.01:
            raise InputError(f"{name}: binary data, not text")
        return cyrillic[1]
    best = from_bytes(data).best()
    guessed_cyrillic = best is not None and _cyrillic_ratio(str(best)) >= 0.3
    if cyrillic is not None and (best is None or guessed_cyrillic):
        raise InputError(f"{name}: unknown Cyrillic encoding (not UTF-8, and no code page reads "
                         "it as Russian or Belarusian) — save it as UTF-8")
    if best is None or _control_ratio(str(best)) > 0.01:
        raise InputError(f"{name}: binary data or an unknown encoding (not UTF-8, UTF-16 or a "
                         "Cyrillic code page); save it as UTF-8")
    return str(best)


def _control_ratio(text: str) -> float:
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return control / max(1, len(text))


def _cyrillic_ratio(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff") / max(1, len(letters))


def normalise_newlines(text: str) -> str:
    """\\r\\n and lone \\r become \\n, so that files from any system split alike."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head


# Block elements whose text makes a paragraph; everything else is inline.
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th",
           "dd", "dt", "figcaption", "div", "section", "article", "main")
_DROPPED = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
            "iframe", "svg", "template", "select", "menu")


def html_main_text(name: str, html: str) -> str:
    """The main text of an HTML page, one paragraph per line; scripts, styles, navigation gone."""
    import lxml.html
    from lxml import etree

    try:
        # The text is already decoded: say so, or libxml2 reads the bytes as Latin-1 when the
        # page has no <meta charset>.
        parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                      encoding="utf-8")
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        raise InputError(f"{name}: cannot be read as HTML") from None
    for element in root.iter(*_DROPPED):
        element.drop_tree() if element.getparent() is not None else None
    main = next(iter(root.iter("article", "main")), None)
    if main is None:
        main = root.find("body") if root.find("body") is not None else root
    paragraphs: list[str] = []
    for block in main.iter(*_BLOCKS):
        if any(child.tag in _BLOCKS for child in block.iterdescendants()):
            # Only leaf blocks: text directly in a container div is taken from its own parts.
            own = " ".join((block.text or "").split())
            if own:
                paragraphs.append(own)
            continue
        text = " ".join(block.text_content().split())
        if text:
            paragraphs.append(text)
    if not paragraphs:
        text = " ".join(main.text_content().split())
        paragraphs = [text] if text else []
    if not paragraphs:
        raise InputError(f"{name}: the HTML page has no main text")
    return "\n\n".join(paragraphs) + "\n"


def _docx_text(name: str, data: bytes) -> str:
    from compare.zipsafe import open_zip

    open_zip(data, name, damaged="not a valid .docx file (a damaged zip archive)")  # the inflated size is capped before python-docx unpacks anything
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(f"{name}: not a valid .docx file") from None
    except Exception as error:  # python-docx raises several private types for damaged files
        raise InputError(f"{name}: not a valid .docx file ({type(error).__name__})") from None
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    return "\n\n".join(paragraphs) + "\n"


# ---------------------------------------------------------------- language identification

# Texts with at least this many letters go to lingua's low-accuracy mode (trigram models only:
# ~0.2 s to load instead of ~3-4 s for all n-gram sizes, on two cores). On every document of
# corpora/ and the private real dev set (59 texts, and 120 of their paragraphs of 200+ letters)
# it names the same language as the full detector; shorter texts keep the full one, where the
# longer n-grams matter (benchmarks/lang_fast_vs_full.py measures it). The full models load only
# when a short text comes: not in a background thread, as loading holds the GIL (a server
# thread warming them froze every session's page for seconds).
FAST_MIN_LETTERS = 200


def _languages():
    from lingua import Language

    languages = [Language.ENGLISH, Language.RUSSIAN, Language.BELARUSIAN]
    return languages + [getattr(Language, name) for name in _OTHER_LANGUAGES if hasattr(Language, name)]


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*_languages()).build()


@functools.lru_cache(maxsize=1)
def _fast_detector():
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*_languages()).with_low_accuracy_mode().build()


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) of the text's language; (None, 0.0) when it cannot tell.

    Codes other than en/ru/be may come back (uk, pl, de …) so that a wrong file can be named."""
    sample = text[:6000]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 3:
        return None, 0.0
    detector = _fast_detector() if letters >= FAST_MIN_LETTERS else _detector()
    values = detector.compute_language_confidence_values(sample)
    if not values:
        return None, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)


class LanguageContradiction(InputError):
    """A text that clearly reads as another language than the one it was given as. The CLI
    says how to turn the check off (--no-lang-check); the app shows its switch."""

    def __init__(self, name: str, declared: str, detected: str, confidence: float,
                 how_to_skip: str = "turn the check off") -> None:
        self.name, self.declared, self.detected, self.confidence = name, declared, detected, confidence
        super().__init__(
            f"{name}: declared {LANG_NAMES.get(declared, declared)} but the text reads as "
            f"{_language_name(detected)} (confidence {confidence:.2f}); "
            f"give the right language or {how_to_skip}")


def check_language(name: str, text: str, declared: str) -> tuple[str | None, float]:
    """Detect the language and refuse a text that clearly reads as another one than declared."""
    detected, confidence = detect_language(text)
    if detected and detected != declared and confidence >= CONTRADICTION_CONFIDENCE:
        raise LanguageContradiction(name, declared, detected, confidence)
    return detected, confidence


def not_a_story_language(name: str, detected: str | None, confidence: float) -> str | None:
    """The one line for a file in a language a story cannot use (German, Ukrainian …), naming
    that language; None when the file reads as English, Russian or Belarusian, or as nothing."""
    if detected is None or detected in LANGS:
        return None
    return (f"{name} is in {_language_name(detected)} (confidence {confidence:.2f}); a story takes "
            f"{', '.join(LANG_NAMES[lang] for lang in LANGS[:-1])} and {LANG_NAMES[LANGS[-1]]}")


def _language_name(code: str) -> str:
    from lingua import IsoCode639_1, Language

    if code in LANG_NAMES:
        return LANG_NAMES[code]
    try:
        return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())).name.title()
    except (AttributeError, ValueError):
        return code


def _require_lang(lang: str, name: str) -> str:
    if lang not in LANGS:
        raise InputError(f"{name}: language '{lang}' is not one of {', '.join(LANGS)}")
    return lang


# ---------------------------------------------------------------- text → Document

def document_from_text(text: str, lang: str | None, source: str = "<pasted>", *,
                       check_lang: bool = True) -> Document:
    """Segment running text into a Document. lang None: identified from the text."""
    from compare.segment import segment

    text = normalise_newlines(text)
    if not text.strip():
        raise InputError(f"{source}: the text is empty")
    if lang is None:
        detected, confidence = detect_language(text)
        if detected not in LANGS:
            found = _language_name(detected) if detected else "no language"
            raise InputError(f"{source}: reads as {found}; this tool compares "
                             "English, Russian and Belarusian")
        lang = detected
    else:
        _require_lang(lang, source)
        detected, confidence = check_language(source, text, lang) if check_lang else (None, None)
    segments = segment(text, lang)
    _require_story_text(segments, source)
    return Document(lang=lang, text=text, segments=segments, source=source,
                    detected_lang=detected, detected_confidence=confidence)


_SORT_NAMES = {"timestamp": "timestamps", "byline": "bylines", "credit": "credits",
               "source": "source lines", "end_mark": "end marks", "counter": "view counters",
               "rubric": "rubrics or menus", "related": "'read also' lines",
               "repeated_title": "repeated titles", "share": "share lines", "symbols": "symbols"}


def _require_story_text(segments, source: str) -> None:
    """A page of page furniture only (timestamps, credits, menus) has nothing to align."""
    if any(s.kind in ("body", "title") for s in segments):
        return
    sorts = list(dict.fromkeys(_SORT_NAMES.get(s.sort, "datelines") for s in segments))
    listed = " and ".join([", ".join(sorts[:-1]), sorts[-1]] if len(sorts) > 1 else sorts)
    raise InputError(f"{source}: no story text: its {len(segments)} lines look like {listed}")


def load_document(path: str | Path, lang: str | None = None, *, check_lang: bool = True,
                  data: bytes | None = None) -> Document:
    """Read and segment a .txt/.md/.html/.docx file (or uploaded `data` named `path`)."""
    text = read_text(path, data)
    return document_from_text(text, lang, source=str(path), check_lang=check_lang)


def presegmented_document(text: str, lang: str, source: str = "<pasted>", *,
                          check_lang: bool = True) -> Document:
    """One segment per line, never re-split: line n is segment n (empty lines included, so that
    ids stay line numbers); a final newline does not add a segment."""
    _require_lang(lang, source)
    text = normalise_newlines(text)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not any(line.strip() for line in lines):
        raise InputError(f"{source}: the file has no text")
    segments, offset = [], 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        start = offset + (line.find(stripped) if stripped else 0)
        segments.append(Segment(index=index, text=stripped, start=start, end=start + len(stripped),
                                paragraph=index, lang=lang))
        offset += len(line) + 1
    detected, confidence = check_language(source, text, lang) if check_lang else (None, None)
    return Document(lang=lang, text=text, segments=tuple(segments), source=source,
                    detected_lang=detected, detected_confidence=confidence)


def load_presegmented(path: str | Path, lang: str, *, check_lang: bool = True) -> Document:
    path = Path(path)
    return presegmented_document(decode_bytes(path.name, _read_bytes(path)), lang,
                                 source=str(path), check_lang=check_lang)


# ---------------------------------------------------------------- story folders

STORY_FILE = "story.toml"
META_FIELDS = ("title", "date", "original", "source", "notes")


MAX_META_BYTES = 1024 * 1024  # title, date, notes: a few lines


def read_story_meta(folder: Path) -> StoryMeta:
    meta_path = folder / STORY_FILE
    if not meta_path.exists() and not meta_path.is_symlink():
        return StoryMeta()
    data = read_capped(meta_path, MAX_META_BYTES)
    try:
        raw = tomllib.loads(data.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        message = " ".join(str(error).split())
        raise InputError(f"{meta_path}: malformed story.toml ({message})") from None
    except RecursionError:
        raise InputError(f"{meta_path}: malformed story.toml (nested too deeply)") from None
    except ValueError as error:  # e.g. an integer of more than 4300 digits
        message = " ".join(str(error).split())[:120]
        raise InputError(f"{meta_path}: malformed story.toml ({message})") from None
    values = {}
    for key in META_FIELDS:
        value = raw.get(key, "")
        if isinstance(value, (dict, list)):
            raise InputError(f"{meta_path}: {key} must be text, not a "
                             f"{'table' if isinstance(value, dict) else 'list'}")
        values[key] = str(value).strip()
    if values["original"] and values["original"] not in LANGS:
        raise InputError(f"{meta_path}: original = '{values['original']}' is not one of "
                         f"{', '.join(LANGS)}")
    return StoryMeta(**values)


# en.txt, ru.txt … and several originals of one language: ru-2.txt, ru-3.txt …
_PART_NAME = re.compile(r"^(?P<lang>[a-z]{2})(?:-(?P<number>[1-9][0-9]?))?$")


def part_key(stem: str) -> str | None:
    """"ru" for ru.txt, "ru-2" for ru-2.txt; None for a name that is not a version's."""
    match = _PART_NAME.match(stem)
    if not match or match.group("lang") not in LANGS:
        return None
    return stem if match.group("number") not in ("1",) else match.group("lang")


def story_files(folder: Path) -> dict[str, Path]:
    """key → file: en.txt / ru.md / be.html … by name (several originals of one language as
    ru.txt, ru-2.txt …, keys "ru", "ru-2"), else identified by content (keys are languages)."""
    by_name: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        key = part_key(path.stem) if path.is_file() and path.suffix.lower() in READABLE_SUFFIXES else None
        if key is not None:
            if key in by_name:
                raise InputError(f"{folder}: two files for {LANG_NAMES[key[:2]]} ({key}): "
                                 f"{by_name[key].name} and {path.name}")
            by_name[key] = path
    if by_name:
        return by_name
    # A folder of the user's with other names: identify each file's language.
    by_content: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in READABLE_SUFFIXES:
            continue
        lang, _ = detect_language(read_text(path))
        if lang not in LANGS:
            continue
        if lang in by_content:
            raise InputError(f"{folder}: {by_content[lang].name} and {path.name} are both in "
                             f"{LANG_NAMES[lang]}; a story needs different languages")
        by_content[lang] = path
    return by_content


# story.toml's [[sources]] table: one entry a file (an original, or any version), with where
# it came from. Its order is the order of the originals of each language (ru, ru-2 …).
SOURCE_FIELDS = ("file", "lang", "url", "date", "title")


@dataclass(frozen=True)
class SourceEntry:
    file: str
    lang: str = ""
    url: str = ""
    date: str = ""
    title: str = ""


def read_sources_table(folder: Path) -> list[SourceEntry]:
    """The [[sources]] entries of story.toml ([] without one), each checked: a file name inside
    the folder, that exists and is readable, named once; text fields only."""
    meta_path = folder / STORY_FILE
    if not meta_path.is_file():
        return []
    raw = tomllib.loads(read_capped(meta_path, MAX_META_BYTES).decode("utf-8-sig"))  # read_story_meta checked it
    table = raw.get("sources")
    if table is None:
        return []
    if not isinstance(table, list) or not all(isinstance(e, dict) for e in table):
        raise InputError(f"{meta_path}: sources must be a table list ([[sources]] with file = \"ru.txt\" …)")
    entries, seen = [], set()
    for number, entry in enumerate(table, 1):
        where = f"{meta_path}: [[sources]] entry {number}"
        unknown = sorted(set(entry) - set(SOURCE_FIELDS))
        if unknown:
            raise InputError(f"{where}: unknown field {unknown[0]!r} (fields: {', '.join(SOURCE_FIELDS)})")
        values = {}
        for key in SOURCE_FIELDS:
            value = entry.get(key, "")
            if isinstance(value, (dict, list)):
                raise InputError(f"{where}: {key} must be text")
            values[key] = str(value).strip()
        name = values["file"]
        if not name:
            raise InputError(f"{where}: no file")
        if Path(name).name != name or name in (".", ".."):
            raise InputError(f"{where}: file {name!r} must be a file name in the story folder, not a path")
        path = folder / name
        if not path.is_file():
            raise InputError(f"{where}: {name} not found in {folder}")
        if path.suffix.lower() not in READABLE_SUFFIXES:
            raise InputError(f"{where}: {name} is not a .txt, .md, .html or .docx file")
        if name in seen:
            raise InputError(f"{where}: {name} is named twice")
        seen.add(name)
        if values["lang"] and values["lang"] not in LANGS:
            raise InputError(f"{where}: lang = {values['lang']!r} is not one of {', '.join(LANGS)}")
        entries.append(SourceEntry(**values))
    return entries


def _files_with_sources(folder: Path, entries: list[SourceEntry]) -> tuple[dict[str, Path], dict[str, SourceEntry]]:
    """key → file and key → its [[sources]] entry. The table's files of a language are its
    originals in the table's order (keys ru, ru-2 …); a file named for a language (en.txt) that
    the table does not list is read as usual, unless the table gives that language files."""
    by_lang: dict[str, list[SourceEntry]] = {}
    for entry in entries:
        lang = entry.lang or (part_key(Path(entry.file).stem) or "")[:2]
        if not lang:
            detected, _ = detect_language(read_text(folder / entry.file))
            if detected not in LANGS:
                raise InputError(f"{folder / STORY_FILE}: [[sources]] {entry.file}: give lang = \"en\", \"ru\" "
                                 "or \"be\" (not told by its name, nor by its text)")
            lang = detected
        by_lang.setdefault(lang, []).append(entry)
    files: dict[str, Path] = {}
    info: dict[str, SourceEntry] = {}
    listed = {entry.file for entry in entries}
    for lang, items in by_lang.items():
        for number, entry in enumerate(items, 1):
            key = lang if number == 1 else f"{lang}-{number}"
            files[key], info[key] = folder / entry.file, entry
    for key, path in (story_files(folder) if _has_named_files(folder) else {}).items():
        if path.name in listed:
            continue
        if key[:2] in by_lang:
            raise InputError(f"{folder}: {path.name} is not in story.toml's [[sources]], which lists the "
                             f"{LANG_NAMES[key[:2]]} files; add it there or remove it")
        files[key] = path
    return files, info


def _has_named_files(folder: Path) -> bool:
    return any(path.is_file() and path.suffix.lower() in READABLE_SUFFIXES and part_key(path.stem) is not None
               for path in folder.iterdir())


def load_story(folder: str | Path, *, check_lang: bool = True) -> Story:
    """A story folder: en.txt, ru.txt, be.txt (any two or three; .md/.html/.docx too; several
    originals of one language as ru.txt, ru-2.txt …) and story.toml (title, date, original,
    source, notes, and optionally a [[sources]] table: each file's URL, date and title)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    meta = read_story_meta(folder)
    entries = read_sources_table(folder)
    info: dict[str, SourceEntry] = {}
    if entries:
        files, info = _files_with_sources(folder, entries)
    else:
        files = story_files(folder)
    langs = sorted({key[:2] for key in files}, key=LANGS.index)
    if len(langs) < 2:
        found = ", ".join(p.name for p in files.values()) or "none"
        raise InputError(f"{folder}: a story needs two or three versions named en/ru/be "
                         f"(.txt, .md, .html or .docx); found {found}")
    documents = {}
    for lang in langs:
        keys = sorted((k for k in files if k[:2] == lang), key=lambda k: (k != lang, len(k), k))
        if keys[0] != lang:
            raise InputError(f"{folder}: {files[keys[0]].name} without {lang}.txt (the first "
                             f"{LANG_NAMES[lang]} original is {lang}.txt, the others {lang}-2.txt …)")
        parts = [(key, load_document(files[key], lang, check_lang=check_lang)) for key in keys]
        document = parts[0][1] if len(parts) == 1 else combine_documents(lang, parts)
        if info.get(lang) is not None or any(k in info for k in keys):
            from compare.model import DocumentPart

            spans = document.parts or (DocumentPart(lang, document.source, 0, len(document.segments)),)
            document = replace(document, parts=tuple(
                replace(part, url=info[part.key].url, date=info[part.key].date, title=info[part.key].title)
                if part.key in info else part for part in spans))
        documents[lang] = document
    return Story(id=folder.name, meta=meta, documents=documents, path=str(folder))


def combine_documents(lang: str, parts: list[tuple[str, Document]]) -> Document:
    """Several originals of one language as one document (the aligner links each sentence of
    the other version to its source in whichever original; `Document.parts` says which file
    each segment comes from). Texts are joined by a blank line; ids and paragraphs run on."""
    from dataclasses import replace as _replace

    from compare.model import DocumentPart

    text, segments, spans = "", [], []
    paragraph = 0
    for key, document in parts:
        if text:
            text += "\n\n"
        offset, first = len(text), len(segments)
        for segment in document.segments:
            segments.append(_replace(segment, index=len(segments), start=segment.start + offset,
                                     end=segment.end + offset, paragraph=segment.paragraph + paragraph))
        paragraph += max((s.paragraph for s in document.segments), default=-1) + 1
        text += document.text
        spans.append(DocumentPart(key, document.source, first, len(segments)))
        if document.text.strip() and any(d.text == document.text for _, d in parts[:parts.index((key, document))]):
            raise InputError(f"{document.source}: the same text as another {LANG_NAMES[lang]} original")
    return Document(lang, text, tuple(segments), source=" + ".join(d.source for _, d in parts),
                    detected_lang=parts[0][1].detected_lang, detected_confidence=parts[0][1].detected_confidence,
                    parts=tuple(spans))


def story_from_texts(texts: dict[str, str], story_id: str = "pasted", meta: StoryMeta | None = None,
                     *, check_lang: bool = True) -> Story:
    """A story from pasted or uploaded texts, lang → text."""
    documents = {lang: document_from_text(text, lang, source=f"<{LANG_NAMES.get(lang, lang)} text>",
                                          check_lang=check_lang)
                 for lang, text in texts.items() if text.strip()}
    if len(documents) < 2:
        raise InputError(f"{story_id}: a story needs at least two versions with text")
    return Story(id=story_id, meta=meta or StoryMeta(), documents=documents)


def story_from_originals(texts: dict[str, list[tuple[str, str]]], story_id: str = "pasted",
                         meta: StoryMeta | None = None, *, check_lang: bool = True) -> Story:
    """A story from uploaded or pasted texts with several originals of one language allowed:
    lang → [(name, text) …], in order (keys ru, ru-2 …). Empty texts are left out."""
    documents = {}
    for lang, items in texts.items():
        items = [(name, text) for name, text in items if text.strip()]
        if not items:
            continue
        parts = [(lang if number == 1 else f"{lang}-{number}",
                  document_from_text(text, lang, source=name, check_lang=check_lang))
                 for number, (name, text) in enumerate(items, 1)]
        documents[lang] = parts[0][1] if len(parts) == 1 else combine_documents(lang, parts)
    if len(documents) < 2:
        raise InputError(f"{story_id}: a story needs at least two versions with text")
    return Story(id=story_id, meta=meta or StoryMeta(), documents=documents)
