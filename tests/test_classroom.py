"""The lecturer's side: reading a class's files, reporting what cannot be used, aggregating."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from make_demo_class import make_demo_class  # tools/ (on the path through conftest)

from helpers import classroom, model
from helpers.course_data import load_course
from helpers.student_work import save_scoring
from helpers.vocabulary import PROFILE_IDS, WARD_ITEMS


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture
def demo(tmp_path, course):
    return make_demo_class(tmp_path / "class", course)


def test_demo_class_is_deterministic(tmp_path, course):
    first = make_demo_class(tmp_path / "a", course)
    second = make_demo_class(tmp_path / "b", course)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir()) and len(names) == 32
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)


def test_committed_demo_class_matches_the_generator(tmp_path, course):
    fresh = make_demo_class(tmp_path / "fresh", course)
    committed = course.folder / "class_demo"
    assert sorted(p.name for p in committed.iterdir()) == sorted(p.name for p in fresh.iterdir())
    for path in fresh.iterdir():
        assert (committed / path.name).read_bytes() == path.read_bytes(), f"regenerate: {path.name}"


def test_demo_class_loads_30_students_and_reports_the_two_bad_files(demo, course):
    work = classroom.load_class(demo, course)
    assert work.students == 30
    reasons = dict(zip(work.problems["source"], work.problems["reason"], strict=True))
    assert reasons["upload_broken.json"].startswith("not a readable course file (corrupt JSON")
    assert "saved with course version 0.9.0" in reasons["old_course.json"]
    assert work.warnings[["pseudonym", "warning"]].values.tolist() == [["Jan_de_Vries", "looks like a full name"]]
    assert set(work.ward_scores["ward_id"]) == set(course.wards.index)
    assert work.ward_scores["score"].between(0, 4).all()


def test_duplicate_pseudonym_is_reported_and_not_counted_twice(tmp_path, course):
    save_scoring("fox", "ward", "forensic", scores={"zingeving_clients": 3}, folder=tmp_path)
    content = json.loads((tmp_path / "fox.json").read_text(encoding="utf-8"))
    (tmp_path / "fox (1).json").write_text(json.dumps(content), encoding="utf-8")
    work = classroom.load_class(tmp_path, course)
    assert work.students == 1 and len(work.ward_scores) == 1
    assert work.problems.values.tolist() == [
        ["fox (1).json", "duplicate pseudonym 'fox' (already in fox.json): not used"]
    ]


def test_out_of_range_score_in_a_student_file_is_reported(tmp_path, course):
    save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 3}, folder=tmp_path)
    path = tmp_path / "fox.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"grensbepaling": 3', '"grensbepaling": 9'), encoding="utf-8"
    )
    work = classroom.load_class(tmp_path, course)
    assert work.students == 0
    assert work.problems.values.tolist() == [
        ["fox.json", "scoring 1: field 'scores.grensbepaling' is 9; allowed: a whole number from 0 to 4"]
    ]


def test_unknown_ward_and_missing_fields_are_reported(tmp_path, course):
    save_scoring("fox", "ward", "no_such_ward", scores={"grensbepaling": 3}, folder=tmp_path)
    (tmp_path / "owl.json").write_text(
        json.dumps({"format": "social-systems-course/student-work", "format_version": 1, "pseudonym": "owl"}),
        encoding="utf-8",
    )
    work = classroom.load_class(tmp_path, course)
    reasons = dict(work.problems.values.tolist())
    assert reasons == {
        "fox.json": "unknown ward 'no_such_ward': not used",
        "owl.json": "field 'scorings' is missing",
    }


def test_latest_scoring_per_ward_counts(tmp_path, course):
    save_scoring("fox", "ward", "forensic", scores={"zingeving_staff": 1}, folder=tmp_path)
    save_scoring("fox", "ward", "forensic", scores={"zingeving_staff": 4}, folder=tmp_path)
    work = classroom.load_class(tmp_path, course)
    assert work.ward_scores["score"].tolist() == [4]


def test_a_format_1_file_is_used_without_its_old_zingeving_dial_and_noted(tmp_path, course):
    old = {
        "format": "social-systems-course/student-work",
        "format_version": 1,
        "pseudonym": "fox",
        "scorings": [
            {
                "kind": "ward",
                "item_id": "forensic",
                "saved_at": "2026-10-01T09:00:00+00:00",
                "course_version": "1.0.0",
                "scores": {"zingeving": 1, "grensbepaling": 4, "goal_shared": 3},
            }
        ],
    }
    (tmp_path / "fox.json").write_text(json.dumps(old), encoding="utf-8")
    work = classroom.load_class(tmp_path, course)
    assert work.students == 1 and work.problems.empty
    assert sorted(work.ward_scores["item_id"]) == ["goal_shared", "grensbepaling"]
    assert work.notes["source"].tolist() == ["fox.json"] and "zingeving" in work.notes["note"].iloc[0]


COMBINED = """pseudonym;kind;item_id;item;value;dimension
heron;ward;forensic;zingeving_clients;3;
heron;ward;forensic;grensbepaling;7;
heron;vignette;mehmet_acute;1;clinical;protocol
heron;vignette;mehmet_acute;99;clinical;
otter;ward;forensic;zingeving_clients;2
jan.devries@school.nl;ward;forensic;zingeving_clients;2;
owl;essay;forensic;zingeving_clients;2;
raven;ward;forensic;zingeving;2;
"""


def test_combined_csv_from_an_lms(tmp_path, course):
    path = tmp_path / "export.csv"
    path.write_bytes(COMBINED.encode("utf-8-sig"))
    work = classroom.load_class(path, course)
    reasons = work.problems["reason"].tolist()
    assert work.problems["source"].tolist()[:2] == ["export.csv line 3", "export.csv line 6"]
    assert reasons[0] == "score '7' for grensbepaling: allowed a whole number 0–4"
    assert reasons[1] == "wrong number of fields: row not used"
    assert "kind 'essay'; allowed: ward, vignette, ideal, redesign, quiz, sorter" in reasons
    assert "vignette 'mehmet_acute' has no move '99': tag not used" in reasons
    assert any(r.startswith("unknown item 'zingeving'") for r in reasons)  # the old dial is not a ward item
    assert work.warnings["warning"].tolist() == ["looks like an e-mail address"]
    assert sorted(work.ward_scores["pseudonym"]) == ["heron", "jan.devries@school.nl"]
    assert work.vignette_tags[["move", "orientation", "dimension"]].values.tolist() == [[1, "clinical", "protocol"]]


def test_missing_source_is_reported(tmp_path, course):
    work = classroom.load_class(tmp_path / "nowhere", course)
    assert work.students == 0 and work.problems["reason"].tolist() == ["no such file or folder"]


def scores_frame(rows):
    return pd.DataFrame(rows, columns=["pseudonym", "ward_id", "item_id", "score"])


def test_alpha_is_one_when_everyone_agrees_and_low_when_random(course):
    items = ["zingeving_clients", "doelverwerving", "grensbepaling", "structurering", "energieverzorging"]
    scores = zip(items, [0, 1, 2, 3, 4], strict=True)
    same = scores_frame([(p, "forensic", i, v) for i, v in scores for p in ("a", "b", "c")])
    assert model.ward_agreement(same).set_index("id").loc["forensic", "alpha"] == 1.0
    rng = np.random.default_rng(0)
    noise = scores_frame([(f"s{p}", "forensic", i, int(rng.integers(0, 5))) for p in range(40) for i in items])
    assert abs(model.ward_agreement(noise).set_index("id").loc["forensic", "alpha"]) < 0.15


def test_alpha_is_undefined_for_a_single_student():
    one = scores_frame([("a", "forensic", "zingeving_staff", 2), ("a", "forensic", "grensbepaling", 4)])
    assert np.isnan(model.ward_agreement(one).set_index("id").loc["forensic", "alpha"])


def test_empty_class_gives_empty_tables(course):
    empty = scores_frame([])
    assert model.ward_agreement(empty)["alpha"].isna().all()
    tags = pd.DataFrame(columns=["pseudonym", "vignette_id", "move", "orientation", "dimension"])
    assert (model.vignette_agreement(tags, course.vignettes)["students"] == 0).all()


def test_class_vs_reference(course):
    work = scores_frame([("a", "forensic", "zingeving_clients", 1), ("b", "forensic", "zingeving_clients", 2)])
    stats = model.class_vs_reference(work, course.reference, "forensic")
    reference = model.ward_zingeving(course.reference, "forensic")["zingeving_clients"]
    assert list(stats.index) == list(WARD_ITEMS)
    assert stats.loc["zingeving_clients", ["students", "mean"]].tolist() == [2, 1.5]
    assert stats.loc["zingeving_clients", "difference"] == 1.5 - reference
    assert stats.loc["grensbepaling", "students"] == 0


def test_agreement_has_a_row_per_ward_and_per_item_with_its_scope(course):
    rows = scores_frame([(p, w, i, 2) for p in "ab" for w in ("forensic", "adolescent") for i in WARD_ITEMS])
    agreement = model.ward_agreement(rows)
    scopes = agreement.set_index("id")["scope"]
    assert scopes["forensic"] == "ward" and scopes["grensbepaling"] == "function"
    assert scopes["zingeving_surroundings"] == "zingeving" and scopes["energy_enough"] == "condition"
    assert agreement.set_index("id").loc["forensic", "units"] == len(WARD_ITEMS)


def test_move_agreement_and_discussion_prompts(course):
    moves = course.vignettes["mehmet_acute"].moves
    key = moves["key"]
    other = {"personal": "clinical", "clinical": "personal"}
    tags = pd.DataFrame(
        [(p, "mehmet_acute", 1, key[1] if p in "ab" else other[key[1]], "") for p in "abcd"]
        + [(p, "mehmet_acute", 2, key[2], "") for p in "abcd"],
        columns=["pseudonym", "vignette_id", "move", "orientation", "dimension"],
    )
    agreement = model.move_agreement(tags, moves)
    assert agreement.loc[1, ["students", "agree_with_key", "split"]].tolist() == [4, 0.5, 1.0]
    assert agreement.loc[2, ["agree_with_key", "split"]].tolist() == [1.0, 0.0]
    assert agreement.loc[3, "students"] == 0
    assert list(model.discussion_prompts(agreement).index) == [1, 2]


# ---------------------------------------------------------------- issue 9: one problem line per bad file or row


def vignette_file(tmp_path, pseudonym, tags):
    return save_scoring(pseudonym, "vignette", "mehmet_acute", tags=tags, folder=tmp_path)


def test_odd_entries_in_a_class_folder_are_reported_and_the_rest_loads(tmp_path, course, monkeypatch):
    save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 3}, folder=tmp_path)
    save_scoring("owl", "ward", "forensic", scores={"grensbepaling": 1}, folder=tmp_path)
    (tmp_path / "folder.json").mkdir()
    (tmp_path / "device.json").symlink_to("/dev/zero")  # opening it would never end
    (tmp_path / "pipe.json").symlink_to(tmp_path / "nowhere.json")  # a dangling link
    original = classroom.read_student_file

    def unreadable(path):
        if path.name == "owl.json":
            raise PermissionError(13, "Permission denied")  # not a StudentWorkError: must not stop the load
        return original(path)

    monkeypatch.setattr(classroom, "read_student_file", unreadable)
    work = classroom.load_class(tmp_path, course)
    reasons = dict(work.problems.values.tolist())
    assert work.students == 1 and work.ward_scores["pseudonym"].tolist() == ["fox"]
    assert reasons["folder.json"] == reasons["device.json"] == "a folder or a device, not a file: not used"
    assert reasons["pipe.json"] == "a folder or a device, not a file: not used"
    assert reasons["owl.json"] == "could not be read (PermissionError: [Errno 13] Permission denied): not used"


def test_an_unknown_or_mismatched_dimension_is_one_problem_and_not_a_tag(tmp_path, course):
    key = course.vignettes["mehmet_acute"].moves["key"]
    other = {"personal": "clinical", "clinical": "personal"}
    vignette_file(
        tmp_path,
        "fox",
        {
            1: {"orientation": key[1], "dimension": "joy"},
            2: {"orientation": "personal", "dimension": "medication"},  # a clinical dimension
            3: {"orientation": other[key[3]], "dimension": ""},
        },
    )
    work = classroom.load_class(tmp_path, course)
    assert work.vignette_tags["move"].tolist() == [3]
    assert work.problems["reason"].tolist() == [
        "vignette 'mehmet_acute' move 1: 'joy' is not a "
        f"{key[1]} dimension; allowed: {', '.join(course.dimensions.index[course.dimensions['perspective'] == key[1]])}"
        ": tag not used",
        "vignette 'mehmet_acute' move 2: 'medication' is not a personal dimension; allowed: hope, meaning, "
        "own_direction, strengths, connectedness, citizenship: tag not used",
    ]


def test_a_move_key_that_is_not_a_number_refuses_that_file_only(tmp_path, course):
    vignette_file(tmp_path, "owl", {1: {"orientation": "personal"}})
    path = vignette_file(tmp_path, "fox", {1: {"orientation": "personal"}})
    path.write_text(path.read_text(encoding="utf-8").replace('"1":', '"²":'), encoding="utf-8")
    work = classroom.load_class(tmp_path, course)
    assert work.students == 1
    assert work.problems.values.tolist() == [
        ["fox.json", "scoring 1: field 'tags' is \"²\"; allowed: a move number (digits 0–9)"]
    ]


def test_a_combined_csv_with_only_a_header_is_a_problem_not_a_success(tmp_path, course):
    path = tmp_path / "export.csv"
    path.write_text(",".join(classroom.CSV_COLUMNS) + "\n,,,,,\n", encoding="utf-8")  # Excel adds empty rows
    work = classroom.load_class(path, course)
    assert work.students == 0
    assert work.problems.values.tolist() == [["export.csv", "the file has a header but no rows: nothing to use"]]


@pytest.mark.parametrize("value", ["²", "٣", "3.5", "-1", "5", "", "drie"])
def test_a_score_that_is_not_0_to_4_is_one_problem(tmp_path, course, value):
    path = tmp_path / "export.csv"
    path.write_text(
        "pseudonym,kind,item_id,item,value,dimension\n"
        f"fox,ward,forensic,grensbepaling,{value},\nfox,ward,forensic,structurering,3,\n",
        encoding="utf-8",
    )
    work = classroom.load_class(path, course)
    assert work.ward_scores[["item_id", "score"]].values.tolist() == [["structurering", 3]]
    assert work.problems.values.tolist() == [
        ["export.csv line 2", f"score '{value}' for grensbepaling: allowed a whole number 0–4"]
    ]


def test_a_combined_csv_cut_off_in_a_quote_keeps_the_rows_before(tmp_path, course):
    path = tmp_path / "export.csv"
    path.write_text(
        'pseudonym,kind,item_id,item,value,dimension\nfox,ward,forensic,grensbepaling,3,\nowl,ward,"forens',
        encoding="utf-8",
    )
    work = classroom.load_class(path, course)
    assert work.ward_scores["pseudonym"].tolist() == ["fox"]
    assert work.problems["source"].tolist() == ["export.csv line 3"]
    assert "unclosed quote" in work.problems["reason"].iloc[0]


@pytest.mark.parametrize(
    "content, reason",
    [
        ("pseudonym,kind\n".encode("mac_roman") + "cliënt,ward\n".encode("mac_roman"), "Mac Roman"),
        (b"PK\x03\x04\x14\x00", ".xlsx"),
        (b"", "file is empty"),
    ],
)
def test_a_combined_csv_that_is_not_text_is_named(tmp_path, course, content, reason):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    work = classroom.load_class(path, course)
    assert work.students == 0 and len(work.problems) == 1
    assert reason in work.problems["reason"].iloc[0] and "CSV UTF-8" in work.problems["reason"].iloc[0]


def test_an_empty_folder_says_so(tmp_path, course):
    work = classroom.load_class(tmp_path, course)
    assert work.problems["reason"].tolist() == ["no student files (*.json) or combined CSV (*.csv) in this folder"]


def test_the_dashboard_reasons_are_given_in_dutch(tmp_path, course):
    from helpers.text import set_language

    save_scoring("Jan_de_Vries", "ward", "no_such_ward", scores={"grensbepaling": 3}, folder=tmp_path)
    set_language("nl")
    work = classroom.load_class(tmp_path, course)
    assert work.problems["reason"].tolist() == ["onbekende afdeling 'no_such_ward': niet gebruikt"]
    assert work.warnings["warning"].tolist() == ["lijkt op een volledige naam"]


# ---------------------------------------------------------------- every kind of saved work shown or listed (issue 10)


def three_files(folder):
    """A class of three files: a ward scoring with an ideal ward, a redesign only, a ward scoring."""
    save_scoring("fox", "ward", "forensic", scores=dict.fromkeys(WARD_ITEMS, 2), folder=folder)
    save_scoring("fox", "ideal", "ideal", scores=dict.fromkeys(WARD_ITEMS, 3), folder=folder)
    save_scoring("owl", "redesign", "acute_admission", scores=dict.fromkeys(WARD_ITEMS, 3), folder=folder)
    save_scoring("bee", "ward", "forensic", scores=dict.fromkeys(WARD_ITEMS, 3), folder=folder)
    return folder


def test_ideal_wards_and_redesigns_are_read_for_the_lecturer_not_listed_as_unused(tmp_path, course):
    """Issue 28: every student's ideal ward was a row of a 'not shown' table; now it is work to read."""
    work = classroom.load_class(three_files(tmp_path), course)
    assert work.students == 3 and len(work.sources) == 3 and work.problems.empty, "owl's redesign counts owl"
    assert not hasattr(work, "unused")
    ideal = model.proposal_table(work.proposals, "ideal", PROFILE_IDS)
    assert ideal.loc[("fox", "ideal")].tolist() == [3.0] * 4
    redesign = model.proposal_table(work.proposals, "redesign", PROFILE_IDS)
    assert redesign.index.tolist() == [("owl", "acute_admission")]
    assert set(work.ward_scores["pseudonym"]) == {"fox", "bee"}, "the ward scorings themselves are used"


