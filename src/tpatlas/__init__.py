"""Trigger Point Atlas: data, lookups, figures and exports behind the Streamlit app."""
