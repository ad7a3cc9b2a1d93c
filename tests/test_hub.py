"""A real class hub: JupyterHub with its proxy (configurable-http-proxy) and the course's hand-in
service, from deploy/jupyterhub_config.py, on 127.0.0.1, every account a real system user. Three
students of a class of five hand in (one through JupyterLab in Chromium, clicking Hand in in lesson
03; the others by driving a kernel in their own server through the hub) while a fourth student's
kernel runs a memory bomb, a fork loop, a file that grows without end and files that fill the home
(a disk of its own); the lecturer's projected dashboard shows every hand-in within 10 s.

Then as an attacker: real code in a student's own kernel tries to read and write another student's
home, the hand-in store, the hub's database, cookie secret and codes, the lecturer's folder and other
processes' environments; a student logs in with their own code under a classmate's name; a token
hands in as another or reads the lecturer's view; a file forged on disk; a hand-in too large, too
frequent, or in Windows-1252. Last, Ctrl-C stops the hub in seconds and a restart keeps everything."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import pwd
import re
import sysconfig
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import psutil
import pytest
from browsing import SCREENSHOTS, code_cells, run_all_cells
from hubs import HAND_IN_CODE, call, class_hub, log_in, restart, run_in_kernel
from screens import whole_screenshot

from tests.conftest import ROOT
from tests.test_handin_store import encoded
from tests.test_handin_store import student_file as course_file

pytestmark = [pytest.mark.browser, pytest.mark.hub]
STUDENTS = ["ava", "bram", "chloe", "daan", "emre"]
HANDING_IN = STUDENTS[:3]  # each needs a server of its own (seconds of CPU): the rest of the class need none
RUNAWAY = STUDENTS[4]  # the student whose cells misbehave
LECTURER = "lecturer"
DASHBOARD_SECONDS = 10  # the bound: a hand-in shows on the projected dashboard within this
# small limits, so that the runaway cells reach them quickly (the defaults are in jupyterhub_config.py)
LIMITS = {
    "COURSE_HUB_MEMORY_MB": "1500",
    "COURSE_HUB_PROCESSES": "200",
    "COURSE_HUB_FILE_MB": "50",
    "COURSE_HUB_HOME_MB": "200",
}


@pytest.fixture(scope="module")
def hub():
    with class_hub(STUDENTS, [LECTURER], LIMITS) as running:
        yield running


# The hub passes a student's server only the environment its configuration names (env_keep), so this
# shows what deploy/jupyterhub_config.py gives every student's kernel.
PRINT_BLAS_THREADS = "\nimport os; print('BLAS threads', os.environ.get('OPENBLAS_NUM_THREADS'))"

RUNAWAY_CELLS = """
import os, time
hoard = []
try:
    while True:
        hoard.append(bytearray(100 * 2**20))
except MemoryError:
    print("memory bomb:", type(MemoryError()).__name__, "after", len(hoard) * 100, "MB")
del hoard
children = []
try:
    while True:
        pid = os.fork()
        if pid == 0:
            time.sleep(20)
            os._exit(0)
        children.append(pid)
except OSError as error:
    print("fork loop stopped after", len(children), "processes:", error.strerror)
for pid in children:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
try:
    with open("filler.bin", "wb") as filler:
        while True:
            filler.write(bytes(10 * 2**20))
