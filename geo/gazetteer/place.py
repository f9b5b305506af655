"""The gazetteer's public face: what a place is, its kinds, and what a text says about where."""
from __future__ import annotations

from dataclasses import dataclass, field

from .geometry import haversine_km

CITY, REGION, COUNTRY = "city", "region", "country"
# Name-match classes, strongest first (the ranking in index.py weighs them).
CURATED, PRIMARY, ALTERNATE = 2, 1, 0


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int
    kind: str  # city | region | country
    reason: str = field(default="", compare=False)

    @property
    def geo_precision(self) -> int:
        """ACLED geo_precision: 1 town, 3 region or larger."""
        return 1 if self.kind == CITY else 3

    def km_to(self, other: "Place") -> float:
        return haversine_km(self.latitude, self.longitude, other.latitude, other.longitude)


@dataclass
class GeoContext:
    """What an article tells about where its places are."""
    countries: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)  # admin1 names
    anchors: list[Place] = field(default_factory=list)  # places already resolved
