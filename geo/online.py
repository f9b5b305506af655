"""Opt-in online geocoding: geopy's Nominatim, rate-limited and cached, offline on failure.

Never the default (the project works offline). Nominatim's usage policy allows one
request a second, so calls go through geopy's RateLimiter; answers are cached on
disk so a place is asked for once; when the service cannot be reached the offline
gazetteer answers and a warning says so.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import warnings
from pathlib import Path

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.location import Location

from .geocoder import OfflineGeocoder

USER_AGENT = "geo-events (offline-first war events mapper)"


class OnlineFallbackWarning(UserWarning):
    """The online geocoder failed; the offline answer was used."""


class CachedOnlineGeocoder:
    """Nominatim through a RateLimiter with an SQLite cache; OfflineGeocoder when it fails."""

    def __init__(self, cache_file: str | Path | None = None, domain: str = "nominatim.openstreetmap.org",
                 scheme: str = "https", min_delay_seconds: float = 1.0, timeout: float = 5.0,
                 offline: OfflineGeocoder | None = None):
        self.nominatim = Nominatim(user_agent=USER_AGENT, domain=domain, scheme=scheme, timeout=timeout)
        self._geocode = RateLimiter(self.nominatim.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=1, swallow_exceptions=False)
        self.offline = offline or OfflineGeocoder()
        path = Path(cache_file or os.path.join(os.environ.get("GEO_CACHE_DIR") or
                                               os.path.expanduser("~/.cache/geo-events"),
                                               "nominatim-cache.sqlite"))
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS answers (query TEXT PRIMARY KEY, answer TEXT)")
        self._lock = threading.Lock()

    def _cached(self, query: str):
        with self._lock:
            row = self._db.execute("SELECT answer FROM answers WHERE query = ?", (query,)).fetchone()
        if row is None:
            return False, None
        data = json.loads(row[0])
        if data is None:
            return True, None
        return True, Location(data["address"], (data["latitude"], data["longitude"]), data["raw"])

    def _store(self, query: str, loc: Location | None) -> None:
        data = None if loc is None else {"address": loc.address, "latitude": loc.latitude,
                                         "longitude": loc.longitude, "raw": loc.raw}
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (query, json.dumps(data)))

    def geocode(self, query: str, context: str = "") -> Location | None:
        hit, loc = self._cached(query)
        if hit:
            return loc
        try:
            loc = self._geocode(query)
        except GeopyError as e:
            warnings.warn(f"online geocoder unreachable ({type(e).__name__}); "
                          f"offline answer used for {query!r}", OnlineFallbackWarning, stacklevel=2)
            return self.offline.geocode(query, context=context)
        self._store(query, loc)
        return loc
