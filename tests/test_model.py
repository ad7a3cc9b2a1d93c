"""The scoring model: profile and fit, zingeving, the verdict, benefit, comparisons, the simulation,
vignettes. Each judgement is tested so that a flipped sign, a dropped ``abs`` or a changed
threshold fails a test (the mutation run in CONTRIBUTING keeps that honest)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import model
from helpers.course_data import load_course
from helpers.vocabulary import CONDITION_IDS, PROFILE_IDS, WARD_ITEMS, ZINGEVING_IDS

NAN = float("nan")


@pytest.fixture(scope="module")
def course():
    return load_course()


def profile(*values) -> pd.Series:
    return pd.Series(dict(zip(PROFILE_IDS, values, strict=True)), dtype=float)


def conditions(*values) -> pd.Series:
    return pd.Series(dict(zip(CONDITION_IDS, values, strict=True)), dtype=float)


def zingeving(*values) -> pd.Series:
    return pd.Series(dict(zip(ZINGEVING_IDS, values, strict=True)), dtype=float)


def kinds(judgement: model.Judgement) -> list[tuple[str, str, str]]:
    return [tuple(r) for r in judgement.points[["item_id", "kind", "severity"]].itertuples(index=False)]


# ---------------------------------------------------------------- reading the reference


def test_reference_is_read_per_ward_in_the_order_asked(course):
    assert model.ward_profile(course.reference, "forensic").tolist() == [3, 4, 4, 3]
    assert list(model.ward_profile(course.reference, "forensic").index) == list(PROFILE_IDS)
    assert model.ward_zingeving(course.reference, "acute_admission").tolist() == [4, 3, 4]
    assert model.ward_conditions(course.reference, "long_stay_rehab").tolist() == [1, 3, 2, 3]
    reversed_items = tuple(reversed(CONDITION_IDS))
    assert model.reference_scores(course.reference, "long_stay_rehab", reversed_items).tolist() == [3, 2, 3, 1]
    assert model.reference_scores(course.reference, "forensic", ("no_such_item",)).isna().all()


def test_all_profiles_is_wards_by_profile_functions(course):
    table = model.all_profiles(course.reference)
    assert list(table.columns) == list(PROFILE_IDS)
    assert sorted(table.index) == sorted(course.wards.index)
    assert table.loc["adolescent"].tolist() == [3, 1, 2, 3]


def test_group_needs_cover_the_profile_functions_and_leave_unstated_ones_unknown():
    needs = pd.DataFrame(
        {"client_group_id": ["g", "h"], "function_id": ["grensbepaling", "grensbepaling"], "need": [2, 4]}
    )
    need = model.group_needs(needs, "g")
    assert list(need.index) == list(PROFILE_IDS)
    assert need["grensbepaling"] == 2 and need.drop("grensbepaling").isna().all()


# ---------------------------------------------------------------- severities and words


@pytest.mark.parametrize(
    "gap, severity",
    [
        (-4, "serious"),
        (-3, "serious"),
        (-2, "strain"),
        (-1, "fit"),
        (0, "fit"),
        (1, "fit"),
        (2, "strain"),
        (3, "serious"),
        (4, "serious"),
        (NAN, "unknown"),
    ],
)
def test_gap_severity(gap, severity):
    assert model.gap_severity(gap) == severity


@pytest.mark.parametrize(
    "score, severity", [(0, "serious"), (1, "serious"), (2, "strain"), (3, None), (4, None), (NAN, None)]
)
def test_score_severity(score, severity):
    assert model.score_severity(score) == severity


def test_only_boundaries_and_structure_are_loose_or_tight():
    assert {f: model.misfit_words(f) for f in PROFILE_IDS} == {
        "doelverwerving": "little_much",
        "grensbepaling": "loose_tight",
        "structurering": "loose_tight",
        "energieverzorging": "little_much",
    }


# ---------------------------------------------------------------- fit


def test_fit_gaps_are_signed_with_size_severity_and_direction():
    gaps = model.fit_gaps(profile(4, 0, 3, 1), profile(2, 3, 2, 4))
    assert list(gaps.index) == list(PROFILE_IDS)
    assert gaps["gap"].tolist() == [2, -3, 1, -3]
    assert gaps["size"].tolist() == [2, 3, 1, 3]
    assert gaps["severity"].tolist() == ["strain", "serious", "fit", "serious"]
    assert gaps["direction"].tolist() == ["over", "under", "fit", "under"]
    assert gaps["words"].tolist() == ["little_much", "loose_tight", "loose_tight", "little_much"]


def test_all_zeros_and_all_fours_are_both_misfits_for_a_middling_need():
    need = profile(2, 2, 2, 2)
    low = model.fit_gaps(profile(0, 0, 0, 0), need)
    high = model.fit_gaps(profile(4, 4, 4, 4), need)
    assert (low["direction"] == "under").all() and (high["direction"] == "over").all()
    assert low["size"].sum() == high["size"].sum() == 8
    assert model.fit_level(low).level == model.fit_level(high).level == "misfits"


def test_a_function_missing_from_a_ward_is_unknown_not_zero():
    gaps = model.fit_gaps(profile(3, 3, 3, 3).drop("grensbepaling"), profile(3, 3, 3, 3))
    assert gaps.loc["grensbepaling", ["direction", "severity"]].tolist() == ["unknown", "unknown"]
    assert np.isnan(gaps.loc["grensbepaling", "gap"])
    assert model.equilibrium_verdict(conditions(3, 3, 3, 3), gaps).level == "healthy"


def test_fit_matrix_is_the_mean_absolute_gap_and_skips_unstated_needs():
    profiles = pd.DataFrame([profile(4, 0, 2, 2), profile(2, 2, 2, 2)], index=["w", "v"])
    needs = pd.DataFrame(
        {
            "client_group_id": ["g"] * 4 + ["h"],
            "function_id": [*PROFILE_IDS, "grensbepaling"],
            "need": [2, 2, 2, 3, 4],
        }
    )
    matrix = model.fit_matrix(profiles, needs)
    assert matrix.loc["w", "g"] == 1.25  # (2 + 2 + 0 + 1) / 4: a +2 and a −2 do not cancel
    assert matrix.loc["v", "g"] == 0.25
    assert matrix.loc["w", "h"] == 4 and matrix.loc["v", "h"] == 2  # only the stated need counts


def test_each_ward_fits_its_own_group_better_than_average(course):
    matrix = model.fit_matrix(model.all_profiles(course.reference), course.needs)
    for ward_id, ward in course.wards.iterrows():
        assert matrix.loc[ward_id, ward["client_group_id"]] < matrix.loc[ward_id].mean()


@pytest.mark.parametrize(
    "ward, expected",
    [
        ((2, 2, 2, 2), "fits"),
        ((3, 1, 2, 2), "fits"),
        ((4, 2, 2, 2), "fits_partly"),
        ((4, 0, 2, 2), "fits_partly"),
        ((4, 0, 4, 2), "misfits"),
        ((2, 2, 2, 4), "fits_partly"),
        ((2, 2, 2, 0), "fits_partly"),
        ((2, 2, 2, 5), "misfits"),
        ((2, 2, 2, -1), "misfits"),
    ],
)
def test_fit_level(ward, expected):
    fit = model.fit_level(model.fit_gaps(profile(*ward), profile(2, 2, 2, 2)))
    assert fit.level == expected
    assert (fit.points["kind"] == "function").all()


# ---------------------------------------------------------------- the equilibrium verdict


@pytest.mark.parametrize(
    "condition_scores, ward, expected, serious, strain",
    [
        ((4, 4, 3, 3), (2, 2, 2, 2), "healthy", 0, 0),
        ((2, 4, 3, 3), (2, 2, 2, 2), "under_strain", 0, 1),
        ((3, 3, 3, 3), (4, 2, 2, 0), "under_strain", 0, 2),
        ((2, 2, 3, 3), (4, 2, 2, 2), "less_healthy", 0, 3),
        ((2, 2, 2, 3), (2, 2, 2, 2), "less_healthy", 0, 3),
        ((1, 4, 4, 4), (2, 2, 2, 2), "less_healthy", 1, 0),
        ((0, 4, 4, 4), (2, 2, 2, 2), "less_healthy", 1, 0),
        ((4, 4, 4, 4), (2, 2, 2, 4), "under_strain", 0, 1),
        ((4, 4, 4, 4), (2, 2, 2, 0), "under_strain", 0, 1),
        ((4, 4, 4, 4), (2, 2, 5, 2), "less_healthy", 1, 0),
    ],
)
def test_verdict_rule(condition_scores, ward, expected, serious, strain):
    gaps = model.fit_gaps(profile(*ward), profile(2, 2, 2, 2))
    verdict = model.equilibrium_verdict(conditions(*condition_scores), gaps)
    assert verdict.level == expected
    assert (verdict.points["severity"] == "serious").sum() == serious
    assert (verdict.points["severity"] == "strain").sum() == strain


def test_all_fours_is_not_better_than_a_fitting_profile():
    need = profile(2, 1, 3, 2)
    fours = model.equilibrium_verdict(conditions(4, 4, 4, 4), model.fit_gaps(profile(4, 4, 4, 4), need))
    fitting = model.equilibrium_verdict(conditions(4, 4, 4, 4), model.fit_gaps(need, need))
    assert fitting.level == "healthy" and fours.level != "healthy"


def test_verdict_points_carry_what_the_reasons_need():
    gaps = model.fit_gaps(profile(2, 2, 2, 2), profile(2, 4, 2, 2))
    verdict = model.equilibrium_verdict(conditions(1, 4, 4, 4), gaps)
    assert verdict.level == "less_healthy"
    points = verdict.points.fillna(-1)
    assert points.to_dict("records") == [
        {
            "item_id": "goal_shared",
            "kind": "condition",
            "severity": "serious",
            "score": 1.0,
            "need": -1,
            "gap": -1,
            "direction": "",
            "words": "",
        },
        {
            "item_id": "grensbepaling",
            "kind": "function",
            "severity": "strain",
            "score": 2.0,
            "need": 4.0,
            "gap": -2.0,
            "direction": "under",
            "words": "loose_tight",
        },
    ]


def test_an_unscored_condition_does_not_stop_the_check_of_the_others():
    gaps = model.fit_gaps(profile(2, 2, 2, 2), profile(2, 2, 2, 2))
    verdict = model.equilibrium_verdict(conditions(NAN, 4, 4, 1), gaps)
    assert verdict.level == "less_healthy" and kinds(verdict) == [("energy_enough", "condition", "serious")]
    unknown_first = model.fit_gaps(profile(NAN, 2, 2, 5), profile(2, 2, 2, 2))
    assert model.equilibrium_verdict(conditions(4, 4, 4, 4), unknown_first).level == "less_healthy"


def test_reference_data_gives_every_verdict(course):
    levels = {
        model.assess_pairing(
            course.reference,
            course.needs,
            course.wards,
            w,
            course.wards.loc[w, "client_group_id"],
            course.client_groups,
        ).verdict.level
        for w in course.wards.index
    }
    assert levels == set(model.VERDICTS)


# ---------------------------------------------------------------- zingeving


def test_zingeving_fully_experienced_and_carried_is_fulfilled():
    reading = model.zingeving_reading(zingeving(4, 3, 3), conditions(3, 3, 4, 3), profile(1, 4, 4, 3))
    assert reading.level == "fulfilled" and reading.points.empty


def test_a_narrow_shared_reason_is_full_zingeving_whatever_the_profile():
    """'A safe place out of the storm': a modest goal and tight boundaries take nothing away from zingeving."""
    for ward in [(1, 4, 4, 3), (4, 1, 1, 1), (2, 2, 2, 2)]:
        assert model.zingeving_reading(zingeving(4, 4, 4), conditions(4, 4, 4, 4), profile(*ward)).level == "fulfilled"


@pytest.mark.parametrize(
    "parts, level, points",
    [
        ((2, 4, 4), "fragile", [("zingeving_clients", "zingeving", "strain")]),
        ((4, 2, 4), "fragile", [("zingeving_staff", "zingeving", "strain")]),
        ((4, 4, 2), "fragile", [("zingeving_surroundings", "zingeving", "strain")]),
        (
            (1, 4, 4),
            "not_fulfilled",
            [("zingeving_clients", "zingeving", "serious"), ("zingeving_clients", "check", "note")],
        ),
        (
            (4, 0, 4),
            "not_fulfilled",
            [("zingeving_staff", "zingeving", "serious"), ("zingeving_staff", "check", "note")],
        ),
        ((4, 4, 1), "not_fulfilled", [("zingeving_surroundings", "zingeving", "serious")]),
        ((2, 2, 2), "fragile", [(z, "zingeving", "strain") for z in ZINGEVING_IDS]),
    ],
)
def test_zingeving_not_experienced_or_not_accepted(parts, level, points):
    reading = model.zingeving_reading(zingeving(*parts), conditions(4, 4, 4, 4), profile(2, 2, 2, 2))
    assert reading.level == level and kinds(reading) == points


@pytest.mark.parametrize(
    "condition_scores, level, points",
    [
        ((4, 4, 4, 1), "not_fulfilled", [("energy_enough", "condition", "serious")]),
        ((4, 0, 4, 4), "not_fulfilled", [("boundaries_respected", "condition", "serious")]),
        ((0, 0, 0, 0), "not_fulfilled", [(c, "condition", "serious") for c in CONDITION_IDS]),
        ((0, 1, 1, 1), "not_fulfilled", [(c, "condition", "serious") for c in CONDITION_IDS]),
        ((2, 4, 4, 4), "fragile", [("goal_shared", "condition", "strain")]),
        ((2, 2, 2, 2), "fragile", [(c, "condition", "strain") for c in CONDITION_IDS]),
        ((3, 3, 3, 3), "fulfilled", []),
    ],
)
def test_a_condition_counts_as_a_zingeving_part_does(condition_scores, level, points):
    """Symmetric, as the source is: a system is meaningful to its participants when the four conditions
    hold, so a condition at 0–1 leaves the reason not fulfilled (however strongly it is felt) and one at 2
    makes it fragile — the same thresholds as the three zingeving parts."""
    reading = model.zingeving_reading(zingeving(4, 4, 4), conditions(*condition_scores), profile(2, 2, 2, 2))
    assert reading.level == level and kinds(reading) == points


@pytest.mark.parametrize(
    "ward, points",
    [
        ((0, 2, 2, 2), [("doelverwerving", "goal", "serious")]),
        ((2, 0, 2, 2), [("grensbepaling", "internal", "serious")]),
        ((2, 2, 0, 2), [("structurering", "internal", "serious")]),
        ((2, 2, 2, 0), [("energieverzorging", "internal", "serious")]),
        ((4, 0, 4, 0), [("grensbepaling", "internal", "serious"), ("energieverzorging", "internal", "serious")]),
    ],
)
def test_any_function_at_zero_leaves_zingeving_unfulfilled(ward, points):
    """The source: zingeving can be fulfilled when there are external goals *and* the internal functions are
    looked after. Doelverwerving at 0 and an internal function at 0 count alike, with every part and
    condition at 4."""
    reading = model.zingeving_reading(zingeving(4, 4, 4), conditions(4, 4, 4, 4), profile(*ward))
    assert reading.level == "not_fulfilled" and kinds(reading) == points
    assert model.zingeving_reading(zingeving(4, 4, 4), conditions(4, 4, 4, 4), profile(1, 1, 1, 1)).level == "fulfilled"


def test_without_an_external_goal_zingeving_cannot_be_fulfilled():
    reading = model.zingeving_reading(zingeving(4, 4, 4), conditions(4, 4, 4, 4), profile(0, 2, 2, 2))
    assert reading.level == "not_fulfilled"
    assert kinds(reading) == [("doelverwerving", "goal", "serious")]
    assert model.zingeving_reading(zingeving(4, 4, 4), conditions(4, 4, 4, 4), profile(1, 2, 2, 2)).level == "fulfilled"
    unknown_goal = profile(2, 2, 2, 2).drop("doelverwerving")
    assert model.zingeving_reading(zingeving(4, 4, 4), conditions(4, 4, 4, 4), unknown_goal).level == "fulfilled"


def test_conditions_met_but_meaning_not_experienced_asks_for_a_second_look():
    reading = model.zingeving_reading(zingeving(1, 0, 4), conditions(3, 3, 3, 3), profile(2, 2, 2, 2))
    assert reading.level == "not_fulfilled"
    assert kinds(reading) == [
        ("zingeving_clients", "zingeving", "serious"),
        ("zingeving_staff", "zingeving", "serious"),
        ("zingeving_clients", "check", "note"),
        ("zingeving_staff", "check", "note"),
    ]


@pytest.mark.parametrize(
    "parts, condition_scores",
    [
        ((1, 4, 4), (3, 3, 2, 3)),  # a condition only partly met: no contradiction
        ((1, 4, 4), (3, 3, NAN, 3)),  # a condition not scored: nothing to check against
        ((2, 4, 4), (4, 4, 4, 4)),  # partly experienced is not a contradiction
        ((4, 4, 0), (4, 4, 4, 4)),  # the surroundings are not participants
    ],
)
def test_no_second_look_when_nothing_contradicts_the_source(parts, condition_scores):
    reading = model.zingeving_reading(zingeving(*parts), conditions(*condition_scores), profile(2, 2, 2, 2))
    assert "check" not in set(reading.points["kind"])


def test_a_note_does_not_count_toward_the_level():
    reading = model.zingeving_reading(zingeving(3, 3, 3), conditions(4, 4, 4, 4), profile(2, 2, 2, 2))
    assert reading.level == "fulfilled"


def test_unscored_zingeving_parts_are_skipped_not_counted_as_zero():
    reading = model.zingeving_reading(zingeving(NAN, 4, 2), conditions(4, 4, 4, 4), profile(2, 2, 2, 2))
    assert kinds(reading) == [("zingeving_surroundings", "zingeving", "strain")]


def test_no_reference_ward_has_too_much_zingeving_because_zingeving_has_no_need(course):
    """Zingeving is never compared with a need, so no fit, verdict or advice can call it 'too much'."""
    for ward_id in course.wards.index:
        for group_id in course.client_groups.index:
            result = model.assess_pairing(
                course.reference, course.needs, course.wards, ward_id, group_id, course.client_groups
            )
            assert "zingeving" not in result.gaps.index
            assert not result.fit.points["item_id"].str.startswith("zingeving").any()


# ---------------------------------------------------------------- a ward for a client group


def pairing(course, ward_id, group_id):
    return model.assess_pairing(course.reference, course.needs, course.wards, ward_id, group_id, course.client_groups)


def test_own_group_gets_verdict_and_zingeving_another_group_the_fit_only(course):
    own = pairing(course, "acute_admission", "acute_psychosis")
    assert own.own_group and own.verdict.level == "less_healthy" and own.zingeving.level == "not_fulfilled"
    assert own.fit.level == "fits_partly" and own.benefit == "partly" and own.statement == "fits_partly"
    other = pairing(course, "acute_admission", "addiction_detox")
    assert not other.own_group and other.verdict is None and other.zingeving is None and other.benefit is None
    assert other.admitted and other.statement == "profile_partly_far"
    assert other.gaps["need"].tolist() == model.group_needs(course.needs, "addiction_detox").tolist()


@pytest.mark.parametrize(
    "ward_id, group_id, barriers",
    [  # the placements issue 27 found offered as "fits" or "could benefit"
        ("adolescent", "long_term_psychosis", ("age", "stay")),
        ("adolescent", "personality_disorder", ("age", "stay")),
        ("forensic", "addiction_detox", ("legal_frame", "stay")),
        ("forensic", "adolescents_crisis", ("age", "legal_frame", "stay")),
        ("personality_disorders", "forensic_aggression", ("legal_frame", "stay")),
        ("personality_disorders", "adolescents_crisis", ("age", "legal_frame", "stay")),
        ("long_stay_rehab", "adolescents_crisis", ("age", "stay")),
    ],
)
def test_impossible_placements_are_not_a_setting(course, ward_id, group_id, barriers):
    result = pairing(course, ward_id, group_id)
    assert result.statement == model.NOT_A_SETTING and result.barriers == barriers and not result.admitted
    assert result.benefit is None and result.verdict is None


def test_the_explorer_table_over_every_ward_and_group(course):
    """What the fit explorer says for all 36 pairings: no ward is offered to a group it does not admit, no
    other group is told it "fits" or would benefit, and the ward's own group keeps its fit and verdict."""
    table = model.pairing_table(course.reference, course.needs, course.wards, course.client_groups)
    assert len(table) == len(course.wards) * len(course.client_groups) == 36
    said = table.pivot(index="ward_id", columns="client_group_id", values="statement")
    # the whole table, so that any change to data or model is seen and reviewed
    n, close, partly_far = model.NOT_A_SETTING, "profile_close", "profile_partly_far"
    assert said.to_dict("index") == {
        "acute_admission": {
            "acute_psychosis": "fits_partly",
            "addiction_detox": partly_far,
            "adolescents_crisis": n,
            "forensic_aggression": n,
            "long_term_psychosis": n,
            "personality_disorder": n,
        },
        "addiction": {
            "acute_psychosis": n,
            "addiction_detox": "fits_partly",
            "adolescents_crisis": n,
            "forensic_aggression": n,
            "long_term_psychosis": n,
            "personality_disorder": n,
        },
        "adolescent": {
            "acute_psychosis": n,
            "addiction_detox": n,
            "adolescents_crisis": "fits_partly",
            "forensic_aggression": n,
            "long_term_psychosis": n,
            "personality_disorder": n,
        },
        "forensic": {
            "acute_psychosis": n,
            "addiction_detox": n,
            "adolescents_crisis": n,
            "forensic_aggression": "fits",
            "long_term_psychosis": n,
            "personality_disorder": n,
        },
        "long_stay_rehab": {
            "acute_psychosis": n,
            "addiction_detox": n,
            "adolescents_crisis": n,
            "forensic_aggression": n,
            "long_term_psychosis": "fits_partly",
            "personality_disorder": close,
        },
        "personality_disorders": {
            "acute_psychosis": n,
            "addiction_detox": n,
            "adolescents_crisis": n,
            "forensic_aggression": n,
            "long_term_psychosis": n,
            "personality_disorder": "fits",
        },
    }
    others = table[~table["own_group"]]
    # no other group is told the ward fits it or that it would benefit; no verdict travels to it
    assert not others["statement"].isin(model.FIT_LEVELS).any() and (others["benefit"] == "").all()
    assert (others["verdict"] == "fit_only").all() and (others["zingeving"] == "fit_only").all()
    # a ward that does not admit a group says so, whatever the four numbers say: Het Bolwerk's profile is
    # within one step of what adolescents in crisis need on every function, and it is still no setting for them
    assert (others["statement"] == model.NOT_A_SETTING).tolist() == (others["barriers"] != "").tolist()
    bolwerk = table.set_index(["ward_id", "client_group_id"]).loc[("forensic", "adolescents_crisis")]
    assert bolwerk["fit"] == "fits" and bolwerk["statement"] == model.NOT_A_SETTING
    # every ward is a setting for its own group and serves it as far as wards.csv says, which gives the reason
    own = table[table["own_group"]].set_index("ward_id")
    assert (own["barriers"] == "").all() and table["own_group"].sum() == len(course.wards)
    assert model.own_group_benefit_mismatches(table, course.wards).empty
    assert (own["benefit"] == own["fit"].map(model.BENEFIT_OF_FIT)).all()
    assert set(own["verdict"]) == set(model.VERDICTS)


