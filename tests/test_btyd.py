"""BG/NBD, Pareto/NBD and Gamma-Gamma on the CDNOW data, checked against their published results.

Sources of the expected numbers (each test is named after its source):

* Fader, Hardie & Lee (2005), "Counting your customers" the easy way, Marketing Science 24(2):
  BG/NBD r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4 and Pareto/NBD r = 0.553,
  alpha = 10.578, s = 0.606, beta = 11.669, LL = -9595.0 on the CDNOW sample, 39-week calibration
  (as quoted by CLVTools' and lifetimes' test suites).
* Fader & Hardie (2013), "The Gamma-Gamma model of monetary value": p = 6.25, q = 3.74,
  gamma = 15.44 on the 946 repeat buyers, and the conditional expected spends of the first ten
  customers of Hardie's spreadsheet (24.65, 18.91, 35.17, ..., 71.46, ...).
* Hardie's BG/NBD spreadsheet: E[X(t)] at six ages and the conditional expectation 1.226 of a
  customer with x = 2, t_x = 30.43, T = 38.86 over the next 39 weeks (lifetimes' tests).
* lifetimes 0.11.3 (BetaGeoFitter, ParetoNBDFitter, GammaGammaFitter): parameters within 1e-4
  relative, predictions within 1e-6 relative at the same parameters.
"""

from __future__ import annotations

import hashlib
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import integrate

from relmark_helpers import (
    DATA_DIR,
    calibration_holdout,
    customer_value,
    fit_bgnbd,
    fit_gamma_gamma,
    fit_pareto_nbd,
    load_cdnow,
    use_language,
    weekly_repeat_transactions,
)
from relmark_helpers.btyd import bgnbd as bgnbd_module
from relmark_helpers.btyd import cdnow as cdnow_module
from relmark_helpers.btyd import gamma_gamma as gg_module
from relmark_helpers.btyd import pareto_nbd as pnbd_module
from relmark_helpers.btyd._common import by_value


@pytest.fixture(scope="module")
def summary() -> pd.DataFrame:
    return calibration_holdout(load_cdnow(sample=True))


@pytest.fixture(scope="module")
def fits(summary):
    return {"bgnbd": fit_bgnbd(summary), "pnbd": fit_pareto_nbd(summary),
            "gg": fit_gamma_gamma(summary)}


