"""The course's scoring model and didactic simulations: pure functions, pandas in, pandas out.

The scoring model (SPEC §4, explained in lesson 03):

* A ward's **profile** scores how strongly each of the five functions is filled in, 0–4.
  A profile is not a grade: higher is not better.
* The **fit** compares the profile with what a client group needs, per function:
  ``gap = ward − need``; a negative gap is *too little* (too loose), a positive gap
  *too much* (too tight).
* The **verdict** on the equilibrium follows from the four meaningfulness conditions
  (each 0–4, how far it is met) and the fit:

  - a *strain point* is a condition scored 2, or a function whose gap is exactly ±2;
  - a *serious point* is a condition scored 0–1, or a function whose gap is ±3 or more;
  - **less healthy** with any serious point or 3+ strain points; **under strain** with
    1–2 strain points; **healthy** with none.

  This is a teaching device, not a validated instrument.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.data import CONDITION_IDS, FUNCTION_IDS

VERDICTS = ("healthy", "under_strain", "less_healthy")
STRAIN_GAP, SERIOUS_GAP = 2, 3
STRAIN_CONDITION, SERIOUS_CONDITION = 2, 1
STRAIN_POINTS_FOR_LESS_HEALTHY = 3


# ---------------------------------------------------------------- ward profiles and fit

def reference_scores(reference: pd.DataFrame, ward_id: str, items: tuple[str, ...]) -> pd.Series:
    """The reference scores of one ward for ``items`` (function or condition ids), in that order."""
    rows = reference[reference["ward_id"] == ward_id].set_index("item_id")
    return rows["score"].reindex(list(items)).rename(ward_id)


def ward_profile(reference: pd.DataFrame, ward_id: str) -> pd.Series:
    """The reference profile (five functions, 0–4) of one ward; a missing function is NaN."""
    return reference_scores(reference, ward_id, FUNCTION_IDS)


def ward_conditions(reference: pd.DataFrame, ward_id: str) -> pd.Series:
    """The reference scores (0–4) of the four meaningfulness conditions of one ward."""
    return reference_scores(reference, ward_id, CONDITION_IDS)


def all_profiles(reference: pd.DataFrame) -> pd.DataFrame:
    """Wards × functions table of reference profiles."""
    table = reference[reference["item_id"].isin(FUNCTION_IDS)].pivot(
        index="ward_id", columns="item_id", values="score")
    return table.reindex(columns=list(FUNCTION_IDS))


def group_needs(needs: pd.DataFrame, client_group_id: str) -> pd.Series:
    """What one client group needs of each function (0–4); a need not stated is NaN."""
    rows = needs[needs["client_group_id"] == client_group_id].set_index("function_id")
    return rows["need"].reindex(list(FUNCTION_IDS)).rename(client_group_id)


def fit_gaps(profile: pd.Series, need: pd.Series) -> pd.DataFrame:
    """Per function: score, need, signed gap (score − need), its size and direction.

    direction is ``"under"`` (too little / too loose), ``"fit"`` (within 1) or ``"over"``
    (too much / too tight); ``"unknown"`` where the score or the need is missing.
    """
    frame = pd.DataFrame({"score": profile.reindex(list(FUNCTION_IDS)),
                          "need": need.reindex(list(FUNCTION_IDS))})
    frame.index.name = "function_id"
    frame["gap"] = frame["score"] - frame["need"]
    frame["size"] = frame["gap"].abs()
    frame["direction"] = np.select(
        [frame["gap"].isna(), frame["gap"] <= -STRAIN_GAP, frame["gap"] >= STRAIN_GAP],
        ["unknown", "under", "over"], default="fit")
    return frame


def fit_matrix(profiles: pd.DataFrame, needs: pd.DataFrame) -> pd.DataFrame:
    """Wards × client groups: the mean absolute gap over the functions (0 = perfect fit)."""
    need_table = needs.pivot(index="client_group_id", columns="function_id", values="need")
    need_table = need_table.reindex(columns=list(FUNCTION_IDS))
    diff = profiles.to_numpy(dtype=float)[:, None, :] - need_table.to_numpy(dtype=float)[None, :, :]
    with np.errstate(invalid="ignore"):
        mean_gap = np.nanmean(np.abs(diff), axis=2) if diff.size else np.empty((len(profiles), 0))
    return pd.DataFrame(mean_gap, index=profiles.index, columns=need_table.index).round(2)


@dataclass(frozen=True)
class Verdict:
    """The equilibrium verdict with the points that led to it.

    ``points`` has one row per strain or serious point: item, kind (condition/function),
    severity (strain/serious), the score and, for functions, the need and gap.
    """

    level: str
    points: pd.DataFrame


def equilibrium_verdict(conditions: pd.Series, gaps: pd.DataFrame) -> Verdict:
    """Healthy / under strain / less healthy, from the conditions (0–4) and the fit gaps."""
    rows = []
    for condition_id, score in conditions.items():
        if pd.isna(score):
            continue
        severity = ("serious" if score <= SERIOUS_CONDITION else
                    "strain" if score <= STRAIN_CONDITION else None)
        if severity:
            rows.append({"item_id": condition_id, "kind": "condition", "severity": severity,
                         "score": score, "need": np.nan, "gap": np.nan})
    for function_id, row in gaps.iterrows():
        if pd.isna(row["gap"]):
            continue
        severity = ("serious" if abs(row["gap"]) >= SERIOUS_GAP else
                    "strain" if abs(row["gap"]) >= STRAIN_GAP else None)
        if severity:
            rows.append({"item_id": function_id, "kind": "function", "severity": severity,
                         "score": row["score"], "need": row["need"], "gap": row["gap"]})
    points = pd.DataFrame(rows, columns=["item_id", "kind", "severity", "score", "need", "gap"])
    serious = (points["severity"] == "serious").sum()
    strain = (points["severity"] == "strain").sum()
    if serious or strain >= STRAIN_POINTS_FOR_LESS_HEALTHY:
        level = "less_healthy"
    elif strain:
        level = "under_strain"
    else:
        level = "healthy"
    return Verdict(level, points)


def assess_ward(reference: pd.DataFrame, needs: pd.DataFrame, ward_id: str,
                client_group_id: str) -> tuple[pd.DataFrame, Verdict]:
    """The reference fit gaps of a ward for a client group, and the resulting verdict.

    >>> from helpers.data import load_course
    >>> course = load_course()
    >>> gaps, verdict = assess_ward(course.reference, course.needs, "forensic", "forensic_aggression")
    >>> verdict.level
    'healthy'
    """
    gaps = fit_gaps(ward_profile(reference, ward_id), group_needs(needs, client_group_id))
    return gaps, equilibrium_verdict(ward_conditions(reference, ward_id), gaps)


def score_differences(student: pd.Series, reference: pd.Series) -> pd.DataFrame:
    """Student against reference per item: both scores, the difference and whether it is ≥ 2."""
    frame = pd.DataFrame({"student": student, "reference": reference.reindex(student.index)})
    frame["difference"] = frame["student"] - frame["reference"]
    frame["large"] = frame["difference"].abs() >= 2
    return frame


# ---------------------------------------------------------------- quizzes

def score_answers(key: pd.Series, answers: pd.Series) -> pd.DataFrame:
    """Compare answers with the key per item; unanswered items count as wrong.

    Returns one row per item in ``key``: key, answer (empty when none) and correct.
    """
    answered = answers.reindex(key.index).fillna("")
    return pd.DataFrame({"key": key, "answer": answered, "correct": answered == key})


# ---------------------------------------------------------------- equilibrium simulation

def simulate_equilibrium(members: int = 8, disruption: float = 0.0, care: float = 0.7,
                         system_pressure: float = 0.0, steps: int = 40, seed: int = 1) -> pd.DataFrame:
    """A small didactic model of members adjusting to each other (not an empirical model).

    Each member has a *well-being* level between 0 and 1. Every step each member moves
    toward the group's mean (members attune to each other), toward a healthy level in
    proportion to ``care`` (how well the internal functions are looked after), and
    drifts down when care is low. Member 0 is the one the two routes into care are about:
    ``disruption`` (route b) pulls member 0 down and, through attunement, everyone else;
    ``system_pressure`` (route a) is a system that harms member 0 while the others adapt.
    Small seeded noise keeps runs lifelike and repeatable.

    Returns a tidy frame: step, member, level (one row per member per step).
    """
    if members < 2:
        raise ValueError(f"members must be 2 or more; found {members}")
    rng = np.random.default_rng(seed)
    level = np.full(members, 0.6) + rng.normal(0, 0.05, members)
    history = [level.copy()]
    attunement, healthy_level, drain = 0.25, 0.85, 0.06
    for _ in range(steps):
        mean = level.mean()
        change = attunement * (mean - level) + 0.2 * care * (healthy_level - level) - drain * (1 - care) * level
        change[0] -= 0.35 * disruption * level[0] + 0.3 * system_pressure * level[0]
        # a disruptive member drags the others down directly, too
        change[1:] -= 0.08 * disruption * (1 - level[0])
        level = np.clip(level + change + rng.normal(0, 0.01, members), 0, 1)
        history.append(level.copy())
    frame = pd.DataFrame(history).rename_axis("step").reset_index()
    return frame.melt(id_vars="step", var_name="member", value_name="level")


def equilibrium_summary(simulation: pd.DataFrame, healthy_from: float = 0.65,
                        less_healthy_below: float = 0.45) -> dict:
    """The state the simulated system settles in: mean level over the last five steps,
    member 0's level, and ``healthy`` / ``under_strain`` / ``less_healthy``."""
    last = simulation[simulation["step"] > simulation["step"].max() - 5]
    group_mean = float(last["level"].mean())
    member_zero = float(last.loc[last["member"] == 0, "level"].mean())
    lowest = min(group_mean, member_zero)
    state = ("healthy" if lowest >= healthy_from else
             "less_healthy" if lowest < less_healthy_below else "under_strain")
    return {"group_mean": round(group_mean, 2), "member_0": round(member_zero, 2), "state": state}


