"""The apps of the recovery lessons: the perspective sorter and dimension table (05) and the vignette
scorer (06)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from helpers import model, plots, views
from helpers.app_quiz import Quiz
from helpers.data import PERSPECTIVES, load_course
from helpers.figures import FigurePanel, figure_html
from helpers.labels import names
from helpers.savebox import SaveBox
from helpers.shell import App
from helpers.text import column, t
from helpers.views import esc


def perspective_sorter() -> Quiz:
    """Lesson 05: sort statements into personal and clinical recovery."""
    options = {p: t(f"perspective_{p}") for p in PERSPECTIVES}
    return Quiz(load_course().statements, "statement", "perspective", options, t("sorter_title"), t("sorter_chart"))


class MoveRow(w.VBox):
    """One move of a vignette: its text, the student's orientation and dimension, and the feedback."""

    def __init__(
        self,
        number: Hashable,
        move: pd.Series,
        dimension_options: Callable[[str], list[tuple[str, str]]],
        on_change: Callable[[], None],
    ):
        self.number, self.dimension_options = number, dimension_options
        self.orientation = w.ToggleButtons(
            options=[(t(f"perspective_{p}"), p) for p in PERSPECTIVES],
            value=None,
            style={"button_width": "auto"},
            tooltip=t("a11y_orientation", number=number),
        )
        self.dimension = w.Dropdown(
            options=dimension_options(""),
            value="",
            tooltip=t("a11y_dimension", number=number),
            layout=w.Layout(width="260px"),
        )
        self.feedback = w.HTML()
        self.orientation.observe(lambda change: self.follow_orientation(change["new"] or ""), names="value")
        self.orientation.observe(lambda _: on_change(), names="value")
        self.dimension.observe(lambda _: on_change(), names="value")
        text = f"<b>{number}. {esc(move[column('actor')])}</b> — {esc(move[column('text')])}"
        super().__init__(
            [w.HTML(text), w.HBox([self.orientation, self.dimension]), self.feedback],
            layout=w.Layout(border_bottom="1px solid #ddd", padding="4px 0"),
        )

    def follow_orientation(self, orientation: str) -> None:
        """Offer only the dimensions of the chosen orientation, keeping the choice if it still fits."""
        keep = self.dimension.value
        self.dimension.options = self.dimension_options(orientation)
        self.dimension.value = keep if keep in [value for _, value in self.dimension.options] else ""

    def tag(self) -> dict[str, str]:
        return {"orientation": self.orientation.value or "", "dimension": self.dimension.value or ""}


