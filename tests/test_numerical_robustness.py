"""Numerical robustness of the sBG lifetimes, the RFM spend and the simulator's cost.

The sBG references are computed with mpmath at 30 significant digits, from the
Gauss hypergeometric form of the residual lifetime (mpmath evaluates it by its
series and, near z = 1, by its analytic continuation), and checked against the
plain term-by-term series where that series is short enough to sum.
"""

from __future__ import annotations

import time

import mpmath
import numpy as np
import pandas as pd
import pytest

from relmark_helpers import (
    RELATIONSHIP_FIRM,
    TRANSACTION_FIRM,
    rfm_summary,
    sbg_del,
    sbg_derl,
    simulate_customer_base,
)

mpmath.mp.dps = 30

SHAPES = (0.01, 1.0, 15.0, 1e4)
BETAS = (0.01, 2.0, 150.0, 1e4)
DISCOUNTS = (1e-9, 1e-4, 0.1, 1.0)


def reference_derl(alpha: float, beta: float, discount: float, renewals: int) -> mpmath.mpf:
    """DERL in mpmath: the plain series when it is short, else the hypergeometric form.

    ``(b + n) / (a + b + n) * 2F1(1, b + n + 1; a + b + n + 1; 1 / (1 + d))``.
    """
    if discount >= 0.05:
        return reference_series(alpha, beta, discount, renewals)
    a, b, d = mpmath.mpf(alpha), mpmath.mpf(beta) + renewals, mpmath.mpf(discount)
    return b / (a + b) * mpmath.hyp2f1(1, b + 1, a + b + 1, 1 / (1 + d))


def reference_series(alpha: float, beta: float, discount: float, renewals: int) -> mpmath.mpf:
    """The defining sum ``sum_j S(n + 1 + j) / S(n) / (1 + d)^j``, term by term in mpmath."""
    a, b, x = mpmath.mpf(alpha), mpmath.mpf(beta) + renewals, 1 / (1 + mpmath.mpf(discount))
    total, ratio, power, j = mpmath.mpf(0), mpmath.mpf(1), mpmath.mpf(1), 0
    while True:
        ratio *= (b + j) / (a + b + j)
        term = ratio * power
        total += term
        if term < total * mpmath.mpf(10) ** -25:
            return total
        power *= x
        j += 1


def test_the_reference_agrees_with_the_plain_series():
    for args in ((15.0, 150.0, 0.1, 0), (0.3, 2.0, 0.05, 4), (1e4, 0.01, 1.0, 7)):
        assert reference_derl(*args) == pytest.approx(reference_series(*args), rel=1e-20)


def test_derl_alpha_15_beta_150_is_the_series_value_not_scipys_hyp2f1():
    # scipy's hyp2f1 gives 5.318530 here (finite, so no fallback could catch it).
    assert float(reference_series(15.0, 150.0, 0.1, 0)) == pytest.approx(5.323718, abs=5e-7)
    assert sbg_derl(15.0, 150.0, 0.1, 0) == pytest.approx(float(reference_series(15.0, 150.0, 0.1, 0)),
                                                         rel=1e-12)


@pytest.mark.parametrize("renewals", [0, 7])
@pytest.mark.parametrize("discount", DISCOUNTS)
def test_derl_matches_high_precision_over_a_grid_of_shapes(discount, renewals):
    for alpha in SHAPES:
        for beta in BETAS:
            expected = float(reference_derl(alpha, beta, discount, renewals))
            got = sbg_derl(alpha, beta, discount, renewals)
            assert got == pytest.approx(expected, rel=1e-9), (alpha, beta, discount, renewals)


@pytest.mark.parametrize("discount", DISCOUNTS)
def test_del_matches_high_precision_over_a_grid_of_shapes(discount):
    for alpha in SHAPES:
        for beta in BETAS:
            d = mpmath.mpf(discount)
            expected = float(1 + reference_derl(alpha, beta, discount, 0) / (1 + d))
            assert sbg_del(alpha, beta, discount) == pytest.approx(expected, rel=1e-9), (alpha, beta)