# ---------------------------------------------------------------- vignettes

def score_vignette(moves: pd.DataFrame, tags: pd.DataFrame, dimensions: pd.DataFrame) -> pd.DataFrame:
    """Per move: the key and the student's tag, and whether orientation and dimension agree.

    ``tags`` is indexed by move with columns ``orientation`` and ``dimension`` (either may be
    empty). A dimension that is not in ``dimensions`` raises ValueError.
    """
    tags = tags.reindex(moves.index).reindex(columns=["orientation", "dimension"]).fillna("")
    unknown = set(tags["dimension"]) - set(dimensions.index) - {""}
    if unknown:
        raise ValueError(f"unknown dimension {sorted(unknown)[0]!r}; allowed: {', '.join(dimensions.index)}")
    result = pd.DataFrame({"key": moves["key"], "key_dimension": moves["dimension"],
                           "orientation": tags["orientation"], "dimension": tags["dimension"]})
    result["answered"] = result["orientation"] != ""
    result["correct"] = result["orientation"] == result["key"]
    result["dimension_correct"] = np.where(result["dimension"] == "", np.nan,
                                           (result["dimension"] == result["key_dimension"]).astype(float))
    return result


def orientation_summary(moves: pd.DataFrame, dimensions: pd.DataFrame) -> dict:
    """How recovery-oriented the care in a vignette is, from its key.

    Returns the share of personal moves, the moves per dimension (all dimensions, zeros
    included), and who sets the goals: ``"person"`` when own-direction moves outnumber
    top-down-goal moves, ``"professionals"`` when the reverse, else ``"shared"``.
    """
    counts = moves["dimension"].value_counts().reindex(dimensions.index, fill_value=0)
    own, top_down = counts.get("own_direction", 0), counts.get("topdown_goals", 0)
    return {
        "moves": len(moves),
        "personal_share": round(float((moves["key"] == "personal").mean()), 2) if len(moves) else 0.0,
        "per_dimension": counts.rename("moves"),
        "goal_setter": "person" if own > top_down else "professionals" if top_down > own else "shared",
    }


