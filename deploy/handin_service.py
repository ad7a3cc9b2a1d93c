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
- ``GET handins``  lecturers only (scope ``custom:handin:read-all``): every student account's newest
  file, keyed by pseudonym only, with the class size and a version that changes on every hand-in.

A refusal answers ``{"error": {"en": ..., "nl": ...}, "status": N}``. Limits: 2 MB a hand-in (refused
from its declared length, before the body is read), 6 hand-ins a minute and 200 in all per account.
Decision record 0014 says who can reach the store's folder (root alone).
- ``GET status``  lecturers only: the version and the counts, cheap enough to poll every few seconds.
- ``GET accounts``  lecturers only: which account handed in under which pseudonym.
- ``POST feedback``  lecturers only: ``{"pseudonym", "item", "text", "score"?, "max_score"?}``, the
  lecturer's feedback on that pseudonym's hand-in for one item (a lesson such as ``03``, or an
  assignment); the newest per item counts. ``GET feedback``: all of it, keyed by pseudonym.
- ``GET feedback/mine``  the caller's own feedback, item -> entry.
- ``POST releases``  lecturers only: ``{"assignment": "a1"}`` releases that assignment's handouts, the files
  ``lecturer/keys/handouts.csv`` lists for it (case material, never keys), to the class: they are copied
  from the private keys folder into the release store.
