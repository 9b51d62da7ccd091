"""Fast figure updates for widgets: redraw only what moved, send a PNG.

Drawing a new seaborn figure on every slider move costs about a quarter of a
second on a classroom laptop, which feels sluggish.  A widget here keeps one
figure and, on each move, changes its artists' data and redraws only those
artists over a cached picture of everything else ("blitting"), then encodes
the pixels with Pillow at a fast compression level.  That takes about 20 ms
in the kernel.

Limits: axis limits, ticks and titles are part of the cached background.
When a change needs new limits, call :meth:`BlitRenderer.invalidate` with the
axes that changed: the next render redraws that axes' strip of the figure
once (about half the cost of a full redraw for two panels side by side).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox
from PIL import Image

__all__ = ["BlitRenderer", "LiveChart", "figure_to_png", "nice_ceiling"]


def figure_to_png(figure: Figure, *, compress_level: int = 1) -> bytes:
    """Render a whole figure to PNG bytes (Agg), without ``bbox_inches="tight"``."""
    canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    canvas.draw()
    return _encode(canvas, compress_level)


def _encode(canvas: FigureCanvasAgg, compress_level: int) -> bytes:
    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=compress_level)
    return out.getvalue()


class BlitRenderer:
    """Render a figure to PNG, redrawing only its moving artists after the first time.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A figure made with ``matplotlib.figure.Figure`` (not ``pyplot``), so it
        never appears in a cell's output by itself.
    moving : sequence of Artist
        The artists whose data change between renders (lines, bars, texts).
        They are marked ``animated`` and drawn on top of the cached background.
    compress_level : int
        Pillow's PNG compression level, 0-9; 1 is fast and still small.
    """

    def __init__(self, figure: Figure, moving: Sequence[Artist], *, compress_level: int = 1):
        if not isinstance(figure.canvas, FigureCanvasAgg):
            FigureCanvasAgg(figure)
        self.figure = figure
        # Drawn in z-order, as a full draw would, so that blitting shows the same picture.
        self.moving = sorted(moving, key=lambda artist: artist.get_zorder())
        for artist in self.moving:
            artist.set_animated(True)
        self.compress_level = compress_level
        self._background = None
        self._dirty: set[Axes] = set()
        self.full_redraws = 0
        self.partial_redraws = 0

    def invalidate(self, *axes: Axes) -> None:
        """Forget the cached picture of ``axes`` (all of the figure if none are given).

        Call after changing limits, ticks or static text.  An axes is redrawn
        in its own strip of the figure, between what its neighbours draw;
        when several axes change at once, the whole figure is redrawn.
        Meant for panels side by side; give no axes for any other layout.
        """
        self._dirty.update(axes)
        if not axes or self._background is None or len(self._dirty) > 1:
            # Neighbouring panels both changed: their strips would overlap.
            self._background = None
            self._dirty.clear()

    def _strip(self, ax: Axes, renderer) -> Bbox:
        """The display-space strip of the figure that belongs to ``ax``.

        Vertically, what the axes draws (title to x-axis label: a change of the
        y limits does not move these); sideways from the right edge of whatever
        the panel on its left draws (tick labels included) to the left edge of
        what the panel on its right draws.
        """
        figure_box = self.figure.bbox
        own = ax.get_tightbbox(renderer)
        start, end = figure_box.x0, figure_box.x1
        for other in self.figure.axes:
            if other is ax:
                continue
            drawn = other.get_tightbbox(renderer)
            if other.bbox.x1 <= ax.bbox.x0:
                start = max(start, drawn.x1 + 1)
            elif other.bbox.x0 >= ax.bbox.x1:
                end = min(end, drawn.x0 - 1)
        return Bbox.from_extents(start, max(own.y0 - 2, figure_box.y0), end,
                                 min(own.y1 + 2, figure_box.y1))

    def _redraw_strips(self) -> None:
        canvas = self.figure.canvas
        renderer = canvas.get_renderer()
        canvas.restore_region(self._background)
        for ax in self._dirty:
            strip = self._strip(ax, renderer)
            blank = Rectangle((strip.x0, strip.y0), strip.width, strip.height, transform=None,
                              facecolor=self.figure.get_facecolor(), edgecolor="none")
            blank.set_figure(self.figure)
            blank.draw(renderer)
            ax.draw(renderer)  # skips the animated (moving) artists, as a full draw does
        self._dirty.clear()
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self.partial_redraws += 1

    def render(self) -> bytes:
        """Draw the figure's current state and return it as PNG bytes."""
        canvas = self.figure.canvas
        if self._background is None:
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self.full_redraws += 1
        elif self._dirty:
            self._redraw_strips()
        else:
            canvas.restore_region(self._background)
        for artist in self.moving:
            if artist.get_visible():
                self.figure.draw_artist(artist)
        return _encode(canvas, self.compress_level)


