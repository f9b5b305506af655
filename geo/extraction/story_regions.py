"""The regions a story names, and the places it names that belong in them: a small village
outside all of them, or one no data of ours knows, is looked for there first."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..gazetteer import CITY, REGION, Gazetteer, GeoContext, Place

if TYPE_CHECKING:
    from .mentions import SentenceFindings

STRAY_POPULATION = 10_000  # a village this small, outside every region the story names, may be a stray namesake
STRAY_KM = 50.0  # unless another place of the text lies this close to it


def strays(place: Place | None, context: GeoContext, called_village: bool = False) -> bool:
    """Is the place unknown, or a small namesake (or a town the text calls a village) outside the
    regions the story names, and far from the other places it names?"""
    if not context.regions:
        return False
    if place is None:
        return True
    small = place.population < STRAY_POPULATION or called_village  # 'the village of Oktyabrsky' is no city
    return place.kind == CITY and place.admin1 not in context.regions and small \
        and not any(a != place and a.km_to(place) < STRAY_KM for a in context.anchors)


def regions_named(gazetteer: Gazetteer, s: SentenceFindings) -> set[str]:
    """The regions a sentence names, as a place or as the region of one ('X, Dnipropetrovsk')."""
    named = {p.within for p in s.places if p.within}
    for p in s.places:
        if p.kind == REGION and p.role != "metonym":
            r = gazetteer.resolve(p.text)
            if r and r.kind == REGION:
                named.add(r.name)
    return named


def in_a_region_named(gazetteer: Gazetteer, name: str, place: Place | None, context: GeoContext) -> Place | None:
    """A village the story's regions lack, or have under a spelling one letter off: 'the village
    of Goncharovka' in a story of Kursk region alone is there, not Voronezh region's post office."""
    regions = sorted(context.regions, key=lambda r: (r not in (context.nearby or ()), r))
    bounds = [gazetteer.region(r) for r in regions]
    bounds = [b for b in bounds if b is not None and (place is None or b.country == place.country)]
    for bound in bounds:
        there = gazetteer.resolve(name, context, kinds=(CITY,), within=bound.name)
        if there is not None and there.kind == CITY:
            return there
    # the region answers when the story names one of the place's country (a text ties a place
    # across the border itself); for a name no data knows, when it names one region at all
    return gazetteer.resolve(name, context, within=bounds[0].name) if len(bounds) == 1 else place
