"""Streamlit pieces of the plan (``/plan``): the plan kept in session state and read from the
link on the first run, the pickers and course settings, screening, warnings and the exports.

Screening answers stay in the session and the handout, never in the link.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from tpatlas import lookups, ui
from tpatlas import plan as pl
from tpatlas.clinic_data import KIND_TITLES
from tpatlas.data import Atlas
from tpatlas.figures import body_figure
from tpatlas.handout import build_handout
from tpatlas.links import safe_snippet
from tpatlas.mapview import EDGE_STYLE, MapEvent, map_view
from tpatlas.patterns import marks_for, shades_for

PICKS = "plan_picks"  # multiselect: the chosen trigger points as keys ('tp_id:side')
SESSIONS, PER_WEEK, MINUTES, START = "plan_sessions", "plan_per_week", "plan_minutes", "plan_start"
TOUCHED = "plan_touched"  # the course settings were edited by hand: keep them
NOTICE, ADDED = "plan_notice", "plan_added"  # notices: about the link; about a region only part added
REGION_ADD, SIDE_ADD = "plan_region", "plan_side"
SCREEN = "plan_screen_"  # + item_id
REASON = "plan_reason"  # why the therapist goes on despite a contraindication (session and handout only)
CONSIDERED = "plan_considered"  # the therapist ticked that the precautions were taken into account


def current_picks() -> list[pl.Pick]:
    return [pl.key_pick(k) for k in st.session_state[PICKS]]


def apply_defaults(atlas: Atlas, force: bool = False) -> None:
    """Settings from the data for the chosen trigger points, unless edited by hand."""
    if force or not st.session_state[TOUCHED]:
        usual = pl.default_settings(atlas, [p.tp_id for p in current_picks()])
        st.session_state.update({SESSIONS: usual.sessions, PER_WEEK: usual.per_week, MINUTES: usual.minutes})
        st.session_state[TOUCHED] = False


def init(atlas: Atlas) -> None:
    """First run: the plan from ``?plan=`` (what is valid of it), else an empty plan."""
    if PICKS in st.session_state:
        return
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


def _on_touch() -> None:
    st.session_state[TOUCHED] = True


def _on_add_region(atlas: Atlas) -> None:
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
    apply_defaults(atlas)


def on_map_click(event: MapEvent) -> None:
    """Callback of the body map: put the clicked region in the 'add a region' box."""
    st.session_state[REGION_ADD] = event.region


def body_map(atlas: Atlas, picks: list[pl.Pick]) -> None:
    """The plan's trigger points (X) and their pain (shaded); a click chooses a region to add."""
    region = st.session_state.get(REGION_ADD)
    map_view(
        atlas,
        body_figure(None, shades=shades_for(atlas, picks), marks=marks_for(atlas, picks)),
        key="plan-map",
        label="Body map with the plan's trigger points and where they send pain. "
        "Arrow keys move between regions, Enter chooses one to add.",
        mode="region",
        selected=[region] if region else [],
        on_pick=on_map_click,
        style=EDGE_STYLE,
    )


