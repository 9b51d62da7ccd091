"""Benchmark: the programme designer's update cost in the kernel, per change of a control.

Run with ``make bench`` (or ``python benchmarks/bench_bonding.py``).  Every
control is changed in turn (instrument toggles, the customer's margin and
retention, the rivals' response) and the time from setting the value to a
new PNG in the ``Image`` widget is recorded.  Target: p95 <= 70 ms.
Timings are from whatever machine runs this; compare ratios across machines.
"""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from relmark_helpers.bonding.explorer import programme_designer  # noqa: E402
from relmark_helpers.bonding.programme import INSTRUMENTS, Programme, programme_economics  # noqa: E402
from relmark_helpers.core.style import use_workbook_style  # noqa: E402


def _sweep(start: float, stop: float, step: float, digits: int) -> list[float]:
    """Slider values from start to stop, one slider step at a time (as a drag sends them)."""
    count = int(round(abs(stop - start) / step))
    direction = 1 if stop >= start else -1
    return [round(start + direction * k * step, digits) for k in range(1, count + 1)]


def changes() -> list[tuple[str, object]]:
    """A session's worth of changes, one slider step or one click at a time.

    Every instrument switched on, the customer's retention dragged up, down
    and back, the margin likewise, the rivals' lag across its range, copying
    off and on, then every instrument switched off again.
    """
    steps: list[tuple[str, object]] = [(name, True) for name in INSTRUMENTS]
    for start, stop in ((0.70, 0.80), (0.80, 0.40), (0.40, 0.70)):
        steps += [("retention", v) for v in _sweep(start, stop, 0.01, 2)]
    for start, stop in ((100, 300), (300, 50), (50, 100)):
        steps += [("margin", v) for v in _sweep(start, stop, 10, 0)]
    steps += [("rival_response", v) for v in [*range(3, 16), *range(14, -1, -1), 1, 2]]
    steps += [("rivals_copy", False), ("rivals_copy", True)]
    steps += [(name, False) for name in list(INSTRUMENTS)[::-1]]
    return steps


def bench_designer() -> list[tuple[str, str, str]]:
    use_workbook_style()
    designer = programme_designer()
    times = {"toggle": [], "slider": []}
    for name, value in changes():
        control = designer.controls[name]
        start = time.perf_counter()
        control.value = value
        elapsed = time.perf_counter() - start
        times["toggle" if name in INSTRUMENTS or name == "rivals_copy" else "slider"].append(elapsed)
        assert "Could not update" not in designer.summary.value, designer.summary.value
    every = times["toggle"] + times["slider"]
    p50, p95 = np.percentile(every, 50), np.percentile(every, 95)
    renders = len(every) + 1
    # The arithmetic alone: one programme's economics with and without copying.
    programme = Programme.of(*INSTRUMENTS)
    start = time.perf_counter()
    for _ in range(50):
        programme_economics(programme, rival_response=2)
    arithmetic = (time.perf_counter() - start) / 50
    return [
        ("Programme designer: any change -> new PNG (kernel)",
         f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms over {len(every)} changes, "
         f"{designer.renderer.partial_redraws} partial and {designer.renderer.full_redraws} full "
         f"redraws in {renders} renders",
         f"target p95 <= 70 ms: {'met' if p95 <= 0.070 else 'NOT met'}"),
        ("  instrument toggles / sliders",
         f"p50 {np.percentile(times['toggle'], 50) * 1000:.0f} / "
         f"{np.percentile(times['slider'], 50) * 1000:.0f} ms, "
         f"p95 {np.percentile(times['toggle'], 95) * 1000:.0f} / "
         f"{np.percentile(times['slider'], 95) * 1000:.0f} ms", ""),
        ("  programme economics (all instruments, rivals copy)",
         f"{arithmetic * 1000:.1f} ms per call", f"{arithmetic / p50:.0%} of a change"),
    ]


def main() -> None:
    rows = bench_designer()
    width = max(len(r[0]) for r in rows)
    for name, figure, ratio in rows:
        print(f"{name:<{width}}  {figure:<48}  {ratio}")


if __name__ == "__main__":
    main()
