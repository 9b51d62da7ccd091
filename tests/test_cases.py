"""The case facts and the bonding levels as data: complete, parsed, in range, clear errors."""

import pandas as pd
import pytest

from relmark_helpers import (
    BONDS,
    CASE_COLUMNS,
    LEVEL_COLUMNS,
    LEVEL_TEXTS,
    QUALIFIERS,
    UNIT_RANGES,
    case_fact,
    case_table,
    fact_value,
    load_bonding_levels,
    load_cases,
    use_language,
)
from relmark_helpers.core import bundled_data as data

CASES = ("Subway", "Ottobar", "Civic Video", "Haier Club", "IKEA club", "Guanshengyuan",
         "Luckin Coffee")


@pytest.fixture(scope="module")
def cases():
    return load_cases()


def test_levels_table_has_one_row_per_bond_in_order():
    levels = load_bonding_levels()
    assert tuple(levels.columns) == LEVEL_COLUMNS
    assert levels["bond"].tolist() == list(BONDS)
    assert levels["rank"].tolist() == [1, 2, 3, 4]
    # Berry & Parasuraman's levels: personalising and customising the relationship is level 2;
    # Zeithaml & Bitner's separate customisation rung sits between social and structural.
    assert levels["level"].tolist() == [1, 2, 2, 3]
    assert levels["level_zh"].tolist() == ["财务层次", "社交层次", "社交层次", "结构层次"]
    assert (levels.drop(columns=["rank", "level", "years_to_copy"]) != "").all().all()


def test_levels_texts_follow_the_language():
    english = load_bonding_levels().set_index("bond")
    with use_language("zh_CN"):
        chinese = load_bonding_levels().set_index("bond")
    for column in LEVEL_TEXTS:
        assert chinese[column].str.contains(r"[\u4e00-\u9fff]").all(), column
        assert not chinese[column].str.contains(r"[A-Za-z]{4,}").any(), column
        assert english[column].str.contains("[a-z]").all(), column
    # the glossary's terms: 转换成本 for switching cost, 频繁市场营销计划, 战友, 延伸性服务
    assert "转换成本" in chinese.loc["financial", "switching_cost"]
    assert "频繁市场营销计划" in chinese.loc["financial", "instruments"]
    assert "战友" in chinese.loc["structural", "examples"]
    assert "延伸性服务" in chinese.loc["structural", "offers"]
    assert tuple(chinese.columns) == tuple(english.columns)
    assert chinese["years_to_copy"].equals(english["years_to_copy"])


def test_financial_bonds_are_copied_fastest_structural_slowest():
    years = load_bonding_levels().set_index("bond")["years_to_copy"]
    assert years.is_monotonic_increasing and years.is_unique
    assert years.idxmin() == "financial" and years.idxmax() == "structural"


def test_every_case_is_present_with_facts(cases):
    assert tuple(cases.columns) == CASE_COLUMNS
    assert tuple(dict.fromkeys(cases["case"])) == CASES
    assert cases["fact_id"].is_unique
    assert (cases[["fact", "document", "case_zh"]] != "").all().all()
    # Facts from the course material quote their Chinese source; only facts from an outside
    # source that is not in Chinese may leave source_zh empty.
    material = ~cases["document"].str.startswith("outside the course material")
    assert (cases.loc[material, "source_zh"] != "").all()
    assert cases.groupby("case").size().min() >= 4


def test_every_numeric_fact_is_parsed_and_in_range(cases):
    numeric = cases[cases["value"].notna()]
    assert len(numeric) >= 8
    for row in numeric.itertuples():
        low, high = UNIT_RANGES[row.unit]
        assert low <= row.value <= high, row.fact_id
        assert row.qualifier in QUALIFIERS, row.fact_id
    text = cases[cases["value"].isna()]
    assert (text["unit"] == "").all() and (text["qualifier"] == "").all()


@pytest.mark.parametrize(("fact_id", "value", "qualifier", "unit"), [
    ("ottobar_members", 130_000, "=", "members"),
    ("ottobar_magazine_issues", 3, "=", "issues per year"),
    ("ottobar_spend_ratio", 2, ">=", "times a non-member"),
    ("ottobar_visit_ratio", 3, ">", "times a non-member"),
    ("ottobar_response_rate", 10, ">", "% of members"),
    ("haier_members", 8_000_000, ">", "members"),
    ("haier_months", 10, "<=", "months"),
    ("subway_franchise", 1965, "=", "year"),  # founded 1965, not the material's "1970s"
])
def test_the_figures_of_the_course_material(fact_id, value, qualifier, unit):
    fact = case_fact(fact_id)
    assert fact["value"] == value and fact["qualifier"] == qualifier and fact["unit"] == unit
    assert fact_value(fact_id) == value


def test_haier_launch_date_and_the_numbers_appear_in_the_source_text():
    fact = case_fact("haier_launch")
    assert fact["date"] == pd.Timestamp("2000-01-30")
    assert "2000年1月30日" in fact["source_zh"]
    assert "13万" in case_fact("ottobar_members")["source_zh"]
    assert "800萬" in case_fact("haier_members")["source_zh"]
    assert "10%" in case_fact("ottobar_response_rate")["source_zh"]


