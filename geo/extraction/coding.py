"""How ACLED codes an incident: its event type and sub-type from what the text says happened,
and the actors as ACLED names them (../shared/acled/CODING_RULES.md summarises the rules).

One incident is one ACLED event, so when a report tells several acts at one place and day,
the most telling one decides: territory changing hands, then violence against civilians,
then ground fighting (shelling plus an assault is an armed clash), then remote violence by
its weapon, then the strategic developments (an interception only when nothing else hit).
"""
from __future__ import annotations

import re

from .lexicon import (ABDUCT, AGREEMENT, ASSAULT, BASE, CLASH, DEFUSE, DESTROY, DETAIN, INTERCEPT, LOOT,
                      PROTEST, REGAIN, REMOTE, SEXUAL, TAKE, WEAK, WITHDRAW)
from .alternation import dispatched
from .lowercase import lower_pattern, lowered

BATTLES, REMOTE_VIOLENCE = "Battles", "Explosions/Remote violence"
CIVILIAN_VIOLENCE, STRATEGIC, PROTESTS = "Violence against civilians", "Strategic developments", "Protests"
ARMED_CLASH = (BATTLES, "Armed clash")
GOVERNMENT_REGAINS = (BATTLES, "Government regains territory")
NON_STATE_OVERTAKES = (BATTLES, "Non-state actor overtakes territory")
SHELLING = (REMOTE_VIOLENCE, "Shelling/artillery/missile attack")
AIR_DRONE = (REMOTE_VIOLENCE, "Air/drone strike")
DESTRUCTION = "Looting/property destruction"
INTERCEPTION = "Disrupted weapons use"
_BY_WEAPON = {  # remote violence by its weapon; the rest (artillery, missiles, unnamed) is shelling
    "air": AIR_DRONE, "drone": AIR_DRONE,
    "explosive": (REMOTE_VIOLENCE, "Remote explosive/landmine/IED"),
    "grenade": (REMOTE_VIOLENCE, "Grenade"), "suicide": (REMOTE_VIOLENCE, "Suicide bomb"),
    "chemical": (REMOTE_VIOLENCE, "Chemical weapon"),
}
_WEAPON_ORDER = ("air", "drone", "explosive", "chemical", "suicide", "grenade")  # what a mixed report is coded as
_STRATEGIC = [  # (act, sub-type) when nothing violent happened, in order of precedence
    (INTERCEPT, INTERCEPTION), (DEFUSE, INTERCEPTION),
    (LOOT, DESTRUCTION), (DESTROY, DESTRUCTION),
    (BASE, "Headquarters or base established"), (AGREEMENT, "Agreement"),
]

RUSSIA = "Military Forces of Russia (2000-)"
UKRAINE = "Military Forces of Ukraine (2019-)"
WAGNER = "Wagner Group"
POLICE = {"UA": "Police Forces of Ukraine (2019-)", "RU": "Police Forces of Russia (2000-)"}
_COUNTRY_NAME = {"UA": "Ukraine", "RU": "Russia"}  # as ACLED writes it in an actor's name
_GOVERNMENT = {"UA": UKRAINE, "RU": RUSSIA}  # whose forces regaining a place is the state's own
# A side, or a weapon only one side fires ('a Shahed drone hit', 'an ATACMS missile struck')
# (and Russia's groups of forces, as its Defence Ministry names them: 'the Battlegroup Center')
_WEAPON_NAMES = {RUSSIA: r"Shaheds?|Geran(?:-2)?|Iskanders?(?:-[MK])?|Kinzhals?|Kalibrs?|Kh-\d+\w*",
                 UKRAINE: r"HIMARS|ATACMS|Storm\s+Shadows?|SCALPs?|Neptunes?"}
_SIDE_WORDS = {RUSSIA: r"Russian|Russia['’]s|Russia|Moscow['’]s|Kremlin|DPR|LPR|Chechen|Kadyrov(?:ite)?s?|"
                       rf"{_WEAPON_NAMES[RUSSIA]}|"
                       r"Battle\s*groups?\s+(?:Center|Centre|East|West|South|North|Dnepr|Dnieper|Vostok|Zapad|Yug|"
                       r"Sever|Tsentr)",
               UKRAINE: rf"Ukrainian|Ukraine['’]s|Ukraine|Kyiv['’]s|{_WEAPON_NAMES[UKRAINE]}",
               WAGNER: r"Wagner(?:\s+Group)?"}
_AGENT = (r"(?:\s+(?:\w+\s+){0,3}?(?:forces|troops|army|military|soldiers|servicem[ae]n|units?|fighters|"
          r"militants|sabotage|strikes?|attacks?|shelling|bombardment|missiles?|drones?|jets?|aircraft|warplanes?|"
          r"artillery|aviation|air\s+forces?|air\s+defen[cs]es?|navy|launched|fired|shelled|struck|hit|group|"
          r"liberated|captured|took|seized))\b")
