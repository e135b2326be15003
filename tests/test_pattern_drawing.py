"""Smooth referral patterns, patterns on both sides, and the muscle outlines of the pattern view."""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import json
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, Polygon

from tpatlas import pattern_drawing as pdraw
from tpatlas.data import PACKAGED_DATA, DataError, split_list
from tpatlas.figures import shade_matches
from tpatlas.patterns import marks_for, shades_for
from tpatlas.referral import pattern_figure

ROOT = Path(__file__).resolve().parents[1]
FOLDER = str(PACKAGED_DATA)


@pytest.fixture(scope="module")
def outlines() -> tuple[pdraw.Outline, ...]:
    return pdraw.load_muscle_outlines(PACKAGED_DATA)


def _box_rings(atlas, shades):
    return [r for f in atlas.features if any(shade_matches(f, s) for s in shades) for r in f.rings]


def _smooth_rings(atlas, shades):
    return [r for level in ("essential", "spillover") for r in pdraw.level_rings(atlas, shades, level)]


# ---------------------------------------------------------------- smooth patterns
def test_smoothing_uses_fewer_vertices_than_the_boxes(atlas):
    """Over every pattern, and for nearly every pattern of several zone polygons (a pattern of
    small zones, such as fingers, may keep a few more points to stay true to their shape)."""
    total_boxes = total_smooth = 0
    fewer: list[bool] = []
    for tp_id in atlas.trigger_points.index:
        shades = shades_for(atlas, [(tp_id, "right")])
        boxes = pdraw.vertex_count(_box_rings(atlas, shades))
        smooth = pdraw.vertex_count(_smooth_rings(atlas, shades))
        total_boxes += boxes
        total_smooth += smooth
        if len(_box_rings(atlas, shades)) >= 4:
            fewer.append(smooth < boxes)
    assert total_smooth < 0.75 * total_boxes
    assert sum(fewer) >= 0.85 * len(fewer)


def test_smooth_shapes_stay_within_the_zones_and_cover_them(atlas):
    for tp_id in atlas.trigger_points.index:
        shades = shades_for(atlas, [(tp_id, "left")])
        union = shapely.union_all([Polygon(r) for r in _box_rings(atlas, shades)])
        smooth = shapely.union_all([Polygon(r) for r in _smooth_rings(atlas, shades)])
        assert smooth.difference(union.buffer(pdraw.ROUND)).area < 0.01, tp_id
        assert smooth.intersection(union).area > 0.8 * union.area, tp_id


def test_each_connected_area_is_one_outline(atlas):
    """The zones of a level merge into one shape per connected area: never boxes, never a bridge
    across unshaded skin between two areas."""
    rings_total = shapes_total = 0
    for tp_id in ("upper_trapezius", "gluteus_minimus", "scalenes", "infraspinatus"):
        shades = shades_for(atlas, [(tp_id, "right")])
        for level in ("essential", "spillover"):
            chosen = tuple(sorted((s for s in shades if s.level == level), key=lambda s: (s.zone, s.side)))
            for view in pdraw.views(atlas):
                rings = [
                    r
                    for f in atlas.features
                    if f.view == view and any(shade_matches(f, s) for s in chosen)
                    for r in f.rings
                ]
                if not rings:
                    continue
                parts = shapely.union_all([Polygon(r).buffer(0.01) for r in rings])
                got = pdraw._level_rings(atlas, view, chosen)
                assert len(got) == len(getattr(parts, "geoms", [parts])), (tp_id, level, view)
                rings_total += len(rings)
                shapes_total += len(got)
    assert shapes_total < rings_total


def test_pattern_traces_are_stippled_spillover_under_solid_essential(atlas):
    traces = pdraw.pattern_traces(atlas, shades_for(atlas, [("infraspinatus", "right")]))
    assert [t.name for t in traces] == ["shade-spillover", "shade-essential"]
    assert traces[0].fillpattern.shape == "." and traces[1].fillpattern.shape is None
    assert all(t.line.shape == "spline" for t in traces)


def test_the_pattern_figure_draws_the_smooth_shapes(atlas):
    picks = [("upper_trapezius", "right")]
    shades = shades_for(atlas, picks)
    fig = pattern_figure(shades, marks_for(atlas, picks), FOLDER)
    drawn = [t for t in fig.data if t.name == "shade-essential"]
    assert len(drawn) == 1
    xs = [x for x in drawn[0].x if x is not None]
    assert len(xs) == sum(len(r) for r in pdraw.level_rings(atlas, shades, "essential"))


