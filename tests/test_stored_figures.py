"""Every figure a notebook cell returns is stored as a picture, in both editions.

A cell ending in ``figure`` once showed ``<Figure size 1000x480 with 2 Axes>`` instead of the chart,
because Jupyter's inline backend registers its picture formatter only after pyplot's first figure
(``use_workbook_style`` now registers it).
"""

import json

import pytest

from .conftest import NOTEBOOK_DIR, NOTEBOOKS

EDITIONS = NOTEBOOKS + sorted((NOTEBOOK_DIR / "zh").glob("*.ipynb"))


@pytest.mark.parametrize("path", EDITIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_figure_is_stored_as_text_only(path):
    text_only = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            plain = "".join(data.get("text/plain", ""))
            if plain.startswith("<Figure size") and "image/png" not in data:
                text_only.append(cell.get("id"))
    assert not text_only, f"{path.name}: cells {text_only} store a figure as text, not as a picture"
