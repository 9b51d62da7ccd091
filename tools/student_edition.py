"""Write the student edition of the workbook: solutions replaced, instructor notes removed.

Usage::

    python tools/student_edition.py                 # every notebook of both editions -> student/
    python tools/student_edition.py --out DIR a.ipynb b.ipynb

The notebooks in ``notebooks/`` (English) and ``notebooks/zh/`` (Chinese) are the
instructor edition.  In the student edition (``student/notebooks/`` and
``student/notebooks/zh/``, with a copy of ``data/`` beside them so that paths
such as ``../data/...`` still work from ``student/notebooks/``):

* a cell tagged ``instructor`` is removed;
* a cell tagged ``solution`` has its source replaced by a placeholder.  In a
  code cell, every name the solution assigns at top level becomes
  ``name = ...`` (so that a following ``check("N.k", name)`` says "no answer
  yet"); otherwise the placeholder is the comment ``# Your answer here``.  A
  markdown solution becomes ``_Write your answer here._``;
* in any cell, the lines between ``### BEGIN SOLUTION`` and
  ``### END SOLUTION`` (nbgrader's markers) are replaced the same way, and the
  rest of the cell is kept;
* the outputs of every changed cell, and of every later code cell that uses a
  name a solution assigned, are cleared; stored widget states that no kept
  output displays are dropped.  A notebook with no such cells is copied unchanged.

Graded exercises (each answers module's ``GRADED``) keep no answer in the
student edition.  Beside the notebooks it writes the package the students
install (``relmark_helpers/``, with ``pyproject.toml``, ``constraints.txt``,
``environment.yml`` and ``postBuild``, so the folder is a repository that pip,
Binder and a hub install as it is), in which every graded exercise's
definition is replaced by its :class:`~relmark_helpers.core.exercises.GradedForm`
(the form of the answer, nothing else) and the private helpers only it used
are dropped; no compiled files are copied.  Every notebook carries
``metadata.relmark`` (``edition: student`` and its graded exercises), which
``tools/grade.py`` uses to refuse a submission from another edition.

Nothing is executed, so the result is byte-identical on every run.
``make student`` calls it.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import re
import shutil
import sys
import textwrap
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from registry import all_notebook_paths, edition_of  # noqa: E402

from relmark_helpers.answers import exercises_of, graded_exercises  # noqa: E402
from relmark_helpers.core.exercises import answer_form  # noqa: E402

PACKAGE = ROOT / "relmark_helpers"
REPOSITORY_FILES = ("pyproject.toml", "constraints.txt", "environment.yml", "postBuild", "LICENSE")
EXERCISE_ID = re.compile(r"^\d+\.\d+$")

SOLUTION_TAG = "solution"
INSTRUCTOR_TAG = "instructor"
BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
CODE_PLACEHOLDER = "# Your answer here"
MARKDOWN_PLACEHOLDER = "_Write your answer here._"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def tags_of(cell: nbformat.NotebookNode) -> list[str]:
    """The cell's tags (an empty list when it has none)."""
    return list(cell.get("metadata", {}).get("tags", []))


