"""Fast figure updates for widgets: redraw only what moved, send a small PNG.

Drawing a new seaborn figure on every slider move costs about a quarter of a
second on a classroom laptop, which feels sluggish.  A widget here keeps one
figure and, on each move, changes its artists' data and redraws only those
artists over a cached picture of everything else ("blitting"), then encodes
the pixels as a PNG (see :func:`encode_png`).

What stays out of the per-move path:

- the static parts (titles, x axes, legends) are drawn once, into a cached
  background;
- an axes whose y range follows the data (a "live" y axis, see
  :meth:`LiveChart.live_yaxis`) has its y axis (ticks, labels, grid) drawn
  into a background kept per y range: a new range costs one drawing of that
  axis, a range seen before costs nothing (a slider moved back and forth);
- text that changes on every move (titles with numbers) is registered with
  :meth:`LiveChart.caption`; an explorer shows it as HTML over the picture
  instead of drawing it with matplotlib.

Limits: the y axis of a live axes is drawn below everything that moves; a
static artist inside such an axes must therefore be a moving artist too if
it lies above the grid (a zero line, say), and so must the spines.  When a
change needs new limits of an axes that is not live, call
:meth:`BlitRenderer.invalidate` with it: the next render redraws that axes'
strip of the figure once.
"""

from __future__ import annotations

import struct
import zlib
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from relmark_helpers.core.validate import as_count, as_float, as_float_array

__all__ = ["BarCollection", "BlitRenderer", "LiveChart", "captions_html", "encode_png",
           "figure_to_png", "nice_ceiling"]

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def encode_png(rgba: np.ndarray, *, level: int = 3) -> bytes:
    """Encode an image as an RGB PNG (the alpha channel is dropped), fast.

    Each row is stored unfiltered and the whole is deflated with zlib at
    ``level``: on the explorers' pictures (mostly flat colour) this came out
    smaller than Pillow's PNG (adaptive row filters) at levels 1-6 and two
    to three times as fast; level 3 as fast as level 1 and about a tenth
    smaller (``benchmarks/bench_png.py``).  The pictures stay 1000 pixels
    wide at 100 dpi, shown at most 1000 CSS pixels wide: one pixel per pixel.

    Parameters
    ----------
    rgba : numpy.ndarray
        Pixels, shape (height, width, 4) or (height, width, 3), dtype uint8;
        an opaque figure (alpha 255 everywhere), as Agg draws one.
    level : int
        zlib compression level, 0-9.

    Returns
    -------
    bytes
        A PNG file (8-bit RGB, no interlacing).
    """
    pixels = np.asarray(rgba)
    if pixels.ndim != 3 or pixels.shape[2] not in (3, 4) or pixels.dtype != np.uint8:
        raise ValueError(f"rgba must be a (height, width, 3 or 4) uint8 array; got shape "
                         f"{pixels.shape} and dtype {pixels.dtype}.")
    _check_level("level", level)
    height, width = pixels.shape[:2]
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 0] = 0  # filter type 0 (none) on every row
    rows[:, 1:].reshape(height, width, 3)[...] = pixels[:, :, :3]
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (_PNG_SIGNATURE + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows.data, level)) + _chunk(b"IEND", b""))


def _check_level(name: str, level: object) -> None:
    """Refuse a zlib compression level that is not a whole number from 0 to 9."""
    if isinstance(level, bool) or not isinstance(level, (int, np.integer)) or not 0 <= level <= 9:
        raise ValueError(f"{name} must be a whole number in 0-9 (zlib's compression level); "
                         f"got {level!r:.60}.")


def _check_figure(figure: object) -> None:
    if not isinstance(figure, Figure):
        raise TypeError(f"figure must be a matplotlib Figure; got {type(figure).__name__}.")


