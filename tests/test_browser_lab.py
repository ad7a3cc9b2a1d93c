"""Real-browser test: every notebook runs in JupyterLab in headless Chromium without errors, its widgets and
plotly figures render, and a slider change updates its figure; on the same run, a keyboard user does the app's
journey and a student what the lesson asks (score, commit, save, restart the kernel, load)."""

from __future__ import annotations

import functools
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from browsing import (
    FIGURE_DRAWN_JS,
    FIGURE_STATE_JS,
    LIVE_OUTPUTS_JS,
    POLL_MS,
    SCREENSHOTS,
    code_cells,
    load_voila_app,
    run_all_cells,
    wait_until_figure_changes,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from screens import (
    APP_WIDTHS_JS,
    LAB_APP_WIDTH,
    english_fragments,
    projector,
    screen_problems,
    settle,
    whole_screenshot,
)

from helpers import set_language, t
from helpers.course_data import load_course
from tests.conftest import ROOT
from tests.journeys import JOURNEY_OF, keyboard_journey

# The English lessons and the lecturer's dashboard. Their Dutch copies run the same code with other
# labels: the language test below runs Dutch lessons in JupyterLab, and the Voila test checks every
# Dutch app's layout also at the width an app has here (LAB_APP_WIDTH), where long labels are cut first.
NOTEBOOKS = sorted(
    p.relative_to(ROOT / "notebooks").as_posix()
    for p in (ROOT / "notebooks").rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts and "nl" not in p.relative_to(ROOT / "notebooks").parts
)
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_VIEW = '.jp-OutputArea-output > .lm-Widget[class*="widget-"]'  # a rendered ipywidgets view
LIVE_FIGURES_DRAWN_JS = """() => [...document.querySelectorAll('.course-live-figure')]
  .every((box) => box.querySelector('.js-plotly-plot .main-svg'))"""

pytestmark = pytest.mark.browser


def check_slider_updates_figure(page) -> float | None:
    """Move the first slider that shares an output with a figure; return the update time in ms."""
    outputs = (
        page.locator(".jp-OutputArea-output")
        .filter(has=page.locator(".widget-slider"))
        .filter(has=page.locator(".js-plotly-plot"))
    )
    if outputs.count() == 0:
        return None
    output = outputs.first
    output.scroll_into_view_if_needed()
    plot = output.locator(".js-plotly-plot").first
    before = plot.evaluate(FIGURE_STATE_JS)
    handle = output.locator(".widget-slider .noUi-handle").first
    handle.click()
    started = time.monotonic()
    page.keyboard.press("ArrowRight")
    for _ in range(100):
        if plot.evaluate(FIGURE_STATE_JS) != before:
            break
        time.sleep(0.05)
    else:  # a slider at its maximum does not move: go the other way
        started = time.monotonic()
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        wait_until_figure_changes(page, plot, before, timeout_ms=5_000)
    return (time.monotonic() - started) * 1000


def check_every_figure_renders(page) -> int:
    """Every plotly figure, including those on tabs not shown at first, draws at a real size.
    Returns how many figures were checked."""
    tabs = page.locator(".widget-tab .lm-TabBar-tab")
    for index in range(tabs.count() + 1):
        if index:
            tabs.nth(index - 1).scroll_into_view_if_needed()
            tabs.nth(index - 1).click()
        visible = page.locator(".js-plotly-plot:visible")
        for number in range(visible.count()):
            plot = visible.nth(number)
            plot.scroll_into_view_if_needed()
            page.wait_for_timeout(100)
            box = plot.locator(".main-svg").first.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 100, f"a figure did not render: {box}"
            drawn = plot.evaluate(FIGURE_DRAWN_JS)
            assert drawn["traces"] > 0 and drawn["title"], f"a figure is empty: {drawn}"
            plot.evaluate("(element) => element.setAttribute('data-course-checked', '1')")
    total = page.locator(".js-plotly-plot").count()
    checked = page.locator(".js-plotly-plot[data-course-checked]").count()
    assert checked == total, f"only {checked} of {total} figures could be shown"
    if tabs.count():
        tabs.first.click()
    return total


def open_and_run(page, name: str) -> None:
    """Open notebooks/``name`` in the JupyterLab page and run all its cells."""
    path = f"notebooks/{name}"
    page.errors.clear()
    page.evaluate("(path) => { window.jupyterapp.commands.execute('docmanager:open', {path}); }", path)
    page.wait_for_function(
        "(path) => { const w = window.jupyterapp.shell.currentWidget;"
        " return w && w.context && w.context.path === path && w.content && w.content.widgets.length > 0; }",
        arg=path,
        timeout=60_000,
        polling=POLL_MS,
    )
    run_all_cells(page, code_cells(ROOT / path))
    # the figures draw once plotly.js has loaded, which on a busy machine can be after the last cell ran
    page.wait_for_function(LIVE_FIGURES_DRAWN_JS, timeout=60_000, polling=POLL_MS)


def close_notebook(page, lab) -> None:
    """Close the open notebook without saving (its outputs are not kept) and shut its kernel down."""
    page.evaluate(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " if (w && w.context) { w.context.model.dirty = false; w.dispose(); } }"
    )
    lab.close_sessions()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_renders_in_jupyterlab(lab, lab_page, browser, name):
    """The notebook runs in JupyterLab at 1280×720 with the file browser open. On the page where it ran, the app's
    keyboard journey (lessons 03, 06, 07 and the dashboard) and what the lesson asks of a student (``FOLLOW_UPS``:
    score, commit, save, restart the kernel, load, reopen…); then: no error output, every widget rendered at a usable
    size, no layout problem, every figure drawn, a slider moves its figure, no page error, no outside request."""
    page = lab_page
    before = len(browser.outside_requests)
    try:
        open_and_run(page, name)
        if name in JOURNEY_OF:  # from the notebook, a keyboard user does the app's journey (tests/journeys.py)
            keyboard_journey(page, name, in_jupyterlab=True)
        for follow_up in FOLLOW_UPS.get(name, ()):  # what the lesson asks of a student (below): the checks hold after
            follow_up(page)
        outputs = page.evaluate(LIVE_OUTPUTS_JS)
        errors = [o for o in outputs if o["output_type"] == "error"]
        assert not errors, "\n".join(f"{e['ename']}: {e['evalue']}" for e in errors)

        widget_outputs = sum(WIDGET_MIME in o.get("data", {}) for o in outputs)
        rendered = page.locator(WIDGET_VIEW)
        assert rendered.count() == widget_outputs
        for index in range(rendered.count()):
            box = rendered.nth(index).bounding_box()
            assert box and box["height"] > 10, f"widget {index} has no size"
        body = page.inner_text("body")
        assert "Error displaying widget" not in body and "Failed to load model class" not in body

        # at 1280×720 with the file browser open: slider tracks, controls and plot areas keep a usable size
        widths = page.evaluate(APP_WIDTHS_JS)
        assert widths and all(abs(width - LAB_APP_WIDTH) <= 2 for width in widths), (
            f"course apps {widths} px wide in JupyterLab: set LAB_APP_WIDTH, which the Dutch apps are checked at"
        )
        problems = screen_problems(page)
        assert problems == [], "\n".join(problems)

        static_figures = sum("application/vnd.plotly.v1+json" in o.get("data", {}) for o in outputs)
        figures = check_every_figure_renders(page)
        assert figures >= max(1, static_figures), "every lesson shows at least one figure"

        latency = check_slider_updates_figure(page)
        if rendered.count() and page.locator(".widget-slider").count():
            assert latency is not None, "a slider exists but no slider shares an output with a figure"

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = rendered.first
        if target.count():
            target.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / (Path(name).stem + ".png")))
        assert not page.errors, page.errors
        assert browser.outside_requests[before:] == [], "the lesson contacted an outside host"
    finally:
        close_notebook(page, lab)


