"""Target size: the largest axis-aligned square that fits in a zone's polygon (shapely)."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import Polygon


def square_fits(poly: Polygon, side: float) -> bool:
    """Does a side x side square (axis-aligned) fit inside the polygon?"""
    core = poly.buffer(-side / 2, join_style="mitre")
    if core.is_empty:
        return False
    x0, y0, x1, y1 = core.bounds
    step = max(side / 20, 0.01)
    xs, ys = np.meshgrid(np.arange(x0, x1 + step, step), np.arange(y0, y1 + step, step))
    xs, ys = xs.ravel(), ys.ravel()
    pts = shapely.points(xs, ys)
    near = shapely.contains(poly.buffer(-side / 2 * 0.999), pts)
    if not near.any():
        # thin shapes: the erosion can miss the lattice; try the centre of the core
        c = core.representative_point()
        xs, ys = np.array([c.x]), np.array([c.y])
    else:
        xs, ys = xs[near], ys[near]
    h = side / 2
    boxes = shapely.box(xs - h, ys - h, xs + h, ys + h)
    return bool(shapely.contains(poly, boxes).any())


def largest_square(poly: Polygon, tol: float = 0.02) -> float:
    """The side of the largest axis-aligned square inside the polygon (to within ``tol``)."""
    r = shapely.maximum_inscribed_circle(poly, tol).length
    lo, hi = r * 2**0.5 * 0.98, 2 * r + tol
    if not square_fits(poly, lo):
        lo = 0.0
    while hi - lo > tol:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if square_fits(poly, mid) else (lo, mid)
    return lo
