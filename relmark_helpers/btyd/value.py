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
from relmark_helpers.core.validate import as_float_array, as_periods, scalar_or_array

__all__ = ["customer_value"]

Array = npt.NDArray[np.float64]


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
        Length of one period in the model's time unit, > 0 (52/12 weeks: a month).
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
    count = int(as_periods("periods", periods))
    if count < 1:
        raise ValueError(f"periods must be a whole number >= 1; got {periods!r}.")
    length = float(as_float_array("period_length", period_length, low=0.0, low_inclusive=False))
    rate = float(as_float_array("discount", discount, low=-1.0, low_inclusive=False,
                                hint="Pass 0.01 for 1 % per period."))
    share = float(as_float_array("margin", margin, low=0.0, high=1.0,
                                 hint="margin is the share of spend kept, e.g. 0.3 for 30 %."))
    x, t_x, age = customer_arrays(frequency, recency, T)
    if isinstance(spend, (int, float, np.floating, np.integer)):
        per_purchase = np.broadcast_to(float(as_float_array("spend", spend, low=0.0)), x.shape)
    else:
        per_purchase = np.asarray(spend.expected_average_spend(x, monetary_value), dtype=float)
    ends = length * np.arange(count + 1, dtype=float)
    shape = (count + 1,) + (1,) * x.ndim
    cumulative = np.asarray(transactions.expected_purchases(ends.reshape(shape), x, t_x, age),
                            dtype=float)
    in_period = np.diff(cumulative, axis=0)
    factors = (1.0 + rate) ** -np.arange(1, count + 1, dtype=float)
    value = share * per_purchase * np.tensordot(factors, in_period, axes=(0, 0))
    return scalar_or_array(np.asarray(value))
