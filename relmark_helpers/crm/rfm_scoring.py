"""Classic RFM: recency, frequency and monetary value per customer, quantile scores, named segments.

Definitions (the CRM textbooks' ones, not the BTYD ones)
--------------------------------------------------------
For an observation end chosen by the analyst (the day the database is read),
purchases after it are dropped, and per customer:

``recency_days``
    days from the customer's last purchase to the observation end
    (最近一次消费, *time since the last purchase*): 0 = bought on the last
    day; **smaller is better**.
``frequency``
    number of purchases (rows of the log, the default) or number of distinct
    purchase days (``frequency="days"``), the first one included.
``monetary``
    total spend in the log up to the observation end (the default), or the
    mean spend per purchase (per purchase day with ``frequency="days"``):
    ``monetary="mean"``.

The BTYD summary of :func:`relmark_helpers.customer_data.transactions.rfm_summary`, which
the CLV models need, is different: its ``recency`` is the time from the first
to the last purchase (**larger is better**), its ``frequency`` counts repeat
purchase days (the first day left out) and its ``monetary_value`` is the mean
over repeat days.  With the same observation end and days as the unit,
classic ``recency_days`` = BTYD ``T`` - BTYD ``recency``.

Scores
------
:func:`rfm_scores` gives each of R, F and M a score from 1 (worst) to
``bins`` (best; 5 = quintiles) by cutting the customers' *ranks* into
``bins`` groups of (nearly) equal size with ``pandas.qcut``.  Tie rule:
ranks are taken with ``method="first"``, so customers with equal values get
consecutive ranks in the order of the table (sorted by customer id), and a
tie that straddles a cut is split between two adjacent scores.  For recency
the ranks are taken on the negated recency, so the customer listed first
again gets the lower score.

Segments
--------
:func:`rfm_segments` names each customer by the first :class:`SegmentRule`
whose score ranges contain their scores.  The rules are data
(:data:`DEFAULT_RULES`), so a class can change a threshold and see what
moves.

Introduced in notebook 07.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.validate import _describe, choose
from relmark_helpers.customer_data.transactions import (
    _check_columns,
    _check_ids,
    _codes,
    _day_numbers,
    _end_day,
    _parse_amounts,
)

__all__ = [
    "DEFAULT_RULES",
    "FREQUENCY_MEASURES",
    "MONETARY_MEASURES",
    "RFM_COLUMNS",
    "SCORE_COLUMNS",
    "SegmentRule",
    "rfm_scores",
    "rfm_segments",
    "rfm_table",
    "rules_table",
    "segment_label",
    "segment_summary",
]

FREQUENCY_MEASURES: tuple[str, ...] = ("purchases", "days")
"""Allowed ``frequency`` of :func:`rfm_table`: purchases (rows), or distinct purchase days."""

MONETARY_MEASURES: tuple[str, ...] = ("total", "mean")
"""Allowed ``monetary`` of :func:`rfm_table`: total spend, or mean spend per purchase (or day)."""

RFM_COLUMNS: tuple[str, ...] = ("recency_days", "frequency", "monetary")
"""Columns of :func:`rfm_table`."""

SCORE_COLUMNS: tuple[str, ...] = ("R", "F", "M")
"""Score columns of :func:`rfm_scores`."""

_MAX_BINS = 10


# --- the table --------------------------------------------------------------------------------

def rfm_table(
    transactions: pd.DataFrame,
    observation_end: object,
    *,
    customer_col: str = "customer_id",
    date_col: str = "date",
    amount_col: str = "amount",
    frequency: str = "purchases",
    monetary: str = "total",
) -> pd.DataFrame:
    """Classic recency, frequency and monetary value per customer at an observation end.

    Vectorised: one pass over the log, no loop over customers.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase (e.g. from
        :func:`relmark_helpers.customer_data.loyalty_club.load_loyalty_transactions`); dates
        as ``datetime64`` or text, amounts in money >= 0.
    observation_end : date or str
        The day the database is read, e.g. ``"2025-12-31"``.  Purchases
        after it are ignored; customers whose first purchase is after it are
        left out.
    customer_col, date_col, amount_col : str
        Column names.
    frequency : {"purchases", "days"}
        Count every purchase (default), or every distinct purchase day.
    monetary : {"total", "mean"}
        Total spend (default), or mean spend per unit of ``frequency``.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer id (sorted, named ``customer_col``), columns
        ``recency_days`` (int, days since the last purchase, >= 0),
        ``frequency`` (int, >= 1) and ``monetary`` (float, money).

    Raises
    ------
    TypeError
        If ``transactions`` is not a DataFrame.
    ValueError
        A missing column, missing ids, unreadable dates or amounts, an
        unknown ``frequency`` or ``monetary``, an ``observation_end`` that is
        not a date or falls before the first purchase.

    Examples
    --------
    >>> log = pd.DataFrame({"customer_id": ["a", "a", "a", "b"],
    ...                     "date": ["2025-03-01", "2025-03-01", "2025-04-10", "2025-04-29"],
    ...                     "amount": [12.0, 8.0, 14.0, 5.0]})
    >>> rfm_table(log, "2025-04-30").values.tolist()
    [[20.0, 3.0, 34.0], [1.0, 1.0, 5.0]]
    >>> rfm_table(log, "2025-04-30", frequency="days", monetary="mean").loc["a"].tolist()
    [20.0, 2.0, 17.0]
    """
    if not isinstance(transactions, pd.DataFrame):
        raise TypeError(f"transactions must be a pandas DataFrame; got {type(transactions).__name__}. "
                        "Read a file with load_transactions(path) first.")
    frequency = choose("frequency", frequency, FREQUENCY_MEASURES)
    monetary = choose("monetary", monetary, MONETARY_MEASURES)
    if observation_end is None:
        raise ValueError("observation_end must be a date such as '2025-12-31': recency is counted "
                         "back from it, so it has to be chosen, not guessed.")
    for argument, column, example in (("customer_col", customer_col, "customer_id"),
                                      ("date_col", date_col, "date"),
                                      ("amount_col", amount_col, "amount")):
        if not isinstance(column, str):
            raise TypeError(f"{argument} must be a column name (text), e.g. {argument}={example!r}; "
                            f"got {_describe(column)}.")
    _check_columns(transactions, {"customer_col": customer_col, "date_col": date_col,
                                  "amount_col": amount_col}, "the transactions")
    ids = transactions[customer_col]
    _check_ids(ids, customer_col, "the transactions")
    days = _day_numbers(transactions[date_col], date_col)
    amounts = _parse_amounts(transactions[amount_col], amount_col, "the transactions").to_numpy()
    end = _end_day(observation_end)
    keep = days <= end
    if not keep.any():
        first_day = np.datetime64(int(days.min()), "D") if len(days) else "no purchases"
        raise ValueError(f"observation_end {_describe(observation_end)} is before the first purchase "
                         f"({first_day}); choose a later day.")
    ids, days, amounts = ids[keep], days[keep], amounts[keep]
    codes, customers = _codes(ids)
    customers.name = customer_col
    n = len(customers)
    last = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(last, codes, days)
    if frequency == "purchases":
        count = np.bincount(codes, minlength=n)
    else:
        low = int(days.min())
        span = int(days.max()) - low + 1
        key = np.unique(codes * span + (days - low))
        count = np.bincount(key // span, minlength=n)
    total = np.bincount(codes, weights=amounts, minlength=n)
    value = total if monetary == "total" else total / count
    return pd.DataFrame({"recency_days": end - last, "frequency": count, "monetary": value},
                        index=customers)


# --- scores -----------------------------------------------------------------------------------

def _describe_table(value: object) -> str:
    if isinstance(value, pd.DataFrame):
        return f"a DataFrame with columns {list(value.columns)!r:.80}"
    return type(value).__name__


def _check_table(table: object, columns: Sequence[str], made_by: str) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"the table must be a pandas DataFrame from {made_by}; got "
                        f"{type(table).__name__}.")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"the table has no column {', '.join(repr(c) for c in missing)}; it needs "
                         f"{', '.join(repr(c) for c in columns)} (as {made_by} returns).")
    for column in columns:
        values = table[column]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            raise TypeError(f"column {column!r} must hold numbers; got {values.dtype}.")
        if values.isna().any():
            raise ValueError(f"column {column!r} has {int(values.isna().sum())} missing value(s), "
                             f"e.g. for customer {_describe(values.index[values.isna()][0])}.")
    return table


def _quantile_score(values: pd.Series, bins: int) -> np.ndarray:
    """Scores 1..bins from the ranks of ``values`` (ties: order of the table)."""
    ranks = values.rank(method="first")
    return pd.qcut(ranks, bins, labels=False).to_numpy().astype(int) + 1


def rfm_scores(table: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Quantile scores R, F and M from 1 (worst) to ``bins`` (best) for every customer.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`rfm_table`: columns ``recency_days``, ``frequency`` and ``monetary``.
    bins : int
        Number of score levels, 2 to 10; 5 (quintiles) is the textbook choice.
        The table needs at least ``bins`` customers.

    Returns
    -------
    pandas.DataFrame
        Same index, int columns ``R`` (a *small* recency scores high), ``F``
        and ``M`` (large values score high), each level holding a share of
        about 1/``bins`` of the customers, and ``RFM``, the three scores as
        text (``"545"``).  Tie rule: see the module docstring.

    Raises
    ------
    TypeError, ValueError
        A table without the columns, with missing values, or too few
        customers; ``bins`` not a whole number from 2 to 10.

    Examples
    --------
    >>> table = pd.DataFrame({"recency_days": [3, 40, 10, 90, 1],
    ...                       "frequency": [6, 2, 4, 1, 9],
    ...                       "monetary": [50.0, 12.0, 30.0, 4.0, 95.0]}, index=list("abcde"))
    >>> rfm_scores(table)["RFM"].tolist()
    ['444', '222', '333', '111', '555']
    """
    _check_table(table, RFM_COLUMNS, "rfm_table")
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or not 2 <= bins <= _MAX_BINS:
        raise ValueError(f"bins must be a whole number from 2 to {_MAX_BINS} (5 for quintiles); "
                         f"got {_describe(bins)}.")
    if len(table) < bins:
        raise ValueError(f"the table has {len(table)} customer(s), fewer than bins={bins}: each score "
                         "level needs at least one customer. Use fewer bins or more customers.")
    scores = pd.DataFrame({
        "R": _quantile_score(-table["recency_days"], bins),
        "F": _quantile_score(table["frequency"], bins),
        "M": _quantile_score(table["monetary"], bins),
    }, index=table.index)
    scores["RFM"] = scores["R"].astype(str) + scores["F"].astype(str) + scores["M"].astype(str)
    if bins == _MAX_BINS:  # two digits would make the code ambiguous
        scores["RFM"] = (scores["R"].astype(str) + "-" + scores["F"].astype(str) + "-"
                         + scores["M"].astype(str))
    return scores


