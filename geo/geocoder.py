"""A geopy geocoder over the offline gazetteer: no network, no rate limit."""
from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .gazetteer import Gazetteer, Place
from .gazetteer.build import COUNTRY, REGION
from .gazetteer.index import GeoContext
from .places import find_places


def context_from_text(text: str, gazetteer: Gazetteer) -> GeoContext:
    """Regions, countries and places a text names, to rank ambiguous names."""
    ctx = GeoContext()
    for mention in find_places(text or "", gazetteer):
        place = gazetteer.resolve(mention.text)
        if place is None:
            continue
        if place.kind == REGION:
            ctx.regions.add(place.name)
            ctx.countries.add(place.country)
        elif place.kind == COUNTRY:
            ctx.countries.add(place.country)
        else:
            ctx.anchors.append(place)
    return ctx


def to_location(place: Place) -> Location:
    address = ", ".join(p for p in (place.name, place.admin1 if place.admin1 != place.name else "",
                                    place.country) if p)
    raw = {"name": place.name, "admin1": place.admin1, "country": place.country,
           "population": place.population, "kind": place.kind,
           "geo_precision": place.geo_precision, "reason": place.reason}
    return Location(address, (place.latitude, place.longitude), raw)


class OfflineGeocoder(Geocoder):
    """geopy-compatible geocoder backed by the shipped GeoNames gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs):
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or Gazetteer.load()

    def geocode(self, query, *, exactly_one=True, timeout=None, context: str | GeoContext | None = None,
                country_codes=None):
        ctx = context if isinstance(context, GeoContext) else context_from_text(context or "", self.gazetteer)
        if country_codes:
            codes = [country_codes] if isinstance(country_codes, str) else list(country_codes)
            ctx.countries.update(c.upper() for c in codes)
        if exactly_one:
            place = self.gazetteer.resolve(str(query), ctx)
            return to_location(place) if place else None
        places = [p for p, _ in self.gazetteer.candidates(str(query))]
        return [to_location(p) for p in places] or None

    def reverse(self, query, *, exactly_one=True, timeout=None):
        raise NotImplementedError("reverse geocoding is not offered offline")
