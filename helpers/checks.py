"""The rules a course table's values must follow, one method each: a valid id, one of a list, a whole number in
a range, a non-empty text, words from a list, a row for each of a set, no duplicates, a value fixed by another
column. A broken rule raises :class:`~helpers.decoding.CourseDataError` with the file, the line, the field,
the value found and what is allowed. ``helpers/course_data.py`` declares which rules each data file follows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.decoding import CourseDataError

ID_PATTERN = re.compile(r"^[a-z0-9_]+$")
WHOLE_NUMBER = re.compile(r"-?[0-9]+([.,]0+)?")


@dataclass
class Checker:
    """Checks the columns of one table read by :func:`~helpers.decoding.read_csv` and raises a precise
    CourseDataError on the first row that breaks a rule. A check of a number or a list also converts
    the column (``"3,0"`` becomes 3, ``"voluntary wvggz"`` a tuple)."""

    path: Path
    frame: pd.DataFrame

    def fail(self, row: pd.Series, column: str, problem: str, allowed: str) -> None:
        found = row[column]
        found = " ".join(found) if isinstance(found, tuple) else found  # a list read from the file, as written there
        found = found.item() if hasattr(found, "item") else found  # a number read from the file, not numpy's repr
        raise CourseDataError(self.path, problem, line=int(row["_line"]), field=column, found=found, allowed=allowed)

    def first(self, wrong: pd.Series, column: str, problem: str, allowed: str) -> None:
        """Fail on the first row where ``wrong`` is true (checks are vectorised: a course loads on every lesson)."""
        if wrong.any():
            self.fail(self.frame[wrong.to_numpy()].iloc[0], column, problem, allowed)

    def text(self, *columns: str) -> None:
        for name in columns:
            self.first(self.frame[name] == "", name, "empty text", "a non-empty text")

    def ids(self, column: str, unique: bool = True) -> None:
        values = self.frame[column]
        valid = values.map(lambda value: bool(ID_PATTERN.fullmatch(value)))
        self.first(~valid, column, "not a valid id", "lower-case letters, digits and _")
        if unique:
            self.first(values.duplicated(), column, "duplicate id", "each id once")

    def choice(self, column: str, allowed: tuple[str, ...] | list[str], what: str) -> None:
        self.first(~self.frame[column].isin(list(allowed)), column, f"unknown {what}", ", ".join(allowed))

    def score(self, column: str, low: int = 0, high: int = 4) -> None:
        """Whole numbers from ``low`` to ``high``; ``3,0`` and ``3.0`` (Excel with a number format) are 3."""
        allowed = f"a whole number from {low} to {high}"
        text = self.frame[column]
        self.first(~text.map(lambda value: bool(WHOLE_NUMBER.fullmatch(value))), column, "not a whole number", allowed)
        values = text.map(lambda value: int(re.split(r"[.,]", value)[0]))
        self.first(~values.between(low, high), column, "score out of range", allowed)
        self.frame[column] = values.astype(int)

    def words(self, column: str, allowed: tuple[str, ...], what: str, many: bool = True) -> None:
        """One (``many=False``) or one or more of ``allowed``, separated by spaces (``voluntary wvggz``), each
        once; stored as a tuple in ``allowed``'s order (a single value stays a string when ``many`` is False)."""
        shape = "one or more of " if many else "one of "
        hint = shape + ", ".join(allowed) + (", separated by spaces" if many else "")
        parts = self.frame[column].map(
            lambda value: re.split(r"[\s,;|/+]+", value.strip().lower()) if value.strip() else []
        )
        self.first(parts.map(len) == 0, column, f"no {what}", hint)
        self.first(parts.map(lambda p: any(w not in allowed for w in p)), column, f"unknown {what}", hint)
        self.first(parts.map(lambda p: len(p) != len(set(p))), column, f"a {what} given twice", hint)
        if not many:
            self.first(parts.map(len) > 1, column, f"more than one {what}", hint)
            self.frame[column] = parts.map(lambda p: p[0])
        else:
            self.frame[column] = parts.map(lambda p: tuple(a for a in allowed if a in p))

    def not_below(self, column: str, other: str) -> None:
        """``column`` is at least ``other`` in every row (``age_max`` and ``age_min``), both read as numbers."""
        self.first(self.frame[column] < self.frame[other], column, f"{column} below {other}", f"{other} or higher")

    def distinct(self, column: str, what: str) -> None:
        """No two rows share a value of ``column`` (e.g. two functions with the same ``order``)."""
        self.unique_pair(column, problem=f"{what} appears twice", allowed=f"each {what} once")

    def fixed(self, column: str, by: str, expected: dict[str, str], what: str) -> None:
        """``column`` holds the value ``expected`` gives for the row's ``by`` (a function's role)."""
        wanted = self.frame[by].map(expected)
        wrong = wanted.notna() & (self.frame[column] != wanted)
        if wrong.any():
            row = self.frame[wrong.to_numpy()].iloc[0]
            self.fail(row, column, f"wrong {what} for {row[by]}", expected[row[by]])

    def at_least(self, group: str, item: str, items: Sequence[str], count: int, what: str) -> None:
        """Every one of ``items`` has ``count`` or more rows (with a value in ``group``, if given)."""
        keys = [""] if not group else list(dict.fromkeys(self.frame[group]))
        for key in keys:
            rows = self.frame if not group else self.frame[self.frame[group] == key]
            for wanted in items:
                found = int((rows[item] == wanted).sum())
                if found < count:
                    owner = f"{group} {key}: " if group else ""
                    line = int(rows["_line"].iloc[0]) if len(rows) else None
                    raise CourseDataError(
                        self.path,
                        f"too few {what}",
                        line=line,
                        field=item,
                        found=f"{owner}{found} for {wanted}",
                        allowed=f"{count} or more for each of " + ", ".join(items),
                    )

    def every(self, column: str, ids: Sequence[str], what: str, problem: str = "", allowed: str = "") -> None:
        """Each of ``ids`` has a row (the file lists a fixed set, e.g. the five functions, or has rows for every
        row of another file); ``problem`` and ``allowed`` say so in the file's own words when given."""
        missing = [i for i in ids if i not in set(self.frame[column])]
        if missing:
            raise CourseDataError(
                self.path,
                problem or f"{what} missing",
                field=column,
                found=missing[0],
                allowed=allowed or "one row for each of " + ", ".join(ids),
            )

    def unique_pair(
        self, *columns: str, problem: str = "duplicate row", allowed: str = "each combination once"
    ) -> None:
        duplicated = self.frame.duplicated(list(columns))
        if duplicated.any():
            row = self.frame[duplicated].iloc[0]
            found = "/".join(str(row[c]) for c in columns)
            raise CourseDataError(
                self.path,
                problem,
                line=int(row["_line"]),
                field="+".join(columns),
                found=found if len(found) <= 80 else found[:77] + "…",
                allowed=allowed,
            )

    def no_repeated_text(self, group: str, *texts: str) -> None:
        """The same text is not given twice for one ``group`` (it would be shown twice)."""
        for text in texts:
            self.unique_pair(group, text, problem="the same text appears twice", allowed="each text once")

    def complete(self, group: str, item: str, items: Sequence[object], what: str) -> None:
        for key, rows in self.frame.groupby(group, sort=False):
            missing = [str(i) for i in items if i not in set(rows[item])]
            if missing:
                raise CourseDataError(
                    self.path,
                    f"{what} incomplete",
                    line=int(rows["_line"].iloc[0]),
                    field=item,
                    found=f"{group} {key} has no row for {missing[0]}",
                    allowed=f"one row for each of {', '.join(map(str, items))}",
                )
