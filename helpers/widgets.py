"""The face the lessons call: ``widgets.ward_scorer()``, ``widgets.assessment_text(...)`` and so on.

Each lesson's cells are one-line calls into this module. The apps live in modules named for their
lesson area (``apps_systems``, ``apps_recovery``, ``apps_class``), built from the shared shell
(``shell``: title bar, projector mode, sliders), the figure transport (``figures``), the save box
(``savebox``) and HTML views (``views``); the plain-text reports the lessons print come from
``reports``. Every judgement any of them shows comes from ``helpers.model``.
"""

from __future__ import annotations

from IPython.display import HTML

from helpers import views
from helpers.apps_class import ClassDashboard
from helpers.apps_recovery import VignetteScorer, perspective_sorter
from helpers.apps_systems import (
    EquilibriumSimulation,
    FitExplorer,
    FitHeatmap,
    SetupCheck,
    WardRedesign,
    WardScorer,
    function_quiz,
)
from helpers.course_data import load_course
from helpers.reports import (
    assessment_text,
    class_agreement_text,
    dimensions_text,
    fit_matrix_text,
    functions_text,
    needs_text,
    quiz_counts_text,
    scenarios_text,
    sorter_counts_text,
    vignette_summary_text,
    vignettes_overview_text,
)
from helpers.shell import LanguageSwitch, start_lesson

__all__ = [
    "assessment_text",
    "class_agreement_text",
    "class_dashboard",
    "dimension_table",
    "dimensions_text",
    "equilibrium_simulation",
    "fit_explorer",
    "fit_heatmap",
    "fit_matrix_text",
    "function_cards",
    "function_quiz",
    "functions_text",
    "language_switch",
    "needs_text",
    "perspective_sorter",
    "quiz_counts_text",
    "scenarios_text",
    "setup_check",
    "sorter_counts_text",
    "start_lesson",
    "vignette_scorer",
    "vignette_summary_text",
    "vignettes_overview_text",
    "ward_redesign",
    "ward_scorer",
]


def setup_check(function_id: str = "structurering", value: int = 2) -> SetupCheck:
    """Lesson 00: a slider that moves one bar of a chart, to check that widgets and figures work."""
    return SetupCheck(function_id, value)


def language_switch() -> LanguageSwitch:
    """Buttons to switch the course language; widgets made afterwards use the new language."""
    return LanguageSwitch()


def equilibrium_simulation() -> EquilibriumSimulation:
    """Lesson 01: the didactic equilibrium simulation."""
    return EquilibriumSimulation()


def function_cards() -> HTML:
    """Lesson 02: the five functions as cards, with definitions and guiding questions."""
    return HTML(views.function_cards_html(load_course()))


def ward_scorer(ward_id: str | None = None) -> WardScorer:
    """Lesson 03: score an example ward and compare with the reference."""
    return WardScorer(ward_id)


def fit_explorer(ward_id: str | None = None, client_group_id: str | None = None) -> FitExplorer:
    """Lesson 04: a ward against a client group's needs."""
    return FitExplorer(ward_id, client_group_id)


def fit_heatmap() -> FitHeatmap:
    """Lesson 04: the fit of every ward for every client group."""
    return FitHeatmap()


def dimension_table() -> HTML:
    """Lesson 05: the eleven recovery dimensions."""
    return HTML(views.dimension_table_html(load_course()))


def vignette_scorer(vignette_id: str | None = None) -> VignetteScorer:
    """Lesson 06: tag the moves of a case vignette and compare with the key."""
    return VignetteScorer(vignette_id)


def ward_redesign(ward_id: str | None = None) -> WardRedesign:
    """Lesson 07: redesign a ward as a recovery-oriented ward."""
    return WardRedesign(ward_id)


def class_dashboard(source: str | None = None) -> ClassDashboard:
    """For lecturers: a class's saved work."""
    return ClassDashboard(source)
