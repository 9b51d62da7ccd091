"""Interactive explorers: controls wired to the formulas and a fast-updating figure.

Each explorer only wires things together: the numbers come from
:mod:`relmark_helpers.lifetime_value.formulas`, the drawing from :mod:`relmark_helpers.lifetime_value.plots`,
and :class:`~relmark_helpers.core.fastfigure.BlitRenderer` turns the figure into
a PNG in about 20-30 ms, so the picture follows the slider.

An error inside an update is shown in the explorer's status line, never
lost in the browser's log.
"""

from __future__ import annotations

import html
import time
from dataclasses import asdict, fields, replace

import ipywidgets as widgets
import numpy as np

from relmark_helpers.core.fastfigure import BlitRenderer, LiveChart, captions_html
from relmark_helpers.core.validate import _describe, as_count, as_float, as_frame, chart_horizon, choose
from relmark_helpers.lifetime_value.plots import ClvChart, ClvInputs

__all__ = [
    "ClvExplorer",
    "Explorer",
    "check_defaults",
    "check_ranges",
    "clv_explorer",
    "defaults_of",
    "first_slider",
    "glossary_search",
]

_SLIDER_STYLE = {"description_width": "13em"}
_SLIDER_LAYOUT = widgets.Layout(width="31em")


def _slider(kind: type, description: str, value: float, low: float, high: float, step: float,
            readout_format: str, tooltip: str) -> widgets.Widget:
    return kind(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=readout_format, continuous_update=True, style=_SLIDER_STYLE,
        layout=_SLIDER_LAYOUT, tooltip=tooltip,
    )


class Explorer(widgets.VBox):
    """Base of every explorer: controls, a status line and a chart that follows them.

    A subclass creates its ``controls`` and a :class:`~relmark_helpers.core.fastfigure.LiveChart`,
    then calls ``super().__init__(chart, controls, rows)``; it implements
    :attr:`inputs` (the controls' values as the chart's input object) and
    :meth:`summarize` (one sentence reading the result).  Every change of a
    control redraws the chart by blitting and updates the sentence; an error
    is shown in the status line, never lost.

    Parameters
    ----------
    chart : LiveChart
        The figure to update.
    controls : dict of str to ipywidgets.Widget
        Controls whose ``value`` changes trigger an update.
    rows : list of ipywidgets.Widget
        How the controls are laid out, shown above the status line and chart.

    Attributes
    ----------
    controls, chart, renderer
        As given; ``renderer`` is the chart's :class:`BlitRenderer`.
    image : ipywidgets.Image
        The chart, as PNG.
    captions : ipywidgets.HTML
        The chart's captions (titles with numbers), laid over the picture.
    picture : ipywidgets.GridBox
        The image with its captions on top.
    renders : int
        Pictures made so far.
    update_seconds : list of float
        How long each update took in the kernel (the last 1000).
    summary : ipywidgets.HTML
        The key numbers in words, or an error message.
    last_result : dict
        What the chart's ``update`` returned for the current inputs.
    """

    def __init__(self, chart: LiveChart, controls: dict[str, widgets.Widget],
                 rows: list[widgets.Widget]):
        self.chart = chart
        chart.use_html_captions()  # numbers in titles: HTML over the picture, not drawn
        self.renderer = BlitRenderer(chart.figure, chart.moving, y_axes=chart.live_axes)
        self.controls = controls
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%",
                                                                     grid_area="chart"))
        self.captions = widgets.HTML(layout=widgets.Layout(width="100%", grid_area="chart",
                                                           align_self="flex-start", margin="0"))
        self.picture = widgets.GridBox(
            [self.image, self.captions],
            layout=widgets.Layout(grid_template_areas='"chart"', grid_template_columns="100%",
                                  width="100%", max_width="1000px"))
        self.summary = widgets.HTML(layout=widgets.Layout(min_height="3em"))
        self.last_result: dict[str, float] = {}
        self.renders = 0
        self.update_seconds: list[float] = []
        super().__init__([*rows, self.summary, self.picture], layout=widgets.Layout(width="100%"))
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    @property
    def inputs(self) -> object:  # pragma: no cover - abstract
        """The controls' current values, as the chart's input object."""
        raise NotImplementedError

    def summarize(self, inputs: object, result: dict[str, float]) -> str:  # pragma: no cover
        """One sentence (HTML) that reads the chart."""
        raise NotImplementedError

    def _on_change(self, _change: dict) -> None:
        self.update()

    def update(self) -> None:
        """Redraw for the controls' current values (called on every change).

        Each update counts itself in :attr:`renders` and appends its duration
        (seconds, from the start until the picture, captions and summary are
        ready to be handed to the widgets) to :attr:`update_seconds`; both
        travel with the captions' HTML (hidden ``data-render`` and
        ``data-kernel-ms`` attributes), so that a benchmark in the browser can
        tell which picture belongs to which move.
        """
        started = time.perf_counter()
        try:
            inputs = self.inputs
            result = self.chart.update(inputs)
            if self.chart.changed_axes:
                self.renderer.invalidate(*self.chart.changed_axes)
            picture = self.renderer.render()
            captions = captions_html(self.chart.figure, self.chart.captions)
            summary = self.summarize(inputs, result)
            # Everything is computed: hand it to the widgets, the picture last.
            elapsed = time.perf_counter() - started
            self.renders += 1
            self.update_seconds.append(elapsed)
            del self.update_seconds[:-1000]
            self.last_result = result
            self.summary.value = summary
            self.captions.value = (f'<span class="relmark-render" data-render="{self.renders}" '
                                   f'data-kernel-ms="{elapsed * 1000:.2f}" hidden></span>'
                                   + captions)
            self.image.value = picture
        except Exception as error:  # shown to the student, not swallowed
            self.summary.value = (
                f"<b>⚠️ Could not update:</b> {html.escape(type(error).__name__)}: "
                f"{html.escape(str(error))}"
            )


