"""Every user-facing string exists in English and Dutch, and every key used exists."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import helpers
from helpers.text import LABELS, set_language, t


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_label_has_both_languages_with_the_same_placeholders(key):
    english, dutch = LABELS[key]
    assert english.strip() and dutch.strip()
    assert fields(english) == fields(dutch)


def test_every_label_key_used_in_helpers_exists():
    used = set()
    for path in Path(helpers.__file__).parent.glob("*.py"):
        used |= set(re.findall(r"\bt\(\s*[\"']([a-z0-9_]+)[\"']", path.read_text(encoding="utf-8")))
        used |= {f"{prefix}{suffix}" for prefix in re.findall(r"\bt\(f[\"']([a-z0-9_]+)\{", path.read_text(encoding="utf-8"))
                 for suffix in ("under", "fit", "over", "unknown", "healthy", "under_strain", "less_healthy",
                                "personal", "clinical") if f"{prefix}{suffix}" in LABELS}
    missing = sorted(k for k in used if k not in LABELS)
    assert not missing, missing
    assert used, "no label keys found: the scan is broken"


def test_switching_language():
    set_language("nl")
    assert t("commit") == "Vastleggen"
    set_language("en")
    assert t("quiz_result", correct=3, total=4) == "You got 3 of 4 right."


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language must be one of en, nl; found 'fr'"):
        set_language("fr")
