"""Where a lesson's text says what the screen shows — a title, a label, a button — it says what the screen
shows in that language (issue 28: lesson 00 promised a Dutch title the app does not have)."""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers import set_language, t
from helpers.labels import names
from tests.conftest import ROOT

LESSON_00 = {"en": "notebooks/00_start_here.ipynb", "nl": "notebooks/nl/00_start.ipynb"}
OTHER = {"en": "nl", "nl": "en"}
# The buttons and tabs each lesson's instructions name, by label key; the lessons name them in bold.
BUTTONS = {
    "03": ("commit", "save", "load", "tab_score", "tab_ideal"),
    "06": ("commit", "save", "load", "rewrite_title"),
    "07": ("reset", "save", "load"),
}


def markdown(path: str) -> str:
    notebook = nbformat.read(ROOT / path, as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def lesson(number: str, language: str) -> str:
    folder = ROOT / "notebooks" / ("nl" if language == "nl" else "")
    (path,) = folder.glob(f"{number}_*.ipynb")
    return str(path.relative_to(ROOT))


def in_language(language: str, key: str) -> str:
    set_language(language)
    try:
        return t(key)
    finally:
        set_language("en")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_lesson_00_says_what_the_set_up_check_shows_in_the_other_language(language):
    """The exercise switches the language and runs the set-up check again: its answer quotes the title
    and the slider's label as the app then shows them."""
    answer = markdown(LESSON_00[language]).split("<details>")[-1]
    other = OTHER[language]
    set_language(other)
    try:
        title, label = t("setup_title"), names()["structurering"]
    finally:
        set_language("en")
    quoted = re.findall(r"\*([^*\n]+)\*", answer)
    assert title in quoted, f"lesson 00 ({language}) should quote the title {title!r}; it quotes {quoted}"
    assert label in quoted, f"lesson 00 ({language}) should name the slider {label!r}; it quotes {quoted}"


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("number", sorted(BUTTONS))
def test_lessons_name_buttons_and_tabs_as_the_app_does(number, language):
    text = markdown(lesson(number, language))
    missing = [in_language(language, key) for key in BUTTONS[number] if f"**{in_language(language, key)}**" not in text]
    assert missing == [], f"lesson {number} ({language}) does not name these as the app does: {missing}"
