"""Where a slider move's time goes between the key press and the new picture, stage by stage.

``bench_browser.py`` measures the whole (key press to decoded picture) and the kernel's own
update; this script splits the rest.  It opens one notebook in JupyterLab in headless Chromium,
wraps the page's WebSocket before JupyterLab starts (every kernel message it sends or receives is
logged with the page's clock and the message's own header: type, id, parent, and the ``date``
the sender stamped on it), presses the arrow key on the first explorer's main slider a number of
times, waiting for quiet after each, and prints the median and p95 of each stage:

1. key press → the widget's ``update`` message leaves the page (front end);
2. → the kernel reports ``busy`` for it (the server's relay and the kernel's dispatch);
3. → the explorer's update starts (the kernel's handling before the update: deserialise, set
   the trait, observers);
4. the update itself (the explorer's ``data-kernel-ms``);
5. → the picture's message is stamped by the kernel (sending the caption and picture);
6. → the picture's message reaches the page (the kernel's IOPub, the server, the socket);
7. → the ``<img>`` gets its new address (widget manager and view);
8. → the picture is decoded.

Kernel and page share this machine's clock (the page's ``performance.now()`` aligned once with
``Date.now()``, the kernel's ``date`` header in UTC); stage 3 is the kernel's busy stamp to
the picture's stamp minus the update, so it also holds whatever the kernel sends before the picture.
Self-check: the stages of each press must add up to its key-to-decoded time within 2 ms and no
stage may be negative by more than 2 ms (clock rounding), or the script exits 1.

Run: ``.venv/bin/python benchmarks/trace_update.py [03] [presses]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_browser import QUIET, main_slider, time_updates_in_kernels  # noqa: E402
from calibration import calibration_ms  # noqa: E402

from tests.browser.lab import CHROMIUM_ARGS, chromium_path, open_and_run, running_lab  # noqa: E402
from tools.registry import notebook_paths  # noqa: E402

SOCKET_LOG = r"""
(() => {
  const log = window.__ws = [];
  // performance.timeOrigin may differ from the system clock by tens of ms; align it with Date.now()
  // (the clock the kernel stamps with) once, keeping performance.now()'s resolution.
  const offset = Date.now() - (performance.timeOrigin + performance.now());
  const now = window.__now = () => performance.timeOrigin + performance.now() + offset;
  const text = new TextDecoder();
  function parse(data) {
    try {
      if (typeof data === 'string') {
        const m = JSON.parse(data);
        return {channel: m.channel, header: m.header, parent: m.parent_header, content: m.content,
                nbuf: (m.buffers || []).length};
      }
      const view = new DataView(data);
      const n = Number(view.getBigUint64(0, true));  // offsets, the last one is the end
      const offsets = [];
      for (let i = 0; i < n; i++) offsets.push(Number(view.getBigUint64(8 * (i + 1), true)));
      const part = i => text.decode(new Uint8Array(data, offsets[i], offsets[i + 1] - offsets[i]));
      return {channel: part(0), header: JSON.parse(part(1)), parent: JSON.parse(part(2)),
              content: JSON.parse(part(4)), nbuf: Math.max(0, n - 6)};
    } catch (e) { return null; }
  }
  function record(direction, data) {
    const t = now();
    const m = parse(data);
    if (!m || !m.header) return;
    const type = m.header.msg_type;
    if (type !== 'comm_msg' && type !== 'status') return;
    log.push({direction, t, type, id: m.header.msg_id, parent: (m.parent || {}).msg_id,
              date: m.header.date, nbuf: m.nbuf,
              method: type === 'comm_msg' ? ((m.content || {}).data || {}).method : null,
              state: type === 'status' ? (m.content || {}).execution_state : null});
  }
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('message', event => record('in', event.data));
    const send = socket.send.bind(socket);
    socket.send = data => { record('out', data); return send(data); };
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""

WATCH = """([area, slider]) => {
    const img = area.querySelector('img');
    const now = window.__now;
    const w = window.__trace = {presses: [], changes: [], decoded: {}};
    new MutationObserver(() => {
        const t = now();
        w.changes.push(t);
        img.decode().then(() => { w.decoded[t] = now(); }, () => { w.decoded[t] = t; });
    }).observe(img, {attributes: true, attributeFilter: ['src']});
    slider.addEventListener('keydown', () => w.presses.push(now()), true);
}"""

KERNEL_MS = """(area) => {
    const c = area.querySelector('.relmark-render');
    return c && c.dataset.kernelMs !== undefined ? Number(c.dataset.kernelMs) : null;
}"""

STAGES = ["front end", "relay to kernel", "kernel before update", "update", "sending",
          "back to page", "widget view", "decode"]


def epoch_ms(date: str) -> float:
    return datetime.fromisoformat(date.replace("Z", "+00:00")).timestamp() * 1000.0


def one_press(page, area, handle, key: str) -> list[float] | None:
    before = page.evaluate("() => [window.__ws.length, window.__trace.changes.length]")
    handle.press(key)
    started, count, last = time.monotonic(), before[1], time.monotonic()
    while time.monotonic() - last < QUIET and time.monotonic() - started < 6:
        time.sleep(0.03)
        now_count = page.evaluate("() => window.__trace.changes.length")
        if now_count != count:
            count, last = now_count, time.monotonic()
    time.sleep(0.1)
    ws, trace = page.evaluate("() => [window.__ws, window.__trace]")
    kernel_ms = page.evaluate(KERNEL_MS, area.element_handle())
    log = ws[before[0]:]
    changes = trace["changes"][before[1]:]
    if len(changes) != 1 or not trace["presses"]:
        return None
    press = trace["presses"][-1]
    sent = next((m for m in log if m["direction"] == "out" and m["type"] == "comm_msg"), None)
    if sent is None:
        return None
    busy = next((m for m in log if m["direction"] == "in" and m["type"] == "status"
                 and m["parent"] == sent["id"] and m["state"] == "busy"), None)
    picture = next((m for m in log if m["direction"] == "in" and m["type"] == "comm_msg"
                    and m["parent"] == sent["id"] and m["nbuf"] > 0), None)
    if busy is None or picture is None or kernel_ms is None:
        return None
    changed = changes[0]
    decoded = trace["decoded"].get(str(changed)) or trace["decoded"].get(changed)
    if decoded is None:
        return None
    busy_at, picture_at = epoch_ms(busy["date"]), epoch_ms(picture["date"])
    before_update = picture_at - busy_at - kernel_ms
    stages = [sent["t"] - press, busy_at - sent["t"], before_update, kernel_ms, 0.0,
              picture["t"] - picture_at, changed - picture["t"], decoded - changed]
    # "sending" is inside the kernel's stamp; kept as a column so the sum is explicit.
    total = decoded - press
    if os.environ.get("TRACE_DEBUG"):
        for m in log:
            print(f"{m['direction']:>3} t={m['t'] - press:8.1f} date={epoch_ms(m['date']) - press:8.1f} "
                  f"{m['type']} {m['method'] or m['state'] or ''} nbuf={m['nbuf']} "
                  f"parent={'sent' if m['parent'] == sent['id'] else (m['parent'] or '')[:8]}")
        print("changed", changed - press, "decoded", decoded - press, "kernel", kernel_ms)
    if abs(sum(stages) - total) > 2 or min(stages) < -2:
        raise SystemExit(f"SELF-CHECK FAILED: stages {np.round(stages, 1)} vs total {total:.1f}")
    return stages + [total]


def main(argv: list[str]) -> int:
    chromium = chromium_path()
    if chromium is None:
        print("Chromium not found: install it (sudo apt install chromium) to run this trace.")
        return 0
    from playwright.sync_api import sync_playwright

    number = argv[0] if argv else "03"
    presses = int(argv[1]) if len(argv) > 1 else 15
    path = next(p for p in notebook_paths() if p.name.startswith(number))
    load_before = os.getloadavg()
    calibration = calibration_ms()
    rows = []
    time_updates_in_kernels()
    with tempfile.TemporaryDirectory() as home, running_lab(Path(home)) as base, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.add_init_script(SOCKET_LOG)
        open_and_run(page, base, path.name)
        area = page.locator(".jp-OutputArea-output:has(.widget-slider):has(img)").first
        area.wait_for(timeout=60_000)
        area.scroll_into_view_if_needed()
        slider = main_slider(area, None)
        page.evaluate(WATCH, [area.element_handle(), slider.element_handle()])
        handle = slider.locator(".noUi-handle")
        handle.focus()
        for k in range(presses):
            row = one_press(page, area, handle, "ArrowRight" if k % 2 == 0 else "ArrowLeft")
            if row is not None:
                rows.append(row)
        browser.close()
    load_after = os.getloadavg()
    print(f"calibration: full redraw of the reference figure {calibration:.0f} ms; load average "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after; notebook {path.name}, "
          f"{len(rows)} of {presses} presses traced")
    if not rows:
        print("SELF-CHECK FAILED: no press could be traced")
        return 1
    table = np.array(rows)
    print("| stage | p50 (ms) | p95 (ms) | share of p50 total |")
    print("|---|---|---|---|")
    total50 = float(np.median(table[:, -1]))
    for k, name in enumerate(STAGES + ["key press → decoded picture"]):
        p50, p95 = np.median(table[:, k]), np.percentile(table[:, k], 95)
        print(f"| {k + 1 if k < len(STAGES) else ''} {name} | {p50:.1f} | {p95:.1f} | "
              f"{p50 / total50:.0%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
