"""Words that say what happened (the act), with what (the weapon), and how a report sums up.

Every cue is one row of `CUES`: a pattern, the act it names and the weapon it implies.
An act is what ACLED's sub-types distinguish (a remote strike, a clash, territory taken,
an interception, looting …, see `coding.py`); a weapon is the contract's finer class
(drone, missile, air, artillery, ground, explosive, …). 'shelled' is both an act (remote)
and a weapon (artillery); 'drone' alone is only a weapon: 'shot down a drone' is an
interception, not a drone strike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .alternation import Alternation
from .guards import Guarded
from .lowercase import lower_pattern, lowered

# Acts. REMOTE: something was fired, dropped or set off at a place.
REMOTE, CLASH, TAKE, REGAIN, WITHDRAW = "remote", "clash", "take", "regain", "withdraw"
INTERCEPT, DEFUSE, ASSAULT, ABDUCT, DETAIN, SEXUAL = "intercept", "defuse", "assault", "abduct", "detain", "sexual"
LOOT, DESTROY, PROTEST, BASE, AGREEMENT = "loot", "destroy", "protest", "base", "agreement"
# Acts that only make an incident with a weapon or a casualty beside them ('launched', 'fired');
# a weapon named without an act ('drones') has the act "".
WEAK = "weak"

_SIDE = r"(?:Ukrainian|Russian|Wagner|DPR|LPR|Chechen)"
# 'captured Bakhmut', 'seized the village' (not 'captured two soldiers'): case matters, so this is
# checked on the text as written, after the cue itself was found on the lower-cased text.
_SETTLEMENT_NEXT = re.compile(rf"(?:the\s+)?(?:village|town|city|settlement|hamlet|area|positions?)\b"
                              rf"|(?!{_SIDE}\b)[A-Z]")

# (pattern, act, weapon[, what must follow in the text as written]): matched case-insensitively;
# longer and more specific phrases first, so that at one position 'air strike' wins over
# 'strike' and 'shot down' over 'shot'.
CUES: list[tuple] = [
    # territory
    (rf"regain(?:ed|s|ing)?\s+(?:the\s+)?(?:full\s+|complete\s+)?control|recaptur(?:ed|es|e|ing)|"
     rf"retook|retaken|de-?occupied|liberat(?:ed|es|ing|ion\s+of)", REGAIN, "ground"),
    (r"(?:took|take|taken|taking|gained|seized|established|assumed|captured)\s+(?:the\s+)?(?:full\s+|complete\s+)?"
     r"control|raised\s+(?:\w+\s+)?flags?\s+(?:over|in|above)", TAKE, "ground"),
    # 'claiming the capture of the village of Ocheretyne' ('the fall of Mariupol would be a blow'
    # is as often a prospect or a memory as a report)
    (r"(?:capture|seizure)\s+of\s+", TAKE, "ground", _SETTLEMENT_NEXT),
    (r"(?:captur(?:ed|e|ing)|seized|entered|overr[au]n|overt[oa]ok|overtaken)\s+", TAKE, "ground", _SETTLEMENT_NEXT),
    (r"(?:withdr[ae]wn?|retreated|pulled\s+(?:back|out)|departed)\s+(?:\w+\s+){0,4}?from\b|"
     r"left\s+(?:their\s+)?positions|(?:following|after)\s+(?:the\s+)?(?:\w+\s+)?(?:withdrawal|retreat)\b",
     WITHDRAW, ""),
    # air defence and demining: a weapon stopped, nothing hit
    # ('air defences repelled an attack': an interception, not ground troops repelling an assault)
    (r"shot\s+down|shoots?\s+down|intercept(?:ed|s|ion|ions|ing)|downed|"
     r"air\s+defen[cs]es?\s+(?:\w+\s+){0,3}?(?:(?:repelled|repulsed|repelling|repel|repels)"
     r"(?:\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|raids?)\b)?|worked|"
     r"(?:was|were)\s+(?:active|working|activated))|"
     r"(?:destroyed|neutrali[sz]ed|repelled|suppressed)\s+(?:(?!by\b)\w+\s+){0,4}?"  # not 'destroyed by a missile'
     r"(?:drones?|UAVs?|missiles?|Shaheds?|balloons?)\b(?!-)",
     INTERCEPT, ""),
    (r"defus(?:ed|ing|al)|demin(?:ed|ing)|mine\s+clearance|cleared\s+(?:\w+\s+){0,5}?(?:of|from)\s+(?:\w+\s+)?"
     r"(?:mines|explosives|ordnance)|neutrali[sz]ed\s+(?:\w+\s+){0,3}?(?:explosive|mines?|ordnance|munitions)",
     DEFUSE, "explosive"),
    # violence against civilians, by hand
    (r"rap(?:ed|e|es|ing)\b|sexual(?:ly)?\s+(?:violence|assault(?:ed)?|abused?|abusing)", SEXUAL, ""),
    (r"abduct(?:ed|s|ion|ions|ing)|kidnap(?:ped|ping|s)?|forced\s+disappearance|"
     r"forcibly\s+(?:\w+\s+)?(?:deported|relocated|moved|transferred|taken|sent|removed|displaced|"
     r"mobili[sz]ed|conscripted)|"
     r"(?:taken|took\s+\w+|brought\s+\w+)\s+to\s+an?\s+unknown\s+(?:location|destination)|held\s+(?:captive|hostage)",
     ABDUCT, ""),
    (r"detain(?:ed|s|ing)|arrest(?:ed|s|ing)?|taken\s+into\s+custody", DETAIN, ""),
    (r"shot\s+(?:dead|and\s+killed)|executed|executions?\s+of|tortur(?:ed|e|ing)|beat(?:en)?\s+(?:\w+\s+)?to\s+death|"
     r"stabb(?:ed|ing)|behead(?:ed|ing)|murder(?:ed|s)?|strangled|"
     r"(?:shot|fired|opened\s+fire)\s+(?:on|at)\s+(?:a\s+|the\s+|two\s+|\d+\s+)?(?:\w+\s+)?(?:civilians?|residents?|"
     r"cars?|vehicles?|evacuation|people|pedestrians?|boats?|villagers?|family|volunteers?)",
     ASSAULT, "ground"),
    # looting and destruction of property
    (r"loot(?:ed|ing|s|ers)?|stole|stolen|steal(?:ing|s)?|plunder(?:ed|ing)?|pillag(?:ed|ing|e)|robbed|"
     r"expropriat(?:ed|ion)|confiscat(?:ed|ion)|requisition(?:ed)?|evicted|land\s+seizure|"
     r"seized\s+(?:\w+\s+){0,3}?(?:property|cars?|vehicles?|equipment|grain|houses?|apartments?|homes?|premises|"
     r"facilit\w+|businesses|enterprises?|land|crops|harvest|boats?)|"
     r"(?:unlawfully|illegally)\s+(?:exported|transported|took|removed|occupied)", LOOT, ""),
    (r"(?:set|lit)\s+(?:\S+\s+){0,4}?(?:on\s+)?fire|set\s+fire|arson|torched|molotov|vandali[sz](?:ed|ing)|"
     r"burn(?:ed|t)\s+down|defaced|tore\s+down|demolished", DESTROY, ""),
    (r"protest(?:ed|ers|ors|ing|s)?\b|demonstrat(?:ors?|ions?)\b|picket(?:ed|s|ing)?\b", PROTEST, ""),
    (r"established\s+(?:a\s+|an\s+|their\s+|its\s+)?(?:\w+\s+){0,2}?(?:base|headquarters|HQ|military\s+presence|"
     r"command\s+post|garrison)", BASE, ""),
    (r"(?:prisoner|POW)s?\s+(?:exchange|swap)|exchange\s+of\s+(?:prisoners|POWs|bodies)|"
     r"(?:signed|reached|agreed)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:agreement|ceasefire|truce)", AGREEMENT, ""),
    # ground fighting
    (r"sabotage(?:\s+and\s+reconnaissance)?\s+(?:groups?|units?|teams?)|reconnaissance\s+groups?|"
     r"clash(?:ed|es|ing)?|fighting|fought|fights?\b|battles?\b|battled|combat\b|engag(?:ed|ing)\s+(?:in|with)|"
     r"firefights?|skirmish(?:es|ed)?|exchang(?:ed|ing)\s+(?:\w+\s+)?fire|exchanges?\s+of\s+fire|"
     r"repel(?:led|s|ling)?|repuls(?:ed|es|ing)|assault(?:ed|s|ing)?|storm(?:ed|ing)\b|counter-?attack(?:ed|s|ing)?|"
     r"(?:unsuccessful|failed)\s+(?:\w+\s+)?offensives?|offensive\s+(?:operations?|actions?|attempts?)|"
     r"ground\s+(?:attacks?|assaults?|operations?)|ambush(?:ed|es)?|"
     r"(?:tried|attempted|trying|attempting|sought|attempts?)\s+to\s+(?:\w+\s+)?(?:advance|break\s+through|storm|push|"
     r"attack|regain|recapture|encircle)|advanc(?:ed|es|ing)\b|pushed\s+(?:\w+\s+){0,3}?(?:back|out)|"
     r"infantry\s+(?:attacks?|assaults?|advances?|advancing|raids?)|"
     r"close\s+combat|street\s+fighting|small\s+arms|machine[- ]guns?|gunfire|gunfight|sniper", CLASH, "ground"),
    # a campaign named, not a fight at a place: a weapon class without an act of its own
    (r"counter-?offensives?|offensives?\b", "", "ground"),
    # remote violence, with its weapon where the words name one
    (r"(?<!anti-)(?:air\s*strikes?|airstrikes?|air\s+raids?(?!\s+(?:sirens?|alarms?|alerts?|warnings?|shelters?))|"
     r"aerial\s+(?:bombs?|bombardments?|attacks?|strikes?)|"
     r"aviation(?!\s+(?:equipment|fuel|plant|factory|enterprise|industry|school))|air\s+forces|air\s+units|"
     r"warplanes?|fighter\s+jets?|(?:Russian|Ukrainian)\s+(?:jets?|air\s+force\b(?!\s+said))|"
     r"aircraft|bombers?|helicopters?|glide\s+bombs?|guided\s+(?:aerial\s+)?bombs?|KABs?|FAB-\d+|UMPK|"
     r"dropped\s+(?:\w+\s+)?bombs?|bombs?\s+(?:were\s+)?dropped)", REMOTE, "air"),
    (r"drone\s+(?:strikes?|attacks?)", REMOTE, "drone"),
    # 'a drone crashed into an oil depot': what it hit, as a strike ('the car crashed' is no act)
    (r"(?:drones?|UAVs?|Shaheds?)\s+(?:\w+\s+){0,2}?(?:crashed|fell|plunged)\s+(?:into|on|onto)\b", REMOTE, "drone"),
    (r"drones?|UAVs?|unmanned\s+aerial|Shaheds?|Geran(?:-2)?|kamikaze|"
     r"loitering\s+munitions?|quadcopters?|FPVs?|Lancets?|copters?", "", "drone"),
    (r"(?:land|sea|naval|anti-tank\s+|anti-personnel\s+)?mines?\b(?!\s+(?:workers?|shafts?))|minefields?|IEDs?|"
     r"improvised\s+explosive|explosive\s+(?:devices?|objects?|remnants)|explosives\b|an\s+explosive\b|"
     r"booby[- ]trap(?:ped|s)?|"
     r"trip-?wires?|unexploded|ordnance|UXOs?|car\s+bombs?|blew\s+up|blown\s+up|"
     # remnants set off and bombs planted: 'activated an unknown explosive', 'a device went off'
     r"(?:accidentally\s+)?activated\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}?(?:explosive|mine|munition|device|grenade|"
     r"projectile|ordnance|item|object|element)|(?:device|munition|mine|explosive|item|bomb|grenade)\s+(?:\w+\s+)?"
     r"went\s+off|planted\s+(?:an?\s+)?(?:\w+\s+)?(?:bomb|explosive|device|mine)|exploded\s+(?:an?|the)\s+(?:\w+\s+)?"
     r"(?:car|vehicle|railway|bridge|train)", REMOTE, "explosive"),
    (r"suicide\s+(?:bomb\w*|attack\w*)", REMOTE, "suicide"),
    (r"chemical\s+(?:weapons?|munitions?|agents?|substances?|grenades?)|(?:tear|poisonous|toxic)\s+gas|"
     r"chloropicrin|K-51", REMOTE, "chemical"),
    # a grenade launcher (AGS, RPG, under-barrel) fires like a mortar: shelling, not a grenade thrown
    (r"grenades?(?!\s+launch)", REMOTE, "grenade"),
    (r"multiple\s+(?:launch\s+)?rocket|rocket\s+launchers?|grenade\s+launchers?|MLRS|Grad|Smerch|Uragan|"
     r"Hurricane\s+rockets?|"
     r"artillery|mortars?|howitzers?|shell(?:ed|ing|s)?\b|barrages?|bombard(?:ed|ment|ments|ing)|"
     r"cluster\s+munitions?|tank\s+fire|\d+\s*mm\b", REMOTE, "artillery"),
    (r"missile\s+(?:strikes?|attacks?)|rocket\s+(?:strikes?|attacks?)", REMOTE, "missile"),
    (r"missiles?|rockets?|ballistic|cruise|Iskanders?|Kalibrs?|Kinzhals?|Kh-\d+|S-300|S-400|HIMARS|ATACMS|"
     r"Storm\s+Shadows?|SCALP|Tochka(?:-U)?|Oniks|Onyx|Zircon|Neptune", "", "missile"),
    (r"strikes?\b|struck|striking|attack(?:ed|s|ing)?|raids?\b(?!\s+(?:sirens?|alarms?|alerts?|warnings?))|"
     r"pound(?:ed|ing)|bomb(?:ed|ing|ings)\b|"
     r"hit(?:s|ting)?\s+by|came\s+under\s+(?:\w+\s+)?(?:fire|attack)|under\s+(?:\w+\s+)?fire|hit(?:s|ting)?\b|"
     r"explo(?:sions?|ded|de|sion)|blasts?\b|detonat(?:ed|ion|ing)|"
     r"(?:debris|fragments|wreckage)\s+(?:\w+\s+){0,3}?(?:fell|crashed|landed)\b|"
     r"fir(?:ed|ing)(?=\s+(?:\w+\s+)?(?:at|on|upon|towards?|into)\b)", REMOTE, ""),
    (r"fir(?:ed|ing|es)|launch(?:ed|es|ing)|dropp(?:ed|ing)|target(?:ed|ing)|destroy(?:ed|ing)|damag(?:ed|ing)|"
     # ('... said the incident occurred in X')
     r"used|(?:incident|attack)\s+(?:occurred|happened|took\s+place)", WEAK, ""),
]



# '(?=\w)': only word starts are tried (twice as fast as '\b' alone, which also stops at word ends);
# there, only the cues that can begin with the letter found (alternation.py: same matches, in order)
CUE_ALTERNATION = Alternation([lower_pattern(row[0]) for row in CUES], prefix=r"\b(?=\w)")
_CUE_INFO = [(row[1], row[2], row[3] if len(row) > 3 else None) for row in CUES]


@dataclass(frozen=True)
class Cue:
    act: str
    weapon: str
    start: int
    text: str


def find_cues(text: str, low: str | None = None) -> list[Cue]:
    """Every act and weapon word in a text, left to right (low: the text lowered(), if at hand)."""
    out = []
    for row, m in CUE_ALTERNATION.finditer(low if low is not None else lowered(text)):
        act, weapon, then = _CUE_INFO[row]
        if then is None or then.match(text, m.end()):
            out.append(Cue(act, weapon, m.start(), text[m.start():m.end()]))
    return out


def first_weapon(cues: list[Cue]) -> str:
    """The weapon the text names first ('' if none): the contract's `weapon` column."""
    return next((c.weapon for c in cues if c.weapon and c.act != INTERCEPT), "")


