"""Presenter mode: serve the widget notebooks with Voilà, code hidden and controls large.

Usage::

    python tools/present.py                       # the student edition, student/notebooks/
    python tools/present.py notebooks             # the instructor edition (worked solutions shown)
    python tools/present.py FOLDER --port 8866 --no-browser

Voilà runs each notebook in a fresh kernel and shows only its outputs: text,
figures and live widgets.  The ``relmark`` template (``tools/voila/``) extends
Voilà's ``lab`` template with text and controls sized for a projector; error
tracebacks are not shown to the room.  Nothing is fetched from the internet:
Font Awesome (the icons of Voilà's pages) comes from npm (``make npm``, pinned
in ``package-lock.json``) and is served by Voilà itself from
``build/voila/voila/templates/relmark/static/fontawesome/``, which
:func:`install_icons` fills.  ``make present`` calls it after ``make student``.

Both editions: the start page lists the English notebooks by their titles and
links the Chinese edition (the folder's ``zh/``, when there is one), whose page
lists the Chinese notebooks in Chinese and links back.  The titles come from
``notebooks/registry.csv`` (:func:`write_index_titles`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from registry import load_registry  # noqa: E402

TEMPLATES = ROOT / "tools" / "voila"  # holds voila/templates/relmark/
DEFAULT_FOLDER = ROOT / "student" / "notebooks"
ICONS_FROM = ROOT / "node_modules" / "@fortawesome" / "fontawesome-free"
STATIC_ROOT = ROOT / "build" / "voila"  # holds voila/templates/relmark/static/ (generated)
ICON_FOLDERS = ("css", "webfonts")


def install_icons(source: Path = ICONS_FROM, static_root: Path = STATIC_ROOT) -> Path:
    """Copy Font Awesome's css/ and webfonts/ from npm to where Voilà serves the template's static files.

    Parameters
    ----------
    source : Path, optional
        The npm package folder (``node_modules/@fortawesome/fontawesome-free``).
    static_root : Path, optional
        A folder on ``JUPYTER_PATH``; the icons go to its ``voila/templates/relmark/static/fontawesome``.

    Returns
    -------
    Path
        The ``fontawesome`` folder written.

    Raises
    ------
    FileNotFoundError
        If ``source`` lacks the icons (run ``make npm``).
    """
    missing = [name for name in ICON_FOLDERS if not (source / name).is_dir()]
    if missing:
        raise FileNotFoundError(f"source: {source} has no {', '.join(missing)}; run `make npm` first.")
    target = static_root / "voila" / "templates" / "relmark" / "static" / "fontawesome"
    if target.exists():
        shutil.rmtree(target)
    for name in ICON_FOLDERS:
        shutil.copytree(source / name, target / name)
    return target


def write_index_titles(static_root: Path = STATIC_ROOT) -> Path:
    """Write the notebooks' titles, both editions, for the start pages (``tree-lab.html``).

    Parameters
    ----------
    static_root : Path, optional
        A folder on ``JUPYTER_PATH``; the titles go to its
        ``voila/templates/relmark/relmark_titles.j2`` (two Jinja dicts, ``en`` and ``zh``, from
        file name to heading, e.g. ``"3 · Customer lifetime value"`` and ``"3 · 顾客终身价值"``).

    Returns
    -------
    Path
        The file written.
    """
    entries = load_registry()
    target = static_root / "voila" / "templates" / "relmark" / "relmark_titles.j2"
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = ["{#- Written by tools/present.py from notebooks/registry.csv; do not edit. -#}"]
    for edition in ("en", "zh"):
        titles = {entry.file: entry.heading_in(edition) for entry in entries}
        lines.append(f"{{%- set {edition} = {json.dumps(titles, ensure_ascii=False)} -%}}")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def voila_command(folder: Path, port: int = 8866, open_browser: bool = True) -> list[str]:
    """The command line that serves ``folder`` in presenter mode.

    Parameters
    ----------
    folder : Path
        A folder of notebooks (Voilà lists them; each opens as an app).
    port : int, optional
        The port on 127.0.0.1.
    open_browser : bool, optional
        Open the page in the default browser.

    Returns
    -------
    list of str
        Arguments for :func:`subprocess.run` or :func:`os.execve`.
    """
    command = [sys.executable, "-m", "voila", str(folder), "--template=relmark", "--theme=light",
               "--VoilaConfiguration.strip_sources=True", "--VoilaConfiguration.show_tracebacks=False",
               "--Voila.ip=127.0.0.1", f"--port={port}"]
    if not open_browser:
        command.append("--no-browser")
    return command


def voila_environment(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment with ``tools/voila`` and the icons' folder first on ``JUPYTER_PATH``."""
    env = dict(os.environ if environ is None else environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(TEMPLATES), str(STATIC_ROOT),
                                                        env.get("JUPYTER_PATH", "")]))
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER,
                        help="folder of notebooks (default: student/notebooks)")
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder (run `make student` first for student/notebooks)")
    install_icons()
    write_index_titles()
    command = voila_command(args.folder, args.port, not args.no_browser)
    print(f"Presenter mode: http://127.0.0.1:{args.port}/  (Ctrl-C to stop)", flush=True)
    os.execve(command[0], command, voila_environment())
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
