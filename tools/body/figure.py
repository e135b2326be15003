"""The body, described: contours (control points joined by smooth curves) and zone seeds.

Units: y is up, 0 at the soles, 180 at the top of the head: the eight-head canon with a
head of 22.5 (chin 157.5, nipples 135, navel 112.5, crotch 90, knee about 47, sole 0).
Front and back views: ``u`` is the distance from the midline towards the patient's right;
only the right half is described, the left half is its mirror image. Side view: ``s`` runs
from the back (negative) to the front (positive) of the patient's right side.

Each view is a list of parts. In a part, named shapes are cut out first (the eye, the
kneecap), then every other spot goes to its nearest seed point (a zone may have several).
Parts and seeds are listed in the order they take their area, so zones never overlap.
"""

from __future__ import annotations

from body.shapes import blob, both, capsule, ellipse, half_blob, mirror
from shapely import affinity
from shapely.geometry import box
from shapely.ops import unary_union

H = 22.5  # head height

# ---------------------------------------------------------------- front and back (right half)
HEAD = half_blob(
    [(0, 180), (4.2, 179.3), (7.0, 176.8), (8.2, 172.6), (8.3, 168.5), (7.9, 165.0),
     (7.3, 162.2), (6.3, 159.8), (4.6, 158.0), (2.4, 157.1), (0, 156.9)]
)  # fmt: skip
EAR = blob([(7.8, 170.2), (9.1, 170.8), (9.8, 169.2), (9.6, 166.4), (9.0, 163.9), (8.1, 163.4), (7.6, 166.0)])
NECK = half_blob([(0, 161), (4.9, 161), (5.0, 156), (5.6, 151.5), (6.4, 148.6), (0, 148.6)])
TORSO = half_blob(
    [(0, 150.2), (5.3, 153.6), (8.6, 151.3), (12.6, 149.6), (16.6, 148.3), (19.8, 147.0),
     (21.0, 144.6), (20.2, 140.6), (18.0, 136.6), (16.6, 132), (16.1, 126), (15.2, 119),
     (13.9, 112.5), (14.1, 106.5), (15.4, 100.8), (16.7, 95), (17.3, 89), (16.9, 84),
     (12, 82.6), (6, 84.4), (2, 86.6), (0, 87.2)]
)  # fmt: skip
LEG = blob(
    [(17.4, 86), (17.0, 78), (16.0, 70), (14.5, 62), (12.9, 54), (12.2, 49), (12.1, 45),
     (12.8, 39), (12.7, 32), (11.4, 24), (9.9, 16), (9.2, 11.5), (9.0, 8.6),
     (5.3, 8.6), (5.5, 12), (5.3, 18), (5.6, 26), (5.6, 34), (5.9, 40), (5.4, 45),
     (4.8, 50), (4.0, 58), (2.9, 68), (1.8, 78), (0.7, 85), (0.05, 88.6), (6, 86.8), (12, 85.6)]
)  # fmt: skip
FOOT_TOP = blob(
    [(5.2, 9.4), (9.1, 9.4), (10.6, 6.0), (11.9, 2.8), (12.1, 0.7), (11.2, 0.0), (7.2, 0.0),
     (3.2, 0.0), (2.35, 0.8), (2.5, 3.2), (3.9, 6.6)]
)  # fmt: skip
FOOT_HEEL = blob(
    [(5.2, 9.4), (9.1, 9.4), (9.9, 6), (9.9, 2.6), (8.9, 0.2), (7.1, 0.0), (5.3, 0.3), (4.4, 2.8), (4.5, 6)]
)
ARM = blob(
    [(18.0, 148.2), (21.5, 147.7), (23.8, 145.2), (24.6, 140), (24.4, 133), (24.0, 126),
     (24.3, 119), (24.9, 113.5), (26.0, 108), (26.3, 102), (25.9, 96), (25.4, 91.2),
     (20.5, 91.0), (19.9, 96), (19.2, 103), (18.4, 109), (17.7, 113.5), (17.2, 119),
     (16.6, 126), (16.0, 132), (15.8, 138)]
)  # fmt: skip
PALM = blob(
    [
        (20.2, 92.2),
        (25.6, 92.2),
        (26.6, 88.6),
        (26.7, 84.6),
        (26.2, 81.9),
        (20.3, 81.6),
        (19.6, 84),
        (19.7, 88.6),
    ]
)
# fingers from the little finger (nearest the body) to the index finger; palms face forward
FINGERS = {
    "little_finger": capsule((20.95, 82.4), (20.6, 76.3), 0.78),
    "ring_finger": capsule((22.55, 82.0), (22.45, 74.3), 0.8),
    "middle_finger": capsule((24.15, 82.0), (24.3, 73.3), 0.8),
    "index_finger": capsule((25.75, 82.2), (26.2, 74.4), 0.8),
}
THUMB = capsule((26.5, 87.6), (28.2, 84.6), 0.9).union(capsule((28.2, 84.6), (28.7, 81.4), 0.85))
HAND = unary_union([PALM, THUMB, *FINGERS.values()])

