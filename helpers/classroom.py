"""Reading a class's saved work for the lecturer dashboard (data layer).

A class is a folder of student files (``my_work/*.json``, see ``helpers.student_work``),
or one combined CSV exported from an LMS or a form with the columns::

    pseudonym,kind,item_id,item,value,dimension

one row per score or tag: ``blue_heron,ward,forensic,zingeving,3,`` or
``blue_heron,vignette,mehmet_acute,2,clinical,medication`` (``dimension`` may be empty); an ideal ward or
a redesign as a ward's scores are (``blue_heron,redesign,forensic,grensbepaling,2,``); a quiz or sorter answer
with the situation or statement as item and the option as value (``blue_heron,quiz,quiz_situations,q01,grensbepaling,``,
``blue_heron,sorter,sorter_statements,s01,clinical,``).

``load_class`` never stops at a bad file or row: it uses what it can and lists every file
or row it could not use, with the reason.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.course_data import CourseData
from helpers.decoding import CourseDataError, read_text, sniff_delimiter
from helpers.student_work import (
    ANSWER_KINDS,
    FORMAT_VERSION,
    MOVE_NUMBER,
    StudentFile,
    StudentWorkError,
    pseudonym_warning,
    read_student_file,
)
from helpers.text import t
from helpers.vocabulary import FUNCTION_IDS, PERSPECTIVES, WARD_ITEMS

CSV_COLUMNS = ("pseudonym", "kind", "item_id", "item", "value", "dimension")
WRITING_COLUMNS = ["pseudonym", "kind", "item_id", "field", "text"]
PROPOSAL_COLUMNS = ["pseudonym", "kind", "item_id", "item", "score"]
ANSWER_COLUMNS = ["pseudonym", "kind", "item", "answer"]
SCORE = re.compile(r"[0-4]([.,]0+)?")  # a score in a combined CSV: 0–4, also 3,0 (not "²", not "3.5")


@dataclass
class ClassWork:
    """A class's latest scorings in long form, and everything that could not be used.

    ``ward_scores``: pseudonym, ward_id, item_id, score (one row per student, ward and item).
    ``vignette_tags``: pseudonym, vignette_id, move, orientation, dimension.
    ``problems``: source, reason (one row per file or row not used).
    ``warnings``: source, pseudonym, warning (pseudonyms that look like names or e-mails).
    ``notes``: source, note (files used, with something the lecturer should know, e.g. an older format).
    ``writings``: pseudonym, kind, item_id, field, text (every non-empty text a student wrote: reflections,
    rewrites, notes), newest scoring per kind and item.
    ``proposals``: pseudonym, kind, item_id, item, score (the scores of ideal wards and redesigns: a student's
    own proposal, never compared with the reference).
    ``answers``: pseudonym, kind (``quiz`` or ``sorter``), item (a situation or statement id), answer (the
    option the student checked first, before the key was shown).
    """

    ward_scores: pd.DataFrame
    vignette_tags: pd.DataFrame
    problems: pd.DataFrame
    warnings: pd.DataFrame
    notes: pd.DataFrame
    students: int = 0
    sources: list[str] = field(default_factory=list)
    writings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=WRITING_COLUMNS))
    proposals: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROPOSAL_COLUMNS))
    answers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ANSWER_COLUMNS))

    @classmethod
    def empty(cls) -> ClassWork:
        """A class with no work at all (what the dashboard shows when loading failed)."""
        return cls(
            pd.DataFrame(columns=["pseudonym", "ward_id", "item_id", "score"]),
            pd.DataFrame(columns=["pseudonym", "vignette_id", "move", "orientation", "dimension"]),
            pd.DataFrame(columns=["source", "reason"]),
            pd.DataFrame(columns=["source", "pseudonym", "warning"]),
            pd.DataFrame(columns=["source", "note"]),
        )


class _Collector:
    def __init__(self, course: CourseData):
        self.course = course
        perspectives = course.dimensions["perspective"]
        self.dimensions_of = {name: list(perspectives.index[perspectives == name]) for name in set(perspectives)}
        self.wards: list[tuple] = []
        self.tags: list[tuple] = []
        self.problems: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str, str]] = []
        self.notes: list[tuple[str, str]] = []
        self.writings: list[tuple[str, str, str, str, str]] = []
        self.proposals: list[tuple[str, str, str, str, int]] = []
        self.answers: list[tuple[str, str, str, str]] = []
        self.keys = {"quiz": course.quiz["function_id"], "sorter": course.statements["perspective"]}
        self.options = {"quiz": FUNCTION_IDS, "sorter": PERSPECTIVES}
        self.owner: dict[str, str] = {}

    def claim(self, pseudonym: str, source: str) -> bool:
        """A pseudonym belongs to the first source it appears in; a second source is a duplicate."""
        first = self.owner.get(pseudonym)
        if first is None:
            self.owner[pseudonym] = source
            warning = pseudonym_warning(pseudonym)
            if warning:
                self.warnings.append((source, pseudonym, warning))
            return True
        if first != source:
            self.problems.append((source, t("class_duplicate", pseudonym=pseudonym, first=first)))
            return False
        return True

    def ward(self, source: str, pseudonym: str, ward_id: str, scores: dict) -> None:
        if ward_id not in self.course.wards.index:
            self.problems.append((source, t("class_unknown_ward", ward=ward_id)))
            return
        for item_id, score in scores.items():
            if item_id in WARD_ITEMS:
                self.wards.append((pseudonym, ward_id, item_id, int(score)))

    def proposal(self, source: str, pseudonym: str, kind: str, item_id: str, scores: dict) -> None:
        """An ideal ward (lesson 03) or a redesign (lesson 07): the student's own scores, kept for reading."""
        if kind == "redesign" and item_id not in self.course.wards.index:
            self.problems.append((source, t("class_unknown_ward", ward=item_id)))
            return
        for item, score in scores.items():
            if item in WARD_ITEMS:
                self.proposals.append((pseudonym, kind, item_id, item, int(score)))

    def written(self, pseudonym: str, kind: str, item_id: str, text: dict) -> None:
        """What a student wrote in a scoring (reflections, rewrites): every non-empty text, as written."""
        for name, value in text.items():
            if isinstance(value, str) and value.strip():
                self.writings.append((pseudonym, kind, item_id, name, value))

    def answered(self, source: str, pseudonym: str, kind: str, item_id: str, answers: dict) -> None:
        """A quiz's or sorter's first answers (lesson 02, 05); an item or option the course does not have is
        reported, never counted."""
        if item_id != ANSWER_KINDS[kind]:
            self.problems.append((source, t("class_unknown_quiz", kind=kind, item=item_id, allowed=ANSWER_KINDS[kind])))
            return
        key, options = self.keys[kind], self.options[kind]
        for item, answer in answers.items():
            if item not in key.index:
                self.problems.append((source, t("class_unknown_answer_item", kind=kind, item=item)))
            elif answer not in options:
                allowed = ", ".join(options)
                self.problems.append((source, t("class_bad_answer", item=item, answer=answer, allowed=allowed)))
            else:
                self.answers.append((pseudonym, kind, item, answer))

    def vignette(self, source: str, pseudonym: str, vignette_id: str, tags: dict) -> None:
        vignette = self.course.vignettes.get(vignette_id)
        if vignette is None:
            self.problems.append((source, t("class_unknown_vignette", vignette=vignette_id)))
            return
        for move, tag in tags.items():
            if not MOVE_NUMBER.fullmatch(str(move)) or int(move) not in vignette.moves.index:
                self.problems.append((source, t("class_no_move", vignette=vignette_id, move=repr(move))))
                continue
            orientation, dimension = tag.get("orientation") or "", tag.get("dimension") or ""
            if not orientation:
                continue
            allowed = self.dimensions_of.get(orientation, [])
            if dimension and dimension not in allowed:
                self.problems.append(
                    (
                        source,
                        t(
                            "class_bad_dimension",
                            vignette=vignette_id,
                            move=move,
                            dimension=dimension,
                            orientation=t(f"perspective_{orientation}").lower(),
                            allowed=", ".join(allowed),
                        ),
                    )
                )
                continue
            self.tags.append((pseudonym, vignette_id, int(move), orientation, dimension))

    def result(self, sources: list[str]) -> ClassWork:
        ward_scores = pd.DataFrame(self.wards, columns=["pseudonym", "ward_id", "item_id", "score"])
        ward_scores = ward_scores.drop_duplicates(["pseudonym", "ward_id", "item_id"], keep="last")
        tags = pd.DataFrame(self.tags, columns=["pseudonym", "vignette_id", "move", "orientation", "dimension"])
        tags = tags.drop_duplicates(["pseudonym", "vignette_id", "move"], keep="last")
        writings = pd.DataFrame(self.writings, columns=WRITING_COLUMNS)
        proposals = pd.DataFrame(self.proposals, columns=PROPOSAL_COLUMNS)
        proposals = proposals.drop_duplicates(["pseudonym", "kind", "item_id", "item"], keep="last")
        answers = pd.DataFrame(self.answers, columns=ANSWER_COLUMNS)
        answers = answers.drop_duplicates(["pseudonym", "kind", "item"], keep="last")
        frames = (ward_scores, tags, writings, proposals, answers)
        students = len(set().union(*(frame["pseudonym"] for frame in frames)))
        return ClassWork(
            ward_scores.reset_index(drop=True),
            tags.reset_index(drop=True),
            pd.DataFrame(self.problems, columns=["source", "reason"]).drop_duplicates(),
            pd.DataFrame(self.warnings, columns=["source", "pseudonym", "warning"]),
            pd.DataFrame(self.notes, columns=["source", "note"]),
            students,
            sources,
            writings.reset_index(drop=True),
            proposals.reset_index(drop=True),
            answers.reset_index(drop=True),
        )