@pytest.fixture(scope="module")
def lifetimes_fits(summary):
    lifetimes = pytest.importorskip("lifetimes")
    f, r, T = summary["frequency"], summary["recency"], summary["T"]
    repeat = summary[summary["frequency"] > 0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bg = lifetimes.BetaGeoFitter().fit(f, r, T)
        np.random.seed(0)  # noqa: NPY002 (lifetimes' ParetoNBDFitter draws its start from the legacy generator)
        pn = lifetimes.ParetoNBDFitter().fit(f, r, T, tol=1e-9)
        gg = lifetimes.GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
    return {"bgnbd": bg, "pnbd": pn, "gg": gg}


# --- the data ----------------------------------------------------------------------------------

def test_cdnow_files_match_their_recorded_checksums():
    lines = (DATA_DIR / cdnow_module.CHECKSUM_FILE).read_text(encoding="utf-8").splitlines()
    recorded = {name: digest for digest, name in (line.split("  ") for line in lines)}
    assert set(recorded) == {cdnow_module.MASTER_FILE, cdnow_module.SAMPLE_FILE}
    for name, digest in recorded.items():
        assert hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest() == digest, name


def test_cdnow_cohort_facts_of_hardies_note():
    """23,570 customers, first purchases in Q1 1997, log to 30 June 1998; the sample is 2,357 of them."""
    master, sample = load_cdnow(sample=False), load_cdnow(sample=True)
    assert master["customer_id"].nunique() == 23_570 and len(master) == 69_659
    assert sample["customer_id"].nunique() == 2_357 and len(sample) == 6_919
    first = master.groupby("customer_id")["date"].min()
    assert first.min() == pd.Timestamp("1997-01-01") and first.max() <= pd.Timestamp("1997-03-31")
    assert master["date"].max() == pd.Timestamp("1998-06-30")
    # The sample's records are exactly the master's records of its customers.
    chosen = master[master["customer_id"].isin(set(sample["master_id"]))]
    key = ["date", "quantity", "amount"]
    left = chosen.rename(columns={"customer_id": "master_id"}).sort_values(["master_id", *key])
    right = sample.sort_values(["master_id", *key])
    np.testing.assert_array_equal(left[["master_id", *key]].to_numpy(), right[["master_id", *key]].to_numpy())


def test_cdnow_integer_dates_load_as_days():
    """19970101 must become 1 January 1997, not 19,970,101 nanoseconds after 1970."""
    log = load_cdnow()
    assert log["date"].min() == pd.Timestamp("1997-01-01")
    assert (load_cdnow().groupby("customer_id").size() > 1).sum() > 1000


def test_cdnow_summary_of_fader_hardie_lee(summary):
    """2,357 customers, 946 repeat buyers, 2,457 repeat purchases in the 39 weeks; T of 38.86 weeks."""
    assert len(summary) == 2357
    assert int((summary["frequency"] > 0).sum()) == 946
    assert summary["frequency"].sum() == 2457
    assert summary.loc["0001", ["frequency", "recency", "T"]].round(2).tolist() == [2.0, 30.43, 38.86]
    assert summary["duration_holdout"].iloc[0] == 39.0
    spend = summary.loc[summary["frequency"] > 0, "monetary_value"]  # Fader & Hardie (2013), table 1
    assert round(spend.mean(), 2) == 35.08 and round(spend.median(), 2) == 27.50


def test_weekly_tracking_counts_add_up(summary):
    weekly = weekly_repeat_transactions(load_cdnow())
    assert len(weekly) == 78
    assert weekly.iloc[:39].sum() == summary["frequency"].sum()
    assert weekly.iloc[39:].sum() == summary["frequency_holdout"].sum()


# --- published estimates --------------------------------------------------------------------------

def test_bgnbd_estimates_of_fader_hardie_lee_2005(fits):
    fit = fits["bgnbd"]
    assert {k: round(v, 3) for k, v in fit.params.items()} == {"r": 0.243, "alpha": 4.414, "a": 0.793,
                                                               "b": 2.426}
    assert round(fit.log_likelihood, 1) == -9582.4
    assert fit.converged


def test_pareto_nbd_estimates_of_fader_hardie_lee_2005(fits):
    fit = fits["pnbd"]
    assert {k: round(v, 3) for k, v in fit.params.items()} == {"r": 0.553, "alpha": 10.578, "s": 0.606,
                                                               "beta": 11.669}
    assert round(fit.log_likelihood, 1) == -9595.0
    assert fit.converged


def test_gamma_gamma_estimates_of_fader_hardie_2013(fits):
    fit = fits["gg"]
    assert {k: round(v, 2) for k, v in fit.params.items()} == {"p": 6.25, "q": 3.74, "gamma": 15.44}
    assert fit.customers == 946


def test_gamma_gamma_conditional_spend_of_hardies_spreadsheet(fits, summary):
    head = summary.head(10)
    spend = fits["gg"].expected_average_spend(head["frequency"].to_numpy(), head["monetary_value"].to_numpy())
    expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17]
    assert np.round(spend, 2).tolist() == expected


def test_bgnbd_expectations_of_hardies_spreadsheet(fits):
    fit = fits["bgnbd"]
    assert round(fit.expected_purchases(39, 2, 30.43, 38.86), 3) == 1.226
    ages = np.array([0.1429, 1.0, 3.00, 31.8571, 32.00, 78.00])
    expected = np.array([0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576])
    # Printed to 4 decimals; the spreadsheet's parameters are rounded, so allow 5e-4.
    np.testing.assert_allclose(fit.expected_cumulative_purchases(ages), expected, atol=5e-4)


def test_pareto_nbd_standard_errors_of_clvtools(fits):
    """CLVTools' correctness test (its own estimates on the same data): r, alpha, s, beta."""
    expected = {"r": 0.0476264, "alpha": 0.8427222, "s": 0.1872594, "beta": 6.2105448}
    for name, value in expected.items():
        assert fits["pnbd"].standard_errors[name] == pytest.approx(value, rel=2e-3), name


def test_bgnbd_zero_repeat_customers_are_alive_but_not_under_pareto_nbd(fits):
    assert fits["bgnbd"].p_alive(0, 0, 38.86) == 1.0
    assert 0.2 < fits["pnbd"].p_alive(0, 0, 38.86) < 0.4
    # Same frequency, later last purchase: more likely alive under both models.
    for model in (fits["bgnbd"], fits["pnbd"]):
        early, late = model.p_alive([3, 3], [5.0, 35.0], [38.86, 38.86])
        assert early < late


