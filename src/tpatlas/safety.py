"""Serious needling risks by site, from ``data/needling_risks.csv``, and the screening items that
name muscles (``data/screening.csv``): which apply to a trigger point, and their texts for the
cards, the plan and the handout.

``needling_risks.csv`` has one row per risk at one site: ``risk_id``, ``risk`` (one of
:data:`RISKS`), ``site`` (in words), ``muscles`` (``;``-separated muscle names as in
``trigger_points.csv``, or tp_ids, or ``all`` for every site), ``text`` and ``source_ids``.
A risk that names a muscle applies to every trigger point of that muscle.

Pure: no Streamlit. Errors are :class:`~tpatlas.data.DataError` naming the file and line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from tpatlas.clinic_data import clinic_tables
from tpatlas.data import (
    PACKAGED_DATA,
    Atlas,
    DataError,
    data_dir,
    load_sources,
    read_table,
    split_list,
)

RISK_COLUMNS = ("risk_id", "risk", "site", "muscles", "text", "source_ids")
# Each kind of serious harm, in the words a patient reads.
RISKS = {
    "pneumothorax": "Collapsed lung (pneumothorax)",
    "spinal_cord": "Spinal cord injury or bleeding in the spinal canal",
    "cardiac_tamponade": "Bleeding around the heart (cardiac tamponade)",
    "nerve_injury": "Nerve injury",
    "infection": "Infection",
}
EVERY_SITE = "all"


@dataclass(frozen=True)
class Risk:
    """One serious risk that applies to a trigger point (or to a plan)."""

    risk_id: str
    kind: str  # a key of RISKS
    label: str  # RISKS[kind]
    site: str
    text: str
    source_ids: tuple[str, ...]


def load_needling_risks(
    folder: Path, sources: set[str] | None = None, muscles: Iterable[str] | None = None
) -> pd.DataFrame:
    """Serious risks by site, indexed by ``risk_id``; ``muscles`` (names and tp_ids) checks the
    ``muscles`` column when given."""
    name = "data/needling_risks.csv"
    frame = read_table(folder / "needling_risks.csv", RISK_COLUMNS, "risk_id", RISK_COLUMNS, sources)
    known = {m.lower() for m in muscles} if muscles is not None else None
    for rec in frame.to_dict("records"):
        line = rec["_line"]
        if rec["risk"] not in RISKS:
            raise DataError(name, f"risk '{rec['risk'][:30]}' is not one of {', '.join(RISKS)}", line=line)
        named = split_list(rec["muscles"])
        if EVERY_SITE in named and len(named) > 1:
            raise DataError(name, f"risk '{rec['risk_id']}': 'all' cannot be listed with muscles", line=line)
        bad = [m for m in named if m != EVERY_SITE and known is not None and m.lower() not in known]
        if bad:
            raise DataError(name, f"risk '{rec['risk_id']}' names unknown muscle '{bad[0]}'", line=line)
    return frame


def muscle_names(atlas: Atlas) -> set[str]:
    """Every name a risk or screening row may use for a muscle: muscle names and tp_ids."""
    tps = atlas.trigger_points
    return {*tps["muscle"], *tps.index}


@lru_cache(maxsize=4)
def _cached(folder: Path) -> pd.DataFrame:
    return load_needling_risks(folder, set(load_sources(folder).index))


def needling_risks(folder: Path | None = None) -> pd.DataFrame:
    """The risks table for the data folder in use, loaded once (packaged copy as fallback)."""
    folder = folder or data_dir()
    if not (folder / "needling_risks.csv").exists():
        folder = PACKAGED_DATA
    return _cached(folder)


def _names(muscles: str) -> set[str]:
    return {m.lower() for m in split_list(muscles)}


def concerns(muscles: str, tp_id: str, muscle: str) -> bool:
    """Whether a ``muscles`` cell names this trigger point (by tp_id or by its muscle)."""
    names = _names(muscles)
    return tp_id.lower() in names or muscle.lower() in names


def _risk(risk_id: str, rec: pd.Series) -> Risk:
    return Risk(
        risk_id, rec["risk"], RISKS[rec["risk"]], rec["site"], rec["text"], split_list(rec["source_ids"])
    )


def risks_for(tp_id: str, muscle: str, risks: pd.DataFrame | None = None) -> list[Risk]:
    """The site-specific serious risks of one trigger point (not the every-site ones)."""
    table = needling_risks() if risks is None else risks
    return [_risk(rid, rec) for rid, rec in table.iterrows() if concerns(rec["muscles"], tp_id, muscle)]


def every_site_risks(risks: pd.DataFrame | None = None) -> list[Risk]:
    """The risks that apply wherever a needle goes (infection)."""
    table = needling_risks() if risks is None else risks
    return [_risk(rid, rec) for rid, rec in table.iterrows() if EVERY_SITE in split_list(rec["muscles"])]


def screening_for(tp_id: str, muscle: str, screening: pd.DataFrame | None = None) -> list[tuple[str, str]]:
    """(label, reason) of the screening items that name this trigger point's muscle."""
    table = clinic_tables()[0] if screening is None else screening
    if "muscles" not in table.columns:
        return []
    return [
        (str(rec["label"]), str(rec["reason"]))
        for _, rec in table.iterrows()
        if concerns(str(rec["muscles"]), tp_id, muscle)
    ]


def card_notes(tp_id: str, muscle: str) -> list[tuple[str, str]]:
    """(kind, plain text) for a trigger point's card: ``risk`` for each serious risk at its site,
    then ``ask`` for each screening question that concerns this muscle. Empty when none apply."""
    notes = [("risk", f"{r.label}: {r.text}") for r in risks_for(tp_id, muscle)]
    notes += [("ask", f"Ask first ({label}): {reason}") for label, reason in screening_for(tp_id, muscle)]
    return notes


def card_lines(tp_id: str, muscle: str) -> list[str]:
    """The texts of :func:`card_notes`, in order."""
    return [text for _, text in card_notes(tp_id, muscle)]


@dataclass(frozen=True)
class PlanRisk:
    """One serious risk in a plan, with the trigger points (muscle names) it concerns."""

    risk: Risk
    muscles: tuple[str, ...]


def plan_risks(atlas: Atlas, tp_ids: Iterable[str]) -> list[PlanRisk]:
    """The serious risks of a plan's trigger points, each once with the muscles it concerns,
    in the order of the risks table; the every-site risks last when the plan is not empty."""
    chosen = list(dict.fromkeys(tp_ids))
    tps = atlas.trigger_points
    table = needling_risks()
    out = []
    for rid, rec in table.iterrows():
        if EVERY_SITE in split_list(rec["muscles"]):
            continue
        who = [
            str(tps.at[t, "muscle"]) for t in chosen if concerns(rec["muscles"], t, str(tps.at[t, "muscle"]))
        ]
        if who:
            out.append(PlanRisk(_risk(rid, rec), tuple(dict.fromkeys(who))))
    if chosen:
        out += [PlanRisk(r, ()) for r in every_site_risks(table)]
    return out


def plan_risk_sources(atlas: Atlas, tp_ids: Iterable[str]) -> list[str]:
    """The source ids behind a plan's serious risks, in order of first use."""
    return list(dict.fromkeys(s for pr in plan_risks(atlas, tp_ids) for s in pr.risk.source_ids))
