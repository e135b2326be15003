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


# ---------------------------------------------------------------- provenance (issue 13)
MANUAL_REF = re.compile(r"^(Simons 1999 vol\. 1|Travell 1992 vol\. 2), ch\. \d+")


def test_every_pattern_names_its_figure_or_paper(atlas):
    from tpatlas.data import EVIDENCE_LEVELS, PATTERN_EVIDENCE

    for tp, rec in atlas.trigger_points.iterrows():
        ref = rec["figure_ref"]
        assert MANUAL_REF.match(ref) or "doi" in ref.lower(), (tp, ref)
        assert rec["evidence"] in PATTERN_EVIDENCE and EVIDENCE_LEVELS[rec["evidence"]], tp
        assert rec["referral_sides"] in ("same", "both"), tp


def test_every_row_has_a_review_status(atlas):
    checked = re.compile(r"^checked against .+ on \d{4}-\d{2}-\d{2}$")
    for tp, status in atlas.trigger_points["review_status"].items():
        assert checked.match(status) or re.match(r"^needs clinician review: \w", status), (tp, status)


def test_no_patient_page_is_cited_for_a_pattern(atlas):
    """A pattern's figure is the manual (cited in the row) or a paper; a patient page on a row is
    there only for the session guidance, which says so."""
    for tp, rec in atlas.trigger_points.iterrows():
        cited = split_list(rec["source_ids"])
        manual = {"Simons 1999 vol. 1": "simons_1999", "Travell 1992 vol. 2": "travell_1992"}
        named = manual.get(rec["figure_ref"].split(",")[0])
        assert named is None or named in cited, tp
        assert "seed_" not in rec["figure_ref"] and "patient" not in rec["figure_ref"].lower(), tp
        if any(s.startswith("seed_") for s in cited):
            assert "guidance" in rec["sessions_note"] and "patient-education" in rec["sessions_note"], tp


def test_every_source_has_a_link_or_says_why_not(atlas):
    for sid, row in atlas.sources.iterrows():
        assert row["url"].startswith("https://") or "No link:" in row["note"], sid
        if "doi.org/" in row["url"]:
            assert re.match(r"^https://doi\.org/10\.\d{4,}/\S+$", row["url"]), sid


def test_patterns_on_both_sides_are_marked(atlas):
    sides = atlas.trigger_points["referral_sides"]
    assert sides["rectus_abdominis"] == "both" and sides["rectus_abdominis_lower"] == "both"
    assert (sides == "same").sum() > len(sides) / 2


def test_review_log_covers_every_finding_of_the_review(atlas):
    from tpatlas.data import PACKAGED_DATA

    log = list(csv.DictReader((PACKAGED_DATA / "review_log.csv").open(encoding="utf-8")))
    logged = {r["tp_id"] for r in log}
    assert logged <= set(atlas.trigger_points.index), logged - set(atlas.trigger_points.index)
    review = {
        "longissimus_thoracis", "iliocostalis_thoracis_upper", "iliocostalis_thoracis", "multifidus",
        "multifidus_sacral", "semispinalis_capitis", "sternocleidomastoid", "masseter_lower", "supinator",
        "serratus_anterior", "iliopsoas", "temporalis", "temporalis_middle", "medial_pterygoid",
        "suboccipitals", "splenius_capitis", "splenius_cervicis", "splenius_cervicis_lower", "infraspinatus",
        "teres_major", "pectoralis_minor", "brachioradialis", "extensor_digitorum", "pronator_teres",
        "pectineus", "adductor_longus", "gracilis", "vastus_intermedius", "semitendinosus", "gastrocnemius",
        "fibularis_longus", "external_oblique_lower",
    }  # fmt: skip
    assert review <= logged, review - logged
    known = set(atlas.sources.index)
    for r in log:
        assert r["decision"] and set(split_list(r["source_ids"])) <= known, r["tp_id"]


@pytest.mark.parametrize(
    ("column", "value", "pattern"),
    [
        ("figure_ref", "a leaflet", r"figure_ref must name the manual"),
        ("figure_ref", "Travell 1992 vol. 2, ch. 4", r"source_ids lacks 'travell_1992'"),
        ("evidence", "my hunch", r"evidence 'my hunch' is not one of"),
        ("review_status", "fine", r"review_status must read"),
        ("referral_sides", "left", r"referral_sides must be same or both"),
    ],
)
def test_bad_provenance_is_refused_with_its_line(data_copy, column, value, pattern):
    _rewrite_csv(data_copy / "trigger_points.csv", lambda rows: _set_cell(rows, 3, column, value))
    _expect(data_copy, "data/trigger_points.csv", pattern, line=4)  # rows[3] is the file's 4th line
