"""Build data/muscle_outlines.geojson: schematic muscle outlines for the pattern view.

The description is ``tools/muscle_outlines.csv``, one row per muscle and view, made to be
reviewed next to an anatomy text:

- ``muscle``: the muscle's name exactly as in ``data/trigger_points.csv``;
- ``views``: the view(s) to draw it in, first that exists wins (``sole|back``);
- ``depth``: ``superficial`` (solid line) or ``deep`` (dashed: under another muscle);
- ``shape``: ``area`` (a smooth closed curve through the anchors) or ``band`` (a spindle
  ``width`` diagram units wide at its belly, along a smooth path through the anchors);
- ``anchors``: points on the body's landmarks, ``zone@u:v``: a place in the box around
  ``zone`` on the muscle's side, ``u`` from the edge nearest the body's midline (0) to the
  far edge (1), ``v`` from the bottom (0) to the top (1). For a midline zone ``u`` runs from
  the centre line (0) to the zone's edge on the muscle's side (1). In a side view, whose two
  profiles face each other, ``u`` runs from the front of the body (0) to the back (1).
  ``a|b@u:v`` uses zone ``a`` if the map has it, else ``b``;
- ``source_ids``: where the attachments come from (``data/sources.csv``).

Anchors follow the zones, so the outlines follow the body when it is redrawn: run
``python tools/build_muscle_outlines.py`` again after ``tools/build_body_map.py``. The
right side is built from the description and the left side the same way (its u runs the
other way), every outline is kept inside its view's body outline, and the tool prints
each trigger point whose X falls outside its muscle. The outlines are schematic: placed
from the attachments, not traced from a dissection.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import shapely
import shapely.ops
from shapely.geometry import LineString, Point, Polygon, mapping

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tpatlas.data import Atlas, load_atlas_from  # noqa: E402
from tpatlas.pattern_drawing import body_shape  # noqa: E402
from tpatlas.patterns import marks_for  # noqa: E402

DESCRIPTION = ROOT / "tools" / "muscle_outlines.csv"
OUT = ROOT / "data" / "muscle_outlines.geojson"
REFERENCE_HEIGHT = 180.0  # body height (diagram units) the band widths were written for
INSET = 0.3  # outlines stay this far inside the body's edge
SAMPLES = 10  # curve points per anchor-to-anchor segment


class DescriptionError(ValueError):
    pass


@dataclass(frozen=True)
class Frame:
    """Where a view's midline is and which way each side runs from it."""

    midline: float
    outward: dict[str, float]  # side -> +1 or -1 (the direction away from the midline)
    scale: float


def _frames(atlas: Atlas) -> dict[str, Frame]:
    front = [p for ring in atlas.outlines.get("front", ()) for p in ring]
    height = (max(y for _, y in front) - min(y for _, y in front)) if front else REFERENCE_HEIGHT
    frames = {}
    for view in {f.view for f in atlas.features}:
        feats = [f for f in atlas.features if f.view == view]
        mids = [_box(f)[0::2] for f in feats if f.side == "midline"]
        if mids:
            midline = sum((a + b) / 2 for a, b in mids) / len(mids)
        else:
            xs = [p[0] for ring in atlas.outlines.get(view, ()) for p in ring]
            midline = (min(xs) + max(xs)) / 2
        outward = {}
        for side in ("right", "left"):
            xs = [(b[0] + b[2]) / 2 for f in feats if f.side == side for b in [_box(f)]]
            outward[side] = 1.0 if xs and sum(xs) / len(xs) > midline else -1.0
        frames[view] = Frame(midline, outward, height / REFERENCE_HEIGHT)
    return frames


def _box(feature: object) -> tuple[float, float, float, float]:
    pts = [p for ring in feature.rings for p in ring]  # type: ignore[attr-defined]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def _zone_shape(atlas: Atlas, zone: str, view: str, side: str) -> Polygon | None:
    feats = [f for f in atlas.features if f.zone == zone and f.view == view and f.side == side]
    if not feats:  # a midline zone: the copy beside this side's zones (a side view draws two profiles)
        x0, _, x1, _ = _side_box(atlas, view, side)
        feats = [
            f
            for f in atlas.features
            if f.zone == zone
            and f.view == view
            and f.side == "midline"
            and x0 <= sum(_box(f)[0::2]) / 2 <= x1
        ]
    if not feats:
        return None
    return shapely.union_all([Polygon(r) for f in feats for r in f.rings])


