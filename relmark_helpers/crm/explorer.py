"""The segment explorer of notebook 07: move the observation end or the at-risk line, see segments change.

Wiring only: the numbers come from :mod:`relmark_helpers.crm.rfm_scoring`,
the figure is a :class:`~relmark_helpers.core.fastfigure.LiveChart` updated in
place, the controls follow :class:`relmark_helpers.lifetime_value.explorer.Explorer`.  The
RFM table and scores of each observation end are computed once and cached,
so a move costs a segmentation pass and a blitted redraw.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from relmark_helpers.core.controls import choice, slider
from relmark_helpers.core.dates import format_date
from relmark_helpers.core.explorer import Explorer
from relmark_helpers.core.fastfigure import BarCollection, LiveChart
from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.style import color
from relmark_helpers.core.validate import _describe, as_frame
from relmark_helpers.crm.rfm_scoring import (
    DEFAULT_RULES,
    SegmentRule,
    rfm_scores,
    rfm_segments,
    rfm_table,
    segment_summary,
)
from relmark_helpers.customer_data.transactions import _end_day

__all__ = ["SegmentChart", "SegmentExplorer", "SegmentInputs", "segment_explorer", "threshold_rules"]

SEGMENT_NAMES: tuple[str, ...] = tuple(rule.name for rule in DEFAULT_RULES)
"""The segments shown, in the order of :data:`~relmark_helpers.crm.DEFAULT_RULES`."""


def threshold_rules(at_risk_max_r: int = 2) -> tuple[SegmentRule, ...]:
    """The default segments with a movable line between *at risk* and *loyal*.

    Parameters
    ----------
    at_risk_max_r : int
        Highest R score (1-3) at which a customer with F 3-5 counts as at risk
        (and one with F 1-2 as hibernating); 2 gives :data:`DEFAULT_RULES`.
        *Loyal* and *need attention* start one score above it; with 3 there is
        no *need attention* left.

    Returns
    -------
    tuple of SegmentRule

    Examples
    --------
    >>> threshold_rules(2) == DEFAULT_RULES
    True
    >>> [r.name for r in threshold_rules(3)]
    ['champions', 'loyal', 'new', 'at risk', 'hibernating']
    """
    if (isinstance(at_risk_max_r, bool) or not isinstance(at_risk_max_r, (int, np.integer))
            or at_risk_max_r not in (1, 2, 3)):
        raise ValueError(f"at_risk_max_r must be 1, 2 or 3 (an R score); got {_describe(at_risk_max_r)}.")
    k = int(at_risk_max_r)
    by_name = {rule.name: rule for rule in DEFAULT_RULES}
    rules = [
        by_name["champions"],
        replace(by_name["loyal"], recency=(k + 1, 5)),
        by_name["new"],
        replace(by_name["at risk"], recency=(1, k)),
    ]
    if k < 3:
        rules.append(replace(by_name["need attention"], recency=(k + 1, 3)))
    rules.append(replace(by_name["hibernating"], recency=(1, k)))
    return tuple(rules)


@dataclass(frozen=True)
class SegmentInputs:
    """The segment explorer's settings.

    Attributes
    ----------
    observation_end : str
        The day the database is read, e.g. ``"2025-12-31"``.
    at_risk_max_r : int
        Highest R score counted as at risk or hibernating (1-3), see :func:`threshold_rules`.
    """

    observation_end: str = choice("2025-12-31", N_("observation end"), ["2025-12-31"],
                                  widget="selection", translate_options=False,
                                  tooltip=N_("The day the database is read; recency is counted "
                                             "back from it"))
    at_risk_max_r: int = slider(2, N_("at risk up to R score"), 1, 3, 1,
                                tooltip=N_("Frequent customers with an R score up to this are at "
                                           "risk"))


class SegmentChart(LiveChart):
    """Share of customers and of revenue to date in each segment, as grouped bars.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase (the café's loyalty log by default in the explorer).
    figsize : (float, float)
        Inches.
    """

    def __init__(self, transactions: pd.DataFrame, figsize: tuple[float, float] = (10.0, 4.8)):
        super().__init__()
        self.transactions = _check_transactions(transactions)
        self._tables: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}
        self.figure = Figure(figsize=figsize, dpi=100)
        self.figure.subplots_adjust(left=0.08, right=0.985, bottom=0.19, top=0.9)
        self.ax = self.figure.subplots()
        x = np.arange(len(SEGMENT_NAMES))
        width = 0.38
        self._summaries: dict[tuple[str, int], pd.DataFrame] = {}
        # Each set of bars is one collection; the numbers on them are captions (HTML).
        self.customer_bars = BarCollection(self.ax, x - width / 2, width, color=color("blue"))
        self.revenue_bars = BarCollection(self.ax, x + width / 2, width, color=color("orange"))
        self.labels = [self.ax.text(0, 0, "", ha="center", va="bottom", fontsize=9)
                       for _ in range(2 * len(x))]
        self._label_x = np.concatenate([x - width / 2, x + width / 2])
        self.ax.set_xticks(x, [_(name) for name in SEGMENT_NAMES])
        self.ax.set_xlim(-0.6, len(x) - 0.4)
        self.ax.set_ylabel(_("share (%)"))
        self.ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
        self.ax.grid(axis="x", visible=False)
        # Below the axes, where the live y grid (drawn on every update) cannot cross it.
        self.figure.legend(handles=[Patch(color=color("blue"), label=_("share of customers")),
                                    Patch(color=color("orange"),
                                          label=_("share of revenue to date"))],
                           loc="lower center", ncol=2, fontsize=10, frameon=False)
        self._title = self.ax.set_title("", fontsize=12, fontweight="bold")
        self.live_yaxis(self.ax)
        self.moving = [self.customer_bars, self.revenue_bars,
                       *self.caption(*self.labels, self._title),
                       self.ax.spines["left"], self.ax.spines["bottom"]]

    def table(self, observation_end: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The RFM table and its quintile scores at ``observation_end`` (cached)."""
        key = str(np.datetime64(_end_day(observation_end), "D"))
        if key not in self._tables:
            table = rfm_table(self.transactions, key)
            self._tables[key] = (table, rfm_scores(table))
        return self._tables[key]

    def summary(self, observation_end: str, at_risk_max_r: int) -> pd.DataFrame:
        """Customers and revenue per segment (rows in :data:`SEGMENT_NAMES` order; cached)."""
        key = (str(observation_end), int(at_risk_max_r))
        if key not in self._summaries:
            table, scores = self.table(observation_end)
            segments = rfm_segments(scores, threshold_rules(int(at_risk_max_r)))
            self._summaries[key] = segment_summary(table, segments).reindex(
                list(SEGMENT_NAMES), fill_value=0)
        return self._summaries[key]

    def update(self, inputs: SegmentInputs) -> dict[str, float]:
        """Show ``inputs``; return the numbers shown.

        Returns
        -------
        dict
            ``customers``; per segment ``customers_<name>``, ``share_<name>``
            and ``revenue_share_<name>`` (0-1); names as in :data:`SEGMENT_NAMES`.
        """
        self.begin_update()
        table, _scores = self.table(inputs.observation_end)
        summary = self.summary(inputs.observation_end, inputs.at_risk_max_r)
        shares = summary["share_of_customers"].to_numpy(dtype=float) * 100
        revenue = summary["share_of_revenue"].to_numpy(dtype=float) * 100
        self.customer_bars.set_bars(shares)
        self.revenue_bars.set_bars(revenue)
        for label, x, value in zip(self.labels, self._label_x, [*shares, *revenue], strict=True):
            label.set_position((x, value + 0.5))
            label.set_text(f"{value:.0f}")
        self.set_ylim_lazily(self.ax, 0.0, float(max(shares.max(), revenue.max())), headroom=1.15)
        end = pd.Timestamp(inputs.observation_end)
        self._title.set_text(_("Segments on {day}: {n:,} customers (at risk and hibernating: "
                               "R ≤ {r})", day=format_date(end), n=len(table),
                               r=inputs.at_risk_max_r))
        result: dict[str, float] = {"customers": float(len(table))}
        for name, row in summary.iterrows():
            result[f"customers_{name}"] = float(row["customers"])
            result[f"share_{name}"] = float(row["share_of_customers"])
            result[f"revenue_share_{name}"] = float(row["share_of_revenue"])
        return result


def _check_transactions(transactions: object) -> pd.DataFrame:
    """The purchase log, or a message naming ``transactions`` and the columns it needs."""
    return as_frame("transactions", transactions, ["customer_id", "date", "amount"],
                    what="a pandas DataFrame of purchases (one row each), e.g. "
                         "load_loyalty_transactions()")


def _quarter_ends(transactions: pd.DataFrame) -> list[str]:
    dates = pd.to_datetime(transactions["date"])
    start = dates.min() + pd.offsets.QuarterEnd(0) + pd.offsets.QuarterEnd(2)
    ends = pd.date_range(start, dates.max(), freq="QE")
    return [f"{d:%Y-%m-%d}" for d in ends]


class SegmentExplorer(Explorer):
    """Segment explorer: the observation end (quarter ends) and the at-risk threshold.

    Parameters
    ----------
    transactions : pandas.DataFrame, optional
        One row per purchase; default the café's loyalty log
        (:func:`relmark_helpers.customer_data.loyalty_club.load_loyalty_transactions`).
    **defaults
        Starting values, fields of :class:`SegmentInputs`.

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``observation_end`` (a slider over quarter ends) and ``at_risk_max_r`` (1-3).
    image, summary, last_result
        See :class:`relmark_helpers.lifetime_value.explorer.Explorer`.
    """

    inputs_class = SegmentInputs

    def __init__(self, transactions: pd.DataFrame | None = None, **defaults: str | int):
        if transactions is None:
            from relmark_helpers.customer_data.loyalty_club import load_loyalty_transactions

            transactions = load_loyalty_transactions()
        self.transactions = _check_transactions(transactions)
        ends = _quarter_ends(self.transactions)
        if not ends:
            raise ValueError("transactions must span at least two quarters after the first purchase "
                             "(the explorer's observation ends are quarter ends); pass a longer log.")
        # The observation ends are the log's quarter ends.
        self.limits = {"observation_end": {"options": ends}}
        if "observation_end" in defaults and not (isinstance(defaults["observation_end"], str)
                                                  and defaults["observation_end"] in ends):
            raise ValueError(f"observation_end must be a quarter end between {ends[0]} and "
                             f"{ends[-1]}; got {_describe(defaults['observation_end'])}.")
        defaults.setdefault("observation_end", ends[-1])
        super().__init__(**defaults)

    def make_chart(self, start: SegmentInputs) -> SegmentChart:
        """Grouped bars: share of customers and of revenue per segment.

        The segments of every observation end and threshold are computed here, once (about
        half a second on a classroom laptop), so that a move costs only the drawing.
        """
        chart = SegmentChart(self.transactions)
        for end in self.limits["observation_end"]["options"]:
            for threshold in range(1, 4):
                chart.summary(end, threshold)
        return chart

    def summarize(self, inputs: SegmentInputs, result: dict[str, float]) -> str:
        """One sentence that reads the chart."""
        return _(
            "On {day}, <b>{at_risk:,.0f}</b> customers are at risk ({share:.0%} of {customers:,.0f}, "
            "{revenue:.0%} of revenue to date); champions are <b>{champions:.0%}</b> of customers "
            "with {champions_revenue:.0%} of revenue.",
            day=format_date(pd.Timestamp(inputs.observation_end)), at_risk=result["customers_at risk"],
            share=result["share_at risk"], customers=result["customers"],
            revenue=result["revenue_share_at risk"], champions=result["share_champions"],
            champions_revenue=result["revenue_share_champions"])


def segment_explorer(transactions: pd.DataFrame | None = None, **defaults: str | int) -> SegmentExplorer:
    """Build the segment explorer (see :class:`SegmentExplorer`); display it as a cell's last line.

    Examples
    --------
    >>> explorer = segment_explorer(at_risk_max_r=3)
    >>> explorer.controls["observation_end"].options[-1]
    '2025-12-31'
    >>> 0 < explorer.last_result["share_at risk"] < 1
    True
    """
    return SegmentExplorer(transactions, **defaults)
