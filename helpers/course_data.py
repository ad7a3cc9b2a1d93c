"""Loading the course: every file in ``data/`` (see ``data/README.md``), checked, as one :class:`CourseData`.

Each CSV file is declared as a :class:`Table`: its columns, what each may hold (an id, one of a list, a whole
number in a range, words from a list, a text in both languages) and the rules across its rows (a row for each
function, no pair twice…), in the words of ``helpers/checks.py``. A bad file stops loading with the file, the
line, the field, the value found and what is allowed.

>>> course = load_course()
>>> list(course.functions.index)
['zingeving', 'doelverwerving', 'grensbepaling', 'structurering', 'energieverzorging']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.checks import Checker
from helpers.decoding import find_data_dir, read_csv
from helpers.text import column
from helpers.vignettes import Vignette, load_vignettes
from helpers.vocabulary import (
    AGE_RANGE,
    BENEFIT_VALUES,
    CHIME,
    CONDITION_FUNCTIONS,
    CONDITION_IDS,
    DIMENSIONS,
    FUNCTION_IDS,
    LEGAL_FRAMES,
    MIN_QUESTIONS,
    PERSPECTIVES,
    PROFILE_IDS,
    ROLES,
    SCORE_RANGE,
    STAYS,
    WARD_ITEMS,
    ZINGEVING_IDS,
)


def bilingual(*bases: str) -> tuple[str, ...]:
    """The Dutch and English columns of each text: ``bilingual("name") == ("name_nl", "name_en")``."""
    return tuple(f"{base}_{language}" for base in bases for language in ("nl", "en"))


# ---------------------------------------------------------------- what a column may hold


@dataclass(frozen=True)
class Id:
    """An id (lower-case letters, digits and _), each once; with ``allowed``, one of those."""

    allowed: tuple[str, ...] = ()
    what: str = ""

    def check(self, check: Checker, name: str, known: dict[str, list[str]]) -> None:
        check.ids(name)
        if self.allowed:
            check.choice(name, self.allowed, self.what)


@dataclass(frozen=True)
class Known:
    """The ids of a table loaded before (``Known("wards")``), as a column's allowed values or a rule's argument."""

    table: str


@dataclass(frozen=True)
class OneOf:
    """One of ``allowed`` (a list, or the ids of a table loaded before); ``what`` names it in a message."""

    what: str
    allowed: tuple[str, ...] | Known

    def check(self, check: Checker, name: str, known: dict[str, list[str]]) -> None:
        check.choice(name, known[self.allowed.table] if isinstance(self.allowed, Known) else self.allowed, self.what)


@dataclass(frozen=True)
class Whole:
    """A whole number from ``low`` to ``high`` (a score 0–4 unless told)."""

    low: int = 0
    high: int = 4

    def check(self, check: Checker, name: str, known: dict[str, list[str]]) -> None:
        check.score(name, self.low, self.high)


@dataclass(frozen=True)
class Words:
    """One or more of ``allowed`` separated by spaces (``many=False``: exactly one)."""

    allowed: tuple[str, ...]
    what: str
    many: bool = True

    def check(self, check: Checker, name: str, known: dict[str, list[str]]) -> None:
        check.words(name, self.allowed, self.what, many=self.many)


@dataclass(frozen=True)
class YesNo:
    """``yes`` or ``no``, read as True or False."""

    def check(self, check: Checker, name: str, known: dict[str, list[str]]) -> None:
        check.choice(name, ("yes", "no"), "value")
        check.frame[name] = check.frame[name] == "yes"


@dataclass(frozen=True)
class Text:
    """A text that is not empty."""

    def check(self, check: Checker, name: str, known: dict[str, list[str]]) -> None:
        check.text(name)


# What a column may hold; None: read, and checked by a function below that looks at other columns or files.
Column = Id | OneOf | Whole | Words | YesNo | Text | None


def texts(*bases: str) -> dict[str, Text]:
    """The columns of texts written in Dutch and English: ``name`` is ``name_nl`` and ``name_en``."""
    return dict.fromkeys(bilingual(*bases), Text())


# ---------------------------------------------------------------- what a file holds


@dataclass(frozen=True)
class Table:
    """One CSV file: its columns and what each may hold, checked in this order, then the rules across rows,
    each a :class:`~helpers.checks.Checker` method with its arguments (a :class:`Known` argument is replaced by
    the ids of a table loaded before). ``key`` becomes the index, ``order`` sorts the rows."""

    file: str
    columns: dict[str, Column]
    rules: tuple[tuple[Any, ...], ...] = ()
    key: str = ""
    order: str = ""


def load_table(folder: Path, table: Table, known: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """Read and check one declared file; its rows, sorted and indexed as declared."""
    known = known or {}
    path = folder / table.file
    frame = read_csv(path, tuple(table.columns))
    check = Checker(path, frame)
    for name, kind in table.columns.items():
        if kind is not None:
            kind.check(check, name, known)
    for method, *arguments in table.rules:
        method(check, *(known[a.table] if isinstance(a, Known) else a for a in arguments))
    if table.order:
        frame = frame.sort_values(table.order)
    return frame.set_index(table.key) if table.key else frame


NOT_ON_THE_SCALE = "zingeving is not on the 0–4 intensity scale (it is judged as experienced and accepted)"

FUNCTIONS = Table(
    "functions.csv",
    {
        "function_id": Id(FUNCTION_IDS, "function"),
        "order": Whole(1, 5),
        "role": OneOf("role", ("meaning", "external", "internal")),
        **texts("name", "definition"),
    },
    rules=(
        (Checker.distinct, "order", "order"),
        (Checker.fixed, "role", "function_id", ROLES, "role"),
        (Checker.every, "function_id", FUNCTION_IDS, "function"),
    ),
    key="function_id",
    order="order",
)
QUESTIONS = Table(
    "function_questions.csv",
    {"function_id": OneOf("function", FUNCTION_IDS), **texts("question")},
    rules=(
        (Checker.no_repeated_text, "function_id", *bilingual("question")),
        (Checker.at_least, "", "function_id", FUNCTION_IDS, MIN_QUESTIONS, "guiding questions"),
    ),
)
ANCHORS = Table(
    "function_anchors.csv",
    {
        "function_id": OneOf("function for an anchor; " + NOT_ON_THE_SCALE, PROFILE_IDS),
        "score": Whole(),
        **texts("anchor"),
    },
    rules=(
        (Checker.unique_pair, "function_id", "score"),
        (Checker.complete, "function_id", "score", list(SCORE_RANGE), "anchors"),
        (
            Checker.every,
            "function_id",
            PROFILE_IDS,
            "",
            "function has no anchors",
            "anchors 0–4 for each of " + ", ".join(PROFILE_IDS),
        ),
    ),
)
# The three parts of the zingeving judgement: experienced by clients, by staff, accepted by the surroundings.
ZINGEVING = Table(
    "zingeving_aspects.csv",
    {
        "aspect_id": Id(ZINGEVING_IDS, "zingeving aspect"),
        "order": Whole(1, len(ZINGEVING_IDS)),
        **texts("name", "description"),
    },
    rules=((Checker.distinct, "order", "order"), (Checker.every, "aspect_id", ZINGEVING_IDS, "zingeving aspect")),
    key="aspect_id",
    order="order",
)
CONDITIONS = Table(
    "conditions.csv",
    {
        "condition_id": Id(CONDITION_IDS, "condition"),
        "order": Whole(1, 4),
        "function_id": OneOf(
            "function (a condition belongs to the goal, boundaries, structure or energy)", PROFILE_IDS
        ),
        **texts("name", "description"),
    },
    rules=(
        (Checker.distinct, "order", "order"),
        (Checker.fixed, "function_id", "condition_id", CONDITION_FUNCTIONS, "function"),
        (Checker.every, "condition_id", CONDITION_IDS, "condition"),
    ),
    key="condition_id",
    order="order",
)
# Admission (lesson 04): the ages, legal frames and lengths of stay of a client group, and those a ward admits.
ADMISSION: dict[str, Column] = {
    "age_min": Whole(*AGE_RANGE),
    "age_max": Whole(*AGE_RANGE),
    "legal_frames": Words(LEGAL_FRAMES, "legal frame"),
}
CLIENT_GROUPS = Table(
    "client_groups.csv",
    {
        "client_group_id": Id(),
        **ADMISSION,
        "stay": Words(STAYS, "length of stay", many=False),
        **texts("name", "description", "shared_reason", "admission"),
    },
    rules=((Checker.not_below, "age_max", "age_min"),),
    key="client_group_id",
)
NEEDS = Table(
    "client_group_needs.csv",
    {
        "client_group_id": OneOf("client group", Known("client_groups")),
        "function_id": OneOf(
            "function with a need; every client group needs its zingeving experienced and accepted, "
            "so it has no need row",
            PROFILE_IDS,
        ),
        "need": Whole(),
        **texts("reason"),
    },
    rules=(
        (Checker.unique_pair, "client_group_id", "function_id"),
        (Checker.complete, "client_group_id", "function_id", PROFILE_IDS, "needs"),
        (
            Checker.every,
            "client_group_id",
            Known("client_groups"),
            "",
            "client group has no needs",
            "rows for every client group in client_groups.csv",
        ),
    ),
)
WARDS = Table(
    "wards.csv",
    {
        "ward_id": Id(),
        "client_group_id": OneOf("client group", Known("client_groups")),
        "fictional": YesNo(),
        "benefits_own_group": OneOf("value", BENEFIT_VALUES),
        **ADMISSION,
        "stays": Words(STAYS, "length of stay"),
        **texts("name", "ward_type", "summary", "benefit_note"),
    },
    rules=((Checker.not_below, "age_max", "age_min"),),
    key="ward_id",
)
OBSERVATIONS = Table(
    "ward_observations.csv",
    {"ward_id": OneOf("ward", Known("wards")), "function_id": OneOf("function", FUNCTION_IDS), **texts("observation")},
    rules=(
        (Checker.no_repeated_text, "ward_id", *bilingual("observation")),
        (Checker.every, "ward_id", Known("wards"), "ward's observations"),
        (Checker.at_least, "ward_id", "function_id", FUNCTION_IDS, 1, "observations"),
    ),
)
REFERENCE = Table(
    "ward_reference.csv",
    {
        "ward_id": OneOf("ward", Known("wards")),
        "item_id": OneOf("profile function, zingeving aspect or condition; " + NOT_ON_THE_SCALE, WARD_ITEMS),
        "score": Whole(),
        **texts("reason"),
    },
    rules=(
        (Checker.unique_pair, "ward_id", "item_id"),
        (Checker.complete, "ward_id", "item_id", WARD_ITEMS, "reference scoring"),
        (
            Checker.every,
            "ward_id",
            Known("wards"),
            "",
            "ward has no reference scoring",
            "rows for every ward in wards.csv",
        ),
    ),
)
DIMENSION_IDS = tuple(d for ids in DIMENSIONS.values() for d in ids)
RECOVERY_DIMENSIONS = Table(
    "recovery_dimensions.csv",
    {
        "dimension_id": Id(DIMENSION_IDS, "recovery dimension"),
        "perspective": OneOf("perspective", PERSPECTIVES),
        "chime": None,  # a personal dimension's CHIME process, a clinical one's nothing: see check_chime
        **texts("name", "description"),
    },
    rules=(
        (
            Checker.fixed,
            "perspective",
            "dimension_id",
            {d: p for p, ids in DIMENSIONS.items() for d in ids},
            "perspective",
        ),
        (Checker.every, "dimension_id", DIMENSION_IDS, "recovery dimension"),
    ),
    key="dimension_id",
)
QUIZ = Table(
    "quiz_situations.csv",
    {"situation_id": Id(), "function_id": OneOf("function", FUNCTION_IDS), **texts("situation", "reason")},
    key="situation_id",
)
STATEMENTS = Table(
    "sorter_statements.csv",
    {
        "statement_id": Id(),
        "perspective": OneOf("perspective", PERSPECTIVES),
        "dimension_id": None,  # a dimension of the statement's perspective: see check_statement_dimensions
        **texts("statement", "reason"),
    },
    key="statement_id",
)


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


def check_chime(path: Path, dimensions: pd.DataFrame) -> None:
    """A personal dimension maps onto one CHIME process; a clinical one onto none."""
    personal = dimensions[dimensions["perspective"] == "personal"]
    Checker(path, personal).choice("chime", CHIME, "CHIME process (a personal dimension maps onto one)")
    Checker(path, dimensions[dimensions["perspective"] == "clinical"]).choice(
        "chime", ("",), "value (a clinical dimension has no CHIME process)"
    )


def check_statement_dimensions(path: Path, statements: pd.DataFrame, dimensions: pd.DataFrame) -> None:
    """A sorter statement's dimension is one of its perspective's."""
    for perspective in PERSPECTIVES:
        own = statements[statements["perspective"] == perspective]
        matching = list(dimensions.index[dimensions["perspective"] == perspective])
        Checker(path, own).choice("dimension_id", matching, f"{perspective} dimension")


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
    functions = load_table(folder, FUNCTIONS)
    client_groups = load_table(folder, CLIENT_GROUPS)
    known = {"client_groups": list(client_groups.index)}
    needs = load_table(folder, NEEDS, known)
    wards = load_table(folder, WARDS, known)
    check_admits_own_group(Checker(folder / WARDS.file, wards.reset_index()), client_groups)
    known["wards"] = list(wards.index)
    observations = load_table(folder, OBSERVATIONS, known)
    reference = load_table(folder, REFERENCE, known)
    dimensions = load_table(folder, RECOVERY_DIMENSIONS)
    check_chime(folder / RECOVERY_DIMENSIONS.file, dimensions)
    statements = load_table(folder, STATEMENTS)
    check_statement_dimensions(folder / STATEMENTS.file, statements, dimensions)
    return CourseData(
        folder=folder,
        functions=functions,
        questions=load_table(folder, QUESTIONS),
        anchors=load_table(folder, ANCHORS),
        zingeving=load_table(folder, ZINGEVING),
        conditions=load_table(folder, CONDITIONS),
        wards=wards,
        observations=observations,
        reference=reference,
        client_groups=client_groups,
        needs=needs,
        dimensions=dimensions,
        quiz=load_table(folder, QUIZ),
        statements=statements,
        vignettes=load_vignettes(folder, dimensions),
    )


def localized(frame: pd.DataFrame, base: str) -> pd.Series:
    """The ``base`` text column (``name``, ``reason``…) of ``frame`` in the current language."""
    return frame[column(base)]
