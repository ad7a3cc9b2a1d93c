"""Display names of the course's items in the current language, built once per course and language.

Widgets ask for names on every slider move; they come from this small cache, so nothing on the
update path reads a file or searches a table. Ids cover functions, zingeving parts, conditions,
wards, client groups and recovery dimensions (they share one namespace: every id is unique).

>>> item_names(["grensbepaling", "goal_shared"])
['boundary setting', 'Goal understood and shared']
"""

from __future__ import annotations

from collections.abc import Hashable

from helpers.course_data import CourseData, current_course
from helpers.text import get_language, t
from helpers.vocabulary import PROFILE_IDS

_cache: dict[str, tuple[CourseData, dict[Hashable, str]]] = {}


def names(course: CourseData | None = None) -> dict[Hashable, str]:
    """Every item id → its display name in the current language."""
    course = course or current_course()
    language = get_language()
    cached = _cache.get(language)
    if cached is None or cached[0] is not course:
        table: dict[Hashable, str] = {}
        for frame in (
            course.functions,
            course.zingeving,
            course.conditions,
            course.wards,
            course.client_groups,
            course.dimensions,
        ):
            table.update(frame[f"name_{language}"].to_dict())
        _cache[language] = cached = (course, table)
    return cached[1]


def item_names(ids: list[str] | tuple[str, ...], course: CourseData | None = None) -> list[str]:
    """Display names of ``ids`` in order; an unknown id is shown as it is."""
    table = names(course)
    return [table.get(i, i) for i in ids]


def profile_names(course: CourseData | None = None) -> list[str]:
    """The four profile functions' names, in course order."""
    return item_names(PROFILE_IDS, course)


def ward_label(ward_id: str, course: CourseData | None = None) -> str:
    """'De Linde ward — Acute admission ward': name and type, as the ward dropdowns show them."""
    course = course or current_course()
    return f"{names(course)[ward_id]} — {course.wards.at[ward_id, f'ward_type_{get_language()}']!s}"


def direction_label(direction: str, words: str) -> str:
    """'too loose' / 'too tight' for grensbepaling and structurering, 'too little' / 'too much' for the
    other functions (``words`` from the model), 'fits' or 'unknown' otherwise."""
    return t(f"direction_{direction}_{words}") if direction in ("under", "over") else t(f"direction_{direction}")


def short_text(text: str, limit: int = 60) -> str:
    """``text`` cut at a word before ``limit`` characters, with '…' where it was cut.

    >>> short_text("The team sets the treatment goal in a meeting Mehmet does not attend.", 40)
    'The team sets the treatment goal in a…'
    >>> short_text("Short enough.", 40)
    'Short enough.'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.—-") + "…"


def move_label(number: object, actor: str, text: str, limit: int = 60) -> str:
    """A vignette's move as a list shows it: its number, who acts and what it says, shortened.

    >>> move_label(7, "team", "The team sets the treatment goal in a meeting Mehmet does not attend.", 40)
    '7. team: The team sets the treatment goal in a…'
    """
    return f"{number}. {actor}: {short_text(text, limit)}"
