"""The benchmark: `make bench` (or `python -m bench.run --smoke` for a quick check).

Measures, each as median and 95th percentile:
1. server-side rerun time of each page's typical action (AppTest, in process);
2. click-to-table time in headless Chromium on the body map, and click to the highlight
   on screen (the map component draws it before the server answers);
3. the same on the floors (bench/floor_app.py), in the same run, and the ratios: the map
   alone (the map component and a one-line table) and the home page against the plain floor
   (Streamlit's own chart that never changes); taps with touch emulation at 390 px;
4. the body figure's JSON size, the bytes of a first page load, cold start to first render;
5. growth: 2 and 1 again with the trigger points scaled by 10 (generated in bench/out/);
6. concurrency: N browser sessions clicking at once against one server; peak server memory.

Writes bench/out/results.csv (raw numbers), bench/out/results.md (the table) and, unless
--no-readme, replaces the table between the bench markers in README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import psutil
from playwright.async_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.helpers import CHROMIUM_ARGS, IDLE, SPOT_IN_VIEW, AppServer  # noqa: E402
from tpatlas.data import data_dir, load_atlas_from  # noqa: E402
from tpatlas.geometry import label_point, ring_area  # noqa: E402
from tpatlas.views import VIEWS  # noqa: E402

OUT = ROOT / "bench" / "out"
BASE_DATA = data_dir()  # the dataset measured ($TPATLAS_DATA_DIR or data/)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
README = ROOT / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def set_out(folder: Path) -> None:
    global OUT
    OUT = folder.resolve()


# ---------------------------------------------------------------- numbers
def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class Results:
    def __init__(self) -> None:
        self.raw: list[tuple[str, int, float]] = []
        self.rows: list[tuple[str, str, str, str]] = []  # measure, median, p95, note

    def series(self, name: str, values: list[float], unit: str = "ms", note: str = "") -> tuple[float, float]:
        self.raw.extend((name, i, v) for i, v in enumerate(values))
        if not values:  # nothing answered (an overloaded machine): say so, keep the rest
            self.rows.append((f"{name} ({unit}, n=0)", "n/a", "", note))
            return float("nan"), float("nan")
        med, p95 = statistics.median(values), pct(values, 0.95)
        self.rows.append((f"{name} ({unit}, n={len(values)})", f"{med:.1f}", f"{p95:.1f}", note))
        return med, p95

    def single(self, name: str, value: float, fmt: str, note: str = "") -> None:
        self.raw.append((name, 0, value))
        self.rows.append((name, fmt.format(value), "", note))


def timed(fn: Callable[[], object], reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


# ---------------------------------------------------------------- 1. server-side reruns
def server_side(results: Results, reps: int, label: str = "") -> float:
    """AppTest reruns for each page's typical action. Returns the body-map click median."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP

    atlas = load_atlas_from(data_dir())
    regions = list(atlas.regions.index)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    i = iter(range(10**9))

    def click_region() -> None:
        at.selectbox(key="region_select").select(regions[next(i) % len(regions)]).run()

    click_region()  # warm
    med, _ = results.series(f"rerun: select a region{label}", timed(click_region, reps))
    if not label:
        for name, action in page_actions(atlas).items():
            try:
                results.series(f"rerun: {name}", timed(action, max(3, reps // 2)))
            except Exception as exc:  # a page not built yet must not sink the whole benchmark
                results.rows.append((f"rerun: {name}", "n/a", "", f"failed: {type(exc).__name__}"))
    return med


def page_actions(atlas) -> dict[str, Callable[[], None]]:
    """Each page's typical action as a callable (one AppTest run per call)."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP

    tp_ids = list(atlas.trigger_points.index)
    zones = [z for z in atlas.zones][:5]
    router = AppTest.from_file(APP, default_timeout=60)  # pages run through the router, as in the app
    router.run()

    def page(path: str, **query: str) -> Callable[[], None]:
        def run() -> None:  # one run of the page (its links need the router's navigation)
            router.switch_page(path)
            for k, v in query.items():
                router.query_params[k] = v
            router.run()
            if router.exception:
                raise RuntimeError(router.exception[0].message)

        return run

    actions = {
        "open a pattern": page("pages/pattern.py", muscle=tp_ids[0]),
        "mark five zones in the finder": page("pages/finder.py", zones=",".join(zones)),
    }
    from datetime import date

    from tpatlas import plan
    from tpatlas.clinic_data import clinic_tables
    from tpatlas.handout import build_handout

    six = [plan.Pick(t, "right") for t in tp_ids[:6]]
    p = plan.new_plan(atlas, six, date.today())
    screening, aftercare = clinic_tables()
    warnings = plan.screening_warnings(screening, list(screening.index[:2]))
    actions["build a plan of six trigger points"] = page("pages/plan.py", plan=plan.encode_link(p))
    actions["make the PDF (six trigger points)"] = lambda: build_handout(
        atlas, p, warnings, aftercare, screening, reason="Discussed with the patient; a benchmark plan."
    )
    return actions


# ---------------------------------------------------------------- browser
def click_spots(atlas, n: int) -> list[tuple[str, float, float]]:
    """n clicks cycling through the regions, never the same region twice in a row, each in
    the middle of one of the region's three largest zones (the benchmark times clicks; the
    tests check clicks near edges)."""
    per_region = {}
    for f in atlas.features:
        if VIEWS["whole"].frames(f):  # the maps' first frame; side views and close-ups lie beyond it
            per_region.setdefault(f.region, []).append(f)
    for feats in per_region.values():
        feats.sort(key=lambda f: -sum(ring_area(r) for r in f.rings))
    spots = []
    k = 0
    while len(spots) < n:
        for region, feats in per_region.items():
            f = feats[k % min(3, len(feats))]
            x, y = label_point(f)
            spots.append((region, x, y))
            if len(spots) == n:
                break
        k += 1
    return spots


GRAPH = '.tpa-map-plot.js-plotly-plot, [data-testid="stPlotlyChart"] .js-plotly-plot'


async def _page_xy(page, x: float, y: float) -> tuple[float, float]:
    """Viewport pixels of data (x, y) on the map, scrolled into view first if need be."""
    return await page.evaluate(SPOT_IN_VIEW, [x, y, GRAPH, 0])


# Time from the release (pointerup) to the frame that shows the map's new highlight.
_HIGHLIGHT_PROBE = """() => {
    window.__hl = null;
    const root = document.querySelector('.tpa-map');
    if (!root) return;
    let t0 = null;
    root.addEventListener('pointerup', (e) => { t0 = performance.now(); }, {capture: true, once: true});
    const obs = new MutationObserver(() => {
        obs.disconnect();
        requestAnimationFrame(() => { window.__hl = t0 === null ? null : performance.now() - t0; });
    });
    obs.observe(root, {attributes: true, attributeFilter: ['data-selected']});
}"""


MISSED: list[str] = []  # clicks that got no answer in time (reported, not timed)


async def _click_and_wait(
    page, x: float, y: float, expect: str, touch: bool = False, highlights: list | None = None
) -> float | None:
    """Click (or tap) at data (x, y); ms from the press until `expect` is on screen and the run
    is done; the time to the highlight on screen goes into ``highlights``.

    None when nothing answered in 20 s (on an overloaded machine the pointer's hover can
    come too late for the click, as it would for a person clicking too fast).
    """
    px, py = await _page_xy(page, x, y)
    if not touch:
        await page.mouse.move(px, py)
        await asyncio.sleep(0.15)
        with contextlib.suppress(PlaywrightTimeout):  # as a person does: press once the hover shows
            await page.wait_for_function(
                """(sel) => (document.querySelector(sel)._hoverdata || []).length > 0 ||
                    (document.querySelector('.tpa-map-tip') || {style: {}}).style.display === 'block'""",
                arg=GRAPH,
                timeout=5_000,
            )
    await page.evaluate(_HIGHLIGHT_PROBE)
    t = time.perf_counter()
    if touch:
        await page.touchscreen.tap(px, py)
    else:
        await page.mouse.down()
        await page.mouse.up()
    try:
        await page.wait_for_function(
            """(text) => document.body.innerText.includes(text) &&
                document.querySelector('{}') !== null""".format(IDLE.replace("'", "\\'")),
            arg=expect,
            timeout=20_000,
            polling=10,
        )
    except PlaywrightTimeout:
        MISSED.append(expect)
        return None
    took = (time.perf_counter() - t) * 1000
    hl = await page.evaluate("() => window.__hl")
    if highlights is not None and hl is not None:
        highlights.append(hl)
    return took


async def _open(page, url: str) -> None:
    await page.goto(url, timeout=120_000)  # 20 sessions opening at once on 2 shared cores
    await page.wait_for_selector(IDLE, timeout=120_000)
    await page.wait_for_selector(f"{GRAPH.split(', ')[0]} .main-svg, {GRAPH.split(', ')[1]}", timeout=60_000)
    await asyncio.sleep(0.5)


PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


async def clicks_to_table(
    browser, url: str, spots, atlas, floor: bool, touch: bool = False, highlights: list | None = None
) -> list[float]:
    options = PHONE if touch else {"viewport": {"width": 1400, "height": 1000}}
    context = await browser.new_context(**options)
    page = await context.new_page()
    await _open(page, url)
    times = []
    started, missed = time.perf_counter(), len(MISSED)
    for region, x, y in spots:
        label = atlas.regions.at[region, "label"]
        expect = f"Clicked {region}" if floor else f"Trigger points in the {label.lower()}"
        took = await _click_and_wait(page, x, y, expect, touch, highlights)
        if took is not None:
            times.append(took)
    await context.close()
    print(
        f"bench: {url} {'floor' if floor else 'app'}{' touch' if touch else ''}: {len(spots)} clicks, "
        f"{len(MISSED) - missed} unanswered, {time.perf_counter() - started:.1f} s",
        file=sys.stderr, flush=True,
    )  # fmt: skip
    return times


async def first_load_bytes(browser, url: str) -> int:
    """Bytes a first page load transfers: HTTP bodies (encoded) and WebSocket frames."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Network.enable")
    total = {"http": 0, "ws": 0}

    def on_finished(ev: dict) -> None:
        total["http"] += int(ev.get("encodedDataLength", 0))

    def on_frame(ev: dict) -> None:
        total["ws"] += len(ev.get("response", {}).get("payloadData", ""))

    cdp.on("Network.loadingFinished", on_finished)
    cdp.on("Network.webSocketFrameReceived", on_frame)
    cdp.on("Network.webSocketFrameSent", on_frame)
    await _open(page, url)
    await asyncio.sleep(1.0)
    await context.close()
    return total["http"] + total["ws"]


class ServerWatch:
    """Samples the RSS of a process (and its children) in a thread and keeps the peak; also
    the CPU time the process used while watched."""

    def __init__(self, pid: int) -> None:
        self.proc = psutil.Process(pid)
        self.peak = 0
        self._cpu0 = self._cpu()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _cpu(self) -> float:
        t = self.proc.cpu_times()
        return t.user + t.system

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                rss = self.proc.memory_info().rss + sum(
                    c.memory_info().rss for c in self.proc.children(recursive=True)
                )
                self.peak = max(self.peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.1)

    def stop(self) -> tuple[int, float]:
        """Peak memory (bytes) and CPU time used (seconds)."""
        self._stop.set()
        self._thread.join()
        return self.peak, self._cpu() - self._cpu0


async def concurrent_clicks(
    browser, url: str, atlas, sessions: int, clicks: int, floor: bool = False
) -> list[float]:
    spots = click_spots(atlas, clicks + sessions)

    async def one(k: int) -> list[float]:
        try:
            return await clicks_to_table(browser, url, spots[k : k + clicks], atlas, floor=floor)
        except PlaywrightTimeout:  # a session that could not even open counts, but sinks nothing
            MISSED.append(f"session {k} did not open")
            return []

    per_session = await asyncio.gather(*(one(k) for k in range(sessions)))
    return [t for times in per_session for t in times]


# ---------------------------------------------------------------- scaled data
def scaled_data(factor: int) -> Path:
    """A copy of data/ with every trigger point repeated `factor` times (new ids)."""
    dest = OUT / f"data_x{factor}"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(BASE_DATA, dest)
    src = BASE_DATA / "trigger_points.csv"
    with src.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with (dest / "trigger_points.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        for k in range(factor):
            for row in rows:
                copy = dict(row)
                if k:
                    copy["tp_id"] = f"{row['tp_id']}_x{k}"
                    copy["muscle"] = f"{row['muscle']} {k}"
                writer.writerow(copy)
    return dest


# ---------------------------------------------------------------- the run
def floor_figure(atlas) -> str:
    """The plain floor's figure: the body map plus one invisible click target per zone, at the
    spot the benchmark clicks (Streamlit's chart reports clicks on markers only)."""
    import plotly.graph_objects as go
    import plotly.io as pio

    from tpatlas.figures import body_figure

    fig = go.Figure(body_figure(None))
    per_region: dict[str, list[tuple[float, float]]] = {}
    for f in atlas.features:
        per_region.setdefault(f.region, []).append(label_point(f))
    for region, points in per_region.items():
        fig.add_scatter(
            x=[p[0] for p in points], y=[p[1] for p in points], mode="markers", name=f"click|{region}",
            marker={"size": 8, "opacity": 0}, hoverinfo="name", showlegend=False,
        )  # fmt: skip
    fig.update_layout(clickmode="event+select", hovermode="closest")
    return pio.to_json(fig, validate=False)


async def browser_part(results: Results, args: argparse.Namespace) -> None:
    import plotly.io as pio
    from playwright.async_api import async_playwright

    from tpatlas.figures import body_figure

    atlas = load_atlas_from(BASE_DATA)
    fig_json = pio.to_json(body_figure(None), validate=False)
    results.single("body figure JSON size (KB)", len(fig_json) / 1024, "{:.0f}")
    from bench.finder_check import top_rate  # the finder's quality: held-out presentations

    hits, total, _ = top_rate(atlas)
    results.single(
        "finder: textbook muscle in the top 3 (%)", 100 * hits / total, "{:.0f}", f"{hits} of {total}"
    )
    OUT.mkdir(parents=True, exist_ok=True)
    map_fig = OUT / "map_figure.json"
    map_fig.write_text(fig_json, encoding="utf-8")
    plain_fig = OUT / "floor_figure.json"
    plain_fig.write_text(floor_figure(atlas), encoding="utf-8")
    spots = click_spots(atlas, args.clicks)

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        t0 = time.perf_counter()
        app = AppServer(env={"TPATLAS_DATA_DIR": str(BASE_DATA)})
        page = await (await browser.new_context()).new_page()
        await _open(page, app.url)
        results.single(
            "cold start: process start to first full render (s)", time.perf_counter() - t0, "{:.2f}"
        )
        results.single(
            "first page load transferred (KB)", await first_load_bytes(browser, app.url) / 1024, "{:.0f}"
        )
        floor = AppServer(env={"FLOOR_FIGURE": str(plain_fig)}, script="bench/floor_app.py")
        mapfloor = AppServer(
            env={"FLOOR_FIGURE": str(map_fig), "FLOOR_MAP": "1", "TPATLAS_DATA_DIR": str(BASE_DATA)},
            script="bench/floor_app.py",
        )
        try:
            # interleave them so machine noise hits them alike
            times: dict[str, list[float]] = {"app": [], "floor": [], "map": [], "app_t": [], "map_t": []}
            hl: dict[str, list[float]] = {"app": [], "map": [], "app_t": []}
            half = max(1, len(spots) // 2)
            for chunk in (spots[:half], spots[half:]):
                if chunk:
                    times["app"] += await clicks_to_table(
                        browser, app.url, chunk, atlas, False, False, hl["app"]
                    )
                    times["floor"] += await clicks_to_table(browser, floor.url, chunk, atlas, True)
                    times["map"] += await clicks_to_table(
                        browser, mapfloor.url, chunk, atlas, True, False, hl["map"]
                    )
                    times["app_t"] += await clicks_to_table(
                        browser, app.url, chunk, atlas, False, True, hl["app_t"]
                    )
                    times["map_t"] += await clicks_to_table(browser, mapfloor.url, chunk, atlas, True, True)
            floor_med, _ = results.series("browser: click to table, plain floor", times["floor"])
            map_med, _ = results.series("map alone: click to rerun finished, map floor", times["map"])
            results.single("map alone: ratio to plain floor (goal <= 1.2)", map_med / floor_med, "{:.2f}")
            results.series("map alone: click to highlight on screen (goal <= 20)", hl["map"])
            app_med, _ = results.series("browser: click to new table, app", times["app"])
            results.single("ratio app / plain floor (median; goal <= 2.0)", app_med / floor_med, "{:.2f}")
            results.series("home page: click to highlight on screen", hl["app"])
            touch_med, _ = results.series("touch 390 px: tap to new table, app", times["app_t"])
            touch_floor, _ = results.series("touch 390 px: tap to rerun finished, map floor", times["map_t"])
            results.single(
                "touch 390 px: ratio app / map floor",
                touch_med / touch_floor,
                "{:.2f}",
                "Streamlit's own chart takes no first tap, so the touch floor is the map alone",
            )
            results.series("touch 390 px: tap to highlight on screen", hl["app_t"])

            per_session = f"one page load and {args.session_clicks} clicks"
            watch = ServerWatch(app.proc.pid)
            conc = await concurrent_clicks(browser, app.url, atlas, args.sessions, args.session_clicks)
            peak, cpu = watch.stop()
            conc_med, _ = results.series(
                f"concurrency: {args.sessions} sessions clicking at once, click to table, app", conc
            )
            results.single("concurrency: server peak memory (MB)", peak / 2**20, "{:.0f}")
            results.single(
                "concurrency: server CPU time per session, app (ms)",
                cpu / args.sessions * 1000,
                "{:.0f}",
                f"{per_session}; what a server core spends, browsers aside",
            )
            watch = ServerWatch(floor.proc.pid)
            conc_floor = await concurrent_clicks(
                browser, floor.url, atlas, args.sessions, args.session_clicks, floor=True
            )
            _, floor_cpu = watch.stop()
            floor_conc_med, _ = results.series(
                f"concurrency: {args.sessions} sessions clicking at once, plain floor", conc_floor
            )
            results.single(
                "concurrency: server CPU time per session, plain floor (ms)",
                floor_cpu / args.sessions * 1000,
                "{:.0f}",
                per_session,
            )
            results.single(
                "concurrency: ratio app / floor (median)",
                conc_med / floor_conc_med,
                "{:.2f}",
                "browsers and server share the 2 cores",
            )
        finally:
            app.stop()
            floor.stop()
            mapfloor.stop()

        data10 = scaled_data(10)
        big = AppServer(env={"TPATLAS_DATA_DIR": str(data10)})
        try:
            big_times = await clicks_to_table(browser, big.url, spots, atlas, floor=False)
            big_med, _ = results.series("growth x10: click to new table", big_times)
            results.single("growth x10: ratio to real dataset (target <= 1.5)", big_med / app_med, "{:.2f}")
        finally:
            big.stop()
        await browser.close()


def machine() -> str:
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=20).stdout
    except OSError:
        chromium = "chromium not found"
    import pandas
    import plotly
    import streamlit

    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB; Python {platform.python_version()}, "
        f"Streamlit {streamlit.__version__}, Plotly {plotly.__version__}, pandas {pandas.__version__}, "
        f"{chromium.strip()}"
    )


def write(results: Results, readme: bool) -> str:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "results.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["measure", "run", "value"])
        w.writerows(results.raw)
    lines = [
        f"Measured {machine()}.",
        "",
        "| measure | median | p95 | note |",
        "| --- | ---: | ---: | --- |",
        *(f"| {m} | {a} | {b} | {n} |" for m, a, b, n in results.rows),
    ]
    table = "\n".join(lines) + "\n"
    (OUT / "results.md").write_text(table, encoding="utf-8")
    if readme and README.exists():
        text = README.read_text(encoding="utf-8")
        if START in text and END in text:
            head, rest = text.split(START, 1)
            _, tail = rest.split(END, 1)
            README.write_text(f"{head}{START}\n{table}{END}{tail}", encoding="utf-8")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a quick run with few repetitions")
    parser.add_argument("--no-readme", action="store_true", help="do not update README.md")
    parser.add_argument("--clicks", type=int, help="browser clicks per measure (default 36; smoke 4)")
    parser.add_argument("--sessions", type=int, help="concurrent browser sessions (default 20; smoke 2)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for results and generated data")
    args = parser.parse_args()
    set_out(args.out)
    args.reps = 3 if args.smoke else 30
    args.clicks = args.clicks or (4 if args.smoke else 36)
    args.sessions = args.sessions or (2 if args.smoke else 20)
    args.session_clicks = 2 if args.smoke else 5
    results = Results()
    t0 = time.perf_counter()
    base = server_side(results, args.reps)
    os.environ["TPATLAS_DATA_DIR"] = str(scaled_data(10))
    big = server_side(results, args.reps, label=" (data x10)")
    os.environ["TPATLAS_DATA_DIR"] = str(BASE_DATA)
    results.single("growth x10: rerun ratio to real dataset", big / base, "{:.2f}")
    try:
        asyncio.run(browser_part(results, args))
    except Exception as exc:  # keep what was measured
        results.single("browser part stopped early", float("nan"), "{}", f"{type(exc).__name__}: {exc}"[:120])
    results.single("clicks that got no answer within 20 s", len(MISSED), "{:.0f}", "; ".join(MISSED[:5]))
    results.single("benchmark wall time (s)", time.perf_counter() - t0, "{:.0f}")
    print(write(results, readme=not (args.no_readme or args.smoke)))


if __name__ == "__main__":
    main()
