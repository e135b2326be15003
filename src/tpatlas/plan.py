"""A dry-needling treatment plan: the chosen trigger points, the settings, a dated schedule.

Pure functions over the atlas, shared by the plan page and the PDF handout: defaults
from the data, bounds, the schedule, the plan link (``?plan=...``) and the CSV export.
A plan holds no patient name or identifier, and neither do its link or its files.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

import pandas as pd

from tpatlas import safety
from tpatlas.data import Atlas, split_list
from tpatlas.links import MAX_PARAM, first_value, safe_snippet
from tpatlas.patterns import numbers


class Bounds(NamedTuple):
    """Inclusive lower and upper limits of a setting."""

    low: int
    high: int

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and self.low <= value <= self.high


# Sane limits; the data's guidance (1-3 sessions, 1-2 a week, 20-30 minutes: seed_enews,
# seed_pt_clinic) sits well inside them, and anything outside is refused, not clamped.
SESSIONS = Bounds(1, 12)  # 12 covers a long course in a wider rehab plan; past that, reassess first
PER_WEEK = Bounds(1, 3)  # soreness can last up to ~72 h (martin_pintado_2018): more often needles sore tissue
MINUTES = Bounds(10, 60)  # 10 min for one trigger point; an hour covers many with time to assess
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)
MAX_PICKS = 12  # trigger points, each side counted: about what a 20-30 minute session reaches

# Session length by default: 20 minutes for a few trigger points, 30 for more (the seeds'
# 20-30 minutes, longer with more trigger points to cover: seed_pt_clinic).
SHORT_SESSION, LONG_SESSION, SHORT_UP_TO = 20, 30, 3
# Days from the start of each week's sessions: twice a week is Monday-and-Thursday-like
# (3 and 4 days apart), three times Monday-Wednesday-Friday-like; soreness settles between.
WEEK_OFFSETS = {1: (0,), 2: (0, 3), 3: (0, 2, 4)}

SIDES = ("right", "left")
SIDE_CODES = {"right": "r", "left": "l"}
SIDE_CHOICES = {"right": ("right",), "left": ("left",), "both": ("right", "left")}

EMPTY_PLAN_REASON = "Choose at least one trigger point first: an empty plan has nothing to print or export."


class Pick(NamedTuple):
    """One trigger point on one side of the body."""

    tp_id: str
    side: str  # "right" | "left"


class Settings(NamedTuple):
    """How often and how long: sessions in the course, sessions a week, minutes a session."""

    sessions: int
    per_week: int
    minutes: int


class PlanError(ValueError):
    """A plan's settings are outside their bounds."""


@dataclass(frozen=True)
class Plan:
    """A treatment plan. Settings are checked on creation (:class:`PlanError`)."""

    picks: tuple[Pick, ...]
    sessions: int
    per_week: int
    minutes: int
    start: date

    def __post_init__(self) -> None:
        problems = setting_problems(self.sessions, self.per_week, self.minutes, self.start)
        if len(self.picks) > MAX_PICKS:
            problems.append(f"at most {MAX_PICKS} trigger points")
        if len(set(self.picks)) != len(self.picks):
            problems.append("a trigger point is listed twice on the same side")
        if problems:
            raise PlanError("; ".join(problems))

    @property
    def settings(self) -> Settings:
        return Settings(self.sessions, self.per_week, self.minutes)


@dataclass(frozen=True)
class Session:
    """One dated session of the course."""

    number: int
    day: date
    week: int


@dataclass(frozen=True)
class Decoded:
    """A plan read from a link: what was valid, and what was left out (readable, escaped)."""

    plan: Plan
    dropped: tuple[str, ...] = field(default=())


def setting_problems(sessions: int, per_week: int, minutes: int, start: date) -> list[str]:
    """What is wrong with these settings, in words (empty when all are within bounds)."""
    out = []
    for name, value, bounds in (
        ("sessions", sessions, SESSIONS),
        ("sessions a week", per_week, PER_WEEK),
        ("minutes a session", minutes, MINUTES),
    ):
        if value not in bounds:
            out.append(f"{name} must be a whole number from {bounds.low} to {bounds.high}")
    if not isinstance(start, date) or not FIRST_DAY <= start <= LAST_DAY:
        out.append(f"the start date must lie between {FIRST_DAY:%Y} and {LAST_DAY:%Y}")
    return out


