"""Pure helpers of the referral views: naming trigger points, reading and writing their links,
the pain finder's marked zones, and the map's legend. No Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go

from tpatlas import pattern_drawing
from tpatlas.conditions import normalize
from tpatlas.data import Atlas, load_atlas
from tpatlas.figures import ESSENTIAL, SPILLOVER, Mark, Shade, body_figure
from tpatlas.links import MAX_PARAM, Parsed, first_value, parse_choice, safe_snippet
from tpatlas.views import VIEWS as MAP_VIEWS
from tpatlas.views import View

SIDES = ("right", "left")
MAX_ZONES = 40  # more marked zones than this in a link are not read


# ---------------------------------------------------------------- trigger points and muscles
def muscle_slug(muscle: str) -> str:
    """'Abductor digiti minimi (foot)' -> 'abductor_digiti_minimi_foot'."""
    return normalize(muscle).replace(" ", "_")


def muscle_points(atlas: Atlas, tp_id: str) -> list[str]:
    """All trigger points of ``tp_id``'s muscle, in file order."""
    tps = atlas.trigger_points
    return list(tps.index[tps["muscle"] == tps.at[tp_id, "muscle"]])


def trigger_point_label(atlas: Atlas, tp_id: str) -> str:
    """A trigger point's name in lists: the muscle, and which of its points when it has several."""
    muscle = atlas.trigger_points.at[tp_id, "muscle"]
    siblings = muscle_points(atlas, tp_id)
    if len(siblings) == 1:
        return str(muscle)
    return f"{muscle}, point {siblings.index(tp_id) + 1} of {len(siblings)}"


def trigger_point_options(atlas: Atlas) -> list[str]:
    """All tp_ids, by muscle name and then in file order (a muscle's first point first)."""
    tps = atlas.trigger_points
    order = {tp: i for i, tp in enumerate(tps.index)}
    return sorted(tps.index, key=lambda t: (tps.at[t, "muscle"].lower(), order[t]))


def muscle_link_ids(atlas: Atlas) -> dict[str, str]:
    """Link value -> tp_id: every tp_id, and each muscle's name as a slug (its first point)."""
    out: dict[str, str] = {}
    for tp_id, muscle in atlas.trigger_points["muscle"].items():
        out.setdefault(muscle_slug(muscle), str(tp_id))
    out.update({str(t): str(t) for t in atlas.trigger_points.index})
    return out


def parse_muscle(atlas: Atlas, raw: str | list[str] | None) -> Parsed:
    """A ``?muscle=`` value as a tp_id (a muscle's name opens its first point), or a notice."""
    ids = muscle_link_ids(atlas)
    parsed = parse_choice(raw, ids, "muscle")
    return Parsed(ids[parsed.value], None) if parsed.value else parsed


# ---------------------------------------------------------------- marked zones (pain finder)
@lru_cache(maxsize=8)
def _zone_sides(atlas: Atlas) -> dict[str, tuple[str, ...]]:
    sides: dict[str, set[str]] = {}
    for f in atlas.features:
        sides.setdefault(f.zone, set()).add(f.side)
    return {z: ("midline",) if s == {"midline"} else SIDES for z, s in sides.items()}


def zone_key(zone: str, side: str) -> str:
    """One marked area as text: 'temple:left', or just 'sternum' for a midline zone."""
    return zone if side == "midline" else f"{zone}:{side}"


def key_pair(key: str) -> tuple[str, str]:
    zone, _, side = key.partition(":")
    return zone, side or "midline"


def marked_options(atlas: Atlas) -> list[str]:
    """Every area that can be marked, as keys, grouped by region and ordered by name."""
    order = {r: i for i, r in enumerate(atlas.regions.index)}
    zones = sorted(atlas.zones.values(), key=lambda z: (order[z.region], z.label))
    return [zone_key(z.zone, side) for z in zones for side in _zone_sides(atlas)[z.zone]]


def key_label(atlas: Atlas, key: str) -> str:
    """'temple:left' -> 'Temple (left)'."""
    zone, side = key_pair(key)
    label = atlas.zones[zone].label
    return label if side == "midline" else f"{label} ({side})"


