"""A customer-base model: how acquisition and retention fill and drain a firm's customers.

The "leaky bucket" of relationship marketing as arithmetic.  Each period:

1. ``start`` customers are in the base (the previous period's ``end``);
2. each leaves with probability ``1 - retention``: ``lost``;
3. the ``kept`` customers (start - lost) pay their margin at the end of the
   period and cost ``retention_cost`` each to look after; a kept customer's
   margin grows with tenure (``margin_growth``: loyal customers buy more and
   cost less to serve);
4. ``acquired`` new customers join at the end of the period (paid
   acquisition plus free ``referrals`` from kept customers); they pay their
   first margin at the end of the next period if they stay.

So ``end = start + acquired - lost``, and a single cohort with no
acquisition earns exactly :func:`relmark_helpers.lifetime_value.formulas.clv` per customer
(end-of-period timing).  All money in a period is discounted to today at
``(1 + discount) ** -period``.

``seed=None`` gives the expected-value model (fractional customers);
an integer seed draws binomial losses and Poisson acquisitions with
``numpy.random.default_rng(seed)``.  Customers are tracked by tenure
(cohorts), so tenure-dependent margins are exact.

Units: customers are counts; money per customer per period; rates per
period as fractions.  Introduced in notebook 02.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.validate import (
    _describe,
    as_count,
    as_float,
    as_float_array,
    as_frame,
    finite_result,
)

__all__ = [
    "RELATIONSHIP_FIRM",
    "TRANSACTION_FIRM",
    "Strategy",
    "breakeven_retention_cost",
    "breakeven_retention_costs",
    "compare_strategies",
    "crossover_period",
    "profit_uplift",
    "profit_uplift_grid",
    "simulate_customer_base",
    "steady_state_customers",
    "strategy_table",
]

COLUMNS: tuple[str, ...] = (
    "period", "start", "lost", "acquired", "end", "revenue", "acquisition_cost",
    "retention_cost", "profit", "discounted_profit", "cumulative_discounted_profit",
)
"""Columns of :func:`simulate_customer_base`'s table, in order."""


def _strategy(name: str, value: object) -> None:
    if not isinstance(value, Strategy):
        raise TypeError(f"{name} must be a Strategy (e.g. TRANSACTION_FIRM); got {type(value).__name__}.")


def _scalar(name: str, value: float, **bounds: object) -> float:
    return as_float(name, value, **bounds)


@dataclass(frozen=True)
class Strategy:
    """A firm's marketing strategy, per period (teaching values; change them freely).

    Parameters
    ----------
    name : str
        Label used in tables and legends.
    acquisitions : float
        Paid new customers per period, >= 0 (ignored when
        ``acquisition_budget`` is given).
    acquisition_cost : float
        Cost per acquired customer (money, > 0).
    retention : float
        Probability a customer stays another period, in [0, 1].
    margin : float
        Margin per kept customer per period in their first period (money).
    retention_cost : float
        Spend per kept customer per period on keeping them (money, >= 0);
        ignored when ``retention_budget`` is given.
    margin_growth : float
        Growth of a customer's margin per period of tenure, > -1.
    referrals : float
        Free new customers brought per kept customer per period, >= 0.
    acquisition_budget : float, optional
        Spend on acquisition per period; then ``acquisitions`` =
        budget / ``acquisition_cost``.
    retention_budget : float, optional
        Fixed spend on retention per period, shared by all kept customers.
    """

    name: str
    acquisitions: float = 0.0
    acquisition_cost: float = 100.0
    retention: float = 0.7
    margin: float = 100.0
    retention_cost: float = 0.0
    margin_growth: float = 0.0
    referrals: float = 0.0
    acquisition_budget: float | None = None
    retention_budget: float | None = None

    def __post_init__(self) -> None:
        _scalar("acquisitions", self.acquisitions, low=0.0)
        _scalar("acquisition_cost", self.acquisition_cost, low=0.0, low_inclusive=False)
        _scalar("retention", self.retention, low=0.0, high=1.0,
                hint="Pass 0.8 for 80 %, not 80.")
        _scalar("margin", self.margin)
        _scalar("retention_cost", self.retention_cost, low=0.0)
        _scalar("margin_growth", self.margin_growth, low=-1.0, low_inclusive=False)
        _scalar("referrals", self.referrals, low=0.0)
        if self.acquisition_budget is not None:
            _scalar("acquisition_budget", self.acquisition_budget, low=0.0)
        if self.retention_budget is not None:
            _scalar("retention_budget", self.retention_budget, low=0.0)

    @property
    def paid_acquisitions(self) -> float:
        """Paid new customers per period (from the budget when one is set)."""
        if self.acquisition_budget is not None:
            return self.acquisition_budget / self.acquisition_cost
        return self.acquisitions

    def with_(self, **changes: object) -> Strategy:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)


