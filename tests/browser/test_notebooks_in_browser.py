"""Every notebook, run in JupyterLab in a real browser; every widget control moved.

What a student sees: the notebook loads, Run All finishes without an error
output or a console error, and every slider, toggle and dropdown of every
widget changes what the widget shows, without "nan", "inf" or an error.

The Chinese edition gets the same treatment in ``test_chinese_edition_in_browser.py`` (a file of
its own, so that the two test workers share the browser runs).
"""

from __future__ import annotations

import re
import time

import nbformat
import pytest
from registry import notebook_paths

from .lab import ROOT, RunAllError, open_and_run

NOTEBOOKS = [p.name for p in notebook_paths()]
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


def move_every_control(page, name: str, thorough: bool = True) -> None:
    """Move every control of every widget ``name`` shows; each move must change the widget cleanly.

    A slider goes to its minimum and maximum (Home, End) and one step of five arrow presses back
    from there (``thorough``), or makes one move to an end (not ``thorough``: the Chinese edition,
    whose code is the English edition's); each toggle button and dropdown option is chosen once;
    a text box gets a word.
    """
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
            ends = (("Home", low), ("End", high))
            if not thorough:  # one move: to the end the slider is not at
                at_end = float(handle.get_attribute("aria-valuenow")) == high
                ends = (ends[0],) if at_end else (ends[1],)
            for key, target in ends:
                if float(handle.get_attribute("aria-valuenow")) == target:
                    continue
                before = state_of(area)
                handle.focus()
                handle.press(key)
                wait_for_change(area, before, f"{key} on {label}")
                assert_clean(area, f"{key} on {label}")
                moved += 1
            if not thorough:
                continue
            # a point in between, stepping down from the maximum
            before, value = state_of(area), handle.get_attribute("aria-valuenow")
            handle.focus()
            for _ in range(5):
                handle.press("ArrowLeft")
            if handle.get_attribute("aria-valuenow") != value:
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


def run_and_move(page, lab_url: str, name: str, thorough: bool = True) -> None:
    """Run All without errors, then move every control of every widget (see move_every_control)."""
    try:
        open_and_run(page, lab_url, name)
    except RunAllError as error:
        pytest.fail(str(error))
    assert_no_error_output(page, name)
    move_every_control(page, name, thorough)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_in_jupyterlab(page, lab_url, name):
    """Run All without errors, then move every control of every widget."""
    run_and_move(page, lab_url, name)
