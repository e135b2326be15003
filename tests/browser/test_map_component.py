"""The map component in Chromium with a mouse and a keyboard: drawn once for the page's life,
the highlight follows clicks, the select box and deep links, and nothing is fetched off this host."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import (
    MAP,
    choose_option,
    click_data,
    data_to_page,
    map_selected,
    open_app,
    query_param,
    wait_idle,
)
from tpatlas.geometry import label_point
from tpatlas.mapview.protocol import zones_json

pytestmark = pytest.mark.browser

REMEMBER = f"() => {{ window.__firstMap = document.querySelector('{MAP}'); return window.__tpaMapMounts; }}"
SAME = f"() => [document.querySelector('{MAP}') === window.__firstMap, window.__tpaMapMounts]"


def spot(atlas, region: str) -> tuple[float, float]:
    return label_point(next(f for f in atlas.features if f.region == region))


def test_selection_changes_never_remount_or_redraw_the_map(app_server, page, atlas):
    open_app(page, f"{app_server.url}/?region=heel")
    mounts = page.evaluate(REMEMBER)
    assert mounts == 1
    for region in ("neck", "jaw", "leg", "arm"):
        assert click_data(page, *spot(atlas, region))
        assert query_param(page, "region") == region
    choose_option(page, "Region", atlas.regions.at["back", "label"])
    assert map_selected(page) == ["back"]
    assert page.evaluate(SAME) == [True, mounts]
    # Plotly drew once; every selection since only moved the highlight
    assert page.locator(MAP).get_attribute("data-draws") == "1"


def test_a_click_selects_the_region_and_the_map_shows_it(app_server, page, atlas):
    open_app(page, app_server.url)
    assert map_selected(page) == []
    assert click_data(page, *spot(atlas, "jaw"))
    assert map_selected(page) == ["jaw"] and query_param(page, "region") == "jaw"
    label = atlas.regions.at["jaw", "label"].lower()
    assert page.get_by_role("heading", name=f"Trigger points in the {label}").count() == 1


def test_hover_names_the_region(app_server, page, atlas):
    open_app(page, app_server.url)
    x, y = spot(atlas, "heel")
    page.mouse.move(*data_to_page(page, x, y))
    tip = page.locator(f"{MAP} .tpa-map-tip")
    tip.wait_for(state="visible")
    assert tip.inner_text() == atlas.regions.at["heel", "label"]


def test_keyboard_alone_selects_a_region(app_server, page, atlas):
    open_app(page, app_server.url)
    for _ in range(40):  # Tab through the page until the map has the focus
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches('{MAP}')"):
            break
    else:
        pytest.fail("the map cannot be reached with Tab")
    role, name = page.evaluate("() => [document.activeElement.role, document.activeElement.ariaLabel]")
    assert role == "application" and name.startswith("Body map")
    focus_ring = page.evaluate("() => getComputedStyle(document.activeElement).boxShadow")
    assert focus_ring != "none"
    order = json.loads(zones_json(atlas))["targets"]["region"]
    page.keyboard.press("ArrowRight")  # the first region
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    wait_idle(page)
    assert query_param(page, "region") == order[2]
    assert map_selected(page) == [order[2]]
    label = atlas.regions.at[order[2], "label"]
    assert label in page.locator('[data-testid="stSelectbox"] input').first.input_value()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press(" ")
    wait_idle(page)
    assert query_param(page, "region") == order[1]


def test_highlight_follows_the_deep_link_and_the_select_box(app_server, page, atlas):
    open_app(page, f"{app_server.url}/?region=heel")
    assert map_selected(page) == ["heel"]
    choose_option(page, "Region", atlas.regions.at["neck", "label"])
    assert map_selected(page) == ["neck"]
    open_app(page, f"{app_server.url}/?region=jaw")  # a new visit by link
    assert map_selected(page) == ["jaw"]


def test_nothing_is_fetched_off_this_host(app_server, page):
    hosts, plotly = set(), []
    page.on("request", lambda r: hosts.add(urlsplit(r.url).hostname) if r.url.startswith("http") else None)
    page.on("response", lambda r: plotly.append(r.status) if "plotly.min.js" in r.url else None)
    for path in ("/", "/finder", "/pattern?muscle=infraspinatus", "/plan", "/quiz?seed=1"):
        open_app(page, app_server.url + path, chart=path != "/quiz?seed=1")
    assert hosts == {"127.0.0.1"}
    assert plotly and set(plotly) == {200}  # plotly.js came from this host (or the browser's cache)
