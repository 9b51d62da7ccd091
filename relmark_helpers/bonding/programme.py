"""The three levels of relationship bonding as a model: instruments, CLV, ROI, imitation.

Berry & Parasuraman (1991) order relationship marketing in three levels:
financial (财务层次), social (社交层次) and structural (结构层次); each level
adds its bonds to those below.  Zeithaml & Bitner split off a customisation
bond between social and structural; in Berry & Parasuraman's three levels
personalising and customising the relationship belongs to level 2, so the
model counts the customisation bond there.  The levels themselves are data
(``data/bonding_levels.csv``, loaded by :func:`relmark_helpers.bonding.cases.load_bonding_levels`).

The model
---------
A programme is a set of *instruments* (points, members' events, a magazine,
a personal contact, customised service, a shared IT link).  Each belongs to
one bond and has, per member:

* a cost per period (money, paid each period the member stays) and a one-off
  set-up cost (money, paid at t = 0);
* a retention effect (points added to the retention rate per period);
* a margin effect (relative rise in margin per period, from lower price
  sensitivity: 0.02 = +2 %);
* a referral effect (extra referred new customers per member per period).

Effects add up across instruments.  A member's value with the programme is
the CLV of the baseline customer with the effects applied and the costs
subtracted; every CLV comes from :mod:`relmark_helpers.lifetime_value.formulas` (end-of-period
margins, ``timing="end"``).

**All the instruments' numbers are teaching values**, chosen to be
plausible and to make the levels' differences visible, not measurements.
Change them with :meth:`Programme.with_changes`.

Imitation
---------
Rivals copy a programme.  After a response lag they start to match each
bond, and the advantage (retention, margin and referral effects, not the
cost) falls linearly to zero over the bond's ``years_to_copy`` (a teaching
value in ``bonding_levels.csv``: financial bonds fastest, structural ones
slowest).  With effects that change from year to year, CLV is built by
chaining one-period values of :func:`relmark_helpers.lifetime_value.formulas.clv`.

Introduced in notebook 04.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd

from relmark_helpers.bonding.cases import BONDS, bond_names, fact_value, load_bonding_levels, load_cases
from relmark_helpers.core.messages import N_, _, language
from relmark_helpers.core.validate import (
    _describe,
    as_float,
    as_float_array,
    as_periods,
    choose,
    finite_result,
)
from relmark_helpers.lifetime_value import formulas as clvmod

__all__ = [
    "INSTRUMENTS",
    "PAYBACK_LIMIT",
    "Baseline",
    "Economics",
    "Instrument",
    "Programme",
    "campaign",
    "haier_signups_per_day",
    "imitation",
    "level_instruments",
    "level_name",
    "ottobar_economics",
    "ottobar_member_multiple",
    "programme_economics",
    "stamp_card_discount",
]

PAYBACK_LIMIT = 100

MAX_RIVAL_YEARS = 1000.0
"""Longest ``rival_response`` (years before rivals copy) taken; pass None for never."""
"""Longest payback period searched (periods); a later payback is reported as never (inf)."""


@lru_cache(maxsize=1)
def _bond_table() -> dict[str, tuple[int, float]]:
    """bond -> (Berry & Parasuraman level, years a rival needs to copy it), from the CSV."""
    levels = load_bonding_levels()
    return {row.bond: (int(row.level), float(row.years_to_copy)) for row in levels.itertuples()}


_BOND_NAMES: tuple[str, ...] = (N_("financial"), N_("social"), N_("customisation"), N_("structural"))
"""The bonds (:data:`~relmark_helpers.bonding.cases.BONDS`) marked for the catalogue: an
instrument's tooltip names its bond (``{bond} bond``), translated where it is shown."""


def level_name(level: int) -> str:
    """English name of a level: 1 -> "financial", 2 -> "social", 3 -> "structural", 0 -> "none".

    Examples
    --------
    >>> level_name(2)
    'social'
    """
    names = {0: N_("none"), 1: N_("financial"), 2: N_("social"), 3: N_("structural")}
    if isinstance(level, (bool, np.bool_)) or not isinstance(level, (int, float, np.number)) \
            or level not in names:
        raise ValueError(f"level must be one of 0, 1, 2, 3; got {_describe(level)}.")
    return names[level]


