"""Clicking the body map in Chromium selects the region under the pointer, everywhere in it."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, Polygon
from shapely.ops import unary_union

from tests.browser.helpers import choose_option, click_data, open_app, query_param
from tpatlas.geometry import label_point

pytestmark = pytest.mark.browser

# How far inside a zone's edge the "near the edge" click lands: 1.5 units, about 4 px at the
# app's size, the precision of a careful click (Plotly picks among targets a few px apart).
EDGE_INSET = 1.5


def spots_for(atlas, region: str) -> list[tuple[float, float, str]]:
    """Three spots per region: the middle of its largest zone, near an edge of another
    zone, and the middle of its narrowest zone."""
    feats = sorted(
        (f for f in atlas.features if f.region == region),
        key=lambda f: unary_union([Polygon(r) for r in f.rings]).area,
    )
    largest, smallest = feats[-1], feats[0]
    spots = [(*label_point(largest), f"middle of {largest.zone}")]
    # the middle-sized zone, or the next larger one that is wide enough to be EDGE_INSET inside
    for edge_feat in feats[len(feats) // 2 :]:
        shape = unary_union([Polygon(r) for r in edge_feat.rings])
        inner = shape.buffer(-EDGE_INSET)
        if not inner.is_empty:
            break
    # the point of the shrunk outline closest to the top-left corner: EDGE_INSET from the edge
    x0, _y0, _x1, y1 = shape.bounds
    edge = inner.exterior if inner.geom_type == "Polygon" else max(inner.geoms, key=lambda g: g.area).exterior
    p = edge.interpolate(edge.project(Point(x0, y1)))
    spots.append((p.x, p.y, f"near the edge of {edge_feat.zone}"))
    spots.append((*label_point(smallest), f"narrow {smallest.zone}"))
    return spots


def _selected_label(page) -> str:
    return page.locator('[data-testid="stSelectbox"] input').first.input_value()


def test_click_every_region_at_several_spots(app_server, page, atlas):
    open_app(page, app_server.url)
    clicks = 0
    # visit regions in an order where each click changes the selection
    for region in atlas.regions.index:
        label = atlas.regions.at[region, "label"]
        for x, y, where in spots_for(atlas, region):
            if query_param(page, "region") == region:
                # clicking the selected region again must keep it; go elsewhere first to prove a change
                other = next(r for r in atlas.regions.index if r != region)
                choose_option(page, "Region", atlas.regions.at[other, "label"])
            click_data(page, x, y)
            clicks += 1
            assert query_param(page, "region") == region, f"{region}: click at {where} ({x:.1f}, {y:.1f})"
            assert label in _selected_label(page), where
            heading = page.get_by_role("heading", name=f"Trigger points in the {label.lower()}")
            assert heading.is_visible(), where
    assert clicks >= 3 * len(atlas.regions)


def test_deep_link_and_clicking_twice_keeps_the_region(app_server, page, atlas):
    open_app(page, f"{app_server.url}/?region=jaw")
    assert "Jaw" in _selected_label(page)
    x, y = label_point(next(f for f in atlas.features if f.zone == "jaw_angle"))
    click_data(page, x, y)
    click_data(page, x, y)  # a second click on the selected point sends an empty selection
    assert query_param(page, "region") == "jaw"
