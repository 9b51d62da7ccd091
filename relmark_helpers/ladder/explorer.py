"""The ladder explorer of notebook 05: promotion, lapse and development cost.

Wiring only: numbers from :mod:`relmark_helpers.ladder.model`, drawing from
:mod:`relmark_helpers.ladder.plots`.
"""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets

from relmark_helpers.core.validate import as_float
from relmark_helpers.ladder.plots import LadderChart, LadderInputs
from relmark_helpers.lifetime_value.explorer import Explorer, _slider, check_defaults, check_ranges

__all__ = ["LadderExplorer", "ladder_explorer"]


class LadderExplorer(Explorer):
    """Sliders for the promotion and lapse probabilities and the cost of moving customers up.

    Parameters
    ----------
    **defaults
        Starting values: fields of :class:`~relmark_helpers.ladder.plots.LadderInputs`
        (``win_back`` and ``discount`` have no slider and stay fixed).
    """

    def __init__(self, **defaults: float):
        check_defaults(defaults, LadderInputs)
        start = replace(LadderInputs(), **defaults)
        controls = {
            "promotion": _slider(widgets.FloatSlider, "promotion a year", start.promotion,
                                 0.0, 0.5, 0.01, ".0%",
                                 "Chance a first-time or repeat customer moves up one rung"),
            "lapse": _slider(widgets.FloatSlider, "lapse a year (first-time)", start.lapse,
                             0.02, 0.5, 0.01, ".0%",
                             "Chance a first-time customer stops buying; less on higher rungs"),
            "development_cost": _slider(widgets.FloatSlider, "cost of moving up",
                                        start.development_cost, 0, 60, 1, ",.0f",
                                        "Marketing cost per customer a year on every rung below "
                                        "partner"),
        }
        as_float("discount", start.discount, low=0.0, high=1.0, low_inclusive=False,
                 hint="Pass 0.1 for 10 % a year; the explorer values customers with no end.")
        as_float("win_back", start.win_back, low=0.0, high=1.0, hint="Pass 0.05 for 5 % a year.")
        self.fixed = {"win_back": start.win_back, "discount": start.discount}
        check_ranges(defaults, controls)
        super().__init__(LadderChart(), controls, [widgets.VBox(list(controls.values()))])

    @property
    def inputs(self) -> LadderInputs:
        """The controls' current values (and the fixed win-back and discount rates)."""
        return LadderInputs(**{k: c.value for k, c in self.controls.items()}, **self.fixed)

    def summarize(self, inputs: LadderInputs, result: dict[str, float]) -> str:
        """One sentence reading the chart."""
        return (
            f"In the long run <b>{result['active_share']:.0%}</b> of everyone who ever bought is "
            f"still active and <b>{result['upper_share']:.0%}</b> are clients, advocates or "
            f"partners. A first-time customer is worth <b>{result['value_first-time']:,.0f}</b>, "
            f"a client <b>{result['value_client']:,.0f}</b>, a partner "
            f"<b>{result['value_partner']:,.0f}</b> (discount {inputs.discount:.0%} a year)."
        )


def ladder_explorer(**defaults: float) -> LadderExplorer:
    """Build the ladder explorer (see :class:`LadderExplorer`); display it as a cell's last line.

    Examples
    --------
    >>> explorer = ladder_explorer(lapse=0.3)
    >>> 0 < explorer.last_result["active_share"] < 1
    True
    """
    return LadderExplorer(**defaults)
