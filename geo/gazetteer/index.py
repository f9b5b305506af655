"""Look-ups in the compact gazetteer, ranked by what the article says and bounded by the
region or country it ties a name to."""
from __future__ import annotations

import math
import threading
from collections.abc import Collection
from pathlib import Path

from .build import load_or_build
from ..settings import store_location
from .imported import ImportedLayer, read_rows
from .names import normalize, skeleton
from .place import (ALTERNATE, CITY, COUNTRY, CURATED, HROMADA, IMPORTED, PRIMARY, REGION, REGISTER,
                    GeoContext, Place)
from .table import PlaceTable, split_entry, unpack_entries

DOMAIN_COUNTRIES = ("UA", "RU")  # the war's two countries come first when nothing else decides
_STRENGTH_BONUS = {CURATED: 4.0, REGISTER: 1.0, PRIMARY: 1.0, ALTERNATE: 0.0}  # alternate ~ population / 10
# Layers, most trusted first: the user's own imported places outrank GeoNames and the
# register; a hromada-centre point (a village placed at its hromada's centre) comes last.
_LAYER_BONUS = {IMPORTED: 5.0, HROMADA: -1.0}
_NAME_WORD = {CURATED: "curated name", REGISTER: "register name", PRIMARY: "main name",
              ALTERNATE: "alternate name"}


def _as_set(names: str | Collection[str]) -> frozenset[str]:
    if isinstance(names, str):
        return frozenset([names]) if names else frozenset()
    return frozenset(n for n in names if n)