- ``GET releases``  every account of the class: the released assignments, id -> when and the handouts'
  texts (a student's save box writes them into ``assignments/`` in their home).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections import defaultdict, deque
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, unquote

from jupyterhub.services.auth import HubAuth, HubAuthenticated
from jupyterhub.utils import url_path_join
from tornado import httpclient, ioloop, web

from helpers.decoding import CourseDataError
from helpers.student_work import StudentWorkError, canonical_student_file, read_student_file
from helpers.text import LABELS, LANGUAGES, set_language

READ_ALL = "custom:handin:read-all"
MAX_BYTES = 2_000_000  # a student file is a few KB; anything near this is not one
PER_MINUTE = 6  # hand-ins one account may make in a minute: a student presses Hand in a few times at most
PER_ACCOUNT = 200  # versions the store keeps of one account: a whole course hands in far fewer
CLASS_CACHE_SECONDS = 10


class Refused(web.HTTPError):
    """A refusal whose reason the student reads in their own language: ``{"error": {"en": ..., "nl": ...}}``."""

    def __init__(self, status: int, key: str, **values: object):
        super().__init__(status)
        self.reasons = {language: LABELS[key][number].format(**values) for number, language in enumerate(LANGUAGES)}


def reasons_of(error: StudentWorkError, path: str) -> dict[str, str]:
    """The reader's reason for refusing a file, in every language (it speaks the language set)."""
    found = {}
    for language in LANGUAGES:
        set_language(language)
        try:
            read_student_file(path)
        except StudentWorkError as again:
            found[language] = LABELS["store_not_course_file"][LANGUAGES.index(language)].format(reason=again.reason)
    set_language("en")
    return found or {language: error.reason for language in LANGUAGES}


class Store:
    """Hand-ins on disk: ``<folder>/<account>/<UTC time>.json``, one file per hand-in, never overwritten,
    each the UTF-8 JSON the course's reader checked (whatever encoding it came in)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.version = self._scan_version()
        self.owners = self._scan_owners()  # pseudonym -> account, kept up to date by hand_in
        self.recent: defaultdict[str, deque[float]] = defaultdict(deque)  # account -> times of its hand-ins

    def _scan_version(self) -> int:
        return sum(1 for _ in self.folder.glob("*/*.json"))

    def account_folder(self, account: str) -> Path:
        # nothing safe: "/" is quoted too (letters never are, so a safe set of letters is the same): not mutated
        return self.folder / quote(account, safe="")  # pragma: no mutate

    def newest(self, account_folder: Path) -> Path | None:
        files = sorted(account_folder.glob("*.json"))
        return files[-1] if files else None

    def accounts(self) -> dict[str, Path]:
        """account -> its newest hand-in, for every account that handed in."""
        found = {}
        for folder in sorted(p for p in self.folder.iterdir() if p.is_dir()):
            newest = self.newest(folder)
            if newest:
                found[unquote(folder.name)] = newest
        return found

    def _scan_owners(self) -> dict[str, str]:
        """pseudonym -> account, from every account's newest hand-in (read once, at start). A file the
        course cannot read is reported and left out: the store starts whatever lies in its folder."""
        found = {}
        for account, newest in self.accounts().items():
            try:
                found[read_student_file(newest).pseudonym] = account
            except StudentWorkError as error:
                print(f"[handin] left out {newest}: {error}", file=sys.stderr)
        return found

    def check_rate(self, account: str) -> None:
        """Refuse a hand-in past :data:`PER_MINUTE` in the last minute or :data:`PER_ACCOUNT` in all."""
        recent, now = self.recent[account], time.monotonic()
        while recent and now - recent[0] > 60:
            recent.popleft()
        if len(recent) >= PER_MINUTE:
            raise Refused(429, "store_too_often", count=len(recent))
        stored = sum(1 for _ in self.account_folder(account).glob("*.json"))
        if stored >= PER_ACCOUNT:
            raise Refused(429, "store_too_many", count=stored)

    def hand_in(self, account: str, body: bytes) -> dict:
        """Check the file, then store it (as UTF-8 JSON) atomically as the account's newest hand-in."""
        self.check_rate(account)
        folder = self.account_folder(account)
        folder.mkdir(mode=0o700, exist_ok=True)
        # the scratch file's name: not ".json", so no listing of hand-ins counts it, whatever it is (not mutated)
        handle, incoming = tempfile.mkstemp(
            prefix=".incoming.",  # pragma: no mutate
            suffix=".tmp",  # pragma: no mutate
            dir=folder,
        )
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(body)
            try:
                student_file, text = canonical_student_file(incoming)
            except StudentWorkError as error:
                # a placeholder reason, replaced by the reader's own in every language (not mutated); the error
                # is their fallback should the file read well a second time, which it cannot (not mutated)
                refused = Refused(400, "store_not_course_file", reason="")  # pragma: no mutate
                refused.reasons = reasons_of(error, incoming)  # pragma: no mutate
                raise refused from None
            owner = self.owners.get(student_file.pseudonym)
            if owner not in (None, account):
                raise Refused(409, "store_pseudonym_taken", pseudonym=student_file.pseudonym)
            # "UTF-8" is the same codec, and without a name the locale's is UTF-8 on the hub: not mutated
            Path(incoming).write_text(text, encoding="utf-8")  # pragma: no mutate
            # fsync needs only the descriptor, which any mode gives: not mutated
            with open(incoming, "rb") as written:  # pragma: no mutate
                os.fsync(written.fileno())
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            os.replace(incoming, folder / f"{stamp}.json")
        finally:
            Path(incoming).unlink(missing_ok=True)
        self.version += 1
        self.recent[account].append(time.monotonic())
        # an account that hands in under a new pseudonym frees its old one
        self.owners = {p: a for p, a in self.owners.items() if a != account}
        self.owners[student_file.pseudonym] = account
        versions = sum(1 for _ in folder.glob("*.json"))
        return {"pseudonym": student_file.pseudonym, "handed_in_at": stamp, "versions": versions}

    def newest_files(self, students: set[str]) -> dict[str, dict]:
        """pseudonym -> the newest hand-in's content, for every student of the class that handed in."""
        found = {}
        for account, newest in self.accounts().items():
            if account in students:
                content = self.read(newest)
                if content:
                    found[content["pseudonym"]] = content
        return found

    @staticmethod
    def read(path: Path) -> dict | None:
        """A stored hand-in's content (one an older store kept in its own encoding too), or None, reported,
        for a file the course cannot read."""
        try:
            return json.loads(canonical_student_file(path)[1])
        except StudentWorkError as error:
            print(f"[handin] left out {path}: {error}", file=sys.stderr)
            return None


FEEDBACK_ITEM = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
MAX_FEEDBACK_CHARACTERS = 5000


class Feedback:
    """The lecturers' feedback on hand-ins: ``<folder>/<account>.json``, item -> its newest feedback
    (text, optional score out of a maximum, when and by whom), written atomically."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    def path(self, account: str) -> Path:
        # nothing safe: "/" is quoted too (letters never are, so a safe set of letters is the same): not mutated
        return self.folder / f"{quote(account, safe='')}.json"  # pragma: no mutate

    def of(self, account: str) -> dict[str, dict]:
        path = self.path(account)
        # "UTF-8" is the same codec, and without a name the locale's is UTF-8 on the hub: not mutated
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}  # pragma: no mutate

    def give(self, account: str, lecturer: str, request: object) -> dict:
        """Check a lecturer's feedback (``{"item", "text", "score"?, "max_score"?}``) and keep it as the
        account's newest for that item."""
        if not isinstance(request, dict):
            raise Refused(400, "feedback_not_an_object")
        item, text = request.get("item"), request.get("text")
        score, max_score = request.get("score"), request.get("max_score")
        if not isinstance(item, str) or not FEEDBACK_ITEM.fullmatch(item):
            raise Refused(400, "feedback_bad_item", found=str(item)[:40])
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_FEEDBACK_CHARACTERS:
            raise Refused(400, "feedback_bad_text", limit=MAX_FEEDBACK_CHARACTERS)
        if score is not None or max_score is not None:
            numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (score, max_score))
            if not numbers or not 0 <= score <= max_score or max_score <= 0:  # type: ignore[operator]
                raise Refused(400, "feedback_bad_score", score=score, max_score=max_score)
        entry = {
            "text": text.strip(),
            "score": score,
            "max_score": max_score,
            "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "by": lecturer,
        }
        everything = {**self.of(account), item: entry}
        # the scratch file's name: read by nobody, whatever it is (not mutated)
        handle, incoming = tempfile.mkstemp(
            prefix=".incoming.",  # pragma: no mutate
            suffix=".tmp",  # pragma: no mutate
            dir=self.folder,
        )
        # the same codec or the hub's locale's, and the file's layout: any of them reads back the same, not mutated
        with os.fdopen(handle, "w", encoding="utf-8") as stream:  # pragma: no mutate
            json.dump(everything, stream, ensure_ascii=False, indent=2)  # pragma: no mutate
        os.replace(incoming, self.path(account))
        return {"item": item, **entry}


