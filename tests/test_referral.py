"""Pure helpers of the referral views: trigger-point names and links, marked areas, the legend."""

from __future__ import annotations

import json

from tpatlas.mapview.protocol import zones_json
from tpatlas.patterns import marks_for, shades_for
from tpatlas.referral import (
    VIEWS,
    key_label,
    marked_options,
    marked_shades,
    muscle_slug,
    parse_muscle,
    parse_zones,
    pattern_figure,
    trigger_point_label,
    trigger_point_options,
    zones_param,
)


def test_trigger_point_names_and_order(atlas):
    assert trigger_point_label(atlas, "infraspinatus") == "Infraspinatus, point 1 of 2"
    assert trigger_point_label(atlas, "infraspinatus_medial") == "Infraspinatus, point 2 of 2"
    assert trigger_point_label(atlas, "piriformis") == "Piriformis"
    options = trigger_point_options(atlas)
    assert sorted(options) == sorted(atlas.trigger_points.index)
    assert options.index("infraspinatus") + 1 == options.index("infraspinatus_medial")
    assert muscle_slug("Abductor digiti minimi (foot)") == "abductor_digiti_minimi_foot"


def test_muscle_links(atlas):
    assert parse_muscle(atlas, "temporalis_middle").value == "temporalis_middle"
    assert parse_muscle(atlas, "Upper Trapezius").value == "upper_trapezius"  # a name opens its first point
    assert parse_muscle(atlas, "abductor_digiti_minimi_foot").value == "abductor_digiti_minimi"
    bad = parse_muscle(atlas, "<b>biceps</b>")
    assert bad.value is None and "unknown muscle" in bad.notice and "<b>" not in bad.notice
    assert parse_muscle(atlas, None).value is None and parse_muscle(atlas, None).notice is None


def test_zones_links_round_trip(atlas):
    keys, notice = parse_zones(atlas, "temple,jaw_angle:left,sternum")
    assert keys == ("temple:right", "temple:left", "jaw_angle:left", "sternum") and notice is None
    assert zones_param(atlas, keys) == "temple,jaw_angle:left,sternum"
    assert parse_zones(atlas, ["calf:right", "calf:left"])[0] == ("calf:right", "calf:left")
    assert zones_param(atlas, ["calf:left", "calf:right"]) == "calf"


def test_zones_links_refuse_what_they_do_not_know(atlas):
    keys, notice = parse_zones(atlas, "temple:up,sternum:left,nowhere,Temple")
    assert keys == ("temple:right", "temple:left")
    assert "3 areas the map does not know" in notice
    assert parse_zones(atlas, ",,")[1] == "The link names no area, so nothing is marked."
    assert "too long" in parse_zones(atlas, "a" * 10_000)[1]
    many = ",".join(["temple"] * 500)
    assert parse_zones(atlas, many)[0] == ("temple:right", "temple:left")


def test_every_area_can_be_marked_and_named(atlas):
    options = marked_options(atlas)
    assert len(options) == len(set(options))
    assert {k.split(":")[0] for k in options} == set(atlas.zones)
    assert "sternum" in options and "sternum:left" not in options
    assert key_label(atlas, "temple:left") == "Temple (left)"
    assert key_label(atlas, "sternum") == "Breastbone"
    shades = marked_shades(["temple:left", "sternum", "temple:left"])
    assert [(s.zone, s.side, s.level) for s in shades] == [
        ("sternum", "midline", "marked"),
        ("temple", "left", "marked"),
    ]


def test_pattern_figure_has_a_legend_and_a_haloed_x(atlas):
    picks = [("infraspinatus", "right")]
    fig = pattern_figure(shades_for(atlas, picks), marks_for(atlas, picks), "test")
    names = [t.name for t in fig.data]
    assert names.index("trigger-point-halo") + 1 == names.index("trigger-points")
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert legend == [
        "Essential zone: pain nearly always felt here",
        "Spillover zone: pain sometimes spreads here",
        "Trigger point (X)",
    ]
    assert fig.layout.showlegend
    bare = pattern_figure(shades_for(atlas, picks), (), "test")
    assert "Trigger point (X)" not in [t.name for t in bare.data]


def test_pattern_map_hover_names_the_zone(atlas):
    """Reading a pattern, hovering a spot names the area (a student's question: what is this part?).
    The map component names it, from the zone labels it is sent with every map."""
    labels = json.loads(zones_json(atlas))["labels"]["zone"]
    assert labels["temple:left"] == "Temple (left)" and labels["calf:right"] == "Calf (right)"


def test_close_up_views_frame_the_head_and_neck(atlas):
    """The close-ups show the head and neck zones of their view, and none of the other view."""
    picks = [("upper_trapezius", "right")]
    whole = pattern_figure(shades_for(atlas, picks), marks_for(atlas, picks), "test")
    assert whole.layout.xaxis.range == (-37.0, 153.0)
    for view, side_view in (("head_front", "front"), ("head_back", "back"), ("head_side", "side")):
        fig = pattern_figure(shades_for(atlas, picks), marks_for(atlas, picks), "test", view)
        (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
        assert x1 - x0 < (153 + 37) / 4  # at least four times closer than the whole figure
        for f in atlas.features:
            xs = [x for ring in f.rings for x, _ in ring]
            ys = [y for ring in f.rings for _, y in ring]
            inside = x0 <= min(xs) and max(xs) <= x1 and y0 <= min(ys) and max(ys) <= y1
            if f.region in ("head", "jaw") and f.view == side_view and (view != "head_side" or max(xs) < 260):
                assert inside, (view, f.zone, f.side)
            if f.view != side_view:
                assert max(xs) < x0 or min(xs) > x1 or max(ys) < y0 or min(ys) > y1, (view, f.zone)


def test_every_view_has_a_label_and_frames_its_drawn_views(atlas):
    """Views are defined once (tpatlas.views) and the pattern map uses their frames."""
    assert next(iter(VIEWS)) == "whole"
    picks = [("soleus", "left")]
    for key, view in VIEWS.items():
        assert view.label and view.drawn
        fig = pattern_figure(shades_for(atlas, picks), (), "test", key)
        if key != "whole":
            assert tuple(fig.layout.xaxis.range) == view.x and tuple(fig.layout.yaxis.range) == view.y
    for close_up in ("hand_palm_right", "hand_back_left", "foot_sole", "foot_top", "foot_side_right"):
        assert close_up in VIEWS
