"""The student edition (tools/student_edition.py): no solution leaks, it runs, it is reproducible.

Checked twice: on a small synthetic notebook that has every kind of solution
and instructor cell (so the tests mean something whatever the real notebooks
hold), and on every real notebook of both editions (``notebooks/`` and the Chinese ``notebooks/zh/``).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from relmark_helpers import (
    ChoiceExercise,
    GradedForm,
    MatchingExercise,
    NumericExercise,
    answer_form,
    get_exercise,
    graded_exercises,
)

from .conftest import BOTH_EDITIONS, NOTEBOOK_DIR, ROOT, ZH_NOTEBOOKS

_spec = importlib.util.spec_from_file_location("student_edition", ROOT / "tools" / "student_edition.py")
student_edition = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(student_edition)

REAL_NOTEBOOKS = BOTH_EDITIONS  # English, then the Chinese notebooks written so far


def edition_name(path: Path) -> str:
    """A notebook's place in either edition: ``03_x.ipynb``, or ``zh/03_x.ipynb`` for Chinese."""
    return f"zh/{path.name}" if path.parent.name == "zh" else path.name
FEEDBACK = re.compile("[✅❌✏️⚠️]")
NOT_ANSWERED = "no answer yet"
MIN_SECRET = 6  # shorter lines ("x", "```") are too common to be a leak


