"""About dry needling: plain answers with their sources, from data/learn/ and data/facts.csv."""

import streamlit as st

from tpatlas import content, ui

atlas = ui.atlas_or_stop()
learn = ui.loaded_or_stop(content.load_content, "The Learn texts")
ui.keep_params()

st.title("About dry needling")
st.caption(
    "Plain answers to the questions people ask most, each with its sources. "
    "Open “More detail” under a section for the research behind it."
)

for tab, name in zip(st.tabs(learn.tabs()), learn.tabs(), strict=True):
    with tab:
        for section in learn.in_tab(name):
            st.header(section.title, anchor=section.section_id)
            st.markdown(section.body)
            if section.table == "adverse_events":
                st.dataframe(
                    content.adverse_event_table(learn, atlas.sources),
                    hide_index=True,
                    width="stretch",
                    column_config={"What happened": st.column_config.TextColumn(width="large")},
                )
                st.caption(section.table_caption)
            if section.detail:
                with st.expander("More detail, for students"):
                    st.markdown(section.detail)
            st.caption("How strong the evidence is. " + content.evidence_markdown(section.evidence))
            st.caption("Sources: " + content.citations_markdown(atlas.sources, section.source_ids))

st.page_link("pages/sources.py", label="See every source and what cites it", icon=":material/format_quote:")
ui.footer()
