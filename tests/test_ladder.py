"""The customer ladder as a Markov chain: reproduces clv, conserves customers, clear errors."""

import numpy as np
import pandas as pd
import pytest

from relmark_helpers import LADDER_RUNGS, Ladder, clv, teaching_ladder


def two_state(r, margin=100.0, cost=0.0):
    return Ladder(["active", "lost"], [[r, 1 - r], [0.0, 1.0]], margin=[margin, 0.0],
                  cost=[cost, 0.0])


@pytest.mark.parametrize("r", [0.0, 0.3, 0.8, 0.95])
@pytest.mark.parametrize("discount", [0.05, 0.10, 0.25])
@pytest.mark.parametrize("timing", ["end", "start"])
@pytest.mark.parametrize("periods", [None, 1, 5, 30])
def test_two_state_chain_reproduces_clv_exactly(r, discount, timing, periods):
    value = two_state(r).expected_value(discount, periods, timing=timing)
    assert value["active"] == pytest.approx(clv(100.0, r, discount, periods, timing=timing),
                                            rel=1e-12, abs=1e-9)
    assert value["lost"] == 0.0


def test_cost_is_subtracted_like_a_lower_margin():
    value = two_state(0.8, margin=100, cost=30).expected_value(0.1)["active"]
    assert value == pytest.approx(clv(70, 0.8, 0.1))


def test_finite_horizon_approaches_the_closed_form():
    ladder = teaching_ladder()
    closed = ladder.expected_value(0.1)
    far = ladder.expected_value(0.1, periods=600)
    assert np.allclose(closed, far, rtol=1e-9)


def test_pfeifer_carraway_start_form_is_reward_plus_discounted_end_value():
    ladder = teaching_ladder()
    start = ladder.expected_value(0.1, timing="start")
    end = ladder.expected_value(0.1)
    assert np.allclose(start, ladder.reward + end)


def test_projections_conserve_customers():
    ladder = teaching_ladder(promotion=0.4, lapse=0.1)
    table = ladder.project({"first-time customer": 1000, "client": 250}, 25)
    totals = table.groupby("period")["customers"].sum()
    assert np.allclose(totals, 1250)
    assert list(table.columns) == ["period", "state", "customers"]
    assert (table["customers"] >= 0).all()


def test_projection_from_a_rung_name_and_from_a_series():
    ladder = teaching_ladder()
    a = ladder.project("client", 3)
    b = ladder.project(pd.Series({"client": 1.0}), 3)
    pd.testing.assert_frame_equal(a, b)


def test_steady_state_is_invariant():
    ladder = teaching_ladder(promotion=0.25, lapse=0.35, win_back=0.1)
    pi = ladder.steady_state()
    assert pi.sum() == pytest.approx(1.0)
    assert np.allclose(pi.to_numpy() @ ladder.transitions, pi.to_numpy(), atol=1e-12)
    last = ladder.project(dict(zip(LADDER_RUNGS, [1.0, 0, 0, 0, 0, 0], strict=True)), 2000)
    final = last[last["period"] == 2000]["customers"].to_numpy()
    assert np.allclose(final, pi.to_numpy(), atol=1e-8)


def test_absorbing_lapsed_state_loses_everyone():
    ladder = teaching_ladder(win_back=0.0)
    assert ladder.steady_state()["lapsed"] == pytest.approx(1.0)
    table = ladder.project("partner", 1000)
    final = table[table["period"] == 1000].set_index("state")["customers"]
    assert final["lapsed"] == pytest.approx(1.0, abs=1e-9)


def test_several_steady_states_are_refused():
    ladder = Ladder(["a", "b"], np.eye(2))
    with pytest.raises(ValueError, match="more than one steady state"):
        ladder.steady_state()


def test_dict_and_dataframe_transitions():
    d = Ladder(["a", "b"], {"a": {"a": 0.6, "b": 0.4}, "b": {"b": 1.0}})
    frame = pd.DataFrame([[1.0, 0.0], [0.4, 0.6]], index=["b", "a"], columns=["b", "a"])
    f = Ladder(["a", "b"], frame)
    assert np.allclose(d.transitions, f.transitions)
    assert d.matrix().index.name == "from"


@pytest.mark.parametrize(
    ("transitions", "message"),
    [
        ([[1.2, -0.2], [0.0, 1.0]], r"probabilities in \[0, 1\].*'active' to 'active' is 1.2"),
        ([[0.5, 0.4], [0.0, 1.0]], r"row of 'active' sums to 0.9"),
        ([[0.5, 0.5, 0.0], [0.0, 1.0, 0.0]], r"square 2 x 2 matrix.*got shape \(2, 3\)"),
        ({"active": {"gone": 1.0}}, r"unknown rung 'gone'; the rungs are 'active', 'lost'"),
        ({"zombie": {"lost": 1.0}}, r"unknown rung 'zombie'"),
        ([["a", "b"], ["c", "d"]], "transitions must be a number"),
    ],
)
def test_bad_matrices_get_clear_errors(transitions, message):
    with pytest.raises((ValueError, TypeError), match=message):
        Ladder(["active", "lost"], transitions)


def test_other_bad_arguments():
    with pytest.raises(ValueError, match="appear more than once"):
        Ladder(["a", "a"], np.eye(2))
    with pytest.raises(ValueError, match="one number or one per rung"):
        Ladder(["a", "b"], np.eye(2), margin=[1, 2, 3])
    with pytest.raises(ValueError, match="cost must be >= 0"):
        Ladder(["a", "b"], np.eye(2), cost=[-1, 0])
    with pytest.raises(ValueError, match=r"discount must be > 0; got 0"):
        two_state(0.8).expected_value(0.0)
    with pytest.raises(ValueError, match="timing must be one of"):
        two_state(0.8).expected_value(0.1, timing="middle")
    with pytest.raises(ValueError, match="initial: unknown rung 'vip'"):
        two_state(0.8).project("vip", 3)
    with pytest.raises(ValueError, match=r"lapse must be in \[0, 0.5\]; got 0.8"):
        teaching_ladder(lapse=0.8)


def test_higher_rungs_are_worth_more_in_the_teaching_ladder():
    values = teaching_ladder().expected_value(0.1)
    assert values.iloc[:5].is_monotonic_increasing
    cheaper = teaching_ladder(development_cost=0).expected_value(0.1)
    assert (cheaper.iloc[:4] > values.iloc[:4]).all()
