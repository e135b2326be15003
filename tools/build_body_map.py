"""Build data/body_map.geojson, data/body_outline.geojson and data/landmarks.geojson.

The body is described in ``tools/body/figure.py`` (contours as control points joined by
smooth Catmull-Rom curves, zones as landmark shapes and seed points); this script cuts
each view into its zones with shapely and writes plain GeoJSON, which the app reads and a
reviewer can diff. Run with ``make body-map``; the app never imports this.

Placement on the diagram (y up, soles at 0, top of the head at 180): the front view is
centred at x=0 (patient's right on the viewer's left), the back view at x=90, the soles
(seen from below) at x=133 (left) and x=146 (right), and the side view's two profiles at
x=190 (the right side, facing right) and x=250 (the left side, facing left).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import shapely
from shapely import affinity
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box, mapping
from shapely.ops import unary_union

sys.path.insert(0, str(Path(__file__).resolve().parent))

from body import figure
from body.landmarks import LANDMARKS
from body.shapes import mirror, voronoi

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CATALOGUE = ROOT / "tools" / "zone_catalogue.csv"
FRONT_CX, BACK_CX = 0.0, 90.0
SOLE_CX = {"left": 133.5, "right": 145.5}
SIDE_CX = {"right": 190.0, "left": 250.0}
RIGHT_HALF = box(0, -50, 400, 400)


def catalogue() -> dict[str, dict[str, str]]:
    with CATALOGUE.open(newline="", encoding="utf-8") as fh:
        return {row["zone"]: row for row in csv.DictReader(fh)}


def cut(parts: list, clip=None) -> dict[str, object]:
    """Zones of one view (one half or one profile): parts in order, shapes then seeds."""
    taken = Polygon()
    zones: dict[str, list] = {}
    for _name, geom, shapes, seeds in parts:
        area = geom if clip is None else geom.intersection(clip)
        area = area.difference(taken)
        for zone, shape in shapes:
            g = shape.intersection(area)
            if g.is_empty:
                continue
            zones.setdefault(zone, []).append(g)
            area = area.difference(g)
            taken = taken.union(g)
        points = [(zone, p) for zone, pts in seeds for p in pts]
        for zone, g in voronoi(area, points).items():
            zones.setdefault(zone, []).append(g)
        taken = taken.union(area)
    return {z: unary_union(gs) for z, gs in zones.items()}


def polygons(g) -> list[Polygon]:
    """The polygons of a geometry without holes, dropping slivers left by cutting."""
    g = shapely.make_valid(g)
    parts = [g] if isinstance(g, Polygon) else list(getattr(g, "geoms", []))
    out = []
    for p in parts:
        if isinstance(p, Polygon) and p.area > 0.04:
            out.append(Polygon(p.exterior))
        elif hasattr(p, "geoms"):
            out.extend(polygons(p))
    return out


def _round(c):
    if isinstance(c, (int, float)):
        return round(float(c), 2)
    return [_round(x) for x in c]


def feature(zone: str, row: dict, view: str, side: str, g) -> dict | None:
    g = shapely.set_precision(shapely.make_valid(g.simplify(0.015)), 0.01)
    polys = polygons(g)
    if not polys:
        return None
    geom = polys[0] if len(polys) == 1 else MultiPolygon(polys)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
        polys = polygons(geom)
        geom = polys[0] if len(polys) == 1 else MultiPolygon(polys)
    doc = json.loads(json.dumps(mapping(geom)))
    doc["coordinates"] = _round(doc["coordinates"])
    props = {"zone": zone, "region": row["region"], "view": view, "side": side, "label": row["label"]}
    return {"type": "Feature", "properties": props, "geometry": doc}


def mirrored_view(parts: list, view: str, place, cat: dict) -> list[dict]:
    """Front or back: the right half cut into zones, mirrored for the left half."""
    half = cut(parts, RIGHT_HALF)
    out = []
    for zone, g in half.items():
        row = cat[zone]
        if row["sides"] == "midline":
            pieces = [("midline", unary_union([g, mirror(g)]).buffer(0.001).buffer(-0.001))]
        else:
            pieces = [("right", g), ("left", mirror(g))]
        for side, gg in pieces:
            f = feature(zone, row, view, side, place(gg))
            if f:
                out.append(f)
    return out


def one_sided_view(parts: list, view: str, places: dict, cat: dict) -> list[dict]:
    """Side view and soles: one drawing per side (the left is the mirror image)."""
    zones = cut(parts)
    out = []
    for side, place in places.items():
        for zone, g in zones.items():
            row = cat[zone]
            f = feature(zone, row, view, "midline" if row["sides"] == "midline" else side, place(g))
            if f:
                out.append(f)
    return out


def front(g):
    return affinity.translate(mirror(g), xoff=FRONT_CX)


def back(g):
    return affinity.translate(g, xoff=BACK_CX)


PLACES = {
    "front": front,
    "back": back,
    "side_right": lambda g: affinity.translate(g, xoff=SIDE_CX["right"]),
    "side_left": lambda g: affinity.translate(mirror(g), xoff=SIDE_CX["left"]),
    "sole_left": lambda g: affinity.translate(g, xoff=SOLE_CX["left"]),
    "sole_right": lambda g: affinity.translate(mirror(g), xoff=SOLE_CX["right"]),
}


def build() -> list[dict]:
    cat = catalogue()
    features = mirrored_view(figure.FRONT, "front", front, cat)
    features += mirrored_view(figure.BACK, "back", back, cat)
    features += one_sided_view(
        figure.SIDE, "side", {"right": PLACES["side_right"], "left": PLACES["side_left"]}, cat
    )
    features += one_sided_view(
        figure.SOLE, "sole", {"left": PLACES["sole_left"], "right": PLACES["sole_right"]}, cat
    )
    return features


def outline(features: list[dict], view: str) -> dict:
    """A view's silhouette: the union of its zones (so every zone lies inside it)."""
    shapes = [shapely.geometry.shape(f["geometry"]) for f in features if f["properties"]["view"] == view]
    body = unary_union([s.buffer(0.02, quad_segs=2) for s in shapes]).buffer(-0.01)
    polys = [Polygon(p.exterior) for p in polygons(body.simplify(0.01))]
    geom = json.loads(json.dumps(mapping(MultiPolygon(polys) if len(polys) > 1 else polys[0])))
    geom["coordinates"] = _round(geom["coordinates"])
    return {"type": "Feature", "properties": {"view": view}, "geometry": geom}


