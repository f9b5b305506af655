"""The gazetteer's public face: what a place is, its kinds, and what a text says about where."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .geometry import haversine_km

if TYPE_CHECKING:
    from .prior import FeedPrior

CITY, REGION, COUNTRY = "city", "region", "country"
# Name-match classes, weakest first (the ranking in index.py weighs them; the builder keeps
# the strongest class a name has for a place).
ALTERNATE, PRIMARY, REGISTER, CURATED = 0, 1, 2, 3
# Layers a place comes from, as `geocode --explain` names them.
GEONAMES, REGISTER_POINT, POSTAL, HROMADA, DISTRICT_CENTRE, ALIAS, IMPORTED, REGION_LAYER, COUNTRY_LAYER = (
    "GeoNames", "register", "post codes", "hromada centre", "district centre", "alias", "imported", "region",
    "country")
# Villages only the register or the post codes know (no cities500 place): their names recur
# all over the country, so look-ups weigh them inside a region the text names (index.py).
MINOR_LAYERS = (POSTAL, HROMADA)


# Hashable and compared by value, but not frozen: a frozen dataclass's __init__ costs six
# times as much, and look-ups make several Places each. Treat it as immutable (with_reason
# makes a new one).
@dataclass(slots=True, unsafe_hash=True)
class Place:
    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int
    kind: str  # city | region | country
    layer: str = GEONAMES  # where the point comes from (see the layers above)
    detail: str = ""  # for a hromada- or district-centre point: the centre's name
    raion: str = ""  # Ukraine's register: the id of its raion (district) ...
    hromada: str = ""  # ... and of its hromada (community); '' elsewhere
    reason: str = field(default="", compare=False)

    @property
    def geo_precision(self) -> int:
        """ACLED geo_precision: 1 town, 2 near a town (its hromada's or district's centre), 3 region
        or larger."""
        if self.kind != CITY:
            return 3
        return 2 if self.layer in (HROMADA, DISTRICT_CENTRE) else 1

    def with_reason(self, reason: str) -> "Place":
        return Place(self.name, self.country, self.admin1, self.latitude, self.longitude, self.population,
                     self.kind, self.layer, self.detail, self.raion, self.hromada, reason)

    def km_to(self, other: "Place") -> float:
        return haversine_km(self.latitude, self.longitude, other.latitude, other.longitude)


@dataclass
class GeoContext:
    """What an article tells about where its places are."""
    countries: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)  # admin1 names
    anchors: list[Place] = field(default_factory=list)  # places already resolved
    district: Place | None = None  # the town of the district or community it names, and ...
    district_level: str = ""  # ... which that is: 'raion' or 'hromada'
    prior: "FeedPrior | None" = None  # where the feed's events are (prior.py)
    nearby: set[str] | None = None  # regions named a few sentences around the name (None: all of them)
