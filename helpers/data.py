"""Find, read and validate the course data in ``data/`` (see ``data/README.md``).

Every problem raises :class:`CourseDataError` naming the file, the line, the field,
the value found and what is allowed. Files saved by Excel in a Dutch locale
(semicolons; UTF-8 with a byte-order mark or Windows-1252) load as intended.

>>> course = load_course()
>>> list(course.functions.index)
['zingeving', 'doelverwerving', 'grensbepaling', 'structurering', 'energieverzorging']
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.text import column

DATA_ENV = "COURSE_DATA_DIR"
INSTALLED_DATA = Path("share") / "social-systems-course" / "data"  # where a non-editable install puts data/
SCORE_RANGE = range(5)
FUNCTION_IDS = ("zingeving", "doelverwerving", "grensbepaling", "structurering", "energieverzorging")
# A ward's profile: the four functions through which zingeving is fulfilled (an intensity 0–4, higher is not better).
PROFILE_IDS = FUNCTION_IDS[1:]
# Zingeving is judged apart: how far the ward's reason to exist is experienced and accepted (0–4, higher is better).
ZINGEVING_IDS = ("zingeving_clients", "zingeving_staff", "zingeving_surroundings")
CONDITION_IDS = ("goal_shared", "boundaries_respected", "structure_respected", "energy_enough")
WARD_ITEMS = PROFILE_IDS + ZINGEVING_IDS + CONDITION_IDS
BENEFIT_VALUES = ("yes", "partly", "no")
# Admission (lesson 04): a ward is a setting for a client group only if it admits the group's ages, every legal
# frame its clients come under and its length of stay. Legal frames: voluntary, the Wvggz (compulsory mental-health
# care) and TBS (a forensic order by a criminal court); stays: short (weeks, up to about three months), medium
# (three months to a year), long (a year or more).
LEGAL_FRAMES = ("voluntary", "wvggz", "tbs")
STAYS = ("short", "medium", "long")
AGE_RANGE = (0, 120)
PERSPECTIVES = ("personal", "clinical")
ID_PATTERN = re.compile(r"^[a-z0-9_]+$")
WHOLE_NUMBER = re.compile(r"-?[0-9]+([.,]0+)?")
ROLES = {"zingeving": "meaning", "doelverwerving": "external"} | dict.fromkeys(FUNCTION_IDS[2:], "internal")
CONDITION_FUNCTIONS = dict(zip(CONDITION_IDS, PROFILE_IDS, strict=True))  # goal, boundaries, structure, energy
DIMENSIONS = {
    "personal": ("hope", "meaning", "own_direction", "strengths", "connectedness", "citizenship"),
    "clinical": ("diagnosis", "symptoms", "medication", "topdown_goals", "protocol"),
}
CHIME = ("connectedness", "hope", "identity", "meaning", "empowerment")
MIN_QUESTIONS = 2  # guiding questions per function


class CourseDataError(ValueError):
    """A data file is missing or holds a value the course cannot use."""

    def __init__(
        self,
        file: Path | str,
        problem: str,
        *,
        line: int | None = None,
        field: str | None = None,
        found: object = None,
        allowed: str | None = None,
    ):
        self.file, self.line, self.field, self.found, self.allowed = str(file), line, field, found, allowed
        where = self.file + (f", line {line}" if line is not None else "")
        parts = [f"{where}: {problem}"]
        if field is not None:
            parts.append(f"field '{field}'")
        if found is not None:
            parts.append(f"found {found!r}")
        if allowed is not None:
            parts.append(f"allowed: {allowed}")
        super().__init__("; ".join(parts))


def find_data_dir() -> Path:
    """The ``data/`` folder: ``$COURSE_DATA_DIR``, else the checkout this package sits in,
    else the nearest ``data/`` above the working directory, else an installed copy."""
    candidates = []
    if os.environ.get(DATA_ENV):
        candidates.append(Path(os.environ[DATA_ENV]))
    candidates.append(Path(__file__).resolve().parent.parent / "data")
    cwd = Path.cwd().resolve()
    candidates.extend(folder / "data" for folder in (cwd, *cwd.parents))
    candidates.append(Path(sys.prefix) / INSTALLED_DATA)
    for candidate in candidates:
        if (candidate / "functions.csv").is_file():
            return candidate
    raise CourseDataError(
        candidates[0],
        "no course data folder found (looked for functions.csv)",
        allowed=f"set {DATA_ENV} to the course's data/ folder",
    )


# ---------------------------------------------------------------- reading files

SAVE_AS_UTF8 = "UTF-8: in Excel 'Save As' > 'CSV UTF-8 (comma delimited)', in a text editor 'Save with encoding UTF-8'"
# Files that are not text at all, by their first bytes.
SIGNATURES = {
    b"PK\x03\x04": ("an Excel workbook (.xlsx) or another zip file", ".xlsx/.zip"),
    b"\xd0\xcf\x11\xe0": ("an old Excel or Word file (.xls, .doc)", ".xls/.doc"),
    b"%PDF": ("a PDF document", "PDF"),
    b"{\\rtf": ("an RTF document (WordPad, TextEdit)", "RTF"),
}
# Byte-order marks: these encodings are certain, so the file loads. UTF-32 first (its mark starts like UTF-16's).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with a byte-order mark"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# What the non-ASCII characters of a Dutch or English course text are: accented letters and typographic
# punctuation. Ð Ñ Ò Ó Ô Õ are left out: they are Windows-1252's reading of a Mac's dashes and quotes.
LIKELY_LETTERS = frozenset("àáâäãåæçèéêëìíîïñòóôöõøùúûüýÿÀÁÂÄÃÅÆÇÈÉÊËÌÍÎÏÖØÙÚÛÜß")
LIKELY_PUNCTUATION = frozenset("–—‘’“”…€°«»·×")


class UnreadableText(ValueError):
    """Bytes the course cannot read as text safely: what was found, and on which line.
    ``name`` is the short name of what was found (``Mac Roman``, ``PDF``), the same in every language."""

    def __init__(self, problem: str, found: str, line: int | None = None, name: str = ""):
        self.problem, self.found, self.line, self.name = problem, found, line, name or found
        super().__init__(f"{problem}: found {found}")


def _line_at(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def _plausibility(text: str) -> int:
    """How much the non-ASCII characters of ``text`` look like those of a Dutch or English text: an accented
    letter or a dash counts +1; a quote between two letters, an upper-case accent inside a lower-case word or
    any other character (‡, Ž, ¿, Ð…) counts against."""
    score = 0
    for index, character in enumerate(text):
        if character.isascii():
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if character in LIKELY_LETTERS:
            score += -2 if character.isupper() and before.islower() else 1
        elif character in LIKELY_PUNCTUATION:
            score += -1 if before.isalpha() and after.isalpha() and character not in "’–—" else 1
        else:
            score -= 2
    return score


def _looks_like_mac_roman(raw: bytes) -> bool:
    """Whether an 8-bit file reads more like a text in Mac Roman than in Windows-1252 (cliënt is
    b"cli\\x91nt" on a Mac, which Windows-1252 reads as cli‘nt)."""
    return _plausibility(raw.decode("mac_roman")) > _plausibility(raw.decode("cp1252", errors="replace"))


def decode_text(raw: bytes) -> tuple[str, str]:
    """The text in ``raw`` and the name of its encoding; raises :class:`UnreadableText` when the
    encoding is not one that can be read safely (a binary file, Mac Roman, an unknown 8-bit encoding).

    UTF-8 (with or without byte-order mark), UTF-16 and UTF-32 load; so does Windows-1252, which Excel
    writes for "CSV (puntkomma)" in a Dutch locale.

    >>> decode_text("cliënt".encode("cp1252")), decode_text("cliënt".encode("utf-16"))
    (('cliënt', 'Windows-1252'), ('cliënt', 'UTF-16'))
    >>> decode_text("cliënt".encode("mac_roman"))
    Traceback (most recent call last):
    helpers.data.UnreadableText: file is not in an encoding the course reads: found Mac Roman (an older Mac text format)
    """
    for signature, (what, short) in SIGNATURES.items():
        if raw.startswith(signature):
            raise UnreadableText("not a text file", what, None, short)
    for bom, codec, name in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), name
            except UnicodeDecodeError as error:
                line = _line_at(raw, error.start)
                raise UnreadableText("file is damaged", f"{name} with invalid bytes", line, name) from None
    if b"\x00" in raw:
        odd, even = raw[1::2].count(0), raw[0::2].count(0)
        codec = (
            "utf-16-le" if odd > len(raw) // 8 and not even else "utf-16-be" if even > len(raw) // 8 and not odd else ""
        )
        try:
            if codec:
                return raw.decode(codec), "UTF-16 without a byte-order mark"
        except UnicodeDecodeError:
            pass
        line = _line_at(raw, raw.index(0))
        raise UnreadableText("not a text file", "a binary file (it holds zero bytes)", line, "binary")
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        line = _line_at(raw, error.start)
    unreadable = "file is not in an encoding the course reads"
    if _looks_like_mac_roman(raw):
        raise UnreadableText(unreadable, "Mac Roman (an older Mac text format)", line, "Mac Roman")
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        found = "an 8-bit encoding that is neither UTF-8 nor Windows-1252 (Mac Roman, ISO-8859-x or another)"
        raise UnreadableText(unreadable, found, line, "8-bit (ISO-8859-x, Mac Roman…)") from None


def read_text(path: Path) -> str:
    """A text file's contents: UTF-8 (with or without BOM), UTF-16 or UTF-32 with a byte-order mark, or
    Windows-1252 as Excel saves it; anything else stops with the encoding found and how to save the file."""
    if not path.is_file():
        raise CourseDataError(path, "not a file (a folder or a device)" if path.exists() else "file is missing")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CourseDataError(path, f"file cannot be read ({error.strerror or error})") from None
    try:
        text = decode_text(raw)[0]
    except UnreadableText as problem:
        raise CourseDataError(
            path, problem.problem, line=problem.line, found=problem.found, allowed=SAVE_AS_UTF8
        ) from None
    if not text.strip():
        raise CourseDataError(path, "file is empty")
    return text


def sniff_delimiter(header_line: str) -> str:
    """The separator of a CSV file, from its header: comma, semicolon (Excel in a Dutch locale) or tab
    (Excel's "Unicode text")."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > counts[","] else ","


ENDS_A_TEXT = (".", "?", "!", "…", ")", '"', "'", "”", "’", ":")


def read_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """Read a CSV with the given required columns into strings, keeping each row's line number
    in the column ``_line``. Comma, semicolon or tab separated; ragged rows, an unclosed quote and
    a file that stops in the middle of a row or a text (cut off) are an error."""
    text = read_text(path)
    delimiter = sniff_delimiter(text.splitlines()[0])
    separated = f"separated by {delimiter!r}" if delimiter != "\t" else "separated by tabs"
    cut_off = not text.endswith(("\n", "\r"))  # no line break after the last row: perhaps cut off
    parsed = _parse_csv(path, text, delimiter, separated)
    header = [name.strip() for name in parsed[0][1]]
    _check_header(path, header, columns)
    rows, lines = [], []
    for number, (start, values) in enumerate(parsed[1:], start=2):
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            if cut_off and number == len(parsed):
                raise CourseDataError(
                    path,
                    "the last row is incomplete and has no line break: the file looks cut off",
                    line=start,
                    found=f"{len(values)} fields",
                    allowed=f"a complete file: {len(header)} fields in every row",
                )
            raise CourseDataError(
                path,
                "row has the wrong number of fields",
                line=start,
                found=f"{len(values)} fields",
                allowed=f"{len(header)} fields, {separated} (quote text that contains the separator)",
            )
        rows.append([value.strip() for value in values])
        lines.append(start)
    if not rows:
        raise CourseDataError(path, "file has a header but no rows")
    if cut_off and not text.rstrip().endswith('"'):
        last = rows[-1][-1]
        if header[-1].endswith(("_nl", "_en")) and last and not last.endswith(ENDS_A_TEXT):
            raise CourseDataError(
                path,
                "file ends in the middle of a text, without a line break: it looks cut off",
                line=lines[-1],
                field=header[-1],
                found=last[-40:],
                allowed="a complete file (if the row is complete, add a line break after it)",
            )
    frame = pd.DataFrame(rows, columns=header, dtype=object)[list(columns)]
    frame["_line"] = lines
    return frame


def _parse_csv(path: Path, text: str, delimiter: str, separated: str) -> list[tuple[int, list[str]]]:
    """Every row of a CSV text with the line it starts on; an unclosed quote or text after a closing
    quote is an error."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    parsed, line = [], 0
    try:
        for values in reader:
            parsed.append((line + 1, values))
            line = reader.line_num
    except csv.Error as error:
        if "end of data" in str(error):
            raise CourseDataError(
                path,
                "file ends inside a quoted text: it looks cut off (an upload or copy that stopped half-way)",
                line=line + 1,
                allowed="a complete file, in which every opening quote is closed",
            ) from None
        raise CourseDataError(
            path,
            "row cannot be read",
            line=reader.line_num,
            found=str(error),
            allowed=f'fields {separated}; a quote inside a quoted text is written twice ("")',
        ) from None
    return parsed


def _check_header(path: Path, header: list[str], columns: tuple[str, ...]) -> None:
    missing = [name for name in columns if name not in header]
    if missing:
        raise CourseDataError(
            path,
            "column missing",
            line=1,
            field=missing[0],
            found=", ".join(header),
            allowed="columns " + ", ".join(columns),
        )
    named = [name for name in header if name]  # Excel may add empty columns at the end
    if len(set(named)) != len(named):
        duplicate = next(name for name in named if named.count(name) > 1)
        raise CourseDataError(path, "column appears twice", line=1, field=duplicate)


# ---------------------------------------------------------------- checking values


@dataclass
class Checker:
    """Checks the columns of one table and raises a precise CourseDataError."""

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

    def age_range(self) -> None:
        """``age_min`` and ``age_max``: whole years, ``age_min`` no higher than ``age_max``."""
        self.score("age_min", *AGE_RANGE)
        self.score("age_max", *AGE_RANGE)
        self.first(
            self.frame["age_min"] > self.frame["age_max"], "age_max", "age_max below age_min", "age_min or higher"
        )

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

    def every(self, column: str, ids: tuple[str, ...], what: str) -> None:
        """Each of ``ids`` has a row (the file lists a fixed set, e.g. the five functions)."""
        missing = [i for i in ids if i not in set(self.frame[column])]
        if missing:
            raise CourseDataError(
                self.path,
                f"{what} missing",
                field=column,
                found=missing[0],
                allowed="one row for each of " + ", ".join(ids),
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


def bilingual(*bases: str) -> tuple[str, ...]:
    return tuple(f"{base}_{language}" for base in bases for language in ("nl", "en"))


# ---------------------------------------------------------------- the course data


@dataclass
class Vignette:
    """A case vignette: header texts and its numbered moves (one row per move)."""

    vignette_id: str
    title_nl: str
    title_en: str
    fictional: bool
    setting_nl: str
    setting_en: str
    moves: pd.DataFrame
    path: Path = field(repr=False, default=Path())


@dataclass
class CourseData:
    """All course tables, each a DataFrame indexed by its id where it has one."""

    folder: Path
    functions: pd.DataFrame
    questions: pd.DataFrame
    anchors: pd.DataFrame
    zingeving: pd.DataFrame
    conditions: pd.DataFrame
    wards: pd.DataFrame
    observations: pd.DataFrame
    reference: pd.DataFrame
    client_groups: pd.DataFrame
    needs: pd.DataFrame
    dimensions: pd.DataFrame
    quiz: pd.DataFrame
    statements: pd.DataFrame
    vignettes: dict[str, Vignette]


def load_functions(folder: Path) -> pd.DataFrame:
    path = folder / "functions.csv"
    frame = read_csv(path, ("function_id", "order", "role", *bilingual("name", "definition")))
    check = Checker(path, frame)
    check.ids("function_id")
    check.choice("function_id", FUNCTION_IDS, "function")
    check.score("order", 1, 5)
    check.distinct("order", "order")
    check.choice("role", ("meaning", "external", "internal"), "role")
    check.fixed("role", "function_id", ROLES, "role")
    check.text(*bilingual("name", "definition"))
    check.every("function_id", FUNCTION_IDS, "function")
    return frame.sort_values("order").set_index("function_id")


def load_conditions(folder: Path) -> pd.DataFrame:
    path = folder / "conditions.csv"
    frame = read_csv(path, ("condition_id", "order", "function_id", *bilingual("name", "description")))
    check = Checker(path, frame)
    check.ids("condition_id")
    check.choice("condition_id", CONDITION_IDS, "condition")
    check.score("order", 1, 4)
    check.distinct("order", "order")
    check.choice(
        "function_id", PROFILE_IDS, "function (a condition belongs to the goal, boundaries, structure or energy)"
    )
    check.fixed("function_id", "condition_id", CONDITION_FUNCTIONS, "function")
    check.text(*bilingual("name", "description"))
    check.every("condition_id", CONDITION_IDS, "condition")
    return frame.sort_values("order").set_index("condition_id")


def load_zingeving_aspects(folder: Path) -> pd.DataFrame:
    """The three parts of the zingeving judgement: experienced by clients, by staff, accepted by the surroundings."""
    path = folder / "zingeving_aspects.csv"
    frame = read_csv(path, ("aspect_id", "order", *bilingual("name", "description")))
    check = Checker(path, frame)
    check.ids("aspect_id")
    check.choice("aspect_id", ZINGEVING_IDS, "zingeving aspect")
    check.score("order", 1, len(ZINGEVING_IDS))
    check.distinct("order", "order")
    check.text(*bilingual("name", "description"))
    check.every("aspect_id", ZINGEVING_IDS, "zingeving aspect")
    return frame.sort_values("order").set_index("aspect_id")


NOT_ON_THE_SCALE = "zingeving is not on the 0–4 intensity scale (it is judged as experienced and accepted)"


def load_per_function(folder: Path, name: str, columns: tuple[str, ...], scored: bool) -> pd.DataFrame:
    path = folder / name
    frame = read_csv(path, ("function_id", *(("score",) if scored else ()), *columns))
    check = Checker(path, frame)
    if scored:
        check.choice("function_id", PROFILE_IDS, "function for an anchor; " + NOT_ON_THE_SCALE)
    else:
        check.choice("function_id", FUNCTION_IDS, "function")
    check.text(*columns)
    if not scored:
        check.no_repeated_text("function_id", *columns)
        check.at_least("", "function_id", FUNCTION_IDS, MIN_QUESTIONS, "guiding questions")
    if scored:
        check.score("score")
        check.unique_pair("function_id", "score")
        check.complete("function_id", "score", list(SCORE_RANGE), "anchors")
        without = [f for f in PROFILE_IDS if f not in set(frame["function_id"])]
        if without:
            raise CourseDataError(
                path,
                "function has no anchors",
                field="function_id",
                found=without[0],
                allowed="anchors 0–4 for each of " + ", ".join(PROFILE_IDS),
            )
    return frame


def load_wards(folder: Path, client_groups: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    path = folder / "wards.csv"
    wards = read_csv(
        path,
        (
            "ward_id",
            "client_group_id",
            "fictional",
            "benefits_own_group",
            *ADMISSION_COLUMNS,
            "stays",
            *bilingual("name", "ward_type", "summary", "benefit_note"),
        ),
    )
    check = Checker(path, wards)
    check.ids("ward_id")
    check.choice("client_group_id", list(client_groups.index), "client group")
    check.choice("fictional", ("yes", "no"), "value")
    check.choice("benefits_own_group", BENEFIT_VALUES, "value")
    check.text(*bilingual("name", "ward_type", "summary", "benefit_note"))
    check.age_range()
    check.words("legal_frames", LEGAL_FRAMES, "legal frame")
    check.words("stays", STAYS, "length of stay")
    check_admits_own_group(check, client_groups)
    wards["fictional"] = wards["fictional"] == "yes"
    ward_ids = list(wards["ward_id"])

    path = folder / "ward_observations.csv"
    observations = read_csv(path, ("ward_id", "function_id", *bilingual("observation")))
    check = Checker(path, observations)
    check.choice("ward_id", ward_ids, "ward")
    check.choice("function_id", FUNCTION_IDS, "function")
    check.text(*bilingual("observation"))
    check.no_repeated_text("ward_id", *bilingual("observation"))
    check.every("ward_id", tuple(ward_ids), "ward's observations")
    check.at_least("ward_id", "function_id", FUNCTION_IDS, 1, "observations")

    path = folder / "ward_reference.csv"
    reference = read_csv(path, ("ward_id", "item_id", "score", *bilingual("reason")))
    check = Checker(path, reference)
    check.choice("ward_id", ward_ids, "ward")
    check.choice("item_id", WARD_ITEMS, "profile function, zingeving aspect or condition; " + NOT_ON_THE_SCALE)
    check.score("score")
    check.text(*bilingual("reason"))
    check.unique_pair("ward_id", "item_id")
    check.complete("ward_id", "item_id", WARD_ITEMS, "reference scoring")
    unscored = [w for w in ward_ids if w not in set(reference["ward_id"])]
    if unscored:
        raise CourseDataError(
            path,
            "ward has no reference scoring",
            field="ward_id",
            found=unscored[0],
            allowed="rows for every ward in wards.csv",
        )
    return wards.set_index("ward_id"), observations, reference


ADMISSION_COLUMNS = ("age_min", "age_max", "legal_frames")


def check_admits_own_group(check: Checker, client_groups: pd.DataFrame) -> None:
    """A ward must be a setting for the client group it is meant for: its ages, every legal frame its clients
    come under, and its length of stay."""
    groups = client_groups.reindex(check.frame["client_group_id"])
    groups.index = check.frame.index
    frame = check.frame
    check.first(
        frame["age_min"] > groups["age_min"],
        "age_min",
        "the ward does not admit the youngest of its own group",
        "at most the age_min of its client group in client_groups.csv",
    )
    check.first(
        frame["age_max"] < groups["age_max"],
        "age_max",
        "the ward does not admit the oldest of its own group",
        "at least the age_max of its client group in client_groups.csv",
    )
    missing = [not set(g) <= set(w) for w, g in zip(frame["legal_frames"], groups["legal_frames"], strict=True)]
    check.first(
        pd.Series(missing, index=frame.index),
        "legal_frames",
        "the ward does not admit every legal frame of its own group",
        "every frame its client group has in client_groups.csv",
    )
    absent = [g not in w for w, g in zip(frame["stays"], groups["stay"], strict=True)]
    check.first(
        pd.Series(absent, index=frame.index),
        "stays",
        "the ward does not offer its own group's length of stay",
        "the stay of its client group in client_groups.csv",
    )


def load_client_groups(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    path = folder / "client_groups.csv"
    groups = read_csv(
        path,
        (
            "client_group_id",
            *ADMISSION_COLUMNS,
            "stay",
            *bilingual("name", "description", "shared_reason", "admission"),
        ),
    )
    check = Checker(path, groups)
    check.ids("client_group_id")
    check.text(*bilingual("name", "description", "shared_reason", "admission"))
    check.age_range()
    check.words("legal_frames", LEGAL_FRAMES, "legal frame")
    check.words("stay", STAYS, "length of stay", many=False)

    path = folder / "client_group_needs.csv"
    needs = read_csv(path, ("client_group_id", "function_id", "need", *bilingual("reason")))
    check = Checker(path, needs)
    check.choice("client_group_id", list(groups["client_group_id"]), "client group")
    check.choice(
        "function_id",
        PROFILE_IDS,
        "function with a need; every client group needs its zingeving experienced and accepted, so it has no need row",
    )
    check.score("need")
    check.text(*bilingual("reason"))
    check.unique_pair("client_group_id", "function_id")
    check.complete("client_group_id", "function_id", PROFILE_IDS, "needs")
    unstated = [g for g in groups["client_group_id"] if g not in set(needs["client_group_id"])]
    if unstated:
        raise CourseDataError(
            path,
            "client group has no needs",
            field="client_group_id",
            found=unstated[0],
            allowed="rows for every client group in client_groups.csv",
        )
    return groups.set_index("client_group_id"), needs


def load_dimensions(folder: Path) -> pd.DataFrame:
    path = folder / "recovery_dimensions.csv"
    frame = read_csv(path, ("dimension_id", "perspective", "chime", *bilingual("name", "description")))
    check = Checker(path, frame)
    check.ids("dimension_id")
    check.choice("dimension_id", [d for ids in DIMENSIONS.values() for d in ids], "recovery dimension")
    check.choice("perspective", PERSPECTIVES, "perspective")
    check.fixed("perspective", "dimension_id", {d: p for p, ids in DIMENSIONS.items() for d in ids}, "perspective")
    check.every("dimension_id", tuple(d for ids in DIMENSIONS.values() for d in ids), "recovery dimension")
    personal = frame[frame["perspective"] == "personal"]
    Checker(path, personal).choice("chime", CHIME, "CHIME process (a personal dimension maps onto one)")
    Checker(path, frame[frame["perspective"] == "clinical"]).choice(
        "chime", ("",), "value (a clinical dimension has no CHIME process)"
    )
    check.text(*bilingual("name", "description"))
    return frame.set_index("dimension_id")


def load_items(
    folder: Path, name: str, id_column: str, key_column: str, keys: list[str], what: str, extra: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Quiz-like items: an id, a key from ``keys``, bilingual text and reason."""
    path = folder / name
    text_base = id_column.removesuffix("_id")
    frame = read_csv(path, (id_column, key_column, *extra, *bilingual(text_base, "reason")))
    check = Checker(path, frame)
    check.ids(id_column)
    check.choice(key_column, keys, what)
    check.text(*bilingual(text_base, "reason"))
    return frame.set_index(id_column)


VIGNETTE_HEADER = ("id", "title_nl", "title_en", "fictional", "setting_nl", "setting_en")
MOVE_FIELDS = ("actor_nl", "actor_en", "text_nl", "text_en", "key", "dimension", "reason_nl", "reason_en")


def load_vignette(path: Path, dimensions: pd.DataFrame) -> Vignette:
    """Parse one vignette file (format in data/README.md)."""
    header: dict[str, Any] = {}  # field -> text, and "_line_<field>" -> its line number
    moves: list[dict[str, Any]] = []
    current = header
    text = read_text(path)
    last: tuple[int, str, str] = (0, "", "")  # the last field read: a cut-off file stops inside it
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, value = line.partition(":")
        name, value = name.strip(), value.strip()
        if not colon or not ID_PATTERN.match(name):
            raise CourseDataError(
                path,
                "line is not 'field: value'",
                line=number,
                found=line[:60],
                allowed="field: value, a '# comment' or an empty line",
            )
        if name == "move":
            expected = str(len(moves) + 1)
            if value != expected:
                raise CourseDataError(
                    path, "moves out of order", line=number, field="move", found=value, allowed=expected
                )
            current = {"move": int(value), "_line": number}
            moves.append(current)
            continue
        allowed_fields = VIGNETTE_HEADER if current is header else MOVE_FIELDS
        if name not in allowed_fields:
            raise CourseDataError(
                path,
                "unknown field",
                line=number,
                field=name,
                allowed=", ".join(allowed_fields) + ("" if moves else ", move"),
            )
        if name in current:
            raise CourseDataError(path, "field given twice", line=number, field=name)
        if not value:
            raise CourseDataError(path, "empty value", line=number, field=name, allowed="a non-empty text")
        current[name] = value
        current[f"_line_{name}"] = number
        last = (number, name, value)
    number, name, value = last
    if not text.endswith(("\n", "\r")) and name.endswith(("_nl", "_en")) and not value.endswith(ENDS_A_TEXT):
        raise CourseDataError(
            path,
            "file ends in the middle of a text, without a line break: it looks cut off",
            line=number,
            field=name,
            found=value[-40:],
            allowed="a complete file (if the text is complete, add a line break after it)",
        )
    for name in VIGNETTE_HEADER:
        if name not in header:
            raise CourseDataError(
                path, "header field missing", line=1, field=name, allowed="header fields " + ", ".join(VIGNETTE_HEADER)
            )
    if not ID_PATTERN.match(path.stem):
        suggestion = suggest_id(path.stem)
        raise CourseDataError(
            path,
            "file name is not a valid vignette id",
            line=header["_line_id"],
            field="id",
            found=path.stem,
            allowed=f"lower-case letters, digits and _: rename the file to {suggestion}.txt and write "
            f"'id: {suggestion}' (a copy such as 'x (1).txt' needs its own id, or remove it)",
        )
    if not ID_PATTERN.match(header["id"]):
        raise CourseDataError(
            path,
            "not a valid id",
            line=header["_line_id"],
            field="id",
            found=header["id"],
            allowed=f"lower-case letters, digits and _, equal to the file name: {path.stem}",
        )
    if header["id"] != path.stem:
        raise CourseDataError(
            path,
            "id differs from the file name",
            line=header["_line_id"],
            field="id",
            found=header["id"],
            allowed=f"{path.stem} (or rename the file to {header['id']}{path.suffix})",
        )
    if header["fictional"] not in ("yes", "no"):
        raise CourseDataError(
            path,
            "unknown value",
            line=header["_line_fictional"],
            field="fictional",
            found=header["fictional"],
            allowed="yes, no",
        )
    if not moves:
        raise CourseDataError(path, "vignette has no moves", allowed="one or more 'move: N' blocks")
    for move in moves:
        for name in MOVE_FIELDS:
            if name not in move:
                raise CourseDataError(
                    path,
                    f"move {move['move']} has no {name}",
                    line=move["_line"],
                    field=name,
                    allowed="every move has " + ", ".join(MOVE_FIELDS),
                )
        if move["key"] not in PERSPECTIVES:
            raise CourseDataError(
                path,
                "unknown key",
                line=move["_line_key"],
                field="key",
                found=move["key"],
                allowed=", ".join(PERSPECTIVES),
            )
        matching = list(dimensions.index[dimensions["perspective"] == move["key"]])
        if move["dimension"] not in matching:
            raise CourseDataError(
                path,
                "unknown dimension for this key",
                line=move["_line_dimension"],
                field="dimension",
                found=move["dimension"],
                allowed=f"a {move['key']} dimension: " + ", ".join(matching),
            )
    frame = pd.DataFrame([{k: v for k, v in m.items() if not k.startswith("_line_")} for m in moves])
    return Vignette(
        header["id"],
        header["title_nl"],
        header["title_en"],
        header["fictional"] == "yes",
        header["setting_nl"],
        header["setting_en"],
        frame.set_index("move"),
        path,
    )


def suggest_id(name: str) -> str:
    """A valid id made from a file name: ``suggest_id("Mehmet acute (1)") == "mehmet_acute_1"``."""
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9]", "_", name.lower())).strip("_") or "vignette"


