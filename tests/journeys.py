"""Keyboard-only journeys: a student who uses only a keyboard or a screen reader can do lessons 03, 06 and 07,
and a lecturer the dashboard (issue 30), in Voila in both languages and in JupyterLab.

Each journey is done with the keyboard alone: Tab to a control (every control of the app is reached, in the
order it stands, each with a visible focus, and focus leaves the app again: nothing traps it), then the keys a
person would press (arrows on a slider, a tab bar or a list; Enter or Space on a button; typing in a box).
After each step the app's accessibility tree, as a screen reader gets it (Playwright's ARIA snapshot), must
equal the one recorded in ``tests/aria/``: a control that loses its name, a figure without its table, a verdict
that is no longer in a live region changes it.

The journeys run on pages other tests have loaded already (a page load is the costliest step of a browser
test): ``tests/test_browser_voila.py`` runs each after its checks of the app as loaded, in both languages, and
``tests/test_browser_lab.py`` runs the English ones in JupyterLab right after the notebook has run. After a
deliberate change, record the trees again with ``COURSE_UPDATE_ARIA=1 python3 course.py test -k
"renders_in"`` and read the difference before committing it.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable

from browsing import SCREENSHOTS
from playwright.sync_api import expect

from helpers import __version__
from helpers.text import LABELS
from tests.conftest import ROOT

ARIA = ROOT / "tests" / "aria"
UPDATE = bool(os.environ.get("COURSE_UPDATE_ARIA"))
APPS = {  # journey -> the notebook per language
    "ward_scorer": {"en": "03_scoring_a_ward.ipynb", "nl": "nl/03_een_afdeling_scoren.ipynb"},
    "vignette_scorer": {"en": "06_case_vignettes.ipynb", "nl": "nl/06_casussen.ipynb"},
    "ward_redesign": {
        "en": "07_social_worker_in_the_split.ipynb",
        "nl": "nl/07_sociaal_werker_in_spagaat.ipynb",
    },
    "dashboard": {"en": "lecturer/class_dashboard.ipynb", "nl": "nl/docent/klasdashboard.ipynb"},
}
JOURNEY_OF = {notebook: (journey, language) for journey, pair in APPS.items() for language, notebook in pair.items()}
# Every control the Tab key stops at in the app, in document order, marked so the walk can name each one.
CONTROLS_JS = """(app) => {
  let next = Number(document.body.dataset.probes || 0);
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const controls = [...app.querySelectorAll('button, select, input, textarea, [tabindex]')]
    .filter((e) => e.tabIndex >= 0 && !e.disabled && shown(e));
  for (const e of controls) if (!e.dataset.probe) e.dataset.probe = String(next++);
  document.body.dataset.probes = String(next);
  return controls.map((e) => e.dataset.probe);
}"""
# The focused element: its probe mark (if any), whether it is inside the first course app, a short description,
# and whether its focus can be seen (an outline of 2 px or more, or a box shadow; plotly's toolbar shown).
FOCUS_JS = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const toolbar = e.closest('.modebar');
  const seen = (outlined || style.boxShadow !== 'none') && (!toolbar || getComputedStyle(toolbar).opacity === '1');
  const name = (e.getAttribute('aria-label') || e.textContent || e.getAttribute('title') || '').trim().slice(0, 60);
  return { probe: e.dataset.probe || null, inApp: !!e.closest('.course-app'), seen,
           what: `${e.tagName.toLowerCase()} "${name}"` };
}"""
# Focus on a mark just before the app (out of the Tab order), so that Tab goes on from there.
FOCUS_BEFORE_JS = """(app) => {
  const mark = document.createElement('span');
  mark.tabIndex = -1;
  app.before(mark);
  mark.focus();
}"""
TIME = re.compile(r"\b\d{1,2}:\d{2}(:\d{2})?\b")
DATE = re.compile(r"\b\d{1,2} [a-z]+ \d{4}\b|\b\d{4}-\d{2}-\d{2}\b")
TEMP = re.compile(r"/tmp/\S+?(?=[\s\"'<]|$)")


