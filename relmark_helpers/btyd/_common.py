"""What the three models share: checking a customer summary, and maximising a log-likelihood.

A *customer summary* is one row per customer with ``frequency`` (repeat
purchases, a whole number >= 0), ``recency`` (age at the last purchase) and
``T`` (age at the end of the calibration period), both in the same time unit,
as :func:`relmark_helpers.customer_data.transactions.rfm_summary` returns them.  Every check
names the column (or argument) and the rows that break it, so a student never
sees a traceback from inside numpy or scipy.

The fitters work in log-parameters (every parameter is > 0) and minimise the
mean negative log-likelihood by Newton steps in a trust region with the
analytic gradient and Hessian of each model; the standard errors come from the
same Hessian at the optimum.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import optimize, special

from relmark_helpers.core.validate import _describe, as_float, as_float_array, finite_result

__all__ = ["Maximum", "by_value", "check_rfm", "check_summary", "checked_rfm_columns", "compress",
           "finite_prediction", "maximise_newton", "model_params", "with_horizon"]

Array = npt.NDArray[np.float64]
_MAX_SHOWN = 5


def _where(index: pd.Index | None, positions: npt.NDArray[np.int64]) -> str:
    """The bad rows in the reader's terms: index labels of a frame, positions of an array."""
    shown = positions[:_MAX_SHOWN]
    more = f" and {len(positions) - len(shown)} more" if len(positions) > len(shown) else ""
    if index is None:
        return f"position{'s' if len(positions) > 1 else ''} {', '.join(str(int(p)) for p in shown)}{more}"
    labels = ", ".join(_describe(index[int(p)]) for p in shown)
    return f"row{'s' if len(positions) > 1 else ''} (customer) {labels}{more}"


def _fail(what: str, name: str, bad: npt.NDArray[np.bool_], index: pd.Index | None, rule: str,
          values: Array, hint: str = "") -> None:
    positions = np.flatnonzero(bad)
    if positions.size:
        example = values[positions[0]]
        message = (f"{what} {name!r}: {positions.size} value(s) {rule}, at {_where(index, positions)} "
                   f"(e.g. {example:g}).")
        raise ValueError(message + (" " + hint if hint else ""))


def check_rfm(frequency: Array, recency: Array, T: Array, *, what: str = "argument",
              names: tuple[str, str, str] = ("frequency", "recency", "T"),
              index: pd.Index | None = None) -> None:
    """Raise ValueError naming the column and rows where (frequency, recency, T) are impossible."""
    f_name, r_name, t_name = names
    _fail(what, f_name, frequency < 0, index, "are negative", frequency,
          "frequency counts repeat purchases, 0 or more.")
    _fail(what, f_name, frequency != np.round(frequency), index, "are not whole numbers", frequency,
          "frequency counts repeat purchases (distinct purchase periods - 1).")
    _fail(what, r_name, recency < 0, index, "are negative", recency,
          "recency is the customer's age at the last purchase, 0 or more.")
    _fail(what, t_name, T < 0, index, "are negative", T,
          "T is the customer's age at the end of the calibration period, 0 or more.")
    _fail(what, r_name, recency > T * (1 + 1e-12), index, f"are larger than {t_name}", recency,
          f"A customer's last purchase cannot be after the end of observation: recency <= {t_name}.")
    _fail(what, r_name, (frequency == 0) & (recency > 0), index, "are > 0 where frequency is 0",
          recency, "A customer with no repeat purchase has recency 0 (lifetimes' definition).")


