"""A place name and a context text in, one answer row out: what `geo geocode` prints, without
geopy (a command started once per region must start fast: geopy and its HTTP stack cost it
more than the gazetteer itself)."""
from __future__ import annotations

from .beside import in_district
from .context import context_from_text
from .place import GeoContext, Place
from .prior import FeedPrior

ANSWER_COLUMNS = ("query", "location", "admin1", "country", "latitude", "longitude", "geo_precision")


def locate(gazetteer, query: str, context: str | GeoContext = "", countries=()) -> Place | None:
    """The place a query means. What the context names bounds the answer: its regions, else
    its countries (and any country codes given)."""
    ctx = context if isinstance(context, GeoContext) else context_from_text(context or "", gazetteer)
    ctx.countries.update(c.upper() for c in countries)
    if ctx.district is not None:  # 'Staryi' in 'Volokonovskiy district, Belgorod region'
        return in_district(gazetteer, str(query), ctx.district, ctx, ctx.district_level)
    return gazetteer.resolve(str(query), ctx, within=ctx.regions, countries=() if ctx.regions else ctx.countries)


def locate_all(gazetteer, queries: list[str], context: str = "") -> list[Place | None]:
    """The places a list of queries means, read as one batch: the answers that can only be one
    place (a single namesake in their region) say where the batch is, and rank the namesakes
    of the others (prior.py): names listed together, like a feed's, lie together."""
    ctx = context_from_text(context or "", gazetteer)
    first = [locate(gazetteer, q, ctx) for q in queries]
    ctx.prior = FeedPrior()
    sure = [ctx.prior.learn(gazetteer, p) for p in first]
    if not len(ctx.prior):
        return first
    return [p if is_sure else locate(gazetteer, q, ctx) for q, p, is_sure in zip(queries, first, sure)]


def answer_row(query: str, place: Place | None) -> dict:
    """One row of `geocode`'s CSV (empty but for the query when nothing is found)."""
    row = dict.fromkeys(ANSWER_COLUMNS, "") | {"query": query}
    if place is not None:
        row.update(location=place.name, admin1=place.admin1, country=place.country,
                   latitude=place.latitude, longitude=place.longitude, geo_precision=place.geo_precision)
    return row
