"""The capstone of notebook 10: segments from the loyalty-club data, plan economics, and checks.

A student plans a relationship programme for the café chain of notebook 05.
This module gives them the data work (:func:`segment_table`), the sums for a
plan (:func:`plan_economics`, :func:`stress_test`) and checks that catch the
common mistakes in their own numbers, each returning a
:class:`~relmark_helpers.core.exercises.Feedback` that says what went wrong:

* :func:`check_discounting` -- a CLV computed with the wrong timing convention
  or without discounting;
* :func:`check_ceiling` -- a CLV above the acquisition ceiling (the most a
  customer can be worth before acquisition cost), or an acquisition budget
  per customer above it;
* :func:`check_referrals` -- referrals counted twice.

Every CLV comes from :mod:`relmark_helpers.lifetime_value.formulas` (margins at the end of each
period, ``timing="end"``, unless stated) and every programme number from
:func:`relmark_helpers.bonding.programme.programme_economics`.  Money per customer,
rates per year as fractions.

Introduced in notebook 10.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from relmark_helpers.bonding.programme import Baseline, Programme, programme_economics
from relmark_helpers.core._table_labels import BTYD_SUMMARY, LABEL_CONTEXT
from relmark_helpers.core.exercises import Feedback, read_number
from relmark_helpers.core.messages import N_
from relmark_helpers.core.validate import as_count, as_float, as_frame
from relmark_helpers.customer_data.transactions import _date_argument, rfm_summary
from relmark_helpers.lifetime_value.formulas import clv, clv_with_referrals

__all__ = ["RETENTION_CAP", "SEGMENTS", "check_ceiling", "check_discounting", "check_referrals",
           "plan_economics", "segment_rules", "segment_table", "stress_test"]

SEGMENTS: tuple[str, ...] = (N_("regulars"), N_("occasional"), "new", N_("fading"))
"""The capstone's RFM segments, from the most to the least valuable (see :func:`segment_table`).

Their names are catalogue messages, shown translated in tables (``"new"`` is marked in
:mod:`relmark_helpers.crm.rfm_scoring`)."""

_CHECK = "capstone"


def _unanswered(value: object) -> bool:
    return value is Ellipsis or value is None


def _number(value: object) -> float | None:
    number = read_number(value)
    return None if isinstance(number, str) else number


def _plan_inputs(margin: object, retention: object, discount: object,
                 periods: object) -> tuple[float, float, float, int | None]:
    """The plan's inputs as single numbers, with the same messages as :func:`clv`."""
    m = as_float("margin", margin)
    r = as_float("retention", retention, low=0.0, high=1.0, hint="Pass 0.8 for 80 %, not 80.")
    d = as_float("discount", discount, low=-1.0, low_inclusive=False, hint="Pass 0.1 for 10 %.")
    n = None if periods is None else as_count("periods", periods)
    return m, r, d, n


def _close(a: float, b: float, rel: float = 0.01) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=0.5)


def _gate(name: str, value: object) -> Feedback | float:
    if _unanswered(value):
        return Feedback(_CHECK, "unanswered", f"no {name} yet. Replace ... with your number and "
                        "run the cell again.")
    number = _number(value)
    if number is None:
        return Feedback(_CHECK, "invalid", f"{name} should be a single finite number; "
                        f"{read_number(value)}")
    return number


def segment_rules(rfm: pd.DataFrame) -> pd.Series:
    """Assign each customer of an RFM summary (days) to one of :data:`SEGMENTS`.

    ``rfm`` needs the columns ``frequency``, ``recency`` and ``T``
    (as :func:`relmark_helpers.customer_data.transactions.rfm_summary` gives them).

    ``new``: first purchase less than 90 days before the end (T < 90);
    ``fading``: no purchase in the last 120 days (T - recency > 120);
    ``regulars``: 12 or more repeat purchase days; ``occasional``: the rest.

    Examples
    --------
    >>> rfm = pd.DataFrame({"frequency": [20, 3, 0, 5], "recency": [300, 200, 10, 50],
    ...                     "T": [330, 250, 30, 340]})
    >>> segment_rules(rfm).tolist()
    ['regulars', 'occasional', 'new', 'fading']
    """
    as_frame("rfm", rfm, ["frequency", "recency", "T"], what="an RFM summary (rfm_summary(log))")
    quiet = rfm["T"] - rfm["recency"]
    segment = np.select([rfm["T"] < 90, quiet > 120, rfm["frequency"] >= 12],
                        ["new", "fading", "regulars"], default="occasional")
    return pd.Series(segment, index=rfm.index, name="segment")


