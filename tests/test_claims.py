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
