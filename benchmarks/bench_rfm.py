"""Benchmarks of notebook 05: RFM summary of a 1,000,000-row log, and the retention explorer.

Run with ``make bench`` (or ``python benchmarks/bench_rfm.py``).  Times
``relmark_helpers.customer_data.transactions.rfm_summary`` against lifetimes 0.11.3's
``summary_data_from_transaction_data`` on the same log, checks that the two
outputs are equal and prints the ratio (target: at least 10x).  Then moves
the retention explorer's controls and prints the kernel's update time, slider
move -> new PNG (target p95 <= 70 ms).  Timings are medians on whatever
machine runs this: compare ratios across machines, not milliseconds.
"""

from __future__ import annotations

import statistics
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from lifetimes.utils import summary_data_from_transaction_data  # noqa: E402

from relmark_helpers.core.style import use_workbook_style  # noqa: E402
from relmark_helpers.customer_data.explorer import retention_explorer  # noqa: E402
from relmark_helpers.customer_data.transactions import rfm_summary  # noqa: E402

ROWS = 1_000_000
CUSTOMERS = 100_000


def make_log(rows: int = ROWS, customers: int = CUSTOMERS, seed: int = 2026) -> pd.DataFrame:
    """A random log: integer ids, timestamps over about three years, amounts with cents, unsorted."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "customer_id": rng.integers(0, customers, rows),
        "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 1095 * 86400, rows), "s"),
        "amount": np.round(rng.gamma(2.0, 5.0, rows), 2),
    })


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def bench_rfm() -> list[tuple[str, str, str]]:
    log = make_log()
    ours, mine = timed(lambda: rfm_summary(log, "customer_id", "date", "amount"), 7)
    theirs, reference = timed(
        lambda: summary_data_from_transaction_data(log, "customer_id", "date", "amount"), 3)
    pd.testing.assert_frame_equal(mine, reference, check_exact=False, rtol=1e-12)
    ratio = theirs / ours
    return [
        (f"RFM summary of {ROWS:,} rows ({CUSTOMERS:,} customers)",
         f"{ours * 1000:.0f} ms; lifetimes {theirs * 1000:.0f} ms; outputs equal",
         f"{ratio:.1f}x faster than lifetimes (target >= 10x: {'met' if ratio >= 10 else 'NOT met'})"),
    ]


def bench_explorer() -> list[tuple[str, str, str]]:
    use_workbook_style()
    explorer = retention_explorer()
    c = explorer.controls
    moves = ([("fit_periods", v) for v in (2, 3, 4, 5, 6, 7, 8, 7, 6, 5, 4, 3)]
             + [("discount", round(float(v), 2)) for v in np.linspace(0.01, 0.30, 30)]
             + [("segment", s) for s in ("plus", "basic") * 4]
             + [("fit_periods", v) for v in (4, 5, 6, 7, 8, 2)])
    times = []
    for name, value in moves:
        start = time.perf_counter()
        c[name].value = value
        times.append(time.perf_counter() - start)
    p50, p95 = float(np.percentile(times, 50)), float(np.percentile(times, 95))
    return [(
        "retention explorer: control move -> new PNG (kernel)",
        f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms over {len(moves)} moves, "
        f"{explorer.renderer.full_redraws} full redraw(s)",
        f"target p95 <= 70 ms: {'met' if p95 <= 0.070 else 'NOT met'}",
    )]


def main() -> None:
    rows = bench_rfm() + bench_explorer()
    width = max(len(r[0]) for r in rows)
    for name, figure, ratio in rows:
        print(f"{name:<{width}}  {figure:<52}  {ratio}")


if __name__ == "__main__":
    main()
