"""Explorers: documented controls, the picture follows the controls, errors are shown."""


import numpy as np
import pytest

from relmark_helpers import (
    ClvChart,
    ClvExplorer,
    ClvInputs,
    break_even_period,
    clv,
    clv_explorer,
    first_slider,
    glossary_search,
    max_acquisition_cost,
    use_workbook_style,
)

from .blit_check import assert_blit_matches_full_redraw


def test_controls_have_documented_bounds_and_defaults():
    explorer = clv_explorer()
    c = explorer.controls
    assert set(c) == {"margin", "retention", "discount", "periods", "acquisition_cost", "timing"}
    assert (c["margin"].min, c["margin"].max, c["margin"].value) == (0, 500, 100)
    assert (c["retention"].min, c["retention"].max, c["retention"].value) == (0.0, 0.99, 0.8)
    assert (c["discount"].min, c["discount"].max, c["discount"].value) == (0.0, 0.30, 0.10)
    assert (c["periods"].min, c["periods"].max, c["periods"].value) == (1, 30, 10)
    assert c["acquisition_cost"].value == 150
    assert c["timing"].value == "end"
    # No setting of the sliders can make the infinite-horizon CLV diverge:
    assert c["retention"].max < 1


def test_starting_values_and_unknown_names():
    explorer = clv_explorer(retention=0.9, timing="start")
    assert explorer.controls["retention"].value == 0.9
    assert explorer.inputs.timing == "start"
    with pytest.raises(TypeError, match=r"unknown starting value\(s\) \['retension'\]"):
        ClvExplorer(retension=0.9)


def test_moving_a_slider_updates_figure_and_numbers():
    explorer = clv_explorer()
    before_png, before = explorer.image.value, dict(explorer.last_result)
    assert before["ceiling"] == pytest.approx(clv(100, 0.8, 0.1))
    explorer.controls["retention"].value = 0.9
    assert explorer.image.value != before_png
    assert explorer.last_result["ceiling"] == pytest.approx(max_acquisition_cost(100, 0.9, 0.1))
    assert explorer.last_result["clv"] == pytest.approx(clv(100, 0.9, 0.1, 10, acquisition_cost=150))
    assert f"{clv(100, 0.9, 0.1, 10, acquisition_cost=150):,.0f}" in explorer.summary.value


@pytest.mark.parametrize(
    ("name", "value"),
    [("margin", 250.0), ("discount", 0.2), ("periods", 25), ("acquisition_cost", 400.0),
     ("timing", "start"), ("retention", 0.0), ("margin", 0.0), ("retention", 0.99)],
)
def test_every_control_changes_the_picture_without_errors(name, value):
    explorer = clv_explorer()
    before = explorer.image.value
    explorer.controls[name].value = value
    assert explorer.image.value != before
    summary = explorer.summary.value
    assert "Could not update" not in summary
    assert "nan" not in summary.lower() and "inf" not in summary.lower()


def test_never_breaking_even_is_said_in_words():
    explorer = clv_explorer(acquisition_cost=900)
    assert np.isinf(break_even_period(100, 0.8, 0.1, 900))
    assert "never" in explorer.summary.value


def test_no_acquisition_cost_is_said_in_words():
    explorer = clv_explorer(acquisition_cost=0)
    assert "no acquisition cost" in explorer.summary.value
    assert "no acquisition cost" in explorer.chart.ax_cum.texts[0].get_text()


def test_an_error_in_an_update_is_shown_not_lost(monkeypatch):
    explorer = clv_explorer()

    def broken(_inputs):
        raise RuntimeError("boom")

    monkeypatch.setattr(explorer.chart, "update", broken)
    explorer.controls["margin"].value = 200
    assert "Could not update" in explorer.summary.value and "boom" in explorer.summary.value


@pytest.mark.parametrize("styled", [False, True], ids=["matplotlib style", "workbook style"])
def test_blitted_picture_equals_a_full_redraw(styled):
    """Blitting, partial (one panel's limits changed) and full redraws all give the true picture."""
    if styled:
        use_workbook_style()
    steps = ({"margin": 480}, {"acquisition_cost": 900}, {"timing": "start"},
             {"acquisition_cost": 0}, {"retention": 0.95}, {"margin": 30}, {"periods": 3})
    chart = ClvChart()
    renderer = assert_blit_matches_full_redraw(chart, ClvInputs(), steps)
    assert renderer.full_redraws == 1  # the y axes are live: new ranges need no redraw
    # The partial redraw, for a chart whose y axis is part of the cached background:
    chart = ClvChart()
    chart._live.clear()
    chart.live_axes.clear()
    renderer = assert_blit_matches_full_redraw(chart, ClvInputs(), steps)
    assert renderer.partial_redraws >= 2, "the steps should exercise the partial redraw"


def test_moves_reuse_the_background():
    explorer = clv_explorer()
    redraws = explorer.renderer.full_redraws
    for r in np.arange(0.30, 0.99, 0.01):
        explorer.controls["retention"].value = float(r)
    assert explorer.renderer.full_redraws == redraws  # never the whole figure
    assert explorer.renderer.partial_redraws == 0  # live y axes: no redraw for new ranges
    back_and_forth = [*np.arange(0.98, 0.29, -0.01), *np.arange(0.30, 0.99, 0.01)]
    for r in back_and_forth:
        explorer.controls["retention"].value = float(r)
    # Back and forth again: every y range has been seen, its y axis is not drawn again.
    drawn = explorer.renderer.y_axis_draws
    assert 1 <= drawn <= 2 * explorer.renderer.max_backgrounds
    for r in back_and_forth:
        explorer.controls["retention"].value = float(r)
    assert explorer.renderer.y_axis_draws == drawn


def test_changing_numbers_are_html_over_the_picture():
    explorer = clv_explorer()
    title = explorer.chart.figure._suptitle
    assert title.get_animated() and title not in explorer.renderer.moving  # never drawn
    explorer.controls["retention"].value = 0.9
    value = clv(100, 0.9, 0.1, 10, acquisition_cost=150)
    assert f"Net CLV over 10 periods: {value:,.0f}" in explorer.captions.value
    assert f'data-render="{explorer.renders}"' in explorer.captions.value
    assert len(explorer.update_seconds) == explorer.renders == 2


def test_chart_limits_contain_the_data():
    chart = ClvChart()
    for inputs in (ClvInputs(), ClvInputs(margin=500, retention=0.99, discount=0.0),
                   ClvInputs(margin=10, acquisition_cost=1000), ClvInputs(margin=0)):
        result = chart.update(inputs)
        low, high = chart.ax_cum.get_ylim()
        assert low <= -inputs.acquisition_cost and high >= result["clv_no_end"]
        assert chart.ax_flows.get_ylim()[1] >= inputs.margin


def test_first_slider_sentence_follows():
    box = first_slider()
    slider, sentence = box.children
    slider.value = 0.5
    assert "2.0 periods" in sentence.value


def test_glossary_search_finds_both_languages():
    box = glossary_search()
    text, results = box.children
    text.value = "关系营销"
    assert "relationship marketing" in results.value
    text.value = "lifetime value"
    assert "顾客终身价值" in results.value
    text.value = "zzzz-no-such-term"
    assert "0 match" in results.value
