"""Geocoders: the offline gazetteer behind geopy's interface, and wrappers for any geopy
geocoder (a disk cache, a fallback), composed the way geopy's RateLimiter wraps a callable.

Online geocoding (Nominatim) is opt-in: `online_geocoder()` chains a rate limit of one
request a second (Nominatim's policy), a disk cache so a place is asked for once, and the
offline answer with a warning when the service cannot be reached.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import warnings
from pathlib import Path
from typing import Callable

from geopy.exc import GeopyError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .gazetteer import Gazetteer, GeoContext, Place
from .gazetteer.answers import ANSWER_COLUMNS, locate
from .gazetteer.answers import answer_row as place_row
from .settings import cache_dir

USER_AGENT = "geo-events (offline-first war events mapper)"


class PlaceLocation(Location):
    """A geopy Location that comes from the gazetteer: it carries its Place."""

    def __init__(self, place: Place):
        address = ", ".join(p for p in (place.name, place.admin1 if place.admin1 != place.name else "",
                                        place.country) if p)
        raw = {"name": place.name, "admin1": place.admin1, "country": place.country,
               "population": place.population, "kind": place.kind, "layer": place.layer,
               "geo_precision": place.geo_precision, "reason": place.reason}
        super().__init__(address, (place.latitude, place.longitude), raw)
        self.place = place


def answer_row(query: str, loc: Location | None) -> dict:
    """One row of `geocode`'s CSV: the gazetteer's fields, or what any other geocoder knows."""
    if loc is None or isinstance(loc, PlaceLocation):
        return place_row(query, loc.place if loc is not None else None)
    row = dict.fromkeys(ANSWER_COLUMNS, "") | {"query": query}
    row.update(location=loc.address.split(",")[0], latitude=loc.latitude, longitude=loc.longitude)
    return row


class OfflineGeocoder(Geocoder):
    """geopy-compatible geocoder backed by the shipped GeoNames gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs):
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or Gazetteer.load()

    def geocode(self, query, *, exactly_one=True, timeout=None, context: str | GeoContext | None = None,
                country_codes=None):
        if exactly_one:
            codes = [country_codes] if isinstance(country_codes, str) else list(country_codes or ())
            place = locate(self.gazetteer, query, context or "", codes)
            return PlaceLocation(place) if place else None
        places = [p for p, _ in self.gazetteer.candidates(str(query))]
        return [PlaceLocation(p) for p in places] or None

    def reverse(self, query, *, exactly_one=True, timeout=None):
        raise NotImplementedError("reverse geocoding is not offered offline")


class CachedGeocoder:
    """Any geocode callable with its answers (found or not) kept in a SQLite file."""

    def __init__(self, geocode: Callable[[str], Location | None], cache_file: str | Path):
        self._geocode = geocode
        path = Path(cache_file)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS answers (query TEXT PRIMARY KEY, answer TEXT)")
        self._lock = threading.Lock()

    def __call__(self, query: str) -> Location | None:
        with self._lock:
            row = self._db.execute("SELECT answer FROM answers WHERE query = ?", (query,)).fetchone()
        if row is not None:
            data = json.loads(row[0])
            return None if data is None else Location(data["address"], (data["latitude"], data["longitude"]),
                                                      data["raw"])
        loc = self._geocode(query)
        data = None if loc is None else {"address": loc.address, "latitude": loc.latitude,
                                         "longitude": loc.longitude, "raw": loc.raw}
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (query, json.dumps(data)))
        return loc


class OnlineFallbackWarning(UserWarning):
    """The online geocoder failed; the offline answer was used."""


class FallbackGeocoder:
    """The primary geocode callable; when it fails (a geopy error), the fallback, with a warning."""

    def __init__(self, primary: Callable[[str], Location | None], fallback: OfflineGeocoder):
        self.primary, self.fallback = primary, fallback

    def geocode(self, query: str, context: str = "") -> Location | None:
        try:
            return self.primary(query)
        except GeopyError as e:
            warnings.warn(f"online geocoder unreachable ({type(e).__name__}); "
                          f"offline answer used for {query!r}", OnlineFallbackWarning, stacklevel=2)
            return self.fallback.geocode(query, context=context)


def online_geocoder(cache_file: str | Path | None = None, domain: str = "nominatim.openstreetmap.org",
                    scheme: str = "https", min_delay_seconds: float = 1.0, timeout: float = 5.0,
                    offline: OfflineGeocoder | None = None) -> FallbackGeocoder:
    """Nominatim, rate-limited and cached, with the offline gazetteer when it is unreachable."""
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim
    nominatim = Nominatim(user_agent=USER_AGENT, domain=domain, scheme=scheme, timeout=timeout)
    limited = RateLimiter(nominatim.geocode, min_delay_seconds=min_delay_seconds, max_retries=1,
                          swallow_exceptions=False)
    cached = CachedGeocoder(limited, cache_file or cache_dir() / "nominatim-cache.sqlite")
    return FallbackGeocoder(cached, offline or OfflineGeocoder())
