"""The offline HTML export (tools/build_html.py, ``make html``) opened with the network blocked.

The site is built into a temporary folder from the real notebooks of both editions (the Chinese
pages and their Chinese index in ``zh/``, when there are Chinese notebooks).  Chromium
may load ``file://`` and localhost addresses only; every other request is
aborted and recorded, and the test fails if there was any.  On the pages the
figures must decode (an ``<img>`` with a non-zero natural width) and the
static widget views must be drawn by the local widget manager.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from urllib.parse import urlparse

import pytest
from registry import load_registry, notebook_paths

from ..conftest import ZH_DIR, ZH_NOTEBOOKS, notebook_using
from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("build_html", ROOT / "tools" / "build_html.py")
build_html = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_html)

NOTEBOOKS = notebook_paths()
WIDGET_NOTEBOOK = notebook_using("clv_explorer(")  # a notebook with a stored explorer
WIDGET_PAGE = WIDGET_NOTEBOOK.stem + ".html"
# The widget page in each edition written so far: "03_x.html" and "zh/03_x.html".
WIDGET_PAGES = [WIDGET_PAGE] + ([f"zh/{WIDGET_PAGE}"] if (ZH_DIR / WIDGET_NOTEBOOK.name).is_file() else [])
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not (build_html.NODE_MODULES / "@jupyter-widgets" / "html-manager").is_dir():
        message = ("OFFLINE HTML NOT TESTED: node_modules/ is missing. Run `npm ci --ignore-scripts` "
                   "(make html does it) to install the JavaScript the pages use.")
        if os.environ.get("RELMARK_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        print("\n" + "!" * 78 + "\n" + message + "\n" + "!" * 78, file=sys.stderr)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("site") / "site"
    build_html.build_site(NOTEBOOKS + ZH_NOTEBOOKS, out)
    return out


@pytest.fixture
def offline_page(page):
    """The ``page`` fixture with every request that is not file:// or localhost blocked."""
    page.blocked = []

    def route(r):
        url = urlparse(r.request.url)
        if url.scheme in ("file", "data", "blob") or url.hostname in LOCAL_HOSTS:
            r.continue_()
        else:
            page.blocked.append(r.request.url)
            r.abort()

    page.context.route("**/*", route)
    page.on("requestfailed", lambda req: page.blocked.append(f"failed: {req.url}")
            if not req.url.startswith(("file:", "data:")) else None)
    return page


def test_site_has_a_page_per_notebook_and_no_remote_scripts(site):
    pages = sorted(p.name for p in site.glob("*.html"))
    assert pages == sorted(["index.html"] + [p.stem + ".html" for p in NOTEBOOKS])
    chinese = sorted(p.name for p in site.glob("zh/*.html"))
    expected = ["index.html"] + [p.stem + ".html" for p in ZH_NOTEBOOKS] if ZH_NOTEBOOKS else []
    assert chinese == sorted(expected)
    for page in [*site.glob("*.html"), *site.glob("zh/*.html")]:
        text = page.read_text(encoding="utf-8")
        assert not build_html.REMOTE.findall(text), page.name
        assert not re.search(r'href="\d\d[a-z]?_[\w-]+\.ipynb', text), f"{page.name} links a .ipynb"
    assert (site / build_html.REQUIRE_JS).is_file()
    assert (site / build_html.WIDGET_RENDERER).is_file()
    assert (site / build_html.MATHJAX.split("?")[0]).is_file()


def test_the_two_indexes_list_their_edition_and_link_each_other(offline_page, site):
    page = offline_page
    page.goto((site / "index.html").as_uri())
    registry = load_registry()
    assert page.locator("li a").all_inner_texts() == [entry.heading for entry in registry]
    assert page.locator("html").get_attribute("lang") == "en"
    if not ZH_NOTEBOOKS:
        assert page.locator(".other-edition").count() == 0
        return
    page.locator(".other-edition a", has_text="中文版").click()
    page.wait_for_url(re.compile(r"/zh/index\.html$"))
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    written = {path.name for path in ZH_NOTEBOOKS}
    titles = [e.heading_in("zh") for e in registry if e.file in written]
    assert page.locator("li a").all_inner_texts() == titles
    page.locator(".other-edition a", has_text="English").click()
    page.wait_for_url(re.compile(r"(?<!/zh)/index\.html$"))
    assert page.locator("li a").count() == len(registry)
    assert page.blocked == [], f"requests to the network: {page.blocked[:5]}"
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("widget_page", WIDGET_PAGES)
def test_index_and_a_widget_page_render_offline(offline_page, site, widget_page):
    page = offline_page
    folder = site / "zh" if widget_page.startswith("zh/") else site
    page.goto((folder / "index.html").as_uri())
    links = page.locator("li a")
    assert links.count() == len(ZH_NOTEBOOKS if folder != site else NOTEBOOKS)
    assert links.first.inner_text().strip() != ""
    page.locator(f"a[href='{WIDGET_PAGE}']").click()
    page.wait_for_url(re.compile(re.escape(widget_page) + "$"))
    # The widget manager replaces each stored view's <script> by a rendered widget.
    page.wait_for_selector(".jupyter-widgets.widget-slider", timeout=30_000)
    page.wait_for_function("""() => [...document.querySelectorAll('img')].length > 0 &&
        [...document.querySelectorAll('img')].every(i => i.complete)""", timeout=30_000)
    figures = page.locator(".jp-RenderedImage img")
    assert figures.count() >= 3
    widths = figures.evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
    assert all(w > 100 for w in widths), widths
    # The explorer's own picture: an Image widget, drawn from the stored widget state.
    widget_images = page.locator(".jupyter-widgets img")
    assert widget_images.count() >= 1
    assert min(widget_images.evaluate_all("imgs => imgs.map(i => i.naturalWidth)")) > 100
    sliders = page.locator(".jupyter-widgets.widget-slider")
    assert sliders.count() >= 3
    if widget_page.startswith("zh/"):  # labels in the catalogue's Chinese, once translated
        assert page.locator(".jupyter-widgets .widget-label").first.inner_text().strip() != ""
    else:
        assert "margin" in page.locator(".jupyter-widgets").first.inner_text()
    assert page.locator("text=Error displaying widget").count() == 0
    assert page.blocked == [], f"requests to the network: {page.blocked[:5]}"
    assert not page.console_errors, page.console_errors
