"""Grade the graded exercises of submitted student notebooks (``make grade SUBMISSIONS=folder``).

Usage::

    python tools/grade.py SUBMISSIONS [--out grades] [--timeout 60]

Each ``*.ipynb`` in ``SUBMISSIONS`` is read (never written), copied into a
temporary folder beside a copy of ``data/``, and executed top to bottom in a
fresh kernel with a time limit per cell (nbclient).  A last cell, added to
the copy only, reads the value of every graded exercise's answer variable
(the second argument of ``check("N.k", answer_N_k)``).  The answers are then
judged with the instructor edition's exercises.

The student is named by a code cell ``student_id = "..."`` (the last one, as
written in the file), or else by the file name without ``.ipynb``.

Two files are written to ``--out``:

``grades.csv``
    One row per student and graded exercise: student_id, submission, notebook,
    exercise, answer (as the student gave it, at most 60 characters), result
    (right, wrong, invalid, missing or not graded), band (the feedback band:
    right; known mistake; within 5 %, 5-25 % or over 25 % off; off by a factor of
    ten; wrong sign; wrong option; k of n placed; wrong form; missing), feedback
    (what the checker says) and status (ok, or why the submission could not be
    graded in full: error in cell N, time limit, wrong edition, not a notebook).
    A submission that could not be executed gets one row with exercise ``-``.
``gradebook.csv``
    One row per student, in the layout Canvas's gradebook import reads and
    Moodle's CSV grade import maps: ``Student``, ``ID``, ``SIS User ID``,
    ``SIS Login ID``, ``Section`` (the student_id in the SIS columns, the others
    empty), then one column per notebook graded, ``relmark NN (points)``: the
    number of graded exercises answered right.
"""

from __future__ import annotations

import argparse
import copy
import csv
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from relmark_helpers.answers import get_exercise, graded_exercises  # noqa: E402
from relmark_helpers.core.exercises import (  # noqa: E402
    ChoiceExercise,
    MatchingExercise,
    NumericExercise,
    read_number,
    safe_repr,
)

GRADES_COLUMNS = ("student_id", "submission", "notebook", "exercise", "answer", "result", "band",
                  "feedback", "status")
GRADEBOOK_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
MARKER = "RELMARK-GRADED-ANSWERS "
MISSING = {"__missing__": True}
STUDENT_ID = re.compile(r"""^\s*student_id\s*=\s*["']([^"'\n]*)["']""", re.M)
CHECK_ID = re.compile(r"""check\(\s*["'](\d+\.\d+)["']""")
CHECK = re.compile(r"""check\(\s*["'](\d+\.\d+)["']\s*,\s*([A-Za-z_]\w*)""")

_READ_ANSWERS = """\
import json as _relmark_json
def _relmark_plain(value):
    if value is Ellipsis or value is None:
        return {"__missing__": True}
    if isinstance(value, (set, frozenset, tuple)):
        value = sorted(value, key=repr)
    try:
        return _relmark_json.loads(_relmark_json.dumps(value))
    except (TypeError, ValueError):
        try:
            return float(value)
        except Exception:
            return {"__repr__": repr(value)[:200]}
print(%r + _relmark_json.dumps({eid: _relmark_plain(globals().get(name, Ellipsis))
                                for eid, name in %r.items()}))
"""


@dataclass
class Submission:
    """What grading one notebook found."""

    path: Path
    student_id: str
    notebook: str = ""
    status: str = "ok"
    answers: dict[str, object] = field(default_factory=dict)
    exercises: list[str] = field(default_factory=list)


def student_id_of(notebook: nbformat.NotebookNode | None, path: Path) -> str:
    """The ``student_id = "..."`` of the last code cell that sets it, or the file name's stem."""
    found = []
    for cell in (notebook.cells if notebook is not None else []):
        if cell.cell_type == "code":
            found += [m.strip() for m in STUDENT_ID.findall(cell.source)]
    found = [f for f in found if f and f != "..."]
    return found[-1] if found else path.stem


