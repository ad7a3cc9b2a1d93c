"""The plain-text reports the lessons print (helpers/reports.py): each says what the model and the data
say, line by line, in the reader's language."""

from __future__ import annotations

import re

import pytest

from helpers import model, reports, set_language, t
from helpers.course_data import load_course
from helpers.labels import direction_label, names
from helpers.student_work import save_scoring
from helpers.text import number


@pytest.fixture(scope="module")
def course():
    return load_course()


def pairing(course, ward: str, group: str):
    return model.assess_pairing(course.reference, course.needs, course.wards, ward, group, course.client_groups)


def function_lines(report: str) -> dict[str, tuple[int, int, int, str]]:
    """The per-function lines of an assessment: name -> (ward score, need, gap, judgement)."""
    found = {}
    for line in report.split("\n"):
        match = re.fullmatch(r"  (\S.*?)\s+ward (\d) {2}need (\d) {2}([+-]\d) {2}(.+)", line)
        if match:
            found[match[1]] = (int(match[2]), int(match[3]), int(match[4]), match[5])
    return found


def test_a_ward_for_its_own_group_gets_the_fit_per_function_the_verdict_and_zingeving_with_reasons(course):
    result = pairing(course, "acute_admission", "acute_psychosis")
    report = reports.assessment_text("acute_admission", "acute_psychosis")
    lines, table = report.split("\n"), names(course)
    assert lines[0] == f"{table['acute_admission']} — {table['acute_psychosis']} (its own client group)"
    rows = function_lines(report)
    assert list(rows) == [table[f] for f in result.gaps.index]
    for function_id, gap in result.gaps.iterrows():
        judged = direction_label(gap["direction"], gap["words"])
        if gap["severity"] != "fit":
            judged += f": {t('severity_' + gap['severity'])}"
        assert rows[table[function_id]] == (gap["score"], gap["need"], gap["gap"], judged)
    assert f"{t('fit_for_group')}: {t('fit_' + result.fit.level)}" in lines
    verdict = lines.index(f"{t('verdict_own_group')}: {t('verdict_' + result.verdict.level)}")
    zingeving = lines.index(f"{t('zingeving_own_group')}: {t('zingeving_' + result.zingeving.level)}")
    assert zingeving - verdict - 1 == len(result.verdict.points) > 0
    assert len(lines) - zingeving - 1 == len(result.zingeving.points) > 0
    assert all(line.startswith("  - ") for line in lines[verdict + 1 : zingeving] + lines[zingeving + 1 :])


def test_a_ward_without_points_says_so(course):
    report = reports.assessment_text("forensic", "forensic_aggression")
    assert f"  - {t('no_points')}" in report.split("\n")
    assert f"  - {t('no_zingeving_points')}" in report.split("\n")
    assert pairing(course, "forensic", "forensic_aggression").verdict.level == "healthy"


def test_a_group_the_ward_could_admit_gets_how_close_the_profile_is_and_no_verdict(course):
    result = pairing(course, "acute_admission", "addiction_detox")
    report = reports.assessment_text("acute_admission", "addiction_detox")
    lines, table = report.split("\n"), names(course)
    assert lines[0] == f"{table['acute_admission']} — {table['addiction_detox']}" and lines[-1] == t("fit_only")
    assert lines[-2] == f"{t('profile_for_group')}: {t('statement_' + result.statement)}"
    assert t("verdict_own_group") not in report and t("zingeving_own_group") not in report
    rows, table = function_lines(report), names(course)
    for function_id, gap in result.gaps.iterrows():
        if gap["direction"] == "fit":  # for another group a fit is only "close"
            assert rows[table[function_id]][3].startswith(t("direction_close"))
    assert any(severity != "fit" for severity in result.gaps["severity"])
    assert any(": " in row[3] for row in rows.values())


def test_a_group_the_ward_does_not_admit_gets_why_and_what_it_needs_instead(course):
    result = pairing(course, "forensic", "adolescents_crisis")
    report = reports.assessment_text("forensic", "adolescents_crisis")
    lines = report.split("\n")
    assert not result.admitted and lines[1] == f"{t('not_a_setting_heading')}:"
    assert len([line for line in lines if line.startswith("  - ")]) == len(result.barriers) == 3
    assert not function_lines(report) and lines[-1].startswith("This group needs a setting for ages 14–18")


