"""The 80/20 rule as a function of inequality: closed forms checked by hand and by simulation."""

import numpy as np
import pytest
from scipy.stats import norm

from relmark_helpers import (
    lognormal_lorenz,
    lognormal_top_share,
    sample_spending,
    sigma_for_top_share,
    top_share,
)


def test_equal_spending_gives_proportional_shares():
    assert lognormal_top_share(0.0, 0.2) == pytest.approx(0.2)
    p, lorenz = lognormal_lorenz(0.0)
    assert np.allclose(lorenz, p)


def test_closed_form_by_hand():
    # 1 - Phi(Phi^-1(0.8) - 1) = 1 - Phi(0.8416 - 1) = Phi(0.1584)
    assert lognormal_top_share(1.0) == pytest.approx(norm.cdf(1 - 0.841621), abs=1e-5)


def test_eighty_twenty_needs_a_sigma_near_1_7():
    sigma = sigma_for_top_share(0.8, 0.2)
    assert 1.6 < sigma < 1.75
    assert lognormal_top_share(sigma) == pytest.approx(0.8)


def test_closed_form_matches_simulated_customers():
    for sigma in (0.5, 1.0, 1.7):
        spend = sample_spending(sigma, 200_000, seed=3)
        assert top_share(spend) == pytest.approx(lognormal_top_share(sigma), abs=0.01)
        assert spend.mean() == pytest.approx(100, rel=0.05)


def test_top_share_rises_with_inequality_and_lorenz_is_convex():
    shares = lognormal_top_share(np.linspace(0, 3, 31))
    assert np.all(np.diff(shares) > 0)
    _, lorenz = lognormal_lorenz(1.2)
    assert np.all(np.diff(lorenz, 2) >= -1e-12)


def test_observed_top_share_by_hand():
    assert top_share([1, 1, 1, 1, 6]) == pytest.approx(0.6)
    assert top_share([5, 5, 5, 5]) == pytest.approx(0.25)  # top 20 % of 4 rounds to 1 customer


def test_errors():
    with pytest.raises(ValueError, match=r"sigma must be in \[0, 5\]"):
        lognormal_top_share(-1)
    with pytest.raises(ValueError, match=r"top must be in \(0, 1\)"):
        lognormal_top_share(1.0, top=20)
    with pytest.raises(ValueError, match="share must exceed top"):
        sigma_for_top_share(0.1)
    with pytest.raises(ValueError, match="values must be >= 0"):
        top_share([1, -2])
    with pytest.raises(ValueError, match="must not all be zero"):
        top_share([0, 0])
