"""The apps of the system-theory lessons: set-up check (00), equilibrium simulation (01), function quiz and
cards (02), ward scorer (03), fit explorer and heat map (04), and the recovery-oriented redesign (07).

Each app is a small class with named controls; every judgement it shows comes from ``helpers.model``
and every piece of HTML from ``helpers.views``.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from helpers import model, plots, views
from helpers.app_quiz import Quiz
from helpers.course_data import load_course, localized
from helpers.figures import FigurePanel
from helpers.labels import item_names, names, profile_names, ward_label
from helpers.savebox import SaveBox
from helpers.shell import App, Work, WorkPerItem, row, score_slider
from helpers.text import column, number, t
from helpers.views import esc, status
from helpers.vocabulary import CONDITION_IDS, PROFILE_IDS, WARD_ITEMS, ZINGEVING_IDS


class SetupCheck(App):
    """Lesson 00's set-up check: a slider moves one bar of the four profile functions."""

    def __init__(self, function_id: str = "structurering", value: int = 2):
        self.function_id = function_id
        self.slider = score_slider(names()[function_id], value)
        self.panel = FigurePanel(self.figure(value))
        self.slider.observe(lambda change: self.panel.show(self.figure(change["new"])), names="value")
        super().__init__(
            t("setup_title"), [w.HTML(f"<b>{esc(t('setup_ok'))}</b>"), self.slider, self.panel], panels=(self.panel,)
        )

    def figure(self, score: int) -> go.Figure:
        values = pd.Series({f: (score if f == self.function_id else 2) for f in PROFILE_IDS})
        return plots.function_bars(
            values,
            profile_names(),
            t("setup_title"),
            t("setup_summary", function=names()[self.function_id], value=score),
        )


class EquilibriumSimulation(App):
    """Lesson 01: sliders for a small didactic model of members adjusting to each other, with a time plot."""

    def __init__(self) -> None:
        style, layout = {"description_width": "300px"}, w.Layout(width="600px")
        self.members = w.IntSlider(value=8, min=3, max=20, description=t("sim_members"), style=style, layout=layout)
        self.disruption = w.FloatSlider(
            value=0.0, min=0, max=1, step=0.05, description=t("sim_disruption"), style=style, layout=layout
        )
        self.pressure = w.FloatSlider(
            value=0.0, min=0, max=1, step=0.05, description=t("sim_pressure"), style=style, layout=layout
        )
        self.care = w.FloatSlider(
            value=0.7, min=0, max=1, step=0.05, description=t("sim_care"), style=style, layout=layout
        )
        self.seed = w.IntSlider(value=1, min=1, max=20, description=t("sim_seed"), style=style, layout=layout)
        self.controls = (self.members, self.disruption, self.pressure, self.care, self.seed)
        self.presets = []
        for scenario in model.SCENARIOS:
            button = w.Button(description=t(f"sim_preset_{scenario}"), layout=w.Layout(width="auto"))
            button.on_click(lambda _, scenario=scenario: self.apply(scenario))
            self.presets.append(button)
        figure, verdict = self.run()
        self.verdict, self.panel = status(w.HTML(verdict)), FigurePanel(figure)
        for control in self.controls:
            control.observe(self.update, names="value")
        super().__init__(
            t("sim_title"),
            [
                w.HTML(f"<i>{esc(t('sim_disclaimer'))}</i>"),
                w.HBox(self.presets),
                *self.controls,
                self.verdict,
                self.panel,
            ],
            panels=(self.panel,),
        )

    def run(self) -> tuple[go.Figure, str]:
        """The simulation with the sliders' settings: its figure and the verdict as HTML."""
        simulation = model.simulate_equilibrium(
            self.members.value, self.disruption.value, self.care.value, self.pressure.value, seed=self.seed.value
        )
        result = model.equilibrium_summary(simulation)
        text = t(
            "sim_summary",
            state=t(f"verdict_{result['state']}"),
            mean=number(result["group_mean"]),
            zero=number(result["member_0"]),
        )
        css = "course-good" if result["state"] == "healthy" else "course-bad"
        return plots.equilibrium_lines(simulation, t("sim_title"), text), f"<b class='{css}'>{esc(text)}</b>"

    def example(self) -> None:
        """Route a: the system harms member 0 while the group adapts around it."""
        self.apply("route_a")

    def apply(self, scenario: str) -> None:
        """Set the sliders to one of the ready-made scenarios (eight members, nothing else disturbed)."""
        settings = {"disruption": 0.0, "system_pressure": 0.0, **model.SCENARIOS[scenario]}
        with self.quietly():
            self.members.value = 8
            self.disruption.value, self.pressure.value = settings["disruption"], settings["system_pressure"]
            self.care.value = settings["care"]
        self.update()

    def update(self, _=None) -> None:
        if self.quiet:
            return
        figure, verdict = self.run()
        self.panel.show(figure)  # the figure first: the browser draws it before it lays out the text
        self.verdict.value = verdict


