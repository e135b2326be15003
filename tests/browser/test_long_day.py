"""A clinic's long day: one session performs 200 actions; every one answers, memory settles."""

from __future__ import annotations

import psutil
import pytest

from tests.browser.helpers import choose_option, click_data, open_app, query_param
from tpatlas.geometry import label_point

# 200 reruns: about 2 minutes alone, up to 5 beside the rest of the suite on 2 cores
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(900)]

ACTIONS = 200


def _rss_mb(pid: int) -> float:
    proc = psutil.Process(pid)
    return (proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))) / 2**20


def test_a_long_day_of_actions(app_server, page, atlas):
    open_app(page, app_server.url)
    regions = list(atlas.regions.index)
    spots = {r: [label_point(f) for f in atlas.features if f.region == r] for r in regions}
    memory = {}
    repeats = 0  # clicks a person would have to repeat (the chart was still redrawing)
    for i in range(ACTIONS):
        region = regions[(i * 5) % len(regions)]  # 5 is coprime with 12: every step changes region
        label = atlas.regions.at[region, "label"]
        if i % 10 == 9:
            choose_option(page, "Region", label)
        else:
            x, y = spots[region][i % len(spots[region])]
            click_data(page, x, y)
            if query_param(page, "region") != region:
                repeats += 1
                click_data(page, x, y)
        assert query_param(page, "region") == region, f"action {i}: {region}"
        if i in (49, ACTIONS // 2 - 1, ACTIONS - 1):
            memory[i + 1] = _rss_mb(app_server.proc.pid)
    assert page.get_by_role("heading", name=f"Trigger points in the {label.lower()}").is_visible()
    growth_late = memory[ACTIONS] - memory[ACTIONS // 2]
    print(
        f"long day: server memory after 50/{ACTIONS // 2}/{ACTIONS} actions: {memory} MB; "
        f"the last {ACTIONS // 2} added {growth_late:.1f} MB"
    )
    print(f"long day: {repeats} clicks had to be repeated")
    assert growth_late < 60, memory
    assert repeats <= ACTIONS // 100, repeats
