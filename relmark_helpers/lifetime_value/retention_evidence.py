"""Where "five more points of retention, 25 %-85 % more profit" comes from.

Reichheld & Sasser (1990) compared the net present value (NPV) of the
*average customer's* profit stream at the current defection rate and at a
defection rate five points lower.  Their customers' profit rises with tenure
(in their account: more purchases, lower cost of serving, referrals and a
price premium on top of a base profit).  This module rebuilds that logic so
that its assumptions can be varied.

The model
---------
A customer is won at t = 0 at an ``acquisition_cost`` (paid at once).  In
their t-th year with the firm (t = 1, 2, ...) they bring

    profit_t = base_profit * (1 + profit_growth * (t - 1)),

so every year of tenure adds ``profit_growth`` times the first year's profit
(the growth components, added together; 0 gives the constant margin of
notebook 03).  Profit is discounted at ``discount`` a year.  Two readings of
"how long the customer stays":

``lifetime="expected"`` (default)
    the workbook's end-of-period convention (``timing="end"`` in
    :mod:`relmark_helpers.lifetime_value.formulas`): year t's profit arrives at its end, only if
    the customer stayed, with probability ``retention ** t``.  With
    ``profit_growth=0`` and no acquisition cost the uplift equals
    :func:`relmark_helpers.lifetime_value.formulas.retention_uplift`.
``lifetime="average"``
    the customer stays exactly the average lifetime ``1 / (1 - retention)``
    years and pays each year's profit for certain (a fractional last year
    counts pro rata).  This is the calculation critics describe R&S making
    (a 10 % defection rate gives a 10-year life, 5 % gives 20 years).

Closed form for ``lifetime="expected"``, with q = r / (1 + i) < 1::

    NPV = b * (q / (1 - q) + g * q**2 / (1 - q)**2) - acquisition_cost

Units: money per customer; rates per year as fractions (0.8 = 80 %).
Introduced in notebook 03.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from relmark_helpers.core.messages import N_
from relmark_helpers.core.validate import (
    MAX_PERIODS,
    _describe,
    as_count,
    as_float,
    as_float_array,
    choose,
    finite_result,
    scalar_or_array,
)
from relmark_helpers.customer_base.simulation import Strategy, profit_uplift
from relmark_helpers.lifetime_value.formulas import retention_uplift

__all__ = [
    "LIFETIMES",
    "customer_npv",
    "growth_needed_for_uplift",
    "retention_uplift_with_tenure",
    "uplift_firm_versus_customer",
]

LIFETIMES: tuple[str, ...] = ("expected", "average")
"""Allowed values of ``lifetime``: survival-weighted, or the average lifetime for certain."""

FloatOrArray = float | npt.NDArray[np.float64]


def _inputs(retention: object, discount: object, profit_growth: object, base_profit: object,
            acquisition_cost: object) -> list[npt.NDArray[np.float64]]:
    r = as_float_array("retention", retention, low=0.0, high=1.0, high_inclusive=False,
                       hint="Pass 0.8 for 80 %; a customer who never leaves has no finite NPV.")
    i = as_float_array("discount", discount, low=0.0, low_inclusive=False,
                       hint="Pass 0.1 for 10 % a year.")
    g = as_float_array("profit_growth", profit_growth, low=0.0,
                       hint="Pass 0.1 if each year of tenure adds 10 % of the first year's profit.")
    b = as_float_array("base_profit", base_profit, low=0.0, low_inclusive=False)
    c = as_float_array("acquisition_cost", acquisition_cost, low=0.0)
    try:
        return list(np.broadcast_arrays(r, i, g, b, c))
    except ValueError:
        shapes = ", ".join(f"{n} {np.shape(a)}" for n, a in
                           zip(("retention", "discount", "profit_growth", "base_profit",
                                "acquisition_cost"), (r, i, g, b, c), strict=True))
        raise ValueError(f"the array arguments must broadcast together; got {shapes}.") from None


def _npv_expected(r, i, g, b, c):
    q = r / (1.0 + i)
    return b * (q / (1.0 - q) + g * q**2 / (1.0 - q) ** 2) - c


def _npv_average(r, i, g, b, c):
    life = 1.0 / (1.0 - r)
    if np.size(life) and np.max(life) > MAX_PERIODS:
        raise ValueError(
            f"retention must be at most {1.0 - 1.0 / MAX_PERIODS:.5f} with lifetime='average': "
            f"the average lifetime 1 / (1 - retention) is then at most {MAX_PERIODS:,} years, the "
            f"longest the workbook computes; got retention {float(np.max(r)):.10g}. "
            "Use a lower retention or lifetime='expected'."
        )
    whole = np.floor(life)
    longest = int(np.max(whole)) + 1 if np.size(whole) else 1
    t = np.arange(1, longest + 1, dtype=float).reshape((-1,) + (1,) * np.ndim(life))
    weight = np.where(t <= whole, 1.0, np.where(t == whole + 1, life - whole, 0.0))
    profit = b * (1.0 + g * (t - 1.0))
    return np.sum(weight * profit / (1.0 + i) ** t, axis=0) - c


def customer_npv(
    retention: object,
    discount: object,
    profit_growth: object = 0.0,
    *,
    base_profit: object = 1.0,
    acquisition_cost: object = 0.0,
    lifetime: str = "expected",
) -> FloatOrArray:
    """NPV of one new customer whose yearly profit grows with tenure.

    Parameters
    ----------
    retention : float or array_like
        Share of customers staying each year, in [0, 1) (1 - defection rate).
    discount : float or array_like
        Discount rate a year, > 0 (0.1 = 10 %).
    profit_growth : float or array_like
        Profit added by each year of tenure, as a share of the first year's
        profit, >= 0 (0.1: year 2 brings 1.1, year 3 1.2 times the first).
    base_profit : float or array_like
        Profit in the first year, > 0 (money; 1 gives NPV in first-year profits).
    acquisition_cost : float or array_like
        Cost of winning the customer, paid at t = 0, >= 0 (money).
    lifetime : {"expected", "average"}
        How long the customer stays; see the module docstring.

    Returns
    -------
    float or numpy.ndarray
        NPV in the unit of ``base_profit``; arrays broadcast.

    Raises
    ------
    ValueError
        A rate outside its range, a non-positive base profit, a negative
        acquisition cost, an unknown ``lifetime``, an average lifetime
        ``1 / (1 - retention)`` above ``MAX_PERIODS`` (100,000) years with
        ``lifetime="average"``, or a result too large for a float.

    Examples
    --------
    >>> round(customer_npv(0.8, 0.10), 4)  # = margin multiple 0.8 / 0.3
    2.6667
    >>> round(customer_npv(0.9, 0.10, lifetime="average"), 4)  # 10 years of 1, discounted
    6.1446
    """
    lifetime = choose("lifetime", lifetime, LIFETIMES)
    r, i, g, b, c = _inputs(retention, discount, profit_growth, base_profit, acquisition_cost)
    with np.errstate(over="ignore", invalid="ignore"):  # refused below by finite_result
        value = _npv_expected(r, i, g, b, c) if lifetime == "expected" else _npv_average(r, i, g, b, c)
    finite_result(value, retention=retention, discount=discount, profit_growth=profit_growth,
                  base_profit=base_profit, acquisition_cost=acquisition_cost)
    return scalar_or_array(value)


def retention_uplift_with_tenure(
    retention: object,
    discount: object,
    profit_growth: object = 0.0,
    points: object = 0.05,
    *,
    base_profit: object = 1.0,
    acquisition_cost: object = 0.0,
    lifetime: str = "expected",
) -> FloatOrArray:
    """Relative rise in a customer's NPV when retention rises by ``points``.

    ``customer_npv(retention + points, ...) / customer_npv(retention, ...) - 1``:
    Reichheld & Sasser's comparison, with their assumption that profit per
    customer grows with tenure made explicit.

    Parameters
    ----------
    retention, discount, profit_growth, base_profit, acquisition_cost, lifetime
        As in :func:`customer_npv`.
    points : float or array_like
        Rise in retention (0.05 = five points, i.e. five points fewer defections);
        ``retention + points`` must stay below 1.

    Returns
    -------
    float or numpy.ndarray
        Relative rise (0.25 = +25 %).

    Raises
    ------
    ValueError
        As :func:`customer_npv`, or a base NPV that is not positive (the
        acquisition cost is never repaid, so a percentage rise means nothing).

    Examples
    --------
    >>> round(retention_uplift_with_tenure(0.80, 0.10), 4)  # constant profit: notebook 03's 27.5 %
    0.275
    """
    p = as_float_array("points", points, low=0.0, high=1.0)
    r = as_float_array("retention", retention, low=0.0, high=1.0, high_inclusive=False)
    as_float_array("retention + points", r + p, low=0.0, high=1.0, high_inclusive=False,
                   hint="Choose a smaller rise or a lower base retention.")
    kwargs = {"base_profit": base_profit, "acquisition_cost": acquisition_cost,
              "lifetime": lifetime}
    before = np.asarray(customer_npv(r, discount, profit_growth, **kwargs))
    after = np.asarray(customer_npv(r + p, discount, profit_growth, **kwargs))
    if (before <= 0).any():
        raise ValueError(
            "the base NPV is not positive (the acquisition cost is never repaid at this "
            "retention), so a relative rise is undefined; lower acquisition_cost or compare "
            "customer_npv() values directly."
        )
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        rise = after / before - 1.0
    finite_result(rise, retention=retention, points=points, discount=discount,
                  profit_growth=profit_growth, base_profit=base_profit,
                  acquisition_cost=acquisition_cost)
    return scalar_or_array(rise)


def growth_needed_for_uplift(
    target: object,
    retention: object,
    discount: object,
    points: object = 0.05,
    *,
    acquisition_cost_share: object = 0.0,
) -> FloatOrArray:
    """Profit growth per year of tenure that makes +``points`` of retention raise NPV by ``target``.

    Uses ``lifetime="expected"``.  NPV is linear in the growth g,
    ``b (A + g B) - c``, so the g giving ``(A' + g B' - c/b) = (1 + target)(A + g B - c/b)``
    has a closed form.

    Parameters
    ----------
    target : float or array_like
        Wanted relative rise in NPV (0.25 = +25 %), >= 0.
    retention, discount, points
        As in :func:`retention_uplift_with_tenure`.
    acquisition_cost_share : float or array_like
        Acquisition cost as a multiple of the first year's profit, >= 0.

    Returns
    -------
    float or numpy.ndarray
        Needed ``profit_growth`` (>= 0); ``0`` when constant profit already
        reaches the target; ``inf`` when no growth rate reaches it (growth
        alone cannot lift the rise above ``(B'/B) - 1``).

    Examples
    --------
    >>> round(growth_needed_for_uplift(0.25, 0.80, 0.10), 4)  # 27.5 % already without growth
    0.0
    """
    u = as_float_array("target", target, low=0.0)
    p = as_float_array("points", points, low=0.0, high=1.0)
    k = as_float_array("acquisition_cost_share", acquisition_cost_share, low=0.0)
    r, i, _, _, _ = _inputs(retention, discount, 0.0, 1.0, 0.0)
    as_float_array("retention + points", r + p, low=0.0, high=1.0, high_inclusive=False)
    q, q2 = r / (1.0 + i), (r + p) / (1.0 + i)
    a, bb = q / (1.0 - q), q**2 / (1.0 - q) ** 2
    a2, bb2 = q2 / (1.0 - q2), q2**2 / (1.0 - q2) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        needed = ((1.0 + u) * (a - k) - (a2 - k)) / (bb2 - (1.0 + u) * bb)
        reachable = bb2 > (1.0 + u) * bb
        needed = np.where(reachable, np.maximum(needed, 0.0), np.inf)
    already = (a - k > 0) & ((a2 - k) >= (1.0 + u) * (a - k))
    return scalar_or_array(np.where(already, 0.0, needed))


def uplift_firm_versus_customer(
    firm: Strategy,
    retentions: object,
    *,
    points: float = 0.05,
    discount: float = 0.10,
    periods: int = 10,
    long_periods: int = 200,
    initial_customers: float = 1000,
) -> pd.DataFrame:
    """Why a firm's profit uplift and one customer's CLV uplift move in opposite directions.

    The same +``points`` of retention, measured four ways, from notebook 02's
    firm to notebook 03's single customer.  Each column removes one difference:

    1. ``firm, 10 years``: :func:`relmark_helpers.customer_base.simulation.profit_uplift` of
       ``firm`` (its acquisition spending is paid whatever its retention);
    2. ``existing customers only, 10 years``: no acquisition at all, so no
       spending that stays the same while retention changes;
    3. ``existing customers only, no end``: the same over ``long_periods``
       (long enough for the rest to be negligible);
    4. ``one customer's CLV``: :func:`relmark_helpers.lifetime_value.formulas.retention_uplift`,
       which column 3 reproduces when the firm's margin does not grow.

    Parameters
    ----------
    firm : relmark_helpers.customer_base.simulation.Strategy
        The firm; its ``retention`` is replaced by each base retention.
    retentions : array_like
        Base retention rates, each in [0, 1 - points].
    points, discount : float
        Rise in retention and discount rate a year.
    periods, long_periods : int
        The short and the "no end" horizon in years.
    initial_customers : float
        Customers at the start (>= 1).

    Returns
    -------
    pandas.DataFrame
        Index ``base retention``; four columns of relative rises (0.3 = +30 %).
    """
    if not isinstance(firm, Strategy):
        raise TypeError(f"firm must be a Strategy (such as TRANSACTION_FIRM); got {_describe(firm)}.")
    points = as_float("points", points, low=0.0, high=1.0, low_inclusive=False, high_inclusive=False)
    for horizon, value in (("periods", periods), ("long_periods", long_periods)):
        if as_count(horizon, value) < 1:
            raise ValueError(f"{horizon} must be at least 1; got {value!r}.")
    as_float("initial_customers", initial_customers, low=0.0, low_inclusive=False,
             hint="Pass the customers at the start, e.g. 1000.")
    r = np.atleast_1d(as_float_array("retentions", retentions, low=0.0, high=1.0 - points))
    if r.ndim != 1 or r.size == 0:
        raise ValueError(f"retentions must be one rate or a list of rates; got {_describe(retentions)}.")
    cohort = firm.with_(acquisition_budget=None, acquisitions=0.0)
    kwargs = {"discount": discount, "initial_customers": initial_customers}

    def uplift(strategy: Strategy, x: float, horizon: int) -> float:
        try:
            return profit_uplift(strategy.with_(retention=x), points, horizon, **kwargs)
        except ValueError as error:
            raise ValueError(f"with retentions={x:g} and initial_customers={initial_customers:g}: "
                             f"{error}") from None

    rows = {
        f"firm, {periods} years": [uplift(firm, float(x), periods) for x in r],
        f"existing customers only, {periods} years": [uplift(cohort, float(x), periods) for x in r],
        N_("existing customers only, no end"): [uplift(cohort, float(x), long_periods) for x in r],
        N_("one customer's CLV"): np.asarray(retention_uplift(r, discount, points)),
    }
    return pd.DataFrame(rows, index=pd.Index(r.round(4), name="base retention"))
