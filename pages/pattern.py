"""Referral patterns: one trigger point's pattern drawn on the body map, with its card."""

import streamlit as st

from tpatlas import pattern_view, referral, ui
from tpatlas.data import data_dir
from tpatlas.patterns import marks_for, shades_for

atlas = ui.atlas_or_stop()
pattern_view.init(atlas)
ui.keep_params("muscle", "side")

st.title("Referral patterns")
st.caption(
    "Where a trigger point sends pain, drawn the way the trigger point manuals draw it: "
    "the X marks the trigger point, solid red the essential zone, stippled the spillover zone."
)
ui.notice(st.session_state.get(pattern_view.NOTICE))

map_col, card_col = st.columns([3, 2], gap="medium")
with map_col:
    tp, side, whole_muscle = pattern_view.controls(atlas)
    points = referral.muscle_points(atlas, tp) if tp and whole_muscle else [tp] if tp else []
    picks = [(p, side) for p in points]
    view = pattern_view.view_control()
    fig = referral.pattern_figure(
        shades_for(atlas, picks), marks_for(atlas, picks), str(data_dir()), view, tuple(picks)
    )
    pattern_view.body_map(atlas, fig)

with card_col:
    if tp:
        pattern_view.card(atlas, tp, side)
    else:
        st.header("Choose a muscle")
        st.write(
            'Pick a muscle above, or search by an everyday name ("traps", "calf") in the sidebar. '
            "Its trigger point is drawn on the side you choose, with the pain it sends on the same side."
        )
    st.caption(ui.NOT_A_DIAGNOSIS)

ui.footer()
