"""The quiz used by lesson 02 (which function is at stake?) and lesson 05 (personal or clinical?)."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from helpers import model, plots, views
from helpers.figures import FigurePanel
from helpers.savebox import SaveBox
from helpers.shell import App, Work
from helpers.student_work import ANSWER_KINDS
from helpers.text import column, t
from helpers.views import error_html, esc, status


class Quiz(App):
    """One item at a time: choose an option, check it, read why; a chart of the results so far; a save box.

    ``items`` is indexed by item id and has a ``<text_base>_nl/_en`` text, ``reason_nl/_en`` and the
    key in ``key_column``; ``options`` maps each key value to the label shown. ``kind`` (``quiz`` or
    ``sorter``) is what the answers are saved as (``helpers.student_work``): the option checked first per
    item, which the lecturer's item analysis counts, and the one checked last where the student changed it.
    """

    def __init__(
        self,
        items: pd.DataFrame,
        text_base: str,
        key_column: str,
        options: dict[str, str],
        title: str,
        chart_title: str,
        kind: str,
        worked_title: str = "",
    ):
        self.items, self.text_base, self.key_column = items, text_base, key_column
        self.options, self.chart_title = options, chart_title
        self.worked_title = worked_title or chart_title  # the chart's title in the worked example (the key)
        self.ids = list(items.index)
        self.kind = kind
        self.answers: dict[str, str] = {}  # the option checked last per item: what the screen and chart show
        self.first: dict[str, str] = {}  # the option checked first per item, before the key was shown
        self.position = 0
        self.progress, self.situation, self.feedback, self.result = w.HTML(), w.HTML(), status(w.HTML()), w.HTML()
        self.choice = w.RadioButtons(
            options=[(label, value) for value, label in options.items()], value=None, layout=w.Layout(width="auto")
        )
        self.check = w.Button(description=t("check_answer"), button_style="primary", icon="check")
        self.previous = w.Button(description=t("previous"), icon="arrow-left")
        self.following = w.Button(description=t("next"), icon="arrow-right")
        self.panel = FigurePanel(plots.quiz_results(self.results(), options, chart_title))
        self.check.on_click(lambda _: self.on_check())
        self.previous.on_click(lambda _: self.move(-1))
        self.following.on_click(lambda _: self.move(1))
        self.show_item()
        self.save_box = SaveBox(self.collect, self.restore, lambda: [(kind, ANSWER_KINDS[kind])])
        super().__init__(
            title,
            [
                self.progress,
                self.situation,
                self.choice,
                w.HBox([self.check, self.previous, self.following]),
                self.feedback,
                self.result,
                self.panel,
                self.save_box,
            ],
            panels=(self.panel,),
        )
        self.static_skip = (self.progress, self.situation, self.choice, self.feedback, self.result)

    def example(self) -> None:
        """The worked example: every item answered as the key has it, so the chart shows the key per option,
        titled as the key (the static site shows it; its reader has answered nothing)."""
        self.answers = {item: str(self.items.at[item, self.key_column]) for item in self.ids}
        figure = plots.quiz_results(self.results(), self.options, self.worked_title)
        figure.data = tuple(trace for trace in figure.data if any(trace.y))  # nothing is wrong or open: no legend
        self.panel.show(figure)

    def static_material(self) -> str:
        return views.quiz_items_html(self.items, self.text_base, self.key_column, self.options)

    def describe(self) -> str:
        return t("quiz_static", total=len(self.ids)) + " " + self.panel.text

    def results(self) -> pd.DataFrame:
        """The answers so far against the key (model.score_answers)."""
        return model.score_answers(self.items[self.key_column], pd.Series(self.answers, dtype=object))

    def show_item(self) -> None:
        item_id = self.ids[self.position]
        self.progress.value = f"<b>{esc(t('quiz_progress', n=self.position + 1, total=len(self.ids)))}</b>"
        self.situation.value = f"<p style='font-size:110%'>{esc(self.items.loc[item_id, column(self.text_base)])}</p>"
        self.choice.value = self.answers.get(item_id)
        self.feedback.value = self.explain(item_id) if item_id in self.answers else ""
        self.previous.disabled = self.position == 0
        self.following.disabled = self.position == len(self.ids) - 1

    def explain(self, item_id: str) -> str:
        key = str(self.items.at[item_id, self.key_column])
        right = self.answers[item_id] == key
        verdict = t("correct") if right else t("incorrect") + f" — {t('key')}: {self.options[key]}"
        return (
            f"<p class='{'course-good' if right else 'course-bad'}'><b>{esc(verdict)}</b></p>"
            f"<p><b>{esc(t('reason'))}:</b> {esc(self.items.loc[item_id, column('reason')])}</p>"
        )

    def on_check(self) -> None:
        if self.choice.value is None:
            self.feedback.value = error_html(t("choose_first"))
            return
        item_id = self.ids[self.position]
        self.first.setdefault(item_id, self.choice.value)
        self.answers[item_id] = self.choice.value
        self.feedback.value = self.explain(item_id)
        self.show_results()

    def show_results(self) -> None:
        """The chart of the answers so far, and the score once every item is answered."""
        scored = self.results()
        self.panel.show(plots.quiz_results(scored, self.options, self.chart_title))
        done = len(self.answers) == len(self.ids)
        self.result.value = (
            f"<h4>{esc(t('quiz_result', correct=int(scored['correct'].sum()), total=len(self.ids)))}</h4>"
            if done
            else ""
        )

    def collect(self) -> Work:
        """The answers to save: the first per item, and the last where it differs (nothing before a check)."""
        if not self.first:
            return []
        later = {item: answer for item, answer in self.answers.items() if answer != self.first.get(item)}
        fields: dict = {"answers": dict(self.first), **({"later_answers": later} if later else {})}
        return [(self.kind, ANSWER_KINDS[self.kind], fields)]

    def restore(self, kind: str, scoring: dict) -> None:
        """Saved answers back on screen (an item or option this quiz no longer has is said and left out);
        the quiz opens on the first item not answered yet."""
        skipped: list[str] = []

        def usable(answers: dict) -> dict[str, str]:
            kept = {}
            for item, answer in answers.items():
                if item in self.ids and answer in self.options:
                    kept[item] = answer
                else:
                    skipped.append(f"{item}: {answer}")
            return kept

        self.first = usable(scoring.get("answers", {}))
        self.answers = {**self.first, **usable(scoring.get("later_answers", {}))}
        open_items = [number for number, item in enumerate(self.ids) if item not in self.answers]
        self.position = open_items[0] if open_items else 0
        self.show_item()
        self.show_results()
        if skipped:
            message = t("quiz_restore_skipped", answers="; ".join(skipped))
            self.result.value += f"<p class='course-bad'>{esc(message)}</p>"

    def move(self, step: int) -> None:
        self.position = min(max(self.position + step, 0), len(self.ids) - 1)
        self.show_item()
