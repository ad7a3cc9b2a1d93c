"""The course's own bad-input generator (issue 9): every file in ``data/`` is broken in the ways a lecturer's
or a student's copy gets broken, and each variant must either load exactly as the original or stop with a
clear error that names the file (and, where the file has lines, the line or the field).

The table below says how each kind of file is loaded. A file in ``data/`` that no kind matches fails
``test_every_data_file_has_a_loader``, so a data file added later is protected the same way once it is listed.
The widgets' side of bad input (a failed save, a saved tag that no longer fits) is tested at the end.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from bibliography import load_references  # tools/ (on the path through conftest)

from helpers import student_work
from helpers.course_data import load_course
from helpers.decoding import CourseDataError, find_data_dir
from helpers.student_work import StudentWorkError, read_student_file

DATA = find_data_dir()
DOCUMENTATION = ("README.md",)  # files in data/ that are read by people, not loaded


# ---------------------------------------------------------------- loading a data folder, comparably


def course_snapshot(folder: Path) -> dict[str, object]:
    """Everything load_course gives, without the line numbers (a changed layout moves lines)."""
    course = load_course(folder)
    tables = {
        name: frame.drop(columns="_line", errors="ignore")
        for name, frame in vars(course).items()
        if isinstance(frame, pd.DataFrame)
    }
    vignettes = {
        key: (tuple(v for k, v in vars(vignette).items() if k not in ("moves", "path")), vignette.moves)
        for key, vignette in course.vignettes.items()
    }
    return {"tables": tables, "vignettes": vignettes}


def same(first: object, second: object) -> bool:
    if isinstance(first, pd.DataFrame):
        return isinstance(second, pd.DataFrame) and first.equals(second)
    if isinstance(first, dict):
        return (
            isinstance(second, dict) and first.keys() == second.keys() and all(same(first[k], second[k]) for k in first)
        )
    if isinstance(first, tuple | list):
        return isinstance(second, tuple | list) and len(first) == len(second) and all(map(same, first, second))
    return first == second


def references_snapshot(folder: Path) -> object:
    return load_references(folder).drop(columns="_line")


def student_snapshot(path: Path) -> object:
    student = read_student_file(path)
    return (student.pseudonym, student.scorings, student.read_from_version)


def site_snapshot(path: Path) -> object:
    from build_site import site_config  # tools/ (on the path through conftest)

    return site_config(path).get("live_url", "")


def lessons_snapshot(path: Path) -> object:
    from build_site import lesson_purposes

    return {number: (row["nl"], row["en"]) for number, row in lesson_purposes(path).items()}


@dataclass(frozen=True)
class Kind:
    """How one kind of data file is loaded: ``load(folder, path)`` returns something comparable."""

    name: str
    matches: Callable[[Path], bool]  # the path relative to data/
    load: Callable[[Path, Path], object]
    text_format: str  # csv, lines (field: value) or json


KINDS = (
    Kind(
        "course table",
        lambda rel: rel.parent == Path() and rel.suffix == ".csv" and rel.name not in ("references.csv", "lessons.csv"),
        lambda folder, path: course_snapshot(folder),
        "csv",
    ),
    Kind(
        "bibliography",
        lambda rel: rel == Path("references.csv"),
        lambda folder, path: references_snapshot(folder),
        "csv",
    ),
    Kind(
        "vignette",
        lambda rel: rel.parent == Path("vignettes") and rel.suffix == ".txt",
        lambda f, p: course_snapshot(f),
        "lines",
    ),
    Kind(
        "student file",
        lambda rel: rel.parent == Path("class_demo"),
        lambda folder, path: student_snapshot(path),
        "json",
    ),
    Kind("site settings", lambda rel: rel == Path("site.json"), lambda folder, path: site_snapshot(path), "json"),
    Kind("site index", lambda rel: rel == Path("lessons.csv"), lambda folder, path: lessons_snapshot(path), "csv"),
)


def kind_of(rel: Path) -> Kind:
    matching = [kind for kind in KINDS if kind.matches(rel)]
    assert len(matching) == 1, f"data/{rel}: {len(matching)} loaders in the generator's table; add exactly one"
    return matching[0]


DATA_FILES = sorted(p.relative_to(DATA) for p in DATA.rglob("*") if p.is_file() and p.name not in DOCUMENTATION)


def test_every_data_file_has_a_loader():
    assert len(DATA_FILES) >= 50
    kinds = {rel: kind_of(rel).name for rel in DATA_FILES}
    assert set(kinds.values()) == {kind.name for kind in KINDS}


def test_every_data_file_gets_the_variants_of_its_kind():
    per_file = {rel: [v for r, v in CASES if r == rel] for rel in DATA_FILES}
    assert all(len(variants) >= 8 for variants in per_file.values()), per_file
    assert len(CASES) >= 500


# ---------------------------------------------------------------- the variants


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def write_csv(rows: list[list[str]], delimiter: str = ",", terminator: str = "\n") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    return out.getvalue()


def dutch_excel(text: str, form: str) -> bytes | None:
    """Excel in a Dutch locale ("CSV UTF-8"): semicolons, CRLF, a byte-order mark."""
    if form == "csv":
        return write_csv(csv_rows(text), ";", "\r\n").encode("utf-8-sig")
    return text.replace("\n", "\r\n").encode("utf-8-sig")  # a text editor on Windows


def decimal_comma(text: str, form: str) -> bytes | None:
    """The Dutch export of a sheet whose numbers carry a decimal: 3 becomes 3,0."""
    if form != "csv":
        return None
    rows = csv_rows(text)
    rows = [rows[0]] + [[re.sub(r"^(\d+)$", r"\1,0", value) for value in row] for row in rows[1:]]
    return write_csv(rows, ";", "\r\n").encode("utf-8-sig")


def unicode_text(text: str, form: str) -> bytes | None:
    """Excel's "Unicode text": tab-separated UTF-16 with a byte-order mark (a text editor: UTF-16)."""
    if form == "csv":
        return write_csv(csv_rows(text), "\t", "\r\n").encode("utf-16")
    return text.encode("utf-16")


