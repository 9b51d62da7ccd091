"""The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987; Fader & Hardie's 2005 note).

The story
---------
* While alive, a customer buys at random with rate lambda per period; across
  customers lambda follows a gamma distribution with shape ``r`` and rate
  ``alpha`` (as in BG/NBD).
* Each customer's lifetime is exponential with rate mu (they can leave at any
  moment, purchase or not); across customers mu follows a gamma distribution
  with shape ``s`` and rate ``beta`` (mean lifetime rate ``s / beta`` per period).

Computing the likelihood
------------------------
The usual closed form needs two Gauss hypergeometric functions whose
difference loses digits when recency is close to T.  Here the same quantity
is written as the integral it comes from,

    L = G * [ beta^s / ((alpha+T)^(r+x) (beta+T)^s)
              + s beta^s * integral from t_x to T of (beta+u)^-(s+1) (alpha+u)^-(r+x) du ],

with G = Gamma(r+x) alpha^r / Gamma(r): "alive at T" plus "died at some u
between the last purchase and T".  The integral is computed by Gauss-Legendre
quadrature in log(min(alpha, beta) + u), on three panels placed where the
integrand has fallen by e^12 and e^30 (about 1e-13 relative error, checked
against adaptive quadrature in ``tests/test_btyd.py``); the gradient uses the
same nodes.  lifetimes 0.11.3 computes the closed form with scipy's hyp2f1; the
two log-likelihoods agree to 1e-12 on the CDNOW sample.

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

__all__ = ["ParetoNbdFit", "fit_pareto_nbd", "pareto_nbd_log_likelihood"]

Array = npt.NDArray[np.float64]
FloatOrArray = float | Array



def _panel_rule(sizes: tuple[int, ...]) -> tuple[Array, Array, Array]:
    """Gauss-Legendre nodes on (0, 1) for each panel, their log-weights, and the panel of each node."""
    nodes, log_weights, panel = [], [], []
    for k, n in enumerate(sizes):
        x, w = np.polynomial.legendre.leggauss(n)
        nodes.append((1.0 + x) / 2.0)
        log_weights.append(np.log(w / 2.0))
        panel.append(np.full(n, k))
    return np.concatenate(nodes), np.concatenate(log_weights), np.concatenate(panel)


# Three panels in phi = log(m + u): the bulk of the integral, a tail below e^-12 of it, and the rest
# (below e^-30).  The integrand, as a function of phi, is analytic in a strip of half-width pi.
_PANEL_DECAY = (0.0, 12.0, 30.0)
_PANEL_SIZES = (16, 12, 8)
_U, _LOG_W, _PANEL = _panel_rule(_PANEL_SIZES)
_PANEL_U = [_U[_PANEL == k] for k in range(len(_PANEL_SIZES))]


def _panel_bounds(params: Array, x: Array, t_x: Array, T: Array) -> list[Array]:
    """Panel edges in phi = log((m+u)/(m+t_x)) per customer (columns): 0, e^-12 point, e^-30 point, T.

    The integrand's logarithm is concave in phi, so Newton steps from the right find where it has
    fallen by e^12 and e^30.
    """
    r, alpha, s, beta = params
    m = min(alpha, beta)
    shape_a, shape_b = (r + x)[:, None], s + 1.0
    lo, hi = t_x[:, None], T[:, None]
    m_lo = m + lo
    gap = np.log1p((hi - lo) / m_lo)  # phi at T

    def drop_and_rate(phi: Array) -> tuple[Array, Array]:
        """How far log(f(u) e^phi) has fallen since phi = 0, and how fast it falls (convex in phi)."""
        u = lo + m_lo * np.expm1(phi)
        drop = (shape_b * np.log1p((u - lo) / (beta + lo)) + shape_a * np.log1p((u - lo) / (alpha + lo))
                - phi)
        rate = (m + u) * (shape_b / (beta + u) + shape_a / (alpha + u)) - 1.0
        return drop, rate

    _, k0 = drop_and_rate(np.zeros_like(gap))
    k0 = np.maximum(k0, 1e-12)
    edges = []
    for target in _PANEL_DECAY[1:]:
        phi = np.minimum(gap, target / k0)  # right of the root (convexity): Newton steps move left
        for _ in range(4):
            drop, rate = drop_and_rate(phi)
            phi = np.where(drop > target, phi - (drop - target) / np.maximum(rate, 1e-12), phi)
        edges.append(np.clip(phi, edges[-1] if edges else 0.0, gap))
    return [np.zeros_like(gap), *edges, gap]


def _node_values(params: Array, x: Array, t_x: Array, bounds: list[Array], panels: int):
    """log_c and the gradient's node functions for the first ``panels`` panels (see _died_between)."""
    r, alpha, s, beta = params
    m = min(alpha, beta)
    shape_a, shape_b = (r + x)[:, None], s + 1.0
    m_lo = m + t_x[:, None]
    phi = np.concatenate([bounds[k] + (bounds[k + 1] - bounds[k]) * _PANEL_U[k][None, :]
                          for k in range(panels)], axis=1)
    with np.errstate(divide="ignore"):
        log_width = np.concatenate([np.broadcast_to(np.log(bounds[k + 1] - bounds[k]), (len(x), n))
                                    for k, n in enumerate(_PANEL_SIZES[:panels])], axis=1)  # -inf: empty
    grow = np.exp(phi)  # (m + u) / (m + t_x)
    m_u = m_lo * grow
    big_u = m_u + (max(alpha, beta) - m)  # M + u
    log_m_u, log_big_u = np.log(m_lo) + phi, np.log(big_u)
    if alpha <= beta:
        log_alpha_u, log_beta_u, inv_alpha_u, inv_beta_u = log_m_u, log_big_u, 1.0 / m_u, 1.0 / big_u
    else:
        log_alpha_u, log_beta_u, inv_alpha_u, inv_beta_u = log_big_u, log_m_u, 1.0 / big_u, 1.0 / m_u
    log_f = -shape_b * log_beta_u - shape_a * log_alpha_u
    log_c = _LOG_W[None, : phi.shape[1]] + log_width + log_m_u + log_f
    return log_c, (log_alpha_u, log_beta_u, inv_alpha_u, inv_beta_u)


