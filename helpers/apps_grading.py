"""On the class hub, for lecturers: an assignment released to the class, feedback back to a student, and
the class's results to the LMS.

Both sit in the live dashboard (:class:`helpers.apps_class.LiveHandIns`). Feedback goes through the
hand-in store, which keeps it for the account behind the pseudonym and gives it to that student only
(their save box shows it); the export writes the LMS's import file into ``my_work/`` and lists every
student with results that the mapping file does not name.
"""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as w

from helpers import handin
from helpers.decoding import CourseDataError
from helpers.gradebook import LMS_FORMATS, export_grades, results_table
from helpers.lms_mapping import read_lms_mapping
from helpers.student_work import work_dir, write_atomically
from helpers.text import counted, t
from helpers.views import error_html, esc, status


class FeedbackForm(w.VBox):
    """A pseudonym, the item (a lesson number or an assignment id), a text and an optional score."""

    def __init__(self, pseudonyms: list[str]):
        self.pseudonym = w.Dropdown(options=sorted(pseudonyms), description=t("pseudonym"))
        self.item = w.Text(value="03", description=t("feedback_item"), layout=w.Layout(width="220px"))
        self.text = w.Textarea(placeholder=t("feedback_text"), layout=w.Layout(width="100%", height="80px"))
        self.text.tooltip = t("feedback_text")
        self.score = w.Text(description=t("feedback_points"), layout=w.Layout(width="180px"))
        self.max_score = w.Text(description=t("feedback_out_of"), layout=w.Layout(width="180px"))
        self.send = w.Button(description=t("feedback_send"), icon="paper-plane", button_style="primary")
        self.status = status(w.HTML())
        self.send.on_click(lambda _: self.give())
        super().__init__(
            [
                w.HBox([self.pseudonym, self.item]),
                self.text,
                w.HBox([self.score, self.max_score, self.send]),
                self.status,
            ]
        )

    def give(self) -> None:
        try:
            score = float(self.score.value.replace(",", ".")) if self.score.value.strip() else None
            max_score = float(self.max_score.value.replace(",", ".")) if self.max_score.value.strip() else None
        except ValueError:
            self.status.value = error_html(t("feedback_score_not_a_number"))
            return
        try:
            handin.give_feedback(self.pseudonym.value, self.item.value.strip(), self.text.value, score, max_score)
        except handin.HandInError as error:
            self.status.value = error_html(error.reason)
            return
        self.status.value = (
            f"<span class='course-good'>{esc(t('feedback_sent', pseudonym=self.pseudonym.value))}</span>"
        )


class ReleaseForm(w.VBox):
    """An assignment id and a button: its handouts (``lecturer/keys/handouts.csv``) go to the class."""

    def __init__(self):
        self.assignment = w.Text(placeholder="a1", description=t("release_assignment"), layout=w.Layout(width="220px"))
        self.send = w.Button(description=t("release_send"), icon="share-square", button_style="primary")
        self.status = status(w.HTML())
        self.send.on_click(lambda _: self.release())
        super().__init__([w.HBox([self.assignment, self.send]), self.status])

    def release(self) -> None:
        try:
            done = handin.release(self.assignment.value.strip())
        except handin.HandInError as error:
            self.status.value = error_html(error.reason)
            return
        message = t("release_done", assignment=done["assignment"], files=", ".join(done["files"]))
        self.status.value = f"<span class='course-good'>{esc(message)}</span>"


class GradeExport(w.VBox):
    """The class's results as an LMS import file, for the students a mapping file names."""

    def __init__(self, handed_in_folder: Path):
        self.handed_in_folder = handed_in_folder
        self.mapping = w.Text(
            placeholder=t("grades_mapping_example"),
            description=t("grades_mapping"),
            layout=w.Layout(width="520px"),
        )
        self.lms = w.Dropdown(options=list(LMS_FORMATS), description="LMS")
        self.export = w.Button(description=t("grades_export"), icon="download")
        self.status = status(w.HTML())
        self.export.on_click(lambda _: self.write())
        super().__init__([w.HBox([self.mapping, self.lms, self.export]), self.status])

    def write(self) -> Path | None:
        """Write ``my_work/grades_<lms>.csv``; returns its path, or None when it could not be made (said why)."""
        try:
            mapping = read_lms_mapping(Path(self.mapping.value.strip().strip('"')).expanduser())
            feedback, accounts = handin.class_feedback(), handin.class_accounts()
        except CourseDataError as error:
            self.status.value = error_html(str(error))
            return None
        except handin.HandInError as error:
            self.status.value = error_html(error.reason)
            return None
        handed_in = {
            content["pseudonym"]: content
            for path in sorted(self.handed_in_folder.glob("*.json"))
            if isinstance(content := json.loads(path.read_text(encoding="utf-8")), dict) and "pseudonym" in content
        }
        text, unmapped = export_grades(results_table(handed_in, feedback, accounts), mapping, self.lms.value)
        target = work_dir() / f"grades_{self.lms.value}.csv"
        write_atomically(target, text)
        message = esc(t("grades_written", path=target, students=counted("students", len(mapping))))
        if unmapped:
            message += (
                f"<br><span class='course-bad'>{esc(t('grades_unmapped', pseudonyms=', '.join(unmapped)))}</span>"
            )
        self.status.value = f"<span class='course-good'>{message}</span>" if not unmapped else message
        return target
