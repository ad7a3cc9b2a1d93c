"""Build the static course site for an LMS: ``python3 course.py html`` writes ``build/site/``.

    python3 course.py html                  # both languages into build/site/
    python3 course.py html --out FOLDER     # somewhere else

Every lesson and the lecturer dashboard, in English (``index.html``) and Dutch (``nl/index.html``),
runs top to bottom in a fresh kernel; each app is then shown in its worked-example state as static
HTML with real plotly figures (``helpers/static.py``), beside the case material the exercises need.
plotly.js is copied once into ``assets/``; the pages load nothing from a network and work from
``file://``. An index per language lists the lessons with their time and a line on what each is for
(``data/lessons.csv``, which a lecturer can edit); each page links to the previous and next lesson and
says how to open the lesson live (``data/site.json``:
``live_url``, e.g. a JupyterHub or Binder address with ``{path}`` for the notebook's path). The
lecturer part lists the dashboard and the lecturer guide (``lecturer/guide.md``, Dutch
``lecturer/handleiding.md``), rendered from Markdown; the assignments' keys (``lecturer/keys/``) are never
read. Every page links at its foot to the accessibility statement of its language, rendered from the section
*Accessibility* of ``README.md`` (Dutch: *Toegankelijkheid* in ``LEESMIJ.md``), the one place its text lives.
Why nbconvert and not a book builder: docs/decisions/0007-static-site-builder.md.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import plotly
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.checks import Checker  # noqa: E402
from helpers.decoding import CourseDataError, read_csv  # noqa: E402
from helpers.figures import STATIC_FIGURE  # noqa: E402
from helpers.text import number, set_language, t  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
TARGET = ROOT / "build" / "site"
CONFIG = ROOT / "data" / "site.json"
PURPOSES = ROOT / "data" / "lessons.csv"  # per lesson, the index's line on what it is for
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
# the cells that show an app: a call into helpers.widgets that is not a text report or the set-up
APP_CELL = re.compile(r"widgets\.(?!\w+_text\(|start_lesson\()\w+\(")
STATIC_CELL = "from helpers.static import show_static\n\nshow_static(_)"
FOLDERS = {"en": (NOTEBOOKS, "lecturer"), "nl": (NOTEBOOKS / "nl", "docent")}
# the lecturer guide per language: its Markdown source and its page (lecturer/keys/ is never read)
GUIDES = {
    "en": ("lecturer/guide.md", "lecturer/guide.html"),
    "nl": ("lecturer/handleiding.md", "nl/docent/handleiding.html"),
}
# the accessibility statement per language: the README's section it is written in (its one source), that
# section's heading (also the link to it at the foot of every page) and its page
STATEMENTS = {
    "en": ("README.md", "Accessibility", "accessibility.html"),
    "nl": ("LEESMIJ.md", "Toegankelijkheid", "nl/toegankelijkheid.html"),
}
TIME = {  # how the opening cell of a lesson states its time, per language
    "en": r"\*\*Time needed:\*\* about (\d+) minutes",
    "nl": r"\*\*Benodigde tijd:\*\* ongeveer (\d+) minuten",
}
SCRIPT = """document.addEventListener("DOMContentLoaded", () => {
  for (const block of document.querySelectorAll(".course-figure")) {
    const spec = JSON.parse(block.querySelector("script").textContent);
    // plotly's drawing (loose tick and label text) hidden from screen readers: the block is a named figure,
    // its caption and data table follow it
    Plotly.newPlot(block, spec.data, spec.layout, {responsive: true, displaylogo: false}).then(() =>
      block.querySelectorAll(".main-svg").forEach((svg) => svg.setAttribute("aria-hidden", "true")));
  }
});
"""
STYLE = """body { font-family: Arial, Helvetica, sans-serif; line-height: 1.55; color: #222; margin: 0; }
main, .course-site-nav, .course-site-foot { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
.course-site-nav { display: flex; gap: 18px; flex-wrap: wrap; align-items: baseline; padding-top: 12px;
  padding-bottom: 12px; border-bottom: 1px solid #ddd; }
.course-site-nav .course-home { font-weight: bold; margin-right: auto; }
.course-site-foot { margin-top: 24px; padding-top: 12px; padding-bottom: 24px; border-top: 1px solid #ddd; }
.course-live { background: #F3F8FC; border-left: 4px solid #0072B2; padding: 8px 14px; margin: 16px 0; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border-bottom: 1px solid #ddd; padding: 4px 10px;
  text-align: left; vertical-align: top; }
blockquote { border-left: 4px solid #ccc; margin: 8px 0; padding: 2px 14px; color: #333; }
pre { background: #f6f6f6; padding: 8px 12px; overflow-x: auto; }
details { margin: 6px 0; } summary { cursor: pointer; font-weight: bold; }
.course-static { border: 1px solid #ddd; border-radius: 4px; padding: 8px 16px; margin: 12px 0; }
.course-row { display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
.course-control, .course-scale { display: grid; grid-template-columns: minmax(0, 260px) minmax(0, 1fr);
  column-gap: 12px; align-items: baseline; margin: 2px 0; }
.course-scale { grid-template-columns: minmax(0, 260px) minmax(5.5em, max-content) minmax(0, 1fr); margin: 6px 0; }
.course-scale > .course-control { display: contents; }
.course-control-label, .course-control-value, .course-scale > small { min-width: 0; overflow-wrap: break-word; }
.course-control-number .course-control-value { white-space: nowrap; font-variant-numeric: tabular-nums; }
@media (max-width: 640px) {
  .course-control-number, .course-scale { grid-template-columns: minmax(0, 1fr) minmax(5.5em, max-content); }
  .course-control-choice { grid-template-columns: minmax(0, 1fr); }
  .course-scale > small { grid-column: 1 / -1; margin-bottom: 4px; }
  .course-index td:nth-child(3) { white-space: normal; }
}
.course-figure { width: 100%; min-height: 360px; }
.js-plotly-plot .plotly .modebar:focus-within { opacity: 1; } /* plotly's toolbar shown while it has the focus */
:focus-visible { outline: 3px solid #0072B2; outline-offset: 1px; }
.course-live-note { font-style: italic; color: #444; }
.course-index td { padding: 8px 10px; } .course-purpose { display: inline-block; margin-top: 2px; color: #444; }
.course-index td:nth-child(3) { white-space: nowrap; }
.anchor-link { display: none; }
"""


@dataclass
class Lesson:
    """One page of the site: the notebook, where its page goes, and what the index says of it."""

    path: Path
    language: str
    page: str  # relative to the site's root, e.g. "nl/03_een_afdeling_scoren.html"
    title: str = ""
    minutes: str = ""
    purpose: str = ""  # one line on what the lesson is for (data/lessons.csv)
    lecturer: bool = False

    @property
    def number(self) -> str:
        """The lesson's number as its notebook's name starts ("03"); empty for a lecturer's page."""
        return "" if self.lecturer else self.path.name[:2]


def lessons(language: str) -> list[Lesson]:
    """The numbered lessons of a language, then its lecturer notebooks."""
    folder, lecturer = FOLDERS[language]
    found = [(p, False) for p in sorted(folder.glob("[0-9][0-9]_*.ipynb"))]
    found += [(p, True) for p in sorted((folder / lecturer).glob("*.ipynb"))]
    return [
        Lesson(path, language, path.relative_to(NOTEBOOKS).with_suffix(".html").as_posix(), lecturer=lecturer)
        for path, lecturer in found
    ]


def describe(lesson: Lesson, notebook) -> None:
    """Title and time from the lesson's first two markdown cells."""
    markdown = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    lesson.title = re.search(r"^# (.+)$", markdown[0], re.M).group(1).strip()
    opening = markdown[1] if len(markdown) > 1 else ""
    minutes = re.search(TIME[lesson.language], opening)
    lesson.minutes = minutes.group(1) if minutes else ""


def lesson_purposes(path: Path = PURPOSES) -> dict[str, dict]:
    """``data/lessons.csv``: per lesson number ("03"), the line on what the lesson is for, per language (the
    index shows it under the title). A bad file stops the build with the file, line, field and value."""
    try:
        frame = read_csv(path, ("lesson", "purpose_nl", "purpose_en"))
        check = Checker(path, frame)
        whole = frame["lesson"].map(lambda value: bool(re.fullmatch(r"[0-9]{1,2}([.,]0+)?", value)))
        check.first(~whole, "lesson", "not a lesson number", "the number its notebook's name starts with, e.g. 03")
        frame["lesson"] = frame["lesson"].map(lambda value: f"{int(re.split(r'[.,]', value)[0]):02d}")
        check.first(frame["lesson"].duplicated(), "lesson", "a lesson given twice", "each lesson once")
        check.text("purpose_nl", "purpose_en")
    except CourseDataError as error:
        raise SystemExit(str(error)) from None
    return {
        row["lesson"]: {"nl": row["purpose_nl"], "en": row["purpose_en"], "line": row["_line"]}
        for _, row in frame.iterrows()
    }


def add_purposes(pages: list[Lesson], purposes: dict[str, dict], path: Path = PURPOSES) -> None:
    """Give every lesson its line; a lesson without one, or a line for no lesson, stops the build."""
    numbered = {lesson.number: lesson for lesson in pages if not lesson.lecturer}
    for lesson_number, lesson in numbered.items():
        if lesson_number not in purposes:
            raise SystemExit(
                f"{path}: no line for lesson {lesson_number} ({lesson.path.name}); allowed: every lesson once, "
                f"so add a row with lesson {lesson_number}, purpose_nl and purpose_en"
            )
        lesson.purpose = purposes[lesson_number][lesson.language]
    for lesson_number, row in purposes.items():
        if lesson_number not in numbered:
            raise SystemExit(
                f"{path}, line {row['line']}: a lesson the course does not have; field 'lesson'; "
                f"found '{lesson_number}'; allowed: {', '.join(numbered)} (the notebooks in notebooks/)"
            )


def run(path: Path):
    """The notebook run in its folder, each app replaced by its static HTML (helpers.static)."""
    notebook = nbformat.read(path, as_version=4)
    shown = []  # index of each app cell and of the cell added after it
    cells = []
    for cell in notebook.cells:
        cells.append(cell)
        if cell.cell_type == "code" and APP_CELL.search(cell.source):
            cells.append(nbformat.v4.new_code_cell(STATIC_CELL))
            shown.append((len(cells) - 2, len(cells) - 1))
    notebook.cells = cells
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute(stderr=subprocess.DEVNULL)  # the kernel's start-up warnings; cell errors still stop the build
    for app, static in shown:
        html_outputs = [o for o in notebook.cells[static].outputs if o.get("data", {}).get("text/html")]
        if html_outputs:
            notebook.cells[app].outputs = html_outputs
    notebook.cells = [c for n, c in enumerate(notebook.cells) if n not in {s for _, s in shown}]
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data:  # a figure displayed outside an app
                spec = json.dumps(data[PLOTLY_MIME]).replace("</", "<\\/")
                output["data"] = {"text/html": STATIC_FIGURE.format(spec=spec)}
            data.pop(WIDGET_MIME, None)
    notebook.metadata.pop("widgets", None)
    return notebook


def live_link(lesson: Lesson, config: dict) -> str:
    """Where to open this lesson live: the configured address, else the command that opens the course."""
    notebook_path = lesson.path.relative_to(ROOT).as_posix()
    if config.get("live_url"):
        url = html.escape(config["live_url"].format(path=notebook_path))
        return f"{html.escape(t('site_live'))}: <a href='{url}'>{html.escape(notebook_path)}</a>"
    command = "python3 course.py open" + (" nl" if lesson.language == "nl" else "")
    return html.escape(t("site_live_local", command=command, path=notebook_path))


def page(lesson: Lesson, body: str, previous: Lesson | None, following: Lesson | None, config: dict) -> str:
    up = "../" * lesson.page.count("/")
    index = "index.html" if lesson.language == "en" else "nl/index.html"
    links = [f"<a class='course-home' href='{up}{index}'>{html.escape(t('site_title'))}</a>"]
    if previous:
        links.append(f"<a rel='prev' href='{up}{previous.page}'>← {html.escape(previous.title)}</a>")
    if following:
        links.append(f"<a rel='next' href='{up}{following.page}'>{html.escape(following.title)} →</a>")
    nav = f"<nav class='course-site-nav'>{''.join(links)}</nav>"
    return (
        f"<!doctype html><html lang='{lesson.language}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(lesson.title)} — {html.escape(t('site_title'))}</title>"
        f"<link rel='stylesheet' href='{up}assets/course.css'>"
        f"<script src='{up}assets/plotly.min.js'></script><script src='{up}assets/course.js'></script>"
        f"</head><body>{nav}<main><p class='course-live'>{live_link(lesson, config)}</p>{body}</main>"
        f"{nav}{foot(lesson.page, lesson.language)}</body></html>"
    )


def index_page(language: str, pages: list[Lesson]) -> str:
    up = "" if language == "en" else "../"
    other, other_language = ("nl/index.html", "nl") if language == "en" else ("index.html", "en")

    def link(lesson: Lesson) -> str:
        return f"<a href='{up}{lesson.page}'>{html.escape(lesson.title)}</a>"

    students = "".join(
        f"<tr><td>{lesson.number}</td>"
        f"<td>{link(lesson)}<br><span class='course-purpose'>{html.escape(lesson.purpose)}</span></td>"
        f"<td>{html.escape(t('site_minutes', minutes=lesson.minutes)) if lesson.minutes else ''}</td></tr>"
        for lesson in pages
        if not lesson.lecturer
    )
    head = f"<tr><th></th><th>{html.escape(t('site_lesson'))}</th><th>{html.escape(t('site_time'))}</th></tr>"
    lecturers = "".join(f"<tr><td>{link(lesson)}</td></tr>" for lesson in pages if lesson.lecturer)
    return (
        f"<!doctype html><html lang='{language}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(t('site_title'))}</title><link rel='stylesheet' href='{up}assets/course.css'></head>"
        f"<body><main><h1>{html.escape(t('site_title'))}</h1><p>{html.escape(t('site_intro'))}</p>"
        f"<p><a href='{up}{other}' hreflang='{other_language}'>{html.escape(t('site_other_language'))}</a></p>"
        f"<table class='course-index'>{head}{students}</table>"
        f"<h2>{html.escape(t('site_lecturers'))}</h2><table class='course-index'>{lecturers}</table>"
        f"</main>{foot('index.html' if language == 'en' else 'nl/index.html', language)}</body></html>"
    )


def guide(language: str) -> Lesson:
    """The lecturer guide of a language as a page of the site's lecturer part (title from its heading)."""
    source, page_path = GUIDES[language]
    lesson = Lesson(ROOT / source, language, page_path, lecturer=True)
    lesson.title = re.search(r"^# (.+)$", lesson.path.read_text(encoding="utf-8"), re.M).group(1).strip()
    return lesson


def guide_page(lesson: Lesson) -> str:
    """The guide's Markdown as a page of the site; its links to the other language's guide point to that page."""
    up = "../" * lesson.page.count("/")
    text = lesson.path.read_text(encoding="utf-8")
    for source, page_path in GUIDES.values():
        text = text.replace(f"]({Path(source).name})", f"]({up}{page_path})")
    index = "index.html" if lesson.language == "en" else "nl/index.html"
    nav = (
        f"<nav class='course-site-nav'><a class='course-home' href='{up}{index}'>"
        f"{html.escape(t('site_title'))}</a></nav>"
    )
    return (
        f"<!doctype html><html lang='{lesson.language}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(lesson.title)} — {html.escape(t('site_title'))}</title>"
        f"<link rel='stylesheet' href='{up}assets/course.css'></head>"
        f"<body>{nav}<main>{markdown2html_mistune(text)}</main>{nav}{foot(lesson.page, lesson.language)}</body></html>"
    )


def foot(page_path: str, language: str) -> str:
    """The foot of a page at ``page_path``: the link to its language's accessibility statement."""
    _, heading, statement = STATEMENTS[language]
    up = "../" * page_path.count("/")
    return f"<footer class='course-site-foot'><a href='{up}{statement}'>{html.escape(heading)}</a></footer>"


def statement_text(language: str, folder: Path = ROOT) -> str:
    """The accessibility statement's Markdown: its section of the README (LEESMIJ), as a page of its own (the
    section's heading the page's, its subheadings one level up; a link to a file of the repository, which is
    not on the site, becomes its text). A README without the section stops the build, naming file and heading."""
    source, heading, _ = STATEMENTS[language]
    text = (folder / source).read_text(encoding="utf-8")
    section = re.search(rf"^## {re.escape(heading)}[ \t]*\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if not section:
        raise SystemExit(f"{folder / source}: no section '## {heading}': the site's accessibility statement")
    body = re.sub(r"^#(#{2,5}) ", r"\1 ", section.group(1), flags=re.M)
    body = re.sub(r"\[([^\]]+)\]\((?!https?://|#)[^)]*\)", r"\1", body)
    return f"# {heading}\n\n{body.strip()}\n"


def statement_page(language: str) -> str:
    """The accessibility statement of a language as a page, linked to the other language's."""
    _, heading, page_path = STATEMENTS[language]
    other_language = "nl" if language == "en" else "en"
    up = "../" * page_path.count("/")
    index = "index.html" if language == "en" else "nl/index.html"
    nav = (
        f"<nav class='course-site-nav'><a class='course-home' href='{up}{index}'>{html.escape(t('site_title'))}</a>"
        f"<a href='{up}{STATEMENTS[other_language][2]}' hreflang='{other_language}'>"
        f"{html.escape(t('site_other_language'))}</a></nav>"
    )
    return (
        f"<!doctype html><html lang='{language}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(heading)} — {html.escape(t('site_title'))}</title>"
        f"<link rel='stylesheet' href='{up}assets/course.css'></head>"
        f"<body>{nav}<main>{markdown2html_mistune(statement_text(language))}</main>{nav}</body></html>"
    )


def write_guides(target: Path, language: str) -> list[Lesson]:
    """Write the lecturer guide of a language into the site; returns it as the lecturer part's page."""
    lesson = guide(language)
    path = target / lesson.page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(guide_page(lesson), encoding="utf-8")
    return [lesson]


def site_config(path: Path = CONFIG) -> dict:
    """Read ``data/site.json``; stop with the file, the field, the value and what is allowed."""
    if not path.exists():
        return {}
    try:
        config = json.loads(path.read_text(encoding="utf-8-sig"))  # Notepad may add a byte-order mark
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SystemExit(f'{path}: not a UTF-8 JSON file ({error}); expected {{"live_url": ""}}') from None
    if not isinstance(config, dict) or set(config) - {"live_url"}:
        raise SystemExit(f"{path}: found {config!r}; allowed is one object with the field live_url")
    url = config.get("live_url", "")
    try:
        usable = isinstance(url, str) and (not url or url.format(path="x").startswith(("https://", "http://")))
    except (KeyError, IndexError, ValueError):
        usable = False
    if not usable:
        raise SystemExit(
            f"{path}: field live_url is {url!r}; allowed is empty or an http(s) address in which "
            "{path} stands for the notebook's path, e.g. https://hub.example.org/hub/user-redirect/lab/tree/{path}"
        )
    return config


def build(target: Path = TARGET, languages: tuple[str, ...] = ("en", "nl")) -> list[Path]:
    """Write the site into ``target`` (emptied first); returns the pages written, indexes first."""
    config = site_config()
    purposes = lesson_purposes()
    if target.exists():
        shutil.rmtree(target)
    (target / "assets").mkdir(parents=True)
    shutil.copy(PLOTLY_JS, target / "assets" / "plotly.min.js")
    (target / "assets" / "course.js").write_text(SCRIPT, encoding="utf-8")
    (target / "assets" / "course.css").write_text(STYLE, encoding="utf-8")
    exporter = HTMLExporter(
        template_name="basic", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    written = []
    for language in languages:
        set_language(language)
        pages = lessons(language)
        add_purposes(pages, purposes)
        bodies = []
        for lesson in pages:
            notebook = run(lesson.path)
            describe(lesson, notebook)
            bodies.append(exporter.from_notebook_node(notebook)[0])
        index = target / ("index.html" if language == "en" else "nl/index.html")
        index.parent.mkdir(parents=True, exist_ok=True)
        guides = write_guides(target, language)
        index.write_text(index_page(language, pages + guides), encoding="utf-8")
        written.append(index)
        written += [target / lesson.page for lesson in guides]
        statement = target / STATEMENTS[language][2]
        statement.write_text(statement_page(language), encoding="utf-8")
        written.append(statement)
        order = [lesson for lesson in pages if not lesson.lecturer]
        for lesson, body in zip(pages, bodies, strict=True):
            position = order.index(lesson) if lesson in order else None
            previous = order[position - 1] if position else None
            following = order[position + 1] if position is not None and position + 1 < len(order) else None
            path = target / lesson.page
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page(lesson, body, previous, following, config), encoding="utf-8")
            written.append(path)
    set_language("en")
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=TARGET, help="the site's folder (default build/site)")
    arguments = parser.parse_args()
    started = time.perf_counter()
    written = build(arguments.out)
    for path in written:
        print(f"wrote {path.relative_to(arguments.out)} ({number(path.stat().st_size / 1024, 0)} KB)")
    print(f"built {len(written)} pages in {time.perf_counter() - started:.0f} s; plotly.js once in assets/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
