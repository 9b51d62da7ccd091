"""The capstone's segments valued twice: the constant-retention floor and the fitted BG/NBD model.

:func:`segment_values` puts, for each segment of :func:`relmark_helpers.capstone.plan.segment_table`,
the constant-retention CLV (notebook 03's formula with the segment's retention and margin,
margins at the end of each year) next to the mean CLV of its customers under BG/NBD and
Gamma-Gamma fitted to the same year of purchases
(:func:`relmark_helpers.btyd.club.value_club_customers`).  The constant-retention value is a
floor: it applies one retention rate for ever to customers whose chance of staying rises the
longer they stay (notebook 05); the model lets each customer's own history set it.

Money per customer; discount per year.

Introduced in notebook 10.
"""

from __future__ import annotations

import pandas as pd

from relmark_helpers.btyd.club import value_club_customers
from relmark_helpers.capstone.plan import segment_rules, segment_table
from relmark_helpers.lifetime_value.formulas import clv

__all__ = ["segment_values"]


def segment_values(log: pd.DataFrame, *, split: str = "2023-12-31", margin_share: float = 0.25,
                   discount: float = 0.10, years: int = 50) -> pd.DataFrame:
    """Each segment's CLV per customer: constant-retention floor and fitted model, side by side.

    Parameters
    ----------
    log : pandas.DataFrame
        Columns ``customer_id``, ``date`` and ``amount``, e.g.
        :func:`relmark_helpers.customer_data.loyalty_club.load_loyalty_transactions`.
    split : str
        Last day of the segmentation (and calibration) year.
    margin_share : float
        Contribution margin as a share of spend, in (0, 1].
    discount : float
        Discount rate per year, in [0, 1].
    years : int
        Future years the model counts, 1 to 100 (50: effectively a lifetime).

    Returns
    -------
    pandas.DataFrame
        Indexed by segment (:data:`relmark_helpers.capstone.plan.SEGMENTS` order):
        ``customers``, ``retention`` and ``margin`` (from :func:`segment_table`, the year
        after ``split``), ``clv_floor`` (``clv(margin, retention, discount)``, money),
        ``p_alive`` (BG/NBD, mean), ``expected_next_year`` (BG/NBD purchases per customer
        in the year after ``split``), ``actual_next_year`` (purchases that happened),
        ``clv_model`` (mean BG/NBD x Gamma-Gamma CLV, money) and ``model_to_floor``
        (``clv_model / clv_floor``).

    Examples
    --------
    >>> from relmark_helpers.customer_data.loyalty_club import load_loyalty_transactions
    >>> values = segment_values(load_loyalty_transactions())
    >>> bool((values["clv_model"] > values["clv_floor"]).all())
    True
    """
    table = segment_table(log, split=split, margin_share=margin_share)
    club = value_club_customers(log, split=split, margin_share=margin_share, discount=discount,
                                years=years)
    customers = club.customers
    days = customers[["frequency"]].assign(recency=customers["recency"] * 7.0, T=customers["T"] * 7.0)
    segment = segment_rules(days)
    by_segment = customers.groupby(segment).agg(
        p_alive=("p_alive", "mean"), expected_next_year=("expected_next_year", "mean"),
        actual_next_year=("frequency_holdout", "mean"), clv_model=("model_clv", "mean"))
    values = table[["customers", "retention", "margin"]].copy()
    values["clv_floor"] = clv(values["margin"], values["retention"], discount)
    values = values.join(by_segment)
    values["model_to_floor"] = values["clv_model"] / values["clv_floor"]
    return values
