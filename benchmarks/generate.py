"""Realistic synthetic events for benchmarks: the shape of ACLED-style data, not of a toy.

Events sit at distinct coordinates, jittered (about a kilometre) around the real villages
and towns of the regions along the front, as hand-coded data does (thousands of villages,
not a few hundred towns); a small share is coded to the region only and sits on the
region's centre, stacked, as ACLED codes them. Notes are full sentences of realistic length.

usage: python benchmarks/generate.py N OUT.csv
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.contract import COLUMNS  # noqa: E402
from geo.gazetteer import CITY, REGION, Gazetteer  # noqa: E402

# Relative weight of each region in the events (roughly where fighting is reported).
FRONT = {"Donetsk Oblast": 10, "Kharkiv Oblast": 6, "Zaporizhzhia Oblast": 5, "Kherson Oblast": 4,
         "Luhansk Oblast": 3, "Dnipropetrovsk Oblast": 3, "Sumy Oblast": 3, "Mykolaiv Oblast": 1,
         "Kyiv City": 1, "Odesa Oblast": 1, "Chernihiv Oblast": 1, "Belgorod Oblast": 2, "Kursk Oblast": 2}
TYPES = [("Explosions/Remote violence", "Shelling/artillery/missile attack", "artillery", 60),
         ("Explosions/Remote violence", "Air/drone strike", "drone", 20),
         ("Battles", "Armed clash", "ground", 15),
         ("Strategic developments", "Disrupted weapons use", "", 5)]
ACTORS = [("Military Forces of Russia (2000-)", "Civilians (Ukraine)", 55),
          ("Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)", 30),
          ("Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)", 15)]
SOURCES = ["Ukrinform", "Suspilne", "Ukrainska Pravda", "Kyiv Independent", "Ministry of Defence of Ukraine",
           "Regional military administration", "Telegram channel", "RIA Novosti", "TASS", "Meduza"]
REGION_LEVEL_SHARE = 0.02  # coded to the region only (geo_precision 3)
JITTER_DEG = 0.01  # about a kilometre around the village's point


def _places(g: Gazetteer):
    towns = [p for p in g.places(CITY, ("UA", "RU")) if p.admin1 in FRONT and p.geo_precision == 1]
    regions = {p.name: p for p in g.places(REGION, ("UA", "RU")) if p.name in FRONT}
    return towns, regions


def generate(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    towns, regions = _places(Gazetteer.load())
    # each town drawn by its region's weight, spread over the region's villages
    per_region = pd.Series([t.admin1 for t in towns]).value_counts()
    weights = np.array([FRONT[t.admin1] / per_region[t.admin1] for t in towns])
    pick = rng.choice(len(towns), n, p=weights / weights.sum())
    lat = np.array([t.latitude for t in towns])[pick] + rng.normal(0, JITTER_DEG, n)
    lon = np.array([t.longitude for t in towns])[pick] + rng.normal(0, JITTER_DEG * 1.5, n)
    location = np.array([t.name for t in towns], dtype=object)[pick]
    admin1 = np.array([t.admin1 for t in towns], dtype=object)[pick]
    country = np.array([t.country for t in towns], dtype=object)[pick]
    precision = np.ones(n, dtype=int)
    region_level = rng.random(n) < REGION_LEVEL_SHARE
    for i in np.flatnonzero(region_level):
        r = regions[admin1[i]]
        lat[i], lon[i], location[i], precision[i] = r.latitude, r.longitude, r.name, 3
    types = rng.choice(len(TYPES), n, p=_shares(TYPES))
    actors = rng.choice(len(ACTORS), n, p=_shares(ACTORS))
    start = np.datetime64("2022-02-24")
    days = rng.integers(0, (np.datetime64("2025-12-31") - start).astype(int), n)
    dates = (start + days).astype(str)
    killed = rng.choice([0, 1, 2, 3, 5, 10], n, p=[.70, .12, .07, .05, .04, .02])
    wounded = rng.choice([0, 0, 1, 2, 4, 9], n)
    sources = np.array(SOURCES, dtype=object)[rng.integers(0, len(SOURCES), n)]
    frame = pd.DataFrame({
        "event_id": [f"BENCH{i}" for i in range(n)], "event_date": dates, "time_precision": 1,
        "event_type": [TYPES[t][0] for t in types], "sub_event_type": [TYPES[t][1] for t in types],
        "weapon": [TYPES[t][2] for t in types],
        "actor1": [ACTORS[a][0] for a in actors], "actor2": [ACTORS[a][1] for a in actors],
        "country": country, "admin1": admin1, "location": location,
        "latitude": lat.round(5), "longitude": lon.round(5), "geo_precision": precision,
        "fatalities": killed, "injuries": wounded, "article_id": [f"a{i // 5}" for i in range(n)],
        "source": sources,
    })
    frame["notes"] = [_note(d, TYPES[t][1], loc, a1, k, w) for d, t, loc, a1, k, w in zip(
        dates, types, location, admin1, killed, wounded)]
    return frame[list(COLUMNS)]


def _shares(table) -> np.ndarray:
    w = np.array([row[-1] for row in table], dtype=float)
    return w / w.sum()


def _note(day: str, sub: str, place: str, region: str, killed: int, wounded: int) -> str:
    """A sentence shaped like a coder's note (ACLED's run to about 250 characters)."""
    toll = (f"{killed} civilians were killed and {wounded} injured" if killed or wounded
            else "no casualties were reported")
    return (f"On {day}, Russian forces carried out a {sub.lower()} on and near {place} ({region}), "
            f"damaging residential buildings and power lines; according to local officials, {toll}. "
            f"[size=no report]")


if __name__ == "__main__":
    count, out = int(sys.argv[1]), sys.argv[2]
    generate(count).to_csv(out, index=False)
    print(f"{count:,} events -> {out}")
