"""What a student or lecturer sees at 1280×720: layout measurements and accessibility checks in Chromium.

Shared by the browser tests (``tests/test_browser_lab.py``, ``tests/test_browser_voila.py``) and
exploration. :data:`LAYOUT_JS` measures, inside one page, every course app's slider tracks, the
controls whose content does not fit them, and the plot areas of its figures; :func:`axe_violations`
runs axe-core (Deque's WCAG 2 A/AA rules) over the course apps; :func:`english_fragments` is the English
text a Dutch app must not show.

axe-core is an npm package: ``python3 course.py test`` installs it from ``lock/npm/axe/`` into ``build/axe/`` where
:func:`axe_source` looks (``build/`` is not committed); ``$COURSE_AXE`` may name another ``axe.min.js``.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from pathlib import Path

from browsing import ROOT
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from course import AXE_PACKAGE, AXE_SCRIPT

AXE_INSTALL = f"npm ci in build/axe with lock/npm/{AXE_PACKAGE}/package-lock.json (python3 course.py test does it)"
AXE_PATHS = (AXE_SCRIPT, ROOT / "node_modules" / "axe-core" / "axe.min.js")
# How wide a course app is in JupyterLab at SCREEN with the file browser open (the browser tests hold
# JupyterLab to it), against 1100 px in Voila: the Dutch apps, whose labels run longest, are also
# checked at this width in Voila (tests/test_browser_voila.py), so JupyterLab runs the English ones.
LAB_APP_WIDTH = 848
APP_WIDTHS_JS = "() => [...document.querySelectorAll('.course-app')].map((a) => a.getBoundingClientRect().width)"
MIN_TRACK = 100  # px: a slider's track a student can still use
MIN_PLOT = 200  # px: the height of a figure's plot area

# Inside one drawn plotly figure (issue 28, projector mode at 1280×720): plotly's toolbar (modebar) over the
# title, the title over the legend, a text (title, annotation, tick, legend entry, bar value, axis or colour
# bar title) cut off by the figure's edge, and a tick label or bar value turned sideways (by 60° or more).
# The toolbar is measured where it is laid out: it shows while the mouse is over the figure.
FIGURE_GEOMETRY_JS = """
const figureGeometry = (p) => {
  const box = (e) => e.getBoundingClientRect();
  const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5
                          && b.top < a.bottom - 0.5;
  const drawn = (e) => { const r = box(e); return r.width > 0 && r.height > 0; };
  const svg = box(p.querySelector('.main-svg'));
  const titles = [...p.querySelectorAll('.gtitle')].filter(drawn);
  const bars = [...p.querySelectorAll('.modebar')].filter(drawn);
  const legends = [...p.querySelectorAll('.legend .bg')].filter(drawn);
  const covered = titles.filter((t) => bars.some((m) => meets(box(m), box(t)))).map((t) => t.textContent);
  const crowded = titles.filter((t) => legends.some((l) => meets(box(l), box(t)))).map((t) => t.textContent);
  const texts = [...p.querySelectorAll('.gtitle, .annotation-text, .xtick text, .ytick text, .legendtext, '
    + '.bartext, .g-xtitle text, .g-ytitle text, .cbtitle text, .cbaxis text, .angularaxistick text')].filter(drawn);
  const cut = texts.filter((t) => { const r = box(t); return r.left < svg.left - 1 || r.right > svg.right + 1
                                      || r.top < svg.top - 1 || r.bottom > svg.bottom + 1; })
    .map((t) => `${t.textContent.slice(0, 40)} (${Math.round(box(t).left - svg.left)} px from the left, `
                + `${Math.round(svg.right - box(t).right)} from the right)`);
  const angle = (e) => { const m = /rotate\\((-?[\\d.]+)/.exec(e.getAttribute('transform') || '');
                         return m ? Math.abs(parseFloat(m[1])) % 180 : 0; };
  const sideways = [...p.querySelectorAll('.xtick text, .ytick text, .bartext')].filter(drawn)
    .filter((t) => angle(t) >= 60 && angle(t) <= 120).map((t) => t.textContent);
  return {covered, crowded, cut, sideways};
};
"""
# Per course app: slider tracks, clipped controls and plot areas, for the elements shown now.
LAYOUT_JS = (
    """() => {
"""
    + FIGURE_GEOMETRY_JS
    + """
  const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
                          && e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden'; };
  const name = (e) => ((e.closest('.widget-inline-hbox') || e).innerText || e.value || '')
    .trim().split('\\n')[0].slice(0, 60);
  const apps = [...document.querySelectorAll('.course-app')];
  const within = (selector) => apps.flatMap((a) => [...a.querySelectorAll(selector)]).filter(shown);
  const sliders = within('.widget-slider').map((s) => {
    const track = s.querySelector('.noUi-target');
    return {name: name(s), track: track ? Math.round(track.getBoundingClientRect().width) : 0};
  });
  // a label cut off with an ellipsis may report no overflow: compare its text with its content box
  const textWidth = (e) => { const r = document.createRange(); r.selectNodeContents(e);
                             return r.getBoundingClientRect().width; };
  const contentWidth = (e) => { const s = getComputedStyle(e);
                                return e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); };
  const clipped = within('button, select, input[type=text], textarea, .widget-label, .widget-readout')
    .filter((e) => e.scrollWidth > e.clientWidth + 1
                   || (e.matches('.widget-label') && textWidth(e) > contentWidth(e) + 1))
    .map((e) => ({name: (e.innerText || e.value || e.getAttribute('title') || e.tagName).trim().slice(0, 60),
                  scroll: e.scrollWidth, client: e.clientWidth}));
  const plots = within('.js-plotly-plot').filter((p) => p._fullLayout).map((p) => ({
    title: (((p.layout || {}).title || {}).text || '').slice(0, 60), area: Math.round(p._fullLayout._size.h),
    width: Math.round(p._fullLayout.width), box: Math.round(p.getBoundingClientRect().width),
    ...figureGeometry(p)}));
  // an app no wider than the window, its content no wider than the app
  const wide = apps.filter(shown).map((a) => ({right: Math.round(a.getBoundingClientRect().right),
    scroll: a.scrollWidth, client: a.clientWidth, window: document.documentElement.clientWidth}))
    .filter((a) => a.right > a.window + 1 || a.scroll > a.client + 1);
  return {sliders, clipped, plots, wide};
}"""
)


def layout_problems(measured: dict) -> list[str]:
    """What :data:`LAYOUT_JS` found wrong, one line each (empty when the layout holds up).

    >>> layout_problems({"sliders": [{"name": "goal", "track": 10}], "clipped": [],
    ...                  "plots": [{"title": "Profile", "area": 250, "width": 700, "box": 700}]})
    ['slider track 10 px wide (< 100): goal']
    """
    problems = [
        f"slider track {s['track']} px wide (< {MIN_TRACK}): {s['name']}"
        for s in measured["sliders"]
        if s["track"] < MIN_TRACK
    ]
    problems += [f"clipped ({c['scroll']} px of content in {c['client']} px): {c['name']}" for c in measured["clipped"]]
    problems += [
        f"plot area {p['area']} px tall (< {MIN_PLOT}): {p['title']}" for p in measured["plots"] if p["area"] < MIN_PLOT
    ]
    problems += [
        f"figure drawn {p['width']} px wide in a {p['box']} px box: {p['title']}"
        for p in measured["plots"]
        if abs(p["width"] - p["box"]) > 4
    ]
    problems += figure_problems(measured["plots"])
    problems += [
        f"app {a['scroll']} px of content in {a['client']} px, its right edge at {a['right']} px "
        f"in a window {a['window']} px wide"
        for a in measured.get("wide", [])
    ]
    return problems


def figure_problems(plots: list[dict]) -> list[str]:
    """What :data:`FIGURE_GEOMETRY_JS` found wrong in each figure, one line each.

    >>> figure_problems([{"title": "Fit", "covered": ["Fit"], "cut": ["de helft van de k"], "sideways": []}])
    ["plotly's toolbar over the title: Fit", 'text cut off by the figure: de helft van de k (Fit)']
    """
    problems = []
    for plot in plots:
        problems += [f"plotly's toolbar over the title: {title}" for title in plot.get("covered", [])]
        problems += [f"the legend over the title: {title}" for title in plot.get("crowded", [])]
        problems += [f"text cut off by the figure: {text} ({plot['title']})" for text in plot.get("cut", [])]
        problems += [f"turned sideways: {text} ({plot['title']})" for text in plot.get("sideways", [])]
    return problems


def axe_source() -> str:
    """axe-core's script; a clear failure (never a skip) when it is not installed."""
    candidates = [Path(os.environ["COURSE_AXE"])] if os.environ.get("COURSE_AXE") else list(AXE_PATHS)
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise AssertionError(
        "axe-core is not installed, so the accessibility checks cannot run. From the course folder run:\n"
        f"    {AXE_INSTALL}\n(or set COURSE_AXE to an axe.min.js)"
    )


