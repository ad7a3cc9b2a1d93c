"""The lecturer guide (lecturer/guide.md, lecturer/handleiding.md) and the assignments' private keys
(lecturer/keys/): what the guide quotes from the course data is what the data says, the two languages are
in step, the keys are read by the course's own loader and model, and nothing of them is shipped or put on
the static site."""

from __future__ import annotations

import html
import os
import re
import stat
import sys
import tomllib

import pandas as pd
import pytest

from helpers import model
from helpers.course_data import load_course
from helpers.vignettes import load_vignette
from helpers.vocabulary import PROFILE_IDS, ZINGEVING_IDS
from tests.conftest import ROOT

GUIDES = {"en": ROOT / "lecturer" / "guide.md", "nl": ROOT / "lecturer" / "handleiding.md"}
KEYS = ROOT / "lecturer" / "keys"
# what the student may see: the handouts are given out when an assignment starts; the rest is the key
HANDOUTS = {"a1_ward_case.md", "a2_vignette_case.md"}


def text_of(page: str) -> str:
    """A page's words: tags left out, entities read, markdown's emphasis and table bars dropped, spaces joined."""
    words = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return " ".join(re.sub(r"[*_|`#]", " ", words).split())


def key_sentences() -> list[str]:
    """Sentences of 40 characters or more from every private file that is not a student handout: if one of
    them is on a page, the key is."""
    found = []
    for path in sorted(p for p in KEYS.rglob("*") if p.is_file() and p.name not in HANDOUTS | {"README.md"}):
        for line in path.read_text(encoding="utf-8").splitlines():
            if path.suffix == ".txt" and line.startswith("#"):  # a vignette's comments say only "fictional"
                continue
            line = re.sub(r"^(reason|text)_(en|nl): ", "", line)
            for sentence in re.split(r"(?<=[.:;])\s+|\|", text_of(line)):
                if len(sentence.strip()) >= 40:
                    found.append(sentence.strip())
    return found


