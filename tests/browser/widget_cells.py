"""Which code cells a notebook's widgets need: the widget cells, and every cell they depend on.

The browser tests open a notebook with its stored outputs (which nbval has already checked
against a fresh run) and run in JupyterLab only what the widgets need: the first code cell (the
imports and the workbook's settings), each cell that shows a widget, and, found by reading the
code, every earlier cell that defines or changes a name one of those cells uses.
"""

from __future__ import annotations

import ast
import re

import nbformat

# A cell that shows a widget calls one of the package's widget builders at the start of a line.
WIDGET_CALL = re.compile(r"^\s*\w+_(explorer|search|slider|designer)\(", re.M)
_MAGIC = re.compile(r"^\s*[%!].*$", re.M)  # IPython magics and shell lines are not Python


def _tree(source: str, index: int) -> ast.Module:
    try:
        return ast.parse(_MAGIC.sub("", source))
    except SyntaxError as error:
        raise ValueError(f"code cell {index} is not Python: {error}") from None


def _root_name(node: ast.expr) -> str | None:
    """``frame`` for ``frame``, ``frame["x"]`` or ``frame.x.y``; None otherwise."""
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def names_used(tree: ast.Module) -> set[str]:
    """Every name the code reads."""
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def names_set(tree: ast.Module) -> set[str]:
    """Every name the code binds or changes in place (``x = ...``, ``x[k] = ...``, ``x.a += 1``,
    ``import x``, ``def x``, ``for x in ...``)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            found.add(node.id)
        elif isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.ctx, ast.Store):
            root = _root_name(node)
            if root:
                found.add(root)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
    return found


def widget_cells(notebook: nbformat.NotebookNode) -> list[int]:
    """Positions (among the code cells, from 0) of the cells that show a widget."""
    code = [c for c in notebook.cells if c.cell_type == "code"]
    return [i for i, cell in enumerate(code) if WIDGET_CALL.search(cell.source)]


def cells_needed(notebook: nbformat.NotebookNode) -> list[int]:
    """Positions (among the code cells, from 0, in order) of the cells the widgets need.

    The first code cell and every widget cell, and then, until nothing changes, every earlier
    cell that sets a name a chosen cell uses.  Empty when the notebook shows no widget.
    """
    code = [c for c in notebook.cells if c.cell_type == "code"]
    targets = widget_cells(notebook)
    if not targets:
        return []
    trees = [_tree(cell.source, i) for i, cell in enumerate(code)]
    sets = [names_set(t) for t in trees]
    chosen = {0, *targets}
    pending = sorted(chosen)
    while pending:
        i = pending.pop()
        for name in names_used(trees[i]):
            for j in range(i):
                if name in sets[j] and j not in chosen:
                    chosen.add(j)
                    pending.append(j)
    return sorted(chosen)
