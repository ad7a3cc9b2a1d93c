"""The hand-in store itself (deploy/handin_service.py), without a hub: what it keeps, what it refuses
and why (in both languages), its limits, and a restart over whatever lies in its folder.
tests/test_hub.py runs it inside a real hub."""

from __future__ import annotations

import json

import pytest

# deploy/ is no package: deploy.handin_service comes from the course folder as a namespace package, under
# the name mutation testing gives its mutants
from deploy import handin_service
from deploy.handin_service import HANDOUTS, PER_ACCOUNT, PER_MINUTE, Feedback, Refused, Releases, Store
from helpers.student_work import read_student_file
from tests.conftest import ROOT

REFLECTION = "De cliënt kookt zelf – een begin"


def student_file(pseudonym: str, reflection: str = REFLECTION) -> dict:
    return {
        "format": "social-systems-course/student-work",
        "format_version": 2,
        "pseudonym": pseudonym,
        "scorings": [
            {
                "kind": "ward",
                "item_id": "addiction",
                "saved_at": "2026-11-25T10:00:00+00:00",
                "course_version": "2.1.0",
                "scores": {"doelverwerving": 2},
                "text": {"reflection": reflection},
            }
        ],
    }


def encoded(content: dict, encoding: str) -> bytes:
    """``content`` as JSON text in ``encoding``: "cp1252" as Excel-era Windows saves, "utf-8-sig" with a BOM."""
    return json.dumps(content, ensure_ascii=False).encode(encoding)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"], ids=["Windows-1252", "UTF-8 with BOM"])
def test_a_hand_in_in_any_encoding_the_reader_accepts_is_kept_as_utf8_and_read_back_after_a_restart(tmp_path, encoding):
    store = Store(tmp_path / "handins")
    receipt = store.hand_in("ava", encoded(student_file("Blue-Heron"), encoding))
    assert receipt["pseudonym"] == "Blue-Heron" and receipt["versions"] == 1
    kept = next((tmp_path / "handins" / "ava").glob("*.json"))
    assert json.loads(kept.read_bytes().decode("utf-8"))["scorings"][0]["text"]["reflection"] == REFLECTION
    assert read_student_file(kept).pseudonym == "Blue-Heron"
    restarted = Store(tmp_path / "handins")
    assert restarted.owners == {"Blue-Heron": "ava"}
    files = restarted.newest_files({"ava"})
    assert files["Blue-Heron"]["scorings"][0]["text"]["reflection"] == REFLECTION


def test_a_restart_leaves_out_a_file_it_cannot_read_instead_of_failing(tmp_path, capsys):
    store = Store(tmp_path / "handins")
    store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))
    broken = tmp_path / "handins" / "bram"
    broken.mkdir()
    (broken / "20260101T000000000000Z.json").write_bytes(b"\x00\x01 not json")
    restarted = Store(tmp_path / "handins")
    assert restarted.owners == {"Blue-Heron": "ava"}
    assert "left out" in capsys.readouterr().err


def refusal(call) -> Refused:
    with pytest.raises(Refused) as refused:
        call()
    return refused.value


def test_refusals_carry_their_reason_whole_in_both_languages(tmp_path):
    store = Store(tmp_path / "handins")
    not_ours = refusal(lambda: store.hand_in("ava", b'{"format": "something else"}'))
    assert not_ours.status_code == 400
    assert not_ours.reasons["en"].startswith("not a course file: ")
    assert not_ours.reasons["nl"].startswith("geen cursusbestand: ")
    assert "social-systems-course/student-work" in not_ours.reasons["en"]
    assert not list((tmp_path / "handins" / "ava").iterdir()), "a refused file is stored nowhere"
    store.hand_in("bram", encoded(student_file("Fox-Four"), "utf-8-sig"))
    taken = refusal(lambda: store.hand_in("ava", encoded(student_file("Fox-Four"), "utf-8-sig")))
    assert taken.status_code == 409
    assert taken.reasons == {
        "en": "another account already handed in as Fox-Four: choose another pseudonym",
        "nl": "een ander account heeft al ingeleverd als Fox-Four: kies een ander pseudoniem",
    }


