"""Plots for notebook 01, relationship versus transaction marketing.

Static ``plot_*`` functions return the Axes; the ``*Chart`` classes are the
widgets' figures, built once and updated in place (see
:class:`relmark_helpers.core.fastfigure.LiveChart`).  Numbers come from
:mod:`relmark_helpers.customer_base.simulation` and :mod:`relmark_helpers.customer_base.concentration`.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from relmark_helpers.core.controls import slider
from relmark_helpers.core.fastfigure import BarCollection, LiveChart
from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.style import axes_or_new, color, money_label
from relmark_helpers.core.validate import as_float, as_float_array, as_frame, chart_horizon
from relmark_helpers.customer_base import concentration as pareto
from relmark_helpers.customer_base.simulation import (
    RELATIONSHIP_FIRM,
    TRANSACTION_FIRM,
    crossover_period,
    simulate_customer_base,
    steady_state_customers,
)

__all__ = [
    "BucketInputs",
    "LeakyBucketChart",
    "ParetoChart",
    "TwoFirmsChart",
    "TwoFirmsInputs",
    "plot_leaky_bucket",
    "plot_pareto",
    "plot_profit_uplift_grid",
    "plot_retention_cost_breakeven",
    "plot_satisfaction_vs_loyalty",
    "plot_stakeholder_circle",
    "plot_two_firms",
    "two_firms",
]

STAKEHOLDERS: tuple[str, ...] = (
    N_("customers"), N_("suppliers"), N_("distributors\n& dealers"), N_("competitors"), N_("government"),
    N_("the public &\nsocial organisations"), N_("shareholders"), N_("employees\n(internal marketing)"),
)
"""The relationship partners of relationship marketing, clockwise from the top."""




def plot_stakeholder_circle(*, ax: Axes | None = None) -> Axes:
    """The wider circle of relationships: the firm and its eight partner markets.

    Transaction marketing looks only at the customer (the arrow at the top);
    relationship marketing manages all eight relationships.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = axes_or_new(ax, (7.5, 7.0))
    ax.set_aspect("equal")
    ax.axis("off")
    ax.add_patch(Circle((0, 0), 0.55, color=color("blue"), alpha=0.9))
    ax.text(0, 0, _("the firm"), ha="center", va="center", color="white", fontsize=14,
            fontweight="bold")
    angles = np.pi / 2 - np.arange(len(STAKEHOLDERS)) * 2 * np.pi / len(STAKEHOLDERS)
    for k, (label, angle) in enumerate(zip(STAKEHOLDERS, angles, strict=True)):
        x, y = 1.75 * np.cos(angle), 1.75 * np.sin(angle)
        customer = k == 0
        ax.add_patch(Circle((x, y), 0.5, color=color("orange") if customer else color("green"),
                            alpha=0.85 if customer else 0.35))
        ax.text(x, y, _(label), ha="center", va="center", fontsize=10.5,
                fontweight="bold" if customer else "normal")
        start = (0.6 * np.cos(angle), 0.6 * np.sin(angle))
        end = (1.22 * np.cos(angle), 1.22 * np.sin(angle))
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="<->", mutation_scale=14,
                                     color="0.35", lw=1.5))
    ax.set(xlim=(-2.45, 2.45), ylim=(-2.45, 2.6))
    ax.set_title(_("Relationship marketing manages every relationship, not only the customer's"),
                 fontsize=12)
    return ax


@dataclass(frozen=True)
class BucketInputs:
    """Leaky-bucket assumptions: new customers a year, retention, margin a year (teaching values)."""

    acquisitions: float = slider(500.0, N_("new customers a year"), 0, 2000, 50, fmt=",.0f",
                                 tooltip=N_("Customers won each year"))
    retention: float = slider(0.60, N_("retention rate r"), 0.0, 0.95, 0.01, fmt=".0%",
                              tooltip=N_("Share of customers who stay each year"))
    margin: float = slider(250.0, N_("margin a year"), 0, 1000, 10, fmt=",.0f",
                           tooltip=N_("Money a kept customer brings each year"))
    years: int = 15


