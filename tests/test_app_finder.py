"""The pain finder through AppTest: shared links, the list, ranked rows, safety text, bad input."""

from __future__ import annotations

import itertools

import pytest

from tests.conftest import run_page
from tests.map_data import map_data, map_figure
from tpatlas import referral
from tpatlas.ranking import rank, zone_labels

PAGE = "pages/finder.py"


def _marked(at) -> list[str]:
    return at.multiselect(key="finder_marked").value


def test_link_marks_the_zones_and_ranks(atlas):
    at = run_page(PAGE, zones="temple:right,jaw_angle:right,occiput:right")
    assert not at.exception
    assert _marked(at) == ["temple:right", "jaw_angle:right", "occiput:right"]
    expected = rank(
        atlas.trigger_points,
        [("temple", "right"), ("jaw_angle", "right"), ("occiput", "right")],
        zone_labels(atlas.zones),
    )
    links = _links(at)
    assert len(links) == len(expected)
    # one click opens the pattern in this tab: an in-app page link, no URL of its own
    assert links[0].proto.page == "pattern"
    assert links[0].proto.query_string == f"muscle={expected[0].tp_id}&side=right"
    rows = _rows(at)
    assert rows[0].startswith(f"**1. {referral.trigger_point_label(atlas, expected[0].tp_id)}**")
    ranks = [int(r[2:].split(".")[0]) for r in rows]
    assert ranks == sorted(ranks)
    assert any(expected[0].why.split(":")[0] in c.value for c in at.caption)


def _links(at) -> list:
    return [p for p in at.get("page_link") if p.proto.label == "Open pattern"]


def _rows(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**") and " · " in m.value]


def test_the_shoulder_is_ranked_not_tied():
    at = run_page(PAGE, zones="front_of_shoulder,side_of_shoulder,back_of_shoulder")
    rows = _rows(at)
    assert len(rows) >= 8
    assert not any("tied" in r for r in rows[:3]), rows[:3]  # the best matches stand apart


def test_rows_tie_only_when_they_match_alike(atlas):
    """A tie means equal scores on every criterion: the same zones explained, covered and met."""
    from tpatlas.ranking import rank, zone_labels

    marks = [(z, "right") for z in ("front_of_shoulder", "side_of_shoulder", "back_of_shoulder")]
    found = rank(atlas.trigger_points, marks, zone_labels(atlas.zones))
    for a, b in itertools.pairwise(found):
        if b.tied and a.rank == b.rank:
            assert a.key == b.key and (len(a.essential), len(a.spillover)) == (
                len(b.essential),
                len(b.spillover),
            )
        else:
            assert a.key != b.key


def test_the_area_list_adds_one_area_on_enter():
    at = run_page(PAGE)
    # no "select all matches" (which Enter triggered); the browser test types and presses Enter
    assert at.multiselect(key="finder_marked").proto.select_all == 0


def test_a_plain_zone_marks_both_sides_and_the_url_stays_short():
    at = run_page(PAGE, zones="calf")
    assert _marked(at) == ["calf:right", "calf:left"]
    assert at.query_params["zones"] in ("calf", ["calf"])


def test_the_list_marks_areas_and_the_url_follows():
    at = run_page(PAGE)
    assert not at.exception and not _links(at)
    at.multiselect(key="finder_marked").select("heel_underside:left").select("arch:left").run()
    assert not at.exception
    assert at.query_params["zones"] in ("heel_underside:left,arch:left", ["heel_underside:left,arch:left"])
    assert any("Soleus" in r for r in _rows(at))
    at.multiselect(key="finder_marked").unselect("heel_underside:left").unselect("arch:left").run()
    assert "zones" not in at.query_params
    assert not _links(at)


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
    from tpatlas.views import VIEWS

    at = run_page(PAGE, zones="jaw_angle:right,heel_underside:right")
    at.selectbox(key="finder_view").select("head_front").run()
    assert not at.exception
    spec = map_figure(at, "finder-map")
    assert tuple(spec["layout"]["xaxis"]["range"]) == VIEWS["head_front"].x
    assert tuple(spec["layout"]["yaxis"]["range"]) == VIEWS["head_front"].y
    assert sorted(map_data(at, "finder-map")["selected"]) == ["heel_underside:right", "jaw_angle:right"]
    assert set(at.multiselect(key="finder_marked").value) == {"jaw_angle:right", "heel_underside:right"}
