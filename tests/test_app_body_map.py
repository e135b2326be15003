"""The body-map page through AppTest: deep links, the select box, the tables, bad input."""

from __future__ import annotations

import pytest

from tests.conftest import run_page
from tpatlas.lookups import TABLE_COLUMNS, referring_into, trigger_points_in
from tpatlas.referral import trigger_point_label


def _selectbox(at):
    return at.selectbox(key="region_select")


def _labels(atlas, frame):
    return sorted(trigger_point_label(atlas, t) for t in frame.index)


def test_home_shows_the_map_and_a_prompt():
    at = run_page()
    assert not at.exception
    assert _selectbox(at).value is None
    assert any("Where does it hurt" in h.value for h in at.header)
    assert len(at.table) == 0
    assert any("education, not medical advice" in c.value.lower() for c in at.caption)


def test_deep_link_selects_the_heel(atlas):
    at = run_page(region="heel")
    assert not at.exception
    assert _selectbox(at).value == "heel"
    lying = at.table[0].value
    # the session guidance is the same for every row here: said once above, not in a column
    assert list(lying.columns) == [v for k, v in TABLE_COLUMNS.items() if k != "sessions"]
    assert any("Typical course, for every trigger point below" in m.value for m in at.markdown)
    assert sorted(lying["Muscle"]) == _labels(atlas, trigger_points_in(atlas, "heel"))
    referring = at.table[1].value
    assert sorted(referring["Muscle"]) == _labels(atlas, referring_into(atlas, "heel"))
    assert "tp_id" not in lying.columns and "soleus" not in list(lying.columns)


def test_clinical_terms_come_in_plain_words_first(atlas):
    at = run_page(region="shoulder")
    mimics = " ".join(at.table[0].value["Often mistaken for"])
    assert "sore biceps tendon (bicipital tendinopathy)" in mimics
    assert "pinched nerve in the neck (cervical radiculopathy)" in " ".join(
        at.table[1].value["Often mistaken for"]
    )


def test_the_url_carries_only_the_home_page_parameters():
    at = run_page(region="heel", muscle="deltoid", side="left", zones="temple")
    assert not at.exception
    assert dict(at.query_params) in ({"region": "heel"}, {"region": ["heel"]})


def test_choosing_another_region_clears_the_open_row_choice():
    at = run_page(region="shoulder")
    at.session_state["tps-pick"] = "deltoid"
    _selectbox(at).select("neck").run()
    assert at.session_state["tps-pick"] is None and at.session_state["ref-pick"] is None


def test_select_box_changes_region_and_url(atlas):
    at = run_page(region="heel")
    _selectbox(at).select("neck").run()
    assert not at.exception
    assert at.query_params["region"] in ("neck", ["neck"])
    assert any(h.value == "Neck" for h in at.header)
    assert sorted(at.table[0].value["Muscle"]) == _labels(atlas, trigger_points_in(atlas, "neck"))


@pytest.mark.parametrize("bad", ["elbowz", "", "<b>x</b>", "heel'--", "../../etc/passwd", "é" * 5000])
def test_bad_region_gives_a_notice_and_the_plain_map(bad):
    at = run_page(region=bad)
    assert not at.exception
    assert _selectbox(at).value is None
    assert len(at.table) == 0
    assert at.info, "expected a notice"
    assert "<b>" not in at.info[0].value


def test_each_region_has_a_summary_and_reminder(atlas):
    at = run_page()
    for region in atlas.regions.index:
        _selectbox(at).select(region).run()
        assert not at.exception
        assert any(atlas.regions.at[region, "summary"] in m.value for m in at.markdown), region
        assert any("not a diagnosis" in c.value for c in at.caption)


def test_broken_data_shows_a_readable_error(data_copy, monkeypatch):
    (data_copy / "trigger_points.csv").write_text("tp_id,muscle\nx,y\n", encoding="utf-8")
    monkeypatch.setenv("TPATLAS_DATA_DIR", str(data_copy))
    at = run_page()
    assert not at.exception
    assert len(at.error) == 1
    assert "could not be loaded" in at.error[0].value
    message = at.code[0].value
    assert message.startswith("data/trigger_points.csv, line 1: missing column")
    assert len(at.table) == 0
