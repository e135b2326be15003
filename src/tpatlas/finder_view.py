"""Streamlit pieces of the pain finder (``/finder``): marked areas kept in step between the map,
the list and the link; the ranked table; the condition a search came from; the red flags.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from tpatlas import pattern_view, referral, ui
from tpatlas.conditions import Conditions, mimickers
from tpatlas.data import Atlas
from tpatlas.figures import body_figure
from tpatlas.links import parse_choice, safe_snippet
from tpatlas.mapview import MapEvent, map_view
from tpatlas.ranking import Candidate, sides_text

MARKED = "finder_marked"  # multiselect: the marked areas as keys ('temple:left')
SEEN = "finder_seen"  # the ?zones= value last read or written, to notice a new link
NOTICE = "finder_notice"
SHOWN = 8  # candidates listed before "more, weaker matches"
VIEW = "finder_view"  # select box: whole body, sides or a close-up (tpatlas.views)


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


def on_map_click(atlas: Atlas, event: MapEvent) -> None:
    """Mark the clicked area, or unmark it if it was marked (the map has already shown it)."""
    current = marked()
    area = event.target
    st.session_state[MARKED] = [k for k in current if k != area] if area in current else [*current, area]
    st.session_state[NOTICE] = None
    write_link(atlas)


def view_control() -> str:
    """The whole body, the sides or a close-up, as on the pattern page: small areas (fingers,
    toes, teeth) are picked in a close-up, where each is at least 24 px across."""
    return pattern_view.view_control(VIEW)


def body_map(atlas: Atlas, view: str = "whole") -> None:
    """The map that marks areas: one element for the session, the marked areas in orange,
    framed as ``view`` (the whole body, the sides or a close-up where small areas are picked)."""
    map_view(
        atlas,
        body_figure(None, view=view),
        key="finder-map",
        label="Body map, front and back. Arrow keys move between areas, Enter marks or unmarks one.",
        mode="zone",
        selected=marked(),
        on_pick=partial(on_map_click, atlas),
    )


def area_list(atlas: Atlas) -> None:
    """The list that marks areas without a mouse (kept in step with the map)."""
    st.multiselect(
        "Where does it hurt?",
        options=referral.marked_options(atlas),
        format_func=lambda k: referral.key_label(atlas, k),
        key=MARKED,
        placeholder="Click the body, or choose areas here",
        wrap=True,
        filter_mode="contains",  # "shoulder blade" finds the areas that say so, not letters in order
        select_all=False,  # Enter adds the highlighted area, never every match
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


def _row(atlas: Atlas, c: Candidate) -> None:
    """One candidate: rank, name, match, why (and why above the next), and its pattern, one click away."""
    with st.container(border=True, key=f"finder-row-{c.tp_id}"):
        text, link = st.columns([5, 2], vertical_alignment="center")
        name = safe_snippet(referral.trigger_point_label(atlas, c.tp_id), limit=None)
        text.markdown(f"**{c.rank}. {name}** · {c.match} · look on the {sides_text(c.sides)} side")
        text.caption(safe_snippet(" ".join(filter(None, (c.why, c.above))), limit=None))
        link.page_link(
            "pages/pattern.py",
            label="Open pattern",
            icon=":material/scatter_plot:",
            query_params={"muscle": c.tp_id, "side": _side(c)},
        )


def results(atlas: Atlas, candidates: list[Candidate]) -> None:
    """The ranked candidates, best first, each opening its pattern in this tab with one click."""
    if not candidates:
        st.write("No trigger point in the atlas sends pain to the areas marked.")
        return
    for c in candidates[:SHOWN]:
        _row(atlas, c)
    rest = candidates[SHOWN:]
    if rest:
        with st.expander(f"{len(rest)} more, weaker matches"):
            for c in rest:
                _row(atlas, c)


def _side(candidate: Candidate) -> str:
    return "left" if candidate.sides == ("left",) else "right"
