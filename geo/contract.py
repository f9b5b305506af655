"""The event contract: column names and order shared by CLI, store, dashboard and export."""
from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, fields
from typing import IO, Iterable

COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "weapon",
    "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "injuries", "article_id", "source", "notes",
)
INTEGER_COLUMNS = ("time_precision", "geo_precision", "fatalities", "injuries")
FLOAT_COLUMNS = ("latitude", "longitude")


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
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value) -> str:
    """Text that a spreadsheet shows instead of executing; numbers pass unchanged."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "" if value != value else str(value)  # NaN -> empty
    text = str(value)
    if text.startswith(_FORMULA_PREFIXES):
        try:
            float(text)
            return text  # a negative number stays a number
        except ValueError:
            return "'" + text
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
