"""The retention explorer: documented controls, the picture follows them, blitting is faithful."""


import pytest

from relmark_helpers import (
    RetentionChart,
    RetentionExplorer,
    RetentionInputs,
    alive_counts,
    clv,
    fit_sbg,
    load_loyalty_renewals,
    plot_retention_chart,
    retention_explorer,
    sbg_del,
    use_workbook_style,
)

from .blit_check import assert_blit_matches_full_redraw, shown


@pytest.fixture(scope="module")
def alive():
    return alive_counts(load_loyalty_renewals())


def test_controls_have_documented_bounds_and_defaults(alive):
    c = retention_explorer(alive).controls
    assert set(c) == {"segment", "fit_periods", "discount"}
    assert c["segment"].options == ("basic", "plus") and c["segment"].value == "basic"
    assert (c["fit_periods"].min, c["fit_periods"].max, c["fit_periods"].value) == (2, 8, 5)
    assert (c["discount"].min, c["discount"].max, c["discount"].value) == (0.01, 0.30, 0.10)


def test_starting_values_and_unknown_names(alive):
    explorer = retention_explorer(alive, segment="plus", fit_periods=3)
    assert explorer.inputs == RetentionInputs("plus", 3, 0.10)
    with pytest.raises(TypeError, match=r"unknown starting value\(s\) \['plan'\]"):
        RetentionExplorer(alive, plan="plus")


def test_numbers_come_from_the_model(alive):
    explorer = retention_explorer(alive)
    fit = fit_sbg(alive.loc["basic"].to_numpy()[:5])
    r = alive.loc["basic", 1] / alive.loc["basic", 0]
    result = explorer.last_result
    assert result["del_sbg"] == pytest.approx(sbg_del(fit.alpha, fit.beta, 0.10))
    assert result["del_naive"] == pytest.approx(clv(1.0, r, 0.10, timing="start"))
    assert f"{result['del_sbg']:.2f}" in explorer.summary.value


@pytest.mark.parametrize(("name", "value"), [("segment", "plus"), ("fit_periods", 2), ("fit_periods", 8),
                                             ("discount", 0.01), ("discount", 0.30)])
def test_every_control_changes_the_picture_and_the_numbers(alive, name, value):
    explorer = retention_explorer(alive)
    before_shown, before = shown(explorer), dict(explorer.last_result)
    explorer.controls[name].value = value
    assert shown(explorer) != before_shown  # the picture, or the numbers in its title
    assert explorer.last_result != before
    summary = explorer.summary.value
    assert "Could not update" not in summary
    assert "nan" not in summary.lower() and "inf" not in summary.lower()


def test_blitted_picture_equals_a_full_redraw(alive):
    use_workbook_style()
    steps = ({"fit_periods": 2}, {"segment": "plus"}, {"discount": 0.3}, {"fit_periods": 8})
    renderer = assert_blit_matches_full_redraw(RetentionChart(alive), RetentionInputs(), steps)
    assert renderer.full_redraws == 1  # fixed axes: every move is a blit


def test_static_chart_and_bad_segment(alive):
    fig = plot_retention_chart(alive, segment="plus", fit_periods=4)
    assert len(fig.axes) == 2
    assert fig._suptitle.get_text().startswith("Plan 'plus', sBG fitted to 4 periods")
    assert all(ax.get_xlabel() and ax.get_ylabel() and ax.get_title() for ax in fig.axes)
    with pytest.raises(ValueError, match="segment must be one of 'basic', 'plus'; got 'gold'"):
        RetentionChart(alive).update(RetentionInputs(segment="gold"))


def test_default_data_is_the_bundled_table():
    explorer = RetentionExplorer()
    assert explorer.controls["segment"].options == ("basic", "plus")


def test_notebook_04_plots_are_titled_and_labelled():
    import pandas as pd

    from relmark_helpers import (
        cohort_retention,
        concentration,
        mixture_retention,
        plot_clv_by_level,
        plot_cohort_heatmap,
        plot_lorenz,
        plot_mixture_retention,
        plot_value_by_tenure,
        simulate_mixture,
    )

    log = pd.DataFrame({"customer_id": [1, 1, 2, 3], "date": pd.to_datetime(
        ["2025-01-05", "2025-02-02", "2025-01-20", "2025-02-11"])})
    expected = mixture_retention([0.5, 0.9], [0.5, 0.5], 4)
    sim = simulate_mixture([0.5, 0.9], [0.5, 0.5], 100, 4).join(
        expected.rename(columns={"aggregate retention": "expected aggregate retention"}))
    axes = [
        plot_lorenz(concentration([1, 2, 3, 10])),
        plot_cohort_heatmap(cohort_retention(log)),
        plot_mixture_retention(sim),
        plot_value_by_tenure(pd.DataFrame({"sBG": [1.0, 2.0], "constant retention": [1.0, 1.0]})),
        plot_clv_by_level(pd.DataFrame({"level": ["0", "1"], "clv": [10.0, 30.0]})),
    ]
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert "%" in axes[0].get_ylabel() and "money" in axes[4].get_ylabel()
    assert axes[0].texts[0].get_text() == "top 20% of customers\nbring 50% of spend"  # 0.8 x 10 / 16
    assert len(axes[2].lines) == 4  # two groups, simulated and expected
