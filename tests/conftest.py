"""Shared fixtures: a private copy of the course data to break on purpose."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import set_language
from helpers.data import find_data_dir

ROOT = Path(__file__).resolve().parent.parent


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
