"""The body map as a Plotly figure. Pure: no Streamlit, so the PDF and tests can use it.

Layers, bottom to top: the silhouette, zones filled in their region's colour, the
selected region's edge, referred-pain shading (essential solid, spillover stippled),
trigger-point marks (X), and an invisible grid of click targets carrying ids.

What never takes a click (silhouette, region colours, edges) is drawn as layout shapes,
not traces: Streamlit redraws the whole chart when the highlight moves, and Plotly's cost
per redraw grows with the number of traces, so the map keeps few of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go

from tpatlas.data import Atlas, Feature, data_dir, load_atlas
from tpatlas.geometry import click_grid
from tpatlas.links import whole_number

X_RANGE = (-37.0, 153.0)
Y_RANGE = (-3.0, 189.0)
HEIGHT = 640
SKIN = "#F3F1EE"
EDGE = "#5B6770"
SELECTED_EDGE = "#17415A"
ESSENTIAL = "#C0392B"
SPILLOVER = "#E8A39B"
MARKED = "#D98E04"
FONT = "Source Sans Pro, Arial, sans-serif"


@dataclass(frozen=True)
class Shade:
    """Shade one zone on one side ('left', 'right'; midline zones always shade)."""

    zone: str
    side: str
    level: str  # "essential" | "spillover" | "marked"


@dataclass(frozen=True)
class Mark:
    """An X on the map at (x, y) with hover text (a trigger point's location)."""

    x: float
    y: float
    text: str


def _path(rings: Iterable[Sequence[tuple[float, float]]]) -> tuple[list, list]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in rings:
        xs.extend(p[0] for p in ring)
        ys.extend(p[1] for p in ring)
        xs.append(None)
        ys.append(None)
    return xs, ys


def _svg_path(rings: Iterable[Sequence[tuple[float, float]]]) -> str:
    """One closed sub-path per ring (an SVG path string in data coordinates)."""
    return "".join("M" + "L".join(f"{x:g},{y:g}" for x, y in ring) + "Z" for ring in rings)


def _area(
    rings: Iterable[Sequence[tuple[float, float]]],
    fill: str,
    line: str,
    width: float,
    name: str,
    layer: str = "below",
) -> dict:
    """A drawn, non-interactive polygon layer (a layout shape in data coordinates)."""
    return {
        "type": "path",
        "path": _svg_path(rings),
        "xref": "x",
        "yref": "y",
        "fillcolor": fill,
        "line": {"color": line, "width": width},
        "layer": layer,
        "name": name,
    }


def _fill_trace(
    rings: Iterable[Sequence[tuple[float, float]]],
    fill: str,
    line: str,
    width: float,
    name: str,
    **extra: object,
) -> go.Scatter:
    xs, ys = _path(rings)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor=fill,
        line={"color": line, "width": width},
        hoverinfo="skip",
        showlegend=False,
        name=name,
        **extra,
    )


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


DIMMED = 0.22  # other regions' fill while one is selected
LANDMARK = "rgba(60,72,80,0.38)"


def _darker(hex_colour: str, factor: float = 0.82) -> str:
    """A selected region's fill: its colour, fully opaque and a little deeper."""
    r, g, b = (round(int(hex_colour[i : i + 2], 16) * factor) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},1)"


def _landmark_shapes(atlas: Atlas) -> list[dict]:
    """Faint open lines (clavicles, shoulder blades, spine...), one shape per view."""
    out = []
    for view, lines in atlas.landmarks.items():
        path = "".join("M" + "L".join(f"{x:g},{y:g}" for x, y in line) for line in lines)
        out.append(
            {"type": "path", "path": path, "xref": "x", "yref": "y", "layer": "below",
             "line": {"color": LANDMARK, "width": 1}, "name": f"landmarks-{view}"}
        )  # fmt: skip
    return out


def shade_matches(feature: Feature, shade: Shade) -> bool:
    return feature.zone == shade.zone and (feature.side == "midline" or feature.side == shade.side)


