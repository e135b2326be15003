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

EDGE_INSET = 1.1  # diagram units: how far targets keep from a border with another group
EDGE_STEP = 1.5  # how far apart the row of targets along such a border is
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


def segment_distance(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from (x, y) to the segment a-b."""
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 < 1e-12 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length2))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def _inward(
    a: tuple[float, float], b: tuple[float, float], t: float, d: float, ring: Ring
) -> tuple[float, float] | None:
    """The point at fraction t along a-b moved d inwards (None if neither side is inside)."""
    (x1, y1), (x2, y2) = a, b
    length = math.hypot(x2 - x1, y2 - y1)
    nx, ny = -(y2 - y1) / length * d, (x2 - x1) / length * d
    px, py = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
    for cand in ((px + nx, py + ny), (px - nx, py - ny)):
        if point_in_ring(*cand, ring):
            return cand
    return None


Segment = tuple[tuple[float, float], tuple[float, float]]


def _runs(segments: list[Segment]) -> list[list[Segment]]:
    """Consecutive border segments (each starting where the last ended) joined into runs."""
    runs: list[list[Segment]] = []
    for seg in segments:
        if runs and runs[-1][-1][1] == seg[0]:
            runs[-1].append(seg)
        else:
            runs.append([seg])
    if len(runs) > 1 and runs[-1][-1][1] == runs[0][0][0]:  # the ring closes over its start
        runs[0] = runs.pop() + runs[0]
    return runs


def _spaced(run: list[Segment], step: float) -> list[tuple[tuple[float, float], tuple[float, float], float]]:
    """Spots evenly spaced along a run, about ``step`` apart, as (segment start, end, fraction):
    spacing by the run, not by each segment, keeps the row even where vertices are dense."""
    lengths = [math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in run]
    total = sum(lengths)
    n = max(1, round(total / step))
    spots = []
    start = 0.0
    k = 0
    for (a, b), length in zip(run, lengths, strict=True):
        while k < n and (k + 0.5) * total / n <= start + length:
            spots.append((a, b, ((k + 0.5) * total / n - start) / length))
            k += 1
        start += length
    return spots


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

    Plotly reports a target near the pointer, but treats every target within about 3 px
    as equally near and then takes the first. So targets keep ``EDGE_INSET`` away from
    any edge shared with another target group (another region for ``by="region"``,
    another zone or side for ``by="zone"``), and a row of targets runs at exactly that
    distance along such edges: across a border, the two sides' targets are at least
    twice ``EDGE_INSET`` apart, and a click on either side finds its own side's first.
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
            borders = []  # edges shared with another target group
            for a, b in itertools.pairwise(ring):
                if math.hypot(b[0] - a[0], b[1] - a[1]) < 1e-9:
                    continue
                inner = _inward(a, b, 0.5, 0.05, ring)  # just inside the edge's middle
                if inner is None:
                    continue
                mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
                other = owner(2 * mid[0] - inner[0], 2 * mid[1] - inner[1])  # just across it
                if other is not None and _key(other, by) != _key(feature, by):
                    borders.append((a, b))
            inside = grid_points_in(ring, step)
            if len(inside) < 6:  # small or thin polygons: a finer lattice
                inside += grid_points_in(ring, step / 2)
            cx, cy = ring_centroid(ring)
            if point_in_ring(cx, cy, ring):
                inside.append((round(cx, 3), round(cy, 3)))
            for run in _runs(borders):
                for a, b, t in _spaced(run, EDGE_STEP):
                    p = _inward(a, b, t, EDGE_INSET, ring)
                    if p is not None:
                        inside.append((round(p[0], 3), round(p[1], 3)))

            def clearance(p: tuple[float, float], borders: list = borders) -> float:
                return min((segment_distance(*p, a, b) for a, b in borders), default=math.inf)

            kept = [p for p in dict.fromkeys(inside) if clearance(p) >= EDGE_INSET * 0.95]
            if not kept and inside:  # a sliver: keep the one spot farthest from its borders
                kept = [max(inside, key=clearance)]
            points.extend(ClickPoint(x, y, feature) for x, y in kept)
    return tuple(points)
