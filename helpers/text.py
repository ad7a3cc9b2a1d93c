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
    "language_static": ("Language switch: English or Nederlands.", "Taalkeuze: English of Nederlands."),
    "commit": ("Commit", "Vastleggen"),
    "reset": ("Start again", "Opnieuw beginnen"),
    "save": ("Save my work", "Mijn werk opslaan"),
    "load": ("Load saved work", "Opgeslagen werk laden"),
    "pseudonym": ("Pseudonym", "Pseudoniem"),
    # the static course site
    "static_note": (
        "This is a static page: the app shows the lesson's worked example. Open the lesson live (see the top "
        "of the page) to move the sliders, choose and get feedback.",
        "Dit is een statische pagina: de app toont het uitgewerkte voorbeeld van de les. Open de les live "
        "(zie bovenaan de pagina) om de schuifregelaars te bewegen, te kiezen en feedback te krijgen.",
    ),
    "static_scorer_note": (
        "Shown here: the worked example, the ward's reference scoring with its reasons and both judgements. "
        "Live, you score the ward yourself first and see the reference beside it when you commit.",
        "Hier te zien: het uitgewerkte voorbeeld, de referentiescoring van de afdeling met haar redenen en beide "
        "oordelen. Live scoor je de afdeling eerst zelf en zie je na het vastleggen de referentie ernaast.",
    ),
    "worked_sliders": (
        "Worked example: the sliders stand at the reference scoring; its reason per item is in the table below.",
        "Uitgewerkt voorbeeld: de schuifregelaars staan op de referentiescoring; de reden per onderdeel staat in "
        "de tabel hieronder.",
    ),
    "worked_reference": (
        "The worked example: the reference scoring of {ward}, with its reason per item.",
        "Het uitgewerkte voorbeeld: de referentiescoring van {ward}, met de reden per onderdeel.",
    ),
    "static_anchors": ("What the scores of the profile mean", "Wat de scores van het profiel betekenen"),
    "static_observations": ("The observations of every example ward", "De observaties van elke voorbeeldafdeling"),
    "static_items": ("All {total} items", "Alle {total} vragen"),
    "static_answer": ("Answer", "Antwoord"),
    "static_worked_key": (
        "The key of the worked example: {title}",
        "De sleutel van het uitgewerkte voorbeeld: {title}",
    ),
    "site_title": ("Social systems and recovery", "Sociale systemen en herstel"),
    "site_intro": (
        "An interactive course for social work and sociotherapy, here as static pages: read the lessons, look at "
        "the worked examples and the case material. Every page says how to open its lesson live, with the apps.",
        "Een interactieve cursus voor sociaal werk en sociotherapie, hier als statische pagina's: lees de lessen, "
        "bekijk de uitgewerkte voorbeelden en het casusmateriaal. Elke pagina zegt hoe je de les live opent, met "
        "de apps.",
    ),
    "site_other_language": ("Nederlandstalige versie", "English version"),
    "site_lecturers": ("For lecturers", "Voor docenten"),
    "site_lesson": ("Lesson", "Les"),
    "site_time": ("Time", "Tijd"),
    "site_minutes": ("about {minutes} minutes", "ongeveer {minutes} minuten"),
    "site_live": ("Open this lesson live", "Open deze les live"),
    "site_live_local": (
        "A static page. To work with the apps, open this lesson live: in the course folder run {command} and "
        "open {path}.",
        "Een statische pagina. Om met de apps te werken, open je deze les live: voer in de cursusmap {command} "
        "uit en open {path}.",
    ),
    "pseudonym_example": ("blue_heron", "blauwe_reiger"),
    "pseudonym_hint": (
        "A nickname, not your real name (letters, digits, - and _)",
        "Een bijnaam, niet je echte naam (letters, cijfers, - en _)",
    ),
    "saved_to": ("Saved to {path}", "Opgeslagen in {path}"),
    "loaded_from": ("Loaded your work saved on {when}", "Je werk van {when} is geladen"),
    "nothing_saved": ("No saved work found for {pseudonym}", "Geen opgeslagen werk gevonden voor {pseudonym}"),
    # handing in on the class hub (issue 14)
    "hand_in": ("Hand in", "Inleveren"),
    "handed_in": (
        "Handed in as {pseudonym} at {when} (hand-in {number}; the newest counts)",
        "Ingeleverd als {pseudonym} om {when} (inlevering {number}; de nieuwste telt)",
    ),
    "hand_in_taken": (
        "Another student already handed in as {pseudonym}: choose another pseudonym and press {hand_in} again.",
        "Een andere student heeft al ingeleverd als {pseudonym}: kies een ander pseudoniem en druk opnieuw op {hand_in}.",
    ),
    "hand_in_failed": (
        "Not handed in: {reason}. Your work is saved on your own drive; try {hand_in} again or tell your lecturer.",
        "Niet ingeleverd: {reason}. Je werk staat wel op je eigen schijf; probeer opnieuw {hand_in} of meld het je docent.",
    ),
    # the hand-in store's refusals (deploy/handin_service.py), sent in both languages
    "store_not_course_file": ("not a course file: {reason}", "geen cursusbestand: {reason}"),
    "store_pseudonym_taken": (
        "another account already handed in as {pseudonym}: choose another pseudonym",
        "een ander account heeft al ingeleverd als {pseudonym}: kies een ander pseudoniem",
    ),
    "store_too_large": (
        "a hand-in is at most {limit} MB and this one is larger",
        "een inlevering is hoogstens {limit} MB en deze is groter",
    ),
    "store_too_often": (
        "{count} hand-ins in the last minute, the most the store takes: wait a minute and hand in again",
        "{count} inleveringen in de laatste minuut, het meeste dat de inleverplek aanneemt: wacht een minuut en lever opnieuw in",
    ),
    "store_too_many": (
        "this account has handed in {count} times, the most the store keeps: ask your lecturer",
        "dit account heeft {count} keer ingeleverd, het meeste dat de inleverplek bewaart: vraag het je docent",
    ),
    "store_own_token_only": (
        "only a student's or lecturer's own hub token can use the hand-in store",
        "alleen het eigen hub-token van een student of docent kan de inleverplek gebruiken",
    ),
    "store_lecturers_only": (
        "only lecturers can see the class's hand-ins",
        "alleen docenten kunnen de inleveringen van de klas zien",
    ),
    "store_not_in_class": (
        "this account is not a student of the class, so it cannot hand in",
        "dit account is geen student van de klas en kan dus niet inleveren",
    ),
    "feedback_not_an_object": (
        "feedback is a JSON object with an item and a text",
        "feedback is een JSON-object met een onderdeel en een tekst",
    ),
    "feedback_bad_item": (
        "the item {found!r} is not one feedback can be given on: a lesson number or an assignment id (a-z, 0-9, - and _)",
        "het onderdeel {found!r} kan geen feedback krijgen: een lesnummer of de code van een opdracht (a-z, 0-9, - en _)",
    ),
    "feedback_bad_text": (
        "feedback needs a text of at most {limit} characters",
        "feedback heeft een tekst nodig van hoogstens {limit} tekens",
    ),
    "feedback_bad_score": (
        "a score needs its maximum, and lies between 0 and it: found {score} of {max_score}",
        "een score hoort bij een maximum en ligt tussen 0 en dat maximum: gevonden {score} van {max_score}",
    ),
    "feedback_no_such_pseudonym": (
        "nobody handed in as {pseudonym}",
        "niemand heeft ingeleverd als {pseudonym}",
    ),
    # the printable sheet of login codes (python3 course.py roster)
    "roster_sheet_title": ("Login codes for the class hub", "Inlogcodes voor de klashub"),
    "roster_slip": (
        "Log in at {url} with this account and code. The code is yours alone: do not share it.",
        "Log in op {url} met dit account en deze code. De code is alleen van jou: deel hem met niemand.",
    ),
    # the lecturer's feedback, as a student reads it in the save box
    "release_bad_list": (
        "the list of handouts cannot be used: {reason}",
        "de lijst met opdrachtmateriaal is niet bruikbaar: {reason}",
    ),
    "release_not_an_object": (
        "a release is a JSON object with the assignment's id",
        "vrijgeven vraagt een JSON-object met de code van de opdracht",
    ),
    "release_unknown": (
        "no handouts are listed for the assignment {found!r}; listed: {allowed}",
        "voor de opdracht {found!r} staat geen materiaal in de lijst; wel voor: {allowed}",
    ),
    "releases_title": ("Assignments from your lecturer", "Opdrachten van je docent"),
    "release_when": ("released {when}", "vrijgegeven {when}"),
    "release_title": ("Release an assignment", "Een opdracht vrijgeven"),
    "release_assignment": ("Assignment", "Opdracht"),
    "release_send": ("Release to the class", "Vrijgeven aan de klas"),
    "release_done": (
        "Released {assignment} to the class: {files}. Students find it under assignments/ in their home.",
        "{assignment} is vrijgegeven aan de klas: {files}. Studenten vinden het onder assignments/ in hun thuismap.",
    ),
    "feedback_title": ("Feedback from your lecturer", "Feedback van je docent"),
    "feedback_refresh": ("Feedback from your lecturer", "Feedback van je docent"),
    "feedback_none": ("No feedback from your lecturer yet.", "Nog geen feedback van je docent."),
    "feedback_failed": (
        "Your lecturer's feedback cannot be fetched now ({reason}); try again later.",
        "De feedback van je docent kan nu niet worden opgehaald ({reason}); probeer het later opnieuw.",
    ),
    "feedback_on_lesson": ("Lesson {lesson}", "Les {lesson}"),
    "feedback_on_assignment": ("Assignment {item}", "Opdracht {item}"),
    "feedback_score": ("{score} of {max_score} points", "{score} van {max_score} punten"),
    # the lecturer's feedback and the grades for the LMS (the live dashboard on the class hub)
    "feedback_give_title": ("Feedback to a student", "Feedback aan een student"),
    "feedback_item": ("Lesson or assignment", "Les of opdracht"),
    "feedback_text": ("Your feedback, as the student will read it", "Je feedback, zoals de student die leest"),
    "feedback_points": ("Points", "Punten"),
    "feedback_out_of": ("Out of", "Van de"),
    "feedback_send": ("Send feedback", "Feedback versturen"),
    "feedback_sent": (
        "Sent: {pseudonym} reads it in the lesson's save box.",
        "Verstuurd: {pseudonym} leest het in het opslagvak van de les.",
    ),
    "feedback_score_not_a_number": (
        "Points and their maximum are numbers (or both empty).",
        "Punten en hun maximum zijn getallen (of allebei leeg).",
    ),
    "grades_title": ("Grades and completion for the LMS", "Cijfers en voortgang voor de leeromgeving"),
    "grades_mapping": ("Mapping", "Koppeling"),
    "grades_mapping_example": (
        "path to a CSV with the columns student, lms_id, name",
        "pad naar een CSV met de kolommen student, lms_id, name",
    ),
    "grades_export": ("Write the import file", "Importbestand maken"),
    "grades_written": (
        "Written for {students}: {path}. Import it in the LMS's gradebook.",
        "Gemaakt voor {students}: {path}. Importeer het in het cijferboek van de leeromgeving.",
    ),
    "grades_unmapped": (
        "Not in the mapping, so not in the file: {pseudonyms}.",
        "Niet in de koppeling, dus niet in het bestand: {pseudonyms}.",
    ),
    "dashboard_live": ("Live hand-ins on this class hub", "Live inleveringen op deze klashub"),
    "dashboard_live_count": (
        "{handed_in} of {students} students handed in · updated {when}",
        "{handed_in} van {students} studenten ingeleverd · bijgewerkt om {when}",
    ),
    "dashboard_live_failed": (
        "The hand-in store does not answer ({reason}); showing the hand-ins of {when}.",
        "De inleverplek antwoordt niet ({reason}); je ziet de inleveringen van {when}.",
    ),
    "dashboard_live_failed_first": (
        "The hand-in store does not answer ({reason}); no hand-ins fetched yet.",
        "De inleverplek antwoordt niet ({reason}); er zijn nog geen inleveringen opgehaald.",
    ),
    "dashboard_show_accounts": ("Show hub accounts", "Hub-accounts tonen"),
    "dashboard_hide_accounts": ("Hide hub accounts", "Hub-accounts verbergen"),
    "dashboard_accounts_title": (
        "Pseudonym → hub account (for you only; do not project)",
        "Pseudoniem → hub-account (alleen voor jou; niet projecteren)",
    ),
    "account": ("Hub account", "Hub-account"),
    "error": ("Problem: {message}", "Probleem: {message}"),
    "callback_failed": (
        "Something went wrong here ({problem}). Your saved work is safe: run this cell again to restart the "
        "app, and tell your lecturer if it happens again.",
        "Hier ging iets mis ({problem}). Je opgeslagen werk is veilig: voer deze cel opnieuw uit om de app "
        "opnieuw te starten, en meld het je docent als het vaker gebeurt.",
    ),
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
    "quiz_progress": ("Question {n} of {total}", "Vraag {n} van {total}"),
    # set-up check (lesson 00)
    "setup_slider": ("Score to show", "Te tonen score"),
    "setup_ok": (
        "Widgets work: move the slider and the bar follows.",
        "Widgets werken: beweeg de schuifregelaar en de balk beweegt mee.",
    ),
    "setup_title": (
        "Set-up check: one bar per function of a ward's profile",
        "Werkt alles? Eén balk per functie van een afdelingsprofiel",
    ),
    "setup_summary": (
        "Bar chart of the four functions of a ward's profile; {function} is set to {value} of 4.",
        "Staafdiagram van de vier functies van een afdelingsprofiel; {function} staat op {value} van 4.",
    ),
    # system functions and scoring
    "function": ("System function", "Systeemfunctie"),
    "condition": ("Meaningfulness condition", "Voorwaarde voor zinvolheid"),
    "profile": ("Profile", "Profiel"),
    "need": ("Need", "Behoefte"),
    "ward": ("Ward", "Afdeling"),
    "client_group": ("Client group", "Cliëntengroep"),
    "observations": ("Observations", "Observaties"),
    "ward_material": (
        "About this ward: its client group and observations",
        "Over deze afdeling: cliëntengroep en observaties",
    ),
    "role_meaning": ("reason to exist", "bestaansreden"),
    "role_external": ("external goal", "extern doel"),
    "role_internal": ("internal function", "interne functie"),
    "direction_under_loose_tight": ("too loose", "te los"),
    "direction_over_loose_tight": ("too tight", "te strak"),
    "direction_under_little_much": ("too little", "te weinig"),
    "direction_over_little_much": ("too much", "te veel"),
    "direction_fit": ("fits", "past"),
    "direction_close": ("close", "dichtbij"),
    "direction_unknown": ("unknown", "onbekend"),
    "gap_axis": (
        "ward − need<br>(left: too little / too loose; right: too much / too tight)",
        "afdeling − behoefte<br>(links: te weinig / te los; rechts: te veel / te strak)",
    ),
    "gap_legend": ("fits (within ±1)", "past (binnen ±1)"),
    "gap_summary": (
        "Gap per function (ward minus need): {gaps}.",
        "Verschil per functie (afdeling min behoefte): {gaps}.",
    ),
    "mean_gap": ("mean gap", "gem. verschil"),
    "heatmap_hover": (
        "{ward} for {group}<br>mean gap {gap} (0 = the same profile; lower = closer)",
        "{ward} voor {group}<br>gem. verschil {gap} (0 = hetzelfde profiel; lager = dichterbij)",
    ),
    "needs_table": (
        "Level each client group needs per function (rows: groups; columns: functions; 0–4):",
        "Niveau dat elke cliëntengroep per functie nodig heeft (rijen: groepen; kolommen: functies; 0–4):",
    ),
    "mean_gap_table": (
        "Mean absolute gap per ward (rows) and client group (columns); 0 = perfect fit:",
        "Gemiddeld absoluut verschil per afdeling (rijen) en cliëntengroep (kolommen); 0 = past precies:",
    ),
    "shared_reason_heading": (
        "A reason to exist its clients and staff can share:",
        "Een bestaansreden die cliënten en medewerkers kunnen delen:",
    ),
    "heatmap_summary": (
        "Mean gap between ward profile and client-group needs (0 = the same profile), for every pair, also where a "
        "ward is no setting for a group. Closest profile per ward among the groups it could admit: {pairs}.",
        "Gemiddeld verschil tussen afdelingsprofiel en behoeften van de cliëntengroep (0 = hetzelfde profiel), voor "
        "elke combinatie, ook waar een afdeling geen setting is voor een groep. Dichtstbijzijnde profiel per "
        "afdeling onder de groepen die ze zou kunnen opnemen: {pairs}.",
    ),
    "fit_fits": ("the profile fits", "het profiel past"),
    "fit_fits_partly": ("the profile fits in part", "het profiel past ten dele"),
    "fit_misfits": ("the profile does not fit", "het profiel past niet"),
    "verdict_healthy": ("healthy equilibrium", "gezond evenwicht"),
    "verdict_under_strain": ("under strain", "onder druk"),
    "verdict_less_healthy": ("less healthy equilibrium", "minder gezond evenwicht"),
    "severity_strain": ("strain point", "drukpunt"),
    "severity_serious": ("serious point", "ernstig punt"),
    "point_condition": ("{item} scored {score}: {severity}", "{item}: score {score} — {severity}"),
    "point_function": (
        "{item}: ward {score}, need {need} — {direction}: {severity}",
        "{item}: afdeling {score}, behoefte {need} — {direction}: {severity}",
    ),
    "no_points": ("No strain or serious points.", "Geen drukpunten of ernstige punten."),
    # zingeving: the ward's reason to exist, experienced and accepted
    "zingeving_fulfilled": ("fulfilled", "vervuld"),
    "zingeving_fragile": ("fragile: it cannot last as it is", "kwetsbaar: zo houdt het geen stand"),
    "zingeving_not_fulfilled": ("not fulfilled", "niet vervuld"),
    "zpoint_zingeving_clients_serious": (
        "Clients hardly experience the ward's reason to exist ({score}).",
        "Cliënten beleven de bestaansreden van de afdeling nauwelijks ({score}).",
    ),
    "zpoint_zingeving_clients_strain": (
        "Clients experience the ward's reason to exist only in part ({score}).",
        "Cliënten beleven de bestaansreden van de afdeling maar ten dele ({score}).",
    ),
    "zpoint_zingeving_staff_serious": (
        "Staff hardly experience the ward's reason to exist ({score}).",
        "Medewerkers beleven de bestaansreden van de afdeling nauwelijks ({score}).",
    ),
    "zpoint_zingeving_staff_strain": (
        "Staff experience the ward's reason to exist only in part ({score}).",
        "Medewerkers beleven de bestaansreden van de afdeling maar ten dele ({score}).",
    ),
    "zpoint_zingeving_surroundings_serious": (
        "The surroundings hardly accept the ward's reason to exist ({score}): its future is at stake.",
        "De omgeving accepteert de bestaansreden van de afdeling nauwelijks ({score}): haar voortbestaan staat op het spel.",
    ),
    "zpoint_zingeving_surroundings_strain": (
        "The surroundings accept the ward's reason to exist only in part ({score}).",
        "De omgeving accepteert de bestaansreden van de afdeling maar ten dele ({score}).",
    ),
    "zpoint_goal": (
        "No external goal (doelverwerving 0): there is nothing for zingeving to be fulfilled through.",
        "Geen doel naar buiten (doelverwerving 0): er is niets waardoor zingeving vervuld kan worden.",
    ),
    "zpoint_internal": (
        "{item} is at 0: an internal function is not looked after, so there is nothing for zingeving to be fulfilled through.",
        "{item} staat op 0: een interne functie wordt niet verzorgd, dus er is niets waardoor zingeving vervuld kan worden.",
    ),
    "zpoint_condition_serious": (
        "{item} fails ({score}): on this condition the ward is not meaningful to its participants, however strongly "
        "its reason is felt.",
        "{item} schiet tekort ({score}): op deze voorwaarde is de afdeling niet zinvol voor haar deelnemers, hoe sterk "
        "de reden ook gevoeld wordt.",
    ),
    "zpoint_condition_strain": (
        "{item} is met only in part ({score}): the meaning rests on it.",
        "{item} is maar ten dele vervuld ({score}): juist daarop rust de zingeving.",
    ),
    "zpoint_check": (
        "Check your scores: all four conditions are met, yet {item} is {score}. The source calls a system whose "
        "four conditions hold meaningful to its participants. Whose view did you score?",
        "Kijk je scores na: alle vier voorwaarden zijn vervuld, en toch staat {item} op {score}. Volgens de bron is een "
        "systeem waarin de vier voorwaarden vervuld zijn, zinvol voor zijn deelnemers. Wiens blik heb je gescoord?",
    ),
    "no_zingeving_points": (
        "Experienced by clients and staff, accepted by the surroundings, and carried by the four conditions.",
        "Beleefd door cliënten en medewerkers, geaccepteerd door de omgeving en gedragen door de vier voorwaarden.",
    ),
    "zingeving_yours": ("Zingeving from your scores", "Zingeving volgens jouw scores"),
    "zingeving_reference": ("Zingeving from the reference", "Zingeving volgens de referentie"),
    "item": ("Item", "Onderdeel"),
    "your_score": ("You", "Jij"),
    "reference_score": ("Reference", "Referentie"),
    "difference": ("Difference", "Verschil"),
    "your_reason": ("Your reason", "Jouw reden"),
    "reference_reason": ("Why (reference)", "Waarom (referentie)"),
    "reasons_hint": (
        "Under each slider, write one sentence: why this score? Your reasons are shown beside the reference's "
        "when you commit, and saved with your scoring.",
        "Schrijf onder elke schuifregelaar één zin: waarom deze score? Na het vastleggen staan je redenen naast "
        "die van de referentie, en ze worden met je scoring opgeslagen.",
    ),
    "reason_placeholder": ("Why this score? One sentence.", "Waarom deze score? Eén zin."),
    "differences_summary": (
        "Rows in colour differ by {large_from} or more from the reference ({large} of them). Read the reason and look back at the observations.",
        "Gekleurde rijen wijken {large_from} of meer af van de referentie ({large} rijen). Lees de reden en kijk terug naar de observaties.",
    ),
    "score_functions": (
        "The profile: how strongly does the ward fill in each function? (0 = hardly, 4 = very strongly; higher is not better)",
        "Het profiel: hoe sterk vult de afdeling elke functie in? (0 = nauwelijks, 4 = zeer sterk; hoger is niet beter)",
    ),
    "score_zingeving": (
        "Zingeving: how far is the ward's reason to exist experienced and accepted? (0 = not at all, 4 = fully; "
        "higher is better, there is no 'too much')",
        "Zingeving: in hoeverre wordt de bestaansreden van de afdeling beleefd en geaccepteerd? (0 = helemaal niet, "
        "4 = volledig; hoger is beter, 'te veel' bestaat niet)",
    ),
    "score_conditions": (
        "How far is each meaningfulness condition met? (0 = not at all, 4 = fully)",
        "In hoeverre is elke voorwaarde voor zinvolheid vervuld? (0 = helemaal niet, 4 = volledig)",
    ),
    "your_scoring": ("Your scoring", "Jouw scoring"),
    "reference_scoring": ("Reference scoring", "Referentiescoring"),
    "scorer_title": ("Ward scorer", "Afdeling scoren"),
    "scorer_radar_title": ("Profile of {ward}", "Profiel van {ward}"),
    "verdict_yours": ("Equilibrium from your scores", "Evenwicht volgens jouw scores"),
    "verdict_reference": ("Equilibrium from the reference", "Evenwicht volgens de referentie"),
    "tab_score": ("Score the ward", "Scoor de afdeling"),
    "tab_ideal": ("My ideal ward", "Mijn ideale afdeling"),
    "ideal_intro": (
        "Score the ward you think these clients need: your ideal. The radar compares it with the real ward.",
        "Scoor de afdeling die deze cliënten volgens jou nodig hebben: jouw ideaal. De radar vergelijkt die met de echte afdeling.",
    ),
    "ideal_ward": ("Ideal ward", "Ideale afdeling"),
    "ideal_title": ("Ideal versus real", "Ideaal versus werkelijkheid"),
    "ideal_gap_largest": (
        "Largest ideal–real difference: {items}.",
        "Grootste verschil tussen ideaal en werkelijkheid: {items}.",
    ),
    "ideal_gap_item": ("{function} (ideal {ideal}, real {real})", "{function} (ideaal {ideal}, werkelijk {real})"),
    "ideal_gap_none": (
        "Your ideal and the real ward have the same profile.",
        "Jouw ideaal en de echte afdeling hebben hetzelfde profiel.",
    ),
    # fit (lesson 04)
    "fit_title": ("Client-group fit explorer", "Verkenner: past de afdeling bij de cliëntengroep?"),
    "fit_bars_title": (
        "Profile of {ward} against the needs of {group}",
        "Profiel van {ward} tegenover de behoeften van {group}",
    ),
    "fit_bars_title_not_a_setting": (
        "{ward} is not a setting for {group}: its profile beside their needs, for comparison only",
        "{ward} is geen setting voor {group}: het profiel naast hun behoeften, alleen ter vergelijking",
    ),
    "fit_radar_title": (
        "Ward profile against the group's needs",
        "Afdelingsprofiel tegenover de behoeften van de groep",
    ),
    "need_of": ("needs of {group}", "behoeften van {group}"),
    "fit_for_group": ("Fit of the profile for this group", "Passendheid van het profiel voor deze groep"),
    "verdict_own_group": (
        "Equilibrium with its own clients and staff",
        "Evenwicht met de eigen cliënten en medewerkers",
    ),
    "zingeving_own_group": (
        "Zingeving with its own clients and staff",
        "Zingeving met de eigen cliënten en medewerkers",
    ),
    "own_group_note": ("Its own client group:", "De eigen cliëntengroep:"),
    "fit_only": (
        "Profile only: the ward could admit this group, but it was not made for it. The conditions and zingeving "
        "describe the ward with its own clients and staff, so for this group the model compares the profile alone — "
        "no equilibrium verdict, no benefit, no advice.",
        "Alleen het profiel: de afdeling zou deze groep kunnen opnemen, maar is er niet voor ingericht. De "
        "voorwaarden en de zingeving beschrijven de afdeling met haar eigen cliënten en medewerkers; voor deze groep "
        "vergelijkt het model daarom alleen het profiel — geen oordeel over het evenwicht, geen baat, geen advies.",
    ),
    "profile_for_group": ("Profile against this group's needs", "Profiel tegenover de behoeften van deze groep"),
    "statement_profile_close": ("close to their needs", "dicht bij hun behoeften"),
    "statement_profile_partly_far": (
        "partly far from their needs (strain points)",
        "deels ver van hun behoeften (drukpunten)",
    ),
    "statement_profile_far": ("far from their needs (a serious gap)", "ver van hun behoeften (een ernstig verschil)"),
    "statement_not_a_setting": ("not a setting for this group", "geen setting voor deze groep"),
    "not_a_setting_heading": (
        "Not a setting for this group — the ward does not admit its clients",
        "Geen setting voor deze groep — de afdeling neemt deze cliënten niet op",
    ),
    "barrier_age": (
        "age: the ward admits {ward} years, this group is {group} years",
        "leeftijd: de afdeling neemt {ward} jaar op, deze groep is {group} jaar",
    ),
    "barrier_legal_frame": (
        "legal frame: the ward admits clients {ward}; this group's clients come {group}",
        "juridisch kader: de afdeling neemt cliënten {ward} op; cliënten van deze groep komen {group}",
    ),
    "barrier_stay": (
        "length of stay: the ward offers {ward}; this group needs {group}",
        "verblijfsduur: de afdeling biedt {ward}; deze groep heeft {group} nodig",
    ),
    "frame_voluntary": ("voluntarily", "vrijwillig"),
    "frame_wvggz": ("under the Wvggz (compulsory care)", "met de Wvggz (verplichte zorg)"),
    "frame_tbs": ("under a TBS order (forensic)", "met tbs (forensisch)"),
    "stay_short": ("a short stay (weeks)", "een kort verblijf (weken)"),
    "stay_medium": ("a stay of months (up to a year)", "een verblijf van maanden (tot een jaar)"),
    "stay_long": ("a long stay (a year or more)", "een lang verblijf (een jaar of langer)"),
    "or": ("or", "of"),
    "needs_setting": (
        "This group needs a setting for ages {ages}, that admits clients {frames}, with {stay}, and a profile of {levels}.",
        "Deze groep heeft een setting nodig voor {ages} jaar, die cliënten {frames} opneemt, met {stay} en een profiel van "
        "{levels}.",
    ),
    "other_groups_heading": (
        "The other client groups (judged on admission and profile only)",
        "De andere cliëntengroepen (alleen beoordeeld op opname en profiel)",
    ),
    "others_profile_close": (
        "Could be admitted; profile close to their needs:",
        "Kunnen worden opgenomen; profiel dicht bij hun behoeften:",
    ),
    "others_profile_partly_far": (
        "Could be admitted; profile partly far from their needs:",
        "Kunnen worden opgenomen; profiel deels ver van hun behoeften:",
    ),
    "others_profile_far": (
        "Could be admitted; profile far from their needs:",
        "Kunnen worden opgenomen; profiel ver van hun behoeften:",
    ),
    "others_not_a_setting": ("Not a setting for:", "Geen setting voor:"),
    "fit_caveat": (
        "A profile comparison sees four levels of intensity only. Whether another group would be well served depends "
        "on its clients, the staff and the ward's own conditions, which the comparison cannot see: it is never "
        "placement advice.",
        "Een vergelijking van profielen ziet alleen vier niveaus van intensiteit. Of een andere groep er goed "
        "terechtkomt, hangt af van de cliënten, de medewerkers en de voorwaarden op de afdeling, en die ziet de "
        "vergelijking niet: het is nooit een plaatsingsadvies.",
    ),
    "what_to_change": (
        "What a sociotherapist would change for the ward's own clients",
        "Wat een sociotherapeut voor de eigen cliënten van de afdeling zou veranderen",
    ),
    "advice_under_doelverwerving": (
        "Give goals more weight: {steps} steps up (now {score}, the group needs {need}).",
        "Geef doelen meer gewicht: {steps} stappen omhoog (nu {score}, de groep heeft {need} nodig).",
    ),
    "advice_over_doelverwerving": (
        "Ease the pressure of goals and results: {steps} steps down (now {score}, the group needs {need}).",
        "Verminder de druk van doelen en resultaten: {steps} stappen omlaag (nu {score}, de groep heeft {need} nodig).",
    ),
    "advice_under_grensbepaling": (
        "Tighten the boundaries: {steps} steps (now {score}, the group needs {need}).",
        "Trek de grenzen strakker: {steps} stappen (nu {score}, de groep heeft {need} nodig).",
    ),
    "advice_over_grensbepaling": (
        "Loosen the boundaries: {steps} steps, to as few and as lightly guarded as this group needs "
        "(now {score}, the group needs {need}).",
        "Maak de grenzen losser: {steps} stappen, tot zo weinig en zo licht bewaakt als deze groep nodig heeft "
        "(nu {score}, de groep heeft {need} nodig).",
    ),
    "advice_under_structurering": (
        "Add structure: {steps} steps — a fuller, more predictable day and clearer roles (now {score}, the group needs {need}).",
        "Breng meer structuur aan: {steps} stappen — een vollere, voorspelbaarder dag en duidelijker rollen "
        "(nu {score}, de groep heeft {need} nodig).",
    ),
    "advice_over_structurering": (
        "Loosen the structure: {steps} steps — more room to fill in the day oneself (now {score}, the group needs {need}).",
        "Maak de structuur losser: {steps} stappen — meer ruimte om de dag zelf in te vullen (nu {score}, de groep heeft {need} nodig).",
    ),
    "advice_under_energieverzorging": (
        "Care more for energy: {steps} steps — rest, support, debriefing (now {score}, the group needs {need}).",
        "Zorg meer voor energie: {steps} stappen — rust, steun, nabespreking (nu {score}, de groep heeft {need} nodig).",
    ),
    "advice_over_energieverzorging": (
        "Take over less: {steps} steps — leave to clients what they can do themselves (now {score}, the group needs {need}).",
        "Neem minder over: {steps} stappen — laat cliënten doen wat ze zelf kunnen (nu {score}, de groep heeft {need} nodig).",
    ),
    "advice_none": (
        "No function is 2 or more steps off: fine-tune with the team.",
        "Geen functie wijkt 2 of meer stappen af: stem fijn af met het team.",
    ),
    "heatmap_title": (
        "Fit of every ward for every client group",
        "Passendheid van elke afdeling voor elke cliëntengroep",
    ),
    # quizzes (lessons 02 and 05)
    "quiz_title": ("Which system function is at stake?", "Welke systeemfunctie speelt hier?"),
    "quiz_chart_functions": ("Your answers per function", "Jouw antwoorden per functie"),
    "sorter_title": ("Personal or clinical recovery?", "Persoonlijk of klinisch herstel?"),
    "sorter_chart": ("Your answers per perspective", "Jouw antwoorden per perspectief"),
    # the charts in the worked example (the static site): every item answered as the key has it
    "quiz_chart_functions_worked": ("The key: situations per function", "De sleutel: situaties per functie"),
    "sorter_chart_worked": ("The key: statements per perspective", "De sleutel: uitspraken per perspectief"),
    "quiz_right": ("right", "goed"),
    "quiz_wrong": ("wrong", "fout"),
    "quiz_open": ("not answered yet", "nog niet beantwoord"),
    "quiz_summary": (
        "{right} right, {wrong} wrong, {open} not answered yet.",
        "{right} goed, {wrong} fout, {open} nog niet beantwoord.",
    ),
    "quiz_static": (
        "A quiz of {total} items (run the notebook to answer them).",
        "Een quiz van {total} items (voer het notebook uit om ze te beantwoorden).",
    ),
    "choose_first": ("Choose an answer first.", "Kies eerst een antwoord."),
    "items": ("items", "items"),
    "zingeving_judged_as": (
        "Not a level but a judgement: how far is the reason to exist experienced and accepted?",
        "Geen niveau maar een oordeel: in hoeverre wordt de bestaansreden beleefd en geaccepteerd?",
    ),
    "guiding_questions": ("Questions for observing it on a ward", "Vragen om het op een afdeling te observeren"),
    # recovery (lessons 05–07)
    "perspective": ("Perspective", "Perspectief"),
    "perspective_personal": ("personal", "persoonlijk"),
    "perspective_clinical": ("clinical", "klinisch"),
    "dimension": ("Dimension", "Dimensie"),
    "chime": ("CHIME process", "CHIME-proces"),
    "description": ("Description", "Omschrijving"),
    "moves": ("moves", "handelingen"),
    "vignette": ("Vignette", "Casus"),
    "vignette_title": ("Vignette scorer", "Casus scoren"),
    "vignette_chart": ("Moves per recovery dimension: {title}", "Handelingen per hersteldimensie: {title}"),
    "your_tags": ("your tags", "jouw labels"),
    "no_tags_yet": ("no moves tagged with a dimension yet", "nog geen handelingen met een dimensie gelabeld"),
    "key_tags": ("key", "sleutel"),
    "no_dimension": ("dimension (optional)", "dimensie (optioneel)"),
    "not_tagged": ("not tagged", "niet gelabeld"),
    "vignette_orientation_agreement": (
        "Orientation: you agreed with the key on {right} of {total} moves ({share}%).",
        "Oriëntatie: je was het bij {right} van de {total} handelingen eens met de sleutel ({share}%).",
    ),
    "vignette_dimension_agreement": (
        "Dimension: you chose one for {chosen} of the {total} moves, and {right} of your choices match the key's dimension.",
        "Dimensie: je koos er een bij {chosen} van de {total} handelingen, en {right} van je keuzes komen overeen met de sleutel.",
    ),
    "vignette_no_dimension": (
        "Dimension: you chose none (it is optional).",
        "Dimensie: je koos er geen (dat is optioneel).",
    ),
    "orientation": ("orientation", "oriëntatie"),
    "dimension_none_chosen": ("no dimension chosen", "geen dimensie gekozen"),
    "vignette_summary": (
        "In this vignette {share}% of the moves are personal-recovery oriented; {goals}. Dimensions touched: {dimensions}.",
        "In deze casus is {share}% van de handelingen gericht op persoonlijk herstel; {goals}. Geraakte dimensies: {dimensions}.",
    ),
    "vignette_report": (
        "{title}: {moves} moves, {share}% personal-recovery oriented; {goals}",
        "{title}: {moves} handelingen, {share}% gericht op persoonlijk herstel; {goals}",
    ),
    "goal_setter_person": ("who sets the goals: the person", "wie de doelen stelt: de persoon zelf"),
    "goal_setter_professionals": ("who sets the goals: professionals", "wie de doelen stelt: professionals"),
    "goal_setter_mixed": (
        "who sets the goals: mixed (as many own-direction moves as top-down goals)",
        "wie de doelen stelt: gemengd (evenveel handelingen met eigen regie als met doelen van bovenaf)",
    ),
    "goal_setter_none": (
        "who sets the goals: no move shows it",
        "wie de doelen stelt: geen handeling laat het zien",
    ),
    "rewrite_title": (
        "Rewrite a clinical move as a personal-recovery move",
        "Herschrijf een klinische handeling als een handeling gericht op persoonlijk herstel",
    ),
    "rewrite_move": ("Move", "Handeling"),
    "rewrite_placeholder": (
        "What would the professional do or say instead?",
        "Wat zou de professional in plaats daarvan doen of zeggen?",
    ),
    "rewrite_hint": (
        "Pick any move you judge clinical and write how it could serve the person's own recovery; each move keeps "
        "its own rewrite, and they are saved together.",
        "Kies elke handeling die jij klinisch vindt en schrijf hoe die het eigen herstel van de persoon kan dienen; "
        "elke handeling houdt haar eigen herschrijving, en ze worden samen opgeslagen.",
    ),
    "your_rewrites": ("Your rewrites:", "Jouw herschrijvingen:"),
    "redesign_app_title": (
        "Redesign a ward as a recovery-oriented ward",
        "Herontwerp een afdeling als herstelgerichte afdeling",
    ),
    "redesign": ("Redesign", "Herontwerp"),
    "original_of": ("{ward} now", "{ward} nu"),
    "redesign_title": ("{ward}: now and redesigned", "{ward}: nu en herontworpen"),
    "redesign_changes": ("Your changes", "Jouw wijzigingen"),
    "redesign_change": ("{function}: {before} → {after}", "{function}: {before} → {after}"),
    "redesign_unchanged": (
        "Move the sliders to redesign the ward.",
        "Beweeg de schuifregelaars om de afdeling te herontwerpen.",
    ),
    "redesign_functions": (
        "The profile of your redesign (0 = hardly, 4 = very strongly; higher is not better)",
        "Het profiel van je herontwerp (0 = nauwelijks, 4 = zeer sterk; hoger is niet beter)",
    ),
    "redesign_conditions": (
        "How far do you expect each condition to be met on your redesigned ward? (0 = not at all, 4 = fully) "
        "Often the recovery-oriented change is here, in how a function is filled in, more than in how much.",
        "In hoeverre verwacht je dat elke voorwaarde op je herontworpen afdeling vervuld is? (0 = helemaal niet, "
        "4 = volledig) Vaak zit de herstelgerichte verandering hier, in hoe een functie wordt ingevuld, meer dan in hoeveel.",
    ),
    "redesign_for_group": ("Your redesign for {group}", "Jouw herontwerp voor {group}"),
    "redesign_now": ("now", "nu"),
    "redesign_after": ("redesigned", "herontworpen"),
    "reflection": ("Reflection (saved with your redesign)", "Reflectie (wordt met je herontwerp opgeslagen)"),
    "reflect_changed_most": (
        "Which function did you change most, and why does personal recovery ask for it?",
        "Welke functie heb je het meest veranderd, en waarom vraagt persoonlijk herstel daarom?",
    ),
    "reflect_eigen_regie": (
        "How do clients get a say (eigen regie) on the redesigned ward?",
        "Hoe krijgen cliënten zeggenschap (eigen regie) op de herontworpen afdeling?",
    ),
    "reflect_staff": (
        "What would staff and management need to make this work?",
        "Wat hebben medewerkers en management nodig om dit te laten werken?",
    ),
    "recovery_hint_doelverwerving": (
        "Recovery asks: goals set with the client, not top-down.",
        "Herstel vraagt: doelen samen met de cliënt, niet van bovenaf.",
    ),
    "recovery_hint_grensbepaling": (
        "Recovery asks: as few boundaries as this group needs, explained and agreed.",
        "Herstel vraagt: zo weinig grenzen als deze groep nodig heeft, uitgelegd en afgesproken.",
    ),
    "recovery_hint_structurering": (
        "Recovery asks: structure that leaves room for eigen regie.",
        "Herstel vraagt: structuur die ruimte laat voor eigen regie.",
    ),
    "recovery_hint_energieverzorging": (
        "Recovery asks: energy from peers and the social environment too.",
        "Herstel vraagt: haal energie ook uit lotgenoten en de sociale omgeving.",
    ),
    # saving
    "pseudonym_invalid": (
        "Choose a pseudonym of 2–40 letters, digits, - or _ (no spaces, no @).",
        "Kies een pseudoniem van 2–40 letters, cijfers, - of _ (geen spaties, geen @).",
    ),
    "pseudonym_warning": (
        "This looks like a real name or e-mail address: please use a nickname.",
        "Dit lijkt op een echte naam of e-mailadres: gebruik liever een bijnaam.",
    ),
    "file_unreadable": (
        "Your saved file cannot be used, so nothing was written: {reason}. Ask your lecturer.",
        "Je opgeslagen bestand is onbruikbaar, dus er is niets geschreven: {reason}. Vraag je docent.",
    ),
    "migrated_note": (
        "This work was saved with an earlier version of the course, which scored zingeving as a single 0–4 dial. "
        "That old score is kept in your file but not used: score zingeving's three parts again.",
        "Dit werk is opgeslagen met een eerdere versie van de cursus, die zingeving als één schuif van 0–4 scoorde. "
        "Die oude score blijft in je bestand bewaard maar wordt niet gebruikt: scoor de drie delen van zingeving opnieuw.",
    ),
    "class_note_migrated": (
        "saved in format {version}: its old zingeving score (a single 0–4 dial) is not used; everything else is",
        "opgeslagen in formaat {version}: de oude zingevingsscore (één schuif van 0–4) wordt niet gebruikt, de rest wel",
    ),
    "dashboard_notes": ("Used, with a note:", "Gebruikt, met een opmerking:"),
    "note_column": ("Note", "Opmerking"),
    "saved_work_found": (
        "You have saved work here from {when}: click ‘{load}’ to get it back.",
        "Je hebt hier opgeslagen werk van {when}: klik op ‘{load}’ om het terug te halen.",
    ),
    # lecturer dashboard
    "dashboard_title": ("Class dashboard", "Klasdashboard"),
    "dashboard_source": (
        "Folder of student files or a combined CSV",
        "Map met studentbestanden of een gecombineerde CSV",
    ),
    "dashboard_load": ("Load", "Laden"),
    "dashboard_problems": (
        "{count} files or rows could not be used:",
        "{count} bestanden of rijen konden niet worden gebruikt:",
    ),
    "dashboard_no_problems": ("Every file could be used.", "Alle bestanden waren bruikbaar."),
    "dashboard_name_warning": (
        "These pseudonyms look like a real name or e-mail address: ask the students to choose a nickname.",
        "Deze pseudoniemen lijken op een echte naam of e-mailadres: vraag de studenten een bijnaam te kiezen.",
    ),
    "dashboard_ward_title": ("The class's scores for {ward}", "Scores van de klas voor {ward}"),
    "dashboard_vignette_title": (
        "Agreement with the key per move: {title}",
        "Overeenstemming met de sleutel per handeling: {title}",
    ),
    "dashboard_alpha_title": (
        "Agreement among students (Krippendorff's alpha, ordinal)",
        "Overeenstemming tussen studenten (Krippendorffs alfa, ordinaal)",
    ),
    "dashboard_no_tags": ("No student has tagged this vignette yet.", "Nog geen student heeft deze casus gelabeld."),
    "alpha_explained": (
        "Alpha is 1 when all students give the same scores and about 0 when they agree no more than chance. "
        "Per ward the units are its {items} items; per item (a function, a part of zingeving or a condition) the "
        "units are the wards. {reliable} is the usual bar for reliable ratings, {tentative} for tentative conclusions.",
        "Alfa is 1 als alle studenten dezelfde scores geven en ongeveer 0 als ze niet meer overeenstemmen dan toeval. "
        "Per afdeling zijn de eenheden haar {items} onderdelen; per onderdeel (een functie, een deel van zingeving of "
        "een voorwaarde) zijn het de afdelingen. {reliable} is de gebruikelijke grens voor betrouwbare oordelen, "
        "{tentative} voor voorlopige conclusies.",
    ),
    "agreement_report_head": (
        "Agreement among {students} students (Krippendorff's alpha, ordinal):",
        "Overeenstemming tussen {students} studenten (Krippendorffs alfa, ordinaal):",
    ),
    "agreement_report_demo": (
        "An example: the fictional demo class (data/class_demo), not the class loaded in the dashboard above.",
        "Een voorbeeld: de verzonnen demoklas (data/class_demo), niet de klas die hierboven in het dashboard is geladen.",
    ),
    "agreement_summary": ("Krippendorff's alpha: {pairs}.", "Krippendorffs alfa: {pairs}."),
    "move_agreement_summary": (
        "Moves with the least agreement with the key: {moves}.",
        "Handelingen met de minste overeenstemming met de sleutel: {moves}.",
    ),
    "agree_axis": ("students agreeing with the key (%)", "studenten eens met de sleutel (%)"),
    "agree_share": ("Share agreeing with key", "Aandeel eens met sleutel"),
    "move": ("Move", "Handeling"),
    "students": ("Students", "Studenten"),
    "class_mean": ("Class mean", "Klasgemiddelde"),
    "units": ("Units", "Eenheden"),
    "scope": ("Scope", "Niveau"),
    "scope_ward": ("ward", "afdeling"),
    "scope_function": ("function", "functie"),
    "scope_zingeving": ("zingeving", "zingeving"),
    "scope_condition": ("condition", "voorwaarde"),
    "source": ("File or row", "Bestand of rij"),
    "reason_column": ("Why not used", "Waarom niet gebruikt"),
    "discussion_prompts": (
        "Discuss in class: the moves the class disagreed on most",
        "Bespreek in de klas: de handelingen waarover de klas het minst eens was",
    ),
    "prompt_split": (
        "{personal}% of the class tagged it personal; {agree}% agreed with the key ({orientation}).",
        "{personal}% van de klas labelde dit als persoonlijk; {agree}% was het eens met de sleutel ({orientation}).",
    ),
    "tab_wards": ("Wards", "Afdelingen"),
    "tab_vignettes": ("Vignettes", "Casussen"),
    # dashboard completeness (issue 10)
    "n_students_one": ("1 student", "1 student"),
    "n_students": ("{count} students", "{count} studenten"),
    "n_files_one": ("1 file", "1 bestand"),
    "n_files": ("{count} files", "{count} bestanden"),
    "dashboard_loaded_counted": (
        "Loaded the work of {students} from {sources}.",
        "Het werk van {students} uit {sources} is geladen.",
    ),
    "dashboard_problems_one": (
        "1 file or row could not be used:",
        "1 bestand of rij kon niet worden gebruikt:",
    ),
    # the class's written work, read in the dashboard (issue 28)
    "n_redesigns_one": ("1 redesign", "1 herontwerp"),
    "n_redesigns": ("{count} redesigns", "{count} herontwerpen"),
    "n_rewrites_one": ("1 rewritten move", "1 herschreven handeling"),
    "n_rewrites": ("{count} rewritten moves", "{count} herschreven handelingen"),
    "n_ideals_one": ("1 ideal ward", "1 ideale afdeling"),
    "n_ideals": ("{count} ideal wards", "{count} ideale afdelingen"),
    "dashboard_written": (
        "Written work to read on the tab ‘{tab}’: {parts}.",
        "Geschreven werk om te lezen op het tabblad ‘{tab}’: {parts}.",
    ),
    "dashboard_answers": (
        "Answers analysed on the tab ‘{tab}’: {parts}.",
        "Antwoorden geanalyseerd op het tabblad ‘{tab}’: {parts}.",
    ),
    "dashboard_answers_quiz": ("the quiz by {students}", "de quiz door {students}"),
    "dashboard_answers_sorter": ("the sorter by {students}", "de sorteeroefening door {students}"),
    "dashboard_demo_note": (
        "This is the fictional demo class: type the folder of your class's files above and press {load}.",
        "Dit is de verzonnen demoklas: typ hierboven de map met de bestanden van je klas en klik op {load}.",
    ),
    "dashboard_live_empty": (
        "No hand-ins yet: the dashboard fills in as students hand in.",
        "Nog geen inleveringen: het dashboard vult zich zodra studenten inleveren.",
    ),
    "tab_writing": ("Written work", "Geschreven werk"),
    # the dashboard's item analysis (issue 29)
    "tab_items": ("Item analysis", "Itemanalyse"),
    "items_part": ("Items of", "Items van"),
    "items_part_quiz": ("the quiz: which function? (lesson 02)", "de quiz: welke functie? (les 02)"),
    "items_part_sorter": (
        "the sorter: personal or clinical? (lesson 05)",
        "de sorteeroefening: persoonlijk of klinisch? (les 05)",
    ),
    "items_part_moves": ("the vignettes' moves (lesson 06)", "de handelingen in de casussen (les 06)"),
    "items_explained": (
        "The items to discuss first come first: the smallest share choosing the key, then the wrong answer "
        "most chosen. Each student's first answer counts, given before the key was shown. Click an item for "
        "its whole text and the key's reason.",
        "De items om eerst te bespreken staan bovenaan: het kleinste aandeel dat de sleutel koos, dan het "
        "vaakst gekozen foute antwoord. Telt het eerste antwoord van elke student, gegeven voordat de sleutel "
        "te zien was. Klik op een item voor de hele tekst en de reden van de sleutel.",
    ),
    "items_explained_moves": (
        "The moves to discuss first come first: the smallest share tagging the key's orientation, then the "
        "fewest choosing its dimension. Tags chosen: every orientation and dimension the students chose, with "
        "the share of students. Click a move for its whole text and the key's reason.",
        "De handelingen om eerst te bespreken staan bovenaan: het kleinste aandeel dat de oriëntatie van de "
        "sleutel koos, dan de minsten die haar dimensie kozen. Gekozen labels: elke oriëntatie en dimensie die "
        "studenten kozen, met het aandeel studenten. Klik op een handeling voor de hele tekst en de reden van "
        "de sleutel.",
    ),
    "items_none": (
        "No student in this class has saved answers for these items yet.",
        "Nog geen student in deze klas heeft antwoorden op deze items opgeslagen.",
    ),
    "items_rank": ("#", "#"),
    "items_situation": ("Situation", "Situatie"),
    "items_statement": ("Statement", "Uitspraak"),
    "items_move": ("Move", "Handeling"),
    "items_right": ("Chose the key", "Koos de sleutel"),
    "items_agree": ("Orientation as the key", "Oriëntatie als de sleutel"),
    "items_wrong": ("Wrong answer chosen most", "Vaakst gekozen foute antwoord"),
    "items_wrong_count": ("{answer} ({percent}%)", "{answer} ({percent}%)"),
    "items_tags": ("Tags chosen (share of students)", "Gekozen labels (aandeel studenten)"),
    "items_of": ("{part} of {whole} ({percent}%)", "{part} van {whole} ({percent}%)"),
    "items_no_dimension": ("{tag} (no dimension)", "{tag} (geen dimensie)"),
    "items_more": (", and {count} more", ", en nog {count}"),
    "reading_kind": ("Read", "Lezen"),
    "reading_kind_redesign": ("Redesigns and reflections (lesson 07)", "Herontwerpen en reflecties (les 07)"),
    "reading_kind_rewrite": ("Rewritten moves (lesson 06)", "Herschreven handelingen (les 06)"),
    "reading_kind_ideal": ("Ideal wards (lesson 03)", "Ideale afdelingen (les 03)"),
    "reading_kind_reason": ("Reasons for ward scores (lesson 03)", "Redenen bij afdelingsscores (les 03)"),
    "n_reasons_one": ("1 reason for a score", "1 reden bij een score"),
    "n_reasons": ("{count} reasons for scores", "{count} redenen bij scores"),
    "reading_reason": ("{pseudonym} scored {score}", "{pseudonym} scoorde {score}"),
    "reading_filter": ("Ward or vignette", "Afdeling of casus"),
    "reading_all": ("All", "Alle"),
    "reading_none": (
        "No student has handed in this kind of work yet.",
        "Nog geen student heeft dit soort werk ingeleverd.",
    ),
    "reading_pseudonyms": (
        "Each student appears under their pseudonym; their words are shown as they wrote them.",
        "Elke student staat er onder het eigen pseudoniem; hun woorden staan er zoals ze ze schreven.",
    ),
    "reading_redesign_of": ("{pseudonym} — redesign of {ward}", "{pseudonym} — herontwerp van {ward}"),
    "reading_no_changes": ("No scores changed.", "Geen scores veranderd."),
    "reading_no_reflection": ("No reflection written.", "Geen reflectie geschreven."),
    "reading_unchanged": (
        "Not listed: {students} who saved this redesign unchanged and wrote nothing.",
        "Niet getoond: {students} met dit herontwerp onveranderd opgeslagen en niets geschreven.",
    ),
    "reading_move": ("Move {move} — {actor}: {text}", "Handeling {move} — {actor}: {text}"),
    "reading_ideal_of": ("Ideal wards sketched at {ward}", "Ideale afdelingen geschetst bij {ward}"),
    "reading_untouched": (
        "Not listed: {students} who saved an ideal ward with every slider still at its start ({start}).",
        "Niet getoond: {students} met een opgeslagen ideale afdeling waarin elke schuif nog op de beginstand ({start}) staat.",
    ),
    "reading_print": ("Printable page (HTML)", "Afdrukbare pagina (HTML)"),
    "reading_print_hint": (
        "saves the page shown here as a file: open it in the browser and print it",
        "slaat de pagina die hier staat op als bestand: open het in de browser en druk het af",
    ),
    "reading_page_title": ("Written work: {work}", "Geschreven werk: {work}"),
    "dashboard_ward_unscored": (
        "No student scored {ward} yet: shown is the reference scoring.",
        "Nog geen student heeft {ward} gescoord: getoond wordt de referentiescoring.",
    ),
    "class_summary_counted": (
        "Scores of {students}; class mean 0.75 or more away from the reference: {items}.",
        "Scores van {students}; klasgemiddelde 0,75 of meer van de referentie af: {items}.",
    ),
    "class_summary_unscored": (
        "No student scored this ward yet; the reference scores: {items}.",
        "Nog geen student heeft deze afdeling gescoord; de referentiescores: {items}.",
    ),
    "alpha_few_students": (
        "no number: alpha needs scores of at least two students",
        "geen getal: alfa vraagt scores van minstens twee studenten",
    ),
    "alpha_one_unit": (
        "no number: only one ward was scored on this item, and alpha compares at least two",
        "geen getal: op dit item is maar één afdeling gescoord, en alfa vergelijkt er minstens twee",
    ),
    "alpha_undefined": (
        "no number: alpha is undefined when all scores are the same or nothing was scored by two students",
        "geen getal: alfa bestaat niet als alle scores gelijk zijn of niets door twee studenten is gescoord",
    ),
    "dashboard_load_failed": (
        "The dashboard could not load {source} ({error}). Check the path and press Load again.",
        "Het dashboard kon {source} niet laden ({error}). Controleer het pad en klik nogmaals op Laden.",
    ),
    # equilibrium simulation (lesson 01)
    "sim_title": ("Equilibrium simulation", "Evenwichtssimulatie"),
    "sim_disclaimer": (
        "A didactic illustration, not an empirical model: the numbers show a mechanism, not a measurement.",
        "Een didactische illustratie, geen empirisch model: de getallen tonen een mechanisme, geen meting.",
    ),
    "sim_members": ("Group size (members)", "Groepsgrootte (leden)"),
    "sim_disruption": ("Disruption by member 0 (route b)", "Verstoring door lid 0 (route b)"),
    "sim_pressure": ("System pressure on member 0 (route a)", "Druk van het systeem op lid 0 (route a)"),
    "sim_care": ("Care for the internal functions", "Zorg voor de interne functies"),
    "sim_seed": ("Random seed", "Toevalsgetal"),
    "sim_preset_healthy": ("Healthy group", "Gezonde groep"),
    "sim_preset_route_a": ("Route a: the system harms a member", "Route a: het systeem schaadt een lid"),
    "sim_preset_route_b": ("Route b: a member disrupts the system", "Route b: een lid verstoort het systeem"),
    "sim_summary": (
        "Where the system settles: {state} — group mean {mean}, member 0 at {zero} (scale 0–1).",
        "Waar het systeem uitkomt: {state} — groepsgemiddelde {mean}, lid 0 op {zero} (schaal 0–1).",
    ),
    "sim_report": (
        "{scenario}, {members} members: {state} — group mean {mean}, member 0 at {zero}",
        "{scenario}, {members} leden: {state} — groepsgemiddelde {mean}, lid 0 op {zero}",
    ),
    "member_zero": ("member 0 (the member the routes are about)", "lid 0 (om wie het gaat)"),
    "other_members": ("other members", "overige leden"),
    "group_mean": ("group mean", "groepsgemiddelde"),
    "wellbeing": ("well-being (0–1, illustrative)", "welbevinden (0–1, illustratief)"),
    "step": ("time step", "tijdstap"),
    # screens and accessibility (issue 10)
    "a11y_orientation": ("Move {number}: personal or clinical", "Handeling {number}: persoonlijk of klinisch"),
    "a11y_dimension": ("Move {number}: recovery dimension", "Handeling {number}: hersteldimensie"),
    "a11y_rewrite": ("Your rewrite of the move", "Jouw herschrijving van de handeling"),
    "a11y_reason": ("Your reason for the score of {item}", "Jouw reden voor de score van {item}"),
    "reopen_note": (
        "Run this cell to start ‘{app}’ (Shift+Enter): it was saved with the lesson, and the Python kernel "
        "that ran it has stopped since. Work you saved stays in my_work/.",
        "Voer deze cel uit om ‘{app}’ te starten (Shift+Enter): het is met de les opgeslagen, en de Python-kernel "
        "die het liet werken is sindsdien gestopt. Werk dat je opsloeg, blijft in my_work/.",
    ),
    "reopen_language": (
        "Run this cell to show the language buttons (Shift+Enter); the language you chose is remembered.",
        "Voer deze cel uit om de taalknoppen te tonen (Shift+Enter); de taal die je koos, wordt onthouden.",
    ),
    "gap_legend_fit": ("fits (within ±1)", "past (binnen ±1)"),
    # a figure's data as a table (issue 30): the column headers, the button that shows it, the figure's name
    "table_gap": ("Gap (ward − need)", "Verschil (afdeling − behoefte)"),
    "table_fit": ("How far off", "Hoe ver eraf"),
    "table_direction": ("Direction", "Richting"),
    "table_others_lowest": ("Other members: lowest", "Andere leden: laagste"),
    "table_others_highest": ("Other members: highest", "Andere leden: hoogste"),
    "table_category": ("Category", "Categorie"),
    "table_perspective": ("Perspective", "Perspectief"),
    "table_item": ("Item", "Item"),
    "table_scored": ("Students who scored {score}", "Studenten die {score} gaven"),
    "table_scope": ("Ward or function", "Afdeling of functie"),
    "table_key": ("The key's perspective", "Perspectief volgens de sleutel"),
    "table_show": ("Show the data as a table", "Toon de gegevens als tabel"),
    "table_hide": ("Hide the table", "Verberg de tabel"),
    "table_caption": ("The data of the chart “{title}”", "De gegevens van de grafiek ‘{title}’"),
    "figure_name": ("Chart: {title}", "Grafiek: {title}"),
    "gap_legend_strain": ("strain (±2)", "drukpunt (±2)"),
    "gap_legend_serious": ("serious (±3 or more)", "ernstig (±3 of meer)"),
    "gap_legend_unknown": ("not scored", "niet gescoord"),
    "key_is": ("key: {orientation}", "sleutel: {orientation}"),
    "half_the_class": ("half the class", "de helft van de klas"),
    "pseudonym_needed": (
        "Type a pseudonym first (a nickname such as {example}), then press the button again.",
        "Typ eerst een pseudoniem (een bijnaam zoals {example}) en druk dan opnieuw op de knop.",
    ),
    # bad input (issue 9)
    "sw_not_found": ("file not found", "bestand niet gevonden"),
    "sw_not_a_file": ("not a file but a folder or a device", "geen bestand maar een map of een apparaat"),
    "sw_cannot_read": ("the file cannot be read ({error})", "het bestand kan niet worden gelezen ({error})"),
    "sw_too_large": (
        "the file is {size} MB, far larger than a course file (at most {limit} MB)",
        "het bestand is {size} MB, veel groter dan een cursusbestand (hoogstens {limit} MB)",
    ),
    "sw_encoding": (
        "not a readable course file: it is {found}, not UTF-8 text",
        "geen leesbaar cursusbestand: het is {found}, geen UTF-8-tekst",
    ),
    "sw_corrupt_json": (
        "not a readable course file (corrupt JSON at line {line}, column {column}: cut off or edited by hand?)",
        "geen leesbaar cursusbestand (beschadigde JSON op regel {line}, kolom {column}: afgebroken of met de hand bewerkt?)",
    ),
    "sw_not_a_course_file": (
        "not a course file (field 'format' should be '{format}')",
        "geen cursusbestand (veld 'format' moet '{format}' zijn)",
    ),
    "sw_course_version": (
        "scoring {number}: saved with course version {found}; this course is version {version} (same major version needed)",
        "scoring {number}: opgeslagen met cursusversie {found}; deze cursus is versie {version} (hetzelfde hoofdversienummer nodig)",
    ),
    # a student file that breaks the published format (helpers/student_work.schema.json)
    "sw_in_scoring": ("scoring {number}: {problem}", "scoring {number}: {problem}"),
    "sw_field_missing": ("field '{field}' is missing", "veld '{field}' ontbreekt"),
    "sw_field_wrong": (
        "field '{field}' is {found}; allowed: {allowed}",
        "veld '{field}' is {found}; toegestaan: {allowed}",
    ),
    "sw_allowed_empty": ("empty", "leeg"),
    "sw_allowed_pseudonym": ("2–40 letters, digits, - or _", "2–40 letters, cijfers, - of _"),
    "sw_allowed_move": ("a move number (digits 0–9)", "een handelingsnummer (cijfers 0–9)"),
    "sw_allowed_moment": (
        "a date and time such as 2026-12-06T17:32:05+00:00",
        "een datum en tijd zoals 2026-12-06T17:32:05+00:00",
    ),
    "sw_allowed_whole_number": ("a whole number from {low} to {high}", "een geheel getal van {low} tot en met {high}"),
    "sw_allowed_text": ("a text that is not empty", "een tekst die niet leeg is"),
    "sw_allowed_any_text": ("a text", "een tekst"),
    "sw_allowed_object": ("an object (names with their values)", "een object (namen met hun waarden)"),
    "sw_allowed_list": ("a list of values", "een lijst van waarden"),
    "sw_allowed_boolean": ("true or false", "true of false"),
    "sw_pseudonym_reserved": (
        "‘{pseudonym}’ is a name Windows keeps for a device, so no file can carry it: choose another pseudonym",
        "‘{pseudonym}’ is een naam die Windows voor een apparaat gebruikt, dus geen bestand kan zo heten: kies een ander pseudoniem",
    ),
    "sw_other_pseudonym": (
        "this file belongs to the pseudonym ‘{owner}’ (this computer does not tell upper from lower case, so ‘{pseudonym}’ names the same file): choose another pseudonym",
        "dit bestand hoort bij het pseudoniem ‘{owner}’ (deze computer maakt geen verschil tussen hoofdletters en kleine letters, dus ‘{pseudonym}’ wijst naar hetzelfde bestand): kies een ander pseudoniem",
    ),
    "sw_write_failed": ("the file could not be written ({error})", "het bestand kon niet worden geschreven ({error})"),
    "sw_looks_like_email": ("looks like an e-mail address", "lijkt op een e-mailadres"),
    "sw_looks_like_name": ("looks like a full name", "lijkt op een volledige naam"),
    "save_failed": (
        "Not saved: {reason}. Your earlier saved work is unchanged. Check that you may write to the folder {folder} "
        "(or ask your lecturer), then click ‘{save}’ again.",
        "Niet opgeslagen: {reason}. Je eerder opgeslagen werk is niet veranderd. Kijk of je in de map {folder} mag "
        "schrijven (of vraag het je docent) en klik dan opnieuw op ‘{save}’.",
    ),
    "save_unexpected": (
        "Not saved, because of an unexpected problem ({error}). Your earlier saved work is unchanged; please tell your lecturer.",
        "Niet opgeslagen door een onverwacht probleem ({error}). Je eerder opgeslagen werk is niet veranderd; meld het je docent.",
    ),
    "quiz_restore_skipped": (
        "Some saved answers are not in this quiz any more and were left out: {answers}.",
        "Een paar opgeslagen antwoorden horen niet meer bij deze quiz en zijn weggelaten: {answers}.",
    ),
    "nothing_to_save": (
        "Nothing to save yet: check an answer first.",
        "Nog niets om op te slaan: controleer eerst een antwoord.",
    ),
    "restore_skipped": (
        "Part of your saved work could not be put back: {problems}. Tag those moves again.",
        "Een deel van je opgeslagen werk kon niet worden teruggezet: {problems}. Label die handelingen opnieuw.",
    ),
    "restore_no_move": (
        "move {move} (this vignette has no such move)",
        "handeling {move} (deze casus heeft die handeling niet)",
    ),
    "restore_bad_tag": (
        "move {move}: ‘{value}’ is not one of the choices",
        "handeling {move}: ‘{value}’ is geen van de keuzes",
    ),
    "class_duplicate": (
        "duplicate pseudonym '{pseudonym}' (already in {first}): not used",
        "dubbel pseudoniem '{pseudonym}' (staat al in {first}): niet gebruikt",
    ),
    "class_unknown_ward": ("unknown ward '{ward}': not used", "onbekende afdeling '{ward}': niet gebruikt"),
    "class_unknown_vignette": (
        "unknown vignette '{vignette}': not used",
        "onbekende casus '{vignette}': niet gebruikt",
    ),
    "class_no_move": (
        "vignette '{vignette}' has no move {move}: tag not used",
        "casus '{vignette}' heeft geen handeling {move}: label niet gebruikt",
    ),
    "class_bad_dimension": (
        "vignette '{vignette}' move {move}: '{dimension}' is not a {orientation} dimension; allowed: {allowed}: tag not used",
        "casus '{vignette}' handeling {move}: '{dimension}' is geen {orientation} dimensie; toegestaan: {allowed}: label niet gebruikt",
    ),
    "class_wrong_fields": ("wrong number of fields: row not used", "verkeerd aantal velden: rij niet gebruikt"),
    "class_not_a_file": (
        "a folder or a device, not a file: not used",
        "een map of een apparaat, geen bestand: niet gebruikt",
    ),
    "class_empty_pseudonym": ("empty pseudonym: row not used", "leeg pseudoniem: rij niet gebruikt"),
    "class_unknown_item": (
        "unknown item '{item}'; allowed: {allowed}",
        "onbekend onderdeel '{item}'; toegestaan: {allowed}",
    ),
    "class_bad_score": (
        "score '{value}' for {item}: allowed a whole number 0–4",
        "score '{value}' voor {item}: toegestaan is een geheel getal 0–4",
    ),
    "class_bad_orientation": (
        "orientation '{value}'; allowed: {allowed}",
        "oriëntatie '{value}'; toegestaan: {allowed}",
    ),
    "class_unknown_quiz": (
        "a {kind} named '{item}': not used (a {kind} is {allowed})",
        "een {kind} met de naam '{item}': niet gebruikt (een {kind} heet {allowed})",
    ),
    "class_unknown_answer_item": (
        "{kind}: unknown situation or statement '{item}': not counted",
        "{kind}: onbekende situatie of uitspraak '{item}': niet geteld",
    ),
    "class_bad_answer": (
        "answer to {item} is '{answer}'; allowed: {allowed}; not counted",
        "antwoord op {item} is '{answer}'; toegestaan: {allowed}; niet geteld",
    ),
    "class_bad_kind": (
        "kind '{kind}'; allowed: ward, vignette, ideal, redesign, quiz, sorter",
        "soort '{kind}'; toegestaan: ward, vignette, ideal, redesign, quiz, sorter",
    ),
    "class_column_missing": (
        "column '{column}' missing; needed: {columns}",
        "kolom '{column}' ontbreekt; nodig: {columns}",
    ),
    "class_no_source": ("no such file or folder", "bestand of map bestaat niet"),
    "class_no_rows": (
        "the file has a header but no rows: nothing to use",
        "het bestand heeft een kopregel maar geen rijen: niets te gebruiken",
    ),
    "class_empty_folder": (
        "no student files (*.json) or combined CSV (*.csv) in this folder",
        "geen studentbestanden (*.json) of gecombineerde CSV (*.csv) in deze map",
    ),
    "class_csv_unreadable": (
        "cannot be read ({problem}): not used; save it as CSV UTF-8",
        "kan niet worden gelezen ({problem}): niet gebruikt; sla het op als CSV UTF-8",
    ),
    "class_csv_broken": (
        "row cannot be read (an unclosed quote: the file may be cut off): this row and the rest of the file not used",
        "rij kan niet worden gelezen (een aanhalingsteken zonder einde: het bestand is misschien afgebroken): deze rij en de rest van het bestand niet gebruikt",
    ),
    "class_unexpected": ("could not be read ({error}): not used", "kon niet worden gelezen ({error}): niet gebruikt"),
}


