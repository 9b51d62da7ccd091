"""Export every notebook to HTML that renders with no network: ``site/`` with an index page.

Usage::

    npm ci --ignore-scripts          # once: the JavaScript listed in package.json
    python tools/build_html.py       # notebooks/*.ipynb -> site/, notebooks/zh/*.ipynb -> site/zh/
    python tools/build_html.py --out DIR --notebooks A.ipynb B.ipynb

Both editions: the English pages and ``index.html`` in ``site/``, the Chinese
pages (``notebooks/zh/``, when there are any) and their own Chinese
``index.html`` in ``site/zh/``; each index links the other.

nbconvert's HTML pages load require.js, the Jupyter widget manager and MathJax
from CDNs.  This script copies those files from ``node_modules/`` (installed
from npm, versions pinned in ``package-lock.json``) into ``site/_static/`` and
points every page at the local copies, so that the static widget views (from
the widget state stored in each notebook) and the figures render on a machine
with no internet.  Links between notebooks (``03_x.ipynb``) become links
between pages (``03_x.html``).  ``make html`` calls it.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from registry import all_notebook_paths, edition_of  # noqa: E402

NODE_MODULES = ROOT / "node_modules"
STATIC = "_static"
REQUIRE_JS = f"{STATIC}/require.js"
WIDGET_RENDERER = f"{STATIC}/html-manager/embed-amd.js"
MATHJAX = f"{STATIC}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
# What MathJax 2 needs for TeX input and CommonHTML output (the rest of the package is 60 MB).
MATHJAX_PARTS = ("MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "extensions",
                 "jax/input/TeX", "jax/output/CommonHTML", "jax/element", "fonts/HTML-CSS/TeX/woff",
                 "LICENSE")
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//[^"']+["']|import\(\s*["']https?://""")
MERMAID = re.compile(r'<[^>]*class="[^"]*jp-Mermaid')
NOTEBOOK_LINK = re.compile(r'href="((?:\./)?\d\d[a-z]?_[\w-]+)\.ipynb(#[^"]*)?"')


def copy_static(site: Path, node_modules: Path = NODE_MODULES) -> None:
    """Copy require.js, the widget manager and MathJax from ``node_modules`` into ``site/_static``.

    Parameters
    ----------
    site : Path
        The output folder.
    node_modules : Path, optional
        Where ``npm ci`` installed package.json's dependencies.

    Raises
    ------
    FileNotFoundError
        If a package is missing (``npm ci --ignore-scripts`` was not run).
    """
    sources = {
        "require.js": node_modules / "requirejs" / "require.js",
        "html-manager": node_modules / "@jupyter-widgets" / "html-manager" / "dist",
        "mathjax": node_modules / "mathjax",
    }
    for source in sources.values():
        if not source.exists():
            raise FileNotFoundError(f"{source} is missing: run `npm ci --ignore-scripts` in {ROOT} "
                                    "(or `make html`, which does it).")
    static = site / STATIC
    static.mkdir(parents=True)
    shutil.copy2(sources["require.js"], static / "require.js")
    shutil.copytree(sources["html-manager"], static / "html-manager",
                    ignore=shutil.ignore_patterns("*.map", "embed.js", "libembed-amd.js"))
    for part in MATHJAX_PARTS:
        source, target = sources["mathjax"] / part, static / "mathjax" / part
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


ZH_FOLDER = "zh"  # the Chinese pages' folder in the site, as in notebooks/


def exporter(edition: str = "en") -> HTMLExporter:
    """nbconvert's JupyterLab-style HTML exporter, pointed at the local JavaScript.

    The Chinese edition's pages live one folder down (``site/zh/``), so their scripts are
    ``../_static/...``, and the page says it is Chinese (``<html lang="zh">``).
    """
    up = "../" if edition == "zh" else ""
    export = HTMLExporter(template_name="lab")
    if edition == "zh":
        export.language_code = "zh"
    export.require_js_url = up + REQUIRE_JS
    export.widget_renderer_url = up + WIDGET_RENDERER
    export.mathjax_url = up + MATHJAX
    export.mermaid_js_url = ""  # loaded only for mermaid diagrams; the workbook has none (checked)
    export.mermaid_layout_elk_js_url = ""
    return export


