"""What a short text ('Odessa, Texas', 'in Russia's Sakha Republic') says about where:
the regions, countries and towns it names, to rank an ambiguous name."""
from __future__ import annotations

import re

from .districts import DISTRICT, district_town, level
from .place import CITY, COUNTRY, REGION, GeoContext

# A run of capitalised words ('Sakha Republic', 'Kryvyi Rih'), with a region word after it.
_NAMES = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*)*"
                    r"(?:\s+(?:region|oblast|province|krai|republic|district)\b)?")
_POSSESSIVE = re.compile(r"(?:’s|'s)$")
MAX_WORDS = 4


def _spans(words: list[str]):
    """Word spans, longest first from each start, so 'Rostov region' wins over 'Rostov'."""
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + MAX_WORDS), i, -1):
            yield i, j
        i += 1


def context_from_text(text: str, gazetteer) -> GeoContext:
    """Regions, countries and towns a text names, and a district or community of one region
    ('Volokonovskiy district, Belgorod region', 'Marinka community, Donetsk')."""
    ctx = GeoContext()
    for run in _NAMES.finditer(text or ""):
        words = [_POSSESSIVE.sub("", w) for w in run.group(0).split()]
        taken_until = 0
        for i, j in _spans(words):
            if i < taken_until:
                continue
            name = " ".join(words[i:j])
            if len(name) < 3:
                continue
            place = gazetteer.resolve(name)
            if place is None:
                continue
            taken_until = j
            if place.kind == REGION:
                ctx.regions.add(place.name)
                ctx.countries.add(place.country)
            elif place.kind == COUNTRY:
                ctx.countries.add(place.country)
            elif place.kind == CITY:
                ctx.anchors.append(place)
    _district_of(text, gazetteer, ctx)
    return ctx


def _district_of(text: str, gazetteer, ctx: GeoContext) -> None:
    for m in DISTRICT.finditer(text or ""):
        region = next(iter(ctx.regions)) if len(ctx.regions) == 1 else ""
        town = district_town(gazetteer, m["name"], m["adj"], region)
        if town is not None:
            ctx.district, ctx.district_level = town, level(m["kind"])
            return
