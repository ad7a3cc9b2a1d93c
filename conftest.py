"""Every test run — unit tests, nbval over the lessons, the browser tests — works in a fresh student
folder, so a maintainer's own saved work or language choice (my_work/) never changes a result."""

from __future__ import annotations

import os
import tempfile


def pytest_configure(config) -> None:
    if "COURSE_WORK_DIR" not in os.environ:
        os.environ["COURSE_WORK_DIR"] = tempfile.mkdtemp(prefix="course-test-work-")