def landmarks() -> dict:
    """Faint lines where clinicians orient themselves, per view, placed like the zones."""
    feats = []
    for name, view, places, lines in LANDMARKS:
        for place in places:
            placed = [PLACES[place](LineString(line)) for line in lines]
            geom = MultiLineString([list(p.coords) for p in placed])
            doc = json.loads(json.dumps(mapping(geom)))
            doc["coordinates"] = _round(doc["coordinates"])
            feats.append({"type": "Feature", "properties": {"landmark": name, "view": view}, "geometry": doc})
    return {"type": "FeatureCollection", "features": feats}


def write(path: Path, doc: dict) -> None:
    path.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")


def main() -> None:
    features = build()
    cat = catalogue()
    drawn = {f["properties"]["zone"] for f in features}
    missing = sorted(set(cat) - drawn)
    if missing:
        raise SystemExit(f"zones in the catalogue but not drawn: {missing}")
    write(
        DATA / "body_map.geojson",
        {
            "type": "FeatureCollection",
            "name": "trigger-point-atlas body map",
            "properties": {"note": "Generated by tools/build_body_map.py from tools/body/figure.py."},
            "features": features,
        },
    )
    views = ("front", "back", "side", "sole")
    write(
        DATA / "body_outline.geojson",
        {"type": "FeatureCollection", "features": [outline(features, v) for v in views]},
    )
    write(DATA / "landmarks.geojson", landmarks())
    print(f"wrote {len(features)} features, {len(drawn)} zones")


if __name__ == "__main__":
    main()
