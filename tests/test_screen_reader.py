"""Lesson 03 through Linux's real accessibility stack (issue 30): Chromium on a virtual screen with its
accessibility tree exposed over AT-SPI, read as Orca reads it (``tools/screen_reader.py``).

The ARIA snapshots (``tests/journeys.py``) show the tree Chromium builds; this shows that the tree
reaches a screen reader through the desktop's accessibility bus, with every control's name, role and value,
the figure's table with its headers, and the feedback in a live region. What a screen reader announces at
each step is written to ``build/screen_reader/lesson_03.txt``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from browsing import APP_DRAWN_JS, POLL_MS, served
from playwright.sync_api import expect
from screen_reader import PACKAGES, accessibility_desktop, chromium_on_desktop, missing, read_tree, spoken, subtree

from helpers.labels import item_names, profile_names
from helpers.text import set_language, t
from helpers.vocabulary import WARD_ITEMS
from tests.conftest import ROOT
from tests.journeys import Keyboard, commit

pytestmark = pytest.mark.browser
TRANSCRIPT = ROOT / "build" / "screen_reader" / "lesson_03.txt"
ANNOUNCED = {"slider", "entry", "push button", "toggle button", "combo box", "page tab", "figure", "table", "heading"}


@pytest.fixture(scope="module")
def desktop():
    lacking = missing()
    assert lacking == [], f"the AT-SPI check needs Debian's {PACKAGES} (.ci/run installs them); missing: {lacking}"
    with accessibility_desktop() as env:
        yield env


def first(tree: list[dict], role: str, name: str = "") -> int:
    """The index of the first node with ``role`` whose name starts with ``name``."""
    for index, node in enumerate(tree):
        if node["role"] == role and node["name"].strip().startswith(name):
            return index
    near = [spoken(node) for node in tree if name in node["name"]]
    raise AssertionError(f"no {role} named {name!r} in the tree AT-SPI gives; nodes with that name: {near}")


def announced(tree: list[dict]) -> list[str]:
    """What a screen reader's reading of the page's controls, figures, tables and headings says, and each live
    region (the region itself, not its inner sections) with the words it speaks when it changes."""
    lines = []
    for index, node in enumerate(tree):
        if node.get("live") and node["role"] in ("status bar", "notification"):
            words = " ".join(n["name"].strip() for n in subtree(tree, index) if n["name"].strip())
            lines.append(f"{spoken(node)}: {words[:400]}")
        elif node["role"] in ANNOUNCED or (node["role"] == "panel" and node["name"]):
            lines.append(spoken(node))
    return lines


def test_lesson_03_reaches_a_screen_reader_through_at_spi(desktop, browser):
    set_language("en")
    items, functions = item_names(WARD_ITEMS), profile_names()
    transcript: list[str] = []
    with (
        tempfile.TemporaryDirectory() as folder,
        served("voila", Path(folder)) as voila,
        chromium_on_desktop(browser.playwright, desktop) as on_desktop,
    ):
        page = on_desktop.new_page(viewport={"width": 1280, "height": 860})
        page.goto(voila.voila_url("03_scoring_a_ward.ipynb"), wait_until="commit")
        page.wait_for_function(APP_DRAWN_JS, timeout=90_000, polling=POLL_MS)
        keys = Keyboard(page)

        def step(name: str) -> list[dict]:
            tree = read_tree(desktop)
            transcript.extend([f"## {name}", *announced(tree), ""])
            return tree

        tree = step("the lesson's app, as loaded")
        sliders = [node for node in tree if node["role"] == "slider" and node["name"] in items]
        assert [(s["name"], s["value"]) for s in sliders] == [(item, 2) for item in items]
        reasons = [node["name"] for node in tree if node["role"] == "entry"]
        assert [t("a11y_reason", item=item) for item in items] == [r for r in reasons if r != t("pseudonym")]
        for role, name in [
            ("push button", t("commit")),
            ("push button", t("save")),
            ("push button", t("load")),
            ("toggle button", t("table_show")),
            ("toggle button", t("large_font")),
            ("combo box", t("ward")),
        ]:
            first(tree, role, name)
        # Chromium gives a role=figure element to AT-SPI as a panel, named as the course names it
        figure = first(tree, "panel", t("figure_name", title=t("scorer_radar_title", ward="De Linde ward")))
        assert not [n for n in subtree(tree, figure) if n["role"] == "label" and n["name"].strip() == "0"], (
            "plotly's tick labels reach the screen reader as loose text"
        )

        keys.tab_to(".noUi-handle")
        keys.press("ArrowRight", "ArrowRight")
        expect(page.locator(".course-app .noUi-handle").first).to_have_attribute("aria-valuenow", "4.0")
        tree = step("first slider, two presses of the right arrow")
        slider = tree[first(tree, "slider", items[0])]
        assert slider["value"] == 4 and "focused" in slider["states"]

        commit(page, keys, t("verdict_reference"))
        tree = step("Commit")
        regions = [i for i, node in enumerate(tree) if node.get("live") == "polite" and node["role"] != "label"]
        heard = [" ".join(n["name"] for n in subtree(tree, i)) for i in regions]
        assert any(t("verdict_reference") in text for text in heard), heard

        keys.tab_to("button:has(.fa-table)")
        keys.press("Enter")
        expect(page.locator(".course-app table.course-data-table")).to_have_count(1)
        tree = step("Show the data as a table")
        caption = t("table_caption", title=t("scorer_radar_title", ward="De Linde ward"))
        inside = subtree(tree, first(tree, "table", caption))
        headers = [n["name"].strip() for n in inside if n["role"] == "column header"]
        assert headers == [t("function"), t("your_scoring"), t("reference_scoring")]
        assert [n["name"].strip() for n in inside if n["role"] == "row header"] == functions
        assert [n["name"].strip() for n in inside if n["role"] == "table cell"][:2] == ["4", "1"]
    TRANSCRIPT.parent.mkdir(parents=True, exist_ok=True)
    TRANSCRIPT.write_text("\n".join(transcript), encoding="utf-8")
