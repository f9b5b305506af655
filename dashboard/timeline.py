"""The timeline: events, killed and wounded in named bins that follow the span shown, one
chart (Altair) whose period can be brushed, and the steps a play-through walks."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import altair as alt
import pandas as pd

BRUSH = "period"  # the chart's selection: the brushed period


@dataclass(frozen=True)
class Bins:
    rule: str  # pandas offset alias
    name: str  # what one bin is, in words
    label: str  # strftime of a bin's start in tooltips and the play caption


# Spans (days) up to which each bin size is used: a chart of 30 to 150 bars stays readable.
BIN_SIZES = ((62, Bins("D", "day", "%d %b %Y")),
             (550, Bins("W-MON", "week (Monday to Sunday)", "week of %d %b %Y")),
             (3660, Bins("MS", "month", "%B %Y")),
             (None, Bins("QS", "quarter", "quarter from %b %Y")))

COLOURS = {"killed": "#b2182b", "wounded": "#ef8a62", "events": "#9e9e9e"}  # the same in every chart


def bins_for(start: date, end: date) -> Bins:
    span = (end - start).days
    return next(b for limit, b in BIN_SIZES if limit is None or span <= limit)


def _bin_starts(rule: str, start: date, end: date) -> pd.DatetimeIndex:
    first = pd.Timestamp(start)
    if rule == "W-MON":
        first -= pd.Timedelta(days=first.weekday())
    elif rule == "MS":
        first = first.replace(day=1)
    elif rule == "QS":
        first = first.replace(day=1, month=3 * ((first.month - 1) // 3) + 1)
    freq = {"W-MON": "W-MON", "MS": "MS", "QS": "QS", "D": "D"}[rule]
    return pd.date_range(first, pd.Timestamp(end), freq=freq)


def timeline(df: pd.DataFrame, bins: Bins, start: date, end: date) -> pd.DataFrame:
    """One row per bin from start to end (empty bins too): its start, end, label and figures."""
    starts = _bin_starts(bins.rule, start, end)
    cut = pd.cut(df["event_date"], bins=list(starts) + [starts[-1] + _one(bins.rule)], right=False,
                 labels=False) if len(starts) else pd.Series(dtype=float)
    g = df.groupby(cut)
    out = pd.DataFrame({"period": starts})
    out["period_end"] = [s + _one(bins.rule) - pd.Timedelta(days=1) for s in starts]
    out["label"] = [s.strftime(bins.label) for s in starts]
    for name, values in (("events", g.size()), ("killed", g["fatalities"].sum(min_count=1)),
                         ("wounded", g["injuries"].sum(min_count=1))):
        out[name] = values.reindex(range(len(starts))).to_numpy()
    out["events"] = out["events"].fillna(0).astype(int)
    return out


def _one(rule: str) -> pd.DateOffset:
    return {"D": pd.DateOffset(days=1), "W-MON": pd.DateOffset(weeks=1), "MS": pd.DateOffset(months=1),
            "QS": pd.DateOffset(months=3)}[rule]


def chart(tl: pd.DataFrame, bins: Bins, known: dict[str, bool]) -> alt.LayerChart:
    """Events as bars (left axis) and killed/wounded as lines (right axis), on one time axis;
    dragging across it brushes a period."""
    brush = alt.selection_interval(name=BRUSH, encodings=["x"])
    x = alt.X("period:T", title=None, axis=alt.Axis(format="%b %Y" if bins.rule != "D" else "%d %b"))
    people = [f for f in ("killed", "wounded") if known[f]]  # a figure the source lacks is not drawn as 0
    tip = [alt.Tooltip("label:N", title=bins.name.split(" ")[0]), alt.Tooltip("events:Q"),
           *[alt.Tooltip(f"{f}:Q") for f in people]]
    bars = alt.Chart(tl).mark_bar(color=COLOURS["events"], opacity=0.75).encode(
        x=x, y=alt.Y("events:Q", title=f"events per {bins.name.split(' ')[0]}"), tooltip=tip,
    ).add_params(brush)
    layers = [bars]
    if people:
        lines = alt.Chart(tl).transform_fold(people, as_=["figure", "people"]).mark_line(point=True).encode(
            x=x, y=alt.Y("people:Q", title="people"),
            color=alt.Color("figure:N", scale=alt.Scale(domain=people, range=[COLOURS[f] for f in people]),
                            legend=alt.Legend(orient="top", title=None)),
            tooltip=tip)
        layers.append(lines)
    return alt.layer(*layers).resolve_scale(y="independent").properties(
        height=220, title=alt.Title(f"Per {bins.name}", anchor="start", fontSize=13))


def brushed(selection) -> tuple[date, date] | None:
    """The brushed period from st.altair_chart's selection state, as dates."""
    try:
        values = selection["selection"][BRUSH]["period"]
    except (KeyError, TypeError):
        return None
    if not values or len(values) != 2:
        return None
    days = sorted(_to_date(v) for v in values)
    return days[0], days[1]


def _to_date(value) -> date:
    if isinstance(value, (int, float)):  # Vega-Lite sends epoch milliseconds
        return datetime.fromtimestamp(value / 1000, tz=timezone.utc).date()
    return pd.Timestamp(value).date()


def play_steps(bins: Bins, start: date, end: date) -> list[tuple[date, date, str]]:
    """The periods a play-through shows in turn: each bin of the range, clipped to it."""
    steps = []
    for s in _bin_starts(bins.rule, start, end):
        first = max(s.date(), start)
        last = min((s + _one(bins.rule) - timedelta(days=1)).date(), end)
        steps.append((first, last, s.strftime(bins.label)))
    return steps