def agreement_with_key(scored: pd.DataFrame) -> float:
    """Share of moves whose orientation the student tagged as in the key (0 with no moves)."""
    return round(float(scored["correct"].mean()), 2) if len(scored) else 0.0


# ---------------------------------------------------------------- the class dashboard

def class_vs_reference(ward_scores: pd.DataFrame, reference: pd.DataFrame, ward_id: str) -> pd.DataFrame:
    """Per item of one ward: students, class mean, median, spread, the reference and mean − reference."""
    rows = ward_scores[ward_scores["ward_id"] == ward_id]
    stats = rows.groupby("item_id")["score"].agg(students="count", mean="mean", median="median", sd="std")
    items = [i for i in (*FUNCTION_IDS, *CONDITION_IDS)]
    stats = stats.reindex(items)
    stats["reference"] = reference_scores(reference, ward_id, tuple(items))
    stats["difference"] = stats["mean"] - stats["reference"]
    stats["students"] = stats["students"].fillna(0).astype(int)
    return stats.round(2)


def _alpha(matrix: pd.DataFrame, level: str, domain: list | None) -> float:
    """Krippendorff's alpha of a raters × units table (NaN = not rated); NaN when undefined."""
    import krippendorff

    values = matrix.to_numpy(dtype=float)
    rated = ~np.isnan(values)
    pairable_units = (rated.sum(axis=0) >= 2).sum()
    if values.shape[0] < 2 or pairable_units < 1:
        return float("nan")
    with np.errstate(all="ignore"):
        try:
            value = krippendorff.alpha(reliability_data=values, level_of_measurement=level, value_domain=domain)
        except (ValueError, ZeroDivisionError):
            return float("nan")
    return round(float(value), 3)


