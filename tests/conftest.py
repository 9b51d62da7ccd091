"""Shared test set-up: a non-interactive matplotlib backend and the repository's paths."""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
sys.path.insert(0, str(ROOT / "tools"))

from registry import ZH_DIR as ZH_DIR  # noqa: E402
from registry import edition_of, edition_paths, load_registry, notebook_paths  # noqa: E402

REGISTRY = load_registry()
NOTEBOOKS = notebook_paths()  # the English edition, the source of the code
ZH_NOTEBOOKS = edition_paths("zh")  # the Chinese edition's notebooks written so far (notebooks/zh/)
BOTH_EDITIONS = NOTEBOOKS + ZH_NOTEBOOKS


def notebook_id(path: Path) -> str:
    """A test id naming the edition: ``03_x.ipynb`` or ``zh/03_...``."""
    return f"zh/{path.name}" if edition_of(path) == "zh" else path.name


def notebook_path(number: int) -> Path:
    """The registered notebook with this number (tests never spell a notebook's file name)."""
    return next(entry.path for entry in REGISTRY if entry.number == number and not entry.part)


def notebook_labelled(label: str) -> Path:
    """The registered notebook with this label, e.g. ``"3"`` or ``"5b"``."""
    return next(entry.path for entry in REGISTRY if f"{entry.number}{entry.part}" == label)


def notebook_using(call: str) -> Path:
    """The first registered notebook whose code contains ``call``, e.g. ``"clv_explorer("``."""
    import json

    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if any(call in "".join(c["source"]) for c in cells if c["cell_type"] == "code"):
            return path
    raise LookupError(f"no notebook calls {call}")


@pytest.fixture(autouse=True)
def _isolated_matplotlib():
    """Undo style changes and close every pyplot figure a test made."""
    with matplotlib.rc_context():
        yield
    plt.close("all")


def explorer_classes() -> list[type]:
    """Every ``Explorer`` subclass the package defines, found by walking it (sorted by name)."""
    import importlib
    import inspect
    import pkgutil

    import relmark_helpers
    from relmark_helpers import Explorer

    found = {}
    for info in pkgutil.walk_packages(relmark_helpers.__path__, "relmark_helpers."):
        if ".answers" in info.name:
            continue
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Explorer) and obj is not Explorer and obj.__module__ == info.name:
                found[obj.__qualname__] = obj
    return [found[name] for name in sorted(found)]
