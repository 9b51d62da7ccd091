"""Maintain the workbook's notebooks, both editions: navigation cells and stored outputs.

Usage::

    python tools/notebooks.py execute notebooks/NN_name.ipynb notebooks/zh/NN_name.ipynb ...
    python tools/notebooks.py execute               # every notebook of both editions
    python tools/notebooks.py navigation            # only refresh the generated cells

The list of notebooks is ``notebooks/registry.csv`` (see ``tools/registry.py``).
The English edition is ``notebooks/``, the Chinese one ``notebooks/zh/`` (same
file names, headings from ``title_zh``); a Chinese notebook not written yet is
skipped.  ``execute`` refreshes the generated parts (every notebook's
navigation cell, each edition's notebook 00 contents table, README's two
tables), then runs each given notebook top to bottom in a fresh kernel
(working directory: the notebook's folder, as in JupyterLab) and writes it back
in place with its new outputs.  Volatile metadata (cell timings) is not
recorded, so a re-run changes only what really changed.  ``make notebooks``
calls it on every notebook of both editions.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from registry import (  # noqa: E402
    EDITIONS,
    ROOT,
    contents_table,
    edition_of,
    edition_paths,
    load_registry,
    readme_table,
    readme_table_zh,
)

NOTEBOOK_DIR = ROOT / "notebooks"
NAV_TAG = "navigation"
CONTENTS_TAG = "contents"
CONTENTS_HEADING = "## The notebooks"
CONTENTS_HEADINGS = {"en": CONTENTS_HEADING, "zh": "## 各讲内容"}
CONTENTS_LINK = {"en": "Contents", "zh": "目录"}
README = ROOT / "README.md"
README_BEGIN = "<!-- notebooks: generated from notebooks/registry.csv by tools/notebooks.py -->"
README_END = "<!-- end of notebooks -->"
README_ZH_BEGIN = ("<!-- notebooks zh: generated from notebooks/registry.csv (title_zh, summary_zh) "
                   "by tools/notebooks.py -->")
README_ZH_END = "<!-- end of notebooks zh -->"


def workbook_notebooks(edition: str = "en") -> list[Path]:
    """The registered notebooks of ``edition``, in order, whether they exist yet or not."""
    return edition_paths(edition, existing=False)


def title_of(path: Path) -> str:
    """The notebook's heading as the registry gives it, in the path's edition.

    ``3 · Customer lifetime value`` for ``notebooks/03_...``, ``3 · 顾客终身价值`` for
    ``notebooks/zh/03_...``.
    """
    for entry in load_registry():
        if entry.path.name == path.name:
            return entry.heading_in(edition_of(path))
    raise ValueError(f"{path.name} is not in notebooks/registry.csv.")


def contents_source(edition: str = "en") -> str:
    """Markdown of ``edition``'s notebook 00 contents cell."""
    return f"{CONTENTS_HEADINGS[edition]}\n\n{contents_table(edition=edition)}"


def refresh_contents(path: Path) -> bool:
    """Rewrite the start page's cell tagged ``contents`` (in the path's edition); True if it changed."""
    notebook = nbformat.read(path, as_version=4)
    cells = [c for c in notebook.cells if CONTENTS_TAG in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise ValueError(f"{path.name} has no markdown cell tagged {CONTENTS_TAG!r}.")
    source = contents_source(edition_of(path))
    if cells[0].source == source:
        return False
    cells[0].source = source
    nbformat.write(notebook, path)
    return True


def _replace_between(text: str, begin: str, end: str, table: str) -> str:
    if begin not in text or end not in text:
        raise ValueError(f"README.md must hold the markers {begin} and {end}.")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{table}\n{end}{tail}"


def readme_with_table(text: str) -> str:
    """README text with the two notebooks tables (English, Chinese) between their markers replaced."""
    text = _replace_between(text, README_BEGIN, README_END, readme_table())
    return _replace_between(text, README_ZH_BEGIN, README_ZH_END, readme_table_zh())


def refresh_readme() -> bool:
    text = README.read_text(encoding="utf-8")
    new = readme_with_table(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        return True
    return False


def navigation_source(path: Path, notebooks: list[Path]) -> str:
    """Markdown for the navigation line: previous | contents | next.

    ``notebooks`` are the path's edition, every registered notebook whether written
    yet or not, so both editions link the same file names; the words and titles are
    in the path's edition (``[← 2 · 忠诚背后的数字](02_...) | [目录](00_...) | ...``).
    """
    index = notebooks.index(path)
    parts = []
    if index > 0:
        before = notebooks[index - 1]
        parts.append(f"[← {title_of(before)}]({before.name})")
    if index > 1:  # notebook 00 is the contents page; don't link it twice
        parts.append(f"[{CONTENTS_LINK[edition_of(path)]}]({notebooks[0].name})")
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
    refresh_generated()
    if args.command == "execute":
        for path in args.paths or all_editions():
            print(f"executing {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ...",
                  flush=True)
            execute(path.resolve())
    return 0


def all_editions() -> list[Path]:
    """Every notebook that exists, English first, then the Chinese ones written so far."""
    return [path for edition in EDITIONS for path in edition_paths(edition)]


def refresh_generated() -> None:
    """Rewrite every generated cell of both editions, and README's tables.

    A Chinese notebook not written yet is skipped (its neighbours still link it).
    """
    for edition in EDITIONS:
        notebooks = workbook_notebooks(edition)
        for path in notebooks:
            if path.is_file() and refresh_navigation(path, notebooks):
                print(f"navigation updated: {path.relative_to(ROOT)}")
        if notebooks[0].is_file() and refresh_contents(notebooks[0]):
            print(f"contents updated: {notebooks[0].relative_to(ROOT)}")
    if refresh_readme():
        print("README tables updated")


if __name__ == "__main__":
    sys.exit(main())
