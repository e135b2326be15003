"""Plain words first: clinical terms with a lay name beside them, and the guidance said once."""

from __future__ import annotations

import pytest

from tpatlas.conditions import condition_tables, load_plain_names
from tpatlas.data import PACKAGED_DATA, DataError, split_list
from tpatlas.lookups import readable, shared_guidance, trigger_points_in


def test_a_clinical_term_comes_with_its_plain_name_first():
    conditions = condition_tables(PACKAGED_DATA)[0]
    assert conditions.plain_words("cervical radiculopathy") == (
        "pinched nerve in the neck (cervical radiculopathy)"
    )
    assert conditions.plain_words("toothache") == "toothache"  # already plain: left alone
    assert conditions.plain_words("no such thing") == "no such thing"


def test_every_clinical_mimic_has_a_plain_name(atlas):
    conditions = condition_tables(PACKAGED_DATA)[0]
    plain_already = {
        "migraine", "toothache", "earache", "indigestion", "ankle sprain", "kidney pain", "calf cramp",
        "headache behind the eye", "heart palpitations", "knee pain", "low back pain", "stiff neck",
    }  # fmt: skip
    terms = {m for v in atlas.trigger_points["mimics"] for m in split_list(v)}
    missing = sorted(t for t in terms - plain_already if conditions.plain_words(t) == t)
    assert missing == []


def test_unknown_condition_in_plain_names_is_named(tmp_path):
    (tmp_path / "plain_names.csv").write_text("condition,plain_name,source_ids\nnope,x,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"plain_names.csv.*line 2.*unknown condition 'nope'"):
        load_plain_names(tmp_path, {"sciatica"})


def test_tables_name_the_point_and_use_plain_words(atlas):
    conditions = condition_tables(PACKAGED_DATA)[0]
    shown = readable(atlas, trigger_points_in(atlas, "shoulder"), conditions)
    assert shown.at["deltoid_middle", "muscle"] == "Deltoid, point 2 of 3"
    assert "(bicipital tendinopathy)" in " ".join(shown["mimics"])


def test_guidance_is_said_once_only_when_every_row_agrees(atlas):
    rows = trigger_points_in(atlas, "shoulder")
    assert shared_guidance(rows) is not None
    changed = rows.copy()
    changed.iloc[0, changed.columns.get_loc("sessions")] = "2-4 sessions"
    assert shared_guidance(changed) is None
    assert shared_guidance(rows.iloc[0:0]) is None
