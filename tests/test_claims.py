"""Every quoted claim carries its reference, what the source measured and how the workbook tests it."""

import pytest

from relmark_helpers import claim, load_claims


def test_every_claim_is_documented():
    claims = load_claims()
    for column in ("statement", "source", "measured", "tested_by", "notebook"):
        assert claims[column].notna().all(), column
        assert (claims[column].str.len() > 10).all() or column == "notebook", column


def test_reichheld_sasser_is_read_as_a_per_customer_calculation():
    rs = claim("reichheld_sasser")
    assert (rs["value"], rs["value_high"]) == (0.25, 0.85)
    assert "68(5), 105–111" in rs["source"]
    assert "average customer" in rs["measured"]
    assert "No study of many firms" in rs["measured"]
    assert "retention_uplift_with_tenure" in rs["tested_by"]


def test_the_ambiguous_toyota_figure_is_not_used_and_jones_sasser_is():
    assert "Not used" in claim("very_satisfied_rebuy")["tested_by"]
    js = claim("totally_satisfied_rebuy")
    assert js["value"] == 6
    assert "Jones" in js["source"] and "1995" in js["source"]


def test_unknown_claim_names_the_known_ones():
    with pytest.raises(KeyError, match="reichheld_sasser"):
        claim("no_such_claim")


def test_sources_that_could_not_be_opened_stay_marked_unverified():
    assert "East, Hammond & Gendall (2006)" in claim("reichheld_sasser")["source"]
    assert "unverified" in claim("reichheld_sasser")["source"]
    assert "unverified" in claim("very_satisfied_rebuy")["measured"]
    assert "footnote was not checked" in claim("reichheld_sasser")["measured"]


def test_reichheld_sasser_reports_the_abstracts_examples_and_its_one_firm_figure():
    measured = claim("reichheld_sasser")["measured"]
    for example in ("85 % in a bank's branch system", "50 % in an insurance brokerage",
                    "30 % in an auto-service chain", "MBNA America", "125 %"):
        assert example in measured, example


def test_described_sources_are_shown_in_chinese_citations_as_they_are():
    import re

    import pandas as pd

    from relmark_helpers import use_language
    from relmark_helpers.core.bundled_data import data_path

    raw = pd.read_csv(data_path("claims.csv"), dtype=str, keep_default_na=False).set_index("claim_id")
    described = raw.index[raw["source"].str.contains("course reading", case=False)]
    assert len(described) >= 2 and (raw.loc[described, "source_zh"] != "").all()
    filled = raw.loc[raw["source_zh"] != "", "source_zh"]
    assert filled.str.contains(r"[\u4e00-\u9fff]").all() and not filled.str.contains("\n").any()
    english = load_claims()
    with use_language("zh_CN"):
        chinese = load_claims()
    assert chinese.loc["strangers_wait_to_be_greeted", "source"] == \
        "关系营销课程阅读材料（一则关于主动与人打招呼的轶事）。"
    # a plain citation reads the same in both editions
    cited = "totally_satisfied_rebuy"
    assert chinese.loc[cited, "source"] == english.loc[cited, "source"]
    # authors and years of every cited source survive the translation
    for claim_id in filled.index:
        cited_works = re.findall(r"[A-Z][a-z]+(?: [A-Z][a-z]+)? \(\d{4}\)", english.loc[claim_id, "source"])
        for citation in cited_works:
            assert citation in chinese.loc[claim_id, "source"], (claim_id, citation)
    assert "source_zh" not in chinese.columns
