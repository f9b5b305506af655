"""Names a text puts beside a town: in the district or community named after it ('Staryi
(Volokonovskiy, Belgorod)'), or some distance from it ('Serhiivka, 50km south of Odesa')."""
from __future__ import annotations

from .place import CITY, DISTRICT_CENTRE, GeoContext, Place
from .ranking import best_place

# Where the register does not say (Russia), how far from the town a district or community is
# named after its places may lie: a community 10-30 km across, a Russian district 30-60
COMMUNITY_KM, DISTRICT_KM = 20.0, 50.0
# 'X, 50km south of Odesa': a namesake counts as that far when within half as far again and
# 10 km more (reports round distances, and measure them by road)
DISTANCE_SLACK, DISTANCE_KM_SLACK = 1.5, 10.0


def in_district(gazetteer, name: str, town: Place, context: GeoContext | None = None, level: str = "raion") -> Place:
    """A name the text puts in the district ('raion') or community ('hromada') named after a
    town: 'Staryi (Volokonovskiy, Belgorod)', 'Kostiantynivka, Donetsk (Marinka
    community)'. Of its namesakes in the town's region, those the register puts in the
    town's own raion or hromada; outside the register's reach, those within reach of the
    town; ranked as usual with the town as a place nearby. With none, the town's point at
    geo_precision 2: a village our data lacks is nearer its district's town than its
    region's middle."""
    context = context or GeoContext()
    candidates, how = gazetteer.towns_named(name, context, within=town.admin1)
    own = getattr(town, level)  # the register's id of the town's raion or hromada ('' in Russia)
    inside = [(p, s) for p, s in candidates if getattr(p, level) == own] if own else []
    reach = COMMUNITY_KM if level == "hromada" else DISTRICT_KM
    inside = inside or [(p, s) for p, s in candidates if p.km_to(town) <= reach]
    unit = "community" if level == "hromada" else "district"
    if not inside:
        return Place(name, town.country, town.admin1, town.latitude, town.longitude, 0, CITY, DISTRICT_CENTRE,
                     town.name, reason=f"no place named {name!r} known in the {unit} of {town.name}: "
                                       f"that town's point")
    return _ranked_beside(inside, town, context, f"{how}{{}}; in the {unit} of {town.name}")


def near_town(gazetteer, name: str, town: Place, km: float, context: GeoContext | None = None) -> Place | None:
    """A name the text puts some distance from a town ('Serhiivka, 50km south of Odesa'): of
    its namesakes, those about that far from the town or nearer, ranked with the town as a
    place nearby. With none, the name as usual: the distance may be the text's slip."""
    context = context or GeoContext()
    reach = km * DISTANCE_SLACK + DISTANCE_KM_SLACK
    candidates, how = gazetteer.towns_named(name, context)
    inside = [(p, s) for p, s in candidates if p.km_to(town) <= reach]
    if not inside:
        return gazetteer.resolve(name, context)
    return _ranked_beside(inside, town, context, f"{how}{{}}; {km:.0f} km from {town.name}, as the text says")


def _ranked_beside(candidates: list[tuple[Place, int]], town: Place, context: GeoContext, reason: str) -> Place:
    """The best of the candidates with the town as a place nearby; reason: '{}' takes why."""
    beside = GeoContext(context.countries, context.regions, [*context.anchors, town], prior=context.prior,
                        nearby=context.nearby)
    best, _, why = best_place(candidates, beside)
    return best.with_reason(reason.format(why))