def test_other_groups_are_listed_by_what_the_explorer_says(course):
    table = model.pairing_table(course.reference, course.needs, course.wards, course.client_groups)
    lists = model.other_groups(table, "long_stay_rehab")
    assert lists == {
        "profile_close": ["personality_disorder"],
        "profile_partly_far": [],
        "profile_far": [],
        "not_a_setting": ["acute_psychosis", "forensic_aggression", "adolescents_crisis", "addiction_detox"],
    }
    assert all("long_term_psychosis" not in groups for groups in lists.values())


@pytest.mark.parametrize(
    "ward, group, barriers",
    [
        ({"age_min": 18, "age_max": 65}, {"age_min": 14, "age_max": 18}, ("age",)),
        ({"age_min": 12, "age_max": 18}, {"age_min": 14, "age_max": 18}, ()),
        ({"age_min": 18, "age_max": 65}, {"age_min": 18, "age_max": 80}, ("age",)),
        ({"legal_frames": ("voluntary",)}, {"legal_frames": ("voluntary", "wvggz")}, ("legal_frame",)),
        ({"legal_frames": ("voluntary", "wvggz", "tbs")}, {"legal_frames": ("tbs",)}, ()),
        ({"stays": ("short", "medium")}, {"stay": "long"}, ("stay",)),
        ({"stays": ("medium", "long")}, {"stay": "long"}, ()),
    ],
)
def test_admission_barriers(ward, group, barriers):
    base_ward = {"age_min": 18, "age_max": 65, "legal_frames": ("voluntary",), "stays": ("short",)}
    base_group = {"age_min": 18, "age_max": 65, "legal_frames": ("voluntary",), "stay": "short"}
    assert model.admission_barriers(pd.Series({**base_ward, **ward}), pd.Series({**base_group, **group})) == barriers


