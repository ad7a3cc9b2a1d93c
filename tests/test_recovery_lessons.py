"""Lessons 05–07 and the vignettes: the summary says what the key shows, and the numbers the prose
states are the data's, so a lecturer's edit to a vignette cannot leave a lesson silently wrong."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from helpers import model, set_language, widgets
from helpers.course_data import load_course
from helpers.text import t
from tests.conftest import ROOT

COURSE = load_course()
VIGNETTES = sorted(COURSE.vignettes)


def setter_counts(vignette_id: str) -> tuple[int, int]:
    counts = model.dimension_counts(COURSE.vignettes[vignette_id].moves["dimension"], COURSE.dimensions)
    return int(counts["own_direction"]), int(counts["topdown_goals"])


# ---------------------------------------------------------------- who sets the goals (issue 27, point 5)


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("vignette_id", VIGNETTES)
def test_every_vignette_summary_says_mixed_when_it_is_mixed(vignette_id, language):
    """As many own-direction moves as top-down goals is *mixed*, never "together" (samen): in Dutch
    mental-health care "samen beslissen" is a practice of its own, and these are the vignettes where
    the person's goal is overruled."""
    set_language(language)
    own, top_down = setter_counts(vignette_id)
    expected = "person" if own > top_down else "professionals" if top_down > own else "mixed" if own else "none"
    report = widgets.vignette_summary_text(vignette_id)
    assert t(f"goal_setter_{expected}") in report.splitlines()[0]
    assert "together" not in report and "samen" not in report
    if expected == "mixed":
        assert ("mixed" if language == "en" else "gemengd") in report


def test_the_vignettes_where_the_persons_goal_is_overruled_read_mixed():
    summaries = {v: model.orientation_summary(COURSE.vignettes[v].moves, COURSE.dimensions) for v in VIGNETTES}
    mixed = [v for v, summary in summaries.items() if summary["goal_setter"] == "mixed"]
    assert {"henk_longstay", "lotte_young_adult", "ricardo_addiction", "sanne_fact"} <= set(mixed)


SPEAKS = {"en": (" says", " tells"), "nl": (" zegt",)}
WHO_DECIDES = {"en": ("decides", "chooses", "chose", "initiative"), "nl": ("beslist", "kiest", "koos", "initiatief")}


@pytest.mark.parametrize("vignette_id", VIGNETTES)
def test_a_move_in_which_the_client_speaks_is_keyed_by_who_decides(vignette_id):
    """The course keys a move by who sets the goal or the measure, not by its topic (lesson 05). A client
    saying something is not yet a decision: the reason of such a move must say who decides."""
    for number, move in COURSE.vignettes[vignette_id].moves.iterrows():
        for language in ("en", "nl"):
            speaks = any(word in move[f"text_{language}"] for word in SPEAKS[language])
            if move["actor_en"] == "client" and speaks:
                reason = move[f"reason_{language}"]
                assert any(word in reason for word in WHO_DECIDES[language]), (number, language, reason)


# ---------------------------------------------------------------- numbers in the prose (issue 27, point 7)

WORDS = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen",
    "nl": "nul één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien",
}
LESSONS = {
    "05": {"en": "notebooks/05_two_views_of_recovery.ipynb", "nl": "notebooks/nl/05_twee_kijken_op_herstel.ipynb"},
    "06": {"en": "notebooks/06_case_vignettes.ipynb", "nl": "notebooks/nl/06_casussen.ipynb"},
    "07": {
        "en": "notebooks/07_social_worker_in_the_split.ipynb",
        "nl": "notebooks/nl/07_sociaal_werker_in_spagaat.ipynb",
    },
}


def word(n: int, language: str) -> str:
    return WORDS[language].split()[n]


def prose(lesson: str, language: str) -> str:
    """The lesson's markdown, its line breaks read as spaces."""
    notebook = nbformat.read(ROOT / LESSONS[lesson][language], as_version=4)
    return " ".join(" ".join(c.source.split()) for c in notebook.cells if c.cell_type == "markdown")


def summary(vignette_id: str) -> dict:
    return model.orientation_summary(COURSE.vignettes[vignette_id].moves, COURSE.dimensions)