def _artists(name: str, values: object, kind: type) -> list:
    """``values`` as a list of ``kind`` (Artist, Axes, Text), or a TypeError naming ``name``."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence | tuple | list) \
            or not all(isinstance(value, kind) for value in values):
        raise TypeError(f"{name} must be a list of matplotlib {kind.__name__} objects; got {values!r:.60}.")
    return list(values)


def figure_to_png(figure: Figure, *, compress_level: int = 3) -> bytes:
    """Render a whole figure to PNG bytes (Agg), without ``bbox_inches="tight"``."""
    _check_figure(figure)
    _check_level("compress_level", compress_level)
    canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    canvas.draw()
    return _encode(canvas, compress_level)


def _encode(canvas: FigureCanvasAgg, compress_level: int) -> bytes:
    return encode_png(np.asarray(canvas.buffer_rgba()), level=compress_level)


class BarCollection(PolyCollection):
    """Bars drawn as one collection: one draw call instead of one patch per bar.

    Sixty bars as patches cost about ten milliseconds a draw; as one
    collection well under one.  Update them with :meth:`set_bars`.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where the bars go (the collection is added to it).
    x : array_like
        Centres of the bars (data units).
    width : float
        Width of every bar (data units).
    **kwargs
        Passed on to :class:`matplotlib.collections.PolyCollection` (``color``, ``alpha``,
        ``label``, ``zorder``, ...).
    """

    def __init__(self, ax: Axes, x: Sequence[float], width: float = 0.8, **kwargs):
        if not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes; got {type(ax).__name__}.")
        self.x = as_float_array("x", x)
        if self.x.ndim != 1:
            raise ValueError(f"x must be a list of bar positions; got an array of shape {self.x.shape}.")
        self.width = as_float("width", width, low=0.0, low_inclusive=False)
        kwargs.setdefault("edgecolors", "none")
        kwargs.setdefault("zorder", 1)  # as a bar (a patch) would have
        super().__init__(self._verts(np.zeros_like(self.x), np.zeros_like(self.x)), **kwargs)
        ax.add_collection(self, autolim=False)

    def _verts(self, bottom: np.ndarray, height: np.ndarray) -> np.ndarray:
        left, right = self.x - self.width / 2, self.x + self.width / 2
        top = bottom + height
        return np.stack([np.column_stack([left, bottom]), np.column_stack([left, top]),
                         np.column_stack([right, top]), np.column_stack([right, bottom])], axis=1)

    def set_bars(self, height: Sequence[float], bottom: Sequence[float] | float = 0.0,
                 colors: object = None, x: Sequence[float] | None = None) -> None:
        """New heights (and bottoms; optionally one RGBA colour per bar and new centres)."""
        if x is not None:
            self.x = np.asarray(x, dtype=float)
        height = np.asarray(height, dtype=float)
        bottom = np.broadcast_to(np.asarray(bottom, dtype=float), height.shape)
        self.set_verts(self._verts(bottom, height))
        if colors is not None:
            self.set_facecolor(colors)


def _covering_artists(moving: Sequence[Artist]) -> list[Artist]:
    """Static artists that a full draw puts on top of a moving one in the same panel.

    A full draw paints each panel's artists by z-order, ties in the order they
    were added.  A static artist painted after a moving one (a panel's frame,
    a marker line added later, a label) would end up beneath it if it stayed in
    the cached background, so it is drawn with the moving artists instead.
    Charts stay fast by adding their static artists first or giving them a
    lower z-order; the axis objects themselves are handled by ``y_axes``.
    """
    covering: list[Artist] = []
    panels = {id(a.axes): a.axes for a in moving if getattr(a, "axes", None) is not None}
    for ax in panels.values():
        children = ax.get_children()
        order = {id(child): (child.get_zorder(), k) for k, child in enumerate(children)}
        ids = {id(a) for a in moving}
        first = min((order[id(a)] for a in moving if id(a) in order), default=None)
        if first is None:
            continue
        renderer = ax.figure.canvas.get_renderer()
        inside = ax.bbox.expanded(1.0, 1.0)
        for child in children:
            if (id(child) in ids or child is ax.patch or isinstance(child, Axis)
                    or child.get_animated() or not child.get_visible()
                    or order[id(child)] < first):
                continue  # moving, a caption shown as HTML, or drawn beneath
            if isinstance(child, Text) and not child.get_text():
                continue
            extent = child.get_window_extent(renderer)
            if extent.overlaps(inside):  # a title outside the panel covers nothing
                covering.append(child)
    return covering


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
    y_axes : sequence of Axes
        Panels side by side whose y axis is drawn over the static background
        and the result kept per y range, one cache per axes (see
        :meth:`LiveChart.live_yaxis`); their ``yaxis`` is marked ``animated``
        too, so that the static background is drawn without it.
    compress_level : int
        zlib compression level of the PNG, 0-9; 3 measured as fast as 1 and smaller.
    max_backgrounds : int
        How many y ranges are kept per axes; the least recently used is
        dropped first.
    """

    def __init__(self, figure: Figure, moving: Sequence[Artist], *, y_axes: Sequence[Axes] = (),
                 compress_level: int = 3, max_backgrounds: int = 24):
        _check_figure(figure)
        moving = _artists("moving", moving, Artist)
        y_axes = _artists("y_axes", y_axes, Axes)
        _check_level("compress_level", compress_level)
        as_count("max_backgrounds", max_backgrounds, maximum=1000)
        if not isinstance(figure.canvas, FigureCanvasAgg):
            FigureCanvasAgg(figure)
        self.figure = figure
        # Drawn in z-order, as a full draw would, so that blitting shows the same picture.
        moving = list(moving)
        self.covering = _covering_artists(moving)
        moving += self.covering
        self.moving = sorted(moving, key=lambda artist: artist.get_zorder())
        self.y_axes = list(y_axes)
        self.animated = [*self.moving, *(ax.yaxis for ax in self.y_axes)]
        for artist in self.animated:
            artist.set_animated(True)
        self.compress_level = compress_level
        self.max_backgrounds = int(max_backgrounds)
        self._background = None  # everything static, without the live y axes
        # Per live axes: its y range -> the picture of its region with that y axis drawn.
        self._with_y: dict[int, OrderedDict[tuple, object]] = {}
        self._dirty: set[Axes] = set()
        self.full_redraws = 0
        self.partial_redraws = 0
        self.y_axis_draws = 0

    def invalidate(self, *axes: Axes) -> None:
        """Forget the cached picture of ``axes`` (all of the figure if none are given).

        Call after changing limits, ticks or static text.  An axes is redrawn
        in its own strip of the figure, between what its neighbours draw;
        when several axes change at once, the whole figure is redrawn.
        Meant for panels side by side; give no axes for any other layout.
        """
        self._dirty.update(axes)
        self._with_y.clear()
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

    def _y_region(self, ax: Axes) -> Bbox:
        """The part of the figure that ``ax``'s y axis draws on: the axes and the gap on its left.

        Up to the right edge of the panel on its left (or the figure's edge),
        and a tick label's height above and below the axes.
        """
        box, figure_box = ax.bbox, self.figure.bbox
        start = figure_box.x0
        for other in self.figure.axes:
            if other is not ax and other.bbox.x1 <= box.x0:
                start = max(start, other.bbox.x1 + 1)
        labels = ax.yaxis.get_major_ticks()[0].label1 if ax.yaxis.get_major_ticks() else None
        pad = (labels.get_fontsize() if labels else 12) * self.figure.dpi / 72 + 4
        return Bbox.from_extents(start, max(box.y0 - pad, figure_box.y0), box.x1 + 2,
                                 min(box.y1 + pad, figure_box.y1))

    def _restore_background(self) -> None:
        """Put the cached background, with the y axes for the current y ranges, on the canvas."""
        canvas = self.figure.canvas
        if self._background is None:
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._with_y.clear()
            self.full_redraws += 1
        elif self._dirty:
            self._redraw_strips()
            self._with_y.clear()
        canvas.restore_region(self._background)
        for ax in self.y_axes:
            if not ax.yaxis.get_visible():
                continue
            kept = self._with_y.setdefault(id(ax), OrderedDict())
            key = tuple(ax.get_ylim())
            if key in kept:
                kept.move_to_end(key)
                canvas.restore_region(kept[key])
                continue
            self.figure.draw_artist(ax.yaxis)
            kept[key] = canvas.copy_from_bbox(self._y_region(ax))
            while len(kept) > self.max_backgrounds:
                kept.popitem(last=False)
            self.y_axis_draws += 1

    def prepare(self) -> None:
        """Draw and keep the background with the y axes for the current limits, nothing else."""
        self._restore_background()

    def render(self) -> bytes:
        """Draw the figure's current state and return it as PNG bytes."""
        self._restore_background()
        for artist in self.moving:
            if artist.get_visible():
                self.figure.draw_artist(artist)
        return _encode(self.figure.canvas, self.compress_level)

    def full_picture(self) -> bytes:
        """The figure drawn from scratch, every artist included (for checking blitted pictures)."""
        for artist in self.animated:
            artist.set_animated(False)
        try:
            return figure_to_png(self.figure, compress_level=self.compress_level)
        finally:
            for artist in self.animated:
                artist.set_animated(True)


