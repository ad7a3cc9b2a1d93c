"""Build a static HTML version of the course for an LMS: build/html/<lesson>.html and an index.

    python tools/export_html.py                    # every notebook
    python tools/export_html.py notebooks/03_scoring_a_ward.ipynb

Each notebook is run top to bottom; a widget, which needs a live kernel, is replaced by a
short note and the widget's own text description (what its figure shows, with the numbers),
so the page reads well without JavaScript or a kernel.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "build" / "html"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
NOTE = (
    "<div class='course-static-widget' style='border-left:4px solid #0072B2;padding:6px 12px;"
    "background:#F3F8FC'><p><b>Interactive widget.</b> Open this lesson in JupyterLab to use it. "
    "What it shows:</p><p>{description}</p></div>"
)


def static_notebook(path: Path):
    """The notebook run in its folder, with every widget output replaced by its text description."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_MIME in data:
                description = html.escape(data.get("text/plain", ""))
                output["data"] = {"text/html": NOTE.format(description=description)}
    notebook.metadata.pop("widgets", None)
    return notebook


def export(path: Path) -> Path:
    body, _ = HTMLExporter(template_name="lab", exclude_input=True).from_notebook_node(static_notebook(path))
    target = TARGET / path.relative_to(ROOT / "notebooks").with_suffix(".html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    paths = [Path(p).resolve() for p in argv] or sorted(
        p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )
    written = [export(path) for path in paths]
    links = "".join(f"<li><a href='{p.relative_to(TARGET).as_posix()}'>{html.escape(p.stem)}</a></li>" for p in written)
    (TARGET / "index.html").write_text(
        f"<html><head><meta charset='utf-8'><title>Social systems and recovery"
        f"</title></head><body><h1>Social systems and recovery</h1><ul>{links}</ul>"
        "</body></html>",
        encoding="utf-8",
    )
    for path in written:
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
