"""Browser tests: a real `streamlit run` server driven by Playwright in Debian's Chromium.

The browser, context and page fixtures come from pytest-playwright (one browser per test worker,
a fresh context and page for each test); here they are pointed at Debian's Chromium and the
app's viewport. `make test` passes `--tracing retain-on-failure --screenshot only-on-failure`,
so a failed browser test leaves its Playwright trace and a screenshot in test-results/.
One server serves the whole session (per worker).
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.helpers import CHROMIUM_ARGS, AppServer
from tpatlas.data import PACKAGED_DATA, Atlas, load_atlas_from
from tpatlas.views import VIEWS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
VIEWPORT = {"width": 1400, "height": 1000}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def app_server() -> Iterator[AppServer]:
    server = AppServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium, headless, with no background traffic (Playwright's download is not used)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make browser` (make test does it)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": VIEWPORT}


@pytest.fixture(scope="session")
def full_atlas() -> Atlas:
    """Every zone of every view: what a page draws (its figure holds all views; the first frame
    shows the whole body)."""
    return load_atlas_from(PACKAGED_DATA)


@pytest.fixture(scope="session")
def atlas(full_atlas: Atlas) -> Atlas:
    """The atlas as the maps first show it: only the zones drawn in the whole-body view (front,
    back, soles). The side profiles and close-ups lie outside that frame, so a spot taken from
    them would be a click beside the map."""
    whole = VIEWS["whole"]
    return dataclasses.replace(full_atlas, features=tuple(f for f in full_atlas.features if whole.frames(f)))
