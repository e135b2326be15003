"""The body map as a Plotly figure. Pure: no Streamlit, so the PDF and tests can use it.

Layers, bottom to top: the silhouette, zones filled in their region's colour, the
selected region's edge, referred-pain shading (essential solid, spillover stippled) and
trigger-point marks (X). Silhouette, region colours and edges are layout shapes, not
traces: Plotly's cost per redraw grows with the number of traces, so the map keeps few.
Clicks, hover and the app's highlight are the map component's (``tpatlas.mapview``): it
hit-tests the zone polygons themselves, so the figure carries no click targets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go

from tpatlas.data import Atlas, Feature, data_dir, load_atlas
from tpatlas.views import VIEWS

X_RANGE = VIEWS["whole"].x  # the whole body: front, back and soles
Y_RANGE = VIEWS["whole"].y
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
    """An X on the map at (x, y) with hover text (a trigger point's location), an optional
    number drawn beside it, and where it belongs when it was moved aside (a leader line)."""

    x: float
    y: float
    text: str
    label: str = ""
    anchor: tuple[float, float] | None = None


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


@lru_cache(maxsize=64)
def _outer_edges(atlas: Atlas, region: str) -> str:
    """The region's outer edge as an SVG path, from the data's region outlines, so it reads as
    one part (without them: every zone's edge)."""
    return _svg_path(atlas.region_outlines.get(region) or _region_rings(atlas, region))


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
    view: str = "whole",
) -> go.Figure:
    """The body map framed as ``view`` (a key of :data:`tpatlas.views.VIEWS`), with a region's
    highlight, shaded zones and trigger-point marks."""
    frame = VIEWS.get(view, VIEWS["whole"])
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
            {"type": "path", "path": _outer_edges(atlas, selected_region), "xref": "x", "yref": "y",
             "layer": "below", "line": {"color": SELECTED_EDGE, "width": 2.6}, "name": "selected"}
        )  # fmt: skip
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
        leaders = [m for m in marks if m.anchor is not None]
        if leaders:  # from where a moved mark belongs to the mark
            xs = [v for m in leaders for v in (m.anchor[0], m.x, None)]  # type: ignore[index]
            ys = [v for m in leaders for v in (m.anchor[1], m.y, None)]  # type: ignore[index]
            traces.append(
                go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#111111", "width": 1}, hoverinfo="skip",
                           showlegend=False, name="trigger-point-leaders")
            )  # fmt: skip
        labelled = any(m.label for m in marks)
        traces.append(
            go.Scatter(
                x=[m.x for m in marks],
                y=[m.y for m in marks],
                mode="markers+text" if labelled else "markers",
                marker={"symbol": "x-thin", "size": 13, "line": {"width": 3.5, "color": "#111111"}},
                text=[m.label for m in marks] if labelled else None,
                textposition="top right",
                textfont={"size": 13, "color": "#111111", "weight": "bold"},
                hovertext=[m.text for m in marks],
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
                name="trigger-points",
            )
        )
    fig = go.Figure(traces)
    fig.update_layout(
        shapes=shapes,
        height=HEIGHT,
        margin={"l": 0, "r": 0, "t": 8, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        dragmode=False,
        hovermode="closest",
        showlegend=False,
        font={"family": FONT, "size": 13, "color": "#31424E"},
        xaxis={"range": frame.x, "visible": False, "fixedrange": True},
        yaxis={"range": frame.y, "visible": False, "fixedrange": True, "scaleanchor": "x"},
        annotations=map_labels(),
        hoverlabel={"bgcolor": "white", "font": {"family": FONT, "size": 14}},
    )
    return fig


def map_labels() -> list[dict]:
    """The map's text labels (views, the patient's sides, the soles) as Plotly annotations."""
    style = {"showarrow": False, "font": {"size": 12, "color": "#5B6770"}}
    title = {"showarrow": False, "font": {"size": 15, "color": "#17415A"}}
    return [
        {"x": 0, "y": 187, "text": "<b>FRONT</b>", **title},
        {"x": 90, "y": 187, "text": "<b>BACK</b>", **title},
        {"x": -25, "y": 160, "text": "Patient's<br>right", **style},
        {"x": 25, "y": 160, "text": "Patient's<br>left", **style},
        {"x": 65, "y": 160, "text": "Patient's<br>left", **style},
        {"x": 115, "y": 160, "text": "Patient's<br>right", **style},
        {
            "x": 152.5,
            "y": 33,
            "text": "Soles,<br>from below",
            "xanchor": "right",
            "yanchor": "bottom",
            **style,
        },
        {"x": 133.5, "y": 29.5, "text": "L", **style},
        {"x": 145.5, "y": 29.5, "text": "R", **style},
        {"x": 230, "y": 187, "text": "<b>RIGHT SIDE</b>", **title},
        {"x": 290, "y": 187, "text": "<b>LEFT SIDE</b>", **title},
    ]


def _region_rings(atlas: Atlas, region: str) -> list[Sequence[tuple[float, float]]]:
    return [r for f in atlas.features if f.region == region for r in f.rings]


def body_figure(
    selected_region: str | None = None,
    shades: tuple[Shade, ...] = (),
    marks: tuple[Mark, ...] = (),
    view: str = "whole",
) -> go.Figure:
    """The app's body map for the atlas in use, cached per selection and view. Do not mutate."""
    return _cached_figure(data_dir(), selected_region, shades, marks, view)


@lru_cache(maxsize=256)
def _cached_figure(
    folder: Path, selected_region: str | None, shades: tuple, marks: tuple, view: str = "whole"
) -> go.Figure:
    return build_body_figure(load_atlas(), selected_region, shades, marks, view)
