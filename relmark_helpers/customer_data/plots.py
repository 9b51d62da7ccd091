"""Plots of notebook 05 (CLV from customer data): ``plot_*(..., *, ax=None) -> Axes``.

Numbers come from :mod:`relmark_helpers.customer_data.transactions`,
:mod:`relmark_helpers.customer_data.retention` and :mod:`relmark_helpers.lifetime_value.formulas`; this module
only draws.  :class:`RetentionChart` is the retention explorer's figure
(built once, updated in place; see :mod:`relmark_helpers.core.fastfigure`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from relmark_helpers.core.controls import choice, slider
from relmark_helpers.core.fastfigure import LiveChart
from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.style import axes_or_new, color
from relmark_helpers.core.validate import _describe, as_count, as_float, as_frame, chart_horizon
from relmark_helpers.customer_data import retention as ret
from relmark_helpers.customer_data.transactions import Concentration
from relmark_helpers.lifetime_value import formulas as clvmod

__all__ = [
    "RetentionChart",
    "RetentionInputs",
    "plot_clv_by_level",
    "plot_cohort_heatmap",
    "plot_lorenz",
    "plot_mixture_retention",
    "plot_retention_chart",
    "plot_value_by_tenure",
]



def plot_lorenz(result: Concentration, *, what: str = "spend", ax: Axes | None = None) -> Axes:
    """Lorenz curve of a value per customer, with the top customers' share marked.

    Parameters
    ----------
    result : Concentration
        From :func:`relmark_helpers.transactions.concentration`.
    what : str
        What the value is, for the labels ("spend", "CLV").
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not isinstance(result, Concentration):
        raise TypeError(f"result must be what concentration(values) returns; got {type(result).__name__}.")
    ax = axes_or_new(ax, figsize=(6.0, 5.0))
    x, y = result.customers * 100, result.value * 100
    ax.plot([0, 100], [0, 100], color=color("grey"), lw=1.5, ls="--", label=_("everyone brings the same"))
    ax.plot(x, y, color=color("blue"), lw=2.5, label=_("our customers (Gini {gini:.2f})", gini=result.gini))
    cut = (1 - result.top) * 100
    below = (1 - result.top_share) * 100
    ax.plot([cut, cut], [0, below], color=color("orange"), lw=1.5)
    ax.plot([cut], [below], "o", color=color("orange"), ms=8)
    ax.annotate(_("top {top:.0%} of customers\nbring {share:.0%} of {what}", top=result.top,
                  share=result.top_share, what=_(what)),
                xy=(cut, below), xytext=(-14, 28), textcoords="offset points", ha="right",
                fontsize=11, arrowprops={"arrowstyle": "-", "color": "0.4"})
    ax.set(title=_("How concentrated is {what}? (Lorenz curve)", what=_(what)),
           xlabel=_("customers, from least to most valuable (cumulative %)"),
           ylabel=_("share of total {what} (cumulative %)", what=_(what)), xlim=(0, 100), ylim=(0, 100))
    ax.legend(loc="upper left", fontsize=10)
    return ax


