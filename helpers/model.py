"""The course's scoring model and didactic simulations: pure functions, pandas in, pandas out.

The scoring model (SPEC §4, explained in lessons 02–04), after the professional profile of the
Instituut voor Sociotherapie:

* A ward's **profile** scores how strongly it fills in the four functions through which it
  *functions*: the external goal (doelverwerving) and the internal functions (grensbepaling,
  structurering, energieverzorging), each 0–4. A profile is not a grade: higher is not better.
* **Zingeving** is the ward's reason to exist. It is not on the profile scale and has no "too
  much": it is judged as how far that reason is experienced by the clients and by the staff and
  accepted by the surroundings (each 0–4, higher is better). ``zingeving_reading`` relates it to
  the four meaningfulness conditions (a reason whose conditions fail cannot be experienced for
  long) and to the external goal (with no external goal there is nothing to fulfil it through).
* The four **conditions** (0–4, how far met) describe the ward with its own clients and staff.
* The **fit** compares the profile with what a client group needs, per function:
  ``gap = ward − need``; negative is too little (too loose), positive too much (too tight).
  For another client group only the fit can be judged: ``assess_pairing`` gives no equilibrium
  verdict there, because the conditions depend on who is on the ward.
* **Admission** comes before any fit: a ward is *not a setting for* a client group whose ages, legal
  frame (voluntary, Wvggz, TBS) or length of stay it does not admit (``admission_barriers``). Four
  levels of intensity cannot tell a 15-year-old from an adult on a court order. For another group it
  does admit, the course says only how close the *profile* is to that group's needs
  (``PROXIMITY_OF_FIT``), never that the group would benefit or that the ward fits it.
* Thresholds, the same for every judgement: a gap of exactly ±2, or a condition or zingeving part
  scored 2, is a *strain point*; a gap of ±3 or more, or a score of 0–1, is a *serious point*.
  The **equilibrium verdict** (conditions and fit) is *less healthy* with any serious point or 3+
  strain points, *under strain* with 1–2 strain points, else *healthy*. The **fit level** uses the
  same rule on the gaps alone (*misfits* / *fits partly* / *fits*), and for the ward's own client
  group it decides whether they benefit from the ward (``no`` / ``partly`` / ``yes``).

This is a teaching device, not a validated instrument.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, TypedDict, cast

import numpy as np
import pandas as pd

from helpers.vocabulary import CONDITION_IDS, PROFILE_IDS, WARD_ITEMS, ZINGEVING_IDS

VERDICTS = ("healthy", "under_strain", "less_healthy")
FIT_LEVELS = ("fits", "fits_partly", "misfits")
ZINGEVING_LEVELS = ("fulfilled", "fragile", "not_fulfilled")
BENEFIT_OF_FIT = {"fits": "yes", "fits_partly": "partly", "misfits": "no"}  # values as in wards.csv
# what the course says of a ward's profile for another client group the ward could admit (never "fits")
PROXIMITY_OF_FIT = {"fits": "profile_close", "fits_partly": "profile_partly_far", "misfits": "profile_far"}
NOT_A_SETTING = "not_a_setting"
# what the fit explorer says of a ward for a client group: its own group's fit, a profile's distance, or no setting
STATEMENTS = (*FIT_LEVELS, *PROXIMITY_OF_FIT.values(), NOT_A_SETTING)
ADMISSION_BARRIERS = ("age", "legal_frame", "stay")
STRAIN_GAP, SERIOUS_GAP = 2, 3
STRAIN_SCORE, SERIOUS_SCORE = 2, 1  # conditions and zingeving parts: 2 is strain, 0–1 serious
STRAIN_POINTS_FOR_LESS_HEALTHY = 3
LARGE_DIFFERENCE = 2  # student against reference: a difference this large is highlighted
# Words for a misfit: boundaries and structure are too loose / too tight; the others too little / too much.
TIGHTNESS_FUNCTIONS = ("grensbepaling", "structurering")
POINT_COLUMNS = ["item_id", "kind", "severity", "score", "need", "gap", "direction", "words"]


# ---------------------------------------------------------------- reading the reference data


def reference_scores(reference: pd.DataFrame, ward_id: str, items: tuple[str, ...]) -> pd.Series:
    """The reference scores of one ward for ``items``, in that order (NaN where missing)."""
    rows = reference[reference["ward_id"] == ward_id].set_index("item_id")
    return rows["score"].reindex(list(items))


def ward_profile(reference: pd.DataFrame, ward_id: str) -> pd.Series:
    """The reference profile of one ward: the four profile functions, 0–4."""
    return reference_scores(reference, ward_id, PROFILE_IDS)


def ward_zingeving(reference: pd.DataFrame, ward_id: str) -> pd.Series:
    """The reference zingeving judgement of one ward: experienced by clients, by staff, accepted by the surroundings."""
    return reference_scores(reference, ward_id, ZINGEVING_IDS)


def ward_conditions(reference: pd.DataFrame, ward_id: str) -> pd.Series:
    """The reference scores (0–4) of the four meaningfulness conditions of one ward."""
    return reference_scores(reference, ward_id, CONDITION_IDS)


def all_profiles(reference: pd.DataFrame) -> pd.DataFrame:
    """Wards × profile functions table of reference profiles."""
    table = reference[reference["item_id"].isin(PROFILE_IDS)].pivot(index="ward_id", columns="item_id", values="score")
    return table.reindex(columns=list(PROFILE_IDS))


def group_needs(needs: pd.DataFrame, client_group_id: str) -> pd.Series:
    """What one client group needs of each profile function (0–4); a need not stated is NaN."""
    rows = needs[needs["client_group_id"] == client_group_id].set_index("function_id")
    return rows["need"].reindex(list(PROFILE_IDS))


# ---------------------------------------------------------------- severities


def gap_severity(gap: float) -> str:
    """``fit`` (within ±1), ``strain`` (exactly ±2), ``serious`` (±3 or more) or ``unknown`` (NaN)."""
    if pd.isna(gap):
        return "unknown"
    size = abs(gap)
    return "serious" if size >= SERIOUS_GAP else "strain" if size >= STRAIN_GAP else "fit"


def score_severity(score: float) -> str | None:
    """For a how-far-met score (condition, zingeving part): ``serious`` (0–1), ``strain`` (2) or None."""
    if pd.isna(score):
        return None
    return "serious" if score <= SERIOUS_SCORE else "strain" if score <= STRAIN_SCORE else None


def misfit_words(function_id: str) -> str:
    """``loose_tight`` for grensbepaling and structurering, ``little_much`` for the other functions."""
    return "loose_tight" if function_id in TIGHTNESS_FUNCTIONS else "little_much"


# ---------------------------------------------------------------- fit


def fit_gaps(profile: pd.Series, need: pd.Series) -> pd.DataFrame:
    """Per profile function: score, need, signed gap (score − need), its size, severity and direction.

    ``direction`` is ``under`` (too little / too loose) or ``over`` (too much / too tight) for a
    gap of 2 or more, ``fit`` within ±1 and ``unknown`` where the score or the need is missing;
    ``words`` says which pair of words fits the function (see ``misfit_words``).
    """
    # built from plain lists in one step: column by column, pandas took ~1 ms a slider move for four rows
    profile = profile.reindex(list(PROFILE_IDS))
    scores = profile.to_numpy(dtype=float)
    needs = need.reindex(list(PROFILE_IDS)).to_numpy(dtype=float)
    gaps = scores - needs
    severities = [gap_severity(g) for g in gaps]
    # a strain or serious gap is never 0 or ±1, so "< 0", "<= 0" and "< 1" are equivalent: not mutated
    directions = [
        "unknown"
        if severity == "unknown"
        else "fit"
        if severity == "fit"
        else "under"
        if gap < 0
        else "over"  # pragma: no mutate
        for gap, severity in zip(gaps, severities, strict=True)
    ]
    return pd.DataFrame(
        {
            "score": scores,
            "need": needs,
            "gap": gaps,
            "size": np.abs(gaps),
            "severity": severities,
            "direction": directions,
            "words": [misfit_words(f) for f in PROFILE_IDS],
        },
        index=profile.index,
    )


def fit_matrix(
    profiles: pd.DataFrame, needs: pd.DataFrame, wards: Iterable[str] | None = None, groups: Iterable[str] | None = None
) -> pd.DataFrame:
    """Wards × client groups: the mean absolute gap over the profile functions (0 = perfect fit), rounded
    to two decimals (a mean of whole steps over four functions, such as 0.25, then stays exact).

    ``wards`` and ``groups`` (ids) give the order of the rows and the columns, as the course lists them:
    the heat map and the printed table show the same matrix in the same order. Without them the rows come
    in the profiles' order and the columns sorted by id."""
    need_table = needs.pivot(index="client_group_id", columns="function_id", values="need")
    need_table = need_table.reindex(columns=list(PROFILE_IDS))
    diff = profiles.to_numpy()[:, None, :] - need_table.to_numpy()[None, :, :]
    matrix = pd.DataFrame(np.nanmean(np.abs(diff), axis=2), index=profiles.index, columns=need_table.index).round(2)
    return matrix.reindex(
        index=profiles.index if wards is None else list(wards),
        columns=need_table.index if groups is None else list(groups),
    )