class LiveChart:
    """Base for a chart that a widget updates in place (see :class:`BlitRenderer`).

    A subclass builds ``self.figure`` (a ``matplotlib.figure.Figure``) in its
    ``__init__``, lists the artists it changes in ``self.moving``, and
    implements ``update(inputs) -> dict`` which changes those artists, calls
    :meth:`set_ylim_lazily` for each axes whose range depends on the data, and
    returns the numbers it shows.  ``changed_axes`` then says which axes need
    their cached picture redrawn.
    """

    figure: Figure
    moving: list[Artist]

    def __init__(self) -> None:
        self._limits: dict[int, tuple[float, float]] = {}
        self._live: set[int] = set()
        self.changed_axes: list[Axes] = []

    def live_yaxis(self, *axes: Axes) -> list[Artist]:
        """Draw these axes' y axis (ticks, labels, grid) on every update; return them for ``moving``.

        A new y range then costs no redraw of the cached background: the axis is
        simply drawn again with the new ticks (a few milliseconds more per update,
        instead of an occasional redraw several times as long).  Static lines that
        the y grid can cross (a zero line, say) should be moving artists too.
        """
        self._live.update(id(ax) for ax in axes)
        return [ax.yaxis for ax in axes]

    def begin_update(self) -> None:
        """Call at the start of ``update``: no axes changed yet."""
        self.changed_axes = []

    def set_ylim_lazily(self, ax: Axes, low: float, high: float, *, headroom: float = 1.5) -> None:
        """Fit the y range to [low, high], changing it only when needed.

        The limits stay as they are while the data fit inside them and fill
        at least a third of the range; otherwise they become round numbers
        with ``headroom`` to spare.  Changing limits costs a redraw, so this
        keeps most slider moves on the fast path.
        """
        old = self._limits.get(id(ax))
        if old is not None:
            fits = old[0] <= low * 1.05 and high * 1.05 <= old[1]
            if fits and (high - low) >= 0.3 * (old[1] - old[0]):
                return
        top = nice_ceiling(high * headroom) if high > 0 else 0.0
        bottom = -nice_ceiling(-low * headroom) if low < 0 else 0.0
        if top == 0.0 and bottom == 0.0:
            top = 1.0
        self._limits[id(ax)] = (bottom, top)
        ax.set_ylim(bottom, top)
        if id(ax) not in self._live:
            self.changed_axes.append(ax)

    def update(self, inputs: object) -> dict[str, float]:  # pragma: no cover - abstract
        raise NotImplementedError


def nice_ceiling(value: float) -> float:
    """Smallest "round" number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten) >= ``value``.

    Used for axis limits that read well and change rarely.

    Examples
    --------
    >>> nice_ceiling(266.7)
    300.0
    >>> nice_ceiling(0.0)
    1.0
    """
    import math

    from relmark_helpers._validate import as_float

    value = as_float("value", value)
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if step * power >= value * (1 - 1e-12):
            return step * power
    return 10.0 * power
