"""Home: the body map. Click a region (or choose it) and read its trigger points."""

import streamlit as st

from tpatlas import lookups, ui

atlas = ui.atlas_or_stop()
ui.init_region(atlas)
ui.keep_params("region")
region = st.session_state[ui.REGION]

st.title("Trigger Point Atlas")
st.caption("Click a part of the body to see the trigger points there and where they send pain.")
ui.notice(st.session_state.get(ui.REGION_NOTICE))

map_col, panel_col = st.columns([1, 1], gap="medium")
with map_col:
    st.selectbox(
        "Region",
        options=lookups.region_ids(atlas),
        format_func=lambda r: lookups.region_label(atlas, r),
        key=ui.REGION_SELECT,
        placeholder="Choose a region, or click the body",
        on_change=ui.on_region_select,
    )
    ui.body_map(atlas, region)

with panel_col:
    ui.region_panel(atlas, region)

if region:
    ui.region_tables(atlas, region, ui.conditions_or_none())
ui.footer()