def projector_mode_keeps_every_figure_whole(page, name: str) -> None:
    """Issue 28, projector mode where a lecturer projects JupyterLab itself (1280×720, the file browser open,
    the app 848 px wide): on every tab the toolbar clear of each title, no text cut off by a figure's edge, no
    tick label or bar value turned sideways, nothing wider than the app; the app keeps JupyterLab's width. The
    first figure is kept in build/screenshots/ with plotly's toolbar showing."""
    projector(page, on=True)
    settle(page)
    assert all(abs(width - LAB_APP_WIDTH) <= 2 for width in page.evaluate(APP_WIDTHS_JS))
    problems = screen_problems(page)
    assert problems == [], "projector mode in JupyterLab:\n" + "\n".join(problems)
    plot = page.locator(".course-app .js-plotly-plot:visible").first
    plot.scroll_into_view_if_needed()
    plot.hover()
    page.screenshot(path=str(SCREENSHOTS / f"lab_{Path(name).stem}_projector.png"))


@pytest.mark.parametrize("name", ["nl/04_passend_voor_de_clientengroep.ipynb", "nl/docent/klasdashboard.ipynb"])
def test_projector_mode_in_jupyterlab_at_1280x720_keeps_every_figure_whole(lab, lab_page, name):
    """The longest titles and labels (Dutch) projected in JupyterLab (a vignette's: ``FOLLOW_UPS``)."""
    page = lab_page
    try:
        open_and_run(page, name)
        projector_mode_keeps_every_figure_whole(page, name)
    finally:
        close_notebook(page, lab)


