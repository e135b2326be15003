"""The PDF handout: it opens, has one or two pages, says what the plan says and draws the map.

Read back with poppler's pdftotext and pdfinfo (Debian's poppler-utils, installed by `make browser`).
"""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import subprocess
import zlib
from datetime import date
from pathlib import Path

import pytest

from tpatlas import handout
from tpatlas import plan as pl
from tpatlas.clinic_data import clinic_tables
from tpatlas.lookups import source_short
from tpatlas.patterns import shades_for

MONDAY = date(2025, 6, 2)
PREPARED = date(2025, 5, 30)
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")


@pytest.fixture(scope="module")
def tables():
    return clinic_tables()


def six_picks(atlas) -> list[pl.Pick]:
    """Six trigger points in different regions, some with cautions, some with spillover zones."""
    tps = atlas.trigger_points
    chosen = tps.drop_duplicates("region").index[:6]
    return [pl.Pick(tp, "right" if i % 2 else "left") for i, tp in enumerate(chosen)]


REASON = "Discussed with the patient's doctor; needling is kept well away from the swollen arm."


def build(atlas, tables, picks, ticked=("lymphedema", "pregnancy"), reason=REASON, **settings) -> bytes:
    screening, aftercare = tables
    plan = pl.new_plan(atlas, picks, MONDAY, pl.Settings(**settings) if settings else None)
    warnings = pl.screening_warnings(screening, ticked)
    return handout.build_handout(
        atlas, plan, warnings, aftercare, screening, prepared=PREPARED, reason=reason
    )


def largest_plan(atlas) -> list[pl.Pick]:
    """The most to print: MAX_PICKS trigger points with the longest texts and cautions."""
    tps = atlas.trigger_points
    size = {
        t: sum(len(str(tps.at[t, c])) for c in ("cautions", "referred_pain", "trigger_point"))
        for t in tps.index
    }
    return [pl.Pick(t, "right") for t in sorted(tps.index, key=lambda t: -size[t])[: pl.MAX_PICKS]]


def read_back(pdf: bytes, tmp_path: Path) -> tuple[int, str]:
    path = tmp_path / "handout.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pages, " ".join(text.split())  # one space between words, whatever the layout


def content_ops(pdf: bytes) -> str:
    """The pages' drawing operators, inflated."""
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(raw).decode("latin-1"))
        except zlib.error:
            out.append(raw.decode("latin-1"))
    return "\n".join(out)


@needs_poppler
def test_handout_opens_and_says_what_the_plan_says(atlas, tables, tmp_path):
    picks = six_picks(atlas)
    pdf = build(atlas, tables, picks, sessions=4, per_week=2, minutes=25)
    assert pdf.startswith(b"%PDF-")
    pages, text = read_back(pdf, tmp_path)
    assert 1 <= pages <= 2
    assert "Your dry-needling plan" in text
    assert "Name: Date: Fri 30 May 2025" in text  # the name line is left blank, to fill in by hand
    for pick in picks:
        assert atlas.trigger_points.at[pick.tp_id, "muscle"].split(" (")[0] in text
    for day in ("Mon 2 Jun 2025", "Thu 5 Jun 2025", "Mon 9 Jun 2025", "Thu 12 Jun 2025"):
        assert day in text
    assert "4 sessions, twice a week, about 25 minutes" in text
    screening, _ = tables
    for item in ("lymphedema", "pregnancy"):
        assert " ".join(screening.at[item, "label"].split()) in text
    assert "Usually a reason not to needle" in text and "Needle only with extra care" in text
    assert " ".join(REASON.split()) in text  # the contraindication, and why the therapist went on
    assert "When to get help" in text and "pneumothorax" in text
    assert "What to expect" in text
    assert "Sources" in text and "Brady" in text
    assert "Page 1 of" in text


@needs_poppler
def test_no_warning_section_claims_a_problem_when_none_is_ticked(atlas, tables, tmp_path):
    _, text = read_back(build(atlas, tables, six_picks(atlas)[:2], ticked=()), tmp_path)
    assert "No screening item was ticked" in text
    assert "Usually a reason not to needle" not in text


