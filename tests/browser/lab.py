"""A JupyterLab server and helpers for driving it, shared by the browser tests and benchmarks."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
TOKEN = "relmark-browser-tests"


def chromium_path() -> str | None:
    """The system's Chromium, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_lab(home: Path):
    """Start JupyterLab on a free port with isolated settings in ``home``; yield its base URL.

    The server serves a copy of ``notebooks/`` and ``data/``, with autosave off and every
    cell rendered (no windowing), so that nothing a test does can change the checkout.
    """
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
                 "JUPYTERLAB_WORKSPACES_DIR"):
        env[name] = str(home / name.lower())
        Path(env[name]).mkdir()
    labconfig = Path(env["JUPYTER_CONFIG_DIR"]) / "labconfig"
    labconfig.mkdir()
    # JupyterLab's debugger is not the workbook's to test, and it races the tests' kernel sharing:
    # when one kernel passes from a closed notebook to the next, the debugger's request for the
    # kernel's state may be cancelled, and it logs that as a console error (a CI run failed so).
    (labconfig / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True,
                                "@jupyterlab/debugger-extension": True}}))
    # Render every cell (no windowing), so that widgets far down the page are in the DOM.  (The
    # default, "contentVisibility", costs the browser as much here: Run All scrolls through it.)
    tracker = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    docmanager = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    # Serve a copy of the notebooks, so that nothing a test does can change the originals.
    served = home / "workbook"
    for folder in ("notebooks", "data"):  # notebooks may read ../data/... as in the checkout
        shutil.copytree(ROOT / folder, served / folder,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    port = _free_port()
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
               "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
               "--ServerApp.open_browser=False", "--LabApp.expose_app_in_browser=True"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (home / "server.log").open("w")
    server = subprocess.Popen(command, cwd=served, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.terminate()
                log.close()
                log_text = (home / "server.log").read_text()
                raise RuntimeError("JupyterLab did not start: " + log_text) from None
            time.sleep(0.3)
    try:
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()




class RunAllError(AssertionError):
    """Run All did not start or finish."""


def _accept_dialog(page) -> None:
    """Accept a dialog JupyterLab put up (e.g. a kernel choice on a slow start), saying which."""
    dialog = page.locator(".jp-Dialog")
    if dialog.count():
        print(f"JupyterLab dialog accepted: {dialog.first.inner_text()[:300]!r}", file=sys.stderr)
        dialog.locator(".jp-Dialog-button.jp-mod-accept").first.click()
        dialog.first.wait_for(state="detached", timeout=15_000)


def shut_down_sessions(base: str) -> None:
    """End the notebook sessions (and their kernels) earlier tests left running on the server."""
    with urllib.request.urlopen(f"{base}/api/sessions?token={TOKEN}", timeout=10) as reply:
        sessions = json.load(reply)
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={TOKEN}",
                                         method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def _click_run_all(page) -> None:
    """Run > Run All Cells, through the menu as a student would."""
    _accept_dialog(page)
    page.locator("li.lm-MenuBar-item", has_text="Run").first.click()
    page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()


# The notebook the page shows (the only document open in it), as the in-page scripts find it.
NOTEBOOK_PANEL = "Array.from(window.jupyterapp.shell.widgets('main'))" \
    ".find(w => w.content && w.sessionContext)"
# Every promise an in-page script awaits is raced against a clock (Playwright's evaluate has no
# time limit of its own): a kernel connection that never opens fails the script, with what it
# waited for, instead of leaving the test waiting for ever (as one run did).
IN_PAGE_LIMIT = 60
"""Seconds an in-page script waits for one thing (a document opening, a kernel's answer, a cell)."""
WITHIN = f"""const within = (promise, what, seconds = {IN_PAGE_LIMIT}) => Promise.race([promise,
    new Promise((_, reject) => setTimeout(
        () => reject(new Error(what + ': not done in ' + seconds + ' s')), seconds * 1000))]);"""
CLOSE_ALL_IN_APP = """() => {
    for (const widget of Array.from(window.jupyterapp.shell.widgets('main'))) {
        if (widget.context) { widget.context.model.dirty = false; }  // no "save changes?" dialog
        widget.dispose();
    }
}"""
OPEN_IN_APP = f"""async ([path, kernel]) => {{
    {WITHIN}
    const opened = await within(window.jupyterapp.commands.execute('docmanager:open',
        kernel ? {{path, kernel: {{id: kernel}}}} : {{path}}), 'opening ' + path);
    await within(opened.context.ready, 'reading ' + path);
}}"""
# The kernel of the notebook shown, after its widgets are closed in it (so that the next notebook
# on this kernel finds none to restore); null if it has none.
KERNEL_CLEARED_IN_APP = f"""async () => {{
    const panel = {NOTEBOOK_PANEL};
    const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
    if (!kernel) {{ return null; }}
    {WITHIN}
    await within(kernel.requestExecute({{code: 'import ipywidgets; ipywidgets.Widget.close_all()',
                                         silent: true, store_history: false}}).done,
                 'closing the widgets in the kernel');
    return kernel.id;
}}"""


def _open(page, base: str, name: str, same_kernel: bool = False) -> None:
    """Show ``notebooks/name`` as the only document of the page, with a new kernel, or with the
    previous notebook's (``same_kernel``, its widgets closed) where the page shows one.

    The first notebook loads JupyterLab into the page; later ones open inside the same page
    (JupyterLab's ``docmanager:open`` command, after the previous notebook is closed and its
    kernel ended or kept), which spares the browser loading and compiling JupyterLab again.
    Returns once the notebook's kernel has answered (a dialog JupyterLab put up accepted), so
    that closing the notebook later cancels nothing JupyterLab still waits for.  Where a kernel
    was to be passed on and the page could not take it (the kernel did not answer, the notebook
    did not open with it), ``KernelNotPassedOn`` is raised.
    """
    in_app = page.url.startswith(base) and page.evaluate("() => Boolean(window.jupyterapp)")
    kernel = None
    if in_app and same_kernel:
        try:
            kernel = page.evaluate(KERNEL_CLEARED_IN_APP)
        except PlaywrightError as error:
            raise KernelNotPassedOn(_first_line(error)) from error
    if in_app:
        page.evaluate(CLOSE_ALL_IN_APP)
    if kernel is None:
        shut_down_sessions(base)  # one kernel at a time, as on a student's machine
    try:
        if in_app:
            page.evaluate(OPEN_IN_APP, [f"notebooks/{name}", kernel])
        else:
            workspace = re.sub(r"\W", "-", name)  # a fresh workspace: no tabs left from other tests
            page.goto(f"{base}/lab/workspaces/{workspace}/tree/notebooks/{name}?reset&token={TOKEN}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached",
                               timeout=IN_PAGE_LIMIT * 1000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                               timeout=IN_PAGE_LIMIT * 1000)
        _accept_dialog(page)
        page.evaluate(KERNEL_READY_IN_APP)
    except PlaywrightError as error:
        if kernel is None:
            raise  # a notebook that does not open with a kernel of its own: a failure
        raise KernelNotPassedOn(_first_line(error)) from error


class KernelNotPassedOn(Exception):
    """The previous notebook's kernel could not be passed on to the next notebook."""


def _first_line(error: Exception) -> str:
    """The first line of an error's message (Playwright's go on with the page's call log)."""
    return str(error).splitlines()[0]


def _errors_shown(page) -> list[str]:
    """The ends of the error and stderr outputs the page shows (for a failure's message)."""
    errors = page.locator(".jp-OutputArea-output[data-mime-type*='stderr'], "
                          ".jp-OutputArea-output[data-mime-type*='error']").all_text_contents()
    return [e[-600:] for e in errors]


def _wait_for_last_pictures(page) -> None:
    """The last outputs (a widget's first picture) may land just after the last prompt."""
    page.wait_for_function("""() => [...document.querySelectorAll('.jp-OutputArea img')]
        .every(i => i.complete)""", timeout=30_000)
    time.sleep(0.3)


def open_and_run(page, base: str, name: str, timeout: float = 180) -> None:
    """Open ``notebooks/name`` (see ``_open``), clear its outputs, Run All and wait."""
    _open(page, base, name)
    # Clear the stored outputs first, so that "done" means this run's outputs are there.
    page.locator("li.lm-MenuBar-item", has_text="Edit").first.click()
    page.locator("li.lm-Menu-item[data-command='editmenu:clear-all']").click()
    page.wait_for_function("""() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
        .every(p => !/\\d/.test(p.textContent))""", timeout=15_000)
    _click_run_all(page)
    # Done when every code cell shows an execution number again.
    deadline = time.monotonic() + timeout
    retry_at = time.monotonic() + 20  # a menu click the page missed: nothing started
    prompts: list[str] = []
    while time.monotonic() < deadline:
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()
        if prompts and all(re.fullmatch(r"\[\d+\]:", p.strip()) for p in prompts):
            break
        if retry_at and time.monotonic() > retry_at:
            retry_at = 0
            if all(p.strip() == "[ ]:" for p in prompts):
                _click_run_all(page)
        time.sleep(0.25)
    else:
        raise RunAllError(f"{name}: Run All did not finish in {timeout:.0f} s; prompts: {prompts}; "
                          f"errors shown: {_errors_shown(page)}")
    _wait_for_last_pictures(page)


KERNEL_READY_IN_APP = f"""async () => {{
    {WITHIN}
    const panel = {NOTEBOOK_PANEL};
    await within(panel.sessionContext.ready, "the notebook session");
    await within(panel.sessionContext.session.kernel.info, "the kernel's first answer");
}}"""
RUN_CELLS_IN_APP = f"""async ([positions, seconds]) => {{
    const app = window.jupyterapp;
    const panel = {NOTEBOOK_PANEL};
    app.shell.activateById(panel.id);  // the run command acts on the notebook in focus
    const notebook = panel.content;
    const code = notebook.widgets.map((cell, at) => [cell, at]).filter(([c]) => c.model.type === 'code');
    for (const k of positions) {{  // "done" below means this run's prompts, not the stored ones
        code[k][0].model.executionCount = null;
    }}
    {WITHIN}
    for (const k of positions) {{
        notebook.activeCellIndex = code[k][1];
        notebook.deselectAll();
        await within(app.commands.execute('notebook:run-cell'), 'running code cell ' + k, seconds);
    }}
}}"""
PROMPTS_OF = """(positions) => {
    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
    return positions.map(k => prompts[k].textContent.trim());
}"""


def open_and_run_cells(page, base: str, name: str, positions: list[int], timeout: float = 180) -> None:
    """Open ``notebooks/name`` with its stored outputs (see ``_open``) and run, in this order, the
    code cells at ``positions`` (among the code cells, from 0); wait for them.

    The kernel is the previous notebook's, if the page shows one (``_open``'s ``same_kernel``):
    a kernel's start and the workbook's imports are paid once per page, not once per notebook.
    (Each notebook's run in a new kernel of its own is nbval's.)
    """
    logged = getattr(page, "console_errors", [])
    before = len(logged)
    try:
        _open(page, base, name, same_kernel=True)
    except KernelNotPassedOn as error:
        # Passing a kernel from one notebook to the next is this file's shortcut, not a student's
        # way: where the page did not get the kernel back, the notebook is opened as the first
        # one of a file is, with a new kernel; what the failed attempt logged is set aside.
        page.goto("about:blank")
        set_aside = logged[before:]
        del logged[before:]
        warnings.warn(f"{name}: the previous notebook's kernel did not answer ({error}); opened "
                      f"with a new kernel. Console errors set aside: {set_aside}", stacklevel=2)
        _open(page, base, name)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                           timeout=IN_PAGE_LIMIT * 1000)
    if not positions:
        time.sleep(0.3)  # let a late error output or console error arrive
        return
    try:
        page.evaluate(RUN_CELLS_IN_APP, [positions, timeout])
    except PlaywrightError as error:
        raise RunAllError(f"{name}: {_first_line(error)}; errors shown: "
                          f"{_errors_shown(page)}") from error
    prompts: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        prompts = page.evaluate(PROMPTS_OF, positions)
        # the cells ran, one after another: [n], [n + 1], ...
        numbers = [int(p[1:-2]) if re.fullmatch(r"\[\d+\]:", p) else None for p in prompts]
        if None not in numbers and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            break
        time.sleep(0.1)
    else:
        raise RunAllError(f"{name}: the cells {positions} did not finish in {timeout:.0f} s; "
                          f"prompts: {prompts}; errors shown: {_errors_shown(page)}")
    _wait_for_last_pictures(page)
