"""The workbook's look: call :func:`use_workbook_style` once, in a notebook's Setup cell.

Nothing is changed at import time.  The palette is seaborn's ``colorblind``
(safe for the common colour-vision deficiencies); fonts are sized to be read
from the back of a lecture room.  Chinese text stays in the markdown cells,
so figures need no CJK font.
"""

from __future__ import annotations

import numbers

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.axes import Axes

__all__ = ["PALETTE", "FIGSIZE", "axes_or_new", "color", "money_label", "use_workbook_style"]

PALETTE: list[tuple[float, float, float]] = sns.color_palette("colorblind")
"""The workbook's colours, in order: blue, orange, green, red, purple, brown, pink, grey, ..."""

FIGSIZE: tuple[float, float] = (10.0, 4.0)
"""Default figure size (inches) of a two-panel figure."""

_NAMES = ("blue", "orange", "green", "red", "purple", "brown", "pink", "grey", "olive", "cyan")


def color(name: str) -> tuple[float, float, float]:
    """One of the palette's colours by name ("blue", "orange", "green", ...)."""
    if not isinstance(name, str) or name not in _NAMES:
        raise ValueError(f"color must be one of {', '.join(_NAMES)}; got name={name!r}.")
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


def axes_or_new(ax: Axes | None, figsize: tuple[float, float] = (7.0, 4.0)) -> Axes:
    """``ax`` if given, else the Axes of a new figure of ``figsize`` inches (constrained layout).

    Every ``plot_*`` function starts with it, so that a caller can draw into a panel of its own.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def money_label(value: float, _pos: object = None) -> str:
    """Tick label for money: whole units with thousands separators (use with ``FuncFormatter``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"value must be a number (an amount of money); got {type(value).__name__}.")
    if isinstance(value, int) and abs(value) > 10**300:
        raise ValueError("value is too large for a money label.")
    return f"{value:,.0f}"
