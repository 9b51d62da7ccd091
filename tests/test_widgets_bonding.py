"""The programme designer and the bonding plots: controls, picture, numbers, blitting."""

import re

import numpy as np
import pytest

from relmark_helpers import (
    Baseline,
    Programme,
    ProgrammeChart,
    ProgrammeDesigner,
    ProgrammeInputs,
    ottobar_economics,
    plot_copy_speed,
    plot_imitation,
    plot_level_economics,
    plot_member_value,
    plot_programme_chart,
    programme_designer,
    programme_economics,
    use_workbook_style,
)

from .blit_check import assert_blit_matches_full_redraw

INSTRUMENT_NAMES = ("points", "events", "magazine", "personal_contact", "customised_service",
                    "it_link")


def test_controls_have_documented_bounds_and_defaults():
    designer = programme_designer()
    c = designer.controls
    assert set(c) == {*INSTRUMENT_NAMES, "margin", "retention", "rivals_copy", "rival_response"}
    assert [c[n].value for n in INSTRUMENT_NAMES] == [True, False, True, False, False, False]
    assert (c["margin"].min, c["margin"].max, c["margin"].value) == (20, 500, 100)
    assert (c["retention"].min, c["retention"].max, c["retention"].value) == (0.30, 0.80, 0.70)
    assert (c["rival_response"].min, c["rival_response"].max, c["rival_response"].value) == (0, 15, 2)
    assert c["rivals_copy"].value is True
    # No setting can push retention over 1: the slider's top plus every instrument stays <= 1.
    assert c["retention"].max + Programme.of(*INSTRUMENT_NAMES).retention_effect <= 1


def test_starting_values_and_unknown_names():
    designer = programme_designer(it_link=True, margin=400)
    assert designer.inputs.it_link and designer.inputs.margin == 400
    with pytest.raises(TypeError, match=r"unknown starting value\(s\) \['ponits'\]"):
        ProgrammeDesigner(ponits=True)


def test_numbers_follow_the_model():
    designer = programme_designer()
    expected = programme_economics(Programme.of("points", "magazine"), Baseline(100, 0.7))
    copied = programme_economics(Programme.of("points", "magazine"), Baseline(100, 0.7),
                                 rival_response=2)
    result = designer.last_result
    assert result["level"] == 2
    assert result["clv_with"] == pytest.approx(expected.clv_with)
    assert result["clv_copied"] == pytest.approx(copied.clv_with)
    assert f"{expected.clv_with:,.0f}" in designer.summary.value


@pytest.mark.parametrize(("name", "value"), [
    *((n, not ProgrammeInputs().__getattribute__(n)) for n in INSTRUMENT_NAMES),
    ("margin", 400.0), ("retention", 0.40), ("retention", 0.80), ("rival_response", 0),
    ("rival_response", 15), ("rivals_copy", False), ("margin", 20.0),
])
def test_every_control_changes_the_picture_without_errors(name, value):
    designer = programme_designer()
    before, numbers = designer.image.value, dict(designer.last_result)
    designer.controls[name].value = value
    assert designer.image.value != before
    assert designer.last_result != numbers
    summary = designer.summary.value
    assert "Could not update" not in summary
    assert not re.search(r"\b(nan|inf)\b", summary.lower())  # ("financial" holds "nan")


def test_level_gap_and_empty_programme_are_said_in_words():
    designer = programme_designer(points=False, magazine=False, it_link=True)
    assert "levels build on each other" in designer.summary.value
    assert "Level reached: <b>0 (none)</b>" in designer.summary.value
    designer.controls["it_link"].value = False
    assert "No instruments chosen" in designer.summary.value
    assert not re.search(r"\bnan\b", designer.summary.value.lower())


def test_rivals_never_copying_hides_the_third_bar():
    designer = programme_designer(rivals_copy=False)
    assert not designer.chart._clv_bars[2].get_visible()
    assert "If rivals" not in designer.summary.value


@pytest.mark.parametrize("styled", [False, True], ids=["matplotlib style", "workbook style"])
def test_blitted_picture_equals_a_full_redraw(styled):
    if styled:
        use_workbook_style()
    steps = ({"it_link": True}, {"margin": 480.0}, {"rival_response": 0}, {"retention": 0.3},
             {"personal_contact": True, "events": True, "customised_service": True},
             {"rivals_copy": False}, {"points": False, "magazine": False}, {"margin": 20.0})
    assert_blit_matches_full_redraw(ProgrammeChart(), ProgrammeInputs(), steps)


def test_changes_never_redraw_the_background():
    designer = programme_designer()
    for name in INSTRUMENT_NAMES:
        designer.controls[name].value = True
    for r in np.arange(0.30, 0.80, 0.05):
        designer.controls["retention"].value = round(float(r), 2)
    assert designer.renderer.full_redraws == 1 and designer.renderer.partial_redraws == 0


def test_an_error_in_an_update_is_shown_not_lost(monkeypatch):
    designer = programme_designer()

    def broken(_inputs):
        raise RuntimeError("boom")

    monkeypatch.setattr(designer.chart, "update", broken)
    designer.controls["margin"].value = 200
    assert "Could not update" in designer.summary.value and "boom" in designer.summary.value


# --- static plots ----------------------------------------------------------------------------

def test_static_chart_shows_the_default_numbers():
    fig = plot_programme_chart()
    expected = programme_economics(Programme.of("points", "magazine"), Baseline(100, 0.7))
    assert len(fig.axes) == 2
    assert fig._suptitle.get_text().startswith("Level reached: 2 (social)")
    assert f"{expected.clv_with:,.0f}" in [t.get_text() for t in fig.axes[0].texts]


def test_copy_speed_one_line_per_bond_from_one_to_zero():
    ax = plot_copy_speed(rival_response=0, years=10)
    assert len(ax.lines) == 4 and ax.get_ylabel() == "advantage left (%)"
    for line in ax.lines:
        assert line.get_ydata()[0] == 100 and line.get_ydata()[-1] == 0


def test_imitation_bars_add_up_to_the_retention_effect():
    ax = plot_imitation(Programme.at_level(3), years=5, rival_response=None)
    tops = {}
    for patch in ax.patches:
        x = round(patch.get_x() + patch.get_width() / 2)
        tops[x] = max(tops.get(x, 0), patch.get_y() + patch.get_height())
    assert all(top == pytest.approx(100 * Programme.at_level(3).retention_effect)
               for top in tops.values())
    assert ax.get_ylabel() == "retention points added"


def test_level_economics_two_bars_per_level():
    ax = plot_level_economics(rival_response=2)
    assert len(ax.patches) == 6 and "money" in ax.get_ylabel()
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["level 1: financial", "level 2: social", "level 3: structural"]


def test_member_value_bars():
    ottobar = ottobar_economics()
    ax = plot_member_value(ottobar)
    heights = [p.get_height() for p in ax.patches]
    assert heights == pytest.approx([ottobar["clv_non_member"], ottobar["clv_member"],
                                     ottobar["value_credited_to_club"]])
