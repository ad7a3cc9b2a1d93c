"""The data layer: the real data loads, and every kind of bad input fails clearly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.data import (
    CONDITION_IDS,
    FUNCTION_IDS,
    PROFILE_IDS,
    WARD_ITEMS,
    ZINGEVING_IDS,
    CourseDataError,
    find_data_dir,
    load_course,
)
from tests.conftest import ROOT


def test_real_data_loads_completely():
    course = load_course()
    assert list(course.functions.index) == list(FUNCTION_IDS)
    assert list(course.conditions.index) == list(CONDITION_IDS)
    assert len(course.wards) >= 6 and len(course.client_groups) >= 4 and len(course.vignettes) >= 6
    assert course.wards["fictional"].all()
    assert all(v.fictional for v in course.vignettes.values())
    assert len(course.quiz) >= 12 and len(course.statements) >= 12
    assert set(course.dimensions["perspective"]) == {"personal", "clinical"}
    # every ward has at least one observation for each function
    seen = course.observations.groupby("ward_id")["function_id"].nunique()
    assert (seen.reindex(course.wards.index) == 5).all()
    # every name shown to users exists in both languages
    for table in (course.functions, course.conditions, course.wards, course.client_groups, course.dimensions):
        assert (table["name_nl"].str.len() > 0).all() and (table["name_en"].str.len() > 0).all()


def test_energieverzorging_is_not_translated_as_empowerment():
    course = load_course()
    assert "empower" not in course.functions.loc["energieverzorging", "name_en"].lower()


def test_data_folder_is_found_from_another_working_directory(tmp_path):
    script = "from helpers.data import find_data_dir; print(find_data_dir())"
    env = {k: v for k, v in os.environ.items() if k != "COURSE_DATA_DIR"}
    found = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert Path(found) == ROOT / "data"


def test_data_folder_can_be_chosen_with_an_environment_variable(data_copy, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(data_copy))
    assert find_data_dir() == data_copy


def fails(folder: Path, *fragments: str) -> CourseDataError:
    """Loading ``folder`` raises CourseDataError whose message holds every fragment."""
    with pytest.raises(CourseDataError) as caught:
        load_course(folder)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return caught.value


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


def test_missing_file(data_copy):
    (data_copy / "wards.csv").unlink()
    fails(data_copy, "wards.csv", "file is missing")


def test_empty_file(data_copy):
    (data_copy / "conditions.csv").write_text("", encoding="utf-8")
    fails(data_copy, "conditions.csv", "file is empty")


def test_header_only_file(data_copy):
    path = data_copy / "quiz_situations.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    fails(data_copy, "quiz_situations.csv", "no rows")


def test_missing_column(data_copy):
    edit(data_copy / "client_group_needs.csv", "need,", "needed,")
    error = fails(data_copy, "client_group_needs.csv", "line 1", "column missing", "'need'")
    assert error.field == "need"


def test_unknown_function_id(data_copy):
    path = data_copy / "ward_observations.csv"
    number = line_of(path, ",grensbepaling,")
    edit(path, ",grensbepaling,", ",grenzen,")
    fails(
        data_copy,
        "ward_observations.csv",
        f"line {number}",
        "unknown function",
        "'function_id'",
        "'grenzen'",
        "allowed: zingeving, doelverwerving",
    )


def test_unknown_dimension_in_sorter(data_copy):
    path = data_copy / "sorter_statements.csv"
    content = path.read_text(encoding="utf-8")
    row = re.search(r"^(\w+),personal,(\w+),", content, re.M)
    number = content[: row.start()].count("\n") + 1
    path.write_text(content.replace(row.group(0), f"{row.group(1)},personal,joy,", 1), encoding="utf-8")
    fails(data_copy, "sorter_statements.csv", f"line {number}", "unknown personal dimension", "'joy'", "hope")


def test_score_out_of_range(data_copy):
    path = data_copy / "ward_reference.csv"
    content = path.read_text(encoding="utf-8")
    row = re.search(r"^(\w+),(zingeving_staff),(\d),", content, re.M)
    number = content[: row.start()].count("\n") + 1
    path.write_text(content.replace(row.group(0), f"{row.group(1)},zingeving_staff,7,", 1), encoding="utf-8")
    fails(
        data_copy,
        "ward_reference.csv",
        f"line {number}",
        "score out of range",
        "'score'",
        "'7'",
        "a whole number from 0 to 4",
    )


@pytest.mark.parametrize("value", ["3.5", "drie", "", "-1"])
def test_score_not_a_whole_number(data_copy, value):
    path = data_copy / "client_group_needs.csv"
    content = path.read_text(encoding="utf-8")
    row = re.search(r"^(\w+),(structurering),(\d),", content, re.M)
    path.write_text(content.replace(row.group(0), f"{row.group(1)},structurering,{value},", 1), encoding="utf-8")
    problem = "score out of range" if value == "-1" else "not a whole number"
    fails(data_copy, "client_group_needs.csv", problem, "'need'", repr(value))


def test_duplicate_id(data_copy):
    path = data_copy / "wards.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    first_id = lines[1].split(",")[0]
    fails(data_copy, "wards.csv", f"line {len(lines) + 1}", "duplicate id", f"'{first_id}'")


def test_duplicate_reference_item(data_copy):
    path = data_copy / "ward_reference.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    fails(data_copy, "ward_reference.csv", "duplicate row", "ward_id+item_id")


def test_ward_missing_a_reference_item(data_copy):
    path = data_copy / "ward_reference.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    dropped = next(line for line in lines[1:] if ",energy_enough," in line)
    path.write_text("\n".join(line for line in lines if line != dropped) + "\n", encoding="utf-8")
    fails(data_copy, "ward_reference.csv", "reference scoring incomplete", "no row for energy_enough")


def test_vignette_move_without_key(data_copy):
    path = sorted((data_copy / "vignettes").glob("*.txt"))[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    key_line = next(n for n, line in enumerate(lines) if line.startswith("key:"))
    move_line = max(n for n, line in enumerate(lines[:key_line]) if line.startswith("move:"))
    del lines[key_line]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fails(data_copy, path.name, f"line {move_line + 1}", "has no key", "'key'")


def test_vignette_unknown_dimension(data_copy):
    path = sorted((data_copy / "vignettes").glob("*.txt"))[0]
    content = path.read_text(encoding="utf-8")
    match = re.search(r"^dimension: (\w+)$", content, re.M)
    number = content[: match.start()].count("\n") + 1
    path.write_text(content.replace(match.group(0), "dimension: wellbeing", 1), encoding="utf-8")
    fails(data_copy, path.name, f"line {number}", "unknown dimension", "'wellbeing'")


def test_vignette_moves_out_of_order(data_copy):
    path = sorted((data_copy / "vignettes").glob("*.txt"))[0]
    edit(path, "move: 2", "move: 3")
    fails(data_copy, path.name, "moves out of order", "'3'", "allowed: 2")


def test_vignette_id_must_match_file_name(data_copy):
    path = sorted((data_copy / "vignettes").glob("*.txt"))[0]
    path.rename(path.with_name("renamed_case.txt"))
    fails(data_copy, "renamed_case.txt", "id differs from the file name", "allowed: renamed_case")


def test_new_vignette_file_is_picked_up(data_copy):
    source = sorted((data_copy / "vignettes").glob("*.txt"))[0]
    content = source.read_text(encoding="utf-8")
    old_id = re.search(r"^id: (\w+)$", content, re.M).group(1)
    (data_copy / "vignettes" / "extra_case.txt").write_text(
        content.replace(f"id: {old_id}", "id: extra_case"), encoding="utf-8"
    )
    assert "extra_case" in load_course(data_copy).vignettes


def test_ragged_row(data_copy):
    path = data_copy / "function_questions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + ",an extra field"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fails(data_copy, "function_questions.csv", "line 4", "wrong number of fields")


def test_short_row(data_copy):
    path = data_copy / "conditions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = ",".join(lines[2].split(",")[:2])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fails(data_copy, "conditions.csv", "line 3", "wrong number of fields")


def to_dutch_excel(path: Path, encoding: str) -> None:
    """Rewrite a CSV as Dutch Excel saves it: semicolons, CRLF, the given encoding."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


