"""The apps wire controls to model and plots: drive them as a student would, from Python."""
from __future__ import annotations

import html

import ipywidgets as w
import pytest

from helpers import set_language, widgets
from helpers.data import CONDITION_IDS, FUNCTION_IDS, load_course
from helpers.student_work import load_latest


@pytest.fixture(autouse=True)
def work_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_WORK_DIR", str(tmp_path))
    return tmp_path


def find(app, kind, predicate=lambda widget: True):
    """All descendants of ``app`` of type ``kind`` that satisfy ``predicate``, in display order."""
    found, stack = [], [app]
    while stack:
        node = stack.pop(0)
        if isinstance(node, kind) and predicate(node):
            found.append(node)
        stack[0:0] = list(getattr(node, "children", ()))
    return found


def button(app, description):
    return find(app, w.Button, lambda b: b.description == description)[0]


def test_setup_check_slider_updates_the_same_figure_in_place():
    app = widgets.setup_check()
    panel = find(app, widgets.FigurePanel)[0]
    figure = panel.figure
    slider = find(app, w.IntSlider)[0]
    slider.value = 4
    assert panel.figure is figure
    assert list(figure.data[0].y) == [2, 2, 2, 4, 2]
    assert "set to 4 of 4" in panel.caption.value


def test_every_app_has_a_readable_static_form():
    for make in (widgets.setup_check, widgets.equilibrium_simulation, widgets.function_quiz,
                 widgets.perspective_sorter, widgets.ward_scorer, widgets.fit_explorer, widgets.fit_heatmap,
                 widgets.vignette_scorer, widgets.ward_redesign):
        bundle = make()._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle
        assert len(bundle["text/plain"]) > 30 and "children=" not in bundle["text/plain"], make.__name__


def test_equilibrium_presets_move_the_sliders_and_the_verdict():
    app = widgets.equilibrium_simulation()
    panel = find(app, widgets.FigurePanel)[0]
    button(app, "Route b: a member disrupts the system").click()
    assert "less healthy" in panel.text
    disruption = find(app, w.FloatSlider, lambda s: s.description.startswith("Disruption"))[0]
    assert disruption.value == 0.8
    button(app, "Healthy group").click()
    assert "healthy equilibrium" in panel.text and "less" not in panel.text


def test_function_quiz_gives_feedback_and_a_final_score():
    course = load_course()
    app = widgets.function_quiz()
    choice = find(app, w.RadioButtons)[0]
    check, following = button(app, "Check"), button(app, "Next")
    panel = find(app, widgets.FigurePanel)[0]
    for number, (situation_id, row) in enumerate(course.quiz.iterrows()):
        right = row["function_id"]
        choice.value = right if number % 2 == 0 else next(f for f in FUNCTION_IDS if f != right)
        check.click()
        feedback = find(app, w.HTML, lambda h: "<b>Why:</b>" in h.value)[0].value
        assert ("Correct" in feedback) == (number % 2 == 0)
        assert html.escape(row["reason_en"]) in feedback
        following.click()
    total = len(course.quiz)
    right = (total + 1) // 2
    assert find(app, w.HTML, lambda h: f"You got {right} of {total} right." in h.value)
    assert f"{right} right, {total - right} wrong, 0 not answered yet" in panel.text


def test_quiz_check_without_answer_asks_for_one():
    app = widgets.perspective_sorter()
    button(app, "Check").click()
    assert find(app, w.HTML, lambda h: "Choose an answer first." in h.value)


def test_ward_scorer_radar_follows_sliders_then_shows_reference_and_verdict():
    app = widgets.ward_scorer("forensic")
    panel = find(app, widgets.FigurePanel)[0]
    figure = panel.figure
    slider = find(app, w.IntSlider, lambda s: s.description == "boundary setting")[0]
    slider.value = 4
    assert panel.figure is figure and list(figure.data[0].r)[2] == 4
    assert len(figure.data) == 1
    button(app, "Commit").click()
    assert len(figure.data) == 2 and figure.data[1].name == "Reference scoring"
    feedback = find(app, w.HTML, lambda h: "Equilibrium from the reference" in h.value)[0].value
    assert "healthy equilibrium" in feedback and "course-large-diff" in feedback


def test_ward_scorer_saves_and_restores_scores_and_ideal(work_folder):
    app = widgets.ward_scorer("addiction")
    sliders = find(app, w.IntSlider)
    for slider, value in zip(sliders, [0, 1, 2, 3, 4, 4, 3, 2, 1, 1, 1, 1, 1, 1]):
        slider.value = value
    find(app, w.Text)[0].value = "blue_heron"
    button(app, "Save my work").click()
    saved = load_latest("blue_heron", "ward", "addiction", folder=work_folder)
    assert saved["scores"] == dict(zip([*FUNCTION_IDS, *CONDITION_IDS], [0, 1, 2, 3, 4, 4, 3, 2, 1]))
    assert load_latest("blue_heron", "ideal", "addiction", folder=work_folder)["scores"]["zingeving"] == 1

    again = widgets.ward_scorer("addiction")
    find(again, w.Text)[0].value = "blue_heron"
    status = find(again, w.HTML, lambda h: "saved work here from" in h.value)
    assert status, "reopening offers the saved work"
    button(again, "Load saved work").click()
    assert [s.value for s in find(again, w.IntSlider)] == [0, 1, 2, 3, 4, 4, 3, 2, 1, 1, 1, 1, 1, 1]


