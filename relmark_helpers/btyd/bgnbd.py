"""The BG/NBD model (beta-geometric / negative binomial distribution; Fader, Hardie & Lee 2005).

The story, for a customer nobody sees leave
-------------------------------------------
* While alive, a customer buys at random with rate lambda per period (a Poisson
  process); across customers lambda follows a gamma distribution with shape
  ``r`` and rate ``alpha`` (mean ``r / alpha`` purchases per period).
* Right *after each purchase* the customer may drop out for good, with
  probability p; across customers p follows a beta distribution with shapes
  ``a`` and ``b`` (mean ``a / (a + b)``).

Because dropping out can only happen after a purchase, a customer with no
repeat purchase (frequency 0) has had no chance to leave: the model says
P(alive) = 1 for them.  That is the model's assumption, not a bug; the
Pareto/NBD (:mod:`relmark_helpers.btyd.pareto_nbd`), where a customer can leave
at any moment, gives such customers P(alive) < 1.

Data per customer: ``frequency`` x (repeat purchases), ``recency`` t_x (age at
the last purchase) and ``T`` (age at the end of the calibration period), in
one time unit (the papers use weeks).  Rates are per that unit.

Introduced in notebook 06.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import special

from relmark_helpers.btyd._common import (
    _trigamma,
    by_value,
    checked_rfm_columns,
    customer_arrays,
    finite_prediction,
    maximise_newton,
    model_params,
    with_horizon,
)
from relmark_helpers.core.validate import as_float_array, scalar_or_array

__all__ = ["BgNbdFit", "bgnbd_log_likelihood", "fit_bgnbd"]

Array = npt.NDArray[np.float64]
FloatOrArray = float | Array


def _loglik_terms(params: Array, x: Array, t_x: Array, T: Array, weights: Array | None,
                  gradient: bool = True, per_customer: bool = False,
                  x_values: tuple[Array, npt.NDArray[np.intp]] | None = None,
                  age_values: tuple[tuple[Array, npt.NDArray[np.intp]], ...] | None = None):
    """Total log-likelihood and its gradient in (r, alpha, a, b); or the per-customer values.

    ``x_values`` and ``age_values`` (from :func:`by_value` of x, and of T and t_x) let the gamma
    functions and logarithms be computed once per distinct value instead of once per customer.
    """
    r, alpha, a, b = params
    xs, at = by_value(x) if x_values is None else x_values
    repeat = x > 0
    log_common = (special.gammaln(r + xs) - special.gammaln(r) + r * np.log(alpha)
                  + special.gammaln(a + b) + special.gammaln(b + xs) - special.gammaln(b)
                  - special.gammaln(a + b + xs))[at]
    (Ts, at_T), (t_xs, at_t_x) = (by_value(T), by_value(t_x)) if age_values is None else age_values
    log_alpha_T, log_alpha_t_x = np.log(alpha + Ts)[at_T], np.log(alpha + t_xs)[at_t_x]
    log_at_T = -(r + x) * log_alpha_T
    with np.errstate(divide="ignore", invalid="ignore"):
        log_dropped = np.where(repeat, np.log(a) - np.log(np.where(repeat, b + x - 1.0, 1.0))
                               - (r + x) * log_alpha_t_x, -np.inf)
    log_sum = np.logaddexp(log_at_T, log_dropped)
    if per_customer:
        return log_common + log_sum
    total = float(np.sum(weights * (log_common + log_sum)))
    if not gradient:
        return total, np.zeros(4)
    w_dropped = np.exp(log_dropped - log_sum)  # share of the likelihood from "dropped after t_x"
    w_alive = 1.0 - w_dropped
    d_r = ((special.digamma(r + xs) - special.digamma(r))[at] + np.log(alpha)
           - w_alive * log_alpha_T - w_dropped * log_alpha_t_x)
    d_alpha = r / alpha - (r + x) * (w_alive / (alpha + T) + w_dropped / (alpha + t_x))
    common_ab = (special.digamma(a + b) - special.digamma(a + b + xs))[at]
    d_a = common_ab + w_dropped / a
    with np.errstate(divide="ignore", invalid="ignore"):
        d_b = (common_ab + (special.digamma(b + xs) - special.digamma(b))[at]
               - np.where(repeat, w_dropped / np.where(repeat, b + x - 1.0, 1.0), 0.0))
    grad = np.array([np.sum(weights * g) for g in (d_r, d_alpha, d_a, d_b)])
    return total, grad


def _loglik_derivatives(params: Array, x: Array, t_x: Array, T: Array, weights: Array,
                        x_values: tuple[Array, npt.NDArray[np.intp]],
                        age_values: tuple[tuple[Array, npt.NDArray[np.intp]], ...]
                        ) -> tuple[float, Array, Array]:
    """Total log-likelihood, its gradient and its Hessian in (r, alpha, a, b), all analytic.

    Per customer the log-likelihood is C + log(e^A + e^D) with
    A = -(r+x) log(alpha+T) ("alive at T"), D = log a - log(b+x-1) - (r+x) log(alpha+t_x)
    ("dropped out after the last purchase", only when x > 0) and C the gamma-function part.
    With w = e^D / (e^A + e^D) the gradient is grad C + grad A + w (grad D - grad A) and the
    Hessian is hess C + hess A + w (hess D - hess A) + w (1 - w) (grad D - grad A)^2.
    """
    r, alpha, a, b = params
    xs, at = x_values
    (Ts, at_T), (t_xs, at_t_x) = age_values
    repeat = x > 0
    log_alpha_T, log_alpha_t_x = np.log(alpha + Ts)[at_T], np.log(alpha + t_xs)[at_t_x]
    inv_T, inv_t_x = (1.0 / (alpha + Ts))[at_T], (1.0 / (alpha + t_xs))[at_t_x]
    b_x = np.where(repeat, b + x - 1.0, 1.0)
    r_x = r + x
    log_at_T = -r_x * log_alpha_T
    log_dropped = np.where(repeat, np.log(a) - np.log(b_x) - r_x * log_alpha_t_x, -np.inf)
    log_sum = np.logaddexp(log_at_T, log_dropped)
    w_drop = np.exp(log_dropped - log_sum)
    # Per distinct x: the gamma-function part and its derivatives.
    common = (special.gammaln(r + xs) - special.gammaln(r) + special.gammaln(a + b)
              + special.gammaln(b + xs) - special.gammaln(b) - special.gammaln(a + b + xs))
    psi_ab = special.digamma(a + b) - special.digamma(a + b + xs)
    dc = np.stack([special.digamma(r + xs) - special.digamma(r), psi_ab,
                   psi_ab + special.digamma(b + xs) - special.digamma(b)])
    tri_ab = _trigamma(a + b) - _trigamma(a + b + xs)
    hc = np.stack([_trigamma(r + xs) - _trigamma(r), tri_ab,
                   tri_ab + _trigamma(b + xs) - _trigamma(b)])
    counts = np.bincount(at, weights=weights, minlength=len(xs))
    n = float(weights.sum())
    total = float(counts @ common + n * r * np.log(alpha) + weights @ log_sum)
    # Differences grad D - grad A (zero where x = 0, since w_drop is 0 there).
    gap = np.stack([log_alpha_T - log_alpha_t_x, r_x * (inv_T - inv_t_x),
                    np.full_like(x, 1.0 / a), -1.0 / b_x])
    ww = weights * w_drop
    grad_a = np.stack([-log_alpha_T, -r_x * inv_T])
    grad = np.empty(4)
    c_sums = dc @ counts
    grad[0] = c_sums[0] + n * np.log(alpha) + grad_a[0] @ weights + gap[0] @ ww
    grad[1] = n * r / alpha + grad_a[1] @ weights + gap[1] @ ww
    grad[2] = c_sums[1] + gap[2] @ ww
    grad[3] = c_sums[2] + gap[3] @ ww
    h_sums = hc @ counts
    hess = (gap * (ww * (1.0 - w_drop))) @ gap.T
    hess[0, 0] += h_sums[0]
    hess[0, 1] += n / alpha - weights @ inv_T + ww @ (inv_T - inv_t_x)
    hess[1, 1] += (-n * r / alpha**2 + (weights * r_x) @ (inv_T * inv_T)
                   + (ww * r_x) @ (inv_t_x * inv_t_x - inv_T * inv_T))
    hess[2, 2] += h_sums[1] - ww.sum() / a**2
    hess[2, 3] += h_sums[1]
    hess[3, 3] += h_sums[2] + ww @ (1.0 / (b_x * b_x))
    hess[1, 0], hess[3, 2] = hess[0, 1], hess[2, 3]
    return total, grad, hess


def bgnbd_log_likelihood(r: float, alpha: float, a: float, b: float, frequency: object,
                         recency: object, T: object) -> FloatOrArray:
    """Log-likelihood of each customer's (frequency, recency, T) under BG/NBD.

    Parameters
    ----------
    r, alpha : float
        Shape and rate (per period) of the gamma distribution of purchase rates, > 0.
    a, b : float
        Shapes of the beta distribution of the drop-out probability, > 0.
    frequency, recency, T : array_like
        Repeat purchases, age at the last purchase and age at the end of the
        calibration period (periods).

    Returns
    -------
    float or numpy.ndarray
        Log-likelihood per customer (natural log; the sum over customers is
        what :func:`fit_bgnbd` maximises).
    """
    params = model_params(r=r, alpha=alpha, a=a, b=b)
    x, t_x, t = customer_arrays(frequency, recency, T)
    shape = x.shape
    with np.errstate(all="ignore"):
        values = _loglik_terms(params, *(np.atleast_1d(v).ravel() for v in (x, t_x, t)), None,
                               per_customer=True)
    finite_prediction(values, r=r, alpha=alpha, a=a, b=b, frequency=frequency, recency=recency, T=T)
    return scalar_or_array(values.reshape(shape))


@dataclass(frozen=True)
class BgNbdFit:
    """A fitted BG/NBD model (returned by :func:`fit_bgnbd`).

    Attributes
    ----------
    params : dict of str to float
        ``r``, ``alpha`` (gamma shape and rate of purchase rates, per period),
        ``a``, ``b`` (beta shapes of the drop-out probability after a purchase).
    log_likelihood : float
        Total log-likelihood at the estimate (natural log).
    standard_errors : dict of str to float
        Asymptotic standard errors from the Hessian, same keys and units.
    customers : int
        Number of customers fitted.
    converged : bool
        Whether the gradient vanished at the estimate.
    """

    params: dict[str, float]
    log_likelihood: float
    standard_errors: dict[str, float]
    customers: int
    converged: bool = True
    iterations: int = field(default=0, compare=False)

    def _p(self) -> tuple[float, float, float, float]:
        p = self.params
        return p["r"], p["alpha"], p["a"], p["b"]

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v:.4g}" for k, v in self.params.items())
        return f"BgNbdFit({shown}; LL={self.log_likelihood:.1f}, {self.customers} customers)"

    def p_alive(self, frequency: object, recency: object, T: object) -> FloatOrArray:
        """Probability that a customer is still alive at the end of calibration.

        Parameters
        ----------
        frequency, recency, T : array_like
            Repeat purchases, age at the last purchase, age at the end (periods).

        Returns
        -------
        float or numpy.ndarray
            P(alive), in (0, 1]; exactly 1 when frequency is 0 (the model's
            assumption: a customer drops out only right after a purchase).
        """
        r, alpha, a, b = self._p()
        x, t_x, t = customer_arrays(frequency, recency, T)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            log_odds = (np.log(a) - np.log(np.where(x > 0, b + x - 1.0, 1.0))
                        + (r + x) * (np.log(alpha + t) - np.log(alpha + t_x)))
            alive = np.where(x > 0, 1.0 / (1.0 + np.exp(log_odds)), 1.0)
        return scalar_or_array(alive)

    def expected_purchases(self, t: object, frequency: object, recency: object,
                           T: object) -> FloatOrArray:
        """Expected purchases in the next ``t`` periods, given the customer's history.

        Fader, Hardie & Lee (2005), equation 10.

        Parameters
        ----------
        t : float or array_like
            Length of the future window (periods), >= 0.
        frequency, recency, T : array_like
            The customer's repeat purchases, age at the last purchase and age
            at the end of calibration (periods).

        Returns
        -------
        float or numpy.ndarray
            Expected number of purchases in (T, T + t].
        """
        r, alpha, a, b = self._p()
        x, t_x, age = customer_arrays(frequency, recency, T)
        horizon, x, t_x, age = with_horizon(t, x, t_x, age)
        z = horizon / (alpha + age + horizon)
        log_ratio = (r + x) * (np.log(alpha + age) - np.log(alpha + age + horizon))
        hyp = special.hyp2f1(r + x, b + x, a + b + x - 1.0, z)
        first = (a + b + x - 1.0) / (a - 1.0) * (1.0 - np.exp(log_ratio) * hyp)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            odds = np.where(x > 0, a / np.where(x > 0, b + x - 1.0, 1.0)
                            * np.exp((r + x) * (np.log(alpha + age) - np.log(alpha + t_x))), 0.0)
            value = first / (1.0 + odds)
        finite_prediction(value, t=t, frequency=frequency, recency=recency, T=T)
        return scalar_or_array(value)

    def clv(self, spend: object, frequency: object, recency: object, T: object,
            monetary_value: object = 0.0, *, periods: int = 12, period_length: float = 52.0 / 12.0,
            discount: float = 0.01, margin: float = 1.0) -> FloatOrArray:
        """Per-customer CLV: expected purchases per future period x expected spend, discounted.

        Margins at the end of each period, as in :mod:`relmark_helpers.lifetime_value.formulas`; see
        :func:`relmark_helpers.btyd.value.customer_value` for the parameters
        (``spend``: a fitted Gamma-Gamma model or a spend per purchase in money;
        ``period_length`` in this model's time unit; ``discount`` per period).
        """
        from relmark_helpers.btyd.value import customer_value

        return customer_value(self, spend, frequency, recency, T, monetary_value, periods=periods,
                              period_length=period_length, discount=discount, margin=margin)

    def expected_cumulative_purchases(self, t: object) -> FloatOrArray:
        """Expected repeat purchases of one new customer in their first ``t`` periods.

        Fader, Hardie & Lee (2005), equation 9; multiply by the number of
        customers of each age for a tracking chart.

        Parameters
        ----------
        t : float or array_like
            Time since the first purchase (periods), >= 0.

        Returns
        -------
        float or numpy.ndarray
            E[X(t)], repeat purchases per customer.
        """
        r, alpha, a, b = self._p()
        time = as_float_array("t", t, low=0.0)
        with np.errstate(all="ignore"):
            hyp = special.hyp2f1(r, b, a + b - 1.0, time / (alpha + time))
            value = (a + b - 1.0) / (a - 1.0) * (1.0 - (alpha / (alpha + time)) ** r * hyp)
        finite_prediction(value, t=t)
        return scalar_or_array(value)

    def expected_purchases_new_customer(self, t: object) -> FloatOrArray:
        """Alias of :meth:`expected_cumulative_purchases` (lifetimes' name for it)."""
        return self.expected_cumulative_purchases(t)


def fit_bgnbd(
    summary: pd.DataFrame,
    *,
    frequency_col: str = "frequency",
    recency_col: str = "recency",
    T_col: str = "T",
) -> BgNbdFit:
    """Fit the BG/NBD model by maximum likelihood to a customer summary.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per customer, e.g. from
        :func:`relmark_helpers.customer_data.transactions.rfm_summary` (with recency and T
        in weeks for the published CDNOW results).
    frequency_col, recency_col, T_col : str
        Column names of the repeat purchases, the age at the last purchase and
        the age at the end of calibration (periods).

    Returns
    -------
    BgNbdFit
        ``params`` (``r``, ``alpha``, ``a``, ``b``), ``log_likelihood``,
        ``standard_errors`` and the prediction methods.

    Raises
    ------
    TypeError
        If ``summary`` is not a DataFrame.
    ValueError
        An empty summary, a missing column, negative or fractional frequencies,
        negative recency or T, recency > T, or recency > 0 with frequency 0;
        the message names the column and the rows.

    Examples
    --------
    >>> summary = pd.DataFrame({"frequency": [2, 1, 0, 0, 5], "recency": [30.4, 1.7, 0, 0, 35.0],
    ...                         "T": [38.9, 38.9, 38.9, 38.9, 38.0]})
    >>> sorted(fit_bgnbd(summary).params)
    ['a', 'alpha', 'b', 'r']
    """
    (x, t_x, t), (ux, ut_x, ut), weights = checked_rfm_columns(summary, frequency_col, recency_col,
                                                               T_col)
    rate = max(x.sum(), 1.0) / max(t.sum(), 1e-9)  # repeat purchases per period, overall
    start = np.array([1.0, 1.0 / rate, 1.0, 3.0])

    x_values, age_values = by_value(ux), (by_value(ut), by_value(ut_x))

    def derivatives(params: Array) -> tuple[float, Array, Array]:
        return _loglik_derivatives(params, ux, ut_x, ut, weights, x_values, age_values)

    best = maximise_newton(derivatives, start, float(len(x)))
    names = ("r", "alpha", "a", "b")
    return BgNbdFit(
        params={n: float(v) for n, v in zip(names, best.params, strict=True)},
        log_likelihood=best.log_likelihood,
        standard_errors={n: float(v) for n, v in zip(names, best.standard_errors, strict=True)},
        customers=len(x),
        converged=best.converged,
        iterations=best.iterations,
    )