def parse_zones(atlas: Atlas, raw: str | list[str] | None) -> tuple[tuple[str, ...], str | None]:
    """A ``?zones=`` value as marked keys, and a notice about anything that could not be read.

    Items are comma-separated: ``temple`` marks both sides (or the midline zone),
    ``temple:left`` one side.
    """
    value = first_value(raw) if not isinstance(raw, list) else ",".join(raw)
    if value is None:
        return (), None
    if len(value) > MAX_PARAM:
        return (), "The link's list of areas was too long to read, so nothing is marked."
    sides = _zone_sides(atlas)
    keys: list[str] = []
    unknown: list[str] = []
    items = [v.strip().lower().replace("-", "_").replace(" ", "_") for v in value.split(",")]
    for item in [i for i in items if i][:MAX_ZONES]:
        zone, _, side = item.partition(":")
        if zone in sides and (not side or side in sides[zone]):
            keys.extend(zone_key(zone, s) for s in ((side,) if side else sides[zone]))
        else:
            unknown.append(item)
    notice = None
    if unknown:
        shown = ", ".join(f"'{safe_snippet(u, 30)}'" for u in unknown[:3])
        what = "an area" if len(unknown) == 1 else f"{len(unknown)} areas"
        notice = f"The link names {what} the map does not know ({shown}); left out."
    elif not keys:
        notice = "The link names no area, so nothing is marked."
    return tuple(dict.fromkeys(keys)), notice


def zones_param(atlas: Atlas, keys: Iterable[str]) -> str:
    """Marked keys as a ``?zones=`` value; a zone marked on both sides is written once."""
    chosen = list(dict.fromkeys(keys))
    out: list[str] = []
    for key in chosen:
        zone, side = key_pair(key)
        if side != "midline" and all(zone_key(zone, s) in chosen for s in SIDES):
            if zone not in out:
                out.append(zone)
        else:
            out.append(key)
    return ",".join(out)


def marked_shades(keys: Iterable[str]) -> tuple[Shade, ...]:
    return tuple(Shade(*key_pair(k), "marked") for k in sorted(set(keys)))


# ---------------------------------------------------------------- the legend
LEGEND = (
    ("Essential zone: pain nearly always felt here", ESSENTIAL, None),
    ("Spillover zone: pain sometimes spreads here", SPILLOVER, "."),
)


def _legend_traces(with_x: bool) -> list[go.Scatter]:
    """Off-screen squares (and an X): only their legend entries show."""
    xs, ys = [-500, -499, -499, -500, -500], [-500, -500, -499, -499, -500]
    traces = []
    for name, colour, shape in LEGEND:
        pattern = {"shape": shape, "fgcolor": ESSENTIAL, "size": 5, "solidity": 0.35} if shape else None
        traces.append(
            go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=colour, fillpattern=pattern,
                       line={"color": "white", "width": 0.5}, name=name, hoverinfo="skip")
        )  # fmt: skip
    if not with_x:
        return traces
    x_mark = {"symbol": "x-thin", "size": 11, "line": {"width": 3, "color": "#111111"}}
    traces.append(
        go.Scatter(
            x=[-500], y=[-500], mode="markers", marker=x_mark, name="Trigger point (X)", hoverinfo="skip"
        )
    )
    return traces


def _halo(marks: go.Scatter) -> go.Scatter:
    """A white X under each trigger-point X, so it stands out on red shading."""
    return go.Scatter(
        x=marks.x, y=marks.y, mode="markers", hoverinfo="skip", showlegend=False, name="trigger-point-halo",
        marker={"symbol": "x-thin", "size": 15, "line": {"width": 7, "color": "white"}},
    )  # fmt: skip


# Views of a pattern map and of the finder: the whole body, the sides and the close-ups
# (frames of the one drawing), defined once in :mod:`tpatlas.views`.
VIEWS: dict[str, View] = MAP_VIEWS


@lru_cache(maxsize=128)
def pattern_figure(
    shades: tuple[Shade, ...],
    marks: tuple[Mark, ...],
    folder: str = "",
    view: str = "whole",
    picks: tuple[tuple[str, str], ...] = (),
) -> go.Figure:
    """The body map with a pattern and its legend (essential, spillover, X), seen as
    ``view`` (a key of :data:`VIEWS`). Cached: do not mutate.

    ``folder`` keys the cache (pass the data folder in use); ``picks`` ((tp_id, side)
    pairs) draw the picked muscles' outlines (see :mod:`tpatlas.pattern_drawing`).
    """
    base = body_figure(None, shades, marks, target="pattern")
    data: list = []
    outlines_dir = Path(folder) if picks and folder else None
    for trace in pattern_drawing.redraw(load_atlas(), base.data, shades, picks, outlines_dir):
        if trace.name == "trigger-points":
            data.append(_halo(trace))
        data.append(trace)
    fig = go.Figure(data=[*data, *_legend_traces(bool(marks))], layout=base.layout)
    fig.update_layout(
        showlegend=True,
        legend={
            "orientation": "h", "x": 0.5, "xanchor": "center", "y": 0.0, "yanchor": "top",
            "font": {"size": 13}, "itemclick": False, "itemdoubleclick": False,
        },
        margin={"l": 0, "r": 0, "t": 8, "b": 34},
    )  # fmt: skip
    frame = VIEWS[view]
    if view != "whole":
        fig.update_layout(xaxis={"range": frame.x}, yaxis={"range": frame.y})
    return fig