def answer_variables(notebook: nbformat.NotebookNode, graded: set[str]) -> dict[str, str]:
    """Graded exercise number -> the variable its ``check`` cell passes, in notebook order."""
    names: dict[str, str] = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for eid, name in CHECK.findall(cell.source):
                if eid in graded:
                    names.setdefault(eid, name)
    return names


def edition_problem(notebook: nbformat.NotebookNode, graded: set[str]) -> str:
    """Why the notebook is not a current student edition with graded exercises ("" when it is)."""
    meta = notebook.metadata.get("relmark", {})
    if meta.get("edition") != "student":
        return "wrong edition: not a student edition notebook (make student)"
    listed = set(meta.get("graded", []))
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    checked = set(CHECK_ID.findall(code)) & graded
    if listed - graded or checked - listed:
        return (f"wrong edition: it grades {sorted(listed)}, this edition grades "
                f"{sorted(checked | (listed & graded))}")
    if not listed:
        return "no graded exercises in this notebook"
    return ""


def _first_error(notebook: nbformat.NotebookNode, cells: int) -> str:
    for number, cell in enumerate(notebook.cells[:cells]):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"error in cell {number}: {output.get('ename')}: {output.get('evalue', '')[:80]}"
    return ""


def run_submission(path: Path, timeout: float, data: Path = ROOT / "data") -> Submission:
    """Execute a copy of one submitted notebook and read its graded answers; never raises."""
    graded = set(graded_exercises())
    try:
        notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    except Exception as error:  # noqa: BLE001 - any unreadable file is reported, not fatal
        return Submission(path, path.stem, status=f"not a notebook: {type(error).__name__}")
    result = Submission(path, student_id_of(notebook, path),
                        notebook=str(notebook.metadata.get("relmark", {}).get("notebook", "")))
    problem = edition_problem(notebook, graded)
    if problem:
        result.status = problem
        return result
    listed = notebook.metadata["relmark"]["graded"]
    found = answer_variables(notebook, graded)
    names = {eid: found.get(eid, "answer_" + eid.replace(".", "_")) for eid in listed}
    result.exercises = list(listed)
    run = copy.deepcopy(notebook)
    run.cells.append(nbformat.v4.new_code_cell(_READ_ANSWERS % (MARKER, names)))
    with tempfile.TemporaryDirectory(prefix="relmark-grade-") as tmp:
        folder = Path(tmp) / "notebooks"
        folder.mkdir()
        if data.is_dir():
            shutil.copytree(data, Path(tmp) / "data")
        client = NotebookClient(run, timeout=timeout, startup_timeout=120, kernel_name="python3",
                                allow_errors=True, resources={"metadata": {"path": str(folder)}})
        try:
            client.execute()
        except CellTimeoutError:
            result.status = f"time limit: a cell ran longer than {timeout:g} s"
            return result
        except DeadKernelError:
            result.status = "the kernel died"
            return result
        except Exception as error:  # noqa: BLE001 - one bad submission must not stop the run
            result.status = f"could not run: {type(error).__name__}: {str(error)[:80]}"
            return result
    result.status = _first_error(run, len(notebook.cells)) or "ok"
    for output in run.cells[-1].get("outputs", []):
        text = output.get("text", "")
        if output.get("output_type") == "stream" and MARKER in text:
            result.answers = json.loads(text.split(MARKER, 1)[1])
    return result


