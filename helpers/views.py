"""HTML fragments the apps show: verdicts with reasons, comparison tables, observations, cards.

Pure functions from model results and course data to HTML strings, in the current language,
testable without ipywidgets. Every text that comes from data or a student goes through
:func:`esc`.
"""

from __future__ import annotations

import html
from typing import Protocol, TypeVar, cast

import pandas as pd

from helpers import model
from helpers.classroom import ClassWork
from helpers.course_data import CourseData, localized
from helpers.labels import direction_label, names, short_text
from helpers.text import LABELS, column, counted, get_language, number, t
from helpers.vocabulary import CONDITION_IDS, PROFILE_IDS, WARD_ITEMS


class _Styled(Protocol):
    def add_class(self, name: str) -> object: ...


W = TypeVar("W", bound=_Styled)

GOOD_LEVELS = ("healthy", "fulfilled", "fits")
NEUTRAL_LEVELS = tuple(model.PROXIMITY_OF_FIT.values())  # how close a profile is to another group's needs


def status(widget: W) -> W:
    """``widget`` (feedback, a result) marked as a live region (class ``course-status``): a screen reader
    speaks what it comes to say, as an alert while it shows an error (:func:`error_html`; see
    ``helpers.shell.ACCESSIBLE_JS``)."""
    widget.add_class("course-status")
    return widget


def error_html(message: str, tag: str = "span") -> str:
    """An error in the course's red, marked ``course-error``: in a live region (:func:`status`) a screen reader
    speaks it at once, as an alert.

    >>> error_html("No file")
    "<span class='course-bad course-error'>No file</span>"
    """
    return f"<{tag} class='course-bad course-error'>{esc(message)}</{tag}>"


def esc(value: object) -> str:
    """Text made safe to show inside HTML (student free text is always shown through this)."""
    return html.escape(str(value))


def observations_html(course: CourseData, ward_id: str) -> str:
    """A ward's summary, its client group and its observations per function."""
    language = get_language()
    ward = course.wards.loc[ward_id]
    group = course.client_groups.loc[ward["client_group_id"]]
    badge = f" <span class='course-badge'>{esc(t('fictional'))}</span>" if ward["fictional"] else ""
    parts = [
        f"<p style='margin-top:0'>{esc(ward[f'summary_{language}'])}{badge}</p>",
        f"<p><b>{esc(t('client_group'))}:</b> {esc(group[f'name_{language}'])} — "
        f"{esc(group[f'description_{language}'])}</p><b>{esc(t('observations'))}</b>",
    ]
    observations = course.observations[course.observations["ward_id"] == ward_id]
    for function_id, name in localized(course.functions, "name").items():
        items = observations[observations["function_id"] == function_id][f"observation_{language}"]
        parts.append(
            f"<p style='margin:6px 0 0 0'><b>{esc(name)}</b></p><ul style='margin:0'>"
            + "".join(f"<li>{esc(o)}</li>" for o in items)
            + "</ul>"
        )
    return "".join(parts)


def level_html(heading: str, level: str, label: str, lines: list[str], empty: str) -> str:
    """A judgement's heading and label (green when good), then its reasons as a list."""
    css = "course-good" if level in GOOD_LEVELS else "" if level in NEUTRAL_LEVELS else "course-bad"
    reasons = "".join(f"<li>{esc(line)}</li>" for line in lines) or f"<li>{esc(empty)}</li>"
    return f"<p><b>{esc(heading)}:</b> <b class='{css}'>{esc(label)}</b></p><ul>{reasons}</ul>"


def point_lines(points: pd.DataFrame) -> list[str]:
    """The strain and serious points of a verdict or fit level, one readable line each."""
    table = names()
    lines = []
    for _, point in points.iterrows():
        severity = t(f"severity_{point['severity']}")
        if point["kind"] == "condition":
            lines.append(
                t("point_condition", item=table[point["item_id"]], score=int(point["score"]), severity=severity)
            )
        else:
            lines.append(
                t(
                    "point_function",
                    item=table[point["item_id"]],
                    score=int(point["score"]),
                    need=int(point["need"]),
                    direction=direction_label(point["direction"], point["words"]),
                    severity=severity,
                )
            )
    return lines


def zingeving_lines(points: pd.DataFrame) -> list[str]:
    """The points of a zingeving reading, one readable line each."""
    table = names()
    lines = []
    for _, point in points.iterrows():
        score = int(point["score"])
        if point["kind"] == "zingeving":
            lines.append(t(f"zpoint_{point['item_id']}_{point['severity']}", score=score))
        elif point["kind"] == "goal":
            lines.append(t("zpoint_goal"))
        elif point["kind"] == "internal":
            lines.append(t("zpoint_internal", item=table[point["item_id"]]))
        elif point["kind"] == "condition":
            lines.append(t(f"zpoint_condition_{point['severity']}", item=table[point["item_id"]], score=score))
        else:
            lines.append(t("zpoint_check", item=table[point["item_id"]], score=score))
    return lines


