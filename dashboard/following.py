"""When the data changes under a session (an added article, an import, another upload),
the filters follow it: the date range and the options are recomputed, values that no
longer exist are dropped, the default display mode follows the size, and the session is
told when its filters hide rows that just arrived.

Plain functions over a dict of widget values (st.session_state in the app)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from .filtering import LIST_FILTERS, date_bounds, options
from .mapview import default_mode

# Widget keys (the URL parameters too) of the list filters, in LIST_FILTERS' order.
LIST_KEYS = {"countries": "country", "regions": "region", "event_types": "type", "sub_types": "subtype",
             "weapons": "weapon", "actors": "actor"}


@dataclass
class Seen:
    """What a session last saw: the data's version, bounds and rows (as id hashes)."""
    version: tuple
    bounds: tuple[date, date]
    ids: np.ndarray
    new_ids: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64))


def id_hashes(df: pd.DataFrame) -> np.ndarray:
    """Sorted 64-bit hashes of the event ids: 8 bytes an event, enough to spot new rows."""
    return np.sort(pd.util.hash_array(df["event_id"].to_numpy(dtype=object)))


def follow(state: dict, events: pd.DataFrame, version: tuple, seen: Seen | None,
           keep_dates: bool = False, ids: np.ndarray | None = None) -> Seen:
    """Bring the widget values in `state` in line with `events`; returns what is now seen.
    keep_dates: the dates come from a shared link (the widget reads them itself);
    ids: id_hashes(events), when already known."""
    lo, hi = date_bounds(events)
    ids = id_hashes(events) if ids is None else ids
    picked = state.get("dates")
    full_before = seen is None or _covers(picked, seen.bounds)
    if keep_dates:
        pass
    elif not isinstance(picked, (tuple, list)) or len(picked) != 2 or full_before:
        state["dates"] = (lo, hi)  # the whole span, old or new
    else:
        start, end = max(picked[0], lo), min(picked[1], hi)
        state["dates"] = (start, end) if start <= end else (lo, hi)
    for attr, key in LIST_KEYS.items():
        if state.get(key):
            available = set(options(events, LIST_FILTERS[attr]))
            state[key] = [v for v in state[key] if v in available]
    if not state.get("mode_chosen"):
        state["mode"] = default_mode(len(events))
    new = np.setdiff1d(ids, seen.ids, assume_unique=False) if seen is not None else np.empty(0, np.uint64)
    return Seen(version, (lo, hi), ids, new)


def _covers(picked, bounds: tuple[date, date]) -> bool:
    return isinstance(picked, (tuple, list)) and len(picked) == 2 and tuple(picked) == tuple(bounds)


def hidden_new(seen: Seen, visible: pd.DataFrame) -> int:
    """How many of the rows that arrived with the last data change the filters hide."""
    if not len(seen.new_ids):
        return 0
    shown = np.isin(seen.new_ids, pd.util.hash_array(visible["event_id"].to_numpy(dtype=object)))
    return int((~shown).sum())
