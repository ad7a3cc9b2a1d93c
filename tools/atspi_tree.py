"""Print, as JSON, what the Linux accessibility stack (AT-SPI) exposes of the web page open in Chromium: the
tree a screen reader such as Orca reads. Run by ``tools/screen_reader.py`` with Debian's own Python, which
has ``pyatspi`` (package python3-pyatspi); the course's .venv has no bindings for it.

Each node: its depth below the page (the "document web" object), role, name, description, the value of a
slider, the states a screen reader speaks (focused, checked, pressed, expanded, ...) and the live-region
attribute (``live``: polite or assertive).
"""

from __future__ import annotations

import json
import sys

import pyatspi

SPOKEN_STATES = {
    pyatspi.STATE_FOCUSED: "focused",
    pyatspi.STATE_CHECKED: "checked",
    pyatspi.STATE_PRESSED: "pressed",
    pyatspi.STATE_EXPANDED: "expanded",
    pyatspi.STATE_SELECTED: "selected",
}


def node(accessible, depth: int) -> dict:
    states = accessible.getState()
    entry = {
        "depth": depth,
        "role": accessible.getRoleName(),
        "name": accessible.name or "",
        "description": accessible.description or "",
        "states": [spoken for state, spoken in SPOKEN_STATES.items() if states.contains(state)],
    }
    attributes = dict(a.split(":", 1) for a in accessible.getAttributes() if ":" in a)
    if attributes.get("live") or attributes.get("container-live"):
        entry["live"] = attributes.get("live") or attributes["container-live"]
    if entry["role"] in ("slider", "spin button"):
        entry["value"] = accessible.queryValue().currentValue
    return entry


def walk(accessible, depth: int, out: list[dict]) -> None:
    out.append(node(accessible, depth))
    for index in range(accessible.childCount):
        child = accessible.getChildAtIndex(index)
        if child is not None:
            walk(child, depth + 1, out)


def page_tree() -> list[dict]:
    """The tree of the first web page (role "document web") of every application on the desktop."""
    desktop = pyatspi.Registry.getDesktop(0)
    out: list[dict] = []
    for index in range(desktop.childCount):
        application = desktop.getChildAtIndex(index)
        if application is None:
            continue
        documents = pyatspi.findAllDescendants(application, lambda a: a.getRoleName() == "document web")
        for document in documents[:1]:
            walk(document, 0, out)
    return out


if __name__ == "__main__":
    json.dump(page_tree(), sys.stdout)