@dataclass(frozen=True)
class Judgement:
    """A judgement (verdict, fit level or zingeving reading) with the points that led to it.

    ``points`` has one row per point: item, kind (function, condition, zingeving, goal or check),
    severity (strain, serious, or note for a check that does not count), the score and, for
    functions, the need, gap, direction and words.
    """

    level: str
    points: pd.DataFrame


def _points(rows: list[tuple]) -> pd.DataFrame:
    """A points table from rows of (item_id, kind, severity, score[, need, gap, direction, words])."""
    full = [(*row, *(np.nan, np.nan, "", "")[len(row) - 4 :]) for row in rows]
    return pd.DataFrame(full, columns=POINT_COLUMNS)


def _function_points(gaps: pd.DataFrame) -> list[tuple]:
    columns = ("severity", "score", "need", "gap", "direction", "words")
    rows = zip(gaps.index, *(gaps[column].tolist() for column in columns), strict=True)
    return [(function_id, "function", *values) for function_id, *values in rows if values[0] in ("strain", "serious")]


def _score_points(scores: pd.Series, kind: str) -> list[tuple]:
    return [
        (item_id, kind, severity, score) for item_id, score in scores.items() if (severity := score_severity(score))
    ]


def _level(points: pd.DataFrame, levels: tuple[str, str, str]) -> str:
    """The first of ``levels`` (good, middle, bad) that the points allow."""
    severities = points["severity"].tolist()
    serious, strain = severities.count("serious"), severities.count("strain")
    if serious or strain >= STRAIN_POINTS_FOR_LESS_HEALTHY:
        return levels[2]
    return levels[1] if strain else levels[0]


def fit_level(gaps: pd.DataFrame) -> Judgement:
    """Fits / fits partly / misfits, from the gaps alone (the rule of the verdict without conditions)."""
    points = _points(_function_points(gaps))
    return Judgement(_level(points, FIT_LEVELS), points)


def equilibrium_verdict(conditions: pd.Series, gaps: pd.DataFrame) -> Judgement:
    """Healthy / under strain / less healthy, from the ward's own conditions (0–4) and the fit gaps."""
    points = _points(_score_points(conditions.reindex(list(CONDITION_IDS)), "condition") + _function_points(gaps))
    return Judgement(_level(points, VERDICTS), points)


