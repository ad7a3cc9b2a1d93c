"""A real class hub: JupyterHub with its proxy (configurable-http-proxy) and the course's hand-in
service, from deploy/jupyterhub_config.py, on 127.0.0.1. Five students hand in (one through
JupyterLab in Chromium, clicking Hand in in lesson 03; the others by driving a kernel in their own
server through the hub), and the lecturer's projected dashboard shows every one within 10 s.
Negative tests: a student's token cannot hand in as another, read another's hand-in, or reach the
lecturer's view."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from browsing import SCREENSHOTS, free_port, run_all_cells

from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.hub]
STUDENTS = ["ava", "bram", "chloe", "daan", "emre"]
LECTURER = "lecturer"
STUDENT_PASSWORD = "class-pilot-" + secrets.token_hex(4)
LECTURER_PASSWORD = secrets.token_urlsafe(32)
DASHBOARD_SECONDS = 10  # the bound: a hand-in shows on the projected dashboard within this
BIN = Path(sys.executable).parent


@dataclass
class Hub:
    url: str
    handin_url: str
    admin_token: str
    process: subprocess.Popen
    log: Path

    def api(self, path: str, method: str = "GET", body: dict | None = None, token: str | None = None):
        return call(f"{self.url}/hub/api/{path}", method, body, token or self.admin_token)

    def token_for(self, user: str, scopes: list[str]) -> str:
        return self.api(f"users/{user}/tokens", "POST", {"scopes": scopes, "expires_in": 3600})["token"]

    def start_server(self, user: str) -> None:
        self.api(f"users/{user}/server", "POST")
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            server = self.api(f"users/{user}")["servers"].get("", {})
            if server.get("ready"):
                return
            time.sleep(0.3)
        raise AssertionError(f"the server of {user} did not start in 90 s; see {self.log}")


def call(url: str, method: str = "GET", body: dict | bytes | None = None, token: str | None = None):
    """One JSON request; returns the decoded answer, or (status, error text) for an HTTP error."""
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if token:
        request.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hub")
    admin_token = secrets.token_hex(24)
    config = folder / "test_config.py"
    config.write_text(
        f"load_subconfig({str(ROOT / 'deploy' / 'jupyterhub_config.py')!r})\n"
        "# the test's own admin service: creates the class's accounts and starts their servers\n"
        f"c.JupyterHub.services.append({{'name': 'class-admin', 'api_token': {admin_token!r}}})\n"
        "c.JupyterHub.load_roles.append({'name': 'class-admin', 'services': ['class-admin'],"
        " 'scopes': ['admin:users', 'admin:servers', 'tokens', 'list:users']})\n"
        "# the browser test drives JupyterLab through its application object, as tests/test_browser_lab.py does\n"
        "c.Spawner.args.append('--LabApp.expose_app_in_browser=True')\n",
        encoding="utf-8",
    )
    port, handin_port = free_port(), free_port()
    environment = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "COURSE_HUB_STATE": str(folder / "state"),
        "COURSE_HUB_PORT": str(port),
        "COURSE_HUB_INTERNAL_PORT": str(free_port()),
        "COURSE_HUB_PROXY_API_PORT": str(free_port()),
        "COURSE_HANDIN_PORT": str(handin_port),
        "COURSE_LECTURERS": LECTURER,
        "COURSE_HUB_STUDENT_PASSWORD": STUDENT_PASSWORD,
        "COURSE_HUB_LECTURER_PASSWORD": LECTURER_PASSWORD,
    }
    environment.pop("COURSE_WORK_DIR", None)
    log = folder / "hub.log"
    with log.open("w") as stream:
        process = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(config)],
            cwd=folder,
            env=environment,
            stdout=stream,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    hub = Hub(f"http://127.0.0.1:{port}", f"http://127.0.0.1:{handin_port}/services/handin", admin_token, process, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = call(f"{hub.url}/hub/api/", token=admin_token)
            except urllib.error.URLError:  # not listening yet
                answer = None
            if isinstance(answer, dict) and "version" in answer:
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the hub did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        hub.api("users", "POST", {"usernames": [*STUDENTS, LECTURER]})
        yield hub
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """Stop the hub, its proxy, services and the students' servers; bounded, then by force."""
    process.send_signal(signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def run_in_kernel(hub: Hub, user: str, code: str) -> str:
    """Run ``code`` in a new kernel of ``user``'s own server (through the hub's proxy, with the
    user's token) and return what it printed; the kernel is shut down afterwards."""
    from websocket import create_connection

    token = hub.token_for(user, [f"access:servers!user={user}"])
    base = f"{hub.url}/user/{user}"
    kernel = call(f"{base}/api/kernels", "POST", {"name": "python3", "path": "notebooks"}, token)
    assert isinstance(kernel, dict), kernel
    socket = create_connection(
        f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel['id']}/channels",
        header=[f"Authorization: token {token}"],
        timeout=60,
    )
    try:
        message_id = uuid.uuid4().hex
        socket.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": message_id,
                        "msg_type": "execute_request",
                        "username": user,
                        "session": uuid.uuid4().hex,
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "channel": "shell",
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": False,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                }
            )
        )
        printed, deadline = [], time.monotonic() + 90
        while time.monotonic() < deadline:
            raw = socket.recv()
            if isinstance(raw, bytes):  # a message with binary buffers: widget state, not ours
                continue
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != message_id:
                continue
            kind = message["msg_type"]
            if kind == "stream":
                printed.append(message["content"]["text"])
            elif kind == "error":
                raise AssertionError("\n".join(message["content"]["traceback"]))
            elif kind == "status" and message["content"]["execution_state"] == "idle":  # all output is in
                return "".join(printed)
        raise AssertionError(f"the kernel of {user} did not answer in 90 s")
    finally:
        socket.close()
        call(f"{base}/api/kernels/{kernel['id']}", "DELETE", token=token)


