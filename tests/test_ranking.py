"""The pain finder's ranking, pinned on hand-made cases and checked on the whole dataset."""

from __future__ import annotations

import pandas as pd

from tpatlas.data import split_list
from tpatlas.ranking import rank, sides_text, zone_labels

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
    # scores: essential 2, spillover 1; equal scores: more essential first; then the muscle's name
    assert [(c.tp_id, c.score, c.rank) for c in got] == [
        ("a_two_essential", 4, 1),
        ("b_one_each", 3, 2),
        ("c_three_spill", 3, 3),
        ("d_one_essential", 2, 4),
        ("e_one_essential", 2, 4),
        ("g_one_spill", 1, 6),
    ]
    assert "f_unrelated" not in {c.tp_id for c in got}


def test_ties_and_weak_matches_are_labelled():
    got = {c.tp_id: c for c in rank(TPS, MARKED, LABELS)}
    assert got["d_one_essential"].tied and got["e_one_essential"].tied
    assert not got["a_two_essential"].tied and not got["b_one_each"].tied
    assert got["d_one_essential"].match == "Partial match, tied"
    assert got["c_three_spill"].strength == "weak"
    assert got["g_one_spill"].match == "Weak match: spillover only"


def test_each_row_says_why_in_words():
    got = {c.tp_id: c for c in rank(TPS, MARKED, LABELS)}
    assert got["a_two_essential"].why == "Refers strongly to 2 of your 3 areas: angle of the jaw, temple."
    assert (
        got["b_one_each"].why
        == "Refers strongly to 1 of your 3 areas: temple; may spread to: base of the skull."
    )
    assert got["c_three_spill"].why == (
        "May spread to all 3 of your areas: angle of the jaw, base of the skull, temple."
    )


def test_one_zone_covered_by_essential_is_a_strong_match():
    got = rank(TPS, [("eye", "left")], LABELS)
    assert [c.tp_id for c in got] == ["f_unrelated", "d_one_essential"]
    assert got[0].strength == "strong" and got[0].why == "Refers strongly to the area you marked: eye."
    assert got[1].strength == "weak"


def test_sides_are_reported_not_ranked():
    got = {c.tp_id: c for c in rank(TPS, MARKED, LABELS)}
    assert got["a_two_essential"].sides == ("right",)
    assert got["b_one_each"].sides == ("left", "right")
    assert sides_text(got["b_one_each"].sides) == "right and left"
    assert sides_text(("midline",)) == "either side"
    # the same zone marked on both sides counts once
    both = rank(TPS, [("temple", "right"), ("temple", "left")], LABELS)
    assert both[0].score == 2 and both[0].sides == ("left", "right")


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
    scores = [(c.score, len(c.essential)) for c in got]
    assert scores == sorted(scores, reverse=True)
