"""Handing in on the class hub, without a hub: the kernel's client (helpers/handin.py) and the save
box's Hand in button against a stand-in store. tests/test_hub.py runs the real hub."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from helpers import apps_class, handin, set_language
from helpers.savebox import SaveBox
from helpers.student_work import FORMAT, read_student_file
from helpers.vocabulary import WARD_ITEMS


@pytest.fixture
def hub_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_WORK_DIR", str(tmp_path / "my_work"))
    monkeypatch.setenv(handin.HANDIN_ENV, "http://127.0.0.1:9/services/handin/")
    monkeypatch.setenv(handin.TOKEN_ENV, "token-of-this-student")
    set_language("en")
    yield tmp_path
    set_language("en")


def save_box() -> SaveBox:
    return SaveBox(
        collect=lambda: [("ward", "addiction", {"scores": {"doelverwerving": 2}})],
        restore=lambda kind, scoring: None,
        current=lambda: [("ward", "addiction")],
    )


def test_hand_in_is_offered_only_on_the_class_hub(hub_environment, monkeypatch):
    assert handin.on_hub() and hasattr(save_box(), "hand_in_button")
    monkeypatch.delenv(handin.TOKEN_ENV)
    assert not handin.on_hub() and not hasattr(save_box(), "hand_in_button")


def test_hand_in_saves_first_then_sends_the_students_own_file(hub_environment, monkeypatch):
    sent = []
    monkeypatch.setattr(handin, "hand_in", lambda path: sent.append(path) or {"versions": 2})
    box = save_box()
    box.pseudonym.value = "Blue-Heron"
    box.hand_in()
    assert read_student_file(sent[0]).pseudonym == "Blue-Heron"
    assert "Handed in as Blue-Heron" in box.status.value and "hand-in 2" in box.status.value
    assert "course-good" in box.status.value


@pytest.mark.parametrize(
    "error, shown",
    [
        (handin.HandInError(409, "pseudonym Blue-Heron is taken"), "Another student already handed in as Blue-Heron"),
        (
            handin.HandInError(0, "the hand-in store does not answer"),
            "Not handed in: the hand-in store does not answer",
        ),
    ],
)
def test_a_refused_or_failed_hand_in_says_so_in_red_and_keeps_the_saved_work(
    hub_environment, monkeypatch, error, shown
):
    def refuse(path):
        raise error

    monkeypatch.setattr(handin, "hand_in", refuse)
    box = save_box()
    box.pseudonym.value = "Blue-Heron"
    box.hand_in()
    assert shown in box.status.value and "course-bad" in box.status.value
    assert (hub_environment / "my_work" / "Blue-Heron.json").exists(), "the work stays saved on the student's drive"


def test_a_hand_in_in_dutch(hub_environment, monkeypatch):
    set_language("nl")
    monkeypatch.setattr(handin, "hand_in", lambda path: {"versions": 1})
    box = save_box()
    assert box.hand_in_button.description == "Inleveren"
    box.pseudonym.value = "Blauwe-Reiger"
    box.hand_in()
    assert "Ingeleverd als Blauwe-Reiger" in box.status.value


def test_the_class_folder_holds_exactly_the_newest_hand_ins(hub_environment, monkeypatch):
    folder = hub_environment / "class_live"
    folder.mkdir()
    (folder / "Gone-Student.json").write_text("{}", encoding="utf-8")
    answer = {"version": 7, "students": 28, "files": {"Blue-Heron": {"pseudonym": "Blue-Heron", "scorings": []}}}
    monkeypatch.setattr(handin, "_request", lambda path, body=None: answer)
    assert handin.fetch_class(folder) == {"version": 7, "students": 28}
    assert sorted(p.name for p in folder.iterdir()) == ["Blue-Heron.json"]
    assert json.loads((folder / "Blue-Heron.json").read_text(encoding="utf-8"))["pseudonym"] == "Blue-Heron"


def test_a_store_that_does_not_answer_is_a_clear_error(hub_environment):
    with pytest.raises(handin.HandInError) as raised:
        handin.class_status()  # port 9 (discard) on 127.0.0.1: nothing listens
    assert raised.value.status == 0 and "does not answer" in raised.value.reason


def test_the_live_dashboard_follows_the_ward_the_class_scores_until_the_lecturer_picks_one(hub_environment):
    from types import SimpleNamespace

    from helpers.apps_class import LiveHandIns
    from helpers.widgets import class_dashboard

    dashboard = class_dashboard()  # the demo class: several wards scored
    counts = dashboard.work.ward_scores.groupby("ward_id")["pseudonym"].nunique()
    live = SimpleNamespace(dashboard=dashboard, followed=dashboard.ward.value)
    LiveHandIns.follow_the_class(live)
    assert dashboard.ward.value == counts.idxmax() == live.followed
    chosen = next(ward for ward in counts.index if ward != counts.idxmax())
    dashboard.ward.value = chosen  # the lecturer's own choice stays
    LiveHandIns.follow_the_class(live)
    assert dashboard.ward.value == chosen


class StandInStore:
    """The hand-in service as the lecturer's kernel sees it: a version, the class size and the newest files."""

    def __init__(self):
        self.version, self.files = 0, {}

    def hand_in(self, pseudonym: str, wards: dict[str, dict[str, int]]) -> None:
        scorings = [
            {"kind": "ward", "item_id": ward, "saved_at": "2026-12-07T10:00:00+00:00", "course_version": "2.1.0"}
            | {"scores": scores}
            for ward, scores in wards.items()
        ]
        self.files[pseudonym] = {"format": FORMAT, "format_version": 4, "pseudonym": pseudonym, "scorings": scorings}
        self.version += 1

    def request(self, path: str, body: bytes | None = None) -> dict:
        status = {"version": self.version, "handed_in": len(self.files), "students": 30}
        return {"status": status, "handins": {**status, "files": self.files}}[path]


