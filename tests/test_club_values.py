"""The café club valued with BG/NBD and Gamma-Gamma (notebook 06) and per capstone segment (notebook 10)."""

from __future__ import annotations

import numpy as np
import pytest

from relmark_helpers import load_loyalty_transactions, segment_values, value_club_customers


@pytest.fixture(scope="module")
def club():
    return value_club_customers(load_loyalty_transactions())


@pytest.fixture(scope="module")
def values():
    return segment_values(load_loyalty_transactions())


def test_club_value_is_the_discounted_sum_of_yearly_purchases_times_spend(club):
    customer = club.customers.iloc[int(np.argmax(club.customers["frequency"].to_numpy() == 5))]
    f, t_x, T, m = customer["frequency"], customer["recency"], customer["T"], customer["monetary_value"]
    weeks = 365.25 / 7.0
    cumulative = [club.transactions.expected_purchases(k * weeks, f, t_x, T) for k in range(51)]
    spend = club.spend.expected_average_spend(f, m)
    by_hand = sum((cumulative[k] - cumulative[k - 1]) * spend * 0.25 / 1.10**k for k in range(1, 51))
    assert customer["model_clv"] == pytest.approx(by_hand, rel=1e-9)


def test_club_forecast_of_the_holdout_year_is_within_ten_percent(club):
    predicted = club.customers["expected_next_year"].sum()
    actual = club.customers["frequency_holdout"].sum()
    assert abs(predicted / actual - 1.0) < 0.10


def test_club_customers_without_repeat_purchase_are_alive_under_bgnbd(club):
    once = club.customers[club.customers["frequency"] == 0]
    assert len(once) > 0
    assert (once["p_alive"] == 1.0).all()


def test_segment_floor_is_notebook_03s_formula(values):
    m, r = values["margin"], values["retention"]
    assert values["clv_floor"].to_numpy() == pytest.approx((m * r / (1.10 - r)).to_numpy(), rel=1e-12)


def test_model_values_every_segment_above_its_constant_retention_floor(values):
    assert list(values.index) == ["regulars", "occasional", "new", "fading"]
    assert (values["model_to_floor"] > 1.0).all()
    assert values["customers"].sum() == 1329


def test_club_arguments_are_checked_by_name():
    log = load_loyalty_transactions()
    with pytest.raises(ValueError, match="years"):
        value_club_customers(log, years=0)
    with pytest.raises(ValueError, match="margin_share"):
        value_club_customers(log, margin_share=25)


def test_gap_to_the_floor_is_widest_where_retention_is_lowest(values):
    # Notebook 06, section 8, says so in words.
    assert values["model_to_floor"].idxmax() == values["retention"].idxmin()
