"""A real class hub on 127.0.0.1 for the tests and the benchmark: JupyterHub from
deploy/jupyterhub_config.py with its proxy, a roster with a login code per account, real system
users (a prefix of the run's own, removed afterwards), a test admin service, and helpers to drive a
student's kernel through the hub (the Jupyter messaging protocol over the server's websocket)."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil
from browsing import ROOT, free_port

sys.path.insert(0, str(ROOT / "deploy"))
from course_hub import apply_roster, remove_system_users, unmount_home_disks  # deploy/ is no package: see above

BIN = Path(sys.executable).parent


@dataclass
class Hub:
    url: str
    handin_url: str
    admin_token: str
    process: subprocess.Popen
    log: Path
    state: Path
    codes: dict[str, str]  # account -> its login code
    user_prefix: str  # the system users of this hub are this prefix plus the account
    config: Path
    environment: dict[str, str]
    server_ports: dict[str, int]  # account -> the port its server listens on

    def api(self, path: str, method: str = "GET", body: dict | None = None, token: str | None = None):
        return call(f"{self.url}/hub/api/{path}", method, body, token or self.admin_token)

    def token_for(self, user: str, scopes: list[str]) -> str:
        return self.api(f"users/{user}/tokens", "POST", {"scopes": scopes, "expires_in": 3600})["token"]

    def start_servers(self, users: list[str]) -> None:
        """Ask for every server at once (as a class logging in does), then wait until all are ready: a
        minute, and six seconds more per server (31 servers start in about two minutes on 2 cores)."""
        for user in users:
            self.api(f"users/{user}/server", "POST")
        deadline = time.monotonic() + 60 + 6 * len(users)
        for user in users:
            self.wait_until_ready(user, deadline)

    def wait_until_ready(self, user: str, deadline: float) -> None:
        while time.monotonic() < deadline:
            server = self.api(f"users/{user}")["servers"].get("", {})
            if server.get("ready"):
                return
            if not server:  # not pending and not ready: the spawn failed
                break
            time.sleep(0.3)
        raise AssertionError(f"the server of {user} did not start; the hub's log:\n{self.log.read_text()[-4000:]}")


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


def stop(process: subprocess.Popen) -> list[str]:
    """Stop the hub, its proxy, services and the students' servers with their kernels; bounded, then by
    force. The servers and the proxy run in sessions of their own, so a hub whose own clean-up is cut
    short leaves them running (a full test run on a loaded machine left six servers, their kernels,
    the proxy and the culler): every process the hub had started is ended here too. Returns what could
    not be ended (each as pid and command), which should be nothing."""
    try:
        family = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    process.send_signal(signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    for left in family:
        with contextlib.suppress(psutil.NoSuchProcess):
            left.terminate()
    _, alive = psutil.wait_procs(family, timeout=10)
    for left in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            left.kill()
    _, alive = psutil.wait_procs(alive, timeout=5)
    return still_running(alive)


def still_running(processes: list[psutil.Process]) -> list[str]:
    """Each of ``processes`` that still runs, as pid and command. A zombie has ended (it only waits for a
    parent to collect its exit status; a container's first process may never do so) and is left out."""
    running = []
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):  # ZombieProcess is one
            if process.status() != psutil.STATUS_ZOMBIE:
                running.append(f"{process.pid} {' '.join(process.cmdline())[:80]}")
    return running


def run_in_kernel(hub: Hub, user: str, code: str, keep_kernel: bool = False) -> str:
    """Run ``code`` in a new kernel of ``user``'s own server (through the hub's proxy, with the
    user's token) and return what it printed; the kernel is shut down afterwards unless kept."""
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
        if not keep_kernel:
            call(f"{base}/api/kernels/{kernel['id']}", "DELETE", token=token)


BARE = """
# the baseline: the same hub and spawner without the course
c.JupyterHub.services = [s for s in c.JupyterHub.services if s['name'] == 'class-admin']
c.JupyterHub.load_roles = [r for r in c.JupyterHub.load_roles if r['name'] == 'class-admin']
import os, pathlib, course_hub
def pre_spawn_hook(spawner):
    spawner.port = SERVER_PORTS[spawner.user.name]
    entry = spawner.ensure_system_user()
    runtime = pathlib.Path(os.environ["COURSE_HUB_RUNTIME"]) / str(entry.pw_uid)
    spawner.environment["JUPYTER_RUNTIME_DIR"] = str(course_hub.private_folder(runtime, entry.pw_uid, entry.pw_gid))
c.Spawner.pre_spawn_hook = pre_spawn_hook
c.Spawner.default_url = '/lab'
"""


