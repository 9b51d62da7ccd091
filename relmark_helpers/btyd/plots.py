"""Charts of notebook 06: does the model predict the hold-out period?  ``plot_*(..., *, ax=None) -> Axes``.

Numbers come from :mod:`relmark_helpers.btyd.validation`; this module only draws.

Introduced in notebook 06.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from relmark_helpers.core.dates import format_date
from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.style import axes_or_new, color
from relmark_helpers.core.validate import MAX_PERIODS, as_count, as_float, as_float_array, as_frame, choose

__all__ = ["plot_conditional_expectations", "plot_tracking", "plot_validation"]

_MODEL_COLOURS = ("orange", "green", "purple", "red")
_MODEL_STYLES = ("--", "-.", ":", (0, (5, 1)))


_PERIOD_LABELS: dict[str, tuple[str, str]] = {
    "week": (N_("weeks since {start}"), N_("mean purchases in the {count}-week hold-out period")),
    "day": (N_("days since {start}"), N_("mean purchases in the {count}-day hold-out period")),
    "month": (N_("months since {start}"), N_("mean purchases in the {count}-month hold-out period")),
}
"""Axis labels by period unit: the tracking chart's x axis and the conditional-expectation
chart's y axis (whole messages per unit, so that no language has to form a plural)."""

_COHORT_START = pd.Timestamp("1997-01-01")
"""The first day of the CDNOW cohort's weekly tracking (its first purchases are in Q1 1997)."""

_ERROR_COLUMNS = ("actual_total", "predicted_total", "total_error_pct", "mae", "rmse")


def _number_table(name: str, table: object, columns: list[str], made_by: str) -> pd.DataFrame:
    """``table`` as a non-empty DataFrame with ``columns``, every number in it finite, checked by name."""
    frame = as_frame(name, table, columns, what=f"the table {made_by} returns")
    if frame.empty:
        raise ValueError(f"{name} is empty; pass the table {made_by} returns.")
    numbers = frame.select_dtypes("number")
    if numbers.shape[1] != frame.shape[1]:
        text = [str(c) for c in frame.columns if c not in numbers.columns]
        raise TypeError(f"{name} must hold only numbers; its column(s) {', '.join(text)} do not.")
    as_float_array(name, numbers.to_numpy(dtype=float))
    return frame


def _tracked(tracked: object) -> pd.DataFrame:
    frame = _number_table("tracked", tracked, ["actual"], "tracking(...)")
    as_float_array("tracked's index (periods)", frame.index.to_numpy(), low=0.0)
    return frame


def _calibration_periods(value: object) -> float:
    return as_float("calibration_periods", value, low=0.0, high=MAX_PERIODS)


def _unit(value: object) -> str:
    return choose("unit", value, tuple(_PERIOD_LABELS))


