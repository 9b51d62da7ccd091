"""The Chinese edition is complete and speaks with one vocabulary.

- every message in the catalogue has a Chinese translation that keeps the message's fields;
- every glossary term, case fact and quoted claim has its Chinese text;
- every key term a Chinese notebook introduces as ``**中文术语**（English term）`` uses the
  glossary's Chinese for that English term, and none of the renderings the course review
  rejected appears;
- the options a Chinese notebook prints are the options its checker translates and grades.
"""

from __future__ import annotations

import re
import string

import nbformat
import pandas as pd
import pytest
from babel.messages.pofile import read_po

from relmark_helpers import ChoiceExercise, get_exercise, list_exercises
from relmark_helpers.core.bundled_data import data_path
from relmark_helpers.core.messages import LOCALE_DIR, _, use_language

from .conftest import NOTEBOOK_DIR, REGISTRY

ZH_NOTEBOOKS = [NOTEBOOK_DIR / "zh" / entry.file for entry in REGISTRY]
CJK = re.compile(r"[\u3400-\u9fff]")

REJECTED = {
    "延生性服务": "a typo in the course material: 延伸性服务",
    "特殊对待利益": "the usual term is 特殊待遇利益",
    "信任利益": "Gwinner et al.'s confidence benefits are 信心利益",
}
"""Chinese renderings the course review rejected, anywhere in a Chinese notebook."""

REJECTED_PAIRS = {
    ("network marketing", "网络营销"): "to Chinese readers 网络营销 is online marketing: 网络关系营销",
}
"""Renderings rejected only for one English term."""


def catalogue():
    with open(LOCALE_DIR / "zh_CN.po", "rb") as handle:
        return [message for message in read_po(handle) if message.id]


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_has_a_chinese_translation():
    missing = [message.id for message in catalogue() if not message.string.strip()]
    assert not missing, f"{len(missing)} messages have no Chinese yet, e.g. {missing[:5]}"


def test_translations_keep_the_fields_and_are_chinese():
    wrong = []
    for message in catalogue():
        if not message.string:
            continue
        english, chinese = message.id, message.string
        if fields(english) != fields(chinese):
            wrong.append((english, chinese))
        elif CJK.search(english.replace("{", "").replace("}", "")) is None and len(english.split()) > 2 \
                and CJK.search(chinese) is None:
            wrong.append((english, chinese))
    assert not wrong, f"translations that lose or add a field, or are not Chinese: {wrong[:5]}"


def test_field_check_itself():
    assert fields("{n:,} customers, worth {value:.0f}") == {"n", "value"}
    assert fields("{n:,} 位顾客") != fields("{n:,} customers, worth {value:.0f}")


@pytest.mark.parametrize(("file", "columns"), [
    ("glossary.csv", ["definition_zh"]),
    ("cases.csv", ["fact_zh"]),
    ("claims.csv", ["statement_zh", "measured_zh"]),
    ("bonding_levels.csv", ["offers_zh", "instruments_zh", "copying_zh", "switching_cost_zh",
                            "examples_zh"]),
])
def test_every_data_text_has_its_chinese(file, columns):
    frame = pd.read_csv(data_path(file), dtype=str, keep_default_na=False)
    for column in columns:
        empty = frame.index[frame[column].str.strip() == ""].tolist()
        lines = [index + 2 for index in empty][:8]
        assert not empty, f"{file}: {column} is empty on {len(empty)} rows (lines {lines})"
        not_chinese = frame.loc[~frame[column].str.contains(CJK), column].tolist()
        assert not not_chinese, f"{file}: {column} has no Chinese in {not_chinese[:3]}"
        assert not frame[column].str.contains("\n").any(), f"{file}: {column} must be one line"


def test_chinese_definitions_are_short_lines():
    glossary = pd.read_csv(data_path("glossary.csv"), dtype=str, keep_default_na=False)
    lengths = glossary["definition_zh"].str.len()
    outside = glossary.loc[~lengths.between(10, 140), ["term_zh", "definition_zh"]]
    assert outside.empty, outside


def introduced_terms(text: str) -> list[tuple[str, str]]:
    """``(中文, english)`` for every ``**中文**（English）`` in a Chinese text."""
    pairs = []
    for chinese, english in re.findall(r"\*\*([^*\n]+?)\*\*\s*[（(]([^）)\n]+)[）)]", text):
        if CJK.search(chinese) and re.search(r"[A-Za-z]", english):
            pairs.append((chinese.strip(), english.strip()))
    return pairs


def english_key(term: str) -> str:
    """Lower case, without a trailing qualifier in brackets or an abbreviation after a comma."""
    term = re.sub(r"\s*\(.*?\)\s*$", "", term).split(",")[0].split(";")[0]
    return " ".join(term.lower().split())


def test_introduced_terms_parser_itself():
    text = "**顾客终身价值**（customer lifetime value, CLV）与 **稳态**（steady state）；**Otto 俱乐部**"
    assert introduced_terms(text) == [("顾客终身价值", "customer lifetime value, CLV"),
                                      ("稳态", "steady state")]
    assert english_key("customer lifetime value, CLV") == "customer lifetime value"
    assert english_key("member (ladder rung)") == "member"


def zh_markdown(path) -> str:
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")


@pytest.mark.parametrize("path", ZH_NOTEBOOKS, ids=lambda p: p.name)
def test_key_terms_are_the_glossarys_and_none_rejected(path):
    assert path.is_file(), f"notebooks/zh/{path.name} is missing"
    glossary = pd.read_csv(data_path("glossary.csv"), dtype=str, keep_default_na=False)
    accepted: dict[str, set[str]] = {}
    for row in glossary.itertuples():
        accepted.setdefault(english_key(row.term_en), set()).add(row.term_zh)
    text = zh_markdown(path)
    problems = [f"{term}: {why}" for term, why in REJECTED.items() if term in text]
    for chinese, english in introduced_terms(text):
        key = english_key(english)
        if (key, chinese) in REJECTED_PAIRS:
            problems.append(f"{chinese}（{english}）: {REJECTED_PAIRS[key, chinese]}")
        elif key in accepted and chinese not in accepted[key]:
            problems.append(f"{chinese}（{english}）: the glossary has {sorted(accepted[key])}")
    assert not problems, f"{path.name}: " + "; ".join(problems)


HEADING = re.compile(r"^### 练习 (\d+\.\d+)", re.M)
OPTION = re.compile(r"^- ([a-z])\) (.+?)(?=^- [a-z]\) |\Z)", re.M | re.S)


@pytest.mark.parametrize("path", ZH_NOTEBOOKS, ids=lambda p: p.name)
def test_printed_chinese_options_are_the_translated_graded_options(path):
    assert path.is_file(), f"notebooks/zh/{path.name} is missing"
    choices = {k: get_exercise(k) for k in list_exercises()}
    mismatched = []
    for cell in nbformat.read(path, as_version=4).cells:
        match = HEADING.search(cell.source) if cell.cell_type == "markdown" else None
        if not match or not isinstance(choices.get(match.group(1)), ChoiceExercise):
            continue
        options = OPTION.findall(cell.source[match.end():])
        printed = {letter: " ".join(text.split()) for letter, text in options}
        if not printed:
            continue
        with use_language("zh_CN"):
            graded = {k: " ".join(_(v).split()) for k, v in choices[match.group(1)].options.items()}
        if printed != graded:
            mismatched.append((match.group(1), printed, graded))
    assert not mismatched, f"{path.name}: printed options differ from the catalogue's: {mismatched[:2]}"
