"""Sources: every cited work once, with its link and what in the atlas relies on it."""

from typing import Literal

import streamlit as st

from tpatlas import content, ui
from tpatlas.data import data_dir

atlas = ui.atlas_or_stop()
learn = ui.loaded_or_stop(content.load_content, "The Learn texts")
ui.keep_params()

cited = content.cited_by(
    atlas.sources, atlas.trigger_points, atlas.regions, learn, content.citing_rows(data_dir())
)
groups = content.source_groups(atlas.sources)

st.title("Sources")
st.write(
    "Every source the atlas relies on, and what cites it: trigger points, body regions, the "
    "“About dry needling” texts and their facts, and other data. Research papers carry more "
    "weight than patient-education pages, which give clinical guidance rather than study results."
)
cols = st.columns(4)
cols[0].metric("Sources", len(atlas.sources))
for col, (name, ids) in zip(cols[1:3], groups, strict=True):
    col.metric(name, len(ids))
cols[3].metric("With an online link", int(atlas.sources["url"].str.startswith("https://").sum()))

st.header("Where each referral pattern comes from")
st.write(
    "Each trigger point's pattern of pain is drawn from a figure in the trigger-point manual (or a "
    "paper), with how strong that evidence is and whether it has been checked. Rows that still "
    "need a clinician's review come first."
)
st.markdown(content.evidence_levels_markdown())
provenance = content.provenance_table(atlas.trigger_points)
widths: dict[str, Literal["small", "medium", "large"]] = {
    "Trigger point": "medium",
    "Pattern drawn from": "medium",
    "Evidence": "small",
}
config = {c: st.column_config.TextColumn(c, width=widths.get(c, "large")) for c in provenance.columns}
ui.wrapped_table(provenance, config, key="provenance", row_height=80, max_rows=8)

for name, ids in groups:
    st.header(name)
    for sid in ids:
        with st.container(border=True):
            st.markdown(content.source_card(atlas.sources, sid, cited[sid]))

ui.footer()
