"""Streamlit pieces of the pattern view (``/pattern``): the choice of trigger point and side,
kept in step with the link, and the card beside the map.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from tpatlas import lookups, referral, ui
from tpatlas.data import Atlas, split_list
from tpatlas.links import parse_choice, safe_snippet
from tpatlas.mapview import map_view

TP = "pattern_tp"  # select box: the trigger point shown
SIDE = "pattern_side"  # segmented control: right or left
ALL = "pattern_all"  # toggle: every trigger point of the muscle
VIEW = "pattern_view"  # select box: whole body, sides or a close-up (tpatlas.views)
SEEN = "pattern_seen"  # the link values last read or written, to notice a new link
NOTICE = "pattern_notice"


def _link() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(st.query_params.get_all("muscle")), tuple(st.query_params.get_all("side"))


def write_link() -> None:
    """Put the chosen trigger point and side in the URL (callbacks and each run)."""
    tp, side = st.session_state.get(TP), st.session_state.get(SIDE) or "right"
    if tp:
        st.query_params["muscle"] = tp
        st.query_params["side"] = side
    else:
        st.query_params.pop("muscle", None)
        st.query_params.pop("side", None)
    st.session_state[SEEN] = _link()


def init(atlas: Atlas) -> None:
    """Read ``?muscle=`` and ``?side=`` when the link is new (first visit, a search, a table link)."""
    link = _link()
    if link != st.session_state.get(SEEN) and (link[0] or TP not in st.session_state):
        parsed = referral.parse_muscle(atlas, list(link[0]) or None)
        side = parse_choice(list(link[1]) or None, referral.SIDES, "side")
        st.session_state[NOTICE] = parsed.notice or side.notice
        if parsed.value or TP not in st.session_state:
            st.session_state[TP] = parsed.value
        st.session_state[SIDE] = side.value or st.session_state.get(SIDE) or "right"
        st.session_state[ALL] = False
    write_link()


def _on_choose() -> None:
    """Another trigger point chosen: show just it (the 'all points' toggle resets), and link it."""
    st.session_state[ALL] = False
    write_link()


def controls(atlas: Atlas) -> tuple[str | None, str, bool]:
    """The trigger point, side and 'whole muscle' choices."""
    st.selectbox(
        "Muscle and trigger point",
        options=referral.trigger_point_options(atlas),
        format_func=lambda t: referral.trigger_point_label(atlas, t),
        key=TP,
        placeholder="Choose a muscle (or search in the sidebar)",
        on_change=_on_choose,
        persist_state="session",
    )
    tp = st.session_state.get(TP)
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    with left:
        st.segmented_control(
            "Side",
            referral.SIDES,
            key=SIDE,
            format_func=str.capitalize,
            required=True,
            on_change=write_link,
            persist_state="session",
        )
    siblings = referral.muscle_points(atlas, tp) if tp else []
    with right:
        if len(siblings) > 1:
            st.toggle(f"All {len(siblings)} trigger points of this muscle", key=ALL, persist_state="session")
    return tp, st.session_state.get(SIDE) or "right", bool(st.session_state.get(ALL))


def view_control(key: str = VIEW) -> str:
    """The whole body, the sides or a close-up (a list, so it works by touch and keyboard);
    the finder uses it too, under its own ``key``."""
    st.selectbox(
        "View",
        list(referral.VIEWS),
        key=key,
        format_func=lambda v: referral.VIEWS[v].label,
        index=0,
        persist_state="session",
    )
    view = st.session_state.get(key)
    return view if view in referral.VIEWS else "whole"


def body_map(atlas: Atlas, fig: go.Figure) -> None:
    """The pattern on the map: one element for the session, redrawn in place for each pattern."""
    map_view(
        atlas,
        fig,
        key="pattern-map",
        label="Body map, front and back, with the chosen trigger point's referral pattern.",
        max_height=560,
    )


def card(atlas: Atlas, tp_id: str, side: str) -> None:
    """The trigger point's card, its zones in words, and links to the muscle's other points."""
    rec = atlas.trigger_points.loc[tp_id]
    ui.trigger_point_card(lookups.trigger_points_in(atlas, rec["region"]).loc[tp_id])
    for title, col in (("Essential zones", "essential_zones"), ("Spillover zones", "spillover_zones")):
        names = ", ".join(atlas.zones[z].label for z in split_list(rec[col])) or "none"
        st.markdown(f"**{title} ({side} side):** {safe_snippet(names, limit=None)}")
    others = [t for t in referral.muscle_points(atlas, tp_id) if t != tp_id]
    if others:
        st.caption("Other trigger points of this muscle:")
        for other in others:
            st.page_link(
                "pages/pattern.py",
                label=referral.trigger_point_label(atlas, other),
                query_params={"muscle": other, "side": side},
                icon=":material/scatter_plot:",
            )