# --- segments ---------------------------------------------------------------------------------

def _score_range(rule: str, name: str, value: object) -> tuple[int, int]:
    ok = (isinstance(value, tuple) and len(value) == 2
          and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in value))
    if not ok or not 1 <= value[0] <= value[1] <= _MAX_BINS:
        raise ValueError(f"segment rule {rule!r}: {name} must be a pair of whole scores (low, high) "
                         f"with 1 <= low <= high <= {_MAX_BINS}, e.g. (4, 5); got {_describe(value)}.")
    return int(value[0]), int(value[1])


@dataclass(frozen=True)
class SegmentRule:
    """One named segment: the score ranges it covers and what to do with its customers.

    Attributes
    ----------
    name : str
        Segment name, e.g. ``"champions"``.
    recency, frequency, monetary : tuple of int
        Inclusive score ranges (low, high) for R, F and M; (1, 5) = any score
        on the quintile scale.
    action : str
        What the firm should do with the segment (shown in tables).
    """

    name: str
    recency: tuple[int, int]
    frequency: tuple[int, int]
    monetary: tuple[int, int] = (1, 5)
    action: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"a segment rule needs a name; got {_describe(self.name)}.")
        for field_name in ("recency", "frequency", "monetary"):
            _score_range(self.name, field_name, getattr(self, field_name))

    def matches(self, scores: pd.DataFrame) -> np.ndarray:
        """Boolean array: which rows of ``scores`` (columns R, F, M) this rule covers."""
        if not isinstance(scores, pd.DataFrame) or any(c not in scores.columns for c in SCORE_COLUMNS):
            raise TypeError(f"scores must be a DataFrame with columns {', '.join(SCORE_COLUMNS)} (as "
                            f"rfm_scores returns); got {_describe_table(scores)}.")
        inside = np.ones(len(scores), dtype=bool)
        for column, (low, high) in zip(SCORE_COLUMNS, (self.recency, self.frequency, self.monetary),
                                       strict=True):
            values = scores[column].to_numpy()
            inside &= (values >= low) & (values <= high)
        return inside


