"""Benchmark: from a slider move to the new picture in a real browser, press by press.

Starts JupyterLab (as the browser tests do), opens every notebook in headless
Chromium, runs it, and for every explorer (a widget with a picture) moves its
main slider, one move at a time:

- a *drag*: single steps with the arrow keys (turning at the end of the range);
- a *sweep*: clicks on the slider's track at positions across the whole range
  and back (jumps, which bring new y ranges);
- a *mouse drag* of the handle across the whole range in about a second.

After every key press or click the benchmark waits until the page has been
quiet (no new picture) for ``RELMARK_BENCH_QUIET`` seconds (default 0.25: about twice
the slowest update), recording every change of the picture's
address and when the new picture was decoded.  So each press is attributed
to its own picture: a press that brought no picture, or more than one, is
counted and reported, never timed.  The explorer's update counter and its
own update time in the kernel travel with its captions (``data-render``,
``data-kernel-ms``; the time only where ``RELMARK_TIME_UPDATES=1``, which
:func:`time_updates_in_kernels` sets for the server's kernels), so the
kernel's time of the *same* press is known too.

Self-check: no press may bring more pictures than kernel updates, or more
than one update; a press timed must have brought exactly one of each; and
no browser time (press to decoded picture) may be below the kernel's time
for the same press (the kernel's time ends when the picture is handed to
the widget); otherwise the benchmark fails (exit 1).  A press that brought
no new picture (same pixels, new captions) is counted, not timed.
The mouse drag passes when the picture trails the released handle by at
most one update (at most two new pictures after the release: the one being
drawn and the last).

Prints the calibration figure (``calibration.py``), the load average, the
time the run took, and a markdown table ready to paste into
``benchmarks/README.md``: per explorer and move, the kernel's and the
browser's times of the same presses, the full redraw of the same figure
(measured in this process, same settings), and whether each target is met:
kernel p95 <= 0.35 x full redraw; browser p95 <= kernel p95 + 25 ms;
browser p95 <= 70 ms.  Exit 3 when a target is missed.

The explorers and the control each one moves are those of
``bench_explorers.EXPLORERS`` (the notebook is the name's number; explorers of
one notebook are in page order).  Every explorer takes about 25 seconds; the
whole run about five minutes on a quiet 2-core machine.

Run with ``.venv/bin/python benchmarks/bench_browser.py [03 ...]`` (needs Chromium; the
optional arguments pick notebooks by number).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from calibration import calibration_ms  # noqa: E402

from relmark_helpers.core.explorer import TIME_UPDATES  # noqa: E402
from tests.browser.lab import (  # noqa: E402
    CHROMIUM_ARGS,
    chromium_path,
    open_and_run,
    running_lab,
)
from tools.registry import notebook_paths  # noqa: E402

DRAG_PRESSES = 20
SWEEP_CLICKS = 20
# Seconds without a new picture after which a press has had all its effect.
QUIET = float(os.environ.get("RELMARK_BENCH_QUIET", "0.25"))
TIMEOUT = 6.0
TARGET_ABOVE_KERNEL_MS = 25.0
TARGET_P95_MS = 70.0
TARGET_RATIO = 0.35


def explorers_by_page() -> dict[tuple[str, int], tuple[str, str]]:
    """(notebook number, position on the page) -> (explorer's name, control moved)."""
    from bench_explorers import EXPLORERS

    found: dict[tuple[str, int], tuple[str, str]] = {}
    for name, (_function, control) in EXPLORERS.items():
        number = name.split(" ", 1)[0]
        position = 1 + sum(1 for notebook, _k in found if notebook == number)
        found[(number, position)] = (name, control)
    return found


def control_labels() -> dict[str, str]:
    """Each explorer's moved control's label as the page shows it (its description)."""
    import matplotlib

    matplotlib.use("Agg")
    from bench_explorers import _explorers

    return {name: build().controls[control].description
            for name, (build, control) in _explorers().items()}

WATCH = """([area, slider]) => {
    const img = area.querySelector('img');
    const w = window.__bench = {presses: [], releases: [], changes: [], decoded: []};
    new MutationObserver(() => {
        const t = performance.now();
        w.changes.push(t);
        img.decode().then(() => w.decoded.push([t, performance.now()]),
                          () => w.decoded.push([t, t]));
    }).observe(img, {attributes: true, attributeFilter: ['src']});
    const press = () => w.presses.push(performance.now());
    slider.addEventListener('keydown', press, true);
    slider.addEventListener('pointerdown', press, true);
    window.addEventListener('pointerup', () => w.releases.push(performance.now()), true);
}"""

COUNTER = """(area) => {
    const c = area.querySelector('.relmark-render');
    return c ? [Number(c.dataset.render), Number(c.dataset.kernelMs)] : [null, null];
}"""


def main_slider(area, label: str | None):
    """The slider labelled ``label`` (the control the kernel benchmark moves), else the first."""
    sliders = area.locator(".widget-slider")
    for k in range(sliders.count()):
        if label and sliders.nth(k).locator(".widget-label").first.inner_text().strip() == label:
            return sliders.nth(k)
    return sliders.first


def _state(page) -> dict:
    return page.evaluate("() => window.__bench")


def wait_quiet(page, changes_before: int) -> dict:
    """Wait until no new picture has come for ``QUIET`` seconds (or ``TIMEOUT``); the record."""
    started = time.monotonic()
    last_count, last_change = changes_before, time.monotonic()
    while True:
        time.sleep(0.05)
        state = _state(page)
        count = len(state["changes"])
        now = time.monotonic()
        if count != last_count:
            last_count, last_change = count, now
        if now - last_change >= QUIET and (count > changes_before or now - started >= QUIET):
            decoded = {t: d for t, d in state["decoded"]}
            if all(t in decoded for t in state["changes"][changes_before:]):
                return state
        if now - started > TIMEOUT:
            return state


class Press:
    """One measured press: browser ms (press to decoded picture), kernel ms, pictures seen."""

    def __init__(self, browser: float | None, kernel: float | None, pictures: int, updates: int):
        self.browser, self.kernel, self.pictures, self.updates = browser, kernel, pictures, updates

    @property
    def timed(self) -> bool:
        return self.pictures == 1 and self.updates == 1


def time_updates_in_kernels() -> None:
    """Have the kernels of a JupyterLab started after this call send each update's kernel time
    with its picture (``RELMARK_TIME_UPDATES=1``, inherited by the server and its kernels)."""
    os.environ[TIME_UPDATES] = "1"


def measure(page, area, act) -> Press:
    """Do ``act()`` (one press or click), wait for quiet; attribute the picture to it."""
    before = _state(page)
    render_before, _ = page.evaluate(COUNTER, area.element_handle())
    n_changes, n_presses = len(before["changes"]), len(before["presses"])
    act()
    state = wait_quiet(page, n_changes)
    render_after, kernel_ms = page.evaluate(COUNTER, area.element_handle())
    new = state["changes"][n_changes:]
    presses = state["presses"][n_presses:]
    # Explorers without a render counter (older versions): one picture is taken as one update.
    updates = len(new) if render_after is None else render_after - (render_before or 0)
    if len(new) != 1 or not presses:
        return Press(None, None, len(new), updates)
    if render_after is not None and not (kernel_ms is not None and np.isfinite(kernel_ms)):
        raise RuntimeError(f"the picture came without its kernel time (data-kernel-ms): "
                           f"{TIME_UPDATES}=1 must be set for the kernel")
    decoded = dict((t, d) for t, d in state["decoded"])[new[0]]
    return Press(decoded - presses[0], kernel_ms, 1, updates)


def drag_presses(page, area, slider) -> list[Press]:
    handle = slider.locator(".noUi-handle")
    handle.focus()
    key = "ArrowRight"
    results = []
    for _ in range(DRAG_PRESSES):
        value, high, low = (float(handle.get_attribute(k))
                            for k in ("aria-valuenow", "aria-valuemax", "aria-valuemin"))
        if (key == "ArrowRight" and value >= high) or (key == "ArrowLeft" and value <= low):
            key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        results.append(measure(page, area, lambda k=key: handle.press(k)))
    return results


def sweep_clicks(page, area, slider) -> list[Press]:
    track = slider.locator(".noUi-base, .noUi-target").first
    box = track.bounding_box()
    half = SWEEP_CLICKS // 2
    fractions = [*np.linspace(0.02, 0.98, half), *np.linspace(0.98, 0.02, half)]
    handle = slider.locator(".noUi-handle")
    results = []
    for fraction in fractions:
        x, y = box["x"] + fraction * box["width"], box["y"] + box["height"] / 2
        before = handle.get_attribute("aria-valuenow")
        press = measure(page, area, lambda x=x, y=y: page.mouse.click(x, y))
        if handle.get_attribute("aria-valuenow") != before:
            results.append(press)
    return results


def mouse_drag(page, area, slider) -> dict:
    """Drag the handle from the start of the range to its end in about a second."""
    handle = slider.locator(".noUi-handle")
    handle.focus()
    measure(page, area, lambda: handle.press("Home"))
    track = slider.locator(".noUi-base, .noUi-target").first.bounding_box()
    start = handle.bounding_box()
    x0, y = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    x1 = track["x"] + track["width"] + 5
    before = _state(page)
    n_changes = len(before["changes"])
    page.mouse.move(x0, y)
    page.mouse.down()
    for k in range(1, 41):
        page.mouse.move(x0 + (x1 - x0) * k / 40, y)
        time.sleep(0.025)
    page.mouse.up()
    state = wait_quiet(page, n_changes)
    release = state["releases"][-1]
    after = [t for t in state["changes"][n_changes:] if t > release]
    decoded = dict((t, d) for t, d in state["decoded"])
    during = len(state["changes"]) - n_changes - len(after)
    last = (decoded.get(after[-1], after[-1]) - release) if after else 0.0
    at_end = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
    return {"pictures_during": during, "pictures_after": len(after), "release_to_last_ms": last,
            "at_end": at_end, "ok": len(after) <= 2 and at_end}


def full_redraws(names: set[str]) -> dict[str, dict[str, float]]:
    """Full redraw (p50, ms) of each explorer's figure on the same moves, in this process."""
    import matplotlib

    matplotlib.use("Agg")
    from bench_explorers import _explorers, drag_values, sweep_values, time_moves

    from relmark_helpers import use_workbook_style

    use_workbook_style()
    out = {}
    for name, (build, control) in _explorers().items():
        if name not in names:
            continue
        probe = build().controls[control]
        out[name] = {}
        for kind, values in (("drag", drag_values(probe, 6)), ("sweep", sweep_values(probe, 12))):
            _kernel, full, _ = time_moves(build, control, values)
            out[name][kind] = float(np.percentile(full, 50) * 1000)
    return out


def p(values, q) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def main(only: list[str]) -> int:
    chromium = chromium_path()
    if chromium is None:
        print("Chromium not found: install it (sudo apt install chromium) to run this benchmark.")
        return 0
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()
    run_started = time.monotonic()
    calibration = calibration_ms()
    labels = control_labels()
    on_page = explorers_by_page()
    results = []  # (name, kind, presses)
    drags = {}
    missing: list[str] = []
    time_updates_in_kernels()
    with tempfile.TemporaryDirectory() as home, running_lab(Path(home)) as base, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for path in notebook_paths():
            if only and path.name.split("_", 1)[0] not in only:
                continue
            open_and_run(page, base, path.name)
            areas = page.locator(".jp-OutputArea-output:has(.widget-slider):has(img)")
            expected = sum(1 for number, _k in on_page if number == path.name[:2])
            deadline = time.monotonic() + 60
            while areas.count() < expected and time.monotonic() < deadline:
                time.sleep(0.5)  # widgets render after the cells have run
            if areas.count() < expected:
                missing.append(f"{path.name[:2]}: {areas.count()} of {expected} explorers shown")
            for a in range(areas.count()):
                name, _control = on_page.get((path.name[:2], a + 1),
                                             (f"{path.name[:2]} widget {a + 1}", None))
                area = areas.nth(a)
                area.scroll_into_view_if_needed()
                slider = main_slider(area, labels.get(name))
                page.evaluate(WATCH, [area.element_handle(), slider.element_handle()])
                results.append((name, "drag", drag_presses(page, area, slider)))
                results.append((name, "sweep", sweep_clicks(page, area, slider)))
                drags[name] = mouse_drag(page, area, slider)
        browser.close()
    load_after = os.getloadavg()
    full = full_redraws({name for name, _kind, _presses in results})

    print(f"calibration: full redraw of the reference figure {calibration:.0f} ms; load average "
          f"{' '.join(f'{x:.2f}' for x in load_before)} before, "
          f"{' '.join(f'{x:.2f}' for x in load_after)} after")
    print(f"run took {time.monotonic() - run_started:.0f} s")
    print()
    print("| explorer | move | timed | kernel p50 | kernel p95 | full redraw | kernel p95 / full "
          "| browser p50 | browser p95 | browser p95 − kernel p95 | kernel ≤ 0.35 × full "
          "| browser ≤ kernel + 25 ms | browser ≤ 70 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    failures, missed = list(missing), 0
    if not results:
        failures.append("no explorer was measured")
    for name, kind, presses in results:
        timed = [x for x in presses if x.timed]
        untimed = len(presses) - len(timed)
        for x in timed:
            if x.kernel is not None and x.browser < x.kernel:
                failures.append(f"{name} {kind}: browser {x.browser:.1f} ms < kernel "
                                f"{x.kernel:.1f} ms for the same press")
        for x in presses:
            # A press may bring no new picture (the same pixels, new captions only); it is not
            # timed.  More pictures than updates, or several updates, would be misattributed.
            if x.pictures > max(x.updates, 0) or x.updates > 1:
                failures.append(f"{name} {kind}: a press brought {x.pictures} picture(s) and "
                                f"{x.updates} update(s)")
        kernel = [x.kernel for x in timed if x.kernel is not None]
        seen = [x.browser for x in timed]
        k50, k95, b50, b95 = p(kernel, 50), p(kernel, 95), p(seen, 50), p(seen, 95)
        if kernel and (b50 < k50 or b95 < k95):
            failures.append(f"{name} {kind}: browser p50/p95 below the kernel's")
        redraw = full.get(name, {}).get(kind, float("nan"))
        met = (k95 <= TARGET_RATIO * redraw, b95 <= k95 + TARGET_ABOVE_KERNEL_MS,
               b95 <= TARGET_P95_MS)
        missed += not all(met)
        print(f"| {name} | {kind} | {len(timed)}/{len(presses)}"
              f"{'' if not untimed else ' ⚠'} | {k50:.0f} | {k95:.0f} | {redraw:.0f} | "
              f"{k95 / redraw:.2f} | {b50:.0f} | {b95:.0f} | {b95 - k95:+.0f} | "
              + " | ".join("yes" if ok else "**no**" for ok in met) + " |")
    print()
    print("| explorer | mouse drag: pictures during | after release | release → last picture (ms) "
          "| trails by ≤ 1 update |")
    print("|---|---|---|---|---|")
    for name, d in drags.items():
        if not d["ok"]:
            failures.append(f"{name} mouse drag: {d['pictures_after']} pictures after release, "
                            f"at the end: {d['at_end']}")
        print(f"| {name} | {d['pictures_during']} | {d['pictures_after']} | "
              f"{d['release_to_last_ms']:.0f} | {'yes' if d['ok'] else '**no**'} |")
    print("times in ms; browser: key press or click to the new picture decoded in the page; "
          "kernel: the explorer's update for the same press; full redraw: the same figure "
          "drawn from scratch and encoded (this process, same settings).")
    if failures:
        print("SELF-CHECK FAILED:")
        for line in failures:
            print("  " + line)
        return 1
    print("self-check passed: every timed press brought one update and one picture, and no "
          "browser time is below the kernel's.")
    return 3 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
