"""Plan & handout: build a dry-needling plan, print it for the patient, share it as a link.

No patient name or identifier is asked for or stored; screening answers stay in the
session and the handout, never in the link.
"""

from datetime import date
from functools import partial
from urllib.parse import urlsplit

import streamlit as st

from tpatlas import lookups, ui
from tpatlas import plan as pl
from tpatlas.clinic_data import KIND_TITLES, clinic_tables
from tpatlas.data import DataError
from tpatlas.figures import body_figure, click_target
from tpatlas.handout import build_handout
from tpatlas.links import clicked_curves, safe_snippet
from tpatlas.patterns import marks_for, shades_for

PICKS, SESSIONS, PER_WEEK, MINUTES, START = (
    "plan_picks",
    "plan_sessions",
    "plan_per_week",
    "plan_minutes",
    "plan_start",
)
TOUCHED, NOTICE, ADDED = "plan_touched", "plan_notice", "plan_added"  # settings edited by hand; notices
REGION_ADD, SIDE_ADD = "plan_region", "plan_side"
SCREEN = "plan_screen_"  # + item_id

atlas = ui.atlas_or_stop()
try:
    screening, aftercare = clinic_tables()
except DataError as err:
    st.error("**The plan's screening or aftercare data could not be loaded.**", icon=":material/error:")
    st.code(str(err)[:600], language=None, wrap_lines=True)
    ui.footer()
    st.stop()


def current_picks() -> list[pl.Pick]:
    return [pl.key_pick(k) for k in st.session_state[PICKS]]


def apply_defaults(force: bool = False) -> None:
    """Settings from the data for the chosen trigger points, unless edited by hand."""
    if force or not st.session_state[TOUCHED]:
        usual = pl.default_settings(atlas, [p.tp_id for p in current_picks()])
        st.session_state.update({SESSIONS: usual.sessions, PER_WEEK: usual.per_week, MINUTES: usual.minutes})
        st.session_state[TOUCHED] = False


def init_from_link() -> None:
    """First run: the plan from ``?plan=`` (what is valid of it), else an empty plan."""
    decoded = pl.decode_link(st.query_params.get_all("plan") or None, atlas, date.today())
    plan = decoded.plan if decoded else pl.new_plan(atlas, (), date.today())
    st.session_state.update(
        {
            PICKS: [pl.pick_key(p) for p in plan.picks],
            SESSIONS: plan.sessions,
            PER_WEEK: plan.per_week,
            MINUTES: plan.minutes,
            START: plan.start,
            TOUCHED: decoded is not None,  # a link's settings were chosen: keep them
            NOTICE: pl.link_notice(decoded),
            ADDED: None,
        }
    )


def on_touch() -> None:
    st.session_state[TOUCHED] = True


def on_add_region() -> None:
    region, side = st.session_state[REGION_ADD], st.session_state[SIDE_ADD]
    if not region:
        return
    ids = lookups.trigger_points_in(atlas, region).index
    merged, left_out = pl.merge_picks(current_picks(), pl.expand_side(ids, side))
    st.session_state[PICKS] = [pl.pick_key(p) for p in merged]
    label = lookups.region_label(atlas, region)
    st.session_state[ADDED] = (
        f"Only part of the {label.lower()} was added: a plan holds at most {pl.MAX_PICKS} trigger points."
        if left_out
        else None
    )
    apply_defaults()


def on_map_click(chart_key: str, fig: object) -> None:
    for curve in reversed(clicked_curves(st.session_state.get(chart_key))):
        hit = click_target(fig, curve)
        if hit is not None:
            st.session_state[REGION_ADD] = hit[0]
            return


if PICKS not in st.session_state:
    init_from_link()

st.title("Plan & handout")
st.caption(
    "For therapists: choose trigger points, set the course and screen the patient, then print the "
    "handout or send the link. No name or other identifier is asked for, stored or put in the link."
)
ui.notice(st.session_state[NOTICE])

st.subheader("1. Trigger points")
options = pl.pick_options(atlas)
st.multiselect(
    "Trigger points in the plan (type a muscle name to search)",
    options=list(options),
    format_func=options.__getitem__,
    key=PICKS,
    max_selections=pl.MAX_PICKS,
    on_change=apply_defaults,
    placeholder="Search, e.g. trapezius",
    filter_mode="contains",  # "soleus" finds the soleus, not every label with those letters in order
    select_all=False,  # selecting every match would overrun the plan's limit
    wrap=True,
)
region_col, side_col, add_col, _ = st.columns([3, 2, 1, 3], vertical_alignment="bottom")
region_col.selectbox(
    "Or add all trigger points of a region",
    options=lookups.region_ids(atlas),
    format_func=lambda r: lookups.region_label(atlas, r),
    index=None,
    key=REGION_ADD,
    placeholder="Choose a region, or click the map",
)
side_col.radio("Side", ["right", "left", "both"], key=SIDE_ADD, horizontal=True, format_func=str.capitalize)
add_col.button("Add", on_click=on_add_region, disabled=not st.session_state.get(REGION_ADD), width="stretch")
ui.notice(st.session_state[ADDED])

