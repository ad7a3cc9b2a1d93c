"""Write the fictional demo class into data/class_demo/ (fixed seed: the same files every time).

python tools/make_demo_class.py                 # 30 students into data/class_demo/
python tools/make_demo_class.py FOLDER -n 1000  # a larger class elsewhere

The dashboard shows the committed files; ``tests/test_classroom.py`` checks that they are what this
script writes, and the tests and the benchmark make classes of their own with :func:`make_demo_class`.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import __version__
from helpers.course_data import CourseData, load_course
from helpers.student_work import ANSWER_KINDS, FORMAT, FORMAT_VERSION, write_atomically
from helpers.vocabulary import FUNCTION_IDS, PERSPECTIVES, PROFILE_IDS

DEMO_PSEUDONYMS = (
    "heron",
    "otter",
    "lynx",
    "finch",
    "maple",
    "cedar",
    "willow",
    "ember",
    "river",
    "comet",
    "pebble",
    "sparrow",
    "fern",
    "orca",
    "tulip",
    "badger",
    "quartz",
    "aspen",
    "kestrel",
    "birch",
    "coral",
    "falcon",
    "juniper",
    "lotus",
    "marten",
    "nimbus",
    "oriole",
    "poppy",
    "raven",
    "sorrel",
)


def make_demo_class(
    folder: Path | str, course: CourseData, students: int = 30, seed: int = 2026, problem_files: bool = True
) -> Path:
    """Write a fictional class of student files into ``folder`` (fixed seed: the same every time).

    Students differ in leniency and care; a few items are built to split the class (so the
    dashboard has something to discuss): ward items, vignette moves, and quiz situations and sorter
    statements with a tempting wrong answer (drawn from a second generator, so the scorings drawn before
    the quiz and sorter were added are the same). With ``problem_files``, two files the dashboard must
    report are added: a corrupt upload and a file from an older course version.
    """
    rng = np.random.default_rng(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    reference = course.reference.pivot(index="ward_id", columns="item_id", values="score")
    wards = list(reference.index)
    split_items = {
        (wards[0], "energieverzorging"),
        (wards[1 % len(wards)], "doelverwerving"),
        (wards[-1], "grensbepaling"),
    }
    tricky = {
        v: set(rng.choice(list(vig.moves.index), size=min(2, len(vig.moves)), replace=False).tolist())
        for v, vig in course.vignettes.items()
    }
    answering = np.random.default_rng(seed + 1)  # quiz and sorter answers (issue 29): a stream of their own
    quizzes = {
        "quiz": (course.quiz["function_id"], FUNCTION_IDS),
        "sorter": (course.statements["perspective"], PERSPECTIVES),
    }
    tempting = {  # per quiz: three items most students get wrong, each with the wrong answer that tempts
        kind: {
            item: str(answering.choice([o for o in options if o != key[item]]))
            for item in answering.choice(list(key.index), size=3, replace=False)
        }
        for kind, (key, options) in quizzes.items()
    }
    for number in range(students):
        base = DEMO_PSEUDONYMS[number % len(DEMO_PSEUDONYMS)]
        pseudonym = base if number < len(DEMO_PSEUDONYMS) else f"{base}_{number}"
        if number == 7:
            pseudonym = "Jan_de_Vries"  # the dashboard must warn: looks like a full name
        leniency, care = rng.normal(0, 0.35), rng.uniform(0.7, 0.95)
        scorings = [
            *_ward_scorings(rng, reference, split_items, leniency),
            *_vignette_scorings(rng, course, tricky, care),
            *_answer_scorings(answering, quizzes, tempting),
        ]
        when = f"2026-11-20T10:{number % 60:02d}:00+00:00"
        for scoring in scorings:
            scoring.update(saved_at=when, course_version=__version__)
        content = {"format": FORMAT, "format_version": FORMAT_VERSION, "pseudonym": pseudonym, "scorings": scorings}
        write_atomically(folder / f"{pseudonym}.json", json.dumps(content, indent=1) + "\n")
    if problem_files:
        _write_problem_files(folder, wards[0])
    return folder


def _scoring(kind: str, item_id: str, **fields: object) -> dict:
    """A scoring in the order the course writes its fields (``saved_at`` and ``course_version`` are filled in later)."""
    return {
        "kind": kind,
        "item_id": item_id,
        "saved_at": "",
        "course_version": "",
        "scores": {},
        "tags": {},
        "text": {},
    } | fields


def _ward_scorings(rng: np.random.Generator, reference: pd.DataFrame, split: set, leniency: float) -> list[dict]:
    """A student's scorings of most wards: the reference, shifted by the student's leniency, with noise;
    on the ``split`` items half the class is far off."""
    scorings = []
    for ward_id in reference.index:
        if rng.random() > 0.85:
            continue
        scores = {}
        for item_id, value in reference.loc[ward_id].items():
            spread = 0.55 if item_id in PROFILE_IDS else 0.9  # how-far-met items vary more
            if (ward_id, item_id) in split and rng.random() < 0.5:
                value = value + (2 if value <= 2 else -2)
            scores[item_id] = int(np.clip(round(value + leniency + rng.normal(0, spread)), 0, 4))
        scorings.append(_scoring("ward", ward_id, scores=scores))
    return scorings


def _vignette_scorings(rng: np.random.Generator, course: CourseData, tricky: dict, care: float) -> list[dict]:
    """A student's tags of most vignettes: right with the student's ``care``, half the time on the tricky moves."""
    dimensions = course.dimensions
    scorings = []
    for vignette_id, vignette in course.vignettes.items():
        if rng.random() > 0.8:
            continue
        tags = {}
        for move, row in vignette.moves.iterrows():
            right = rng.random() < (0.5 if move in tricky[vignette_id] else care)
            orientation = row["key"] if right else ("clinical" if row["key"] == "personal" else "personal")
            options = list(dimensions.index[dimensions["perspective"] == orientation])
            roll = rng.random()
            dimension = row["dimension"] if right and roll < 0.6 else "" if roll > 0.85 else str(rng.choice(options))
            tags[str(move)] = {"orientation": orientation, "dimension": dimension}
        scorings.append(_scoring("vignette", vignette_id, tags=tags))
    return scorings


def _answer_scorings(answering: np.random.Generator, quizzes: dict, tempting: dict) -> list[dict]:
    """A student's quiz and sorter answers: first tries (mostly right, the tempting items mostly wrong) and,
    for half the wrong ones, a second try after the key."""
    scorings = []
    for kind, (key, choices) in quizzes.items():
        if answering.random() > 0.85:
            continue
        skill = answering.uniform(0.65, 0.95)
        first, later = {}, {}
        for item, right in key.items():
            if item in tempting[kind]:
                roll = answering.random()
                first[item] = right if roll < 0.35 else tempting[kind][item] if roll < 0.85 else ""
            else:
                first[item] = right if answering.random() < skill else ""
            if not first[item]:
                first[item] = str(answering.choice([o for o in choices if o != right]))
            if first[item] != right and answering.random() < 0.5:
                later[item] = right  # a second try after the key
        extra = {"later_answers": later} if later else {}
        scorings.append(_scoring(kind, ANSWER_KINDS[kind], answers=first, **extra))
    return scorings


def _write_problem_files(folder: Path, ward_id: str) -> None:
    """Two files the dashboard must report: a cut-off upload and a file from an older course version."""
    write_atomically(folder / "upload_broken.json", '{"format": "social-systems-course/student-work", "pseu')
    old = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "pseudonym": "old_course",
        "scorings": [
            {
                "kind": "ward",
                "item_id": ward_id,
                "saved_at": "2025-01-10T09:00:00+00:00",
                "course_version": "0.9.0",
                "scores": {"zingeving": 2},
            }
        ],
    }
    write_atomically(folder / "old_course.json", json.dumps(old, indent=1) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    course = load_course()
    parser.add_argument("folder", nargs="?", type=Path, default=course.folder / "class_demo")
    parser.add_argument("-n", "--students", type=int, default=30)
    arguments = parser.parse_args()
    if arguments.folder.exists():
        shutil.rmtree(arguments.folder)
    folder = make_demo_class(arguments.folder, course, students=arguments.students)
    print(f"wrote {len(list(folder.iterdir()))} files to {folder}")


if __name__ == "__main__":
    main()
