"""Build data/body_map.geojson: the body outline, front and back, cut into zones.

The drawing is made once from simple shapes (ellipses, tapered limbs) with shapely and
written as plain GeoJSON, which is the file the app reads and a reviewer can diff.
Run with `make body-map` after changing a shape or a zone; the app never imports this.

Coordinates: y is up, 0 at the soles, about 180 at the top of the head. ``u`` is the
distance from the body's midline, positive towards the patient's right. The front view
is drawn as seen by someone facing the patient (patient's right on the viewer's left),
the back view as seen from behind (patient's right on the viewer's right).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import shapely
from shapely import affinity
from shapely.geometry import MultiPolygon, Point, Polygon, box, mapping
from shapely.ops import unary_union

DATA = Path(__file__).resolve().parents[1] / "data"
OUT = DATA / "body_map.geojson"
OUTLINE_OUT = DATA / "body_outline.geojson"
FRONT_CX = 0.0
BACK_CX = 90.0
SOLES_CX = (BACK_CX + 42.0, BACK_CX + 55.0)  # patient's left sole, right sole (back view)
BIG = 400.0


def disc(u: float, y: float, r: float) -> Polygon:
    return Point(u, y).buffer(r, quad_segs=24)


def limb(*joints: tuple[float, float, float]) -> Polygon:
    """A tapered limb: hull of consecutive circles (u, y, radius)."""
    pieces = [unary_union([disc(*a), disc(*b)]).convex_hull for a, b in itertools.pairwise(joints)]
    return unary_union(pieces)


def mirror(g):
    return affinity.scale(g, xfact=-1, yfact=1, origin=(0, 0))


def both(g):
    return unary_union([g, mirror(g)])


def band(y0: float, y1: float, u0: float = 0.0, u1: float = BIG) -> Polygon:
    return box(u0, y0, u1, y1)


def half_plane(p1: tuple[float, float], p2: tuple[float, float], lateral: bool) -> Polygon:
    """The side of the line p1-p2 with larger u (lateral=True) or smaller u."""
    (u1, y1), (u2, y2) = p1, p2
    du, dy = u2 - u1, y2 - y1
    # extend the line far in both directions
    a = (u1 - du * 50, y1 - dy * 50)
    b = (u2 + du * 50, y2 + dy * 50)
    off = BIG if lateral else -BIG
    return Polygon([a, b, (b[0] + off, b[1]), (a[0] + off, a[1])])


# ---------------------------------------------------------------- the body (right half)
SHOULDER = (19.8, 140.5)
ELBOW = (23.8, 110.0)
WRIST = (27.0, 85.0)
HIP = (9.2, 80.0)
KNEE = (9.6, 46.0)
ANKLE = (9.3, 9.0)

HEAD = unary_union(
    [
        affinity.scale(Point(0, 168).buffer(1, quad_segs=32), 9.3, 12.0),
        both(affinity.scale(Point(9.2, 166).buffer(1, quad_segs=16), 1.6, 3.0)),
    ]
)
NECK = Polygon([(-5.2, 145), (5.2, 145), (4.7, 160), (-4.7, 160)])
TORSO_R = Polygon(
    [
        (0, 152),
        (4.8, 152),
        (7.5, 150),
        (12.5, 147.8),
        (17.0, 146.2),
        (19.6, 144.8),
        (17.3, 134),
        (16.4, 128),
        (15.3, 119),
        (13.8, 109),
        (13.4, 104),
        (14.2, 98),
        (16.2, 92),
        (17.4, 86),
        (17.6, 80),
        (9.0, 72),
        (1.2, 74.5),
        (0, 74.5),
    ]
)
TORSO_R = TORSO_R.buffer(-1.2).buffer(1.2).union(TORSO_R.intersection(band(0, 200, 0, 1.5)))
TORSO = both(TORSO_R)
UPPER_ARM_R = limb((*SHOULDER, 4.9), (*ELBOW, 3.6))
FOREARM_R = limb((*ELBOW, 3.6), (25.2, 102.0, 3.7), (*WRIST, 2.3))
HAND_R = unary_union(
    [
        limb((*WRIST, 2.4), (27.9, 79.0, 3.1)),
        limb((27.9, 79.0, 3.1), (28.7, 71.5, 2.2)),
        limb((29.5, 81.0, 1.15), (31.6, 75.8, 1.0)),
    ]
)
THIGH_R = limb((*HIP, 8.3), (9.5, 62.0, 6.8), (*KNEE, 5.0))
LOWER_LEG_R = limb((*KNEE, 4.8), (10.1, 36.0, 5.0), (9.4, 22.0, 3.4), (*ANKLE, 2.5))
FOOT_FRONT_R = (
    Polygon([(6.6, 11.5), (12.0, 11.5), (13.9, 3.5), (14.2, 0.4), (4.8, 0.4), (5.4, 3.5)])
    .buffer(-1.0)
    .buffer(1.0)
)
FOOT_BACK_R = limb((*ANKLE, 2.6), (9.4, 3.3, 3.2))

# axes used to split limbs into inner (medial) and outer (lateral) halves
ARM_AXIS = (SHOULDER, WRIST)
LEG_AXIS = ((HIP[0] + 0.6, HIP[1]), ANKLE)


def sole() -> Polygon:
    """A right sole seen from below, heel down, medial side towards +s."""
    return unary_union(
        [
            limb((0.0, 3.4, 3.3), (0.2, 11.5, 2.7)),
            limb((0.2, 11.5, 2.7), (0.6, 18.5, 3.9)),
            limb((0.6, 18.5, 3.9), (2.4, 24.0, 1.7)),
            limb((0.6, 18.5, 3.9), (-1.9, 22.8, 1.3)),
        ]
    )


# ---------------------------------------------------------------- zones
# Each rule: (zone, region, label, part, cutter). Parts and cutters are for the right half
# (u >= 0); the left half is the mirror image. Midline rules use both halves and come first.
# Rules are applied in order and each takes only what earlier rules left, so zones never overlap.
MIDLINE = "midline"
SIDED = "sided"

ARM_PARTS = {"upper_arm": UPPER_ARM_R, "forearm": FOREARM_R, "hand": HAND_R}
LEG_PARTS = {"thigh": THIGH_R, "lower_leg": LOWER_LEG_R}


def arm(lateral: bool) -> Polygon:
    return half_plane(*ARM_AXIS, lateral)


def leg(lateral: bool, shift: float = 0.0) -> Polygon:
    (u1, y1), (u2, y2) = LEG_AXIS
    return half_plane((u1 + shift, y1), (u2 + shift, y2), lateral)


ARM_ALL = unary_union(list(ARM_PARTS.values()))
LEG_ALL = unary_union(list(LEG_PARTS.values()))
TRUNK = unary_union([TORSO_R, NECK.intersection(band(0, 200)), HEAD.intersection(band(0, 200))])

COMMON_ARM = [
    ("wrist", "arm", "Wrist", FOREARM_R.union(HAND_R), band(82.5, 87)),
    ("thumb", "arm", "Thumb", HAND_R, band(0, 82.5).intersection(half_plane((29.2, 90), (30.8, 70), True))),
    ("fingers", "arm", "Fingers", HAND_R, band(0, 75)),
]

FRONT_RULES = [
    ("throat", "neck", "Front of the throat", NECK, band(145, 158, -2.4, 2.4), MIDLINE),
    ("sternum", "chest", "Breastbone", TORSO, band(110, 146, -2.2, 2.2), MIDLINE),
    ("forehead", "head", "Forehead", HEAD, band(171, 200, 0, 7.2).union(band(174, 200)), SIDED),
    ("eye", "head", "Around and behind the eye", HEAD, band(164.5, 171, 0, 7.2), SIDED),
    ("temple", "head", "Temple", HEAD, band(166, 174, 7.2), SIDED),
    ("cheek", "jaw", "Cheek and upper teeth", HEAD, band(159.5, 164.5, 0, 7.2), SIDED),
    ("tmj", "jaw", "Jaw joint and ear", HEAD, band(158, 166, 7.2), SIDED),
    ("jaw_angle", "jaw", "Angle of the jaw", HEAD, band(150, 159.5, 4.3), SIDED),
    ("lower_jaw", "jaw", "Chin and lower teeth", HEAD, band(150, 159.5, 0, 4.3), SIDED),
    ("side_of_neck", "neck", "Side of the neck", NECK, band(144, 160), SIDED),
    ("top_of_shoulder", "shoulder", "Top of the shoulder", TORSO_R, band(145.2, 160, 4.0), SIDED),
    (
        "front_of_shoulder",
        "shoulder",
        "Front of the shoulder",
        UPPER_ARM_R,
        band(132, 150).intersection(arm(False)),
        SIDED,
    ),
    ("side_of_shoulder", "shoulder", "Outer shoulder", UPPER_ARM_R, band(128, 150), SIDED),
    ("upper_chest", "chest", "Upper chest", TORSO_R, band(127, 146), SIDED),
    ("side_of_chest", "chest", "Side of the chest", TORSO_R, band(108, 138, 12.4), SIDED),
    ("lower_chest", "chest", "Lower chest", TORSO_R, band(110, 127), SIDED),
    ("upper_abdomen", "abdomen", "Upper abdomen", TORSO_R, band(97, 110), SIDED),
    ("lower_abdomen", "abdomen", "Lower abdomen", TORSO_R, band(85, 97, 0, 11.5), SIDED),
    ("lateral_hip", "hip", "Outer hip", TORSO_R.union(THIGH_R), band(74, 97, 14.3), SIDED),
    ("front_of_hip", "hip", "Front of the hip", TORSO_R.union(THIGH_R), band(74, 97, 8.0), SIDED),
    ("groin", "hip", "Groin", TORSO_R.union(THIGH_R), band(70, 97), SIDED),
    ("upper_arm_front", "arm", "Front of the upper arm", UPPER_ARM_R, band(112, 150), SIDED),
    ("lateral_elbow", "arm", "Outer elbow", ARM_ALL, band(104, 116).intersection(arm(True)), SIDED),
    ("medial_elbow", "arm", "Inner elbow", ARM_ALL, band(104, 116), SIDED),
    ("forearm_front", "arm", "Front of the forearm", FOREARM_R, band(86, 104), SIDED),
    *[(*r, SIDED) for r in COMMON_ARM],
    ("palm", "arm", "Palm", HAND_R, band(0, 90), SIDED),
    ("outer_thigh", "leg", "Outer thigh", THIGH_R, band(50, 74).intersection(leg(True, 4.6)), SIDED),
    ("inner_thigh", "leg", "Inner thigh", THIGH_R, band(50, 74).intersection(leg(False, -3.0)), SIDED),
    ("front_of_thigh", "leg", "Front of the thigh", THIGH_R, band(50, 74), SIDED),
    ("inner_knee", "leg", "Inner knee", LEG_ALL, band(39, 50).intersection(leg(False, -1.5)), SIDED),
    ("front_of_knee", "leg", "Front of the knee", LEG_ALL, band(39, 50), SIDED),
    (
        "outer_lower_leg",
        "leg",
        "Outer lower leg",
        LOWER_LEG_R,
        band(12, 39).intersection(leg(True, 2.0)),
        SIDED,
    ),
    ("shin", "leg", "Shin", LOWER_LEG_R, band(12, 39), SIDED),
    (
        "outer_ankle",
        "heel",
        "Outer ankle",
        LOWER_LEG_R.union(FOOT_FRONT_R),
        band(6.5, 12).intersection(leg(True)),
        SIDED,
    ),
    ("inner_ankle", "heel", "Inner ankle", LOWER_LEG_R.union(FOOT_FRONT_R), band(6.5, 12), SIDED),
    ("instep", "heel", "Top of the foot", FOOT_FRONT_R, band(3.2, 6.5), SIDED),
    ("big_toe", "heel", "Big toe", FOOT_FRONT_R, band(-1, 3.2, 0, 8.2), SIDED),
    ("toes", "heel", "Lesser toes", FOOT_FRONT_R, band(-1, 3.2), SIDED),
]

BACK_RULES = [
    ("vertex", "head", "Top of the head", HEAD, band(175.5, 200, -5.5, 5.5), MIDLINE),
    (
        "thoracic_spine",
        "back",
        "Spine between the shoulder blades",
        TORSO,
        band(110, 150, -2.0, 2.0),
        MIDLINE,
    ),
    ("sacrum", "back", "Sacrum", TORSO, band(80, 93, -3.3, 3.3), MIDLINE),
    ("coccyx", "buttock", "Tailbone", TORSO, band(74, 80, -3.3, 3.3), MIDLINE),
    ("back_of_head", "head", "Back of the head", HEAD, band(165, 200), SIDED),
    ("occiput", "head", "Base of the skull", HEAD, band(156, 165), SIDED),
    ("back_of_neck", "neck", "Back of the neck", NECK, band(149.5, 161), SIDED),
    ("base_of_neck", "neck", "Base of the neck", NECK.union(TORSO_R), band(144, 149.5, 0, 6.5), SIDED),
    ("top_of_shoulder", "shoulder", "Top of the shoulder", TORSO_R, band(145.2, 160, 4.0), SIDED),
    (
        "back_of_shoulder",
        "shoulder",
        "Back of the shoulder",
        UPPER_ARM_R,
        band(132, 150).intersection(arm(False)),
        SIDED,
    ),
    ("side_of_shoulder", "shoulder", "Outer shoulder", UPPER_ARM_R, band(128, 150), SIDED),
    (
        "medial_scapular_border",
        "back",
        "Inner edge of the shoulder blade",
        TORSO_R,
        band(122, 146, 0, 6.5),
        SIDED,
    ),
    ("supraspinous", "shoulder", "Above the shoulder blade's spine", TORSO_R, band(139, 146), SIDED),
    ("shoulder_blade", "shoulder", "Shoulder blade", TORSO_R, band(122, 139), SIDED),
    ("mid_back", "back", "Mid back", TORSO_R, band(103, 122), SIDED),
    ("iliac_crest", "hip", "Top of the pelvis (iliac crest)", TORSO_R, band(91, 96, 6.5), SIDED),
    ("lower_back", "back", "Lower back", TORSO_R, band(91, 103), SIDED),
    ("sacroiliac", "back", "Sacroiliac joint area", TORSO_R, band(84, 91, 0, 7.5), SIDED),
    ("lateral_hip", "hip", "Outer hip", TORSO_R.union(THIGH_R), band(72, 91, 14.3), SIDED),
    ("upper_buttock", "buttock", "Upper buttock", TORSO_R.union(THIGH_R), band(80, 91), SIDED),
    ("lower_buttock", "buttock", "Lower buttock", TORSO_R.union(THIGH_R), band(66, 80), SIDED),
    ("upper_arm_back", "arm", "Back of the upper arm", UPPER_ARM_R, band(112, 150), SIDED),
    ("lateral_elbow", "arm", "Outer elbow", ARM_ALL, band(104, 116).intersection(arm(True)), SIDED),
    ("back_of_elbow", "arm", "Back of the elbow", ARM_ALL, band(104, 116), SIDED),
    ("forearm_back", "arm", "Back of the forearm", FOREARM_R, band(86, 104), SIDED),
    *[(*r, SIDED) for r in COMMON_ARM],
    ("back_of_hand", "arm", "Back of the hand", HAND_R, band(0, 90), SIDED),
    ("outer_thigh", "leg", "Outer thigh", THIGH_R, band(50, 66).intersection(leg(True, 4.6)), SIDED),
    ("back_of_thigh", "leg", "Back of the thigh", THIGH_R, band(50, 66), SIDED),
    ("back_of_knee", "leg", "Back of the knee", LEG_ALL, band(39, 50), SIDED),
    (
        "outer_lower_leg",
        "leg",
        "Outer lower leg",
        LOWER_LEG_R,
        band(14, 39).intersection(leg(True, 2.4)),
        SIDED,
    ),
    ("calf", "leg", "Calf", LOWER_LEG_R, band(14, 39), SIDED),
    ("achilles", "heel", "Achilles tendon", LOWER_LEG_R.union(FOOT_BACK_R), band(6.2, 14), SIDED),
    ("back_of_heel", "heel", "Back of the heel", FOOT_BACK_R, band(-5, 6.2), SIDED),
]

SOLE_RULES = [
    ("heel_underside", "heel", "Underside of the heel", band(-5, 7.0, -BIG, BIG)),
    ("arch", "heel", "Arch of the foot", band(7.0, 15.0, -BIG, BIG)),
    ("ball_of_foot", "heel", "Ball of the foot and toes (underside)", band(15.0, 40, -BIG, BIG)),
]

# Parts of the outline that are drawn but are not zones (the nose line, between the legs).
OUTLINE_PARTS = [
    HEAD,
    NECK,
    TORSO,
    both(UPPER_ARM_R),
    both(FOREARM_R),
    both(HAND_R),
    both(THIGH_R),
    both(LOWER_LEG_R),
]


def clean(g) -> list[Polygon]:
    """Polygons of a geometry, dropping slivers left by cutting."""
    g = g.buffer(0)
    polys = [g] if isinstance(g, Polygon) else list(getattr(g, "geoms", []))
    return [p for p in polys if isinstance(p, Polygon) and p.area > 0.6]


def to_screen(g, view: str, cx: float):
    """From (u, y) to the diagram: front view flips u so the patient's right is on the left."""
    g = affinity.scale(g, xfact=-1 if view == "front" else 1, yfact=1, origin=(0, 0))
    return affinity.translate(g, xoff=cx)