def truncated(share: float) -> Callable[[str, str], bytes | None]:
    def cut(text: str, form: str) -> bytes | None:
        raw = text.encode("utf-8")
        at = int(len(raw) * share)
        while raw[at - 1 : at + 1].strip(b"\r\n") != raw[at - 1 : at + 1]:
            at += 3  # a cut exactly at a line end is a shorter complete file, not a cut-off one
        return raw[:at]

    cut.__name__ = f"truncated_{round(share * 100)}%"
    return cut


def duplicated_row(text: str, form: str) -> bytes | None:
    if form == "json":
        return None  # a student file has no rows; a scoring saved twice is two saves
    if form == "lines":  # a vignette: its first "field: value" line once more
        lines = text.splitlines(keepends=True)
        number = next(n for n, line in enumerate(lines) if re.match(r"^\w+: ", line))
        return "".join([*lines[: number + 1], lines[number], *lines[number + 1 :]]).encode("utf-8")
    rows = csv_rows(text)
    return write_csv([*rows, rows[1]]).encode("utf-8")


def removed_column(text: str, form: str) -> bytes | None:
    if form == "csv":
        rows = csv_rows(text)
        middle = len(rows[0]) // 2
        return write_csv([row[:middle] + row[middle + 1 :] for row in rows]).encode("utf-8")
    if form == "lines":  # a vignette: its first move without its key
        return re.sub(r"^key: .*\n", "", text, count=1, flags=re.M).encode("utf-8")
    try:
        content = json.loads(text)
    except ValueError:
        return None  # the demo's broken upload has no fields to remove
    if not isinstance(content, dict) or not content:
        return None
    del content["pseudonym" if "pseudonym" in content else next(iter(content))]
    return json.dumps(content).encode("utf-8")


def out_of_range(text: str, form: str) -> bytes | None:
    if form == "csv":
        rows = csv_rows(text)
        columns = [c for c in ("score", "need", "order") if c in rows[0]]
        if not columns:
            return None
        rows[1][rows[0].index(columns[0])] = "7"
        return write_csv(rows).encode("utf-8")
    if form == "lines":
        return re.sub(r"^move: 2$", "move: 7", text, count=1, flags=re.M).encode("utf-8")
    changed = re.sub(r'("scores": \{\s*"\w+": )\d', r"\g<1>9", text, count=1)
    return changed.encode("utf-8") if changed != text else None


