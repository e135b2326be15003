"""Quiz questions generated from the atlas, reproducible from a seed. Pure functions.

Three kinds: shown a pattern, name the muscle (one of four); shown a muscle, pick its
essential zones; shown a condition, pick the muscles that can mimic it. Within a set no
question repeats and no muscle is asked about twice, so one answer never gives away
another.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass

from tpatlas.conditions import Conditions, mimickers
from tpatlas.data import Atlas, split_list

KINDS = ("pattern", "zones", "mimics")
PATTERN_OPTIONS = 4
ZONE_OPTIONS = 8
MIMIC_OPTIONS = 6
MAX_MIMIC_ANSWERS = 3
SCORING = (
    "Questions with one answer score 1 or 0. Where you pick several, you score the share "
    "you got right: correct picks ÷ (correct picks + missed answers + wrong picks). So a "
    "missed answer and a wrong pick cost the same, and ticking everything does not pay."
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
    if not question.multiple:
        return 1.0 if picked == right else 0.0
    union = picked | right
    return round(len(picked & right) / len(union), 2) if union else 0.0


def _ess(atlas: Atlas, tp_id: str) -> frozenset[str]:
    return frozenset(split_list(atlas.trigger_points.at[tp_id, "essential_zones"]))


def _pattern_question(atlas: Atlas, tp_id: str, rng: random.Random) -> Question | None:
    tps = atlas.trigger_points
    muscle, region = tps.at[tp_id, "muscle"], tps.at[tp_id, "region"]
    ess = _ess(atlas, tp_id)
    # a muscle with a trigger point of the same essential pattern would be a second right answer
    clashing = {tps.at[t, "muscle"] for t in tps.index if _ess(atlas, t) == ess}
    others = sorted(set(tps["muscle"]) - clashing)
    near = sorted(set(tps.loc[tps["region"] == region, "muscle"]) & set(others))
    if len(others) < PATTERN_OPTIONS - 1:
        return None
    picks = rng.sample(near, min(len(near), 2))
    picks += rng.sample(sorted(set(others) - set(picks)), PATTERN_OPTIONS - 1 - len(picks))
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
    # wrong options: its spillover zones first (the classic confusion), then zones nearby
    wrong = rng.sample(spill, min(len(spill), (ZONE_OPTIONS - len(ess)) // 2))
    regions = {atlas.zones[z].region for z in ess}
    near = sorted(z for z, info in atlas.zones.items() if info.region in regions and z not in ess + wrong)
    far = sorted(z for z in atlas.zones if z not in ess + wrong + near)
    room = ZONE_OPTIONS - len(ess) - len(wrong)
    wrong += rng.sample(near, min(len(near), room))
    wrong += rng.sample(far, ZONE_OPTIONS - len(ess) - len(wrong))
    options = ess + wrong
    rng.shuffle(options)
    prompt = (
        f"{rec['muscle']}: the trigger point marked X lies {lower_first(rec['trigger_point'])} "
        "Which areas are its essential referral zones (where its pain is nearly always felt)?"
    )
    return Question("zones", tp_id, prompt, tuple(options), tuple(ess), rng.choice(("right", "left")))


def _mimics_question(
    atlas: Atlas, conditions: Conditions, condition: str, rng: random.Random
) -> Question | None:
    tps = atlas.trigger_points
    right = sorted({tps.at[t, "muscle"] for t in mimickers(atlas, conditions, condition)})
    if not right:
        return None
    wrong = sorted(set(tps["muscle"]) - set(right))
    answer = rng.sample(right, min(len(right), MAX_MIMIC_ANSWERS))
    options = answer + rng.sample(wrong, min(len(wrong), MIMIC_OPTIONS - len(answer)))
    rng.shuffle(options)
    label = conditions.label(condition)
    prompt = f"Trigger points in which of these muscles can cause pain that is mistaken for {label.lower()}?"
    return Question("mimics", condition, prompt, tuple(options), tuple(sorted(answer)))


def lower_first(text: str) -> str:
    """'In the forehead…' -> 'in the forehead…' (for text set inside a sentence)."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def make_set(atlas: Atlas, conditions: Conditions, seed: int, size: int = 9) -> tuple[Question, ...]:
    """A set of up to ``size`` questions, the kinds taking turns; the same seed gives the same set.

    Subjects never repeat, and a muscle asked about in one question is not the subject
    of another.
    """
    rng = random.Random(seed)
    tp_pool = sorted(atlas.trigger_points.index)
    rng.shuffle(tp_pool)
    cond_pool = sorted(conditions.table.index)
    rng.shuffle(cond_pool)
    used_muscles: set[str] = set()

    def next_question(kind: str) -> Question | None:
        if kind == "mimics":
            while cond_pool:
                if question := _mimics_question(atlas, conditions, cond_pool.pop(), rng):
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
    active = list(KINDS)
    while len(out) < size and active:
        kind = active[len(out) % len(active)]
        question = next_question(kind)
        if question is None:
            active.remove(kind)
        else:
            out.append(question)
    return tuple(out)