def segment_table(log: pd.DataFrame, *, split: str = "2023-12-31",
                  margin_share: float = 0.25) -> pd.DataFrame:
    """Segments from one year's RFM, and how each did in the following year.

    RFM is computed on the purchases up to ``split``; each customer gets a
    segment (:func:`segment_rules`).  Then, in the 365 days after ``split``:
    ``retention`` is the share of the segment's customers who bought at least
    once, and ``margin`` is ``margin_share`` of the average spend of those who
    did (money per retained customer per year).

    Parameters
    ----------
    log : pandas.DataFrame
        Columns ``customer_id``, ``date`` (datetime64) and ``amount``, e.g.
        :func:`relmark_helpers.customer_data.loyalty_club.load_loyalty_transactions`.
    split : str
        Last day of the segmentation year.
    margin_share : float
        Contribution margin as a share of spend, in (0, 1] (a teaching value).

    Returns
    -------
    pandas.DataFrame
        Indexed by segment (:data:`SEGMENTS` order): ``customers``,
        ``frequency``, ``monetary_value`` (segment means, segmentation year),
        ``retention`` and ``margin`` (following year).
    """
    share = as_float("margin_share", margin_share, low=0.0, high=1.0,
                                 low_inclusive=False, hint="Pass 0.25 for 25 % of spend.")
    as_frame("log", log, {"customer_col": "customer_id", "date_col": "date", "amount_col": "amount"},
             what="the loyalty club's purchase log (load_loyalty_transactions())")
    end = _date_argument("split", split)
    rfm = rfm_summary(log, "customer_id", "date", "amount", observation_end=end)
    segments = segment_rules(rfm)
    after = log[(log["date"] > end) & (log["date"] <= end + pd.Timedelta(days=365))]
    next_spend = after.groupby("customer_id")["amount"].sum().reindex(rfm.index).fillna(0.0)
    frame = pd.DataFrame({"segment": segments, "frequency": rfm["frequency"],
                          "monetary_value": rfm["monetary_value"], "spend": next_spend})
    frame["retained"] = frame["spend"] > 0
    table = frame.groupby("segment").agg(
        customers=("spend", "size"), frequency=("frequency", "mean"),
        monetary_value=("monetary_value", "mean"), retention=("retained", "mean"))
    kept_spend = frame[frame["retained"]].groupby("segment")["spend"].mean()
    table["margin"] = share * kept_spend.reindex(table.index).fillna(0.0)
    table = table.reindex([s for s in SEGMENTS if s in table.index])
    table.attrs[LABEL_CONTEXT] = BTYD_SUMMARY  # mean frequency of the BTYD summary (repeat purchase days)
    return table


RETENTION_CAP = 0.98
"""Highest retention a programme can lift a segment to (per year); effects beyond it are scaled down."""


def _capped(programme: Programme, retention: float) -> Programme:
    """The programme with its retention effects scaled so that retention stays <= RETENTION_CAP."""
    effect = programme.retention_effect
    room = max(RETENTION_CAP - retention, 0.0)
    if effect <= room or effect <= 0:
        return programme
    factor = room / effect
    for instrument in programme.instruments:
        programme = programme.with_changes(instrument.name, retention=instrument.retention * factor)
    return programme


def plan_economics(segments: pd.DataFrame, programmes: Mapping[str, Programme], *,
                   discount: float = 0.10, retention_shift: float = 0.0,
                   rival_response: float | None = None) -> pd.DataFrame:
    """A plan's economics per segment: CLV without and with its programme, uplift, ROI, payback.

    Parameters
    ----------
    segments : pandas.DataFrame
        From :func:`segment_table` (columns ``customers``, ``retention``, ``margin``).
    programmes : dict of str to Programme
        The programme chosen for each segment; a segment left out gets none.
    discount : float
        Discount rate per year.
    retention_shift : float
        Added to every segment's retention (a stress test: -0.05 = five points lower).
        A programme cannot lift retention above :data:`RETENTION_CAP`: a segment
        that is already close to it gets a proportionally smaller retention effect.
    rival_response : float or None
        Years before rivals start copying (None: never); see
        :func:`relmark_helpers.bonding.programme.imitation`.

    Returns
    -------
    pandas.DataFrame
        Per segment: ``customers``, ``clv_without``, ``clv_with``, ``uplift``,
        ``roi``, ``payback`` (per customer) and ``total_uplift`` (uplift x customers).
        ``roi`` is NaN where nothing is spent (a segment without a programme) and
        ``payback`` inf where the programme never pays back.
    """
    _check_plan(segments, programmes)
    shift = as_float("retention_shift", retention_shift, low=-1.0, high=1.0,
                     hint="Pass -0.05 for five points lower.")
    rows = {}
    for name, row in segments.iterrows():
        retention = float(np.clip(row["retention"] + shift, 0.0, RETENTION_CAP))
        programme = _capped(programmes.get(str(name), Programme()), retention)
        economics = programme_economics(programme, Baseline(max(float(row["margin"]), 1e-6),
                                                            retention),
                                         discount=discount, rival_response=rival_response)
        rows[name] = {"programme": ", ".join(programme.names) or "(none)",
                      "customers": int(row["customers"]),
                      "clv_without": economics.clv_without, "clv_with": economics.clv_with,
                      "uplift": economics.uplift, "roi": economics.roi,
                      "payback": economics.payback}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table["total_uplift"] = table["uplift"] * table["customers"]
    return table


