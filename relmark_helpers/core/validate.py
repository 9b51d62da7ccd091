"""Argument checks shared by the helper modules.

Every public helper turns its inputs into float arrays through these
functions, so that a student who passes ``80`` instead of ``0.8``, a string,
or ``NaN`` gets one clear message that names the argument, the value received
and the allowed range — never a traceback from inside numpy or pandas.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "MAX_CHART_PERIODS",
    "MAX_CUSTOMERS",
    "MAX_PERIODS",
    "UnknownName",
    "as_count",
    "chart_horizon",
    "as_float",
    "as_float_array",
    "as_frame",
    "as_periods",
    "choose",
    "finite_result",
    "scalar_or_array",
]

MAX_PERIODS = 100_000
"""Longest horizon any helper computes or draws, in periods (years, months, renewals ...)."""

MAX_CHART_PERIODS = 500
"""Longest horizon a chart or explorer draws, in periods."""

MAX_CUSTOMERS = 1_000_000
"""Most customers a helper simulates or draws at once."""


def _numeric_array(name: str, value: object, wanted: str) -> npt.NDArray[np.float64]:
    """``value`` as a float array, if it is a number or an array of numbers (not text, not bool)."""
    problem = value is None or isinstance(value, (str, bytes, bool, np.bool_))
    if not problem:
        try:
            raw = np.asarray(value)
        except (TypeError, ValueError, OverflowError):
            problem = True
        else:
            problem = raw.dtype.kind not in "iuf"
    if problem:
        raise TypeError(f"{name} must be {wanted}; got {_describe(value)}.")
    try:
        return np.asarray(value, dtype=float)
    except OverflowError:
        raise ValueError(f"{name} is too large to compute with; got {_describe(value)}.") from None


def _describe(value: object) -> str:
    """Short, readable description of a value for an error message."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, np.ndarray):
        if value.size <= 6:
            return repr(value.tolist())
        return f"an array of shape {value.shape}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _allowed_range(
    low: float | None, high: float | None, low_inclusive: bool, high_inclusive: bool
) -> str:
    """Say the allowed range in words: 'in [0, 1]', '> -1', '>= 0'."""
    if low is not None and high is not None:
        left = "[" if low_inclusive else "("
        right = "]" if high_inclusive else ")"
        return f"in {left}{low:g}, {high:g}{right}"
    if low is not None:
        return f"{'>=' if low_inclusive else '>'} {low:g}"
    if high is not None:
        return f"{'<=' if high_inclusive else '<'} {high:g}"
    return "a finite number"


def as_float_array(
    name: str,
    value: object,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    hint: str = "",
) -> npt.NDArray[np.float64]:
    """Convert ``value`` to a float array and check every element's range.

    Parameters
    ----------
    name : str
        Argument name used in the error message.
    value : float, array_like or pandas.Series
        The value to check.
    low, high : float, optional
        Allowed bounds; ``None`` leaves that side open.
    low_inclusive, high_inclusive : bool
        Whether each bound itself is allowed.
    hint : str
        Extra sentence appended to a range error (e.g. "Pass 0.8 for 80 %.").

    Returns
    -------
    numpy.ndarray
        Float array (0-d for a scalar).

    Raises
    ------
    TypeError
        If ``value`` is not a number or an array of numbers.
    ValueError
        If any element is NaN, infinite or outside the allowed range.
    """
    array = _numeric_array(name, value, "a number or an array of numbers")
    if np.isnan(array).any():
        raise ValueError(f"{name} must be a number, not NaN; got {_describe(value)}.")
    if np.isinf(array).any():
        raise ValueError(f"{name} must be finite; got {_describe(value)}.")
    bad = np.zeros(array.shape, dtype=bool)
    if low is not None:
        bad |= array < low if low_inclusive else array <= low
    if high is not None:
        bad |= array > high if high_inclusive else array >= high
    if bad.any():
        example = array[bad].flat[0]
        received = _describe(value) if array.ndim == 0 else f"{example:g} (among {_describe(value)})"
        message = f"{name} must be {_allowed_range(low, high, low_inclusive, high_inclusive)}; "
        message += f"got {received}."
        if hint:
            message += " " + hint
        raise ValueError(message)
    return array


def as_periods(name: str, value: object, *, maximum: float | None = MAX_PERIODS) -> npt.NDArray[np.float64]:
    """Check a horizon or a count: a non-negative whole number (or an array of them).

    Parameters
    ----------
    name : str
        Argument name used in the error message.
    value : int or array_like of int
        The value to check.
    maximum : float or None
        Largest value allowed (default :data:`MAX_PERIODS`); ``None`` for no limit,
        only where nothing is allocated or looped over per period.

    Returns a float array so that it broadcasts with the rates; every element
    is a whole number.
    """
    array = _numeric_array(name, value, "a whole number of periods (or None for no end)")
    if np.isnan(array).any() or np.isinf(array).any():
        raise ValueError(
            f"{name} must be a whole number of periods; got {_describe(value)}. "
            "Use periods=None for a relationship with no fixed end."
        )
    if (array < 0).any() or (array != np.round(array)).any():
        raise ValueError(
            f"{name} must be a whole number of periods >= 0; got {_describe(value)}."
        )
    if maximum is not None and (array > maximum).any():
        raise ValueError(
            f"{name} must be at most {maximum:,.0f}, the largest the workbook computes; "
            f"got {_describe(value)}."
        )
    return array


