"""Set-up for every test run — unit tests, nbval over the lessons, the browser tests; at the root so
that it applies to the tests, the doctests and the notebooks alike.

* Every run works in a fresh student folder, so a maintainer's own saved work or language choice
  (my_work/) never changes a result; each worker process has its own, so a test that switches the
  language or saves work cannot change what a test on another worker sees.
* How the test command spreads the tests over worker processes (pytest-xdist).
"""

from __future__ import annotations

import os
import tempfile

import pytest
from xdist.scheduler import LoadScopeScheduling

# Files whose tests must run in one process: a notebook's cells run in order in one kernel (nbval);
# these test modules share one costly set-up (a site build of half a minute, a running JupyterHub).
WHOLE_FILES = ("tests/test_site.py", "tests/test_hub.py")
# The longest waits start first, so they overlap the rest instead of ending the run alone.
START_FIRST = (
    "tests/test_hub.py",
    "tests/test_site.py",
    "tests/test_browser_voila.py::test_kernels_of_closed_pages_are_culled_and_open_pages_kept",
)


class WholeFilesTogether(LoadScopeScheduling):
    """Each test on its own, except notebooks and the files in :data:`WHOLE_FILES`, which go whole."""

    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        return path if path.endswith(".ipynb") or path in WHOLE_FILES else nodeid


def pytest_configure(config) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker or "COURSE_WORK_DIR" not in os.environ:
        os.environ["COURSE_WORK_DIR"] = tempfile.mkdtemp(prefix=f"course-test-work-{worker or 'main'}-")


def pytest_xdist_make_scheduler(config, log):
    return WholeFilesTogether(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Start the longest waits first (every worker sorts alike, as pytest-xdist requires)."""
    items.sort(key=lambda item: not item.nodeid.startswith(START_FIRST))
