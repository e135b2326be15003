"""The plan page through AppTest: deep links, building a plan, bounds, screening, exports, bad links."""

from __future__ import annotations

import pytest

from tests.conftest import run_page
from tpatlas import plan as pl

PAGE = "pages/plan.py"


def link_value(at) -> str | None:
    value = at.query_params.get("plan")
    return value[-1] if isinstance(value, list) else value


def downloads(at) -> dict[str, object]:
    return {b.proto.label: b.proto for b in at.download_button}


def test_empty_plan_cannot_be_exported_and_says_why():
    at = run_page(PAGE)
    assert not at.exception
    assert at.multiselect(key="plan_picks").value == []
    buttons = downloads(at)
    assert len(buttons) == 2 and all(b.disabled for b in buttons.values())
    assert all(pl.EMPTY_PLAN_REASON in b.help for b in buttons.values())
    assert any(pl.EMPTY_PLAN_REASON in c.value for c in at.caption)
    assert link_value(at) is None
    # no name field anywhere (the atlas's search, in the sidebar and the phone menu, is the only text box)
    assert {t.key for t in at.text_input} <= {"search_query", "search_query-phone"}
    assert len(at.text_area) == 0


def test_deep_link_reopens_the_plan(atlas):
    tp = atlas.trigger_points.index[0]
    link = f"v1.s4.w1.m30.d20250602.{tp}-r.{tp}-l"
    at = run_page(PAGE, plan=link)
    assert not at.exception
    assert not at.info or "could not be used" not in at.info[0].value
    assert at.multiselect(key="plan_picks").value == [f"{tp}:right", f"{tp}:left"]
    assert at.number_input(key="plan_sessions").value == 4
    assert at.number_input(key="plan_per_week").value == 1
    assert at.number_input(key="plan_minutes").value == 30
    table = at.table[0].value
    assert list(table["Muscle"]) == [atlas.trigger_points.at[tp, "muscle"]]
    assert list(table["Side"]) == ["Both"]
    assert any("Mon 2 Jun 2025" in m.value and "Mon 23 Jun 2025" in m.value for m in at.markdown)
    assert link_value(at) == link
    assert any(c.value.endswith(f"/plan?plan={link}") for c in at.code)
    assert not any(b.disabled for b in downloads(at).values())


@pytest.mark.parametrize(
    "bad",
    ["v9.garbage", "<script>alert(1)</script>", "v1.s99.nosuch_muscle-r", "x" * 6000, ""],
)
def test_bad_link_opens_an_empty_plan_with_a_notice(bad):
    at = run_page(PAGE, plan=bad)
    assert not at.exception
    assert at.multiselect(key="plan_picks").value == []
    notice = at.info[0].value
    assert "could not be used" in notice and "Left out" in notice
    assert "<script>" not in notice
    assert link_value(at) is None  # the bad link is not kept in the address bar


def test_tampered_link_keeps_the_valid_part(atlas):
    tp = atlas.trigger_points.index[1]
    at = run_page(PAGE, plan=f"v1.s3.w2.m20.d20250602.{tp}-l.nosuch-r")
    assert at.multiselect(key="plan_picks").value == [f"{tp}:left"]
    notice = at.info[0].value
    assert "opens with the 1 trigger point" in notice and "nosuch" in notice
    assert link_value(at) == f"v1.s3.w2.m20.d20250602.{tp}-l"


def test_building_a_plan_sets_defaults_link_and_exports(atlas):
    at = run_page(PAGE)
    tps = list(atlas.trigger_points.index[:2])
    at.multiselect(key="plan_picks").select(f"{tps[0]}:right").select(f"{tps[1]}:left").run()
    assert not at.exception
    usual = pl.default_settings(atlas, tps)
    assert at.number_input(key="plan_sessions").value == usual.sessions
    assert at.number_input(key="plan_minutes").value == usual.minutes
    value = link_value(at)
    assert value.startswith(f"v1.s{usual.sessions}.w{usual.per_week}.m{usual.minutes}.d")
    assert value.endswith(f".{tps[0]}-r.{tps[1]}-l")
    assert not any(b.disabled for b in downloads(at).values())
    # an edited setting is kept when more trigger points are added
    at.number_input(key="plan_sessions").set_value(7).run()
    at.multiselect(key="plan_picks").select(f"{atlas.trigger_points.index[5]}:right").run()
    assert at.number_input(key="plan_sessions").value == 7
    assert ".s7." in link_value(at)


