"""Live plotly figures inside the apps: loaded once per page, updated in place.

Four measured problems shaped this module (docs/decisions/0001-shared-plotly-module.md and 0010):

* plotly's ``FigureWidget`` ships its 5 MB JavaScript module with *every* figure, and the browser
  evaluates it again for each one (about 3.5 s per figure in headless Chromium here; Voilà pages
  with three figures took 12.9 s). :class:`CourseFigureWidget` sends a small loader instead; the
  module itself travels once per kernel, as a binary buffer in one :class:`PlotlyModule`
  widget, and the page evaluates it once and shares it between all course figures.
* Replacing a figure on every slider move flickers and sends the whole figure again.
  :class:`FigurePanel` keeps one live figure and sends only the trace and layout properties
  that changed, in one batched message.
* plotly.js redraws a whole figure (defaults, axes, legend, shapes) when a trace's data
  changes, even if nothing else did. Where only line or marker data moves on fixed axes,
  :class:`FigurePanel` moves the traces in place instead (plotly's animate path, no transition,
  no redraw): lesson 01's simulation then follows its sliders at the bare figure's pace
  (docs/decisions/0010-traces-moved-in-place.md).
* The kernel sends its messages from a thread that needs the GIL: a figure update waited there
  while the app computed its feedback. :func:`send_now` hands that thread the GIL right after it.

plotly is started through :mod:`helpers.plotly_start` (imported by :mod:`helpers.plots`), which
keeps two optional packages plotly's widget module would pull in out of every lesson's start.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import ipywidgets as w
import numpy as np
import plotly
import plotly.graph_objects as go
import plotly.io as pio
import traitlets

from helpers import plots, views
from helpers.text import PLOTLY_DUTCH, get_language, t
from helpers.views import esc

PROJECTOR_FONT = plots.PROJECTOR_FONT
PROJECTOR_SCALE = 1.4  # projector mode: the figure this much taller, so a larger font keeps its plot area
# A private path inside plotly: pyproject.toml pins plotly's major version so it cannot move unnoticed.
PLOTLY_WIDGET_BUNDLE = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"
SHARED_MODULE_LOADER = """
const modules = (globalThis.__courseFigureModules ??= new Map());
async function moduleHolder(model) {
  const id = model.get("_plotly_module").slice("IPY_MODEL_".length);
  for (let attempt = 0; ; attempt++) {  // the holder's model may still be registering when a page loads
    try { return await model.widget_manager.get_model(id); }
    catch (error) { if (attempt >= 40) throw error; await new Promise((done) => setTimeout(done, 50)); }
  }
}
async function load(model) {
  const holder = await moduleHolder(model);
  const key = holder.get("key");
  if (!modules.has(key)) {
    const url = URL.createObjectURL(new Blob([holder.get("source")], {type: "text/javascript"}));
    // evaluating the module sets window.Plotly: keep that plotly.js, whatever else a page loads later
    modules.set(key, import(url).then((module) => ({ made: module.default, plotly: window.Plotly })));
  }
  return modules.get(key);
}
// anywidget gives a model's initialize 2 s, counted from when the model was made: one still initializing
// then never takes another message from the kernel (its runtime's `ready` is rejected, and every later
// update waits on it), so on a busy page a figure kept what it first drew and ignored projector mode.
// Loading plotly.js (5 MB) can take longer, so initialize does not wait for it. A kernel message that
// arrives before plotly's own initialize has run is kept (its value, in order) and handed to plotly's
// handlers once they exist: they read the message through model.get, which answers with the kept value.
const KERNEL_MESSAGES = ["addTraces", "deleteTraces", "moveTraces", "restyle", "relayout", "update",
  "animate", "removeLayoutProps", "removeTraceProps"].map((name) => "_py2js_" + name);
