"""The programme designer: pick a programme's instruments, see its level, CLV, ROI and erosion.

Only wiring: the numbers come from :mod:`relmark_helpers.bonding.programme`, the
figure from :class:`relmark_helpers.bonding.plots.ProgrammeChart`, and
:class:`relmark_helpers.lifetime_value.explorer.Explorer` redraws it by blitting on every
change.

Introduced in notebook 02.
"""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets
import numpy as np

from relmark_helpers.bonding.plots import INSTRUMENT_FIELDS, ProgrammeChart, ProgrammeInputs
from relmark_helpers.bonding.programme import INSTRUMENTS, level_name
from relmark_helpers.core.validate import chart_horizon
from relmark_helpers.lifetime_value.explorer import Explorer, check_defaults, check_ranges

__all__ = ["ProgrammeDesigner", "programme_designer"]

_SLIDER_STYLE = {"description_width": "13em"}
_SLIDER_LAYOUT = widgets.Layout(width="31em")


class ProgrammeDesigner(Explorer):
    """Programme designer: instrument toggles, the customer's margin and retention, rivals.

    Parameters
    ----------
    years : int
        Years shown on the erosion panel, 1 to 500 (``MAX_CHART_PERIODS``).
    **defaults
        Starting values, any field of
        :class:`~relmark_helpers.bonding.plots.ProgrammeInputs` (an instrument's
        name with True/False, ``margin``, ``retention``, ``rivals_copy``,
        ``rival_response``).

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        One control per field of ``ProgrammeInputs``, keyed by the field's name.
    image, summary, last_result
        See :class:`~relmark_helpers.lifetime_value.explorer.Explorer`.
    """

    def __init__(self, years: int = 15, **defaults: float | int | bool):
        years = chart_horizon("years", years)
        check_defaults(defaults, ProgrammeInputs)
        start = replace(ProgrammeInputs(), **defaults)
        toggles = {}
        for name in INSTRUMENT_FIELDS:
            instrument = INSTRUMENTS[name]
            toggles[name] = widgets.ToggleButton(
                value=bool(getattr(start, name)), description=instrument.label,
                tooltip=f"{instrument.bond} bond (level {instrument.level}): cost "
                        f"{instrument.cost:g} a period and {instrument.setup_cost:g} to set up "
                        "per member (teaching values)",
                layout=widgets.Layout(width="auto"),
            )
        controls: dict[str, widgets.Widget] = {
            **toggles,
            "margin": widgets.FloatSlider(
                value=start.margin, min=20, max=500, step=10, description="margin per period",
                readout_format=",.0f", continuous_update=True, style=_SLIDER_STYLE,
                layout=_SLIDER_LAYOUT),
            "retention": widgets.FloatSlider(
                value=start.retention, min=0.30, max=0.80, step=0.01,
                description="retention without programme", readout_format=".0%",
                continuous_update=True, style=_SLIDER_STYLE, layout=_SLIDER_LAYOUT),
            "rivals_copy": widgets.Checkbox(value=start.rivals_copy, description="rivals copy",
                                            indent=False, layout=widgets.Layout(width="8em")),
            "rival_response": widgets.IntSlider(
                value=start.rival_response, min=0, max=15, step=1,
                description="rivals start copying after (years)", continuous_update=True,
                style={"description_width": "17em"}, layout=widgets.Layout(width="29em")),
        }
        by_level = []
        for level in (1, 2, 3):
            names = [n for n in INSTRUMENT_FIELDS if INSTRUMENTS[n].level == level]
            by_level.append(widgets.HBox(
                [widgets.HTML(f"<b>level {level}: {level_name(level)}</b>",
                              layout=widgets.Layout(width="9em")),
                 *(controls[n] for n in names)]))
        sliders = widgets.HBox([widgets.VBox([controls["margin"], controls["retention"]]),
                                widgets.VBox([controls["rivals_copy"],
                                              controls["rival_response"]])])
        check_ranges(defaults, controls)
        super().__init__(ProgrammeChart(years=years), controls, [*by_level, sliders])

    @property
    def inputs(self) -> ProgrammeInputs:
        """The current values of the controls."""
        return ProgrammeInputs(**{name: c.value for name, c in self.controls.items()})

    def summarize(self, inputs: ProgrammeInputs, result: dict[str, float]) -> str:
        """One sentence that reads the chart, for the designer's status line."""
        level = int(result["level"])
        if not inputs.programme.instruments:
            return ("<b>No instruments chosen:</b> the programme changes nothing; a member is "
                    f"worth <b>{result['clv_without']:,.0f}</b>. Switch an instrument on.")
        gap = ""
        if result["deepest_level"] > level:
            gap = (f" (a level-{int(result['deepest_level'])} instrument is on, but the levels "
                   "build on each other: add the levels below to reach it)")
        roi = "—" if np.isnan(result["roi"]) else f"{result['roi']:.0%}"
        text = (f"Level reached: <b>{level} ({level_name(level)})</b>{gap}. A member is worth "
                f"<b>{result['clv_with']:,.0f}</b> with the programme against "
                f"{result['clv_without']:,.0f} without (ROI <b>{roi}</b>, "
                f"{_payback(result['payback'])}).")
        if inputs.rivals_copy:
            roi_copied = "—" if np.isnan(result["roi_copied"]) else f"{result['roi_copied']:.0%}"
            text += (f" If rivals start copying after {inputs.rival_response} years: "
                     f"<b>{result['clv_copied']:,.0f}</b> (ROI {roi_copied}).")
        return text


def _payback(payback: float) -> str:
    if payback == 0:
        return "nothing to pay back"
    if np.isinf(payback):
        return "<b>never</b> pays back"
    return f"pays back in period {payback:.0f}"


def programme_designer(**defaults: float | int | bool) -> ProgrammeDesigner:
    """Build the programme designer (see :class:`ProgrammeDesigner`); display it as a cell's last line.

    Examples
    --------
    >>> designer = programme_designer(points=True, magazine=False)
    >>> designer.last_result["level"]
    1
    """
    return ProgrammeDesigner(**defaults)
