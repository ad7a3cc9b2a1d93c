"""JupyterHub for one class on one machine: ``python3 course.py hub`` starts it with this file, as root.

Why root: every account's server and kernels run as a system user of its own (``course-<account>``,
made the first time it is needed, home 0700), which only root can create and switch to. The hub's
state (database, cookie secret, codes, proxy token) and the hand-in store stay root's and
unreadable by students. Decision record: docs/decisions/0014-class-hub-trust-model.md.

Before the first start, give the hub its class: ``python3 course.py roster ROSTER.csv`` (columns
``account`` and ``role``: student or lecturer) makes a personal login code for every account and a
printable sheet of them; only the roster's accounts can log in.

Every setting a lecturer may change is an environment variable (defaults in brackets):

- ``COURSE_HUB_IP`` [127.0.0.1] and ``COURSE_HUB_PORT`` [8000]: where students open the hub; use
  ``0.0.0.0`` only behind your institution's HTTPS proxy.
- ``COURSE_HUB_STATE`` [.hub/]: the hub's database, the codes and the hand-in store (root only).
- ``COURSE_HUB_HOMES`` [<state>/homes]: one home per account, each readable by its owner alone.
- ``COURSE_HUB_RUNTIME`` [/run/course-hub]: one Jupyter runtime folder per account (kernel sockets).
- ``COURSE_HUB_USER_PREFIX`` [course-]: the system users are this prefix plus the hub account.
- Per student: ``COURSE_HUB_HOME_MB`` [1024] the size of their home (a disk of its own, a file in
  ``<state>/disks/``); ``COURSE_HUB_PROCESSES`` [256] processes and threads at once; and for each of
  their processes (server, every kernel) ``COURSE_HUB_MEMORY_MB`` [2048] address space and
  ``COURSE_HUB_FILE_MB`` [500] largest file.
- ``COURSE_LECTURERS`` [none]: more lecturer accounts, comma-separated (for the institution's login).
- ``COURSE_HUB_LANGUAGE`` [en]: ``nl`` opens every student's server on the Dutch lessons.
- ``COURSE_HUB_CULL_SECONDS`` [1800]: a student server idle this long is stopped (work is on disk).
- ``COURSE_HUB_INTERNAL_PORT`` [8081], ``COURSE_HUB_PROXY_API_PORT`` [8001],
  ``COURSE_HANDIN_PORT`` [10101]: ports on 127.0.0.1 for the hub's own parts.

Your institution's login (LTI from the LMS, or OAuth) is configuration, not code: copy
``institution_config.example.py`` to ``institution_config.py`` beside this file and fill it in;
it is read last and replaces the roster's codes (the accounts still run as their own system users).
"""

# ruff: noqa: F821  (``c`` and ``load_subconfig`` are given by JupyterHub when it reads this file)

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COURSE = HERE.parent
sys.path.insert(0, str(HERE))
from course_hub import (  # noqa: E402  (beside this file, found through the path set just above)
    CourseSpawner,
    RosterAuthenticator,
    adopt_old_home,
    copy_lessons,
    copy_private,
    private,
    private_folder,
    read_credentials,
    traversable_by_others,
    unmount_home_disks,
)

if os.geteuid() != 0:
    sys.exit(
        "[course] the class hub must be started as root (sudo python3 course.py hub): it runs every student "
        "as a system user of their own, so that no student can reach another's work."
    )
os.umask(0o077)  # everything the hub writes (database, cookie secret, hand-ins) is root's alone
STATE = Path(os.environ.get("COURSE_HUB_STATE", COURSE / ".hub")).resolve()
STATE.mkdir(parents=True, exist_ok=True)
STATE.chmod(0o711)  # the homes inside may be reached by their owners; nothing can be listed
HOMES = Path(os.environ.get("COURSE_HUB_HOMES", STATE / "homes")).resolve()
HOMES.mkdir(parents=True, exist_ok=True)
HOMES.chmod(0o711)
# each account's Jupyter runtime folder (connection files, the kernels' Unix sockets) under a short path:
# a socket's path may not exceed 107 bytes, which a home deep in the course folder would
RUNTIME = Path(os.environ.get("COURSE_HUB_RUNTIME", "/run/course-hub")).resolve()
RUNTIME.mkdir(parents=True, exist_ok=True)
RUNTIME.chmod(0o711)  # root's: no student can make (or replace) another's folder in it
for secret in ("jupyterhub.sqlite", "jupyterhub_cookie_secret", "credentials.json", "jupyterhub-proxy.pid"):
    private(STATE / secret)
