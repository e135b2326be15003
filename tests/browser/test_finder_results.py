"""The pain finder's results and area list in Chromium: "Open pattern" opens the pattern with one
click in the same tab and session; Enter in the area list adds one area."""

from __future__ import annotations

import pytest

from tests.browser.helpers import open_app, query_param, wait_idle
from tpatlas.ranking import rank, zone_labels

pytestmark = pytest.mark.browser

LIST = '[data-testid="stMultiSelect"] .react-aria-ComboBox'


def chips(page) -> list[str]:
    tags = page.locator(f"{LIST} [data-tag]")
    return [tags.nth(i).get_attribute("aria-label") for i in range(tags.count())]


def test_open_pattern_is_one_click_in_the_same_tab_and_session(app_server, page, atlas):
    open_app(page, app_server.url, chart=False)
    open_app(page, f"{app_server.url}/finder?zones=temple:right,eye:right", chart=False)
    best = rank(atlas.trigger_points, [("temple", "right"), ("eye", "right")], zone_labels(atlas.zones))[0]
    page.get_by_role("link", name="Open pattern").first.click()
    page.wait_for_url("**/pattern?**")
    wait_idle(page, chart=False)
    assert len(page.context.pages) == 1  # no new tab
    assert query_param(page, "muscle") == best.tp_id
    # the same session: back on the finder through the menu (no link), the areas are still marked
    page.get_by_role("link", name="Pain finder").first.click()
    page.wait_for_url("**/finder**")
    wait_idle(page, chart=False)
    assert chips(page) == ["Temple (right)", "Around and behind the eye (right)"]


def test_enter_in_the_area_list_adds_one_area(app_server, page):
    open_app(page, app_server.url, chart=False)
    open_app(page, f"{app_server.url}/finder", chart=False)
    box = page.get_by_role("combobox", name="Where does it hurt?")
    box.click()
    box.fill("shoulder blade")
    page.wait_for_selector('[role="option"]')
    assert page.locator('[role="option"]').count() > 1  # several areas match
    box.press("Enter")
    wait_idle(page, chart=False)
    page.keyboard.press("Escape")
    assert len(chips(page)) == 1, chips(page)
    assert "shoulder blade" in chips(page)[0].lower()
