"""The container image, built and run: `make image-smoke` (marker ``image``; needs podman or docker).

The image (``TPATLAS_IMAGE``, default ``tpatlas:latest``, built by `make image`) is started as
compose.yaml starts a replica (under ``/atlas/``, a cookie secret from the environment) and
checked from outside: it runs as the non-root user, its HEALTHCHECK command passes inside it,
the app answers in Chromium (a click on the map fills the table) and its PDF carries the bundled
font. ``TPATLAS_IMAGE_ENGINE`` (e.g. ``podman --runtime runc``) and ``TPATLAS_IMAGE_RUN_FLAGS``
(e.g. ulimits a VM allows) adapt the engine to the machine.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from tests.browser.helpers import (
    CHROMIUM_ARGS,
    click_data,
    free_port,
    open_app,
    query_param,
    wait_healthy,
)
from tpatlas.data import load_atlas
from tpatlas.geometry import label_point

pytestmark = [pytest.mark.image, pytest.mark.timeout(600)]

IMAGE = os.environ.get("TPATLAS_IMAGE", "tpatlas:latest")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BASE_PATH = "atlas"  # as compose.yaml runs the replicas


def engine() -> list[str]:
    named = os.environ.get("TPATLAS_IMAGE_ENGINE") or shutil.which("podman") or shutil.which("docker")
    if not named:
        pytest.fail("neither podman nor docker is installed: see README, 'One container'")
    return shlex.split(named)


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*engine(), *args], capture_output=True, text=True, timeout=120, check=check)


class Container:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/{BASE_PATH}"
        flags = shlex.split(os.environ.get("TPATLAS_IMAGE_RUN_FLAGS", ""))
        self.id = run(
            "run", "-d", "-p", f"127.0.0.1:{self.port}:8501", *flags,
            "-e", f"STREAMLIT_SERVER_BASE_URL_PATH={BASE_PATH}",
            "-e", f"STREAMLIT_SERVER_COOKIE_SECRET={secrets.token_hex(16)}",
            IMAGE,
        ).stdout.strip()  # fmt: skip

    def wait_healthy(self, timeout: float = 90) -> None:
        if not wait_healthy(self.url, timeout):
            logs = run("logs", self.id, check=False)
            raise AssertionError(f"the container is not healthy: {(logs.stdout + logs.stderr)[-2000:]}")

    def stop(self) -> None:
        run("rm", "-f", self.id, check=False)


@pytest.fixture(scope="module")
def container() -> Iterator[Container]:
    if run("image", "inspect", IMAGE, check=False).returncode != 0:
        pytest.fail(f"no image {IMAGE}: run `make image` first (make image-smoke does)")
    c = Container()
    try:
        c.wait_healthy()
        yield c
    finally:
        c.stop()


def test_runs_as_a_non_root_user_and_its_health_check_passes(container):
    image = json.loads(run("image", "inspect", IMAGE).stdout)[0]
    config = image["Config"]
    assert config["User"] == "atlas"
    assert run("exec", container.id, "id", "-u").stdout.strip() == "10001"
    check = config.get("Healthcheck") or image.get("Healthcheck") or {}  # docker / podman
    test = check.get("Test") or []
    assert test and test[0] in ("CMD", "CMD-SHELL"), "no HEALTHCHECK kept (podman: build --format docker)"
    command = ["sh", "-c", test[1]] if test[0] == "CMD-SHELL" else test[1:]
    assert run("exec", container.id, *command, check=False).returncode == 0  # under /atlas/ too
    # the app reads the data installed with the package: the checkout's folders are not in the image
    assert run("exec", container.id, "ls", "/app/data", check=False).returncode != 0


def test_the_app_in_the_image_answers_a_click_and_prints_with_its_font(container, tmp_path):
    from playwright.sync_api import sync_playwright

    atlas = load_atlas()
    heel = next(f for f in atlas.features if f.region == "heel")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
            open_app(page, f"{container.url}/")
            assert click_data(page, *label_point(heel), tries=2)
            assert query_param(page, "region") == "heel"
            assert page.get_by_role("heading", name="Trigger points in the heel").is_visible()
            tp = atlas.trigger_points.index[0]
            open_app(page, f"{container.url}/plan?plan=v1.s3.w2.m30.d20250602.{tp}-r", chart=False)
            button = page.get_by_role("button", name="Download the handout (PDF)")
            button.wait_for(timeout=90_000)
            with page.expect_download(timeout=60_000) as info:
                button.click()
            path = tmp_path / "handout.pdf"
            info.value.save_as(path)
        finally:
            browser.close()
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert b"DejaVu" in pdf  # the bundled font, not the Latin-1 fallback
