"""The static form of each app (helpers/static.py): the worked example, the figures and the case material."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import pytest

from helpers import set_language, widgets
from helpers.course_data import load_course
from helpers.figures import figure_html
from helpers.static import show_static, static_html


@pytest.fixture(autouse=True)
def english(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_WORK_DIR", str(tmp_path))
    set_language("en")
    yield
    set_language("en")


def figures(page: str) -> list[dict]:
    return [json.loads(spec.replace("<\\/", "</")) for spec in re.findall(r'application/json">(.*?)</script>', page)]


def test_a_figure_block_holds_the_plotly_json_and_cannot_end_its_script_early():
    page = figure_html(go.Figure(go.Bar(x=["</script><b>x"], y=[1]), layout={"title": {"text": "T"}}))
    assert page.count("</script>") == 1
    assert figures(page)[0]["data"][0]["x"] == ["</script><b>x"]


def test_the_ward_scorer_shows_the_reference_committed_with_the_anchors_and_every_wards_observations():
    course = load_course()
    page = static_html(widgets.ward_scorer("acute_admission"))
    drawn = figures(page)
    assert len(drawn) == 2 and [trace["name"] for trace in drawn[0]["data"]] == ["Reference scoring"], (
        "the radar shows the reference, labelled as the reference"
    )
    assert drawn[0]["data"][0]["r"] == [1, 4, 3, 1, 1], "De Linde's reference profile, closed"
    assert "Equilibrium from the reference" in page and "Zingeving from the reference" in page
    assert page.count("less healthy equilibrium") == 1, "De Linde's verdict, once: the reference's"
    assert "The worked example: the reference scoring of De Linde ward" in page
    for ward in course.wards["name_en"]:
        assert f"<summary>{ward}</summary>" in page
    assert "What the scores of the profile mean" in page and "Everything revolves around goals" in page
    assert "<button" not in page and "Save my work" not in page, "controls that only act are left out"


@pytest.mark.parametrize(
    "language, reader",
    [
        ("en", ("Your scoring", "<th>You</th>", "Your reason", "from your scores", "write one sentence")),
        ("nl", ("Jouw scoring", "<th>Jij</th>", "Jouw reden", "volgens jouw scores", "Schrijf onder elke")),
    ],
)
def test_the_worked_example_of_the_ward_scorer_is_labelled_as_the_reference_not_as_the_readers_scoring(
    language, reader
):
    """Issue 28: the static site showed the reference under "Your scoring" / "You" (Dutch "Jouw scoring")."""
    set_language(language)
    page = static_html(widgets.ward_scorer("acute_admission"))
    assert [phrase for phrase in reader if phrase in page] == []
    labels = {"en": ("Reference scoring", "Worked example"), "nl": ("Referentiescoring", "Uitgewerkt voorbeeld")}
    assert all(label in page for label in labels[language])


def test_the_live_ward_scorer_still_sets_the_students_scoring_beside_the_reference():
    scorer = widgets.ward_scorer("acute_admission")
    scorer.on_commit()
    assert [trace.name for trace in scorer.panel.figure.data] == ["Your scoring", "Reference scoring"]
    assert "<th>You</th>" in scorer.feedback.value and "Equilibrium from your scores" in scorer.feedback.value


def test_a_quiz_lists_every_item_with_its_answer_folded():
    course = load_course()
    page = static_html(widgets.function_quiz())
    assert page.count("<li><p>") == len(course.quiz)
    assert page.count("<details><summary>Answer</summary>") == len(course.quiz)
    assert "Question 1 of" not in page, "not the one-item-at-a-time view"


@pytest.mark.parametrize(
    "app, key, title",
    [
        ("function_quiz", "function_id", "The key: situations per function"),
        ("perspective_sorter", "perspective", "The key: statements per perspective"),
    ],
)
def test_the_quiz_and_the_sorter_show_their_chart_in_the_worked_state_titled_as_the_key(app, key, title):
    """Issue 28: lessons 02 and 05 had no figure on the site although their live apps draw one."""
    quiz = getattr(widgets, app)()
    [chart] = figures(static_html(quiz))
    assert chart["layout"]["title"]["text"] == title, "the key, not 'your answers'"
    [right] = chart["data"]  # every item answered as the key has it: no wrong or open bars
    assert right["y"] == quiz.items[key].value_counts().reindex(list(quiz.options)).tolist()
    assert "Your answers" not in static_html(quiz)


def test_the_vignette_scorer_shows_the_worked_keys_chart_and_every_vignette_with_keys_folded():
    course = load_course()
    page = static_html(widgets.vignette_scorer())
    assert len(figures(page)) == 1
    moves = sum(len(v.moves) for v in course.vignettes.values())
    assert page.count("<details><summary>Key</summary>") == moves
    for vignette in course.vignettes.values():
        assert vignette.title_en in page


def test_the_dashboard_and_the_simulation_show_their_figures_and_the_language_switch_says_what_it_is():
    assert len(figures(static_html(widgets.class_dashboard()))) == 3
    simulation = static_html(widgets.equilibrium_simulation())
    assert "under strain" in simulation, "the worked example: route a"
    assert static_html(widgets.language_switch()).startswith("<p>")
    assert show_static("not a widget").data == ""


def test_the_static_form_speaks_the_lessons_language():
    set_language("nl")
    page = static_html(widgets.ward_scorer("acute_admission"))
    assert "Evenwicht volgens de referentie" in page and "Dit is een statische pagina" in page
    assert "Equilibrium from" not in page


@pytest.mark.parametrize(
    "content, problem",
    [
        ('{"live_url": "hub/{path}"}', "field live_url is 'hub/{path}'"),
        ('{"live_url": "https://hub/{notebook}"}', "field live_url is 'https://hub/{notebook}'"),
        ('{"live": ""}', "allowed is one object with the field live_url"),
        ('{"live_url": "https://hub/{path}"', "not a UTF-8 JSON file"),
    ],
)
def test_a_wrong_site_configuration_stops_the_build_naming_file_field_and_value(tmp_path, content, problem):
    import build_site

    config = tmp_path / "site.json"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit, match=re.escape(problem)) as stopped:
        build_site.site_config(config)
    assert str(config) in str(stopped.value)


@pytest.mark.parametrize(
    "row, problem",
    [
        ("3,Over.,About.", "line 10: a lesson given twice; field 'lesson'; found '03'"),  # 3 from a sheet is 03
        ("x1,Over.,About.", "line 10: not a lesson number; field 'lesson'; found 'x1'"),
        ("08,Over.,", "line 10: empty text; field 'purpose_en'"),
        ("08,Over.,About.", "line 10: a lesson the course does not have; field 'lesson'; found '08'"),
    ],
)
def test_a_wrong_lessons_file_stops_the_build_naming_file_line_field_and_value(tmp_path, row, problem):
    import build_site

    path = tmp_path / "lessons.csv"
    path.write_text(build_site.PURPOSES.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        build_site.add_purposes(build_site.lessons("en"), build_site.lesson_purposes(path), path)
    assert str(path) in str(stopped.value) and problem in str(stopped.value), str(stopped.value)


def test_every_lesson_has_its_line_on_the_index_in_both_languages():
    import build_site

    purposes = build_site.lesson_purposes()
    for language in ("en", "nl"):
        pages = build_site.lessons(language)
        build_site.add_purposes(pages, purposes)
        assert all(lesson.purpose for lesson in pages if not lesson.lecturer)
    missing = {number: row for number, row in purposes.items() if number != "05"}
    with pytest.raises(SystemExit, match=re.escape("no line for lesson 05 (05_two_views_of_recovery.ipynb)")):
        build_site.add_purposes(build_site.lessons("en"), missing)


def test_the_site_configuration_gives_the_live_address_of_each_lesson(tmp_path):
    import build_site

    config = tmp_path / "site.json"
    config.write_text('{"live_url": "https://hub.example.org/lab/tree/{path}"}', encoding="utf-8")
    assert build_site.site_config(config) == {"live_url": "https://hub.example.org/lab/tree/{path}"}
    assert build_site.site_config(tmp_path / "missing.json") == {}


@pytest.mark.parametrize(
    "app, figures_at_least, folded_at_least",
    [
        ("class_dashboard", 3, 0),
        ("equilibrium_simulation", 1, 0),
        ("fit_explorer", 2, 0),
        ("fit_heatmap", 1, 0),
        ("function_quiz", 1, 7),
        ("perspective_sorter", 1, 8),
        ("setup_check", 1, 0),
        ("vignette_scorer", 1, 20),
        ("ward_redesign", 1, 0),
        ("ward_scorer", 2, 1),
    ],
)
def test_every_app_has_a_static_form_with_its_figures_or_its_material(app, figures_at_least, folded_at_least):
    page = static_html(getattr(widgets, app)())
    assert len(figures(page)) >= figures_at_least
    assert page.count("<details") >= folded_at_least
    assert "<script" not in page.replace('<script type="application/json">', "")
