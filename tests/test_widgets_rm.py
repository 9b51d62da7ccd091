"""Notebook 01's explorers and plots: controls, the picture follows, numbers agree with the model."""

import numpy as np
import pytest

from relmark_helpers import (
    BucketInputs,
    TwoFirmsInputs,
    crossover_period,
    leaky_bucket_explorer,
    lognormal_top_share,
    pareto_explorer,
    plot_leaky_bucket,
    plot_pareto,
    plot_profit_uplift_grid,
    plot_retention_cost_breakeven,
    plot_satisfaction_vs_loyalty,
    plot_stakeholder_circle,
    plot_two_firms,
    steady_state_customers,
    two_firms,
    two_firms_explorer,
)

from .blit_check import assert_blit_matches_full_redraw

EXPLORERS = {
    "leaky bucket": leaky_bucket_explorer,
    "two firms": two_firms_explorer,
    "pareto": pareto_explorer,
}


def test_leaky_bucket_numbers():
    explorer = leaky_bucket_explorer(acquisitions=400, retention=0.75)
    assert explorer.last_result["steady_state"] == pytest.approx(1600)
    assert "1,600" in explorer.summary.value
    explorer.controls["retention"].value = 0.5
    assert explorer.last_result["steady_state"] == pytest.approx(steady_state_customers(400, 0.5))


def test_two_firms_same_budget_and_crossover():
    inputs = TwoFirmsInputs()
    tm, rm = two_firms(inputs)
    spend_tm = tm["acquisition_cost"] + tm["retention_cost"]
    spend_rm = rm["acquisition_cost"] + rm["retention_cost"]
    assert np.allclose(spend_tm, inputs.budget) and np.allclose(spend_rm, inputs.budget)
    explorer = two_firms_explorer()
    assert explorer.last_result["crossover_year"] == crossover_period(tm, rm)
    explorer.controls["relationship_retention"].value = 0.3
    assert explorer.last_result["crossover_year"] == 0
    assert "never" in explorer.summary.value


def test_pareto_explorer_matches_the_closed_form():
    explorer = pareto_explorer(1.2)
    assert explorer.last_result["top_share"] == pytest.approx(lognormal_top_share(1.2))


def test_unknown_starting_values():
    with pytest.raises(TypeError, match="unknown starting value"):
        leaky_bucket_explorer(retension=0.5)


@pytest.mark.parametrize(
    ("figure", "steps"),
    [
        ("bucket", [{"acquisitions": 1500}, {"retention": 0.9}, {"margin": 50}]),
        ("firms", [{"budget": 300_000}, {"relationship_retention": 0.3}, {"margin": 600}]),
    ],
)
def test_blitting_draws_the_true_picture(figure, steps):
    from relmark_helpers import LeakyBucketChart, TwoFirmsChart

    chart, inputs = ((LeakyBucketChart(), BucketInputs()) if figure == "bucket"
                     else (TwoFirmsChart(), TwoFirmsInputs()))
    assert_blit_matches_full_redraw(chart, inputs, steps)


def test_static_plots_are_labelled():
    figure = plot_leaky_bucket()
    assert [ax.get_ylabel() for ax in figure.axes] == ["customers", "money per year"]
    figure = plot_two_firms()
    assert "cumulative discounted profit" in figure.axes[1].get_ylabel()
    assert plot_pareto(1.7).texts[0].get_text() == "The top 20 % of customers bring 80 % of spending"
    ax = plot_stakeholder_circle()
    labels = [t.get_text() for t in ax.texts]
    assert "customers" in labels and len(labels) == 9
    ax = plot_satisfaction_vs_loyalty(0.44, 0.75, source="a survey")
    assert [round(p.get_width()) for p in ax.patches] == [44, 75]


def test_uplift_grid_frames_cells_inside_the_claim():
    import pandas as pd

    grid = pd.DataFrame([[0.1, 0.3], [0.5, 0.9]], index=[0.6, 0.8], columns=[0.0, 0.05])
    ax = plot_profit_uplift_grid(grid)
    framed = [p for p in ax.patches if not p.get_fill()]
    assert len(framed) == 2  # 0.3 and 0.5


def test_breakeven_plot_lines():
    import pandas as pd

    frame = pd.DataFrame({"acquisition_cost": [100, 200], "breakeven_retention_cost": [30, 80]})
    ax = plot_retention_cost_breakeven(frame)
    assert len(ax.lines) == 2
    assert list(ax.lines[1].get_ydata()) == [20, 40]
