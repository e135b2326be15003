"""Quiz sets: reproducible from a seed, valid answers, no repeats, fair scoring."""

from __future__ import annotations

import pytest

from tpatlas.conditions import condition_tables, mimickers
from tpatlas.data import split_list
from tpatlas.quiz import (
    KINDS,
    Question,
    condition_area,
    explanation,
    make_set,
    muscle_regions,
    muscle_zones,
    pattern_links,
    points,
    points_text,
)


@pytest.fixture(scope="module")
def conditions():
    return condition_tables()[0]


SEEDS = range(40)


def test_same_seed_same_set_other_seed_other_set(atlas, conditions):
    assert make_set(atlas, conditions, 7) == make_set(atlas, conditions, 7)
    assert make_set(atlas, conditions, 7) != make_set(atlas, conditions, 8)


@pytest.mark.parametrize("seed", SEEDS)
def test_no_repeats_within_a_set(atlas, conditions, seed):
    qs = make_set(atlas, conditions, seed)
    assert len(qs) == 9
    assert [q.kind for q in qs] == list(KINDS) * 3
    assert len({(q.kind, q.subject) for q in qs}) == len(qs)
    muscles = [atlas.trigger_points.at[q.subject, "muscle"] for q in qs if q.kind != "mimics"]
    assert len(set(muscles)) == len(muscles), "a muscle is the subject of two questions"


@pytest.mark.parametrize("seed", SEEDS)
def test_answers_are_valid_and_among_the_options(atlas, conditions, seed):
    tps = atlas.trigger_points
    for q in make_set(atlas, conditions, seed):
        assert set(q.answer) <= set(q.options)
        assert len(set(q.options)) == len(q.options)
        assert q.side in ("right", "left")
        if q.kind == "pattern":
            assert 3 <= len(q.options) <= 4 and q.answer == (tps.at[q.subject, "muscle"],)
            ess = set(split_list(tps.at[q.subject, "essential_zones"]))
            for other in set(q.options) - set(q.answer):
                rows = tps[tps["muscle"] == other]
                assert all(set(split_list(e)) != ess for e in rows["essential_zones"]), "two right answers"
        elif q.kind == "zones":
            assert set(q.answer) == set(split_list(tps.at[q.subject, "essential_zones"]))
            assert set(q.options) <= set(atlas.zones)
        else:
            mimic = {tps.at[t, "muscle"] for t in mimickers(atlas, conditions, q.subject)}
            assert set(q.answer) <= mimic
            assert not (set(q.options) - set(q.answer)) & mimic, "a right muscle offered as wrong"


def test_scoring_in_whole_and_half_points():
    single = Question("pattern", "x", "?", ("A", "B", "C", "D"), ("B",))
    assert points(single, ["B"]) == 1.0 and points(single, ["A"]) == 0.0
    multi = Question("zones", "x", "?", ("a", "b", "c", "d", "e", "f"), ("a", "b"))
    assert points(multi, ["a", "b"]) == 1.0
    assert points(multi, ["a"]) == 0.5  # one missed: half of it right
    assert points(multi, ["a", "b", "c"]) == 0.5  # one wrong pick: still two thirds right
    assert points(multi, ["a", "c"]) == 0.0  # one missed and one wrong: a third right
    assert points(multi, list("abcdef")) == 0.0  # ticking everything does not pay
    assert points(multi, []) == 0.0


@pytest.mark.parametrize(
    ("value", "text"), [(7, "7"), (6.5, "6½"), (0.5, "½"), (0, "0"), (9.0, "9"), (1.5, "1½")]
)
def test_points_are_written_plainly(value, text):
    assert points_text(value) == text


def _near(atlas, q, conditions) -> tuple[set[str], set[str]]:
    """The regions and zones a question's subject belongs to."""
    tps = atlas.trigger_points
    if q.kind == "mimics":
        zones, regions = condition_area(atlas, conditions, q.subject)
        return regions, zones
    zones = set(split_list(tps.at[q.subject, "essential_zones"])) | set(
        split_list(tps.at[q.subject, "spillover_zones"])
    )
    return {tps.at[q.subject, "region"]}, zones


@pytest.mark.parametrize("seed", range(200))
def test_no_distractor_from_another_body_area(atlas, conditions, seed):
    """Wrong options share the subject's region, or its pattern (the look-alike family)."""
    by_region, by_zone = muscle_regions(atlas), muscle_zones(atlas)
    for q in make_set(atlas, conditions, seed):
        regions, zones = _near(atlas, q, conditions)
        pattern_regions = {atlas.zones[z].region for z in zones if z in atlas.zones}
        for option in set(q.options) - set(q.answer):
            if q.kind == "zones":
                assert atlas.zones[option].region in pattern_regions, (q.subject, option)
            else:
                assert by_region[option] & regions or by_zone[option] & zones, (q.subject, option)


def test_a_jaw_muscle_is_never_offered_the_achilles(atlas, conditions):
    jaw = set(atlas.trigger_points.index[atlas.trigger_points["region"] == "jaw"])
    seen = 0
    for seed in range(200):
        for q in make_set(atlas, conditions, seed, region="jaw"):
            seen += q.subject in jaw
            assert "achilles" not in q.options and "Soleus" not in q.options
    assert seen > 100


@pytest.mark.parametrize("region", ["back", "arm", "head"])
def test_a_region_mode_drills_that_region(atlas, conditions, region):
    tps = atlas.trigger_points
    qs = make_set(atlas, conditions, 5, region=region)
    assert qs
    for q in qs:
        if q.kind == "mimics":
            assert region in condition_area(atlas, conditions, q.subject)[1]
        else:
            assert tps.at[q.subject, "region"] == region


@pytest.mark.parametrize("kind", KINDS)
def test_a_kind_mode_asks_only_that_kind(atlas, conditions, kind):
    qs = make_set(atlas, conditions, 5, kinds=(kind,))
    assert len(qs) == 9 and {q.kind for q in qs} == {kind}


def test_feedback_says_why_from_the_data_and_links_the_pattern(atlas, conditions):
    tps = atlas.trigger_points
    for q in make_set(atlas, conditions, 12):
        why = explanation(atlas, conditions, q)
        links = pattern_links(atlas, q)
        if q.kind == "mimics":
            assert why == conditions.table.at[q.subject, "summary"]
            assert [m for m, _ in links] == list(q.answer)
            assert all(tps.at[t, "muscle"] == m for m, t in links)
        else:
            assert why.startswith(tps.at[q.subject, "referred_pain"])
            assert "Its trigger point lies" in why
            assert links == [(tps.at[q.subject, "muscle"], q.subject)]
        assert 1 <= why.count(". ") + 1 <= 3


def test_small_atlas_gives_a_shorter_set_not_an_error(atlas, conditions):
    qs = make_set(atlas, conditions, 3, size=200)
    assert len({(q.kind, q.subject) for q in qs}) == len(qs) > 9