def as_float(name: str, value: object, **bounds: object) -> float:
    """One number, checked like :func:`as_float_array` (same keyword bounds), as a Python float.

    Raises
    ------
    TypeError
        If ``value`` is an array or list rather than a single number.
    """
    array = as_float_array(name, value, **bounds)  # type: ignore[arg-type]
    if array.ndim != 0:
        raise TypeError(f"{name} must be a single number; got {_describe(value)}.")
    return float(array)


def as_count(name: str, value: object, *, maximum: float | None = MAX_PERIODS) -> int:
    """One whole number >= 0 (a horizon or a count), checked like :func:`as_periods`, as an int."""
    array = as_periods(name, value, maximum=maximum)
    if array.ndim != 0:
        raise TypeError(f"{name} must be a single whole number; got {_describe(value)}.")
    return int(array)


def chart_horizon(name: str, value: object) -> int:
    """A chart's horizon: a whole number of periods from 1 to :data:`MAX_CHART_PERIODS`."""
    count = as_count(name, value, maximum=MAX_CHART_PERIODS)
    if count < 1:
        raise ValueError(f"{name} must be at least 1 period; got {_describe(value)}.")
    return count


def choose(name: str, value: object, options: tuple[str, ...]) -> str:
    """Check that ``value`` is one of ``options`` and return it."""
    if not isinstance(value, str) or value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {listed}; got {_describe(value)}.")
    return str(value)


def scalar_or_array(result: npt.NDArray[np.float64]) -> float | npt.NDArray[np.float64]:
    """Return a Python float for a 0-d result, the array otherwise.

    ``result`` is a number or an array of numbers; NaN and inf pass through
    unchanged (refuse them first with :func:`finite_result`).
    """
    array = _numeric_array("result", result, "a number or an array of numbers")
    return float(array) if array.ndim == 0 else result


def finite_result(result: object, **inputs: object) -> None:
    """Refuse a result that overflowed to inf or NaN, naming the inputs that led there.

    ``result`` is a number, an array or a pandas object; ``inputs`` are the
    arguments (name=value) the caller passed, shown in the message.
    """
    values = result.select_dtypes("number") if hasattr(result, "select_dtypes") else result
    with np.errstate(all="ignore"):
        array = np.asarray(values, dtype=float)
    if np.isfinite(array).all():
        return
    given = ", ".join(f"{name}={_describe(value)}" for name, value in inputs.items())
    raise ValueError(f"the result is too large to compute with for {given}: it overflows a float. "
                     "Use smaller values (rates as 0.8, not 80; money in thousands if needed).")


class UnknownName(KeyError, ValueError):
    """A name (exercise, claim, case fact ...) the workbook does not have.

    Both a KeyError (it is a failed look-up) and a ValueError (a bad argument),
    with the plain message as its text.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def as_frame(name: str, value: object, columns: dict[str, object] | list[str] | None = None,
             *, what: str = "a pandas DataFrame") -> pd.DataFrame:
    """Check that ``value`` is a DataFrame with the columns its caller names.

    Parameters
    ----------
    name : str
        The argument holding the table, named in the message.
    value : object
        The value to check.
    columns : dict or list, optional
        A dict: argument name -> column the caller asked for (e.g. ``{"date_col": "date"}``),
        each a text column name present in the table.  A list: columns the table must have.
    what : str
        What the table should be, in words, for the message.

    Raises
    ------
    TypeError
        ``value`` is not a DataFrame, or a column name is not text.
    ValueError
        A column is missing; the message lists the columns there are.
    """
    if not isinstance(value, pd.DataFrame):
        raise TypeError(f"{name} must be {what}; got {type(value).__name__} {_describe(value)}.")
    if isinstance(columns, (list, tuple)):  # columns the table itself must have
        missing = [c for c in columns if c not in value.columns]
        if missing:
            available = ", ".join(repr(str(c)) for c in value.columns) or "none"
            raise ValueError(f"{name} must have the column(s) {', '.join(map(repr, missing))} "
                             f"({what}); its columns are {available}.")
        return value
    for argument, column in (columns or {}).items():
        if not isinstance(column, str):
            raise TypeError(f"{argument} must be a column name (text); got {_describe(column)}.")
        if column not in value.columns:
            available = ", ".join(repr(str(c)) for c in value.columns) or "none"
            raise ValueError(f"{name} has no column for {argument}={column!r}; its columns are "
                             f"{available}. Pass the right column name.")
    return value