def test_voila_inside_jupyterlab_contacts_no_outside_host(lab, browser):
    """Issue 28: Voila served by JupyterLab's server (/voila/render, as on the class hub) asked
    cdnjs.cloudflare.com for MathJax 2 (typesetting every markdown cell) and cdn.jsdelivr.net for Font
    Awesome. With course.py's OFFLINE_LAB it uses the course's template and its bundled MathJax 3. The
    template is the same for every notebook: one lesson is loaded."""
    before = len(browser.outside_requests)
    _, page = load_voila_app(browser, lab, "05_two_views_of_recovery.ipynb")
    try:
        page.wait_for_timeout(1000)  # a typesetter loads its script after the page has drawn
        assert page.locator(".course-app button .fa").count() > 0, "the buttons keep their icons"
        icon = page.locator(".course-app button .fa").first
        assert icon.evaluate("(i) => getComputedStyle(i, '::before').fontFamily").find("Font Awesome") >= 0
        assert browser.outside_requests[before:] == [], "Voila in JupyterLab contacted an outside host"
    finally:
        page.close()


def traces(plot) -> int:
    return plot.evaluate("(element) => (element.data || []).length")


# The lines a figure shows now, and those plotly draws for the same data and size from scratch
DRAWN_AND_FRESH_JS = """async (plot) => {
  const lines = (element) => [...element.querySelectorAll('.scatterlayer .trace path.js-line')]
    .map((path) => path.getAttribute('d'));
  const fresh = document.createElement('div');
  fresh.style.cssText = 'position: absolute; left: -5000px; top: 0';
  document.body.appendChild(fresh);
  const data = plot.data.map((trace) => ({...trace, x: Array.from(trace.x), y: Array.from(trace.y)}));
  const size = {width: plot._fullLayout.width, height: plot._fullLayout.height};
  await window.Plotly.newPlot(fresh, data, {...plot.layout, ...size});
  const drawn = {shown: lines(plot), fresh: lines(fresh), points: plot.calcdata.map((trace) => trace.length)};
  window.Plotly.purge(fresh);
  fresh.remove();
  return drawn;
}"""


def simulation_lines_moved_in_place_are_drawn_as_plotly_draws_them_afresh(page) -> None:
    """Lesson 01's lines move without a redraw of the figure (decision record 0010): after each kind of
    slider move, fewer and more members included, they match a fresh drawing of the same data."""
    app = page.locator(".course-app").filter(has=page.locator(".widget-slider")).first
    app.scroll_into_view_if_needed()
    plot = app.locator(".js-plotly-plot").first
    sliders = app.locator(".widget-slider .noUi-handle")
    seen = [plot.evaluate(DRAWN_AND_FRESH_JS)["shown"]]
    for slider, key, presses, lines in ((0, "ArrowLeft", 5, 4), (4, "ArrowRight", 2, 4), (0, "ArrowRight", 17, 21)):
        before = plot.evaluate(FIGURE_STATE_JS)
        sliders.nth(slider).focus()
        for _ in range(presses):
            page.keyboard.press(key)
        wait_until_figure_changes(page, plot, before)
        page.wait_for_timeout(1000)  # every key press answered
        drawn = plot.evaluate(DRAWN_AND_FRESH_JS)
        assert len(drawn["shown"]) == lines, drawn["points"]  # 3 or 20 members: the others' lines, 0, the mean
        assert drawn["shown"] == drawn["fresh"]
        assert drawn["shown"] not in seen
        seen.append(drawn["shown"])
    page.screenshot(path=str(SCREENSHOTS / "01_simulation_moved_in_place.png"))
    assert not page.errors, page.errors


