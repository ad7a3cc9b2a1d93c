"""Every user-facing string exists in English and Dutch, and every key used exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import helpers
from helpers.model import (
    ADMISSION_BARRIERS,
    FIT_LEVELS,
    NOT_A_SETTING,
    PROXIMITY_OF_FIT,
    VERDICTS,
    ZINGEVING_LEVELS,
)
from helpers.text import LABELS, set_language, t
from helpers.vocabulary import LEGAL_FRAMES, PERSPECTIVES, PROFILE_IDS, STAYS, ZINGEVING_IDS


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_label_has_both_languages_with_the_same_placeholders(key):
    english, dutch = LABELS[key]
    assert english.strip() and dutch.strip()
    assert fields(english) == fields(dutch)


def test_every_label_key_used_in_helpers_exists():
    keys, prefixes = set(), set()
    for path in Path(helpers.__file__).parent.glob("*.py"):
        for key, opens_format in re.findall(r"\bt\(\s*f?[\"']([a-z0-9_]+)(\{?)", path.read_text(encoding="utf-8")):
            (prefixes if key.endswith("_") or opens_format else keys).add(key)
    assert keys and prefixes, "no label keys found: the scan is broken"
    assert sorted(k for k in keys if k not in LABELS) == []
    assert sorted(p for p in prefixes if not any(k.startswith(p) for k in LABELS)) == []


@pytest.mark.parametrize(
    "prefix, members",
    [
        (
            "direction_",
            ("under_loose_tight", "over_loose_tight", "under_little_much", "over_little_much", "fit", "unknown"),
        ),
        ("verdict_", VERDICTS),
        ("fit_", FIT_LEVELS),
        ("zingeving_", ZINGEVING_LEVELS),
        (
            "zpoint_",
            [f"{z}_{s}" for z in ZINGEVING_IDS for s in ("strain", "serious")]
            + ["goal", "internal", "condition_strain", "condition_serious", "check"],
        ),
        ("statement_", (*PROXIMITY_OF_FIT.values(), NOT_A_SETTING)),
        ("others_", (*PROXIMITY_OF_FIT.values(), NOT_A_SETTING)),
        ("barrier_", ADMISSION_BARRIERS),
        ("frame_", LEGAL_FRAMES),
        ("stay_", STAYS),
        ("severity_", ("strain", "serious")),
        ("perspective_", PERSPECTIVES),
        ("role_", ("meaning", "external", "internal")),
        ("recovery_hint_", PROFILE_IDS),
        ("goal_setter_", ("person", "professionals", "mixed", "none")),
        ("quiz_", ("right", "wrong", "open")),
        ("advice_", [f"{d}_{f}" for d in ("under", "over") for f in PROFILE_IDS] + ["none"]),
        ("scope_", ("ward", "function", "zingeving", "condition")),
    ],
)
def test_label_families_built_at_run_time_are_complete(prefix, members):
    assert [m for m in members if prefix + m not in LABELS] == []


def test_switching_language():
    set_language("nl")
    assert t("commit") == "Vastleggen"
    set_language("en")
    assert t("quiz_result", correct=3, total=4) == "You got 3 of 4 right."


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language must be one of en, nl; found 'fr'"):
        set_language("fr")


def test_no_label_key_is_defined_twice():
    import ast

    source = Path(helpers.__file__).parent.joinpath("text.py").read_text(encoding="utf-8")
    labels = next(
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "LABELS"
    )
    keys = [k.value for k in labels.keys]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


def test_plotlys_box_hover_labels_have_dutch_words():
    """The dashboard's box plot hovers with the labels plotly.js writes (min:, q1:, median: …): each is in
    the Dutch dictionary the course gives plotly, read from the plotly.js the course ships."""
    import plotly

    from helpers.text import PLOTLY_DUTCH

    source = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")
    block = re.search(r"labels:\{med:.*?uf:\w+\(\w+,\"upper fence:\"\)\}", source)
    assert block, "plotly.js no longer names its box hover labels as the course expects"
    # JavaScript's escapes (mean \xB1 \u03C3:) read as the characters they stand for
    labels = {label.encode().decode("unicode_escape") for label in re.findall(r"\(\w+,\"([^\"]+:)\"\)", block.group(0))}
    assert {"min:", "q1:", "median:", "q3:", "max:", "lower fence:", "upper fence:"} <= labels
    assert sorted(labels - set(PLOTLY_DUTCH)) == []