def strings_in(value) -> list[str]:
    """Every string anywhere in a JSON value (sources, outputs, metadata, widget state)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings_in(k) + strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def output_texts(outputs: list) -> list[str]:
    """What the outputs show: stream text, every data representation, error messages."""
    texts = []
    for output in outputs:
        texts += strings_in(output.get("text", "")) + strings_in(list(output.get("data", {}).values()))
        texts += strings_in(output.get("traceback", []))
    return texts


def secret_lines(notebook: nbformat.NotebookNode) -> set[str]:
    """Lines of solution and instructor text, their outputs included, found nowhere public.

    Public is the rest of the instructor notebook: the sources outside solutions, and the outputs
    of the cells that use no name a solution assigns.
    """
    secret: set[str] = set()
    public: list[str] = []
    secret_names: set[str] = set()
    for cell in notebook.cells:
        tags = student_edition.tags_of(cell)
        _, regions = student_edition.replace_marked_regions(cell.source, cell.cell_type, "test")
        whole = student_edition.SOLUTION_TAG in tags or student_edition.INSTRUCTOR_TAG in tags
        texts = [cell.source] if whole else list(regions)
        if whole or regions:
            texts += output_texts(cell.get("outputs", []))
            if cell.cell_type == "code":
                for text in texts[: len(texts) - len(output_texts(cell.get("outputs", [])))]:
                    secret_names.update(student_edition.assigned_names(textwrap.dedent(text)))
        if not whole:
            kept = cell.source
            for region in regions:
                kept = kept.replace(region, "")
            public.append(kept)
            uses_secret = any(re.search(rf"\b{re.escape(n)}\b", kept) for n in secret_names)
            if not regions and not uses_secret:
                public += output_texts(cell.get("outputs", []))
        secret.update(line.strip() for text in texts for line in text.splitlines())
    public_text = "\n".join(public)
    markers = {student_edition.BEGIN, student_edition.END}
    return {s for s in secret - markers if len(s) >= MIN_SECRET and s not in public_text}


def assert_no_leak(instructor: nbformat.NotebookNode, student_path: Path) -> None:
    everything = "\n".join(strings_in(json.loads(student_path.read_text(encoding="utf-8"))))
    leaked = sorted(line for line in secret_lines(instructor) if line in everything)
    assert not leaked, f"{student_path.name} leaks solution or instructor text: {leaked[:5]}"


@contextmanager
def package_from(folder: Path | None):
    """Kernels started inside import ``relmark_helpers`` from ``folder`` (the student edition's copy)
    and write nothing into it (no ``__pycache__``), so that the leak checks see the edition as built."""
    saved = {name: os.environ.get(name) for name in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    if folder is not None:
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), saved["PYTHONPATH"]]))
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def execute(notebook: nbformat.NotebookNode, folder: Path, package: Path | None = None
            ) -> nbformat.NotebookNode:
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    with package_from(package):
        client.execute()
    return notebook


def errors_in(notebook: nbformat.NotebookNode) -> list[str]:
    return [f"{o.get('ename')}: {o.get('evalue')}" for c in notebook.cells
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


def check_feedback(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """Exercise id -> the text its ``check(...)`` cell showed."""
    found = {}
    for cell in notebook.cells:
        match = re.search(r'check\("([\d.]+)"', cell.source) if cell.cell_type == "code" else None
        if match:
            found[match.group(1)] = "\n".join(output_texts(cell.outputs))
    return found


# ------------------------------------------------------------------ a synthetic notebook

def synthetic_notebook() -> nbformat.NotebookNode:
    new_code, new_md = nbformat.v4.new_code_cell, nbformat.v4.new_markdown_cell
    cells = [
        new_md("# 9 · A synthetic notebook"),
        new_code("from relmark_helpers import check, clv\n"
                 "import ipywidgets as widgets"),
        new_md("Teaching note: spend ten minutes on the gym example before Exercise 3.1 (qz-note).",
               metadata={"tags": ["instructor"]}),
        new_code('print("instructor-only printout qz-out")', metadata={"tags": ["instructor"]}),
        new_md("### Exercise 3.1\nWhat is a gym member worth?"),
        new_code("answer_3_1 = clv(240.0, 0.75, 0.08)  # the worked answer qz-code\n"
                 'print(f"worked answer is {answer_3_1:.4f} qz-print")',
                 metadata={"tags": ["solution"]}),
        new_code('check("3.1", answer_3_1)'),
        new_code('base = 240.0\n### BEGIN SOLUTION\nanswer_3_2 = clv(base, 0.75, 0.08, 3)  # qz-marked\n'
                 '### END SOLUTION\ncheck("3.2", answer_3_2)'),
        new_md("Why do bonds matter?"),
        new_md("Because a structural bond is costly to leave: qz-markdown-solution.",
               metadata={"tags": ["solution"]}),
        new_code('widgets.IntSlider(value=3, description="qz-widget-label")',
                 metadata={"tags": ["solution"]}),
        new_code("shown = 2 + 2\nshown"),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"syn-{number:03d}"
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """The executed synthetic instructor notebook, its student edition, and that edition run."""
    folder = tmp_path_factory.mktemp("synthetic")
    source = folder / "instructor" / "99_synthetic.ipynb"
    source.parent.mkdir()
    instructor = execute(synthetic_notebook(), source.parent)
    nbformat.write(instructor, source)
    out = folder / "student"
    (written,) = student_edition.write_student_edition([source], out, data=None, package=False)
    student = nbformat.read(written, as_version=4)
    run = execute(nbformat.read(written, as_version=4), written.parent)
    return {"source": source, "instructor": instructor, "path": written, "student": student,
            "run": run, "folder": folder}


def test_synthetic_instructor_run_shows_the_secrets(synthetic):
    """The instructor run really has the outputs that must not leak (else the leak test is empty)."""
    text = "\n".join(strings_in(json.loads(synthetic["source"].read_text())))
    for marker in ("qz-print", "qz-out", "qz-widget-label"):
        assert marker in text
    assert "✅" in check_feedback(synthetic["instructor"])["3.1"]
    assert "✅" in check_feedback(synthetic["instructor"])["3.2"]
    assert len(secret_lines(synthetic["instructor"])) >= 6


def test_leak_test_catches_a_leak(synthetic):
    """The leak test fails on the instructor edition itself."""
    with pytest.raises(AssertionError, match="leaks"):
        assert_no_leak(synthetic["instructor"], synthetic["source"])


def test_synthetic_student_edition_leaks_nothing(synthetic):
    assert_no_leak(synthetic["instructor"], synthetic["path"])
    assert "qz-" not in synthetic["path"].read_text()


def test_synthetic_student_edition_cells(synthetic):
    cells = {c.id: c for c in synthetic["student"].cells}
    assert "syn-002" not in cells and "syn-003" not in cells  # instructor cells removed
    assert cells["syn-005"].source == "answer_3_1 = ..."
    assert cells["syn-005"].outputs == [] and cells["syn-005"].execution_count is None
    assert cells["syn-006"].outputs == []  # its check used the solution: output cleared
    assert cells["syn-007"].source == 'base = 240.0\nanswer_3_2 = ...\ncheck("3.2", answer_3_2)'
    assert cells["syn-009"].source == student_edition.MARKDOWN_PLACEHOLDER
    assert cells["syn-010"].source == student_edition.CODE_PLACEHOLDER
    assert "widgets" not in synthetic["student"].metadata  # the only widget was a solution's
    assert "4" in output_texts(cells["syn-011"].outputs)  # an ordinary output is kept


def test_synthetic_student_edition_runs_and_checks_work(synthetic):
    assert errors_in(synthetic["run"]) == []
    feedback = check_feedback(synthetic["run"])
    assert set(feedback) == {"3.1", "3.2"}
    for exercise, text in feedback.items():
        assert NOT_ANSWERED in text and "✏️" in text, (exercise, text)


def test_synthetic_student_edition_is_byte_identical(synthetic):
    again = synthetic["folder"] / "again"
    (written,) = student_edition.write_student_edition([synthetic["source"]], again, data=None,
                                                       package=False)
    assert written.read_bytes() == synthetic["path"].read_bytes()


@pytest.mark.parametrize("source", [
    "### BEGIN SOLUTION\nx = 1",
    "x = 1\n### END SOLUTION",
    "### BEGIN SOLUTION\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n### END SOLUTION",
])
def test_unbalanced_markers_are_refused(source):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    with pytest.raises(ValueError, match="SOLUTION"):
        student_edition.student_notebook(notebook, "bad.ipynb")


# ------------------------------------------------------------------ the real notebooks

@pytest.fixture(scope="module")
def real_edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("real") / "student"
    written = student_edition.write_student_edition(REAL_NOTEBOOKS, out)
    return {edition_name(p): p for p in written}


def test_real_edition_has_every_notebook_of_both_editions_and_the_data(real_edition):
    assert sorted(real_edition) == sorted(edition_name(p) for p in REAL_NOTEBOOKS)
    out = next(iter(real_edition.values())).parent
    assert (out.parent / "data" / "glossary.csv").is_file()
    for path in ZH_NOTEBOOKS:  # the Chinese edition beside the English one, as in notebooks/
        assert real_edition[edition_name(path)] == out / "zh" / path.name


def test_real_edition_is_byte_identical(real_edition, tmp_path):
    again = {edition_name(p): p
             for p in student_edition.write_student_edition(REAL_NOTEBOOKS, tmp_path / "s")}
    for name, path in real_edition.items():
        assert again[name].read_bytes() == path.read_bytes(), name


@pytest.mark.parametrize("name", [edition_name(p) for p in REAL_NOTEBOOKS])
def test_real_notebook_leaks_nothing_runs_and_checks_work(real_edition, name):
    instructor = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    path = real_edition[name]
    assert_no_leak(instructor, path)
    student = nbformat.read(path, as_version=4)
    if student.cells == instructor.cells and not student.metadata["relmark"]["graded"]:
        # The same cells run by the same code: nbval executes the instructor notebook in this very
        # `make test` and compares every output, so a second run here would test nothing new.
        return
    if name.startswith("zh/") and not student.metadata["relmark"]["graded"]:
        # The Chinese edition has the English one's code cells (tests/test_editions.py), whose
        # student edition runs above; only a graded notebook's recording is run again in Chinese.
        return
    out = path.parent.parent.parent if name.startswith("zh/") else path.parent.parent
    run = execute(nbformat.read(path, as_version=4), path.parent, package=out)
    assert errors_in(run) == [], name
    expected = check_feedback(instructor)
    feedback = check_feedback(run)
    assert set(feedback) == set(expected), name
    for exercise, text in feedback.items():
        assert FEEDBACK.search(text), f"{name}: check('{exercise}') showed no feedback: {text!r}"


# ------------------------------------------------------------------ graded exercises

TOY_ANSWERS = textwrap.dedent('''
    """Toy answers module."""
    from __future__ import annotations
    from relmark_helpers.core.exercises import ChoiceExercise, NumericExercise
    from relmark_helpers.lifetime_value.formulas import clv

    GRADED = ("9.2", "9.3")
    MARGIN = 240.0  # in the question


    def _secret_rate() -> float:
        return 0.75  # qz-secret-helper


    def _choice(eid, options, correct, explanations):
        return ChoiceExercise(exercise_id=eid, options=options, correct=frozenset({correct}),
                              explanations=explanations)


    EXERCISES = (
        NumericExercise(exercise_id="9.1", answer=lambda: clv(MARGIN, 0.5, 0.1), hint="qz-practice"),
        NumericExercise(exercise_id="9.2", answer=lambda: clv(MARGIN, _secret_rate(), 0.08),
                        hint="qz-graded-hint", unit="money"),
        _choice("9.3", {"a": "A", "b": "B"}, "b", {"a": "qz-why-a", "b": "qz-why-b"}),
    )
''')


def toy_forms() -> dict[str, GradedForm]:
    namespace: dict = {}
    exec(compile(TOY_ANSWERS, "toy", "exec"), namespace)  # noqa: S102 - the test's own module text
    exercises = {e.exercise_id: e for e in namespace["EXERCISES"]}
    return {eid: answer_form(exercises[eid]) for eid in namespace["GRADED"]}


def test_strip_graded_keeps_practice_and_leaves_only_the_form_of_graded_exercises():
    stripped = student_edition.strip_graded(TOY_ANSWERS, toy_forms(), "toy")
    for secret in ("qz-graded-hint", "qz-why-a", "qz-why-b", "qz-secret-helper", "_secret_rate",
                   "0.08", "frozenset"):
        assert secret not in stripped, secret
    assert "qz-practice" in stripped and "MARGIN = 240.0" in stripped
    namespace: dict = {}
    exec(compile(stripped, "stripped", "exec"), namespace)  # noqa: S102
    kinds = {e.exercise_id: type(e).__name__ for e in namespace["EXERCISES"]}
    assert kinds == {"9.1": "NumericExercise", "9.2": "GradedForm", "9.3": "GradedForm"}
    forms = {e.exercise_id: e for e in namespace["EXERCISES"] if isinstance(e, GradedForm)}
    assert forms["9.2"] == GradedForm("9.2", "number", unit="money")
    assert forms["9.3"] == GradedForm("9.3", "choice", options=("a", "b"))


def test_strip_graded_refuses_a_graded_exercise_it_cannot_find():
    forms = {**toy_forms(), "9.9": GradedForm("9.9", "number")}
    with pytest.raises(ValueError, match="9.9"):
        student_edition.strip_graded(TOY_ANSWERS, forms, "toy")


@pytest.mark.parametrize(("form", "answer", "status"), [
    (GradedForm("9.2", "number", unit="money"), 1234.5, "recorded"),
    (GradedForm("9.2", "number", unit="money"), "1234,5", "invalid"),
    (GradedForm("9.2", "number"), ..., "unanswered"),
    (GradedForm("9.3", "choice", options=("a", "b", "c", "d")), " B ", "recorded"),
    (GradedForm("9.3", "choice", options=("a", "b", "c", "d")), "e", "invalid"),
    (GradedForm("9.3", "choice", options=("a", "b", "c", "d")), "a b", "invalid"),
    (GradedForm("9.3", "choice", options=("a", "b", "c", "d")), 3, "invalid"),
    (GradedForm("9.4", "matching", categories=("x", "y"), items=("p", "q")), {"p": "x", "q": "Y"},
     "recorded"),
    (GradedForm("9.4", "matching", categories=("x", "y"), items=("p", "q")), {"p": "x"}, "invalid"),
])
def test_a_graded_form_confirms_the_form_and_never_judges(form, answer, status):
    feedback = form.evaluate(answer)
    assert feedback.status == status
    if status == "recorded":
        assert "recorded for your instructor" in feedback.message and "📝" in str(feedback)
        assert "correct" not in feedback.message.replace("no right or wrong", "")


def graded_secrets() -> dict[str, list[str]]:
    """For each graded exercise, the texts that would give its answer away.

    A choice's explanation of its right option(s) (it says that option is right; a wrong
    option's explanation may repeat a practice exercise's feedback word for word), a numeric
    answer printed to 2, 1 and 0 decimals with its hint and known mistakes' feedback, a
    matching's explanations.
    """
    secrets = {}
    for eid in graded_exercises():
        exercise = get_exercise(eid)
        if isinstance(exercise, ChoiceExercise):
            texts = [exercise.explanations[key] for key in exercise.correct]
        elif isinstance(exercise, NumericExercise):
            value = float(exercise.answer())
            texts = [f"{value:.2f}", f"{value:.1f}", f"{value:,.2f}", repr(value), exercise.hint,
                     *(m.feedback for m in exercise.mistakes)]
            texts += [f"{value:.0f}"] if abs(value) >= 1000 else []
        elif isinstance(exercise, MatchingExercise):
            texts = list(exercise.explanations.values())
        else:
            raise AssertionError(f"{eid}: the instructor edition must hold the full exercise")
        secrets[eid] = [t for t in texts if len(t) >= MIN_SECRET]
    return secrets


def graded_answer_leaks(folder: Path) -> list[str]:
    """Every (file, exercise) of ``folder`` in which a graded exercise's answer text appears."""
    secrets = graded_secrets()
    leaks = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".pyc":
            leaks.append(f"{path.name}: compiled code")
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".ipynb":
            text += "\n".join(strings_in(json.loads(text)))  # outputs and sources unescaped
        if path.suffix == ".py":  # a string written over several lines, joined as Python reads it
            text += "\n".join(node.value for node in ast.walk(ast.parse(text))
                              if isinstance(node, ast.Constant) and isinstance(node.value, str))
        leaks += [f"{path.relative_to(folder)}: {eid}" for eid, texts in secrets.items()
                  if any(t in text for t in texts)]
    return leaks


