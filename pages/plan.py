"""Plan & handout: build a dry-needling plan, print it for the patient, share it as a link.

No patient name or identifier is asked for or stored; screening answers stay in the
session and the handout, never in the link.
"""

import streamlit as st

from tpatlas import plan as pl
from tpatlas import plan_view, ui
from tpatlas.clinic_data import clinic_tables

atlas = ui.atlas_or_stop()
screening, aftercare = ui.loaded_or_stop(clinic_tables, "The plan's screening or aftercare data")
plan_view.init(atlas)
ui.keep_params("plan")

st.title("Plan & handout")
st.caption(
    "For therapists: choose trigger points, set the course and screen the patient, then print the "
    "handout or send the link. No name or other identifier is asked for, stored or put in the link."
)
ui.notice(st.session_state[plan_view.NOTICE])

with st.container(key="noprint-picks"):  # the form is not printed: the page prints as the handout
    st.header("1. Trigger points")
    picks = plan_view.pick_controls(atlas)

build, show = st.columns([5, 6], gap="large")
with build, st.container(key="noprint-build"):
    st.header("2. Course")
    course = plan_view.course_controls(atlas)
    st.header("3. Screening before needling")
    st.caption(
        "Tick what applies. Ticked items appear as warnings here and in the handout, never in the link."
    )
    ticked = plan_view.screening_checks(screening)
    warnings = pl.screening_warnings(screening, ticked)
    blocked = plan_view.safety_gate(warnings)

plan = pl.Plan(tuple(picks), *course)
plan_view.write_link(plan)

with show:
    plan_view.body_map(atlas, picks)
    plan_view.warning_boxes(pl.plan_notes(atlas, plan, warnings))

st.header("The plan")
plan_view.plan_summary(atlas, plan)
plan_view.aftercare_text(aftercare, expanded=bool(plan.picks))

with st.container(key="noprint-exports"):
    st.header("Print, export, share")
    plan_view.exports(atlas, plan, warnings, aftercare, screening, blocked)
ui.footer()
