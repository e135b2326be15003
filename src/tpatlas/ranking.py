"""The pain finder's ranking: which trigger points may be behind pain in the marked zones.

Pure functions over the trigger-point table. A trigger point is a candidate when its
essential or spillover zones cover any marked zone. Two questions decide its place:

- *explains*: how much of the marked pain its pattern accounts for (a marked zone in its
  essential zones counts 1, in its spillover zones half), as a share of the marked zones;
- *fits*: how much of its pattern the marked zones cover (the same weights), so a small
  pattern that lies inside the marked areas beats a wide one that only touches them.

The score is their F2 mean (explaining the pain counts twice as much as fitting the
pattern), so a trigger point that explains several marked areas together comes first.
Equal scores are split by more essential matches, then by the trigger point lying in a
marked zone (it hurts locally too), then the smaller pattern; candidates stay tied only
when all of these are equal. Each candidate says why it is listed and
why it ranks above the next one. The sides the zones were marked on are reported, since
referral patterns stay on the side of the trigger point.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from tpatlas.data import Zone, split_list

ESSENTIAL_WEIGHT = 1.0
SPILLOVER_WEIGHT = 0.5
BETA = 2.0  # explaining the marked pain weighs BETA times as much as fitting the pattern
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
    score: float  # 0-1: the F2 mean of explains and fits
    rank: int  # 1-based; tied candidates share a rank
    tied: bool
    strength: str  # key of STRENGTHS
    why: str
    explains: float = 0.0  # share of the marked zones its pattern accounts for (0-1)
    fits: float = 0.0  # share of its pattern that the marked zones cover (0-1)
    pattern_size: int = 0  # its essential and spillover zones
    local: bool = False  # the trigger point itself lies in a marked zone (its local pain is there too)
    above: str = ""  # why it ranks above the next candidate ("" for the last, or a tie)

    @property
    def match(self) -> str:
        """The match in words, ties included ("Partial match, tied")."""
        return STRENGTHS[self.strength] + (", tied" if self.tied else "")

    @property
    def key(self) -> tuple[float, int, bool, int]:
        """What orders candidates: score, essential matches, lying in a marked zone, smaller pattern."""
        return (round(self.score, 9), len(self.essential), self.local, -self.pattern_size)


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


def fit_text(matched: int, size: int) -> str:
    """How much of the pattern the marked areas cover, in words."""
    if matched == size:
        return "Its whole pattern lies in your areas." if size > 1 else "Its pattern is just this area."
    return f"Your areas cover {matched} of the {size} areas of its pattern."


def compare(a: Candidate, b: Candidate) -> str:
    """Why ``a`` ranks above ``b``, in words ("" when they are tied)."""
    if a.key == b.key:
        return ""
    if round(a.explains, 9) > round(b.explains, 9) and len(a.essential) + len(a.spillover) > len(
        b.essential
    ) + len(b.spillover):
        reason = "it explains more of your areas together"
    elif round(a.explains, 9) > round(b.explains, 9):
        reason = "more of your pain lies in its essential zones"
    elif round(a.fits, 9) > round(b.fits, 9):
        reason = "more of its pattern lies in your areas"
    elif len(a.essential) > len(b.essential):
        reason = "more of your areas are in its essential zones"
    elif a.local and not b.local:
        reason = "it lies in an area you marked, where it also hurts locally"
    else:
        reason = "its pattern is smaller, so it points more precisely to your areas"
    return f"Above the next ({b.muscle}): {reason}."


def sides_text(sides: tuple[str, ...]) -> str:
    """Where to look for the trigger point: 'right', 'left', 'right and left' or 'either side'."""
    lateral = [s for s in ("right", "left") if s in sides]
    return " and ".join(lateral) if lateral else "either side"


def _f_beta(explains: float, fits: float) -> float:
    if explains <= 0 or fits <= 0:
        return 0.0
    b2 = BETA * BETA
    return (1 + b2) * explains * fits / (b2 * fits + explains)


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
    found: list[Candidate] = []
    where = (
        trigger_points["location_zone"] if "location_zone" in trigger_points else [""] * len(trigger_points)
    )
    for tp_id, muscle, ess_cell, spill_cell, location in zip(
        trigger_points.index,
        trigger_points["muscle"],
        trigger_points["essential_zones"],
        trigger_points["spillover_zones"],
        where,
        strict=True,
    ):
        ess_all = set(split_list(ess_cell))
        spill_all = set(split_list(spill_cell)) - ess_all
        ess = tuple(sorted(ess_all & sides_of.keys()))
        spill = tuple(sorted(spill_all & sides_of.keys()))
        if not (ess or spill):
            continue
        matched = ESSENTIAL_WEIGHT * len(ess) + SPILLOVER_WEIGHT * len(spill)
        pattern = ESSENTIAL_WEIGHT * len(ess_all) + SPILLOVER_WEIGHT * len(spill_all)
        explains, fits = matched / total, matched / pattern
        sides = tuple(sorted({s for z in ess + spill for s in sides_of[z]}))
        strength = "strong" if len(ess) == total else ("partial" if ess else "weak")
        size = len(ess_all) + len(spill_all)
        local = location in sides_of
        why = explain(ess, spill, total, labels) + " " + fit_text(len(ess) + len(spill), size)
        if local:
            why += f" The trigger point itself lies in the {labels.get(location, location).lower()}."
        found.append(
            Candidate(
                str(tp_id), str(muscle), ess, spill, sides, _f_beta(explains, fits), 0, False,
                strength, why, explains, fits, size, local,
            )
        )  # fmt: skip
    found.sort(key=lambda c: (tuple(-k for k in c.key), c.muscle.lower(), c.tp_id))
    out: list[Candidate] = []
    for i, c in enumerate(found):
        same_before = i > 0 and found[i - 1].key == c.key
        same_after = i + 1 < len(found) and found[i + 1].key == c.key
        above = compare(c, found[i + 1]) if i + 1 < len(found) else ""
        out.append(
            Candidate(
                c.tp_id, c.muscle, c.essential, c.spillover, c.sides, c.score,
                out[-1].rank if same_before else i + 1, same_before or same_after, c.strength,
                c.why, c.explains, c.fits, c.pattern_size, c.local, above,
            )
        )  # fmt: skip
    return out


def muscle_position(candidates: list[Candidate], muscle: str) -> int | None:
    """Where a muscle stands among the muscles listed (1 = first), or None when not listed.

    Muscles count once, at their best trigger point, and a muscle tied with ``muscle``
    counts as ahead of it, so ties never flatter a ranking.
    """
    best: dict[str, int] = {}
    for c in candidates:
        best.setdefault(c.muscle, c.rank)
    if muscle not in best:
        return None
    return sum(1 for m, r in best.items() if m != muscle and r <= best[muscle]) + 1


def zone_labels(zones: Mapping[str, Zone]) -> dict[str, str]:
    """Zone id -> label, from the atlas's zone table."""
    return {z: info.label for z, info in zones.items()}
