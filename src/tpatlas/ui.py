"""Streamlit pieces shared by the pages: loading with a readable error, notices, footer.

Pages and the ``*_view`` modules call ``st.*``; everything else in the package is pure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from tpatlas import lookups, safety
from tpatlas.data import EVIDENCE_LEVELS, Atlas, DataError, load_atlas
from tpatlas.figures import body_figure
from tpatlas.links import parse_choice, safe_snippet
from tpatlas.mapview import MapEvent, map_view

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


# ---------------------------------------------------------------- region selection
REGION = "region"  # session-state key of the selected region (None: nothing selected)
REGION_SELECT = "region_select"  # the select box kept in sync with the map
REGION_NOTICE = "region_notice"


def _set_region(region: str | None) -> None:
    st.session_state[REGION] = region
    st.session_state[REGION_SELECT] = region
    st.session_state[REGION_NOTICE] = None
    if region:
        st.query_params["region"] = region
    else:
        st.query_params.pop("region", None)


def init_region(atlas: Atlas) -> None:
    """On a session's first run, take the region from the URL (``?region=heel``)."""
    if REGION in st.session_state:
        if st.session_state[REGION]:  # coming back from another page: put it back in the URL
            st.query_params["region"] = st.session_state[REGION]
        return
    parsed = parse_choice(st.query_params.get_all("region") or None, atlas.regions.index, "region")
    st.session_state[REGION] = parsed.value
    st.session_state[REGION_SELECT] = parsed.value
    st.session_state[REGION_NOTICE] = parsed.notice
    if parsed.notice:
        st.query_params.pop("region", None)


def on_map_click(event: MapEvent) -> None:
    """Callback of the body map: select the clicked region (the map has highlighted it)."""
    _set_region(event.region)


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


# ---------------------------------------------------------------- region panel
# Pixel widths chosen so the whole table fits the main column of a laptop screen with the
# sidebar open (about 900 px) without sideways scrolling.
_WIDTHS = {
    "Muscle": 105,
    "Lies in": 80,
    "Where it lies": 160,
    "Pain at the spot": 125,
    "Pain felt here": 160,
    "Where it sends pain": 195,
    "Often mistaken for": 130,
    "Typical course": 90,
    "Sources": 115,
}
ROW_HEIGHT = 132  # seven lines of wrapped text per row: the longest cells fit


def region_panel(atlas: Atlas, region: str | None) -> None:
    """The selected region's name, summary and counts (or a prompt when none is chosen)."""
    if not region:
        st.subheader("Where does it hurt?")
        st.write(
            "Click a coloured part of the body, front or back, or choose a region from the list. "
            "You will see the trigger points that lie there, the pain they cause, where they "
            "send pain, and how many dry-needling sessions are usual."
        )
        st.caption(NOT_A_DIAGNOSIS)
        return
    row = atlas.regions.loc[region]
    st.subheader(row["label"])
    st.write(row["summary"])
    lying = lookups.trigger_points_in(atlas, region)
    referring = lookups.referring_into(atlas, region)
    a, b = st.columns(2)
    a.metric("Trigger points here", len(lying))
    b.metric("Refer pain here", len(referring))
    st.caption(NOT_A_DIAGNOSIS)
    muscles = ", ".join(dict.fromkeys(lying["muscle"]))
    st.markdown(f"**Muscles with trigger points here:** {safe_snippet(muscles, limit=None)}")


def wrapped_table(
    frame: pd.DataFrame,
    config: dict,
    key: str,
    row_height: int = ROW_HEIGHT,
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


def _table(frame: pd.DataFrame, columns: dict[str, str], key: str) -> None:
    shown = lookups.display_table(frame, columns)
    config = {name: st.column_config.TextColumn(name, width=_WIDTHS.get(name)) for name in shown.columns}
    event = wrapped_table(shown, config, key, select=True)
    rows = event.selection.rows if event is not None else []
    if rows and rows[0] < len(frame):
        trigger_point_card(frame.iloc[rows[0]])
        st.page_link(
            "pages/pattern.py",
            label="See its referral pattern on the body map",
            query_params={"muscle": str(frame.index[rows[0]])},
            icon=":material/scatter_plot:",
        )
    else:
        st.caption("Select a row to read it in full.")


def region_tables(atlas: Atlas, region: str) -> None:
    """The two tables of the region panel: trigger points here, and those referring here."""
    label = lookups.region_label(atlas, region)
    st.subheader(f"Trigger points in the {label.lower()}")
    _table(lookups.trigger_points_in(atlas, region), lookups.TABLE_COLUMNS, f"tps-{region}")
    st.subheader(f"Pain felt in the {label.lower()} may come from")
    referring = lookups.referring_into(atlas, region)
    if referring.empty:
        st.write("No trigger point elsewhere in the atlas refers pain here.")
    else:
        _table(referring, lookups.REFERRING_COLUMNS, f"ref-{region}")


def trigger_point_card(rec: pd.Series) -> None:
    """One trigger point in full, in a bordered box."""
    fields = [
        ("Where it lies", rec["trigger_point"]),
        ("Pain at the spot", rec["local_pain"]),
        ("Where it sends pain", rec["referred_pain"]),
        ("Often mistaken for", rec["mimics"]),
        ("Typical course", f"{rec['sessions']}. {rec['sessions_note']}"),
        ("Needling cautions", rec["cautions"] or "None noted beyond the usual screening."),
        ("Sources", rec["sources"]),
        ("Pattern drawn from", rec["figure_ref"]),
        ("How strong the evidence is", f"{rec['evidence']}. {EVIDENCE_LEVELS.get(rec['evidence'], '')}"),
        ("Review", rec["review_status"]),
    ]
    with st.container(border=True):
        st.markdown(f"#### {safe_snippet(rec['muscle'], limit=None)}")
        for name, value in fields:
            st.markdown(f"**{name}:** {safe_snippet(str(value), limit=None)}")
        for kind, text in safety.card_notes(str(rec["tp_id"]), str(rec["muscle"])):
            box = st.error if kind == "risk" else st.warning
            box(
                safe_snippet(text, limit=None),
                icon=":material/emergency:" if kind == "risk" else ":material/help:",
            )