def label(key: str, language: str, **values) -> str:
    """A label of the course in ``language``."""
    set_language(language)
    try:
        return t(key, **values)
    finally:
        set_language("en")


def save_as(app, pseudonym: str, language: str) -> None:
    """Type ``pseudonym`` in the app's save box and Save; wait until the status says where it was saved."""
    box = app.get_by_role("textbox", name=label("pseudonym", language))
    box.fill(pseudonym)
    box.press("Enter")
    app.get_by_role("button", name=label("save", language)).click()
    status = label("saved_to", language, path="").rstrip()
    # this save's status (not a hint with the words, nor an earlier save's status on the same page)
    shown = app.locator(".course-good", has_text=status).filter(has_text=f"{pseudonym}.json")
    status_shown(app, shown, f"saved as {pseudonym}")


def load_as(app, pseudonym: str, language: str) -> None:
    """Type ``pseudonym`` in the app's save box and Load; wait until the status says it was loaded."""
    box = app.get_by_role("textbox", name=label("pseudonym", language))
    box.fill(pseudonym)
    box.press("Enter")
    app.get_by_role("button", name=label("load", language)).click()
    shown = app.locator(".course-good").filter(has_text=label("loaded_from", language, when="")[:12])
    status_shown(app, shown, f"loaded {pseudonym}")


def status_shown(app, shown, what: str) -> None:
    """Wait until ``shown`` (a save box's status) is visible; if it never is, fail with what the box says. The
    kernel answers a click in well under a second, but in a full run on two busy cores it took over 10 s once."""
    try:
        shown.wait_for(timeout=30_000)
    except PlaywrightTimeout:
        said = app.locator(".course-good, .course-bad, .course-error").all_inner_texts()
        raise AssertionError(f"not {what} after 30 s; the app's status lines: {said}") from None


def restart_and_run(page, name: str) -> None:
    """Restart the kernel of notebooks/``name``, open in the page (no dialog), and run every cell again."""
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
    run_all_cells(page, code_cells(ROOT / "notebooks" / name))


def ward_scorer_save_restart_load_brings_back_the_ward_and_the_committed_feedback(page) -> None:
    """Issue 10: a student scores the third ward and commits (the reference joins the radar, the verdicts and
    the differences show) and saves; the kernel restarts (the dropdown is back on the first ward); the
    pseudonym and Load bring back that ward, the reference on the radar and the verdicts."""
    name = "03_scoring_a_ward.ipynb"
    app = page.locator(".course-app").filter(has_text="Ward scorer").first
    ward = app.locator(".widget-dropdown select").first
    ward.select_option(index=2)
    chosen = ward.evaluate("(select) => select.options[select.selectedIndex].text")
    radar = app.locator(".js-plotly-plot").first
    page.wait_for_function("(element) => element.data.length === 1", arg=radar.element_handle())  # no reference
    app.get_by_role("button", name="Commit").click()
    page.wait_for_function("(element) => element.data.length === 2", arg=radar.element_handle(), timeout=10_000)
    app.locator("text=Equilibrium from the reference").scroll_into_view_if_needed()
    assert app.locator("tr.course-large-diff").count() >= 1
    assert app.locator("text=Zingeving from the reference").count() == 1
    radar.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "03_ward_scorer_committed.png"))
    save_as(app, "resume_heron", "en")

    restart_and_run(page, name)
    app = page.locator(".course-app").filter(has_text="Ward scorer").first
    ward = app.locator(".widget-dropdown select").first
    assert ward.evaluate("(select) => select.selectedIndex") == 0, "a restarted kernel starts on the first ward"
    radar = app.locator(".js-plotly-plot").first
    assert traces(radar) == 1
    load_as(app, "resume_heron", "en")
    assert ward.evaluate("(select) => select.options[select.selectedIndex].text") == chosen
    page.wait_for_function("(element) => element.data.length === 2", arg=radar.element_handle(), timeout=10_000)
    assert app.locator("text=Equilibrium from the reference").count() == 1
    assert app.locator("text=Zingeving from the reference").count() == 1
    radar.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "03_ward_scorer_resumed_after_restart.png"))