private(STATE / "handins", 0o700)
private(STATE / "disks", 0o700)
private(STATE / "feedback", 0o700)
private(STATE / "releases", 0o700)
private(HERE / "institution_config.py")  # it may hold the login's client secret
# the assignments' keys and case material: root's alone here, copied into lecturers' homes (prepare_home)
KEYS = COURSE / "lecturer" / "keys"
private(KEYS, 0o700)
BIN = Path(sys.executable).parent
for needed in (BIN, COURSE / "helpers", COURSE / "data", HOMES):
    closed = traversable_by_others(needed)
    if closed:
        sys.exit(
            f"[course] students cannot reach {needed}: {closed} is closed to other users. Put the course in a "
            f"folder every user may read (such as /opt/course), or open {closed} with: chmod o+x {closed}"
        )
CREDENTIALS = STATE / "credentials.json"
ACCOUNTS = {name: entry["role"] for name, entry in read_credentials(CREDENTIALS).items()}
if not ACCOUNTS and not (HERE / "institution_config.py").exists():
    sys.exit(
        "[course] the hub has no class yet: list the accounts in a CSV (columns account and role) and run "
        "python3 course.py roster ROSTER.csv; it prints where the login codes are."
    )
# lecturers: the roster's, and (for the institution's login, which has no roster) COURSE_LECTURERS
LECTURERS = sorted(
    {name for name, role in ACCOUNTS.items() if role == "lecturer"}
    | {name.strip() for name in os.environ.get("COURSE_LECTURERS", "").split(",") if name.strip()}
)
LANGUAGE = os.environ.get("COURSE_HUB_LANGUAGE", "en")
START = {"en": "notebooks/00_start_here.ipynb", "nl": "notebooks/nl/00_start.ipynb"}
if LANGUAGE not in START:
    sys.exit(f"[course] COURSE_HUB_LANGUAGE is {LANGUAGE!r}; allowed: en or nl")
HANDIN_PORT = int(os.environ.get("COURSE_HANDIN_PORT", "10101"))
HANDIN_URL = f"http://127.0.0.1:{HANDIN_PORT}"
PROXY = COURSE / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"