def snapshot_text(page) -> str:
    """The first app's ARIA snapshot with what differs from run to run, machine to machine or release to release
    (clock times, dates, the course's folder, temporary folders, the course's version) written as placeholders."""
    text = page.locator(".course-app").first.aria_snapshot().replace(str(ROOT), "<course folder>")
    text = re.sub(rf"(?<![\d.]){re.escape(__version__)}(?![\d.])", "<course version>", text)  # "this course is…"
    return TEMP.sub("<temporary folder>", DATE.sub("<date>", TIME.sub("<time>", text))) + "\n"


def check_aria(page, journey: str, language: str, step: str) -> None:
    """The app's accessibility tree equals the recorded one for this step (recorded again with UPDATE)."""
    path = ARIA / journey / f"{language}_{step}.yml"
    seen = snapshot_text(page)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(seen, encoding="utf-8")
    assert path.exists(), f"no recorded ARIA snapshot {path.relative_to(ROOT)}: record it with COURSE_UPDATE_ARIA=1"
    expected = path.read_text(encoding="utf-8")
    difference = "".join(difflib.unified_diff(expected.splitlines(True), seen.splitlines(True), "recorded", "now"))
    assert seen == expected, f"{journey} ({language}) after '{step}' as a screen reader gets it:\n{difference}"


class Keyboard:
    """A student at the keyboard: moves with Tab and presses keys, never clicks."""

    def __init__(self, page):
        self.page = page

    def focus(self) -> dict:
        return self.page.evaluate(FOCUS_JS)

    def tab_to(self, selector: str, presses: int = 250) -> None:
        """Press Tab until the focused element matches ``selector`` inside the app (the page's focus order
        runs round, so any control the Tab key can reach is found)."""
        for _ in range(presses):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("(s) => document.activeElement.matches(s)", f".course-app {selector}"):
                return
        raise AssertionError(f"Tab never reached {selector}; last focus {self.focus()['what']}")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


def walk_the_app(page, keys: Keyboard, enter: Callable[[], None]) -> None:
    """From the first control of the app (reached by ``enter``), Tab reaches every control of the app once, in
    document order, each with a visible focus, and then leaves the app: no control is skipped or traps focus."""
    app = page.locator(".course-app").first
    controls = app.evaluate(CONTROLS_JS)
    enter()
    visited, unseen = [], []
    for _ in range(len(controls) + 20):
        focus = keys.focus()
        if not focus["inApp"]:
            break
        visited.append(focus["probe"])
        if not focus["seen"]:
            unseen.append(focus["what"])
        keys.press("Tab")
    else:
        raise AssertionError(f"focus never left the app after {len(visited)} Tab presses (trapped)")
    assert visited == controls, f"Tab order {visited} against the app's controls {controls}"
    assert unseen == [], f"focused without a visible focus: {unseen}"


def answered(page, selector: str, keys: Callable[[], None]) -> None:
    """Press ``keys`` and wait until the kernel's answer changed the text of the app's first ``selector``."""
    shown = page.locator(f".course-app {selector}").first
    before = shown.text_content()
    keys()
    expect(shown).not_to_have_text(before or "", timeout=20_000)


def wait_for_text(page, selector: str, text: str) -> None:
    expect(page.locator(f".course-app {selector}").first).to_contain_text(text, timeout=20_000)


def commit(page, keys: Keyboard, said: str) -> None:
    """Tab to Commit, press Enter, and wait until a live region says ``said``."""
    keys.tab_to("button:has(.fa-check)")
    keys.press("Enter")
    wait_for_text(page, ".course-status", said)


def next_tab(page, keys: Keyboard) -> None:
    """Tab to the tab bar's current tab and open the next one with the arrow key and Enter."""
    keys.tab_to(".lm-TabBar-tab.lm-mod-current")
    keys.press("ArrowRight", "Enter")
    expect(page.locator(".course-app .lm-TabBar-tab").nth(1)).to_have_attribute("aria-selected", "true")


