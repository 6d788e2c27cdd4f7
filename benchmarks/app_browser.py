"""Cold server start → first message and first table, warm story switch, and screenshots of the
main view — in a real browser (Playwright on Debian's /usr/bin/chromium, as
tests/test_app_browser.py starts it). Prints one line per figure; timings on a shared machine
are noisy, so run it a few times (--runs) and read the spread.

    python benchmarks/app_browser.py --runs 3 --shots /tmp/shots
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
STORIES = ("agriculture-grain-harvest", "culture-festival-polotsk", "politics-talks-vitebsk")


def title(story_id: str) -> str:
    return tomllib.loads((REPO / "corpora" / story_id / "story.toml").read_text("utf-8"))["title"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(tmp: Path):
    port = free_port()
    env = dict(os.environ, WIRE_COMPARE_STORE=str(tmp / "c.sqlite"), WIRE_COMPARE_MT_CACHE=str(tmp / "mt.sqlite"))
    log = open(tmp / "streamlit.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         "--server.address", "127.0.0.1", "--server.port", str(port)],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}"


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def one_run(browser, shots: Path | None, run: int) -> dict[str, float]:
    """Process start → the page's first words under the title, → the first table; then
    switching between stories already computed once."""
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        process, url = start_server(Path(tmp))
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            while True:  # the server accepts connections only once streamlit is up
                try:
                    page.goto(url, timeout=2000)
                    break
                except Exception:  # noqa: BLE001 — not listening yet
                    if time.monotonic() - started > 60:
                        raise
                    time.sleep(0.1)
            progress = page.locator("[data-testid=stStatusWidget], [data-testid=stSpinner], "
                                    "[data-testid=stAlert], [data-testid=stCaptionContainer]").first
            progress.wait_for(timeout=60_000)
            figures["first message"] = time.monotonic() - started
            page.locator("table.aligned tr#row-0").wait_for(timeout=90_000)
            figures["first table"] = time.monotonic() - started
            for story in STORIES[1:] + STORIES[:1]:  # compute each once
                switch(page, story)
            times = []
            for story in STORIES[1:] + STORIES[:1]:
                t0 = time.monotonic()
                switch(page, story)
                times.append(time.monotonic() - t0)
            figures["warm switch (median)"] = statistics.median(times)
            if shots:
                shots.mkdir(parents=True, exist_ok=True)
                for width, height in ((1280, 800), (1600, 1000)):
                    page.set_viewport_size({"width": width, "height": height})
                    page.wait_for_timeout(800)
                    page.screenshot(path=str(shots / f"main-{width}x{height}-run{run}.png"))
                page.mouse.move(width * 0.6, height * 0.6)  # over the table, not the sidebar
                page.mouse.wheel(0, 900)
                page.wait_for_timeout(500)
                page.screenshot(path=str(shots / f"scrolled-1600x1000-run{run}.png"))
                page.locator("details.badge summary").nth(2).click()
                page.wait_for_timeout(300)
                page.screenshot(path=str(shots / f"popover-1600x1000-run{run}.png"))
                page.mouse.move(150, 500)  # the sidebar: MT and exports
                page.mouse.wheel(0, 1500)
                page.wait_for_timeout(500)
                page.screenshot(path=str(shots / f"sidebar-1600x1000-run{run}.png"))
            page.context.close()
        finally:
            stop(process)
    return figures


def switch(page, story: str) -> None:
    name = title(story)
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
    box.click()
    page.get_by_role("option", name=name, exact=True).click()
    page.get_by_role("heading", name=name).wait_for(timeout=90_000)
    page.locator("table.aligned tr#row-0").wait_for(timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget] button')",
                           timeout=90_000)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shots", type=Path, default=None, help="folder for screenshots (never commit them)")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        results = [one_run(browser, args.shots if run == 0 else None, run) for run in range(args.runs)]
        browser.close()
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name in results[0]:
        values = [r[name] for r in results]
        print(f"{name:22s} " + "  ".join(f"{v:5.2f}s" for v in values) + f"   median {statistics.median(values):.2f}s")


if __name__ == "__main__":
    main()
