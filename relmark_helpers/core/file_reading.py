"""Reading a student's own data file: encodings, separators, workbooks and dates.

The files students really have are rarely ``UTF-8, comma, ISO dates``:

* **encodings**: Excel's "CSV UTF-8" starts with a byte-order mark (BOM);
  Chinese-language Excel saves a plain "CSV" in GBK (read here as GB18030,
  its superset); "Unicode text" is UTF-16, tab-separated;
* **separators**: where the decimal mark is a comma, Excel separates CSV
  columns with semicolons (``12,50;2024-03-01``);
* **workbooks**: ``.xlsx`` files, sometimes renamed to ``.csv``;
* **dates**: ISO text (``2024-03-01``), ``yyyymmdd`` integers (``19970101``,
  the CDNOW log's layout), Excel day numbers (``45352``, a date column that
  lost its format), ``dd/mm/yyyy`` or ``mm/dd/yyyy`` text.

:func:`read_table` reads such a file into a DataFrame whose index is the
line (or, in a workbook, the row) a student sees in a text editor or in
Excel, so every message can point at it; :func:`read_dates` turns a column
of dates into ``datetime64`` and refuses, rather than guesses, a day/month
order that no value settles.  Nothing is ever written to the file.

Used by :func:`relmark_helpers.customer_data.transactions.load_transactions`.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import warnings
import zipfile
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "ENCODINGS_SUGGESTED",
    "EXCEL_SERIAL_RANGE",
    "SEPARATORS",
    "YYYYMMDD_RANGE",
    "Table",
    "read_dates",
    "read_numbers",
    "read_table",
]

SEPARATORS: dict[str, str] = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar",
                              " ": "spaces"}
"""Column separators a text file may use (``" "``: runs of spaces or tabs, as in the CDNOW log)."""

ENCODINGS_SUGGESTED: dict[str, str] = {
    "gb18030": "Chinese-language Excel's CSV (GBK)",
    "big5": "Traditional-Chinese Excel's CSV",
    "cp1252": "Western-European Excel's CSV",
    "utf-16": "Excel's Unicode text",
}
"""Encodings named in the error for a file that is not UTF-8, with where such files come from."""

YYYYMMDD_RANGE: tuple[int, int] = (19000101, 21001231)
"""Integers read as year-month-day run together (``19970101``): years 1900 to 2100."""

EXCEL_SERIAL_RANGE: tuple[float, float] = (18264.0, 73051.0)
"""Numbers read as Excel day numbers: 18264 is 1950-01-01, 73051 is 2100-01-01 (excluded).

