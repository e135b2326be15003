"""The pain finder's ranking: which trigger points may be behind pain in the marked zones.

Pure functions over the trigger-point table. A trigger point is a candidate when its
essential or spillover zones cover any marked zone. Each marked zone it refers to
strongly (essential) scores 2, each it may spread to (spillover) scores 1; the higher
score ranks first, then the one with more essential matches, then the muscle's name.
Zones are ranked by id; the sides they were marked on are reported, since referral
patterns stay on the side of the trigger point.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from tpatlas.data import Zone, split_list

ESSENTIAL_WEIGHT = 2
SPILLOVER_WEIGHT = 1
STRENGTHS = {
    "strong": "Strong match",
    "partial": "Partial match",
    "weak": "Weak match: spillover only",
}


@dataclass(frozen=True)
class Candidate:
    """One ranked trigger point and why it is on the list."""

    tp_id: str
    muscle: str
    essential: tuple[str, ...]  # marked zones it refers to strongly
    spillover: tuple[str, ...]  # marked zones it may spread to
    sides: tuple[str, ...]  # sides those zones were marked on
    score: int
    rank: int  # 1-based; tied candidates share a rank
    tied: bool
    strength: str  # key of STRENGTHS
    why: str

    @property
    def match(self) -> str:
        """The match in words, ties included ("Partial match, tied")."""
        return STRENGTHS[self.strength] + (", tied" if self.tied else "")


def _areas(n: int, total: int) -> str:
    if total == 1:
        return "the area you marked"
    if n == total:
        return "both of your areas" if total == 2 else f"all {total} of your areas"
    return f"{n} of your {total} areas"


def explain(
    essential: tuple[str, ...], spillover: tuple[str, ...], total: int, labels: Mapping[str, str]
) -> str:
    """Why a candidate is listed, in words ("Refers strongly to 2 of your 3 areas: ...")."""

    def names(zones: tuple[str, ...]) -> str:
        return ", ".join(labels.get(z, z).lower() for z in zones)

    if essential:
        text = f"Refers strongly to {_areas(len(essential), total)}: {names(essential)}"
        return text + (f"; may spread to: {names(spillover)}." if spillover else ".")
    return f"May spread to {_areas(len(spillover), total)}: {names(spillover)}."


def sides_text(sides: tuple[str, ...]) -> str:
    """Where to look for the trigger point: 'right', 'left', 'right and left' or 'either side'."""
    lateral = [s for s in ("right", "left") if s in sides]
    return " and ".join(lateral) if lateral else "either side"


def rank(
    trigger_points: pd.DataFrame,
    marked: Iterable[tuple[str, str]],
    labels: Mapping[str, str],
) -> list[Candidate]:
    """Candidate trigger points for the marked (zone, side) pairs, best first.

    ``trigger_points`` needs ``muscle``, ``essential_zones`` and ``spillover_zones``
    (``;``-separated) and is indexed by tp_id; ``labels`` maps zone ids to names.
    """
    sides_of: dict[str, set[str]] = {}
    for zone, side in marked:
        sides_of.setdefault(zone, set()).add(side)
    if not sides_of:
        return []
    total = len(sides_of)
    found = []
    for tp_id, muscle, ess_cell, spill_cell in zip(
        trigger_points.index,
        trigger_points["muscle"],
        trigger_points["essential_zones"],
        trigger_points["spillover_zones"],
        strict=True,
    ):
        ess = tuple(sorted(set(split_list(ess_cell)) & sides_of.keys()))
        spill = tuple(sorted(set(split_list(spill_cell)) & sides_of.keys()))
        if ess or spill:
            score = ESSENTIAL_WEIGHT * len(ess) + SPILLOVER_WEIGHT * len(spill)
            found.append(((score, len(ess)), str(muscle), str(tp_id), ess, spill))
    found.sort(key=lambda f: (-f[0][0], -f[0][1], f[1].lower(), f[2]))
    keys = [f[0] for f in found]
    out: list[Candidate] = []
    for i, ((score, n_ess), muscle, tp_id, ess, spill) in enumerate(found):
        same_before = i > 0 and keys[i - 1] == keys[i]
        same_after = i + 1 < len(keys) and keys[i + 1] == keys[i]
        sides = tuple(sorted({s for z in ess + spill for s in sides_of[z]}))
        strength = "strong" if n_ess == total else ("partial" if n_ess else "weak")
        out.append(
            Candidate(
                tp_id, muscle, ess, spill, sides, score,
                out[-1].rank if same_before else i + 1, same_before or same_after, strength,
                explain(ess, spill, total, labels),
            )
        )  # fmt: skip
    return out


def zone_labels(zones: Mapping[str, Zone]) -> dict[str, str]:
    """Zone id -> label, from the atlas's zone table."""
    return {z: info.label for z, info in zones.items()}