class Gazetteer:
    """GeoNames places, the register's settlements, regions and countries by normalised name;
    plus the places a user imported (kept in their event store), consulted first."""

    _shared: "Gazetteer | None" = None
    _lock = threading.Lock()

    def __init__(self, data: dict, imported: list[dict] = ()):
        self._places = PlaceTable(data["places"])
        self._index = data["index"]
        self._skeletons = data["skeletons"]
        self._capitals = data["capitals"]
        self._imported = ImportedLayer(list(imported), len(self._places))
        self._plain: dict = {}
        self._country_index: dict[str, int] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        """The process-wide gazetteer (built on first use and cached on disk), with the
        places imported into the event store (GEO_DB), when there is one."""
        if path is not None:
            return cls(load_or_build(path))
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls(load_or_build(), read_rows(store_location()))
            return cls._shared

    def is_capital(self, place: Place) -> bool:
        return (place.name, place.country) in self._capitals

    def __contains__(self, name: str) -> bool:
        key = normalize(name)
        return key in self._index or key in self._imported.index

    def _place(self, idx: int) -> Place:
        return self._places.place(idx) if idx < len(self._places) else self._imported.place(idx)

    def candidates(self, name: str) -> list[tuple[Place, int]]:
        """Every place the name may mean, with the strength of the name match."""
        key = normalize(name)
        entries = [*self._imported.index.get(key, ()),
                   *(split_entry(e) for e in unpack_entries(self._index.get(key, ())))]
        return [(self._place(idx), strength) for idx, strength in entries]

    def _spelling_variants(self, name: str) -> list[tuple[Place, int]]:
        """Places whose name differs from this one only in romanisation (names.skeleton)."""
        key = skeleton(name)
        if len(key) < 4:
            return []
        entries = [*self._imported.skeletons.get(key, ()), *unpack_entries(self._skeletons.get(key, ()))]
        return [(self._place(idx), ALTERNATE) for idx in entries]

    def resolve(self, name: str, context: GeoContext | None = None,
                kinds: tuple[str, ...] = (CITY, REGION, COUNTRY),
                within: str | Collection[str] = "", countries: Collection[str] = ()) -> Place | None:
        """The most likely place for a name, given the article's context.

        within: the admin1 (or admin1s) the text ties the name to ('Katerynivka, Kharkiv
        region'); countries: the countries it ties it to. Both are hard bounds: the answer
        lies inside them. When no place of that name (or of another romanisation of it) is
        known inside a single named region or country, the answer is that region or country.
        """
        regions, nations = _as_set(within), _as_set(countries)
        if context is None and not regions and not nations:  # the common look-up: memoised
            key = (name, kinds)
            if key not in self._plain:
                if len(self._plain) > 200_000:
                    self._plain.clear()
                self._plain[key] = self._resolve(name, GeoContext(), kinds, regions, nations)
            return self._plain[key]
        return self._resolve(name, context or GeoContext(), kinds, regions, nations)

    def _resolve(self, name: str, context: GeoContext, kinds, regions, nations) -> Place | None:
        bounded = bool(regions or nations)
        candidates = [(p, s) for p, s in self.candidates(name) if p.kind in kinds
                      and _inside(p, regions, nations)]
        variant = False
        if not candidates and bounded and CITY in kinds:
            candidates = [(p, s) for p, s in self._spelling_variants(name)
                          if _inside(p, regions, nations)]
            variant = bool(candidates)
        if not candidates:
            return self._bound_itself(name, regions, nations) if bounded else None
        best, why = _rank(candidates, context)
        if variant:
            why = f"another spelling of {best.name}; {why}"
        if regions and best.admin1 in regions and best.kind == CITY:
            why += f"; the text places it in {best.admin1}"
        return Place(*[getattr(best, f) for f in ("name", "country", "admin1", "latitude", "longitude",
                                                   "population", "kind", "layer", "detail")],
                     reason=why)

    def _bound_itself(self, name: str, regions: frozenset, nations: frozenset) -> Place | None:
        """The one region (else country) a text ties an unknown name to, at geo_precision 3."""
        if len(regions) == 1:
            bound = self.region(next(iter(regions)))
        elif not regions and len(nations) == 1:
            bound = self.country(next(iter(nations)))
        else:
            return None
        if bound is None:
            return None
        return Place(*[getattr(bound, f) for f in ("name", "country", "admin1", "latitude", "longitude",
                                                    "population", "kind", "layer", "detail")],
                     reason=f"no place named {name!r} known in {bound.name}: the {bound.kind} itself")

    def region(self, admin1: str) -> Place | None:
        """The region record (centroid) for an admin1 name."""
        for place, _ in self.candidates(admin1):
            if place.kind == REGION and place.name == admin1:
                return place
        return None

    def country(self, code: str) -> Place | None:
        """The country record for an ISO code."""
        if not self._country_index:
            kinds, codes = self._places.column("kind"), self._places.column("country")
            self._country_index.update({codes[i]: i for i, k in enumerate(kinds) if k == COUNTRY})
        idx = self._country_index.get(code)
        return None if idx is None else self._place(idx)


def _inside(place: Place, regions: frozenset, nations: frozenset) -> bool:
    if regions:
        return place.admin1 in regions if place.kind != COUNTRY else False
    return not nations or place.country in nations


def _rank(candidates: list[tuple[Place, int]], context: GeoContext) -> tuple[Place, str]:
    best, best_score, why = None, -math.inf, ""
    for place, strength in candidates:
        score = math.log10(place.population + 10) + _STRENGTH_BONUS[strength] + \
            _LAYER_BONUS.get(place.layer, 0.0)
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
            why = "; ".join([_layer_words(place, strength), *reasons])
            best, best_score = place, score
    return best, why


def _layer_words(place: Place, strength: int) -> str:
    """Which layer answered, as `geocode --explain` tells it."""
    if place.layer == HROMADA:
        return f"register (KATOTTG) settlement at its hromada centre: {place.detail}"
    if place.layer == IMPORTED:
        return f"imported place ({place.detail})"
    if place.kind != CITY:
        return place.layer
    layer = {CURATED: "alias", REGISTER: "register (KATOTTG) at its GeoNames point"}.get(strength, "GeoNames")
    return f"{layer}: {_NAME_WORD[strength]}, population {place.population:,}"