def function_quiz() -> Quiz:
    """Lesson 02: which system function is at stake in each ward situation?"""
    course = load_course()
    return Quiz(
        course.quiz,
        "situation",
        "function_id",
        dict(localized(course.functions, "name")),
        t("quiz_title"),
        t("quiz_chart_functions"),
        kind="quiz",
        worked_title=t("quiz_chart_functions_worked"),
    )


def ward_choice(ward_id: str | None) -> w.Dropdown:
    """A dropdown of the example wards ('name — type')."""
    ward_ids = list(load_course().wards.index)
    return w.Dropdown(
        options=[(ward_label(i), i) for i in ward_ids],
        value=ward_id or ward_ids[0],
        description=t("ward"),
        layout=w.Layout(width="560px"),
    )


def all_fictional() -> bool:
    return bool(load_course().wards["fictional"].all())


def sliders_for(ids: tuple[str, ...]) -> dict[str, w.IntSlider]:
    table = names()
    return {item: score_slider(table[item]) for item in ids}


def values(sliders: dict[str, w.IntSlider]) -> pd.Series:
    return pd.Series({k: s.value for k, s in sliders.items()}, dtype=float)


IDEAL_TAB = 1  # the ward scorer's second tab: sketch an ideal ward
REASON = "reason_"  # a reason is saved as text "reason_<item>" (what the lecturer's reading view reads)


def reason_box(item_name: str) -> w.Text:
    """A one-line box under a scoring slider for the student's reason for that score."""
    return w.Text(
        placeholder=t("reason_placeholder"),
        tooltip=t("a11y_reason", item=item_name),
        layout=w.Layout(width="570px", margin="0 0 8px 0"),
    )


