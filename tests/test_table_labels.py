"""Tables shown in Chinese carry Chinese labels; the tables themselves and English output do not change.

The formatters are registered on a stand-alone IPython ``DisplayFormatter``, the object a
Jupyter kernel uses to turn a cell's result (or ``display()``) into ``text/html`` and
``text/plain``.  Expected Chinese labels are the catalogue's entries, written out here.
"""

from __future__ import annotations

import pandas as pd
import pytest
from IPython.core.formatters import DisplayFormatter

from relmark_helpers import RELATIONSHIP_FIRM, TRANSACTION_FIRM, strategy_table
from relmark_helpers.core._table_labels import (
    BTYD_SUMMARY,
    LABEL_CONTEXT,
    TABLE_LABELS,
    register_table_formatters,
    shown_labels,
    translate_label,
    translated_index,
)
from relmark_helpers.core.messages import catalogue, use_language


@pytest.fixture
def plain_formatter() -> DisplayFormatter:
    return DisplayFormatter()


@pytest.fixture
def table_formatter() -> DisplayFormatter:
    formatter = DisplayFormatter()
    assert register_table_formatters(formatter) is True
    return formatter


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"retention": [0.6, 0.8], "clv": [150.0, 266.7], "C0001": [1, 2]},
                        index=pd.Index(["regulars", "Subway"], name="segment"))


def _html(formatter: DisplayFormatter, obj: object) -> str:
    return formatter.format(obj)[0]["text/html"]


def _text(formatter: DisplayFormatter, obj: object) -> str:
    return formatter.format(obj)[0]["text/plain"]


def test_chinese_display_shows_catalogue_labels(table_formatter):
    frame = _frame()
    with use_language("zh_CN"):
        html, text = _html(table_formatter, frame), _text(table_formatter, frame)
    for shown in (html, text):
        assert "保留率" in shown and "常客" in shown   # column label, index value
        assert "retention" not in shown and "regulars" not in shown
    # labels that are not catalogue messages pass through unchanged
    assert "Subway" in html and "C0001" in html and "CLV" in html


def test_index_and_column_names_are_translated(table_formatter):
    frame = pd.DataFrame({"transaction marketing": [1.0], "relationship marketing": [2.0]},
                         index=pd.Index([1], name="period"))
    frame.columns.name = "strategy"
    with use_language("zh_CN"):
        html = _html(table_formatter, frame)
    assert "<th>期</th>" in html and "<th>策略</th>" in html
    assert "交易营销" in html and "关系营销" in html
    assert "period" not in html and "strategy" not in html


def test_the_displayed_frame_is_not_changed(table_formatter):
    frame = _frame()
    before = frame.copy(deep=True)
    with use_language("zh_CN"):
        _html(table_formatter, frame)
        _text(table_formatter, frame)
    pd.testing.assert_frame_equal(frame, before)
    assert list(frame.columns) == ["retention", "clv", "C0001"]
    assert frame.index.name == "segment" and frame.loc["regulars", "retention"] == 0.6


def test_english_display_is_exactly_pandas_own(plain_formatter, table_formatter):
    frame, table = _frame(), strategy_table(TRANSACTION_FIRM, RELATIONSHIP_FIRM)
    series = frame["retention"]
    with use_language("en"):
        for obj in (frame, table, series):
            assert table_formatter.format(obj) == plain_formatter.format(obj)
        assert _html(table_formatter, frame) == frame._repr_html_()
        assert _text(table_formatter, frame) == repr(frame)


def test_pseudo_locale_leaves_tables_alone(plain_formatter, table_formatter):
    frame = _frame()
    with use_language("pseudo"):
        assert table_formatter.format(frame) == plain_formatter.format(frame)


def test_chinese_output_has_the_same_shape_as_english(plain_formatter, table_formatter):
    frame = pd.DataFrame({"clv": range(100)})
    with pd.option_context("display.max_rows", 10):
        english = _text(plain_formatter, frame)
        with use_language("zh_CN"):
            chinese = _text(table_formatter, frame)
    assert chinese.replace("CLV", "clv") == english  # truncated the same way, same rows shown
    assert "100 rows × 1 columns" in _html(table_formatter, frame)


def test_option_context_applies_to_translated_tables(table_formatter):
    frame = pd.DataFrame({"definition": ["x" * 120]}, index=pd.Index(["a"], name="term_en"))
    with use_language("zh_CN"):
        with pd.option_context("display.max_colwidth", None):
            wide = _html(table_formatter, frame)
        narrow = _html(table_formatter, frame)
    assert "x" * 120 in wide and "x" * 120 not in narrow
    assert "<th>定义</th>" in wide and "英文术语" in wide


def test_multiindex_levels_and_names_are_translated(table_formatter):
    index = pd.MultiIndex.from_tuples([("regulars", "C0001"), ("occasional", "C0002")],
                                      names=["segment", "customer_id"])
    columns = pd.MultiIndex.from_tuples([("retention", "mean"), ("retention", "max")])
    frame = pd.DataFrame([[0.8, 0.9], [0.5, 0.6]], index=index, columns=columns)
    with use_language("zh_CN"):
        html, text = _html(table_formatter, frame), _text(table_formatter, frame)
    for shown in (html, text):
        assert all(word in shown for word in ("常客", "偶尔购买者", "顾客编号", "保留率", "均值", "最大值"))
        assert "C0001" in shown and "regulars" not in shown
    assert frame.index.get_level_values(0).tolist() == ["regulars", "occasional"]
    assert frame.columns.get_level_values(1).tolist() == ["mean", "max"]


