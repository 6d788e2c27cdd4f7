"""Cold server start → first message and first table, warm story switch, a restart (a new server
process, its on-disk results kept), and screenshots of the main view with a row's corrections
open — in a real browser (Playwright on Debian's /usr/bin/chromium, as
tests/test_app_browser.py starts it). Prints one line per figure; timings on a shared machine
are noisy, so run it a few times (--runs) and read the spread.

    python benchmarks/app_browser.py --runs 3 --shots /tmp/shots --port 8651 \
        --baseline /path/to/a/worktree/of/an/older/commit
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


PORT = {"port": 0}  # 0: any free port (--port names one, on a shared machine)


def start_server(tmp: Path, repo: Path = REPO):
    port = PORT["port"] or free_port()
    env = dict(os.environ, WIRE_COMPARE_STORE=str(tmp / "c.sqlite"), WIRE_COMPARE_MT_CACHE=str(tmp / "mt.sqlite"),
               WIRE_COMPARE_RESULT_CACHE=str(tmp / "results"), PYTHONPATH=str(repo))
    log = open(tmp / "streamlit.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(repo / "app.py"), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         "--server.address", "127.0.0.1", "--server.port", str(port)],
        cwd=repo, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}"


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def open_page(browser, url: str, started: float):
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    while True:  # the server accepts connections only once streamlit is up
        try:
            page.goto(url, timeout=2000)
            return page
        except Exception:  # noqa: BLE001 — not listening yet
            if time.monotonic() - started > 60:
                raise
            time.sleep(0.1)


def first_table(browser, tmp: Path, repo: Path, figures: dict, prefix: str = ""):
    """Process start → page served → the first words in the main area → the first table."""
    started = time.monotonic()
    process, url = start_server(tmp, repo)
    page = open_page(browser, url, started)
    connected = time.monotonic()
    figures[prefix + "page served"] = connected - started
    words = page.locator("[data-testid=stMain] [data-testid=stAlert], [data-testid=stMain] h1, "
                         "[data-testid=stMain] [data-testid=stSpinner]").first
    words.wait_for(timeout=60_000)
    figures[prefix + "first words"] = time.monotonic() - started
    try:
        page.locator("table.aligned tr#row-0").wait_for(timeout=300_000)
    except Exception:
        print((tmp / "streamlit.log").read_text()[-3000:])
        raise
    figures[prefix + "first table"] = time.monotonic() - started
    return process, page


def one_run(browser, shots: Path | None, run: int, repo: Path = REPO) -> dict[str, float]:
    """A cold server (empty store and result cache) → its first table; then switching between
    stories already computed once; then the server started again on the same folders."""
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        process, page = first_table(browser, Path(tmp), repo, figures)
        try:
            for story in STORIES[1:] + STORIES[:1]:  # compute each once
                switch(page, story)
            times = []
            for story in STORIES[1:] + STORIES[:1]:
                t0 = time.monotonic()
                switch(page, story)
                times.append(time.monotonic() - t0)
            figures["warm switch (median)"] = statistics.median(times)
            if shots:
                screenshots(page, shots, run)
                page.locator("details.badge summary").first.click()
                measured = page_contrast(page)
                worst = sorted(measured.items(), key=lambda kv: kv[1])[:6]
                print(f"in-page contrast ({repo.name}): {len(measured)} colour pairs, lowest "
                      + "; ".join(f"{ratio:.2f} {what}" for what, ratio in worst))
            page.context.close()
        finally:
            stop(process)
        process, page = first_table(browser, Path(tmp), repo, figures, "restart: ")
        page.context.close()
        stop(process)
    return figures


def screenshots(page, shots: Path, run: int) -> None:
    """The aligned view with row 3's corrections open (and its Split popover), at 1280×800 and
    1600×1000; the evidence popover; the sidebar."""
    shots.mkdir(parents=True, exist_ok=True)
    row = page.locator("table.aligned tr#row-3")
    page.wait_for_function("() => typeof window.__wcRowPick === 'function'", timeout=30_000)
    row.locator("td.num").click()
    page.get_by_text("Row 3 — correct its pairing").wait_for(timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget] button')",
                           timeout=90_000)
    for width, height in ((1280, 800), (1600, 1000)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(800)
        page.locator("table.aligned tr#row-2").scroll_into_view_if_needed()
        page.mouse.move(width * 0.6, height * 0.3)
        page.mouse.wheel(0, 120)
        page.wait_for_timeout(400)
        page.screenshot(path=str(shots / f"row-actions-{width}x{height}-run{run}.png"))
        page.get_by_role("button", name="Split…").click()
        page.wait_for_timeout(500)
        page.screenshot(path=str(shots / f"row-actions-split-{width}x{height}-run{run}.png"))
        page.get_by_text("Row 3 — correct its pairing").click()  # closes the popover (Esc would close the row)
        page.wait_for_timeout(300)
    page.mouse.move(width * 0.6, height * 0.6)  # over the table, not the sidebar
    page.mouse.wheel(0, 900)
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / f"scrolled-1600x1000-run{run}.png"))
    page.locator("details.badge summary").nth(2).click()
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots / f"popover-1600x1000-run{run}.png"))
    page.mouse.move(150, 500)  # the sidebar
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / f"sidebar-1600x1000-run{run}.png"))


# Every text node of ours (the table, the jump bar, the legend, an open popover): its computed
# colour against the first opaque background behind it, WCAG ratio. Streamlit's chrome aside.
CONTRAST_JS = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(c => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const ground = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3); } return [255, 255, 255]; };
  const out = {};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.closest('table.aligned, div.bar, div.legend')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || !el.getClientRects().length) continue;
    const fg = rgb(style.color).slice(0, 3), bg = ground(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const key = el.tagName.toLowerCase() + '.' + (el.className || '') + ' ' + style.color + ' on rgb(' + bg.join(',') + ')';
    out[key] = Math.min(out[key] || 99, ratio);
  }
  return out;
}"""


def page_contrast(page) -> dict[str, float]:
    return page.evaluate(CONTRAST_JS)


def switch(page, story: str) -> None:
    name = title(story)
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
    box.click()
    page.get_by_role("option", name=name, exact=True).click()
    page.get_by_role("heading", name=name).wait_for(timeout=300_000)
    page.locator("table.aligned tr#row-0").wait_for(timeout=300_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget] button')",
                           timeout=90_000)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=0, help="the port the app is started on (default: any free one)")
    parser.add_argument("--shots", type=Path, default=None, help="folder for screenshots (never commit them)")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout (e.g. the main branch) timed in the same runs, "
                             "alternating, so that figures on a busy machine compare as a ratio")
    args = parser.parse_args()
    PORT["port"] = args.port
    checkouts = {"this": REPO} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    results: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    loads = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for run in range(args.runs):
            for name, repo in checkouts.items():
                loads.append(os.getloadavg()[0])
                shots = args.shots if run == 0 and name == "this" else None
                results[name].append(one_run(browser, shots, run, repo))
        browser.close()
    print(f"load average {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores during the runs")
    for name, runs in results.items():
        print(f"[{name}: {checkouts[name]}]")
        for figure in runs[0]:
            values = [r[figure] for r in runs]
            print(f"  {figure:24s} " + "  ".join(f"{v:5.2f}s" for v in values)
                  + f"   median {statistics.median(values):.2f}s")
    if args.baseline:
        for figure in results["this"][0]:
            this = statistics.median(r[figure] for r in results["this"])
            base = statistics.median(r.get(figure, float("nan")) for r in results["baseline"])
            print(f"  ratio this/baseline {figure:24s} {this / base:.2f}")


if __name__ == "__main__":
    main()
