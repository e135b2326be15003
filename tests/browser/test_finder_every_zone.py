"""Every zone of the finder, in the view where it is picked, at desktop and phone width: a
random spot inside each zone (on each side) is named as that zone by the map under a real pointer,
and a click or tap in one zone of each view marks exactly that area.

The map resolves a pointer to a zone in one function (its point-in-polygon hit test), used for
the hover label and for the click; so the hover checks every spot cheaply (no rerun each), and
the click or tap per view checks the way from the pixel to the page's state."""

from __future__ import annotations

import contextlib
import random

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from shapely.geometry import Point

from tests.browser.helpers import (
    CHART,
    MAP,
    choose_option,
    click_data,
    data_to_page,
    open_app,
    query_param,
    tap_data,
)
from tests.zone_views import pick_views, shape
from tpatlas.geometry import label_point
from tpatlas.referral import VIEWS, key_label, zone_key

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # two runs of about a minute each

# per zone and side, at each width: one, so every zone is hovered in the browser (3 took ~220 s
# of the suite's time for little more; tests/test_geometry.py checks many spots per zone offline)
SPOTS = 1
EDGE_PX = 4  # spots keep this far from a zone's edge (a drawn border line is about 1 px)
_TIP = f"{MAP} .tpa-map-tip"
_SHOWN = f"""() => {{ const t = document.querySelector('{_TIP}');
    return t && t.style.display === 'block' ? t.textContent : ''; }}"""  # the map's hover label
_NAMED = f"(want) => ({_SHOWN})() === want"
_SCALE = f"() => Math.abs(document.querySelector('{CHART}')._fullLayout.xaxis._m)"  # px per unit


def spots(feature, margin: float, rng: random.Random) -> list[tuple[float, float]]:
    """The zone's label point and random points at least ``margin`` units inside it."""
    inner = shape(feature).buffer(-margin)
    found = [label_point(feature)]
    if inner.is_empty:
        return found
    x0, y0, x1, y1 = inner.bounds
    for _ in range(500):
        if len(found) == SPOTS:
            break
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if inner.contains(Point(x, y)):
            found.append((x, y))
    return found


def named_at(page, px: float, py: float, expected: str) -> str:
    """Move the mouse to (px, py) and return the map's label for what is under it."""
    page.mouse.move(px, py)
    with contextlib.suppress(PlaywrightTimeout):  # a wrong name is reported below
        page.wait_for_function(_NAMED, arg=expected, timeout=2_000)
    return page.evaluate(_SHOWN)


@pytest.mark.parametrize("width,height", [(1400, 900), (390, 844)], ids=["desktop", "phone"])
def test_every_zone_is_named_where_it_is_picked(app_server, browser, full_atlas, width, height):
    atlas = full_atlas
    phone = width < 700
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=phone)
    page = context.new_page()
    rng = random.Random(width)
    by_view: dict[str, list] = {}
    for (zone, side), (view, _, feature) in sorted(pick_views(atlas).items()):
        by_view.setdefault(view, []).append((zone, side, feature))
    try:
        open_app(page, app_server.url)
        open_app(page, f"{app_server.url}/finder")
        missed, checked = [], 0
        for view, items in by_view.items():
            choose_option(page, "View", VIEWS[view].label)
            margin = EDGE_PX / page.evaluate(_SCALE)
            for zone, side, feature in items:
                region = atlas.regions.at[atlas.zones[zone].region, "label"]
                expected = f"{region}: {key_label(atlas, zone_key(zone, side))}"
                for x, y in spots(feature, margin, rng):
                    got = named_at(page, *data_to_page(page, x, y), expected)
                    checked += 1
                    if got != expected:
                        missed.append((view, expected, round(x, 2), round(y, 2), got))
            # one real click (a tap on the phone) per view: it marks exactly that area
            zone, side, feature = items[0]
            key = zone_key(zone, side)
            (tap_data if phone else click_data)(page, *label_point(feature))
            assert query_param(page, "zones") == key, (view, key)
            (tap_data if phone else click_data)(page, *label_point(feature))  # and unmarks it
            assert query_param(page, "zones") in (None, ""), (view, key)
        assert checked >= SPOTS * len(pick_views(atlas)) * 0.9
        assert not missed, f"{len(missed)} of {checked} spots named another zone: {missed[:10]}"
    finally:
        context.close()
