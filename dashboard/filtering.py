"""Pure functions behind the dashboard: filters, summaries, the timeline and exports."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

# Filter fields that hold lists of values, with the column each one filters.
LIST_FILTERS = {"countries": "country", "regions": "admin1", "event_types": "event_type",
                "sub_types": "sub_event_type", "weapons": "weapon", "actors": "actor1"}


@dataclass
class Filters:
    start: date | None = None
    end: date | None = None
    countries: list[str] = field(default_factory=list)  # each list: empty means all
    regions: list[str] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    sub_types: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)  # matches actor1 or actor2
    min_casualties: int = 0  # killed + wounded
    text: str = ""  # words that must all appear in the evidence, place or source


def options(df: pd.DataFrame, column: str) -> list[str]:
    if column == "actor1":
        values = pd.concat([df["actor1"], df["actor2"]])
    else:
        values = df[column]
    return sorted(v for v in values.dropna().unique() if v)


def date_bounds(df: pd.DataFrame) -> tuple[date, date]:
    if df.empty:
        today = date.today()
        return today, today
    return df["event_date"].min().date(), df["event_date"].max().date()


def casualties(df: pd.DataFrame) -> pd.Series:
    return df["fatalities"].astype("Float64").fillna(0) + df["injuries"].astype("Float64").fillna(0)


def apply_filters(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    mask = pd.Series(True, index=df.index)
    if f.start:
        mask &= df["event_date"] >= pd.Timestamp(f.start)
    if f.end:
        mask &= df["event_date"] <= pd.Timestamp(f.end)
    for attr, column in LIST_FILTERS.items():
        wanted = getattr(f, attr)
        if wanted:
            hit = df[column].isin(wanted)
            if attr == "actors":
                hit |= df["actor2"].isin(wanted)
            mask &= hit
    if f.min_casualties:
        mask &= casualties(df) >= f.min_casualties
    for word in f.text.split():
        pattern = re.escape(word)
        mask &= (df["notes"].str.contains(pattern, case=False, regex=True)
                 | df["location"].str.contains(pattern, case=False, regex=True)
                 | df["source"].str.contains(pattern, case=False, regex=True))
    return df[mask]


def within_bounds(df: pd.DataFrame, bounds: tuple[float, float, float, float] | None) -> pd.DataFrame:
    """Events inside (south, west, north, east); all of them without bounds."""
    if not bounds:
        return df
    s, w, n, e = bounds
    return df[(df["latitude"] >= s) & (df["latitude"] <= n)
              & (df["longitude"] >= w) & (df["longitude"] <= e)]


def totals(df: pd.DataFrame) -> dict[str, int]:
    return {"events": int(len(df)), "killed": int(df["fatalities"].fillna(0).sum()),
            "wounded": int(df["injuries"].fillna(0).sum())}


def previous_period(f: Filters, lo: date, hi: date) -> Filters | None:
    """The same filters over the period of equal length just before the selected one."""
    start, end = f.start or lo, f.end or hi
    days = (end - start).days + 1
    prev = Filters(**{**f.__dict__, "start": start - timedelta(days=days),
                      "end": start - timedelta(days=1)})
    return prev


def deltas(now: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    return {k: now[k] - before.get(k, 0) for k in now}


def _grouped(df: pd.DataFrame, key: str, label: str) -> pd.DataFrame:
    if df.empty:
        return pd.DataFrame(columns=[label, "events", "killed", "wounded"])
    g = df.assign(**{label: df[key].replace("", "(unknown)")}).groupby(label)
    out = pd.DataFrame({"events": g.size(), "killed": g["fatalities"].sum(min_count=0).astype(int),
                        "wounded": g["injuries"].sum(min_count=0).astype(int)}).reset_index()
    return out.sort_values(["killed", "events"], ascending=False, ignore_index=True)


def by_region(df: pd.DataFrame) -> pd.DataFrame:
    """Events, killed and wounded per region, most killed first."""
    return _grouped(df, "admin1", "region")


def by_type(df: pd.DataFrame) -> pd.DataFrame:
    return _grouped(df, "event_type", "event type")


def timeline(df: pd.DataFrame, freq: str = "auto") -> pd.DataFrame:
    """Events, killed and wounded per day or week (weekly when the span exceeds ~4 months)."""
    if df.empty:
        return pd.DataFrame(columns=["period", "events", "killed", "wounded"])
    span = (df["event_date"].max() - df["event_date"].min()).days
    rule = ("W-MON" if span > 120 else "D") if freq == "auto" else freq
    g = df.set_index("event_date").resample(rule, label="left", closed="left")
    out = pd.DataFrame({"events": g.size(), "killed": g["fatalities"].sum(min_count=0).astype(int),
                        "wounded": g["injuries"].sum(min_count=0).astype(int)})
    return out.rename_axis("period").reset_index()