# landmark shapes cut out before the seeds
EYE = ellipse((3.5, 168.7), 1.9, 1.05)
NOSE = half_blob([(0, 170.2), (0.9, 169.4), (1.25, 165.4), (1.95, 164.2), (1.5, 163.55), (0, 163.4)])
MOUTH = ellipse((0, 161.05), 2.2, 0.85)
BREAST = ellipse((9.6, 134.6), 3.7, 3.4)
NAVEL = ellipse((0, 112.4), 2.3, 2.15)
GENITALS = half_blob([(0, 94.0), (2.3, 93.0), (2.6, 89.5), (1.6, 86.6), (0, 86.0)])
KNEECAP = ellipse((9.0, 48.0), 2.7, 3.1)
ARMPIT = ellipse((16.7, 134.6), 1.9, 2.7)
PERINEUM = ellipse((0, 86.6), 2.2, 1.75)


def P(*pts):
    return pts


FRONT = [
    ("ear", EAR, [("ear", EAR)], []),
    ("armpit", ARMPIT, [("armpit", ARMPIT)], []),
    (
        "head",
        HEAD,
        [("eye", EYE), ("nose", NOSE), ("mouth", MOUTH)],
        [
            ("vertex", P((0, 179.3), (3.6, 178.8))),
            ("forehead", P((2.6, 175.2), (5.6, 174.6))),
            ("eyebrow", P((3.3, 171.0), (5.8, 170.8))),
            ("temple", P((7.3, 171.0), (7.6, 173.4))),
            (
                "side_of_nose",
                P(
                    (2.2, 165.3),
                ),
            ),
            (
                "cheekbone",
                P(
                    (5.5, 166.3),
                ),
            ),
            (
                "tmj",
                P(
                    (7.4, 164.9),
                ),
            ),
            (
                "cheek",
                P(
                    (5.0, 163.2),
                ),
            ),
            (
                "upper_front_teeth",
                P(
                    (0, 162.75),
                ),
            ),
            (
                "upper_back_teeth",
                P(
                    (2.9, 162.6),
                ),
            ),
            (
                "lower_front_teeth",
                P(
                    (0, 159.45),
                ),
            ),
            (
                "lower_back_teeth",
                P(
                    (2.6, 159.95),
                ),
            ),
            (
                "jaw_angle",
                P(
                    (6.3, 160.4),
                ),
            ),
            (
                "lower_jaw",
                P(
                    (4.6, 159.3),
                ),
            ),
            (
                "chin",
                P(
                    (0, 157.75),
                ),
            ),
        ],
    ),
    (
        "neck",
        NECK,
        [],
        [
            ("under_chin", P((0, 156.6), (2.4, 156.9))),
            (
                "throat",
                P(
                    (0, 153.0),
                ),
            ),
            (
                "front_of_neck",
                P(
                    (2.6, 153.0),
                ),
            ),
            ("side_of_neck", P((4.7, 155.0), (5.0, 152.4))),
        ],
    ),
    (
        "hand",
        HAND,
        [
            *((f"{k}_palm", v) for k, v in FINGERS.items()),
            ("thumb_palm", THUMB.difference(PALM.buffer(-0.3))),
        ],
        [
            ("palm", P((23.0, 86.6), (23.0, 83.6))),
            (
                "thumb_base",
                P(
                    (25.4, 88.2),
                ),
            ),
            (
                "palm_little_finger_side",
                P(
                    (20.5, 86.5),
                ),
            ),
            (
                "thumb_web",
                P(
                    (26.4, 83.0),
                ),
            ),
        ],
    ),
    (
        "arm",
        ARM,
        [],
        [
            (
                "front_of_shoulder",
                P(
                    (20.3, 143.0),
                ),
            ),
            (
                "side_of_shoulder",
                P(
                    (23.5, 143.2),
                ),
            ),
            (
                "upper_arm_outer",
                P(
                    (23.4, 131.0),
                ),
            ),
            ("upper_arm_front", P((20.6, 128.0), (20.9, 120.5))),
            ("upper_arm_inner", P((17.6, 126.5), (18.3, 119.5))),
            (
                "elbow_crease",
                P(
                    (21.5, 112.6),
                ),
            ),
            (
                "lateral_elbow",
                P(
                    (24.6, 112.2),
                ),
            ),
            (
                "medial_elbow",
                P(
                    (18.6, 112.4),
                ),
            ),
            ("forearm_thumb_side", P((25.4, 104.5), (25.0, 97.5))),
            ("forearm_front", P((22.4, 104.0), (22.8, 98.0))),
            ("forearm_little_finger_side", P((19.4, 104.0), (20.3, 97.5))),
            (
                "wrist_front",
                P(
                    (22.9, 93.0),
                ),
            ),
            (
                "wrist_thumb_side",
                P(
                    (25.1, 93.2),
                ),
            ),
            (
                "wrist_little_finger_side",
                P(
                    (20.6, 93.2),
                ),
            ),
        ],
    ),
    (
        "foot",
        FOOT_TOP.intersection(box(-40, -5, 40, 8.8)),
        [],
        [
            (
                "big_toe_top",
                P(
                    (3.5, 1.0),
                ),
            ),
            (
                "second_toe_top",
                P(
                    (5.6, 1.0),
                ),
            ),
            (
                "third_toe_top",
                P(
                    (7.45, 1.0),
                ),
            ),
            (
                "fourth_toe_top",
                P(
                    (9.25, 1.0),
                ),
            ),
            (
                "little_toe_top",
                P(
                    (11.0, 1.0),
                ),
            ),
            (
                "big_toe_base",
                P(
                    (3.4, 3.7),
                ),
            ),
            (
                "inner_foot",
                P(
                    (4.1, 6.7),
                ),
            ),
            ("instep", P((8.0, 4.8), (10.2, 3.6))),
            (
                "front_of_ankle",
                P(
                    (7.5, 8.2),
                ),
            ),
        ],
    ),
    (
        "leg",
        LEG,
        [("front_of_knee", KNEECAP)],
        [
            (
                "upper_front_of_thigh",
                P(
                    (10.4, 80.5),
                ),
            ),
            (
                "inner_thigh",
                P(
                    (4.4, 80.0),
                ),
            ),
            ("outer_thigh", P((14.8, 74.0), (13.6, 63.0))),
            ("front_of_thigh", P((9.5, 68.0), (9.5, 60.0))),
            ("inner_thigh_lower", P((5.4, 63.0), (5.8, 56.0))),
            (
                "above_knee",
                P(
                    (9.0, 53.6),
                ),
            ),
            (
                "outer_knee",
                P(
                    (11.7, 48.0),
                ),
            ),
            (
                "inner_knee",
                P(
                    (6.0, 48.5),
                ),
            ),
            (
                "below_knee",
                P(
                    (9.1, 42.2),
                ),
            ),
            (
                "below_inner_knee",
                P(
                    (6.4, 41.5),
                ),
            ),
            ("shin", P((8.9, 33.0), (8.3, 23.0))),
            ("inner_lower_leg", P((6.3, 31.0), (6.2, 20.0))),
            ("outer_lower_leg", P((11.5, 33.0), (10.4, 23.0))),
            (
                "lower_shin",
                P(
                    (7.4, 14.0),
                ),
            ),
            (
                "inner_ankle",
                P(
                    (5.6, 10.2),
                ),
            ),
            (
                "outer_ankle",
                P(
                    (8.8, 10.4),
                ),
            ),
        ],
    ),
    (
        "torso",
        TORSO,
        [("navel", NAVEL), ("breast", BREAST), ("genitals", GENITALS)],
        [
            (
                "sternal_notch",
                P(
                    (0, 150.6),
                ),
            ),
            (
                "above_collarbone",
                P(
                    (7.4, 150.6),
                ),
            ),
            ("top_of_shoulder", P((13.2, 149.6), (17.4, 148.4))),
            ("collarbone", P((5.6, 148.3), (10.0, 147.6), (14.6, 146.6))),
            (
                "armpit",
                P(
                    (16.4, 135.4),
                ),
            ),
            ("sternum", P((0, 141.8), (0, 133.0))),
            (
                "lower_sternum",
                P(
                    (0, 125.6),
                ),
            ),
            ("beside_sternum", P((3.0, 139.5), (3.0, 131.0))),
            ("upper_chest", P((8.4, 143.2), (13.0, 141.4))),
            ("lower_chest", P((8.4, 127.2), (12.2, 128.6))),
            ("side_of_chest", P((15.0, 128.5), (14.7, 122.0))),
            (
                "epigastrium",
                P(
                    (0, 119.6),
                ),
            ),
            (
                "upper_abdomen",
                P(
                    (4.6, 119.0),
                ),
            ),
            ("lower_ribs_front", P((9.8, 121.0), (12.4, 117.0))),
            (
                "mid_abdomen",
                P(
                    (5.2, 112.0),
                ),
            ),
            ("flank", P((12.6, 110.0), (13.4, 104.5))),
            (
                "lower_abdomen",
                P(
                    (6.0, 104.5),
                ),
            ),
            (
                "above_pubic_bone",
                P(
                    (0, 98.4),
                ),
            ),
            (
                "hip_bone_front",
                P(
                    (12.2, 99.5),
                ),
            ),
            (
                "iliac_crest",
                P(
                    (15.0, 101.6),
                ),
            ),
            (
                "front_of_hip",
                P(
                    (11.2, 92.0),
                ),
            ),
            (
                "lateral_hip",
                P(
                    (16.0, 93.4),
                ),
            ),
            (
                "greater_trochanter",
                P(
                    (16.7, 87.0),
                ),
            ),
            ("groin", P((5.6, 91.6), (7.4, 88.4))),
        ],
    ),
]

