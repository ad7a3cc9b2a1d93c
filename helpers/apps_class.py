"""The lecturer's class dashboard: a class's saved scorings against the reference, agreement among
students, and the vignette moves the class split on."""

from __future__ import annotations

import asyncio
import base64
from datetime import datetime

import ipywidgets as w
import plotly.graph_objects as go

from helpers import handin, model, plots, views
from helpers.apps_grading import FeedbackForm, GradeExport, ReleaseForm
from helpers.classroom import ClassWork, load_class, source_path
from helpers.course_data import load_course
from helpers.figures import FigurePanel
from helpers.labels import names
from helpers.shell import App
from helpers.student_work import work_dir
from helpers.text import column, number, t
from helpers.views import error_html, esc, status
from helpers.vocabulary import WARD_ITEMS


class ClassDashboard(App):
    """Load a folder of student files (or a combined CSV) and show what the class saw."""

    def __init__(self, source: str | None = None):
        self.course = course = load_course()
        self.path = w.Text(
            value=source or str(course.folder / "class_demo"),
            description=t("dashboard_source"),
            layout=w.Layout(width="640px"),
            style={"description_width": "initial"},
            continuous_update=False,  # the value arrives when the lecturer presses Enter (or leaves the box)
        )
        self.load_button = w.Button(description=t("dashboard_load"), icon="refresh", button_style="primary")
        self.report = status(w.HTML())
        table = names()
        self.ward = w.Dropdown(
            options=[(table[i], i) for i in course.wards.index], description=t("ward"), layout=w.Layout(width="480px")
        )
        self.vignette = w.Dropdown(
            options=[(getattr(v, column("title")), i) for i, v in course.vignettes.items()],
            description=t("vignette"),
            layout=w.Layout(width="560px"),
        )
        self.ward_table, self.agreement_table, self.prompts, self.vignette_table = (
            w.HTML(),
            w.HTML(),
            w.HTML(),
            w.HTML(),
        )
        self.reading_kind = w.Dropdown(
            options=[(t(f"reading_kind_{kind}"), kind) for kind in views.READING_KINDS],
            description=t("reading_kind"),
            layout=w.Layout(width="420px"),
        )
        self.reading_item = w.Dropdown(description=t("reading_filter"), layout=w.Layout(width="480px"))
        self.reading_item.style.description_width = "initial"
        self.reading, self.print_link = w.HTML(), w.HTML()
        self.items_part = w.Dropdown(
            options=[(t(f"items_part_{part}"), part) for part in views.ITEM_PARTS],
            description=t("items_part"),
            layout=w.Layout(width="520px"),
        )
        self.items_table = w.HTML()
        self.choosing = False  # while the filter's options change, its observer waits
        self.live = LiveHandIns(self) if source is None and handin.on_hub() and LiveHandIns.allowed() else None
        if self.live:
            self.path.value = str(self.live.folder)
            self.live.refresh()
        failure: Exception | None = None
        try:
            self.work: ClassWork = load_class(self.path.value, course)
            figures = (self.ward_figure(), self.vignette_figure(), self.agreement_figure())
            self.show_tables()
        except Exception as error:  # the dashboard opens with an empty class and says what went wrong
            self.work, failure = ClassWork.empty(), error
            figures = (self.ward_figure(), self.vignette_figure(), self.agreement_figure())
            self.show_tables()
        self.ward_panel, self.vignette_panel, self.agreement_panel = (FigurePanel(f) for f in figures)
        if failure is not None:
            self.report.value = self.failed(failure)
        self.load_button.on_click(self.load)
        self.path.observe(self.load, names="value")  # Enter loads, as the button does
        self.ward.observe(lambda _: self.ward_panel.show(self.ward_figure()), names="value")
        self.vignette.observe(lambda _: self.vignette_panel.show(self.vignette_figure()), names="value")
        wards_tab = w.VBox(
            [
                self.ward,
                self.ward_panel,
                self.ward_table,
                w.HTML(f"<b>{esc(t('dashboard_alpha_title'))}</b>"),
                w.HTML(f"<small>{esc(self.alpha_explained())}</small>"),
                self.agreement_panel,
                self.agreement_table,
            ]
        )
        vignettes_tab = w.VBox([self.vignette_table, self.vignette, self.vignette_panel, self.prompts])
        self.reading_kind.observe(lambda _: self.show_reading(new_kind=True), names="value")
        self.reading_item.observe(lambda _: self.show_reading(), names="value")
        writing_tab = w.VBox([w.HBox([self.reading_kind, self.reading_item]), self.print_link, self.reading])
        self.items_part.observe(lambda _: self.show_items(), names="value")
        items_tab = w.VBox([self.items_part, self.items_table])
        self.tabs = w.Tab(
            [wards_tab, vignettes_tab, items_tab, writing_tab],
            titles=(t("tab_wards"), t("tab_vignettes"), t("tab_items"), t("tab_writing")),
        )
        super().__init__(
            t("dashboard_title"),
            [*(self.live.controls if self.live else []), w.HBox([self.path, self.load_button]), self.report, self.tabs],
            panels=(self.ward_panel, self.vignette_panel, self.agreement_panel),
        )

    @staticmethod
    def alpha_explained() -> str:
        return t(
            "alpha_explained",
            items=len(WARD_ITEMS),
            reliable=number(model.ALPHA_RELIABLE, 1),
            tentative=number(model.ALPHA_TENTATIVE, 3),
        )

    def describe(self) -> str:
        return " ".join(panel.text for panel in (self.ward_panel, self.agreement_panel, self.vignette_panel))

    def ward_figure(self) -> go.Figure:
        work, ward_id, table = self.work, self.ward.value, names()
        stats = model.class_vs_reference(work.ward_scores, self.course.reference, ward_id)
        scores = work.ward_scores[work.ward_scores["ward_id"] == ward_id]
        self.ward_table.value = views.ward_table_html(stats, table[ward_id])
        scored = bool(stats["students"].any())
        title = t("dashboard_ward_title" if scored else "dashboard_ward_unscored", ward=table[ward_id])
        return plots.class_distribution(stats, scores, table, title)

    def vignette_figure(self) -> go.Figure:
        vignette = self.course.vignettes[self.vignette.value]
        tags = self.work.vignette_tags[self.work.vignette_tags["vignette_id"] == self.vignette.value]
        agreement = model.move_agreement(tags, vignette.moves)
        items = []
        for move, row in model.discussion_prompts(agreement).iterrows():
            text = vignette.moves.xs(move)
            split = t(
                "prompt_split",
                personal=round(row["personal"] * 100),
                agree=round(row["agree_with_key"] * 100),
                orientation=t("perspective_" + row["key"]),
            )
            items.append(
                f"<li><b>{esc(t('move'))} {move}</b> — {esc(text[column('actor')])}: "
                f"{esc(text[column('text')])}<br><i>{esc(split)}</i>"
                f"<br>{esc(t('reason'))}: {esc(text[column('reason')])}</li>"
            )
        self.prompts.value = (
            f"<b>{esc(t('discussion_prompts'))}</b><ol>" + "".join(items) + "</ol>"
            if items
            else esc(t("dashboard_no_tags"))
        )
        return plots.move_agreement_bars(
            agreement, t("dashboard_vignette_title", title=getattr(vignette, column("title")))
        )

    def agreement_figure(self) -> go.Figure:
        return plots.agreement_bars(model.ward_agreement(self.work.ward_scores), names(), t("dashboard_alpha_title"))

    def report_html(self) -> str:
        """What was loaded and what not; the live folder of a class that has not handed in yet says so."""
        if self.live and self.path.value == str(self.live.folder) and not self.work.sources:
            return f"<p>{esc(t('dashboard_live_empty'))}</p>"
        demo = source_path(self.path.value) == self.course.folder / "class_demo"
        note = f"<p><i>{esc(t('dashboard_demo_note', load=t('dashboard_load')))}</i></p>" if demo else ""
        return note + views.class_report(self.work)

    def show_reading(self, new_kind: bool = False) -> None:
        """The written work of the kind chosen, for the ward or vignette chosen (or all), and its printable page;
        ``new_kind`` (another kind, another class) first offers the wards or vignettes that have such work."""
        if self.choosing:
            return
        kind = self.reading_kind.value
        if new_kind:
            items = views.reading_items(self.course, self.work, kind)
            table = names()
            if kind == "rewrite":
                table = {v: getattr(self.course.vignettes[v], column("title")) for v in items}
            chosen = self.reading_item.value
            self.choosing = True
            try:
                self.reading_item.options = [(t("reading_all"), ""), *[(table.get(i, i), i) for i in items]]
                self.reading_item.value = chosen if chosen in items else ""
            finally:
                self.choosing = False
        item = self.reading_item.value or None
        html = views.reading_html(self.course, self.work, kind, item)
        self.reading.value = f"<style>{views.READING_CSS}</style>{html}"
        page = base64.b64encode(views.reading_page(self.course, self.work, kind, item).encode()).decode()
        self.print_link.value = (
            f"<a href='data:text/html;charset=utf-8;base64,{page}' download='{kind}_{esc(item or 'all')}.html' "
            "style='color: var(--jp-content-link-color, #1a73e8); text-decoration: underline'>"
            f"{esc(t('reading_print'))}</a> <small>({esc(t('reading_print_hint'))})</small>"
        )

    def show_items(self) -> None:
        """The item analysis of the part chosen: the items to discuss first, first (issue 29)."""
        self.items_table.value = views.item_analysis_html(self.course, self.work, self.items_part.value)

    def show_tables(self) -> None:
        work, table = self.work, names()
        self.report.value = self.report_html()
        self.show_reading(new_kind=True)
        self.show_items()
        agreement = model.ward_agreement(work.ward_scores)
        self.agreement_table.value = views.table_html(
            agreement.assign(
                id=lambda f: [table.get(i, i) for i in f["id"]],
                scope=lambda f: [t(f"scope_{s}") for s in f["scope"]],
                alpha=lambda f: [
                    views.alpha_text(n, a, u) for n, a, u in zip(f["students"], f["alpha"], f["units"], strict=True)
                ],
            ),
            [t("scope"), t("item"), t("students"), t("units"), "α"],
        )
        rows = model.vignette_agreement(work.vignette_tags, self.course.vignettes)
        self.vignette_table.value = views.table_html(
            rows.assign(
                vignette_id=lambda f: [getattr(self.course.vignettes[v], column("title")) for v in f["vignette_id"]],
                agree_with_key=lambda f: [number(a) if a == a else "–" for a in f["agree_with_key"]],
                alpha=lambda f: [views.alpha_text(n, a) for n, a in zip(f["students"], f["alpha"], strict=True)],
            ),
            [t("vignette"), t("students"), t("agree_share"), "α"],
        )

    def load(self, _=None) -> None:
        """Read the folder or CSV in the path box and redraw everything; anything unexpected ends as a
        red message in the report (the class shown before stays), never as a traceback."""
        try:
            self.work = load_class(self.path.value, self.course)
            self.show_tables()
            self.ward_panel.show(self.ward_figure())
            self.vignette_panel.show(self.vignette_figure())
            self.agreement_panel.show(self.agreement_figure())
        except Exception as error:  # the lecturer sees a sentence, never a traceback in front of the class
            self.report.value = self.failed(error)

    def failed(self, error: Exception) -> str:
        message = t("dashboard_load_failed", source=self.path.value, error=f"{type(error).__name__}: {error}")
        return f"<p>{error_html(message, 'b')}</p>"


