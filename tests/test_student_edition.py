"""The student edition (tools/student_edition.py): no solution leaks, it runs, it is reproducible.

Checked twice: on a small synthetic notebook that has every kind of solution
and instructor cell (so the tests mean something whatever the real notebooks
hold), and on every real notebook in ``notebooks/``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import NOTEBOOK_DIR, NOTEBOOKS, ROOT

_spec = importlib.util.spec_from_file_location("student_edition", ROOT / "tools" / "student_edition.py")
student_edition = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(student_edition)

REAL_NOTEBOOKS = NOTEBOOKS
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


def execute(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
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
    (written,) = student_edition.write_student_edition([source], out, data=None)
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
    (written,) = student_edition.write_student_edition([synthetic["source"]], again, data=None)
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
    return {p.name: p for p in written}


def test_real_edition_has_every_notebook_and_the_data(real_edition):
    assert sorted(real_edition) == [p.name for p in REAL_NOTEBOOKS]
    some = next(iter(real_edition.values()))
    assert (some.parent.parent / "data" / "glossary.csv").is_file()


def test_real_edition_is_byte_identical(real_edition, tmp_path):
    again = {p.name: p for p in student_edition.write_student_edition(REAL_NOTEBOOKS, tmp_path / "s")}
    for name, path in real_edition.items():
        assert again[name].read_bytes() == path.read_bytes(), name


@pytest.mark.parametrize("name", [p.name for p in REAL_NOTEBOOKS])
def test_real_notebook_leaks_nothing_runs_and_checks_work(real_edition, name):
    instructor = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    path = real_edition[name]
    assert_no_leak(instructor, path)
    run = execute(nbformat.read(path, as_version=4), path.parent)
    assert errors_in(run) == [], name
    expected = check_feedback(instructor)
    feedback = check_feedback(run)
    assert set(feedback) == set(expected), name
    for exercise, text in feedback.items():
        assert FEEDBACK.search(text), f"{name}: check('{exercise}') showed no feedback: {text!r}"
