"""Every map of the atlas as one component: a Plotly figure drawn once and updated in place,
exact hit-testing of zones, an optimistic highlight, touch and keyboard.

- ``protocol.py``: what goes in and what comes back (pure, documented there);
- ``mapview.js`` / ``mapview.css``: the browser side (plain ES module, no build step);
- this module: the Streamlit wrapper (:func:`map_view`) and serving plotly.js.

plotly.js is served from this host with Streamlit's static file serving
(``server.enableStaticServing`` in ``.streamlit/config.toml``): on its first map a server
process copies ``plotly.min.js`` from the installed plotly wheel into ``static/`` beside the
main script (git ignores the copy). The browser loads it once per page, by URL, and caches
it; it is never sent inline with the component, so a rerun does not carry it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache, partial
from pathlib import Path

import plotly
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from tpatlas.data import Atlas
from tpatlas.figures import MARKED, SELECTED_EDGE
from tpatlas.mapview.protocol import MapEvent, event_seq, map_data, parse_event, zones_json

__all__ = ["EDGE_STYLE", "REGION_STYLE", "ZONE_STYLE", "MapEvent", "map_view"]

HERE = Path(__file__).parent
PLOTLY_FILE = "plotly.min.js"
PLOTLY_URL = f"app/static/{PLOTLY_FILE}?v={plotly.__version__}"  # relative to the page's base
MAX_HEIGHT = 520  # px: the whole body and the start of the tables fit a 1400x900 screen

# Highlight styles (colours from figures.py, the one place for them)
REGION_STYLE = {"fill_alpha": 0.55, "veil": 0.5, "edge": SELECTED_EDGE, "edge_width": 2.4}
EDGE_STYLE = {"fill_alpha": 0, "veil": 0, "edge": SELECTED_EDGE, "edge_width": 2.6}  # over shading
ZONE_STYLE = {
    "veil": 0.6,
    "marked": f"rgba({int(MARKED[1:3], 16)},{int(MARKED[3:5], 16)},{int(MARKED[5:7], 16)},0.9)",
}

_component = st.components.v2.component(
    "tpatlas_map",
    js=(HERE / "mapview.js").read_text(encoding="utf-8"),
    css=(HERE / "mapview.css").read_text(encoding="utf-8"),
    isolate_styles=False,  # plotly.js puts its styles in <head>; a shadow root would hide them
)


def plotly_source() -> Path:
    """plotly.min.js as shipped in the installed plotly wheel."""
    return Path(plotly.__file__).parent / "package_data" / PLOTLY_FILE


def ensure_plotly_js(static_dir: Path) -> Path:
    """Copy plotly.min.js from the wheel into ``static_dir`` unless an identical copy is there."""
    src, dest = plotly_source(), static_dir / PLOTLY_FILE
    if dest.is_file() and dest.stat().st_size == src.stat().st_size:
        return dest
    static_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=static_dir, suffix=".part")
    os.close(fd)
    shutil.copyfile(src, tmp)
    os.chmod(tmp, 0o644)  # mkstemp makes it private; it is a public file
    os.replace(tmp, dest)  # atomic: a browser never gets half a file
    return dest


@lru_cache(maxsize=4)
def _served(main_script: str) -> Path:
    return ensure_plotly_js(Path(main_script).parent / "static")


_FIGURES: dict[int, tuple[go.Figure, str]] = {}


def figure_json(fig: go.Figure) -> str:
    """The figure as JSON text, once per figure object (the pages' figures are cached)."""
    hit = _FIGURES.get(id(fig))
    if hit is not None and hit[0] is fig:
        return hit[1]
    if len(_FIGURES) >= 64:
        _FIGURES.pop(next(iter(_FIGURES)))
    text = pio.to_json(fig, validate=False)
    _FIGURES[id(fig)] = (fig, text)
    return text


def _ack_key(key: str) -> str:
    return f"{key}__ack"


def _clicked(key: str) -> object:
    state = st.session_state.get(key)
    try:
        return state["click"] if state is not None else None
    except (KeyError, TypeError):
        return None


def _on_click(key: str, atlas: Atlas, mode: str, on_pick: Callable[[MapEvent], None] | None) -> None:
    raw = _clicked(key)
    seq = event_seq(raw)
    if seq is None:
        return
    st.session_state[_ack_key(key)] = seq
    event = parse_event(atlas, mode, raw)
    if event is not None and on_pick is not None:
        on_pick(event)


def map_view(
    atlas: Atlas,
    figure: go.Figure,
    *,
    key: str,
    label: str,
    mode: str = "none",
    selected: Iterable[str] = (),
    on_pick: Callable[[MapEvent], None] | None = None,
    style: Mapping[str, object] | None = None,
    max_height: int = MAX_HEIGHT,
) -> None:
    """Draw ``figure`` as the map ``key`` (one element for the page's life: keep the key).

    ``mode`` says what a click picks (``"region"``, ``"zone"`` or ``"none"``), ``selected`` the
    page's state in those terms, and ``on_pick`` (run as a callback, before the page's widgets)
    receives each checked :class:`MapEvent`. ``label`` is the map's accessible name.
    """
    ctx = get_script_run_ctx()
    if ctx is not None:
        _served(ctx.main_script_path)
    data = map_data(
        figure=figure_json(figure),
        zones=zones_json(atlas),
        mode=mode,
        selected=selected,
        ack=st.session_state.get(_ack_key(key), 0),
        label=label,
        style=style or (REGION_STYLE if mode == "region" else ZONE_STYLE),
        max_height=max_height,
        plotly_url=PLOTLY_URL,
    )
    _component(
        key=key,
        data=data,
        on_click_change=partial(_on_click, key, atlas, mode, on_pick),
        height="content",
    )