def test_one_account_cannot_flood_the_store(tmp_path, monkeypatch):
    store = Store(tmp_path / "handins")
    for _ in range(PER_MINUTE):
        store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))
    too_often = refusal(lambda: store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig")))
    assert too_often.status_code == 429 and "wait a minute" in too_often.reasons["en"]
    assert "wacht een minuut" in too_often.reasons["nl"]
    store.hand_in("bram", encoded(student_file("Fox-Four"), "utf-8-sig"))  # another account is not held up
    monkeypatch.setattr(handin_service.time, "monotonic", lambda: 10**9)  # a minute later and more
    store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))
    folder = tmp_path / "handins" / "ava"
    for number in range(PER_ACCOUNT - PER_MINUTE - 1):
        (folder / f"20200101T0000{number:08d}Z.json").write_text("{}", encoding="utf-8")
    store.recent.clear()
    too_many = refusal(lambda: store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig")))
    assert too_many.status_code == 429 and str(PER_ACCOUNT) in too_many.reasons["en"]


def test_only_the_class_students_hand_ins_are_listed(tmp_path):
    store = Store(tmp_path / "handins")
    store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))
    store.hand_in("ghost", encoded(student_file("Nobody"), "utf-8-sig"))
    assert set(store.newest_files({"ava", "bram"})) == {"Blue-Heron"}


def test_feedback_is_kept_per_account_and_item_and_checked(tmp_path):
    feedback = Feedback(tmp_path / "feedback")
    kept = feedback.give("ava", "jdevries", {"item": "03", "text": " Goed gezien. ", "score": 7.5, "max_score": 10})
    assert kept["text"] == "Goed gezien." and kept["score"] == 7.5 and kept["by"] == "jdevries"
    feedback.give("ava", "jdevries", {"item": "03", "text": "Herzien: goed gezien."})
    feedback.give("ava", "jdevries", {"item": "a1", "text": "Rubric: 3 of 4 criteria."})
    assert set(feedback.of("ava")) == {"03", "a1"} and feedback.of("ava")["03"]["score"] is None
    assert feedback.of("bram") == {}
    for bad, key in [
        ({"item": "../x", "text": "x"}, "item"),
        ({"item": "03", "text": "  "}, "text"),
        ({"item": "03", "text": "x" * 5001}, "text"),
        ({"item": "03", "text": "x", "score": 11, "max_score": 10}, "score"),
        ({"item": "03", "text": "x", "score": 5}, "score"),
        ({"item": "03", "text": "x", "score": True, "max_score": 10}, "score"),
        (["not", "an", "object"], "object"),
    ]:
        refused = refusal(lambda bad=bad: feedback.give("ava", "jdevries", bad))
        assert refused.status_code == 400 and refused.reasons["en"] and refused.reasons["nl"], key
    assert set(feedback.of("ava")) == {"03", "a1"}, "a refused feedback changed nothing"


def keys_folder(tmp_path, handouts: str):
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "a1_case.md").write_text("# De Waterkant\n", encoding="utf-8")
    (keys / "a1_key.md").write_text("the key\n", encoding="utf-8")
    (keys / HANDOUTS).write_text(handouts, encoding="utf-8")
    return keys


def test_a_release_copies_the_listed_handouts_only_and_a_second_release_replaces_them(tmp_path):
    keys = keys_folder(tmp_path, "assignment,file\na1,a1_case.md\n")
    releases = Releases(tmp_path / "releases", keys)
    assert releases.released() == {}
    done = releases.release("a1", "lecturer")
    assert done["files"] == ["a1_case.md"]
    released = releases.released()
    assert released["a1"]["files"] == {"a1_case.md": "# De Waterkant\n"}, "the case, never the key"
    (keys / "a1_case.md").write_text("# De Waterkant (corrected)\n", encoding="utf-8")
    releases.release("a1", "lecturer")
    assert releases.released()["a1"]["files"] == {"a1_case.md": "# De Waterkant (corrected)\n"}
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == ["a1"], "no scratch folder left"


