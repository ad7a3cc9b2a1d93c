"""What the lecturer's dashboard says about the work it cannot use (helpers/classroom.py): each file or row
left out is one problem naming where and why, and everything around it is still used."""

from __future__ import annotations

import pytest

from helpers.classroom import load_class
from helpers.course_data import load_course
from helpers.student_work import save_scoring
from helpers.vocabulary import WARD_ITEMS

HEADER = "pseudonym,kind,item_id,item,value,dimension\n"


@pytest.fixture(scope="module")
def course():
    return load_course()


def problems(work) -> list[tuple[str, str]]:
    return list(work.problems.itertuples(index=False, name=None))


def test_a_redesign_or_vignette_the_course_does_not_have_is_left_out_and_named(tmp_path, course):
    save_scoring("fox", "redesign", "nowhere", scores={"grensbepaling": 2}, folder=tmp_path)
    save_scoring(
        "fox", "ideal", "mine", scores={"grensbepaling": 3}, folder=tmp_path
    )  # an ideal ward is the student's own
    save_scoring("fox", "vignette", "no_such_case", tags={"1": {"orientation": "personal"}}, folder=tmp_path)
    work = load_class(tmp_path, course)
    assert problems(work) == [
        ("fox.json", "unknown ward 'nowhere': not used"),
        ("fox.json", "unknown vignette 'no_such_case': not used"),
    ]
    assert work.proposals[["kind", "item_id", "item", "score"]].values.tolist() == [
        ["ideal", "mine", "grensbepaling", 3]
    ]


def test_a_move_left_untagged_does_not_stop_the_tags_after_it(tmp_path, course):
    vignette_id, vignette = next(iter(course.vignettes.items()))
    moves = list(vignette.moves.index)
    tags = {
        "99": {"orientation": "personal"},  # a move the vignette does not have: named, and the rest used
        str(moves[0]): {"orientation": ""},
        **{str(m): {"orientation": "personal"} for m in moves[1:]},
    }
    save_scoring("fox", "vignette", vignette_id, tags=tags, folder=tmp_path)
    work = load_class(tmp_path, course)
    assert list(work.vignette_tags["move"]) == moves[1:]
    assert problems(work) == [("fox.json", f"vignette '{vignette_id}' has no move '99': tag not used")]


def test_a_csv_without_a_needed_column_names_the_first_missing_and_every_needed(tmp_path, course):
    path = tmp_path / "class.csv"
    path.write_text("pseudonym,kind,item_id\nfox,ward,forensic\n", encoding="utf-8")
    assert problems(load_class(path, course)) == [
        ("class.csv", "column 'item' missing; needed: pseudonym, kind, item_id, item, value, dimension")
    ]


def test_a_csv_without_the_dimension_column_is_used(tmp_path, course):
    path = tmp_path / "class.csv"
    path.write_text("pseudonym,kind,item_id,item,value\nfox,ward,forensic,grensbepaling,3\n", encoding="utf-8")
    work = load_class(path, course)
    assert problems(work) == [] and work.ward_scores["score"].tolist() == [3]


def test_a_csv_with_a_header_and_no_rows_says_so(tmp_path, course):
    path = tmp_path / "class.csv"
    path.write_text(HEADER.replace(",", ";"), encoding="utf-8")
    assert problems(load_class(path, course)) == [("class.csv", "the file has a header but no rows: nothing to use")]


def test_rows_that_cannot_be_used_are_named_by_line_and_the_rows_after_them_are_used(tmp_path, course):
    path = tmp_path / "class.csv"
    path.write_text(
        HEADER
        + ",ward,forensic,grensbepaling,3,\n"
        + "fox,ward,forensic,nothing,3,\n"
        + "fox,vignette,x,1,maybe,\n"
        + "fox,quiz,quiz_situations,q01,nothing,\n"
        + "fox,ward,forensic,grensbepaling,3,\n",
        encoding="utf-8",
    )
    work = load_class(path, course)
    assert problems(work) == [
        ("class.csv line 2", "empty pseudonym: row not used"),
        ("class.csv line 3", f"unknown item 'nothing'; allowed: {', '.join(WARD_ITEMS)}"),
        ("class.csv line 4", "orientation 'maybe'; allowed: personal, clinical"),
        ("class.csv", f"answer to q01 is 'nothing'; allowed: {', '.join(course.functions.index)}; not counted"),
    ]
    assert work.ward_scores["score"].tolist() == [3] and work.students == 1


def test_a_pseudonym_in_a_student_file_and_a_csv_is_used_once_and_named_as_a_duplicate(tmp_path, course):
    save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 2}, folder=tmp_path)
    (tmp_path / "more.csv").write_text(HEADER + "fox,ward,addiction,grensbepaling,3,\n", encoding="utf-8")
    work = load_class(tmp_path, course)
    assert problems(work) == [("more.csv", "duplicate pseudonym 'fox' (already in fox.json): not used")]
    assert work.ward_scores["ward_id"].tolist() == ["forensic"] * 1


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "file is empty"), (b"pseudonym,kind\n\x81\x8d\x8f\x90\n", "Mac Roman (an older Mac text format)")],
)
def test_a_csv_the_course_cannot_read_says_why_in_brackets(tmp_path, course, content, problem):
    path = tmp_path / "class.csv"
    path.write_bytes(content)
    assert problems(load_class(path, course)) == [
        ("class.csv", f"cannot be read ({problem}): not used; save it as CSV UTF-8")
    ]


def test_the_empty_class_a_failed_load_shows_has_the_tables_of_a_loaded_one(tmp_path, course):
    from helpers.classroom import ClassWork

    save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 2}, folder=tmp_path)
    loaded, empty = load_class(tmp_path, course), ClassWork.empty()
    for table in ("ward_scores", "vignette_tags", "problems", "warnings", "notes", "writings", "proposals", "answers"):
        assert list(getattr(empty, table).columns) == list(getattr(loaded, table).columns), table
        assert getattr(empty, table).empty
    assert (empty.students, empty.sources) == (0, [])


def test_csv_rows_of_proposals_and_wards_the_course_cannot_use_are_named_and_the_rest_used(tmp_path, course):
    vignette_id, vignette = next(iter(course.vignettes.items()))
    move = vignette.moves.index[0]
    path = tmp_path / "my class.csv"  # a name with a space, as Windows' own folders have
    path.write_text(
        "pseudonym,kind,item_id,item,value\n"
        "fox,redesign,forensic,nothing,3\n"
        "fox,redesign,forensic,grensbepaling,3.5\n"
        "fox,redesign,nowhere,grensbepaling,2\n"
        "fox,ward,nowhere,grensbepaling,2\n"
        "fox,vignette,no_such_case,1,personal\n"
        f"fox,vignette,{vignette_id},{move},personal\n",
        encoding="utf-8",
    )
    work = load_class(path, course)
    assert problems(work) == [
        ("my class.csv line 2", f"unknown item 'nothing'; allowed: {', '.join(WARD_ITEMS)}"),
        ("my class.csv line 3", "score '3.5' for grensbepaling: allowed a whole number 0–4"),
        ("my class.csv", "unknown ward 'nowhere': not used"),
        ("my class.csv", "unknown vignette 'no_such_case': not used"),
    ]
    assert work.vignette_tags.values.tolist() == [["fox", vignette_id, move, "personal", ""]]


def test_an_empty_csv_in_a_folder_with_a_space_says_why_without_the_path(tmp_path, course):
    path = tmp_path / "my class.csv"
    path.write_bytes(b"")
    assert problems(load_class(path, course)) == [
        ("my class.csv", "cannot be read (file is empty): not used; save it as CSV UTF-8")
    ]