@lru_cache(maxsize=64)
def _side_box(atlas: Atlas, view: str, side: str) -> tuple[float, float, float, float]:
    """The box around one side's zones in a view, widened a little to take in the midline."""
    boxes = [_box(f) for f in atlas.features if f.view == view and f.side == side]
    if not boxes:
        return (-1e9, -1e9, 1e9, 1e9)
    grow = 3.0
    return (
        min(b[0] for b in boxes) - grow,
        min(b[1] for b in boxes) - grow,
        max(b[2] for b in boxes) + grow,
        max(b[3] for b in boxes) + grow,
    )


def _inside(zone: Polygon, x: float, y: float) -> tuple[float, float]:
    """(x, y), or the nearest point a little inside ``zone`` when it falls outside it
    (the corner of a zone's box may lie off a slanted or rounded zone)."""
    if zone.contains(Point(x, y)):
        return x, y
    inner = zone.buffer(-INSET)
    target = inner if not inner.is_empty else zone
    p = shapely.ops.nearest_points(target, Point(x, y))[0]
    return p.x, p.y


def anchor_point(atlas: Atlas, frame: Frame, text: str, view: str, side: str) -> tuple[float, float]:
    """``zone@u:v`` (or ``a|b@u:v``) as a point in diagram units."""
    try:
        zones, uv = text.split("@")
        u, v = (float(x) for x in uv.split(":"))
    except ValueError:
        raise DescriptionError(f"anchor '{text}' is not zone@u:v") from None
    for zone in zones.split("|"):
        shape = _zone_shape(atlas, zone, view, side)
        if shape is None:
            continue
        x0, y0, x1, y1 = shape.bounds
        out = frame.outward[side]
        midline_zone = x0 < frame.midline < x1
        inner = frame.midline if midline_zone else (x0 if out > 0 else x1)
        outer = x1 if out > 0 else x0
        return _inside(shape, inner + u * (outer - inner), y0 + v * (y1 - y0))
    raise DescriptionError(f"anchor '{text}': no zone of '{zones}' in the {view} view on the {side}")


def catmull_rom(points: list[tuple[float, float]], closed: bool) -> list[tuple[float, float]]:
    """A smooth curve through ``points`` (centripetal Catmull-Rom, sampled)."""
    if len(points) < 3:
        return points
    pts = [points[-1], *points, points[0], points[1]] if closed else [points[0], *points, points[-1]]
    out: list[tuple[float, float]] = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]

        def knot(a: tuple[float, float], b: tuple[float, float], t: float) -> float:
            return t + max(math.dist(a, b), 1e-6) ** 0.5

        t0 = 0.0
        t1 = knot(p0, p1, t0)
        t2 = knot(p1, p2, t1)
        t3 = knot(p2, p3, t2)
        for k in range(SAMPLES):
            t = t1 + (t2 - t1) * k / SAMPLES

            def lerp(
                a: tuple[float, float], b: tuple[float, float], ta: float, tb: float, t: float = t
            ) -> tuple[float, float]:
                w = (t - ta) / (tb - ta)
                return a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w

            a1, a2, a3 = lerp(p0, p1, t0, t1), lerp(p1, p2, t1, t2), lerp(p2, p3, t2, t3)
            b1, b2 = lerp(a1, a2, t0, t2), lerp(a2, a3, t1, t3)
            out.append(lerp(b1, b2, t1, t2))
    if not closed:
        out.append(points[-1])
    return out


def band(path: list[tuple[float, float]], width: float) -> Polygon:
    """A spindle along ``path``: full width at the belly, tapering to the tendons."""
    line = LineString(path)
    n = max(12, int(line.length / 0.5))
    discs = []
    for i in range(n + 1):
        t = i / n
        p = line.interpolate(t, normalized=True)
        discs.append(Point(p.x, p.y).buffer(width / 2 * (0.35 + 0.65 * math.sin(math.pi * t)), quad_segs=8))
    hulls = [shapely.union_all([a, b]).convex_hull for a, b in itertools.pairwise(discs)]
    return shapely.union_all(hulls)


