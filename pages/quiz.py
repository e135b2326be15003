"""Quiz for students: patterns, essential zones and look-alike conditions, generated from the data."""

import streamlit as st

from tpatlas import quiz_view, ui
from tpatlas.conditions import condition_tables

atlas = ui.atlas_or_stop()
ui.loaded_or_stop(condition_tables, "The conditions")
quiz_view.init(atlas)
ui.keep_params("seed", "region", "kind")
ui.notice(st.session_state.get(quiz_view.NOTICE))
questions = quiz_view.questions()
pos = st.session_state[quiz_view.POS]

head, button = st.columns([4, 1], vertical_alignment="bottom")
head.title("Quiz")
with button:
    quiz_view.new_set_button()
quiz_view.mode_controls(atlas)
st.caption(quiz_view.score_line())

if pos < len(questions):
    question = questions[pos]
    st.header(f"Question {pos + 1} of {len(questions)}")
    st.write(question.prompt)
    map_col, answer_col = st.columns([3, 2], gap="medium")
    fig = quiz_view.figure(atlas, question, reveal=quiz_view.checked())
    if fig is not None:
        with map_col:
            quiz_view.body_map(atlas, fig)
    with answer_col if fig is not None else map_col:
        quiz_view.answer_widget(atlas, question)
        if quiz_view.checked():
            quiz_view.feedback(atlas, question)
            st.button("Next question", on_click=quiz_view.next_question, type="primary", key="quiz-next")
        else:
            st.button(
                "Check answer",
                on_click=quiz_view.check,
                type="primary",
                key="quiz-check",
                disabled=not quiz_view.answered(),
                help=None if quiz_view.answered() else "Choose an answer first.",
            )
elif not questions:
    st.subheader("No questions here")
    st.write("This region has no questions of this kind. Choose another region or kind.")
else:
    st.header("Set finished")
    st.write("Read through your mistakes below, or start a new set.")

quiz_view.mistakes(atlas)
ui.footer()