def test_the_report_of_a_class_with_written_work_says_where_to_read_it(tmp_path, course):
    from helpers import views
    from helpers.text import set_language

    report = views.class_report(classroom.load_class(three_files(tmp_path), course))
    assert "Every file could be used" in report and "does not show" not in report
    assert "Written work to read on the tab ‘Written work’: 1 redesign, 1 ideal ward." in report
    assert "Loaded the work of 3 students from 3 files." in report
    set_language("nl")
    report = views.class_report(classroom.load_class(three_files(tmp_path), course))
    assert "Geschreven werk om te lezen op het tabblad ‘Geschreven werk’: 1 herontwerp, 1 ideale afdeling." in report


def test_the_report_counts_one_student_and_one_file_in_the_singular(tmp_path, course):
    from helpers import views
    from helpers.text import set_language

    save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 3}, folder=tmp_path)
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    work = classroom.load_class(tmp_path, course)
    report = views.class_report(work)
    assert "Loaded the work of 1 student from 2 files." in report
    assert "1 file or row could not be used:" in report
    (tmp_path / "broken.json").unlink()
    set_language("nl")
    report = views.class_report(classroom.load_class(tmp_path, course))
    assert "Het werk van 1 student uit 1 bestand is geladen." in report and "Alle bestanden waren bruikbaar." in report


