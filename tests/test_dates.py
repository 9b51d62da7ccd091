"""Dates in the workbook's language (relmark_helpers.core.dates.format_date)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from relmark_helpers import format_date, use_language

LAUNCH, REACHED = pd.Timestamp("2000-01-30"), pd.Timestamp("2000-11-15")


def test_english_names_the_month():
    assert format_date(LAUNCH) == "30 January 2000"
    assert format_date(REACHED, precision="month") == "November 2000"


def test_chinese_writes_year_month_day_without_zero_padding_spaced_as_the_edition_is():
    with use_language("zh_CN"):
        assert format_date(LAUNCH) == "2000 年 1 月 30 日"
        assert format_date(REACHED, precision="month") == "2000 年 11 月"
        assert format_date(pd.Timestamp("2023-01-01")) == "2023 年 1 月 1 日"
        assert format_date(pd.Timestamp("1997-03-09"), "month") == "1997 年 3 月"


def test_every_kind_of_date_is_accepted_and_the_time_of_day_ignored():
    expected = "30 January 2000"
    for day in (dt.date(2000, 1, 30), dt.datetime(2000, 1, 30, 23, 59), np.datetime64("2000-01-30"),
                pd.Timestamp("2000-01-30 12:00", tz="Asia/Shanghai")):
        assert format_date(day) == expected


def test_the_layout_is_a_catalogue_message():
    with use_language("pseudo"):
        assert format_date(LAUNCH) == "⟦30 ⟦January⟧ 2000⟧"


@pytest.mark.parametrize(("day", "precision", "error", "named"), [
    ("2000-01-30", "day", TypeError, "day"), (None, "day", TypeError, "day"),
    (20000130, "day", TypeError, "day"), (True, "day", TypeError, "day"),
    (pd.NaT, "day", ValueError, "day"), (np.datetime64("NaT"), "day", ValueError, "day"),
    (LAUNCH, "year", ValueError, "precision"), (LAUNCH, None, TypeError, "precision"),
])
def test_bad_input_names_the_argument(day, precision, error, named):
    with pytest.raises(error, match=f"{named}="):
        format_date(day, precision)
