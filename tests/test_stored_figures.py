"""Every figure a notebook cell returns is stored as a picture, and every widget with a note on how
to use it, in both editions.

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


@pytest.mark.parametrize("path", EDITIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_stored_widget_says_how_to_bring_it_to_life_in_the_editions_language(path):
    """Where no kernel runs it (JupyterLab before Run All, a static copy), a widget's place shows
    the workbook's note (``NOT_RUNNING``), never ipywidgets' ``VBox(children=(FloatSlider(...``."""
    from relmark_helpers import NOT_RUNNING, use_language

    with use_language("zh" if path.parent.name == "zh" else "en"):
        from relmark_helpers import _

        note = _(NOT_RUNNING)
    stand_ins = [
        "".join(output["data"].get("text/plain", ""))
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
        for output in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
    ]
    assert all(text == note for text in stand_ins), (path.name, set(stand_ins) - {note})
    if path.name.startswith(("00_", "03_")):
        assert stand_ins, f"{path.name} shows a widget"