def save_and_load(page, keys: Keyboard, check: Callable[[str], None], saved: str, loaded: str) -> None:
    """Type a pseudonym, Save, Load: each result spoken from the save box's live region."""
    keys.tab_to(".course-pseudonym input")
    keys.type("keyboard_student")
    keys.tab_to("button:has(.fa-save)")
    keys.press("Enter")
    wait_for_text(page, ".course-status:has(.course-good)", saved)
    check("saved")
    keys.tab_to("button:has(.fa-folder-open)")
    keys.press("Enter")
    wait_for_text(page, ".course-status:has(.course-good)", loaded)
    check("loaded")


def show_table(page, keys: Keyboard, check: Callable[[str], None], rows: int) -> None:
    """The first figure's data, one key away: its table with a caption and ``rows`` rows, then hidden again."""
    keys.tab_to("button:has(.fa-table)")
    keys.press("Enter")
    table = page.locator(".course-app table.course-data-table").first
    expect(table.locator("tbody tr")).to_have_count(rows, timeout=20_000)
    expect(table.locator("caption")).not_to_be_empty()
    table.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"access_table_{page.url.split('/')[-1].split('.ipynb')[0]}.png"))
    check("table")
    keys.press("Enter")
    expect(page.locator(".course-app table.course-data-table")).to_have_count(0, timeout=20_000)


def said(key: str, language: str) -> str:
    """A label's words up to its first placeholder: what a result shown in ``language`` begins with."""
    return LABELS[key][["en", "nl"].index(language)].split("{")[0]


WORDS = {  # what each step's result says, per language
    language: {
        "saved": said("saved_to", language),
        "loaded": said("loaded_from", language),
        "verdict": said("verdict_reference", language),
        "agreed": said("vignette_orientation_agreement", language),
    }
    for language in ("en", "nl")
}


def ward_scorer(page, keys: Keyboard, check: Callable[[str], None], words: dict) -> None:
    """Lesson 03: open and close the ward's material, score a function and give a reason, commit and read
    the comparison, read the radar as a table, look at the ideal ward's tab, save and load."""
    keys.tab_to(".jupyter-widget-Collapse-header")
    keys.press("Enter")
    expect(page.locator(".course-app .jupyter-widget-Collapse-header").first).to_have_attribute(
        "aria-expanded", "false"
    )
    keys.press("Space")
    expect(page.locator(".course-app .jupyter-widget-Collapse-header").first).to_have_attribute("aria-expanded", "true")
    keys.tab_to(".noUi-handle")
    for key in ("ArrowRight", "ArrowUp"):  # each step's anchor (what the score means) comes back from the kernel
        answered(page, ".course-row small", lambda: keys.press(key))  # noqa: B023 (called at once)
    expect(page.locator(".course-app .noUi-handle").first).to_have_attribute("aria-valuenow", "4.0")
    keys.press("Tab")
    keys.type("Goals are on the wall of the office.")
    check("scored")
    commit(page, keys, words["verdict"])
    check("committed")
    show_table(page, keys, check, rows=4)
    next_tab(page, keys)
    check("ideal_tab")
    keys.press("ArrowLeft", "Enter")
    save_and_load(page, keys, check, words["saved"], words["loaded"])


def vignette_scorer(page, keys: Keyboard, check: Callable[[str], None], words: dict) -> None:
    """Lesson 06: tag the first move's orientation and dimension, commit and hear the agreement, read the chart
    as a table, write a rewrite of a move, save and load."""
    keys.tab_to(".widget-toggle-buttons button")
    dimensions = page.locator(".course-app .widget-toggle-buttons + .widget-dropdown select").first.locator("option")
    offered = dimensions.count()
    keys.press("Space")
    expect(page.locator(".course-app .widget-toggle-buttons button").first).to_have_attribute("aria-pressed", "true")
    expect(dimensions).not_to_have_count(offered, timeout=20_000)  # only the chosen orientation's dimensions
    keys.press("Tab", "Tab")  # past the other orientation, to the move's dimension
    assert page.evaluate("() => document.activeElement.tagName") == "SELECT"
    answered(page, ".course-figure-summary", lambda: keys.press("ArrowDown"))
    check("tagged")
    commit(page, keys, words["agreed"])
    check("committed")
    show_table(page, keys, check, rows=11)
    keys.tab_to("textarea")
    keys.type("Shall we look together at what would help you sleep?")
    expect(page.locator(".course-app .widget-html", has_text="help you sleep?")).to_have_count(1)
    check("rewritten")
    save_and_load(page, keys, check, words["saved"], words["loaded"])


