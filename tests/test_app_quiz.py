"""The quiz through AppTest: a seeded set, checking answers, the score, mistakes and a new set."""

from __future__ import annotations

from tests.conftest import run_page
from tpatlas.conditions import condition_tables
from tpatlas.quiz import make_set, points_text

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
    assert (
        at.caption[0].value
        == f"Score: {len(questions) - wrong} of {len(questions)} answered · 9 questions in this set."
    )
    review = [m.value for m in at.expander[0].markdown]
    assert len(review) == wrong
    assert at.expander[0].label == f"Review your mistakes ({wrong})"


def test_check_waits_for_an_answer_then_teaches(atlas):
    at = run_page(PAGE, seed="11")
    question = make_set(atlas, condition_tables()[0], 11)[0]
    check = at.button(key="quiz-check")
    assert check.disabled and check.help == "Choose an answer first."
    _answer(at, question, right=False)
    assert not at.exception
    # the options, marked: the right one with a tick, the wrong pick with a cross
    marked = at.radio(key="quiz-answer-11-0-marked") if not question.multiple else None
    labels = marked.proto.options if marked else at.button_group(key="quiz-answer-11-0-marked").proto.options
    text = " | ".join(str(o) for o in labels)
    assert "✓" in text and "✗" in text and "(the answer)" in text
    why = [m.value for m in at.markdown if m.value.startswith("**Why:**")]
    assert len(why) == 1 and len(why[0]) > 40
    links = [p for p in at.get("page_link") if p.proto.page == "pattern" and p.proto.query_string]
    assert links and links[0].proto.query_string.startswith("muscle=")
    assert at.warning[0].value.replace("\\", "").startswith("Not this time: 0 points. The answer:")


def test_half_points_are_written_as_a_half(atlas):
    at = run_page(PAGE, seed="11", kind="zones")
    questions = make_set(atlas, condition_tables()[0], 11, kinds=("zones",))
    first = next(i for i, q in enumerate(questions) if len(q.answer) == 2)
    for i in range(first):  # skip to a question with two answers, answering the others right
        _answer(at, questions[i], right=True)
        at.button(key="quiz-next").click().run()
    _answer_with(at, list(questions[first].answer[:1]))  # one of the two: half of it right
    assert at.session_state["quiz_results"][-1]["points"] == 0.5
    assert at.caption[0].value.startswith(f"Score: {points_text(first + 0.5)} of {first + 1} answered")
    assert at.warning[0].value.replace("\\", "").startswith("Half right: ½ point")


def _answer_with(at, chosen: list[str]) -> None:
    key = f"quiz-answer-{at.session_state['quiz_seed']}-{at.session_state['quiz_pos']}"
    at.button_group(key=key).set_value(chosen).run()
    at.button(key="quiz-check").click().run()


def test_a_region_mode_drills_the_arm(atlas):
    at = run_page(PAGE, seed="2")
    at.selectbox(key="quiz_region").select("arm").run()
    assert not at.exception
    assert at.query_params["region"] in ("arm", ["arm"])
    assert at.session_state["quiz_pos"] == 0 and at.session_state["quiz_results"] == []
    questions = make_set(atlas, condition_tables()[0], 2, region="arm")
    tps = atlas.trigger_points
    assert all(tps.at[q.subject, "region"] == "arm" for q in questions if q.kind != "mimics")
    at.selectbox(key="quiz_kind").select("pattern").run()
    assert at.query_params["kind"] in ("pattern", ["pattern"])
    assert any(s.value.startswith("Question 1 of") for s in [*at.subheader, *at.header])


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
