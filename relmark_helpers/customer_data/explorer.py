"""The retention explorer of notebook 04: pick a plan and how much history to fit, see the projection.

Only wiring: the numbers come from :mod:`relmark_helpers.customer_data.retention`, the
drawing from :class:`relmark_helpers.customer_data.plots.RetentionChart`, the fast
update from :class:`relmark_helpers.lifetime_value.explorer.Explorer`.  Each fit is
computed once and cached, so moving a control costs a blitted redraw.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import ipywidgets as widgets
import pandas as pd

from relmark_helpers.core.validate import as_frame, chart_horizon
from relmark_helpers.customer_data.plots import RetentionChart, RetentionInputs
from relmark_helpers.lifetime_value.explorer import Explorer, check_defaults, check_ranges

__all__ = ["RetentionExplorer", "retention_explorer"]

_STYLE = {"description_width": "13em"}
_LAYOUT = widgets.Layout(width="32em")


@functools.cache
def _bundled_alive() -> pd.DataFrame:
    """Survivor counts of the bundled renewal data (read once per session)."""
    from relmark_helpers.customer_data.loyalty_club import load_loyalty_renewals
    from relmark_helpers.customer_data.retention import alive_counts

    return alive_counts(load_loyalty_renewals())


class RetentionExplorer(Explorer):
    """Retention explorer: segment (plan), periods used for the fit, discount rate.

    Parameters
    ----------
    alive : pandas.DataFrame
        Survivor counts, one row per segment (from
        :func:`relmark_helpers.customer_data.retention.alive_counts`); default: the bundled
        subscription plans.
    horizon : int
        Periods shown on the x axis, 1 to 500 (``MAX_CHART_PERIODS``).
    **defaults
        Starting values, any field of :class:`~relmark_helpers.customer_data.plots.RetentionInputs`
        (``segment``, ``fit_periods``, ``discount``).

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``segment`` (dropdown), ``fit_periods`` and ``discount`` (sliders).
    image, summary, last_result
        See :class:`relmark_helpers.lifetime_value.explorer.Explorer`.
    """

    def __init__(self, alive: pd.DataFrame | None = None, horizon: int = 15,
                 **defaults: float | int | str):
        horizon = chart_horizon("horizon", horizon)
        check_defaults(defaults, RetentionInputs)
        if alive is not None:
            as_frame("alive", alive, what="a table of alive_counts(), one row per segment")
            if alive.shape[0] == 0 or alive.shape[1] < 2:
                raise ValueError(f"alive must have at least one segment and two periods; got a table "
                                 f"of shape {alive.shape}.")
        if alive is None:
            alive = _bundled_alive().copy()
        observed = alive.shape[1]
        start = replace(RetentionInputs(segment=str(alive.index[0])), **defaults)
        controls: dict[str, widgets.Widget] = {
            "segment": widgets.Dropdown(options=[str(s) for s in alive.index], value=start.segment,
                                        description="plan", style=_STYLE, layout=_LAYOUT),
            "fit_periods": widgets.IntSlider(
                value=start.fit_periods, min=2, max=observed, step=1,
                description="periods used for the fit", continuous_update=True, style=_STYLE,
                layout=_LAYOUT, tooltip="The cohort's size and the counts of the next periods"),
            "discount": widgets.FloatSlider(
                value=start.discount, min=0.01, max=0.30, step=0.01, readout_format=".0%",
                description="discount rate per period", continuous_update=True, style=_STYLE,
                layout=_LAYOUT, tooltip="What money a period later is worth less than now"),
        }
        check_ranges(defaults, controls)
        super().__init__(RetentionChart(alive, horizon=horizon), controls,
                         [controls["segment"], controls["fit_periods"], controls["discount"]])

    @property
    def inputs(self) -> RetentionInputs:
        """The current values of the controls."""
        return RetentionInputs(**{name: c.value for name, c in self.controls.items()})

    def summarize(self, inputs: RetentionInputs, result: dict[str, float]) -> str:
        """One sentence that reads the chart."""
        gap = result["del_sbg"] / result["del_naive"] - 1
        return (
            f"Fitted to the first <b>{inputs.fit_periods}</b> counts, the sBG model projects "
            f"<b>{result['projected_share']:.0%}</b> still subscribed in the last observed period "
            f"(observed: {result['observed_share']:.0%}). A new subscriber's discounted expected "
            f"lifetime is <b>{result['del_sbg']:.2f}</b> periods; a constant retention of "
            f"{result['naive_retention']:.0%} says {result['del_naive']:.2f}, "
            f"<b>{abs(gap):.0%} {'less' if gap > 0 else 'more'}</b>."
        )


def retention_explorer(alive: pd.DataFrame | None = None, **defaults: float | int | str
                       ) -> RetentionExplorer:
    """Build the retention explorer (see :class:`RetentionExplorer`); display it as a cell's last line.

    Examples
    --------
    >>> explorer = retention_explorer(segment="plus")
    >>> explorer.controls["segment"].options
    ('basic', 'plus')
    >>> explorer.last_result["del_sbg"] > explorer.last_result["del_naive"]
    True
    """
    return RetentionExplorer(alive, **defaults)
