"""The shape of a serialised record and story header, checked before anything is built from it.

A file this tool wrote may come back edited by hand or by another tool, or hostile: keys renamed
("titel"), numbers turned into text, a list where an object was, an index of 10^12 that would
make a document of a trillion empty segments, JSON nested 100,000 deep. Each is refused here
with the path of the field ("segments.en[0].index: expected a whole number, got 'x'"), and the
caller puts the file and the line (or row, or unit) in front: one line naming what is wrong.
"""
from __future__ import annotations

import json
import math
from typing import Any, Callable, Mapping

from compare.model import LANGS, InputError

MAX_INDEX = 1_000_000  # segments in a document, links in an alignment: a news story has < 1,000
MAX_JSON_CHARS = 50_000_000


class SchemaError(Exception):
    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path, self.problem = path, problem


def loads(text: str, where: str) -> Any:
    """json.loads that fails in one line: damaged, nested too deeply, a number too long."""
    if len(text) > MAX_JSON_CHARS:
        raise InputError(f"{where}: a record of {len(text):,} characters is too large")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not valid JSON ({error.msg} at character {error.pos})") from None
    except RecursionError:
        raise InputError(f"{where}: not a record (JSON nested too deeply)") from None
    except ValueError as error:  # an integer of more than 4,300 digits
        raise InputError(f"{where}: not a record ({' '.join(str(error).split())[:100]})") from None


# ---------------------------------------------------------------- checks

Check = Callable[[Any, str], None]


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


def text(value, path):
    if not isinstance(value, str):
        raise SchemaError(path, f"expected text, got {_show(value)}")


def optional_text(value, path):
    if value is not None:
        text(value, path)


def whole(limit: int = MAX_INDEX) -> Check:
    def check(value, path):
        if isinstance(value, bool) or not isinstance(value, int):
            raise SchemaError(path, f"expected a whole number, got {_show(value)}")
        if not 0 <= value <= limit:
            raise SchemaError(path, f"{value if abs(value) < 10**12 else 'a number'} is out of "
                                    f"range (0 to {limit:,})")
    return check


index = whole()


def number(value, path):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SchemaError(path, f"expected a number, got {_show(value)}")
    if isinstance(value, int) and abs(value) > 10**15:
        raise SchemaError(path, "the number is out of range")


def optional_number(value, path):
    if value is not None:
        number(value, path)


def share(value, path):
    number(value, path)
    if not (0 <= value <= 1 or math.isnan(value)):
        raise SchemaError(path, f"expected a number from 0 to 1, got {value}")


def flag(value, path):
    if not isinstance(value, bool):
        raise SchemaError(path, f"expected true or false, got {_show(value)}")


def one_of(*allowed) -> Check:
    def check(value, path):
        if value not in allowed:
            raise SchemaError(path, f"expected one of {', '.join(map(str, allowed))}, got "
                                    f"{_show(value)}")
    return check


lang = one_of(*LANGS)


def list_of(item: Check, *, most: int = MAX_INDEX) -> Check:
    def check(value, path):
        if not isinstance(value, list):
            raise SchemaError(path, f"expected a list, got {_show(value)}")
        if len(value) > most:
            raise SchemaError(path, f"a list of {len(value):,} items (at most {most:,})")
        for n, x in enumerate(value):
            item(x, f"{path}[{n}]")
    return check


def pair(value, path):
    list_of(lang)(value, path)
    if len(value) != 2 or value[0] == value[1]:
        raise SchemaError(path, f"expected two different languages, got {value}")


def map_of(item: Check, key: Check = text) -> Check:
    def check(value, path):
        if not isinstance(value, dict):
            raise SchemaError(path, f"expected an object, got {_show(value)}")
        for k, x in value.items():
            key(k, f"{path}.{k}")
            item(x, f"{path}.{k}")
    return check


def anything(value, path):
    pass


def scalar(value, path):
    if isinstance(value, (dict, list)):
        raise SchemaError(path, f"expected text or a number, got {_show(value)}")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**15:
        raise SchemaError(path, "the number is out of range")


