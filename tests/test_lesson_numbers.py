"""Numbers in the prose of lessons 03 and 04 come from the data (issue 27, point 7).

A lesson states a number from a file a lecturer edits (a reference score, a need, a gap, a mean gap)
only with a marker right after it, an HTML comment the reader never sees: ``**4**<!--#ref:forensic:
grensbepaling-->``. This test reads every marker and checks the number before it against the data,
so an edit to ``data/`` that the prose does not follow fails here, naming the lesson and the sentence.
A number printed by a pinned cell needs no marker: nbval compares it with a fresh run.

Markers: ``ref:WARD:ITEM`` (reference score), ``need:GROUP:FUNCTION`` (need), ``gap:WARD:GROUP:FUNCTION``
(the size of the gap, as in "two below"), ``mean:WARD:GROUP`` (the heat map's mean gap), ``age:ID:min`` or
``age:ID:max`` (a ward's or a client group's age range).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from helpers import model
from helpers.course_data import load_course

ROOT = Path(__file__).resolve().parents[1]
LESSONS = {
    "03": (ROOT / "notebooks/03_scoring_a_ward.ipynb", ROOT / "notebooks/nl/03_een_afdeling_scoren.ipynb"),
    "04": (ROOT / "notebooks/04_client_group_fit.ipynb", ROOT / "notebooks/nl/04_passend_voor_de_clientengroep.ipynb"),
}
PATHS = [path for pair in LESSONS.values() for path in pair]
WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4,
}  # fmt: skip
NUMBER = r"(\d+(?:[.,]\d+)?|" + "|".join(WORDS) + r")"
MARKER = re.compile(NUMBER + r"\**\s*<!--#([a-z]+):([a-z0-9_:]+)-->", re.IGNORECASE)
ANY_MARKER = re.compile(r"<!--#.*?-->")
# a number compared with another in the prose ("4 against 3", "1 tegenover 3"): both must be marked
COMPARISON = re.compile(r"(\d+)(\**)(<!--#[^>]*-->)?\s+(against|tegenover)\s+(\d+)(\**)(<!--#[^>]*-->)?")


def markdown(path: Path) -> list[str]:
    cells = nbformat.read(path, as_version=4).cells
    return [c.source for c in cells if c.cell_type == "markdown"]


def value(kind: str, key: str) -> float:
    course = load_course()
    parts = key.split(":")
    if kind == "ref":
        return float(model.reference_scores(course.reference, parts[0], (parts[1],)).iloc[0])
    if kind == "need":
        return float(model.group_needs(course.needs, parts[0])[parts[1]])
    if kind == "gap":
        profile = model.ward_profile(course.reference, parts[0])
        return float(model.fit_gaps(profile, model.group_needs(course.needs, parts[1])).loc[parts[2], "size"])
    if kind == "age":  # a ward's or a client group's age range: age:ID:min or age:ID:max
        table = course.wards if parts[0] in course.wards.index else course.client_groups
        return float(table.loc[parts[0], f"age_{parts[1]}"])
    if kind == "mean":
        matrix = model.fit_matrix(model.all_profiles(course.reference), course.needs)
        return float(matrix.loc[parts[0], parts[1]])
    raise AssertionError(f"unknown marker kind {kind!r}")


def markers(path: Path) -> list[tuple[str, str, str, str]]:
    """(number as written, kind, key, the sentence around it) for every marker in the lesson."""
    found = []
    for cell in markdown(path):
        for match in MARKER.finditer(cell):
            start = max(cell.rfind("\n", 0, match.start()), 0)
            found.append((match.group(1), match.group(2), match.group(3), cell[start : match.end() + 60].strip()))
    return found


@pytest.mark.parametrize("path", PATHS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_marked_number_is_what_the_data_says(path):
    wrong = []
    for written, kind, key, context in markers(path):
        number = WORDS.get(written.lower())
        number = float(written.replace(",", ".")) if number is None else number
        if number != value(kind, key):
            wrong.append(f"{written} for {kind}:{key} (the data says {value(kind, key):g}): {context}")
    assert wrong == []


@pytest.mark.parametrize("path", PATHS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_marker_follows_a_number(path):
    """A marker the pattern cannot read (a typo, a space too many) would check nothing."""
    for cell in markdown(path):
        assert len(ANY_MARKER.findall(cell)) == len(MARKER.findall(cell)), cell[:200]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: str(p.relative_to(ROOT)))
def test_numbers_compared_in_the_prose_are_marked(path):
    """'4 against 3' states two data values: both carry a marker."""
    bare = [m.group(0) for cell in markdown(path) for m in COMPARISON.finditer(cell) if not (m.group(3) and m.group(7))]
    assert bare == []


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_both_languages_check_the_same_numbers(number):
    english, dutch = (Counter((kind, key) for _, kind, key, _ in markers(path)) for path in LESSONS[number])
    assert english == dutch
    assert english, "the lesson states numbers from the data"


def test_what_lesson_04_says_in_words_holds_for_the_data():
    """The sentences of lesson 04 that compare numbers without stating them ("its lowest number", "within
    the model's margin on every function", "only for its own group") hold for the data as it is."""
    course = load_course()
    matrix = model.fit_matrix(model.all_profiles(course.reference), course.needs)
    table = model.pairing_table(course.reference, course.needs, course.wards, course.client_groups)
    said = table.set_index(["ward_id", "client_group_id"])
    # the heat map: De Spiegel's lowest mean gap is adolescents in crisis, below De Sprong for its own group;
    # De Sprong is closer to two adult groups than to its own; De Boomgaard as close to personality disorders
    spiegel = matrix.loc["personality_disorders"]
    assert spiegel.idxmin() == "adolescents_crisis" and spiegel.min() < spiegel["personality_disorder"]
    assert spiegel["adolescents_crisis"] < matrix.loc["adolescent", "adolescents_crisis"]
    sprong = matrix.loc["adolescent"]
    assert (sprong[["long_term_psychosis", "personality_disorder"]] < sprong["adolescents_crisis"]).all()
    assert matrix.loc["long_stay_rehab", "personality_disorder"] == matrix.loc["long_stay_rehab", "long_term_psychosis"]
    # Exercise 1: Het Bolwerk is no setting for adolescents for all three reasons, though every gap is within
    # the margin; De Linde could admit people in detox and its profile is partly far from their needs
    bolwerk = said.loc[("forensic", "adolescents_crisis")]
    assert bolwerk["barriers"] == "age,legal_frame,stay" and bolwerk["fit"] == "fits"
    assert said.loc[("acute_admission", "addiction_detox"), "statement"] == "profile_partly_far"
    # Exercise 2: De Spiegel is a setting for its own group only, for the reasons the answer gives
    barriers = said.loc["personality_disorders"]["barriers"].to_dict()
    assert barriers == {
        "acute_psychosis": "legal_frame,stay",
        "long_term_psychosis": "legal_frame,stay",
        "forensic_aggression": "legal_frame,stay",
        "adolescents_crisis": "age,legal_frame,stay",
        "addiction_detox": "stay",
        "personality_disorder": "",
    }
    assert said.loc[("personality_disorders", "personality_disorder"), ["verdict", "zingeving"]].tolist() == [
        "healthy",
        "fulfilled",
    ]
    # section 2: the course has six client groups (the prose says "six" in both languages)
    assert len(course.client_groups) == 6
    # Exercise 3 and lesson 03: De Boomgaard and De Linde are less healthy and their zingeving not fulfilled
    for ward_id, group_id in [("long_stay_rehab", "long_term_psychosis"), ("acute_admission", "acute_psychosis")]:
        assert said.loc[(ward_id, group_id), ["verdict", "zingeving"]].tolist() == ["less_healthy", "not_fulfilled"]


def test_what_lesson_03_says_in_words_holds_for_the_data():
    """Lesson 03's answers name judgements, not numbers: they hold for the reference data as it is."""
    course = load_course()
    table = model.pairing_table(course.reference, course.needs, course.wards, course.client_groups)
    own = table[table["own_group"]].set_index("ward_id")
    # Exercise 1 (De Kentering) and Exercise 2 (De Sprong): under strain, zingeving fragile, each with two
    # strain points — one condition and one function two steps too loose
    for ward_id, condition, function in [
        ("addiction", "goal_shared", "structurering"),
        ("adolescent", "boundaries_respected", "grensbepaling"),
    ]:
        assert own.loc[ward_id, ["verdict", "zingeving"]].tolist() == ["under_strain", "fragile"]
        result = model.assess_pairing(
            course.reference,
            course.needs,
            course.wards,
            ward_id,
            own.loc[ward_id, "client_group_id"],
            course.client_groups,
        )
        assert result.verdict is not None
        points = result.verdict.points
        assert points[["item_id", "severity"]].values.tolist() == [[condition, "strain"], [function, "strain"]]
        assert result.gaps.loc[function, "direction"] == "under"
    # the worked example: De Linde is within the margin on three functions and too little on energy
    linde = model.assess_pairing(
        course.reference, course.needs, course.wards, "acute_admission", "acute_psychosis", course.client_groups
    )
    assert linde.gaps["severity"].tolist() == ["fit", "fit", "fit", "strain"]
    assert linde.gaps["gap"].tolist() == [0, 1, 0, -2]  # "one step tighter", "two below the need"
    # the structuring reference of De Kentering is lower for the function than for the condition
    assert model.reference_scores(
        course.reference, "addiction", ("structurering", "structure_respected")
    ).is_monotonic_increasing
    # energieverzorging 4 is the anchor of no group's need (lessons 03 and 04: nobody needs the top of the scale)
    assert course.needs.loc[course.needs["function_id"] == "energieverzorging", "need"].max() < 4
