"""From a transaction log to customers: loading, RFM summary, cohort retention, concentration.

A *transaction log* has one row per purchase: who bought (``customer_id``),
when (``date``) and, optionally, how much (``amount``).  This module turns it
into the per-customer numbers a CLV model needs.

RFM definitions (exactly those of lifetimes' ``summary_data_from_transaction_data``)
------------------------------------------------------------------------------------
Timestamps are floored to the period (``freq="D"``: calendar days), purchases
after the observation end are dropped and the amounts of one customer in one
period are added up.  Then, per customer:

``frequency``
    number of *repeat* periods with a purchase: distinct purchase days - 1;
``recency``
    age of the customer at the last purchase: last day - first day;
``T``
    age of the customer at the end of observation: end day - first day;
``monetary_value``
    mean of the per-day totals on the repeat days (the first day excluded),
    0 for a customer with no repeat purchase.

So the summary can be passed unchanged to lifetimes' or pymc-marketing's
fitters.  Units: ``recency`` and ``T`` in periods of ``freq`` (days by
default), ``monetary_value`` in the log's money unit.

Introduced in notebook 05.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from relmark_helpers.core._table_labels import BTYD_SUMMARY, LABEL_CONTEXT
from relmark_helpers.core.validate import _describe, as_count, as_float, as_float_array, as_frame, choose

__all__ = [
    "FREQUENCIES",
    "COHORT_PERIODS",
    "Concentration",
    "cohort_retention",
    "concentration",
    "first_year_spend",
    "load_transactions",
    "rfm_summary",
    "survivors_by_tenure",
]

FREQUENCIES: tuple[str, ...] = ("D", "W")
"""Allowed ``freq`` of :func:`rfm_summary`: calendar days, or weeks starting on Monday."""

COHORT_PERIODS: tuple[str, ...] = ("M", "Q", "Y")
"""Allowed ``period`` of :func:`cohort_retention`: months, quarters or years."""

_MAX_ROWS_SHOWN = 5


# --- reading and checking a log ---------------------------------------------------------------

def _rows(source: str, positions: npt.NDArray[np.int64], index: pd.Index) -> str:
    """Where the bad rows are, in the reader's terms: file lines, or the frame's index labels."""
    from relmark_helpers.core.file_reading import describe_rows

    # A file's frame is indexed by the line a text editor shows (or a workbook's row number).
    return describe_rows(index, positions)


def _check_columns(frame: pd.DataFrame, wanted: dict[str, str], source: str) -> None:
    missing = [f"{arg}={col!r}" for arg, col in wanted.items() if col not in frame.columns]
    if missing:
        available = ", ".join(repr(str(c)) for c in frame.columns) or "none"
        looks_like_data = len(frame.columns) > 0 and all(
            re.fullmatch(r"[\d.,:/ -]+(\.\d+)?", str(c)) for c in frame.columns)
        hint = (" The first line looks like data, not a header: add a first line naming the columns, "
                f"e.g. {','.join(wanted.values())}." if looks_like_data and source.startswith("file ")
                else "")
        named = " (path_or_frame)" if source == "the DataFrame" else ""
        raise ValueError(
            f"{source}{named} has no column for {', '.join(missing)}; its columns are {available}. "
            "Pass the right names, e.g. customer_col=\"client\", date_col=\"day\"." + hint
        )


def _parse_dates(values: pd.Series, column: str, source: str, date_format: str | None,
                 excel_origin: object = None) -> pd.Series:
    """Dates as datetime64 (time zones dropped), or an error naming the bad rows."""
    from relmark_helpers.core.file_reading import read_dates

    parsed, layout = read_dates(values, date_format=date_format, context=f"{source}, column {column!r}",
                                where=lambda positions: _rows(source, np.asarray(positions), values.index),
                                excel_origin=excel_origin)
    bad = np.flatnonzero(parsed.isna().to_numpy()) if parsed.hasnans else np.array([], dtype=np.int64)
    if len(bad):
        missing = values.isna().to_numpy()[bad]
        bad = bad[missing] if missing.any() else bad  # missing values first: they need no layout
        example = values.iloc[bad[0]]
        what = "are missing" if pd.isna(example) else "are not dates"
        read_as = "" if pd.isna(example) or layout == "text dates" else f" The column was read as {layout}."
        raise ValueError(
            f"{source}, column {column!r}: {len(bad)} value(s) {what}, at "
            f"{_rows(source, bad, values.index)} (e.g. {_describe(example)}).{read_as} "
            "Write dates as 2024-03-31, or pass date_format=\"%d/%m/%Y\" for another layout."
        )
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_localize(None)  # keep the local calendar day
    return parsed


def _parse_amounts(values: pd.Series, column: str, source: str) -> pd.Series:
    """Amounts as floats >= 0, or an error naming the bad rows."""
    if pd.api.types.is_bool_dtype(values):
        raise ValueError(f"{source}, column {column!r}: amounts must be numbers, not True/False.")
    if values.dtype.kind in "iuf" and not isinstance(values.dtype, pd.api.extensions.ExtensionDtype):
        numbers = values.astype(float)
        if np.isfinite(numbers.to_numpy()).all() and numbers.to_numpy().min(initial=0.0) >= 0:
            return numbers  # the fast path: plain non-negative floats
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    missing = np.flatnonzero(values.isna().to_numpy())
    if len(missing):
        raise ValueError(f"{source}, column {column!r}: {len(missing)} amount(s) are missing, at "
                         f"{_rows(source, missing, values.index)}. Fill them in or drop those rows.")
    not_numbers = np.flatnonzero(numbers.isna().to_numpy() | ~np.isfinite(numbers.to_numpy()))
    if len(not_numbers):
        example = values.iloc[not_numbers[0]]
        raise ValueError(
            f"{source}, column {column!r}: {len(not_numbers)} amount(s) are not finite numbers, at "
            f"{_rows(source, not_numbers, values.index)} (e.g. {_describe(example)}). "
            "Write amounts as 12.50: a decimal point, no currency sign or thousands separator"
            + (" (or, if the file writes 12,50, pass decimal=\",\")."
               if "," in str(example) and source.startswith("file ") else ".")
        )
    negative = np.flatnonzero(numbers.to_numpy() < 0)
    if len(negative):
        raise ValueError(
            f"{source}, column {column!r}: amounts must be >= 0; {len(negative)} are negative, at "
            f"{_rows(source, negative, values.index)} (e.g. {numbers.iloc[negative[0]]:g}). "
            "Refunds belong in a separate table."
        )
    return numbers


def _check_ids(values: pd.Series, column: str, source: str) -> None:
    missing = np.flatnonzero(values.isna().to_numpy())
    if len(missing):
        raise ValueError(f"{source}, column {column!r}: {len(missing)} customer id(s) are missing, "
                         f"at {_rows(source, missing, values.index)}.")


def load_transactions(
    path_or_frame: str | os.PathLike | pd.DataFrame,
    *,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str | None = "amount",
    date_format: str | None = None,
    encoding: str | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read and check a transaction log: the bundled one, your own CSV or Excel file, or a DataFrame.

    The file is read as it is: its encoding, column separator, decimal mark
    and date layout are told from its content where that can be done without
    guessing, and otherwise the message names the option to pass.  Nothing
    is ever written to the file.

    Parameters
    ----------
    path_or_frame : str, path or pandas.DataFrame
        A text table (``.csv``, ``.txt``) or an Excel workbook (``.xlsx``)
        with a header row naming the columns, or a DataFrame (copied, never
        modified).  What a file is comes from its first bytes, not its name:
        a workbook renamed to ``.csv`` is read as a workbook, with a warning.
        Blank lines (blank rows of a sheet) are skipped.
    customer_col, date_col : str
        Names of the customer-id and purchase-date columns.
    amount_col : str or None
        Name of the amount column (money per purchase, >= 0); ``None`` if the
        log has no amounts.
    date_format : str, optional
        A ``strftime`` layout such as ``"%d/%m/%Y"`` or ``"%Y%m%d"``; every
        date is then read with it (numbers as their digits).  Without it:

        * year-first text (``2024-03-31``, ``2024/3/31 14:05``, ``2024年3月31日``)
          and a workbook's date cells are read as such;
        * whole numbers from 19000101 to 21001231 as yyyymmdd (``19970101``,
          the CDNOW log's layout);
        * numbers from 18264 to 73050 as Excel day numbers (``45352`` =
          2024-03-01, a fraction is the time of day; a workbook in the 1904
          date system counts from 1904-01-01, as it does itself);
        * ``dd/mm/yyyy`` or ``mm/dd/yyyy`` text (also with ``.`` or ``-``): the
          order a value proves (a first number above 12 is a day), with a
          warning naming that value; if no value settles the order, a
          ValueError showing two rows and the two ``date_format`` to choose
          from.  Two-digit years and a column mixing layouts are refused too;
        * other text only with a month name and a four-digit year
          (``3 March 2024``), so that nothing is completed by a guess.
    encoding : str, optional
        Text encoding of a text file, e.g. ``"utf-8"``, ``"gb18030"`` (GBK,
        what Chinese-language Excel writes for "CSV"), ``"utf-16"`` (Excel's
        "Unicode text"), ``"cp1252"``.  Default: detected from a byte-order
        mark, from UTF-16's NUL bytes, as UTF-8, or as GB18030 when every
        non-ASCII character reads as a Chinese one; otherwise an error that
        names this option.
    sep : {",", ";", "\\t", "|", " "}, optional
        Column separator of a text file (``" "``: columns lined up with
        spaces).  Default: the one that splits the header into the named
        columns, else the one that splits the first lines most consistently.
    decimal : {".", ","}, optional
        Decimal mark of the amounts.  Default: a point; a comma (``12,50``)
        is accepted without it only in a file not separated by commas and
        only if every amount is written that way.  In such a file, amounts
        whose every point has three digits after it (``1.234``) are refused:
        that could be 1.234 or 1234.  With ``","``, points between groups of
        three digits are thousands separators (``1.234,50``).
    sheet : str or int, optional
        The sheet of a workbook, by name or 0-based position.  Needed when
        more than one sheet holds data (the error lists them).

    Returns
    -------
    pandas.DataFrame
        The same rows and columns in the same order, with the date column as
        ``datetime64``, the amount column as float and a fresh 0..n-1 index.
        Customer ids read from a file are text, so ``007`` keeps its zeros.

    Raises
    ------
    FileNotFoundError
        The file does not exist (the message names the path).
    TypeError
        ``path_or_frame`` is neither a path nor a DataFrame, or an option is
        not text.
    ValueError
        An empty file or log, a header without rows; an encoding, separator
        or sheet that cannot be told (naming ``encoding=``, ``sep=``,
        ``sheet=``); a row with more values than the header has columns; a
        missing column (the message lists the columns there are); missing
        ids; dates that are missing, unreadable or in an unsettled day/month
        order; amounts that are missing, not numbers or negative; file
        options given with a DataFrame.  Each message names the file (and
        sheet), the column, a bad value and where it is: the line a text
        editor shows (line 1 is the header, blank lines counted), or the row
        number Excel shows.

    Warns
    -----
    UserWarning
        When a day/month order was told from a value, or a workbook had a
        ``.csv`` name (or a text file an ``.xlsx`` one).

    Examples
    --------
    >>> log = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                     "date": ["2025-01-03", "2025-02-10", "2025-01-20"],
    ...                     "amount": [4.5, 6.0, 3.2]})
    >>> load_transactions(log)["date"].dt.month.tolist()
    [1, 2, 1]
    >>> load_transactions(log.assign(amount=[4.5, -1.0, 3.2]))
    Traceback (most recent call last):
    ...
    ValueError: the DataFrame, column 'amount': amounts must be >= 0; 1 are negative, at row (index) 1 \
(e.g. -1). Refunds belong in a separate table.

    Your own file (``my_log.csv`` here is a made-up name)::

        load_transactions("my_log.csv")                          # detected, or told what to pass
        load_transactions("my_log.csv", date_format="%d/%m/%Y")  # 03/04/2024 is 3 April
        load_transactions("orders.xlsx", sheet="Orders")         # a workbook with several sheets
        load_transactions("export.txt", encoding="gb18030", sep="\\t", decimal=",")
    """
    for name, value in (("customer_col", customer_col), ("date_col", date_col), ("amount_col", amount_col)):
        if not (isinstance(value, (str, int)) and not isinstance(value, bool)) and \
                not (name == "amount_col" and value is None):
            also = " or None" if name == "amount_col" else ""
            raise TypeError(f"{name} must be a column name such as 'date'{also}; got {_describe(value)}.")
    wanted = {"customer_col": customer_col, "date_col": date_col}
    if amount_col is not None:
        wanted["amount_col"] = amount_col
    if isinstance(path_or_frame, pd.DataFrame):
        given = [f"{name}={value!r}" for name, value in
                 (("encoding", encoding), ("sep", sep), ("decimal", decimal), ("sheet", sheet))
                 if value is not None]
        if given:
            raise ValueError(f"{', '.join(given)} appl{'y' if len(given) > 1 else 'ies'} only when reading "
                             "a file; path_or_frame is a DataFrame, so leave them out.")
        source, excel_origin = "the DataFrame", None
        frame = path_or_frame.copy()
    elif isinstance(path_or_frame, (str, os.PathLike)):
        path = Path(path_or_frame)
        source = f"file {path.name!r}"
        if not path.is_file():
            raise FileNotFoundError(f"no transaction file at {path}; check the name and the folder "
                                    f"(the notebook runs in {Path.cwd().name!r}).")
        from relmark_helpers.core.file_reading import EmptyFileError, read_numbers, read_table

        try:
            names = [str(c) for c in wanted.values()]  # a file's column names are text
            table = read_table(path, text_columns=names[:2], number_columns=names[2:], wanted=names,
                               encoding=encoding, sep=sep, decimal=decimal, sheet=sheet)
        except EmptyFileError as error:
            raise ValueError(f"{error}: it needs a header row and one row per purchase.") from None
        frame, source, excel_origin = table.frame, table.source, table.excel_origin
        if amount_col is not None and amount_col in frame.columns:
            # A decimal comma is told from the data only where it cannot be a thousands separator.
            amounts = frame[amount_col]
            frame[amount_col] = read_numbers(
                amounts, decimal=decimal, comma_possible=table.sep not in (None, ","),
                context=f"{source}, column {amount_col!r}",
                where=lambda positions: _rows(source, np.asarray(positions), amounts.index))[0]
    else:
        raise TypeError(f"path_or_frame must be a file path or a pandas DataFrame; got "
                        f"{type(path_or_frame).__name__}.")
    _check_columns(frame, wanted, source)
    if frame.empty:
        raise ValueError(f"{source} has a header but no purchases.")
    _check_ids(frame[customer_col], customer_col, source)
    frame[date_col] = _parse_dates(frame[date_col], date_col, source, date_format, excel_origin)
    if amount_col is not None:
        frame[amount_col] = _parse_amounts(frame[amount_col], amount_col, source)
    return frame.reset_index(drop=True)


