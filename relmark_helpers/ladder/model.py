"""The customer ladder as a Markov chain with rewards (Pfeifer & Carraway, 2000).

The course material draws the customer ladder inside the leaky bucket: prospects
become first-time customers, then repeat customers, clients, advocates and
partners, and at every rung some customers lapse.  Here the drawing becomes a
model.  Each period a customer on rung *s* moves to rung *s'* with probability
``P[s, s']`` (a row of the transition matrix sums to 1), independently of how
they got there.  While on rung *s* they bring a ``margin[s]`` per period and the
firm spends ``cost[s]`` per period on them (marketing cost: what it costs to
serve and move customers up).  Their *net reward* is ``R = margin - cost``.

Timing convention (the same as :func:`relmark_helpers.lifetime_value.formulas.clv`)
-------------------------------------------------------------
A customer stands on rung ``s`` at t = 0, the moment we value them.

``timing="end"`` (default):
    the rewards of period t (t = 1, 2, ...) are those of the rung the
    customer reached at the end of period t, discounted by ``(1+i)^t``:
    ``V = sum_t (P/(1+i))^t R``.  Infinite horizon, by one linear solve:
    ``(I - P/(1+i)) V = (P/(1+i)) R``.
``timing="start"``:
    the reward of the starting rung is paid at t = 0, undiscounted:
    ``V = sum_{t>=0} (P/(1+i))^t R``; infinite horizon ``(I - P/(1+i)) V = R``
    (Pfeifer & Carraway's form).

A finite horizon of T periods counts T rewards under either convention, as in
:func:`~relmark_helpers.lifetime_value.formulas.clv`.  A two-rung ladder -- *active* stays active
with probability r, else *lost* for ever with reward 0 -- gives exactly
``clv(margin - cost, r, i, periods, timing=...)`` for an active customer.

Units: margin and cost in money per customer per period; probabilities and
the discount rate per period, as fractions (0.3 = 30 %).

Introduced in notebook 08.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from relmark_helpers.core.messages import N_
from relmark_helpers.core.validate import as_float, as_float_array, as_periods, choose, finite_result
from relmark_helpers.lifetime_value.formulas import TIMINGS

__all__ = ["LADDER_RUNGS", "Ladder", "teaching_ladder"]

LADDER_RUNGS: tuple[str, ...] = (N_("first-time customer"), N_("repeat customer"), N_("client"),
                                 N_("advocate"), N_("partner"), N_("lapsed"))
"""Rungs of :func:`teaching_ladder`, from the first purchase up, and the lapsed customers."""

_TOLERANCE = 1e-9


def _names(states: object) -> tuple[str, ...]:
    if isinstance(states, str) or not isinstance(states, Sequence | pd.Index):
        raise TypeError(f"states must be a list of rung names; got {states!r:.60}.")
    names = tuple(str(s) for s in states)
    if len(names) < 1:
        raise ValueError("states must name at least one rung; got an empty list.")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f"states must be unique; {twice} appear more than once.")
    return names


def _matrix(transitions: object, names: tuple[str, ...]) -> npt.NDArray[np.float64]:
    """The transition matrix as an array ordered like ``names``, from an array, DataFrame or dict."""
    n = len(names)
    if isinstance(transitions, Mapping):
        matrix = np.zeros((n, n))
        for origin, row in transitions.items():
            i = _position(origin, names, "transitions (row)")
            if not isinstance(row, Mapping):
                raise TypeError(f"transitions[{origin!r}] must be a dict {{rung: probability}}; "
                                f"got {row!r:.60}.")
            for target, p in row.items():
                j = _position(target, names, f"transitions[{origin!r}]")
                matrix[i, j] = as_float(f"transitions[{origin!r}][{target!r}]", p)
        return matrix
    if isinstance(transitions, pd.DataFrame):
        for label, axis in (("row", transitions.index), ("column", transitions.columns)):
            for name in axis:
                _position(name, names, f"transitions ({label})")
            missing = [s for s in names if s not in set(map(str, axis))]
            if missing:
                raise ValueError(f"transitions has no {label} for rung(s) {missing}.")
        frame = transitions.copy()
        frame.index = frame.index.map(str)
        frame.columns = frame.columns.map(str)
        transitions = frame.loc[list(names), list(names)].to_numpy()
    matrix = as_float_array("transitions", transitions)
    if matrix.shape != (n, n):
        raise ValueError(f"transitions must be a square {n} x {n} matrix, one row and one column "
                         f"per rung {list(names)}; got shape {matrix.shape}.")
    return matrix


def _position(name: object, names: tuple[str, ...], where: str) -> int:
    if str(name) not in names:
        listed = ", ".join(repr(s) for s in names)
        raise ValueError(f"{where}: unknown rung {name!r}; the rungs are {listed}.")
    return names.index(str(name))


def _per_state(name: str, value: object, names: tuple[str, ...]) -> npt.NDArray[np.float64]:
    if isinstance(value, Mapping):
        array = np.zeros(len(names))
        for key, v in value.items():
            array[_position(key, names, name)] = as_float(f"{name}[{key!r}]", v)
        return array
    array = as_float_array(name, value)
    if array.ndim == 0:
        return np.full(len(names), float(array))
    if array.shape != (len(names),):
        raise ValueError(f"{name} must be one number or one per rung ({len(names)}); "
                         f"got shape {array.shape}.")
    return array


class Ladder:
    """A customer ladder: named rungs, a transition matrix, a margin and a cost per rung.

    Parameters
    ----------
    states : list of str
        Names of the rungs (states), in the order of the matrix.
    transitions : array_like, pandas.DataFrame or dict
        Probability of moving from the row's rung to the column's rung in one
        period.  An n x n array; a DataFrame with the rung names as index and
        columns; or a dict ``{from: {to: probability}}`` (missing entries are 0).
        Every entry in [0, 1]; every row sums to 1.
    margin : float, list or dict
        Margin per customer per period on each rung (money); one number for all.
    cost : float, list or dict
        Marketing cost per customer per period on each rung (money, >= 0).

    Raises
    ------
    ValueError
        A matrix of the wrong shape, a negative entry or one above 1, a row
        that does not sum to 1 (the message names the row and its sum), or an
        unknown rung name.

    Examples
    --------
    >>> two = Ladder(["active", "lost"], [[0.8, 0.2], [0.0, 1.0]], margin=[100, 0])
    >>> round(float(two.expected_value(0.10)["active"]), 2)
    266.67
    """

    def __init__(self, states: Sequence[str], transitions: object, *, margin: object = 0.0,
                 cost: object = 0.0):
        self.states = _names(states)
        matrix = _matrix(transitions, self.states)
        if ((matrix < 0) | (matrix > 1)).any():
            i, j = np.argwhere((matrix < 0) | (matrix > 1))[0]
            raise ValueError(
                f"transitions must be probabilities in [0, 1]; the entry from "
                f"{self.states[i]!r} to {self.states[j]!r} is {matrix[i, j]:g}.")
        sums = matrix.sum(axis=1)
        bad = np.abs(sums - 1.0) > 1e-6
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(
                f"each row of transitions must sum to 1 (every customer goes somewhere); the row "
                f"of {self.states[i]!r} sums to {sums[i]:.4g}. Add the missing probability to "
                "'stay' or 'lapsed'.")
        self.transitions = matrix
        self.margin = _per_state("margin", margin, self.states)
        self.cost = _per_state("cost", cost, self.states)
        if (self.cost < 0).any():
            i = int(np.argmax(self.cost < 0))
            raise ValueError(f"cost must be >= 0 on every rung; got {self.cost[i]:g} on "
                             f"{self.states[i]!r}.")

    def __repr__(self) -> str:
        return f"Ladder({list(self.states)})"

    @property
    def reward(self) -> npt.NDArray[np.float64]:
        """Net reward per customer per period on each rung: margin minus cost (money)."""
        return self.margin - self.cost

    def matrix(self) -> pd.DataFrame:
        """The transition matrix with named rows (from) and columns (to)."""
        return pd.DataFrame(self.transitions, index=pd.Index(self.states, name="from"),
                            columns=pd.Index(self.states, name="to"))

    def _initial(self, initial: object) -> npt.NDArray[np.float64]:
        if isinstance(initial, str):
            vector = np.zeros(len(self.states))
            vector[_position(initial, self.states, "initial")] = 1.0
            return vector
        if isinstance(initial, pd.Series):
            initial = initial.to_dict()
        vector = _per_state("initial", initial, self.states)
        if (vector < 0).any():
            raise ValueError(f"initial must be >= 0 customers on every rung; got {vector.tolist()}.")
        return vector

    def project(self, initial: object, periods: int) -> pd.DataFrame:
        """Expected number of customers on each rung, period by period.

        Parameters
        ----------
        initial : str, dict, list or pandas.Series
            Customers at t = 0: a rung name (one customer there), a dict
            ``{rung: number}`` or one number per rung.
        periods : int
            Periods to project, 0 to 100,000 (``MAX_PERIODS``).

        Returns
        -------
        pandas.DataFrame
            Tidy: columns ``period`` (0..periods), ``state`` and ``customers``
            (expected number; the total is the same in every period).

        Examples
        --------
        >>> two = Ladder(["active", "lost"], [[0.8, 0.2], [0.0, 1.0]])
        >>> two.project({"active": 100}, 2)["customers"].round(1).tolist()
        [100.0, 0.0, 80.0, 20.0, 64.0, 36.0]
        """
        vector = self._initial(initial)
        horizon = as_periods("periods", periods)
        if horizon.ndim != 0:
            raise TypeError("periods must be a single whole number.")
        rows = [vector]
        for _ in range(int(horizon)):
            rows.append(rows[-1] @ self.transitions)
        counts = np.array(rows)
        finite_result(counts, initial=initial, periods=periods)
        return pd.DataFrame({
            "period": np.repeat(np.arange(len(rows)), len(self.states)),
            "state": np.tile(np.array(self.states, dtype=object), len(rows)),
            "customers": counts.ravel(),
        })

    def steady_state(self) -> pd.Series:
        """Where the base settles: the share of customers on each rung in the long run.

        The stationary distribution pi with ``pi P = pi`` and shares summing to 1.

        Raises
        ------
        ValueError
            If the ladder has more than one steady state (two or more groups of
            rungs that customers never leave, e.g. two absorbing rungs), so
            where the base settles depends on where it starts.

        Examples
        --------
        >>> two = Ladder(["active", "lost"], [[0.8, 0.2], [0.0, 1.0]])
        >>> two.steady_state().round(3).tolist()   # lost is absorbing: everyone ends there
        [0.0, 1.0]
        """
        n = len(self.states)
        system = np.eye(n) - self.transitions.T
        if np.linalg.matrix_rank(system, tol=1e-10) < n - 1:
            raise ValueError(
                "this ladder has more than one steady state: customers can get stuck in two or "
                "more separate groups of rungs (for example two rungs nobody leaves), so where "
                "the base settles depends on where it starts. Use project() instead.")
        a = np.vstack([system, np.ones(n)])
        b = np.concatenate([np.zeros(n), [1.0]])
        shares, *_ = np.linalg.lstsq(a, b, rcond=None)
        shares = np.clip(shares, 0.0, None)
        return pd.Series(shares / shares.sum(), index=pd.Index(self.states, name="state"),
                         name="share")

    def expected_value(self, discount: float, periods: int | None = None, *,
                       timing: str = "end") -> pd.Series:
        """Discounted expected value of a customer who starts on each rung (CLV per rung).

        Parameters
        ----------
        discount : float
            Discount rate per period, > 0 for no end (> -1 with a finite horizon).
        periods : int or None
            Horizon in periods (rewards counted), at most 100,000 (``MAX_PERIODS``);
            None (default): no end, by a
            linear solve of ``(I - P / (1 + i)) V = b``.
        timing : {"end", "start"}
            When each period's reward arrives; see the module docstring.

        Returns
        -------
        pandas.Series
            Value per customer (money), indexed by rung.

        Examples
        --------
        >>> two = Ladder(["active", "lost"], [[0.8, 0.2], [0.0, 1.0]], margin=[100, 0])
        >>> two.expected_value(0.10, timing="start").round(2).tolist()
        [366.67, 0.0]
        >>> two.expected_value(0.10, periods=5).round(2).tolist()
        [212.41, 0.0]
        """
        timing = choose("timing", timing, TIMINGS)
        low = 0.0 if periods is None else -1.0
        hint = ("Pass 0.1 for 10 % per period; with no end the rate must be above 0 for the sum "
                "to be finite." if periods is None else "Pass 0.1 for 10 % per period.")
        i = as_float("discount", discount, low=low, low_inclusive=False, hint=hint)
        step = self.transitions / (1.0 + i)
        n = len(self.states)
        if periods is None:
            right = step @ self.reward if timing == "end" else self.reward
            try:
                values = np.linalg.solve(np.eye(n) - step, right)
            except np.linalg.LinAlgError:
                raise ValueError(
                    f"discount={i:g} is too close to 0 for a ladder with no end: a rung that keeps its "
                    "customers for ever makes the sum infinite. Pass a discount such as 0.1, or a "
                    "finite periods=.") from None
        else:
            horizon = as_periods("periods", periods)
            if horizon.ndim != 0:
                raise TypeError("periods must be a single whole number (or None for no end).")
            values = np.zeros(n)
            term = step @ self.reward if timing == "end" else self.reward.copy()
            for _ in range(int(horizon)):
                values = values + term
                term = step @ term
        return pd.Series(values, index=pd.Index(self.states, name="state"), name="value")


def teaching_ladder(promotion: float = 0.30, lapse: float = 0.25, development_cost: float = 10.0,
                    *, win_back: float = 0.05) -> Ladder:
    """The workbook's customer ladder, with **teaching values** (per year).

    Rungs: :data:`LADDER_RUNGS`, the rungs of Kotler's customer-development
    process (after Griffin 1995) from the first purchase up; Kotler's
    *member* rung, between client and advocate, is folded into *client*, as
    the course material leaves it out.  Each year a customer on a rung that
    can still move up is promoted one rung with probability ``promotion`` on the first
    two steps, half of it from client to advocate and a quarter from advocate
    to partner (each step is harder).  They lapse with probability ``lapse``
    as first-time customers, and with 70 %, 50 %, 30 % and 20 % of it on the
    higher rungs (loyal customers leave less).  Otherwise they stay.  Lapsed
    customers are won back as first-time customers with probability
    ``win_back``.  Margins a year: 40, 80, 120, 150, 200 and 0; every rung
    below partner costs ``development_cost`` a year (the effort of moving
    customers up), partners 0 extra.

    Parameters
    ----------
    promotion : float
        Main promotion probability per year, in [0, 0.5].
    lapse : float
        Lapse probability of a first-time customer per year, in [0, 0.5].
    development_cost : float
        Marketing cost per customer per year on each rung below partner (money, >= 0).
    win_back : float
        Probability per year that a lapsed customer buys again, in [0, 1].

    Examples
    --------
    >>> ladder = teaching_ladder()
    >>> ladder.matrix().loc["first-time customer"].round(2).tolist()
    [0.45, 0.3, 0.0, 0.0, 0.0, 0.25]
    """
    p = as_float("promotion", promotion, low=0.0, high=0.5,
                             hint="Pass 0.3 for 30 % a year.")
    q = as_float("lapse", lapse, low=0.0, high=0.5, hint="Pass 0.25 for 25 % a year.")
    c = as_float("development_cost", development_cost, low=0.0)
    w = as_float("win_back", win_back, low=0.0, high=1.0)
    up = (p, p, p / 2, p / 4, 0.0)
    out = (q, 0.7 * q, 0.5 * q, 0.3 * q, 0.2 * q)
    n = len(LADDER_RUNGS)
    matrix = np.zeros((n, n))
    for k in range(5):
        matrix[k, k + 1 if k < 4 else k] += up[k]
        matrix[k, n - 1] = out[k]
        matrix[k, k] += 1.0 - up[k] - out[k]
    matrix[n - 1, 0] = w
    matrix[n - 1, n - 1] = 1.0 - w
    return Ladder(LADDER_RUNGS, matrix, margin=[40.0, 80.0, 120.0, 150.0, 200.0, 0.0],
                  cost=[c, c, c, c, 0.0, 0.0])