class LiveHandIns:
    """On the class hub, for lecturers: the hand-ins fill the dashboard while students work.

    A task on the kernel's own event loop (the one that runs widget callbacks, so no thread touches
    the widgets) asks the store every few seconds for its version — one small request — and only
    when it changed fetches the newest hand-ins into ``my_work/class_live/`` and redraws.
    """

    INTERVAL_SECONDS = 3.0

    def __init__(self, dashboard: ClassDashboard):
        self.dashboard = dashboard
        self.folder = work_dir() / "class_live"
        self.version: int | None = None
        self.updated: str | None = None  # the time of the last answer from the store: what the screen shows
        self.followed = dashboard.ward.value  # the ward the dashboard chose, not the lecturer
        self.count = status(w.HTML())
        self.polling = asyncio.ensure_future(self.poll())
        self.accounts_button = w.ToggleButton(description=t("dashboard_show_accounts"), icon="user-secret")
        self.accounts = w.HTML()
        self.accounts_button.observe(lambda _: self.show_accounts(), names="value")
        self.feedback = FeedbackForm(self.pseudonyms())
        self.grades = GradeExport(self.folder)
        self.release = ReleaseForm()
        self.controls = [
            w.HTML(f"<b>{esc(t('dashboard_live'))}</b>"),
            w.HBox([self.count, self.accounts_button]),
            self.accounts,
            w.Accordion(
                [self.release, self.feedback, self.grades],
                titles=(t("release_title"), t("feedback_give_title"), t("grades_title")),
            ),
        ]

    def pseudonyms(self) -> list[str]:
        """The pseudonyms handed in so far (the files fetched into the live folder)."""
        return sorted(path.stem for path in self.folder.glob("*.json"))

    @staticmethod
    def allowed() -> bool:
        """Only a lecturer's token may read the class's hand-ins."""
        try:
            handin.class_status()
        except handin.HandInError:
            return False
        return True

    def refresh(self) -> bool:
        """Fetch the hand-ins when the store has new ones; True when the folder changed."""
        try:
            status = handin.class_status()
            changed = status["version"] != self.version
            if changed:
                handin.fetch_class(self.folder)
                self.version = status["version"]
        except handin.HandInError as error:
            failed = (
                t("dashboard_live_failed", reason=error.reason, when=self.updated)
                if self.updated
                else t("dashboard_live_failed_first", reason=error.reason)
            )
            self.count.value = error_html(failed)
            return False
        self.updated = datetime.now().strftime("%H:%M:%S")
        self.count.value = esc(
            t("dashboard_live_count", handed_in=status["handed_in"], students=status["students"], when=self.updated)
        )
        return changed

    async def poll(self) -> None:
        while True:
            await asyncio.sleep(self.INTERVAL_SECONDS)
            self.dashboard.guard(self.tick)()  # a failure shows in the dashboard; the polling goes on

    def tick(self) -> None:
        if self.dashboard.path.value != str(self.folder):  # the lecturer loaded another folder or CSV
            return
        if self.refresh():
            self.dashboard.load()
            self.follow_the_class()
            self.feedback.pseudonym.options = self.pseudonyms()

    def follow_the_class(self) -> None:
        """Until the lecturer picks a ward themselves, show the ward most students scored."""
        scored = self.dashboard.work.ward_scores.groupby("ward_id")["pseudonym"].nunique()
        shown = self.dashboard.ward.value
        if len(scored) and (shown == self.followed or shown not in scored.index):
            self.followed = self.dashboard.ward.value = scored.idxmax()

    def show_accounts(self) -> None:
        """The pseudonym → account table, only while the lecturer holds the button down."""
        shown = self.accounts_button.value
        self.accounts_button.description = t("dashboard_hide_accounts" if shown else "dashboard_show_accounts")
        if not shown:
            self.accounts.value = ""
            return
        try:
            accounts = handin.class_accounts()
        except handin.HandInError as error:
            self.accounts.value = error_html(error.reason)
            return
        rows = "".join(f"<tr><td>{esc(p)}</td><td>{esc(a)}</td></tr>" for p, a in sorted(accounts.items()))
        self.accounts.value = (
            f"<b>{esc(t('dashboard_accounts_title'))}</b><table><tr><th>{esc(t('pseudonym'))}</th>"
            f"<th>{esc(t('account'))}</th></tr>{rows}</table>"
        )
