"""The customer-base simulator: conservation, steady state, agreement with CLV, randomness, errors."""

import numpy as np
import pandas as pd
import pytest

from relmark_helpers import clv
from relmark_helpers.customer_base.simulation import (
    COLUMNS,
    RELATIONSHIP_FIRM,
    TRANSACTION_FIRM,
    Strategy,
    breakeven_retention_cost,
    compare_strategies,
    crossover_period,
    profit_uplift,
    simulate_customer_base,
    steady_state_customers,
)

FIRMS = [TRANSACTION_FIRM, RELATIONSHIP_FIRM,
         Strategy("grower", acquisitions=40, retention=0.9, margin=80, margin_growth=0.1,
                  referrals=0.1, retention_cost=5)]


@pytest.mark.parametrize("seed", [None, 1, 2])
@pytest.mark.parametrize("strategy", FIRMS, ids=lambda s: s.name)
def test_conservation_every_period(strategy, seed):
    table = simulate_customer_base(strategy, 15, initial_customers=200, seed=seed)
    assert list(table.columns) == list(COLUMNS)
    assert np.allclose(table["end"], table["start"] + table["acquired"] - table["lost"])
    assert np.allclose(table["start"].iloc[1:].to_numpy(), table["end"].iloc[:-1].to_numpy())
    assert table["start"].iloc[0] == 200
    assert (table[["start", "lost", "acquired", "end"]] >= 0).all().all()
    if seed is not None:
        counts = table[["start", "lost", "acquired", "end"]].to_numpy()
        assert np.array_equal(counts, np.round(counts))


def test_hand_worked_first_periods():
    # 500 a year, 60 % stay: 500, 300 + 500, 480 + 500
    table = simulate_customer_base(TRANSACTION_FIRM, 3)
    assert table["end"].tolist() == pytest.approx([500, 800, 980])
    # Period 2: 300 kept customers pay 250 each; 100,000 on acquisition.
    assert table.loc[1, "revenue"] == pytest.approx(300 * 250)
    assert table.loc[1, "profit"] == pytest.approx(300 * 250 - 100_000)
    assert table.loc[1, "discounted_profit"] == pytest.approx((75_000 - 100_000) / 1.1**2)


def test_converges_to_the_steady_state():
    table = simulate_customer_base(TRANSACTION_FIRM, 60)
    assert table["end"].iloc[-1] == pytest.approx(steady_state_customers(500, 0.6), rel=1e-9)
    assert steady_state_customers(500, 0.6) == pytest.approx(1250)
    assert np.all(np.diff(table["end"]) >= 0)


def test_zero_retention_keeps_only_this_periods_customers():
    firm = Strategy("leaky", acquisitions=100, retention=0.0, margin=50)
    table = simulate_customer_base(firm, 8, initial_customers=30)
    assert table["lost"].tolist() == [30] + [100] * 7
    assert (table["end"] == 100).all()
    assert (table["revenue"] == 0).all()


@pytest.mark.parametrize("timing_growth", [0.0, 0.05])
def test_single_cohort_earns_exactly_clv(timing_growth):
    cohort = Strategy("cohort", acquisitions=0, retention=0.8, margin=100, retention_cost=10,
                      margin_growth=timing_growth)
    table = simulate_customer_base(cohort, 12, initial_customers=1000, discount=0.1)
    per_customer = table["discounted_profit"].sum() / 1000
    # The kept customer's margin net of the cost of keeping them, end-of-period timing.
    expected = clv(100, 0.8, 0.1, 12, growth=timing_growth) - clv(10, 0.8, 0.1, 12)
    assert per_customer == pytest.approx(expected)


def test_mean_of_seeded_runs_matches_the_expected_value_model():
    expected = simulate_customer_base(RELATIONSHIP_FIRM, 10, initial_customers=500)
    runs = np.stack([
        simulate_customer_base(RELATIONSHIP_FIRM, 10, initial_customers=500, seed=s)["end"]
        for s in range(400)
    ])
    # Standard error of the mean of 400 runs is about 2 customers here; allow 1 %.
    assert np.allclose(runs.mean(axis=0), expected["end"], rtol=0.01)
    assert runs.std(axis=0)[-1] > 5  # really random


