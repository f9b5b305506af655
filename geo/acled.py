"""ACLED export rows -> the event contract (so ACLED's data opens beside ours)."""
from __future__ import annotations

import re

import pandas as pd

from .contract import COLUMNS

# ACLED sub-event types -> our weapon classes, where the type says it.
_SUB_TO_WEAPON = {"Air/drone strike": "air", "Shelling/artillery/missile attack": "artillery",
                  "Armed clash": "ground"}
_WEAPON_WORDS = [(re.compile(r"\bdrones?\b|\bUAVs?\b", re.I), "drone"),
                 (re.compile(r"\bmissiles?\b", re.I), "missile")]


def is_acled(columns) -> bool:
    return "event_id_cnty" in set(columns)


def _weapon(sub_event_type: str, notes: str) -> str:
    for pattern, weapon in _WEAPON_WORDS:
        if pattern.search(notes or ""):
            return weapon
    return _SUB_TO_WEAPON.get(sub_event_type, "")


def _admin1(name: str) -> str:
    """ACLED writes 'Kharkiv'; the contract writes 'Kharkiv Oblast'."""
    name = (name or "").strip()
    if not name or re.search(r"\b(Oblast|City|Krai|Republic|Okrug|Crimea|Sevastopol)\b", name):
        return name
    return "Kyiv City" if name == "Kyiv City" else f"{name} Oblast"


def from_acled(df: pd.DataFrame) -> pd.DataFrame:
    """An ACLED export frame as contract columns (injuries unknown: ACLED does not code them)."""
    out = pd.DataFrame(index=df.index)
    get = lambda c: df[c] if c in df else pd.Series([""] * len(df), index=df.index)  # noqa: E731
    out["event_id"] = get("event_id_cnty").astype(str)
    out["event_date"] = pd.to_datetime(get("event_date"), format="mixed", errors="coerce",
                                       dayfirst=True).dt.strftime("%Y-%m-%d")
    for col in ("time_precision", "event_type", "sub_event_type", "actor1", "actor2", "location",
                "latitude", "longitude", "geo_precision", "source", "notes", "fatalities"):
        out[col] = get(col)
    out["weapon"] = [_weapon(s, n) for s, n in zip(get("sub_event_type").fillna(""), get("notes").fillna(""))]
    iso = {"Ukraine": "UA", "Russia": "RU", "Belarus": "BY", "Moldova": "MD"}
    out["country"] = get("country").map(lambda c: iso.get(c, c))
    out["admin1"] = get("admin1").fillna("").map(_admin1)
    out["injuries"] = None
    out["article_id"] = ""
    return out[list(COLUMNS)]