HANDOUTS = "handouts.csv"  # in the keys folder: which of its files each assignment gives to students


def read_handouts(keys: Path) -> dict[str, list[str]]:
    """assignment id -> the files of the keys folder it gives to students, from ``handouts.csv``
    (columns ``assignment,file``), each row checked: an id feedback can be given on, a file in the folder."""
    path = keys / HANDOUTS
    try:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    except (OSError, UnicodeDecodeError) as error:
        raise CourseDataError(path, f"cannot be read ({error.__class__.__name__})") from None
    handouts: dict[str, list[str]] = {}
    for line, row in enumerate(rows, start=2):
        assignment, name = (row.get("assignment") or "").strip(), (row.get("file") or "").strip()
        if not FEEDBACK_ITEM.fullmatch(assignment):
            allowed = "an assignment id of a-z, 0-9, - and _ (as feedback names it), e.g. a1"
            raise CourseDataError(
                path, "not an assignment id", line=line, field="assignment", found=assignment, allowed=allowed
            )
        if Path(name).name != name or name == HANDOUTS or not (keys / name).is_file():
            files = ", ".join(sorted(p.name for p in keys.iterdir() if p.is_file() and p.name != HANDOUTS))
            raise CourseDataError(path, "not a file of this folder", line=line, field="file", found=name, allowed=files)
        handouts.setdefault(assignment, []).append(name)
    return handouts


