"""ipywidgets apps: they wire controls to the model and the plots, nothing more.

Figures are ``go.FigureWidget`` objects updated in place (one batched message per change).
Each app also carries a plain-text description, so a notebook exported to HTML or run
under nbval shows something readable where no live widget can appear.
"""
from __future__ import annotations

import hashlib
import html
import json
import sys
from pathlib import Path
from typing import Callable

# plotly's widget module imports nbformat → jsonschema, which compiles the grammar of the
# optional rfc3987_syntax package at import (about 1.1 s of every lesson's start here). The
# course never checks IRI formats, so jsonschema is told that package is absent.
if "rfc3987_syntax" not in sys.modules:
    sys.modules["rfc3987_syntax"] = None

import ipywidgets as w
import pandas as pd
import plotly.basewidget
import plotly.graph_objects as go
import plotly.utils
import traitlets
from IPython.display import HTML

from helpers import classroom, model, plots
from helpers.data import CONDITION_IDS, PERSPECTIVES, PROFILE_IDS, WARD_ITEMS, ZINGEVING_IDS, load_course, localized
from helpers.student_work import StudentWorkError, check_pseudonym, load_latest, pseudonym_warning, save_scoring
from helpers.text import column, get_language, set_language, t

STYLE = """<style>
.course-app { max-width: 1100px; }
.course-app .course-badge { background:#E69F00; color:#000; border-radius:3px; padding:1px 6px; font-size:85%; }
.course-app .course-good { color:#006d4f; } .course-app .course-bad { color:#b34700; }
.course-app table.course-table { border-collapse: collapse; margin: 4px 0; }
.course-app table.course-table td, .course-app table.course-table th { border-bottom:1px solid #ddd;
  padding:3px 8px; text-align:left; vertical-align:top; }
.course-app tr.course-large-diff { background:#FDE9D9; }
.course-large, .course-large .widget-label, .course-large .widget-readout, .course-large button,
.course-large .widget-dropdown select, .course-large .widget-radio-box label, .course-large textarea,
.course-large input { font-size: 150% !important; line-height: 1.3; }
.course-large .widget-label { width: auto !important; }
.course-large .widget-slider .noUi-handle { transform: scale(1.4); }
</style>"""
PROJECTOR_FONT = 22


def start_lesson() -> None:
    """Set up a lesson notebook: one plotly renderer for JupyterLab, Voila and nbval."""
    import plotly.io as pio

    pio.renderers.default = "plotly_mimetype"


def esc(value: object) -> str:
    """Text made safe to show inside HTML (student free text is always shown through this)."""
    return html.escape(str(value))


PLOTLY_WIDGET_BUNDLE = Path(plotly.basewidget.__file__).parent / "package_data" / "widgetbundle.js"
# plotly's FigureWidget ships its 5 MB JavaScript module with every figure, and the browser
# evaluates it again for each one (about 3.5 s per figure in headless Chromium here). This
# loader evaluates it once per page and shares it between all course figures.
SHARED_MODULE_LOADER = """
const modules = (globalThis.__courseFigureModules ??= new Map());
function load(model) {
  const key = model.get("_bundle_key");
  if (!modules.has(key)) {
    const url = URL.createObjectURL(new Blob([model.get("_bundle")], {type: "text/javascript"}));
    modules.set(key, import(url).then((module) => module.default));
  }
  return modules.get(key);
}
export default () => {
  let widget;
  return {
    async initialize(context) {
      const made = await load(context.model);
      widget = typeof made === "function" ? made() : made;
      return widget.initialize?.(context);
    },
    render(context) { return widget.render(context); },
  };
};
"""


class CourseFigureWidget(go.FigureWidget):
    """A plotly FigureWidget whose JavaScript is evaluated once per page, not once per figure."""

    _esm = SHARED_MODULE_LOADER
    _bundle = traitlets.Unicode().tag(sync=True)
    _bundle_key = traitlets.Unicode().tag(sync=True)

    @traitlets.default("_bundle")
    def _default_bundle(self) -> str:
        return _plotly_bundle()[1]

    @traitlets.default("_bundle_key")
    def _default_bundle_key(self) -> str:
        return _plotly_bundle()[0]


_bundle_cache: list[tuple[str, str]] = []


def _plotly_bundle() -> tuple[str, str]:
    """plotly's widget module and a key for it (read once per kernel)."""
    if not _bundle_cache:
        source = PLOTLY_WIDGET_BUNDLE.read_text(encoding="utf-8")
        _bundle_cache.append((hashlib.sha256(source.encode()).hexdigest()[:16], source))
    return _bundle_cache[0]


class FigurePanel(w.VBox):
    """A live plotly figure with its one-line text summary underneath; ``show`` updates in place,
    sending the browser only the trace and layout properties that changed."""

    def __init__(self, figure: go.Figure):
        self.figure = CourseFigureWidget(figure)
        self.summary = plots.summary(figure)
        self.caption = w.HTML(_caption(self.summary))
        self.large = False
        self._layout = _layout_json(figure)
        super().__init__([self.figure, self.caption])

    def show(self, figure: go.Figure) -> None:
        if self.large:
            figure.update_layout(font_size=PROJECTOR_FONT)
        same_traces = len(self.figure.data) == len(figure.data) and all(
            a.type == b.type for a, b in zip(self.figure.data, figure.data))
        if not same_traces:  # a different set of traces: replace them (outside a batch, as plotly requires)
            self.figure.data = ()
            self.figure.add_traces(list(figure.data))
        layout = _layout_json(figure)
        with self.figure.batch_update():
            if same_traces:
                for live, new in zip(self.figure.data, figure.data):
                    changed = _changed(live.to_plotly_json(), new.to_plotly_json())
                    if changed:
                        live.update(changed)
            if layout != self._layout:
                self.figure.layout.update(json.loads(layout), overwrite=True)
                self._layout = layout
        self.summary = plots.summary(figure)
        self.caption.value = _caption(self.summary)

    def set_large(self, large: bool) -> None:
        self.large = large
        self.figure.layout.font.size = PROJECTOR_FONT if large else plots.FONT["size"]
        self._layout = _layout_json(self.figure)

    @property
    def text(self) -> str:
        return self.summary


def _layout_json(figure: go.Figure) -> str:
    """The layout as JSON text, without the template (set once) and the summary (shown as caption)."""
    layout = figure.layout.to_plotly_json()
    layout.pop("template", None)
    layout.pop("meta", None)
    return json.dumps(layout, sort_keys=True, cls=plotly.utils.PlotlyJSONEncoder)


def _changed(live: dict, new: dict) -> dict:
    """The properties of ``new`` whose values differ from ``live`` (trace ids aside)."""
    def encode(value: object) -> str:
        return json.dumps(value, sort_keys=True, cls=plotly.utils.PlotlyJSONEncoder)
    return {key: value for key, value in new.items()
            if key != "uid" and encode(live.get(key)) != encode(value)}


def _caption(summary: str) -> str:
    return f'<p class="course-figure-summary" style="color:#444">{esc(summary)}</p>'


