"""Benchmark: how fast each explorer updates in the kernel, against a full redraw of its figure.

For every explorer of the workbook, its main slider (the one the browser
benchmark moves) is moved in two ways: a *drag* (single steps up from the
default and back, as a student drags a slider) and a *sweep* (jumps across
the whole range and back, which brings new y ranges: the worst case).

For each move three figures are taken:

- the explorer's update in the kernel (``Explorer.update_seconds``: from the
  change to the new picture and captions handed to the widgets);
- a *full redraw* of the same figure at the same settings: the chart's data
  update, every artist drawn from scratch and the PNG encoded with the same
  encoder (what the update would cost without blitting and caching);
- the ratio of the two; target: kernel p95 <= 0.35 x the full redraw's p50.

Prints a calibration figure first (``calibration.py``), and the load average.
``RELMARK_BENCH_MOVES`` sets the number of moves per drag and sweep (default 60).
Self-check: every update encodes its picture, so a kernel update or a full
redraw measured faster than the PNG encoding alone means the benchmark is
broken (exit status 2).  Exit status 1 when a target is missed.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from calibration import calibration_ms  # noqa: E402

from relmark_helpers.core.style import use_workbook_style  # noqa: E402

TARGET_RATIO = 0.35


EXPLORERS = {
    # name: (the function a notebook calls, the slider moved: the one bench_browser.py moves)
    "02 leaky bucket": ("leaky_bucket_explorer", "retention"),
    "02 two firms": ("two_firms_explorer", "transaction_retention"),
    "02 80/20 rule": ("pareto_explorer", "sigma"),
    "03 CLV explorer": ("clv_explorer", "retention"),
    "04 programme designer": ("programme_designer", "retention"),
    "05 retention explorer": ("retention_explorer", "fit_periods"),
    "06 P(alive) explorer": ("alive_explorer", "age"),
    "07 segment explorer": ("segment_explorer", "observation_end"),
    "08 ladder explorer": ("ladder_explorer", "promotion"),
}
"""Every explorer of the workbook; ``RELMARK_BENCH_ONLY`` (a part of a name) picks some."""


def _explorers():
    import relmark_helpers

    only = os.environ.get("RELMARK_BENCH_ONLY", "").lower()
    return {name: (getattr(relmark_helpers, function), control)
            for name, (function, control) in EXPLORERS.items() if only in name.lower()}


def positions(control) -> list:
    """Every value the control can take, in order (a slider's steps, or its options)."""
    if hasattr(control, "min"):
        count = int(round((control.max - control.min) / control.step)) + 1
        values = [round(control.min + k * control.step, 6) for k in range(count)]
        return [int(v) for v in values] if isinstance(control.value, int) else values
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def drag_values(control, steps: int = 30) -> list:
    """Single steps up from the default (turning at the end of the range) and back down."""
    allowed = positions(control)
    start = min(range(len(allowed)),
                key=lambda k: abs(allowed[k] - control.value) if hasattr(control, "min")
                else allowed[k] != control.value)
    values, index, direction = [], start, 1
    for _ in range(steps):
        if not 0 <= index + direction < len(allowed):
            direction = -direction
        index += direction
        values.append(allowed[index])
    return values + values[-2::-1] + [control.value]


def sweep_values(control, moves: int = 60) -> list:
    """Jumps: ``moves`` positions across the control's whole range and back."""
    allowed = positions(control)
    half = moves // 2
    there = np.round(np.linspace(0, len(allowed) - 1, half)).astype(int)
    return [allowed[k] for k in [*there, *there[::-1]]]


def time_moves(build, control_name: str, values) -> tuple[list[float], list[float], object]:
    """Kernel update and full-redraw time (seconds) of each move that changed the value."""
    explorer = build()
    started = time.perf_counter()
    explorer.warm_up()  # as showing it in a notebook does
    explorer.warm_up_seconds = time.perf_counter() - started
    explorer.y_axis_draws_warming = getattr(explorer.renderer, "y_axis_draws", 0)
    control = explorer.controls[control_name]
    kernel, full = [], []
    counted = hasattr(explorer, "update_seconds")  # explorers before the render counter: timed here
    for value in values:
        if value == control.value:
            continue
        before = explorer.renders if counted else 0
        started = time.perf_counter()
        control.value = value
        elapsed = time.perf_counter() - started
        if counted and explorer.renders != before + 1:
            raise RuntimeError(f"{control_name}={value}: {explorer.renders - before} updates")
        kernel.append(explorer.update_seconds[-1] if counted else elapsed)
        started = time.perf_counter()
        explorer.chart.update(explorer.inputs)
        _full_picture(explorer.renderer)
        full.append(time.perf_counter() - started)
    return kernel, full, explorer


def _full_picture(renderer) -> bytes:
    if hasattr(renderer, "full_picture"):
        return renderer.full_picture()
    from relmark_helpers import figure_to_png

    for artist in renderer.moving:
        artist.set_animated(False)
    try:
        return figure_to_png(renderer.figure)
    finally:
        for artist in renderer.moving:
            artist.set_animated(True)


def drag(build, control_name: str) -> tuple[list[float], object]:
    """Kernel update times (seconds) of a drag of ``control_name``, and the explorer."""
    kernel, _full, explorer = time_moves(build, control_name,
                                         drag_values(build().controls[control_name]))
    return kernel, explorer


def sweep(build, control_name: str) -> tuple[list[float], object]:
    """Kernel update times (seconds) of a sweep of ``control_name``, and the explorer."""
    kernel, _full, explorer = time_moves(build, control_name,
                                         sweep_values(build().controls[control_name]))
    return kernel, explorer


def encode_seconds(explorer, repeats: int = 15) -> list[float]:
    """Times (seconds) of one part of every update: encoding the explorer's picture as PNG."""
    from relmark_helpers import encode_png

    rgba = np.asarray(explorer.chart.figure.canvas.buffer_rgba()).copy()
    level = explorer.renderer.compress_level
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        encode_png(rgba, level=level)
        times.append(time.perf_counter() - started)
    return times


def check_parts(table: list[dict]) -> list[str]:
    """A whole faster than one of its parts is a broken benchmark: list every such row.

    Every kernel update and every full redraw encodes the picture, so neither
    can take less than the encoding alone (10 % allowed for timer noise).
    """
    broken = []
    for row in table:
        for whole in ("kernel_p50", "full_p50"):
            if row[whole] < 0.9 * row["encode_p50"]:
                broken.append(f"{row['explorer']} ({row['kind']}): {whole} {row[whole]:.1f} ms "
                              f"< PNG encoding alone {row['encode_p50']:.1f} ms")
    return broken


def rows(repeat_gc: bool = True, moves: int = 60) -> list[dict]:
    """Measure every explorer on a drag and a sweep of about ``moves`` moves each."""
    import gc

    results = []
    for name, (build, control_name) in _explorers().items():
        probe = build().controls[control_name]
        for kind, values in (("drag", drag_values(probe, moves // 2)),
                             ("sweep", sweep_values(probe, moves))):
            if repeat_gc:
                gc.collect()
            kernel, full, explorer = time_moves(build, control_name, values)
            encode = encode_seconds(explorer)
            results.append({
                "explorer": name, "control": control_name, "kind": kind, "moves": len(kernel),
                "kernel_p50": np.percentile(kernel, 50) * 1000,
                "kernel_p95": np.percentile(kernel, 95) * 1000,
                "full_p50": np.percentile(full, 50) * 1000,
                "encode_p50": np.percentile(encode, 50) * 1000,
                "y_axis_draws": (getattr(explorer.renderer, "y_axis_draws", 0)
                                 - explorer.y_axis_draws_warming),
                "redraws": explorer.renderer.partial_redraws + explorer.renderer.full_redraws - 1,
                "png_kib": len(explorer.image.value) / 1024,
                "warm_up_ms": explorer.warm_up_seconds * 1000,
            })
    return results


def main() -> int:
    use_workbook_style()
    print(f"calibration: full redraw of the reference figure {calibration_ms():.0f} ms; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    table = rows(moves=int(os.environ.get("RELMARK_BENCH_MOVES", "60")))
    broken = check_parts(table)
    if broken:
        print("BROKEN BENCHMARK: a whole measured faster than one of its parts:\n  "
              + "\n  ".join(broken))
        return 2
    print("| explorer | slider | moves | kernel p50 (ms) | kernel p95 (ms) | full redraw p50 (ms) "
          "| PNG encode p50 (ms) | kernel p95 / full redraw | y axes drawn | PNG (KiB) "
          "| warm-up when shown (ms) | <= 0.35 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    missed = 0
    for row in table:
        ratio = row["kernel_p95"] / row["full_p50"]
        ok = ratio <= TARGET_RATIO
        missed += not ok
        print(f"| {row['explorer']} | {row['control']} ({row['kind']}) | {row['moves']} | "
              f"{row['kernel_p50']:.0f} | {row['kernel_p95']:.0f} | {row['full_p50']:.0f} | "
              f"{row['encode_p50']:.0f} | "
              f"{ratio:.2f} | {row['y_axis_draws']} | {row['png_kib']:.0f} | "
              f"{row['warm_up_ms']:.0f} | {'yes' if ok else '**no**'} |")
    print("drag: single slider steps from the default and back; sweep: jumps across the whole "
          "range and back (new y ranges: the worst case).")
    print("full redraw: the chart's data update, every artist drawn, the same PNG encoder. "
          "y axes drawn: during the moves, after the warm-up an explorer does when first shown.")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
