"""Benchmark: slider move to updated picture, measured in a real browser.

Starts JupyterLab (as the browser tests do), opens every notebook in headless
Chromium, runs it, and for every explorer (a widget with a picture) moves its
main slider 30 times with the arrow keys.  Each move is timed inside the page,
from the key press to the moment the new picture's address lands in the DOM.
Prints p50 and p95 per explorer as a Markdown table; target p95 <= 100 ms.

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_browser.py``
(needs Chromium: ``sudo apt install chromium``).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.lab import (  # noqa: E402
    CHROMIUM_ARGS,
    ROOT,
    chromium_path,
    open_and_run,
    running_lab,
)

MOVES = 30
TARGET_P95_MS = 100.0

WATCH = """([area, handle]) => {
    const img = area.querySelector('img');
    window.__changed = 0;
    new MutationObserver(() => { window.__changed = performance.now(); })
        .observe(img, {attributes: true, attributeFilter: ['src']});
    handle.addEventListener('keydown', () => {
        window.__down = performance.now(); window.__changed = 0; }, true);
}"""


def main_slider(area):
    """The explorer's main slider: the first one about retention, else the first one."""
    sliders = area.locator(".widget-slider")
    for k in range(sliders.count()):
        if "retention" in sliders.nth(k).inner_text().lower():
            return sliders.nth(k)
    return sliders.first


def time_moves(page, area, slider) -> list[float]:
    handle = slider.locator(".noUi-handle")
    page.evaluate(WATCH, [area.element_handle(), handle.element_handle()])
    value, high = (float(handle.get_attribute(k)) for k in ("aria-valuenow", "aria-valuemax"))
    key = "ArrowRight" if value < high else "ArrowLeft"
    handle.focus()
    times = []
    for _ in range(MOVES):
        before = handle.get_attribute("aria-valuenow")
        handle.press(key)
        if handle.get_attribute("aria-valuenow") == before:  # reached the end: turn round
            key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
            handle.press(key)
        deadline = time.monotonic() + 5
        while not page.evaluate("window.__changed") and time.monotonic() < deadline:
            time.sleep(0.005)
        changed = page.evaluate("window.__changed")
        if changed:
            times.append(changed - page.evaluate("window.__down"))
        time.sleep(0.15)
    return times


def main() -> None:
    chromium = chromium_path()
    if chromium is None:
        print("Chromium not found: install it (sudo apt install chromium) to run this benchmark.")
        return
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as home, running_lab(Path(home)) as base, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb")):
            open_and_run(page, base, path.name)
            areas = page.locator(".jp-OutputArea-output:has(.widget-slider):has(img)")
            for a in range(areas.count()):
                area = areas.nth(a)
                area.scroll_into_view_if_needed()
                slider = main_slider(area)
                label = slider.locator(".widget-label").first.inner_text().strip()
                times = time_moves(page, area, slider)
                if times:
                    rows.append((path.name[:2], a + 1, label, len(times),
                                 np.percentile(times, 50), np.percentile(times, 95)))
        browser.close()
    print("| notebook | explorer | slider moved | moves | p50 (ms) | p95 (ms) | p95 <= 100 ms |")
    print("|---|---|---|---|---|---|---|")
    for notebook, index, label, count, p50, p95 in rows:
        verdict = "yes" if p95 <= TARGET_P95_MS else "**no**"
        print(f"| {notebook} | {index} | {label} | {count} | {p50:.0f} | {p95:.0f} | {verdict} |")


if __name__ == "__main__":
    main()
