"""A first visit straight to a page of a freshly started server goes through the router."""

from __future__ import annotations

import pytest

from tests.browser.helpers import AppServer, open_app, wait_idle

pytestmark = pytest.mark.browser


def test_first_visit_to_a_deep_page_uses_the_router(page):
    server = AppServer()  # fresh: no session has loaded the home page yet
    try:
        open_app(page, f"{server.url}/sources", chart=False)
        # the page reruns itself through the router once: wait for the router's menu
        # (the menu comes first in that run, the page's body after it: wait for both, then idle)
        page.locator('[data-testid="stSidebar"]').get_by_text("For therapists").wait_for(timeout=15_000)
        page.get_by_role("heading", name="Sources").first.wait_for(timeout=15_000)
        wait_idle(page, chart=False)
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "For therapists" in sidebar and "Plan & handout" in sidebar
        assert page.url.endswith("/sources")
        assert page.get_by_role("heading", name="Sources").first.is_visible()
    finally:
        server.stop()