def _student_files(folder: Path, collector: _Collector) -> list[Path]:
    """The ``*.json`` entries of a folder (also ``*.JSON``); a folder or a device with such a name is
    reported, never opened (reading a device or a pipe could block the dashboard)."""
    entries = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".json" or path.name.startswith("."):
            continue
        if not path.is_file():
            collector.problems.append((path.name, t("class_not_a_file")))
            continue
        entries.append(path)
    return entries


def _read_folder(folder: Path, collector: _Collector) -> list[str]:
    files = _student_files(folder, collector)
    students = []
    for path in files:
        try:
            students.append(read_student_file(path))
        except StudentWorkError as error:
            collector.problems.append((path.name, error.reason))
        except Exception as error:  # one odd file must never stop the class from loading
            collector.problems.append((path.name, t("class_unexpected", error=f"{type(error).__name__}: {error}")))
    # a file named after its pseudonym owns it; copies such as "fox (1).json" come second
    students.sort(key=lambda student: (student.path.stem != student.pseudonym, student.path.name))
    for student in students:
        _take_student(student, collector)
    return [p.name for p in files]


def _take_student(student: StudentFile, collector: _Collector) -> None:
    """A student's newest scoring of each kind and item, unless another file already holds the pseudonym."""
    source = student.path.name
    if not collector.claim(student.pseudonym, source):
        return
    if student.read_from_version < FORMAT_VERSION and any(s.get("retired_scores") for s in student.scorings):
        collector.notes.append((source, t("class_note_migrated", version=student.read_from_version)))
    latest: dict[tuple[str, str], dict] = {}
    for scoring in student.scorings:
        latest[(scoring["kind"], scoring["item_id"])] = scoring
    for (kind, item_id), scoring in latest.items():
        if kind == "ward":
            collector.ward(source, student.pseudonym, item_id, scoring["scores"])
        elif kind == "vignette":
            collector.vignette(source, student.pseudonym, item_id, scoring["tags"])
        elif kind in ANSWER_KINDS:
            collector.answered(source, student.pseudonym, kind, item_id, scoring.get("answers", {}))
        elif kind in ("ideal", "redesign"):  # the student's own proposal, for the lecturer to read
            collector.proposal(source, student.pseudonym, kind, item_id, scoring["scores"])
        collector.written(student.pseudonym, kind, item_id, scoring.get("text", {}))


