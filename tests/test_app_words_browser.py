"""Word links in a real browser (Debian's chromium, as tests/test_app_browser.py drives it):
hovering an English word lights its Russian and Belarusian counterparts, a click (focus) does
the same, a word with no counterpart is underlined faintly, and the gloss opens on demand.
The server listens on WIRE_COMPARE_APP_PORT when set (a shared machine gives each person a
port), else on a free one."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from test_app_browser import CHROMIUM, CHROMIUM_FLAGS, FIRST, REPO, free_port, row, shot, watch

playwright_api = pytest.importorskip("playwright.sync_api")
LIT = "rgb(207, 227, 255)"  # compare.word_view.LINK_BACKGROUND


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """streamlit run app.py, headless on 127.0.0.1 (as tests/test_app_browser.py starts it)."""
    tmp = tmp_path_factory.mktemp("app")
    port = int(os.environ.get("WIRE_COMPARE_APP_PORT") or 0) or free_port()
    env = dict(os.environ, WIRE_COMPARE_STORE=str(tmp / "corrections.sqlite"),
               WIRE_COMPARE_MT_CACHE=str(tmp / "mt-cache.sqlite"))
    log = open(tmp / "streamlit.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         "--server.address", "127.0.0.1", "--server.port", str(port)],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"streamlit did not start: {(tmp / 'streamlit.log').read_text()[-2000:]}")
        time.sleep(0.3)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
    assert "Traceback" not in (tmp / "streamlit.log").read_text(), (tmp / "streamlit.log").read_text()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def background(locator) -> str:
    return locator.evaluate("e => getComputedStyle(e).backgroundColor")


def test_hover_and_click_light_the_counterpart_and_the_gloss_opens(server, browser):
    expect = playwright_api.expect
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    watch(page, problems)
    page.goto(server)
    expect(page.get_by_role("heading", name=FIRST[1])).to_be_visible(timeout=240_000)
    page.get_by_text("Word links and glosses").click()
    lead = row(page, 1)
    expect(lead.locator("td[lang=en] span.w").first).to_be_visible(timeout=240_000)

    english = lead.locator("td[lang=en] span.w", has_text="chairman").first
    pair = [c for c in english.get_attribute("class").split() if c.startswith("w1-")][0]
    russian = lead.locator(f"td[lang=ru] span.{pair}")
    belarusian = lead.locator(f"td[lang=be] span.{pair}")
    assert russian.count() == 1 and belarusian.count() == 1
    assert background(russian) != LIT
    english.hover()
    assert background(russian) == LIT and background(belarusian) == LIT
    shot(page, "words-hover.png")
    page.mouse.move(5, 5)
    assert background(russian) != LIT

    russian.click()  # a click focuses the word: the pair stays lit without the mouse on it
    page.mouse.move(5, 5)
    assert background(english) == LIT

    faint = page.locator("table.aligned span.wl").first
    assert "dotted" in faint.evaluate("e => getComputedStyle(e).textDecorationStyle")

    gloss = lead.locator("td[lang=ru] details.gloss")
    expect(gloss.locator(".glossline")).to_be_hidden()
    gloss.locator("summary").click()
    expect(gloss.locator(".glossline")).to_contain_text("dictionary gloss — not a translation")
    shot(page, "words-gloss.png")
    assert not problems, problems
    page.close()
