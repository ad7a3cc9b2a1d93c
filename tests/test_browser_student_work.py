"""Issue 28, the students' journeys in JupyterLab at 1280×720: written work is kept per move and per ward,
saved and loaded; lesson 03's reasons have a place; a reopened lesson says how to start its apps; lesson 00
quotes the screen as it is. Each runs in one language where the other adds nothing but other words: the
keyboard journeys (tests/journeys.py) score, write, save and load lessons 03, 06 and 07 in both languages, in
Voila and (in English) in JupyterLab. Screenshots go to build/screenshots/."""

from __future__ import annotations

import json

import pytest
from browsing import SCREENSHOTS, jupyterlab_page, served
from screens import whole_screenshot

from helpers.course_data import load_course
from helpers.labels import move_label
from tests.test_browser_lab import (
    close_notebook,
    label,
    load_as,
    open_and_run,
    quoted_in_lesson_00,
    restart_and_run,
    save_as,
    set_up_title_shown,
)

pytestmark = pytest.mark.browser
WARDS = list(load_course().wards.index)  # in the order the ward lists offer them

LESSONS = {
    "00": {"en": "00_start_here.ipynb", "nl": "nl/00_start.ipynb"},
    "03": {"en": "03_scoring_a_ward.ipynb", "nl": "nl/03_een_afdeling_scoren.ipynb"},
    "06": {"en": "06_case_vignettes.ipynb", "nl": "nl/06_casussen.ipynb"},
    "07": {"en": "07_social_worker_in_the_split.ipynb", "nl": "nl/07_sociaal_werker_in_spagaat.ipynb"},
}


def app_of(page, title_key: str, language: str):
    app = page.locator(".course-app").filter(has_text=label(title_key, language)).first
    app.wait_for(timeout=20_000)
    return app


def saved_scorings(lab, pseudonym: str) -> list[dict]:
    path = lab.root.parent / "my_work" / f"{pseudonym}.json"
    return json.loads(path.read_text(encoding="utf-8"))["scorings"]


def test_lesson_06_keeps_a_rewrite_per_move_saves_and_loads_them(lab, lab_page):
    """Point 1: the list offers every move by what it says; each move keeps its own rewrite; Save stores
    each as rewrite_<move>; after a restart Load brings them back on their moves."""
    language = "nl"  # the English lesson: a rewrite, saved and loaded, in its keyboard journey (tests/journeys.py)
    page, name = lab_page, LESSONS["06"][language]
    moves = load_course().vignettes["mehmet_acute"].moves
    pseudonym = "rewrites"
    try:
        open_and_run(page, name)
        app = app_of(page, "vignette_title", language)
        choice = app.locator(".widget-dropdown select").last
        options = choice.evaluate("(select) => [...select.options].map((o) => o.text.replaceAll('\\u00a0', ' '))")
        assert len(options) == len(moves), "every move is offered, not only the key's clinical ones"
        expected = [move_label(n, m[f"actor_{language}"], m[f"text_{language}"]) for n, m in moves.iterrows()]
        assert options == expected, "each move is offered by what it says"
        box = app.locator("textarea").first
        rewrites = {"5": "Vraag Mehmet of zijn zus mag komen.", "7": "Mehmet zit bij het deel over zijn plan."}
        for move, text in rewrites.items():
            choice.select_option(index=list(moves.index).index(int(move)))
            page.wait_for_function("(box) => box.value === ''", arg=box.element_handle(), timeout=10_000)
            box.fill(text)
            box.blur()  # as a student's click on the list of moves does
            page.wait_for_timeout(300)
        choice.select_option(index=list(moves.index).index(5))
        page.wait_for_function(
            "([box, text]) => box.value === text", arg=[box.element_handle(), rewrites["5"]], timeout=10_000
        )
        preview = app.locator("ul").filter(has_text=rewrites["7"]).first
        preview.wait_for(timeout=10_000)
        assert rewrites["5"] in preview.inner_text()
        whole_screenshot(page, app, SCREENSHOTS / f"06_rewrites_per_move_{language}.png")
        save_as(app, pseudonym, language)
        saved = saved_scorings(lab, pseudonym)[-1]["text"]
        assert saved == {f"rewrite_{m}": text for m, text in rewrites.items()}

        restart_and_run(page, name)
        app = app_of(page, "vignette_title", language)
        box = app.locator("textarea").first
        assert box.input_value() == ""
        load_as(app, pseudonym, language)
        page.wait_for_function(
            "([box, text]) => box.value === text", arg=[box.element_handle(), rewrites["5"]], timeout=10_000
        )
        app.locator(".widget-dropdown select").last.select_option(index=list(moves.index).index(7))
        page.wait_for_function(
            "([box, text]) => box.value === text", arg=[box.element_handle(), rewrites["7"]], timeout=10_000
        )
        assert not page.errors, page.errors
    finally:
        close_notebook(page, lab)