def _check_plan(segments: object, programmes: object) -> None:
    """The segment table and the plan (segment -> Programme), or a message naming the argument."""
    as_frame("segments", segments, ["customers", "retention", "margin"],
             what="the table of segment_table(log)")
    if not isinstance(programmes, Mapping):
        raise TypeError(f"programmes must be a dict of segment name -> Programme; got "
                        f"{type(programmes).__name__}.")
    for key, programme in programmes.items():
        if not isinstance(programme, Programme):
            raise TypeError(f"programmes[{key!r}] must be a Programme; got {type(programme).__name__}.")


def stress_test(segments: pd.DataFrame, programmes: Mapping[str, Programme], *,
                discount: float = 0.10, copy_after: float = 1.0,
                retention_drop: float = 0.05) -> pd.DataFrame:
    """The plan's total uplift as planned, if a rival copies, if retention is lower, and both.

    A rival who starts copying after ``copy_after`` years takes the financial
    bond's advantage away in the following year (financial bonds are copied
    within a year; the deeper bonds more slowly).

    Returns
    -------
    pandas.DataFrame
        One row per scenario: ``total_value`` (the base's value with the plan,
        CLV with the programme x customers, money), ``total_uplift`` (what the
        plan adds to it, money) and ``worst_roi`` (the lowest ROI of any
        segment with a programme).
    """
    _check_plan(segments, programmes)
    copy_after = as_float("copy_after", copy_after, low=0.0, high=1000.0,
                          hint="Pass 1 for a rival copying after a year.")
    retention_drop = as_float("retention_drop", retention_drop, low=0.0, high=1.0,
                              hint="Pass 0.05 for five points.")
    scenarios = {
        N_("as planned"): {},
        f"a rival copies from year {copy_after + 1:g}": {"rival_response": copy_after},
        f"retention {retention_drop * 100:g} points lower": {"retention_shift": -retention_drop},
        N_("both"): {"rival_response": copy_after, "retention_shift": -retention_drop},
    }
    rows = {}
    for label, changes in scenarios.items():
        table = plan_economics(segments, programmes, discount=discount, **changes)
        with_programme = table[table["programme"] != "(none)"]
        rows[label] = {"total_value": float((table["clv_with"] * table["customers"]).sum()),
                       "total_uplift": float(table["total_uplift"].sum()),
                       "worst_roi": float(with_programme["roi"].min()) if len(with_programme)
                       else math.nan}
    return pd.DataFrame.from_dict(rows, orient="index")


def check_discounting(value: object, margin: float, retention: float, discount: float,
                      periods: int | None = None) -> Feedback:
    """Is ``value`` the CLV of these inputs with margins at the end of each period?

    Recognises the start-of-period convention (one margin too many), a CLV
    with no discounting, and margin times the expected lifetime.

    Examples
    --------
    >>> print(check_discounting(366.67, 100, 0.8, 0.10))  # doctest: +ELLIPSIS
    ❌ Exercise capstone: ... start of each period ...
    """
    margin, retention, discount, periods = _plan_inputs(margin, retention, discount, periods)
    given = _gate("CLV", value)
    if isinstance(given, Feedback):
        return given
    right = clv(margin, retention, discount, periods)
    if _close(given, right):
        return Feedback(_CHECK, "correct", "the CLV matches your inputs with margins at the end of "
                        "each year, discounted. Good.")
    if _close(given, clv(margin, retention, discount, periods, timing="start")):
        return Feedback(_CHECK, "incorrect", "this is the CLV with the first margin paid at the "
                        "start of each period (timing=\"start\"): one margin too many. The plan "
                        "counts margins at the end of each year, as clv() does by default.")
    undiscounted = (clv(margin, retention, 0.0, periods) if periods is not None or retention < 1
                    else math.inf)
    if _close(given, undiscounted) or (retention < 1 and _close(given, margin / (1 - retention))):
        return Feedback(_CHECK, "incorrect", "this CLV is not discounted: money in later years is "
                        "worth less today. Pass the discount rate to clv().")
    return Feedback(_CHECK, "incorrect", "this does not match clv(margin, retention, discount) "
                    "for the inputs you gave. Check that retention and discount are fractions "
                    "(0.8, not 80) and that the margin is per year.")


