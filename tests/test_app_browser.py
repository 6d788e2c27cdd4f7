"""End to end in a real browser: `streamlit run app.py` driven by Playwright on Debian's chromium.

One test walks what a reviewer does — open a sample story, read the aligned rows, open a flag's
evidence, jump from the summary to a row, fix a link, reload and find the fix, download a TMX —
then a second browser session pastes text full of HTML and script, which must show as text and
never run, while the first session's page stays as it was. Screenshots go to build/screenshots/
(not committed). The time a cached story takes to open is measured and printed (run with -s to
see it); the bar is 1.5 s, asserted only loosely because timings on a shared machine are noisy.

No `playwright install`: the browser is /usr/bin/chromium (apt; scripts/setup.sh installs it).
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SHOTS = REPO / "build" / "screenshots"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
FIRST = ("agriculture-grain-harvest", "Belarus harvests over 7 million tonnes of grain")
SECOND = ("culture-festival-polotsk", None)  # title read from story.toml below
OPEN_BAR_S = 1.5
LOOSE_BOUND_S = 6.0  # fail only on a real regression, not on a busy machine

playwright_api = pytest.importorskip("playwright.sync_api")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (scripts/setup.sh installs it as root)",
                allow_module_level=True)


def story_title(story_id: str) -> str:
    import tomllib

    return tomllib.loads((REPO / "corpora" / story_id / "story.toml").read_text("utf-8"))["title"]


def first_sentence(story_id: str) -> str:
    return (REPO / "corpora" / story_id / "en.txt").read_text("utf-8").strip().splitlines()[0]


def apertium_ready() -> bool:
    try:
        from compare.translate import direction_status

        return any(s.direction == "ru-be" and s.ready for s in direction_status())
    except Exception:  # noqa: BLE001 — no MT layer here: that step is left out
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerURL(str):
    """The app's address, and the corrections store it writes (tests read and damage it)."""

    def __new__(cls, url: str, store: Path):
        made = super().__new__(cls, url)
        made.store = store
        return made


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """streamlit run app.py, headless on 127.0.0.1, file watcher and usage statistics off."""
    tmp = tmp_path_factory.mktemp("app")
    port = int(os.environ.get("WIRE_COMPARE_TEST_PORT") or free_port())  # a fixed one on a shared machine
    env = dict(os.environ, WIRE_COMPARE_STORE=str(tmp / "corrections.sqlite"),
               WIRE_COMPARE_MT_CACHE=str(tmp / "mt-cache.sqlite"))
    log = open(tmp / "streamlit.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         "--server.address", "127.0.0.1", "--server.port", str(port)],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
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
    yield ServerURL(url, tmp / "corrections.sqlite")
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


def watch(page, problems: list[str]) -> None:
    """Any dialog (an injected alert) or page error is a failure."""
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))


def choose(page, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox in the sidebar, by its label."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(
        has=page.get_by_text(label, exact=True))
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


def row(page, number: int):
    return page.locator(f"table.aligned tr#row-{number}")


def idle(page) -> None:
    """The page's script run is over (Streamlit's running indicator has gone)."""
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget] button')",
                           timeout=90_000)


def open_row(page, number: int) -> None:
    """Click the row's number: its corrections open under it (and the last note is gone)."""
    page.wait_for_function("() => typeof window.__wcRowPick === 'function'", timeout=30_000)
    row(page, number).locator("td.num").click()
    playwright_api.expect(page.get_by_text(f"Row {number} — correct its pairing")).to_be_visible(timeout=60_000)
    playwright_api.expect(saved_note(page)).to_have_count(0, timeout=60_000)
    idle(page)


def only(locator):
    """The one element: while Streamlit reruns, a stale copy of the row panel can stand beside
    the new one for a moment."""
    playwright_api.expect(locator).to_have_count(1, timeout=60_000)
    return locator


def saved_note(page, word: str = "Saved:"):
    return page.get_by_test_id("stAlert").filter(has_text=word)


def confirmed_rows(page) -> list[tuple[str, str]]:
    """(row id, its English ids) of every row that shows a confirmed link."""
    return page.locator("table.aligned tr[id^='row-']").evaluate_all(
        "rows => rows.filter(r => r.querySelector('.confirmed')).map(r => [r.id, "
        "(r.querySelector('td[lang=en] .ids') || {}).textContent || ''])")


