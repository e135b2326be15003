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


def _choose(entry: Entry, query_key: str) -> None:
    if entry.kind == "region":
        st.session_state.pop(ui.REGION, None)  # the body map then reads the region from the link
    st.session_state[ROUTE] = (entry.page, dict(entry.params))
    st.session_state[query_key] = ""


def open_chosen() -> None:
    """Open the result chosen in a callback on the last run (a search hit), if any."""
    route = st.session_state.pop(ROUTE, None)
    if route:
        st.switch_page(route[0], query_params=route[1])


def search_box(where: str = "", hint: bool = True) -> None:
    """The search box and its results (``where`` tells two boxes on one page apart;
    ``hint`` adds examples under an empty box)."""
    try:
        index = _index(str(data_dir()))
    except DataError:
        return  # the page shows the error
    key = QUERY + where
    query = st.text_input(
        "Search the atlas",
        key=key,
        placeholder="Muscle, body part or complaint",
        icon=":material/search:",
        max_chars=100,
    )
    if not query:
        if hint:
            st.caption('For example "traps", "calf", "sciatica" or "stiff neck".')
        return
    hits = search(index, query, limit=MAX_HITS)
    if not hits:
        st.caption("Nothing found. Try another word, such as a body part.")
    for i, hit in enumerate(hits):
        st.button(
            describe(hit),
            key=f"search-hit{where}-{i}",
            on_click=_choose,
            args=(hit.entry, key),
            type="tertiary",
        )


def sidebar() -> None:
    """Open a chosen result, else draw the search box and its results in the sidebar."""
    open_chosen()
    with st.sidebar:
        search_box()
