"""Shared fixtures: a private copy of the course data to break on purpose."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from helpers import set_language
from helpers.data import find_data_dir

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
