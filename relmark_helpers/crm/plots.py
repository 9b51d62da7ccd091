"""Charts of classic RFM segmentation (notebook 07): ``plot_*(..., *, ax=None) -> Axes``.

Numbers come from :mod:`relmark_helpers.crm.rfm_scoring`; this module only draws.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import PercentFormatter

from relmark_helpers.core.messages import _
from relmark_helpers.core.style import axes_or_new, color, money_label
from relmark_helpers.core.validate import _describe, choose
from relmark_helpers.crm.rfm_scoring import (
    _MAX_BINS,
    DEFAULT_RULES,
    SCORE_COLUMNS,
    SegmentRule,
    _check_rules,
    _check_table,
    rfm_segments,
)

__all__ = ["HEATMAP_VALUES", "plot_rf_heatmap", "plot_segment_sizes", "segment_colors"]

HEATMAP_VALUES: tuple[str, ...] = ("customers", "revenue")
"""What :func:`plot_rf_heatmap` can show in each cell."""


_SEGMENT_ORDER = ("green", "blue", "purple", "red", "orange", "grey", "cyan", "brown", "pink", "olive")
"""Colours given to segments in rule order: the default rules get green (champions), blue (loyal),
purple (new), red (at risk), orange (need attention) and grey (hibernating)."""


def segment_colors(names: Sequence[str]) -> dict[str, tuple[float, float, float]]:
    """One palette colour per segment name, in rule order (the same in every chart)."""
    if isinstance(names, (str, bytes)) or not isinstance(names, Sequence | pd.Index | np.ndarray) \
            or not all(isinstance(name, str) for name in names):
        raise TypeError(f"names must be a list of segment names (text); got {_describe(names)}.")
    return {name: color(_SEGMENT_ORDER[i % len(_SEGMENT_ORDER)]) for i, name in enumerate(names)}


def _cell_segments(rules: tuple[SegmentRule, ...], bins: int) -> np.ndarray | None:
    """Segment name of every (R, F) cell, or None when a rule also depends on M."""
    if any(rule.monetary[0] > 1 or rule.monetary[1] < bins for rule in rules):
        return None
    r, f = np.meshgrid(np.arange(1, bins + 1), np.arange(1, bins + 1), indexing="ij")
    grid = pd.DataFrame({"R": r.ravel(), "F": f.ravel(), "M": 1})
    try:
        names = rfm_segments(grid, rules)
    except ValueError:
        return None
    return names.astype(str).to_numpy().reshape(bins, bins)


def plot_rf_heatmap(
    scores: pd.DataFrame,
    *,
    revenue: pd.Series | None = None,
    value: str = "customers",
    rules: Sequence[SegmentRule] = DEFAULT_RULES,
    bins: int = 5,
    ax: Axes | None = None,
) -> Axes:
    """The recency-by-frequency grid: customers (or revenue) per cell, segments coloured and outlined.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`relmark_helpers.crm.rfm_scores` (columns ``R``, ``F``, ``M``).
    revenue : pandas.Series, optional
        Spend per customer (money), same index as ``scores``; needed for
        ``value="revenue"``.
    value : {"customers", "revenue"}
        Number written in each cell: customers, or their total spend.
    rules : sequence of SegmentRule
        Segments to colour and outline; default :data:`~relmark_helpers.crm.DEFAULT_RULES`.
        If a rule also depends on M, the cells are not coloured.
    bins : int
        Number of score levels used for the scores, 2 to 10 (5 for quintiles).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    _check_table(scores, SCORE_COLUMNS, "rfm_scores")
    value = choose("value", value, HEATMAP_VALUES)
    rules = _check_rules(rules)
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or not 2 <= bins <= _MAX_BINS:
        raise ValueError(f"bins must be a whole number from 2 to {_MAX_BINS}, the bins the scores "
                         f"were made with (5 for quintiles); got {_describe(bins)}.")
    bins = int(bins)
    if value == "revenue":
        if not isinstance(revenue, pd.Series) or not revenue.index.equals(scores.index):
            raise ValueError("value='revenue' needs revenue: a Series of spend per customer with the "
                             f"same index as scores; got {_describe(revenue)}.")
        weights = revenue.to_numpy(dtype=float)
    else:
        weights = np.ones(len(scores))
    r = scores["R"].to_numpy()
    f = scores["F"].to_numpy()
    if r.min() < 1 or f.min() < 1 or max(r.max(), f.max()) > bins:
        raise ValueError(f"scores must lie from 1 to bins={bins}; got R and F from "
                         f"{min(r.min(), f.min())} to {max(r.max(), f.max())}.")
    grid = np.zeros((bins, bins))
    np.add.at(grid, (r - 1, f - 1), weights)
    ax = axes_or_new(ax, figsize=(7.5, 5.8))
    names = _cell_segments(rules, bins)
    colors = segment_colors([rule.name for rule in rules])
    total = grid.sum()
    for i in range(bins):  # R score - 1, drawn bottom to top
        for j in range(bins):  # F score - 1, left to right
            face = colors[names[i, j]] if names is not None else color("grey")
            ax.add_patch(Rectangle((j + 0.5, i + 0.5), 1, 1, facecolor=face, alpha=0.35,
                                   edgecolor="white", lw=1))
            number = grid[i, j]
            text = f"{number:,.0f}" if value == "customers" else money_label(number)
            share = number / total if total > 0 else 0.0
            ax.text(j + 1, i + 1.08, text, ha="center", va="center", fontsize=12, fontweight="bold")
            ax.text(j + 1, i + 0.78, f"{share * 100:.0f} %", ha="center", va="center", fontsize=9,
                    color="0.3")
    if names is not None:
        for i in range(bins):
            for j in range(bins):
                if j + 1 < bins and names[i, j] != names[i, j + 1]:
                    ax.plot([j + 1.5, j + 1.5], [i + 0.5, i + 1.5], color="0.15", lw=2.5)
                if i + 1 < bins and names[i, j] != names[i + 1, j]:
                    ax.plot([j + 0.5, j + 1.5], [i + 1.5, i + 1.5], color="0.15", lw=2.5)
        present = [rule.name for rule in rules if (names == rule.name).any()]
        handles = [Patch(facecolor=colors[n], alpha=0.5, label=_(n)) for n in present]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=10,
                  title=_("segment"), frameon=False)
    ticks = np.arange(1, bins + 1)
    if value == "customers":
        title = _("RFM grid: customers per cell and share of the total")
    else:
        title = _("RFM grid: revenue (money) per cell and share of the total")
    ax.set(xlim=(0.5, bins + 0.5), ylim=(0.5, bins + 0.5), xticks=ticks, yticks=ticks,
           xlabel=_("F score (1 = fewest purchases, 5 = most)"),
           ylabel=_("R score (1 = longest since last purchase, 5 = most recent)"),
           title=title)
    ax.grid(False)
    ax.set_aspect("equal")
    return ax