def test_a_combined_csv_reads_ideal_and_redesign_rows_as_the_students_proposals(tmp_path, course):
    path = tmp_path / "export.csv"
    path.write_text(
        "pseudonym,kind,item_id,item,value,dimension\n"
        "fox,ward,forensic,grensbepaling,3,\n"
        "fox,ideal,ideal,grensbepaling,4,\n"
        "fox,ideal,ideal,structurering,4,\n"
        "owl,redesign,forensic,grensbepaling,2,\n"
        "owl,redesign,forensic,nonsense,2,\n",
        encoding="utf-8",
    )
    work = classroom.load_class(path, course)
    assert work.students == 2
    assert work.problems["source"].tolist() == ["export.csv line 6"], "a bad row of a proposal is named"
    assert work.proposals.values.tolist() == [
        ["fox", "ideal", "ideal", "grensbepaling", 4],
        ["fox", "ideal", "ideal", "structurering", 4],
        ["owl", "redesign", "forensic", "grensbepaling", 2],
    ]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ('"C:\\Users\\docent\\Downloads\\hand-ins"', "C:\\Users\\docent\\Downloads\\hand-ins"),  # Copy as path
        ("'/srv/class 2b'", "/srv/class 2b"),
        ("  /srv/class  ", "/srv/class"),
        ('"/srv/say "hi""', '/srv/say "hi"'),  # only one pair is removed
        ('"/srv/unbalanced', '"/srv/unbalanced'),
        ("\"/srv/mixed'", "\"/srv/mixed'"),
    ],
)
def test_a_pasted_path_loses_one_pair_of_quotes(typed, meant):
    assert classroom.source_path(typed) == classroom.Path(meant)