def obj(required: Mapping[str, Check], optional: Mapping[str, Check] = {}, *,
        closed: bool = True) -> Check:
    """An object with these fields. closed: a field not listed is an error (these objects are
    built with keyword arguments, and a renamed key would otherwise be lost or crash)."""
    def check(value, path):
        where = path or "the record"
        if not isinstance(value, dict):
            raise SchemaError(path, f"expected an object, got {_show(value)}")
        for key, item in required.items():
            if key not in value:
                raise SchemaError(_join(path, key), "missing")
            item(value[key], _join(path, key))
        for key, item in optional.items():
            if key in value:
                item(value[key], _join(path, key))
        if closed:
            unknown = [k for k in value if k not in required and k not in optional]
            if unknown:
                known = ", ".join(list(required) + list(optional))
                raise SchemaError(_join(path, str(unknown[0])),
                                  f"unknown field in {where} (expected {known})")
    return check


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# ---------------------------------------------------------------- the record and the header

META = obj({}, {key: scalar for key in ("title", "date", "original", "source", "notes")})
DOCUMENT = obj({"lang": lang}, {"segments": index, "source": optional_text,
                                "detected_lang": optional_text,
                                "detected_confidence": optional_number})
ALIGNMENT = obj({"pair": pair}, {"links": index, "signature": map_of(scalar),
                                 "confidence": number, "warnings": list_of(text)})
DISAGREEMENT = obj({"en": list_of(index), "ru": list_of(index), "be": list_of(index)},
                   {"explanation": text})
HEADER = obj({"story": scalar, "langs": list_of(lang, most=3)},
             {"type": anything, "version": whole(10**6), "meta": META,
              "mode": one_of("pairwise", "three-way"), "include_null": flag,
              "documents": list_of(DOCUMENT, most=3), "alignments": list_of(ALIGNMENT, most=6),
              "disagreements": list_of(DISAGREEMENT), "notes": list_of(text),
              "path": optional_text}, closed=False)

FLAG = obj({"kind": text, "category": text, "source_term": text, "target_term": text,
            "explanation": text},
           {"severity": text, "source_level": optional_number, "target_level": optional_number,
            "rule": text, "triage": one_of("", "false_alarm", "checked", "muted"),
            "triage_note": text, "triage_id": text})
ANALYSIS = obj({}, {"verdict": text, "flags": list_of(FLAG), "scores": map_of(number),
                    "note": text, "signatures": map_of(scalar)})
LINK = obj({"pair": pair, "index": index, "src": list_of(index), "tgt": list_of(index)},
           {"confidence": share, "status": one_of("auto", "confirmed"),
            "signals": map_of(number), "analysis": ANALYSIS, "role": text})


def _translation(texts: bool) -> Check:
    body = {"text": text} if texts else {"length": whole(10**8)}
    return obj(body, {"engine": text, "model": text, "options": map_of(scalar),
                      "failed": flag, "note": text})


def _segment(texts: bool) -> Check:
    body = {"index": index, **({"text": text} if texts else {"length": whole(10**8)})}
    return obj(body, {"paragraph": index, "kind": text, "sort": text,
                      "mt": map_of(_translation(texts), key=lang)})


def _record(texts: bool) -> Check:
    return obj({"story": scalar, "id": scalar, "langs": list_of(lang, most=3),
                "segments": map_of(list_of(_segment(texts)), key=lang)},
               {"links": list_of(LINK), "row": _optional(index)}, closed=False)


def _optional(check: Check) -> Check:
    def inner(value, path):
        if value is not None:
            check(value, path)
    return inner


RECORD_WITH_TEXTS, RECORD_WITH_LENGTHS = _record(True), _record(False)


def check_header(d: Any, where: str) -> None:
    _run(HEADER, d, where)
    if len(set(d["langs"])) != len(d["langs"]) or len(d["langs"]) < 2:
        raise InputError(f"{where}: langs: expected two or three different languages, got "
                         f"{d['langs']}")


def check_record(d: Any, where: str, *, texts: bool) -> None:
    _run(RECORD_WITH_TEXTS if texts else RECORD_WITH_LENGTHS, d, where)
    langs = d["langs"]
    if len(set(langs)) != len(langs):
        raise InputError(f"{where}: field langs: a language twice ({langs})")
    for src, items in d["segments"].items():
        for n, item in enumerate(items):
            for tgt in item.get("mt", {}):
                if tgt == src or tgt not in langs:
                    raise InputError(f"{where}: field segments.{src}[{n}].mt.{tgt}: a "
                                     f"translation into {tgt} in a record of {'-'.join(langs)}")


def _run(check: Check, d: Any, where: str) -> None:
    try:
        check(d, "")
    except SchemaError as error:
        # a key edited into "\n" or a control character must not break the one line
        shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(error))
        raise InputError(f"{where}: field {shown}") from None
    except RecursionError:
        raise InputError(f"{where}: the record is nested too deeply") from None