@needs_poppler
@pytest.mark.parametrize("n,most", [(6, 2), (8, 2), (10, 3), (pl.MAX_PICKS, 3)])
def test_the_largest_plans_with_every_warning_fit_their_pages(atlas, tables, tmp_path, n, most):
    """The trigger points with the longest texts and cautions, every screening item ticked,
    every serious risk: 6 and 8 points fit two pages, 10 and 12 three (the type stays near 7 pt)."""
    screening, _ = tables
    picks = largest_plan(atlas)[:n]
    pages, text = read_back(build(atlas, tables, picks, ticked=tuple(screening.index)), tmp_path)
    assert pages <= most
    for label in screening["label"]:
        assert " ".join(label.split()) in text
    assert f"Point {n}:" in text or f"and {n}:" in text or f", {n}" in text


@needs_poppler
def test_numbers_agree_across_table_csv_and_pdf(atlas, tables, tmp_path):
    picks = largest_plan(atlas)[:8]
    plan = pl.new_plan(atlas, picks, MONDAY)
    table = pl.plan_table(atlas, plan)
    assert list(table["No."]) == list(range(1, 9))
    csv_rows = list(csv.DictReader(io.StringIO(pl.plan_csv(atlas, plan).decode("utf-8-sig"))))
    by_number = {int(r["number"]): r["tp_id"] for r in csv_rows}
    assert by_number == {n: p.tp_id for n, p in enumerate(picks, start=1)}
    _, text = read_back(build(atlas, tables, picks, ticked=()), tmp_path)
    tps = atlas.trigger_points
    for n, rec in zip(table["No."], table.to_dict("records"), strict=True):
        # the table row starts "<n> <muscle>" in the PDF text (a long name wraps in its cell)
        assert re.search(rf"\b{n} {re.escape(rec['Muscle'].split()[0])}\b", text), n
    # the map's numbers: each X's label in the PDF is its trigger point's number
    marks = handout.marks_for(atlas, list(plan.picks))
    assert {m.label for m in marks} == {str(n) for n in range(1, 9)}
    for m in marks:
        assert m.text.startswith(f"{m.label}. Trigger point: {tps.at[by_number[int(m.label)], 'muscle']}")


@needs_poppler
def test_a_contraindication_is_stated_and_needs_a_reason(atlas, tables, tmp_path):
    screening, aftercare = tables
    plan = pl.new_plan(atlas, six_picks(atlas), MONDAY)
    warnings = pl.screening_warnings(screening, ["needle_phobia"])
    with pytest.raises(pl.PlanError, match="on hold"):
        handout.build_handout(atlas, plan, warnings, aftercare, screening, reason="  ")
    _, text = read_back(build(atlas, tables, six_picks(atlas), ticked=("needle_phobia",)), tmp_path)
    assert "Usually a reason not to needle: Strong fear of needles." in text
    assert "decided to go on because: " + " ".join(REASON.split()) in text


@needs_poppler
def test_precautions_are_one_line_and_cautions_one_block(atlas, tables, tmp_path):
    picks = largest_plan(atlas)[:6]
    _, text = read_back(build(atlas, tables, picks, ticked=("pregnancy", "child_under_12")), tmp_path)
    assert text.count("Needle only with extra care") == 1
    assert "Needle only with extra care: Pregnant (above all the first three months); Child under 12." in text
    assert text.count("Take care at these points") == 1
    assert "Point 1:" in text


