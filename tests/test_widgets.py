"""The apps wire controls to model and plots: drive them as a student would, from Python."""

from __future__ import annotations

import html
import json
import subprocess
import sys
import threading
from types import SimpleNamespace

import ipywidgets as w
import pandas as pd
import pytest
from make_demo_class import make_demo_class  # tools/ (on the path through conftest)

from helpers import figures, model, plots, set_language, t, widgets
from helpers.course_data import load_course
from helpers.figures import PROJECTOR_FONT, CourseFigureWidget, FigurePanel
from helpers.savebox import SaveBox
from helpers.student_work import load_latest, save_scoring
from helpers.vocabulary import FUNCTION_IDS, PROFILE_IDS, WARD_ITEMS


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
    panel = find(app, FigurePanel)[0]
    figure = panel.figure
    slider = find(app, w.IntSlider)[0]
    slider.value = 4
    assert panel.figure is figure
    assert list(figure.data[0].y) == [2, 2, 4, 2]
    assert "set to 4 of 4" in panel.caption.value


def test_every_app_has_a_readable_static_form():
    for make in (
        widgets.setup_check,
        widgets.equilibrium_simulation,
        widgets.function_quiz,
        widgets.perspective_sorter,
        widgets.ward_scorer,
        widgets.fit_explorer,
        widgets.fit_heatmap,
        widgets.vignette_scorer,
        widgets.ward_redesign,
    ):
        bundle = make()._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle
        assert len(bundle["text/plain"]) > 30 and "children=" not in bundle["text/plain"], make.__name__


def test_equilibrium_presets_move_the_sliders_and_the_verdict():
    app = widgets.equilibrium_simulation()
    panel = find(app, FigurePanel)[0]
    button(app, "Route b: a member disrupts the system").click()
    assert "less healthy" in panel.text
    disruption = find(app, w.FloatSlider, lambda s: s.description.startswith("Disruption"))[0]
    assert disruption.value == 0.8
    button(app, "Healthy group").click()
    assert "healthy equilibrium" in panel.text and "less" not in panel.text


def sent_to_page(figure) -> list[tuple[str, dict]]:
    """Record the figure's update messages to the page from now on, as (kind, message) pairs."""
    sent: list[tuple[str, dict]] = []
    for kind in ("update", "animate", "restyle", "relayout"):
        figure.observe(
            lambda change, kind=kind: change["new"] is not None and sent.append((kind, change["new"])),
            names=f"_py2js_{kind}",
        )
    return sent


def test_the_simulation_moves_its_lines_in_place_and_a_radar_is_redrawn():
    """Lines on fixed axes move without a redraw of the figure (decision record 0010); the page's
    drawing is checked against a fresh one in tests/test_browser_lab.py."""
    app = widgets.equilibrium_simulation()
    panel = find(app, FigurePanel)[0]
    sent = sent_to_page(panel.figure)
    find(app, w.IntSlider, lambda s: s.description.startswith("Random"))[0].value = 2
    assert [kind for kind, _ in sent] == ["animate"]
    options = sent[0][1]["animation_opts"]
    assert options["frame"]["redraw"] is False and options["transition"]["duration"] == 0
    assert sorted(sent[0][1]["style_traces"]) == [0, 1, 2]  # another seed moves every line
    expected = plots.equilibrium_lines(model.simulate_equilibrium(8, 0.0, 0.7, 0.0, seed=2), "t", "s").data[2].y
    assert list(panel.figure.data[2].y) == pytest.approx(list(expected))

    find(app, w.IntSlider, lambda s: s.description.startswith("Group size"))[0].value = 3
    assert [kind for kind, _ in sent] == ["animate", "animate"]
    assert len(panel.figure.data[1].y) == len(panel.figure.data[2].y)
    assert len(panel.figure.data[0].y) == 2 * (len(panel.figure.data[2].y) + 1)  # two other members, each gap-ended

    scorer = widgets.ward_scorer("forensic")
    sent = sent_to_page(find(scorer, FigurePanel)[0].figure)
    find(scorer, w.IntSlider, lambda s: s.description == "boundary setting")[0].value = 0
    assert [kind for kind, _ in sent] == ["update"]  # polar traces: plotly redraws them


APP_FACTORIES = (
    "setup_check",
    "equilibrium_simulation",
    "ward_scorer",
    "fit_explorer",
    "fit_heatmap",
    "vignette_scorer",
    "ward_redesign",
    "class_dashboard",
    "function_quiz",
    "perspective_sorter",
)


@pytest.mark.parametrize("factory", APP_FACTORIES)
def test_an_app_builds_its_figures_as_they_start_and_sends_no_change_before_it_is_shown(factory, monkeypatch):
    """A change sent to a figure before the page has drawn it is lost there (FigurePanel): every figure
    must be built as its app starts."""
    recorded: list[list] = []
    built = FigurePanel.__init__

    def recording(panel, figure):
        built(panel, figure)
        recorded.append(sent_to_page(panel.figure))

    monkeypatch.setattr(FigurePanel, "__init__", recording)
    getattr(widgets, factory)()
    assert recorded, "the app builds a figure"
    assert [kind for messages in recorded for kind, _ in messages] == []


def test_a_figure_reaches_the_page_whole_in_its_first_message(monkeypatch):
    """The message that opens a figure's widget carries its data and layout: a view drawn before any
    later message (a busy page) draws the figure as built, not an empty, untitled one."""
    import ipywidgets.widgets.widget as widget_module

    opened: list[dict] = []
    create_comm = widget_module.comm.create_comm
    monkeypatch.setattr(widget_module.comm, "create_comm", lambda **args: opened.append(args) or create_comm(**args))
    figure = plots.radar({"Ward": pd.Series(2, index=list(PROFILE_IDS))}, list(PROFILE_IDS), "Profile of a ward")
    CourseFigureWidget(figure)
    state = next(a["data"]["state"] for a in opened if a["data"]["state"].get("_model_name") == "AnyModel")
    assert state["_widget_layout"].get("title", {}).get("text") == figure.layout.title.text
    assert [trace["type"] for trace in state["_widget_data"]] == [trace.type for trace in figure.data]


def test_function_quiz_gives_feedback_and_a_final_score():
    course = load_course()
    app = widgets.function_quiz()
    choice = find(app, w.RadioButtons)[0]
    check, following = button(app, "Check"), button(app, "Next")
    panel = find(app, FigurePanel)[0]
    for number, (_, row) in enumerate(course.quiz.iterrows()):
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
    panel = find(app, FigurePanel)[0]
    figure = panel.figure
    slider = find(app, w.IntSlider, lambda s: s.description == "boundary setting")[0]
    slider.value = 0
    assert panel.figure is figure and list(figure.data[0].r)[1] == 0
    assert len(figure.data) == 1
    assert list(figure.data[0].theta)[:4] == [
        "goal attainment",
        "boundary setting",
        "structuring",
        "energy supply (care for energy)",
    ]
    button(app, "Commit").click()
    assert len(figure.data) == 2 and figure.data[1].name == "Reference scoring"
    feedback = find(app, w.HTML, lambda h: "Equilibrium from the reference" in h.value)[0].value
    assert "healthy equilibrium" in feedback and "course-large-diff" in feedback
    assert "boundary setting: ward 0, need 4 — too loose: serious point" in feedback
    assert "Zingeving from the reference:</b> <b class='course-good'>fulfilled" in feedback


def test_ward_scorer_has_no_zingeving_dial_but_three_judgements():
    app = widgets.ward_scorer("acute_admission")
    names = [s.description for s in find(app, w.IntSlider)]
    assert "meaning-making (purpose)" not in names
    assert names[4:7] == ["zingeving: clients", "zingeving: staff", "zingeving: surroundings"]
    assert find(app, w.HTML, lambda h: "there is no &#x27;too much&#x27;" in h.value)


