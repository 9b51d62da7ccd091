"""Plots for the workbook: every ``plot_*`` function draws on ``ax`` (or a new
figure) and returns the Axes; none calls ``plt.show()`` or changes the global
style (call :func:`relmark_helpers.core.style.use_workbook_style` for that).

Numbers come from :mod:`relmark_helpers.lifetime_value.formulas`; this module only draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from relmark_helpers.core.controls import choice, slider
from relmark_helpers.core.fastfigure import BarCollection, LiveChart
from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.style import axes_or_new, color, money_label
from relmark_helpers.core.validate import (
    MAX_CHART_PERIODS,
    as_count,
    as_float,
    as_float_array,
    as_frame,
    chart_horizon,
)
from relmark_helpers.lifetime_value import formulas as clvmod

__all__ = [
    "ClvChart",
    "ClvInputs",
    "plot_clv_chart",
    "plot_cash_flows",
    "plot_clv_vs_retention",
    "plot_margin_multiple_heatmap",
    "plot_retention_uplift",
]





def _one_dimensional(name: str, values):
    """``values`` (already checked numbers) as a non-empty 1-d array, or a message naming it."""
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"{name} must be a non-empty list of numbers; got shape {values.shape}.")
    return values


def _pair(name: str, value: object, *, low: float, high: float) -> tuple[float, float]:
    """Two numbers (low, high) in [low, high], or a message naming the argument."""
    pair = as_float_array(name, value, low=low, high=high)
    if pair.shape != (2,):
        raise TypeError(f"{name} must be two numbers (from, to); got {value!r:.60}.")
    return float(pair[0]), float(pair[1])


def plot_cash_flows(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Bars of each period's expected margin and its present value.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`relmark_helpers.lifetime_value.formulas.cash_flow_table`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    as_frame("table", table, ["period", "expected_margin", "present_value"],
             what="a table of cash_flow_table()")
    ax = axes_or_new(ax)
    long = table.melt(
        id_vars="period",
        value_vars=["expected_margin", "present_value"],
        var_name="series",
        value_name="money",
    )
    long["series"] = long["series"].map(
        {
            "expected_margin": _("expected margin (survival × margin)"),
            "present_value": _("present value (discounted)"),
        }
    )
    sns.barplot(
        data=long, x="period", y="money", hue="series", ax=ax,
        palette=[color("blue"), color("orange")],
    )
    ax.set(title=_("One customer's cash flows, period by period"), xlabel=_("period t"),
           ylabel=_("money per customer"))
    ax.yaxis.set_major_formatter(FuncFormatter(money_label))
    ax.legend(title=None, loc="upper right")
    return ax


def plot_margin_multiple_heatmap(
    retentions: np.ndarray, discounts: np.ndarray, *, ax: Axes | None = None
) -> Axes:
    """Heatmap of the margin multiple r / (1 + i - r) over retention × discount.

    Parameters
    ----------
    retentions : array_like
        Retention rates per period, in [0, 1) (rows).
    discounts : array_like
        Discount rates per period, > 0 (columns).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    _one_dimensional("retentions", as_float_array("retentions", retentions, low=0.0, high=1.0))
    _one_dimensional("discounts", as_float_array("discounts", discounts, low=0.0,
                                                 low_inclusive=False))
    ax = axes_or_new(ax, figsize=(8.0, 5.0))
    r = np.asarray(retentions, dtype=float)
    i = np.asarray(discounts, dtype=float)
    multiples = clvmod.margin_multiple(r[:, None], i[None, :])
    frame = pd.DataFrame(
        multiples,
        index=pd.Index([f"{x:.0%}" for x in r], name=_("retention r")),
        columns=pd.Index([f"{x:.0%}" for x in i], name=_("discount rate i")),
    )
    sns.heatmap(frame, annot=True, fmt=".1f", cmap="viridis", cbar_kws={"label": _("margin multiple")},
                ax=ax)
    ax.invert_yaxis()
    ax.set_title(_("Margin multiple r / (1 + i − r): CLV in periods' worth of margin"))
    return ax