class LeakyBucketChart(LiveChart):
    """The leaky bucket: the base fills towards a / (1 - r) while customers leak out.

    Left: customers at the end of each year and the level where the base
    settles.  Right: each year's margin from the customers kept (blue) and the
    margin the customers who left would have brought (orange): what leaks out.
    """

    def __init__(self, years: int = 15, figsize: tuple[float, float] = (10.0, 4.8)):
        super().__init__()
        self.years = chart_horizon("years", years)
        self.figure = Figure(figsize=figsize, dpi=100)
        self.figure.subplots_adjust(left=0.09, right=0.985, bottom=0.24, top=0.86, wspace=0.3)
        self.ax_base, self.ax_money = self.figure.subplots(1, 2)
        t = np.arange(1, self.years + 1)
        (self._base,) = self.ax_base.plot([], [], color=color("blue"), lw=2.5, marker="o", ms=4,
                                          label=_("customers at the end of the year"))
        self._steady = self.ax_base.axhline(0, color=color("green"), lw=1.5, ls="--",
                                            label=_("where the base settles, a / (1 − r)"))
        # Each set of bars is one collection (one draw call, not one patch per bar).
        self._kept = BarCollection(self.ax_money, t, width=0.8, color=color("blue"))
        self._leaked = BarCollection(self.ax_money, t, width=0.8, color=color("orange"))
        self.ax_base.set(title=_("The customer base"), xlabel=_("year"), ylabel=_("customers"),
                         xlim=(0.3, self.years + 0.7))
        self.ax_money.set(title=_("Where the money leaks"), xlabel=_("year"), ylabel=_("money per year"),
                          xlim=(0.3, self.years + 0.7))
        for axis in (self.ax_base, self.ax_money):
            axis.xaxis.set_major_locator(MaxNLocator(integer=True))
            axis.yaxis.set_major_formatter(FuncFormatter(money_label))
        self.figure.legend(handles=[self._base, self._steady,
                                    Patch(color=color("blue"), label=_("margin from customers kept")),
                                    Patch(color=color("orange"),
                                          label=_("margin lost with customers who left"))],
                           loc="lower center", ncol=2, fontsize=9.5, frameon=False)
        self._title = self.figure.suptitle("", fontsize=13, fontweight="bold")
        self.moving = [self._base, self._steady, self._kept, self._leaked,
                       *self.caption(self._title),
                       *(axis.spines[side] for axis in (self.ax_base, self.ax_money)
                         for side in ("left", "bottom")),
                       *self.live_yaxis(self.ax_base, self.ax_money)]

    def update(self, inputs: BucketInputs) -> dict[str, float]:
        """Show ``inputs``; return the steady state and the last year's leak."""
        self.begin_update()
        strategy = TRANSACTION_FIRM.with_(name="bucket", acquisition_budget=None,
                                          acquisitions=inputs.acquisitions,
                                          retention=inputs.retention, margin=inputs.margin)
        table = simulate_customer_base(strategy, self.years)
        end = table["end"].to_numpy()
        steady = (steady_state_customers(inputs.acquisitions, inputs.retention)
                  if inputs.retention < 1 else float("inf"))
        self._base.set_data(table["period"], end)
        self._steady.set_ydata([steady, steady])
        kept_margin = table["revenue"].to_numpy()
        leaked_margin = table["lost"].to_numpy() * inputs.margin
        self._kept.set_bars(kept_margin)
        self._leaked.set_bars(leaked_margin, bottom=kept_margin)
        self._title.set_text(_("{won:,.0f} new customers a year, {r:.0%} stay: the base settles "
                               "at {steady:,.0f}", won=inputs.acquisitions, r=inputs.retention,
                               steady=steady))
        top = max(float(end.max()), steady if np.isfinite(steady) else 0.0, 1.0)
        self.set_ylim_lazily(self.ax_base, 0.0, top)
        self.set_ylim_lazily(self.ax_money, 0.0, max(float((kept_margin + leaked_margin).max()),
                                                     1.0))
        return {"steady_state": steady, "end": float(end[-1]),
                "lost_last_year": float(table["lost"].iloc[-1]),
                "leaked_last_year": float(leaked_margin[-1])}


