"""Check that blitting draws the same picture as drawing the whole figure from scratch."""

import io
from dataclasses import replace

import numpy as np
from PIL import Image

from relmark_helpers import BlitRenderer, figure_to_png


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def assert_blit_matches_full_redraw(chart, inputs, steps):
    """Blitting, partial and full redraws must give the same picture as drawing from scratch."""
    chart.update(inputs)
    renderer = BlitRenderer(chart.figure, chart.moving)
    renderer.render()
    for step in steps:
        inputs = replace(inputs, **step)
        chart.update(inputs)
        if chart.changed_axes:
            renderer.invalidate(*chart.changed_axes)
        fast = pixels(renderer.render())
        for artist in chart.moving:
            artist.set_animated(False)
        full = pixels(figure_to_png(chart.figure))
        for artist in chart.moving:
            artist.set_animated(True)
        differs = np.abs(fast - full).max(axis=2) > 40
        assert differs.sum() < 10, f"after {step}: {differs.sum()} pixels differ"
    return renderer
