"""Save and Load under a pseudonym, for the apps whose work a student keeps (lessons 02, 03, 05, 06, 07).

The files and their checks are in :mod:`helpers.student_work`; this box only wires a pseudonym
field and two buttons to them and says what happened, in the student's language.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import ipywidgets as w

from helpers import handin
from helpers.gradebook import LESSON_OF_KIND
from helpers.student_work import (
    SaveFailed,
    StudentWorkError,
    check_pseudonym,
    load_latest,
    load_newest,
    local_time,
    moment,
    pseudonym_warning,
    save_scoring,
    work_dir,
)
from helpers.text import number, t
from helpers.views import error_html, esc, status


class SaveBox(w.VBox):
    """Pseudonym, Save and Load for one app. ``collect`` returns the scorings to save as
    (kind, item_id, fields) tuples; ``restore`` receives a saved scoring by kind.

    ``item`` is the app's dropdown of wards or vignettes: while it still shows the item the app opened
    with (a restarted kernel), Load first switches it to the item the student saved last, so they come
    back to where they were; once the student picked an item themselves, Load loads that one."""

    def __init__(
        self,
        collect: Callable[[], list[tuple[str, str, dict]]],
        restore: Callable[[str, dict], None],
        current: Callable[[], list[tuple[str, str]]],
        item: w.Dropdown | None = None,
    ):
        self.collect, self.restore, self.current, self.item = collect, restore, current, item
        self.opened_with = item.value if item is not None else None
        self.pseudonym = w.Text(
            description=t("pseudonym"),
            placeholder=t("pseudonym_example"),
            continuous_update=False,
            layout=w.Layout(width="320px"),
        )
        self.pseudonym.add_class("course-pseudonym")
        self.save_button = w.Button(description=t("save"), icon="save", button_style="primary")
        self.load_button = w.Button(description=t("load"), icon="folder-open")
        self.status = status(w.HTML(f"<small>{esc(t('pseudonym_hint'))}</small>"))
        self.save_button.on_click(lambda _: self.save())
        self.load_button.on_click(lambda _: self.load())
        self.pseudonym.observe(lambda _: self.offer(), names="value")
        buttons = [self.pseudonym, self.save_button, self.load_button]
        shown: list[w.Widget] = []
        if handin.on_hub():  # on the class hub: hand the saved work in, and read the lecturer's feedback
            self.hand_in_button = w.Button(description=t("hand_in"), icon="paper-plane", button_style="success")
            self.hand_in_button.on_click(lambda _: self.hand_in())
            buttons.append(self.hand_in_button)
            self.feedback_button = w.Button(description=t("feedback_refresh"), icon="comment")
            self.feedback_button.on_click(lambda _: self.show_feedback())
            self.feedback = status(w.HTML())
            shown = [w.HBox([self.feedback_button]), self.feedback]
            asyncio.get_event_loop().call_soon(self.show_feedback)  # what the lecturer wrote, as the lesson opens
        super().__init__([w.HBox(buttons), self.status, *shown])

    def lessons(self) -> set[str]:
        """The lessons whose work this box keeps (``"03"`` ...), for the lecturer's feedback on them."""
        return {LESSON_OF_KIND[kind] for kind, _ in self.current() if kind in LESSON_OF_KIND}

    def show_feedback(self) -> None:
        """The lecturer's feedback on this box's lessons and on every assignment, newest first."""
        try:
            entries = handin.my_feedback()
        except handin.HandInError as error:
            self.feedback.value = error_html(t("feedback_failed", reason=error.reason))
            return
        home = work_dir().parent  # where the student's file browser starts on the hub
        try:
            released = handin.fetch_releases(home / ASSIGNMENTS)
        except (handin.HandInError, OSError) as error:
            reason = getattr(error, "reason", None) or str(error)
            self.feedback.value = error_html(t("feedback_failed", reason=reason))
            return
        self.feedback.value = feedback_html(entries, self.lessons()) + releases_html(released, home)

    def _name(self, quiet: bool = False) -> str | None:
        """The checked pseudonym, or None. Only when the student acts (Save, Load) does a missing or
        unusable pseudonym turn the status red; ``quiet`` (a ward picked, the box left) leaves it alone."""
        try:
            name = check_pseudonym(self.pseudonym.value)
        except ValueError as error:
            if not quiet:
                message = (
                    t("pseudonym_needed", example=t("pseudonym_example"))
                    if not self.pseudonym.value.strip()
                    else getattr(error, "reason", t("pseudonym_invalid"))  # e.g. CON: a name Windows keeps
                )
                self.status.value = error_html(message)
            return None
        return name

    def _unreadable(self, error: StudentWorkError) -> None:
        self.status.value = error_html(t("file_unreadable", reason=error.reason))

    def _warning(self, name: str) -> str:
        warning = pseudonym_warning(name)
        return f" <span class='course-bad'>{esc(t('pseudonym_warning'))}</span>" if warning else ""

    def resume_item(self, name: str) -> str | None:
        """The item Load will switch to: the one the student saved last, while the dropdown still shows
        the item the app opened with and that item is another one that is still on offer; else None."""
        if self.item is None or self.item.value != self.opened_with:
            return None
        newest = load_newest(name, tuple(dict.fromkeys(kind for kind, _ in self.current())))
        offered = [value for _, value in self.item.options]
        if newest is None or newest["item_id"] == self.item.value or newest["item_id"] not in offered:
            return None
        return newest["item_id"]

    def offer(self) -> None:
        """When the pseudonym has saved work for what is on screen (or Load will bring the student back
        to it), say so (and nothing while there is no usable pseudonym: that is said when the student
        presses Save or Load)."""
        name = self._name(quiet=True)
        if not name:
            self.status.value = f"<small>{esc(t('pseudonym_hint'))}</small>"
            return
        try:
            resume = self.resume_item(name)
            pairs = [(kind, resume) for kind, _ in self.current()] if resume else self.current()
            saved = [s for kind, item in pairs if (s := load_latest(name, kind, item))]
        except StudentWorkError as error:
            self._unreadable(error)
            return
        message = (
            t("saved_work_found", when=local_time(saved[-1]["saved_at"]), load=t("load"))
            if saved
            else t("nothing_saved", pseudonym=name)
        )
        self.status.value = esc(message) + self._warning(name)

    def save(self) -> Path | None:
        """Save what is on screen; returns the student's file, or None when it was not saved (the box says why)."""
        name = self._name()
        if not name:
            return None
        try:
            work = self.collect()
            if not work:  # nothing done yet (a quiz before the first check): no empty scoring in the file
                self.status.value = error_html(t("nothing_to_save"))
                return None
            for kind, item_id, fields in work:
                path = save_scoring(name, kind, item_id, **fields)
        except SaveFailed as error:  # a read-only folder, a full disk: the earlier file is unchanged
            message = t("save_failed", reason=error.reason, folder=Path(error.file).parent, save=t("save"))
            self.status.value = error_html(message)
            return None
        except StudentWorkError as error:
            self._unreadable(error)
            return None
        except Exception as error:  # never a traceback in the log only: the student sees what happened
            message = t("save_unexpected", error=f"{type(error).__name__}: {error}")
            self.status.value = error_html(message)
            return None
        self.status.value = f"<span class='course-good'>{esc(t('saved_to', path=path))}</span>" + self._warning(name)
        return path

    def hand_in(self) -> None:
        """Save, then send the student's file to the class's hand-in store under the hub account."""
        saved = self.save()
        if saved is None:
            return
        name = check_pseudonym(self.pseudonym.value)
        try:
            receipt = handin.hand_in(saved)
        except handin.HandInError as error:
            message = (
                t("hand_in_taken", pseudonym=name, hand_in=t("hand_in"))
                if error.status == 409
                else t("hand_in_failed", reason=error.reason, hand_in=t("hand_in"))
            )
            self.status.value = error_html(message)
            return
        when = local_time(datetime.now(UTC), date=False)  # the student's clock, as Load shows saved work
        self.status.value = (
            f"<span class='course-good'>"
            f"{esc(t('handed_in', pseudonym=name, when=when, number=receipt['versions']))}</span>"
        )

    def load(self) -> None:
        name = self._name()
        if not name:
            return
        try:
            resume = self.resume_item(name)
            if resume is not None and self.item is not None:
                self.item.value = resume  # the app shows that ward or vignette, then its work is restored
            found = {kind: s for kind, item in self.current() if (s := load_latest(name, kind, item))}
        except StudentWorkError as error:
            self._unreadable(error)
            return
        if self.item is not None:
            self.opened_with = self.item.value  # from now on, Load loads what the student picks
        if not found:
            self.status.value = esc(t("nothing_saved", pseudonym=name))
            return
        for kind, scoring in found.items():
            self.restore(kind, scoring)
        when = local_time(max((s["saved_at"] for s in found.values()), key=moment))
        migrated = any(s.get("retired_scores") for s in found.values())
        self.status.value = f"<span class='course-good'>{esc(t('loaded_from', when=when))}</span>" + (
            f"<br><span class='course-bad'>{esc(t('migrated_note'))}</span>" if migrated else ""
        )


