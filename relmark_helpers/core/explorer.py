"""Declared explorers: the controls come from the inputs' fields, the base class does the rest.

An explorer is a declaration.  Its inputs are a frozen dataclass; each field
that gets a control says so in its metadata, written with ``slider``, ``choice`` or
``toggle`` from :mod:`relmark_helpers.core.controls` (label, range, step, readout
format, unit, tooltip; labels marked ``N_()`` and shown through ``_()``)::

    @dataclass(frozen=True)
    class BucketInputs:
        retention: float = slider(0.60, N_("retention rate r"), 0.0, 0.95, 0.01, fmt=".0%")
        years: int = 15          # no metadata: no control, a fixed value

    class LeakyBucketExplorer(Explorer):
        inputs_class = BucketInputs

        def make_chart(self, start):
            return LeakyBucketChart(years=start.years)

        def summarize(self, inputs, result):
            return _("The base settles at {n:,.0f} customers.", n=result["steady_state"])

:class:`Explorer` then builds the controls, lays them out (one column, or
the columns named in ``columns``), refuses bad starting values with the
validators' messages (the field, the value, the range), shows the status line
(an error inside an update is shown there, never lost), and follows every move
of a control by redrawing the chart.  Two routes draw the picture:

``route = "fast"`` (the default)
    blitting (:class:`~relmark_helpers.core.fastfigure.BlitRenderer`): only the
    moving artists are redrawn over a cached background, every moving text is
    an HTML caption over the picture (text is the costliest thing to draw), y
    axes whose range follows the data are cached per range
    (:meth:`~relmark_helpers.core.fastfigure.LiveChart.set_ylim_lazily`).
``route = "full"``
    the whole figure is drawn on every move, captions included; a quick widget
    needs nothing else from its chart than an ``update(inputs)`` that sets the
    artists' data.  Switching to ``"fast"`` changes no control.
"""

from __future__ import annotations

import html
import os
import time
from dataclasses import replace
from typing import Any, ClassVar

import ipywidgets as widgets
import numpy as np
from matplotlib.text import Text

from relmark_helpers.core.controls import Control, check_defaults, declared_controls, field_kind
from relmark_helpers.core.fastfigure import BlitRenderer, LiveChart, captions_html, figure_to_png
from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.validate import _describe, as_count

__all__ = ["CONTROL_WIDTH", "Explorer", "FullRedraw", "Interactive", "LABEL_WIDTH", "NOT_RUNNING"]

LABEL_WIDTH = "13em"
"""Width of a control's label."""
CONTROL_WIDTH = "31em"
"""Width of a slider with its label and readout."""



def checked_controls(controls: object, needed: tuple[str, ...] = ()) -> dict[str, widgets.Widget]:
    """``controls`` as a dict of field name -> widget holding every name in ``needed``, checked by name."""
    if not isinstance(controls, dict) or not all(
            isinstance(name, str) and isinstance(control, widgets.Widget)
            for name, control in controls.items()):
        raise TypeError(f"controls must be a dict of field name -> widget (the explorer's own controls); "
                        f"got {_describe(controls)}.")
    missing = [name for name in needed if name not in controls]
    if missing:
        raise ValueError(f"controls has no widget for {', '.join(map(repr, missing))}; pass the "
                         "explorer's own controls.")
    return controls


