"""helpers/ layers import one way only: widgets → apps → shell → figures → views → plots → model → data
(text is shared). Modules of one layer do not import each other, except in the data layer."""

from __future__ import annotations

import ast
from pathlib import Path

import helpers

LAYER = {
    "vocabulary": 0,
    "decoding": 0,
    "checks": 0,
    "vignettes": 0,
    "course_data": 0,
    "student_work": 0,
    "classroom": 0,
    "handin": 0,
    "lms_mapping": 0,
    "labels": 1,
    "plotly_start": 1,
    "model": 1,
    "gradebook": 1,
    "plots": 2,
    "views": 3,
    "reports": 4,
    "figures": 4,
    "shell": 5,
    "savebox": 5,
    "app_quiz": 6,
    "apps_systems": 7,
    "apps_recovery": 7,
    "apps_class": 7,
    "apps_grading": 6,
    "widgets": 8,
    "static": 8,
}
SHARED = {"text", "__init__"}


def imported_helpers_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("helpers"):
            parts = node.module.split(".")
            found |= {parts[1]} if len(parts) > 1 else {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("helpers.")}
    return found - {"__version__", "get_language", "set_language", "t"}


def test_every_module_has_a_layer():
    modules = {p.stem for p in Path(helpers.__file__).parent.glob("*.py")}
    assert modules - SHARED == set(LAYER), "add new modules to LAYER"


def test_imports_go_one_way_only():
    wrong = []
    for path in Path(helpers.__file__).parent.glob("*.py"):
        if path.stem in SHARED:
            continue
        for target in imported_helpers_modules(path):
            if target in SHARED or target == path.stem:
                continue
            same_data_layer = LAYER[target] == LAYER[path.stem] == 0
            if LAYER[target] >= LAYER[path.stem] and not same_data_layer:
                wrong.append(f"{path.stem} imports {target}")
    assert not wrong, wrong


def test_data_layer_does_not_import_pandas_consumers():
    text = (Path(helpers.__file__).parent / "model.py").read_text(encoding="utf-8")
    assert "plotly" not in text and "ipywidgets" not in text
