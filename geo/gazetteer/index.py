"""Look-ups in the compact gazetteer, ranked by what the article says and bounded by the
region or country it ties a name to."""
from __future__ import annotations

import threading
from collections.abc import Collection
from pathlib import Path

from ..settings import store_location
from .build import load_or_build
from .imported import ImportedLayer, read_rows
from .names import normalize, one_edit_away, skeleton
from .place import ALTERNATE, CITY, COUNTRY, REGION, GeoContext, Place
from .ranking import best_place
from .table import PlaceTable, split_entry, unpack_entries

_NO_BOUND: frozenset[str] = frozenset()
# A name one letter off another is asked only inside bounds, and only when this long (as a
# skeleton): shorter names are too often a different village's.
MIN_SHAPE_FOR_A_NEAR_SPELLING = 6
# Outside any bounds, another romanisation is asked only of a name this long (as a skeleton),
# and only counts a town of this many people: the one town whose name it may be
MIN_SHAPE_FOR_A_TOWN_SPELLING, MIN_TOWN_SPELLED_OTHERWISE = 7, 10_000


def _as_set(names: str | Collection[str]) -> frozenset[str]:
    if not names:
        return _NO_BOUND
    if isinstance(names, str):
        return frozenset([names])
    return frozenset(n for n in names if n)