@dataclass(frozen=True)
class TwoFirmsInputs:
    """Two firms with the same marketing budget (teaching values, per year).

    ``retention_share`` is the part of the relationship firm's budget spent on
    keeping customers; the rest buys new ones, like all of the transaction
    firm's budget.
    """

    budget: float = slider(100_000.0, N_("marketing budget a year"), 20_000, 300_000, 10_000,
                           fmt=",.0f", tooltip=N_("The same for both firms"))
    retention_share: float = slider(0.40, N_("share spent on keeping"), 0.0, 0.8, 0.05, fmt=".0%",
                                    tooltip=N_("Part of the relationship firm's budget spent on "
                                               "retention"))
    transaction_retention: float = slider(0.60, N_("retention, transaction firm"), 0.0, 0.95, 0.01,
                                          fmt=".0%", tooltip=N_("Share of the transaction firm's "
                                                                "customers who stay"))
    relationship_retention: float = slider(0.80, N_("retention, relationship firm"), 0.0, 0.95,
                                           0.01, fmt=".0%",
                                           tooltip=N_("What its retention spending achieves"))
    margin: float = slider(250.0, N_("margin a year"), 50, 600, 10, fmt=",.0f",
                           tooltip=N_("Money a kept customer brings each year"))
    years: int = 10