def assigned_names(code: str) -> list[str]:
    """Names assigned at the top level of ``code``, in order of first assignment.

    Parameters
    ----------
    code : str
        Python source; source that does not parse (e.g. an IPython magic) assigns nothing.

    Returns
    -------
    list of str
        Each name once.

    Examples
    --------
    >>> assigned_names("x = 1\\ny: int = 2\\nx += 1\\nprint(x)")
    ['x', 'y']
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name) and sub.id not in names:
                    names.append(sub.id)
    return names


def code_placeholder(solution: str, indent: str = "") -> str:
    """What replaces a code solution: ``name = ...`` per assigned name, or a comment.

    Parameters
    ----------
    solution : str
        The solution's source (dedented or not).
    indent : str, optional
        Put before every placeholder line (the indentation of the BEGIN marker).

    Returns
    -------
    str
        One or more lines, without a trailing newline.

    Examples
    --------
    >>> code_placeholder("answer_10_1 = 1200 * 0.8")
    'answer_10_1 = ...'
    >>> code_placeholder("print(42)")
    '# Your answer here'
    """
    names = assigned_names(textwrap.dedent(solution))
    lines = [f"{name} = ..." for name in names] or [CODE_PLACEHOLDER]
    return "\n".join(indent + line for line in lines)


def replace_marked_regions(source: str, cell_type: str, where: str) -> tuple[str, list[str]]:
    """Replace every BEGIN/END SOLUTION region of a cell by its placeholder.

    Parameters
    ----------
    source : str
        The cell's source.
    cell_type : str
        ``"code"`` or ``"markdown"``.
    where : str
        Names the cell in error messages.

    Returns
    -------
    tuple of (str, list of str)
        The new source and the removed solution text of each region.

    Raises
    ------
    ValueError
        If the markers are unbalanced or nested.
    """
    out: list[str] = []
    removed: list[str] = []
    region: list[str] | None = None
    indent = ""
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped.startswith(BEGIN):
            if region is not None:
                raise ValueError(f"{where}: '{BEGIN}' inside another solution region")
            region, indent = [], line[: len(line) - len(line.lstrip())]
        elif stripped.startswith(END):
            if region is None:
                raise ValueError(f"{where}: '{END}' without '{BEGIN}'")
            text = "\n".join(region)
            removed.append(text)
            out.append(code_placeholder(text, indent) if cell_type == "code"
                       else indent + MARKDOWN_PLACEHOLDER)
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise ValueError(f"{where}: '{BEGIN}' without '{END}'")
    return "\n".join(out), removed


def _clear_outputs(cell: nbformat.NotebookNode) -> None:
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None


def _uses_any(source: str, names: set[str]) -> bool:
    return any(re.search(rf"\b{re.escape(name)}\b", source) for name in names)


def _prune_widget_state(notebook: nbformat.NotebookNode) -> None:
    """Keep only the widget models that a kept output displays (and the models they use)."""
    widgets = notebook.metadata.get("widgets", {}).get(WIDGET_STATE)
    if not widgets:
        return
    state = widgets.get("state", {})
    wanted = [output["data"][WIDGET_VIEW]["model_id"]
              for cell in notebook.cells for output in cell.get("outputs", [])
              if WIDGET_VIEW in output.get("data", {})]
    keep: set[str] = set()
    while wanted:
        model_id = wanted.pop()
        if model_id in keep or model_id not in state:
            continue
        keep.add(model_id)
        wanted.extend(re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(state[model_id])))
    if keep:
        widgets["state"] = {k: v for k, v in state.items() if k in keep}
    else:
        del notebook.metadata["widgets"]


def student_notebook(notebook: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    """The student edition of one instructor notebook (the argument is not changed).

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        An instructor notebook (nbformat 4).
    name : str, optional
        Names the notebook in error messages.

    Returns
    -------
    nbformat.NotebookNode
        A new notebook: instructor cells removed, solutions replaced, their outputs cleared.
    """
    result = copy.deepcopy(notebook)
    cells = []
    secret_names: set[str] = set()
    changed = False
    for number, cell in enumerate(result.cells):
        where = f"{name}, cell {number} ({cell.get('id', '?')})"
        tags = tags_of(cell)
        if INSTRUCTOR_TAG in tags:
            changed = True
            continue
        if cell.cell_type in ("code", "markdown"):
            source, removed = replace_marked_regions(cell.source, cell.cell_type, where)
            if SOLUTION_TAG in tags and not removed:
                removed = [cell.source]
                source = (code_placeholder(cell.source) if cell.cell_type == "code"
                          else MARKDOWN_PLACEHOLDER)
            if removed:
                changed = True
                cell.source = source
                _clear_outputs(cell)
                if cell.cell_type == "code":
                    for text in removed:
                        secret_names.update(assigned_names(textwrap.dedent(text)))
                cells.append(cell)
                continue
        if cell.cell_type == "code" and secret_names and _uses_any(cell.source, secret_names):
            _clear_outputs(cell)
        cells.append(cell)
    result.cells = cells
    if changed:
        _prune_widget_state(result)
    graded = set(graded_exercises())
    result.metadata["relmark"] = {"edition": "student", "notebook": Path(name).stem,
                                  "graded": sorted((set(checked_exercises(result)) & graded),
                                                   key=_exercise_key)}
    nbformat.validate(result)
    return result


def _exercise_key(exercise_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in exercise_id.split("."))


def checked_exercises(notebook: nbformat.NotebookNode) -> list[str]:
    """The exercise numbers a notebook's code cells pass to ``check("N.k", ...)``, in order."""
    found = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            found += re.findall(r"""check\(\s*["'](\d+\.\d+)["']""", cell.source)
    return found


