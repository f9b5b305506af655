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


def known_counts(df: pd.DataFrame) -> dict[str, bool]:
    """Which casualty figures the source has at all (ACLED's exports have no wounded)."""
    return {"killed": bool(df["fatalities"].notna().any()), "wounded": bool(df["injuries"].notna().any())}


def totals(df: pd.DataFrame, known: dict[str, bool] | None = None) -> dict[str, int | None]:
    """Events, killed and wounded; None (unknown, not 0) for a figure the source lacks."""
    known = known or {"killed": True, "wounded": True}
    return {"events": int(len(df)),
            "killed": int(df["fatalities"].fillna(0).sum()) if known["killed"] else None,
            "wounded": int(df["injuries"].fillna(0).sum()) if known["wounded"] else None}


def previous_period(f: Filters, lo: date, hi: date) -> Filters | None:
    """The same filters over the period of equal length just before the selected one;
    None when the data does not cover that period (a change against nothing misleads)."""
    start, end = f.start or lo, f.end or hi
    days = (end - start).days + 1
    if start - timedelta(days=days) < lo:
        return None
    return Filters(**{**f.__dict__, "start": start - timedelta(days=days), "end": start - timedelta(days=1)})


def deltas(now: dict, before: dict) -> dict[str, int]:
    """now - before for each figure both know."""
    return {k: now[k] - before[k] for k in now if now[k] is not None and before.get(k) is not None}


def picked_range(picked, previous: tuple[date, date] | None) -> tuple[tuple[date, date] | None, str]:
    """The date range to apply from the date picker's value, and a message when it is refused.

    A range applies once both ends are picked (the first click alone keeps the previous
    range); a range whose end lies before its start is refused."""
    if not isinstance(picked, (tuple, list)):
        picked = (picked,) if picked else ()
    if len(picked) < 2 or picked[0] is None or picked[1] is None:
        return previous, ("Pick the end date too: the range applies once both ends are chosen."
                          if len(picked) == 1 else "")
    start, end = picked[0], picked[1]
    if end < start:
        return previous, f"The end date {end} is before the start date {start}: range not applied."
    return (start, end), ""


def _grouped(df: pd.DataFrame, key: str, label: str, known: dict[str, bool] | None = None) -> pd.DataFrame:
    """Events, killed and wounded per group, most killed first (then most events); a figure
    the source lacks stays empty (unknown) rather than 0."""
    known = known or {"killed": True, "wounded": True}
    if df.empty:
        return pd.DataFrame(columns=[label, "events", "killed", "wounded"])
    g = df.assign(**{label: df[key].replace("", "(unknown)")}).groupby(label)
    out = pd.DataFrame({"events": g.size(),
                        "killed": g["fatalities"].sum(min_count=0).astype("Int64"),
                        "wounded": g["injuries"].sum(min_count=0).astype("Int64")}).reset_index()
    for figure, column in (("killed", "killed"), ("wounded", "wounded")):
        if not known[figure]:
            out[column] = pd.NA
    return out.sort_values(["killed", "events"], ascending=False, ignore_index=True, na_position="last")


def by_region(df: pd.DataFrame, known: dict[str, bool] | None = None) -> pd.DataFrame:
    """Events, killed and wounded per region, most killed first."""
    return _grouped(df, "admin1", "region", known)


def by_type(df: pd.DataFrame, known: dict[str, bool] | None = None) -> pd.DataFrame:
    return _grouped(df, "event_type", "event type", known)
