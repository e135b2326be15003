"""The floor: the least a Streamlit page can do for a click on a Plotly figure.

The same body-map figure (read once from JSON, so it has the same size), a click, and a
one-line table naming what was clicked. The benchmark compares the app with this.
"""

import json
import os
from pathlib import Path

import streamlit as st


@st.cache_resource
def figure() -> dict:
    return json.loads(Path(os.environ["FLOOR_FIGURE"]).read_text(encoding="utf-8"))


fig = figure()
event = st.plotly_chart(fig, key="floor", on_select="rerun", selection_mode="points")
points = event.selection.points if event else []
name = fig["data"][points[-1]["curve_number"]]["name"].split("|")[1] if points else "none"
st.table({"clicked": [f"Clicked {name}"]})