def test_the_needs_table_gives_each_groups_need_per_function_and_its_shared_reason(course):
    lines = reports.needs_text().split("\n")
    table = names(course)
    for group in course.client_groups.index:
        row = next(line for line in lines if line.startswith(table[group] + " "))
        assert [int(n) for n in row[len(table[group]) :].split()] == list(model.group_needs(course.needs, group))
        reason = course.client_groups.loc[group, "shared_reason_en"]
        assert f"  {table[group]}: {reason}" in lines
    functions = [line for line in lines if re.fullmatch(r"  \d\. .+", line)]
    assert functions == [f"  {n}. {table[f]}" for n, f in enumerate(course.functions.index[1:], start=1)]
    assert lines[0] == t("needs_table") and lines[1] == functions[0]
    header = lines[1 + len(functions)]
    assert header.split() == [str(n) for n in range(1, len(functions) + 1)] and header.startswith(" ")


def test_the_fit_matrix_gives_each_wards_mean_gap_to_each_group(course):
    matrix = model.fit_matrix(
        model.all_profiles(course.reference), course.needs, course.wards.index, course.client_groups.index
    )
    lines, table = reports.fit_matrix_text().split("\n"), names(course)
    groups = [f"  {n}. {table[g]}" for n, g in enumerate(matrix.columns, start=1)]
    assert lines[0] == t("mean_gap_table") and lines[1 : 1 + len(groups)] == groups
    assert lines[1 + len(groups)].split() == [str(n) for n in range(1, len(groups) + 1)]
    for ward, row in matrix.iterrows():
        printed = next(line for line in lines if line.startswith(table[ward] + " "))
        assert [float(v) for v in printed[len(table[ward]) :].split()] == [round(v, 2) for v in row]
    assert len(lines) == 1 + len(matrix.columns) + 1 + len(matrix.index)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_functions_report_gives_the_english_name_only_in_english(course, language):
    set_language(language)  # the autouse fixture sets English again after the test
    lines = reports.functions_text().split("\n")
    assert len(lines) == len(course.functions)
    width = max(len(name) for name in course.functions["name_nl"])
    for line, (_, function) in zip(lines, course.functions.iterrows(), strict=True):
        english = f"{function['name_en']} — " if language == "en" else ""
        assert line == f"{function['name_nl']:<{width}}  {english}{t('role_' + function['role'])}"


def test_the_quiz_counts_add_up_to_the_quiz(course):
    table = names(course)
    counts = dict(line.rsplit(": ", 1) for line in reports.quiz_counts_text().split("\n"))
    assert list(counts) == [table[f] for f in course.functions.index]
    for function in course.functions.index:
        assert int(counts[table[function]]) == sum(course.quiz["function_id"] == function)
    assert sum(map(int, counts.values())) == len(course.quiz)


def test_the_simulation_report_gives_each_scenario_and_size_where_it_settles():
    lines = reports.scenarios_text((4, 8)).split("\n")
    assert len(lines) == 2 * len(model.SCENARIOS)
    expected = [(size, name) for size in (4, 8) for name in model.SCENARIOS]
    for line, (size, name) in zip(lines, expected, strict=True):
        result = model.equilibrium_summary(model.simulate_equilibrium(size, **model.SCENARIOS[name]))
        assert line.startswith(t(f"sim_preset_{name}") + f", {size} members: ")
        assert t(f"verdict_{result['state']}") in line
        assert f"group mean {number(result['group_mean'])}, member 0 at {number(result['member_0'])}" in line


def test_the_dimensions_report_maps_each_personal_dimension_onto_chime(course):
    lines = reports.dimensions_text().split("\n")
    table = names(course)
    assert len(lines) == len(course.dimensions)
    for line, (dimension, row) in zip(lines, course.dimensions.iterrows(), strict=True):
        chime = f" — CHIME: {row['chime'].capitalize()}" if row["chime"] else ""
        assert line == f"{t('perspective_' + row['perspective'])}: {table[dimension]}{chime}"


