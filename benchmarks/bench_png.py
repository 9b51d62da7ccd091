"""Benchmark: PNG encoders for the explorers' pictures (time, size, identical pixels).

The explorers send one PNG per slider move, so encoding is on every update's
path.  Measured on the CLV explorer's picture (1000 x 500 pixels): Pillow at
compression levels 0-3 and 6, RGBA and RGB, and the package's own encoder
(:func:`relmark_helpers.core.fastfigure.encode_png`: rows unfiltered, zlib) at
levels 1 and 3, with and without the alpha channel.  Every candidate must
decode to the same pixels.  Also the size of the picture at 80 and 100 dpi.
"""

from __future__ import annotations

import io
import os
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from relmark_helpers.core.fastfigure import encode_png  # noqa: E402
from relmark_helpers.core.style import use_workbook_style  # noqa: E402
from relmark_helpers.lifetime_value.explorer import clv_explorer  # noqa: E402


def median_ms(function, repeat: int = 25) -> tuple[float, bytes]:
    times, out = [], b""
    for _ in range(repeat):
        started = time.perf_counter()
        out = function()
        times.append(time.perf_counter() - started)
    return float(np.median(times) * 1000), out


def pillow(rgba: np.ndarray, mode: str, level: int):
    def encode() -> bytes:
        image = Image.fromarray(rgba, "RGBA")
        if mode == "RGB":
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format="PNG", compress_level=level)
        return out.getvalue()
    return encode


def main() -> None:
    use_workbook_style()
    explorer = clv_explorer()
    explorer.controls["retention"].value = 0.9
    canvas = explorer.chart.figure.canvas
    rgba = np.array(canvas.buffer_rgba())
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; picture "
          f"{rgba.shape[1]} x {rgba.shape[0]} pixels")
    candidates = {f"Pillow RGBA, level {k}": pillow(rgba, "RGBA", k) for k in (0, 1, 2, 3, 6)}
    candidates["Pillow RGB, level 1"] = pillow(rgba, "RGB", 1)
    for level in (1, 3):
        candidates[f"own, RGB rows unfiltered, zlib {level}"] = lambda k=level: encode_png(rgba,
                                                                                         level=k)
    print(f"{'encoder':<38} {'ms':>6} {'KiB':>7}  same pixels")
    for name, encode in candidates.items():
        ms, png = median_ms(encode)
        same = np.array_equal(np.asarray(Image.open(io.BytesIO(png)).convert("RGB")),
                              rgba[:, :, :3])
        print(f"{name:<38} {ms:6.1f} {len(png) / 1024:7.1f}  {same}")


if __name__ == "__main__":
    main()