@pytest.mark.parametrize(
    ("handouts", "words"),
    [
        (
            "assignment,file\nA 1,a1_case.md\n",
            ["line 2: not an assignment id", "field 'assignment'", "found 'A 1'", "allowed: an assignment id of a-z"],
        ),
        ("assignment,file\n,a1_case.md\n", ["line 2: not an assignment id", "found ''"]),
        ("assignment,file\na1,../a1_key.md\n", ["line 2", "field 'file'", "found '../a1_key.md'", "a1_case.md"]),
        ("assignment,file\na1,missing.md\n", ["line 2: not a file of this folder", "found 'missing.md'"]),
        ("assignment,file\na1,\n", ["line 2: not a file of this folder", "found ''"]),
        ("assignment,file\na1,handouts.csv\n", ["line 2: not a file of this folder", "found 'handouts.csv'"]),
    ],
)
def test_a_list_of_handouts_that_cannot_be_used_is_refused_with_where_and_why(tmp_path, handouts, words):
    releases = Releases(tmp_path / "releases", keys_folder(tmp_path, handouts))
    refused = refusal(lambda: releases.release("a1", "lecturer"))
    reasons = refused.reasons
    assert refused.status_code == 500 and all(word in reasons["en"] for word in words), reasons
    assert f"{tmp_path / 'keys' / HANDOUTS}, line 2" in reasons["en"]
    if "not a file" in reasons["en"]:  # what could be given: every file but the list itself
        assert reasons["en"].endswith("allowed: a1_case.md, a1_key.md")
    assert reasons["nl"].startswith("de lijst met opdrachtmateriaal is niet bruikbaar")
    assert releases.released() == {}


def test_an_assignment_without_handouts_is_refused_naming_those_that_have_them(tmp_path):
    keys = keys_folder(tmp_path, "assignment,file\na2,a1_case.md\na1,a1_case.md\n")
    reasons = refusal(lambda: Releases(tmp_path / "releases", keys).release("a3", "lecturer")).reasons
    assert "'a3'" in reasons["en"] and reasons["en"].endswith("listed: a1, a2"), reasons


def test_the_shipped_list_gives_students_case_material_and_no_key():
    handouts = handin_service.read_handouts(ROOT / "lecturer" / "keys")
    files = [name for names in handouts.values() for name in names]
    assert files and all("_case" in name for name in files), files


def test_every_folder_the_store_makes_is_the_services_alone_and_made_where_it_is_missing(tmp_path):
    """Decision record 0014: the store's folders are root's alone (0o700), made with their parents."""
    base, keys = tmp_path / "hub", keys_folder(tmp_path, "assignment,file\na1,a1_case.md\n")
    store = Store(base / "h" / "handins")
    store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))
    Feedback(base / "f" / "feedback").give("ava", "jdevries", {"item": "03", "text": "Goed."})
    Releases(base / "r" / "releases", keys).release("a1", "jdevries")
    for folder in ("h/handins", "h/handins/ava", "f/feedback", "r/releases"):
        assert (base / folder).stat().st_mode & 0o777 == 0o700, folder
    # a restart opens the folders it made
    assert Store(base / "h" / "handins").owners == {"Blue-Heron": "ava"}
    assert Feedback(base / "f" / "feedback").of("ava")["03"]["text"] == "Goed."
    assert list(Releases(base / "r" / "releases", keys).released()) == ["a1"]


def test_the_version_counts_every_hand_in_also_over_a_restart(tmp_path):
    store = Store(tmp_path / "handins")
    assert store.version == 0 and store.newest(store.account_folder("nobody")) is None
    store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))
    store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))
    store.hand_in("bram", encoded(student_file("Fox-Four"), "utf-8-sig"))
    assert store.version == 3
    (tmp_path / "handins" / "ava" / ".incoming.x.tmp").write_text("{}", encoding="utf-8")  # a hand-in cut short
    assert Store(tmp_path / "handins").version == 3