class App(w.VBox):
    """A course app: a title bar with a projector-mode switch, the app's controls, and a
    plain-text form (``describe``) shown where widgets cannot render (HTML export, nbval)."""

    def __init__(self, title: str, children: list, describe: Callable[[], str] = lambda: "",
                 panels: tuple[FigurePanel, ...] = (), fictional: bool = False):
        self.describe = describe
        self.panels = panels
        self.projector = w.ToggleButton(value=False, description=t("large_font"), icon="television",
                                        layout=w.Layout(width="auto"))
        badge = f' <span class="course-badge">{esc(t("fictional"))}</span>' if fictional else ""
        header = w.HBox([w.HTML(f"<h3 style='margin:4px 0'>{esc(title)}{badge}</h3>",
                                layout=w.Layout(flex="1")), self.projector])
        super().__init__([w.HTML(STYLE), header, *children])
        self.add_class("course-app")
        self.projector.observe(lambda change: self.set_large(change["new"]), names="value")

    def set_large(self, large: bool) -> None:
        """Projector mode: larger text and figure fonts for a classroom."""
        (self.add_class if large else self.remove_class)("course-large")
        for panel in self.panels:
            panel.set_large(large)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.describe() or bundle.get("text/plain", "")
        return bundle


class LanguageSwitch(w.ToggleButtons):
    """Buttons to switch the course language; its static form says what it is."""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = t("language_static")
        return bundle


def language_switch() -> LanguageSwitch:
    """Buttons to switch the course language; widgets made afterwards use the new language."""
    switch = LanguageSwitch(options=[("English", "en"), ("Nederlands", "nl")], value=get_language(),
                            description=t("language"))
    switch.observe(lambda change: set_language(change["new"]), names="value")
    return switch


def score_slider(description: str, value: int = 2) -> w.IntSlider:
    return w.IntSlider(value=value, min=0, max=4, description=description, continuous_update=True,
                       style={"description_width": "330px"}, layout=w.Layout(width="570px"))


def setup_check(function_id: str = "structurering", value: int = 2) -> App:
    """Lesson 00's set-up check: a slider moves one bar of the four profile functions."""
    names = localized(load_course().functions, "name")
    slider = score_slider(names[function_id], value)

    def figure_for(score: int) -> go.Figure:
        values = pd.Series({f: (score if f == function_id else 2) for f in PROFILE_IDS})
        return plots.function_bars(values, t("setup_title"),
                                   t("setup_summary", function=names[function_id], value=score))

    panel = FigurePanel(figure_for(value))
    slider.observe(lambda change: panel.show(figure_for(change["new"])), names="value")
    return App(t("setup_title"), [w.HTML(f"<b>{esc(t('setup_ok'))}</b>"), slider, panel],
               describe=lambda: panel.text, panels=(panel,))


# ---------------------------------------------------------------- saving and loading

class SaveBox(w.VBox):
    """Pseudonym, Save and Load for one app. ``collect`` returns the scorings to save as
    (kind, item_id, fields) tuples; ``restore`` receives a saved scoring by kind."""

    def __init__(self, collect: Callable[[], list[tuple[str, str, dict]]],
                 restore: Callable[[str, dict], None], current: Callable[[], list[tuple[str, str]]]):
        self.collect, self.restore, self.current = collect, restore, current
        self.pseudonym = w.Text(description=t("pseudonym"), placeholder="blue_heron",
                                continuous_update=False, layout=w.Layout(width="320px"))
        self.save_button = w.Button(description=t("save"), icon="save", button_style="primary")
        self.load_button = w.Button(description=t("load"), icon="folder-open")
        self.status = w.HTML(f"<small>{esc(t('pseudonym_hint'))}</small>")
        self.save_button.on_click(lambda _: self.save())
        self.load_button.on_click(lambda _: self.load())
        self.pseudonym.observe(lambda _: self.offer(), names="value")
        super().__init__([w.HBox([self.pseudonym, self.save_button, self.load_button]), self.status])

    def _name(self) -> str | None:
        try:
            name = check_pseudonym(self.pseudonym.value)
        except ValueError:
            self.status.value = f"<span class='course-bad'>{esc(t('pseudonym_invalid'))}</span>"
            return None
        return name

    def _unreadable(self, error: StudentWorkError) -> None:
        self.status.value = f"<span class='course-bad'>{esc(t('file_unreadable', reason=error.reason))}</span>"

    def _warning(self, name: str) -> str:
        warning = pseudonym_warning(name)
        return f" <span class='course-bad'>{esc(t('pseudonym_warning'))}</span>" if warning else ""

    def offer(self) -> None:
        """When the pseudonym has saved work for what is on screen, say so."""
        name = self._name()
        if not name:
            return
        try:
            saved = [s for kind, item in self.current() if (s := load_latest(name, kind, item))]
        except StudentWorkError as error:
            self._unreadable(error)
            return
        message = t("saved_work_found", when=saved[-1]["saved_at"][:16].replace("T", " ")) if saved else \
            t("nothing_saved", pseudonym=name)
        self.status.value = esc(message) + self._warning(name)

    def save(self) -> None:
        name = self._name()
        if not name:
            return
        try:
            for kind, item_id, fields in self.collect():
                path = save_scoring(name, kind, item_id, **fields)
        except StudentWorkError as error:
            self._unreadable(error)
            return
        self.status.value = f"<span class='course-good'>{esc(t('saved_to', path=path))}</span>" + self._warning(name)

    def load(self) -> None:
        name = self._name()
        if not name:
            return
        try:
            found = {kind: s for kind, item in self.current() if (s := load_latest(name, kind, item))}
        except StudentWorkError as error:
            self._unreadable(error)
            return
        if not found:
            self.status.value = esc(t("nothing_saved", pseudonym=name))
            return
        for kind, scoring in found.items():
            self.restore(kind, scoring)
        when = max(s["saved_at"] for s in found.values())[:16].replace("T", " ")
        migrated = any(s.get("retired_scores") for s in found.values())
        self.status.value = (f"<span class='course-good'>{esc(t('loaded_from', when=when))}</span>"
                             + (f"<br><span class='course-bad'>{esc(t('migrated_note'))}</span>" if migrated else ""))


# ---------------------------------------------------------------- lesson 01: equilibrium

def equilibrium_simulation() -> App:
    """Sliders for a small didactic model of members adjusting to each other, with a time plot."""
    style = {"description_width": "260px"}
    layout = w.Layout(width="560px")
    members = w.IntSlider(value=8, min=3, max=20, description=t("sim_members"), style=style, layout=layout)
    disruption = w.FloatSlider(value=0.0, min=0, max=1, step=0.05, description=t("sim_disruption"),
                               style=style, layout=layout)
    pressure = w.FloatSlider(value=0.0, min=0, max=1, step=0.05, description=t("sim_pressure"),
                             style=style, layout=layout)
    care = w.FloatSlider(value=0.7, min=0, max=1, step=0.05, description=t("sim_care"), style=style, layout=layout)
    seed = w.IntSlider(value=1, min=1, max=20, description=t("sim_seed"), style=style, layout=layout)
    presets = {"sim_preset_healthy": (8, 0.0, 0.0, 0.8), "sim_preset_route_a": (8, 0.0, 0.7, 0.7),
               "sim_preset_route_b": (8, 0.8, 0.0, 0.6)}
    buttons = []
    for key, values in presets.items():
        button = w.Button(description=t(key), layout=w.Layout(width="auto"))
        button.on_click(lambda _, values=values: apply(values))
        buttons.append(button)
    verdict = w.HTML()

    def figure() -> go.Figure:
        simulation = model.simulate_equilibrium(members.value, disruption.value, care.value, pressure.value,
                                                seed=seed.value)
        result = model.equilibrium_summary(simulation)
        text = t("sim_summary", state=t(f"verdict_{result['state']}"), mean=result["group_mean"],
                 zero=result["member_0"])
        css = "course-good" if result["state"] == "healthy" else "course-bad"
        verdict.value = f"<b class='{css}'>{esc(text)}</b>"
        return plots.equilibrium_lines(simulation, t("sim_title"), text)

    panel = FigurePanel(figure())
    controls = (members, disruption, pressure, care, seed)

    def apply(values) -> None:
        for control in controls:
            control.unobserve(update, names="value")
        members.value, disruption.value, pressure.value, care.value = values
        for control in controls:
            control.observe(update, names="value")
        update()

    def update(_=None) -> None:
        panel.show(figure())

    for control in controls:
        control.observe(update, names="value")
    return App(t("sim_title"), [w.HTML(f"<i>{esc(t('sim_disclaimer'))}</i>"), w.HBox(buttons), *controls,
                                verdict, panel], describe=lambda: panel.text, panels=(panel,))


