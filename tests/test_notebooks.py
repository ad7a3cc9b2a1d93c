"""Notebook rules, enforced: clean commits, the lesson template, data only through helpers."""

from __future__ import annotations

import inspect
import re
import sys

import nbformat
import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import notebooks as notebook_tool

PATHS = notebook_tool.notebook_paths()
LESSONS = [p for p in PATHS if re.match(r"\d\d_", p.name)]
CONCEPT_IDS = [f"S{n}" for n in range(1, 15)] + [f"R{n}" for n in range(1, 13)] + ["X1", "X2"]
# The lesson skeleton in each language (notebooks/ is English, notebooks/nl/ Dutch).
SKELETON = {
    "en": {
        "subtitle": "*Social systems and recovery — lesson {number}*",
        "objectives": "**In this lesson you will**",
        "covers": "**Covers:**",
        "time": r"\*\*Time needed:\*\* about (\d+) minutes",
        "exercise": "Exercise",
        "summary": "Summary",
        "references": "References",
    },
    "nl": {
        "subtitle": "*Sociale systemen en herstel — les {number}*",
        "objectives": "**In deze les**",
        "covers": "**Behandelt:**",
        "time": r"\*\*Benodigde tijd:\*\* ongeveer (\d+) minuten",
        "exercise": "Opdracht",
        "summary": "Samenvatting",
        "references": "Bronnen",
    },
}


def name(path) -> str:
    return str(path.relative_to(ROOT / "notebooks"))


def _language(path) -> str:
    return "nl" if "nl" in path.relative_to(ROOT / "notebooks").parts else "en"


def test_there_are_notebooks_to_check():
    assert LESSONS and LESSONS[0].name == "00_start_here.ipynb"
    assert {_language(p) for p in LESSONS} == {"en", "nl"}


