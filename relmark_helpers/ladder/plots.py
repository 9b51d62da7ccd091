"""Plots for notebook 08, the relationship life cycle and the customer ladder.

Static ``plot_*`` functions return the Axes (or the Figure of a live chart);
:class:`LadderChart` is the ladder explorer's figure, built once and updated in
place (see :class:`relmark_helpers.core.fastfigure.LiveChart`).  Numbers come from
:mod:`relmark_helpers.ladder.model`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter

from relmark_helpers.core.controls import slider
from relmark_helpers.core.fastfigure import BarCollection, LiveChart
from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.style import axes_or_new, color, money_label
from relmark_helpers.core.validate import as_frame
from relmark_helpers.ladder.model import LADDER_RUNGS, Ladder, teaching_ladder

__all__ = ["LadderChart", "LadderInputs", "plot_ladder", "plot_ladder_projection",
           "plot_lapse_by_group"]

SHORT_NAMES: dict[str, str] = {
    "first-time customer": N_("first-time"), "repeat customer": N_("repeat"), "client": N_("client"),
    "advocate": N_("advocate"), "partner": N_("partner"), "lapsed": N_("lapsed"),
}

_RUNG_COLOURS = ("cyan", "blue", "green", "purple", "brown", "grey")




@dataclass(frozen=True)
class LadderInputs:
    """The ladder explorer's settings (teaching values, per year; see :func:`teaching_ladder`)."""

    promotion: float = slider(0.30, N_("promotion a year"), 0.0, 0.5, 0.01, fmt=".0%",
                              tooltip=N_("Chance a first-time or repeat customer moves up one rung"))
    lapse: float = slider(0.25, N_("lapse a year (first-time)"), 0.02, 0.5, 0.01, fmt=".0%",
                          tooltip=N_("Chance a first-time customer stops buying; less on higher "
                                     "rungs"))
    development_cost: float = slider(10.0, N_("cost of moving up"), 0, 60, 1, fmt=",.0f",
                                     tooltip=N_("Marketing cost per customer a year on every rung "
                                                "below partner"))
    win_back: float = 0.05
    discount: float = 0.10


class LadderChart(LiveChart):
    """Left: where the base settles (share on each rung).  Right: a customer's value per rung."""

    def __init__(self, figsize: tuple[float, float] = (10.0, 4.8)):
        super().__init__()
        self.figure = Figure(figsize=figsize, dpi=100)
        self.figure.subplots_adjust(left=0.08, right=0.985, bottom=0.21, top=0.80, wspace=0.28)
        self.ax_share, self.ax_value = self.figure.subplots(1, 2)
        x = np.arange(len(LADDER_RUNGS))
        colours = [color(c) for c in _RUNG_COLOURS]
        # Each set of bars is one collection (one draw call, not one patch per bar).
        self._shares = BarCollection(self.ax_share, x, width=0.7, facecolors=colours)
        self._values = BarCollection(self.ax_value, x, width=0.7, facecolors=colours)
        self._zero = self.ax_value.axhline(0, color="0.3", lw=1, zorder=0.5)
        labels = [_(SHORT_NAMES[s]) for s in LADDER_RUNGS]
        self.ax_share.set(title=_("Where the base settles"), ylabel=_("share of all customers"),
                          ylim=(0, 1.12), xticks=x, xlim=(-0.6, len(x) - 0.4))
        self.ax_share.set_xticklabels(labels, rotation=30, ha="right")
        self.ax_share.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        self.ax_value.set(title=_("What a customer on each rung is worth"), xticks=x,
                          xlim=(-0.6, len(x) - 0.4),
                          ylabel=_("expected discounted value (money)"))
        self.ax_value.set_xticklabels(labels, rotation=30, ha="right")
        self.ax_value.yaxis.set_major_formatter(FuncFormatter(money_label))
        self._share_labels = [self.ax_share.text(k, 0, "", ha="center", va="bottom", fontsize=9)
                              for k in x]
        self._value_labels = [self.ax_value.text(k, 0, "", ha="center", va="bottom", fontsize=9)
                              for k in x]
        self.figure.text(0.5, 0.015, _("Teaching values, per year; margins at the end of each year."),
                         ha="center", fontsize=9,
                         color="0.35")
        self._title = self.figure.suptitle("", fontsize=12.5, fontweight="bold")
        self.moving = [self._zero, self._shares, self._values,
                       *self.caption(*self._share_labels, *self._value_labels, self._title),
                       *(axis.spines[side] for axis in (self.ax_share, self.ax_value)
                         for side in ("left", "bottom")),
                       *self.live_yaxis(self.ax_value)]

    def update(self, inputs: LadderInputs) -> dict[str, float]:
        """Show ``inputs``; return the steady-state shares and the value of each rung."""
        self.begin_update()
        ladder = teaching_ladder(inputs.promotion, inputs.lapse, inputs.development_cost,
                                 win_back=inputs.win_back)
        shares = ladder.steady_state().to_numpy()
        values = ladder.expected_value(inputs.discount).to_numpy()
        self._shares.set_bars(shares)
        for x, label, share in zip(self._shares.x, self._share_labels, shares, strict=True):
            label.set_position((x, share + 0.01))
            label.set_text(f"{share:.0%}")
        self.set_ylim_lazily(self.ax_value, min(float(values.min()), 0.0),
                             max(float(values.max()), 1.0))
        low, high = self.ax_value.get_ylim()
        pad = 0.01 * (high - low)
        self._values.set_bars(values)
        for x, label, value in zip(self._values.x, self._value_labels, values, strict=True):
            label.set_position((x, value + pad if value >= 0 else value - pad))
            label.set_va("bottom" if value >= 0 else "top")
            label.set_text(f"{value:,.0f}")
        active = 1.0 - shares[-1]
        upper = shares[2:5].sum()
        self._title.set_text(_(
            "Promotion {promotion:.0%}, lapse {lapse:.0%} a year: {active:.0%} of the base is "
            "active, {upper:.0%} client or higher;\na first-time customer is worth {value:,.0f} "
            "(discount {discount:.0%} a year)", promotion=inputs.promotion, lapse=inputs.lapse,
            active=active, upper=upper, value=values[0], discount=inputs.discount))
        result = {f"share_{SHORT_NAMES[s]}": float(v) for s, v in zip(LADDER_RUNGS, shares,
                                                                      strict=True)}
        result.update({f"value_{SHORT_NAMES[s]}": float(v) for s, v in zip(LADDER_RUNGS, values,
                                                                          strict=True)})
        result.update({"active_share": float(active), "upper_share": float(upper)})
        return result


