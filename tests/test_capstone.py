"""The capstone's segments, plan economics and the checks that catch the common mistakes."""

import math

import pytest

from relmark_helpers import (
    RETENTION_CAP,
    SEGMENTS,
    Baseline,
    Programme,
    check_ceiling,
    check_discounting,
    check_referrals,
    clv,
    clv_with_referrals,
    load_loyalty_transactions,
    plan_economics,
    programme_economics,
    segment_table,
    stress_test,
)


@pytest.fixture(scope="module")
def segments():
    return segment_table(load_loyalty_transactions())


def test_segment_table(segments):
    assert list(segments.index) == list(SEGMENTS)
    assert segments["retention"].between(0, 1).all()
    assert segments.loc["regulars", "retention"] > segments.loc["fading", "retention"]
    assert segments.loc["regulars", "margin"] > segments.loc["fading", "margin"]
    log = load_loyalty_transactions()
    first_year = log[log["date"] <= "2023-12-31"]["customer_id"].nunique()
    assert segments["customers"].sum() == first_year
    with pytest.raises(ValueError, match=r"margin_share must be in \(0, 1\]; got 25"):
        segment_table(log, margin_share=25)


def test_plan_economics_agrees_with_the_bonding_model(segments):
    plan = {"occasional": Programme.of("points")}
    table = plan_economics(segments, plan)
    row = segments.loc["occasional"]
    expected = programme_economics(Programme.of("points"),
                                   Baseline(row["margin"], row["retention"]))
    assert table.loc["occasional", "uplift"] == pytest.approx(expected.uplift)
    assert table.loc["fading", "uplift"] == pytest.approx(0.0)
    assert table.loc["occasional", "total_uplift"] == pytest.approx(expected.uplift
                                                                    * row["customers"])


def test_retention_effects_are_capped(segments):
    table = plan_economics(segments, {"regulars": Programme.at_level(2)})
    assert math.isfinite(table.loc["regulars", "clv_with"])
    assert segments.loc["regulars", "retention"] + 0.1 > RETENTION_CAP  # the cap was needed


def test_stress_test_scenarios(segments):
    plan = {"regulars": Programme.of("events", "magazine"), "new": Programme.of("points")}
    table = stress_test(segments, plan)
    assert list(table.index) == ["as planned", "a rival copies from year 2",
                                 "retention 5 points lower", "both"]
    assert table.loc["a rival copies from year 2", "total_uplift"] < table.loc["as planned",
                                                                               "total_uplift"]
    assert table.loc["retention 5 points lower", "total_value"] < table.loc["as planned",
                                                                            "total_value"]


M, R, D = 100.0, 0.8, 0.10


def test_discounting_check():
    assert check_discounting(clv(M, R, D), M, R, D).correct
    start = check_discounting(clv(M, R, D, timing="start"), M, R, D)
    assert start.status == "incorrect" and "start of each period" in start.message
    assert "not discounted" in check_discounting(M / (1 - R), M, R, D).message
    assert "not discounted" in check_discounting(clv(M, R, 0.0, 5), M, R, D, 5).message
    assert "fractions" in check_discounting(12.0, M, R, D).message
    assert check_discounting(..., M, R, D).status == "unanswered"
    assert check_discounting("lots", M, R, D).status == "invalid"


def test_ceiling_check():
    ceiling = clv(M, R, D)
    assert check_ceiling(ceiling - 50, 50, M, R, D).correct
    above = check_ceiling(ceiling + 50, 50, M, R, D)
    assert "above the acquisition ceiling" in above.message and "do not add" in above.message
    assert "before* acquisition cost" in check_ceiling(ceiling, 50, M, R, D).message
    assert "loses money" in check_ceiling(ceiling - 300, 300, M, R, D).message
    assert check_ceiling(None, 50, M, R, D).status == "unanswered"


def test_referrals_check():
    right = clv_with_referrals(M, R, D, 0.1)
    assert check_referrals(right, M, R, D, 0.1).correct
    twice = check_referrals(2 * right - clv(M, R, D), M, R, D, 0.1)
    assert "counted twice" in twice.message
    assert "leaves the referrals out" in check_referrals(clv(M, R, D), M, R, D, 0.1).message
    assert check_referrals(1.0, M, R, D, 0.1).status == "incorrect"


def test_checks_never_print_the_right_number():
    right = clv(M, R, D)
    for feedback in (check_discounting(1.0, M, R, D), check_referrals(1.0, M, R, D, 0.1)):
        assert f"{right:.0f}" not in feedback.message