def build_one(atlas: Atlas, frames: dict[str, Frame], row: dict[str, str], side: str) -> dict | None:
    views = [v for v in row["views"].split("|") if v in frames]
    if not views:
        return None
    view = views[0]
    frame = frames[view]
    anchors = [anchor_point(atlas, frame, a, view, side) for a in row["anchors"].split()]
    if row["shape"] == "area":
        shape = shapely.make_valid(Polygon(catmull_rom(anchors, closed=True)))
    elif row["shape"] == "band":
        shape = band(catmull_rom(anchors, closed=False), float(row["width"]) * frame.scale)
    else:
        raise DescriptionError(f"{row['muscle']}: shape '{row['shape']}' is not area or band")
    body = body_shape(atlas, view).buffer(-INSET)
    shape = shape.intersection(body)
    parts = [g for g in getattr(shape, "geoms", [shape]) if isinstance(g, Polygon) and not g.is_empty]
    if not parts:
        raise DescriptionError(f"{row['muscle']} ({view}, {side}) lies outside the body")
    poly = Polygon(max(parts, key=lambda g: g.area).exterior).simplify(0.05)
    poly = shapely.geometry.polygon.orient(poly)
    tps = atlas.trigger_points
    tp_ids = [str(t) for t in tps.index[tps["muscle"] == row["muscle"]]]
    geom = mapping(Polygon([(round(x, 2), round(y, 2)) for x, y in poly.exterior.coords]))
    return {
        "type": "Feature",
        "properties": {
            "muscle": row["muscle"],
            "tp_ids": ";".join(tp_ids),
            "view": view,
            "side": side,
            "depth": row["depth"],
            "source_ids": row["source_ids"],
        },
        "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in geom["coordinates"][0]]]},
    }


def build(atlas: Atlas, rows: list[dict[str, str]]) -> dict:
    """The outline collection for ``rows`` of the description on ``atlas``'s body."""
    muscles = set(atlas.trigger_points["muscle"])
    sources = set(atlas.sources.index)
    frames = _frames(atlas)
    features = []
    for row in rows:
        if row["muscle"] not in muscles:
            raise DescriptionError(f"muscle '{row['muscle']}' is not in data/trigger_points.csv")
        if row["depth"] not in ("superficial", "deep"):
            raise DescriptionError(f"{row['muscle']}: depth '{row['depth']}'")
        unknown = [s for s in row["source_ids"].split(";") if s not in sources]
        if unknown:
            raise DescriptionError(f"{row['muscle']}: unknown source '{unknown[0]}'")
        for side in ("right", "left"):
            feature = build_one(atlas, frames, row, side)
            if feature:
                features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def misplaced_marks(atlas: Atlas, doc: dict) -> list[str]:
    """Trigger points whose X (in a view where their muscle is drawn) lies off the muscle."""
    out = []
    for tp_id, muscle in atlas.trigger_points["muscle"].items():
        shapes = [
            (f["properties"]["view"], Polygon(f["geometry"]["coordinates"][0]))
            for f in doc["features"]
            if f["properties"]["muscle"] == muscle and f["properties"]["side"] == "right"
        ]
        views = {v for v, _ in shapes}
        for mark in marks_for(atlas, [(str(tp_id), "right")]):
            here = [s for v, s in shapes if s.buffer(1.0).contains(Point(mark.x, mark.y))]
            in_view = any(
                f.view in views
                and f.side in ("right", "midline")
                and f.zone == atlas.trigger_points.at[tp_id, "location_zone"]
                and Polygon(f.rings[0]).buffer(0.5).contains(Point(mark.x, mark.y))
                for f in atlas.features
            )
            if shapes and in_view and not here:
                out.append(f"{tp_id} at ({mark.x:.1f}, {mark.y:.1f})")
    return out


def main() -> None:
    atlas = load_atlas_from(ROOT / "data")
    with DESCRIPTION.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    doc = build(atlas, rows)
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    muscles = len({r["muscle"] for r in rows})
    print(f"wrote {OUT.relative_to(ROOT)}: {len(doc['features'])} outlines, {muscles} muscles")
    for line in misplaced_marks(atlas, doc):
        print("X off its muscle:", line)


if __name__ == "__main__":
    main()