TRANSACTION_FIRM = Strategy(
    name=N_("transaction marketing"),
    acquisition_budget=100_000.0,
    acquisition_cost=200.0,
    retention=0.60,
    margin=250.0,
)
"""Spends its whole marketing budget of 100,000 a year on winning customers at 200 each
(500 a year); keeps 60 % a year; margin 250 a year, flat.  Teaching values."""

RELATIONSHIP_FIRM = Strategy(
    name=N_("relationship marketing"),
    acquisition_budget=60_000.0,
    retention_budget=40_000.0,
    acquisition_cost=200.0,
    retention=0.80,
    margin=250.0,
    margin_growth=0.05,
    referrals=0.05,
)
"""Same 100,000 budget: 60,000 on acquisition (300 customers a year), 40,000 on keeping
customers (service, a club, personal contact), which lifts retention to 80 %; loyal
customers buy 5 % more each year and one in twenty brings a friend each year.  Teaching values."""


def steady_state_customers(acquired_per_period: object, retention: object) -> float | np.ndarray:
    """Customer base a firm settles at: a / (1 - r).

    With ``a`` new customers per period and retention ``r``, the base stops
    growing when the customers lost, ``(1 - r) * base``, equal those won.

    Parameters
    ----------
    acquired_per_period : float or array_like
        New customers per period, >= 0.
    retention : float or array_like
        Retention per period, in [0, 1).

    Returns
    -------
    float or numpy.ndarray
        Customers (measured at the end of a period, new ones included).

    Examples
    --------
    >>> round(steady_state_customers(500, 0.6))
    1250
    """
    a = as_float_array("acquired_per_period", acquired_per_period, low=0.0)
    r = as_float_array("retention", retention, low=0.0, high=1.0, high_inclusive=False,
                       hint="With retention 1 nobody leaves and the base grows for ever.")
    value = a / (1.0 - r)
    finite_result(value, acquired_per_period=acquired_per_period, retention=retention)
    return float(value) if value.ndim == 0 else value


