"""Streamlit pieces shared by the pages: loading with a readable error, notices, footer.

Pages and the ``*_view`` modules call ``st.*``; everything else in the package is pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from tpatlas import content, lookups, safety
from tpatlas.conditions import Conditions, condition_tables
from tpatlas.data import EVIDENCE_LEVELS, Atlas, DataError, load_atlas
from tpatlas.figures import body_figure
from tpatlas.links import parse_choice, safe_snippet
from tpatlas.mapview import MapEvent, map_view
from tpatlas.referral import trigger_point_label

T = TypeVar("T")

FOOTER = (
    "Education, not medical advice. Trigger Point Atlas does not diagnose or treat; "
    "see a licensed clinician about your pain. Nothing you click is stored or sent anywhere."
)
NOT_A_DIAGNOSIS = "This is for learning and conversation with a clinician, not a diagnosis."


def _through_the_router() -> None:
    """Make sure the page runs inside the router of streamlit_app.py.

    Until the router has called ``st.navigation`` once in a server process, Streamlit
    treats a ``pages/`` folder as its old multipage mode and runs ``pages/<name>.py`` on
    its own, so a first visit straight to ``/plan`` would miss the router (layout, menu).
    Switching the process to the router and rerunning reaches the same page through it.
    Streamlit 1.67 offers no public setting for this; tests/test_router_workaround.py fails
    if an upgrade changes the flag this relies on.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def loaded_or_stop(load: Callable[[], T], what: str) -> T:
    """``load()``, or a readable error page naming the broken file (and the script stops)."""
    try:
        return load()
    except DataError as err:
        st.error(
            f"**{what} could not be loaded**, so this page cannot be shown. "
            "Fix the file named below (or restore it from version control) and reload.",
            icon=":material/error:",
        )
        st.code(str(err)[:600], language=None, wrap_lines=True)
        footer()
        st.stop()
        raise  # unreachable: st.stop() raises


def atlas_or_stop() -> Atlas:
    """The atlas, or a readable error page. Every page calls this first, so it also routes
    a first visit through the router."""
    _through_the_router()
    return loaded_or_stop(load_atlas, "The atlas's data")


def notice(text: str | None) -> None:
    """A short notice about input we could not use (already escaped by the parser)."""
    if text:
        st.info(text, icon=":material/info:")


def footer() -> None:
    st.divider()
    st.caption(FOOTER)


# ---------------------------------------------------------------- page state and style
STYLE = Path(__file__).parent / "style.css"


def page_style() -> None:
    """Our own static stylesheet (contrast, focus, phone cards, print), injected once per run
    by the router. It is a file we write, never data, so it may go in as HTML."""
    st.html(f"<style>{STYLE.read_text(encoding='utf-8')}</style>")


def keep_params(*names: str) -> None:
    """Drop URL parameters that belong to other pages, so each page's URL carries only its own."""
    for name in [k for k in st.query_params if k not in names]:
        del st.query_params[name]


def bring_into_view(anchor: str) -> None:
    """On a phone, scroll the element with key ``anchor`` into view (after a map click).

    Static script of ours; the anchor is one of our own widget keys, never data."""
    st.html(
        "<script>(() => {const el = window.parent.document.querySelector('.st-key-"
        + anchor
        + "') || document.querySelector('.st-key-"
        + anchor
        + "'); if (el && window.innerWidth < 700) el.scrollIntoView({block: 'start'});})()</script>",
        unsafe_allow_javascript=True,
    )


# ---------------------------------------------------------------- region selection
REGION = "region"  # session-state key of the selected region (None: nothing selected)
REGION_SELECT = "region_select"  # the select box kept in sync with the map
REGION_NOTICE = "region_notice"
REGION_SEEN = "region_seen"  # the ?region= value last read or written, to notice a new link
SCROLL = "region_scroll"  # a map click asked to bring the result into view
HERE_PICK, REF_PICK = "tps-pick", "ref-pick"  # one stable key per table, cleared when the region changes
OPEN = "tp_open"  # the trigger point whose card opens in a dialog on this run


def _write_region_link(region: str | None) -> None:
    if region:
        st.query_params["region"] = region
    else:
        st.query_params.pop("region", None)
    st.session_state[REGION_SEEN] = region


def _set_region(region: str | None) -> None:
    st.session_state[REGION] = region
    st.session_state[REGION_SELECT] = region
    st.session_state[REGION_NOTICE] = None
    st.session_state[HERE_PICK] = None
    st.session_state[REF_PICK] = None
    _write_region_link(region)


