"""What tells an analyst where they are on a map drawn offline: place names and region borders.

- Place labels: region centres and towns from the gazetteer we ship (GeoNames), most
  populous first; the map shows more of them as it zooms in (see js/geo-events.js).
- Region borders: no registry package ships licensed admin-1 polygons, so they are
  derived: the Voronoi cells of the gazetteer's towns, merged per region and clipped by
  the country's outline (Natural Earth). They are approximate (a border runs halfway
  between the last towns on either side), drawn faint and labelled so on the map.

The result is one JSON file (outlines, borders, labels) built once, cached on disk and
served as a static file, so a rerun of the dashboard does not send it again.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from geo.gazetteer import CITY, REGION, Gazetteer
from geo.settings import cache_dir

from .basemap import BBOX, country_outlines

VERSION = 2
REGION_COUNTRIES = ("UA", "RU")  # the countries whose regions the gazetteer knows
# Towns worth a label: villages too where the war is, larger towns elsewhere.
LABEL_MIN_POPULATION = {"UA": 500, "RU": 2000, "BY": 5000, "MD": 5000}
LABEL_MIN_ELSEWHERE = 30000
PART_OF_KM = 8  # a place this close to a bigger one is a part of it
BORDER_TOLERANCE_DEG = 0.01  # ~1 km: the borders are approximate anyway
REGION_LABEL, TOWN_LABEL = 1, 0


def _inside(lat: float, lon: float, margin: float = 0.0) -> bool:
    lon_min, lat_min, lon_max, lat_max = BBOX
    return lon_min - margin <= lon <= lon_max + margin and lat_min - margin <= lat <= lat_max + margin


def place_labels(gazetteer: Gazetteer) -> list[list]:
    """[name, lat, lon, population, kind] for every labelled place, most populous first
    (regions first at equal weight: the map places labels greedily in this order)."""
    towns = _without_city_parts([p for p in gazetteer.places(CITY) if _inside(p.latitude, p.longitude)
                                 and p.geo_precision == 1  # a point of its own, not its hromada's centre
                                 and p.population >= LABEL_MIN_POPULATION.get(p.country, LABEL_MIN_ELSEWHERE)])
    labels = [[p.name, round(p.latitude, 4), round(p.longitude, 4), p.population, TOWN_LABEL] for p in towns]
    big = [t for t in towns if t.population >= 100_000]
    for r in gazetteer.places(REGION, REGION_COUNTRIES):
        # a region that is one city (Kyiv City, Sevastopol) is labelled by its town
        city_region = any(r.name in (t.name, f"{t.name} City") and t.km_to(r) < 30 for t in big)
        if _inside(r.latitude, r.longitude) and not city_region:
            labels.append([r.name, round(r.latitude, 4), round(r.longitude, 4), r.population, REGION_LABEL])
    labels.sort(key=lambda row: -row[3])
    return labels


def _without_city_parts(towns: list) -> list:
    """Drop places within PART_OF_KM of a more populous one: GeoNames lists a city's districts
    (Saltivka in Kharkiv) as places of their own, and a label there would hide the city's."""
    kept, grid = [], defaultdict(list)
    for t in sorted(towns, key=lambda p: -p.population):
        cell = (int(t.latitude * 5), int(t.longitude * 5))  # 0.2° cells: neighbours cover 8 km
        near = (o for dy in (-1, 0, 1) for dx in (-1, 0, 1) for o in grid[(cell[0] + dy, cell[1] + dx)])
        if any(t.km_to(o) < PART_OF_KM for o in near):
            continue
        grid[cell].append(t)
        kept.append(t)
    return kept


def region_borders(gazetteer: Gazetteer, outlines: dict | None) -> dict:
    """GeoJSON lines between the regions of each country in REGION_COUNTRIES (approximate)."""
    from shapely.geometry import mapping, shape
    features = []
    countries = {f["properties"]["iso"]: shape(f["geometry"]) for f in (outlines or {}).get("features", [])}
    for code in REGION_COUNTRIES:
        country = countries.get(code)
        if country is None:
            continue
        lines = _internal_borders(gazetteer, code, country)
        if lines is not None and not lines.is_empty:
            features.append({"type": "Feature", "properties": {"country": code},
                             "geometry": _rounded(mapping(lines))})
    return {"type": "FeatureCollection", "features": features}


def _internal_borders(gazetteer: Gazetteer, code: str, country):
    """The borders between regions inside one country: Voronoi cells of its towns, merged."""
    import shapely
    from shapely.geometry import MultiPoint
    seen, points, regions = set(), [], []
    for p in gazetteer.places(CITY, (code,)):
        key = (round(p.latitude, 4), round(p.longitude, 4))
        if p.admin1 and p.geo_precision == 1 and key not in seen and _inside(p.latitude, p.longitude, margin=5):
            seen.add(key)
            points.append((p.longitude, p.latitude))
            regions.append(p.admin1)
    if len(set(regions)) < 2:
        return None
    cells = shapely.voronoi_polygons(MultiPoint(points), extend_to=country.envelope.buffer(1), ordered=True)
    by_region = defaultdict(list)
    for cell, region in zip(cells.geoms, regions):
        by_region[region].append(cell)
    shapes = [shapely.union_all(c).intersection(country) for c in by_region.values()]
    boundaries = shapely.union_all([s.boundary for s in shapes if not s.is_empty])
    inner = boundaries.difference(country.boundary.buffer(0.02))  # the country outline is drawn already
    return inner.simplify(BORDER_TOLERANCE_DEG)


def _rounded(geometry: dict) -> dict:
    def walk(c):
        return [walk(x) for x in c] if isinstance(c[0], (list, tuple)) else [round(c[0], 3), round(c[1], 3)]
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def _cache_file() -> Path:
    from geo.gazetteer.build import source_fingerprint  # a new gazetteer makes a new file
    return cache_dir() / f"orientation-v{VERSION}-{source_fingerprint()}.json"


@lru_cache(maxsize=1)
def orientation_json() -> str:
    """The outlines, borders and labels as one JSON text (built once, then read from disk)."""
    path = _cache_file()
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    gazetteer = Gazetteer.load()
    outlines = country_outlines()
    data = {"outlines": outlines, "borders": region_borders(gazetteer, outlines),
            "labels": place_labels(gazetteer)}
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return text
