"""Shared test set-up: a non-interactive matplotlib backend and the repository's paths."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"


@pytest.fixture(autouse=True)
def _isolated_matplotlib():
    """Undo style changes and close every pyplot figure a test made."""
    with matplotlib.rc_context():
        yield
    plt.close("all")