@dataclass(frozen=True)
class Instrument:
    """One instrument of a relationship programme, with its costs and effects per member.

    Attributes
    ----------
    name : str
        Key, e.g. ``"points"``.
    label : str
        Short English label for tables and charts.
    bond : {"financial", "social", "customisation", "structural"}
        The bond it creates; its level comes from ``bonding_levels.csv``.
    cost : float
        Running cost per member per period (money, >= 0).
    setup_cost : float
        One-off cost per member at the start (money, >= 0).
    retention : float
        Points added to the retention rate per period, in [0, 1] (0.04 = +4 points).
    margin : float
        Relative change in margin per period, in [-0.5, 1] (0.02 = +2 %), from
        lower price sensitivity.
    referrals : float
        Extra referred new customers per member per period, >= 0.
    """

    name: str
    label: str
    bond: str
    cost: float
    setup_cost: float = 0.0
    retention: float = 0.0
    margin: float = 0.0
    referrals: float = 0.0

    def __post_init__(self) -> None:
        choose(f"{self.name}.bond", self.bond, BONDS)
        checks = (("cost", 0.0, None), ("setup_cost", 0.0, None), ("retention", 0.0, 1.0),
                  ("margin", -0.5, 1.0), ("referrals", 0.0, None))
        for attribute, low, high in checks:
            value = as_float_array(f"{self.name}.{attribute}", getattr(self, attribute),
                                   low=low, high=high)
            if value.ndim != 0:
                raise TypeError(f"{self.name}.{attribute} must be a single number; got an array.")
            object.__setattr__(self, attribute, float(value))

    @property
    def level(self) -> int:
        """Berry & Parasuraman level (1-3) of the instrument's bond."""
        return _bond_table()[self.bond][0]


INSTRUMENTS: dict[str, Instrument] = {
    i.name: i
    for i in (
        Instrument("points", N_("points / rebates"), "financial", cost=6.0, setup_cost=2.0,
                   retention=0.03),
        Instrument("events", N_("members' events"), "social", cost=5.0, retention=0.02, margin=0.02,
                   referrals=0.02),
        Instrument("magazine", N_("club magazine"), "social", cost=4.0, retention=0.01, margin=0.01,
                   referrals=0.01),
        Instrument("personal_contact", N_("personal contact"), "social", cost=12.0, setup_cost=5.0,
                   retention=0.04, margin=0.04, referrals=0.03),
        Instrument("customised_service", N_("customised service"), "customisation", cost=8.0,
                   setup_cost=10.0, retention=0.03, margin=0.05, referrals=0.02),
        Instrument("it_link", N_("shared IT link (business customers)"), "structural", cost=6.0,
                   setup_cost=40.0, retention=0.06, margin=0.04),
    )
}
"""The instruments a programme can use, with **teaching values** (not measurements).

Per member, with the baseline customer of :class:`Baseline` (margin 100 a period):

================== ============== ==== ===== ========= ====== =========
instrument         bond           cost setup retention margin referrals
================== ============== ==== ===== ========= ====== =========
points             financial      6    2     +0.03     0      0
events             social         5    0     +0.02     +2 %   0.02
magazine           social         4    0     +0.01     +1 %   0.01
personal_contact   social         12   5     +0.04     +4 %   0.03
customised_service customisation  8    10    +0.03     +5 %   0.02
it_link            structural     6    40    +0.06     +4 %   0
================== ============== ==== ===== ========= ====== =========

Points cost about the rebate they give and leave price sensitivity as it
is; social instruments make members less price sensitive and talk about
the firm; a shared IT link is expensive to set up and ties the customer in.
"""


def level_instruments(level: int, *, cumulative: bool = True) -> tuple[str, ...]:
    """Names of the instruments of a level (and, by default, of the levels below it).

    Parameters
    ----------
    level : int
        1 (financial), 2 (social) or 3 (structural).
    cumulative : bool
        True (default): a level includes the instruments of the levels below,
        as Berry & Parasuraman describe it.  False: only the level's own.

    Examples
    --------
    >>> level_instruments(1)
    ('points',)
    >>> level_instruments(2, cumulative=False)
    ('events', 'magazine', 'personal_contact', 'customised_service')
    """
    if not isinstance(cumulative, (bool, np.bool_)):
        raise TypeError(f"cumulative must be True or False; got {_describe(cumulative)}.")
    if isinstance(level, (bool, np.bool_)) or not isinstance(level, (int, float, np.number)) \
            or level not in (1, 2, 3):
        raise ValueError(f"level must be 1, 2 or 3; got {level!r}.")
    keep = (lambda x: x <= level) if cumulative else (lambda x: x == level)
    return tuple(name for name, inst in INSTRUMENTS.items() if keep(inst.level))


