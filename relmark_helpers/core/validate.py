"""Argument checks shared by the helper modules.

Every public helper turns its inputs into float arrays through these
functions, so that a student who passes ``80`` instead of ``0.8``, a string,
or ``NaN`` gets one clear message that names the argument, the value received
and the allowed range — never a traceback from inside numpy or pandas.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["as_float_array", "as_periods", "choose", "scalar_or_array"]


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


def as_periods(name: str, value: object) -> npt.NDArray[np.float64]:
    """Check a horizon: a non-negative whole number of periods (or an array of them).

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
    return array


def choose(name: str, value: object, options: tuple[str, ...]) -> str:
    """Check that ``value`` is one of ``options`` and return it."""
    if value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {listed}; got {_describe(value)}.")
    return str(value)


def scalar_or_array(result: npt.NDArray[np.float64]) -> float | npt.NDArray[np.float64]:
    """Return a Python float for a 0-d result, the array otherwise."""
    return float(result) if np.ndim(result) == 0 else result