DEFAULT_RULES: tuple[SegmentRule, ...] = (
    SegmentRule(N_("champions"), recency=(4, 5), frequency=(4, 5),
                action=N_("Thank and involve them: early access, events, ask for referrals; no discounts.")),
    SegmentRule(N_("loyal"), recency=(3, 5), frequency=(3, 5),
                action=N_("Deepen the relationship: member level up, cross-selling, a personal contact.")),
    SegmentRule(N_("new"), recency=(4, 5), frequency=(1, 2),
                action=N_("Welcome them and earn the second and third visit: onboarding, a return offer.")),
    SegmentRule(N_("at risk"), recency=(1, 2), frequency=(3, 5),
                action=N_("Win them back now: ask what went wrong, a personal offer, fix the cause.")),
    SegmentRule(N_("need attention"), recency=(3, 3), frequency=(1, 2),
                action=N_("A timely reminder or small offer before they drift away.")),
    SegmentRule(N_("hibernating"), recency=(1, 2), frequency=(1, 2),
                action=N_("Cheap reminders at most; do not spend much on them.")),
)
"""The workbook's segments on the quintile (5-level) R and F scores, in priority order.

Together they cover every (R, F) pair once; M is not used (any score).
Champions: R 4-5, F 4-5.  Loyal: R 3-5, F 3-5 (not champions).  New: R 4-5,
F 1-2.  At risk: R 1-2, F 3-5.  Need attention: R 3, F 1-2.  Hibernating:
R 1-2, F 1-2.
"""