# All matched on the lower-cased text (lowercase.py), tried only where a side's word can start
# "Russia's Defence Ministry said its troops had taken Illinka", 'Ukraine said it had retaken
# Robotyne': the side whose forces are 'its', or that is 'it'
_ITS_FORCES = (r"(?:\s+(?:\w+\s+){0,3}?(?:ministry|military|army|general\s+staff|command)\b)?\s+(?:\w+\s+){0,3}?"
               r"(?:said|says|claimed|announced|reported)\b[^.;]{0,40}?\b"
               r"(?:its\s+(?:forces|troops|units|army|soldiers|drones)|"
               r"it\s+(?:had\s+|has\s+)?(?:retaken|recaptured|regained|liberated|captured|taken|seized))\b")
_SIDE_AGENT = {name: dispatched(lower_pattern(rf"\b(?:{words}){_AGENT}|\bby\s+(?:the\s+)?(?:{words})\b"
                                              rf"|\b(?:{words}){_ITS_FORCES}"))
               for name, words in _SIDE_WORDS.items()}
_ACTED_ON = re.compile(r"\b(?:with|against|on|at)\s+(?:the\s+)?$")
# 'Two Ukrainian servicemen were killed in a Russian strike': the side's people suffered it
_SUFFERED = re.compile(r"\s+(?:\w+\s+){0,3}?(?:was|were|have\s+been|has\s+been|had\s+been)\s+(?:\w+\s+)?"
                       r"(?:killed|wounded|injured|hurt|captured|taken\s+prisoner)\b")
_SIDE_TARGET = {name: dispatched(lower_pattern(rf"\b(?:{words})\s+(?:\w+\s+)?(?:positions?|forces|troops|military|"
                                              rf"soldiers|servicem[ae]n|units?|brigades?|battalions?|regiments?|"
                                              rf"army|personnel|equipment|tanks?|"
                                              rf"vehicles?|ammunition|depots?|command|fighters|group)\b"
                                              rf"(?!\s+(?:said|says|reported|claimed|announced|added|stated))"))
                for name, words in _SIDE_WORDS.items()}  # 'Ukraine's military said ...' is who speaks
# 'shot down 3 Ukrainian drones', 'intercepted two Kh-59 missiles': whose weapons were stopped
_SIDE_WEAPONS = {name: dispatched(lower_pattern(rf"\b(?:{words})(?:\s+[\w-]+){{0,2}}?\s+(?:drones?|missiles?|rockets?|"
                                               rf"uavs?|shells|bombs?)\b|\b(?:{_WEAPON_NAMES[name]})"))
                 for name, words in _SIDE_WORDS.items() if name in _WEAPON_NAMES}
_FIGHTING = re.compile(r"offensive|fighting|clash|battle|assault")  # a withdrawal forced by fighting is no handover
_POLICE = re.compile(r"\b(?:police|sbu|security\s+service|fsb|law\s+enforcement|national\s+guard|court|"
                     r"prosecutors?|investigators?)\b")
_CIVILIAN = re.compile(r"\b(?:civilians?|people|persons?|residents?|children|child|women|woman|men|man|girls?|boys?|"
                       r"pensioners?|passengers?|families|dormitory|apartment|residential|homes?|houses?|"
                       r"hospital|school|market|shopping|station|kindergarten|volunteers?|villagers?|"
                       r"journalists?|medics?|farmers?|employees?|workers?|teachers?|drivers?)\b")


# ACLED's notes open strategic developments with the kind: 'Looting: On 3 November …'
_LABELS = {"looting": DESTRUCTION, "property destruction": DESTRUCTION, "land seizure": DESTRUCTION,
           "interception": INTERCEPTION, "defusal": INTERCEPTION, "arrests": "Arrests",
           "arrest": "Arrests", "displacement": "Other", "mass grave": "Other"}
_LABEL = re.compile(rf"^\s*({'|'.join(_LABELS)})\s*:", re.I)