def test_no_note_is_split_across_the_page_break(atlas, tables, tmp_path):
    """Every safety note starts and ends on the same page (read back page by page)."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed")
    screening, _ = tables
    pdf = build(atlas, tables, largest_plan(atlas), ticked=tuple(screening.index))
    path = tmp_path / "h.pdf"
    path.write_bytes(pdf)
    pages = []
    for n in (1, 2, 3):
        out = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True, text=True
        )
        pages.append(" ".join(out.stdout.split()))
    plan = pl.new_plan(atlas, largest_plan(atlas), MONDAY)
    for group in pl.plan_notes(atlas, plan, []):
        for text, _points in group.items:
            words = " ".join(text.split())
            assert any(words in page for page in pages), words[:60]


@needs_poppler
def test_a_full_plan_stays_within_two_pages(atlas, tables, tmp_path):
    ids = atlas.trigger_points.drop_duplicates("region").index[: pl.MAX_PICKS // 2]
    pdf = build(atlas, tables, pl.expand_side(ids, "both"), sessions=12, per_week=3, minutes=45)
    pages, text = read_back(pdf, tmp_path)
    assert pages <= 2
    assert "both sides" in text


@pytest.mark.parametrize("seed", range(6))
def test_ten_points_chosen_at_random_with_every_warning_fit_two_pages(atlas, tables, seed):
    """Not only the longest texts: any 10 trigger points, every screening item ticked."""
    screening, _ = tables
    rng = random.Random(seed)
    chosen = rng.sample(list(atlas.trigger_points.index), 10)
    picks = [pl.Pick(t, rng.choice(("left", "right"))) for t in chosen]
    pdf = build(atlas, tables, picks, ticked=tuple(screening.index))
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) <= 2


def test_source_addresses_print_short():
    assert handout.short_url("https://doi.org/10.1093/ptj/pzaf078") == "doi:10.1093/ptj/pzaf078"
    pubmed = "pubmed.ncbi.nlm.nih.gov/32089962/"
    assert handout.short_url(f"https://{pubmed}") == pubmed
    assert handout.short_url("") == ""


def test_the_map_is_drawn_as_vector_polygons(atlas, tables):
    picks = six_picks(atlas)
    shades = shades_for(atlas, picks)
    shapes = handout.map_shapes(atlas, shades)
    whole = ("front", "back", "sole")  # the page draws the whole body, not the sides
    n_outline = sum(len(atlas.outlines[v]) for v in whole)
    n_regions = sum(len(f.rings) for f in atlas.features if f.view in whole)
    layers = [s.layer for s in shapes]
    assert layers.count("outline") == n_outline
    assert layers.count("region") == n_regions
    assert layers.count("essential") >= 1
    assert layers.index("essential") > layers.index("region")  # the pattern lies on top
    ops = content_ops(build(atlas, tables, picks))
    fills = len(re.findall(r"\b(?:f|B|b|f\*|B\*)\n", ops))
    assert fills >= len(shapes)  # every polygon filled (plus dots, legend and table fills)
    if any(s.level == "spillover" for s in shades):
        assert handout.stipple(shapes)


def test_empty_plan_has_no_handout(atlas, tables):
    screening, aftercare = tables
    with pytest.raises(pl.PlanError, match="at least one trigger point"):
        handout.build_handout(atlas, pl.Plan((), 3, 2, 20, MONDAY), [], aftercare, screening)


@needs_poppler
def test_core_font_fallback_without_dejavu(atlas, tables, tmp_path, monkeypatch):
    monkeypatch.setattr(handout, "FONT_DIR", tmp_path / "no-fonts")
    pdf = build(atlas, tables, six_picks(atlas)[:3])
    pages, text = read_back(pdf, tmp_path)
    assert 1 <= pages <= 2
    assert atlas.trigger_points.at[six_picks(atlas)[0].tp_id, "muscle"].split(" (")[0] in text
    assert b"Helvetica" in pdf and b"DejaVu" not in pdf


def test_short_source_names(atlas):
    names = {sid: source_short(atlas, sid) for sid in atlas.sources.index}
    assert names["brady_2014"] == "Brady et al. 2014"
    assert names["travell_1992"] == "Travell & Simons 1992"
    assert names["hong_1994"] == "Hong 1994"
    assert names["seed_enews"].startswith("health enews") and names["seed_pt_clinic"] != "What"
