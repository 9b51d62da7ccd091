"""Notebooks 01 and 01b each fit one 90-minute session: at most about 2,200 words of prose, time stated.

(The other notebooks are checked once they are split or trimmed to the same budget.)
"""

import re

import nbformat
import pytest

from .conftest import NOTEBOOK_DIR

WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")
SESSIONS = ("01_relationship_vs_transaction_marketing.ipynb", "01b_numbers_behind_loyalty.ipynb")


def prose(path):
    cells = nbformat.read(path, as_version=4).cells
    return "\n".join(c.source for c in cells if c.cell_type == "markdown"
                     and "navigation" not in c.metadata.get("tags", []))


@pytest.mark.parametrize("name", SESSIONS)
def test_session_fits_ninety_minutes(name):
    text = prose(NOTEBOOK_DIR / name)
    assert len(WORD.findall(text)) <= 2200
    assert re.search(r"\*Time: one class session \(about 90 minutes\)", text)


def test_the_two_halves_of_notebook_1_keep_all_six_exercises():
    found = []
    for name in SESSIONS:
        cells = nbformat.read(NOTEBOOK_DIR / name, as_version=4).cells
        found += re.findall(r'check\("(1\.\d)"', "\n".join(c.source for c in cells))
    assert sorted(found) == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
