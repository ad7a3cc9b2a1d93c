"""The lecturer's mapping from the class hub to the LMS: a CSV (as Excel or the LMS writes it) with the
columns ``student`` (a pseudonym or a hub account), ``lms_id`` (the LMS's id of that student: Canvas's
SIS User ID, Brightspace's OrgDefinedId, Moodle's ID number) and ``name`` (as the LMS shows it). It is
read like every data file: a bad row stops with the file, line, field, value and what is allowed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.checks import Checker
from helpers.decoding import read_csv

MAPPING_COLUMNS = ("student", "lms_id", "name")


def read_lms_mapping(path: Path | str) -> pd.DataFrame:
    """The mapping, checked: every field filled in, each student and each LMS id once."""
    path = Path(path)
    mapping = read_csv(path, MAPPING_COLUMNS)
    check = Checker(path, mapping)
    check.text(*MAPPING_COLUMNS)
    for column in ("student", "lms_id"):
        check.first(mapping[column].duplicated(), column, f"{column} listed twice", f"each {column} once")
    return mapping