def zingeving_reading(zingeving: pd.Series, conditions: pd.Series, profile: pd.Series) -> Judgement:
    """Is the ward's reason to exist fulfilled? ``fulfilled``, ``fragile`` or ``not_fulfilled``.

    The source: zingeving can be fulfilled when there are external goals *and* the internal functions
    are looked after, and a system is meaningful to its participants when the four conditions hold.
    The rule treats the parts, the functions and the conditions alike:

    * A zingeving part scored 0–1 (not experienced by clients or staff, not accepted by the
      surroundings) is serious, 2 is strain.
    * A profile function at 0 is serious: with no external goal (doelverwerving 0) zingeving has
      nothing to be fulfilled through; with grensbepaling, structurering or energieverzorging at 0 an
      internal function is not looked after.
    * A condition scored 0–1 is serious (the system is not meaningful to its participants on it), 2 is
      strain (the meaning rests on a condition only partly met, so it cannot last as it is).
    * A check (severity ``note``, not counted): all four conditions met (3+) while clients or staff
      hardly experience the reason (0–1) contradicts the source, which calls such a system
      meaningful to its participants: look again at whose view was scored.

    ``not_fulfilled`` with any serious point; ``fragile`` with any strain point; else ``fulfilled``.
    """
    zingeving = zingeving.reindex(list(ZINGEVING_IDS))
    conditions = conditions.reindex(list(CONDITION_IDS))
    rows = _score_points(zingeving, "zingeving")
    profile = profile.reindex(list(PROFILE_IDS))
    rows += [
        (function_id, "goal" if function_id == "doelverwerving" else "internal", "serious", score)
        for function_id, score in profile.items()
        if score == 0
    ]
    rows += _score_points(conditions, "condition")
    members = zingeving[["zingeving_clients", "zingeving_staff"]]
    if (conditions > STRAIN_SCORE).all():  # all four met (an unscored one is not met)
        rows += [(item_id, "check", "note", score) for item_id, score in members[members <= SERIOUS_SCORE].items()]
    points = _points(rows)
    severities = set(points["severity"])
    level = "not_fulfilled" if "serious" in severities else "fragile" if "strain" in severities else "fulfilled"
    return Judgement(level, points)


# ---------------------------------------------------------------- a ward and a client group


def admission_barriers(ward: pd.Series, group: pd.Series) -> tuple[str, ...]:
    """Why a ward is not a setting for a client group: ``age`` (the group's ages are not all within the
    ward's), ``legal_frame`` (a frame the group's clients come under that the ward does not admit) and
    ``stay`` (the ward does not offer the group's length of stay). Empty: the ward could admit the group.

    >>> adults = pd.Series({"age_min": 18, "age_max": 65, "legal_frames": ("tbs",), "stays": ("long",)})
    >>> young = pd.Series({"age_min": 14, "age_max": 18, "legal_frames": ("voluntary",), "stay": "short"})
    >>> admission_barriers(adults, young)
    ('age', 'legal_frame', 'stay')
    """
    barriers = []
    if group["age_min"] < ward["age_min"] or group["age_max"] > ward["age_max"]:
        barriers.append("age")
    if not set(group["legal_frames"]) <= set(ward["legal_frames"]):
        barriers.append("legal_frame")
    if group["stay"] not in ward["stays"]:
        barriers.append("stay")
    return tuple(barriers)


@dataclass(frozen=True)
class PairingAssessment:
    """What the course says about one ward for one client group.

    ``barriers`` says why the ward is not a setting for the group (empty when it could admit it).
    ``statement`` is what the course says: for the ward's own group its fit level (``fits``,
    ``fits_partly``, ``misfits``); for another group it could admit how close the profile is
    (``profile_close``, ``profile_partly_far``, ``profile_far``); else ``not_a_setting``.
    ``benefit`` (``yes``/``partly``/``no``), ``verdict`` and ``zingeving`` belong to the ward's own
    clients and staff: None for any other client group.
    """

    ward_id: str
    client_group_id: str
    own_group: bool
    barriers: tuple[str, ...]
    gaps: pd.DataFrame
    fit: Judgement
    statement: str
    benefit: str | None
    verdict: Judgement | None
    zingeving: Judgement | None

    @property
    def admitted(self) -> bool:
        return not self.barriers


def pairing_statement(own_group: bool, barriers: tuple[str, ...], fit_level_: str) -> str:
    """The one thing the course says of a ward for a client group (see ``PairingAssessment``)."""
    if own_group:
        return fit_level_
    return NOT_A_SETTING if barriers else PROXIMITY_OF_FIT[fit_level_]


def assess_pairing(
    reference: pd.DataFrame,
    needs: pd.DataFrame,
    wards: pd.DataFrame,
    ward_id: str,
    client_group_id: str,
    client_groups: pd.DataFrame,
) -> PairingAssessment:
    """Admission, fit and — for the ward's own group only — benefit, the equilibrium verdict and zingeving.

    >>> from helpers.course_data import load_course
    >>> course = load_course()
    >>> own = assess_pairing(course.reference, course.needs, course.wards, "forensic", "forensic_aggression",
    ...                      course.client_groups)
    >>> own.verdict.level, own.statement, own.benefit
    ('healthy', 'fits', 'yes')
    >>> other = assess_pairing(course.reference, course.needs, course.wards, "forensic", "adolescents_crisis",
    ...                        course.client_groups)
    >>> other.verdict is None, other.benefit is None, other.statement, other.barriers
    (True, True, 'not_a_setting', ('age', 'legal_frame', 'stay'))
    """
    profile = ward_profile(reference, ward_id)
    gaps = fit_gaps(profile, group_needs(needs, client_group_id))
    fit = fit_level(gaps)
    own = bool(wards.loc[ward_id, "client_group_id"] == client_group_id)
    ward, group = cast(pd.Series, wards.loc[ward_id]), cast(pd.Series, client_groups.loc[client_group_id])
    barriers = () if own else admission_barriers(ward, group)
    conditions = ward_conditions(reference, ward_id)
    return PairingAssessment(
        ward_id,
        client_group_id,
        own,
        barriers,
        gaps,
        fit,
        pairing_statement(own, barriers, fit.level),
        BENEFIT_OF_FIT[fit.level] if own else None,
        verdict=equilibrium_verdict(conditions, gaps) if own else None,
        zingeving=zingeving_reading(ward_zingeving(reference, ward_id), conditions, profile) if own else None,
    )


