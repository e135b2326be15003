"""The sidebar search (every page): type a muscle, body part or complaint, pick a result, and
its view opens: a muscle's pattern, the pain finder on a condition's zones, or the body map.
"""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from tpatlas import ui
from tpatlas.conditions import condition_tables
from tpatlas.data import DataError, data_dir, load_atlas
from tpatlas.search import Entry, build_index, describe, search

QUERY = "search_query"
ROUTE = "search_route"  # (page, params) chosen in a callback, opened on the next run
MAX_HITS = 6


@lru_cache(maxsize=4)
def _index(folder: str) -> tuple[Entry, ...]:
    return build_index(load_atlas(), condition_tables()[0])


def _choose(entry: Entry) -> None:
    if entry.kind == "region":
        st.session_state.pop(ui.REGION, None)  # the body map then reads the region from the link
    st.session_state[ROUTE] = (entry.page, dict(entry.params))
    st.session_state[QUERY] = ""


def sidebar() -> None:
    """Open a chosen result, else draw the search box and its results in the sidebar."""
    route = st.session_state.pop(ROUTE, None)
    if route:
        st.switch_page(route[0], query_params=route[1])
    try:
        index = _index(str(data_dir()))
    except DataError:
        return  # the page shows the error
    with st.sidebar:
        query = st.text_input(
            "Search the atlas",
            key=QUERY,
            placeholder="Muscle, body part or complaint",
            icon=":material/search:",
            max_chars=100,
        )
        if not query:
            st.caption('For example "traps", "calf", "sciatica" or "stiff neck".')
            return
        hits = search(index, query, limit=MAX_HITS)
        if not hits:
            st.caption("Nothing found. Try another word, such as a body part.")
        for i, hit in enumerate(hits):
            st.button(
                describe(hit), key=f"search-hit-{i}", on_click=_choose, args=(hit.entry,), type="tertiary"
            )
