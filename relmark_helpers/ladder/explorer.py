"""The ladder explorer of notebook 08: promotion, lapse and development cost.

A declaration: the controls come from :class:`~relmark_helpers.ladder.plots.LadderInputs`'
fields, the numbers from :mod:`relmark_helpers.ladder.model`, the drawing from
:mod:`relmark_helpers.ladder.plots`.
"""

from __future__ import annotations

from relmark_helpers.core.explorer import Explorer
from relmark_helpers.core.messages import _
from relmark_helpers.core.validate import as_float
from relmark_helpers.ladder.plots import LadderChart, LadderInputs

__all__ = ["LadderExplorer", "ladder_explorer"]


class LadderExplorer(Explorer):
    """Sliders for the promotion and lapse probabilities and the cost of moving customers up.

    Parameters
    ----------
    **defaults
        Starting values: fields of :class:`~relmark_helpers.ladder.plots.LadderInputs`
        (``win_back`` and ``discount`` have no slider and stay fixed).
    """

    inputs_class = LadderInputs

    def check_start(self, start: LadderInputs) -> None:
        """The fixed rates, which have no slider."""
        as_float("discount", start.discount, low=0.0, high=1.0, low_inclusive=False,
                 hint="Pass 0.1 for 10 % a year; the explorer values customers with no end.")
        as_float("win_back", start.win_back, low=0.0, high=1.0, hint="Pass 0.05 for 5 % a year.")

    def make_chart(self, start: LadderInputs) -> LadderChart:
        """The ladder's long-run shares and rung values."""
        return LadderChart()

    def summarize(self, inputs: LadderInputs, result: dict[str, float]) -> str:
        """One sentence reading the chart."""
        return _(
            "In the long run <b>{active:.0%}</b> of everyone who ever bought is still active and "
            "<b>{upper:.0%}</b> are clients, advocates or partners. A first-time customer is "
            "worth <b>{first:,.0f}</b>, a client <b>{client:,.0f}</b>, a partner "
            "<b>{partner:,.0f}</b> (discount {discount:.0%} a year).",
            active=result["active_share"], upper=result["upper_share"],
            first=result["value_first-time"], client=result["value_client"],
            partner=result["value_partner"], discount=inputs.discount)


def ladder_explorer(**defaults: float) -> LadderExplorer:
    """Build the ladder explorer (see :class:`LadderExplorer`); display it as a cell's last line.

    Examples
    --------
    >>> explorer = ladder_explorer(lapse=0.3)
    >>> 0 < explorer.last_result["active_share"] < 1
    True
    """
    return LadderExplorer(**defaults)
