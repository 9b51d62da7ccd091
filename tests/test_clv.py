"""lifetime_value.formulas against hand-worked numbers, properties and every documented error."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relmark_helpers import (
    break_even_period,
    cash_flow_table,
    clv,
    clv_with_referrals,
    customer_equity,
    driver_table,
    expected_lifetime,
    margin_multiple,
    max_acquisition_cost,
    retention_uplift,
)


def explicit_sum(m, r, i, periods, timing="end", growth=0.0):
    """CLV by adding up the periods one by one: the independent reference."""
    total = 0.0
    if timing == "end":
        for t in range(1, periods + 1):
            total += m * (1 + growth) ** (t - 1) * r**t / (1 + i) ** t
    else:
        for t in range(0, periods):
            total += m * (1 + growth) ** t * r**t / (1 + i) ** t
    return total


# --- hand-worked reference values -------------------------------------------------------

def test_hand_worked_end_of_period_266_67():
    # 100 * 0.8 / (1 + 0.1 - 0.8) = 80 / 0.3
    assert clv(100, 0.8, 0.10) == pytest.approx(266.67, abs=0.005)


def test_hand_worked_first_margin_at_t0_366_67():
    # 100 * 1.1 / 0.3
    assert clv(100, 0.8, 0.10, timing="start") == pytest.approx(366.67, abs=0.005)


def test_timing_conventions_differ_by_exactly_one_margin():
    for m, r, i in [(100, 0.8, 0.1), (37.5, 0.55, 0.03), (1000, 0.95, 0.2)]:
        assert clv(m, r, i, timing="start") - clv(m, r, i) == pytest.approx(m)


def test_margin_multiple_hand_worked():
    assert margin_multiple(0.8, 0.10) == pytest.approx(0.8 / 0.3)
    assert margin_multiple(0.9, 0.12) == pytest.approx(0.9 / 0.22)
    assert margin_multiple(0.0, 0.10) == 0.0


def test_three_periods_by_hand():
    # 80/1.1 + 64/1.21 + 51.2/1.331 = 72.727 + 52.893 + 38.467
    assert clv(100, 0.8, 0.10, periods=3) == pytest.approx(164.087, abs=0.001)
    assert cash_flow_table(100, 0.8, 0.10, 3)["present_value"].round(3).tolist() == [
        72.727, 52.893, 38.467]


def test_finite_horizons_rise_towards_266_67():
    values = [clv(100, 0.8, 0.10, periods=t) for t in (1, 2, 5, 10, 20, 50, 200)]
    assert np.all(np.diff(values) >= 0)
    assert values[0] == pytest.approx(80 / 1.1)
    assert values[-1] == pytest.approx(266.6667, abs=1e-4)
    assert values[-1] <= clv(100, 0.8, 0.10) + 1e-9


def test_zero_horizon_is_worth_nothing_but_costs():
    assert clv(100, 0.8, 0.1, periods=0) == 0.0
    assert clv(100, 0.8, 0.1, periods=0, acquisition_cost=50) == -50.0


def test_growth_matches_explicit_sum_and_closed_form():
    # Q = 0.8 * 1.05 / 1.1; start: 100 / (1 - Q); end: 100 * (0.8/1.1) / (1 - Q)
    q_big = 0.8 * 1.05 / 1.1
    assert clv(100, 0.8, 0.1, timing="start", growth=0.05) == pytest.approx(100 / (1 - q_big))
    assert clv(100, 0.8, 0.1, growth=0.05) == pytest.approx(100 * (0.8 / 1.1) / (1 - q_big))
    for timing in ("end", "start"):
        assert clv(100, 0.8, 0.1, 12, timing=timing, growth=0.05) == pytest.approx(
            explicit_sum(100, 0.8, 0.1, 12, timing, 0.05))


def test_finite_horizon_with_growth_equal_to_discount_is_linear():
    # r (1 + g) = 1 + i  ->  every margin has the same present value
    assert clv(100, 1.0, 0.05, 4, timing="start", growth=0.05) == pytest.approx(400.0)


def test_acquisition_cost_is_subtracted():
    assert clv(100, 0.8, 0.1, acquisition_cost=150) == pytest.approx(266.6667 - 150, abs=1e-4)
    assert max_acquisition_cost(100, 0.8, 0.1) == pytest.approx(clv(100, 0.8, 0.1))


def test_referrals_hand_worked():
    # referred customer worth 266.67; margin becomes 100 + 0.1 * 266.67 = 126.67
    assert clv_with_referrals(100, 0.8, 0.1, referrals=0.1) == pytest.approx(
        (100 + 0.1 * 800 / 3) * 0.8 / 0.3)
    assert clv_with_referrals(100, 0.8, 0.1, referrals=0.0) == pytest.approx(clv(100, 0.8, 0.1))


def test_customer_equity_and_lifetime():
    assert customer_equity(1000, 100, 0.8, 0.1) == pytest.approx(266_666.67, abs=0.01)
    assert customer_equity(np.array([10, 20]), 100, np.array([0.5, 0.8]), 0.1).tolist() == (
        pytest.approx([10 * 50 / 0.6, 20 * 80 / 0.3]))
    assert expected_lifetime(0.8) == pytest.approx(5.0)
    assert expected_lifetime(0.0) == 1.0


def test_retention_uplift_hand_worked():
    # (0.85 / 0.25) / (0.8 / 0.3) - 1 = 3.4 / 2.6667 - 1
    assert retention_uplift(0.80, 0.10) == pytest.approx(0.275)
    assert retention_uplift(0.80, 0.10, points=0.0) == 0.0


def test_driver_table_rows():
    table = driver_table(100, 0.8, 0.1, retention_points=0.05, margin_rise=0.10, growth=0.03,
                         referrals=0.05)
    assert table["driver"].tolist()[0] == "baseline"
    assert table.loc[0, "change_in_clv"] == 0.0
    by_driver = table.set_index("driver")["change_in_clv"]
    assert by_driver["relationship length"] == pytest.approx(0.275)
    assert by_driver["revenue per period"] == pytest.approx(0.10)
    assert by_driver["cross-selling over time"] > 0
    assert by_driver["referrals"] == pytest.approx(0.05 * 800 / 3 / 100)


def test_driver_table_reads_in_chinese():
    from relmark_helpers import use_language

    english = driver_table(100, 0.8, 0.1, retention_points=0.05, margin_rise=0.10, growth=0.03,
                           referrals=0.05)
    with use_language("zh_CN"):
        chinese = driver_table(100, 0.8, 0.1, retention_points=0.05, margin_rise=0.10, growth=0.03,
                               referrals=0.05)
    assert english["change"].tolist()[1:] == ["retention +5 points", "margin +10%",
                                              "margin grows 3% a period",
                                              "0.05 new customers referred a period"]
    assert chinese["driver"].tolist() == ["基准", "关系时长", "每期收入", "随时间推移的交叉销售", "顾客推荐"]
    assert chinese["change"].tolist() == ["—", "保留率 +5 个百分点", "利润 +10%", "利润每期增长 3%",
                                          "每期推荐 0.05 位新顾客"]
    assert chinese[["clv", "change_in_clv"]].equals(english[["clv", "change_in_clv"]])


# --- break-even ------------------------------------------------------------------------

def test_break_even_hand_worked():
    # cumulative PV: 72.7, 125.6, 164.1 -> covers 150 with the third margin
    assert break_even_period(100, 0.8, 0.1, 150) == 3
    assert break_even_period(100, 0.8, 0.1, 72.0) == 1
    assert break_even_period(100, 0.8, 0.1, 0) == 0
    assert math.isinf(break_even_period(100, 0.8, 0.1, 300))
    assert math.isinf(break_even_period(-10, 0.8, 0.1, 5))


@settings(max_examples=200, deadline=None)
@given(
    m=st.floats(1, 500),
    r=st.floats(0, 0.99),
    i=st.floats(0, 0.3),
    cost=st.floats(0, 2000),
    timing=st.sampled_from(["end", "start"]),
    g=st.floats(0, 0.05),
)
def test_break_even_agrees_with_the_cash_flow_table(m, r, i, cost, timing, g):
    periods = break_even_period(m, r, i, cost, timing=timing, growth=g)
    cumulative = cash_flow_table(m, r, i, 400, timing=timing, growth=g)[
        "cumulative_present_value"].to_numpy()
    if cost == 0:
        assert periods == 0
    elif math.isinf(periods):
        assert cumulative[-1] < cost * (1 + 1e-9)
    else:
        n = int(periods)
        assert cumulative[n - 1] >= cost * (1 - 1e-9)
        if n > 1:
            assert cumulative[n - 2] < cost * (1 + 1e-9)


# --- cash-flow table -------------------------------------------------------------------

def test_cash_flow_table_columns_and_total():
    table = cash_flow_table(100, 0.8, 0.1, 10)
    assert list(table.columns) == ["period", "survival", "margin", "expected_margin",
                                   "discount_factor", "present_value",
                                   "cumulative_present_value"]
    assert table["period"].tolist() == list(range(1, 11))
    assert table["cumulative_present_value"].iloc[-1] == pytest.approx(clv(100, 0.8, 0.1, 10))


def test_cash_flow_table_start_timing_begins_at_t0():
    table = cash_flow_table(100, 0.8, 0.1, 5, timing="start")
    first = table.iloc[0]
    assert (first["period"], first["survival"], first["discount_factor"]) == (0, 1.0, 1.0)
    assert first["present_value"] == 100.0
    assert table["cumulative_present_value"].iloc[-1] == pytest.approx(
        clv(100, 0.8, 0.1, 5, timing="start"))


def test_cash_flow_table_needs_scalars():
    with pytest.raises(TypeError, match="retention must be a single number"):
        cash_flow_table(100, np.array([0.8, 0.9]), 0.1, 5)


# --- properties ------------------------------------------------------------------------

rates = st.floats(0.0, 0.98)
discounts = st.floats(0.01, 0.5)
margins = st.floats(0.01, 1e4)


@settings(max_examples=200, deadline=None)
@given(m=margins, r1=rates, r2=rates, i=discounts)
def test_clv_rises_with_retention(m, r1, r2, i):
    low, high = sorted((r1, r2))
    assert clv(m, low, i) <= clv(m, high, i) + 1e-9


@settings(max_examples=200, deadline=None)
@given(m1=margins, m2=margins, r=rates, i=discounts)
def test_clv_rises_with_margin(m1, m2, r, i):
    low, high = sorted((m1, m2))
    assert clv(low, r, i) <= clv(high, r, i) + 1e-9


@settings(max_examples=200, deadline=None)
@given(m=margins, r=rates, i1=discounts, i2=discounts, timing=st.sampled_from(["end", "start"]))
def test_clv_falls_with_discount(m, r, i1, i2, timing):
    low, high = sorted((i1, i2))
    assert clv(m, r, high, timing=timing) <= clv(m, r, low, timing=timing) + 1e-9


@settings(max_examples=200, deadline=None)
@given(m=margins, r=st.floats(0.0, 0.95), i=discounts, t=st.integers(0, 60),
       timing=st.sampled_from(["end", "start"]))
def test_finite_horizon_matches_explicit_sum_and_stays_below_infinite(m, r, i, t, timing):
    finite = clv(m, r, i, t, timing=timing)
    assert finite == pytest.approx(explicit_sum(m, r, i, t, timing), rel=1e-9, abs=1e-9)
    assert finite <= clv(m, r, i, timing=timing) * (1 + 1e-12) + 1e-9


@settings(max_examples=100, deadline=None)
@given(m=margins, r=st.floats(0.0, 0.95), i=discounts)
def test_finite_horizon_approaches_infinite(m, r, i):
    assert clv(m, r, i, periods=2000) == pytest.approx(clv(m, r, i), rel=1e-9)


@settings(max_examples=50, deadline=None)
@given(
    m=st.lists(margins, min_size=1, max_size=20),
    data=st.data(),
)
def test_vectorised_equals_element_wise(m, data):
    n = len(m)
    r = data.draw(st.lists(rates, min_size=n, max_size=n))
    i = data.draw(st.lists(discounts, min_size=n, max_size=n))
    t = data.draw(st.lists(st.integers(0, 40), min_size=n, max_size=n))
    vector = clv(np.array(m), np.array(r), np.array(i), np.array(t))
    assert vector.shape == (n,)
    for k in range(n):
        assert vector[k] == pytest.approx(clv(m[k], r[k], i[k], t[k]))


def test_broadcasting_grid_and_series():
    grid = clv(100, np.array([0.5, 0.8])[:, None], np.array([0.05, 0.1, 0.2])[None, :])
    assert grid.shape == (2, 3)
    assert grid[1, 1] == pytest.approx(266.6667, abs=1e-4)
    series = pd.Series([0.5, 0.8])
    assert clv(100, series, 0.1).tolist() == pytest.approx([50 / 0.6, 80 / 0.3])
    assert isinstance(clv(100, 0.8, 0.1), float)


# --- errors: each names the argument, the value and the allowed range ------------------

@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"retention": 80}, ValueError, r"retention must be in \[0, 1\]; got 80\. Pass 0\.8"),
        ({"retention": -0.1}, ValueError, r"retention must be in \[0, 1\]; got -0\.1"),
        ({"retention": np.array([0.5, 1.2])}, ValueError,
         r"retention must be in \[0, 1\]; got 1\.2 \(among \[0\.5, 1\.2\]\)"),
        ({"retention": float("nan")}, ValueError, r"retention must be a number, not NaN"),
        ({"retention": "0.8"}, TypeError, r"retention must be a number .*; got '0\.8'"),
        ({"retention": None}, TypeError, r"retention must be a number"),
        ({"discount": -1}, ValueError, r"discount must be > -1; got -1"),
        ({"discount": -1.5}, ValueError, r"discount must be > -1; got -1\.5"),
        ({"discount": float("inf")}, ValueError, r"discount must be finite"),
        ({"margin": "a lot"}, TypeError, r"margin must be a number .*; got 'a lot'"),
        ({"margin": float("nan")}, ValueError, r"margin must be a number, not NaN"),
        ({"periods": -1}, ValueError, r"periods must be a whole number of periods >= 0; got -1"),
        ({"periods": 2.5}, ValueError, r"periods must be a whole number of periods >= 0; got 2\.5"),
        ({"periods": "5"}, TypeError, r"periods must be a whole number of periods"),
        ({"periods": float("nan")}, ValueError, r"periods must be a whole number"),
        ({"timing": "middle"}, ValueError,
         r"timing must be one of 'end', 'start', 'first_certain'; got 'middle'"),
        ({"acquisition_cost": -5}, ValueError, r"acquisition_cost must be >= 0; got -5"),
        ({"growth": -1}, ValueError, r"growth must be > -1; got -1"),
        ({"retention": True}, TypeError, r"retention must be a number"),
    ],
)
def test_bad_input_names_argument_value_and_range(kwargs, error, message):
    arguments = {"margin": 100, "retention": 0.8, "discount": 0.1} | kwargs
    with pytest.raises(error, match=message):
        clv(**arguments)


def test_infinite_horizon_without_convergence_explains_why():
    with pytest.raises(ValueError, match=r"no finite value.*retention=1, discount=0") as info:
        clv(100, 1.0, 0.0)
    assert "finite horizon" in str(info.value)
    with pytest.raises(ValueError, match="no finite value"):
        margin_multiple(1.0, 0.0)
    with pytest.raises(ValueError, match=r"retention=0\.99, discount=0\.01, growth=0\.05"):
        clv(100, np.array([0.5, 0.99]), 0.01, growth=0.05)
    # A finite horizon is fine.
    assert clv(100, 1.0, 0.0, periods=5) == pytest.approx(500.0)


def test_mismatched_shapes_are_named():
    with pytest.raises(ValueError, match=r"broadcast together; got .*retention \(2,\).*discount \(3,\)"):
        clv(100, np.array([0.5, 0.8]), np.array([0.1, 0.2, 0.3]))


def test_other_functions_validate_too():
    with pytest.raises(ValueError, match="retention must be in"):
        margin_multiple(1.5, 0.1)
    with pytest.raises(ValueError, match=r"retention must be in \[0, 1\).*never leaves"):
        expected_lifetime(1.0)
    with pytest.raises(ValueError, match="referrals must be >= 0"):
        clv_with_referrals(100, 0.8, 0.1, referrals=-1)
    with pytest.raises(ValueError, match="customers must be >= 0"):
        customer_equity(-3, 100, 0.8, 0.1)
    with pytest.raises(ValueError, match=r"retention \+ points must be in \[0, 1\]"):
        retention_uplift(0.98, 0.1, points=0.05)
    with pytest.raises(ValueError, match="acquisition_cost must be >= 0"):
        break_even_period(100, 0.8, 0.1, -1)
    with pytest.raises(ValueError, match="timing must be one of"):
        break_even_period(100, 0.8, 0.1, 10, timing="later")


# --- review follow-ups: edge cases that once slipped through -----------------------------

def test_referrals_do_not_grow_with_cross_selling():
    # Period by period: margin grows 5 %, referrals stay at 0.1 * V a period.
    m, r, i, g, rho = 100, 0.8, 0.1, 0.05, 0.1
    v = clv(m, r, i, growth=g)
    by_hand = sum(
        (m * (1 + g) ** (t - 1) + rho * v) * r**t / (1 + i) ** t for t in range(1, 2000)
    )
    assert clv_with_referrals(m, r, i, rho, growth=g) == pytest.approx(by_hand)


def test_cross_selling_row_by_hand():
    # Q = 0.8 * 1.03 / 1.1; CLV = 100 * (0.8 / 1.1) / (1 - Q)
    q_big = 0.8 * 1.03 / 1.1
    row = driver_table(100, 0.8, 0.1, growth=0.03).set_index("driver").loc[
        "cross-selling over time"]
    assert row["clv"] == pytest.approx(100 * (0.8 / 1.1) / (1 - q_big))


def test_no_silent_inf_or_nan():
    with pytest.raises(ValueError, match="too large to compute"):
        clv(100, 1.0, 0.0, periods=10**5, growth=0.5)
    with pytest.raises(ValueError, match="too large to compute"):
        clv(0, 1.0, 0.0, periods=10**5, growth=0.5)
    with pytest.raises(ValueError, match="base CLV is 0"):
        retention_uplift(0.5, 0.1, periods=0)
    with pytest.raises(ValueError, match="base CLV is 0"):
        retention_uplift(0.0, 0.1)
    with pytest.raises(ValueError, match="margin must be > 0"):
        driver_table(0, 0.8, 0.1)


@pytest.mark.parametrize(
    "value", [np.array([True, False]), ["0.8"], np.bool_(True), {"r": 0.8}, object()],
    ids=["bool array", "list of text", "numpy bool", "dict", "object"],
)
def test_non_numbers_are_refused(value):
    with pytest.raises(TypeError, match="retention must be a number"):
        clv(100, value, 0.1)


def test_numpy_scalars_and_zero_d_arrays_are_numbers():
    assert clv(np.float32(100), np.float64(0.8), np.array(0.1), np.int64(3)) == pytest.approx(
        164.087, abs=1e-3)
    with pytest.raises(ValueError, match=r"retention must be in \[0, 1\]; got -0\.2\."):
        clv(100, np.float64(-0.2), 0.1)


def test_mismatched_shapes_in_every_function():
    three, two = np.ones(3), np.array([0.5, 0.6])
    for call in (lambda: customer_equity(three, 100, two, 0.1),
                 lambda: clv_with_referrals(100, two, 0.1, referrals=three * 0.1),
                 lambda: retention_uplift(two, 0.1, points=three * 0.01)):
        with pytest.raises(ValueError, match="broadcast together"):
            call()


def test_break_even_exactly_at_the_no_end_value_is_never():
    assert math.isinf(break_even_period(100, 0.8, 0.1, clv(100, 0.8, 0.1)))
    assert break_even_period(100, 0.8, 0.1, 1e-300) == 1
    assert str(break_even_period(100, 0.8, 0.1, 0.0)) == "0.0"  # not -0.0


@settings(max_examples=200, deadline=None)
@given(
    m=st.floats(-50, 500),
    r=st.floats(0, 1),
    i=st.floats(-0.05, 0.3),
    cost=st.floats(0.01, 2000),
    timing=st.sampled_from(["end", "start"]),
    g=st.floats(-0.2, 0.1),
)
def test_break_even_agrees_with_the_table_for_any_sign(m, r, i, cost, timing, g):
    periods = break_even_period(m, r, i, cost, timing=timing, growth=g)
    cumulative = cash_flow_table(m, r, i, 300, timing=timing, growth=g)[
        "cumulative_present_value"].to_numpy()
    reached = np.nonzero(cumulative >= cost * (1 - 1e-9))[0]
    if math.isinf(periods):
        # Never: not reached within 300 periods (allowing for rounding at the edge).
        assert len(reached) == 0 or cumulative[reached[0]] <= cost * (1 + 1e-6)
    elif periods <= 300:
        assert reached.size and abs(reached[0] + 1 - periods) <= 1
        assert cumulative[int(periods) - 1] >= cost * (1 - 1e-6)