def test_a_ward_that_no_longer_serves_its_group_as_stated_is_found(course):
    table = model.pairing_table(course.reference, course.needs, course.wards, course.client_groups)
    wards = course.wards.copy()
    wards.loc["forensic", "benefits_own_group"] = "partly"
    mismatches = model.own_group_benefit_mismatches(table, wards)
    assert mismatches.to_dict("index") == {"forensic": {"computed": "yes", "stated": "partly"}}


def test_adjustments_name_each_misfit_with_its_direction_and_steps():
    gaps = model.fit_gaps(profile(4, 0, 3, 2), profile(2, 3, 2, 2))
    changes = model.adjustments(gaps)
    assert list(changes.index) == ["doelverwerving", "grensbepaling"]
    assert changes.to_dict("index") == {
        "doelverwerving": {"direction": "over", "steps": 2, "score": 4, "need": 2, "words": "little_much"},
        "grensbepaling": {"direction": "under", "steps": 3, "score": 0, "need": 3, "words": "loose_tight"},
    }
    assert model.adjustments(model.fit_gaps(profile(2, 2, 2, 2), profile(3, 1, 2, 2))).empty


# ---------------------------------------------------------------- comparing scorings


def test_score_differences_flags_large_ones_both_ways():
    diff = model.score_differences(profile(4, 2, 0, 3), profile(2, 3, 2, 4))
    assert diff["difference"].tolist() == [2, -1, -2, -1]
    assert diff["large"].tolist() == [True, False, True, False]
    assert diff["reference"].tolist() == [2, 3, 2, 4]