def test_dutch_excel_utf8_with_bom_loads_the_same(data_copy):
    original = load_course(data_copy)
    wards = original.wards.drop(columns="_line")
    for name in ("wards.csv", "ward_reference.csv", "functions.csv"):
        to_dutch_excel(data_copy / name, "utf-8-sig")
    assert (data_copy / "wards.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    reloaded = load_course(data_copy)
    assert reloaded.wards.drop(columns="_line").equals(wards)
    assert reloaded.reference["score"].tolist() == original.reference["score"].tolist()


def test_dutch_excel_windows_1252_with_client_loads_the_same(data_copy):
    path = data_copy / "client_groups.csv"
    content = path.read_text(encoding="utf-8")
    first = re.search(r"^(\w+),", content.splitlines()[1]).group(1)
    lines = content.splitlines()
    lines[1] = lines[1].replace(first + ",", first + ",Cliënt café ", 1)  # name_nl gets "cliënt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    to_dutch_excel(path, "cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    groups = load_course(data_copy).client_groups
    assert groups.loc[first, "name_nl"].startswith("Cliënt café ")


def test_semicolon_file_with_a_comma_in_text_stays_one_field(data_copy):
    path = data_copy / "function_questions.csv"
    to_dutch_excel(path, "utf-8-sig")
    text = path.read_bytes().decode("utf-8-sig")
    assert "," in text  # Dutch text with commas, unquoted in a semicolon file
    questions = load_course(data_copy).questions
    assert questions["question_nl"].str.contains(",").any()


def test_error_names_file_line_field_value_and_allowed(data_copy):
    path = data_copy / "wards.csv"
    content = path.read_text(encoding="utf-8")
    lines = content.splitlines()
    lines[2] = lines[2].replace(",yes,", ",ja,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = fails(data_copy)
    assert (Path(error.file).name, error.line, error.field, error.found, error.allowed) == (
        "wards.csv",
        3,
        "fictional",
        "ja",
        "yes, no",
    )


def test_installed_copy_is_found_under_the_environment_prefix(tmp_path, monkeypatch):
    import shutil
    import sys

    import helpers.data as data_module

    installed = tmp_path / "prefix" / data_module.INSTALLED_DATA
    shutil.copytree(find_data_dir(), installed)
    monkeypatch.delenv("COURSE_DATA_DIR", raising=False)
    monkeypatch.setattr(data_module, "__file__", str(tmp_path / "site-packages" / "helpers" / "data.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    monkeypatch.chdir(tmp_path)
    assert data_module.find_data_dir() == installed


def test_the_wheel_carries_the_course_data(tmp_path):
    import zipfile

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    names = zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist()
    shared = [n for n in names if "/share/social-systems-course/data/" in n]
    assert any(n.endswith("data/functions.csv") for n in shared)
    assert any(n.endswith("data/vignettes/mehmet_acute.txt") for n in shared)


# ---------------------------------------------------------------- zingeving is not a dial


def test_zingeving_is_judged_apart_not_scored_on_the_profile_scale():
    course = load_course()
    assert list(course.zingeving.index) == list(ZINGEVING_IDS)
    assert set(course.anchors["function_id"]) == set(PROFILE_IDS)
    assert set(course.needs["function_id"]) == set(PROFILE_IDS)
    assert set(course.reference["item_id"]) == set(WARD_ITEMS) and "zingeving" not in WARD_ITEMS


def test_a_need_for_zingeving_is_refused(data_copy):
    path = data_copy / "client_group_needs.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "acute_psychosis,zingeving,1,te veel,too much\n", encoding="utf-8"
    )
    fails(data_copy, "client_group_needs.csv", "'function_id'", "'zingeving'", "zingeving experienced and accepted")


def test_an_anchor_for_zingeving_is_refused(data_copy):
    path = data_copy / "function_anchors.csv"
    path.write_text(path.read_text(encoding="utf-8") + "zingeving,4,veel praten,much talk\n", encoding="utf-8")
    fails(data_copy, "function_anchors.csv", "'zingeving'", "not on the 0–4 intensity scale")


def test_the_old_zingeving_item_in_a_reference_is_refused(data_copy):
    path = data_copy / "ward_reference.csv"
    content = path.read_text(encoding="utf-8").replace("forensic,zingeving_staff,", "forensic,zingeving,", 1)
    path.write_text(content, encoding="utf-8")
    fails(data_copy, "ward_reference.csv", "'item_id'", "'zingeving'", "zingeving_clients")


def test_a_client_group_missing_a_need_is_refused(data_copy):
    path = data_copy / "client_group_needs.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(line for line in lines if not line.startswith("forensic_aggression,structurering")), encoding="utf-8"
    )
    fails(data_copy, "client_group_needs.csv", "needs incomplete", "forensic_aggression has no row for structurering")


def test_benefits_own_group_must_be_yes_partly_or_no(data_copy):
    path = data_copy / "wards.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",partly,", ",somewhat,", 1), encoding="utf-8")
    fails(data_copy, "wards.csv", "'benefits_own_group'", "'somewhat'", "yes, partly, no")


def test_a_missing_zingeving_aspect_is_refused(data_copy):
    path = data_copy / "zingeving_aspects.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("zingeving_staff")), encoding="utf-8")
    fails(data_copy, "zingeving_aspects.csv", "zingeving aspect missing", "zingeving_staff")


def test_a_condition_missing_from_conditions_csv_is_refused(data_copy):
    path = data_copy / "conditions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("energy_enough")), encoding="utf-8")
    fails(data_copy, "conditions.csv", "condition missing", "'energy_enough'")
