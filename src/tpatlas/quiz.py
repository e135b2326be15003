"""Quiz questions generated from the atlas, reproducible from a seed. Pure functions.

Three kinds: shown a pattern, name the muscle (one of four); shown a muscle, pick its
essential zones; shown a condition, pick the muscles that can mimic it. Within a set no
question repeats and no muscle is asked about twice, so one answer never gives away
another. Wrong options come from the same body region or from the look-alike family
(muscles whose patterns share a zone), so none is absurd; with too few of those the
question has fewer options, never far-away ones. A set can be limited to one region and
to some kinds, to drill the back or the arm.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from tpatlas.conditions import Conditions, mimickers
from tpatlas.data import Atlas, split_list

KINDS = ("pattern", "zones", "mimics")
KIND_LABELS = {
    "pattern": "Name the muscle from its pattern",
    "zones": "Pick a muscle's essential zones",
    "mimics": "Muscles that mimic a condition",
}
MIN_WRONG = 2  # fewer wrong options than this and the question is not asked
PATTERN_OPTIONS = 4
ZONE_OPTIONS = 8
MIMIC_OPTIONS = 6
MAX_MIMIC_ANSWERS = 3
SCORING = (
    "Each question scores 1 point, ½ or 0. One answer: 1 if right. Several answers: 1 when "
    "your picks are exactly right; ½ when at least half of everything you picked or should "
    "have picked is right (a missed answer and a wrong pick cost the same, so ticking "
    "everything does not pay); otherwise 0."
)


@dataclass(frozen=True)
class Question:
    """One question: what is shown, the options (ids) and the right answer(s)."""

    kind: str  # "pattern" | "zones" | "mimics"
    subject: str  # tp_id for "pattern" and "zones", condition id for "mimics"
    prompt: str
    options: tuple[str, ...]  # muscle names ("pattern", "mimics") or zone ids ("zones")
    answer: tuple[str, ...]
    side: str = "right"  # where the pattern or the trigger point is drawn

    @property
    def multiple(self) -> bool:
        return self.kind != "pattern"


def points(question: Question, chosen: Collection[str]) -> float:
    """Score of an answer from 0 to 1 (see :data:`SCORING`)."""
    picked, right = set(chosen), set(question.answer)
    if picked == right:
        return 1.0
    if not question.multiple or not picked:
        return 0.0
    return 0.5 if len(picked & right) / len(picked | right) >= 0.5 else 0.0


def points_text(value: float) -> str:
    """A score in whole and half points: '7', '6½', '½', '0'."""
    whole, half = divmod(round(value * 2), 2)
    return (str(whole) if whole or not half else "") + ("½" if half else "")


def _ess(atlas: Atlas, tp_id: str) -> frozenset[str]:
    return _all_ess(atlas)[tp_id]


@lru_cache(maxsize=8)
def _all_ess(atlas: Atlas) -> dict[str, frozenset[str]]:
    tps = atlas.trigger_points
    return {str(t): frozenset(split_list(e)) for t, e in zip(tps.index, tps["essential_zones"], strict=True)}


@lru_cache(maxsize=8)
def muscle_regions(atlas: Atlas) -> dict[str, frozenset[str]]:
    """Muscle -> the regions its trigger points lie in (cached: do not mutate)."""
    out: dict[str, set[str]] = {}
    for muscle, region in zip(atlas.trigger_points["muscle"], atlas.trigger_points["region"], strict=True):
        out.setdefault(str(muscle), set()).add(str(region))
    return {m: frozenset(r) for m, r in out.items()}


@lru_cache(maxsize=8)
def muscle_zones(atlas: Atlas) -> dict[str, frozenset[str]]:
    """Muscle -> every zone its trigger points refer pain to, essential and spillover (cached)."""
    out: dict[str, set[str]] = {}
    tps = atlas.trigger_points
    for muscle, ess, spill in zip(tps["muscle"], tps["essential_zones"], tps["spillover_zones"], strict=True):
        out.setdefault(str(muscle), set()).update(split_list(ess), split_list(spill))
    return {m: frozenset(z) for m, z in out.items()}


def kin(atlas: Atlas, regions: Collection[str], zones: Collection[str]) -> tuple[list[str], list[str]]:
    """Muscles near a subject: (those with a trigger point in ``regions``, the look-alikes whose
    patterns share a zone with ``zones``), each sorted, the second without the first."""
    by_region, by_zone = muscle_regions(atlas), muscle_zones(atlas)
    same = sorted(m for m, r in by_region.items() if r & set(regions))
    alike = sorted(m for m, z in by_zone.items() if z & set(zones) and m not in same)
    return same, alike


def _pick(rng: random.Random, first: list[str], then: list[str], n: int) -> list[str]:
    """Up to ``n`` items at random, from ``first`` before ``then``."""
    out = rng.sample(first, min(len(first), n))
    return out + rng.sample(then, min(len(then), n - len(out)))


def _pattern_question(atlas: Atlas, tp_id: str, rng: random.Random) -> Question | None:
    tps = atlas.trigger_points
    muscle, region = tps.at[tp_id, "muscle"], tps.at[tp_id, "region"]
    ess = _ess(atlas, tp_id)
    # a muscle with a trigger point of the same essential pattern would be a second right answer
    clashing = {tps.at[t, "muscle"] for t, e in _all_ess(atlas).items() if e == ess}
    zones = ess | set(split_list(tps.at[tp_id, "spillover_zones"]))
    same, alike = kin(atlas, {region}, zones)
    same, alike = [m for m in same if m not in clashing], [m for m in alike if m not in clashing]
    picks = _pick(rng, same, alike, PATTERN_OPTIONS - 1)
    if len(picks) < MIN_WRONG:
        return None
    options = [muscle, *picks]
    rng.shuffle(options)
    prompt = "Which muscle's trigger point sends pain in this pattern?"
    return Question("pattern", tp_id, prompt, tuple(options), (muscle,), rng.choice(("right", "left")))


def _zones_question(atlas: Atlas, tp_id: str, rng: random.Random) -> Question | None:
    rec = atlas.trigger_points.loc[tp_id]
    ess = sorted(split_list(rec["essential_zones"]))
    spill = sorted(split_list(rec["spillover_zones"]))
    if len(ess) >= ZONE_OPTIONS:
        return None
    # wrong options: its spillover zones first (the classic confusion), then zones of the same
    # regions as its pattern; never a zone from elsewhere on the body
    spill = [z for z in spill if z in atlas.zones]
    wrong = rng.sample(spill, min(len(spill), (ZONE_OPTIONS - len(ess)) // 2))
    regions = {atlas.zones[z].region for z in ess + spill if z in atlas.zones}
    near = sorted(z for z, info in atlas.zones.items() if info.region in regions and z not in ess + wrong)
    wrong += rng.sample(near, min(len(near), ZONE_OPTIONS - len(ess) - len(wrong)))
    if len(wrong) < MIN_WRONG:
        return None
    options = ess + wrong
    rng.shuffle(options)
    prompt = (
        f"{rec['muscle']}: the trigger point marked X lies {lower_first(rec['trigger_point'])} "
        "Which areas are its essential referral zones (where its pain is nearly always felt)?"
    )
    return Question("zones", tp_id, prompt, tuple(options), tuple(ess), rng.choice(("right", "left")))


def _mimics_question(
    atlas: Atlas, conditions: Conditions, condition: str, rng: random.Random, tp_ids: list[str]
) -> Question | None:
    tps = atlas.trigger_points
    right = sorted({tps.at[t, "muscle"] for t in tp_ids})
    if not right:
        return None
    zones, regions = condition_area(atlas, conditions, condition, tp_ids)
    same, alike = kin(atlas, regions, zones)
    answer = rng.sample(right, min(len(right), MAX_MIMIC_ANSWERS))
    wrong = _pick(
        rng,
        [m for m in same if m not in right],
        [m for m in alike if m not in right],
        MIMIC_OPTIONS - len(answer),
    )
    if len(wrong) < MIN_WRONG:
        return None
    options = answer + wrong
    rng.shuffle(options)
    label = conditions.label(condition)
    prompt = f"Trigger points in which of these muscles can cause pain that is mistaken for {label.lower()}?"
    return Question("mimics", condition, prompt, tuple(options), tuple(sorted(answer)))


def mimic_map(atlas: Atlas, conditions: Conditions) -> dict[str, list[str]]:
    """Condition -> the trigger points that mimic it (as :func:`~tpatlas.conditions.mimickers`), at once."""
    tps = atlas.trigger_points
    out: dict[str, list[str]] = {}
    for tp_id, value in tps["mimics"].items():
        for cid in dict.fromkeys(conditions.resolve(m) for m in split_list(value)):
            if cid:
                out.setdefault(cid, []).append(str(tp_id))
    muscle = dict(zip(tps.index, tps["muscle"], strict=True))
    return {c: sorted(ids, key=lambda t: (muscle[t], t)) for c, ids in out.items()}


def condition_area(
    atlas: Atlas, conditions: Conditions, condition: str, tp_ids: Collection[str] | None = None
) -> tuple[frozenset[str], frozenset[str]]:
    """(zones, regions) where a condition is felt: its zones, their regions and its mimickers' regions.

    ``tp_ids``: its mimickers, when already known.
    """
    zones = {z for z in split_list(conditions.table.at[condition, "zones"]) if z in atlas.zones}
    regions = {atlas.zones[z].region for z in zones}
    mimicking = mimickers(atlas, conditions, condition) if tp_ids is None else tp_ids
    regions |= {str(atlas.trigger_points.at[t, "region"]) for t in mimicking}
    return frozenset(zones), frozenset(regions)


def explanation(atlas: Atlas, conditions: Conditions, question: Question) -> str:
    """Why the answer is right, in one or two sentences from the data."""
    if question.kind == "mimics":
        return str(conditions.table.at[question.subject, "summary"])
    rec = atlas.trigger_points.loc[question.subject]
    return f"{rec['referred_pain']} Its trigger point lies {lower_first(str(rec['trigger_point']))}"


def pattern_links(atlas: Atlas, question: Question) -> list[tuple[str, str]]:
    """(muscle, tp_id) of each pattern worth opening after the question: the subject, or the mimickers."""
    if question.kind != "mimics":
        return [(str(atlas.trigger_points.at[question.subject, "muscle"]), question.subject)]
    first = dict(zip(atlas.trigger_points["muscle"][::-1], atlas.trigger_points.index[::-1], strict=True))
    return [(m, str(first[m])) for m in question.answer]


def lower_first(text: str) -> str:
    """'In the forehead…' -> 'in the forehead…' (for text set inside a sentence)."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def make_set(
    atlas: Atlas,
    conditions: Conditions,
    seed: int,
    size: int = 9,
    region: str | None = None,
    kinds: Collection[str] = KINDS,
) -> tuple[Question, ...]:
    """A set of up to ``size`` questions, the kinds taking turns; the same seed gives the same set.

    Subjects never repeat, and a muscle asked about in one question is not the subject
    of another. ``region`` limits the subjects to trigger points in that region and
    conditions felt there; ``kinds`` limits the kinds of question.
    """
    rng = random.Random(seed)
    tps = atlas.trigger_points
    tp_pool = sorted(tps.index if region is None else tps.index[tps["region"] == region])
    rng.shuffle(tp_pool)
    mimics = mimic_map(atlas, conditions) if "mimics" in kinds else {}
    cond_pool = sorted(conditions.table.index)
    if region is not None:
        cond_pool = [
            c for c in cond_pool if region in condition_area(atlas, conditions, c, mimics.get(c, []))[1]
        ]
    rng.shuffle(cond_pool)
    used_muscles: set[str] = set()

    def next_question(kind: str) -> Question | None:
        if kind == "mimics":
            while cond_pool:
                condition = cond_pool.pop()
                if question := _mimics_question(atlas, conditions, condition, rng, mimics.get(condition, [])):
                    return question
            return None
        make = _pattern_question if kind == "pattern" else _zones_question
        while tp_pool:
            tp_id = tp_pool.pop()
            muscle = atlas.trigger_points.at[tp_id, "muscle"]
            if muscle not in used_muscles and (question := make(atlas, tp_id, rng)):
                used_muscles.add(muscle)
                return question
        return None

    out: list[Question] = []
    active = [k for k in KINDS if k in kinds]
    while len(out) < size and active:
        kind = active[len(out) % len(active)]
        question = next_question(kind)
        if question is None:
            active.remove(kind)
        else:
            out.append(question)
    return tuple(out)