def plot_ladder(**inputs: float) -> Figure:
    """Static ladder chart (see :class:`LadderChart`) for fields of :class:`LadderInputs`.

    Examples
    --------
    >>> figure = plot_ladder(promotion=0.2)
    >>> [ax.get_title() for ax in figure.axes]
    ['Where the base settles', 'What a customer on each rung is worth']
    """
    return LadderChart().draw_once(LadderInputs(**inputs))


def plot_ladder_projection(ladder: Ladder, initial: object, periods: int, *,
                           ax: Axes | None = None) -> Axes:
    """A cohort climbing (and leaving) the ladder: expected customers per rung, stacked.

    Parameters
    ----------
    ladder : Ladder
        The chain.
    initial : str, dict or list
        Customers at t = 0 (see :meth:`Ladder.project`).
    periods : int
        Periods shown, 0 to 100,000 (``MAX_PERIODS``).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not isinstance(ladder, Ladder):
        raise TypeError(f"ladder must be a Ladder (e.g. teaching_ladder()); got {type(ladder).__name__}.")
    ax = axes_or_new(ax, (9.0, 4.8))
    table = ladder.project(initial, periods).pivot(index="period", columns="state",
                                                   values="customers")[list(ladder.states)]
    palette = [color(c) for c in _RUNG_COLOURS] + [color("orange")] * 10
    ax.stackplot(table.index, table.T.to_numpy(), labels=[_(SHORT_NAMES.get(s, s)) for s in table],
                 colors=palette[:len(table.columns)], alpha=0.85)
    ax.set(xlim=(0, periods), ylim=(0, float(table.sum(axis=1).max()) * 1.02),
           xlabel=_("period (year)"), ylabel=_("expected customers"),
           title=_("Where a cohort of first-time customers is, year by year"))
    ax.yaxis.set_major_formatter(FuncFormatter(money_label))
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=9.5,
              reverse=True)
    return ax


def plot_lapse_by_group(table: pd.DataFrame, *, column: str = "lapsed",
                        ax: Axes | None = None) -> Axes:
    """Horizontal bars of a lapse rate per group (e.g. per member level), labelled in %.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per group (the index names it); ``column`` holds the share of
        customers who lapsed, in [0, 1].

    Returns
    -------
    matplotlib.axes.Axes
    """
    as_frame("table", table, {"column": column}, what="a table with one row per group")
    ax = axes_or_new(ax, (8.0, 3.8))
    shares = table[column].to_numpy(dtype=float) * 100
    labels = [_(str(i)) for i in table.index]
    bars = ax.barh(labels, shares, color=color("orange"), height=0.6)
    ax.bar_label(bars, labels=[f"{v:.0f} %" for v in shares], padding=4, fontsize=11)
    ax.set(xlim=(0, max(100.0, float(shares.max()) * 1.1)), xlabel=_("customers who lapsed (%)"),
           title=_("Relationship monitoring: who lapses?"))
    ax.invert_yaxis()
    return ax