except OSError as error:
    print("filler stopped at", os.path.getsize("filler.bin") // 2**20, "MB:", error.strerror)
home = os.path.expanduser("~")
fillers = []
try:
    while True:
        fillers.append(os.path.join(home, f"filler{len(fillers)}.bin"))
        with open(fillers[-1], "wb") as filler:
            filler.write(bytes(20 * 2**20))
except OSError as error:
    print("the home filled up after", len(fillers), "files:", error.strerror)
for path in ["filler.bin", *fillers]:
    if os.path.exists(path):
        os.remove(path)
"""


def test_the_class_hands_in_and_the_projected_dashboard_fills_up_while_one_student_runs_wild(hub, browser):
    hub.start_servers([*HANDING_IN, RUNAWAY, LECTURER])
    lecturer = log_in(browser, hub, LECTURER)
    lecturer.set_viewport_size({"width": 1280, "height": 720})
    lecturer.goto(f"{hub.url}/user/{LECTURER}/voila/render/notebooks/lecturer/class_dashboard.ipynb")
    lecturer.wait_for_selector("text=0 of 5 students handed in", timeout=90_000)
    dashboard = lecturer.locator(".course-app").first
    whole_screenshot(lecturer, dashboard, SCREENSHOTS / "hub_dashboard_0_of_5.png")

    # the first student: JupyterLab in Chromium through the hub, lesson 03, the Hand in button
    student = log_in(browser, hub, STUDENTS[0])
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

    # one student's cells run wild in their own kernel while the others hand in
    runaway: dict[str, str] = {}
    wild = threading.Thread(target=lambda: runaway.update(printed=run_in_kernel(hub, RUNAWAY, RUNAWAY_CELLS)))
    wild.start()
    time.sleep(1)
    for number, user in enumerate(HANDING_IN[1:], 1):
        code = HAND_IN_CODE.format(offset=number, pseudonym=f"Student-{number}") + PRINT_BLAS_THREADS
        printed = run_in_kernel(hub, user, code)
        assert f"Handed in as Student-{number}" in printed, printed
        assert "BLAS threads 1" in printed, "one numerical thread per student's kernel (deploy/jupyterhub_config.py)"
    last = time.monotonic()
    lecturer.wait_for_selector("text=3 of 5 students handed in", timeout=DASHBOARD_SECONDS * 1000)
    all_seconds = time.monotonic() - last
    lecturer.wait_for_selector("text=Loaded the work of 3 students", timeout=DASHBOARD_SECONDS * 1000)
    wild.join(timeout=120)
    printed = runaway.get("printed", "")
    assert "memory bomb: MemoryError" in printed, printed
    forks = re.search(r"fork loop stopped after (\d+) processes: Resource temporarily unavailable", printed)
    assert forks and int(forks.group(1)) < 200, printed
    assert "filler stopped at 50 MB: File too large" in printed, printed
    assert re.search(r"the home filled up after \d+ files: No space left on device", printed), printed
    text = lecturer.inner_text("body")
    for user in STUDENTS:
        assert user not in text.lower(), f"hub account {user} on the projected dashboard"
    whole_screenshot(lecturer, dashboard, SCREENSHOTS / "hub_dashboard_3_of_5.png")
    print(f"hand-in to dashboard: first {first_seconds:.1f} s, last {all_seconds:.1f} s (a runaway kernel beside)")

    # the mapping to hub accounts only when the lecturer asks for it
    lecturer.locator("button", has_text="Show hub accounts").click()
    lecturer.wait_for_selector(f"td:text-is('{STUDENTS[0]}')", timeout=10_000)
    lecturer.locator("button", has_text="Hide hub accounts").click()
    lecturer.wait_for_selector(f"td:text-is('{STUDENTS[0]}')", state="detached", timeout=10_000)

    # a student hands in again: the newest counts, the first is kept
    run_in_kernel(hub, STUDENTS[1], HAND_IN_CODE.format(offset=3, pseudonym="Student-1"))
    assert len(list((hub.state / "handins" / STUDENTS[1]).glob("*.json"))) == 2

    # the lecturer releases assignment A1: its case (never its key) reaches the student's home and save box
    lecturer.get_by_text("Release an assignment", exact=True).click()
    release = lecturer.locator(".widget-vbox", has=lecturer.locator("button", has_text="Release to the class")).last
    release.get_by_label("Assignment").fill("a1")
    release.locator("button", has_text="Release to the class").click()
    lecturer.wait_for_selector("text=Released a1 to the class: a1_ward_case.md", timeout=10_000)
    whole_screenshot(lecturer, dashboard, SCREENSHOTS / "hub_dashboard_released.png")
    student.locator("button", has_text="Feedback from your lecturer").first.click()
    student.wait_for_selector("text=Assignments from your lecturer", timeout=10_000)
    assert "assignments/a1/a1_ward_case.md" in student.inner_text("body")
    handout = hub.state / "homes" / STUDENTS[0] / "assignments" / "a1" / "a1_ward_case.md"
    assert handout.read_bytes() == (ROOT / "lecturer" / "keys" / "a1_ward_case.md").read_bytes()
    assert handout.stat().st_uid == pwd.getpwnam(hub.user_prefix + STUDENTS[0]).pw_uid, "the student's own copy"
    assert sorted(p.name for p in handout.parent.parent.iterdir()) == ["a1"], "only what was released"

    # the lecturer's feedback on the assignment reaches the student in the lesson's save box
    lecturer.get_by_text("Feedback to a student", exact=True).click()
    form = lecturer.locator(".widget-vbox", has=lecturer.locator("button", has_text="Send feedback")).last
    form.locator("select").select_option("Blue-Heron")
    form.get_by_label("Lesson or assignment").fill("a1")
    form.locator("textarea").fill("Sterke redenering bij grensbepaling; kijk nog eens naar structurering.")
    form.get_by_label("Points").fill("8")
    form.get_by_label("Out of").fill("10")
    form.locator("button", has_text="Send feedback").click()
    lecturer.wait_for_selector("text=Sent: Blue-Heron reads it", timeout=10_000)
    student.locator("button", has_text="Feedback from your lecturer").first.click()
    student.wait_for_selector("text=kijk nog eens naar structurering", timeout=10_000)
    assert "Assignment a1 · 8 of 10 points" in student.inner_text("body")
    student.screenshot(path=str(SCREENSHOTS / "hub_student_feedback.png"))
    assert student.get_by_text("get notified about official Jupyter news").count() == 0, "JupyterLab's news prompt"

    # and the results go to the LMS: a mapping the lecturer keeps in their own folder, Canvas's import file
    lecturer_work = hub.state / "homes" / LECTURER / "my_work"
    mapping = lecturer_work / "koppeling.csv"
    mapping.write_bytes("student;lms_id;name\r\nBlue-Heron;s1234567;Ava Jansen\r\n".encode("cp1252"))
    owner = lecturer_work.stat()
    os.chown(mapping, owner.st_uid, owner.st_gid)
    lecturer.get_by_text("Grades and completion for the LMS", exact=True).click()
    export = lecturer.locator(".widget-vbox", has=lecturer.locator("button", has_text="Write the import file")).last
    export.locator("input[type=text]").fill(str(mapping))
    export.locator("select").select_option("canvas")
    export.locator("button", has_text="Write the import file").click()
    lecturer.wait_for_selector("text=Written for 1 student:", timeout=10_000)
    assert "Not in the mapping, so not in the file: Student-1, Student-2" in lecturer.inner_text("body")
    whole_screenshot(lecturer, dashboard, SCREENSHOTS / "hub_dashboard_feedback_and_grades.png")
    canvas = (lecturer_work / "grades_canvas.csv").read_text(encoding="utf-8").splitlines()
    assert canvas[0] == "Student,ID,SIS User ID,SIS Login ID,Section,a1,lesson 03 completed"
    assert canvas[2] == "Ava Jansen,,s1234567,,,8,1"
    for page in (student, lecturer):
        page.close()


ATTACK = """
import json, os, pwd
results = {{"me": pwd.getpwuid(os.getuid()).pw_name, "uid": os.getuid()}}
def attempt(name, action):
    try:
        action()
        results[name] = "allowed"
    except PermissionError:
        results[name] = "denied"
    except FileNotFoundError:
        results[name] = "missing"
def write(path):
    with open(path, "w") as stream:
        stream.write("forged")
targets = {targets!r}
for name, path in targets["read"].items():
    attempt("read " + name, lambda path=path: open(path, "rb").read(1))
for name, path in targets["list"].items():
    attempt("list " + name, lambda path=path: os.listdir(path))
for name, path in targets["write"].items():
    attempt("write " + name, lambda path=path: write(path))
import urllib.error, urllib.request
for name, url in targets["web"].items():
    try:
        results["web " + name] = urllib.request.urlopen(url, timeout=10).status
    except urllib.error.HTTPError as error:
        results["web " + name] = error.code
results["lessons"] = sorted(os.listdir(os.path.expanduser("~/notebooks")))
listening = []  # TCP ports on which a classmate's processes listen (/proc/net/tcp: state 0A is LISTEN)
for line in open("/proc/net/tcp").read().splitlines()[1:] + open("/proc/net/tcp6").read().splitlines()[1:]:
    fields = line.split()
    if fields[3] == "0A" and int(fields[7]) == {classmate_uid}:
        listening.append(int(fields[1].rsplit(":", 1)[1], 16))
results["classmate listens on"] = sorted(listening)
import time, zmq  # subscribe to every port a classmate listens on, as to a kernel's output channel
context, heard = zmq.Context(), 0
subscribers = [context.socket(zmq.SUB) for _ in listening]
for subscriber, port in zip(subscribers, listening):
    subscriber.setsockopt(zmq.SUBSCRIBE, b"")
    subscriber.connect(f"tcp://127.0.0.1:{{port}}")
deadline = time.monotonic() + 4  # the classmate's kernel prints all this while
while time.monotonic() < deadline:
    for subscriber in subscribers:
        try:
            subscriber.recv(zmq.NOBLOCK)
            heard += 1
        except zmq.Again:
            pass
    time.sleep(0.05)
results["classmate's output heard"] = heard
exposed = set()  # the secrets a student's code finds in any process's command line
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        command_line = open(f"/proc/{{pid}}/cmdline", "rb").read().decode(errors="replace")
    except OSError:
        continue
    exposed |= {{secret for secret in {secrets!r} if secret in command_line}}
results["secrets in command lines"] = len(exposed)
print(json.dumps(results))
"""


def server_pid(hub, user: str) -> int:
    return hub.api(f"users/{user}")["servers"][""]["state"]["pid"]


def test_a_students_code_cannot_reach_anything_that_is_not_theirs(hub):
    """Real code in a real student's kernel, as an attacker would write it: every read, listing and write
    of what is not the student's own fails with a permission error."""
    me, classmate = STUDENTS[2], STUDENTS[0]
    hub.start_servers([me, classmate, LECTURER])
    homes, store = hub.state / "homes", hub.state / "handins"
    hub_family = psutil.Process(hub.process.pid).children(recursive=True)
    handin_pid = next(p.pid for p in hub_family if "handin_service.py" in " ".join(p.cmdline()))
    proxy_pid = next(p.pid for p in hub_family if "configurable-http-proxy" in " ".join(p.cmdline()))
    classmate_kernel = run_in_kernel(hub, classmate, "import os; print(os.getpid())", keep_kernel=True).strip()
    targets = {
        "read": {
            "a classmate's lesson": f"{homes / classmate}/notebooks/03_scoring_a_ward.ipynb",
            "the hub's database": f"{hub.state}/jupyterhub.sqlite",
            "the cookie secret": f"{hub.state}/jupyterhub_cookie_secret",
            "the login codes": f"{hub.state}/credentials.json",
            "the hub's environment": f"/proc/{hub.process.pid}/environ",
            "the store's environment": f"/proc/{handin_pid}/environ",
            "the proxy's environment": f"/proc/{proxy_pid}/environ",
            "a classmate's server's environment": f"/proc/{server_pid(hub, classmate)}/environ",
            "a classmate's kernel's environment": f"/proc/{classmate_kernel}/environ",
            "the lecturer's server's environment": f"/proc/{server_pid(hub, LECTURER)}/environ",
            "the assignments' keys in the course": f"{ROOT}/lecturer/keys/a1_ward_key.md",
            "the lecturer's copy of the keys": f"{homes / LECTURER}/lecturer/keys/a1_ward_key.md",
        },
        "list": {
            "a classmate's home": f"{homes / classmate}",
            "a classmate's work": f"{homes / classmate}/my_work",
            "the lecturer's home": f"{homes / LECTURER}",
            "the hand-in store": f"{store}",
            "a classmate's hand-ins": f"{store / classmate}",
            "the hub's state": f"{hub.state}",
            "the homes": f"{homes}",
            "the assignments' keys and case material": f"{ROOT}/lecturer/keys",
        },
        "write": {
            "into a classmate's work": f"{homes / classmate}/my_work/Blue-Heron.json",
            "into the hand-in store": f"{store}/{classmate}/20990101T000000000000Z.json",
            "a ghost's hand-in": f"{store}/ghost.json",
            "into the hub's state": f"{hub.state}/jupyterhub_config.py",
            "into the course's code, which every kernel runs": f"{ROOT}/helpers/injected.py",
            "into the course's environment": f"{sysconfig.get_paths()['purelib']}/injected.pth",
            "into the lessons every student copies": f"{ROOT}/notebooks/injected.ipynb",
        },
        "web": {  # (the answer's status; 200 would be a way in)
            "a classmate's server, without their token": (
                f"http://127.0.0.1:{hub.server_ports[classmate]}/user/{classmate}/api/contents/my_work"
            ),
            "the proxy's routes, without its token": f"http://127.0.0.1:{hub.environment['COURSE_HUB_PROXY_API_PORT']}"
            "/api/routes",
            "the hub's API, without a token": f"{hub.url}/hub/api/users",
        },
    }
    classmate_uid = pwd.getpwnam(f"{hub.user_prefix}{classmate}").pw_uid
    secrets = [*hub.codes.values(), hub.admin_token]
    code = ATTACK.format(targets=targets, classmate_uid=classmate_uid, secrets=secrets)
    # the classmate's kernel prints while the attacker listens
    printing = (
        "import time\nfor _ in range(60):\n    print('a secret of the classmate', flush=True)\n    time.sleep(0.1)"
    )
    classmate_prints = threading.Thread(target=run_in_kernel, args=(hub, classmate, printing))
    classmate_prints.start()
    results = json.loads(run_in_kernel(hub, me, code).strip().splitlines()[-1])
    classmate_prints.join(timeout=60)
    # a kernel's channels are Unix sockets in its owner's runtime folder: nothing a classmate listens on
    # (their server, which admits nobody without their token; ipykernel's receive-only pipe) says a word
    listens_on = results.pop("classmate listens on")
    assert hub.server_ports[classmate] in listens_on, "the scan saw the classmate's server"
    assert results.pop("classmate's output heard") == 0, f"a classmate's kernel output heard on {listens_on}"
    assert results.pop("secrets in command lines") == 0
    assert results.pop("me") == f"{hub.user_prefix}{me}" and results.pop("uid") != 0
    assert results.pop("lessons") == [
        "00_start_here.ipynb",
        "01_social_systems.ipynb",
        "02_five_system_functions.ipynb",
        "03_scoring_a_ward.ipynb",
        "04_client_group_fit.ipynb",
        "05_two_views_of_recovery.ipynb",
        "06_case_vignettes.ipynb",
        "07_social_worker_in_the_split.ipynb",
        "nl",
    ], "no lecturer/ in a student's tree"
    for name in [name for name in results if name.startswith("web ")]:
        assert results.pop(name) in (401, 403), name
    reached = {name: outcome for name, outcome in results.items() if outcome != "denied"}
    assert not reached, f"a student's code reached: {reached}"
    assert (homes / classmate / "notebooks" / "03_scoring_a_ward.ipynb").exists(), "the targets were real"
    # the keys (lecturer guide, section 8): root's alone in the course, a copy in the lecturer's home only
    assert (ROOT / "lecturer" / "keys").stat().st_mode & 0o777 == 0o700
    assert (homes / LECTURER / "lecturer" / "keys" / "a1_ward_key.md").exists(), "the targets were real"
    assert not (homes / me / "lecturer").exists() and not (homes / classmate / "lecturer").exists()


def log_in_over_http(hub, name: str, code: str) -> str | None:
    """Post the hub's login form as a browser does; the account logged in, or None when refused."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{hub.url}/hub/login", timeout=30).read().decode()
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"username": name, "password": code, "_xsrf": xsrf}).encode()
    try:
        opener.open(f"{hub.url}/hub/login?next=%2Fhub%2Fhome", data, timeout=30)
    except urllib.error.HTTPError as error:
        assert error.code == 403, error.code
        return None
    xsrf_cookie = next(cookie.value for cookie in jar if cookie.name == "_xsrf")
    request = urllib.request.Request(f"{hub.url}/hub/api/user", headers={"X-XSRFToken": xsrf_cookie})
    return json.loads(opener.open(request, timeout=30).read())["name"]


def test_each_account_logs_in_with_its_own_code_only(hub):
    ava, bram = STUDENTS[0], STUDENTS[1]
    for spelling in ("ava", "Ava", " ava", "AVA"):
        assert log_in_over_http(hub, spelling, hub.codes[ava]) == ava, spelling
    assert log_in_over_http(hub, bram, hub.codes[ava]) is None, "a classmate's name with one's own code"
    assert log_in_over_http(hub, "nobody", hub.codes[ava]) is None, "a name not on the roster"
    assert log_in_over_http(hub, LECTURER, hub.codes[ava]) is None
    # the lecturer sees the class, but cannot be given a way into a student's server or files
    status, _ = hub.api(f"users/{LECTURER}/tokens", "POST", {"scopes": [f"access:servers!user={ava}"]})
    assert status in (400, 403)
    log = hub.log.read_text(encoding="utf-8", errors="replace")
    assert not any(code in log for code in hub.codes.values()), "a login code in the hub's log"


def student_file(pseudonym: str, encoding: str = "utf-8") -> bytes:
    """A course file as a student's save box writes it, in ``encoding`` (Windows-1252, a BOM ...)."""
    return encoded(course_file(pseudonym), encoding)


def test_the_store_takes_only_a_students_own_hand_in_and_says_why_it_refuses(hub):
    own, other = STUDENTS[3], STUDENTS[4]
    token = hub.token_for(own, ["access:services!service=handin"])
    store = hub.handin_url + "/api"
    assert call(f"{store}/handins", "POST", student_file("Owl-Three", "cp1252"), token)["pseudonym"] == "Owl-Three"
    # the account is the token's: there is no way to name another, and another's pseudonym is refused
    other_token = hub.token_for(other, ["access:services!service=handin"])
    call(f"{store}/handins", "POST", student_file("Fox-Four", "utf-8-sig"), other_token)
    status, body = call(f"{store}/handins", "POST", student_file("Fox-Four"), token)
    assert status == 409 and json.loads(body)["error"] == {
        "en": "another account already handed in as Fox-Four: choose another pseudonym",
        "nl": "een ander account heeft al ingeleverd als Fox-Four: kies een ander pseudoniem",
    }
    assert call(f"{store}/handins/mine", token=token)["pseudonym"] == "Owl-Three", "the refusal changed nothing"
    # another's hand-in and the lecturer's views are closed to a student
    for path in ("handins", "status", "accounts"):
        status, body = call(f"{store}/{path}", token=token)
        assert status == 403 and json.loads(body)["error"]["nl"].startswith("alleen docenten"), path
    # no token, a made-up token, or a token without the store's scope: no access at all
    assert call(f"{store}/handins/mine")[0] == 403
    assert call(f"{store}/handins/mine", token="not-a-token")[0] == 403
    no_scope = hub.token_for(own, ["read:users:name!user"])
    assert call(f"{store}/handins", "POST", student_file("Owl-Three"), no_scope)[0] == 403
    # a file that is not a course file: the reader's whole reason, in both languages, stored nowhere
    status, body = call(f"{store}/handins", "POST", b'{"format": "something else"}', token)
    reasons = json.loads(body)["error"]
    assert status == 400 and reasons["en"].startswith("not a course file: ") and "–" not in reasons["en"][:5]
    assert reasons["nl"].startswith("geen cursusbestand: ")
    # too large: refused from its declared length, before a byte of the body is sent
    connection = http.client.HTTPConnection(hub.handin_url.split("//")[1].split("/")[0], timeout=10)
    connection.putrequest("POST", "/services/handin/api/handins")
    connection.putheader("Authorization", f"token {token}")
    connection.putheader("Content-Length", str(50_000_000))
    connection.endheaders()
    answer = connection.getresponse()
    assert answer.status == 413 and json.loads(answer.read())["error"]["en"].startswith("a hand-in is at most 2 MB")
    connection.close()
    # a file forged on disk by whoever could write there (root, in this test) never reaches the lecturer
    ghost = hub.state / "handins" / "ghost"
    ghost.mkdir(mode=0o700)
    (ghost / "20260101T000000000000Z.json").write_bytes(student_file("Ghost-Nobody"))
    lecturer_token = hub.token_for(LECTURER, ["access:services!service=handin", "custom:handin:read-all"])
    time.sleep(0.1)
    listed = call(f"{store}/handins", token=lecturer_token)
    assert "Ghost-Nobody" not in listed["files"] and len(listed["files"]) <= listed["students"] == len(STUDENTS)
    status_now = call(f"{store}/status", token=lecturer_token)
    assert status_now["handed_in"] <= status_now["students"]
    # a lecturer is no student of the class: no hand-in from that account counts
    assert call(f"{store}/handins", "POST", student_file("Teacher-Pet"), lecturer_token)[0] == 403
    accounts = call(f"{store}/accounts", token=lecturer_token)["accounts"]
    assert accounts["Owl-Three"] == own and accounts["Fox-Four"] == other
    # one account cannot flood the store
    refused = [call(f"{store}/handins", "POST", student_file("Owl-Three"), token) for _ in range(8)]
    flooded = [answer for answer in refused if isinstance(answer, tuple)]
    assert flooded and flooded[0][0] == 429 and "wait a minute" in json.loads(flooded[0][1])["error"]["en"]


def test_ctrl_c_stops_everything_in_seconds_and_a_restart_keeps_accounts_work_and_hand_ins(hub):
    me = STUDENTS[0]
    hub.start_servers([me])
    run_in_kernel(hub, me, "import os; open(os.environ['COURSE_WORK_DIR'] + '/notes.txt', 'w').write('mine')")
    token = hub.token_for(me, ["access:services!service=handin"])
    call(f"{hub.handin_url}/api/handins", "POST", student_file("Kept-Heron", "cp1252"), token)
    read_all = ["custom:handin:read-all", "access:services!service=handin"]
    before = call(f"{hub.handin_url}/api/handins", token=hub.token_for(LECTURER, read_all))
    log_size = hub.log.stat().st_size
    seconds, left = restart(hub)
    stopping = hub.log.read_text(encoding="utf-8", errors="replace")[log_size:].split("[course] class hub at")[0]
    assert not left, f"left running after the hub stopped: {left}"
    assert seconds < 10, f"the hub took {seconds:.1f} s to stop"
    # (the proxy may still log a request that arrived while the hub was down: that is not the hub's error)
    assert "Traceback" not in stopping and "AttributeError" not in stopping, stopping[-3000:]
    print(f"Ctrl-C to every process ended: {seconds:.1f} s")
    after = call(f"{hub.handin_url}/api/handins", token=hub.token_for(LECTURER, read_all))
    assert after["files"] == before["files"] and "Kept-Heron" in after["files"], "every hand-in, kept as it was"
    hub.start_servers([me])  # the home (a disk of its own) is mounted again as the server starts
    assert (
        run_in_kernel(hub, me, "import os; print(open(os.environ['COURSE_WORK_DIR'] + '/notes.txt').read())")
        == "mine\n"
    )
    assert log_in_over_http(hub, me, hub.codes[me]) == me


def test_feedback_reaches_the_student_it_is_for_and_no_other(hub):
    student, classmate = STUDENTS[2], STUDENTS[1]
    store = hub.handin_url + "/api"
    token = hub.token_for(student, ["access:services!service=handin"])
    classmate_token = hub.token_for(classmate, ["access:services!service=handin"])
    call(f"{store}/handins", "POST", student_file("Feedback-Fox"), token)
    lecturer_token = hub.token_for(LECTURER, ["access:services!service=handin", "custom:handin:read-all"])
    given = {
        "pseudonym": "Feedback-Fox",
        "item": "03",
        "text": "Sterke redenering bij grensbepaling.",
        "score": 8,
        "max_score": 10,
    }
    assert call(f"{store}/feedback", "POST", given, lecturer_token)["by"] == LECTURER
    mine = call(f"{store}/feedback/mine", token=token)["feedback"]
    assert mine["03"]["text"] == given["text"] and mine["03"]["score"] == 8
    assert "03" not in call(f"{store}/feedback/mine", token=classmate_token)["feedback"]
    for method, body in (("GET", None), ("POST", {**given, "text": "Forged by a classmate."})):
        status, reason = call(f"{store}/feedback", method, body, classmate_token)
        assert status == 403 and json.loads(reason)["error"]["en"] == "only lecturers can see the class's hand-ins"
    assert call(f"{store}/feedback/mine", token=token)["feedback"]["03"]["text"] == given["text"]
    status, reason = call(f"{store}/feedback", "POST", {**given, "pseudonym": "Nobody-Here"}, lecturer_token)
    assert status == 404 and "Nobody-Here" in json.loads(reason)["error"]["nl"]


def test_only_a_lecturer_releases_an_assignment_and_students_get_its_case_never_its_key(hub):
    store = hub.handin_url + "/api"
    token = hub.token_for(STUDENTS[3], ["access:services!service=handin"])
    lecturer_token = hub.token_for(LECTURER, ["access:services!service=handin", "custom:handin:read-all"])
    assert "a2" not in call(f"{store}/releases", token=token)["releases"], "nothing before its release"
    status, reason = call(f"{store}/releases", "POST", {"assignment": "a2"}, token)
    assert status == 403 and json.loads(reason)["error"]["en"] == "only lecturers can see the class's hand-ins"
    assert call(f"{store}/releases", "POST", {"assignment": "a2"}, lecturer_token)["files"] == ["a2_vignette_case.md"]
    released = call(f"{store}/releases", token=token)["releases"]["a2"]["files"]
    assert released == {"a2_vignette_case.md": (ROOT / "lecturer" / "keys" / "a2_vignette_case.md").read_text("utf-8")}
    status, reason = call(f"{store}/releases", "POST", {"assignment": "a9"}, lecturer_token)
    assert status == 404 and "listed: a1, a2" in json.loads(reason)["error"]["en"]