def _died_between(params: Array, x: Array, t_x: Array, T: Array) -> tuple[Array, tuple[Array, ...]]:
    """Quadrature of the "died between the last purchase and T" integral, per customer.

    Returns ``log_c`` (customers x nodes) with ``log(sum(exp(log_c), axis=1))`` the log of
    integral_{t_x}^{T} f(u) du, f(u) = (beta+u)^-(s+1) (alpha+u)^-(r+x), and log(alpha + u),
    log(beta + u), 1/(alpha + u), 1/(beta + u) at the nodes u (for the gradient).

    The variable is phi = log((m+u)/(m+t_x)), m = min(alpha, beta): in phi the integrand is
    analytic in a strip of half-width pi around the real axis, and its logarithm is concave, so
    a few Newton steps find where it has fallen by e^12 and e^30; Gauss-Legendre rules of 16,
    12 and 8 nodes on the three panels this makes give about 1e-13 relative accuracy.
    """
    return _node_values(params, x, t_x, _panel_bounds(params, x, t_x, T), len(_PANEL_SIZES))


def _integral(params: Array, x: Array, t_x: Array, T: Array, gradient: bool, second: bool = False):
    """log of the integral per customer and, for the gradient, the node functions' means under it.

    Customers whose integrand falls by less than e^12 over (t_x, T) -- most of them -- need only
    the first panel's nodes; the others get all three panels.
    """
    bounds = _panel_bounds(params, x, t_x, T)
    one_panel = (bounds[1] >= bounds[-1]).ravel()
    n = len(x)
    log_integral = np.empty(n)
    means = [np.empty(n) for _ in range(4)] if gradient else []
    pairs = [(i, j) for i in range(4) for j in range(i, 4)] if second else []
    products = [np.empty(n) for _ in pairs]
    for rows, panels in ((np.flatnonzero(one_panel), 1), (np.flatnonzero(~one_panel), len(_PANEL_SIZES))):
        if rows.size == 0:
            continue
        log_c, node_functions = _node_values(params, x[rows], t_x[rows], [b[rows] for b in bounds], panels)
        top = np.max(log_c, axis=1)
        top = np.where(np.isfinite(top), top, 0.0)  # t_x == T: the integral is 0 (all terms -inf)
        terms = np.exp(log_c - top[:, None])
        total_terms = terms.sum(axis=1)
        with np.errstate(divide="ignore"):
            log_integral[rows] = top + np.log(total_terms)
        if gradient:
            share = terms / np.where(total_terms > 0, total_terms, 1.0)[:, None]  # quadrature weights
            for k, values in enumerate(node_functions):
                means[k][rows] = np.einsum("ij,ij->i", share, values)
            for k, (i, j) in enumerate(pairs):
                products[k][rows] = np.einsum("ij,ij,ij->i", share, node_functions[i], node_functions[j])
    if second:
        return log_integral, means, dict(zip(pairs, products, strict=True))
    return log_integral, means


