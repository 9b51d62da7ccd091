"""The browser tests run only the cells a notebook's widgets need; this checks that choice."""

from __future__ import annotations

import nbformat
import pytest

from tests.browser.widget_cells import cells_needed, names_set, names_used, widget_cells


def notebook(*sources: str) -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_markdown_cell("# A title")]
    cells += [nbformat.v4.new_code_cell(s) for s in sources]
    return nbformat.v4.new_notebook(cells=cells)


def test_a_widget_gets_the_imports_and_what_it_uses_through_every_earlier_cell():
    nb = notebook(
        "import pandas as pd\nfrom relmark_helpers import fit, load, clv_explorer",  # 0
        "data = load()",                      # 1: used through 3 and 4
        "unused = 5\nunused",                 # 2
        "data['x'] = 1",                      # 3: changes data in place
        "model = fit(data)",                  # 4: used by the widget
        "%matplotlib inline\nplot(model)",    # 5: reads model, sets nothing
        "clv_explorer(model)",                # 6: the widget
        "after = model",                      # 7: later cells never count
    )
    assert widget_cells(nb) == [6]
    assert cells_needed(nb) == [0, 1, 3, 4, 6]


def test_a_notebook_without_widgets_needs_nothing_run():
    assert cells_needed(notebook("import pandas as pd", "x = 1\nx")) == []


def test_names_bound_and_changed_in_place_are_set_names_read_are_used():
    tree = __import__("ast").parse(
        "import numpy.linalg\nfrom a import b as c\nfor i in range(3):\n    t[i] = i\n"
        "obj.attr += 1\ndef f():\n    pass\nclass K:\n    pass\ny = z"
    )
    assert names_set(tree) >= {"numpy", "c", "i", "t", "obj", "f", "K", "y"}
    assert "z" not in names_set(tree)
    assert names_used(tree) >= {"range", "z", "t", "obj"}


def test_a_cell_that_is_not_python_is_named():
    with pytest.raises(ValueError, match="code cell 1 is not Python"):
        cells_needed(notebook("import x", "x_explorer(\n"))