# Deaths from an accident, not from violence ('after a huge fire broke out').
ACCIDENT = Guarded(re.compile(r"\b(?:fire|blaze)\s+(?:\w+\s+)?broke\s+out|\b(?:accident|collapsed?|crash(?:ed)?|"
                              r"short[- ]circuit|gas\s+leak)\b", re.I))
# IRREALIS, AGGREGATE and MANY_TARGETS are matched on lowered() text (see lower_pattern).
# Not an incident that happened: 'to strike', 'could hit', 'permission to use'.
IRREALIS = re.compile(r"\b(?:to|could|would|might|may|will|can|threaten(?:ed|s)? to|plans? to|"
                      r"allow(?:ing|ed)?|permission|future|possible|potential|expected|planned)\s+(?:\w+\s+)?$")
# A new incident, not another mention of the last one.
NEW_INCIDENT = Guarded(re.compile(r"\b(?:another|a separate|separately|a second|a third|a further|"
                                  r"an earlier|a similar|elsewhere|in a separate|meanwhile)\b", re.I))
# 'another', 'a second': surely a different incident. 'Separately', 'elsewhere' only
# change the topic, and may come back to an incident reported further up.
DISTINCT_INCIDENT = re.compile(r"\b(?:another|a second|a third|a further|a similar)\b", re.I)
# Definite back-reference: 'the attack', 'the strike on Sumy', 'the drone attack'.
ANAPHOR = Guarded(re.compile(r"\b(?:the|that|this|the latest|(?:to|mon|tues|wednes|thurs|fri|satur|sun)day['’]s)"
                             r"\s+(?:\w+\s+){0,2}?"
                             r"(?:strikes?|attacks?|bombardment|shelling|explosions?|blasts?|raid|incident)\b", re.I))
