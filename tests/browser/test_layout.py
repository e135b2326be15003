"""Layout at 390, 768 and 1400 px: nothing wider than the window, no table that hides part of
itself, and a click's result in view (beside the map on a laptop, scrolled to on a phone)."""

from __future__ import annotations

import pytest
from shapely.geometry import Polygon
from shapely.ops import unary_union

from tests.browser.helpers import click_data, watch
from tests.browser.helpers import wait_idle as _wait_idle
from tpatlas.geometry import label_point

pytestmark = pytest.mark.browser
SLOW = 120_000

# HTML elements only: an SVG's own drawing is clipped by the SVG's box, which is checked.
_TOO_WIDE = """() => {
    const W = document.documentElement.clientWidth;
    return [...document.querySelectorAll('[data-testid="stMain"] *')]
        .filter((e) => !(e instanceof SVGElement) || e.tagName === 'svg')
        .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > W + 1; })
        .map((e) => (e.getAttribute('data-testid') || e.tagName)
                    + ' ' + Math.round(e.getBoundingClientRect().right));
}"""
_HIDDEN_OVERFLOW = """() => [...document.querySelectorAll(
        '[data-testid="stTable"], [data-testid="stTable"] *')]
    .filter((e) => e.offsetParent !== null)
    .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
    .filter((e) => ['auto', 'hidden', 'scroll', 'clip'].some((v) => getComputedStyle(e).overflowX === v
                                                          || getComputedStyle(e).overflowY === v))
    .map((e) => e.tagName + ' ' + e.scrollWidth + '/' + e.clientWidth)"""
_IN_VIEW = """(sel) => { const e = document.querySelector(sel); if (!e) return null;
    const r = e.getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight]; }"""


def _open(browser, url: str, width: int, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=width < 700)
    page = context.new_page()
    page.set_default_timeout(SLOW)
    watch(page.context)
    page.goto(url)
    _wait_idle(page, timeout=SLOW, chart=not any(p in url for p in ("/learn", "/sources")))  # no map
    return context, page


@pytest.mark.parametrize("width", [390, 768, 1400])
@pytest.mark.parametrize("path", ["/?region=shoulder", "/pattern?muscle=deltoid", "/plan", "/learn"])
def test_nothing_wider_than_the_window_and_tables_whole(app_server, browser, width, path):
    context, page = _open(browser, app_server.url + path, width)
    try:
        assert page.evaluate(_TOO_WIDE) == []
        assert page.evaluate(_HIDDEN_OVERFLOW) == []
        if path.startswith("/?region") and width >= 900:
            assert page.locator('[data-testid="stTable"]').first.is_visible()
        if path.startswith("/?region") and width < 900:  # a phone gets cards, not a wide table
            assert not page.locator('[data-testid="stTable"]').first.is_visible()
            assert page.locator(".st-key-cards-here").get_by_text("Deltoid, point 1 of 3").is_visible()
    finally:
        context.close()


def _largest(atlas, region: str) -> tuple[float, float]:
    feats = [f for f in atlas.features if f.region == region]
    return label_point(max(feats, key=lambda f: unary_union([Polygon(r) for r in f.rings]).area))


def test_after_a_click_the_result_is_in_view_on_a_laptop(app_server, browser, atlas):
    context, page = _open(browser, app_server.url, 1400, 900)
    try:
        click_data(page, *_largest(atlas, "shoulder"))
        _wait_idle(page, timeout=SLOW)
        for sel in (".st-key-region-result h2", '.st-key-region-result [data-testid="stMetric"]'):
            page.wait_for_selector(sel)  # some elements' code loads on first use, after the run
            top, bottom, height = page.evaluate(_IN_VIEW, sel)
            assert top >= 0 and bottom <= height, sel
        first = page.locator('[data-testid="stButtonGroup"] button', has_text="Deltoid, point 1 of 3").first
        first.wait_for()
        top, bottom, height = first.evaluate("(e) => { const r = e.getBoundingClientRect(); "
                                             "return [r.top, r.bottom, window.innerHeight]; }")  # fmt: skip
        assert top >= 0 and bottom <= height
    finally:
        context.close()


def test_after_a_click_a_phone_scrolls_to_the_result(app_server, browser, atlas):
    context, page = _open(browser, app_server.url, 390, 844)
    try:
        before = page.evaluate(_IN_VIEW, ".st-key-region-result")
        assert before[0] > before[2] * 0.5  # the prompt starts below the map
        click_data(page, *_largest(atlas, "leg"))
        _wait_idle(page, timeout=SLOW)
        page.wait_for_function(
            "() => { const r = document.querySelector('.st-key-region-result').getBoundingClientRect();"
            " return r.top >= -1 && r.top < window.innerHeight / 2; }"
        )
        assert "Leg" in page.locator(".st-key-region-result h2").inner_text()
    finally:
        context.close()