def _loglik_terms(params: Array, x: Array, t_x: Array, T: Array, weights: Array | None,
                  gradient: bool = True, per_customer: bool = False,
                  x_values: tuple[Array, npt.NDArray[np.intp]] | None = None):
    """Total log-likelihood and gradient in (r, alpha, s, beta); or per-customer pieces."""
    r, alpha, s, beta = params
    xs, at = by_value(x) if x_values is None else x_values
    log_alive = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
    want_gradient = gradient and not per_customer
    log_integral, means = _integral(params, x, t_x, T, want_gradient)
    log_died = np.log(s) + log_integral
    log_sum = np.logaddexp(log_alive, log_died)
    log_common = ((special.gammaln(r + xs) - special.gammaln(r))[at] + r * np.log(alpha)
                  + s * np.log(beta))
    if per_customer:
        return log_common + log_sum, log_alive - log_sum
    total = float(np.sum(weights * (log_common + log_sum)))
    if not gradient:
        return total, np.zeros(4)
    w_died = np.exp(log_died - log_sum)
    w_alive = 1.0 - w_died
    mean_log_alpha_u, mean_log_beta_u, mean_inv_alpha_u, mean_inv_beta_u = means
    d_r = ((special.digamma(r + xs) - special.digamma(r))[at] + np.log(alpha)
           - w_alive * np.log(alpha + T) - w_died * mean_log_alpha_u)
    d_alpha = r / alpha - (r + x) * (w_alive / (alpha + T) + w_died * mean_inv_alpha_u)
    d_s = np.log(beta) - w_alive * np.log(beta + T) + w_died * (1.0 / s - mean_log_beta_u)
    d_beta = s / beta - w_alive * s / (beta + T) - w_died * (s + 1.0) * mean_inv_beta_u
    grad = np.array([np.sum(weights * g) for g in (d_r, d_alpha, d_s, d_beta)])
    return total, grad


