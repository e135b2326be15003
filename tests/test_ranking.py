"""The pain finder's ranking, pinned on hand-made cases and checked on the whole dataset."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from bench.finder_check import TOP, load_presentations, position, top_rate
from tests.conftest import ROOT
from tpatlas.data import split_list
from tpatlas.ranking import muscle_position, rank, sides_text, zone_labels

LABELS = {"temple": "Temple", "jaw_angle": "Angle of the jaw", "occiput": "Base of the skull", "eye": "Eye"}


def frame(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """A tiny trigger-point table: (tp_id, muscle, essential zones, spillover zones)."""
    df = pd.DataFrame(rows, columns=["tp_id", "muscle", "essential_zones", "spillover_zones"])
    return df.set_index("tp_id", drop=False)


TPS = frame(
    ("g_one_spill", "Golf", "", "temple"),
    ("e_one_essential", "Echo", "occiput", ""),
    ("c_three_spill", "Charlie", "", "temple;jaw_angle;occiput"),
    ("a_two_essential", "Alpha", "temple;jaw_angle", ""),
    ("f_unrelated", "Foxtrot", "eye", ""),
    ("d_one_essential", "Delta", "jaw_angle", "eye"),
    ("b_one_each", "Bravo", "temple", "occiput"),
)
MARKED = [("temple", "right"), ("jaw_angle", "right"), ("occiput", "left")]


def test_order_on_a_hand_made_case():
    got = rank(TPS, MARKED, LABELS)
    # explains (marked zones it accounts for, spillover half) and fits (its pattern inside the
    # marked zones) combine as an F2 mean: explaining several areas together comes first
    assert [c.tp_id for c in got] == [
        "a_two_essential",  # explains 2/3, its whole pattern marked
        "b_one_each",  # explains 1.5/3, whole pattern marked
        "c_three_spill",  # explains 1.5/3 by spillover alone, whole pattern marked
        "e_one_essential",  # explains 1/3, whole pattern marked
        "d_one_essential",  # explains 1/3, half its pattern marked
        "g_one_spill",
    ]
    assert [c.rank for c in got] == sorted(c.rank for c in got)
    assert all(0 < c.score <= 1 for c in got)
    assert "f_unrelated" not in {c.tp_id for c in got}


def test_specificity_breaks_what_coverage_alone_would_tie():
    tps = frame(
        ("wide", "Wide", "temple;eye;cheek;forehead;occiput", ""),
        ("narrow", "Narrow", "temple", ""),
        ("spill", "Spill", "", "temple"),
    )
    got = rank(tps, [("temple", "left")], LABELS)
    assert [c.tp_id for c in got] == ["narrow", "wide", "spill"]
    assert not any(c.tied for c in got)
    assert got[0].fits == 1 and got[1].fits == 0.2
    assert "more of its pattern lies in your areas" in got[0].above
    assert "Your areas cover 1 of the 5 areas of its pattern" in got[1].why


def test_essential_outranks_spillover_on_the_same_zones():
    tps = frame(("spill", "Spill", "", "temple;eye"), ("ess", "Ess", "temple;eye", ""))
    got = rank(tps, [("temple", "right"), ("eye", "right")], LABELS)
    assert [c.tp_id for c in got] == ["ess", "spill"]
    assert got[0].strength == "strong" and got[1].strength == "weak"
    assert got[0].explains == 1 and got[1].explains == 0.5


def test_ties_only_when_truly_alike():
    tps = frame(
        ("x", "Xray", "temple", "eye"),
        ("y", "Yankee", "temple", "cheek"),  # the same shape of match: tied with x
        ("z", "Zulu", "temple", "eye;cheek"),  # a larger pattern: below them
    )
    got = rank(tps, [("temple", "right")], LABELS)
    assert [(c.tp_id, c.rank, c.tied) for c in got] == [("x", 1, True), ("y", 1, True), ("z", 3, False)]
    assert got[0].match == "Strong match, tied"
    assert got[0].above == "" and got[1].above.startswith("Above the next (Zulu)")


def test_one_zone_covered_by_essential_is_a_strong_match():
    got = rank(TPS, [("eye", "left")], LABELS)
    assert [c.tp_id for c in got] == ["f_unrelated", "d_one_essential"]
    assert got[0].strength == "strong"
    assert got[0].why == "Refers strongly to the area you marked: eye. Its pattern is just this area."
    assert got[1].strength == "weak"


def test_sides_are_reported_not_ranked():
    got = {c.tp_id: c for c in rank(TPS, MARKED, LABELS)}
    assert got["a_two_essential"].sides == ("right",)
    assert got["b_one_each"].sides == ("left", "right")
    assert sides_text(got["b_one_each"].sides) == "right and left"
    assert sides_text(("midline",)) == "either side"
    # the same zone marked on both sides counts once
    both = rank(TPS, [("temple", "right"), ("temple", "left")], LABELS)
    assert both[0].explains == 1 and both[0].sides == ("left", "right")


def test_nothing_marked_gives_nothing():
    assert rank(TPS, [], LABELS) == []
    assert rank(TPS, [("nowhere", "left")], LABELS) == []


def test_whole_dataset_candidates_cover_the_marked_zones(atlas):
    marked = [
        ("temple", "right"),
        ("occiput", "right"),
        ("lower_back", "left"),
        ("calf", "left"),
        ("sternum", "midline"),
    ]
    got = rank(atlas.trigger_points, marked, zone_labels(atlas.zones))
    assert got and [c.rank for c in got] == sorted(c.rank for c in got)
    zones = {z for z, _ in marked}
    for c in got:
        rec = atlas.trigger_points.loc[c.tp_id]
        assert set(c.essential) == zones & set(split_list(rec["essential_zones"]))
        assert set(c.spillover) == zones & set(split_list(rec["spillover_zones"]))
    keys = [c.key for c in got]
    assert keys == sorted(keys, reverse=True)
    # equal keys share a rank, different keys never do
    for a, b in itertools.pairwise(got):
        assert (a.rank == b.rank) == (a.key == b.key)


def test_muscle_position_counts_ties_against_the_muscle():
    tps = frame(
        ("x", "Xray", "temple", "eye"), ("y", "Yankee", "temple", "cheek"), ("z", "Zulu", "temple", "")
    )
    got = rank(tps, [("temple", "right")], LABELS)
    assert muscle_position(got, "Zulu") == 1
    assert muscle_position(got, "Xray") == 3 and muscle_position(got, "Yankee") == 3
    assert muscle_position(got, "Nobody") is None


PRESENTATIONS = load_presentations()


def test_the_presentations_are_many_cited_and_on_kept_zones(atlas):
    kept = set(pd.read_csv(ROOT / "tools" / "zone_catalogue.csv")["zone"])
    assert len(PRESENTATIONS) >= 30
    for p in PRESENTATIONS:
        assert p.source_id in atlas.sources.index, p.text
        assert p.where.strip(), p.text
        assert set(p.zones) <= kept & set(atlas.zones), p.text
        assert p.muscle in set(atlas.trigger_points["muscle"]), p.text


@pytest.mark.parametrize("p", PRESENTATIONS, ids=[p.text for p in PRESENTATIONS])
def test_presentation_ranks_its_textbook_muscle_high(atlas, p):
    pos = position(atlas, p)
    # each one near the top; the aggregate below asks for the top 3 in 9 cases of 10
    assert pos is not None and pos <= 2 * TOP, f"{p.muscle} ranks {pos} ({p.source_id}, {p.where})"


def test_the_textbook_muscle_is_in_the_top_3_in_at_least_90_percent(atlas):
    hits, total, misses = top_rate(atlas)
    assert hits / total >= 0.9, [(p.text, p.muscle, pos) for p, pos in misses]


def test_a_trigger_point_in_a_marked_area_breaks_a_tie():
    tps = frame(("far", "Far", "temple", "eye"), ("near", "Near", "temple", "cheek"))
    tps["location_zone"] = ["occiput", "temple"]
    got = rank(tps, [("temple", "right")], LABELS)
    assert [(c.tp_id, c.rank, c.tied) for c in got] == [("near", 1, False), ("far", 2, False)]
    assert got[0].above == "Above the next (Far): it lies in an area you marked, where it also hurts locally."
    assert got[0].why.endswith("The trigger point itself lies in the temple.")
