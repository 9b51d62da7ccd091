"""The workbook's look: call :func:`use_workbook_style` once, in a notebook's Setup cell.

Nothing is changed at import time.  The palette is seaborn's ``colorblind``
(safe for the common colour-vision deficiencies); fonts are sized to be read
from the back of a lecture room.  Chinese text stays in the markdown cells,
so figures need no CJK font.
"""

from __future__ import annotations

import seaborn as sns

__all__ = ["PALETTE", "FIGSIZE", "use_workbook_style", "color"]

PALETTE: list[tuple[float, float, float]] = sns.color_palette("colorblind")
"""The workbook's colours, in order: blue, orange, green, red, purple, brown, pink, grey, ..."""

FIGSIZE: tuple[float, float] = (10.0, 4.0)
"""Default figure size (inches) of a two-panel figure."""

_NAMES = ("blue", "orange", "green", "red", "purple", "brown", "pink", "grey", "olive", "cyan")


def color(name: str) -> tuple[float, float, float]:
    """One of the palette's colours by name ("blue", "orange", "green", ...)."""
    if name not in _NAMES:
        raise ValueError(f"color must be one of {', '.join(_NAMES)}; got {name!r}.")
    return PALETTE[_NAMES.index(name)]


def use_workbook_style() -> None:
    """Apply the workbook's plotting style (seaborn theme, colour-blind palette, sizes)."""
    sns.set_theme(
        context="notebook",
        style="whitegrid",
        palette="colorblind",
        font_scale=1.05,
        rc={
            "figure.figsize": FIGSIZE,
            "figure.dpi": 100,
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
        },
    )