def _widget(control: Control, value: object, integer: bool) -> widgets.Widget:
    """The ipywidget that shows ``control``, at ``value``."""
    style = {"description_width": LABEL_WIDTH}
    layout = widgets.Layout(width=CONTROL_WIDTH)
    # A field that is a word (a bond's kind) is shown in the current language too.
    fields = {name: _(value) if isinstance(value, str) else value
              for name, value in control.tooltip_fields}
    tip = _(control.tooltip, **fields) if control.tooltip else None
    label = control.describe()
    if control.kind == "slider":
        kind = widgets.IntSlider if integer else widgets.FloatSlider
        low, high, step = control.low, control.high, control.step
        if integer:
            low, high, step = int(low), int(high), int(step)  # type: ignore[arg-type]
        return kind(value=value, min=low, max=high, step=step, description=label,
                    readout_format=control.fmt or ("d" if integer else ".2f"),
                    continuous_update=True, style=style, layout=layout, tooltip=tip)
    if control.kind == "toggle":
        if control.widget == "button":
            return widgets.ToggleButton(value=bool(value), description=label, tooltip=tip or "",
                                        layout=widgets.Layout(width="auto"))
        return widgets.Checkbox(value=bool(value), description=label, indent=False,
                                tooltip=tip, layout=widgets.Layout(width="auto"))
    options: list = [(_(text) if control.translate_options else text, v)
                     for text, v in control.options]
    if all(text == str(v) and isinstance(v, str) for text, v in options):
        options = [v for _text, v in options]  # data shown as it is: plain values
    if control.widget == "buttons":
        return widgets.ToggleButtons(options=options, value=value, description=label, tooltip=tip,
                                     style={**style, "button_width": "12em"})
    if control.widget == "selection":
        return widgets.SelectionSlider(options=options, value=value, description=label,
                                       continuous_update=True, style=style, layout=layout,
                                       tooltip=tip)
    return widgets.Dropdown(options=options, value=value, description=label, style=style,
                            layout=layout, tooltip=tip)


class FullRedraw:
    """The plain route: draw the whole figure on every move (same interface as BlitRenderer)."""

    def __init__(self, figure: Any) -> None:
        self.figure = figure
        self.full_redraws = 0
        self.partial_redraws = 0
        self.y_axis_draws = 0

    def invalidate(self, *_axes: object) -> None:
        """Nothing is cached."""

    def render(self) -> bytes:
        """The whole figure as PNG."""
        self.full_redraws += 1
        return figure_to_png(self.figure)

    def full_picture(self) -> bytes:
        """The same: every picture is a full redraw."""
        return figure_to_png(self.figure)


TIME_UPDATES = "RELMARK_TIME_UPDATES"
"""The environment variable that, set to ``1``, makes each update's time travel with its picture
(``data-kernel-ms``, see :meth:`Explorer.update`); benchmarks set it for their kernels."""

NOT_RUNNING = N_("Interactive widget: run the notebook to use it (menu Run → Run All Cells).")
"""What a notebook shows in a widget's place where no kernel runs it: JupyterLab before the cell
has run, a static copy of the notebook, a notebook viewer."""


class Interactive(widgets.VBox):
    """A box of widgets that says, where no kernel runs it, how to bring it to life.

    A notebook stores a widget's output as a reference to a live model plus a plain-text
    stand-in; ipywidgets' stand-in is the widget's ``repr`` (``VBox(children=(FloatSlider(…``),
    which is what a student sees on opening a notebook before running it.  This box stores
    :data:`NOT_RUNNING` instead, in the workbook's current language.
    """

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict) and "text/plain" in bundle:
            bundle["text/plain"] = _(NOT_RUNNING)
        return bundle


