"""JSON Lines: the full record, one line per link (or three-way row).

Each story starts with a {"type": "story", …} line (metadata, document sources, alignment
signatures, disagreements); then one {"type": "link"|"row", …} line per record with its texts,
segment ids, machine translations, links with confidence/signals/status, and analyses with
flags and scores. Reading accepts plain {"en": …, "ru": …} lines from elsewhere too.
"""
from __future__ import annotations

import json

from compare.export.options import ExportOptions
from compare.export.record import (
    StoryExport, dumps, header_from_dict, header_to_dict, record_from_dict, record_to_dict,
)
from compare.export.schema import loads
from compare.model import LANGS, InputError


def write_jsonl(stories: list[StoryExport], options: ExportOptions) -> bytes:
    lines = []
    for story in stories:
        lines.append(dumps(header_to_dict(story.header)))
        lines.extend(dumps(_with_words(record_to_dict(record), record)) for record in story.records)
    return ("\n".join(lines) + "\n").encode("utf-8")


def _with_words(d: dict, record) -> dict:
    """The record's word alignment per pair of its languages ("words": {"en-ru": {"links":
    [{"src": [start, end], "tgt": [...], "by": "dictionary", ...}], "unmatched_src": [...], ...}}),
    offsets into the record's text of each language (compare.bridge.wordalign). Not read back:
    it is derived from the texts."""
    from compare.bridge.wordalign import word_alignment_record

    words = {}
    langs = list(record.langs)
    for k, a in enumerate(langs):
        for b in langs[k + 1:]:
            src, tgt = record.text(a), record.text(b)
            if src.strip() and tgt.strip():
                words[f"{a}-{b}"] = word_alignment_record(src, a, tgt, b)
    if words:
        d["words"] = words
    return d


def read_jsonl(data: bytes, name: str, notes: list[str]):
    """→ (stories written by this tool, foreign rows {lang: text})."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not UTF-8 text (byte {error.start}); JSON Lines must be "
                         "UTF-8") from None
    stories: list[StoryExport] = []
    current = None
    records: list = []
    foreign: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name} line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            last = number == len(text.splitlines())
            hint = " — the file looks truncated" if last and not text.endswith("\n") else ""
            raise InputError(f"{where}: not valid JSON ({error.msg}){hint}") from None
        except (RecursionError, ValueError):
            item = loads(line, where)  # says which: nested too deeply, a number too long
        if not isinstance(item, dict):
            raise InputError(f"{name} line {number}: expected a JSON object")
        kind = item.get("type")
        if kind == "story":
            if current is not None:
                stories.append(StoryExport(current, tuple(records)))
            current, records = header_from_dict(item, where), []
        elif kind in ("link", "row"):
            if current is None:
                raise InputError(f"{name} line {number}: a {kind} before any story line")
            if item.get("story") != current.story:
                raise InputError(f"{name} line {number}: belongs to story '{item.get('story')}' "
                                 f"but follows the header of '{current.story}'")
            records.append(record_from_dict(item, None, notes, where))
        elif kind is None and any(lang in item for lang in LANGS):
            bad = next((lang for lang in LANGS if isinstance(item.get(lang), (dict, list))), None)
            if bad:
                raise InputError(f"{where}: field {bad}: expected text, got "
                                 f"{type(item[bad]).__name__}")
            foreign.append({lang: str(item[lang]) for lang in LANGS if item.get(lang)})
        else:
            raise InputError(f"{name} line {number}: not a record of this tool (type "
                             f"{kind!r}) nor a line with en/ru/be texts")
    if current is not None:
        stories.append(StoryExport(current, tuple(records)))
    if not stories and not foreign:
        raise InputError(f"{name}: no records in the file")
    return stories, foreign
