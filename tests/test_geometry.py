"""The body map's geometry: zones do not overlap, cover the body, lie inside its outline,
match the zone catalogue, and each is a large enough target in the view where it is picked."""

from __future__ import annotations

import csv
import math
import random
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, Polygon
from shapely.ops import unary_union

from tests.zone_views import pick_views
from tpatlas.conditions import load_conditions
from tpatlas.data import PACKAGED_DATA, VIEWS, split_list
from tpatlas.figures import DIMMED, SELECTED_EDGE, body_figure, build_body_figure
from tpatlas.geometry import label_point, point_in_feature, point_in_ring, ring_area
from tpatlas.views import (
    DESKTOP_WIDTH_PX,
    MIN_TARGET_PX,
    PHONE_WIDTH_PX,
)
from tpatlas.views import (
    VIEWS as MAP_VIEWS,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from body.measure import largest_square, square_fits  # noqa: E402

GAP = 0.15  # diagram units: a gap between zones narrower than a drawn line (about half a px)


def _shape(feature) -> Polygon:
    return unary_union([Polygon(r) for r in feature.rings])


def _catalogue() -> dict[str, dict[str, str]]:
    with (ROOT / "tools" / "zone_catalogue.csv").open(newline="", encoding="utf-8") as fh:
        return {row["zone"]: row for row in csv.DictReader(fh)}


def _outline(atlas, view: str):
    return unary_union([Polygon(r) for r in atlas.outlines[view]])


def test_point_in_ring_basics():
    square = [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)]
    assert point_in_ring(2, 2, square)
    assert not point_in_ring(5, 2, square)
    assert not point_in_ring(-0.1, 2, square)
    assert ring_area(square) == 16


def test_every_zone_is_drawn_and_valid(atlas):
    for f in atlas.features:
        shape = _shape(f)
        assert shape.is_valid, (f.zone, f.view, f.side)
        assert shape.area > 0.04, (f.zone, f.view, f.side)


def test_the_map_draws_exactly_the_catalogue(atlas):
    """Every zone of tools/zone_catalogue.csv is drawn, in the views, region and sides it lists."""
    cat = _catalogue()
    assert len(cat) == 161
    assert set(atlas.zones) == set(cat)
    for zone, row in cat.items():
        assert atlas.zones[zone].region == row["region"], zone
        assert atlas.zones[zone].label == row["label"], zone
        assert set(atlas.zones[zone].views) == set(row["views"].split(";")), zone
        sides = {f.side for f in atlas.features if f.zone == zone}
        assert sides == ({"midline"} if row["sides"] == "midline" else {"left", "right"}), zone


def test_no_two_zones_overlap(atlas):
    for view in VIEWS:
        feats = [f for f in atlas.features if f.view == view]
        shapes = [_shape(f) for f in feats]
        tree = shapely.STRtree(shapes)
        for i, a in enumerate(shapes):
            for j in tree.query(a, predicate="intersects"):
                if j > i:
                    overlap = a.intersection(shapes[j]).area
                    assert overlap < 0.02, (
                        feats[i].zone,
                        feats[i].side,
                        feats[j].zone,
                        feats[j].side,
                        overlap,
                    )


def test_zones_cover_the_body_and_lie_inside_it(atlas):
    """No gap between zones wider than a line, and no zone outside its view's outline."""
    assert set(atlas.outlines) == set(VIEWS)
    for view in VIEWS:
        outline = _outline(atlas, view)
        zones = unary_union([_shape(f) for f in atlas.features if f.view == view])
        gaps = outline.difference(zones).buffer(-GAP / 2)
        assert gaps.is_empty or gaps.area < 1e-6, (view, gaps.area, gaps.representative_point())
        outside = zones.difference(outline.buffer(0.05))
        assert outside.area < 1e-6, (view, outside.area)


def test_sided_zones_come_in_pairs(atlas):
    sides = {}
    for f in atlas.features:
        sides.setdefault((f.zone, f.view), set()).add(f.side)
    for key, found in sides.items():
        assert found in ({"left", "right"}, {"midline"}), key


def test_every_pattern_and_condition_zone_exists(atlas):
    tps = atlas.trigger_points
    used = {
        z for col in ("essential_zones", "spillover_zones") for cell in tps[col] for z in split_list(cell)
    }
    used |= set(tps["location_zone"])
    conditions = load_conditions(PACKAGED_DATA)
    used |= {z for cell in conditions["zones"] for z in split_list(cell)}
    assert used <= set(atlas.zones), sorted(used - set(atlas.zones))


def test_landmarks_lie_on_the_body(atlas):
    assert {"front", "back", "side"} <= set(atlas.landmarks)
    for view, lines in atlas.landmarks.items():
        body = _outline(atlas, view).buffer(0.3)
        for line in lines:
            assert all(body.contains(Point(p)) for p in line), (view, line[:2])


def test_view_scales_follow_the_screen():
    whole = MAP_VIEWS["whole"]
    assert whole.px_per_unit(PHONE_WIDTH_PX) < whole.px_per_unit(DESKTOP_WIDTH_PX)
    hand = MAP_VIEWS["hand_palm_right"]
    assert hand.smallest_scale() > 5 * whole.smallest_scale()