AXE_RUN_JS = """async (selector) => {
  const apps = [...document.querySelectorAll(selector)];
  const result = await axe.run(apps.length ? {include: apps.map((e) => [e])} : document,
    {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']});
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5)
      .map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))
      .concat(v.nodes.length > 5 ? [`... and ${v.nodes.length - 5} more`] : [])}));
}"""


def axe_violations(page, selector: str = ".course-app") -> list[dict]:
    """The WCAG 2 A/AA violations axe-core finds inside the elements matching ``selector``."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    return page.evaluate(AXE_RUN_JS, selector)


def tabs_in_turn(page):
    """Show every tab of every course app in turn (and the first ones again at the end): yields the
    number of tabs shown so far, 0 for the page as loaded."""
    tabs = page.locator(".course-app .widget-tab .lm-TabBar-tab")
    yield 0
    for index in range(tabs.count()):
        tabs.nth(index).scroll_into_view_if_needed()
        tabs.nth(index).click()
        page.wait_for_timeout(150)  # a figure drawn while hidden is sized again when shown (settle waits for it)
        yield index + 1
    firsts = page.locator(".course-app .widget-tab .lm-TabBar-tab:first-child")
    for index in range(firsts.count()):
        firsts.nth(index).click()


# Every shown figure drawn at its box's width (a figure re-fits itself after rendering; on a busy
# machine that can take a moment after the cell has run).
FIGURES_FIT_JS = """() => [...document.querySelectorAll('.course-app .js-plotly-plot')]
  .filter((p) => p._fullLayout && p.getBoundingClientRect().width > 0)
  .every((p) => Math.abs(p._fullLayout.width - p.getBoundingClientRect().width) <= 4)"""


def settle(page, timeout_ms: int = 5000) -> None:
    """Wait until the shown figures fit their boxes, at most ``timeout_ms``; what is still off is a problem."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(FIGURES_FIT_JS, timeout=timeout_ms)


