"""The programme designer: pick a programme's instruments, see its level, CLV, ROI and erosion.

Only wiring: the numbers come from :mod:`relmark_helpers.bonding.programme`, the
figure from :class:`relmark_helpers.bonding.plots.ProgrammeChart`, and
:class:`relmark_helpers.core.explorer.Explorer` builds the controls from
``ProgrammeInputs``' fields and redraws the figure by blitting on every change.

Introduced in notebook 04.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from relmark_helpers.bonding.plots import INSTRUMENT_FIELDS, ProgrammeChart, ProgrammeInputs
from relmark_helpers.bonding.programme import INSTRUMENTS, level_name
from relmark_helpers.core.explorer import Explorer, checked_controls
from relmark_helpers.core.messages import _
from relmark_helpers.core.validate import chart_horizon

__all__ = ["ProgrammeDesigner", "programme_designer"]

class ProgrammeDesigner(Explorer):
    """Programme designer: instrument toggles, the customer's margin and retention, rivals.

    The controls are declared by :class:`~relmark_helpers.bonding.plots.ProgrammeInputs`.

    Parameters
    ----------
    years : int
        Years shown on the erosion panel, 1 to 500 (``MAX_CHART_PERIODS``).
    **defaults
        Starting values, any field of
        :class:`~relmark_helpers.bonding.plots.ProgrammeInputs` (an instrument's
        name with True/False, ``margin``, ``retention``, ``rivals_copy``,
        ``rival_response``).
    """

    inputs_class = ProgrammeInputs

    def __init__(self, years: int = 15, **defaults: float | int | bool):
        self.years = chart_horizon("years", years)
        super().__init__(**defaults)

    def make_chart(self, start: ProgrammeInputs) -> ProgrammeChart:
        """Level, CLV with and without the programme, and the erosion over ``years``."""
        return ProgrammeChart(years=self.years)

    def arrange(self, controls: dict[str, widgets.Widget]) -> list[widgets.Widget]:
        """One row of instruments per level, then the sliders in two columns."""
        controls = checked_controls(controls, (*INSTRUMENT_FIELDS, "margin", "retention", "rivals_copy",
                                               "rival_response"))
        rows = []
        for level in (1, 2, 3):
            names = [n for n in INSTRUMENT_FIELDS if INSTRUMENTS[n].level == level]
            heading = _("level {level}: {name}", level=level, name=_(level_name(level)))
            rows.append(widgets.HBox([widgets.HTML(f"<b>{heading}</b>",
                                                   layout=widgets.Layout(width="11em")),
                                      *(controls[n] for n in names)]))
        columns = widgets.HBox([widgets.VBox([controls["margin"], controls["retention"]]),
                                widgets.VBox([controls["rivals_copy"],
                                              controls["rival_response"]])])
        return [*rows, columns]

    def summarize(self, inputs: ProgrammeInputs, result: dict[str, float]) -> str:
        """One sentence that reads the chart, for the designer's status line."""
        level = int(result["level"])
        if not inputs.programme.instruments:
            return _("<b>No instruments chosen:</b> the programme changes nothing; a member is "
                     "worth <b>{clv:,.0f}</b>. Switch an instrument on.", clv=result["clv_without"])
        gap = ""
        if result["deepest_level"] > level:
            gap = _(" (a level-{deepest} instrument is on, but the levels build on each other: "
                    "add the levels below to reach it)", deepest=int(result["deepest_level"]))
        roi = "—" if np.isnan(result["roi"]) else f"{result['roi']:.0%}"
        text = _("Level reached: <b>{level} ({name})</b>{gap}. A member is worth "
                 "<b>{clv_with:,.0f}</b> with the programme against {clv_without:,.0f} without "
                 "(ROI <b>{roi}</b>, {payback}).", level=level, name=_(level_name(level)), gap=gap,
                 clv_with=result["clv_with"], clv_without=result["clv_without"], roi=roi,
                 payback=_payback(result["payback"]))
        if inputs.rivals_copy:
            roi_copied = "—" if np.isnan(result["roi_copied"]) else f"{result['roi_copied']:.0%}"
            text += _(" If rivals start copying after {years} years: <b>{clv:,.0f}</b> "
                      "(ROI {roi}).", years=inputs.rival_response, clv=result["clv_copied"],
                      roi=roi_copied)
        return text


def _payback(payback: float) -> str:
    if payback == 0:
        return _("nothing to pay back")
    if np.isinf(payback):
        return _("<b>never</b> pays back")
    return _("pays back in period {period:.0f}", period=payback)


def programme_designer(**defaults: float | int | bool) -> ProgrammeDesigner:
    """Build the programme designer (see :class:`ProgrammeDesigner`); display it as a cell's last line.

    Examples
    --------
    >>> designer = programme_designer(points=True, magazine=False)
    >>> designer.last_result["level"]
    1
    """
    return ProgrammeDesigner(**defaults)