def _exercise_id_of(call: ast.Call) -> str | None:
    """The exercise number a call builds an exercise for (keyword or first argument), or None."""
    for keyword in call.keywords:
        if keyword.arg == "exercise_id" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value if EXERCISE_ID.match(call.args[0].value) else None
    return None


def strip_graded(source: str, forms: dict[str, object], name: str = "module") -> str:
    """An answers module's source with each graded exercise replaced by its form.

    Parameters
    ----------
    source : str
        The instructor's ``answers/nbNN.py``.
    forms : dict of str to GradedForm
        Exercise number to the form that replaces its definition.
    name : str, optional
        Names the module in error messages.

    Returns
    -------
    str
        The module's source (comments dropped), in which the graded exercises'
        definitions, and every private top-level name that only they used, are gone.

    Raises
    ------
    ValueError
        If a graded exercise's definition is not found exactly once.
    """
    tree = ast.parse(source)
    replaced: list[str] = []

    class Replace(ast.NodeTransformer):
        def visit_Call(self, node: ast.Call) -> ast.AST:
            eid = _exercise_id_of(node)
            if eid in forms:
                replaced.append(eid)
                return ast.parse(repr(forms[eid]), mode="eval").body
            return self.generic_visit(node)

    tree = Replace().visit(tree)
    if sorted(replaced) != sorted(forms):
        raise ValueError(f"{name}: graded exercises {sorted(forms)} must each be defined once by a "
                         f"call with its number; found {sorted(replaced)}.")
    _drop_unused_private_names(tree)
    index = 1 if tree.body and isinstance(tree.body[0], ast.Expr) else 0
    while index < len(tree.body) and isinstance(tree.body[index], ast.ImportFrom) \
            and tree.body[index].module == "__future__":
        index += 1
    tree.body.insert(index, ast.parse("from relmark_helpers.core.exercises import GradedForm").body[0])
    ast.fix_missing_locations(tree)
    return ("# Student edition: graded exercises hold only the form of their answers.\n"
            + ast.unparse(tree) + "\n")


def _defined_names(statement: ast.stmt) -> list[str]:
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [statement.name]
    if isinstance(statement, ast.Assign):
        return [t.id for t in statement.targets if isinstance(t, ast.Name)]
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return [statement.target.id]
    return []


def _drop_unused_private_names(tree: ast.Module) -> None:
    """Remove top-level private definitions (``_name``) that nothing in the module uses any more."""
    while True:
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        unused = [s for s in tree.body if (names := _defined_names(s))
                  and all(n.startswith("_") and n not in used for n in names)]
        if not unused:
            return
        tree.body = [s for s in tree.body if s not in unused]


