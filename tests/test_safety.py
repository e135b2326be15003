"""Serious needling risks and screening (issue 13): the data's contract, and each flagged muscle's
warning on its card, in the plan and in the handout."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import run_page
from tpatlas import handout, safety
from tpatlas import plan as pl
from tpatlas.clinic_data import clinic_tables, load_aftercare, load_screening
from tpatlas.conditions import load_red_flags
from tpatlas.data import PACKAGED_DATA, DataError, load_sources, split_list
from tpatlas.links import safe_snippet
from tpatlas.lookups import source_short

SOURCES = set(load_sources(PACKAGED_DATA).index)
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")


@pytest.fixture(scope="module")
def risks(atlas):
    return safety.load_needling_risks(PACKAGED_DATA, SOURCES, safety.muscle_names(atlas))


def flagged(atlas, risks) -> dict[str, list[str]]:
    """tp_id -> risk ids that name it (by tp_id or muscle), from the raw data, not from safety.py."""
    out: dict[str, list[str]] = {}
    for rid, rec in risks.iterrows():
        names = {m.lower() for m in split_list(rec["muscles"])}
        for tp, muscle in atlas.trigger_points["muscle"].items():
            if tp in names or muscle.lower() in names:
                out.setdefault(tp, []).append(rid)
    return out


# ---------------------------------------------------------------- the data
def test_every_muscle_named_in_risks_and_screening_exists(atlas, risks):
    known = {n.lower() for n in safety.muscle_names(atlas)}
    screening = load_screening(PACKAGED_DATA, SOURCES)
    named = [m for cell in [*risks["muscles"], *screening["muscles"]] for m in split_list(cell) if m != "all"]
    assert named, "the risk and screening data name no muscle"
    missing = sorted({m for m in named if m.lower() not in known})
    assert not missing, f"named but not in trigger_points.csv: {missing}"


def test_every_kind_of_serious_harm_is_covered(risks):
    assert set(risks["risk"]) == set(safety.RISKS)


@pytest.mark.parametrize(
    "tp_id",
    [
        "rhomboids", "middle_trapezius", "serratus_anterior", "pectoralis_major", "pectoralis_minor",
        "supraspinatus", "infraspinatus", "scalenes", "quadratus_lumborum", "iliocostalis_thoracis",
        "iliocostalis_lumborum", "longissimus_thoracis",
    ],
)  # fmt: skip
def test_the_reviews_pneumothorax_sites_are_all_flagged(atlas, risks, tp_id):
    kinds = {risks.at[r, "risk"] for r in flagged(atlas, risks).get(tp_id, [])}
    assert "pneumothorax" in kinds, tp_id


def test_risks_cite_research_not_patient_pages(risks):
    for rid, cell in risks["source_ids"].items():
        ids = split_list(cell)
        assert ids and not [s for s in ids if s.startswith("seed_")], rid


def test_unknown_muscle_or_kind_is_refused_with_its_line(atlas, data_copy: Path):
    path = data_copy / "needling_risks.csv"
    rows = list(csv.reader(path.open(newline="", encoding="utf-8")))
    rows[3][rows[0].index("muscles")] = "Nosuchmuscle"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(DataError, match=r"line 4: .*unknown muscle 'Nosuchmuscle'"):
        safety.load_needling_risks(data_copy, SOURCES, safety.muscle_names(atlas))
    rows[3][rows[0].index("muscles")] = "all"
    rows[3][rows[0].index("risk")] = "bad_luck"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(DataError, match=r"line 4: risk 'bad_luck' is not one of"):
        safety.load_needling_risks(data_copy, SOURCES)


def test_blood_thinners_are_a_precaution_with_their_source():
    screening = load_screening(PACKAGED_DATA, SOURCES)
    row = screening.loc["bleeding"]
    assert row["severity"] == "precaution"
    assert "munoz_2022" in split_list(row["source_ids"])
    assert "not an automatic no" in row["reason"]


def test_the_missing_screening_items_are_asked():
    screening = load_screening(PACKAGED_DATA, SOURCES)
    wanted = {"skin_infection", "metal_allergy", "epilepsy", "implants", "cannot_consent", "diabetes",
              "recent_surgery", "varicose_veins", "fainting"}  # fmt: skip
    assert wanted <= set(screening.index)


def test_the_missing_red_flags_are_listed():
    flags = load_red_flags(PACKAGED_DATA, SOURCES)
    wanted = {"neck_artery", "thunderclap_headache", "temple_headache_over_50", "testicle_pain",
              "acute_abdomen", "night_pain", "infection_risk", "fracture_risk"}  # fmt: skip
    assert wanted <= set(flags.index)
    assert (flags.loc[list(wanted), "kind"] == "red_flag").all()


def test_aftercare_sends_new_weakness_after_spinal_needling_to_emergency_care():
    aftercare = load_aftercare(PACKAGED_DATA, SOURCES)
    calls = aftercare[aftercare["kind"] == "call"]
    hits = calls[calls["text"].str.contains("weakness") & calls["text"].str.contains("emergency")]
    assert len(hits) == 1
    assert {"lee_2011", "berrigan_2018"} <= set(split_list(hits.iloc[0]["source_ids"]))


def test_each_pneumothorax_figure_has_its_own_source():
    """'Under 1 in 10,000' is the clinic page's; 'at most about 4 in 10,000' is Brady's upper bound."""
    aftercare = load_aftercare(PACKAGED_DATA, SOURCES)
    row = aftercare.loc["call_breathless"]
    text = row["text"]
    assert re.search(r"clinic page puts it under 1 in 10,000", text)
    assert re.search(r"7,629 treatments .* at most about 4 in 10,000", text)
    assert {"seed_pt_clinic", "brady_2014"} <= set(split_list(row["source_ids"]))


def test_no_caution_presents_rib_bracketing_as_protective(atlas):
    for tp, text in atlas.trigger_points["cautions"].items():
        t = text.lower()
        assert "onto a rib" not in t and "fixed between two fingers" not in t, tp
        if "rib between" in t:
            assert "not a safeguard" in t, tp


# ---------------------------------------------------------------- texts for cards, plan, handout
def test_card_lines_for_every_flagged_trigger_point(atlas, risks):
    marked = flagged(atlas, risks)
    assert marked
    for tp, rids in marked.items():
        lines = safety.card_lines(tp, atlas.trigger_points.at[tp, "muscle"])
        for rid in rids:
            label = safety.RISKS[risks.at[rid, "risk"]]
            assert any(line.startswith(label) and risks.at[rid, "text"] in line for line in lines), (tp, rid)
    plain = next(tp for tp in atlas.trigger_points.index if tp not in marked)
    assert safety.card_lines(plain, atlas.trigger_points.at[plain, "muscle"]) == []


def test_screening_items_naming_a_muscle_show_on_its_card(atlas):
    lines = safety.card_lines("iliopsoas", "Iliopsoas")
    assert any(line.startswith("Ask first (Bleeding disorder or blood-thinning medicine)") for line in lines)


def test_plan_risks_name_each_flagged_muscle_once(atlas):
    tps = ["rhomboids", "rhomboids", "sternalis", "frontalis"]
    risks = safety.plan_risks(atlas, tps)
    headings = [
        f"{r.risk.label}: {r.risk.site}" + (f" ({', '.join(r.muscles)})" if r.muscles else "") for r in risks
    ]
    assert any(h.startswith("Collapsed lung") and "(Rhomboids)" in h for h in headings)
    assert any(h.startswith("Bleeding around the heart") and "(Sternalis)" in h for h in headings)
    assert headings[-1].startswith("Infection: Any needled site")
    assert not any("Frontalis" in h for h in headings)
    assert safety.plan_risks(atlas, []) == []


def _card_app(tp_id: str) -> None:
    from tpatlas import lookups, ui
    from tpatlas.data import load_atlas

    atlas = load_atlas()
    ui.trigger_point_card(
        lookups.trigger_points_in(atlas, atlas.trigger_points.at[tp_id, "region"]).loc[tp_id]
    )


def test_home_page_row_card_shows_the_warning_and_provenance(atlas):
    at = AppTest.from_function(_card_app, args=("serratus_anterior",), default_timeout=30)
    at.run()
    assert not at.exception
    assert any(
        e.value.startswith(safe_snippet("Collapsed lung (pneumothorax)", limit=None)) for e in at.error
    )
    rec = atlas.trigger_points.loc["serratus_anterior"]
    shown = " ".join(m.value for m in at.markdown)
    assert "Pattern drawn from:" in shown and "fig\\. 46\\-1" in shown
    assert "How strong the evidence is:" in shown and "expert manual" in shown
    assert "Review:" in shown and rec["review_status"].split(" ")[0] in shown


def test_each_risk_shows_on_a_pattern_card(atlas, risks):
    """One flagged trigger point per risk row: its pattern page's card shows that risk."""
    marked = flagged(atlas, risks)
    for rid, rec in risks.iterrows():
        if rec["muscles"] == "all":
            continue
        tp = next(t for t, rids in marked.items() if rid in rids)
        at = run_page("pages/pattern.py", muscle=tp)
        assert not at.exception, tp
        label = safety.RISKS[rec["risk"]]
        assert any(e.value.startswith(safe_snippet(label, limit=None)) for e in at.error), (rid, tp)
        assert any(safe_snippet(rec["text"], limit=None) in e.value for e in at.error), (rid, tp)