# --- RFM summary -------------------------------------------------------------------------------

def _day_numbers(values: pd.Series, column: str) -> npt.NDArray[np.int64]:
    """Calendar days since 1970-01-01 (floored), from dates or date strings."""
    dates = _parse_dates(values, column, "the transactions", None)
    return dates.to_numpy().astype("datetime64[D]").view(np.int64)


def _end_day(observation_end: object, name: str = "observation_end") -> int:
    end = pd.NaT
    if isinstance(observation_end, (str, pd.Timestamp, np.datetime64)) or hasattr(observation_end,
                                                                                "isoformat"):
        try:
            end = pd.Timestamp(observation_end)
        except (TypeError, ValueError, OverflowError):
            end = pd.NaT
    if pd.isna(end):
        if name != "observation_end":
            raise ValueError(f"{name} must be a date such as '2025-12-31'; got {_describe(observation_end)}.")
        raise ValueError(f"observation_end must be a date such as '2025-12-31'; got "
                         f"{_describe(observation_end)}.")
    if end.tzinfo is not None:
        end = end.tz_localize(None)
    if not 1900 <= end.year <= 2200:
        raise ValueError(f"{name} must be a date between the years 1900 and 2200; got "
                         f"{_describe(observation_end)} (read as {end.date()}).")
    return int(np.datetime64(end.to_datetime64(), "D").view(np.int64))


