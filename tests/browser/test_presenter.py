"""Presenter mode (tools/present.py, ``make present``): Voilà in a real browser.

Serves a freshly generated student edition of both editions, as ``make present``
does, and checks what the room sees: the notebook list with the titles (English,
and the Chinese list in ``zh/``, each linking the other), a notebook page with no
code, controls sized for a projector, and a slider that changes the figure (in
English and, when it is written, in the Chinese edition).  Every
request that would leave the machine is blocked and recorded: the pages must
make none (the icons come from npm and are served by Voilà itself).
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import time
import urllib.request

import pytest
from registry import load_registry, notebook_paths

from ..conftest import ZH_DIR, ZH_NOTEBOOKS, notebook_using
from .conftest import ROOT
from .lab import WITHIN

_tools = {}
for _name in ("present", "student_edition"):
    _spec = importlib.util.spec_from_file_location(_name, ROOT / "tools" / f"{_name}.py")
    _tools[_name] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_tools[_name])
present, student_edition = _tools["present"], _tools["student_edition"]

NOTEBOOK = notebook_using("clv_explorer(").name  # the CLV explorer
# The same notebook in each edition written so far: "03_x.ipynb" and "zh/03_x.ipynb".
PAGES = [NOTEBOOK] + ([f"zh/{NOTEBOOK}"] if (ZH_DIR / NOTEBOOK).is_file() else [])
MIN_CONTROL_FONT_PX = 20  # the relmark template sets 22px; Voilà's default is 13px


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def voila_url(tmp_path_factory, chromium):
    """Voilà in presenter mode on a free port, serving the student edition of every notebook."""
    out = tmp_path_factory.mktemp("present") / "student"
    student_edition.write_student_edition(notebook_paths() + ZH_NOTEBOOKS, out, package=False)
    present.install_icons()
    present.write_index_titles()
    port = free_port()
    log_path = out / "voila.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(present.voila_command(out / "notebooks", port, open_browser=False),
                                  env=present.voila_environment(), stdout=log,
                                  stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.terminate()
                raise RuntimeError("Voilà did not start: " + log_path.read_text()) from None
            time.sleep(0.3)
    yield base
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()


LOCAL = ("http://127.0.0.1", "data:", "blob:", "ws://127.0.0.1")


@pytest.fixture
def blocked():
    """The URLs of the requests the page tried to send off the machine (each one aborted)."""
    return []


@pytest.fixture
def local_page(page, blocked):
    """Only the Voilà server may be reached; any other request is aborted and recorded."""
    def route(request_route):
        url = request_route.request.url
        if url.startswith(LOCAL):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    page.context.route("**/*", route)
    return page


def assert_offline_with_local_icons(page, blocked: list[str], base: str) -> None:
    """No request left the machine, and Font Awesome's solid face loads from the Voilà server."""
    page.wait_for_load_state("networkidle", timeout=30_000)
    page.evaluate("""() => { const i = document.createElement('i'); i.className = 'fas fa-book';
                             i.id = 'relmark-icon-probe'; document.body.appendChild(i); }""")
    faces = page.evaluate(f"""async () => {{ {WITHIN}
        return (await within(document.fonts.load('900 16px "Font Awesome 5 Free"', '\uf02d'),
                             'loading the icon font')).map(f => f.status); }}""")
    assert faces and set(faces) == {"loaded"}, faces
    family = page.locator("#relmark-icon-probe").evaluate("e => getComputedStyle(e).fontFamily")
    assert "Font Awesome 5 Free" in family, family
    assert blocked == [], f"requests left the machine: {blocked}"
    icons = page.evaluate("""() => performance.getEntriesByType('resource').map(e => e.name)
                             .filter(n => n.includes('fontawesome'))""")
    assert any(u.startswith(base) and u.endswith("/css/all.min.css") for u in icons), icons
    assert any(u.startswith(base) and "/webfonts/fa-solid-900" in u for u in icons), icons


def listed(page) -> dict[str, str]:
    """The start page's notebooks: file name to the title shown."""
    links = page.locator(".relmark-notebooks a")
    return {links.nth(k).get_attribute("data-file"): links.nth(k).inner_text().strip()
            for k in range(links.count())}


def test_presenter_lists_the_notebooks_by_title_in_both_editions(local_page, blocked, voila_url):
    page = local_page
    page.goto(voila_url + "/")
    page.locator(".relmark-notebooks").wait_for(timeout=30_000)
    registry = load_registry()
    assert listed(page) == {entry.file: entry.heading for entry in registry}
    assert page.locator("main").get_attribute("lang") == "en"
    assert_offline_with_local_icons(page, blocked, voila_url)
    if not ZH_NOTEBOOKS:
        assert page.locator(".other-edition").count() == 0
        return
    page.locator(".other-edition a", has_text="中文版").click()
    page.wait_for_url("**/voila/tree/zh**")
    page.locator(".relmark-notebooks").wait_for(timeout=30_000)
    written = {path.name for path in ZH_NOTEBOOKS}
    assert listed(page) == {e.file: e.heading_in("zh") for e in registry if e.file in written}
    assert page.locator("main").get_attribute("lang") == "zh-CN"
    assert "中文版" in page.locator("h1").inner_text()
    page.locator(".other-edition a", has_text="English").click()
    page.wait_for_url(voila_url + "/voila/tree/**")
    page.locator(".relmark-notebooks").wait_for(timeout=30_000)
    assert len(listed(page)) == len(registry)
    assert blocked == [], f"requests left the machine: {blocked}"


@pytest.mark.parametrize("notebook", PAGES)
def test_presenter_page_hides_code_and_the_slider_moves_the_figure(local_page, blocked, voila_url,
                                                                    notebook):
    page = local_page
    page.goto(f"{voila_url}/voila/render/{notebook}", timeout=120_000)
    handle = page.locator(".noUi-handle").first
    handle.wait_for(state="visible", timeout=120_000)
    # Code hidden: no editor and no input prompts, but the markdown and outputs are there.
    assert page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0
    (entry,) = [e for e in load_registry() if e.file == NOTEBOOK]
    title = entry.heading_in("zh" if notebook.startswith("zh/") else "en")
    assert page.locator("h1").first.inner_text().strip().startswith(title)
    assert page.locator(".jp-RenderedImage img").count() >= 3
    # Large controls.
    label = page.locator(".jupyter-widgets .widget-label").first
    size = float(label.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert size >= MIN_CONTROL_FONT_PX, f"control labels are {size}px"
    # The explorer's figure follows the slider.
    explorer = page.locator(".jupyter-widgets.widget-vbox:has(.noUi-handle)").first
    picture = explorer.locator("img").first
    picture.wait_for(state="visible", timeout=30_000)
    before = picture.get_attribute("src")
    value_before = handle.get_attribute("aria-valuenow")
    handle.focus()
    handle.press("End")
    assert handle.get_attribute("aria-valuenow") != value_before
    page.wait_for_function("([img, src]) => img.getAttribute('src') !== src",
                           arg=[picture.element_handle(), before], timeout=15_000)
    text = explorer.inner_text()
    assert "nan" not in text.lower().split() and "Traceback" not in text
    assert page.locator("text=Error displaying widget").count() == 0
    assert_offline_with_local_icons(page, blocked, voila_url)