def simulate_customer_base(
    strategy: Strategy,
    periods: int,
    *,
    initial_customers: float = 0,
    discount: float = 0.10,
    seed: int | None = None,
) -> pd.DataFrame:
    """Simulate a customer base period by period.

    Parameters
    ----------
    strategy : Strategy
        The firm's acquisition, retention and margins.
    periods : int
        Number of periods to simulate, 1 to 100,000 (``MAX_PERIODS``); the cost grows
        linearly with it.
    initial_customers : float
        Customers at the start of period 1 (tenure 0), >= 0; a whole number
        when ``seed`` is given.
    discount : float
        Discount rate per period, > -1.
    seed : int, optional
        ``None``: expected values (deterministic).  An integer: one random
        path, binomial losses and Poisson acquisitions.

    Returns
    -------
    pandas.DataFrame
        One row per period with the columns of :data:`COLUMNS`: customers
        ``start``, ``lost``, ``acquired``, ``end``; money ``revenue``,
        ``acquisition_cost``, ``retention_cost``, ``profit``,
        ``discounted_profit`` and ``cumulative_discounted_profit``.

    Examples
    --------
    >>> table = simulate_customer_base(TRANSACTION_FIRM, 3)
    >>> table["end"].round(1).tolist()
    [500.0, 800.0, 980.0]
    """
    _strategy("strategy", strategy)
    count = as_count("periods", periods)
    if count < 1:
        raise ValueError(f"periods must be at least 1; got {periods!r}.")
    initial = _scalar("initial_customers", initial_customers, low=0.0)
    rate = _scalar("discount", discount, low=-1.0, low_inclusive=False)
    rng = None if seed is None else np.random.default_rng(seed)
    if rng is not None and initial != round(initial):
        raise ValueError(f"initial_customers must be a whole number with a seed; got {initial}.")

    r, g = strategy.retention, strategy.margin_growth
    paid = strategy.paid_acquisitions
    if strategy.retention_budget is not None:
        def retention_spend_for(kept_total: float) -> float:
            return strategy.retention_budget
    else:
        def retention_spend_for(kept_total: float) -> float:
            return strategy.retention_cost * kept_total
    acquisition_spend = paid * strategy.acquisition_cost
    rows = np.zeros((count, len(COLUMNS)))
    if rng is None:
        # Expected values: only two sums over the tenure groups matter, the customers
        # and their margin, and both follow a one-step recurrence (cost linear in periods).
        customers, margin_sum = initial, initial * strategy.margin
        for t in range(1, count + 1):
            start = customers
            kept_total = customers * r
            revenue = margin_sum * r
            new = paid + strategy.referrals * kept_total
            retention_spend = retention_spend_for(kept_total)
            profit = revenue - acquisition_spend - retention_spend
            customers = kept_total + new
            margin_sum = revenue * (1.0 + g) + new * strategy.margin
            rows[t - 1, :9] = (t, start, start - kept_total, new, kept_total + new, revenue,
                               acquisition_spend, retention_spend, profit)
    else:
        # One random path: the tenure groups still holding customers, youngest first.  A
        # group that has emptied draws no random numbers (a binomial of 0 trials is 0), so
        # dropping it keeps the path identical while the work stays proportional to the
        # groups alive.
        tenures = np.zeros(1, dtype=np.int64)
        counts = np.array([initial])
        for t in range(1, count + 1):
            start = float(counts.sum())
            kept = rng.binomial(counts.astype(np.int64), r).astype(float)
            kept_total = float(kept.sum())
            new = float(rng.poisson(paid + strategy.referrals * kept_total))
            revenue = float(kept @ (strategy.margin * (1.0 + g) ** tenures))
            retention_spend = retention_spend_for(kept_total)
            profit = revenue - acquisition_spend - retention_spend
            alive = kept > 0
            tenures = np.concatenate(([0], tenures[alive] + 1))
            counts = np.concatenate(([new], kept[alive]))
            rows[t - 1, :9] = (t, start, start - kept_total, new, kept_total + new, revenue,
                               acquisition_spend, retention_spend, profit)
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    table["period"] = table["period"].astype(int)
    table["discounted_profit"] = table["profit"] / (1.0 + rate) ** table["period"]
    table["cumulative_discounted_profit"] = table["discounted_profit"].cumsum()
    finite_result(table, periods=periods, initial_customers=initial_customers)
    return table


def compare_strategies(*strategies: Strategy, periods: int = 10, **kwargs: object) -> pd.DataFrame:
    """Simulate several strategies with the same settings; one long table.

    Parameters
    ----------
    *strategies : Strategy
        At least one; their names must differ.
    periods : int
        Periods to simulate, 1 to 100,000 (``MAX_PERIODS``).
    **kwargs
        Passed to :func:`simulate_customer_base` (``initial_customers``,
        ``discount``, ``seed``).

    Returns
    -------
    pandas.DataFrame
        The rows of every simulation with a ``strategy`` column first, ready
        for ``seaborn.lineplot(data=..., x="period", y="end", hue="strategy")``.
    """
    as_count("periods", periods)
    if not strategies:
        raise ValueError("compare_strategies needs at least one Strategy.")
    for position, strategy in enumerate(strategies):
        if not isinstance(strategy, Strategy):
            raise TypeError(f"strategies must each be a Strategy (such as TRANSACTION_FIRM); strategy "
                            f"{position + 1} is {_describe(strategy)}.")
    names = [s.name for s in strategies]
    if len(set(names)) != len(names):
        raise ValueError(f"strategy names must differ; got {names}.")
    tables = []
    for strategy in strategies:
        table = simulate_customer_base(strategy, periods, **kwargs)  # type: ignore[arg-type]
        table.insert(0, "strategy", strategy.name)
        tables.append(table)
    return pd.concat(tables, ignore_index=True)