def plot_segment_sizes(summary: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Each segment's share of customers next to its share of revenue (horizontal bars).

    Parameters
    ----------
    summary : pandas.DataFrame
        From :func:`relmark_helpers.crm.segment_summary` (columns
        ``share_of_customers`` and ``share_of_revenue``, one row per segment).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    columns = ("share_of_customers", "share_of_revenue")
    if not isinstance(summary, pd.DataFrame) or any(c not in summary.columns for c in columns):
        raise ValueError("summary must be the DataFrame segment_summary returns, with columns "
                         "'share_of_customers' and 'share_of_revenue'.")
    ax = axes_or_new(ax, figsize=(8.5, 4.8))
    names = [str(n) for n in summary.index]
    y = np.arange(len(names))[::-1]
    height = 0.38
    customers = summary["share_of_customers"].to_numpy() * 100
    revenue = summary["share_of_revenue"].to_numpy() * 100
    ax.barh(y + height / 2, customers, height, color=color("blue"), label=_("share of customers"))
    ax.barh(y - height / 2, revenue, height, color=color("orange"), label=_("share of revenue"))
    for yy, c, m in zip(y, customers, revenue, strict=True):
        ax.text(c + 0.6, yy + height / 2, f"{c:.0f} %", va="center", fontsize=10)
        ax.text(m + 0.6, yy - height / 2, f"{m:.0f} %", va="center", fontsize=10)
    ax.set_yticks(y, [_(name) for name in names])
    ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    top = max(customers.max(initial=0), revenue.max(initial=0))
    ax.set(xlim=(0, top * 1.18 + 1), xlabel=_("share of all customers / of all revenue"),
           title=_("Segments: how many customers, how much of the revenue"))
    ax.legend(loc="lower right", fontsize=10)
    ax.grid(axis="y", visible=False)
    return ax
