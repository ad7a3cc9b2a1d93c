"""Notebook rules, enforced: clean commits, the lesson template, data only through helpers."""
from __future__ import annotations

import re
import sys

import nbformat
import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import notebooks as notebook_tool  # noqa: E402

PATHS = notebook_tool.notebook_paths()
LESSONS = [p for p in PATHS if re.match(r"\d\d_", p.name)]
CONCEPT_IDS = [f"S{n}" for n in range(1, 15)] + [f"R{n}" for n in range(1, 13)] + ["X1", "X2"]


def test_there_are_notebooks_to_check():
    assert LESSONS and LESSONS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_committed_clean(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook_tool.problems(notebook) == [], "run: python tools/notebooks.py clean"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_kernel_is_python3(path):
    assert nbformat.read(path, as_version=4).metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_data_is_read_only_through_helpers(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            assert not re.search(r"read_csv|open\(|data/", cell.source), cell.source


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_template(path):
    cells = nbformat.read(path, as_version=4).cells
    markdown = [c.source for c in cells if c.cell_type == "markdown"]
    everything = "\n".join(markdown)
    assert len(re.findall(r"^# ", everything, re.M)) == 1, "exactly one H1"
    assert markdown[0].startswith("# ")
    opening = markdown[1]
    for part in ("**In this lesson you will**", "**Covers:**", "**Time needed:**"):
        assert part in opening
    for heading in ("## Summary", "## References"):
        assert re.search(rf"^{heading}", everything, re.M), heading
    assert re.search(r"^## .*[Ee]xercise", everything, re.M), "an exercise section"
    setup = next(c for c in cells if c.cell_type == "code")
    assert setup.metadata.get("jupyter", {}).get("source_hidden"), "first code cell is the hidden set-up"
    assert "start_lesson()" in setup.source


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_widget_cells_are_not_compared_by_nbval(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code" and re.search(r"widgets\.\w+\(", cell.source) \
                and "start_lesson" not in cell.source:
            assert "nbval-ignore-output" in cell.metadata.get("tags", []), cell.source


def covered_ids(path) -> set[str]:
    opening = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"][1]
    line = next(line for line in opening.splitlines() if "**Covers:**" in line)
    return set(re.findall(r"\b([SRX]\d+)\b", line))


def test_covered_ids_are_known():
    for path in LESSONS:
        assert covered_ids(path) <= set(CONCEPT_IDS), path.name