def init_region(atlas: Atlas) -> None:
    """One source of truth for the home page's region: a new ``?region=`` (a link, a search,
    Back or Forward) wins; a bare URL (the menu) gets the session's region put back in it;
    the select box always shows the region the map and panel show."""
    raw = st.query_params.get_all("region")
    link = raw[-1] if raw else None
    if REGION not in st.session_state or (link is not None and link != st.session_state.get(REGION_SEEN)):
        parsed = parse_choice(raw or None, atlas.regions.index, "region")
        _set_region(parsed.value)
        st.session_state[REGION_NOTICE] = parsed.notice
        return
    region = st.session_state[REGION]
    st.session_state[REGION_SELECT] = region  # a widget not drawn on another page loses its value
    _write_region_link(region)


def on_map_click(event: MapEvent) -> None:
    """Callback of the body map: select the clicked region (the map has highlighted it)."""
    _set_region(event.region)
    st.session_state[SCROLL] = True


def body_map(atlas: Atlas, region: str | None) -> None:
    """The home page's map: one element for the session, the selected region highlighted."""
    map_view(
        atlas,
        body_figure(None),
        key="body-map",
        label="Body map, front and back. Arrow keys move between regions, Enter selects one.",
        mode="region",
        selected=[region] if region else [],
        on_pick=on_map_click,
    )


def on_region_select() -> None:
    _set_region(st.session_state.get(REGION_SELECT))


# ---------------------------------------------------------------- region panel and tables
def region_panel(atlas: Atlas, region: str | None) -> None:
    """The selected region's name, counts and its trigger points (each opens its card), or a
    prompt when none is chosen. Sits beside the map, so a click's result is in view."""
    with st.container(key="region-result"):
        if not region:
            st.header("Where does it hurt?")
            st.write(
                "Click a coloured part of the body, front or back, or choose a region from the list. "
                "You will see the trigger points that lie there, the pain they cause, where they "
                "send pain, and how many dry-needling sessions are usual."
            )
            st.caption(NOT_A_DIAGNOSIS)
            return
        row = atlas.regions.loc[region]
        st.header(safe_snippet(row["label"], limit=None), anchor=False)
        lying = lookups.trigger_points_in(atlas, region)
        referring = lookups.referring_into(atlas, region)
        a, b = st.columns(2)
        a.metric("Trigger points here", len(lying))
        b.metric("Refer pain here from elsewhere", len(referring))
        _picker(atlas, lying, HERE_PICK, "Trigger points here: choose one to read it in full")
        st.write(row["summary"])
        st.caption(NOT_A_DIAGNOSIS)
    if st.session_state.pop(SCROLL, False):
        bring_into_view("region-result")


def _picker(atlas: Atlas, frame: pd.DataFrame, key: str, label: str) -> None:
    """One button per trigger point (mouse, touch and keyboard); choosing one opens its card."""
    st.pills(
        label,
        options=list(frame.index),
        format_func=lambda t: point_title(atlas, t),
        key=key,
        on_change=_on_pick,
        args=(key,),
    )


def _on_pick(key: str) -> None:
    st.session_state[OPEN] = st.session_state.get(key)
    st.session_state[key] = None  # so the same point can be opened again


def point_title(atlas: Atlas, tp_id: str) -> str:
    """A trigger point's title: the muscle and which of its points ("Deltoid, point 1 of 3")."""
    return trigger_point_label(atlas, tp_id)


def guidance_sources(atlas: Atlas) -> str:
    """The sources of the general session guidance (from facts.csv), as Markdown links."""
    try:
        facts = content.load_content().facts
    except DataError:
        return "see the Sources page"
    ids = dict.fromkeys(s for f in lookups.GUIDANCE_FACTS if f in facts for s in facts[f].source_ids)
    return content.citations_markdown(atlas.sources, ids) if ids else "see the Sources page"


def region_tables(atlas: Atlas, region: str, conditions: Conditions | None = None) -> None:
    """The region's two tables, full width: trigger points here, and those referring here.
    Wide screens and print get a table, phones a list of cards; the shared guidance is said once."""
    label = lookups.region_label(atlas, region).lower()
    lying = lookups.trigger_points_in(atlas, region)
    referring = lookups.referring_into(atlas, region)
    guidance = lookups.shared_guidance(pd.concat([lying, referring]))
    if guidance:
        st.markdown(f"**Typical course, for every trigger point below:** {safe_snippet(guidance, None)}")
        st.caption(f"Source: {guidance_sources(atlas)}")
    st.header(f"Trigger points in the {label}")
    _table(atlas, lying, lookups.TABLE_COLUMNS, "here", conditions, bool(guidance))
    st.header(f"Pain felt in the {label} may come from")
    if referring.empty:
        st.write("No trigger point elsewhere in the atlas refers pain here.")
    else:
        _picker(atlas, referring, REF_PICK, "Choose one to read it in full")
        _table(atlas, referring, lookups.REFERRING_COLUMNS, "ref", conditions, bool(guidance))
    opened = st.session_state.pop(OPEN, None)
    if opened in atlas.trigger_points.index:
        point_dialog(atlas, opened)


