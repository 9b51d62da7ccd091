"""Benchmark: how long Chromium takes to show one explorer picture, by image format.

Takes the largest picture stored in notebook 03 (an explorer-sized chart), re-encodes it as a
palette PNG, a fast-compressed RGB PNG, JPEG (quality 90) and lossless WebP, and for each one
times, in an empty headless-Chromium page, setting a new ``<img>``'s address to a blob of the
bytes and awaiting ``img.decode()`` (15 repeats; median and the 14th of 15).  This is stage 8 of
``trace_update.py`` without JupyterLab around it.  Prints the calibration figure and the load
average with the table.

Run with ``.venv/bin/python benchmarks/bench_decode.py`` (needs Chromium).
"""

from __future__ import annotations

import base64
import io
import json
import os
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from calibration import calibration_ms  # noqa: E402

from tests.browser.lab import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tools.registry import notebook_paths  # noqa: E402

DECODE = """async ([mime, b64]) => {
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const times = [];
  for (let k = 0; k < 15; k++) {
    const img = document.createElement('img');
    document.body.appendChild(img);
    const url = URL.createObjectURL(new Blob([bytes], {type: mime}));
    const started = performance.now();
    img.src = url;
    await img.decode();
    times.push(performance.now() - started);
    img.remove();
    URL.revokeObjectURL(url);
  }
  times.sort((a, b) => a - b);
  return [times[7], times[13]];
}"""


def variants() -> dict[str, tuple[str, bytes]]:
    path = next(p for p in notebook_paths() if p.name.startswith("03"))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    stored = max((base64.b64decode(o["data"]["image/png"]) for c in cells if c["cell_type"] == "code"
                  for o in c.get("outputs", []) if "image/png" in o.get("data", {})), key=len)
    image = Image.open(io.BytesIO(stored)).convert("RGB")
    found = {"png (as stored)": ("image/png", stored)}
    for name, mime, save in [
        ("png, 256-colour palette", "image/png", lambda b: image.quantize(256).save(b, "PNG")),
        ("png, RGB, compress level 1", "image/png", lambda b: image.save(b, "PNG", compress_level=1)),
        ("jpeg, quality 90", "image/jpeg", lambda b: image.save(b, "JPEG", quality=90)),
        ("webp, lossless", "image/webp", lambda b: image.save(b, "WEBP", lossless=True)),
    ]:
        buffer = io.BytesIO()
        save(buffer)
        found[name] = (mime, buffer.getvalue())
    return found


def main() -> int:
    chromium = chromium_path()
    if chromium is None:
        print("Chromium not found: install it (sudo apt install chromium) to run this benchmark.")
        return 0
    from playwright.sync_api import sync_playwright

    calibration = calibration_ms()
    load = os.getloadavg()
    print(f"calibration: full redraw of the reference figure {calibration:.0f} ms; "
          f"load average {load[0]:.2f}")
    print("| format | size (KiB) | decode p50 (ms) | decode 14th of 15 (ms) |")
    print("|---|---|---|---|")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<html><body></body></html>")
        for name, (mime, data) in variants().items():
            p50, high = page.evaluate(DECODE, [mime, base64.b64encode(data).decode()])
            print(f"| {name} | {len(data) / 1024:.1f} | {p50:.1f} | {high:.1f} |")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