def check_defaults(defaults: dict[str, object], inputs_class: type) -> None:
    """Refuse starting values that are not fields of ``inputs_class``, or not of the field's kind.

    Unknown names get a TypeError naming the valid ones; a number field given text,
    a yes/no value, NaN or inf, a text field given a number, or a yes/no field given
    anything but True/False, gets the validators' message naming the field.
    """
    kinds = {f.name: str(f.type) for f in fields(inputs_class)}
    unknown = sorted(set(defaults) - set(kinds))
    if unknown:
        raise TypeError(f"unknown starting value(s) {unknown}; use {', '.join(kinds)}.")
    for name, value in defaults.items():
        kind = kinds[name]
        if kind == "bool":
            if not isinstance(value, (bool, np.bool_)):
                raise TypeError(f"{name} must be True or False; got {_describe(value)}.")
        elif kind == "str":
            if not isinstance(value, str):
                raise TypeError(f"{name} must be text; got {_describe(value)}.")
        elif kind in ("float", "int"):
            number = as_float(name, value)
            if kind == "int" and number != round(number):
                raise ValueError(f"{name} must be a whole number; got {_describe(value)}.")


def check_ranges(defaults: dict[str, object], controls: dict[str, widgets.Widget]) -> None:
    """Refuse a starting value outside its control's range (a slider would clamp it silently)."""
    for name, value in defaults.items():
        control = controls.get(name)
        if control is None:
            continue
        if hasattr(control, "min") and hasattr(control, "max") and not isinstance(value, str):
            as_float(name, value, low=float(control.min), high=float(control.max),
                     hint="That is the explorer's range for it.")
        options = getattr(control, "options", None)
        if options is not None and not hasattr(control, "min"):
            labels = [o[1] if isinstance(o, tuple) else o for o in options]
            if value not in labels:
                raise ValueError(f"{name} must be one of {', '.join(map(repr, labels))}; got "
                                 f"{_describe(value)}.")


class ClvExplorer(Explorer):
    """CLV explorer: margin, retention, discount rate, horizon, acquisition cost and timing.

    Parameters
    ----------
    max_periods : int
        Longest horizon the horizon slider offers (periods), 1 to 500 (``MAX_CHART_PERIODS``).
    **defaults
        Starting values, any field of :class:`~relmark_helpers.lifetime_value.plots.ClvInputs`
        (``margin``, ``retention``, ``discount``, ``periods``,
        ``acquisition_cost``, ``timing``).

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        One control per input, keyed like :class:`ClvInputs`' fields.
    image, summary, last_result
        See :class:`Explorer`.
    """

    def __init__(self, max_periods: int = 30, **defaults: float | int | str):
        max_periods = chart_horizon("max_periods", max_periods)
        check_defaults(defaults, ClvInputs)
        start = replace(ClvInputs(), **defaults)
        choose("timing", start.timing, ("end", "start"))
        controls: dict[str, widgets.Widget] = {
            "margin": _slider(widgets.FloatSlider, "margin per period", start.margin,
                              0, 500, 10, ",.0f", "Money a customer brings each period they stay"),
            "retention": _slider(widgets.FloatSlider, "retention rate r", start.retention,
                                 0.0, 0.99, 0.01, ".0%", "Chance a customer stays another period"),
            "discount": _slider(widgets.FloatSlider, "discount rate i", start.discount,
                                0.0, 0.30, 0.01, ".0%", "What money later is worth less than now"),
            "periods": _slider(widgets.IntSlider, "horizon (periods)", start.periods,
                               1, max_periods, 1, "d", "How many margins are counted"),
            "acquisition_cost": _slider(widgets.FloatSlider, "acquisition cost",
                                        start.acquisition_cost, 0, 1000, 10, ",.0f",
                                        "What it costs to win the customer, paid at t = 0"),
            "timing": widgets.ToggleButtons(
                options=[("end of each period", "end"), ("first one at t = 0", "start")],
                value=start.timing, style={"button_width": "12em"},
                tooltips=["Margins arrive at the end of each period survived",
                          "The first margin is paid on the day the customer is won"],
            ),
        }
        left = widgets.VBox([controls[k] for k in ("margin", "retention", "discount")])
        right = widgets.VBox([controls[k] for k in ("periods", "acquisition_cost")])
        timing = widgets.HBox([widgets.HTML("<b>margins paid at</b>",
                                            layout=widgets.Layout(width="9em")),
                               controls["timing"]])
        check_ranges(defaults, controls)
        super().__init__(ClvChart(max_periods=max_periods), controls,
                         [widgets.HBox([left, right]), timing])

    @property
    def inputs(self) -> ClvInputs:
        """The current values of the controls."""
        return ClvInputs(**{name: c.value for name, c in self.controls.items()})

    def summarize(self, inputs: ClvInputs, result: dict[str, float]) -> str:
        """One sentence that reads the chart, for the explorer's status line."""
        be = result["break_even"]
        if inputs.acquisition_cost <= 0:
            payback = "has no acquisition cost to pay back"
        elif be == float("inf"):
            payback = "<b>never</b> pays back its acquisition cost"
        else:
            when = be if inputs.timing == "end" else max(be - 1, 0)
            payback = f"pays back its acquisition cost in period <b>{when:.0f}</b>"
        return (
            f"Over {inputs.periods} periods a customer is worth <b>{result['clv']:,.0f}</b> after "
            f"the acquisition cost of {inputs.acquisition_cost:,.0f} "
            f"(with no end: {result['clv_no_end']:,.0f}); the customer {payback}. "
            f"Spend at most <b>{result['ceiling']:,.0f}</b> to win one."
        )