def verdict_html(verdict: model.Judgement, heading: str) -> str:
    """The equilibrium verdict with the points that led to it."""
    return level_html(
        heading, verdict.level, t("verdict_" + verdict.level), point_lines(verdict.points), t("no_points")
    )


def fit_html(fit: model.Judgement, heading: str) -> str:
    """The fit level of a profile for a client group, with its misfits."""
    return level_html(heading, fit.level, t("fit_" + fit.level), point_lines(fit.points), t("no_points"))


def zingeving_html(reading: model.Judgement, heading: str) -> str:
    """The zingeving reading: experienced and accepted, related to the conditions and the external goal."""
    return level_html(
        heading,
        reading.level,
        t("zingeving_" + reading.level),
        zingeving_lines(reading.points),
        t("no_zingeving_points"),
    )


def either(words: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c`` in the current language."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {t('or')} {words[-1]}"


def ages(row: pd.Series) -> str:
    return f"{int(row['age_min'])}–{int(row['age_max'])}"


def barrier_lines(course: CourseData, ward_id: str, group_id: str, barriers: tuple[str, ...]) -> list[str]:
    """Why a ward is not a setting for a client group (``model.admission_barriers``), one line each, with what
    the ward admits and what the group needs."""
    ward, group = cast(pd.Series, course.wards.loc[ward_id]), cast(pd.Series, course.client_groups.loc[group_id])
    found = {
        "age": (ages(ward), ages(group)),
        "legal_frame": (
            either([t("frame_" + f) for f in ward["legal_frames"]]),
            either([t("frame_" + f) for f in group["legal_frames"]]),
        ),
        "stay": (either([t("stay_" + s) for s in ward["stays"]]), t("stay_" + str(group["stay"]))),
    }
    return [t("barrier_" + b, ward=found[b][0], group=found[b][1]) for b in barriers]


def needs_setting_text(course: CourseData, group_id: str) -> str:
    """What a client group needs of a setting: ages, legal frames, length of stay and its need per function
    (the most the course says of another group: no advice to rebuild a ward for it)."""
    group, table = cast(pd.Series, course.client_groups.loc[group_id]), names(course)
    need = model.group_needs(course.needs, group_id)
    return t(
        "needs_setting",
        ages=ages(group),
        frames=either([t("frame_" + f) for f in group["legal_frames"]]),
        stay=t("stay_" + str(group["stay"])),
        levels=", ".join(f"{table[f]} {int(v)}" for f, v in need.items()),
    )


def redesign_changes_html(changes: pd.DataFrame) -> str:
    """The items a redesign changed (``model.redesign_changes``), one line each, or how to start.

    >>> redesign_changes_html(pd.DataFrame({"before": [4.0], "after": [2.0]}, index=["grensbepaling"]))
    '<p><b>Your changes:</b></p><ul><li>boundary setting: 4 → 2</li></ul>'
    """
    if changes.empty:
        return f"<p>{esc(t('redesign_unchanged'))}</p>"
    table = names()
    lines = "".join(
        f"<li>{esc(t('redesign_change', function=table[item], before=int(before), after=int(after)))}</li>"
        for item, before, after in zip(changes.index, changes["before"], changes["after"], strict=True)
    )
    return f"<p><b>{esc(t('redesign_changes'))}:</b></p><ul>{lines}</ul>"


def signed(difference: int) -> str:
    """A whole-number difference as a table shows it: +1, 0 (no sign: nothing to add or take away), -2.

    >>> signed(1), signed(0), signed(-2)
    ('+1', '0', '-2')
    """
    return f"{int(difference):+d}" if difference else "0"


def comparison_html(course: CourseData, ward_id: str, student: pd.Series, reasons: dict[str, str] | None = None) -> str:
    """The student's scores beside the reference, with the reference's reasons; large differences coloured.
    ``reasons`` (item id → the student's own reason) adds a column with them, shown as text."""
    reference = course.reference[course.reference["ward_id"] == ward_id].set_index("item_id")
    differences = model.score_differences(student, reference["score"])
    table = names(course)
    rows = []
    for item_id, row in differences.iterrows():
        css = " class='course-large-diff'" if row["large"] else ""
        own = "" if reasons is None else f"<td>{esc(reasons.get(str(item_id), '').strip() or '—')}</td>"
        rows.append(
            f"<tr{css}><td>{esc(table[item_id])}</td><td>{int(row['student'])}</td>"
            f"<td>{int(row['reference'])}</td><td>{signed(row['difference'])}</td>{own}"
            f"<td>{esc(reference.at[item_id, f'reason_{get_language()}'])}</td></tr>"
        )
    keys: tuple[str, ...] = ("item", "your_score", "reference_score", "difference")
    keys += ("your_reason", "reference_reason") if reasons is not None else ("reason",)
    wide = {"your_reason": " style='width:30%'", "reference_reason": " style='width:34%'"}  # the two reasons share
    head = "".join(f"<th{wide.get(k, '')}>{esc(t(k))}</th>" for k in keys)
    summary = t("differences_summary", large=int(differences["large"].sum()), large_from=model.LARGE_DIFFERENCE)
    return f"<p>{esc(summary)}</p><table class='course-table'><tr>{head}</tr>{''.join(rows)}</table>"


def reference_html(course: CourseData, ward_id: str) -> str:
    """The worked example of a ward scoring (the static site): the reference's score and reason per item,
    labelled as the reference, with no column for a scoring the reader has not made."""
    reference = course.reference[course.reference["ward_id"] == ward_id].set_index("item_id")
    table, scores, reasons = names(course), reference["score"], reference[f"reason_{get_language()}"]
    rows = "".join(
        f"<tr><td>{esc(table[item_id])}</td><td>{int(scores[item_id])}</td><td>{esc(reasons[item_id])}</td></tr>"
        for item_id in WARD_ITEMS
        if item_id in reference.index
    )
    head = "".join(f"<th>{esc(t(k))}</th>" for k in ("item", "reference_score", "reference_reason"))
    ward = localized(course.wards, "name")[ward_id]
    intro = f"<p>{esc(t('worked_reference', ward=ward))}</p>"
    return f"{intro}<table class='course-table'><tr>{head}</tr>{rows}</table>"


def ideal_gap_text(gaps: pd.DataFrame) -> str:
    """The largest ideal–real differences as one sentence (no total: a sum of a profile means nothing)."""
    largest = gaps[gaps["largest"]]
    if largest.empty:
        return t("ideal_gap_none")
    table = names()
    items = ", ".join(
        t("ideal_gap_item", function=table[f], ideal=int(row["ideal"]), real=int(row["real"]))
        for f, row in largest.iterrows()
    )
    return t("ideal_gap_largest", items=items)


def advice(gaps: pd.DataFrame) -> list[str]:
    """What a sociotherapist would change, per misfitting function, in words that suit the function."""
    return [
        t(
            f"advice_{row['direction']}_{function_id}",
            steps=int(row["steps"]),
            score=int(row["score"]),
            need=int(row["need"]),
        )
        for function_id, row in model.adjustments(gaps).iterrows()
    ]


def mark(agrees: bool, what: str) -> str:
    """✔ or ✘ with what was judged (orientation, dimension)."""
    return (
        f"<span class='course-good'>✔ {esc(what)}</span>"
        if agrees
        else f"<span class='course-bad'>✘ {esc(what)}</span>"
    )


def table_html(frame: pd.DataFrame, headers: list[str]) -> str:
    """A plain table of ``frame``'s rows under ``headers``; a missing value shows as "–", never "nan"."""
    head = "".join(f"<th scope='col'>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{'–' if v is None or v != v else esc(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table class='course-table'><tr>{head}</tr>{body}</table>"


def data_table_html(table: dict[str, list], caption: str) -> str:
    """A figure's data (``plots.data_table``) as a table a screen reader can walk: a caption, a header per
    column and each row named by its first cell.

    >>> page = data_table_html({"columns": ["Function", "Score"], "rows": [["structuring", "2"]]}, "Scores")
    >>> page.split("<tbody>")[1]
    "<tr><th scope='row'>structuring</th><td>2</td></tr></tbody></table>"
    """
    head = "".join(f"<th scope='col'>{esc(h)}</th>" for h in table["columns"])
    body = "".join(
        f"<tr><th scope='row'>{esc(first)}</th>" + "".join(f"<td>{esc(cell)}</td>" for cell in cells) + "</tr>"
        for first, *cells in table["rows"]
    )
    return (
        f"<table class='course-table course-data-table'><caption>{esc(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def alpha_text(students: int, alpha: float, units: int = 2) -> str:
    """Krippendorff's alpha as the dashboard writes it, or why there is no number."""
    reason = model.why_no_alpha(students, alpha, units)
    return t(f"alpha_{reason}") if reason else number(alpha)


def ward_table_html(stats: pd.DataFrame, ward_name: str) -> str:
    """Per item of a ward: students, class mean, sd, the reference and the difference (``stats`` from
    ``model.class_vs_reference``); a ward nobody scored says so and shows the reference only."""
    table = names()
    shown = stats.reset_index().assign(item_id=lambda f: [table[i] for i in f["item_id"]])
    if not stats["students"].any():
        return f"<p><b>{esc(t('dashboard_ward_unscored', ward=ward_name))}</b></p>" + table_html(
            shown[["item_id", "reference"]], [t("item"), t("reference_score")]
        )
    shown = shown.assign(
        mean=[number(v) if v == v else "–" for v in shown["mean"]],
        sd=[number(v) if v == v else "–" for v in shown["sd"]],
        difference=[number(v, sign=True) if v == v else "–" for v in shown["difference"]],
    )
    return table_html(
        shown[["item_id", "students", "mean", "sd", "reference", "difference"]],
        [t("item"), t("students"), t("class_mean"), "sd", t("reference_score"), t("difference")],
    )


def class_report(work: ClassWork) -> str:
    """What was loaded, what could not be used and why, notes, and pseudonyms that look like real names."""
    loaded = t(
        "dashboard_loaded_counted",
        students=counted("students", work.students),
        sources=counted("files", len(work.sources)),
    )
    parts = [f"<p><b>{esc(loaded)}</b></p>"]
    if len(work.problems):
        count = len(work.problems)
        heading = t("dashboard_problems_one") if count == 1 else t("dashboard_problems", count=count)
        parts.append(
            f"<p class='course-bad'><b>{esc(heading)}</b></p>"
            + table_html(work.problems, [t("source"), t("reason_column")])
        )
    if not len(work.problems):
        parts.append(f"<p class='course-good'>{esc(t('dashboard_no_problems'))}</p>")
    written = written_summary(work)
    if written:
        parts.append(f"<p>{esc(written)}</p>")
    answered = answers_summary(work)
    if answered:
        parts.append(f"<p>{esc(answered)}</p>")
    if len(work.notes):
        parts.append(
            f"<p><b>{esc(t('dashboard_notes'))}</b></p>" + table_html(work.notes, [t("source"), t("note_column")])
        )
    if len(work.warnings):
        parts.append(
            f"<p class='course-bad'><b>{esc(t('dashboard_name_warning'))}</b></p>"
            + table_html(work.warnings[["source", "pseudonym"]], [t("source"), t("pseudonym")])
        )
    return "".join(parts)


def function_cards_html(course: CourseData) -> str:
    """The five functions: name in Dutch and English, role, definition and guiding questions; for
    zingeving also the three parts it is judged by."""
    language = get_language()
    zingeving_parts = (
        f"<b>{esc(t('zingeving_judged_as'))}</b><ul>"
        + "".join(
            f"<li><b>{esc(row[f'name_{language}'])}</b>: {esc(row[f'description_{language}'])}</li>"
            for _, row in course.zingeving.iterrows()
        )
        + "</ul>"
    )
    parts = []
    for function_id, row in course.functions.iterrows():
        questions = course.questions[course.questions["function_id"] == function_id][f"question_{language}"]
        parts.append(
            f"<div style='border-left:4px solid #0072B2;padding:4px 12px;margin:8px 0'>"
            f"<b>{esc(row['name_nl'])}</b> — {esc(row['name_en'])} <i>({esc(t('role_' + row['role']))})</i>"
            f"<p>{esc(row[f'definition_{language}'])}</p>"
            + (zingeving_parts if row["role"] == "meaning" else "")
            + f"<b>{esc(t('guiding_questions'))}</b><ul>"
            + "".join(f"<li>{esc(q)}</li>" for q in questions)
            + "</ul></div>"
        )
    return "".join(parts)


def dimension_table_html(course: CourseData) -> str:
    """The recovery dimensions: perspective, name, CHIME process and description."""
    language = get_language()
    rows = "".join(
        f"<tr><td>{esc(t('perspective_' + row['perspective']))}</td><td><b>{esc(row[f'name_{language}'])}</b></td>"
        f"<td>{esc(row['chime'] or '—')}</td><td>{esc(row[f'description_{language}'])}</td></tr>"
        for _, row in course.dimensions.iterrows()
    )
    head = "".join(f"<th>{esc(t(k))}</th>" for k in ("perspective", "dimension", "chime", "description"))
    return f"<table class='course-table'><tr>{head}</tr>{rows}</table>"


# ---------------------------------------------------------------- case material for the static site


def anchors_html(course: CourseData) -> str:
    """What each score 0–4 of the four profile functions means, as one table."""
    anchors = course.anchors.set_index(["function_id", "score"])[f"anchor_{get_language()}"]
    rows = "".join(
        f"<tr><th>{esc(name)}</th>" + "".join(f"<td>{esc(anchors[(f, s)])}</td>" for s in range(5)) + "</tr>"
        for f, name in localized(course.functions, "name").items()
        if f in PROFILE_IDS
    )
    head = "".join(f"<th>{s}</th>" for s in range(5))
    return f"<h4>{esc(t('static_anchors'))}</h4><table class='course-table'><tr><th></th>{head}</tr>{rows}</table>"


def all_observations_html(course: CourseData) -> str:
    """Every example ward's summary and observations, each folded under its name."""
    wards = localized(course.wards, "name")
    return f"<h4>{esc(t('static_observations'))}</h4>" + "".join(
        f"<details><summary>{esc(name)}</summary>{observations_html(course, str(ward_id))}</details>"
        for ward_id, name in wards.items()
    )


def quiz_items_html(items: pd.DataFrame, text_base: str, key_column: str, options: dict[str, str]) -> str:
    """Every quiz item with its options; the answer and its reason folded."""
    language = get_language()
    choices = " · ".join(esc(label) for label in options.values())
    entries = "".join(
        f"<li><p>{esc(row[f'{text_base}_{language}'])}</p><p><small>{choices}</small></p>"
        f"<details><summary>{esc(t('static_answer'))}</summary><p><b>{esc(options[row[key_column]])}</b> — "
        f"{esc(row[f'reason_{language}'])}</p></details></li>"
        for _, row in items.iterrows()
    )
    return f"<h4>{esc(t('static_items', total=len(items)))}</h4><ol class='course-items'>{entries}</ol>"


def vignettes_html(course: CourseData) -> str:
    """Every case vignette: its setting and numbered moves, each move's key, dimension and reason folded."""
    language, table = get_language(), names(course)
    parts = []
    for vignette in course.vignettes.values():
        badge = f" <span class='course-badge'>{esc(t('fictional'))}</span>" if vignette.fictional else ""
        moves = "".join(
            f"<li><p><b>{esc(move[f'actor_{language}'])}</b> — {esc(move[f'text_{language}'])}</p>"
            f"<details><summary>{esc(t('key'))}</summary><p><b>{esc(t('perspective_' + move['key']))} · "
            f"{esc(table[move['dimension']])}</b> — {esc(move[f'reason_{language}'])}</p></details></li>"
            for _, move in vignette.moves.iterrows()
        )
        title = getattr(vignette, f"title_{language}")
        setting = getattr(vignette, f"setting_{language}")
        parts.append(f"<h4>{esc(title)}{badge}</h4><p>{esc(setting)}</p><ol class='course-moves'>{moves}</ol>")
    return "".join(parts)


# ---------------------------------------------------------------- the class's written work (issue 28)

READING_KINDS = ("redesign", "rewrite", "reason", "ideal")  # what the dashboard's reading view offers, in order
READING_CSS = """
.course-reading h3 { margin: 14px 0 4px 0; }
.course-reading .course-entry { border-left: 3px solid #8aa; padding: 2px 10px; margin: 8px 0; }
.course-reading .course-entry h4 { margin: 2px 0; }
.course-reading blockquote { margin: 4px 0 4px 12px; white-space: pre-wrap; }
@media print {
  .course-reading .course-entry { break-inside: avoid; }
  .course-reading h3 { break-after: avoid; }
}
"""


def _reading_tables(course: CourseData, work: ClassWork) -> dict[str, pd.DataFrame]:
    return {
        "redesign": model.proposal_table(work.proposals, "redesign", PROFILE_IDS + CONDITION_IDS),
        "ideal": model.proposal_table(work.proposals, "ideal", PROFILE_IDS),
        "rewrite": model.rewrites(work.writings),
        "reason": model.ward_reasons(work.writings, WARD_ITEMS),
    }


def reading_items(course: CourseData, work: ClassWork, kind: str) -> list[str]:
    """The wards (redesigns, ideal wards) or vignettes (rewrites) with work of ``kind``, in the course's order."""
    if kind == "rewrite":
        found = set(model.rewrites(work.writings)["vignette_id"])
        return [v for v in course.vignettes if v in found]
    if kind == "reason":
        found = set(model.ward_reasons(work.writings, WARD_ITEMS)["ward_id"])
        return [w for w in course.wards.index if w in found]
    shown = set(work.proposals.loc[work.proposals["kind"] == kind, "item_id"])
    if kind == "redesign":
        shown |= set(work.writings.loc[work.writings["kind"] == "redesign", "item_id"])
    in_order = [w for w in course.wards.index if w in shown]
    return in_order + sorted(shown - set(in_order))  # an ideal ward saved under another name comes last


def written_summary(work: ClassWork) -> str:
    """One line on the written work the class handed in (read on the dashboard's tab), or "" when none."""
    redesigned: set[tuple[str, str]] = set()  # (pseudonym, ward), proposed as scores or written
    for table in (work.proposals, work.writings):
        chosen = table[table["kind"] == "redesign"]
        redesigned |= set(zip(chosen["pseudonym"], chosen["item_id"], strict=True))
    ideals = model.proposal_table(work.proposals, "ideal", PROFILE_IDS)
    counts = {
        "redesigns": len(redesigned),
        "rewrites": len(model.rewrites(work.writings)),
        "reasons": len(model.ward_reasons(work.writings, WARD_ITEMS)),
        "ideals": int((~model.untouched(ideals)).sum()) if len(ideals) else 0,
    }
    parts = [counted(noun, count) for noun, count in counts.items() if count]
    return t("dashboard_written", tab=t("tab_writing"), parts=", ".join(parts)) if parts else ""


def answers_summary(work: ClassWork) -> str:
    """One line on the quiz and sorter answers the class handed in (analysed on the dashboard's tab), or "".

    >>> answers_summary(ClassWork.empty())
    ''
    """
    students = work.answers.groupby("kind")["pseudonym"].nunique()
    parts = [
        t(f"dashboard_answers_{kind}", students=counted("students", int(students[kind])))
        for kind in ("quiz", "sorter")
        if kind in students.index
    ]
    return t("dashboard_answers", tab=t("tab_items"), parts=", ".join(parts)) if parts else ""


def _field_label(name: str) -> str:
    return t(name) if name in LABELS else name


def _redesigns_html(course: CourseData, work: ClassWork, table: pd.DataFrame, ward_id: str) -> str:
    ward_names = names(course)
    texts = work.writings[(work.writings["kind"] == "redesign") & (work.writings["item_id"] == ward_id)]
    students = sorted(
        set(table.index.get_level_values("pseudonym")[table.index.get_level_values("item_id") == ward_id])
        | set(texts["pseudonym"])
    )
    before = model.reference_scores(course.reference, ward_id, tuple(table.columns))
    entries, unchanged = [], 0
    for pseudonym in students:
        own = texts[texts["pseudonym"] == pseudonym]
        scores = table.loc[(pseudonym, ward_id)] if (pseudonym, ward_id) in table.index else pd.Series(dtype=float)
        changes = model.redesign_changes(before, scores.dropna()).dropna()
        if changes.empty and own.empty:
            unchanged += 1
            continue
        lines = "".join(
            f"<li>{esc(t('redesign_change', function=ward_names[item], before=int(b), after=int(a)))}</li>"
            for item, b, a in zip(changes.index, changes["before"], changes["after"], strict=True)
        )
        changed = f"<ul>{lines}</ul>" if lines else f"<p><i>{esc(t('reading_no_changes'))}</i></p>"
        reflections = (
            "".join(
                f"<p><b>{esc(_field_label(name))}</b></p><blockquote>{esc(text)}</blockquote>"
                for name, text in zip(own["field"], own["text"], strict=True)
            )
            or f"<p><i>{esc(t('reading_no_reflection'))}</i></p>"
        )
        heading = t("reading_redesign_of", pseudonym=pseudonym, ward=ward_names.get(ward_id, ward_id))
        entries.append(f"<div class='course-entry'><h4>{esc(heading)}</h4>{changed}{reflections}</div>")
    if unchanged:
        entries.append(f"<p><i>{esc(t('reading_unchanged', students=counted('students', unchanged)))}</i></p>")
    return "".join(entries)


def _rewrites_html(course: CourseData, rows: pd.DataFrame, vignette_id: str) -> str:
    vignette = course.vignettes[vignette_id]
    parts = []
    for move, own in rows[rows["vignette_id"] == vignette_id].groupby("move", sort=True):
        # a mask, not .loc[move]: checking pandas-stubs' overloads of .loc for a key of unknown type took mypy 6 s
        same = vignette.moves[vignette.moves.index == move]
        original = same.iloc[0] if len(same) else None
        heading = (
            t("reading_move", move=move, actor=original[column("actor")], text=original[column("text")])
            if original is not None
            else f"{t('move')} {move}"
        )
        said = "".join(
            f"<li><b>{esc(p)}</b><blockquote>{esc(text)}</blockquote></li>"
            for p, text in zip(own["pseudonym"], own["text"], strict=True)
        )
        parts.append(f"<div class='course-entry'><h4>{esc(heading)}</h4><ul>{said}</ul></div>")
    return "".join(parts)


def _reasons_html(course: CourseData, work: ClassWork, rows: pd.DataFrame, ward_id: str) -> str:
    """Per item of a ward, each student's score and the reason they gave for it."""
    table = names(course)
    scores = work.ward_scores[work.ward_scores["ward_id"] == ward_id].set_index(["pseudonym", "item_id"])["score"]
    parts = []
    for item, own in rows[rows["ward_id"] == ward_id].groupby("item_id", sort=False):
        said = "".join(
            f"<li><b>{esc(t('reading_reason', pseudonym=p, score=scores.get((p, item), '–')))}</b>"
            f"<blockquote>{esc(text)}</blockquote></li>"
            for p, text in zip(own["pseudonym"], own["text"], strict=True)
        )
        parts.append(f"<div class='course-entry'><h4>{esc(table.get(item, item))}</h4><ul>{said}</ul></div>")
    return "".join(parts)


def _ideals_html(course: CourseData, table: pd.DataFrame, ward_id: str) -> str:
    ward_names = names(course)
    own = table[table.index.get_level_values("item_id") == ward_id]
    still = model.untouched(own) if len(own) else pd.Series(dtype=bool)
    shown = own[~still] if len(own) else own
    parts = []
    if len(shown):
        rows = shown.droplevel("item_id")
        mean = rows.mean().rename(t("class_mean"))
        frame = pd.concat([rows, mean.to_frame().T]).reset_index(names="pseudonym")
        frame[list(table.columns)] = [
            [number(v, 0) if i < len(rows) else number(v, 1) for v in values]
            for i, values in enumerate(frame[list(table.columns)].values)
        ]
        parts.append(table_html(frame, [t("pseudonym"), *[ward_names[c] for c in table.columns]]))
    untouched = int(still.sum()) if len(own) else 0
    if untouched:
        line = t("reading_untouched", students=counted("students", untouched), start=model.SLIDER_START)
        parts.append(f"<p><i>{esc(line)}</i></p>")
    return "".join(parts)


def reading_html(course: CourseData, work: ClassWork, kind: str, item_id: str | None = None) -> str:
    """The class's written work of ``kind`` (``READING_KINDS``) for one ward or vignette (or all), for the
    lecturer to read: pseudonyms only, every text a student wrote escaped, in the course's order."""
    tables = _reading_tables(course, work)
    items = [item_id] if item_id else reading_items(course, work, kind)
    items = [i for i in items if i in reading_items(course, work, kind)]
    if not items:
        return f"<div class='course-reading'><p>{esc(t('reading_none'))}</p></div>"
    ward_names = names(course)
    sections = []
    for item in items:
        if kind == "rewrite":
            title, body = getattr(course.vignettes[item], column("title")), _rewrites_html(course, tables[kind], item)
        elif kind == "redesign":
            title, body = ward_names.get(item, item), _redesigns_html(course, work, tables[kind], item)
        elif kind == "reason":
            title, body = ward_names.get(item, item), _reasons_html(course, work, tables[kind], item)
        else:
            title = t("reading_ideal_of", ward=ward_names.get(item, item))
            body = _ideals_html(course, tables[kind], item)
        sections.append(f"<h3>{esc(title)}</h3>{body}")
    return f"<div class='course-reading'><p><small>{esc(t('reading_pseudonyms'))}</small></p>{''.join(sections)}</div>"


def reading_page(course: CourseData, work: ClassWork, kind: str, item_id: str | None = None) -> str:
    """:func:`reading_html` as a page of its own to print: no script, nothing fetched from anywhere."""
    title = t("reading_page_title", work=t(f"reading_kind_{kind}"))
    return (
        f"<!DOCTYPE html><html lang='{get_language()}'><head><meta charset='utf-8'><title>{esc(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.4}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}"
        f"{READING_CSS}</style></head><body><h1>{esc(title)}</h1>"
        f"{reading_html(course, work, kind, item_id)}</body></html>"
    )


# ---------------------------------------------------------------- item analysis (issue 29)

ITEM_PARTS = ("quiz", "sorter", "moves")  # what the dashboard's item analysis offers, in its order
ITEM_SHORT = 90  # characters of a situation, statement or move shown before it is folded


def _share(right: int, students: int) -> str:
    """``8 of 27 (30%)``, red when fewer than half agree with the key."""
    text = t("items_of", part=right, whole=students, percent=model.percent(right, students))
    return f"<span class='course-bad'>{esc(text)}</span>" if 2 * right < students else esc(text)


def _folded(text: str, reason: str) -> str:
    """An item shortened, unfolding to its whole text and the key's reason."""
    return (
        f"<details><summary>{esc(short_text(text, ITEM_SHORT))}</summary>"
        f"<p>{esc(text)}</p><p><i>{esc(t('reason'))}:</i> {esc(reason)}</p></details>"
    )


def _option(part: str, option: str) -> str:
    return t(f"perspective_{option}") if part == "sorter" else names().get(option, option)


def _tag(orientation: str, dimension: str) -> str:
    """A vignette tag as the dashboard writes it: ``clinical · Medication`` or ``personal (no dimension)``."""
    perspective = t(f"perspective_{orientation}")
    return (
        f"{perspective} · {names().get(dimension, dimension)}"
        if dimension
        else t("items_no_dimension", tag=perspective)
    )


SPREAD_SHOWN = 4  # tags named in a move's spread; the rest are counted


def _spread_html(spread: tuple, students: int) -> str:
    """How a move was tagged: the orientations' shares, then the tags chosen most with their shares."""
    if not students:
        return "–"
    orientations: dict[str, int] = {}
    for orientation, _, count in spread:
        orientations[orientation] = orientations.get(orientation, 0) + count
    split = " · ".join(
        f"{t('perspective_' + o)} {model.percent(n, students)}%"
        for o, n in sorted(orientations.items(), key=lambda pair: -pair[1])
    )
    tags = ", ".join(f"{_tag(o, d)} {model.percent(n, students)}%" for o, d, n in spread[:SPREAD_SHOWN])
    more = t("items_more", count=len(spread) - SPREAD_SHOWN) if len(spread) > SPREAD_SHOWN else ""
    return f"<b>{esc(split)}</b><br><small>{esc(tags + more)}</small>"


def _move_rows(course: CourseData, frame: pd.DataFrame) -> list[list[str]]:
    """The cells of :func:`item_analysis_html`'s rows for the vignettes' moves."""
    rows = []
    for rank, row in enumerate(frame.to_dict("records"), 1):
        vignette = course.vignettes[row["vignette_id"]]
        move = vignette.moves.loc[row["move"]]
        title = f"{getattr(vignette, column('title'))} · {t('move').lower()} {row['move']}"
        text = f"{move[column('actor')]}: {move[column('text')]}"
        students = int(row["students"])
        rows.append(
            [
                str(rank),
                f"<b>{esc(title)}</b>{_folded(text, str(move[column('reason')]))}",
                esc(_tag(row["key"], row["key_dimension"])),
                _share(int(row["right"]), students) if students else "–",
                _spread_html(row["spread"], students),
            ]
        )
    return rows


def _answer_rows(part: str, items: pd.DataFrame, frame: pd.DataFrame) -> list[list[str]]:
    """The cells of :func:`item_analysis_html`'s rows for the quiz's situations or the sorter's statements."""
    text_column = "situation" if part == "quiz" else "statement"
    rows = []
    for rank, (item, row) in enumerate(zip(frame.index, frame.to_dict("records"), strict=True), 1):
        students = int(row["students"])
        wrong = (
            t(
                "items_wrong_count",
                answer=_option(part, row["wrong"]),
                percent=model.percent(row["wrong_count"], students),
            )
            if row["wrong"]
            else "–"
        )
        rows.append(
            [
                str(rank),
                _folded(str(items.at[item, column(text_column)]), str(items.at[item, column("reason")])),
                esc(_option(part, row["key"])),
                _share(int(row["right"]), students) if students else "–",
                esc(wrong),
            ]
        )
    return rows


def item_analysis_html(course: CourseData, work: ClassWork, part: str) -> str:
    """The class's item analysis for one part (``ITEM_PARTS``): per quiz situation or sorter statement the
    share that chose the key and the wrong answer chosen most; per vignette move the share whose
    orientation agrees with the key and the spread of the tags chosen. The items to discuss first come
    first (``model.answer_analysis``, ``model.move_analysis``); every text escaped."""
    if part == "moves":
        frame = model.move_analysis(work.vignette_tags, course.vignettes)
        headers = [t("items_rank"), t("items_move"), t("key"), t("items_agree"), t("items_tags")]
    else:
        items = course.quiz if part == "quiz" else course.statements
        key = items["function_id" if part == "quiz" else "perspective"]
        frame = model.answer_analysis(work.answers[work.answers["kind"] == part], key)
        what = t("items_situation" if part == "quiz" else "items_statement")
        headers = [t("items_rank"), what, t("key"), t("items_right"), t("items_wrong")]
    if not frame["students"].any():
        return f"<p>{esc(t('items_none'))}</p>"
    rows = _move_rows(course, frame) if part == "moves" else _answer_rows(part, items, frame)
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>" for cells in rows)
    explained = t("items_explained_moves" if part == "moves" else "items_explained")
    return (
        f"<p><small>{esc(explained)}</small></p><table class='course-table course-items'><tr>{head}</tr>{body}</table>"
    )
