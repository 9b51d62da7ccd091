"""The bonding model: levels, programme economics, imitation and the cases computed."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relmark_helpers import (
    INSTRUMENTS,
    Baseline,
    Instrument,
    Programme,
    campaign,
    check,
    clv,
    clv_with_referrals,
    get_exercise,
    haier_signups_per_day,
    imitation,
    level_instruments,
    ottobar_economics,
    ottobar_member_multiple,
    programme_economics,
    stamp_card_discount,
)


def one(retention=0.0, cost=0.0, setup_cost=0.0, margin=0.0, referrals=0.0, bond="financial"):
    """A programme of a single made-up instrument."""
    return Programme((Instrument("x", "x", bond, cost=cost, setup_cost=setup_cost,
                                 retention=retention, margin=margin, referrals=referrals),))


# --- levels ----------------------------------------------------------------------------------

def test_levels_are_cumulative():
    one_, two, three = (set(level_instruments(k)) for k in (1, 2, 3))
    assert one_ < two < three
    assert two - one_ == set(level_instruments(2, cumulative=False))
    assert three - two == set(level_instruments(3, cumulative=False))
    assert [Programme.at_level(k).level for k in (1, 2, 3)] == [1, 2, 3]


def test_level_reached_needs_the_levels_below():
    assert Programme().level == 0
    assert Programme.of("it_link").level == 0 and Programme.of("it_link").deepest_level == 3
    assert Programme.of("points", "it_link").level == 1
    assert Programme.of("points", "magazine", "customised_service").level == 2
    assert Programme.of("points", "magazine", "customised_service", "it_link").level == 3
    # Personalising and customising the relationship is Berry & Parasuraman's level 2.
    assert INSTRUMENTS["customised_service"].level == 2


def test_every_instrument_is_a_teaching_value_with_a_level():
    for instrument in INSTRUMENTS.values():
        assert instrument.level in (1, 2, 3)
        assert instrument.cost > 0 and instrument.retention > 0


# --- programme economics ---------------------------------------------------------------------

def test_an_empty_programme_changes_nothing():
    base = Baseline(100, 0.7, referrals=0.05)
    e = programme_economics(Programme(), base)
    assert e.clv_with == pytest.approx(e.clv_without) and e.uplift == pytest.approx(0.0)
    assert e.clv_without == pytest.approx(clv_with_referrals(100, 0.7, 0.1, 0.05))
    assert e.programme_cost == 0 and e.payback == 0 and math.isnan(e.roi)
    assert programme_economics(Programme(), base, rival_response=0).uplift == pytest.approx(0.0)


def test_roi_and_payback_by_hand():
    # Baseline: margin 100, retention 0.6, discount 10 %: CLV = 100 * 0.6 / (1.1 - 0.6) = 120.
    # One instrument: cost 10 a period, set-up 20, retention +0.1 (to 0.7).
    # With: (100 - 10) * 0.7 / (1.1 - 0.7) - 20 = 157.5 - 20 = 137.5; uplift 17.5.
    # Programme cost: 10 * 0.7 / 0.4 + 20 = 17.5 + 20 = 37.5; ROI = 17.5 / 37.5 = 0.4667.
    # Payback, extra value per period (90 * 0.7^t - 100 * 0.6^t) / 1.1^t:
    #   t=1: 3/1.1 = 2.727; t=2: 8.1/1.21 = 6.694 (9.421); t=3: 9.27/1.331 = 6.965 (16.386);
    #   t=4: 8.649/1.4641 = 5.907 (22.293 >= 20): pays back in period 4.
    e = programme_economics(one(retention=0.1, cost=10, setup_cost=20), Baseline(100, 0.6))
    assert e.clv_without == pytest.approx(120.0)
    assert e.clv_with == pytest.approx(137.5)
    assert e.uplift == pytest.approx(17.5)
    assert e.programme_cost == pytest.approx(37.5)
    assert e.roi == pytest.approx(17.5 / 37.5)
    assert e.payback == 4


def test_margin_effect_and_a_loss_by_hand():
    # Margin +10 % for cost 12, no retention effect, retention 0.5: multiple 0.5 / 0.6 = 5/6.
    # Without: 100 * 5/6 = 83.33; with: (110 - 12) * 5/6 = 81.67; uplift -1.67, cost 10: ROI -1/6.
    e = programme_economics(one(margin=0.10, cost=12), Baseline(100, 0.5))
    assert e.uplift == pytest.approx(-5 / 3)
    assert e.roi == pytest.approx(-1 / 6)
    assert math.isinf(e.payback)


def test_referrals_go_through_clv_with_referrals():
    programme = one(retention=0.05, cost=5, margin=0.02, referrals=0.04)
    e = programme_economics(programme, Baseline(100, 0.7, referrals=0.01))
    assert e.clv_with == pytest.approx(clv_with_referrals(102 - 5, 0.75, 0.1, 0.05))
    finite = programme_economics(programme, Baseline(100, 0.7, 0.01), periods=6)
    assert finite.clv_with == pytest.approx(clv_with_referrals(97, 0.75, 0.1, 0.05, periods=6))
    assert finite.clv_without == pytest.approx(clv_with_referrals(100, 0.7, 0.1, 0.01, periods=6))


@settings(max_examples=60, deadline=None)
@given(st.floats(0.0, 0.25), st.floats(0.0, 0.05), st.floats(0.3, 0.7), st.floats(0.0, 20.0))
def test_uplift_rises_with_the_retention_effect(effect, more, base, cost):
    low = programme_economics(one(retention=effect, cost=cost), Baseline(100, base))
    high = programme_economics(one(retention=effect + more, cost=cost), Baseline(100, base))
    assert high.uplift >= low.uplift - 1e-9


def test_copying_lowers_the_value_and_never_copying_changes_nothing():
    programme = Programme.at_level(3)
    kept = programme_economics(programme)
    assert programme_economics(programme, rival_response=1000).clv_with == pytest.approx(
        kept.clv_with)
    values = [programme_economics(programme, rival_response=lag).clv_with for lag in (0, 2, 5)]
    assert values == sorted(values) and values[-1] < kept.clv_with


def test_a_fully_copied_financial_bond_leaves_only_its_cost():
    # Copied at once: no retention effect ever, so the member is worth the baseline CLV with
    # the points' cost subtracted every period: (100 - 6) * 0.7 / 0.4 - 2.
    e = programme_economics(Programme.of("points"), rival_response=0)
    assert e.clv_with == pytest.approx(94 * 0.7 / 0.4 - 2)
    assert e.roi == pytest.approx(-1.0)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: Programme.of("pionts"), r"instrument must be one of 'points', .*; got 'pionts'"),
    (lambda: one(cost=-1), r"x\.cost must be >= 0; got -1"),
    (lambda: one(retention=2), r"x\.retention must be in \[0, 1\]; got 2"),
    (lambda: one(bond="emotional"), r"x\.bond must be one of 'financial'"),
    (lambda: programme_economics(Programme.at_level(3), Baseline(100, 0.9)),
     r"retention with the programme must be in \[0, 1\]; got 1\.09\. Baseline retention 0\.9 "
     r"plus the retention effects of points, .*it_link \(\+0\.19\)"),
    (lambda: Baseline(100, 1.2), r"baseline\.retention must be in \[0, 1\); got 1\.2"),
    (lambda: programme_economics(Programme(), discount=-2), r"discount must be > -1"),
    (lambda: programme_economics(Programme(), periods=2.5), r"periods must be a whole number"),
    (lambda: programme_economics(Programme(), rival_response=-1), r"rival_response must be in \[0, 1000\]"),
    (lambda: imitation(Programme(), 0), r"years must be a whole number >= 1"),
    (lambda: Programme.of("points", "points"), r"\['points'\] appear more than once"),
    (lambda: Programme.of("points").with_changes("points", colour=1), r"change must be one of"),
    (lambda: programme_economics("points"), r"programme must be a Programme; got str"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_with_changes_replaces_one_teaching_value():
    changed = Programme.of("points", "magazine").with_changes("magazine", cost=1.0)
    assert changed.cost == pytest.approx(7.0)
    assert INSTRUMENTS["magazine"].cost == 4.0  # the defaults stay as they are


# --- imitation -------------------------------------------------------------------------------

def test_imitation_reaches_zero_for_every_bond():
    table = imitation(Programme.at_level(3), 20, rival_response=2)
    last = table.iloc[-1]
    for column in ("share_financial", "share_social", "share_customisation", "share_structural",
                   "retention_effect", "margin_effect", "referrals_effect"):
        assert last[column] == 0
    assert (table[["share_financial", "share_structural"]].iloc[:2] == 1).all().all()


def test_financial_copied_first_structural_last():
    table = imitation(Programme.at_level(3), 15, rival_response=0)
    gone = {bond: int(table.loc[table[f"share_{bond}"] == 0, "year"].min())
            for bond in ("financial", "social", "customisation", "structural")}
    assert gone["financial"] < gone["social"] < gone["customisation"] < gone["structural"]


def test_imitation_never_copied_keeps_the_full_effect():
    table = imitation(Programme.at_level(2), 5, rival_response=None)
    assert np.allclose(table["retention_effect"], Programme.at_level(2).retention_effect)


# --- the cases, computed ---------------------------------------------------------------------

def test_ottobar_member_worth_at_least_six_non_members_per_period():
    assert ottobar_member_multiple() == 6.0  # at least 2 x per visit times more than 3 x visits
    assert ottobar_member_multiple(2.5, 3.0) == 7.5


def test_ottobar_economics_by_hand():
    # Non-member: 12 a year, retention 0.5: 12 * 0.5 / 0.6 = 10.
    # Member: 6 * 12 = 72 a year, retention 0.75: 72 * 0.75 / 0.35 = 154.29.
    # Credited to the club: 25 % of the gap 144.29 = 36.07; spread over a member's stay
    # (multiple 0.75 / 0.35 = 2.143): 16.83 a year.  Magazine: 3 issues x 1.50 = 4.50 a year,
    # 585,000 a year for 130,000 members.
    o = ottobar_economics()
    assert o["clv_non_member"] == pytest.approx(10.0)
    assert o["clv_member"] == pytest.approx(154.2857, abs=1e-4)
    assert o["value_credited_to_club"] == pytest.approx(36.0714, abs=1e-4)
    assert o["max_cost_per_member_per_year"] == pytest.approx(16.8333, abs=1e-4)
    assert o["magazine_cost_per_member_per_year"] == pytest.approx(4.5)
    assert o["magazine_mailing_per_year"] == pytest.approx(585_000)
    assert o["clv_member"] == pytest.approx(clv(72, 0.75, 0.1))


def test_a_ten_percent_response_campaign():
    # 130,000 members, 10 % respond: 13,000 responses x 8 = 104,000; cost 130,000 x 0.60 = 78,000.
    c = campaign(130_000, 0.10, 8.0, 0.60)
    assert c["responses"] == pytest.approx(13_000)
    assert c["profit"] == pytest.approx(26_000)
    assert c["break_even_response_rate"] == pytest.approx(0.075)
    assert c["break_even_margin"] == pytest.approx(6.0)
    with pytest.raises(ValueError, match=r"response_rate must be in \[0, 1\]; got 10"):
        campaign(130_000, 10, 8.0, 0.6)


def test_stamp_card_and_haier_rates():
    assert stamp_card_discount(10) == pytest.approx(1 / 11)
    assert stamp_card_discount(10, basis="paid") == pytest.approx(1 / 10)
    # 8 paid coffees per card, 60 % of cards redeemed: 0.6 free coffees per 8.6 handed over,
    # or 0.6 free coffees per 8 paid ones.
    assert stamp_card_discount(8, redemption=0.6) == pytest.approx(0.6 / 8.6)
    assert stamp_card_discount(8, redemption=0.6, basis="paid") == pytest.approx(0.075)
    # Half of Subway's (assumed) ten-stamp cards redeemed: 0.5 / 10.5 = 4.76 %, not 0.5 / 11.
    assert stamp_card_discount(10, redemption=0.5) == pytest.approx(0.5 / 10.5)
    with pytest.raises(ValueError, match="basis"):
        stamp_card_discount(8, basis="cups")
    with pytest.raises(ValueError, match="stamps must be a whole number >= 1"):
        stamp_card_discount(0)
    rate = haier_signups_per_day()
    # 30 January 2000 + 10 months = 30 November 2000: 305 days; 8,000,000 / 305 = 26,229.5.
    assert rate["days"] == 305
    assert rate["per_day"] == pytest.approx(26_229.5, abs=0.1)


# --- the exercises of notebook 04 ------------------------------------------------------------

def test_exercise_2_1_has_ten_items_and_an_explanation_each():
    exercise = get_exercise("4.1")
    assert len(exercise.solution) == 10 and set(exercise.explanations) == set(exercise.solution)
    assert set(exercise.solution.values()) == {"financial", "social", "structural"}
    assert check("4.1", dict(exercise.solution)).correct


def test_exercise_2_8_answer_follows_the_model():
    from relmark_helpers.answers import nb04

    gains = nb04.points_gain_by_response()
    # Points only: the copied gain rises with a later rival response and is negative at once.
    assert gains[0.0] < 0 < gains[5.0] and gains[0.0] < gains[2.0] < gains[5.0]
    (right,) = get_exercise("4.8").correct
    assert right == nb04.points_pattern() == "a"


def test_notebook_02_states_the_numbers_the_checker_uses():
    import nbformat

    from relmark_helpers.answers import nb04

    from .conftest import notebook_path

    notebook = nbformat.read(notebook_path(4), as_version=4)
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for key, description in nb04.PROGRAMMES_2_1.items():
        assert f"- {key}) {description}" in text
    assert f"**{nb04.CINEMA_SPEND_RATIO:g}** times as much per visit" in text
    assert f"**{nb04.CINEMA_VISIT_RATIO:g}** times" in text
    assert f"margin of **{nb04.CINEMA_NON_MEMBER_MARGIN:g}** a year" in text
    assert f"**{nb04.CINEMA_MEMBER_RETENTION:.0%}**".replace("%", " %") in text
    assert f"free coffee after **{nb04.CAFE_STAMPS}** paid ones" in text
    assert f"**{nb04.CAFE_REDEMPTION:.0%}**".replace("%", " %") + " of the cards" in text
    assert (f"margin of **{nb04.DESIGNER_BASELINE.margin:g}** a year and a retention of "
            f"**{nb04.DESIGNER_BASELINE.retention:.0%}**".replace("%", " %")) in text
    assert "after **0**, **2** and **5** years" in text


def test_programme_table_shows_labels_and_bonds_in_the_current_language():
    from relmark_helpers import INSTRUMENTS, Programme, use_language

    english = Programme.of(*INSTRUMENTS).table()
    assert english["bond"].tolist() == ["financial", "social", "social", "social", "customisation",
                                        "structural"]
    assert english.loc[0, "label"] == "points / rebates"
    with use_language("zh_CN"):
        chinese = Programme.of(*INSTRUMENTS).table()
    # bond names as bonding_levels.csv's name_zh (the glossary's terms)
    assert chinese["bond"].tolist() == ["财务联系", "社会联系", "社会联系", "社会联系", "定制化联系",
                                        "结构化联系"]
    assert chinese.loc[0, "label"] == "积分 / 返利"
    assert chinese["name"].tolist() == english["name"].tolist()
    assert chinese.drop(columns=["label", "bond"]).equals(english.drop(columns=["label", "bond"]))


def test_bond_name_reads_the_current_languages_name_and_refuses_an_unknown_bond():
    from relmark_helpers import bond_name, use_language

    assert [bond_name(b) for b in ("financial", "structural")] == ["financial bonds",
                                                                   "structural bonds"]
    with use_language("zh_CN"):
        assert bond_name("customisation") == "定制化联系"  # the glossary's term
    with pytest.raises(ValueError, match="bond must be one of"):
        bond_name("emotional")