# ---------------------------------------------------------------- lessons 02 and 05: quizzes

def quiz(items: pd.DataFrame, text_base: str, key_column: str, options: dict[str, str], title: str,
         chart_title: str) -> App:
    """One item at a time: choose an option, check it, read why; a chart of results so far."""
    answers: dict[str, str] = {}
    ids = list(items.index)
    position = {"index": 0}
    progress, situation, feedback = w.HTML(), w.HTML(), w.HTML()
    choice = w.RadioButtons(options=[(label, value) for value, label in options.items()], value=None,
                            layout=w.Layout(width="auto"))
    check = w.Button(description=t("check_answer"), button_style="primary", icon="check")
    previous = w.Button(description=t("previous"), icon="arrow-left")
    following = w.Button(description=t("next"), icon="arrow-right")
    result = w.HTML()

    def results() -> pd.DataFrame:
        return model.score_answers(items[key_column], pd.Series(answers, dtype=object))

    panel = FigurePanel(plots.quiz_results(results(), options, chart_title))

    def show_item() -> None:
        item_id = ids[position["index"]]
        progress.value = f"<b>{esc(t('quiz_progress', n=position['index'] + 1, total=len(ids)))}</b>"
        situation.value = f"<p style='font-size:110%'>{esc(items.loc[item_id, f'{text_base}_{get_language()}'])}</p>"
        choice.value = answers.get(item_id)
        feedback.value = explain(item_id) if item_id in answers else ""
        previous.disabled = position["index"] == 0
        following.disabled = position["index"] == len(ids) - 1

    def explain(item_id: str) -> str:
        key = items.loc[item_id, key_column]
        right = answers[item_id] == key
        verdict = t("correct") if right else t("incorrect") + f" — {t('key')}: {options[key]}"
        reason = items.loc[item_id, f"reason_{get_language()}"]
        return (f"<p class='{'course-good' if right else 'course-bad'}'><b>{esc(verdict)}</b></p>"
                f"<p><b>{esc(t('reason'))}:</b> {esc(reason)}</p>")

    def on_check(_) -> None:
        if choice.value is None:
            feedback.value = f"<span class='course-bad'>{esc(t('choose_first'))}</span>"
            return
        item_id = ids[position["index"]]
        answers[item_id] = choice.value
        feedback.value = explain(item_id)
        scored = results()
        panel.show(plots.quiz_results(scored, options, chart_title))
        if len(answers) == len(ids):
            result.value = f"<h4>{esc(t('quiz_result', correct=int(scored['correct'].sum()), total=len(ids)))}</h4>"

    def move(step: int) -> None:
        position["index"] = min(max(position["index"] + step, 0), len(ids) - 1)
        show_item()

    check.on_click(on_check)
    previous.on_click(lambda _: move(-1))
    following.on_click(lambda _: move(1))
    show_item()
    return App(title, [progress, situation, choice, w.HBox([check, previous, following]), feedback, result, panel],
               describe=lambda: t("quiz_static", total=len(ids)) + " " + panel.text, panels=(panel,))


def function_quiz() -> App:
    """Lesson 02: which system function is at stake in each ward situation?"""
    course = load_course()
    options = dict(localized(course.functions, "name"))
    return quiz(course.quiz, "situation", "function_id", options, t("quiz_title"), t("quiz_chart_functions"))


def perspective_sorter() -> App:
    """Lesson 05: sort statements into personal and clinical recovery."""
    options = {p: t(f"perspective_{p}") for p in PERSPECTIVES}
    return quiz(load_course().statements, "statement", "perspective", options, t("sorter_title"),
                t("sorter_chart"))


def function_cards() -> HTML:
    """The five functions: name in Dutch and English, role, definition and guiding questions."""
    course = load_course()
    language = get_language()
    zingeving_parts = (f"<b>{esc(t('zingeving_judged_as'))}</b><ul>" + "".join(
        f"<li><b>{esc(row[f'name_{language}'])}</b>: {esc(row[f'description_{language}'])}</li>"
        for _, row in course.zingeving.iterrows()) + "</ul>")
    parts = []
    for function_id, row in course.functions.iterrows():
        questions = course.questions[course.questions["function_id"] == function_id][f"question_{language}"]
        parts.append(
            f"<div style='border-left:4px solid #0072B2;padding:4px 12px;margin:8px 0'>"
            f"<b>{esc(row['name_nl'])}</b> — {esc(row['name_en'])} <i>({esc(t('role_' + row['role']))})</i>"
            f"<p>{esc(row[f'definition_{language}'])}</p>"
            + (zingeving_parts if row["role"] == "meaning" else "")
            + f"<b>{esc(t('guiding_questions'))}</b><ul>"
            + "".join(f"<li>{esc(q)}</li>" for q in questions) + "</ul></div>")
    return HTML("".join(parts))


def dimension_table() -> HTML:
    """The recovery dimensions: perspective, name, CHIME process and description."""
    dimensions = load_course().dimensions
    language = get_language()
    rows = "".join(
        f"<tr><td>{esc(t('perspective_' + row['perspective']))}</td><td><b>{esc(row[f'name_{language}'])}</b></td>"
        f"<td>{esc(row['chime'] or '—')}</td><td>{esc(row[f'description_{language}'])}</td></tr>"
        for _, row in dimensions.iterrows())
    head = "".join(f"<th>{esc(t(k))}</th>" for k in ("perspective", "dimension", "chime", "description"))
    return HTML(f"<table class='course-table'><tr>{head}</tr>{rows}</table>")


# ---------------------------------------------------------------- lesson 03: ward scorer

def ward_label(course, ward_id: str) -> str:
    ward = course.wards.loc[ward_id]
    return f"{ward[f'name_{get_language()}']} — {ward[f'ward_type_{get_language()}']}"


def observations_html(course, ward_id: str) -> str:
    language = get_language()
    ward = course.wards.loc[ward_id]
    group = course.client_groups.loc[ward["client_group_id"]]
    badge = f" <span class='course-badge'>{esc(t('fictional'))}</span>" if ward["fictional"] else ""
    parts = [f"<p>{esc(ward[f'summary_{language}'])}{badge}</p>",
             f"<p><b>{esc(t('client_group'))}:</b> {esc(group[f'name_{language}'])} — "
             f"{esc(group[f'description_{language}'])}</p><b>{esc(t('observations'))}</b>"]
    observations = course.observations[course.observations["ward_id"] == ward_id]
    for function_id, name in localized(course.functions, "name").items():
        items = observations[observations["function_id"] == function_id][f"observation_{language}"]
        parts.append(f"<p style='margin:6px 0 0 0'><b>{esc(name)}</b></p><ul style='margin:0'>"
                     + "".join(f"<li>{esc(o)}</li>" for o in items) + "</ul>")
    return "".join(parts)


GOOD_LEVELS = ("healthy", "fulfilled", "fits")


