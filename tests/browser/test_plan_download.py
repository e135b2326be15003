"""Build a small plan in Chromium and download its handout and CSV, as a therapist would."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.helpers import CHART, click_data, open_app, query_param, wait_idle
from tpatlas.data import load_atlas
from tpatlas.geometry import label_point
from tpatlas.plan import pick_options

pytestmark = pytest.mark.browser

PICKER = "Trigger points in the plan (type a muscle name to search)"


def test_build_a_plan_and_download_the_handout(app_server, page, tmp_path):
    open_app(page, app_server.url)  # the router first, as a visitor arriving at the home page
    page.get_by_role("link", name="Plan & handout").click()
    wait_idle(page)
    atlas = load_atlas()
    single = atlas.trigger_points.drop_duplicates("muscle", keep=False).index[0]  # a one-point muscle
    muscle = atlas.trigger_points.at[single, "muscle"]
    picker = page.get_by_role("combobox", name=PICKER)
    picker.click()
    picker.fill(muscle.lower())
    page.get_by_role("option", name=pick_options(atlas)[f"{single}:right"], exact=True).click()
    page.keyboard.press("Escape")
    wait_idle(page)
    assert query_param(page, "plan").endswith(f".{single}-r")

    pdf_button = page.get_by_role("button", name="Download the handout (PDF)")
    assert pdf_button.is_enabled()
    with page.expect_download(timeout=30_000) as info:
        pdf_button.click()
    download = info.value
    assert download.suggested_filename.startswith("treatment-plan-")
    assert download.suggested_filename.endswith(".pdf")
    saved = Path(tmp_path / "handout.pdf")
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    assert saved.stat().st_size > 10_000

    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Download the plan (CSV)").click()
    csv_path = tmp_path / "plan.csv"
    info.value.save_as(csv_path)
    assert muscle in csv_path.read_text(encoding="utf-8-sig")


def test_clicking_the_plan_map_chooses_the_region_to_add(app_server, page, atlas):
    """On the plan page the map picks the region for 'add all trigger points of a region'."""
    open_app(page, app_server.url)
    open_app(page, f"{app_server.url}/plan")
    box = page.get_by_role("combobox", name="Or add all trigger points of a region")
    for region in ("heel", "shoulder"):
        page.evaluate(f"() => document.querySelector('{CHART}').scrollIntoView({{block: 'center'}})")
        click_data(page, *label_point(next(f for f in atlas.features if f.region == region)))
        assert box.input_value() == atlas.regions.at[region, "label"], region
