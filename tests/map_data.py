"""Reading the map component's data out of an AppTest run (what the browser would get)."""

from __future__ import annotations

import json


def map_data(at, key: str) -> dict:
    """The data the map ``key`` was given in the last run (see tpatlas.mapview.protocol)."""
    found = [e for e in at.get("bidi_component") if e.proto.id.endswith(f"-{key}")]
    assert len(found) == 1, f"{len(found)} maps with key {key!r}"
    return json.loads(found[0].proto.json)


def map_figure(at, key: str) -> dict:
    """The Plotly figure the map ``key`` draws, as a dict."""
    return json.loads(map_data(at, key)["figure"])
