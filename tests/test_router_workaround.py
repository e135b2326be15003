"""The one workaround for Streamlit's old pages-folder mode (ui._through_the_router).

Streamlit 1.67 has no public setting to ignore a `pages/` folder next to the main script: until
`st.navigation` has run once in a process, a first visit to /plan runs pages/plan.py on its own.
These tests pin what the workaround relies on, so a Streamlit upgrade that changes it fails here
(then check whether the workaround is still needed); tests/browser/test_routing.py checks the
behaviour end to end.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import streamlit.runtime.scriptrunner.script_runner as script_runner
from streamlit.runtime.pages_manager import PagesManager

from tpatlas import ui

ROOT = Path(__file__).resolve().parents[1]


def test_streamlit_still_enters_pages_folder_mode_through_this_flag(monkeypatch):
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    PagesManager(str(ROOT / "streamlit_app.py"))
    assert PagesManager.uses_pages_directory is True  # pages/ exists beside the router
    # the script runner still decides between pages/<name>.py and the router on this flag
    assert "PagesManager.uses_pages_directory" in inspect.getsource(script_runner)


def test_workaround_leaves_pages_folder_mode_once_and_reruns(monkeypatch):
    reruns: list[int] = []
    monkeypatch.setattr(ui.st, "rerun", lambda: reruns.append(1))
    monkeypatch.setattr(PagesManager, "uses_pages_directory", True)
    ui._through_the_router()
    assert PagesManager.uses_pages_directory is False
    assert reruns == [1]
    ui._through_the_router()  # already through the router: nothing to do
    assert reruns == [1]


def test_workaround_lives_in_one_place():
    callers = [
        p.relative_to(ROOT).as_posix()
        for p in [*ROOT.glob("src/tpatlas/*.py"), *ROOT.glob("pages/*.py"), ROOT / "streamlit_app.py"]
        if "uses_pages_directory" in p.read_text(encoding="utf-8")
    ]
    assert callers == ["src/tpatlas/ui.py"]
