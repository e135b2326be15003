"""The body map's geometry: zones do not overlap, and the click grid covers every zone."""

from __future__ import annotations

import itertools
import math
import random

import pytest
from shapely.geometry import Point, Polygon
from shapely.ops import unary_union

from tpatlas.figures import SELECTED_EDGE, Shade, body_figure, build_body_figure, click_target
from tpatlas.geometry import click_grid, label_point, point_in_ring, ring_area

HOVER_REACH = 4.0  # diagram units: well inside Plotly's hover distance at the app's size
# How far inside a border the emulated clicks land: 1 unit, about 3 px at the app's size.
# (At 0.6 units, under 2 px, about 1 spot in 70 picks the neighbour, in slivers of a zone.)
PROBE_INSET = 1.0


def nearest_gap(points, probe) -> float:
    px, py = probe
    return min(math.hypot(px - x, py - y) for x, y in points)


def _shape(feature) -> Polygon:
    return unary_union([Polygon(r) for r in feature.rings])


def _meaning(feature, target: str) -> tuple[str, str, str]:
    """What a click on this feature should report on a figure with these targets."""
    return (feature.region, "", "") if target == "region" else (feature.region, feature.zone, feature.side)


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


def test_every_click_point_falls_inside_its_own_region(atlas):
    points = click_grid(atlas.features)
    assert len(points) > 800
    for p in points:
        assert _shape(p.feature).buffer(1e-6).contains(Point(p.x, p.y)), (p.feature.zone, p.x, p.y)


@pytest.mark.parametrize("seed", [1, 2])
def test_any_spot_in_a_zone_is_near_a_target_of_the_same_region(atlas, seed):
    """Random spots inside each feature, edges and narrow parts included, reach a target."""
    rng = random.Random(seed)
    points = click_grid(atlas.features)
    by_region = {}
    for p in points:
        by_region.setdefault(p.feature.region, []).append((p.x, p.y))
    for f in atlas.features:
        shape = _shape(f)
        x0, y0, x1, y1 = shape.bounds
        tried = 0
        while tried < 12:
            x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
            if shape.contains(Point(x, y)):
                tried += 1
                assert nearest_gap(by_region[f.region], (x, y)) < HOVER_REACH, (f.zone, x, y)


@pytest.mark.parametrize("target", ["region", "zone"])
def test_plotly_picks_the_region_of_any_spot(atlas, target):
    """Random spots anywhere in each feature, emulated with Plotly's own rule, pick their own
    region (or zone): the lattice inside is sparse, so check it is sparse enough."""
    rng = random.Random(5)
    fig = build_body_figure(atlas, None, target=target)
    wrong, probes = [], 0
    for f in atlas.features:
        key = _meaning(f, target)
        shape = _shape(f)
        x0, y0, x1, y1 = shape.bounds
        tried = 0
        while tried < 8:
            x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
            if shape.buffer(-PROBE_INSET).contains(Point(x, y)) or (
                shape.buffer(-PROBE_INSET).is_empty and shape.contains(Point(x, y))
            ):
                tried += 1
                probes += 1
                if plotly_pick(fig, x, y, 2.9) != key:
                    wrong.append((key, round(x, 1), round(y, 1)))
    assert not wrong, f"{len(wrong)} of {probes} wrong picks, e.g. {wrong[:5]}"


def test_label_point_is_inside(atlas):
    for f in atlas.features:
        x, y = label_point(f)
        assert _shape(f).buffer(1e-6).contains(Point(x, y)), f.zone


def _all_targets(fig):
    return {click_target(fig, i, k) for i, t in enumerate(fig.data) for k in range(len(t.x or ()))} - {None}


def test_click_targets_map_back_to_their_region(atlas):
    fig = build_body_figure(atlas, "heel")
    assert _all_targets(fig) == {(r, "", "") for r in atlas.regions.index}
    zone_fig = build_body_figure(atlas, None, target="zone")
    found = _all_targets(zone_fig)
    assert {z for _, z, _ in found} == set(atlas.zones)
    assert {(f.region, f.zone, f.side) for f in atlas.features} == found
    assert len(zone_fig.data) == len(atlas.regions)  # one trace per region, zones per point
    shaded = build_body_figure(atlas, None, shades=(Shade("temple", "left", "essential"),))
    assert shaded.data[0].name == "shade-essential"
    assert click_target(shaded, 0, 0) is None  # a drawn layer is not a target
    assert click_target(fig, 10_000, 0) is None
    assert click_target(fig, "3", 0) is None
    assert click_target(zone_fig, 0, 10**6) == (zone_fig.data[0].name.split("|")[1], "", "")
    assert click_target(zone_fig, 0, True) == (zone_fig.data[0].name.split("|")[1], "", "")


