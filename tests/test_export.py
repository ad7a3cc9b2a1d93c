"""The static HTML export for an LMS reads well without a kernel."""

from __future__ import annotations

import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import export_html


def test_widgets_become_readable_text_in_the_static_page():
    notebook = export_html.static_notebook(ROOT / "notebooks" / "00_start_here.ipynb")
    outputs = [o for c in notebook.cells for o in c.get("outputs", [])]
    assert not any(export_html.WIDGET_MIME in o.get("data", {}) for o in outputs)
    notes = [
        o["data"]["text/html"] for o in outputs if "course-static-widget" in o.get("data", {}).get("text/html", "")
    ]
    assert (
        len(notes) == 2
        and "Bar chart of the four functions of a ward&#x27;s profile; structuring is set to 2 of 4." in notes[0]
    )
    assert "Language switch: English or Nederlands." in notes[1]
    assert not any("options=" in note or "children=" in note for note in notes)
    assert "widgets" not in notebook.metadata
