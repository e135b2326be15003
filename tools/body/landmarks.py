"""Landmark lines: where clinicians orient themselves (clavicles, shoulder blades, spine,
iliac crest, kneecaps, ankle bones). Same coordinates as ``figure.py``: right half for the
front and back views (mirrored here), the right profile for the side view."""

from __future__ import annotations

from body.shapes import ellipse, spline


def _ring(shape) -> list[tuple[float, float]]:
    return list(shape.exterior.coords)


def _curve(*pts: tuple[float, float]) -> list[tuple[float, float]]:
    return spline(pts, closed=False)


def _both(*lines: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    return [*lines, *([(-u, y) for u, y in line] for line in lines)]


CLAVICLE = _curve((1.6, 149.9), (6.5, 148.9), (11.5, 148.9), (15.5, 148.0), (18.4, 147.0))
KNEECAP = _ring(ellipse((9.0, 48.0), 2.7, 3.1))
ANKLE_IN = _ring(ellipse((6.0, 10.0), 0.55, 0.7))
ANKLE_OUT = _ring(ellipse((8.5, 10.3), 0.55, 0.75))
ASIS = _curve((10.8, 100.4), (13.2, 102.0), (14.8, 101.3))
SCAPULA = _curve(
    (8.8, 146.8), (7.6, 140.0), (8.0, 133.0), (10.4, 125.8), (13.6, 131.0), (16.4, 138.2), (17.6, 142.0)
)
SCAPULA_SPINE = _curve((7.8, 142.2), (12.0, 143.8), (16.0, 145.2), (19.0, 145.8))
CREST_BACK = _curve((3.4, 100.6), (8.0, 102.6), (12.4, 102.8), (14.8, 101.2))
SPINE = _curve((0, 159.0), (0, 130.0), (0, 92.0))
SIDE_KNEECAP = _ring(ellipse((4.5, 48.2), 1.5, 2.8))
SIDE_ANKLE = _ring(ellipse((-0.3, 8.4), 0.9, 0.9))
SIDE_CREST = _curve((6.0, 102.4), (2.0, 104.0), (-3.0, 103.6), (-7.0, 101.0))
SIDE_CLAVICLE = _curve((5.2, 149.6), (2.0, 149.4), (-1.0, 148.6))

# (name, view, placements, lines)
LANDMARKS = [
    ("clavicles", "front", ["front"], _both(CLAVICLE)),
    ("kneecaps", "front", ["front"], _both(KNEECAP)),
    ("ankle bones", "front", ["front"], _both(ANKLE_IN, ANKLE_OUT)),
    ("iliac crest", "front", ["front"], _both(ASIS)),
    ("spine", "back", ["back"], [SPINE]),
    ("shoulder blades", "back", ["back"], _both(SCAPULA, SCAPULA_SPINE)),
    ("iliac crest", "back", ["back"], _both(CREST_BACK)),
    ("ankle bones", "back", ["back"], _both(ANKLE_IN, ANKLE_OUT)),
    ("kneecap", "side", ["side_right", "side_left"], [SIDE_KNEECAP]),
    ("ankle bone", "side", ["side_right", "side_left"], [SIDE_ANKLE]),
    ("iliac crest", "side", ["side_right", "side_left"], [SIDE_CREST]),
    ("clavicle", "side", ["side_right", "side_left"], [SIDE_CLAVICLE]),
]
