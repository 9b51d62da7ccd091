"""The CDNOW purchase log: loading it, and the calibration / hold-out split of the papers.

CDNOW was an online music store.  Its cohort of 23,570 customers who bought
for the first time in the first quarter of 1997 is tracked to the end of June
1998 (Fader & Hardie 2001; Hardie's note on the CDNOW master data set).  The
1/10 sample of 2,357 of them is the data set of Fader, Hardie & Lee (2005) and
Fader & Hardie (2013).  Both ship in ``data/`` (see ``data/README.md``):

``cdnow_master.csv`` and ``cdnow_sample.csv``
    one row per purchase record: ``customer_id`` (text), ``date`` (the
    original ``yyyymmdd`` integer), ``quantity`` (CDs) and ``amount`` (US$);
    the sample also has ``master_id``, the customer's id in the master file.

Time is measured in **weeks of 7 days**: recency and T are days / 7, as in the
papers.  The calibration period is 1997-01-01 to 1997-09-30 (39 weeks), the
hold-out period the next 39 weeks, 1997-10-01 to 1998-06-30.  Several records
of one customer on one day count as one transaction (lifetimes' and
:func:`relmark_helpers.customer_data.transactions.rfm_summary`'s definition), which gives the
published summary: 2,357 customers, 946 of them with repeat purchases.

``python -m relmark_helpers.btyd.cdnow --build`` rewrites both CSV files from
the text files inside the lifetimes 0.11.3 package and prints their checksums.

Introduced in notebook 06.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from relmark_helpers.core.bundled_data import DATA_DIR, data_path
from relmark_helpers.core.validate import _describe, as_count, as_float, as_frame
from relmark_helpers.customer_data.transactions import _date_argument, load_transactions, rfm_summary

__all__ = [
    "CALIBRATION_END",
    "COHORT_START",
    "DAYS_PER_WEEK",
    "HOLDOUT_END",
    "calibration_holdout",
    "load_cdnow",
    "weekly_repeat_transactions",
]

COHORT_START = pd.Timestamp("1997-01-01")
"""First day of the cohort's first purchases (and of week 1)."""
CALIBRATION_END = pd.Timestamp("1997-09-30")
"""Last day of the 39-week calibration period."""
HOLDOUT_END = pd.Timestamp("1998-06-30")
"""Last day of the 39-week hold-out period (the end of the log)."""
DAYS_PER_WEEK = 7.0

MASTER_FILE = "cdnow_master.csv"
SAMPLE_FILE = "cdnow_sample.csv"
CHECKSUM_FILE = "cdnow.sha256"
MAX_CHART_WEEKS = 520  # ten years of weeks: the longest tracking chart the workbook draws


def load_cdnow(sample: bool = True) -> pd.DataFrame:
    """The CDNOW purchase log, read and checked by :func:`~.transactions.load_transactions`.

    Parameters
    ----------
    sample : bool
        True (default): the 1/10 sample of 2,357 customers (6,919 records)
        used in the papers; False: the whole cohort of 23,570 customers
        (69,659 records).

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id`` (text), ``date`` (``datetime64``, from the
        ``yyyymmdd`` integers), ``quantity`` (CDs), ``amount`` (US$, >= 0)
        and, in the sample, ``master_id``.
    """
    if not isinstance(sample, (bool, np.bool_)):
        raise TypeError(f"sample must be True (the 1/10 sample) or False (the whole cohort); "
                        f"got {_describe(sample)}.")
    path = data_path(SAMPLE_FILE if sample else MASTER_FILE)
    log = load_transactions(path, date_format="%Y%m%d")
    if "master_id" in log.columns:
        log["master_id"] = log["master_id"].astype(str).str.zfill(5)
    return log


def _log_with_columns(log: object, named: dict[str, object]) -> pd.DataFrame:
    """``log`` as a DataFrame holding every column named by the arguments in ``named``."""
    log = as_frame("log", log)
    for name, column in named.items():
        if not isinstance(column, str):
            raise TypeError(f"{name} must be a column name (text); got {_describe(column)}.")
        if column not in log.columns:
            raise ValueError(f"{name}: the log has no column {column!r}; its columns are "
                             f"{', '.join(repr(str(c)) for c in log.columns)}.")
    return log


