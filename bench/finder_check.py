"""The pain finder's held-out check: how often the textbook muscle ranks in the top 3.

Reads ``tests/data/presentations.csv`` (a presentation in words, the zones it marks, the
muscle the literature names and where: a source id of data/sources.csv and its chapter).
``python -m bench.finder_check`` prints the rate and every miss; ``bench/run.py`` adds the
rate to the benchmark table.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tpatlas.data import Atlas, data_dir, load_atlas_from  # noqa: E402
from tpatlas.ranking import Candidate, muscle_position, rank, zone_labels  # noqa: E402

PRESENTATIONS = ROOT / "tests" / "data" / "presentations.csv"
TOP = 3
Ranker = Callable[[pd.DataFrame, Iterable[tuple[str, str]], Mapping[str, str]], list[Candidate]]


@dataclass(frozen=True)
class Presentation:
    """One textbook presentation: words, marked zones, the expected muscle and its source."""

    text: str
    zones: tuple[str, ...]
    muscle: str
    source_id: str
    where: str


def load_presentations(path: Path = PRESENTATIONS) -> list[Presentation]:
    """The presentations, in file order."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Presentation(
                r["presentation"], tuple(r["zones"].split(";")), r["expected_muscle"],
                r["source_id"], r["where_in_source"],
            )
            for r in csv.DictReader(f)
        ]  # fmt: skip


def position(atlas: Atlas, p: Presentation, ranker: Ranker = rank) -> int | None:
    """Where the expected muscle ranks for a presentation (marked on the right side)."""
    marked = [(z, "right") for z in p.zones]
    return muscle_position(list(ranker(atlas.trigger_points, marked, zone_labels(atlas.zones))), p.muscle)


def top_rate(atlas: Atlas, ranker: Ranker = rank) -> tuple[int, int, list[tuple[Presentation, int | None]]]:
    """(hits in the top 3, presentations, the misses with their positions)."""
    presentations = load_presentations()
    misses = []
    for p in presentations:
        pos = position(atlas, p, ranker)
        if pos is None or pos > TOP:
            misses.append((p, pos))
    return len(presentations) - len(misses), len(presentations), misses


def main() -> None:
    atlas = load_atlas_from(data_dir())
    hits, total, misses = top_rate(atlas)
    print(f"Finder top-{TOP} rate: {hits}/{total} = {100 * hits / total:.0f} %")
    for p, pos in misses:
        print(f"  miss: {p.text!r} -> {p.muscle} at {pos}")


if __name__ == "__main__":
    main()
