"""Streamlit pieces of the pain finder (``/finder``): marked areas kept in step between the map,
the list and the link; the ranked table; the condition a search came from; the red flags.
"""

from __future__ import annotations

import zlib

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from tpatlas import referral, ui
from tpatlas.conditions import Conditions, mimickers
from tpatlas.data import Atlas
from tpatlas.figures import click_target
from tpatlas.links import clicked_points, parse_choice, safe_snippet
from tpatlas.ranking import Candidate, sides_text

MARKED = "finder_marked"  # multiselect: the marked areas as keys ('temple:left')
SEEN = "finder_seen"  # the ?zones= value last read or written, to notice a new link
NOTICE = "finder_notice"
VIEW = "finder_view"  # select box: whole body, sides or a close-up (tpatlas.views)
ROW_HEIGHT = 78  # three lines of wrapped text
# Pixel widths chosen so the table fits the main column of a laptop screen with the sidebar
# open (about 900 px) without sideways scrolling.
COLUMNS = {
    "Rank": 50,
    "Trigger point": 160,
    "Match": 125,
    "Why it is listed": 340,
    "Look on side": 95,
    "Pattern": 105,
}


def marked() -> list[str]:
    return list(st.session_state.get(MARKED) or [])


def write_link(atlas: Atlas) -> None:
    """Put the marked areas in the URL (``?zones=``)."""
    value = referral.zones_param(atlas, marked())
    if value:
        st.query_params["zones"] = value
    else:
        st.query_params.pop("zones", None)
    st.session_state[SEEN] = tuple(st.query_params.get_all("zones"))


def init(atlas: Atlas) -> None:
    """Read ``?zones=`` when the link is new (first visit, a search, a shared link)."""
    link = tuple(st.query_params.get_all("zones"))
    if link != st.session_state.get(SEEN) and (link or MARKED not in st.session_state):
        keys, notice = referral.parse_zones(atlas, list(link) or None)
        st.session_state[MARKED] = list(keys)
        st.session_state[NOTICE] = notice
    write_link(atlas)


def chart_key(view: str = "whole") -> str:
    """Depends on the marked areas and the view, so each change gets a fresh chart with no
    stale selection."""
    return f"finder-map-{view}-{zlib.crc32('|'.join(sorted(marked())).encode()):08x}"


def view_control() -> str:
    """The whole body, the sides or a close-up, as on the pattern page: small areas (fingers,
    toes, teeth) are picked in a close-up, where each is at least 24 px across."""
    st.selectbox(
        "View",
        list(referral.VIEWS),
        key=VIEW,
        format_func=lambda v: referral.VIEWS[v].label,
        index=0,
        persist_state="session",
    )
    view = st.session_state.get(VIEW)
    return view if view in referral.VIEWS else "whole"


def on_map_click(atlas: Atlas, key: str, fig: go.Figure) -> None:
    """Toggle the clicked area; an empty selection (a second click on a point) is ignored."""
    for curve, point in reversed(clicked_points(st.session_state.get(key))):
        hit = click_target(fig, curve, point)
        if hit and hit[1]:
            area = referral.zone_key(hit[1], hit[2])
            current = marked()
            toggled = [k for k in current if k != area] if area in current else [*current, area]
            st.session_state[MARKED] = toggled
            st.session_state[NOTICE] = None
            write_link(atlas)
            return


def area_list(atlas: Atlas) -> None:
    """The list that marks areas without a mouse (kept in step with the map)."""
    st.multiselect(
        "Where does it hurt?",
        options=referral.marked_options(atlas),
        format_func=lambda k: referral.key_label(atlas, k),
        key=MARKED,
        placeholder="Click the body, or choose areas here",
        wrap=True,
        on_change=write_link,
        args=(atlas,),
        persist_state="session",
    )


def safety(flags: pd.DataFrame) -> None:
    """The 'not a diagnosis' statement and the red flags, from data/red_flags.csv."""
    statement = " ".join(flags.loc[flags["kind"] == "statement", "text"])
    heading = " ".join(flags.loc[flags["kind"] == "heading", "text"])
    warnings = flags.loc[flags["kind"] == "red_flag", "text"]
    items = "\n".join(f"- {safe_snippet(t, limit=None)}" for t in warnings)
    with st.container(border=True):
        st.markdown(f":blue[:material/info:] {safe_snippet(statement, limit=None)}")
        st.markdown(f":red[:material/emergency:] **{safe_snippet(heading, limit=None)}**\n\n{items}")


def condition_box(atlas: Atlas, conditions: Conditions) -> None:
    """When a search for a condition led here: what it is and which muscles can mimic it."""
    parsed = parse_choice(st.query_params.get_all("condition") or None, conditions.table.index, "condition")
    if not parsed.value:
        ui.notice(parsed.notice)
        return
    rec = conditions.table.loc[parsed.value]
    with st.container(border=True):
        label, summary = safe_snippet(rec["label"], limit=None), safe_snippet(rec["summary"], limit=None)
        st.markdown(f"**{label}:** {summary}")
        if rec["doctor_first"] == "yes":
            st.warning("This needs a doctor to check it first.", icon=":material/emergency:")
        tps = atlas.trigger_points
        muscles = dict.fromkeys(tps.at[t, "muscle"] for t in mimickers(atlas, conditions, parsed.value))
        if muscles:
            names = safe_snippet(", ".join(muscles), limit=None)
            st.markdown(f"**Trigger points in these muscles are often mistaken for it:** {names}")


def results(atlas: Atlas, candidates: list[Candidate]) -> None:
    """The ranked candidates as a table, each row linking to its pattern."""
    if not candidates:
        st.write("No trigger point in the atlas sends pain to the areas marked.")
        return
    rows = pd.DataFrame(
        {
            "Rank": [c.rank for c in candidates],
            "Trigger point": [referral.trigger_point_label(atlas, c.tp_id) for c in candidates],
            "Match": [c.match for c in candidates],
            "Why it is listed": [c.why for c in candidates],
            "Look on side": [sides_text(c.sides) for c in candidates],
            "Pattern": [f"/pattern?muscle={c.tp_id}&side={_side(c)}" for c in candidates],
        }
    )
    config = {name: st.column_config.TextColumn(name, width=w) for name, w in COLUMNS.items()}
    config["Rank"] = st.column_config.NumberColumn("Rank", width=COLUMNS["Rank"])
    config["Pattern"] = st.column_config.LinkColumn(
        "Pattern", width=COLUMNS["Pattern"], display_text="Open pattern"
    )
    ui.wrapped_table(rows, config, "finder-results", row_height=ROW_HEIGHT, max_rows=8)


def _side(candidate: Candidate) -> str:
    return "left" if candidate.sides == ("left",) else "right"