# --- lifetimes 0.11.3 as a second reference ---------------------------------------------------------

def test_parameters_agree_with_lifetimes(fits, lifetimes_fits):
    names = {"bgnbd": ("r", "alpha", "a", "b"), "pnbd": ("r", "alpha", "s", "beta"),
             "gg": ("p", "q", "gamma")}
    for model, keys in names.items():
        theirs = lifetimes_fits[model].params_
        for key in keys:
            their_key = "v" if key == "gamma" and model == "gg" else key
            assert fits[model].params[key] == pytest.approx(theirs[their_key], rel=1e-4), (model, key)


def _with_params(fitter, params: dict[str, float]):
    fitter.params_ = pd.Series(params)
    return fitter


def test_predictions_agree_with_lifetimes(fits, lifetimes_fits, summary):
    f, r, T = (summary[c].to_numpy() for c in ("frequency", "recency", "T"))
    for model in ("bgnbd", "pnbd"):
        ours = fits[model]
        theirs = _with_params(lifetimes_fits[model], ours.params)
        np.testing.assert_allclose(ours.p_alive(f, r, T), theirs.conditional_probability_alive(f, r, T),
                                   rtol=1e-6, err_msg=model)
        for t in (1.0, 39.0, 104.0):
            np.testing.assert_allclose(
                ours.expected_purchases(t, f, r, T),
                theirs.conditional_expected_number_of_purchases_up_to_time(t, f, r, T), rtol=1e-6,
                err_msg=f"{model}, t={t}")
        ages = np.linspace(0.5, 78, 12)
        np.testing.assert_allclose(ours.expected_cumulative_purchases(ages),
                                   theirs.expected_number_of_purchases_up_to_time(ages), rtol=1e-6)
    gg = _with_params(lifetimes_fits["gg"], {"p": fits["gg"].params["p"], "q": fits["gg"].params["q"],
                                             "v": fits["gg"].params["gamma"]})
    m = summary["monetary_value"]
    np.testing.assert_allclose(fits["gg"].expected_average_spend(f, m.to_numpy()),
                               gg.conditional_expected_average_profit(summary["frequency"], m), rtol=1e-6)


def test_clv_agrees_with_lifetimes(fits, lifetimes_fits, summary):
    """Same timing: purchases of month k valued at its end, discounted by (1 + d)^k (4.345 weeks a month)."""
    bg = _with_params(lifetimes_fits["bgnbd"], fits["bgnbd"].params)
    gg = _with_params(lifetimes_fits["gg"], {"p": fits["gg"].params["p"], "q": fits["gg"].params["q"],
                                             "v": fits["gg"].params["gamma"]})
    head = summary.head(200)
    theirs = gg.customer_lifetime_value(bg, head["frequency"], head["recency"], head["T"],
                                        head["monetary_value"], time=12, discount_rate=0.01, freq="W")
    ours = fits["bgnbd"].clv(fits["gg"], head["frequency"], head["recency"], head["T"],
                             head["monetary_value"], periods=12, period_length=4.345, discount=0.01)
    np.testing.assert_allclose(ours, theirs.to_numpy(), rtol=1e-6)


# --- formulas, by hand and by quadrature ---------------------------------------------------------------

def test_clv_is_the_discounted_sum_of_period_purchases(fits):
    model = fits["pnbd"]
    x, t_x, T = 4.0, 30.0, 38.0
    value = customer_value(model, 20.0, x, t_x, T, periods=3, period_length=4.0, discount=0.1, margin=0.5)
    cumulative = [model.expected_purchases(4.0 * k, x, t_x, T) for k in range(4)]
    by_hand = sum(0.5 * 20.0 * (cumulative[k] - cumulative[k - 1]) / 1.1**k for k in (1, 2, 3))
    assert value == pytest.approx(by_hand, rel=1e-12)


