"""Search by name, synonym and lay word, forgiving of case and small typos, to the right view."""

from __future__ import annotations

import pytest

from tpatlas.conditions import condition_tables
from tpatlas.search import build_index, describe, name_score, search, tokens


@pytest.fixture(scope="module")
def index(atlas):
    conditions, _flags = condition_tables()
    return build_index(atlas, conditions)


def top(index, query: str, n: int = 1) -> list[tuple[str, str]]:
    return [(h.entry.kind, h.entry.key) for h in search(index, query)[:n]]


@pytest.mark.parametrize(
    ("query", "kind", "key"),
    [
        ("sciatica", "condition", "sciatica"),
        ("TMJ", "condition", "tmj_disorder"),
        ("plantar fasciitis", "condition", "plantar_fasciitis"),
        ("headache behind the eye", "condition", "headache_behind_the_eye"),
        ("stiff neck", "condition", "stiff_neck"),
        ("Plantar Fasciitis", "condition", "plantar_fasciitis"),  # case
        ("sciatca", "condition", "sciatica"),  # a letter missing
        ("plantar fascitis", "condition", "plantar_fasciitis"),  # a common misspelling
        ("pain behind my eye", "condition", "headache_behind_the_eye"),  # lay phrasing
        ("neck", "region", "neck"),
        ("heel", "region", "heel"),
    ],
)
def test_conditions_and_regions_by_lay_word(index, query, kind, key):
    assert top(index, query) == [(kind, key)]


@pytest.mark.parametrize(
    ("query", "muscles"),
    [
        ("traps", {"Upper trapezius", "Middle trapezius", "Lower trapezius"}),
        ("trapezuis", {"Upper trapezius", "Middle trapezius", "Lower trapezius"}),  # transposed letters
        ("TRAPS", {"Upper trapezius", "Middle trapezius", "Lower trapezius"}),
        ("calf", {"Gastrocnemius", "Soleus"}),
        ("tennis elbow muscle", {"Extensor carpi radialis longus", "Extensor carpi radialis brevis"}),
        ("SCM", {"Sternocleidomastoid"}),
        ("glutes", {"Gluteus maximus", "Gluteus medius", "Gluteus minimus"}),
    ],
)
def test_muscles_by_synonym_and_typo(index, query, muscles):
    hits = search(index, query)
    first = [h.entry.label for h in hits if h.score == hits[0].score]
    assert hits[0].entry.kind == "muscle"
    assert muscles <= set(first), first


def test_muscle_hits_open_the_first_trigger_point(index, atlas):
    hit = next(h for h in search(index, "traps") if h.entry.label == "Upper trapezius")
    assert hit.entry.page == "pages/pattern.py"
    assert dict(hit.entry.params) == {"muscle": "upper_trapezius"}
    assert atlas.trigger_points.loc["upper_trapezius", "muscle"] == "Upper trapezius"
    assert describe(hit) == "Upper trapezius · muscle (matched 'traps')"


def test_conditions_open_the_finder_on_their_zones(index):
    hit = search(index, "sciatica")[0]
    assert hit.entry.page == "pages/finder.py"
    params = dict(hit.entry.params)
    assert params["condition"] == "sciatica"
    assert "back_of_thigh_outer" in params["zones"].split(",")


def test_zones_and_regions_have_their_views(index):
    zone = next(h for h in search(index, "calf") if h.entry.kind == "zone")
    assert (zone.entry.page, dict(zone.entry.params)) == ("pages/finder.py", {"zones": "calf"})
    region = search(index, "jaw")[0]
    assert (region.entry.page, dict(region.entry.params)) == ("pages/body_map.py", {"region": "jaw"})


@pytest.mark.parametrize("query", ["", " ", "x", "zzzzqqq", "<script>alert(1)</script>", "é" * 5000])
def test_nonsense_finds_nothing_and_does_not_fail(index, query):
    assert search(index, query) == []


def test_scores_and_words():
    assert tokens("Pain in my calf muscle") == ("calf",)
    assert name_score("calf", "calf") == 1.0
    assert name_score("stiff neck", "neck") < 0.5 < name_score("neck", "back of neck")
