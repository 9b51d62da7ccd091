"""Dates in the workbook's language: ``30 January 2000`` in English, ``2000 年 1 月 30 日`` in Chinese.

A date a notebook prints or a plot writes goes through :func:`format_date`, whose
layouts and month names are catalogue messages (see :mod:`relmark_helpers.core.messages`):
the English layout ``{day:02d} {month} {year}`` becomes ``{year} 年 {month} {day} 日`` in
Chinese, where the month's name ``January`` is ``1 月`` (the Chinese edition sets a space between
digits and Chinese characters throughout, dates included).  Day and year are plain integers,
so a translation writes them without zero padding (no glibc-only ``%-d``, no locale).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from relmark_helpers.core.messages import N_, _

__all__ = ["format_date"]

DATE_LAYOUTS: dict[str, str] = {
    "day": N_("{day:02d} {month} {year}"),
    "month": N_("{month} {year}"),
}
"""The layout of a date by precision: a whole date, or a month and year (catalogue messages;
fields ``year``, ``month`` (the month's name from :data:`MONTH_NAMES`) and ``day`` (1-31))."""

MONTH_NAMES: tuple[str, ...] = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
    N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)
"""The months' names, January first (catalogue messages: ``1 月`` .. ``12 月`` in Chinese)."""


def format_date(day: dt.date | pd.Timestamp | np.datetime64, precision: str = "day") -> str:
    """A date as the current language writes it.

    Parameters
    ----------
    day : datetime.date, datetime.datetime, pandas.Timestamp or numpy.datetime64
        The date (a time of day is ignored; a time zone is kept as given).
        ``NaT`` is refused.
    precision : {"day", "month"}, default "day"
        ``"day"`` writes day, month and year (``30 January 2000``,
        ``2000 年 1 月 30 日``); ``"month"`` writes month and year only
        (``November 2000``, ``2000 年 11 月``).

    Returns
    -------
    str
        The date in the language of :func:`~relmark_helpers.core.messages.set_language`.

    Raises
    ------
    TypeError
        If ``day`` is not a date or ``precision`` is not a string.
    ValueError
        If ``day`` is ``NaT`` or ``precision`` is neither ``"day"`` nor ``"month"``.

    Examples
    --------
    >>> format_date(pd.Timestamp("2000-01-30")), format_date(pd.Timestamp("2000-11-30"), "month")
    ('30 January 2000', 'November 2000')
    """
    if not isinstance(precision, str):
        raise TypeError(f"precision must be 'day' or 'month'; got precision={precision!r}.")
    if precision not in DATE_LAYOUTS:
        raise ValueError(f"precision must be 'day' or 'month'; got precision={precision!r}.")
    if isinstance(day, bool) or not isinstance(day, dt.date | np.datetime64):
        raise TypeError("day must be a date (datetime.date, pandas.Timestamp or numpy.datetime64); "
                        f"got day={day!r} of type {type(day).__name__}.")
    stamp = pd.Timestamp(day)
    if pd.isna(stamp):
        raise ValueError(f"day must be a date, not a missing one; got day={day!r}.")
    month = _(MONTH_NAMES[stamp.month - 1])
    return _(DATE_LAYOUTS[precision], year=stamp.year, month=month, day=stamp.day)
