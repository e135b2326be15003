"""Print: the home page prints every row of its tables; the plan page prints as its handout
(the plan, schedule and aftercare, not its form controls)."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from tests.browser.helpers import wait_idle, watch
from tpatlas import plan as pl
from tpatlas.data import load_atlas
from tpatlas.lookups import referring_into, trigger_points_in
from tpatlas.referral import trigger_point_label

pytestmark = pytest.mark.browser
SLOW = 120_000


def _printed(page, url: str, tmp_path) -> str:
    page.set_default_timeout(SLOW)
    watch(page.context)
    page.goto(url)
    wait_idle(page, timeout=SLOW)
    page.emulate_media(media="print")
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return "".join(text.stdout.split())  # no spaces: a cell's line breaks do not matter


def test_home_page_prints_every_table_row(app_server, page, tmp_path, atlas):
    text = _printed(page, f"{app_server.url}/?region=shoulder", tmp_path)
    rows = [*trigger_points_in(atlas, "shoulder").index, *referring_into(atlas, "shoulder").index]
    missing = [t for t in rows if "".join(trigger_point_label(atlas, t).split()) not in text]
    assert not missing, missing
    assert "Searchtheatlas" not in text  # no sidebar
    assert "Menuandsearch" not in text


def test_plan_page_prints_as_its_handout(app_server, page, tmp_path):
    atlas = load_atlas()
    picks = (pl.key_pick("deltoid:right"), pl.key_pick("infraspinatus:left"))
    plan = pl.new_plan(atlas, picks, date(2026, 3, 2))
    text = _printed(page, f"{app_server.url}/plan?plan={pl.encode_link(plan)}", tmp_path)
    for row in pl.plan_table(atlas, plan).astype(str).itertuples(index=False):
        assert "".join(str(row[0]).split()) in text
    assert "Schedule:" in text
    assert "".join(pl.day_text(pl.schedule(plan)[0].day).split()) in text
    assert "Aftercare" in text
    for control in ("Sessions a week", "Or add all trigger points of a region", "Download the handout"):
        assert "".join(control.split()) not in text, control