@pytest.mark.parametrize("params, x, t_x, T", [
    ((0.55, 10.58, 0.61, 11.67), 0, 0.0, 38.86),
    ((0.55, 10.58, 0.61, 11.67), 29, 1.0, 38.86),
    ((0.24, 0.1, 0.8, 200.0), 100, 2.0, 78.0),
    ((5.0, 300.0, 0.05, 0.01), 3, 0.5, 39.0),
    ((0.5, 10.0, 0.6, 12.0), 300, 0.5, 39.0),
    ((0.5, 10.0, 0.6, 12.0), 3, 38.85999, 38.86),
    ((0.5, 10.0, 0.6, 0.1), 30, 0.0, 78.0),
    ((2.0, 5.0, 2.0, 5.0), 5, 10.0, 78.0),
])
def test_pareto_nbd_integral_matches_adaptive_quadrature(params, x, t_x, T):
    r, alpha, s, beta = params
    def integrand(u):
        return (beta + u) ** -(s + 1.0) * (alpha + u) ** -(r + x)

    scale = integrand(t_x)
    reference = integrate.quad(lambda u: integrand(u) / scale, t_x, T, epsabs=0, epsrel=1e-13,
                               limit=1000)[0] * scale
    log_c, _ = pnbd_module._died_between(np.array(params), np.array([float(x)]), np.array([t_x]),
                                         np.array([T]))
    ours = np.exp(log_c).sum()
    assert ours == pytest.approx(reference, rel=1e-11)


@pytest.mark.parametrize("module, params", [
    (bgnbd_module, np.array([0.3, 5.0, 0.8, 2.5])),
    (pnbd_module, np.array([0.5, 10.0, 0.6, 12.0])),
    (pnbd_module, np.array([0.5, 12.0, 0.6, 10.0])),
])
def test_analytic_gradients_match_finite_differences(module, params, summary):
    x, t_x, T = (summary[c].to_numpy() for c in ("frequency", "recency", "T"))
    weights = np.ones_like(x)
    _, grad = module._loglik_terms(params, x, t_x, T, weights)
    for j in range(len(params)):
        step = np.zeros_like(params)
        step[j] = 1e-5 * params[j]
        up = module._loglik_terms(params + step, x, t_x, T, weights)[0]
        down = module._loglik_terms(params - step, x, t_x, T, weights)[0]
        assert grad[j] == pytest.approx((up - down) / (2 * step[j]), rel=1e-5, abs=1e-4), j


@pytest.mark.parametrize("params", [np.array([0.3, 5.0, 0.8, 2.5]), np.array([1.5, 20.0, 2.0, 0.7])])
def test_bgnbd_analytic_hessian_matches_differences_of_the_gradient(params, summary):
    x, t_x, T = (summary[c].to_numpy() for c in ("frequency", "recency", "T"))
    weights = np.ones_like(x)
    groups = by_value(x), (by_value(T), by_value(t_x))
    value, grad, hess = bgnbd_module._loglik_derivatives(params, x, t_x, T, weights, *groups)
    reference_value, reference_grad = bgnbd_module._loglik_terms(params, x, t_x, T, weights)
    assert value == pytest.approx(reference_value, rel=1e-12)
    assert grad == pytest.approx(reference_grad, rel=1e-10, abs=1e-8)
    for j in range(4):
        step = np.zeros(4)
        step[j] = 1e-5 * params[j]
        up = bgnbd_module._loglik_terms(params + step, x, t_x, T, weights)[1]
        down = bgnbd_module._loglik_terms(params - step, x, t_x, T, weights)[1]
        assert hess[:, j] == pytest.approx((up - down) / (2 * step[j]), rel=1e-5, abs=1e-3), j
    assert np.array_equal(hess, hess.T)


def test_gamma_gamma_gradient_matches_finite_differences(summary):
    repeat = summary[summary["frequency"] > 0]
    x, m = repeat["frequency"].to_numpy(), repeat["monetary_value"].to_numpy()
    params = np.array([5.0, 4.0, 12.0])
    _, grad = gg_module._loglik_terms(params, x, m, np.ones_like(x))
    for j in range(3):
        step = np.zeros(3)
        step[j] = 1e-6 * params[j]
        up = gg_module._loglik_terms(params + step, x, m, np.ones_like(x))[0]
        down = gg_module._loglik_terms(params - step, x, m, np.ones_like(x))[0]
        assert grad[j] == pytest.approx((up - down) / (2 * step[j]), rel=1e-5)


