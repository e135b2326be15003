"""Streamlit pieces of the quiz (``/quiz``): one question at a time, score and mistakes kept for
the session, a new set on demand. ``?seed=`` replays a set (a teacher can share one).
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

import plotly.graph_objects as go
import streamlit as st

from tpatlas import referral
from tpatlas.conditions import condition_tables
from tpatlas.data import Atlas, data_dir, load_atlas
from tpatlas.links import first_value, safe_snippet
from tpatlas.mapview import map_view
from tpatlas.patterns import marks_for, shades_for
from tpatlas.quiz import SCORING, Question, make_set, points

SEED = "quiz_seed"
POS = "quiz_pos"  # index of the current question
RESULTS = "quiz_results"  # one dict per answered question: pos, chosen, points
MAX_SEED = 10**9
NOTICE = "quiz_notice"
_SEED_TEXT = re.compile(r"^[0-9]{1,9}$")  # ASCII digits only: str.isdigit() accepts "²"


@lru_cache(maxsize=32)
def question_set(folder: str, seed: int) -> tuple[Question, ...]:
    """The set for a seed, generated once per data folder."""
    return make_set(load_atlas(), condition_tables()[0], seed)


def questions() -> tuple[Question, ...]:
    return question_set(str(data_dir()), st.session_state[SEED])


def _start(seed: int) -> None:
    st.session_state[SEED] = seed
    st.session_state[POS] = 0
    st.session_state[RESULTS] = []
    st.query_params["seed"] = str(seed)


def init() -> None:
    """On the session's first visit: the set from ``?seed=`` or a random one."""
    if SEED in st.session_state:
        st.query_params["seed"] = str(st.session_state[SEED])
        return
    raw = first_value(st.query_params.get_all("seed") or None) or ""
    valid = bool(_SEED_TEXT.match(raw))
    st.session_state[NOTICE] = (
        None
        if valid or not raw
        else f"The link's quiz set ('{safe_snippet(raw)}') is not a set number, so here is a new set."
    )
    _start(int(raw) if valid else random.randrange(MAX_SEED))


def new_set() -> None:
    _start((st.session_state[SEED] + 1) % MAX_SEED)


def answer_key() -> str:
    return f"quiz-answer-{st.session_state[SEED]}-{st.session_state[POS]}"


def checked() -> bool:
    """Has the current question been answered?"""
    return any(r["pos"] == st.session_state[POS] for r in st.session_state[RESULTS])


def check() -> None:
    question = questions()[st.session_state[POS]]
    value = st.session_state.get(answer_key())
    chosen = [value] if isinstance(value, str) else list(value or [])
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


def answer_widget(atlas: Atlas, question: Question) -> None:
    done = checked()
    label = "Your answer" if not question.multiple else "Your answer (pick all that apply)"
    fmt = lambda o: option_label(atlas, question, o)  # noqa: E731
    if question.multiple:
        st.pills(
            label,
            question.options,
            selection_mode="multi",
            format_func=fmt,
            key=answer_key(),
            disabled=done,
            wrap=True,
        )
    else:
        st.radio(label, question.options, index=None, format_func=fmt, key=answer_key(), disabled=done)


def feedback(atlas: Atlas, question: Question) -> None:
    """Right or wrong, the points, and the right answer."""
    result = next(r for r in st.session_state[RESULTS] if r["pos"] == st.session_state[POS])
    right = ", ".join(option_label(atlas, question, o) for o in question.answer)
    text = f"{result['points']:g} point{'s' if result['points'] != 1 else ''}. The answer: {right}."
    (st.success if result["points"] == 1 else st.warning)(safe_snippet(text, limit=None))


def score_line() -> str:
    results = st.session_state[RESULTS]
    total = sum(r["points"] for r in results)
    return f"Score: {total:g} of {len(results)} answered, {len(questions())} questions in this set."


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
            st.markdown(
                f"**Question {r['pos'] + 1}** {safe_snippet(about, limit=None)}: you chose "
                f"{safe_snippet(yours, limit=None)}; the answer is {safe_snippet(right, limit=None)} "
                f"({r['points']:g} point)."
            )


def new_set_button() -> None:
    st.button("New set", on_click=new_set, icon=":material/refresh:", key="quiz-new-set")
