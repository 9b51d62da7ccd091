"""Every notebook, run in JupyterLab in a real browser; every widget control moved.

What a student sees: the notebook loads, Run All finishes without an error
output or a console error, and every slider, toggle and dropdown of every
widget changes what the widget shows, without "nan", "inf" or an error.

The Chinese edition (``notebooks/zh/``, the notebooks written so far) is checked cheaply in the
same JupyterLab server, since it has the English notebooks' code cells (``tests/test_editions.py``,
and nbval runs every Chinese notebook): each is opened as stored and must render its Chinese
heading and outputs with no error output or console error, and the first Chinese notebook with an
explorer is run (Run All) and one key press on that explorer must change its picture.
"""

from __future__ import annotations

import re
import time

import nbformat
import pytest
from registry import edition_paths, notebook_paths

from .lab import ROOT, RunAllError, open_and_run, open_stored

NOTEBOOKS = [p.name for p in notebook_paths()]
ZH_NOTEBOOKS = [f"zh/{p.name}" for p in edition_paths("zh")]  # paths under notebooks/
EXPLORER_CALL = re.compile(r"^\s*\w+_(explorer|designer)\(", re.M)
WIDGET_CALL = re.compile(r"^\s*\w+_(explorer|search|slider|designer)\(", re.M)
BAD_TEXT = re.compile(r"\bnan\b|\binf\b|Could not update|Traceback", re.IGNORECASE)


def widget_areas(page):
    """Output areas that hold an interactive widget."""
    return page.locator(".jp-OutputArea-output:has(.widget-slider, .widget-text, "
                        ".widget-toggle-buttons, .widget-dropdown)")


def state_of(area) -> str:
    """What the widget shows: its text and the address of its picture."""
    images = area.locator("img")
    sources = [images.nth(k).get_attribute("src") or "" for k in range(images.count())]
    return area.inner_text() + "|" + "|".join(sources)