class WardScorer(App):
    """Lesson 03: read a ward's observations; score its profile, zingeving and conditions, each with a
    sentence of reasoning; commit to see the reference, the differences, both reasons and both judgements;
    sketch an ideal ward; save. The work on each ward is kept when the student picks another one."""

    def __init__(self, ward_id: str | None = None):
        self.course = course = load_course()
        self.ward = ward_choice(ward_id)
        self.observations = w.HTML(views.observations_html(course, self.ward.value))
        self.anchors = course.anchors.set_index(["function_id", "score"])[column("anchor")]
        self.function_sliders = sliders_for(PROFILE_IDS)
        self.zingeving_sliders = sliders_for(ZINGEVING_IDS)
        self.condition_sliders = sliders_for(CONDITION_IDS)
        self.ideal_sliders = sliders_for(PROFILE_IDS)
        self.reasons = {item: reason_box(name) for item, name in zip(WARD_ITEMS, item_names(WARD_ITEMS), strict=True)}
        self.anchor_rows = {f: row(self.function_sliders[f], "") for f in PROFILE_IDS}
        self.anchor_labels = {f: self.anchor_rows[f].children[1] for f in PROFILE_IDS}
        self.commit = w.Button(description=t("commit"), button_style="primary", icon="check")
        self.feedback, self.ideal_gap = status(w.HTML()), status(w.HTML())
        self.committed = False
        self.panel, self.ideal_panel = FigurePanel(self.figure()), FigurePanel(self.ideal_figure())
        self.work = WorkPerItem(self.collect, self.restore, self.untouched)
        self.save_box = SaveBox(
            self.work.to_save, self.restore, lambda: [("ward", self.ward.value), ("ideal", self.ward.value)], self.ward
        )
        for slider in self.scored_sliders().values():
            slider.observe(self.on_score, names="value")
        for slider in self.ideal_sliders.values():
            slider.observe(self.update_ideal, names="value")
        self.ward.observe(self.on_ward, names="value")
        self.commit.on_click(self.on_commit)
        self.update()
        descriptions = localized(course.zingeving, "description")
        self.scoring_intro = w.HTML(f"<b>{esc(t('score_functions'))}</b><br><small>{esc(t('reasons_hint'))}</small>")
        scoring_tab = w.VBox(
            [
                self.scoring_intro,
                *[part for f in PROFILE_IDS for part in (self.anchor_rows[f], self.reasons[f])],
                w.HTML(f"<b>{esc(t('score_zingeving'))}</b>"),
                *[
                    part
                    for z in ZINGEVING_IDS
                    for part in (row(self.zingeving_sliders[z], descriptions[z]), self.reasons[z])
                ],
                w.HTML(f"<b>{esc(t('score_conditions'))}</b>"),
                *[part for c in CONDITION_IDS for part in (self.condition_sliders[c], self.reasons[c])],
                self.panel,
                self.commit,
                self.feedback,
            ]
        )
        ideal_tab = w.VBox(
            [w.HTML(esc(t("ideal_intro"))), *self.ideal_sliders.values(), self.ideal_gap, self.ideal_panel]
        )
        self.tabs = w.Tab([scoring_tab, ideal_tab], titles=(t("tab_score"), t("tab_ideal")))
        self.tabs.observe(self.on_tab, names="selected_index")
        super().__init__(
            t("scorer_title"),
            [
                self.ward,
                w.Accordion([self.observations], titles=(t("ward_material"),), selected_index=0),
                self.tabs,
                self.save_box,
            ],
            panels=(self.panel, self.ideal_panel),
            fictional=all_fictional(),
        )

    def describe(self) -> str:
        return f"{ward_label(self.ward.value)}. {self.panel.text}"

    # the worked example is on show (the static site): the sliders stand at the reference, and what the app
    # shows is labelled as the reference, never as the reader's own scoring
    worked = False

    def example(self) -> None:
        """The worked example: the ward's reference scoring with its reasons and its two judgements, labelled as
        the reference (no "your scoring" beside it: the reader has scored nothing)."""
        reference = model.reference_scores(self.course.reference, self.ward.value, WARD_ITEMS)
        self.worked = True
        self.scoring_intro.value = f"<b>{esc(t('score_functions'))}</b><br><small>{esc(t('worked_sliders'))}</small>"
        with self.quietly():
            for item, slider in self.scored_sliders().items():
                slider.value = int(reference[item])
        self.on_commit()

    def static_material(self) -> str:
        return (
            f"<p><i>{esc(t('static_scorer_note'))}</i></p>"
            + views.anchors_html(self.course)
            + views.all_observations_html(self.course)
        )

    def scored_sliders(self) -> dict[str, w.IntSlider]:
        """The eleven sliders of a ward scoring, in the order of ``WARD_ITEMS``."""
        return {**self.function_sliders, **self.zingeving_sliders, **self.condition_sliders}

    def reference(self) -> pd.Series:
        return model.ward_profile(self.course.reference, self.ward.value)

    def real(self) -> tuple[str, pd.Series]:
        """The real ward the ideal is compared with: the reference once committed, else the student's scoring."""
        if self.committed:
            return t("reference_scoring"), self.reference()
        return t("your_scoring"), values(self.function_sliders)

    def figure(self) -> go.Figure:
        profiles = {t("your_scoring"): values(self.function_sliders)}
        if self.worked:
            profiles = {t("reference_scoring"): self.reference()}
        elif self.committed:
            profiles[t("reference_scoring")] = self.reference()
        return plots.radar(profiles, profile_names(), t("scorer_radar_title", ward=names()[self.ward.value]))

    def ideal_figure(self) -> go.Figure:
        label, real = self.real()
        return plots.radar(
            {t("ideal_ward"): values(self.ideal_sliders), label: real}, profile_names(), t("ideal_title")
        )

    def update(self, _=None) -> None:
        self.update_scoring()
        self.update_ideal()

    def on_score(self, change) -> None:
        """A scoring slider moved: until the commit, the ideal is compared with the student's own profile
        (drawn when its tab is shown: one figure to update per move is what keeps a slider instant)."""
        if self.quiet:
            return
        self.update_scoring()
        if not self.committed and change["owner"] in self.function_sliders.values():
            self.ideal_stale = True
            if self.tabs.selected_index == IDEAL_TAB:
                self.update_ideal()

    def on_tab(self, change) -> None:
        if change["new"] == IDEAL_TAB and self.ideal_stale:
            self.update_ideal()

    def update_scoring(self) -> None:
        self.panel.show(self.figure())  # the figure first: the browser draws it before it lays out the text
        for function_id, slider in self.function_sliders.items():
            self.anchor_labels[function_id].value = f"<small>{esc(self.anchors[(function_id, slider.value)])}</small>"
        if self.committed:
            self.show_feedback()

    def update_ideal(self, _=None) -> None:
        if self.quiet:
            return
        self.ideal_stale = False
        self.ideal_panel.show(self.ideal_figure())
        self.ideal_gap.value = esc(
            views.ideal_gap_text(model.ideal_real_gaps(values(self.ideal_sliders), self.real()[1]))
        )

    def show_feedback(self) -> None:
        course, ward_id = self.course, self.ward.value
        profile, conditions = values(self.function_sliders), values(self.condition_sliders)
        zingeving = values(self.zingeving_sliders)
        group_id = course.wards.loc[ward_id, "client_group_id"]
        gaps = model.fit_gaps(profile, model.group_needs(course.needs, group_id))
        reference = model.assess_pairing(
            course.reference, course.needs, course.wards, ward_id, group_id, course.client_groups
        )
        assert reference.verdict is not None and reference.zingeving is not None  # the ward's own group
        if self.worked:
            self.feedback.value = (
                views.reference_html(course, ward_id)
                + views.verdict_html(reference.verdict, t("verdict_reference"))
                + views.zingeving_html(reference.zingeving, t("zingeving_reference"))
            )
            return
        self.feedback.value = (
            views.comparison_html(course, ward_id, values(self.scored_sliders()), self.written_reasons())
            + views.verdict_html(model.equilibrium_verdict(conditions, gaps), t("verdict_yours"))
            + views.verdict_html(reference.verdict, t("verdict_reference"))
            + views.zingeving_html(model.zingeving_reading(zingeving, conditions, profile), t("zingeving_yours"))
            + views.zingeving_html(reference.zingeving, t("zingeving_reference"))
        )

    def on_commit(self, _=None) -> None:
        self.committed = True
        self.update()

    def on_ward(self, change=None) -> None:
        """Another ward: the work on the ward before is kept; this ward starts unscored (every slider at its
        start, no reasons), or as the student left it when they were here before."""
        if change is not None:
            self.work.leave(change["old"])
        self.committed = False
        self.feedback.value = ""
        self.observations.value = views.observations_html(self.course, self.ward.value)
        with self.quietly():
            for slider in (*self.scored_sliders().values(), *self.ideal_sliders.values()):
                slider.value = model.SLIDER_START
            for box in self.reasons.values():
                box.value = ""
        self.update()
        if change is not None:
            self.work.come_back(change["new"])
        self.save_box.offer()

    def written_reasons(self) -> dict[str, str]:
        """The student's reason per item, where they wrote one."""
        return {item: box.value for item, box in self.reasons.items() if box.value.strip()}

    def collect(self) -> Work:
        """The work on the ward on screen: the scoring with its reasons (``reason_<item>``) and whether it was
        committed, and the ideal ward."""
        text = {REASON + item: reason for item, reason in self.written_reasons().items()}
        return [
            (
                "ward",
                self.ward.value,
                {
                    "scores": {k: s.value for k, s in self.scored_sliders().items()},
                    "text": text,
                    "committed": self.committed,
                },
            ),
            ("ideal", self.ward.value, {"scores": {k: s.value for k, s in self.ideal_sliders.items()}}),
        ]

    @staticmethod
    def untouched(work: Work) -> bool:
        """Work that is only what a ward starts with: every slider at its start, no reason, not committed."""
        return all(
            all(score == model.SLIDER_START for score in fields["scores"].values())
            and not fields.get("text")
            and not fields.get("committed")
            for _, _, fields in work
        )

    def restore(self, kind: str, scoring: dict) -> None:
        """Put a saved scoring back; a ward scoring saved committed shows its feedback again (the reference on
        the radar, the differences, the verdicts), one saved uncommitted hides it; an older file that does
        not say leaves the state as it is."""
        sliders = self.ideal_sliders if kind == "ideal" else self.scored_sliders()
        with self.quietly():
            for item, value in scoring["scores"].items():
                if item in sliders:
                    sliders[item].value = value
        self.update()
        if kind == "ward":
            for item, box in self.reasons.items():
                box.value = scoring.get("text", {}).get(REASON + item, "")
        committed = scoring.get("committed") if kind == "ward" else None
        if committed is True:
            self.on_commit()
        elif committed is False and self.committed:
            self.committed = False
            self.feedback.value = ""
            self.update()