@dataclass(frozen=True)
class Programme:
    """A relationship programme: a set of instruments (see :data:`INSTRUMENTS`).

    Build one with :meth:`of` or :meth:`at_level`; change an instrument's
    teaching values with :meth:`with_changes`.  Effects and costs add up.

    Attributes
    ----------
    instruments : tuple of Instrument
        The instruments, each at most once.

    Examples
    --------
    >>> p = Programme.of("points", "magazine")
    >>> p.level, p.cost
    (2, 10.0)
    >>> Programme.of("it_link").level   # structural without the levels below
    0
    """

    instruments: tuple[Instrument, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.instruments, (str, bytes, np.ndarray)) or \
                not isinstance(self.instruments, Iterable):
            raise TypeError(f"instruments must be a tuple of Instrument objects; got "
                            f"{_describe(self.instruments)}.")
        items = tuple(self.instruments)
        for item in items:
            if not isinstance(item, Instrument):
                raise TypeError(f"instruments must be Instrument objects; got {item!r:.60}.")
        names = [i.name for i in items]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"instrument(s) {twice} appear more than once in the programme.")
        object.__setattr__(self, "instruments", items)

    @classmethod
    def of(cls, *names: str) -> Programme:
        """A programme of the named instruments, with their teaching values."""
        return cls(tuple(INSTRUMENTS[choose("instrument", n, tuple(INSTRUMENTS))] for n in names))

    @classmethod
    def at_level(cls, level: int) -> Programme:
        """Every instrument of ``level`` and the levels below (see :func:`level_instruments`)."""
        return cls.of(*level_instruments(level))

    def with_changes(self, name: str, **changes: float) -> Programme:
        """The same programme with one instrument's numbers changed, e.g. ``cost=3.0``."""
        choose("name (the instrument)", name, self.names)
        allowed = ("cost", "setup_cost", "retention", "margin", "referrals")
        for key in changes:
            choose("change", key, allowed)
        return Programme(tuple(replace(i, **changes) if i.name == name else i
                               for i in self.instruments))

    @property
    def names(self) -> tuple[str, ...]:
        """The instruments' names."""
        return tuple(i.name for i in self.instruments)

    @property
    def level(self) -> int:
        """Level reached, 0-3: the highest level k such that levels 1..k all have an instrument.

        The levels build on one another, so a structural instrument without
        financial and social ones does not make a level-3 programme.
        """
        present = {i.level for i in self.instruments}
        reached = 0
        while reached + 1 in present:
            reached += 1
        return reached

    @property
    def deepest_level(self) -> int:
        """Highest level of any instrument (0 for an empty programme)."""
        return max((i.level for i in self.instruments), default=0)

    def _total(self, attribute: str) -> float:
        return float(sum(getattr(i, attribute) for i in self.instruments))

    @property
    def cost(self) -> float:
        """Running cost per member per period (money)."""
        return self._total("cost")

    @property
    def setup_cost(self) -> float:
        """One-off cost per member (money)."""
        return self._total("setup_cost")

    @property
    def retention_effect(self) -> float:
        """Points added to retention per period."""
        return self._total("retention")

    @property
    def margin_effect(self) -> float:
        """Relative rise in margin per period."""
        return self._total("margin")

    @property
    def referral_effect(self) -> float:
        """Extra referred customers per member per period."""
        return self._total("referrals")

    def table(self) -> pd.DataFrame:
        """One row per instrument: bond, level and the teaching values.

        ``name`` is the instrument's key; ``label`` and ``bond`` are shown in
        the workbook's current language: the label through the message
        catalogue, the bond as its ``name_zh`` in ``bonding_levels.csv``
        (e.g. 财务联系) in the Chinese edition, its key (``"financial"``) otherwise.
        """
        bonds = bond_names() if language() == "zh_CN" else {bond: bond for bond in BONDS}
        rows = [{**asdict(i), "label": _(i.label), "level": i.level, "bond": bonds[i.bond]}
                for i in self.instruments]
        columns = ["name", "label", "bond", "level", "cost", "setup_cost", "retention", "margin",
                   "referrals"]
        return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class Baseline:
    """The customer without a programme (teaching values by default).

    Attributes
    ----------
    margin : float
        Margin per period (money), > 0.
    retention : float
        Retention rate per period, in [0, 1).
    referrals : float
        Referred new customers per customer per period, >= 0.
    """

    margin: float = 100.0
    retention: float = 0.70
    referrals: float = 0.0

    def __post_init__(self) -> None:
        for attribute, low, high, high_inclusive in (("margin", 0.0, None, True),
                                                     ("retention", 0.0, 1.0, False),
                                                     ("referrals", 0.0, None, True)):
            value = as_float(f"baseline.{attribute}", getattr(self, attribute), low=low,
                             high=high, high_inclusive=high_inclusive,
                             low_inclusive=attribute != "margin")
            object.__setattr__(self, attribute, value)