VARIANTS: dict[str, Callable[[str, str], bytes | None]] = {
    "dutch_excel": dutch_excel,
    "decimal_comma": decimal_comma,
    "windows_1252": lambda text, form: text.encode("cp1252"),
    "mac_roman": lambda text, form: text.encode("mac_roman"),
    "unicode_text": unicode_text,
    "truncated_33": truncated(1 / 3),
    "truncated_50": truncated(1 / 2),
    "truncated_80": truncated(0.8),
    "duplicated_row": duplicated_row,
    "removed_column": removed_column,
    "out_of_range": out_of_range,
    "empty": lambda text, form: b"",
}
# What each variant must give: "same" (the file loads exactly as the original), "error" (a clear error), or
# "either". A Windows-1252 or Mac Roman file of plain ASCII is the same bytes as the original.
EXPECTED = {
    "dutch_excel": "same",
    "decimal_comma": "either",  # 3,0 is 3 in a score; a year 2011,0 is refused
    "windows_1252": "same",
    "mac_roman": "same if ascii, else error",
    "unicode_text": "same",
    "truncated_33": "error",
    "truncated_50": "error",
    "truncated_80": "error",
    "duplicated_row": "error",
    "removed_column": "error",
    "out_of_range": "error",
    "empty": "error",
}
# The site settings are read by the site build, which takes UTF-8 JSON (a byte-order mark and Windows line
# ends too, as Notepad saves it) and refuses the rest clearly; an empty settings object means "no live
# link", the same as its one field left empty.
SITE_EXPECTED = {"dutch_excel": "same", "unicode_text": "error", "removed_column": "same"}


def clear(error: BaseException, rel: Path, has_lines: bool) -> str:
    """Why ``error`` is not a clear error for ``rel`` ('' when it is)."""
    message = str(error)
    if rel.name not in message:
        return f"the message does not name {rel.name}: {message}"
    pinpointed = error.line is not None or error.field is not None if isinstance(error, CourseDataError) else True
    if has_lines and not pinpointed and "file is empty" not in message and "not a text file" not in message:
        return f"the message names no line or field: {message}"
    return ""


ERRORS = (CourseDataError, StudentWorkError, SystemExit)


def load_or_error(kind: Kind, folder: Path, path: Path) -> tuple[object, BaseException | None]:
    try:
        return kind.load(folder, path), None
    except ERRORS as error:
        return None, error


def applicable(rel: Path, variant: str) -> bool:
    """Whether a variant makes sense for a file (a student file has no rows to duplicate)."""
    return VARIANTS[variant]((DATA / rel).read_text(encoding="utf-8"), kind_of(rel).text_format) is not None


CASES = [(rel, variant) for rel in DATA_FILES for variant in VARIANTS if applicable(rel, variant)]


@pytest.fixture(scope="module")
def originals():
    """The loaded form of each file as shipped (or its error, for the demo class's broken upload)."""
    return {rel: load_or_error(kind_of(rel), DATA, DATA / rel) for rel in DATA_FILES}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """One copy of data/, each file put back after its variant."""
    folder = tmp_path_factory.mktemp("generator") / "data"
    shutil.copytree(DATA, folder)
    return folder


@pytest.mark.parametrize("rel, variant", CASES, ids=[f"{rel}-{variant}" for rel, variant in CASES])
def test_every_broken_variant_loads_the_same_or_fails_clearly(rel, variant, originals, scratch):
    kind = kind_of(rel)
    original_text = (DATA / rel).read_text(encoding="utf-8")
    content = VARIANTS[variant](original_text, kind.text_format)
    assert content is not None
    expected = EXPECTED[variant]
    if kind.name == "site settings":
        expected = SITE_EXPECTED.get(variant, expected)
    if expected.startswith("same if ascii"):
        expected = "same" if original_text.isascii() else "error"
    original, original_error = originals[rel]
    if original_error is not None:  # a file shipped broken on purpose (the demo's cut-off upload)
        expected = "error"
    path = scratch / rel
    path.write_bytes(content)
    try:
        loaded, error = load_or_error(kind, scratch, path)
    finally:
        shutil.copyfile(DATA / rel, path)
    if error is not None:
        assert expected in ("error", "either"), f"{rel} {variant}: refused, but should load: {error}"
        assert not clear(error, rel, kind.text_format != "json"), clear(error, rel, kind.text_format != "json")
        if variant == "mac_roman" and not original_text.isascii():  # refused for its encoding, not its garble
            assert "Mac Roman" in str(error), str(error)
    else:
        assert expected in ("same", "either"), f"{rel} {variant}: loaded, but should have been refused"
        assert same(loaded, original), f"{rel} {variant}: loaded something else than the original"


