"""Driving the Streamlit app in a real browser: wait for reruns, click, tap and swipe the map
(the map component of tpatlas.mapview) at data coordinates."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float, alive: Callable[[], None] = lambda: None) -> bool:
    """Poll Streamlit's health endpoint under ``url`` until it answers 200 (True) or ``timeout``
    seconds pass (False); ``alive`` is called before each try and may raise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive()
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


class AppServer:
    """A `streamlit run` process on a free local port."""

    def __init__(self, env: dict[str, str] | None = None, script: str = "streamlit_app.py") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [
            sys.executable, "-m", "streamlit", "run", str(ROOT / script),
            "--server.headless", "true", "--server.port", str(self.port),
            "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 60) -> None:
        def alive() -> None:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.proc.stderr.read().decode()[-2000:]}")

        if not wait_healthy(self.url, timeout, alive):
            raise RuntimeError("streamlit did not become healthy in time")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]'
MAP = ".tpa-map"  # the map component's element (tpatlas.mapview)
CHART = ".tpa-map .tpa-map-plot.js-plotly-plot"  # its Plotly graph, once drawn


# Installed in every page of a context before its scripts run: notes when the user last acted
# (pointer, key, change, history) and when a script run was last seen, so a wait can tell
# "this action's rerun has not started yet" from "there is nothing to wait for".
_WATCH = """(() => {
    if (window.__tpaWatch) return;
    const w = window.__tpaWatch = {input: 0, run: 0};
    // installed late (the page was opened before its context was watched): take an idle app
    // as having run; every page.goto in the tests comes after watch(), so this is rare
    if (document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]'))
        w.run = performance.now();
    const acted = () => { w.input = performance.now(); };
    for (const type of ['pointerup', 'click', 'keydown', 'change', 'touchend', 'popstate'])
        window.addEventListener(type, acted, true);
    new MutationObserver((records) => {
        const running = (r) => r.oldValue === 'running'
            || r.target.getAttribute(r.attributeName) === 'running';
        if (records.some(running))
            w.run = performance.now();
    }).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                          attributeFilter: ['data-test-script-state']});
})()"""
# Idle: connected, no script running, a run seen since the page opened, and none still to come
# for the last action (one that makes no rerun is let go after NO_RERUN_MS).
NO_RERUN_MS = 1500
_SETTLED = f"""() => {{
    const w = window.__tpaWatch;
    if (!document.querySelector('{IDLE}') || !w || !w.run) return false;
    return w.run >= w.input || performance.now() - w.input > {NO_RERUN_MS};
}}"""


def watch(context) -> None:
    """Install the action/run watcher in every page of ``context`` (once per context)."""
    if not getattr(context, "_tpa_watch", False):
        context.add_init_script(_WATCH)
        context._tpa_watch = True


def wait_idle(page, timeout: float = 30_000, chart: bool = True) -> None:
    """Wait until the rerun of the last action has finished (or that action made none), and,
    with ``chart``, until the page's map is drawn."""
    watch(page.context)
    page.evaluate(_WATCH)  # a page opened before the context was watched
    page.wait_for_function(_SETTLED, timeout=timeout, polling=50)
    if chart:
        page.wait_for_selector(f"{CHART} .main-svg", timeout=timeout)


# A page load (a new session: ~5 MB, the first run, the map drawn) can take tens of seconds on
# a machine under heavy load (one took over 30 s with the suite beside a CPU burner on 2 cores).
LOAD_TIMEOUT = 90_000


def open_app(page, url: str, chart: bool = True) -> None:
    watch(page.context)
    page.goto(url, timeout=LOAD_TIMEOUT)
    wait_idle(page, timeout=LOAD_TIMEOUT, chart=chart)


def reload_app(page, chart: bool = True) -> None:
    """Reload the page (a new session, rebuilt from its URL) and wait until it is idle."""
    page.reload(timeout=LOAD_TIMEOUT)
    wait_idle(page, timeout=LOAD_TIMEOUT, chart=chart)


