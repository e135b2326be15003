"""The plan's safety gate in Chromium: a ticked contraindication holds the handout until the
therapist records a reason; the handout then states the contraindication and the reason."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.browser.helpers import open_app, wait_idle

pytestmark = pytest.mark.browser

REASON = "Talked it through with the patient, who wants to go on; a small number of shallow needles."


def test_a_contraindication_holds_the_handout_until_a_reason(app_server, page, atlas, tmp_path):
    ids = list(atlas.trigger_points.index[:8])
    link = "v1.s3.w2.m30.d20250602." + ".".join(f"{t}-r" for t in ids)
    open_app(page, app_server.url, chart=False)
    open_app(page, f"{app_server.url}/plan?plan={link}", chart=False)
    pdf_button = page.get_by_role("button", name="Download the handout (PDF)")
    pdf_button.wait_for(timeout=90_000)  # a cold server's first run of the plan page can be slow
    assert pdf_button.is_enabled()

    page.get_by_text("Strong fear of needles").click()  # the screening checkbox's label
    wait_idle(page, chart=False)
    assert pdf_button.is_disabled()
    assert page.get_by_text("The needling plan is on hold").count() >= 1

    reason = page.get_by_label("Your reason to go on with needling (printed on the handout)")
    reason.fill(REASON)
    reason.press("Control+Enter")  # commits the text area
    wait_idle(page, chart=False)
    assert pdf_button.is_enabled()

    with page.expect_download(timeout=30_000) as info:
        pdf_button.click()
    path = tmp_path / "handout.pdf"
    info.value.save_as(path)
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Usually a reason not to needle: Strong fear of needles." in text
    assert REASON in text
    # the table's numbers, read back: "<n> <muscle>" for each row, 1..8 in the order of the plan
    for n, tp in enumerate(ids, start=1):
        muscle = atlas.trigger_points.at[tp, "muscle"].split(" (")[0]
        assert re.search(rf"\b{n} {re.escape(muscle)}\b", text), (n, muscle)
