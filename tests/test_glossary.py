"""The bilingual glossary: well-formed, and it covers every Chinese term the notebooks use."""

import re

import nbformat
import pytest

from relmark_helpers.core.bundled_data import GLOSSARY_COLUMNS, data_path, load_glossary

from .conftest import NOTEBOOKS, REGISTRY

CJK = r"[\u3400-\u9fff·]+"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def test_columns_and_no_empty_cells(glossary):
    assert tuple(glossary.columns) == GLOSSARY_COLUMNS
    assert (glossary != "").all().all()


def test_chinese_terms_unique_and_chinese(glossary):
    assert glossary["term_zh"].is_unique
    assert glossary["term_zh"].str.fullmatch(CJK).all()


def test_definitions_are_one_english_line(glossary):
    lengths = glossary["definition"].str.len()
    assert lengths.between(40, 200).all()
    assert not glossary["definition"].str.contains("\n").any()


def test_topics_and_notebooks_are_known(glossary):
    assert set(glossary["topic"]) <= {"rm_vs_tm", "bonding", "clv", "life_cycle", "practice",
                                      "cases"}
    registered = {entry.prefix for entry in REGISTRY}
    unknown = sorted(set(glossary["notebook"]) - registered)
    assert not unknown, f"glossary rows name notebooks that are not registered: {unknown}"


def test_core_terms_present(glossary):
    zh = set(glossary["term_zh"])
    for term in ("关系营销", "交易营销", "顾客终身价值", "顾客生命价值", "客户生命周期价值",
                 "财务层次", "社交层次", "结构层次", "贴现法", "转移成本", "内部营销"):
        assert term in zh, term


def bracketed_chinese_terms(text: str) -> set[str]:
    """Chinese terms in brackets, e.g. 'customer lifetime value (顾客终身价值, CLV)'."""
    terms = set()
    for inside in re.findall(r"[（(]([^()（）]*)[)）]", text):
        terms.update(re.findall(CJK, inside))
    return terms


def test_every_bracketed_chinese_term_in_the_notebooks_is_in_the_glossary(glossary):
    zh = set(glossary["term_zh"])
    missing = {}
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
        absent = bracketed_chinese_terms(text) - zh
        if absent:
            missing[path.name] = sorted(absent)
    assert not missing, f"add these terms to data/glossary.csv: {missing}"


def test_bracket_extraction_itself():
    text = "relationship marketing (关系营销, RM) and (获客成本) but not 中文 alone"
    assert bracketed_chinese_terms(text) == {"关系营销", "获客成本"}


def test_filter_by_notebook_and_clear_errors():
    assert set(load_glossary("03")["notebook"]) == {"03"}
    with pytest.raises(ValueError, match=r"notebook must be one of .*'03'"):
        load_glossary("3")
    with pytest.raises(FileNotFoundError, match=r"data file 'nope.csv' not found at .*glossary.csv"):
        data_path("nope.csv")