BACK_HEAD = [
    ("vertex", P((0, 179.0), (3.6, 178.6))),
    ("back_of_head", P((0, 172.0), (4.2, 172.4))),
    (
        "side_of_head",
        P(
            (7.7, 172.0),
        ),
    ),
    ("occiput", P((0, 163.4), (3.6, 163.6))),
    (
        "behind_ear",
        P(
            (7.1, 163.8),
        ),
    ),
]
BACK = [
    ("ear", EAR, [("ear", EAR)], []),
    ("armpit", ARMPIT, [("back_of_armpit", ARMPIT)], []),
    ("head", HEAD, [], BACK_HEAD),
    (
        "neck",
        NECK,
        [],
        [
            (
                "upper_back_of_neck",
                P(
                    (3.2, 157.0),
                ),
            ),
            (
                "cervical_spine",
                P(
                    (0, 155.2),
                ),
            ),
            (
                "back_of_neck",
                P(
                    (3.0, 152.8),
                ),
            ),
            (
                "side_of_neck",
                P(
                    (4.9, 155.6),
                ),
            ),
        ],
    ),
    (
        "hand",
        HAND,
        [
            *((f"{k}_back", v) for k, v in FINGERS.items()),
            ("thumb_back", THUMB.difference(PALM.buffer(-0.3))),
        ],
        [
            (
                "back_of_hand",
                P(
                    (23.0, 87.2),
                ),
            ),
            (
                "knuckles",
                P(
                    (23.2, 83.2),
                ),
            ),
            (
                "thumb_web",
                P(
                    (26.2, 84.6),
                ),
            ),
            (
                "palm_little_finger_side",
                P(
                    (20.4, 86.5),
                ),
            ),
        ],
    ),
    (
        "arm",
        ARM,
        [],
        [
            (
                "back_of_shoulder",
                P(
                    (20.3, 142.6),
                ),
            ),
            (
                "side_of_shoulder",
                P(
                    (23.5, 143.2),
                ),
            ),
            (
                "upper_arm_outer",
                P(
                    (23.4, 130.0),
                ),
            ),
            ("upper_arm_back", P((20.8, 126.5), (21.0, 121.0))),
            (
                "upper_arm_inner",
                P(
                    (17.6, 125.5),
                ),
            ),
            (
                "above_elbow_back",
                P(
                    (21.4, 116.4),
                ),
            ),
            (
                "back_of_elbow",
                P(
                    (21.5, 112.0),
                ),
            ),
            (
                "lateral_elbow",
                P(
                    (24.6, 111.8),
                ),
            ),
            (
                "medial_elbow",
                P(
                    (18.6, 112.0),
                ),
            ),
            ("forearm_back", P((22.5, 104.0), (22.8, 98.0))),
            (
                "forearm_thumb_side",
                P(
                    (25.4, 104.5),
                ),
            ),
            ("forearm_little_finger_side", P((19.4, 104.0), (20.3, 97.5))),
            (
                "wrist_back",
                P(
                    (22.9, 93.0),
                ),
            ),
            (
                "wrist_thumb_side",
                P(
                    (25.1, 93.2),
                ),
            ),
            (
                "wrist_little_finger_side",
                P(
                    (20.6, 93.2),
                ),
            ),
        ],
    ),
    ("pelvis", PERINEUM, [("perineum", PERINEUM)], []),
    (
        "foot",
        FOOT_HEEL.intersection(box(-40, -5, 40, 8.8)),
        [],
        [
            (
                "back_of_heel",
                P(
                    (7.2, 4.2),
                ),
            ),
            (
                "inner_heel",
                P(
                    (5.0, 2.0),
                ),
            ),
            (
                "outer_heel",
                P(
                    (9.3, 2.0),
                ),
            ),
        ],
    ),
    (
        "leg",
        LEG,
        [],
        [
            ("gluteal_fold", P((6.6, 82.6), (11.6, 82.4))),
            (
                "inner_thigh",
                P(
                    (2.6, 78.0),
                ),
            ),
            (
                "outer_thigh",
                P(
                    (15.3, 74.0),
                ),
            ),
            ("back_of_thigh_outer", P((12.0, 70.0), (11.6, 61.0))),
            ("back_of_thigh_inner", P((6.6, 71.0), (6.4, 63.0))),
            (
                "inner_thigh_lower",
                P(
                    (4.4, 56.0),
                ),
            ),
            (
                "back_of_thigh_lower",
                P(
                    (8.8, 54.6),
                ),
            ),
            (
                "back_of_knee",
                P(
                    (9.0, 47.6),
                ),
            ),
            (
                "inner_knee",
                P(
                    (5.8, 47.6),
                ),
            ),
            (
                "outer_knee",
                P(
                    (12.0, 47.6),
                ),
            ),
            (
                "below_inner_knee",
                P(
                    (6.0, 41.6),
                ),
            ),
            ("calf", P((9.6, 37.0), (9.8, 30.0))),
            (
                "outer_lower_leg",
                P(
                    (12.3, 33.0),
                ),
            ),
            (
                "inner_lower_leg",
                P(
                    (6.2, 31.0),
                ),
            ),
            (
                "lower_calf",
                P(
                    (8.4, 22.0),
                ),
            ),
            (
                "achilles",
                P(
                    (7.2, 14.0),
                ),
            ),
            (
                "inner_ankle",
                P(
                    (5.4, 10.2),
                ),
            ),
            (
                "outer_ankle",
                P(
                    (9.0, 10.4),
                ),
            ),
        ],
    ),
    (
        "torso",
        TORSO,
        [],
        [
            (
                "base_of_neck",
                P(
                    (4.4, 149.8),
                ),
            ),
            ("top_of_shoulder", P((12.6, 149.8), (17.6, 148.4))),
            (
                "upper_shoulder_blade_corner",
                P(
                    (9.4, 145.2),
                ),
            ),
            (
                "supraspinous",
                P(
                    (14.0, 143.6),
                ),
            ),
            ("thoracic_spine", P((0, 143.0), (0, 133.0))),
            ("medial_scapular_border", P((6.0, 139.5), (6.6, 132.0))),
            ("shoulder_blade", P((12.0, 137.5), (12.4, 131.5))),
            (
                "back_of_armpit",
                P(
                    (16.4, 134.5),
                ),
            ),
            (
                "scapula_lower_tip",
                P(
                    (10.6, 126.0),
                ),
            ),
            (
                "side_of_chest",
                P(
                    (15.3, 125.6),
                ),
            ),
            (
                "lower_thoracic_spine",
                P(
                    (0, 120.0),
                ),
            ),
            (
                "mid_back",
                P(
                    (5.6, 122.0),
                ),
            ),
            (
                "lower_ribs_back",
                P(
                    (11.4, 115.0),
                ),
            ),
            (
                "flank",
                P(
                    (13.6, 107.0),
                ),
            ),
            ("lumbar_spine", P((0, 107.0), (0, 101.6))),
            ("lower_back", P((5.2, 108.0), (5.6, 101.8))),
            ("iliac_crest", P((11.0, 100.2), (14.8, 100.0))),
            (
                "sacroiliac",
                P(
                    (4.4, 95.2),
                ),
            ),
            (
                "sacrum",
                P(
                    (0, 96.2),
                ),
            ),
            (
                "upper_buttock",
                P(
                    (9.4, 94.0),
                ),
            ),
            (
                "outer_buttock",
                P(
                    (14.6, 91.0),
                ),
            ),
            (
                "lateral_hip",
                P(
                    (16.5, 95.8),
                ),
            ),
            (
                "greater_trochanter",
                P(
                    (17.0, 87.4),
                ),
            ),
            (
                "coccyx",
                P(
                    (0, 93.0),
                ),
            ),
            (
                "gluteal_cleft",
                P(
                    (0, 89.9),
                ),
            ),
            (
                "lower_buttock",
                P(
                    (10.0, 87.8),
                ),
            ),
            (
                "sit_bone",
                P(
                    (5.9, 86.2),
                ),
            ),
            ("gluteal_fold", P((6.4, 82.2), (11.2, 82.6))),
        ],
    ),
]