def test_ward_scorer_relates_zingeving_to_the_conditions():
    app = widgets.ward_scorer("acute_admission")
    sliders = {s.description: s for s in find(app, w.IntSlider)}
    for name in ("zingeving: clients", "zingeving: staff", "zingeving: surroundings"):
        sliders[name].value = 4
    sliders["Enough energy"].value = 1
    button(app, "Commit").click()
    feedback = find(app, w.HTML, lambda h: "Zingeving from your scores" in h.value)[0].value
    yours = feedback.split("Zingeving from your scores")[1].split("Zingeving from the reference")[0]
    assert "not fulfilled" in yours
    assert "Enough energy fails (1): on this condition the ward is not meaningful to its participants" in yours
    sliders["Enough energy"].value = 2
    yours = find(app, w.HTML, lambda h: "Zingeving from your scores" in h.value)[0].value
    yours = yours.split("Zingeving from your scores")[1].split("Zingeving from the reference")[0]
    assert "fragile: it cannot last as it is" in yours and "is met only in part (2)" in yours


def test_ideal_ward_gap_names_the_largest_difference_not_a_sum():
    app = widgets.ward_scorer("forensic")
    ideal = find(app, w.IntSlider)[11:]
    for slider, value in zip(ideal, [3, 4, 4, 0], strict=True):
        slider.value = value
    button(app, "Commit").click()
    gap = find(app, w.HTML, lambda h: "ideal–real difference" in h.value)[0].value
    assert gap == "Largest ideal–real difference: energy supply (care for energy) (ideal 0, real 3)."
    assert "in all" not in gap


def test_ideal_follows_the_students_profile_until_the_commit_and_the_reference_after():
    app = widgets.ward_scorer("forensic")
    sliders = find(app, w.IntSlider)
    ideal_panel, tabs = find(app, FigurePanel)[1], find(app, w.Tab)[0]
    sliders[0].value = 4  # doelverwerving in the student's own scoring
    assert "Your scoring: goal attainment 2" in ideal_panel.text, "the hidden ideal is drawn when shown"
    tabs.selected_index = 1
    assert "Your scoring: goal attainment 4" in ideal_panel.text
    sliders[4].value = 0  # a zingeving part: not part of the ideal's comparison
    assert "Your scoring: goal attainment 4" in ideal_panel.text
    button(app, "Commit").click()
    assert "Reference scoring: goal attainment " in ideal_panel.text
    before = ideal_panel.text
    sliders[0].value = 1  # after the commit the ideal is compared with the reference: unchanged
    assert ideal_panel.text == before


def test_ward_scorer_saves_and_restores_scores_and_ideal(work_folder):
    app = widgets.ward_scorer("addiction")
    sliders = find(app, w.IntSlider)
    values = [0, 1, 2, 3, 4, 4, 3, 2, 1, 0, 1, 1, 2, 3, 4]
    for slider, value in zip(sliders, values, strict=True):
        slider.value = value
    app.reasons["structurering"].value = "Empty afternoons and evenings."
    find(app, SaveBox)[0].pseudonym.value = "blue_heron"
    button(app, "Save my work").click()
    saved = load_latest("blue_heron", "ward", "addiction", folder=work_folder)
    assert saved["scores"] == dict(zip(WARD_ITEMS, values[:11], strict=True))
    assert saved["text"] == {"reason_structurering": "Empty afternoons and evenings."}
    assert load_latest("blue_heron", "ideal", "addiction", folder=work_folder)["scores"] == dict(
        zip(PROFILE_IDS, [1, 2, 3, 4], strict=True)
    )

    again = widgets.ward_scorer("addiction")
    find(again, SaveBox)[0].pseudonym.value = "blue_heron"
    status = find(again, w.HTML, lambda h: "saved work here from" in h.value)
    assert status, "reopening offers the saved work"
    button(again, "Load saved work").click()
    assert [s.value for s in find(again, w.IntSlider)] == values
    assert again.reasons["structurering"].value == "Empty afternoons and evenings."


def test_ward_scorer_has_a_reason_per_item_shown_with_the_comparison(work_folder):
    """Issue 28: Exercise 1 asks for a sentence of reasoning per item. Each item has a box under its slider;
    after the commit the table shows the student's reason beside the reference's (as text), differences
    without a sign when there is none; the reasons are saved and belong to their ward."""
    app = widgets.ward_scorer("addiction")
    assert set(app.reasons) == set(WARD_ITEMS)
    tab = app.tabs.children[0]
    order = [c for c in tab.children if isinstance(c, (w.Text, w.HBox, w.IntSlider))]
    for item, box in app.reasons.items():  # each box right under its own slider
        slider = app.scored_sliders()[item]
        place = next(n for n, c in enumerate(order) if c is slider or slider in getattr(c, "children", ()))
        assert order[place + 1] is box, item
    app.reasons["structurering"].value = "<b>Nothing</b> to do in the afternoon."
    reference = model.reference_scores(load_course().reference, "addiction", WARD_ITEMS)
    app.scored_sliders()["grensbepaling"].value = int(reference["grensbepaling"])
    button(app, "Commit").click()
    table = app.feedback.value
    assert ">Your reason</th><th style='width:34%'>Why (reference)</th>" in table
    assert "&lt;b&gt;Nothing&lt;/b&gt; to do in the afternoon." in table and "<b>Nothing</b>" not in table
    assert "+0" not in table and "<td>0</td>" in table
    accordion = find(app, w.Accordion)[0]
    assert accordion.titles == ("About this ward: its client group and observations",)
    app.ward.value = "forensic"
    assert all(box.value == "" for box in app.reasons.values()) and not app.committed
    assert all(s.value == 2 for s in app.scored_sliders().values()), "another ward starts unscored"
    app.ward.value = "addiction"
    assert app.reasons["structurering"].value.startswith("<b>Nothing") and app.committed
    assert app.scored_sliders()["grensbepaling"].value == int(reference["grensbepaling"])


def test_loading_work_saved_in_format_1_says_what_to_redo(work_folder):
    import json

    old = {
        "format": "social-systems-course/student-work",
        "format_version": 1,
        "pseudonym": "fox",
        "scorings": [
            {
                "kind": "ward",
                "item_id": "addiction",
                "saved_at": "2026-10-01T09:00:00+00:00",
                "course_version": "1.0.0",
                "scores": {"zingeving": 1, "grensbepaling": 3, "goal_shared": 0},
            }
        ],
    }
    (work_folder / "fox.json").write_text(json.dumps(old), encoding="utf-8")
    app = widgets.ward_scorer("addiction")
    box = find(app, SaveBox)[0]
    box.pseudonym.value = "fox"
    box.load()
    sliders = {s.description: s.value for s in find(app, w.IntSlider)[:11]}
    assert sliders["boundary setting"] == 3 and sliders["Goal understood and shared"] == 0
    assert "score zingeving&#x27;s three parts again" in box.status.value


def test_save_refuses_a_bad_pseudonym_and_warns_on_a_real_name(work_folder):
    app = widgets.ward_scorer()
    box = find(app, SaveBox)[0]
    box.pseudonym.value = "jan@school.nl"
    box.save()
    assert "Choose a pseudonym" in box.status.value and not list(work_folder.iterdir())
    box.pseudonym.value = "Jan_de_Vries"
    box.save()
    assert "looks like a real name" in box.status.value and (work_folder / "Jan_de_Vries.json").exists()


def test_corrupt_saved_file_is_reported_not_overwritten(work_folder):
    (work_folder / "fox.json").write_text("{broken", encoding="utf-8")
    app = widgets.ward_redesign()
    box = find(app, SaveBox)[0]
    box.pseudonym.value = "fox"
    box.save()
    assert "cannot be used" in box.status.value
    assert (work_folder / "fox.json").read_text(encoding="utf-8") == "{broken"