def whole_screenshot(page, element, path: Path) -> None:
    """A screenshot of ``element`` whole, for a person to look at: a Voila app scrolls inside the page,
    and Chromium paints only what is in view, so an app taller than the window comes out blank above
    or below. The window is made tall enough for a moment and then set back."""
    viewport = page.viewport_size
    height = int(element.evaluate("(e) => e.scrollHeight")) + 100
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    settle(page)
    element.screenshot(path=str(path))
    page.set_viewport_size(viewport)
    settle(page)


def screen_problems(page) -> list[str]:
    """Everything :func:`layout_problems` finds with each tab of the page shown in turn."""
    problems: list[str] = []
    for shown in tabs_in_turn(page):
        settle(page)
        problems += [f"(tab {shown}) {p}" if shown else p for p in layout_problems(page.evaluate(LAYOUT_JS))]
    return sorted(set(problems))


# Switch projector mode in every app and time it: from the click to every figure drawn again in
# its new size (its font at projector size or back); a figure still not redrawn after 20 s fails
# the call with a message instead of leaving it waiting for ever.
PROJECTOR_JS = """async (on) => {
  const plots = [...document.querySelectorAll('.course-app .js-plotly-plot')].filter((p) => p._fullLayout);
  const switched = (p) => (p._fullLayout.font.size >= 20) === on;
  const started = performance.now();
  for (const button of document.querySelectorAll('.course-app > .widget-hbox button.widget-toggle-button')) {
    if (button.classList.contains('mod-active') !== on) button.click();
  }
  while (!plots.every(switched)) {
    if (performance.now() - started > 20000) {
      // whether the kernel took the switch (it marks the app) tells a lost click from a lost figure update
      const marked = document.querySelectorAll('.course-app.course-large').length;
      throw new Error(`projector mode ${on ? 'on' : 'off'}: ${plots.filter((p) => !switched(p)).length} of `
                      + `${plots.length} figures not drawn in the new size after 20 s (font sizes `
                      + `${plots.map((p) => p._fullLayout.font.size)}; apps marked large: ${marked})`);
    }
    await new Promise((done) => setTimeout(done, 10));
  }
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return performance.now() - started;
}"""


def projector(page, on: bool = True) -> float:
    """Switch projector mode on (or off) in every course app of the page; the milliseconds it took."""
    return page.evaluate(PROJECTOR_JS, on)


@functools.cache
def english_fragments() -> frozenset[str]:
    """The English interface and data text: every label's English (the fixed parts between its
    placeholders) and the course data's English columns. A Dutch label left in English shows up too."""
    from helpers.course_data import load_course
    from helpers.text import LABELS

    fragments = set()
    for english, _ in LABELS.values():
        fragments.update(part.strip() for part in re.split(r"\{[^}]*\}", english))
    course = load_course()
    for frame in (course.functions, course.wards, course.client_groups, course.conditions, course.zingeving):
        for column in [c for c in frame.columns if c.endswith("_en")]:
            fragments.update(str(v).strip() for v in frame[column] if isinstance(v, str))
    # a fragment must say something: two words and ten letters or more ("of the" occurs in the titles of
    # English works the Dutch lesson cites; single words like names and "α" are the same in both languages)
    return frozenset(f for f in fragments if len(f.split()) >= 2 and len(f) >= 10)
