"""The body-map page through AppTest: deep links, the select box, the tables, bad input."""

from __future__ import annotations

import pytest

from tests.conftest import run_page
from tpatlas.lookups import TABLE_COLUMNS, referring_into, trigger_points_in


def _selectbox(at):
    return at.selectbox(key="region_select")


def test_home_shows_the_map_and_a_prompt():
    at = run_page()
    assert not at.exception
    assert _selectbox(at).value is None
    assert any("Where does it hurt" in h.value for h in at.subheader)
    assert len(at.dataframe) == 0
    assert any("education, not medical advice" in c.value.lower() for c in at.caption)


def test_deep_link_selects_the_heel(atlas):
    at = run_page(region="heel")
    assert not at.exception
    assert _selectbox(at).value == "heel"
    lying = at.dataframe[0].value
    assert list(lying.columns) == list(TABLE_COLUMNS.values())
    assert sorted(lying["Muscle"]) == sorted(trigger_points_in(atlas, "heel")["muscle"])
    referring = at.dataframe[1].value
    assert sorted(referring["Muscle"]) == sorted(referring_into(atlas, "heel")["muscle"])
    assert "tp_id" not in lying.columns and "soleus" not in list(lying.columns)


def test_select_box_changes_region_and_url(atlas):
    at = run_page(region="heel")
    _selectbox(at).select("neck").run()
    assert not at.exception
    assert at.query_params["region"] in ("neck", ["neck"])
    assert any(h.value == "Neck" for h in at.subheader)
    assert sorted(at.dataframe[0].value["Muscle"]) == sorted(trigger_points_in(atlas, "neck")["muscle"])


@pytest.mark.parametrize("bad", ["elbowz", "", "<b>x</b>", "heel'--", "../../etc/passwd", "é" * 5000])
def test_bad_region_gives_a_notice_and_the_plain_map(bad):
    at = run_page(region=bad)
    assert not at.exception
    assert _selectbox(at).value is None
    assert len(at.dataframe) == 0
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
    assert len(at.dataframe) == 0
