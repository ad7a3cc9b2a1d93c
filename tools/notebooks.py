"""Keep the course notebooks clean.

    python tools/notebooks.py check   # list notebooks with stray outputs, counts or widget state
    python tools/notebooks.py clean   # strip them (pinned cells keep their outputs)
    python tools/notebooks.py pin     # run each notebook and store only the pinned cells' outputs

A *pinned* cell contains ``# NBVAL_CHECK_OUTPUT``; nbval compares its stored output
with a fresh run. Every other cell is committed without outputs or execution count (nbval needs the
count on pinned cells), and no notebook keeps widget state.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
PIN = "# NBVAL_CHECK_OUTPUT"


def notebook_paths() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def is_pinned(cell) -> bool:
    return cell.cell_type == "code" and PIN in cell.source


def problems(notebook) -> list[str]:
    """What is not clean in one notebook, as readable lines."""
    found = []
    if notebook.metadata.get("widgets"):
        found.append("widget state stored in metadata.widgets")
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is not None and not is_pinned(cell):
            found.append(f"cell {number}: execution count stored")
        if cell.get("outputs") and not is_pinned(cell):
            found.append(f"cell {number}: output stored in a cell nbval does not check")
        if is_pinned(cell) and not cell.get("outputs"):
            found.append(f"cell {number}: pinned cell has no stored output (run tools/notebooks.py pin)")
    return found


def clean(notebook) -> None:
    """Strip outputs (except pinned cells'), execution counts and widget state, in place."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if not is_pinned(cell):
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)


def pin(path: Path) -> None:
    """Execute the notebook in its folder and keep only the pinned cells' outputs.

    The kernel runs in a fresh student folder, so the maintainer's own language choice or saved
    work (my_work/) never ends up in a pinned output.
    """
    import os
    import tempfile

    from nbclient import NotebookClient

    os.environ.setdefault("COURSE_WORK_DIR", tempfile.mkdtemp(prefix="course-pin-work-"))

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    clean(notebook)
    nbformat.write(notebook, path)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    paths = [Path(p).resolve() for p in argv[1:]] or notebook_paths()
    dirty = 0
    for path in paths:
        if command == "pin":
            pin(path)
        notebook = nbformat.read(path, as_version=4)
        if command == "clean":
            clean(notebook)
            nbformat.write(notebook, path)
        for line in problems(notebook):
            dirty += 1
            print(f"{path.relative_to(ROOT)}: {line}")
    if command not in ("check", "clean", "pin"):
        print(__doc__)
        return 2
    return 1 if dirty else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
