"""ipywidgets apps: they wire controls to the model and the plots, nothing more.

Figures are ``go.FigureWidget`` objects updated in place (one batched message per change).
Each app also carries a plain-text description, so a notebook exported to HTML or run
under nbval shows something readable where no live widget can appear.
"""
from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from helpers import plots
from helpers.data import FUNCTION_IDS, load_course, localized
from helpers.text import get_language, set_language, t


def start_lesson() -> None:
    """Set up a lesson notebook: one plotly renderer for JupyterLab, Voila and nbval."""
    import plotly.io as pio

    pio.renderers.default = "plotly_mimetype"


class App(w.VBox):
    """A VBox whose static (text) form is a readable description of what it shows.

    ``describe`` returns that description; it is read each time the app is displayed.
    """

    def __init__(self, children, describe=lambda: "", **kwargs):
        super().__init__(children, **kwargs)
        self.describe = describe

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.describe() or bundle.get("text/plain", "")
        return bundle


class FigurePanel(w.VBox):
    """A live plotly figure with its one-line text summary underneath; ``show`` updates in place."""

    def __init__(self, figure: go.Figure):
        self.figure = go.FigureWidget(figure)
        self.caption = w.HTML(_caption(figure))
        super().__init__([self.figure, self.caption])

    def show(self, figure: go.Figure) -> None:
        with self.figure.batch_update():
            if len(self.figure.data) == len(figure.data):
                for live, new in zip(self.figure.data, figure.data):
                    live.update(new.to_plotly_json(), overwrite=True)
            else:
                self.figure.data = ()
                self.figure.add_traces(list(figure.data))
            self.figure.layout.update(figure.layout.to_plotly_json(), overwrite=True)
        self.caption.value = _caption(figure)

    @property
    def text(self) -> str:
        return plots.summary(self.figure)


def _caption(figure: go.Figure) -> str:
    return f'<p class="course-figure-summary" style="color:#444">{html.escape(plots.summary(figure))}</p>'


def language_switch() -> w.ToggleButtons:
    """Buttons to switch the course language; widgets made afterwards use the new language."""
    switch = w.ToggleButtons(options=[("English", "en"), ("Nederlands", "nl")], value=get_language(),
                             description=t("language"))
    switch.observe(lambda change: set_language(change["new"]), names="value")
    return switch


def setup_check(function_id: str = "structurering", value: int = 2) -> App:
    """Lesson 00's set-up check: a slider moves one bar of a five-function bar chart."""
    names = localized(load_course().functions, "name")
    slider = w.IntSlider(value=value, min=0, max=4, description=names[function_id],
                         style={"description_width": "initial"}, continuous_update=True)

    def figure_for(score: int) -> go.Figure:
        values = pd.Series({f: (score if f == function_id else 2) for f in FUNCTION_IDS})
        return plots.function_bars(values, t("setup_title"),
                                   t("setup_summary", function=names[function_id], value=score))

    panel = FigurePanel(figure_for(value))
    slider.observe(lambda change: panel.show(figure_for(change["new"])), names="value")
    return App([w.HTML(f"<b>{html.escape(t('setup_ok'))}</b>"), slider, panel], describe=lambda: panel.text)
