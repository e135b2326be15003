"""The pain finder through AppTest: shared links, the list, ranked rows, safety text, bad input."""

from __future__ import annotations

import pytest

from tests.conftest import run_page
from tpatlas.ranking import rank, zone_labels

PAGE = "pages/finder.py"


def _marked(at) -> list[str]:
    return at.multiselect(key="finder_marked").value


def test_link_marks_the_zones_and_ranks(atlas):
    at = run_page(PAGE, zones="temple:right,jaw_angle:right,occiput:right")
    assert not at.exception
    assert _marked(at) == ["temple:right", "jaw_angle:right", "occiput:right"]
    table = at.dataframe[0].value
    expected = rank(
        atlas.trigger_points,
        [("temple", "right"), ("jaw_angle", "right"), ("occiput", "right")],
        zone_labels(atlas.zones),
    )
    assert len(table) == len(expected)
    assert table["Why it is listed"][0] == expected[0].why
    assert table["Pattern"][0] == f"/pattern?muscle={expected[0].tp_id}&side=right"
    assert table["Rank"].is_monotonic_increasing


def test_a_plain_zone_marks_both_sides_and_the_url_stays_short():
    at = run_page(PAGE, zones="calf")
    assert _marked(at) == ["calf:right", "calf:left"]
    assert at.query_params["zones"] in ("calf", ["calf"])


def test_the_list_marks_areas_and_the_url_follows():
    at = run_page(PAGE)
    assert not at.exception and len(at.dataframe) == 0
    at.multiselect(key="finder_marked").select("heel_underside:left").select("arch:left").run()
    assert not at.exception
    assert at.query_params["zones"] in ("heel_underside:left,arch:left", ["heel_underside:left,arch:left"])
    muscles = set(at.dataframe[0].value["Trigger point"])
    assert any(m.startswith("Soleus") for m in muscles)
    at.multiselect(key="finder_marked").unselect("heel_underside:left").unselect("arch:left").run()
    assert "zones" not in at.query_params
    assert len(at.dataframe) == 0


def test_says_not_a_diagnosis_and_lists_red_flags():
    at = run_page(PAGE, zones="sternum")
    text = " ".join(m.value for m in at.markdown)
    assert "not a diagnosis" in text
    flags = text.lower()
    for word in ("fever", "numbness", "chest pain", "bladder", "weight loss", "fall", "calf"):
        assert word in flags


def test_a_condition_from_the_search_explains_itself():
    at = run_page(PAGE, zones="calf,back_of_knee", condition="deep_vein_thrombosis")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Deep vein thrombosis" in text and "Gastrocnemius" in text
    assert any("doctor" in w.value for w in at.warning)


@pytest.mark.parametrize("bad", ["elbowz", "temple:up", "<b>x</b>", ",,,", "a" * 5000])
def test_bad_zones_give_a_notice(bad):
    at = run_page(PAGE, zones=bad)
    assert not at.exception
    assert _marked(at) == []
    assert any("area" in i.value for i in at.info)
    assert all("<b>" not in i.value for i in at.info)


def test_good_and_bad_zones_together_keep_the_good_ones():
    at = run_page(PAGE, zones="temple,nowhere")
    assert _marked(at) == ["temple:right", "temple:left"]
    assert any("nowhere" in i.value for i in at.info)


def test_broken_conditions_file_gives_a_readable_error(data_copy, monkeypatch):
    path = data_copy / "conditions.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("temple;eye;forehead", "temple;eyes", 1), "utf-8"
    )
    monkeypatch.setenv("TPATLAS_DATA_DIR", str(data_copy))
    at = run_page(PAGE)
    assert not at.exception
    assert len(at.error) == 1 and "could not be loaded" in at.error[0].value
    assert at.code[0].value.startswith(
        "data/conditions.csv, line 3: condition 'migraine': unknown zone 'eyes'"
    )


def test_the_view_switch_frames_a_close_up_and_keeps_the_marks():
    """Small areas are marked in a close-up: the finder offers the pattern page's views."""
    import json

    from tpatlas.views import VIEWS

    at = run_page(PAGE, zones="jaw_angle:right,heel_underside:right")
    at.selectbox(key="finder_view").select("head_front").run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert tuple(spec["layout"]["xaxis"]["range"]) == VIEWS["head_front"].x
    assert tuple(spec["layout"]["yaxis"]["range"]) == VIEWS["head_front"].y
    assert {"shade-marked"} <= {t.get("name") for t in spec["data"]}
    assert set(at.multiselect(key="finder_marked").value) == {"jaw_angle:right", "heel_underside:right"}