def _level_html(heading: str, level: str, label: str, lines: list[str], empty: str) -> str:
    css = "course-good" if level in GOOD_LEVELS else "course-bad"
    reasons = "".join(f"<li>{esc(line)}</li>" for line in lines) or f"<li>{esc(empty)}</li>"
    return f"<p><b>{esc(heading)}:</b> <b class='{css}'>{esc(label)}</b></p><ul>{reasons}</ul>"


def point_lines(points: pd.DataFrame) -> list[str]:
    """The strain and serious points of a verdict or fit level, one readable line each."""
    names = dict(zip(WARD_ITEMS, plots.item_names(WARD_ITEMS)))
    lines = []
    for _, point in points.iterrows():
        severity = t(f"severity_{point['severity']}")
        if point["kind"] == "condition":
            lines.append(t("point_condition", item=names[point["item_id"]], score=int(point["score"]), severity=severity))
        else:
            lines.append(t("point_function", item=names[point["item_id"]], score=int(point["score"]),
                           need=int(point["need"]), direction=plots.direction_label(point["direction"], point["words"]),
                           severity=severity))
    return lines


def verdict_html(verdict: model.Judgement, heading: str) -> str:
    """The equilibrium verdict with the points that led to it."""
    return _level_html(heading, verdict.level, t("verdict_" + verdict.level), point_lines(verdict.points), t("no_points"))


def fit_html(fit: model.Judgement, heading: str) -> str:
    """The fit level of a profile for a client group, with its misfits."""
    return _level_html(heading, fit.level, t("fit_" + fit.level), point_lines(fit.points), t("no_points"))


def zingeving_lines(points: pd.DataFrame) -> list[str]:
    """The points of a zingeving reading, one readable line each."""
    names = dict(zip(WARD_ITEMS, plots.item_names(WARD_ITEMS)))
    lines = []
    for _, point in points.iterrows():
        score = int(point["score"])
        if point["kind"] == "zingeving":
            lines.append(t(f"zpoint_{point['item_id']}_{point['severity']}", score=score))
        elif point["kind"] == "goal":
            lines.append(t("zpoint_goal"))
        elif point["kind"] == "condition":
            lines.append(t(f"zpoint_condition_{point['severity']}", item=names[point["item_id"]], score=score))
        else:
            lines.append(t("zpoint_check", item=names[point["item_id"]], score=score))
    return lines


def zingeving_html(reading: model.Judgement, heading: str) -> str:
    """The zingeving reading: experienced and accepted, related to the conditions and the external goal."""
    return _level_html(heading, reading.level, t("zingeving_" + reading.level), zingeving_lines(reading.points),
                       t("no_zingeving_points"))


def comparison_html(course, ward_id: str, student: pd.Series) -> str:
    reference = course.reference[course.reference["ward_id"] == ward_id].set_index("item_id")
    differences = model.score_differences(student, reference["score"])
    names = plots.item_names(list(student.index))
    rows = []
    for name, (item_id, row) in zip(names, differences.iterrows()):
        css = " class='course-large-diff'" if row["large"] else ""
        rows.append(f"<tr{css}><td>{esc(name)}</td><td>{int(row['student'])}</td><td>{int(row['reference'])}</td>"
                    f"<td>{int(row['difference']):+d}</td><td>{esc(reference.loc[item_id, f'reason_{get_language()}'])}</td></tr>")
    head = "".join(f"<th>{esc(t(k))}</th>" for k in ("item", "your_score", "reference_score", "difference", "reason"))
    large = int(differences["large"].sum())
    return (f"<p>{esc(t('differences_summary', large=large))}</p>"
            f"<table class='course-table'><tr>{head}</tr>{''.join(rows)}</table>")


def ideal_gap_text(gaps: pd.DataFrame) -> str:
    """The largest ideal–real differences as one sentence (no total: a sum of a profile means nothing)."""
    largest = gaps[gaps["largest"]]
    if largest.empty:
        return t("ideal_gap_none")
    names = dict(zip(PROFILE_IDS, plots.profile_names()))
    items = ", ".join(t("ideal_gap_item", function=names[f], ideal=int(row["ideal"]), real=int(row["real"]))
                      for f, row in largest.iterrows())
    return t("ideal_gap_largest", items=items)


def ward_scorer(ward_id: str | None = None) -> App:
    """Lesson 03: read a ward's observations; score its profile, zingeving and conditions; compare with the reference."""
    course = load_course()
    ward_ids = list(course.wards.index)
    choose = w.Dropdown(options=[(ward_label(course, i), i) for i in ward_ids], value=ward_id or ward_ids[0],
                        description=t("ward"), layout=w.Layout(width="560px"))
    observations = w.HTML()
    names = dict(zip(WARD_ITEMS, plots.item_names(WARD_ITEMS)))
    anchors = course.anchors.set_index(["function_id", "score"])[f"anchor_{get_language()}"]
    descriptions = localized(course.zingeving, "description")
    function_sliders = {f: score_slider(names[f]) for f in PROFILE_IDS}
    zingeving_sliders = {z: score_slider(names[z]) for z in ZINGEVING_IDS}
    condition_sliders = {c: score_slider(names[c]) for c in CONDITION_IDS}
    ideal_sliders = {f: score_slider(names[f]) for f in PROFILE_IDS}
    anchor_labels = {f: w.HTML(layout=w.Layout(width="480px")) for f in PROFILE_IDS}
    commit = w.Button(description=t("commit"), button_style="primary", icon="check")
    feedback = w.HTML()
    committed = False

    def scores(sliders) -> pd.Series:
        return pd.Series({k: s.value for k, s in sliders.items()}, dtype=float)

    def reference() -> pd.Series:
        return model.ward_profile(course.reference, choose.value)

    def figure(show_reference: bool) -> go.Figure:
        profiles = {t("your_scoring"): scores(function_sliders)}
        if show_reference:
            profiles[t("reference_scoring")] = reference()
        return plots.radar(profiles, t("scorer_radar_title", ward=course.wards.loc[choose.value, f"name_{get_language()}"]))

    def real_profile(show_reference: bool) -> tuple[str, pd.Series]:
        return (t("reference_scoring"), reference()) if show_reference else (t("your_scoring"), scores(function_sliders))

    def ideal_figure(show_reference: bool) -> go.Figure:
        label, real = real_profile(show_reference)
        return plots.radar({t("ideal_ward"): scores(ideal_sliders), label: real}, t("ideal_title"))

    panel, ideal_panel = FigurePanel(figure(False)), FigurePanel(ideal_figure(False))
    ideal_gap = w.HTML()

    def update(_=None) -> None:
        show_reference = committed
        for function_id, slider in function_sliders.items():
            anchor_labels[function_id].value = f"<small>{esc(anchors[(function_id, slider.value)])}</small>"
        panel.show(figure(show_reference))
        ideal_panel.show(ideal_figure(show_reference))
        ideal_gap.value = esc(ideal_gap_text(model.ideal_real_gaps(scores(ideal_sliders), real_profile(show_reference)[1])))
        if show_reference:
            show_feedback()

    def show_feedback() -> None:
        profile, zingeving, conditions = scores(function_sliders), scores(zingeving_sliders), scores(condition_sliders)
        group_id = course.wards.loc[choose.value, "client_group_id"]
        gaps = model.fit_gaps(profile, model.group_needs(course.needs, group_id))
        reference_result = model.assess_pairing(course.reference, course.needs, course.wards, choose.value, group_id)
        feedback.value = (
            comparison_html(course, choose.value, pd.concat([profile, zingeving, conditions]))
            + verdict_html(model.equilibrium_verdict(conditions, gaps), t("verdict_yours"))
            + verdict_html(reference_result.verdict, t("verdict_reference"))
            + zingeving_html(model.zingeving_reading(zingeving, conditions, profile), t("zingeving_yours"))
            + zingeving_html(reference_result.zingeving, t("zingeving_reference")))

    def on_commit(_) -> None:
        nonlocal committed
        committed = True
        update()

    def on_ward(_) -> None:
        nonlocal committed
        committed = False
        feedback.value = ""
        observations.value = observations_html(course, choose.value)
        update()
        save_box.offer()

    def collect() -> list[tuple[str, str, dict]]:
        ward_scores = {k: s.value for k, s in {**function_sliders, **zingeving_sliders, **condition_sliders}.items()}
        return [("ward", choose.value, {"scores": ward_scores}),
                ("ideal", choose.value, {"scores": {k: s.value for k, s in ideal_sliders.items()}})]

    def restore(kind: str, scoring: dict) -> None:
        sliders = ideal_sliders if kind == "ideal" else {**function_sliders, **zingeving_sliders, **condition_sliders}
        for item, value in scoring["scores"].items():
            if item in sliders:
                sliders[item].value = value

    save_box = SaveBox(collect, restore, lambda: [("ward", choose.value), ("ideal", choose.value)])
    for slider in [*function_sliders.values(), *zingeving_sliders.values(), *condition_sliders.values(),
                   *ideal_sliders.values()]:
        slider.observe(update, names="value")
    choose.observe(on_ward, names="value")
    commit.on_click(on_commit)
    observations.value = observations_html(course, choose.value)
    update()

    scoring_tab = w.VBox([
        w.HTML(f"<b>{esc(t('score_functions'))}</b>"),
        *[w.HBox([function_sliders[f], anchor_labels[f]]) for f in PROFILE_IDS],
        w.HTML(f"<b>{esc(t('score_zingeving'))}</b>"),
        *[w.HBox([zingeving_sliders[z], w.HTML(f"<small>{esc(descriptions[z])}</small>", layout=w.Layout(width="480px"))])
          for z in ZINGEVING_IDS],
        w.HTML(f"<b>{esc(t('score_conditions'))}</b>"), *condition_sliders.values(),
        panel, commit, feedback])
    ideal_tab = w.VBox([w.HTML(esc(t("ideal_intro"))), *ideal_sliders.values(), ideal_gap, ideal_panel])
    tabs = w.Tab([scoring_tab, ideal_tab])
    tabs.set_title(0, t("tab_score"))
    tabs.set_title(1, t("tab_ideal"))
    return App(t("scorer_title"), [choose, w.Accordion([observations], titles=(t("observations"),), selected_index=0),
                                   tabs, save_box],
               describe=lambda: f"{ward_label(course, choose.value)}. {panel.text}", panels=(panel, ideal_panel),
               fictional=bool(course.wards["fictional"].all()))


