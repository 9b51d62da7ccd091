"""Explorers of notebook 01: the leaky bucket, two firms with one budget, and the 80/20 rule.

Wiring only: numbers from :mod:`relmark_helpers.customer_base.simulation` and
:mod:`relmark_helpers.customer_base.concentration`, drawing from :mod:`relmark_helpers.customer_base.plots`.
"""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets

from relmark_helpers.core.validate import as_float
from relmark_helpers.customer_base.plots import (
    BucketInputs,
    LeakyBucketChart,
    ParetoChart,
    TwoFirmsChart,
    TwoFirmsInputs,
)
from relmark_helpers.lifetime_value.explorer import Explorer, _slider, check_defaults, check_ranges

__all__ = ["LeakyBucketExplorer", "ParetoExplorer", "TwoFirmsExplorer", "leaky_bucket_explorer",
           "pareto_explorer", "two_firms_explorer"]


class LeakyBucketExplorer(Explorer):
    """Sliders for new customers a year, retention and margin; the base fills, money leaks.

    Parameters
    ----------
    **defaults
        Starting values: fields of :class:`~relmark_helpers.customer_base.plots.BucketInputs`.
    """

    def __init__(self, **defaults: float):
        check_defaults(defaults, BucketInputs)
        start = replace(BucketInputs(), **defaults)
        controls = {
            "acquisitions": _slider(widgets.FloatSlider, "new customers a year", start.acquisitions,
                                    0, 2000, 50, ",.0f", "Customers won each year"),
            "retention": _slider(widgets.FloatSlider, "retention rate r", start.retention,
                                 0.0, 0.95, 0.01, ".0%", "Share of customers who stay each year"),
            "margin": _slider(widgets.FloatSlider, "margin a year", start.margin, 0, 1000, 10,
                              ",.0f", "Money a kept customer brings each year"),
        }
        self.years = start.years
        check_ranges(defaults, controls)
        super().__init__(LeakyBucketChart(years=start.years), controls,
                         [widgets.VBox(list(controls.values()))])

    @property
    def inputs(self) -> BucketInputs:
        """The controls' current values."""
        return BucketInputs(**{k: c.value for k, c in self.controls.items()}, years=self.years)

    def summarize(self, inputs: BucketInputs, result: dict[str, float]) -> str:
        """One sentence reading the chart."""
        return (
            f"The base settles at <b>{result['steady_state']:,.0f}</b> customers. In year "
            f"{inputs.years}, <b>{result['lost_last_year']:,.0f}</b> customers leave, taking "
            f"<b>{result['leaked_last_year']:,.0f}</b> a year of margin with them: winning "
            f"{inputs.acquisitions:,.0f} new customers only refills the bucket."
        )


class TwoFirmsExplorer(Explorer):
    """Two firms, one budget: all on acquisition, or part on retention.

    Parameters
    ----------
    **defaults
        Starting values: fields of :class:`~relmark_helpers.customer_base.plots.TwoFirmsInputs`.
    """

    def __init__(self, **defaults: float):
        check_defaults(defaults, TwoFirmsInputs)
        start = replace(TwoFirmsInputs(), **defaults)
        controls = {
            "budget": _slider(widgets.FloatSlider, "marketing budget a year", start.budget,
                              20_000, 300_000, 10_000, ",.0f", "The same for both firms"),
            "retention_share": _slider(widgets.FloatSlider, "share spent on keeping",
                                       start.retention_share, 0.0, 0.8, 0.05, ".0%",
                                       "Part of the relationship firm's budget spent on retention"),
            "transaction_retention": _slider(widgets.FloatSlider, "retention, transaction firm",
                                             start.transaction_retention, 0.0, 0.95, 0.01, ".0%",
                                             "Share of the transaction firm's customers who stay"),
            "relationship_retention": _slider(widgets.FloatSlider, "retention, relationship firm",
                                              start.relationship_retention, 0.0, 0.95, 0.01,
                                              ".0%", "What its retention spending achieves"),
            "margin": _slider(widgets.FloatSlider, "margin a year", start.margin, 50, 600, 10,
                              ",.0f", "Money a kept customer brings each year"),
        }
        self.years = start.years
        keys = list(controls)
        check_ranges(defaults, controls)
        super().__init__(TwoFirmsChart(years=start.years), controls,
                         [widgets.HBox([widgets.VBox([controls[k] for k in keys[:3]]),
                                        widgets.VBox([controls[k] for k in keys[3:]])])])

    @property
    def inputs(self) -> TwoFirmsInputs:
        """The controls' current values."""
        return TwoFirmsInputs(**{k: c.value for k, c in self.controls.items()}, years=self.years)

    def summarize(self, inputs: TwoFirmsInputs, result: dict[str, float]) -> str:
        """One sentence reading the chart."""
        year = int(result["crossover_year"])
        lead = (f"The relationship firm is ahead in cumulative discounted profit from year "
                f"<b>{year}</b>" if year else
                "The relationship firm <b>never</b> catches up in cumulative discounted profit")
        return (
            f"{lead}. After {inputs.years} years it has "
            f"<b>{result['relationship_customers']:,.0f}</b> customers against "
            f"<b>{result['transaction_customers']:,.0f}</b>."
        )


class ParetoExplorer(Explorer):
    """A slider for how unequal spending is; the Lorenz curve and the top-20 % share follow."""

    def __init__(self, sigma: float = 1.0):
        as_float("sigma", sigma, low=0.0, high=3.0, hint="That is the explorer's range for it.")
        controls = {"sigma": _slider(widgets.FloatSlider, "inequality of spending (σ)", sigma,
                                     0.0, 3.0, 0.05, ".2f",
                                     "Spread of log spending: 0 = everybody spends the same")}
        super().__init__(ParetoChart(), controls, [controls["sigma"]])
        self.picture.layout.max_width = "700px"

    @property
    def inputs(self) -> float:
        """The spread sigma."""
        return float(self.controls["sigma"].value)

    def summarize(self, inputs: float, result: dict[str, float]) -> str:
        """One sentence reading the chart."""
        return (f"With σ = {inputs:.2f}, the top 20 % of customers bring "
                f"<b>{result['top_share']:.0%}</b> of all spending.")


def leaky_bucket_explorer(**defaults: float) -> LeakyBucketExplorer:
    """Build the leaky-bucket explorer (see :class:`LeakyBucketExplorer`)."""
    return LeakyBucketExplorer(**defaults)


def two_firms_explorer(**defaults: float) -> TwoFirmsExplorer:
    """Build the two-firms explorer (see :class:`TwoFirmsExplorer`)."""
    return TwoFirmsExplorer(**defaults)


def pareto_explorer(sigma: float = 1.0) -> ParetoExplorer:
    """Build the 80/20 explorer (see :class:`ParetoExplorer`)."""
    return ParetoExplorer(sigma)