def pick_controls(atlas: Atlas) -> list[pl.Pick]:
    """The trigger point picker and the 'add a whole region' row with its notice; returns the picks."""
    options = pl.pick_options(atlas)
    st.multiselect(
        "Trigger points in the plan (type a muscle name to search)",
        options=list(options),
        format_func=options.__getitem__,
        key=PICKS,
        max_selections=pl.MAX_PICKS,
        on_change=apply_defaults,
        args=(atlas,),
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
    side_col.radio(
        "Side", ["right", "left", "both"], key=SIDE_ADD, horizontal=True, format_func=str.capitalize
    )
    add_col.button(
        "Add",
        on_click=_on_add_region,
        args=(atlas,),
        disabled=not st.session_state.get(REGION_ADD),
        width="stretch",
    )
    ui.notice(st.session_state[ADDED])
    return current_picks()


def course_controls(atlas: Atlas) -> tuple[int, int, int, date]:
    """Sessions, sessions a week, minutes and first day, with a button back to the usual settings."""
    a, b, c = st.columns(3)
    a.number_input("Sessions", *pl.SESSIONS, step=1, key=SESSIONS, on_change=_on_touch)
    b.number_input("Sessions a week", *pl.PER_WEEK, step=1, key=PER_WEEK, on_change=_on_touch)
    c.number_input("Minutes a session", *pl.MINUTES, step=5, key=MINUTES, on_change=_on_touch)
    st.date_input("First session", key=START, min_value=pl.FIRST_DAY, max_value=pl.LAST_DAY)
    st.button(
        "Use the usual settings for these trigger points", on_click=partial(apply_defaults, atlas, True)
    )
    st.caption(
        f"Bounds: {pl.SESSIONS.low}–{pl.SESSIONS.high} sessions, {pl.PER_WEEK.low}–{pl.PER_WEEK.high} "
        f"a week, {pl.MINUTES.low}–{pl.MINUTES.high} minutes. Usual guidance is one to three "
        "sessions, once or twice a week, 20 to 30 minutes each; no trial has settled the best number."
    )
    state = st.session_state
    return int(state[SESSIONS]), int(state[PER_WEEK]), int(state[MINUTES]), state[START]


def screening_checks(screening: pd.DataFrame) -> list[str]:
    """One checkbox per screening item; returns the ids of the ticked ones."""
    for item_id, row in screening.iterrows():
        st.checkbox(row["label"], key=SCREEN + item_id, help=row["reason"])
    return [i for i in screening.index if st.session_state.get(SCREEN + i)]


def write_link(plan: pl.Plan) -> None:
    """Put the plan in the URL (``?plan=``), or take it out when the plan is empty."""
    if plan.picks:
        st.query_params["plan"] = pl.encode_link(plan)
    else:
        st.query_params.pop("plan", None)


def safety_gate(warnings: list[tuple[str, str, str]]) -> str | None:
    """Stop the needling plan on a ticked contraindication until a reason to go on is recorded,
    and ask for a tick on a precaution; returns why the plan is on hold, or None."""
    groups = pl.group_notes(pl.screening_notes(warnings))
    for group in groups:
        names = safe_snippet("; ".join(group.labels), None)
        if group.level == pl.BLOCK:
            st.error(
                f"**{group.heading}: {names}.** The needling plan is on hold: no handout or export "
                "until you record why you go on. Otherwise treat without needles.",
                icon=":material/block:",
            )
            st.text_area(
                "Your reason to go on with needling (printed on the handout)",
                key=REASON,
                max_chars=300,
                placeholder="E.g. discussed with the patient's doctor on ...; needling away from the area",
                persist_state="session",
            )
        elif group.level == pl.TICK:
            st.checkbox(
                f"I have taken the precaution into account: {names}",
                key=CONSIDERED,
                persist_state="session",
            )
    blocked = pl.blocked_by(
        groups, st.session_state.get(REASON) or "", bool(st.session_state.get(CONSIDERED))
    )
    if blocked:
        st.caption(blocked)
    return blocked


def warning_boxes(groups: list[pl.NoteGroup]) -> None:
    """One box per kind of warning about the chosen points, each text once with the points it concerns."""
    for group in groups:
        if group.level != pl.INFO:
            continue  # screening items are handled by the gate
        lines = "\n".join(
            f"- **{pl.points_text(points) or 'The whole plan'}:** {safe_snippet(text, None)}"
            for text, points in group.items
        )
        box = st.error if group.kind == "serious_risk" else st.warning  # rare but serious: red
        box(f"**{safe_snippet(group.heading, None)}**\n\n{lines}")


def plan_summary(atlas: Atlas, plan: pl.Plan) -> None:
    """The plan as a numbered table with its schedule (or why there is nothing to show)."""
    if not plan.picks:
        st.info(pl.EMPTY_PLAN_REASON, icon=":material/info:")
        return
    st.table(pl.plan_table(atlas, plan), hide_index=True, border="horizontal")
    st.markdown(
        "**Schedule:** "
        + "; ".join(f"{s.number}. {pl.day_text(s.day)}" for s in pl.schedule(plan))
        + f" ({plan.minutes} minutes each)."
    )


def aftercare_text(aftercare: pd.DataFrame, expanded: bool) -> None:
    """What the patient is told after needling, under its headings, in an expander."""
    with st.expander("Aftercare: what the patient is told", expanded=expanded):
        for kind, title in KIND_TITLES.items():
            st.markdown(f"**{title}**")
            texts = aftercare.loc[aftercare["kind"] == kind, "text"]
            st.markdown("\n".join(f"- {safe_snippet(t, None)}" for t in texts))


def exports(
    atlas: Atlas,
    plan: pl.Plan,
    warnings: list[tuple[str, str, str]],
    aftercare: pd.DataFrame,
    screening: pd.DataFrame,
    blocked: str | None = None,
) -> None:
    """The PDF handout and CSV downloads (disabled for an empty plan or one on hold) and the link."""
    empty = not plan.picks
    why_not = pl.EMPTY_PLAN_REASON if empty else blocked
    reason = (st.session_state.get(REASON) or "").strip()
    files = (  # label, the bytes (built only when clicked), file extension, type, icon
        (
            "Download the handout (PDF)",
            partial(build_handout, atlas, plan, warnings, aftercare, screening, reason=reason),
            "pdf",
            "application/pdf",
            ":material/picture_as_pdf:",
        ),
        ("Download the plan (CSV)", partial(pl.plan_csv, atlas, plan), "csv", "text/csv", ":material/table:"),
    )
    for col, (label, data, ext, mime, icon) in zip(st.columns(2), files, strict=True):
        col.download_button(
            label,
            data=data if not why_not else b"",
            file_name=pl.export_name(plan, ext),
            mime=mime,
            on_click="ignore",
            disabled=bool(why_not),
            help=why_not,
            icon=icon,
        )
    if why_not:
        st.caption(why_not)
    if empty:
        return
    here = urlsplit(st.context.url or "")
    path = here.path if here.path.rstrip("/").endswith("/plan") else here.path.rstrip("/") + "/plan"
    base = f"{here.scheme}://{here.netloc}{path}" if here.netloc else "/plan"
    st.caption("This link reopens the plan (trigger points and settings only):")
    st.code(f"{base}?plan={pl.encode_link(plan)}", language=None, wrap_lines=True)