def check_ceiling(clv_value: object, acquisition_cost: float, margin: float, retention: float,
                  discount: float, periods: int | None = None) -> Feedback:
    """Is a CLV after acquisition cost plausible, and is the acquisition cost below the ceiling?

    The acquisition ceiling is the CLV before acquisition cost
    (:func:`relmark_helpers.lifetime_value.formulas.max_acquisition_cost`): no customer is worth
    more, and spending more to win one destroys value.

    Examples
    --------
    >>> print(check_ceiling(400, 50, 100, 0.8, 0.10))  # doctest: +ELLIPSIS
    ❌ Exercise capstone: ... above the acquisition ceiling ...
    """
    margin, retention, discount, periods = _plan_inputs(margin, retention, discount, periods)
    given = _gate("CLV after acquisition cost", clv_value)
    if isinstance(given, Feedback):
        return given
    cost = as_float("acquisition_cost", acquisition_cost, low=0.0)
    ceiling = clv(margin, retention, discount, periods)
    if given > ceiling + 0.5:
        extra = (" It equals the ceiling plus the acquisition cost: subtract the cost, do not "
                 "add it." if _close(given, ceiling + cost) else "")
        return Feedback(_CHECK, "incorrect", f"{given:,.0f} is above the acquisition ceiling "
                        "(the CLV before acquisition cost): no customer can be worth more than "
                        f"that.{extra}")
    if cost > 0 and _close(given, ceiling):
        return Feedback(_CHECK, "incorrect", "this is the CLV *before* acquisition cost; subtract "
                        "what it costs to win the customer.")
    if cost > ceiling:
        return Feedback(_CHECK, "incorrect", f"the acquisition cost of {cost:,.0f} is above the "
                        "ceiling (the CLV before acquisition cost): every customer won this way "
                        "loses money. "
                        "Spend less per customer or target a more valuable segment.")
    if _close(given, ceiling - cost):
        return Feedback(_CHECK, "correct", f"the CLV after acquisition cost is below the ceiling "
                        f"of {ceiling:,.0f}, and the acquisition cost is affordable.")
    return Feedback(_CHECK, "incorrect", "this is not clv(..., acquisition_cost=...) for the "
                    "inputs you gave; check the timing convention and the cost.")


def check_referrals(value: object, margin: float, retention: float, discount: float,
                    referrals: float, periods: int | None = None) -> Feedback:
    """Is ``value`` a CLV with first-generation referrals, counted once?

    The course's convention (:func:`relmark_helpers.lifetime_value.formulas.clv_with_referrals`):
    each referred customer is worth the plain CLV and their own referrals are
    not counted.  Recognises the referral value added twice (e.g. once by a
    programme's referral effect and again by hand) and the referrals left out.

    Examples
    --------
    >>> print(check_referrals(337.78, 100, 0.8, 0.10, 0.1))
    ✅ Exercise capstone: referrals counted once, first generation only. Good.
    """
    margin, retention, discount, periods = _plan_inputs(margin, retention, discount, periods)
    given = _gate("CLV with referrals", value)
    if isinstance(given, Feedback):
        return given
    rho = as_float("referrals", referrals, low=0.0)
    plain = clv(margin, retention, discount, periods)
    right = clv_with_referrals(margin, retention, discount, rho, periods)
    if _close(given, right):
        return Feedback(_CHECK, "correct", "referrals counted once, first generation only. Good.")
    if rho > 0 and _close(given, right + (right - plain)):
        return Feedback(_CHECK, "incorrect", "the referral value is counted twice: it is already "
                        "in this CLV (or in the programme's uplift); add it only once.")
    if rho > 0 and _close(given, plain):
        return Feedback(_CHECK, "incorrect", "this CLV leaves the referrals out; use "
                        "clv_with_referrals().")
    return Feedback(_CHECK, "incorrect", "this does not match clv_with_referrals() for your "
                    "inputs. Count only the customers referred directly, each worth the plain CLV.")
