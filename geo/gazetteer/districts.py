"""Districts and communities: the town a district's or community's name comes from
('Pavlohradskyi district': Pavlohrad; 'Sudzhanskiy': Sudzha; 'Marinka community': Marinka),
and which of the register's levels it names. Ukraine's districts are mostly named after
their towns; the Russian border districts that are not come from districts.csv."""
from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from .build import read_table
from .names import skeleton
from .place import CITY, MINOR_LAYERS, Place
from .ranking import DOMAIN_COUNTRIES

if TYPE_CHECKING:
    from .index import Gazetteer

_NAME = r"[A-Z][\w’'-]{0,40}"
# 'Pavlohradskyi district', 'Mezhyritska community', 'Obukhiv district': around a town
DISTRICT = re.compile(rf"\b(?P<name>(?:{_NAME}(?<!['’]s)\s+)?{_NAME}?)"
                      r"(?P<adj>skyi|skyy|skiy|skii|sky|ska|ske|ivskyi)?"
                      r"\s+(?:(?:territorial|urban|rural|village|settlement|municipal)\s+)?"
                      r"(?P<kind>district|raion|community|hromada|municipality)\b")
DISTRICT_WORDS = ("district", "raion", "community", "hromada", "municipality")  # what DISTRICT needs, as written
_COMMUNITY_WORDS = ("community", "hromada", "municipality")
_RUSSIAN = ("skiy", "skii")  # the Russian adjective's ending, as wire and ACLED spell it
# a district adjective's ending, Russian or Ukrainian spelling: Sudzhan|skiy, Pokrov|skyi
_ADJECTIVE_END = re.compile(r"sk(?:iy|yi|yy|ii|ij|y|i)$")


def level(kind: str) -> str:
    """The register's level a district word names: a community is a hromada, a district a raion."""
    return "hromada" if kind in _COMMUNITY_WORDS else "raion"


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


def district_town(gazetteer: "Gazetteer", name: str, adjective: str | None, region: str = "") -> Place | None:
    """The town a district is named after (inside the region, when one is given): of the names
    its adjective may come from, the biggest town ('Pokrovskyi': Pokrovsk, not Pokrov), in
    Ukraine or Russia first ('Borisovskiy': Borisovka, Belgorod, not Belarus's Borisov)."""
    curated = district_centre(gazetteer, name, region) if adjective in _RUSSIAN else None
    if curated is not None:  # 'Krasnoyaruzhskiy': Krasnaya Yaruga
        return curated
    if adjective == "ske":  # a neuter word is a town's own name: 'Pokrovske community'
        town = gazetteer.resolve(name + adjective, kinds=(CITY,), within=region)
        if town is not None and town.kind == CITY:
            return town
    towns = [gazetteer.resolve(base, kinds=(CITY,), within=region) for base in district_bases(name, adjective)]
    # a district is named after a town of some size: not a village only the register or the post
    # codes know ('the Darnytskyi district' of Kyiv is no village Darnytske in Volyn)
    return max((t for t in towns if t is not None and t.kind == CITY and t.layer not in MINOR_LAYERS), default=None,
               key=lambda t: (t.country in DOMAIN_COUNTRIES, t.population))


def district_centre(gazetteer: "Gazetteer", stem: str, region: str = "") -> Place | None:
    """The administrative centre of a Russian border district, by the stem of its adjective
    ('Krasnoyaruzh' of Krasnoyaruzhskiy: Krasnaya Yaruga), from the curated districts.csv:
    Belgorod, Kursk and Bryansk regions have no register in any package, and a third of
    their districts are not named after their centre's plain spelling."""
    for admin1, centre in _curated_districts().get(skeleton(stem), ()):
        if not region or admin1 == region:
            town = gazetteer.resolve(centre, kinds=(CITY,), within=admin1)
            return town if town is not None and town.kind == CITY else None
    return None


@cache
def _curated_districts() -> dict[str, list[tuple[str, str]]]:
    """districts.csv by the spelling skeleton of each district's stem: (admin1, centre)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in read_table("districts.csv"):
        out.setdefault(skeleton(_ADJECTIVE_END.sub("", row["district"])), []).append((row["admin1"], row["centre"]))
    return out
