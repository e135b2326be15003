"""Pain finder: mark where it hurts, see which trigger points may be sending the pain, and why."""

from functools import partial

import streamlit as st

from tpatlas import finder_view, referral, ui
from tpatlas.conditions import condition_tables
from tpatlas.figures import body_figure
from tpatlas.ranking import rank, zone_labels

atlas = ui.atlas_or_stop()
conditions, red_flags = ui.loaded_or_stop(condition_tables, "The conditions or red flags")
finder_view.init(atlas)
marked = finder_view.marked()

st.title("Pain finder")
st.caption(
    "Mark where it hurts, front or back, by clicking the body or choosing from the list. "
    "Pain felt in one place often comes from a trigger point somewhere else."
)
ui.notice(st.session_state.get(finder_view.NOTICE))

map_col, side_col = st.columns([3, 2], gap="medium")
with map_col:
    view = finder_view.view_control()
    key = finder_view.chart_key(view)
    fig = body_figure(None, referral.marked_shades(marked), target="zone", view=view)
    alt = "Body map, front and back. Click an area to mark or unmark it."
    ui.body_map_chart(fig, key, alt, partial(finder_view.on_map_click, atlas, key, fig))
    st.caption("Orange: the areas you marked. Click a marked area again to unmark it.")
with side_col:
    finder_view.area_list(atlas)
    finder_view.safety(red_flags)

finder_view.condition_box(atlas, conditions)
candidates = rank(atlas.trigger_points, map(referral.key_pair, marked), zone_labels(atlas.zones))
if marked:
    st.subheader(f"Trigger points that may send pain there ({len(candidates)})")
    st.caption(
        "Strong: its essential zones cover every area you marked. Partial: some of them. "
        "Weak: the pain only spills over there. Tied rows score the same."
    )
    finder_view.results(atlas, candidates)
else:
    st.subheader("Mark an area to begin")
ui.footer()
