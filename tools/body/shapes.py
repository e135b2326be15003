"""Smooth shapes from control points: the drawing tools of the body map.

A contour is a list of control points; a Catmull-Rom spline through them (centripetal,
so it never loops) is sampled to a polygon. Body parts are described on the patient's
right half only (``u`` >= 0, distance from the midline) and mirrored.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from shapely import affinity
from shapely.geometry import LineString, MultiPoint, Point, Polygon
from shapely.ops import unary_union

Pt = tuple[float, float]
SAMPLES = 8  # points per spline segment


def _catmull(p0: Pt, p1: Pt, p2: Pt, p3: Pt, n: int) -> list[Pt]:
    """Points of the centripetal Catmull-Rom segment from p1 to p2 (p2 excluded)."""

    def tj(ti: float, a: Pt, b: Pt) -> float:
        return ti + max(math.dist(a, b), 1e-6) ** 0.5

    t0 = 0.0
    t1 = tj(t0, p0, p1)
    t2 = tj(t1, p1, p2)
    t3 = tj(t2, p2, p3)
    out = []
    for i in range(n):
        t = t1 + (t2 - t1) * i / n
        a1 = [((t1 - t) * p0[k] + (t - t0) * p1[k]) / (t1 - t0) for k in (0, 1)]
        a2 = [((t2 - t) * p1[k] + (t - t1) * p2[k]) / (t2 - t1) for k in (0, 1)]
        a3 = [((t3 - t) * p2[k] + (t - t2) * p3[k]) / (t3 - t2) for k in (0, 1)]
        b1 = [((t2 - t) * a1[k] + (t - t0) * a2[k]) / (t2 - t0) for k in (0, 1)]
        b2 = [((t3 - t) * a2[k] + (t - t1) * a3[k]) / (t3 - t1) for k in (0, 1)]
        out.append(tuple(((t2 - t) * b1[k] + (t - t1) * b2[k]) / (t2 - t1) for k in (0, 1)))
    return out


def spline(points: Sequence[Pt], closed: bool = True, n: int = SAMPLES) -> list[Pt]:
    """A smooth curve through ``points`` (closed, or open with its ends kept)."""
    pts = list(points)
    if closed:
        ext = [pts[-1], *pts, pts[0], pts[1]]
        segs = len(pts)
    else:
        ext = [pts[0], *pts, pts[-1]]
        segs = len(pts) - 1
    out: list[Pt] = []
    for i in range(segs):
        out.extend(_catmull(ext[i], ext[i + 1], ext[i + 2], ext[i + 3], n))
    if not closed:
        out.append(pts[-1])
    return out


def blob(points: Sequence[Pt]) -> Polygon:
    """A closed smooth shape through the control points."""
    return Polygon(spline(points)).buffer(0)


def half_blob(points: Sequence[Pt]) -> Polygon:
    """A symmetric shape from its right half: points run from the top of the midline (u=0)
    round the outside to the bottom of the midline; the left half is the mirror image."""
    right = spline(points, closed=False)
    left = [(-u, y) for u, y in reversed(right)]
    return Polygon(right + left[1:-1]).buffer(0)


def capsule(a: Pt, b: Pt, r: float) -> Polygon:
    """A finger or toe: a segment with round ends."""
    return LineString([a, b]).buffer(r, quad_segs=12)


def ellipse(c: Pt, rx: float, ry: float, angle: float = 0.0) -> Polygon:
    e = affinity.scale(Point(c).buffer(1, quad_segs=24), rx, ry)
    return affinity.rotate(e, angle, origin=c) if angle else e


def mirror(g):
    return affinity.scale(g, xfact=-1, yfact=1, origin=(0, 0))


def both(g):
    return unary_union([g, mirror(g)])


def voronoi(area, seeds: Sequence[tuple[str, Pt]]) -> dict[str, object]:
    """Split ``area`` among named seed points: each spot goes to its nearest seed."""
    import shapely

    if area.is_empty or not seeds:
        return {}
    pts = MultiPoint([p for _, p in seeds])
    env = area.envelope.buffer(60)
    cells = shapely.voronoi_polygons(pts, extend_to=env)
    out: dict[str, list] = {}
    for cell in cells.geoms:
        for name, p in seeds:
            if cell.contains(Point(p)) or cell.touches(Point(p)):
                out.setdefault(name, []).append(cell.intersection(area))
                break
    return {k: unary_union(v) for k, v in out.items()}
