"""Capacity: how many visitors one replica serves (`make bench-capacity`).

Runs deploy/nginx.conf in Debian's nginx in front of 3 `streamlit run` replicas (the scale-out
test's set-up, tests/deploy/cluster.py) and drives N browser sessions through it, one after
another, each as a typical visit: open a region, choose another in the select box, open a plan
link and download its PDF. It reports, per replica and in all:

- server CPU time per session (the replicas' user+system CPU during the visits / sessions);
- peak memory (RSS) per replica, and the memory a held-open session adds;
- from them, the visitors one replica serves: per CPU core, visits per minute
  (60 s / CPU per visit), and sessions held open at once within a memory budget
  (--memory-mb, default 1024 MB per replica).

`measure()` returns the figures as a dict, so bench/run.py can call it; `python -m bench.capacity`
prints them and writes bench/out/capacity.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.helpers import CHROMIUM_ARGS, IDLE, choose_option  # noqa: E402
from tests.deploy.cluster import Cluster  # noqa: E402
from tpatlas import lookups  # noqa: E402
from tpatlas import plan as pl  # noqa: E402
from tpatlas.data import load_atlas  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PDF_BUTTON = 'button:has-text("Download the handout (PDF)")'
MB = 1024 * 1024


def visit(browser, url: str, atlas, i: int):
    """One typical visit; returns its (still open) browser context."""
    regions = lookups.region_ids(atlas)
    tps = list(atlas.trigger_points.index)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{url}/?region={regions[i % len(regions)]}")
    page.wait_for_selector('[data-testid="stSelectbox"]', timeout=90_000)
    page.wait_for_selector(IDLE, timeout=90_000)
    choose_option(page, "Region", lookups.region_label(atlas, regions[(i + 5) % len(regions)]))
    link = pl.encode_link(pl.new_plan(atlas, [pl.Pick(tps[i % len(tps)], "left")], date(2026, 1, 5)))
    page.goto(f"{url}/plan?plan={link}")
    page.wait_for_selector(PDF_BUTTON, timeout=90_000)
    page.wait_for_selector(IDLE, timeout=90_000)
    with page.expect_download(timeout=60_000) as info:
        page.locator(PDF_BUTTON).click()
    info.value.path()  # the whole file arrived
    return context


def measure(sessions: int = 20, replicas: int = 3, memory_mb: int = 1024) -> dict[str, float]:
    """Drive ``sessions`` visits through nginx and the replicas; return the capacity figures."""
    from playwright.sync_api import sync_playwright

    atlas = load_atlas()
    cluster = Cluster(n=replicas).start()
    try:
        idle_rss = [r.peak_rss for r in cluster.replicas]
        cpu0 = [r.cpu_seconds() for r in cluster.replicas]
        started = time.monotonic()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            contexts = [visit(browser, cluster.url, atlas, i) for i in range(sessions)]
            wall = time.monotonic() - started
            time.sleep(1.0)  # let the memory sampler see the sessions held open
            cpu = sum(r.cpu_seconds() for r in cluster.replicas) - sum(cpu0)
            for c in contexts:
                c.close()
            browser.close()
        peaks = [r.peak_rss for r in cluster.replicas]
    finally:
        cluster.stop()
    cpu_per_session = cpu / sessions
    added = max(1.0, (sum(peaks) - sum(idle_rss)) / sessions)  # bytes a held-open session adds
    base = max(idle_rss) if idle_rss else 0
    return {
        "sessions": sessions,
        "replicas": replicas,
        "wall_s": wall,
        "cpu_per_session_ms": cpu_per_session * 1000,
        "peak_rss_per_replica_mb": max(peaks) / MB,
        "idle_rss_per_replica_mb": base / MB,
        "memory_per_session_mb": added / MB,
        "visits_per_minute_per_core": 60.0 / cpu_per_session if cpu_per_session else float("inf"),
        "open_sessions_per_replica_in_budget": max(0.0, (memory_mb * MB - base) / added),
        "memory_budget_mb": memory_mb,
    }


def report(figures: dict[str, float]) -> str:
    """The figures as a Markdown table."""
    rows = [
        (
            "sessions driven through nginx",
            f"{figures['sessions']:.0f} over {figures['replicas']:.0f} replicas",
        ),
        ("server CPU per session (ms)", f"{figures['cpu_per_session_ms']:.0f}"),
        ("peak memory per replica (MB)", f"{figures['peak_rss_per_replica_mb']:.0f}"),
        ("memory at start per replica (MB)", f"{figures['idle_rss_per_replica_mb']:.0f}"),
        ("memory per open session (MB)", f"{figures['memory_per_session_mb']:.1f}"),
        ("visits per minute one replica core serves", f"{figures['visits_per_minute_per_core']:.0f}"),
        (
            f"sessions open at once per replica in {figures['memory_budget_mb']:.0f} MB",
            f"{figures['open_sessions_per_replica_in_budget']:.0f}",
        ),
    ]
    lines = ["| measure | value |", "| --- | ---: |", *(f"| {a} | {b} |" for a, b in rows)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--memory-mb", type=int, default=1024, help="memory budget per replica")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    table = report(measure(args.sessions, args.replicas, args.memory_mb))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "capacity.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