def test_plan_page_shows_the_serious_risks_of_its_muscles():
    at = run_page("pages/plan.py", plan="v1.s3.w2.m20.d20250602.rhomboids-r.sternalis-l")
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("Collapsed lung" in e and "Rhomboids" in e for e in errors)
    assert any("Bleeding around the heart" in e and "Sternalis" in e for e in errors)
    assert any("Infection" in e and "whole plan" in e for e in errors)


@needs_poppler
def test_handout_names_each_flagged_muscle_and_its_risk(atlas, tmp_path):
    screening, aftercare = clinic_tables()
    picks = [pl.Pick("rhomboids", "right"), pl.Pick("multifidus", "left"), pl.Pick("iliopsoas", "right")]
    plan = pl.new_plan(atlas, picks, date(2025, 6, 2))
    pdf = handout.build_handout(atlas, plan, [], aftercare, screening, prepared=date(2025, 5, 30))
    path = tmp_path / "h.pdf"
    path.write_bytes(pdf)
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Rare but serious risks at these sites" in text
    for label, muscle in (
        ("Collapsed lung (pneumothorax)", "Rhomboids"),
        ("Spinal cord injury or bleeding in the spinal canal", "Multifidus"),
        ("Nerve injury", "Iliopsoas"),
    ):
        assert re.search(re.escape(label) + r": [^.]*\(" + muscle, text), (label, muscle)
    for sid in ("mintken_2025", "williams_2023", "ball_2019"):
        assert source_short(atlas, sid) in text, sid  # the handout cites sources by short name


def test_every_flagged_trigger_point_is_warned_in_the_plan_and_handout_texts(atlas, risks):
    """The plan page and the handout show plan.risk_notes: every flagged point, under its risk."""
    for tp, rids in flagged(atlas, risks).items():
        muscle = atlas.trigger_points.at[tp, "muscle"]
        notes = pl.risk_notes(atlas, pl.new_plan(atlas, [pl.Pick(tp, "left")], date(2026, 1, 5)))
        for rid in rids:
            label = safety.RISKS[risks.at[rid, "risk"]]
            assert any(n.text.startswith(label) and f"({muscle})" in n.text for n in notes), (tp, rid)