def acled_type(acts: set[str], weapons: list[str], actor1: str, country: str,
               casualties: bool, text: str = "") -> tuple[str, str]:
    """ACLED's (event_type, sub_event_type) for an incident's acts and weapons (in text order);
    text: what the text tells of the incident; it may open with the kind ('Looting: …')."""
    if label := _LABEL.match(text):
        return STRATEGIC, _LABELS[label[1].lower()]
    if acts & {TAKE, REGAIN}:
        if WITHDRAW in acts and CLASH not in acts and not _FIGHTING.search(lowered(text)):
            return STRATEGIC, "Non-violent transfer of territory"
        government = _GOVERNMENT.get(country)
        regains = actor1 == government if actor1 else REGAIN in acts
        return GOVERNMENT_REGAINS if regains else NON_STATE_OVERTAKES
    for act, sub in ((SEXUAL, "Sexual violence"), (ABDUCT, "Abduction/forced disappearance")):
        if act in acts:
            return CIVILIAN_VIOLENCE, sub
    if DETAIN in acts and not acts & {CLASH, REMOTE}:
        # held by an army: a forced disappearance; by police, courts or anyone unnamed: arrests
        by_army = actor1 in (RUSSIA, UKRAINE, WAGNER) and not _POLICE.search(lowered(text))
        return (CIVILIAN_VIOLENCE, "Abduction/forced disappearance") if by_army else (STRATEGIC, "Arrests")
    if ASSAULT in acts:
        return CIVILIAN_VIOLENCE, "Attack"
    if CLASH in acts or (weapons[:1] == ["ground"] and REMOTE not in acts):
        return ARMED_CLASH
    struck = acts & {REMOTE, WEAK} or casualties
    if struck and not (INTERCEPT in acts and REMOTE not in acts and not casualties):
        return next((_BY_WEAPON[w] for w in _WEAPON_ORDER if w in weapons), SHELLING)
    for act, sub in _STRATEGIC:
        if act in acts:
            return STRATEGIC, sub
    if PROTEST in acts:
        return PROTESTS, "Peaceful protest"
    if WITHDRAW in acts:
        return STRATEGIC, "Non-violent transfer of territory"
    return SHELLING


def first_agent(text: str, before: int | None = None) -> str:
    """The side the text names as doing something ('Russian forces shelled', 'by Ukraine'): the
    first one, or the last one before offset `before` (who took a place: 'after clashes with
    Ukrainian forces, Russian forces captured X'). A side after 'with' or 'against' is acted on,
    and so are its people who 'were killed'."""
    low = lowered(text)
    agents = sorted((m.start(), name) for name, rx in _SIDE_AGENT.items() for m in rx.finditer(low)
                    if not _ACTED_ON.search(low, max(0, m.start() - 12), m.start())
                    and not _SUFFERED.match(low, m.end()))
    if before is not None:
        agents = [a for a in agents if a[0] < before][-1:] or agents
    return agents[0][1] if agents else ""


def find_actors(text: str, country: str, event_type: str, sub_type: str, actor1: str) -> tuple[str, str]:
    """ACLED actor1/actor2 where the text states them (actor1: its first_agent)."""
    text = lowered(text)
    if not actor1 and sub_type == DESTRUCTION and country in _COUNTRY_NAME:
        # arson by someone no side claims ('a man set fire to a military SUV'; the SBU that
        # reports it is no perpetrator): ACLED's unidentified armed group of the country
        actor1 = f"Unidentified Armed Group ({_COUNTRY_NAME[country]})"
    if sub_type == INTERCEPTION and actor1 in ("", RUSSIA, UKRAINE):
        actor1, actor2 = _interceptor(text, actor1)
        if actor2:
            return actor1, actor2
    if sub_type == "Arrests" or (not actor1 and _POLICE.search(text) and event_type == STRATEGIC):
        actor1 = POLICE.get(country, actor1)
    if event_type == PROTESTS:
        return (f"Protesters ({_COUNTRY_NAME[country]})" if country in _COUNTRY_NAME else ""), ""
    targets = [name for name, rx in _SIDE_TARGET.items() if name != actor1 and rx.search(text)]
    actor2 = targets[0] if targets else ""
    if not actor2 and event_type == BATTLES and actor1 in (RUSSIA, UKRAINE):
        actor2 = UKRAINE if actor1 == RUSSIA else RUSSIA
    if (not actor2 or event_type == CIVILIAN_VIOLENCE) and country in _COUNTRY_NAME \
            and event_type != BATTLES and _CIVILIAN.search(text):
        actor2 = f"Civilians ({_COUNTRY_NAME[country]})"
    if sub_type == AIR_DRONE[1] and actor1 in (RUSSIA, UKRAINE):
        actor1 += " Air Force"  # ACLED names who flies the aircraft or drone: its armed forces' air force
    return actor1, actor2


def _interceptor(text: str, agent: str) -> tuple[str, str]:
    """Who stopped whose weapons: the side whose drones or missiles the text names attacked
    (actor2, its air force as ACLED names who launches them), the other side intercepted."""
    attackers = [name for name, rx in _SIDE_WEAPONS.items() if rx.search(text)]
    if len(attackers) != 1:
        return agent, ""
    other = UKRAINE if attackers[0] == RUSSIA else RUSSIA
    return other, f"{attackers[0]} Air Force"
