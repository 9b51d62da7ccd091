"""Reading a student's own data file: dates written as numbers.

Transaction logs come with dates in more layouts than ISO text: the CDNOW
log writes ``19970101`` (year, month, day run together as one integer) and
a spreadsheet column of dates that lost its date format shows Excel's day
numbers (``45352`` is 2024-03-01).  pandas reads both as plain integers, and
``pd.to_datetime`` then takes them for nanoseconds since 1970, so every
purchase lands on 1970-01-01.  :func:`read_dates` tells the layouts apart
and refuses, rather than guesses, what fits none of them.

Used by :func:`relmark_helpers.transactions.load_transactions`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "EXCEL_SERIAL_RANGE",
    "YYYYMMDD_RANGE",
    "read_dates",
]

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

RowDescriber = Callable[[npt.NDArray[np.int64]], str]


def _numbers_or_none(values: pd.Series) -> npt.NDArray[np.float64] | None:
    """The values as floats if every present one is a number (or numeric text), else ``None``."""
    if pd.api.types.is_bool_dtype(values):
        return None
    if values.dtype.kind in "iuf":
        return values.to_numpy(dtype=float, na_value=np.nan)
    present = values.dropna()
    if present.empty:
        return None
    if any(isinstance(v, (bool, np.bool_)) for v in present):
        return None
    numbers = pd.to_numeric(present.astype(str).str.strip(), errors="coerce")
    if numbers.isna().any():
        return None
    out = np.full(len(values), np.nan)
    out[values.notna().to_numpy()] = numbers.to_numpy(dtype=float)
    return out


def _integral_text(numbers: npt.NDArray[np.float64]) -> pd.Series:
    """Whole numbers as digit strings (``19970101.0`` -> ``'19970101'``), other values as NaN."""
    whole = np.isfinite(numbers) & (numbers == np.round(numbers))
    text = pd.Series(np.nan, index=range(len(numbers)), dtype=object)
    text[whole] = [str(int(v)) for v in numbers[whole]]
    return text


def _numeric_dates(numbers: npt.NDArray[np.float64], index: pd.Index,
                   date_format: str | None) -> tuple[pd.Series, str]:
    """Numbers as dates: yyyymmdd integers or Excel day numbers, whichever most rows fit."""
    if date_format is not None:
        parsed = pd.to_datetime(_integral_text(numbers), format=date_format, errors="coerce")
        return pd.Series(parsed.to_numpy(), index=index), f"date_format={date_format!r}"
    finite = np.isfinite(numbers)
    whole = finite & (numbers == np.round(numbers))
    low, high = YYYYMMDD_RANGE
    as_yyyymmdd = whole & (numbers >= low) & (numbers <= high)
    s_low, s_high = EXCEL_SERIAL_RANGE
    as_serial = finite & (numbers >= s_low) & (numbers < s_high)
    if as_yyyymmdd.sum() >= max(as_serial.sum(), 1):
        text = _integral_text(np.where(as_yyyymmdd, numbers, np.nan))
        parsed = pd.to_datetime(text, format="%Y%m%d", errors="coerce")
        layout = "yyyymmdd numbers (19970101 = 1 January 1997)"
    elif as_serial.any():
        days = np.where(as_serial, numbers, np.nan)
        parsed = _EXCEL_ORIGIN + pd.to_timedelta(days, unit="D")
        parsed = pd.Series(parsed).dt.round("s")  # day fractions are times of day
        layout = "Excel day numbers (45352 = 2024-03-01)"
    else:
        parsed = pd.Series(pd.NaT, index=range(len(numbers)), dtype="datetime64[ns]")
        layout = ("neither yyyymmdd numbers (19970101) nor Excel day numbers "
                  f"({s_low:.0f} to {s_high:.0f}, 1950 to 2099)")
    return pd.Series(pd.DatetimeIndex(parsed).to_numpy(), index=index), layout


def read_dates(values: pd.Series, *, date_format: str | None = None) -> tuple[pd.Series, str]:
    """Turn a column of dates as read from a file into ``datetime64``.

    Parameters
    ----------
    values : pandas.Series
        The column as read: datetimes, numbers or text.
    date_format : str, optional
        A ``strftime`` layout (``"%d/%m/%Y"``, ``"%Y%m%d"``); every value is
        read with it, numbers as their digits.

    Returns
    -------
    dates : pandas.Series
        ``datetime64`` with the same index; NaT where a value is missing or
        fits no layout (the caller reports those rows).
    layout : str
        In words, how the values were read (for the caller's messages).

    Examples
    --------
    >>> dates, layout = read_dates(pd.Series([19970101, 19970312]))
    >>> dates.dt.strftime("%Y-%m-%d").tolist(), layout
    (['1997-01-01', '1997-03-12'], 'yyyymmdd numbers (19970101 = 1 January 1997)')
    >>> read_dates(pd.Series([45352, 45352.75]))[0].tolist()
    [Timestamp('2024-03-01 00:00:00'), Timestamp('2024-03-01 18:00:00')]
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return values, "dates"
    if date_format is not None and values.dtype.kind not in "iuf":
        # Text keeps its leading zeros (01031997), so the layout is applied to the text itself.
        text = values.map(lambda v: v.strip() if isinstance(v, str) else v)
        parsed = pd.to_datetime(text, errors="coerce", format=date_format)
        return parsed, f"date_format={date_format!r}"
    numbers = _numbers_or_none(values)
    if numbers is not None:
        return _numeric_dates(numbers, values.index, date_format)
    return pd.to_datetime(values, errors="coerce"), "text dates"