@pytest.fixture
def live_dashboard(hub_environment, monkeypatch):
    """The lecturer's dashboard on the hub against a stand-in store; its event loop never runs, so each
    ``tick()`` is one poll."""
    from helpers.widgets import class_dashboard

    store = StandInStore()
    monkeypatch.setattr(handin, "_request", store.request)
    dashboard = class_dashboard()
    yield dashboard, store
    dashboard.live.polling.cancel()


def test_the_live_dashboard_follows_the_ward_most_students_scored_as_hand_ins_arrive(live_dashboard):
    """The rule in LiveHandIns.follow_the_class, driven by the poll: the ward most students scored (students,
    not scores), until the lecturer picks a ward someone scored; a pick nobody scored is followed over."""
    dashboard, store = live_dashboard
    live, first = dashboard.live, dashboard.ward.value
    assert dashboard.path.value == str(live.folder) and "0 of 30" in live.count.value
    store.hand_in("Blue-Heron", {})  # handed in before scoring a ward: nothing to follow yet
    live.tick()
    assert dashboard.ward.value == first and "1 of 30" in live.count.value
    store.hand_in("Blue-Heron", {"long_stay_rehab": {"zingeving_staff": 2}})
    live.tick()
    assert dashboard.ward.value == "long_stay_rehab" != first
    assert "1 of 30" in live.count.value
    every_item = dict.fromkeys(WARD_ITEMS, 2)
    store.hand_in("Grey-Otter", {"forensic": {"grensbepaling": 1}})
    store.hand_in("Red-Fox", {"forensic": {"grensbepaling": 1}})
    store.hand_in("Blue-Heron", {"long_stay_rehab": every_item})  # more scores than forensic, one student
    live.tick()
    assert dashboard.ward.value == "forensic", "two students scored forensic, one the rehab ward"
    dashboard.ward.value = "adolescent"  # the lecturer picks a ward nobody scored: it shows nothing
    store.hand_in("Green-Finch", {"addiction": every_item})
    live.tick()
    assert dashboard.ward.value == "forensic"
    dashboard.ward.value = "addiction"  # the lecturer picks a ward the class scored: it stays
    store.hand_in("Gold-Lynx", {"forensic": every_item})
    live.tick()
    assert dashboard.ward.value == "addiction"
    handed_in = {"Blue-Heron", "Grey-Otter", "Red-Fox", "Green-Finch", "Gold-Lynx"}
    assert set(dashboard.work.ward_scores["pseudonym"]) == handed_in
    assert list(live.feedback.pseudonym.options) == sorted(handed_in), "feedback can be given to each"


def test_the_live_dashboard_redraws_only_when_the_store_changed_and_only_its_own_folder(live_dashboard, tmp_path):
    dashboard, store = live_dashboard
    live = dashboard.live
    store.hand_in("Blue-Heron", {"forensic": {"grensbepaling": 1}})
    live.tick()
    drawn = dashboard.work
    live.tick()  # the same version: nothing fetched, nothing redrawn
    assert dashboard.work is drawn and "1 of 30" in live.count.value
    dashboard.path.value = str(tmp_path / "elsewhere")  # the lecturer loads another class
    store.hand_in("Grey-Otter", {"addiction": {"grensbepaling": 1}})
    live.tick()
    assert not (live.folder / "Grey-Otter.json").exists() and "1 of 30" in live.count.value


