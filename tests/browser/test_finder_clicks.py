"""The pain finder in Chromium: clicking areas on the map marks and unmarks them, the list and
the ranked table follow, and the URL carries the marked areas."""

from __future__ import annotations

import pytest

from tests.browser.helpers import click_data, map_selected, open_app, query_param
from tpatlas.geometry import label_point
from tpatlas.ranking import rank, zone_labels
from tpatlas.referral import trigger_point_label

pytestmark = pytest.mark.browser


def spot(atlas, zone: str, side: str) -> tuple[float, float]:
    return label_point(next(f for f in atlas.features if f.zone == zone and f.side == side))


def best(atlas, *marked: tuple[str, str]) -> str:
    """The label the finder should put first for these marked areas."""
    return trigger_point_label(atlas, rank(atlas.trigger_points, marked, zone_labels(atlas.zones))[0].tp_id)


def chips(page) -> list[str]:
    """The areas shown as chips in the list (the live combo box, not its template)."""
    tags = page.locator('[data-testid="stMultiSelect"] .react-aria-ComboBox [data-tag]')
    return [tags.nth(i).get_attribute("aria-label") for i in range(tags.count())]


def first_row_muscle(page) -> str:
    """The name in the first ranked row ('1. Soleus · Strong match · ...' -> 'Soleus')."""
    row = page.locator('[class*="st-key-finder-row-"] [data-testid="stMarkdownContainer"]').first
    return row.inner_text().split(" · ")[0].split(". ", 1)[1].strip()


def marked_areas(page) -> list[str]:
    return map_selected(page)


def test_clicks_toggle_areas_and_the_list_and_url_follow(app_server, page, atlas):
    open_app(page, app_server.url)  # the router first, as a visitor arriving at the home page
    open_app(page, f"{app_server.url}/finder")
    assert chips(page) == [] and marked_areas(page) == []

    click_data(page, *spot(atlas, "heel_underside", "right"))
    assert query_param(page, "zones") == "heel_underside:right"
    assert chips(page) == ["Underside of the heel (right)"]
    assert marked_areas(page) == ["heel_underside:right"]
    assert page.get_by_role("heading", name="Trigger points that may send pain there").count() == 1

    click_data(page, *spot(atlas, "calf", "right"))
    assert query_param(page, "zones") == "heel_underside:right,calf:right"
    assert chips(page) == ["Underside of the heel (right)", "Calf (right)"]
    assert first_row_muscle(page) == best(atlas, ("heel_underside", "right"), ("calf", "right"))

    click_data(page, *spot(atlas, "heel_underside", "right"))  # a second click unmarks
    assert query_param(page, "zones") == "calf:right"
    assert chips(page) == ["Calf (right)"]

    page.reload()  # the link alone restores the marked areas
    open_app(page, page.url)
    assert chips(page) == ["Calf (right)"]
    assert marked_areas(page) == ["calf:right"]


def test_a_shared_link_opens_with_the_areas_marked(app_server, page, atlas):
    open_app(page, app_server.url)
    open_app(page, f"{app_server.url}/finder?zones=temple:right,jaw_angle:right")
    assert chips(page) == ["Temple (right)", "Angle of the jaw (right)"]
    assert first_row_muscle(page) == best(atlas, ("temple", "right"), ("jaw_angle", "right"))
    assert first_row_muscle(page).startswith("Upper trapezius")
    click_data(page, *spot(atlas, "temple", "left"))  # the other side is a separate area
    assert query_param(page, "zones") == "temple,jaw_angle:right"  # both temples: written once