# ---------------------------------------------------------------- network: 127.0.0.1 unless told
c.JupyterHub.ip = os.environ.get("COURSE_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("COURSE_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("COURSE_HUB_INTERNAL_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ.get('COURSE_HUB_PROXY_API_PORT', '8001')}"
if PROXY.exists():
    c.ConfigurableHTTPProxy.command = [str(PROXY)]
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# ---------------------------------------------------------------- login: the roster's accounts, a code each
c.JupyterHub.authenticator_class = RosterAuthenticator
c.RosterAuthenticator.credentials_file = str(CREDENTIALS)
c.Authenticator.allowed_users = set(ACCOUNTS)
c.Authenticator.delete_invalid_users = True  # an account taken off the roster can no longer log in
print(f"[course] class hub at http://{c.JupyterHub.ip}:{c.JupyterHub.port}/ for {len(ACCOUNTS)} accounts", flush=True)

# ---------------------------------------------------------------- every account its own system user and home
c.JupyterHub.spawner_class = CourseSpawner
c.CourseSpawner.homes = str(HOMES)
c.CourseSpawner.system_user_prefix = os.environ.get("COURSE_HUB_USER_PREFIX", "course-")
c.CourseSpawner.memory_mb = int(os.environ.get("COURSE_HUB_MEMORY_MB", "2048"))
c.CourseSpawner.processes = int(os.environ.get("COURSE_HUB_PROCESSES", "256"))
c.CourseSpawner.file_mb = int(os.environ.get("COURSE_HUB_FILE_MB", "500"))
c.CourseSpawner.home_mb = int(os.environ.get("COURSE_HUB_HOME_MB", "1024"))
c.CourseSpawner.disks = str(STATE / "disks")  # one disk per home: a student fills only their own
atexit.register(unmount_home_disks, HOMES)  # after the hub has stopped every server
# a stopping server has a few seconds to save and close its kernels, then it is ended
c.CourseSpawner.interrupt_timeout = 3
c.CourseSpawner.term_timeout = 2
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = f"/lab/tree/{START[LANGUAGE]}"
c.Spawner.args = [
    # the kernels of closed tabs stop after 20 idle minutes (the server itself: the culler below)
    "--MappingKernelManager.cull_idle_timeout=1200",
    "--MappingKernelManager.cull_interval=60",
    # kernels talk to their server over Unix sockets in the student's own runtime folder, not over TCP on
    # 127.0.0.1, where any local user could subscribe to a kernel's output channel (it is signed, not
    # encrypted, and a subscriber needs no key)
    "--KernelManager.transport=ipc",
    # no news and no update check from the internet: the hub contacts no outside host
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    # Voila (/voila/render) with the course's template and the MathJax it bundles: no CDN (course.py's
    # OFFLINE_LAB; the template is found through JUPYTER_PATH, set in prepare_home)
    "--VoilaConfiguration.template=course",
    '--ServerApp.tornado_settings={"mathjax_url": "null", "mathjax_config": "null"}',
    # JupyterLab's defaults for the course in the class's language: no news prompt, no update check
    f"--LabApp.app_settings_dir={COURSE / 'share' / 'jupyter' / 'lab' / 'settings' / LANGUAGE}",
]
c.Spawner.http_timeout = 60
LESSONS = {
    str(source.relative_to(COURSE)): source
    for source in sorted((COURSE / "notebooks").rglob("*.ipynb"))
    if ".ipynb_checkpoints" not in source.parts
}
LECTURER_ONLY = ("notebooks/lecturer/", "notebooks/nl/docent/")
STUDENT_LESSONS = {path: source for path, source in LESSONS.items() if not path.startswith(LECTURER_ONLY)}


def prepare_home(spawner) -> None:
    """Before a server starts: the account's system user and home, a clean copy of every lesson it does
    not have yet (the lecturers' dashboards and the assignments' keys for lecturers only), its own
    ``my_work/``, and the
    hand-in store's address."""
    entry = spawner.ensure_system_user()
    adopt_old_home(STATE / "users" / spawner.user.name, spawner.home, entry.pw_uid, entry.pw_gid)
    lessons = LESSONS if spawner.user.name in LECTURERS else STUDENT_LESSONS
    copy_lessons(spawner.home, lessons, entry.pw_uid, entry.pw_gid)
    if spawner.user.name in LECTURERS and KEYS.is_dir():
        copy_private(KEYS, spawner.home, "lecturer/keys", entry.pw_uid, entry.pw_gid)
    work = spawner.home / "my_work"
    if not work.exists():
        work.mkdir(mode=0o700)
        os.chown(work, entry.pw_uid, entry.pw_gid)
    runtime = private_folder(RUNTIME / str(entry.pw_uid), entry.pw_uid, entry.pw_gid)
    spawner.environment.update(
        {
            "JUPYTER_RUNTIME_DIR": str(runtime),
            "JUPYTER_PATH": str(COURSE / "share" / "jupyter"),  # the course's Voila template
            "COURSE_WORK_DIR": str(work),
            "COURSE_DATA_DIR": str(COURSE / "data"),
            "COURSE_HANDIN_URL": f"{HANDIN_URL}/services/handin/",
            # one numerical thread per kernel: numpy's OpenBLAS otherwise starts one per core in every
            # student's kernel, which spins at start (0.1 CPU-s each) while the class starts together
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1"),
        }
    )


c.Spawner.pre_spawn_hook = prepare_home

# ---------------------------------------------------------------- the hand-in store and who may read it
c.JupyterHub.custom_scopes = {
    "custom:handin:read-all": {"description": "See every hand-in of the class (the lecturer's dashboard)."}
}
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self", "access:services!service=handin"]},
    # lecturers: the class's hand-ins, the accounts and their servers (start, stop) - not the students'
    # servers or files, and not the hub's administration
    {
        "name": "lecturer",
        "users": LECTURERS,
        "scopes": ["custom:handin:read-all", "admin-ui", "list:users", "read:users", "servers"],
    },
    {"name": "handin-service", "services": ["handin"], "scopes": ["list:users", "read:users:name"]},
    {
        "name": "idle-culler",
        "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    },
]
# the token a student's kernel carries: it may reach the store; the read-all scope only for lecturers
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    "access:services!service=handin",
    "custom:handin:read-all",
]
c.JupyterHub.services = [
    {
        "name": "handin",
        "url": HANDIN_URL,
        "command": [sys.executable, str(HERE / "handin_service.py")],
        "environment": {
            "COURSE_HANDIN_STORE": str(STATE / "handins"),
            "COURSE_FEEDBACK_STORE": str(STATE / "feedback"),
            "COURSE_RELEASE_STORE": str(STATE / "releases"),
            "COURSE_KEYS": str(KEYS),
            "COURSE_LECTURERS": ",".join(LECTURERS),
        },
    },
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={os.environ.get('COURSE_HUB_CULL_SECONDS', '1800')}",
        ],
    },
]
# No periodic check that the hand-in store answers: JupyterHub 6.1 keeps running it while Ctrl-C stops the
# services, and a check that falls in that second logged a traceback ('NoneType' object has no attribute
# 'proto') on a clean stop. The hub still waits for the store at start, restarts it if it exits, and a
# student's Hand in says so when it does not answer.
c.JupyterHub.service_check_interval = 0

# ---------------------------------------------------------------- your institution's login, if configured
if (HERE / "institution_config.py").exists():
    load_subconfig(str(HERE / "institution_config.py"))
