"""JupyterHub for one class on one machine: ``python3 course.py hub`` starts it with this file.

Every setting a lecturer may change is an environment variable (defaults in brackets):

- ``COURSE_HUB_IP`` [127.0.0.1] and ``COURSE_HUB_PORT`` [8000]: where students open the hub; use
  ``0.0.0.0`` only behind your institution's HTTPS proxy.
- ``COURSE_LECTURERS`` [lecturer]: comma-separated hub accounts that see the class's hand-ins.
- ``COURSE_HUB_STUDENT_PASSWORD`` / ``COURSE_HUB_LECTURER_PASSWORD``: the pilot's class password and
  the lecturers' own (at least 32 characters); generated into ``<state>/passwords.json`` when unset.
- ``COURSE_HUB_STATE`` [.hub/]: the hub's database, the students' folders and the hand-in store.
- ``COURSE_HUB_CULL_SECONDS`` [1800]: a student server idle this long is stopped (work is on disk).
- ``COURSE_HUB_INTERNAL_PORT`` [8081], ``COURSE_HUB_PROXY_API_PORT`` [8001],
  ``COURSE_HANDIN_PORT`` [10101]: ports on 127.0.0.1 for the hub's own parts.

Your institution's login (LTI from the LMS, or OAuth) is configuration, not code: copy
``institution_config.example.py`` to ``institution_config.py`` beside this file and fill it in;
it is read last and overrides the pilot's shared-password login.
"""

# ruff: noqa: F821  (``c`` and ``load_subconfig`` are given by JupyterHub when it reads this file)

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COURSE = HERE.parent
STATE = Path(os.environ.get("COURSE_HUB_STATE", COURSE / ".hub")).resolve()
STATE.mkdir(parents=True, exist_ok=True)
BIN = Path(sys.executable).parent
LECTURERS = [name.strip() for name in os.environ.get("COURSE_LECTURERS", "lecturer").split(",") if name.strip()]
HANDIN_PORT = int(os.environ.get("COURSE_HANDIN_PORT", "10101"))
HANDIN_URL = f"http://127.0.0.1:{HANDIN_PORT}"
PROXY = COURSE / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"


def passwords() -> dict[str, str]:
    """The class password and the lecturers' password: from the environment, else made once and kept."""
    path = STATE / "passwords.json"
    stored = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    chosen = {
        "students": os.environ.get("COURSE_HUB_STUDENT_PASSWORD") or stored.get("students") or secrets.token_urlsafe(9),
        "lecturers": os.environ.get("COURSE_HUB_LECTURER_PASSWORD")
        or stored.get("lecturers")
        or secrets.token_urlsafe(32),
    }
    if chosen != stored:
        path.write_text(json.dumps(chosen, indent=2) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return chosen


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

# ---------------------------------------------------------------- login: a pilot's shared password
c.JupyterHub.authenticator_class = "shared-password"
c.Authenticator.admin_users = set(LECTURERS)
c.Authenticator.allow_all = True
PASSWORDS = passwords()
c.SharedPasswordAuthenticator.user_password = PASSWORDS["students"]
c.SharedPasswordAuthenticator.admin_password = PASSWORDS["lecturers"]
print(
    f"[course] class hub at http://{c.JupyterHub.ip}:{c.JupyterHub.port}/ - students: any user name and the class "
    f"password {PASSWORDS['students']}; lecturers ({', '.join(LECTURERS)}): the password in {STATE / 'passwords.json'}",
    flush=True,
)

# ---------------------------------------------------------------- one folder per student, lessons copied in
c.JupyterHub.spawner_class = "simple"
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.LocalProcessSpawner.home_dir_template = str(STATE / "users" / "{username}")
c.Spawner.notebook_dir = str(STATE / "users" / "{username}")
c.Spawner.default_url = "/lab/tree/notebooks/00_start_here.ipynb"
c.Spawner.args = [
    # the kernels of closed tabs stop after 20 idle minutes (the server itself: the culler below)
    "--MappingKernelManager.cull_idle_timeout=1200",
    "--MappingKernelManager.cull_interval=60",
    *(["--ServerApp.allow_root=True"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
]
c.Spawner.http_timeout = 60


def copy_lessons(spawner) -> None:
    """Before a student's server starts: their own copy of every lesson they do not have yet (an
    edited lesson is never overwritten), their own ``my_work/`` and the hand-in store's address."""
    home = STATE / "users" / spawner.user.name
    for source in (COURSE / "notebooks").rglob("*.ipynb"):
        if ".ipynb_checkpoints" in source.parts:
            continue
        target = home / "notebooks" / source.relative_to(COURSE / "notebooks")
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (home / "my_work").mkdir(parents=True, exist_ok=True)
    spawner.environment.update(
        {
            "COURSE_WORK_DIR": str(home / "my_work"),
            "COURSE_DATA_DIR": str(COURSE / "data"),
            "COURSE_HANDIN_URL": f"{HANDIN_URL}/services/handin/",
            # one numerical thread per kernel: numpy's OpenBLAS otherwise starts one per core in every
            # student's kernel, which spins at start (0.1 CPU-s each) while the class starts together
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1"),
        }
    )


c.Spawner.pre_spawn_hook = copy_lessons

# ---------------------------------------------------------------- the hand-in store and who may read it
c.JupyterHub.custom_scopes = {
    "custom:handin:read-all": {"description": "See every hand-in of the class (the lecturer's dashboard)."}
}
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self", "access:services!service=handin"]},
    {"name": "lecturer", "users": LECTURERS, "scopes": ["custom:handin:read-all"]},
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

# ---------------------------------------------------------------- your institution's login, if configured
if (HERE / "institution_config.py").exists():
    load_subconfig(str(HERE / "institution_config.py"))
