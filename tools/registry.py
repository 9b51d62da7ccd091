"""The one list of the workbook's notebooks: ``notebooks/registry.csv``.

Columns: ``number`` (0, 1, ..., or 5b for a session split off 5 until the
course is renumbered; the notebook's heading starts with it),
``file`` (in ``notebooks/``), ``title`` (the heading after "N · "),
``minutes`` (class time), ``status`` (``ready`` or ``draft``) and ``summary``
(what a student learns, one line), and ``title_zh``/``summary_zh``, the
same two in the Chinese edition (``notebooks/zh/``, same file names).  The Makefile, the tools, the tests, the
benchmarks, README's tables and notebook 00's contents all come from here::

    python tools/registry.py files          # the English notebooks' paths, for the Makefile
    python tools/registry.py files zh       # the Chinese notebooks on disk (notebooks/zh/)
    python tools/registry.py files all      # both editions, English first
    python tools/registry.py edition PATH   # which edition a notebook is: en or zh

Two editions share the registry: English (``notebooks/NN_name.ipynb``, the source
of the code) and Chinese (``notebooks/zh/NN_name.ipynb``, the same file name).
``edition_of(path)`` tells them apart, ``edition_paths("zh")`` lists the Chinese
notebooks that exist (translations arrive one at a time).
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
ZH_DIR = NOTEBOOK_DIR / "zh"
EDITIONS = ("en", "zh")  # English first: it is the source of the code
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

    @property
    def zh_path(self) -> Path:
        """The Chinese edition's notebook: ``notebooks/zh/`` with the same file name."""
        return ZH_DIR / self.file

    def path_in(self, edition: str) -> Path:
        """The notebook of ``edition`` (``"en"`` or ``"zh"``)."""
        return self.zh_path if _checked_edition(edition) == "zh" else self.path

    def heading_in(self, edition: str) -> str:
        """The first line in ``edition``: ``3 · Customer lifetime value`` or ``3 · 顾客终身价值``."""
        if _checked_edition(edition) == "zh":
            return f"{self.number}{self.part} · {self.title_zh}"
        return self.heading

    def label_in(self, edition: str) -> str:
        """Two-digit number and title in ``edition``, as in the contents: ``03 · 顾客终身价值``."""
        if _checked_edition(edition) == "zh":
            return f"{self.prefix} · {self.title_zh}"
        return self.label

    def summary_in(self, edition: str) -> str:
        """The one-line summary in ``edition``."""
        return self.summary_zh if _checked_edition(edition) == "zh" else self.summary


def _checked_edition(edition: str) -> str:
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {', '.join(EDITIONS)}; got {edition!r}.")
    return edition


def edition_of(path: str | Path) -> str:
    """Which edition a notebook path belongs to: ``"zh"`` in a ``zh`` folder, else ``"en"``.

    Works on copies too (``student/notebooks/zh/03_x.ipynb`` is ``"zh"``).

    Examples
    --------
    >>> edition_of("notebooks/zh/03_x.ipynb")
    'zh'
    >>> edition_of("notebooks/03_x.ipynb")
    'en'
    """
    return "zh" if Path(path).parent.name == "zh" else "en"


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
    """Paths of every registered notebook (the English edition), in order."""
    return [entry.path for entry in load_registry()]


def edition_paths(edition: str, existing: bool = True) -> list[Path]:
    """The notebooks of ``edition`` in registry order.

    Parameters
    ----------
    edition : {"en", "zh"}
        English (``notebooks/``) or Chinese (``notebooks/zh/``).
    existing : bool, optional
        Only the files that exist (the default: Chinese notebooks arrive one by one);
        False gives every registered path, whether written yet or not.
    """
    paths = [entry.path_in(edition) for entry in load_registry()]
    return [path for path in paths if path.is_file()] if existing else paths


def all_notebook_paths() -> list[Path]:
    """Both editions' notebooks that exist: the English ones, then the Chinese ones."""
    return notebook_paths() + edition_paths("zh")


CONTENTS_HEADER = {"en": ("notebook", "time", "what you learn"), "zh": ("讲次", "时间", "内容")}
MINUTES = {"en": "{minutes} min", "zh": "{minutes} 分钟"}


def contents_table(entries: list[Notebook] | None = None, edition: str = "en") -> str:
    """Markdown table of the lessons (everything after the start page), for notebook 00.

    In ``edition``'s language; the links are file names in the same folder, so the
    Chinese start page links the Chinese notebooks.
    """
    entries = load_registry() if entries is None else entries
    header = CONTENTS_HEADER[_checked_edition(edition)]
    lines = ["| " + " | ".join(header) + " |", "|---|---|---|"]
    for entry in entries[1:]:
        minutes = MINUTES[edition].format(minutes=entry.minutes)
        lines.append(f"| [{entry.label_in(edition)}]({entry.file}) | {minutes} "
                     f"| {entry.summary_in(edition)} |")
    return "\n".join(lines)


def readme_table(entries: list[Notebook] | None = None) -> str:
    """Markdown table of every notebook with its status, for README.md."""
    entries = load_registry() if entries is None else entries
    lines = ["| notebook | time | status |", "|---|---|---|"]
    for entry in entries:
        lines.append(f"| `{Path(entry.file).stem}` — {entry.summary} | {entry.minutes} min "
                     f"| {entry.status} |")
    return "\n".join(lines)


def readme_table_zh(entries: list[Notebook] | None = None) -> str:
    """Markdown table of the Chinese edition (every registered notebook), for README.md."""
    entries = load_registry() if entries is None else entries
    lines = ["| 讲次 | 时间 | 内容 |", "|---|---|---|"]
    for entry in entries:
        lines.append(f"| {entry.heading_in('zh')}（`zh/{Path(entry.file).stem}`） "
                     f"| {entry.minutes} 分钟 | {entry.summary_zh} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["files"] and len(argv) <= 2:
        which = argv[1] if len(argv) == 2 else "en"
        if which not in (*EDITIONS, "all"):
            print(f"files: say en, zh or all; got {which!r}", file=sys.stderr)
            return 2
        paths = {"en": notebook_paths, "zh": lambda: edition_paths("zh"),
                 "all": all_notebook_paths}[which]()
        print(" ".join(str(p.relative_to(ROOT)) for p in paths))
        return 0
    if argv[:1] == ["edition"] and len(argv) == 2:
        print(edition_of(argv[1]))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
