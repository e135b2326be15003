"""The maps on a phone (Chromium with touch emulation at 390x844): a single tap selects, a
vertical swipe that starts on a map scrolls the page, and the body fills the screen's width."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.helpers import MAP, map_selected, open_app, query_param, swipe_up, tap_data, wait_idle
from tpatlas.geometry import label_point

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
URL_REGION = "(r) => new URLSearchParams(location.search).get('region') === r"
SCROLLED = """() => Math.max(window.scrollY,
    ...[...document.querySelectorAll('*')].filter(e => e.scrollHeight > e.clientHeight + 1)
        .map(e => e.scrollTop))"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    yield page
    context.close()


def tap_spots(atlas, n: int = 20) -> list[tuple[str, float, float]]:
    """``n`` spots spread over every region (each region's zones in turn), each tap a new region."""
    regions = list(atlas.regions.index)
    feats = {r: [f for f in atlas.features if f.region == r] for r in regions}
    spots = []
    for i in range(n):
        region = regions[(i * 5) % len(regions)]  # 5 is coprime with 12: every tap changes region
        f = feats[region][(i // len(regions)) * 3 % len(feats[region])]
        spots.append((region, *label_point(f)))
    return spots


def test_twenty_single_taps_each_select_their_region(app_server, phone, atlas):
    open_app(phone, app_server.url)
    spots = tap_spots(atlas)
    assert {r for r, _, _ in spots} == set(atlas.regions.index)
    missed = []
    for region, x, y in spots:
        tap_data(phone, x, y)  # one tap, never repeated
        with contextlib.suppress(PlaywrightTimeout):  # a fast rerun may not show as running
            phone.wait_for_function(URL_REGION, arg=region, timeout=5_000)
            wait_idle(phone)
        got = (query_param(phone, "region"), map_selected(phone))
        if got != (region, [region]):
            missed.append((region, round(x, 1), round(y, 1), got))
    assert not missed, f"{len(missed)} of {len(spots)} single taps did not select their region: {missed}"


def test_the_body_fills_a_phone_screen(app_server, phone):
    open_app(phone, app_server.url)
    box = phone.locator(MAP).bounding_box()
    assert box["width"] >= PHONE["width"] - 40  # the column's width, less the page's padding
    drawn = phone.evaluate(f"() => document.querySelector('{MAP} .tpa-map-plot')._fullLayout.xaxis._length")
    assert drawn >= box["width"] - 4  # the body's drawing spans the map: no blank bands beside it


@pytest.mark.parametrize(
    "path", ["/", "/finder", "/pattern?muscle=infraspinatus", "/plan", "/quiz?seed=3"], ids=str.strip
)
def test_a_vertical_swipe_on_a_map_scrolls_the_page(app_server, phone, path):
    open_app(phone, app_server.url)
    open_app(phone, app_server.url + path)
    phone.evaluate(f"() => document.querySelector('{MAP}').scrollIntoView({{block: 'center'}})")
    box = phone.locator(MAP).bounding_box()
    x, y = box["x"] + box["width"] / 2, min(box["y"] + box["height"] / 2, PHONE["height"] - 60)
    assert y > box["y"] + 10, "the map is not on screen"
    before = phone.evaluate(SCROLLED)
    selected = map_selected(phone)
    swipe_up(phone, x, y, 300)
    phone.wait_for_function(f"(b) => ({SCROLLED})() > b + 100", arg=before, timeout=5_000)
    assert map_selected(phone) == selected  # a swipe is no tap: nothing was selected
