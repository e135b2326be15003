"""Plane geometry for the body map: point-in-polygon, areas, label points.

(Clicks are hit-tested against the zone polygons in the browser, by the map component.)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

from tpatlas.data import Feature

Ring = Sequence[tuple[float, float]]

GRID_STEP = 3.0  # diagram units: the lattice searched for a label point in odd shapes


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