def test_ideal_real_gaps_have_no_total_only_the_largest_per_function():
    gaps = model.ideal_real_gaps(profile(4, 2, 2, 1), profile(2, 2, 4, 0))
    assert list(gaps.columns) == ["ideal", "real", "difference", "largest"]
    assert gaps["difference"].tolist() == [-2, 0, 2, -1]
    assert gaps["largest"].tolist() == [True, False, True, False]
    same = model.ideal_real_gaps(profile(2, 2, 2, 2), profile(2, 2, 2, 2))
    assert not same["largest"].any() and (same["difference"] == 0).all()


def test_redesign_changes_list_only_what_moved():
    before = pd.Series({"doelverwerving": 4, "grensbepaling": 2, "goal_shared": 1})
    after = pd.Series({"doelverwerving": 2, "grensbepaling": 2, "goal_shared": 3})
    changes = model.redesign_changes(before, after)
    assert changes.to_dict("index") == {
        "doelverwerving": {"before": 4, "after": 2, "change": -2},
        "goal_shared": {"before": 1, "after": 3, "change": 2},
    }
    assert model.redesign_changes(before, before).empty


# ---------------------------------------------------------------- quizzes


def test_score_answers_counts_unanswered_as_wrong():
    key = pd.Series({"a": "x", "b": "y", "c": "z"})
    result = model.score_answers(key, pd.Series({"a": "x", "b": "z"}))
    assert result["correct"].tolist() == [True, False, False]
    assert result.loc["c", "answer"] == ""