@pytest.mark.parametrize("params", [np.array([0.55, 10.6, 0.61, 11.7]), np.array([1.0, 5.0, 2.0, 30.0])])
def test_pareto_nbd_analytic_hessian_matches_differences_of_the_gradient(params, summary):
    x, t_x, T = (summary[c].to_numpy() for c in ("frequency", "recency", "T"))
    weights = np.ones_like(x)
    value, grad, hess = pnbd_module._loglik_derivatives(params, x, t_x, T, weights, by_value(x))
    reference_value, reference_grad = pnbd_module._loglik_terms(params, x, t_x, T, weights)
    assert value == pytest.approx(reference_value, rel=1e-12)
    assert grad == pytest.approx(reference_grad, rel=1e-10, abs=1e-8)
    for j in range(4):
        step = np.zeros(4)
        step[j] = 1e-5 * params[j]
        up = pnbd_module._loglik_terms(params + step, x, t_x, T, weights)[1]
        down = pnbd_module._loglik_terms(params - step, x, t_x, T, weights)[1]
        assert hess[:, j] == pytest.approx((up - down) / (2 * step[j]), rel=1e-5, abs=1e-3), j


def test_gamma_gamma_analytic_hessian_matches_differences_of_the_gradient(summary):
    repeat = summary[summary["frequency"] > 0]
    x, m = repeat["frequency"].to_numpy(), repeat["monetary_value"].to_numpy()
    params, weights = np.array([5.0, 4.0, 12.0]), np.ones_like(x)
    _, _, hess = gg_module._loglik_derivatives(params, x, m, weights, by_value(x), (np.log(m), np.log(x)))
    for j in range(3):
        step = np.zeros(3)
        step[j] = 1e-5 * params[j]
        up = gg_module._loglik_terms(params + step, x, m, weights)[1]
        down = gg_module._loglik_terms(params - step, x, m, weights)[1]
        assert hess[:, j] == pytest.approx((up - down) / (2 * step[j]), rel=1e-5, abs=1e-3), j


# --- bad input -------------------------------------------------------------------------------------------

def _summary(**columns) -> pd.DataFrame:
    base = {"frequency": [2.0, 0.0, 1.0], "recency": [5.0, 0.0, 3.0], "T": [10.0, 8.0, 9.0],
            "monetary_value": [20.0, 0.0, 15.0]}
    base.update(columns)
    return pd.DataFrame(base, index=pd.Index(["ann", "bo", "cy"], name="customer_id"))


@pytest.mark.parametrize("fit", [fit_bgnbd, fit_pareto_nbd])
@pytest.mark.parametrize("columns, pattern", [
    ({"frequency": [2.0, -1.0, 1.0]}, r"'frequency'.*negative.*'bo'"),
    ({"frequency": [2.5, 0.0, 1.0]}, r"'frequency'.*whole numbers.*'ann'"),
    ({"recency": [5.0, 0.0, 12.0]}, r"'recency'.*larger than T.*'cy'"),
    ({"recency": [5.0, 1.0, 3.0]}, r"'recency'.*frequency is 0.*'bo'"),
    ({"T": [10.0, np.nan, 9.0]}, r"'T'.*missing.*'bo'"),
])
def test_impossible_summaries_name_the_column_and_the_rows(fit, columns, pattern):
    with pytest.raises(ValueError, match=pattern):
        fit(_summary(**columns))


@pytest.mark.parametrize("fit", [fit_bgnbd, fit_pareto_nbd, fit_gamma_gamma])
def test_empty_or_wrong_summaries_are_refused(fit):
    with pytest.raises(ValueError, match="empty"):
        fit(_summary().iloc[:0])
    with pytest.raises(ValueError, match="no column 'frequency'"):
        fit(_summary().rename(columns={"frequency": "x"}))
    with pytest.raises(TypeError, match="DataFrame"):
        fit([[1, 2, 3]])


def test_gamma_gamma_needs_repeat_buyers_with_positive_spend():
    with pytest.raises(ValueError, match="'frequency' is 0 for every customer"):
        fit_gamma_gamma(_summary(frequency=[0.0, 0.0, 0.0], recency=[0.0, 0.0, 0.0]))
    with pytest.raises(ValueError, match=r"'monetary_value'.*'cy'"):
        fit_gamma_gamma(_summary(monetary_value=[20.0, 0.0, 0.0]))


def test_prediction_methods_check_their_arguments(fits):
    with pytest.raises(ValueError, match="recency.*larger than T"):
        fits["bgnbd"].p_alive(2, 40.0, 38.0)
    with pytest.raises(ValueError, match="frequency must be >= 0"):
        fits["pnbd"].expected_purchases(10, -1, 0, 38.0)
    with pytest.raises(ValueError, match="t must be >= 0"):
        fits["pnbd"].expected_cumulative_purchases(-1.0)
    with pytest.raises(ValueError, match="periods"):
        fits["bgnbd"].clv(30.0, 1, 2.0, 3.0, periods=0)