# ---------------------------------------------------------------- both sides
def test_bilateral_patterns_shade_both_sides(atlas):
    tps = atlas.trigger_points.copy()
    tps["referral_sides"] = "same"
    tps.loc["multifidus_sacral", "referral_sides"] = "both"
    both = dataclasses.replace(atlas, trigger_points=tps)
    for data, sides in ((both, {"left", "right"}), (atlas, {"right"})):
        shades = shades_for(data, [("multifidus_sacral", "right")])
        assert {s.side for s in shades} == sides
    one_side = shades_for(both, [("multifidus", "right")])
    assert {s.side for s in one_side} == {"right"}
    # drawn: the back view's shading reaches both sides of the spine (x = 90)
    rings = pdraw.level_rings(both, shades_for(both, [("multifidus_sacral", "right")]), "spillover")
    xs = [x for r in rings for x, y in r if y > 60]
    assert min(xs) < 88 and max(xs) > 92


def test_a_missing_or_odd_referral_sides_value_means_the_same_side(atlas):
    assert pdraw.referral_sides(atlas, "soleus") == "same"
    tps = atlas.trigger_points.copy()
    tps["referral_sides"] = "sometimes"
    odd = dataclasses.replace(atlas, trigger_points=tps)
    assert pdraw.pattern_sides(odd, "soleus", "left") == ("left",)


# ---------------------------------------------------------------- muscle outlines
def test_every_outline_lies_inside_the_body_of_its_view(atlas, outlines):
    for o in outlines:
        body = pdraw.body_shape(atlas, o.view)
        assert body.buffer(0.05).contains(Polygon(o.ring)), f"{o.muscle} ({o.view}, {o.side})"


def test_every_outline_names_a_muscle_its_points_and_sources(atlas, outlines):
    tps = atlas.trigger_points
    for o in outlines:
        points = set(tps.index[tps["muscle"] == o.muscle])
        assert points, o.muscle
        assert set(o.tp_ids) == points, o.muscle
        assert o.source_ids and set(o.source_ids) <= set(atlas.sources.index), o.muscle


def test_at_least_40_muscles_have_outlines_on_both_sides(outlines):
    sides: dict[str, set[str]] = {}
    for o in outlines:
        sides.setdefault(o.muscle, set()).add(o.side)
    assert len([m for m, s in sides.items() if s == {"left", "right"}]) >= 40
    wanted = {"Upper trapezius", "Infraspinatus", "Gluteus minimus", "Soleus", "Masseter", "Scalenes"}
    assert wanted <= set(sides)
    assert {o.depth for o in outlines} == {"superficial", "deep"}


def test_the_left_outline_mirrors_the_right(atlas, outlines):
    by_key = {(o.muscle, o.view, o.side): Polygon(o.ring) for o in outlines}
    for (muscle, view, side), right in by_key.items():
        if side == "right":
            left = by_key[(muscle, view, "left")]
            assert left.area == pytest.approx(right.area, rel=0.15), muscle


def test_most_trigger_points_sit_on_their_muscle(atlas, outlines):
    """The X (at its zone's label point) lies on, or within a unit of, its muscle's outline."""
    on = off = 0
    for tp_id in atlas.trigger_points.index:
        mine = [o for o in outlines if tp_id in o.tp_ids and o.side == "right"]
        views = {o.view for o in mine}
        for mark in marks_for(atlas, [(tp_id, "right")]):
            near = [o for o in mine if Polygon(o.ring).buffer(1.0).contains(Point(mark.x, mark.y))]
            view_of_mark = [v for v in views if pdraw.body_shape(atlas, v).contains(Point(mark.x, mark.y))]
            if view_of_mark:
                on, off = (on + 1, off) if near else (on, off + 1)
    assert on >= 0.85 * (on + off)  # 147 of 166 (88.6 %) with the 56 new trigger points; see the note


def test_the_pattern_figure_draws_the_muscle_dashed_when_deep(atlas):
    for tp_id, depth, dash in (("infraspinatus", "superficial", "solid"), ("scalenes", "deep", "dash")):
        picks = ((tp_id, "left"),)
        fig = pattern_figure(shades_for(atlas, picks), marks_for(atlas, picks), FOLDER, "whole", picks)
        drawn = [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("role") == "muscle-outline"]
        assert drawn, tp_id
        assert {t.meta["depth"] for t in drawn} == {depth}
        assert {t.line.dash for t in drawn} == {dash}
        names = [t.name for t in fig.data]
        assert names.index(drawn[-1].name) < names.index("trigger-point-halo")
        # on the picked side only: the left side is the viewer's right in the front view
        xs = [x for t in drawn for x in t.x if x is not None]
        assert all(x > 0 for x in xs) or all(x < 90 for x in xs)