def write_student_package(out: Path, package: Path = PACKAGE) -> list[Path]:
    """Copy the package and the set-up files to ``out``, graded answers replaced by their forms.

    Parameters
    ----------
    out : Path
        The student edition's folder; its ``relmark_helpers/`` is replaced.
    package : Path, optional
        The instructor's package folder.

    Returns
    -------
    list of Path
        The answers modules rewritten.
    """
    target = out / package.name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(package, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    for name in REPOSITORY_FILES:
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, out / name)
    (out / "README.md").write_text(
        "# relmark — student edition\n\nThe workbook's notebooks (`notebooks/`), their data (`data/`) "
        "and the helper package.\nInstall and open it: `python3 -m venv .venv && .venv/bin/pip install "
        "-c constraints.txt -e . && .venv/bin/jupyter lab notebooks/`.\nGraded exercises show no right "
        "or wrong: their answers are recorded for the instructor.\n", encoding="utf-8")
    rewritten = []
    graded = set(graded_exercises())
    for module in sorted((target / "answers").glob("nb*.py")):
        exercises = exercises_of(module.stem)
        forms = {eid: answer_form(exercises[eid]) for eid in sorted(graded & set(exercises))}
        if forms:
            module.write_text(strip_graded(module.read_text(encoding="utf-8"), forms, module.name),
                              encoding="utf-8")
            rewritten.append(module)
    restrict_catalogues(target)
    return rewritten


def restrict_catalogues(package_dir: Path) -> None:
    """Keep in the edition's message catalogues only the messages its own code still has.

    The instructor's ``locale/*.po`` and ``relmark.pot`` hold every message, graded
    exercises' explanations included; the student edition's code no longer has
    those, so their entries (and obsolete ones) are dropped from its catalogues.
    """
    import io

    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po, write_po

    keep = set()
    for path in sorted(package_dir.rglob("*.py")):
        for _line, message, _comments, _context in extract_from_file(
                "python", str(path), keywords={"_": None, "N_": None}, comment_tags=(),
                strip_comment_tags=True):
            if isinstance(message, str) and message:
                keep.add(message)
    for catalogue_path in sorted((package_dir / "locale").glob("*.po*")):
        with catalogue_path.open("rb") as handle:
            catalog = read_po(handle)
        for message in list(catalog):
            if message.id and message.id not in keep:
                catalog.delete(message.id)
        catalog.obsolete.clear()
        out = io.BytesIO()
        write_po(out, catalog, width=100, include_lineno=False, sort_by_file=False)
        catalogue_path.write_bytes(out.getvalue())


def write_student_edition(paths: list[Path], out: Path, data: Path | None = ROOT / "data",
                          package: bool = True) -> list[Path]:
    """Write the student edition of ``paths`` to ``out/notebooks/`` (and copy ``data`` to ``out/data``).

    Parameters
    ----------
    paths : list of Path
        Instructor notebooks; a Chinese one (``notebooks/zh/``) goes to ``out/notebooks/zh/``.
    out : Path
        The student edition's folder; its ``notebooks/`` and ``data/`` are replaced.
    data : Path or None, optional
        The data folder to copy beside the notebooks; None copies nothing.
    package : bool, optional
        Also write the student's package and set-up files (:func:`write_student_package`).

    Returns
    -------
    list of Path
        The notebooks written.
    """
    target = out / "notebooks"
    for folder in (target, out / "data"):
        if folder.exists():
            shutil.rmtree(folder)
    target.mkdir(parents=True)
    written = []
    for path in sorted(paths, key=lambda p: (edition_of(p), p.name)):
        notebook = nbformat.read(path, as_version=4)
        student = student_notebook(notebook, path.name)
        destination = (target / "zh" if edition_of(path) == "zh" else target) / path.name
        destination.parent.mkdir(exist_ok=True)
        nbformat.write(student, destination)
        written.append(destination)
    if data is not None and data.is_dir():
        shutil.copytree(data, out / "data", ignore=shutil.ignore_patterns("__pycache__", ".*"))
    if package:
        write_student_package(out)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path,
                        help="instructor notebooks (default: every notebook of both editions)")
    parser.add_argument("--out", type=Path, default=ROOT / "student", help="output folder (student/)")
    args = parser.parse_args(argv)
    paths = args.paths or all_notebook_paths()
    for written in write_student_edition(paths, args.out):
        print(f"student edition: {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