def test_fit_explorer_defaults_to_the_wards_own_group_and_updates():
    app = widgets.fit_explorer("forensic")
    _, group = find(app, w.Dropdown)
    assert group.value == "forensic_aggression"
    bars = find(app, FigurePanel)[0]
    own = find(app, w.HTML, lambda h: "Equilibrium with its own clients and staff" in h.value)[0].value
    assert "healthy equilibrium" in own and "Zingeving with its own clients and staff" in own
    assert "fits forensic patients with aggression problems on every function" in own
    assert "What a sociotherapist would change for the ward" in own
    group.value = "adolescents_crisis"  # Het Bolwerk's profile is within a step of their needs: still no setting
    assert "is not a setting for Adolescents in crisis" in bars.figure.layout.title.text
    details = find(app, w.HTML, lambda h: "Not a setting for this group" in h.value)[0].value
    assert "age: the ward admits 18–65 years, this group is 14–18 years" in details
    assert "This group needs a setting for ages 14–18" in details
    for wrong in ("Equilibrium with its own", "benefit", "fits", "Loosen", "would change"):
        assert wrong not in details, wrong
    assert "Not a setting for: Adults in acute psychosis, People with a long-term psychotic vulnerability" in details


def test_fit_explorer_says_how_close_a_profile_is_for_another_group_it_could_admit():
    app = widgets.fit_explorer("acute_admission")
    _, group = find(app, w.Dropdown)
    group.value = "addiction_detox"
    details = find(app, w.HTML, lambda h: "Profile against this group" in h.value)[0].value
    assert "partly far from their needs (strain points)" in details and "Profile only" in details
    assert "energy supply (care for energy): ward 1, need 3 — too little: strain point" in details
    assert "This group needs a setting for ages 18–65" in details
    for wrong in ("benefit:", "the profile fits", "Care more for energy", "would change"):
        assert wrong not in details, wrong


def test_fit_explorer_uses_little_and_much_for_goals_and_energy():
    app = widgets.fit_explorer("long_stay_rehab")
    details = find(app, w.HTML, lambda h: "Fit of the profile for this group" in h.value)[0].value
    assert "goal attainment: ward 4, need 2 — too much: strain point" in details
    assert "Ease the pressure of goals and results: 2 steps down" in details
    assert "too tight" not in details


def test_vignette_scorer_tags_commits_and_saves_escaped_rewrite(work_folder):
    course = load_course()
    app = widgets.vignette_scorer("mehmet_acute")
    moves = course.vignettes["mehmet_acute"].moves
    toggles = find(app, w.ToggleButtons)
    assert len(toggles) == len(moves)
    for toggle, key in zip(toggles, moves["key"], strict=True):
        toggle.value = key
    toggles[0].value = "personal" if moves["key"].iloc[0] == "clinical" else "clinical"
    button(app, "Commit").click()
    agreement = find(app, w.HTML, lambda h: "Orientation: you agreed with the key" in h.value)[0].value
    assert f"on {len(moves) - 1} of {len(moves)} moves" in agreement
    assert "Dimension: you chose none" in agreement
    rewrite = find(app, w.Textarea)[0]
    rewrite.value = "<script>alert(1)</script> ask what she wants"
    preview = find(app, w.HTML, lambda h: "Your rewrites" in h.value)[0].value
    assert "<script>" not in preview and "&lt;script&gt;" in preview
    box = find(app, SaveBox)[0]
    box.pseudonym.value = "fox"
    box.save()
    saved = load_latest("fox", "vignette", "mehmet_acute", folder=work_folder)
    assert saved["text"]["rewrite_1"].startswith("<script>")
    assert saved["tags"]["1"]["orientation"] in ("personal", "clinical")


def test_vignette_rewrites_are_kept_per_move_saved_and_loaded(work_folder):
    """Issue 28: Exercise 2 asks for three rewrites. Each move keeps its own; the list offers every move by
    what it says, so it does not give the key away; Save stores each as rewrite_<move>; Load brings them
    back on their moves."""
    course = load_course()
    moves = course.vignettes["mehmet_acute"].moves
    app = widgets.vignette_scorer("mehmet_acute")
    choice, box = app.rewrite_move, app.rewrite
    assert [value for _, value in choice.options] == [str(m) for m in moves.index]  # every move, not the key's
    label = dict((value, text) for text, value in choice.options)["5"]
    assert label.startswith("5. ") and moves.at[5, "text_en"][:30] in label and len(label) < 110
    choice.value = "5"
    box.value = "Ask Mehmet whether he wants his sister to visit."
    choice.value = "7"
    assert box.value == "", "another move starts empty: the text is not carried over"
    box.value = "Ask Mehmet what he wants to have achieved."
    choice.value = "8"
    box.value = "A plan for the first weeks at home, in his words."
    choice.value = "5"
    assert box.value == "Ask Mehmet whether he wants his sister to visit."
    preview = app.rewrite_preview.value
    assert preview.count("<li>") == 3 and preview.index("5. ") < preview.index("7. ") < preview.index("8. ")
    save = find(app, SaveBox)[0]
    save.pseudonym.value = "owl"
    save.save()
    saved = load_latest("owl", "vignette", "mehmet_acute", folder=work_folder)
    assert {k: v[:12] for k, v in saved["text"].items()} == {
        "rewrite_5": "Ask Mehmet w",
        "rewrite_7": "Ask Mehmet w",
        "rewrite_8": "A plan for t",
    }
    again = widgets.vignette_scorer("mehmet_acute")
    loading = find(again, SaveBox)[0]
    loading.pseudonym.value = "owl"
    loading.load()
    assert again.rewrites == {k.removeprefix("rewrite_"): v for k, v in saved["text"].items()}
    assert again.rewrite_move.value == "5" and again.rewrite.value.startswith("Ask Mehmet whether")
    again.rewrite_move.value = "8"
    assert again.rewrite.value.startswith("A plan")


def test_an_older_files_one_rewrite_comes_back_on_its_move(work_folder):
    """A file saved before rewrites were kept per move (format 2) held one rewrite and its move."""
    content = {
        "format": "social-systems-course/student-work",
        "format_version": 2,
        "pseudonym": "owl",
        "scorings": [
            {
                "kind": "vignette",
                "item_id": "mehmet_acute",
                "saved_at": "2026-11-20T10:00:00+00:00",
                "course_version": "2.1.0",
                "tags": {},
                "text": {"rewrite_move": "7", "rewrite": "Mehmet joins the meeting."},
            }
        ],
    }
    (work_folder / "owl.json").write_text(json.dumps(content), encoding="utf-8")
    app = widgets.vignette_scorer("mehmet_acute")
    box = find(app, SaveBox)[0]
    box.pseudonym.value = "owl"
    box.load()
    assert app.rewrites == {"7": "Mehmet joins the meeting."} and app.rewrite_move.value == "7"


def test_work_on_a_vignette_comes_back_when_the_student_returns_and_is_saved_under_it(work_folder):
    app = widgets.vignette_scorer("mehmet_acute")
    first = find(app, w.ToggleButtons)[0]
    first.value = "clinical"
    app.rewrite_move.value = "2"
    app.rewrite.value = "The psychiatrist asks Mehmet what he noticed himself."
    button(app, "Commit").click()
    app.vignette.value = "ineke_sheltered"
    assert app.rewrite.value == "" and not app.rewrites and not app.committed
    assert all(toggle.value is None for toggle in find(app, w.ToggleButtons))
    find(app, w.ToggleButtons)[1].value = "personal"
    app.vignette.value = "mehmet_acute"
    assert find(app, w.ToggleButtons)[0].value == "clinical" and app.committed
    assert app.rewrites == {"2": "The psychiatrist asks Mehmet what he noticed himself."}
    app.vignette.value = "sanne_fact"  # on screen: saved (last), as always
    box = find(app, SaveBox)[0]
    box.pseudonym.value = "owl"
    box.save()
    saved = json.loads((work_folder / "owl.json").read_text(encoding="utf-8"))["scorings"]
    assert [s["item_id"] for s in saved] == ["ineke_sheltered", "mehmet_acute", "sanne_fact"]  # on screen last
    assert saved[1]["text"] == {"rewrite_2": "The psychiatrist asks Mehmet what he noticed himself."}
    assert saved[1]["committed"] is True and saved[0]["tags"]["2"]["orientation"] == "personal"