# ---------------------------------------------------------------- side view (the patient's right side)
PROFILE = blob(
    [(0, 180), (4.5, 179.1), (7.6, 176.6), (8.9, 172.6), (9.2, 170.4), (8.7, 169.0),
     (9.4, 167.1), (11.0, 164.3), (9.7, 163.4), (9.7, 162.2), (9.1, 161.3), (9.5, 160.3),
     (8.9, 159.4), (9.3, 158.3), (8.4, 157.2), (5.8, 156.6), (4.4, 155.4), (4.2, 152),
     (5.0, 149.6), (7.4, 146.2), (9.4, 141.2), (10.3, 136.2), (9.6, 130), (8.6, 124),
     (8.4, 118), (9.0, 112), (9.5, 106), (8.9, 99), (7.8, 93.5), (8.2, 88), (8.6, 80),
     (8.0, 70), (6.8, 60), (5.8, 52.5), (6.5, 48.2), (5.3, 44), (4.6, 40), (4.2, 30),
     (3.4, 20), (3.0, 12), (3.1, 9.0), (6.0, 6.6), (10.5, 3.6), (14.2, 1.7), (14.5, 0.3),
     (10, 0), (2, 0), (-3.5, 0), (-4.9, 1.0), (-5.3, 3.6), (-4.5, 7.0), (-3.6, 12),
     (-4.4, 20), (-6.4, 28), (-7.4, 34), (-6.8, 40), (-5.6, 45.2), (-6.2, 52), (-7.2, 62),
     (-8.1, 72), (-9.7, 80), (-11.1, 86), (-11.3, 92), (-9.7, 98), (-7.6, 104), (-7.8, 112),
     (-8.8, 120), (-9.8, 130), (-9.6, 140), (-8.2, 147), (-6.4, 151.2), (-5.8, 155),
     (-6.8, 159), (-8.9, 162), (-10.2, 166), (-10.0, 172), (-7.6, 177), (-4.0, 179.4)]
)  # fmt: skip
SIDE_EAR = blob(
    [
        (-0.2, 170.2),
        (-2.6, 170.7),
        (-3.7, 168.6),
        (-3.3, 165.1),
        (-2.2, 163.2),
        (-0.8, 163.4),
        (-0.1, 165.6),
        (0.3, 168.0),
    ]
)
SHOULDER_PIVOT = (-1.0, 145.0)
_ARM_DOWN = blob(
    [(-2.0, 148.8), (1.6, 149.0), (3.6, 146.4), (4.1, 140), (3.5, 130), (3.3, 120), (3.6, 113),
     (4.7, 106), (5.0, 98), (4.7, 92.2), (1.6, 91.6), (-0.8, 98), (-1.6, 106), (-1.9, 113),
     (-3.0, 120), (-4.2, 130), (-5.0, 138), (-4.7, 145)]
)  # fmt: skip
_HAND_DOWN = blob(
    [
        (1.5, 92.6),
        (5.0, 92.6),
        (6.0, 88),
        (5.8, 84),
        (5.2, 80),
        (4.6, 76),
        (3.6, 73.2),
        (2.6, 73.6),
        (1.6, 77),
        (1.0, 82),
        (1.0, 87.5),
    ]
)
_THUMB_DOWN = capsule((5.3, 88.2), (6.7, 83.6), 0.8)
SIDE_ARM = affinity.rotate(_ARM_DOWN, 18, origin=SHOULDER_PIVOT)
SIDE_HAND = affinity.rotate(unary_union([_HAND_DOWN, _THUMB_DOWN]), 18, origin=SHOULDER_PIVOT).difference(
    SIDE_ARM
)
SIDE_THUMB = affinity.rotate(_THUMB_DOWN, 18, origin=SHOULDER_PIVOT).difference(SIDE_ARM)
SIDE_KNEECAP = ellipse((5.0, 48.2), 1.9, 3.0)


