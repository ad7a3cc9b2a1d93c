"""Grades to the LMS (helpers/gradebook.py, helpers/lms_mapping.py): the class's results, and each
LMS's import file compared with a sample written from that LMS's documented format
(tests/samples/lms/)."""

from __future__ import annotations

import pytest

from helpers.decoding import CourseDataError
from helpers.gradebook import export_grades, results_table
from helpers.lms_mapping import read_lms_mapping
from tests.conftest import ROOT

SAMPLES = ROOT / "tests" / "samples" / "lms"
HANDED_IN = {
    "Blue-Heron": {"scorings": [{"kind": "ward"}, {"kind": "ideal"}, {"kind": "vignette"}]},
    "Quiet-Otter": {"scorings": [{"kind": "ward"}]},
    "Lone-Wolf": {"scorings": [{"kind": "redesign"}]},
}
FEEDBACK = {
    "Blue-Heron": {
        "a1": {"text": "Sterk: de fit beargumenteerd, één punt mist.", "score": 7.5, "max_score": 10},
        "03": {"text": "Alleen tekst: geen cijfer.", "score": None, "max_score": None},
    }
}
ACCOUNTS = {"Blue-Heron": "s1234567", "Quiet-Otter": "eva", "Lone-Wolf": "wolf"}


def mapping_file(tmp_path, rows: list[str], encoding: str = "cp1252"):
    """The mapping as Excel saves "CSV (puntkomma)" in a Dutch locale."""
    path = tmp_path / "koppeling.csv"
    path.write_bytes(("\r\n".join(["student;lms_id;name", *rows]) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("lms", ["canvas", "brightspace", "moodle"])
def test_each_lms_export_matches_its_documented_import_format(tmp_path, lms):
    mapping = read_lms_mapping(
        mapping_file(
            tmp_path,
            ["Blue-Heron;s1234567;Vries, Jan de", "eva;s7654321;Eva Bakker", "Missing-Fox;s1111111;Noor El Amrani"],
        )
    )
    results = results_table(HANDED_IN, FEEDBACK, ACCOUNTS)
    text, unmapped = export_grades(results, mapping, lms)
    assert text == (SAMPLES / f"{lms}.csv").read_bytes().decode("utf-8")
    assert unmapped == ["Lone-Wolf"], "a student with results and no mapping is listed, not dropped"


def test_a_score_without_a_number_is_feedback_only_and_no_grade():
    results = results_table(HANDED_IN, FEEDBACK, ACCOUNTS)
    assert "03" not in set(results["item"]) and "a1" in set(results["item"])


@pytest.mark.parametrize(
    "rows, line, field, problem",
    [
        (["Blue-Heron;s1;Jan", "Quiet-Otter;s1;Eva"], 3, "lms_id", "lms_id listed twice"),
        (["Blue-Heron;s1;Jan", "Blue-Heron;s2;Jan"], 3, "student", "student listed twice"),
        (["Blue-Heron;;Jan"], 2, "lms_id", ""),
    ],
    ids=["an LMS id twice", "a student twice", "an empty LMS id"],
)
def test_a_bad_mapping_row_is_named(tmp_path, rows, line, field, problem):
    with pytest.raises(CourseDataError) as error:
        read_lms_mapping(mapping_file(tmp_path, rows))
    assert (error.value.line, error.value.field) == (line, field) and error.value.allowed
    assert error.value.file == str(tmp_path / "koppeling.csv") and problem in str(error.value)


def test_every_kind_of_saved_work_counts_for_its_lesson():
    """Issue 29: quiz (02) and sorter (05) answers complete their lesson as the other kinds do."""
    from helpers.gradebook import LESSON_OF_KIND
    from helpers.student_work import KINDS

    assert set(LESSON_OF_KIND) == set(KINDS)
    files = {"owl": {"scorings": [{"kind": "quiz"}, {"kind": "sorter"}]}}
    assert results_table(files, {}, {})["item"].tolist() == ["lesson 02 completed", "lesson 05 completed"]


def test_a_student_with_feedback_and_no_hand_in_or_account_gets_the_feedback_and_an_empty_account():
    notes = {"Lone-Wolf": {"a1": {"text": "Goed.", "score": 3, "max_score": 4}}}
    results = results_table({"Quiet-Otter": {}}, notes, {})
    assert results[["pseudonym", "account", "item", "points"]].values.tolist() == [["Lone-Wolf", "", "a1", 3.0]]
