"""The CPU burner behind `make test-under-load` stops by itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_burner_is_bounded_in_time():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "burn.py"), "--seconds", "0.5", "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert "burn: 1 workers for 0 s" in done.stdout or "burn: 1 workers for 1 s" in done.stdout