class Explorer(Interactive):
    """Base of every explorer: controls declared by ``inputs_class``, a status line, a chart.

    A subclass sets ``inputs_class`` (a frozen dataclass whose fields carry
    :func:`slider`, :func:`choice` or :func:`toggle` metadata) and implements
    :meth:`make_chart` and :meth:`summarize`; it may set ``columns`` (field
    names per column), ``route`` (``"fast"`` or ``"full"``) and ``max_width``,
    and override :meth:`arrange` for another layout or :meth:`check_start` for
    checks that need more than one field.  A subclass with arguments of its own
    (data, a horizon) stores them and sets ``self.limits`` (a field's ``low``,
    ``high`` or ``options``) before calling ``super().__init__(**defaults)``.

    Parameters
    ----------
    **defaults
        Starting values, any field of ``inputs_class``; refused with a
        ValueError/TypeError naming the field, the value and the allowed range.

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        One control per declared field, keyed by the field's name.
    start : dataclass
        The starting inputs (fields without a control keep these values).
    chart, renderer
        The :class:`~relmark_helpers.core.fastfigure.LiveChart` and what turns it into PNG.
    image, captions, picture, summary
        The picture, its captions (HTML over it), both together, the status line.
    renders : int
        Pictures made so far; travels with the captions (``data-render``).
    update_seconds : list of float
        How long each update took in the kernel (the last 1000); the last one
        travels with the captions (``data-kernel-ms``) where ``RELMARK_TIME_UPDATES=1``.
    last_result : dict
        What the chart's ``update`` returned for the current inputs.
    """

    inputs_class: ClassVar[type]
    columns: ClassVar[tuple[tuple[str, ...], ...]] = ()
    route: ClassVar[str] = "fast"
    max_width: ClassVar[str] = "1000px"

    def __init__(self, **defaults: object):
        limits = getattr(self, "limits", None)
        self.declared = declared_controls(self.inputs_class, limits)
        check_defaults(defaults, self.inputs_class, self.declared)
        self.start = replace(self.inputs_class(), **defaults)
        self.check_start(self.start)
        self.controls: dict[str, widgets.Widget] = {
            name: _widget(control, getattr(self.start, name),
                          field_kind(self.inputs_class, name) == "int")
            for name, control in self.declared.items()}
        self.chart = chart = self.make_chart(self.start)
        if self.route == "fast":
            # Every moving text is a caption: HTML over the picture, never drawn in the kernel.
            chart.caption(*(artist for artist in chart.moving if isinstance(artist, Text)
                            and not any(artist is text for text in chart.captions)))
            chart.use_html_captions()
            self.renderer: BlitRenderer | FullRedraw = BlitRenderer(
                chart.figure, chart.moving, y_axes=chart.live_axes)
        elif self.route == "full":
            self.renderer = FullRedraw(chart.figure)
        else:
            raise ValueError(f"route must be 'fast' or 'full'; got {self.route!r}.")
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%",
                                                                     grid_area="chart"))
        self.captions = widgets.HTML(layout=widgets.Layout(width="100%", grid_area="chart",
                                                           align_self="flex-start", margin="0"))
        self.picture = widgets.GridBox(
            [self.image, self.captions],
            layout=widgets.Layout(grid_template_areas='"chart"', grid_template_columns="100%",
                                  width="100%", max_width=self.max_width))
        self.summary = widgets.HTML(layout=widgets.Layout(min_height="3em"))
        self.last_result: dict[str, float] = {}
        self._warmed = False
        self.renders = 0
        self.update_seconds: list[float] = []
        super().__init__([*self.arrange(self.controls), self.summary, self.picture],
                         layout=widgets.Layout(width="100%"))
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    # What a subclass declares -------------------------------------------------------------

    def make_chart(self, start: Any) -> LiveChart:  # pragma: no cover - abstract
        """The chart this explorer updates, built for the starting inputs."""
        raise NotImplementedError

    def summarize(self, inputs: Any, result: dict[str, float]) -> str:  # pragma: no cover
        """One sentence (HTML, through ``_()``) that reads the chart."""
        raise NotImplementedError

    def check_start(self, start: Any) -> None:
        """Checks of the starting inputs beyond each control's range (none by default)."""

    def arrange(self, controls: dict[str, widgets.Widget]) -> list[widgets.Widget]:
        """The rows of controls above the status line.

        ``columns`` side by side (the controls they leave out below them, one
        a row), or one column.
        """
        controls = checked_controls(controls, tuple(n for column in self.columns for n in column))
        if not self.columns:
            return [widgets.VBox(list(controls.values()))]
        placed = {name for column in self.columns for name in column}
        return [widgets.HBox([widgets.VBox([controls[name] for name in column])
                              for column in self.columns]),
                *(control for name, control in controls.items() if name not in placed)]

    # What the base class does -------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """Shown in a notebook: warm the y-axis cache first (see :meth:`warm_up`)."""
        if not self._warmed:
            self.warm_up()
        return super()._repr_mimebundle_(**kwargs)

    def warm_up(self, samples: int = 9) -> int:
        """Draw and keep the y axes of the ranges each slider's sweep reaches; return how many.

        Done once, when the explorer is first shown (the cell's run takes a few tenths of a
        second longer), so that a first sweep across a slider finds its y axes drawn (and
        whatever the chart caches, such as fits, computed).  For
        each slider, ``samples`` positions across its range are set (the others stay at their
        current values), and every live y axis is drawn for the range the chart chooses there.
        The chart's limits and picture are then back as they were.

        Parameters
        ----------
        samples : int
            Positions per slider, 2 to 50.

        Returns
        -------
        int
            How many y axes were drawn.
        """
        samples = as_count("samples", samples, maximum=50)
        if samples < 2:
            raise ValueError(f"samples must be at least 2 (the ends of each slider); got {samples}.")
        self._warmed = True
        chart, renderer = self.chart, self.renderer
        if self.route != "fast":
            return 0
        before = renderer.y_axis_draws
        current = self.inputs
        limits = dict(chart._limits)
        shown = [tuple(ax.get_ylim()) for ax in chart.figure.axes]
        touched: list = []
        for name, control in self.controls.items():
            if not hasattr(control, "min"):
                continue
            for value in np.linspace(control.min, control.max, samples):
                value = int(round(value)) if field_kind(self.inputs_class, name) == "int" \
                    else float(value)
                chart.update(replace(current, **{name: value}))
                if chart.changed_axes:  # limits of a panel without a live y axis: not kept
                    touched += chart.changed_axes
                    continue
                if chart.live_axes:
                    renderer.prepare()
        chart._limits = limits
        for ax, ylim in zip(chart.figure.axes, shown, strict=True):
            ax.set_ylim(*ylim)
        chart.update(current)
        if touched:
            renderer.invalidate(*dict.fromkeys(touched))
        self.update()
        return renderer.y_axis_draws - before

    @property
    def inputs(self) -> Any:
        """The controls' current values (and the fixed fields' starting values)."""
        return replace(self.start, **{name: c.value for name, c in self.controls.items()})

    def _on_change(self, _change: dict) -> None:
        self.update()

    def update(self) -> None:
        """Redraw for the controls' current values (called on every change).

        Each update counts itself in :attr:`renders` and appends its duration
        (seconds, from the start until the picture, captions and summary are
        ready) to :attr:`update_seconds`.  The count travels with the captions'
        HTML (a hidden ``data-render`` attribute), so that a benchmark in the
        browser can tell which picture belongs to which move; so does the
        duration (``data-kernel-ms``), but only where the environment variable
        ``RELMARK_TIME_UPDATES`` is ``1`` (the browser benchmarks set it), so
        that a notebook's stored widget state carries no timing (its pictures
        and texts are the same from one run to the next; only the widgets' ids
        are new).  The picture is handed to its widget last.
        """
        started = time.perf_counter()
        try:
            inputs = self.inputs
            result = self.chart.update(inputs)
            if self.chart.changed_axes:
                self.renderer.invalidate(*self.chart.changed_axes)
            picture = self.renderer.render()
            captions = (captions_html(self.chart.figure, self.chart.captions)
                        if self.route == "fast" else "")
            summary = self.summarize(inputs, result)
            elapsed = time.perf_counter() - started
            self.renders += 1
            self.update_seconds.append(elapsed)
            del self.update_seconds[:-1000]
            self.last_result = result
            self.summary.value = summary
            timed = (f' data-kernel-ms="{elapsed * 1000:.2f}"'
                     if os.environ.get(TIME_UPDATES) == "1" else "")
            self.captions.value = (f'<span class="relmark-render" data-render="{self.renders}"'
                                   f'{timed} hidden></span>' + captions)
            self.image.value = picture
        except Exception as error:  # shown to the student, not swallowed
            self.summary.value = "<b>⚠️ " + html.escape(_(
                "Could not update: {kind}: {message}", kind=type(error).__name__,
                message=str(error))) + "</b>"
