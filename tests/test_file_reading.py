"""A student's own data file: every layout loads right or gets a message naming what to pass.

Expected dates are written out by hand from the layouts' definitions (yyyymmdd
digits; Excel day numbers counted from 1899-12-30, so 45352 is 2024-03-01 as
Excel itself shows it), never taken from the code under test.
"""

from __future__ import annotations

import pandas as pd
import pytest

from relmark_helpers.transactions import load_transactions


def write(tmp_path, text, name="mine.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def iso(log, column="date"):
    return log[column].dt.strftime("%Y-%m-%d").tolist()


# --- dates written as numbers -------------------------------------------------------------------

def test_yyyymmdd_integers_are_dates_not_1970(tmp_path):
    # The CDNOW log's layout: 19970101 is 1 January 1997.
    path = write(tmp_path, "customer_id,date,amount\n1,19970101,11.77\n2,19970312,5\n1,19980630,20.5\n")
    log = load_transactions(path)
    assert iso(log) == ["1997-01-01", "1997-03-12", "1998-06-30"]


def test_yyyymmdd_in_a_dataframe_too():
    frame = pd.DataFrame({"customer_id": ["a", "b"], "date": [19970101, 20241231], "amount": [1.0, 2.0]})
    assert iso(load_transactions(frame)) == ["1997-01-01", "2024-12-31"]


def test_yyyymmdd_with_an_impossible_day_names_the_line(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\n1,19970101,1\n2,19971345,2\n")
    with pytest.raises(ValueError, match=r"column 'date': 1 value\(s\) are not dates, at line 3 "
                                         r"\(e.g. '19971345'\)\. The column was read as yyyymmdd"):
        load_transactions(path)


def test_excel_day_numbers(tmp_path):
    # Excel shows 45352 as 2024-03-01 and 45292 as 2024-01-01; .5 of a day is noon.
    path = write(tmp_path, "customer_id,date,amount\na,45352,1\nb,45292.5,2\n")
    log = load_transactions(path)
    assert log["date"].tolist() == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-01-01 12:00")]


def test_small_integers_are_not_taken_for_dates(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\na,3,1\nb,17,2\n")
    with pytest.raises(ValueError, match=r"2 value\(s\) are not dates, at lines 2, 3 \(e.g. '3'\)\. "
                                         r"The column was read as neither yyyymmdd numbers"):
        load_transactions(path)


def test_date_format_applies_to_integer_dates(tmp_path):
    # 01031997 read day first: 1 March 1997 (no yyyymmdd reading fits it).
    path = write(tmp_path, "customer_id,date,amount\na,01031997,1\nb,31121997,2\n")
    log = load_transactions(path, date_format="%d%m%Y")
    assert iso(log) == ["1997-03-01", "1997-12-31"]
    log = load_transactions(write(tmp_path, "customer_id,date\na,19970101\n", "b.csv"), amount_col=None,
                            date_format="%Y%m%d")
    assert iso(log) == ["1997-01-01"]