class FitExplorer(App):
    """Lesson 04: a ward's profile against a client group's needs — signed gaps and radar — and what the
    course may say of the pair: for the ward's own group the fit, the equilibrium verdict, zingeving and what
    to change; for another group it could admit how close the profile is to their needs; for a group it does
    not admit, that it is not a setting for them, why, and what they need instead."""

    def __init__(self, ward_id: str | None = None, client_group_id: str | None = None):
        self.course = course = load_course()
        self.group_ids = list(course.client_groups.index)
        self.ward = ward_choice(ward_id)
        group_names = names()
        self.group = w.Dropdown(
            options=[(group_names[g], g) for g in self.group_ids],
            value=client_group_id or course.wards.loc[self.ward.value, "client_group_id"],
            description=t("client_group"),
            layout=w.Layout(width="560px"),
        )
        self.details = w.HTML()
        self.table = model.pairing_table(course.reference, course.needs, course.wards, course.client_groups)
        bars, radar = self.figures(self.assessment())
        self.bar_panel, self.radar_panel = FigurePanel(bars), FigurePanel(radar)
        self.ward.observe(self.on_ward, names="value")
        self.group.observe(self.update, names="value")
        self.update()
        super().__init__(
            t("fit_title"),
            [self.ward, self.group, self.bar_panel, self.details, self.radar_panel],
            panels=(self.bar_panel, self.radar_panel),
            fictional=all_fictional(),
        )

    def describe(self) -> str:
        return self.bar_panel.text

    def assessment(self) -> model.PairingAssessment:
        return model.assess_pairing(
            self.course.reference,
            self.course.needs,
            self.course.wards,
            self.ward.value,
            self.group.value,
            self.course.client_groups,
        )

    def figures(self, result: model.PairingAssessment) -> tuple[go.Figure, go.Figure]:
        table = names()
        ward_name, group_name = table[self.ward.value], table[self.group.value]
        title = "fit_bars_title" if result.admitted else "fit_bars_title_not_a_setting"
        bars = plots.gap_bars(
            result.gaps, [table[f] for f in result.gaps.index], t(title, ward=ward_name, group=group_name)
        )
        radar = plots.radar(
            {ward_name: result.gaps["score"], t("need_of", group=group_name): result.gaps["need"]},
            profile_names(),
            t("fit_radar_title"),
        )
        return bars, radar

    def details_html(self, result: model.PairingAssessment) -> str:
        course, ward_id, group_id = self.course, self.ward.value, self.group.value
        if result.verdict is not None and result.zingeving is not None:  # the ward's own client group
            note = course.wards.loc[ward_id, column("benefit_note")]
            changes = views.advice(result.gaps) or [t("advice_none")]
            parts = [
                views.fit_html(result.fit, t("fit_for_group")),
                f"<p><b>{esc(t('own_group_note'))}</b> {esc(note)}</p>",
                views.verdict_html(result.verdict, t("verdict_own_group")),
                views.zingeving_html(result.zingeving, t("zingeving_own_group")),
                f"<p><b>{esc(t('what_to_change'))}</b></p><ul>"
                + "".join(f"<li>{esc(c)}</li>" for c in changes)
                + "</ul>",
            ]
        elif result.admitted:  # another group it could admit: how close the profile is, and no more
            parts = [
                views.level_html(
                    t("profile_for_group"),
                    result.statement,
                    t("statement_" + result.statement),
                    views.point_lines(result.fit.points),
                    t("no_points"),
                ),
                f"<p class='course-fit-only'><i>{esc(t('fit_only'))}</i></p>",
                f"<p>{esc(views.needs_setting_text(course, group_id))}</p>",
            ]
        else:  # not a setting for this group
            reasons = views.barrier_lines(course, ward_id, group_id, result.barriers)
            parts = [
                f"<p><b class='course-bad'>{esc(t('not_a_setting_heading'))}</b></p><ul>"
                + "".join(f"<li>{esc(r)}</li>" for r in reasons)
                + "</ul>",
                f"<p>{esc(course.client_groups.loc[group_id, column('admission')])}</p>",
                f"<p>{esc(views.needs_setting_text(course, group_id))}</p>",
            ]
        table = names()
        lists = model.other_groups(self.table, ward_id)
        parts.append(
            f"<p><b>{esc(t('other_groups_heading'))}</b><br>"
            + "<br>".join(
                f"{esc(t('others_' + statement))} {esc(', '.join(table[g] for g in groups))}"
                for statement, groups in lists.items()
                if groups
            )
            + f"<br><small>{esc(t('fit_caveat'))}</small></p>"
        )
        return "".join(parts)

    def update(self, _=None) -> None:
        result = self.assessment()
        bars, radar = self.figures(result)
        self.bar_panel.show(bars)
        self.radar_panel.show(radar)
        self.details.value = self.details_html(result)

    def on_ward(self, _=None) -> None:
        self.group.value = self.course.wards.loc[self.ward.value, "client_group_id"]
        self.update()