def _codes(ids: pd.Series) -> tuple[npt.NDArray[np.int64], pd.Index]:
    """Customer codes 0..n-1 in sorted id order, and the sorted ids."""
    values = ids.to_numpy()
    if values.dtype.kind in "iu" and len(values):
        low, high = int(values.min()), int(values.max())
        if high - low < 4 * len(values) + 1024:  # dense integers: a lookup table, no hashing
            offset = (values - low).astype(np.int64)
            present = np.bincount(offset, minlength=high - low + 1) > 0
            lookup = np.cumsum(present) - 1
            return lookup[offset], pd.Index(np.flatnonzero(present) + low, dtype=ids.dtype)
    codes, uniques = pd.factorize(ids, sort=True)
    return codes.astype(np.int64), pd.Index(uniques)


def rfm_summary(
    transactions: pd.DataFrame,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str | None = None,
    *,
    observation_end: object = None,
    freq: str = "D",
) -> pd.DataFrame:
    """Frequency, recency, age and spend per customer (lifetimes' definitions).

    Vectorised (one sort of the log, no loop over customers), so a log of a
    million purchases takes a few tens of milliseconds.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase, any order.  Dates may be ``datetime64`` or text.
    customer_col, date_col : str
        Columns of the customer id and the purchase date.
    amount_col : str, optional
        Column of the amount per purchase (money, >= 0); with it the summary
        has ``monetary_value``.
    observation_end : date or str, optional
        Last day observed; purchases after it are ignored.  Default: the
        last purchase date in the log.
    freq : {"D", "W"}
        Period length: calendar days (default) or weeks starting on Monday.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer id (sorted, named ``customer_col``), float columns
        ``frequency`` (repeat periods with a purchase), ``recency`` and ``T``
        (periods of ``freq``) and, with amounts, ``monetary_value`` (mean
        spend per repeat period).  Definitions in the module docstring.
        Customers whose first purchase is after ``observation_end`` are left out.

    Raises
    ------
    ValueError
        A missing column, missing ids, unreadable dates or amounts, an unknown ``freq``.

    Examples
    --------
    >>> log = pd.DataFrame({
    ...     "customer_id": ["a", "a", "a", "a", "b"],
    ...     "date": ["2025-03-01", "2025-03-01", "2025-03-15", "2025-04-10", "2025-04-01"],
    ...     "amount": [12.0, 8.0, 10.0, 14.0, 5.0]})
    >>> rfm = rfm_summary(log, "customer_id", "date", "amount", observation_end="2025-04-30")
    >>> rfm.columns.tolist()
    ['frequency', 'recency', 'T', 'monetary_value']
    >>> rfm.loc["a"].tolist(), rfm.loc["b"].tolist()
    ([2.0, 40.0, 60.0, 12.0], [0.0, 0.0, 29.0, 0.0])
    """
    if not isinstance(transactions, pd.DataFrame):
        raise TypeError(f"transactions must be a pandas DataFrame; got {type(transactions).__name__}. "
                        "Read a file with load_transactions(path) first.")
    freq = choose("freq", freq, FREQUENCIES)
    wanted = {"customer_col": customer_col, "date_col": date_col}
    if amount_col is not None:
        wanted["amount_col"] = amount_col
    as_frame("transactions", transactions, wanted)
    ids = transactions[customer_col]
    _check_ids(ids, customer_col, "the transactions")
    days = _day_numbers(transactions[date_col], date_col)
    amounts = None
    if amount_col is not None:
        amounts = _parse_amounts(transactions[amount_col], amount_col, "the transactions").to_numpy()
    unit = 1
    if freq == "W":
        unit = 7
        days = days - (days + 3) % 7  # back to Monday (1970-01-01 was a Thursday)
    if observation_end is None:
        end = int(days.max()) if len(days) else 0
    else:
        end = _end_day(observation_end)
        if freq == "W":
            end -= (end + 3) % 7
    keep = days <= end
    if not keep.all():
        ids, days = ids[keep], days[keep]
        amounts = amounts[keep] if amounts is not None else None
    codes, customers = _codes(ids)
    customers.name = customer_col
    n = len(customers)
    first = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first, codes, days)
    last = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(last, codes, days)
    # Distinct (customer, day) pairs: one sort of a combined integer key.
    low = int(days.min()) if len(days) else 0
    span = (int(days.max()) - low + 1) if len(days) else 1
    key = np.sort(codes * span + (days - low))
    distinct = np.ones(len(key), dtype=bool)
    distinct[1:] = key[1:] != key[:-1]
    periods_with_purchase = np.bincount(key[distinct] // span, minlength=n)
    frequency = (periods_with_purchase - 1).astype(float)
    summary = {
        "frequency": frequency,
        "recency": (last - first) / unit,
        "T": (end - first) / unit,
    }
    if amounts is not None:
        # Sum the repeat periods' spend directly (not total minus the first period's spend,
        # which loses every digit of a small repeat spend next to a large first one).
        repeat = days != first[codes]
        repeat_total = np.bincount(codes[repeat], weights=amounts[repeat], minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = repeat_total / frequency
        summary["monetary_value"] = np.where(frequency > 0, mean, 0.0)
    frame = pd.DataFrame(summary, index=customers).astype(float)
    frame.attrs[LABEL_CONTEXT] = BTYD_SUMMARY  # its frequency and recency are BTYD's, not classic RFM's
    return frame


# --- cohorts -------------------------------------------------------------------------------------

def cohort_retention(
    transactions: pd.DataFrame,
    customer_col: str = "customer_id",
    date_col: str = "date",
    *,
    period: str = "M",
    observation_end: object = None,
    counts: bool = False,
) -> pd.DataFrame:
    """Cohort × age table: the share of each cohort that buys again, period by period.

    A customer's *cohort* is the period (month, quarter or year) of their
    first purchase; their *age* in a later period is the number of periods
    since then.  A customer counts as active at an age if they bought at least
    once in that period.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase.
    customer_col, date_col : str
        Columns of the customer id and the purchase date.
    period : {"M", "Q", "Y"}
        Months (default), quarters or years.
    observation_end : date or str, optional
        Last day observed (default: the last purchase).  Periods after the one
        it falls in are not observed; the period it falls in is counted even
        if incomplete.
    counts : bool
        Return numbers of active customers instead of shares.

    Returns
    -------
    pandas.DataFrame
        Index ``cohort`` (a ``PeriodIndex``), columns ``age`` 0, 1, 2, ...
        (periods since the first purchase).  Values: the share of the cohort
        active at that age (age 0 is 1.0), or counts; NaN where the cohort has
        not reached that age by ``observation_end``.

    Examples
    --------
    >>> log = pd.DataFrame({"customer_id": [1, 1, 2, 3, 3],
    ...     "date": ["2025-01-05", "2025-03-02", "2025-01-20", "2025-02-11", "2025-03-09"]})
    >>> table = cohort_retention(log)
    >>> [str(c) for c in table.index], table.columns.tolist()
    (['2025-01', '2025-02'], [0, 1, 2])
    >>> table.loc["2025-01"].tolist(), table.loc["2025-02"].tolist()
    ([1.0, 0.0, 0.5], [1.0, 1.0, nan])
    """
    period = choose("period", period, COHORT_PERIODS)
    as_frame("transactions", transactions, {"customer_col": customer_col, "date_col": date_col},
             what="a pandas DataFrame of purchases (read a file with load_transactions(path))")
    _check_ids(transactions[customer_col], customer_col, "the transactions")
    dates = _parse_dates(transactions[date_col], date_col, "the transactions", None)
    if observation_end is not None:
        end = pd.Timestamp(np.datetime64(_end_day(observation_end), "D"))
        keep = (dates <= end + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")).to_numpy()
        transactions, dates = transactions[keep], dates[keep]
    else:
        end = dates.max()
    years, months = dates.dt.year.to_numpy(), dates.dt.month.to_numpy() - 1
    per_year = {"M": 12, "Q": 4, "Y": 1}[period]
    ordinal = (years - 1970) * per_year + months * per_year // 12
    end_ordinal = (end.year - 1970) * per_year + (end.month - 1) * per_year // 12
    codes, _ = _codes(transactions[customer_col])
    first = np.full(codes.max() + 1 if len(codes) else 0, np.iinfo(np.int64).max)
    np.minimum.at(first, codes, ordinal)
    age = ordinal - first[codes]
    pairs = pd.DataFrame({"cohort": first[codes], "age": age, "customer": codes}).drop_duplicates()
    table = pairs.groupby(["cohort", "age"]).size().unstack("age", fill_value=0).astype(float)
    table = table.reindex(columns=range(int(end_ordinal - table.index.min()) + 1), fill_value=0.0)
    if not isinstance(counts, (bool, np.bool_)):
        raise TypeError(f"counts must be True (numbers of customers) or False (shares); got "
                        f"{_describe(counts)}.")
    if not counts:
        table = table.div(table[0], axis=0)
    cohorts = table.index.to_numpy()
    unobserved = cohorts[:, None] + table.columns.to_numpy()[None, :] > end_ordinal
    table = table.mask(unobserved)
    freq = {"M": "M", "Q": "Q", "Y": "Y"}[period]
    table.index = pd.PeriodIndex.from_ordinals(cohorts, freq=freq).rename("cohort")
    table.columns = pd.Index(table.columns.astype(int), name="age")
    return table


# --- concentration ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Concentration:
    """How unequally value is spread over customers (see :func:`concentration`).

    Attributes
    ----------
    customers : numpy.ndarray
        Cumulative share of customers, 0 to 1, from the least to the most valuable.
    value : numpy.ndarray
        Cumulative share of the value they bring (the Lorenz curve), 0 to 1.
    top : float
        The share of customers counted as "top" (0.2 = the top 20 %).
    top_share : float
        Share of all value that the top ``top`` customers bring.
    gini : float
        Gini coefficient, 0 (everyone brings the same) to almost 1 (one customer brings all).
    """

    customers: npt.NDArray[np.float64]
    value: npt.NDArray[np.float64]
    top: float
    top_share: float
    gini: float


def concentration(values: object, *, top: float = 0.2) -> Concentration:
    """Lorenz curve, top-customer share and Gini coefficient of a value per customer.

    Parameters
    ----------
    values : array_like or pandas.Series
        One non-negative value per customer (spend, margin, CLV), not all zero.
    top : float
        Share of customers to count as the top, in (0, 1); 0.2 tests the
        80/20 rule (Pareto principle).

    Returns
    -------
    Concentration
        ``top_share`` interpolates along the Lorenz curve when ``top`` times
        the number of customers is not a whole number.

    Examples
    --------
    >>> c = concentration([1, 1, 1, 1, 6])
    >>> round(c.top_share, 2), round(c.gini, 2)
    (0.6, 0.4)
    """
    v = as_float_array("values", values, low=0.0)
    if v.ndim != 1 or v.size == 0:
        raise ValueError(f"values must be a one-dimensional list of values, one per customer; got "
                         f"shape {v.shape}.")
    share = as_float("top", top, low=0.0, high=1.0, low_inclusive=False,
                                 high_inclusive=False, hint="Pass 0.2 for the top 20 %.")
    if v.max() <= 0:
        raise ValueError("values must not all be zero: there is nothing to share out.")
    with np.errstate(over="ignore"):
        overflows = not np.isfinite(v.sum())
    if overflows:
        v = v / v.max()  # scaled to at most 1: shares are the same and the sums cannot overflow
    total = v.sum()
    ordered = np.sort(v)
    customers = np.linspace(0.0, 1.0, v.size + 1)
    value = np.concatenate([[0.0], np.cumsum(ordered) / total])
    top_share = 1.0 - float(np.interp(1.0 - share, customers, value))
    area = np.sum((value[1:] + value[:-1]) / 2.0) / v.size
    return Concentration(customers, value, share, top_share, float(1.0 - 2.0 * area))


def survivors_by_tenure(
    transactions: pd.DataFrame,
    customer_col: str = "customer_id",
    date_col: str = "date",
    *,
    joined_from: object,
    joined_to: object,
    years: int,
    by: str | None = None,
) -> pd.DataFrame:
    """Customers of a joining window still buying t years after their first purchase.

    A customer counts as still a customer at tenure year t if they buy at
    least once on or after the t-th anniversary of their first purchase.
    The counts never increase, so they can be fitted like a subscription
    cohort's (:func:`relmark_helpers.customer_data.retention.fit_sbg`).  Someone who is
    still a customer but has not bought again before the log ends is counted
    as gone, so keep the window early enough for a year of purchases after
    the last anniversary counted.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase (dates as ``datetime64``, e.g. from :func:`load_transactions`).
    customer_col, date_col : str
        Column names.
    joined_from, joined_to : date or str
        Customers whose first purchase falls in this window (both days included).
    years : int
        Tenure years counted, 1 to 100,000 (columns 0 .. years-1).
    by : str, optional
        A column that is constant per customer (e.g. ``member_level``); one
        row per value.  Default: one row, ``all``.

    Returns
    -------
    pandas.DataFrame
        Index: the values of ``by``; columns ``0 .. years-1``: customers still buying.

    Raises
    ------
    ValueError
        If the last anniversary counted lies after the end of the log.

    Examples
    --------
    >>> log = pd.DataFrame({"customer_id": [1, 1, 2, 3, 3], "date": pd.to_datetime(
    ...     ["2023-01-05", "2024-03-01", "2023-02-01", "2023-01-09", "2023-06-01"])})
    >>> table = survivors_by_tenure(log, joined_from="2023-01-01", joined_to="2023-01-31",
    ...                             years=2)
    >>> table.loc["all"].tolist()
    [2, 1]
    """

    count = as_count("years", years)
    columns = {"customer_col": customer_col, "date_col": date_col}
    as_frame("transactions", transactions, columns | ({"by": by} if by is not None else {}),
             what="a pandas DataFrame of purchases (read a file with load_transactions(path))")
    dates = _parse_dates(transactions[date_col], date_col, "the transactions", None)
    start = _date_argument("joined_from", joined_from)
    stop = _date_argument("joined_to", joined_to)
    frame = pd.DataFrame({"customer": transactions[customer_col].to_numpy(), "date": dates.to_numpy()})
    frame["group"] = transactions[by].to_numpy() if by is not None else "all"
    first = frame.groupby("customer")["date"].transform("min")
    last = frame.groupby("customer")["date"].transform("max")
    per_customer = pd.DataFrame({"customer": frame["customer"], "first": first, "last": last,
                                 "group": frame["group"]}).drop_duplicates("customer")
    chosen = per_customer[(per_customer["first"] >= start) & (per_customer["first"] <= stop)]
    if stop + pd.DateOffset(years=count - 1) > dates.max():
        raise ValueError(f"years={count} reaches past the end of the log ({dates.max():%Y-%m-%d}) for "
                         f"customers who joined by {stop:%Y-%m-%d}; choose fewer years or an earlier "
                         "window.")
    table = {}
    for t in range(count):
        anniversary = chosen["first"] + pd.DateOffset(years=t)
        table[t] = (chosen["last"] >= anniversary).groupby(chosen["group"]).sum()
    result = pd.DataFrame(table).fillna(0).astype(int)
    result.index.name = by
    return result


def _date_argument(name: str, value: object) -> pd.Timestamp:
    """A single date given as text, a datetime or a Timestamp, or a message naming the argument."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (str, pd.Timestamp, np.datetime64)) \
            and not hasattr(value, "isoformat"):
        raise TypeError(f"{name} must be a date such as '2023-01-01'; got {_describe(value)}.")
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        raise ValueError(f"{name} must be a date such as '2023-01-01'; got {_describe(value)}.") from None
    if pd.isna(stamp) or not 1900 <= stamp.year <= 2200:
        raise ValueError(f"{name} must be a date such as '2023-01-01' (years 1900 to 2200); got "
                         f"{_describe(value)}.")
    return stamp


def first_year_spend(
    transactions: pd.DataFrame,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
    *,
    by: str | None = None,
) -> pd.Series:
    """Average spend of a customer in their first year (365 days from the first purchase).

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase, dates as ``datetime64``.
    customer_col, date_col, amount_col : str
        Column names.
    by : str, optional
        A column constant per customer (e.g. ``member_level``): one average per value.

    Returns
    -------
    pandas.Series
        Money per customer in the first year, indexed by ``by`` (or ``all``).

    Examples
    --------
    >>> log = pd.DataFrame({"customer_id": [1, 1, 2], "amount": [5.0, 7.0, 4.0],
    ...     "date": pd.to_datetime(["2024-01-01", "2024-06-01", "2024-02-01"])})
    >>> first_year_spend(log).tolist()
    [8.0]
    """
    columns = {"customer_col": customer_col, "date_col": date_col, "amount_col": amount_col}
    as_frame("transactions", transactions, columns | ({"by": by} if by is not None else {}),
             what="a pandas DataFrame of purchases (read a file with load_transactions(path))")
    dates = _parse_dates(transactions[date_col], date_col, "the transactions", None)
    first = dates.groupby(transactions[customer_col]).transform("min")
    within = (dates < first + pd.Timedelta(days=365)).to_numpy()
    group = transactions[by] if by is not None else pd.Series("all", index=transactions.index)
    spend = transactions[amount_col][within].groupby(group[within]).sum()
    customers = transactions[customer_col].groupby(group).nunique()
    result = (spend / customers).rename("first_year_spend")
    result.index.name = by
    return result
