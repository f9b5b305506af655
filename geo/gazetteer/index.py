"""Look-ups in the compact gazetteer, ranked by what the article says."""
from __future__ import annotations

import math
import threading
from pathlib import Path

from .build import load_or_build
from .names import normalize
from .place import ALTERNATE, CITY, COUNTRY, CURATED, PRIMARY, REGION, GeoContext, Place

DOMAIN_COUNTRIES = ("UA", "RU")  # the war's two countries come first when nothing else decides
_STRENGTH_BONUS = {CURATED: 4.0, PRIMARY: 1.0, ALTERNATE: 0.0}  # alternate ~ population / 10


class Gazetteer:
    """GeoNames places, regions and countries by normalised name."""

    _shared: "Gazetteer | None" = None
    _lock = threading.Lock()

    def __init__(self, data: dict):
        self._places = data["places"]
        self._index = data["index"]
        self._capitals = data["capitals"]
        self._plain: dict = {}

    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        """The process-wide gazetteer, built on first use and cached on disk."""
        if path is not None:
            return cls(load_or_build(path))
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls(load_or_build())
            return cls._shared

    def is_capital(self, place: Place) -> bool:
        return (place.name, place.country) in self._capitals

    def __contains__(self, name: str) -> bool:
        return normalize(name) in self._index

    def candidates(self, name: str) -> list[tuple[Place, int]]:
        """Every place the name may mean, with the strength of the name match."""
        out = []
        for idx, strength in self._index.get(normalize(name), ()):
            out.append((Place(*self._places[idx]), strength))
        return out

    def resolve(self, name: str, context: GeoContext | None = None,
                kinds: tuple[str, ...] = (CITY, REGION, COUNTRY), within: str = "") -> Place | None:
        """The most likely place for a name, given the article's context.

        within: an admin1 the text ties the name to ('Katerynivka, Kharkiv region');
        candidates there win outright when there are any.
        """
        if context is None and not within:  # the common context-free look-up: memoised
            key = (name, kinds)
            if key not in self._plain:
                if len(self._plain) > 200_000:
                    self._plain.clear()
                self._plain[key] = self._resolve(name, GeoContext(), kinds, "")
            return self._plain[key]
        return self._resolve(name, context or GeoContext(), kinds, within)

    def _resolve(self, name: str, context: GeoContext, kinds: tuple[str, ...],
                 within: str) -> Place | None:
        best, best_score, why = None, -math.inf, ""
        candidates = [(p, s) for p, s in self.candidates(name) if p.kind in kinds]
        if within and any(p.admin1 == within for p, _ in candidates):
            candidates = [(p, s) for p, s in candidates if p.admin1 == within]
        for place, strength in candidates:
            score = math.log10(place.population + 10) + _STRENGTH_BONUS[strength]
            reasons = []
            if place.kind == CITY and place.admin1 and place.admin1 in context.regions:
                # An alternate spelling of a small place is weak evidence on its own:
                # 'Mykolaiv' near Donetsk is still the city, not Mykolaivka's alias.
                score += 3.0 if strength != ALTERNATE else 1.0
                reasons.append(f"in {place.admin1}, named in the text")
            if place.country in context.countries:
                score += 2.0
                reasons.append(f"country {place.country} named in the text")
            elif place.country in DOMAIN_COUNTRIES:
                score += 1.5
                reasons.append("Ukraine/Russia first")
            near = [a.km_to(place) for a in context.anchors if a.kind == CITY and a != place]
            if near and min(near) < 150:
                score += 2.0 * (1 - min(near) / 150)
                reasons.append(f"{min(near):.0f} km from another place in the text")
            if score > best_score:
                kind_word = {CURATED: "curated name", PRIMARY: "main name",
                             ALTERNATE: "alternate name"}[strength]
                why = "; ".join([f"{kind_word}, population {place.population:,}", *reasons])
                best, best_score = place, score
        if best is None:
            return None
        if within and best.admin1 == within:
            why += f"; the text places it in {within}"
        return Place(*[getattr(best, f) for f in
                       ("name", "country", "admin1", "latitude", "longitude", "population", "kind")],
                     reason=why)

    def region(self, admin1: str) -> Place | None:
        """The region record (centroid) for an admin1 name."""
        for place, _ in self.candidates(admin1):
            if place.kind == REGION and place.name == admin1:
                return place
        return None