def calibration_holdout(
    log: pd.DataFrame,
    *,
    calibration_end: object = CALIBRATION_END,
    holdout_end: object = HOLDOUT_END,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str | None = "amount",
    days_per_period: float = DAYS_PER_WEEK,
) -> pd.DataFrame:
    """Per-customer summary of a calibration period and the purchases in the hold-out period.

    Parameters
    ----------
    log : pandas.DataFrame
        One row per purchase (e.g. from :func:`load_cdnow`).
    calibration_end, holdout_end : date or str
        Last days of the calibration and the hold-out period.
    customer_col, date_col, amount_col : str
        Column names (``amount_col=None``: no spend columns).
    days_per_period : float
        Days in the model's time unit (7: weeks, the papers' unit).

    Returns
    -------
    pandas.DataFrame
        Indexed by customer (those who bought first by ``calibration_end``):
        ``frequency``, ``recency``, ``T`` (periods), ``monetary_value`` (mean
        repeat spend in calibration), ``first_purchase`` (periods from the
        earliest first purchase of the log), ``frequency_holdout``
        (transactions in the hold-out period), ``monetary_holdout`` (their
        mean spend, 0 if none) and ``duration_holdout`` (periods).
    """
    calibration_end = _date_argument("calibration_end", calibration_end)
    holdout_end = _date_argument("holdout_end", holdout_end)
    days_per_period = as_float("days_per_period", days_per_period, low=1.0, high=366.0,
                               hint="7 for weeks, 1 for days")
    named = {"customer_col": customer_col, "date_col": date_col}
    if amount_col is not None:
        named["amount_col"] = amount_col
    log = _log_with_columns(log, named)
    if holdout_end <= calibration_end:
        raise ValueError(f"holdout_end must be after calibration_end; got {holdout_end:%Y-%m-%d} <= "
                         f"{calibration_end:%Y-%m-%d}.")
    summary = rfm_summary(log, customer_col, date_col, amount_col, observation_end=calibration_end)
    summary[["recency", "T"]] /= days_per_period
    dates = pd.to_datetime(log[date_col])
    first = dates.groupby(log[customer_col]).min().reindex(summary.index)
    summary["first_purchase"] = (first - dates.min()).dt.days.to_numpy() / days_per_period
    later = (dates > calibration_end) & (dates <= holdout_end)
    holdout = log.loc[later]
    days = pd.to_datetime(holdout[date_col]).dt.floor("D")
    per_day = holdout.groupby([holdout[customer_col], days])
    counts = per_day.size().groupby(level=0).size()
    summary["frequency_holdout"] = counts.reindex(summary.index, fill_value=0).astype(float)
    if amount_col is not None:
        spend = holdout.groupby(customer_col)[amount_col].sum().reindex(summary.index, fill_value=0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = spend.to_numpy() / summary["frequency_holdout"].to_numpy()
        summary["monetary_holdout"] = np.where(summary["frequency_holdout"] > 0, mean, 0.0)
    summary["duration_holdout"] = (holdout_end - calibration_end).days / days_per_period
    return summary


def weekly_repeat_transactions(
    log: pd.DataFrame,
    *,
    start: object = COHORT_START,
    periods: int = 78,
    customer_col: str = "customer_id",
    date_col: str = "date",
    days_per_period: float = DAYS_PER_WEEK,
) -> pd.Series:
    """Repeat transactions of the whole log in each period since ``start`` (for a tracking chart).

    A transaction is a (customer, day) with a purchase; a customer's first
    purchase day is not a repeat transaction.

    Returns
    -------
    pandas.Series
        Index 1 .. ``periods`` (period number), values: repeat transactions
        in that period.  ``.cumsum()`` gives the cumulative tracking curve.
    """
    start = _date_argument("start", start)
    periods = as_count("periods", periods, maximum=MAX_CHART_WEEKS)
    if periods < 1:
        raise ValueError(f"periods must be at least 1; got {periods}.")
    days_per_period = as_float("days_per_period", days_per_period, low=1.0, high=366.0,
                               hint="7 for weeks, 1 for days")
    log = _log_with_columns(log, {"customer_col": customer_col, "date_col": date_col})
    days = pd.to_datetime(log[date_col]).dt.floor("D")
    pairs = pd.DataFrame({"customer": log[customer_col].to_numpy(), "day": days.to_numpy()})
    pairs = pairs.drop_duplicates()
    first = pairs.groupby("customer")["day"].transform("min")
    repeat = pairs.loc[pairs["day"] > first, "day"]
    period = np.floor((repeat - pd.Timestamp(start)).dt.days.to_numpy() / days_per_period).astype(int) + 1
    counts = np.bincount(period[(period >= 1) & (period <= periods)], minlength=periods + 1)[1:]
    return pd.Series(counts.astype(float), index=pd.RangeIndex(1, periods + 1, name="week"),
                     name="repeat_transactions")


# --- building the CSV files from lifetimes' copy ---------------------------------------------------

def _lifetimes_file(name: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec("lifetimes")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("lifetimes is not installed: pip install lifetimes==0.11.3")
    return Path(spec.origin).parent / "datasets" / name


def _read_sources() -> tuple[pd.DataFrame, pd.DataFrame]:
    master = pd.read_csv(_lifetimes_file("CDNOW_master.txt"), sep=r"\s+", dtype={"customer_id": str})
    master = master.rename(columns={"number_of_cds": "quantity", "dollar_value": "amount"})
    sample = pd.read_csv(_lifetimes_file("CDNOW_sample.txt"), sep=r"\s+", header=None,
                         names=["master_id", "customer_id", "date", "quantity", "amount"],
                         dtype={"master_id": str, "customer_id": str})
    sample = sample[["customer_id", "date", "quantity", "amount", "master_id"]]
    return master, sample


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, float_format="%.2f", lineterminator="\n").encode("utf-8")


def build_cdnow_files(directory: str | Path = DATA_DIR) -> dict[str, str]:
    """Write ``cdnow_master.csv``, ``cdnow_sample.csv`` and their checksum file from lifetimes' copy.

    Returns
    -------
    dict of str to str
        File name -> SHA-256 hex digest.
    """
    folder = Path(directory)
    master, sample = _read_sources()
    contents = {MASTER_FILE: _csv_bytes(master), SAMPLE_FILE: _csv_bytes(sample)}
    digests = {}
    for name, data in contents.items():
        (folder / name).write_bytes(data)
        digests[name] = hashlib.sha256(data).hexdigest()
    (folder / CHECKSUM_FILE).write_text("".join(f"{d}  {n}\n" for n, d in digests.items()),
                                        encoding="utf-8")
    return digests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the CDNOW CSV files from lifetimes' copy.")
    parser.add_argument("--build", action="store_true", help="write the files into --out")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    if not args.build:
        parser.print_help()
        return 0
    for name, digest in build_cdnow_files(args.out).items():
        print(f"wrote {name} (sha256 {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
