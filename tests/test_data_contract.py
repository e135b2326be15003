"""The data files keep their contract, and each kind of breakage gets a precise message."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from tpatlas.data import DataError, load_atlas_from, split_list
from tpatlas.lookups import region_counts

REQUIRED_REGIONS = {"neck", "back", "jaw", "shoulder", "hip", "buttock", "leg", "heel", "head", "arm"}


def test_regions_cover_the_treatable_areas(atlas):
    assert set(atlas.regions.index) >= REQUIRED_REGIONS


def test_dataset_size(atlas):
    tps = atlas.trigger_points
    assert tps["muscle"].str.lower().nunique() >= 45
    assert len(atlas.zones) >= 40


def test_every_region_has_three_lying_and_three_referring(atlas):
    counts = region_counts(atlas)
    thin = counts[(counts["lying_in"] < 3) | (counts["referring_in"] < 3)]
    assert thin.empty, f"regions with too few trigger points:\n{thin}"


def test_every_row_cites_a_known_source(atlas):
    known = set(atlas.sources.index)
    for tp_id, ids in atlas.trigger_points["source_ids"].items():
        cited = split_list(ids)
        assert cited and set(cited) <= known, tp_id


def test_sessions_are_the_cited_guidance_not_invented(atlas):
    """The sources give only general guidance; rows must say so rather than invent figures."""
    tps = atlas.trigger_points
    assert (tps["sessions_min"].astype(int) <= tps["sessions_max"].astype(int)).all()
    assert tps["sessions_note"].str.contains("guidance", case=False).all()


def test_text_has_no_markup(atlas):
    tag = re.compile(r"<[a-zA-Z/!]")
    for col in ("trigger_point", "local_pain", "referred_pain", "cautions", "mimics", "aliases"):
        bad = atlas.trigger_points[atlas.trigger_points[col].str.contains(tag)]
        assert bad.empty, f"markup in {col}: {list(bad.index)}"


# ---------------------------------------------------------------- broken copies
def _rewrite_csv(path: Path, edit) -> None:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)


def _set_cell(rows: list[list[str]], row: int, column: str, value: str) -> None:
    rows[row][rows[0].index(column)] = value


def _expect(data_copy: Path, file: str, pattern: str, line: int | None = None) -> DataError:
    with pytest.raises(DataError) as info:
        load_atlas_from(data_copy)
    err = info.value
    assert err.file == file
    assert re.search(pattern, err.problem), err.problem
    if line is not None:
        assert err.line == line
        assert f"line {line}" in str(err)
    return err


def test_missing_column(data_copy):
    def drop(rows):
        i = rows[0].index("referred_pain")
        for r in rows:
            del r[i]

    _rewrite_csv(data_copy / "trigger_points.csv", drop)
    _expect(data_copy, "data/trigger_points.csv", r"missing column.*referred_pain", line=1)


def test_duplicate_tp_id(data_copy):
    def dup(rows):
        _set_cell(rows, 3, "tp_id", rows[1][rows[0].index("tp_id")])

    _rewrite_csv(data_copy / "trigger_points.csv", dup)
    _expect(data_copy, "data/trigger_points.csv", r"duplicate tp_id .*first on line 2", line=4)


def test_unknown_region(data_copy):
    _rewrite_csv(data_copy / "trigger_points.csv", lambda rows: _set_cell(rows, 2, "region", "elbowz"))
    _expect(data_copy, "data/trigger_points.csv", r"unknown region 'elbowz'", line=3)


def test_unknown_zone(data_copy):
    _rewrite_csv(
        data_copy / "trigger_points.csv", lambda rows: _set_cell(rows, 5, "spillover_zones", "calf;kneee")
    )
    _expect(data_copy, "data/trigger_points.csv", r"unknown zone 'kneee' in spillover_zones", line=6)


def test_unknown_source(data_copy):
    _rewrite_csv(
        data_copy / "trigger_points.csv", lambda rows: _set_cell(rows, 7, "source_ids", "nobody_2099")
    )
    _expect(data_copy, "data/trigger_points.csv", r"unknown source 'nobody_2099'", line=8)


def test_row_without_source(data_copy):
    _rewrite_csv(data_copy / "trigger_points.csv", lambda rows: _set_cell(rows, 4, "source_ids", " "))
    _expect(data_copy, "data/trigger_points.csv", r"cites no source", line=5)


def test_sessions_min_above_max(data_copy):
    def flip(rows):
        _set_cell(rows, 2, "sessions_min", "4")
        _set_cell(rows, 2, "sessions_max", "2")

    _rewrite_csv(data_copy / "trigger_points.csv", flip)
    _expect(data_copy, "data/trigger_points.csv", r"sessions_min 4 is above sessions_max 2", line=3)


def test_sessions_not_a_number(data_copy):
    _rewrite_csv(data_copy / "trigger_points.csv", lambda rows: _set_cell(rows, 2, "sessions_max", "a few"))
    _expect(data_copy, "data/trigger_points.csv", r"sessions_max 'a few' is not a whole number", line=3)


def test_duplicate_region(data_copy):
    _rewrite_csv(data_copy / "regions.csv", lambda rows: _set_cell(rows, 2, "region", "head"))
    _expect(data_copy, "data/regions.csv", r"duplicate region 'head'", line=3)


def test_duplicate_source(data_copy):
    _rewrite_csv(data_copy / "sources.csv", lambda rows: _set_cell(rows, 2, "source_id", rows[1][0]))
    _expect(data_copy, "data/sources.csv", r"duplicate source_id", line=3)


def test_source_url_must_be_https(data_copy):
    _rewrite_csv(data_copy / "sources.csv", lambda rows: _set_cell(rows, 1, "url", "javascript:alert(1)"))
    _expect(data_copy, "data/sources.csv", r"must start with https://", line=2)


def _edit_geojson(path: Path, edit) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_polygon_not_closed(data_copy):
    def open_ring(doc):
        geom = doc["features"][4]["geometry"]
        ring = geom["coordinates"][0] if geom["type"] == "Polygon" else geom["coordinates"][0][0]
        ring[-1] = [ring[-1][0] + 1.0, ring[-1][1]]

    _edit_geojson(data_copy / "body_map.geojson", open_ring)
    _expect(data_copy, "data/body_map.geojson", r"not closed", line=5)


def test_feature_unknown_region(data_copy):
    def bad_region(doc):
        doc["features"][0]["properties"]["region"] = "tail"

    _edit_geojson(data_copy / "body_map.geojson", bad_region)
    _expect(data_copy, "data/body_map.geojson", r"unknown region 'tail'", line=1)


def test_feature_bad_view(data_copy):
    _edit_geojson(data_copy / "body_map.geojson", lambda d: d["features"][2]["properties"].update(view="top"))
    _expect(data_copy, "data/body_map.geojson", r"view 'top' is not one of front, back, side, sole", line=3)


def test_geojson_not_json(data_copy):
    (data_copy / "body_map.geojson").write_text("{not json", encoding="utf-8")
    _expect(data_copy, "data/body_map.geojson", r"not valid JSON")


def test_missing_file(data_copy):
    (data_copy / "regions.csv").unlink()
    _expect(data_copy, "data/regions.csv", r"file is missing")