Excel counts days from 1899-12-30 (its day 1 is 1900-01-01, and it counts a
29 February 1900 that never was, so the origin for every day number after
60 is 1899-12-30).  Smaller numbers are refused: a column of small integers
is far more likely a count or a day index than a date before 1950.
"""

_EXCEL_ORIGIN = pd.Timestamp("1899-12-30")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls (and other Office files)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
_MAX_SHOWN = 5

RowDescriber = Callable[[npt.NDArray[np.int64]], str]


# --- where a row is --------------------------------------------------------------------------------

def describe_rows(index: pd.Index, positions: npt.NDArray[np.int64] | Sequence[int]) -> str:
    """``line 6``, ``rows 3, 4 and 2 more`` or ``row (index) 'a'``: the rows at ``positions``.

    A frame from :func:`read_table` has its index named ``line`` (text
    files: the line in a text editor, blank lines counted) or ``row`` (a
    workbook: the row number Excel shows); any other index is shown by label.
    """
    positions = np.asarray(positions, dtype=np.int64)
    shown = positions[:_MAX_SHOWN]
    more = f" and {len(positions) - len(shown)} more" if len(positions) > len(shown) else ""
    plural = "s" if len(positions) > 1 else ""
    if index.name in ("line", "row"):
        return f"{index.name}{plural} {', '.join(str(index[int(p)]) for p in shown)}{more}"
    labels = ", ".join(_short(index[int(p)]) for p in shown)
    return f"row{plural} (index) {labels}{more}"


def _short(value: object) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- bytes to text -----------------------------------------------------------------------------------

def _line_of_byte(data: bytes, position: int, encoding: str) -> int:
    """The text-editor line (1-based) of byte ``position``."""
    return data[:position].decode(encoding, errors="replace").count("\n") + 1


_BETWEEN_LETTERS = re.compile(r"[A-Za-z][^\x00-\x7f][A-Za-z]")


def _looks_like_gbk(text: str) -> bool:
    """True if text decoded as GB18030 reads as Chinese, not as a mis-read 8-bit Latin text.

    Text in another 8-bit encoding (Western-European Excel's cp1252, say)
    often decodes as GB18030 without an error, into one Chinese character
    per accented letter and the ASCII letter after it ("Müller" -> "M黮ler"):
    the character's second byte is that ASCII letter.  Real GBK characters
    have such a second byte too (玥, 昇, 镕 and other characters of given
    names), but they do not stand next to a Latin letter, as a mis-read one
    inside a word does.  So the text is refused if it has a private-use
    character; or a character whose second byte is ASCII (or one of four
    bytes) next to a Latin letter; or if fewer than half its distinct
    non-ASCII characters are in GB2312, the common core of GBK with both
    bytes from 0xA1 ("Ça va" reads as "莂 va", with no such character); or
    if a non-ASCII character stands between two Latin letters (Portuguese
    "ação" reads as "a玢o", two accented letters making one GB2312 character).
    A refused text gets the error that names ``encoding=``.
    """
    if _BETWEEN_LETTERS.search(text):
        return False
    suspects, common, distinct = [], 0, 0
    for char in set(text):
        if ord(char) < 128:
            continue
        if 0xE000 <= ord(char) <= 0xF8FF:
            return False
        distinct += 1
        encoded = char.encode("gb18030")
        if len(encoded) != 2 or encoded[1] < 0x80:
            suspects.append(char)
        elif encoded[0] >= 0xA1 and encoded[1] >= 0xA1:
            common += 1
    if common < distinct / 2:
        return False
    if not suspects:
        return True
    group = "[" + "".join(re.escape(c) for c in suspects) + "]"
    return re.search(f"[A-Za-z]{group}|{group}[A-Za-z]", text) is None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` if the NUL bytes say so (mostly ASCII text as UTF-16), else None."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_text(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str]:
    """A text file's bytes as text, and the encoding used.

    Parameters
    ----------
    data : bytes
        The file's content.
    source : str
        How to name the file in a message, e.g. ``"file 'mine.csv'"``.
    encoding : str, optional
        Python's name of the encoding.  Default: detected, in this order:
        a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without one (from
        its NUL bytes); UTF-8; GB18030 when every non-ASCII character reads
        as a Chinese character (see :func:`_looks_like_gbk`).

    Raises
    ------
    ValueError
        If the text is in none of those encodings, naming the first line
        with a byte that does not fit and the ``encoding=`` to pass; or if
        ``encoding`` is unknown or does not fit the file.
    """
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise ValueError(f"encoding must be an encoding Python knows, such as 'utf-8', 'gb18030' "
                             f"or 'utf-16'; got {encoding!r}.") from None
        except UnicodeDecodeError as error:
            line = _line_of_byte(data, error.start, encoding)
            raise ValueError(
                f"{source} is not {encoding} text: line {line} has the byte(s) "
                f"{data[error.start:error.end].hex(' ')}, which {encoding} does not use. Pass another "
                f"encoding= ({_encoding_list()}), or leave it out to have it detected."
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as error:
                line = _line_of_byte(data, error.start, name)
                raise ValueError(f"{source} starts with the mark of {name} text but line {line} is "
                                 f"not {name}; save it again from the program that made it, or pass "
                                 "encoding=.") from None
    guessed = _utf16_without_bom(data)
    if guessed is not None:
        try:
            return data.decode(guessed), guessed
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise ValueError(f"{source} is not a text file (it contains NUL bytes): save it as CSV "
                         "(File > Save As > CSV UTF-8) or as an Excel workbook (.xlsx). If it is "
                         "Unicode text without a byte-order mark, pass encoding=\"utf-16-le\".")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_like_gbk(text):
        return text, "gb18030"
    line = _line_of_byte(data, first_bad.start, "utf-8")
    raise ValueError(
        f"{source} is not UTF-8 text: line {line} has the byte(s) "
        f"{data[first_bad.start:first_bad.start + 2].hex(' ')}, and no other encoding could be told "
        f"from the file itself. Pass encoding=, e.g. {_encoding_list()}; or save the file from Excel "
        "as 'CSV UTF-8'."
    )


def _encoding_list() -> str:
    return ", ".join(f"{name!r} ({where})" for name, where in ENCODINGS_SUGGESTED.items())


# --- separators and records ---------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACE_LINE = re.compile(r"\n[ \t]+\n")


def _has_blank_line(text: str) -> bool:
    """True if some line (not counting a last empty one) is empty or only spaces and tabs."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    body = text.rstrip("\n")
    if "\n\n" in body or body[:1] in ("\n", " ", "\t") or body[-1:] in (" ", "\t"):
        return True
    return ("\t\n" in body or " \n" in body) and _SPACE_LINE.search("\n" + body + "\n") is not None


def _first_lines(text: str, count: int) -> list[str]:
    lines = []
    for line in _LINE_BREAK.split(text[:200_000]):
        if line.strip():
            lines.append(line)
            if len(lines) == count:
                break
    return lines


def _split(line: str, sep: str) -> list[str]:
    if sep == " ":
        return line.split()
    return next(csv.reader([line], delimiter=sep, skipinitialspace=True), [])


def sniff_separator(text: str, wanted: Sequence[str], source: str) -> str:
    """The separator of a text table: the one that splits the header into the ``wanted`` columns.

    If no separator gives all the wanted column names, the one that splits
    the first 50 lines most consistently into more than one field; a file
    with one column per line gets a message naming ``sep=``.
    """
    lines = _first_lines(text, 50)
    if not lines:
        return ","
    header = lines[0]
    for sep in SEPARATORS:
        names = [name.strip() for name in _split(header, sep)]
        if wanted and all(w in names for w in wanted):
            return sep
    best, best_score = None, 0.0
    for sep in SEPARATORS:
        counts = [len(_split(line, sep)) for line in lines]
        if counts[0] < 2:
            continue
        score = sum(c == counts[0] for c in counts) / len(counts) + (0.5 if sep != " " else 0.0)
        if score > best_score:
            best, best_score = sep, score
    if best is None:
        raise ValueError(
            f"{source}: line 1 ({header[:60]!r}) has no comma, semicolon, tab or vertical bar, so "
            "it cannot be split into columns. Pass sep= with the character between the columns "
            "(sep=\" \" for columns lined up with spaces)."
        )
    return best


@dataclass(frozen=True)
class _Records:
    """Where each record of a text table starts, and how many fields it has."""

    header: list[str]
    header_line: int
    lines: npt.NDArray[np.int64]  # first line of each data record
    widths: npt.NDArray[np.int64]  # number of fields of each data record
    extra: list[tuple[int, list[str]]]  # records with a non-empty field beyond the header's


def _scan_records(text: str, sep: str) -> _Records:
    """Every non-blank record of the text with its first line (1-based, as an editor counts)."""
    if sep != " " and '"' not in text:
        return _scan_unquoted(text, sep)
    starts: list[int] = []
    widths: list[int] = []
    extra: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    if sep == " ":
        rows = ((number, line.split()) for number, line in enumerate(_LINE_BREAK.split(text), 1))
    else:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, skipinitialspace=True)

        def numbered():
            previous = 0
            for row in reader:
                yield previous + 1, row
                previous = reader.line_num
        rows = numbered()
    width = 0
    header_line = 0
    for start, row in rows:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # a blank line: pandas skips it, an editor counts it
        if header is None:
            header, header_line, width = [c.strip() for c in row], start, len(row)
            continue
        starts.append(start)
        widths.append(len(row))
        if len(row) > width and any(field.strip() for field in row[width:]) and len(extra) < 50:
            extra.append((start, row))
    return _Records(header or [], header_line, np.array(starts, dtype=np.int64),
                    np.array(widths, dtype=np.int64), extra)


def _scan_unquoted(text: str, sep: str) -> _Records:
    """:func:`_scan_records` for text without quotes: one record per line (fast, no csv module)."""
    lines = text.split("\n") if "\r" not in text else _LINE_BREAK.split(text)
    if not _has_blank_line(text):  # the usual case: no blank line but maybe the last
        numbers = np.arange(len(lines) - (1 if not lines[-1].strip() else 0))
    else:
        numbers = np.flatnonzero(np.fromiter(map(str.strip, lines), dtype=object, count=len(lines)) != "")
    if not len(numbers):
        return _Records([], 0, np.array([], dtype=np.int64), np.array([], dtype=np.int64), [])
    header = [name.strip() for name in lines[numbers[0]].split(sep)]
    body = numbers[1:]
    counted = lines if len(body) == len(lines) - 1 else [lines[i] for i in body]
    widths = np.fromiter(map(str.count, counted[1:] if counted is lines else counted,
                             itertools.repeat(sep)), dtype=np.int64) + 1
    extra = []
    for i in body[widths > len(header)][:50]:
        row = lines[i].split(sep)
        if any(field.strip() for field in row[len(header):]):
            extra.append((int(i) + 1, row))
    return _Records(header, int(numbers[0]) + 1, body + 1, widths, extra)