def crossover_period(first: pd.DataFrame, second: pd.DataFrame,
                     column: str = "cumulative_discounted_profit") -> int | None:
    """First period from which ``second`` stays ahead of ``first`` in ``column``.

    Returns ``None`` if ``second`` is not ahead at the last period.

    Examples
    --------
    >>> a = pd.DataFrame({"period": [1, 2, 3], "x": [5.0, 6.0, 7.0]})
    >>> b = pd.DataFrame({"period": [1, 2, 3], "x": [1.0, 6.5, 9.0]})
    >>> crossover_period(a, b, "x")
    2
    """
    for name, table in (("first", first), ("second", second)):
        as_frame(name, table, {"column": column}, what="a table of simulate_customer_base()")
        as_frame(name, table, ["period"], what="a table of simulate_customer_base()")
    if len(first) != len(second) or len(first) == 0:
        raise ValueError(f"first and second must have the same, non-zero number of periods; got "
                         f"{len(first)} and {len(second)} rows.")
    ahead = (second[column].to_numpy() > first[column].to_numpy())
    if not ahead[-1]:
        return None
    behind = np.nonzero(~ahead)[0]
    index = 0 if behind.size == 0 else int(behind[-1]) + 1
    return int(second["period"].iloc[index])


def profit_uplift(strategy: Strategy, points: float = 0.05, periods: int = 10, *,
                  discount: float = 0.10, initial_customers: float = 1000) -> float:
    """Relative rise in cumulative discounted profit when retention rises by ``points``.

    Everything else stays the same (acquisitions, costs per kept customer).
    Used to test the claim that five more points of retention raise profit
    by 25 %-85 % (Reichheld & Sasser, 1990).

    Returns
    -------
    float
        0.3 means +30 %.  Raises ``ValueError`` if the base profit is not positive.
    """
    _strategy("strategy", strategy)
    points = _scalar("points", points, low=0.0, high=1.0, hint="Pass 0.05 for five points.")
    kwargs = {"discount": discount, "initial_customers": initial_customers}
    before = simulate_customer_base(strategy, periods, **kwargs)["discounted_profit"].sum()
    higher = strategy.with_(retention=min(strategy.retention + points, 1.0))
    after = simulate_customer_base(higher, periods, **kwargs)["discounted_profit"].sum()
    if before <= 0:
        raise ValueError(
            f"the base strategy makes no profit over {periods} periods ({before:,.0f}); a "
            "percentage rise is meaningless. Raise the margin or lower the costs."
        )
    return float(after / before - 1.0)


def breakeven_retention_cost(transaction: Strategy, relationship: Strategy, periods: int = 10, *,
                             discount: float = 0.10, initial_customers: float = 0) -> float:
    """Retention spend per kept customer per period at which both strategies tie.

    The relationship strategy's ``retention_cost`` (its ``retention_budget`` is
    set aside) is varied until its cumulative discounted profit over
    ``periods`` equals the transaction strategy's.  Spend less and the
    relationship firm wins.

    Returns
    -------
    float
        Money per kept customer per period; ``0.0`` if the relationship firm
        loses even when keeping customers is free.
    """
    _strategy("transaction", transaction)
    _strategy("relationship", relationship)
    kwargs = {"discount": discount, "initial_customers": initial_customers}
    target = simulate_customer_base(transaction, periods, **kwargs)["discounted_profit"].sum()

    def gap(cost: float) -> float:
        trial = relationship.with_(retention_cost=cost, retention_budget=None)
        return simulate_customer_base(trial, periods, **kwargs)["discounted_profit"].sum() - target

    if gap(0.0) <= 0:
        return 0.0
    high = max(relationship.margin, 1.0)
    while gap(high) > 0:
        high *= 2
    return float(brentq(gap, 0.0, high, xtol=1e-6))