def test_some_exercise_is_graded_and_its_secrets_are_found_in_the_instructor_edition():
    """The leak test means something: it finds the graded answers in the instructor's package."""
    assert graded_exercises()
    assert all(graded_secrets().values())
    leaks = graded_answer_leaks(ROOT / "relmark_helpers" / "answers")
    # (Python's own caches of the answer modules, __pycache__/*.pyc, count as "compiled code":
    # a leak in a student edition, expected in the instructor's checkout once it has run.)
    found = {leak.split(": ")[1] for leak in leaks} - {"compiled code"}
    assert found == set(graded_exercises())


def test_real_edition_holds_no_answer_of_a_graded_exercise(real_edition):
    """Every file of the student edition (package, notebooks with outputs, data, set-up files)."""
    out = real_edition[edition_name(REAL_NOTEBOOKS[0])].parent.parent
    assert (out / "relmark_helpers" / "answers" / "__init__.py").is_file()
    assert (out / "pyproject.toml").is_file() and (out / "environment.yml").is_file()
    assert graded_answer_leaks(out) == []


def test_real_edition_package_holds_forms_and_its_checks_record(real_edition):
    out = real_edition[edition_name(REAL_NOTEBOOKS[0])].parent.parent
    graded = graded_exercises()
    probe = ("import relmark_helpers, json; from relmark_helpers import check, get_exercise;"
             f"ids = {graded!r};"
             "print(json.dumps([relmark_helpers.__file__,"
             " [type(get_exercise(i)).__name__ for i in ids],"
             " check(ids[0], 'a').status, check(ids[0], 42).status]))")
    env = {**os.environ, "PYTHONPATH": str(out)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=out, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    where, kinds, recorded, invalid = json.loads(result.stdout)
    assert Path(where).is_relative_to(out)
    assert set(kinds) == {"GradedForm"}
    assert (recorded, invalid) == ("recorded", "invalid")


def test_every_student_notebook_names_its_edition_and_graded_exercises(real_edition):
    graded = set(graded_exercises())
    for name, path in real_edition.items():
        meta = nbformat.read(path, as_version=4).metadata["relmark"]
        checks = set(student_edition.checked_exercises(nbformat.read(NOTEBOOK_DIR / name, as_version=4)))
        assert meta["edition"] == "student" and meta["notebook"] == Path(name).stem, name
        assert set(meta["graded"]) == checks & graded, name