def pairing_table(
    reference: pd.DataFrame, needs: pd.DataFrame, wards: pd.DataFrame, client_groups: pd.DataFrame
) -> pd.DataFrame:
    """Every ward × client group as the fit explorer judges it: own group or not, why the ward is not a
    setting for the group (``barriers``, comma-separated, empty when it could admit it), the fit level of
    the profile, the ``statement`` the explorer makes, the benefit for the ward's own group (empty for
    another), and the verdict and zingeving reading (``fit_only`` for another group)."""
    rows = []
    for ward_id in wards.index:
        for group_id in client_groups.index:
            result = assess_pairing(reference, needs, wards, ward_id, group_id, client_groups)
            rows.append(
                {
                    "ward_id": ward_id,
                    "client_group_id": group_id,
                    "own_group": result.own_group,
                    "barriers": ",".join(result.barriers),
                    "fit": result.fit.level,
                    "statement": result.statement,
                    "benefit": result.benefit or "",
                    "verdict": result.verdict.level if result.verdict else "fit_only",
                    "zingeving": result.zingeving.level if result.zingeving else "fit_only",
                }
            )
    return pd.DataFrame(rows)


def other_groups(table: pd.DataFrame, ward_id: str) -> dict[str, list[str]]:
    """The other client groups of a ward by what the explorer says of them: ``profile_close``,
    ``profile_partly_far``, ``profile_far`` (groups it could admit) and ``not_a_setting``."""
    rows = table[(table["ward_id"] == ward_id) & ~table["own_group"]]
    statements = (*PROXIMITY_OF_FIT.values(), NOT_A_SETTING)
    return {s: list(rows.loc[rows["statement"] == s, "client_group_id"]) for s in statements}


def own_group_benefit_mismatches(table: pd.DataFrame, wards: pd.DataFrame) -> pd.DataFrame:
    """Wards whose computed benefit for their own group differs from ``benefits_own_group`` in wards.csv."""
    own = table[table["own_group"]].set_index("ward_id")["benefit"]
    stated = wards["benefits_own_group"].reindex(own.index)
    return pd.DataFrame({"computed": own, "stated": stated})[own != stated]


def adjustments(gaps: pd.DataFrame) -> pd.DataFrame:
    """What a sociotherapist would change: each function 2 or more steps off, with the steps and direction."""
    off = gaps[gaps["severity"].isin(["strain", "serious"])]
    return off[["direction", "size", "score", "need", "words"]].rename(columns={"size": "steps"})


# ---------------------------------------------------------------- comparing scorings


def score_differences(student: pd.Series, reference: pd.Series) -> pd.DataFrame:
    """Student against reference per item: both scores, the difference and whether it is ≥ 2 either way."""
    frame = pd.DataFrame({"student": student, "reference": reference.reindex(student.index)})
    frame["difference"] = frame["student"] - frame["reference"]
    frame["large"] = frame["difference"].abs() >= LARGE_DIFFERENCE
    return frame


def ideal_real_gaps(ideal: pd.Series, real: pd.Series) -> pd.DataFrame:
    """Per profile function: the ideal, the real ward, real − ideal and whether it is the largest gap.

    There is no total: a sum over a profile would mean nothing (lesson 03).
    """
    frame = pd.DataFrame({"ideal": ideal.reindex(list(PROFILE_IDS)), "real": real.reindex(list(PROFILE_IDS))})
    frame["difference"] = frame["real"] - frame["ideal"]
    size = frame["difference"].abs()
    frame["largest"] = (size == size.max()) & (size > 0)
    return frame


def redesign_changes(original: pd.Series, redesign: pd.Series) -> pd.DataFrame:
    """The items a redesign changes: before, after and the change (after − before), in the original's order."""
    frame = pd.DataFrame({"before": original, "after": redesign.reindex(original.index)})
    frame["change"] = frame["after"] - frame["before"]
    return frame[frame["change"] != 0]


# ---------------------------------------------------------------- quizzes


def score_answers(key: pd.Series, answers: pd.Series) -> pd.DataFrame:
    """Compare answers with the key per item; unanswered items count as wrong.

    Returns one row per item in ``key``: key, answer (empty when none) and correct.
    """
    answered = answers.reindex(key.index).fillna("")
    return pd.DataFrame({"key": key, "answer": answered, "correct": answered == key})


# ---------------------------------------------------------------- equilibrium simulation

START_LEVEL = 0.6  # every member's well-being at step 0 (before a little noise)
HEALTHY_FROM = 0.65  # lesson 01: a simulated system is healthy when group mean and member 0 are at least this
LESS_HEALTHY_BELOW = 0.45  # ... and less healthy when either is below this; in between it is under strain


class Scenario(TypedDict, total=False):
    """Slider settings of a ready-made scenario; what it leaves out keeps its default."""

    disruption: float
    care: float
    system_pressure: float


SCENARIOS: dict[
    str, Scenario
] = {  # lesson 01's ready-made scenarios (its buttons and printed runs), 8 members unless said
    "healthy": dict(care=0.8),
    "route_a": dict(system_pressure=0.7, care=0.7),
    "route_b": dict(disruption=0.8, care=0.6),
}