NOTE = ".course-reopen"  # where an app was, in a lesson opened again without the kernel that drew it


def a_reopened_lesson_says_how_to_start_its_app_instead_of_an_error(page) -> None:
    """Point 3: the lesson saved with its outputs, closed with its kernel shut down and opened again shows,
    where its app was, 'Run this cell to start …' (and not 'Error displaying widget: model not found');
    running its cells brings the app back and the note goes. The lesson's file is put back as committed after.
    In English: the note's Dutch words are a label like any other (tests/test_text.py holds both)."""
    name, language = "03_scoring_a_ward.ipynb", "en"
    path = f"notebooks/{name}"
    assert page.locator(NOTE).count() >= 1 and not page.locator(f"{NOTE}:visible").count()
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=20_000)
    page.evaluate(  # closed, and its kernel shut down
        "async () => { const w = window.jupyterapp.shell.currentWidget;"
        " await w.sessionContext.shutdown(); w.dispose(); }"
    )
    try:
        page.evaluate("(path) => { window.jupyterapp.commands.execute('docmanager:open', {path}); }", path)
        note = page.locator(f"{NOTE}:visible").filter(has_text=label("scorer_title", language)).first
        note.wait_for(timeout=60_000)
        expected = label("reopen_note", language, app=label("scorer_title", language))
        assert note.inner_text().strip() == f"▶ {expected}"
        assert "Error displaying widget" not in page.inner_text(".jp-Notebook")
        note.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"03_reopened_without_kernel_{language}.png"))
        run_all_cells(page, code_cells(ROOT / path))
        page.locator(".course-app").filter(has_text=label("scorer_title", language)).first.wait_for(timeout=60_000)
        page.wait_for_function(
            f"() => [...document.querySelectorAll('{NOTE}')].every((note) => !note.checkVisibility())",
            timeout=20_000,
        )
        page.wait_for_function(LIVE_FIGURES_DRAWN_JS, timeout=60_000, polling=POLL_MS)
    finally:
        committed = json.loads(nbformat.writes(nbformat.read(ROOT / path, as_version=4)))
        page.evaluate(
            "([path, content]) => window.jupyterapp.serviceManager.contents.save(path,"
            " {type: 'notebook', format: 'json', content}).then(() => true)",
            [path, committed],
        )


