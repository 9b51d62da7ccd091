"""Notebook 08's ladder explorer: controls, the picture follows, numbers agree with the model."""

import pytest

from relmark_helpers import (
    LadderChart,
    LadderExplorer,
    LadderInputs,
    ladder_explorer,
    plot_ladder,
    plot_ladder_projection,
    plot_lapse_by_group,
    teaching_ladder,
)

from .blit_check import assert_blit_matches_full_redraw


def test_controls_have_documented_bounds_and_defaults():
    c = ladder_explorer().controls
    assert set(c) == {"promotion", "lapse", "development_cost"}
    assert (c["promotion"].min, c["promotion"].max, c["promotion"].value) == (0.0, 0.5, 0.3)
    assert (c["lapse"].min, c["lapse"].max, c["lapse"].value) == (0.02, 0.5, 0.25)
    assert (c["development_cost"].min, c["development_cost"].max,
            c["development_cost"].value) == (0, 60, 10)
    with pytest.raises(TypeError, match="unknown starting value"):
        LadderExplorer(promotoin=0.2)


def test_numbers_agree_with_the_ladder():
    explorer = ladder_explorer(promotion=0.2, lapse=0.3, development_cost=5)
    ladder = teaching_ladder(0.2, 0.3, 5)
    shares = ladder.steady_state()
    values = ladder.expected_value(0.10)
    result = explorer.last_result
    assert result["active_share"] == pytest.approx(1 - shares["lapsed"])
    assert result["value_client"] == pytest.approx(values["client"])
    assert f"{values['first-time customer']:,.0f}" in explorer.summary.value


def test_blitted_picture_equals_a_full_redraw():
    steps = ({"promotion": 0.5}, {"lapse": 0.02}, {"development_cost": 60}, {"lapse": 0.5},
             {"promotion": 0.0}, {"development_cost": 0})
    renderer = assert_blit_matches_full_redraw(LadderChart(), LadderInputs(), steps)
    # The value axis is live: new ranges are drawn without redrawing the background.
    assert (renderer.partial_redraws, renderer.full_redraws) == (0, 1)


def test_static_plots_are_labelled():
    figure = plot_ladder()
    assert figure.axes[0].get_ylabel() == "share of all customers"
    assert "money" in figure.axes[1].get_ylabel()
    ax = plot_ladder_projection(teaching_ladder(), {"first-time customer": 1000}, 10)
    assert ax.get_xlabel() == "period (year)" and len(ax.collections) == 6
    assert ax.get_legend().get_bbox_to_anchor() is not None
    import pandas as pd

    ax = plot_lapse_by_group(pd.DataFrame({"lapsed": [0.5, 0.2]}, index=["a", "b"]))
    assert [round(p.get_width()) for p in ax.patches] == [50, 20]
