#!/usr/bin/env python3
"""Set up and run the course with nothing but Python 3.11+.

    python3 course.py open        # install (first time only) and open the course in JupyterLab
    python3 course.py test        # install (first time only) and run every test
    python3 course.py voila PATH  # serve one notebook as a Voila app (classroom demo)
    python3 course.py html        # build a static HTML version for an LMS in build/html/
    python3 course.py mutation    # maintainers: mutation testing of the scoring model (mutmut)

The first run makes a virtual environment in ``.venv`` and installs the course into it
(``pip install -e .[test]``); later runs reuse it until ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
START = "notebooks/00_start_here.ipynb"
TEST_COMMAND = [
    "-m",
    "pytest",
    "--nbval-lax",
    "--nbval-current-env",
    "--ignore-glob=*.ipynb_checkpoints*",
    "tests",
    "notebooks",
]
# Voila starts a kernel per page load and keeps it after the page is closed; without culling,
# every reload in a classroom demo leaves ~150 MB behind. Kernels with no page attached are
# shut down after a minute of idling; a page that is open is never culled.
VOILA_OPTIONS = [
    "--MappingKernelManager.cull_idle_timeout=60",
    "--MappingKernelManager.cull_interval=15",
    "--MappingKernelManager.cull_connected=False",
]
MUTMUT = "mutmut>=3.8,<4"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def say(message: str) -> None:
    print(f"[course] {message}", flush=True)


def ensure_environment() -> None:
    """Create .venv and install the course into it when pyproject.toml is new or changed."""
    if sys.version_info < (3, 11):  # noqa: UP036  (course.py runs on whatever python3 the student has)
        sys.exit(f"This course needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    stamp = VENV / "course-installed.txt"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return
    if not PYTHON.exists():
        say("creating the virtual environment .venv (first run only)")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say("installing the course and its packages into .venv (a few minutes the first time)")
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
    stamp.write_text(wanted, encoding="utf-8")


def find_browser() -> str | None:
    """A Chromium-family browser for the browser tests: $COURSE_BROWSER or one on the PATH."""
    if os.environ.get("COURSE_BROWSER"):
        return os.environ["COURSE_BROWSER"]
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def ensure_browser() -> None:
    """Make sure the browser tests have a browser: the system's Chromium, else Playwright's own."""
    browser = find_browser()
    if browser:
        os.environ["COURSE_BROWSER"] = browser
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Debian's chromium for the browser tests")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        os.environ["COURSE_BROWSER"] = find_browser() or ""
        return
    say("no Chromium found: installing Playwright's own Chromium for the browser tests")
    subprocess.run([str(PYTHON), "-m", "playwright", "install", "chromium"], check=True)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    if command not in ("open", "test", "voila", "html", "mutation"):
        print(__doc__)
        return 0 if command in ("help", "-h", "--help") else 2
    ensure_environment()
    os.chdir(ROOT)
    if command == "open":
        return subprocess.call([str(BIN / "jupyter"), "lab", START, *argv[1:]])
    if command == "voila":
        target = argv[1] if len(argv) > 1 else "notebooks/03_scoring_a_ward.ipynb"
        return subprocess.call([str(BIN / "voila"), target, *VOILA_OPTIONS, *argv[2:]])
    if command == "html":
        return subprocess.call([str(PYTHON), "tools/export_html.py", *argv[1:]])
    if command == "mutation":
        if subprocess.call([str(PYTHON), "-c", "import mutmut"], stderr=subprocess.DEVNULL):
            say("installing mutmut into .venv (maintainers only; not needed to use or test the course)")
            subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", MUTMUT], check=True)
        return subprocess.call([str(PYTHON), "tools/mutation.py", *argv[1:]])
    ensure_browser()
    return subprocess.call([str(PYTHON), *TEST_COMMAND, *argv[1:]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