def test_score_answers_with_no_answers():
    result = model.score_answers(pd.Series({"a": "x"}), pd.Series(dtype=object))
    assert not result["correct"].any()


# ---------------------------------------------------------------- the equilibrium simulation


def test_simulation_is_seeded_and_bounded():
    first = model.simulate_equilibrium(members=6, seed=3)
    again = model.simulate_equilibrium(members=6, seed=3)
    other = model.simulate_equilibrium(members=6, seed=4)
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)
    assert first["level"].between(0, 1).all()
    assert len(first) == 6 * 41
    assert model.simulate_equilibrium(members=3, steps=5)["step"].max() == 5


def test_simulation_shows_healthy_and_less_healthy_equilibria():
    assert model.equilibrium_summary(model.simulate_equilibrium(care=0.8))["state"] == "healthy"
    assert model.equilibrium_summary(model.simulate_equilibrium(care=0.1))["state"] == "less_healthy"


def test_simulation_scenarios_of_lesson_01():
    """The printed scenarios lesson 01 discusses (pinned there too)."""
    summary = model.equilibrium_summary
    assert summary(model.simulate_equilibrium(care=0.8)) == {"group_mean": 0.78, "member_0": 0.77, "state": "healthy"}
    assert summary(model.simulate_equilibrium(system_pressure=0.7, care=0.7)) == {
        "group_mean": 0.67,
        "member_0": 0.45,
        "state": "under_strain",
    }
    assert summary(model.simulate_equilibrium(disruption=0.8, care=0.6)) == {
        "group_mean": 0.35,
        "member_0": 0.27,
        "state": "less_healthy",
    }


def test_route_b_disruptive_member_pulls_the_group_down():
    calm = model.equilibrium_summary(model.simulate_equilibrium(disruption=0.0))
    disrupted = model.equilibrium_summary(model.simulate_equilibrium(disruption=1.0))
    assert disrupted["group_mean"] < calm["group_mean"] - 0.2


def test_route_a_system_harms_one_member_while_the_group_copes():
    harmed = model.equilibrium_summary(model.simulate_equilibrium(system_pressure=0.8))
    assert harmed["member_0"] < harmed["group_mean"] - 0.15
    assert harmed["state"] != "healthy"


def test_a_larger_group_dilutes_one_member():
    small = model.equilibrium_summary(model.simulate_equilibrium(members=3, disruption=0.6))
    large = model.equilibrium_summary(model.simulate_equilibrium(members=15, disruption=0.6))
    assert large["group_mean"] > small["group_mean"]


def test_simulation_needs_two_members():
    with pytest.raises(ValueError, match="members must be 2 or more; found 1"):
        model.simulate_equilibrium(members=1)
    assert len(model.simulate_equilibrium(members=2, steps=1)) == 4


def settled(levels_member_0: float, levels_others: float) -> pd.DataFrame:
    """A simulation frame that has settled: member 0 and two others at fixed levels for ten steps."""
    rows = [
        (step, member, levels_member_0 if member == 0 else levels_others) for step in range(10) for member in range(3)
    ]
    return pd.DataFrame(rows, columns=["step", "member", "level"])


@pytest.mark.parametrize(
    "zero, others, state",
    [
        (0.65, 0.65, "healthy"),
        (0.64, 0.9, "under_strain"),
        (0.45, 0.9, "under_strain"),
        (0.44, 0.9, "less_healthy"),
        (0.9, 0.1, "less_healthy"),
        (0.9, 0.5, "under_strain"),
        (0.9, 0.9, "healthy"),
    ],
)
def test_equilibrium_summary_thresholds(zero, others, state):
    result = model.equilibrium_summary(settled(zero, others))
    assert result["state"] == state
    assert result["member_0"] == round(zero, 2)
    assert result["group_mean"] == round((zero + 2 * others) / 3, 2)


def test_equilibrium_summary_uses_the_last_five_steps_only():
    frame = settled(0.9, 0.9)
    frame.loc[frame["step"] < 5, "level"] = 0.0
    assert model.equilibrium_summary(frame) == {"group_mean": 0.9, "member_0": 0.9, "state": "healthy"}


# ---------------------------------------------------------------- vignettes


def vignette_moves() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": ["clinical", "personal", "personal", "clinical"],
            "dimension": ["medication", "own_direction", "hope", "topdown_goals"],
        },
        index=pd.Index([1, 2, 3, 4], name="move"),
    )