def _csv_rows(path: Path, text: str, collector: _Collector) -> list[tuple[int, dict[str, str | None]]]:
    """The rows of a combined CSV with their line numbers; rows from an unclosed quote on are reported."""
    delimiter = sniff_delimiter(text.splitlines()[0])
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or []) and c != "dimension"]
    if missing:
        collector.problems.append(
            (path.name, t("class_column_missing", column=missing[0], columns=", ".join(CSV_COLUMNS)))
        )
        return []
    rows, line = [], reader.line_num
    try:
        for row in reader:
            if any(isinstance(value, str) and value.strip() for value in row.values()):  # Excel's ";;;;" rows
                rows.append((line + 1, row))
            line = reader.line_num
    except csv.Error:
        collector.problems.append((f"{path.name} line {line + 1}", t("class_csv_broken")))
        return rows
    if not rows:
        collector.problems.append((path.name, t("class_no_rows")))
    return rows


def _read_combined_csv(path: Path, collector: _Collector) -> list[str]:
    try:
        text = read_text(path)
    except CourseDataError as error:
        problem = str(error).split(": ", 1)[-1] if error.found is None else f"{error.found}"
        collector.problems.append((path.name, t("class_csv_unreadable", problem=problem)))
        return [path.name]
    rows = _CsvWork()
    for number, row in _csv_rows(path, text, collector):
        rows.take(f"{path.name} line {number}", row, path.name, collector)
    for (pseudonym, ward_id), scores in rows.wards.items():
        collector.ward(path.name, pseudonym, ward_id, scores)
    for (pseudonym, kind, item_id), scores in rows.proposals.items():
        collector.proposal(path.name, pseudonym, kind, item_id, scores)
    for (pseudonym, vignette_id), tags in rows.tags.items():
        collector.vignette(path.name, pseudonym, vignette_id, tags)
    for (pseudonym, kind, item_id), answers in rows.answers.items():
        collector.answered(path.name, pseudonym, kind, item_id, answers)
    return [path.name]


