"""Hand-ins on a class hub: the kernel's side of the hand-in store (``deploy/handin_service.py``).

On a JupyterHub started from ``deploy/jupyterhub_config.py`` every student server gets
``COURSE_HANDIN_URL`` (the store) and ``JUPYTERHUB_API_TOKEN`` (the hub's token for this
student's own server). The store reads the student's identity from that token, never from the
pseudonym typed in a widget; outside a hub the functions here are not offered.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

from helpers.student_work import check_pseudonym, write_atomically
from helpers.text import get_language

HANDIN_ENV = "COURSE_HANDIN_URL"
TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
TIMEOUT_SECONDS = 10


class HandInError(Exception):
    """The store refused a request or could not be reached; ``reason`` says why, ``status`` is the
    HTTP status (0 when the store did not answer)."""

    def __init__(self, status: int, reason: str):
        self.status, self.reason = status, reason
        super().__init__(f"{status}: {reason}")


def on_hub() -> bool:
    """True in a student's or lecturer's server on the course's class hub."""
    return bool(os.environ.get(HANDIN_ENV) and os.environ.get(TOKEN_ENV))


def _request(path: str, body: bytes | None = None) -> dict:
    request = urllib.request.Request(
        os.environ[HANDIN_ENV].rstrip("/") + "/api/" + path,
        data=body,
        method="POST" if body is not None else "GET",
        headers={"Authorization": f"token {os.environ[TOKEN_ENV]}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        raise HandInError(error.code, refusal_reason(error.read(), error.reason)) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        raise HandInError(0, f"the hand-in store does not answer ({error})") from None


def refusal_reason(body: bytes, fallback: str) -> str:
    """The store's reason for a refusal in the student's language: its JSON body carries one per language.

    >>> refusal_reason(b'{"error": {"en": "too large", "nl": "te groot"}}', "Bad Request")  # in English
    'too large'
    >>> refusal_reason(b"<html>proxy error</html>", "Bad Gateway")
    'Bad Gateway'
    """
    try:
        error = json.loads(body).get("error")
    except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
        return str(fallback)
    if isinstance(error, dict):
        return str(error.get(get_language()) or error.get("en") or fallback)
    return str(error or fallback)


def hand_in(path: Path) -> dict:
    """Send the student's saved file as their newest hand-in; returns the store's receipt."""
    return _request("handins", Path(path).read_bytes())


def class_status() -> dict:
    """Lecturers: ``{"version", "handed_in", "students"}``; the version changes on every hand-in."""
    return _request("status")


def class_accounts() -> dict[str, str]:
    """Lecturers: which hub account handed in under which pseudonym."""
    return _request("accounts")["accounts"]


def fetch_class(folder: Path) -> dict:
    """Lecturers: write every student's newest hand-in into ``folder`` (one file per pseudonym, files
    of pseudonyms no longer handed in removed) and return ``{"version", "students"}``."""
    answer = _request("handins")
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for pseudonym, content in answer["files"].items():
        name = f"{check_pseudonym(pseudonym)}.json"
        wanted.add(name)
        write_atomically(folder / name, json.dumps(content, indent=2, ensure_ascii=False) + "\n")
    for stale in folder.glob("*.json"):
        if stale.name not in wanted:
            stale.unlink()
    return {"version": answer["version"], "students": answer["students"]}


def my_feedback() -> dict[str, dict]:
    """The student's own feedback from their lecturer: item (a lesson such as ``"03"``, or an assignment)
    -> ``{"text", "score", "max_score", "written_at", "by"}``."""
    return _request("feedback/mine")["feedback"]


def give_feedback(pseudonym: str, item: str, text: str, score: float | None = None, max_score: float | None = None):
    """Lecturers: feedback (and optionally a score out of ``max_score``) on a pseudonym's hand-in."""
    body = {"pseudonym": pseudonym, "item": item, "text": text, "score": score, "max_score": max_score}
    return _request("feedback", json.dumps(body).encode())


def class_feedback() -> dict[str, dict[str, dict]]:
    """Lecturers: every pseudonym's feedback, item -> entry."""
    return _request("feedback")["feedback"]


def release(assignment: str) -> dict:
    """Lecturers: release an assignment's handouts (``lecturer/keys/handouts.csv`` lists them) to the class."""
    return _request("releases", json.dumps({"assignment": assignment}).encode())


def fetch_releases(folder: Path) -> dict[str, dict]:
    """The assignments released to the class, each handout written into ``folder/<assignment>/`` once (a
    copy the student already has is theirs and stays as it is): assignment -> ``{"released_at", "files"}``
    with the handouts' paths."""
    found = {}
    for assignment, released in _request("releases")["releases"].items():
        paths = []
        for name, text in released["files"].items():
            target = folder / Path(assignment).name / Path(name).name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(target, text)
            paths.append(target)
        found[assignment] = {"released_at": released["released_at"], "files": paths}
    return found