def plot_cohort_heatmap(table: pd.DataFrame, *, max_age: int | None = None,
                        ax: Axes | None = None) -> Axes:
    """Heatmap of a cohort × age table of shares still buying.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`relmark_helpers.customer_data.transactions.cohort_retention` (shares).
    max_age : int, optional
        Last age shown, at most 100,000 (``MAX_PERIODS``).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    as_frame("table", table, what="a table of cohort_retention()")
    max_age = None if max_age is None else as_count("max_age", max_age)
    try:
        data = table if max_age is None else table.loc[:, :max_age]
    except TypeError:
        raise ValueError(f"max_age needs a table whose columns are ages 0, 1, 2 ... (as "
                         f"cohort_retention() gives); got columns {list(table.columns)[:6]}.") from None
    ax = axes_or_new(ax, figsize=(10.0, 5.5))
    unit = {"M": N_("months"), "Q": N_("quarters"), "Y": N_("years")}.get(
        getattr(data.index, "freqstr", "")[:1], N_("periods"))
    shown = data.copy()
    shown.index = [str(p) for p in data.index]
    sns.heatmap(shown * 100, annot=True, fmt=".0f", cmap="viridis", vmin=0, vmax=100,
                cbar_kws={"label": _("share of the cohort buying (%)")}, ax=ax,
                annot_kws={"fontsize": 9})
    ax.set(title=_("Cohort retention: share of each cohort still buying, by age"),
           xlabel=_("age: {unit} since the first purchase", unit=_(unit)),
           ylabel=_("cohort (period of the first purchase)"))
    ax.tick_params(axis="y", rotation=0)
    return ax


def plot_mixture_retention(simulated: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Aggregate retention of a simulated cohort against its groups' constant retention.

    Parameters
    ----------
    simulated : pandas.DataFrame
        From :func:`relmark_helpers.customer_data.retention.simulate_mixture`; the groups'
        own retentions are read from the columns ``retention of group k`` if
        present (e.g. joined from :func:`~relmark_helpers.customer_data.retention.mixture_retention`).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    as_frame("simulated", simulated, ["aggregate retention"], what="a table of simulate_mixture()")
    ax = axes_or_new(ax, figsize=(8.0, 4.5))
    data = simulated.dropna(subset=["aggregate retention"])
    groups = [c for c in data.columns if c.startswith("retention of group")]
    palette = [color("green"), color("purple"), color("brown"), color("pink")]
    for k, column in enumerate(groups):
        ax.plot(data.index, data[column] * 100, color=palette[k % len(palette)], lw=2, ls="--",
                label=_("group {group}: its own retention, constant",
                        group=column.removeprefix("retention of group").strip()))
    ax.plot(data.index, data["aggregate retention"] * 100, "o-", color=color("blue"), lw=2.5,
            label=_("the whole cohort (simulated)"))
    if "expected aggregate retention" in data:
        ax.plot(data.index, data["expected aggregate retention"] * 100, color=color("orange"),
                lw=1.5, label=_("the whole cohort (expected)"))
    ax.set(title=_("Nobody's retention changes, yet the cohort's rises"),
           xlabel=_("period since joining"), ylabel=_("retention per period (%)"), ylim=(0, 100))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="lower right", fontsize=9.5)
    return ax


def plot_value_by_tenure(values: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Residual value of a subscriber by renewals so far: sBG against constant retention.

    Parameters
    ----------
    values : pandas.DataFrame
        Index ``renewals`` (0, 1, ...); columns ``sBG`` and ``constant retention``
        (money per subscriber).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    as_frame("values", values, ["sBG", "constant retention"], what="a table of values by tenure")
    ax = axes_or_new(ax, figsize=(8.0, 4.5))
    x = values.index.to_numpy()
    ax.plot(x, values["sBG"], "o-", color=color("blue"), lw=2.5,
            label=_("sBG model (retention rises with tenure)"))
    ax.plot(x, values["constant retention"], "s--", color=color("orange"), lw=2,
            label=_("constant retention (notebook 03's formula)"))
    ax.set(title=_("What an existing subscriber is still worth, by tenure"),
           xlabel=_("renewals so far"), ylabel=_("expected residual value (money per subscriber)"),
           ylim=(0, None))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:,.0f}"))
    ax.legend(loc="upper left", fontsize=10)
    return ax


def plot_clv_by_level(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Bars of CLV per customer by member level.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per member level with columns ``level`` (label) and ``clv`` (money).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    as_frame("table", table, ["level", "clv"], what="a table with columns level and clv")
    ax = axes_or_new(ax, figsize=(8.0, 4.5))
    colors = [color("grey"), color("blue"), color("green"), color("purple")]
    bars = ax.bar([_(str(level)) for level in table["level"]], table["clv"],
                  color=[colors[k % len(colors)] for k in range(len(table))])
    ax.bar_label(bars, labels=[f"{v:,.0f}" for v in table["clv"]], padding=3, fontsize=11)
    ax.set(title=_("CLV per customer by member level"), xlabel=_("member level (bonding level)"),
           ylabel=_("CLV per customer (money)"))
    ax.set_ylim(0, float(table["clv"].max()) * 1.18)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:,.0f}"))
    return ax


# --- the retention explorer's chart ------------------------------------------------------------------

@dataclass(frozen=True)
class RetentionInputs:
    """The retention explorer's settings.

    Attributes
    ----------
    segment : str
        Which row of the survivor table (e.g. the plan).
    fit_periods : int
        How many of the observed periods (counts, first the cohort) the model is fitted to, >= 2.
    discount : float
        Discount rate per period for DEL, > 0.
    """

    segment: str = choice("basic", N_("plan"), ["basic", "plus"], widget="dropdown",
                          translate_options=False)
    fit_periods: int = slider(5, N_("periods used for the fit"), 2, 8, 1,
                              tooltip=N_("The cohort's size and the counts of the next periods"))
    discount: float = slider(0.10, N_("discount rate per period"), 0.01, 0.30, 0.01, fmt=".0%",
                             tooltip=N_("What money a period later is worth less than now"))


class RetentionChart(LiveChart):
    """Survival and retention of one segment: observed, sBG and constant retention.

    Left: share still subscribed by period; dots observed (filled: used for
    the fit), lines projected by the sBG model and by a constant retention
    (the first period's).  Right: retention rate by period, the same three.

    Parameters
    ----------
    alive : pandas.DataFrame
        Survivor counts, one row per segment (from
        :func:`relmark_helpers.customer_data.retention.alive_counts`).
    horizon : int
        Periods shown (the x axis is fixed to it), 1 to 500 (``MAX_CHART_PERIODS``).
    figsize : (float, float)
        Inches.
    """

    def __init__(self, alive: pd.DataFrame, horizon: int = 15,
                 figsize: tuple[float, float] = (10.0, 5.0)):
        super().__init__()
        as_frame("alive", alive, what="a table of alive_counts(), one row per segment")
        if alive.shape[0] == 0 or alive.shape[1] < 2:
            raise ValueError(f"alive must have at least one segment and two periods; got a table of "
                             f"shape {alive.shape}.")
        self.alive = alive
        self.horizon = chart_horizon("horizon", horizon)
        self._fits: dict[tuple[str, int], ret.SbgFit] = {}
        self.figure = Figure(figsize=figsize, dpi=100)
        self.figure.subplots_adjust(left=0.085, right=0.985, bottom=0.25, top=0.8, wspace=0.25)
        self.ax_survival, self.ax_retention = self.figure.subplots(1, 2)
        blue, orange = color("blue"), color("orange")
        artists = {}
        for name, ax in (("s", self.ax_survival), ("r", self.ax_retention)):
            (artists[f"{name}_sbg"],) = ax.plot([], [], color=blue, lw=2.5,
                                                label=_("sBG model (fitted, then projected)"))
            (artists[f"{name}_naive"],) = ax.plot([], [], color=orange, lw=2, ls="--",
                                                  label=_("constant retention (the first period's)"))
            (artists[f"{name}_used"],) = ax.plot([], [], "o", color="0.15", ms=6,
                                                 label=_("observed, used for the fit"))
            (artists[f"{name}_held"],) = ax.plot([], [], "o", mfc="white", mec="0.15", ms=6,
                                                 label=_("observed, held back"))
            artists[f"{name}_cut"] = ax.axvline(0, color=color("grey"), lw=1, ls=":")
        self._a = artists
        self.ax_survival.set(title=_("Share of the cohort still subscribed"),
                             xlabel=_("period since joining"),
                             ylabel=_("still subscribed (%)"), xlim=(-0.4, self.horizon - 0.6),
                             ylim=(0, 105))
        self.ax_retention.set(title=_("Retention rate, period by period"), xlabel=_("period since joining"),
                              ylabel=_("renewed from the period before (%)"),
                              xlim=(0.6, self.horizon - 0.6), ylim=(40, 100))
        for ax in (self.ax_survival, self.ax_retention):
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
        self.figure.legend(handles=[artists["s_sbg"], artists["s_naive"], artists["s_used"],
                                    artists["s_held"]],
                           loc="lower center", ncol=2, fontsize=9.5, frameon=False)
        self._title = self.figure.suptitle("", fontsize=12, fontweight="bold", linespacing=1.4)
        self.moving = [*artists.values(), *self.caption(self._title),
                       *(ax.spines[side] for ax in (self.ax_survival, self.ax_retention)
                         for side in ("left", "bottom"))]

    def fit(self, segment: str, fit_periods: int) -> ret.SbgFit:
        """The sBG fit of ``segment`` on its first ``fit_periods`` counts (cached)."""
        if not isinstance(segment, str) or segment not in self.alive.index:
            raise ValueError(f"segment must be one of {', '.join(map(repr, self.alive.index))}; "
                             f"got {_describe(segment)}.")
        observed = self.alive.shape[1]
        periods = as_count("fit_periods", fit_periods, maximum=observed)
        if periods < 2:
            raise ValueError(f"fit_periods must be a whole number from 2 to {observed} (the periods "
                             f"observed); got {_describe(fit_periods)}.")
        key = (segment, periods)
        if key not in self._fits:
            counts = self.alive.loc[segment].to_numpy()[:periods]
            self._fits[key] = ret.fit_sbg(counts)
        return self._fits[key]

    def update(self, inputs: RetentionInputs) -> dict[str, float]:
        """Show ``inputs``; return the numbers shown.

        Returns
        -------
        dict
            ``alpha``, ``beta``, ``del_sbg`` and ``del_naive`` (discounted
            expected lifetimes in periods), ``naive_retention`` and
            ``projected_share`` / ``observed_share`` (still subscribed in the
            last observed period, model and data).
        """
        d = as_float("discount", inputs.discount, low=0.0, low_inclusive=False,
                     hint="Pass 0.1 for 10 % per period.")
        fit = self.fit(inputs.segment, inputs.fit_periods)
        self.begin_update()
        counts = self.alive.loc[inputs.segment].to_numpy().astype(float)
        observed = counts / counts[0]
        k = int(inputs.fit_periods)
        t = np.arange(self.horizon)
        survival = np.asarray(fit.survival(t), dtype=float)
        naive_r = float(counts[1] / counts[0])
        naive = naive_r ** t
        a = self._a
        a["s_sbg"].set_data(t, survival * 100)
        a["s_naive"].set_data(t, naive * 100)
        seen = np.arange(len(observed))
        a["s_used"].set_data(seen[:k], observed[:k] * 100)
        a["s_held"].set_data(seen[k:], observed[k:] * 100)
        a["s_cut"].set_xdata([k - 0.5, k - 0.5])
        t1 = t[1:]
        a["r_sbg"].set_data(t1, np.asarray(fit.retention(t1), dtype=float) * 100)
        a["r_naive"].set_data(t1, np.full(t1.shape, naive_r * 100))
        with np.errstate(divide="ignore", invalid="ignore"):
            observed_r = counts[1:] / counts[:-1]
        a["r_used"].set_data(seen[1:k], observed_r[: k - 1] * 100)
        a["r_held"].set_data(seen[k:], observed_r[k - 1:] * 100)
        a["r_cut"].set_xdata([k - 0.5, k - 0.5])
        del_sbg = float(fit.del_(d))
        del_naive = float(clvmod.clv(1.0, naive_r, d, timing="start"))
        self._title.set_text(_("Plan '{plan}', sBG fitted to {k} periods: α = {alpha:.2f}, "
                               "β = {beta:.2f}\nDiscounted expected lifetime at {d:.0%} a period: "
                               "{del_sbg:.2f} periods (sBG) vs {del_naive:.2f} (constant "
                               "retention)", plan=inputs.segment, k=k, alpha=fit.alpha,
                               beta=fit.beta, d=d, del_sbg=del_sbg, del_naive=del_naive))
        return {"alpha": fit.alpha, "beta": fit.beta, "del_sbg": del_sbg, "del_naive": del_naive,
                "naive_retention": naive_r, "observed_share": float(observed[-1]),
                "projected_share": float(survival[len(observed) - 1])}


def plot_retention_chart(alive: pd.DataFrame, horizon: int = 15, **inputs: float | int | str) -> Figure:
    """The retention explorer's chart, drawn once (for a static cell beside the widget).

    Parameters
    ----------
    alive : pandas.DataFrame
        Survivor counts per segment (from :func:`relmark_helpers.customer_data.retention.alive_counts`).
    horizon : int
        Periods shown, 1 to 500 (``MAX_CHART_PERIODS``).
    **inputs
        Fields of :class:`RetentionInputs`; the rest keep their defaults.

    Returns
    -------
    matplotlib.figure.Figure
        Shown when it is the cell's last line.
    """
    as_frame("alive", alive, what="a table of alive_counts()")
    return RetentionChart(alive, horizon=horizon).draw_once(RetentionInputs(**inputs))
