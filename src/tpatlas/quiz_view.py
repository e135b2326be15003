"""Streamlit pieces of the quiz (``/quiz``): one question at a time, score and mistakes kept for
the session, a new set on demand, a mode per region and kind of question. ``?seed=`` (with
``?region=`` and ``?kind=``) replays a set (a teacher can share one).
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

import plotly.graph_objects as go
import streamlit as st

from tpatlas import lookups, referral
from tpatlas.conditions import condition_tables
from tpatlas.data import Atlas, data_dir, load_atlas
from tpatlas.links import first_value, parse_choice, safe_snippet
from tpatlas.mapview import map_view
from tpatlas.patterns import marks_for, shades_for
from tpatlas.quiz import KIND_LABELS, KINDS, SCORING, Question, explanation, make_set, pattern_links, points
from tpatlas.quiz import points_text as half_points

SEED = "quiz_seed"
REGION, KIND = "quiz_region", "quiz_kind"  # the mode: one region or all (None), one kind or all (None)
POS = "quiz_pos"  # index of the current question
RESULTS = "quiz_results"  # one dict per answered question: pos, chosen, points
MAX_SEED = 10**9
NOTICE = "quiz_notice"
_SEED_TEXT = re.compile(r"^[0-9]{1,9}$")  # ASCII digits only: str.isdigit() accepts "²"


@lru_cache(maxsize=32)
def question_set(
    folder: str, seed: int, region: str | None = None, kind: str | None = None
) -> tuple[Question, ...]:
    """The set for a seed and mode, generated once per data folder."""
    return make_set(
        load_atlas(), condition_tables()[0], seed, region=region, kinds=(kind,) if kind else KINDS
    )


def questions() -> tuple[Question, ...]:
    state = st.session_state
    return question_set(str(data_dir()), state[SEED], state.get(REGION), state.get(KIND))


def _write_link() -> None:
    st.query_params["seed"] = str(st.session_state[SEED])
    for key, name in ((REGION, "region"), (KIND, "kind")):
        if st.session_state.get(key):
            st.query_params[name] = st.session_state[key]
        else:
            st.query_params.pop(name, None)


def _start(seed: int) -> None:
    st.session_state[SEED] = seed
    st.session_state[POS] = 0
    st.session_state[RESULTS] = []
    _write_link()


def init(atlas: Atlas) -> None:
    """On the session's first visit: the set from ``?seed=`` (and its mode) or a random one."""
    if SEED in st.session_state:
        _write_link()
        return
    raw = first_value(st.query_params.get_all("seed") or None) or ""
    valid = bool(_SEED_TEXT.match(raw))
    notices = (
        []
        if valid or not raw
        else [f"The link's quiz set ('{safe_snippet(raw)}') is not a set number, so here is a new set."]
    )
    for key, name, allowed in ((REGION, "region", atlas.regions.index), (KIND, "kind", KINDS)):
        parsed = parse_choice(st.query_params.get_all(name) or None, allowed, name)
        st.session_state[key] = parsed.value
        if parsed.notice:
            notices.append(parsed.notice)
    st.session_state[NOTICE] = " ".join(notices) or None
    _start(int(raw) if valid else random.randrange(MAX_SEED))


def mode_controls(atlas: Atlas) -> None:
    """Drill one region, one kind of question, or both; a change starts a new set."""
    region_col, kind_col = st.columns(2)
    region_col.selectbox(
        "Body region",
        options=lookups.region_ids(atlas),
        format_func=lambda r: lookups.region_label(atlas, r),
        index=None,
        key=REGION,
        placeholder="All regions",
        on_change=lambda: _start(st.session_state[SEED]),
        persist_state="session",  # kept while the student visits a pattern and comes back
    )
    kind_col.selectbox(
        "Kind of question",
        options=KINDS,
        format_func=KIND_LABELS.__getitem__,
        index=None,
        key=KIND,
        placeholder="All kinds, taking turns",
        on_change=lambda: _start(st.session_state[SEED]),
        persist_state="session",  # kept while the student visits a pattern and comes back
    )


def new_set() -> None:
    _start((st.session_state[SEED] + 1) % MAX_SEED)


def answer_key() -> str:
    return f"quiz-answer-{st.session_state[SEED]}-{st.session_state[POS]}"


def checked() -> bool:
    """Has the current question been answered?"""
    return any(r["pos"] == st.session_state[POS] for r in st.session_state[RESULTS])


def _chosen() -> list[str]:
    value = st.session_state.get(answer_key())
    return [value] if isinstance(value, str) else list(value or [])


def answered() -> bool:
    """Has an option been chosen for the current question (so it can be checked)?"""
    return bool(_chosen())


def check() -> None:
    chosen = _chosen()
    if not chosen or checked():  # the button waits for an answer; a second click changes nothing
        return
    question = questions()[st.session_state[POS]]
    result = {"pos": st.session_state[POS], "chosen": chosen, "points": points(question, chosen)}
    st.session_state[RESULTS] = [*st.session_state[RESULTS], result]