def _column(frame: pd.DataFrame, column: object, argument: str) -> Array:
    if not isinstance(column, str):
        raise TypeError(f"{argument} must be a column name (text); got {_describe(column)}.")
    if column not in frame.columns:
        available = ", ".join(repr(str(c)) for c in frame.columns) or "none"
        raise ValueError(f"the summary has no column {column!r} ({argument}); its columns are "
                         f"{available}. Build it with rfm_summary(...) or pass {argument}=\"...\".")
    values = frame[column]
    if values.dtype.kind not in "iuf" or pd.api.types.is_bool_dtype(values):
        raise ValueError(f"the summary's column {column!r} must hold numbers; it has dtype "
                         f"{values.dtype}.")
    array = values.to_numpy(dtype=float)
    bad = ~np.isfinite(array)
    positions = np.flatnonzero(bad)
    if positions.size:
        raise ValueError(f"the summary's column {column!r}: {positions.size} value(s) are missing or "
                         f"not finite, at {_where(frame.index, positions)}.")
    return array


def check_summary(summary: object, columns: dict[str, str]) -> tuple[pd.Index, dict[str, Array]]:
    """The summary's columns as float arrays, checked; ``columns`` maps argument name -> column."""
    if not isinstance(summary, pd.DataFrame):
        raise TypeError(f"summary must be a pandas DataFrame with one row per customer (e.g. from "
                        f"rfm_summary); got {type(summary).__name__}.")
    if summary.empty:
        raise ValueError("the summary is empty: it needs one row per customer (columns "
                         f"{', '.join(repr(c) for c in columns.values())}).")
    arrays = {arg: _column(summary, col, arg) for arg, col in columns.items()}
    return summary.index, arrays


def customer_arrays(frequency: object, recency: object, T: object) -> tuple[Array, Array, Array]:
    """Broadcast and check a customer's (frequency, recency, T) passed to a prediction method."""
    f = as_float_array("frequency", frequency, low=0.0)
    r = as_float_array("recency", recency, low=0.0)
    t = as_float_array("T", T, low=0.0)
    try:
        f, r, t = np.broadcast_arrays(f, r, t)
    except ValueError:
        raise ValueError(f"frequency, recency and T must have shapes that broadcast together; got "
                         f"{np.shape(f)}, {np.shape(r)}, {np.shape(t)}.") from None
    check_rfm(np.atleast_1d(f).ravel(), np.atleast_1d(r).ravel(), np.atleast_1d(t).ravel())
    return f.astype(float), r.astype(float), t.astype(float)


def with_horizon(t: object, *arrays: Array) -> tuple[Array, ...]:
    """The horizon ``t`` (>= 0, checked by name) broadcast with a customer's arrays."""
    horizon = as_float_array("t", t, low=0.0)
    try:
        return tuple(np.broadcast_arrays(horizon, *arrays))
    except ValueError:
        raise ValueError(f"t must be one number or have a shape that broadcasts with frequency; got "
                         f"shape {horizon.shape} and {np.shape(arrays[0])}.") from None


def model_params(**params: object) -> Array:
    """The model's parameters (each a single number > 0, checked by name) as one float array."""
    return np.array([as_float(name, value, low=0.0, low_inclusive=False)
                     for name, value in params.items()])


def finite_prediction(result: Array, **inputs: object) -> Array:
    """``result``, unless it overflowed to NaN or inf: then a ValueError naming ``inputs``."""
    finite_result(result, **inputs)
    return result


def compress(*columns: Array, weights: Array | None = None) -> tuple[list[Array], Array]:
    """Unique rows of the columns and how many customers share each (likelihood weights)."""
    order = np.lexsort(columns[::-1])
    ordered = [c[order] for c in columns]
    new_row = np.zeros(len(order), dtype=bool)
    new_row[:1] = True
    for c in ordered:
        new_row[1:] |= c[1:] != c[:-1]
    starts = np.flatnonzero(new_row)
    group = np.cumsum(new_row) - 1
    w = np.ones(len(order)) if weights is None else np.asarray(weights, dtype=float)[order]
    counts = np.bincount(group, weights=w, minlength=len(starts)).astype(float)
    return [c[starts] for c in ordered], counts


