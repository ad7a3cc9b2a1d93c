"""The frame every course app shares: title bar, projector mode, static text form, sliders, language.

Every app is an :class:`App`: a title (with a "fictional" badge where the data says so), a
projector-mode switch for the classroom, the app's own controls, and a plain-text description
(:meth:`App.describe`) shown where no live widget can appear (an exported page, nbval).
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from helpers.figures import FigurePanel
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
.course-large, .course-large .widget-label, .course-large .widget-readout, .course-large button,
.course-large .widget-dropdown select, .course-large .widget-radio-box label, .course-large textarea,
.course-large input { font-size: 150% !important; line-height: 1.3; }
.course-large .widget-label { width: auto !important; }
.course-large .widget-slider .noUi-handle { transform: scale(1.4); }
</style>"""


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


class App(w.VBox):
    """A course app: a title bar with a projector-mode switch, then ``children``.

    ``panels`` are the app's figures (projector mode enlarges them); subclasses override
    :meth:`describe` for the plain-text form.
    """

    def __init__(self, title: str, children: list, panels: tuple[FigurePanel, ...] = (), fictional: bool = False):
        self.panels = panels
        self.projector = w.ToggleButton(
            value=False, description=t("large_font"), icon="television", layout=w.Layout(width="auto")
        )
        badge = f' <span class="course-badge">{esc(t("fictional"))}</span>' if fictional else ""
        header = w.HBox(
            [w.HTML(f"<h3 style='margin:4px 0'>{esc(title)}{badge}</h3>", layout=w.Layout(flex="1")), self.projector]
        )
        super().__init__([w.HTML(STYLE), header, *children])
        self.add_class("course-app")
        self.projector.observe(lambda change: self.set_large(change["new"]), names="value")

    # controls a static page leaves out (the site shows the app's material in their place)
    static_skip: tuple[w.Widget, ...] = ()

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
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.describe() or bundle.get("text/plain", "")
        return bundle


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


def score_slider(description: str, value: int = 2) -> w.IntSlider:
    """A 0–4 slider with a wide label, as every scoring app uses."""
    return w.IntSlider(
        value=value,
        min=0,
        max=4,
        description=description,
        continuous_update=True,
        style={"description_width": "330px"},
        layout=w.Layout(width="570px"),
    )