class Gazetteer:
    """GeoNames places, the register's settlements, regions and countries by normalised name;
    plus the places a user imported (kept in their event store), consulted first."""

    _shared: "Gazetteer | None" = None
    _lock = threading.Lock()

    def __init__(self, data: dict, imported: list[dict] = ()):
        self._places = PlaceTable(data["places"])
        self._kind, self._admin1, self._country = (self._places.column(c) for c in ("kind", "admin1", "country"))
        self._index = data["index"]  # name -> packed entries (table.py)
        self._approximate = data["approximate"]  # the same for villages at their hromada's centre
        self._skeletons = data["skeletons"]
        self._capitals = data["capitals"]
        self._part_of: dict[str, str] = data["part_of"]  # a region inside another: Sevastopol in Crimea
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
        return key in self._index or key in self._approximate or key in self._imported.index

    def _place(self, idx: int) -> Place:
        return self._places.place(idx) if idx < len(self._places) else self._imported.place(idx)

    def candidates(self, name: str) -> list[tuple[Place, int]]:
        """Every place the name may mean, with the strength of the name match."""
        key = normalize(name)
        return [(self._place(idx), strength) for idx, strength in (*self._entries(key), *self._rough(key))]

    def _entries(self, key: str) -> list[tuple[int, int]]:
        """(place, strength) of a normalised name: imported places first, then the shipped index."""
        imported = self._imported.index.get(key)
        return [*imported, *_unpacked(self._index.get(key))] if imported else _unpacked(self._index.get(key))

    def _rough(self, key: str) -> list[tuple[int, int]]:
        """The same for villages placed at their hromada's centre."""
        return _unpacked(self._approximate.get(key))

    def _places_inside(self, entries, kinds, regions: frozenset, nations: frozenset) -> list[tuple[Place, int]]:
        """The entries' places of those kinds inside the bounds, read from the packed columns
        before any Place is made (a common village name has a hundred namesakes)."""
        kind, admin1, country = self._kind, self._admin1, self._country
        shipped = len(kind)
        out = []
        for idx, strength in entries:
            if idx >= shipped:
                p = self._imported.place(idx)
                if p.kind in kinds and _inside(p, regions, nations):
                    out.append((p, strength))
            elif kind[idx] in kinds and (admin1[idx] in regions and kind[idx] != COUNTRY if regions
                                         else not nations or country[idx] in nations):
                out.append((self._places.place(idx), strength))
        return out

    def resolve(self, name: str, context: GeoContext | None = None,
                kinds: tuple[str, ...] = (CITY, REGION, COUNTRY),
                within: str | Collection[str] = "", countries: Collection[str] = ()) -> Place | None:
        """The most likely place for a name, given the article's context.

        within: the admin1 (or admin1s) the text ties the name to ('Katerynivka, Kharkiv
        region'); countries: the countries it ties it to. Both are hard bounds: the answer
        lies inside them. When no place of that name (or of another romanisation of it) is
        known inside a single named region or country, the answer is that region or country.
        """
        regions, nations = (_as_set(within), _as_set(countries)) if within or countries else (_NO_BOUND, _NO_BOUND)
        if context is None and not regions and not nations:  # the common look-up: memoised
            key = (name, kinds)
            if key not in self._plain:
                if len(self._plain) > 200_000:
                    self._plain.clear()
                self._plain[key] = self._resolve(name, GeoContext(), kinds, regions, nations)
            return self._plain[key]
        return self._resolve(name, context or GeoContext(), kinds, regions, nations)

    def towns_named(self, name: str, context: GeoContext, within: str = "") -> tuple[list[tuple[Place, int]], str]:
        """The towns of that name (inside the region `within` and its parts, if given), each with
        the strength of its name match, and how the name matched when not as written."""
        regions = self._with_parts(frozenset({within})) if within else _NO_BOUND
        return self._matches(name, (CITY,), regions, _NO_BOUND, context)

    def _resolve(self, name: str, context: GeoContext, kinds, regions, nations) -> Place | None:
        bounds = (regions, nations)
        if regions:
            regions = self._with_parts(regions)
        candidates, how = self._matches(name, kinds, regions, nations, context)
        head, dash, _ = name.partition(" - ")
        if not candidates and dash and any(bounds):  # 'Donetsk - Kyivskyi': a part of Donetsk
            candidates, how = self._matches(head, kinds, regions, nations, context)
            how = f"a part of {head}; {how}" if candidates else how
        if not candidates:
            return self._bound_itself(name, *bounds) if any(bounds) else None
        best, _, why = best_place(candidates, context)
        if regions and best.admin1 in regions and best.kind == CITY:
            why += f"; the text places it in {best.admin1}"
        return best.with_reason(how + why if how else why)

    def lies_in(self, admin1: str, region: str) -> bool:  # the region, or a part of it: Sevastopol in Crimea
        return admin1 == region or self._part_of.get(admin1) == region

    def _with_parts(self, regions: frozenset) -> frozenset:
        """The regions and those inside them (Sevastopol in Crimea)."""
        return regions | {part for part, whole in self._part_of.items() if whole in regions}

    def _matches(self, name: str, kinds, regions, nations, context: GeoContext) -> tuple[list[tuple[Place, int]], str]:
        """The places of that name inside the bounds; with bounds and none of that spelling,
        those of another romanisation of it (names.skeleton). Villages placed at their
        hromada's centre count inside bounds, in the regions the text names, or when
        nothing else has the name."""
        key = normalize(name)
        candidates = self._places_inside(self._entries(key), kinds, regions, nations)
        if regions or nations or not candidates:
            candidates += self._places_inside(self._rough(key), kinds, regions, nations)
        elif context.regions:
            candidates += self._places_inside(self._rough(key), kinds, frozenset(context.regions), nations)
        if regions or nations:
            # inside bounds, a place with this very name beats one that merely lists it among
            # its alternates (Donetsk city was once 'Oleksandrivka'; the village still is)
            named = [(p, s) for p, s in candidates if s != ALTERNATE]
            candidates = named or candidates
        if candidates or CITY not in kinds:
            return candidates, ""
        if not (regions or nations):
            return _a_town_spelled_otherwise(self, name)
        shape = skeleton(name)
        if len(shape) < 4:
            return [], ""
        variants = self._places_inside(self._shaped(shape), (CITY,), regions, nations)
        if variants:
            return variants, f"another spelling of {variants[0][0].name}; "
        if len(shape) < MIN_SHAPE_FOR_A_NEAR_SPELLING or name in self:
            return [], ""  # a name known elsewhere is that place, outside the bounds, not a typo
        shapes = [s for s in one_edit_away(shape) if s in self._skeletons or s in self._imported.skeletons]
        near = self._places_inside([e for s in shapes for e in self._shaped(s)], (CITY,), regions, nations)
        return near, ("no place of that spelling or another romanisation of it: one letter off; " if near else "")

    def shaped(self, shape: str) -> list[tuple[Place, int]]:
        """Every place with a name of that spelling skeleton (names.skeleton), as an alternate."""
        return [(self._place(i), s) for i, s in self._shaped(shape)]

    def _shaped(self, shape: str) -> list[tuple[int, int]]:
        """(place, strength) of every name with that skeleton, as alternates."""
        return [(idx, ALTERNATE) for idx in (*self._imported.skeletons.get(shape, ()),
                                             *unpack_entries(self._skeletons.get(shape, ())))]

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
        return bound.with_reason(f"no place named {name!r} known in {bound.name}: the {bound.kind} itself")

    def places(self, kind: str = CITY, countries: tuple[str, ...] | None = None) -> list[Place]:
        """Every place of one kind (optionally in some countries): map labels, region cells."""
        return [self._places.place(i) for i in range(len(self._places))
                if self._kind[i] == kind and (countries is None or self._country[i] in countries)]

    def only_one_named(self, name: str, admin1: str) -> bool:
        """Is there a single town of that name in that region (a place a feed can be sure of)?"""
        key = normalize(name)
        entries = [*self._entries(key), *self._rough(key)]
        return len(self._places_inside(entries, (CITY,), frozenset({admin1}), _NO_BOUND)) == 1

    def region(self, admin1: str) -> Place | None:
        """The region record (centroid) for an admin1 name."""
        for place, _ in self.candidates(admin1):
            if place.kind == REGION and place.name == admin1:
                return place
        return None

    def country(self, code: str) -> Place | None:
        """The country record for an ISO code."""
        if not self._country_index:
            self._country_index.update({self._country[i]: i for i, k in enumerate(self._kind) if k == COUNTRY})
        idx = self._country_index.get(code)
        return None if idx is None else self._place(idx)


def _a_town_spelled_otherwise(gazetteer: Gazetteer, name: str) -> tuple[list[tuple[Place, int]], str]:
    """Without bounds, another romanisation only of a town, and of one town alone:
    'Novaya Kakhovka' (Russian) is Nova Kakhovka; a surname or a village's spelling is not
    guessed at."""
    shape = skeleton(name)
    if len(shape) < MIN_SHAPE_FOR_A_TOWN_SPELLING:
        return [], ""
    towns = [(p, s) for p, s in gazetteer.shaped(shape)
             if p.kind == CITY and p.population >= MIN_TOWN_SPELLED_OTHERWISE]
    if len({p for p, _ in towns}) != 1:
        return [], ""
    return towns[:1], f"another spelling of {towns[0][0].name}; "


def _unpacked(packed) -> list[tuple[int, int]]:
    if packed is None:
        return []
    return [split_entry(packed)] if isinstance(packed, int) else [split_entry(e) for e in packed]


def _inside(place: Place, regions: frozenset, nations: frozenset) -> bool:
    if regions:
        return place.admin1 in regions if place.kind != COUNTRY else False
    return not nations or place.country in nations
