"""Every notebook in JupyterLab in a real browser; every widget run and every control moved.

What a student sees: the notebook opens with its stored outputs and no error output or console
error; the cells its widgets need (``widget_cells.cells_needed``: the imports, each widget cell
and every earlier cell they use) run without an error (in one kernel per test file, the previous
notebook's widgets closed first); and every slider, toggle
and dropdown of every widget changes what the widget shows, without "nan", "inf" or an error.
The whole notebook's run, and its outputs against the stored ones, is nbval's part
(``make test`` runs both); running it again here would repeat that work.

The Chinese edition gets the same treatment in ``test_chinese_edition_in_browser.py`` (a file of
its own, so that the two test workers share the browser runs).
"""

from __future__ import annotations

import re

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from registry import notebook_paths

from .lab import ROOT, RunAllError, open_and_run_cells
from .widget_cells import WIDGET_CALL, cells_needed

NOTEBOOKS = [p.name for p in notebook_paths()]
BAD_TEXT = re.compile(r"\bnan\b|\binf\b|Could not update|Traceback", re.IGNORECASE)


def widget_areas(page):
    """Output areas that hold an interactive widget."""
    return page.locator(".jp-OutputArea-output:has(.widget-slider, .widget-text, "
                        ".widget-toggle-buttons, .widget-dropdown)")


# What a widget (``area``) shows, read in the page: its text and the addresses of its pictures.
PICTURES = "[...area.querySelectorAll('img')].map(i => i.src).join('|')"
SHOWN = f"area.innerText + '|' + {PICTURES}"
# ... and how many pictures an explorer has made (``data-render``).
BEFORE = f"""(area) => {{
    const counter = area.querySelector('.relmark-render');
    return [{SHOWN}, counter ? Number(counter.dataset.render) : null];
}}"""
# Done when the widget shows something new and the whole update has landed: for an explorer,
# its counter (``data-render``) has moved on and its picture, which comes last, has changed; for
# another widget (or a picture that stayed the same), nothing has changed for 50 ms.
CHANGED = f"""([area, before, renders]) => {{
    const pictures = {PICTURES};
    const state = area.innerText + '|' + pictures;  // as SHOWN
    const counter = area.querySelector('.relmark-render');
    const now = performance.now();
    if (state === before || (counter && renders !== null && Number(counter.dataset.render) <= renders)) {{
        return false;
    }}
    if (counter && renders !== null && !before.endsWith('|' + pictures)) {{
        return area.innerText;
    }}
    if (!window.__relmarkSeen || window.__relmarkSeen.state !== state) {{
        window.__relmarkSeen = {{state, since: now}};
        return false;
    }}
    return now - window.__relmarkSeen.since >= 50 ? area.innerText : false;
}}"""
CONTROLS = """(area) => ({
    sliders: [...area.querySelectorAll('.noUi-handle')].map(h => ({
        low: Number(h.getAttribute('aria-valuemin')), high: Number(h.getAttribute('aria-valuemax')),
        now: Number(h.getAttribute('aria-valuenow'))})),
    buttons: [...area.querySelectorAll('.widget-toggle-buttons button')].map(b => ({
        active: b.classList.contains('mod-active'), text: b.innerText})),
    dropdowns: [...area.querySelectorAll('.widget-dropdown select')].map(s => ({
        value: s.value, options: [...s.options].map(o => o.value)})),
    texts: area.querySelectorAll('.widget-text input').length,
})"""


def change_and_wait(page, area, act, what: str, timeout: float = 5.0) -> str:
    """Do ``act()``; wait until the widget (``area``, an element) shows its new state.

    Returns the widget's text, which must not show "nan", "inf" or an error.
    """
    before, renders = area.evaluate(BEFORE)
    act()
    try:
        handle = page.wait_for_function(CHANGED, arg=[area, before, renders],
                                        timeout=timeout * 1000, polling=30)
    except PlaywrightTimeout:
        pytest.fail(f"the widget did not change after {what}")
    text = handle.json_value()
    assert not BAD_TEXT.search(text), f"after {what}: {BAD_TEXT.search(text).group(0)!r} shown"
    return text


def assert_no_error_output(page, name: str) -> None:
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    texts = errors.all_text_contents()  # textContent: cells out of view have no innerText
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
    areas = widget_areas(page).element_handles()  # found once: the widgets stay in place
    assert len(areas) == expected, f"{expected} widgets expected, {len(areas)} shown"
    moved = 0
    for a, area in enumerate(areas):
        area.scroll_into_view_if_needed()
        controls = area.evaluate(CONTROLS)
        handles = area.query_selector_all(".noUi-handle")
        for h, (slider, handle) in enumerate(zip(controls["sliders"], handles, strict=True)):
            label = f"slider {h + 1} of widget {a + 1}"
            ends = (("Home", slider["low"]), ("End", slider["high"]))
            if not thorough:  # one move: to the end the slider is not at
                ends = (ends[0],) if slider["now"] == slider["high"] else (ends[1],)
            now = slider["now"]
            for key, target in ends:
                if now == target:
                    continue
                change_and_wait(page, area, lambda k=key, h=handle: h.press(k), f"{key} on {label}")
                now = target
                moved += 1
            if not thorough or now <= slider["low"]:
                continue

            def five_steps_down(handle=handle) -> None:  # a point in between, from the maximum
                handle.focus()
                for _ in range(5):
                    page.keyboard.press("ArrowLeft")

            change_and_wait(page, area, five_steps_down, f"ArrowLeft on {label}")
        buttons = area.query_selector_all(".widget-toggle-buttons button")
        for button, element in zip(controls["buttons"], buttons, strict=True):
            if button["active"]:
                continue
            change_and_wait(page, area, element.click, f"toggle {button['text']!r}")
            moved += 1
        selects = area.query_selector_all(".widget-dropdown select")
        for dropdown, select in zip(controls["dropdowns"], selects, strict=True):
            current = dropdown["value"]
            for value in dropdown["options"]:
                if value == current:
                    continue
                change_and_wait(page, area, lambda v=value, s=select: s.select_option(v),
                                f"dropdown option {value!r}")
                current = value
                moved += 1
        for box in area.query_selector_all(".widget-text input"):
            change_and_wait(page, area, lambda b=box: b.fill("loyal"), "typing in a text box")
            moved += 1
    assert moved >= expected, "every widget should have had a control moved"
    assert_no_error_output(page, name)


def run_and_move(page, lab_url: str, name: str, thorough: bool = True) -> None:
    """Open, run what the widgets need without errors, then move every control of every widget
    (see move_every_control)."""
    page.console_errors.clear()  # the page is shared by the notebooks of a test file
    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    try:
        open_and_run_cells(page, lab_url, name, cells_needed(notebook))
    except RunAllError as error:
        pytest.fail(str(error))
    assert_no_error_output(page, name)
    move_every_control(page, name, thorough)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_in_jupyterlab(lab_page, lab_url, name):
    """Open, run the widgets' cells without errors, then move every control of every widget."""
    run_and_move(lab_page, lab_url, name)