# ---------------------------------------------------------------- the widgets: never a crash, never lost work


@pytest.fixture
def work_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_WORK_DIR", str(tmp_path / "my_work"))
    return tmp_path / "my_work"


def save_box(collect=None):
    from helpers.savebox import SaveBox

    collect = collect or (lambda: [("ward", "forensic", {"scores": {"grensbepaling": 2}})])
    return SaveBox(collect, lambda kind, scoring: None, lambda: [("ward", "forensic")])


def test_a_failed_save_says_so_in_red_and_keeps_the_earlier_file(work_dir, monkeypatch):
    box = save_box()
    box.pseudonym.value = "fox"
    box.save()
    assert "course-good" in box.status.value
    path = work_dir / "fox.json"
    before = path.read_bytes()

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(student_work.tempfile, "mkstemp", read_only)
    box.save()
    assert "course-bad" in box.status.value and "course-good" not in box.status.value
    assert "Not saved: the file could not be written (Permission denied)" in box.status.value
    assert "unchanged" in box.status.value and str(work_dir) in box.status.value
    assert path.read_bytes() == before


def test_a_failed_save_is_said_in_dutch(work_dir, monkeypatch):
    from helpers.text import set_language

    set_language("nl")
    box = save_box()
    box.pseudonym.value = "fox"
    monkeypatch.setattr(
        student_work.tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space"))
    )
    box.save()
    assert "Niet opgeslagen: het bestand kon niet worden geschreven (No space)" in box.status.value


def test_an_unexpected_error_while_saving_ends_in_the_box(work_dir):
    def broken():
        raise KeyError("scores")

    box = save_box(broken)
    box.pseudonym.value = "fox"
    box.save()
    assert "course-bad" in box.status.value and "KeyError" in box.status.value


def test_a_windows_device_name_is_refused_in_the_box(work_dir):
    box = save_box()
    box.pseudonym.value = "NUL"
    box.save()
    assert "a name Windows keeps for a device" in box.status.value and not work_dir.exists()


def vignette_scorer():
    from helpers.apps_recovery import VignetteScorer

    return VignetteScorer("mehmet_acute")


def test_saved_tags_that_do_not_fit_are_skipped_with_a_message(work_dir):
    scorer = vignette_scorer()
    course = load_course()
    key = course.vignettes["mehmet_acute"].moves["key"]
    wrong = {"personal": "medication", "clinical": "hope"}  # a dimension of the other orientation
    content = {
        "format": student_work.FORMAT,
        "format_version": 2,
        "pseudonym": "fox",
        "scorings": [
            {
                "kind": "vignette",
                "item_id": "mehmet_acute",
                "saved_at": "2026-11-20T10:00:00+00:00",
                "course_version": student_work.__version__,
                "tags": {
                    "1": {"orientation": key[1], "dimension": "joy"},
                    "2": {"orientation": key[2], "dimension": wrong[key[2]]},
                    "3": {"orientation": key[3], "dimension": ""},
                    "99": {"orientation": "personal", "dimension": ""},
                },
                "text": {},
            }
        ],
    }
    work_dir.mkdir()
    (work_dir / "fox.json").write_text(json.dumps(content), encoding="utf-8")
    scorer.save_box.pseudonym.value = "fox"
    scorer.save_box.load()
    assert [scorer.rows[n].orientation.value for n in (1, 2, 3)] == [key[1], key[2], key[3]]
    assert [scorer.rows[n].dimension.value for n in (1, 2, 3)] == ["", "", ""]
    message = scorer.agreement.value
    assert "could not be put back" in message and "‘joy’" in message and f"‘{wrong[key[2]]}’" in message
    assert "move 99 (this vignette has no such move)" in message
    assert "course-good" in scorer.save_box.status.value


def test_restore_never_raises_on_odd_move_keys():
    scorer = vignette_scorer()
    scorer.restore(
        "vignette", {"tags": {"²": {"orientation": "personal"}, "x": {}, "1": {"orientation": "odd"}}, "text": {}}
    )
    assert "move ²" in scorer.agreement.value and "‘odd’" in scorer.agreement.value
    assert scorer.rows[1].orientation.value is None
