"""The retention-evidence model against numbers worked out by hand.

Hand values: q = r / (1 + i); with constant profit NPV = q / (1 - q) (the margin
multiple r / (1 + i - r)); with profit growing by g of the first year's profit
per year of tenure, NPV = q / (1 - q) + g q^2 / (1 - q)^2.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from relmark_helpers import get_exercise, list_exercises  # noqa: E402
from relmark_helpers.customer_base.simulation import TRANSACTION_FIRM  # noqa: E402
from relmark_helpers.lifetime_value.formulas import cash_flow_table, clv, retention_uplift  # noqa: E402
from relmark_helpers.lifetime_value.retention_evidence import (  # noqa: E402
    customer_npv,
    growth_needed_for_uplift,
    retention_uplift_with_tenure,
    uplift_firm_versus_customer,
)
from relmark_helpers.lifetime_value.retention_evidence_plots import plot_uplift_vs_profit_growth  # noqa: E402

EXERCISES = {eid: get_exercise(eid) for eid in list_exercises()}


def test_constant_profit_npv_is_the_margin_multiple():
    assert customer_npv(0.8, 0.10) == pytest.approx(0.8 / 0.3)
    assert customer_npv(0.8, 0.10, base_profit=100, acquisition_cost=50) == pytest.approx(
        800 / 3 - 50)


def test_growing_profit_npv_by_hand():
    # r = 0.8, i = 0.1: q = 8/11, q/(1-q) = 8/3, q^2/(1-q)^2 = 64/9.
    assert customer_npv(0.8, 0.10, 0.10) == pytest.approx(8 / 3 + 0.1 * 64 / 9)
    # and by summing the first 3,000 years' terms one by one
    t = np.arange(1, 3001)
    by_sum = np.sum(0.8**t * (1 + 0.25 * (t - 1)) / 1.1**t)
    assert customer_npv(0.8, 0.10, 0.25) == pytest.approx(by_sum)


def test_average_lifetime_reading_is_an_annuity_over_the_average_life():
    # 10 % defection: a 10-year life; 5 %: 20 years (Sharp's account of the calculation).
    annuity = lambda n: (1 - 1.1**-n) / 0.1  # noqa: E731
    assert customer_npv(0.90, 0.10, lifetime="average") == pytest.approx(annuity(10))
    assert customer_npv(0.95, 0.10, lifetime="average") == pytest.approx(annuity(20))
    assert retention_uplift_with_tenure(0.90, 0.10, lifetime="average") == pytest.approx(
        annuity(20) / annuity(10) - 1)
    # a fractional last year counts pro rata: r = 0.6 gives 2.5 years
    assert customer_npv(0.6, 0.10, lifetime="average") == pytest.approx(
        1 / 1.1 + 1 / 1.1**2 + 0.5 / 1.1**3)


def test_constant_profit_uplift_is_notebook_03s_clv_uplift():
    # 0.80 -> 0.85: multiple 2.667 -> 3.4, +27.5 % (exercise 3.4)
    assert retention_uplift_with_tenure(0.80, 0.10) == pytest.approx(3.4 / (8 / 3) - 1)
    assert retention_uplift_with_tenure(0.80, 0.10) == pytest.approx(0.275)
    r = np.array([0.5, 0.6, 0.7, 0.8, 0.9])
    np.testing.assert_allclose(retention_uplift_with_tenure(r, 0.10),
                               retention_uplift(r, 0.10))


def test_constant_profit_stays_below_the_quoted_range_except_at_high_retention():
    # by hand: 0.6 -> 0.65: (0.65/0.45)/(0.6/0.5) - 1 = 0.2037; 0.9 -> 0.95: (0.95/0.15)/4.5 - 1
    assert retention_uplift_with_tenure(0.60, 0.10) == pytest.approx((0.65 / 0.45) / 1.2 - 1)
    assert retention_uplift_with_tenure(0.90, 0.10) == pytest.approx((0.95 / 0.15) / 4.5 - 1)
    assert retention_uplift_with_tenure(0.90, 0.10) < 0.85


def test_growth_needed_for_85_percent_at_90_percent_retention_by_hand():
    # q = 9/11: A = 4.5, B = 20.25; q' = 19/22: A' = 19/3, B' = (19/3)^2.
    a, b, a2, b2 = 4.5, 20.25, 19 / 3, (19 / 3) ** 2
    by_hand = (1.85 * a - a2) / (b2 - 1.85 * b)
    assert growth_needed_for_uplift(0.85, 0.90, 0.10) == pytest.approx(by_hand)
    assert by_hand == pytest.approx(0.752, abs=1e-3)
    # and that growth does give +85 %
    assert retention_uplift_with_tenure(0.90, 0.10, by_hand) == pytest.approx(0.85)


def test_growth_alone_cannot_reach_85_percent_from_80_percent_retention():
    # the rise tends to B'/B - 1 = (3.4 / (8/3))^2 - 1 = 62.6 % as growth grows without bound
    ceiling = (3.4 / (8 / 3)) ** 2 - 1
    assert ceiling == pytest.approx(0.6256, abs=1e-4)
    assert np.isinf(growth_needed_for_uplift(0.85, 0.80, 0.10))
    assert retention_uplift_with_tenure(0.80, 0.10, 1000.0) == pytest.approx(ceiling, abs=1e-3)
    assert growth_needed_for_uplift(0.25, 0.80, 0.10) == 0.0  # 27.5 % without growth


def test_an_acquisition_cost_makes_the_percentage_larger():
    plain = retention_uplift_with_tenure(0.6, 0.10)
    costly = retention_uplift_with_tenure(0.6, 0.10, acquisition_cost=1.0)
    # by hand: (0.65/0.45 - 1) / (1.2 - 1) - 1
    assert costly == pytest.approx((0.65 / 0.45 - 1) / 0.2 - 1)
    assert costly > 0.85 > plain


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="retention"):
        customer_npv(80, 0.10)
    with pytest.raises(ValueError, match="lifetime"):
        customer_npv(0.8, 0.10, lifetime="forever")
    with pytest.raises(ValueError, match="retention \\+ points"):
        retention_uplift_with_tenure(0.97, 0.10)
    with pytest.raises(ValueError, match="base NPV"):
        retention_uplift_with_tenure(0.5, 0.10, acquisition_cost=5.0)
    with pytest.raises(ValueError, match="profit_growth"):
        customer_npv(0.8, 0.10, -0.1)


def test_firm_uplift_falls_while_customer_uplift_rises_and_the_cohort_reproduces_clv():
    firm = TRANSACTION_FIRM.with_(name="a service firm", acquisition_budget=60_000,
                                  retention_cost=20)
    table = uplift_firm_versus_customer(firm, [0.5, 0.7, 0.9])
    firm_10 = table["firm, 10 years"].to_numpy()
    clv_rise = table["one customer's CLV"].to_numpy()
    assert firm_10[0] > firm_10[1] > firm_10[2]
    assert clv_rise[0] < clv_rise[1] < clv_rise[2]
    np.testing.assert_allclose(table["existing customers only, no end"], clv_rise, rtol=1e-6)
    np.testing.assert_allclose(clv_rise, [(0.55 / 0.55) / (0.5 / 0.6) - 1,
                                          (0.75 / 0.35) / (0.7 / 0.4) - 1,
                                          (0.95 / 0.15) / 4.5 - 1])


def test_certain_first_margin_convention_by_hand():
    # m / (1 + i - r): 72 / 0.3 = 240 (exercise 4.2's reading with a certain first margin)
    assert clv(72, 0.8, 0.10, timing="first_certain") == pytest.approx(240.0)
    # the three closed forms: start = (1 + i) x first_certain, end = r x first_certain
    first = clv(100, 0.8, 0.10, timing="first_certain")
    assert clv(100, 0.8, 0.10, timing="start") == pytest.approx(1.1 * first)
    assert clv(100, 0.8, 0.10, timing="end") == pytest.approx(0.8 * first)
    # three years by hand: 100/1.1 + 80/1.21 + 64/1.331
    three = 100 / 1.1 + 80 / 1.21 + 64 / 1.331
    assert clv(100, 0.8, 0.10, periods=3, timing="first_certain") == pytest.approx(three)
    table = cash_flow_table(100, 0.8, 0.10, 3, timing="first_certain")
    assert table["survival"].tolist() == pytest.approx([1.0, 0.8, 0.64])
    assert table["cumulative_present_value"].iloc[-1] == pytest.approx(three)


def test_uplift_chart_draws_one_line_per_retention():
    ax = plot_uplift_vs_profit_growth((0.6, 0.8, 0.9))
    assert len(ax.get_lines()) == 3
    top = max(line.get_ydata().max() for line in ax.get_lines())
    assert top == pytest.approx(100 * retention_uplift_with_tenure(0.9, 0.10, 1.0))
    plt.close(ax.figure)


def test_exercise_3_6_key_two_thirds_of_first_year_profit_by_hand():

    # 80 % -> 85 %: A = 8/3, B = 64/9, A' = 3.4, B' = 11.56; +50 % needs
    # g = (1.5 A - A') / (B' - 1.5 B) = 0.6 / 0.89333 = 0.6716
    by_hand = (1.5 * 8 / 3 - 3.4) / (3.4**2 - 1.5 * 64 / 9)
    assert growth_needed_for_uplift(0.50, 0.80, 0.10) == pytest.approx(by_hand)
    assert 0.6 < by_hand < 0.7  # "about two-thirds"
    assert "two-thirds" in EXERCISES["3.6"].options["b"]
    assert "27.5 %" in EXERCISES["3.6"].options["b"]
    assert EXERCISES["3.6"].evaluate("b").correct
    assert not EXERCISES["3.6"].evaluate("c").correct


def test_overflow_and_endless_average_lifetimes_are_refused():
    # q = 0.8 / 1.1; the growth term 1e10 * q**2 / (1 - q)**2 ~ 7e10 times 1e308 overflows a float
    with pytest.raises(ValueError, match="too large to compute"):
        customer_npv(0.8, 0.10, 1e10, base_profit=1e308)
    with pytest.raises(ValueError, match="too large to compute"):
        retention_uplift_with_tenure(0.8, 0.10, 1e10, base_profit=1e308)
    # 1 / (1 - r) = 1e8 years: more than MAX_PERIODS (100,000) years to add up
    with pytest.raises(ValueError, match="retention must be at most 0.99999"):
        customer_npv(1 - 1e-8, 0.10, lifetime="average")


def test_uplift_chart_refuses_bad_ranges_naming_them():
    with pytest.raises(ValueError, match="growth_range"):
        plot_uplift_vs_profit_growth(growth_range=(1.0, 0.5))
    with pytest.raises(TypeError, match="claimed"):
        plot_uplift_vs_profit_growth(claimed=None)
    with pytest.raises(ValueError, match="retentions"):
        plot_uplift_vs_profit_growth(retentions=(0.8, 0.97))
    with pytest.raises(ValueError, match="retentions must be a list of 1 to 10"):
        plot_uplift_vs_profit_growth(retentions=())
    with pytest.raises(ValueError, match="retentions must give a positive NPV"):
        plot_uplift_vs_profit_growth(retentions=0.0)  # NPV 0: no relative rise
    ax = plot_uplift_vs_profit_growth(retentions=0.8)  # a single number: one line
    assert len(ax.get_lines()) == 1
    plt.close("all")