def test_the_live_dashboard_says_in_red_when_the_store_does_not_answer_and_keeps_the_class_it_has(
    live_dashboard, monkeypatch
):
    import re

    dashboard, store = live_dashboard
    live = dashboard.live
    store.hand_in("Blue-Heron", {"forensic": {"grensbepaling": 1}})
    live.tick()
    updated = re.search(r"1 of 30 students handed in · updated (\d\d:\d\d:\d\d)$", live.count.value)
    assert updated

    def silent(path, body=None):
        raise handin.HandInError(0, "the hand-in store does not answer")

    monkeypatch.setattr(handin, "_request", silent)

    class Later(datetime):  # the failure comes later than the last answer
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 12, 7, 23, 59, 59, tzinfo=tz)

    monkeypatch.setattr(apps_class, "datetime", Later)
    shown = dashboard.work
    store.hand_in("Grey-Otter", {"addiction": {"grensbepaling": 1}})
    assert live.refresh() is False
    live.tick()
    assert dashboard.work is shown and "course-bad" in live.count.value
    # the hand-ins on screen are those of the last answer, not of the failure
    assert f"does not answer (the hand-in store does not answer); showing the hand-ins of {updated[1]}." in (
        live.count.value
    )
    monkeypatch.setattr(handin, "_request", store.request)  # it answers again: the hand-in missed comes in
    live.tick()
    assert "2 of 30" in live.count.value and "Grey-Otter" in set(dashboard.work.ward_scores["pseudonym"])
    assert live.count.value.endswith("updated 23:59:59")


def test_the_live_dashboard_says_when_the_store_never_answered(live_dashboard, monkeypatch):
    dashboard, _ = live_dashboard
    fresh = type(dashboard.live)(dashboard)

    def silent(path, body=None):
        raise handin.HandInError(0, "the hand-in store does not answer")

    monkeypatch.setattr(handin, "_request", silent)
    assert fresh.refresh() is False
    assert "no hand-ins fetched yet" in fresh.count.value and "course-error" in fresh.count.value


@pytest.fixture
def amsterdam(monkeypatch):
    """The machine's clock on Europe/Amsterdam, as on a Dutch laptop (UTC+1 in December)."""
    import time

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_every_time_a_student_sees_is_local_while_the_file_keeps_utc(hub_environment, amsterdam, monkeypatch):
    """Issue 28: Load said "saved on … 17:32" (the file's UTC) while Hand in said 18:32 (local)."""
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from helpers.student_work import save_scoring

    path = save_scoring(
        "Blue-Heron", "ward", "addiction", scores={"doelverwerving": 2}, now=datetime(2026, 12, 6, 17, 32, tzinfo=UTC)
    )
    assert read_student_file(path).scorings[-1]["saved_at"] == "2026-12-06T17:32:00+00:00", "files keep UTC"
    box = save_box()
    box.pseudonym.value = "Blue-Heron"
    assert "2026-12-06 18:32" in box.status.value and "17:32" not in box.status.value, "the offer shows local time"
    box.load()
    assert "2026-12-06 18:32" in box.status.value and "17:32" not in box.status.value, "Load shows local time"
    monkeypatch.setattr(handin, "hand_in", lambda path: {"versions": 1})
    box.hand_in()
    now = datetime.now(ZoneInfo("Europe/Amsterdam"))
    local = {now.strftime("%H:%M"), (now - timedelta(minutes=1)).strftime("%H:%M")}  # the minute may turn
    assert any(f"at {hhmm}" in box.status.value for hhmm in local), f"Hand in shows local time: {box.status.value}"


def test_the_live_dashboard_of_a_class_that_has_not_handed_in_says_so_not_that_a_folder_failed(
    hub_environment, monkeypatch
):
    """Issue 28: on the hub the empty live dashboard opened with an orange 'could not be used: class_live'."""
    from helpers.widgets import class_dashboard

    monkeypatch.setattr(handin, "class_status", lambda: {"version": 1, "handed_in": 0, "students": 25})
    monkeypatch.setattr(handin, "fetch_class", lambda folder: folder.mkdir(parents=True, exist_ok=True))
    dashboard = class_dashboard()
    assert dashboard.live is not None and dashboard.path.value.endswith("class_live")
    assert "No hand-ins yet" in dashboard.report.value
    assert "course-bad" not in dashboard.report.value and "class_live" not in dashboard.report.value
    assert "0 of 25 students handed in" in dashboard.live.count.value
    dashboard.live.polling.cancel()
