"""Pure functions behind the dashboard: filters, summaries and the export of visible rows."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from geo.contract import COLUMNS, csv_text


@dataclass
class Filters:
    start: date | None = None
    end: date | None = None
    regions: list[str] = field(default_factory=list)  # empty: all
    event_types: list[str] = field(default_factory=list)  # empty: all


def options(df: pd.DataFrame, column: str) -> list[str]:
    return sorted(v for v in df[column].dropna().unique() if v)


def date_bounds(df: pd.DataFrame) -> tuple[date, date]:
    if df.empty:
        today = date.today()
        return today, today
    return df["event_date"].min().date(), df["event_date"].max().date()


def apply_filters(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    mask = pd.Series(True, index=df.index)
    if f.start:
        mask &= df["event_date"] >= pd.Timestamp(f.start)
    if f.end:
        mask &= df["event_date"] <= pd.Timestamp(f.end)
    if f.regions:
        mask &= df["admin1"].isin(f.regions)
    if f.event_types:
        mask &= df["event_type"].isin(f.event_types)
    return df[mask]


def totals(df: pd.DataFrame) -> dict[str, int]:
    return {"events": int(len(df)), "killed": int(df["fatalities"].fillna(0).sum()),
            "wounded": int(df["injuries"].fillna(0).sum())}


def by_region(df: pd.DataFrame) -> pd.DataFrame:
    """Events, killed and wounded per region, most killed first."""
    if df.empty:
        return pd.DataFrame(columns=["region", "events", "killed", "wounded"])
    g = df.assign(region=df["admin1"].replace("", "(unknown)")).groupby("region")
    out = pd.DataFrame({"events": g.size(), "killed": g["fatalities"].sum(min_count=0).astype(int),
                        "wounded": g["injuries"].sum(min_count=0).astype(int)}).reset_index()
    return out.sort_values(["killed", "events"], ascending=False, ignore_index=True)


def export_rows(df: pd.DataFrame) -> list[dict]:
    """Visible events as contract rows (dates back to ISO, missing counts empty)."""
    out = df[list(COLUMNS)].copy()
    out["event_date"] = out["event_date"].dt.strftime("%Y-%m-%d")
    records = out.astype(object).where(out.notna(), None).to_dict("records")
    return records


def export_csv(df: pd.DataFrame) -> str:
    """Exactly the visible events, contract column order, spreadsheet-formula safe."""
    return csv_text(export_rows(df))
