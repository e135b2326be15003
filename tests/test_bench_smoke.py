"""A quick run of the benchmark, so it cannot rot. Checks it completes and reports every
measure with a number; it asserts no timing (timings belong in the benchmark itself)."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# about 2.5 minutes alone (several servers, browsers and the x10 data); more beside the suite
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(900)]

MEASURES = [
    "rerun: select a region",
    "body figure JSON size",
    "first page load transferred",
    "cold start",
    "browser: click to new table, app",
    "browser: click to table, plain floor",
    "map alone: click to rerun finished, map floor",
    "map alone: click to highlight on screen",
    "ratio app / plain floor",
    "touch 390 px: tap to new table, app",
    "touch 390 px: tap to highlight on screen",
    "concurrency:",
    "server CPU time per session, app",
    "growth x10: click to new table",
]


def test_benchmark_smoke_run(tmp_path):
    out = tmp_path / "bench"
    proc = subprocess.run(
        [sys.executable, "-m", "bench.run", "--smoke", "--no-readme", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=840,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = (out / "results.md").read_text(encoding="utf-8")
    for measure in MEASURES:
        assert measure in table, measure
    assert "failed" not in table, table
    with (out / "results.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(float(r["value"]) >= 0 for r in rows)
