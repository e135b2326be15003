"""Driving the Streamlit app in a real browser: wait for reruns, click data coordinates."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
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
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.proc.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not become healthy in time")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]'
CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot'


def wait_idle(page, timeout: float = 30_000, chart: bool = True) -> None:
    """Wait until the script has finished its rerun (after a short pause for it to start)."""
    time.sleep(0.25)
    page.wait_for_selector(IDLE, timeout=timeout)
    if chart:
        page.wait_for_selector(CHART, timeout=timeout)


def open_app(page, url: str, chart: bool = True) -> None:
    page.goto(url)
    wait_idle(page, chart=chart)


def data_to_page(page, x: float, y: float, chart: int = 0) -> tuple[float, float]:
    """Page pixel coordinates of the data point (x, y) in the n-th Plotly chart."""
    return page.evaluate(
        f"""([x, y, n]) => {{
            const gd = document.querySelectorAll('{CHART}')[n];
            const L = gd._fullLayout, box = gd.getBoundingClientRect();
            return [box.left + L._size.l + L.xaxis.l2p(x), box.top + L._size.t + L.yaxis.l2p(y)];
        }}""",
        [x, y, chart],
    )


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


def click_data(page, x: float, y: float, chart: int = 0, tries: int = 3) -> None:
    """Click the map at data coordinates as a person would: move there, wait until the chart
    shows its hover label, press and release; if the page does not react (the chart was
    still being redrawn), click again, as a person would."""
    for _ in range(tries):
        px, py = data_to_page(page, x, y, chart)
        page.mouse.move(px, py)
        time.sleep(0.15)
        with contextlib.suppress(PlaywrightTimeout):  # nothing under the pointer: click anyway
            page.wait_for_function(
                f"(n) => (document.querySelectorAll('{CHART}')[n]._hoverdata || []).length > 0",
                arg=chart,
                timeout=5_000,
            )
        page.evaluate(_WATCH_RUN)
        page.mouse.down()
        page.mouse.up()
        try:
            page.wait_for_function("() => window.__ran === true", timeout=3_000)
        except PlaywrightTimeout:
            page.mouse.move(1, 1)  # leave the chart, then try again
            time.sleep(0.3)
            continue
        wait_idle(page)
        return
    wait_idle(page)


def query_param(page, name: str) -> str | None:
    return page.evaluate(f"new URLSearchParams(window.location.search).get('{name}')")


def choose_option(page, label: str, option: str) -> None:
    """Pick ``option`` in the select box labelled ``label``, using the keyboard-free list."""
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)
