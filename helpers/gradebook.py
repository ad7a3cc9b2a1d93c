"""Grades and completion for the LMS: the class's results as a table, and that table in the import
format of Canvas, Brightspace or Moodle, for the students a lecturer's mapping file names.

Results come from two places on the class hub: the lecturer's feedback (a score out of a maximum per
item: a lesson such as ``03`` or an assignment) and the hand-ins (a lesson counts as completed when the
student's file holds its work). The mapping (``pseudonym or hub account -> LMS id``) is the only place
a real identity enters; a student with results and no mapping is listed, never silently dropped.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

# which lesson a kind of saved work belongs to (helpers/student_work.py writes the kinds)
LESSON_OF_KIND = {"ward": "03", "ideal": "03", "quiz": "02", "sorter": "05", "vignette": "06", "redesign": "07"}
LMS_FORMATS = ("canvas", "brightspace", "moodle")
RESULT_COLUMNS = ["pseudonym", "account", "item", "points", "max_points", "feedback"]


def results_table(
    handed_in: dict[str, dict], feedback: dict[str, dict[str, dict]], accounts: dict[str, str]
) -> pd.DataFrame:
    """One row per student and item: each feedback score (points out of max_points, with its text) and
    each lesson completed in the newest hand-in (``lesson 03 completed``: 1 of 1).

    >>> files = {"Blue-Heron": {"scorings": [{"kind": "ward"}, {"kind": "vignette"}]}}
    >>> notes = {"Blue-Heron": {"a1": {"score": 7, "max_score": 10, "text": "Goed"}}}
    >>> results_table(files, notes, {"Blue-Heron": "s1234567"})[["item", "points", "max_points"]].values.tolist()
    [['a1', 7.0, 10.0], ['lesson 03 completed', 1.0, 1.0], ['lesson 06 completed', 1.0, 1.0]]
    """
    rows = []
    for pseudonym in sorted(set(handed_in) | set(feedback)):
        account = accounts.get(pseudonym, "")
        for item, entry in sorted(feedback.get(pseudonym, {}).items()):
            if entry.get("score") is not None:
                rows.append([pseudonym, account, item, float(entry["score"]), float(entry["max_score"]), entry["text"]])
        lessons = {LESSON_OF_KIND.get(s.get("kind")) for s in handed_in.get(pseudonym, {}).get("scorings", [])}
        for lesson in sorted(lesson for lesson in lessons if lesson):
            rows.append([pseudonym, account, f"lesson {lesson} completed", 1.0, 1.0, ""])
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def export_grades(results: pd.DataFrame, mapping: pd.DataFrame, lms: str) -> tuple[str, list[str]]:
    """The results of the mapped students as a CSV in ``lms``'s import format, and the pseudonyms with
    results but no mapping (to be listed to the lecturer). ``mapping`` has the columns ``student`` (a
    pseudonym or hub account), ``lms_id`` and ``name``; a mapped student without results gets an empty
    cell, which each LMS reads as "no grade", not zero."""
    if lms not in LMS_FORMATS:
        raise ValueError(f"lms must be one of {', '.join(LMS_FORMATS)}; found {lms!r}")
    by_student = {row.student: row for row in mapping.itertuples()}
    matched = results.assign(
        student=[p if p in by_student else a for p, a in zip(results["pseudonym"], results["account"], strict=True)]
    )
    mapped = matched["student"].isin(list(by_student))
    unmapped = sorted(set(matched.loc[~mapped, "pseudonym"]))
    matched = matched[mapped]
    items = sorted(set(matched["item"]))  # an item only unmapped students have would be an empty column
    maxima = {str(item): float(top) for item, top in matched.groupby("item")["max_points"].max().items()}
    points = matched.pivot_table(index="student", columns="item", values="points", aggfunc="last")
    feedback = matched.pivot_table(index="student", columns="item", values="feedback", aggfunc="last")
    header, lines = _layout(lms, items, maxima)
    for row in mapping.itertuples():
        scores = [_number(points.at[row.student, item]) if row.student in points.index else "" for item in items]
        notes = [_text(feedback.at[row.student, item]) if row.student in feedback.index else "" for item in items]
        lines.append(_row(lms, row, scores, notes))
    output = io.StringIO()
    csv.writer(output, lineterminator="\r\n").writerows([header, *lines])
    return output.getvalue(), unmapped


def _layout(lms: str, items: list[str], maxima: dict[str, float]) -> tuple[list[str], list[list[str]]]:
    if lms == "canvas":  # Canvas: five identity columns, one per assignment, then its points possible
        header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *items]
        return header, [["Points Possible", "", "", "", "", *(_number(maxima[item]) for item in items)]]
    if lms == "brightspace":  # Brightspace: the id, "<item> Points Grade" per item, the end-of-line marker
        return ["OrgDefinedId", *(f"{item} Points Grade" for item in items), "End-of-Line Indicator"], []
    return ["ID number", "Name", *(part for item in items for part in (item, f"{item} feedback"))], []


def _row(lms: str, row, scores: list[str], notes: list[str]) -> list[str]:
    if lms == "canvas":
        return [row.name, "", row.lms_id, "", "", *scores]
    if lms == "brightspace":
        return [row.lms_id, *scores, "#"]
    return [row.lms_id, row.name, *(part for pair in zip(scores, notes, strict=True) for part in pair)]


def _number(value: object) -> str:
    """A points value as an LMS reads it: no decimals for a whole number, a decimal point otherwise."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    number = float(value)  # type: ignore[arg-type]
    return str(int(number)) if number.is_integer() else f"{number:g}"


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