def per_week_range(text: str) -> tuple[int, int]:
    """'1-2' -> (1, 2); '2' -> (2, 2). Unreadable text gives the seeds' (1, 2)."""
    numbers = [int(n) for n in re.findall(r"\d+", str(text))[:2]]
    if not numbers:
        return 1, 2
    return min(numbers), max(numbers)


def _clamp(value: int, bounds: Bounds) -> int:
    return max(bounds.low, min(bounds.high, value))


def default_settings(atlas: Atlas, tp_ids: Iterable[str]) -> Settings:
    """Settings from the data for these trigger points (all of them when none are given).

    Sessions: the longest typical course among them; a week: the most often that every
    one of them allows; minutes: 20 for a few trigger points, 30 for more.
    """
    ids = list(dict.fromkeys(tp_ids))
    rows = atlas.trigger_points.loc[ids] if ids else atlas.trigger_points
    sessions = max(int(v) for v in rows["sessions_max"])
    per_week = min(per_week_range(v)[1] for v in rows["sessions_per_week"])
    minutes = SHORT_SESSION if len(ids) <= SHORT_UP_TO else LONG_SESSION
    return Settings(_clamp(sessions, SESSIONS), _clamp(per_week, PER_WEEK), _clamp(minutes, MINUTES))


def new_plan(atlas: Atlas, picks: Sequence[Pick], start: date, settings: Settings | None = None) -> Plan:
    """A plan for these picks (duplicates dropped), with the data's defaults unless given."""
    unique = tuple(dict.fromkeys(picks))
    chosen = settings or default_settings(atlas, [p.tp_id for p in unique])
    return Plan(unique, chosen.sessions, chosen.per_week, chosen.minutes, start)


def expand_side(tp_ids: Iterable[str], side: str) -> list[Pick]:
    """Picks for these trigger points on 'right', 'left' or 'both' sides."""
    return [Pick(tp, s) for tp in tp_ids for s in SIDE_CHOICES[side]]


def pick_key(pick: Pick) -> str:
    """A pick as a widget option: 'soleus:left'."""
    return f"{pick.tp_id}:{pick.side}"


def key_pick(key: str) -> Pick:
    tp_id, _, side = key.partition(":")
    return Pick(tp_id, side)