def build_body_figure(
    atlas: Atlas,
    selected_region: str | None = None,
    shades: tuple[Shade, ...] = (),
    marks: tuple[Mark, ...] = (),
    target: str = "region",
) -> go.Figure:
    """The body map.

    Click targets report region, zone and side (see :func:`click_target`); ``target``
    only names them, so figures for the region picker and zone pickers are cached apart.
    """
    regions = atlas.regions
    shapes = [_area(rings, SKIN, EDGE, 1.6, f"outline-{view}") for view, rings in atlas.outlines.items()]
    # a referral chart reads best on a nearly plain body; a selected region stands out of the
    # rest: full colour and a dark edge, every other region faded towards the skin
    selected = selected_region in regions.index
    dim = 0.15 if shades else (DIMMED if selected else 0.75)
    for region, row in regions.iterrows():
        alpha = 1.0 if region == selected_region else dim
        fill = _darker(row["colour"]) if region == selected_region else _rgba(row["colour"], alpha)
        shapes.append(_area(_region_rings(atlas, region), fill, "white", 0.7, f"region-{region}"))
    shapes.extend(_landmark_shapes(atlas))
    if selected:
        shapes.append(
            _area(_region_rings(atlas, selected_region), "rgba(0,0,0,0)", SELECTED_EDGE, 2.6, "selected")
        )
    traces: list[go.Scatter] = []
    for level, colour, pattern in (
        ("spillover", SPILLOVER, {"shape": ".", "fgcolor": ESSENTIAL, "size": 5, "solidity": 0.35}),
        ("essential", ESSENTIAL, None),
        ("marked", MARKED, None),
    ):
        chosen = [s for s in shades if s.level == level]
        rings = [r for f in atlas.features if any(shade_matches(f, s) for s in chosen) for r in f.rings]
        if rings:
            extra = {"fillpattern": pattern} if pattern else {}
            traces.append(_fill_trace(rings, _rgba(colour, 0.85), "white", 0.8, f"shade-{level}", **extra))
    # the outline's edge again on top, so the silhouette stays crisp over the fills
    shapes.extend(
        _area(rings, "rgba(0,0,0,0)", EDGE, 1.4, f"edge-{view}", layer="above")
        for view, rings in atlas.outlines.items()
    )
    if marks:
        traces.append(
            go.Scatter(
                x=[m.x for m in marks],
                y=[m.y for m in marks],
                mode="markers",
                marker={"symbol": "x-thin", "size": 13, "line": {"width": 3.5, "color": "#111111"}},
                text=[m.text for m in marks],
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
                name="trigger-points",
            )
        )
    traces.extend(_click_traces(atlas, target))
    fig = go.Figure(traces)
    fig.update_layout(
        shapes=shapes,
        height=HEIGHT,
        margin={"l": 0, "r": 0, "t": 8, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        dragmode=False,
        # set here, not left to Streamlit: its chart sets "event+select" on first draw, but
        # a later redraw can go back to the figure's own value, and with Plotly's default
        # ("event") a click no longer selects, so the app never hears of it
        clickmode="event+select",
        hovermode="closest",
        hoverdistance=20,
        showlegend=False,
        font={"family": FONT, "size": 13, "color": "#31424E"},
        xaxis={"range": X_RANGE, "visible": False, "fixedrange": True},
        yaxis={"range": Y_RANGE, "visible": False, "fixedrange": True, "scaleanchor": "x"},
        annotations=annotations(),
        hoverlabel={"bgcolor": "white", "font": {"family": FONT, "size": 14}},
    )
    return fig


def annotations() -> list[dict]:
    style = {"showarrow": False, "font": {"size": 12, "color": "#5B6770"}}
    title = {"showarrow": False, "font": {"size": 15, "color": "#17415A"}}
    return [
        {"x": 0, "y": 187, "text": "<b>FRONT</b>", **title},
        {"x": 90, "y": 187, "text": "<b>BACK</b>", **title},
        {"x": -25, "y": 160, "text": "Patient's<br>right", **style},
        {"x": 25, "y": 160, "text": "Patient's<br>left", **style},
        {"x": 65, "y": 160, "text": "Patient's<br>left", **style},
        {"x": 115, "y": 160, "text": "Patient's<br>right", **style},
        {"x": 139.5, "y": 33, "text": "Soles,<br>from below", **style},
        {"x": 133, "y": 27.5, "text": "L", **style},
        {"x": 146, "y": 27.5, "text": "R", **style},
        {"x": 190, "y": 187, "text": "<b>RIGHT SIDE</b>", **title},
        {"x": 250, "y": 187, "text": "<b>LEFT SIDE</b>", **title},
    ]


CLICK_PREFIX = "click"


def _region_rings(atlas: Atlas, region: str) -> list[Sequence[tuple[float, float]]]:
    return [r for f in atlas.features if f.region == region for r in f.rings]


@lru_cache(maxsize=16)
def _click_traces(atlas: Atlas, target: str) -> tuple[go.Scatter, ...]:
    """Invisible marker traces, one per region, whose names say which region they cover.

    Plotly's cost per redraw grows with the number of traces, so there are never more than
    the regions. For zone pickers and pattern maps (any ``target`` but ``"region"``) each
    point also carries the index (``customdata``) of its zone and side in the trace's
    ``meta`` list, and its own hover text naming the zone.
    :func:`click_target` maps a clicked point back through the cached figure.
    """
    groups: dict[str, list] = {}
    for p in click_grid(atlas.features, by=target):
        groups.setdefault(p.feature.region, []).append(p)
    labels = atlas.regions["label"]
    sides = {"left": " (left)", "right": " (right)", "midline": ""}
    traces = []
    for region, points in groups.items():
        per_point: dict[str, object] = {"hovertemplate": f"<b>{labels[region]}</b><extra></extra>"}
        if target != "region":  # zone pickers and pattern maps: hover names the zone
            keys = [f"{p.feature.zone}|{p.feature.side}" for p in points]
            meta = list(dict.fromkeys(keys))
            index = {k: i for i, k in enumerate(meta)}
            per_point = {
                "meta": meta,
                "customdata": [index[k] for k in keys],
                "hovertext": [f"{p.feature.label}{sides[p.feature.side]}" for p in points],
                "hovertemplate": f"<b>{labels[region]}</b><br>%{{hovertext}}<extra></extra>",
            }
        traces.append(
            go.Scatter(
                x=[p.x for p in points],
                y=[p.y for p in points],
                mode="markers",
                # small markers: Plotly ranks targets within a marker's radius (at least 3 px)
                # as equally near, so a small radius keeps the nearest target the one picked.
                # maxdisplayed: draw one (invisible) marker per trace, not thousands; hover
                # and clicks still find every target, and a redraw is about 4 times faster.
                marker={"size": 2, "opacity": 0, "color": "#000000", "maxdisplayed": 1},
                showlegend=False,
                name=f"{CLICK_PREFIX}|{region}",
                **per_point,
            )
        )
    return tuple(traces)


def click_target(
    fig: go.Figure, curve_number: object, point_index: object = None
) -> tuple[str, str, str] | None:
    """The (region, zone, side) of a clicked target, or None if it is not one.

    Zone and side are empty strings on a region-target figure (and when the point is unknown).
    """
    if not _index_in(curve_number, fig.data):
        return None
    trace = fig.data[curve_number]
    parts = (trace.name or "").split("|")
    if len(parts) != 2 or parts[0] != CLICK_PREFIX:
        return None
    if trace.customdata is None or not _index_in(point_index, trace.customdata):
        return parts[1], "", ""
    zone, side = trace.meta[trace.customdata[point_index]].split("|")
    return parts[1], zone, side


def _index_in(value: object, items: Sequence) -> bool:
    return whole_number(value) and 0 <= value < len(items)


def body_figure(
    selected_region: str | None = None,
    shades: tuple[Shade, ...] = (),
    marks: tuple[Mark, ...] = (),
    target: str = "region",
) -> go.Figure:
    """The app's body map for the atlas in use, cached per selection. Do not mutate."""
    return _cached_figure(data_dir(), selected_region, shades, marks, target)


@lru_cache(maxsize=256)
def _cached_figure(
    folder: Path, selected_region: str | None, shades: tuple, marks: tuple, target: str
) -> go.Figure:
    return build_body_figure(load_atlas(), selected_region, shades, marks, target)
