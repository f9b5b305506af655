"""Place mentions in a sentence, and how each is used.

role: 'locative' (where something happened: 'in the town of Glukhiv', 'the Kursk region'),
'plain' (named without a locative cue), 'context' (a reference point: '10 km from X'),
'metonym' (a government: "Kyiv said", "Moscow's invasion"). Only locative and plain
mentions can locate an incident; all of them help to disambiguate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import CITY, COUNTRY, REGION, Gazetteer, Place
from ..gazetteer.districts import DISTRICT, DISTRICT_WORDS, district_town, level
from .districts import CITY_BEFORE_DISTRICT, CITY_DISTRICT, DISTRICT_IN_BRACKETS, DISTRICT_THEN_REGION
from .guards import Guarded
from .lowercase import has_any

# '\b[A-Z]' with the capital first: a pattern that starts with a character class lets the engine
# skip straight to the capitals, where one that starts with '\b' is tried at every position
_CAPITAL_STARTS_WORD = r"[A-Z](?<!\w[A-Z])"
_CAP_SEQ = re.compile(r"[A-Z][\w’'-]{0,40}(?:\s+(?:[A-Z][\w’'-]{0,40}|of|on|na|upon))*")
_REGION_AFTER = re.compile(
    r"(?:(?P<n1>[A-Z][\w’'-]{0,40}(?:[- ][A-Z][\w’'-]{0,40})?)(?P<and>\s+and\s+(?P<n2>[A-Z][\w’'-]{0,40}))?\s+"
    r"(?P<suffix>regions?|[Oo]blasts?|provinces?|[Kk]rai|[Rr]epublic))\b")
_REGION_LIST = re.compile(r"(?P<names>(?:[A-Z][\w’'-]{0,40},\s+){1,8})"
                          r"(?=[A-Z][\w’'-]{0,40},?\s+and\s+[A-Z][\w’'-]{0,40}\s+"
                          r"(?P<suffix>regions|[Oo]blasts|provinces)\b)")
_LISTED = re.compile(r"[A-Z][\w’'-]{0,40}")
_REGION_OF = re.compile(r"\b(?:region|province|oblast) of (?P<n1>[A-Z][\w’'-]{0,40}(?:[- ][A-Z][\w’'-]{0,40})?)")
# 'the region', 'the border region': the last region the article named.
_ANAPHORIC_REGION = re.compile(
    r"\bthe (?:(?:same|border|frontline|front-line|neighbouring|neighboring|southern|eastern|"
    r"northern|western|north-eastern|northeastern|south-eastern|southeastern)\s+)?region\b(?!\s+of)")
# 'in the city', 'near the village': the last town the article named.
_ANAPHORIC_TOWN = re.compile(r"(?:(?<=\bin )|(?<=\bat )|(?<=\bof )|(?<=\bnear ))the (?:same )?(?:city|town|village|settlement)\b"
                             r"(?!\s+(?:of|council|hall|centre|center|authorities|administration|'s|’s))")
_STOP = {
    "the", "a", "an", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "president", "minister", "ministry",
    "governor", "mayor", "kremlin", "nato", "eu", "un", "unesco", "us", "it", "he", "she", "they",
    "we", "in", "on", "at", "but", "and", "as", "after", "before", "when", "while", "this",
    "that", "there", "his", "her", "its", "our", "their", "i", "two", "three", "one", "four",
    "five", "six", "seven", "eight", "nine", "ten", "russian", "ukrainian", "soviet", "western",
    "european", "american", "north", "south", "east", "west", "central", "related", "space",
    "war", "news", "army", "navy", "air", "force", "general", "saint", "new", "old", "big",
    "great", "victory", "mir", "peace", "independence", "union", "red", "october", "lenin",
    "pravda", "progress", "zarya", "druzhba", "sputnik", "komsomol", "about", "said",
    "tass", "ria", "interfax", "reuters", "afp", "ap", "bbc", "cnn", "ukrinform", "unian",
}
# Words that title the name after them ('President Vladimir Putin', 'Governor Oleh Syniehubov')
_TITLES = ("President", "Minister", "spokesman", "spokeswoman", "spokesperson", "Governor", "governor", "Mayor",
           "mayor", "head", "chief", "General", "Gen.", "Lt.", "Col.", "commander", "Mr", "Mr.", "Ms", "Ms.", "Mrs",
           "Mrs.", "Dr", "Dr.", "Secretary", "secretary", "leader", "official", "diplomat", "Chancellor", "Prime",
           "Patriarch", "Pope", "King", "Queen", "Prince", "envoy", "ambassador", "analyst", "correspondent",
           "reporter", "by", "By")
_LOCATIVE_PREP = re.compile(
    r"\b(?:in|on|at|near|outside|around|over|into|across|inside|within|towards?|from|targeting|"
    r"targeted|hit|hitting|struck|striking|shelled|shelling|attacked|pounded|bombed|"
    r"bombarding|of|via|captured|recaptured|retook|seized|liberated|entered|overran)\s+$", re.I)
_FILLER = re.compile(
    r"^(?:the|a|an|eastern|western|northern|southern|central|north-eastern|northeastern|"
    r"south-eastern|southeastern|north-western|south-western|frontline|front-line|embattled|"
    r"besieged|occupied|russian-occupied|ukrainian-held|russian-held|ukrainian|russian|"
    r"unesco-protected|port|border|industrial|key|strategic|nearby|neighbouring|war-battered|"
    r"war-torn|capital|city|town|village|settlement|region|district|suburb|outskirts|centre|"
    r"center|downtown|of|black|sea|southeastern|small|large|major|regional|eastern-ukrainian|"
    r"soviet-era|cities|towns|villages|areas?|parts?|oblast|province|and|,)$", re.I)
_PLACE_TYPE_OF = re.compile(r"\b(?:(?:town|city|village|settlement|port|capital|outskirts|centre|"
                            r"center|suburbs?|district|hamlet|region|province|oblast|community|hromada)\s+of|"
                            r"control\s+(?:of|over))\s+(?:the\s+)?$", re.I)
_WATER_OF = re.compile(r"\b(?:Sea|Gulf|Bay|Strait)\s+of\s+$")
_CALLED_TOWN = re.compile(r"\b(?:city|town)\s+of\s+$", re.I)
# "Kherson's Dniprovskyi district", 'the Dniprovskyi district of Kherson': a city with districts
_HAS_DISTRICTS = re.compile(r"['’]s\s+(?:[A-Z][\w’'-]+\s+){1,2}district\b")
# 'Belgorod, the capital of the region, ...': the city, even after 'the Belgorod region'
_A_CITY_AFTER = re.compile(r",\s+(?:the|a)\s+(?:[\w-]+\s+)?(?:capital|city|town|centre|center)\b")
_DISTRICT_OF = re.compile(r"\bdistrict\s+of\s+(?:the\s+city\s+of\s+)?$")
# 'the mayor of Mykolaiv said': the place's own officials speak of it (not a government far away)
_OFFICIAL_OF = re.compile(r"\b(?:mayor|governor|head|authorities|officials?|administration|council|residents|"
                          r"police|chief)\s+of\s+(?:the\s+)?$", re.I)
# 'told a press conference in Kyiv', 'during a visit to Kyiv': where someone spoke, not where it happened
_SPOKEN_AT = Guarded(re.compile(r"\b(?:press conference|news conference|briefing|summit|speech|visit|interview|"
                                r"told reporters|speaking|talks)\s+(?:\w+\s+){0,2}?(?:in|at|to)\s+(?:the\s+)?$", re.I))
_DISTANCE_FROM = Guarded(re.compile(r"(?:km|kilomet\w+|miles?|metres?|meters?)\)?\s+(?:\([^)]*\)\s+)?"
                                    r"(?:from|of|away from|outside|"
                                    r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of)\s+"
                                    r"(?:the\s+)?$|\b(?:border with|bordering|borders)\s+(?:the\s+)?$", re.I))
_NEAR = Guarded(re.compile(r"\b(?:near|outside|close to|on the outskirts of|not far from|around|"
                           r"in the direction of|(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of)\s+(?:the\s+)?"
                           r"(?:(?:town|city|village|settlement)\s+of\s+)?$", re.I))
# A possessive names an owner ("Moscow's supply lines"), unless a part of the place follows
# ("Kharkiv's Saltivka district", "Odesa's port").
_POSSESSIVE_OF = re.compile(r"^(?:’s|'s)\s+(?!(?:[\w-]+\s+)?(?:district|neighbou?rhood|suburbs?|outskirts|centre|"
                            r"center|port|airport|region|oblast|industrial|residential|old|northern|southern|"
                            r"eastern|western|central|main|downtown)\b)(?-i:[a-z])")
# a unit or an office named after the place: 'the Azov regiment', 'the Kherson Oblast Military
# Administration reported' (who speaks, not where)
_UNIT_AFTER = re.compile(r"\s+(?:regiments?|battalions?|brigades?|corps|divisions?|detachments?|squadrons?|"
                         r"(?:(?:regional|oblast|city|district)\s+)?(?:military\s+|state\s+)?administration|"
                         r"(?:regional|oblast|city)\s+(?:council|police|prosecutor)|prosecutor['’]s\s+office)\b", re.I)
_METONYM_AFTER = re.compile(
    r"^(?:’s|'s|\s+(?:said|says|will|would|vowed|accused|claimed|announced|denied|"
    # ('Kupiansk has recently come under attack' is a place)
    r"(?:has|have|had)(?!\s+(?:\w+\s+)?(?:come|been|seen|faced|suffered|endured))|insisted|wants|warned|"
    r"responded|urged|called|pledged|rejected|hopes|agreed|must|should|"
    r"reported|confirmed|added|believes|considers|sees|sent|asked|hoped|intends|plans|seeks|"
    r"(?:is|was)\s+(?:hoping|trying|planning|seeking|preparing|aiming|ready|willing)))\b")


@dataclass
class PlaceMention:
    text: str
    start: int
    end: int
    kind: str  # city | region | country | anaphoric-region | anaphoric-town
    role: str  # coded | locative | plain | context | metonym
    near: bool = False  # 'near X', 'outside X': geo_precision 2
    within: str = ""  # admin1 the text ties it to: 'Katerynivka, Kharkiv region'
    district: str = ""  # 'raion' for 'Pavlohradskyi district', 'hromada' for 'Marhanets community': near the town
    beside: Place | None = None  # the town of the district the text puts it in: ranks its namesakes
    beside_level: str = ""  # what the district is: a 'raion' or a 'hromada' (community); or 'distance'
    beside_km: float = 0.0  # for a distance: how far from that town the text puts it
    called_town: bool = False  # 'the city of Kharkiv', 'the town of Sumy': the town, not its region
    called_village: bool = False  # 'the village of Oktyabrsky': no city of 100,000


# 'X, Kharkiv region', 'X, Dnipropetrovsk.', 'X in the Donetsk region', 'X (Donetsk)', and with
# its district between: 'X in the Kupiansk district of the Kharkiv region', 'X, Izium raion, Kharkiv'
_QUALIFIER = re.compile(
    r"^(?:\s*,\s*|\s+in\s+(?:(?:Ukraine|Russia)['’]s\s+)?(?:the\s+)?|\s*\(\s*"
    # 'Kurakhove, a town in Donetsk region', 'Tyotkino, a village in Russia's Kursk region'
    r"|\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:village|town|city|settlement|hamlet)\s+in\s+"
    r"(?:(?:Ukraine|Russia)['’]s\s+)?(?:the\s+)?)"
    r"(?P<district>[A-Z][\w’'-]{0,40}\s+(?:district|raion|community|hromada)(?:\s+of\s+(?:the\s+)?|\s*,\s*))?"
    r"(?P<name>[A-Z][\w’'-]{0,40})"
    r"(?P<suffix>\s+(?:region|Region|oblast|Oblast|province|Province))?(?P<end>\s*[.;:)]|\s*$|\s*,|\s+and\s+[a-z]|\s+\()?")
# 'near Dobrovillia, Dnipropetrovsk.', 'near Dobrovillia (Dnipropetrovsk)': an unknown village, then its region
_UNKNOWN_THEN_REGION = re.compile(
    _CAPITAL_STARTS_WORD + r"[\w’'-]{0,40}(?:\s+(?:area|community|village|settlement))?(?:,\s+|\s+\()"
    r"(?P<name>[A-Z][\w’'-]{0,40})"
    r"(?P<suffix>\s+(?:region|oblast|Oblast))?(?=\s*[.;:)(]|\s*$|\s*,|\s+and\s+[a-z])")
# ACLED's coders say where they coded an event: '(coded to Kherson)', '(coded to Dnipro, Dnipropetrovsk)'
_CODED_TO = re.compile(r"\bcoded\s+to\s+(?:the\s+)?(?P<name>[A-Z][\w’'-]{0,40}(?:[\s-][A-Z][\w’'-]{0,40}){0,2}?)"
                       r"(?:\s+city)?(?:,\s+(?P<region>[A-Z][\w’'-]{0,40}))?(?=\s*(?:region|oblast)?\s*[.,;:)]|\s*$)")
# where a name of up to three capitalised words may start, before the end of a text
_NAME_WORDS_BEFORE = re.compile(r"(?<![\w’'-])(?=(?:[A-Z][\w’'-]{0,40}\s+){0,2}[A-Z][\w’'-]{0,40}$)")

_GOVERNMENT_VERB = re.compile(
    r"^\s+(?:and\s+[A-Z][\w’'-]{0,40}\s+)?(?:(?:has|have|had)\s+(?!been\b)\w+|(?!is\b|was\b)\w+ed\b|"
    r"launch(?:es|ed)|says|said|wants|accuses|claims|insists|fires|fired)")


_LOOK = 80  # how far before and after a name its role words are looked for
_WORD = re.compile(r"[\w’'-]+")
_WORD_OR_COMMA = re.compile(r"[\w’'-]+|,")
_FULL_NAME = re.compile(rf"{_CAPITAL_STARTS_WORD}[a-z’'-]+(?:\s+[A-Z][a-z’'-]+){{1,2}}\b")


def _ends_with_title(text: str) -> bool:
    """Does the text end with a title, then only spaces? (A suffix test: a pattern anchored at
    the end would be tried at every position of the text.)"""
    return text.rstrip().endswith(_TITLES)


def _locative_cue(before: str) -> bool:
    words = _WORD_OR_COMMA.findall(before)[-6:]
    for w in reversed(words):
        if _LOCATIVE_PREP.search(w + " ") and w.lower() != "of":
            return True
        if not _FILLER.match(w):
            return False
    return False


def _role(sentence: str, start: int, end: int, kind: str, capital: bool = False) -> tuple[str, bool]:
    # the words just around the name decide (a window keeps this linear in the sentence)
    before, after = sentence[max(0, start - _LOOK):start], sentence[end:end + _LOOK]
    if _POSSESSIVE_OF.match(after):
        return "metonym", False  # "Moscow's supply lines", "Kharkiv's mayor": whose, not where
    if _UNIT_AFTER.match(after):
        return "metonym", False  # 'the Azov regiment', 'the Kherson battalion': a unit's name, not where
    cue = type_of = None  # each test of the words before is made once, when first needed
    if kind in (CITY, COUNTRY):
        cue = _locative_cue(before)
        type_of = None if cue else bool(_PLACE_TYPE_OF.search(before))
        if not cue and not type_of and not _OFFICIAL_OF.search(before) and (
                _METONYM_AFTER.match(after) or (capital and _GOVERNMENT_VERB.match(after))):
            return "metonym", False  # 'Kyiv said', "Moscow's invasion", 'Moscow launched 267 drones'

    if _DISTANCE_FROM.search(before) or _SPOKEN_AT.search(before):
        return "context", False
    near = bool(_NEAR.search(before))
    if (_PLACE_TYPE_OF.search(before) if type_of is None else type_of) or near:
        return "locative", near
    if _locative_cue(before) if cue is None else cue:
        return "locative", False
    if kind == REGION:
        return "locative", False
    return "plain", False


def city_parts(sentences, gazetteer: Gazetteer) -> dict[str, str]:
    """The districts an article names as parts of a city ("Kherson's Dnipro district", 'the
    Kyivskyi district of Kharkiv'), each with its city: a later bare 'the Dnipro district' is
    that part of Kherson, not the district around the city of Dnipro."""
    parts: dict[str, str] = {}
    for sentence in sentences:
        if "district" not in sentence:
            continue
        for m in DISTRICT.finditer(sentence):
            city = _city_of(sentence, m)
            if city and gazetteer.resolve(city, kinds=(CITY,)) is not None:
                parts.setdefault(_district_key(m), city)
    return parts


def _city_of(sentence: str, district: re.Match) -> str | None:
    """The city a district is told as a part of ('the X district of Kherson', "Kherson's X
    district"); '' for 'of the capital' or 'of the city'; None when it is told as no city's."""
    after = CITY_DISTRICT.match(sentence, district.end())
    if after and not after["city"]:
        return ""
    before = CITY_BEFORE_DISTRICT.search(sentence, max(0, district.start() - _LOOK), district.start())
    told = after or before
    return told["city"] if told else None


def _district_key(m: re.Match) -> str:
    return f"{m['name']}{m['adj'] or ''} {m['kind']}".lower()


def person_names(sentences, gazetteer: Gazetteer) -> set[str]:
    """Surnames of people an article names in full ('Oleksiy Danilov' -> 'danilov').

    A later bare 'Danilov said' is then a person, not the Russian town.
    """
    names = set()
    for sentence in sentences:
        for m in _FULL_NAME.finditer(sentence):
            words = m.group(0).split()
            if any(w.lower() in _STOP or _ends_with_title(w) for w in words) or _FILLER.match(words[0]):
                continue
            if any(w.endswith(("'s", "’s")) for w in words[:-1]):
                continue  # "Kharkiv Oblast's Kupiansk district": whose, not a first name
            if gazetteer.resolve(m.group(0)) or gazetteer.resolve(f"{words[-1]} region"):
                continue
            if sentence[m.end():m.end() + 1] == "-" or sentence[max(0, m.start() - 1):m.start()] == "-":
                continue
            names.add(words[-1].lower())
    return names


def find_places(sentence: str, gazetteer: Gazetteer, people: set[str] = frozenset(),
                regions_only: bool = False, city_parts: dict[str, str] | None = None) -> list[PlaceMention]:
    """Place mentions in a sentence, left to right, without overlaps (regions_only: the
    regions named, as 'the Kharkiv region', 'the region of Sumy'; city_parts: the districts of
    cities the article names, as city_parts() finds them)."""
    places = _SentencePlaces(sentence, gazetteer, people, city_parts or {})
    if regions_only:
        return places.regions_named()
    return places.find()


class _SentencePlaces:
    """One sentence's place mentions, found shape by shape; each shape is only looked for when
    the sentence has the word it needs (a cheap test: most sentences have none)."""

    def __init__(self, sentence: str, gazetteer: Gazetteer, people: set[str], city_parts: dict[str, str]):
        self.sentence, self.gazetteer, self.people, self.city_parts = sentence, gazetteer, people, city_parts
        self.found: list[PlaceMention] = []

    def taken(self, s: int, e: int) -> bool:
        return any(p.start < e and s < p.end for p in self.found)

    def add(self, text: str, s: int, e: int, kind: str, capital: bool = False) -> None:
        sentence = self.sentence
        if self.taken(s, e):
            return
        if sentence[s - 1:s] == "-" or sentence[e:e + 1] == "-":
            return  # 'pro-Moscow', 'Kremlin-backed', 'Kyiv-based'
        if _WATER_OF.search(sentence, max(0, s - 12), s):
            return  # 'the Sea of Azov' is no town of Azov
        role, near = _role(sentence, s, e, kind, capital)
        called = kind == CITY and (bool(_CALLED_TOWN.search(sentence, max(0, s - _LOOK), s))
                                   or bool(_HAS_DISTRICTS.match(sentence, e) or _A_CITY_AFTER.match(sentence, e))
                                   or bool(_DISTRICT_OF.search(sentence, max(0, s - 40), s)))
        village = kind == CITY and bool(_A_VILLAGE.search(sentence, max(0, s - 30), s))
        self.found.append(PlaceMention(text, s, e, kind, role, near, called_town=called, called_village=village))

    def find(self) -> list[PlaceMention]:
        sentence, lowered = self.sentence, self.sentence.lower()
        if "coded" in lowered:
            _coded_places(sentence, self.gazetteer, self.found)
        if "(" in sentence:
            self.places_in_districts()
        if has_any(lowered, DISTRICT_WORDS):
            self.districts()
        if ", " in sentence:
            self.unknown_then_region()
        if has_any(lowered, _REGION_WORDS):
            self.regions()
        if has_any(lowered, _ANAPHOR_WORDS):
            self.anaphors()
        for m in _CAP_SEQ.finditer(sentence):
            _match_sequence(sentence, m, self.gazetteer, self.add, self.taken, self.people)
        if has_any(lowered, _VILLAGE_WORDS):
            self.villages_unknown()
        _tie_qualifiers(sentence, self.found, self.gazetteer)
        _tie_region_before(sentence, self.found, self.gazetteer)
        _tie_town_before(sentence, self.found)
        _tie_to_opening_region(sentence, self.found, self.gazetteer)
        _tie_distance(sentence, self.found, self.gazetteer)
        return sorted(self.found, key=lambda p: p.start)

    def villages_unknown(self) -> None:
        """'the village of Golovichino', 'Golovichino, a village ...': a place though no data of
        ours knows the name (the story's regions are searched for it, mentions.py)."""
        for m in _CALLED_VILLAGE.finditer(self.sentence):
            name = m["name"] or m["name2"]
            s = m.start("name") if m["name"] else m.start("name2")
            if name.lower() not in _STOP and name.lower() not in self.people and not self.taken(s, s + len(name)):
                role, near = _role(self.sentence, s, s + len(name), CITY)
                self.found.append(PlaceMention(name, s, s + len(name), CITY, role, near, called_village=True))

    def regions_named(self) -> list[PlaceMention]:
        if has_any(self.sentence.lower(), _REGION_WORDS):
            self.regions()
        return self.found

    def districts(self) -> None:
        for m in DISTRICT.finditer(self.sentence):
            if self.part_of_a_city(m):
                continue  # the city is the place
            city = self.city_parts.get(_district_key(m))
            if city is not None and not self.taken(m.start(), m.end()):
                # 'in the Dnipro district', after "Kherson's Dnipro district": that part of the city
                role, _ = _role(self.sentence, m.start(), m.end(), CITY)
                self.found.append(PlaceMention(city, m.start(), m.end(), CITY, role, False, called_town=True))
                continue
            town = district_town(self.gazetteer, m["name"], m["adj"])
            if town is not None and not self.taken(m.start(), m.end()):
                role, _ = _role(self.sentence, m.start(), m.end(), CITY)
                self.found.append(PlaceMention(town.name, m.start(), m.end(), CITY, role, True,
                                               district=level(m["kind"])))

    def part_of_a_city(self, district: re.Match) -> bool:
        """'the Holosiivskyi district of Kyiv', '... of the capital', "Kherson's Dniprovskyi
        district": a part of a city, named after anything (a poet, a river), not a district
        around a town."""
        city = _city_of(self.sentence, district)
        return city == "" or (bool(city) and self.gazetteer.resolve(city, kinds=(CITY,)) is not None)

    def places_in_districts(self) -> None:
        """'the village of Staryi (Volokonovskiy, Belgorod)': a place, then its district and
        region in brackets. The place is looked up in that district, even one our data lacks;
        the brackets only qualify it."""
        for m in DISTRICT_THEN_REGION.finditer(self.sentence):
            region = self.gazetteer.resolve(f"{m['region']} region", kinds=(REGION,))
            if region is None:
                continue
            end = len(self.sentence[:m.start()].rstrip())
            name = self.name_before(end)
            if name is None:
                continue
            town = district_town(self.gazetteer, m["name"], m["adj"], region.name)
            role, near = _role(self.sentence, end - len(name), end, CITY)
            self.found.append(PlaceMention(name, end - len(name), end, CITY, role, near, within=region.name,
                                           beside=town, beside_level="raion"))
            self.found.append(PlaceMention(f"{m['region']} region", m.start("name"), m.end(), REGION, "context"))

    def name_before(self, end: int) -> str | None:
        """The capitalised words that end at `end` and may name a place (the longest, without
        a leading stop word), unless already taken or a person's."""
        offset = max(0, end - _LOOK)
        for w in _NAME_WORDS_BEFORE.finditer(self.sentence[offset:end]):
            s = offset + w.start()
            text = self.sentence[s:end]
            if text.split()[0].lower() in _STOP or text.lower() in self.people:
                continue
            if self.taken(s, end) or _ends_with_title(self.sentence[max(0, s - _LOOK):s]):
                return None
            return text
        return None

    def unknown_then_region(self) -> None:
        for m in _UNKNOWN_THEN_REGION.finditer(self.sentence):
            if not m["suffix"] and _LIST_GOES_ON.match(self.sentence, _past_comma(self.sentence, m.end("name"))):
                continue  # 'the cities of Mykolaiv, Kharkiv, Kryvy Rih': a list of towns
            region = self.gazetteer.resolve(f"{m['name']} region", kinds=(REGION,))
            if region is None:
                continue
            self.village_in(region.name, m.start(), m.start("name"))
            if not m["suffix"]:
                self.add(f"{m['name']} region", m.start("name"), m.end("name"), REGION)

    def village_in(self, region: str, start: int, name_at: int) -> None:
        """The name before ', Luhansk region' looked up inside that region, where another
        romanisation of it counts ('Verkhnyokamianka' for the register's 'Verkhnokamianka'),
        as `geocode --context` does; its capitalised words before it may be part of it. A
        name the usual way finds inside that region is left to it."""
        end = self.sentence.rfind(",", start, name_at)
        end = end if end >= 0 else self.sentence.rfind("(", start, name_at)
        if end < 0:
            return
        end = len(self.sentence[:end].rstrip())
        words = list(_NAME_WORDS_BEFORE.finditer(self.sentence[max(0, end - _LOOK):end]))
        offset = max(0, end - _LOOK)
        for w in words:  # the longest name first: 'Chervonyi Mayak' before 'Mayak'
            s = offset + w.start()
            text = self.sentence[s:end]
            if text.lower() in self.people or self.taken(s, end) or _ends_with_title(self.sentence[max(0, s - _LOOK):s]):
                continue
            anywhere = self.gazetteer.resolve(text)
            if anywhere is not None and anywhere.kind == CITY and anywhere.admin1 == region:
                return  # known there already: found the usual way, with its checks
            # the region after it says which place the name is, even a word that is mostly not
            # one ('Druzhba', 'New York'), or a village a bigger namesake elsewhere hides
            place = self.gazetteer.resolve(text, kinds=(CITY,), within=region)
            if place is not None and place.kind == CITY:
                self.add(text, s, end, CITY)
                return

    def regions(self) -> None:
        sentence = self.sentence
        for m in _REGION_LIST.finditer(sentence):  # 'the Belgorod, Kursk and Voronezh regions': the first ones
            for name in _LISTED.finditer(m["names"]):
                region = f"{name.group(0)} {m['suffix'].rstrip('s').lower()}"
                if self.gazetteer.resolve(region, kinds=(REGION,)):
                    self.add(region, m.start("names") + name.start(), m.start("names") + name.end(), REGION)
        for m in _REGION_AFTER.finditer(sentence):
            suffix = m["suffix"].rstrip("s").lower()
            for key in ("n1", "n2"):
                if not m[key]:
                    continue
                e = m.end() if key == "n2" or not m["and"] else m.end("n1")
                # "Russia's Rostov region": the region is the last word when the pair is not one
                for s in (m.start(key), m.start(key) + m[key].rfind(" ") + 1):
                    name = f"{sentence[s:m.end(key)]} {suffix}"
                    if self.gazetteer.resolve(name, kinds=(REGION,)):
                        self.add(name, s, e, REGION)
                        break
        for m in _REGION_OF.finditer(sentence) if has_any(sentence, _REGION_OF_WORDS) else ():
            name = f"region of {m['n1']}"
            if self.gazetteer.resolve(name, kinds=(REGION,)):
                self.add(name, m.start(), m.end(), REGION)

    def anaphors(self) -> None:
        for pattern, kind, words in _ANAPHORS:
            if not has_any(self.sentence, words):
                continue  # the words the pattern needs, as written
            for m in pattern.finditer(self.sentence):
                if not self.taken(m.start(), m.end()):
                    role, near = _role(self.sentence, m.start(), m.end(), REGION)  # 'south-east of the city': context
                    self.found.append(PlaceMention(m.group(0), m.start(), m.end(), kind, role, near))


_REGION_WORDS = ("region", "oblast", "province", "krai", "republic")
_ANAPHOR_WORDS = (" region", "the city", "the town", "the village", "the settlement", "the same ")
_REGION_OF_WORDS = ("region of ", "province of ", "oblast of ")  # what _REGION_OF needs, as written
_ANAPHORS = ((_ANAPHORIC_REGION, "anaphoric-region", ("region",)),
             (_ANAPHORIC_TOWN, "anaphoric-town",
              ("the city", "the town", "the village", "the settlement", "the same ")))


def _coded_places(sentence: str, gazetteer: Gazetteer, found: list[PlaceMention]) -> None:
    """'(coded to X, Region)': the place a coder chose, which decides over every other mention."""
    for m in _CODED_TO.finditer(sentence):
        if re.search(r"\banother\b", sentence[max(0, m.start() - 60):m.start()]):
            continue  # '(… another wounded civilian coded to X)': another event's place
        region = gazetteer.resolve(f"{m['region']} region", kinds=(REGION,)) if m["region"] else None
        place = gazetteer.resolve(m["name"], within=region.name if region else "")
        if place is not None and place.kind != COUNTRY:
            end = m.end("region") if m["region"] else m.end("name")
            found.append(PlaceMention(m["name"], m.start("name"), end, place.kind, "coded",
                                      within=region.name if region else ""))


# 'Kupiansk, Kharkiv and Izium', 'the cities of Mykolaiv, Kharkiv, Kryvy Rih, and ...': a list
_LIST_GOES_ON = re.compile(r"\s*(?:(?:and|or)\s+[A-Z]|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?\s*(?:,|and\b))")


_COMMA = re.compile(r"\s*,")


def _past_comma(sentence: str, at: int) -> int:
    comma = _COMMA.match(sentence, at)
    return comma.end() if comma else at


def _tie_qualifiers(sentence: str, found: list[PlaceMention], gazetteer: Gazetteer) -> None:
    """A town followed by its region ('Katerynivka, Kharkiv region') is looked up there;
    the region itself then only qualifies, it is not a second location."""
    for town in [p for p in found if p.kind == CITY]:
        m = _QUALIFIER.match(sentence[town.end:])
        if not m or (not m["suffix"] and (m["end"] is None or _LIST_GOES_ON.match(sentence, town.end + m.end()))):
            continue  # 'Kupiansk, Kharkiv and Izium', 'Kyiv, Odesa, and Dnipro' are lists, not qualifiers
        region = gazetteer.resolve(f"{m['name']} region", kinds=(REGION,))
        if region is None:
            continue
        town.within = region.name
        q_start, q_end = town.end + m.start("name"), town.end + m.end("suffix" if m["suffix"] else "name")
        # its district between ('Ivanivka in the Kupiansk district of ...') or after, in brackets
        # ('Kostiantynivka, Donetsk (Marinka community)'): the namesake in that district
        if m["district"]:
            span = (town.end + m.start("district"), town.end + m.end("district"))
            _put_in_district(town, DISTRICT.search(m["district"]), span, found, gazetteer)
        elif after := DISTRICT_IN_BRACKETS.match(sentence, q_end):
            _put_in_district(town, after, after.span(), found, gazetteer)
        for other in list(found):
            if other is not town and other.start < q_end and q_start < other.end:
                found.remove(other)
        found.append(PlaceMention(f"{m['name']} region", q_start, q_end, REGION, "context"))


def _put_in_district(town: PlaceMention, district: re.Match, span: tuple[int, int], found: list[PlaceMention],
                     gazetteer: Gazetteer) -> None:
    """The district's town ranks the place's namesakes; the district is no location of its own."""
    town.beside = district_town(gazetteer, district["name"], district["adj"], town.within)
    town.beside_level = level(district["kind"]) if town.beside else ""
    for d in found:
        if d.district and d.start < span[1] and span[0] < d.end:
            d.role = "context"


# 'the Kursk region's Korenevo', 'the Kharkiv region village of Ivanivka', 'the Donetsk
# region's frontline town of Pokrovsk': the region before a place says where it lies
_REGION_BEFORE = re.compile(r"^(?:['’]s)?\s+"
                            r"(?:(?:[a-z-]+\s+){0,2}?(?:village|town|city|settlement|hamlet)\s+of\s+)?$")


def _tie_region_before(sentence: str, found: list[PlaceMention], gazetteer: Gazetteer) -> None:
    """A place right after its region is looked up there and takes the region's role; the
    region then only qualifies it."""
    ordered = sorted(found, key=lambda p: p.start)
    for region, town in zip(ordered, ordered[1:]):
        if region.kind != REGION or town.kind != CITY or town.within:
            continue
        if not _REGION_BEFORE.match(sentence[region.end:town.start]):
            continue
        bound = gazetteer.resolve(region.text, kinds=(REGION,))
        if bound is None:
            continue
        town.within = bound.name
        if region.role in ("locative", "metonym"):  # "the region's" was read as its people's
            town.role = "locative"
        region.role = "context"


_VILLAGE_WORDS = ("village", "settlement", "hamlet")
_VILLAGE = f"(?:{'|'.join(_VILLAGE_WORDS)})"
_CALLED_VILLAGE = re.compile(rf"\b{_VILLAGE}\s+of\s+(?P<name>[A-Z][\w’'-]{{2,40}}(?:\s+[A-Z][\w’'-]{{2,40}})?)"
                             r"\b(?![\s-][A-Z])|"
                             rf"\b(?P<name2>[A-Z][\w’'-]{{2,40}}),\s+an?\s+(?:[\w-]+\s+){{0,2}}?{_VILLAGE}\b")
# 'In Russia's Belgorod region, a drone hit a car in the village of Murom': a sentence that opens
# with its region says where its towns are
_OPENS_WITH = re.compile(r"\s*(?:(?:Meanwhile|Separately|Elsewhere|Earlier|Later|Also|And|But|Further\s+\w+),?\s+)?"
                         r"(?:[Ii]n|[Oo]ver)\s+(?:(?:Russia|Ukraine)['’]s\s+)?(?:the\s+)?$")
# '... in the village of Zhuravlevka': a village is local; one our data lacks in the region is still there
_A_VILLAGE = re.compile(rf"\bthe\s+{_VILLAGE}\s+of\s+$")


def _tie_to_opening_region(sentence: str, found: list[PlaceMention], gazetteer: Gazetteer) -> None:
    """Towns of a sentence that opens with 'In <region>,' are looked up in that region, when it
    has a town of that name or the text calls it a village (a town elsewhere, 'while in Sumy
    ...', keeps its own)."""
    ordered = sorted(found, key=lambda p: p.start)
    region = next((p for p in ordered if p.kind == REGION), None)
    if region is None or not _OPENS_WITH.match(sentence[:region.start]) or sentence[region.end:region.end + 1] != ",":
        return
    bound = gazetteer.resolve(region.text, kinds=(REGION,))
    if bound is None:
        return
    for town in ordered:
        if town.start < region.end or town.kind != CITY or town.within or town.beside is not None:
            continue
        place = gazetteer.resolve(town.text, kinds=(CITY,), within=bound.name)
        known_there = place is not None and place.kind == CITY and gazetteer.lies_in(place.admin1, bound.name)
        if known_there or _A_VILLAGE.search(sentence, max(0, town.start - 30), town.start):
            town.within = bound.name  # a village our data lacks there: the region answers


# 'Serhiivka, 50km south of Odesa', 'Dobropillia, about 20 miles (32 km) north of Pokrovsk'
_DISTANCE_BETWEEN = re.compile(
    r"^\s*,\s*(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|just\s+|only\s+)?(?P<n>\d{1,3})\s*-?\s*"
    r"(?P<unit>km|kilomet(?:re|er)s?|miles?)\s+(?:\([^)]*\)\s+)?(?:away\s+)?"
    r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of|from|outside)\s+"
    r"(?:the\s+)?(?:(?:city|town|village|port)\s+of\s+)?$", re.I)
_KM_PER_MILE = 1.609


def _tie_distance(sentence: str, found: list[PlaceMention], gazetteer: Gazetteer) -> None:
    """A place the text puts some distance from a town is looked for about that far from it."""
    ordered = sorted(found, key=lambda p: p.start)
    for place, town in zip(ordered, ordered[1:]):
        if place.kind != CITY or town.kind != CITY or place.beside is not None or town.role != "context":
            continue
        m = _DISTANCE_BETWEEN.match(sentence[place.end:town.start])
        ref = gazetteer.resolve(town.text, kinds=(CITY,)) if m else None
        if ref is not None:
            place.beside, place.beside_level = ref, "distance"
            place.beside_km = int(m["n"]) * (_KM_PER_MILE if m["unit"].lower().startswith("mile") else 1.0)


_PART_OF_TOWN = re.compile(r"\s+(?:suburbs?|outskirts|neighbou?rhood|district|microdistrict)\s+of\s+(?:the\s+)?$")


def _tie_town_before(sentence: str, found: list[PlaceMention]) -> None:
    """'the Kherson suburb of Antonivka': the place named after its town is where; the town
    only qualifies it."""
    ordered = sorted(found, key=lambda p: p.start)
    for town, part in zip(ordered, ordered[1:]):
        if town.kind == CITY and part.kind == CITY and _PART_OF_TOWN.match(sentence[town.end:part.start]):
            part.role, town.role = "locative" if town.role == "locative" else part.role, "context"


def _match_sequence(sentence, m, gazetteer, add, taken, people):
    if m.group(0).lower() in _STOP:
        return  # 'The', 'On' opening a sentence: most capitalised words are these
    titled = None  # the words before tested once, when a place is about to count (most sequences hold none)
    tokens = [(t.start(), t.end(), t.group(0)) for t in _WORD.finditer(sentence, m.start(), m.end())]
    # Possessive 's belongs to the name, not to the place: "Kharkiv's mayor".
    tokens = [(s, e - 2, w[:-2]) if w.endswith(("'s", "’s")) else (s, e, w) for s, e, w in tokens]
    n = len(tokens)
    i = 0
    while i < n:
        matched = False
        for j in range(min(n, i + 4), i, -1):
            s, e = tokens[i][0], tokens[j - 1][1]
            text = sentence[s:e]
            low = text.lower()
            if j - i == 1 and (low in _STOP or low in people):
                continue
            if not text[0].isupper() or low in _STOP or taken(s, e):
                continue
            place = gazetteer.resolve(text)
            if place is None:
                continue
            prev_word = tokens[i - 1][2] if i > 0 else ""
            next_word = tokens[j][2] if j < n else ""
            if prev_word and _ends_with_title(prev_word):
                continue  # 'President Vladimir Putin'
            if next_word and next_word.lower() not in _STOP and not _ends_with_title(next_word) \
                    and sentence[e:e + 2] not in ("'s", "’s"):
                continue  # 'Vladimir Putin', 'Josep Borrell': a first name ('Kherson's Dniprovskyi' is no name)
            if prev_word and prev_word.lower() not in _STOP and not _FILLER.match(prev_word) \
                    and place.kind == CITY and place.population < 100000:
                continue  # 'Volodymyr Zelensky' seen from its second word
            if place.kind == CITY and place.population < 1000 and (j - i) == 1:
                role, _ = _role(sentence, s, e, CITY)
                if role != "locative":
                    continue  # a tiny village needs a locative cue to count
            if titled is None:
                titled = _ends_with_title(sentence[max(0, m.start() - _LOOK):m.start()])
            if titled:
                return  # 'President Vladimir Putin', 'Governor Oleh Syniehubov'
            add(text, s, e, place.kind, capital=gazetteer.is_capital(place))
            i, matched = j, True
            break
        if not matched:
            i += 1
