"""The notebooks as documents: structure, stored outputs, exercises wired to the checker.

(nbval, run by ``make test``, re-executes every notebook and compares its outputs.)
"""

import json
import re

import nbformat
import pytest

from relmark_helpers.answers import EXERCISES
from relmark_helpers.answers import nb03 as answers03

from .conftest import NOTEBOOK_DIR, ROOT

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]*_*.ipynb"))
LESSONS = [p for p in NOTEBOOKS if not p.name.startswith("00_")]
CHECK_CALL = re.compile(r"""check\(\s*["'](\d+\.\d+)["']""")
WIDGET_CALL = re.compile(r"^\s*\w+_(explorer|search|slider|designer)\(", re.M)


def load(path):
    return nbformat.read(path, as_version=4)


def markdown(notebook):
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def code_cells(notebook):
    return [c for c in notebook.cells if c.cell_type == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_valid_and_stored_executed_in_order(path):
    notebook = load(path)
    nbformat.validate(notebook)
    counts = [c.execution_count for c in code_cells(notebook) if c.source.strip()]
    assert counts == list(range(1, len(counts) + 1)), "re-run with `make notebooks`"
    errors = [o for c in code_cells(notebook) for o in c.outputs if o.output_type == "error"]
    assert not errors


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_title_matches_file_number_and_navigation_present(path):
    notebook = load(path)
    digits, letter = re.match(r"(\d\d)([a-z]?)_", path.name).groups()
    assert notebook.cells[0].source.startswith(f"# {int(digits)}{letter} · ")
    nav = notebook.cells[1]
    assert "navigation" in nav.metadata.get("tags", [])
    for link in re.findall(r"\]\(([^)]+\.ipynb)\)", nav.source):
        assert (NOTEBOOK_DIR / link).is_file(), link


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_hold_nothing_volatile(path):
    text = json.dumps([c.get("outputs", []) for c in load(path).cells])
    assert not re.search(r"/(root|home|work|tmp)/", text), "absolute path in a stored output"
    assert not re.search(r"at 0x[0-9a-f]{6,}", text), "memory address in a stored output"
    assert "Traceback" not in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_widget_cells_are_tagged_for_nbval_and_have_a_static_twin(path):
    for cell in code_cells(load(path)):
        if WIDGET_CALL.search(cell.source):
            assert "nbval-ignore-output" in cell.metadata.get("tags", []), cell.source
    source = "\n".join(c.source for c in code_cells(load(path)))
    if "_explorer(" in source:
        assert "plot_" in source.split("_explorer(")[1], "a static chart belongs after the widget"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_structure(path):
    notebook = load(path)
    text = markdown(notebook)
    assert "**By the end you can:**" in text
    assert "## Setup" in text
    assert "## Key terms" in text
    assert "## Exercises" in text
    checks = CHECK_CALL.findall("\n".join(c.source for c in code_cells(notebook)))
    assert len(checks) >= 3


def test_every_check_in_a_notebook_exists_and_every_exercise_is_used():
    used = []
    for path in NOTEBOOKS:
        for cell in code_cells(load(path)):
            used += CHECK_CALL.findall(cell.source)
            if CHECK_CALL.search(cell.source):
                # Stored with the placeholder, so nbval's expected output is "no answer yet".
                placeholder = re.search(r"answer_\w+ = (\.\.\.|\{[^}]*\.\.\.)", cell.source)
                assert placeholder, cell.source
    assert sorted(used) == sorted(EXERCISES)
    assert len(used) == len(set(used)), "an exercise is checked twice"


def test_exercise_questions_state_the_numbers_the_checker_uses():
    text = markdown(load(NOTEBOOK_DIR / "03_customer_lifetime_value.ipynb"))
    assert f"margin of {answers03.GYM_MARGIN:.0f} a year" in text
    assert f"{answers03.GYM_RETENTION:.0%}".replace("%", " %") + " of members renew" in text
    assert f"discounts at {answers03.GYM_DISCOUNT:.0%}".replace("%", " %") in text
    assert f"**{answers03.GYM_CONTRACT_YEARS} years**" in text
    assert f"**{answers03.GYM_ACQUISITION_COST:.0f}**" in text


def test_start_notebook_lists_every_notebook():
    text = markdown(load(NOTEBOOK_DIR / "00_start_here.ipynb"))
    for path in LESSONS:
        assert f"]({path.name})" in text, f"00_start_here.ipynb should link {path.name}"
    for number in range(1, 7):
        assert re.search(rf"^\| \[?{number:02d} · ", text, re.M), f"notebook {number:02d} missing"


def test_sanitize_file_is_well_formed():
    lines = [ln for ln in (ROOT / "tests/nbval_sanitize.cfg").read_text().splitlines()
             if ln.startswith(("regex:", "replace:"))]
    assert len(lines) % 2 == 0 and lines
    for regex, replace in zip(lines[::2], lines[1::2], strict=True):
        assert regex.startswith("regex: ") and replace.startswith("replace: ")
        re.compile(regex[len("regex: "):])