def pick_options(atlas: Atlas, limit: int = 45) -> dict[str, str]:
    """Every trigger point on each side as widget options: key -> label, ordered by muscle.

    Labels name the muscle and side, plus where the point lies when the muscle has more
    than one: 'Soleus (left)', 'Temporalis (right): in the middle fibres of the…'.
    """
    tps = atlas.trigger_points.sort_values(["muscle", "tp_id"], kind="stable")
    several = tps["muscle"].duplicated(keep=False)
    out = {}
    for tp_id, rec in tps.iterrows():
        where = ""
        if several[tp_id]:
            text = str(rec["trigger_point"])
            text = text[:1].lower() + text[1:]
            where = ": " + (text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;") + "…")
        muscle = str(rec["muscle"])
        for side in SIDES:  # 'Abductor digiti minimi (foot, right)', not '(foot) (right)'
            named = f"{muscle[:-1]}, {side})" if muscle.endswith(")") else f"{muscle} ({side})"
            out[pick_key(Pick(tp_id, side))] = named + where
    return out


def merge_picks(current: Sequence[Pick], new: Iterable[Pick]) -> tuple[tuple[Pick, ...], int]:
    """``current`` plus the new picks not yet in it, up to :data:`MAX_PICKS`; and how many did not fit."""
    merged = list(dict.fromkeys(current))
    left_out = 0
    for pick in new:
        if pick in merged:
            continue
        if len(merged) >= MAX_PICKS:
            left_out += 1
        else:
            merged.append(pick)
    return tuple(merged), left_out


# ---------------------------------------------------------------- schedule
def schedule(plan: Plan) -> tuple[Session, ...]:
    """The course's dates: ``per_week`` sessions a week from the start date, spread out."""
    offsets = WEEK_OFFSETS[plan.per_week]
    out = []
    for i in range(plan.sessions):
        week, slot = divmod(i, plan.per_week)
        day = plan.start + timedelta(days=7 * week + offsets[slot])
        out.append(Session(i + 1, day, week + 1))
    return tuple(out)


def day_text(day: date) -> str:
    """'Mon 2 Jun 2025'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


# ---------------------------------------------------------------- the plan link
LINK_VERSION = "v1"
_SEP = "."  # URL-safe everywhere (also in application/x-www-form-urlencoded), like '-' and '_'
_SETTING = re.compile(r"^([swm])(\d{1,4})$")
_DAY = re.compile(r"^d(\d{8})$")
_PICK = re.compile(r"^([a-z0-9]+(?:_[a-z0-9]+)*)-([a-z]+)$")
_SETTING_NAMES = {
    "s": ("session count", SESSIONS),
    "w": ("sessions per week", PER_WEEK),
    "m": ("session length in minutes", MINUTES),
}
_CODE_SIDES = {code: side for side, code in SIDE_CODES.items()}


def encode_link(plan: Plan) -> str:
    """The plan as a short plain-text value for ``?plan=``.

    ``v1.s3.w2.m20.d20250602.upper_trapezius-r.soleus-l``: a version, the settings, the
    start date, then each trigger point with its side. Letters, digits, ``.``, ``-``, ``_``.
    """
    head = [
        LINK_VERSION,
        f"s{plan.sessions}",
        f"w{plan.per_week}",
        f"m{plan.minutes}",
        f"d{plan.start:%Y%m%d}",
    ]
    return _SEP.join(head + [f"{p.tp_id}-{SIDE_CODES[p.side]}" for p in plan.picks])


def _quote(text: str) -> str:
    return f"'{safe_snippet(text, limit=30)}'"


def decode_link(raw: str | list[str] | None, atlas: Atlas, today: date) -> Decoded | None:
    """Read a ``?plan=`` value: None when there is none, else the valid part and what was dropped.

    Never raises on bad input: unknown trigger points, out-of-range settings, broken
    dates and unreadable parts are dropped and named; missing settings get the data's
    defaults and a missing start date is ``today``.
    """
    value = first_value(raw)
    if value is None:
        return None
    empty = new_plan(atlas, (), today)
    if len(value) > MAX_PARAM:
        return Decoded(empty, ("the whole link (it is too long to be a plan link)",))
    tokens = [t for t in value.strip().lower().split(_SEP) if t.strip()]
    if not tokens:
        return Decoded(empty, ("the whole link (it is empty)",))
    if tokens[0] != LINK_VERSION:
        return Decoded(
            empty, (f"the whole link (it does not start with {LINK_VERSION}, so it is not a plan link)",)
        )
    dropped: list[str] = []
    found: dict[str, int] = {}
    troubled: set[str] = set()  # settings already named in ``dropped``
    start: date | None = None
    picks: list[Pick] = []
    for token in tokens[1:]:
        if m := _SETTING.match(token):
            key, number = m.group(1), int(m.group(2))
            name, bounds = _SETTING_NAMES[key]
            troubled.add(key)
            if key in found:
                dropped.append(f"a second {name} value {_quote(token)}")
            elif number not in bounds:
                dropped.append(f"{name} {number} (must be {bounds.low} to {bounds.high})")
            else:
                found[key] = number
        elif m := _DAY.match(token):
            day = _parse_day(m.group(1))
            troubled.add("d")
            if start is not None:
                dropped.append(f"a second start date {_quote(token)}")
            elif day is None:
                dropped.append(
                    f"the start date {_quote(token)} (not a date between {FIRST_DAY:%Y} and {LAST_DAY:%Y})"
                )
            else:
                start = day
        elif (m := _PICK.match(token)) and m.group(1) in atlas.trigger_points.index:
            side = _CODE_SIDES.get(m.group(2))
            pick = Pick(m.group(1), side) if side else None
            if pick is None:
                dropped.append(f"the side of {_quote(m.group(1))} ({_quote(m.group(2))} is not r or l)")
            elif pick in picks:
                continue  # the same trigger point twice: keep one, nothing is lost
            elif len(picks) >= MAX_PICKS:
                dropped.append(f"trigger point {_quote(token)} (a plan holds at most {MAX_PICKS})")
            else:
                picks.append(pick)
        elif m:
            dropped.append(f"unknown trigger point {_quote(m.group(1))}")
        else:
            dropped.append(f"an unreadable part {_quote(token)}")
    defaults = default_settings(atlas, [p.tp_id for p in picks])
    for key, default in zip("swm", defaults, strict=True):
        if key not in found:
            if key not in troubled:
                dropped.append(f"the {_SETTING_NAMES[key][0]} (missing; the usual {default} is used)")
            found[key] = default
    if start is None and "d" not in troubled:
        dropped.append("the start date (missing; today is used)")
    settings = Settings(found["s"], found["w"], found["m"])
    return Decoded(new_plan(atlas, picks, start or today, settings), tuple(dropped))


def _parse_day(digits: str) -> date | None:
    try:
        day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def link_notice(decoded: Decoded | None) -> str | None:
    """A notice naming what a plan link lost (Markdown-safe), or None when nothing was lost."""
    if decoded is None or not decoded.dropped:
        return None
    kept = len(decoded.plan.picks)
    head = (
        f"Part of the plan link could not be used; the plan opens with the {kept} "
        "trigger point(s) it could read."
        if kept
        else "The plan link could not be used as it is, so the plan opens empty."
    )
    return f"{head} Left out: " + "; ".join(decoded.dropped) + "."


# ---------------------------------------------------------------- what the plan says
PLAN_COLUMNS = {
    "number": "No.",
    "muscle": "Muscle",
    "side": "Side",
    "trigger_point": "Where the trigger point lies",
    "referred_pain": "Where it sends pain",
}


def numbering(plan: Plan) -> dict[str, int]:
    """tp_id -> its number in the plan, 1..n in the order chosen; the map, table, CSV and PDF share it."""
    return numbers((p.tp_id, p.side) for p in plan.picks)


def plan_table(atlas: Atlas, plan: Plan) -> pd.DataFrame:
    """One row per chosen trigger point, numbered in the plan's order (Side: Right, Left or Both)."""
    sides: dict[str, list[str]] = {}
    for pick in plan.picks:
        sides.setdefault(pick.tp_id, []).append(pick.side)
    nums = numbering(plan)
    rows = []
    for tp_id, chosen in sides.items():
        rec = atlas.trigger_points.loc[tp_id]
        rows.append(
            {
                "number": nums[tp_id],
                "muscle": rec["muscle"],
                "side": "Both" if len(chosen) == 2 else chosen[0].capitalize(),
                "trigger_point": rec["trigger_point"],
                "referred_pain": rec["referred_pain"],
            }
        )
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS)).rename(columns=PLAN_COLUMNS)