# --- hold-out validation ------------------------------------------------------------------------------

def test_holdout_numbers_add_up(fits, summary):
    from relmark_helpers import (
        conditional_expectations,
        holdout_errors,
        holdout_predictions,
        tracking,
    )

    models = {"BG/NBD": fits["bgnbd"], "Pareto/NBD": fits["pnbd"]}
    predictions = holdout_predictions(summary, models)
    assert predictions["actual"].sum() == summary["frequency_holdout"].sum() == 1882
    table = conditional_expectations(summary, models)
    assert table["customers"].tolist() == [int((summary["frequency"] == k).sum()) for k in range(7)] + [
        int((summary["frequency"] >= 7).sum())]
    np.testing.assert_allclose((table["actual"] * table["customers"]).sum(), 1882)
    tracked = tracking(weekly_repeat_transactions(load_cdnow()), summary, models)
    # The tracking curve's hold-out increase is the unconditional forecast of the same purchases.
    for label, model in models.items():
        ages = 78.0 - summary["first_purchase"].to_numpy()
        by_hand = np.sum(model.expected_cumulative_purchases(ages))
        assert tracked[label].iloc[-1] == pytest.approx(by_hand, rel=1e-12)
    errors = holdout_errors(summary, models, tracked)
    for label in models:
        error = predictions[label] - predictions["actual"]
        assert errors.loc[label, "mae"] == pytest.approx(error.abs().mean())
        assert errors.loc[label, "total_error_pct"] == pytest.approx(
            100 * (predictions[label].sum() / 1882 - 1))


def test_validation_figure_draws_both_charts(fits, summary):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from relmark_helpers import conditional_expectations, holdout_errors, plot_validation, tracking

    models = {"BG/NBD": fits["bgnbd"], "Pareto/NBD": fits["pnbd"]}
    tracked = tracking(weekly_repeat_transactions(load_cdnow()), summary, models)
    figure = plot_validation(tracked, conditional_expectations(summary, models),
                             holdout_errors(summary, models, tracked))
    left, right = figure.axes
    assert len(left.get_lines()) == 4 and [t.get_text() for t in right.get_xticklabels()][-1].startswith("7+")
    assert "hold-out total" in figure.get_supxlabel()
    assert left.get_xlabel() == "weeks since 01 January 1997"
    assert right.get_ylabel() == "mean purchases in the 39-week hold-out period"
    plt.close(figure)
    with use_language("zh_CN"):
        figure = plot_validation(tracked, conditional_expectations(summary, models),
                                 holdout_errors(summary, models, tracked))
        left, right = figure.axes
        assert left.get_xlabel() == "周（自 1997 年 1 月 1 日起）"
        assert right.get_ylabel() == "验证期 39 周内的平均购买次数"
        plt.close(figure)


def test_compress_counts_identical_customers_once():
    from relmark_helpers.btyd._common import compress

    rng = np.random.default_rng(2026)
    x, t = rng.integers(0, 3, 200).astype(float), rng.integers(0, 4, 200).astype(float)
    (ux, ut), weights = compress(x, t)
    rows, counts = np.unique(np.column_stack([x, t]), axis=0, return_counts=True)
    np.testing.assert_array_equal(np.column_stack([ux, ut]), rows)
    np.testing.assert_array_equal(weights, counts)


@pytest.mark.parametrize("x, T, t", [(0, 38.86, 39.0), (2, 38.86, 39.0), (20, 38.86, 39.0),
                                     (50, 38.86, 104.0), (5, 10.0, 500.0)])
def test_bgnbd_hypergeometric_term_matches_its_series(fits, x, T, t):
    """scipy's hyp2f1 in the BG/NBD conditional expectation, against the Gauss series summed term by term."""
    from scipy import special

    p = fits["bgnbd"].params
    a_, b_, c_ = p["r"] + x, p["b"] + x, p["a"] + p["b"] + x - 1.0
    z = t / (p["alpha"] + T + t)
    total, term, k = 0.0, 1.0, 0
    while abs(term) > 1e-17 * abs(total) or k == 0:
        total += term
        term *= (a_ + k) * (b_ + k) / ((c_ + k) * (k + 1)) * z
        k += 1
    assert special.hyp2f1(a_, b_, c_, z) == pytest.approx(total, rel=1e-12)