# ---------------------------------------------------------------- lesson 04: fit

def advice(gaps: pd.DataFrame) -> list[str]:
    """What a sociotherapist would change, per misfitting function, in words that suit the function."""
    return [t(f"advice_{row['direction']}_{function_id}", steps=int(row["steps"]), score=int(row["score"]),
              need=int(row["need"]))
            for function_id, row in model.adjustments(gaps).iterrows()]


def fit_explorer(ward_id: str | None = None, client_group_id: str | None = None) -> App:
    """Lesson 04: a ward's profile against a client group's needs: signed gaps, radar, fit, and — for the
    ward's own group only — the equilibrium verdict and zingeving."""
    course = load_course()
    ward_ids, group_ids = list(course.wards.index), list(course.client_groups.index)
    choose_ward = w.Dropdown(options=[(ward_label(course, i), i) for i in ward_ids], value=ward_id or ward_ids[0],
                             description=t("ward"), layout=w.Layout(width="560px"))
    group_names = localized(course.client_groups, "name")
    choose_group = w.Dropdown(options=[(group_names[g], g) for g in group_ids],
                              value=client_group_id or course.wards.loc[choose_ward.value, "client_group_id"],
                              description=t("client_group"), layout=w.Layout(width="560px"))
    details = w.HTML()
    table = model.pairing_table(course.reference, course.needs, course.wards, group_ids)

    def assessment() -> model.PairingAssessment:
        return model.assess_pairing(course.reference, course.needs, course.wards, choose_ward.value, choose_group.value)

    def figures(result: model.PairingAssessment) -> tuple[go.Figure, go.Figure]:
        ward_name = course.wards.loc[choose_ward.value, f"name_{get_language()}"]
        group_name = group_names[choose_group.value]
        bars = plots.gap_bars(result.gaps, t("fit_bars_title", ward=ward_name, group=group_name))
        radar = plots.radar({ward_name: result.gaps["score"], t("need_of", group=group_name): result.gaps["need"]},
                            t("fit_radar_title"))
        return bars, radar

    first = assessment()
    bar_panel, radar_panel = (FigurePanel(f) for f in figures(first))

    def details_html(result: model.PairingAssessment) -> str:
        parts = [fit_html(result.fit, t("fit_for_group"))]
        if result.own_group:
            note = course.wards.loc[choose_ward.value, f"benefit_note_{get_language()}"]
            parts += [f"<p><b>{esc(t('own_group_note'))}</b> {esc(note)}</p>",
                      verdict_html(result.verdict, t("verdict_own_group")),
                      zingeving_html(result.zingeving, t("zingeving_own_group"))]
        else:
            parts.append(f"<p class='course-fit-only'><i>{esc(t('fit_only'))}</i></p>")
        lists = model.groups_by_benefit(table, choose_ward.value)
        parts.append(f"<p><b>{esc(t('benefit_heading'))}</b><br>" + "<br>".join(
            f"{esc(t('benefits_' + benefit))} {esc(', '.join(group_names[g] for g in groups) or '—')}"
            for benefit, groups in lists.items()) + f"<br><small>{esc(t('fit_caveat'))}</small></p>")
        changes = advice(result.gaps) or [t("advice_none")]
        parts.append(f"<p><b>{esc(t('what_to_change'))}</b></p><ul>"
                     + "".join(f"<li>{esc(c)}</li>" for c in changes) + "</ul>")
        return "".join(parts)

    def update(_=None) -> None:
        result = assessment()
        bars, radar = figures(result)
        bar_panel.show(bars)
        radar_panel.show(radar)
        details.value = details_html(result)

    def on_ward(_) -> None:
        choose_group.value = course.wards.loc[choose_ward.value, "client_group_id"]
        update()

    choose_ward.observe(on_ward, names="value")
    choose_group.observe(update, names="value")
    update()
    return App(t("fit_title"), [choose_ward, choose_group, bar_panel, details, radar_panel],
               describe=lambda: bar_panel.text, panels=(bar_panel, radar_panel), fictional=bool(course.wards["fictional"].all()))


def _point_text(lines: list[str], empty: str) -> list[str]:
    return [f"  - {line}" for line in lines] or [f"  - {empty}"]


