"""A student's own data file: every layout loads right or gets a message naming what to pass.

The files are in ``tests/data/malformed/`` (written by its ``make_files.py``).
Expected values are written out by hand from the files' text and the
layouts' definitions (yyyymmdd digits; Excel day numbers counted from
1899-12-30, so 45352 is 2024-03-01 as Excel shows it; line numbers as a text
editor counts them), never taken from the code under test.
"""

from __future__ import annotations

import hashlib
import importlib.util
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from relmark_helpers import load_transactions
from relmark_helpers.core.file_reading import decode_text, read_dates, read_numbers, sniff_separator

MALFORMED = Path(__file__).parent / "data" / "malformed"
CHINESE_IDS = ["1001", "1002", "1001", "1003"]
CHINESE_NAMES = ["张伟", "王芳", "张伟", "李娜"]
CHINESE_DATES = ["2024-03-01", "2024-03-02", "2024-03-15", "2024-04-01"]
CHINESE_AMOUNTS = [12.5, 8.0, 20.0, 5.2]


def write(tmp_path, text, name="mine.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def iso(log, column="date"):
    return log[column].dt.strftime("%Y-%m-%d").tolist()


def load_quietly(path, **options):
    """Load, failing on any warning (a file that needs no guess must give none)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return load_transactions(path, **options)


# --- the committed folder is what its script writes ------------------------------------------------

def test_the_malformed_folder_matches_its_script(tmp_path):
    spec = importlib.util.spec_from_file_location("make_files", MALFORMED / "make_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, data in module.text_files().items():
        assert (MALFORMED / name).read_bytes() == data, name
    for name in module.workbook_files():
        assert (MALFORMED / name).read_bytes()[:4] == b"PK\x03\x04", name


# --- encodings ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["gbk_chinese_names.csv", "utf8_bom.csv", "utf16_unicode_text.txt"])
def test_the_encodings_excel_writes_load_with_chinese_names(name):
    log = load_quietly(MALFORMED / name)
    assert log.columns.tolist() == ["customer_id", "name", "date", "amount"]  # no BOM in the first name
    assert log["customer_id"].tolist() == CHINESE_IDS
    assert log["name"].tolist() == CHINESE_NAMES
    assert iso(log) == CHINESE_DATES
    assert log["amount"].tolist() == CHINESE_AMOUNTS


def test_the_gbk_file_really_is_gbk_and_not_utf8():
    data = (MALFORMED / "gbk_chinese_names.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "张伟".encode("gbk") in data
    assert decode_text(data, "x")[1] == "gb18030"
    assert decode_text((MALFORMED / "utf16_unicode_text.txt").read_bytes(), "x")[1] == "utf-16"


def test_utf16_without_a_byte_order_mark():
    data = "customer_id\tdate\tamount\r\n7\t2024-03-01\t2,5\r\n".encode("utf-16-le")
    text, used = decode_text(data, "x")
    assert used == "utf-16-le" and text.startswith("customer_id\t")


def test_a_western_european_csv_is_refused_naming_encoding(tmp_path):
    path = MALFORMED / "cp1252_accents.csv"
    with pytest.raises(ValueError, match=r"file 'cp1252_accents.csv' is not UTF-8 text: line 2 has the "
                                         r"byte\(s\) fc 6c.*Pass encoding=, e.g. 'gb18030'.*'cp1252'"):
        load_transactions(path)
    log = load_quietly(path, encoding="cp1252")
    assert log["name"].tolist() == ["Müller", "Renée"]


def test_a_wrong_encoding_option_names_the_line():
    with pytest.raises(ValueError, match=r"file 'gbk_chinese_names.csv' is not utf-8 text: line 2 has"):
        load_transactions(MALFORMED / "gbk_chinese_names.csv", encoding="utf-8")
    with pytest.raises(ValueError, match=r"encoding must be an encoding Python knows.*got 'gbk2'"):
        load_transactions(MALFORMED / "gbk_chinese_names.csv", encoding="gbk2")


def test_binary_junk_is_not_a_text_file(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40))
    with pytest.raises(ValueError, match=r"file 'photo.csv' is not a text file"):
        load_transactions(path)


# --- separators and decimal commas -----------------------------------------------------------------

def test_semicolons_and_decimal_commas_are_sniffed():
    log = load_quietly(MALFORMED / "semicolon_decimal_comma.csv")
    assert log["amount"].tolist() == [12.5, 8.0, 0.99]
    assert log["name"].tolist() == ["Anna", "Jan", "Anna"]


def test_tab_separated_and_space_aligned_files():
    log = load_quietly(MALFORMED / "cdnow_spaces.txt")
    assert log.columns.tolist() == ["customer_id", "date", "quantity", "amount"]
    assert log["customer_id"].tolist() == ["00001", "00002", "00002"]
    assert iso(log) == ["1997-01-01", "1997-01-12", "1997-01-12"]
    assert log["amount"].tolist() == [11.77, 12.0, 77.0]


def test_decimal_comma_with_thousands_points_needs_the_option(tmp_path):
    path = write(tmp_path, "customer_id;date;amount\na;2024-03-01;1.234,50\nb;2024-03-02;7,25\n")
    # Not every amount fits one reading, so none is guessed: both are reported.
    with pytest.raises(ValueError, match=r"column 'amount': 2 amount\(s\) are not finite numbers, at "
                                         r"lines 2, 3 \(e.g. '1.234,50'\).*pass decimal=\",\""):
        load_transactions(path)
    assert load_quietly(path, decimal=",")["amount"].tolist() == [1234.5, 7.25]


def test_a_comma_in_a_comma_separated_amount_is_never_read_as_a_decimal(tmp_path):
    # "1,250" in a comma-separated file may be one thousand two hundred and fifty.
    path = write(tmp_path, 'customer_id,date,amount\na,2024-03-01,"1,250"\n')
    with pytest.raises(ValueError, match=r"at line 2 \(e.g. '1,250'\)"):
        load_transactions(path)


def test_one_column_per_line_asks_for_sep(tmp_path):
    path = write(tmp_path, "customer_id:date:amount\na:2024-03-01:3\n")
    with pytest.raises(ValueError, match=r"file 'mine.csv': line 1 \('customer_id:date:amount'\) has no "
                                         r"comma, semicolon, tab or vertical bar.*Pass sep="):
        load_transactions(path)


def test_bad_options_are_named(tmp_path):
    path = MALFORMED / "semicolon_decimal_comma.csv"
    with pytest.raises(ValueError, match=r"sep must be one of ',', ';'.*got ':'"):
        load_transactions(path, sep=":")
    with pytest.raises(ValueError, match=r"decimal must be '.' or ','; got ' '"):
        load_transactions(path, decimal=" ")
    with pytest.raises(ValueError, match=r"sep and decimal cannot both be ','"):
        load_transactions(path, sep=",", decimal=",")
    with pytest.raises(TypeError, match=r"encoding must be text such as 'gb18030', or None; got 8"):
        load_transactions(path, encoding=8)
    with pytest.raises(ValueError, match=r"sheet='Orders' applies only to a workbook"):
        load_transactions(path, sheet="Orders")
    frame = pd.DataFrame({"customer_id": ["a"], "date": ["2024-01-01"], "amount": [1.0]})
    with pytest.raises(ValueError, match=r"sep=';' applies only when reading a file"):
        load_transactions(frame, sep=";")


def test_sniffing_prefers_the_separator_that_finds_the_columns():
    text = "customer_id;date;amount\na;2024-03-01;12,50\n"  # a comma too, inside an amount
    assert sniff_separator(text, ["customer_id", "date"], "x") == ";"
    assert sniff_separator("a\tb\n1\t2\n3\t4\n", [], "x") == "\t"


# --- damaged rows and line numbers -----------------------------------------------------------------

def test_an_extra_field_names_its_line_and_value():
    with pytest.raises(ValueError, match=r"file 'extra_field.csv', line 4: 4 values where the header on "
                                         r"line 1 names 3 columns \(customer_id, date, amount\); the value "
                                         r"beyond the last column is '5'. A value with a comma inside "
                                         r"must be in double quotes"):
        load_transactions(MALFORMED / "extra_field.csv")


def test_blank_lines_are_counted_in_line_numbers():
    # The case: a bad amount on file line 6 was reported at line 3.
    lines = (MALFORMED / "blank_lines_bad_amount.csv").read_text(encoding="utf-8").split("\n")
    assert lines[5].endswith("twelve")  # line 6, as an editor counts
    with pytest.raises(ValueError, match=r"column 'amount': 1 amount\(s\) are not finite numbers, at "
                                         r"line 6 \(e.g. 'twelve'\)"):
        load_transactions(MALFORMED / "blank_lines_bad_amount.csv")


def test_line_numbers_after_a_quoted_line_break_and_crlf(tmp_path):
    text = ('customer_id,note,date,amount\r\na,"two\r\nlines",2024-03-01,1\r\n\r\n'
            "b,x,2024-03-02,oops\r\n")
    with pytest.raises(ValueError, match=r"at line 5 \(e.g. 'oops'\)"):
        load_transactions(write(tmp_path, text))


def test_empty_fields_after_the_last_column_are_dropped_not_shifted(tmp_path):
    # Without care pandas takes the first column for an index and shifts every value one left.
    path = write(tmp_path, "customer_id,date,amount\na,2024-03-01,12.5,\nb,2024-03-02,3,\n")
    log = load_quietly(path)
    assert log["customer_id"].tolist() == ["a", "b"] and log["amount"].tolist() == [12.5, 3.0]


def test_empty_file_and_header_only():
    with pytest.raises(ValueError, match=r"file 'empty.csv' is empty: it needs a header row"):
        load_transactions(MALFORMED / "empty.csv")
    with pytest.raises(ValueError, match=r"file 'header_only.csv' has a header but no purchases"):
        load_transactions(MALFORMED / "header_only.csv")


def test_a_file_without_a_header_is_told_so(tmp_path):
    path = write(tmp_path, "00001 19970101 1 11.77\n00002 19970112 1 12.00\n")
    with pytest.raises(ValueError, match=r"The first line looks like data, not a header: add a first "
                                         r"line naming the columns, e.g. customer_id,date,amount"):
        load_transactions(path)


# --- workbooks ---------------------------------------------------------------------------------------

def test_a_workbook_with_two_sheets_needs_sheet():
    path = MALFORMED / "two_sheets.xlsx"
    with pytest.raises(ValueError, match=r"file 'two_sheets.xlsx' has 2 sheets with data: 'Orders' "
                                         r"\(first row: customer_id, name, date, amount\); 'Notes' "
                                         r"\(first row: note\). Pass sheet= .*sheet='Orders'"):
        load_transactions(path)
    for sheet in ("Orders", 0):
        log = load_quietly(path, sheet=sheet)
        assert log["customer_id"].tolist() == ["1001", "1002", "1001"]  # numbers in cells, ids as text
        assert log["name"].tolist() == CHINESE_NAMES[:3]
        # Date cells, and on row 5 a day number in a cell without a date format (45366 = 2024-03-15).
        assert iso(log) == CHINESE_DATES[:3]
        assert log["amount"].tolist() == CHINESE_AMOUNTS[:3]
    with pytest.raises(ValueError, match=r"sheet must be one of 'Orders', 'Notes'.*got 'orders'"):
        load_transactions(path, sheet="orders")
    with pytest.raises(ValueError, match=r"sheet must be a sheet name or a position 0 to 1; got 2"):
        load_transactions(path, sheet=2)
    with pytest.raises(ValueError, match=r"sheet 'Notes' has no column for customer_col='customer_id'"):
        load_transactions(path, sheet="Notes")


def test_a_workbook_reports_excel_row_numbers():
    # Row 4 is blank; the bad amount is in row 5, as Excel numbers rows.
    with pytest.raises(ValueError, match=r"file 'bad_amount.xlsx', sheet 'Sheet1', column 'amount': 1 "
                                         r"amount\(s\) are not finite numbers, at row 5 \(e.g. '12,5 元'\)"):
        load_transactions(MALFORMED / "bad_amount.xlsx")


def test_a_workbook_renamed_to_csv_is_read_as_one_with_a_warning():
    with pytest.warns(UserWarning, match=r"file 'renamed_xlsx.csv' is an Excel workbook \(.xlsx\) under "
                                         r"a .csv name; it was read as a workbook \(sheet 'Sheet1'\)"):
        log = load_transactions(MALFORMED / "renamed_xlsx.csv")
    assert iso(log) == CHINESE_DATES[:3] and log["amount"].tolist() == CHINESE_AMOUNTS[:3]


def test_a_csv_renamed_to_xlsx_is_read_as_text_with_a_warning(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\na,2024-03-01,1\n", name="mine.xlsx")
    with pytest.warns(UserWarning, match=r"file 'mine.xlsx' is a text file, not a workbook"):
        assert iso(load_transactions(path)) == ["2024-03-01"]


def test_old_xls_and_other_zips_are_explained(tmp_path):
    with pytest.raises(ValueError, match=r"file 'old_excel.xls' is an Excel 97-2003 workbook \(.xls\).*"
                                         r"save it as an Excel Workbook \(.xlsx\) or as CSV UTF-8"):
        load_transactions(MALFORMED / "old_excel.xls")
    import zipfile

    path = tmp_path / "log.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("log.csv", "customer_id,date,amount\na,2024-03-01,1\n")
    with pytest.raises(ValueError, match=r"file 'log.csv' is a zip archive but not an Excel workbook"):
        load_transactions(path)


# --- dates ---------------------------------------------------------------------------------------------

def test_yyyymmdd_integers_are_dates_not_1970():
    # The CDNOW log's layout: 19970101 is 1 January 1997.
    log = load_quietly(MALFORMED / "yyyymmdd.csv")
    assert iso(log) == ["1997-01-01", "1997-01-12", "1997-06-02"]
    assert log["customer_id"].tolist() == ["00001", "00002", "00001"]


def test_yyyymmdd_in_a_dataframe_too():
    frame = pd.DataFrame({"customer_id": ["a", "b"], "date": [19970101, 20241231], "amount": [1.0, 2.0]})
    assert iso(load_quietly(frame)) == ["1997-01-01", "2024-12-31"]


def test_yyyymmdd_with_an_impossible_day_names_the_line(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\n1,19970101,1\n2,19971345,2\n")
    with pytest.raises(ValueError, match=r"column 'date': 1 value\(s\) are not dates, at line 3 "
                                         r"\(e.g. '19971345'\)\. The column was read as yyyymmdd"):
        load_transactions(path)


def test_excel_day_numbers():
    # Excel shows 45352 as 2024-03-01, 45292 as 2024-01-01 and 45658.5 as 2025-01-01 12:00.
    log = load_quietly(MALFORMED / "excel_serial_dates.csv")
    assert log["date"].tolist() == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-01-01"),
                                    pd.Timestamp("2025-01-01 12:00")]


def test_small_integers_are_not_taken_for_dates(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\na,3,1\nb,17,2\n")
    with pytest.raises(ValueError, match=r"2 value\(s\) are not dates, at lines 2, 3 \(e.g. '3'\)\. "
                                         r"The column was read as neither yyyymmdd numbers"):
        load_transactions(path)


def test_date_format_applies_to_dates_written_as_numbers(tmp_path):
    # 01031997 read day first is 1 March 1997; the leading zero survives because dates are read as text.
    path = write(tmp_path, "customer_id,date,amount\na,01031997,1\nb,31121997,2\n")
    assert iso(load_quietly(path, date_format="%d%m%Y")) == ["1997-03-01", "1997-12-31"]
    frame = pd.DataFrame({"customer_id": ["a"], "date": [19970101]})
    assert iso(load_quietly(frame, amount_col=None, date_format="%Y%m%d")) == ["1997-01-01"]


def test_ambiguous_day_month_is_refused_with_two_rows_and_both_formats():
    with pytest.raises(ValueError) as caught:
        load_transactions(MALFORMED / "ddmm_ambiguous.csv")
    message = str(caught.value)
    assert "file 'ddmm_ambiguous.csv', column 'date': the dates could be day/month/year or " in message
    assert "'03/04/2024' at line 2 and '05/01/2024' at line 3" in message
    assert 'date_format="%d/%m/%Y" if \'03/04/2024\' is 3 April 2024' in message
    assert 'date_format="%m/%d/%Y" if it is 4 March 2024' in message
    log = load_quietly(MALFORMED / "ddmm_ambiguous.csv", date_format="%d/%m/%Y")
    assert iso(log) == ["2024-04-03", "2024-01-05", "2024-02-11"]
    log = load_quietly(MALFORMED / "ddmm_ambiguous.csv", date_format="%m/%d/%Y")
    assert iso(log) == ["2024-03-04", "2024-05-01", "2024-11-02"]


def test_a_day_above_12_settles_the_order_and_says_so():
    with pytest.warns(UserWarning, match=r"dates read as day/month/year, because '25/01/2024' at line 3 "
                                         r"has no month 25. If that is wrong, pass "
                                         r"date_format=\"%m/%d/%Y\""):
        log = load_transactions(MALFORMED / "ddmm_unambiguous.csv")
    assert iso(log) == ["2024-04-03", "2024-01-25", "2024-02-11"]


def test_us_dates_with_times():
    with pytest.warns(UserWarning, match=r"dates read as month/day/year, because '1/15/2024 9:05 AM' at "
                                         r"line 3 has no month 15"):
        log = load_transactions(MALFORMED / "mmdd_unambiguous.csv")
    assert log["date"].tolist() == [pd.Timestamp("2024-03-04 14:30"), pd.Timestamp("2024-01-15 09:05")]


def test_mixed_day_month_orders_are_refused():
    with pytest.raises(ValueError, match=r"some dates have a first number above 12 \(e.g. '25/01/2024' at "
                                         r"line 2\) and others a second number above 12 \(e.g. "
                                         r"'01/25/2024' at line 3\)"):
        load_transactions(MALFORMED / "ddmm_mmdd_mixed.csv")


def test_dates_that_read_the_same_both_ways_load(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\na,01/01/2024,1\nb,05/05/2024,2\n")
    assert iso(load_quietly(path)) == ["2024-01-01", "2024-05-05"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("2024/3/1", "2024-03-01"), ("2024.03.01", "2024-03-01"), ("2024年3月1日", "2024-03-01"),
     ("2024 年 3 月 1 日", "2024-03-01"), ("2024 年 3 月 1 日 14:05", "2024-03-01"),
     ("2024-03-01T14:05:00", "2024-03-01")],
)
def test_year_first_layouts(tmp_path, written, expected):
    path = write(tmp_path, f"customer_id,date,amount\na,{written},1\n")
    assert iso(load_quietly(path)) == [expected]


def test_two_digit_years_and_mixed_layouts_are_refused(tmp_path):
    with pytest.raises(ValueError, match=r"'03/04/24' at line 2 has a two-digit year.*date_format="):
        load_transactions(write(tmp_path, "customer_id,date,amount\na,03/04/24,1\n"))
    with pytest.raises(ValueError, match=r"the dates are written in more than one way, e.g. '2024-03-01' "
                                         r"at line 2 and '13/03/2024' at line 3"):
        load_transactions(write(tmp_path, "customer_id,date,amount\na,2024-03-01,1\nb,13/03/2024,1\n"))


def test_read_dates_on_its_own():
    dates, layout = read_dates(pd.Series(["2024-03-01", None, "2024-03-01"]))
    assert dates.isna().tolist() == [False, True, False] and layout == "year-month-day text"
    stamps = pd.Series([pd.Timestamp("2024-03-01"), 45366], dtype=object)  # a workbook column
    assert read_dates(stamps)[0].tolist() == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-15")]


def test_read_numbers_on_its_own():
    assert read_numbers(pd.Series(["12,50", None, "7"]))[0].tolist()[::2] == [12.5, 7.0]
    unchanged, used = read_numbers(pd.Series(["12,50", "1.5"]))
    assert used is None and unchanged.tolist() == ["12,50", "1.5"]


# --- nothing is ever written ----------------------------------------------------------------------------

def test_no_file_is_modified_by_loading_it():
    before = {}
    files = sorted(p for p in MALFORMED.iterdir() if p.is_file())  # not Python's __pycache__/
    for path in files:
        stat = path.stat()
        before[path.name] = (hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_size)
    outcomes = set()
    for path in files:
        if path.suffix == ".py":
            continue
        for options in ({}, {"sheet": 0}, {"encoding": "cp1252"}):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                try:
                    load_transactions(path, **options)
                    outcomes.add("loaded")
                except ValueError:
                    outcomes.add("refused")
    assert outcomes == {"loaded", "refused"}
    after = {}
    files = sorted(p for p in MALFORMED.iterdir() if p.is_file())  # not Python's __pycache__/
    for path in files:
        stat = path.stat()
        after[path.name] = (hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_size)
    assert after == before
    assert not np.any([name.startswith("~$") or name.endswith(".tmp") for name in after])


def test_month_names_load_and_incomplete_dates_are_refused(tmp_path):
    path = write(tmp_path, 'customer_id,date,amount\na,3 March 2024,1\nb,"Mar 5, 2024",2\n')
    assert iso(load_quietly(path)) == ["2024-03-03", "2024-03-05"]
    # No year: pandas would fill in the current one.  Numbers only: it would guess the order.
    for written in ("March 3", "3 4 2024"):
        path = write(tmp_path, f"customer_id,date,amount\na,{written},1\n")
        with pytest.raises(ValueError, match=rf"1 value\(s\) are not dates, at line 2 \(e.g. '{written}'\)"):
            load_transactions(path)


def test_a_point_that_may_separate_thousands_is_refused(tmp_path):
    # In a semicolon-separated file 1.234 may be one thousand two hundred and thirty-four.
    path = write(tmp_path, "customer_id;date;amount\na;2024-03-01;1.234\nb;2024-03-02;12\n")
    with pytest.raises(ValueError, match=r"column 'amount': '1.234' at line 2 could be 1.234 or 1234.*"
                                         r"Pass decimal=\".\" if the point is the decimal mark"):
        load_transactions(path)
    assert load_quietly(path, decimal=".")["amount"].tolist() == [1.234, 12.0]
    assert load_quietly(path, decimal=",")["amount"].tolist() == [1234.0, 12.0]
    # One amount with two decimals settles it.
    path = write(tmp_path, "customer_id;date;amount\na;2024-03-01;1.234\nb;2024-03-02;12.50\n", "b.csv")
    assert load_quietly(path)["amount"].tolist() == [1.234, 12.5]


def test_a_sheet_whose_table_starts_right_of_column_a(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["B2"], sheet["C2"], sheet["D2"] = "customer_id", "date", "amount"
    sheet["B3"], sheet["C3"], sheet["D3"] = "a", "2024-03-01", 1
    sheet["B7"], sheet["C7"], sheet["D7"] = "b", "2024-03-02", "two"
    book.save(tmp_path / "offset.xlsx")
    with pytest.raises(ValueError, match=r"sheet 'Sheet', column 'amount': 1 amount\(s\) are not finite "
                                         r"numbers, at row 7 \(e.g. 'two'\)"):
        load_transactions(tmp_path / "offset.xlsx")
    sheet["D7"] = 2
    book.save(tmp_path / "offset.xlsx")
    log = load_quietly(tmp_path / "offset.xlsx")
    assert log.columns.tolist() == ["customer_id", "date", "amount"] and log["amount"].tolist() == [1, 2]
    sheet["A7"] = "note"
    book.save(tmp_path / "offset.xlsx")
    with pytest.raises(ValueError, match=r"row 7: cell A7 holds 'note' left of the first named column "
                                         r"\(B, 'customer_id'\)"):
        load_transactions(tmp_path / "offset.xlsx")
    sheet["A7"] = None
    sheet["F3"] = 99
    book.save(tmp_path / "offset.xlsx")
    with pytest.raises(ValueError, match=r"row 3: cell F3 holds 99 beyond the last named column "
                                         r"\(D, 'amount'\)"):
        load_transactions(tmp_path / "offset.xlsx")


def test_a_workbook_in_the_1904_date_system(tmp_path):
    # Old Excel for Mac counts days from 1904-01-01: there 43890 is 2024-03-01 (45352 - 1462).
    from openpyxl import Workbook

    book = Workbook()
    book.epoch = __import__("openpyxl").utils.datetime.MAC_EPOCH
    sheet = book.active
    sheet.append(["customer_id", "date", "amount"])
    sheet.append(["a", 43890, 1])
    book.save(tmp_path / "mac.xlsx")
    assert iso(load_quietly(tmp_path / "mac.xlsx")) == ["2024-03-01"]


@pytest.mark.parametrize("name", ["王玥", "李昇", "陈镕", "VIP客户"])
def test_gbk_names_whose_second_byte_is_ascii_still_load(tmp_path, name):
    # 玥 is ab 68 in GBK: its second byte is 'h'. Such characters are common in given names.
    path = tmp_path / "names.csv"
    path.write_bytes(f"customer_id,name,date,amount\n1,{name},2024-03-01,1\n".encode("gbk"))
    assert load_quietly(path)["name"].tolist() == [name]


@pytest.mark.parametrize("word", ["Müller", "Renée", "Élise", "Ça va", "informação", "señor"])
def test_western_european_text_is_never_read_as_chinese(tmp_path, word):
    # Each of these also decodes as GB18030 (or nearly), into Chinese characters that were never there.
    path = tmp_path / "names.csv"
    path.write_bytes(f"customer_id,name,date,amount\n1,{word},2024-03-01,1\n".encode("cp1252"))
    with pytest.raises(ValueError, match=r"is not UTF-8 text: line 2 .*Pass encoding="):
        load_transactions(path)
    assert load_quietly(path, encoding="cp1252")["name"].tolist() == [word]


def test_column_and_option_types_are_named():
    path = MALFORMED / "yyyymmdd.csv"
    with pytest.raises(TypeError, match=r"customer_col must be a column name such as 'date'; got None"):
        load_transactions(path, customer_col=None)
    with pytest.raises(TypeError, match=r"amount_col must be a column name such as 'date' or None; got 3.5"):
        load_transactions(path, amount_col=3.5)
    with pytest.raises(TypeError, match=r"date_format must be a strftime layout"):
        load_transactions(path, date_format=8)
    with pytest.raises(TypeError, match=r"sheet must be a sheet name or a 0-based position; got True"):
        load_transactions(MALFORMED / "two_sheets.xlsx", sheet=True)
    # A DataFrame may have numbered columns.
    frame = pd.DataFrame({0: ["a"], 1: ["2024-03-01"], 2: [1.5]})
    assert load_quietly(frame, customer_col=0, date_col=1, amount_col=2)[2].tolist() == [1.5]


def test_a_one_sheet_workbook_saved_as_excel_saves_it_loads(tmp_path):
    """Cells as Excel stores them: date cells with a date format, money with a currency format,
    ids typed as numbers, a header in bold, a total row left off, the sheet named in Chinese."""
    from datetime import datetime

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "订单"
    sheet.append(["customer_id", "date", "amount"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    rows = [(1001, datetime(2024, 3, 1), 12.5), (1002, datetime(2024, 3, 15, 14, 30), 7),
            (1001, datetime(2024, 12, 31), 1234.56)]
    for row in rows:
        sheet.append(row)
    for (date_cell, amount_cell) in sheet.iter_rows(min_row=2, min_col=2, max_col=3):
        date_cell.number_format = "yyyy/m/d"
        amount_cell.number_format = '"¥"#,##0.00'
    path = tmp_path / "orders.xlsx"
    book.save(path)
    log = load_quietly(path)
    assert log["customer_id"].tolist() == ["1001", "1002", "1001"]
    assert log["date"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2024-03-01 00:00", "2024-03-15 14:30", "2024-12-31 00:00"]
    assert log["amount"].tolist() == [12.5, 7.0, 1234.56]


def test_dates_as_the_chinese_edition_writes_them_are_read_back():
    """What format_date writes in Chinese (2000 年 1 月 30 日) reads back as the same day."""
    from relmark_helpers import format_date, use_language

    days = pd.to_datetime(["2000-01-30", "2023-01-01", "1997-12-31"])
    with use_language("zh_CN"):
        written = [format_date(day) for day in days]
    assert written[0] == "2000 年 1 月 30 日"
    parsed, _layout = read_dates(pd.Series(written))
    assert list(parsed) == list(days)


def test_a_day_run_into_a_time_of_day_is_not_read_as_a_date():
    """Without 日 or a space, "2024年3月112:30" could be the 1st at 12:30 or the 11th at 2:30."""
    parsed, _layout = read_dates(pd.Series(["2024年3月112:30"]))
    assert parsed.isna().all()

