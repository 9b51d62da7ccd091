"""Benchmark: how fast each explorer redraws after a control moves, in the kernel.

For each explorer, its main slider is moved in two ways: a *drag* (single
steps up from the default and back, as a student drags a slider) and a
*sweep* (jumps across the whole range, which forces axis-range changes and
so redraws: the worst case).  Each move is timed from setting the value to a
new PNG in the explorer's Image widget.  Prints p50 and p95 and how many moves
needed a partial or full redraw; target p95 <= 70 ms.  The naive way (a new
seaborn figure per move) is timed for comparison.
"""

from __future__ import annotations

import io
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import seaborn as sns  # noqa: E402

from relmark_helpers.core.style import use_workbook_style  # noqa: E402
from relmark_helpers.customer_base.explorers import (  # noqa: E402
    leaky_bucket_explorer,
    pareto_explorer,
    two_firms_explorer,
)
from relmark_helpers.lifetime_value.explorer import clv_explorer  # noqa: E402
from relmark_helpers.lifetime_value.formulas import cash_flow_table  # noqa: E402

TARGET_P95 = 0.070  # seconds

EXPLORERS = {
    "CLV explorer (03)": (clv_explorer, "retention"),
    "leaky bucket (01)": (leaky_bucket_explorer, "retention"),
    "two firms (01)": (two_firms_explorer, "relationship_retention"),
    "80/20 rule (01)": (pareto_explorer, "sigma"),
}


def drag(build, control_name: str, steps: int = 30) -> tuple[list[float], object]:
    """A student dragging a slider: ``steps`` single steps up from the default, then back down."""
    explorer = build()
    control = explorer.controls[control_name]
    start = control.value
    up = [min(start + k * control.step, control.max) for k in range(1, steps + 1)]
    return _time_moves(explorer, control, up + up[-2::-1] + [start])


def sweep(build, control_name: str, moves: int = 60) -> tuple[list[float], object]:
    """Big jumps: ``moves`` positions across the control's whole range and back."""
    explorer = build()
    control = explorer.controls[control_name]
    half = moves // 2
    values = np.concatenate([np.linspace(control.min, control.max, half),
                             np.linspace(control.max, control.min, half)])
    return _time_moves(explorer, control, values)


def _time_moves(explorer, control, values) -> tuple[list[float], object]:
    times = []
    for value in values:
        value = round(float(value), 4)
        if value == control.value:
            continue
        started = time.perf_counter()
        control.value = value
        times.append(time.perf_counter() - started)
    return times, explorer


def naive_seaborn(moves: int = 20) -> list[float]:
    """A new two-panel seaborn figure per move, rendered to PNG like the inline backend."""
    times = []
    for value in np.linspace(0.5, 0.95, moves):
        start = time.perf_counter()
        table = cash_flow_table(100, float(value), 0.10, 30)
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.4))
        sns.barplot(data=table, x="period", y="present_value", ax=left)
        sns.lineplot(data=table, x="period", y="cumulative_present_value", ax=right)
        fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")
        plt.close(fig)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    use_workbook_style()
    naive = float(np.median(naive_seaborn()))
    print(f"{'explorer':<20} {'control':<23} {'moves':<6} {'p50':>6} {'p95':>6}  redraws  "
          "vs naive  target p95 <= 70 ms")
    for name, (build, control) in EXPLORERS.items():
        for kind, run in (("drag", drag), ("sweep", sweep)):
            times, explorer = run(build, control)
            p50, p95 = np.percentile(times, 50), np.percentile(times, 95)
            redraws = explorer.renderer.partial_redraws + explorer.renderer.full_redraws - 1
            verdict = "met" if p95 <= TARGET_P95 else "NOT met"
            print(f"{name:<20} {control:<23} {kind:<6} {p50 * 1000:4.0f}ms {p95 * 1000:4.0f}ms  "
                  f"{redraws:3d}/{len(times):<3d}  {naive / p50:5.1f}x   {verdict}")
    print(f"naive seaborn figure per move: p50 {naive * 1000:.0f} ms")
    print("drag: single slider steps from the default and back (how a student moves a slider);")
    print("sweep: jumps across the whole range, forcing axis-range changes (the worst case).")


if __name__ == "__main__":
    main()