def test_lesson_07_work_belongs_to_its_ward(lab, lab_page):
    """Point 2: a reflection written for De Boomgaard leaves with it when the ward changes, comes back with
    it, and Save stores each ward's work under that ward."""
    language = "nl"  # the English lesson: a reflection, saved and loaded, in its keyboard journey (tests/journeys.py)
    page, name = lab_page, LESSONS["07"][language]
    pseudonym = "wards"
    try:
        open_and_run(page, name)
        app = app_of(page, "redesign_app_title", language)
        ward = app.locator(".widget-dropdown select").first
        ward.select_option(index=WARDS.index("long_stay_rehab"))
        boxes = app.locator("textarea")
        page.wait_for_timeout(1000)
        text = "Doelen in de woorden van de bewoners."
        boxes.first.fill(text)
        boxes.first.blur()  # as a student's click on the ward list does: the box hands its text to the kernel
        page.wait_for_timeout(1500)  # a student's pace: a loaded kernel (the full test run) takes its time
        ward.select_option(index=WARDS.index("acute_admission"))
        page.wait_for_function("(box) => box.value === ''", arg=boxes.first.element_handle(), timeout=10_000)
        page.wait_for_timeout(1000)  # every box of the new ward drawn before the student writes in one
        boxes.nth(2).fill("De Linde")
        boxes.nth(2).blur()
        page.wait_for_timeout(1500)
        ward.select_option(index=WARDS.index("long_stay_rehab"))
        page.wait_for_function(
            "([box, text]) => box.value === text", arg=[boxes.first.element_handle(), text], timeout=10_000
        )
        assert boxes.nth(2).input_value() == ""
        whole_screenshot(page, app, SCREENSHOTS / f"07_work_per_ward_{language}.png")
        save_as(app, pseudonym, language)
        by_ward = {s["item_id"]: s["text"] for s in saved_scorings(lab, pseudonym)}
        assert by_ward["long_stay_rehab"]["reflect_changed_most"] == text
        assert by_ward["acute_admission"]["reflect_staff"] == "De Linde"
        assert by_ward["acute_admission"]["reflect_changed_most"] == ""
        assert not page.errors, page.errors
    finally:
        close_notebook(page, lab)


def test_lesson_03_keeps_a_reason_per_item_and_shows_it_with_the_comparison(lab, lab_page):
    """Point 5: a reason under each slider, shown beside the reference's after Commit, saved and loaded;
    the difference column says 0, not +0; 'Observations' appears once."""
    language = "nl"  # the English lesson: a reason beside the comparison, saved and loaded, in tests/journeys.py
    page, name = lab_page, LESSONS["03"][language]
    pseudonym = "reasons"
    item, reason = "structurering", "'s Middags is er niets te doen."
    try:
        open_and_run(page, name)
        app = app_of(page, "scorer_title", language)
        assert app.get_by_text(label("observations", language), exact=True).count() == 1
        box = app.get_by_role("textbox", name=label("a11y_reason", language, item=item))
        box.fill(reason)
        page.wait_for_timeout(500)
        app.get_by_role("button", name=label("commit", language)).click()
        table = app.locator("table.course-table").first
        table.wait_for(timeout=20_000)
        assert label("your_reason", language) in table.inner_text()
        row = table.locator("tr").filter(has_text=reason)
        assert row.count() == 1
        differences = table.locator("tr td:nth-child(4)").all_inner_texts()
        assert differences and "+0" not in differences
        table.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"03_reasons_with_the_comparison_{language}.png"))
        save_as(app, pseudonym, language)
        assert saved_scorings(lab, pseudonym)[-2]["text"] == {"reason_structurering": reason}

        restart_and_run(page, name)
        app = app_of(page, "scorer_title", language)
        box = app.get_by_role("textbox", name=label("a11y_reason", language, item=item))
        assert box.input_value() == ""
        load_as(app, pseudonym, language)
        page.wait_for_function("([box, text]) => box.value === text", arg=[box.element_handle(), reason])
        assert not page.errors, page.errors
    finally:
        close_notebook(page, lab)


def test_lesson_00_quotes_the_set_up_checks_title_as_the_screen_shows_it(lab, lab_page):
    """Point 6: after the switch to English in the Dutch lesson 00 the set-up check's title on screen is the one
    the lesson's answer quotes (the English lesson 00 switched to Dutch: tests/test_browser_lab.py)."""
    page, name, other = lab_page, LESSONS["00"]["nl"], "en"
    settings = lab.root.parent / "my_work" / "settings.json"
    try:
        open_and_run(page, name)
        page.locator(".widget-toggle-buttons").get_by_role("button", name="English").click()
        page.wait_for_timeout(1000)
        restart_and_run(page, name)
        app = app_of(page, "setup_title", other)
        shown, quoted = set_up_title_shown(app, label("fictional", other)), quoted_in_lesson_00(name)
        assert shown in quoted, f"the screen shows {shown!r}; lesson 00 quotes {quoted}"
    finally:
        close_notebook(page, lab)
        settings.unlink(missing_ok=True)


# JupyterLab's menu bar as the Dutch language pack names it (menus the pack translates) and in English
MENU_BAR = {
    "en": ["File", "Edit", "View", "Run", "Settings"],
    "nl": ["Bestand", "Bewerk", "Weergave", "Uitvoeren", "Instellingen"],
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_jupyterlab_speaks_the_language_the_course_is_opened_in(request, browser, tmp_path, language):
    """Issue 28: started as ``course.py open nl`` (and the Dutch class hub) starts it, JupyterLab's own menus
    are Dutch; in English they stay English (the run's own JupyterLab, started as ``course.py open`` starts it)."""
    if language == "en":
        menus_speak(request.getfixturevalue("lab_page"), language)
        return
    with served("lab", tmp_path, interface_language=language) as server:
        page = jupyterlab_page(browser, server)
        try:
            menus_speak(page, language)
        finally:
            page.close()


def menus_speak(page, language: str) -> None:
    """JupyterLab's menu bar names its menus in ``language``, none in the other."""
    bar = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel")
    bar.first.wait_for(timeout=20_000)
    labels = bar.all_inner_texts()
    assert [name for name in MENU_BAR[language] if name not in labels] == [], labels
    other = MENU_BAR["nl" if language == "en" else "en"]
    assert not set(other[:4]) & set(labels), labels
    page.screenshot(path=SCREENSHOTS / f"lab_menus_{language}.png")
