"""Display names of the course's items in the current language, built once per course and language.

Widgets ask for names on every slider move; they come from this small cache, so nothing on the
update path reads a file or searches a table. Ids cover functions, zingeving parts, conditions,
wards, client groups and recovery dimensions (they share one namespace: every id is unique).

>>> item_names(["grensbepaling", "goal_shared"])
['boundary setting', 'Goal understood and shared']
"""

from __future__ import annotations

from collections.abc import Hashable

from helpers.data import PROFILE_IDS, CourseData, current_course
from helpers.text import get_language, t

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
