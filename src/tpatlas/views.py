"""Views of the body map: the whole body, the sides and the close-ups, in one place.

A view is a frame on the one drawing (an x and a y range in diagram units) and the drawn
views (``front``, ``back``, ``side``, ``sole``) whose zones are picked in it. The pattern
view and the pain finder both offer these views. Small zones (fingers, toes, teeth) are
picked in a close-up where they are at least :data:`MIN_TARGET_PX` wide and tall on a
desktop and on a phone (WCAG 2.2 target size); ``tests/test_geometry.py`` measures it.

Placement on the diagram (see ``tools/build_body_map.py``): front at x=0 (the patient's
right on the viewer's left), back at x=90, soles at x=133 and 146, the right side's
profile at x=190 and the left side's at x=250.
"""

from __future__ import annotations

from dataclasses import dataclass

from tpatlas.data import Feature

MIN_TARGET_PX = 24.0
# The map's drawing area in CSS px: its chart is 640 px tall (less the legend and margins);
# on a 1400 px desktop the map column is about 550 px wide, on a 390 px phone about 358.
PLOT_HEIGHT_PX = 598.0
DESKTOP_WIDTH_PX = 550.0
PHONE_WIDTH_PX = 358.0


@dataclass(frozen=True)
class View:
    """A frame of the body map and the drawn views whose zones are picked in it."""

    key: str
    label: str
    x: tuple[float, float]
    y: tuple[float, float]
    drawn: tuple[str, ...]

    def px_per_unit(self, width_px: float, height_px: float = PLOT_HEIGHT_PX) -> float:
        """CSS px per diagram unit when the frame fills a plot of this size (equal axes)."""
        return min(width_px / (self.x[1] - self.x[0]), height_px / (self.y[1] - self.y[0]))

    def smallest_scale(self) -> float:
        """px per unit on the smaller of the two screens (desktop, phone)."""
        return min(self.px_per_unit(DESKTOP_WIDTH_PX), self.px_per_unit(PHONE_WIDTH_PX))

    def frames(self, feature: Feature) -> bool:
        """Is the feature drawn in this view and wholly inside its frame?"""
        if feature.view not in self.drawn:
            return False
        xs = [x for ring in feature.rings for x, _ in ring]
        ys = [y for ring in feature.rings for _, y in ring]
        return self.x[0] <= min(xs) and max(xs) <= self.x[1] and self.y[0] <= min(ys) and max(ys) <= self.y[1]


def _v(key: str, label: str, x: tuple[float, float], y: tuple[float, float], *drawn: str) -> View:
    return View(key, label, x, y, drawn)


_VIEWS = (
    _v("whole", "Whole body", (-37.0, 153.0), (-3.0, 189.0), "front", "back", "sole"),
    _v("side", "Sides", (172.0, 268.0), (-3.0, 189.0), "side"),
    _v("head_front", "Head and neck, front", (-10.5, 10.5), (146.0, 181.5), "front"),
    _v("head_back", "Head and neck, back", (79.5, 100.5), (146.0, 181.5), "back"),
    _v("head_side", "Head and neck, right side", (178.5, 203.5), (146.0, 181.5), "side"),
    _v("head_side_left", "Head and neck, left side", (236.5, 261.5), (146.0, 181.5), "side"),
    _v("trunk_front", "Chest and belly", (-19.5, 19.5), (82.0, 154.0), "front"),
    _v("trunk_back", "Back", (70.5, 109.5), (82.0, 154.0), "back"),
    _v("upper_arm_front_right", "Right shoulder and upper arm, front", (-28.0, 0.5), (106.0, 154.0), "front"),
    _v("upper_arm_front_left", "Left shoulder and upper arm, front", (-0.5, 28.0), (106.0, 154.0), "front"),
    _v("upper_arm_back_right", "Right shoulder and upper arm, back", (89.5, 118.0), (106.0, 154.0), "back"),
    _v("upper_arm_back_left", "Left shoulder and upper arm, back", (62.0, 90.5), (106.0, 154.0), "back"),
    _v("forearm_front_right", "Right elbow and forearm, front", (-28.0, -16.0), (89.0, 119.0), "front"),
    _v("forearm_front_left", "Left elbow and forearm, front", (16.0, 28.0), (89.0, 119.0), "front"),
    _v("forearm_back_right", "Right elbow and forearm, back", (106.0, 118.0), (89.0, 119.0), "back"),
    _v("forearm_back_left", "Left elbow and forearm, back", (62.0, 74.0), (89.0, 119.0), "back"),
    _v("hand_palm_right", "Right hand, palm", (-30.0, -17.0), (71.5, 97.5), "front"),
    _v("hand_palm_left", "Left hand, palm", (17.0, 30.0), (71.5, 97.5), "front"),
    _v("hand_back_right", "Right hand, back", (107.0, 120.0), (71.5, 97.5), "back"),
    _v("hand_back_left", "Left hand, back", (60.0, 73.0), (71.5, 97.5), "back"),
    _v("thigh_front", "Hips and thighs, front", (-18.5, 18.5), (42.0, 100.0), "front"),
    _v("thigh_back", "Buttocks and thighs, back", (71.5, 108.5), (42.0, 100.0), "back"),
    _v("leg_front", "Knees and legs, front", (-13.5, 13.5), (6.0, 56.0), "front"),
    _v("leg_back", "Knees and calves, back", (76.5, 103.5), (6.0, 56.0), "back"),
    _v("leg_side_right", "Right knee and leg, outer side", (180.0, 202.0), (4.0, 60.0), "side"),
    _v("leg_side_left", "Left knee and leg, outer side", (238.0, 260.0), (4.0, 60.0), "side"),
    _v("foot_top", "Feet, top", (-12.5, 12.5), (-1.0, 13.0), "front"),
    _v("foot_back", "Heels, from behind", (80.5, 99.5), (-1.0, 13.0), "back"),
    _v("foot_sole", "Feet, soles", (126.2, 152.8), (-1.0, 25.5), "sole"),
    _v("foot_side_right", "Right foot, outer side", (183.5, 206.5), (-1.0, 14.0), "side"),
    _v("foot_side_left", "Left foot, outer side", (233.5, 256.5), (-1.0, 14.0), "side"),
)
VIEWS: dict[str, View] = {v.key: v for v in _VIEWS}


def views_of(feature: Feature) -> list[str]:
    """The views that frame this feature, closest first."""
    framing = [v for v in _VIEWS if v.frames(feature)]
    return [v.key for v in sorted(framing, key=lambda v: -v.smallest_scale())]
