"""Loading events for the dashboard: seeds (extracted), or an events CSV (ours or ACLED's)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.acled import from_acled, is_acled
from geo.contract import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class EventsFileError(Exception):
    """An events file that cannot be shown; the message names the reason."""


def normalise(df: pd.DataFrame) -> pd.DataFrame:
    """Contract columns in order with usable dtypes; rows without coordinates dropped."""
    df = df.copy()
    for col in COLUMNS:
        if col not in df:
            df[col] = None
    df = df[list(COLUMNS) + [c for c in df.columns if c not in COLUMNS]]
    for col in INTEGER_COLUMNS:
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    for col in FLOAT_COLUMNS:
        df[col] = pd.to_numeric(df[col], errors="coerce")
    df["event_date"] = pd.to_datetime(df["event_date"], errors="coerce")
    text_cols = [c for c in COLUMNS if c not in INTEGER_COLUMNS + FLOAT_COLUMNS + ("event_date",)]
    for col in text_cols:
        df[col] = df[col].fillna("").astype(str)
    return df.dropna(subset=["latitude", "longitude", "event_date"]).reset_index(drop=True)


def load_events_csv(path, name: str | None = None) -> pd.DataFrame:
    """An events CSV (a path or a file-like upload): our contract or ACLED's export columns."""
    name = name or str(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise EventsFileError(f"{name}: cannot read events CSV: {str(e).splitlines()[0]}") from None
    path = name
    if is_acled(raw.columns):
        raw = from_acled(raw)
    missing = {"event_date", "latitude", "longitude"} - set(raw.columns)
    if missing:
        raise EventsFileError(f"{path}: not an events CSV (missing {', '.join(sorted(missing))})")
    return normalise(raw)


def store_events(target: str | None = None) -> tuple[pd.DataFrame, list[str], str]:
    """The store's events (GEO_DB, default data/events.db); an empty store first ingests
    seeds/ so a first start shows the seed. Raises geo.store.StoreError when unreachable."""
    from geo.ingest import ingest_paths
    from geo.store import EventStore
    store = EventStore(target)
    problems: list[str] = []
    counts = store.counts()
    if counts["articles"] == 0 and counts["events"] == 0:
        ingest_paths(store, [str(SEEDS)], report=problems.append)
    return normalise(pd.DataFrame(store.events(), columns=list(COLUMNS))), problems, store._safe_url()


def store_version(target: str | None = None) -> tuple:
    """Changes whenever the store does (new articles, imports, edits): the cache key."""
    from geo.store import EventStore
    store = EventStore(target)
    return (store.url, *store.counts().values())