def test_orientation_and_dimension_are_judged_apart(course):
    tags = pd.DataFrame(
        {
            "orientation": {1: "clinical", 2: "personal", 3: "clinical"},
            "dimension": {1: "symptoms", 2: "own_direction", 3: ""},
        }
    )
    scored = model.score_vignette(vignette_moves(), tags, course.dimensions)
    assert scored["orientation_agrees"].tolist() == [True, True, False, False]
    assert scored["answered"].tolist() == [True, True, True, False]
    assert scored["dimension_agrees"].fillna(-1).tolist() == [0.0, 1.0, -1, -1]
    counts = model.vignette_agreement_counts(scored)
    assert counts == {"moves": 4, "tagged": 3, "orientation_agrees": 2, "dimension_chosen": 2, "dimension_agrees": 1}
    assert model.percent(counts["orientation_agrees"], counts["moves"]) == 50


def test_a_right_orientation_with_another_dimension_is_not_counted_as_full_agreement(course):
    tags = pd.DataFrame(
        {
            "orientation": {m: k for m, k in vignette_moves()["key"].items()},
            "dimension": {1: "symptoms", 2: "hope", 3: "meaning", 4: "protocol"},
        }
    )
    counts = model.vignette_agreement_counts(model.score_vignette(vignette_moves(), tags, course.dimensions))
    assert counts["orientation_agrees"] == 4 and counts["dimension_agrees"] == 0 and counts["dimension_chosen"] == 4


def test_unknown_dimension_is_refused(course):
    tags = pd.DataFrame({"orientation": {1: "clinical"}, "dimension": {1: "vibes"}})
    with pytest.raises(ValueError, match="unknown dimension 'vibes'"):
        model.score_vignette(vignette_moves(), tags, course.dimensions)


@pytest.mark.parametrize(
    "part, whole, expected",
    [
        (1, 8, 13),
        (3, 8, 38),
        (5, 8, 63),
        (7, 8, 88),
        (1, 3, 33),
        (2, 3, 67),
        (5, 9, 56),
        (0, 8, 0),
        (8, 8, 100),
        (0, 0, 0),
    ],
)
def test_a_percentage_rounds_a_half_up_as_a_student_does_by_hand(part, whole, expected):
    """1 of 8 is 12.5%: a student working it out writes 13, and so must the course (Python's round gives 12)."""
    assert model.percent(part, whole) == expected


def test_dimension_counts_list_every_dimension_and_ignore_empty_tags(course):
    counts = model.dimension_counts(pd.Series(["hope", "", "hope", "protocol"]), course.dimensions)
    assert list(counts.index) == list(course.dimensions.index)
    assert counts["hope"] == 2 and counts["protocol"] == 1 and counts.sum() == 3


@pytest.mark.parametrize(
    "dimensions, setter",
    [
        (["own_direction", "own_direction", "topdown_goals"], "person"),
        (["topdown_goals", "own_direction", "topdown_goals"], "professionals"),
        (["own_direction", "topdown_goals", "hope"], "mixed"),
        (["hope", "medication", "hope"], "none"),
    ],
)
def test_orientation_summary_says_who_sets_the_goals(course, dimensions, setter):
    moves = pd.DataFrame({"key": ["personal", "clinical", "personal"], "dimension": dimensions})
    summary = model.orientation_summary(moves, course.dimensions)
    assert summary["goal_setter"] == setter
    assert summary["moves"] == 3 and summary["personal_share"] == 0.67
    assert summary["personal"] == 2 and summary["personal_percent"] == 67
    assert summary["per_dimension"].sum() == 3 and list(summary["per_dimension"].index) == list(course.dimensions.index)


def test_orientation_summary_of_a_real_vignette(course):
    summary = model.orientation_summary(course.vignettes["mehmet_acute"].moves, course.dimensions)
    assert 0 < summary["personal_share"] < 0.5 and summary["goal_setter"] == "professionals"


# ---------------------------------------------------------------- agreement in class


def scores_frame(rows):
    return pd.DataFrame(rows, columns=["pseudonym", "ward_id", "item_id", "score"])


def test_item_scope():
    assert [model.item_scope(i) for i in WARD_ITEMS] == ["function"] * 4 + ["zingeving"] * 3 + ["condition"] * 4


def test_ward_agreement_counts_students_and_units():
    rows = scores_frame(
        [
            ("a", "forensic", "grensbepaling", 4),
            ("b", "forensic", "grensbepaling", 4),
            ("a", "forensic", "goal_shared", 1),
            ("b", "forensic", "goal_shared", 1),
            ("c", "adolescent", "grensbepaling", 1),
        ]
    )
    table = model.ward_agreement(rows).set_index("id")
    assert table.loc["forensic", ["scope", "students", "units"]].tolist() == ["ward", 2, 2]
    assert table.loc["grensbepaling", ["scope", "students", "units"]].tolist() == ["function", 3, 2]
    assert table.loc["zingeving_staff", ["students", "units"]].tolist() == [0, 0]
    assert np.isnan(table.loc["zingeving_staff", "alpha"])
    assert table.loc["forensic", "alpha"] == 1.0


def test_alpha_is_one_for_agreement_below_zero_for_systematic_disagreement():
    agree = pd.DataFrame([[0, 2, 4], [0, 2, 4]], index=["a", "b"], dtype=float)
    assert model._alpha(agree, "ordinal") == 1.0
    opposite = pd.DataFrame([[0, 4, 0, 4], [4, 0, 4, 0]], index=["a", "b"], dtype=float)
    assert model._alpha(opposite, "ordinal") < 0


@pytest.mark.parametrize(
    "matrix",
    [
        [[1.0, 2.0]],  # one rater
        [[1.0, NAN], [NAN, 2.0]],  # no unit rated twice
    ],
)
def test_alpha_is_undefined_without_two_raters_on_a_unit(matrix):
    assert np.isnan(model._alpha(pd.DataFrame(matrix), "ordinal"))


def test_vignette_agreement_per_vignette(course):
    moves = course.vignettes["mehmet_acute"].moves
    key = moves["key"]
    other = {"personal": "clinical", "clinical": "personal"}
    rows = [(p, "mehmet_acute", m, key[m], "") for p in "ab" for m in moves.index]
    rows += [("c", "mehmet_acute", m, other[key[m]], "") for m in moves.index]
    tags = pd.DataFrame(rows, columns=["pseudonym", "vignette_id", "move", "orientation", "dimension"])
    table = model.vignette_agreement(tags, course.vignettes).set_index("vignette_id")
    assert table.loc["mehmet_acute", ["students", "agree_with_key"]].tolist() == [3, 0.67]
    assert table.loc["mehmet_acute", "alpha"] < 0.5
    untagged = next(v for v in course.vignettes if v != "mehmet_acute")
    assert table.loc[untagged, "students"] == 0 and np.isnan(table.loc[untagged, "agree_with_key"])