def ward_agreement(ward_scores: pd.DataFrame) -> pd.DataFrame:
    """Inter-rater agreement (Krippendorff's alpha, ordinal) on the ward scorings.

    One row per ward (units: its nine items, raters: students) and one row per function
    (units: the wards, raters: students), with the number of students and units.
    """
    rows = []
    for ward_id, scores in ward_scores.groupby("ward_id", sort=True):
        table = scores.pivot(index="pseudonym", columns="item_id", values="score")
        rows.append({"scope": "ward", "id": ward_id, "students": len(table), "units": table.shape[1],
                     "alpha": _alpha(table, "ordinal", list(range(5)))})
    for function_id in (*FUNCTION_IDS, *CONDITION_IDS):
        scores = ward_scores[ward_scores["item_id"] == function_id]
        table = scores.pivot(index="pseudonym", columns="ward_id", values="score")
        rows.append({"scope": "function" if function_id in FUNCTION_IDS else "condition", "id": function_id,
                     "students": len(table), "units": table.shape[1],
                     "alpha": _alpha(table, "ordinal", list(range(5))) if len(table) else float("nan")})
    return pd.DataFrame(rows, columns=["scope", "id", "students", "units", "alpha"])


def move_agreement(tags: pd.DataFrame, moves: pd.DataFrame) -> pd.DataFrame:
    """Per move of one vignette: students who tagged it, the share agreeing with the key,
    the share tagging it personal, and how split the class is (1 = half/half, 0 = unanimous)."""
    counts = tags.groupby("move")["orientation"].agg(
        students="count", personal=lambda s: (s == "personal").mean())
    frame = pd.DataFrame({"key": moves["key"]}).join(counts)
    frame["students"] = frame["students"].fillna(0).astype(int)
    agree = tags.merge(moves[["key"]], left_on="move", right_index=True)
    frame["agree_with_key"] = (agree["orientation"] == agree["key"]).groupby(agree["move"]).mean()
    frame["split"] = 1 - (2 * frame["personal"] - 1).abs()
    return frame[["key", "students", "agree_with_key", "personal", "split"]].round(2)


def discussion_prompts(agreement: pd.DataFrame, count: int = 3) -> pd.DataFrame:
    """The moves the class disagreed on most: most split first, then least agreement with the key."""
    answered = agreement[agreement["students"] > 0]
    return answered.sort_values(["split", "agree_with_key"], ascending=[False, True], kind="stable").head(count)


def vignette_agreement(tags: pd.DataFrame, vignettes: dict) -> pd.DataFrame:
    """Per vignette: students, mean share of moves agreeing with the key, and Krippendorff's alpha
    (nominal) of the orientation tags among students."""
    rows = []
    for vignette_id, vignette in vignettes.items():
        rows_v = tags[tags["vignette_id"] == vignette_id]
        if rows_v.empty:
            rows.append({"vignette_id": vignette_id, "students": 0, "agree_with_key": np.nan, "alpha": np.nan})
            continue
        merged = rows_v.merge(vignette.moves[["key"]], left_on="move", right_index=True)
        per_student = (merged["orientation"] == merged["key"]).groupby(merged["pseudonym"]).mean()
        table = rows_v.pivot(index="pseudonym", columns="move", values="orientation").replace(
            {"personal": 1.0, "clinical": 0.0}).astype(float)
        rows.append({"vignette_id": vignette_id, "students": int(rows_v["pseudonym"].nunique()),
                     "agree_with_key": round(float(per_student.mean()), 2),
                     "alpha": _alpha(table, "nominal", [0.0, 1.0])})
    return pd.DataFrame(rows, columns=["vignette_id", "students", "agree_with_key", "alpha"])