# Sums over several incidents (ACLED/UCDP: not an incident of their own).
AGGREGATE = re.compile(
    r"\b(?:in total|overall|altogether|in all|a total of|across (?:the country|ukraine|russia|"
    r"the region|the front|several regions|\d+ regions)|nationwide|since the (?:start|beginning)|"
    r"since (?:february|the full-scale|\d{4})|so far this (?:year|month|week)|this year|"
    r"(?:over|in|during) the (?:past|last|previous) (?:day|24 hours|week)|combined|in the whole region|"
    r"in (?:several|various|multiple|\w+ different) (?:regions|cities|towns)|"
    # 'killed during the Ukrainian offensive in the region': a campaign's toll
    r"during (?:the|its|their|russia's|ukraine's) (?:\w+ ){0,2}?(?:offensive|incursion|occupation|invasion|"
    r"counteroffensive|counter-offensive|war))\b")
# '... the deadliest attack on the city this year', '... the largest since the start of the war':
# a record the incident set, not a sum (matched just before an AGGREGATE phrase)
RECORD = re.compile(r"\b(?:deadliest|largest|biggest|worst|heaviest|bloodiest|most (?:deadly|massive|powerful|"
                    r"intense))\b[^,.;]{0,50}$")
# A toll of CAMPAIGN_SIZE or more is one incident's only when its sentence ties it to one incident
# ('a missile strike on the barracks killed 600'), never a campaign's ('relentless bombardment
# has killed 21,000', 'the siege has killed 20,000'): a single strike rarely kills that many.
CAMPAIGN = re.compile(r"\b(?:siege|blockade|the war\b|invasion|occupation|campaign|the battle for|since (?:the|\d)|"
                      r"so far|to date|in total|months? of|years? of|weeks? of|relentless|constant|continuous|"
                      r"daily|weeks|months)")
ONE_INCIDENT = re.compile(r"\b(?:a|an|the|one|single|this|that|\w+day's)\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:strike|attack|explosion|blast|bombing|raid|missile|bomb)\b(?!s)")
CAMPAIGN_SIZE = 500
# A toll for strikes on many targets at once ('struck multiple positions, killing 600') sums them.
MANY_TARGETS = re.compile(r"\b(?:several|various|multiple|numerous|many) (?:\w+ )?(?:positions|targets|locations|"
                          r"areas|settlements|villages|towns|cities|regions)\b")
