"""Shared fixtures: the atlas, a writable copy of the data folder, and AppTest runners."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tpatlas.data import PACKAGED_DATA, Atlas, load_atlas_from

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    return load_atlas_from(PACKAGED_DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of data/ that a test may break."""
    dest = tmp_path / "data"
    shutil.copytree(PACKAGED_DATA, dest)
    return dest


def run_page(page: str = "pages/body_map.py", timeout: float = 30, **query: str) -> AppTest:
    """Run one page through the router (so page config and navigation apply)."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "pages/body_map.py":
        at.switch_page(page)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
    return at


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long runs (marker ``slow``) first: pytest-xdist hands out files in collection order,
    so a long file collected last would run alone at the end while the other worker idles."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: order kept