build, show = st.columns([5, 6], gap="large")
with build:
    st.subheader("2. Course")
    a, b, c = st.columns(3)
    a.number_input("Sessions", *pl.SESSIONS, step=1, key=SESSIONS, on_change=on_touch)
    b.number_input("Sessions a week", *pl.PER_WEEK, step=1, key=PER_WEEK, on_change=on_touch)
    c.number_input("Minutes a session", *pl.MINUTES, step=5, key=MINUTES, on_change=on_touch)
    st.date_input("First session", key=START, min_value=pl.FIRST_DAY, max_value=pl.LAST_DAY)
    st.button("Use the usual settings for these trigger points", on_click=partial(apply_defaults, True))
    st.caption(
        f"Bounds: {pl.SESSIONS.low}–{pl.SESSIONS.high} sessions, {pl.PER_WEEK.low}–{pl.PER_WEEK.high} "
        f"a week, {pl.MINUTES.low}–{pl.MINUTES.high} minutes. Usual guidance is one to three "
        "sessions, once or twice a week, 20 to 30 minutes each; no trial has settled the best number."
    )

    st.subheader("3. Screening before needling")
    st.caption(
        "Tick what applies. Ticked items appear as warnings here and in the handout, never in the link."
    )
    for item_id, row in screening.iterrows():
        st.checkbox(row["label"], key=SCREEN + item_id, help=row["reason"])

plan = pl.Plan(
    tuple(current_picks()),
    int(st.session_state[SESSIONS]),
    int(st.session_state[PER_WEEK]),
    int(st.session_state[MINUTES]),
    st.session_state[START],
)
ticked = [i for i in screening.index if st.session_state.get(SCREEN + i)]
warnings = pl.screening_warnings(screening, ticked)
if plan.picks:
    st.query_params["plan"] = pl.encode_link(plan)
else:
    st.query_params.pop("plan", None)

with show:
    picks = list(plan.picks)
    fig = body_figure(None, shades=shades_for(atlas, picks), marks=marks_for(atlas, picks))
    # a new key after each click remounts the chart, so Plotly does not keep greying the marks
    chart_key = f"plan-map-{len(picks)}-{st.session_state.get(REGION_ADD)}"
    st.plotly_chart(
        fig, key=chart_key, on_select=partial(on_map_click, chart_key, fig), selection_mode="points",
        config=ui.PLOT_CONFIG, width="stretch",
        alt="Body map with the chosen trigger points (X) and where they send pain (shaded).",
    )  # fmt: skip
    for severity, label, reason in warnings:
        box = st.error if severity == "contraindication" else st.warning
        box(f"**{severity.capitalize()}: {safe_snippet(label, None)}.** {safe_snippet(reason, None)}")
    for who, caution in pl.flagged(atlas, plan):
        st.warning(
            f"**Take care, {safe_snippet(who, None)}:** {safe_snippet(caution, None)}",
            icon=":material/warning:",
        )

st.subheader("The plan")
if not plan.picks:
    st.info(pl.EMPTY_PLAN_REASON, icon=":material/info:")
else:
    st.table(pl.plan_table(atlas, plan), hide_index=True, border="horizontal")
    st.markdown(
        "**Schedule:** "
        + "; ".join(f"{s.number}. {pl.day_text(s.day)}" for s in pl.schedule(plan))
        + f" ({plan.minutes} minutes each)."
    )

with st.expander("Aftercare: what the patient is told", expanded=bool(plan.picks)):
    for kind, title in KIND_TITLES.items():
        st.markdown(f"**{title}**")
        st.markdown(
            "\n".join(f"- {safe_snippet(t, None)}" for t in aftercare.loc[aftercare["kind"] == kind, "text"])
        )

st.subheader("Print, export, share")
empty = not plan.picks
pdf_col, csv_col = st.columns(2)
pdf_col.download_button(
    "Download the handout (PDF)",
    data=partial(build_handout, atlas, plan, warnings, aftercare, screening) if not empty else b"",
    file_name=pl.export_name(plan, "pdf"), mime="application/pdf", on_click="ignore",
    disabled=empty, help=pl.EMPTY_PLAN_REASON if empty else None, icon=":material/picture_as_pdf:",
)  # fmt: skip
csv_col.download_button(
    "Download the plan (CSV)",
    data=partial(pl.plan_csv, atlas, plan) if not empty else b"",
    file_name=pl.export_name(plan, "csv"), mime="text/csv", on_click="ignore",
    disabled=empty, help=pl.EMPTY_PLAN_REASON if empty else None, icon=":material/table:",
)  # fmt: skip
if empty:
    st.caption(pl.EMPTY_PLAN_REASON)
else:
    here = urlsplit(st.context.url or "")
    path = here.path if here.path.rstrip("/").endswith("/plan") else here.path.rstrip("/") + "/plan"
    base = f"{here.scheme}://{here.netloc}{path}" if here.netloc else "/plan"
    st.caption("This link reopens the plan (trigger points and settings only):")
    st.code(f"{base}?plan={pl.encode_link(plan)}", language=None, wrap_lines=True)
ui.footer()
