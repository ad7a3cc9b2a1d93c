"""The class's hand-in store: a JupyterHub service (run by the hub, see jupyterhub_config.py).

Why a hub service and not a shared folder: the identity of every request comes from the hub's own
token check (``HubAuthenticated``), so a student can hand in only as the account they logged in
with, whatever they type, and the store needs no shared volume — on Kubernetes (Zero to JupyterHub)
it is one more service pod with its own disk, as ngshare runs. Decision record:
docs/decisions/0008-hand-in-service.md.

API (under ``/services/handin/api/``; every request carries a hub token, ``Authorization: token …``):

- ``POST handins``  body: one student file (the course's own format, ``helpers/student_work.py``).
  Stored as a new version under the caller's account; the newest counts, older ones are kept.
  A pseudonym already handed in by another account is refused (409).
- ``GET handins/mine``  the caller's newest hand-in.
- ``GET handins``  lecturers only (scope ``custom:handin:read-all``): every account's newest file,
  keyed by pseudonym only, with the class size and a version that changes on every hand-in.
- ``GET status``  lecturers only: the version and the counts, cheap enough to poll every few seconds.
- ``GET accounts``  lecturers only: which account handed in under which pseudonym.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from jupyterhub.services.auth import HubAuth, HubAuthenticated
from jupyterhub.utils import url_path_join
from tornado import httpclient, ioloop, web

from helpers.student_work import StudentWorkError, read_student_file

READ_ALL = "custom:handin:read-all"
MAX_BYTES = 2_000_000  # a student file is a few KB; anything near this is not one
CLASS_SIZE_CACHE_SECONDS = 10


class Store:
    """Hand-ins on disk: ``<folder>/<account>/<UTC time>.json``, one file per hand-in, never overwritten."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.version = self._scan_version()
        self.owners = self._scan_owners()  # pseudonym -> account, kept up to date by hand_in

    def _scan_version(self) -> int:
        return sum(1 for _ in self.folder.glob("*/*.json"))

    def account_folder(self, account: str) -> Path:
        return self.folder / quote(account, safe="")

    def newest(self, account_folder: Path) -> Path | None:
        files = sorted(account_folder.glob("*.json"))
        return files[-1] if files else None

    def _scan_owners(self) -> dict[str, str]:
        """pseudonym -> account, from every account's newest hand-in (read once, at start)."""
        found = {}
        for folder in sorted(p for p in self.folder.iterdir() if p.is_dir()):
            newest = self.newest(folder)
            if newest:
                found[json.loads(newest.read_text(encoding="utf-8"))["pseudonym"]] = folder.name
        return found

    def hand_in(self, account: str, body: bytes) -> dict:
        """Check the file, then store it atomically as the account's newest hand-in."""
        folder = self.account_folder(account)
        folder.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".incoming.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(body)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            student_file = read_student_file(temporary)
        except StudentWorkError as error:
            Path(temporary).unlink()
            raise web.HTTPError(400, reason=f"not a course file: {error.reason}"[:200]) from None
        owner = self.owners.get(student_file.pseudonym)
        if owner not in (None, folder.name):
            Path(temporary).unlink()
            raise web.HTTPError(409, reason=f"pseudonym {student_file.pseudonym} is taken: choose another")
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{stamp}.json"
        os.replace(temporary, target)
        self.version += 1
        # an account that hands in under a new pseudonym frees its old one
        self.owners = {p: a for p, a in self.owners.items() if a != folder.name}
        self.owners[student_file.pseudonym] = folder.name
        versions = len(list(folder.glob("*.json")))
        return {"pseudonym": student_file.pseudonym, "handed_in_at": stamp, "versions": versions}

    def newest_files(self) -> dict[str, dict]:
        """pseudonym -> the newest hand-in's content, for every account."""
        found = {}
        for folder in sorted(p for p in self.folder.iterdir() if p.is_dir()):
            newest = self.newest(folder)
            if newest:
                content = json.loads(newest.read_text(encoding="utf-8"))
                found[content["pseudonym"]] = content
        return found


