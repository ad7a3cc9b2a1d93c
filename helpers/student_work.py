"""Saving and loading a student's work: one human-readable JSON file per pseudonym.

A file looks like this (``my_work/blue_heron.json``)::

    {
      "format": "social-systems-course/student-work",
      "format_version": 4,
      "pseudonym": "blue_heron",
      "scorings": [
        {"kind": "ward", "item_id": "acute_admission", "saved_at": "2026-11-24T10:00:00+00:00",
         "course_version": "2.0.0",
         "scores": {"grensbepaling": 4, "zingeving_clients": 4, "goal_shared": 3},
         "tags": {},
         "text": {"notes": "…"}}
      ]
    }

``kind`` is ``ward`` (ward scorer), ``ideal`` (the student's ideal ward), ``redesign``
(the recovery-oriented redesign), ``vignette`` (vignette scorer, ``tags`` per move:
``{"1": {"orientation": "personal", "dimension": "hope"}}``), ``quiz`` (lesson 02's quiz, item
``quiz_situations``) or ``sorter`` (lesson 05's sorter, item ``sorter_statements``). A quiz or sorter
scoring keeps ``answers``, the option the student checked *first* per situation or statement
(``{"q01": "grensbepaling"}``, ``{"s01": "clinical"}``: what the class's item analysis counts, as a
second try comes after the key was shown), and ``later_answers``, the option checked last where the
student checked another one after that. ``text`` holds what the student wrote,
by name: a ward scoring's reason per item (``reason_<item>``, e.g. ``reason_grensbepaling``), a
vignette's rewrite per move (``rewrite_<move>``, e.g. ``rewrite_5``), a redesign's reflections
(``reflect_changed_most``, ``reflect_eigen_regie``, ``reflect_staff``). A ward or vignette scoring may
say ``"committed": true`` when the student had committed it (the feedback is then shown again on
Load); the field is optional, files without it (course 2.1 and older) load as before. Every save
*appends* a scoring, so earlier work is never lost; the newest scoring per kind and item counts,
and the newest scoring of an app's kinds tells which item the student worked on last.
Writes are atomic (temporary file, then rename), and a file that is corrupt or not
ours is reported, never overwritten; a save that fails (a read-only folder, a full disk)
raises :class:`SaveFailed` and leaves the earlier file as it was.

The format is published as a JSON Schema, ``helpers/student_work.schema.json``
(:func:`schema`), so an LMS script or another tool can check a hand-in; the course checks every
file against it when it reads or saves one (:func:`format_problem`), and says what is wrong as the
course says it: the scoring, the field, the value found and what is allowed, in the student's
language (``helpers/text.py``). What the schema cannot express (the course version's major, whether a
ward, vignette or dimension exists) is checked in code.

Format history: version 1 (course 1.x) scored zingeving as a 0–4 dial like the other
functions. Version 2 (course 2.x) scores it as three parts — experienced by clients, by staff,
accepted by the surroundings — so a version-1 file is migrated when read: each old ``zingeving``
score moves to ``retired_scores`` (kept in the file, never shown as a current score), and the
student is told to score zingeving's three parts again. Everything else carries over.
Version 3 (course versions after 2.1.0) keeps a rewrite per move: a vignette scoring of an older file held one rewrite,
``{"rewrite_move": "5", "rewrite": "…"}``, which is read as ``{"rewrite_5": "…"}`` (a rewrite that
names no move stays ``rewrite``); and a ward scoring may hold a reason per item. Older files load as before.
Version 4 (course versions after 2.1.0) adds the kinds ``quiz`` and ``sorter`` with their ``answers``: an
older file holds no quiz or sorter work and is read as it is (nothing to migrate); a course that reads
only versions 1–3 refuses a version-4 file, rather than dropping its answers when it saves.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from helpers import __version__
from helpers.decoding import UnreadableText, decode_text, find_data_dir
from helpers.text import t

FORMAT = "social-systems-course/student-work"
FORMAT_VERSION = 4
READABLE_FORMAT_VERSIONS = (1, 2, 3, 4)
# Which course major versions may have written the scorings in a file of each format version
# (a file of version 2 or later keeps the migrated scorings of course 1.x).
COURSE_MAJORS = {1: ("1",), 2: ("1", "2"), 3: ("1", "2"), 4: ("1", "2")}
RETIRED_ITEMS = {1: ("zingeving",)}  # per old format version: score items the course no longer uses
KINDS = ("ward", "ideal", "redesign", "vignette", "quiz", "sorter")
ANSWER_KINDS = {"quiz": "quiz_situations", "sorter": "sorter_statements"}  # kind -> its item_id (the data file)
WORK_ENV = "COURSE_WORK_DIR"
PSEUDONYM_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$")
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
FULL_NAME_PATTERN = re.compile(r"^[A-Z][a-z]+([ _.-](van|de|der|den|ter|ten|[A-Z][a-z]+))+$")
# Names Windows keeps for devices: a file "con.json" cannot be made there (nor be copied from elsewhere).
RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(10)]
)
SCHEMA_FILE = Path(__file__).with_name("student_work.schema.json")
MAX_BYTES = 10_000_000  # a year of saves is a few hundred kB; anything far larger is not a course file
MOVE_NUMBER = re.compile(r"[0-9]+")


class StudentWorkError(ValueError):
    """A student file cannot be read or written; the message names the file and the reason
    (in the student's language)."""

    def __init__(self, file: Path | str, reason: str):
        self.file, self.reason = str(file), reason
        super().__init__(f"{file}: {reason}")


class SaveFailed(StudentWorkError):
    """Writing a student file failed (a read-only folder, a full disk…); the earlier file is unchanged."""


class PseudonymError(ValueError):
    """A pseudonym that cannot name a file; ``reason`` says why, in the student's language."""

    def __init__(self, pseudonym: str, reason: str):
        self.pseudonym, self.reason = pseudonym, reason
        super().__init__(f"pseudonym {pseudonym!r} is not allowed: {reason}")


@cache
def schema() -> dict:
    """The published format of a student file, as a JSON Schema (draft 2020-12)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _is_moment(stamp: str) -> bool:
    """Whether ``stamp`` is a moment the course can read (:func:`moment`): the schema's ``date-time``."""
    try:
        datetime.fromisoformat(stamp)
    except ValueError:
        return False
    return True


@cache
def _validator() -> Any:
    # The schema compiled to Python code: 0.14 ms a file, which a class dashboard pays for every file on every
    # refresh. Imported when a file is first read (a lesson starts without it); it ships no type information.
    fastjsonschema = importlib.import_module("fastjsonschema")
    return fastjsonschema.compile(schema(), formats={"date-time": _is_moment})


def format_problem(content: object) -> str | None:
    """Where ``content`` does not follow the published format, in the student's language (the field, the value
    found and what is allowed), or None when it does."""
    try:
        _validator()(content)
    except ValueError as error:  # fastjsonschema's JsonSchemaValueException: the first problem found
        if not isinstance(content, dict) or content.get("format") != FORMAT:
            return t("sw_not_a_course_file", format=FORMAT)
        return _course_message(error)
    return None


def _course_message(error: Any) -> str:
    """A schema error as the course says it: ``scoring 2: field 'scores.grensbepaling' is 5; allowed: a whole
    number from 0 to 4``."""
    place = error.name.removeprefix("data").lstrip(".")
    if error.rule == "required":
        missing = next(name for name in error.rule_definition if name not in error.value)
        place = f"{place}.{missing}".lstrip(".")
    scoring = SCORING_PLACE.fullmatch(place)
    field = scoring["field"] if scoring else _where(place)
    if error.rule == "required":
        problem = t("sw_field_missing", field=field)
    else:
        problem = t("sw_field_wrong", field=field, found=_found(error), allowed=_allowed(error))
    return t("sw_in_scoring", number=int(scoring["index"]) + 1, problem=problem) if scoring else problem


def _found(error: Any) -> str:
    """The value that breaks the rule, as JSON (a key, where the rule is about an object's keys)."""
    found = error.value
    if error.rule == "propertyNames":  # the first key that breaks the rule, not the whole object
        found = next(key for key in error.value if not re.search(error.rule_definition["pattern"], key))
    text = json.dumps(found, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


SCORING_PLACE = re.compile(r"scorings\[(?P<index>[0-9]+)\]\.(?P<field>.+)")  # a field of one scoring


def _where(place: str) -> str:
    """A place in a student file as the messages name it, scorings counted from 1: ``scorings[1]``."""
    return re.sub(r"\[([0-9]+)\]", lambda number: f"[{int(number[1]) + 1}]", place)


def _allowed(error: Any) -> str:
    """What the part of the schema that was broken allows, in the student's language."""
    rule = error.rule_definition if error.rule == "propertyNames" else error.definition
    if "enum" in rule:
        return ", ".join(t("sw_allowed_empty") if value == "" else str(value) for value in rule["enum"])
    if "pattern" in rule:
        return t(ALLOWED_PATTERNS[rule["pattern"]])
    if rule.get("format") == "date-time":
        return t("sw_allowed_moment")
    if rule.get("type") == "integer":
        return t("sw_allowed_whole_number", low=rule["minimum"], high=rule["maximum"])
    if rule.get("minLength"):
        return t("sw_allowed_text")
    return t(ALLOWED_TYPES[rule["type"]])


# What the schema's patterns and types allow, in words (a test checks that every one in the schema is here).
ALLOWED_PATTERNS = {PSEUDONYM_PATTERN.pattern: "sw_allowed_pseudonym", "^[0-9]+$": "sw_allowed_move"}
ALLOWED_TYPES = {
    "object": "sw_allowed_object",
    "array": "sw_allowed_list",
    "string": "sw_allowed_any_text",
    "boolean": "sw_allowed_boolean",
}


def work_dir() -> Path:
    """Where student files live: ``$COURSE_WORK_DIR``, else ``my_work/`` beside ``data/``."""
    if os.environ.get(WORK_ENV):
        return Path(os.environ[WORK_ENV])
    return find_data_dir().parent / "my_work"


def check_pseudonym(pseudonym: str) -> str:
    """The pseudonym, stripped; raises :class:`PseudonymError` (a ValueError) when it cannot name a file
    on every computer: 2–40 letters, digits, - or _, and not a name Windows keeps for a device (CON, NUL…)."""
    pseudonym = pseudonym.strip()
    if not PSEUDONYM_PATTERN.fullmatch(pseudonym):
        raise PseudonymError(pseudonym, t("pseudonym_invalid"))
    if pseudonym.lower() in RESERVED_NAMES:
        raise PseudonymError(pseudonym, t("sw_pseudonym_reserved", pseudonym=pseudonym))
    return pseudonym


def pseudonym_warning(pseudonym: str) -> str | None:
    """A warning when a pseudonym looks like an e-mail address or a full name, else None."""
    if EMAIL_PATTERN.search(pseudonym):
        return t("sw_looks_like_email")
    if FULL_NAME_PATTERN.match(pseudonym.strip()):
        return t("sw_looks_like_name")
    return None


@dataclass
class StudentFile:
    """One student's file: pseudonym, all scorings (oldest first) and the format version it was read in."""

    path: Path
    pseudonym: str
    scorings: list[dict]
    read_from_version: int = FORMAT_VERSION
    extra: dict = field(default_factory=dict)  # fields the course does not use: kept when it saves

    def latest(self, kind: str, item_id: str) -> dict | None:
        """The newest scoring of ``kind`` for ``item_id``, or None."""
        matching = [s for s in self.scorings if s["kind"] == kind and s["item_id"] == item_id]
        return matching[-1] if matching else None


def moment(stamp: str | datetime) -> datetime:
    """A ``saved_at`` stamp as a time-zone-aware moment; a stamp without a time zone is UTC, as the course
    writes them.

    >>> moment("2026-12-06T17:32:05") == moment("2026-12-06T18:32:05+01:00")
    True
    """
    when = datetime.fromisoformat(stamp) if isinstance(stamp, str) else stamp
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def local_time(stamp: str | datetime, date: bool = True) -> str:
    """A moment as the student's own clock shows it: files store UTC (``saved_at``), a student sees local
    time, with the date (``2026-12-06 18:32``) or without (``18:32``), wherever the course shows a time."""
    return moment(stamp).astimezone().strftime("%Y-%m-%d %H:%M" if date else "%H:%M")


def newest_scoring(scorings: list[dict], kinds: tuple[str, ...]) -> dict | None:
    """The newest scoring of any of ``kinds``, whatever its item (the one the student worked on last),
    or None. Newest is the last saved: every save appends, so the file's order is the order of saving
    (a clock set wrong does not change it).

    >>> newest_scoring([{"kind": "ward", "item_id": "a"}, {"kind": "ward", "item_id": "b"},
    ...                 {"kind": "vignette", "item_id": "v"}], ("ward", "ideal"))["item_id"]
    'b'
    """
    matching = [s for s in scorings if s.get("kind") in kinds]
    return matching[-1] if matching else None


def migrate_scoring(scoring: dict, from_version: int) -> dict:
    """A scoring saved in an older format, in today's shape: scores of retired items move to
    ``retired_scores`` (kept, not lost); a vignette's one rewrite of format 1 or 2 becomes the rewrite
    of its move (:func:`rewrite_per_move`); everything else stays as it was."""
    if from_version < 3 and scoring.get("kind") == "vignette":
        scoring = {**scoring, "text": rewrite_per_move(scoring.get("text", {}))}
    retired = RETIRED_ITEMS.get(from_version, ())
    scores = scoring.get("scores")
    if not isinstance(scores, dict) or not any(item in scores for item in retired):
        return scoring
    moved = {item: scores[item] for item in retired if item in scores}
    return {
        **scoring,
        "scores": {k: v for k, v in scores.items() if k not in retired},
        "retired_scores": {**scoring.get("retired_scores", {}), **moved},
    }


def rewrite_per_move(text: dict) -> dict:
    """A vignette's text of format 1 or 2 (one rewrite and the move it rewrote) as format 3 keeps it: the
    rewrite under ``rewrite_<move>``. A rewrite that names no move (a vignette without clinical moves)
    stays ``rewrite``; an empty one is left out.

    >>> rewrite_per_move({"rewrite_move": "5", "rewrite": "Ask Mehmet first."})
    {'rewrite_5': 'Ask Mehmet first.'}
    >>> rewrite_per_move({"rewrite_move": "2", "rewrite": ""}), rewrite_per_move({"rewrite_move": "", "rewrite": "x"})
    ({}, {'rewrite': 'x'})
    """
    if "rewrite_move" not in text and "rewrite" not in text:
        return text
    kept = {k: v for k, v in text.items() if k not in ("rewrite_move", "rewrite")}
    move, rewrite = str(text.get("rewrite_move", "")), text.get("rewrite", "")
    if isinstance(rewrite, str) and rewrite.strip():
        kept[f"rewrite_{move}" if MOVE_NUMBER.fullmatch(move) else "rewrite"] = rewrite
    return kept


def _check_course_version(path: Path, number: int, scoring: dict, majors: tuple[str, ...]) -> None:
    """A scoring was saved by a course of one of ``majors`` (what the schema cannot know)."""
    if scoring["course_version"].split(".")[0] not in majors:
        raise StudentWorkError(
            path, t("sw_course_version", number=number, found=scoring["course_version"], version=__version__)
        )


def _with_defaults(scoring: dict) -> dict:
    """A scoring with the parts a file may leave out (an older one, a hand-edited one) as empty objects, and its
    scores as whole numbers (JSON Schema lets a hand-edited ``3.0`` through as an integer)."""
    for name in ("scores", "tags", "text"):
        scoring.setdefault(name, {})
    for name in ("scores", "retired_scores"):
        if name in scoring:
            scoring[name] = {item: int(value) for item, value in scoring[name].items()}
    return scoring


def _read_json(path: Path) -> object:
    """The parsed content of a student file; StudentWorkError (in the student's language) when the file is
    missing, not a file, unreadable, too large, in an encoding the course does not read, or not JSON."""
    try:
        if not path.exists():
            raise StudentWorkError(path, t("sw_not_found"))
        if not path.is_file():
            raise StudentWorkError(path, t("sw_not_a_file"))
        if path.stat().st_size > MAX_BYTES:
            size = round(path.stat().st_size / 1_000_000)
            raise StudentWorkError(path, t("sw_too_large", size=size, limit=MAX_BYTES // 1_000_000))
        raw = path.read_bytes()
    except OSError as error:
        raise StudentWorkError(path, t("sw_cannot_read", error=error.strerror or error)) from None
    try:
        text = decode_text(raw)[0]
    except UnreadableText as problem:
        raise StudentWorkError(path, t("sw_encoding", found=problem.name)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise StudentWorkError(path, t("sw_corrupt_json", line=error.lineno, column=error.colno)) from None
    except (ValueError, RecursionError):  # a number with thousands of digits, nesting thousands deep
        raise StudentWorkError(path, t("sw_corrupt_json", line="?", column="?")) from None


def read_student_file(path: Path | str) -> StudentFile:
    """Read and check one student file; raises StudentWorkError naming the file and the reason."""
    path = Path(path)
    content = _read_json(path)
    problem = format_problem(content)
    if problem:
        raise StudentWorkError(path, problem)
    assert isinstance(content, dict)  # the schema says so
    version = content["format_version"]
    for number, scoring in enumerate(content["scorings"], 1):
        _check_course_version(path, number, scoring, COURSE_MAJORS[version])
    scorings = [migrate_scoring(_with_defaults(s), version) for s in content["scorings"]]
    extra = {k: v for k, v in content.items() if k not in ("format", "format_version", "pseudonym", "scorings")}
    return StudentFile(path, content["pseudonym"], scorings, version, extra)


def canonical_student_file(path: Path | str) -> tuple[StudentFile, str]:
    """Check a student file and return it with its content as UTF-8 JSON text, whatever encoding or
    byte-order mark it came in: what a store keeps, so that it reads back as it was checked."""
    checked = read_student_file(path)
    # the text's layout (indent, escapes) reads back as the same content whatever it is: not mutated
    return checked, json.dumps(_read_json(Path(path)), indent=2, ensure_ascii=False) + "\n"  # pragma: no mutate


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename,
    so a failure half-way leaves the old file as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def student_path(pseudonym: str, folder: Path | None = None) -> Path:
    """The file of a pseudonym in the work folder."""
    return (folder or work_dir()) / f"{check_pseudonym(pseudonym)}.json"


def save_scoring(
    pseudonym: str,
    kind: str,
    item_id: str,
    *,
    scores: dict | None = None,
    tags: dict | None = None,
    text: dict | None = None,
    folder: Path | None = None,
    now: datetime | None = None,
    committed: bool | None = None,
    answers: dict | None = None,
    later_answers: dict | None = None,
) -> Path:
    """Append one scoring to the student's file (created when new) and return its path. ``committed``
    (optional, left out when None) records whether the student had committed it; ``answers`` and
    ``later_answers`` (a quiz's or sorter's, left out when None) the options chosen per item.

    Raises StudentWorkError when the existing file is corrupt or not a course file:
    it is then left untouched.
    """
    path = student_path(pseudonym, folder)
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} not allowed; allowed: {', '.join(KINDS)}")
    before = read_student_file(path) if path.exists() else None
    if before is not None and before.pseudonym != check_pseudonym(pseudonym):
        # Windows and macOS do not tell Fox.json from fox.json: never add to another student's file
        raise StudentWorkError(path, t("sw_other_pseudonym", owner=before.pseudonym, pseudonym=pseudonym.strip()))
    existing = before.scorings if before else []
    scoring: dict[str, Any] = {
        "kind": kind,
        "item_id": item_id,
        "saved_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "course_version": __version__,
        "scores": {k: int(v) for k, v in (scores or {}).items()},
        "tags": {str(k): dict(v) for k, v in (tags or {}).items()},
        "text": {k: str(v) for k, v in (text or {}).items()},
    }
    if committed is not None:
        scoring["committed"] = bool(committed)
    for name, chosen in (("answers", answers), ("later_answers", later_answers)):
        if chosen is not None:
            scoring[name] = {str(k): str(v) for k, v in chosen.items()}
    content = {
        **(before.extra if before else {}),
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "pseudonym": check_pseudonym(pseudonym),
        "scorings": [*existing, scoring],
    }
    problem = format_problem(content)
    if problem:
        raise StudentWorkError(path, problem)
    try:
        write_atomically(path, json.dumps(content, indent=2, ensure_ascii=False) + "\n")
    except OSError as error:
        raise SaveFailed(path, t("sw_write_failed", error=error.strerror or error)) from error
    return path


def load_latest(pseudonym: str, kind: str, item_id: str, folder: Path | None = None) -> dict | None:
    """The student's newest scoring of ``kind`` for ``item_id``, or None when there is none."""
    path = student_path(pseudonym, folder)
    return read_student_file(path).latest(kind, item_id) if path.exists() else None


def load_newest(pseudonym: str, kinds: tuple[str, ...], folder: Path | None = None) -> dict | None:
    """The student's newest scoring of any of ``kinds``, whatever its item, or None (see :func:`newest_scoring`)."""
    path = student_path(pseudonym, folder)
    return newest_scoring(read_student_file(path).scorings, kinds) if path.exists() else None


# ---------------------------------------------------------------- the student's course settings

SETTINGS_FILE = "settings.json"
SETTINGS_FORMAT = "social-systems-course/settings"


def saved_language(folder: Path | None = None) -> str | None:
    """The language the student chose with the language switch, or None when they never chose
    (or the settings file cannot be read: the choice is then simply asked again)."""
    path = (folder or work_dir()) / SETTINGS_FILE
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(content, dict) or content.get("format") != SETTINGS_FORMAT:
        return None
    language = content.get("language")
    return language if language in ("en", "nl") else None


def save_language(language: str, folder: Path | None = None) -> Path:
    """Remember the student's choice of language for every lesson, also after a restart
    (``my_work/settings.json``, beside their saved work)."""
    if language not in ("en", "nl"):
        raise ValueError(f"language must be en or nl; found {language!r}")
    path = (folder or work_dir()) / SETTINGS_FILE
    write_atomically(path, json.dumps({"format": SETTINGS_FORMAT, "language": language}, indent=2) + "\n")
    return path
