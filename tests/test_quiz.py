"""Quiz sets: reproducible from a seed, valid answers, no repeats, fair scoring."""

from __future__ import annotations

import pytest

from tpatlas.conditions import condition_tables, mimickers
from tpatlas.data import split_list
from tpatlas.quiz import KINDS, Question, make_set, points


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
            assert len(q.options) == 4 and q.answer == (tps.at[q.subject, "muscle"],)
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


def test_scoring_exact_and_partial():
    single = Question("pattern", "x", "?", ("A", "B", "C", "D"), ("B",))
    assert points(single, ["B"]) == 1.0 and points(single, ["A"]) == 0.0
    multi = Question("zones", "x", "?", ("a", "b", "c", "d"), ("a", "b"))
    assert points(multi, ["a", "b"]) == 1.0
    assert points(multi, ["a"]) == 0.5  # one missed
    assert points(multi, ["a", "c"]) == 0.33  # one missed, one wrong
    assert points(multi, ["a", "b", "c", "d"]) == 0.5  # ticking everything does not pay
    assert points(multi, []) == 0.0


def test_small_atlas_gives_a_shorter_set_not_an_error(atlas, conditions):
    qs = make_set(atlas, conditions, 3, size=200)
    assert len({(q.kind, q.subject) for q in qs}) == len(qs) > 9