def test_adding_a_region_on_both_sides(atlas):
    region = atlas.trigger_points["region"].value_counts().index[-1]  # the smallest region
    ids = atlas.trigger_points.index[atlas.trigger_points["region"] == region]
    at = run_page(PAGE)
    at.selectbox(key="plan_region").select(region).run()
    at.radio(key="plan_side").set_value("both").run()
    at.button[0].click().run()
    assert not at.exception
    chosen = at.multiselect(key="plan_picks").value
    expected = min(2 * len(ids), pl.MAX_PICKS)
    assert len(chosen) == expected
    assert {c.split(":")[0] for c in chosen} <= set(ids)


def test_settings_are_bounded_in_the_form(atlas):
    at = run_page(PAGE, plan=f"v1.s3.w2.m20.d20250602.{atlas.trigger_points.index[0]}-r")
    for key, bounds in (
        ("plan_sessions", pl.SESSIONS),
        ("plan_per_week", pl.PER_WEEK),
        ("plan_minutes", pl.MINUTES),
    ):
        widget = at.number_input(key=key)
        assert (widget.min, widget.max) == bounds
    at.number_input(key="plan_sessions").set_value(99).run()
    assert not at.exception
    assert at.number_input(key="plan_sessions").value in pl.SESSIONS


def test_ticked_screening_items_show_warnings_but_stay_out_of_the_link(atlas):
    tp = atlas.trigger_points.index[0]
    at = run_page(PAGE, plan=f"v1.s3.w2.m20.d20250602.{tp}-r")
    before = link_value(at)
    at.checkbox(key="plan_screen_lymphedema").check().run()
    at.checkbox(key="plan_screen_pregnancy").check().run()
    assert any("Usually a reason not to needle" in e.value and "Lymphedema" in e.value for e in at.error)
    assert "Pregnant" in at.checkbox(key="plan_considered").label
    assert link_value(at) == before


def test_trigger_points_with_cautions_are_grouped_with_their_numbers(atlas):
    tps = atlas.trigger_points
    careful = [t for t in tps.index if tps.at[t, "cautions"]][:3]
    link = "v1.s3.w2.m20.d20250602." + ".".join(f"{t}-l" for t in careful)
    at = run_page(PAGE, plan=link)
    boxes = [w.value for w in at.warning if "Take care at these points" in w.value]
    assert len(boxes) == 1  # one box for the kind, not one per point
    assert ("Point 1" in boxes[0] and "Point 3" in boxes[0]) or "Points 1" in boxes[0]
    table = at.table[0].value
    assert list(table["No."]) == [1, 2, 3]
    assert list(table["Muscle"]) == [tps.at[t, "muscle"] for t in careful]


def test_a_contraindication_holds_the_plan_until_a_reason_is_recorded(atlas):
    tp = atlas.trigger_points.index[0]
    at = run_page(PAGE, plan=f"v1.s3.w2.m20.d20250602.{tp}-r")
    assert not any(b.disabled for b in downloads(at).values())
    at.checkbox(key="plan_screen_needle_phobia").check().run()
    assert not at.exception
    buttons = downloads(at)
    assert all(b.disabled for b in buttons.values())
    assert all("on hold" in b.help for b in buttons.values())
    at.text_area(key="plan_reason").input("ok").run()  # too short to be a reason
    assert all(b.disabled for b in downloads(at).values())
    at.text_area(key="plan_reason").input("The patient asked to go on after we talked it through.").run()
    assert not any(b.disabled for b in downloads(at).values())
    # a precaution then asks for its own tick
    at.checkbox(key="plan_screen_pregnancy").check().run()
    assert all(b.disabled for b in downloads(at).values())
    at.checkbox(key="plan_considered").check().run()
    assert not any(b.disabled for b in downloads(at).values())