def _table(
    atlas: Atlas,
    frame: pd.DataFrame,
    columns: dict[str, str],
    name: str,
    conditions: Conditions | None,
    said_once: bool,
) -> None:
    shown = lookups.display_table(
        lookups.readable(atlas, frame, conditions), columns, drop=("sessions",) if said_once else ()
    )
    with st.container(key=f"wide-{name}"):
        st.table(shown, hide_index=True, border="horizontal")
    with st.container(key=f"cards-{name}"):
        for _, rec in shown.iterrows():
            first, *rest = rec.index
            text = "\n\n".join(f"**{c}:** {safe_snippet(str(rec[c]), None)}" for c in rest)
            with st.container(border=True):
                st.markdown(f"**{safe_snippet(str(rec[first]), None)}**\n\n{text}")


def point_dialog(atlas: Atlas, tp_id: str) -> None:
    """A trigger point's card in a dialog titled with its muscle and point, with a link to its pattern."""
    rec = lookups.trigger_points_in(atlas, atlas.trigger_points.at[tp_id, "region"]).loc[tp_id]

    def body() -> None:
        trigger_point_card(rec, title=False)
        st.page_link(
            "pages/pattern.py",
            label="See its referral pattern on the body map",
            query_params={"muscle": tp_id},
            icon=":material/scatter_plot:",
        )

    st.dialog(point_title(atlas, tp_id), width="large")(body)()


def trigger_point_card(rec: pd.Series, title: bool = True) -> None:
    """One trigger point in full, in a bordered box (no title inside a dialog, which has one)."""
    conditions = conditions_or_none()
    terms = [t for t in re.split(r"\s*[;,]\s*", rec["mimics"]) if t]  # raw (;) or table (, ) form
    mimics = ", ".join(conditions.plain_words(t) for t in terms) if conditions else ""
    fields = [
        ("Where it lies", rec["trigger_point"]),
        ("Pain at the spot", rec["local_pain"]),
        ("Where it sends pain", rec["referred_pain"]),
        ("Often mistaken for", mimics or rec["mimics"]),
        ("Typical course", f"{rec['sessions']}. {rec['sessions_note']}"),
        ("Needling cautions", rec["cautions"] or "None noted beyond the usual screening."),
        ("Sources", rec["sources"]),
        ("Pattern drawn from", rec["figure_ref"]),
        ("How strong the evidence is", f"{rec['evidence']}. {EVIDENCE_LEVELS.get(rec['evidence'], '')}"),
        ("Review", rec["review_status"]),
    ]
    with st.container(border=True):
        if title:
            st.header(safe_snippet(rec["muscle"], limit=None), anchor=False)
        for name, value in fields:
            st.markdown(f"**{name}:** {safe_snippet(str(value), limit=None)}")
        for kind, text in safety.card_notes(str(rec.get("tp_id", rec.name)), str(rec["muscle"])):
            box = st.error if kind == "risk" else st.warning
            box(
                safe_snippet(text, limit=None),
                icon=":material/emergency:" if kind == "risk" else ":material/help:",
            )


def conditions_or_none() -> Conditions | None:
    """The conditions table for plain names, or None when it cannot be loaded (the page says why)."""
    try:
        return condition_tables()[0]
    except DataError:
        return None


def wrapped_table(
    frame: pd.DataFrame,
    config: dict,
    key: str,
    row_height: int = 132,
    max_rows: int = 6,
    select: bool = False,
) -> Any:
    """A table whose rows wrap to several lines, as tall as its rows (up to ``max_rows``).
    With ``select`` a row can be selected; the selection event is returned."""
    return st.dataframe(  # type: ignore[call-overload]  # the selection arguments come as **kwargs
        frame,
        hide_index=True,
        column_config=config,
        row_height=row_height,
        height=min(44 + row_height * len(frame), 44 + row_height * max_rows),
        width="stretch",
        key=key,
        **({"on_select": "rerun", "selection_mode": "single-row"} if select else {}),
    )


def phone_menu(pages: dict[str, list[st.Page]], search_box: Callable[[str, bool], None]) -> None:
    """On a phone (the stylesheet hides it on wider screens): one labelled button at the top
    that opens the pages and the search, instead of the sidebar's unlabelled arrow."""
    with st.container(key="phone-nav"), st.popover("Menu and search", icon=":material/menu:"):
        search_box("-phone", False)
        for section, entries in pages.items():
            st.markdown(f"**{section}**")
            for entry in entries:
                st.page_link(entry, label=entry.title, icon=entry.icon)
