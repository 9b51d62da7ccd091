"""The one list of the workbook's notebooks: ``notebooks/registry.csv``.

Columns: ``number`` (0, 1, ..., or 5b for a session split off 5 until the
course is renumbered; the notebook's heading starts with it),
``file`` (in ``notebooks/``), ``title`` (the heading after "N · "),
``minutes`` (class time), ``status`` (``ready`` or ``draft``) and ``summary``
(what a student learns, one line), and ``title_zh``/``summary_zh``, the
same two in the Chinese edition (``notebooks/zh/``, same file names).  The Makefile, the tools, the tests, the
benchmarks, README's table and notebook 00's contents all come from here::

    python tools/registry.py files      # the notebook paths, for the Makefile
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
REGISTRY = NOTEBOOK_DIR / "registry.csv"
COLUMNS = ["number", "file", "title", "minutes", "status", "summary", "title_zh", "summary_zh"]
NUMBER = re.compile(r"^(\d{1,2})([a-z]?)$")
STATUSES = ("ready", "draft")


@dataclass(frozen=True)
class Notebook:
    """One row of the registry."""

    number: int
    part: str  # "" or a letter: a session split off ``number``
    file: str
    title: str
    minutes: int
    status: str
    summary: str
    title_zh: str = ""
    summary_zh: str = ""

    @property
    def path(self) -> Path:
        return NOTEBOOK_DIR / self.file

    @property
    def heading(self) -> str:
        """The notebook's first line, e.g. ``3 · Customer lifetime value``."""
        return f"{self.number}{self.part} · {self.title}"

    @property
    def label(self) -> str:
        """Two-digit number and title, as in the contents: ``03 · Customer lifetime value``."""
        return f"{self.prefix} · {self.title}"

    @property
    def prefix(self) -> str:
        """How the file name starts, without the underscore: ``03`` or ``05b``."""
        return f"{self.number:02d}{self.part}"


def load_registry(path: Path = REGISTRY) -> list[Notebook]:
    """The notebooks in order; a malformed row fails with its line number."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{path.name}: the header must be {','.join(COLUMNS)}; "
                             f"got {','.join(reader.fieldnames or [])}.")
        rows = []
        for line, row in enumerate(reader, start=2):
            match = NUMBER.match(row["number"] or "")
            if not match:
                raise ValueError(f"{path.name}, line {line}: number must be like 3 or 5b; "
                                 f"got {row['number']!r}.")
            try:
                entry = Notebook(int(match.group(1)), match.group(2), row["file"], row["title"],
                                 int(row["minutes"]), row["status"], row["summary"],
                                 row["title_zh"], row["summary_zh"])
            except (TypeError, ValueError) as error:
                raise ValueError(f"{path.name}, line {line}: {error}") from None
            if entry.status not in STATUSES:
                raise ValueError(f"{path.name}, line {line}: status must be one of "
                                 f"{', '.join(STATUSES)}; got {entry.status!r}.")
            if not entry.file.startswith(f"{entry.prefix}_"):
                raise ValueError(f"{path.name}, line {line}: file {entry.file} must start with "
                                 f"{entry.prefix}_.")
            rows.append(entry)
    numbers = [(r.number, r.part) for r in rows]
    if numbers != sorted(set(numbers)):
        raise ValueError(f"{path.name}: numbers must be unique and in order; got {numbers}.")
    return rows


def notebook_paths() -> list[Path]:
    """Paths of every registered notebook, in order."""
    return [entry.path for entry in load_registry()]


def contents_table(entries: list[Notebook] | None = None) -> str:
    """Markdown table of the lessons (everything after the start page), for notebook 00."""
    entries = load_registry() if entries is None else entries
    lines = ["| notebook | time | what you learn |", "|---|---|---|"]
    for entry in entries[1:]:
        lines.append(f"| [{entry.label}]({entry.file}) | {entry.minutes} min | {entry.summary} |")
    return "\n".join(lines)


def readme_table(entries: list[Notebook] | None = None) -> str:
    """Markdown table of every notebook with its status, for README.md."""
    entries = load_registry() if entries is None else entries
    lines = ["| notebook | time | status |", "|---|---|---|"]
    for entry in entries:
        lines.append(f"| `{Path(entry.file).stem}` — {entry.summary} | {entry.minutes} min "
                     f"| {entry.status} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["files"]:
        print(" ".join(str(p.relative_to(ROOT)) for p in notebook_paths()))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
