"""Trigger Point Atlas: the router. Pages live in pages/, logic in src/tpatlas/."""

from pathlib import Path

import streamlit as st

from tpatlas import search_view, ui

PAGES = Path(__file__).parent / "pages"

# A local icon: a :material/...: page icon would be fetched from a font CDN.
st.set_page_config(
    page_title="Trigger Point Atlas",
    page_icon=str(Path(__file__).parent / "assets" / "icon.png"),
    layout="wide",
)
ui.page_style()  # our static stylesheet: contrast, focus ring, phone cards, print
search_view.sidebar()  # the search box on every page; opens the chosen result

pages = {
    "Explore": [
        st.Page(PAGES / "body_map.py", title="Body map", icon=":material/accessibility_new:", default=True),
        st.Page(
            PAGES / "pattern.py",
            title="Referral patterns",
            icon=":material/scatter_plot:",
            url_path="pattern",
        ),
        st.Page(PAGES / "finder.py", title="Pain finder", icon=":material/search:", url_path="finder"),
    ],
    "Learn": [
        st.Page(
            PAGES / "learn.py", title="About dry needling", icon=":material/menu_book:", url_path="learn"
        ),
        st.Page(PAGES / "quiz.py", title="Quiz", icon=":material/quiz:", url_path="quiz"),
        st.Page(PAGES / "sources.py", title="Sources", icon=":material/format_quote:", url_path="sources"),
    ],
    "For therapists": [
        st.Page(PAGES / "plan.py", title="Plan & handout", icon=":material/assignment:", url_path="plan"),
    ],
}
current = st.navigation(pages)
ui.phone_menu(pages, search_view.search_box)  # on a phone: a labelled menu with the pages and search
current.run()