def test_the_sorter_counts_spread_each_perspectives_statements_over_its_dimensions(course):
    lines = reports.sorter_counts_text().split("\n")
    table = names(course)
    statements = course.statements
    assert len(lines) == 2
    for line, perspective in zip(lines, ("personal", "clinical"), strict=True):
        mine = statements[statements["perspective"] == perspective]
        head, spread = line.split(": ", 1)
        assert head == f"{t('perspective_' + perspective)} ({len(mine)})"
        parts = dict(part.rsplit(" ", 1) for part in spread.split(", "))
        assert {name: int(n) for name, n in parts.items()} == {
            table[d]: sum(mine["dimension_id"] == d) for d in course.dimensions.index if any(mine["dimension_id"] == d)
        }


def test_the_agreement_report_names_the_demo_class_only_when_it_is_the_demo(course, tmp_path):
    demo = reports.class_agreement_text().split("\n")
    assert demo[0] == t("agreement_report_demo") and demo[1] == t("agreement_report_head", students=30)
    assert all(re.search(r"α \d\.\d\d$", line) for line in demo[2:]), "30 students: an alpha on every line"
    folder = tmp_path / "class"
    for offset, pseudonym in enumerate(["fox", "owl", "elk"]):
        save_scoring(pseudonym, "ward", "forensic", scores={"grensbepaling": offset + 1}, folder=folder)
    save_scoring("fox", "ward", "addiction", scores={"grensbepaling": 4}, folder=folder)
    lines = reports.class_agreement_text(str(folder)).split("\n")
    assert lines[0] == t("agreement_report_head", students=3)
    table = names(course)
    ward_lines = {table[w]: line for w in ("forensic", "addiction") for line in lines if table[w] in line}
    assert "students   3" in ward_lines[table["forensic"]] and "students   1" in ward_lines[table["addiction"]]
    assert "α –" in ward_lines[table["addiction"]], "one student: no alpha, and the reason instead"


def test_a_vignette_summary_counts_its_moves_per_dimension_from_the_key(course):
    vignette_id, vignette = next(iter(course.vignettes.items()))
    lines = reports.vignette_summary_text(vignette_id).split("\n")
    moves = vignette.moves
    personal = sum(moves["key"] == "personal")
    assert f"{len(moves)} moves, {round(100 * personal / len(moves))}% personal" in lines[0]
    table = names(course)
    counted = {table[d]: sum(moves["dimension"] == d) for d in course.dimensions.index}
    assert dict(line.strip().rsplit(": ", 1) for line in lines[1:]) == {
        name: str(n) for name, n in counted.items() if n
    }
    overview = reports.vignettes_overview_text().split("\n")
    assert len(overview) == len(course.vignettes) and overview[0] == lines[0]
    assert all(line.split(":")[0] == v.title_en for line, v in zip(overview, course.vignettes.values(), strict=True))


def test_each_report_reads_the_course_it_is_given(data_copy):
    """A lecturer's own data (another folder): every report names what that folder holds, and counts a
    function the quiz no longer asks about as 0."""
    renames = {
        "functions.csv": ("goal attainment", "goal attainment (ours)"),
        "wards.csv": ("De Linde ward", "De Linde ward (ours)"),
        "client_groups.csv": ("Adults in acute psychosis", "Adults in acute psychosis (ours)"),
        "recovery_dimensions.csv": (",Hope,", ",Hope (ours),"),
    }
    for file, (old, new) in renames.items():
        path = data_copy / file
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    quiz = data_copy / "quiz_situations.csv"
    lines = quiz.read_text(encoding="utf-8").splitlines(keepends=True)
    quiz.write_text("".join(line for line in lines if ",zingeving," not in line), encoding="utf-8")
    ours = load_course(data_copy)
    assert load_course() is not ours  # the shipped course is the one loaded last: the reports must use ours
    vignette = next(v for v, case in ours.vignettes.items() if any(case.moves["dimension"] == "hope"))
    for report in (
        reports.assessment_text("acute_admission", "acute_psychosis", ours),
        reports.needs_text(ours),
        reports.fit_matrix_text(ours),
        reports.functions_text(ours),
        reports.quiz_counts_text(ours),
        reports.dimensions_text(ours),
        reports.sorter_counts_text(ours),
        reports.vignette_summary_text(vignette, ours),
        reports.class_agreement_text(course=ours),
    ):
        assert "(ours)" in report, report
    assert "meaning-making (purpose): 0" in reports.quiz_counts_text(ours).split("\n")