def test_vignette_scorer_judges_orientation_and_dimension_apart():
    course = load_course()
    moves = course.vignettes["mehmet_acute"].moves
    app = widgets.vignette_scorer("mehmet_acute")
    toggles = find(app, w.ToggleButtons)
    dropdowns = find(app, w.Dropdown)[1:]  # the first is the vignette choice
    for toggle, key in zip(toggles, moves["key"], strict=True):
        toggle.value = key
    first_key = moves.iloc[0]
    wrong_dimension = next(
        d
        for d in course.dimensions.index[course.dimensions["perspective"] == first_key["key"]]
        if d != first_key["dimension"]
    )
    dropdowns[0].value = wrong_dimension
    dropdowns[1].value = moves.iloc[1]["dimension"]
    button(app, "Commit").click()
    agreement = find(app, w.HTML, lambda h: "Orientation: you agreed" in h.value)[0].value
    assert f"on {len(moves)} of {len(moves)} moves (100%)" in agreement
    assert f"Dimension: you chose one for 2 of the {len(moves)} moves, and 1 of your choices match" in agreement
    first = find(app, w.HTML, lambda h: "✔ orientation" in h.value)[0].value
    assert "✘ dimension" in first


def test_vignette_dimension_choices_follow_the_orientation():
    app = widgets.vignette_scorer("sanne_fact")
    toggle = find(app, w.ToggleButtons)[0]
    dropdown = find(app, w.Dropdown, lambda d: d.value == "")[0]
    toggle.value = "clinical"
    assert {v for _, v in dropdown.options} == {"", "diagnosis", "symptoms", "medication", "topdown_goals", "protocol"}


def test_ward_redesign_starts_at_the_reference_and_saves_reflections(work_folder):
    app = widgets.ward_redesign("acute_admission")
    sliders = find(app, w.IntSlider)
    assert [s.value for s in sliders] == [1, 4, 3, 1, 3, 3, 2, 1]
    assert "Move the sliders" in app.changes.value
    sliders[1].value = 1
    assert find(app, w.HTML, lambda h: "Your redesign for" in h.value)
    judged = app.after_redesign.value
    assert "(redesigned)" in judged and "(now)" not in judged
    assert "boundary setting: ward 1, need 3 — too loose: strain point" in judged  # fewer rules are not always better
    assert app.changes.value == "<p><b>Your changes:</b></p><ul><li>boundary setting: 4 → 1</li></ul>"
    # what grows as the sliders move sits below the figure, so the figure stays where the student looks
    assert app.children.index(app.panel) < app.children.index(app.after_redesign) < app.children.index(app.changes)
    assert not find(app, w.HTML, lambda h: "→" in h.value and h is not app.changes)
    sliders[7].value = 3  # expect enough energy after the redesign
    find(app, w.Textarea)[0].value = "Fewer rules, agreed in the house meeting."
    box = find(app, SaveBox)[0]
    box.pseudonym.value = "fox"
    box.save()
    saved = load_latest("fox", "redesign", "acute_admission", folder=work_folder)
    assert saved["scores"]["grensbepaling"] == 1 and saved["scores"]["energy_enough"] == 3
    assert saved["text"]["reflect_changed_most"].startswith("Fewer")


def test_a_ward_redesign_and_its_reflections_belong_to_their_ward(work_folder):
    """Issue 28: reflections written for De Boomgaard stayed in the boxes when the ward changed, the redesign
    was thrown away, and Save stored them under De Linde. Now each ward keeps its own work."""
    app = widgets.ward_redesign("long_stay_rehab")
    sliders = find(app, w.IntSlider)
    boxes = find(app, w.Textarea)
    sliders[0].value = 2  # doelverwerving 4 -> 2
    boxes[0].value = "Goals in the residents' own words."
    app.ward.value = "acute_admission"
    assert [s.value for s in sliders] == [1, 4, 3, 1, 3, 3, 2, 1], "De Linde starts as it is"
    assert all(box.value == "" for box in boxes), "De Boomgaard's reflections are not De Linde's"
    sliders[3].value = 3
    boxes[2].value = "A low-stimulus room again."
    app.ward.value = "long_stay_rehab"
    assert sliders[0].value == 2 and boxes[0].value == "Goals in the residents' own words."
    assert boxes[2].value == ""
    assert "doelverwerving" not in app.changes.value and "goal attainment: 4 → 2" in app.changes.value
    app.ward.value = "forensic"  # only looked at
    box = find(app, SaveBox)[0]
    box.pseudonym.value = "owl"
    box.save()
    saved = json.loads((work_folder / "owl.json").read_text(encoding="utf-8"))["scorings"]
    by_ward = {s["item_id"]: s for s in saved}
    assert list(by_ward) == ["acute_admission", "long_stay_rehab", "forensic"]  # the ward on screen last
    assert by_ward["long_stay_rehab"]["text"]["reflect_changed_most"] == "Goals in the residents' own words."
    assert by_ward["long_stay_rehab"]["scores"]["doelverwerving"] == 2
    assert by_ward["acute_admission"]["text"]["reflect_staff"] == "A low-stimulus room again."
    assert by_ward["acute_admission"]["text"]["reflect_changed_most"] == ""
    assert by_ward["acute_admission"]["scores"]["energieverzorging"] == 3
    app.ward.value = "acute_admission"
    assert boxes[2].value == "A low-stimulus room again." and sliders[3].value == 3
    button(app, "Start again").click()  # the student's choice: the sliders go back, what they wrote stays
    assert sliders[3].value == 1 and boxes[2].value == "A low-stimulus room again."


@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_app_shown_by_a_cell_is_followed_by_the_note_a_reopened_lesson_shows(language, monkeypatch):
    """Issue 28: a lesson saved with its outputs and reopened without its kernel showed 'Error displaying
    widget: model not found'. Every app, and the language switch, is followed by a note that says how to
    start it again; its style hides it unless the app's output above it is in that error state."""
    import IPython.display

    set_language(language)
    outputs: list[dict] = []
    monkeypatch.setattr(IPython.display, "display", lambda bundle, raw: outputs.append(bundle))
    for make, title in ((widgets.ward_scorer, "scorer_title"), (widgets.language_switch, None)):
        outputs.clear()
        make()._ipython_display_()
        app, note = outputs
        assert "application/vnd.jupyter.widget-view+json" in app
        expected = t("reopen_note", app=t(title)) if title else t("reopen_language")
        assert list(note) == ["text/html"] and html.escape(expected, quote=True) in note["text/html"]
        assert ".course-reopen { display: none;" in note["text/html"]


def test_projector_mode_enlarges_text_and_figures():
    app = widgets.ward_scorer()
    app.projector.value = True
    assert "course-large" in app._dom_classes
    assert app.panels[0].figure.layout.font.size == PROJECTOR_FONT


LONG_TITLE = "Profiel van Afdeling De Linde tegenover de behoeften van Volwassenen in een acute psychose"


def test_a_long_title_wraps_below_the_toolbar_and_takes_its_room_above_the_plot():
    """Issue 28: plotly's toolbar covered titles and a long Dutch title ran out of its figure at 1280×720. A
    title starts below the toolbar, wraps into lines that fit JupyterLab's app width, and each line after
    the first adds to the top margin and the height, so the plot keeps its size."""
    short, long = (plots.function_bars(pd.Series([1, 2]), ["a", "b"], title, "s") for title in ("Fit", LONG_TITLE))
    assert short.layout.title.text == "Fit" and short.layout.title.pad.t == plots.TITLE_PAD
    lines = long.layout.title.text.split("<br>")
    assert len(lines) == 2 and " ".join(lines) == LONG_TITLE
    assert all(len(line) <= plots.TITLE_CHARS for line in lines)
    assert long.layout.title.pad.t == plots.TITLE_PAD + plots.TITLE_SHIFT  # plotly lifts a title of two lines
    assert long.layout.margin.t - short.layout.margin.t == plots.TITLE_LINE
    assert long.layout.height - short.layout.height == plots.TITLE_LINE


