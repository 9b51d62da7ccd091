"""The P(alive) explorer of notebook 06: documented controls, the picture follows them, faithful blitting."""

import pytest

from relmark_helpers import (
    AliveChart,
    AliveExplorer,
    AliveInputs,
    alive_explorer,
    calibration_holdout,
    fit_bgnbd,
    fit_pareto_nbd,
    load_cdnow,
    use_workbook_style,
)

from .blit_check import assert_blit_matches_full_redraw


@pytest.fixture(scope="module")
def models():
    summary = calibration_holdout(load_cdnow(sample=True))
    return fit_bgnbd(summary), fit_pareto_nbd(summary)


def test_controls_have_documented_bounds_and_defaults(models):
    c = alive_explorer(*models).controls
    assert set(c) == {"frequency", "recency", "age"}
    assert (c["frequency"].min, c["frequency"].max, c["frequency"].value) == (0, 20, 2)
    assert (c["recency"].min, c["recency"].max, c["recency"].value) == (0.0, 104.0, 30.0)
    assert (c["age"].min, c["age"].max, c["age"].value) == (1.0, 104.0, 39.0)


def test_starting_values_and_unknown_names(models):
    assert alive_explorer(*models, frequency=5).inputs == AliveInputs(5, 30.0, 39.0)
    with pytest.raises(TypeError, match=r"unknown starting value\(s\) \['x'\]"):
        AliveExplorer(*models, x=3)


def test_numbers_come_from_the_models(models):
    bgnbd, pareto = models
    result = alive_explorer(*models, frequency=3, recency=20.0, age=39.0).last_result
    assert result["p_alive_bgnbd"] == pytest.approx(bgnbd.p_alive(3, 20.0, 39.0))
    assert result["p_alive_pareto"] == pytest.approx(pareto.p_alive(3, 20.0, 39.0))
    assert result["expected_pareto"] == pytest.approx(pareto.expected_purchases(39.0, 3, 20.0, 39.0))


def test_zero_repeat_purchases_show_bgnbd_assumption(models):
    explorer = alive_explorer(*models, frequency=0)
    assert explorer.last_result["p_alive_bgnbd"] == 1.0 and explorer.last_result["recency"] == 0.0
    assert explorer.last_result["p_alive_pareto"] < 0.5
    assert "assumption" in explorer.summary.value or "alive for sure" in explorer.summary.value


def test_recency_after_age_is_clipped_not_refused(models):
    explorer = alive_explorer(*models, recency=60.0, age=39.0)
    assert explorer.last_result["recency"] == 39.0
    assert "Could not update" not in explorer.summary.value


@pytest.mark.parametrize(("name", "value"), [("frequency", 0), ("frequency", 20), ("recency", 5.0),
                                             ("age", 104.0), ("age", 31.0)])
def test_every_control_changes_the_picture_and_the_numbers(models, name, value):
    explorer = alive_explorer(*models)
    before_png, before = explorer.image.value, dict(explorer.last_result)
    explorer.controls[name].value = value
    assert explorer.image.value != before_png
    assert explorer.last_result != before
    summary = explorer.summary.value
    assert "Could not update" not in summary
    assert "nan" not in summary.lower() and "inf" not in summary.lower()


def test_blitted_picture_equals_a_full_redraw(models):
    use_workbook_style()
    steps = [{"frequency": 0}, {"frequency": 12}, {"recency": 5.0}, {"age": 90.0}, {"frequency": 1}]
    assert_blit_matches_full_redraw(AliveChart(*models), AliveInputs(), steps)
