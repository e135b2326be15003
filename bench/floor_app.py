"""The floor: the least a Streamlit page can do for a click on a Plotly figure.

The same body-map figure (read once from JSON, so it has the same size), a click, and a
one-line table naming what was clicked. The benchmark compares the app with this.
With FLOOR_REDRAW=1 the figure also changes with each click (a title naming the region),
as the app's does to highlight the selection: Streamlit then redraws the whole chart.
"""

import os
from functools import partial
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

REDRAW = os.environ.get("FLOOR_REDRAW") == "1"


@st.cache_resource
def figure() -> go.Figure:
    """Read and checked once: a dict would be validated by Plotly on every rerun."""
    return pio.from_json(Path(os.environ["FLOOR_FIGURE"]).read_text(encoding="utf-8"))


@st.cache_resource
def redrawn(clicked: str) -> go.Figure:
    """The figure with a title naming the last click (cached, as the app caches its figures)."""
    return go.Figure(figure()).update_layout(title_text=clicked)


def on_click(key: str) -> None:
    points = st.session_state[key].selection.points
    if points:
        st.session_state["clicked"] = base.data[points[-1]["curve_number"]].name.split("|")[1]


base = figure()
clicked = st.session_state.get("clicked", "none")
fig, key = (redrawn(clicked), f"floor-{clicked}") if REDRAW else (base, "floor")
st.plotly_chart(fig, key=key, on_select=partial(on_click, key), selection_mode="points")
st.table({"clicked": [f"Clicked {st.session_state.get('clicked', 'none')}"]})