class Releases:
    """Assignments released to the class: ``<folder>/<assignment>/`` holds copies of its handouts and
    ``release.json`` (when, by whom), made in a scratch folder and renamed into place. The handouts come
    from the private keys folder (root's alone) only when a lecturer releases them."""

    def __init__(self, folder: Path, keys: Path):
        self.folder, self.keys = folder, keys
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    def release(self, assignment: object, lecturer: str) -> dict:
        try:
            handouts = read_handouts(self.keys)
        except CourseDataError as error:
            raise Refused(500, "release_bad_list", reason=str(error)) from None
        if not isinstance(assignment, str) or assignment not in handouts:
            raise Refused(404, "release_unknown", found=str(assignment)[:40], allowed=", ".join(sorted(handouts)))
        scratch = Path(tempfile.mkdtemp(prefix=".incoming.", dir=self.folder))
        for name in handouts[assignment]:
            shutil.copyfile(self.keys / name, scratch / name)
        when = datetime.now(UTC).isoformat(timespec="seconds")
        (scratch / "release.json").write_text(json.dumps({"released_at": when, "by": lecturer}), encoding="utf-8")
        target = self.folder / assignment
        if target.exists():  # released again (a corrected handout): the new copy replaces the old
            old = Path(tempfile.mkdtemp(prefix=".old.", dir=self.folder))
            os.replace(target, old / assignment)
            os.replace(scratch, target)
            shutil.rmtree(old)
        else:
            os.replace(scratch, target)
        return {"assignment": assignment, "released_at": when, "files": handouts[assignment]}

    def released(self) -> dict[str, dict]:
        """assignment -> {"released_at", "files": {name: text}} for every released assignment."""
        found = {}
        for folder in sorted(p for p in self.folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            # "UTF-8" is the same codec, and without a name the locale's is UTF-8 on the hub: not mutated
            about = json.loads((folder / "release.json").read_text(encoding="utf-8"))  # pragma: no mutate
            files = {
                p.name: p.read_text(encoding="utf-8")  # pragma: no mutate
                for p in sorted(folder.iterdir())
                if p.name != "release.json"
            }
            found[folder.name] = {"released_at": about["released_at"], "files": files}
        return found


class ClassAccounts:
    """The class's student accounts (hub users other than the lecturers), asked of the hub, cached briefly."""

    def __init__(self, hub_auth: HubAuth, lecturers: set[str]):
        self.hub_auth, self.lecturers = hub_auth, lecturers
        self.value: set[str] = set()
        self.read_at = -CLASS_CACHE_SECONDS

    async def get(self) -> set[str]:
        if time.monotonic() - self.read_at < CLASS_CACHE_SECONDS:
            return self.value
        response = await httpclient.AsyncHTTPClient().fetch(
            url_path_join(self.hub_auth.api_url, "users"),
            headers={"Authorization": f"token {self.hub_auth.api_token}"},
        )
        self.value = {user["name"] for user in json.loads(response.body) if user["name"] not in self.lecturers}
        self.read_at = time.monotonic()
        return self.value


class Handler(HubAuthenticated, web.RequestHandler):
    def initialize(
        self, hub_auth: HubAuth, store: Store, students: ClassAccounts, feedback: Feedback, releases: Releases
    ):
        self.hub_auth, self.store, self.students, self.feedback = hub_auth, store, students, feedback
        self.releases = releases

    def check_xsrf_cookie(self) -> None:  # token-authenticated API calls, never cookies
        return

    def write_error(self, status_code: int, **kwargs) -> None:
        error = kwargs.get("exc_info", (None, None))[1]
        reasons = error.reasons if isinstance(error, Refused) else dict.fromkeys(LANGUAGES, self._reason)
        self.finish({"error": reasons, "status": status_code})

    def account(self) -> str:
        user = self.current_user
        if not user or user.get("kind", "user") != "user":
            raise Refused(403, "store_own_token_only")
        return user["name"]

    def body_json(self, refusal: str) -> object:
        """The request's body read as JSON; a body that is not JSON is refused (400) with ``refusal``."""
        try:
            return json.loads(self.request.body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise Refused(400, refusal) from None

    def lecturer(self) -> str:
        account = self.account()
        if READ_ALL not in self.current_user.get("scopes", []):
            raise Refused(403, "store_lecturers_only")
        return account


@web.stream_request_body
class HandInHandler(Handler):
    """POST: a hand-in, refused before its body is read when it says it is too large, and as soon as
    more than :data:`MAX_BYTES` arrived when it does not say."""

    def prepare(self) -> None:
        self.received = bytearray()
        if self.request.method == "POST":
            declared = self.request.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_BYTES:
                raise Refused(413, "store_too_large", limit=MAX_BYTES // 1_000_000)

    def data_received(self, chunk: bytes) -> None:
        if len(self.received) + len(chunk) > MAX_BYTES:
            raise Refused(413, "store_too_large", limit=MAX_BYTES // 1_000_000)
        self.received.extend(chunk)

    @web.authenticated
    async def post(self) -> None:
        account = self.account()
        if account not in await self.students.get():
            raise Refused(403, "store_not_in_class")
        self.finish(self.store.hand_in(account, bytes(self.received)))

    @web.authenticated
    async def get(self) -> None:
        self.lecturer()
        students = await self.students.get()
        files = self.store.newest_files(students)
        self.finish({"version": self.store.version, "students": len(students), "files": files})


class MineHandler(Handler):
    @web.authenticated
    def get(self) -> None:
        newest = self.store.newest(self.store.account_folder(self.account()))
        self.finish((self.store.read(newest) or {}) if newest else {})


class StatusHandler(Handler):
    @web.authenticated
    async def get(self) -> None:
        self.lecturer()
        students = await self.students.get()
        handed_in = sum(1 for account in self.store.accounts() if account in students)
        self.finish({"version": self.store.version, "handed_in": handed_in, "students": len(students)})


class AccountsHandler(Handler):
    @web.authenticated
    def get(self) -> None:
        self.lecturer()
        self.finish({"accounts": dict(self.store.owners)})


class FeedbackHandler(Handler):
    """POST: a lecturer's feedback on the hand-in of a pseudonym; GET: all of it, keyed by pseudonym."""

    @web.authenticated
    def post(self) -> None:
        lecturer = self.lecturer()
        request = self.body_json("feedback_not_an_object")
        pseudonym = request.get("pseudonym") if isinstance(request, dict) else None
        account = self.store.owners.get(pseudonym) if isinstance(pseudonym, str) else None
        if account is None:
            raise Refused(404, "feedback_no_such_pseudonym", pseudonym=str(pseudonym)[:40])
        self.finish({"pseudonym": pseudonym, **self.feedback.give(account, lecturer, request)})

    @web.authenticated
    def get(self) -> None:
        self.lecturer()
        self.finish({"feedback": {p: self.feedback.of(a) for p, a in sorted(self.store.owners.items())}})


class MyFeedbackHandler(Handler):
    """GET: the caller's own feedback, item -> entry (nobody else's: the account is the token's)."""

    @web.authenticated
    def get(self) -> None:
        self.finish({"feedback": self.feedback.of(self.account())})


class ReleasesHandler(Handler):
    """POST: a lecturer releases an assignment's handouts; GET: what is released, for every class account."""

    @web.authenticated
    def post(self) -> None:
        lecturer = self.lecturer()
        request = self.body_json("release_not_an_object")
        assignment = request.get("assignment") if isinstance(request, dict) else None
        self.finish(self.releases.release(assignment, lecturer))

    @web.authenticated
    async def get(self) -> None:
        account = self.account()
        if account not in await self.students.get() and READ_ALL not in self.current_user.get("scopes", []):
            raise Refused(403, "store_not_in_class")
        self.finish({"releases": self.releases.released()})


def application(
    store: Store, hub_auth: HubAuth, lecturers: set[str], prefix: str, feedback: Feedback, releases: Releases
) -> web.Application:
    settings = {
        "hub_auth": hub_auth,
        "store": store,
        "students": ClassAccounts(hub_auth, lecturers),
        "feedback": feedback,
        "releases": releases,
    }
    return web.Application(
        [
            (url_path_join(prefix, "api/handins"), HandInHandler, settings),
            (url_path_join(prefix, "api/handins/mine"), MineHandler, settings),
            (url_path_join(prefix, "api/status"), StatusHandler, settings),
            (url_path_join(prefix, "api/accounts"), AccountsHandler, settings),
            (url_path_join(prefix, "api/feedback"), FeedbackHandler, settings),
            (url_path_join(prefix, "api/feedback/mine"), MyFeedbackHandler, settings),
            (url_path_join(prefix, "api/releases"), ReleasesHandler, settings),
        ]
    )


def main() -> None:
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/handin/")
    lecturers = {name for name in os.environ.get("COURSE_LECTURERS", "").split(",") if name}
    store = Store(Path(os.environ["COURSE_HANDIN_STORE"]))
    feedback = Feedback(Path(os.environ["COURSE_FEEDBACK_STORE"]))
    releases = Releases(Path(os.environ["COURSE_RELEASE_STORE"]), Path(os.environ["COURSE_KEYS"]))
    app = application(store, HubAuth(cache_max_age=5), lecturers, prefix, feedback, releases)
    url = os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101")
    host, port = url.split("//")[1].split("/")[0].rsplit(":", 1)
    # a body past the limit is cut off by the server itself too (a client that sends more than it declared)
    app.listen(int(port), address=host, max_body_size=MAX_BYTES + 64_000)
    # the hub stops its services with SIGINT (which a shell may have told child processes to ignore),
    # then SIGTERM: either ends the service at once and quietly (every hand-in is already on disk)
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda *_: sys.exit(0))
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
