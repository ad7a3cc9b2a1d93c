"""The class roster and its login codes (deploy/course_hub.py, deploy/roster.py): a lecturer's CSV as
Excel writes it, one spelling per account, codes kept only as salted hashes, and the authenticator
that admits the roster's accounts with their own code and no other. tests/test_hub.py logs in for real."""

from __future__ import annotations

import asyncio
import json
import re
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from helpers.decoding import CourseDataError
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "deploy"))
from course_hub import (  # deploy/ is no package: found through the path above
    CourseSpawner,
    RosterAuthenticator,
    adopt_old_home,
    apply_roster,
    clean_notebook,
    code_matches,
    code_sheet,
    read_roster,
)


def excel_csv(path, rows: list[str], encoding: str = "cp1252"):
    """A roster as Excel saves "CSV (puntkomma)" in a Dutch locale: semicolons, Windows-1252, CRLF."""
    path.write_bytes(("\r\n".join(["account;role", *rows]) + "\r\n").encode(encoding))
    return path


def test_a_roster_from_excel_gives_one_spelling_per_account(tmp_path):
    roster = excel_csv(tmp_path / "klas.csv", [" Ben ;student", "S1234567;Student", "jdevries;lecturer"], "utf-8-sig")
    assert [(a.name, a.role) for a in read_roster(roster)] == [
        ("ben", "student"),
        ("s1234567", "student"),
        ("jdevries", "lecturer"),
    ]


@pytest.mark.parametrize(
    "rows, line, field, found",
    [
        (["ben;student", "BEN;student"], 3, "account", "BEN"),
        (["ben;student", "renée;student"], 3, "account", "renée"),
        (["ben;student", "a b;student"], 3, "account", "a b"),
        (["ben;docent"], 2, "role", "docent"),
    ],
    ids=["the same account twice", "a letter outside a-z", "a space", "an unknown role"],
)
def test_a_bad_roster_row_is_named_with_its_line_field_and_value(tmp_path, rows, line, field, found):
    with pytest.raises(CourseDataError) as error:
        read_roster(excel_csv(tmp_path / "klas.csv", rows))
    assert (error.value.line, error.value.field, error.value.found) == (line, field, found)
    assert error.value.allowed


def test_codes_are_shown_once_and_kept_only_as_salted_hashes(tmp_path):
    roster = excel_csv(tmp_path / "klas.csv", ["ben;student", "chloe;student", "jdevries;lecturer"])
    credentials = tmp_path / "state" / "credentials.json"
    first = apply_roster(roster, credentials)
    codes = first["codes"]
    assert set(codes) == {"ben", "chloe", "jdevries"} and len(set(codes.values())) == 3
    stored = json.loads(credentials.read_text(encoding="utf-8"))
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    for name, code in codes.items():
        assert code not in credentials.read_text(encoding="utf-8")
        assert code_matches(code, stored[name]) and code_matches(f"  {code.upper()} ", stored[name])
    assert not code_matches(codes["chloe"], stored["ben"])
    assert stored["jdevries"]["role"] == "lecturer"
    # run again: nobody gets a new code unless asked; an account taken off the roster is removed
    excel_csv(roster, ["ben;student", "jdevries;lecturer", "daan;student"])
    again = apply_roster(roster, credentials, renew=("Ben",))
    assert set(again["codes"]) == {"ben", "daan"} and again["removed"] == ["chloe"]
    stored_again = json.loads(credentials.read_text(encoding="utf-8"))
    assert not code_matches(codes["ben"], stored_again["ben"]) and code_matches(
        again["codes"]["ben"], stored_again["ben"]
    )
    assert code_matches(codes["jdevries"], stored_again["jdevries"])
    with pytest.raises(CourseDataError, match="does not list"):
        apply_roster(roster, credentials, renew=("chloe",))


def test_the_code_sheet_has_a_slip_per_new_account_in_both_languages(tmp_path):
    sheet = code_sheet(
        {"ben": "abcd-efgh-jkmn", "<x>": "2345-6789-abcd"},
        {"ben": "student", "<x>": "student"},
        "http://127.0.0.1:8000/",
    )
    assert sheet.count("class='slip'") == 2 and "abcd-efgh-jkmn" in sheet
    assert "Log in at http://127.0.0.1:8000/" in sheet and "Log in op http://127.0.0.1:8000/" in sheet
    assert "<x>" not in sheet and "&lt;x&gt;" in sheet


