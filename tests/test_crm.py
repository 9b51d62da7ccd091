"""Classic RFM (relmark_helpers.crm): the table, quintile scores, segments and charts, by hand."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from relmark_helpers.crm import (  # noqa: E402
    DEFAULT_RULES,
    SegmentRule,
    rfm_scores,
    rfm_segments,
    rfm_table,
    segment_summary,
)
from relmark_helpers.crm.plots import plot_rf_heatmap, plot_segment_sizes  # noqa: E402
from relmark_helpers.crm.rfm_scoring import rules_table  # noqa: E402
from relmark_helpers.customer_data.loyalty_club import load_loyalty_transactions  # noqa: E402
from relmark_helpers.customer_data.transactions import rfm_summary  # noqa: E402

END = "2025-04-30"
LOG = pd.DataFrame({
    "customer_id": ["a", "a", "a", "b", "c", "c", "c", "d"],
    "date": ["2025-03-01", "2025-03-01", "2025-04-10", "2025-04-29", "2025-01-15", "2025-02-15",
             "2025-05-05", "2025-05-02"],
    "amount": [12.0, 8.0, 14.0, 5.0, 20.0, 10.0, 99.0, 7.0],
})


# --- rfm_table ---------------------------------------------------------------------------------

def test_table_by_hand():
    table = rfm_table(LOG, END)
    # d buys only after the end: left out.  c's purchase of 5 May is ignored.
    assert table.index.tolist() == ["a", "b", "c"]
    # a: last purchase 10 April -> 20 days before 30 April; 3 purchases; 12 + 8 + 14 = 34.
    # b: 29 April -> 1 day; 1 purchase; 5.
    # c: 15 February -> 28 (to 15 March) + 31 (to 15 April) + 15 = 74 days; 2 purchases; 30.
    assert table["recency_days"].tolist() == [20, 1, 74]
    assert table["frequency"].tolist() == [3, 1, 2]
    assert table["monetary"].tolist() == [34.0, 5.0, 30.0]


def test_table_purchase_days_and_mean_spend():
    per_day = rfm_table(LOG, END, frequency="days", monetary="mean")
    # a bought twice on 1 March: 2 purchase days, 34 / 2 = 17 per day.
    assert per_day.loc["a"].tolist() == [20, 2, 17.0]
    per_purchase = rfm_table(LOG, END, monetary="mean")
    assert per_purchase.loc["a", "monetary"] == pytest.approx(34 / 3)
    assert per_purchase.loc["c", "monetary"] == pytest.approx(15.0)


def test_table_bought_on_the_last_day_has_recency_zero():
    assert rfm_table(LOG, "2025-04-29").loc["b", "recency_days"] == 0


def test_classic_recency_is_btyd_age_minus_btyd_recency():
    # BTYD for a (by hand): recency = 10 April - 1 March = 40, T = 30 April - 1 March = 60.
    btyd = rfm_summary(LOG, "customer_id", "date", "amount", observation_end=END)
    assert btyd.loc["a", ["recency", "T"]].tolist() == [40.0, 60.0]
    classic = rfm_table(LOG, END)
    assert (btyd["T"] - btyd["recency"]).tolist() == classic["recency_days"].tolist()


@pytest.fixture(scope="module")
def cafe():
    return load_loyalty_transactions()


def test_table_on_the_cafe_log_matches_an_independent_groupby(cafe):
    end = pd.Timestamp("2025-06-30")
    table = rfm_table(cafe, end)
    seen = cafe[cafe["date"] <= end]
    grouped = seen.groupby("customer_id")
    assert table.index.tolist() == sorted(seen["customer_id"].unique())
    expected_recency = (end - grouped["date"].max()).dt.days
    assert (table["recency_days"] == expected_recency).all()
    assert (table["frequency"] == grouped.size()).all()
    assert np.allclose(table["monetary"], grouped["amount"].sum())
    days = rfm_table(cafe, end, frequency="days")
    btyd = rfm_summary(cafe, observation_end=end)
    assert (days["frequency"] == btyd["frequency"] + 1).all()  # BTYD leaves the first day out
    assert (table["recency_days"] == btyd["T"] - btyd["recency"]).all()


def test_table_errors_name_the_problem():
    with pytest.raises(ValueError, match="observation_end must be a date such as"):
        rfm_table(LOG, None)
    with pytest.raises(ValueError, match="observation_end must be a date"):
        rfm_table(LOG, "yesterday-ish")
    with pytest.raises(ValueError, match=r"before the first purchase \(2025-01-15\)"):
        rfm_table(LOG, "2024-12-31")
    with pytest.raises(ValueError, match="frequency must be one of 'purchases', 'days'"):
        rfm_table(LOG, END, frequency="visits")
    with pytest.raises(ValueError, match="monetary must be one of 'total', 'mean'"):
        rfm_table(LOG, END, monetary="median")
    with pytest.raises(ValueError, match="no column for amount_col='spend'"):
        rfm_table(LOG, END, amount_col="spend")
    with pytest.raises(ValueError, match="amounts must be >= 0"):
        rfm_table(LOG.assign(amount=[12.0, -8.0, 14, 5, 20, 10, 99, 7]), END)
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        rfm_table(LOG.to_dict(), END)


# --- rfm_scores: ten customers scored by hand -----------------------------------------------------

TEN = pd.DataFrame({
    "recency_days": [1, 3, 3, 10, 20, 35, 60, 60, 90, 200],
    "frequency": [12, 1, 1, 1, 4, 6, 2, 9, 3, 1],
    "monetary": [300.0, 5.0, 8.0, 6.0, 60.0, 90.0, 20.0, 150.0, 45.0, 7.0],
}, index=pd.Index([f"c{k}" for k in range(1, 11)], name="customer_id"))

# Quintiles of 10 customers: ranks 1-2 -> 1, 3-4 -> 2, 5-6 -> 3, 7-8 -> 4, 9-10 -> 5.
# R: ranks of -recency: c10 1, c9 2, c7 3, c8 4 (tie at 60: c7 listed first), c6 5, c5 6, c4 7,
#    c2 8, c3 9 (tie at 3: c2 listed first), c1 10.
HAND_R = {"c1": 5, "c2": 4, "c3": 5, "c4": 4, "c5": 3, "c6": 3, "c7": 2, "c8": 2, "c9": 1, "c10": 1}
# F: value 1 -> c2 1, c3 2, c4 3, c10 4; then c7 (2) 5, c9 (3) 6, c5 (4) 7, c6 (6) 8, c8 (9) 9, c1 10.
HAND_F = {"c1": 5, "c2": 1, "c3": 1, "c4": 2, "c5": 4, "c6": 4, "c7": 3, "c8": 5, "c9": 3, "c10": 2}
# M: 5 c2, 6 c4, 7 c10, 8 c3, 20 c7, 45 c9, 60 c5, 90 c6, 150 c8, 300 c1 -> ranks 1..10.
HAND_M = {"c1": 5, "c2": 1, "c3": 2, "c4": 1, "c5": 4, "c6": 4, "c7": 3, "c8": 5, "c9": 3, "c10": 2}


def test_quintile_scores_by_hand():
    scores = rfm_scores(TEN)
    assert scores["R"].to_dict() == HAND_R
    assert scores["F"].to_dict() == HAND_F
    assert scores["M"].to_dict() == HAND_M
    assert scores.loc["c1", "RFM"] == "555" and scores.loc["c2", "RFM"] == "411"
    # Every level holds two of the ten customers.
    for column in ("R", "F", "M"):
        assert scores[column].value_counts().sort_index().tolist() == [2, 2, 2, 2, 2]


def test_ties_split_in_table_order():
    # c2 and c3 both bought 3 days ago; c2 is listed first and gets the lower R score.
    scores = rfm_scores(TEN)
    assert (scores.loc["c2", "R"], scores.loc["c3", "R"]) == (4, 5)
    reordered = rfm_scores(TEN.loc[["c1", "c3", "c2", *TEN.index[3:]]])
    assert (reordered.loc["c3", "R"], reordered.loc["c2", "R"]) == (4, 5)


def test_smaller_recency_scores_higher_unlike_frequency():
    scores = rfm_scores(TEN)
    assert scores.loc["c1", "R"] == 5  # bought yesterday
    assert scores.loc["c10", "R"] == 1  # 200 days ago


def test_two_bins_are_halves():
    scores = rfm_scores(TEN, bins=2)
    # The five most recent customers (c1-c5) score 2.
    assert scores["R"].tolist() == [2, 2, 2, 2, 2, 1, 1, 1, 1, 1]


def test_scores_errors():
    with pytest.raises(ValueError, match="bins must be a whole number from 2 to 10"):
        rfm_scores(TEN, bins=1)
    with pytest.raises(ValueError, match="bins must be a whole number"):
        rfm_scores(TEN, bins=2.5)
    with pytest.raises(ValueError, match="fewer than bins=5"):
        rfm_scores(TEN.head(3))
    with pytest.raises(ValueError, match="no column 'monetary'"):
        rfm_scores(TEN.drop(columns="monetary"))
    with pytest.raises(ValueError, match="missing value"):
        rfm_scores(TEN.assign(frequency=[1.0, np.nan, *range(8)]))
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        rfm_scores([1, 2, 3])


# --- segments -------------------------------------------------------------------------------------

HAND_SEGMENTS = {
    "c1": "champions",  # R5 F5
    "c2": "new", "c3": "new", "c4": "new",  # R4-5, F1-2
    "c5": "loyal", "c6": "loyal",  # R3, F4
    "c7": "at risk", "c8": "at risk", "c9": "at risk",  # R1-2, F3-5
    "c10": "hibernating",  # R1, F2
}


def test_segments_by_hand():
    segments = rfm_segments(rfm_scores(TEN))
    assert segments.astype(str).to_dict() == HAND_SEGMENTS
    assert list(segments.cat.categories) == [rule.name for rule in DEFAULT_RULES]


def test_default_rules_cover_every_cell_exactly_once():
    cells = pd.DataFrame([(r, f, 1) for r in range(1, 6) for f in range(1, 6)], columns=["R", "F", "M"])
    hits = np.sum([rule.matches(cells) for rule in DEFAULT_RULES], axis=0)
    assert (hits >= 1).all()
    # Champions also fit "loyal": the order decides.  Apart from that, one rule per cell.
    champions = DEFAULT_RULES[0].matches(cells)
    assert (hits[~champions] == 1).all() and (hits[champions] == 2).all()


def test_earlier_rule_wins_and_rules_are_data():
    scores = rfm_scores(TEN)
    strict = (SegmentRule("vip", recency=(5, 5), frequency=(5, 5), monetary=(5, 5)),
              SegmentRule("everyone else", recency=(1, 5), frequency=(1, 5)))
    assert rfm_segments(scores, strict).astype(str).tolist().count("vip") == 1  # only c1 is 555
    flipped = rfm_segments(scores, (DEFAULT_RULES[1], DEFAULT_RULES[0], *DEFAULT_RULES[2:]))
    assert flipped["c1"] == "loyal"


def test_segment_rule_errors():
    with pytest.raises(ValueError, match=r"'x': recency must be a pair of whole scores"):
        SegmentRule("x", recency=(3, 2), frequency=(1, 5))
    with pytest.raises(ValueError, match="frequency must be a pair"):
        SegmentRule("x", recency=(1, 5), frequency=(0, 5))
    with pytest.raises(ValueError, match="needs a name"):
        SegmentRule("", recency=(1, 5), frequency=(1, 5))
    gap = (SegmentRule("recent", recency=(4, 5), frequency=(1, 5)),)
    with pytest.raises(ValueError, match=r"6 customer\(s\) fit no segment rule, e.g. scores R=3"):
        rfm_segments(rfm_scores(TEN), gap)
    twice = (DEFAULT_RULES[0], DEFAULT_RULES[0])
    with pytest.raises(ValueError, match="'champions' appear twice"):
        rfm_segments(rfm_scores(TEN), twice)
    with pytest.raises(TypeError, match="non-empty list of SegmentRule"):
        rfm_segments(rfm_scores(TEN), DEFAULT_RULES[0])


def test_segment_summary_by_hand():
    segments = rfm_segments(rfm_scores(TEN))
    summary = segment_summary(TEN, segments)
    assert summary["customers"].to_dict() == {"champions": 1, "loyal": 2, "new": 3, "at risk": 3,
                                              "need attention": 0, "hibernating": 1}
    # Revenue: 300 | 60 + 90 | 5 + 8 + 6 | 20 + 150 + 45 | 0 | 7; total 691.
    assert summary["revenue"].tolist() == [300.0, 150.0, 19.0, 215.0, 0.0, 7.0]
    assert summary.loc["at risk", "share_of_revenue"] == pytest.approx(215 / 691)
    assert summary.loc["new", "share_of_customers"] == pytest.approx(0.3)
    assert summary.loc["at risk", "mean_recency_days"] == pytest.approx((60 + 60 + 90) / 3)
    assert np.isnan(summary.loc["need attention", "mean_frequency"])
    with pytest.raises(ValueError, match="same customers in the same order"):
        segment_summary(TEN.iloc[::-1], segments)


def test_rules_table_reads_the_rules():
    table = rules_table()
    assert table.loc["at risk", ["R", "F", "M"]].tolist() == ["1-2", "3-5", "1-5"]
    assert table.loc["need attention", "R"] == "3"
    assert table["action"].str.len().gt(20).all()


# --- charts --------------------------------------------------------------------------------------

def test_heatmap_writes_the_counts_and_outlines_segments():
    scores = rfm_scores(TEN)
    ax = plot_rf_heatmap(scores)
    numbers = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert len(numbers) == 25
    assert sum(int(n) for n in numbers) == 10
    # Cell R5 F5 (x = 5, y = 5) holds c1 only.
    cell = [t.get_text() for t in ax.texts
            if np.allclose(t.get_position(), (5, 5.08)) and t.get_fontweight() == "bold"]
    assert cell == ["1"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [rule.name for rule in DEFAULT_RULES]
    assert len(ax.lines) > 0  # segment borders
    plt.close("all")


def test_heatmap_revenue_and_errors():
    scores = rfm_scores(TEN)
    ax = plot_rf_heatmap(scores, revenue=TEN["monetary"], value="revenue")
    numbers = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert sum(float(n.replace(",", "")) for n in numbers) == pytest.approx(691)
    with pytest.raises(ValueError, match="needs revenue"):
        plot_rf_heatmap(scores, value="revenue")
    with pytest.raises(ValueError, match="value must be one of 'customers', 'revenue'"):
        plot_rf_heatmap(scores, value="profit")
    plt.close("all")


def test_segment_bars_have_the_shares_as_widths():
    summary = segment_summary(TEN, rfm_segments(rfm_scores(TEN)))
    ax = plot_segment_sizes(summary)
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    expected = sorted(round(v * 100, 6) for v in [*summary["share_of_customers"],
                                                  *summary["share_of_revenue"]])
    assert widths == expected
    with pytest.raises(ValueError, match="segment_summary returns"):
        plot_segment_sizes(TEN)
    plt.close("all")


# --- the segment explorer -------------------------------------------------------------------------

from relmark_helpers.core.style import use_workbook_style  # noqa: E402
from relmark_helpers.crm.explorer import (  # noqa: E402
    SegmentChart,
    SegmentExplorer,
    SegmentInputs,
    segment_explorer,
    threshold_rules,
)

from .blit_check import assert_blit_matches_full_redraw  # noqa: E402


def test_threshold_rules_move_the_at_risk_line():
    assert threshold_rules(2) == DEFAULT_RULES
    one = {r.name: r for r in threshold_rules(1)}
    assert one["at risk"].recency == (1, 1) and one["loyal"].recency == (2, 5)
    assert one["need attention"].recency == (2, 3) and one["hibernating"].recency == (1, 1)
    three = {r.name: r for r in threshold_rules(3)}
    assert "need attention" not in three and three["at risk"].recency == (1, 3)
    # Every (R, F) pair still has a segment.
    cells = pd.DataFrame([(r, f, 1) for r in range(1, 6) for f in range(1, 6)], columns=["R", "F", "M"])
    for k in (1, 2, 3):
        assert rfm_segments(cells, threshold_rules(k)).notna().all()
    with pytest.raises(ValueError, match="at_risk_max_r must be 1, 2 or 3"):
        threshold_rules(4)


def test_explorer_controls_and_numbers_come_from_the_helpers(cafe):
    explorer = segment_explorer(cafe)
    c = explorer.controls
    assert set(c) == {"observation_end", "at_risk_max_r"}
    assert c["observation_end"].options[0] == "2023-09-30"
    assert c["observation_end"].options[-1] == c["observation_end"].value == "2025-12-31"
    assert (c["at_risk_max_r"].min, c["at_risk_max_r"].max, c["at_risk_max_r"].value) == (1, 3, 2)
    table = rfm_table(cafe, "2025-12-31")
    expected = segment_summary(table, rfm_segments(rfm_scores(table)))
    result = explorer.last_result
    assert result["customers_at risk"] == expected.loc["at risk", "customers"]
    assert result["revenue_share_champions"] == pytest.approx(expected.loc["champions", "share_of_revenue"])
    assert f"<b>{expected.loc['at risk', 'customers']:,}</b>" in explorer.summary.value


@pytest.mark.parametrize(("name", "value"), [("observation_end", "2024-06-30"), ("at_risk_max_r", 1),
                                             ("at_risk_max_r", 3)])
def test_every_control_changes_the_picture_and_the_numbers(cafe, name, value):
    explorer = segment_explorer(cafe)
    before_png, before = explorer.image.value, dict(explorer.last_result)
    explorer.controls[name].value = value
    assert explorer.image.value != before_png
    assert explorer.last_result != before
    assert "Could not update" not in explorer.summary.value


def test_segment_chart_blits_like_a_full_redraw(cafe):
    use_workbook_style()
    steps = ({"at_risk_max_r": 3}, {"observation_end": "2023-09-30"}, {"at_risk_max_r": 1},
             {"observation_end": "2025-12-31"})
    assert_blit_matches_full_redraw(SegmentChart(cafe), SegmentInputs(), steps)
    plt.close("all")


def test_explorer_refuses_unknown_starting_values(cafe):
    with pytest.raises(TypeError, match=r"unknown starting value\(s\) \['end'\]"):
        SegmentExplorer(cafe, end="2025-12-31")
    with pytest.raises(ValueError, match="observation_end must be a quarter end between 2023-09-30"):
        SegmentExplorer(cafe, observation_end="2025-12-15")


def test_exercise_answers_of_notebook_07_match_hand_worked_values():
    from relmark_helpers import get_exercise

    # 7.1: last purchase 11 October 2025, read 31 December: 20 + 30 + 31 = 81 days.
    assert get_exercise("7.1").answer() == 81
    # The BTYD recency (2 June to 11 October = 28 + 31 + 31 + 30 + 11 = 131) is a known mistake.
    assert any(m.value() == 131 for m in get_exercise("7.1").mistakes)
    # 7.2: 9.50 + 7.00 + 4.00 + 12.00 = 32.50; BTYD mean of repeat days (11.00, 12.00) = 11.50.
    assert get_exercise("7.2").answer() == pytest.approx(32.5)
    assert any(m.value() == pytest.approx(11.5) for m in get_exercise("7.2").mistakes)
    # 7.3: from the longest gap, J 250, I 120 score 1; H 70, G 45 score 2.
    assert get_exercise("7.3").answer() == 2
    # 7.7: 420 - 300.
    assert get_exercise("7.7").answer() == 120


def test_bad_column_names_rules_bins_and_logs_are_refused_by_name():
    with pytest.raises(TypeError, match="customer_col must be a column name"):
        rfm_table(LOG, END, customer_col=["customer_id"])
    with pytest.raises(TypeError, match="rules must be a non-empty list"):
        rules_table("champions")
    with pytest.raises(TypeError, match="rules must hold only SegmentRule"):
        rules_table([1.0, 2.0])
    with pytest.raises(ValueError, match="bins must be a whole number from 2 to 10"):
        plot_rf_heatmap(rfm_scores(TEN), bins=2.5)
    with pytest.raises(ValueError, match="at_risk_max_r"):
        threshold_rules(pd.NA)
    with pytest.raises(ValueError, match="transactions must have the column"):
        SegmentChart(pd.DataFrame({"wrong": [1]}))
    with pytest.raises(ValueError, match="observation_end must be a date"):
        SegmentChart(LOG).table("abc")
    plt.close("all")


def test_rules_table_actions_and_segment_labels_follow_the_language():
    from relmark_helpers import segment_label, use_language
    from relmark_helpers.crm.rfm_scoring import DEFAULT_RULES, SegmentRule

    english = rules_table()
    assert english.loc["champions", "action"].startswith("Thank and involve them")
    assert segment_label("champions") == "champions"
    own = (*DEFAULT_RULES, SegmentRule("my rule", recency=(1, 1), frequency=(5, 5), action="call them"))
    with use_language("zh_CN"):
        chinese = rules_table(own)
        labels = [segment_label(name) for name in ("champions", "at risk", "hibernating", "my rule")]
    assert chinese.index.tolist() == [*english.index, "my rule"]  # the keys stay
    assert chinese.loc["champions", "action"] == (
        "感谢并邀请他们参与：抢先体验、会员活动、请他们推荐新顾客；不打折。")
    assert not chinese["action"].iloc[:-1].str.contains("[A-Za-z]{3,}").any()
    assert chinese.loc["my rule", "action"] == "call them"
    assert labels == ["冠军客户", "流失风险客户", "休眠客户", "my rule"]
    with pytest.raises(TypeError, match="name"):
        segment_label(None)
