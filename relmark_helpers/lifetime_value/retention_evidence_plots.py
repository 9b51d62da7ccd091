"""Charts for the retention evidence (:mod:`relmark_helpers.lifetime_value.retention_evidence`).

Introduced in notebook 03.
"""

from __future__ import annotations

import numpy as np
import seaborn as sns
from matplotlib.axes import Axes

from relmark_helpers.core.style import axes_or_new, color
from relmark_helpers.lifetime_value.retention_evidence import retention_uplift_with_tenure

__all__ = ["plot_uplift_vs_profit_growth"]


def plot_uplift_vs_profit_growth(
    retentions: tuple[float, ...] = (0.60, 0.70, 0.80, 0.90),
    *,
    discount: float = 0.10,
    points: float = 0.05,
    growth_range: tuple[float, float] = (0.0, 1.0),
    acquisition_cost: float = 0.0,
    lifetime: str = "expected",
    claimed: tuple[float, float] = (0.25, 0.85),
    ax: Axes | None = None,
) -> Axes:
    """Rise in a customer's NPV from +``points`` of retention, against profit growth with tenure.

    Parameters
    ----------
    retentions : tuple of float
        Base retention rates a year, one line each, each in [0, 1 - points).
    discount : float
        Discount rate a year (0.1 = 10 %).
    points : float
        Rise in retention (0.05 = five points).
    growth_range : (float, float)
        Range of profit growth on the x axis: profit added by each year of
        tenure as a share of the first year's profit.
    acquisition_cost : float
        Cost of winning a customer, in first-year profits.
    lifetime : {"expected", "average"}
        As in :func:`relmark_helpers.lifetime_value.retention_evidence.customer_npv`.
    claimed : (float, float)
        The range quoted from Reichheld & Sasser (1990), shaded.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = axes_or_new(ax, figsize=(8.0, 4.5))
    g = np.linspace(*growth_range, 201)
    ax.axhspan(claimed[0] * 100, claimed[1] * 100, color=color("grey"), alpha=0.18,
               label=f"quoted range, {claimed[0]:.0%}–{claimed[1]:.0%}")
    palette = sns.color_palette("colorblind")
    top = claimed[1] * 100
    for k, r in enumerate(retentions):
        rise = retention_uplift_with_tenure(r, discount, g, points,
                                            acquisition_cost=acquisition_cost, lifetime=lifetime)
        ax.plot(g * 100, np.asarray(rise) * 100, lw=2.5, color=palette[k % len(palette)],
                label=f"base retention {r:.0%}")
        top = max(top, float(np.max(rise)) * 100)
    cost = "" if acquisition_cost == 0 else f", acquisition cost {acquisition_cost:g}× first-year profit"
    ax.set(title=f"+{points * 100:g} points of retention: rise in one customer's NPV{cost}",
           xlabel="profit added by each year of tenure (% of first-year profit)",
           ylabel="rise in NPV (%)", ylim=(0, top * 1.1))
    ax.legend(loc="lower right", fontsize=9, ncol=2)
    return ax
