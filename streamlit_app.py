"""Trigger Point Atlas: the router. Pages live in pages/, logic in src/tpatlas/."""

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).parent / "pages"

st.set_page_config(page_title="Trigger Point Atlas", page_icon=":material/accessibility_new:", layout="wide")

st.navigation(
    [
        st.Page(PAGES / "body_map.py", title="Body map", icon=":material/accessibility_new:", default=True),
    ]
).run()