def next_question() -> None:
    st.session_state[POS] += 1


def option_label(atlas: Atlas, question: Question, option: str) -> str:
    return atlas.zones[option].label if question.kind == "zones" else option


def figure(atlas: Atlas, question: Question, reveal: bool) -> go.Figure | None:
    """The map for a question: the pattern without its X, or the X without its pattern."""
    if question.kind == "mimics":
        return None
    picks = [(question.subject, question.side)]
    shades = shades_for(atlas, picks) if question.kind == "pattern" or reveal else ()
    marks = marks_for(atlas, picks) if question.kind == "zones" or reveal else ()
    return referral.pattern_figure(shades, marks, str(data_dir()))


def body_map(atlas: Atlas, fig: go.Figure) -> None:
    """The question's map: one element across questions, redrawn in place."""
    map_view(atlas, fig, key="quiz-map", label="Body map for this question, front and back.", max_height=560)


def marked_label(atlas: Atlas, question: Question, option: str, chosen: list[str]) -> str:
    """An option after checking: '✓' on every right one, '✗' on a wrong pick."""
    label = option_label(atlas, question, option)
    if option in question.answer:
        return f":green[**✓ {label}**]" + (" (your pick)" if option in chosen else " (the answer)")
    return f":red[**✗ {label}**] (your pick)" if option in chosen else label


def answer_widget(atlas: Atlas, question: Question) -> None:
    """The options; once checked, the same options marked right and wrong (and locked)."""
    label = "Your answer" if not question.multiple else "Your answer (pick all that apply)"
    if checked():
        chosen = _result()["chosen"]
        fmt = lambda o: marked_label(atlas, question, o, chosen)  # noqa: E731
        key, disabled = answer_key() + "-marked", True
    else:
        chosen, fmt, key, disabled = [], (lambda o: option_label(atlas, question, o)), answer_key(), False
    if question.multiple:
        st.pills(
            label, question.options, selection_mode="multi", format_func=fmt, key=key,
            disabled=disabled, wrap=True, default=chosen or None,
        )  # fmt: skip
    else:
        index = question.options.index(chosen[0]) if chosen else None
        st.radio(label, question.options, index=index, format_func=fmt, key=key, disabled=disabled)


def _result() -> dict:
    return next(r for r in st.session_state[RESULTS] if r["pos"] == st.session_state[POS])


def feedback(atlas: Atlas, question: Question) -> None:
    """Right or wrong, the points, the right answer, why (from the data) and the pattern to open."""
    result = _result()
    right = ", ".join(option_label(atlas, question, o) for o in question.answer)
    verdict = {1.0: "Right", 0.5: "Half right"}.get(result["points"], "Not this time")
    score = half_points(result["points"])
    text = f"{verdict}: {score} point{'' if result['points'] == 1 else 's'}. The answer: {right}."
    (st.success if result["points"] == 1 else st.warning)(safe_snippet(text, limit=None))
    st.markdown(f"**Why:** {safe_snippet(explanation(atlas, condition_tables()[0], question), limit=None)}")
    _links(atlas, question)


def _links(atlas: Atlas, question: Question) -> None:
    """Page links (same tab, same session) to the patterns a question is about."""
    for muscle, tp_id in pattern_links(atlas, question):
        st.page_link(
            "pages/pattern.py",
            label=f"Open the pattern: {muscle}",
            icon=":material/scatter_plot:",
            query_params={"muscle": tp_id},
        )


def score_line() -> str:
    """'Score: 6½ of 7 answered · 9 questions in this set'."""
    results = st.session_state[RESULTS]
    total = sum(r["points"] for r in results)
    return (
        f"Score: {half_points(total)} of {len(results)} answered · {len(questions())} questions in this set."
    )


def mistakes(atlas: Atlas) -> None:
    """Every answer that did not score full marks, with the right answer."""
    wrong = [r for r in st.session_state[RESULTS] if r["points"] < 1]
    with st.expander(
        f"Review your mistakes ({len(wrong)})", expanded=st.session_state[POS] >= len(questions())
    ):
        if not wrong:
            st.write("None so far.")
        st.caption(SCORING)
        for r in wrong:
            q = questions()[r["pos"]]
            yours = ", ".join(option_label(atlas, q, o) for o in r["chosen"]) or "nothing"
            right = ", ".join(option_label(atlas, q, o) for o in q.answer)
            about = referral.trigger_point_label(atlas, q.subject) if q.kind != "mimics" else ""
            pts = half_points(r["points"])
            st.markdown(
                f"**Question {r['pos'] + 1}** {safe_snippet(about, limit=None)}: you chose "
                f"{safe_snippet(yours, limit=None)}; the answer is {safe_snippet(right, limit=None)} "
                f"({pts} point{'' if r['points'] == 1 else 's'})."
            )
            _links(atlas, q)


def new_set_button() -> None:
    st.button("New set", on_click=new_set, icon=":material/refresh:", key="quiz-new-set")
