"""Load and validate the atlas's data files in ``data/``.

Every loader reads one plain file, checks it against its contract and raises
:class:`DataError` naming the file, the line and the problem. Nothing else is raised
for bad content, so the app can show one readable message instead of a traceback.
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

# The packaged data; TPATLAS_DATA_DIR points the app at another copy (benchmarks, tests).
PACKAGED_DATA = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    """The data folder in use: $TPATLAS_DATA_DIR if set, else the packaged ``data/``."""
    return Path(os.environ.get("TPATLAS_DATA_DIR") or PACKAGED_DATA)


SLUG = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
# drawn views: front and back of the body, its side (both profiles) and the soles
VIEWS = ("front", "back", "side", "sole")
SIDES = ("left", "right", "midline")

REGION_COLUMNS = ("region", "label", "colour", "summary", "source_ids")
SOURCE_COLUMNS = ("source_id", "citation", "year", "url", "note")
TP_COLUMNS = (
    "tp_id",
    "muscle",
    "region",
    "trigger_point",
    "local_pain",
    "referred_pain",
    "essential_zones",
    "spillover_zones",
    "location_zone",
    "mimics",
    "aliases",
    "sessions_min",
    "sessions_max",
    "sessions_per_week",
    "sessions_note",
    "cautions",
    "source_ids",
)
FEATURE_PROPS = ("zone", "region", "view", "side", "label")
LIST_COLUMNS = ("essential_zones", "spillover_zones", "mimics", "aliases", "source_ids")


class DataError(Exception):
    """A data file breaks its contract. The message names the file, the line and the problem."""

    def __init__(self, file: str, problem: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = f"{file}, line {line}" if line is not None else file
        super().__init__(f"{where}: {problem}")


def split_list(value: str) -> tuple[str, ...]:
    """Split a ``;``-separated cell into its trimmed, non-empty items."""
    return tuple(item.strip() for item in value.split(";") if item.strip())


def read_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """Read a CSV as strings, requiring ``columns`` and no blank cells in key columns."""
    name = f"data/{path.name}"
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
    except FileNotFoundError:
        raise DataError(name, "file is missing") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DataError(name, f"cannot be read as UTF-8 CSV ({exc})") from None
    if not rows:
        raise DataError(name, "file is empty")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataError(name, f"missing column(s): {', '.join(missing)}", line=1)
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise DataError(name, f"repeated column(s): {', '.join(dupes)}", line=1)
    body = []
    for i, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DataError(name, f"has {len(row)} cells, the header has {len(header)}", line=i)
        body.append([*(cell.strip() for cell in row), i])
    frame = pd.DataFrame(body, columns=[*header, "_line"], dtype=object)
    if frame.empty:
        raise DataError(name, "has no data rows")
    return frame


def require_cells(frame: pd.DataFrame, name: str, columns: tuple[str, ...]) -> None:
    for rec in frame.to_dict("records"):
        for col in columns:
            if not rec[col]:
                raise DataError(name, f"'{col}' is empty", line=rec["_line"])


def unique_ids(frame: pd.DataFrame, name: str, col: str) -> None:
    seen: dict[str, int] = {}
    for value, line in zip(frame[col], frame["_line"], strict=True):
        if not SLUG.match(value):
            raise DataError(name, f"{col} '{value}' is not a lower-case slug (a-z, 0-9, _)", line=line)
        if value in seen:
            raise DataError(name, f"duplicate {col} '{value}' (first on line {seen[value]})", line=line)
        seen[value] = line


def read_table(
    path: Path,
    columns: tuple[str, ...],
    key: str,
    required: tuple[str, ...],
    sources: set[str] | None = None,
) -> pd.DataFrame:
    """Read a CSV table keyed by ``key``: required columns present, required cells filled,
    keys unique slugs and, when ``sources`` is given, every row citing known sources.
    The frame is indexed by ``key`` (the column is kept) and still has ``_line``."""
    name = f"data/{path.name}"
    frame = read_csv(path, columns)
    require_cells(frame, name, required)
    unique_ids(frame, name, key)
    if sources is not None:
        check_sources(frame, name, sources, key)
    return frame.set_index(key, drop=False).rename_axis(None)


def load_sources(folder: Path) -> pd.DataFrame:
    """Sources: one row per cited work (``source_id``, ``citation``, ``year``, ``url``, ``note``)."""
    name = "data/sources.csv"
    frame = read_table(folder / "sources.csv", SOURCE_COLUMNS, "source_id", ("source_id", "citation"))
    for url, line in zip(frame["url"], frame["_line"], strict=True):
        if url and not url.startswith("https://"):
            raise DataError(name, f"url '{url[:60]}' must start with https://", line=line)
    return frame


def check_sources(frame: pd.DataFrame, name: str, known: set[str], key: str) -> None:
    for rec in frame.to_dict("records"):
        ids = split_list(rec["source_ids"])
        if not ids:
            raise DataError(name, f"{key} '{rec[key]}' cites no source", line=rec["_line"])
        unknown = [s for s in ids if s not in known]
        if unknown:
            raise DataError(
                name, f"{key} '{rec[key]}' cites unknown source '{unknown[0]}'", line=rec["_line"]
            )


def load_regions(folder: Path, sources: set[str] | None = None) -> pd.DataFrame:
    """Regions: the clickable areas of the body (``region`` id, ``label``, ``colour``, ``summary``)."""
    name = "data/regions.csv"
    frame = read_table(
        folder / "regions.csv", REGION_COLUMNS, "region", ("region", "label", "colour", "summary"), sources
    )
    for colour, line in zip(frame["colour"], frame["_line"], strict=True):
        if not HEX.match(colour):
            raise DataError(name, f"colour '{colour}' is not a #RRGGBB value", line=line)
    return frame


@dataclass(frozen=True)
class Zone:
    """One zone of the body map: its id, region, label and the views it is drawn in."""

    zone: str
    region: str
    label: str
    views: tuple[str, ...]


@dataclass(frozen=True)
class Feature:
    """One drawn polygon (or several) of a zone, in one view, on one side."""

    zone: str
    region: str
    view: str
    side: str
    label: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # outer rings only, closed


def _rings(geom: Any, where: str, name: str, line: int) -> list[tuple[tuple[float, float], ...]]:
    if not isinstance(geom, dict) or geom.get("type") not in ("Polygon", "MultiPolygon"):
        raise DataError(name, f"{where}: geometry must be a Polygon or MultiPolygon", line=line)
    coords = geom.get("coordinates")
    polygons = [coords] if geom["type"] == "Polygon" else coords
    if not isinstance(polygons, list) or not polygons:
        raise DataError(name, f"{where}: geometry has no coordinates", line=line)
    out = []
    for poly in polygons:
        if not isinstance(poly, list) or not poly:
            raise DataError(name, f"{where}: polygon has no rings", line=line)
        for ring in poly:
            try:
                pts = tuple((float(x), float(y)) for x, y in ring)
            except (TypeError, ValueError):
                raise DataError(name, f"{where}: ring has a point that is not [x, y]", line=line) from None
            if len(pts) < 4:
                raise DataError(name, f"{where}: ring has fewer than 4 points", line=line)
            if pts[0] != pts[-1]:
                raise DataError(name, f"{where}: polygon is not closed (first point != last)", line=line)
        out.append(tuple((float(x), float(y)) for x, y in poly[0]))
    return out


def load_body_map(
    folder: Path, regions: set[str] | None = None
) -> tuple[tuple[Feature, ...], dict[str, Zone]]:
    """The body map: drawn features and the zone table derived from them.

    ``data/body_map.geojson`` is a FeatureCollection of the zones, made by
    ``tools/build_body_map.py``. Errors name the feature by its position ("line" is
    the feature's 1-based index in ``features``).
    """
    name = "data/body_map.geojson"
    try:
        doc = json.loads((folder / "body_map.geojson").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(name, "file is missing") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(name, f"is not valid JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataError(name, "must be a GeoJSON FeatureCollection")
    raw = doc.get("features")
    if not isinstance(raw, list) or not raw:
        raise DataError(name, "has no features")
    features: list[Feature] = []
    zones: dict[str, dict[str, Any]] = {}
    for i, feat in enumerate(raw, start=1):
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict):
            raise DataError(name, f"feature {i} has no properties", line=i)
        missing = [p for p in FEATURE_PROPS if not isinstance(props.get(p), str) or not props.get(p)]
        if missing:
            raise DataError(name, f"feature {i} lacks property {', '.join(missing)}", line=i)
        zone, region = props["zone"], props["region"]
        where = f"zone '{zone}'"
        if not SLUG.match(zone):
            raise DataError(name, f"{where}: zone id is not a lower-case slug", line=i)
        if regions is not None and region not in regions:
            raise DataError(name, f"{where}: unknown region '{region}'", line=i)
        if props["view"] not in VIEWS:
            raise DataError(name, f"{where}: view '{props['view']}' is not one of {', '.join(VIEWS)}", line=i)
        if props["side"] not in SIDES:
            raise DataError(name, f"{where}: side '{props['side']}' is not left, right or midline", line=i)
        rings = _rings(feat.get("geometry"), where, name, i)
        seen = zones.setdefault(zone, {"region": region, "label": props["label"], "views": set()})
        if seen["region"] != region:
            raise DataError(name, f"{where} is in region '{seen['region']}' and '{region}'", line=i)
        seen["views"].add(props["view"])
        features.append(Feature(zone, region, props["view"], props["side"], props["label"], tuple(rings)))
    table = {
        z: Zone(z, v["region"], v["label"], tuple(sorted(v["views"], key=VIEWS.index)))
        for z, v in zones.items()
    }
    return tuple(features), table


def load_outlines(folder: Path) -> dict[str, tuple[tuple[tuple[float, float], ...], ...]]:
    """The body's silhouette per view (drawn under the zones), from ``data/body_outline.geojson``."""
    name = "data/body_outline.geojson"
    try:
        doc = json.loads((folder / "body_outline.geojson").read_text(encoding="utf-8"))
        out = {}
        for i, feat in enumerate(doc["features"], start=1):
            view = feat["properties"]["view"]
            out[view] = tuple(_rings(feat["geometry"], f"outline {view}", name, i))
    except FileNotFoundError:
        raise DataError(name, "file is missing") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(name, f"is not a valid outline collection ({exc})") from None
    if set(out) != set(VIEWS):
        raise DataError(name, f"needs one outline for each view ({', '.join(VIEWS)})")
    return out


Line = tuple[tuple[float, float], ...]


def load_landmarks(folder: Path) -> dict[str, tuple[Line, ...]]:
    """Faint landmark lines per view (clavicles, shoulder blades, spine, iliac crest, kneecaps,
    ankle bones), from ``data/landmarks.geojson``. A missing file means no landmarks."""
    name = "data/landmarks.geojson"
    path = folder / "landmarks.geojson"
    if not path.exists():
        return {}
    out: dict[str, list[Line]] = {}
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for feat in doc["features"]:
            view = feat["properties"]["view"]
            if view not in VIEWS:
                raise DataError(name, f"landmark view '{view}' is not one of {', '.join(VIEWS)}")
            geom = feat["geometry"]
            lines = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
            out.setdefault(view, []).extend(tuple((float(x), float(y)) for x, y in line) for line in lines)
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(name, f"is not a valid landmark collection ({exc})") from None
    return {view: tuple(lines) for view, lines in out.items()}


def _int(value: str, col: str, name: str, line: int) -> int:
    try:
        return int(value)
    except ValueError:
        raise DataError(name, f"{col} '{value[:20]}' is not a whole number", line=line) from None


def load_trigger_points(
    folder: Path,
    regions: set[str] | None = None,
    zones: dict[str, Zone] | None = None,
    sources: set[str] | None = None,
) -> pd.DataFrame:
    """Trigger points: one row per trigger point (a muscle may have several).

    Zone and source columns are ``;``-separated ids; they are checked against the body
    map and ``sources.csv`` when those are given. Adds ``sessions`` (display text).
    """
    name = "data/trigger_points.csv"
    frame = read_table(
        folder / "trigger_points.csv",
        TP_COLUMNS,
        "tp_id",
        (
            "tp_id",
            "muscle",
            "region",
            "trigger_point",
            "referred_pain",
            "essential_zones",
            "location_zone",
            "sessions_min",
            "sessions_max",
            "sessions_per_week",
        ),
        sources,
    )
    for rec in frame.to_dict("records"):
        line, tp = rec["_line"], rec["tp_id"]
        if regions is not None and rec["region"] not in regions:
            raise DataError(name, f"tp_id '{tp}': unknown region '{rec['region']}'", line=line)
        lo = _int(rec["sessions_min"], "sessions_min", name, line)
        hi = _int(rec["sessions_max"], "sessions_max", name, line)
        if lo < 1 or hi > 50:
            raise DataError(name, f"tp_id '{tp}': sessions must lie between 1 and 50", line=line)
        if lo > hi:
            raise DataError(name, f"tp_id '{tp}': sessions_min {lo} is above sessions_max {hi}", line=line)
        ess, spill = split_list(rec["essential_zones"]), split_list(rec["spillover_zones"])
        if zones is not None:
            for col, ids in (
                ("essential_zones", ess),
                ("spillover_zones", spill),
                ("location_zone", (rec["location_zone"],)),
            ):
                bad = [z for z in ids if z not in zones]
                if bad:
                    raise DataError(name, f"tp_id '{tp}': unknown zone '{bad[0]}' in {col}", line=line)
        both = sorted(set(ess) & set(spill))
        if both:
            raise DataError(
                name, f"tp_id '{tp}': zone '{both[0]}' is both essential and spillover", line=line
            )
    frame["sessions"] = [
        f"{lo}–{hi} sessions, {week.replace('-', '–')} a week"
        if lo != hi
        else f"{lo} sessions, {week} a week"
        for lo, hi, week in zip(
            frame["sessions_min"], frame["sessions_max"], frame["sessions_per_week"], strict=True
        )
    ]
    return frame


@dataclass(frozen=True, eq=False)  # hashed by identity, so lookups can be cached per atlas
class Atlas:
    """Everything the app knows, loaded and cross-checked. Treat as read-only."""

    regions: pd.DataFrame
    sources: pd.DataFrame
    trigger_points: pd.DataFrame
    features: tuple[Feature, ...]
    zones: dict[str, Zone]
    outlines: dict[str, tuple[tuple[tuple[float, float], ...], ...]] = field(repr=False)
    landmarks: dict[str, tuple[Line, ...]] = field(default_factory=dict, repr=False)


def load_atlas_from(folder: Path) -> Atlas:
    """Load and cross-check every data file in ``folder``."""
    sources = load_sources(folder)
    source_ids = set(sources.index)
    regions = load_regions(folder, source_ids)
    features, zones = load_body_map(folder, set(regions.index))
    empty = [r for r in regions.index if not any(z.region == r for z in zones.values())]
    if empty:
        raise DataError("data/body_map.geojson", f"region '{empty[0]}' has no zone on the map")
    tps = load_trigger_points(folder, set(regions.index), zones, source_ids)
    return Atlas(regions, sources, tps, features, zones, load_outlines(folder), load_landmarks(folder))


@lru_cache(maxsize=4)
def _cached_atlas(folder: Path) -> Atlas:
    return load_atlas_from(folder)


def load_atlas() -> Atlas:
    """The app's atlas from :func:`data_dir`, loaded once per process (errors are not cached)."""
    return _cached_atlas(data_dir())
