"""Where each zone is picked: for every zone and side, the view that shows it as the largest
target (shared by the target-size test and the browser test that clicks every zone)."""

from __future__ import annotations

import sys
from pathlib import Path

from shapely.geometry import Polygon
from shapely.ops import unary_union

from tpatlas.data import Atlas, Feature
from tpatlas.views import VIEWS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from body.measure import largest_square


def shape(feature: Feature) -> Polygon:
    return unary_union([Polygon(r) for r in feature.rings])


def pick_views(atlas: Atlas) -> dict[tuple[str, str], tuple[str, float, Feature]]:
    """(zone, side) -> (view key, size in px, the feature drawn there): the view where the zone
    is the largest target (the side of the largest square inside it, in CSS px on the smaller of
    desktop and phone)."""
    best: dict[tuple[str, str], tuple[str, float, Feature]] = {}
    for f in atlas.features:
        framing = [v for v in VIEWS.values() if v.frames(f)]
        if not framing:
            continue
        s = shape(f)
        polys = [s] if s.geom_type == "Polygon" else list(s.geoms)
        side = max(largest_square(p) for p in polys)  # diagram units
        view = max(framing, key=lambda v: v.smallest_scale())
        px = side * view.smallest_scale()
        if px > best.get((f.zone, f.side), ("", -1.0, f))[1]:
            best[(f.zone, f.side)] = (view.key, px, f)
    return best
