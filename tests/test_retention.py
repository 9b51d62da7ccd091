"""The shifted-beta-geometric model: published fits, recovery from simulation, DEL and DERL sums."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import special

from relmark_helpers import (
    alive_counts,
    clv,
    constant_retention_derl,
    fit_sbg,
    get_exercise,
    mixture_retention,
    sbg_del,
    sbg_derl,
    sbg_retention,
    sbg_survival,
    simulate_mixture,
    simulate_sbg,
)

REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]  # Fader & Hardie (2007), years 0-7
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]


def explicit_survival(alpha, beta, t):
    return np.exp(special.betaln(alpha, beta + t) - special.betaln(alpha, beta))


def test_params_close_to_fader_hardie_2007():
    regular, high_end = fit_sbg(REGULAR), fit_sbg(HIGH_END)
    assert (regular.alpha, regular.beta) == pytest.approx((0.704, 1.182), abs=0.001)
    assert (high_end.alpha, high_end.beta) == pytest.approx((0.668, 3.806), abs=0.001)


@pytest.mark.parametrize(("alpha", "beta"), [(0.7, 1.2), (2.0, 6.0), (0.5, 3.0)])
def test_fit_recovers_simulated_parameters(alpha, beta):
    """50,000 simulated customers, 12 periods: alpha and beta back within 12 %."""
    counts = simulate_sbg(alpha, beta, 50_000, 12, seed=11)
    fit = fit_sbg(counts)
    assert fit.alpha == pytest.approx(alpha, rel=0.12)
    assert fit.beta == pytest.approx(beta, rel=0.12)
    assert fit.mean_churn == pytest.approx(alpha / (alpha + beta), abs=0.01)


def test_survival_and_retention_formulas_agree_with_simulation():
    alpha, beta = 0.8, 1.6
    counts = simulate_sbg(alpha, beta, 200_000, 8, seed=5)
    share = counts / counts[0]
    t = np.arange(8)
    assert share == pytest.approx(sbg_survival(alpha, beta, t), abs=0.004)
    assert counts[1:] / counts[:-1] == pytest.approx(sbg_retention(alpha, beta, t[1:]), abs=0.01)


def test_hand_worked_reference_values():
    # alpha = beta = 1: theta uniform, S(t) = 1 / (t + 1), r(t) = t / (t + 1).
    assert sbg_survival(1.0, 1.0, np.arange(4)) == pytest.approx([1, 1 / 2, 1 / 3, 1 / 4])
    assert sbg_retention(1.0, 1.0, np.array([1, 2, 3])) == pytest.approx([1 / 2, 2 / 3, 3 / 4])
    # DEL = sum z^t / (t + 1) = -ln(1 - z) / z with z = 1 / 1.1: 1.1 ln 11.
    assert sbg_del(1.0, 1.0, 0.10) == pytest.approx(1.1 * math.log(11.0), rel=1e-12)
    # DERL after 0 renewals = sum z^j / (j + 2) = (-ln(1 - z) - z) / z^2.
    z = 1 / 1.1
    assert sbg_derl(1.0, 1.0, 0.10, 0) == pytest.approx((math.log(11.0) - z) / z**2, rel=1e-12)
    # alpha = 1, beta = 2: S(t) = 2 / (t + 2), DEL = 2 (-ln(1 - z) - z) / z^2 (exercise 5.3: x 100).
    assert get_exercise("5.3").answer() == pytest.approx(200 * (math.log(11.0) - z) / z**2, rel=1e-10)


@pytest.mark.parametrize(("alpha", "beta", "discount"),
                         [(0.704, 1.182, 0.10), (0.668, 3.806, 0.05), (3.0, 2.0, 0.15), (0.3, 8.0, 0.02)])
def test_del_equals_the_explicit_discounted_sum(alpha, beta, discount):
    t = np.arange(200_000)
    explicit = np.sum(explicit_survival(alpha, beta, t) * np.exp(-t * np.log1p(discount)))
    assert sbg_del(alpha, beta, discount) == pytest.approx(explicit, rel=1e-9)


@pytest.mark.parametrize("renewals", [0, 1, 4, 10])
def test_derl_equals_the_explicit_discounted_sum(renewals):
    alpha, beta, discount = 0.704, 1.182, 0.10
    j = np.arange(200_000)
    s = explicit_survival(alpha, beta, renewals + 1 + j) / explicit_survival(alpha, beta, renewals)
    explicit = np.sum(s * np.exp(-j * np.log1p(discount)))
    assert sbg_derl(alpha, beta, discount, renewals) == pytest.approx(explicit, rel=1e-9)


def test_del_and_derl_fit_together_and_derl_grows_with_tenure():
    alpha, beta, d = 0.9, 1.7, 0.1
    # A new customer: the first period now, then DERL(0) one period later.
    assert sbg_del(alpha, beta, d) == pytest.approx(1 + sbg_derl(alpha, beta, d, 0) / (1 + d))
    values = sbg_derl(alpha, beta, d, np.arange(10))
    assert np.all(np.diff(values) > 0)


def test_constant_retention_is_the_limit_without_heterogeneity():
    # alpha, beta large with alpha / (alpha + beta) = 0.3: everyone churns with 0.3.
    r, d = 0.7, 0.1
    assert sbg_del(3e5, 7e5, d) == pytest.approx(clv(1.0, r, d, timing="start"), rel=1e-4)
    assert sbg_derl(3e5, 7e5, d, 5) == pytest.approx(constant_retention_derl(r, d), rel=1e-4)


def test_fit_object_methods():
    fit = fit_sbg(REGULAR)
    assert fit.cohort_size == 1000
    assert fit.projection(3) == pytest.approx(1000 * np.asarray(fit.survival(np.arange(3))))
    assert fit.retention(1) == pytest.approx(fit.beta / (fit.alpha + fit.beta))
    assert fit.del_(0.1) == pytest.approx(sbg_del(fit.alpha, fit.beta, 0.1))
    assert fit.derl(0.1, 2) == pytest.approx(sbg_derl(fit.alpha, fit.beta, 0.1, 2))
    assert fit.log_likelihood < 0


@pytest.mark.parametrize(
    ("alive", "message"),
    [
        ([1000, 800, 850], r"alive must never increase .*alive\[2\] = 850 > alive\[1\] = 800"),
        ([1000, -5], r"alive must be >= 0; got -5"),
        ([1000], r"alive must be a list of at least two counts"),
        ([1000, 600.5], "alive must hold whole numbers"),
        ([0, 0], r"alive\[0\], the cohort's size, must be > 0"),
        ([[1000, 600], [1000, 500]], "alive must be a list of at least two counts"),
    ],
    ids=["increasing", "negative", "one period", "fractional", "empty cohort", "two-dimensional"],
)
def test_bad_counts_get_a_clear_error(alive, message):
    with pytest.raises(ValueError, match=message):
        fit_sbg(alive)


def test_bad_parameters_get_a_clear_error():
    with pytest.raises(ValueError, match=r"alpha must be > 0; got -1"):
        sbg_del(-1, 1, 0.1)
    with pytest.raises(ValueError, match=r"discount must be > 0; got 0"):
        sbg_del(1, 1, 0)
    with pytest.raises(ValueError, match="renewals must be a whole number"):
        sbg_derl(1, 1, 0.1, 1.5)
    with pytest.raises(ValueError, match="t must be a period >= 1"):
        sbg_retention(1, 1, 0)
    with pytest.raises(TypeError, match="beta must be a number"):
        sbg_survival(1, "two", 3)


def test_alive_counts_from_a_renewal_table():
    table = pd.DataFrame({"plan": ["a", "a", "a", "a", "b", "b"], "period": [0, 1, 0, 1, 0, 1],
                          "subscribed": [1, 1, 1, 0, 1, 0]})
    counts = alive_counts(table)
    assert counts.loc["a"].tolist() == [2, 1] and counts.loc["b"].tolist() == [1, 0]
    with pytest.raises(ValueError, match="must hold 1 \\(active\\) or 0; got 2"):
        alive_counts(table.assign(subscribed=[1, 2, 1, 0, 1, 0]))
    with pytest.raises(ValueError, match="no column 'plan'"):
        alive_counts(table.rename(columns={"plan": "tier"}))


def test_mixture_rises_and_simulation_matches_expectation():
    expected = mixture_retention([0.5, 0.9], [0.5, 0.5], 10)
    rates = expected["aggregate retention"].to_numpy()
    # By hand: period 1 = 0.5 * 0.5 + 0.5 * 0.9 = 0.7; period 2 = (0.125 + 0.405) / 0.7.
    assert rates[:2] == pytest.approx([0.7, 0.53 / 0.7])
    assert np.all(np.diff(rates) > 0) and rates[-1] < 0.9
    simulated = simulate_mixture([0.5, 0.9], [0.5, 0.5], 100_000, 6, seed=3)
    assert simulated["aggregate retention"].iloc[1:].to_numpy() == pytest.approx(rates[:5], abs=0.01)
    with pytest.raises(ValueError, match="shares must add up to 1"):
        mixture_retention([0.5, 0.9], [0.5, 0.6], 5)


def test_simulation_is_seeded():
    assert simulate_sbg(1, 2, 500, 5, seed=4).tolist() == simulate_sbg(1, 2, 500, 5, seed=4).tolist()
