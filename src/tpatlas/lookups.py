"""Questions the app asks of the atlas: which trigger points lie in or refer into a region.

Pure functions over :class:`~tpatlas.data.Atlas`; results are new frames, never views
of the cached data.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from tpatlas.conditions import Conditions
from tpatlas.content import short_citation
from tpatlas.data import Atlas, split_list
from tpatlas.referral import trigger_point_label

# Readable column names for the tables, in display order.
TABLE_COLUMNS = {
    "muscle": "Muscle",
    "trigger_point": "Where it lies",
    "local_pain": "Pain at the spot",
    "referred_pain": "Where it sends pain",
    "mimics": "Often mistaken for",
    "sessions": "Typical course",
    "sources": "Sources",
}
REFERRING_COLUMNS = {
    "muscle": "Muscle",
    "region_label": "Lies in",
    "felt_here": "Pain felt here",
    "referred_pain": "Where it sends pain",
    "mimics": "Often mistaken for",
    "sessions": "Typical course",
    "sources": "Sources",
}


def region_ids(atlas: Atlas) -> list[str]:
    return list(atlas.regions.index)


def region_label(atlas: Atlas, region: str) -> str:
    return str(atlas.regions.at[region, "label"])


def zones_of_region(atlas: Atlas, region: str) -> set[str]:
    return {z for z, info in atlas.zones.items() if info.region == region}


def source_short(atlas: Atlas, source_id: str) -> str:
    """A short name for a source ("Brady et al. 2014"); see :func:`tpatlas.content.short_citation`."""
    return short_citation(atlas.sources, source_id)


def sources_text(atlas: Atlas, ids: str) -> str:
    return "; ".join(source_short(atlas, s) for s in split_list(ids))


def _decorate(atlas: Atlas, frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["mimics"] = [", ".join(split_list(v)) for v in out["mimics"]]
    out["sources"] = [sources_text(atlas, v) for v in out["source_ids"]]
    out["region_label"] = [region_label(atlas, r) for r in out["region"]]
    return out


@lru_cache(maxsize=128)
def trigger_points_in(atlas: Atlas, region: str) -> pd.DataFrame:
    """Trigger points that lie in ``region``, ordered by muscle. Cached: do not mutate."""
    tps = atlas.trigger_points
    return _decorate(atlas, tps[tps["region"] == region].sort_values("muscle", kind="stable"))


@lru_cache(maxsize=128)
def referring_into(atlas: Atlas, region: str) -> pd.DataFrame:
    """Trigger points lying elsewhere whose referred pain reaches ``region``. Cached: do not mutate.

    Adds ``strength`` (2 when a zone of the region is essential, 1 when only spillover)
    and ``felt_here`` (the zones reached, in words); strongest first.
    """
    zones = zones_of_region(atlas, region)
    rows = []
    for tp_id, rec in atlas.trigger_points.iterrows():
        if rec["region"] == region:
            continue
        ess = [z for z in split_list(rec["essential_zones"]) if z in zones]
        spill = [z for z in split_list(rec["spillover_zones"]) if z in zones]
        if not ess and not spill:
            continue
        felt = [atlas.zones[z].label.lower() for z in ess + spill]
        rows.append(
            {
                "tp_id": tp_id,
                "strength": 2 if ess else 1,
                "felt_here": ("Mainly: " if ess else "May spread to: ") + ", ".join(felt),
            }
        )
    if not rows:
        return _decorate(atlas, atlas.trigger_points.iloc[0:0]).assign(strength=[], felt_here=[])
    found = pd.DataFrame(rows).set_index("tp_id")
    frame = atlas.trigger_points.loc[found.index].join(found)
    frame = frame.sort_values(["strength", "muscle"], ascending=[False, True], kind="stable")
    return _decorate(atlas, frame)


def display_table(frame: pd.DataFrame, columns: dict[str, str], drop: tuple[str, ...] = ()) -> pd.DataFrame:
    """Only the columns shown to people (less ``drop``), renamed to readable names."""
    kept = {k: v for k, v in columns.items() if k not in drop}
    return frame[list(kept)].rename(columns=kept).reset_index(drop=True)


def readable(atlas: Atlas, frame: pd.DataFrame, conditions: Conditions | None = None) -> pd.DataFrame:
    """A table frame for people: each point named with its muscle and which point it is
    ("Deltoid, point 1 of 3"), and look-alike conditions in plain words first."""
    out = frame.copy()
    out["muscle"] = [trigger_point_label(atlas, t) for t in out.index]
    if conditions is not None:
        raw = atlas.trigger_points["mimics"]
        out["mimics"] = [", ".join(conditions.plain_words(m) for m in split_list(raw[t])) for t in out.index]
    return out


GUIDANCE_FACTS = ("course_sessions", "sessions_per_week")  # facts.csv rows behind the session guidance


def shared_guidance(frame: pd.DataFrame) -> str | None:
    """The session guidance when every row gives the same one (said once, above the table);
    None when rows differ (then each row says its own) or there are none."""
    said = {f"{rec['sessions']}. {rec['sessions_note']}" for _, rec in frame.iterrows()}
    return next(iter(said)) if len(said) == 1 else None


def region_counts(atlas: Atlas) -> pd.DataFrame:
    """Per region: trigger points lying in it and referring into it (for tests and notes)."""
    return pd.DataFrame(
        {
            "lying_in": [len(trigger_points_in(atlas, r)) for r in region_ids(atlas)],
            "referring_in": [len(referring_into(atlas, r)) for r in region_ids(atlas)],
        },
        index=region_ids(atlas),
    )