def export_notebook(path: Path, site: Path, export: HTMLExporter) -> tuple[Path, str]:
    """Write one notebook's page; return its path and title.

    Raises
    ------
    ValueError
        If the page would still load something from the network.
    """
    notebook = nbformat.read(path, as_version=4)
    body, _ = export.from_notebook_node(notebook, resources={"metadata": {"name": title_of(notebook,
                                                                                           path)}})
    body = NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
    problems = REMOTE.findall(body) + (["a mermaid diagram"] if MERMAID.search(body) else [])
    if problems:
        raise ValueError(f"{path.name}: the page would load from the network: {problems[:3]}")
    target = site / (path.stem + ".html")
    target.write_text(body, encoding="utf-8")
    return target, title_of(notebook, path)


def title_of(notebook: nbformat.NotebookNode, path: Path) -> str:
    """The first ``# heading`` of the notebook, or its file name."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


INDEX_TEXT = {
    "en": {
        "lang": "en",
        "title": "relmark — relationship marketing, interactively",
        "intro": "The workbook's notebooks as static pages, with their stored outputs: figures, tables "
                 "and the widgets as they were when the notebook was saved (the widgets do not compute "
                 "here; open the notebooks in JupyterLab for that). These pages need no internet "
                 "connection.",
        "other": '<a href="zh/index.html" lang="zh-CN" hreflang="zh-CN">中文版</a> (the Chinese edition)',
    },
    "zh": {
        "lang": "zh-CN",
        "title": "relmark — 关系营销互动练习册（中文版）",
        "intro": "练习册各讲的静态网页，保留了保存时的输出：图表、表格，以及保存时的交互控件"
                 "（控件在这里不会计算；要动手操作，请在 JupyterLab 中打开笔记本）。"
                 "这些网页无需联网即可浏览。",
        "other": '<a href="../index.html" lang="en" hreflang="en">English edition</a>（英文版）',
    },
}


def index_page(pages: list[tuple[Path, str]], edition: str = "en", other_edition: bool = False) -> str:
    """A plain HTML index of the exported pages (no scripts, no remote resources).

    Parameters
    ----------
    pages : list of (Path, str)
        Each page and its title, in order.
    edition : {"en", "zh"}
        The index's language: English (``site/index.html``) or Chinese (``site/zh/index.html``).
    other_edition : bool, optional
        Link the other edition's index (``zh/index.html`` from the English one, ``../index.html``
        from the Chinese one).
    """
    text = INDEX_TEXT[edition]
    items = "\n".join(f'    <li><a href="{html.escape(p.name)}">{html.escape(t)}</a></li>'
                      for p, t in pages)
    other = f'\n  <p class="other-edition">{text["other"]}</p>' if other_edition else ""
    return f"""<!DOCTYPE html>
<html lang="{text["lang"]}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{html.escape(text["title"])}</title>
  <style>
    body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem;
           line-height: 1.5; }}
    ul {{ list-style: none; padding-left: 0; }}
    li {{ margin: 0.4rem 0; font-size: 1.15rem; }}
  </style>
</head>
<body>
  <h1>{html.escape(text["title"])}</h1>{other}
  <p>{html.escape(text["intro"])}</p>
  <ul>
{items}
  </ul>
</body>
</html>
"""


def build_site(notebooks: list[Path], site: Path, node_modules: Path = NODE_MODULES) -> list[Path]:
    """Export ``notebooks`` into a fresh ``site`` folder with ``index.html``; return the pages.

    Chinese notebooks (``notebooks/zh/``) go to ``site/zh/`` with a Chinese ``site/zh/index.html``;
    the two indexes link each other.
    """
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    copy_static(site, node_modules)
    by_edition = {edition: sorted(p for p in notebooks if edition_of(p) == edition)
                  for edition in ("en", "zh")}
    both = all(by_edition.values())
    written = []
    for edition, paths in by_edition.items():
        if not paths:
            continue
        folder = site / ZH_FOLDER if edition == "zh" else site
        folder.mkdir(exist_ok=True)
        export = exporter(edition)
        pages = [export_notebook(path, folder, export) for path in paths]
        (folder / "index.html").write_text(index_page(pages, edition, other_edition=both),
                                           encoding="utf-8")
        written += [folder / "index.html"] + [p for p, _ in pages]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="output folder (site/)")
    parser.add_argument("--notebooks", nargs="*", type=Path,
                        help="notebooks (default: every notebook of both editions)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or all_notebook_paths()
    for page in build_site(notebooks, args.out):
        print(f"wrote {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