# ---------------------------------------------------------------- warnings, grouped by kind
# How a kind of warning acts on the plan: "block" stops the needling plan until the therapist
# records a reason to go on; "tick" asks the therapist to tick that it was considered; "info"
# is shown. A kind not listed here is shown as "info" under its own heading, so a new kind
# (a safety table's sites, say) is data only: build Notes with that kind.
BLOCK, TICK, INFO = "block", "tick", "info"
KINDS = {
    "contraindication": (BLOCK, "Usually a reason not to needle"),
    "precaution": (TICK, "Needle only with extra care"),
    "caution": (INFO, "Take care at these points"),
    "serious_risk": (INFO, "Rare but serious risks at these sites"),
}
LEVEL_ORDER = (BLOCK, TICK, INFO)
MIN_REASON = 10  # characters: a reason to go on despite a contraindication, in a few words


@dataclass(frozen=True)
class Note:
    """One warning: its kind (notes of one kind are shown together), its text, and the plan's
    trigger-point numbers it concerns (empty: the whole plan)."""

    kind: str
    text: str
    points: tuple[int, ...] = ()
    label: str = ""  # a short name ("Pregnant"), for one-line summaries


@dataclass(frozen=True)
class NoteGroup:
    """All notes of one kind: heading, level and each distinct text with the points it concerns."""

    kind: str
    level: str
    heading: str
    items: tuple[tuple[str, tuple[int, ...]], ...]
    labels: tuple[str, ...] = ()


