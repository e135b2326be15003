"""In a real browser: injected markup never runs, sessions never mix, nothing leaves the machine."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from tests.browser.helpers import choose_option, click_data, open_app, query_param, reload_app
from tpatlas.geometry import label_point

pytestmark = pytest.mark.browser

PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=1</script>",
    '"><svg onload="window.__pwned=1">',
    "javascript:window.__pwned=1",
    "[x](javascript:window.__pwned=1)",
]
PAGES = {"": "region", "pattern": "muscle", "finder": "zones", "plan": "plan"}
TOUR = ["", "pattern", "finder", "quiz", "plan", "learn", "sources"]


def test_injected_markup_never_runs(app_server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path, param in PAGES.items():
        for payload in PAYLOADS:
            open_app(page, f"{app_server.url}/{path}?{param}={quote(payload)}", chart=False)
            assert page.evaluate("window.__pwned === undefined"), (path, payload)
            assert page.locator("img[src='x'], svg[onload]").count() == 0, (path, payload)
    assert not dialogs


def test_two_sessions_keep_their_own_selection(app_server, browser, atlas):
    a = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    b = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    try:
        open_app(a, app_server.url)
        open_app(b, app_server.url)
        heel = next(f for f in atlas.features if f.zone == "heel_underside")
        neck = next(f for f in atlas.features if f.zone == "back_of_neck")
        click_data(a, *label_point(heel))
        click_data(b, *label_point(neck))
        choose_option(a, "Region", "Jaw")
        reload_app(b)
        reload_app(a)
        assert query_param(a, "region") == "jaw" and query_param(b, "region") == "neck"
        assert a.get_by_role("heading", name="Trigger points in the jaw").is_visible()
        assert b.get_by_role("heading", name="Trigger points in the neck").is_visible()
        assert a.get_by_role("heading", name="Trigger points in the neck").count() == 0
        assert b.get_by_role("heading", name="Trigger points in the jaw").count() == 0
    finally:
        a.context.close()
        b.context.close()


def test_two_sessions_keep_their_own_plan(app_server, browser, atlas):
    from datetime import date

    from tpatlas import plan

    links = {
        name: plan.encode_link(plan.new_plan(atlas, [plan.Pick(tp, "right")], date(2026, 12, 1)))
        for name, tp in (("a", "soleus"), ("b", "masseter"))
    }
    muscles = {
        "a": atlas.trigger_points.at["soleus", "muscle"],
        "b": atlas.trigger_points.at["masseter", "muscle"],
    }
    pages = {n: browser.new_context(viewport={"width": 1400, "height": 1000}).new_page() for n in links}
    try:
        for n, pg in pages.items():
            open_app(pg, app_server.url)
            open_app(pg, f"{app_server.url}/plan?plan={links[n]}")
        for n, pg in pages.items():  # each reloads after the other has built its plan
            reload_app(pg)
            other = "b" if n == "a" else "a"
            table = pg.locator('[data-testid="stTable"]').first.inner_text()
            assert muscles[n] in table and muscles[other] not in table, (n, table[:200])
            assert query_param(pg, "plan") == links[n]
    finally:
        for pg in pages.values():
            pg.context.close()


def test_a_full_tour_talks_only_to_the_app_server(app_server, page, atlas):
    """Every request of a tour of all pages goes to the app's own host and port."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.on("websocket", lambda ws: seen.append(ws.url))
    open_app(page, app_server.url)
    for region in ("heel", "shoulder", "head"):
        feat = next(f for f in atlas.features if f.region == region)
        click_data(page, *label_point(feat))
    for path in TOUR[1:]:
        open_app(page, f"{app_server.url}/{path}", chart=False)
        page.wait_for_load_state("networkidle")  # every request the page makes has been made
    own = urlsplit(app_server.url).netloc
    foreign = sorted(
        {u for u in seen if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != own}
    )
    assert seen, "no requests recorded"
    assert not foreign, f"requests left the app server: {foreign}"
    print(f"privacy tour: {len(seen)} requests, all to {own}")