def test_square_measure():
    assert 1.9 < largest_square(Polygon([(0, 0), (2, 0), (2, 5), (0, 5)])) <= 2.0
    assert square_fits(Polygon([(0, 0), (2, 0), (2, 5), (0, 5)]), 1.9)
    assert not square_fits(Polygon([(0, 0), (2, 0), (2, 5), (0, 5)]), 2.1)


def test_every_zone_is_a_24px_target_in_some_view(atlas):
    """WCAG 2.2 target size: each zone, on each side, is at least 24x24 CSS px in a view
    that frames it, on a desktop and on a phone (fingers, toes, teeth in the close-ups)."""
    best = {key: (view, px) for key, (view, px, _) in pick_views(atlas).items()}
    keys = {(f.zone, f.side) for f in atlas.features}
    assert set(best) == keys, sorted(keys - set(best))[:5]
    small = sorted((px, zone, side, view) for (zone, side), (view, px) in best.items() if px < MIN_TARGET_PX)
    assert not small, f"{len(small)} zones under {MIN_TARGET_PX} px, e.g. {small[:8]}"


def test_random_spots_resolve_to_their_zone(atlas):
    """The pure part of 'click anywhere in a zone': random spots inside each zone, tested by
    point-in-polygon on the same rings the app sends, hit that zone and no other."""
    rng = random.Random(7)
    by_view: dict[str, list] = {}
    for f in atlas.features:
        by_view.setdefault(f.view, []).append(f)
    for f in atlas.features:
        shape = _shape(f).buffer(-0.05)
        if shape.is_empty:
            shape = _shape(f)
        x0, y0, x1, y1 = shape.bounds
        tried = 0
        for _ in range(400):
            if tried == 5:
                break
            x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
            if not shape.contains(Point(x, y)):
                continue
            tried += 1
            hits = [(g.zone, g.side) for g in by_view[f.view] if point_in_feature(x, y, g)]
            assert hits == [(f.zone, f.side)], (f.zone, f.side, x, y, hits)
        assert tried == 5, (f.zone, f.side)


def test_label_point_is_inside(atlas):
    for f in atlas.features:
        x, y = label_point(f)
        assert _shape(f).buffer(1e-6).contains(Point(x, y)), f.zone


@pytest.mark.parametrize("region", ["arm", "heel", "shoulder", "head"])
def test_selected_region_is_highlighted(atlas, region):
    """Any selected region stands out: opaque, deeper fill and a dark edge; the rest fade."""
    fig = build_body_figure(atlas, region)
    shapes = {s.name: s for s in fig.layout.shapes}
    assert shapes["selected"].line.color == SELECTED_EDGE
    assert shapes["selected"].line.width >= 2.5
    assert shapes[f"region-{region}"].fillcolor.endswith(",1)")
    others = [n for n in shapes if n.startswith("region-") and n != f"region-{region}"]
    assert others and all(shapes[n].fillcolor.endswith(f",{DIMMED})") for n in others)
    names = [s.name for s in fig.layout.shapes]
    assert names.index("selected") > max(names.index(n) for n in names if n.startswith("landmarks-"))
    assert "selected" not in [s.name for s in build_body_figure(atlas, None).layout.shapes]
    # the edge runs round the region as a whole, not round each of its zones
    n_zone_rings = sum(len(f.rings) for f in atlas.features if f.region == region)
    assert 0 < shapes["selected"].path.count("M") < n_zone_rings


def test_drawn_layers_trace_the_zones(atlas):
    """Each region's shape is its zones' rings, one closed sub-path per ring, and the plain
    map has no traces at all (the map component hit-tests the zones: no click targets)."""
    fig = build_body_figure(atlas, "leg")
    shapes = {s.name: s for s in fig.layout.shapes}
    for region in atlas.regions.index:
        n_rings = sum(len(f.rings) for f in atlas.features if f.region == region)
        assert shapes[f"region-{region}"].path.count("M") == n_rings
        assert shapes[f"region-{region}"].path.count("Z") == n_rings
    for view in VIEWS:
        assert shapes[f"edge-{view}"].layer == "above" and shapes[f"outline-{view}"].layer == "below"
    names = [s.name for s in fig.layout.shapes]
    assert names.index("landmarks-front") > names.index("region-leg")
    assert "Z" not in shapes["landmarks-back"].path  # open lines, not areas
    assert len(fig.data) == 0  # the map component hit-tests the zones: no click targets


def test_cached_figure_is_reused():
    assert body_figure("neck") is body_figure("neck")


def test_views_are_frames_of_the_drawing(atlas):
    """Each view frames at least one zone, and every drawn view is framed by a view."""
    for view in MAP_VIEWS.values():
        assert view.x[0] < view.x[1] and view.y[0] < view.y[1]
        assert any(view.frames(f) for f in atlas.features), view.key
    assert {d for v in MAP_VIEWS.values() for d in v.drawn} == set(VIEWS)
    assert math.isclose(MAP_VIEWS["whole"].x[0], -37.0)
