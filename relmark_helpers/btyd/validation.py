"""Hold-out validation of a fitted BG/NBD or Pareto/NBD model: the numbers behind the charts.

The model is fitted on the calibration period only; these functions compare
what it predicts for the hold-out period with what the customers then did.

* :func:`tracking` — cumulative repeat transactions of the whole cohort, week
  by week, actual against the model (the model knows only each customer's
  first-purchase date, not their calibration behaviour);
* :func:`conditional_expectations` — mean hold-out purchases of the customers
  grouped by their calibration frequency (0, 1, ..., 7+), actual against the
  model's conditional expectation given each customer's (x, t_x, T);
* :func:`holdout_errors` — per-customer and total errors.

Units: periods of the model (weeks for CDNOW), purchases per customer.

Introduced in notebook 06.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import pandas as pd

from relmark_helpers.btyd._common import check_rfm, check_summary
from relmark_helpers.core.validate import _describe, as_count, as_float_array, as_frame

__all__ = ["conditional_expectations", "holdout_errors", "holdout_predictions", "tracking"]


class FittedModel(Protocol):
    def expected_purchases(self, t: object, frequency: object, recency: object, T: object): ...

    def expected_cumulative_purchases(self, t: object): ...


_RFM = ("frequency", "recency", "T")


def _check_holdout(summary: object, needed: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The summary's columns ``needed`` as checked float arrays (numbers, finite; valid RFM)."""
    if isinstance(summary, pd.DataFrame):
        missing = [c for c in needed if c not in summary.columns]
        if missing:
            raise ValueError(f"the summary has no column {', '.join(repr(c) for c in missing)}; build "
                             "it with relmark_helpers.btyd.calibration_holdout(log).")
    index, columns = check_summary(summary, {c: c for c in needed})
    if all(c in columns for c in _RFM):
        check_rfm(*(columns[c] for c in _RFM), what="the summary's column", index=index)
    for column in set(needed) - set(_RFM):
        as_float_array(f"the summary's column {column!r}", columns[column], low=0.0)
    return columns


def _check_models(models: object, method: str) -> dict[str, FittedModel]:
    """``models`` as a non-empty dict of label (text) -> fitted model that has ``method``."""
    wanted = "a dict of label -> fitted model, e.g. {'BG/NBD': fit_bgnbd(summary)}"
    if not isinstance(models, dict) or not models:
        raise TypeError(f"models must be {wanted}; got {_describe(models)}.")
    for label, model in models.items():
        if not isinstance(label, str):
            raise TypeError(f"models' labels must be text; got {_describe(label)}.")
        if not callable(getattr(model, method, None)):
            raise TypeError(f"models[{label!r}] must be a fitted BG/NBD or Pareto/NBD model; got "
                            f"{type(model).__name__} {_describe(model)}.")
    return models


def tracking(weekly_actual: pd.Series, summary: pd.DataFrame,
             models: dict[str, FittedModel]) -> pd.DataFrame:
    """Cumulative repeat transactions per period: actual and each model's expectation.

    Parameters
    ----------
    weekly_actual : pandas.Series
        Repeat transactions in each period 1 .. n since the cohort's start
        (:func:`relmark_helpers.btyd.weekly_repeat_transactions`).
    summary : pandas.DataFrame
        From :func:`relmark_helpers.btyd.calibration_holdout` (needs ``first_purchase``).
    models : dict of str to fitted model
        Label -> fitted BG/NBD or Pareto/NBD model.

    Returns
    -------
    pandas.DataFrame
        Index: period 1 .. n; columns ``actual`` and one per model, cumulative
        repeat transactions of all customers at the end of each period.
    """
    if not isinstance(weekly_actual, pd.Series) or weekly_actual.empty:
        raise TypeError("weekly_actual must be a non-empty pandas Series of repeat transactions per "
                        f"period (weekly_repeat_transactions(...)); got {_describe(weekly_actual)}.")
    actual = as_float_array("weekly_actual", weekly_actual.to_numpy(), low=0.0)
    ends = as_float_array("weekly_actual's index (periods)", weekly_actual.index.to_numpy(), low=0.0)
    first = _check_holdout(summary, ("first_purchase",))["first_purchase"]
    models = _check_models(models, "expected_cumulative_purchases")
    starts, counts = np.unique(first, return_counts=True)
    ages = np.clip(ends[:, None] - starts[None, :], 0.0, None)  # periods x first-purchase times
    table = {"actual": np.cumsum(actual)}
    for label, model in models.items():
        expected = np.asarray(model.expected_cumulative_purchases(ages.ravel())).reshape(ages.shape)
        table[label] = expected @ counts
    return pd.DataFrame(table, index=weekly_actual.index)