@dataclass(frozen=True)
class Economics:
    """What :func:`programme_economics` returns (money per member, present values).

    Attributes
    ----------
    level : int
        Level the programme reaches (0-3).
    clv_without, clv_with : float
        CLV per member without and with the programme (with: after its
        running and set-up costs).
    uplift : float
        ``clv_with - clv_without``.
    relative_uplift : float
        ``uplift / clv_without`` (0.1 = +10 %).
    programme_cost : float
        Present value of the programme's costs per member (set-up plus running).
    roi : float
        Return on the programme's cost, ``uplift / programme_cost`` (0.5 = 50 %);
        NaN for a programme that costs nothing (less than 1e-9 per member).
    payback : float
        First period T whose cumulative discounted extra value covers the
        set-up cost (0 for a programme that costs nothing; ``inf`` for never
        within :data:`PAYBACK_LIMIT` periods).
    retention_with, margin_with, referrals_with : float
        The member's retention, margin (before programme costs) and referrals
        with the programme, in its first period.
    """

    level: int
    clv_without: float
    clv_with: float
    uplift: float
    relative_uplift: float
    programme_cost: float
    roi: float
    payback: float
    retention_with: float
    margin_with: float
    referrals_with: float

    def to_series(self) -> pd.Series:
        """The numbers as a labelled Series (for a notebook table)."""
        return pd.Series(asdict(self), name="per member")


def _check_horizon(periods: object) -> float | None:
    if periods is None:
        return None
    horizon = as_periods("periods", periods)
    if horizon.ndim != 0:
        raise TypeError("periods must be a single whole number (or None for no end).")
    return float(horizon)


def _path_value(
    net: npt.NDArray[np.float64],
    retention: npt.NDArray[np.float64],
    referrals: npt.NDArray[np.float64],
    discount: float,
    periods: float | None,
) -> tuple[float, npt.NDArray[np.float64]]:
    """Discounted value of one member whose terms change for H years, then stay fixed.

    ``net``, ``retention`` and ``referrals`` hold years 1..H+1; the last
    element holds from year H+1 on.  Returns the total over ``periods`` (None:
    no end) and the cumulative value after T = 1..PAYBACK_LIMIT periods.
    Every discounted sum is a call of :func:`relmark_helpers.lifetime_value.formulas.clv`; this
    function only chains them: the value at the start of year t, given the
    member is there, is clv(..., periods=1) for that year, and
    clv(1, r_t, i, periods=1) = r_t / (1 + i) carries it back one year.
    """
    varying = len(net) - 1
    # A referred customer is worth the plain CLV under that year's terms (first generation only).
    referred = np.asarray(clvmod.clv(net, retention, discount, periods))
    effective = net + referrals * referred
    one_year = np.asarray(clvmod.clv(effective[:varying], retention[:varying], discount, 1))
    carry = np.cumprod(np.asarray(clvmod.clv(1.0, retention[:varying], discount, 1)))
    before = np.concatenate([[1.0], carry])  # survival x discount factor to the start of year t
    early = np.cumsum(before[:-1] * one_year)
    tail_start = before[-1]
    if periods is None:
        remaining: float | None = None
    else:
        remaining = max(periods - varying, 0.0)
    head = float(early[-1]) if varying else 0.0
    if periods is not None and periods <= varying:
        total = float(early[int(periods) - 1]) if periods >= 1 else 0.0
    else:
        total = head + tail_start * float(clvmod.clv(effective[-1], retention[-1], discount,
                                                     remaining))
    horizons = np.arange(1, PAYBACK_LIMIT + 1)
    later = np.maximum(horizons - varying, 0)
    cumulative = head + tail_start * np.asarray(
        clvmod.clv(effective[-1], retention[-1], discount, later))
    shown = min(varying, PAYBACK_LIMIT)
    cumulative[:shown] = early[:shown]
    return total, cumulative


