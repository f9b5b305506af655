"""Words that say an attack happened, with what, by whom, and how ACLED codes it."""
from __future__ import annotations

import re

# An incident: an attack noun or verb ('strike', 'shelled'), or fighting.
TRIGGER = re.compile(
    r"\b(?:strikes?|airstrikes?|air strikes?|attacks?|attacked|bombardments?|bombarded|shelling|"
    r"shelled|barrages?|explosions?|blasts?|raids?|assaults?|offensives?|fighting|clashes|"
    r"battles?|struck|hit|hits|pounded|bombed|bombing|targeted|exploded|captured|"
    r"counter-?offensive|advance[sd]?|losing ground|lost ground|recaptured|retook|seized|"
    r"shot down|downed|fired|launched|intercepted)\b", re.I)
# Air defence at work: ACLED's 'Disrupted weapons use' (a strategic development).
DISRUPTED = re.compile(r"\b(?:intercepted|shot down|downed|destroyed (?:\w+\s+){0,3}?(?:drones?|missiles?))\b",
                       re.I)
# Verbs that only make an incident together with a place and a weapon or casualties.
WEAK_TRIGGER = re.compile(r"\b(?:fired|launched|shot down|downed|intercepted|targeted|advance[sd]?|captured|"
                          r"seized|recaptured|retook)\b", re.I)
# Not an incident that happened: 'to strike', 'could hit', 'permission to use'.
IRREALIS = re.compile(r"\b(?:to|could|would|might|may|will|can|threaten(?:ed|s)? to|plans? to|"
                      r"allow(?:ing|ed)?|permission)\s+(?:\w+\s+)?$", re.I)
# A new incident, not another mention of the last one.
NEW_INCIDENT = re.compile(r"\b(?:another|a separate|separately|a second|a third|a further|"
                          r"an earlier|a similar|elsewhere|in a separate)\b", re.I)
# 'another', 'a second': surely a different incident. 'Separately', 'elsewhere' only
# change the topic, and may come back to an incident reported further up.
DISTINCT_INCIDENT = re.compile(r"\b(?:another|a second|a third|a further|a similar)\b", re.I)
# Definite back-reference: 'the attack', 'the strike on Sumy', 'the drone attack'.
ANAPHOR = re.compile(r"\b(?:the|that|this|the latest|today's|tuesday's|monday's|wednesday's|"
                     r"thursday's|friday's|saturday's|sunday's)\s+(?:\w+\s+){0,2}?"
                     r"(?:strikes?|attacks?|bombardment|shelling|explosions?|blasts?|raid)\b", re.I)
# Sums over several incidents (ACLED/UCDP: not an incident of their own).
AGGREGATE = re.compile(
    r"\b(?:in total|overall|altogether|in all|a total of|across (?:the country|ukraine|russia|"
    r"the region|the front|several regions|\d+ regions)|nationwide|since the (?:start|beginning)|"
    r"since (?:february|the full-scale|\d{4})|so far this (?:year|month|week)|this year|"
    r"(?:over|in|during) the (?:past|last) (?:day|24 hours|week)|combined|in the whole region|"
    r"in (?:several|various|multiple|\w+ different) (?:regions|cities|towns))\b", re.I)

# (pattern, weapon): longer phrases first so 'aerial bombardment' is air, not artillery.
WEAPONS = [
    (r"aerial bombardments?|air ?strikes?|air raids? on|airstrike|glide bombs?|guided bombs?|"
     r"aerial bombs?|warplanes?|fighter jets?|bombers?|KAB|FAB-\d+|dropped (?:\w+ )?bombs?|aviation", "air"),
    (r"drones?|UAVs?|Shaheds?|Geran|kamikaze|loitering munitions?|unmanned aerial", "drone"),
    (r"multiple rocket|rocket launchers?|MLRS|Grad|Smerch|Uragan|Hurricane rockets|artillery|"
     r"shelling|shelled|shells?|mortars?|howitzers?|barrages?|bombardments?|bombarded|cluster munitions?", "artillery"),
    (r"missiles?|ballistic|cruise|Iskanders?|Kalibrs?|Kinzhals?|Kh-\d+|S-300|S-400|rockets?|HIMARS|ATACMS|Storm Shadow", "missile"),
    (r"fighting|clashes|ground (?:attack|assault|offensive)|offensive|assault|battles?|infantry|"
     r"firefight|troops (?:advanced|captured)|captured|recaptured|retook|losing ground|lost ground|"
     r"counter-?offensive|storm(?:ed|ing)", "ground"),
]
WEAPON_RES = [(re.compile(rf"\b(?:{p})\b", re.I if w != "air" else 0 | re.I), w) for p, w in WEAPONS]

ACLED_TYPE = {
    "drone": ("Explosions/Remote violence", "Air/drone strike"),
    "air": ("Explosions/Remote violence", "Air/drone strike"),
    "missile": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "artillery": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "ground": ("Battles", "Armed clash"),
    "": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "disrupted": ("Strategic developments", "Disrupted weapons use"),
}

RUSSIA = "Military Forces of Russia (2000-)"
UKRAINE = "Military Forces of Ukraine (2019-)"
_RU_ACTOR = re.compile(r"\b(?:Russian|Russia’s|Russia's|Russia|Moscow's|Moscow’s|Kremlin)\s+(?:\w+\s+){0,3}?"
                       r"(?:strikes?|attacks?|forces|troops|army|military|shelling|bombardment|missiles?|"
                       r"drones?|jets?|aircraft|warplanes?|artillery|launched|fired|shelled|struck|hit)\b"
                       r"|\bby Russia(?:n forces)?\b", re.I)
_UA_ACTOR = re.compile(r"\b(?:Ukrainian|Ukraine’s|Ukraine's|Ukraine|Kyiv's|Kyiv’s)\s+(?:\w+\s+){0,3}?"
                       r"(?:strikes?|attacks?|forces|troops|army|military|shelling|missiles?|drones?|"
                       r"launched|fired|shelled|struck|hit|captured|offensive)\b|\bby Ukraine\b", re.I)
_CIVILIAN = re.compile(r"\b(?:civilians?|people|residents?|children|child|women|woman|men|man|"
                       r"girls?|boys?|pensioners?|passengers?|families|dormitory|apartment|residential|"
                       r"homes?|houses?|hospital|school|market|shopping|station|kindergarten)\b", re.I)


def find_weapon(text: str) -> tuple[str, int]:
    """The weapon class named first in the text, and where; ('', -1) if none."""
    best = ("", -1)
    for pattern, weapon in WEAPON_RES:
        m = pattern.search(text)
        if m and (best[1] < 0 or m.start() < best[1]):
            best = (weapon, m.start())
    return best


def find_actors(text: str, country: str, weapon: str) -> tuple[str, str]:
    """ACLED actor1/actor2 where the text states them."""
    ru, ua = _RU_ACTOR.search(text), _UA_ACTOR.search(text)
    actor1 = ""
    if ru and (not ua or ru.start() <= ua.start()):
        actor1 = RUSSIA
    elif ua:
        actor1 = UKRAINE
    actor2 = ""
    if weapon == "ground" and actor1:
        actor2 = UKRAINE if actor1 == RUSSIA else RUSSIA
    elif _CIVILIAN.search(text) and country in ("UA", "RU"):
        actor2 = f"Civilians ({'Ukraine' if country == 'UA' else 'Russia'})"
    return actor1, actor2