def _start(value: object) -> str:
    """``value`` written as a date in the current language, checked as the argument ``start``."""
    try:
        return format_date(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as error:
        raise type(error)("start must be a date (datetime.date, pandas.Timestamp or numpy.datetime64); "
                          f"got start={value!r}.") from None


def _models(table: pd.DataFrame, skip: tuple[str, ...]) -> list[str]:
    return [c for c in table.columns if c not in skip]


def plot_tracking(tracked: pd.DataFrame, *, calibration_periods: float = 39, unit: str = "week",
                  start: pd.Timestamp = _COHORT_START, ax: Axes | None = None) -> Axes:
    """Cumulative repeat transactions of the cohort, actual against each model.

    Parameters
    ----------
    tracked : pandas.DataFrame
        From :func:`relmark_helpers.btyd.validation.tracking`: index period
        1 .. n, column ``actual`` and one column per model.
    calibration_periods : float
        Periods in the calibration period (a vertical line marks its end).
    unit : {"week", "day", "month"}, default "week"
        The length of one period, for the axis label.
    start : datetime.date or pandas.Timestamp, default 1 January 1997
        The cohort's first day, for the axis label (written by
        :func:`~relmark_helpers.core.dates.format_date` in the workbook's language).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    tracked = _tracked(tracked)
    calibration_periods = _calibration_periods(calibration_periods)
    since = _PERIOD_LABELS[_unit(unit)][0]
    start_text = _start(start)
    ax = axes_or_new(ax, figsize=(8.0, 4.5))
    periods = tracked.index.to_numpy()
    ax.plot(periods, tracked["actual"], color=color("blue"), lw=2.5, label=_("actual"))
    for k, label in enumerate(_models(tracked, ("actual",))):
        ax.plot(periods, tracked[label], color=color(_MODEL_COLOURS[k % 4]), lw=2,
                ls=_MODEL_STYLES[k % 4], label=_(label))
    ax.axvline(calibration_periods, color=color("grey"), lw=1.2, ls=":")
    top = float(np.nanmax(tracked.to_numpy()))
    ax.text(calibration_periods - 1, 0.96 * top, _("calibration"), ha="right", va="top", fontsize=9.5,
            color=color("grey"))
    ax.text(calibration_periods + 1, 0.96 * top, _("hold-out"), ha="left", va="top", fontsize=9.5,
            color=color("grey"))
    ax.set(title=_("Cumulative repeat transactions: model against actual"),
           xlabel=_(since, start=start_text),
           ylabel=_("repeat transactions (cumulative)"),
           xlim=(0, periods.max()), ylim=(0, None))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:,.0f}"))
    ax.legend(loc="lower right", fontsize=9.5)
    return ax


def plot_conditional_expectations(table: pd.DataFrame, *, holdout_periods: int = 39,
                                  unit: str = "week", ax: Axes | None = None) -> Axes:
    """Mean hold-out purchases by calibration frequency, actual against each model.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`relmark_helpers.btyd.validation.conditional_expectations`.
    holdout_periods : int, default 39
        Length of the hold-out period in ``unit`` (0 .. 100,000), for the axis label.
    unit : {"week", "day", "month"}, default "week"
        The length of one period.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    table = _number_table("table", table, ["actual", "customers"], "conditional_expectations(...)")
    holdout_periods = as_count("holdout_periods", holdout_periods)
    holdout = _PERIOD_LABELS[_unit(unit)][1]
    ax = axes_or_new(ax, figsize=(8.0, 4.5))
    groups = np.arange(len(table))
    ax.plot(groups, table["actual"], "o-", color=color("blue"), lw=2.5, ms=7, label=_("actual"))
    for k, label in enumerate(_models(table, ("actual", "customers"))):
        ax.plot(groups, table[label], "s", color=color(_MODEL_COLOURS[k % 4]), ls=_MODEL_STYLES[k % 4],
                lw=1.8, ms=6, label=_(label))
    ax.set_xticks(groups, [f"{g}\n({n:,})" for g, n in zip(table.index, table["customers"], strict=True)])
    ax.set(title=_("Hold-out purchases by calibration frequency"),
           xlabel=_("repeat purchases in the calibration period (customers)"),
           ylabel=_(holdout, count=holdout_periods), ylim=(0, None))
    ax.legend(loc="upper left", fontsize=9.5)
    return ax


def plot_validation(tracked: pd.DataFrame, table: pd.DataFrame, errors: pd.DataFrame, *,
                    calibration_periods: float = 39) -> Figure:
    """Tracking chart and conditional-expectation chart side by side, with the hold-out errors below.

    Parameters
    ----------
    tracked, table, errors : pandas.DataFrame
        From :func:`~relmark_helpers.btyd.validation.tracking`,
        :func:`~relmark_helpers.btyd.validation.conditional_expectations` and
        :func:`~relmark_helpers.btyd.validation.holdout_errors`.
    calibration_periods : float
        Periods in the calibration period.

    Returns
    -------
    matplotlib.figure.Figure
    """
    _tracked(tracked)
    _calibration_periods(calibration_periods)
    _number_table("table", table, ["actual", "customers"], "conditional_expectations(...)")
    _number_table("errors", errors, list(_ERROR_COLUMNS), "holdout_errors(...)")
    figure, (left, right) = plt.subplots(1, 2, figsize=(13.0, 5.4), layout="constrained")
    plot_tracking(tracked, calibration_periods=calibration_periods, ax=left)
    plot_conditional_expectations(table, ax=right)
    lines = []
    for label, row in errors.iterrows():
        text = _("{model}: hold-out total {predicted:,.0f} predicted vs {actual:,.0f} actual "
                 "({error:+.1f} %); per customer MAE {mae:.2f}, RMSE {rmse:.2f} purchases",
                 model=_(label), predicted=row["predicted_total"], actual=row["actual_total"],
                 error=row["total_error_pct"], mae=row["mae"], rmse=row["rmse"])
        if "tracking_mape_pct" in row:
            text += _("; tracking error {error:.1f} % (hold-out weeks)", error=row["tracking_mape_pct"])
        lines.append(text)
    figure.supxlabel("\n".join(lines), fontsize=10, x=0.01, ha="left")
    return figure
