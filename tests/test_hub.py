"""A real class hub: JupyterHub with its proxy (configurable-http-proxy) and the course's hand-in
service, from deploy/jupyterhub_config.py, on 127.0.0.1. Three students of a class of five hand in
(one through JupyterLab in Chromium, clicking Hand in in lesson 03; the others by driving a kernel in
their own server through the hub), and the lecturer's projected dashboard shows every one within 10 s.
Negative tests: a student's token cannot hand in as another, read another's hand-in, or reach the
lecturer's view."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from browsing import SCREENSHOTS, code_cells, run_all_cells
from hubs import HAND_IN_CODE, LECTURER_PASSWORD, STUDENT_PASSWORD, call, class_hub, log_in, run_in_kernel
from screens import whole_screenshot

from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.hub]
STUDENTS = ["ava", "bram", "chloe", "daan", "emre"]
HANDING_IN = STUDENTS[:3]  # each needs a server of its own (seconds of CPU): the rest of the class need none
LECTURER = "lecturer"
DASHBOARD_SECONDS = 10  # the bound: a hand-in shows on the projected dashboard within this


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    with class_hub(tmp_path_factory.mktemp("hub"), STUDENTS, [LECTURER]) as running:
        yield running


# The hub passes a student's server only the environment its configuration names (env_keep), so this
# shows what deploy/jupyterhub_config.py gives every student's kernel.
PRINT_BLAS_THREADS = "\nimport os; print('BLAS threads', os.environ.get('OPENBLAS_NUM_THREADS'))"


def test_the_class_hands_in_and_the_projected_dashboard_fills_up(hub, browser):
    hub.start_servers([*HANDING_IN, LECTURER])
    lecturer = log_in(browser, hub, LECTURER, LECTURER_PASSWORD)
    lecturer.set_viewport_size({"width": 1280, "height": 720})
    lecturer.goto(f"{hub.url}/user/{LECTURER}/voila/render/notebooks/lecturer/class_dashboard.ipynb")
    lecturer.wait_for_selector("text=0 of 5 students handed in", timeout=90_000)
    dashboard = lecturer.locator(".course-app").first
    whole_screenshot(lecturer, dashboard, SCREENSHOTS / "hub_dashboard_0_of_5.png")

    # the first student: JupyterLab in Chromium through the hub, lesson 03, the Hand in button
    student = log_in(browser, hub, STUDENTS[0], STUDENT_PASSWORD)
    student.goto(f"{hub.url}/user/{STUDENTS[0]}/lab/tree/notebooks/03_scoring_a_ward.ipynb")
    run_all_cells(student, code_cells(ROOT / "notebooks" / "03_scoring_a_ward.ipynb"))
    save_box = student.locator(".widget-hbox", has=student.locator("button", has_text="Hand in")).first
    save_box.locator("input").first.fill("Blue-Heron")
    save_box.locator("button", has_text="Hand in").click()
    student.wait_for_selector("text=Handed in as Blue-Heron", timeout=30_000)
    student.screenshot(path=str(SCREENSHOTS / "hub_student_handed_in.png"))
    handed_in = time.monotonic()
    lecturer.wait_for_selector("text=1 of 5 students handed in", timeout=DASHBOARD_SECONDS * 1000)
    first_seconds = time.monotonic() - handed_in

    # the others: their own kernels, driven through the hub, the same widget code
    for number, user in enumerate(HANDING_IN[1:], 1):
        code = HAND_IN_CODE.format(offset=number, pseudonym=f"Student-{number}") + PRINT_BLAS_THREADS
        printed = run_in_kernel(hub, user, code)
        assert f"Handed in as Student-{number}" in printed, printed
        assert "BLAS threads 1" in printed, "one numerical thread per student's kernel (deploy/jupyterhub_config.py)"
    last = time.monotonic()
    lecturer.wait_for_selector("text=3 of 5 students handed in", timeout=DASHBOARD_SECONDS * 1000)
    all_seconds = time.monotonic() - last
    lecturer.wait_for_selector("text=Loaded the work of 3 students", timeout=DASHBOARD_SECONDS * 1000)
    text = lecturer.inner_text("body")
    for user in STUDENTS:
        assert user not in text.lower(), f"hub account {user} on the projected dashboard"
    whole_screenshot(lecturer, dashboard, SCREENSHOTS / "hub_dashboard_3_of_5.png")
    print(f"hand-in to dashboard: first {first_seconds:.1f} s, last {all_seconds:.1f} s")

    # the mapping to hub accounts only when the lecturer asks for it
    lecturer.locator("button", has_text="Show hub accounts").click()
    lecturer.wait_for_selector(f"td:text-is('{STUDENTS[0]}')", timeout=10_000)
    lecturer.locator("button", has_text="Hide hub accounts").click()
    lecturer.wait_for_selector(f"td:text-is('{STUDENTS[0]}')", state="detached", timeout=10_000)

    # a student hands in again: the newest counts, the first is kept
    run_in_kernel(hub, STUDENTS[1], HAND_IN_CODE.format(offset=3, pseudonym="Student-1"))
    versions = list((Path(hub.log).parent / "state" / "handins" / STUDENTS[1]).glob("*.json"))
    assert len(versions) == 2
    for page in (student, lecturer):
        page.close()


def student_file(pseudonym: str) -> bytes:
    return json.dumps(
        {
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
                }
            ],
        }
    ).encode()


def test_a_students_token_cannot_hand_in_as_another_read_anothers_or_reach_the_lecturers_view(hub):
    own, other = STUDENTS[3], STUDENTS[4]
    token = hub.token_for(own, ["access:services!service=handin"])
    store = hub.handin_url + "/api"
    assert call(f"{store}/handins", "POST", student_file("Owl-Three"), token)["pseudonym"] == "Owl-Three"
    # the account is the token's: there is no way to name another, and another's pseudonym is refused
    other_token = hub.token_for(other, ["access:services!service=handin"])
    call(f"{store}/handins", "POST", student_file("Fox-Four"), other_token)
    status, reason = call(f"{store}/handins", "POST", student_file("Fox-Four"), token)
    assert status == 409 and "taken" in reason
    mine = call(f"{store}/handins/mine", token=token)
    assert mine["pseudonym"] == "Owl-Three", "the refused hand-in changed nothing"
    # another's hand-in and the lecturer's views are closed to a student
    for path in ("handins", "status", "accounts"):
        status, reason = call(f"{store}/{path}", token=token)
        assert status == 403 and "lecturers" in reason, path
    # no token, a made-up token, or a token without the store's scope: no access at all
    assert call(f"{store}/handins/mine")[0] == 403
    assert call(f"{store}/handins/mine", token="not-a-token")[0] == 403
    assert (
        call(f"{store}/handins", "POST", student_file("Owl-Three"), hub.token_for(own, ["read:users:name!user"]))[0]
        == 403
    )
    # a file that is not a course file is refused with the reason, and stored nowhere
    status, reason = call(f"{store}/handins", "POST", b'{"format": "something else"}', token)
    assert status == 400 and "not a course file" in reason
    lecturer_token = hub.token_for(LECTURER, ["access:services!service=handin", "custom:handin:read-all"])
    accounts = call(f"{store}/accounts", token=lecturer_token)["accounts"]
    assert accounts["Owl-Three"] == own and accounts["Fox-Four"] == other