def screen_side(u_sign: int, view: str) -> str:
    return "right" if u_sign > 0 else "left"


def zones_for(rules: list, view: str, feet) -> list[dict]:
    cx = FRONT_CX if view == "front" else BACK_CX
    taken = Polygon()
    out: list[dict] = []
    right_body = unary_union([TRUNK, ARM_ALL, LEG_ALL, feet]).intersection(band(-10, 200, 0, BIG))
    for zone, region, label, part, cutter, kind in rules:
        if kind == MIDLINE:
            g = part.intersection(cutter).intersection(both(right_body))
            g = g.difference(taken)
            taken = taken.union(g)
            out.append(feature(zone, region, label, view, "midline", to_screen(g, view, cx)))
            continue
        g = part.intersection(cutter).intersection(right_body).difference(taken)
        taken = taken.union(g).union(mirror(g))
        for sign in (1, -1):
            gg = g if sign > 0 else mirror(g)
            out.append(feature(zone, region, label, view, screen_side(sign, view), to_screen(gg, view, cx)))
    return out


def sole_features() -> list[dict]:
    out = []
    base = sole()
    for side, cx in zip(("left", "right"), SOLES_CX, strict=True):
        # seen from behind/below: on the left sole the medial (big-toe) side faces right
        shape = base if side == "left" else mirror(base)
        for zone, region, label, cutter in SOLE_RULES:
            g = shape.intersection(cutter if side == "left" else mirror(cutter))
            out.append(feature(zone, region, label, "back", side, affinity.translate(g, xoff=cx)))
    return out


