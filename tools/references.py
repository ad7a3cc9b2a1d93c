"""Keep every lesson's References section in step with the course bibliography.

    python3 course.py references check    # list citations without an entry, unknown keys, stale sections
    python3 course.py references render   # rewrite each lesson's References section from its keys
    python3 course.py references suggest  # per lesson, the keys its author–year citations resolve to

Give notebook paths after the command to work on those only (default: the lessons
``notebooks/NN_*.ipynb`` and ``notebooks/lecturer/*.ipynb``, and their Dutch twins in
``notebooks/nl/``, whose section is called ``## Bronnen`` and lists the Dutch notes).

A lesson lists its works in its notebook metadata, as keys of ``data/references.csv``:

    "metadata": {"course": {"references": ["leamy2011", {"key": "slade2009", "note": "Clinical recovery."}]}}

A key may come with a note for this lesson; it is printed after the entry. The References
section is the markdown from the line ``## References`` (``## Bronnen``) to the end of the list under it.
``render`` replaces exactly that (heading and list, sorted as APA sorts); text before the
heading in the same cell and text after the list (e.g. "All wards ... are fictional.") stay
as they are.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pandas as pd
from bibliography import FILE, citation_problems, citations_in, load_references, reference_list, resolve

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
HEADINGS = {"en": "## References", "nl": "## Bronnen"}
DUTCH = NOTEBOOKS / "nl"


def lesson_paths() -> list[Path]:
    """The lessons (``NN_*.ipynb``) and the lecturer notebooks, English first, then Dutch."""
    english = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) + sorted((NOTEBOOKS / "lecturer").glob("*.ipynb"))
    dutch = sorted(DUTCH.glob("[0-9][0-9]_*.ipynb")) + sorted((DUTCH / "docent").glob("*.ipynb"))
    return english + dutch


def language_of(path: Path) -> str:
    """``nl`` for a notebook in ``notebooks/nl/`` (or below), else ``en``."""
    return "nl" if path.resolve().is_relative_to(DUTCH) else "en"


def listed(notebook) -> list[tuple[str, str]] | None:
    """The lesson's ``(key, note)`` pairs from its metadata, or None if it has no list."""
    items = notebook.metadata.get("course", {}).get("references")
    if items is None:
        return None
    return [(item, "") if isinstance(item, str) else (item["key"], item.get("note", "")) for item in items]


def split_section(source: str, language: str = "en") -> tuple[str, str, str] | None:
    """``(before, section, after)`` of a markdown cell: the section is the References heading
    and the list under it. None if the cell has no such heading."""
    lines = source.split("\n")
    starts = [n for n, line in enumerate(lines) if line.strip() == HEADINGS[language]]
    if not starts:
        return None
    end = starts[0] + 1
    while end < len(lines) and not lines[end].strip():
        end += 1
    while end < len(lines) and re.match(r"([-*] |\s+\S)", lines[end]):
        end += 1
    return "\n".join(lines[: starts[0]]), "\n".join(lines[starts[0] : end]).rstrip(), "\n".join(lines[end:]).strip()


def section_cells(notebook, language: str = "en") -> list[int]:
    return [
        n
        for n, cell in enumerate(notebook.cells)
        if cell.cell_type == "markdown" and split_section(cell.source, language) is not None
    ]


def rendered(source: str, items: list[tuple[str, str]], references: pd.DataFrame, language: str = "en") -> str:
    """The cell's source with its References section rendered from ``items``."""
    parts = split_section(source, language)
    assert parts is not None, f"no {HEADINGS[language]} line in the cell"
    before, _, after = parts
    section = f"{HEADINGS[language]}\n\n{reference_list(items, references, language=language)}"
    return (before + "\n" if before else "") + section + ("\n\n" + after if after else "")


def lesson_text(notebook, language: str = "en") -> str:
    """All markdown of a lesson except the References section itself (it is generated)."""
    texts = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            parts = split_section(cell.source, language)
            texts.append(cell.source if parts is None else parts[0] + "\n\n" + parts[2])
    return "\n\n".join(texts)


def problems(notebook, references: pd.DataFrame, language: str = "en") -> list[str]:
    """Everything that keeps a lesson's references from being complete and up to date."""
    items = listed(notebook)
    if items is None:
        return ['no list of works in the notebook metadata ("course": {"references": [...]})']
    unknown = [key for key, _ in items if key not in references.index]
    found = [f"{key}: listed in the metadata but not a key of {FILE}" for key in unknown]
    found += citation_problems(lesson_text(notebook, language), [key for key, _ in items], references)
    cells, heading = section_cells(notebook, language), HEADINGS[language]
    if len(cells) != 1:
        found.append(f"{len(cells)} markdown cells with a '{heading}' line (needs exactly one)")
    elif not unknown:
        source = notebook.cells[cells[0]].source
        if source != rendered(source, items, references, language):
            found.append(
                f"the {heading} section is not what the keys render to: run: python3 course.py references render"
            )
    return found


def render(path: Path, references: pd.DataFrame) -> bool:
    """Rewrite the lesson's References section in place; True if the file changed."""
    notebook, language = nbformat.read(path, as_version=4), language_of(path)
    items, cells = listed(notebook), section_cells(notebook, language)
    if items is None or len(cells) != 1 or any(key not in references.index for key, _ in items):
        return False
    cell = notebook.cells[cells[0]]
    new = rendered(cell.source, items, references, language)
    if new == cell.source:
        return False
    cell.source = new
    nbformat.write(notebook, path)
    return True


def suggest(notebook, references: pd.DataFrame, language: str = "en") -> dict:
    """The keys the lesson's citations resolve to, and the citations that resolve to none."""
    citations = citations_in(lesson_text(notebook, language))
    keys = [resolve(c, references) for c in citations]
    return {
        "references": sorted({k for k in keys if k}),
        "unresolved": list(dict.fromkeys(c.text for c, k in zip(citations, keys, strict=True) if not k)),
    }


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command not in ("check", "render", "suggest"):
        print(__doc__)
        return 2
    paths = [Path(p).resolve() for p in argv[1:]] or lesson_paths()
    references = load_references()
    trouble = 0
    for path in paths:
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if command == "render" and render(path, references):
            print(f"{name}: References section rendered")
        notebook = nbformat.read(path, as_version=4)
        if command == "suggest":
            print(f"{name}: {json.dumps(suggest(notebook, references, language_of(path)), ensure_ascii=False)}")
            continue
        for line in problems(notebook, references, language_of(path)):
            trouble += 1
            print(f"{name}: {line}")
    return 1 if trouble else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
