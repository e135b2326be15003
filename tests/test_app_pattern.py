"""The pattern view through AppTest: deep links by trigger point or muscle, side, bad input."""

from __future__ import annotations

import pytest

from tests.conftest import run_page
from tests.map_data import map_figure
from tpatlas.data import split_list

PAGE = "pages/pattern.py"


def _traces(at) -> dict[str, dict]:
    return {t.get("name"): t for t in map_figure(at, "pattern-map")["data"]}


def test_link_opens_the_trigger_point_with_its_card(atlas):
    at = run_page(PAGE, muscle="infraspinatus")
    assert not at.exception
    assert at.selectbox(key="pattern_tp").value == "infraspinatus"
    assert any(h.value == "Infraspinatus" for h in at.header)
    essential = [
        atlas.zones[z].label for z in split_list(atlas.trigger_points.at["infraspinatus", "essential_zones"])
    ]
    assert any("Essential zones (right side)" in m.value and essential[0] in m.value for m in at.markdown)
    assert {"shade-essential", "trigger-points"} <= set(_traces(at))
    assert at.query_params["muscle"] in ("infraspinatus", ["infraspinatus"])


def test_muscle_name_opens_its_first_trigger_point_on_the_chosen_side():
    at = run_page(PAGE, muscle="Gluteus_Minimus", side="left")
    assert not at.exception
    assert at.selectbox(key="pattern_tp").value == "gluteus_minimus"
    assert at.segmented_control(key="pattern_side").value == "left"
    assert any("Essential zones (left side)" in m.value for m in at.markdown)


def test_changing_side_and_trigger_point_updates_the_url():
    at = run_page(PAGE, muscle="upper_trapezius")
    at.segmented_control(key="pattern_side").set_value("left").run()
    assert at.query_params["side"] in ("left", ["left"])
    at.selectbox(key="pattern_tp").select("soleus").run()
    assert not at.exception
    assert at.query_params["muscle"] in ("soleus", ["soleus"])
    assert any(h.value == "Soleus" for h in at.header)


def test_whole_muscle_toggle_draws_every_point():
    at = run_page(PAGE, muscle="temporalis")
    at.toggle(key="pattern_all").set_value(True).run()
    assert not at.exception
    assert len(_traces(at)["trigger-points"]["x"]) >= 3


def test_close_up_view_frames_the_head_and_keeps_the_pattern():
    at = run_page(PAGE, muscle="upper_trapezius")
    whole = map_figure(at, "pattern-map")["layout"]["xaxis"]["range"]
    at.selectbox(key="pattern_view").select("head_front").run()
    assert not at.exception
    spec = map_figure(at, "pattern-map")
    x0, x1 = spec["layout"]["xaxis"]["range"]
    assert x1 - x0 < (whole[1] - whole[0]) / 4
    assert {"shade-essential", "trigger-points"} <= {t.get("name") for t in spec["data"]}
    at.selectbox(key="pattern_tp").select("masseter").run()  # the view stays while exploring
    assert at.selectbox(key="pattern_view").value == "head_front"


def test_no_link_shows_a_prompt_and_the_legend_map():
    at = run_page(PAGE)
    assert not at.exception
    assert at.selectbox(key="pattern_tp").value is None
    assert any(s.value == "Choose a muscle" for s in at.header)
    assert "shade-essential" not in set(_traces(at))


@pytest.mark.parametrize("bad", ["elbowz", "", "<b>x</b>", "x" * 5000])
def test_unknown_muscle_gives_a_notice_not_a_traceback(bad):
    at = run_page(PAGE, muscle=bad)
    assert not at.exception
    assert at.selectbox(key="pattern_tp").value is None
    assert at.info and "<b>" not in at.info[0].value


def test_choices_survive_a_visit_to_another_page():
    at = run_page(PAGE, muscle="infraspinatus", side="left")
    at.switch_page("pages/finder.py").run()
    at.multiselect(key="finder_marked").select("calf:left").run()
    at.query_params.pop("muscle", None)
    at.query_params.pop("side", None)
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.selectbox(key="pattern_tp").value == "infraspinatus"
    assert at.segmented_control(key="pattern_side").value == "left"
    at.query_params.pop("zones", None)
    at.switch_page("pages/finder.py").run()
    assert at.multiselect(key="finder_marked").value == ["calf:left"]


def test_choosing_another_muscle_turns_all_points_off():
    at = run_page("pages/pattern.py", muscle="deltoid")
    at.toggle(key="pattern_all").set_value(True).run()
    assert at.toggle(key="pattern_all").value is True
    at.selectbox(key="pattern_tp").select("infraspinatus").run()
    assert not at.exception
    assert at.toggle(key="pattern_all").value is False


def test_the_card_gives_plain_words_first():
    at = run_page("pages/pattern.py", muscle="deltoid")
    assert any(r"sore biceps tendon \(bicipital tendinopathy\)" in m.value for m in at.markdown)
