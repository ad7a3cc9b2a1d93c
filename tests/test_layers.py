"""helpers/ imports one way only, from the notebooks' face down to the files: the table LAYERS below is the
one description of it, and CONTRIBUTING.md shows it (a test keeps the two equal)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import helpers
from tests.conftest import ROOT

# From the bottom up: a module imports only modules of the layers below its own, and `text` and `helpers`
# itself (`__init__`), which every layer may use. The data layer is ordered too, so its files read one way.
LAYERS = (
    ("data: the course's ids; a file read as text", ("vocabulary", "decoding")),
    ("data: the rules a table follows; a student's file", ("checks", "student_work")),
    ("data: vignettes, the LMS mapping, hand-ins", ("vignettes", "lms_mapping", "handin")),
    ("data: the course loaded", ("course_data",)),
    ("data: a class's saved work", ("classroom",)),
    ("model: judgements, labels, grades", ("model", "labels", "gradebook")),
    ("plotly, started once for the page", ("plotly_start",)),
    ("plots", ("plots",)),
    ("views: what a figure or report says", ("views",)),
    ("reports and figures", ("reports", "figures")),
    ("an app's shell and save box", ("shell", "savebox")),
    ("apps other apps build on", ("app_quiz", "apps_grading")),
    ("apps", ("apps_systems", "apps_recovery", "apps_class")),
    ("what the notebooks call", ("widgets", "static")),
)
LAYER = {module: number for number, (_, modules) in enumerate(LAYERS) for module in modules}
# `text` (the English and Dutch strings) imports nothing from helpers; `__init__` (the version) only `text`.
SHARED = {"text": set(), "__init__": {"text"}}
PURE = "model"  # this layer and the ones below draw nothing: no plotly, ipywidgets, IPython or anywidget
DISPLAY = {"plotly", "ipywidgets", "IPython", "anywidget"}
HELPERS = Path(helpers.__file__).parent
MODULES = {path.stem for path in HELPERS.glob("*.py")}


def imports(path: Path) -> tuple[set[str], set[str]]:
    """The helpers modules and the other top-level packages a module imports, also inside functions
    (``from helpers import t`` imports ``__init__``; ``from helpers import model`` imports ``model``)."""
    own, others = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "helpers":
            own |= {a.name if a.name in MODULES else "__init__" for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("helpers."):
            own.add(node.module.split(".")[1])
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            others.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            own |= {a.name.split(".")[1] for a in node.names if a.name.startswith("helpers.")}
            others |= {a.name.split(".")[0] for a in node.names if not a.name.startswith("helpers")}
    return own - {path.stem}, others


def test_every_module_has_one_layer():
    listed = [module for _, modules in LAYERS for module in modules]
    assert sorted(listed) == sorted(set(listed)), "a module is in two layers"
    assert MODULES - set(SHARED) == set(LAYER), "add new modules to LAYERS"


def test_imports_go_one_way_only():
    wrong = []
    for module in sorted(LAYER):
        for target in sorted(imports(HELPERS / f"{module}.py")[0]):
            if target not in SHARED and LAYER[target] >= LAYER[module]:
                wrong.append(f"{module} (layer {LAYER[module]}) imports {target} (layer {LAYER[target]})")
    assert not wrong, wrong


def test_text_and_init_import_only_what_every_layer_may():
    for module, allowed in SHARED.items():
        assert imports(HELPERS / f"{module}.py")[0] <= allowed, module


def test_the_model_and_the_data_below_it_draw_nothing():
    drawing = {
        module: sorted(imports(HELPERS / f"{module}.py")[1] & DISPLAY)
        for module, layer in LAYER.items()
        if layer <= LAYER[PURE]
    }
    assert {module: found for module, found in drawing.items() if found} == {}


def layers_in_markdown() -> str:
    """LAYERS as CONTRIBUTING.md shows them, from the top down."""
    rows = [f"| {n} | {what} | {', '.join(f'`{m}`' for m in modules)} |" for n, (what, modules) in enumerate(LAYERS)]
    return "\n".join(["| layer | what | modules |", "|---|---|---|", *reversed(rows)])


def test_contributing_shows_the_layers_of_this_table():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = re.search(r"<!-- layers -->\n(.*?)\n<!-- /layers -->", text, re.S)
    assert shown, "CONTRIBUTING.md lost its <!-- layers --> block"
    assert shown[1] == layers_in_markdown(), "copy this into CONTRIBUTING.md:\n" + layers_in_markdown()


def test_no_other_text_writes_the_layers_out():
    """README, LEESMIJ and the package point to CONTRIBUTING.md instead of a chain of modules of their own."""
    names = MODULES | {"data", "apps", "apps_*"}
    chain = re.compile(r"`?([a-z_*]+)(?:/[a-z_*]+)*`?\s*→\s*`?([a-z_*]+)")
    for path in (ROOT / "README.md", ROOT / "LEESMIJ.md", HELPERS / "__init__.py", Path(__file__)):
        found = [m[0] for m in chain.finditer(path.read_text(encoding="utf-8")) if {m[1], m[2]} & names]
        assert found == [], f"{path.name}: {found}"
