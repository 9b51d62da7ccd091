"""Maintain the workbook's notebooks: navigation cells and stored outputs.

Usage::

    python tools/notebooks.py execute notebooks/03_customer_lifetime_value.ipynb ...
    python tools/notebooks.py navigation            # only refresh the navigation cells

``execute`` refreshes every notebook's navigation cell, then runs each given
notebook top to bottom in a fresh kernel (working directory ``notebooks/``)
and writes it back in place with its new outputs.  Volatile metadata (cell
timings) is not recorded, so a re-run changes only what really changed.
``make notebooks`` calls it on every notebook.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NAV_TAG = "navigation"
NOTEBOOK_PATTERN = re.compile(r"^(\d\d)[a-z]?_.+\.ipynb$")


def workbook_notebooks() -> list[Path]:
    """The numbered notebooks, in order."""
    return sorted(p for p in NOTEBOOK_DIR.glob("*.ipynb") if NOTEBOOK_PATTERN.match(p.name))


def title_of(path: Path) -> str:
    """The notebook's first level-1 heading, without the leading '#'."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    raise ValueError(f"{path.name} has no '# Title' heading in a markdown cell.")


def navigation_source(path: Path, notebooks: list[Path]) -> str:
    """Markdown for the navigation line: previous | contents | next."""
    index = notebooks.index(path)
    parts = []
    if index > 0:
        before = notebooks[index - 1]
        parts.append(f"[← {title_of(before)}]({before.name})")
    if index > 1:  # notebook 00 is the contents page; don't link it twice
        parts.append("[Contents](00_start_here.ipynb)")
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
        cell["id"] = f"{stem[:2]}-{number:03d}"


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
    sub.add_parser("navigation", help="refresh the navigation cells only")
    args = parser.parse_args(argv)
    notebooks = workbook_notebooks()
    for path in notebooks:
        if refresh_navigation(path, notebooks):
            print(f"navigation updated: {path.name}")
    if args.command == "execute":
        for path in args.paths or notebooks:
            print(f"executing {path.name} ...", flush=True)
            execute(path.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
