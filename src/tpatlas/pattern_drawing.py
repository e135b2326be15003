"""Referral patterns drawn as the trigger point manuals draw them, and the muscle under the X.

- Each pattern level (essential, spillover) becomes ONE smooth outline per connected area:
  the union of its zones' polygons, rounded (a closing, then a gentle opening) and clipped to
  the body's silhouette, instead of a union of boxes.
- The muscle of a chosen trigger point is drawn as a schematic outline from
  ``data/muscle_outlines.geojson`` (made by ``tools/build_muscle_outlines.py``): a solid line
  for a superficial muscle, dashed for a deep one.

Pure: no Streamlit. Geometry uses shapely (a runtime dependency); results are cached per
zone set and view, so a rerun for the same trigger point and side costs a dictionary look-up.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from tpatlas.data import SLUG, Atlas, DataError, split_list
from tpatlas.figures import ESSENTIAL, SPILLOVER, Shade, shade_matches

Ring = tuple[tuple[float, float], ...]

ROUND = 2.0  # radius (diagram units) that closes the seams and notches between zones
SOFTEN = 0.8  # radius that rounds the convex corners left by the boxes
SIMPLIFY = 0.5  # drop points closer than this to the outline (the browser draws a spline through the rest)
DEPTHS = ("superficial", "deep")
OUTLINE_COLOUR = "#3D2418"
MUSCLE_FILL = "rgba(150,70,55,0.10)"
BOTH = "both"  # referral_sides value: the pattern covers both sides of the body
STYLE = {
    "spillover": {
        "fillcolor": "rgba(232,163,155,0.55)",
        "fillpattern": {"shape": ".", "fgcolor": ESSENTIAL, "size": 5, "solidity": 0.35},
        "line": {"color": SPILLOVER, "width": 0.6, "shape": "spline", "smoothing": 1.0},
    },
    "essential": {
        "fillcolor": "rgba(192,57,43,0.88)",
        "line": {"color": ESSENTIAL, "width": 0.6, "shape": "spline", "smoothing": 1.0},
    },
}


# ---------------------------------------------------------------- smoothing
def _polygon(ring: Sequence[tuple[float, float]]) -> BaseGeometry:
    poly = Polygon(ring)
    return poly if poly.is_valid else shapely.make_valid(poly)


def _polygons(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [geom] if not geom.is_empty else []
    return [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon) and not g.is_empty]


def smooth(
    rings: Iterable[Sequence[tuple[float, float]]],
    clip: BaseGeometry | None = None,
    radius: float = ROUND,
    soften: float = SOFTEN,
) -> MultiPolygon:
    """The union of ``rings`` as smooth areas: seams closed, corners rounded, kept inside ``clip``.

    A part thinner than the softening radius keeps its sharper shape rather than vanishing.
    """
    union = shapely.union_all([_polygon(r) for r in rings]).buffer(0)
    # closed one connected area at a time, so two areas never bridge across unshaded skin
    areas = _polygons(union.buffer(0.01))
    closed = [g for a in areas for g in _polygons(a.buffer(radius, quad_segs=2).buffer(-radius, quad_segs=2))]
    parts = []
    for part in closed:
        opened = part.buffer(-soften, quad_segs=2).buffer(soften, quad_segs=2)
        keep = opened if opened.area > 0.8 * part.area else part
        parts.extend(_polygons(keep))
    shape = shapely.union_all(parts) if parts else Polygon()
    if clip is not None:
        shape = shape.intersection(clip)
    # small areas (a jaw joint, a finger) keep their detail; large ones lose more points
    simple = [Polygon(p.exterior).simplify(min(SIMPLIFY, 0.08 * p.area**0.5)) for p in _polygons(shape)]
    return MultiPolygon([p for s in simple for p in _polygons(s) if p.area > 0.05])


def outer_rings(shape: BaseGeometry) -> list[Ring]:
    """The outer ring of every polygon of ``shape``, as point tuples rounded to 0.01."""
    return [tuple((round(x, 2), round(y, 2)) for x, y in p.exterior.coords) for p in _polygons(shape)]


def vertex_count(rings: Iterable[Sequence[tuple[float, float]]]) -> int:
    return sum(len(r) for r in rings)


@lru_cache(maxsize=16)
def body_shape(atlas: Atlas, view: str) -> BaseGeometry:
    """Everything drawn in ``view``: its silhouette and its zones (the soles have no silhouette)."""
    rings = [*atlas.outlines.get(view, ()), *(r for f in atlas.features if f.view == view for r in f.rings)]
    return shapely.union_all([_polygon(r) for r in rings]).buffer(0)


@lru_cache(maxsize=512)
def _level_rings(atlas: Atlas, view: str, shades: tuple[Shade, ...]) -> tuple[Ring, ...]:
    rings = [
        r
        for f in atlas.features
        if f.view == view and any(shade_matches(f, s) for s in shades)
        for r in f.rings
    ]
    if not rings:
        return ()
    return tuple(outer_rings(smooth(rings, body_shape(atlas, view))))


def views(atlas: Atlas) -> tuple[str, ...]:
    """The views of the body map, in drawing order."""
    return tuple(dict.fromkeys(f.view for f in atlas.features))


def level_rings(
    atlas: Atlas, shades: Iterable[Shade], level: str, only: Iterable[str] | None = None
) -> list[Ring]:
    """Smooth outlines of one pattern level in every view, or the views in ``only``
    (cached per view and zone set)."""
    chosen = tuple(sorted({s for s in shades if s.level == level}, key=lambda s: (s.zone, s.side)))
    wanted = [v for v in views(atlas) if only is None or v in set(only)]
    return [r for view in wanted for r in _level_rings(atlas, view, chosen)]


def _xy(rings: Iterable[Ring]) -> tuple[list, list]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in rings:
        xs.extend([*(p[0] for p in ring), None])
        ys.extend([*(p[1] for p in ring), None])
    return xs, ys


def pattern_traces(atlas: Atlas, shades: Iterable[Shade]) -> list[go.Scatter]:
    """Spillover (stippled) under essential (solid), one smooth trace per level that is shaded."""
    shades = tuple(shades)
    traces = []
    for level in ("spillover", "essential"):
        rings = level_rings(atlas, shades, level)
        if rings:
            xs, ys = _xy(rings)
            traces.append(
                go.Scatter(
                    x=xs, y=ys, mode="lines", fill="toself", hoverinfo="skip", showlegend=False,
                    name=f"shade-{level}", **STYLE[level],
                )
            )  # fmt: skip
    return traces


# ---------------------------------------------------------------- bilateral patterns
def referral_sides(atlas: Atlas, tp_id: str) -> str:
    """'both' when the trigger point's pattern covers both sides of the body, else 'same'.

    Read from the optional ``referral_sides`` column of ``data/trigger_points.csv``.
    """
    tps = atlas.trigger_points
    if "referral_sides" not in tps.columns:
        return "same"
    return BOTH if str(tps.at[tp_id, "referral_sides"]).strip().lower() == BOTH else "same"


def pattern_sides(atlas: Atlas, tp_id: str, side: str) -> tuple[str, ...]:
    """The sides a trigger point's pattern is drawn on, when the point itself is on ``side``."""
    return ("right", "left") if referral_sides(atlas, tp_id) == BOTH else (side,)