def feedback_html(entries: dict[str, dict], lessons: set[str]) -> str:
    """The lecturer's feedback a save box shows: on its own lessons and on every assignment (an item that
    is not a lesson number), newest first, each with its score if it has one, on the student's clock.

    >>> when = "2026-12-06T17:32:00+00:00"
    >>> entries = {"03": {"text": "Goed <b>", "score": 8, "max_score": 10, "written_at": when},
    ...            "06": {"text": "Other lesson", "score": None, "max_score": None, "written_at": when}}
    >>> "Goed &lt;b&gt;" in feedback_html(entries, {"03"}), "Other lesson" in feedback_html(entries, {"03"})
    (True, False)
    """
    relevant = {item: e for item, e in entries.items() if item in lessons or not item.isdigit()}
    if not relevant:
        return f"<small>{esc(t('feedback_none'))}</small>"
    rows = []
    for item, entry in sorted(relevant.items(), key=lambda pair: pair[1]["written_at"], reverse=True):
        what = t("feedback_on_lesson", lesson=item) if item.isdigit() else t("feedback_on_assignment", item=item)
        score = (
            " · " + t("feedback_score", score=points(entry["score"]), max_score=points(entry["max_score"]))
            if entry.get("score") is not None
            else ""
        )
        when = local_time(entry["written_at"])
        rows.append(f"<p><b>{esc(what)}</b>{esc(score)} · <small>{esc(when)}</small><br>{esc(entry['text'])}</p>")
    return f"<div><b>{esc(t('feedback_title'))}</b>{''.join(rows)}</div>"


ASSIGNMENTS = "assignments"  # the folder of a student's home on the hub that released handouts go into


def releases_html(released: dict[str, dict], home: Path) -> str:
    """The assignments the lecturer released, each with where its handouts are (from the student's home).

    >>> released = {"a1": {"released_at": "2026-12-06T17:32:00+00:00", "files": [Path("/h/assignments/a1/case.md")]}}
    >>> releases_html(released, Path("/h")).count("assignments/a1/case.md")
    1
    >>> releases_html({}, Path("/h"))
    ''
    """
    if not released:
        return ""
    rows = []
    for assignment, release in sorted(released.items()):
        files = ", ".join(f"<code>{esc(path.relative_to(home).as_posix())}</code>" for path in release["files"])
        when = t("release_when", when=local_time(release["released_at"]))
        rows.append(
            f"<p><b>{esc(t('feedback_on_assignment', item=assignment))}</b>: {files} · <small>{esc(when)}</small></p>"
        )
    return f"<div><b>{esc(t('releases_title'))}</b>{''.join(rows)}</div>"


def points(value: float) -> str:
    """A number of points as a lecturer writes it: 8, 7,5 (Dutch) or 7.5 (English)."""
    return str(int(value)) if float(value).is_integer() else number(value, 1)
