"""Placeholder: this page is being built (see the issue tracker)."""

import streamlit as st

from tpatlas import ui

st.title("pattern".capitalize())
st.info("This page is being built.")
ui.footer()