@pytest.mark.parametrize("path", PATHS, ids=name)
def test_committed_clean(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook_tool.problems(notebook) == [], "run: python tools/notebooks.py clean"


@pytest.mark.parametrize("path", PATHS, ids=name)
def test_kernel_is_python3(path):
    assert nbformat.read(path, as_version=4).metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", PATHS, ids=name)
def test_data_is_read_only_through_helpers(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            assert not re.search(r"read_csv|open\(|data/", cell.source), cell.source


# a lesson's set-up cell, its comment in the lesson's language (a student reads the code cells too)
SETUP_COMMENT = {
    "en": "# Set-up: load the course's helper package (run this cell first).",
    "nl": "# Opstarten: laad het hulppakket van de cursus (voer deze cel als eerste uit).",
}
SETUP = "\n".join(["{comment}", "from helpers import widgets", "", "widgets.start_lesson()"])


@pytest.mark.parametrize("path", LESSONS, ids=name)
def test_lesson_template(path):
    """One skeleton for every lesson, in its language: title and subtitle; objectives, Covers and time;
    a hidden set-up cell; numbered sections (exercises, summary and references unnumbered); one section
    per cell."""
    words = SKELETON[_language(path)]
    cells = nbformat.read(path, as_version=4).cells
    markdown = [c.source for c in cells if c.cell_type == "markdown"]
    everything = "\n".join(markdown)
    assert len(re.findall(r"^# ", everything, re.M)) == 1, "exactly one H1"
    title = markdown[0].split("\n")
    assert title[0].startswith("# ") and title[-1] == words["subtitle"].format(number=path.name[:2])
    opening = markdown[1]
    for part in (words["objectives"], words["covers"]):
        assert part in opening
    assert re.search(words["time"], opening)
    for heading in (words["summary"], words["references"]):
        assert re.search(rf"^## {heading}$", everything, re.M), heading
    assert re.search(rf"^## {words['exercise']}( \d+)?: ", everything, re.M), "an exercise section"
    setup = next(c for c in cells if c.cell_type == "code")
    assert setup.metadata.get("jupyter", {}).get("source_hidden"), "first code cell is the hidden set-up"
    assert setup.source == SETUP.format(comment=SETUP_COMMENT[_language(path)])
    sections = [line[3:] for line in everything.split("\n") if line.startswith("## ")]
    unnumbered = (words["exercise"], words["summary"], words["references"])
    numbered = [s for s in sections if not s.startswith(unnumbered)]
    assert numbered == [f"{n}. {s.split('. ', 1)[1]}" for n, s in enumerate(numbered, start=1)], numbered
    for source in markdown:
        assert not any(line.startswith("## ") for line in source.split("\n")[1:]), "one section per cell"


@pytest.mark.parametrize("path", PATHS, ids=name)
def test_widget_cells_are_not_compared_by_nbval(path):
    """A cell that shows a widget is never compared; a pinned cell may print a text report (``widgets.*_text``)."""
    for cell in nbformat.read(path, as_version=4).cells:
        if (
            cell.cell_type == "code"
            and re.search(r"widgets\.(?!\w+_text\()\w+\(", cell.source)
            and "start_lesson" not in cell.source
        ):
            assert "nbval-ignore-output" in cell.metadata.get("tags", []), cell.source


def covered_ids(path) -> set[str]:
    opening = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"][1]
    covers = SKELETON[_language(path)]["covers"]
    line = next(line for line in opening.splitlines() if covers in line)
    return set(re.findall(r"\b([SRX]\d+)\b", line))


def test_covered_ids_are_known():
    for path in LESSONS:
        assert covered_ids(path) <= set(CONCEPT_IDS), path.name


def test_every_concept_id_is_covered_by_some_lesson():
    covered = set().union(*(covered_ids(p) for p in LESSONS))
    assert sorted(set(CONCEPT_IDS) - covered, key=CONCEPT_IDS.index) == []


@pytest.mark.parametrize("path", LESSONS, ids=name)
def test_every_covered_concept_is_taught_in_the_text(path):
    """A concept id on the Covers line must come with teaching: its key term appears in the lesson."""
    markdown = " ".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    text = " ".join(markdown.lower().split())
    terms = KEY_TERMS[_language(path)]
    missing = [i for i in covered_ids(path) if not any(term in text for term in terms[i])]
    assert missing == []


KEY_TERMS = {  # distinctive phrases: a common word would let a lesson pass without teaching the idea
    "en": {
        "S1": ("needs others", "need others"),
        "S2": ("mutually dependent",),
        "S3": ("fixed by nature",),
        "S4": ("make human functioning possible",),
        "S5": ("route a",),
        "S6": ("clinic as a social system",),
        "S7": ("knowledge of social systems",),
        "S8": ("energieverzorging",),
        "S9": ("four conditions",),
        "S10": ("reason to exist",),
        "S11": ("internal function",),
        "S12": ("equilibrium",),
        "S13": ("who does not benefit", "do not benefit"),
        "S14": ("different client groups need",),
        "R1": ("british journal of social work",),
        "R2": ("personal recovery",),
        "R3": ("clinical recovery",),
        "R4": ("eigen regie",),
        "R5": ("coach",),
        "R6": ("citizen",),
        "R7": ("kink in the cable",),
        "R8": ("frameworks serve people", "kaders zijn er om mensen te dienen"),
        "R9": ("leefwereld",),
        "R10": ("three challenges",),
        "R11": ("movisie",),
        "R12": ("ggz-agog",),
        "X1": ("recovery-oriented ward",),
        "X2": ("chime",),
    },
    "nl": {
        "S1": ("samen met en dankzij anderen",),
        "S2": ("wederzijds afhankelijk",),
        "S3": ("van nature vast",),
        "S4": ("voorwaarde om als mens te kunnen functioneren",),
        "S5": ("route a",),
        "S6": ("kliniek is zelf een sociaal systeem", "kliniek als sociaal systeem"),
        "S7": ("kennis van sociale systemen",),
        "S8": ("energieverzorging",),
        "S9": ("vier voorwaarden",),
        "S10": ("bestaansreden",),
        "S11": ("interne functie",),
        "S12": ("evenwicht",),
        "S13": ("geen baat",),
        "S14": ("verschillende cliëntengroepen",),
        "R1": ("british journal of social work",),
        "R2": ("persoonlijk herstel",),
        "R3": ("klinisch herstel",),
        "R4": ("eigen regie",),
        "R5": ("coach",),
        "R6": ("burger",),
        "R7": ("kink in de kabel",),
        "R8": ("kaders zijn er om mensen te dienen",),
        "R9": ("leefwereld",),
        "R10": ("drie uitdagingen",),
        "R11": ("movisie",),
        "R12": ("ggz-agog",),
        "X1": ("herstelgerichte afdeling",),
        "X2": ("chime",),
    },
}


READING_WORDS_PER_MINUTE = 130  # careful study reading of English by Dutch students
MINUTES_PER_EXERCISE = 5  # the least an exercise section takes; most take longer


@pytest.mark.parametrize("path", LESSONS, ids=name)
def test_no_lesson_claims_less_time_than_reading_and_exercises_take(path):
    """A floor, not an estimate: the stated time must cover reading every word at a study pace plus
    five minutes per exercise. (The closing notes of issue 8 give each lesson's worked-out time.)"""
    skeleton = SKELETON[_language(path)]
    cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
    text = "\n".join(cells).split(f"## {skeleton['references']}")[0]
    words = len(re.findall(r"[^\W\d_]+", text))
    exercises = sum(len(re.findall(rf"^## {skeleton['exercise']}", cell, re.M)) for cell in cells)
    stated = re.search(skeleton["time"], cells[1])
    assert stated, "the opening cell states the time needed"
    floor = words / READING_WORDS_PER_MINUTE + MINUTES_PER_EXERCISE * exercises
    assert int(stated.group(1)) >= floor, f"{words} words and {exercises} exercises need at least {floor:.0f} minutes"


def _numbers(text: str) -> list[float]:
    """The numbers written in ``text``, in order, with a decimal point (English) or comma (Dutch)."""
    return [float(n.replace(",", ".")) for n in re.findall(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])", text)]


def _markdown_before(path, code: str) -> str:
    """The markdown cell just before the first code cell that contains ``code``."""
    cells = nbformat.read(path, as_version=4).cells
    at = next(i for i, c in enumerate(cells) if c.cell_type == "code" and code in c.source)
    assert cells[at - 1].cell_type == "markdown"
    return cells[at - 1].source


EQUILIBRIUM_LESSONS = [p for p in LESSONS if p.name.startswith("01_")]


@pytest.mark.parametrize("path", EQUILIBRIUM_LESSONS, ids=name)
def test_lesson_01_quotes_the_simulations_own_numbers(path):
    """The prose states the model's start level, verdict thresholds and scenario settings: an edit
    to helpers/model.py that the text does not follow fails here."""
    from helpers import model

    decimals = [n for n in _numbers(_markdown_before(path, "equilibrium_simulation()")) if n % 1]
    assert decimals == [model.START_LEVEL, model.HEALTHY_FROM, model.LESS_HEALTHY_BELOW]
    scenario_text = _markdown_before(path, "scenarios_text()")
    settings = [float(v) for scenario in model.SCENARIOS.values() for v in scenario.values()]
    assert [n for n in _numbers(scenario_text) if n % 1] == settings
    defaults = inspect.signature(model.simulate_equilibrium).parameters
    whole = [n for n in _numbers(scenario_text) if not n % 1 and n != 0]  # "member 0" names a member
    assert whole == [defaults[name].default for name in ("members", "seed", "steps")]


NUMBER_WORDS = {
    "en": ("no", "one", "two", "three", "four", "five"),
    "nl": ("geen", "een", "twee", "drie", "vier", "vijf"),
}
OR_MORE = {"en": "{} or more", "nl": "{} of meer"}


@pytest.mark.parametrize(
    "path", [p for p in LESSONS if p.name.startswith("03_")], ids=lambda p: str(p.relative_to(ROOT))
)
def test_lesson_03_states_the_models_rule_of_thumb(path):
    """The rule the lesson teaches is the rule helpers/model.py applies: scores, gaps and the count of
    strain points that makes an equilibrium less healthy."""
    from helpers import model

    cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
    rule = next(cell for cell in cells if "±" in cell)
    definition = next(paragraph for paragraph in rule.split("\n\n") if "±" in paragraph)
    assert [abs(n) for n in _numbers(definition.replace("±", ""))] == [
        model.STRAIN_SCORE,
        model.STRAIN_GAP,
        0,
        model.SERIOUS_SCORE,
        model.SERIOUS_GAP,
    ]
    language = _language(path)
    word = NUMBER_WORDS[language][model.STRAIN_POINTS_FOR_LESS_HEALTHY]
    assert OR_MORE[language].format(word) in rule


# ---------------------------------------------------------------- one structure, two languages

TWINS = {"lecturer/class_dashboard.ipynb": "nl/docent/klasdashboard.ipynb"}


def twins() -> list[tuple]:
    """(English, Dutch) notebook pairs: lessons by their number, the dashboard by name."""
    english = {p.name[:2]: p for p in LESSONS if _language(p) == "en"}
    dutch = {p.name[:2]: p for p in LESSONS if _language(p) == "nl"}
    assert sorted(english) == sorted(dutch), "every lesson exists in both languages"
    pairs = [(english[number], dutch[number]) for number in sorted(english)]
    return pairs + [(ROOT / "notebooks" / en, ROOT / "notebooks" / nl) for en, nl in TWINS.items()]


def code_cells(path) -> list[tuple[str, dict]]:
    """Every code cell's code (its comments left out: they are in the lesson's language) and metadata."""
    return [
        ("\n".join(line for line in c.source.splitlines() if not is_comment(line)), c.metadata)
        for c in nbformat.read(path, as_version=4).cells
        if c.cell_type == "code"
    ]


def is_comment(line: str) -> bool:
    """A comment a student reads; nbval's markers (``# NBVAL_CHECK_OUTPUT``) are code, the same in both."""
    return line.lstrip().startswith("#") and "NBVAL" not in line


def comments(path) -> set[str]:
    return {
        line.strip()
        for c in nbformat.read(path, as_version=4).cells
        if c.cell_type == "code"
        for line in c.source.splitlines()
        if is_comment(line)
    }


def exercise_count(path) -> int:
    exercise = SKELETON[_language(path)]["exercise"]
    cells = nbformat.read(path, as_version=4).cells
    return sum(len(re.findall(rf"^## {exercise}\b", c.source, re.M)) for c in cells if c.cell_type == "markdown")


def reference_keys(path) -> set[str]:
    items = nbformat.read(path, as_version=4).metadata["course"]["references"]
    return {item if isinstance(item, str) else item["key"] for item in items}


@pytest.mark.parametrize("english, dutch", twins(), ids=lambda p: name(p))
def test_dutch_and_english_twins_keep_one_structure(english, dutch):
    """Same code cells (source and tags, so the same pinned cells), the same Covers ids, exercises and
    works cited: a code cell changed in one language fails here until its twin follows."""
    for number, (en, nl) in enumerate(zip(code_cells(english), code_cells(dutch), strict=False)):
        assert en == nl, f"code cell {number} differs between {name(english)} and {name(dutch)}"
    assert len(code_cells(english)) == len(code_cells(dutch)), "the same number of code cells"
    assert comments(dutch) & comments(english) == set(), "an English comment in a Dutch notebook's code"
    if re.match(r"\d\d_", english.name):
        assert covered_ids(english) == covered_ids(dutch)
    assert exercise_count(english) == exercise_count(dutch)
    assert reference_keys(english) == reference_keys(dutch)


def test_every_notebook_has_a_twin():
    paired = {p for pair in twins() for p in pair}
    assert [name(p) for p in PATHS if p not in paired] == []
