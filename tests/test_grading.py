"""Grading submitted notebooks (tools/grade.py, ``make grade``) on a folder of synthetic submissions.

Each synthetic submission is a small student-edition notebook (no helper imports, so each
kernel starts and runs in about a second) covering one case: right and wrong answers, a
missing answer, an answer of the wrong form, an error, an endless loop, the wrong edition,
a file that is not a notebook.  The answers are judged with the real graded exercises of
the end-of-course quiz (10.11 and 10.12).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import sys

import nbformat
import pytest

from relmark_helpers import NumericExercise, get_exercise
from relmark_helpers.answers import graded_exercises
from relmark_helpers.core.exercises import KnownMistake

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("grade", ROOT / "tools" / "grade.py")
grade = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("grade", grade)  # a dataclass needs its module registered
_spec.loader.exec_module(grade)

TIME_LIMIT = 5.0  # seconds per cell; the synthetic cells take milliseconds


def quiz_keys() -> tuple[str, str, str]:
    """The right option of 10.11 and 10.12, and a wrong option of 10.12 (from the exercise definitions)."""
    right_11 = next(iter(get_exercise("10.11").correct))
    q12 = get_exercise("10.12")
    right_12 = next(iter(q12.correct))
    wrong_12 = next(k for k in q12.options if k not in q12.correct)
    return right_11, right_12, wrong_12


def submission(*cells: str, edition: str | None = "student", graded=("10.11", "10.12")):
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("def check(exercise_id, answer):\n    return None"),
        *(nbformat.v4.new_code_cell(c) for c in cells),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    if edition is not None:
        notebook.metadata["relmark"] = {"edition": edition, "notebook": "10_capstone",
                                        "graded": list(graded)}
    return notebook


@pytest.fixture(scope="module")
def graded_run(tmp_path_factory):
    right_11, right_12, wrong_12 = quiz_keys()
    folder = tmp_path_factory.mktemp("submissions")
    cases = {
        "alice": submission('student_id = "s1001"',
                            f'answer_10_11 = "{right_11}"\ncheck("10.11", answer_10_11)',
                            f'answer_10_12 = "{wrong_12}"\ncheck("10.12", answer_10_12)'),
        "bob": submission(f'answer_10_11 = "{right_11}"\ncheck("10.11", answer_10_11)',
                          'answer_10_12 = ...\ncheck("10.12", answer_10_12)'),
        "carol": submission('student_id = "s1003"',
                            f'answer_10_11 = "{right_11}"\ncheck("10.11", answer_10_11)',
                            "1 / 0", f'answer_10_12 = "{right_12}"\ncheck("10.12", answer_10_12)'),
        "dave": submission(f'answer_10_11 = "{right_11}"', "while True:\n    pass",
                           'check("10.11", answer_10_11)\ncheck("10.12", answer_10_12)'),
        "erin": submission(f'answer_10_11 = "{right_11}"\ncheck("10.11", answer_10_11)', edition=None),
        "frank": submission('answer_10_11 = 42\ncheck("10.11", answer_10_11)',
                            f'answer_10_12 = ["{right_12}"]\ncheck("10.12", answer_10_12)'),
        "gina": submission(f'answer_10_11 = "{right_11}"\ncheck("10.11", answer_10_11)',
                           graded=("10.11", "1.1")),
    }
    for name, notebook in cases.items():
        nbformat.write(notebook, folder / f"{name}.ipynb")
    (folder / "hank.ipynb").write_text("this is not a notebook", encoding="utf-8")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    out = tmp_path_factory.mktemp("grades")
    grades, gradebook = grade.grade_folder(folder, out, timeout=TIME_LIMIT)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    with grades.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with gradebook.open(encoding="utf-8") as handle:
        book = list(csv.reader(handle))
    return {"rows": rows, "book": book, "before": before, "after": after, "grades": grades}


def rows_of(run, student: str) -> dict[str, dict[str, str]]:
    return {r["exercise"]: r for r in run["rows"] if r["student_id"] == student}


def test_the_quiz_is_graded():
    assert {"10.11", "10.12"} <= set(graded_exercises())


def test_submissions_are_never_modified(graded_run):
    assert graded_run["after"] == graded_run["before"]
    assert len(graded_run["before"]) == 8


def test_grades_csv_has_the_documented_columns(graded_run):
    header = graded_run["grades"].read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(grade.GRADES_COLUMNS)
    assert grade.GRADES_COLUMNS == ("student_id", "submission", "notebook", "exercise", "answer",
                                    "result", "band", "feedback", "status")


def test_right_and_wrong_answers_and_the_student_id_cell(graded_run):
    alice = rows_of(graded_run, "s1001")
    assert set(alice) == {"10.11", "10.12"}
    assert alice["10.11"]["result"] == "right" and alice["10.11"]["band"] == "right"
    assert alice["10.12"]["result"] == "wrong" and alice["10.12"]["band"] == "wrong option"
    assert alice["10.11"]["submission"] == "alice.ipynb" and alice["10.11"]["status"] == "ok"
    assert alice["10.11"]["notebook"] == "10_capstone"


def test_a_missing_answer_and_the_file_name_as_identity(graded_run):
    bob = rows_of(graded_run, "bob")
    assert bob["10.11"]["result"] == "right"
    assert bob["10.12"]["result"] == "missing" and bob["10.12"]["answer"] == ""


def test_an_error_is_reported_and_later_answers_still_count(graded_run):
    carol = rows_of(graded_run, "s1003")
    assert carol["10.11"]["status"].startswith("error in cell 3: ZeroDivisionError")
    assert carol["10.11"]["result"] == "right" and carol["10.12"]["result"] == "right"


def test_an_endless_loop_hits_the_time_limit_and_the_run_goes_on(graded_run):
    dave = rows_of(graded_run, "dave")
    assert list(dave) == ["-"] and dave["-"]["result"] == "not graded"
    assert dave["-"]["status"].startswith("time limit")


@pytest.mark.parametrize(("student", "status"), [
    ("erin", "wrong edition: not a student edition"),
    ("gina", "wrong edition"),
    ("hank", "not a notebook"),
])
def test_other_editions_and_broken_files_get_their_own_row(graded_run, student, status):
    rows = rows_of(graded_run, student)
    assert list(rows) == ["-"] and rows["-"]["status"].startswith(status)


def test_an_answer_of_the_wrong_form_is_invalid(graded_run):
    frank = rows_of(graded_run, "frank")
    assert frank["10.11"]["result"] == "invalid" and frank["10.11"]["answer"] == "42"
    assert frank["10.11"]["band"] == "wrong form"
    assert frank["10.12"]["result"] == "right"  # a list of one letter is a valid choice


def test_gradebook_has_one_row_per_student_in_the_lms_layout(graded_run):
    header, *rows = graded_run["book"]
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "relmark 10 (points)"]
    points = {row[0]: row for row in rows}
    assert sorted(points) == ["bob", "dave", "erin", "frank", "gina", "hank", "s1001", "s1003"]
    assert points["s1001"] == ["s1001", "", "s1001", "s1001", "", "1"]
    assert points["s1003"][-1] == "2" and points["bob"][-1] == "1" and points["frank"][-1] == "1"
    assert points["dave"][-1] == "0" and points["hank"][-1] == "0"


def test_numeric_bands_match_hand_worked_ratios():
    toy = NumericExercise("9.1", answer=lambda: 200.0, hint="h",
                          mistakes=(KnownMistake(lambda: 300.0, "start timing"),))
    cases = {200.0: ("correct", "right"), 300.0: ("incorrect", "known mistake"),
             206.0: ("incorrect", "within 5 %"), 240.0: ("incorrect", "5-25 % off"),
             100.0: ("incorrect", "over 25 % off"), 2500.0: ("incorrect", "off by a factor of ten"),
             -200.0: ("incorrect", "wrong sign")}
    for value, (status, band) in cases.items():
        assert toy.evaluate(value).status == status, value
        assert grade.feedback_band(toy, value, status) == band, value


def test_grade_folder_refuses_a_missing_folder(tmp_path):
    with pytest.raises(ValueError, match="SUBMISSIONS"):
        grade.grade_folder(tmp_path / "nowhere", tmp_path)
