"""The review app's switch for Apertium in the Russian ↔ Belarusian alignment (AppTest, no
browser): on by default where apertium is installed, and the pair's aligner settings say which
MT fed the alignment."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from compare.translate.apertium import check_installed

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.mark.skipif(not shutil.which("apertium") or bool(check_installed("be", "ru")),
                    reason="apertium bel-rus not installed")
def test_the_sidebar_switches_apertium_off_for_the_ru_be_alignment(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRE_COMPARE_STORE", str(tmp_path / "corrections.sqlite"))
    monkeypatch.setenv("WIRE_COMPARE_MT_CACHE", str(tmp_path / "mt-cache.sqlite"))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, at.exception

    def ru_be_settings() -> str:
        at.selectbox(key="path_pair").set_value(("ru", "be")).run()
        assert not at.exception, at.exception
        [caption] = [c.value for c in at.caption if c.value.startswith("Aligner settings")]
        return caption

    switch = at.checkbox(key="apertium_alignment")
    assert switch.value is True
    assert "mt:be→ru apertium:bel-rus[" in ru_be_settings()
    switch.uncheck().run()
    assert "mt:none (Apertium be→ru switched off)" in ru_be_settings()