@dataclass
class _CsvWork:
    """What the rows of a combined CSV hold, per student and item, before it goes to the collector."""

    wards: dict[tuple[str, str], dict] = field(default_factory=dict)
    proposals: dict[tuple[str, str, str], dict] = field(default_factory=dict)
    tags: dict[tuple[str, str], dict] = field(default_factory=dict)
    answers: dict[tuple[str, str, str], dict] = field(default_factory=dict)

    def take(self, where: str, row: dict[str, str | None], source: str, collector: _Collector) -> None:
        """One row: a score, a tag or an answer; a row the course cannot use is reported at ``where``."""
        if None in row or any(value is None for value in row.values()):
            collector.problems.append((where, t("class_wrong_fields")))
            return
        pseudonym, kind, item_id, item, value = (str(row[c]).strip() for c in CSV_COLUMNS[:5])
        if not pseudonym or not collector.claim(pseudonym, source):
            if not pseudonym:
                collector.problems.append((where, t("class_empty_pseudonym")))
            return
        if kind in ("ward", "ideal", "redesign"):
            score = _score(where, item, value, collector)
            if score is not None and kind == "ward":
                self.wards.setdefault((pseudonym, item_id), {})[item] = score
            elif score is not None:
                self.proposals.setdefault((pseudonym, kind, item_id), {})[item] = score
        elif kind == "vignette":
            if value not in PERSPECTIVES:
                allowed = ", ".join(PERSPECTIVES)
                collector.problems.append((where, t("class_bad_orientation", value=value, allowed=allowed)))
            else:
                dimension = (row.get("dimension") or "").strip()
                self.tags.setdefault((pseudonym, item_id), {})[item] = {"orientation": value, "dimension": dimension}
        elif kind in ANSWER_KINDS:
            self.answers.setdefault((pseudonym, kind, item_id), {})[item] = value
        else:
            collector.problems.append((where, t("class_bad_kind", kind=kind)))


def _score(where: str, item: str, value: str, collector: _Collector) -> int | None:
    """A ward item's score in a combined CSV, or None when the row is reported."""
    if item not in WARD_ITEMS:
        collector.problems.append((where, t("class_unknown_item", item=item, allowed=", ".join(WARD_ITEMS))))
        return None
    if not SCORE.fullmatch(value):
        collector.problems.append((where, t("class_bad_score", value=value, item=item)))
        return None
    return int(value[0])


def source_path(text: str) -> Path:
    """The folder or file a lecturer typed or pasted: spaces around it and one pair of surrounding quotes
    removed (Windows' "Copy as path" adds double quotes, other tools single ones), ``~`` expanded.

    >>> source_path(' "~/hand-ins" ') == Path.home() / "hand-ins"
    True
    """
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    return Path(text).expanduser()


def load_class(source: Path | str, course: CourseData) -> ClassWork:
    """Load a folder of student files (and any combined ``*.csv`` in it) or one combined CSV; a path given
    as text is read as :func:`source_path` reads it (quotes, ``~``).

    Never raises for what it finds: every file or row it cannot use is one line in ``problems``."""
    source = source_path(source) if isinstance(source, str) else Path(source)
    collector = _Collector(course)
    sources: list[str] = []
    try:
        if source.is_dir():
            sources = _read_folder(source, collector)
            for path in sorted(p for p in source.iterdir() if p.suffix.lower() == ".csv" and p.is_file()):
                sources += _read_combined_csv(path, collector)
            if not sources and collector.problems == []:
                collector.problems.append((source.name or str(source), t("class_empty_folder")))
        elif source.is_file():
            sources = _read_combined_csv(source, collector)
        else:
            collector.problems.append((str(source), t("class_no_source")))
    except OSError as error:  # the folder itself cannot be listed
        collector.problems.append((str(source), t("sw_cannot_read", error=error.strerror or error)))
    return collector.result(sources)