def _extra_field_error(source: str, records: _Records, sep: str) -> ValueError:
    start, row = records.extra[0]
    width = len(records.header)
    others = [line for line, _ in records.extra[1:_MAX_SHOWN]]
    also = f" (also line{'s' if len(others) > 1 else ''} {', '.join(map(str, others))})" if others else ""
    example = "1,5" if sep == "," else "a" + sep + "b"
    return ValueError(
        f"{source}, line {start}{also}: {len(row)} values where the header on line "
        f"{records.header_line} names {width} columns ({', '.join(records.header)}); the value "
        f"beyond the last column is {row[width].strip()!r}. A value with a {SEPARATORS[sep]} inside "
        f"must be in double quotes (\"{example}\"); if the columns are separated by another "
        "character, pass sep=."
    )


# --- numbers with a decimal comma ------------------------------------------------------------------

_DOT_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_COMMA_NUMBER = re.compile(r"[+-]?\d+(,\d+)?")
_COMMA_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")


_THOUSANDS_ONLY = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")


def read_numbers(
    values: pd.Series,
    *,
    decimal: str | None = None,
    comma_possible: bool = True,
    context: str = "the values",
    where: RowDescriber | None = None,
) -> tuple[pd.Series, str | None]:
    """Numbers written as text: ``12.50``, or ``12,50`` where the decimal mark is a comma.

    Parameters
    ----------
    values : pandas.Series
        Numbers or text.
    decimal : {".", ","}, optional
        The decimal mark.  Default: a point; or a comma if ``comma_possible``
        and every value is written with one or none (``12,50``, ``7``).  With
        ``","``, points between groups of three digits are thousands
        separators (``1.234,50``).
    comma_possible : bool
        Whether a decimal comma may be told from the data (not in a
        comma-separated file, where ``"1,250"`` may be a thousand and more).
    context : str
        How messages name the column.
    where : callable, optional
        Positions -> words for those rows (e.g. ``"line 6"``); default: by index label.

    Returns
    -------
    numbers : pandas.Series
        Floats where every value could be read (a missing value stays NaN, for
        the caller to report); otherwise the values unchanged (the caller
        reports the rows that are not numbers).
    decimal : str or None
        The decimal mark used, ``None`` if the values were left unchanged.

    Raises
    ------
    ValueError
        If ``decimal`` is not given, a decimal comma is possible, and every
        value with a point has exactly three digits after it (``1.234``):
        that is 1.234 or 1234, so the message asks for ``decimal=``.

    Examples
    --------
    >>> read_numbers(pd.Series(["12,50", "7", "0,99"]))[0].tolist()
    [12.5, 7.0, 0.99]
    """
    if not isinstance(values, pd.Series):
        raise TypeError(f"values must be a pandas Series (a column); got {type(values).__name__}.")
    if not (decimal is None or (isinstance(decimal, str) and decimal in (".", ","))):
        raise ValueError(f"decimal must be '.' or ',' (or None to tell from the data); "
                         f"got {_short(decimal)}.")
    if not isinstance(comma_possible, (bool, np.bool_)):
        raise TypeError(f"comma_possible must be True or False; got {_short(comma_possible)}.")
    if values.dtype.kind in "iuf" or pd.api.types.is_bool_dtype(values):
        return values, "."
    if where is None:
        def where(positions: npt.NDArray[np.int64]) -> str:
            return describe_rows(values.index, positions)
    present_at = np.flatnonzero(values.notna().to_numpy())
    present = values.iloc[present_at]
    if decimal is None and not comma_possible:
        decimal = "."
    if decimal in (None, "."):
        numbers = pd.to_numeric(present, errors="coerce")  # the fast path: plain numbers
        if numbers.isna().any():
            present = present.astype(str).str.strip()
            numbers = pd.to_numeric(present, errors="coerce")
        if not numbers.isna().any():
            if decimal is None:
                _refuse_thousands_points(present, context, lambda k: where(present_at[[k]]))
            return _placed(values, numbers), "."
        if decimal == ".":
            return values, None
        unique = pd.unique(present.to_numpy(dtype=object))
        if not all(_COMMA_NUMBER.fullmatch(v) for v in unique):
            return values, None
    else:
        present = present.astype(str).str.strip()
        unique = pd.unique(present.to_numpy(dtype=object))
    converted = {v: (v.replace(".", "") if _COMMA_THOUSANDS.fullmatch(v) else v).replace(",", ".")
                 for v in unique}
    numbers = pd.to_numeric(present.map(converted), errors="coerce")
    if numbers.isna().any():
        return values, None
    return _placed(values, numbers), ","


def _refuse_thousands_points(present: pd.Series, context: str, at: Callable[[int], str]) -> None:
    """Refuse a column whose every point could be a thousands separator (``1.234``)."""
    present = present.astype(str).str.strip()
    with_point = present.str.contains(".", regex=False).to_numpy()
    if not with_point.any():
        return
    pointed = present[with_point]
    if not pointed.str.fullmatch(_THOUSANDS_ONLY).all():
        return
    k = int(np.flatnonzero(with_point)[0])
    example = present.iloc[k]
    raise ValueError(
        f"{context}: {example!r} at {at(k)} could be {float(example):g} or "
        f"{int(example.replace('.', '')):d}: every number with a point has three digits after it, as "
        "where the point separates thousands. Pass decimal=\".\" if the point is the decimal mark, or "
        "decimal=\",\" if it separates thousands."
    )


def _placed(values: pd.Series, numbers: pd.Series) -> pd.Series:
    out = pd.Series(np.nan, index=values.index, dtype=float)
    out[numbers.index] = numbers.to_numpy(dtype=float)
    return out


# --- text and workbook tables ------------------------------------------------------------------------

@dataclass(frozen=True)
class Table:
    """A table read from a file (see :func:`read_table`).

    Attributes
    ----------
    frame : pandas.DataFrame
        The rows, index named ``line`` (the first line of each record in a
        text editor, blank lines counted) or ``row`` (a workbook's row).
    source : str
        How messages name it: ``"file 'mine.csv'"`` or ``"file 'mine.xlsx', sheet 'Orders'"``.
    how : str
        How it was read, in words (encoding and separator, or sheet).
    sep : str or None
        The column separator of a text file; ``None`` for a workbook.
    excel_origin : pandas.Timestamp
        Day 0 of Excel day numbers in the file: 1899-12-30, or 1904-01-01
        for a workbook in the 1904 date system.
    """

    frame: pd.DataFrame
    source: str
    how: str
    sep: str | None = None
    excel_origin: pd.Timestamp = _EXCEL_ORIGIN