def _loglik_derivatives(params: Array, x: Array, t_x: Array, T: Array, weights: Array,
                        x_values: tuple[Array, npt.NDArray[np.intp]]) -> tuple[float, Array, Array]:
    """Total log-likelihood, gradient and Hessian in (r, alpha, s, beta).

    Per customer the log-likelihood is C + log(e^A + e^D), A = "alive at T", D = log s + log I
    with I the "died between t_x and T" integral.  The gradient and Hessian of log I are the mean
    and (mean second derivative + covariance) of the gradient of log f(u) under the normalised
    integrand, computed on the quadrature nodes; then, with w = e^D / (e^A + e^D), the Hessian is
    hess C + (1 - w) hess A + w hess D + w (1 - w) (grad D - grad A)^2.
    """
    r, alpha, s, beta = params
    xs, at = x_values
    r_x = r + x
    log_a_T, log_b_T = np.log(alpha + T), np.log(beta + T)
    inv_a_T, inv_b_T = 1.0 / (alpha + T), 1.0 / (beta + T)
    log_alive = -r_x * log_a_T - s * log_b_T
    log_integral, (m_la, m_lb, m_ia, m_ib), second = _integral(params, x, t_x, T, True, second=True)
    log_died = np.log(s) + log_integral
    log_sum = np.logaddexp(log_alive, log_died)
    w = np.exp(log_died - log_sum)
    counts = np.bincount(at, weights=weights, minlength=len(xs))
    n = float(weights.sum())
    total = float(counts @ (special.gammaln(r + xs) - special.gammaln(r))
                  + n * (r * np.log(alpha) + s * np.log(beta)) + weights @ log_sum)
    # Node functions in the order of _node_values: log(alpha+u), log(beta+u), 1/(alpha+u), 1/(beta+u).
    la, lb, ia, ib = 0, 1, 2, 3

    def moment(i: int, j: int) -> Array:
        return second[(min(i, j), max(i, j))]

    grad_a = np.stack([-log_a_T, -r_x * inv_a_T, -log_b_T, -s * inv_b_T])
    grad_d = np.stack([-m_la, -r_x * m_ia, 1.0 / s - m_lb, -(s + 1.0) * m_ib])
    gap = grad_d - grad_a
    grad_c = np.array([0.0, r / alpha, np.log(beta), s / beta])
    grad = n * grad_c + grad_a @ weights + gap @ (weights * w)
    grad[0] += counts @ (special.digamma(r + xs) - special.digamma(r)) + n * np.log(alpha)
    # Covariance of the node gradient g(u) = -(log(alpha+u), (r+x)/(alpha+u), log(beta+u), (s+1)/(beta+u)).
    scale = [np.ones_like(x), r_x, np.ones_like(x), np.full_like(x, s + 1.0)]
    index = [la, ia, lb, ib]
    mean = [m_la, m_ia, m_lb, m_ib]
    cov = np.empty((4, 4, len(x)))
    for i in range(4):
        for j in range(i, 4):
            c = scale[i] * scale[j] * (moment(index[i], index[j]) - mean[i] * mean[j])
            cov[i, j] = cov[j, i] = c
    ww = weights * w
    hess = np.einsum("in,jn,n->ij", gap, gap, ww * (1.0 - w)) + np.einsum("ijn,n->ij", cov, ww)
    alive_w = weights * (1.0 - w)
    hess[0, 0] += counts @ (_trigamma(r + xs) - _trigamma(r))
    hess[0, 1] += n / alpha - alive_w @ inv_a_T - ww @ m_ia
    hess[1, 1] += (-n * r / alpha**2 + (alive_w * r_x) @ (inv_a_T * inv_a_T)
                   + (ww * r_x) @ moment(ia, ia))
    hess[2, 2] += -ww.sum() / s**2
    hess[2, 3] += n / beta - alive_w @ inv_b_T - ww @ m_ib
    hess[3, 3] += (-n * s / beta**2 + (alive_w * s) @ (inv_b_T * inv_b_T)
                   + (s + 1.0) * ww @ moment(ib, ib))
    hess[1, 0], hess[3, 2] = hess[0, 1], hess[2, 3]
    return total, grad, hess


def _params(r: object, alpha: object, s: object, beta: object) -> Array:
    return model_params(r=r, alpha=alpha, s=s, beta=beta)


def pareto_nbd_log_likelihood(r: float, alpha: float, s: float, beta: float, frequency: object,
                              recency: object, T: object) -> FloatOrArray:
    """Log-likelihood of each customer's (frequency, recency, T) under Pareto/NBD.

    Parameters
    ----------
    r, alpha : float
        Shape and rate (per period) of the gamma distribution of purchase rates, > 0.
    s, beta : float
        Shape and rate (per period) of the gamma distribution of drop-out rates, > 0.
    frequency, recency, T : array_like
        Repeat purchases, age at the last purchase and age at the end of the
        calibration period (periods).

    Returns
    -------
    float or numpy.ndarray
        Log-likelihood per customer (natural log).
    """
    params = _params(r, alpha, s, beta)
    x, t_x, t = customer_arrays(frequency, recency, T)
    shape = x.shape
    with np.errstate(all="ignore"):
        values, _ = _loglik_terms(params, *(np.atleast_1d(v).ravel() for v in (x, t_x, t)), None,
                                  per_customer=True)
    finite_prediction(values, r=r, alpha=alpha, s=s, beta=beta, frequency=frequency, recency=recency,
                      T=T)
    return scalar_or_array(values.reshape(shape))


