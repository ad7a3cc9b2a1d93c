"""The scoring model, the fit, the verdict and the equilibrium simulation."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import model
from helpers.data import CONDITION_IDS, FUNCTION_IDS, load_course


def profile(*values) -> pd.Series:
    return pd.Series(dict(zip(FUNCTION_IDS, values)), dtype=float)


def conditions(*values) -> pd.Series:
    return pd.Series(dict(zip(CONDITION_IDS, values)), dtype=float)


def test_fit_gaps_are_signed():
    gaps = model.fit_gaps(profile(4, 2, 0, 3, 1), profile(2, 2, 3, 2, 4))
    assert gaps["gap"].tolist() == [2, 0, -3, 1, -3]
    assert gaps["direction"].tolist() == ["over", "fit", "under", "fit", "under"]


def test_all_zeros_and_all_fours_are_both_misfits_for_a_middling_need():
    need = profile(2, 2, 2, 2, 2)
    low = model.fit_gaps(profile(0, 0, 0, 0, 0), need)
    high = model.fit_gaps(profile(4, 4, 4, 4, 4), need)
    assert (low["direction"] == "under").all() and (high["direction"] == "over").all()
    assert low["size"].sum() == high["size"].sum() == 10


def test_all_fours_is_not_better_than_a_fitting_profile():
    need = profile(3, 2, 1, 3, 2)
    fours = model.equilibrium_verdict(conditions(4, 4, 4, 4), model.fit_gaps(profile(4, 4, 4, 4, 4), need))
    fitting = model.equilibrium_verdict(conditions(4, 4, 4, 4), model.fit_gaps(need, need))
    assert fitting.level == "healthy" and fours.level != "healthy"


def test_function_missing_from_a_ward_is_unknown_not_zero():
    ward = profile(3, 3, 3, 3, 3).drop("grensbepaling")
    gaps = model.fit_gaps(ward, profile(3, 3, 3, 3, 3))
    assert gaps.loc["grensbepaling", "direction"] == "unknown"
    assert np.isnan(gaps.loc["grensbepaling", "gap"])
    assert model.equilibrium_verdict(conditions(3, 3, 3, 3), gaps).level == "healthy"


def test_client_group_with_no_need_stated():
    needs = pd.DataFrame({"client_group_id": ["g"], "function_id": ["zingeving"], "need": [2]})
    need = model.group_needs(needs, "g")
    assert need["zingeving"] == 2 and need.drop("zingeving").isna().all()
    gaps = model.fit_gaps(profile(2, 4, 4, 4, 4), need)
    assert (gaps["direction"] == ["fit", "unknown", "unknown", "unknown", "unknown"]).all()
    matrix = model.fit_matrix(pd.DataFrame([profile(2, 4, 4, 4, 4)], index=["w"]), needs)
    assert matrix.loc["w", "g"] == 0


@pytest.mark.parametrize("condition_scores, function_gap_profile, expected, serious, strain", [
    ((4, 4, 3, 3), (2, 2, 2, 2, 2), "healthy", 0, 0),
    ((2, 4, 3, 3), (2, 2, 2, 2, 2), "under_strain", 0, 1),
    ((3, 3, 3, 3), (4, 2, 2, 2, 0), "under_strain", 0, 2),
    ((2, 2, 3, 3), (4, 2, 2, 2, 2), "less_healthy", 0, 3),
    ((1, 4, 4, 4), (2, 2, 2, 2, 2), "less_healthy", 1, 0),
    ((4, 4, 4, 4), (2, 2, 2, 2, 4), "under_strain", 0, 1),
    ((4, 4, 4, 4), (2, 2, 2, 2, 0), "under_strain", 0, 1),
])
def test_verdict_rule(condition_scores, function_gap_profile, expected, serious, strain):
    gaps = model.fit_gaps(profile(*function_gap_profile), profile(2, 2, 2, 2, 2))
    verdict = model.equilibrium_verdict(conditions(*condition_scores), gaps)
    assert verdict.level == expected
    assert (verdict.points["severity"] == "serious").sum() == serious
    assert (verdict.points["severity"] == "strain").sum() == strain


def test_gap_of_three_is_serious():
    gaps = model.fit_gaps(profile(1, 2, 2, 2, 2), profile(4, 2, 2, 2, 2))
    verdict = model.equilibrium_verdict(conditions(4, 4, 4, 4), gaps)
    assert verdict.level == "less_healthy"
    assert verdict.points.iloc[0][["item_id", "severity", "gap"]].tolist() == ["zingeving", "serious", -3]


def test_reference_data_gives_every_verdict():
    course = load_course()
    levels = set()
    for ward_id, ward in course.wards.iterrows():
        gaps = model.fit_gaps(model.ward_profile(course.reference, ward_id),
                              model.group_needs(course.needs, ward["client_group_id"]))
        levels.add(model.equilibrium_verdict(model.ward_conditions(course.reference, ward_id), gaps).level)
    assert levels == set(model.VERDICTS)


def test_each_ward_fits_its_own_group_better_than_average():
    course = load_course()
    matrix = model.fit_matrix(model.all_profiles(course.reference), course.needs)
    for ward_id, ward in course.wards.iterrows():
        assert matrix.loc[ward_id, ward["client_group_id"]] < matrix.loc[ward_id].mean()


def test_score_differences_flags_large_ones():
    diff = model.score_differences(profile(4, 2, 0, 3, 1), profile(2, 2, 1, 3, 4))
    assert diff["difference"].tolist() == [2, 0, -1, 0, -3]
    assert diff["large"].tolist() == [True, False, False, False, True]


def test_score_answers_counts_unanswered_as_wrong():
    key = pd.Series({"a": "x", "b": "y", "c": "z"})
    result = model.score_answers(key, pd.Series({"a": "x", "b": "z"}))
    assert result["correct"].tolist() == [True, False, False]
    assert result.loc["c", "answer"] == ""


def test_score_answers_with_no_answers():
    result = model.score_answers(pd.Series({"a": "x"}), pd.Series(dtype=object))
    assert not result["correct"].any()


def test_simulation_is_seeded_and_bounded():
    first = model.simulate_equilibrium(members=6, seed=3)
    again = model.simulate_equilibrium(members=6, seed=3)
    other = model.simulate_equilibrium(members=6, seed=4)
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)
    assert first["level"].between(0, 1).all()
    assert len(first) == 6 * 41


def test_simulation_shows_healthy_and_less_healthy_equilibria():
    assert model.equilibrium_summary(model.simulate_equilibrium(care=0.8))["state"] == "healthy"
    assert model.equilibrium_summary(model.simulate_equilibrium(care=0.1))["state"] == "less_healthy"


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