class LiveChart:
    """Base for a chart that a widget updates in place (see :class:`BlitRenderer`).

    A subclass builds ``self.figure`` (a ``matplotlib.figure.Figure``) in its
    ``__init__``, lists the artists it changes in ``self.moving``, and
    implements ``update(inputs) -> dict`` which changes those artists, calls
    :meth:`set_ylim_lazily` for each axes whose range depends on the data, and
    returns the numbers it shows.  ``changed_axes`` then says which axes need
    their cached picture redrawn.  Texts that change on every update (titles
    with numbers) are registered with :meth:`caption`.
    """

    figure: Figure
    moving: list[Artist]

    def __init__(self) -> None:
        self._limits: dict[int, tuple[float, float]] = {}
        self._live: set[int] = set()
        self.live_axes: list[Axes] = []
        self.captions: list[Text] = []
        self.html_captions = False
        self.changed_axes: list[Axes] = []

    def live_yaxis(self, *axes: Axes) -> list[Artist]:
        """Let these axes' y range follow the data without redrawing the background.

        Their y axis (ticks, labels, grid) is drawn into a background kept per
        y range (see :class:`BlitRenderer`): a new range costs one drawing of
        the axis, a range seen before nothing.  Static lines that the y grid
        can cross (a zero line, say) and the spines must be moving artists.

        Returns
        -------
        list
            Empty: nothing to add to ``moving`` (kept so that
            ``moving = [..., *self.live_yaxis(ax)]`` reads as before).
        """
        for ax in axes:
            if id(ax) not in self._live:
                self._live.add(id(ax))
                self.live_axes.append(ax)
        return []

    def caption(self, *texts: Text) -> list[Text]:
        """Register texts that change on every update (a title with numbers, say).

        In the static chart they are drawn as usual.  An explorer calls
        :meth:`use_html_captions`: the texts are then left out of the figure's
        drawing (marked ``animated``) and shown as HTML over the picture
        (see :func:`captions_html`), which costs the kernel nothing to draw.
        Returns the texts, for ``moving``.
        """
        self.captions.extend(texts)
        return list(texts)

    def use_html_captions(self) -> None:
        """Hide the captions in the figure and leave them out of ``moving`` (see :meth:`caption`)."""
        self.html_captions = True
        for text in self.captions:
            text.set_animated(True)  # left out of every draw (and not drawn as a moving artist)
        self.moving = [a for a in self.moving if not any(a is t for t in self.captions)]

    def begin_update(self) -> None:
        """Call at the start of ``update``: no axes changed yet."""
        self.changed_axes = []

    def set_ylim_lazily(self, ax: Axes, low: float, high: float, *, headroom: float = 1.5) -> None:
        """Fit the y range to [low, high], changing it only when needed.

        The limits stay as they are while the data fit inside them and fill
        at least a third of the range; otherwise they become round numbers
        with ``headroom`` to spare.  Changing limits costs a redraw, so this
        keeps most slider moves on the fast path.

        Parameters
        ----------
        ax : matplotlib.axes.Axes
            One of the chart's axes.
        low, high : float
            The smallest and largest y value to show (finite, ``low <= high``).
        headroom : float
            How much room to leave above the data when the limits change, as a
            multiple of the data's extent, 1 to 10.
        """
        if not isinstance(ax, Axes):
            raise TypeError(f"ax must be one of the chart's matplotlib Axes; got {type(ax).__name__}.")
        low = as_float("low", low)
        high = as_float("high", high, low=low, hint="high is the largest y value to show, low the smallest.")
        headroom = as_float("headroom", headroom, low=1.0, high=10.0)
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

    def draw_once(self, inputs: object) -> Figure:
        """The chart for ``inputs`` as a static figure, every artist drawn (for a stored output).

        What each ``plot_*_chart`` function beside an explorer returns: the same
        figure the explorer shows, at the explorer's defaults unless told otherwise.
        """
        self.update(inputs)
        for artist in self.moving:
            artist.set_animated(False)
        return self.figure

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

    from relmark_helpers.core.validate import as_float

    value = as_float("value", value)
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if step * power >= value * (1 - 1e-12):
            return step * power
    return 10.0 * power