def _effects_by_year(programme: Programme, years: int, rival_response: float | None
                     ) -> pd.DataFrame:
    """Per year 1..years: share of each bond's advantage left, and the summed effects."""
    table = _bond_table()
    t = np.arange(1, years + 1, dtype=float)
    frame = pd.DataFrame({"year": t.astype(int)})
    for bond in BONDS:
        if rival_response is None:
            share = np.ones_like(t)
        else:
            share = np.clip(1.0 - (t - rival_response) / table[bond][1], 0.0, 1.0)
        frame[f"share_{bond}"] = share
    for effect, attribute in (("retention", "retention"), ("margin", "margin"),
                              ("referrals", "referrals")):
        total = np.zeros_like(t)
        for bond in BONDS:
            own = sum(getattr(i, attribute) for i in programme.instruments if i.bond == bond)
            part = own * frame[f"share_{bond}"].to_numpy()
            if effect == "retention":
                frame[f"retention_{bond}"] = part
            total = total + part
        frame[f"{effect}_effect"] = total
    return frame


def imitation(programme: Programme, years: int, *, rival_response: float | None = 2.0
              ) -> pd.DataFrame:
    """How a programme's advantage erodes, year by year, as rivals copy each bond.

    Until ``rival_response`` years have passed, nothing is copied.  Then
    each bond's advantage falls in a straight line to zero over the bond's
    ``years_to_copy`` (a teaching value in ``data/bonding_levels.csv``:
    financial 1 year, social 3, customisation 5, structural 8).  Costs are
    not copied away: the firm keeps paying to stay level with its rivals.

    Parameters
    ----------
    programme : Programme
        The instruments.
    years : int
        Number of years shown, 1 to 100,000 (``MAX_PERIODS``).
    rival_response : float or None
        Years before rivals start copying (>= 0); ``None``: they never do.

    Returns
    -------
    pandas.DataFrame
        One row per year: ``year`` (1..years); ``share_<bond>`` (fraction of
        that bond's advantage left, 0-1); ``retention_<bond>`` (retention
        points the bond still adds); ``retention_effect``, ``margin_effect``
        and ``referrals_effect`` (the programme's totals that year).

    Examples
    --------
    >>> table = imitation(Programme.of("points", "it_link"), 6, rival_response=1)
    >>> table["share_financial"].tolist()
    [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    >>> table["share_structural"].round(3).tolist()
    [1.0, 0.875, 0.75, 0.625, 0.5, 0.375]
    """
    if not isinstance(programme, Programme):
        raise TypeError(f"programme must be a Programme; got {type(programme).__name__}.")
    horizon = as_periods("years", years)
    if horizon.ndim != 0 or horizon < 1:
        raise ValueError(f"years must be a whole number >= 1; got {years!r}.")
    lag = None if rival_response is None else as_float(
        "rival_response", rival_response, low=0.0, high=MAX_RIVAL_YEARS,
        hint="Pass None if rivals never copy.")
    return _effects_by_year(programme, int(horizon), lag)


