"""How concentrated spending is: the 80/20 rule (帕累托法则) as a function of inequality.

If customers' spending per period follows a lognormal distribution with
shape ``sigma`` (the standard deviation of log spending), the share of all
spending that comes from the top ``q`` of customers has a closed form:

    top_share(q) = 1 - Phi(Phi^-1(1 - q) - sigma)

and the Lorenz curve is ``L(p) = Phi(Phi^-1(p) - sigma)``, where ``Phi`` is
the standard normal distribution function.  ``sigma = 0`` means everybody
spends the same (the top 20 % bring 20 %); the textbook "80/20" needs
``sigma`` of about 1.7.  The scale of spending does not matter.

Introduced in notebook 02.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.optimize import brentq
from scipy.stats import norm

from relmark_helpers.core.validate import (
    MAX_CUSTOMERS,
    MAX_PERIODS,
    as_count,
    as_float,
    as_float_array,
    finite_result,
)

__all__ = ["lognormal_lorenz", "lognormal_top_share", "sample_spending", "sigma_for_top_share",
           "top_share"]


def _sigma(value: object) -> npt.NDArray[np.float64]:
    return as_float_array("sigma", value, low=0.0, high=5.0,
                          hint="sigma is the spread of log spending; 0 = all equal, 2 = very unequal.")


def _one(name: str, checked: npt.NDArray[np.float64]) -> float:
    if checked.ndim != 0:
        raise TypeError(f"{name} must be a single number; got an array of shape {checked.shape}.")
    return float(checked)


def _share(name: str, value: object) -> npt.NDArray[np.float64]:
    return as_float_array(name, value, low=0.0, high=1.0, low_inclusive=False,
                          high_inclusive=False, hint="Pass 0.2 for the top 20 %.")


def lognormal_top_share(sigma: object, top: object = 0.2) -> float | npt.NDArray[np.float64]:
    """Share of spending from the top ``top`` of customers, lognormal spending.

    Parameters
    ----------
    sigma : float or array_like
        Spread of log spending per customer, in [0, 5].
    top : float or array_like
        Share of customers counted from the top, in (0, 1).

    Returns
    -------
    float or numpy.ndarray
        Share of total spending, in [top, 1).

    Examples
    --------
    >>> round(lognormal_top_share(0.0), 3)
    0.2
    >>> round(lognormal_top_share(1.0), 3)
    0.563
    """
    s, q = np.broadcast_arrays(_sigma(sigma), _share("top", top))
    value = 1.0 - norm.cdf(norm.ppf(1.0 - q) - s)
    return float(value) if value.ndim == 0 else value


def lognormal_lorenz(sigma: float, points: int = 101) -> tuple[np.ndarray, np.ndarray]:
    """Lorenz curve of lognormal spending: share of customers (poorest first) vs share of spending.

    ``points`` (points on the curve) is from 2 to 100,000 (``MAX_PERIODS``).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``p`` from 0 to 1 and ``L(p)``.
    """
    s = _one("sigma", _sigma(sigma))
    count = as_count("points", points, maximum=MAX_PERIODS)
    if count < 2:
        raise ValueError(f"points must be at least 2 (the curve's two ends); got {points!r}.")
    p = np.linspace(0.0, 1.0, count)
    with np.errstate(divide="ignore"):
        lorenz = norm.cdf(norm.ppf(p) - s)
    return p, lorenz


def sigma_for_top_share(share: float, top: float = 0.2) -> float:
    """The spread ``sigma`` at which the top ``top`` bring ``share`` of spending.

    Examples
    --------
    >>> round(sigma_for_top_share(0.8), 2)
    1.68
    """
    target = _one("share", _share("share", share))
    q = _one("top", _share("top", top))
    if target <= q:
        raise ValueError(f"share must exceed top ({q:g}): the top {q:.0%} always bring at least "
                         f"{q:.0%}; got {target:g}.")
    if lognormal_top_share(5.0, q) < target:
        raise ValueError(f"share={target:g} for the top {q:g} needs a spread above sigma=5 (the "
                         "largest the workbook uses); choose a smaller share or a larger top.")
    return float(brentq(lambda s: lognormal_top_share(s, q) - target, 0.0, 5.0))


def sample_spending(sigma: float, customers: int, *, mean: float = 100.0,
                    seed: int = 2026) -> np.ndarray:
    """Random lognormal spending per customer with the given spread and mean (money).

    ``customers`` is from 1 to 1,000,000 (``MAX_CUSTOMERS``).
    """
    s = abs(_one("sigma", _sigma(sigma)))  # -0.0 as 0 (numpy's sampler refuses a negative zero)
    n = as_count("customers", customers, maximum=MAX_CUSTOMERS)
    if n < 1:
        raise ValueError(f"customers must be at least 1; got {customers!r}.")
    m = as_float("mean", mean, low=0.0, low_inclusive=False)
    rng = np.random.default_rng(seed)
    with np.errstate(over="ignore"):
        spend = rng.lognormal(np.log(m) - s**2 / 2, s, n)
    finite_result(spend, mean=mean, sigma=sigma)
    return spend


def top_share(values: object, top: float = 0.2) -> float:
    """Share of the total that the largest ``top`` of ``values`` make up (observed data).

    Examples
    --------
    >>> top_share([1, 1, 1, 1, 6], top=0.2)
    0.6
    """
    v = as_float_array("values", values, low=0.0)
    q = _one("top", _share("top", top))
    if v.ndim != 1 or v.size == 0:
        raise ValueError("values must be a non-empty list of amounts.")
    if v.max() == 0:
        raise ValueError("values must not all be zero.")
    k = max(int(round(q * v.size)), 1)
    with np.errstate(over="ignore"):
        overflows = not np.isfinite(v.sum())
    if overflows:
        v = v / v.max()  # scaled to at most 1, so the sums cannot overflow (1e308 + 1e308)
    return float(np.sort(v)[::-1][:k].sum() / v.sum())