def kind_of(kind: str) -> tuple[str, str]:
    """(level, heading) of a kind of warning; unknown kinds are information under their own name."""
    return KINDS.get(kind, (INFO, kind.replace("_", " ").capitalize()))


def group_notes(notes: Iterable[Note]) -> list[NoteGroup]:
    """One group per kind (blocking kinds first), the same text once with all its points;
    texts in a row that concern the same points are one item."""
    by_kind: dict[str, dict[str, set[int]]] = {}
    labels: dict[str, list[str]] = {}
    for note in notes:
        by_kind.setdefault(note.kind, {}).setdefault(note.text, set()).update(note.points)
        if note.label and note.label not in labels.setdefault(note.kind, []):
            labels[note.kind].append(note.label)
    groups = []
    for kind, texts in by_kind.items():
        level, heading = kind_of(kind)
        items: list[tuple[str, tuple[int, ...]]] = []
        for text, point_set in texts.items():
            points = tuple(sorted(point_set))
            if points and items and items[-1][1] == points:  # the same points: one item, read on
                items[-1] = (f"{items[-1][0]} {text}", points)
            else:
                items.append((text, points))
        groups.append(NoteGroup(kind, level, heading, tuple(items), tuple(labels.get(kind, ()))))
    return sorted(groups, key=lambda g: LEVEL_ORDER.index(g.level))


def points_text(points: Sequence[int]) -> str:
    """'Point 2', 'Points 1 and 3', 'Points 1, 3 and 5'; '' for the whole plan."""
    if not points:
        return ""
    if len(points) == 1:
        return f"Point {points[0]}"
    return "Points " + ", ".join(map(str, points[:-1])) + f" and {points[-1]}"