def vignette_scorer_tags_commits_and_comes_back_after_a_restart(page) -> None:
    """A student picks the third vignette, tags every move, chooses a dimension for one and commits: each
    move is marked against the key, the chart shows the key beside the tags, a rewrite is listed as text.
    After saving and a kernel restart the scorer opens on the lesson's vignette with no key; Load brings
    back theirs with the key and the marks (issue 10)."""
    name = "06_case_vignettes.ipynb"
    app = page.locator(".course-app").filter(has_text="Vignette scorer").first
    vignette = app.locator(".widget-dropdown select").first
    personal = app.locator(".widget-toggle-buttons").get_by_role("button", name="personal")
    clinical = app.locator(".widget-toggle-buttons").get_by_role("button", name="clinical")
    first_row = personal.first.element_handle()
    vignette.select_option(index=2)
    chosen = vignette.evaluate("(select) => select.options[select.selectedIndex].text")
    page.wait_for_function("(button) => !button.isConnected", arg=first_row, timeout=10_000)  # rows rebuilt
    course = load_course()
    moves = len(course.vignettes[list(course.vignettes)[2]].moves)
    expect(personal).to_have_count(moves)
    assert moves >= 6 and clinical.count() == moves
    for number in range(moves):
        (personal if number % 2 else clinical).nth(number).click()
    app.locator(".widget-dropdown select").nth(1).select_option(index=1)
    app.get_by_role("button", name="Commit").click()
    agreement = app.locator("text=Orientation: you agreed with the key")
    agreement.wait_for(timeout=10_000)
    # the summary and each move's mark are separate outputs: on a busy machine the marks can show a moment later
    marks = app.locator("text=/[✔✘] orientation/")
    expect(marks).to_have_count(moves, timeout=10_000)
    expect(app.locator("text=/[✔✘] dimension/")).to_have_count(1)  # judged apart, only where one was chosen
    expect(app.locator(f"text=Dimension: you chose one for 1 of the {moves} moves")).to_have_count(1)
    assert app.locator("text=Key:").count() >= 1
    chart = app.locator(".js-plotly-plot").first
    page.wait_for_function("(element) => element.data.length === 2", arg=chart.element_handle(), timeout=10_000)
    app.locator("textarea").first.fill("<b>Ask Fatima</b> what she wants first")
    app.locator("textarea").first.blur()
    preview = app.locator("li", has_text="Ask Fatima")  # under "Your rewrites:", with its move
    preview.wait_for(timeout=10_000)
    assert "<b>Ask Fatima</b>" in preview.inner_text()  # shown as text, not as HTML
    agreement.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "06_vignette_scorer_committed.png"))
    save_as(app, "resume_owl", "en")

    restart_and_run(page, name)
    app = page.locator(".course-app").filter(has_text="Vignette scorer").first
    vignette = app.locator(".widget-dropdown select").first
    assert vignette.evaluate("(select) => select.options[select.selectedIndex].text") != chosen
    assert app.locator("text=Key:").count() == 0, "a restarted kernel shows no key before the commit"
    load_as(app, "resume_owl", "en")
    assert vignette.evaluate("(select) => select.options[select.selectedIndex].text") == chosen
    app.locator("text=Key:").first.wait_for(timeout=10_000)
    expect(app.locator("text=/[✔✘] orientation/"), "the student's tags came back").to_have_count(moves, timeout=10_000)


def set_up_title_shown(app, fictional: str) -> str:
    """The title of lesson 00's set-up check (``app``) as the screen shows it, without the "fictional" mark."""
    return app.locator("h3").first.inner_text().replace(fictional, "").strip()


def quoted_in_lesson_00(name: str) -> list[str]:
    """What the answers of lesson 00 (``name``) quote in italics: the set-up check's title in the other language."""
    answer = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    return re.findall(r"\*([^*\n]+)\*", "\n".join(c.source for c in answer.cells if "<details>" in c.source))


def test_the_language_choice_survives_a_kernel_restart_and_a_move_to_another_lesson(lab, lab_page):
    """A student chooses Dutch in the English lesson 00: after a kernel restart lesson 00's widgets are
    Dutch, with the set-up check's title lesson 00 quotes (issue 28, point 6), and so are lesson 03's, its
    feedback after committing too: no English label or data text in the ward scorer (a screenshot is kept);
    with no choice saved, an English lesson opens in English."""
    page, settings = lab_page, lab.root.parent / "my_work" / "settings.json"
    try:
        open_and_run(page, "00_start_here.ipynb")
        assert page.locator(".course-app", has_text="Set-up check").count() == 1
        page.locator(".widget-toggle-buttons").get_by_role("button", name="Nederlands").click()
        page.wait_for_timeout(1000)
        assert json.loads(settings.read_text(encoding="utf-8"))["language"] == "nl"
        restart_and_run(page, "00_start_here.ipynb")
        set_up = page.locator(".course-app", has_text="Werkt alles?").first
        set_up.wait_for(timeout=20_000)
        assert page.locator(".course-app", has_text="Set-up check").count() == 0
        shown, quoted = set_up_title_shown(set_up, "Fictief voorbeeld"), quoted_in_lesson_00("00_start_here.ipynb")
        assert shown in quoted, f"the screen shows {shown!r}; lesson 00 quotes {quoted}"
        close_notebook(page, lab)
        open_and_run(page, "03_scoring_a_ward.ipynb")
        app = page.locator(".course-app", has_text="Afdeling scoren").first
        app.wait_for(timeout=20_000)
        app.get_by_role("button", name="Vastleggen").click()
        app.locator("text=Evenwicht volgens de referentie").wait_for(timeout=20_000)
        shown = app.inner_text()
        assert sorted(f for f in english_fragments() if f in shown) == []
        whole_screenshot(page, app, SCREENSHOTS / "03_ward_scorer_committed_in_dutch.png")
    finally:
        close_notebook(page, lab)
        settings.unlink(missing_ok=True)  # the module's other tests share this student folder: English again


