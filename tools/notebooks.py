"""Keep the course notebooks clean.

    python tools/notebooks.py check   # list notebooks with stray outputs, counts or widget state
    python tools/notebooks.py clean   # strip them (pinned cells keep their outputs)
    python tools/notebooks.py pin     # run each notebook and store only the pinned cells' outputs

A *pinned* cell carries nbval's ``# NBVAL_CHECK_OUTPUT`` comment as its last line (the marker the
team's style guide and pre-stop check look for); nbval compares its stored output with a fresh run.
Its input is collapsed (``jupyter.source_hidden``, as the set-up cell's), so students read the call
and its report, not the marker. ``clean`` moves the marker last, collapses the input and turns the
equivalent cell tag ``nbval-check-output`` into the marker (nbval warns when a cell has both). Every
other cell is committed without outputs or execution count, and no notebook keeps widget state.
Stripping is nbstripout's: a pinned cell carries nbstripout's ``keep_output`` metadata, so plain
``nbstripout`` keeps its output too. The one thing added here is the pinned cells' execution count,
which nbstripout removes and nbval needs (it skips a cell without one as never run).
See docs/decisions/0003-pinned-nbval-cells.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbstripout import strip_output

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
PIN = "nbval-check-output"  # the cell tag nbval also reads; clean turns it into the marker
MARKER = "# NBVAL_CHECK_OUTPUT"  # nbval's comment marker, kept last in a pinned cell's (collapsed) source
# What the nbstripout command strips by default (its library call strips only what it is given).
NBSTRIPOUT_KEYS = [
    "metadata.signature",
    "metadata.widgets",
    "cell.metadata.collapsed",
    "cell.metadata.ExecuteTime",
    "cell.metadata.execution",
    "cell.metadata.heading_collapsed",
    "cell.metadata.hidden",
    "cell.metadata.scrolled",
]


def notebook_paths() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def is_pinned(cell) -> bool:
    """Tagged or marked: either way nbval checks its output."""
    return cell.cell_type == "code" and (PIN in cell.metadata.get("tags", []) or MARKER in cell.source)


def mark(cell) -> None:
    """Give a pinned cell the marker comment as its last line and a collapsed input, in place."""
    if not is_pinned(cell):
        return
    tags = [tag for tag in cell.metadata.get("tags", []) if tag != PIN]
    if tags:
        cell.metadata["tags"] = tags
    else:
        cell.metadata.pop("tags", None)
    # the marker goes last: a collapsed input shows its first line, which stays the call a student reads
    lines = [line for line in cell.source.split("\n") if line.strip() != MARKER]
    cell.source = "\n".join([*lines, MARKER])
    cell.metadata.setdefault("jupyter", {})["source_hidden"] = True


def problems(notebook) -> list[str]:
    """What is not clean in one notebook, as readable lines."""
    found = []
    if notebook.metadata.get("widgets"):
        found.append("widget state stored in metadata.widgets")
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        pinned, kept = is_pinned(cell), bool(cell.metadata.get("keep_output"))
        if pinned and not (
            cell.source.rstrip().endswith(MARKER)
            and PIN not in cell.metadata.get("tags", [])
            and cell.metadata.get("jupyter", {}).get("source_hidden")
        ):
            found.append(f"cell {number}: pinned cell needs {MARKER!r} as its last line and a collapsed input")
        if cell.get("execution_count") is not None and not pinned:
            found.append(f"cell {number}: execution count stored")
        if cell.get("outputs") and not pinned:
            found.append(f"cell {number}: output stored in a cell nbval does not check")
        if pinned and not cell.get("outputs"):
            found.append(f"cell {number}: pinned cell has no stored output (run tools/notebooks.py pin)")
        if pinned != kept:
            found.append(
                f"cell {number}: keep_output metadata {'missing on a pinned' if pinned else 'on an unpinned'} cell"
            )
    return found


def clean(notebook) -> None:
    """Strip outputs (except pinned cells'), execution counts and widget state, in place."""
    counts = {}
    for number, cell in enumerate(notebook.cells):
        mark(cell)
        if is_pinned(cell):
            cell.metadata["keep_output"] = True
            counts[number] = cell.get("execution_count")
        else:
            cell.metadata.pop("keep_output", None)
    strip_output(notebook, keep_output=False, keep_count=False, keep_id=True, extra_keys=NBSTRIPOUT_KEYS)
    for number, count in counts.items():
        notebook.cells[number].execution_count = count


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