def _warn(message: str) -> None:
    warnings.warn(message, UserWarning, stacklevel=_caller_level())


def _caller_level() -> int:
    """Stack level of the first frame outside this package (so a warning points at the notebook)."""
    import sys

    level, frame = 1, sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").startswith("relmark_helpers"):
        frame, level = frame.f_back, level + 1
    return level


_EXAMPLES = {"encoding": "'gb18030'", "sep": "';'", "decimal": "','"}


def read_table(
    path: str | Path,
    *,
    text_columns: Sequence[str] = (),
    number_columns: Sequence[str] = (),
    wanted: Sequence[str] = (),
    encoding: str | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    sheet: str | int | None = None,
) -> Table:
    """Read a CSV/text table or an ``.xlsx`` workbook sheet, never writing to the file.

    What the file is comes from its first bytes, not its name: a workbook
    renamed to ``.csv`` is read as a workbook (with a warning saying so),
    an Excel 97-2003 ``.xls`` file is refused with what to do.

    Parameters
    ----------
    path : str or path
        The file.
    text_columns : sequence of str
        Columns kept as text exactly as written (ids such as ``007``, dates).
    number_columns : sequence of str
        Columns of numbers kept as text in a file not separated by commas,
        so that :func:`read_numbers` can read a decimal comma (``12,50``).
    wanted : sequence of str
        Columns the caller needs; they decide the separator when several would do.
    encoding : str, optional
        Text encoding (``"utf-8"``, ``"gb18030"``, ``"utf-16"``, ...); default detected
        (:func:`decode_text`).
    sep : str, optional
        Column separator, one of :data:`SEPARATORS`; default sniffed (:func:`sniff_separator`).
    decimal : {".", ","}, optional
        Decimal mark of the numbers; default: a point, or a comma in a file
        not separated by commas whose number columns all use one.
    sheet : str or int, optional
        A workbook's sheet, by name or 0-based position; needed when more
        than one sheet has data.

    Returns
    -------
    Table
        The frame, the name to use in messages and how the file was read.

    Raises
    ------
    ValueError
        An empty file; an encoding, separator or sheet that cannot be told
        (naming ``encoding=``, ``sep=`` or ``sheet=``); a record with more
        values than the header has columns (naming its line); a file that
        is not a table.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path; got {type(path).__name__}.")
    path = Path(path)
    source = f"file {path.name!r}"
    if not path.is_file():
        raise FileNotFoundError(f"no file at {path}; check the name and the folder.")
    for name, names in (("text_columns", text_columns), ("number_columns", number_columns),
                        ("wanted", wanted)):
        if isinstance(names, str) or not isinstance(names, Sequence) or \
                not all(isinstance(n, str) for n in names):
            raise TypeError(f"{name} must be a list of column names; got {_short(names)}.")
    for name, value in (("encoding", encoding), ("sep", sep), ("decimal", decimal)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be text such as {_EXAMPLES[name]}, or None; got {_short(value)}.")
    if sep is not None and sep not in SEPARATORS:
        raise ValueError(f"sep must be one of {', '.join(repr(s) for s in SEPARATORS)} "
                         f"({', '.join(SEPARATORS.values())}); got {sep!r}.")
    if decimal not in (None, ".", ","):
        raise ValueError(f"decimal must be '.' or ','; got {decimal!r}.")
    if sep == "," and decimal == ",":
        raise ValueError("sep and decimal cannot both be ','; a file with decimal commas separates "
                         "its columns with ';' or tabs: pass sep=\";\".")
    data = path.read_bytes()
    if data.startswith(_ZIP_MAGIC):
        table = _read_workbook(data, source, sheet=sheet, text_columns=text_columns, decimal=decimal)
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            _warn(f"{source} is an Excel workbook (.xlsx) under a {path.suffix or 'bare'} name; it was "
                  f"read as a workbook ({table.how}).")
        return table
    if data.startswith(_OLE_MAGIC):
        raise ValueError(f"{source} is an Excel 97-2003 workbook (.xls), which is not read here: open "
                         "it in Excel and save it as an Excel Workbook (.xlsx) or as CSV UTF-8.")
    if sheet is not None:
        raise ValueError(f"sheet={sheet!r} applies only to a workbook; {source} is a text file.")
    return _read_text_table(data, source, text_columns=text_columns, number_columns=number_columns,
                            wanted=wanted, encoding=encoding, sep=sep, decimal=decimal,
                            renamed=path.suffix.lower() in (".xlsx", ".xls"))


def _read_text_table(data: bytes, source: str, *, text_columns: Sequence[str],
                     number_columns: Sequence[str], wanted: Sequence[str],
                     encoding: str | None, sep: str | None, decimal: str | None,
                     renamed: bool) -> Table:
    text, used = decode_text(data, source, encoding)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise EmptyFileError(f"{source} is empty")
    if renamed:
        _warn(f"{source} is a text file, not a workbook, despite its name; it was read as CSV text.")
    sep = sep if sep is not None else sniff_separator(text, wanted, source)
    records = _scan_records(text, sep)
    if records.extra:
        raise _extra_field_error(source, records, sep)
    dtype = {c: str for c in (*text_columns, *(number_columns if sep != "," else ()))}
    options: dict = {"sep": r"\s+" if sep == " " else sep, "dtype": dtype}
    if sep != " ":
        options["skipinitialspace"] = True
    if decimal == ",":
        options["decimal"] = ","
    if len(records.widths) and records.widths.max() > len(records.header):
        options["index_col"] = False  # empty fields after the last column: dropped
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            frame = pd.read_csv(io.StringIO(text), **options)
    except pd.errors.EmptyDataError:
        raise EmptyFileError(f"{source} is empty") from None
    except pd.errors.ParserError as error:
        raise ValueError(f"{source} could not be read as a table ({str(error).strip()}); check the "
                         "line it names, or pass sep=.") from None
    if len(frame) == len(records.lines):
        frame.index = pd.Index(records.lines, name="line")
    else:  # the two readers disagree (an unusual quoting): count data rows from line 2
        frame.index = pd.RangeIndex(2, len(frame) + 2, name="line")
    how = f"{used} text, {SEPARATORS[sep]}-separated"
    return Table(frame, source, how, sep)


class EmptyFileError(ValueError):
    """The file has no text at all (the caller says what it should hold)."""


def _read_workbook(data: bytes, source: str, *, sheet: str | int | None, text_columns: Sequence[str],
                   decimal: str | None) -> Table:
    try:
        from openpyxl import load_workbook
        from openpyxl.utils import get_column_letter
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise ValueError(f"{source} is an Excel workbook; reading it needs the package openpyxl "
                         "(pip install openpyxl).") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on styles and data validation
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ValueError(f"{source} is a zip archive but not an Excel workbook ({error}); if it holds a "
                         "CSV file, unzip it and load that.") from None
    try:
        names = list(book.sheetnames)
        with_data = {name: _first_rows(book[name], 3) for name in names}
        filled = [name for name in names if with_data[name]]
        if sheet is None:
            if not filled:
                raise EmptyFileError(f"{source} has no data in any sheet")
            if len(filled) > 1:
                listed = "; ".join(f"{name!r} (first row: {', '.join(map(str, with_data[name][0]))})"
                                   for name in filled)
                raise ValueError(f"{source} has {len(filled)} sheets with data: {listed}. Pass "
                                 f"sheet= with the one to read, e.g. sheet={filled[0]!r}.")
            chosen = filled[0]
        elif isinstance(sheet, int) and not isinstance(sheet, bool):
            if not 0 <= sheet < len(names):
                raise ValueError(f"sheet must be a sheet name or a position 0 to {len(names) - 1}; got "
                                 f"{sheet}. {source} has the sheets {', '.join(map(repr, names))}.")
            chosen = names[sheet]
        elif isinstance(sheet, str):
            if sheet not in names:
                raise ValueError(f"sheet must be one of {', '.join(map(repr, names))} (the sheets of "
                                 f"{source}); got {sheet!r}.")
            chosen = sheet
        else:
            raise TypeError(f"sheet must be a sheet name or a 0-based position; got {_short(sheet)}.")
        sheet_source = f"{source}, sheet {chosen!r}"
        origin = pd.Timestamp(book.epoch)
        rows = list(book[chosen].iter_rows(min_row=1, min_col=1, values_only=True))
    finally:
        book.close()
    header_at = next((i for i, row in enumerate(rows) if any(_filled(v) for v in row)), None)
    if header_at is None:
        raise EmptyFileError(f"{sheet_source} is empty")
    header_row = list(rows[header_at])
    filled_at = [j for j, v in enumerate(header_row) if _filled(v)]
    left, right = filled_at[0], filled_at[-1] + 1  # the header may start right of column A
    header = [str(v).strip() if _filled(v) else f"Unnamed: {j}" for j, v in
              enumerate(header_row[left:right], start=left)]
    numbers, body = [], []
    for i, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        if not any(_filled(v) for v in row):
            continue
        outside = [j for j in (*range(left), *range(right, len(row))) if j < len(row) and _filled(row[j])]
        if outside:
            j = outside[0]
            side = (f"left of the first named column ({get_column_letter(left + 1)}, {header[0]!r})"
                    if j < left else
                    f"beyond the last named column ({get_column_letter(right)}, {header[-1]!r})")
            raise ValueError(f"{sheet_source}, row {i}: cell {get_column_letter(j + 1)}{i} holds "
                             f"{_short(row[j])} {side}. Give that column a name in the header row "
                             f"(row {header_at + 1}), or clear the cell.")
        numbers.append(i)
        cells = list(row[left:right]) + [None] * (right - left - len(row[left:right]))
        body.append([(v.strip() or None) if isinstance(v, str) else v for v in cells])
    frame = pd.DataFrame(body, columns=header, dtype=object)
    for column in frame.columns:
        if column in text_columns:
            frame[column] = frame[column].map(_cell_text)
        else:
            frame[column] = frame[column].infer_objects()
    frame.index = pd.Index(numbers, name="row", dtype=np.int64)
    return Table(frame, sheet_source, f"sheet {chosen!r}", excel_origin=origin)


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _cell_text(value: object) -> object:
    """A workbook cell as the text a student typed: whole numbers without '.0', dates kept as dates."""
    if value is None:
        return np.nan
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return str(value)
    return value


def _first_rows(worksheet, count: int) -> list[list[object]]:
    found = []
    for row in worksheet.iter_rows(values_only=True):
        values = [v for v in row if _filled(v)]
        if values:
            found.append(values)
            if len(found) == count:
                break
    return found


# --- bundled data ----------------------------------------------------------------------------------

def _restore(name: str) -> str:
    return (f"Restore the original with `git checkout -- data/{name}`, or download the workbook "
            "again.")


def read_bundled_csv(path: Path, columns: Sequence[str], *, min_rows: int = 1, **options) -> pd.DataFrame:
    """A bundled data file (UTF-8 CSV), with a clear message when it is damaged.

    Parameters
    ----------
    path : pathlib.Path
        The file (from :func:`relmark_helpers.core.bundled_data.data_path`).
    columns : sequence of str
        Columns the file must have.
    min_rows : int
        Fewest data rows the file must have (1: a header alone is damage).
    **options
        Passed to :func:`pandas.read_csv` (``dtype``, ``keep_default_na``).

    Returns
    -------
    pandas.DataFrame
        Index named ``line``: the line of each row in a text editor (line 1
        is the header), for the caller's messages; reset it before returning
        the frame to a student.

    Raises
    ------
    ValueError
        An empty file, text that is not UTF-8, a row with more values than
        the header, missing columns or too few rows, each naming the file,
        the line and how to restore it.
    """
    name = path.name
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = _line_of_byte(data, error.start, "utf-8")
        raise ValueError(f"data file {name!r} is damaged: line {line} is not UTF-8 text. "
                         f"{_restore(name)}") from None
    if "\x00" in text:
        raise ValueError(f"data file {name!r} is damaged: it holds NUL bytes, so it is not a text table. "
                         f"{_restore(name)}")
    if not text.strip():
        raise ValueError(f"data file {name!r} is empty. {_restore(name)}")
    records = _scan_records(text, ",")
    if records.extra:
        start, row = records.extra[0]
        raise ValueError(f"data file {name!r} is damaged: line {start} has {len(row)} values where the "
                         f"header has {len(records.header)} columns. {_restore(name)}")
    missing = [c for c in columns if c not in records.header]
    if missing:
        raise ValueError(f"data file {name!r} is damaged: it lacks the column(s) {', '.join(missing)} "
                         f"(its first line is {', '.join(records.header)[:120]!r}). {_restore(name)}")
    if len(records.lines) < min_rows:
        raise ValueError(f"data file {name!r} is damaged: it has {len(records.lines)} data row(s), "
                         f"fewer than {min_rows}. {_restore(name)}")
    try:
        frame = pd.read_csv(io.StringIO(text), **options)
    except (pd.errors.ParserError, ValueError) as error:
        raise ValueError(f"data file {name!r} is damaged ({str(error).strip()}). {_restore(name)}") \
            from None
    lines = records.lines if len(records.lines) == len(frame) else np.arange(2, len(frame) + 2)
    frame.index = pd.Index(lines, name="line")
    return frame


def bundled_text(frame: pd.DataFrame, name: str, column: str, *, pattern: str | None = None,
                 wanted: str = "") -> None:
    """Check a text column of a bundled table: no empty cell, each value matching ``pattern``.

    ``wanted`` says in words what ``pattern`` allows, for the message.

    Raises
    ------
    ValueError
        ``data file 'glossary.csv' is damaged: line 9, column 'notebook': '0l'
        is not two digits such as '03'`` (or: is empty) and how to restore the file.
    """
    raw = frame[column]
    text = raw.fillna("").astype(str).str.strip()
    bad = (text == "").to_numpy().copy()
    if pattern is not None:
        bad |= ~text.str.fullmatch(pattern).to_numpy(dtype=bool)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        value = text.iloc[first]
        what = "is empty" if value == "" else f"{_short(value)} is not {wanted or pattern}"
        raise ValueError(f"data file {name!r} is damaged: {describe_rows(frame.index, [first])}, column "
                         f"{column!r}: {what}. {_restore(name)}")


def bundled_numbers(frame: pd.DataFrame, name: str, column: str, *, low: float, high: float,
                    whole: bool = False, missing_ok: bool = False) -> pd.Series:
    """A column of a bundled table as numbers in ``[low, high]``, or an error naming the line.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`read_bundled_csv`.
    name : str
        The file's name, for the message.
    column : str
        The column.
    low, high : float
        Allowed range, both ends included.
    whole : bool
        Whole numbers only (returned as int64 when nothing may be missing).
    missing_ok : bool
        Empty cells allowed (NaN).

    Raises
    ------
    ValueError
        ``data file 'x.csv' is damaged: line 7, column 'year': 'abc' is not a
        whole number in [2000, 2100]`` and how to restore the file.
    """
    raw = frame[column]
    numbers = pd.to_numeric(raw, errors="coerce").astype(float)
    empty = raw.isna().to_numpy() | (raw.astype(str).str.strip() == "").to_numpy()
    values = numbers.to_numpy()
    with np.errstate(invalid="ignore"):
        bad = ~((values >= low) & (values <= high))
        if whole:
            bad |= values != np.round(values)
    bad &= ~(empty & missing_ok)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        kind = "a whole number" if whole else "a number"
        raise ValueError(
            f"data file {name!r} is damaged: {describe_rows(frame.index, [first])}, column {column!r}: "
            f"{'an empty cell' if empty[first] else _short(raw.iloc[first])} is not {kind} in "
            f"[{low:g}, {high:g}]"
            f"{' (or empty)' if missing_ok else ''}. {_restore(name)}"
        )
    if missing_ok:
        numbers[empty] = np.nan
        return numbers
    return numbers.astype(np.int64) if whole else numbers


# --- dates -----------------------------------------------------------------------------------------

def _kind(value: object) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return "missing"
    if isinstance(value, (bool, np.bool_)):
        return "other"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return "number"
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return "missing"
        return "number" if _DIGITS.fullmatch(stripped) else "text"
    if isinstance(value, (pd.Timestamp, np.datetime64)) or hasattr(value, "year"):
        return "datetime"
    return "other"


_DIGITS = re.compile(r"\d+(\.\d+)?")
_UNREADABLE = object()


def _origin(value: object) -> pd.Timestamp:
    """``excel_origin`` as a Timestamp: one of the two days Excel counts from."""
    try:
        origin = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError):
        origin = None
    if origin is None or origin is pd.NaT or origin.tz is not None or \
            origin not in (_EXCEL_ORIGIN, pd.Timestamp("1904-01-01")):
        raise ValueError(f"excel_origin must be 1899-12-30 (Excel's usual day 0) or 1904-01-01 (the 1904 "
                         f"date system), or None; got {_short(value)}.")
    return origin


def _wall_clock(value: object) -> np.datetime64:
    """A date or datetime cell as a naive datetime64, keeping its local clock time (NaT if not one)."""
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError):
        return _NAT
    if stamp is pd.NaT:
        return _NAT
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return np.datetime64(stamp.to_datetime64(), "us")
_NAT = np.datetime64("NaT", "us")


def _numeric_dates(numbers: npt.NDArray[np.float64],
                   excel_origin: pd.Timestamp = _EXCEL_ORIGIN) -> tuple[npt.NDArray, str]:
    """Numbers as dates: yyyymmdd integers or Excel day numbers, whichever more values fit.

    ``excel_origin`` is day 0 of the workbook's date system: 1899-12-30, or
    1904-01-01 for a workbook in the 1904 date system (old Excel for Mac).
    """
    finite = np.isfinite(numbers)
    whole = finite & (numbers == np.round(numbers))
    low, high = YYYYMMDD_RANGE
    as_yyyymmdd = whole & (numbers >= low) & (numbers <= high)
    s_low, s_high = EXCEL_SERIAL_RANGE
    shift = (excel_origin - _EXCEL_ORIGIN).days  # 1462 in the 1904 date system
    as_serial = finite & (numbers + shift >= s_low) & (numbers + shift < s_high)
    if as_yyyymmdd.sum() >= max(as_serial.sum(), 1):
        text = pd.Series([str(int(v)) if ok else None for v, ok in zip(numbers, as_yyyymmdd, strict=True)],
                         dtype=object)
        parsed = pd.to_datetime(text, format="%Y%m%d", errors="coerce").to_numpy(dtype="datetime64[us]")
        return parsed, "yyyymmdd numbers (19970101 = 1 January 1997)"
    if as_serial.any():
        days = np.where(as_serial, numbers, np.nan)
        parsed = pd.Series(excel_origin + pd.to_timedelta(days, unit="D")).dt.round("s")
        system = "" if shift == 0 else f", counted from {excel_origin:%Y-%m-%d} as the workbook does"
        return (parsed.to_numpy(dtype="datetime64[us]"),
                f"Excel day numbers (45352 = 2024-03-01{system})")
    return (np.full(len(numbers), _NAT),
            f"neither yyyymmdd numbers (19970101) nor Excel day numbers ({s_low:.0f} to {s_high:.0f}, "
            "1950 to 2099)")


_TIME = r"(?:[ T]+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?))?"
_LAYOUTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("year first", re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME
                              + r"(?:Z|[+-]\d{2}:?\d{2})?")),
    # 日 or a space between the day and a time of day: "2024年3月112:30" is not a date.
    ("year first", re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})(?:\s*日)?"
                              + r"(?:(?:(?<=日)\s*|\s+)(\d{1,2}:\d{2}(?::\d{2})?))?")),
    ("day and month", re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})" + _TIME)),
    ("two-digit year", re.compile(r"\d{1,2}([/.-])\d{1,2}\1\d{2}" + _TIME)),
)


_MONTH_NAME = re.compile(r"(?i)(?<![a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _iso(year: str, month: str, day: str, time: str | None) -> str:
    stamp = f"{year}-{int(month):02d}-{int(day):02d}"
    return f"{stamp} {time.strip()}" if isinstance(time, str) and time.strip() else stamp


def _parse_iso(texts: list[str]) -> npt.NDArray:
    series = pd.Series(texts, dtype=object)
    if any(re.search(r"[AaPp][Mm]$", t) for t in texts):
        parsed = pd.to_datetime(series, format="mixed", errors="coerce")
    else:
        parsed = pd.to_datetime(series, format="ISO8601", errors="coerce")
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_localize(None)
    return parsed.to_numpy(dtype="datetime64[us]")


def _format_for(separator: str, day_first: bool, time: str | None) -> str:
    date = separator.join(["%d", "%m", "%Y"] if day_first else ["%m", "%d", "%Y"])
    if not time:
        return date
    twelve_hour = re.search(r"[AaPp][Mm]", time) is not None
    clock = "%I:%M" if twelve_hour else "%H:%M"
    if time.count(":") == 2:
        clock += ":%S"
    return f"{date} {clock}{' %p' if twelve_hour else ''}"


def _text_dates(texts: list[str], first_at: npt.NDArray[np.int64], context: str,
                where: RowDescriber) -> tuple[npt.NDArray, str]:
    """Distinct text dates (in order of first appearance, at rows ``first_at``) as datetimes.

    Refuses more than one layout and a day/month order that no value settles.
    """
    def at(k: int) -> str:
        return f"{texts[k]!r} at {where(np.array([first_at[k]]))}"

    layout_of = [next((name for name, pattern in _LAYOUTS if pattern.fullmatch(t)), "other") for t in texts]
    found = [name for name in dict.fromkeys(layout_of) if name != "other"] or ["other"]
    if len(found) > 1:
        one, two = (layout_of.index(name) for name in found[:2])
        raise ValueError(
            f"{context}: the dates are written in more than one way, e.g. {at(one)} and {at(two)}. "
            "Write them all like 2024-03-31, or pass date_format= with the layout of most of them "
            "(the others are then reported)."
        )
    layout = found[0]
    out = np.full(len(texts), _NAT)
    if layout == "other":
        # Left to pandas only with a month name and a four-digit year ("3 March 2024"): anything
        # else ("March 3", "3 4 2024") would be completed or ordered by a guess.
        plain = [t if _MONTH_NAME.search(t) and _YEAR.search(t) else None for t in texts]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # pandas: "could not infer format"
            parsed = pd.to_datetime(pd.Series(plain, dtype=object), errors="coerce", format="mixed")
        if isinstance(parsed.dtype, pd.DatetimeTZDtype):
            parsed = parsed.dt.tz_localize(None)
        return parsed.to_numpy(dtype="datetime64[us]"), "text dates"
    if layout == "two-digit year":
        raise ValueError(
            f"{context}: {at(0)} has a two-digit year, so day, month and year could be in several "
            "orders. Pass date_format=, e.g. date_format=\"%d/%m/%y\" (day/month/year) or "
            "\"%m/%d/%y\" (month/day/year)."
        )
    # Values in no known layout ("not a date") stay NaT: the caller reports them.
    patterns = [pattern for name, pattern in _LAYOUTS if name == layout]
    known = [k for k, name in enumerate(layout_of) if name == layout]
    parts = {k: next(m for m in (p.fullmatch(texts[k]) for p in patterns) if m).groups() for k in known}

    def placed(iso: dict[int, str]) -> npt.NDArray:
        out[list(iso)] = _parse_iso(list(iso.values()))
        return out
    if layout == "year first":
        return placed({k: _iso(g[0], g[1], g[2], g[3]) for k, g in parts.items()}), "year-month-day text"
    # day and month, in an order to be settled: groups (first, separator, second, year, time)
    day_first_proof = [k for k in known if int(parts[k][0]) > 12]
    month_first_proof = [k for k in known if int(parts[k][2]) > 12]
    separator, time = parts[known[0]][1], parts[known[0]][4]
    if day_first_proof and month_first_proof:
        raise ValueError(
            f"{context}: some dates have a first number above 12 (e.g. {at(day_first_proof[0])}) "
            f"and others a second number above 12 (e.g. {at(month_first_proof[0])}), so the file "
            "mixes day/month and month/day. Correct those rows, or pass date_format= with the order "
            "of most of them (the others are then reported)."
        )
    if not day_first_proof and not month_first_proof:
        differ = [k for k in known if parts[k][0] != parts[k][2]]
        if differ:  # 01/01 and 05/05 read the same both ways; anything else is ambiguous
            one = differ[0]
            two = next((k for k in known if k != one), one)
            a, b, year = int(parts[one][0]), int(parts[one][2]), int(parts[one][3])
            day_month, month_day = pd.Timestamp(year, b, a), pd.Timestamp(year, a, b)
            raise ValueError(
                f"{context}: the dates could be day/month/year or month/day/year, since no first or "
                f"second number is above 12; e.g. {at(one)} and {at(two)}. Pass "
                f"date_format=\"{_format_for(separator, True, time)}\" if {texts[one]!r} is "
                f"{day_month.day} {day_month:%B %Y}, or date_format="
                f"\"{_format_for(separator, False, time)}\" if it is {month_day.day} {month_day:%B %Y}."
            )
        day_first = True
    else:
        day_first = bool(day_first_proof)
        proof = (day_first_proof if day_first else month_first_proof)[0]
        order = "day/month/year" if day_first else "month/day/year"
        big = int(parts[proof][0] if day_first else parts[proof][2])
        _warn(f"{context}: dates read as {order}, because {at(proof)} has no month {big}. If that is "
              f"wrong, pass date_format=\"{_format_for(separator, not day_first, time)}\".")
    iso = {}
    for k, g in parts.items():
        day, month = (g[0], g[2]) if day_first else (g[2], g[0])
        iso[k] = _iso(g[3], month, day, g[4])
    return placed(iso), "day/month/year text" if day_first else "month/day/year text"


def read_dates(
    values: pd.Series,
    *,
    date_format: str | None = None,
    context: str = "the dates",
    where: RowDescriber | None = None,
    excel_origin: object = None,
) -> tuple[pd.Series, str]:
    """Turn a column of dates as read from a file into ``datetime64``.

    Layouts told apart without ``date_format`` (one per column; mixing them
    is refused):

    * dates and datetimes (a workbook's date cells);
    * ``2024-03-01``, ``2024/3/1``, ``2024-03-01 14:30``, ``2024年3月1日`` and
      ``2024 年 3 月 1 日`` (as the Chinese edition writes dates): year first;
    * ``19970101``: yyyymmdd numbers, years 1900-2100 (:data:`YYYYMMDD_RANGE`);
    * ``45352``: Excel day numbers, 1950-2099 (:data:`EXCEL_SERIAL_RANGE`);
      a fraction is the time of day;
    * ``03/04/2024`` (or with ``.`` or ``-``): day/month/year if some first
      number is above 12, month/day/year if some second number is, with a
      warning that says which; if no number settles it, refused;
    * anything else (``3 March 2024``) is left to pandas.

    Values that fit none of these become NaT (the caller reports them).

    Parameters
    ----------
    values : pandas.Series
        The column as read: datetimes, numbers or text.
    date_format : str, optional
        A ``strftime`` layout (``"%d/%m/%Y"``, ``"%Y%m%d"``); every value is
        read with it, numbers as their digits.
    context : str
        How messages name the column, e.g. ``"file 'mine.csv', column 'date'"``.
    where : callable, optional
        Positions -> words for those rows (e.g. ``"line 6"``); default: by index label.
    excel_origin : date, optional
        Day 0 of Excel day numbers: 1899-12-30 (default), or 1904-01-01 for a
        workbook in the 1904 date system (:attr:`Table.excel_origin`).

    Returns
    -------
    dates : pandas.Series
        ``datetime64`` with the same index; NaT where a value is missing or
        does not fit the layout (the caller reports those rows).
    layout : str
        In words, how the values were read (for the caller's messages).

    Raises
    ------
    ValueError
        Mixed layouts, a two-digit year, or a day/month order that no value
        settles: the message shows two example rows and the ``date_format``
        for each reading.

    Examples
    --------
    >>> dates, layout = read_dates(pd.Series([19970101, 19970312]))
    >>> dates.dt.strftime("%Y-%m-%d").tolist(), layout
    (['1997-01-01', '1997-03-12'], 'yyyymmdd numbers (19970101 = 1 January 1997)')
    >>> read_dates(pd.Series([45352, 45352.75]))[0].tolist()
    [Timestamp('2024-03-01 00:00:00'), Timestamp('2024-03-01 18:00:00')]
    >>> read_dates(pd.Series(["03/04/2024", "05/01/2024"]))
    Traceback (most recent call last):
    ...
    ValueError: the dates: the dates could be day/month/year or month/day/year, since no first or \
second number is above 12; e.g. '03/04/2024' at row (index) 0 and '05/01/2024' at row (index) 1. \
Pass date_format="%d/%m/%Y" if '03/04/2024' is 3 April 2024, or date_format="%m/%d/%Y" if it is \
4 March 2024.
    """
    if not isinstance(values, pd.Series):
        raise TypeError(f"values must be a pandas Series (a column of dates); got {type(values).__name__}.")
    if date_format is not None and not isinstance(date_format, str):
        raise TypeError(f"date_format must be a strftime layout such as '%d/%m/%Y', or None; got "
                        f"{_short(date_format)}.")
    if where is None:
        def where(positions: npt.NDArray[np.int64]) -> str:
            return describe_rows(values.index, positions)
    elif not callable(where):
        raise TypeError(f"where must be a function of row positions, or None; got {_short(where)}.")
    if pd.api.types.is_datetime64_any_dtype(values):
        return values, "dates"
    if date_format is not None:
        def as_text(v: object) -> object:
            if isinstance(v, float) and v.is_integer():
                return str(int(v))
            if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
                return str(v)
            return v.strip() if isinstance(v, str) else v
        try:
            parsed = pd.to_datetime(values.map(as_text), errors="coerce", format=date_format)
        except (TypeError, ValueError) as error:
            raise ValueError(f"{context}: the dates could not be read with date_format={date_format!r} "
                             f"({error}).") from None
        if isinstance(parsed.dtype, pd.DatetimeTZDtype):
            parsed = parsed.dt.tz_localize(None)
        return parsed, f"date_format={date_format!r}"
    origin = _EXCEL_ORIGIN if excel_origin is None else _origin(excel_origin)
    if values.dtype.kind in "iuf":
        parsed, layout = _numeric_dates(values.to_numpy(dtype=float, na_value=np.nan), origin)
        return pd.Series(parsed, index=values.index), layout
    # Work on the distinct values (a log repeats its dates), in order of first appearance.
    objects = values.to_numpy(dtype=object)
    try:
        codes, uniques = pd.factorize(objects, use_na_sentinel=True)
    except TypeError:  # unhashable cells (lists): not dates, reported by the caller
        objects = np.array([v if isinstance(v, Hashable) else _UNREADABLE for v in objects], dtype=object)
        codes, uniques = pd.factorize(objects, use_na_sentinel=True)
    uniques = list(uniques)
    _, first_at = np.unique(codes, return_index=True)
    if len(first_at) and codes[first_at[0]] == -1:
        first_at = first_at[1:]
    kinds = np.array([_kind(u) for u in uniques], dtype=object)
    per_unique = np.full(len(uniques), _NAT)
    layouts = []
    number_k = np.flatnonzero(kinds == "number")
    if len(number_k):
        numbers = np.array([float(str(uniques[k]).strip()) for k in number_k])
        per_unique[number_k], layout = _numeric_dates(numbers, origin)
        layouts.append(layout)
    text_k = np.flatnonzero(kinds == "text")
    if len(text_k):
        parsed, layout = _text_dates([uniques[k].strip() for k in text_k], first_at[text_k], context, where)
        per_unique[text_k] = parsed
        layouts.append(layout)
    dated_k = np.flatnonzero(kinds == "datetime")
    if len(dated_k):
        per_unique[dated_k] = [_wall_clock(uniques[k]) for k in dated_k]
        layouts.append("dates")
    out = np.where(codes >= 0, per_unique[np.maximum(codes, 0)] if len(uniques) else _NAT, _NAT)
    return pd.Series(out, index=values.index), " and ".join(layouts) or "text dates"
