"""The quiz of lessons 02 and 05 (helpers/app_quiz.py): how it judges an answer, when it gives the score,
and what it saves and restores."""

from __future__ import annotations

import pytest

from helpers import widgets


@pytest.fixture(params=["function_quiz", "perspective_sorter"])
def quiz(request):
    return getattr(widgets, request.param)()


def answer(quiz, position: int, right: bool) -> None:
    item = quiz.ids[position]
    key = str(quiz.items.at[item, quiz.key_column])
    quiz.position = position
    quiz.show_item()
    quiz.choice.value = key if right else next(o for o in quiz.options if o != key)
    quiz.on_check()


def test_the_feedback_is_marked_good_for_the_key_and_bad_for_any_other_option(quiz):
    answer(quiz, 0, right=False)
    assert "class='course-bad'" in quiz.feedback.value and "course-good" not in quiz.feedback.value
    answer(quiz, 0, right=True)
    assert "class='course-good'" in quiz.feedback.value and "course-bad" not in quiz.feedback.value


def test_the_score_comes_once_every_item_is_answered(quiz):
    for position in range(len(quiz.ids) - 1):
        answer(quiz, position, right=position % 2 == 0)
    assert quiz.result.value == ""
    answer(quiz, len(quiz.ids) - 1, right=True)
    right = sum(quiz.answers[i] == str(quiz.items.at[i, quiz.key_column]) for i in quiz.ids)
    assert f"You got {right} of {len(quiz.ids)} right." in quiz.result.value


def test_an_answer_checked_once_is_saved_without_a_later_answer(quiz):
    answer(quiz, 0, right=True)
    [(kind, item, fields)] = quiz.collect()
    assert (kind, item) == (
        quiz.kind,
        f"{'quiz_situations' if kind == 'quiz' else 'sorter_statements'}",
    ) and fields == {"answers": {quiz.ids[0]: quiz.answers[quiz.ids[0]]}}


def test_a_finished_quiz_restored_opens_on_its_first_item_and_says_what_it_left_out_under_the_score(quiz):
    key = {i: str(quiz.items.at[i, quiz.key_column]) for i in quiz.ids}
    quiz.restore(quiz.kind, {"answers": {**key, "gone": next(iter(quiz.options))}})
    assert quiz.position == 0 and quiz.choice.value == key[quiz.ids[0]]
    assert f"You got {len(quiz.ids)} of {len(quiz.ids)} right." in quiz.result.value
    assert "left out: gone" in quiz.result.value


def test_a_scoring_without_answers_restores_an_empty_quiz(quiz):
    quiz.restore(quiz.kind, {})
    assert quiz.answers == {} and quiz.position == 0 and quiz.result.value == ""