@contextmanager
def class_hub(students: list[str], lecturers: list[str], environment: dict[str, str] | None = None, bare: bool = False):
    """A class hub from deploy/jupyterhub_config.py on free 127.0.0.1 ports, in a folder of its own that
    other users can pass through (as the homes inside must be reached by their owners), with a roster
    of ``students`` and ``lecturers`` and a test admin token; stopped (bounded, then by force) when the
    block ends, and its system users, their processes and its folder removed.

    ``bare``: the benchmark's baseline, the same hub and spawner (a system user each, the same limits)
    without the course: no lessons copied, no course settings, no hand-in store or culler."""
    folder = Path(tempfile.mkdtemp(prefix="course-hub-"))
    folder.chmod(0o711)
    user_prefix = f"ct{secrets.token_hex(2)}-"
    admin_token = secrets.token_hex(24)
    server_ports = {user: free_port() for user in [*students, *lecturers]}
    roster = folder / "roster.csv"
    rows = [f"{name};student" for name in students] + [f"{name};lecturer" for name in lecturers]
    roster.write_text("account;role\n" + "\n".join(rows) + "\n", encoding="utf-8")
    codes = apply_roster(roster, folder / "state" / "credentials.json")["codes"]
    roster.chmod(0o600)
    config = folder / "test_config.py"  # it holds the test's admin token: root's alone, as the hub's secrets
    config.touch(mode=0o600)
    config.write_text(
        f"load_subconfig({str(ROOT / 'deploy' / 'jupyterhub_config.py')!r})\n"
        "# the test's own admin service: tokens for the class's accounts, their servers started\n"
        f"c.JupyterHub.services.append({{'name': 'class-admin', 'api_token': {admin_token!r}}})\n"
        "c.JupyterHub.load_roles.append({'name': 'class-admin', 'services': ['class-admin'],"
        " 'scopes': ['admin:users', 'admin:servers', 'tokens', 'list:users']})\n"
        "# the browser test drives JupyterLab through its application object, as tests/test_browser_lab.py does\n"
        "c.Spawner.args.append('--LabApp.expose_app_in_browser=True')\n"
        "# each server on a port of the test's block (tools/browsing.py, port_numbers): the port JupyterHub would\n"
        "# pick comes from the range a kernel of another test takes its ports from, a moment before it is bound\n"
        f"SERVER_PORTS = {server_ports!r}\n"
        "course_pre_spawn_hook = c.Spawner.pre_spawn_hook\n"
        "def pre_spawn_hook(spawner):\n"
        "    spawner.port = SERVER_PORTS[spawner.user.name]\n"
        "    course_pre_spawn_hook(spawner)\n"
        "c.Spawner.pre_spawn_hook = pre_spawn_hook\n" + (BARE if bare else ""),
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
        "COURSE_HUB_USER_PREFIX": user_prefix,
        "COURSE_HUB_RUNTIME": str(folder / "runtime"),
        **(environment or {}),
    }
    environment.pop("COURSE_WORK_DIR", None)
    log = folder / "hub.log"
    hub = Hub(
        f"http://127.0.0.1:{port}",
        f"http://127.0.0.1:{handin_port}/services/handin",
        admin_token,
        start_hub(config, environment, log),
        log,
        folder / "state",
        codes,
        user_prefix,
        config,
        environment,
        server_ports,
    )
    try:
        wait_for_hub(hub)
        yield hub
    finally:
        left = stop(hub.process)
        remove_system_users(user_prefix)
        unmount_home_disks(folder / "state" / "homes")
        shutil.rmtree(folder, ignore_errors=True)
    assert not left, f"the hub left processes running: {left}"


def start_hub(config: Path, environment: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("a") as stream:
        return subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(config)],
            cwd=config.parent,
            env=environment,
            stdout=stream,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_for_hub(hub: Hub) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            answer = call(f"{hub.url}/hub/api/", token=hub.admin_token)
        except urllib.error.URLError:  # not listening yet
            answer = None
        if isinstance(answer, dict) and "version" in answer:
            return
        if hub.process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"the hub did not start:\n{hub.log.read_text()[-3000:]}")
        time.sleep(0.3)


def restart(hub: Hub) -> tuple[float, list[str]]:
    """Stop the hub as Ctrl-C does (SIGINT) and start it again with the same configuration and state.
    Returns the seconds until the hub had exited and what it left running at that moment (which the
    caller expects to be nothing; it is ended here all the same)."""
    family = psutil.Process(hub.process.pid).children(recursive=True)
    started = time.monotonic()
    hub.process.send_signal(signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        hub.process.wait(timeout=30)
    seconds = time.monotonic() - started
    _, alive = psutil.wait_procs(family, timeout=1)
    left = still_running(alive)
    stop(hub.process)
    for process in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()
    hub.process = start_hub(hub.config, hub.environment, hub.log)
    wait_for_hub(hub)
    return seconds, left


def log_in(browser, hub: Hub, user: str, code: str | None = None):
    """A page of its own (cookies not shared with another user's) with ``user`` logged in to the hub."""
    page = browser.new_private_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{hub.url}/hub/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", hub.codes[user] if code is None else code)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(f"{hub.url}/user/{user}/**", timeout=90_000)
    return page


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


def resident_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (e.g. a server and its kernels), in MB."""
    process = psutil.Process(pid)
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += member.memory_info().rss
    return total / 2**20
