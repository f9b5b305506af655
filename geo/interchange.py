"""Events out of the store: contract CSV (plus provenance columns), ACLED-ordered CSV, GeoJSON;
and events CSVs (ours or ACLED's) into contract rows."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from .acled import from_acled, is_acled
from .contract import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, write_csv

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
                 "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
                 "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
                 "source_scale", "notes", "fatalities", "tags", "timestamp")
_COUNTRY = {"UA": ("Ukraine", 804), "RU": ("Russia", 643), "BY": ("Belarus", 112), "MD": ("Moldova", 498),
            "PL": ("Poland", 616), "RO": ("Romania", 642)}
_INTER = {"Military Forces": "State forces", "Civilians": "Civilians"}
PROVENANCE = ("number_of_sources", "reviewed", "false_positive")


def _inter(actor: str) -> str:
    return next((v for k, v in _INTER.items() if actor.startswith(k)), "")


def to_acled(row: dict) -> dict:
    """One stored event in ACLED's export columns (dates as ACLED writes them)."""
    d = date.fromisoformat(row["event_date"])
    country, iso = _COUNTRY.get(row["country"], (row["country"], ""))
    admin1 = row["admin1"].removesuffix(" Oblast")
    disorder = "Strategic developments" if row["event_type"] == "Strategic developments" else "Political violence"
    return {"event_id_cnty": row["event_id"], "event_date": f"{d.day} {d:%B %Y}", "year": d.year,
            "time_precision": row["time_precision"], "disorder_type": disorder,
            "event_type": row["event_type"], "sub_event_type": row["sub_event_type"],
            "actor1": row["actor1"], "assoc_actor_1": "", "inter1": _inter(row["actor1"]),
            "actor2": row["actor2"], "assoc_actor_2": "", "inter2": _inter(row["actor2"]),
            "interaction": "", "civilian_targeting": "Civilian targeting" if row["actor2"].startswith("Civilians") else "",
            "iso": iso, "region": "Europe", "country": country, "admin1": admin1, "admin2": "", "admin3": "",
            "location": row["location"], "latitude": row["latitude"], "longitude": row["longitude"],
            "geo_precision": row["geo_precision"], "source": row["source"], "source_scale": "",
            "notes": row["notes"], "fatalities": row["fatalities"] or 0,
            "tags": "reviewed" if row.get("reviewed") else "", "timestamp": ""}


def write_events(rows: list[dict], out, fmt: str = "csv") -> int:
    if fmt == "acled":
        return write_csv((to_acled(r) for r in rows), out, ACLED_COLUMNS)
    if fmt == "geojson":
        features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                     "properties": {c: r.get(c) for c in (*COLUMNS, *PROVENANCE)}} for r in rows]
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
        return len(features)
    return write_csv(rows, out, (*COLUMNS, *PROVENANCE))


def read_events_csv(path: Path) -> list[dict]:
    """Contract rows from our CSV or an ACLED export of any vintage (BOM, CRLF, extra or
    missing columns, '15 April 2022' or ISO dates, inter codes as numbers or text)."""
    import pandas as pd
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if is_acled(raw.columns):
        raw = from_acled(raw)
    missing = {"event_id", "event_date", "latitude", "longitude"} - set(raw.columns)
    if missing:
        raise ValueError(f"not an events CSV (missing {', '.join(sorted(missing))})")
    rows = []
    for rec in raw.to_dict("records"):
        row = {}
        for c in COLUMNS:
            v = rec.get(c, "")
            v = "" if v is None or (isinstance(v, float) and v != v) else v
            if c in INTEGER_COLUMNS:
                row[c] = int(float(v)) if str(v).strip() not in ("", "nan") else None
            elif c in FLOAT_COLUMNS:
                row[c] = float(v) if str(v).strip() not in ("", "nan") else None
            elif c == "event_date":
                row[c] = pd.to_datetime(v, format="mixed").date().isoformat() if v else ""
            else:
                row[c] = str(v)
        if row["event_id"] and row["event_date"] and row["latitude"] is not None:
            rows.append(row)
    return rows