def assessment_text(ward_id: str, client_group_id: str) -> str:
    """A plain-text report of a ward for a client group: the fit per function, and — for the ward's own
    group — the equilibrium verdict and the zingeving reading, each with its reasons (display names)."""
    course = load_course()
    result = model.assess_pairing(course.reference, course.needs, course.wards, ward_id, client_group_id)
    ward = course.wards.loc[ward_id, column("name")]
    group = course.client_groups.loc[client_group_id, column("name")]
    names = dict(zip(PROFILE_IDS, plots.profile_names()))
    width = max(len(n) for n in names.values())
    lines = [f"{ward} — {group}" + (f" ({t('own_group_note').rstrip(':').lower()})" if result.own_group else "")]
    for function_id, row in result.gaps.iterrows():
        judged = plots.direction_label(row["direction"], row["words"])
        if row["severity"] in ("strain", "serious"):
            judged += f": {t('severity_' + row['severity'])}"
        lines.append(f"  {names[function_id]:<{width}}  {t('ward').lower()} {int(row['score'])}  "
                     f"{t('need').lower()} {int(row['need'])}  {int(row['gap']):+d}  {judged}")
    lines.append(f"{t('fit_for_group')}: {t('fit_' + result.fit.level)}")
    if not result.own_group:
        lines.append(t("fit_only"))
        return "\n".join(lines)
    lines.append(f"{t('verdict_own_group')}: {t('verdict_' + result.verdict.level)}")
    lines += _point_text(point_lines(result.verdict.points), t("no_points"))
    lines.append(f"{t('zingeving_own_group')}: {t('zingeving_' + result.zingeving.level)}")
    lines += _point_text(zingeving_lines(result.zingeving.points), t("no_zingeving_points"))
    return "\n".join(lines)


def needs_text() -> str:
    """The client groups' needs per profile function, then the reason to exist each group can share, as text."""
    course = load_course()
    names = plots.profile_names()
    groups = localized(course.client_groups, "name")
    width = max(len(g) for g in groups)
    lines = [" " * width + "  " + "  ".join(names)]
    for group_id, name in groups.items():
        needs = model.group_needs(course.needs, group_id)
        lines.append(f"{name:<{width}}  " + "  ".join(f"{int(v):^{len(n)}}" for v, n in zip(needs, names)))
    lines += ["", t("shared_reason_heading")]
    lines += [f"  {name}: {course.client_groups.loc[g, column('shared_reason')]}" for g, name in groups.items()]
    return "\n".join(lines)


def fit_matrix_text() -> str:
    """The wards × client groups table of mean absolute gaps, with display names (rows: wards)."""
    course = load_course()
    matrix = model.fit_matrix(model.all_profiles(course.reference), course.needs)
    matrix = matrix.reindex(index=course.wards.index, columns=course.client_groups.index)
    wards, groups = localized(course.wards, "name"), localized(course.client_groups, "name")
    width = max(len(w) for w in wards)
    lines = [t("mean_gap_table")]
    lines += [f"  {i + 1}. {g}" for i, g in enumerate(groups)]
    lines.append(" " * width + "".join(f"{i + 1:>6}" for i in range(len(groups))))
    for ward_id, name in wards.items():
        lines.append(f"{name:<{width}}" + "".join(f"{v:>6.2f}" for v in matrix.loc[ward_id]))
    return "\n".join(lines)


def fit_heatmap() -> App:
    """Lesson 04: the wards × client groups heat map of fit (mean absolute gap)."""
    course = load_course()
    matrix = model.fit_matrix(model.all_profiles(course.reference), course.needs)
    panel = FigurePanel(plots.fit_heatmap(matrix, t("heatmap_title")))
    return App(t("heatmap_title"), [panel], describe=lambda: panel.text, panels=(panel,),
               fictional=bool(course.wards["fictional"].all()))


# ---------------------------------------------------------------- lesson 06: vignettes

def mark(agrees: bool, what: str) -> str:
    """✔ or ✘ with what was judged (orientation, dimension)."""
    return (f"<span class='course-good'>✔ {esc(what)}</span>" if agrees
            else f"<span class='course-bad'>✘ {esc(what)}</span>")


def vignette_scorer(vignette_id: str | None = None) -> App:
    """Lesson 06: tag each move of a case vignette as personal or clinical, then compare with the key."""
    course = load_course()
    vignettes = course.vignettes
    ids = list(vignettes)
    language = get_language()
    choose = w.Dropdown(options=[(getattr(vignettes[i], f"title_{language}"), i) for i in ids],
                        value=vignette_id or ids[0], description=t("vignette"), layout=w.Layout(width="560px"))
    setting, moves_box, agreement, summary = w.HTML(), w.VBox(), w.HTML(), w.HTML()
    dimension_names = localized(course.dimensions, "name")
    rows: dict[int, tuple[w.ToggleButtons, w.Dropdown, w.HTML]] = {}
    committed = {"done": False}
    commit = w.Button(description=t("commit"), button_style="primary", icon="check")
    rewrite_move = w.Dropdown(description=t("rewrite_move"), layout=w.Layout(width="560px"))
    rewrite = w.Textarea(placeholder=t("rewrite_placeholder"), layout=w.Layout(width="95%", height="90px"))
    rewrite_preview = w.HTML()

    def moves() -> pd.DataFrame:
        return vignettes[choose.value].moves

    def tags() -> pd.DataFrame:
        return pd.DataFrame({"orientation": {m: r[0].value or "" for m, r in rows.items()},
                             "dimension": {m: r[1].value or "" for m, r in rows.items()}})

    def figure() -> go.Figure:
        series = {t("your_tags"): model.dimension_counts(tags()["dimension"], course.dimensions)}
        if committed["done"]:
            series[t("key_tags")] = model.dimension_counts(moves()["dimension"], course.dimensions)
        return plots.dimension_bars(series, t("vignette_chart", title=getattr(vignettes[choose.value],
                                                                                f"title_{get_language()}")))

    panel = FigurePanel(figure())

    def dimension_options(orientation: str) -> list[tuple[str, str]]:
        chosen = course.dimensions.index if not orientation else \
            course.dimensions.index[course.dimensions["perspective"] == orientation]
        return [(t("no_dimension"), "")] + [(dimension_names[d], d) for d in chosen]

    def build() -> None:
        vignette = vignettes[choose.value]
        badge = f" <span class='course-badge'>{esc(t('fictional'))}</span>" if vignette.fictional else ""
        setting.value = f"<p>{esc(getattr(vignette, f'setting_{get_language()}'))}{badge}</p>"
        rows.clear()
        children = []
        for move, row in vignette.moves.iterrows():
            orientation = w.ToggleButtons(options=[(t(f"perspective_{p}"), p) for p in PERSPECTIVES], value=None,
                                          style={"button_width": "110px"})
            dimension = w.Dropdown(options=dimension_options(""), value="", layout=w.Layout(width="260px"))
            feedback = w.HTML()

            def on_orientation(change, dimension=dimension) -> None:
                keep = dimension.value
                dimension.options = dimension_options(change["new"] or "")
                dimension.value = keep if keep in [v for _, v in dimension.options] else ""
                refresh()

            orientation.observe(on_orientation, names="value")
            dimension.observe(lambda _: refresh(), names="value")
            rows[move] = (orientation, dimension, feedback)
            text = (f"<b>{move}. {esc(row[f'actor_{get_language()}'])}</b> — "
                    f"{esc(row[f'text_{get_language()}'])}")
            children.append(w.VBox([w.HTML(text), w.HBox([orientation, dimension]), feedback],
                                   layout=w.Layout(border_bottom="1px solid #ddd", padding="4px 0")))
        moves_box.children = children
        clinical = vignette.moves[vignette.moves["key"] == "clinical"]
        rewrite_move.options = [(f"{m}. {r[f'actor_{get_language()}']}", str(m)) for m, r in clinical.iterrows()] \
            or [(t("no_clinical_moves"), "")]
        rewrite_move.value = rewrite_move.options[0][1]
        agreement.value = summary.value = rewrite_preview.value = ""

    def refresh() -> None:
        panel.show(figure())
        if committed["done"]:
            show_feedback()

    def show_feedback() -> None:
        scored = model.score_vignette(moves(), tags(), course.dimensions)
        for move, row in scored.iterrows():
            reason = moves().loc[move, f"reason_{get_language()}"]
            key = f"{t('perspective_' + row['key'])} · {dimension_names[row['key_dimension']]}"
            if not row["answered"]:
                orientation = f"<span class='course-bad'>{esc(t('not_tagged'))}</span>"
            else:
                orientation = mark(bool(row["orientation_agrees"]), t("orientation"))
            dimension = (f"<span>— {esc(t('dimension_none_chosen'))}</span>" if pd.isna(row["dimension_agrees"])
                         else mark(row["dimension_agrees"] == 1, t("dimension").lower()))
            rows[move][2].value = (f"{orientation} · {dimension} — {esc(t('key'))}: <b>{esc(key)}</b>. "
                                   f"{esc(reason)}")
        counts = model.vignette_agreement_counts(scored)
        lines = [t("vignette_orientation_agreement", right=counts["orientation_agrees"], total=counts["moves"],
                   share=round(model.orientation_share(scored) * 100))]
        lines.append(t("vignette_dimension_agreement", chosen=counts["dimension_chosen"], total=counts["moves"],
                       right=counts["dimension_agrees"])
                     if counts["dimension_chosen"] else t("vignette_no_dimension"))
        agreement.value = "<h4>" + "<br>".join(esc(line) for line in lines) + "</h4>"
        result = model.orientation_summary(moves(), course.dimensions)
        touched = [dimension_names[d] for d, n in result["per_dimension"].items() if n]
        summary.value = esc(t("vignette_summary", share=round(result["personal_share"] * 100),
                              setter=t(f"goal_setter_{result['goal_setter']}"), dimensions=", ".join(touched)))

    def on_commit(_) -> None:
        committed["done"] = True
        refresh()

    def on_vignette(_) -> None:
        committed["done"] = False
        build()
        refresh()
        save_box.offer()

    def collect() -> list[tuple[str, str, dict]]:
        tagged = {str(m): {"orientation": r[0].value or "", "dimension": r[1].value or ""} for m, r in rows.items()}
        text = {"rewrite_move": rewrite_move.value or "", "rewrite": rewrite.value}
        return [("vignette", choose.value, {"tags": tagged, "text": text})]

    def restore(kind: str, scoring: dict) -> None:
        for move, tag in scoring["tags"].items():
            if int(move) in rows:
                rows[int(move)][0].value = tag.get("orientation") or None
                rows[int(move)][1].value = tag.get("dimension", "")
        if scoring["text"].get("rewrite_move") in [v for _, v in rewrite_move.options]:
            rewrite_move.value = scoring["text"]["rewrite_move"]
        rewrite.value = scoring["text"].get("rewrite", "")

    def on_rewrite(_=None) -> None:
        rewrite_preview.value = (f"<p><b>{esc(t('your_rewrite'))}</b> {esc(rewrite.value)}</p>"
                                 if rewrite.value.strip() else "")

    save_box = SaveBox(collect, restore, lambda: [("vignette", choose.value)])
    choose.observe(on_vignette, names="value")
    commit.on_click(on_commit)
    rewrite.observe(on_rewrite, names="value")
    build()
    refresh()
    rewrite_section = w.VBox([w.HTML(f"<b>{esc(t('rewrite_title'))}</b>"), rewrite_move, rewrite, rewrite_preview])
    return App(t("vignette_title"), [choose, setting, moves_box, commit, agreement, summary, panel,
                                     rewrite_section, save_box],
               describe=lambda: panel.text, panels=(panel,), fictional=all(v.fictional for v in vignettes.values()))