def test_levels_parse_to_tuples_of_one_to_three(cases):
    for levels in cases["levels"]:
        assert isinstance(levels, tuple) and all(level in (1, 2, 3) for level in levels)
    by_case = cases.explode("levels").dropna(subset=["levels"]).groupby("case")["levels"].max()
    assert by_case["Subway"] == 1  # points and a free product: financial only
    assert by_case["IKEA club"] == 2


def test_filter_by_case_and_clear_errors():
    assert set(load_cases("Haier Club")["case"]) == {"Haier Club"}
    with pytest.raises(ValueError, match=r"case must be one of 'Subway', .*; got 'Haier'"):
        load_cases("Haier")
    with pytest.raises(KeyError, match=r"no case fact 'ottobar_member'.*ottobar_members"):
        case_fact("ottobar_member")
    with pytest.raises(ValueError, match="has no number"):
        fact_value("subway_club_card")


def _write(tmp_path, name, frame):
    frame.to_csv(tmp_path / name, index=False)


@pytest.mark.parametrize(("column", "value", "message"), [
    ("value", "lots", r"column 'value': must be a number; got 'lots'"),
    ("value", "200", r"column 'value': 200 % of members is outside \[0, 100\]"),
    ("unit", "furlongs", r"column 'unit': must be one of"),
    ("qualifier", "~", r"column 'qualifier': must be one of"),
    ("levels", "4", r"column 'levels': must be empty or levels 1-3"),
])
def test_a_damaged_cases_file_names_row_and_column(tmp_path, monkeypatch, column, value, message):
    frame = pd.read_csv(data.data_path("cases.csv"), dtype=str, keep_default_na=False)
    row = frame.index[frame["fact_id"] == "ottobar_response_rate"][0]
    frame.loc[row, column] = value
    _write(tmp_path, "cases.csv", frame)
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    with pytest.raises(ValueError, match=message) as info:
        load_cases()
    assert "ottobar_response_rate" in str(info.value)


def test_a_damaged_levels_file_names_the_bond(tmp_path, monkeypatch):
    frame = pd.read_csv(data.data_path("bonding_levels.csv"), dtype=str, keep_default_na=False)
    frame.loc[frame["bond"] == "social", "level"] = "5"
    _write(tmp_path, "bonding_levels.csv", frame)
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    with pytest.raises(ValueError, match=r"'social'.*column 'level': must be a number in \[1, 3\]"):
        load_bonding_levels()


def test_case_table_reads_numbers_in_words():
    from relmark_helpers import case_table

    haier = case_table("Haier Club").set_index("fact")
    numbers = set(haier["number"])
    assert {"more than 8,000,000 members", "at most 10 months", "2000-01-30"} <= numbers
    assert list(case_table("IKEA club")["levels"]) == ["2"] * 4


def test_subway_dates_are_its_founding_and_franchising_years_shown_without_separator():
    # Subway: founded 1965 in Bridgeport, Connecticut; franchising from 1974 (not "the 1970s").
    facts = load_cases("Subway").set_index("fact_id")
    assert facts.loc["subway_franchise", "value"] == 1965
    assert facts.loc["subway_franchise", "qualifier"] == "="
    assert facts.loc["subway_franchising", "value"] == 1974
    numbers = case_table("Subway")["number"].tolist()
    assert numbers[:2] == ["in 1965", "in 1974"]
    assert not any("1,9" in n for n in numbers)


def test_haier_quotes_have_no_conversion_errors():
    haier = load_cases("Haier Club")
    text = "".join(haier["source_zh"]) + "".join(haier["document"])
    assert "傢俱" not in text and "關系" not in text and "聯系" not in text
    assert "第一家俱樂部" in text and "二級關係營銷" in text
    # The course material classes the club as level 2; personalised production is level 2 too.
    assert haier.set_index("fact_id").loc["haier_personalised", "levels"] == (2,)


def test_guanshengyuan_facts_carry_dates_and_outside_sources():
    facts = load_cases("Guanshengyuan").set_index("fact_id")
    assert facts.loc["gsy_withdrawn", "date"] == pd.Timestamp("2001-09-04")
    assert facts.loc["gsy_bankruptcy", "value"] == 2002
    outside = facts.drop(index="gsy_material")["document"]
    assert outside.str.startswith("outside the course material").all()
    assert "危机" in facts.loc["gsy_material", "source_zh"]


def test_luckin_company_figures_are_flagged_as_its_own():
    facts = load_cases("Luckin Coffee").set_index("fact_id")
    assert facts.loc["luckin_stores", "value"] == 6024
    for fact_id in ("luckin_community_users", "luckin_groups", "luckin_frequency_lift"):
        assert "company's own figure" in facts.loc[fact_id, "fact"]
    assert case_table("Luckin Coffee").set_index("fact").iloc[1]["number"] == "7,965.3 million yuan"