def test_review_correct_reload_download_and_a_second_session(server, browser, tmp_path):
    expect = playwright_api.expect
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    watch(page, problems)

    # 1. The page opens on a sample story: aligned rows in three columns.
    page.goto(server)
    expect(page.get_by_role("heading", name=FIRST[1])).to_be_visible(timeout=60_000)
    expect(row(page, 0)).to_be_visible(timeout=60_000)
    headers = page.locator("table.aligned th").all_inner_texts()
    assert headers[1:4] == ["English", "Russian (original)", "Belarusian"]
    assert page.locator("table.aligned tr[id^='row-']").count() > 15
    expect(row(page, 0).locator("td[lang=en]")).to_contain_text(first_sentence(FIRST[0]))
    shot(page, "01-story.png")
    # scrolled down, the table header stays in view just below Streamlit's toolbar
    page.locator("table.aligned tr[id^='row-']").last.scroll_into_view_if_needed()
    header = page.locator("table.aligned th").first.bounding_box()
    toolbar = page.get_by_test_id("stHeader").bounding_box()
    assert toolbar["height"] - 1 <= header["y"] <= toolbar["height"] + 1, (header, toolbar)
    page.get_by_text("Overview —").click()  # the long list, the chart and the path wait here
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2, timeout=10_000)
    page.get_by_test_id("stVegaLiteChart").nth(1).scroll_into_view_if_needed()
    shot(page, "01b-alignment-path.png")

    # 2. A flag and its evidence, one click away.
    badge = page.locator("details.badge.kind-sharpened").first
    evidence = badge.locator("li").first
    expect(evidence).to_be_hidden()
    badge.locator("summary").click()
    expect(evidence).to_be_visible()
    assert re.search(r"(ru|be)→en · .*«.+» → «.+».*rule:", evidence.inner_text())
    badge.scroll_into_view_if_needed()
    shot(page, "02-evidence.png")

    # 3. Jump from the summary to a row.
    link = page.locator("div.bar a").nth(2)  # the one line of jump links above the table
    target = link.get_attribute("href")
    link.click()
    expect(page.locator(f"table.aligned tr{target}")).to_be_in_viewport()
    shot(page, "03-jump-to-row.png")

    # 4. A story opens fast once it has been computed (second open = cached).
    second_title = story_title(SECOND[0])
    choose(page, "Sample story", second_title)
    expect(page.get_by_role("heading", name=second_title)).to_be_visible(timeout=60_000)
    timings = []
    for title, story_id in ((FIRST[1], FIRST[0]), (second_title, SECOND[0]), (FIRST[1], FIRST[0])):
        started = time.perf_counter()
        choose(page, "Sample story", title)
        # opened = its title, and its own first sentence in the table (not the last story's)
        expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=30_000)
        expect(row(page, 0).locator("td[lang=en]")).to_contain_text(first_sentence(story_id))
        timings.append(time.perf_counter() - started)
    print(f"\ncached story open in the browser: {', '.join(f'{t:.2f} s' for t in timings)} "
          f"(bar {OPEN_BAR_S} s)")
    assert min(timings) < LOOSE_BOUND_S

    # 5. Correct a link on its row: merge the title pair with the dateline sentence (English–Russian).
    expect(row(page, 0).locator("td[lang=en] .ids")).to_have_text("en:0")
    open_row(page, 0)
    page.get_by_role("button", name=re.compile("Merge with next")).click()
    expect(saved_note(page)).to_contain_text("en:0,1 ↔ ru:0,1 now pair", timeout=30_000)
    expect(row(page, 0).locator("td[lang=en] .ids")).to_have_text("en:0,1")
    expect(row(page, 0).locator(".confirmed")).to_have_text("✔ confirmed")
    shot(page, "04-corrected.png")

    # 6. Reload: the correction comes back from the store.
    page.reload()
    expect(row(page, 0).locator("td[lang=en] .ids")).to_have_text("en:0,1", timeout=60_000)
    expect(row(page, 0).locator(".confirmed")).to_be_visible()
    shot(page, "05-after-reload.png")

    # 7. Download a TMX and parse it (no entities, no network, no DTD).
    from lxml import etree

    with page.expect_download(timeout=30_000) as download_info:
        page.get_by_test_id("stSidebar").get_by_role("button", name="TMX", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == f"{FIRST[0]}.tmx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tmx = etree.parse(str(saved), parser).getroot()
    assert tmx.tag == "tmx" and len(tmx.findall(".//tu")) > 15
    segments = [seg.text or "" for seg in tmx.iter("seg")]
    assert any("Belarus harvests over 7 million tonnes of grain MINSK" in s for s in segments)

    # 8. Machine translation, where an engine is installed (apertium does Russian ↔ Belarusian):
    #    renderings under the cells, chrF++ per row, words that differ from MT underlined.
    if apertium_ready():
        page.get_by_test_id("stSidebar").get_by_text("Translate every sentence both ways").click()
        expect(page.locator("table.aligned .score").first).to_be_visible(timeout=60_000)
        show_mt = page.get_by_text("Show MT", exact=True)
        expect(show_mt).to_have_count(1, timeout=30_000)  # the rerun's stale copy is gone
        show_mt.click()
        expect(page.locator("table.aligned div.mt").first).to_be_visible(timeout=30_000)
        row(page, 3).scroll_into_view_if_needed()
        shot(page, "07-machine-translation.png")

    # 9. A second session pastes HTML and script: shown as text, never run, and the first
    #    session's page is untouched.
    other = browser.new_context(viewport={"width": 1500, "height": 1000}).new_page()
    watch(other, problems)
    other.goto(server)
    expect(row(other, 0)).to_be_visible(timeout=60_000)
    other.get_by_test_id("stSidebar").get_by_text("Paste texts", exact=True).click()
    hostile = {"English": "The minister said <script>alert('xss')</script> the plan is ready. "
                          "Farmers welcomed it <img src=x onerror=\"alert('xss')\"> on Monday. "
                          "Details: https://example.org/" + "very-long-path-segment/" * 40,
               "Russian": "Министр заявил <script>alert('xss')</script>, что план готов. "
                          "Аграрии приветствовали его <img src=x onerror=\"alert('xss')\"> в понедельник."}
    for name, text in hostile.items():
        other.get_by_label(f"{name} text").fill(text)
    other.get_by_role("button", name="Compare these texts").click()  # no Ctrl+Enter needed
    expect(other.locator("table.aligned td[lang=en]").first).to_contain_text("<script>alert('xss')</script>",
                                                                              timeout=60_000)
    assert other.locator("table.aligned script, table.aligned img").count() == 0
    # a long URL wraps inside its cell: the table is no wider than the page's column
    widths = other.locator("table.aligned").evaluate("t => [t.scrollWidth, t.parentElement.clientWidth]")
    assert widths[0] <= widths[1] + 1, widths
    shot(other, "06-pasted-html-as-text.png")
    page.reload()
    expect(page.get_by_role("heading", name=FIRST[1])).to_be_visible(timeout=60_000)
    assert "<script>" not in page.locator("table.aligned").inner_text()
    assert problems == []
    other.context.close()
    context.close()


# ---------------------------------------------------------------- corrections on every story

STORIES = sorted(p.name for p in (REPO / "corpora").iterdir() if (p / "story.toml").exists())
# ~1-3 minutes a story on two busy cores: every bundled story in CI (CI set, as CI services do)
# or with WIRE_COMPARE_ALL_STORIES=1; locally the story of the report and the default one.
FULL = bool(os.environ.get("CI") or os.environ.get("WIRE_COMPARE_ALL_STORIES"))
CHAIN_STORIES = STORIES if FULL else ["politics-talks-vitebsk", FIRST[0]]


def fresh(browser, server, story_id: str):
    """A new browser session (its own context) opened on one sample story by its link."""
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(f"{server}/?story={story_id}")
    playwright_api.expect(page.get_by_role("heading", name=story_title(story_id))).to_be_visible(timeout=90_000)
    playwright_api.expect(row(page, 0)).to_be_visible(timeout=90_000)
    idle(page)
    return page


@pytest.mark.parametrize("story_id", CHAIN_STORIES)
def test_the_chain_of_corrections_on_the_row_in_the_browser(server, browser, story_id):
    """The bar's chain — confirm row 3, confirm row 5, move a sentence, split, merge, undo ×2,
    redo — clicked and typed (Y, M, Z, Shift+Z) on the rows; after every step a new session
    opens the story as saved, and each undo returns to the state before."""
    expect = playwright_api.expect
    problems: list[str] = []
    without_corrections(server, story_id)  # the first test left a merge on the first story
    page = fresh(browser, server, story_id)
    watch(page, problems)
    states = [confirmed_rows(page)]

    def step(name: str, note: str) -> None:
        expect(saved_note(page, note)).to_be_visible(timeout=60_000)
        idle(page)
        assert not page.get_by_text("Something went wrong").count(), name
        states.append(confirmed_rows(page))
        other = fresh(browser, server, story_id)  # reopens as saved, in a session of its own
        assert confirmed_rows(other) == states[-1], name
        other.context.close()

    open_row(page, 3)
    page.keyboard.press("y")  # the shortcut of Confirm
    step("confirm row 3", "Saved: confirm en:3")
    open_row(page, 5)
    page.get_by_role("button", name=re.compile("Confirm")).click()
    step("confirm row 5", "Saved: confirm en:5")
    assert len(states[-1]) == len(states[0]) + 2
    open_row(page, 7)
    only(page.get_by_role("button", name=re.compile("Move a sentence"))).click()
    page.get_by_role("button", name=re.compile(r"^Move \w\w:\d+ (down|up) to the")).first.click()
    step("move", "Saved: move")
    open_row(page, 9)
    only(page.get_by_role("button", name=re.compile("Split…"))).click()
    page.get_by_role("button", name="Split here").click()
    step("split", "Saved: split")
    open_row(page, 12)
    page.keyboard.press("m")  # the shortcut of Merge with next
    step("merge", "Saved: merge")
    if story_id == FIRST[0]:
        page.set_viewport_size({"width": 1600, "height": 1000})
        shot(page, "08-row-actions.png")
    for undo, undone in enumerate(("Undone: merge", "Undone: split")):
        page.keyboard.press("z")
        expect(saved_note(page, undone)).to_be_visible(timeout=60_000)
        idle(page)
        states.pop()
        assert confirmed_rows(page) == states[-1], f"undo {undo + 1}"
        other = fresh(browser, server, story_id)
        assert confirmed_rows(other) == states[-1], f"undo {undo + 1}, a new session"
        other.context.close()
    page.keyboard.press("Shift+Z")
    expect(saved_note(page, "Redone:")).to_be_visible(timeout=60_000)
    page.reload()  # a reload is a new session too: the redone state
    expect(row(page, 0)).to_be_visible(timeout=90_000)
    idle(page)
    assert len(confirmed_rows(page)) > len(states[-1]) or confirmed_rows(page) != states[-1]
    assert problems == []
    page.context.close()


def without_corrections(server, story_id: str) -> None:
    """The story's corrections discarded (the chains above left theirs)."""
    from compare.sources import load_story
    from compare.store import CorrectionStore

    store = CorrectionStore(server.store)
    store.discard(load_story(str(REPO / "corpora" / story_id)), "clean up before a test")
    store.close()


def test_a_broken_saved_state_opens_without_it_listed_with_undo_in_the_browser(server, browser):
    import sqlite3

    from compare.segment import SEGMENTER_VERSION
    from compare.sources import load_story
    from compare.store import story_key

    story_id = "politics-talks-vitebsk"
    without_corrections(server, story_id)
    page = fresh(browser, server, story_id)
    open_row(page, 2)
    page.keyboard.press("y")
    playwright_api.expect(saved_note(page)).to_be_visible(timeout=60_000)
    idle(page)
    before = confirmed_rows(page)
    key = story_key(load_story(str(REPO / "corpora" / story_id)))
    with sqlite3.connect(server.store) as db:  # as an older, buggy version saved it: links that cross
        (latest,) = db.execute("SELECT MAX(version) FROM story_versions WHERE story_key=?", (key,)).fetchone()
        db.execute("INSERT INTO story_versions VALUES (?, ?, 'change', 'a broken save', ?, ?, ?, ?, '[]', 0)",
                   (key, latest + 1, '{"en-ru": [{"src": [3], "tgt": [3]}, {"src": [4], "tgt": [2]}]}',
                    SEGMENTER_VERSION, latest + 1, latest))
    other = fresh(browser, server, story_id)
    playwright_api.expect(other.get_by_text("could not be applied").first).to_be_visible()
    playwright_api.expect(other.get_by_test_id("stSidebar").get_by_text("en:4 ↔ ru:2")).to_be_visible()
    assert other.locator("table.aligned tr[id^='row-']").count() > 15 and confirmed_rows(other) == []
    other.get_by_role("button", name=re.compile("↶ Undo")).click()
    playwright_api.expect(saved_note(other, "Undone:")).to_be_visible(timeout=60_000)
    idle(other)
    assert other.get_by_text("could not be applied").count() == 0
    assert confirmed_rows(other) == before
    other.context.close()
    page.context.close()


def test_five_concurrent_sessions_each_making_five_corrections_lose_none(server, browser):
    """Five sessions open the same story before anyone corrects it; each confirms five rows
    (one locally, see FULL), the saves of the five landing together; the store then holds
    every one."""
    from compare.sources import load_story
    from compare.store import CorrectionStore

    story_id = "politics-talks-vitebsk"
    without_corrections(server, story_id)
    pages = [fresh(browser, server, story_id) for _ in range(5)]
    english = {}
    rounds = 5 if FULL else 1  # five corrections a session in CI, one locally
    for k in range(rounds):
        for s, page in enumerate(pages):
            open_row(page, 1 + s + 5 * k)
            # the row's first ids (its English, or the Russian where the English has none)
            english[(s, k)] = row(page, 1 + s + 5 * k).locator(".ids").first.inner_text()
        for page in pages:  # the five confirmations sent at once
            page.keyboard.press("y")
        for page in pages:
            playwright_api.expect(saved_note(page)).to_be_visible(timeout=300_000)  # five re-alignments at once
            idle(page)
    story = load_story(str(REPO / "corpora" / story_id))
    saved = CorrectionStore(server.store).load(story).confirmed
    ids = {f"{lang}:{','.join(map(str, side))}" for pair, links in saved.items() for l in links
           for lang, side in zip(pair, (l.src, l.tgt)) if side}
    assert set(english.values()) <= ids, (sorted(ids), english)
    assert sum(len(links) for links in saved.values()) == 5 * rounds
    for page in pages:
        page.context.close()