# Files a lecturer may have written a vignette in; they are refused with how to save it as text.
DOCUMENT_SUFFIXES = (".docx", ".doc", ".odt", ".rtf", ".pdf", ".md", ".text", ".pages")


def vignette_files(folder: Path) -> list[Path]:
    """The vignette files in ``folder``: every ``*.txt`` (also ``*.TXT``), sorted; hidden and system
    files are left alone."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~")) or not path.is_file():
            continue
        if path.suffix.lower() == ".txt":
            found.append(path)
        elif path.suffix.lower() in DOCUMENT_SUFFIXES:
            raise CourseDataError(
                path,
                "a vignette must be a plain text file",
                found=path.suffix,
                allowed="a .txt file saved as UTF-8 text (in Word: 'Save As' > 'Plain Text (.txt)', encoding UTF-8)",
            )
    return found


def load_vignettes(folder: Path, dimensions: pd.DataFrame) -> dict[str, Vignette]:
    files = vignette_files(folder / "vignettes")
    if not files:
        raise CourseDataError(folder / "vignettes", "no vignette files", allowed="one or more *.txt files")
    return {v.vignette_id: v for v in (load_vignette(path, dimensions) for path in files)}


def load_course(folder: Path | str | None = None) -> CourseData:
    """Load and validate every course file. Re-reads only when a file has changed."""
    folder = Path(folder) if folder is not None else find_data_dir()
    read = [*folder.glob("*.csv"), *(folder / "vignettes").glob("*")]  # only what is loaded below
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in read if p.exists()))
    key = (str(folder.resolve()), stamp)
    if key not in _cache:
        _cache.clear()
        _cache[key] = _load_course(folder)
    return _cache[key]


_cache: dict[tuple, CourseData] = {}


def current_course() -> CourseData:
    """The course data loaded last (loaded now if none was), without looking at the files again.

    For lookups on every slider move; an app calls ``load_course`` when it starts, which re-reads
    files a lecturer has edited since.
    """
    return next(iter(_cache.values())) if _cache else load_course()


def _load_course(folder: Path) -> CourseData:
    functions = load_functions(folder)
    client_groups, needs = load_client_groups(folder)
    wards, observations, reference = load_wards(folder, client_groups)
    dimensions = load_dimensions(folder)
    statements = load_items(
        folder,
        "sorter_statements.csv",
        "statement_id",
        "perspective",
        list(PERSPECTIVES),
        "perspective",
        extra=("dimension_id",),
    )
    check = Checker(folder / "sorter_statements.csv", statements.reset_index())
    for perspective in PERSPECTIVES:
        check.frame = statements.reset_index().query("perspective == @perspective")
        check.choice(
            "dimension_id", list(dimensions.index[dimensions["perspective"] == perspective]), f"{perspective} dimension"
        )
    return CourseData(
        folder=folder,
        functions=functions,
        questions=load_per_function(folder, "function_questions.csv", bilingual("question"), scored=False),
        anchors=load_per_function(folder, "function_anchors.csv", bilingual("anchor"), scored=True),
        zingeving=load_zingeving_aspects(folder),
        conditions=load_conditions(folder),
        wards=wards,
        observations=observations,
        reference=reference,
        client_groups=client_groups,
        needs=needs,
        dimensions=dimensions,
        quiz=load_items(folder, "quiz_situations.csv", "situation_id", "function_id", list(FUNCTION_IDS), "function"),
        statements=statements,
        vignettes=load_vignettes(folder, dimensions),
    )


def localized(frame: pd.DataFrame, base: str) -> pd.Series:
    """The ``base`` text column (``name``, ``reason``…) of ``frame`` in the current language."""
    return frame[column(base)]
