"""The static course site: built from the notebooks, opened from disk in headless Chromium with every
network request blocked; each page draws its figures, logs no error and stays within its size budget."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browsing import SCREENSHOTS
from screens import axe_violations

from tests.conftest import ROOT
from tests.test_lecturer_guide import key_sentences, text_of

pytestmark = pytest.mark.browser
PAGE_BUDGET = 500 * 1024  # bytes per page, besides the one shared plotly.js


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import build_site

    folder = tmp_path_factory.mktemp("site")
    pages = build_site.build(folder)
    return folder, pages


def open_offline(browser, path, width=1280, height=900):
    """The page opened from disk; returns it with the errors it logged and the requests it tried to make."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.errors, page.blocked = [], []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            page.blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_files)
    page.goto(path.as_uri())
    return page


def test_every_lesson_and_language_has_a_page(site):
    folder, pages = site
    names = {p.relative_to(folder).as_posix() for p in pages}
    notebooks = [p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts]
    expected = {p.relative_to(ROOT / "notebooks").with_suffix(".html").as_posix() for p in notebooks}
    guides = {"lecturer/guide.html", "nl/docent/handleiding.html"}  # the lecturer guide, from lecturer/*.md
    statements = {"accessibility.html", "nl/toegankelijkheid.html"}  # from the README's and LEESMIJ's section
    assert names == expected | guides | statements | {"index.html", "nl/index.html"}
    assert (folder / "assets" / "plotly.min.js").stat().st_size > 1_000_000, "plotly.js is shipped beside the pages"
    for page in pages:
        assert page.stat().st_size <= PAGE_BUDGET, f"{page.name}: {page.stat().st_size // 1024} KB"
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link)[^>]+(src|href)=['\"](https?:)?//", text), "nothing loaded from a network"
        assert "Plotly.register" not in text and "plotly.js v" not in text, "plotly.js only by reference, not inline"


@pytest.mark.parametrize("language, index", [("en", "index.html"), ("nl", "nl/index.html")])
def test_the_index_links_every_lesson_of_its_language(site, browser, language, index):
    folder, pages = site
    page = open_offline(browser, folder / index)
    try:
        hrefs = {page.evaluate("(a) => a.href", link) for link in page.locator("main table a").element_handles()}
        lessons = [
            p
            for p in pages
            if p.name not in ("index.html", "accessibility.html", "toegankelijkheid.html")  # at the foot
            and (p.relative_to(folder).parts[0] == "nl") == (language == "nl")
        ]
        assert {p.as_uri() for p in lessons} == hrefs
        assert page.title() in ("Social systems and recovery", "Sociale systemen en herstel")
        page.screenshot(path=str(SCREENSHOTS / f"site_index_{language}.png"), full_page=True)
        assert not page.errors and not page.blocked
    finally:
        page.close()


@pytest.mark.parametrize("language, index", [("en", "index.html"), ("nl", "nl/index.html")])
def test_the_index_gives_each_lesson_its_title_and_a_line_on_what_it_is_for_not_concept_ids(
    site, browser, language, index
):
    """Issue 28: the index showed concept ids (S1, R1…) that mean nothing to a student."""
    import build_site

    width = 390  # a phone: the lines wrap, nothing scrolls sideways

    folder, _ = site
    text = (folder / index).read_text(encoding="utf-8")
    assert not re.search(r"\b[SRX]\d+\b", text_of(text)), "no concept ids"
    purposes = build_site.lesson_purposes()
    assert len(purposes) == 8
    for number, line in purposes.items():
        row = re.search(rf"<tr><td>{number}</td><td><a [^>]+>([^<]+)</a><br><span[^>]*>([^<]+)</span>", text)
        assert row, f"lesson {number} has a row with its title and its line"
        assert row.group(2) == html.escape(line[language]), number
    assert "Scoring a ward" in text if language == "en" else "Een afdeling scoren" in text
    page = open_offline(browser, folder / index, width, 844)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"
        page.screenshot(path=str(SCREENSHOTS / f"site_index_{language}_{width}.png"), full_page=True)
    finally:
        page.close()


def lesson_pages():
    notebooks = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return [p.relative_to(ROOT / "notebooks").with_suffix(".html").as_posix() for p in notebooks]


@pytest.mark.parametrize("name", lesson_pages())
def test_a_lesson_page_works_from_disk_with_the_network_off(site, browser, name):
    folder, _ = site
    page = open_offline(browser, folder / name)
    try:
        blocks = page.locator(".course-figure")
        expected = blocks.count()
        assert expected >= 1, "every page with an app that draws shows its figures (the quizzes: the key's chart)"
        page.wait_for_function(
            "(n) => document.querySelectorAll('.course-figure .main-svg').length >= n", arg=expected, timeout=20_000
        )
        for index in range(expected):
            box = blocks.nth(index).locator(".main-svg").first.bounding_box()
            assert box and box["width"] > 300 and box["height"] > 200, f"figure {index} drawn too small: {box}"
        title = page.title()
        assert title and title != "Notebook" and "—" in title
        text = page.inner_text("main")
        assert "Out[" not in text and "In [" not in text, "no prompts"
        if not name.startswith(("lecturer/", "nl/docent/")):
            assert page.locator("nav a[rel='next'], nav a[rel='prev']").count() >= 2, (
                "previous and next, top and bottom"
            )
        if name in ("03_scoring_a_ward.html", "nl/03_een_afdeling_scoren.html"):
            page.screenshot(path=str(SCREENSHOTS / f"site_{name.replace('/', '_')}.png"), full_page=True)
        for check in FOLLOW_UPS.get(name, ()):  # what this page's apps show, on the page already loaded
            check(page, name)
        assert not page.errors, page.errors
        assert not page.blocked, page.blocked
    finally:
        page.close()


def app_sections(page: Path) -> list[str]:
    """The static form of each app on a page (helpers/static.py), as HTML."""
    return re.findall(
        r"<section class=.course-app course-static.>.*?</section>", page.read_text(encoding="utf-8"), re.S
    )


@pytest.mark.parametrize(
    "name, reader, reference",
    [
        ("03_scoring_a_ward.html", ("Your scoring", "<th>You</th>", "Your reason"), "Reference scoring"),
        ("nl/03_een_afdeling_scoren.html", ("Jouw scoring", "<th>Jij</th>", "Jouw reden"), "Referentiescoring"),
    ],
)
def test_lesson_03s_worked_example_is_labelled_as_the_reference_not_as_the_readers_scoring(
    site, name, reader, reference
):
    folder, _ = site
    [scorer] = app_sections(folder / name)
    assert [phrase for phrase in reader if phrase in scorer] == []
    assert reference in scorer


QUIZ_CHART_TITLES = {
    "02_five_system_functions.html": "The key: situations per function",
    "nl/02_vijf_systeemfuncties.html": "De sleutel: situaties per functie",
    "05_two_views_of_recovery.html": "The key: statements per perspective",
    "nl/05_twee_kijken_op_herstel.html": "De sleutel: uitspraken per perspectief",
}


@pytest.mark.parametrize("name, title", QUIZ_CHART_TITLES.items())
def test_the_quiz_and_the_sorter_show_their_chart_in_the_worked_state(site, name, title):
    """Lessons 02 and 05: the live apps draw a chart of the answers; the site shows it with the key's answers
    (drawn: :func:`quiz_chart_is_drawn`, on the page the from-disk test loads)."""
    folder, _ = site
    [quiz] = app_sections(folder / name)
    assert 'class="course-figure"' in quiz and title in quiz


def quiz_chart_is_drawn(page, name: str) -> None:
    """The quiz's or sorter's chart is drawn with the key's title and its bars."""
    page.wait_for_function("() => document.querySelector('.course-static .course-figure .main-svg')")
    drawn = page.locator(".course-static .course-figure").first
    assert drawn.locator(".gtitle").text_content() == QUIZ_CHART_TITLES[name]
    assert drawn.locator(".bars path").count() >= 2, "the bars are drawn"
    drawn.screenshot(path=str(SCREENSHOTS / f"site_{name.replace('/', '_')}_quiz_chart.png"))


# where each control of an app's static form is drawn: its label, its value and the text beside it (a scale's anchor)
CONTROL_BOXES = """() => [...document.querySelectorAll('.course-static .course-control-number')].map((control) => {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height};
  };
  const value = control.querySelector('.course-control-value');
  const anchor = control.closest('.course-scale')?.querySelector(':scope > small');
  return {
    label: box(control.querySelector('.course-control-label')), value: box(value),
    anchor: anchor ? box(anchor) : null, section: box(control.closest('.course-static')),
    line: parseFloat(getComputedStyle(value).lineHeight), text: control.innerText,
  };
})"""


def values_stay_in_their_columns(page, name: str) -> None:
    """Issue 28: a long label ("Structure and authority clear and respected") or a long anchor pushed values out
    of their column. On a laptop (1280×720) and a phone (390×844): every value of an app starts at the same x,
    on one line, right of its label and left of (or above) its anchor, inside the app."""
    for width, height in ((1280, 720), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        controls = page.evaluate(CONTROL_BOXES)
        assert len(controls) >= 8, "the scale's sliders and the conditions"
        lefts = {round(c["value"]["left"]) for c in controls}
        assert max(lefts) - min(lefts) <= 1, f"{width} px: the values start at {sorted(lefts)}"
        for c in controls:
            label, value, anchor, section = c["label"], c["value"], c["anchor"], c["section"]
            assert value["height"] < 1.5 * c["line"], f"{width} px, {c['text']!r}: the value wraps"
            assert label["right"] <= value["left"] + 0.5, f"{width} px, {c['text']!r}: the label runs into the value"
            assert section["left"] <= label["left"] and value["right"] <= section["right"], f"{c['text']!r}: outside"
            if anchor and anchor["top"] < value["bottom"] - 1:  # beside the value: right of it
                assert value["right"] <= anchor["left"] + 0.5 and anchor["right"] <= section["right"], c["text"]
            elif anchor:  # below the value (a narrow screen): under it, not over it
                assert anchor["top"] >= value["bottom"] - 1, c["text"]
        if name.startswith("03"):
            first = page.locator(".course-static .course-scale").first
            figure = page.locator(".course-static .course-figure").first  # the radar, under the sliders
            top, bottom = first.bounding_box(), figure.bounding_box()
            clip = {"x": 0, "y": top["y"] - 8, "width": width, "height": bottom["y"] - top["y"] + 8}
            page.screenshot(path=str(SCREENSHOTS / f"site_03_scale_values_{width}.png"), full_page=True, clip=clip)


# Checks of what a page's apps show, run by the from-disk test on the page it has loaded (decision record 0021)
FOLLOW_UPS = {
    **{name: (quiz_chart_is_drawn,) for name in QUIZ_CHART_TITLES},
    **{
        name: (values_stay_in_their_columns,)
        for name in ("03_scoring_a_ward.html", "nl/03_een_afdeling_scoren.html", "nl/07_sociaal_werker_in_spagaat.html")
    },
}


def test_the_site_holds_no_assignment_key(site):
    """lecturer/keys/ (the assignments' keys and case material) is never read: no sentence of it is on a page."""
    folder, _ = site
    sentences = key_sentences()
    for page in folder.rglob("*.html"):
        text = text_of(page.read_text(encoding="utf-8"))
        assert not [s for s in sentences if s in text], page
        assert "Waterkant" not in text and "a2_noor" not in text, page
    assert not list(folder.rglob("keys")), "no keys folder in the site"


@pytest.mark.parametrize("name", ["lecturer/guide.html", "nl/docent/handleiding.html"])
def test_the_lecturer_guide_is_a_page_of_the_lecturer_part(site, browser, name):
    folder, _ = site
    page = open_offline(browser, folder / name)
    try:
        assert page.title().startswith(("Lecturer guide", "Docentenhandleiding"))
        assert page.locator("main table").count() >= 8, "needs, keys, competences, study load, rubrics"
        other = page.locator("main a[href*='guide.html'], main a[href*='handleiding.html']").first
        assert (folder / name).parent.joinpath(other.get_attribute("href")).resolve().exists(), "the twin's page"
        page.screenshot(path=str(SCREENSHOTS / f"site_{name.replace('/', '_')}.png"))
        assert not page.errors and not page.blocked
    finally:
        page.close()


FOOT = r"<footer class='course-site-foot'><a href='([^']+)'>([^<]+)</a></footer>"  # a page's link to the statement


@pytest.mark.parametrize(
    "language, source, heading, name, status",
    [
        ("en", "README.md", "Accessibility", "accessibility.html", "Status: partially compliant."),
        ("nl", "LEESMIJ.md", "Toegankelijkheid", "nl/toegankelijkheid.html", "Status: voldoet gedeeltelijk."),
    ],
)
def test_the_accessibility_statement_is_a_page_that_every_page_of_its_language_links_to(
    site, browser, language, source, heading, name, status
):
    """Issue 30: the accessibility statement is a page of the site in each language, its words those of its one
    source, the README's section (LEESMIJ's in Dutch); every page of the language links to it at its foot, it
    links to the other language's statement, and every link on it leads to a page of the site."""
    folder, pages = site
    statement = folder / name
    assert statement in pages
    section = re.search(rf"^## {heading}\n.*?(?=^## )", (ROOT / source).read_text(encoding="utf-8"), re.M | re.S)
    assert section, f"{source} has a section '## {heading}'"
    words = " ".join(re.sub(r"[*`]", "", re.sub(r"^(#+|-) ", "", section.group(0), flags=re.M)).split())
    assert "WCAG 2.1" in words and status in words
    own = [p for p in pages if (p.relative_to(folder).parts[0] == "nl") == (language == "nl") and p != statement]
    assert len(own) >= 11, "the index, every lesson, the dashboard and the guide"
    for other in own:
        foot = re.search(FOOT, other.read_text(encoding="utf-8"))
        assert foot and foot.group(2) == heading, f"{other.relative_to(folder)}: no link to the statement at its foot"
        assert (other.parent / foot.group(1)).resolve() == statement.resolve(), other.relative_to(folder)
    page = open_offline(browser, statement)
    try:
        assert page.title().startswith(heading)
        assert " ".join(page.inner_text("main").split()) == words, "the page says what the README's section says"
        assert page.locator("main h2").count() >= 5, "tested, works, gaps, the best route, reporting a problem"
        hrefs = [page.evaluate("(a) => a.href", a) for a in page.locator("a:visible").element_handles()]
        assert hrefs and all(h.startswith("file://") and Path(unquote(urlsplit(h).path)).exists() for h in hrefs), hrefs
        twin = "nl/toegankelijkheid.html" if language == "en" else "accessibility.html"
        assert (folder / twin).as_uri() in hrefs, "the other language's statement"
        page.screenshot(path=str(SCREENSHOTS / f"site_{name.replace('/', '_')}.png"), full_page=True)
        assert not page.errors and not page.blocked
        # WCAG 2 A/AA; axe-core's own attempt to read the stylesheet (not allowed from file://) logs an error
        assert axe_violations(page, "body") == []
    finally:
        page.close()