def test_a_quoted_path_with_a_tilde_loads_the_class(tmp_path, course, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    save_scoring("fox", "ward", "forensic", scores={"grensbepaling": 3}, folder=tmp_path / "hand-ins")
    for typed in ('"~/hand-ins"', "'~/hand-ins'", "~/hand-ins", f'"{tmp_path / "hand-ins"}"'):
        work = classroom.load_class(typed, course)
        assert work.students == 1 and work.problems.empty, typed


# ---------------------------------------------------------------- the class's written work, read (issue 28)


def written_class(folder, course):
    """Four students: a redesign with reflections (one with markup), a rewrite in each format, an ideal ward
    sketched and one left where the sliders start, and a redesign saved unchanged with nothing written."""
    from helpers.vocabulary import CONDITION_IDS

    before = model.reference_scores(course.reference, "acute_admission", PROFILE_IDS + CONDITION_IDS)
    changed = {**before.astype(int).to_dict(), "grensbepaling": 1}
    save_scoring(
        "fox",
        "redesign",
        "acute_admission",
        scores=changed,
        text={"reflect_changed_most": "<script>alert(1)</script> fewer locked doors", "reflect_staff": ""},
        folder=folder,
    )
    save_scoring("owl", "redesign", "acute_admission", scores=before.astype(int).to_dict(), folder=folder)
    save_scoring(
        "owl", "vignette", "mehmet_acute", text={"rewrite_move": "2", "rewrite": "Ask him first."}, folder=folder
    )
    save_scoring("bee", "vignette", "mehmet_acute", text={"rewrite_4": "He & his sister decide."}, folder=folder)
    save_scoring("bee", "ideal", "forensic", scores={"doelverwerving": 3, "grensbepaling": 1}, folder=folder)
    save_scoring("ant", "ideal", "forensic", scores=dict.fromkeys(PROFILE_IDS, model.SLIDER_START), folder=folder)
    return classroom.load_class(folder, course)


def test_the_reading_view_shows_each_kind_of_written_work_escaped_under_pseudonyms(tmp_path, course):
    from helpers import views

    work = written_class(tmp_path, course)
    assert views.reading_items(course, work, "redesign") == ["acute_admission"]
    assert views.reading_items(course, work, "rewrite") == ["mehmet_acute"]
    assert views.reading_items(course, work, "ideal") == ["forensic"]
    redesigns = views.reading_html(course, work, "redesign")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; fewer locked doors" in redesigns and "<script>" not in redesigns
    assert "fox — redesign of De Linde ward" in redesigns and "boundary setting: 4 → 1" in redesigns
    assert "owl —" not in redesigns, "an unchanged redesign with nothing written is not an entry"
    assert "Not listed: 1 student who saved this redesign unchanged and wrote nothing." in redesigns
    rewrites = views.reading_html(course, work, "rewrite", "mehmet_acute")
    assert rewrites.index("Move 2") < rewrites.index("Ask him first.") < rewrites.index("Move 4")
    assert "He &amp; his sister decide." in rewrites, "both ways of keeping a rewrite are read, escaped"
    ideals = views.reading_html(course, work, "ideal", "forensic")
    assert "<td>bee</td>" in ideals and "<td>ant</td>" not in ideals
    assert "Not listed: 1 student who saved an ideal ward with every slider still at its start (2)." in ideals
    assert views.reading_html(course, work, "ideal", "addiction").count("No student has handed in") == 1


def test_the_reading_view_filters_by_ward_and_vignette_and_prints_as_a_page_of_its_own(tmp_path, course):
    from helpers import views

    save_scoring("cat", "redesign", "forensic", scores={"grensbepaling": 0}, folder=tmp_path)
    work = written_class(tmp_path, course)
    both = views.reading_html(course, work, "redesign")
    assert "De Linde ward" in both and "Het Bolwerk ward" in both
    one = views.reading_html(course, work, "redesign", "forensic")
    assert "Het Bolwerk ward" in one and "De Linde ward" not in one and "fox" not in one
    page = views.reading_page(course, work, "redesign", "acute_admission")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page and "<title>Written work: Redesigns" in page
    assert "fewer locked doors" in page and "<script" not in page.lower() and "http" not in page, "nothing fetched"


def test_the_reading_view_in_dutch(tmp_path, course):
    from helpers import views
    from helpers.text import set_language

    set_language("nl")
    work = written_class(tmp_path, course)
    assert "fox — herontwerp van Afdeling De Linde" in views.reading_html(course, work, "redesign")
    assert "Handeling 2" in views.reading_html(course, work, "rewrite")
    assert "Niet getoond: 1 student met een opgeslagen ideale afdeling" in views.reading_html(course, work, "ideal")
    assert "<title>Geschreven werk: Ideale afdelingen (les 03)</title>" in views.reading_page(course, work, "ideal")


def test_only_ideal_wards_and_redesigns_are_read_as_proposals(tmp_path, course):
    """Another kind of work (a quiz or a sorter, since format 4: read as answers) is never read as a ward's scores."""
    from helpers.student_work import ANSWER_KINDS, KINDS

    save_scoring("fox", "ideal", "forensic", scores={"grensbepaling": 3}, folder=tmp_path)
    for kind in (k for k in KINDS if k not in ("ward", "vignette", "ideal", "redesign")):
        save_scoring("fox", kind, ANSWER_KINDS[kind], scores={"grensbepaling": 1}, folder=tmp_path)
    work = classroom.load_class(tmp_path, course)
    assert work.problems.empty and work.proposals[["kind", "score"]].values.tolist() == [["ideal", 3]]


def test_the_reading_view_reads_the_reasons_students_gave_for_their_ward_scores(tmp_path, course):
    """Lesson 03 keeps a reason per scored item (``reason_<item>``): the lecturer reads them per ward and item."""
    from helpers import views

    save_scoring(
        "fox",
        "ward",
        "forensic",
        scores={"grensbepaling": 4, "structurering": 3},
        text={"reason_structurering": "A fixed day <plan>.", "reason_grensbepaling": "Locked doors.", "notes": "x"},
        folder=tmp_path,
    )
    save_scoring(
        "owl", "ward", "forensic", scores={"grensbepaling": 2}, text={"reason_grensbepaling": "Talks."}, folder=tmp_path
    )
    work = classroom.load_class(tmp_path, course)
    assert views.reading_items(course, work, "reason") == ["forensic"]
    shown = views.reading_html(course, work, "reason", "forensic")
    assert (
        shown.index("boundary setting")
        < shown.index("fox scored 4")
        < shown.index("owl scored 2")
        < shown.index("structuring")
    )
    assert "A fixed day &lt;plan&gt;." in shown and "notes" not in shown and ">x<" not in shown
    assert "2 reasons for scores" not in views.class_report(work) and "3 reasons for scores" in views.class_report(work)
