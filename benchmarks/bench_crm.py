"""Benchmark: how fast the segment explorer (notebook 07) redraws after a control moves, in the kernel.

The observation end is stepped across every quarter end and back, twice: the
first pass computes each RFM table and its scores (then cached), the second
only segments and redraws.  The at-risk threshold is stepped 1-2-3 and back
ten times.  Each move is timed from setting the value to a new PNG in the
explorer's Image widget.  Prints p50 and p95; target p95 <= 70 ms.
"""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from relmark_helpers.core.style import use_workbook_style  # noqa: E402
from relmark_helpers.crm.explorer import segment_explorer  # noqa: E402

TARGET_P95 = 0.070  # seconds


def _time_moves(explorer, name: str, values: list) -> list[float]:
    control = explorer.controls[name]
    times = []
    for value in values:
        if value == control.value:
            continue
        started = time.perf_counter()
        control.value = value
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    use_workbook_style()
    explorer = segment_explorer()
    ends = list(explorer.controls["observation_end"].options)
    there_and_back = ends[::-1] + ends[1:]
    runs = {
        "observation end, first pass": _time_moves(explorer, "observation_end", there_and_back),
        "observation end, cached": _time_moves(explorer, "observation_end", there_and_back),
        "at-risk threshold": _time_moves(explorer, "at_risk_max_r", [1, 2, 3, 2] * 10),
    }
    print(f"{'control':<30} {'moves':<6} {'p50':>6} {'p95':>6}  target p95 <= 70 ms")
    every = []
    for name, times in runs.items():
        every += times
        p50, p95 = np.percentile(times, 50), np.percentile(times, 95)
        verdict = "met" if p95 <= TARGET_P95 else "NOT met"
        print(f"{name:<30} {len(times):<6} {p50 * 1000:4.0f}ms {p95 * 1000:4.0f}ms  {verdict}")
    p50, p95 = np.percentile(every, 50), np.percentile(every, 95)
    print(f"all {len(every)} moves: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    return 0 if p95 <= TARGET_P95 else 1


if __name__ == "__main__":
    raise SystemExit(main())