def test_series_labels_and_name_are_translated(table_formatter):
    series = pd.Series([0.6, 0.8], index=["regulars", "fading"], name="retention")
    with use_language("zh_CN"):
        text = _text(table_formatter, series)
    assert "常客" in text and "渐行渐远者" in text and "Name: 保留率" in text
    assert "text/html" not in table_formatter.format(series)[0]  # pandas draws Series as text only
    assert series.name == "retention" and series.index.tolist() == ["regulars", "fading"]


def test_strategy_table_rows_read_in_chinese(table_formatter):
    table = strategy_table(TRANSACTION_FIRM, RELATIONSHIP_FIRM)
    with use_language("zh_CN"):
        html = _html(table_formatter, table)
    assert "每年买来的新顾客" in html and "每位留存顾客每年推荐" in html
    assert "交易营销" in html and "关系营销" in html
    assert "new customers bought a year" in table.index


def test_strategy_table_cells_read_in_chinese():
    english = strategy_table(TRANSACTION_FIRM, RELATIONSHIP_FIRM)
    with use_language("zh_CN"):
        chinese = strategy_table(TRANSACTION_FIRM, RELATIONSHIP_FIRM)
    row = "spent on retention a year"
    assert english.loc[row, "transaction marketing"] == "0 per kept customer"
    assert chinese.loc[row, "transaction marketing"] == "每位留存顾客 0"
    assert chinese.loc[row, "relationship marketing"] == english.loc[row, "relationship marketing"]
    assert not chinese.stack().str.contains("[A-Za-z]").any()


def test_categorical_and_numeric_indexes(table_formatter):
    categories = pd.CategoricalIndex(["basic", "plus", "basic"], name="plan")
    with use_language("zh_CN"):
        shown = translated_index(categories)
        numbers = pd.Index([1, 2], name="count")
        assert shown.tolist() == ["基础版", "加强版", "基础版"]
        assert translated_index(numbers).tolist() == [1, 2]
        assert translated_index(numbers).name == "计数"
        untouched = pd.Index(["C0001", "C0002"])
        assert translated_index(untouched) is untouched


def test_nothing_to_translate_shows_the_object_itself():
    frame = pd.DataFrame({"C0001": [1]}, index=["Subway"])
    with use_language("zh_CN"):
        assert shown_labels(frame) is frame
    with use_language("en"):
        assert shown_labels(_frame()) is not None and shown_labels(_frame()).columns[0] == "retention"


def test_translate_label_only_maps_strings_in_chinese():
    with use_language("zh_CN"):
        assert translate_label("retention") == "保留率"
        assert translate_label("not a catalogue message") == "not a catalogue message"
        assert translate_label(None) is None and translate_label(3.5) == 3.5
        assert translate_label(("retention", "max")) == ("retention", "max")
    assert translate_label("retention") == "retention"


def test_every_listed_table_label_has_a_chinese_entry():
    chinese = catalogue("zh_CN")
    missing = [label for label in TABLE_LABELS if not chinese.get(label)]
    assert not missing, f"table labels without a Chinese msgstr: {missing}"


def test_bad_arguments_name_themselves():
    with pytest.raises(TypeError, match="display_formatter"):
        register_table_formatters(object())
    with pytest.raises(TypeError, match="obj"):
        shown_labels([1, 2])
    with pytest.raises(TypeError, match="index"):
        translated_index(["a"])


def test_outside_ipython_nothing_is_registered():
    assert register_table_formatters() is False


def test_chinese_plain_text_lines_up_wide_characters(table_formatter):
    frame = pd.DataFrame({"retention": [0.6], "margin": [250.0]}, index=["regulars"])
    with use_language("zh_CN"):
        lines = _text(table_formatter, frame).splitlines()
    # a hanzi takes two columns: the header's labels end where their values end
    width = [sum(2 if ord(ch) > 0x2E80 else 1 for ch in line) for line in lines]
    assert lines[0].split() == ["保留率", "利润"] and lines[1].split() == ["常客", "0.6", "250.0"]
    assert width[0] == width[1]


def test_missing_labels_stay_missing(table_formatter):
    index = pd.Index(["regulars", None, "Subway"], dtype=object)
    with use_language("zh_CN"):
        shown = translated_index(index)
    assert shown[0] == "常客" and pd.isna(shown[1]) and shown[2] == "Subway"


def test_btyd_summary_and_classic_rfm_label_frequency_and_recency_differently(table_formatter):
    btyd = pd.DataFrame({"frequency": [2.0], "recency": [30.0], "T": [40.0]})
    btyd.attrs[LABEL_CONTEXT] = BTYD_SUMMARY
    classic = pd.DataFrame({"recency_days": [3.0], "frequency": [5], "monetary": [80.0]})
    with use_language("zh_CN"):
        assert list(shown_labels(btyd.describe().round(1)).columns) == ["重复购买天数", "首末次购买间隔", "T"]
        assert list(shown_labels(classic).columns) == ["距上次购买天数", "消费频率", "消费金额"]
        assert translate_label("recency") == "最近一次消费"
        assert "重复购买天数" in _html(table_formatter, btyd.head())
    with use_language("en"):
        assert list(shown_labels(btyd).columns) == ["frequency", "recency", "T"]


def test_the_package_marks_its_btyd_summaries():
    from relmark_helpers import load_loyalty_transactions, rfm_summary, segment_table

    log = load_loyalty_transactions()
    assert rfm_summary(log.head(200), "customer_id", "date", "amount").attrs[LABEL_CONTEXT] == BTYD_SUMMARY
    table = segment_table(log, split="2023-12-31", margin_share=0.25)
    assert table.attrs[LABEL_CONTEXT] == BTYD_SUMMARY