HAND_IN_CODE = """
from helpers import widgets
app = widgets.ward_scorer("addiction")
for number, slider in enumerate(app.function_sliders.values()):
    slider.value = (number + {offset}) % 5
app.commit.click()
app.save_box.pseudonym.value = "{pseudonym}"
app.save_box.hand_in_button.click()
print(app.save_box.status.value)
"""


def log_in(browser, hub: Hub, user: str, password: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{hub.url}/hub/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(f"{hub.url}/user/{user}/**", timeout=90_000)
    return page


def test_the_class_hands_in_and_the_projected_dashboard_fills_up(hub, browser):
    for user in [*STUDENTS, LECTURER]:
        hub.start_server(user)
    lecturer = log_in(browser, hub, LECTURER, LECTURER_PASSWORD)
    lecturer.set_viewport_size({"width": 1280, "height": 720})
    lecturer.goto(f"{hub.url}/user/{LECTURER}/voila/render/notebooks/lecturer/class_dashboard.ipynb")
    lecturer.wait_for_selector("text=0 of 5 students handed in", timeout=90_000)
    dashboard = lecturer.locator(".course-app").first
    dashboard.screenshot(path=str(SCREENSHOTS / "hub_dashboard_0_of_5.png"))

    # the first student: JupyterLab in Chromium through the hub, lesson 03, the Hand in button
    student = log_in(browser, hub, STUDENTS[0], STUDENT_PASSWORD)
    student.goto(f"{hub.url}/user/{STUDENTS[0]}/lab/tree/notebooks/03_scoring_a_ward.ipynb")
    notebook = json.loads((ROOT / "notebooks" / "03_scoring_a_ward.ipynb").read_text(encoding="utf-8"))
    run_all_cells(student, sum(c["cell_type"] == "code" for c in notebook["cells"]))
    save_box = student.locator(".widget-hbox", has=student.locator("button", has_text="Hand in")).first
    save_box.locator("input").first.fill("Blue-Heron")
    save_box.locator("button", has_text="Hand in").click()
    student.wait_for_selector("text=Handed in as Blue-Heron", timeout=30_000)
    student.screenshot(path=str(SCREENSHOTS / "hub_student_handed_in.png"))
    handed_in = time.monotonic()
    lecturer.wait_for_selector("text=1 of 5 students handed in", timeout=DASHBOARD_SECONDS * 1000)
    first_seconds = time.monotonic() - handed_in

    # the others: their own kernels, driven through the hub, the same widget code
    for number, user in enumerate(STUDENTS[1:], 1):
        printed = run_in_kernel(hub, user, HAND_IN_CODE.format(offset=number, pseudonym=f"Student-{number}"))
        assert f"Handed in as Student-{number}" in printed, printed
    last = time.monotonic()
    lecturer.wait_for_selector("text=5 of 5 students handed in", timeout=DASHBOARD_SECONDS * 1000)
    all_seconds = time.monotonic() - last
    lecturer.wait_for_selector("text=Loaded the work of 5 students", timeout=DASHBOARD_SECONDS * 1000)
    text = lecturer.inner_text("body")
    for user in STUDENTS:
        assert user not in text.lower(), f"hub account {user} on the projected dashboard"
    dashboard.screenshot(path=str(SCREENSHOTS / "hub_dashboard_5_of_5.png"))
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
