"""Interactive explorers: controls wired to the formulas and a fast-updating figure.

Each explorer only wires things together: the numbers come from
:mod:`relmark_helpers.lifetime_value.formulas`, the drawing from :mod:`relmark_helpers.lifetime_value.plots`,
and :class:`~relmark_helpers.core.fastfigure.BlitRenderer` turns the figure into
a PNG in about 20-30 ms, so the picture follows the slider.

An error inside an update is shown in the explorer's status line, never
lost in the browser's log.
"""

from __future__ import annotations

from dataclasses import asdict

import ipywidgets as widgets

from relmark_helpers.core.controls import slider
from relmark_helpers.core.explorer import Explorer, Interactive, _widget
from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.validate import _describe, as_count, as_frame, chart_horizon
from relmark_helpers.lifetime_value.plots import ClvChart, ClvInputs

__all__ = [
    "ClvExplorer",
    "clv_explorer",
    "defaults_of",
    "first_slider",
    "glossary_search",
]

class ClvExplorer(Explorer):
    """CLV explorer: margin, retention, discount rate, horizon, acquisition cost and timing.

    The controls are declared by :class:`~relmark_helpers.lifetime_value.plots.ClvInputs`.

    Parameters
    ----------
    max_periods : int
        Longest horizon the horizon slider offers (periods), 1 to 500 (``MAX_CHART_PERIODS``).
    **defaults
        Starting values, any field of :class:`~relmark_helpers.lifetime_value.plots.ClvInputs`
        (``margin``, ``retention``, ``discount``, ``periods``,
        ``acquisition_cost``, ``timing``).
    """

    inputs_class = ClvInputs
    columns = (("margin", "retention", "discount"), ("periods", "acquisition_cost"))

    def __init__(self, max_periods: int = 30, **defaults: float | int | str):
        self.max_periods = chart_horizon("max_periods", max_periods)
        self.limits = {"periods": {"high": self.max_periods}}
        super().__init__(**defaults)

    def make_chart(self, start: ClvInputs) -> ClvChart:
        """The two-panel CLV chart, its x axis as wide as the longest horizon."""
        return ClvChart(max_periods=self.max_periods)

    def summarize(self, inputs: ClvInputs, result: dict[str, float]) -> str:
        """One sentence that reads the chart, for the explorer's status line."""
        be = result["break_even"]
        if inputs.acquisition_cost <= 0:
            payback = _("has no acquisition cost to pay back")
        elif be == float("inf"):
            payback = _("<b>never</b> pays back its acquisition cost")
        else:
            when = be if inputs.timing == "end" else max(be - 1, 0)
            payback = _("pays back its acquisition cost in period <b>{when:.0f}</b>", when=when)
        return _(
            "Over {periods} periods a customer is worth <b>{clv:,.0f}</b> after the acquisition "
            "cost of {cost:,.0f} (with no end: {no_end:,.0f}); the customer {payback}. "
            "Spend at most <b>{ceiling:,.0f}</b> to win one.",
            periods=inputs.periods, clv=result["clv"], cost=inputs.acquisition_cost,
            no_end=result["clv_no_end"], payback=payback, ceiling=result["ceiling"])


def clv_explorer(**defaults: float | int | str) -> ClvExplorer:
    """Build the CLV explorer (see :class:`ClvExplorer`); display it as a cell's last line.

    Its ``last_result["break_even"]`` is ``inf`` when the customer never pays back the
    acquisition cost (as :func:`~relmark_helpers.lifetime_value.formulas.break_even_period` says).

    Examples
    --------
    >>> explorer = clv_explorer(retention=0.8)
    >>> round(explorer.last_result["ceiling"], 2)
    266.67
    """
    return ClvExplorer(**defaults)


def defaults_of(explorer: ClvExplorer) -> dict[str, float | int | str]:
    """The explorer's current inputs as a plain dict (for a static chart at the same values)."""
    if not isinstance(explorer, ClvExplorer):
        raise TypeError(f"explorer must be a CLV explorer (clv_explorer()); got "
                        f"{type(explorer).__name__} {_describe(explorer)}.")
    return asdict(explorer.inputs)


def first_slider() -> Interactive:
    """A first widget to practise on: drag retention, read the expected relationship length.

    Returns
    -------
    Interactive
        A box (an ``ipywidgets.VBox``) of a slider and a sentence that follows it (from
        :func:`relmark_helpers.lifetime_value.formulas.expected_lifetime`).
    """
    from relmark_helpers.lifetime_value.formulas import expected_lifetime

    control = slider(0.80, N_("retention rate r"), 0.0, 0.95, 0.05, fmt=".0%",
                     tooltip=N_("Chance a customer stays another period")).metadata["control"]
    retention = _widget(control, 0.80, integer=False)
    sentence = widgets.HTML()

    def show(_change: dict | None = None) -> None:
        r = retention.value
        sentence.value = _(
            "A customer who stays with probability <b>{r:.0%}</b> each period stays "
            "<b>{years:.1f} periods</b> on average.", r=r, years=expected_lifetime(r))

    retention.observe(show, names="value")
    show()
    return Interactive([retention, sentence])


def glossary_search(glossary=None, *, max_rows: int = 12) -> Interactive:
    """A search box over the bilingual glossary (English or 中文).

    Parameters
    ----------
    glossary : pandas.DataFrame, optional
        Defaults to :func:`relmark_helpers.core.bundled_data.load_glossary`.
    max_rows : int
        Most matches shown at once.

    Returns
    -------
    Interactive
        A box (an ``ipywidgets.VBox``) of a text box and the matching rows, updated as the
        student types.
    """
    from relmark_helpers.core.bundled_data import load_glossary

    table = load_glossary() if glossary is None else glossary
    as_frame("glossary", table, ["term_en", "term_zh"], what="the glossary (load_glossary())")
    max_rows = as_count("max_rows", max_rows, maximum=1000)
    haystack = (table["term_en"] + " " + table["term_zh"] + " " + table["definition"]).str.lower()
    box = widgets.Text(placeholder=_("type a term, e.g. retention or 关系"), description=_("search"),
                       continuous_update=True, layout=widgets.Layout(width="30em"))
    results = widgets.HTML()

    def show(_change: dict | None = None) -> None:
        query = box.value.strip().lower()
        hits = table[haystack.str.contains(query, regex=False)] if query else table.iloc[0:0]
        if not query:
            results.value = "<i>" + _("{n} terms. Type to search.", n=len(table)) + "</i>"
            return
        shown = hits.head(max_rows)[["term_en", "term_zh", "definition", "notebook"]]
        more = _(" (first {n} shown)", n=max_rows) if len(hits) > max_rows else ""
        results.value = ("<p>" + _("{n} match(es)", n=len(hits)) + more + "</p>" +
                         shown.to_html(index=False, escape=True, border=0))

    box.observe(show, names="value")
    show()
    return Interactive([box, results])