def test_discussion_prompts_put_the_most_split_first_then_the_least_agreement():
    agreement = pd.DataFrame(
        {
            "key": ["personal"] * 4,
            "students": [4, 4, 4, 0],
            "agree_with_key": [0.5, 0.25, 1.0, np.nan],
            "personal": [0.5, 0.25, 1.0, np.nan],
            "split": [1.0, 0.5, 0.0, np.nan],
        },
        index=[1, 2, 3, 4],
    )
    assert list(model.discussion_prompts(agreement).index) == [1, 2, 3]
    assert list(model.discussion_prompts(agreement, count=1).index) == [1]
    tie = agreement.assign(split=[0.5, 0.5, 0.5, np.nan])
    assert list(model.discussion_prompts(tie).index) == [2, 1, 3]
    many = pd.concat([agreement.iloc[:3], agreement.iloc[:3].set_axis([5, 6, 7])])
    assert len(model.discussion_prompts(many)) == 3  # three prompts unless asked for more


# ---------------------------------------------------------------- details a wrong model would get wrong


def test_alpha_with_a_single_unit_rated_twice_is_defined():
    """One unit with two different ratings is enough to compute alpha (it is 0 there), whichever
    rater rated the other units."""
    table = pd.DataFrame([[0.0, NAN, 3.0], [2.0, 4.0, NAN]], index=["a", "b"])
    assert model._alpha(table, "ordinal") == 0.0
    assert np.isnan(model._alpha(pd.DataFrame([[1.0, 1.0], [1.0, 1.0]]), "ordinal"))  # no variation at all


def test_alpha_is_ordinal_and_rounded_to_three_decimals():
    table = pd.DataFrame([[0, 1, 3, 4, 2], [1, 1, 4, 4, 0], [0, 2, 3, 3, 2]], dtype=float)
    ordinal, nominal = model._alpha(table, "ordinal"), model._alpha(table, "nominal")
    assert ordinal == 0.751 and nominal == 0.222


def test_ward_agreement_is_sorted_by_ward_and_counts_students_per_item():
    rows = scores_frame(
        [
            ("b", "forensic", "grensbepaling", 4),
            ("a", "adolescent", "grensbepaling", 1),
            ("a", "forensic", "grensbepaling", 3),
            ("b", "adolescent", "grensbepaling", 2),
            ("a", "adolescent", "goal_shared", 2),
            ("b", "adolescent", "goal_shared", 3),
        ]
    )
    table = model.ward_agreement(rows)
    assert list(table.columns) == ["scope", "id", "students", "units", "alpha"]
    assert list(table["id"][:2]) == ["adolescent", "forensic"]
    item = table.set_index("id").loc["grensbepaling"]
    assert item[["students", "units"]].tolist() == [2, 2] and item["alpha"] == 0.7
    assert table.set_index("id").loc["adolescent", ["students", "units"]].tolist() == [2, 2]


def test_move_agreement_shares_and_types(course):
    moves = course.vignettes["mehmet_acute"].moves
    key1 = moves.loc[1, "key"]
    other = "clinical" if key1 == "personal" else "personal"
    tags = pd.DataFrame(
        [("a", "mehmet_acute", 1, key1, ""), ("b", "mehmet_acute", 1, key1, ""), ("c", "mehmet_acute", 1, other, "")],
        columns=["pseudonym", "vignette_id", "move", "orientation", "dimension"],
    )
    agreement = model.move_agreement(tags, moves)
    assert agreement.loc[1, "agree_with_key"] == 0.67
    assert agreement.loc[1, "personal"] == (0.67 if key1 == "personal" else 0.33)
    assert agreement["students"].dtype.kind == "i" and agreement.loc[2, "students"] == 0
    one = model.discussion_prompts(model.move_agreement(tags[tags["pseudonym"] == "a"], moves))
    assert list(one.index) == [1]  # a move one student tagged can be discussed


def test_class_vs_reference_has_median_and_whole_student_counts(course):
    rows = scores_frame([(p, "forensic", "grensbepaling", v) for p, v in zip("abc", (1, 2, 4), strict=True)])
    stats = model.class_vs_reference(rows, course.reference, "forensic")
    assert stats.loc["grensbepaling", ["students", "mean", "median"]].tolist() == [3, 2.33, 2]
    assert stats["students"].dtype.kind == "i"


def test_vignette_agreement_columns_and_exact_alpha(course):
    moves = course.vignettes["mehmet_acute"].moves
    assert moves["key"].iloc[:6].tolist() == ["clinical"] * 5 + ["personal"]  # the case below is built on this
    rows = [
        (p, "mehmet_acute", m, moves.loc[m, "key"] if (p, m) != ("c", 1) else "personal", "")
        for p in "abc"
        for m in moves.index[:6]
    ]  # c disagrees with the key on move 1 only
    tags = pd.DataFrame(rows, columns=["pseudonym", "vignette_id", "move", "orientation", "dimension"])
    table = model.vignette_agreement(tags, course.vignettes)
    assert list(table.columns) == ["vignette_id", "students", "agree_with_key", "alpha"]
    mehmet = table.set_index("vignette_id").loc["mehmet_acute"]
    assert mehmet[["students", "agree_with_key", "alpha"]].tolist() == [3, 0.94, 0.696]


def test_inputs_in_another_order_are_read_by_item_not_by_position(course):
    shuffled = profile(4, 0, 3, 1)[::-1]
    assert model.fit_gaps(shuffled, profile(2, 3, 2, 4)[::-1])["gap"].tolist() == [2, -3, 1, -3]
    assert model.ideal_real_gaps(shuffled, profile(4, 0, 3, 1))["difference"].tolist() == [0, 0, 0, 0]
    diff = model.score_differences(profile(4, 2, 0, 3), profile(2, 3, 2, 4)[::-1])
    assert diff["reference"].tolist() == [2, 3, 2, 4]
    before = pd.Series({"a": 1, "b": 2})
    assert model.redesign_changes(before, pd.Series({"b": 3, "a": 1})).to_dict("index") == {
        "b": {"before": 2, "after": 3, "change": 1}
    }
    same = model.fit_gaps(profile(2, 2, 2, 2), profile(2, 2, 2, 2))
    verdict = model.equilibrium_verdict(conditions(1, 4, 2, 4)[::-1], same)
    assert kinds(verdict) == [("goal_shared", "condition", "serious"), ("structure_respected", "condition", "strain")]
    reading = model.zingeving_reading(zingeving(2, 4, 1)[::-1], conditions(1, 4, 2, 4)[::-1], profile(2, 2, 2, 2))
    assert kinds(reading) == [
        ("zingeving_clients", "zingeving", "strain"),
        ("zingeving_surroundings", "zingeving", "serious"),
        ("goal_shared", "condition", "serious"),
        ("structure_respected", "condition", "strain"),
    ]
    extra = pd.concat([shuffled, pd.Series({"zingeving": 4.0})])
    gaps = model.ideal_real_gaps(extra, extra)
    assert list(gaps.index) == list(PROFILE_IDS) and gaps["ideal"].tolist() == [4, 0, 3, 1]
    assert model.redesign_changes(before, pd.Series({"b": 2, "a": 1, "c": 5})).empty
    wards = course.wards.iloc[::-1].copy()
    table = model.pairing_table(course.reference, course.needs, course.wards, course.client_groups)
    assert model.own_group_benefit_mismatches(table, wards).empty