def quiz_answers_are_saved_and_come_back_after_a_restart(page, name: str, title: str, items: int) -> None:
    """Issue 29: a student answers two items of lesson 02's quiz or lesson 05's sorter, checks each and saves;
    after a kernel restart the pseudonym and Load bring back the answers, the chart and the feedback, and
    the quiz opens on the first item not answered."""
    stem = Path(name).stem
    app = page.locator(".course-app").filter(has_text=title).first
    app.scroll_into_view_if_needed()
    for number in range(2):
        app.locator(".widget-radio-box input").nth(number).check()
        app.get_by_role("button", name="Check").click()
        page.wait_for_function("(app) => app.innerText.includes('Why:')", arg=app.element_handle())
        app.get_by_role("button", name="Next").click()
        # the next item's options are drawn before one is chosen (a busy kernel sends them a moment later)
        shown = f"Question {number + 2} of {items}"
        page.wait_for_function(
            "([app, shown]) => app.innerText.includes(shown) && !app.innerText.includes('Why:')",
            arg=[app.element_handle(), shown],
        )
    save_as(app, f"answers_{stem[:2]}", "en")
    whole_screenshot(page, app, SCREENSHOTS / f"{stem}_quiz_saved.png")

    restart_and_run(page, name)
    app = page.locator(".course-app").filter(has_text=title).first
    assert f"Question 1 of {items}" in app.inner_text() and "Why:" not in app.inner_text()
    load_as(app, f"answers_{stem[:2]}", "en")
    assert f"Question 3 of {items}" in app.inner_text(), "Load opens on the first item not answered"
    app.get_by_role("button", name="Previous").click()
    page.wait_for_function("(app) => app.innerText.includes('Why:')", arg=app.element_handle())
    assert app.locator(".widget-radio-box input:checked").count() == 1, "the answer is back"
    whole_screenshot(page, app, SCREENSHOTS / f"{stem}_quiz_loaded_after_restart.png")
    assert not page.errors, page.errors


# What a student goes on to do in a notebook that has just run, done on it in the same page: running a notebook
# in JupyterLab is the costliest step of these tests, so each English notebook runs once for all its checks.
FOLLOW_UPS: dict[str, tuple[Callable[[object], None], ...]] = {
    "01_social_systems.ipynb": (simulation_lines_moved_in_place_are_drawn_as_plotly_draws_them_afresh,),
    "02_five_system_functions.ipynb": (
        functools.partial(
            quiz_answers_are_saved_and_come_back_after_a_restart,
            name="02_five_system_functions.ipynb",
            title="Which system function is at stake?",
            items=14,
        ),
    ),
    "03_scoring_a_ward.ipynb": (
        ward_scorer_save_restart_load_brings_back_the_ward_and_the_committed_feedback,
        a_reopened_lesson_says_how_to_start_its_app_instead_of_an_error,
    ),
    "05_two_views_of_recovery.ipynb": (
        functools.partial(
            quiz_answers_are_saved_and_come_back_after_a_restart,
            name="05_two_views_of_recovery.ipynb",
            title="Personal or clinical recovery?",
            items=16,
        ),
    ),
    "06_case_vignettes.ipynb": (
        vignette_scorer_tags_commits_and_comes_back_after_a_restart,
        functools.partial(projector_mode_keeps_every_figure_whole, name="06_case_vignettes.ipynb"),
    ),
}
