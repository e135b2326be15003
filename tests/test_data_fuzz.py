"""Property-based: mutated data files either load or fail with the project's own error,
naming the file (and the line where there is one). Never any other exception."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_page
from tpatlas.data import PACKAGED_DATA, DataError, load_atlas_from

CSV_FILES = ["regions.csv", "sources.csv", "trigger_points.csv"]
JUNK = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


def _rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


@st.composite
def csv_mutation(draw):
    name = draw(st.sampled_from(CSV_FILES))
    kind = draw(
        st.sampled_from(["drop column", "blank cell", "duplicate id", "junk cell", "drop row", "extra cell"])
    )
    return name, kind, draw(st.integers(0, 10_000)), draw(st.integers(0, 10_000)), draw(JUNK)


def _mutate_csv(folder: Path, mutation) -> None:
    name, kind, a, b, junk = mutation
    rows = _rows(folder / name)
    header, body = rows[0], rows[1:]
    col, row = a % len(header), b % len(body)
    if kind == "drop column":
        for r in rows:
            del r[col]
    elif kind == "blank cell":
        body[row][col] = ""
    elif kind == "duplicate id":
        body[row][0] = body[(row + 1) % len(body)][0]
    elif kind == "junk cell":
        body[row][col] = junk
    elif kind == "drop row":
        del rows[1 + row]
    elif kind == "extra cell":
        body[row].append(junk)
    _write_rows(folder / name, rows)


@st.composite
def geojson_mutation(draw):
    kind = draw(
        st.sampled_from(
            [
                "truncate",
                "drop key",
                "junk zone",
                "junk region",
                "open ring",
                "junk coords",
                "not a list",
                "empty",
            ]
        )
    )
    return kind, draw(st.integers(0, 10_000)), draw(JUNK)


def _mutate_geojson(folder: Path, mutation) -> None:
    kind, a, junk = mutation
    path = folder / "body_map.geojson"
    text = path.read_text(encoding="utf-8")
    if kind == "truncate":
        path.write_text(text[: a % len(text)], encoding="utf-8")
        return
    doc = json.loads(text)
    feats = doc["features"]
    feat = feats[a % len(feats)]
    if kind == "drop key":
        del feat[["properties", "geometry", "type"][a % 3]]
    elif kind == "junk zone":
        feat["properties"]["zone"] = junk
    elif kind == "junk region":
        feat["properties"]["region"] = junk
    elif kind == "open ring":
        geom = feat["geometry"]
        ring = geom["coordinates"][0] if geom["type"] == "Polygon" else geom["coordinates"][0][0]
        ring.pop()
    elif kind == "junk coords":
        feat["geometry"]["coordinates"] = [[[junk, 1], [2, junk]]]
    elif kind == "not a list":
        doc["features"] = junk
    elif kind == "empty":
        feat["geometry"] = {}
    path.write_text(json.dumps(doc), encoding="utf-8")


def _check_loads_or_data_error(folder: Path) -> None:
    try:
        load_atlas_from(folder)
    except DataError as err:
        assert err.file.startswith("data/"), err
        assert err.problem
        assert str(err).startswith(err.file)


SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(csv_mutation())
def test_mutated_csv_loads_or_fails_cleanly(mutation):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(PACKAGED_DATA, folder)
        _mutate_csv(folder, mutation)
        _check_loads_or_data_error(folder)


@SETTINGS
@given(geojson_mutation())
def test_mutated_geojson_loads_or_fails_cleanly(mutation):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(PACKAGED_DATA, folder)
        _mutate_geojson(folder, mutation)
        _check_loads_or_data_error(folder)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(csv_mutation().map(lambda m: ("csv", m)), geojson_mutation().map(lambda m: ("geo", m))))
def test_app_shows_a_broken_file_as_a_readable_page(monkeypatch, mutation):
    kind, m = mutation
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(PACKAGED_DATA, folder)
        (_mutate_csv if kind == "csv" else _mutate_geojson)(folder, m)
        monkeypatch.setenv("TPATLAS_DATA_DIR", str(folder))
        at = run_page()
        assert not at.exception
        try:
            load_atlas_from(folder)
        except DataError as err:
            assert at.error and "could not be loaded" in at.error[0].value
            assert at.code[0].value.startswith(err.file)
        else:
            assert not at.error