def table_rows(text: str, heading: str) -> list[list[str]]:
    """The rows of the first table after ``heading`` (a line that starts with it), cells stripped."""
    start = next(n for n, line in enumerate(text.splitlines()) if line.startswith(heading))
    rows = []
    for line in text.splitlines()[start + 1 :]:
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not set("".join(cells)) <= set("-: "):
                rows.append(cells)
        elif rows:
            break
    return rows[1:]  # the header row left out


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_guide_covers_every_lesson_and_keeps_step_with_its_twin(language):
    text = GUIDES[language].read_text(encoding="utf-8")
    for number in ("00", "01", "02", "03", "04", "05", "06", "07"):
        assert re.search(rf"^### (Lesson|Les) {number} ", text, re.M), f"lesson {number} has a section"
    other = GUIDES["nl" if language == "en" else "en"].read_text(encoding="utf-8")
    for pattern in (r"^## ", r"^### ", r"^\| "):
        assert len(re.findall(pattern, text, re.M)) == len(re.findall(pattern, other, re.M)), pattern
    assert "Waterkant" not in text and "Noor" not in text, "the guide does not give away the case material"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_study_load_adds_up_and_follows_the_lessons_times(language):
    text = GUIDES[language].read_text(encoding="utf-8")
    heading = "## 5. Study load" if language == "en" else "## 5. Studielast"
    rows = table_rows(text, heading)
    hours = [float(row[1].strip("*").replace(",", ".").split()[0]) for row in rows]
    assert sum(hours[:-1]) == hours[-1] == 56 and "(2 EC)" in rows[-1][1], "56 hours, 28 per EC"
    per_lesson = dict(re.findall(r"(0\d): (\d+(?:[.,]\d+)?)", rows[1][0]))
    assert sum(float(h.replace(",", ".")) for h in per_lesson.values()) == hours[1]
    folder = ROOT / "notebooks" / ("nl" if language == "nl" else "")
    words = r"\*\*Time needed:\*\* about (\d+)" if language == "en" else r"\*\*Benodigde tijd:\*\* ongeveer (\d+)"
    for number, quoted in per_lesson.items():
        notebook = next(folder.glob(f"{number}_*.ipynb")).read_text(encoding="utf-8")
        minutes = int(re.search(words, notebook).group(1))
        assert 0 <= float(quoted.replace(",", ".")) * 60 - minutes < 15, f"lesson {number}: {quoted} h, {minutes} min"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_rubric_weighs_100_and_has_three_levels(language):
    text = GUIDES[language].read_text(encoding="utf-8")
    for assignment in ("A1", "A2", "A3"):
        rows = table_rows(text.split(f"### {assignment} ", 1)[1], "*")
        assert all(len(row) == 4 for row in rows), f"{assignment}: criterion and three levels"
        assert sum(int(re.search(r"\((\d+)\)", row[0]).group(1)) for row in rows) == 100, assignment


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_need_levels_the_guide_quotes_are_the_datas(course, language):
    text = GUIDES[language].read_text(encoding="utf-8")
    heading = "**Need levels" if language == "en" else "**Behoeften"
    names = course.client_groups[f"name_{language}"].str.lower()
    rows = table_rows(text, heading)
    assert len(rows) >= 10
    for group, functions, needs, _ in rows:
        (group_id,) = [gid for gid, name in names.items() if group in name]
        for function_id, need in zip(functions.split(", "), needs.split(", "), strict=True):
            assert model.group_needs(course.needs, group_id)[function_id] == int(need), (group, function_id)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_disputed_keys_the_guide_quotes_are_the_datas(course, language):
    text = GUIDES[language].read_text(encoding="utf-8")
    heading = "**Keys a colleague" if language == "en" else "**Sleutels die"
    words = {"personal": "personal", "clinical": "clinical", "persoonlijk": "personal", "klinisch": "clinical"}
    reference = course.reference.set_index(["ward_id", "item_id"])["score"]
    wards = {name.removesuffix(" ward"): ward_id for ward_id, name in course.wards["name_en"].items()}
    checked = 0
    for where, key, *_ in table_rows(text, heading):
        if found := re.match(r"02 quiz (q\d\d)", where):
            assert course.quiz.loc[found.group(1), "function_id"] == key, where
        elif found := re.match(r"05 \w+ (s\d\d)", where):
            assert course.statements.loc[found.group(1), "perspective"] == words[key], where
        elif found := re.match(r"06 (\w+) (\d+)", where):
            (vignette_id,) = [v for v in course.vignettes if v.startswith(found.group(1).lower())]
            moves = course.vignettes[vignette_id].moves
            assert moves.iloc[int(found.group(2)) - 1]["key"] == words[key], where
        elif found := re.match(r"03 (De \w+), (\w+)", where):
            assert reference[(wards[found.group(1)], found.group(2))] == int(key), where
        else:
            continue
        checked += 1
    assert checked >= 14


def test_the_private_vignette_loads_with_the_courses_loader_and_its_handout_keeps_the_key_back(course):
    vignette = load_vignette(KEYS / "a2_noor_photography.txt", course.dimensions)
    assert vignette.vignette_id not in course.vignettes, "new to the students"
    summary = model.orientation_summary(vignette.moves, course.dimensions)
    key = (KEYS / "a2_vignette_key.md").read_text(encoding="utf-8")
    assert f"**{summary['personal_percent']}%**" in key and summary["goal_setter"] == "mixed"
    handout = (KEYS / "a2_vignette_case.md").read_text(encoding="utf-8")
    for _, move in vignette.moves.iterrows():
        assert move["text_en"] in handout and move["text_nl"] in handout
        assert move["reason_en"] not in handout and move["reason_nl"] not in handout
    assert "key:" not in handout and "dimension:" not in handout


