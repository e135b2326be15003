"""Pain finder: mark where it hurts, see which trigger points may be sending the pain, and why."""

import streamlit as st

from tpatlas import finder_view, referral, ui
from tpatlas.conditions import condition_tables
from tpatlas.ranking import rank, zone_labels

atlas = ui.atlas_or_stop()
conditions, red_flags = ui.loaded_or_stop(condition_tables, "The conditions or red flags")
finder_view.init(atlas)
ui.keep_params("zones", "condition")
marked = finder_view.marked()

st.title("Pain finder")
st.caption(
    "Mark where it hurts, front or back, by clicking the body or choosing from the list. "
    "Pain felt in one place often comes from a trigger point somewhere else."
)
ui.notice(st.session_state.get(finder_view.NOTICE))

map_col, side_col = st.columns([3, 2], gap="medium")
with map_col:
    finder_view.body_map(atlas, finder_view.view_control())
    st.caption("Orange: the areas you marked. Click a marked area again to unmark it.")
with side_col:
    finder_view.area_list(atlas)
    finder_view.safety(red_flags)

finder_view.condition_box(atlas, conditions)
candidates = rank(atlas.trigger_points, map(referral.key_pair, marked), zone_labels(atlas.zones))
if marked:
    st.header(f"Trigger points that may send pain there ({len(candidates)})")
    st.caption(
        "Best first: a trigger point ranks higher the more of your pain its pattern explains "
        "(its main zones count twice its spillover) and the more of its pattern lies in your "
        "areas. Strong: its main zones cover every area you marked; partial: some of them; "
        "weak: the pain only spills over there. Tied rows match in exactly the same way."
    )
    finder_view.results(atlas, candidates)
else:
    st.header("Mark an area to begin")
ui.footer()