def sentences(text: str) -> list[str]:
    """A text's sentences (a break after '.', '!' or '?' that is followed by a capital)."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip()) if s]


def point_notes(atlas: Atlas, plan: Plan) -> list[Note]:
    """The cautions in the data of the chosen trigger points, as 'caution' notes with their
    numbers, one per sentence: a sentence that several points' cautions share (a lung close
    below, say) is then said once, naming all of them (:func:`group_notes`)."""
    nums = numbering(plan)
    out: list[Note] = []
    for tp_id, n in nums.items():
        caution = str(atlas.trigger_points.at[tp_id, "cautions"])
        out.extend(Note("caution", sentence, (n,)) for sentence in sentences(caution))
    return out


def screening_warnings(screening: pd.DataFrame, ticked: Iterable[str]) -> list[tuple[str, str, str]]:
    """(severity, label, reason) for the ticked screening items, contraindications first.

    Unknown ids are ignored (the checklist only offers known ones).
    """
    chosen = [i for i in dict.fromkeys(ticked) if i in screening.index]
    rows = [screening.loc[i] for i in chosen]
    rows.sort(key=lambda r: r["severity"] != "contraindication")
    return [(r["severity"], r["label"], r["reason"]) for r in rows]


def screening_notes(warnings: Iterable[tuple[str, str, str]]) -> list[Note]:
    """Ticked screening items (:func:`screening_warnings`) as notes of their severity (whole plan)."""
    return [Note(severity, f"{label}: {reason}", (), label) for severity, label, reason in warnings]


def risk_notes(atlas: Atlas, plan: Plan) -> list[Note]:
    """The rare serious risks at the plan's sites (:mod:`tpatlas.safety`), one note per kind of
    risk ("Collapsed lung (pneumothorax): between the shoulder blades (Rhomboids); ..."), naming
    the numbered points it concerns (a risk at every site: the whole plan)."""
    nums = numbering(plan)
    muscle = {tp_id: str(atlas.trigger_points.at[tp_id, "muscle"]) for tp_id in nums}
    places: dict[str, list[str]] = {}
    points: dict[str, set[int]] = {}
    for pr in safety.plan_risks(atlas, list(nums)):
        where = pr.risk.site[:1].lower() + pr.risk.site[1:]
        where += f" ({', '.join(pr.muscles)})" if pr.muscles else ""
        places.setdefault(pr.risk.label, []).append(where)
        points.setdefault(pr.risk.label, set()).update(n for t, n in nums.items() if muscle[t] in pr.muscles)
    return [
        Note("serious_risk", f"{label}: {'; '.join(where)}", tuple(sorted(points[label])))
        for label, where in places.items()
    ]


def plan_notes(
    atlas: Atlas, plan: Plan, warnings: Iterable[tuple[str, str, str]], extra: Iterable[Note] = ()
) -> list[NoteGroup]:
    """Every warning of a plan, grouped: screening, the trigger points' cautions, the serious
    risks at their sites, and any others."""
    return group_notes(
        [*screening_notes(warnings), *point_notes(atlas, plan), *risk_notes(atlas, plan), *extra]
    )


def blocked_by(groups: Iterable[NoteGroup], reason: str, considered: bool) -> str | None:
    """Why the needling plan cannot be printed or exported yet, or None when it can.

    A blocking kind (a contraindication) needs a reason to go on, of at least
    :data:`MIN_REASON` characters; a kind that asks for a tick (a precaution) needs it.
    """
    groups = list(groups)
    blocking = [label for g in groups if g.level == BLOCK for label in (g.labels or (g.heading,))]
    if blocking and len(reason.strip()) < MIN_REASON:
        return (
            f"Contraindication ticked ({'; '.join(blocking)}): the needling plan is on hold. "
            "Record your reason to go on, or treat without needles."
        )
    if any(g.level == TICK for g in groups) and not considered:
        return "A precaution is ticked: tick that you have taken it into account."
    return None


def plan_sources(atlas: Atlas, plan: Plan, *tables: pd.DataFrame) -> list[str]:
    """Source ids cited by the chosen trigger points and the given tables' rows, in first-seen order."""
    ids: list[str] = []
    for pick in plan.picks:
        ids.extend(split_list(atlas.trigger_points.at[pick.tp_id, "source_ids"]))
    for table in tables:
        for cell in table["source_ids"]:
            ids.extend(split_list(cell))
    return [s for s in dict.fromkeys(ids) if s in atlas.sources.index]


CSV_COLUMNS = (
    "session", "date", "weekday", "week", "minutes", "number", "tp_id", "muscle", "side",
    "trigger_point", "referred_pain", "take_care",
)  # fmt: skip


def plan_csv(atlas: Atlas, plan: Plan) -> bytes:
    """The plan as CSV (UTF-8 with a byte-order mark, for spreadsheets): one row per session and pick.

    Raises :class:`PlanError` for an empty plan.
    """
    if not plan.picks:
        raise PlanError(EMPTY_PLAN_REASON)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    nums = numbering(plan)
    for session in schedule(plan):
        for pick in plan.picks:
            rec = atlas.trigger_points.loc[pick.tp_id]
            writer.writerow(
                [
                    session.number, session.day.isoformat(), f"{session.day:%A}", session.week,
                    plan.minutes, nums[pick.tp_id], pick.tp_id, rec["muscle"], pick.side,
                    rec["trigger_point"], rec["referred_pain"], rec["cautions"],
                ]
            )  # fmt: skip
    return out.getvalue().encode("utf-8-sig")


def export_name(plan: Plan, ext: str) -> str:
    """A file name with the start date and nothing about the patient."""
    return f"treatment-plan-{plan.start:%Y-%m-%d}.{ext}"