# plotly's own toolbar and messages (plotly.js's English, which plotly looks up) -> Dutch: the course's
# figures pass them to plotly as its Dutch locale, with a decimal comma (helpers/figures.py)
PLOTLY_DUTCH: dict[str, str] = {
    "Autoscale": "Automatisch schalen",
    "Box Select": "Rechthoek selecteren",
    "Compare data on hover": "Gegevens vergelijken bij aanwijzen",
    "Double-click on legend to isolate one trace": "Dubbelklik op de legenda om één reeks apart te tonen",
    "Double-click to zoom back out": "Dubbelklik om weer uit te zoomen",
    "Download plot": "Grafiek downloaden",
    "Download plot as a PNG": "Grafiek downloaden als PNG",
    "Download plot as JSON": "Grafiek downloaden als JSON",
    "Image download succeeded": "Afbeelding gedownload",
    "Lasso Select": "Lasso-selectie",
    "Pan": "Verschuiven",
    "Preparing image - this may take a few seconds": "Afbeelding wordt gemaakt - dit kan enkele seconden duren",
    "Reset": "Herstellen",
    "Reset axes": "Assen herstellen",
    "Reset view": "Weergave herstellen",
    "Reset views": "Weergaven herstellen",
    "Show closest data on hover": "Dichtstbijzijnde gegevens tonen bij aanwijzen",
    "Sorry, there was a problem downloading your image!": "Sorry, de afbeelding kon niet worden gedownload.",
    "Toggle Spike Lines": "Hulplijnen aan/uit",
    "Toggle show closest data on hover": "Dichtstbijzijnde gegevens bij aanwijzen aan/uit",
    "Zoom": "Zoomen",
    "Zoom in": "Inzoomen",
    "Zoom out": "Uitzoomen",
    # a box plot's hover (the dashboard's spread of the class per item)
    "min:": "minimum:",
    "q1:": "1e kwartiel:",
    "median:": "mediaan:",
    "q3:": "3e kwartiel:",
    "max:": "maximum:",
    "mean:": "gemiddelde:",
    "mean \u00b1 \u03c3:": "gemiddelde \u00b1 \u03c3:",
    "lower fence:": "ondergrens:",
    "upper fence:": "bovengrens:",
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


def number(value: float, digits: int = 2, sign: bool = False) -> str:
    """``value`` with ``digits`` decimals as the current language writes it: 0.67 in English, 0,67 in
    Dutch; with ``sign``, a plus before a positive value.

    >>> number(2 / 3), number(0.5, 1, sign=True)  # in English
    ('0.67', '+0.5')
    """
    text = f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"
    return text.replace(".", ",") if _language == "nl" else text


def column(base: str) -> str:
    """The data column for ``base`` in the current language, e.g. ``column("name") == "name_en"``."""
    return f"{base}_{_language}"


def counted(noun: str, count: int) -> str:
    """``count`` with its noun, singular for one: ``counted("students", 1) == "1 student"``.

    >>> counted("files", 1), counted("files", 3)  # in English
    ('1 file', '3 files')
    """
    return t(f"n_{noun}_one") if count == 1 else t(f"n_{noun}", count=count)