def plot_clv_vs_retention(
    margin: float,
    discount: float,
    *,
    retention_range: tuple[float, float] = (0.5, 0.95),
    marked: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """CLV (infinite horizon, end-of-period margins) as retention rises.

    Parameters
    ----------
    margin : float
        Margin per period (money).
    discount : float
        Discount rate per period.
    retention_range : (float, float)
        Retention rates on the x axis, within [0, 1).
    marked : (float, float), optional
        Two retention rates to mark and join, e.g. ``(0.80, 0.85)``; the
        percentage change in CLV is written beside them.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    margin, discount = as_float("margin", margin), as_float("discount", discount)
    retention_range = _pair("retention_range", retention_range, low=0.0, high=1.0)
    marked = None if marked is None else _pair("marked", marked, low=0.0, high=1.0)
    ax = axes_or_new(ax)
    r = np.linspace(*retention_range, 200)
    ax.plot(r * 100, clvmod.clv(margin, r, discount), color=color("blue"), lw=2.5)
    if marked is not None:
        low, high = marked
        v_low, v_high = clvmod.clv(margin, low, discount), clvmod.clv(margin, high, discount)
        ax.plot([low * 100, high * 100], [v_low, v_high], "o", color=color("orange"), ms=9)
        ax.annotate(
            _("+{points:.0f} points of retention\n→ CLV +{rise:.0%}", points=(high - low) * 100,
              rise=v_high / v_low - 1),
            xy=(high * 100, v_high), xytext=(-12, 12), textcoords="offset points",
            ha="right", va="bottom", fontsize=11,
        )
    ax.set(title=_("CLV rises faster and faster with retention (margin {margin:g}, discount {discount:.0%})",
                   margin=margin, discount=discount),
           xlabel=_("retention per period (%)"), ylabel=_("CLV per customer (money)"))
    ax.yaxis.set_major_formatter(FuncFormatter(money_label))
    return ax


@dataclass(frozen=True)
class ClvInputs:
    """The explorer's assumptions (units as in :func:`relmark_helpers.lifetime_value.formulas.clv`)."""

    margin: float = slider(100.0, N_("margin per period"), 0, 500, 10, fmt=",.0f",
                           tooltip=N_("Money a customer brings each period they stay"))
    retention: float = slider(0.80, N_("retention rate r"), 0.0, 0.99, 0.01, fmt=".0%",
                              tooltip=N_("Chance a customer stays another period"))
    discount: float = slider(0.10, N_("discount rate i"), 0.0, 0.30, 0.01, fmt=".0%",
                             tooltip=N_("What money later is worth less than now"))
    periods: int = slider(10, N_("horizon"), 1, 30, 1, unit=N_("periods"),
                          tooltip=N_("How many margins are counted"))
    acquisition_cost: float = slider(150.0, N_("acquisition cost"), 0, 1000, 10, fmt=",.0f",
                                     tooltip=N_("What it costs to win the customer, paid at t = 0"))
    timing: str = choice("end", N_("margins paid at"),
                         [(N_("end of each period"), "end"), (N_("first one at t = 0"), "start")],
                         tooltip=N_("When the margins arrive"))


class ClvChart(LiveChart):
    """The CLV explorer's two-panel figure, built once and updated in place.

    Left: each period's expected margin and its present value (grey beyond
    the horizon: value the horizon leaves out).  Right: cumulative present
    value minus the acquisition cost, the no-end CLV as a ceiling, and the
    break-even period marked.

    Parameters
    ----------
    max_periods : int
        Widest horizon shown (the x axis is fixed to it), 1 to 500 (``MAX_CHART_PERIODS``).
    figsize : (float, float)
        Inches; 10 × 5 reads well on a projector.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
        Made without pyplot, so it shows only where it is displayed.
    moving : list of Artist
        Artists :meth:`update` changes (for :class:`~relmark_helpers.core.fastfigure.BlitRenderer`).
    changed_axes : list of Axes
        Axes whose limits the last :meth:`update` changed (their cached picture is stale).
    """

    def __init__(self, max_periods: int = 30, figsize: tuple[float, float] = (10.0, 5.0)):
        super().__init__()
        self.max_periods = chart_horizon("max_periods", max_periods)
        self.figure = Figure(figsize=figsize, dpi=100)
        self.figure.subplots_adjust(left=0.075, right=0.985, bottom=0.25, top=0.865, wspace=0.25)
        self.ax_flows, self.ax_cum = self.figure.subplots(1, 2)
        k = np.arange(self.max_periods)
        # Each set of bars is one collection (one draw call, not one patch per bar).
        self._expected_bars = BarCollection(self.ax_flows, k, width=0.8)
        self._present_bars = BarCollection(self.ax_flows, k, width=0.5)
        self.ax_flows.set(title=_("Each period's margin"), xlabel=_("period t"),
                          ylabel=_("money per customer"), xlim=(-0.7, self.max_periods + 0.7))
        ax = self.ax_cum
        self._zero = ax.axhline(0, color="0.3", lw=1)
        (self._cum_line,) = ax.plot([], [], color=color("blue"), lw=2.5, marker="o", ms=3.5,
                                    label=_("cumulative present value − acquisition cost"))
        (self._beyond_line,) = ax.plot([], [], color="0.6", lw=1.5, ls=":",
                                       label=_("cumulative value beyond the horizon"))
        self._ceiling = ax.axhline(0, color=color("green"), lw=1.5, ls="--",
                                   label=_("no-end CLV − acquisition cost"))
        self._break_line = ax.axvline(0, color=color("orange"), lw=1.5)
        (self._break_dot,) = ax.plot([], [], "o", color=color("orange"), ms=9)
        self._break_text = ax.text(0.5, 1.02, "", transform=ax.transAxes, ha="center",
                                   va="bottom", fontsize=12, fontweight="bold")
        ax.set(xlabel=_("period t"), ylabel=_("money per customer"),
               xlim=(-0.7, self.max_periods + 0.7))
        # One legend below both panels: the moving bars and lines never cover it.
        beyond = Patch(color="0.75", label=_("margins beyond the horizon"))
        expected = Patch(color=color("blue"), alpha=0.35, label=_("expected margin"))
        present = Patch(color=color("blue"), label=_("present value"))
        self.figure.legend(
            handles=[expected, present, beyond, self._cum_line,
                     self._beyond_line, self._ceiling],
            loc="lower center", ncol=3, fontsize=9.5, frameon=False,
        )
        for axis in (self.ax_flows, self.ax_cum):
            axis.xaxis.set_major_locator(MaxNLocator(integer=True))
            axis.yaxis.set_major_formatter(FuncFormatter(money_label))
        self._title = self.figure.suptitle("", fontsize=13, fontweight="bold")
        # In creation order (ties in z-order are drawn in this order, as in a full draw).
        self.moving = [self._expected_bars, self._present_bars, self._zero, self._cum_line,
                       self._beyond_line, self._ceiling, self._break_line, self._break_dot,
                       *self.caption(self._break_text, self._title),
                       # Spines: in a full draw they lie on top of the bars and lines.
                       *(axis.spines[side] for axis in (self.ax_flows, self.ax_cum)
                         for side in ("left", "bottom")),
                       *self.live_yaxis(self.ax_flows, self.ax_cum)]

    def update(self, inputs: ClvInputs) -> dict[str, float]:
        """Show ``inputs``; return the numbers the chart shows.

        Returns
        -------
        dict
            ``clv`` (horizon ``inputs.periods``, after acquisition cost),
            ``clv_no_end`` (infinite horizon, after cost), ``ceiling`` (the most
            one may spend to acquire: no-end CLV before cost) and
            ``break_even`` (margins needed to recover the cost, ``inf`` for never,
            as :func:`~relmark_helpers.lifetime_value.formulas.break_even_period`).
        """
        self.begin_update()
        m, r, i = inputs.margin, inputs.retention, inputs.discount
        cost = as_float("acquisition_cost", inputs.acquisition_cost, low=0.0)
        horizon = as_count("periods", inputs.periods, maximum=MAX_CHART_PERIODS)
        timing = inputs.timing
        table = clvmod.cash_flow_table(m, r, i, self.max_periods, timing=timing)
        t = table["period"].to_numpy()
        expected = table["expected_margin"].to_numpy()
        present = table["present_value"].to_numpy()
        inside = np.arange(self.max_periods) < horizon
        for bars, heights, strong in ((self._expected_bars, expected, 0.35),
                                      (self._present_bars, present, 1.0)):
            colours = np.where(inside[:, None], [*color("blue"), strong], [0.75, 0.75, 0.75, 0.5])
            bars.set_bars(heights, colors=colours, x=t)
        if timing == "end":
            # Value at t = 0 is minus the cost; margin t arrives at the end of period t.
            times = np.concatenate([[0], t])
            cumulative = np.concatenate([[0.0], table["cumulative_present_value"].to_numpy()])
            cut = horizon + 1
        else:
            # The first margin arrives at t = 0, together with the acquisition cost.
            times = t
            cumulative = table["cumulative_present_value"].to_numpy()
            cut = horizon
        cumulative = cumulative - cost
        self._cum_line.set_data(times[:cut], cumulative[:cut])
        self._beyond_line.set_data(times[max(cut - 1, 0):], cumulative[max(cut - 1, 0):])
        value = float(clvmod.clv(m, r, i, horizon, timing=timing, acquisition_cost=cost))
        ceiling = float(clvmod.max_acquisition_cost(m, r, i, timing=timing))
        no_end = ceiling - cost
        self._ceiling.set_ydata([no_end, no_end])
        margins_needed = float(clvmod.break_even_period(m, r, i, cost, timing=timing))
        if cost <= 0:
            self._break_line.set_visible(False)
            self._break_dot.set_visible(False)
            self._break_text.set_text(_("Cumulative value (no acquisition cost to repay)"))
        elif np.isfinite(margins_needed):
            when = int(margins_needed) if timing == "end" else max(int(margins_needed) - 1, 0)
            shown = when <= times[-1]
            self._break_line.set_xdata([when, when])
            self._break_dot.set_data([when], [cumulative[min(np.searchsorted(times, when),
                                                              len(cumulative) - 1)]])
            self._break_line.set_visible(shown)
            self._break_dot.set_visible(shown)
            self._break_text.set_text(
                _("Cumulative value: breaks even in period {when}", when=when)
                if margins_needed <= horizon else
                _("Cumulative value: breaks even in period {when}, after the horizon", when=when))
        else:
            self._break_line.set_visible(False)
            self._break_dot.set_visible(False)
            self._break_text.set_text(_("Cumulative value: never breaks even"))
        self._title.set_text(_("Net CLV over {horizon} periods: {value:,.0f}   ·   with no end: "
                               "{no_end:,.0f}   ·   most to spend on acquisition: {ceiling:,.0f}",
                               horizon=horizon, value=value, no_end=no_end, ceiling=ceiling))
        self.set_ylim_lazily(self.ax_flows, 0.0, max(float(expected.max(initial=0.0)), 1e-9))
        self.set_ylim_lazily(self.ax_cum, min(float(cumulative.min()), -cost, 0.0),
                       max(float(cumulative.max()), no_end, 0.0))
        return {"clv": value, "clv_no_end": no_end, "ceiling": ceiling,
                "break_even": margins_needed}


def plot_clv_chart(max_periods: int = 30, **inputs: float | int | str) -> Figure:
    """The CLV explorer's chart, drawn once (for a static cell beside the widget).

    Parameters
    ----------
    max_periods : int
        Widest horizon shown, 1 to 500 (``MAX_CHART_PERIODS``).
    **inputs
        Fields of :class:`ClvInputs`; the rest keep their defaults.

    Returns
    -------
    matplotlib.figure.Figure
        Shown when it is the cell's last line.
    """
    return ClvChart(max_periods=max_periods).draw_once(ClvInputs(**inputs))


def plot_retention_uplift(
    discounts: tuple[float, ...] = (0.05, 0.10, 0.15),
    *,
    points: float = 0.05,
    growth: float = 0.0,
    claimed: tuple[float, float] = (0.25, 0.85),
    retention_range: tuple[float, float] = (0.40, 0.94),
    ax: Axes | None = None,
) -> Axes:
    """How much CLV rises with ``points`` more retention, against a claimed range.

    Parameters
    ----------
    discounts : tuple of float
        Discount rates per period, one line each.
    points : float
        Rise in retention (0.05 = five points).
    growth : float
        Margin growth per period, as in :func:`relmark_helpers.lifetime_value.formulas.clv`.
    claimed : (float, float)
        The claimed range of profit gains, shaded (0.25-0.85: Reichheld & Sasser, 1990).
    retention_range : (float, float)
        Base retention rates on the x axis; ``high + points`` must be <= 1.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    retention_range = _pair("retention_range", retention_range, low=0.0, high=1.0)
    claimed = _pair("claimed", claimed, low=-1.0, high=100.0)
    discounts = tuple(_one_dimensional("discounts", as_float_array(
        "discounts", discounts, low=0.0, low_inclusive=False)).tolist())
    ax = axes_or_new(ax, figsize=(8.0, 4.5))
    r = np.linspace(*retention_range, 200)
    ax.axhspan(claimed[0] * 100, claimed[1] * 100, color=color("grey"), alpha=0.18,
               label=_("claimed profit gain, {low:.0%}–{high:.0%}", low=claimed[0], high=claimed[1]))
    for k, i in enumerate(discounts):
        gain = clvmod.retention_uplift(r, i, points, growth=growth)
        ax.plot(r * 100, gain * 100, lw=2.5, color=sns.color_palette("colorblind")[k],
                label=_("CLV gain, discount {discount:.0%}", discount=i))
    ax.set(title=_("What +{points:g} points of retention do to one customer's CLV", points=points * 100),
           xlabel=_("base retention per period (%)"), ylabel=_("rise in CLV (%)"), ylim=(0, None))
    ax.legend(loc="upper left", fontsize=9)
    return ax
