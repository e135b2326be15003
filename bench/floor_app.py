"""The floors: the least a Streamlit page can do for a click on the body map.

The same body-map figure (read once from JSON, so it has the same size), a click, and a
one-line table naming what was clicked. The benchmark compares the app with these.

- plain floor (default): ``st.plotly_chart`` of a figure that never changes, with one
  invisible click target per zone (at the spots the benchmark clicks): Streamlit's own chart,
  doing no more than report the click.
- map floor (``FLOOR_MAP=1``): the app's map component (tpatlas.mapview) alone, with the
  region highlighted on a click: the map with none of the page around it.
"""

import os
from functools import partial
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

MAP = os.environ.get("FLOOR_MAP") == "1"


@st.cache_resource
def figure() -> go.Figure:
    """Read and checked once: a dict would be validated by Plotly on every rerun."""
    return pio.from_json(Path(os.environ["FLOOR_FIGURE"]).read_text(encoding="utf-8"))


def on_click(key: str) -> None:
    points = st.session_state[key].selection.points
    if points:
        st.session_state["clicked"] = base.data[points[-1]["curve_number"]].name.split("|")[1]


def on_pick(event: object) -> None:
    st.session_state["clicked"] = event.region


base = figure()
clicked = st.session_state.get("clicked", "none")
if MAP:
    from tpatlas.data import load_atlas
    from tpatlas.mapview import map_view

    selected = [clicked] if clicked != "none" else []
    map_view(
        load_atlas(),
        base,
        key="floor-map",
        label="Body map",
        mode="region",
        selected=selected,
        on_pick=on_pick,
    )
else:
    st.plotly_chart(base, key="floor", on_select=partial(on_click, "floor"), selection_mode="points")
st.table({"clicked": [f"Clicked {clicked}"]})
