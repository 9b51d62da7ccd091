"""Customer lifetime value (CLV): the formulas, written once.

Every notebook, widget and test calls these functions, so a formula is never
typed twice.  All functions are pure numpy: they accept floats, arrays or
pandas Series and broadcast them against each other, so the CLV of a million
customers is one call.

The model (Gupta & Lehmann, 2003; Berger & Nasr, 1998)
-----------------------------------------------------
A customer is acquired at time 0.  In every period they stay with
probability ``retention`` (r), independently of how long they have stayed.
While they stay they bring a ``margin`` (m) per period, which may grow by
``growth`` (g) per period (cross-selling).  Money is discounted at
``discount`` (i) per period.

Timing convention
-----------------
``timing="end"`` (the default, and the textbook margin multiple):
    margins arrive at the *end* of each period, and only if the customer
    survived that period.  Period t (t = 1, 2, ...) contributes
    ``m (1+g)^(t-1) r^t / (1+i)^t``.  Infinite horizon: ``m r / (1 + i - r)``.
``timing="start"``:
    the first margin is paid at t = 0, when the customer is acquired, and is
    not discounted; period t (t = 0, 1, ...) contributes
    ``m (1+g)^t r^t / (1+i)^t``.  Infinite horizon: ``m (1+i) / (1 + i - r)``.
``timing="first_certain"``:
    margins arrive at the end of each period, but the first one is certain
    (the customer is committed for the first period); after that the customer
    stays with probability r.  Period t (t = 1, 2, ...) contributes
    ``m (1+g)^(t-1) r^(t-1) / (1+i)^t``.  Infinite horizon: ``m / (1 + i - r)``.

The workbook calls ``timing="end"`` its **end-of-period convention** and uses
it unless a notebook says otherwise; ``"start"`` is the start-of-period
convention and ``"first_certain"`` the certain-first-margin convention.
The three infinite-horizon values relate as start = (1 + i) x first_certain
and end = r x first_certain.

With no fixed end and a constant margin (g = 0) the two differ by exactly
one margin: the "start" customer pays once more, up front.  A finite horizon
of T periods counts T margins under either convention, so there the gap is
smaller (the "end" customer's T-th margin is further away).

Units: margin and costs in money per customer (per period for margin);
retention, discount and growth are rates per period, as fractions
(0.8 means 80 %).  Arrays and pandas Series are combined element by element,
by position (a Series' index is not used for alignment).

Introduced in notebook 03.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.validate import (
    _describe,
    as_count,
    as_float,
    as_float_array,
    as_periods,
    choose,
    finite_result,
    scalar_or_array,
)

__all__ = [
    "CLV_TIMINGS",
    "TIMINGS",
    "TIMING_NAMES",
    "clv_by_convention",
    "break_even_period",
    "cash_flow_table",
    "clv",
    "clv_with_referrals",
    "customer_equity",
    "expected_lifetime",
    "margin_multiple",
    "max_acquisition_cost",
    "retention_uplift",
    "driver_table",
]

TIMINGS: tuple[str, ...] = ("end", "start")
"""The two timings every CLV model of the workbook supports: end or start of each period."""

CLV_TIMINGS: tuple[str, ...] = TIMINGS + ("first_certain",)
"""Allowed values of ``timing`` in this module: also the certain-first-margin convention."""

TIMING_NAMES: dict[str, str] = {
    "end": N_("end-of-period convention"),
    "start": N_("start-of-period convention"),
    "first_certain": N_("certain-first-margin convention"),
}
"""The workbook's name for each ``timing``, for text and exercise feedback."""

FloatOrArray = float | npt.NDArray[np.float64]

_RETENTION_HINT = "Pass 0.8 for 80 %, not 80."
_DISCOUNT_HINT = "Pass 0.1 for 10 % per period."


def _retention(value: object) -> npt.NDArray[np.float64]:
    return as_float_array("retention", value, low=0.0, high=1.0, hint=_RETENTION_HINT)


def _discount(value: object) -> npt.NDArray[np.float64]:
    return as_float_array("discount", value, low=-1.0, low_inclusive=False, hint=_DISCOUNT_HINT)


