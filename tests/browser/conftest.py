"""Browser tests: a real JupyterLab server and a real (headless) Chromium, driven by Playwright.

Chromium comes from the system (Debian's ``chromium`` package; ``.ci/run``
installs it).  Without it these tests are skipped with a loud message, except
when ``RELMARK_REQUIRE_BROWSER=1`` (set by CI), where a missing browser fails.
"""

from __future__ import annotations

import os
import sys

import pytest

from .lab import CHROMIUM_ARGS, ROOT, TOKEN, chromium_path, running_lab

__all__ = ["CHROMIUM_ARGS", "ROOT", "TOKEN"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        message = ("BROWSER TESTS NOT RUN: no Chromium found. Install it (Debian/Ubuntu: "
                   "sudo apt-get install chromium) to test the notebooks in a real browser.")
        if os.environ.get("RELMARK_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        print("\n" + "!" * 78 + "\n" + message + "\n" + "!" * 78, file=sys.stderr)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def lab_url(tmp_path_factory, chromium) -> str:
    """A JupyterLab server on a free port, serving a copy of the workbook."""
    with running_lab(tmp_path_factory.mktemp("jupyter")) as base:
        yield base


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _new_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    return context, page


@pytest.fixture
def page(browser):
    """A fresh page (its own browser context) for one test."""
    context, page = _new_page(browser)
    yield page
    context.close()


@pytest.fixture(scope="module")
def lab_page(browser):
    """One page for a whole test file: JupyterLab loads once, and the file's notebooks open in it
    one after another (``lab.open_and_run_cells``), as a student opens them from the file browser."""
    context, page = _new_page(browser)
    yield page
    context.close()