function replayingModel(model) {
  let early = [];  // [name, value] of each kernel message before plotly's handlers existed; null after
  const handlers = new Map(), replaying = new Map();
  KERNEL_MESSAGES.forEach((name) => model.on("change:" + name, () => early?.push([name, model.get(name)])));
  const wrapped = new Proxy(model, {
    get(target, property) {
      if (property === "get") return (name) => (replaying.has(name) ? replaying.get(name) : target.get(name));
      if (property === "on") {
        return (event, handler, ...rest) => {
          if (early) handlers.set(event, [...(handlers.get(event) ?? []), handler]);  // plotly's own, to replay
          return target.on(event, handler, ...rest);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const replay = () => {
    const messages = early;
    early = null;
    for (const [name, value] of messages) {
      replaying.set(name, value);
      try { (handlers.get("change:" + name) ?? []).forEach((handler) => handler()); }
      finally { replaying.delete(name); }
    }
    handlers.clear();  // views' listeners are not kept: a closed view is let go
  };
  return { wrapped, replay };
}
export default () => {
  let widget, plotly, ready;
  return {
    initialize(context) {
      const model = replayingModel(context.model);
      ready = load(context.model).then((loaded) => {
        widget = typeof loaded.made === "function" ? loaded.made() : loaded.made;
        plotly = loaded.plotly;
        widget.initialize?.({ ...context, model: model.wrapped });  // synchronous: nothing arrives between
        model.replay();
      });
    },
    async render(context) {
      const { el, model } = context;
      el.classList.add("course-live-figure");  // a course figure's box, drawn or still waiting
      // for a screen reader the box is a figure named after its title (plotly.js names none); plotly's
      // drawing (each tick and label as loose text) is hidden from it: the caption and the table below
      // the figure say what it shows. plotly's toolbar stays reachable.
      const name = () => {
        el.setAttribute("role", "figure");
        el.setAttribute("aria-label", model.get("accessible_name"));
      };
      name();
      model.on("change:accessible_name", name);
      const hide = () => {
        for (const svg of el.querySelectorAll(".main-svg:not([aria-hidden])")) svg.setAttribute("aria-hidden", "true");
      };
      const drawing = new MutationObserver(hide);
      drawing.observe(el, { childList: true, subtree: true });
      await ready;
      const cleanup = widget.render(context);
      // plotly's widget view sizes a figure once, when it is first drawn: one drawn while hidden (on a tab
      // not shown at load) stays 700 px wide, and none follows a window or a side panel. When the box's
      // width changes, size the figure to its box again, in this page only: plotly.js directly, marked
      // as the view marks the kernel's own changes so it is not reported back. (Not through the model:
      // a value set there is sent to the kernel with the view's next message, mixing a page's resize
      // into the kernel's channel for its own changes.) The first look happens when the box is first
      // measured, which on a busy machine can come before plotly has drawn: so look again a few times.
      let timer = 0, resizes = 0;
      const fit = () => {
        const drawn = el._fullLayout;
        if (drawn && el.clientWidth > 0 && Math.abs(drawn.width - el.clientWidth) > 2 && resizes < 50) {
          resizes++;
          plotly.relayout(el, { autosize: true, _doNotReportToPy: true });
        }
      };
      const observer = new ResizeObserver(() => { clearTimeout(timer); timer = setTimeout(fit, 100); });
      observer.observe(el);
      const later = [300, 1000, 3000].map((ms) => setTimeout(fit, ms));
      return () => {
        observer.disconnect();
        drawing.disconnect();
        model.off("change:accessible_name", name);
        later.forEach(clearTimeout);
        if (typeof cleanup === "function") cleanup();
      };
    },
  };
};
"""


class PlotlyModule(w.Widget):
    """plotly's widget JavaScript (about 5 MB), sent once per kernel and shared by every course figure.

    The source travels as one binary buffer, not as JSON text: a client with no page (nbval,
    nbconvert) then spends no time decoding it. ``key`` identifies the version, so a page
    evaluates the module once for all kernels.
    """

    source = traitlets.Bytes().tag(sync=True)
    key = traitlets.Unicode().tag(sync=True)


_plotly_modules: list[PlotlyModule] = []


def plotly_module() -> PlotlyModule:
    """The kernel's one PlotlyModule (made again if it was closed)."""
    if not _plotly_modules or _plotly_modules[0].comm is None:
        source = PLOTLY_WIDGET_BUNDLE.read_bytes()
        _plotly_modules[:] = [PlotlyModule(source=source, key=hashlib.sha256(source).hexdigest()[:16])]
    return _plotly_modules[0]


# plotly.js's Plotly.animate options: the new data at once, no redraw after it, a newer move
# interrupting one still queued
IN_PLACE = {"transition": {"duration": 0}, "frame": {"duration": 0, "redraw": False}, "mode": "immediate"}


def plotly_config() -> dict:
    """plotly's options for a course figure: no plotly logo and no "Share chart" button (it would send
    the figure's data to an outside server), and in Dutch plotly's own toolbar and messages in Dutch and
    numbers with a decimal comma (its locale, given whole: plotly.js ships no Dutch).

    >>> plotly_config()  # in English
    {'displaylogo': False, 'showSendToCloud': False}
    """
    options = {"displaylogo": False, "showSendToCloud": False}
    if get_language() != "nl":
        return options
    dutch = {"dictionary": dict(PLOTLY_DUTCH), "format": {"decimal": ",", "thousands": "."}}
    return {**options, "locale": "nl", "locales": {"nl": dutch}}


class CourseFigureWidget(go.FigureWidget):
    """A plotly FigureWidget whose JavaScript is sent and evaluated once per page, not once per figure."""

    _esm = SHARED_MODULE_LOADER
    _plotly_module = traitlets.Instance(PlotlyModule).tag(sync=True, **w.widget_serialization)
    # what a screen reader calls the figure ("Chart: <title>")
    accessible_name = traitlets.Unicode("").tag(sync=True)

    @traitlets.default("_plotly_module")
    def _default_plotly_module(self) -> PlotlyModule:
        return plotly_module()

    def __init__(self, *args, **kwargs) -> None:
        # plotly fills in the figure's data and layout only after ipywidgets has opened the widget's comm,
        # so the page first learns of an empty figure and gets data and layout in a second message. A view
        # rendered between the two (seen in JupyterLab on a busy machine) draws an empty layout, 360 px
        # tall with plotly's default margins and no title, and keeps it. Open the comm once the figure is
        # complete: the page then draws it from the first message.
        self._complete = False
        super().__init__(*args, **kwargs)
        self._config = plotly_config()
        self._complete = True
        self.open()

    def open(self) -> None:
        """Open the widget's comm, once the figure is complete (see ``__init__``)."""
        if getattr(self, "_complete", True):
            super().open()

    @contextmanager
    def batch_in_place(self) -> Iterator[None]:
        """Like ``batch_update``, but the page moves the changed traces without redrawing the figure:
        plotly's ``batch_animate`` with no transition and, unlike it, no redraw after the frame
        (``redraw: False``, which ``batch_animate`` cannot say). Axes, legend, shapes and titles stay
        as drawn, so use it only when they do not change (see :func:`moves_in_place`)."""
        self._in_batch_mode = True
        try:
            yield
        finally:
            self._in_batch_mode = False
            self._perform_batch_animate(IN_PLACE)


class FigurePanel(w.VBox):
    """A live plotly figure with its one-line text summary underneath and, one button away, its data as a
    table (the text route for a student who cannot see the figure); ``show`` updates in place, sending the
    browser only the trace and layout properties that changed.

    Build it with the figure the app starts with: a ``show`` before the page has drawn the figure
    sends a change the page never applies (seen in lesson 07, whose radar showed the sliders'
    defaults until the first move), so the page would draw the figure as first built.
    """

    def __init__(self, figure: go.Figure):
        self.figure = CourseFigureWidget(figure)
        self.figure.accessible_name = _name(figure)
        self.summary = plots.summary(figure)
        self.caption = w.HTML(_caption(self.summary))
        self.large = False
        self._layout = _layout(figure)
        self._normal = _size(self._layout)
        self.shown = figure  # the figure last shown, with its summary and table
        self.table_button = w.ToggleButton(value=False, description=t("table_show"), icon="table")
        self.table = w.HTML(layout=w.Layout(display="none"))
        self.table_button.observe(lambda change: self.show_table(change["new"]), names="value")
        super().__init__([self.figure, self.caption, self.table_button, self.table])

    def show(self, figure: go.Figure) -> None:
        """Make the live figure look like ``figure``."""
        layout = _layout(figure)
        self._normal = _size(layout)
        if self.large:
            figure.update_layout(_projected(self._normal))
            layout = _layout(figure)
        kinds = [trace.type for trace in figure.data]
        same_traces = kinds == [trace.type for trace in self.figure.data]
        if not same_traces:  # a different set of traces: replace them (outside a batch, as plotly requires)
            self.figure.data = ()
            self.figure.add_traces(list(figure.data))
        same_layout = same(layout, self._layout)
        in_place = same_traces and same_layout and moves_in_place(layout, kinds)
        with self.figure.batch_in_place() if in_place else self.figure.batch_update():
            if same_traces:
                for live, new in zip(self.figure.data, figure.data, strict=True):
                    changed = _changed(live.to_plotly_json(), new.to_plotly_json())
                    if changed:
                        live.update(changed)
            if not same_layout:
                self.figure.layout.update(layout, overwrite=True)
                self._layout = layout
        send_now()  # the figure first: the app's feedback comes after
        self.summary = plots.summary(figure)
        self.caption.value = _caption(self.summary)
        self.figure.accessible_name = _name(figure)
        self.shown = figure
        if self.table_button.value:
            self.table.value = figure_table_html(figure)

    def show_table(self, shown: bool) -> None:
        """Show the figure's data as a table under it, or hide it."""
        self.table.value = figure_table_html(self.shown) if shown else ""
        self.table.layout.display = None if shown else "none"
        self.table_button.description = t("table_hide" if shown else "table_show")

    def set_large(self, large: bool) -> None:
        """Projector mode: a larger font in a taller figure with wider margins, so titles, labels and
        legends keep their room and the plot area its height."""
        self.large = large
        self.figure.layout.update(_projected(self._normal) if large else self._normal)
        self._layout = _layout(self.figure)

    @property
    def text(self) -> str:
        """The figure's one-line summary."""
        return self.summary


def send_now() -> None:
    """Put the kernel's messages queued so far on the wire before the kernel goes on.

    ipykernel sends every message from its I/O thread, which needs the GIL to do so. While an app
    goes on computing after a figure update (its feedback), that thread got the GIL only when the
    interpreter's switch interval (5 ms) ran out: in lesson 07 the figure left the kernel 3.6–4.1 ms
    after it was queued, together with the messages before it. Waiting on an event that the I/O
    thread sets after them hands it the GIL at once. Outside a kernel (tests, scripts) nothing waits.
    """
    from IPython import get_ipython

    io_thread = getattr(getattr(get_ipython(), "kernel", None), "iopub_thread", None)
    schedule = getattr(io_thread, "schedule", None)
    if schedule is None:
        return
    sent = threading.Event()
    schedule(sent.set)  # runs after the messages queued before it (at once, if the thread is not running)
    sent.wait(0.05)


STATIC_FIGURE = (
    '<div class="course-figure" role="figure" aria-label="{name}"><script type="application/json">{spec}</script></div>'
)


def figure_html(figure: go.Figure) -> str:
    """A figure for a static page: its plotly JSON in a ``course-figure`` block that the page's script
    draws with the one shared plotly.js (the course site, ``tools/build_site.py``)."""
    spec = pio.to_json(figure, validate=False).replace("</", "<\\/")
    return STATIC_FIGURE.format(spec=spec, name=esc(_name(figure)))


def moves_in_place(layout: dict, trace_types: list[str]) -> bool:
    """Whether plotly.js can move a figure's traces without redrawing the rest, from its layout (as a
    dict) and its traces' types: scatter traces only (plotly animates them; bars, boxes and polar
    traces it redraws) on x and y axes with fixed ranges (a moved trace must not rescale an axis).

    >>> moves_in_place({"xaxis": {"range": [0, 9]}, "yaxis": {"range": [0, 1]}}, ["scatter", "scatter"])
    True
    >>> moves_in_place({"xaxis": {"range": [0, 9]}, "yaxis": {"title": "score"}}, ["scatter"])
    False
    >>> moves_in_place({"xaxis": {"range": [0, 9]}, "yaxis": {"range": [0, 1]}}, ["bar"])
    False
    """
    fixed = all(
        layout.get(axis, {}).get("range") is not None and not layout[axis].get("autorange")
        for axis in ("xaxis", "yaxis")
    )
    return fixed and bool(trace_types) and all(kind == "scatter" for kind in trace_types)


def _size(layout: dict) -> dict:
    """The font size, height, margins and title of a figure's layout (as a dict) as built: what projector
    mode enlarges. (Read from the dict: plotly's attribute access cost ~0.3 ms a slider move.)

    >>> _size({"height": 360, "margin": {"l": 60, "t": 100}, "title": {"text": "Fit", "pad": {"t": 30}}})
    {'font': {'size': 14}, 'height': 360, 'margin': {'l': 60, 't': 100}, 'title': {'text': 'Fit', 'pad': {'t': 30}}}
    """
    margin = layout.get("margin", {})
    title = layout.get("title", {})
    return {
        "font": {"size": layout.get("font", {}).get("size") or plots.FONT["size"]},
        "height": layout.get("height") or 420,
        "margin": {side: margin[side] for side in "lrtb" if margin.get(side) is not None},
        "title": {"text": title.get("text", ""), "pad": {"t": title.get("pad", {}).get("t", 0)}},
    }


# a title's line in projector mode holds fewer characters: its font is larger, the figure no wider
PROJECTOR_TITLE_CHARS = plots.TITLE_CHARS * plots.FONT_SIZE // PROJECTOR_FONT


def _projected(size: dict) -> dict:
    """``size`` for a projector: the font at :data:`PROJECTOR_FONT`, the height, margins and the title's
    room above it (below plotly's toolbar) scaled, and the title wrapped again for the larger font, each
    line it gains added to the top margin and the height.

    >>> title = {"text": "Profile of De Linde ward against the needs of Adults in acute psychosis", "pad": {"t": 30}}
    >>> large = _projected({"font": {"size": 14}, "height": 400, "margin": {"t": 100, "b": 40}, "title": title})
    >>> large["font"], large["height"], large["margin"]
    ({'size': 20}, 599, {'t': 179, 'b': 56})
    >>> large["title"]
    {'text': 'Profile of De Linde ward against the<br>needs of Adults in acute psychosis', 'pad': {'t': 64}}
    """
    title = size["title"]["text"]
    lines = plots.title_lines(title.replace("<br>", " "), PROJECTOR_TITLE_CHARS) if title else [""]
    extra = round(plots.TITLE_LINE * PROJECTOR_SCALE) * (len(lines) - 1 - title.count("<br>"))
    margin = {side: round(value * PROJECTOR_SCALE) for side, value in size["margin"].items()}
    if "t" in margin:
        margin["t"] += extra
    return {
        "font": {"size": PROJECTOR_FONT},
        "height": round(size["height"] * PROJECTOR_SCALE) + extra,
        "margin": margin,
        "title": {"text": "<br>".join(lines), "pad": {"t": round(plots.title_pad(lines) * PROJECTOR_SCALE)}},
    }


def _layout(figure: go.Figure) -> dict:
    """The layout without the template (set once) and the summary (shown as caption)."""
    layout = figure.layout.to_plotly_json()
    layout.pop("template", None)
    layout.pop("meta", None)
    return layout


def _changed(live: dict, new: dict) -> dict:
    """The properties of ``new`` whose values differ from ``live`` (trace ids aside)."""
    return {key: value for key, value in new.items() if key != "uid" and not same(live.get(key), value)}


def same(a: object, b: object) -> bool:
    """Whether two figure property values are equal: nested dicts and lists, numpy arrays (NaN equal
    to NaN, as a gap in a line is the same gap), numbers and strings.

    >>> same({"y": np.array([1.0, np.nan])}, {"y": [1.0, float("nan")]})
    True
    >>> same([1, 2], [1, 2, 3]) or same({"a": 1}, {"a": 1, "b": 2})
    False
    """
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        try:
            left, right = np.asarray(a), np.asarray(b)
        except ValueError:  # a ragged list is not an array: it differs from one
            return False
        if left.dtype.kind in "fiu" and right.dtype.kind in "fiu":
            return left.shape == right.shape and bool(np.array_equal(left, right, equal_nan=True))
        return same(left.tolist(), right.tolist())
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and bool(a == b)


def _name(figure: go.Figure) -> str:
    """What a screen reader calls the figure."""
    return t("figure_name", title=plots.title_text(figure))


def figure_table_html(figure: go.Figure) -> str:
    """The figure's data as an HTML table captioned with its title ("" for a figure without a table)."""
    table = plots.data_table(figure)
    return views.data_table_html(table, t("table_caption", title=plots.title_text(figure))) if table else ""


def _caption(summary: str) -> str:
    return f'<p class="course-figure-summary" style="color:#444">{esc(summary)}</p>'
