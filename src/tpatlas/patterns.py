"""Referred-pain patterns as map layers: shaded zones and X marks for chosen trigger points.

Shared by the pattern view, the pain finder and the plan (and its PDF). Pure functions.
"""

from __future__ import annotations

import math
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


MARK_GAP = 10.0  # diagram units: an X and its number need about this much room (~5 mm in the PDF)


def numbers(picks: Iterable[tuple[str, str]]) -> dict[str, int]:
    """tp_id -> its number, 1..n in order of first appearance (both sides share one number)."""
    out: dict[str, int] = {}
    for tp_id, _side in picks:
        out.setdefault(tp_id, len(out) + 1)
    return out


def spread(points: Iterable[tuple[float, float]], gap: float = MARK_GAP) -> list[tuple[float, float]]:
    """The points, each moved as little as it takes to keep ``gap`` from those placed before it.

    A point tries its own place, then rings of 8, 12, 16... places around it, ``gap`` apart.
    """
    placed: list[tuple[float, float]] = []
    for x, y in points:
        spot = (x, y)
        ring = 0
        while any(math.dist(spot, p) < gap - 1e-9 for p in placed):
            ring += 1
            tries = [
                (x + ring * gap * math.cos(a), y + ring * gap * math.sin(a))
                for a in (2 * math.pi * k / (4 + 4 * ring) for k in range(4 + 4 * ring))
            ]
            free = [t for t in tries if all(math.dist(t, p) >= gap - 1e-9 for p in placed)]
            if free:
                spot = free[0]
        placed.append((round(spot[0], 2), round(spot[1], 2)))
    return placed


def marks_for(
    atlas: Atlas, picks: Iterable[tuple[str, str]], numbered: bool | None = None
) -> tuple[Mark, ...]:
    """An X where each picked trigger point lies, on its side, in every view showing its zone.

    Marks never hide each other: one too close to another is moved aside, with a leader line
    to where it belongs. With several trigger points (or ``numbered``) each X carries the
    trigger point's number, 1..n in the order picked (:func:`numbers`), as in the plan's table.
    """
    picks = list(picks)
    nums = numbers(picks)
    label = len(nums) > 1 if numbered is None else numbered
    spots: list[tuple[float, float, str, str]] = []
    for tp_id, side in picks:
        zone = atlas.trigger_points.at[tp_id, "location_zone"]
        for f in atlas.features:
            if f.zone == zone and f.side in (side, "midline"):
                x, y = label_point(f)
                spots.append((x, y, tp_id, side))
    placed = spread((x, y) for x, y, _, _ in spots)
    marks = []
    for (x, y, tp_id, side), (px, py) in zip(spots, placed, strict=True):
        n = nums[tp_id]
        muscle = atlas.trigger_points.at[tp_id, "muscle"]
        moved = math.dist((x, y), (px, py)) > 0.01
        text = f"Trigger point: {muscle} ({side})"
        anchor = (round(x, 2), round(y, 2)) if moved else None
        marks.append(Mark(px, py, f"{n}. {text}" if label else text, str(n) if label else "", anchor))
    return tuple(marks)