def _rot(*pts):
    """Seeds on the hanging arm, turned with it."""
    from shapely.geometry import Point

    return tuple(
        tuple(round(c, 3) for c in affinity.rotate(Point(p), 18, origin=SHOULDER_PIVOT).coords[0])
        for p in pts
    )


SIDE = [
    ("ear", SIDE_EAR, [("ear", SIDE_EAR)], []),
    (
        "hand",
        SIDE_HAND,
        [("thumb_back", SIDE_THUMB)],
        [
            (
                "back_of_hand",
                P(
                    (0, 0),
                ),
            )
        ],
    ),
    (
        "arm",
        SIDE_ARM,
        [],
        [
            ("side_of_shoulder", _rot((0.0, 142.5))),
            ("front_of_shoulder", _rot((3.0, 145.5))),
            ("back_of_shoulder", _rot((-3.6, 143.5))),
            ("upper_arm_outer", _rot((0.0, 132.0), (0.0, 122.0))),
            ("lateral_elbow", _rot((1.0, 112.0))),
            ("forearm_thumb_side", _rot((1.8, 104.0), (2.6, 97.0))),
        ],
    ),
    (
        "body",
        PROFILE,
        [("front_of_knee", SIDE_KNEECAP)],
        [
            (
                "vertex",
                P(
                    (0, 179.2),
                ),
            ),
            (
                "forehead",
                P(
                    (6.8, 175.6),
                ),
            ),
            (
                "eyebrow",
                P(
                    (8.3, 171.0),
                ),
            ),
            (
                "eye",
                P(
                    (7.0, 168.8),
                ),
            ),
            (
                "nose",
                P(
                    (9.6, 165.6),
                ),
            ),
            (
                "side_of_nose",
                P(
                    (7.6, 165.0),
                ),
            ),
            (
                "temple",
                P(
                    (3.6, 171.6),
                ),
            ),
            ("side_of_head", P((-1.8, 175.0), (2.4, 176.2))),
            (
                "behind_ear",
                P(
                    (-4.7, 165.6),
                ),
            ),
            ("back_of_head", P((-7.6, 172.0), (-4.6, 177.4))),
            (
                "occiput",
                P(
                    (-7.6, 163.4),
                ),
            ),
            (
                "cheekbone",
                P(
                    (4.3, 167.2),
                ),
            ),
            (
                "tmj",
                P(
                    (1.3, 165.0),
                ),
            ),
            (
                "cheek",
                P(
                    (5.6, 163.6),
                ),
            ),
            (
                "upper_back_teeth",
                P(
                    (6.0, 161.8),
                ),
            ),
            (
                "upper_front_teeth",
                P(
                    (8.6, 162.5),
                ),
            ),
            (
                "mouth",
                P(
                    (8.9, 161.2),
                ),
            ),
            (
                "lower_front_teeth",
                P(
                    (8.5, 160.0),
                ),
            ),
            (
                "lower_back_teeth",
                P(
                    (5.8, 159.9),
                ),
            ),
            (
                "jaw_angle",
                P(
                    (0.6, 160.4),
                ),
            ),
            (
                "lower_jaw",
                P(
                    (3.6, 158.6),
                ),
            ),
            (
                "chin",
                P(
                    (8.3, 158.3),
                ),
            ),
            (
                "under_chin",
                P(
                    (5.6, 157.4),
                ),
            ),
            (
                "upper_back_of_neck",
                P(
                    (-4.9, 157.6),
                ),
            ),
            (
                "back_of_neck",
                P(
                    (-4.4, 153.0),
                ),
            ),
            (
                "side_of_neck",
                P(
                    (-0.6, 154.0),
                ),
            ),
            (
                "front_of_neck",
                P(
                    (2.0, 154.6),
                ),
            ),
            (
                "throat",
                P(
                    (3.8, 152.8),
                ),
            ),
            (
                "above_collarbone",
                P(
                    (3.6, 150.0),
                ),
            ),
            (
                "top_of_shoulder",
                P(
                    (-3.2, 150.2),
                ),
            ),
            (
                "upper_chest",
                P(
                    (7.4, 143.6),
                ),
            ),
            (
                "breast",
                P(
                    (8.4, 135.6),
                ),
            ),
            (
                "armpit",
                P(
                    (5.4, 138.0),
                ),
            ),
            ("side_of_chest", P((0.0, 131.0), (2.0, 124.0))),
            (
                "lower_chest",
                P(
                    (7.0, 127.5),
                ),
            ),
            (
                "back_of_armpit",
                P(
                    (-7.0, 139.0),
                ),
            ),
            (
                "scapula_lower_tip",
                P(
                    (-7.8, 127.0),
                ),
            ),
            (
                "lower_ribs_front",
                P(
                    (6.2, 119.0),
                ),
            ),
            (
                "lower_ribs_back",
                P(
                    (-6.6, 117.0),
                ),
            ),
            (
                "flank",
                P(
                    (0.0, 112.0),
                ),
            ),
            (
                "lower_back",
                P(
                    (-6.2, 106.6),
                ),
            ),
            ("iliac_crest", P((0.0, 102.4), (-4.0, 101.2))),
            (
                "hip_bone_front",
                P(
                    (6.0, 100.0),
                ),
            ),
            (
                "front_of_hip",
                P(
                    (6.2, 93.4),
                ),
            ),
            (
                "upper_buttock",
                P(
                    (-8.8, 96.4),
                ),
            ),
            (
                "lateral_hip",
                P(
                    (-1.6, 94.6),
                ),
            ),
            (
                "outer_buttock",
                P(
                    (-6.8, 90.6),
                ),
            ),
            (
                "greater_trochanter",
                P(
                    (-1.4, 87.6),
                ),
            ),
            (
                "lower_buttock",
                P(
                    (-9.6, 87.6),
                ),
            ),
            (
                "sit_bone",
                P(
                    (-9.8, 82.4),
                ),
            ),
            (
                "gluteal_fold",
                P(
                    (-7.6, 79.2),
                ),
            ),
            (
                "upper_front_of_thigh",
                P(
                    (5.8, 83.6),
                ),
            ),
            ("front_of_thigh", P((5.4, 71.0), (4.0, 61.0))),
            ("outer_thigh", P((-1.2, 74.0), (-1.2, 63.0))),
            ("back_of_thigh_outer", P((-6.4, 70.0), (-5.4, 60.0))),
            (
                "above_knee",
                P(
                    (3.6, 54.6),
                ),
            ),
            (
                "back_of_thigh_lower",
                P(
                    (-4.6, 54.0),
                ),
            ),
            (
                "outer_knee",
                P(
                    (0.0, 48.2),
                ),
            ),
            (
                "back_of_knee",
                P(
                    (-4.4, 46.8),
                ),
            ),
            (
                "below_knee",
                P(
                    (3.4, 42.4),
                ),
            ),
            (
                "shin",
                P(
                    (2.8, 33.0),
                ),
            ),
            ("outer_lower_leg", P((-0.6, 33.0), (-0.4, 22.0))),
            (
                "calf",
                P(
                    (-5.0, 37.0),
                ),
            ),
            (
                "lower_calf",
                P(
                    (-3.6, 23.0),
                ),
            ),
            (
                "lower_shin",
                P(
                    (2.0, 15.0),
                ),
            ),
            (
                "achilles",
                P(
                    (-3.2, 11.0),
                ),
            ),
            (
                "outer_ankle",
                P(
                    (-0.2, 8.4),
                ),
            ),
            (
                "front_of_ankle",
                P(
                    (3.4, 7.6),
                ),
            ),
            (
                "back_of_heel",
                P(
                    (-4.2, 4.2),
                ),
            ),
            (
                "outer_heel",
                P(
                    (-2.0, 1.6),
                ),
            ),
            ("outer_foot", P((3.4, 1.4), (7.2, 1.2))),
            (
                "instep",
                P(
                    (6.8, 4.4),
                ),
            ),
            (
                "little_toe_top",
                P(
                    (12.2, 1.2),
                ),
            ),
        ],
    ),
]

