"""The staged new trigger points pass tools/check_new_rows.py, and the checker catches bad rows."""

import csv
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location("check_new_rows", ROOT / "tools" / "check_new_rows.py")
check = importlib.util.module_from_spec(SPEC)
sys.modules["check_new_rows"] = check  # dataclasses look their module up here
SPEC.loader.exec_module(check)

DATA = ROOT / "data"
CATALOGUE = ROOT / "tools" / "zone_catalogue.csv"


def _ids(path: Path) -> set[str]:
    with path.open(newline="", encoding="utf-8") as fh:
        return {row["tp_id"] for row in csv.DictReader(fh)}


# Once the integrator has appended the staged rows to data/, staging/ has done its job.
pytestmark = pytest.mark.skipif(
    not (ROOT / "staging" / "new_trigger_points.csv").exists()
    or _ids(ROOT / "staging" / "new_trigger_points.csv") <= _ids(DATA / "trigger_points.csv"),
    reason="the staged rows are already merged into data/trigger_points.csv",
)


def test_staged_rows_pass_and_reach_the_targets():
    report, figures = check.run(DATA, ROOT / "staging", CATALOGUE)
    assert report.errors == []
    assert figures["muscles_after"] >= 110
    assert figures["trigger_points_after"] >= 170


def _staging_with(tmp_path: Path, row_id: str, changes: dict[str, str]) -> Path:
    """A copy of staging/ with one trigger-point row changed."""
    staging = tmp_path / "staging"
    shutil.copytree(ROOT / "staging", staging)
    path = staging / "new_trigger_points.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    target = next(r for r in rows if r["tp_id"] == row_id)
    target.update(changes)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, check.TP_HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return staging


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"essential_zones": "wrist"}, "zone 'wrist' is not in the catalogue"),
        ({"tp_id": "triceps"}, "already exists in data/trigger_points.csv"),
        ({"source_ids": "simons_1999;seed_gundersen"}, "seed (patient-education) page"),
        ({"mimics": "tennis elbow; elbow gremlins"}, "mimic 'elbow gremlins' names no condition"),
        ({"region": "forearm"}, "is not in data/regions.csv"),
        ({"review_status": "fine"}, "review_status must be"),
        ({"evidence": "strong"}, "evidence must be one of"),
        ({"referral_sides": "left"}, "referral_sides must be same or both"),
        ({"figure_ref": "Travell 1992 vol. 2, ch. 32"}, "names a manual volume the row does not cite"),
        ({"spillover_zones": "lateral_elbow"}, "both essential and spillover"),
        ({"sessions_per_week": "3"}, "sessions_per_week must be 1-2"),
        ({"cautions": "The rib is held between two fingers and the needle aimed onto it."}, "rib bracketing"),
    ],
)
def test_checker_catches_a_bad_row(tmp_path, changes, expected):
    staging = _staging_with(tmp_path, "anconeus", changes)
    report, _ = check.run(DATA, staging, CATALOGUE)
    messages = [message for _, _, message in report.errors]
    assert any(expected in m for m in messages), messages


@pytest.mark.parametrize(
    ("file", "line", "expected"),
    [
        (
            "new_conditions.csv",
            "elbow_ache,Elbow ache,tennis elbow,lateral_elbow,An ache.,no,simons_1999",
            "already names condition 'tennis_elbow'",
        ),
        (
            "new_conditions.csv",
            "cmc_oa,Thumb joint wear,worn thumb joint,thumb_base,An ache.,no,simons_1999",
            "must read as its label or an alias",
        ),
        (
            "new_sources.csv",
            "plain_2020,A paper.,2020,http://example.org/paper,A note.",
            "must be an https:// link",
        ),
        (
            "new_sources.csv",
            "simons_1999,The manual again.,1999,,A note.",
            "already exists in data/sources.csv",
        ),
    ],
)
def test_checker_catches_a_bad_staged_condition_or_source(tmp_path, file, line, expected):
    staging = tmp_path / "staging"
    shutil.copytree(ROOT / "staging", staging)
    with (staging / file).open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    report, _ = check.run(DATA, staging, CATALOGUE)
    assert any(expected in m for _, _, m in report.errors), report.errors


def test_adopting_another_sessions_note_makes_the_rows_pass(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "trigger_points.csv"
    text = path.read_text(encoding="utf-8").replace(
        "General guidance for dry", "General clinic guidance for dry"
    )
    path.write_text(text, encoding="utf-8")
    staging = tmp_path / "staging"
    shutil.copytree(ROOT / "staging", staging)
    report, _ = check.run(data, staging, CATALOGUE)
    assert any("sessions_note differs" in m for _, _, m in report.errors)
    assert check.adopt_sessions_note(data, staging) > 0
    report, _ = check.run(data, staging, CATALOGUE)
    assert report.errors == []
    with (staging / "new_trigger_points.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert all("seed_enews" in r["source_ids"].split(";") for r in rows)
    assert all(not r["figure_ref"].startswith("seed") for r in rows)