def test_projector_mode_wraps_a_title_for_its_larger_font_and_gives_it_back_after():
    panel = FigurePanel(plots.function_bars(pd.Series([1, 2]), ["a", "b"], LONG_TITLE[:70], "s"))
    normal = panel.figure.layout.to_plotly_json()
    assert "<br>" not in normal["title"]["text"]
    panel.set_large(True)
    large = panel.figure.layout
    assert [len(line) <= figures.PROJECTOR_TITLE_CHARS for line in large.title.text.split("<br>")] == [True, True]
    assert large.title.pad.t > normal["title"]["pad"]["t"] * figures.PROJECTOR_SCALE  # below the larger toolbar
    line = round(plots.TITLE_LINE * figures.PROJECTOR_SCALE)
    assert large.margin.t == round(normal["margin"]["t"] * figures.PROJECTOR_SCALE) + line
    panel.show(plots.function_bars(pd.Series([2, 1]), ["a", "b"], LONG_TITLE[:70], "s"))  # a move, still projected
    assert panel.figure.layout.title.text == large.title.text and panel.figure.layout.margin.t == large.margin.t
    panel.set_large(False)
    assert panel.figure.layout.title.text == normal["title"]["text"]
    assert panel.figure.layout.margin.t == normal["margin"]["t"] and panel.figure.layout.height == normal["height"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_dashboard_charts_keep_their_labels_whole_and_upright(language):
    """Issue 28: "de helft van de klas" was cut to "de helft van de k" in a fixed right margin, and the
    alpha chart's values turned by 90° in narrow bars."""
    set_language(language)
    agreement = pd.DataFrame({"agree_with_key": [0.2, 0.9], "key": ["personal", "clinical"]})
    moves = plots.move_agreement_bars(agreement, "title")
    assert moves.layout.margin.r >= plots.text_width(t("half_the_class")) + 20
    alpha = pd.DataFrame({"id": ["a", "b"], "alpha": [0.53, 0.9], "students": [5, 5], "units": [4, 4]})
    bars = plots.agreement_bars(alpha, {}, "title").data[0]
    assert bars.textangle == 0 and bars.constraintext == "inside"
    set_language("en")


def test_apps_speak_dutch_after_switching():
    set_language("nl")
    app = widgets.ward_scorer()
    assert button(app, "Vastleggen") and button(app, "Mijn werk opslaan")
    assert "Jouw scoring" in find(app, FigurePanel)[0].text


def test_class_dashboard_reports_and_reloads_another_class(tmp_path):

    app = widgets.class_dashboard()
    ward_panel = app.panels[0]
    assert (
        len(ward_panel.figure.data) == 3
        and "30 students" in find(app, w.HTML, lambda h: "Loaded the work" in h.value)[0].value
    )
    make_demo_class(tmp_path / "small", load_course(), students=4, problem_files=False)
    find(app, w.Text)[0].value = str(tmp_path / "small")
    button(app, "Load").click()
    assert (
        "Loaded the work of 4 students from 4 files."
        in find(app, w.HTML, lambda h: "Loaded the work" in h.value)[0].value
    )
    assert find(app, w.HTML, lambda h: "Every file could be used." in h.value)
    assert ward_panel.figure.layout.title.text.startswith("The class's scores for")
    assert len(ward_panel.figure.data[0].y) < 50


def test_class_dashboard_with_an_empty_folder_says_so(tmp_path):
    app = widgets.class_dashboard(str(tmp_path))
    assert find(app, w.HTML, lambda h: "Loaded the work of 0 students from 0 files." in h.value)
    assert find(app, w.HTML, lambda h: "No student has tagged this vignette yet." in h.value)


def test_a_lesson_opens_in_its_own_language_unless_the_student_chose(work_folder, monkeypatch, tmp_path):
    from helpers import shell
    from helpers.text import get_language

    dutch = tmp_path / "notebooks" / "nl"
    (dutch / "docent").mkdir(parents=True)
    monkeypatch.chdir(dutch)
    shell.start_lesson()
    assert get_language() == "nl"
    monkeypatch.chdir(dutch / "docent")  # the Dutch lecturer dashboard
    set_language("en")
    shell.start_lesson()
    assert get_language() == "nl"
    monkeypatch.chdir(tmp_path / "notebooks")
    shell.start_lesson()
    assert get_language() == "en"
    switch = widgets.language_switch()
    switch.value = "nl"  # the student's explicit choice wins in every lesson, also after a restart
    shell.start_lesson()
    assert get_language() == "nl" and (work_folder / "settings.json").exists()


def test_figures_share_one_plotly_module_sent_as_one_binary_buffer():
    from helpers import figures

    first = FigurePanel(plots.function_bars(pd.Series([1, 2, 3, 4]), list("abcd"), "t", "s"))
    second = FigurePanel(plots.function_bars(pd.Series([4, 3, 2, 1]), list("abcd"), "t", "s"))
    module = first.figure._plotly_module
    assert module is second.figure._plotly_module and module.key
    state, paths, buffers = w.widgets.widget._remove_buffers(module.get_state())
    assert paths == [["source"]] and bytes(buffers[0]) == figures.PLOTLY_WIDGET_BUNDLE.read_bytes()
    assert len(json.dumps(state)) < 1000, "the 5 MB source is not in the JSON part of the message"
    assert first.figure.get_state()["_plotly_module"] == f"IPY_MODEL_{module.model_id}"


LESSON_START = """
import sys
import helpers.widgets
started = sorted(name for name in ("nbformat", "jsonschema", "rfc3987_syntax") if sys.modules.get(name))
import plotly.graph_objects as go
import plotly.io as pio
pio.show(go.Figure(), renderer="json")
print(started, "nbformat" in sys.modules)
"""


def test_a_lesson_starts_without_nbformat_and_plotly_show_imports_it_when_it_renders():
    """helpers.plotly_start keeps nbformat and jsonschema out of a lesson's start (0.1 s a kernel);
    plotly.io.show, the one user of nbformat in plotly, still finds it (decision record 0001)."""
    result = subprocess.run([sys.executable, "-c", LESSON_START], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[] True", result.stdout + result.stderr


def test_a_figure_property_plotly_does_not_know_is_refused_where_the_figure_is_sent():
    def bars(**extra):  # plots build their figures unchecked, for speed: the panel checks them
        return plots._figure([{"type": "bar", "x": ["a"], "y": [1], **extra}], "t", "s", {"columns": [], "rows": []})

    with pytest.raises(ValueError, match="colour"):
        FigurePanel(bars(colour="red"))
    panel = FigurePanel(bars())
    with pytest.raises(ValueError, match="colour"):
        panel.show(bars(colour="red"))
    assert list(panel.figure.data[0].y) == [1]


def test_the_pseudonym_is_judged_when_the_student_acts_not_while_typing_or_picking_a_ward(work_folder):
    app = widgets.ward_scorer()
    box = find(app, SaveBox)[0]
    app.ward.value = app.ward.options[1][1]  # a ward picked before any pseudonym was typed
    assert "course-bad" not in box.status.value
    box.pseudonym.value = "j"  # half typed (the box reports when the student leaves it)
    assert "course-bad" not in box.status.value
    box.load()
    assert "Choose a pseudonym" in box.status.value and "course-bad" in box.status.value
    box.pseudonym.value = ""
    box.save()
    assert "Type a pseudonym first" in box.status.value and not list(work_folder.iterdir())


def test_every_control_has_a_name_a_screen_reader_can_announce():
    """Sliders are named after their label in the page (each app carries Accessible); controls
    without a visible label carry a tooltip, which ipywidgets gives them as their name."""
    from helpers.shell import Accessible

    scorer = widgets.vignette_scorer()
    assert find(scorer, Accessible)
    dropdowns = [d for d in find(scorer, w.Dropdown) if not d.description]
    assert dropdowns and all(d.tooltip.startswith("Move ") for d in dropdowns)
    assert all(d.description or d.tooltip for d in find(scorer, (w.Dropdown, w.ToggleButtons, w.Textarea)))
    redesign = widgets.ward_redesign()
    assert all(box.tooltip for box in find(redesign, w.Textarea))
    set_language("nl")
    assert widgets.vignette_scorer().rows[1].dimension.tooltip == "Handeling 1: hersteldimensie"


def test_fit_bars_are_coloured_by_fit_not_direction_and_say_so_in_a_legend():
    gaps = pd.DataFrame(
        {
            "gap": [-1.0, -2.0, 1.0, 3.0],
            "severity": ["fit", "strain", "fit", "serious"],
            "direction": ["under", "under", "over", "over"],
            "words": ["little_much"] * 4,
        }
    )
    figure = plots.gap_bars(gaps, ["a", "b", "c", "d"], "title")
    colours = {trace.name: (trace.marker.color, list(trace.y)) for trace in figure.data}
    assert colours["fits (within ±1)"] == (plots.SEVERITY_COLOURS["fit"], ["a", "c"])  # −1 and +1 alike
    assert colours["strain (±2)"][1] == ["b"] and colours["serious (±3 or more)"][1] == ["d"]
    assert figure.layout.showlegend


def test_a_figure_update_leaves_the_kernel_before_the_app_goes_on(monkeypatch):
    """ipykernel sends from its I/O thread, which needs the GIL: FigurePanel.show waits until that
    thread has sent what was queued (the figure), so the app's feedback is computed after it left."""
    import IPython

    from helpers import figures

    order: list[str] = []

    class IOThread:  # like ipykernel's: runs what is scheduled, in order, on a thread of its own
        def schedule(self, function):
            threading.Timer(0.005, lambda: (order.append("sent"), function())).start()

    kernel_shell = SimpleNamespace(kernel=SimpleNamespace(iopub_thread=IOThread()))
    monkeypatch.setattr(IPython, "get_ipython", lambda: kernel_shell)
    panel = FigurePanel(plots.function_bars(pd.Series([1, 2, 3, 4]), list("abcd"), "t", "s"))
    panel.show(plots.function_bars(pd.Series([4, 3, 2, 1]), list("abcd"), "t", "s"))
    order.append("app goes on")
    assert order == ["sent", "app goes on"]
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)  # outside a kernel: nothing to wait for
    figures.send_now()


def test_radar_closes_each_profile_in_course_order_and_draws_an_unscored_function_at_the_centre():
    scored = pd.Series({"energieverzorging": 1.0, "doelverwerving": 3.0})  # two of four, out of order
    figure = plots.radar({"Ward": scored, "Ideal": pd.Series(2, index=list(PROFILE_IDS))}, list("abcd"), "t")
    assert list(figure.data[0].r) == [3.0, 0, 0, 1.0, 3.0] and list(figure.data[1].r) == [2, 2, 2, 2, 2]
    assert list(figure.data[0].theta) == ["a", "b", "c", "d", "a"]
    assert plots.summary(figure) == "Ward: a 3, b –, c –, d 1; Ideal: a 2, b 2, c 2, d 2"


def test_the_move_agreement_chart_names_its_colours_and_its_50_percent_line():
    agreement = pd.DataFrame({"agree_with_key": [0.2, 0.9, 0.5], "key": ["personal", "clinical", "personal"]})
    figure = plots.move_agreement_bars(agreement, "title")
    assert [trace.name for trace in figure.data] == ["key: personal", "key: clinical"]
    assert [a.text for a in figure.layout.annotations] == ["half the class"]
    assert list(figure.layout.xaxis.categoryarray) == ["0", "1", "2"]


# ---------------------------------------------------------------- the dashboard: a ward nobody scored (issue 10)


def test_dashboard_shows_a_ward_nobody_scored_as_its_reference_without_nan(tmp_path):
    from helpers.course_data import load_course
    from helpers.labels import names

    folder = tmp_path / "class"
    save_scoring("fox", "ward", "forensic", scores=dict.fromkeys(WARD_ITEMS, 2), folder=folder)
    app = widgets.class_dashboard(str(folder))
    app.ward.value = "acute_admission"
    figure, panel = app.panels[0].figure, app.panels[0]
    assert [trace.name for trace in figure.data] == ["Reference scoring"], "no empty box, no mean of nothing"
    table = names()
    assert list(figure.data[0].x) == [table[i] for i in WARD_ITEMS]
    reference = load_course().reference.set_index(["ward_id", "item_id"])["score"]
    assert list(figure.data[0].y) == [reference[("acute_admission", i)] for i in WARD_ITEMS]
    assert figure.layout.xaxis.type == "category" and list(figure.layout.xaxis.categoryarray) == list(figure.data[0].x)
    assert panel.text.startswith("No student scored this ward yet")
    assert "No student scored De Linde ward yet" in app.ward_table.value and "nan" not in app.ward_table.value
    for html_widget in find(app, w.HTML):
        assert "nan" not in html_widget.value.replace("nana", ""), html_widget.value[:200]
    # alpha with one student: no number, and why
    assert "no number: alpha needs scores of at least two students" in app.agreement_table.value
    assert "no number: alpha needs scores of at least two students" in app.panels[2].text
    assert "Loaded the work of 1 student from 1 file." in app.report.value
    app.ward.value = "forensic"
    assert [trace.name for trace in app.panels[0].figure.data] == ["Students", "Class mean", "Reference scoring"]
    assert app.panels[0].text.startswith("Scores of 1 student;")


def test_dashboard_in_dutch_counts_in_the_singular_and_says_nobody_scored(tmp_path):
    save_scoring("fox", "ward", "forensic", scores=dict.fromkeys(WARD_ITEMS, 2), folder=tmp_path)
    set_language("nl")
    app = widgets.class_dashboard(str(tmp_path))
    app.ward.value = "acute_admission"
    assert "Het werk van 1 student uit 1 bestand is geladen." in app.report.value
    assert app.panels[0].text.startswith("Nog geen student heeft deze afdeling gescoord")
    assert "geen getal: alfa vraagt scores van minstens twee studenten" in app.agreement_table.value


def test_dashboard_turns_any_failure_into_a_red_message(tmp_path, monkeypatch):
    from helpers import apps_class

    def broken(*_):
        raise RuntimeError("disk on fire")

    app = widgets.class_dashboard(str(tmp_path))
    monkeypatch.setattr(apps_class, "load_class", broken)
    app.load()
    assert "course-bad" in app.report.value and "RuntimeError: disk on fire" in app.report.value
    opened = widgets.class_dashboard(str(tmp_path))  # the first load too: the dashboard opens, empty
    assert "could not load" in opened.report.value and len(opened.panels) == 3


def test_dashboard_loads_when_enter_is_pressed_in_the_folder_box(tmp_path, monkeypatch):
    """The box sends its value on Enter (continuous_update off): a new value loads like the button."""
    from helpers.course_data import load_course

    make_demo_class(tmp_path / "small", load_course(), students=3, problem_files=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    app = widgets.class_dashboard()
    box = find(app, w.Text)[0]
    assert box.continuous_update is False, "typing must not load every keystroke"
    box.value = '"~/small"'  # what the browser sends when the lecturer presses Enter
    assert "Loaded the work of 3 students from 3 files." in app.report.value


# ---------------------------------------------------------------- resuming after a restart (issue 10)
# A fresh app object is what a restarted kernel gives: the dropdown on its first item, nothing committed.


def test_ward_scorer_resumes_on_the_ward_worked_on_last_with_its_committed_feedback(work_folder):
    app = widgets.ward_scorer()
    app.ward.value = "forensic"
    sliders = find(app, w.IntSlider)
    values = [3, 1, 2, 4, 0, 1, 2, 3, 4, 3, 2, 1, 1, 1, 1]
    for slider, value in zip(sliders, values, strict=True):
        slider.value = value
    button(app, "Commit").click()
    app.save_box.pseudonym.value = "fox"
    button(app, "Save my work").click()
    assert load_latest("fox", "ward", "forensic", folder=work_folder)["committed"] is True

    again = widgets.ward_scorer()  # the kernel restarted: the first ward, nothing committed
    assert again.ward.value != "forensic" and not again.committed
    again.save_box.pseudonym.value = "fox"
    assert "saved work here from" in again.save_box.status.value, "typing the pseudonym offers the work"
    button(again, "Load saved work").click()
    assert again.ward.value == "forensic" and again.committed
    assert [s.value for s in find(again, w.IntSlider)] == values
    assert [trace.name for trace in again.panel.figure.data] == ["Your scoring", "Reference scoring"]
    assert "Equilibrium from your scores" in again.feedback.value and "<table" in again.feedback.value
    assert "Loaded your work" in again.save_box.status.value


def test_ward_scorer_load_keeps_the_ward_the_student_picked_and_an_uncommitted_save_stays_uncommitted(work_folder):
    app = widgets.ward_scorer("forensic")
    app.save_box.pseudonym.value = "fox"
    button(app, "Save my work").click()  # forensic, not committed
    app.ward.value = "addiction"
    button(app, "Commit").click()
    button(app, "Save my work").click()  # addiction, committed: the newest

    picked = widgets.ward_scorer()
    picked.ward.value = "forensic"  # the student picks a ward themselves: Load loads that one
    picked.save_box.pseudonym.value = "fox"
    button(picked, "Commit").click()
    button(picked, "Load saved work").click()
    assert picked.ward.value == "forensic" and not picked.committed and picked.feedback.value == ""
    assert [trace.name for trace in picked.panel.figure.data] == ["Your scoring"]


def test_ward_scorer_loads_an_older_file_without_committed_as_before(work_folder):
    save_scoring("fox", "ward", "adolescent", scores=dict.fromkeys(WARD_ITEMS, 1), folder=work_folder)
    app = widgets.ward_scorer()
    app.save_box.pseudonym.value = "fox"
    button(app, "Load saved work").click()
    assert app.ward.value == "adolescent" and not app.committed
    assert [s.value for s in find(app, w.IntSlider)][:11] == [1] * 11


def test_vignette_scorer_resumes_on_the_vignette_worked_on_last_with_the_key(work_folder):
    course = load_course()
    moves = course.vignettes["sanne_fact"].moves
    app = widgets.vignette_scorer("mehmet_acute")
    app.vignette.value = "sanne_fact"
    toggles = find(app, w.ToggleButtons)
    for toggle, key in zip(toggles, moves["key"], strict=True):
        toggle.value = key
    button(app, "Commit").click()
    app.save_box.pseudonym.value = "fox"
    button(app, "Save my work").click()

    again = widgets.vignette_scorer("mehmet_acute")  # the lesson's cell after a restart
    again.save_box.pseudonym.value = "fox"
    button(again, "Load saved work").click()
    assert again.vignette.value == "sanne_fact" and again.committed
    assert [toggle.value for toggle in find(again, w.ToggleButtons)] == list(moves["key"])
    assert f"on {len(moves)} of {len(moves)} moves (100%)" in again.agreement.value
    assert all("Key:" in row.feedback.value for row in again.rows.values()), "the key per move"
    assert [trace.name for trace in again.panel.figure.data] == ["your tags", "key"]


def test_ward_redesign_resumes_on_the_ward_redesigned_last_with_its_feedback(work_folder):
    app = widgets.ward_redesign()
    app.ward.value = "forensic"
    before = [s.value for s in find(app, w.IntSlider)]
    find(app, w.IntSlider)[1].value = before[1] - 1 if before[1] > 0 else 1
    find(app, w.Textarea)[0].value = "Fewer rules."
    app.save_box.pseudonym.value = "fox"
    button(app, "Save my work").click()
    judgements = app.judgements_now.value, app.after_redesign.value, app.changes.value

    again = widgets.ward_redesign()
    assert again.ward.value != "forensic"
    again.save_box.pseudonym.value = "fox"
    button(again, "Load saved work").click()
    assert again.ward.value == "forensic"
    assert [s.value for s in find(again, w.IntSlider)] == [s.value for s in find(app, w.IntSlider)]
    assert (again.judgements_now.value, again.after_redesign.value, again.changes.value) == judgements
    assert "→" in judgements[2]
    assert find(again, w.Textarea)[0].value == "Fewer rules."


def test_a_failing_control_says_so_in_the_app_and_the_app_goes_on(work_folder, monkeypatch):
    app = widgets.ward_scorer("addiction")
    app._repr_mimebundle_()  # shown: its callbacks are guarded from now on
    guarded = app.commit._click_handlers.callbacks[0]
    monkeypatch.setattr(guarded, "callback", lambda button: 1 / 0)  # the Commit button's code fails
    app.commit.click()
    assert "ZeroDivisionError" in app.alert.value and "course-bad" in app.alert.value
    assert "run this cell again" in app.alert.value
    slider = next(iter(app.function_sliders.values()))
    slider.value = 3  # the next control that works clears the message
    assert app.alert.value == ""


def test_an_app_setting_several_controls_updates_once(work_folder):
    simulation = widgets.equilibrium_simulation()
    shown = []
    simulation.panel.show = lambda figure, **kwargs: shown.append(figure)
    simulation.apply("route_b")
    assert len(shown) == 1 and not simulation.quiet


def test_every_app_and_the_language_switch_can_be_shown():
    for widget in (widgets.language_switch(), widgets.ward_scorer(), widgets.class_dashboard()):
        bundle = widget._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle and bundle["text/plain"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_table_reports_fit_a_laptop_screen_with_the_file_browser_open(language):
    """About 105 characters of a cell's output fit at 1280×720 in JupyterLab with the file browser open."""
    set_language(language)
    for report in (widgets.needs_text(), widgets.fit_matrix_text()):
        table = report.split("\n\n")[0]  # the table; the prose after it wraps like prose
        assert max(len(line) for line in table.split("\n")) <= 100, table
    set_language("en")


def test_a_class_that_scored_one_ward_gets_no_per_item_alpha_and_is_told_why(tmp_path):
    from helpers.reports import class_agreement_text

    folder = tmp_path / "class"
    for offset, pseudonym in enumerate(["fox", "owl", "elk"]):
        scores = {item: (number + offset) % 5 for number, item in enumerate(WARD_ITEMS)}
        save_scoring(pseudonym, "ward", "forensic", scores=scores, folder=folder)
    report = class_agreement_text(str(folder))
    assert report.count("only one ward was scored on this item") == len(WARD_ITEMS)
    app = widgets.class_dashboard(str(folder))
    assert app.agreement_table.value.count("only one ward was scored") == len(WARD_ITEMS)
    set_language("nl")
    assert "maar één afdeling gescoord" in class_agreement_text(str(folder))


def test_heat_map_summary_names_no_ward_for_a_group_it_does_not_admit():
    """De Spiegel's profile is closest to adolescents in crisis; the summary a screen reader hears must not
    offer that placement (issue 27): its closest group is chosen among the groups a ward could admit."""
    summary = widgets.fit_heatmap().panel.summary
    assert "De Spiegel ward → Adults with a personality disorder" in summary
    assert "→ Adolescents in crisis (aged 14–18);" not in summary.split("De Sprong ward")[0]
    assert "Het Bolwerk ward → Forensic patients with aggression problems" in summary
    assert "also where a ward is no setting for a group" in summary


def printed_fit_matrix() -> tuple[list[str], list[str], list[list[str]]]:
    """Lesson 04's printed table (``fit_matrix_text``) read back: client groups (its numbered columns),
    wards (its rows) and each cell's text."""
    lines = widgets.fit_matrix_text().split("\n")[1:]
    groups = [line.split(". ", 1)[1] for line in lines if line.startswith("  ") and ". " in line]
    rows = lines[len(groups) + 1 :]
    wards = [row[: -6 * len(groups)].rstrip() for row in rows]
    cells = [[row[-6 * len(groups) :][6 * i : 6 * i + 6].strip() for i in range(len(groups))] for row in rows]
    return groups, wards, cells


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_fit_heat_map_and_the_printed_matrix_agree_cell_by_cell(language):
    """Issue 28: lesson 04's heat map sorted wards and groups by id where the printed table kept the course's
    order, and wrote 0.25 as "0.3" where the table said 0.25. Now: the same rows and columns in the same
    order, each cell the same text (two decimals, the language's decimal sign)."""
    set_language(language)
    heatmap = widgets.fit_heatmap().panel.figure.data[0]
    groups, wards, cells = printed_fit_matrix()
    assert list(heatmap.x) == groups and list(heatmap.y) == wards
    assert [list(row) for row in heatmap.text] == cells
    course = load_course()
    matrix = model.fit_matrix(
        model.all_profiles(course.reference), course.needs, course.wards.index, course.client_groups.index
    )
    assert heatmap.z.tolist() == matrix.to_numpy().tolist()  # the colours come from the numbers printed
    assert [[plots.fit_value(v) for v in row] for row in matrix.to_numpy()] == cells
    assert heatmap.texttemplate == "%{text}"
    decimals = [cell for row in cells for cell in row]
    assert all(("," in c) == (language == "nl") and ("." in c) == (language == "en") for c in decimals), decimals
    assert any(c.endswith(("25", "75")) for c in decimals), "a quarter step in the data, shown whole"
    set_language("en")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_fit_heat_map_hover_speaks_in_words_in_the_interface_language(language):
    """Not plotly's "x: … y: … z: …": the ward, the client group and the mean gap as the cell writes it."""
    set_language(language)
    hover = widgets.fit_heatmap().panel.figure.data[0].hovertemplate
    assert not any(raw in hover for raw in ("x:", "y:", "z:")), hover
    assert "%{y}" in hover and "%{x}" in hover and "%{text}" in hover and "%{z" not in hover
    assert (" for " in hover and "mean gap" in hover) if language == "en" else ("voor" in hover and "verschil" in hover)
    set_language("en")


def test_a_quarter_step_is_written_the_same_in_the_heat_map_and_the_table():
    """0.25 and 0.75 (a mean of whole steps over four functions) printed as they are, never rounded to one
    decimal in one place and two in the other; in Dutch with a decimal comma."""
    matrix = pd.DataFrame([[0.25, 0.75], [1 / 3, float("nan")]], index=["w", "v"], columns=["g", "h"])
    names = {"w": "W", "v": "V", "g": "G", "h": "H"}
    figure = plots.fit_heatmap(matrix, names, "fit")
    assert [list(row) for row in figure.data[0].text] == [["0.25", "0.75"], ["0.33", "–"]]
    set_language("nl")
    dutch = plots.fit_heatmap(matrix, names, "fit").data[0].text
    assert [list(row) for row in dutch] == [["0,25", "0,75"], ["0,33", "–"]]
    assert plots.fit_value(0.25) == "0,25"
    set_language("en")


def test_the_fit_matrix_keeps_the_order_it_is_given():
    profiles = pd.DataFrame([[2, 2, 2, 2], [1, 1, 1, 1]], index=["b", "a"], columns=list(PROFILE_IDS))
    needs = pd.DataFrame(
        {"client_group_id": ["y"] * 4 + ["x"] * 4, "function_id": list(PROFILE_IDS) * 2, "need": [2] * 4 + [1] * 4}
    )
    assert list(model.fit_matrix(profiles, needs).columns) == ["x", "y"]  # without an order: sorted by id
    ordered = model.fit_matrix(profiles, needs, ["a", "b"], ["y", "x"])
    assert list(ordered.index) == ["a", "b"] and list(ordered.columns) == ["y", "x"]
    assert ordered.loc["a", "x"] == 0 and ordered.loc["b", "x"] == 1


def test_the_dashboard_reads_the_class_written_work_by_kind_and_ward(tmp_path):
    """Issue 28: reflections, rewrites, redesigns and ideal wards were saved but never shown."""
    from helpers.student_work import save_scoring

    save_scoring(
        "fox", "redesign", "forensic", scores={"grensbepaling": 0}, text={"reflect_staff": "Less <b>"}, folder=tmp_path
    )
    save_scoring("owl", "redesign", "acute_admission", scores={"grensbepaling": 0}, folder=tmp_path)
    save_scoring("bee", "vignette", "mehmet_acute", text={"rewrite_3": "Ask him."}, folder=tmp_path)
    app = widgets.class_dashboard(str(tmp_path))
    assert app.tabs.titles == ("Wards", "Vignettes", "Item analysis", "Written work")
    assert "Written work to read on the tab ‘Written work’: 2 redesigns, 1 rewritten move." in app.report.value
    assert [value for _, value in app.reading_item.options] == ["", "acute_admission", "forensic"]
    assert "Less &lt;b&gt;" in app.reading.value and "owl — redesign" in app.reading.value
    app.reading_item.value = "forensic"
    assert "fox — redesign" in app.reading.value and "owl" not in app.reading.value
    assert "download='redesign_forensic.html'" in app.print_link.value
    app.reading_kind.value = "rewrite"
    assert [value for _, value in app.reading_item.options] == ["", "mehmet_acute"]
    assert "Ask him." in app.reading.value and "fox" not in app.reading.value
    find(app, w.Text)[0].value = str(tmp_path / "nothing_here")  # another class: its own work, nothing left over
    assert "Ask him." not in app.reading.value and "No student has handed in" in app.reading.value


# ---------------------------------------------------------------- quiz and sorter answers are kept (issue 29)


@pytest.mark.parametrize(
    ("factory", "kind", "item"),
    [("function_quiz", "quiz", "quiz_situations"), ("perspective_sorter", "sorter", "sorter_statements")],
)
def test_quiz_answers_are_saved_first_try_and_last_and_come_back_on_load(work_folder, factory, kind, item):
    """Lessons 02 and 05: Save keeps the option checked first per item (before the key) and the last where
    the student changed it; Load in a fresh app (a restarted kernel) brings the answers, the feedback,
    the chart and the score back, and opens on the first item not answered."""
    app = getattr(widgets, factory)()
    box = find(app, SaveBox)[0]
    box.pseudonym.value = "fox"
    button(app, "Save my work").click()
    assert "Nothing to save yet" in box.status.value and not (work_folder / "fox.json").exists()
    key = app.items[app.key_column]
    wrong = {i: next(o for o in app.options if o != key[i]) for i in app.ids}
    choice, check, following = find(app, w.RadioButtons)[0], button(app, "Check"), button(app, "Next")
    choice.value = wrong[app.ids[0]]
    check.click()
    choice.value = key[app.ids[0]]  # a second try, after the key was shown
    check.click()
    following.click()
    choice.value = key[app.ids[1]]
    check.click()
    button(app, "Save my work").click()
    assert "Saved to" in box.status.value
    saved = load_latest("fox", kind, item)
    assert saved["answers"] == {app.ids[0]: wrong[app.ids[0]], app.ids[1]: key[app.ids[1]]}
    assert saved["later_answers"] == {app.ids[0]: key[app.ids[0]]}

    again = getattr(widgets, factory)()
    loading = find(again, SaveBox)[0]
    loading.pseudonym.value = "fox"
    assert "saved work here from" in loading.status.value
    button(again, "Load saved work").click()
    assert "Loaded your work" in loading.status.value
    assert again.first == saved["answers"] and again.answers[app.ids[0]] == key[app.ids[0]]
    assert again.position == 2 and find(again, w.RadioButtons)[0].value is None
    assert "2 right, 0 wrong" in find(again, FigurePanel)[0].text
    button(again, "Previous").click()
    assert "Correct" in again.feedback.value


def test_saved_answers_the_quiz_no_longer_has_are_said_and_left_out(work_folder):
    save_scoring("fox", "sorter", "sorter_statements", answers={"s01": "clinical", "s99": "personal", "s02": "x"})
    app = widgets.perspective_sorter()
    app.save_box.pseudonym.value = "fox"
    app.save_box.load()
    assert app.answers == {"s01": "clinical"}
    assert "s99: personal; s02: x" in app.result.value and "left out" in app.result.value


def test_the_dashboard_says_when_it_shows_the_demo_class_and_stops_once_a_class_is_loaded(tmp_path):
    """Issue 28: the dashboard says what it is looking at; the demo class's numbers never pass for a class's."""

    app = widgets.class_dashboard()
    assert "This is the fictional demo class" in app.report.value and "press Load" in app.report.value
    make_demo_class(tmp_path / "ours", load_course(), students=3, problem_files=False)
    find(app, w.Text)[0].value = str(tmp_path / "ours")
    assert "demo class" not in app.report.value and "Loaded the work of 3 students" in app.report.value
    find(app, w.Text)[0].value = f'"{load_course().folder / "class_demo"}"'  # pasted with quotes: still the demo
    assert "This is the fictional demo class" in app.report.value
