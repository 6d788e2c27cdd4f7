"""Triage in the app: a flag marked false alarm leaves the table and comes back on undo; the
mark is kept in the store for the next session."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(autouse=True)
def private_stores(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRE_COMPARE_STORE", str(tmp_path / "corrections.sqlite"))
    monkeypatch.setenv("WIRE_COMPARE_MT_CACHE", str(tmp_path / "mt-cache.sqlite"))


def _badges(at: AppTest) -> int:
    """Flags shown: one evidence bullet per issue, which names each pair it was found in
    ("ru→en, be→en · …" when the Russian and the Belarusian flag the same English words)."""
    import re

    page = next(h.value for h in at.html if '<table class="aligned">' in h.value)
    bullets = re.findall(r"<li[^>]*>(.*?) · ", page)
    return sum(len(b.split(", ")) for b in bullets)


def test_a_flag_marked_false_alarm_leaves_the_table_and_comes_back_on_undo():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    before = _badges(at)
    at.selectbox(key="triage_flag").set_value(0).run()
    at.text_input(key="triage_note").input("house style").run()
    at.button(key="triage_apply").click().run()
    assert not at.exception, at.exception
    assert any(m.startswith("Marked false alarm") for m in (s.value for s in at.success))
    assert "[false alarm]" in at.selectbox(key="triage_flag").format_func(0)
    assert _badges(at) == before - 1

    again = AppTest.from_file(APP, default_timeout=120)  # a reload: the mark is in the store
    again.run()
    assert "[false alarm]" in again.selectbox(key="triage_flag").format_func(0)
    again.button(key="triage_undo").click().run()
    assert "[false alarm]" not in again.selectbox(key="triage_flag").format_func(0)
    assert _badges(again) == before


def _set_aside(at: AppTest) -> int:
    page = next(h.value for h in at.html if '<table class="aligned">' in h.value)
    return page.count('class="triaged-item"')


def _kinds_counted(at: AppTest) -> set:
    comparison = at.session_state["export_comparison"]
    return {f.kind for items in comparison.analyses.values() for a in items for f in a.flags
            if not f.triage}


def test_a_muted_kind_leaves_the_counts_shows_greyed_and_comes_back_when_removed():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    before = _badges(at)
    kinds = at.selectbox(key="mute_kind").options
    kind = "number" if "number" in kinds else kinds[0]
    at.selectbox(key="mute_kind").set_value(kind).run()
    at.button(key="mute_apply").click().run()
    assert not at.exception, at.exception
    assert any(m.startswith(f"Muted kind {kind}") for m in (s.value for s in at.success))
    assert _badges(at) < before and _set_aside(at) > 0  # out of the counts, greyed in the table
    assert kind not in _kinds_counted(at)  # the export marks them muted
    exported = at.session_state["export_comparison"]
    assert any(f.triage == "muted" for items in exported.analyses.values() for a in items for f in a.flags)
    at.button(key="unmute_0").click().run()
    assert _badges(at) == before and _set_aside(at) == 0


def test_undo_and_redo_triage_take_back_the_storys_last_change():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    before = _badges(at)
    assert at.button(key="triage_undo_last").proto.disabled  # nothing to undo yet
    at.button(key="triage_apply").click().run()
    assert _badges(at) == before - 1 and _set_aside(at) == 1
    at.button(key="triage_undo_last").click().run()
    assert _badges(at) == before and _set_aside(at) == 0
    at.button(key="triage_redo_last").click().run()
    assert _badges(at) == before - 1 and _set_aside(at) == 1