def checked_rfm_columns(summary: object, frequency_col: str, recency_col: str, T_col: str
                        ) -> tuple[tuple[Array, Array, Array], list[Array], Array]:
    """A customer summary's frequency, recency and T, checked, and the same compressed.

    Returns ``(x, t_x, t)``, the distinct ``(x, t_x, t)`` rows and how many
    customers each stands for (see :func:`compress`); every fit of a
    transaction model starts here.
    """
    index, cols = check_summary(summary, {"frequency_col": frequency_col, "recency_col": recency_col,
                                          "T_col": T_col})
    x, t_x, t = cols["frequency_col"], cols["recency_col"], cols["T_col"]
    check_rfm(x, t_x, t, what="the summary's column", names=(frequency_col, recency_col, T_col),
              index=index)
    distinct, weights = compress(x, t_x, t)
    return (x, t_x, t), distinct, weights


def _trigamma(z: Array | float) -> Array:
    """psi'(z), the trigamma function, as the Hurwitz zeta function zeta(2, z) (scipy's
    ``polygamma(1, z)`` computes the same through a slower Python wrapper)."""
    return special.zeta(2.0, z)


def by_value(x: Array) -> tuple[Array, npt.NDArray[np.intp]]:
    """The distinct values of x and, for each element, the position of its value (x == values[index])."""
    values, index = np.unique(x, return_inverse=True)
    return values, index.ravel()


class Maximum:
    """The result of :func:`maximise_newton`: estimates, log-likelihood and standard errors."""

    def __init__(self, params: Array, log_likelihood: float, standard_errors: Array,
                 iterations: int, converged: bool, message: str) -> None:
        self.params = params
        self.log_likelihood = log_likelihood
        self.standard_errors = standard_errors
        self.iterations = iterations
        self.converged = converged
        self.message = message


def maximise_newton(
    derivatives: Callable[[Array], tuple[float, Array, Array]],
    start: Array,
    n_customers: float,
) -> Maximum:
    """Maximise a total log-likelihood over parameters > 0 with its analytic Hessian.

    ``derivatives(params)`` returns the total log-likelihood, its gradient and
    its Hessian with respect to the (natural) parameters.  Newton steps in
    log-parameters inside a trust region (scipy's ``trust-exact``) converge in
    a handful of iterations where BFGS needs a few dozen; the standard errors
    come from the same Hessian at the optimum.
    """
    scale = 1.0 / n_customers
    cache: dict[str, object] = {}

    def evaluate(log_params: Array) -> tuple[float, Array, Array]:
        key = log_params.tobytes()
        if cache.get("key") != key:
            params = np.exp(log_params)
            value, grad, hess = derivatives(params)
            if not np.isfinite(value) or not np.isfinite(hess).all():
                cache.update(key=key, result=(np.inf, np.zeros_like(params), np.eye(len(params))))
            else:  # chain rule for theta = log(params), of minus the mean log-likelihood
                g = grad * params
                h = hess * np.outer(params, params) + np.diag(g)
                cache.update(key=key, result=(-value * scale, -g * scale, -h * scale))
        return cache["result"]  # type: ignore[return-value]

    def objective(log_params: Array) -> tuple[float, Array]:
        value, grad, _ = evaluate(log_params)
        return value, grad

    result = optimize.minimize(objective, np.log(np.asarray(start, dtype=float)), jac=True,
                               hess=lambda z: evaluate(z)[2], method="trust-exact",
                               options={"gtol": 1e-9, "maxiter": 200})
    params = np.exp(result.x)
    value, grad, hess = derivatives(params)
    try:
        covariance = np.linalg.inv(-hess)
        diagonal = np.diag(covariance)
        errors = np.where(diagonal > 0, np.sqrt(np.abs(diagonal)), np.nan)
    except np.linalg.LinAlgError:
        errors = np.full(len(params), np.nan)
    converged = bool(np.max(np.abs(grad * params)) * scale < 1e-6)
    return Maximum(params, float(value), errors, int(result.nit), converged, str(result.message))
