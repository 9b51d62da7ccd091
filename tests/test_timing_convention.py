"""One named timing convention through the workbook, and every switch flagged where it happens.

The names: the **end-of-period convention** (``timing="end"``, the workbook's), the
**start-of-period convention** (``timing="start"``) and the **certain-first-margin
convention** (``timing="first_certain"``); notebook 03 section 4 defines all three.
(Notebook 04 is checked once its exercise 4.2 names its convention.)
"""

import re

import nbformat
import pytest

from relmark_helpers.lifetime_value import formulas as clvmod

from .conftest import notebook_labelled, notebook_path

END = "end-of-period convention"
START = "start-of-period convention"
FIRST = "certain-first-margin"
# Every notebook but 04 (its exercise 4.2 accepts two conventions unnamed) and 06.
CHECKED = ("0", "1", "2", "3", "5", "7", "8", "9", "10")
NOTEBOOKS = [notebook_labelled(label) for label in CHECKED]


def cells(path):
    return nbformat.read(path, as_version=4).cells


def markdown(path):
    return "\n".join(c.source for c in cells(path) if c.cell_type == "markdown")


def flat(text):
    return " ".join(text.split())


def test_notebook_03_names_all_three_closed_forms_and_their_conventions():
    text = flat(markdown(notebook_path(3)))
    for name, formula in ((END, "*m* · *r* / (1 + *i* − *r*)"),
                          (FIRST, "*m* / (1 + *i* − *r*)"),
                          (START, "*m* (1 + *i*) / (1 + *i* − *r*)")):
        assert name.split()[0] in text, name
        assert formula in text, formula
    assert "this workbook's convention" in text


def test_the_three_closed_forms_hold_in_the_code():
    m, r, i = 100.0, 0.8, 0.10  # by hand: 800/3, 1000/3, 1100/3
    assert clvmod.clv(m, r, i, timing="end") == pytest.approx(m * r / (1 + i - r))
    assert clvmod.clv(m, r, i, timing="first_certain") == pytest.approx(m / (1 + i - r))
    assert clvmod.clv(m, r, i, timing="start") == pytest.approx(m * (1 + i) / (1 + i - r))
    assert clvmod.CLV_TIMINGS == ("end", "start", "first_certain")
    for name in ("end-of-period convention", "start-of-period", "certain-first-margin"):
        assert name in flat(clvmod.__doc__), name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_switch_to_another_convention_is_flagged_before_it_is_used(path):
    seen = ""
    for cell in cells(path):
        if cell.cell_type == "markdown":
            seen += flat(cell.source) + " "
            continue
        if re.search(r"""timing\s*=\s*["']start["']""", cell.source) and "03_" not in path.name:
            assert START in seen, f"{path.name}: timing='start' used before the switch is named"
        if re.search(r"""timing\s*=\s*["']first_certain["']""", cell.source):
            assert FIRST in seen, f"{path.name}: first_certain used before it is named"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_only_the_named_conventions_are_used(path):
    text = flat(markdown(path)).lower()
    for old in ("start-of-year convention", "end-of-year convention", "timing \"start\")"):
        assert old not in text, f"{path.name} uses {old!r}; use the workbook's names"


def test_notebooks_that_value_customers_name_the_workbooks_convention():
    for prefix in ("03_", "05_", "08_", "10_"):
        (path,) = [p for p in NOTEBOOKS if p.name.startswith(prefix)]
        assert END in flat(markdown(path)), path.name


def test_start_notebook_flags_its_count_of_periods():
    text = flat(markdown(notebook_path(0)))
    assert START in text and END in text


def test_clv_by_convention_gives_each_reading_of_exercise_2_2():
    # margin 72, retention 0.8, discount 10 %: 72*0.8/0.3 = 192, 72/0.3 = 240, 72*1.1/0.3 = 264
    values = clvmod.clv_by_convention(72, 0.8, 0.10)
    assert values == pytest.approx({"end": 192.0, "first_certain": 240.0, "start": 264.0})
    assert set(clvmod.TIMING_NAMES) == set(clvmod.CLV_TIMINGS)
    assert clvmod.TIMING_NAMES["end"] == END


def test_clv_by_convention_wants_single_numbers_and_names_the_argument():
    with pytest.raises(TypeError, match="margin must be a single number"):
        clvmod.clv_by_convention([72, 80], 0.8, 0.10)
    with pytest.raises(TypeError, match="periods must be a single whole number"):
        clvmod.clv_by_convention(72, 0.8, 0.10, periods=[3, 5])
    with pytest.raises(ValueError, match="retention must be in \\[0, 1\\]"):
        clvmod.clv_by_convention(72, 80, 0.10)