def test_a_receipt_names_the_stored_hand_in_by_its_utc_time_and_counts_the_accounts_versions(tmp_path, monkeypatch):
    import time
    from datetime import UTC, datetime

    monkeypatch.setenv("TZ", "Europe/Amsterdam")  # the service's clock is not UTC: the names still are
    time.tzset()
    try:
        store = Store(tmp_path / "handins")
        first = store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))
        second = store.hand_in("ava", encoded(student_file("Blue-Heron", "Tweede versie"), "utf-8-sig"))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert set(second) == {"pseudonym", "handed_in_at", "versions"} and (first["versions"], second["versions"]) == (
        1,
        2,
    )
    stamp = datetime.strptime(second["handed_in_at"], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - stamp).total_seconds()) < 60
    assert store.newest(store.account_folder("ava")).name == second["handed_in_at"] + ".json"
    assert store.newest_files({"ava"})["Blue-Heron"]["scorings"][0]["text"]["reflection"] == "Tweede versie"


def test_an_account_that_changes_its_pseudonym_frees_the_old_one_and_no_other(tmp_path):
    store = Store(tmp_path / "handins")
    store.hand_in("bram", encoded(student_file("Fox-Four"), "utf-8-sig"))
    store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))
    store.hand_in("ava", encoded(student_file("Green-Finch"), "utf-8-sig"))
    assert store.owners == {"Fox-Four": "bram", "Green-Finch": "ava"}
    store.hand_in("carla", encoded(student_file("Blue-Heron"), "utf-8-sig"))  # free again
    assert store.owners["Blue-Heron"] == "carla"


def test_an_account_name_with_a_slash_stays_one_folder_and_one_file(tmp_path):
    store, feedback = Store(tmp_path / "handins"), Feedback(tmp_path / "feedback")
    store.hand_in("ava/../bram", encoded(student_file("Blue-Heron"), "utf-8-sig"))
    feedback.give("ava/../bram", "jdevries", {"item": "03", "text": "Goed."})
    assert [p.name for p in (tmp_path / "handins").iterdir()] == ["ava%2F..%2Fbram"]
    assert list(store.accounts()) == ["ava/../bram"]
    assert [p.name for p in (tmp_path / "feedback").iterdir()] == ["ava%2F..%2Fbram.json"]


def test_the_rate_limit_counts_the_last_sixty_seconds(tmp_path, monkeypatch):
    store, now = Store(tmp_path / "handins"), [1000.0]
    monkeypatch.setattr(handin_service.time, "monotonic", lambda: now[0])
    for _ in range(PER_MINUTE):
        store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))
    now[0] = 1060.0  # the first hand-ins are exactly a minute old: still counted
    refused = refusal(lambda: store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig")))
    assert refused.reasons["en"].startswith(f"{PER_MINUTE} hand-ins in the last minute")
    now[0] = 1060.5
    assert store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))["versions"] == PER_MINUTE + 1


def test_a_stored_hand_in_the_course_cannot_read_is_left_out_of_the_class_and_reported(tmp_path, capsys):
    store = Store(tmp_path / "handins")
    store.hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))
    store.hand_in("bram", encoded(student_file("Fox-Four"), "utf-8-sig"))
    broken = tmp_path / "handins" / "bram" / "29991231T000000000000Z.json"  # bram's newest
    broken.write_bytes(b"{ not json")
    assert set(store.newest_files({"ava", "bram"})) == {"Blue-Heron"}
    assert f"[handin] left out {broken}: " in capsys.readouterr().err


def test_feedback_takes_the_limits_themselves_and_names_what_it_refuses(tmp_path):
    from datetime import UTC, datetime

    feedback = Feedback(tmp_path / "feedback")
    for score, max_score in [(0, 10), (10, 10), (0.5, 0.5)]:
        kept = feedback.give("ava", "jdevries", {"item": "a1", "text": "x", "score": score, "max_score": max_score})
        assert (kept["score"], kept["max_score"]) == (score, max_score)
    kept = feedback.give("ava", "jdevries", {"item": "a1", "text": "é" * 5000})
    assert kept["item"] == "a1" and feedback.of("ava")["a1"]["text"] == "é" * 5000
    written = datetime.fromisoformat(kept["written_at"])
    assert written.utcoffset().total_seconds() == 0 and abs((datetime.now(UTC) - written).total_seconds()) < 60
    too_long = refusal(lambda: feedback.give("ava", "jdevries", {"item": "a1", "text": "x" * 5001})).reasons
    assert "at most 5000 characters" in too_long["en"]
    zero = refusal(lambda: feedback.give("ava", "j", {"item": "a1", "text": "x", "score": 0, "max_score": 0}))
    assert "found 0 of 0" in zero.reasons["en"]
    item = "x" * 39 + "/" + "y" * 20
    named = refusal(lambda: feedback.give("ava", "j", {"item": item, "text": "x"})).reasons["en"]
    assert f"the item {item[:40]!r} is not" in named


