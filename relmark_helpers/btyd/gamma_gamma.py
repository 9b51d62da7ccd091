"""The Gamma-Gamma model of spend per transaction (Fader & Hardie 2013; Colombo & Jiang 1999).

The story
---------
* Each transaction's value z of one customer is gamma distributed with shape
  ``p`` and a rate nu that belongs to the customer, so their mean spend per
  transaction is p / nu.
* Across customers nu is gamma distributed with shape ``q`` and rate
  ``gamma``; the average customer's mean spend per transaction is then
  ``p gamma / (q - 1)`` (for q > 1).

A customer's observed average spend over x repeat transactions is shrunk
toward that population mean, the more so the fewer transactions we saw:
E[mean spend | x, m_x] = (p (gamma + x m_x)) / (p x + q - 1), a weighted
average of the population mean and m_x with weight p x / (p x + q - 1) on m_x.

Fitted on customers with at least one repeat purchase (first purchases are
left out, as in the papers).  The model assumes spend is independent of how
often a customer buys; check that before using it (the correlation of
frequency and monetary value across customers should be near 0).

Introduced in notebook 06.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import special

from relmark_helpers.btyd._common import _trigamma, _where, by_value, check_summary, maximise_newton
from relmark_helpers.core.validate import _describe, as_float_array, scalar_or_array

__all__ = ["GammaGammaFit", "fit_gamma_gamma"]

Array = npt.NDArray[np.float64]
FloatOrArray = float | Array


def _loglik_terms(params: Array, x: Array, m: Array, weights: Array,
                  x_values: tuple[Array, npt.NDArray[np.intp]] | None = None,
                  logs: tuple[Array, Array] | None = None) -> tuple[float, Array]:
    """Total log-likelihood of the customers' mean spends and its gradient in (p, q, gamma).

    ``x_values`` (distinct frequencies and each customer's position among them) and ``logs``
    (log m, log x) may be passed precomputed; the gamma functions depend on x only.
    """
    p, q, g = params
    xs, at = by_value(x) if x_values is None else x_values
    log_m, log_x = (np.log(m), np.log(x)) if logs is None else logs
    pxs = p * xs
    gamma_part = (special.gammaln(pxs + q) - special.gammaln(pxs))[at]
    psi_sum, psi_px = special.digamma(pxs + q)[at], special.digamma(pxs)[at]
    px = p * x
    total_spend = g + x * m
    log_total = np.log(total_spend)
    value = (gamma_part - special.gammaln(q) + q * np.log(g) + (px - 1.0) * log_m + px * log_x
             - (px + q) * log_total)
    d_p = x * (psi_sum - psi_px + log_m + log_x - log_total)
    d_q = psi_sum - special.digamma(q) + np.log(g) - log_total
    d_g = q / g - (px + q) / total_spend
    grad = np.array([np.sum(weights * d) for d in (d_p, d_q, d_g)])
    return float(np.sum(weights * value)), grad


def _loglik_derivatives(params: Array, x: Array, m: Array, weights: Array,
                        x_values: tuple[Array, npt.NDArray[np.intp]],
                        logs: tuple[Array, Array]) -> tuple[float, Array, Array]:
    """Total log-likelihood, gradient and Hessian in (p, q, gamma), all analytic.

    With S = gamma + x m (the customer's total spend plus gamma) the second
    derivatives are x^2 (psi'(px+q) - psi'(px)), x psi'(px+q), -x / S,
    psi'(px+q) - psi'(q), 1/gamma - 1/S and -q/gamma^2 + (px+q)/S^2 per customer.
    """
    p, q, g = params
    value, grad = _loglik_terms(params, x, m, weights, x_values, logs)
    xs, at = x_values
    tri_sum, tri_px = _trigamma(p * xs + q), _trigamma(p * xs)
    w_at = np.bincount(at, weights=weights, minlength=len(xs))
    inv_s = 1.0 / (g + x * m)
    hess = np.empty((3, 3))
    hess[0, 0] = (w_at * xs * xs) @ (tri_sum - tri_px)
    hess[0, 1] = (w_at * xs) @ tri_sum
    hess[0, 2] = -(weights * x) @ inv_s
    hess[1, 1] = w_at @ tri_sum - weights.sum() * _trigamma(q)
    hess[1, 2] = weights.sum() / g - weights @ inv_s
    hess[2, 2] = -weights.sum() * q / g**2 + (weights * (p * x + q)) @ (inv_s * inv_s)
    hess[1, 0], hess[2, 0], hess[2, 1] = hess[0, 1], hess[0, 2], hess[1, 2]
    return value, grad, hess


@dataclass(frozen=True)
class GammaGammaFit:
    """A fitted Gamma-Gamma spend model (returned by :func:`fit_gamma_gamma`).

    Attributes
    ----------
    params : dict of str to float
        ``p`` (shape of spend per transaction), ``q`` and ``gamma`` (shape and
        rate of the customers' spend rates; ``gamma`` in money).
    log_likelihood : float
        Total log-likelihood at the estimate (natural log).
    standard_errors : dict of str to float
        Asymptotic standard errors from the Hessian.
    customers : int
        Number of repeat buyers fitted.
    """

    params: dict[str, float]
    log_likelihood: float
    standard_errors: dict[str, float]
    customers: int
    converged: bool = True
    iterations: int = field(default=0, compare=False)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v:.4g}" for k, v in self.params.items())
        return f"GammaGammaFit({shown}; LL={self.log_likelihood:.1f}, {self.customers} customers)"

    @property
    def mean_spend(self) -> float:
        """Population mean spend per transaction, p gamma / (q - 1) (money; infinite if q <= 1)."""
        p, q, g = self.params["p"], self.params["q"], self.params["gamma"]
        return p * g / (q - 1.0) if q > 1.0 else float("inf")

    def expected_average_spend(self, frequency: object, monetary: object) -> FloatOrArray:
        """Expected spend per future transaction of a customer, given their history.

        Parameters
        ----------
        frequency : array_like
            Repeat transactions x observed (whole numbers >= 0).
        monetary : array_like
            Mean spend over those repeat transactions (money, >= 0; ignored when x is 0).

        Returns
        -------
        float or numpy.ndarray
            (p (gamma + x m)) / (p x + q - 1), money per transaction; the
            population mean p gamma / (q - 1) for a customer with x = 0.
        """
        p, q, g = self.params["p"], self.params["q"], self.params["gamma"]
        x = as_float_array("frequency", frequency, low=0.0)
        m = as_float_array("monetary", monetary, low=0.0)
        x, m = np.broadcast_arrays(x, m)
        return scalar_or_array(p * (g + x * m) / (p * x + q - 1.0))


def fit_gamma_gamma(
    summary: pd.DataFrame,
    *,
    frequency_col: str = "frequency",
    monetary_col: str = "monetary_value",
) -> GammaGammaFit:
    """Fit the Gamma-Gamma spend model by maximum likelihood.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per customer with repeat purchases ``frequency`` and mean
        repeat spend ``monetary_value`` (money), e.g. from
        :func:`relmark_helpers.customer_data.transactions.rfm_summary` with ``amount_col``.
        Customers with frequency 0 are left out (they have no repeat spend).
    frequency_col, monetary_col : str
        Column names.

    Returns
    -------
    GammaGammaFit
        ``params`` (``p``, ``q``, ``gamma``), ``log_likelihood``,
        ``standard_errors`` and :meth:`~GammaGammaFit.expected_average_spend`.

    Raises
    ------
    TypeError
        If ``summary`` is not a DataFrame.
    ValueError
        An empty summary, a missing column, negative or fractional
        frequencies, a repeat buyer whose mean spend is not > 0, or no repeat
        buyer at all; the message names the column and the rows.

    Examples
    --------
    >>> summary = pd.DataFrame({"frequency": [2, 1, 0, 3, 5, 1],
    ...                         "monetary_value": [22.4, 11.8, 0.0, 40.1, 30.0, 18.2]})
    >>> sorted(fit_gamma_gamma(summary).params)
    ['gamma', 'p', 'q']
    """
    index, cols = check_summary(summary, {"frequency_col": frequency_col, "monetary_col": monetary_col})
    x, m = cols["frequency_col"], cols["monetary_col"]
    for bad, rule in ((x < 0, "are negative"), (x != np.round(x), "are not whole numbers")):
        if bad.any():
            positions = np.flatnonzero(bad)
            raise ValueError(f"the summary's column {frequency_col!r}: {positions.size} value(s) {rule}, "
                             f"at {_where(index, positions)} (e.g. {_describe(x[positions[0]])}).")
    repeat = x > 0
    if not repeat.any():
        raise ValueError(f"the summary's column {frequency_col!r} is 0 for every customer: the "
                         "Gamma-Gamma model needs repeat buyers (frequency > 0) and their mean spend.")
    bad = repeat & (m <= 0)
    if bad.any():
        positions = np.flatnonzero(bad)
        raise ValueError(f"the summary's column {monetary_col!r}: {positions.size} repeat buyer(s) have "
                         f"a mean spend <= 0, at {_where(index, positions)} "
                         f"(e.g. {_describe(m[positions[0]])}). Spend per transaction must be > 0; "
                         "drop those customers or check the amounts.")
    x, m = x[repeat], m[repeat]
    weights = np.ones_like(x)
    mean, spread = float(np.mean(m)), float(np.var(m))
    p0 = 2.0
    q0 = 2.0 + mean**2 / max(spread, 1e-12)  # a start near the moments of the mean spends
    start = np.array([p0, q0, mean * (q0 - 1.0) / p0])

    x_values, logs = by_value(x), (np.log(m), np.log(x))

    def derivatives(params: Array) -> tuple[float, Array, Array]:
        return _loglik_derivatives(params, x, m, weights, x_values, logs)

    best = maximise_newton(derivatives, start, float(len(x)))
    names = ("p", "q", "gamma")
    return GammaGammaFit(
        params={n: float(v) for n, v in zip(names, best.params, strict=True)},
        log_likelihood=best.log_likelihood,
        standard_errors={n: float(v) for n, v in zip(names, best.standard_errors, strict=True)},
        customers=int(len(x)),
        converged=best.converged,
        iterations=best.iterations,
    )
