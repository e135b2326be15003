"""The plan's clinical tables: the screening checklist and the aftercare notes, from ``data/``.

Both are plain CSVs a clinician can review; each row cites ``sources.csv``. Loaders
validate on load and raise :class:`~tpatlas.data.DataError` naming the file and line.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from tpatlas.data import (
    PACKAGED_DATA,
    DataError,
    data_dir,
    load_sources,
    read_table,
)

SCREENING_COLUMNS = ("item_id", "label", "reason", "severity", "source_ids")
SEVERITIES = ("contraindication", "precaution")
AFTERCARE_COLUMNS = ("item_id", "kind", "text", "source_ids")
KINDS = ("expect", "care", "call")
KIND_TITLES = {
    "expect": "What to expect",
    "care": "Looking after yourself",
    "call": "When to get help",
}


def _check_choice(frame: pd.DataFrame, name: str, col: str, allowed: tuple[str, ...]) -> None:
    for value, line in zip(frame[col], frame["_line"], strict=True):
        if value not in allowed:
            raise DataError(name, f"{col} '{value[:30]}' is not one of {', '.join(allowed)}", line=line)


def load_screening(folder: Path, sources: set[str] | None = None) -> pd.DataFrame:
    """Screening items: one row per contraindication or precaution to ask about before needling.

    Columns: ``item_id``, ``label`` (the checklist wording), ``reason`` (why it matters),
    ``severity`` (contraindication | precaution), ``source_ids``. Indexed by ``item_id``.
    """
    name = "data/screening.csv"
    frame = read_table(
        folder / "screening.csv",
        SCREENING_COLUMNS,
        "item_id",
        ("item_id", "label", "reason", "severity"),
        sources,
    )
    _check_choice(frame, name, "severity", SEVERITIES)
    return frame


def load_aftercare(folder: Path, sources: set[str] | None = None) -> pd.DataFrame:
    """Aftercare notes in plain words: one row per note, in the order they are shown.

    Columns: ``item_id``, ``kind`` (expect | care | call), ``text``, ``source_ids``.
    """
    name = "data/aftercare.csv"
    frame = read_table(
        folder / "aftercare.csv", AFTERCARE_COLUMNS, "item_id", ("item_id", "kind", "text"), sources
    )
    _check_choice(frame, name, "kind", KINDS)
    return frame


@lru_cache(maxsize=4)
def _cached(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    known = set(load_sources(folder).index)
    return load_screening(folder, known), load_aftercare(folder, known)


def clinic_tables(folder: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(screening, aftercare) for the data folder in use, loaded once. Treat as read-only.

    A data folder without these two files (a trimmed copy made for a benchmark or a
    test of the atlas) falls back to the packaged ones.
    """
    folder = folder or data_dir()
    if not (folder / "screening.csv").exists() and not (folder / "aftercare.csv").exists():
        folder = PACKAGED_DATA
    return _cached(folder)
