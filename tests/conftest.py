"""Shared fixtures: a private copy of the course data to break on purpose."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from helpers import set_language
from helpers.decoding import find_data_dir

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))  # the tests use the maintainer tools' modules (browsing, notebooks)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ in a temporary folder."""
    target = tmp_path / "data"
    shutil.copytree(find_data_dir(), target)
    return target


@pytest.fixture(autouse=True)
def english():
    """Every test starts (and ends) in English."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for all browser tests of a run."""
    from browsing import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """One JupyterLab server on a copy of the notebooks for the run's JupyterLab tests (each worker starts its
    own): starting one and loading JupyterLab in a page costs seconds of CPU. Started with the course's English
    defaults, as ``course.py open`` starts it."""
    from browsing import served

    with served("lab", tmp_path_factory.mktemp("lab"), interface_language="en") as server:
        yield server


@pytest.fixture(scope="session")
def lab_page(lab, browser):
    """One page with JupyterLab loaded (tools/browsing.py: ``jupyterlab_page``): each test opens its notebook in
    it, and closes it and shuts its kernel down afterwards."""
    from browsing import jupyterlab_page

    page = jupyterlab_page(browser, lab)
    yield page
    page.close()


@pytest.fixture(autouse=True)
def nothing_leaves_the_machine(request):
    """Issue 28: no lesson, app or page of the course contacts an outside host (offline classrooms,
    privacy). Every page a browser test opens has its requests recorded (tools/browsing.py); a request
    to any host but this machine fails the test that made it."""
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    before = len(browser.outside_requests)
    yield
    made = browser.outside_requests[before:]
    assert made == [], "requests to outside hosts:\n" + "\n".join(made)
