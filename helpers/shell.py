"""The frame every course app shares: title bar, projector mode, static text form, sliders, language.

Every app is an :class:`App`: a title (with a "fictional" badge where the data says so), a
projector-mode switch for the classroom, the app's own controls, and a plain-text description
(:meth:`App.describe`) shown where no live widget can appear (an exported page, nbval).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import anywidget
import ipywidgets as w

from helpers.figures import FigurePanel
from helpers.model import SLIDER_START
from helpers.student_work import save_language, saved_language
from helpers.text import get_language, set_language, t
from helpers.views import esc

DUTCH_FOLDER = "nl"  # lessons in notebooks/nl/ are the Dutch lessons

STYLE = """<style>
.course-app { max-width: 1100px; }
.course-app .course-badge { background:#E69F00; color:#000; border-radius:3px; padding:1px 6px; font-size:85%; }
.course-app .course-good { color:#006d4f; } .course-app .course-bad { color:#b34700; }
.course-app table.course-table { border-collapse: collapse; margin: 4px 0; }
.course-app table.course-table td, .course-app table.course-table th { border-bottom:1px solid #ddd;
  padding:3px 8px; text-align:left; vertical-align:top; }
.course-app tr.course-large-diff { background:#FDE9D9; }
.course-app .widget-html-content { line-height: 1.45; }
.course-app .widget-slider { max-width: 100%; }
.course-app .widget-slider .slider-container { min-width: 120px; }
.course-app .widget-hbox { flex-wrap: wrap; }
.course-app .course-row { align-items: flex-start; column-gap: 8px; }
.course-app .course-row > .widget-slider { flex: 0 1 auto; }
.course-app .course-row > .widget-html { flex: 1 1 280px; min-width: 280px; max-width: 100%; }
.course-app .widget-button, .course-app .widget-toggle-button { width: auto; min-width: 110px; padding: 0 12px; }
.course-app .widget-dropdown > .widget-label, .course-app .widget-text > .widget-label { width: auto;
  min-width: var(--jp-widgets-inline-label-width); max-width: none; padding-right: 6px; }
.course-app .lm-TabBar-tab, .course-app .lm-TabBar-tabLabel { color: #333 !important; }
.course-app .jupyter-button.mod-active { background: #0072B2; color: #fff; font-weight: bold;
  box-shadow: inset 0 0 0 2px #003f63; }
/* a visible focus on every control (ipywidgets draws none on text boxes and a 1 px one on buttons) */
.course-app :focus-visible, .course-app.course-app input:focus-visible, .course-app.course-app textarea:focus-visible,
.course-app .noUi-handle:focus, .course-app .lm-TabBar-tab:focus {
  outline: 3px solid #0072B2 !important; outline-offset: 1px; }
.course-app .js-plotly-plot .plotly .modebar:focus-within { opacity: 1; }
.course-large { --jp-widgets-font-size: 20px; --jp-widgets-inline-height: 40px; --jp-ui-font-size1: 20px;
  --jp-content-font-size1: 20px; --jp-widgets-slider-handle-size: 24px; --jp-widgets-slider-track-thickness: 6px;
  --jp-widgets-horizontal-tab-height: 40px; --jp-widgets-horizontal-tab-width: 300px; font-size: 20px; }
.course-large h3 { font-size: 28px !important; }
.course-app.course-large { max-width: none; }
.course-large .widget-html-content, .course-large td, .course-large th, .course-large li, .course-large p,
.course-large button, .course-large select, .course-large input, .course-large textarea, .course-large .widget-label,
.course-large .widget-readout, .course-large .lm-TabBar-tab, .course-large .jupyter-widget-Collapse-header,
.course-large .p-Collapse-header { font-size: 20px !important; line-height: 1.4; }
.course-large small { font-size: 18px !important; }
.course-large .widget-slider { flex-wrap: wrap; height: auto !important; max-width: 900px;
  width: calc(100% - 2 * var(--jp-widgets-margin, 2px)) !important; }
.course-large .widget-slider > .widget-label { width: 100% !important; max-width: none !important; text-align: left;
  white-space: normal; }
.course-large .widget-slider > .slider-container { flex: 1 1 300px; margin-left: 16px; }
.course-large .widget-dropdown, .course-large .widget-text { max-width: 1000px; height: auto; flex-wrap: wrap;
  width: calc(100% - 2 * var(--jp-widgets-margin, 2px)) !important; }
.course-large .widget-dropdown > .widget-label, .course-large .widget-text > .widget-label { width: auto !important;
  max-width: none !important; }
.course-large .widget-dropdown > select, .course-large .widget-text > input { flex: 1 1 360px; min-width: 0; }
.course-large .course-row > .widget-html { flex-basis: 100%; }
.course-large .jupyter-button { height: auto; min-height: 40px; }
</style>"""


# What ipywidgets leaves out for a screen reader or a keyboard, added to every app by one script, kept up as
# the app changes (docs/decisions/0020-accessible-apps.md):
# - a slider's handle (role="slider") has no name: it gets the slider's label; a text box without a label
#   gets its tooltip (ipywidgets passes it on only as a title);
# - a button's icon (a character of the icon font) is not read as part of its name;
# - a slider's number beside its track is a second stop for the Tab key that says again what the handle
#   says: it stays editable with the mouse, out of the Tab order and the screen reader's way;
# - an accordion's header is a div only a mouse can open: it becomes a button (Enter or Space) that says
#   whether it is open;
# - a group of toggle buttons is named by its tooltip and each button says whether it is pressed;
# - in JupyterLab, a key pressed on a control goes to the control, not to JupyterLab's notebook commands;
# - a widget marked course-status (feedback, a save's result) is a polite live region, and an assertive one
#   (role alert) while it shows an error (course-error); the app's alert line (course-alert) is one always.
ACCESSIBLE_JS = """
const KEYED = '.noUi-handle, button, select, .lm-TabBar-tab, .jupyter-widget-Collapse-header';
function regions(app) {
  for (const region of app.querySelectorAll('.course-status')) {
    const role = region.querySelector('.course-error') ? 'alert' : 'status';
    if (region.getAttribute('role') !== role) {
      region.setAttribute('role', role);
      region.setAttribute('aria-live', role === 'alert' ? 'assertive' : 'polite');
    }
  }
  for (const region of app.querySelectorAll('.course-alert:not([role])')) region.setAttribute('role', 'alert');
}
function opener(header) {
  header.setAttribute('role', 'button');
  header.tabIndex = 0;
  header.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); header.click(); }
  });
}
function name(app) {
  for (const handle of app.querySelectorAll('.widget-slider .noUi-handle')) {
    const slider = handle.closest('.widget-slider');
    const label = slider.querySelector(':scope > .widget-label');
    const text = ((label && label.textContent) || slider.getAttribute('title') || '').trim();
    if (text && handle.getAttribute('aria-label') !== text) handle.setAttribute('aria-label', text);
  }
  // a box without a visible label (a reason under its slider, a rewrite, a reflection) is named by its
  // tooltip, not by its placeholder, which several boxes share
  for (const input of app.querySelectorAll('input[title], textarea[title]')) {
    const text = input.getAttribute('title').trim();
    if (text && input.getAttribute('aria-label') !== text) input.setAttribute('aria-label', text);
  }
  // a button's icon is a character of the icon font, which a screen reader spelled as part of its name
  for (const icon of app.querySelectorAll('button .fa:not([aria-hidden])')) icon.setAttribute('aria-hidden', 'true');
  for (const readout of app.querySelectorAll('.widget-readout:not([tabindex="-1"])')) {
    readout.tabIndex = -1;
    readout.setAttribute('aria-hidden', 'true');
  }
  // a group of toggle buttons (personal / clinical for move 3) is named by its tooltip; each button says
  // whether it is the one chosen
  for (const group of app.querySelectorAll('.widget-toggle-buttons[title]')) {
    const text = group.getAttribute('title').trim();
    if (group.getAttribute('aria-label') !== text) {
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', text);
    }
  }
  for (const button of app.querySelectorAll('.widget-toggle-buttons button, button.widget-toggle-button')) {
    const pressed = String(button.classList.contains('mod-active'));
    if (button.getAttribute('aria-pressed') !== pressed) button.setAttribute('aria-pressed', pressed);
  }
  // JupyterLab takes keys for its own commands before a control sees them (a list's arrow down selected the next
  // cell instead of the next option: tests/journeys.py): on the app's controls the keys are theirs
  for (const control of app.querySelectorAll(KEYED)) {
    if (!control.hasAttribute('data-lm-suppress-shortcuts')) control.setAttribute('data-lm-suppress-shortcuts', 'true');
  }
  for (const header of app.querySelectorAll('.jupyter-widget-Collapse-header')) {
    if (header.getAttribute('role') !== 'button') opener(header);
    const open = String(header.parentElement.classList.contains('jupyter-widget-Collapse-open'));
    if (header.getAttribute('aria-expanded') !== open) header.setAttribute('aria-expanded', open);
  }
}
export default {
  render({ el }) {
    el.style.display = 'none';
    let observer = null, frame = 0, tries = 0;
    const start = () => {
      const app = el.closest('.course-app');
      if (!app) { if (tries++ < 200) setTimeout(start, 50); return; }
      name(app);
      regions(app);
      observer = new MutationObserver(() => {
        regions(app);  // at once: the role must be there before the screen reader hears the new text
        if (!frame) frame = requestAnimationFrame(() => { frame = 0; name(app); });
      });
      observer.observe(app, { childList: true, subtree: true, characterData: true, attributeFilter: ['class'] });
    };
    start();
    return () => observer && observer.disconnect();
  },
};
"""


# A lesson saved with its outputs and opened again later (the kernel that made its apps is gone) would show
# "Error displaying widget: model not found" where an app was: JupyterLab picks the widget view of an app's
# output whenever the notebook is trusted, and ipywidgets 8 then writes that line instead of trying the
# output's other forms. So every app is followed by a second output, this note, hidden while the app above
# it is live, or still loading; when the app's output is in that error state, the note takes its place
# (CSS :has, in JupyterLab and Voila alike). In an untrusted notebook JupyterLab shows an app's text form
# and the note shows beside it (the style is not applied there).
# A live widget's output node holds the widget's view; in the error state JupyterLab's widget renderer
# leaves it empty but for the message and gives it the class jupyter-widgets (ipywidgets 8.1).
REOPEN_STYLE = """<style>
.course-reopen { display: none; padding: 6px 10px; border-left: 4px solid #0072B2; background: #eef5fb; }
.jp-OutputArea-child:has(> .jp-OutputArea-output.jupyter-widgets) + .jp-OutputArea-child .course-reopen {
  display: block; }
.jp-OutputArea-child:has(> .jp-OutputArea-output.jupyter-widgets):has(+ .jp-OutputArea-child .course-reopen) {
  display: none; }
</style>"""


def reopen_note(text: str) -> str:
    """The note shown in a widget's place when its lesson was reopened without a kernel behind it."""
    return f"{REOPEN_STYLE}<div class='course-reopen'>▶ {esc(text)}</div>"


def display_with_note(widget: w.Widget, note: str) -> None:
    """Show ``widget`` as a cell's result, followed by the note a reopened lesson shows in its place."""
    from IPython.display import display

    display(widget._repr_mimebundle_(), raw=True)
    display({"text/html": reopen_note(note)}, raw=True)


class Accessible(anywidget.AnyWidget):
    """Invisible: names its app's controls, makes them reachable by keyboard and its feedback spoken (see
    ``ACCESSIBLE_JS``)."""

    _esm = ACCESSIBLE_JS


def start_lesson() -> None:
    """Set up a lesson notebook: one plotly renderer for JupyterLab, Voila and nbval, and the language.

    The language is the student's own choice when they made one with the language switch (saved
    in ``my_work/settings.json``); otherwise the lesson's: Dutch for a lesson in ``notebooks/nl/``
    (the kernel runs in the notebook's folder), English for the others.
    """
    import plotly.io as pio

    pio.renderers.default = "plotly_mimetype"
    set_language(saved_language() or lesson_language(Path.cwd()))


def lesson_language(folder: Path) -> str:
    """The language of the lessons in ``folder``: ``nl`` in ``notebooks/nl/`` and its subfolders
    (the lecturer's ``notebooks/nl/docent/``), else ``en``.

    >>> lesson_language(Path("course/notebooks/nl/docent")), lesson_language(Path("nl/course/notebooks"))
    ('nl', 'en')
    """
    parts = folder.parts
    return "nl" if any(parts[i : i + 2] == ("notebooks", DUTCH_FOLDER) for i in range(len(parts))) else "en"


def descendants(widget: w.Widget) -> Iterator[w.Widget]:
    """The widget and every widget inside it (through ``children``)."""
    yield widget
    for child in getattr(widget, "children", ()):
        if isinstance(child, w.Widget):
            yield from descendants(child)


class Guarded:
    """A callback whose failure is shown in ``alert`` (red, in the student's language) and logged,
    instead of reaching the kernel's log only. Equal to the callback it wraps, so ``unobserve`` works."""

    def __init__(self, callback: Callable, alert: w.HTML):
        self.callback, self.alert = callback, alert

    def __call__(self, *args, **kwargs):
        try:
            result = self.callback(*args, **kwargs)
        except Exception as error:
            logging.getLogger("helpers").exception("a course control failed")
            problem = f"{type(error).__name__}: {error}"
            self.alert.value = f"<p class='course-bad'>{esc(t('callback_failed', problem=problem))}</p>"
            return None
        if self.alert.value:
            self.alert.value = ""
        return result

    def __eq__(self, other: object) -> bool:
        return other is self or other == self.callback

    def __hash__(self) -> int:
        return hash(self.callback)


class App(w.VBox):
    """A course app: a title bar with a projector-mode switch, then ``children``.

    ``panels`` are the app's figures (projector mode enlarges them); subclasses override
    :meth:`describe` for the plain-text form.
    """

    def __init__(self, title: str, children: list, panels: tuple[FigurePanel, ...] = (), fictional: bool = False):
        self.panels, self.title = panels, title
        self.projector = w.ToggleButton(
            value=False, description=t("large_font"), icon="television", layout=w.Layout(width="auto")
        )
        badge = f' <span class="course-badge">{esc(t("fictional"))}</span>' if fictional else ""
        header = w.HBox(
            [w.HTML(f"<h3 style='margin:4px 0'>{esc(title)}{badge}</h3>", layout=w.Layout(flex="1")), self.projector]
        )
        self.alert = w.HTML()
        self.alert.add_class("course-alert")
        super().__init__([w.HTML(STYLE), Accessible(), header, self.alert, *children])
        self.add_class("course-app")
        self.projector.observe(lambda change: self.set_large(change["new"]), names="value")

    # controls a static page leaves out (the site shows the app's material in their place)
    static_skip: tuple[w.Widget, ...] = ()
    # while True, the app's own updates wait: it is setting several controls at once (see quietly)
    quiet = False

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Set several controls without an update after each; the caller updates once afterwards."""
        self.quiet = True
        try:
            yield
        finally:
            self.quiet = False

    def guard_callbacks(self) -> None:
        """Make every course callback in the app (buttons, controls) end in a message in the app when
        it fails, never only in the kernel's log. Done once, when the app is first shown."""
        if self.guarded:
            return
        self.guarded = True
        for widget in descendants(self):
            if isinstance(widget, w.Button):
                widget._click_handlers.callbacks[:] = [self.guard(h) for h in widget._click_handlers.callbacks]
            for kinds in widget._trait_notifiers.values():
                for handlers in kinds.values():
                    handlers[:] = [self.guard(h) for h in handlers]

    guarded = False

    def guard(self, callback: Callable) -> Callable:
        """``callback`` with its failure shown in the app's alert line, if it is the course's own code."""
        module = getattr(getattr(callback, "__func__", callback), "__module__", "") or ""
        if not module.startswith("helpers.") or isinstance(callback, Guarded):
            return callback
        return Guarded(callback, self.alert)

    def describe(self) -> str:
        """What the app shows, as one or two sentences of text."""
        return " ".join(panel.text for panel in self.panels)

    def example(self) -> None:
        """Put the app in the state its lesson's worked example discusses (the static site shows it)."""

    def static_material(self) -> str:
        """The case material a static page needs besides what the app shows, as HTML (none here)."""
        return ""

    def set_large(self, large: bool) -> None:
        """Projector mode: larger text and figure fonts for a classroom."""
        (self.add_class if large else self.remove_class)("course-large")
        for panel in self.panels:
            panel.set_large(large)

    def _repr_mimebundle_(self, **kwargs):
        self.guard_callbacks()
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.describe() or bundle.get("text/plain", "")
        return bundle

    def _ipython_display_(self) -> None:
        """Shown as the result of a cell: the app, then the note a reopened lesson shows in its place
        (``REOPEN_STYLE``), as an output of its own."""
        display_with_note(self, t("reopen_note", app=self.title))


Work = list[tuple[str, str, dict]]  # an app's work on one item: (kind, item_id, fields) per scoring


class WorkPerItem:
    """What a student did on each item of an app (a ward, a vignette) in this session, so that picking
    another item never throws work away: the work on screen is kept when the student picks another item
    (:meth:`leave`) and comes back when they return to it (:meth:`come_back`); Save stores every item they
    worked on, each under its own item (:meth:`to_save`).

    ``collect()`` gives the work on screen, ``restore(kind, fields)`` puts kept work back on an item just
    shown afresh, and ``untouched(work)`` tells work that is only what the item starts with (not saved)."""

    def __init__(
        self,
        collect: Callable[[], Work],
        restore: Callable[[str, dict], None],
        untouched: Callable[[Work], bool],
    ):
        self.collect, self.restore, self.untouched = collect, restore, untouched
        self.kept: dict[str, Work] = {}

    def leave(self, item: str) -> None:
        """The student picked another item: keep the work on ``item``, still on screen (the item's dropdown
        already shows the new one, so the work is filed under ``item`` here)."""
        self.kept[item] = [(kind, item, fields) for kind, _, fields in self.collect()]

    def come_back(self, item: str) -> None:
        """``item`` is on screen afresh: put back what the student did on it earlier, if anything."""
        for kind, _, fields in self.kept.pop(item, []):
            self.restore(kind, {"scores": {}, "tags": {}, "text": {}, **fields})

    def to_save(self) -> Work:
        """Every item worked on: the kept ones the student changed, then the one on screen (saved last, so
        that Load after a restart comes back to it)."""
        others = [scoring for work in self.kept.values() if not self.untouched(work) for scoring in work]
        return others + self.collect()


class LanguageSwitch(w.ToggleButtons):
    """Buttons to switch the course language. The choice is saved, so every lesson opens in it,
    also after a restart; its static form says what it is."""

    def __init__(self) -> None:
        super().__init__(
            options=[("English", "en"), ("Nederlands", "nl")], value=get_language(), description=t("language")
        )
        self.observe(lambda change: self.choose(change["new"]), names="value")

    @staticmethod
    def choose(language: str) -> None:
        set_language(language)
        save_language(language)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = t("language_static")
        return bundle

    def _ipython_display_(self) -> None:
        display_with_note(self, t("reopen_language"))


def score_slider(description: str, value: int = SLIDER_START) -> w.IntSlider:
    """A 0–4 slider with a wide label, as every scoring app uses. In a :func:`row` its track keeps
    its width and the text beside it moves below when the screen is narrow."""
    return w.IntSlider(
        value=value,
        min=0,
        max=4,
        description=description,
        continuous_update=True,
        style={"description_width": "330px"},
        layout=w.Layout(width="570px"),
    )


def row(control: w.Widget, text: str) -> w.HBox:
    """A control with a short text beside it (an anchor, a hint); the text wraps below the control when
    the row is too narrow for both, so a slider never shrinks to its handle."""
    box = w.HBox([control, w.HTML(f"<small>{esc(text)}</small>")])
    box.add_class("course-row")
    return box