def test_each_zone_target_lies_in_its_zone(atlas):
    zone_fig = build_body_figure(atlas, None, target="zone")
    by_key = {(f.region, f.zone, f.side): [] for f in atlas.features}
    for f in atlas.features:
        by_key[(f.region, f.zone, f.side)].append(_shape(f))
    for i, trace in enumerate(zone_fig.data):
        for k, (x, y) in enumerate(zip(trace.x, trace.y, strict=True)):
            key = click_target(zone_fig, i, k)
            assert any(s.buffer(1e-6).contains(Point(x, y)) for s in by_key[key]), (key, x, y)


def test_selected_region_is_highlighted(atlas):
    fig = build_body_figure(atlas, "jaw")
    shapes = {s.name: s for s in fig.layout.shapes}
    assert shapes["selected"].line.color == SELECTED_EDGE
    assert shapes["region-jaw"].fillcolor.endswith(",0.9)")
    assert shapes["region-head"].fillcolor.endswith(",0.35)")
    assert "selected" not in [s.name for s in build_body_figure(atlas, None).layout.shapes]


def test_drawn_layers_trace_the_zones(atlas):
    """Each region's shape is its zones' rings, one closed sub-path per ring, and the
    click targets are the only traces on the plain map (few traces: a cheap redraw)."""
    fig = build_body_figure(atlas, "leg")
    shapes = {s.name: s for s in fig.layout.shapes}
    for region in atlas.regions.index:
        n_rings = sum(len(f.rings) for f in atlas.features if f.region == region)
        assert shapes[f"region-{region}"].path.count("M") == n_rings
        assert shapes[f"region-{region}"].path.count("Z") == n_rings
    assert shapes["edge-front"].layer == "above" and shapes["region-leg"].layer == "below"
    assert all((t.name or "").startswith("click|") for t in fig.data)
    assert len(fig.data) == len(atlas.regions)


def test_the_figure_states_its_click_mode(atlas):
    """Clicks must select: left unset, Streamlit's chart can fall back to Plotly's "event"
    mode after a redraw, and then clicks reach nobody (see the browser tests)."""
    for target in ("region", "zone"):
        assert build_body_figure(atlas, None, target=target).layout.clickmode == "event+select"


def test_cached_figure_is_reused():
    assert body_figure("neck") is body_figure("neck")


def plotly_pick(fig, x: float, y: float, px_per_unit: float):
    """The target Plotly picks for a pointer at (x, y): its scatter hover ranks a point by
    max(distance - r, 1 - 3 / r) in pixels, with r = max(3, marker radius), and keeps the
    first of equals (trace order, then point order). Returns what the click means."""
    best, best_key = math.inf, None
    for i, trace in enumerate(fig.data):
        if not (trace.name or "").startswith("click|"):
            continue
        r = max(3.0, trace.marker.size / 2)
        floor = 1 - 3 / r
        for k, (tx, ty) in enumerate(zip(trace.x, trace.y, strict=True)):
            d = max(math.hypot(tx - x, ty - y) * px_per_unit - r, floor)
            if d < best:
                best, best_key = d, (i, k)
    return click_target(fig, *best_key)


@pytest.mark.parametrize("target", ["region", "zone"])
def test_plotly_picks_the_clicked_side_of_every_border(atlas, target):
    """Emulating Plotly's own rule at the app's scale (about 2.9 px a unit): spots
    PROBE_INSET inside any border pick a target of their own region (or zone)."""
    rng = random.Random(11)
    fig = build_body_figure(atlas, None, target=target)
    groups = {}
    for f in atlas.features:
        key = _meaning(f, target)
        groups.setdefault((key, f.view), []).append(_shape(f))
    wrong, probes = [], 0
    for (key, _view), shapes in groups.items():
        inner = unary_union(shapes).buffer(-PROBE_INSET)
        if inner.is_empty:
            continue
        rings = [inner.exterior] if inner.geom_type == "Polygon" else [g.exterior for g in inner.geoms]
        for ring in rings:
            for _ in range(max(3, int(ring.length / 6))):
                p = ring.interpolate(rng.uniform(0, ring.length))
                probes += 1
                picked = plotly_pick(fig, p.x, p.y, 2.9)
                if picked != key:
                    wrong.append((key, round(p.x, 1), round(p.y, 1), picked))
    assert probes > 300
    assert not wrong, f"{len(wrong)} of {probes} wrong picks, e.g. {wrong[:5]}"