def simulate_equilibrium(
    members: int = 8,
    disruption: float = 0.0,
    care: float = 0.7,
    system_pressure: float = 0.0,
    steps: int = 40,
    seed: int = 1,
) -> pd.DataFrame:
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
    level = np.full(members, START_LEVEL) + rng.normal(0, 0.05, members)
    history = [level.copy()]
    attunement, healthy_level, drain = 0.25, 0.85, 0.06
    for _ in range(steps):
        mean = level.mean()
        change = attunement * (mean - level) + 0.2 * care * (healthy_level - level) - drain * (1 - care) * level
        change[0] -= 0.35 * disruption * level[0] + 0.3 * system_pressure * level[0]
        # a disruptive member drags the others down directly, too
        change[1:] -= 0.08 * disruption * (1 - level[0])
        # the upper bound is a guard the dynamics never reach (levels are pulled to 0.85): not mutated
        level = np.clip(level + change + rng.normal(0, 0.01, members), 0, 1)  # pragma: no mutate
        history.append(level.copy())
    levels = np.array(history)  # steps × members
    return pd.DataFrame(
        {
            "step": np.tile(np.arange(steps + 1), members),
            "member": np.repeat(np.arange(members), steps + 1),
            "level": levels.T.ravel(),
        }
    )


def equilibrium_summary(
    simulation: pd.DataFrame, healthy_from: float = HEALTHY_FROM, less_healthy_below: float = LESS_HEALTHY_BELOW
) -> dict:
    """The state the simulated system settles in: mean level over the last five steps,
    member 0's level, and ``healthy`` / ``under_strain`` / ``less_healthy``."""
    step, level = simulation["step"].to_numpy(), simulation["level"].to_numpy()
    last = step > step.max() - 5  # numpy, not pandas filters: this runs on every slider move (1 ms less)
    group_mean = float(level[last].mean())
    member_zero = float(level[last & (simulation["member"].to_numpy() == 0)].mean())
    lowest = min(group_mean, member_zero)
    state = "healthy" if lowest >= healthy_from else "less_healthy" if lowest < less_healthy_below else "under_strain"
    return {"group_mean": round(group_mean, 2), "member_0": round(member_zero, 2), "state": state}


# ---------------------------------------------------------------- vignettes


def score_vignette(moves: pd.DataFrame, tags: pd.DataFrame, dimensions: pd.DataFrame) -> pd.DataFrame:
    """Per move: the key and the student's tag, judged twice and apart — orientation and dimension.

    ``tags`` is indexed by move with columns ``orientation`` and ``dimension`` (either may be
    empty). ``orientation_agrees`` is True when the student's orientation is the key's;
    ``dimension_agrees`` is 1.0 or 0.0 when the student chose a dimension, NaN when not.
    A dimension that is not in ``dimensions`` raises ValueError.
    """
    tags = tags.reindex(index=moves.index, columns=["orientation", "dimension"])
    tags = tags.where(tags.notna(), "")
    unknown = set(tags["dimension"]) - set(dimensions.index) - {""}
    if unknown:
        raise ValueError(f"unknown dimension {sorted(unknown)[0]!r}; allowed: {', '.join(dimensions.index)}")
    result = pd.DataFrame(
        {
            "key": moves["key"],
            "key_dimension": moves["dimension"],
            "orientation": tags["orientation"],
            "dimension": tags["dimension"],
        }
    )
    result["answered"] = result["orientation"] != ""
    result["orientation_agrees"] = result["orientation"] == result["key"]
    agrees = result["dimension"] == result["key_dimension"]
    # astype(None) gives float64 as well, so that mutant is equivalent: not mutated
    result["dimension_agrees"] = agrees.astype(float).where(result["dimension"] != "")  # pragma: no mutate
    return result


def vignette_agreement_counts(scored: pd.DataFrame) -> dict[str, int]:
    """The two judgements of a tagged vignette, counted apart: moves, moves tagged, orientations agreeing
    with the key; dimensions chosen and dimensions agreeing with the key's."""
    chosen = scored["dimension_agrees"].notna()
    return {
        "moves": len(scored),
        "tagged": int(scored["answered"].sum()),
        "orientation_agrees": int(scored["orientation_agrees"].sum()),
        "dimension_chosen": int(chosen.sum()),
        "dimension_agrees": int((scored["dimension_agrees"][chosen] == 1).sum()),
    }


def dimension_counts(chosen: pd.Series, dimensions: pd.DataFrame) -> pd.Series:
    """How many moves were tagged with each dimension (every dimension listed, zeros included; empty tags ignored)."""
    return chosen.value_counts().reindex(dimensions.index, fill_value=0)  # "" is not a dimension: dropped


def percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` as a whole percentage, a half rounded up as a student rounds by hand
    (0 when ``whole`` is 0).

    >>> percent(1, 8), percent(5, 9), percent(0, 0)
    (13, 56, 0)
    """
    return (200 * part + whole) // (2 * whole) if whole else 0


GOAL_SETTERS = ("person", "professionals", "mixed", "none")


def goal_setter(own_direction: int, top_down: int) -> str:
    """Who sets the goals in a vignette, from its moves about own direction and its top-down goals:
    ``"person"`` or ``"professionals"`` when one outnumbers the other, ``"mixed"`` when there are as
    many of each (the person's goal and an overruling one side by side — not shared decision-making),
    ``"none"`` when no move is about either.

    >>> goal_setter(2, 1), goal_setter(0, 1), goal_setter(1, 1), goal_setter(0, 0)
    ('person', 'professionals', 'mixed', 'none')
    """
    if own_direction > top_down:
        return "person"
    if top_down > own_direction:
        return "professionals"
    return "mixed" if own_direction else "none"


def orientation_summary(moves: pd.DataFrame, dimensions: pd.DataFrame) -> dict:
    """How recovery-oriented the care in a vignette is, from its key.

    Returns the number of moves, the personal ones, their share (two decimals) and whole percentage
    (``percent``), the moves per dimension (all dimensions, zeros included), and who sets the goals
    (``goal_setter``).
    """
    counts = dimension_counts(moves["dimension"], dimensions)
    personal = int((moves["key"] == "personal").sum())
    return {
        "moves": len(moves),
        "personal": personal,
        "personal_share": round(personal / len(moves), 2) if len(moves) else 0.0,
        "personal_percent": percent(personal, len(moves)),
        "per_dimension": counts,
        "goal_setter": goal_setter(int(counts["own_direction"]), int(counts["topdown_goals"])),
    }


# ---------------------------------------------------------------- the class dashboard


def class_vs_reference(ward_scores: pd.DataFrame, reference: pd.DataFrame, ward_id: str) -> pd.DataFrame:
    """Per item of one ward: students, class mean, median, spread, the reference and mean − reference."""
    rows = ward_scores[ward_scores["ward_id"] == ward_id]
    stats = rows.groupby("item_id")["score"].agg(students="count", mean="mean", median="median", sd="std")
    stats = stats.reindex(list(WARD_ITEMS))
    stats["reference"] = reference_scores(reference, ward_id, WARD_ITEMS)
    stats["difference"] = stats["mean"] - stats["reference"]
    stats["students"] = stats["students"].fillna(0).astype(int)
    return pd.DataFrame(stats.round(2))


ALPHA_RELIABLE = 0.8  # Krippendorff's usual bar for reliable ratings
ALPHA_TENTATIVE = 0.667  # ... and the lowest for tentative conclusions


def _alpha(matrix: pd.DataFrame, level: Literal["nominal", "ordinal"]) -> float:
    """Krippendorff's alpha of a raters × units table (NaN = not rated), rounded to three decimals;
    NaN when undefined: fewer than two units, no unit rated twice, or no variation at all. (With one
    unit the expected disagreement is that unit's own, so alpha would be 0 whatever the raters did.)

    The value domain is left to the package: values that nobody used change neither the ordinal
    nor the nominal alpha.
    """
    import krippendorff

    if matrix.shape[1] < 2:
        return np.nan
    try:
        # numpy warns of 0/0 when the paired ratings never vary (alpha is then NaN): a warning only, not mutated
        with np.errstate(invalid="ignore"):  # pragma: no mutate
            value = float(krippendorff.alpha(reliability_data=matrix.to_numpy(dtype=float), level_of_measurement=level))
    except ValueError:  # no unit rated twice, or one value in the whole table: agreement is not defined
        return np.nan
    return round(value, 3)


def why_no_alpha(students: int, alpha: float, units: int = 2) -> str | None:
    """Why an agreement row has no alpha: ``few_students`` (fewer than two students scored it, so there
    is nothing to agree on), ``one_unit`` (an item scored on one ward only: alpha compares units),
    ``undefined`` (every score the same, or nothing scored by two of them), or None when alpha is a number."""
    if students < 2:
        return "few_students"
    if units < 2:
        return "one_unit"
    return "undefined" if alpha != alpha else None


def item_scope(item_id: str) -> str:
    """``function``, ``zingeving`` or ``condition``: which part of a ward scoring an item belongs to."""
    return "function" if item_id in PROFILE_IDS else "zingeving" if item_id in ZINGEVING_IDS else "condition"


def ward_agreement(ward_scores: pd.DataFrame) -> pd.DataFrame:
    """Inter-rater agreement (Krippendorff's alpha, ordinal) on the ward scorings.

    One row per ward (units: its eleven items, raters: students) and one row per item — profile
    function, zingeving part or condition — (units: the wards, raters: students), with the number
    of students and units.
    """
    rows = []
    for ward_id, scores in ward_scores.groupby("ward_id"):  # sorted by ward id
        table = scores.pivot(index="pseudonym", columns="item_id", values="score")
        rows.append(
            {
                "scope": "ward",
                "id": ward_id,
                "students": len(table),
                "units": table.shape[1],
                "alpha": _alpha(table, "ordinal"),
            }
        )
    for item_id in WARD_ITEMS:
        scores = ward_scores[ward_scores["item_id"] == item_id]
        table = scores.pivot(index="pseudonym", columns="ward_id", values="score")
        rows.append(
            {
                "scope": item_scope(item_id),
                "id": item_id,
                "students": len(table),
                "units": table.shape[1],
                "alpha": _alpha(table, "ordinal"),
            }
        )
    return pd.DataFrame(rows)


def move_agreement(tags: pd.DataFrame, moves: pd.DataFrame) -> pd.DataFrame:
    """Per move of one vignette: students who tagged it, the share agreeing with the key,
    the share tagging it personal, and how split the class is (1 = half/half, 0 = unanimous)."""
    counts = tags.groupby("move")["orientation"].agg(students="count", personal=lambda s: (s == "personal").mean())
    frame = pd.DataFrame({"key": moves["key"]}).join(counts)
    frame["students"] = frame["students"].fillna(0).astype(int)
    agree = tags.merge(moves[["key"]], left_on="move", right_index=True)
    frame["agree_with_key"] = (agree["orientation"] == agree["key"]).groupby(agree["move"]).mean()
    frame["split"] = 1 - (2 * frame["personal"] - 1).abs()
    return frame[["key", "students", "agree_with_key", "personal", "split"]].round(2)


def discussion_prompts(agreement: pd.DataFrame, count: int = 3) -> pd.DataFrame:
    """The moves the class disagreed on most: most split first, then least agreement with the key."""
    answered = agreement[agreement["students"] > 0]
    return answered.sort_values(["split", "agree_with_key"], ascending=[False, True]).head(count)


def vignette_agreement(tags: pd.DataFrame, vignettes: dict) -> pd.DataFrame:
    """Per vignette: students, mean share of moves agreeing with the key, and Krippendorff's alpha
    (nominal) of the orientation tags among students."""
    rows = []
    for vignette_id, vignette in vignettes.items():
        rows_v = tags[tags["vignette_id"] == vignette_id]
        if rows_v.empty:
            rows.append({"vignette_id": vignette_id, "students": 0})  # agreement and alpha stay empty
            continue
        merged = rows_v.merge(vignette.moves[["key"]], left_on="move", right_index=True)
        per_student = (merged["orientation"] == merged["key"]).groupby(merged["pseudonym"]).mean()
        # alpha depends on the values per unit, not on which student gave them: the index is not mutated
        table = rows_v.pivot(index="pseudonym", columns="move", values="orientation")  # pragma: no mutate
        # nominal alpha does not change when the two labels swap, so "!=" is equivalent: not mutated
        table = (table == "personal").where(table.notna())  # pragma: no mutate
        rows.append(
            {
                "vignette_id": vignette_id,
                "students": int(rows_v["pseudonym"].nunique()),
                "agree_with_key": round(float(per_student.mean()), 2),
                "alpha": _alpha(table, "nominal"),
            }
        )
    return pd.DataFrame(rows, columns=["vignette_id", "students", "agree_with_key", "alpha"])


# ---------------------------------------------------------------- item analysis (dashboard, issue 29)


def discuss_first(frame: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """``frame``'s rows with the items to discuss first first: items someone answered before those nobody
    did, then by the columns ``order`` (each ascending: a lower share right is more to discuss), then in
    the data's order.

    >>> frame = pd.DataFrame({"students": [3, 0, 3], "right": [0.9, None, 0.3]}, index=["a", "b", "c"])
    >>> list(discuss_first(frame, ["right"]).index)
    ['c', 'a', 'b']
    """
    keys = frame.assign(_unanswered=frame["students"] == 0, _position=range(len(frame)))
    ranked = keys.sort_values(["_unanswered", *order, "_position"], na_position="last", kind="stable")
    return frame.loc[ranked.index]


def answer_analysis(answers: pd.DataFrame, key: pd.Series) -> pd.DataFrame:
    """Per item of a quiz or the sorter (``key``: item id -> the right option, in the data's order), from
    the students' answers (``answers``: pseudonym, item, answer; one per student and item): students who
    answered, how many and what share chose the key, and the wrong option chosen most (ties: the first in
    alphabetical order; empty when nobody chose a wrong one) with its count. The items to discuss first
    come first (:func:`discuss_first`: the lowest share right, then the most-chosen wrong option's count
    highest); answers to items the key does not have are not counted.

    >>> key = pd.Series({"q1": "a", "q2": "b", "q3": "a"})
    >>> answers = pd.DataFrame({"pseudonym": ["fox", "owl", "bee", "fox", "owl"], "item": ["q1"] * 3 + ["q2"] * 2,
    ...                         "answer": ["a", "c", "c", "b", "b"]})
    >>> answer_analysis(answers, key)[["students", "right", "share_right", "wrong", "wrong_count"]].values.tolist()
    [[3, 1, 0.33, 'c', 2], [2, 2, 1.0, '', 0], [0, 0, nan, '', 0]]
    """
    rows = []
    for item, right in key.items():
        chosen = answers.loc[answers["item"] == item, "answer"]
        wrong = chosen[chosen != right].value_counts().sort_index().sort_values(ascending=False, kind="stable")
        rows.append(
            {
                "item": item,
                "key": right,
                "students": len(chosen),
                "right": int((chosen == right).sum()),
                "share_right": round(float((chosen == right).mean()), 2) if len(chosen) else np.nan,
                "wrong": str(wrong.index[0]) if len(wrong) else "",
                "wrong_count": int(wrong.iloc[0]) if len(wrong) else 0,
            }
        )
    frame = pd.DataFrame(rows).set_index("item")
    ranked = frame.assign(_most_wrong=-frame["wrong_count"])
    return frame.loc[discuss_first(ranked, ["share_right", "_most_wrong"]).index]


def move_analysis(tags: pd.DataFrame, vignettes: dict) -> pd.DataFrame:
    """Per move of every vignette (``tags``: pseudonym, vignette_id, move, orientation, dimension, as
    ``ClassWork.vignette_tags``): the key (orientation and dimension), students who tagged the move, how
    many and what share tagged the key's orientation, and the spread of their tags — each orientation and
    dimension chosen (dimension empty: none chosen) with its count, most chosen first. The moves to discuss
    first come first (:func:`discuss_first`: the lowest share agreeing with the key's orientation, then
    the fewest choosing the key's dimension).

    >>> moves = pd.DataFrame({"key": ["personal", "clinical"], "dimension": ["hope", "diagnosis"]}, index=[1, 2])
    >>> tags = pd.DataFrame({"pseudonym": ["fox", "owl", "fox"], "vignette_id": "v", "move": [1, 1, 2],
    ...     "orientation": ["personal", "clinical", "clinical"], "dimension": ["hope", "", "diagnosis"]})
    >>> frame = move_analysis(tags, {"v": type("V", (), {"moves": moves})})
    >>> frame["move"].tolist(), frame["students"].tolist(), frame["share_right"].tolist()
    ([1, 2], [2, 1], [0.5, 1.0])
    >>> frame["spread"].iloc[0]
    (('clinical', '', 1), ('personal', 'hope', 1))
    """
    rows = []
    for vignette_id, vignette in vignettes.items():
        own = tags[tags["vignette_id"] == vignette_id]
        for move, row in vignette.moves.iterrows():
            chosen = own[own["move"] == move]
            spread = chosen.groupby(["orientation", "dimension"]).size().sort_values(ascending=False, kind="stable")
            agrees = chosen["orientation"] == row["key"]
            rows.append(
                {
                    "vignette_id": vignette_id,
                    "move": move,
                    "key": row["key"],
                    "key_dimension": row["dimension"],
                    "students": len(chosen),
                    "right": int(agrees.sum()),
                    "share_right": round(float(agrees.mean()), 2) if len(chosen) else np.nan,
                    "dimension_right": int((agrees & (chosen["dimension"] == row["dimension"])).sum()),
                    "spread": tuple((o, d, int(n)) for (o, d), n in spread.items()),
                }
            )
    columns = ["vignette_id", "move", "key", "key_dimension", "students", "right", "share_right"]
    frame = pd.DataFrame(rows, columns=[*columns, "dimension_right", "spread"])
    ranked = frame.assign(_dimension=frame["dimension_right"] / frame["students"].where(frame["students"] > 0))
    return frame.loc[discuss_first(ranked, ["share_right", "_dimension"]).index].reset_index(drop=True)


# ---------------------------------------------------------------- the class's written work (dashboard)

SLIDER_START = 2  # where every score slider starts (shell.score_slider): an ideal ward left there is not begun
REWRITE_FIELD = re.compile(r"rewrite_(\d+)")  # a rewrite kept per move (text field rewrite_<move>)
REASON_FIELD = "reason_"  # a ward score's reason (lesson 03, text field reason_<item>)


def rewrites(writings: pd.DataFrame) -> pd.DataFrame:
    """The rewrites of vignette moves (lesson 06) in a class's writings (``ClassWork.writings``), one row
    each: pseudonym, vignette_id, move, text; sorted by vignette, move and pseudonym. A rewrite is kept
    as ``rewrite_<move>`` (one per move), or as ``rewrite`` with its move in ``rewrite_move``.

    >>> writings = pd.DataFrame({"pseudonym": ["fox", "fox", "owl"], "kind": "vignette", "item_id": "v",
    ...     "field": ["rewrite", "rewrite_move", "rewrite_4"], "text": ["Ask him.", "2", "Let her choose."]})
    >>> rewrites(writings).values.tolist()
    [['fox', 'v', 2, 'Ask him.'], ['owl', 'v', 4, 'Let her choose.']]
    """
    rows = []
    vignettes = writings[writings["kind"] == "vignette"]
    for (pseudonym, vignette_id), own in vignettes.groupby(["pseudonym", "item_id"], sort=False):
        fields = dict(zip(own["field"], own["text"], strict=True))
        for name, text in fields.items():
            kept = REWRITE_FIELD.fullmatch(name)
            move = kept.group(1) if kept else fields.get("rewrite_move", "") if name == "rewrite" else ""
            if move.strip().isdigit():
                rows.append((pseudonym, vignette_id, int(move), text))
    frame = pd.DataFrame(rows, columns=["pseudonym", "vignette_id", "move", "text"])
    return frame.sort_values(["vignette_id", "move", "pseudonym"], kind="stable").reset_index(drop=True)


def ward_reasons(writings: pd.DataFrame, items: tuple[str, ...]) -> pd.DataFrame:
    """The reasons students gave for their ward scores (lesson 03, text field ``reason_<item>``), one row each:
    pseudonym, ward_id, item_id, text; in the order of ``items``, then by pseudonym.

    >>> writings = pd.DataFrame({"pseudonym": ["owl", "fox", "fox"], "kind": "ward", "item_id": "w",
    ...     "field": ["reason_b", "reason_b", "reason_a"], "text": ["Locked doors.", "Rules.", "A plan."]})
    >>> ward_reasons(writings, ("a", "b")).values.tolist()
    [['fox', 'w', 'a', 'A plan.'], ['fox', 'w', 'b', 'Rules.'], ['owl', 'w', 'b', 'Locked doors.']]
    """
    own = writings[(writings["kind"] == "ward") & writings["field"].str.startswith(REASON_FIELD)]
    frame = pd.DataFrame(
        {
            "pseudonym": own["pseudonym"],
            "ward_id": own["item_id"],
            "item_id": own["field"].str.removeprefix(REASON_FIELD),
            "text": own["text"],
        }
    )
    frame = frame[frame["item_id"].isin(items)]
    order = {item: place for place, item in enumerate(items)}
    frame = frame.assign(place=frame["item_id"].map(order))
    return (
        frame.sort_values(["ward_id", "place", "pseudonym"], kind="stable").drop(columns="place").reset_index(drop=True)
    )


def proposal_table(proposals: pd.DataFrame, kind: str, items: tuple[str, ...]) -> pd.DataFrame:
    """One row per student and ward (index pseudonym, item_id) with their ``kind`` ("ideal" or "redesign")
    scores in the columns ``items``, in that order; an item they did not save is missing (NaN).

    >>> proposals = pd.DataFrame({"pseudonym": ["fox", "fox"], "kind": "ideal", "item_id": "w",
    ...     "item": ["grensbepaling", "structurering"], "score": [3, 1]})
    >>> proposal_table(proposals, "ideal", ("structurering", "grensbepaling")).values.tolist()
    [[1.0, 3.0]]
    """
    own = proposals[proposals["kind"] == kind]
    table = own.pivot_table(index=["pseudonym", "item_id"], columns="item", values="score", aggfunc="last")
    return table.reindex(columns=list(items)).astype(float)


def untouched(table: pd.DataFrame, start: float = SLIDER_START) -> pd.Series:
    """True for each row of a :func:`proposal_table` whose saved scores all still sit where the sliders
    start: a student who saved without moving them proposed nothing.

    >>> untouched(pd.DataFrame({"a": [2.0, 2.0], "b": [2.0, 3.0]})).tolist()
    [True, False]
    """
    return table.apply(lambda row: bool((row.dropna() == start).all()), axis=1).astype(bool)