def test_the_outline_is_drawn_only_where_the_x_is(atlas, outlines):
    """Gluteus minimus is outlined front and back; its posterior point's X is not on the front."""
    assert {"front", "back"} <= {o.view for o in outlines if o.muscle == "Gluteus minimus"}
    for tp_id, side in (("gluteus_minimus", "right"), ("gluteus_minimus_anterior", "left")):
        zone = atlas.trigger_points.at[tp_id, "location_zone"]
        with_x = {f.view for f in atlas.features if f.zone == zone}
        chosen = pdraw.outlines_for(outlines, atlas, [(tp_id, side)])
        assert chosen and {o.side for o in chosen} == {side}
        assert {o.view for o in chosen} == with_x & {
            o.view for o in outlines if o.muscle == "Gluteus minimus"
        }
    posterior = pdraw.outlines_for(outlines, atlas, [("gluteus_minimus", "right")])
    assert "front" not in {o.view for o in posterior}


def test_no_outline_without_picks(atlas):
    """The quiz draws patterns without naming the muscle: no outline gives the answer away."""
    picks = [("infraspinatus", "right")]
    fig = pattern_figure(shades_for(atlas, picks), (), FOLDER)
    assert not [t for t in fig.data if isinstance(t.meta, dict)]


def test_a_broken_outline_file_is_named(tmp_path):
    (tmp_path / "muscle_outlines.geojson").write_text('{"features": [{"properties": {}}]}', encoding="utf-8")
    with pytest.raises(DataError, match=r"muscle_outlines\.geojson"):
        pdraw.load_muscle_outlines(tmp_path)
    (tmp_path / "muscle_outlines.geojson").write_text("not json", encoding="utf-8")
    pdraw._load_outlines.cache_clear()
    with pytest.raises(DataError, match="valid outline collection"):
        pdraw.load_muscle_outlines(tmp_path)
    assert pdraw.load_muscle_outlines(tmp_path / "nowhere") == ()


def _tool():
    spec = importlib.util.spec_from_file_location(
        "build_muscle_outlines", ROOT / "tools" / "build_muscle_outlines.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_outline_file_is_built_from_the_description(atlas):
    """data/muscle_outlines.geojson is what tools/build_muscle_outlines.py makes of its description."""
    tool = _tool()
    with (ROOT / "tools" / "muscle_outlines.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    built = tool.build(atlas, rows)
    stored = json.loads((PACKAGED_DATA / "muscle_outlines.geojson").read_text(encoding="utf-8"))
    assert built == stored
    for row in rows:
        assert split_list(row["source_ids"])


def test_the_tool_rejects_an_unknown_muscle_or_zone(atlas):
    tool = _tool()
    row = {"muscle": "Deltoid", "views": "front", "depth": "deep", "shape": "band", "width": "2",
           "anchors": "nowhere@0.5:0.5 upper_arm_front@0.5:0.5", "source_ids": "openstax_ap_2e"}  # fmt: skip
    with pytest.raises(tool.DescriptionError, match="nowhere"):
        tool.build(atlas, [row])
    with pytest.raises(tool.DescriptionError, match=r"not in data/trigger_points\.csv"):
        tool.build(atlas, [{**row, "muscle": "Musculus imaginarius"}])


def test_the_handout_draws_only_the_whole_body_x_marks(atlas, monkeypatch):
    """The PDF draws the whole body (front, back, soles); an X of a side view would land on the text."""
    from datetime import date

    from tpatlas import handout
    from tpatlas import plan as pl
    from tpatlas.clinic_data import clinic_tables

    drawn: list = []
    monkeypatch.setattr(handout, "_draw_marks", lambda pdf, marks, at: drawn.extend(marks))
    picks = [pl.Pick("upper_trapezius", "right"), pl.Pick("soleus", "left")]
    assert any(m.x > handout.WHOLE.x[1] for m in marks_for(atlas, [(p.tp_id, p.side) for p in picks]))
    screening, aftercare = clinic_tables()
    plan = pl.new_plan(atlas, picks, date(2025, 6, 2), None)
    handout.build_handout(atlas, plan, [], aftercare, screening, prepared=date(2025, 5, 30))
    assert drawn and all(handout.WHOLE.x[0] <= m.x <= handout.WHOLE.x[1] for m in drawn)