def feature(zone: str, region: str, label: str, view: str, side: str, g) -> dict:
    g = shapely.set_precision(shapely.make_valid(g.simplify(0.02)), 0.01)
    polys = [Polygon(p.exterior) for p in clean(g)]  # zones have no holes
    if not polys:
        raise SystemExit(f"zone {zone} ({view}, {side}) came out empty")
    geom = polys[0] if len(polys) == 1 else MultiPolygon(polys)
    if not geom.is_valid:
        raise SystemExit(f"zone {zone} ({view}, {side}) is not a valid polygon")
    geom = json.loads(json.dumps(mapping(geom)))
    geom["coordinates"] = _round(geom["coordinates"])
    return {
        "type": "Feature",
        "properties": {"zone": zone, "region": region, "view": view, "side": side, "label": label},
        "geometry": geom,
    }


def _round(c):
    if isinstance(c, (int, float)):
        return round(float(c), 2)
    return [_round(x) for x in c]


def outline(view: str, feet) -> dict:
    cx = FRONT_CX if view == "front" else BACK_CX
    body = unary_union([*OUTLINE_PARTS, both(feet)]).buffer(0)
    g = to_screen(body, view, cx)
    geom = json.loads(json.dumps(mapping(g.simplify(0.02))))
    geom["coordinates"] = _round(geom["coordinates"])
    return {"type": "Feature", "properties": {"view": view}, "geometry": geom}


def main() -> None:
    features = zones_for(FRONT_RULES, "front", FOOT_FRONT_R) + zones_for(BACK_RULES, "back", FOOT_BACK_R)
    features += sole_features()
    coll = {
        "type": "FeatureCollection",
        "name": "trigger-point-atlas body map",
        "properties": {
            "note": "Generated by tools/build_body_map.py. y is up; front view centred at x=0, "
            "back view at x=90, soles seen from below beside the back view.",
        },
        "features": features,
    }
    OUT.write_text(json.dumps(coll, separators=(",", ":")) + "\n", encoding="utf-8")
    outlines = {
        "type": "FeatureCollection",
        "features": [outline("front", FOOT_FRONT_R), outline("back", FOOT_BACK_R)],
    }
    OUTLINE_OUT.write_text(json.dumps(outlines, separators=(",", ":")) + "\n", encoding="utf-8")
    zones = {f["properties"]["zone"] for f in features}
    print(f"wrote {OUT}: {len(features)} features, {len(zones)} zones")


if __name__ == "__main__":
    main()