class FitHeatmap(App):
    """Lesson 04: the wards × client groups heat map of fit (mean absolute gap)."""

    def __init__(self) -> None:
        course = load_course()
        # the rows and columns in the course's order, as the printed table (reports.fit_matrix_text) has them
        matrix = model.fit_matrix(
            model.all_profiles(course.reference), course.needs, course.wards.index, course.client_groups.index
        )
        table = model.pairing_table(course.reference, course.needs, course.wards, course.client_groups)
        admitted = table.assign(admitted=table["barriers"] == "").pivot(
            index="ward_id", columns="client_group_id", values="admitted"
        )
        self.panel = FigurePanel(plots.fit_heatmap(matrix, names(), t("heatmap_title"), admitted))
        super().__init__(t("heatmap_title"), [self.panel], panels=(self.panel,), fictional=all_fictional())


REFLECTION_PROMPTS = ("reflect_changed_most", "reflect_eigen_regie", "reflect_staff")


class WardRedesign(App):
    """Lesson 07: move a ward's profile and its expected conditions toward what personal recovery asks;
    see the fit and the equilibrium for its own client group before and after; reflect; save. A redesign and
    its reflections belong to their ward: picking another ward keeps them, coming back brings them back,
    and Save stores each ward's under that ward."""

    def __init__(self, ward_id: str | None = None):
        self.course = load_course()
        self.ward = ward_choice(ward_id)
        self.function_sliders = sliders_for(PROFILE_IDS)
        self.condition_sliders = sliders_for(CONDITION_IDS)
        self.sliders = {**self.function_sliders, **self.condition_sliders}
        self.hint_rows = {f: row(self.function_sliders[f], t("recovery_hint_" + f)) for f in PROFILE_IDS}
        self.reflections = {
            k: w.Textarea(placeholder=t(k), tooltip=t(k), layout=w.Layout(width="95%", height="70px"))
            for k in REFLECTION_PROMPTS
        }
        # the judgements of the ward as it is change with the ward only; those of the redesign and the list
        # of changes with every move, below the figure: the list grows and shrinks as the student moves
        # sliders, and above the figure it moved the figure up and down with it. The redesign's judgements
        # are spoken as they change (a live region), the list is not (it is read where it stands)
        self.judgements_now, self.after_redesign, self.changes = w.HTML(), status(w.HTML()), w.HTML()
        self.before = self.original()
        for item, slider in self.sliders.items():  # the redesign starts from the ward as it is
            slider.value = int(self.before[item])
        # drawn as it starts: a change sent before the page shows the figure is lost (see FigurePanel)
        self.panel = FigurePanel(self.figure(self.redesign()))
        self.work = WorkPerItem(self.collect, self.restore, self.untouched)
        self.save_box = SaveBox(self.work.to_save, self.restore, lambda: [("redesign", self.ward.value)], self.ward)
        self.reset_button = w.Button(description=t("reset"), icon="undo")
        self.reset_button.on_click(self.reset)
        self.ward.observe(self.on_ward, names="value")
        for slider in self.sliders.values():
            slider.observe(self.update, names="value")
        self.reset()
        reflection_box = w.VBox(
            [
                w.HTML(f"<b>{esc(t('reflection'))}</b>"),
                *[w.VBox([w.HTML(esc(t(k))), box]) for k, box in self.reflections.items()],
            ]
        )
        super().__init__(
            t("redesign_app_title"),
            [
                self.ward,
                w.HTML(f"<b>{esc(t('redesign_functions'))}</b>"),
                *self.hint_rows.values(),
                w.HTML(f"<b>{esc(t('redesign_conditions'))}</b>"),
                *self.condition_sliders.values(),
                self.reset_button,
                self.panel,
                self.judgements_now,
                self.after_redesign,
                self.changes,
                reflection_box,
                self.save_box,
            ],
            panels=(self.panel,),
            fictional=all_fictional(),
        )

    def original(self) -> pd.Series:
        return model.reference_scores(self.course.reference, self.ward.value, PROFILE_IDS + CONDITION_IDS)

    def redesign(self) -> pd.Series:
        return values(self.sliders)

    def figure(self, redesign: pd.Series) -> go.Figure:
        name = names()[self.ward.value]
        return plots.radar(
            {t("redesign"): redesign, t("original_of", ward=name): self.before},
            profile_names(),
            t("redesign_title", ward=name),
        )

    def judgement_html(self, scores: pd.Series, label: str) -> str:
        """Fit and equilibrium for the ward's own client group, if the ward had ``scores``."""
        gaps = model.fit_gaps(scores, self.need)  # each model function takes its own items from the scores
        return views.fit_html(model.fit_level(gaps), f"{t('fit_for_group')} ({label})") + views.verdict_html(
            model.equilibrium_verdict(scores, gaps), f"{t('verdict_own_group')} ({label})"
        )

    def update(self, _=None) -> None:
        if self.quiet:
            return
        redesign = self.redesign()
        self.panel.show(self.figure(redesign))
        self.after_redesign.value = self.judgement_html(redesign, t("redesign_after"))
        self.changes.value = views.redesign_changes_html(model.redesign_changes(self.before, redesign))

    def reset(self, _=None) -> None:
        """Start again from the ward as it is (its reference scoring)."""
        self.before = self.original()
        group_id = self.course.wards.loc[self.ward.value, "client_group_id"]
        self.need = model.group_needs(self.course.needs, group_id)
        self.judgements_now.value = f"<p><b>{esc(t('redesign_for_group', group=names()[group_id]))}</b></p>" + (
            self.judgement_html(self.before, t("redesign_now"))
        )
        with self.quietly():
            for item, slider in self.sliders.items():
                slider.value = int(self.before[item])
        self.update()
        self.save_box.offer()

    def on_ward(self, change) -> None:
        """Another ward: the redesign and reflections of the ward before are kept; this ward starts as it is,
        or as the student left it when they were here before."""
        self.work.leave(change["old"])
        for box in self.reflections.values():
            box.value = ""
        self.reset()
        self.work.come_back(change["new"])

    def collect(self) -> Work:
        return [
            (
                "redesign",
                self.ward.value,
                {
                    "scores": {k: s.value for k, s in self.sliders.items()},
                    "text": {k: box.value for k, box in self.reflections.items()},
                },
            )
        ]

    def untouched(self, work: Work) -> bool:
        """A ward left as it is (its reference scoring) with no reflection written."""
        return all(
            not any(text.strip() for text in fields["text"].values())
            and all(
                fields["scores"].get(item) == score
                for item, score in model.reference_scores(
                    self.course.reference, ward_id, PROFILE_IDS + CONDITION_IDS
                ).items()
            )
            for _, ward_id, fields in work
        )

    def restore(self, kind: str, scoring: dict) -> None:
        with self.quietly():
            for item, value in scoring["scores"].items():
                if item in self.sliders:
                    self.sliders[item].value = value
        self.update()
        for key, box in self.reflections.items():
            box.value = scoring["text"].get(key, "")