def test_the_largest_ideal_real_difference_may_be_one_step():
    gaps = model.ideal_real_gaps(profile(2, 2, 2, 2), profile(3, 2, 2, 2))
    assert gaps["largest"].tolist() == [True, False, False, False]


def test_zingeving_points_are_complete_records():
    reading = model.zingeving_reading(zingeving(0, 4, 4), conditions(4, 4, 4, 4), profile(0, 2, 2, 2))
    records = reading.points.fillna(-1).to_dict("records")
    blank = {"need": -1, "gap": -1, "direction": "", "words": ""}
    assert records == [
        {"item_id": "zingeving_clients", "kind": "zingeving", "severity": "serious", "score": 0, **blank},
        {"item_id": "doelverwerving", "kind": "goal", "severity": "serious", "score": 0, **blank},
        {"item_id": "zingeving_clients", "kind": "check", "severity": "note", "score": 0, **blank},
    ]


def test_own_group_assessment_names_its_pairing_and_reads_its_own_zingeving(course):
    result = model.assess_pairing(
        course.reference, course.needs, course.wards, "long_stay_rehab", "long_term_psychosis", course.client_groups
    )
    assert (result.ward_id, result.client_group_id) == ("long_stay_rehab", "long_term_psychosis")
    assert kinds(result.zingeving)[:3] == [(z, "zingeving", "strain") for z in ZINGEVING_IDS]
    table = model.pairing_table(course.reference, course.needs, course.wards, course.client_groups)
    own = table[table["own_group"]].set_index("ward_id")["zingeving"]
    assert own.to_dict() == {
        "acute_admission": "not_fulfilled",
        "long_stay_rehab": "not_fulfilled",
        "forensic": "fulfilled",
        "adolescent": "fragile",
        "addiction": "fragile",
        "personality_disorders": "fulfilled",
    }


def test_fit_matrix_keeps_two_decimals_with_a_third_of_a_step():
    profiles = pd.DataFrame([profile(2, 2, 2, 2)], index=["w"])
    needs = pd.DataFrame({"client_group_id": ["g"] * 3, "function_id": list(PROFILE_IDS[:3]), "need": [3, 2, 2]})
    assert model.fit_matrix(profiles, needs).loc["w", "g"] == 0.33


def test_score_vignette_needs_no_dimension_column_and_names_what_is_allowed(course):
    scored = model.score_vignette(vignette_moves(), pd.DataFrame({"orientation": {1: "clinical"}}), course.dimensions)
    assert scored["dimension"].tolist() == ["", "", "", ""] and scored["dimension_agrees"].isna().all()
    assert scored["orientation"].tolist() == ["clinical", "", "", ""]
    gaps = pd.DataFrame({"orientation": {1: "clinical", 2: None}, "dimension": {1: None, 2: "hope"}})
    partly = model.score_vignette(vignette_moves(), gaps, course.dimensions)
    assert partly["orientation"].tolist() == ["clinical", "", "", ""] and partly["dimension"].tolist() == [
        "",
        "hope",
        "",
        "",
    ]
    assert partly["answered"].tolist() == [True, False, False, False]
    assert scored["dimension_agrees"].dtype == float
    with pytest.raises(ValueError, match="allowed: hope, meaning, own_direction"):
        model.score_vignette(
            vignette_moves(), pd.DataFrame({"orientation": {1: "x"}, "dimension": {1: "x"}}), course.dimensions
        )


def test_summary_of_nothing():
    empty = pd.DataFrame({"key": pd.Series(dtype=object), "dimension": pd.Series(dtype=object)})
    dimensions = pd.DataFrame(index=["own_direction", "topdown_goals"])
    summary = model.orientation_summary(empty, dimensions)
    assert summary["personal_share"] == 0.0 and summary["moves"] == 0 and summary["goal_setter"] == "none"
    assert summary["personal_percent"] == 0


def test_simulation_starts_near_0_6_and_never_leaves_0_to_1():
    start = model.simulate_equilibrium(members=4, steps=0, seed=5)["level"].to_numpy()
    expected = 0.6 + np.random.default_rng(5).normal(0, 0.05, 4)
    assert np.allclose(start, expected)
    crashed = model.simulate_equilibrium(members=4, disruption=1.0, system_pressure=1.0, care=0.0, steps=60)
    assert crashed["level"].min() == 0.0 and crashed["level"].between(0, 1).all()


def test_an_untagged_class_still_gets_every_column(course):
    tags = pd.DataFrame(columns=["pseudonym", "vignette_id", "move", "orientation", "dimension"])
    table = model.vignette_agreement(tags, course.vignettes)
    assert list(table.columns) == ["vignette_id", "students", "agree_with_key", "alpha"]
    assert table["agree_with_key"].isna().all() and (table["students"] == 0).all()


@pytest.mark.parametrize(
    ("students", "alpha", "reason"),
    [
        (0, NAN, "few_students"),
        (1, NAN, "few_students"),
        (1, 0.5, "few_students"),
        (2, NAN, "undefined"),
        (2, 0.0, None),
    ],
)
def test_why_an_agreement_row_has_no_alpha(students, alpha, reason):
    assert model.why_no_alpha(students, alpha) == reason


def test_an_item_scored_on_one_ward_has_no_alpha_and_says_why():
    """With one unit, alpha's expected disagreement is that unit's own: it would print 0.00 (no agreement
    beyond chance) whatever the class scored. Found: a class that scored one ward showed 0.00 per item."""
    rows = [
        {"pseudonym": p, "ward_id": "w1", "item_id": item, "score": (i + s) % 5}
        for s, p in enumerate(["a", "b", "c"])
        for i, item in enumerate(WARD_ITEMS)
    ]
    agreement = model.ward_agreement(pd.DataFrame(rows)).set_index("id")
    assert agreement.loc["w1", "alpha"] == agreement.loc["w1", "alpha"], "the ward itself has eleven units"
    items = agreement.loc[list(WARD_ITEMS)]
    assert items["alpha"].isna().all() and (items["units"] == 1).all()
    columns = zip(items["students"], items["alpha"], items["units"], strict=True)
    assert {model.why_no_alpha(n, a, u) for n, a, u in columns} == {"one_unit"}
    assert model.why_no_alpha(3, NAN, 1) == "one_unit" and model.why_no_alpha(1, NAN, 1) == "few_students"