# ([x, y, selector, n]) -> viewport pixels of data (x, y) in the n-th graph matching selector,
# scrolled into view first if need be. The page scrolls inside Streamlit's main element, not the
# window (and on a phone a tap scrolls to the result), so the nearest scrolling ancestor is
# scrolled, at once (no smooth scrolling), to bring the spot to the middle. The benchmark uses it too.
SPOT_IN_VIEW = """([x, y, sel, n]) => {
    const gd = document.querySelectorAll(sel)[n];
    const where = () => {
        const L = gd._fullLayout, box = gd.getBoundingClientRect();
        return [box.left + L.xaxis._offset + L.xaxis.l2p(x), box.top + L.yaxis._offset + L.yaxis.l2p(y)];
    };
    const [px, py] = where(), h = window.innerHeight;
    if (py > 80 && py < h - 20) return [px, py];  // clear of the app's fixed header bar
    let el = gd.parentElement;
    while (el && !(el.scrollHeight > el.clientHeight + 1 &&
                   /(auto|scroll)/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
    (el || window).scrollBy({top: py - h / 2, behavior: 'instant'});
    return where();
}"""


def data_to_page(page, x: float, y: float, chart: int = 0) -> tuple[float, float]:
    """Viewport pixel coordinates of the data point (x, y) in the n-th map, scrolled into view."""
    px, py = page.evaluate(SPOT_IN_VIEW, [x, y, CHART, chart])
    return px, py


def map_selected(page, chart: int = 0) -> list[str]:
    """What the n-th map shows as selected (a region, or marked zone keys)."""
    value = page.evaluate(f"(n) => document.querySelectorAll('{MAP}')[n].dataset.selected", chart)
    return [v for v in (value or "").split(",") if v]


# Any change of the script state after the click means a run started. A fast run can go
# from running back to notRunning before the observer is called, so the records' old
# values are checked too, not only the state at call time.
_WATCH_RUN = """() => {
    window.__ran = false;
    const app = document.querySelector('[data-testid="stApp"]');
    const obs = new MutationObserver((records) => {
        if (records.some(r => r.oldValue === 'running') ||
                app.getAttribute('data-test-script-state') === 'running') {
            window.__ran = true;
            obs.disconnect();
        }
    });
    obs.observe(app, {attributes: true, attributeOldValue: true,
                      attributeFilter: ['data-test-script-state']});
}"""


def _ran(page, timeout: float) -> bool:
    try:
        page.wait_for_function("() => window.__ran === true", timeout=timeout)
    except PlaywrightTimeout:
        return False
    return True


def click_data(page, x: float, y: float, chart: int = 0, tries: int = 1) -> bool:
    """Click the map at data coordinates as a person would: move there, wait until the map
    names what is under the pointer, press and release; wait for the rerun. Returns whether
    the click made the page rerun (with ``tries`` > 1, click again if it did not)."""
    for _ in range(tries):
        px, py = data_to_page(page, x, y, chart)
        page.mouse.move(px, py)
        with contextlib.suppress(PlaywrightTimeout):  # nothing under the pointer: click anyway
            page.wait_for_selector(f"{MAP} .tpa-map-tip", state="visible", timeout=3_000)
        page.evaluate(_WATCH_RUN)
        page.mouse.down()
        page.mouse.up()
        if _ran(page, 5_000):
            wait_idle(page)
            return True
    wait_idle(page)
    return False


def tap_data(page, x: float, y: float, chart: int = 0) -> bool:
    """One tap (touch emulation) at data coordinates; returns whether the page reran."""
    px, py = data_to_page(page, x, y, chart)
    page.evaluate(_WATCH_RUN)
    page.touchscreen.tap(px, py)
    ran = _ran(page, 5_000)
    wait_idle(page)
    return ran


def swipe_up(page, x: float, y: float, distance: float = 300) -> None:
    """A finger put down at (x, y) that moves up ``distance`` px and lifts (touch emulation)."""
    cdp = page.context.new_cdp_session(page)
    steps = 8

    def touch(kind: str, yy: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": x, "y": yy, "id": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", y)
    for i in range(1, steps + 1):
        touch("touchMove", y - distance * i / steps)
        time.sleep(0.02)
    touch("touchEnd", y - distance)
    cdp.detach()


def query_param(page, name: str) -> str | None:
    return page.evaluate(f"new URLSearchParams(window.location.search).get('{name}')")


def choose_option(page, label: str, option: str) -> None:
    """Pick ``option`` in the select box labelled ``label``: open it, type the option's name
    (the list shows only the options in view, so a far one must be filtered to), click it."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.press_sequentially(option)
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)