def _growth(value: object) -> npt.NDArray[np.float64]:
    return as_float_array(
        "growth", value, low=-1.0, low_inclusive=False, hint="Pass 0.05 for 5 % per period."
    )


def _broadcast(**arrays: npt.NDArray[np.float64]) -> list[npt.NDArray[np.float64]]:
    """Broadcast the named arrays, or say which shapes do not fit together."""
    try:
        return list(np.broadcast_arrays(*arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{name} {np.shape(a)}" for name, a in arrays.items())
        raise ValueError(
            f"the array arguments must have shapes that broadcast together; got {shapes}."
        ) from None


def _geometric_sum(ratio: npt.NDArray[np.float64], terms: npt.NDArray[np.float64]):
    """Sum of ``ratio**k`` for k = 0 .. terms-1, safe when ratio is 1."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        near_one = np.isclose(ratio, 1.0, rtol=0.0, atol=1e-12)
        safe = np.where(near_one, 0.5, ratio)
        closed = -np.expm1(terms * np.log(safe)) / (1.0 - safe)
        closed = np.where(safe == 0.0, np.where(terms > 0, 1.0, 0.0), closed)
    return np.where(near_one, terms, closed)


def _value_per_unit_margin(
    retention: npt.NDArray[np.float64],
    discount: npt.NDArray[np.float64],
    growth: npt.NDArray[np.float64],
    periods: npt.NDArray[np.float64] | None,
    timing: str,
) -> npt.NDArray[np.float64]:
    """Discounted expected number of margins (of size 1, growing) a customer pays."""
    survive_and_discount = retention / (1.0 + discount)  # q = r / (1 + i)
    ratio = survive_and_discount * (1.0 + growth)  # Q = r (1 + g) / (1 + i)
    if timing == "end":
        first = survive_and_discount
    elif timing == "first_certain":
        first = 1.0 / (1.0 + discount) * np.ones_like(ratio)
    else:
        first = np.ones_like(ratio)
    if periods is None:
        diverges = ratio >= 1.0
        if diverges.any():
            at = np.unravel_index(np.argmax(diverges), diverges.shape) if diverges.ndim else ()
            r, i, g = float(retention[at]), float(discount[at]), float(growth[at])
            raise ValueError(
                "CLV has no finite value with an infinite horizon when "
                "retention * (1 + growth) >= 1 + discount "
                f"(got retention={r:g}, discount={i:g}, growth={g:g}): "
                "each period's expected discounted margin is at least as large as the last, "
                "so the sum never ends. Use a finite horizon (periods=...), a retention below 1 "
                "or a discount rate above the growth rate."
            )
        return first / (1.0 - ratio)
    return first * _geometric_sum(ratio, periods)


def _finite(value: npt.NDArray[np.float64], what: str) -> npt.NDArray[np.float64]:
    """Raise instead of returning inf or NaN (e.g. a margin growing for 10**6 periods)."""
    if not np.isfinite(value).all():
        raise ValueError(
            f"{what} is too large to compute: the margins grow faster than they are discounted "
            "over a very long horizon. Use a shorter horizon or a lower growth rate."
        )
    return value


def margin_multiple(retention: object, discount: object) -> FloatOrArray:
    """Margin multiple r / (1 + i - r): CLV per unit of margin, infinite horizon.

    Margins are received at the end of each period a customer survives
    (``timing="end"``), with no growth and no acquisition cost
    (Gupta & Lehmann, 2003).  Multiply by the margin per period to get CLV.

    Parameters
    ----------
    retention : float or array_like
        Probability a customer stays for another period, in [0, 1].
    discount : float or array_like
        Discount rate per period, > -1 (0.1 = 10 %).

    Returns
    -------
    float or numpy.ndarray
        Margin multiple (periods' worth of margin); arrays broadcast.

    Raises
    ------
    ValueError
        Retention outside [0, 1], discount <= -1, NaN, or retention = 1 with
        discount <= 0 (the multiple is infinite).

    Examples
    --------
    >>> round(margin_multiple(0.8, 0.10), 4)
    2.6667
    """
    r = _retention(retention)
    i = _discount(discount)
    r, i = _broadcast(retention=r, discount=i)
    value = _value_per_unit_margin(r, i, np.zeros_like(r), None, "end")
    return scalar_or_array(value)


def clv(
    margin: object,
    retention: object,
    discount: object,
    periods: object = None,
    *,
    timing: str = "end",
    acquisition_cost: object = 0.0,
    growth: object = 0.0,
) -> FloatOrArray:
    """Expected discounted value of one customer (customer lifetime value).

    Parameters
    ----------
    margin : float or array_like
        Margin per period while the customer stays (money per period; may be
        negative for a loss-making customer).
    retention : float or array_like
        Probability of staying one more period, in [0, 1].
    discount : float or array_like
        Discount rate per period, > -1 (0.1 = 10 %).
    periods : int, array_like of int, or None
        Horizon: the number of margins counted (whole number from 0 to 100,000,
        ``MAX_PERIODS``).  ``None`` (default) means no end, the infinite-horizon
        closed form.
    timing : {"end", "start", "first_certain"}
        ``"end"``: margins at the end of each period survived (default, the
        workbook's end-of-period convention); ``"start"``: the first margin is
        paid at t = 0, undiscounted; ``"first_certain"``: the first margin is
        paid for certain at the end of period 1, later ones only if the
        customer stays.  See the module docstring.
    acquisition_cost : float or array_like
        Cost of winning the customer, paid at t = 0 and subtracted (money, >= 0).
    growth : float or array_like
        Growth of the margin per period, > -1 (0.05 = 5 %), e.g. from cross-selling.

    Returns
    -------
    float or numpy.ndarray
        CLV in the margin's money unit; arrays broadcast against each other.

    Raises
    ------
    TypeError
        A non-numeric argument (for example a string).
    ValueError
        Retention outside [0, 1], discount or growth <= -1, a negative
        acquisition cost, a negative or fractional horizon, NaN, an unknown
        timing, or an infinite horizon whose sum does not converge
        (retention * (1 + growth) >= 1 + discount).

    Notes
    -----
    Finite horizons use the closed form of the geometric series, never a loop:
    with q = r / (1 + i) and Q = q (1 + g),
    ``"end"``: m q (1 - Q^T) / (1 - Q);  ``"start"``: m (1 - Q^T) / (1 - Q);
    ``"first_certain"``: m / (1 + i) (1 - Q^T) / (1 - Q).

    Examples
    --------
    >>> round(clv(100, 0.8, 0.10), 2)
    266.67
    >>> round(clv(100, 0.8, 0.10, timing="start"), 2)
    366.67
    >>> round(clv(100, 0.8, 0.10, timing="first_certain"), 2)
    333.33
    >>> round(clv(100, 0.8, 0.10, periods=5), 2)
    212.41
    """
    timing = choose("timing", timing, CLV_TIMINGS)
    m = as_float_array("margin", margin)
    r = _retention(retention)
    i = _discount(discount)
    g = _growth(growth)
    cost = as_float_array("acquisition_cost", acquisition_cost, low=0.0)
    if periods is None:
        m, r, i, g, cost = _broadcast(
            margin=m, retention=r, discount=i, growth=g, acquisition_cost=cost
        )
        horizon = None
    else:
        horizon = as_periods("periods", periods)
        m, r, i, g, cost, horizon = _broadcast(
            margin=m, retention=r, discount=i, growth=g, acquisition_cost=cost, periods=horizon
        )
    with np.errstate(over="ignore", invalid="ignore"):
        value = m * _value_per_unit_margin(r, i, g, horizon, timing) - cost
    return scalar_or_array(_finite(value, "CLV"))


def max_acquisition_cost(
    margin: object,
    retention: object,
    discount: object,
    periods: object = None,
    *,
    timing: str = "end",
    growth: object = 0.0,
) -> FloatOrArray:
    """Most a firm can spend to win a customer and still break even.

    This is the customer's CLV before acquisition cost: spend more and the
    customer destroys value.  Same arguments and units as :func:`clv`.

    Examples
    --------
    >>> round(max_acquisition_cost(100, 0.8, 0.10), 2)
    266.67
    """
    return clv(margin, retention, discount, periods, timing=timing, growth=growth)


def expected_lifetime(retention: object) -> FloatOrArray:
    """Expected number of periods a new customer stays, 1 / (1 - r).

    Counts the period of acquisition, so it equals the expected number of
    margins under ``timing="start"`` with no discounting.

    Parameters
    ----------
    retention : float or array_like
        Probability of staying one more period, in [0, 1).

    Returns
    -------
    float or numpy.ndarray
        Expected lifetime in periods.

    Examples
    --------
    >>> round(expected_lifetime(0.8), 6)
    5.0
    """
    r = as_float_array(
        "retention",
        retention,
        low=0.0,
        high=1.0,
        high_inclusive=False,
        hint="A customer with retention 1 never leaves: the expected lifetime is infinite.",
    )
    return scalar_or_array(1.0 / (1.0 - r))


def clv_with_referrals(
    margin: object,
    retention: object,
    discount: object,
    referrals: object,
    periods: object = None,
    *,
    timing: str = "end",
    acquisition_cost: object = 0.0,
    growth: object = 0.0,
) -> FloatOrArray:
    """CLV including the value of the new customers a customer refers.

    Each period the customer stays, they bring ``referrals`` new customers on
    average (0.1 = one new customer every ten periods).  A referred customer
    costs nothing to acquire and is worth the plain CLV (same margin,
    retention, discount, horizon and growth); their own referrals are not
    counted (first generation only, a deliberately cautious assumption).
    The referrals' value arrives each period the referrer stays, so it is
    weighted by survival and discounted like a margin; it does not grow with
    ``growth`` (cross-selling raises what a customer buys, not how many
    friends they bring).

    Parameters
    ----------
    referrals : float or array_like
        Expected referred new customers per customer per period, >= 0.
    margin, retention, discount, periods, timing, acquisition_cost, growth
        As in :func:`clv`.

    Returns
    -------
    float or numpy.ndarray
        CLV with referrals, in money.

    Examples
    --------
    >>> round(clv_with_referrals(100, 0.8, 0.10, referrals=0.1), 2)
    337.78
    """
    rho = as_float_array("referrals", referrals, low=0.0)
    own = clv(margin, retention, discount, periods, timing=timing,
              acquisition_cost=acquisition_cost, growth=growth)
    referred_value = clv(margin, retention, discount, periods, timing=timing, growth=growth)
    # Referrals keep coming at the same rate while the customer stays: a stream of
    # rho * referred_value per period, discounted and weighted by survival like a margin.
    referral_stream = clv(1.0, retention, discount, periods, timing=timing)
    rho, own, referred_value, referral_stream = _broadcast(
        referrals=rho, clv=np.asarray(own), referred_value=np.asarray(referred_value),
        stream=np.asarray(referral_stream),
    )
    with np.errstate(over="ignore", invalid="ignore"):
        value = own + rho * referred_value * referral_stream
    finite_result(value, margin=margin, referrals=referrals)
    return scalar_or_array(value)


def customer_equity(
    customers: object,
    margin: object,
    retention: object,
    discount: object,
    periods: object = None,
    *,
    timing: str = "end",
    growth: object = 0.0,
) -> FloatOrArray:
    """Value of a cohort (customer equity): number of customers times CLV.

    Parameters
    ----------
    customers : float or array_like
        Number of customers in the cohort, >= 0.
    margin, retention, discount, periods, timing, growth
        As in :func:`clv`; the customers are already acquired, so no
        acquisition cost is subtracted.

    Returns
    -------
    float or numpy.ndarray
        Cohort value in money.  Pass arrays (one element per segment) and sum
        the result for a customer base made of several segments.

    Examples
    --------
    >>> round(customer_equity(1000, 100, 0.8, 0.10))
    266667
    """
    n = as_float_array("customers", customers, low=0.0)
    value = np.asarray(clv(margin, retention, discount, periods, timing=timing, growth=growth))
    n, value = _broadcast(customers=n, clv=value)
    with np.errstate(over="ignore", invalid="ignore"):
        equity = n * value
    finite_result(equity, customers=customers, margin=margin)
    return scalar_or_array(equity)


def break_even_period(
    margin: object,
    retention: object,
    discount: object,
    acquisition_cost: object,
    *,
    timing: str = "end",
    growth: object = 0.0,
) -> FloatOrArray:
    """First period after which the cumulative discounted margin covers the acquisition cost.

    Parameters
    ----------
    margin, retention, discount, timing, growth
        As in :func:`clv`.
    acquisition_cost : float or array_like
        Cost of winning the customer, paid at t = 0 (money, >= 0).

    Returns
    -------
    float or numpy.ndarray
        The smallest horizon T (a whole number of margins) with
        ``clv(..., periods=T) >= acquisition_cost``.  Under ``timing="end"``
        T is also the period at whose end the cost is recovered; under
        ``timing="start"`` the cost is recovered at t = T - 1.  ``0`` when
        there is no cost; ``inf`` (``numpy.inf``) when the customer **never**
        pays back the cost, because even the infinite-horizon CLV falls short.

    Examples
    --------
    >>> break_even_period(100, 0.8, 0.10, acquisition_cost=150)
    3.0
    >>> break_even_period(100, 0.8, 0.10, acquisition_cost=300)
    inf
    """
    timing = choose("timing", timing, CLV_TIMINGS)
    m = as_float_array("margin", margin)
    r = _retention(retention)
    i = _discount(discount)
    g = _growth(growth)
    cost = as_float_array("acquisition_cost", acquisition_cost, low=0.0)
    m, r, i, g, cost = _broadcast(
        margin=m, retention=r, discount=i, growth=g, acquisition_cost=cost
    )
    q = r / (1.0 + i)
    ratio = q * (1.0 + g)
    if timing == "end":
        first = q
    elif timing == "first_certain":
        first = 1.0 / (1.0 + i)
    else:
        first = np.ones_like(q)
    per_unit = m * first  # value of the first margin
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # Need S(T) = (1 - Q^T) / (1 - Q) >= k, with k = cost / first margin value.
        k = cost / per_unit
        below = 1.0 - k * (1.0 - ratio)  # Q^T must fall to this (Q < 1) or rise to it (Q > 1)
        t_geometric = np.log(below) / np.log(ratio)
        t = np.where(np.isclose(ratio, 1.0, rtol=0.0, atol=1e-12), k, t_geometric)
        # Q = 0: the whole value is in the first margin.
        t = np.where(ratio == 0.0, np.where(k <= 1.0, 1.0, np.inf), t)
        # Q < 1 and the series' limit falls short: never.
        t = np.where((ratio < 1.0) & (below <= 1e-12), np.inf, t)
        t = np.where((k <= 1.0) & (per_unit > 0.0), 1.0, t)  # the first margin covers it
        t = np.where(per_unit <= 0.0, np.inf, t)
        # A positive cost needs at least one margin; the tolerance absorbs rounding
        # when the cost is met exactly at a whole period.
        t = np.maximum(np.ceil(t - 1e-9), 1.0)
    t = np.where(cost <= 0.0, 0.0, t)
    return scalar_or_array(t)


def cash_flow_table(
    margin: float,
    retention: float,
    discount: float,
    periods: int,
    *,
    timing: str = "end",
    growth: float = 0.0,
) -> pd.DataFrame:
    """Period-by-period CLV spreadsheet for one customer.

    The table a student would build by hand: one row per margin counted,
    whose last ``cumulative_present_value`` equals
    ``clv(margin, retention, discount, periods, timing=timing, growth=growth)``.

    Parameters
    ----------
    margin, retention, discount, timing, growth : float, str
        Scalars, as in :func:`clv`.
    periods : int
        Number of margins (rows), a whole number from 0 to 100,000 (``MAX_PERIODS``).

    Returns
    -------
    pandas.DataFrame
        Columns: ``period`` (t; 1..T for "end" and "first_certain", 0..T-1
        for "start"),
        ``survival`` (probability still a customer when the margin is paid),
        ``margin`` (margin if still a customer, money),
        ``expected_margin`` (survival x margin), ``discount_factor``
        (1 / (1 + i)^t), ``present_value`` (expected margin x discount
        factor) and ``cumulative_present_value``.

    Examples
    --------
    >>> cash_flow_table(100, 0.8, 0.10, 3)["cumulative_present_value"].round(2).tolist()
    [72.73, 125.62, 164.09]
    """
    timing = choose("timing", timing, CLV_TIMINGS)
    for name, value in (("margin", margin), ("retention", retention), ("discount", discount),
                        ("growth", growth)):
        if np.ndim(value) != 0:
            raise TypeError(f"{name} must be a single number for a cash-flow table; got an array.")
    m = as_float("margin", margin)
    r = float(_retention(retention))
    i = float(_discount(discount))
    g = float(_growth(growth))
    horizon = as_periods("periods", periods)
    if horizon.ndim != 0:
        raise TypeError("periods must be a single whole number for a cash-flow table.")
    count = int(horizon)
    t = np.arange(0, count) if timing == "start" else np.arange(1, count + 1)
    with np.errstate(over="ignore", invalid="ignore"):  # refused below by finite_result
        survival = r ** (t - 1) if timing == "first_certain" else r**t
        margin_if_active = m * (1.0 + g) ** (t if timing == "start" else t - 1)
        expected = survival * margin_if_active
        factor = (1.0 + i) ** -t.astype(float)
        present = expected * factor
    table = pd.DataFrame(
        {
            "period": t,
            "survival": survival,
            "margin": margin_if_active,
            "expected_margin": expected,
            "discount_factor": factor,
            "present_value": present,
            "cumulative_present_value": np.cumsum(present),
        }
    )
    finite_result(table, margin=margin, retention=retention, discount=discount, periods=periods,
                  growth=growth)
    return table


def retention_uplift(
    retention: object,
    discount: object,
    points: object = 0.05,
    periods: object = None,
    *,
    timing: str = "end",
    growth: object = 0.0,
) -> FloatOrArray:
    """Relative change in CLV when retention rises by ``points``.

    ``clv(m, r + points, ...) / clv(m, r, ...) - 1``; the margin cancels out,
    so none is needed.  Used to test claims such as "five more points of
    retention raise profit by 25 %-85 %" (Reichheld & Sasser, 1990) against
    the formula.

    Parameters
    ----------
    retention : float or array_like
        Base retention per period, in (0, 1]; ``retention + points`` must stay
        in [0, 1].
    discount : float or array_like
        Discount rate per period, > -1.
    points : float or array_like
        Rise in retention as a fraction (0.05 = five percentage points).
    periods, timing, growth
        As in :func:`clv`.

    Returns
    -------
    float or numpy.ndarray
        Relative change (0.275 = +27.5 %).

    Examples
    --------
    >>> round(retention_uplift(0.80, 0.10), 4)
    0.275
    """
    r = _retention(retention)
    p = as_float_array("points", points, low=-1.0, high=1.0)
    r, p = _broadcast(retention=r, points=p)
    higher = as_float_array(
        "retention + points", r + p, low=0.0, high=1.0,
        hint="Choose a smaller rise or a lower base retention.",
    )
    before = np.asarray(clv(1.0, r, discount, periods, timing=timing, growth=growth))
    after = np.asarray(clv(1.0, higher, discount, periods, timing=timing, growth=growth))
    if (before == 0).any():
        raise ValueError(
            "the base CLV is 0 (retention 0 with end-of-period margins, or periods=0), so a "
            "relative change is undefined; compare clv() values directly instead."
        )
    with np.errstate(all="ignore"):
        uplift = after / before - 1.0
    finite_result(uplift, retention=retention, points=points)
    return scalar_or_array(uplift)


def driver_table(
    margin: float,
    retention: float,
    discount: float,
    *,
    retention_points: float = 0.05,
    margin_rise: float = 0.10,
    growth: float = 0.03,
    referrals: float = 0.05,
) -> pd.DataFrame:
    """CLV under the baseline and with each of the four CLV drivers improved.

    The four drivers of a customer's value: a longer relationship (higher
    retention), more revenue per period (higher margin), cross-selling over
    time (margin growth) and referrals of new customers.  Infinite horizon,
    end-of-period margins.

    Parameters
    ----------
    margin, retention, discount : float
        Baseline, as in :func:`clv`.
    retention_points : float
        Rise in retention (0.05 = five points).
    margin_rise : float
        Relative rise in margin per period (0.10 = +10 %).
    growth : float
        Margin growth per period from cross-selling (0.03 = +3 % a period).
    referrals : float
        Referred new customers per customer per period (see :func:`clv_with_referrals`).

    Returns
    -------
    pandas.DataFrame
        Columns ``driver``, ``change``, ``clv`` and ``change_in_clv`` (relative,
        0.1 = +10 %); the first row is the baseline.  ``driver`` and
        ``change`` are worded in the workbook's current language.
    """
    for name, value, low in (("margin", margin, 0.0), ("retention_points", retention_points, 0.0),
                             ("margin_rise", margin_rise, 0.0), ("growth", growth, 0.0),
                             ("referrals", referrals, 0.0)):
        checked = as_float_array(name, value, low=low, low_inclusive=name != "margin")
        if checked.ndim != 0:
            raise TypeError(f"{name} must be a single number for a driver table; got an array.")
    for name, value in (("retention", retention), ("discount", discount)):
        if np.ndim(value) != 0:
            raise TypeError(f"{name} must be a single number for a driver table; got {_describe(value)}.")
    r = float(_retention(retention))
    if r + float(retention_points) > 1.0:
        raise ValueError(f"retention_points must leave retention at most 1: retention {r:g} + "
                         f"retention_points {float(retention_points):g} = {r + float(retention_points):g}. "
                         "Pass 0.05 for five points.")
    with np.errstate(over="ignore"):
        raised_margin = float(margin) * (1.0 + float(margin_rise))
    finite_result(raised_margin, margin=margin, margin_rise=margin_rise)
    base = clv(margin, retention, discount)
    if base == 0:
        raise ValueError("retention must be above 0: with retention 0 the baseline CLV is 0.")
    rows = [
        (_(N_("baseline")), "—", base),
        (_(N_("relationship length")), _("retention +{points:g} points", points=retention_points * 100),
         clv(margin, retention + retention_points, discount)),
        (_(N_("revenue per period")), _("margin +{rise:.0%}", rise=margin_rise),
         clv(raised_margin, retention, discount)),
        (_(N_("cross-selling over time")), _("margin grows {growth:.0%} a period", growth=growth),
         clv(margin, retention, discount, growth=growth)),
        (_(N_("referrals")), _("{referrals:g} new customers referred a period", referrals=referrals),
         clv_with_referrals(margin, retention, discount, referrals)),
    ]
    frame = pd.DataFrame(rows, columns=["driver", "change", "clv"])
    frame["change_in_clv"] = frame["clv"] / base - 1.0
    return frame


def clv_by_convention(
    margin: float,
    retention: float,
    discount: float,
    periods: int | None = None,
    *,
    acquisition_cost: float = 0.0,
    growth: float = 0.0,
) -> dict[str, float]:
    """The CLV of one customer under each of the three timing conventions.

    For exercises that accept every defensible reading of a question and say
    which convention an answer used: compare the answer with each value and
    name the match with :data:`TIMING_NAMES`.

    Parameters
    ----------
    margin, retention, discount, periods, acquisition_cost, growth
        Scalars, as in :func:`clv`.

    Returns
    -------
    dict of str to float
        ``{"end": ..., "start": ..., "first_certain": ...}`` in money.

    Examples
    --------
    >>> {k: round(v, 2) for k, v in clv_by_convention(72, 0.8, 0.10).items()}
    {'end': 192.0, 'start': 264.0, 'first_certain': 240.0}
    """
    # One number each; clv() checks the ranges, with its own messages.
    m, r, i, cost, g = (as_float(name, value) for name, value in (
        ("margin", margin), ("retention", retention), ("discount", discount),
        ("acquisition_cost", acquisition_cost), ("growth", growth)))
    if periods is not None:
        periods = as_count("periods", periods)
    return {
        timing: float(clv(m, r, i, periods, timing=timing, acquisition_cost=cost, growth=g))
        for timing in CLV_TIMINGS
    }
