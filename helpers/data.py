"""Find, read and validate the course data in ``data/`` (see ``data/README.md``).

Every problem raises :class:`CourseDataError` naming the file, the line, the field,
the value found and what is allowed. Files saved by Excel in a Dutch locale
(semicolons; UTF-8 with a byte-order mark or Windows-1252) load as intended.

>>> course = load_course()
>>> list(course.functions.index)
['zingeving', 'doelverwerving', 'grensbepaling', 'structurering', 'energieverzorging']
"""

from __future__ import annotations

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
PERSPECTIVES = ("personal", "clinical")
ID_PATTERN = re.compile(r"^[a-z0-9_]+$")


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


def read_text(path: Path) -> str:
    """A text file's contents: UTF-8 (with or without BOM), else Windows-1252 as Excel saves it."""
    if not path.is_file():
        raise CourseDataError(path, "file is missing")
    raw = path.read_bytes()
    if not raw.strip():
        raise CourseDataError(path, "file is empty")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def read_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """Read a CSV with the given required columns into strings, keeping each row's line number
    in the column ``_line``. Comma or semicolon separated; ragged rows are an error."""
    text = read_text(path)
    header_line = text.splitlines()[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in next(reader)]
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
    if len(set(header)) != len(header):
        duplicate = next(name for name in header if header.count(name) > 1)
        raise CourseDataError(path, "column appears twice", line=1, field=duplicate)
    rows, lines = [], []
    line = reader.line_num
    for values in reader:
        start, line = line + 1, reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            raise CourseDataError(
                path,
                "row has the wrong number of fields",
                line=start,
                found=f"{len(values)} fields",
                allowed=f"{len(header)} fields, separated by '{delimiter}' (quote text that contains the separator)",
            )
        rows.append([value.strip() for value in values])
        lines.append(start)
    if not rows:
        raise CourseDataError(path, "file has a header but no rows")
    frame = pd.DataFrame(rows, columns=header, dtype=object)[list(columns)]
    frame["_line"] = lines
    return frame


# ---------------------------------------------------------------- checking values


@dataclass
class Checker:
    """Checks the columns of one table and raises a precise CourseDataError."""

    path: Path
    frame: pd.DataFrame

    def fail(self, row: pd.Series, column: str, problem: str, allowed: str) -> None:
        raise CourseDataError(
            self.path, problem, line=int(row["_line"]), field=column, found=row[column], allowed=allowed
        )

    def text(self, *columns: str) -> None:
        for name in columns:
            for _, row in self.frame.iterrows():
                if not row[name]:
                    self.fail(row, name, "empty text", "a non-empty text")

    def ids(self, column: str, unique: bool = True) -> None:
        seen: set[str] = set()
        for _, row in self.frame.iterrows():
            value = row[column]
            if not ID_PATTERN.match(value):
                self.fail(row, column, "not a valid id", "lower-case letters, digits and _")
            if unique and value in seen:
                self.fail(row, column, "duplicate id", "each id once")
            seen.add(value)

    def choice(self, column: str, allowed: tuple[str, ...] | list[str], what: str) -> None:
        for _, row in self.frame.iterrows():
            if row[column] not in allowed:
                self.fail(row, column, f"unknown {what}", ", ".join(allowed))

    def score(self, column: str, low: int = 0, high: int = 4) -> None:
        allowed = f"a whole number from {low} to {high}"
        for _, row in self.frame.iterrows():
            if not re.fullmatch(r"-?\d+", row[column]):
                self.fail(row, column, "not a whole number", allowed)
            if not low <= int(row[column]) <= high:
                self.fail(row, column, "score out of range", allowed)
        self.frame[column] = self.frame[column].astype(int)

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

    def unique_pair(self, *columns: str) -> None:
        duplicated = self.frame.duplicated(list(columns))
        if duplicated.any():
            row = self.frame[duplicated].iloc[0]
            raise CourseDataError(
                self.path,
                "duplicate row",
                line=int(row["_line"]),
                field="+".join(columns),
                found="/".join(str(row[c]) for c in columns),
                allowed="each combination once",
            )

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
    check.choice("role", ("meaning", "external", "internal"), "role")
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
    check.choice(
        "function_id", PROFILE_IDS, "function (a condition belongs to the goal, boundaries, structure or energy)"
    )
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
            *bilingual("name", "ward_type", "summary", "benefit_note"),
        ),
    )
    check = Checker(path, wards)
    check.ids("ward_id")
    check.choice("client_group_id", list(client_groups.index), "client group")
    check.choice("fictional", ("yes", "no"), "value")
    check.choice("benefits_own_group", BENEFIT_VALUES, "value")
    check.text(*bilingual("name", "ward_type", "summary", "benefit_note"))
    wards["fictional"] = wards["fictional"] == "yes"
    ward_ids = list(wards["ward_id"])

    path = folder / "ward_observations.csv"
    observations = read_csv(path, ("ward_id", "function_id", *bilingual("observation")))
    check = Checker(path, observations)
    check.choice("ward_id", ward_ids, "ward")
    check.choice("function_id", FUNCTION_IDS, "function")
    check.text(*bilingual("observation"))

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


def load_client_groups(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    path = folder / "client_groups.csv"
    groups = read_csv(path, ("client_group_id", *bilingual("name", "description", "shared_reason")))
    check = Checker(path, groups)
    check.ids("client_group_id")
    check.text(*bilingual("name", "description", "shared_reason"))

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
    check.choice("perspective", PERSPECTIVES, "perspective")
    check.choice("chime", ("", "connectedness", "hope", "identity", "meaning", "empowerment"), "CHIME process")
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
    for number, raw in enumerate(read_text(path).splitlines(), start=1):
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
    for name in VIGNETTE_HEADER:
        if name not in header:
            raise CourseDataError(
                path, "header field missing", line=1, field=name, allowed="header fields " + ", ".join(VIGNETTE_HEADER)
            )
    if header["id"] != path.stem:
        raise CourseDataError(
            path,
            "id differs from the file name",
            line=header["_line_id"],
            field="id",
            found=header["id"],
            allowed=path.stem,
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


def load_vignettes(folder: Path, dimensions: pd.DataFrame) -> dict[str, Vignette]:
    files = sorted((folder / "vignettes").glob("*.txt"))
    if not files:
        raise CourseDataError(folder / "vignettes", "no vignette files", allowed="one or more *.txt files")
    return {v.vignette_id: v for v in (load_vignette(path, dimensions) for path in files)}


def load_course(folder: Path | str | None = None) -> CourseData:
    """Load and validate every course file. Re-reads only when a file has changed."""
    folder = Path(folder) if folder is not None else find_data_dir()
    read = [*folder.glob("*.csv"), *(folder / "vignettes").glob("*.txt")]  # only what is loaded below
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in read))
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
