"""Every user-facing string of the course in Dutch and English, and the language switch.

>>> set_language("nl"); t("commit")
'Vastleggen'
>>> set_language("en"); t("commit")
'Commit'
"""
from __future__ import annotations

LANGUAGES = ("en", "nl")

# key: (English, Dutch). Placeholders use str.format names.
LABELS: dict[str, tuple[str, str]] = {
    # general
    "language": ("Language", "Taal"),
    "commit": ("Commit", "Vastleggen"),
    "reset": ("Start again", "Opnieuw beginnen"),
    "save": ("Save my work", "Mijn werk opslaan"),
    "load": ("Load saved work", "Opgeslagen werk laden"),
    "pseudonym": ("Pseudonym", "Pseudoniem"),
    "pseudonym_hint": (
        "A nickname, not your real name (letters, digits, - and _)",
        "Een bijnaam, niet je echte naam (letters, cijfers, - en _)",
    ),
    "saved_to": ("Saved to {path}", "Opgeslagen in {path}"),
    "loaded_from": ("Loaded your work saved on {when}", "Je werk van {when} is geladen"),
    "nothing_saved": ("No saved work found for {pseudonym}", "Geen opgeslagen werk gevonden voor {pseudonym}"),
    "error": ("Problem: {message}", "Probleem: {message}"),
    "fictional": ("Fictional example", "Fictief voorbeeld"),
    "large_font": ("Projector mode", "Beamermodus"),
    "score": ("Score", "Score"),
    "your_answer": ("Your answer", "Jouw antwoord"),
    "key": ("Key", "Sleutel"),
    "reason": ("Why", "Waarom"),
    "correct": ("Correct", "Goed"),
    "incorrect": ("Not quite", "Niet helemaal"),
    "choose": ("Choose…", "Kies…"),
    "next": ("Next", "Volgende"),
    "previous": ("Previous", "Vorige"),
    "check_answer": ("Check", "Controleer"),
    "quiz_result": ("You got {correct} of {total} right.", "Je had er {correct} van de {total} goed."),
    "quiz_progress": ("Item {n} of {total}", "Item {n} van {total}"),
    # set-up check (lesson 00)
    "setup_slider": ("Score to show", "Te tonen score"),
    "setup_ok": (
        "Widgets work: move the slider and the bar follows.",
        "Widgets werken: beweeg de schuifregelaar en de balk volgt.",
    ),
    "setup_title": ("Set-up check: one bar per system function", "Set-up-check: één balk per systeemfunctie"),
    "setup_summary": (
        "Bar chart of the five system functions; {function} is set to {value} of 4.",
        "Staafdiagram van de vijf systeemfuncties; {function} staat op {value} van 4.",
    ),
    # system functions and scoring
    "function": ("System function", "Systeemfunctie"),
    "condition": ("Meaningfulness condition", "Zinvolheidsvoorwaarde"),
    "profile": ("Profile", "Profiel"),
    "need": ("Need", "Behoefte"),
    "ward": ("Ward", "Afdeling"),
    "client_group": ("Client group", "Cliëntengroep"),
    "observations": ("Observations", "Observaties"),
    "role_meaning": ("reason to exist", "bestaansreden"),
    "role_external": ("external goal", "extern doel"),
    "role_internal": ("internal function", "interne functie"),
    "direction_under": ("too little (too loose)", "te weinig (te los)"),
    "direction_fit": ("fits", "past"),
    "direction_over": ("too much (too tight)", "te veel (te strak)"),
    "direction_unknown": ("unknown", "onbekend"),
    "gap_axis": ("ward − need  (left: too little, right: too much)", "afdeling − behoefte  (links: te weinig, rechts: te veel)"),
    "gap_summary": ("Gap per function (ward minus need): {gaps}.", "Verschil per functie (afdeling min behoefte): {gaps}."),
    "mean_gap": ("mean gap", "gem. verschil"),
    "heatmap_summary": (
        "Mean gap between ward profile and client-group needs (0 = perfect fit). Best fit per ward: {pairs}.",
        "Gemiddeld verschil tussen afdelingsprofiel en behoeften van de cliëntengroep (0 = past precies). "
        "Beste match per afdeling: {pairs}.",
    ),
    # equilibrium simulation (lesson 01)
    "member_zero": ("member 0 (the member the routes are about)", "lid 0 (om wie het gaat)"),
    "other_members": ("other members", "overige leden"),
    "group_mean": ("group mean", "groepsgemiddelde"),
    "wellbeing": ("well-being (0–1, illustrative)", "welbevinden (0–1, illustratief)"),
    "step": ("time step", "tijdstap"),
}


_language = "en"


def set_language(language: str) -> None:
    """Switch every label, data name and figure title to ``"nl"`` or ``"en"``."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; found {language!r}")
    _language = language


def get_language() -> str:
    """The language in use: ``"en"`` or ``"nl"``."""
    return _language


def t(key: str, **values: object) -> str:
    """The label ``key`` in the current language, with ``{placeholders}`` filled in."""
    english, dutch = LABELS[key]
    text = dutch if _language == "nl" else english
    return text.format(**values) if values else text


def column(base: str) -> str:
    """The data column for ``base`` in the current language, e.g. ``column("name") == "name_en"``."""
    return f"{base}_{_language}"