def _check_rules(rules: object) -> tuple[SegmentRule, ...]:
    if (isinstance(rules, (SegmentRule, str, bytes)) or not isinstance(rules, Sequence)
            or not rules):
        raise TypeError("rules must be a non-empty list of SegmentRule, e.g. DEFAULT_RULES; got "
                        f"{_describe(rules)}.")
    for rule in rules:
        if not isinstance(rule, SegmentRule):
            raise TypeError(f"rules must hold only SegmentRule objects, e.g. "
                            f"SegmentRule('loyal', recency=(3, 5), frequency=(3, 5)); got "
                            f"{_describe(rule)} among them.")
    names = [rule.name for rule in rules]
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise ValueError(f"rules must have unique segment names; {', '.join(map(repr, doubled))} "
                         "appear twice. Rename or drop one of them.")
    return tuple(rules)


def rfm_segments(scores: pd.DataFrame, rules: Sequence[SegmentRule] = DEFAULT_RULES) -> pd.Series:
    """Name every customer's segment: the first rule whose score ranges contain their scores.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`rfm_scores`: int columns ``R``, ``F`` and ``M``.
    rules : sequence of SegmentRule
        In priority order (an earlier rule wins); default :data:`DEFAULT_RULES`
        (quintile scores).  Every customer must be covered by some rule.

    Returns
    -------
    pandas.Series
        Categorical, named ``segment``, categories in the order of ``rules``.

    Raises
    ------
    TypeError, ValueError
        Scores without the columns; rules that are not SegmentRule, have
        duplicate names, or leave a customer without a segment (the message
        names the scores that no rule covers).

    Examples
    --------
    >>> scores = pd.DataFrame({"R": [5, 1, 3], "F": [5, 4, 1], "M": [5, 3, 2]}, index=list("xyz"))
    >>> rfm_segments(scores).tolist()
    ['champions', 'at risk', 'need attention']
    """
    _check_table(scores, SCORE_COLUMNS, "rfm_scores")
    rules = _check_rules(rules)
    conditions = [rule.matches(scores) for rule in rules]
    covered = np.logical_or.reduce(conditions)
    if not covered.all():
        row = scores[~covered].iloc[0]
        raise ValueError(
            f"{int((~covered).sum())} customer(s) fit no segment rule, e.g. scores R={row['R']}, "
            f"F={row['F']}, M={row['M']}. Widen a rule or end the list with a catch-all rule "
            "such as SegmentRule('others', recency=(1, 5), frequency=(1, 5)).")
    names = np.select(conditions, [rule.name for rule in rules], default="")
    categories = [rule.name for rule in rules]
    return pd.Series(pd.Categorical(names, categories=categories), index=scores.index, name="segment")