def test_save_refuses_a_bad_pseudonym_and_warns_on_a_real_name(work_folder):
    app = widgets.ward_scorer()
    box = find(app, widgets.SaveBox)[0]
    box.pseudonym.value = "jan@school.nl"
    box.save()
    assert "Choose a pseudonym" in box.status.value and not list(work_folder.iterdir())
    box.pseudonym.value = "Jan_de_Vries"
    box.save()
    assert "looks like a real name" in box.status.value and (work_folder / "Jan_de_Vries.json").exists()


def test_corrupt_saved_file_is_reported_not_overwritten(work_folder):
    (work_folder / "fox.json").write_text("{broken", encoding="utf-8")
    app = widgets.ward_redesign()
    box = find(app, widgets.SaveBox)[0]
    box.pseudonym.value = "fox"
    box.save()
    assert "cannot be used" in box.status.value
    assert (work_folder / "fox.json").read_text(encoding="utf-8") == "{broken"


def test_fit_explorer_defaults_to_the_wards_own_group_and_updates():
    app = widgets.fit_explorer("forensic")
    ward, group = find(app, w.Dropdown)
    assert group.value == "forensic_aggression"
    bars = find(app, widgets.FigurePanel)[0]
    group.value = "adolescents_crisis"
    assert "boundary setting +2" in bars.text
    details = find(app, w.HTML, lambda h: "Equilibrium for this group" in h.value)[0].value
    assert "Loosen boundary setting by 2 steps" in details


def test_vignette_scorer_tags_commits_and_saves_escaped_rewrite(work_folder):
    course = load_course()
    app = widgets.vignette_scorer("mehmet_acute")
    moves = course.vignettes["mehmet_acute"].moves
    toggles = find(app, w.ToggleButtons)
    assert len(toggles) == len(moves)
    for toggle, key in zip(toggles, moves["key"]):
        toggle.value = key
    toggles[0].value = "personal" if moves["key"].iloc[0] == "clinical" else "clinical"
    button(app, "Commit").click()
    agreement = find(app, w.HTML, lambda h: "You agreed with the key" in h.value)[0].value
    assert f"on {len(moves) - 1} of {len(moves)} moves" in agreement
    rewrite = find(app, w.Textarea)[0]
    rewrite.value = "<script>alert(1)</script> ask what she wants"
    preview = find(app, w.HTML, lambda h: "Your rewrite" in h.value)[0].value
    assert "<script>" not in preview and "&lt;script&gt;" in preview
    box = find(app, widgets.SaveBox)[0]
    box.pseudonym.value = "fox"
    box.save()
    saved = load_latest("fox", "vignette", "mehmet_acute", folder=work_folder)
    assert saved["text"]["rewrite"].startswith("<script>")
    assert saved["tags"]["1"]["orientation"] in ("personal", "clinical")


def test_vignette_dimension_choices_follow_the_orientation():
    app = widgets.vignette_scorer("sanne_fact")
    toggle = find(app, w.ToggleButtons)[0]
    dropdown = find(app, w.Dropdown, lambda d: d.value == "")[0]
    toggle.value = "clinical"
    assert {v for _, v in dropdown.options} == {"", "diagnosis", "symptoms", "medication", "topdown_goals", "protocol"}


def test_ward_redesign_starts_at_the_reference_and_saves_reflections(work_folder):
    app = widgets.ward_redesign("acute_admission")
    sliders = find(app, w.IntSlider)
    assert [s.value for s in sliders] == [1, 1, 4, 3, 1]
    sliders[2].value = 2
    assert find(app, w.HTML, lambda h: "4 → 2" in h.value)
    find(app, w.Textarea)[0].value = "Fewer rules, agreed in the house meeting."
    box = find(app, widgets.SaveBox)[0]
    box.pseudonym.value = "fox"
    box.save()
    saved = load_latest("fox", "redesign", "acute_admission", folder=work_folder)
    assert saved["scores"]["grensbepaling"] == 2 and saved["text"]["reflect_changed_most"].startswith("Fewer")


def test_projector_mode_enlarges_text_and_figures():
    app = widgets.ward_scorer()
    app.projector.value = True
    assert "course-large" in app._dom_classes
    assert app.panels[0].figure.layout.font.size == widgets.PROJECTOR_FONT


def test_apps_speak_dutch_after_switching():
    set_language("nl")
    app = widgets.ward_scorer()
    assert button(app, "Vastleggen") and button(app, "Mijn werk opslaan")
    assert "Jouw scoring" in find(app, widgets.FigurePanel)[0].text


def test_class_dashboard_reports_and_reloads_another_class(tmp_path):
    from helpers import classroom
    app = widgets.class_dashboard()
    ward_panel = app.panels[0]
    assert len(ward_panel.figure.data) == 3 and "30 students" in find(app, w.HTML, lambda h: "Loaded the work" in h.value)[0].value
    classroom.make_demo_class(tmp_path / "small", load_course(), students=4, problem_files=False)
    find(app, w.Text)[0].value = str(tmp_path / "small")
    button(app, "Load").click()
    assert "Loaded the work of 4 students from 4 files." in find(app, w.HTML, lambda h: "Loaded the work" in h.value)[0].value
    assert find(app, w.HTML, lambda h: "Every file could be used." in h.value)
    assert ward_panel.figure.layout.title.text.startswith("The class's scores for")
    assert len(ward_panel.figure.data[0].y) < 40


def test_class_dashboard_with_an_empty_folder_says_so(tmp_path):
    app = widgets.class_dashboard(str(tmp_path))
    assert find(app, w.HTML, lambda h: "Loaded the work of 0 students from 0 files." in h.value)
    assert find(app, w.HTML, lambda h: "No student has tagged this vignette yet." in h.value)