def captions_html(figure: Figure, texts: Sequence[Text]) -> str:
    """The texts as HTML, each placed where the figure would draw it, to lay over its picture.

    The picture is assumed shown at any width with its aspect ratio kept:
    positions are percentages of its size and font sizes a share of its
    width (CSS container units), so the text scales with the picture.
    Invisible and empty texts are left out.
    """
    import html

    from matplotlib.colors import to_hex

    _check_figure(figure)
    texts = _artists("texts", texts, Text)

    width, height = figure.bbox.width, figure.bbox.height
    shift_x = {"left": "0", "center": "-50%", "right": "-100%"}
    shift_y = {"bottom": "-100%", "baseline": "-100%", "top": "0", "center": "-50%",
               "center_baseline": "-50%"}
    spans = []
    for text in texts:
        words = text.get_text()
        if not words or not text.get_visible():
            continue
        x, y = text.get_transform().transform(text.get_unitless_position())
        size = text.get_fontsize() * figure.dpi / 72 / width * 100
        weight = text.get_fontweight()
        weight = 700 if weight in ("bold", "heavy", "extra bold", "black", "semibold",
                                   "demibold", "demi") or (isinstance(weight, int)
                                                           and weight >= 600) else 400
        spacing = getattr(text, "_linespacing", 1.2)
        spacing = spacing if isinstance(spacing, (int, float)) else 1.2
        align = {"left": "left", "center": "center", "right": "right"}[text.get_horizontalalignment()]
        spans.append(
            f'<div style="position:absolute;left:{x / width * 100:.3f}%;'
            f'top:{(height - y) / height * 100:.3f}%;'
            f'transform:translate({shift_x[text.get_horizontalalignment()]},'
            f'{shift_y[text.get_verticalalignment()]});font-size:{size:.3f}cqw;'
            f'font-weight:{weight};color:{to_hex(text.get_color())};white-space:pre;'
            f'text-align:{align};line-height:{spacing:.2f}">'
            f"{html.escape(words)}</div>")
    return (f'<div class="relmark-captions" style="position:relative;width:100%;'
            f'aspect-ratio:{width:.0f}/{height:.0f};container-type:inline-size;'
            f'pointer-events:none;font-family:\'DejaVu Sans\',\'Bitstream Vera Sans\','
            f'Verdana,sans-serif;line-height:1.2">' + "".join(spans) + "</div>")
