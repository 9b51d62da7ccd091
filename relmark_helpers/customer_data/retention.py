"""Retention in a contractual setting: the shifted-beta-geometric (sBG) model.

A subscriber renews (or not) once a period.  Each subscriber has their own
churn probability theta, constant over time; across the customer base theta
follows a Beta(alpha, beta) distribution (Fader & Hardie, 2007).  Because the
subscribers with a high theta leave first, the retention rate of a cohort
*rises* with its age, even though nobody's own retention changes.

Formulas (t = 0, 1, 2, ... periods since joining; B is the beta function)
------------------------------------------------------------------------
- survival ``S(t) = B(alpha, beta + t) / B(alpha, beta)``, the share of a
  cohort still subscribed in period t (``S(0) = 1``);
- retention ``r(t) = S(t) / S(t-1) = (beta + t - 1) / (alpha + beta + t - 1)``, t >= 1;
- discounted expected lifetime of a new subscriber (Fader & Hardie, 2010),
  counting the first period, which is paid on joining and not discounted:
  ``DEL = sum_{t>=0} S(t) / (1 + d)^t = 2F1(1, beta; alpha + beta; 1 / (1 + d))``;
- discounted expected residual lifetime of a subscriber who has renewed n
  times, just before the next renewal decision (the next payment is not yet
  certain and is not discounted):
  ``DERL = sum_{j>=0} S(n + 1 + j) / S(n) / (1 + d)^j
  = (beta + n) / (alpha + beta + n) * 2F1(1, beta + n + 1; alpha + beta + n + 1; 1 / (1 + d))``.

CLV = margin per period x DEL: the timing convention is ``timing="start"`` of
:func:`relmark_helpers.lifetime_value.formulas.clv` (the first margin paid on joining).  Units:
periods are whatever the data use (years in notebook 05); ``discount`` is a
rate per period (0.1 = 10 %).

References: Fader, P. S. & Hardie, B. G. S. (2007). How to project customer
retention. *Journal of Interactive Marketing* 21(1), 76-90. · Fader, P. S. &
Hardie, B. G. S. (2010). Customer-base valuation in a contractual setting:
the perils of ignoring heterogeneity. *Marketing Science* 29(1), 85-93.

Introduced in notebook 05.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import integrate, optimize, special

from relmark_helpers.core.messages import N_
from relmark_helpers.core.validate import (
    MAX_CUSTOMERS,
    _describe,
    as_count,
    as_float_array,
    as_frame,
    as_periods,
    scalar_or_array,
)

__all__ = [
    "SbgFit",
    "alive_counts",
    "constant_retention_derl",
    "fit_sbg",
    "mixture_retention",
    "sbg_del",
    "sbg_derl",
    "sbg_retention",
    "sbg_survival",
    "simulate_mixture",
    "simulate_sbg",
]

FloatOrArray = float | npt.NDArray[np.float64]
_DISCOUNT_HINT = "Pass 0.1 for 10 % per period; with no discounting the sum may never end."


MIN_SHAPE = 1e-100
"""Smallest alpha or beta the sBG functions take (smaller shapes underflow the Beta function)."""


def _shape(name: str, value: object) -> npt.NDArray[np.float64]:
    shape = as_float_array(name, value, low=0.0, low_inclusive=False,
                           hint="alpha and beta are the Beta distribution's two shape parameters.")
    if np.any(shape < MIN_SHAPE):
        raise ValueError(f"{name} must be at least {MIN_SHAPE:g} (smaller shapes underflow the Beta "
                         f"function); got {_describe(value)}.")
    return shape


MIN_DISCOUNT = 1e-12
"""Smallest discount rate per period the sBG functions take (below it DEL may exceed 1e12 periods)."""


def _single(name: str, checked: npt.NDArray[np.float64]) -> float:
    if checked.ndim != 0:
        raise TypeError(f"{name} must be a single number; got {_describe(checked)}.")
    return float(checked)


def _discount(value: object) -> npt.NDArray[np.float64]:
    rate = as_float_array("discount", value, low=0.0, low_inclusive=False, hint=_DISCOUNT_HINT)
    if (rate < MIN_DISCOUNT).any():
        raise ValueError(f"discount must be at least {MIN_DISCOUNT:g} per period (a smaller rate makes "
                         f"the discounted lifetime longer than a trillion periods); got {_describe(value)}.")
    return rate


_SERIES_TERMS = 4096  # the term-by-term sum is used only when this many terms reach 1e-17


def _series_terms(d: float) -> int:
    """Terms until the discount factor ``(1 + d)^-j`` falls below 1e-17."""
    return int(np.ceil(39.2 / np.log1p(d))) + 1


def _residual_series(a: float, b: float, d: float, n: float) -> float:
    """``sum_{j>=0} S(n + 1 + j) / S(n) / (1 + d)^j`` summed term by term.

    Every term is positive, so the sum loses no digits; only used when the
    discount is large enough for at most ``_SERIES_TERMS`` terms to matter.
    """
    terms = _series_terms(d)
    earlier = n + np.arange(terms)  # renewals before each next one: n, n + 1, ...
    with np.errstate(over="ignore", under="ignore", divide="ignore"):
        ratio = np.cumprod(1.0 / (1.0 + a / (b + earlier)))  # S(n + 1 + j) / S(n)
    return float(np.sum(ratio * np.exp(-np.arange(terms) * np.log1p(d))))


def _residual_integral(a: float, b: float, d: float, n: float) -> float:
    """The same sum as an integral over the churn probability of a subscriber who renewed n times.

    Such a subscriber's churn probability theta follows Beta(a, b + n), and
    ``S(n + 1 + j) / S(n) = E[(1 - theta)^(j + 1)]``, so the geometric sum is
    ``(1 + d) E[(1 - theta) / (d + theta)]``.  The integral is taken by adaptive
    quadrature with break points at every decade between ``min(d, 1 / (b + n))``
    and 1 and around the posterior's bulk; for a < 1 the substitution
    ``u = theta^a`` removes the endpoint singularity.  Its cost does not grow
    as the discount shrinks.
    """
    shape = b + n
    log_norm = special.betaln(a, shape)
    mean = 1.0 / (1.0 + shape / a)  # a / (a + shape), without overflow
    other = 1.0 / (1.0 + a / shape)
    spread = np.sqrt(mean * other / (a + shape + 1.0))
    if spread < 1e-8 * (d + mean):
        # Churn probabilities all but equal next to d + mean: the average of (1 - theta) /
        # (d + theta) is its value at the mean to within (spread / (d + mean))^2 < 1e-16.
        return float((1.0 + d) * other / (d + mean))
    smallest = max(min(d, 1.0 / (1.0 + shape), mean), 1e-300)
    decades = np.arange(np.floor(np.log10(smallest)), 0.0)
    thetas = np.concatenate([10.0 ** decades, mean + spread * np.array([-12, -6, -3, -1, 0, 1, 3, 6, 12])])
    thetas = thetas[(thetas > 0.0) & (thetas < 1.0)]
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", integrate.IntegrationWarning)
        if a < 1.0:
            # theta = u^(1/a): theta^(a-1) dtheta = du / a, so the integrand is bounded.
            def integrand(u: float) -> float:
                theta = u ** (1.0 / a)
                return float(np.exp(shape * np.log1p(-theta) - log_norm - np.log(a)) * (d / (d + theta)))

            points = np.unique(thetas ** a)
        else:
            def integrand(theta: float) -> float:
                log_density = (a - 1.0) * np.log(theta) + shape * np.log1p(-theta) - log_norm
                return float(np.exp(log_density) * (d / (d + theta)))

            points = np.unique(thetas)
        edges = np.concatenate(([0.0], points[(points > 0.0) & (points < 1.0)], [1.0]))
        # One adaptive integral per piece: more reliable than one call with break points.
        value = sum(integrate.quad(integrand, low, high, epsabs=0.0, epsrel=1e-13, limit=200)[0]
                    for low, high in zip(edges[:-1], edges[1:], strict=True))
    return float((1.0 + d) / d * value)  # the integrand carries d / (d + theta), never overflowing


def _derl(a, b, d, n):
    """DERL after n renewals: a positive-term series when the discount is large, else an integral.

    scipy's ``hyp2f1`` is not used: near ``1 / (1 + d) = 1`` it can return a
    finite but wrong value (e.g. 5.31853 instead of 5.32372 for alpha=15, beta=150,
    d=0.1, n=0), which no check on its output can catch.
    """
    a, b, d, n = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (a, b, d, n)))
    value = np.empty(a.shape, dtype=float)
    for index in np.ndindex(a.shape):
        args = float(a[index]), float(b[index]), float(d[index]), float(n[index])
        if _series_terms(args[2]) <= _SERIES_TERMS:
            value[index] = _residual_series(*args)
        else:
            value[index] = _residual_integral(*args)
    return value


def sbg_survival(alpha: object, beta: object, t: object) -> FloatOrArray:
    """Share of a cohort still subscribed in period t: ``B(alpha, beta + t) / B(alpha, beta)``.

    Parameters
    ----------
    alpha, beta : float or array_like
        Beta-distribution shapes of the churn probability, > 0.
    t : int or array_like of int
        Periods since joining, >= 0.

    Returns
    -------
    float or numpy.ndarray
        Survival probability in [0, 1]; arrays broadcast.

    Examples
    --------
    >>> round(sbg_survival(1.0, 1.0, 3), 4)  # B(1, 4) / B(1, 1) = 1/4
    0.25
    """
    a, b = _shape("alpha", alpha), _shape("beta", beta)
    periods = as_periods("t", t, maximum=None)
    return scalar_or_array(np.exp(special.betaln(a, b + periods) - special.betaln(a, b)))


def sbg_retention(alpha: object, beta: object, t: object) -> FloatOrArray:
    """Retention rate of period t, ``(beta + t - 1) / (alpha + beta + t - 1)``, for t >= 1.

    The share of those subscribed in period t - 1 who renew for period t.

    Examples
    --------
    >>> round(sbg_retention(1.0, 1.0, 1), 4), round(sbg_retention(1.0, 1.0, 9), 4)
    (0.5, 0.9)
    """
    a, b = _shape("alpha", alpha), _shape("beta", beta)
    periods = as_periods("t", t, maximum=None)
    if (periods < 1).any():
        raise ValueError(f"t must be a period >= 1 (retention from t - 1 to t); got {_describe(t)}.")
    return scalar_or_array((b + periods - 1.0) / (a + b + periods - 1.0))


def sbg_del(alpha: object, beta: object, discount: object) -> FloatOrArray:
    """Discounted expected lifetime (DEL) of a new subscriber, in periods.

    ``sum_{t>=0} S(t) / (1 + d)^t``: the first period is paid on joining and
    counts fully.  Multiply by the margin per period to get CLV (timing "start").

    Parameters
    ----------
    alpha, beta : float or array_like
        Beta-distribution shapes, > 0.
    discount : float or array_like
        Discount rate per period, >= 1e-12 (``MIN_DISCOUNT``).

    Returns
    -------
    float or numpy.ndarray
        DEL in periods' worth of margin.

    Examples
    --------
    >>> round(sbg_del(1.0, 1.0, 0.10), 4)  # sum (1/(t+1)) / 1.1^t = 1.1 ln 11
    2.6377
    """
    a, b, d = _shape("alpha", alpha), _shape("beta", beta), _discount(discount)
    # DEL = 1 + DERL(0) / (1 + d): the first period now, then a customer with no renewal yet.
    return scalar_or_array(1.0 + _derl(a, b, d, np.zeros_like(a)) / (1.0 + d))


def sbg_derl(alpha: object, beta: object, discount: object, renewals: object) -> FloatOrArray:
    """Discounted expected residual lifetime (DERL) of a subscriber who has renewed n times.

    Evaluated just before their next renewal decision; the next period counts
    only if they renew and is not discounted:
    ``sum_{j>=0} S(n + 1 + j) / S(n) / (1 + d)^j``.

    Parameters
    ----------
    alpha, beta : float or array_like
        Beta-distribution shapes, > 0.
    discount : float or array_like
        Discount rate per period, >= 1e-12 (``MIN_DISCOUNT``).
    renewals : int or array_like of int
        Renewals so far, n >= 0 (0: a subscriber in their first period).

    Returns
    -------
    float or numpy.ndarray
        DERL in periods' worth of margin; it grows with ``renewals``.

    Examples
    --------
    >>> [round(sbg_derl(1.0, 1.0, 0.10, n), 3) for n in (0, 5)]
    [1.801, 5.099]
    """
    a, b, d = _shape("alpha", alpha), _shape("beta", beta), _discount(discount)
    n = as_periods("renewals", renewals, maximum=None)
    return scalar_or_array(_derl(a, b, d, n))


def _alive(alive: object) -> npt.NDArray[np.float64]:
    counts = as_float_array("alive", alive, low=0.0,
                            hint="alive holds numbers of customers, first the cohort's size.")
    if counts.ndim != 1 or counts.size < 2:
        raise ValueError(
            f"alive must be a list of at least two counts (the cohort's size, then the number "
            f"still active in each later period); got {_describe(alive)}."
        )
    if (counts != np.round(counts)).any():
        raise ValueError(f"alive must hold whole numbers of customers; got {_describe(alive)}.")
    if counts[0] <= 0:
        raise ValueError(f"alive[0], the cohort's size, must be > 0; got {counts[0]:g}.")
    rises = np.flatnonzero(np.diff(counts) > 0)
    if rises.size:
        k = int(rises[0]) + 1
        raise ValueError(
            f"alive must never increase (a customer who left does not come back); got "
            f"alive[{k}] = {counts[k]:g} > alive[{k - 1}] = {counts[k - 1]:g}."
        )
    return counts


def _log_likelihood(alpha: float, beta: float, counts: npt.NDArray[np.float64]) -> float:
    t = np.arange(1, counts.size)
    base = special.betaln(alpha, beta)
    log_churn_at = special.betaln(alpha + 1.0, beta + t - 1.0) - base  # P(leave at renewal t)
    leavers = counts[:-1] - counts[1:]
    log_still = special.betaln(alpha, beta + counts.size - 1.0) - base
    return float(np.sum(leavers * log_churn_at) + counts[-1] * log_still)


@dataclass(frozen=True)
class SbgFit:
    """A fitted shifted-beta-geometric model (returned by :func:`fit_sbg`).

    Attributes
    ----------
    alpha, beta : float
        Estimated shapes of the Beta distribution of churn probabilities.
    log_likelihood : float
        Log-likelihood at the estimate.
    alive : numpy.ndarray
        The counts it was fitted to (first: the cohort's size).
    """

    alpha: float
    beta: float
    log_likelihood: float
    alive: npt.NDArray[np.float64]

    @property
    def cohort_size(self) -> float:
        """Number of customers at the start (``alive[0]``)."""
        return float(self.alive[0])

    @property
    def mean_churn(self) -> float:
        """Average churn probability across customers, alpha / (alpha + beta)."""
        return self.alpha / (self.alpha + self.beta)

    def survival(self, t: object) -> FloatOrArray:
        """Share still active in period t (see :func:`sbg_survival`)."""
        return sbg_survival(self.alpha, self.beta, t)

    def retention(self, t: object) -> FloatOrArray:
        """Retention rate of period t >= 1 (see :func:`sbg_retention`)."""
        return sbg_retention(self.alpha, self.beta, t)

    def projection(self, periods: int) -> npt.NDArray[np.float64]:
        """Expected number still active in periods 0 .. periods-1 (cohort size x survival)."""
        horizon = as_count("periods", periods)
        return self.cohort_size * np.asarray(self.survival(np.arange(horizon)), dtype=float)

    def del_(self, discount: object) -> FloatOrArray:
        """Discounted expected lifetime of a new customer (see :func:`sbg_del`)."""
        return sbg_del(self.alpha, self.beta, discount)

    def derl(self, discount: object, renewals: object) -> FloatOrArray:
        """Discounted expected residual lifetime after n renewals (see :func:`sbg_derl`)."""
        return sbg_derl(self.alpha, self.beta, discount, renewals)


_LOG_SHAPE_LIMIT = 20.0


def fit_sbg(alive: object) -> SbgFit:
    """Fit the sBG model by maximum likelihood to a cohort's survivor counts.

    Parameters
    ----------
    alive : array_like of int
        Number of customers active at the start of each period: ``alive[0]``
        is the cohort's size, ``alive[t]`` the number who renewed t times.
        At least two counts, never increasing.

    Returns
    -------
    SbgFit
        With ``alpha``, ``beta``, ``log_likelihood`` and methods
        ``survival``, ``retention``, ``projection``, ``del_``, ``derl``.
        When the data show no sign of heterogeneity (retention does not
        rise), alpha and beta grow large together: the model then says
        "everyone has the same churn probability alpha / (alpha + beta)".

    Raises
    ------
    ValueError
        Fewer than two counts, negative or fractional counts, an empty
        cohort, or counts that increase.

    Examples
    --------
    >>> fit = fit_sbg([1000, 631, 468, 382, 326, 289, 262, 241])  # Fader & Hardie (2007), "regular"
    >>> round(fit.alpha, 3), round(fit.beta, 3)
    (0.704, 1.182)
    """
    counts = _alive(alive)

    def negative(log_params: npt.NDArray[np.float64]) -> float:
        a, b = np.exp(log_params)
        return -_log_likelihood(a, b, counts)

    best = None
    for start in ((0.0, 0.0), (1.0, 2.0), (-1.0, 0.5)):
        # Shapes kept within e^-20 .. e^20: beyond, the data say nothing more (no heterogeneity,
        # or everyone leaving at once) and the beta functions lose every digit.
        result = optimize.minimize(negative, np.array(start), method="Nelder-Mead",
                                   bounds=[(-_LOG_SHAPE_LIMIT, _LOG_SHAPE_LIMIT)] * 2,
                                   options={"xatol": 1e-9, "fatol": 1e-11, "maxiter": 4000})
        if best is None or result.fun < best.fun:
            best = result
    alpha, beta = (float(x) for x in np.exp(best.x))
    # A log-likelihood of counts is <= 0; a hair above 0 is rounding at the bounds.
    return SbgFit(alpha, beta, min(-float(best.fun), 0.0), counts)


def alive_counts(table: pd.DataFrame, *, segment_col: str = "plan", period_col: str = "period",
                 active_col: str = "subscribed") -> pd.DataFrame:
    """Number still active per segment and period, from a renewal table.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per customer per period, with a 0/1 column saying whether
        they were active (like ``data/loyalty_renewals.csv``).
    segment_col, period_col, active_col : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Index: segments; columns: periods 0, 1, ...; values: customers
        active.  One row is what :func:`fit_sbg` takes.

    Examples
    --------
    >>> t = pd.DataFrame({"plan": ["a"] * 4, "period": [0, 1, 0, 1], "subscribed": [1, 1, 1, 0]})
    >>> alive_counts(t).loc["a"].tolist()
    [2, 1]
    """
    as_frame("table", table, what="a renewal table, one row per customer per period "
             "(load_loyalty_renewals())")
    wanted = {"segment_col": segment_col, "period_col": period_col, "active_col": active_col}
    for argument, column in wanted.items():
        if not isinstance(column, str):
            raise TypeError(f"{argument} must be a column name (text); got {_describe(column)}.")
    missing = [f"{c!r} ({argument})" for argument, c in wanted.items() if c not in table.columns]
    if missing:
        raise ValueError(f"the renewal table has no column {', '.join(missing)}; its columns "
                         f"are {', '.join(map(repr, map(str, table.columns)))}.")
    active = table[active_col]
    if not active.isin([0, 1]).all():
        bad = active[~active.isin([0, 1])].iloc[0]
        raise ValueError(f"column {active_col!r} must hold 1 (active) or 0; got {_describe(bad)}.")
    counts = table.groupby([segment_col, period_col])[active_col].sum().unstack(period_col)
    return counts.fillna(0).astype(int)


def simulate_sbg(alpha: float, beta: float, customers: int, periods: int, *,
                 seed: int | np.random.Generator = 2026) -> npt.NDArray[np.int64]:
    """Survivor counts of one simulated cohort under the sBG model.

    Each customer draws a churn probability from Beta(alpha, beta) and then
    leaves at each renewal with that probability.  ``customers`` is at most
    1,000,000 (``MAX_CUSTOMERS``) and ``periods`` at most 100,000 (``MAX_PERIODS``).

    Returns
    -------
    numpy.ndarray of int
        ``periods`` counts, first the cohort's size (as :func:`fit_sbg` takes).

    Examples
    --------
    >>> simulate_sbg(1.0, 2.0, 1000, 4, seed=1)[0]
    np.int64(1000)
    """
    a, b = _single("alpha", _shape("alpha", alpha)), _single("beta", _shape("beta", beta))
    n = as_count("customers", customers, maximum=MAX_CUSTOMERS)
    horizon = as_count("periods", periods)
    rng = np.random.default_rng(seed)
    churn = rng.beta(a, b, n)
    lifetimes = rng.geometric(np.clip(churn, 1e-12, 1.0))  # periods subscribed, >= 1
    return _still_active(lifetimes, horizon)


def _still_active(lifetimes: npt.NDArray[np.int64], horizon: int) -> npt.NDArray[np.int64]:
    """Number with a lifetime > t for t = 0 .. horizon - 1 (one pass, not one per period)."""
    ended_at = np.bincount(np.minimum(lifetimes, horizon), minlength=horizon + 1)[:horizon]
    return (lifetimes.size - np.cumsum(ended_at)).astype(np.int64)


def mixture_retention(retentions: object, shares: object, periods: int) -> pd.DataFrame:
    """Expected aggregate retention of a cohort made of groups with constant retention.

    Parameters
    ----------
    retentions : array_like
        Each group's own retention per period, in [0, 1].
    shares : array_like
        Each group's share of the cohort at the start (summing to 1).
    periods : int
        Number of periods shown, 2 to 100,000 (``MAX_PERIODS``).

    Returns
    -------
    pandas.DataFrame
        Index ``period`` 1 .. periods-1; columns ``aggregate retention`` and
        one ``retention of group k`` per group (constant).

    Examples
    --------
    >>> mixture_retention([0.5, 0.9], [0.5, 0.5], 3)["aggregate retention"].round(3).tolist()
    [0.7, 0.757]
    """
    r = as_float_array("retentions", retentions, low=0.0, high=1.0)
    w = as_float_array("shares", shares, low=0.0, high=1.0)
    if r.shape != w.shape or r.ndim != 1:
        raise ValueError("retentions and shares need one number per group each.")
    if not np.isclose(w.sum(), 1.0):
        raise ValueError(f"shares must add up to 1; they add up to {w.sum():g}.")
    horizon = as_count("periods", periods)
    t = np.arange(horizon)
    # In logs, so that a long horizon does not underflow the survivors to 0 (and 0 / 0 to NaN).
    with np.errstate(divide="ignore", invalid="ignore"):
        log_survival = np.where(t[:, None] == 0, 0.0, t[:, None] * np.log(r)[None, :])
        log_alive = np.log(w)[None, :] + log_survival
    log_total = special.logsumexp(log_alive, axis=1)
    ratio = np.zeros(max(horizon - 1, 0))
    left = np.isfinite(log_total[:-1])  # after everyone has left, nobody stays: 0
    ratio[left] = np.exp(log_total[1:][left] - log_total[:-1][left])
    frame = pd.DataFrame({N_("aggregate retention"): ratio},
                         index=pd.Index(t[1:], name="period"))
    for k, rate in enumerate(r):
        frame[f"retention of group {k + 1}"] = rate
    return frame


def simulate_mixture(retentions: object, shares: object, customers: int, periods: int, *,
                     seed: int | np.random.Generator = 2026) -> pd.DataFrame:
    """Simulate a cohort of groups with constant retention; count who is still there.

    ``customers`` is at most 1,000,000 (``MAX_CUSTOMERS``), ``periods`` at most
    100,000 (``MAX_PERIODS``), and customers x periods at most 50,000,000 (one
    random draw each).

    Returns
    -------
    pandas.DataFrame
        Index ``period`` 0 .. periods-1; one column of customers still active
        per group (``group 1``, ...), a ``total`` and the ``aggregate
        retention`` (total / previous total; NaN in period 0).

    Examples
    --------
    >>> simulate_mixture([0.5, 0.9], [0.5, 0.5], 1000, 3)["total"].iloc[0]
    np.int64(1000)
    """
    r = as_float_array("retentions", retentions, low=0.0, high=1.0)
    w = as_float_array("shares", shares, low=0.0, high=1.0)
    if r.shape != w.shape or r.ndim != 1 or not np.isclose(w.sum(), 1.0):
        raise ValueError("retentions and shares need one number per group each; shares add up to 1.")
    n = as_count("customers", customers, maximum=MAX_CUSTOMERS)
    horizon = as_count("periods", periods)
    if n * horizon > 50 * MAX_CUSTOMERS:
        raise ValueError(f"customers x periods must be at most {50 * MAX_CUSTOMERS:,} (one random draw "
                         f"each); got {n:,} x {horizon:,}. Simulate fewer customers or periods.")
    rng = np.random.default_rng(seed)
    group = rng.choice(r.size, size=n, p=w / w.sum())
    stays = rng.random((n, max(horizon - 1, 0))) < r[group][:, None]
    lifetime = 1 + np.cumprod(stays, axis=1).sum(axis=1)  # periods active, >= 1
    frame = pd.DataFrame(index=pd.Index(np.arange(horizon), name="period"))
    for k in range(r.size):
        mine = lifetime[group == k]
        frame[f"group {k + 1}"] = _still_active(mine, horizon)
    frame["total"] = frame.sum(axis=1)
    frame["aggregate retention"] = frame["total"] / frame["total"].shift(1)
    return frame


def constant_retention_derl(retention: object, discount: object) -> FloatOrArray:
    """Residual lifetime of an existing customer under one constant retention rate.

    The constant-retention counterpart of :func:`sbg_derl`, on the same
    timing: ``sum_{j>=0} r^(j+1) / (1 + d)^j = r (1 + d) / (1 + d - r)``,
    the same for every tenure.

    Parameters
    ----------
    retention : float or array_like
        Retention per period, in [0, 1].
    discount : float or array_like
        Discount rate per period, >= 1e-12 (``MIN_DISCOUNT``).

    Examples
    --------
    >>> round(constant_retention_derl(0.5, 0.10), 4)  # 0.5 * 1.1 / 0.6
    0.9167
    """
    r = as_float_array("retention", retention, low=0.0, high=1.0, hint="Pass 0.8 for 80 %, not 80.")
    d = _discount(discount)
    return scalar_or_array(r * (1.0 + d) / (1.0 + d - r))
