"""Referred-pain patterns as map layers: shaded zones and X marks for chosen trigger points.

Shared by the pattern view, the pain finder and the plan (and its PDF). Pure functions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tpatlas.data import Atlas, split_list
from tpatlas.figures import Mark, Shade
from tpatlas.geometry import label_point
from tpatlas.pattern_drawing import pattern_sides

SIDES = ("right", "left")


def shades_for(atlas: Atlas, picks: Iterable[tuple[str, str]]) -> tuple[Shade, ...]:
    """Shading for (tp_id, side) picks: essential zones win over spillover ones.

    A pattern marked ``referral_sides=both`` in the data shades both sides of the body.
    """
    level: dict[tuple[str, str], str] = {}
    for tp_id, picked in picks:
        rec = atlas.trigger_points.loc[tp_id]
        for side in pattern_sides(atlas, tp_id, picked):
            for zone in split_list(rec["spillover_zones"]):
                level.setdefault((zone, side), "spillover")
        for side in pattern_sides(atlas, tp_id, picked):
            for zone in split_list(rec["essential_zones"]):
                level[(zone, side)] = "essential"
    return tuple(Shade(zone, side, lvl) for (zone, side), lvl in sorted(level.items()))


def marks_for(atlas: Atlas, picks: Iterable[tuple[str, str]]) -> tuple[Mark, ...]:
    """An X where each picked trigger point lies, on its side, in every view showing its zone.

    Several trigger points in one zone are spread apart so each X stays visible.
    """
    marks: list[Mark] = []
    used: Counter[tuple[str, str, str]] = Counter()
    for tp_id, side in picks:
        rec = atlas.trigger_points.loc[tp_id]
        zone = rec["location_zone"]
        for f in atlas.features:
            if f.zone != zone or f.side not in (side, "midline"):
                continue
            x, y = label_point(f)
            k = used[(zone, f.view, f.side)]
            used[(zone, f.view, f.side)] += 1
            dx = (-1) ** k * 1.6 * ((k + 1) // 2)
            marks.append(Mark(round(x + dx, 2), round(y, 2), f"Trigger point: {rec['muscle']} ({side})"))
    return tuple(marks)
