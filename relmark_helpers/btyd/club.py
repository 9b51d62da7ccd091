"""The café loyalty club valued with BG/NBD and Gamma-Gamma instead of a constant retention rate.

The club of notebook 05 is non-contractual: a member never cancels, they stop
coming.  :func:`value_club_customers` treats its purchase log as notebook 06
treats CDNOW: the purchases up to ``split`` calibrate BG/NBD (purchases and
drop-out, in weeks) and Gamma-Gamma (spend per purchase), and each customer's
value is the model's expected purchases in each future year times the expected
spend and the margin share, discounted with margins at the end of each year
(:func:`relmark_helpers.btyd.value.customer_value`, the workbook's ``timing="end"``
convention).  The year after ``split`` is kept as a hold-out to check the
forecast.

Introduced in notebook 06; the capstone (notebook 10) uses it per segment.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from relmark_helpers.btyd.bgnbd import BgNbdFit, fit_bgnbd
from relmark_helpers.btyd.cdnow import DAYS_PER_WEEK, calibration_holdout
from relmark_helpers.btyd.gamma_gamma import GammaGammaFit, fit_gamma_gamma
from relmark_helpers.btyd.value import customer_value
from relmark_helpers.core.validate import as_count, as_float
from relmark_helpers.customer_data.transactions import _date_argument

__all__ = ["ClubValuation", "MAX_CLUB_YEARS", "value_club_customers"]

MAX_CLUB_YEARS = 100
"""Longest horizon of :func:`value_club_customers` (years)."""

WEEKS_PER_YEAR = 365.25 / DAYS_PER_WEEK


@dataclass(frozen=True)
class ClubValuation:
    """The club's customers valued by the fitted models (returned by :func:`value_club_customers`).

    Attributes
    ----------
    customers : pandas.DataFrame
        One row per customer who bought by ``split``: ``frequency``, ``recency``,
        ``T`` (weeks), ``monetary_value`` (mean repeat spend, money),
        ``frequency_holdout`` (purchases in the year after ``split``, the hold-out),
        ``p_alive`` (BG/NBD, 0-1), ``expected_next_year`` (BG/NBD purchases
        expected in that year), ``expected_spend`` (Gamma-Gamma, money per
        purchase) and ``model_clv`` (discounted expected margin, money).
    transactions : BgNbdFit
        BG/NBD fitted to the purchases up to ``split``.
    spend : GammaGammaFit
        Gamma-Gamma fitted to the same customers' repeat spend.
    """

    customers: pd.DataFrame
    transactions: BgNbdFit
    spend: GammaGammaFit


def value_club_customers(log: pd.DataFrame, *, split: object = "2023-12-31", margin_share: float = 0.25,
                         discount: float = 0.10, years: int = 50) -> ClubValuation:
    """Fit BG/NBD and Gamma-Gamma to a purchase log up to ``split`` and value every customer.

    Parameters
    ----------
    log : pandas.DataFrame
        Columns ``customer_id``, ``date`` and ``amount`` (money), e.g.
        :func:`relmark_helpers.customer_data.loyalty_club.load_loyalty_transactions`.
    split : date or str
        Last day of the calibration period; the following calendar year is the hold-out.
    margin_share : float
        Contribution margin as a share of spend, in (0, 1].
    discount : float
        Discount rate per year, in [0, 1].
    years : int
        Future years counted, 1 to :data:`MAX_CLUB_YEARS` (50 is effectively a lifetime
        at a 10 % discount: later years add less than 1 % of the value).

    Returns
    -------
    ClubValuation
        Per-customer values and the two fitted models.

    Examples
    --------
    >>> from relmark_helpers.customer_data.loyalty_club import load_loyalty_transactions
    >>> club = value_club_customers(load_loyalty_transactions())
    >>> bool((club.customers["model_clv"] > 0).all())
    True
    """
    share = as_float("margin_share", margin_share, low=0.0, high=1.0, low_inclusive=False,
                     hint="Pass 0.25 for 25 % of spend.")
    rate = as_float("discount", discount, low=0.0, high=1.0, hint="Pass 0.1 for 10 % a year.")
    horizon = as_count("years", years, maximum=MAX_CLUB_YEARS)
    if horizon < 1:
        raise ValueError(f"years must be a whole number from 1 to {MAX_CLUB_YEARS}; got {horizon}.")
    end = _date_argument("split", split)
    summary = calibration_holdout(log, calibration_end=end, holdout_end=end + pd.DateOffset(years=1))
    transactions = fit_bgnbd(summary)
    spenders = summary[(summary["frequency"] == 0) | (summary["monetary_value"] > 0)]
    spend = fit_gamma_gamma(spenders)
    f, t_x, age = (summary[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    mean_spend = summary["monetary_value"].to_numpy(dtype=float)
    customers = summary[["frequency", "recency", "T", "monetary_value", "frequency_holdout"]].copy()
    customers["p_alive"] = transactions.p_alive(f, t_x, age)
    holdout_weeks = float(summary["duration_holdout"].iloc[0])
    customers["expected_next_year"] = transactions.expected_purchases(holdout_weeks, f, t_x, age)
    customers["expected_spend"] = spend.expected_average_spend(f, np.where(f > 0, mean_spend, 0.0))
    customers["model_clv"] = customer_value(transactions, spend, f, t_x, age, mean_spend,
                                            periods=horizon, period_length=WEEKS_PER_YEAR,
                                            discount=rate, margin=share)
    return ClubValuation(customers=customers, transactions=transactions, spend=spend)
