"""Saving and loading student work: round trip, atomic writes, clear reports of bad files."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

import pytest

from helpers import __version__, student_work
from helpers.student_work import StudentWorkError, load_latest, read_student_file, save_scoring
from helpers.text import t


def test_round_trip_keeps_scores_tags_text_and_version(tmp_path):
    path = save_scoring(
        "blue_heron",
        "ward",
        "forensic",
        scores={"zingeving_clients": 3, "goal_shared": 1},
        text={"notes": "Strikte regels <b>"},
        folder=tmp_path,
    )
    assert path == tmp_path / "blue_heron.json"
    loaded = load_latest("blue_heron", "ward", "forensic", folder=tmp_path)
    assert loaded["scores"] == {"zingeving_clients": 3, "goal_shared": 1}
    assert loaded["text"] == {"notes": "Strikte regels <b>"}
    assert loaded["course_version"] == __version__
    content = json.loads(path.read_text(encoding="utf-8"))
    assert content["pseudonym"] == "blue_heron" and content["format_version"] == 4


def test_vignette_tags_round_trip(tmp_path):
    tags = {1: {"orientation": "personal", "dimension": "hope"}, 2: {"orientation": "clinical", "dimension": ""}}
    save_scoring("fox", "vignette", "case_a", tags=tags, folder=tmp_path)
    assert load_latest("fox", "vignette", "case_a", folder=tmp_path)["tags"]["1"]["dimension"] == "hope"


def test_a_new_save_keeps_the_earlier_one(tmp_path):
    first = datetime(2026, 1, 1, tzinfo=UTC)
    save_scoring("fox", "ward", "acute_admission", scores={"grensbepaling": 1}, folder=tmp_path, now=first)
    save_scoring("fox", "ward", "acute_admission", scores={"grensbepaling": 4}, folder=tmp_path)
    saved = read_student_file(tmp_path / "fox.json")
    assert [s["scores"]["grensbepaling"] for s in saved.scorings] == [1, 4]
    assert saved.latest("ward", "acute_admission")["scores"]["grensbepaling"] == 4


def test_nothing_saved_yet(tmp_path):
    assert load_latest("nobody", "ward", "forensic", folder=tmp_path) is None


def test_failed_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 2}, folder=tmp_path)
    before = path.read_bytes()

    def broken_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(student_work.os, "replace", broken_replace)
    with pytest.raises(student_work.SaveFailed, match=r"could not be written \(disk full"):
        save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 4}, folder=tmp_path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["fox.json"]  # no temporary file left behind


def test_corrupt_file_is_reported_and_never_overwritten(tmp_path):
    path = tmp_path / "fox.json"
    path.write_text('{"format": "social-systems-course/student-work", "scorings": [', encoding="utf-8")
    with pytest.raises(StudentWorkError, match=r"fox\.json: not a readable course file \(corrupt JSON"):
        save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 2}, folder=tmp_path)
    assert path.read_text(encoding="utf-8").endswith("[")


def test_foreign_file_is_reported_and_never_overwritten(tmp_path):
    path = tmp_path / "fox.json"
    path.write_text('{"name": "something else"}', encoding="utf-8")
    with pytest.raises(StudentWorkError, match="not a course file"):
        save_scoring("fox", "ward", "forensic", folder=tmp_path)
    assert json.loads(path.read_text(encoding="utf-8")) == {"name": "something else"}


def write_file(tmp_path, scoring_changes=None, **top):
    scoring = {
        "kind": "ward",
        "item_id": "forensic",
        "saved_at": "2026-01-01T00:00:00+00:00",
        "course_version": __version__,
        "scores": {"grensbepaling": 2},
        "tags": {},
        "text": {},
    }
    scoring.update(scoring_changes or {})
    content = {
        "format": student_work.FORMAT,
        "format_version": student_work.FORMAT_VERSION,
        "pseudonym": "fox",
        "scorings": [scoring],
    }
    content.update(top)
    path = tmp_path / "fox.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"course_version": "0.3.0"}, "scoring 1: saved with course version 0.3.0"),
        (
            {"scores": {"grensbepaling": 5}},
            "scoring 1: field 'scores.grensbepaling' is 5; allowed: a whole number from 0 to 4",
        ),
        (
            {"scores": {"grensbepaling": "3"}},
            "scoring 1: field 'scores.grensbepaling' is \"3\"; allowed: a whole number",
        ),
        ({"retired_scores": {"zingeving": 7}}, "scoring 1: field 'retired_scores.zingeving' is 7"),
        ({"kind": "essay"}, "field 'kind' is \"essay\"; allowed: ward, ideal, redesign, vignette, quiz, sorter"),
        ({"item_id": ""}, "field 'item_id' is \"\"; allowed: a text that is not empty"),
        ({"item_id": None}, "field 'item_id' is null; allowed: a text that is not empty"),
        ({"saved_at": "yesterday"}, "field 'saved_at' is \"yesterday\"; allowed: a date and time such as 2026-12-06"),
        (
            {"tags": {"1": {"orientation": "medical"}}},
            "field 'tags.1.orientation' is \"medical\"; allowed: empty, personal",
        ),
        ({"text": {"notes": 3}}, "field 'text.notes' is 3; allowed: a text"),
    ],
)
def test_bad_scoring_is_reported_with_file_and_reason(tmp_path, changes, message):
    path = write_file(tmp_path, changes)
    with pytest.raises(StudentWorkError) as caught:
        read_student_file(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


V1_FILE = {
    "format": "social-systems-course/student-work",
    "format_version": 1,
    "pseudonym": "fox",
    "scorings": [
        {
            "kind": "ward",
            "item_id": "forensic",
            "saved_at": "2026-10-01T09:00:00+00:00",
            "course_version": "1.0.0",
            "scores": {"zingeving": 1, "grensbepaling": 4},
            "tags": {},
            "text": {},
        },
        {
            "kind": "ideal",
            "item_id": "forensic",
            "saved_at": "2026-10-01T09:00:00+00:00",
            "course_version": "1.0.0",
            "scores": {"zingeving": 3, "doelverwerving": 2},
            "tags": {},
            "text": {},
        },
        {
            "kind": "vignette",
            "item_id": "mehmet_acute",
            "saved_at": "2026-10-01T09:05:00+00:00",
            "course_version": "1.0.0",
            "scores": {},
            "tags": {"1": {"orientation": "clinical", "dimension": ""}},
            "text": {},
        },
    ],
}


def test_a_format_1_file_is_migrated_when_read_and_its_old_zingeving_score_kept(tmp_path):
    path = tmp_path / "fox.json"
    path.write_text(json.dumps(V1_FILE), encoding="utf-8")
    student = read_student_file(path)
    assert student.read_from_version == 1
    ward = student.latest("ward", "forensic")
    assert ward["scores"] == {"grensbepaling": 4} and ward["retired_scores"] == {"zingeving": 1}
    assert student.latest("ideal", "forensic")["retired_scores"] == {"zingeving": 3}
    assert "retired_scores" not in student.latest("vignette", "mehmet_acute")
    assert path.read_text(encoding="utf-8") == json.dumps(V1_FILE)  # reading never writes


def test_saving_onto_a_format_1_file_writes_format_4_and_loses_nothing(tmp_path):
    path = tmp_path / "fox.json"
    path.write_text(json.dumps(V1_FILE), encoding="utf-8")
    save_scoring("fox", "ward", "forensic", scores={"zingeving_clients": 3}, folder=tmp_path)
    content = json.loads(path.read_text(encoding="utf-8"))
    assert content["format_version"] == 4 and len(content["scorings"]) == 4
    assert content["scorings"][0]["retired_scores"] == {"zingeving": 1}
    again = read_student_file(path)
    assert again.read_from_version == 4
    assert again.latest("ward", "forensic")["scores"] == {"zingeving_clients": 3}


def test_a_format_1_file_from_a_newer_course_is_refused(tmp_path):
    content = json.loads(json.dumps(V1_FILE))
    content["scorings"][0]["course_version"] = "2.0.0"
    path = tmp_path / "fox.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(StudentWorkError, match=r"saved with course version 2\.0\.0"):
        read_student_file(path)


@pytest.mark.parametrize("version", [0, 5, "2", True, None])
def test_an_unknown_format_version_is_refused(tmp_path, version):
    path = write_file(tmp_path, format_version=version)
    with pytest.raises(StudentWorkError, match=r"field 'format_version' is .*; allowed: 1, 2, 3, 4"):
        read_student_file(path)


def test_missing_fields_are_reported(tmp_path):
    path = write_file(tmp_path)
    content = json.loads(path.read_text(encoding="utf-8"))
    del content["scorings"]
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(StudentWorkError, match="field 'scorings' is missing"):
        read_student_file(path)


@pytest.mark.parametrize("pseudonym", ["", "a", "jan@school.nl", "../etc/passwd", "x" * 41, "with space"])
def test_unusable_pseudonyms_are_refused(tmp_path, pseudonym):
    with pytest.raises(ValueError, match="is not allowed"):
        save_scoring(pseudonym, "ward", "forensic", folder=tmp_path)


@pytest.mark.parametrize(
    "pseudonym, warning",
    [
        ("jan.devries@hva.nl", "looks like an e-mail address"),
        ("Jan_de_Vries", "looks like a full name"),
        ("Fatima-Amrani", "looks like a full name"),
        ("blue_heron", None),
        ("student42", None),
    ],
)
def test_pseudonym_warnings(pseudonym, warning):
    assert student_work.pseudonym_warning(pseudonym) == warning


def test_work_dir_defaults_beside_data(monkeypatch):
    monkeypatch.delenv("COURSE_WORK_DIR", raising=False)
    from helpers.decoding import find_data_dir

    assert student_work.work_dir() == find_data_dir().parent / "my_work"


def test_language_choice_is_saved_beside_the_work_and_survives(tmp_path):
    assert student_work.saved_language(tmp_path) is None
    path = student_work.save_language("nl", tmp_path)
    assert path == tmp_path / "settings.json" and student_work.saved_language(tmp_path) == "nl"
    path.write_text("{broken", encoding="utf-8")
    assert student_work.saved_language(tmp_path) is None  # unreadable: asked again, never a crash
    with pytest.raises(ValueError, match="language must be en or nl; found 'fr'"):
        student_work.save_language("fr", tmp_path)


# ---------------------------------------------------------------- issue 9: saving never crashes or loses work


def test_a_read_only_folder_fails_the_save_clearly_and_keeps_the_file(tmp_path, monkeypatch):
    path = save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 2}, folder=tmp_path)
    before = path.read_bytes()

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(student_work.tempfile, "mkstemp", read_only)
    with pytest.raises(student_work.SaveFailed) as caught:
        save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 4}, folder=tmp_path)
    assert caught.value.reason == "the file could not be written (Permission denied)"
    assert isinstance(caught.value, StudentWorkError) and path.read_bytes() == before


@pytest.mark.parametrize("pseudonym", ["CON", "nul", "Aux", "prn", "COM1", "lpt9", "com0"])
def test_windows_device_names_are_refused_as_pseudonyms(tmp_path, pseudonym):
    with pytest.raises(student_work.PseudonymError, match="a name Windows keeps for a device") as caught:
        save_scoring(pseudonym, "ward", "forensic", folder=tmp_path)
    assert pseudonym in caught.value.reason and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("pseudonym", ["console", "com10", "nul_1", "auxiliary"])
def test_names_that_only_start_like_a_device_are_fine(tmp_path, pseudonym):
    assert save_scoring(pseudonym, "ward", "forensic", folder=tmp_path).exists()


def test_a_file_of_another_pseudonym_is_never_added_to(tmp_path):
    path = write_file(tmp_path, pseudonym="Fox")  # on Windows and macOS, Fox.json and fox.json are one file
    before = path.read_bytes()
    with pytest.raises(StudentWorkError, match="belongs to the pseudonym ‘Fox’") as raised:
        save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 1}, folder=tmp_path)
    assert path.read_bytes() == before and raised.value.file == str(tmp_path / "fox.json")


def test_fields_the_course_does_not_know_are_kept_when_it_saves(tmp_path):
    write_file(tmp_path, handed_in_at="2026-01-02T00:00:00+00:00")
    path = save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 1}, folder=tmp_path)
    content = json.loads(path.read_text(encoding="utf-8"))
    assert content["handed_in_at"] == "2026-01-02T00:00:00+00:00" and len(content["scorings"]) == 2


def test_a_folder_named_like_a_student_file_is_reported(tmp_path):
    (tmp_path / "fox.json").mkdir()
    with pytest.raises(StudentWorkError, match="not a file but a folder or a device"):
        read_student_file(tmp_path / "fox.json")
    with pytest.raises(StudentWorkError, match="not a file but a folder"):  # and a save writes nothing
        save_scoring("fox", "ward", "forensic", folder=tmp_path)


def test_a_link_to_a_device_is_never_opened(tmp_path):
    (tmp_path / "fox.json").symlink_to("/dev/zero")  # reading it would never end
    with pytest.raises(StudentWorkError, match="not a file but a folder or a device"):
        read_student_file(tmp_path / "fox.json")


def test_an_unreadable_file_is_reported(tmp_path, monkeypatch):
    path = write_file(tmp_path)

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(student_work.Path, "read_bytes", refuse)
    with pytest.raises(StudentWorkError, match=r"cannot be read \(Permission denied\)"):
        read_student_file(path)


def test_a_huge_file_is_not_read(tmp_path, monkeypatch):
    path = write_file(tmp_path)
    monkeypatch.setattr(student_work, "MAX_BYTES", 100)
    with pytest.raises(StudentWorkError, match="far larger than a course file"):
        read_student_file(path)


def test_a_file_up_to_the_size_limit_is_read_and_a_larger_one_is_refused_with_both_sizes(tmp_path, monkeypatch):
    monkeypatch.setattr(student_work, "MAX_BYTES", 3_000_000)
    path = write_file(tmp_path)
    content = path.read_bytes()
    path.write_bytes(content + b" " * (3_000_000 - len(content)))  # JSON may end in white space
    assert read_student_file(path).pseudonym
    path.write_bytes(content + b" " * (3_500_000 - len(content)))
    with pytest.raises(StudentWorkError) as refused:
        read_student_file(path)
    assert refused.value.reason == "the file is 4 MB, far larger than a course file (at most 3 MB)"


def test_a_missing_file_or_a_folder_is_reported_by_its_name_and_why(tmp_path):
    missing, folder = tmp_path / "Blue-Heron.json", tmp_path / "Owl.json"
    folder.mkdir()
    for path, reason in ((missing, "file not found"), (folder, "not a file but a folder or a device")):
        with pytest.raises(StudentWorkError) as refused:
            read_student_file(path)
        assert (refused.value.file, refused.value.reason) == (str(path), reason)


def test_a_file_is_written_whole_through_a_hidden_temporary_file_beside_it(tmp_path, monkeypatch):
    """A folder not there yet is made, with its parents. While the text is written, the only file in the folder is
    a hidden temporary one named after the target and ending in .tmp: no reader of *.json takes it for work, and
    it is on the same disk, so the rename that ends the write is atomic. Then only the target is there."""
    target = tmp_path / "class" / "week 1" / "Blue-Heron.json"
    during, fsync = [], os.fsync

    def looking(handle):
        during.extend(path.name for path in target.parent.iterdir())
        fsync(handle)

    monkeypatch.setattr(student_work.os, "fsync", looking)
    student_work.write_atomically(target, "{}\n")
    monkeypatch.undo()
    assert len(during) == 1 and during[0].startswith(".Blue-Heron.json.") and during[0].endswith(".tmp"), during
    assert [path.name for path in target.parent.iterdir()] == ["Blue-Heron.json"]
    assert target.read_text(encoding="utf-8") == "{}\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_a_file_saved_by_an_editor_in_another_unicode_form_loads(tmp_path, encoding):
    path = write_file(tmp_path, {"text": {"notes": "cliënt café"}})
    path.write_bytes(json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False).encode(encoding))
    assert read_student_file(path).scorings[0]["text"]["notes"] == "cliënt café"


def test_a_mac_roman_file_is_refused_with_its_encoding(tmp_path):
    path = tmp_path / "fox.json"
    content = json.dumps(json.loads(write_file(tmp_path, {"text": {"n": "cliënt"}}).read_text()), ensure_ascii=False)
    path.write_bytes(content.encode("mac_roman"))
    with pytest.raises(StudentWorkError, match="it is Mac Roman, not UTF-8 text"):
        read_student_file(path)


@pytest.mark.parametrize(
    "content, message",
    [
        ("[" * 100_000, "corrupt JSON at line ?"),
        ('{"format": "social-systems-course/student-work", "pseu', "corrupt JSON at line 1, column"),
        ("[]", "not a course file"),
        ("", "corrupt JSON at line 1, column 1"),
    ],
)
def test_broken_json_is_reported_with_where_it_breaks(tmp_path, content, message):
    path = tmp_path / "fox.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StudentWorkError) as caught:
        read_student_file(path)
    assert message in caught.value.reason


@pytest.mark.parametrize("move", ["²", "one", "-1", " 1"])
def test_a_move_that_is_not_a_number_is_refused(tmp_path, move):
    path = write_file(tmp_path, {"kind": "vignette", "tags": {move: {"orientation": "personal"}}})
    with pytest.raises(StudentWorkError, match=r"scoring 1: field 'tags' is .*; allowed: a move number \(digits 0–9\)"):
        read_student_file(path)


def test_reasons_are_given_in_dutch(tmp_path):
    from helpers.text import set_language

    path = write_file(tmp_path, {"scores": {"grensbepaling": 7}})
    set_language("nl")
    with pytest.raises(StudentWorkError) as caught:
        read_student_file(path)
    assert (
        caught.value.reason
        == "scoring 1: veld 'scores.grensbepaling' is 7; toegestaan: een geheel getal van 0 tot en met 4"
    )
    assert student_work.pseudonym_warning("Jan_de_Vries") == "lijkt op een volledige naam"


# ---------------------------------------------------------------- the published format (JSON Schema)


def test_the_schema_is_a_valid_json_schema_that_ships_with_the_package():
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(student_work.schema())
    assert student_work.SCHEMA_FILE.parent.name == "helpers" and student_work.SCHEMA_FILE.is_file()


def test_what_the_course_writes_follows_the_schema(tmp_path):
    save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 2}, text={"notes": "x"}, folder=tmp_path)
    path = save_scoring("fox", "vignette", "mehmet_acute", tags={1: {"orientation": "clinical"}}, folder=tmp_path)
    assert student_work.format_problem(json.loads(path.read_text(encoding="utf-8"))) is None
    assert student_work.format_problem(V1_FILE) is None  # an older file that is still read


def test_the_demo_class_follows_the_schema_except_its_broken_upload():
    from helpers.decoding import find_data_dir

    files = sorted((find_data_dir() / "class_demo").glob("*.json"))
    unreadable = []
    for path in files:
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            unreadable.append(path.name)
            continue
        assert student_work.format_problem(content) is None, path.name
    assert unreadable == ["upload_broken.json"] and len(files) == 32


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"scores": {"grensbepaling": 2.5}}, "scoring 1: field 'scores.grensbepaling' is 2.5; allowed: a whole number"),
        ({"tags": {"x": {"orientation": "personal"}}}, "scoring 1: field 'tags' is \"x\"; allowed: a move number"),
        ({"tags": {"1": {"dimension": 5}}}, "scoring 1: field 'tags.1.dimension' is 5; allowed: a text"),
        ({"tags": []}, "scoring 1: field 'tags' is []; allowed: an object (names with their values)"),
    ],
)
def test_the_schema_refuses_a_bad_hand_in_in_the_courses_words(tmp_path, changes, message):
    content = json.loads(write_file(tmp_path, changes).read_text(encoding="utf-8"))
    assert student_work.format_problem(content).startswith(message)


@pytest.mark.parametrize(
    "content, message",
    [
        ({"pseudonym": "a b"}, "field 'pseudonym' is \"a b\"; allowed: 2–40 letters, digits, - or _"),
        ({"format_version": 5}, "field 'format_version' is 5; allowed: 1, 2, 3, 4"),
        ({"scorings": [None]}, "field 'scorings[1]' is null; allowed: an object (names with their values)"),
        ({"scorings": {}}, "field 'scorings' is {}; allowed: a list of values"),
        ({"format": "something else"}, "not a course file (field 'format' should be"),
    ],
)
def test_the_schema_checks_the_top_level_fields(tmp_path, content, message):
    content = {**json.loads(write_file(tmp_path).read_text(encoding="utf-8")), **content}
    assert student_work.format_problem(content).startswith(message)


def test_a_score_written_with_a_decimal_zero_is_read_as_a_whole_number(tmp_path):
    path = write_file(tmp_path, {"scores": {"grensbepaling": 3.0}, "retired_scores": {"zingeving": 2.0}})
    scoring = read_student_file(path).scorings[0]
    assert scoring["scores"] == {"grensbepaling": 3} and type(scoring["scores"]["grensbepaling"]) is int
    assert type(scoring["retired_scores"]["zingeving"]) is int


def test_a_missing_field_is_named(tmp_path):
    content = json.loads(write_file(tmp_path).read_text(encoding="utf-8"))
    del content["scorings"][0]["saved_at"]
    assert student_work.format_problem(content) == "scoring 1: field 'saved_at' is missing"
    del content["pseudonym"]
    assert student_work.format_problem(content) == "field 'pseudonym' is missing"


def test_every_pattern_and_type_in_the_schema_is_said_in_words():
    from helpers.text import LABELS

    parts, waiting = [], [student_work.schema()]
    while waiting:
        part = waiting.pop()
        if isinstance(part, dict):
            parts.append(part)
            waiting.extend(part.values())
        elif isinstance(part, list):
            waiting.extend(part)
    assert {p["pattern"] for p in parts if "pattern" in p} == set(student_work.ALLOWED_PATTERNS)
    types = {p["type"] for p in parts if isinstance(p.get("type"), str)}
    assert types - {"integer"} == set(student_work.ALLOWED_TYPES)
    assert all("minimum" in p and "maximum" in p for p in parts if p.get("type") == "integer")
    assert {*student_work.ALLOWED_PATTERNS.values(), *student_work.ALLOWED_TYPES.values()} <= set(LABELS)


def test_the_course_version_rule_stays_in_code(tmp_path):
    content = json.loads(write_file(tmp_path, {"course_version": "0.9.0"}).read_text(encoding="utf-8"))
    assert student_work.format_problem(content) is None  # the schema cannot know the course's version
    with pytest.raises(StudentWorkError, match=r"saved with course version 0\.9\.0"):
        read_student_file(tmp_path / "fox.json")


# ---------------------------------------------------------------- resuming after a restart (issue 10)


def test_the_newest_scoring_of_a_kind_is_found_whatever_its_item():
    scorings = [
        {"kind": "ward", "item_id": "forensic"},
        {"kind": "ideal", "item_id": "forensic"},
        {"kind": "vignette", "item_id": "mehmet_acute"},
        {"kind": "ward", "item_id": "addiction"},
        {"kind": "redesign", "item_id": "adolescent"},
    ]
    assert student_work.newest_scoring(scorings, ("ward", "ideal"))["item_id"] == "addiction"
    assert student_work.newest_scoring(scorings, ("ideal",))["item_id"] == "forensic"
    assert student_work.newest_scoring(scorings, ("vignette",))["item_id"] == "mehmet_acute"
    assert student_work.newest_scoring(scorings, ("redesign", "ward"))["item_id"] == "adolescent"
    assert student_work.newest_scoring(scorings[:3], ("redesign",)) is None
    assert student_work.newest_scoring([], ("ward",)) is None


def test_the_newest_is_the_last_saved_even_when_the_clock_went_back(tmp_path):
    save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 1}, folder=tmp_path)
    earlier = datetime(2020, 1, 1, tzinfo=UTC)  # a laptop with its clock set wrong
    save_scoring("fox", "ward", "addiction", scores={"grensbepaling": 2}, folder=tmp_path, now=earlier)
    save_scoring("fox", "vignette", "mehmet_acute", tags={}, folder=tmp_path)
    assert student_work.load_newest("fox", ("ward", "ideal"), folder=tmp_path)["item_id"] == "addiction"
    assert student_work.load_newest("nobody", ("ward",), folder=tmp_path) is None


def test_committed_is_an_optional_field_of_the_same_format_version(tmp_path):
    path = save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 1}, folder=tmp_path, committed=True)
    save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 2}, folder=tmp_path)  # not said: left out
    content = json.loads(path.read_text(encoding="utf-8"))
    assert content["format_version"] == student_work.FORMAT_VERSION == 4
    assert content["scorings"][0]["committed"] is True and "committed" not in content["scorings"][1]
    assert student_work.format_problem(content) is None
    content["scorings"][0]["committed"] = "yes"
    assert student_work.format_problem(content) == "scoring 1: field 'committed' is \"yes\"; allowed: true or false"
    assert "committed" in student_work.schema()["$defs"]["scoring"]["properties"]
    assert "committed" not in student_work.schema()["$defs"]["scoring"]["required"]


def variants(value):
    """``value`` with each part in turn removed or replaced by a wrong kind of value."""
    if isinstance(value, dict):
        for key, part in value.items():
            yield {k: v for k, v in value.items() if k != key}
            for changed in variants(part):
                yield {**value, key: changed}
        yield {**value, "unknown field": 1, "": None}
    elif isinstance(value, list):
        for index, part in enumerate(value):
            for changed in variants(part):
                yield [*value[:index], changed, *value[index + 1 :]]
        yield [*value, None]
    for wrong in (None, "x", "", -1, 99, 2.5, [], {}):
        if wrong != value or type(wrong) is not type(value):
            yield wrong


def test_the_course_passes_no_file_that_jsonschema_refuses_and_names_what_it_refuses(tmp_path):
    """Every variant of a file with one scoring of each kind (a demo student's ward scoring and vignette
    tags, an ideal ward, a redesign with reflections, quiz and sorter answers) that the course lets
    through, jsonschema (what an LMS script would check a hand-in with) accepts too; every variant the
    course refuses, it says why in its own words."""
    import jsonschema

    from helpers.decoding import find_data_dir
    from helpers.vocabulary import WARD_ITEMS

    full = jsonschema.Draft202012Validator(student_work.schema())
    demo = json.loads((find_data_dir() / "class_demo" / "Jan_de_Vries.json").read_bytes())
    path = save_scoring("fox", "ideal", "ideal", scores=dict.fromkeys(WARD_ITEMS, 3), folder=tmp_path)
    save_scoring("fox", "redesign", "forensic", scores={"zingeving": 3}, text={"why": "less"}, folder=tmp_path)
    save_scoring(
        "fox", "quiz", "quiz_situations", answers={"q01": "zingeving"}, later_answers={"q01": "x"}, folder=tmp_path
    )
    save_scoring("fox", "sorter", "sorter_statements", answers={"s01": "personal"}, folder=tmp_path)
    saved = json.loads(path.read_bytes())
    first = {kind: next(s for s in demo["scorings"] if s["kind"] == kind) for kind in ("ward", "vignette")}
    documents = [{**demo, "scorings": [first["ward"], first["vignette"], *saved["scorings"]]}]
    assert sorted(scoring["kind"] for scoring in documents[0]["scorings"]) == sorted(student_work.KINDS)
    checked = refused = 0
    for document in documents:
        for variant in variants(document):
            checked += 1
            problem = student_work.format_problem(variant)
            if problem is None:
                assert list(full.iter_errors(variant)) == [], variant
                continue
            refused += 1
            told = problem.endswith(" is missing") or "; allowed: " in problem or problem.startswith("not a course")
            assert told, problem
    assert checked > 500 and refused > checked / 2


# Format 2 (course 2.0–2.1.0): a vignette scoring held one rewrite and the move it rewrote.
V2_FILE = {
    "format": "social-systems-course/student-work",
    "format_version": 2,
    "pseudonym": "owl",
    "scorings": [
        {
            "kind": "vignette",
            "item_id": "mehmet_acute",
            "saved_at": "2026-11-20T10:00:00+00:00",
            "course_version": "2.1.0",
            "tags": {"5": {"orientation": "clinical", "dimension": ""}},
            "text": {"rewrite_move": "5", "rewrite": "Ask Mehmet whether he wants his sister to visit."},
            "committed": True,
        },
        {
            "kind": "vignette",
            "item_id": "ineke_housing",
            "saved_at": "2026-11-20T10:05:00+00:00",
            "course_version": "2.1.0",
            "text": {"rewrite_move": "2", "rewrite": ""},
        },
        {
            "kind": "ward",
            "item_id": "forensic",
            "saved_at": "2026-11-20T10:10:00+00:00",
            "course_version": "2.0.0",
            "scores": {"grensbepaling": 4},
            "text": {"rewrite": "a ward's own text is left alone"},
        },
    ],
}


def test_a_format_2_rewrite_is_read_as_the_rewrite_of_its_move(tmp_path):
    path = tmp_path / "owl.json"
    path.write_text(json.dumps(V2_FILE), encoding="utf-8")
    student = read_student_file(path)
    assert student.read_from_version == 2
    mehmet = student.latest("vignette", "mehmet_acute")
    assert mehmet["text"] == {"rewrite_5": "Ask Mehmet whether he wants his sister to visit."}
    assert mehmet["committed"] is True and mehmet["tags"]["5"]["orientation"] == "clinical"
    assert student.latest("vignette", "ineke_housing")["text"] == {}  # an empty rewrite: nothing to keep
    assert student.latest("ward", "forensic")["text"] == {"rewrite": "a ward's own text is left alone"}
    assert path.read_text(encoding="utf-8") == json.dumps(V2_FILE)  # reading never writes


def test_saving_onto_a_format_2_file_keeps_its_rewrite_under_its_move(tmp_path):
    path = tmp_path / "owl.json"
    path.write_text(json.dumps(V2_FILE), encoding="utf-8")
    save_scoring("owl", "vignette", "mehmet_acute", text={"rewrite_5": "new", "rewrite_7": "also"}, folder=tmp_path)
    content = json.loads(path.read_text(encoding="utf-8"))
    assert content["format_version"] == 4 and len(content["scorings"]) == 4
    assert content["scorings"][0]["text"] == {"rewrite_5": "Ask Mehmet whether he wants his sister to visit."}
    assert student_work.format_problem(content) is None
    assert load_latest("owl", "vignette", "mehmet_acute", folder=tmp_path)["text"] == {
        "rewrite_5": "new",
        "rewrite_7": "also",
    }


def test_a_format_3_file_keeps_rewrites_and_reasons_as_written(tmp_path):
    text = {"rewrite_move": "not a migration in format 3", "rewrite_2": "x"}
    save_scoring("owl", "vignette", "mehmet_acute", text=text, folder=tmp_path)
    save_scoring(
        "owl", "ward", "forensic", scores={"grensbepaling": 4}, text={"reason_grensbepaling": "locked"}, folder=tmp_path
    )
    assert load_latest("owl", "vignette", "mehmet_acute", folder=tmp_path)["text"] == text
    assert load_latest("owl", "ward", "forensic", folder=tmp_path)["text"] == {"reason_grensbepaling": "locked"}


# ---------------------------------------------------------------- quiz and sorter answers (format 4, issue 29)


def test_quiz_and_sorter_answers_round_trip_in_format_4_and_follow_the_schema(tmp_path):
    save_scoring(
        "owl",
        "quiz",
        "quiz_situations",
        answers={"q01": "structurering", "q02": "grensbepaling"},
        later_answers={"q01": "energieverzorging"},
        folder=tmp_path,
    )
    path = save_scoring("owl", "sorter", "sorter_statements", answers={"s01": "clinical"}, folder=tmp_path)
    content = json.loads(path.read_text(encoding="utf-8"))
    assert content["format_version"] == 4 and student_work.format_problem(content) is None
    quiz = load_latest("owl", "quiz", "quiz_situations", folder=tmp_path)
    assert quiz["answers"] == {"q01": "structurering", "q02": "grensbepaling"}
    assert quiz["later_answers"] == {"q01": "energieverzorging"}
    assert load_latest("owl", "sorter", "sorter_statements", folder=tmp_path)["answers"] == {"s01": "clinical"}
    assert "later_answers" not in content["scorings"][1], "left out when the student checked no item twice"
    ward = save_scoring("owl", "ward", "forensic", scores={"grensbepaling": 1}, folder=tmp_path)
    assert "answers" not in json.loads(ward.read_text(encoding="utf-8"))["scorings"][-1], "only a quiz has answers"


def test_an_older_file_holds_no_answers_and_is_read_as_it_is(tmp_path):
    """Format 4 only adds kinds: a format-3 file is read unchanged (lessons 02 and 05 find nothing saved),
    and saving onto it writes format 4 with its scorings as they were."""
    save_scoring("owl", "vignette", "mehmet_acute", text={"rewrite_2": "x"}, folder=tmp_path)
    path = tmp_path / "owl.json"
    content = json.loads(path.read_text(encoding="utf-8"))
    content["format_version"] = 3
    path.write_text(json.dumps(content), encoding="utf-8")
    student = read_student_file(path)
    assert student.read_from_version == 3 and student.scorings == content["scorings"]
    assert load_latest("owl", "quiz", "quiz_situations", folder=tmp_path) is None
    save_scoring("owl", "sorter", "sorter_statements", answers={"s02": "personal"}, folder=tmp_path)
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["format_version"] == 4 and again["scorings"][0] == content["scorings"][0]


@pytest.mark.parametrize("answers", [["q01"], {"q01": 3}, {"q01": ""}])
def test_answers_that_are_not_options_chosen_are_refused(tmp_path, answers):
    path = write_file(tmp_path, {"kind": "quiz", "item_id": "quiz_situations", "answers": answers})
    with pytest.raises(
        StudentWorkError, match=r"scoring 1: field 'answers(\.q01)?' is .*; allowed: (an object|a text)"
    ):
        read_student_file(path)
    assert student_work.format_problem(json.loads(path.read_text(encoding="utf-8")))


def test_a_course_that_reads_format_3_refuses_a_format_4_file_rather_than_dropping_its_answers():
    schema = student_work.schema()
    assert schema["properties"]["format_version"]["enum"] == list(student_work.READABLE_FORMAT_VERSIONS)
    assert schema["$defs"]["scoring"]["properties"]["kind"]["enum"] == list(student_work.KINDS)
    assert set(student_work.ANSWER_KINDS) <= set(student_work.KINDS)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ({"rewrite_move": "5", "rewrite": "Ask first.", "notes": "n"}, {"rewrite_5": "Ask first.", "notes": "n"}),
        ({"rewrite_move": "5"}, {}),  # a move chosen, nothing written
        ({"rewrite": "Ask first."}, {"rewrite": "Ask first."}),  # a vignette without clinical moves
        ({"rewrite": "", "notes": "n"}, {"notes": "n"}),
        ({"rewrite_move": "", "rewrite": "Ask first."}, {"rewrite": "Ask first."}),
        ({"rewrite_move": "five", "rewrite": "Ask first."}, {"rewrite": "Ask first."}),
        ({"notes": "n"}, {"notes": "n"}),
    ],
)
def test_every_shape_of_a_format_2_vignette_text_is_read_as_format_3_keeps_it(tmp_path, text, read):
    content = {**V2_FILE, "scorings": [{**V2_FILE["scorings"][0], "text": text}]}
    path = tmp_path / "owl.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    assert read_student_file(path).scorings[0]["text"] == read


def test_a_saved_time_without_a_zone_is_utc_and_one_with_a_zone_keeps_it():
    assert student_work.moment("2026-12-06T17:32:05").utcoffset().total_seconds() == 0
    assert student_work.moment("2026-12-06T18:32:05+01:00").utcoffset().total_seconds() == 3600


def test_a_time_is_shown_on_the_students_clock_with_or_without_the_date(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        shown = (
            student_work.local_time("2026-12-06T17:32:05+00:00"),
            student_work.local_time("2026-12-06T17:32:05", False),
        )
    finally:
        monkeypatch.undo()
        time.tzset()
    assert shown == ("2026-12-06 18:32", "18:32")


def test_a_problem_with_the_whole_file_is_placed_at_its_root_and_an_error_names_its_file(tmp_path):
    assert student_work.format_problem({"pseudonym": "fox"}) == t("sw_not_a_course_file", format=student_work.FORMAT)
    path = tmp_path / "fox.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(StudentWorkError) as raised:
        read_student_file(path)
    assert raised.value.file == str(path)


@pytest.mark.parametrize("content", ['["en"]', '{"language": "en"}', '{"format": "social-systems-course/settings"}'])
def test_a_settings_file_that_is_not_ours_or_names_no_language_is_ignored(tmp_path, content):
    (tmp_path / "settings.json").write_text(content, encoding="utf-8")
    assert student_work.saved_language(tmp_path) is None


def test_the_language_choice_is_kept_for_english_and_dutch_only(tmp_path):
    for language in ("en", "nl"):
        student_work.save_language(language, tmp_path)
        assert student_work.saved_language(tmp_path) == language
    with pytest.raises(ValueError):
        student_work.save_language("de", tmp_path)
    (tmp_path / "settings.json").write_text(
        '{"format": "social-systems-course/settings", "language": "de"}', encoding="utf-8"
    )
    assert student_work.saved_language(tmp_path) is None


def test_a_kind_of_work_the_course_does_not_save_is_refused_naming_the_kinds_it_does(tmp_path):
    with pytest.raises(ValueError) as raised:
        save_scoring("fox", "essay", "a1", folder=tmp_path)
    assert str(raised.value) == "kind 'essay' not allowed; allowed: ward, ideal, redesign, vignette, quiz, sorter"


def test_a_saved_file_stays_readable_as_text_one_field_a_line_with_its_own_letters(tmp_path):
    path = save_scoring("fox", "ward", "forensic", text={"notes": "De cliënt kookt zelf"}, folder=tmp_path)
    text = path.read_text(encoding="utf-8")
    assert '"notes": "De cliënt kookt zelf"' in text and text.startswith('{\n  "format": ')


def test_a_score_out_of_range_is_refused_naming_the_scoring_it_would_have_been(tmp_path):
    save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 1}, folder=tmp_path)
    save_scoring("fox", "ward", "addiction", scores={"grensbepaling": 2}, folder=tmp_path)
    with pytest.raises(StudentWorkError) as raised:
        save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 9}, folder=tmp_path)
    assert raised.value.reason == "scoring 3: field 'scores.grensbepaling' is 9; allowed: a whole number from 0 to 4"
