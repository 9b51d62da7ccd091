"""Write the malformed transaction files of this folder (run: python tests/data/malformed/make_files.py).

Each file is one way a student's own log really arrives: the encodings
Excel writes, other separators, workbooks, dates written as numbers or in
day/month order, and damaged rows.  ``tests/test_file_reading.py`` asserts,
for each, the loaded values or the message.  The text files are written
byte for byte the same on every run; the workbooks have fixed document
times, so only the zip entries' times vary.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

HEADER = "customer_id,name,date,amount"
CHINESE_ROWS = [("1001", "张伟", "2024-03-01", "12.50"), ("1002", "王芳", "2024-03-02", "8.00"),
                ("1001", "张伟", "2024-03-15", "20.00"), ("1003", "李娜", "2024-04-01", "5.20")]


def rows_text(rows, sep=",", line_end="\n", header=HEADER):
    lines = [header.replace(",", sep)] + [sep.join(r) for r in rows]
    return line_end.join(lines) + line_end


def text_files() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    chinese = rows_text(CHINESE_ROWS, line_end="\r\n")
    # Chinese-language Excel, "CSV (comma delimited)": GBK, CRLF.
    files["gbk_chinese_names.csv"] = chinese.encode("gbk")
    # Excel "CSV UTF-8": a byte-order mark first.
    files["utf8_bom.csv"] = b"\xef\xbb\xbf" + chinese.encode("utf-8")
    # Excel "Unicode text": UTF-16 little-endian with its mark, tab-separated.
    files["utf16_unicode_text.txt"] = rows_text(CHINESE_ROWS, sep="\t", line_end="\r\n").encode("utf-16")
    # Western-European Excel's plain CSV: cp1252, not UTF-8.
    files["cp1252_accents.csv"] = rows_text([("1", "Müller", "2024-03-01", "12.50"),
                                             ("2", "Renée", "2024-03-02", "8.00")]).encode("cp1252")
    # Where the decimal mark is a comma, Excel separates columns with semicolons.
    files["semicolon_decimal_comma.csv"] = rows_text(
        [("1", "Anna", "2024-03-01", "12,50"), ("2", "Jan", "2024-03-02", "8"),
         ("1", "Anna", "2024-03-09", "0,99")], sep=";").encode("utf-8")
    # An amount written 1,5 in a comma-separated file: line 4 has one value too many.
    files["extra_field.csv"] = (b"customer_id,date,amount\n1,2024-03-01,12.50\n2,2024-03-02,8\n"
                                b"3,2024-03-03,1,5\n")
    # Blank lines before a bad amount on file line 6 (the count a text editor shows).
    files["blank_lines_bad_amount.csv"] = (b"customer_id,date,amount\n1,2024-03-01,12.50\n\n\n"
                                           b"2,2024-03-02,8\n3,2024-03-03,twelve\n")
    # A date column that lost its format in Excel: day numbers (45352 = 2024-03-01).
    files["excel_serial_dates.csv"] = (b"customer_id,date,amount\n1,45352,12.50\n2,45292,8\n"
                                       b"1,45658.5,3\n")
    # The CDNOW log's dates: yyyymmdd integers.
    files["yyyymmdd.csv"] = (b"customer_id,date,amount\n00001,19970101,11.77\n00002,19970112,12\n"
                             b"00001,19970602,20.76\n")
    # The CDNOW layout itself, with a header: columns lined up with spaces.
    files["cdnow_spaces.txt"] = (b"customer_id  date      quantity  amount\n"
                                 b"00001  19970101  1  11.77\n00002  19970112  1  12.00\n"
                                 b"00002  19970112  5  77.00\n")
    # dd/mm/yyyy with every day <= 12: day and month could be either way round.
    files["ddmm_ambiguous.csv"] = (b"customer_id,date,amount\n1,03/04/2024,12.50\n2,05/01/2024,8\n"
                                   b"1,11/02/2024,3\n")
    # dd/mm/yyyy where line 3 has day 25: day first, nothing else fits.
    files["ddmm_unambiguous.csv"] = (b"customer_id,date,amount\n1,03/04/2024,12.50\n2,25/01/2024,8\n"
                                     b"1,11/02/2024,3\n")
    # US Excel: m/d/yyyy with a time, line 3 has day 15.
    files["mmdd_unambiguous.csv"] = (b"customer_id,date,amount\n1,3/4/2024 2:30 PM,12.50\n"
                                     b"2,1/15/2024 9:05 AM,8\n")
    # Some rows day-first, some month-first.
    files["ddmm_mmdd_mixed.csv"] = b"customer_id,date,amount\n1,25/01/2024,12.50\n2,01/25/2024,8\n"
    files["empty.csv"] = b""
    files["header_only.csv"] = b"customer_id,date,amount\n"
    # An Excel 97-2003 file: only its first bytes matter here.
    files["old_excel.xls"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return files


def workbook_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, dt.datetime):
                    cell.number_format = "yyyy-mm-dd"
    stamp = dt.datetime(2024, 1, 1)
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ORDERS = [["customer_id", "name", "date", "amount"],
          [1001, "张伟", dt.datetime(2024, 3, 1), 12.5],
          [1002, "王芳", dt.datetime(2024, 3, 2), 8],
          [],
          [1001, "张伟", 45366, 20]]  # row 5: a day number in a cell without a date format
NOTES = [["note"], ["exported from the till on 2024-04-02"]]


def workbook_files() -> dict[str, bytes]:
    return {
        "two_sheets.xlsx": workbook_bytes({"Orders": ORDERS, "Notes": NOTES}),
        "renamed_xlsx.csv": workbook_bytes({"Sheet1": ORDERS}),
        "bad_amount.xlsx": workbook_bytes({"Sheet1": ORDERS[:3] + [[], [1003, "李娜", dt.datetime(2024, 4, 1),
                                                                      "12,5 元"]]}),
    }


def main(folder: Path = HERE) -> None:
    for name, data in {**text_files(), **workbook_files()}.items():
        (folder / name).write_bytes(data)
        print(f"wrote {name} ({len(data)} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
