"""Plane geometry for the body map: point-in-polygon, the click grid, label points.

Plotly does not report clicks on a filled polygon, so each zone is covered by a grid of
invisible markers that carry the zone's id. The grid's spacing keeps every spot of a zone
close to one of its own markers, narrow parts included.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tpatlas.data import Feature

Ring = Sequence[tuple[float, float]]

EDGE_INSET = 0.4  # diagram units: how far inside an edge the edge targets sit
EDGE_STEP = 1.5  # and how far apart along it: a spot 0.8 inside is nearer its own zone's targets
GRID_STEP = 3.0  # diagram units (about 10 px at the app's size; Plotly's hover reaches 20 px)


def point_in_ring(x: float, y: float, ring: Ring) -> bool:
    """Even-odd rule: is (x, y) inside the closed ring?"""
    inside = False
    n = len(ring)
    for i in range(n - 1):
        x1, y1 = ring[i]
        x2, y2 = ring[i + 1]
        if (y1 > y) != (y2 > y):
            xcross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xcross:
                inside = not inside
    return inside


def point_in_feature(x: float, y: float, feature: Feature) -> bool:
    return any(point_in_ring(x, y, ring) for ring in feature.rings)


def ring_area(ring: Ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring))) / 2


def ring_centroid(ring: Ring) -> tuple[float, float]:
    """Area centroid of a simple ring (falls back to the vertex mean for degenerate rings)."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(a) < 1e-9:
        xs, ys = zip(*ring, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    return cx / (3 * a), cy / (3 * a)


def bbox(rings: Iterable[Ring]) -> tuple[float, float, float, float]:
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def label_point(feature: Feature) -> tuple[float, float]:
    """A point inside the feature's largest polygon, near its middle (for an X or a label)."""
    ring = max(feature.rings, key=ring_area)
    cx, cy = ring_centroid(ring)
    if point_in_ring(cx, cy, ring):
        return cx, cy
    inside = grid_points_in(ring, GRID_STEP / 2) or [ring[0]]
    return min(inside, key=lambda p: (p[0] - cx) ** 2 + (p[1] - cy) ** 2)


def grid_points_in(ring: Ring, step: float) -> list[tuple[float, float]]:
    """Points of a square lattice (aligned to multiples of ``step``) inside the ring."""
    x0, y0, x1, y1 = bbox([ring])
    out = []
    i0, i1 = math.floor(x0 / step), math.ceil(x1 / step)
    j0, j1 = math.floor(y0 / step), math.ceil(y1 / step)
    for i in range(i0, i1 + 1):
        for j in range(j0, j1 + 1):
            x, y = i * step + step / 2, j * step + step / 2
            if point_in_ring(x, y, ring):
                out.append((round(x, 3), round(y, 3)))
    return out


def edge_points_in(
    ring: Ring, step: float, inset: float = EDGE_INSET
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Pairs (inside, across): a point every ``step`` along the ring's edges moved ``inset``
    inwards, and its mirror image just outside that edge."""
    out = []
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        length = math.hypot(x2 - x1, y2 - y1)
        if length < 1e-9:
            continue
        nx, ny = -(y2 - y1) / length * inset, (x2 - x1) / length * inset
        n = max(1, round(length / step))
        for k in range(n):
            t = (k + 0.5) / n
            px, py = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
            a, b = (px + nx, py + ny), (px - nx, py - ny)
            if point_in_ring(*b, ring):
                a, b = b, a
            if point_in_ring(*a, ring):
                out.append(((round(a[0], 3), round(a[1], 3)), b))
    return out


@dataclass(frozen=True)
class ClickPoint:
    x: float
    y: float
    feature: Feature


def _key(feature: Feature, by: str) -> tuple[str, ...]:
    return (feature.region,) if by == "region" else (feature.region, feature.zone, feature.side)


def click_grid(
    features: Sequence[Feature], step: float = GRID_STEP, by: str = "zone"
) -> tuple[ClickPoint, ...]:
    """Invisible click targets covering every feature.

    A lattice inside each polygon, its centroid, a finer lattice for small parts, and
    targets just inside each edge that borders another target (another region for
    ``by="region"``, another zone or side for ``by="zone"``): Plotly reports the nearest
    target, so a click near such an edge must find its own side's target first.
    """
    boxes = [(f, bbox(f.rings)) for f in features]

    def owner(x: float, y: float) -> Feature | None:
        for f, (x0, y0, x1, y1) in boxes:
            if x0 <= x <= x1 and y0 <= y <= y1 and point_in_feature(x, y, f):
                return f
        return None

    points: list[ClickPoint] = []
    for feature in features:
        for ring in feature.rings:
            inside = grid_points_in(ring, step)
            if len(inside) < 6:  # small or thin polygons: a finer lattice
                inside += grid_points_in(ring, step / 2)
            cx, cy = ring_centroid(ring)
            if point_in_ring(cx, cy, ring):
                inside.append((round(cx, 3), round(cy, 3)))
            for p, across in edge_points_in(ring, EDGE_STEP):
                other = owner(*across)
                if other is not None and _key(other, by) != _key(feature, by):
                    inside.append(p)
            points.extend(ClickPoint(x, y, feature) for x, y in dict.fromkeys(inside))
    return tuple(points)


def nearest_gap(points: Sequence[tuple[float, float]], probe: tuple[float, float]) -> float:
    """Distance from ``probe`` to the nearest of ``points`` (used by tests of the grid)."""
    px, py = probe
    return min(math.hypot(px - x, py - y) for x, y in points)