def wait_for_change(area, before: str, what: str, timeout: float = 5.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = state_of(area)
        if now != before:
            time.sleep(0.15)  # let the rest of the update land
            return state_of(area)
        time.sleep(0.05)
    pytest.fail(f"the widget did not change after {what}")


def assert_clean(area, what: str) -> None:
    text = area.inner_text()
    assert not BAD_TEXT.search(text), f"after {what}: {BAD_TEXT.search(text).group(0)!r} shown"


def assert_no_error_output(page, name: str) -> None:
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    texts = [errors.nth(k).inner_text() for k in range(errors.count())]
    assert not [t for t in texts if "Error" in t or "Traceback" in t], (name, texts)
    assert page.locator(".jp-RenderedText:has-text('Traceback')").count() == 0, name
    assert page.locator("text=Error displaying widget").count() == 0, name
    assert not page.console_errors, (name, page.console_errors)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_in_jupyterlab(page, lab_url, name):
    """Run All without errors, then move every control of every widget."""
    try:
        open_and_run(page, lab_url, name)
    except RunAllError as error:
        pytest.fail(str(error))
    assert_no_error_output(page, name)
    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    expected = sum(1 for c in notebook.cells
                   if c.cell_type == "code" and WIDGET_CALL.search(c.source))
    areas = widget_areas(page)
    assert areas.count() == expected, f"{expected} widgets expected, {areas.count()} shown"
    moved = 0
    for a in range(areas.count()):
        area = areas.nth(a)
        area.scroll_into_view_if_needed()
        handles = area.locator(".noUi-handle")
        for h in range(handles.count()):
            handle = handles.nth(h)
            label = f"slider {h + 1} of widget {a + 1}"
            low, high = (float(handle.get_attribute(k)) for k in ("aria-valuemin",
                                                                    "aria-valuemax"))
            for key, target in (("Home", low), ("End", high)):
                if float(handle.get_attribute("aria-valuenow")) == target:
                    continue
                before = state_of(area)
                handle.focus()
                handle.press(key)
                wait_for_change(area, before, f"{key} on {label}")
                assert_clean(area, f"{key} on {label}")
                moved += 1
            for _ in range(3):  # a few points in between, stepping down from the maximum
                before, value = state_of(area), handle.get_attribute("aria-valuenow")
                handle.focus()
                for _ in range(5):
                    handle.press("ArrowLeft")
                if handle.get_attribute("aria-valuenow") == value:
                    break  # already at the minimum
                wait_for_change(area, before, f"ArrowLeft on {label}")
                assert_clean(area, f"ArrowLeft on {label}")
        buttons = area.locator(".widget-toggle-buttons button")
        for b in range(buttons.count()):
            button = buttons.nth(b)
            if "mod-active" in (button.get_attribute("class") or ""):
                continue
            before = state_of(area)
            button.click()
            wait_for_change(area, before, f"toggle {button.inner_text()!r}")
            assert_clean(area, f"toggle {button.inner_text()!r}")
            moved += 1
        for d in range(area.locator(".widget-dropdown select").count()):
            select = area.locator(".widget-dropdown select").nth(d)
            values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
            for value in values:
                if select.input_value() == value:
                    continue
                before = state_of(area)
                select.select_option(value)
                wait_for_change(area, before, f"dropdown option {value!r}")
                assert_clean(area, f"dropdown option {value!r}")
                moved += 1
        texts = area.locator(".widget-text input")
        for t in range(texts.count()):
            before = state_of(area)
            texts.nth(t).fill("loyal")
            wait_for_change(area, before, "typing in a text box")
            moved += 1
    assert moved >= expected, "every widget should have had a control moved"
    assert_no_error_output(page, name)


def picture_of(area) -> str:
    """The addresses of the widget's pictures (an explorer redraws by changing them)."""
    images = area.locator("img")
    return "|".join(images.nth(k).get_attribute("src") or "" for k in range(images.count()))


def _calls_an_explorer(name: str) -> bool:
    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    return any(c.cell_type == "code" and EXPLORER_CALL.search(c.source) for c in notebook.cells)


# The first Chinese notebook (registry order) with an explorer: run in the browser once.
ZH_RUN = [name for name in ZH_NOTEBOOKS if _calls_an_explorer(name)][:1]


@pytest.mark.parametrize("name", ZH_NOTEBOOKS)
def test_chinese_notebook_renders_in_jupyterlab(page, lab_url, name):
    """Opened as stored: the Chinese heading, the stored outputs, no error and no console error."""
    from registry import load_registry

    open_stored(page, lab_url, name)
    (entry,) = [e for e in load_registry() if f"zh/{e.file}" == name]
    heading = page.locator(".jp-RenderedMarkdown h1").first.inner_text().strip()
    assert heading.startswith(entry.heading_in("zh")), heading
    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    images = sum(1 for c in notebook.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
    shown = page.locator(".jp-RenderedImage img")
    assert shown.count() == images, f"{images} stored figures, {shown.count()} shown"
    assert all(w > 0 for w in shown.evaluate_all("imgs => imgs.map(i => i.naturalWidth)"))
    assert_no_error_output(page, name)


@pytest.mark.parametrize("name", ZH_RUN)
def test_a_chinese_explorer_runs_and_responds_to_a_key_press(page, lab_url, name):
    """Run All without errors; one key press on the first explorer changes its picture."""
    try:
        open_and_run(page, lab_url, name)
    except RunAllError as error:
        pytest.fail(str(error))
    assert_no_error_output(page, name)
    area = page.locator(".jp-OutputArea-output:has(.noUi-handle):has(img)").first
    area.scroll_into_view_if_needed()
    handle = area.locator(".noUi-handle").first
    at_end = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
    before = picture_of(area)
    handle.focus()
    handle.press("Home" if at_end else "End")
    deadline = time.monotonic() + 5.0
    while picture_of(area) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert picture_of(area) != before, "the explorer's picture did not change after one key press"
    assert_clean(area, "one key press")
    assert_no_error_output(page, name)
