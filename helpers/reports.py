"""Plain-text reports for the lessons' checked cells and for readers without widgets.

Each function returns text in the current language with display names, never raw ids or table
reprs, so a lesson can ``print(widgets.<report>())`` in a cell nbval checks.
"""

from __future__ import annotations

from helpers import model
from helpers.classroom import load_class
from helpers.course_data import CourseData, load_course
from helpers.labels import direction_label, names, profile_names
from helpers.plots import fit_value
from helpers.text import column, get_language, number, t
from helpers.views import barrier_lines, needs_setting_text, point_lines, zingeving_lines
from helpers.vocabulary import PERSPECTIVES


def _points(lines: list[str], empty: str) -> list[str]:
    return [f"  - {line}" for line in lines] or [f"  - {empty}"]


def assessment_text(ward_id: str, client_group_id: str, course: CourseData | None = None) -> str:
    """A ward for a client group, as the fit explorer says it. For the ward's own group: the fit per
    function, the equilibrium verdict and the zingeving reading, each with its reasons. For another group
    the ward could admit: how close the profile is to the group's needs, per function, and no more. For a
    group it does not admit: that it is not a setting for it, why, and what the group needs instead."""
    course = course or load_course()
    result = model.assess_pairing(
        course.reference, course.needs, course.wards, ward_id, client_group_id, course.client_groups
    )
    table = names(course)
    width = max(len(n) for n in profile_names(course))
    lines = [
        f"{table[ward_id]} — {table[client_group_id]}"
        + (f" ({t('own_group_note').rstrip(':').lower()})" if result.own_group else "")
    ]
    if not result.admitted:
        lines.append(f"{t('not_a_setting_heading')}:")
        lines += _points(barrier_lines(course, ward_id, client_group_id, result.barriers), "")
        return "\n".join([*lines, needs_setting_text(course, client_group_id)])
    for function_id, row in result.gaps.iterrows():
        judged = direction_label(row["direction"], row["words"])
        if row["direction"] == "fit" and not result.own_group:
            judged = t("direction_close")
        if row["severity"] in ("strain", "serious"):
            judged += f": {t('severity_' + row['severity'])}"
        lines.append(
            f"  {table[function_id]:<{width}}  {t('ward').lower()} {int(row['score'])}  "
            f"{t('need').lower()} {int(row['need'])}  {int(row['gap']):+d}  {judged}"
        )
    if result.verdict is None or result.zingeving is None:
        lines.append(f"{t('profile_for_group')}: {t('statement_' + result.statement)}")
        return "\n".join([*lines, t("fit_only")])
    lines.append(f"{t('fit_for_group')}: {t('fit_' + result.fit.level)}")
    lines.append(f"{t('verdict_own_group')}: {t('verdict_' + result.verdict.level)}")
    lines += _points(point_lines(result.verdict.points), t("no_points"))
    lines.append(f"{t('zingeving_own_group')}: {t('zingeving_' + result.zingeving.level)}")
    lines += _points(zingeving_lines(result.zingeving.points), t("no_zingeving_points"))
    return "\n".join(lines)


def needs_text(course: CourseData | None = None) -> str:
    """The client groups' needs per profile function, then the reason to exist each group can share."""
    course = course or load_course()
    table, functions = names(course), profile_names(course)
    groups = {g: table[g] for g in course.client_groups.index}
    width = max(len(g) for g in groups.values())
    # functions numbered above the table, so it stays narrow enough for a laptop screen
    lines = [t("needs_table")]
    lines += [f"  {number}. {function}" for number, function in enumerate(functions, start=1)]
    lines.append(" " * width + "".join(f"{number:>4}" for number in range(1, len(functions) + 1)))
    for group_id, name in groups.items():
        needs = model.group_needs(course.needs, group_id)
        lines.append(f"{name:<{width}}" + "".join(f"{int(v):>4}" for v in needs))
    lines += ["", t("shared_reason_heading")]
    lines += [f"  {name}: {course.client_groups.loc[g, column('shared_reason')]}" for g, name in groups.items()]
    return "\n".join(lines)


def fit_matrix_text(course: CourseData | None = None) -> str:
    """The wards × client groups table of mean absolute gaps, with display names (rows: wards)."""
    course = course or load_course()
    matrix = model.fit_matrix(
        model.all_profiles(course.reference), course.needs, course.wards.index, course.client_groups.index
    )
    table = names(course)
    width = max(len(table[w]) for w in matrix.index)
    lines = [t("mean_gap_table")]
    lines += [f"  {number}. {table[g]}" for number, g in enumerate(matrix.columns, start=1)]
    lines.append(" " * width + "".join(f"{number:>6}" for number in range(1, len(matrix.columns) + 1)))
    for ward_id, row in matrix.iterrows():
        lines.append(f"{table[ward_id]:<{width}}" + "".join(f"{fit_value(v):>6}" for v in row))
    return "\n".join(lines)


