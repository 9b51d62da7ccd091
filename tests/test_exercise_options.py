"""Every multiple-choice option printed in a notebook is the option the checker grades.

The question text lives in the notebook and the options in ``relmark_helpers/answers``;
this test keeps the two copies identical (it caught exercise 3.4 offering "+27 %" while
the key said "+28 %").
"""

import re

import nbformat
import pytest

from relmark_helpers import ChoiceExercise, get_exercise, list_exercises

from .conftest import NOTEBOOKS, notebook_path

EXERCISES = {eid: get_exercise(eid) for eid in list_exercises()}

HEADING = re.compile(r"^### Exercise (\d+\.\d+)", re.M)
OPTION = re.compile(r"^- ([a-z])\) (.+?)(?=^- [a-z]\) |\Z)", re.M | re.S)


def printed_options(path):
    """{exercise id: {letter: option text}} from a notebook's markdown cells."""
    found = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        match = HEADING.search(cell.source)
        if not match:
            continue
        options = {letter: " ".join(text.split())
                   for letter, text in OPTION.findall(cell.source[match.end():])}
        if options:
            found[match.group(1)] = options
    return found




@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_printed_options_are_the_graded_options(path):
    printed = printed_options(path)
    choices = {k: e for k, e in EXERCISES.items() if isinstance(e, ChoiceExercise)}
    for exercise_id, options in printed.items():
        if exercise_id not in choices:  # a matching item lists its items, not options
            continue
        graded = {k: " ".join(v.split()) for k, v in choices[exercise_id].options.items()}
        assert options == graded, exercise_id


def test_exercise_3_4_offers_the_true_rise():
    # (0.85 / 0.25) / (0.80 / 0.30) - 1 = 0.275, worked by hand
    assert "27.5" in EXERCISES["3.4"].options["b"]
    assert EXERCISES["3.4"].evaluate("b").correct


def test_the_parser_finds_the_options():
    printed = printed_options(notebook_path(3))
    assert set(printed) == {"3.4", "3.5", "3.6", "3.7"}
    assert printed["3.4"]["b"] == "about +27.5 %"
