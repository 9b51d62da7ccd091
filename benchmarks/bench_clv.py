"""Benchmark: the CLV of a million customers in one vectorised call.

Run with ``make bench`` (or ``python benchmarks/bench_clv.py``).  Prints a
table of figures and ratios; targets are stated beside them.  Timings are
medians of repeated runs on whatever machine runs this, so compare ratios
across machines, not milliseconds.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc

import numpy as np

from relmark_helpers import clv

CUSTOMERS = 1_000_000


def timed(function, repeat: int) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def bench_million_customers() -> list[tuple[str, str, str]]:
    rng = np.random.default_rng(2026)
    margin = rng.gamma(2.0, 50.0, CUSTOMERS)
    retention = rng.uniform(0.3, 0.95, CUSTOMERS)
    discount = rng.uniform(0.05, 0.15, CUSTOMERS)
    periods = rng.integers(1, 40, CUSTOMERS)
    rows = []
    for label, call in (
        ("infinite horizon", lambda: clv(margin, retention, discount)),
        ("finite horizon (1-39)", lambda: clv(margin, retention, discount, periods)),
    ):
        seconds = statistics.median(timed(call, 7))
        tracemalloc.start()
        call()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        # Reference: the same CLV one customer at a time in a Python loop (10,000, scaled up).
        sample = 10_000
        start = time.perf_counter()
        for k in range(sample):
            clv(float(margin[k]), float(retention[k]), float(discount[k]),
                None if "infinite" in label else int(periods[k]))
        loop = (time.perf_counter() - start) * CUSTOMERS / sample
        rows.append((f"CLV of 1,000,000 customers, {label}",
                     f"{seconds * 1000:.0f} ms, peak {peak / 2**20:.0f} MiB",
                     f"{loop / seconds:,.0f}x faster than a per-customer loop"))
    return rows


def main() -> None:
    rows = bench_million_customers()
    width = max(len(r[0]) for r in rows)
    for name, figure, ratio in rows:
        print(f"{name:<{width}}  {figure:<48}  {ratio}")


if __name__ == "__main__":
    main()
