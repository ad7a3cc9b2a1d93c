"""The course's fixed vocabulary: the ids the lessons, the model and the data files share.

The five system functions and what a ward is scored on (its profile, zingeving's three parts, the four
conditions), the two recovery perspectives with their dimensions, and what a ward may admit (ages, legal
frames, lengths of stay). The data files (``helpers/course_data.py``) may hold only these ids; a new one
starts here, with its texts in ``data/`` and ``helpers/text.py``.
"""

from __future__ import annotations

SCORE_RANGE = range(5)
FUNCTION_IDS = ("zingeving", "doelverwerving", "grensbepaling", "structurering", "energieverzorging")
# A ward's profile: the four functions through which zingeving is fulfilled (an intensity 0–4, higher is not better).
PROFILE_IDS = FUNCTION_IDS[1:]
# Zingeving is judged apart: how far the ward's reason to exist is experienced and accepted (0–4, higher is better).
ZINGEVING_IDS = ("zingeving_clients", "zingeving_staff", "zingeving_surroundings")
CONDITION_IDS = ("goal_shared", "boundaries_respected", "structure_respected", "energy_enough")
WARD_ITEMS = PROFILE_IDS + ZINGEVING_IDS + CONDITION_IDS
BENEFIT_VALUES = ("yes", "partly", "no")
# Admission (lesson 04): a ward is a setting for a client group only if it admits the group's ages, every legal
# frame its clients come under and its length of stay. Legal frames: voluntary, the Wvggz (compulsory mental-health
# care) and TBS (a forensic order by a criminal court); stays: short (weeks, up to about three months), medium
# (three months to a year), long (a year or more).
LEGAL_FRAMES = ("voluntary", "wvggz", "tbs")
STAYS = ("short", "medium", "long")
AGE_RANGE = (0, 120)
PERSPECTIVES = ("personal", "clinical")
ROLES = {"zingeving": "meaning", "doelverwerving": "external"} | dict.fromkeys(FUNCTION_IDS[2:], "internal")
CONDITION_FUNCTIONS = dict(zip(CONDITION_IDS, PROFILE_IDS, strict=True))  # goal, boundaries, structure, energy
DIMENSIONS = {
    "personal": ("hope", "meaning", "own_direction", "strengths", "connectedness", "citizenship"),
    "clinical": ("diagnosis", "symptoms", "medication", "topdown_goals", "protocol"),
}
CHIME = ("connectedness", "hope", "identity", "meaning", "empowerment")
MIN_QUESTIONS = 2  # guiding questions per function
