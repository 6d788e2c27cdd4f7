"""Fuzzing the importers (issue 16): files this tool wrote, edited at random — a value replaced
by another of any type, a key renamed or dropped, bytes flipped, inserted or cut — must import,
or fail with one InputError line naming the file; never another exception. What imports must
export again to every format (or say in one line why not).

Fixed seed (derandomize) and a bounded number of examples, so CI runs the same cases in a few
tens of seconds; WIRE_COMPARE_FUZZ_EXAMPLES=5000 runs more of them by hand.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from compare.export import export_comparison, import_corpus, to_bytes  # noqa: E402
from compare.model import InputError  # noqa: E402
from test_export_cases import bridge_comparison  # noqa: E402

EXAMPLES = int(os.environ.get("WIRE_COMPARE_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
FORMATS = {"jsonl": ".jsonl", "csv": ".csv", "tmx": ".tmx", "xliff": ".xlf"}


@lru_cache(maxsize=None)
def exported(fmt: str, pair: tuple[str, str] | None = None) -> bytes:
    return to_bytes(bridge_comparison(), fmt, pair=pair)


def must_import_or_say_why(path: Path) -> None:
    try:
        stories = import_corpus(path)
    except InputError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(str(path)), message
        return
    for imported in stories:  # what came in goes out again
        for fmt in ("jsonl", "tmx", "xliff", "csv"):
            try:
                to_bytes(imported.comparison, fmt)
            except InputError as error:
                assert "\n" not in str(error), str(error)


# ---------------------------------------------------------------- structural edits of records

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**9) | st.floats(allow_nan=True)
    | st.text(max_size=8) | st.sampled_from(["en", "ru", "be", "de", "", "0", "en-ru:0"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=6)


def _edit(data, tree):
    """Walk into `tree` by drawn choices and change one thing there."""
    node = tree
    while True:
        children = (list(node.items()) if isinstance(node, dict)
                    else list(enumerate(node)) if isinstance(node, list) else [])
        if not children:
            return
        key, child = data.draw(st.sampled_from(children))
        if isinstance(child, (dict, list)) and child and data.draw(st.booleans()):
            node = child
            continue
        operation = data.draw(st.sampled_from(["replace", "drop", "rename"]))
        if operation == "replace" or isinstance(node, list):
            if operation == "drop" and isinstance(node, list):
                del node[key]
            else:
                node[key] = data.draw(JSON_VALUES)
        elif operation == "drop":
            del node[key]
        else:
            node[data.draw(st.text(min_size=1, max_size=6))] = node.pop(key)
        return


@FUZZ
@given(data=st.data())
def test_edited_jsonl_records_import_or_fail_in_one_line(tmp_path_factory, data):
    lines = [json.loads(line) for line in exported("jsonl").decode("utf-8").splitlines()]
    for _ in range(data.draw(st.integers(1, 3))):
        _edit(data, lines[data.draw(st.integers(0, len(lines) - 1))])
    path = tmp_path_factory.mktemp("fuzz") / "edited.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines),
                    "utf-8")
    must_import_or_say_why(path)


@FUZZ
@given(data=st.data())
def test_edited_csv_record_cells_import_or_fail_in_one_line(tmp_path_factory, data):
    import csv
    import io

    text = exported("csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    at = rows[0].index("record")
    row = data.draw(st.integers(1, len(rows) - 1))
    cell = json.loads(rows[row][at])
    _edit(data, cell)
    rows[row][at] = json.dumps(cell, ensure_ascii=False)
    if data.draw(st.booleans()):  # and edit a text cell as a reviewer would
        column = data.draw(st.integers(0, len(rows[0]) - 1))
        rows[row][column] = data.draw(st.text(max_size=20))
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path = tmp_path_factory.mktemp("fuzz") / "edited.csv"
    path.write_text(out.getvalue(), "utf-8-sig")
    must_import_or_say_why(path)


# ---------------------------------------------------------------- byte-level damage

@FUZZ
@given(fmt=st.sampled_from(sorted(FORMATS)), pair=st.sampled_from([None, ("ru", "en")]),
       edits=st.lists(st.tuples(st.sampled_from(["flip", "insert", "delete", "cut"]),
                                st.floats(0, 1), st.binary(min_size=1, max_size=8)),
                      min_size=1, max_size=4))
def test_damaged_bytes_import_or_fail_in_one_line(tmp_path_factory, fmt, pair, edits):
    if fmt == "xliff" and pair is None:
        pair = ("ru", "en")
    data = bytearray(exported(fmt, pair))
    for operation, where, chunk in edits:
        at = int(where * (len(data) - 1))
        if operation == "flip":
            data[at] ^= chunk[0] or 1
        elif operation == "insert":
            data[at:at] = chunk
        elif operation == "delete":
            del data[at:at + len(chunk)]
        else:
            del data[at:]
        if not data:
            data = bytearray(b"x")
    path = tmp_path_factory.mktemp("fuzz") / f"damaged{FORMATS[fmt]}"
    path.write_bytes(bytes(data))
    must_import_or_say_why(path)


def test_the_fuzzed_files_do_import_when_not_edited(tmp_path):
    """The starting points are good files, so the fuzz tests edit what a user has."""
    for fmt, suffix in FORMATS.items():
        path = tmp_path / f"story{suffix}"
        export_comparison(bridge_comparison(), fmt, path,
                          pair=("ru", "en") if fmt == "xliff" else None)
        assert import_corpus(path)


def test_what_the_20000_mutation_run_found_stays_fixed(tmp_path):
    """A meta key edited into a line break (the message stayed one line?) and a letter without
    a Unicode name (U+17000) in a Russian segment (pymorphy3's ValueError on re-export)."""
    from compare.bridge import is_content

    assert is_content("мост", "ru") and not is_content("\U00017000а", "ru")  # pymorphy3 raised
    line, *rest = exported("jsonl").decode("utf-8").splitlines()
    record = json.loads(line)
    record["meta"]["\n"] = "x"
    path = tmp_path / "edited.jsonl"
    path.write_text("\n".join([json.dumps(record), *rest]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        import_corpus(path)
    assert "\n" not in str(error.value) and "unknown field" in str(error.value)