def test_the_private_wards_key_follows_the_courses_model(course):
    key = (KEYS / "a1_ward_key.md").read_text(encoding="utf-8").split("## Nederlands")[0]
    conditions_named = {
        "goal shared": "goal_shared",
        "boundaries respected": "boundaries_respected",
        "structure respected": "structure_respected",
        "enough energy": "energy_enough",
    }
    items = {
        conditions_named.get(row[0], row[0].replace("zingeving: ", "zingeving_")): int(row[1])
        for row in table_rows(key, "### The scoring")
    }
    profile = pd.Series({f: items[f] for f in PROFILE_IDS}, dtype=float)
    zingeving = pd.Series({z: items[z] for z in ZINGEVING_IDS})
    conditions = pd.Series({c: items[c] for c in conditions_named.values()})
    gaps = model.fit_gaps(profile, model.group_needs(course.needs, "acute_psychosis"))
    assert model.fit_level(gaps).level == "fits_partly" and "**the profile fits in part**" in key
    assert model.equilibrium_verdict(conditions, gaps).level == "less_healthy" and "less healthy" in key
    assert model.zingeving_reading(zingeving, conditions, profile).level == "not_fulfilled"
    ward = pd.Series({"age_min": 18, "age_max": 65, "legal_frames": ("voluntary", "wvggz"), "stays": ("short",)})
    groups = course.client_groups
    assert model.admission_barriers(ward, groups.loc["adolescents_crisis"]) == ("age",)
    assert model.admission_barriers(ward, groups.loc["forensic_aggression"]) == ("legal_frame", "stay")
    assert model.admission_barriers(ward, groups.loc["addiction_detox"]) == ()
    detox = model.fit_gaps(profile, model.group_needs(course.needs, "addiction_detox"))
    assert model.pairing_statement(False, (), model.fit_level(detox).level) == "profile_far"
    case = (KEYS / "a1_ward_case.md").read_text(encoding="utf-8")
    assert "18 to 65" in case and "18 tot 65" in case and "Wvggz" in case


def test_nothing_of_the_keys_is_shipped_with_the_data_or_the_package():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = [p for patterns in pyproject["tool"]["setuptools"]["data-files"].values() for p in patterns]
    assert not [p for p in shipped if p.startswith("lecturer")], shipped
    sentences = key_sentences()
    assert len(sentences) > 50
    files = [p for p in (ROOT / "data").rglob("*") if p.suffix in (".csv", ".txt", ".md", ".json")]
    data = " ".join(text_of(p.read_text(encoding="utf-8")) for p in files)
    assert not [s for s in sentences if s in data]


def test_the_guide_pages_of_the_site_hold_no_key(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    import build_site

    from helpers.text import set_language

    sentences = key_sentences()
    for language in ("en", "nl"):
        set_language(language)
        (lesson,) = build_site.write_guides(tmp_path, language)
        page = text_of((tmp_path / lesson.page).read_text(encoding="utf-8"))
        assert lesson.title.startswith(("Lecturer guide", "Docentenhandleiding")) and "A1" in page
        assert not [s for s in sentences if s in page]
    set_language("en")


def test_the_hub_copies_the_keys_into_a_home_without_overwriting_or_following_a_link(tmp_path):
    sys.path.insert(0, str(ROOT / "deploy"))
    from course_hub import copy_private  # deploy/ is no package: found through the path above

    uid, gid = os.getuid(), os.getgid()
    home = tmp_path / "home"
    home.mkdir()
    copy_private(KEYS, home, "lecturer/keys", uid, gid)
    copied = home / "lecturer" / "keys"
    assert sorted(p.name for p in copied.iterdir()) == sorted(p.name for p in KEYS.iterdir())
    assert stat.S_IMODE(copied.stat().st_mode) == 0o700 == stat.S_IMODE((home / "lecturer").stat().st_mode)
    assert {stat.S_IMODE(p.stat().st_mode) for p in copied.iterdir()} == {0o600}
    (copied / "a1_ward_key.md").write_text("the lecturer's own key", encoding="utf-8")
    (copied / "a3_reflection_key.md").unlink()
    copy_private(KEYS, home, "lecturer/keys", uid, gid)
    assert (copied / "a1_ward_key.md").read_text(encoding="utf-8") == "the lecturer's own key", "never overwritten"
    assert (copied / "a3_reflection_key.md").exists(), "a file taken away comes back"
    elsewhere, linked = tmp_path / "elsewhere", tmp_path / "linked"
    elsewhere.mkdir()
    linked.mkdir()
    (linked / "lecturer").symlink_to(elsewhere)
    copy_private(KEYS, linked, "lecturer/keys", uid, gid)
    assert not list(elsewhere.iterdir()), "nothing written through a link"
