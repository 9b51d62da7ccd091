"""Benchmark: how fast the ladder explorer (notebook 08) redraws after a control moves, in the kernel.

Each control is moved in two ways, as in ``bench_explorers.py``: a *drag*
(single steps up from the default and back) and a *sweep* (jumps across the
whole range, the worst case).  Each move is timed from setting the value to a
new PNG in the explorer's Image widget.  Prints p50 and p95; target p95 <= 70 ms.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from relmark_helpers.core.style import use_workbook_style  # noqa: E402
from relmark_helpers.ladder.explorer import ladder_explorer  # noqa: E402

try:  # run as a script from the repository root or as a module
    from benchmarks.bench_explorers import drag, sweep  # noqa: E402
except ImportError:  # pragma: no cover
    from bench_explorers import drag, sweep  # noqa: E402

TARGET_P95 = 0.070  # seconds
CONTROLS = ("promotion", "lapse", "development_cost")


def main() -> int:
    use_workbook_style()
    print(f"{'control':<18} {'moves':<6} {'p50':>6} {'p95':>6}  redraws  target p95 <= 70 ms")
    every = []
    for control in CONTROLS:
        for kind, run in (("drag", drag), ("sweep", sweep)):
            times, explorer = run(ladder_explorer, control)
            every += times
            p50, p95 = np.percentile(times, 50), np.percentile(times, 95)
            redraws = explorer.renderer.partial_redraws + explorer.renderer.full_redraws - 1
            verdict = "met" if p95 <= TARGET_P95 else "NOT met"
            print(f"{control:<18} {kind:<6} {p50 * 1000:4.0f}ms {p95 * 1000:4.0f}ms  "
                  f"{redraws:3d}/{len(times):<3d}  {verdict}")
    p50, p95 = np.percentile(every, 50), np.percentile(every, 95)
    print(f"all {len(every)} moves: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    return 0 if p95 <= TARGET_P95 else 1


if __name__ == "__main__":
    raise SystemExit(main())