def clv_explorer(**defaults: float | int | str) -> ClvExplorer:
    """Build the CLV explorer (see :class:`ClvExplorer`); display it as a cell's last line.

    Examples
    --------
    >>> explorer = clv_explorer(retention=0.8)
    >>> round(explorer.last_result["ceiling"], 2)
    266.67
    """
    return ClvExplorer(**defaults)


def defaults_of(explorer: ClvExplorer) -> dict[str, float | int | str]:
    """The explorer's current inputs as a plain dict (for a static chart at the same values)."""
    return asdict(explorer.inputs)


def first_slider() -> widgets.VBox:
    """A first widget to practise on: drag retention, read the expected relationship length.

    Returns
    -------
    ipywidgets.VBox
        A slider and a sentence that follows it (from
        :func:`relmark_helpers.lifetime_value.formulas.expected_lifetime`).
    """
    from relmark_helpers.lifetime_value.formulas import expected_lifetime

    slider = _slider(widgets.FloatSlider, "retention rate r", 0.80, 0.0, 0.95, 0.05, ".0%",
                     "Chance a customer stays another period")
    sentence = widgets.HTML()

    def show(_change: dict | None = None) -> None:
        r = slider.value
        sentence.value = (
            f"A customer who stays with probability <b>{r:.0%}</b> each period stays "
            f"<b>{expected_lifetime(r):.1f} periods</b> on average."
        )

    slider.observe(show, names="value")
    show()
    return widgets.VBox([slider, sentence])


def glossary_search(glossary=None, *, max_rows: int = 12) -> widgets.VBox:
    """A search box over the bilingual glossary (English or 中文).

    Parameters
    ----------
    glossary : pandas.DataFrame, optional
        Defaults to :func:`relmark_helpers.core.bundled_data.load_glossary`.
    max_rows : int
        Most matches shown at once.

    Returns
    -------
    ipywidgets.VBox
        A text box and the matching rows, updated as the student types.
    """
    from relmark_helpers.core.bundled_data import load_glossary

    table = load_glossary() if glossary is None else glossary
    as_frame("glossary", table, ["term_en", "term_zh"], what="the glossary (load_glossary())")
    max_rows = as_count("max_rows", max_rows, maximum=1000)
    haystack = (table["term_en"] + " " + table["term_zh"] + " " + table["definition"]).str.lower()
    box = widgets.Text(placeholder="type a term, e.g. retention or 关系", description="search",
                       continuous_update=True, layout=widgets.Layout(width="30em"))
    results = widgets.HTML()

    def show(_change: dict | None = None) -> None:
        query = box.value.strip().lower()
        hits = table[haystack.str.contains(query, regex=False)] if query else table.iloc[0:0]
        if not query:
            results.value = f"<i>{len(table)} terms. Type to search.</i>"
            return
        shown = hits.head(max_rows)[["term_en", "term_zh", "definition", "notebook"]]
        more = f" (first {max_rows} shown)" if len(hits) > max_rows else ""
        results.value = (f"<p>{len(hits)} match(es){more}</p>" +
                         shown.to_html(index=False, escape=True, border=0))

    box.observe(show, names="value")
    show()
    return widgets.VBox([box, results])
