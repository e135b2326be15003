"""The map component's protocol: what Python sends in and what the browser sends back. Pure.

Data in (the ``data`` of the component, JSON):

- ``v``: protocol version (1).
- ``figure``: the page's Plotly figure as JSON text. The browser parses and draws it only when
  the text changes (a new pattern, a close-up); Plotly.react into the same element.
- ``zones``: the zone polygons as JSON text (:func:`zones_json`), cached per atlas and parsed
  once: ``features`` (region, zone, side, view, ``key`` = zone key, ``rings`` as flat
  ``[x0, y0, x1, y1, ...]`` in the figure's data units), ``targets`` (what a click can pick,
  per mode, in keyboard order), ``labels``, region ``colours`` and region ``outlines`` (each
  region's zones merged into one shape per view, rings as above: the selected region is drawn
  with its outline, not every zone's edge).
- ``mode``: ``"region"`` (a click selects a region), ``"zone"`` (a click marks or unmarks a
  zone on one side) or ``"none"`` (a picture: hover names zones, clicks do nothing).
- ``selected``: the page's state, as target ids: ``["heel"]``, ``["temple:left", "calf:right"]``.
- ``ack``: the ``seq`` of the last click Python has applied (see below).
- ``label``: the map's accessible name; ``style``: highlight colours; ``max_height`` in px;
  ``plotly_url``: where plotly.js is served from this host.

Event out: a trigger value ``click`` = ``{seq, target, region, zone, side, view, how}``:
``seq`` counts the element's clicks (1, 2, ...), ``how`` is ``pointer``, ``touch`` or ``key``.
The browser draws the new highlight at once and keeps it until a rerun arrives whose ``ack``
is at least that ``seq``; from then on it shows ``selected`` as sent, so an older rerun never
overrides a newer click and the map never ends up showing anything but the page's state.
Everything that comes back is checked against the atlas (:func:`parse_event`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import unary_union

from tpatlas.data import Atlas
from tpatlas.referral import key_label, key_pair, zone_key

VERSION = 1
MODES = ("region", "zone", "none")
HOWS = ("pointer", "touch", "key")


@dataclass(frozen=True)
class MapEvent:
    """A click (or tap, or Enter) on the map, checked against the atlas."""

    seq: int
    target: str  # a region id (mode "region") or a zone key such as 'temple:left' (mode "zone")
    region: str
    zone: str
    side: str  # 'left', 'right' or 'midline'
    view: str  # the view of the drawn polygon that was hit ('' when picked by keyboard)
    how: str  # 'pointer', 'touch' or 'key'


def _flat(ring: Sequence[tuple[float, float]]) -> list[float]:
    return [round(v, 2) for point in ring for v in point]


MERGE = 0.08  # diagram units: zones closer than this (a drawn line apart) merge into one outline


def region_outlines(atlas: Atlas) -> dict[str, list[list[float]]]:
    """Each region's zones merged into one shape per view, as flat rings (outer and holes)."""
    shapes: dict[tuple[str, str], list[Polygon]] = {}
    for f in atlas.features:
        shapes.setdefault((f.region, f.view), []).extend(Polygon(r) for r in f.rings if len(r) >= 3)
    out: dict[str, list[list[float]]] = {}
    for (region, _view), polys in shapes.items():
        merged = unary_union([p.buffer(0) for p in polys]).buffer(MERGE).buffer(-MERGE).simplify(0.1)
        parts = merged.geoms if isinstance(merged, MultiPolygon) else [merged]
        for part in parts:
            if isinstance(part, Polygon) and not part.is_empty:
                for ring in (part.exterior, *part.interiors):
                    out.setdefault(region, []).append(_flat(list(ring.coords)))
    return out


@lru_cache(maxsize=8)
def zones_json(atlas: Atlas) -> str:
    """The zone polygons, targets and labels the browser hit-tests and highlights (cached text)."""
    order = {r: i for i, r in enumerate(atlas.regions.index)}
    features = [
        {
            "region": f.region,
            "zone": f.zone,
            "side": f.side,
            "view": f.view,
            "key": zone_key(f.zone, f.side),
            "rings": [_flat(r) for r in f.rings],
        }
        for f in atlas.features
    ]
    present = {f.region for f in atlas.features}
    zone_keys = sorted(
        {zone_key(f.zone, f.side) for f in atlas.features},
        key=lambda k: (order[atlas.zones[key_pair(k)[0]].region], key_label(atlas, k)),
    )
    payload = {
        "features": features,
        "targets": {"region": [r for r in atlas.regions.index if r in present], "zone": zone_keys},
        "labels": {
            "region": {str(r): str(label) for r, label in atlas.regions["label"].items()},
            "zone": {k: key_label(atlas, k) for k in zone_keys},
        },
        "colours": {str(r): str(c) for r, c in atlas.regions["colour"].items()},
        "outlines": region_outlines(atlas),
    }
    return json.dumps(payload, separators=(",", ":"))


def map_data(
    *,
    figure: str,
    zones: str,
    mode: str,
    selected: Iterable[str],
    ack: int,
    label: str,
    style: Mapping[str, object],
    max_height: int,
    plotly_url: str,
) -> dict[str, object]:
    """The component's data for one rerun (see the module docstring)."""
    if mode not in MODES:
        raise ValueError(f"unknown map mode {mode!r}")
    return {
        "v": VERSION,
        "figure": figure,
        "zones": zones,
        "mode": mode,
        "selected": [str(s) for s in selected],
        "ack": int(ack),
        "label": label,
        "style": dict(style),
        "max_height": int(max_height),
        "plotly_url": plotly_url,
    }


def event_seq(raw: object) -> int | None:
    """The click's sequence number, if the event has a valid one."""
    seq = raw.get("seq") if isinstance(raw, Mapping) else None
    return seq if isinstance(seq, int) and not isinstance(seq, bool) and seq > 0 else None


def parse_event(atlas: Atlas, mode: str, raw: object) -> MapEvent | None:
    """The click the browser reported, if it names a target of this map; None otherwise.

    Region, zone and side come from the atlas, not from the browser: only ``target`` (and the
    hit polygon's ``view``, when it is one of the target's) is taken from the event.
    """
    seq = event_seq(raw)
    if seq is None or mode not in ("region", "zone"):
        return None
    assert isinstance(raw, Mapping)
    target, view, how = raw.get("target"), raw.get("view"), raw.get("how")
    if not isinstance(target, str):
        return None
    if mode == "region":
        feats = [f for f in atlas.features if f.region == target]
    else:
        zone, side = key_pair(target)
        feats = [f for f in atlas.features if f.zone == zone and f.side == side]
    if not feats:
        return None
    # the polygon that was hit, if the event names one of the target's; else the target as such
    named = (raw.get("zone"), raw.get("side"), view)
    hit = next((f for f in feats if (f.zone, f.side, f.view) == named), None)
    first = hit or feats[0]
    zone, side = (first.zone, first.side) if hit or mode == "zone" else ("", "")
    return MapEvent(
        seq=seq,
        target=target,
        region=first.region,
        zone=zone,
        side=side,
        view=hit.view if hit else "",
        how=how if how in HOWS else "pointer",
    )