def profit_uplift_grid(strategy: Strategy, retentions: object, growths: object, *,
                       points: float = 0.05, periods: int = 10, discount: float = 0.10,
                       initial_customers: float = 1000) -> pd.DataFrame:
    """:func:`profit_uplift` over a grid of base retention × margin growth.

    Returns
    -------
    pandas.DataFrame
        Rows ``base retention`` (as given), columns ``margin growth per year``;
        values are relative rises (0.3 = +30 %).
    """
    _strategy("strategy", strategy)
    r = as_float_array("retentions", retentions, low=0.0, high=1.0)
    g = as_float_array("growths", growths, low=-1.0, low_inclusive=False)
    for name, values in (("retentions", r), ("growths", g)):
        if values.ndim > 1 or values.size == 0:
            raise ValueError(f"{name} must be one number or a non-empty list of numbers; got an "
                             f"array of shape {values.shape}.")
    def cell(a: float, b: float) -> float:
        try:
            return profit_uplift(strategy.with_(retention=a, margin_growth=b), points, periods,
                                 discount=discount, initial_customers=initial_customers)
        except ValueError as error:
            raise ValueError(f"at retentions={a:g}, growths={b:g} (initial_customers="
                             f"{initial_customers!r}): {error}") from None

    values = [[cell(float(a), float(b)) for b in np.atleast_1d(g)] for a in np.atleast_1d(r)]
    return pd.DataFrame(values,
                        index=pd.Index(np.atleast_1d(r).round(4), name=N_("base retention")),
                        columns=pd.Index(np.atleast_1d(g).round(4), name=N_("margin growth per year")))


def breakeven_retention_costs(transaction: Strategy, relationship: Strategy,
                              acquisition_costs: object, periods: int = 10, *,
                              discount: float = 0.10) -> pd.DataFrame:
    """:func:`breakeven_retention_cost` for several costs of winning a customer (both firms).

    Returns
    -------
    pandas.DataFrame
        Columns ``acquisition_cost`` and ``breakeven_retention_cost`` (money).
    """
    _strategy("transaction", transaction)
    _strategy("relationship", relationship)
    costs = as_float_array("acquisition_costs", acquisition_costs, low=0.0, low_inclusive=False)
    if costs.ndim > 1:
        raise ValueError(f"acquisition_costs must be one number or a list of numbers; got an array "
                         f"of shape {costs.shape}.")
    rows = [breakeven_retention_cost(transaction.with_(acquisition_cost=float(c)),
                                     relationship.with_(acquisition_cost=float(c)), periods,
                                     discount=discount)
            for c in np.atleast_1d(costs)]
    return pd.DataFrame({"acquisition_cost": np.atleast_1d(costs),
                         "breakeven_retention_cost": rows})


def strategy_table(*strategies: Strategy) -> pd.DataFrame:
    """The strategies' assumptions side by side, in words, one column per strategy."""
    rows = {
        N_("new customers bought a year"): lambda s: f"{s.paid_acquisitions:,.0f}",
        N_("cost per new customer"): lambda s: f"{s.acquisition_cost:,.0f}",
        N_("spent on acquisition a year"): lambda s: f"{s.paid_acquisitions * s.acquisition_cost:,.0f}",
        N_("spent on retention a year"): lambda s: (
            f"{s.retention_budget:,.0f}" if s.retention_budget is not None
            else _("{cost:,.0f} per kept customer", cost=s.retention_cost)),
        N_("retention a year"): lambda s: f"{s.retention:.0%}",
        N_("margin per kept customer a year"): lambda s: f"{s.margin:,.0f}",
        N_("margin growth per year of tenure"): lambda s: f"{s.margin_growth:.0%}",
        N_("referrals per kept customer a year"): lambda s: f"{s.referrals:g}",
    }
    return pd.DataFrame({s.name: {label: fmt(s) for label, fmt in rows.items()}
                         for s in strategies})