# ---------------------------------------------------------------- soles (the left sole seen from below:
# heel at the bottom, big toe on the inner side, towards +s)
SOLE_BODY = blob(
    [(-2.5, 2.4), (-1.0, 0.2), (1.0, 0.0), (2.6, 1.2), (3.0, 4.5), (2.6, 9), (3.0, 13), (4.2, 17),
     (4.5, 19.8), (3.2, 20.8), (0.5, 20.6), (-2.0, 20.0), (-4.7, 18.4), (-4.6, 15.5), (-3.8, 11), (-3.1, 6.5)]
)  # fmt: skip
SOLE_TOES = {
    "big_toe_underside": capsule((3.2, 21.0), (3.4, 23.6), 1.35),
    "second_toe_underside": capsule((0.75, 21.0), (0.7, 23.4), 1.0),
    "third_toe_underside": capsule((-1.35, 20.6), (-1.45, 22.7), 1.0),
    "fourth_toe_underside": capsule((-3.5, 19.8), (-3.8, 21.6), 1.05),
    "little_toe_underside": capsule((-5.62, 17.5), (-5.62, 20.0), 0.98),
}
SOLE = [
    ("toes", unary_union(list(SOLE_TOES.values())).difference(SOLE_BODY), list(SOLE_TOES.items()), []),
    (
        "sole",
        SOLE_BODY,
        [],
        [
            (
                "big_toe_base",
                P(
                    (2.7, 18.6),
                ),
            ),
            ("ball_of_foot", P((0.0, 18.2), (-2.6, 17.4))),
            ("outer_foot", P((-3.4, 12.5), (-3.0, 8.0))),
            ("arch", P((0.6, 11.0), (0.4, 7.6))),
            (
                "heel_underside",
                P(
                    (0.0, 3.0),
                ),
            ),
        ],
    ),
]

__all__ = ["BACK", "FRONT", "SIDE", "SOLE", "H", "both", "mirror"]
