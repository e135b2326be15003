"""The map component's Python side: what goes in (data) and what comes back (events)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_page
from tests.map_data import map_data
from tpatlas.figures import body_figure
from tpatlas.geometry import label_point, point_in_ring
from tpatlas.mapview import PLOTLY_URL, ensure_plotly_js, figure_json, plotly_source
from tpatlas.mapview.protocol import MapEvent, event_seq, parse_event, region_outlines, zones_json
from tpatlas.referral import zone_key


def test_zones_carry_every_polygon_and_target(atlas):
    zones = json.loads(zones_json(atlas))
    assert len(zones["features"]) == len(atlas.features)
    for sent, f in zip(zones["features"], atlas.features, strict=True):
        assert (sent["region"], sent["zone"], sent["side"], sent["view"]) == (
            f.region,
            f.zone,
            f.side,
            f.view,
        )
        assert sent["key"] == zone_key(f.zone, f.side)
        assert [len(r) for r in sent["rings"]] == [2 * len(r) for r in f.rings]
    assert zones["targets"]["region"] == [
        r for r in atlas.regions.index if any(f.region == r for f in atlas.features)
    ]
    assert set(zones["targets"]["zone"]) == {zone_key(f.zone, f.side) for f in atlas.features}
    assert set(zones["labels"]["zone"]) == set(zones["targets"]["zone"])
    assert zones["labels"]["region"]["heel"] == atlas.regions.at["heel", "label"]
    assert zones_json(atlas) is zones_json(atlas)  # cached text: the browser parses it once


def test_region_click_is_checked_against_the_atlas(atlas):
    heel = next(f for f in atlas.features if f.region == "heel")
    raw = {
        "seq": 3,
        "target": "heel",
        "region": "neck",
        "zone": heel.zone,
        "side": heel.side,
        "view": heel.view,
    }
    event = parse_event(atlas, "region", raw)
    assert event == MapEvent(3, "heel", "heel", heel.zone, heel.side, heel.view, "pointer")
    # a zone that is not the target's is not believed: the region alone is reported
    odd = parse_event(atlas, "region", {**raw, "zone": "temple", "how": "touch"})
    assert (odd.region, odd.zone, odd.side, odd.view, odd.how) == ("heel", "", "", "", "touch")


def test_zone_click_names_zone_and_side(atlas):
    event = parse_event(atlas, "zone", {"seq": 1, "target": "temple:left", "how": "key"})
    assert (event.target, event.region, event.zone, event.side, event.how) == (
        "temple:left",
        atlas.zones["temple"].region,
        "temple",
        "left",
        "key",
    )


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "heel",
        {"seq": 1},
        {"seq": 1, "target": "elbowz"},
        {"seq": 1, "target": ["heel"]},
        {"seq": True, "target": "heel"},
        {"seq": 0, "target": "heel"},
        {"seq": "2", "target": "heel"},
        {"seq": 1, "target": "temple:left"},  # a zone key is no region
    ],
)
def test_bad_events_are_ignored(atlas, raw):
    assert parse_event(atlas, "region", raw) is None


def test_a_picture_takes_no_clicks(atlas):
    assert parse_event(atlas, "none", {"seq": 1, "target": "heel"}) is None
    assert event_seq({"seq": 4, "target": "x"}) == 4  # still acknowledged, so the map lets go


def test_figure_text_is_made_once_per_figure():
    fig = body_figure(None)
    text = figure_json(fig)
    assert figure_json(fig) is text
    assert json.loads(text)["data"] == []  # no click targets: the component hit-tests the zones


def test_plotly_js_is_copied_from_the_wheel(tmp_path):
    dest = ensure_plotly_js(tmp_path / "static")
    assert dest.read_bytes() == plotly_source().read_bytes()
    mtime = dest.stat().st_mtime_ns
    assert ensure_plotly_js(tmp_path / "static").stat().st_mtime_ns == mtime  # not copied again
    assert not PLOTLY_URL.startswith(("http:", "https:", "//"))  # served by this host


def test_home_page_sends_the_selection_not_a_new_figure(atlas):
    at = run_page(region="heel")
    first = map_data(at, "body-map")
    assert first["mode"] == "region" and first["selected"] == ["heel"] and first["ack"] == 0
    at.selectbox(key="region_select").select("neck").run()
    second = map_data(at, "body-map")
    assert second["selected"] == ["neck"]
    assert second["figure"] == first["figure"]  # the same drawing: only the highlight moves
    assert "Arrow keys" in second["label"]


def test_finder_sends_marked_areas_in_zone_mode():
    at = run_page("pages/finder.py", zones="temple:right,calf")
    data = map_data(at, "finder-map")
    assert data["mode"] == "zone"
    assert set(data["selected"]) == {"temple:right", "calf:right", "calf:left"}


def test_each_region_is_outlined_around_all_its_zones(atlas):
    """The selected region is drawn with its outline: every zone of the region lies inside it
    (its label point inside an odd number of the region's rings), and no other region's does."""
    outlines = region_outlines(atlas)
    assert set(outlines) == {f.region for f in atlas.features}

    def inside(region: str, x: float, y: float) -> bool:
        rings = [list(zip(r[::2], r[1::2], strict=True)) for r in outlines[region]]
        return sum(point_in_ring(x, y, ring) for ring in rings) % 2 == 1

    for f in atlas.features:
        x, y = label_point(f)
        assert inside(f.region, x, y), (f.region, f.zone, f.view)
        others = [r for r in outlines if r != f.region and inside(r, x, y)]
        assert not others, (f.zone, f.view, others)
