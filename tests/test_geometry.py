"""The body map's geometry: zones do not overlap, label points lie inside, the drawn layers."""

from __future__ import annotations

import itertools

from shapely.geometry import Point, Polygon
from shapely.ops import unary_union

from tpatlas.figures import SELECTED_EDGE, body_figure, build_body_figure
from tpatlas.geometry import label_point, point_in_ring, ring_area


def _shape(feature) -> Polygon:
    return unary_union([Polygon(r) for r in feature.rings])


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
        assert shape.area > 0.6, (f.zone, f.view, f.side)


def test_no_two_regions_overlap(atlas):
    by_view = {}
    for f in atlas.features:
        by_view.setdefault(f.view, []).append(f)
    for feats in by_view.values():
        shapes = [(f, _shape(f)) for f in feats]
        for (fa, a), (fb, b) in itertools.combinations(shapes, 2):
            if a.intersects(b):
                assert a.intersection(b).area < 0.1, (fa.zone, fa.side, fb.zone, fb.side)


def test_sided_zones_come_in_pairs(atlas):
    sides = {}
    for f in atlas.features:
        sides.setdefault((f.zone, f.view), set()).add(f.side)
    for key, found in sides.items():
        assert found in ({"left", "right"}, {"midline"}), key


def test_label_point_is_inside(atlas):
    for f in atlas.features:
        x, y = label_point(f)
        assert _shape(f).buffer(1e-6).contains(Point(x, y)), f.zone


def test_selected_region_is_highlighted(atlas):
    fig = build_body_figure(atlas, "jaw")
    shapes = {s.name: s for s in fig.layout.shapes}
    assert shapes["selected"].line.color == SELECTED_EDGE
    assert shapes["region-jaw"].fillcolor.endswith(",0.9)")
    assert shapes["region-head"].fillcolor.endswith(",0.35)")
    assert "selected" not in [s.name for s in build_body_figure(atlas, None).layout.shapes]


def test_drawn_layers_trace_the_zones(atlas):
    """Each region's shape is its zones' rings, one closed sub-path per ring, and the plain
    map has no traces at all (the map component hit-tests the zones: no click targets)."""
    fig = build_body_figure(atlas, "leg")
    shapes = {s.name: s for s in fig.layout.shapes}
    for region in atlas.regions.index:
        n_rings = sum(len(f.rings) for f in atlas.features if f.region == region)
        assert shapes[f"region-{region}"].path.count("M") == n_rings
        assert shapes[f"region-{region}"].path.count("Z") == n_rings
    assert shapes["edge-front"].layer == "above" and shapes["region-leg"].layer == "below"
    assert len(fig.data) == 0


def test_cached_figure_is_reused():
    assert body_figure("neck") is body_figure("neck")