class ClassSize:
    """How many student accounts the hub has (users without the lecturer scope), cached briefly."""

    def __init__(self, hub_auth: HubAuth, lecturers: set[str]):
        self.hub_auth, self.lecturers = hub_auth, lecturers
        self.value, self.read_at = 0, 0.0

    async def get(self) -> int:
        if time.monotonic() - self.read_at < CLASS_SIZE_CACHE_SECONDS:
            return self.value
        response = await httpclient.AsyncHTTPClient().fetch(
            url_path_join(self.hub_auth.api_url, "users"),
            headers={"Authorization": f"token {self.hub_auth.api_token}"},
        )
        users = json.loads(response.body)
        self.value = sum(1 for user in users if user["name"] not in self.lecturers)
        self.read_at = time.monotonic()
        return self.value


class Handler(HubAuthenticated, web.RequestHandler):
    def initialize(self, hub_auth: HubAuth, store: Store, class_size: ClassSize):
        self.hub_auth, self.store, self.class_size = hub_auth, store, class_size

    def check_xsrf_cookie(self) -> None:  # token-authenticated API calls, never cookies
        return

    def write_error(self, status_code: int, **kwargs) -> None:
        self.finish({"error": self._reason, "status": status_code})

    def account(self) -> str:
        user = self.current_user
        if not user or user.get("kind", "user") != "user":
            raise web.HTTPError(403, reason="only a student's or lecturer's own hub token can use the hand-in store")
        return user["name"]

    def lecturer(self) -> str:
        account = self.account()
        if READ_ALL not in self.current_user.get("scopes", []):
            raise web.HTTPError(403, reason="only lecturers can see the class's hand-ins")
        return account


class HandInHandler(Handler):
    @web.authenticated
    def post(self) -> None:
        account = self.account()
        if len(self.request.body) > MAX_BYTES:
            raise web.HTTPError(413, reason="a hand-in is at most 2 MB")
        self.finish(self.store.hand_in(account, self.request.body))

    @web.authenticated
    async def get(self) -> None:
        self.lecturer()
        files = self.store.newest_files()
        self.finish({"version": self.store.version, "students": await self.class_size.get(), "files": files})


class MineHandler(Handler):
    @web.authenticated
    def get(self) -> None:
        newest = self.store.newest(self.store.account_folder(self.account()))
        self.finish(json.loads(newest.read_text(encoding="utf-8")) if newest else {})


class StatusHandler(Handler):
    @web.authenticated
    async def get(self) -> None:
        self.lecturer()
        handed_in = sum(1 for p in self.store.folder.iterdir() if p.is_dir() and self.store.newest(p))
        self.finish({"version": self.store.version, "handed_in": handed_in, "students": await self.class_size.get()})


class AccountsHandler(Handler):
    @web.authenticated
    def get(self) -> None:
        self.lecturer()
        self.finish({"accounts": dict(self.store.owners)})


def main() -> None:
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/handin/")
    hub_auth = HubAuth(cache_max_age=5)
    store = Store(Path(os.environ["COURSE_HANDIN_STORE"]))
    lecturers = {name for name in os.environ.get("COURSE_LECTURERS", "").split(",") if name}
    settings = {"hub_auth": hub_auth, "store": store, "class_size": ClassSize(hub_auth, lecturers)}
    app = web.Application(
        [
            (url_path_join(prefix, "api/handins"), HandInHandler, settings),
            (url_path_join(prefix, "api/handins/mine"), MineHandler, settings),
            (url_path_join(prefix, "api/status"), StatusHandler, settings),
            (url_path_join(prefix, "api/accounts"), AccountsHandler, settings),
        ]
    )
    url = os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101")
    host, port = url.split("//")[1].split("/")[0].rsplit(":", 1)
    app.listen(int(port), address=host)
    # the hub stops its services with SIGINT (which a shell may have told child processes to ignore),
    # then SIGTERM: either ends the service at once and quietly (every hand-in is already on disk)
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda *_: sys.exit(0))
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
