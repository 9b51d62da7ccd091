"""The workbook's look: call :func:`use_workbook_style` once, in a notebook's Setup cell.

Nothing is changed at import time.  The palette is seaborn's ``colorblind``
(safe for the common colour-vision deficiencies); fonts are sized to be read
from the back of a lecture room.

Figures speak Chinese as well as English.  :func:`use_workbook_style` registers
the CJK font shipped in ``relmark_helpers/fonts/`` (``Relmark CJK Sans``, a subset
of Noto Sans CJK SC under the SIL Open Font License 1.1 that covers all of
GB 2312; see that folder's README) and sets the font family to the fallback
list :data:`FONT_FAMILY`: Latin text keeps matplotlib's DejaVu Sans, and every
glyph DejaVu Sans lacks (hanzi, full-width punctuation) comes from the CJK font.
No system font is needed.

Tables speak the workbook's language too: in a Jupyter kernel,
:func:`use_workbook_style` registers display formatters that draw a DataFrame's
or Series' labels through the message catalogue (see
:mod:`relmark_helpers.core._table_labels`); in English nothing changes.
"""

from __future__ import annotations

import numbers
from pathlib import Path

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib import font_manager
from matplotlib.axes import Axes

from relmark_helpers.core._table_labels import register_table_formatters

__all__ = ["PALETTE", "FIGSIZE", "axes_or_new", "color", "money_label", "use_workbook_style"]

PALETTE: list[tuple[float, float, float]] = sns.color_palette("colorblind")
"""The workbook's colours, in order: blue, orange, green, red, purple, brown, pink, grey, ..."""

FIGSIZE: tuple[float, float] = (10.0, 4.0)
"""Default figure size (inches) of a two-panel figure."""

CJK_FONT_FAMILY: str = "Relmark CJK Sans"
"""Family name of the shipped CJK font (regular and bold), a subset of Noto Sans CJK SC."""

CJK_FONT_FILES: tuple[Path, ...] = tuple(
    Path(__file__).resolve().parent.parent / "fonts" / f"RelmarkCJKSans-{weight}.otf"
    for weight in ("Regular", "Bold")
)
"""The shipped CJK font files, registered with matplotlib by :func:`register_cjk_font`."""

FONT_FAMILY: list[str] = ["DejaVu Sans", CJK_FONT_FAMILY]
"""matplotlib's ``font.family`` in the workbook style: a fallback list, tried glyph by glyph."""

_NAMES = ("blue", "orange", "green", "red", "purple", "brown", "pink", "grey", "olive", "cyan")


def color(name: str) -> tuple[float, float, float]:
    """One of the palette's colours by name ("blue", "orange", "green", ...)."""
    if not isinstance(name, str) or name not in _NAMES:
        raise ValueError(f"color must be one of {', '.join(_NAMES)}; got name={name!r}.")
    return PALETTE[_NAMES.index(name)]


def register_cjk_font() -> None:
    """Make the shipped CJK font known to matplotlib (once; later calls do nothing).

    Examples
    --------
    >>> register_cjk_font()
    >>> from matplotlib import font_manager
    >>> font_manager.findfont(CJK_FONT_FAMILY, fallback_to_default=False).endswith("Regular.otf")
    True
    """
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in CJK_FONT_FILES:
        if str(path) not in known:
            font_manager.fontManager.addfont(path)


def use_workbook_style() -> None:
    """Apply the workbook's plotting style (seaborn theme, colour-blind palette, sizes, fonts).

    Latin text is drawn in DejaVu Sans, as in matplotlib's default style; Chinese
    glyphs come from the shipped CJK font (:data:`FONT_FAMILY`).  In a Jupyter kernel it
    also registers the inline PNG formatter for figures and the table-label formatters
    (:func:`~relmark_helpers.core._table_labels.register_table_formatters`).
    """
    register_cjk_font()
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
            "font.family": FONT_FAMILY,
        },
    )
    _show_returned_figures()
    register_table_formatters()


def _show_returned_figures() -> None:
    """In a Jupyter kernel, show a figure a cell returns as a picture, not as ``<Figure size …>``.

    The inline backend registers its picture formatter only once pyplot draws its first figure;
    until then a :class:`~matplotlib.figure.Figure` returned by a plotting helper shows as text.
    Outside a kernel (scripts, tests) this does nothing.
    """
    if "inline" not in plt.get_backend():
        return
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # pragma: no cover - every Jupyter kernel ships matplotlib-inline
        return
    set_matplotlib_formats("png")


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