def test_a_store_writes_beside_its_files_even_when_the_systems_temporary_folder_is_on_another_disk(
    tmp_path, monkeypatch
):
    """Every write ends in one rename within the store's own folder (a rename cannot cross disks)."""
    import tempfile
    from pathlib import Path

    other_disk = Path("/dev/shm")
    if not other_disk.is_dir() or other_disk.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system here")
    monkeypatch.setattr(tempfile, "tempdir", str(other_disk))
    Store(tmp_path / "handins").hand_in("ava", encoded(student_file("Blue-Heron"), "utf-8-sig"))
    Feedback(tmp_path / "feedback").give("ava", "jdevries", {"item": "03", "text": "Goed."})
    releases = Releases(tmp_path / "releases", keys_folder(tmp_path, "assignment,file\na1,a1_case.md\n"))
    releases.release("a1", "jdevries")
    releases.release("a1", "jdevries")
    assert list(releases.released()) == ["a1"]


def test_a_release_cut_short_leaves_nothing_a_student_sees(tmp_path, monkeypatch):
    import shutil

    keys = keys_folder(tmp_path, "assignment,file\na1,a1_case.md\na2,a1_case.md\n")
    releases = Releases(tmp_path / "releases", keys)
    releases.release("a1", "jdevries")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    for step in ("copyfile", "rmtree"):  # a new release stops while copying; a second one of a1 before cleaning up
        with monkeypatch.context() as patched:
            patched.setattr(shutil, step, full_disk)
            with pytest.raises(OSError):
                releases.release("a2" if step == "copyfile" else "a1", "jdevries")
    assert releases.released() == {
        "a1": {"released_at": releases.released()["a1"]["released_at"], "files": {"a1_case.md": "# De Waterkant\n"}}
    }


def test_a_release_says_when_and_by_whom(tmp_path):
    from datetime import UTC, datetime

    releases = Releases(tmp_path / "releases", keys_folder(tmp_path, "assignment,file\na1,a1_case.md\n"))
    done = releases.release("a1", "jdevries")
    assert done["assignment"] == "a1" and done["released_at"] == releases.released()["a1"]["released_at"]
    when = datetime.fromisoformat(done["released_at"])
    assert when.utcoffset().total_seconds() == 0 and abs((datetime.now(UTC) - when).total_seconds()) < 60
    about = json.loads((tmp_path / "releases" / "a1" / "release.json").read_text(encoding="utf-8"))
    assert about["by"] == "jdevries"
    unknown = refusal(lambda: releases.release("b" * 50, "jdevries"))
    assert unknown.status_code == 404 and f"{'b' * 40!r}; listed: a1" in unknown.reasons["en"]


def test_a_list_of_handouts_saved_by_excel_with_a_byte_order_mark_is_read(tmp_path):
    keys = keys_folder(tmp_path, "")
    (keys / HANDOUTS).write_bytes("assignment,file\na1,a1_case.md\n".encode("utf-8-sig"))
    assert handin_service.read_handouts(keys) == {"a1": ["a1_case.md"]}


def test_a_list_of_handouts_that_is_missing_is_named(tmp_path):
    keys = keys_folder(tmp_path, "")
    (keys / HANDOUTS).unlink()
    with pytest.raises(handin_service.CourseDataError) as raised:
        handin_service.read_handouts(keys)
    assert str(raised.value) == f"{keys / HANDOUTS}: cannot be read (FileNotFoundError)"
