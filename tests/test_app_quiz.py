"""The quiz through AppTest: a seeded set, checking answers, the score, mistakes and a new set."""

from __future__ import annotations

from tests.conftest import run_page
from tpatlas.conditions import condition_tables
from tpatlas.quiz import make_set

PAGE = "pages/quiz.py"


def _answer(at, question, right: bool) -> None:
    key = at.session_state["quiz_pos"]
    widget_key = f"quiz-answer-{at.session_state['quiz_seed']}-{key}"
    wrong = [o for o in question.options if o not in question.answer]
    if question.multiple:
        at.button_group(key=widget_key).set_value(list(question.answer) if right else wrong[:1]).run()
    else:
        at.radio(key=widget_key).set_value(question.answer[0] if right else wrong[0]).run()
    at.button(key="quiz-check").click().run()


def test_a_whole_set_with_score_and_mistakes(atlas):
    at = run_page(PAGE, seed="11")
    assert not at.exception
    questions = make_set(atlas, condition_tables()[0], 11)
    assert at.session_state["quiz_seed"] == 11
    for i, question in enumerate(questions):
        assert any(s.value == f"Question {i + 1} of {len(questions)}" for s in at.header)
        right = i % 3 != 1  # get every third question wrong
        _answer(at, question, right)
        assert not at.exception
        assert at.success if right else at.warning, f"no feedback for question {i + 1}"
        at.button(key="quiz-next").click().run()
    assert any(s.value == "Set finished" for s in at.header)
    wrong = len(questions) // 3
    assert at.caption[0].value.startswith(f"Score: {len(questions) - wrong:g} of {len(questions)} answered")
    review = [m.value for m in at.expander[0].markdown]
    assert len(review) == wrong
    assert at.expander[0].label == f"Review your mistakes ({wrong})"


def test_new_set_starts_over_with_other_questions():
    at = run_page(PAGE, seed="3")
    first = at.header[0].value
    at.button(key="quiz-new-set").click().run()
    assert not at.exception
    assert at.session_state["quiz_seed"] == 4
    assert at.session_state["quiz_results"] == []
    assert at.query_params["seed"] in ("4", ["4"])
    assert at.header[0].value == first  # "Question 1 of 9" again


def test_bad_seed_gets_a_random_set():
    at = run_page(PAGE, seed="<b>x</b>")
    assert not at.exception
    assert 0 <= at.session_state["quiz_seed"] < 10**9
