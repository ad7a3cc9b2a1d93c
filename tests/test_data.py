"""The data layer: the real data loads, and every kind of bad input fails clearly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.course_data import load_course
from helpers.decoding import CourseDataError, find_data_dir
from helpers.vocabulary import CONDITION_IDS, FUNCTION_IDS, PROFILE_IDS, WARD_ITEMS, ZINGEVING_IDS
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
    script = "from helpers.decoding import find_data_dir; print(find_data_dir())"
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

    import helpers.decoding as data_module

    installed = tmp_path / "prefix" / data_module.INSTALLED_DATA
    shutil.copytree(find_data_dir(), installed)
    monkeypatch.delenv("COURSE_DATA_DIR", raising=False)
    monkeypatch.setattr(data_module, "__file__", str(tmp_path / "site-packages" / "helpers" / "decoding.py"))
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
    assert "helpers/student_work.schema.json" in names  # the published format of a hand-in


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


# ---------------------------------------------------------------- issue 9: every rule the README states


def drop_rows(path: Path, starts: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for number, line in enumerate(lines) if number == 0 or not line.startswith(starts)]
    assert len(kept) < len(lines), f"no row starts with {starts!r}"
    path.write_text("".join(kept), encoding="utf-8")


def test_an_anchor_score_missing_is_refused_with_the_function_and_score(data_copy):
    drop_rows(data_copy / "function_anchors.csv", "grensbepaling,2,")
    error = fails(data_copy, "function_anchors.csv", "anchors incomplete", "grensbepaling has no row for 2")
    assert error.field == "score" and error.line is not None


def test_a_ward_without_an_observation_for_a_function_is_refused(data_copy):
    drop_rows(data_copy / "ward_observations.csv", "forensic,structurering,")
    fails(data_copy, "ward_observations.csv", "too few observations", "forensic: 0 for structurering", "1 or more")


def test_a_ward_without_any_observation_is_refused(data_copy):
    drop_rows(data_copy / "ward_observations.csv", "forensic,")
    fails(data_copy, "ward_observations.csv", "ward's observations missing", "'forensic'")


def test_a_function_with_one_guiding_question_is_refused(data_copy):
    path = data_copy / "function_questions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(n for n, line in enumerate(lines) if line.startswith("grensbepaling,"))
    path.write_text(
        "".join(line for n, line in enumerate(lines) if n == first or not line.startswith("grensbepaling,"))
    )
    fails(data_copy, "function_questions.csv", "too few guiding questions", "1 for grensbepaling", "2 or more")


def test_a_role_that_does_not_belong_to_the_function_is_refused(data_copy):
    edit(data_copy / "functions.csv", "structurering,4,internal,", "structurering,4,external,")
    fails(data_copy, "functions.csv", "line 5", "wrong role for structurering", "'external'", "allowed: internal")


def test_a_condition_under_another_function_is_refused(data_copy):
    edit(data_copy / "conditions.csv", "energy_enough,4,energieverzorging,", "energy_enough,4,structurering,")
    fails(data_copy, "conditions.csv", "wrong function for energy_enough", "'structurering'", "energieverzorging")


@pytest.mark.parametrize(
    "old, new, fragments",
    [
        ("citizenship,personal,", "citizenship,clinical,", ("wrong perspective for citizenship", "personal")),
        ("hope,personal,", "joy,personal,", ("unknown recovery dimension", "'joy'")),
        (",hope\n", ",\n", ("CHIME process (a personal dimension maps onto one)", "found ''")),
    ],
)
def test_recovery_dimensions_follow_the_readme(data_copy, old, new, fragments):
    edit(data_copy / "recovery_dimensions.csv", old, new)
    fails(data_copy, "recovery_dimensions.csv", "'", *fragments)


def test_a_clinical_dimension_with_a_chime_process_is_refused(data_copy):
    path = data_copy / "recovery_dimensions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines) if line.startswith("protocol,"))
    lines[number] += "hope"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fails(data_copy, "recovery_dimensions.csv", f"line {number + 1}", "a clinical dimension has no CHIME", "'hope'")


# ---------------------------------------------------------------- cut-off files


def test_a_file_cut_off_inside_a_quoted_text_is_refused(data_copy):
    path = data_copy / "ward_observations.csv"
    content = path.read_text(encoding="utf-8")
    quote = content.index(',"', len(content) // 2) + 1  # an opening quote
    path.write_text(content[: quote + 25], encoding="utf-8")
    line = content[:quote].count("\n") + 1
    fails(data_copy, "ward_observations.csv", f"line {line}", "ends inside a quoted text", "cut off")


def test_a_file_cut_off_in_the_middle_of_a_row_is_refused(data_copy):
    path = data_copy / "function_questions.csv"
    content = path.read_text(encoding="utf-8")
    lines = content.splitlines()
    cut = content.index(lines[5]) + lines[5].index(",") + 4  # three letters into the Dutch question
    path.write_text(content[:cut], encoding="utf-8")
    fails(data_copy, "function_questions.csv", "line 6", "last row is incomplete", "cut off")


def test_a_file_cut_off_in_its_last_text_is_refused(data_copy):
    path = data_copy / "ward_observations.csv"  # its last text is not quoted
    content = path.read_text(encoding="utf-8").rstrip("\n")
    assert not content.endswith('"')
    path.write_text(content[:-12], encoding="utf-8")
    error = fails(data_copy, "ward_observations.csv", "ends in the middle of a text", "cut off")
    assert error.field == "observation_en" and error.line == len(content.splitlines())


def test_a_complete_file_without_a_final_line_break_loads(data_copy):
    path = data_copy / "function_questions.csv"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")
    assert len(load_course(data_copy).questions) == len(load_course().questions)


def test_text_after_a_closing_quote_is_refused(data_copy):
    path = data_copy / "conditions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('",', '" extra,', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fails(data_copy, "conditions.csv", "line 3", "row cannot be read", "written twice")


# ---------------------------------------------------------------- duplicates


def test_a_repeated_order_in_functions_is_refused(data_copy):
    edit(data_copy / "functions.csv", "grensbepaling,3,", "grensbepaling,2,")
    fails(data_copy, "functions.csv", "line 4", "order appears twice", "'order'", "'2'")


@pytest.mark.parametrize("name", ["ward_observations.csv", "function_questions.csv"])
def test_a_repeated_row_is_refused(data_copy, name):
    path = data_copy / name
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[3]]) + "\n", encoding="utf-8")
    fails(data_copy, name, f"line {len(lines) + 1}", "the same text appears twice")


# ---------------------------------------------------------------- encodings


def test_a_mac_roman_file_names_its_encoding_and_how_to_save_it(data_copy):
    path = data_copy / "client_groups.csv"
    content = path.read_text(encoding="utf-8")
    path.write_bytes(content.encode("mac_roman"))
    first = next(n for n, line in enumerate(content.splitlines(), 1) if not line.isascii())
    error = fails(data_copy, "client_groups.csv", f"line {first}", "Mac Roman", "CSV UTF-8")
    assert error.found.startswith("Mac Roman")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_files_load_the_same(data_copy, encoding):
    path = data_copy / "client_groups.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    assert load_course(data_copy).client_groups.equals(load_course().client_groups)


def test_excel_unicode_text_tab_separated_utf16_loads_the_same(data_copy):
    import csv
    import io

    path = data_copy / "wards.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-16"))
    assert load_course(data_copy).wards.equals(load_course().wards)


@pytest.mark.parametrize(
    "content, found",
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook (.xlsx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel"),
        (b"%PDF-1.7\n", "PDF"),
        (b"function_id\x00\x07\x00\xff", "binary file"),
    ],
)
def test_a_binary_file_is_named_for_what_it_is(data_copy, content, found):
    (data_copy / "functions.csv").write_bytes(content)
    fails(data_copy, "functions.csv", "not a text file", found)


def test_an_unknown_8_bit_encoding_is_refused_with_its_line(data_copy):
    path = data_copy / "conditions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("e", "\x81", 1)  # 0x81: no character in Windows-1252
    path.write_bytes("\n".join(lines).encode("latin-1", errors="replace") + b"\n")
    fails(data_copy, "conditions.csv", "line 2", "neither UTF-8 nor Windows-1252")


def test_a_file_of_only_a_byte_order_mark_is_empty(data_copy):
    (data_copy / "functions.csv").write_bytes(b"\xef\xbb\xbf\r\n")
    fails(data_copy, "functions.csv", "file is empty")


def test_whole_numbers_written_with_a_decimal_comma_load(data_copy):
    edit(data_copy / "ward_reference.csv", ",zingeving_staff,3,", ',zingeving_staff,"3,0",')
    assert load_course(data_copy).reference["score"].tolist() == load_course().reference["score"].tolist()


def test_empty_columns_that_excel_adds_are_ignored(data_copy):
    path = data_copy / "zingeving_aspects.csv"
    path.write_text("".join(line.rstrip("\n") + ",,\n" for line in path.read_text(encoding="utf-8").splitlines(True)))
    assert load_course(data_copy).zingeving.equals(load_course().zingeving)


# ---------------------------------------------------------------- vignette files


def test_a_vignette_id_must_follow_the_id_rule(data_copy):
    source = data_copy / "vignettes" / "mehmet_acute.txt"
    edit(source, "id: mehmet_acute", "id: Mehmet-Acute")
    fails(data_copy, "mehmet_acute.txt", "line 2", "not a valid id", "'Mehmet-Acute'", "lower-case letters")


def test_a_vignette_with_an_upper_case_extension_is_loaded(data_copy):
    source = data_copy / "vignettes" / "mehmet_acute.txt"
    source.rename(source.with_suffix(".TXT"))
    assert "mehmet_acute" in load_course(data_copy).vignettes


def test_a_renamed_copy_gets_a_valid_suggestion(data_copy):
    import shutil

    shutil.copy(data_copy / "vignettes" / "mehmet_acute.txt", data_copy / "vignettes" / "mehmet_acute (1).txt")
    error = fails(data_copy, "mehmet_acute (1).txt", "file name is not a valid vignette id", "mehmet_acute_1.txt")
    assert "id: mehmet_acute_1" in error.allowed


def test_a_vignette_written_in_word_is_refused_with_how_to_save_it(data_copy):
    (data_copy / "vignettes" / "new_case.docx").write_bytes(b"PK\x03\x04")
    (data_copy / "vignettes" / ".DS_Store").write_bytes(b"\x00\x00")  # system files are left alone
    fails(data_copy, "new_case.docx", "plain text file", "Plain Text (.txt)")


# ---------------------------------------------------------------- admission (lesson 04: who a ward can take at all)


def test_admission_data_is_read_as_ages_frames_and_stays():
    course = load_course()
    assert course.wards.loc["adolescent", ["age_min", "age_max"]].tolist() == [14, 18]
    assert course.wards.loc["long_stay_rehab", "stays"] == ("medium", "long")
    assert course.wards.loc["forensic", "legal_frames"] == ("tbs",)
    assert course.client_groups.loc["acute_psychosis", "legal_frames"] == ("voluntary", "wvggz")
    assert course.client_groups.loc["addiction_detox", "stay"] == "short"


@pytest.mark.parametrize(
    "file, old, new, fragments",
    [
        (
            "wards.csv",
            ",18,65,voluntary,medium\n",
            ",18,65,voluntary,months\n",
            ("'stays'", "'months'", "short, medium, long"),
        ),
        (
            "wards.csv",
            ",18,65,voluntary,medium\n",
            ",18,65,voluntary court,medium\n",
            ("'legal_frames'", "voluntary, wvggz, tbs"),
        ),
        ("wards.csv", ",18,65,voluntary,medium\n", ",18,65,,medium\n", ("no legal frame", "'legal_frames'")),
        (
            "wards.csv",
            ",18,65,voluntary,medium\n",
            ",18,sixty,voluntary,medium\n",
            ("'age_max'", "'sixty'", "whole number"),
        ),
        ("wards.csv", ",18,65,voluntary,medium\n", ",65,18,voluntary,medium\n", ("age_max below age_min", "'age_max'")),
        (
            "client_groups.csv",
            ",18,65,voluntary,medium,",
            ",18,65,voluntary,medium long,",
            ("more than one length of stay",),
        ),
        ("client_groups.csv", ",18,65,voluntary,medium,", ",18,65,voluntary voluntary,medium,", ("given twice",)),
    ],
)
def test_bad_admission_data_is_refused_with_file_line_field_and_what_is_allowed(data_copy, file, old, new, fragments):
    edit(data_copy / file, old, new)
    assert fails(data_copy, file, *fragments).line == 7  # De Spiegel and its client group, the last rows


def test_a_ward_must_admit_its_own_client_group(data_copy):
    """A lecturer who narrows a ward's admission (or widens a group's) past its own group is told which."""
    edit(data_copy / "wards.csv", ",14,18,voluntary wvggz,short", ",16,18,voluntary wvggz,short")
    fails(data_copy, "wards.csv", "does not admit the youngest of its own group", "'age_min'", "found 16")
    edit(data_copy / "wards.csv", ",16,18,voluntary wvggz,short", ",14,18,voluntary,short")
    fails(data_copy, "wards.csv", "every legal frame of its own group", "found 'voluntary'")
    edit(data_copy / "wards.csv", ",14,18,voluntary,short", ",14,18,voluntary wvggz,medium")
    fails(data_copy, "wards.csv", "own group's length of stay", "'stays'")


def test_a_benefit_note_states_the_scores_the_data_holds():
    """A ward's note for its own group ("energieverzorging is at 1 where the group needs 3") is shown in the
    fit explorer beside the computed fit: a lecturer's edit of a score or a need that the note does not
    follow fails here."""
    from helpers import model

    course = load_course()
    for language, pattern in [
        ("en", r"(\w+) is at (\d) where (?:the group|[\w ]+?) needs? (\d)"),
        ("nl", r"(\w+) staat op (\d) waar (?:de groep|[\w ]+?) (\d) nodig he(?:eft|bben)"),
    ]:
        for ward_id, ward in course.wards.iterrows():
            for function_id, score, need in re.findall(pattern, ward[f"benefit_note_{language}"]):
                assert model.ward_profile(course.reference, str(ward_id))[function_id] == int(score), ward_id
                assert model.group_needs(course.needs, ward["client_group_id"])[function_id] == int(need), ward_id
    partly = (course.wards["benefits_own_group"] != "yes").sum()
    assert len(re.findall(r"\w+ is at \d where", " ".join(course.wards["benefit_note_en"]))) == partly
    assert len(re.findall(r"\w+ staat op \d waar", " ".join(course.wards["benefit_note_nl"]))) == partly
