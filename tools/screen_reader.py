"""A desktop with Linux's accessibility stack for a real Chromium, as a screen reader (Orca) finds it.

``accessibility_desktop()`` starts a private D-Bus session, a virtual screen (Xvfb) and the AT-SPI bus;
``chromium_on_desktop()`` opens Chromium on it with its accessibility tree switched on
(``--force-renderer-accessibility``); ``read_tree()`` reads that tree through AT-SPI with Debian's own Python
(``tools/atspi_tree.py``) and ``spoken()`` writes a node the way a screen reader announces it. Used by
``tests/test_screen_reader.py``. Needs Debian's packages in ``PACKAGES`` (``.ci/run`` installs them).
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from browsing import CHROMIUM_FLAGS, browser_path

PACKAGES = "xvfb at-spi2-core python3-pyatspi dbus"
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's Python: python3-pyatspi installs its bindings there
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
TREE_READER = Path(__file__).with_name("atspi_tree.py")
SCREEN = "1280x900x24"


def missing() -> list[str]:
    """What this machine lacks for the check (empty when it can run)."""
    lacking = [program for program in ("Xvfb", "dbus-daemon") if not _found(program)]
    if not Path(BUS_LAUNCHER).exists():
        lacking.append(BUS_LAUNCHER)
    bindings = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False)
    if bindings.returncode:
        lacking.append(f"pyatspi for {SYSTEM_PYTHON}")
    return lacking


def _found(program: str) -> bool:
    return any((Path(folder) / program).exists() for folder in os.environ.get("PATH", "").split(os.pathsep))


def _free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number between :90 and :199")


@contextmanager
def accessibility_desktop() -> Iterator[dict[str, str]]:
    """A D-Bus session, a virtual screen and the AT-SPI bus, all stopped afterwards; yields the environment a
    program needs to run on them (``DISPLAY``, ``DBUS_SESSION_BUS_ADDRESS``)."""
    started: list[subprocess.Popen] = []
    try:
        dbus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"], stdout=subprocess.PIPE, text=True
        )
        started.append(dbus)
        address = dbus.stdout.readline().strip() if dbus.stdout else ""
        number = _free_display()
        started.append(subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", SCREEN, "-nolisten", "tcp"]))
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb did not start on :{number}")
            time.sleep(0.05)
        env = {**os.environ, "DISPLAY": f":{number}", "DBUS_SESSION_BUS_ADDRESS": address}
        started.append(subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"], env=env))
        yield env
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def chromium_on_desktop(playwright, env: dict[str, str]) -> Iterator[object]:
    """Chromium on the desktop (not headless) with its accessibility tree exposed to AT-SPI."""
    flags = [flag for flag in CHROMIUM_FLAGS if flag != "--headless"] + ["--force-renderer-accessibility"]
    # ACCESSIBILITY_ENABLED: Chromium loads the bridge to AT-SPI (without it the desktop lists no browser)
    browser = playwright.chromium.launch(
        executable_path=browser_path(), headless=False, args=flags, env={**env, "ACCESSIBILITY_ENABLED": "1"}
    )
    try:
        yield browser
    finally:
        browser.close()


def read_tree(env: dict[str, str]) -> list[dict]:
    """The page's accessibility tree as AT-SPI gives it (see ``tools/atspi_tree.py``), in document order."""
    run = subprocess.run(
        [SYSTEM_PYTHON, str(TREE_READER)], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    if run.returncode:
        raise RuntimeError(f"reading the AT-SPI tree failed:\n{run.stderr[-2000:]}")
    return json.loads(run.stdout)


def spoken(node: dict) -> str:
    """A node as a screen reader announces it: name, role, value and states.

    >>> spoken({"role": "slider", "name": "structuring", "value": 2.0, "states": ["focused"]})
    'structuring, slider, 2 (focused)'
    """
    parts = [node["name"].strip(), node["role"]]
    if "value" in node:
        parts.append(f"{node['value']:g}")
    states = f" ({', '.join(node['states'])})" if node.get("states") else ""
    live = f" [live: {node['live']}]" if node.get("live") else ""
    return ", ".join(part for part in parts if part) + states + live


def subtree(tree: list[dict], index: int) -> list[dict]:
    """The nodes inside ``tree[index]`` (those after it that lie deeper)."""
    depth, inside = tree[index]["depth"], []
    for node in tree[index + 1 :]:
        if node["depth"] <= depth:
            break
        inside.append(node)
    return inside
