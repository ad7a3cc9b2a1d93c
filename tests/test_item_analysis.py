"""Item analysis for the lecturer (issue 29): per quiz situation and sorter statement the share that chose
the key and the wrong answer chosen most, per vignette move the spread of tags — the items to discuss first
first. The model (pandas in, pandas out), reading a class's answers, the table and the dashboard's tab."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import classroom, model, set_language, views, widgets
from helpers.course_data import load_course
from helpers.student_work import save_scoring


@pytest.fixture(scope="module")
def course():
    return load_course()


def answers(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["pseudonym", "item", "answer"])


def test_the_items_the_class_got_wrong_most_come_first_with_the_wrong_answer_chosen_most():
    key = pd.Series({"q1": "a", "q2": "b", "q3": "c", "q4": "a"})
    given = answers(
        [
            ("fox", "q1", "a"),
            ("owl", "q1", "a"),  # q1: 2 of 2 right
            ("fox", "q2", "c"),
            ("owl", "q2", "a"),
            ("bee", "q2", "b"),  # q2: 1 of 3; the wrong answers tie, so the first in order: a
            ("fox", "q4", "b"),
            ("owl", "q4", "b"),
            ("bee", "q4", "a"),  # q4: 1 of 3, and b chosen by two: discuss it before q2
            ("fox", "q9", "a"),  # an item the key does not have: not counted
        ]
    )
    frame = model.answer_analysis(given, key)
    assert list(frame.index) == ["q4", "q2", "q1", "q3"], "nobody answered q3: it comes last"
    assert frame.loc["q4", ["students", "right", "wrong", "wrong_count"]].tolist() == [3, 1, "b", 2]
    assert frame.loc["q2", "wrong"] == "a" and frame.loc["q2", "share_right"] == 0.33
    assert frame.loc["q1", ["wrong", "wrong_count", "share_right"]].tolist() == ["", 0, 1.0]
    assert frame.loc["q3", "students"] == 0 and math.isnan(frame.loc["q3", "share_right"])
    assert frame["key"].to_dict() == key.to_dict()


def test_an_empty_class_gives_every_item_unanswered_in_the_datas_order():
    key = pd.Series({"s2": "personal", "s1": "clinical"})
    frame = model.answer_analysis(answers([]), key)
    assert list(frame.index) == ["s2", "s1"] and frame["students"].tolist() == [0, 0]


def test_moves_the_class_tagged_against_the_key_come_first_with_the_spread_of_their_tags(course):
    vignette_id = "mehmet_acute"
    moves = course.vignettes[vignette_id].moves
    first, second = moves.index[:2]
    other = {"personal": "clinical", "clinical": "personal"}
    tags = pd.DataFrame(
        [
            ("fox", vignette_id, first, moves.at[first, "key"], moves.at[first, "dimension"]),
            ("owl", vignette_id, first, moves.at[first, "key"], ""),
            ("fox", vignette_id, second, other[moves.at[second, "key"]], ""),
            ("owl", vignette_id, second, moves.at[second, "key"], moves.at[second, "dimension"]),
            ("bee", vignette_id, second, other[moves.at[second, "key"]], ""),
        ],
        columns=["pseudonym", "vignette_id", "move", "orientation", "dimension"],
    )
    frame = model.move_analysis(tags, course.vignettes)
    assert len(frame) == sum(len(v.moves) for v in course.vignettes.values())
    top = frame.iloc[0]
    assert (top["vignette_id"], top["move"], top["students"], top["right"]) == (vignette_id, second, 3, 1)
    assert top["spread"] == (
        (other[moves.at[second, "key"]], "", 2),
        (moves.at[second, "key"], moves.at[second, "dimension"], 1),
    )
    assert frame.iloc[1]["move"] == first and frame.iloc[1]["dimension_right"] == 1
    assert (frame.iloc[2:]["students"] == 0).all(), "moves nobody tagged come last"


def quiz_class(folder, course):
    """Three students: fox answers q01 wrong first (then right: not counted) and owl right; bee only sorts."""
    situations = list(course.quiz.index)
    key = course.quiz["function_id"]
    wrong = next(f for f in ("grensbepaling", "structurering") if f != key[situations[0]])
    save_scoring(
        "fox",
        "quiz",
        "quiz_situations",
        answers={situations[0]: wrong},
        later_answers={situations[0]: key[situations[0]]},
        folder=folder,
    )
    save_scoring("owl", "quiz", "quiz_situations", answers={situations[0]: key[situations[0]]}, folder=folder)
    save_scoring("bee", "sorter", "sorter_statements", answers={"s01": "personal", "s02": "personal"}, folder=folder)
    return situations[0], wrong


def test_a_class_folder_gives_each_students_first_answers(tmp_path, course):
    item, wrong = quiz_class(tmp_path, course)
    work = classroom.load_class(tmp_path, course)
    assert work.problems.empty and work.students == 3, "a student with only quiz answers counts"
    quiz = work.answers[work.answers["kind"] == "quiz"]
    assert sorted(quiz[["pseudonym", "item", "answer"]].values.tolist()) == sorted(
        [["fox", item, wrong], ["owl", item, course.quiz.at[item, "function_id"]]]
    )
    frame = model.answer_analysis(quiz, course.quiz["function_id"])
    assert frame.index[0] == item and frame.iloc[0][["students", "right", "wrong"]].tolist() == [2, 1, wrong]


def test_answers_the_course_does_not_have_are_reported_and_not_counted(tmp_path, course):
    save_scoring("fox", "quiz", "quiz_situations", answers={"q99": "zingeving", "q01": "empowerment"}, folder=tmp_path)
    save_scoring("owl", "sorter", "another_sorter", answers={"s01": "personal"}, folder=tmp_path)
    work = classroom.load_class(tmp_path, course)
    reasons = work.problems["reason"].tolist()
    assert work.answers.empty and len(reasons) == 3
    assert "quiz: unknown situation or statement 'q99': not counted" in reasons
    assert any("answer to q01 is 'empowerment'; allowed: zingeving" in r for r in reasons)
    assert "a sorter named 'another_sorter': not used (a sorter is sorter_statements)" in reasons


def test_a_combined_csv_may_carry_quiz_and_sorter_answers(tmp_path, course):
    path = tmp_path / "form.csv"
    path.write_text(
        "pseudonym;kind;item_id;item;value;dimension\n"
        "fox;quiz;quiz_situations;q01;energieverzorging;\n"
        "fox;sorter;sorter_statements;s01;clinical;\n"
        "owl;sorter;sorter_statements;s01;nonsense;\n",
        encoding="utf-8",
    )
    work = classroom.load_class(path, course)
    assert work.answers[["pseudonym", "kind", "item", "answer"]].values.tolist() == [
        ["fox", "quiz", "q01", "energieverzorging"],
        ["fox", "sorter", "s01", "clinical"],
    ]
    assert work.problems["reason"].str.contains("answer to s01 is 'nonsense'").tolist() == [True]


def test_the_table_ranks_the_items_names_the_wrong_answer_and_escapes_everything(tmp_path, course):
    item, wrong = quiz_class(tmp_path, course)
    work = classroom.load_class(tmp_path, course)
    shown = views.item_analysis_html(course, work, "quiz")
    situation = course.quiz.at[item, "situation_en"]
    first_row = shown.split("<tr>")[2]
    assert "<td>1</td>" in first_row and "1 of 2 (50%)" in first_row
    names = dict(zip(course.functions.index, course.functions["name_en"], strict=True))
    assert f"{names[wrong]} (50%)" in first_row
    assert views.esc(situation) in first_row and situation.replace("'", "&#x27;") in first_row
    assert "first answer counts" in shown
    sorter = views.item_analysis_html(course, work, "sorter")
    assert "clinical (100%)" in sorter or "personal" in sorter
    assert "<span class='course-bad'>0 of 1 (0%)</span>" in sorter, "fewer than half chose the key: in red"
    assert "No student in this class has saved answers" in views.item_analysis_html(course, work, "moves")
    empty = classroom.load_class(tmp_path / "nobody", course)
    assert "No student" in views.item_analysis_html(course, empty, "quiz")


def test_the_table_speaks_dutch(tmp_path, course):
    quiz_class(tmp_path, course)
    work = classroom.load_class(tmp_path, course)
    set_language("nl")
    shown = views.item_analysis_html(course, work, "quiz")
    assert "Koos de sleutel" in shown and "1 van 2 (50%)" in shown and "Situatie" in shown
    assert course.quiz.iloc[0]["situation_nl"][:30].replace("'", "&#x27;") in shown


def test_the_demo_class_has_quiz_sorter_and_vignette_items_to_discuss(course):
    work = classroom.load_class(course.folder / "class_demo", course)
    for kind, key in (("quiz", course.quiz["function_id"]), ("sorter", course.statements["perspective"])):
        frame = model.answer_analysis(work.answers[work.answers["kind"] == kind], key)
        assert frame["students"].min() >= 15, kind
        assert frame["share_right"].iloc[0] < 0.6 < frame["share_right"].iloc[-1], "some items split the class"
    moves = model.move_analysis(work.vignette_tags, course.vignettes)
    assert moves["share_right"].iloc[0] < 0.6


def test_the_dashboard_shows_the_item_analysis_on_its_own_tab(tmp_path, course):
    quiz_class(tmp_path, course)
    app = widgets.class_dashboard(str(tmp_path))
    assert app.tabs.titles[2] == "Item analysis"
    assert "Chose the key" in app.items_table.value and "1 of 2 (50%)" in app.items_table.value
    app.items_part.value = "sorter"
    assert "Statement" in app.items_table.value
    app.items_part.value = "moves"
    assert "No student" in app.items_table.value
    app.path.value = str(course.folder / "class_demo")  # another class: its own items
    assert "Tags chosen" in app.items_table.value


def test_the_report_says_whose_answers_the_item_analysis_counts(tmp_path, course):
    quiz_class(tmp_path, course)
    work = classroom.load_class(tmp_path, course)
    assert "Answers analysed on the tab ‘Item analysis’: the quiz by 2 students, the sorter by 1 student." in (
        views.class_report(work)
    )
    set_language("nl")
    assert "de quiz door 2 studenten, de sorteeroefening door 1 student" in views.class_report(work)


def test_moves_the_class_agrees_on_equally_are_ranked_by_the_share_that_chose_the_keys_dimension():
    """Move by move: students, the share on the key's orientation (two decimals), how many also chose the key's
    dimension; among moves the class agrees on alike, the lowest share of the key's dimension comes first."""
    keys = {
        1: ("personal", "hope"),
        2: ("personal", "strengths"),
        3: ("clinical", "diagnosis"),
        4: ("personal", "hope"),
    }
    moves = pd.DataFrame(
        {"key": [k for k, _ in keys.values()], "dimension": [d for _, d in keys.values()]}, index=list(keys)
    )
    tags = pd.DataFrame(
        [
            ("a", 1, "personal", "strengths"),  # move 1: one student, the orientation only
            ("a", 2, "personal", "strengths"),  # move 2: four students, one the dimension too
            ("b", 2, "personal", "hope"),
            ("c", 2, "personal", ""),
            ("d", 2, "personal", "meaning"),
            ("a", 3, "clinical", "diagnosis"),  # move 3: one student, both
            ("a", 4, "personal", "hope"),  # move 4: three students, two on the key
            ("b", 4, "personal", "hope"),
            ("c", 4, "clinical", ""),
        ],
        columns=["pseudonym", "move", "orientation", "dimension"],
    ).assign(vignette_id="v")
    frame = model.move_analysis(tags, {"v": type("Vignette", (), {"moves": moves})})
    assert list(frame.columns) == [
        "vignette_id",
        "move",
        "key",
        "key_dimension",
        "students",
        "right",
        "share_right",
        "dimension_right",
        "spread",
    ]
    assert frame["move"].tolist() == [4, 1, 2, 3]
    by_move = frame.set_index("move")
    assert by_move.loc[4, ["students", "right", "share_right", "dimension_right"]].tolist() == [3, 2, 0.67, 2]
    assert by_move["key_dimension"].to_dict() == {m: d for m, (_, d) in keys.items()}
    assert by_move["dimension_right"].to_dict() == {1: 0, 2: 1, 3: 1, 4: 2}
