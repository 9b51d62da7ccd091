"""A calibration figure: the full redraw of a fixed reference figure on this machine (ms).

Milliseconds differ between machines; printing this figure beside every
result lets one compare results from different machines (divide by it).
The reference figure never changes: two panels of 10 x 5 inches at 100 dpi
(1000 x 500 pixels), 60 bars, six lines with markers, two titles, tick labels
and a legend, drawn with Agg and encoded as a PNG by Pillow at compression
level 1, in matplotlib's default style (independent of the workbook's).
"""

from __future__ import annotations

import io
import time

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

__all__ = ["calibration_ms", "reference_figure"]


def reference_figure() -> Figure:
    """The fixed reference figure (seeded data)."""
    rng = np.random.default_rng(2026)
    with matplotlib.rc_context(matplotlib.rcParamsDefault):
        figure = Figure(figsize=(10.0, 5.0), dpi=100)
        left, right = figure.subplots(1, 2)
        x = np.arange(30)
        left.bar(x, rng.uniform(10, 100, 30), width=0.8, alpha=0.4, label="one")
        left.bar(x, rng.uniform(5, 60, 30), width=0.5, label="two")
        for k in range(6):
            right.plot(x, np.cumsum(rng.normal(k, 10, 30)), marker="o", ms=3, label=f"line {k}")
        left.set(title="Sixty bars", xlabel="period", ylabel="money")
        right.set(title="Six lines", xlabel="period", ylabel="money")
        right.legend(ncol=2, fontsize=8)
        figure.suptitle("Reference figure for calibration", fontweight="bold")
        FigureCanvasAgg(figure)
    return figure


def calibration_ms(repeat: int = 15) -> float:
    """Median time (ms) of a full redraw of :func:`reference_figure` to PNG bytes."""
    figure = reference_figure()
    canvas = figure.canvas
    times = []
    for _ in range(repeat + 2):
        started = time.perf_counter()
        canvas.draw()
        width, height = canvas.get_width_height(physical=True)
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        image.save(io.BytesIO(), format="PNG", compress_level=1)
        times.append(time.perf_counter() - started)
    return float(np.median(times[2:]) * 1000)  # the first two warm caches up


if __name__ == "__main__":
    print(f"calibration: full redraw of the reference figure {calibration_ms():.0f} ms")