LESSON_06 = {
    "en": {
        "mehmet": "{personal} of Mehmet's {moves} moves ({percent}%)",
        "henk": 'Henk\'s vignette has a personal share of {percent}%, and who sets the goals is "{setter}"',
        "extremes": "Ineke's vignette is the most recovery-oriented ({personal} of {moves} moves personal;",
        "least": "Mehmet's is the least ({personal} of {moves};",
        "count": "Compare the {vignettes} vignettes",
        "cases": "you read {vignettes} fictional cases",
        "dimensions": "which of the {dimensions} dimensions",
        "setters": {"mixed": "mixed"},
    },
    "nl": {
        "mehmet": "{personal} van Mehmets {moves} handelingen ({percent}%)",
        "henk": 'De casus van Henk heeft een aandeel persoonlijk van {percent}%, en wie de doelen stelt, is "{setter}"',
        "extremes": "Ineke is het meest herstelgericht ({personal} van de {moves} handelingen persoonlijk;",
        "least": "die van Mehmet het minst ({personal} van de {moves};",
        "count": "Vergelijk de {vignettes} casussen",
        "cases": "lees je {vignettes} fictieve casussen",
        "dimensions": "welke van de {dimensions} dimensies",
        "setters": {"mixed": "gemengd"},
    },
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_lesson_06_states_the_vignettes_own_numbers(language):
    text, say = prose("06", language), LESSON_06[language]
    mehmet, henk, ineke = summary("mehmet_acute"), summary("henk_longstay"), summary("ineke_sheltered")
    for key, numbers in (("mehmet", mehmet), ("least", mehmet), ("extremes", ineke)):
        personal = word(numbers["personal"], language)
        expected = say[key].format(
            personal=personal, moves=word(numbers["moves"], language), percent=numbers["personal_percent"]
        )
        assert expected.lower() in text.lower(), expected
    setter = say["setters"][henk["goal_setter"]]
    assert say["henk"].format(percent=henk["personal_percent"], setter=setter) in text
    shares = {v: summary(v)["personal_share"] for v in VIGNETTES}
    assert max(shares, key=shares.get) == "ineke_sheltered" and min(shares, key=shares.get) == "mehmet_acute"
    for key in ("count", "cases"):
        assert say[key].format(vignettes=word(len(VIGNETTES), language)) in text
    assert say["dimensions"].format(dimensions=word(len(COURSE.dimensions), language)) in text


MOVE_CLAIM = {
    "en": r"\*\*(\w+), move (\d+)\*\* — .*?The key says \*\*(personal|clinical) \(([^)]+)\)\*\*",
    "nl": r"\*\*(\w+), handeling (\d+)\*\* — .*?De sleutel zegt \*\*(persoonlijk|klinisch) \(([^)]+)\)\*\*",
}
ORIENTATION = {"personal": "personal", "clinical": "clinical", "persoonlijk": "personal", "klinisch": "clinical"}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_lesson_06_answers_quote_the_key_of_each_move_they_name(language):
    set_language(language)
    text = prose("06", language)
    claims = re.findall(MOVE_CLAIM[language], text, flags=re.IGNORECASE)
    assert len(claims) == 5
    first_names = {v.split("_")[0]: v for v in VIGNETTES}
    for name, number, orientation, dimension in claims:
        move = COURSE.vignettes[first_names[name.lower()]].moves.loc[int(number)]
        named = [d for d, row in COURSE.dimensions.iterrows() if dimension.lower() in row["name_" + language].lower()]
        assert (move["key"], [move["dimension"]]) == (ORIENTATION[orientation], named), (name, number)


LESSON_05 = {
    "en": [
        "sort {statements} statements into personal or clinical",
        "The sorter shows {statements} short statements",
        "when you have answered all {statements} you see your score",
        "## 3. The {dimensions} recovery dimensions",
        "splits them into {dimensions} **dimensions**: {personal} personal ones",
        "and {clinical} clinical ones",
        "The sorter's key is balanced: {half} statements of each perspective, spread over all {dimensions} dimensions",
        "applies the two views to {vignettes} case vignettes",
    ],
    "nl": [
        "sorteer je {statements} uitspraken als persoonlijk of klinisch",
        "De sorteeroefening toont {statements} korte uitspraken",
        "als je alle {statements} hebt beantwoord, zie je je score",
        "## 3. De {dimensions} hersteldimensies",
        "splitst de cursus ze op in {dimensions} **dimensies**: {personal} persoonlijke",
        "en {clinical} klinische",
        "De sleutel van de sorteeroefening is in balans: {half} uitspraken per perspectief, verdeeld over alle "
        "{dimensions} dimensies",
        "past de twee kijken toe op {vignettes} casussen",
    ],
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_lesson_05_states_the_sorters_and_the_dimensions_own_numbers(language):
    """The counts lesson 05 writes out are the data's: the sorter's statements (and its balance), the
    dimensions per perspective and the vignettes of lesson 06."""
    statements, dimensions = COURSE.statements, COURSE.dimensions
    per_key = statements["perspective"].value_counts()
    per_perspective = dimensions["perspective"].value_counts()
    assert per_key.nunique() == 1, "the lesson calls the sorter's key balanced"
    assert set(statements["dimension_id"]) == set(dimensions.index), "the lesson says: spread over all dimensions"
    numbers = {
        "statements": len(statements),
        "half": int(per_key.iloc[0]),
        "dimensions": len(dimensions),
        "personal": int(per_perspective["personal"]),
        "clinical": int(per_perspective["clinical"]),
        "vignettes": len(VIGNETTES),
    }
    words = {name: word(value, language) for name, value in numbers.items()}
    text = prose("05", language)
    for sentence in LESSON_05[language]:
        assert sentence.format(**words) in text, sentence.format(**words)


# ---------------------------------------------------------------- lesson 07: the redesigns' numbers

REDESIGN_BLOCK = {"en": "one possible redesign of {ward}", "nl": "een mogelijk herontwerp van {ward}"}
CONDITION_WORDS = {
    "en": {"goal shared": "goal_shared", "structure respected": "structure_respected"},
    "nl": {"doel gedeeld": "goal_shared", "structuur gerespecteerd": "structure_respected"},
}
FUNCTION_STEP = r"\*\*(doelverwerving|grensbepaling|structurering|energieverzorging) (\d) → (\d)"


def redesign_answer(language: str, ward: str) -> str:
    """The <details> block of lesson 07 with the answer for ``ward`` (De Boomgaard, De Linde)."""
    text = prose("07", language)
    start = text.index(REDESIGN_BLOCK[language].format(ward=ward))
    return text[start : text.index("</details>", start)]


def ward_now(ward_id: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    group = COURSE.wards.at[ward_id, "client_group_id"]
    return (
        model.ward_profile(COURSE.reference, ward_id),
        model.ward_conditions(COURSE.reference, ward_id),
        model.group_needs(COURSE.needs, group),
    )


@pytest.mark.parametrize("language", ["en", "nl"])
def test_lesson_07_reads_de_boomgaard_from_its_reference_scoring(language):
    profile, conditions, _ = ward_now("long_stay_rehab")
    text = prose("07", language)
    says = {
        "en": ("*Doelverwerving* is at its maximum ({score})", "*goal shared* is only {shared}"),
        "nl": ("*Doelverwerving* staat op het maximum ({score})", "*doel gedeeld* maar op {shared}"),
    }[language]
    assert profile["doelverwerving"] == 4, "the lesson calls it the maximum"
    assert says[0].format(score=profile["doelverwerving"]) in text
    assert says[1].format(shared=conditions["goal_shared"]) in text
    zingeving = model.ward_zingeving(COURSE.reference, "long_stay_rehab")
    level = model.zingeving_reading(zingeving, conditions, profile).level
    set_language(language)
    assert f"zingeving {'is' if language == 'en' else 'van de afdeling is'} {t('zingeving_' + level)}" in text


@pytest.mark.parametrize("language", ["en", "nl"])
def test_lesson_07_redesign_of_de_boomgaard_starts_from_the_ward_and_fits_its_group(language):
    """Every "a → b" in the answer starts at the reference score, and the redesign does what the answer
    says: it fits the group and its equilibrium turns healthy."""
    profile, conditions, need = ward_now("long_stay_rehab")
    answer = redesign_answer(language, "De Boomgaard")
    steps = re.findall(FUNCTION_STEP, answer)
    assert {function for function, _, _ in steps} == set(profile.index)
    redesign = profile.copy()
    for function, before, after in steps:
        assert int(before) == profile[function], function
        redesign[function] = int(after)
    assert need["doelverwerving"] == redesign["doelverwerving"] == 2, "the answer: this group needs about 2"
    improved = conditions.copy()
    for words, condition in CONDITION_WORDS[language].items():
        before, after = re.search(rf"\*{words}\* (\d) → (\d)", answer).groups()
        assert int(before) == conditions[condition], condition
        improved[condition] = int(after)
    gaps = model.fit_gaps(redesign, need)
    assert model.fit_level(gaps).level == "fits"
    assert model.equilibrium_verdict(improved, gaps).level == "healthy"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_lesson_07_redesign_of_de_linde_starts_from_the_ward_and_fits_its_group(language):
    profile, _, need = ward_now("acute_admission")
    answer = redesign_answer(language, "De Linde")
    for function, before, after in re.findall(FUNCTION_STEP, answer):
        assert int(before) == profile[function], function
        assert abs(int(after) - need[function]) <= 1, f"{function} {after} fits a need of {need[function]}"
    assert need["grensbepaling"] == need["structurering"] == 3, "the answer: the fit model asks for 3 on both"
    looser = profile.copy()
    looser["grensbepaling"] = 1
    assert model.fit_gaps(looser, need).loc["grensbepaling", ["severity", "direction"]].tolist() == ["strain", "under"]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_lesson_07_counts_mehmets_personal_moves_as_the_key_does(language):
    personal = word(summary("mehmet_acute")["personal"], language)
    sentence = {"en": "even on Mehmet's acute ward {n} move", "nl": "acute afdeling van Mehmet is {n} handeling"}
    assert sentence[language].format(n=personal) in prose("07", language)
