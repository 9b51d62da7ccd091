"""Check that blitting draws the same picture as drawing the whole figure from scratch."""

import io
import re
from dataclasses import replace

import numpy as np
from PIL import Image

from relmark_helpers import BlitRenderer


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def assert_blit_matches_full_redraw(chart, inputs, steps, *, html_captions=True):
    """Blitting, partial and full redraws must give the same picture as drawing from scratch.

    Set up as an explorer sets its chart up: captions as HTML (left out of the
    picture), live y axes drawn into backgrounds kept per y range.  Every step
    is checked, then every step again in reverse, so that backgrounds reused
    from the cache are checked too.
    """
    if html_captions:
        chart.use_html_captions()
    chart.update(inputs)
    renderer = BlitRenderer(chart.figure, chart.moving, y_axes=chart.live_axes)
    renderer.render()
    path = [("start", inputs)]
    for step in steps:  # cumulative, each step from where the last one left off
        path.append((step, replace(path[-1][1], **step)))
    back = [(f"back to {label}", state) for label, state in reversed(path[:-1])]
    for step, inputs in [*path[1:], *back]:
        chart.update(inputs)
        if chart.changed_axes:
            renderer.invalidate(*chart.changed_axes)
        fast = pixels(renderer.render())
        full = pixels(renderer.full_picture())
        differs = np.abs(fast - full).max(axis=2) > 40
        assert differs.sum() < 10, f"at {step}: {differs.sum()} pixels differ"
    return renderer


def shown(explorer) -> tuple[bytes, str]:
    """What an explorer shows: its picture and the text of its captions (not the render counter)."""
    captions = re.sub(r'<span class="relmark-render"[^>]*></span>', "", explorer.captions.value)
    return bytes(explorer.image.value), captions
