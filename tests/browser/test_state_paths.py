"""One source of truth for each page's state: the URL, the widgets and what is shown agree
after a link, a click, a select box, the menu, Back, Forward and a reload; and each page's
URL carries only its own parameters."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from shapely.geometry import Polygon
from shapely.ops import unary_union

from tests.browser.helpers import click_data, watch
from tests.browser.helpers import wait_idle as _wait_idle
from tpatlas.geometry import label_point

pytestmark = pytest.mark.browser


SLOW = 120_000  # the machine may be shared: wait on the app's state, however long it takes


def wait_idle(page, chart: bool = True) -> None:
    _wait_idle(page, timeout=SLOW, chart=chart)


def open_app(page, url: str, chart: bool = True) -> None:
    page.set_default_timeout(SLOW)
    watch(page.context)
    page.goto(url)
    wait_idle(page, chart=chart)


def choose_option(page, label: str, option: str) -> None:
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(option)  # a long list shows only its first options: type to find the one wanted
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def _params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _path(page) -> str:
    return urlsplit(page.url).path


def _box(page, label: str) -> str:
    return page.get_by_role("combobox", name=label).input_value()


def _heading(page) -> list[str]:
    return page.locator('[data-testid="stMain"] h2').all_inner_texts()


def _menu(page, name: str, chart: bool = True) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name).click()
    wait_idle(page, chart=chart)


def _back(page, chart: bool = True) -> None:
    """Back to the previous page (a page's first run may add an entry for its own URL)."""
    start = _path(page)
    for _ in range(3):
        page.go_back()
        wait_idle(page, chart=chart)
        if _path(page) != start:
            return


def _forward(page, chart: bool = True) -> None:
    start = _path(page)
    for _ in range(3):
        page.go_forward()
        wait_idle(page, chart=chart)
        if _path(page) != start:
            return


def _home_agrees(page, region: str | None, label: str) -> None:
    assert _path(page) == "/"
    assert _params(page) == ({"region": [region]} if region else {})
    assert _box(page, "Region") == label
    assert label in _heading(page)[0]


def test_home_region_holds_through_menu_back_forward_and_reload(app_server, page):
    open_app(page, f"{app_server.url}/?region=heel")
    _home_agrees(page, "heel", "Heel & foot")
    choose_option(page, "Region", "Neck")
    _home_agrees(page, "neck", "Neck")

    _menu(page, "Referral patterns")
    choose_option(page, "Muscle and trigger point", "Deltoid, point 1 of 3")
    assert _path(page) == "/pattern" and _params(page)["muscle"] == ["deltoid"]
    assert "region" not in _params(page)

    _back(page)  # to the home page: no ?muscle= left over, the box shows the map's region
    _home_agrees(page, "neck", "Neck")
    _forward(page)
    assert _path(page) == "/pattern" and _params(page).get("muscle") == ["deltoid"]
    assert _box(page, "Muscle and trigger point") == "Deltoid, point 1 of 3"

    _menu(page, "Body map")  # the menu's bare link: the session's region comes back
    _home_agrees(page, "neck", "Neck")
    choose_option(page, "Region", "Heel & foot")  # and choosing another one still works
    _home_agrees(page, "heel", "Heel & foot")
    page.reload()
    wait_idle(page)
    _home_agrees(page, "heel", "Heel & foot")


def test_a_map_click_moves_box_url_and_panel_together(app_server, page, atlas):
    open_app(page, app_server.url)
    feats = [f for f in atlas.features if f.region == "leg"]
    largest = max(feats, key=lambda f: unary_union([Polygon(r) for r in f.rings]).area)
    click_data(page, *label_point(largest))
    _home_agrees(page, "leg", "Leg")
    choose_option(page, "Region", "Shoulder")
    _home_agrees(page, "shoulder", "Shoulder")


def test_pattern_toggle_resets_for_another_muscle_and_back_restores(app_server, page):
    open_app(page, f"{app_server.url}/pattern?muscle=deltoid&side=left")
    toggle = page.get_by_label("All 3 trigger points of this muscle")
    page.get_by_text("All 3 trigger points of this muscle").click()
    wait_idle(page)
    assert toggle.is_checked()
    choose_option(page, "Muscle and trigger point", "Infraspinatus, point 1 of 2")
    assert _params(page)["muscle"] == ["infraspinatus"] and _params(page)["side"] == ["left"]
    assert not page.get_by_label("All 2 trigger points of this muscle").is_checked()

    _menu(page, "Sources", chart=False)
    assert _params(page) == {}
    _back(page)
    assert _path(page) == "/pattern" and _params(page)["muscle"] == ["infraspinatus"]
    assert _box(page, "Muscle and trigger point") == "Infraspinatus, point 1 of 2"


def test_finder_marks_hold_through_another_page_and_back(app_server, page):
    open_app(page, f"{app_server.url}/finder?zones=temple:left")
    assert _params(page)["zones"] == ["temple:left"]
    _menu(page, "Quiz")
    assert "zones" not in _params(page) and "seed" in _params(page)
    _back(page)
    assert _path(page) == "/finder"
    assert _params(page) == {"zones": ["temple:left"]}  # no quiz seed carried over
    assert page.locator('[data-testid="stMultiSelect"]').get_by_text("Temple (left)").first.is_visible()
    _forward(page)
    assert _path(page) == "/quiz" and "zones" not in _params(page)