@dataclass(frozen=True)
class ParetoNbdFit:
    """A fitted Pareto/NBD model (returned by :func:`fit_pareto_nbd`).

    Attributes
    ----------
    params : dict of str to float
        ``r``, ``alpha`` (gamma shape and rate of purchase rates, per period),
        ``s``, ``beta`` (gamma shape and rate of drop-out rates, per period).
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

    def _p(self) -> Array:
        p = self.params
        return np.array([p["r"], p["alpha"], p["s"], p["beta"]])

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v:.4g}" for k, v in self.params.items())
        return f"ParetoNbdFit({shown}; LL={self.log_likelihood:.1f}, {self.customers} customers)"

    def p_alive(self, frequency: object, recency: object, T: object) -> FloatOrArray:
        """Probability that a customer is still alive at the end of calibration.

        Parameters
        ----------
        frequency, recency, T : array_like
            Repeat purchases, age at the last purchase, age at the end (periods).

        Returns
        -------
        float or numpy.ndarray
            P(alive), in (0, 1].  Below 1 even for a customer with no repeat
            purchase: a Pareto/NBD customer can leave at any moment.
        """
        x, t_x, t = customer_arrays(frequency, recency, T)
        shape = x.shape
        with np.errstate(all="ignore"):
            _, log_alive = _loglik_terms(self._p(), *(np.atleast_1d(v).ravel() for v in (x, t_x, t)),
                                         None, per_customer=True)
            alive = np.exp(log_alive)
        finite_prediction(alive, frequency=frequency, recency=recency, T=T)
        return scalar_or_array(alive.reshape(shape))

    def expected_purchases(self, t: object, frequency: object, recency: object,
                           T: object) -> FloatOrArray:
        """Expected purchases in the next ``t`` periods, given the customer's history.

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
            Expected number of purchases in (T, T + t]:
            P(alive) (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)].
        """
        r, alpha, s, beta = self._p()
        x, t_x, age = customer_arrays(frequency, recency, T)
        alive = np.asarray(self.p_alive(frequency, recency, T))
        horizon, x, age, alive = with_horizon(t, x, age, alive)
        with np.errstate(all="ignore"):
            log_gap = np.log(beta + age + horizon) - np.log(beta + age)
            value = alive * (r + x) * (beta + age) / (alpha + age) * _one_minus_power_over(s - 1.0, log_gap)
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

        Parameters
        ----------
        t : float or array_like
            Time since the first purchase (periods), >= 0.

        Returns
        -------
        float or numpy.ndarray
            E[X(t)] = r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)], per customer.
        """
        r, alpha, s, beta = self._p()
        time = as_float_array("t", t, low=0.0)
        with np.errstate(all="ignore"):
            log_gap = np.log(beta + time) - np.log(beta)
            value = r * beta / alpha * _one_minus_power_over(s - 1.0, log_gap)
        finite_prediction(value, t=t)
        return scalar_or_array(value)


def _one_minus_power_over(k: float, log_gap: Array) -> Array:
    """(1 - exp(-k log_gap)) / k, and its limit log_gap when k is 0."""
    if abs(k) < 1e-10:
        return np.asarray(log_gap, dtype=float)
    return -np.expm1(-k * log_gap) / k


def fit_pareto_nbd(
    summary: pd.DataFrame,
    *,
    frequency_col: str = "frequency",
    recency_col: str = "recency",
    T_col: str = "T",
) -> ParetoNbdFit:
    """Fit the Pareto/NBD model by maximum likelihood to a customer summary.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per customer, e.g. from
        :func:`relmark_helpers.customer_data.transactions.rfm_summary` (recency and T in weeks
        for the published CDNOW results).
    frequency_col, recency_col, T_col : str
        Column names of the repeat purchases, the age at the last purchase and
        the age at the end of calibration (periods).

    Returns
    -------
    ParetoNbdFit
        ``params`` (``r``, ``alpha``, ``s``, ``beta``), ``log_likelihood``,
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
    >>> sorted(fit_pareto_nbd(summary).params)
    ['alpha', 'beta', 'r', 's']
    """
    (x, t_x, t), (ux, ut_x, ut), weights = checked_rfm_columns(summary, frequency_col, recency_col,
                                                               T_col)
    rate = max(x.sum(), 1.0) / max(t.sum(), 1e-9)
    # Shapes of 0.5 (customers differ a lot, as in the published fits), the overall purchase rate
    # and a mean lifetime of half the mean age.
    start = np.array([0.5, 0.5 / rate, 0.5, max(float(np.mean(t)) / 2.0, 1e-3)])

    x_values = by_value(ux)

    def derivatives(params: Array) -> tuple[float, Array, Array]:
        return _loglik_derivatives(params, ux, ut_x, ut, weights, x_values)

    best = maximise_newton(derivatives, start, float(len(x)))
    names = ("r", "alpha", "s", "beta")
    return ParetoNbdFit(
        params={n: float(v) for n, v in zip(names, best.params, strict=True)},
        log_likelihood=best.log_likelihood,
        standard_errors={n: float(v) for n, v in zip(names, best.standard_errors, strict=True)},
        customers=len(x),
        converged=best.converged,
        iterations=best.iterations,
    )