# ---------------------------------------------------------------- lesson 07: redesign

REFLECTION_PROMPTS = ("reflect_changed_most", "reflect_eigen_regie", "reflect_staff")


def ward_redesign(ward_id: str | None = None) -> App:
    """Lesson 07: move a ward's profile and its expected conditions toward what personal recovery asks;
    see the fit and the equilibrium for its own client group before and after; reflect."""
    course = load_course()
    ward_ids = list(course.wards.index)
    choose = w.Dropdown(options=[(ward_label(course, i), i) for i in ward_ids], value=ward_id or ward_ids[0],
                        description=t("ward"), layout=w.Layout(width="560px"))
    names = dict(zip(WARD_ITEMS, plots.item_names(WARD_ITEMS)))
    function_sliders = {f: score_slider(names[f]) for f in PROFILE_IDS}
    condition_sliders = {c: score_slider(names[c]) for c in CONDITION_IDS}
    hints = {f: w.HTML(f"<small>{esc(t('recovery_hint_' + f))}</small>", layout=w.Layout(width="480px"))
             for f in PROFILE_IDS}
    reflections = {k: w.Textarea(placeholder=t(k), layout=w.Layout(width="95%", height="70px"))
                   for k in REFLECTION_PROMPTS}
    changes, judgements = w.HTML(), w.HTML()
    sliders = {**function_sliders, **condition_sliders}

    def original() -> pd.Series:
        return model.reference_scores(course.reference, choose.value, PROFILE_IDS + CONDITION_IDS)

    def redesign() -> pd.Series:
        return pd.Series({k: s.value for k, s in sliders.items()}, dtype=float)

    def figure() -> go.Figure:
        name = course.wards.loc[choose.value, f"name_{get_language()}"]
        return plots.radar({t("redesign"): redesign(), t("original_of", ward=name): original()},
                           t("redesign_title", ward=name))

    panel = FigurePanel(figure())

    def judgements_html() -> str:
        group_id = course.wards.loc[choose.value, "client_group_id"]
        need = model.group_needs(course.needs, group_id)
        parts = [f"<p><b>{esc(t('redesign_for_group', group=localized(course.client_groups, 'name')[group_id]))}</b></p>"]
        for label, scores in ((t("redesign_now"), original()), (t("redesign_after"), redesign())):
            gaps = model.fit_gaps(scores[list(PROFILE_IDS)], need)
            parts.append(fit_html(model.fit_level(gaps), f"{t('fit_for_group')} ({label})")
                         + verdict_html(model.equilibrium_verdict(scores[list(CONDITION_IDS)], gaps),
                                        f"{t('verdict_own_group')} ({label})"))
        return "".join(parts)

    def update(_=None) -> None:
        panel.show(figure())
        moved = model.redesign_changes(original(), redesign())
        changes.value = ("<ul>" + "".join(
            f"<li>{esc(t('redesign_change', function=names[item], before=int(row['before']), after=int(row['after'])))}</li>"
            for item, row in moved.iterrows()) + "</ul>") if len(moved) else esc(t("redesign_unchanged"))
        judgements.value = judgements_html()

    def reset(_=None) -> None:
        for item, slider in sliders.items():
            slider.unobserve(update, names="value")
            slider.value = int(original()[item])
            slider.observe(update, names="value")
        update()
        save_box.offer()

    def collect() -> list[tuple[str, str, dict]]:
        return [("redesign", choose.value, {"scores": {k: s.value for k, s in sliders.items()},
                                            "text": {k: box.value for k, box in reflections.items()}})]

    def restore(kind: str, scoring: dict) -> None:
        for item, value in scoring["scores"].items():
            if item in sliders:
                sliders[item].value = value
        for key, box in reflections.items():
            box.value = scoring["text"].get(key, "")

    save_box = SaveBox(collect, restore, lambda: [("redesign", choose.value)])
    reset_button = w.Button(description=t("reset"), icon="undo")
    reset_button.on_click(reset)
    choose.observe(reset, names="value")
    for slider in sliders.values():
        slider.observe(update, names="value")
    reset()
    reflection_box = w.VBox([w.HTML(f"<b>{esc(t('reflection'))}</b>"),
                             *[w.VBox([w.HTML(esc(t(k))), box]) for k, box in reflections.items()]])
    return App(t("redesign_app_title"),
               [choose, w.HTML(f"<b>{esc(t('redesign_functions'))}</b>"),
                *[w.HBox([function_sliders[f], hints[f]]) for f in PROFILE_IDS],
                w.HTML(f"<b>{esc(t('redesign_conditions'))}</b>"), *condition_sliders.values(),
                reset_button, changes, panel, judgements, reflection_box, save_box],
               describe=lambda: panel.text, panels=(panel,), fictional=bool(course.wards["fictional"].all()))