def ward_redesign(page, keys: Keyboard, check: Callable[[str], None], words: dict) -> None:
    """Lesson 07: give the redesign more energy supply and hear its judgement change, read the radar as a table, write a
    reflection, start again, save and load."""
    verdict = page.locator(".course-app .course-status").first
    before = verdict.text_content()
    keys.tab_to(".noUi-handle")
    keys.press("Tab", "Tab", "Tab")  # to the fourth function: energy supply, 1 where the group needs 3
    expect(page.locator(".course-app .noUi-handle:focus")).to_have_attribute("aria-valuenow", "1.0")
    keys.press("ArrowRight")
    expect(verdict).not_to_have_text(before, timeout=20_000)
    expect(page.locator(".course-app li", has_text="→")).to_have_count(1, timeout=20_000)  # the change listed
    check("moved")
    show_table(page, keys, check, rows=4)
    keys.tab_to("textarea")
    keys.type("Goals in the residents' own words.")
    keys.tab_to("button:has(.fa-undo)")
    keys.press("Enter")
    expect(verdict).to_have_text(before, timeout=20_000)
    expect(page.locator(".course-app li", has_text="→")).to_have_count(0, timeout=20_000)  # no changes listed
    check("reset")
    save_and_load(page, keys, check, words["saved"], words["loaded"])


def dashboard(page, keys: Keyboard, check: Callable[[str], None], words: dict) -> None:
    """The lecturer's dashboard: load the class, pick another ward and read its class distribution as a table,
    go to the vignettes' tab and pick another vignette."""
    keys.tab_to("button:has(.fa-refresh)")
    keys.press("Enter")
    expect(page.locator(".course-app .course-status").first).not_to_be_empty(timeout=20_000)
    check("loaded")
    keys.tab_to("select")
    answered(page, ".course-figure-summary", lambda: keys.press("ArrowDown"))
    check("other_ward")
    show_table(page, keys, check, rows=11)
    next_tab(page, keys)
    keys.tab_to(".lm-TabBar-tab.lm-mod-current")
    keys.press("Tab")
    for _ in range(20):  # on to the vignette list of the tab shown
        if page.evaluate("() => document.activeElement.tagName") == "SELECT":
            break
        keys.press("Tab")
    answered(page, ".course-figure-summary:visible", lambda: keys.press("ArrowDown"))
    check("vignettes_tab")


JOURNEYS = {
    "ward_scorer": ward_scorer,
    "vignette_scorer": vignette_scorer,
    "ward_redesign": ward_redesign,
    "dashboard": dashboard,
}


def keyboard_journey(page, notebook: str, in_jupyterlab: bool = False) -> None:
    """The journey of the app in ``notebook`` (a key of :data:`JOURNEY_OF`), done with the keyboard alone on a
    page where the notebook runs: in Voila from the page as loaded, in JupyterLab from the notebook in command
    mode, where a keyboard user starts (Enter there edits a cell, the arrows move between cells)."""
    journey, language = JOURNEY_OF[notebook]
    keys = Keyboard(page)
    if in_jupyterlab:
        page.keyboard.press("Escape")
    else:  # from just before the app: checks run on the page before may have left the focus inside it
        page.locator(".course-app").first.evaluate(FOCUS_BEFORE_JS)
        check_aria(page, journey, language, "start")
    walk_the_app(page, keys, lambda: keys.tab_to("button"))  # the app's first control: projector mode
    JOURNEYS[journey](page, keys, lambda step: check_aria(page, journey, language, step), WORDS[language])
