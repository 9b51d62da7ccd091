"""Customer lifetime value without contracts: expected future purchases times expected spend, discounted.

Timing convention (the same as :mod:`relmark_helpers.lifetime_value.formulas`, ``timing="end"``)
---------------------------------------------------------------------------
The future is cut into ``periods`` periods of ``period_length`` model time
units each (e.g. months of 52/12 weeks).  The purchases a customer is expected
to make *during* period k (k = 1, 2, ...) are valued at the *end* of period k
and discounted by ``(1 + discount)^k``:

    CLV = sum over k of  margin * E[spend] * (E[Y(k L)] - E[Y((k-1) L)]) / (1 + discount)^k,

where E[Y(t)] is the model's expected number of purchases in the next t time
units given the customer's history and E[spend] the expected spend per
purchase.  This is also how lifetimes 0.11.3 discounts
(``GammaGammaFitter.customer_lifetime_value``, with a month of 4.345 weeks),
so the two agree when given the same inputs.

Introduced in notebook 06.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import numpy.typing as npt

from relmark_helpers.btyd._common import customer_arrays
from relmark_helpers.core.validate import (
    _describe,
    as_count,
    as_float,
    as_float_array,
    finite_result,
    scalar_or_array,
)

__all__ = ["customer_value"]

Array = npt.NDArray[np.float64]

MAX_PERIOD_LENGTH = 1e6
"""Longest period ``customer_value`` takes, in the model's time unit (about 19,000 years of weeks)."""


class TransactionModel(Protocol):
    def expected_purchases(self, t: object, frequency: object, recency: object, T: object): ...


class SpendModel(Protocol):
    def expected_average_spend(self, frequency: object, monetary: object): ...


def customer_value(
    transactions: TransactionModel,
    spend: SpendModel | float,
    frequency: object,
    recency: object,
    T: object,
    monetary_value: object = 0.0,
    *,
    periods: int = 12,
    period_length: float = 52.0 / 12.0,
    discount: float = 0.01,
    margin: float = 1.0,
) -> float | Array:
    """Per-customer CLV from a fitted BG/NBD or Pareto/NBD model and a spend model.

    Parameters
    ----------
    transactions : BgNbdFit or ParetoNbdFit
        Gives the expected number of future purchases.
    spend : GammaGammaFit or float
        Gives the expected spend per purchase (money); a number is used for
        every customer.
    frequency, recency, T : array_like
        Each customer's repeat purchases, age at the last purchase and age at
        the end of calibration, in the model's time unit.
    monetary_value : array_like
        Mean repeat spend in calibration (money); used by a Gamma-Gamma ``spend``.
    periods : int
        Number of future periods counted, >= 1 (12 months by default).
    period_length : float
        Length of one period in the model's time unit, in (0, 1e6] (52/12 weeks: a month).
    discount : float
        Discount rate per period, > -1 (0.01: 1 % a month).
    margin : float
        Share of spend kept as margin, in [0, 1]; 1 gives discounted revenue.

    Returns
    -------
    float or numpy.ndarray
        Discounted expected margin per customer (money), margins at the end of
        each period (see the module docstring).
    """
    if not callable(getattr(transactions, "expected_purchases", None)):
        raise TypeError(f"transactions must be a fitted BG/NBD or Pareto/NBD model (fit_bgnbd(...) or "
                        f"fit_pareto_nbd(...)); got {type(transactions).__name__} {_describe(transactions)}.")
    count = as_count("periods", periods)
    if count < 1:
        raise ValueError(f"periods must be a whole number >= 1; got {periods!r}.")
    length = as_float("period_length", period_length, low=0.0, low_inclusive=False,
                      high=MAX_PERIOD_LENGTH,
                      hint="period_length is one period in the model's time unit, e.g. 52/12 weeks.")
    rate = as_float("discount", discount, low=-1.0, low_inclusive=False,
                    hint="Pass 0.01 for 1 % per period.")
    share = as_float("margin", margin, low=0.0, high=1.0,
                     hint="margin is the share of spend kept, e.g. 0.3 for 30 %.")
    x, t_x, age = customer_arrays(frequency, recency, T)
    if callable(getattr(spend, "expected_average_spend", None)):
        monetary = as_float_array("monetary_value", monetary_value, low=0.0)
        try:
            np.broadcast_shapes(monetary.shape, x.shape)
        except ValueError:
            raise ValueError(f"monetary_value must have a shape that broadcasts with frequency; got "
                             f"{monetary.shape} and {x.shape}.") from None
        per_purchase = np.asarray(spend.expected_average_spend(x, monetary), dtype=float)  # type: ignore[union-attr]
    elif isinstance(spend, (int, float, np.floating, np.integer)) and not isinstance(spend, bool):
        per_purchase = np.broadcast_to(as_float("spend", spend, low=0.0), x.shape)
    else:
        raise TypeError(f"spend must be a fitted Gamma-Gamma model (fit_gamma_gamma(...)) or a spend "
                        f"per purchase (a number >= 0); got {type(spend).__name__} {_describe(spend)}.")
    ends = length * np.arange(count + 1, dtype=float)
    shape = (count + 1,) + (1,) * x.ndim
    cumulative = np.asarray(transactions.expected_purchases(ends.reshape(shape), x, t_x, age),
                            dtype=float)
    in_period = np.diff(cumulative, axis=0)
    factors = (1.0 + rate) ** -np.arange(1, count + 1, dtype=float)
    with np.errstate(all="ignore"):
        value = share * per_purchase * np.tensordot(factors, in_period, axes=(0, 0))
    finite_result(value, spend=spend, frequency=frequency, recency=recency, T=T,
                  monetary_value=monetary_value, periods=periods, period_length=period_length,
                  discount=discount)
    return scalar_or_array(np.asarray(value))
