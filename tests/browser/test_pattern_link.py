"""Opening a pattern from a link in Chromium: a deep link, a search result and a region table row
each show the trigger point's X and its shaded referral zones on the map."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.helpers import CHART, open_app, query_param, wait_idle
from tpatlas.patterns import marks_for

pytestmark = pytest.mark.browser


def traces(page) -> dict[str, dict]:
    """Name -> {x, y} of the map's traces, read from the live Plotly figure."""
    return page.evaluate(
        f"""() => Object.fromEntries(document.querySelector('{CHART}').data
            .filter(t => t.name).map(t => [t.name, {{x: t.x, y: t.y}}]))"""
    )


def assert_pattern(page, atlas, tp_id: str, side: str) -> None:
    """The map draws the pattern's shading and an X in every view that shows the point's zone
    (``atlas`` is the full atlas: the figure holds every view, framed one at a time)."""
    expected = marks_for(atlas, [(tp_id, side)])
    with contextlib.suppress(PlaywrightTimeout):  # the component draws after the rerun: wait for it
        page.wait_for_function(
            f"""(n) => {{ const t = (document.querySelector('{CHART}').data || [])
                .find((t) => t.name === 'trigger-points'); return t && t.x.length === n; }}""",
            arg=len(expected), timeout=10_000,
        )  # fmt: skip
    shown = traces(page)
    assert {"shade-essential", "trigger-points"} <= set(shown), sorted(shown)
    assert shown["trigger-points"]["x"] == pytest.approx([m.x for m in expected])
    assert page.locator(CHART).first.is_visible()


def test_deep_link_draws_the_pattern_on_the_chosen_side(app_server, page, full_atlas):
    open_app(page, app_server.url)  # the router first, as a visitor arriving at the home page
    open_app(page, f"{app_server.url}/pattern?muscle=infraspinatus&side=left")
    assert_pattern(page, full_atlas, "infraspinatus", "left")
    assert page.get_by_role("heading", name="Infraspinatus").is_visible()
    assert page.get_by_text("Essential zone: pain nearly always felt here").count() >= 1  # the legend


def test_search_result_opens_the_pattern(app_server, page, full_atlas):
    open_app(page, app_server.url)
    box = page.get_by_label("Search the atlas")
    box.fill("traps")
    box.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Upper trapezius · muscle").click()
    wait_idle(page)
    page.wait_for_url("**/pattern?**")
    wait_idle(page)
    assert query_param(page, "muscle") == "upper_trapezius"
    assert_pattern(page, full_atlas, "upper_trapezius", "right")


def test_region_table_row_links_to_its_pattern(app_server, page, atlas, full_atlas):
    open_app(page, f"{app_server.url}/?region=heel")
    # one button per trigger point beside the map opens its card in a dialog, with the link
    first = page.locator('[data-testid="stButtonGroup"] button').first
    name = first.inner_text()
    first.click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    dialog.get_by_role("link", name="See its referral pattern on the body map").click()
    page.wait_for_url("**/pattern?**")
    wait_idle(page)
    tp_id = query_param(page, "muscle")
    assert atlas.trigger_points.at[tp_id, "muscle"] == name.split(",")[0].strip()
    assert_pattern(page, full_atlas, tp_id, "right")
