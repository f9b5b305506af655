"""Districts and communities: the town a district's name comes from, and the shapes in which a
text puts a place inside a district ('Staryi (Volokonovskiy, Belgorod)', 'Kostiantynivka,
Donetsk (Marinka community)'). The district's town then picks among the place's namesakes, or
stands in for a village no data of ours has."""
from __future__ import annotations

import re

from ..gazetteer import CITY, Gazetteer, Place
from ..gazetteer.ranking import DOMAIN_COUNTRIES

_NAME = r"[A-Z][\w’'-]{0,40}"
# 'Pavlohradskyi district', 'Mezhyritska community', 'Obukhiv district': around a town
DISTRICT = re.compile(rf"\b(?P<name>(?:{_NAME}\s+)?{_NAME}?)(?P<adj>skyi|skyy|skiy|skii|sky|ska|ske|ivskyi)?"
                      r"\s+(?:(?:territorial|urban|rural|village|settlement|municipal)\s+)?"
                      r"(?P<kind>district|raion|community|hromada|municipality)\b")
DISTRICT_WORDS = ("district", "raion", "community", "hromada", "municipality")
# 'the Shevchenkivskyi district of the capital', '... of Kyiv': a part of a city, named after
# anything (a poet here), not a district around a town
CITY_DISTRICT = re.compile(rf"\s+of\s+(?:the\s+)?(?:capital|city|(?P<city>{_NAME}))\b")
_RUSSIAN = ("skiy", "skii")  # the Russian adjective's ending, as wire and ACLED spell it
_HEDGE = r"(?:(?:likely|presumably|probably|possibly)\s+)?(?:in\s+)?(?:the\s+)?"
# Right after a place: its district, then its region, in brackets: '(Volokonovskiy, Belgorod)',
# '(Sudzhanskiy district, Kursk region)'. A district is masculine (raion): '-skiy', '-skyi'.
DISTRICT_THEN_REGION = re.compile(
    rf"\s*\(\s*{_HEDGE}(?P<name>{_NAME}?)(?P<adj>skiy|skyi|skyy|skii|sky)(?:\s+(?:district|raion|rayon))?"
    rf"\s*,\s*(?P<region>{_NAME})(?:\s+(?:region|oblast|Oblast))?\s*\)")
# Right after a place's region: its community or district, in brackets: '(Marinka community)',
# '(presumably the Vysokopillia community)'.
DISTRICT_IN_BRACKETS = re.compile(
    rf"\s*\(\s*{_HEDGE}(?P<name>(?:{_NAME}\s+)?{_NAME}?)(?P<adj>skyi|skyy|skiy|skii|sky|ska|ske)?"
    r"\s+(?:(?:territorial|urban|rural|settlement)\s+)?(?P<kind>district|raion|rayon|community|hromada)\s*\)")


def level(kind: str) -> str:
    """The register's level a district word names: a community is a hromada, a district a raion."""
    return "hromada" if kind in ("community", "hromada", "municipality") else "raion"


def district_bases(name: str, adjective: str | None) -> list[str]:
    """Town names behind a district's name, likeliest first: Pavlohradskyi -> Pavlohrad,
    Ternivska -> Ternivka; in Russian spelling ('-skiy') Glushkovskiy -> Glushkovo,
    Sudzhanskiy -> Sudzha, Valuyskiy -> Valuyki."""
    if not adjective:
        return [name]
    stem = name
    if adjective in _RUSSIAN:
        out = [stem, stem + "sk", stem + "o", stem + "ka", stem + "a", stem + "oye", stem + "ki"]
        return out + [stem[:-1]] if stem.endswith("n") else out
    out = [stem, stem + "ka", stem + "a", stem + "e", stem + "ske", stem + "sk"]
    if stem.endswith("iv"):
        out += [stem[:-2] + "ova", stem[:-2] + "ove"]  # Lozivskyi -> Lozova
    if stem.endswith("t"):
        out.append(stem[:-1] + "ch")  # Mezhyrit(ska) -> Mezhyrich
    return out


def district_town(gazetteer: Gazetteer, name: str, adjective: str | None, region: str = "") -> Place | None:
    """The town a district is named after (inside the region, when one is given): of the names
    its adjective may come from, the biggest town ('Pokrovskyi': Pokrovsk, not Pokrov), in
    Ukraine or Russia first ('Borisovskiy': Borisovka, Belgorod, not Belarus's Borisov)."""
    curated = gazetteer.district_centre(name, region) if adjective in _RUSSIAN else None
    if curated is not None:  # 'Krasnoyaruzhskiy': Krasnaya Yaruga
        return curated
    if adjective == "ske":  # a neuter word is a town's own name: 'Pokrovske community'
        town = gazetteer.resolve(name + adjective, kinds=(CITY,), within=region)
        if town is not None and town.kind == CITY:
            return town
    towns = [gazetteer.resolve(base, kinds=(CITY,), within=region) for base in district_bases(name, adjective)]
    return max((t for t in towns if t is not None and t.kind == CITY), default=None,
               key=lambda t: (t.country in DOMAIN_COUNTRIES, t.population))
