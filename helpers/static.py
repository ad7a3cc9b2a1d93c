"""The static form of an app, for the course site (``python3 course.py html``).

A live app needs a kernel; a page in an LMS has none. :func:`static_html` puts an app in the state
its lesson's worked example discusses (:meth:`App.example`), then writes what is on screen as
plain HTML: text and tables as they are, each control as its label and value, every tab and
folded section, each figure as a plotly figure (drawn in the page by the one shared plotly.js) with
its text summary, and the case material the exercises need (:meth:`App.static_material`). Controls
that only act (buttons, text boxes, the save box) are left out.

The site builder (``tools/build_site.py``) runs each lesson and, after each cell that shows an app,
displays ``static_html(_)`` in its place.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

import ipywidgets as w
import plotly.graph_objects as go
from IPython.display import HTML

from helpers.figures import FigurePanel, figure_html, figure_table_html
from helpers.savebox import SaveBox
from helpers.shell import App, LanguageSwitch
from helpers.text import number, t

SKIPPED = (w.Button, w.ToggleButton, w.Text, w.Textarea, SaveBox, w.Output)
CONTROLS = (w.IntSlider, w.FloatSlider, w.Dropdown, w.RadioButtons, w.ToggleButtons)  # shown as label and value


def static_html(widget: w.Widget) -> str:
    """The widget (usually a course app) as static HTML, in its worked-example state."""
    if isinstance(widget, App):
        widget.example()
    return "".join(_parts(widget))


def show_static(widget: object) -> HTML:
    """What the site shows in place of ``widget``: its static HTML, or nothing for other values."""
    return HTML(static_html(widget) if isinstance(widget, w.Widget) else "")


def _parts(widget: w.Widget) -> Iterator[str]:
    if isinstance(widget, SKIPPED):
        return
    if isinstance(widget, App):
        yield "<section class='course-app course-static'>"
        for child in widget.children:
            if child not in widget.static_skip:
                yield from _parts(child)
        yield f"<p class='course-live-note'>{html.escape(t('static_note'))}</p>"
        yield widget.static_material()
        yield "</section>"
    elif isinstance(widget, (FigurePanel, LanguageSwitch, w.HTML, w.HTMLMath, w.Label, *CONTROLS)):
        yield from _shown(widget)
    elif isinstance(widget, w.Box):
        yield from _box(widget)


def _shown(widget: w.Widget) -> Iterator[str]:
    """What a widget that is no container shows: a figure with its caption, a text, a control's value."""
    if isinstance(widget, FigurePanel):
        yield figure_html(_current(widget))
        yield widget.caption.value
        yield f"<details class='course-figure-data'><summary>{html.escape(t('table_show'))}</summary>"
        yield figure_table_html(widget.shown) + "</details>"
    elif isinstance(widget, LanguageSwitch):
        yield f"<p>{html.escape(t('language_static'))}</p>"
    elif isinstance(widget, (w.HTML, w.HTMLMath)):
        yield widget.value
    elif isinstance(widget, w.Label):
        yield f"<p>{html.escape(widget.value)}</p>"
    else:
        yield _control(widget)


def _box(box: w.Box) -> Iterator[str]:
    """A container's children, under a heading per tab or in an open section per accordion pane."""
    if isinstance(box, w.Tab):
        for index, child in enumerate(box.children):
            yield f"<h4 class='course-tab'>{html.escape(box.get_title(index) or '')}</h4>"
            yield from _parts(child)
    elif isinstance(box, w.Accordion):
        for index, child in enumerate(box.children):
            yield f"<details open><summary>{html.escape(box.get_title(index) or '')}</summary>"
            yield from _parts(child)
            yield "</details>"
    elif isinstance(box, w.HBox) and _is_scale_row(box):
        yield "<div class='course-scale'>"  # label, value and the anchor in columns of their own
        yield from _children(box)
        yield "</div>"
    elif isinstance(box, w.HBox):
        yield "<div class='course-row'>"
        yield from _children(box)
        yield "</div>"
    else:
        yield from _children(box)


def _current(panel: FigurePanel) -> go.Figure:
    """The panel's figure as on screen, with the summary of what it shows now (a live panel updates its caption
    and leaves the summary in the figure's ``meta`` as first built)."""
    figure = go.Figure(panel.figure.to_dict())
    figure.layout.meta = {"summary": panel.text}  # its table is shown as a table, under the figure
    return figure


def _children(box: w.Box) -> Iterator[str]:
    for child in box.children:
        yield from _parts(child)


def _is_scale_row(box: w.HBox) -> bool:
    """A control with the text that says what its value means beside it (``shell.row``: an anchor, a hint)."""
    return "course-row" in box._dom_classes and bool(box.children) and isinstance(box.children[0], CONTROLS)


def _control(control: w.Widget) -> str:
    """A control as its label and its value (the option's label for a choice), each in a column of its own
    (the site's style sheet): a long label wraps within its column and never pushes the value out of line."""
    if isinstance(control, w.FloatSlider):
        value, kind = number(control.value), "number"
    elif isinstance(control, w.IntSlider):
        value, kind = f"{control.value} ({control.min}–{control.max})", "number"
    else:
        value, kind = (control.label if control.label is not None else "—"), "choice"
    return (
        f"<p class='course-control course-control-{kind}'>"
        f"<span class='course-control-label'>{html.escape(control.description)}</span> "
        f"<b class='course-control-value'>{html.escape(str(value))}</b></p>"
    )
