"""Live plotly figures inside the apps: loaded once per page, updated in place.

Two measured problems shaped this module (docs/decisions/0001-shared-plotly-module.md):

* plotly's ``FigureWidget`` ships its 5 MB JavaScript module with *every* figure, and the browser
  evaluates it again for each one (about 3.5 s per figure in headless Chromium here; Voilà pages
  with three figures took 12.9 s). :class:`CourseFigureWidget` sends a small loader instead that
  evaluates the module once per page and shares it between all course figures (4.6 s).
* Replacing a figure on every slider move flickers and sends the whole figure again.
  :class:`FigurePanel` keeps one live figure and sends only the trace and layout properties
  that changed, in one batched message.

Importing plotly's widget module also pulls in jsonschema, which compiles the grammar of the
optional ``rfc3987_syntax`` package at import: about 1.1 s of every lesson's start. The course
never checks IRI formats, so jsonschema is told that package is absent.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

if "rfc3987_syntax" not in sys.modules:
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # see the module docstring

import ipywidgets as w
import plotly.basewidget
import plotly.graph_objects as go
import plotly.utils
import traitlets

from helpers import plots
from helpers.views import esc

PROJECTOR_FONT = 22
# A private path inside plotly: pyproject.toml pins plotly's major version so it cannot move unnoticed.
PLOTLY_WIDGET_BUNDLE = Path(plotly.basewidget.__file__).parent / "package_data" / "widgetbundle.js"
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
        """Make the live figure look like ``figure``."""
        if self.large:
            figure.update_layout(font_size=PROJECTOR_FONT)
        same_traces = len(self.figure.data) == len(figure.data) and all(
            a.type == b.type for a, b in zip(self.figure.data, figure.data, strict=True)
        )
        if not same_traces:  # a different set of traces: replace them (outside a batch, as plotly requires)
            self.figure.data = ()
            self.figure.add_traces(list(figure.data))
        layout = _layout_json(figure)
        with self.figure.batch_update():
            if same_traces:
                for live, new in zip(self.figure.data, figure.data, strict=True):
                    changed = _changed(live.to_plotly_json(), new.to_plotly_json())
                    if changed:
                        live.update(changed)
            if layout != self._layout:
                self.figure.layout.update(json.loads(layout), overwrite=True)
                self._layout = layout
        self.summary = plots.summary(figure)
        self.caption.value = _caption(self.summary)

    def set_large(self, large: bool) -> None:
        """Projector mode: a larger font in the figure."""
        self.large = large
        self.figure.layout.font.size = PROJECTOR_FONT if large else plots.FONT["size"]
        self._layout = _layout_json(self.figure)

    @property
    def text(self) -> str:
        """The figure's one-line summary."""
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

    return {key: value for key, value in new.items() if key != "uid" and encode(live.get(key)) != encode(value)}


def _caption(summary: str) -> str:
    return f'<p class="course-figure-summary" style="color:#444">{esc(summary)}</p>'
