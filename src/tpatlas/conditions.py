"""Conditions and red flags, from ``data/``: what trigger points are mistaken for, and when to see a doctor.

``conditions.csv`` names every value of the trigger points' ``mimics`` column plus everyday
complaints ("stiff neck"), with lay synonyms and the zones where each is felt; the search
and the pain finder use it. ``red_flags.csv`` holds the finder's "not a diagnosis"
statement and the warning signs that need a doctor. Loaders validate on load and raise
:class:`~tpatlas.data.DataError` naming the file and line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from tpatlas.data import (
    PACKAGED_DATA,
    Atlas,
    DataError,
    data_dir,
    load_body_map,
    load_sources,
    read_table,
    split_list,
)

CONDITION_COLUMNS = ("condition", "label", "aliases", "zones", "summary", "doctor_first", "source_ids")
RED_FLAG_COLUMNS = ("flag", "kind", "text", "source_ids")
PLAIN_COLUMNS = ("condition", "plain_name", "source_ids")
RED_FLAG_KINDS = ("statement", "heading", "red_flag")
YES_NO = ("yes", "no")


def normalize(text: str) -> str:
    """Lower case, accents and punctuation dropped, spaces collapsed ("De Quervain's" -> "de quervains")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"['’`]", "", plain)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def load_conditions(
    folder: Path, zones: set[str] | None = None, sources: set[str] | None = None
) -> pd.DataFrame:
    """Conditions: one row per condition or complaint, indexed by ``condition`` id.

    Columns: ``condition``, ``label``, ``aliases`` (``;``-separated lay words and synonyms),
    ``zones`` (``;``-separated zone ids where it is felt), ``summary`` (one plain sentence),
    ``doctor_first`` (yes | no: needs a doctor before muscles are considered), ``source_ids``.
    A label or alias may name only one condition.
    """
    name = "data/conditions.csv"
    frame = read_table(
        folder / "conditions.csv",
        CONDITION_COLUMNS,
        "condition",
        ("condition", "label", "zones", "summary", "doctor_first"),
        sources,
    )
    names: dict[str, str] = {}
    for rec in frame.to_dict("records"):
        cid, line = rec["condition"], rec["_line"]
        if rec["doctor_first"] not in YES_NO:
            raise DataError(name, f"condition '{cid}': doctor_first must be yes or no", line=line)
        listed = split_list(rec["zones"])
        if not listed:
            raise DataError(name, f"condition '{cid}' names no zone", line=line)
        bad = [z for z in listed if zones is not None and z not in zones]
        if bad:
            raise DataError(name, f"condition '{cid}': unknown zone '{bad[0]}'", line=line)
        for word in (rec["label"], *split_list(rec["aliases"])):
            key = normalize(word)
            if names.get(key, cid) != cid:
                raise DataError(name, f"'{word}' names both '{names[key]}' and '{cid}'", line=line)
            names[key] = cid
    return frame


def load_red_flags(folder: Path, sources: set[str] | None = None) -> pd.DataFrame:
    """The finder's safety text, in display order: one row per statement, heading or red flag.

    Columns: ``flag`` id, ``kind`` (statement | heading | red_flag), ``text``, ``source_ids``.
    """
    name = "data/red_flags.csv"
    frame = read_table(folder / "red_flags.csv", RED_FLAG_COLUMNS, "flag", ("flag", "kind", "text"), sources)
    for kind, line in zip(frame["kind"], frame["_line"], strict=True):
        if kind not in RED_FLAG_KINDS:
            raise DataError(name, f"kind '{kind[:30]}' is not one of {', '.join(RED_FLAG_KINDS)}", line=line)
    return frame


def load_plain_names(folder: Path, conditions: set[str], sources: set[str] | None = None) -> dict[str, str]:
    """Plain words for clinical terms: condition id -> a name a patient would use
    ("cervical_radiculopathy" -> "pinched nerve in the neck").

    From ``plain_names.csv`` (``condition``, ``plain_name``, ``source_ids``); a condition
    whose label is already plain ("Toothache") has no row. A missing file means no plain names.
    """
    path = folder / "plain_names.csv"
    if not path.exists():
        return {}
    frame = read_table(path, PLAIN_COLUMNS, "condition", ("condition", "plain_name"), sources)
    for cid, line in zip(frame["condition"], frame["_line"], strict=True):
        if cid not in conditions:
            raise DataError("data/plain_names.csv", f"unknown condition '{cid[:40]}'", line=line)
    return dict(zip(frame["condition"], frame["plain_name"], strict=True))


@dataclass(frozen=True)
class Conditions:
    """The conditions table with its lookups. Treat as read-only."""

    table: pd.DataFrame
    by_name: dict[str, str]  # normalized label or alias -> condition id
    plain: dict[str, str] = field(default_factory=dict)  # condition id -> plain name

    def plain_words(self, term: str) -> str:
        """A clinical term in plain words first, the term beside it:
        "pinched nerve in the neck (cervical radiculopathy)"; a plain or unknown term as it is."""
        cid = self.resolve(term)
        plain = self.plain.get(cid) if cid else None
        return f"{plain} ({term})" if plain and normalize(plain) != normalize(term) else term

    def resolve(self, text: str) -> str | None:
        """The condition a label, alias or ``mimics`` value names, or None."""
        return self.by_name.get(normalize(text))

    def label(self, condition: str) -> str:
        return str(self.table.at[condition, "label"])


@lru_cache(maxsize=4)
def _cached(folder: Path) -> tuple[Conditions, pd.DataFrame]:
    source_ids = set(load_sources(folder).index)
    _features, zones = load_body_map(folder)
    table = load_conditions(folder, set(zones), source_ids)
    by_name = {
        normalize(word): cid
        for cid, rec in table.iterrows()
        for word in (rec["label"], *split_list(rec["aliases"]))
    }
    plain = load_plain_names(folder, set(table.index), source_ids)
    return Conditions(table, by_name, plain), load_red_flags(folder, source_ids)


def condition_tables(folder: Path | None = None) -> tuple[Conditions, pd.DataFrame]:
    """(conditions, red flags) for the data folder in use, loaded once.

    A data folder without these files (a trimmed copy for a test or a benchmark) falls
    back to the packaged ones.
    """
    folder = folder or data_dir()
    if not (folder / "conditions.csv").exists():
        folder = PACKAGED_DATA
    return _cached(folder)


def mimickers(atlas: Atlas, conditions: Conditions, condition: str) -> list[str]:
    """Trigger points (tp_ids) whose ``mimics`` name ``condition``, ordered by muscle."""
    tps = atlas.trigger_points
    hits = [
        tp_id
        for tp_id, value in tps["mimics"].items()
        if any(conditions.resolve(m) == condition for m in split_list(value))
    ]
    return sorted(hits, key=lambda t: (tps.at[t, "muscle"], t))


def unknown_mimics(atlas: Atlas, conditions: Conditions) -> list[str]:
    """``mimics`` values that name no condition (the data contract test wants none)."""
    values = {m for v in atlas.trigger_points["mimics"] for m in split_list(v)}
    return sorted(m for m in values if conditions.resolve(m) is None)