def two_firms(inputs: TwoFirmsInputs) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Simulate the transaction and the relationship firm for ``inputs`` (deterministic).

    The firms start from :data:`~relmark_helpers.customer_base.simulation.TRANSACTION_FIRM` and
    :data:`~relmark_helpers.customer_base.simulation.RELATIONSHIP_FIRM` (acquisition cost,
    the relationship firm's margin growth and referrals) with the budget,
    retention rates and margin of ``inputs``.
    """
    if not isinstance(inputs, TwoFirmsInputs):
        raise TypeError(f"inputs must be a TwoFirmsInputs; got {type(inputs).__name__}.")
    as_float("budget", inputs.budget, low=0.0)
    as_float("retention_share", inputs.retention_share, low=0.0, high=1.0,
             hint="The share of the budget spent on keeping customers: 0.4 for 40 %.")
    for name in ("transaction_retention", "relationship_retention"):
        as_float(name, getattr(inputs, name), low=0.0, high=1.0, hint="Pass 0.8 for 80 %.")
    chart_horizon("years", inputs.years)
    transaction = TRANSACTION_FIRM.with_(acquisition_budget=inputs.budget,
                                         retention=inputs.transaction_retention,
                                         margin=inputs.margin)
    relationship = RELATIONSHIP_FIRM.with_(
        acquisition_budget=inputs.budget * (1 - inputs.retention_share),
        retention_budget=inputs.budget * inputs.retention_share,
        retention=inputs.relationship_retention, margin=inputs.margin)
    return (simulate_customer_base(transaction, inputs.years),
            simulate_customer_base(relationship, inputs.years))


class TwoFirmsChart(LiveChart):
    """Transaction firm versus relationship firm: customers and cumulative discounted profit."""

    def __init__(self, years: int = 10, figsize: tuple[float, float] = (10.0, 4.8)):
        super().__init__()
        self.years = chart_horizon("years", years)
        self.figure = Figure(figsize=figsize, dpi=100)
        self.figure.subplots_adjust(left=0.09, right=0.985, bottom=0.22, top=0.86, wspace=0.32)
        self.ax_base, self.ax_profit = self.figure.subplots(1, 2)
        tm, rm = color("orange"), color("blue")
        (self._tm_base,) = self.ax_base.plot([], [], color=tm, lw=2.5, marker="o", ms=4,
                                             label=_("transaction firm"))
        (self._rm_base,) = self.ax_base.plot([], [], color=rm, lw=2.5, marker="s", ms=4,
                                             label=_("relationship firm"))
        self._zero = self.ax_profit.axhline(0, color="0.3", lw=1)
        (self._tm_profit,) = self.ax_profit.plot([], [], color=tm, lw=2.5, marker="o", ms=4)
        (self._rm_profit,) = self.ax_profit.plot([], [], color=rm, lw=2.5, marker="s", ms=4)
        self._cross = self.ax_profit.axvline(1, color=color("green"), lw=1.5, ls="--")
        self._cross_text = self.ax_profit.text(0.5, 1.02, "", transform=self.ax_profit.transAxes,
                                               ha="center", va="bottom", fontsize=12,
                                               fontweight="bold")
        self.ax_base.set(title=_("Customers at the end of the year"), xlabel=_("year"),
                         ylabel=_("customers"), xlim=(0.5, self.years + 0.5))
        self.ax_profit.set(xlabel=_("year"), ylabel=_("cumulative discounted profit (money)"),
                           xlim=(0.5, self.years + 0.5))
        for axis in (self.ax_base, self.ax_profit):
            axis.xaxis.set_major_locator(MaxNLocator(integer=True))
            axis.yaxis.set_major_formatter(FuncFormatter(money_label))
        self.figure.legend(handles=[self._tm_base, self._rm_base], loc="lower center", ncol=2,
                           fontsize=10, frameon=False)
        self._title = self.figure.suptitle("", fontsize=13, fontweight="bold")
        self.moving = [self._tm_base, self._rm_base, self._zero, self._tm_profit, self._rm_profit,
                       self._cross, *self.caption(self._cross_text, self._title),
                       *(axis.spines[side] for axis in (self.ax_base, self.ax_profit)
                         for side in ("left", "bottom")),
                       *self.live_yaxis(self.ax_base, self.ax_profit)]

    def update(self, inputs: TwoFirmsInputs) -> dict[str, float]:
        """Show ``inputs``; return both firms' final numbers and the crossover year (0 = never)."""
        self.begin_update()
        tm, rm = two_firms(inputs)
        years = tm["period"]
        self._tm_base.set_data(years, tm["end"])
        self._rm_base.set_data(years, rm["end"])
        self._tm_profit.set_data(years, tm["cumulative_discounted_profit"])
        self._rm_profit.set_data(years, rm["cumulative_discounted_profit"])
        year = crossover_period(tm, rm)
        if year is None:
            self._cross.set_visible(False)
            self._cross_text.set_text(_("Profit: the relationship firm never catches up"))
        else:
            self._cross.set_visible(True)
            self._cross.set_xdata([year, year])
            self._cross_text.set_text(_("Profit: relationship firm ahead from year {year}",
                                        year=year))
        tm_final = float(tm["cumulative_discounted_profit"].iloc[-1])
        rm_final = float(rm["cumulative_discounted_profit"].iloc[-1])
        self._title.set_text(_("After {years} years: transaction firm {tm:,.0f}, relationship "
                               "firm {rm:,.0f}", years=inputs.years, tm=tm_final, rm=rm_final))
        ends = np.concatenate([tm["end"], rm["end"]])
        profits = np.concatenate([tm["cumulative_discounted_profit"],
                                  rm["cumulative_discounted_profit"]])
        self.set_ylim_lazily(self.ax_base, 0.0, max(float(ends.max()), 1.0))
        self.set_ylim_lazily(self.ax_profit, min(float(profits.min()), 0.0),
                             max(float(profits.max()), 1.0))
        return {"transaction_profit": tm_final, "relationship_profit": rm_final,
                "transaction_customers": float(tm["end"].iloc[-1]),
                "relationship_customers": float(rm["end"].iloc[-1]),
                "crossover_year": float(year or 0)}


@dataclass(frozen=True)
class ParetoInputs:
    """The 80/20 explorer's one assumption: the spread of log spending.

    Not exported yet: notebook 02's static chart still passes ``sigma=1.0`` to
    :func:`plot_pareto` (which has no default), and the single-source test would
    rightly count that as a restated default.
    """

    sigma: float = slider(1.0, N_("inequality of spending (σ)"), 0.0, 3.0, 0.05, fmt=".2f",
                          tooltip=N_("Spread of log spending: 0 = everybody spends the same"))


class ParetoChart(LiveChart):
    """The Lorenz curve of customer spending and the share of the top 20 %."""

    def __init__(self, figsize: tuple[float, float] = (7.0, 5.0)):
        super().__init__()
        self.figure = Figure(figsize=figsize, dpi=100)
        self.figure.subplots_adjust(left=0.13, right=0.96, bottom=0.13, top=0.86)
        ax = self.ax = self.figure.subplots()
        # Static marks below the moving curve and band (z-order 1.9), so that the
        # cached background never covers what moves; the label sits clear of the band.
        ax.plot([0, 100], [0, 100], color="0.5", ls=":", lw=1.5, zorder=1.9)
        ax.text(38, 30, _("everybody spends the same"), rotation=34, color="0.4", fontsize=9,
                zorder=1.9)
        ax.axvline(80, color="0.6", lw=1, zorder=1.9)
        ax.text(78, 96, _("the top 20 %'s\nshare of spending →"), ha="right", va="top", fontsize=9.5,
                color=color("orange"), zorder=1.9)
        (self._curve,) = ax.plot([], [], color=color("blue"), lw=2.5)
        (self._gap,) = ax.plot([], [], color=color("orange"), lw=6, alpha=0.7,
                               solid_capstyle="butt")
        (self._dot,) = ax.plot([], [], "o", color=color("orange"), ms=9)
        ax.set(xlim=(0, 100), ylim=(0, 100), xlabel=_("customers, smallest spenders first (%)"),
               ylabel=_("share of all spending (%)"))
        ax.xaxis.set_major_formatter(PercentFormatter())
        ax.yaxis.set_major_formatter(PercentFormatter())
        self._title = self.figure.suptitle("", fontsize=12.5, fontweight="bold")
        self.moving = [self._curve, self._gap, self._dot, *self.caption(self._title)]

    def update(self, inputs: ParetoInputs | float) -> dict[str, float]:
        """Draw the Lorenz curve for spread ``sigma`` (a :class:`ParetoInputs` or the number)."""
        self.begin_update()
        sigma = inputs.sigma if isinstance(inputs, ParetoInputs) else inputs
        p, lorenz = pareto.lognormal_lorenz(sigma)
        share = pareto.lognormal_top_share(sigma, 0.2)
        self._curve.set_data(p * 100, lorenz * 100)
        self._dot.set_data([80], [(1 - share) * 100])
        self._gap.set_data([80, 80], [(1 - share) * 100, 100])
        self._title.set_text(_("The top 20 % of customers bring {share:.0f} % of spending",
                               share=share * 100))
        return {"top_share": float(share)}


def plot_leaky_bucket(**inputs: float) -> Figure:
    """Static leaky-bucket chart (see :class:`LeakyBucketChart`) for fields of :class:`BucketInputs`."""
    values = BucketInputs(**inputs)
    return LeakyBucketChart(years=values.years).draw_once(values)


def plot_pareto(sigma: float) -> Figure:
    """Static Lorenz-curve chart at spread ``sigma`` (see :class:`ParetoChart`)."""
    return ParetoChart().draw_once(sigma)


def plot_two_firms(**inputs: float) -> Figure:
    """Static two-firms chart (see :class:`TwoFirmsChart`) for fields of :class:`TwoFirmsInputs`."""
    return TwoFirmsChart().draw_once(TwoFirmsInputs(**inputs))


def plot_satisfaction_vs_loyalty(satisfied_switch: float, very_satisfied_rebuy: float, *,
                                 source: str, ax: Axes | None = None) -> Axes:
    """Two quoted survey figures side by side: satisfied is not loyal.

    Parameters
    ----------
    satisfied_switch : float
        Share of satisfied customers who still switched brands regularly, in [0, 1].
    very_satisfied_rebuy : float
        Share of very satisfied customers who intended to buy again, in [0, 1].
    source : str
        Printed under the chart.
    """
    satisfied_switch = as_float("satisfied_switch", satisfied_switch, low=0.0, high=1.0,
                                hint="Pass 0.6 for 60 %.")
    very_satisfied_rebuy = as_float("very_satisfied_rebuy", very_satisfied_rebuy, low=0.0, high=1.0,
                                    hint="Pass 0.8 for 80 %.")
    ax = axes_or_new(ax, (7.5, 4.2))
    labels = [_("'satisfied' customers who\nstill switch brands regularly"),
              _("'very satisfied' Toyota owners\nwho intend to buy again")]
    values = [satisfied_switch * 100, very_satisfied_rebuy * 100]
    bars = ax.barh(labels, values, color=[color("orange"), color("blue")], height=0.55)
    ax.bar_label(bars, labels=[f"{v:.0f} %" for v in values], padding=4, fontsize=12)
    ax.set(xlim=(0, 100), xlabel=_("share of customers (%)"),
           title=_("Satisfied is not the same as loyal"))
    ax.invert_yaxis()
    ax.annotate(_("Source: {source}", source=source), xy=(0, 0), xycoords="figure fraction", xytext=(6, 4),
                textcoords="offset points", fontsize=8, color="0.35")
    return ax


def plot_profit_uplift_grid(grid: pd.DataFrame, *, claimed: tuple[float, float] = (0.25, 0.85),
                            ax: Axes | None = None) -> Axes:
    """Heatmap of the rise in profit from +5 points of retention, cells inside the claim outlined.

    Parameters
    ----------
    grid : pandas.DataFrame
        Rows: base retention; columns: margin growth; values: relative rise (0.3 = +30 %).
    claimed : (float, float)
        The claimed range; cells inside it get a black frame.
    """
    as_frame("grid", grid, what="a table of profit_uplift_grid()")
    if grid.size == 0:
        raise ValueError("grid must hold at least one value; got an empty table.")
    pair = as_float_array("claimed", claimed, low=-1.0, high=100.0)
    if pair.shape != (2,):
        raise TypeError(f"claimed must be two numbers (from, to); got {claimed!r:.60}.")
    claimed = (float(pair[0]), float(pair[1]))
    ax = axes_or_new(ax, (8.0, 5.0))
    shown = grid * 100
    shown.index = [f"{v:.0%}" for v in grid.index]
    shown.columns = [f"{v:.0%}" for v in grid.columns]
    sns.heatmap(shown, annot=True, fmt=".0f", cmap="viridis", ax=ax,
                cbar_kws={"label": _("rise in 10-year discounted profit (%)")})
    ax.invert_yaxis()
    inside = (grid >= claimed[0]) & (grid <= claimed[1])
    n_rows = len(grid.index)
    for (i, j), flag in np.ndenumerate(inside.to_numpy()):
        if flag:
            ax.add_patch(plt.Rectangle((j, n_rows - 1 - i), 1, 1, fill=False, lw=2.2,
                                       ec="black"))
    ax.set(xlabel=_(grid.columns.name) if grid.columns.name else _("margin growth per year"),
           ylabel=_(grid.index.name) if grid.index.name else _("base retention per year"),
           title=_("+5 points of retention: where profit rises by {low:.0%}–{high:.0%} (framed)",
                   low=claimed[0], high=claimed[1]))
    return ax


def plot_retention_cost_breakeven(frame: pd.DataFrame, *, claimed_ratio: float = 5.0,
                                  ax: Axes | None = None) -> Axes:
    """Most the relationship firm may spend per kept customer, against the cost of acquisition.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``acquisition_cost`` and ``breakeven_retention_cost`` (money).
    claimed_ratio : float
        Draws the line "keeping costs 1/ratio of winning" for comparison.
    """
    as_frame("frame", frame, ["acquisition_cost", "breakeven_retention_cost"],
             what="a table of breakeven_retention_costs()")
    claimed_ratio = as_float("claimed_ratio", claimed_ratio, low=0.0, low_inclusive=False,
                             hint="Pass 5 for 'five times as expensive'.")
    ax = axes_or_new(ax, (7.5, 4.5))
    x = frame["acquisition_cost"]
    ax.plot(x, frame["breakeven_retention_cost"], color=color("blue"), lw=2.5,
            label=_("most the relationship firm may spend\nper kept customer per year and still win"))
    ax.plot(x, x / claimed_ratio, color=color("orange"), lw=2, ls="--",
            label=_("cost of keeping a customer if winning\none costs {ratio:g}× as much",
                    ratio=claimed_ratio))
    ax.fill_between(x, 0, frame["breakeven_retention_cost"], color=color("blue"), alpha=0.12)
    ax.set(xlabel=_("cost of winning a new customer (money)"),
           ylabel=_("spend per kept customer per year (money)"),
           title=_("When does spending on retention beat spending on acquisition?"), ylim=(0, None))
    ax.legend(loc="upper left", fontsize=9)
    return ax