def segment_label(name: str) -> str:
    """A segment's name as a reader sees it, in the workbook's current language.

    The name stays the key in code (``segments == "champions"``,
    ``summary.loc["champions"]``); this is only for printing it.  The
    segments of :data:`DEFAULT_RULES` have their Chinese in the message
    catalogue (``"champions"`` -> 冠军客户 in the Chinese edition); a name of
    your own rule is returned as it is.  Introduced in notebook 07.

    Parameters
    ----------
    name : str
        A segment name, e.g. ``"champions"`` or ``"at risk"``.

    Returns
    -------
    str
        The name in the current language (unchanged in English).

    Examples
    --------
    >>> segment_label("at risk")
    'at risk'
    """
    if not isinstance(name, str) or not name.strip():
        raise TypeError(f"name must be a segment name such as 'champions'; got {_describe(name)}.")
    return _(name)


def rules_table(rules: Sequence[SegmentRule] = DEFAULT_RULES) -> pd.DataFrame:
    """The rules as a table to read: segment, score ranges of R, F and M, action.

    The index holds the segment names (the keys, shown translated in the
    Chinese edition); ``action`` is in the workbook's current language (the
    default rules' actions through the message catalogue; an action of your
    own rule as it is written).

    Examples
    --------
    >>> rules_table().loc["champions", ["R", "F"]].tolist()
    ['4-5', '4-5']
    """
    rules = _check_rules(rules)

    def shown(pair: tuple[int, int]) -> str:
        return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]}-{pair[1]}"

    return pd.DataFrame({
        "R": [shown(r.recency) for r in rules],
        "F": [shown(r.frequency) for r in rules],
        "M": [shown(r.monetary) for r in rules],
        "action": [_(r.action) if r.action else "" for r in rules],
    }, index=pd.Index([r.name for r in rules], name="segment"))


def segment_summary(
    table: pd.DataFrame,
    segments: pd.Series,
    *,
    revenue: pd.Series | None = None,
) -> pd.DataFrame:
    """Size, revenue and average RFM values of each segment.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`rfm_table`.
    segments : pandas.Series
        From :func:`rfm_segments`, same index as ``table``.
    revenue : pandas.Series, optional
        Spend per customer (money) to add up per segment; default
        ``table["monetary"]``, which is total spend when the table was made
        with ``monetary="total"``.  Pass the total spend if it was not.

    Returns
    -------
    pandas.DataFrame
        One row per segment category (empty segments included, with 0
        customers), columns ``customers``, ``share_of_customers`` (0-1),
        ``revenue`` (money), ``share_of_revenue`` (0-1),
        ``mean_recency_days``, ``mean_frequency`` (NaN for an empty segment).
    """
    _check_table(table, RFM_COLUMNS, "rfm_table")
    if not isinstance(segments, pd.Series) or not isinstance(segments.dtype, pd.CategoricalDtype):
        raise TypeError("segments must be the categorical Series that rfm_segments returns; got "
                        f"{type(segments).__name__}.")
    if not segments.index.equals(table.index):
        raise ValueError("segments and table must describe the same customers in the same order; "
                         "make both from the same rfm_table.")
    money = table["monetary"] if revenue is None else revenue
    if not isinstance(money, pd.Series) or not money.index.equals(table.index):
        raise ValueError("revenue must be a Series with the same customers (index) as the table.")
    frame = pd.DataFrame({"segment": segments, "revenue": money.astype(float),
                          "recency_days": table["recency_days"], "frequency": table["frequency"]})
    grouped = frame.groupby("segment", observed=False)
    summary = pd.DataFrame({
        "customers": grouped.size(),
        "revenue": grouped["revenue"].sum(),
        "mean_recency_days": grouped["recency_days"].mean(),
        "mean_frequency": grouped["frequency"].mean(),
    })
    summary.insert(1, "share_of_customers", summary["customers"] / summary["customers"].sum())
    total = summary["revenue"].sum()
    summary.insert(3, "share_of_revenue", summary["revenue"] / total if total > 0 else 0.0)
    summary.index.name = "segment"
    return summary
