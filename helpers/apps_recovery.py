"""The apps of the recovery lessons: the perspective sorter and dimension table (05) and the vignette
scorer (06)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from helpers import model, plots, views
from helpers.app_quiz import Quiz
from helpers.course_data import load_course
from helpers.figures import FigurePanel, figure_html
from helpers.labels import move_label, names
from helpers.savebox import SaveBox
from helpers.shell import App, Work, WorkPerItem
from helpers.text import column, t
from helpers.views import error_html, esc, status
from helpers.vocabulary import PERSPECTIVES


def perspective_sorter() -> Quiz:
    """Lesson 05: sort statements into personal and clinical recovery."""
    options = {p: t(f"perspective_{p}") for p in PERSPECTIVES}
    statements = load_course().statements
    return Quiz(
        statements,
        "statement",
        "perspective",
        options,
        t("sorter_title"),
        t("sorter_chart"),
        kind="sorter",
        worked_title=t("sorter_chart_worked"),
    )


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


REWRITE = "rewrite_"  # a rewrite is saved as text "rewrite_<move>" (what the lecturer's reading view reads)


class VignetteScorer(App):
    """Lesson 06: tag each move of a case vignette as personal or clinical (and, if you like, a dimension);
    commit to see the key and its reason per move, with orientation and dimension judged apart; rewrite any
    move the student judges clinical, each move its own rewrite. The work on each vignette is kept when the
    student picks another one, and saved with it."""

    def __init__(self, vignette_id: str | None = None):
        self.course = course = load_course()
        ids = list(course.vignettes)
        self.vignette = w.Dropdown(
            options=[(getattr(course.vignettes[i], column("title")), i) for i in ids],
            value=vignette_id or ids[0],
            description=t("vignette"),
            layout=w.Layout(width="560px"),
        )
        self.setting, self.moves_box, self.agreement, self.summary = w.HTML(), w.VBox(), status(w.HTML()), w.HTML()
        self.rows: dict[Hashable, MoveRow] = {}
        self.committed = False
        self.commit = w.Button(description=t("commit"), button_style="primary", icon="check")
        # every move is offered, by what it says: which moves are clinical is the student's judgement, and
        # listing the key's clinical moves gave the key away before the commit
        self.rewrite_move = w.Dropdown(description=t("rewrite_move"), layout=w.Layout(width="95%"))
        self.rewrite = w.Textarea(
            placeholder=t("rewrite_placeholder"), tooltip=t("a11y_rewrite"), layout=w.Layout(width="95%", height="90px")
        )
        self.rewrites: dict[str, str] = {}  # move number -> the student's rewrite of it
        self.rewrite_preview = w.HTML()
        self.build()
        self.panel = FigurePanel(self.figure())
        self.work = WorkPerItem(self.collect, self.restore, self.untouched)
        self.save_box = SaveBox(
            self.work.to_save, self.restore, lambda: [("vignette", self.vignette.value)], self.vignette
        )
        self.vignette.observe(self.on_vignette, names="value")
        self.commit.on_click(self.on_commit)
        self.rewrite_move.observe(self.on_rewrite_move, names="value")
        self.rewrite.observe(self.on_rewrite, names="value")
        rewrite_section = w.VBox(
            [
                w.HTML(f"<b>{esc(t('rewrite_title'))}</b><br><small>{esc(t('rewrite_hint'))}</small>"),
                self.rewrite_move,
                self.rewrite,
                self.rewrite_preview,
            ]
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
        self.rewrites = {}
        self.rewrite_move.options = [
            (move_label(m, r[column("actor")], r[column("text")]), str(m)) for m, r in vignette.moves.iterrows()
        ]
        self.rewrite_move.value = self.rewrite_move.options[0][1]
        self.rewrite.value = ""
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

    def on_vignette(self, change=None) -> None:
        """Another vignette: the work on the one before is kept, and the work on this one, if the student
        was here before, comes back."""
        if change is not None:
            self.work.leave(change["old"])
        self.committed = False
        self.build()
        self.refresh()
        self.work.come_back(self.vignette.value)
        self.save_box.offer()

    def collect(self) -> Work:
        """The work on the vignette on screen: tags, rewrites (``rewrite_<move>``) and whether it was committed."""
        tags = {str(number): row.tag() for number, row in self.rows.items()}
        text = {REWRITE + move: rewrite for move, rewrite in self.rewrites.items() if rewrite.strip()}
        return [("vignette", self.vignette.value, {"tags": tags, "text": text, "committed": self.committed})]

    @staticmethod
    def untouched(work: Work) -> bool:
        """Work that is only what a vignette starts with: nothing tagged, rewritten or committed."""
        return all(
            not fields["text"]
            and not fields["committed"]
            and not any(tag["orientation"] or tag["dimension"] for tag in fields["tags"].values())
            for _, _, fields in work
        )

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
        self.restore_rewrites(scoring["text"], skipped)
        if skipped:
            message = t("restore_skipped", problems="; ".join(skipped))
            self.agreement.value = error_html(message)

    def restore_rewrites(self, text: dict, skipped: list[str]) -> None:
        """The saved rewrites, each on its move (a rewrite of a move this vignette does not have is said);
        the list shows the first rewritten move."""
        moves = [value for _, value in self.rewrite_move.options]
        self.rewrites = {}
        for name, rewrite in text.items():
            if not name.startswith(REWRITE):
                continue
            move = name[len(REWRITE) :]
            if move in moves:
                self.rewrites[move] = rewrite
            else:
                skipped.append(t("restore_no_move", move=move))
        shown = next((move for move in moves if move in self.rewrites), self.rewrite_move.value)
        self.rewrite_move.value = shown
        self.rewrite.value = self.rewrites.get(shown, "")
        self.show_rewrites()

    def on_rewrite_move(self, change) -> None:
        """Another move to rewrite: the box shows that move's own rewrite (empty if none yet)."""
        self.rewrite.value = self.rewrites.get(change["new"], "")

    def on_rewrite(self, change) -> None:
        """The student writes: the text belongs to the move the list shows."""
        move = self.rewrite_move.value
        if change["new"].strip():
            self.rewrites[move] = change["new"]
        else:
            self.rewrites.pop(move, None)
        self.show_rewrites()

    def show_rewrites(self) -> None:
        """Every rewrite written so far, under what its move says, as text (never as HTML)."""
        moves = self.moves()
        items = [
            f"<li><b>{esc(move_label(number, str(move[column('actor')]), str(move[column('text')]), 90))}</b>"
            f"<br>{esc(self.rewrites[str(number)])}</li>"
            for number, move in moves.iterrows()
            if str(number) in self.rewrites
        ]
        self.rewrite_preview.value = (
            f"<p><b>{esc(t('your_rewrites'))}</b></p><ul>{''.join(items)}</ul>" if items else ""
        )