def test_the_authenticator_admits_the_roster_with_each_accounts_own_code(tmp_path):
    roster = excel_csv(tmp_path / "klas.csv", ["ben;student", "chloe;student"])
    credentials = tmp_path / "credentials.json"
    codes = apply_roster(roster, credentials)["codes"]
    authenticator = RosterAuthenticator(credentials_file=str(credentials))

    def log_in(name: str, code: str):
        # in a thread of its own: a test before this one on the same worker may leave an event loop running
        login = authenticator.get_authenticated_user(None, {"username": name, "password": code})
        with ThreadPoolExecutor(max_workers=1) as thread:
            return thread.submit(asyncio.run, login).result()

    for spelling in ("ben", "Ben", " ben", "BEN "):
        assert log_in(spelling, codes["ben"])["name"] == "ben"
    assert log_in("ben", codes["chloe"]) is None, "a classmate's code opens nobody else's account"
    assert log_in("ben", "") is None
    assert log_in("daan", codes["ben"]) is None, "a name not on the roster"


def run_roster(roster, state) -> subprocess.CompletedProcess:
    """``course.py roster`` as the hub's ``.venv`` runs it (deploy/roster.py), with its state in ``state``."""
    return subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "roster.py"), str(roster)],
        env={"COURSE_HUB_STATE": str(state), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_roster_command_writes_a_private_sheet_and_refuses_a_bad_roster(tmp_path):
    roster = excel_csv(tmp_path / "klas.csv", ["ben;student", "jdevries;lecturer"])
    made = run_roster(roster, tmp_path / "state")
    assert made.returncode == 0, made.stderr
    sheet = next((tmp_path / "state").glob("login-codes-*.html"))
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600 and str(sheet) in made.stdout
    assert "2 new login codes" in made.stdout and "jdevries" in sheet.read_text(encoding="utf-8")
    excel_csv(roster, ["ben;student", "ben;lecturer"])
    bad = run_roster(roster, tmp_path / "state")
    assert bad.returncode == 2 and "line 3" in bad.stderr and "'account'" in bad.stderr


def test_a_students_lesson_copy_starts_clean(tmp_path):
    lesson = ROOT / "notebooks" / "03_scoring_a_ward.ipynb"
    saved = json.loads(lesson.read_text(encoding="utf-8"))
    saved["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    code = next(cell for cell in saved["cells"] if cell["cell_type"] == "code")
    code["outputs"] = [{"output_type": "display_data", "data": {"text/plain": "x"}, "metadata": {}}]
    code["execution_count"] = 7
    (tmp_path / "saved.ipynb").write_text(json.dumps(saved), encoding="utf-8")
    clean = json.loads(clean_notebook(tmp_path / "saved.ipynb"))
    assert "widgets" not in clean["metadata"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in clean["cells"] if c["cell_type"] == "code")


def test_every_account_makes_a_valid_system_user_name():
    """A roster account keeps its name; an institution's long opaque id (LTI's "sub") is hashed into one."""
    short = CourseSpawner(user=SimpleNamespace(name="s1234567", url="/"), homes="/srv/homes")
    assert short.system_user == "course-s1234567" and str(short.home) == "/srv/homes/s1234567"
    opaque = CourseSpawner(user=SimpleNamespace(name="a3f1c2d4-5b6e-7f80-9a1b-2c3d4e5f6a7b@lms", url="/"))
    assert re.fullmatch(r"course-u[0-9a-f]{16}", opaque.system_user) and len(opaque.system_user) <= 32


def test_a_students_folder_from_the_older_hub_moves_into_the_new_home_once(tmp_path):
    old, home = tmp_path / "users" / "ben", tmp_path / "homes" / "ben"
    (old / "my_work").mkdir(parents=True)
    (old / "my_work" / "Blue-Heron.json").write_text("old work", encoding="utf-8")
    (old / "notebooks").mkdir()
    (old / "notebooks" / "03_scoring_a_ward.ipynb").write_text("edited lesson", encoding="utf-8")
    (home / "notebooks").mkdir(parents=True)
    (home / "notebooks" / "03_scoring_a_ward.ipynb").write_text("new copy", encoding="utf-8")
    adopt_old_home(old, home, 4321, 4321)
    assert (home / "my_work" / "Blue-Heron.json").read_text(encoding="utf-8") == "old work"
    assert (home / "notebooks" / "03_scoring_a_ward.ipynb").read_text(encoding="utf-8") == "new copy"
    assert (home / "my_work" / "Blue-Heron.json").stat().st_uid == 4321
    assert not old.exists() and (tmp_path / "users" / "ben.moved").is_dir()