def feedback_band(exercise: object, value: object, status: str) -> str:
    """The coarse band of a judged answer (the same bands the checker's feedback uses)."""
    if status == "correct":
        return "right"
    if status == "unanswered":
        return "missing"
    if status == "invalid":
        return "wrong form"
    if isinstance(exercise, ChoiceExercise):
        return "wrong option"
    if isinstance(exercise, MatchingExercise):
        placed = sum(str(value.get(item, "")).strip().lower() == cat.lower()
                     for item, cat in exercise.solution.items())
        return f"{placed} of {len(exercise.solution)} placed"
    if isinstance(exercise, NumericExercise):
        given, target = read_number(value), float(exercise.answer())
        if any(exercise._close(given, float(m.value())) for m in exercise.mistakes):
            return "known mistake"
        if target == 0 or given == 0 or (given > 0) != (target > 0):
            return "wrong sign" if target and given and (given > 0) != (target > 0) else "off"
        ratio = given / target
        if ratio > 10 or ratio < 0.1:
            return "off by a factor of ten"
        off = abs(ratio - 1)
        return "within 5 %" if off <= 0.05 else "5-25 % off" if off <= 0.25 else "over 25 % off"
    return "wrong"


def grade_rows(submission: Submission) -> list[dict[str, str]]:
    """The rows of grades.csv for one submission."""
    base = {"student_id": submission.student_id, "submission": submission.path.name,
            "notebook": submission.notebook, "status": submission.status}
    if not submission.answers:
        return [{**base, "exercise": "-", "answer": "", "result": "not graded", "band": "",
                 "feedback": ""}]
    rows = []
    results = {"correct": "right", "incorrect": "wrong", "invalid": "invalid", "unanswered": "missing"}
    for eid in submission.exercises:
        value = submission.answers.get(eid, MISSING)
        if value == MISSING:
            value = ...
        elif isinstance(value, dict) and set(value) == {"__repr__"}:
            value = f"<{value['__repr__']}>"  # not a plain value: judged as text, i.e. invalid form
        exercise = get_exercise(eid)
        feedback = exercise.evaluate(value)
        rows.append({**base, "exercise": eid, "answer": "" if value is ... else safe_repr(value),
                     "result": results[feedback.status],
                     "band": feedback_band(exercise, value, feedback.status),
                     "feedback": feedback.message.replace("\n", " ")})
    return rows


def write_csvs(submissions: list[Submission], out: Path) -> tuple[Path, Path]:
    """Write grades.csv and gradebook.csv to ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    rows = [row for s in submissions for row in grade_rows(s)]
    grades = out / "grades.csv"
    with grades.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, GRADES_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    notebooks = sorted({r["notebook"][:2] for r in rows if r["exercise"] != "-" and r["notebook"]})
    columns = [f"relmark {nn} (points)" for nn in notebooks]
    by_student: dict[str, dict[str, object]] = {}
    for row in rows:
        entry = by_student.setdefault(row["student_id"], {c: 0 for c in columns})
        if row["result"] == "right" and row["notebook"]:
            entry[f"relmark {row['notebook'][:2]} (points)"] += 1
    gradebook = out / "gradebook.csv"
    with gradebook.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*GRADEBOOK_COLUMNS, *columns])
        for student, points in sorted(by_student.items()):
            writer.writerow([student, "", student, student, "", *(points[c] for c in columns)])
    return grades, gradebook


def grade_folder(folder: Path, out: Path, timeout: float = 60.0) -> tuple[Path, Path]:
    """Grade every ``*.ipynb`` in ``folder`` and write the two CSV files to ``out``."""
    if not folder.is_dir():
        raise ValueError(f"SUBMISSIONS: {folder} is not a folder of notebooks.")
    if not timeout > 0:
        raise ValueError(f"timeout: must be a positive number of seconds; got {timeout!r}.")
    submissions = []
    for path in sorted(folder.glob("*.ipynb")):
        submission = run_submission(path, timeout)
        print(f"{path.name}: {submission.student_id}: {submission.status}", flush=True)
        submissions.append(submission)
    return write_csvs(submissions, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path, help="folder of submitted notebooks")
    parser.add_argument("--out", type=Path, default=Path("grades"), help="output folder (grades/)")
    parser.add_argument("--timeout", type=float, default=60.0, help="time limit per cell, s")
    args = parser.parse_args(argv)
    grades, gradebook = grade_folder(args.submissions, args.out, args.timeout)
    print(f"wrote {grades} and {gradebook}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
