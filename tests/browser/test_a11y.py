"""WCAG checks on every page at desktop and phone width, light and dark: axe-core finds no
serious or critical violation; headings do not skip a level; the focus ring differs from the
current page's highlight; every map and control has a name."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from tests.browser.axe import axe_script, describe, serious_violations
from tests.browser.helpers import wait_idle, watch
from tpatlas import plan as pl
from tpatlas.data import load_atlas

pytestmark = pytest.mark.browser


def plan_link() -> str:
    """A link to a small plan (two trigger points), as the plan page writes it."""
    picks = (pl.key_pick("deltoid:right"), pl.key_pick("infraspinatus:left"))
    return "/plan?plan=" + pl.encode_link(pl.new_plan(load_atlas(), picks, date(2026, 3, 2)))


PAGES = [
    "/",
    "/?region=shoulder",
    "/pattern?muscle=deltoid",
    "/finder?zones=temple:left",
    "/learn",
    "/quiz",
    "/sources",
    plan_link(),
]
SIZES = {"desktop": (1400, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_script()


def _open(browser, url: str, size: str, scheme: str = "light"):
    w, h = SIZES[size]
    context = browser.new_context(
        viewport={"width": w, "height": h}, color_scheme=scheme, has_touch=size == "phone"
    )
    page = context.new_page()
    page.set_default_timeout(120_000)
    watch(page.context)
    page.goto(url)
    wait_idle(page, timeout=120_000, chart=False)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', state="attached")
    # our stylesheet (ui.page_style) is in effect: captions no longer at Streamlit's faded opacity
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
            .every(e => getComputedStyle(e).opacity === '0.85')"""
    )
    return context, page


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_axe_violation(app_server, browser, axe, path, size):
    context, page = _open(browser, app_server.url + path, size)
    try:
        found = serious_violations(page, axe)
        assert not found, describe(found)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/?region=shoulder", plan_link()])
def test_no_serious_axe_violation_in_the_dark(app_server, browser, axe, path):
    context, page = _open(browser, app_server.url + path, "desktop", scheme="dark")
    try:
        background = page.evaluate("getComputedStyle(document.querySelector('.stApp')).backgroundColor")
        assert background != "rgb(255, 255, 255)", "the system asks for dark: the page should be dark"
        found = serious_violations(page, axe)
        assert not found, describe(found)
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_headings_do_not_skip_a_level(app_server, browser, path):
    context, page = _open(browser, app_server.url + path, "desktop")
    try:
        levels = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stMain"] :is(h1,h2,h3,h4,h5,h6)')]
                .filter((h) => h.offsetParent !== null).map((h) => Number(h.tagName[1]))"""
        )
        assert levels and levels[0] == 1, levels
        jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
        assert not jumps, f"heading levels {levels}"
    finally:
        context.close()


def test_keyboard_focus_is_visible_and_differs_from_the_current_page(app_server, browser):
    context, page = _open(browser, app_server.url + "/", "desktop")
    try:
        current = page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]').first
        current.focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Shift+Tab")  # keyboard focus back on the current page's link
        style = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return [document.activeElement.getAttribute('aria-current'), s.outlineStyle,
                               parseFloat(s.outlineWidth)]; }"""
        )
        assert style[0] == "page" and style[1] != "none" and style[2] >= 2, style
        other = page.locator('[data-testid="stSidebarNavLink"]:not([aria-current])').first
        no_focus = other.evaluate("(e) => getComputedStyle(e).outlineStyle")
        assert no_focus == "none"  # only the focused link has the ring
    finally:
        context.close()


def test_a_trigger_point_opens_by_keyboard_in_a_titled_dialog(app_server, browser):
    context, page = _open(browser, app_server.url + "/?region=shoulder", "desktop")
    try:
        first = page.locator('[data-testid="stButtonGroup"] button', has_text="Deltoid, point 2 of 3").first
        first.focus()
        page.keyboard.press("Enter")
        dialog = page.get_by_role("dialog")
        dialog.wait_for()
        assert dialog.get_by_text("Deltoid, point 2 of 3").first.is_visible()
        assert dialog.get_by_text("In the middle part of the deltoid", exact=False).first.is_visible()
        box = dialog.bounding_box()
        assert box and box["y"] >= 0 and box["y"] < 900
        page.keyboard.press("Escape")
        dialog.wait_for(state="detached")
    finally:
        context.close()