# ---------------------------------------------------------------- lecturer: class dashboard

def _table(frame: pd.DataFrame, headers: list[str]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in frame.itertuples(index=False))
    return f"<table class='course-table'><tr>{head}</tr>{body}</table>"


def class_report(work: classroom.ClassWork) -> str:
    """What was loaded, what could not be used and why, and pseudonyms that look like real names."""
    parts = [f"<p><b>{esc(t('dashboard_loaded', students=work.students, sources=len(work.sources)))}</b></p>"]
    if len(work.problems):
        parts.append(f"<p class='course-bad'><b>{esc(t('dashboard_problems', count=len(work.problems)))}</b></p>"
                     + _table(work.problems, [t("source"), t("reason_column")]))
    else:
        parts.append(f"<p class='course-good'>{esc(t('dashboard_no_problems'))}</p>")
    if len(work.notes):
        parts.append(f"<p><b>{esc(t('dashboard_notes'))}</b></p>" + _table(work.notes, [t("source"), t("note_column")]))
    if len(work.warnings):
        parts.append(f"<p class='course-bad'><b>{esc(t('dashboard_name_warning'))}</b></p>"
                     + _table(work.warnings[["source", "pseudonym"]], [t("source"), t("pseudonym")]))
    return "".join(parts)


def class_dashboard(source: str | None = None) -> App:
    """Lecturer dashboard: a class's saved scorings, agreement with the reference and among students."""
    course = load_course()
    default = source or str(course.folder / "class_demo")
    path = w.Text(value=default, description=t("dashboard_source"), layout=w.Layout(width="640px"),
                  style={"description_width": "initial"})
    load_button = w.Button(description=t("dashboard_load"), icon="refresh", button_style="primary")
    report = w.HTML()
    ward_names = localized(course.wards, "name")
    choose_ward = w.Dropdown(options=[(n, i) for i, n in ward_names.items()], description=t("ward"),
                             layout=w.Layout(width="480px"))
    choose_vignette = w.Dropdown(options=[(getattr(v, f"title_{get_language()}"), i) for i, v in course.vignettes.items()],
                                 description=t("vignette"), layout=w.Layout(width="560px"))
    ward_table, agreement_table, prompts, vignette_table = w.HTML(), w.HTML(), w.HTML(), w.HTML()
    state: dict[str, object] = {}
    labels = {**dict(ward_names), **dict(zip(WARD_ITEMS, plots.item_names(WARD_ITEMS)))}

    def ward_figure() -> go.Figure:
        work = state["work"]
        stats = model.class_vs_reference(work.ward_scores, course.reference, choose_ward.value)
        scores = work.ward_scores[work.ward_scores["ward_id"] == choose_ward.value]
        ward_table.value = _table(stats.reset_index().assign(item_id=lambda f: [labels[i] for i in f["item_id"]])
                                  [["item_id", "students", "mean", "sd", "reference", "difference"]],
                                  [t("item"), t("students"), t("class_mean"), "sd", t("reference_score"),
                                   t("difference")])
        return plots.class_distribution(stats, scores, t("dashboard_ward_title", ward=ward_names[choose_ward.value]))

    def vignette_figure() -> go.Figure:
        work = state["work"]
        vignette = course.vignettes[choose_vignette.value]
        tags = work.vignette_tags[work.vignette_tags["vignette_id"] == choose_vignette.value]
        agreement = model.move_agreement(tags, vignette.moves)
        top = model.discussion_prompts(agreement)
        language = get_language()
        items = []
        for move, row in top.iterrows():
            text = vignette.moves.loc[move]
            items.append(f"<li><b>{esc(t('move'))} {move}</b> — {esc(text[f'actor_{language}'])}: "
                         f"{esc(text[f'text_{language}'])}<br><i>{esc(t('prompt_split', personal=round(row['personal'] * 100), agree=round(row['agree_with_key'] * 100), orientation=t('perspective_' + row['key'])))}</i>"
                         f"<br>{esc(t('reason'))}: {esc(text[f'reason_{language}'])}</li>")
        prompts.value = (f"<b>{esc(t('discussion_prompts'))}</b><ol>" + "".join(items) + "</ol>") if items else \
            esc(t("dashboard_no_tags"))
        return plots.move_agreement_bars(agreement, t("dashboard_vignette_title",
                                                      title=getattr(vignette, f"title_{language}")))

    def load(_=None) -> None:
        work = classroom.load_class(path.value, course)
        state["work"] = work
        report.value = class_report(work)
        agreement = model.ward_agreement(work.ward_scores)
        figures = (ward_figure(), vignette_figure(), plots.agreement_bars(agreement, labels, t("dashboard_alpha_title")))
        agreement_table.value = _table(
            agreement.assign(id=lambda f: [labels.get(i, i) for i in f["id"]], scope=lambda f: [t(f"scope_{s}") for s in f["scope"]]),
            [t("scope"), t("item"), t("students"), t("units"), "α"])
        vignette_rows = model.vignette_agreement(work.vignette_tags, course.vignettes)
        vignette_table.value = _table(vignette_rows.assign(vignette_id=lambda f: [
            getattr(course.vignettes[v], f"title_{get_language()}") for v in f["vignette_id"]]),
            [t("vignette"), t("students"), t("agree_share"), "α"])
        if "panels" not in state:
            state["panels"] = tuple(FigurePanel(figure) for figure in figures)
        else:
            for panel, figure in zip(state["panels"], figures):
                panel.show(figure)

    load()
    ward_panel, vignette_panel, agreement_panel = state["panels"]
    load_button.on_click(load)
    choose_ward.observe(lambda _: ward_panel.show(ward_figure()), names="value")
    choose_vignette.observe(lambda _: vignette_panel.show(vignette_figure()), names="value")
    wards_tab = w.VBox([choose_ward, ward_panel, ward_table, w.HTML(f"<b>{esc(t('dashboard_alpha_title'))}</b>"),
                        w.HTML(f"<small>{esc(t('alpha_explained'))}</small>"), agreement_panel, agreement_table])
    vignettes_tab = w.VBox([vignette_table, choose_vignette, vignette_panel, prompts])
    tabs = w.Tab([wards_tab, vignettes_tab])
    tabs.set_title(0, t("tab_wards"))
    tabs.set_title(1, t("tab_vignettes"))
    return App(t("dashboard_title"), [w.HBox([path, load_button]), report, tabs],
               describe=lambda: " ".join(p.text for p in (ward_panel, agreement_panel, vignette_panel)),
               panels=(ward_panel, vignette_panel, agreement_panel))
