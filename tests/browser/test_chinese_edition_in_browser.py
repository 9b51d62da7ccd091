"""Every notebook of the Chinese edition (``notebooks/zh/``), run in JupyterLab in a real browser.

The same checks as the English edition's (``test_notebooks_in_browser.py``): the notebook opens
without an error output or a console error, the cells its widgets need run without one, and
every control of every widget changes what the
widget shows, without "nan", "inf" or an error; a slider makes one move rather than three, since
the code behind it is the English edition's (``tests/test_editions.py``). Also: the page shows
the Chinese title from ``notebooks/registry.csv``.
"""

from __future__ import annotations

import pytest
from registry import edition_paths, load_registry

from .test_notebooks_in_browser import run_and_move

ZH_NOTEBOOKS = [f"zh/{p.name}" for p in edition_paths("zh")]  # paths under notebooks/


@pytest.mark.parametrize("name", ZH_NOTEBOOKS)
def test_chinese_notebook_in_jupyterlab(lab_page, lab_url, name):
    """Open in Chinese, the Chinese heading shown, the widgets run and every control moved."""
    run_and_move(lab_page, lab_url, name, thorough=False)
    (entry,) = [e for e in load_registry() if f"zh/{e.file}" == name]
    lab_page.locator(".jp-Cell").first.scroll_into_view_if_needed()
    heading = lab_page.locator(".jp-RenderedMarkdown h1").first.inner_text().strip()
    assert heading.startswith(entry.heading_in("zh")), heading
