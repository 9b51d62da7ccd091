"""The retention explorer of notebook 05: pick a plan and how much history to fit, see the projection.

Only wiring: the numbers come from :mod:`relmark_helpers.customer_data.retention`, the
drawing from :class:`relmark_helpers.customer_data.plots.RetentionChart`, the fast
controls and the fast update from :class:`relmark_helpers.core.explorer.Explorer`.  Each fit is
computed once and cached, so moving a control costs a blitted redraw.
"""

from __future__ import annotations

import functools

import pandas as pd

from relmark_helpers.core.explorer import Explorer
from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.validate import as_frame, chart_horizon
from relmark_helpers.customer_data.plots import RetentionChart, RetentionInputs

__all__ = ["RetentionExplorer", "retention_explorer"]


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

    inputs_class = RetentionInputs

    def __init__(self, alive: pd.DataFrame | None = None, horizon: int = 15,
                 **defaults: float | int | str):
        self.horizon = chart_horizon("horizon", horizon)
        if alive is not None:
            as_frame("alive", alive, what="a table of alive_counts(), one row per segment")
            if alive.shape[0] == 0 or alive.shape[1] < 2:
                raise ValueError(f"alive must have at least one segment and two periods; got a table "
                                 f"of shape {alive.shape}.")
        self.alive = _bundled_alive().copy() if alive is None else alive
        segments = [str(s) for s in self.alive.index]
        # The plans and the periods observed come from the data; the first plan by default.
        self.limits = {"segment": {"options": segments}, "fit_periods": {"high": self.alive.shape[1]}}
        defaults.setdefault("segment", segments[0])
        super().__init__(**defaults)

    def make_chart(self, start: RetentionInputs) -> RetentionChart:
        """Observed and projected survival for the survivor table."""
        return RetentionChart(self.alive, horizon=self.horizon)

    def summarize(self, inputs: RetentionInputs, result: dict[str, float]) -> str:
        """One sentence that reads the chart."""
        gap = result["del_sbg"] / result["del_naive"] - 1
        fitted = _("Fitted to the first <b>{periods}</b> counts, the sBG model projects "
                   "<b>{projected:.0%}</b> still subscribed in the last observed period (observed: "
                   "{observed:.0%}).", periods=inputs.fit_periods,
                   projected=result["projected_share"], observed=result["observed_share"])
        compared = _(_SBG_HIGHER if gap > 0 else _SBG_LOWER, del_sbg=result["del_sbg"],
                     naive_retention=result["naive_retention"], naive=result["del_naive"],
                     gap=abs(gap))
        return f"{fitted} {compared}"


_SBG_HIGHER = N_("A new subscriber's discounted expected lifetime is <b>{del_sbg:.2f}</b> periods; a "
           "constant retention of {naive_retention:.0%} says {naive:.2f}; the sBG figure is "
           "<b>{gap:.0%} higher</b>.")
_SBG_LOWER = N_("A new subscriber's discounted expected lifetime is <b>{del_sbg:.2f}</b> periods; a "
           "constant retention of {naive_retention:.0%} says {naive:.2f}; the sBG figure is "
           "<b>{gap:.0%} lower</b>.")


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
