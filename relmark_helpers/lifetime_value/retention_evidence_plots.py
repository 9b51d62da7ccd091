"""Charts for the retention evidence (:mod:`relmark_helpers.lifetime_value.retention_evidence`).

Introduced in notebook 03.
"""

from __future__ import annotations

import numpy as np
import seaborn as sns
from matplotlib.axes import Axes

from relmark_helpers.core.messages import _
from relmark_helpers.core.style import axes_or_new, color
from relmark_helpers.core.validate import _describe, as_float, as_float_array, choose
from relmark_helpers.lifetime_value.retention_evidence import (
    LIFETIMES,
    customer_npv,
    retention_uplift_with_tenure,
)

__all__ = ["plot_uplift_vs_profit_growth"]

MAX_LINES = 10
"""Most base retentions :func:`plot_uplift_vs_profit_growth` draws (one colour each)."""

MAX_PROFIT_GROWTH = 10.0
"""Right end of the growth axis at most: each year of tenure adds up to 10 first-year profits."""


def _pair(name: str, value: object, *, high: float | None, example: str) -> tuple[float, float]:
    """Two numbers (low, high) with 0 <= low < high (<= ``high``), or a message naming ``name``."""
    array = as_float_array(name, value, low=0.0, high=high)
    if array.shape != (2,) or not array[0] < array[1]:
        raise ValueError(f"{name} must be two numbers (low, high) with low < high, e.g. {example}; "
                         f"got {_describe(value)}.")
    return float(array[0]), float(array[1])


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
        Base retention rates a year, one line each (1 to ``MAX_LINES`` = 10 of
        them; a single number draws one line), each in [0, 1 - points).
    discount : float
        Discount rate a year, > 0 (0.1 = 10 %).
    points : float
        Rise in retention, in (0, 1) (0.05 = five points).
    growth_range : (float, float)
        Range of profit growth on the x axis: profit added by each year of
        tenure as a share of the first year's profit; 0 <= low < high <=
        ``MAX_PROFIT_GROWTH`` (10).
    acquisition_cost : float
        Cost of winning a customer, in first-year profits, >= 0.
    lifetime : {"expected", "average"}
        As in :func:`relmark_helpers.lifetime_value.retention_evidence.customer_npv`.
    claimed : (float, float)
        The range quoted from Reichheld & Sasser (1990), shaded: two relative
        rises 0 <= low < high (0.25 = +25 %).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError, ValueError
        An argument that is not a number (or pair of numbers) or is outside its
        range; the message names it.
    """
    p = as_float("points", points, low=0.0, high=1.0, low_inclusive=False, high_inclusive=False,
                 hint="Pass 0.05 for five points of retention.")
    rates = np.atleast_1d(as_float_array(
        "retentions", retentions, low=0.0, high=1.0 - p, high_inclusive=False,
        hint=f"Each base retention plus points={p:g} must stay below 1."))
    if rates.ndim != 1 or not 1 <= rates.size <= MAX_LINES:
        raise ValueError(f"retentions must be a list of 1 to {MAX_LINES} base retention rates, e.g. "
                         f"(0.6, 0.7, 0.8, 0.9); got {_describe(retentions)}.")
    i = as_float("discount", discount, low=0.0, low_inclusive=False, hint="Pass 0.1 for 10 % a year.")
    cost_share = as_float("acquisition_cost", acquisition_cost, low=0.0)
    lifetime = choose("lifetime", lifetime, LIFETIMES)
    growth_low, growth_high = _pair("growth_range", growth_range, high=MAX_PROFIT_GROWTH,
                                    example="(0.0, 1.0)")
    claimed = _pair("claimed", claimed, high=None, example="(0.25, 0.85)")
    # NPV rises with profit growth, so the left end of the growth range has the smallest NPV.
    base = np.asarray(customer_npv(rates, i, growth_low, acquisition_cost=cost_share, lifetime=lifetime))
    if (base <= 0).any():
        lowest = float(rates[np.argmax(base <= 0)])
        raise ValueError(
            f"retentions must give a positive NPV to compare with: at base retention {lowest:g} "
            f"(acquisition_cost={cost_share:g}, profit growth {growth_low:g}) the NPV is not positive, "
            "so a relative rise is undefined. Use higher retentions or a lower acquisition_cost."
        )
    ax = axes_or_new(ax, figsize=(8.0, 4.5))
    g = np.linspace(growth_low, growth_high, 201)
    ax.axhspan(claimed[0] * 100, claimed[1] * 100, color=color("grey"), alpha=0.18,
               label=_("quoted range, {low:.0%}–{high:.0%}", low=claimed[0], high=claimed[1]))
    palette = sns.color_palette("colorblind")
    top = claimed[1] * 100
    for k, r in enumerate(rates):
        rise = retention_uplift_with_tenure(r, i, g, p, acquisition_cost=cost_share, lifetime=lifetime)
        ax.plot(g * 100, np.asarray(rise) * 100, lw=2.5, color=palette[k % len(palette)],
                label=_("base retention {retention:.0%}", retention=r))
        top = max(top, float(np.max(rise)) * 100)
    if cost_share == 0:
        title = _("+{points:g} points of retention: rise in one customer's NPV", points=p * 100)
    else:
        title = _("+{points:g} points of retention: rise in one customer's NPV, acquisition cost "
                  "{cost:g}× first-year profit", points=p * 100, cost=cost_share)
    ax.set(title=title,
           xlabel=_("profit added by each year of tenure (% of first-year profit)"),
           ylabel=_("rise in NPV (%)"), ylim=(0, top * 1.1))
    ax.legend(loc="lower right", fontsize=9, ncol=2)
    return ax
