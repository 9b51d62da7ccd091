"""Explorers of notebook 01: the leaky bucket, two firms with one budget, and the 80/20 rule.

Declarations only: the controls come from the inputs' fields in
:mod:`relmark_helpers.customer_base.plots`, the numbers from
:mod:`relmark_helpers.customer_base.simulation` and
:mod:`relmark_helpers.customer_base.concentration`, and
:class:`~relmark_helpers.core.explorer.Explorer` does the rest.
"""

from __future__ import annotations

from relmark_helpers.core.explorer import Explorer
from relmark_helpers.core.messages import _
from relmark_helpers.core.validate import chart_horizon
from relmark_helpers.customer_base.plots import (
    BucketInputs,
    LeakyBucketChart,
    ParetoChart,
    ParetoInputs,
    TwoFirmsChart,
    TwoFirmsInputs,
)

__all__ = ["LeakyBucketExplorer", "ParetoExplorer", "TwoFirmsExplorer", "leaky_bucket_explorer",
           "pareto_explorer", "two_firms_explorer"]


class LeakyBucketExplorer(Explorer):
    """Sliders for new customers a year, retention and margin; the base fills, money leaks.

    Parameters
    ----------
    **defaults
        Starting values: fields of :class:`~relmark_helpers.customer_base.plots.BucketInputs`
        (``years`` has no slider: 1 to 500).
    """

    inputs_class = BucketInputs

    def check_start(self, start: BucketInputs) -> None:
        """The horizon, which has no slider."""
        chart_horizon("years", start.years)

    def make_chart(self, start: BucketInputs) -> LeakyBucketChart:
        """The bucket's two panels over ``start.years`` years."""
        return LeakyBucketChart(years=start.years)

    def summarize(self, inputs: BucketInputs, result: dict[str, float]) -> str:
        """One sentence reading the chart."""
        return _(
            "The base settles at <b>{steady:,.0f}</b> customers. In year {years}, "
            "<b>{lost:,.0f}</b> customers leave, taking <b>{leaked:,.0f}</b> a year of margin "
            "with them: winning {won:,.0f} new customers only refills the bucket.",
            steady=result["steady_state"], years=inputs.years, lost=result["lost_last_year"],
            leaked=result["leaked_last_year"], won=inputs.acquisitions)


class TwoFirmsExplorer(Explorer):
    """Two firms, one budget: all on acquisition, or part on retention.

    Parameters
    ----------
    **defaults
        Starting values: fields of :class:`~relmark_helpers.customer_base.plots.TwoFirmsInputs`
        (``years`` has no slider: 1 to 500).
    """

    inputs_class = TwoFirmsInputs
    columns = (("budget", "retention_share", "transaction_retention"),
               ("relationship_retention", "margin"))

    def check_start(self, start: TwoFirmsInputs) -> None:
        """The horizon, which has no slider."""
        chart_horizon("years", start.years)

    def make_chart(self, start: TwoFirmsInputs) -> TwoFirmsChart:
        """Both firms' customers and cumulative profit over ``start.years`` years."""
        return TwoFirmsChart(years=start.years)

    def summarize(self, inputs: TwoFirmsInputs, result: dict[str, float]) -> str:
        """One sentence reading the chart."""
        year = int(result["crossover_year"])
        lead = (_("The relationship firm is ahead in cumulative discounted profit from year "
                  "<b>{year}</b>", year=year) if year else
                _("The relationship firm <b>never</b> catches up in cumulative discounted profit"))
        return _("{lead}. After {years} years it has <b>{ours:,.0f}</b> customers against "
                 "<b>{theirs:,.0f}</b>.", lead=lead, years=inputs.years,
                 ours=result["relationship_customers"], theirs=result["transaction_customers"])


class ParetoExplorer(Explorer):
    """A slider for how unequal spending is; the Lorenz curve and the top-20 % share follow."""

    inputs_class = ParetoInputs
    max_width = "700px"

    def make_chart(self, start: ParetoInputs) -> ParetoChart:
        """The Lorenz curve."""
        return ParetoChart()

    def summarize(self, inputs: ParetoInputs, result: dict[str, float]) -> str:
        """One sentence reading the chart."""
        return _("With σ = {sigma:.2f}, the top 20 % of customers bring <b>{share:.0%}</b> of "
                 "all spending.", sigma=inputs.sigma, share=result["top_share"])


def leaky_bucket_explorer(**defaults: float) -> LeakyBucketExplorer:
    """Build the leaky-bucket explorer (see :class:`LeakyBucketExplorer`)."""
    return LeakyBucketExplorer(**defaults)


def two_firms_explorer(**defaults: float) -> TwoFirmsExplorer:
    """Build the two-firms explorer (see :class:`TwoFirmsExplorer`)."""
    return TwoFirmsExplorer(**defaults)


def pareto_explorer(sigma: float = 1.0) -> ParetoExplorer:
    """Build the 80/20 explorer (see :class:`ParetoExplorer`)."""
    return ParetoExplorer(sigma=sigma)