def holdout_predictions(summary: pd.DataFrame, models: dict[str, FittedModel]) -> pd.DataFrame:
    """Each customer's hold-out purchases, actual and expected by each model.

    Returns
    -------
    pandas.DataFrame
        Same index as ``summary``; ``actual`` and one column per model
        (E[purchases in the hold-out period | x, t_x, T]).
    """
    columns = _check_holdout(summary, (*_RFM, "frequency_holdout", "duration_holdout"))
    models = _check_models(models, "expected_purchases")
    f, r, T = (columns[c] for c in _RFM)
    table = {"actual": columns["frequency_holdout"]}
    for label, model in models.items():
        table[label] = np.asarray(model.expected_purchases(columns["duration_holdout"], f, r, T))
    return pd.DataFrame(table, index=summary.index)


def conditional_expectations(summary: pd.DataFrame, models: dict[str, FittedModel], *,
                             top: int = 7) -> pd.DataFrame:
    """Mean hold-out purchases by calibration frequency (0 .. ``top``, then ``top``+): actual vs models.

    Returns
    -------
    pandas.DataFrame
        Index: frequency group (``"0"``, ..., ``"7+"``); columns ``customers``,
        ``actual`` and one per model (mean purchases per customer in the hold-out).
    """
    largest = as_count("top", top, maximum=1000)
    if largest < 1:
        raise ValueError(f"top must be a whole number from 1 to 1,000; got {_describe(top)}.")
    predictions = holdout_predictions(summary, models)
    top = largest
    groups = np.minimum(summary["frequency"].to_numpy(), top).astype(int)
    labels = [str(k) for k in range(top)] + [f"{top}+"]
    table = predictions.groupby(groups).mean()
    table.insert(0, "customers", predictions.groupby(groups).size())
    table.index = pd.Index([labels[k] for k in table.index], name="calibration frequency")
    return table


def holdout_errors(summary: pd.DataFrame, models: dict[str, FittedModel],
                   tracked: pd.DataFrame | None = None) -> pd.DataFrame:
    """Hold-out error numbers per model.

    Parameters
    ----------
    summary : pandas.DataFrame
        From :func:`relmark_helpers.btyd.calibration_holdout`.
    models : dict of str to fitted model
    tracked : pandas.DataFrame, optional
        From :func:`tracking`; adds the mean absolute percentage error of the
        cumulative tracking curve over the hold-out periods.

    Returns
    -------
    pandas.DataFrame
        One row per model: ``actual_total`` and ``predicted_total`` (hold-out
        purchases of all customers), ``total_error_pct`` (predicted / actual
        - 1, in %), ``mae`` and ``rmse`` (per customer, purchases),
        ``correlation`` (actual vs predicted across customers) and, with
        ``tracked``, ``tracking_mape_pct``.
    """
    predictions = holdout_predictions(summary, models)
    if tracked is not None:
        as_frame("tracked", tracked, ["actual", *models], what="the table tracking(...) returns")
        as_float_array("tracked", tracked[["actual", *models]].to_numpy(), low=0.0)
        as_float_array("tracked's index (periods)", tracked.index.to_numpy(), low=0.0)
    actual = predictions["actual"].to_numpy()
    rows = {}
    for label in models:
        predicted = predictions[label].to_numpy()
        error = predicted - actual
        row = {
            "actual_total": float(actual.sum()),
            "predicted_total": float(predicted.sum()),
            "total_error_pct": 100.0 * (predicted.sum() / actual.sum() - 1.0),
            "mae": float(np.mean(np.abs(error))),
            "rmse": float(np.sqrt(np.mean(error**2))),
            "correlation": float(np.corrcoef(actual, predicted)[0, 1]),
        }
        if tracked is not None:
            calibration_end = np.ceil(float(summary["T"].max()) - 1e-9)  # periods in calibration
            later = tracked.index.to_numpy() > calibration_end
            truth = tracked.loc[later, "actual"].to_numpy()
            row["tracking_mape_pct"] = float(100.0 * np.mean(np.abs(tracked.loc[later, label] / truth - 1)))
        rows[label] = row
    return pd.DataFrame(rows).T
