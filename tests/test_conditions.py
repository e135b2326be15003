"""conditions.csv and red_flags.csv keep their contract; broken copies get precise messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tpatlas.conditions import condition_tables, mimickers, normalize, unknown_mimics
from tpatlas.data import DataError, split_list


@pytest.fixture(scope="module")
def tables():
    return condition_tables()


def test_every_mimics_value_names_a_condition(atlas, tables):
    assert unknown_mimics(atlas, tables[0]) == []


def test_lay_complaints_are_there(tables):
    conditions = tables[0]
    for word in ("sciatica", "TMJ", "plantar fasciitis", "headache behind the eye", "stiff neck"):
        assert conditions.resolve(word), word


def test_every_row_cites_a_known_source_and_real_zones(atlas, tables):
    known = set(atlas.sources.index)
    conditions, flags = tables
    for table in (conditions.table, flags):
        for ids in table["source_ids"]:
            assert split_list(ids) and set(split_list(ids)) <= known
    for zones in conditions.table["zones"]:
        assert set(split_list(zones)) <= set(atlas.zones)


def test_red_flags_say_not_a_diagnosis_and_list_the_warnings(tables):
    flags = tables[1]
    assert (flags["kind"] == "statement").sum() == 1
    assert "not a diagnosis" in flags.loc[flags["kind"] == "statement", "text"].iloc[0]
    text = " ".join(flags.loc[flags["kind"] == "red_flag", "text"]).lower()
    for word in ("fever", "numbness", "chest pain", "bladder", "weight loss", "fall", "calf"):
        assert word in text, word


def test_mimickers(atlas, tables):
    found = {atlas.trigger_points.at[t, "muscle"] for t in mimickers(atlas, tables[0], "sciatica")}
    assert "Piriformis" in found


def test_normalize():
    assert normalize("De Quervain's  Tenosynovitis") == "de quervains tenosynovitis"
    assert normalize("Tension-type headache") == "tension type headache"


def _broken(data_copy: Path, file: str, old: str, new: str) -> DataError:
    path = data_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        condition_tables(data_copy)
    return info.value


@pytest.mark.parametrize(
    ("file", "old", "new", "pattern"),
    [
        ("conditions.csv", "temple;eye;forehead", "temple;eyes", r"unknown zone 'eyes'"),
        ("conditions.csv", "travell_1992;seed_gundersen", "nobody_2000", r"unknown source 'nobody_2000'"),
        ("conditions.csv", "sick headache;", "sciatica;", r"(?i)'sciatica' names both 'migraine'"),
        (
            "conditions.csv",
            ",no,simons_1999;seed_gundersen",
            ",maybe,simons_1999;seed_gundersen",
            "yes or no",
        ),
        ("red_flags.csv", "fever,red_flag", "fever,warning", r"kind 'warning'"),
    ],
)
def test_broken_copies(data_copy, file, old, new, pattern):
    err = _broken(data_copy, file, old, new)
    assert err.file == f"data/{file}"
    assert re.search(pattern, err.problem), err.problem
    assert err.line is not None and err.line > 1
