"""Casualty phrases: who was killed and wounded, as conservative counts.

Each finding keeps its character span so the extractor can tell which incident
in a sentence it belongs to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .guards import Guarded
from .lowercase import has_any, lower_pattern, lowered
from .numbers import NUMBER, VAGUE, parse_number

PERSON = (r"(?:people|persons?|civilians?|children|child|kids?|babies|baby|infants?|toddlers?|"
          r"teenagers?|teens?|adolescents?|boys?|girls?|men|man|women|woman|residents?|inhabitants?|"
          r"soldiers?|servicem[ae]n|troops|fighters|officers?|policem[ae]n|police officers?|"
          r"rescuers?|rescue workers?|firefighters?|medics?|doctors?|nurses?|journalists?|"
          r"workers?|employees?|miners?|passengers?|drivers?|guards?|volunteers?|pensioners?|"
          r"victims?|others|adults?|individuals?|family members|members?|minors?|sailors?|seam[ae]n|fisherm[ae]n|"
          r"staff|students?|pupils?|patients?|farmers?|relatives|citizens?|locals|villagers|neighbou?rs?|"
          r"servicemembers|personnel|elderly|sons?|daughters?|husbands?|wives|wife|mothers?|"
          r"fathers?|brothers?|sisters?|parents|grandparents|grandmothers?|grandfathers?|"
          r"grandchildren|grandsons?|granddaughters?|relatives?)")
# Up to three modifiers between a number and its noun: 'two elderly women', 'a 6-year-old girl'.
_MODS = r"(?:(?:(?!and\b|or\b)[a-z0-9][\w’'-]*|Ukrainian|Russian)\s+){0,3}?"
_QUAL = (r"(?:(?:at least|more than|no fewer than|no less than|not less than|over|some|about|around|nearly|almost|"
         r"up to|as many as|"
         r"approximately|roughly|another|a further|an additional|a total of|still)\s+)?")
_QTY = rf"(?:{NUMBER}|a|an|{'|'.join(VAGUE)})"
# One relative, named by whose: 'her father', 'his 6-year-old son' (a victim counted as 1).
_RELATIVE = (r"(?:father|mother|son|daughter|husband|wife|brother|sister|grandfather|grandmother|grandson|"
             r"granddaughter|child|baby|uncle|aunt|nephew|niece|partner)")
_KIN = (rf"(?:his|her|their)\s+(?:(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old\s+|young\s+|little\s+|elderly\s+|infant\s+)?"
        rf"{_RELATIVE}\b")
# Two people in two words: 'a husband and wife', 'an elderly couple'
_PAIR = r"(?:(?:a|an|the)\s+(?:(?!and\b)[a-z][\w-]*\s+){0,2}?couple|(?:a\s+)?husband\s+and\s+wife)\b"
# '\b(?=\w)': tried at word starts only (a pattern that may start anywhere is tried everywhere)
_ITEM = rf"(?<![Nn]o )\b(?=\w)(?:{_PAIR}|(?:(?:his|her|their)\s+)?{_QUAL}{_QTY}\s+{_MODS}{PERSON}\b|{_KIN})"
_BARE_ITEM = rf"(?<![Nn]o )\b(?=\w){_QUAL}(?:{NUMBER}|{'|'.join(VAGUE)})"
# 'a woman and two children', 'one serviceman and two guards'
# '1 civilian, an off-duty rescuer, was killed', 'A man, who was fishing, died',
# 'Four people, including a 12-year-old girl, were injured'
# 'Four people (all civilians) were killed', 'four people who were in a shelter were killed'
_APPOSITION = (r"(?:,\s+(?:an?\s|who\s|aged\s|including\s|among them\s|\d)[^,;.]{0,70},|\s*\([^()]{1,40}\)|"
               r"\s+who\s+(?:were|was)\s+(?:in|at|on|inside|near)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+"
               r"(?=\s+(?:were|was)\s))?")
_ITEMS = rf"{_ITEM}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+){_ITEM}){{0,3}}"  # 'a woman and two children'
_SUBJECT = rf"(?P<subj>{_ITEMS})"
_RECOVERED = r"(?:pulled|recovered|retrieved|removed|found|dug out|taken)"
_FROM_RUBBLE = r"(?:from\s+)?(?:under\s+)?(?:the\s+)?(?:rubble|debris|ruins)\b"
_AUX = (r"(?:\s+(?:who\s+)?(?:were|was|have|has|had|are|is|being|been|got|reportedly|also|"
        r"confirmed|now|later|all|both|believed|thought|said|to|have been|had been|reported|"
        r"were reportedly|were also|was also|known|likely|feared|confirmed|seriously|severely|critically|"
        r"lightly|slightly|badly|mortally))*")
_KILL_PASSIVE = r"(?:killed|dead|died|perished|lost their lives|were killed|slain|fatally \w+)"
# One person by role ('the driver', 'the deputy head'); plural nouns for deaths without a number.
_ONE = (r"(?:person|civilian|child|boy|girl|man|woman|resident|soldier|serviceman|officer|policeman|"
        r"police officer|rescuer|firefighter|medic|doctor|nurse|journalist|worker|employee|driver|"
        r"passenger|guard|volunteer|pensioner|victim|teenager|head|deputy|official|mayor|politician|"
        r"collaborator|priest|judge|commander|chief|electrician|teacher|farmer|fisherman|engineer)\b")
# 'the head of the town of X, Ivan Petrenko, was injured'
_OF_WHAT = r"(?:\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+)?(?:,[^,]{1,60},)?"
# 'The driver …', 'Ukrainian civilian …' (a subject without an article), with what qualifies it
_ONE_SUBJECT = rf"(?P<subj>(?:(?-i:[A-Z])[\w-]*\s+)?{_MODS}{_ONE}){_OF_WHAT}"
_PLURAL = (r"(?:people|civilians|children|residents|soldiers|servicemen|servicemembers|troops|fighters|"
           r"militants|personnel|mercenaries|paratroopers|marines|officers|sailors|crew|conscripts)")
_WOUND_PASSIVE = (r"(?:wounded|injured|hurt|hospitali[sz]ed|taken to hospital|sent to (?:the )?hospital|"
                  r"treated for injuries|(?:suffered|sustained|received)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?"
                  r"(?:injuries|injury|wounds|burns|concussions?|trauma))")
_KILL_ACTIVE = (r"(?:killed|killing|kills|kill|claimed the lives of|took the lives of|taken the lives of|left dead|"
                r"shot dead|shot and killed|executed|beheaded|murdered)")
_WOUND_ACTIVE = r"(?:wounded|wounding|wounds|injured|injuring|injures|hurt|hurting)"
_NOT_PEOPLE = (r"(?!\s+(?:drones?|missiles?|rockets?|shells?|bombs?|km|kilomet\w+|miles?|metres?|"
               r"meters?|percent|per cent|%|years?|months?|weeks?|days?|hours?|minutes?|times|"
               r"tanks?|vehicles?|buildings?|houses?|homes?|settlements?|villages?|towns?|"
               r"regions?|am|pm|a\.m|p\.m|(?-i:[A-Z]))|-[a-z])")  # a capital: 'killed 4 Russian', not 'killed 4 and';
# a hyphen: 'a wounded 52-year-old resident' is one person of 52, not 52 wounded

# 'one civilian in the port city of Mykolaiv died', 'two residents of the Belgorod region were
# injured': a place between subject and verb
# (its last word no 'and': 'killed three civilians in Pokrovsk and injured five' has two verbs)
# ('a worker in the village of X, Kherson region, was killed': and the region after it)
_PP = (r"(?:\s+(?:in|at|near|from|on|of)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?!(?:and|or)\b)[A-Z][\w’'-]+"
       r"(?:,\s+[A-Z][\w’'-]+\s+(?:region|oblast|province|district|raion),)?)?")


class _Lower:
    """A pattern matched on the lower-cased sentence (several times faster than re.I); for
    patterns without case-sensitive parts. Tried only where its words are (guards.py)."""

    def __init__(self, pattern: str):
        self.regex = Guarded(re.compile(lower_pattern(pattern)))

    def finditer(self, sentence: str, low: str):
        return self.regex.finditer(low)


class _AsWritten:
    """A pattern whose capitals matter ('killed 4 Russian …' vs 'killed 4 and …')."""

    def __init__(self, pattern: str, flags: int = 0):
        self.regex = Guarded(re.compile(pattern, flags))

    def finditer(self, sentence: str, low: str):
        return self.regex.finditer(sentence)


PATTERNS = [
    # a named victim: 'killed Serhiy Smolyak, a 56-year-old emergency medic'
    ("killed", "named", _AsWritten(
        rf"\b{_KILL_ACTIVE}\s+(?P<subj>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,2}}),\s+(?:a|an)\s+"
        rf"{_MODS}(?:{PERSON}|medic|paramedic|officer|teacher|journalist|photographer)\b")),
    ("killed", "subject", _Lower(rf"{_SUBJECT}{_APPOSITION}{_PP}{_AUX}\s+{_KILL_PASSIVE}\b")),
    ("wounded", "subject", _Lower(rf"{_SUBJECT}{_APPOSITION}{_PP}{_AUX}\s+{_WOUND_PASSIVE}\b")),
    # 'A 5-year-old girl was among the wounded'
    ("killed", "subject", _Lower(rf"{_SUBJECT}{_AUX}\s+among\s+the\s+(?:dead|killed|fatalities)\b")),
    ("wounded", "subject", _Lower(rf"{_SUBJECT}{_AUX}\s+among\s+the\s+(?:wounded|injured)\b")),
    ("killed", "object", _Lower(
        rf"\b{_KILL_ACTIVE}\s+(?P<subj>{_ITEMS})")),
    # 'injuring and hospitalising four civilians': a second verb for the same people
    ("wounded", "object", _Lower(
        rf"\b{_WOUND_ACTIVE}(?:\s+and\s+hospitali[sz]ing)?\s+(?P<subj>{_ITEMS})")),
    # 'killed 12 and wounded 84', 'left 10 dead and 55 wounded'
    ("killed", "bare", _AsWritten(rf"\b{_KILL_ACTIVE}\s+(?P<subj>{_BARE_ITEM}){_NOT_PEOPLE}\b", re.I)),
    ("wounded", "bare", _AsWritten(rf"\b{_WOUND_ACTIVE}\s+(?P<subj>{_BARE_ITEM}){_NOT_PEOPLE}\b", re.I)),
    ("killed", "bare", _Lower(rf"(?P<subj>{_BARE_ITEM})(?:\s+(?:dead|deaths|fatalities)|{_AUX}\s+{_KILL_PASSIVE})\b")),
    ("wounded", "bare", _Lower(rf"(?P<subj>{_BARE_ITEM})(?:\s+injuries|{_AUX}\s+{_WOUND_PASSIVE})\b")),
    ("killed", "bare", _Lower(
        rf"\bdeath toll\s+(?:\w+\s+){{0,4}}?(?:to|of|at|reached|stands at|is|was)\s+(?P<subj>{_BARE_ITEM})\b")),
    # 'The toll from Friday's strike on Zaporizhzhia rose to 10': a toll that rises is of the dead
    ("killed", "bare", _Lower(
        rf"\btoll\s+(?:[\w’'-]+\s+){{0,16}}?(?:rose|has risen|had risen|climbed|has climbed|increased|has increased)"
        rf"\s+to\s+(?P<subj>{_BARE_ITEM})\b")),
    # 'The bodies of four people were pulled from the rubble', 'Rescuers recovered the body of a child
    # from the rubble': the dead of a strike, found later
    ("killed", "object", _Lower(
        rf"\bbod(?:y|ies)\s+of\s+(?P<subj>{_ITEMS}){_AUX}\s+{_RECOVERED}\s+(?:out\s+)?{_FROM_RUBBLE}")),
    ("killed", "object", _Lower(
        rf"\b{_RECOVERED}\s+(?:the\s+)?bod(?:y|ies)\s+of\s+(?P<subj>{_ITEMS})\s+{_FROM_RUBBLE}")),
    # 'lost 35 soldiers', 'losses amounted to more than 90 soldiers'
    ("lost", "object", _Lower(
        rf"\b(?:lost|losses\s+(?:\w+\s+){{0,5}}?(?:amounted\s+to|reached|included|of))\s+(?P<subj>{_ITEM})")),
    # one victim, named by role: 'The driver was killed', 'killed the deputy head', 'killing him'
    ("killed", "one", _AsWritten(rf"(?:^|(?<=[Tt]he )|(?<=\. )|(?<=, )){_ONE_SUBJECT}{_AUX}\s+{_KILL_PASSIVE}\b")),
    ("wounded", "one", _AsWritten(rf"(?:^|(?<=[Tt]he )|(?<=\. )|(?<=, )){_ONE_SUBJECT}{_AUX}\s+{_WOUND_PASSIVE}\b")),
    ("killed", "one", _AsWritten(
        rf"\b{_KILL_ACTIVE}\s+(?P<subj>(?:him|her)\b(?!\s+[a-z])|(?:the|a|an)\s+{_MODS}{_ONE})")),
    ("wounded", "one", _AsWritten(
        rf"\b{_WOUND_ACTIVE}\s+(?P<subj>(?:him|her)\b(?!\s+[a-z])|(?:the|a|an)\s+{_MODS}{_ONE})")),
    # 'One person was killed and another injured': the second clause's one person
    ("killed", "one", _Lower(rf"\band\s+(?P<subj>another|one more)(?:\s+{_ONE})?\s+(?:was\s+)?{_KILL_PASSIVE}\b")),
    ("wounded", "one", _Lower(rf"\band\s+(?P<subj>another|one more)(?:\s+{_ONE})?\s+(?:was\s+)?{_WOUND_PASSIVE}\b")),
    # deaths without a number: 'killing Ukrainian soldiers', 'leading to fatalities'
    ("killed", "unnumbered", _Lower(
        rf"\b{_KILL_ACTIVE}\s+(?P<subj>(?:(?:Ukrainian|Russian|[a-z][\w-]*)\s+){{0,2}}?{_PLURAL})\b"
        r"|\b(?:leading\s+to|resulting\s+in|causing|with|suffered|sustained|inflicted)\s+(?P<subj2>(?:\w+\s+){0,2}?"
        r"(?:fatalities|deaths|losses|casualties))\b")),
]
_ZERO = [
    ("both", re.compile(r"\bno (?:immediate )?(?:reported )?(?:reports? of )?(?:casualties|victims)\b", re.I)),
    ("killed", re.compile(r"\b(?:no (?:one|body) (?:was|were|had been) killed|no (?:deaths|fatalities)"
                          r"|nobody was killed|without (?:casualties|fatalities))\b", re.I)),
    ("wounded", re.compile(r"\b(?:no (?:one|body) (?:was|were|had been) (?:injured|wounded|hurt)|"
                           r"no injuries|nobody was (?:injured|hurt))\b", re.I)),
]
# A list of places after a toll: 'killed near Nevske, Dibrova and Terny' sums several places.
_NAME = r"(?!(?:Russian|Ukrainian|The)\b)(?-i:[A-Z])[\w’'-]+(?:[\s-](?-i:[A-Z])[\w’'-]+){0,2}"
_LIST_AT = rf"\b(?:in|near|around|at|outside)\s+(?:the\s+)?(?:(?:areas?|vicinity|directions?|outskirts)\s+of\s+)?"
# two places right after the toll, or three or more further on in the sentence
_AND_LAST = rf"\s*,?\s+and\s+(?:the\s+)?{_NAME}"
_OVER_PLACES = re.compile(rf"[^.;()]{{0,40}}?{_LIST_AT}{_NAME}(?:\s*,\s*{_NAME}){{0,8}}{_AND_LAST}"
                          rf"|[^.;()]{{0,200}}?{_LIST_AT}{_NAME}(?:\s*,\s*{_NAME}){{1,8}}{_AND_LAST}", re.I)
_DAY_OF_MONTH = re.compile(r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
                           r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b", re.I)
_RATE = re.compile(r"^(?:\s+(?:\w+\s+){0,3}?(?:a|per|every|each)\s+(?:day|week|month)\b|\s+daily\b)", re.I)
_AGED = re.compile(r"\b(?:aged|ages\s+of)\s+(?:\d+\s*(?:,\s*|\s+and\s+))*$", re.I)
_SUBSET = Guarded(re.compile(r"\b(?:including|among them|among whom|of whom|of them)\s*$", re.I))
_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_LEAD = re.compile(r"\b(?:[Ii]n|[Ss]ince|of|by|until|from|[A-Z][a-z]+ \d{1,2},?)\s*$")
_ITEM_RE = re.compile(rf"(?P<q>{_QTY})\s+{_MODS}(?P<noun>{PERSON})\b", re.I)
_KIN_RE = re.compile(_KIN, re.I)
_PAIR_RE = re.compile(_PAIR, re.I)
_QUAL_RE = re.compile(_QUAL, re.I)


# A word every pattern of a kind needs: sentences without one are skipped (the patterns are costly).
_KIND_WORDS = {
    "killed": ("kill", "dead", "died", "death", "perish", "the lives", "their lives", "slain", "fatal", "casualt",
               "toll", "executed", "beheaded", "murdered", "bodies", "body of"),
    "lost": ("lost ", "losses"),  # 'lost 35 soldiers': deaths, told apart from 'lost ground' by the pattern
    "wounded": ("wound", "injur", "hurt", "hospital", "treated", "burns", "concussion"),
    "none": ("no ", "nobody", "without"),
}


_KIND_OF = {"lost": "killed"}  # a pattern's gate -> the kind of casualty it finds


@dataclass
class Casualty:
    kind: str  # killed | wounded
    count: int | None  # None: stated but vague ('dozens') or without a number ('killing soldiers')
    start: int
    end: int
    text: str
    places_end: int = 0  # a total over several places ('near A, B and C'), listed up to here: no one place's toll
    towns_before: bool = False  # ... or listed before it ('shelled Kherson and Beryslav, killing five')

    @property
    def over_places(self) -> bool:
        return self.places_end > 0 or self.towns_before


# Deaths that are not from an attack: not casualties of the war's violence.
_NOT_ATTACK = re.compile(r"^\s*(?:\w+\s+){0,2}(?:of|from)\s+(?:[\w“”\"']+\s+){0,3}?"
                         r"(?:hypothermia|cold|illness|disease|natural causes|heart|covid|starvation|"
                         r"exhaustion|cancer|old age|carbon monoxide|frostbite|poisoning|drowning|"
                         r"an accident|a car accident)", re.I)
# 'and another three in Lyman', 'one was killed in Huliaipole and another in Stepnohirsk': the
# count of an elided casualty clause (one, without a number).
# 'killed two people in Kurakhove and one in Selydove', 'three in X, three more in Y': a count after
# 'and' or a comma with a town of its own
_ELLIPSIS = Guarded(re.compile(rf"\b(?:(?:another|a further)(?:\s+(?P<subj>{NUMBER}))?|"
                               rf"(?:(?<=and )|(?<=, ))(?P<num>{NUMBER}))(?:\s+more)?(?:\s+{PERSON})?"
                               rf"(?=\s+(?:in|at|near|on)\s+(?:the\s+(?:village|town|city)\s+of\s+)?"
                               r"(?-i:[A-Z]))", re.I))


def _count(subject: str) -> int | None:
    """Sum the items of an enumeration; None when any item is vague."""
    subject = _QUAL_RE.sub("", subject, count=1) if _QUAL_RE.match(subject) else subject
    pairs = list(_PAIR_RE.finditer(subject))
    items = [m for m in _ITEM_RE.finditer(subject) if not _within(m, pairs)]
    kin = [m for m in _KIN_RE.finditer(subject) if not _within(m, items) and not _within(m, pairs)]
    if not items and not kin and not pairs:
        return parse_number(_QUAL_RE.sub("", subject).strip())
    total = len(kin) + 2 * len(pairs)  # each relative named by whose is one person; a couple two
    for m in items:
        q = m.group("q").lower()
        if q in VAGUE:
            return None
        n = parse_number(q)
        if n is None:
            return None
        total += n
    return total


def _within(m: re.Match, spans: list[re.Match]) -> bool:
    return any(o.start() <= m.start() < o.end() for o in spans)


def _skip(sentence: str, m: re.Match, kind: str, found: list[Casualty]) -> bool:
    """A match that is not a casualty statement of its own."""
    subj = "subj" if m.group("subj") is not None else "subj2"
    s, e = m.span()
    if _RATE.match(sentence[e:]):
        return True  # '100 deaths a day' is a rate, no incident's toll
    if _AGED.search(sentence, max(0, m.start(subj) - 30), m.start(subj)):
        return True  # 'Women aged 71 and 67 have been hospitalised': ages, not a count
    if _DAY_OF_MONTH.search(m.group(subj)):
        return True  # 'On 5 April the soldier was wounded': a date, not five soldiers
    if _SUBSET.search(sentence, max(0, m.start(subj) - 40), m.start(subj)):
        return True  # 'including a child' is part of a count already made
    if _YEAR.fullmatch(m.group(subj)) and _YEAR_LEAD.search(sentence, max(0, m.start(subj) - 40), m.start(subj)):
        return True  # 'in 2022 killed' is a year, not a toll
    if any(c.kind == kind and c.start < e and s < c.end for c in found):
        return True
    if any(c.start <= m.start(subj) < c.end and c.kind != kind
           and c.text.lower().endswith(m.group(subj).lower()) for c in found):
        return True
    return kind == "killed" and bool(_NOT_ATTACK.match(sentence[e:]))  # 'died of hypothermia'


def find_casualties(sentence: str, low: str | None = None) -> list[Casualty]:
    """All casualty statements in a sentence, longest first, no overlaps per kind
    (low: the sentence lower-cased, when at hand)."""
    found: list[Casualty] = []
    low = lowered(sentence) if low is None else low
    kinds = {kind for kind, words in _KIND_WORDS.items() if has_any(low, words)}
    if not kinds:
        return found  # most sentences: nothing said about the dead or wounded (and this is cheap)
    for kind, shape, pattern in PATTERNS:
        if kind not in kinds:
            continue
        for m in pattern.finditer(sentence, low):
            if _skip(sentence, m, _KIND_OF.get(kind, kind), found):
                continue
            count = 1 if shape in ("named", "one") else None if shape == "unnumbered" else _count(m["subj"])
            places = _OVER_PLACES.match(sentence, m.end())
            found.append(Casualty(_KIND_OF.get(kind, kind), count, m.start(), m.end(), sentence[m.start():m.end()],
                                  places.end() if places else 0))
    for m in _ELLIPSIS.finditer(sentence):
        before = [c for c in found if c.end <= m.start()]
        if before and not any(c.start <= m.start() < c.end for c in found):
            number = m.group("subj") or m.group("num")
            count = parse_number(number) if number else 1
            found.append(Casualty(before[-1].kind, count, m.start(), m.end(), m.group(0)))
    for kind, pattern in _ZERO if "none" in kinds else ():
        for m in pattern.finditer(sentence):
            for k in (("killed", "wounded") if kind == "both" else (kind,)):
                if not any(c.kind == k for c in found):
                    found.append(Casualty(k, 0, m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda c: c.start)