def test_seeded_runs_are_reproducible_and_differ_by_seed():
    a = simulate_customer_base(TRANSACTION_FIRM, 5, seed=7)
    b = simulate_customer_base(TRANSACTION_FIRM, 5, seed=7)
    c = simulate_customer_base(TRANSACTION_FIRM, 5, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_budgets_define_acquisitions_and_retention_spend():
    assert TRANSACTION_FIRM.paid_acquisitions == 500
    assert RELATIONSHIP_FIRM.paid_acquisitions == 300
    table = simulate_customer_base(RELATIONSHIP_FIRM, 4)
    assert (table["retention_cost"] == 40_000).all()
    assert (table["acquisition_cost"] == 60_000).all()


def test_referrals_add_free_customers():
    firm = Strategy("referred", acquisitions=100, retention=0.5, margin=10, referrals=0.2)
    table = simulate_customer_base(firm, 2, initial_customers=100)
    # Period 1: 50 kept, so 100 paid + 0.2 * 50 referred.
    assert table.loc[0, "acquired"] == pytest.approx(110)
    assert table.loc[0, "acquisition_cost"] == pytest.approx(100 * firm.acquisition_cost)


def test_compare_strategies_long_table():
    table = compare_strategies(TRANSACTION_FIRM, RELATIONSHIP_FIRM, periods=10)
    assert table.columns[0] == "strategy"
    assert table.groupby("strategy").size().to_dict() == {
        "relationship marketing": 10, "transaction marketing": 10}
    with pytest.raises(ValueError, match="names must differ"):
        compare_strategies(TRANSACTION_FIRM, TRANSACTION_FIRM)


def test_crossover_period():
    tm = simulate_customer_base(TRANSACTION_FIRM, 10)
    rm = simulate_customer_base(RELATIONSHIP_FIRM, 10)
    year = crossover_period(tm, rm)
    column = "cumulative_discounted_profit"
    assert rm[column].iloc[year - 1] > tm[column].iloc[year - 1]
    assert rm[column].iloc[year - 2] <= tm[column].iloc[year - 2]
    assert crossover_period(rm, tm) is None


def test_profit_uplift_hand_checked_on_a_cohort():
    cohort = Strategy("cohort", acquisitions=0, retention=0.8, margin=100)
    # One cohort: profit ratio is the ratio of 10-period CLVs.
    expected = clv(100, 0.85, 0.1, 10) / clv(100, 0.8, 0.1, 10) - 1
    assert profit_uplift(cohort, 0.05, 10) == pytest.approx(expected)
    with pytest.raises(ValueError, match="makes no profit"):
        profit_uplift(Strategy("loss", acquisitions=10, margin=-5), 0.05, 10)


def test_breakeven_retention_cost_ties_the_firms():
    cost = breakeven_retention_cost(TRANSACTION_FIRM, RELATIONSHIP_FIRM, 10)
    tied = RELATIONSHIP_FIRM.with_(retention_cost=cost, retention_budget=None)
    a = simulate_customer_base(TRANSACTION_FIRM, 10)["discounted_profit"].sum()
    b = simulate_customer_base(tied, 10)["discounted_profit"].sum()
    assert b == pytest.approx(a, rel=1e-6)
    hopeless = RELATIONSHIP_FIRM.with_(retention=0.3, margin_growth=0.0, referrals=0.0)
    assert breakeven_retention_cost(TRANSACTION_FIRM, hopeless, 10) == 0.0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"retention": 1.2}, r"retention must be in \[0, 1\]; got 1\.2"),
        ({"acquisitions": -5}, r"acquisitions must be >= 0; got -5"),
        ({"acquisition_cost": 0}, r"acquisition_cost must be > 0; got 0"),
        ({"retention_cost": -1}, r"retention_cost must be >= 0; got -1"),
        ({"referrals": -0.1}, r"referrals must be >= 0"),
        ({"acquisition_budget": -10}, r"acquisition_budget must be >= 0"),
    ],
)
def test_bad_strategy_names_the_argument(changes, message):
    with pytest.raises(ValueError, match=message):
        Strategy("bad", **changes)


def test_bad_simulation_arguments():
    with pytest.raises(ValueError, match="periods must be a whole number"):
        simulate_customer_base(TRANSACTION_FIRM, 2.5)
    with pytest.raises(ValueError, match="periods must be at least 1"):
        simulate_customer_base(TRANSACTION_FIRM, 0)
    with pytest.raises(ValueError, match="initial_customers must be >= 0"):
        simulate_customer_base(TRANSACTION_FIRM, 5, initial_customers=-3)
    with pytest.raises(ValueError, match="whole number with a seed"):
        simulate_customer_base(TRANSACTION_FIRM, 5, initial_customers=2.5, seed=1)
    with pytest.raises(TypeError, match="strategy must be a Strategy"):
        simulate_customer_base({"retention": 0.8}, 5)
    with pytest.raises(ValueError, match=r"retention must be in \[0, 1\)"):
        steady_state_customers(100, 1.0)