# ---------------------------------------------------------------- muscle outlines
@dataclass(frozen=True)
class Outline:
    """One schematic muscle outline in one view, on one side."""

    muscle: str
    tp_ids: tuple[str, ...]
    view: str
    side: str
    depth: str  # "superficial" | "deep"
    ring: Ring
    source_ids: tuple[str, ...]


def load_muscle_outlines(folder: Path) -> tuple[Outline, ...]:
    """Muscle outlines from ``data/muscle_outlines.geojson`` (none if the file is absent).

    Each feature: a Polygon and properties ``muscle``, ``tp_ids`` (``;``-separated),
    ``view``, ``side`` (left, right or midline), ``depth`` and ``source_ids``.
    """
    return _load_outlines(Path(folder))


@lru_cache(maxsize=4)
def _load_outlines(folder: Path) -> tuple[Outline, ...]:
    name = "data/muscle_outlines.geojson"
    path = folder / "muscle_outlines.geojson"
    if not path.exists():
        return ()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        raw = doc["features"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise DataError(name, f"is not a valid outline collection ({exc})") from None
    out = []
    for i, feat in enumerate(raw, start=1):
        try:
            props, geom = feat["properties"], feat["geometry"]
            ring = tuple((float(x), float(y)) for x, y in geom["coordinates"][0])
        except (KeyError, TypeError, ValueError, IndexError):
            raise DataError(name, f"feature {i} needs properties and a Polygon", line=i) from None
        outline = Outline(
            str(props.get("muscle", "")),
            split_list(str(props.get("tp_ids", ""))),
            str(props.get("view", "")),
            str(props.get("side", "")),
            str(props.get("depth", "")),
            ring,
            split_list(str(props.get("source_ids", ""))),
        )
        if not outline.muscle or outline.depth not in DEPTHS or len(ring) < 4 or ring[0] != ring[-1]:
            raise DataError(name, f"feature {i}: needs a muscle, a depth and a closed ring", line=i)
        if not all(SLUG.match(t) for t in outline.tp_ids) or outline.side not in ("left", "right", "midline"):
            raise DataError(name, f"feature {i} ({outline.muscle}): bad tp_ids or side", line=i)
        out.append(outline)
    return tuple(out)


def outlines_for(
    outlines: Iterable[Outline], atlas: Atlas, picks: Iterable[tuple[str, str]]
) -> list[Outline]:
    """The outlines of the picked trigger points' muscles, on each point's side, in the views
    where the point's X is drawn (a muscle seen where no X is would read as a second point)."""
    chosen: list[Outline] = []
    for tp_id, side in picks:
        muscle = str(atlas.trigger_points.at[tp_id, "muscle"])
        zone = atlas.trigger_points.at[tp_id, "location_zone"]
        seen = {f.view for f in atlas.features if f.zone == zone}
        for o in outlines:
            if o.muscle == muscle and o.side in (side, "midline") and o.view in seen and o not in chosen:
                chosen.append(o)
    return chosen


def outline_traces(chosen: Iterable[Outline]) -> list[go.Scatter]:
    """One trace per muscle and depth: a faint fill and a line, dashed for a deep muscle."""
    groups: dict[tuple[str, str], list[Ring]] = {}
    for o in chosen:
        groups.setdefault((o.muscle, o.depth), []).append(o.ring)
    traces = []
    for (muscle, depth), rings in groups.items():
        xs, ys = _xy(rings)
        deep = depth == "deep"
        traces.append(
            go.Scatter(
                x=xs, y=ys, mode="lines", fill="toself", fillcolor=MUSCLE_FILL, hoverinfo="skip",
                line={"color": OUTLINE_COLOUR, "width": 1.8, "dash": "dash" if deep else "solid"},
                name=f"{muscle} ({'deep muscle, dashed' if deep else 'muscle'})",
                meta={"role": "muscle-outline", "depth": depth, "muscle": muscle},
                showlegend=True,
            )
        )  # fmt: skip
    return traces


# ---------------------------------------------------------------- the hook
def redraw(
    atlas: Atlas,
    traces: Sequence[go.Scatter],
    shades: tuple[Shade, ...],
    picks: Iterable[tuple[str, str]] = (),
    folder: Path | None = None,
) -> list[go.Scatter]:
    """A pattern map's traces with the boxy shading replaced by smooth shapes and, when
    ``picks`` are given, the picked muscles' outlines drawn just under the X marks."""
    smooth_traces = pattern_traces(atlas, shades)
    picks = list(picks)
    muscles = outline_traces(outlines_for(load_muscle_outlines(folder), atlas, picks)) if folder else []
    out: list[go.Scatter] = []
    placed = False
    for trace in traces:
        name = trace.name or ""
        if name.startswith("shade-") and name != "shade-marked":
            if not placed:
                out.extend(smooth_traces)
                placed = True
            continue
        if muscles and (name == "trigger-points" or name.startswith("click|")):
            out.extend(muscles)  # above the shading, under the X and the click targets
            muscles = []
        out.append(trace)
    if not placed:
        out[:0] = smooth_traces
    return [*out, *muscles]