def programme_economics(
    programme: Programme,
    baseline: Baseline | None = None,
    *,
    discount: float = 0.10,
    periods: int | None = None,
    rival_response: float | None = None,
) -> Economics:
    """CLV per member with and without a programme, its uplift, ROI and payback.

    Without the programme a member brings ``baseline.margin`` a period, stays
    with ``baseline.retention`` and refers ``baseline.referrals``.  With it,
    retention rises by the programme's retention effect, the margin by its
    margin effect (lower price sensitivity), referrals by its referral
    effect; the running cost is paid each period the member stays and the
    set-up cost at t = 0.  A referred customer is worth the plain CLV under
    the same terms and is acquired for nothing (as in
    :func:`relmark_helpers.lifetime_value.formulas.clv_with_referrals`).  Margins at the end of
    each period.

    Parameters
    ----------
    programme : Programme
        The instruments (an empty programme changes nothing).
    baseline : Baseline, optional
        The customer without a programme; ``Baseline()`` by default
        (margin 100, retention 0.70, no referrals: teaching values).
    discount : float
        Discount rate per period, > -1 (0.1 = 10 %).
    periods : int or None
        Horizon in periods, at most 100,000 (``MAX_PERIODS``); None (default): no end.
    rival_response : float or None
        None (default): rivals never copy.  A number: years before rivals
        start copying; the effects then erode as in :func:`imitation`.

    Returns
    -------
    Economics
        CLV without and with, uplift, ROI and payback (see :class:`Economics`).

    Raises
    ------
    ValueError
        Retention with the programme above 1 (naming the instruments), or any
        invalid baseline, discount or horizon.

    Examples
    --------
    >>> e = programme_economics(Programme.of("points"), Baseline(100, 0.6))
    >>> round(e.clv_without, 2), round(e.clv_with, 2), e.payback
    (120.0, 124.0, 4.0)
    """
    if not isinstance(programme, Programme):
        raise TypeError(f"programme must be a Programme; got {type(programme).__name__}.")
    base = Baseline() if baseline is None else baseline
    if not isinstance(base, Baseline):
        raise TypeError(f"baseline must be a Baseline; got {type(base).__name__}.")
    i = as_float("discount", discount, low=-1.0, low_inclusive=False,
                             hint="Pass 0.1 for 10 % per period.")
    horizon = _check_horizon(periods)
    lag = None if rival_response is None else as_float(
        "rival_response", rival_response, low=0.0, high=MAX_RIVAL_YEARS,
        hint="Pass None if rivals never copy.")
    retention_with = base.retention + programme.retention_effect
    as_float_array(
        "retention with the programme", retention_with, low=0.0, high=1.0,
        hint=(f"Baseline retention {base.retention:g} plus the retention effects of "
              f"{', '.join(programme.names)} ({programme.retention_effect:+g}) must stay <= 1: "
              "lower an instrument's retention effect or the baseline retention."),
    )
    # Years with changing effects: until the slowest bond in the programme is fully copied.
    if lag is None or not programme.instruments:
        varying = 0
    else:
        slowest = max(_bond_table()[i_.bond][1] for i_ in programme.instruments)
        varying = int(math.ceil(lag + slowest))
    effects = _effects_by_year(programme, varying + 1, lag)
    r_with = base.retention + effects["retention_effect"].to_numpy()
    gross = base.margin * (1.0 + effects["margin_effect"].to_numpy())
    net = gross - programme.cost
    rho = base.referrals + effects["referrals_effect"].to_numpy()
    with_total, with_cum = _path_value(net, r_with, rho, i, horizon)
    flat = np.ones(1)
    without_total, without_cum = _path_value(base.margin * flat, base.retention * flat,
                                             base.referrals * flat, i, horizon)
    cost_total, _ = _path_value(np.full_like(net, programme.cost), r_with, 0.0 * rho, i, horizon)
    programme_cost = cost_total + programme.setup_cost
    clv_with = with_total - programme.setup_cost
    uplift = clv_with - without_total
    if programme_cost > 1e-9:  # below that, ROI would be a meaningless huge ratio
        roi = uplift / programme_cost
        covered = np.nonzero(with_cum - without_cum >= programme.setup_cost - 1e-9)[0]
        payback = float(covered[0] + 1) if covered.size else math.inf
        if horizon is not None and payback > horizon:
            payback = math.inf
    else:
        roi, payback = math.nan, 0.0
    return Economics(
        level=programme.level,
        clv_without=float(without_total),
        clv_with=float(clv_with),
        uplift=float(uplift),
        relative_uplift=float(uplift / without_total) if without_total else math.nan,
        programme_cost=float(programme_cost),
        roi=float(roi),
        payback=float(payback),
        retention_with=float(r_with[0]),
        margin_with=float(gross[0]),
        referrals_with=float(rho[0]),
    )


# --- the cases, computed ---------------------------------------------------------------------

def ottobar_member_multiple(spend_ratio: float | None = None, visit_ratio: float | None = None
                            ) -> float:
    """How many times a non-member's spend a member brings per period (a lower bound).

    Spend per period = spend per visit x visits per period, so the ratios
    multiply.  Defaults are Ottobar's figures from ``data/cases.csv``
    (at least 2x per visit, more than 3x as many visits).

    Examples
    --------
    >>> ottobar_member_multiple()
    6.0
    """
    spend = fact_value("ottobar_spend_ratio") if spend_ratio is None else spend_ratio
    visits = fact_value("ottobar_visit_ratio") if visit_ratio is None else visit_ratio
    s = as_float("spend_ratio", spend, low=0.0)
    v = as_float("visit_ratio", visits, low=0.0)
    finite_result(s * v, spend_ratio=spend_ratio, visit_ratio=visit_ratio)
    return s * v


