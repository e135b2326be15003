"""The plan model: defaults, bounds, schedule, the plan link, screening, the CSV, and its data files."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tpatlas import plan as pl
from tpatlas.clinic_data import clinic_tables, load_aftercare, load_screening
from tpatlas.data import DataError, load_sources

MONDAY = date(2025, 6, 2)


@pytest.fixture(scope="module")
def tables():
    return clinic_tables()


def _picks(atlas, n: int, side: str = "right") -> list[pl.Pick]:
    return [pl.Pick(tp, side) for tp in atlas.trigger_points.index[:n]]


# ---------------------------------------------------------------- defaults and bounds
def test_defaults_come_from_the_data(atlas):
    tps = atlas.trigger_points
    ids = list(tps.index[:3])
    usual = pl.default_settings(atlas, ids)
    assert usual.sessions == max(int(v) for v in tps.loc[ids, "sessions_max"])
    assert usual.per_week == min(pl.per_week_range(v)[1] for v in tps.loc[ids, "sessions_per_week"])
    assert usual.minutes == pl.SHORT_SESSION
    assert pl.default_settings(atlas, tps.index[:6]).minutes == pl.LONG_SESSION
    for value, bounds in zip(usual, (pl.SESSIONS, pl.PER_WEEK, pl.MINUTES), strict=True):
        assert value in bounds


def test_per_week_text_is_read_forgivingly():
    assert pl.per_week_range("1-2") == (1, 2)
    assert pl.per_week_range("2") == (2, 2)
    assert pl.per_week_range("1–3") == (1, 3)
    assert pl.per_week_range("weekly?") == (1, 2)


@pytest.mark.parametrize(
    ("sessions", "per_week", "minutes", "start", "problem"),
    [
        (0, 2, 20, MONDAY, "sessions"),
        (13, 2, 20, MONDAY, "sessions"),
        (3, 0, 20, MONDAY, "a week"),
        (3, 4, 20, MONDAY, "a week"),
        (3, 2, 9, MONDAY, "minutes"),
        (3, 2, 61, MONDAY, "minutes"),
        (3, 2, 20, date(1999, 12, 31), "start date"),
        (True, 2, 20, MONDAY, "sessions"),  # a bool is not a count
    ],
)
def test_settings_outside_bounds_are_refused(sessions, per_week, minutes, start, problem):
    assert any(problem in p for p in pl.setting_problems(sessions, per_week, minutes, start))
    with pytest.raises(pl.PlanError, match=problem):
        pl.Plan((), sessions, per_week, minutes, start)


def test_bounds_edges_are_accepted():
    for s, w, m in ((1, 1, 10), (12, 3, 60)):
        assert pl.Plan((), s, w, m, MONDAY).settings == (s, w, m)


def test_a_plan_holds_a_limited_number_of_distinct_picks(atlas):
    with pytest.raises(pl.PlanError, match="at most"):
        pl.Plan(tuple(_picks(atlas, pl.MAX_PICKS + 1)), 3, 2, 20, MONDAY)
    with pytest.raises(pl.PlanError, match="twice"):
        pl.Plan(tuple(_picks(atlas, 1) * 2), 3, 2, 20, MONDAY)
    assert len(pl.new_plan(atlas, _picks(atlas, 2) * 2, MONDAY).picks) == 2


def test_merge_picks_keeps_order_and_caps(atlas):
    current = _picks(atlas, 2)
    merged, left_out = pl.merge_picks(current, pl.expand_side(atlas.trigger_points.index[:3], "both"))
    assert merged[:2] == tuple(current)
    assert len(merged) == 2 + 4  # tp0 and tp1 gain their left side, tp2 both sides
    many, left_out = pl.merge_picks([], pl.expand_side(atlas.trigger_points.index[:10], "both"))
    assert len(many) == pl.MAX_PICKS and left_out == 20 - pl.MAX_PICKS


def test_pick_options_cover_every_trigger_point_on_both_sides(atlas):
    options = pl.pick_options(atlas)
    assert len(options) == 2 * len(atlas.trigger_points)
    assert all(pl.pick_key(pl.key_pick(k)) == k for k in options)
    assert all("right)" in v or "left)" in v for v in options.values())


# ---------------------------------------------------------------- schedule
@pytest.mark.parametrize(
    ("per_week", "expected"),
    [
        (1, [0, 7, 14]),
        (2, [0, 3, 7, 10, 14]),
        (3, [0, 2, 4, 7, 9, 11, 14]),
    ],
)
def test_schedule_spreads_sessions_over_weeks(per_week, expected):
    plan = pl.Plan((), len(expected), per_week, 20, MONDAY)
    days = pl.schedule(plan)
    assert [(s.day - MONDAY).days for s in days] == expected
    assert [s.number for s in days] == list(range(1, len(expected) + 1))
    assert days[-1].week == (len(expected) - 1) // per_week + 1


def test_twice_a_week_from_monday_is_monday_and_thursday():
    days = pl.schedule(pl.Plan((), 4, 2, 20, MONDAY))
    assert [f"{s.day:%a}" for s in days] == ["Mon", "Thu", "Mon", "Thu"]
    assert pl.day_text(days[1].day) == "Thu 5 Jun 2025"


@settings(deadline=None)  # timing on a shared machine is not what this tests
@given(
    sessions=st.integers(*pl.SESSIONS),
    per_week=st.integers(*pl.PER_WEEK),
    start=st.dates(date(2000, 1, 1), date(2099, 1, 1)),
)
def test_schedule_properties(sessions, per_week, start):
    days = [s.day for s in pl.schedule(pl.Plan((), sessions, per_week, 20, start))]
    assert len(days) == sessions and days[0] == start
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    assert all(gap >= 2 for gap in gaps)  # soreness has time to settle
    for week_start in range(0, (days[-1] - start).days + 1, 7):
        in_week = [d for d in days if week_start <= (d - start).days < week_start + 7]
        assert len(in_week) <= per_week


# ---------------------------------------------------------------- the plan link
@st.composite
def plans(draw, atlas):
    ids = list(atlas.trigger_points.index)
    picks = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), st.sampled_from(pl.SIDES)),
            max_size=pl.MAX_PICKS,
            unique=True,
        )
    )
    return pl.Plan(
        tuple(pl.Pick(*p) for p in picks),
        draw(st.integers(*pl.SESSIONS)),
        draw(st.integers(*pl.PER_WEEK)),
        draw(st.integers(*pl.MINUTES)),
        draw(st.dates(pl.FIRST_DAY, pl.LAST_DAY)),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_link_round_trip(atlas, data):
    plan = data.draw(plans(atlas))
    link = pl.encode_link(plan)
    assert set(link) <= set("abcdefghijklmnopqrstuvwxyz0123456789._-")
    decoded = pl.decode_link(link, atlas, date(2030, 1, 1))
    assert decoded.plan == plan
    assert decoded.dropped == ()
    assert pl.link_notice(decoded) is None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.text(max_size=300))
def test_any_text_decodes_without_raising(atlas, raw):
    decoded = pl.decode_link(raw, atlas, MONDAY)
    assert isinstance(decoded.plan, pl.Plan)
    assert set(decoded.plan.picks) <= {pl.Pick(t, s) for t in atlas.trigger_points.index for s in pl.SIDES}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_truncated_link_keeps_a_valid_prefix(atlas, data):
    plan = data.draw(plans(atlas))
    link = pl.encode_link(plan)
    cut = data.draw(st.integers(0, len(link)))
    decoded = pl.decode_link(link[:cut], atlas, MONDAY)
    kept = decoded.plan.picks
    assert kept == plan.picks[: len(kept)]  # what survives is the start of the plan
    inside_a_part = 0 < cut < len(link) and link[cut] != "." and link[cut - 1] != "."
    if inside_a_part:  # a cut between two parts looks like a shorter plan: nothing to name
        assert decoded.dropped
        assert pl.link_notice(decoded)


def test_no_link_means_no_plan(atlas):
    assert pl.decode_link(None, atlas, MONDAY) is None
    assert pl.link_notice(None) is None


def test_tampered_link_keeps_what_is_valid_and_names_the_rest(atlas):
    good = atlas.trigger_points.index[0]
    raw = f"v1.s99.w2.m20.d20250631.{good}-r.nosuch_muscle-l.{good}-x.<script>.{good}-r"
    decoded = pl.decode_link(raw, atlas, MONDAY)
    assert decoded.plan.picks == (pl.Pick(good, "right"),)
    assert decoded.plan.start == MONDAY  # broken date: today
    assert decoded.plan.sessions == pl.default_settings(atlas, [good]).sessions
    notice = pl.link_notice(decoded)
    assert "session count 99" in notice
    assert "d20250631" in notice
    assert "nosuch\\_muscle" in notice
    assert "'x' is not r or l" in notice
    assert "<script>" not in notice and "\\<script\\>" in notice
    assert "opens with the 1 trigger point" in notice


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("", "empty"),
        ("v2.s3.w2", "does not start with v1"),
        ("x" * 5000, "too long"),
        ("s3.w2.m20", "not a plan link"),
    ],
)
def test_unusable_links_open_an_empty_plan(atlas, raw, words):
    decoded = pl.decode_link(raw, atlas, MONDAY)
    assert decoded.plan.picks == ()
    assert words in pl.link_notice(decoded)
    assert "opens empty" in pl.link_notice(decoded)


def test_missing_settings_are_named_and_defaulted(atlas):
    good = atlas.trigger_points.index[0]
    decoded = pl.decode_link(f"v1.{good}-l", atlas, MONDAY)
    assert decoded.plan.picks == (pl.Pick(good, "left"),)
    assert decoded.plan.settings == pl.default_settings(atlas, [good])
    assert len(decoded.dropped) == 4 and all("missing" in d for d in decoded.dropped)


def test_link_is_forgiving_about_case_and_repeats(atlas):
    good = atlas.trigger_points.index[0]
    decoded = pl.decode_link([f"V1.S2.W1.M30.D20250602.{good.upper()}-R.{good}-r"], atlas, MONDAY)
    assert decoded.plan == pl.Plan((pl.Pick(good, "right"),), 2, 1, 30, MONDAY)
    assert decoded.dropped == ()


# ---------------------------------------------------------------- what the plan says
def test_plan_table_merges_sides_numbers_rows_and_notes_cautions(atlas):
    tps = atlas.trigger_points
    careful = tps.index[tps["cautions"] != ""][0]
    plain = tps.index[tps["cautions"] == ""][0]
    plan = pl.new_plan(atlas, [*pl.expand_side([careful], "both"), pl.Pick(plain, "left")], MONDAY)
    table = pl.plan_table(atlas, plan)
    assert list(table.columns) == list(pl.PLAN_COLUMNS.values())
    assert list(table["No."]) == [1, 2]
    assert list(table["Side"]) == ["Both", "Left"]
    assert list(table["Muscle"]) == [tps.at[careful, "muscle"], tps.at[plain, "muscle"]]
    notes = pl.point_notes(atlas, plan)
    assert {note.points for note in notes} == {(1,)} and {note.kind for note in notes} == {"caution"}
    assert " ".join(note.text for note in notes) == " ".join(tps.at[careful, "cautions"].split())


def test_a_caution_sentence_shared_by_points_is_said_once_naming_them(atlas):
    tps = atlas.trigger_points
    first = dict.fromkeys(pl.sentences(c)[0] for c in tps["cautions"] if c)
    shared = next(s for s in first if sum(s in pl.sentences(c) for c in tps["cautions"]) >= 2)
    ids = [t for t in tps.index if shared in pl.sentences(tps.at[t, "cautions"])][:2]
    plan = pl.new_plan(atlas, [pl.Pick(t, "left") for t in ids], MONDAY)
    (caution,) = [g for g in pl.plan_notes(atlas, plan, []) if g.kind == "caution"]
    assert [points for text, points in caution.items if text == shared] == [(1, 2)]
    assert sum(text == shared for text, _ in caution.items) == 1
    assert all(a[1] != b[1] for a, b in zip(caution.items, caution.items[1:], strict=False))  # merged


def test_texts_in_a_row_for_the_same_points_are_one_item():
    notes = [pl.Note("caution", "Lung below.", (1,)), pl.Note("caution", "Stay shallow.", (1,)),
             pl.Note("caution", "Artery near.", (2,)), pl.Note("caution", "Lung below.", (2,))]  # fmt: skip
    (group,) = pl.group_notes(notes)
    assert group.items == (("Lung below.", (1, 2)), ("Stay shallow.", (1,)), ("Artery near.", (2,)))
    two = pl.group_notes([pl.Note("caution", "A.", (3,)), pl.Note("caution", "B.", (3,))])
    assert two[0].items == (("A. B.", (3,)),)


def test_sentences():
    assert pl.sentences("Lung below. Keep it shallow!  Why? Ask.") == [
        "Lung below.",
        "Keep it shallow!",
        "Why?",
        "Ask.",
    ]
    assert pl.sentences("About 1.5 cm deep. Then stop.") == ["About 1.5 cm deep.", "Then stop."]
    assert pl.sentences("") == []


def test_warnings_are_grouped_one_per_kind_naming_their_points():
    notes = [
        pl.Note("caution", "Lung below.", (3,)),
        pl.Note("caution", "Artery near.", (2,)),
        pl.Note("caution", "Lung below.", (1,)),
        pl.Note("precaution", "Pregnant: care.", (), "Pregnant"),
        pl.Note("lung_sites", "A new kind, from data.", (5, 4)),  # unknown kinds need no code
        pl.Note("contraindication", "Bleeding: no.", (), "Bleeding"),
    ]
    groups = pl.group_notes(notes)
    assert [g.kind for g in groups] == ["contraindication", "precaution", "caution", "lung_sites"]
    assert [g.level for g in groups] == [pl.BLOCK, pl.TICK, pl.INFO, pl.INFO]
    caution = groups[2]
    assert caution.items == (("Lung below.", (1, 3)), ("Artery near.", (2,)))
    assert groups[3].heading == "Lung sites" and groups[3].items == (("A new kind, from data.", (4, 5)),)
    assert pl.points_text((1, 3)) == "Points 1 and 3"
    assert pl.points_text((1, 3, 5)) == "Points 1, 3 and 5"
    assert pl.points_text((2,)) == "Point 2" and pl.points_text(()) == ""


def test_a_contraindication_blocks_until_a_reason_and_a_precaution_needs_a_tick(tables):
    screening, _ = tables
    groups = pl.group_notes(pl.screening_notes(pl.screening_warnings(screening, ["lymphedema", "pregnancy"])))
    assert "Lymphedema" in pl.blocked_by(groups, "", considered=True)
    assert pl.blocked_by(groups, "too short", considered=True)  # under MIN_REASON characters
    reason = "Discussed with the patient's doctor"
    assert "precaution" in pl.blocked_by(groups, reason, considered=False)
    assert pl.blocked_by(groups, reason, considered=True) is None
    assert pl.blocked_by(pl.group_notes([]), "", considered=False) is None


def test_numbers_follow_the_order_chosen_on_both_sides(atlas):
    ids = list(atlas.trigger_points.index[:3])
    plan = pl.new_plan(
        atlas, [pl.Pick(ids[1], "left"), pl.Pick(ids[0], "right"), pl.Pick(ids[1], "right")], MONDAY
    )
    assert pl.numbering(plan) == {ids[1]: 1, ids[0]: 2}
    rows = list(csv.DictReader(io.StringIO(pl.plan_csv(atlas, plan).decode("utf-8-sig"))))
    assert [(r["number"], r["tp_id"], r["side"]) for r in rows[:3]] == [
        ("1", ids[1], "left"),
        ("2", ids[0], "right"),
        ("1", ids[1], "right"),
    ]


def test_screening_warnings_follow_the_ticks(tables):
    screening, _ = tables
    assert pl.screening_warnings(screening, []) == []
    warnings = pl.screening_warnings(screening, ["pregnancy", "lymphedema", "no_such_item", "lymphedema"])
    assert [w[0] for w in warnings] == ["contraindication", "precaution"]
    assert warnings[0][1] == screening.at["lymphedema", "label"]
    assert warnings[1][2] == screening.at["pregnancy", "reason"]


def test_plan_sources_cover_trigger_points_and_notes(atlas, tables):
    _, aftercare = tables
    plan = pl.new_plan(atlas, _picks(atlas, 2), MONDAY)
    ids = pl.plan_sources(atlas, plan, aftercare)
    assert "hong_1994" in ids and "brady_2014" in ids
    assert set(ids) <= set(atlas.sources.index)
    assert len(ids) == len(set(ids))


def test_csv_has_a_row_per_session_and_pick(atlas):
    plan = pl.Plan((*_picks(atlas, 2), pl.Pick(atlas.trigger_points.index[0], "left")), 3, 2, 25, MONDAY)
    data = pl.plan_csv(atlas, plan)
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheets read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == pl.CSV_COLUMNS
    assert len(rows) == 3 * 3
    assert [r["date"] for r in rows[::3]] == ["2025-06-02", "2025-06-05", "2025-06-09"]
    assert {r["weekday"] for r in rows} == {"Monday", "Thursday"}
    assert {r["minutes"] for r in rows} == {"25"}
    assert [r["side"] for r in rows[:3]] == ["right", "right", "left"]
    assert rows[0]["muscle"] == atlas.trigger_points.iloc[0]["muscle"]
    assert "name" not in ",".join(rows[0]).lower()


def test_empty_plan_cannot_be_exported(atlas):
    with pytest.raises(pl.PlanError, match="at least one trigger point"):
        pl.plan_csv(atlas, pl.Plan((), 3, 2, 20, MONDAY))


def test_export_name_holds_only_the_date():
    assert pl.export_name(pl.Plan((), 3, 2, 20, MONDAY), "pdf") == "treatment-plan-2025-06-02.pdf"


# ---------------------------------------------------------------- the data files
def test_clinic_tables_load_and_cite(tables, atlas):
    screening, aftercare = tables
    wanted = {"needle_phobia", "injection_reaction", "lymphedema", "bleeding", "immune_deficiency",
              "pregnancy", "child_under_12"}  # fmt: skip
    assert wanted <= set(screening.index)
    assert set(screening["severity"]) == {"contraindication", "precaution"}
    assert set(aftercare["kind"]) == {"expect", "care", "call"}
    for frame in (screening, aftercare):
        for cell in frame["source_ids"]:
            assert cell and set(cell.split(";")) <= set(atlas.sources.index)
    text = " ".join(aftercare["text"])
    for figure in ("2 to 8 hours", "three days", "8 in 100", "pneumothorax"):
        assert figure in text


@pytest.mark.parametrize(
    ("loader", "name", "body", "problem", "line"),
    [
        (load_screening, "screening.csv", "item_id,label\nx,y\n", "missing column", 1),
        (load_screening, "screening.csv", "item_id,label,reason,severity,source_ids\n"
         "a,A,why,maybe,brady_2014\n", "severity 'maybe'", 2),
        (load_screening, "screening.csv", "item_id,label,reason,severity,source_ids\n"
         "a,A,why,precaution,brady_2014\na,B,why,precaution,brady_2014\n", "duplicate item_id", 3),
        (load_aftercare, "aftercare.csv", "item_id,kind,text,source_ids\nb,expect,x,nobody_2020\n",
         "unknown source 'nobody_2020'", 2),
        (load_aftercare, "aftercare.csv", "item_id,kind,text,source_ids\nb,later,x,brady_2014\n",
         "kind 'later'", 2),
        (load_aftercare, "aftercare.csv", "item_id,kind,text,source_ids\nb,call,,brady_2014\n",
         "'text' is empty", 2),
    ],
)  # fmt: skip
def test_bad_clinic_files_name_file_line_and_problem(data_copy, loader, name, body, problem, line):
    (data_copy / name).write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as err:
        loader(data_copy, set(load_sources(data_copy).index))
    assert err.value.file == f"data/{name}"
    assert err.value.line == line
    assert problem in err.value.problem


def test_a_trimmed_data_folder_falls_back_to_the_packaged_tables(data_copy):
    (data_copy / "screening.csv").unlink()
    (data_copy / "aftercare.csv").unlink()
    screening, aftercare = clinic_tables(data_copy)
    assert not screening.empty and not aftercare.empty


def test_dates_in_the_schedule_never_repeat():
    days = [s.day for s in pl.schedule(pl.Plan((), 12, 3, 20, MONDAY))]
    assert len(set(days)) == 12
    assert days[-1] - days[0] < timedelta(weeks=4)


def test_marks_never_hide_each_other_and_carry_their_numbers(atlas):
    import math

    from tpatlas.patterns import MARK_GAP, marks_for

    tps = atlas.trigger_points
    shoulder = list(tps.index[tps["region"] == "shoulder"][: pl.MAX_PICKS])
    picks = [pl.Pick(t, "right") for t in shoulder]
    marks = marks_for(atlas, picks)
    for a, b in itertools.combinations(marks, 2):
        assert math.dist((a.x, a.y), (b.x, b.y)) >= MARK_GAP - 1e-6
    assert any(m.anchor for m in marks)  # crowded: some were moved aside, with a leader line
    plan = pl.new_plan(atlas, picks, MONDAY)
    nums = pl.numbering(plan)
    for m in marks:
        tp = next(t for t, n in nums.items() if str(n) == m.label)
        assert tps.at[tp, "muscle"] in m.text
    # one trigger point alone carries no number (the pattern page, the quiz)
    assert all(m.label == "" for m in marks_for(atlas, picks[:1]))