class VignetteScorer(App):
    """Lesson 06: tag each move of a case vignette as personal or clinical (and, if you like, a dimension);
    commit to see the key and its reason per move, with orientation and dimension judged apart."""

    def __init__(self, vignette_id: str | None = None):
        self.course = course = load_course()
        ids = list(course.vignettes)
        self.vignette = w.Dropdown(
            options=[(getattr(course.vignettes[i], column("title")), i) for i in ids],
            value=vignette_id or ids[0],
            description=t("vignette"),
            layout=w.Layout(width="560px"),
        )
        self.setting, self.moves_box, self.agreement, self.summary = w.HTML(), w.VBox(), w.HTML(), w.HTML()
        self.rows: dict[Hashable, MoveRow] = {}
        self.committed = False
        self.commit = w.Button(description=t("commit"), button_style="primary", icon="check")
        self.rewrite_move = w.Dropdown(description=t("rewrite_move"), layout=w.Layout(width="560px"))
        self.rewrite = w.Textarea(
            placeholder=t("rewrite_placeholder"), tooltip=t("a11y_rewrite"), layout=w.Layout(width="95%", height="90px")
        )
        self.rewrite_preview = w.HTML()
        self.build()
        self.panel = FigurePanel(self.figure())
        self.save_box = SaveBox(self.collect, self.restore, lambda: [("vignette", self.vignette.value)], self.vignette)
        self.vignette.observe(self.on_vignette, names="value")
        self.commit.on_click(self.on_commit)
        self.rewrite.observe(self.on_rewrite, names="value")
        rewrite_section = w.VBox(
            [w.HTML(f"<b>{esc(t('rewrite_title'))}</b>"), self.rewrite_move, self.rewrite, self.rewrite_preview]
        )
        super().__init__(
            t("vignette_title"),
            [
                self.vignette,
                self.setting,
                self.moves_box,
                self.commit,
                self.agreement,
                self.summary,
                self.panel,
                rewrite_section,
                self.save_box,
            ],
            panels=(self.panel,),
            fictional=all(v.fictional for v in course.vignettes.values()),
        )
        # the static page shows every vignette with its keys folded, not one untagged vignette
        self.static_skip = tuple(self.children[2:])

    def static_material(self) -> str:
        """The worked example's key as a chart (lesson 06 discusses it), then every vignette, keys folded."""
        vignette = self.course.vignettes[self.vignette.value]
        title = getattr(vignette, column("title"))
        counts = {t("key_tags"): model.dimension_counts(vignette.moves["dimension"], self.course.dimensions)}
        chart = plots.dimension_bars(counts, self.course.dimensions, names(), t("vignette_chart", title=title))
        return (
            f"<h4>{esc(t('static_worked_key', title=title))}</h4>"
            + figure_html(chart)
            + f"<p>{esc(plots.summary(chart))}</p>"
            + views.vignettes_html(self.course)
        )

    def moves(self) -> pd.DataFrame:
        return self.course.vignettes[self.vignette.value].moves

    def tags(self) -> pd.DataFrame:
        return pd.DataFrame({number: row.tag() for number, row in self.rows.items()}).T

    def dimension_options(self, orientation: str) -> list[tuple[str, str]]:
        dimensions = self.course.dimensions
        chosen = dimensions.index if not orientation else dimensions.index[dimensions["perspective"] == orientation]
        table = names()
        return [(t("no_dimension"), "")] + [(table[d], d) for d in chosen]

    def figure(self) -> go.Figure:
        dimensions = self.course.dimensions
        series = {t("your_tags"): model.dimension_counts(self.tags()["dimension"], dimensions)}
        if self.committed:
            series[t("key_tags")] = model.dimension_counts(self.moves()["dimension"], dimensions)
        title = getattr(self.course.vignettes[self.vignette.value], column("title"))
        return plots.dimension_bars(series, dimensions, names(), t("vignette_chart", title=title))

    def build(self) -> None:
        """The rows of the vignette on screen, untagged."""
        vignette = self.course.vignettes[self.vignette.value]
        badge = f" <span class='course-badge'>{esc(t('fictional'))}</span>" if vignette.fictional else ""
        self.setting.value = f"<p>{esc(getattr(vignette, column('setting')))}{badge}</p>"
        self.rows = {
            number: MoveRow(number, move, self.dimension_options, self.refresh)
            for number, move in vignette.moves.iterrows()
        }
        self.moves_box.children = list(self.rows.values())
        clinical = vignette.moves[vignette.moves["key"] == "clinical"]
        self.rewrite_move.options = [(f"{m}. {r[column('actor')]}", str(m)) for m, r in clinical.iterrows()] or [
            (t("no_clinical_moves"), "")
        ]
        self.rewrite_move.value = self.rewrite_move.options[0][1]
        self.agreement.value = self.summary.value = self.rewrite_preview.value = ""

    def refresh(self) -> None:
        self.panel.show(self.figure())
        if self.committed:
            self.show_feedback()

    def show_feedback(self) -> None:
        moves, dimensions = self.moves(), self.course.dimensions
        table = names()
        scored = model.score_vignette(moves, self.tags(), dimensions)
        for number, row in scored.iterrows():
            key = f"{t('perspective_' + row['key'])} · {table[row['key_dimension']]}"
            orientation = (
                f"<span class='course-bad'>{esc(t('not_tagged'))}</span>"
                if not row["answered"]
                else views.mark(bool(row["orientation_agrees"]), t("orientation"))
            )
            dimension = (
                f"<span>— {esc(t('dimension_none_chosen'))}</span>"
                if pd.isna(row["dimension_agrees"])
                else views.mark(row["dimension_agrees"] == 1, t("dimension").lower())
            )
            self.rows[number].feedback.value = (
                f"{orientation} · {dimension} — {esc(t('key'))}: <b>{esc(key)}</b>. "
                f"{esc(moves.at[number, column('reason')])}"
            )
        counts = model.vignette_agreement_counts(scored)
        lines = [
            t(
                "vignette_orientation_agreement",
                right=counts["orientation_agrees"],
                total=counts["moves"],
                share=model.percent(counts["orientation_agrees"], counts["moves"]),
            ),
            t(
                "vignette_dimension_agreement",
                chosen=counts["dimension_chosen"],
                total=counts["moves"],
                right=counts["dimension_agrees"],
            )
            if counts["dimension_chosen"]
            else t("vignette_no_dimension"),
        ]
        self.agreement.value = "<h4>" + "<br>".join(esc(line) for line in lines) + "</h4>"
        result = model.orientation_summary(moves, dimensions)
        touched = [table[d] for d, n in result["per_dimension"].items() if n]
        self.summary.value = esc(
            t(
                "vignette_summary",
                share=result["personal_percent"],
                goals=t(f"goal_setter_{result['goal_setter']}"),
                dimensions=", ".join(touched),
            )
        )

    def on_commit(self, _=None) -> None:
        self.committed = True
        self.refresh()

    def on_vignette(self, _=None) -> None:
        self.committed = False
        self.build()
        self.refresh()
        self.save_box.offer()

    def collect(self) -> list[tuple[str, str, dict]]:
        tags = {str(number): row.tag() for number, row in self.rows.items()}
        text = {"rewrite_move": self.rewrite_move.value or "", "rewrite": self.rewrite.value}
        return [("vignette", self.vignette.value, {"tags": tags, "text": text, "committed": self.committed})]

    def restore(self, kind: str, scoring: dict) -> None:
        skipped = []  # saved tags that do not fit this vignette: said in the widget, never a crash
        for move, tag in scoring["tags"].items():
            row = self.rows.get(int(move)) if str(move).isascii() and str(move).isdigit() else None
            if row is None:
                skipped.append(t("restore_no_move", move=move))
                continue
            orientation = tag.get("orientation") or None
            if orientation not in (None, *PERSPECTIVES):
                skipped.append(t("restore_bad_tag", move=move, value=orientation))
                continue
            row.orientation.value = orientation
            dimension = tag.get("dimension") or ""
            if dimension not in [value for _, value in row.dimension.options]:
                skipped.append(t("restore_bad_tag", move=move, value=dimension))
                dimension = ""
            row.dimension.value = dimension
        # saved committed: the key per move and the agreement again; saved uncommitted: hidden; not said: as is
        if scoring.get("committed") is True:
            self.on_commit()
        elif scoring.get("committed") is False and self.committed:
            self.committed = False
            for move_row in self.rows.values():
                move_row.feedback.value = ""
            self.agreement.value = self.summary.value = ""
            self.refresh()
        if skipped:
            message = t("restore_skipped", problems="; ".join(skipped))
            self.agreement.value = f"<span class='course-bad'>{esc(message)}</span>"
        if scoring["text"].get("rewrite_move") in [value for _, value in self.rewrite_move.options]:
            self.rewrite_move.value = scoring["text"]["rewrite_move"]
        self.rewrite.value = scoring["text"].get("rewrite", "")

    def on_rewrite(self, _=None) -> None:
        self.rewrite_preview.value = (
            f"<p><b>{esc(t('your_rewrite'))}</b> {esc(self.rewrite.value)}</p>" if self.rewrite.value.strip() else ""
        )
