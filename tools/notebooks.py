"""Maintain the workbook's notebooks: navigation cells and stored outputs.

Usage::

    python tools/notebooks.py execute notebooks/NN_name.ipynb ...
    python tools/notebooks.py navigation            # only refresh the generated cells

The list of notebooks is ``notebooks/registry.csv`` (see ``tools/registry.py``).
``execute`` refreshes the generated parts (every notebook's navigation cell,
notebook 00's contents table, README's table), then runs each given
notebook top to bottom in a fresh kernel (working directory ``notebooks/``)
and writes it back in place with its new outputs.  Volatile metadata (cell
timings) is not recorded, so a re-run changes only what really changed.
``make notebooks`` calls it on every notebook.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from registry import ROOT, contents_table, load_registry, readme_table  # noqa: E402

NOTEBOOK_DIR = ROOT / "notebooks"
NAV_TAG = "navigation"
CONTENTS_TAG = "contents"
CONTENTS_HEADING = "## The notebooks"
README = ROOT / "README.md"
README_BEGIN = "<!-- notebooks: generated from notebooks/registry.csv by tools/notebooks.py -->"
README_END = "<!-- end of notebooks -->"


def workbook_notebooks() -> list[Path]:
    """The registered notebooks, in order."""
    return [entry.path for entry in load_registry()]


def title_of(path: Path) -> str:
    """The notebook's heading as the registry gives it, e.g. ``3 · Customer lifetime value``."""
    for entry in load_registry():
        if entry.path.name == path.name:
            return entry.heading
    raise ValueError(f"{path.name} is not in notebooks/registry.csv.")


def contents_source() -> str:
    """Markdown of notebook 00's contents cell."""
    return f"{CONTENTS_HEADING}\n\n{contents_table()}"


def refresh_contents(path: Path) -> bool:
    """Rewrite the start page's cell tagged ``contents``; return True if it changed."""
    notebook = nbformat.read(path, as_version=4)
    cells = [c for c in notebook.cells if CONTENTS_TAG in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise ValueError(f"{path.name} has no markdown cell tagged {CONTENTS_TAG!r}.")
    if cells[0].source == contents_source():
        return False
    cells[0].source = contents_source()
    nbformat.write(notebook, path)
    return True


def readme_with_table(text: str) -> str:
    """README text with the notebooks table between its markers replaced."""
    if README_BEGIN not in text or README_END not in text:
        raise ValueError(f"README.md must hold the markers {README_BEGIN} and {README_END}.")
    head, rest = text.split(README_BEGIN, 1)
    _, tail = rest.split(README_END, 1)
    return f"{head}{README_BEGIN}\n{readme_table()}\n{README_END}{tail}"


def refresh_readme() -> bool:
    text = README.read_text(encoding="utf-8")
    new = readme_with_table(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        return True
    return False


def navigation_source(path: Path, notebooks: list[Path]) -> str:
    """Markdown for the navigation line: previous | contents | next."""
    index = notebooks.index(path)
    parts = []
    if index > 0:
        before = notebooks[index - 1]
        parts.append(f"[← {title_of(before)}]({before.name})")
    if index > 1:  # notebook 00 is the contents page; don't link it twice
        parts.append(f"[Contents]({notebooks[0].name})")
    if index + 1 < len(notebooks):
        after = notebooks[index + 1]
        parts.append(f"[{title_of(after)} →]({after.name})")
    return " | ".join(parts)


def refresh_navigation(path: Path, notebooks: list[Path]) -> bool:
    """Write or update the navigation cell (second cell); return True if it changed."""
    notebook = nbformat.read(path, as_version=4)
    source = navigation_source(path, notebooks)
    cells = notebook.cells
    existing = [c for c in cells if NAV_TAG in c.get("metadata", {}).get("tags", [])]
    if existing:
        if existing[0].source == source:
            return False
        existing[0].source = source
    else:
        cell = nbformat.v4.new_markdown_cell(source, metadata={"tags": [NAV_TAG]})
        cells.insert(1, cell)
    nbformat.write(notebook, path)
    return True


def _clean_ids(notebook: nbformat.NotebookNode, stem: str) -> None:
    """Give cells stable, readable ids (nbformat otherwise makes random ones)."""
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"{stem.split('_', 1)[0]}-{number:03d}"


def execute(path: Path, timeout: int = 600) -> None:
    """Run a notebook top to bottom in a fresh kernel and store its outputs in place."""
    notebook = nbformat.read(path, as_version=4)
    _clean_ids(notebook, path.stem)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    client.execute()
    if not _has_widgets(notebook):
        notebook.metadata.pop("widgets", None)
    nbformat.validate(notebook)
    nbformat.write(notebook, path)


def _has_widgets(notebook: nbformat.NotebookNode) -> bool:
    return any(
        "application/vnd.jupyter.widget-view+json" in output.get("data", {})
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("execute", help="refresh navigation, then execute notebooks in place")
    run.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all)")
    sub.add_parser("navigation", help="refresh the generated cells and README table only")
    args = parser.parse_args(argv)
    notebooks = workbook_notebooks()
    for path in notebooks:
        if refresh_navigation(path, notebooks):
            print(f"navigation updated: {path.name}")
    if refresh_contents(notebooks[0]):
        print(f"contents updated: {notebooks[0].name}")
    if refresh_readme():
        print("README table updated")
    if args.command == "execute":
        for path in args.paths or notebooks:
            print(f"executing {path.name} ...", flush=True)
            execute(path.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