def ottobar_economics(
    *,
    non_member_margin: float = 12.0,
    non_member_retention: float = 0.50,
    member_retention: float = 0.75,
    discount: float = 0.10,
    caused_share: float = 0.25,
    magazine_cost_per_issue: float = 1.50,
) -> pd.Series:
    """Ottobar's club in numbers: what a member is worth and what the club may cost.

    The facts (member multiple, magazine issues, members) come from
    ``data/cases.csv``; the rest are **teaching values**: a non-member's
    margin per year and both retention rates are assumptions, not figures
    from the material.  Members are the keenest customers to begin with, so
    only ``caused_share`` of the gap between a member's and a non-member's
    CLV is credited to the club.

    Parameters
    ----------
    non_member_margin : float
        Margin a non-member brings per year (money, > 0).
    non_member_retention, member_retention : float
        Retention per year, in [0, 1).
    discount : float
        Discount rate per year.
    caused_share : float
        Share of the CLV gap the club itself causes, in [0, 1].
    magazine_cost_per_issue : float
        Printing and postage per copy (money, >= 0).

    Returns
    -------
    pandas.Series
        ``member_multiple``, ``member_margin`` (per year), ``clv_non_member``,
        ``clv_member``, ``clv_gap``, ``value_credited_to_club`` (caused_share x
        gap), ``max_cost_per_member_per_year`` (the running cost whose present
        value over a member's expected stay equals the credited value),
        ``magazine_cost_per_member_per_year``, ``magazine_share_of_budget`` (inf when
        ``caused_share`` is 0 and the club may cost nothing)
        and ``magazine_mailing_per_year`` (all members, money).

    Examples
    --------
    >>> round(float(ottobar_economics()["clv_member"]), 1)
    154.3
    """
    share = as_float("caused_share", caused_share, low=0.0, high=1.0)
    issue = as_float("magazine_cost_per_issue", magazine_cost_per_issue, low=0.0)
    margin = as_float("non_member_margin", non_member_margin, low=0.0,
                                  low_inclusive=False)
    r_non = as_float("non_member_retention", non_member_retention, low=0.0, high=1.0,
                     hint="Pass 0.5 for 50 %.")
    r_member = as_float("member_retention", member_retention, low=0.0, high=1.0,
                        hint="Pass 0.75 for 75 %.")
    as_float("discount", discount, low=-1.0, low_inclusive=False, hint="Pass 0.1 for 10 %.")
    multiple = ottobar_member_multiple()
    member_margin = multiple * margin
    finite_result(member_margin, non_member_margin=non_member_margin)
    clv_non = float(clvmod.clv(margin, r_non, discount))
    clv_member = float(clvmod.clv(member_margin, r_member, discount))
    credited = share * (clv_member - clv_non)
    stay_value = float(clvmod.clv(1.0, r_member, discount))
    if stay_value <= 0:
        raise ValueError(f"member_retention must be above 0 for a member to stay a year; got {r_member:g}.")
    max_cost = credited / stay_value
    issues = fact_value("ottobar_magazine_issues")
    magazine = issues * issue
    result = pd.Series({
        "member_multiple": multiple,
        "member_margin": member_margin,
        "clv_non_member": clv_non,
        "clv_member": clv_member,
        "clv_gap": clv_member - clv_non,
        "value_credited_to_club": credited,
        "max_cost_per_member_per_year": max_cost,
        "magazine_cost_per_member_per_year": magazine,
        "magazine_share_of_budget": magazine / max_cost if max_cost > 0 else math.inf,
        "magazine_mailing_per_year": magazine * fact_value("ottobar_members"),
    })
    finite_result(result.drop("magazine_share_of_budget"), non_member_margin=non_member_margin,
                  magazine_cost_per_issue=magazine_cost_per_issue)
    return result