def test_del_with_a_tiny_discount_is_quick_and_needs_no_memory():
    start = time.perf_counter()
    value = sbg_del(7000.0, 3000.0, 1e-9)
    assert time.perf_counter() - start < 0.5
    expected = float(1 + reference_derl(7000.0, 3000.0, 1e-9, 0) / (1 + mpmath.mpf(1e-9)))
    assert value == pytest.approx(expected, rel=1e-9)
    # Homogeneous limit: churn 0.7 for everyone, so DEL -> 1 / 0.7 as d -> 0.
    assert value == pytest.approx(1.0 / 0.7, rel=1e-3)


def test_derl_of_arrays_is_elementwise():
    renewals = np.arange(4)
    together = sbg_derl(0.7, 1.2, 1e-6, renewals)
    assert together.tolist() == [sbg_derl(0.7, 1.2, 1e-6, int(n)) for n in renewals]


def test_monetary_value_keeps_small_repeat_spend_next_to_a_huge_first_day():
    log = pd.DataFrame({
        "customer_id": ["a", "a", "a", "a", "b", "b"],
        "date": ["2025-01-01", "2025-01-01", "2025-01-05", "2025-01-09", "2025-01-02", "2025-01-03"],
        "amount": [1e16, 3.0, 1.0, 1.0, 5.0, 2.5],
    })
    rfm = rfm_summary(log, amount_col="amount")
    # Repeat days of a: 1.0 and 1.0 (mean 1.0); total minus first day would give 0.0 or 2.0.
    assert rfm.loc["a", "monetary_value"] == 1.0
    assert rfm.loc["b", "monetary_value"] == 2.5


def _quadratic_simulation(strategy, periods, *, initial_customers=0.0, discount=0.1, seed=None):
    """The simulator as first written: every tenure group visited every period (cost ~ periods^2)."""
    rng = None if seed is None else np.random.default_rng(seed)
    r, g = strategy.retention, strategy.margin_growth
    paid = strategy.paid_acquisitions
    margins = strategy.margin * (1.0 + g) ** np.arange(periods + 1)
    by_tenure = np.zeros(periods + 1)
    by_tenure[0] = initial_customers
    ends, revenues, profits = [], [], []
    for t in range(1, periods + 1):
        active = by_tenure[:t]
        if rng is None:
            kept = active * r
            new = paid + strategy.referrals * kept.sum()
        else:
            kept = rng.binomial(active.astype(np.int64), r).astype(float)
            new = float(rng.poisson(paid + strategy.referrals * kept.sum()))
        revenue = float(kept @ margins[:t])
        spend = (strategy.retention_budget if strategy.retention_budget is not None
                 else strategy.retention_cost * kept.sum())
        profits.append(revenue - paid * strategy.acquisition_cost - spend)
        by_tenure[1:t + 1] = kept
        by_tenure[0] = new
        ends.append(kept.sum() + new)
        revenues.append(revenue)
    return np.array(ends), np.array(revenues), np.array(profits)


@pytest.mark.parametrize("seed", [None, 3])
@pytest.mark.parametrize("firm", [TRANSACTION_FIRM, RELATIONSHIP_FIRM], ids=["transaction", "relationship"])
def test_linear_cost_simulator_gives_the_same_paths(firm, seed):
    table = simulate_customer_base(firm, 80, initial_customers=200, seed=seed)
    ends, revenues, profits = _quadratic_simulation(firm, 80, initial_customers=200, seed=seed)
    if seed is None:
        np.testing.assert_allclose(table["end"], ends, rtol=1e-12)
    else:
        np.testing.assert_array_equal(table["end"], ends)  # the same random draws
    np.testing.assert_allclose(table["revenue"], revenues, rtol=1e-12)
    np.testing.assert_allclose(table["profit"], profits, rtol=1e-12, atol=1e-6)


def test_simulator_cost_grows_linearly_with_the_horizon():
    start = time.perf_counter()
    simulate_customer_base(RELATIONSHIP_FIRM, 100_000)
    assert time.perf_counter() - start < 2.0