def functions_text(course: CourseData | None = None) -> str:
    """The five system functions: Dutch name, the course's English name (in English) and the role each plays."""
    course = course or load_course()
    width = max(len(n) for n in course.functions["name_nl"])
    english = get_language() == "en"
    return "\n".join(
        f"{row['name_nl']:<{width}}  " + (f"{row['name_en']} — " if english else "") + t("role_" + row["role"])
        for _, row in course.functions.iterrows()
    )


def quiz_counts_text(course: CourseData | None = None) -> str:
    """How many of lesson 02's quiz situations belong to each function."""
    course = course or load_course()
    counts = course.quiz["function_id"].value_counts()
    table = names(course)
    return "\n".join(f"{table[f]}: {int(counts.get(f, 0))}" for f in course.functions.index)


def scenarios_text(members: tuple[int, ...] = (8,), scenarios: tuple[str, ...] = tuple(model.SCENARIOS)) -> str:
    """Lesson 01's simulation run for each scenario and group size: where the system settles."""
    lines = []
    for size in members:
        for scenario in scenarios:
            result = model.equilibrium_summary(model.simulate_equilibrium(size, **model.SCENARIOS[scenario]))
            lines.append(
                t(
                    "sim_report",
                    scenario=t(f"sim_preset_{scenario}"),
                    members=size,
                    state=t(f"verdict_{result['state']}"),
                    mean=number(result["group_mean"]),
                    zero=number(result["member_0"]),
                )
            )
    return "\n".join(lines)


def dimensions_text(course: CourseData | None = None) -> str:
    """The recovery dimensions: perspective, name and the CHIME process a personal one maps onto."""
    course = course or load_course()
    table = names(course)
    lines = []
    for dimension_id, row in course.dimensions.iterrows():
        chime = f" — CHIME: {row['chime'].capitalize()}" if row["chime"] else ""
        lines.append(f"{t('perspective_' + row['perspective'])}: {table[dimension_id]}{chime}")
    return "\n".join(lines)


def sorter_counts_text(course: CourseData | None = None) -> str:
    """How lesson 05's sorter statements spread over the perspectives and dimensions."""
    course = course or load_course()
    table = names(course)
    lines = []
    for perspective in PERSPECTIVES:
        rows = course.statements[course.statements["perspective"] == perspective]
        counts = rows["dimension_id"].value_counts()
        spread = ", ".join(f"{table[d]} {int(counts[d])}" for d in course.dimensions.index if d in counts)
        lines.append(f"{t('perspective_' + perspective)} ({len(rows)}): {spread}")
    return "\n".join(lines)


def class_agreement_text(source: str | None = None, course: CourseData | None = None) -> str:
    """Krippendorff's alpha per ward and per item for a class (default: the demo class, said in a first line)."""
    course = course or load_course()
    work = load_class(source or course.folder / "class_demo", course)
    agreement = model.ward_agreement(work.ward_scores)
    table = names(course)
    width = max(len(table.get(i, i)) for i in agreement["id"])
    lines = [t("agreement_report_head", students=work.students)]
    if source is None:  # printed under the dashboard: never to be read as the class the lecturer loaded
        lines.insert(0, t("agreement_report_demo"))
    for _, row in agreement.iterrows():
        reason = model.why_no_alpha(row["students"], row["alpha"], row["units"])
        alpha = f"– ({t('alpha_' + reason)})" if reason else number(row["alpha"])
        lines.append(
            f"  {t('scope_' + row['scope']):<10} {table.get(row['id'], row['id']):<{width}}  "
            f"{t('students').lower()} {row['students']:>3}  α {alpha}"
        )
    return "\n".join(lines)


def vignette_summary_text(vignette_id: str, course: CourseData | None = None) -> str:
    """How recovery-oriented the care in one vignette is, from its key: share of personal moves, who sets
    the goals, and the moves per dimension."""
    course = course or load_course()
    summary = model.orientation_summary(course.vignettes[vignette_id].moves, course.dimensions)
    table = names(course)
    lines = [
        t(
            "vignette_report",
            title=getattr(course.vignettes[vignette_id], column("title")),
            moves=summary["moves"],
            share=summary["personal_percent"],
            goals=t(f"goal_setter_{summary['goal_setter']}"),
        )
    ]
    lines += [f"  {table[d]}: {n}" for d, n in summary["per_dimension"].items() if n]
    return "\n".join(lines)


def vignettes_overview_text(course: CourseData | None = None) -> str:
    """Every vignette in one line: moves, share of personal moves and who sets the goals."""
    course = course or load_course()
    lines = []
    for vignette in course.vignettes.values():
        summary = model.orientation_summary(vignette.moves, course.dimensions)
        lines.append(
            t(
                "vignette_report",
                title=getattr(vignette, column("title")),
                moves=summary["moves"],
                share=summary["personal_percent"],
                goals=t(f"goal_setter_{summary['goal_setter']}"),
            )
        )
    return "\n".join(lines)