def campaign(
    members: float,
    response_rate: float,
    margin_per_response: float,
    cost_per_contact: float,
) -> pd.Series:
    """A member-only offer mailed to every member: responses, profit, break-even points.

    Parameters
    ----------
    members : float
        Members contacted, >= 0.
    response_rate : float
        Share who respond, in [0, 1] (0.1 = 10 %).
    margin_per_response : float
        Margin from one response (money, > 0).
    cost_per_contact : float
        Cost of reaching one member (money, >= 0).

    Returns
    -------
    pandas.Series
        ``responses``, ``revenue_margin``, ``cost``, ``profit``,
        ``break_even_response_rate`` (cost per contact / margin per response)
        and ``break_even_margin`` (cost per contact / response rate; inf when the response rate is 0).

    Examples
    --------
    >>> float(campaign(130_000, 0.10, 8.0, 0.60)["profit"])
    26000.0
    """
    n = as_float("members", members, low=0.0)
    rate = as_float("response_rate", response_rate, low=0.0, high=1.0,
                                hint="Pass 0.1 for 10 %.")
    margin = as_float("margin_per_response", margin_per_response, low=0.0,
                                  low_inclusive=False)
    cost = as_float("cost_per_contact", cost_per_contact, low=0.0)
    responses = n * rate
    result = pd.Series({
        "responses": responses,
        "revenue_margin": responses * margin,
        "cost": n * cost,
        "profit": responses * margin - n * cost,
        "break_even_response_rate": cost / margin,
        "break_even_margin": cost / rate if rate > 0 else math.inf,
    })
    finite_result(result.drop("break_even_margin") if rate == 0 else result, members=members,
                  margin_per_response=margin_per_response, cost_per_contact=cost_per_contact)
    return result


def stamp_card_discount(stamps: int, *, redemption: float = 1.0, basis: str = "served") -> float:
    """Effective discount of a stamp card: one free item after ``stamps`` paid ones.

    Each card collects ``stamps`` paid purchases; a share ``redemption`` of
    the cards is completed and handed in for one free item.  Per card the firm
    sells ``stamps`` items and gives away ``redemption`` items on average.
    Two readings of "the effective discount" are both common and defensible:

    * ``basis="served"`` (default): the free items' share of every item handed
      over, paid or free: ``redemption / (stamps + redemption)``.  With every
      card redeemed, a customer gets ``stamps + 1`` items for the price of
      ``stamps``: a discount of 1 / (stamps + 1) on each.
    * ``basis="paid"``: the reward cost per paid item, as a share of its
      price: ``redemption / stamps`` (the reward cost as a share of
      revenue).

    Parameters
    ----------
    stamps : int
        Paid purchases needed for a free one, a whole number from 1 to 100,000.
        (Subway's number of stamps is not in the course material; any value
        passed here is an assumption.)
    redemption : float
        Share of cards completed and redeemed, in [0, 1].
    basis : {"served", "paid"}
        What the discount is a share of: every item served (paid and free), or
        the paid items only.

    Returns
    -------
    float
        Effective discount on the price (0.1 = 10 %).

    Examples
    --------
    >>> round(stamp_card_discount(10), 4)
    0.0909
    >>> round(stamp_card_discount(8, redemption=0.6), 4)
    0.0698
    >>> stamp_card_discount(8, redemption=0.6, basis="paid")
    0.075
    """
    n = as_periods("stamps", stamps)
    if n.ndim != 0 or n < 1:
        raise ValueError(f"stamps must be a whole number >= 1; got {stamps!r}.")
    share = as_float("redemption", redemption, low=0.0, high=1.0)
    basis = choose("basis", basis, ("served", "paid"))
    if basis == "paid":
        return share / float(n)
    return share / (float(n) + share)


def haier_signups_per_day() -> pd.Series:
    """Haier Club's sign-up rate: members per day from launch to 8 million (a lower bound).

    Reads the launch date, the membership and the months from
    ``data/cases.csv``; days are counted on the calendar from the launch.

    Returns
    -------
    pandas.Series
        ``launch`` (Timestamp), ``reached`` (launch + months), ``days``,
        ``members`` and ``per_day``.

    Examples
    --------
    >>> rate = haier_signups_per_day()
    >>> int(rate["days"]), round(rate["per_day"])
    (305, 26230)
    """
    facts = load_cases("Haier Club").set_index("fact_id")
    launch = facts.loc["haier_launch", "date"]
    months = int(facts.loc["haier_months", "value"])
    members = float(facts.loc["haier_members", "value"])
    reached = launch + pd.DateOffset(months=months)
    days = (reached - launch).days
    return pd.Series({"launch": launch, "reached": reached, "days": days, "members": members,
                      "per_day": members / days})
