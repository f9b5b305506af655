"""How the gazetteer weighs the places a name may mean: population, how the name matched,
the layer the place comes from, and what the text says (its regions, countries and towns)."""
from __future__ import annotations

import math

from .place import (ALTERNATE, CITY, CURATED, DISTRICT_CENTRE, HROMADA, IMPORTED, POSTAL, PRIMARY, REGISTER, GeoContext,
                    Place)

DOMAIN_COUNTRIES = ("UA", "RU")  # the war's two countries come first when nothing else decides
_STRENGTH_BONUS = {CURATED: 4.0, REGISTER: 1.0, PRIMARY: 1.0, ALTERNATE: 0.0}  # alternate ~ population / 10
# The user's own imported places outrank GeoNames and the register. How precisely we know a
# village's point (its own, or its hromada's centre) says nothing of whether it is the one
# meant: a penalty for hromada-centre points cost 1.6 points of ACLED notes placed right.
_LAYER_BONUS = {IMPORTED: 5.0}
ANCHOR_NEAR_KM = 150.0
# A region the article names, as a thousandfold population. +2 gave the same dev figures and
# the city of Nikopol rather than Kharkiv region's village of 600 when the article names that
# region for another event; but then every village of the post codes (population unknown)
# lost to any namesake of 1,000 people elsewhere: Kharkiv region's Pishchane to Poltava's.
REGION_NAMED = 3.0
# A region named far off in the article (a roundup's other paragraph) weighs less: 'killed a man
# in Nikopol' is the city, not Kharkiv region's village of 600, named paragraphs away.
REGION_NAMED_AFAR = 1.5
_NAME_WORD = {CURATED: "curated name", REGISTER: "register name", PRIMARY: "main name",
              ALTERNATE: "alternate name"}


def best_place(candidates: list[tuple[Place, int]], context: GeoContext) -> tuple[Place, int, str]:
    """The highest-scoring candidate, its name strength, and why (the layer first)."""
    if len(candidates) == 1:
        place, strength = candidates[0]
    else:
        place, strength = candidates[max((_score(p, s, context)[0], i) for i, (p, s) in enumerate(candidates))[1]]
    reasons = _score(place, strength, context, explain=True)[1]
    return place, strength, "; ".join([layer_words(place, strength), *reasons])


def _score(place: Place, strength: int, context: GeoContext, explain: bool = False) -> tuple[float, list[str]]:
    score = math.log10(place.population + 10) + _STRENGTH_BONUS[strength] + _LAYER_BONUS.get(place.layer, 0.0)
    reasons: list[str] = []
    if place.kind == CITY and place.admin1 and place.admin1 in context.regions:
        # An alternate spelling of a small place is weak evidence on its own:
        # 'Mykolaiv' near Donetsk is still the city, not Mykolaivka's alias.
        near = context.nearby is None or place.admin1 in context.nearby
        score += (REGION_NAMED if near else REGION_NAMED_AFAR) if strength != ALTERNATE else 1.0
        explain and reasons.append(f"in {place.admin1}, named in the text")
    if place.country in context.countries:
        score += 2.0
        explain and reasons.append(f"country {place.country} named in the text")
    elif place.country in DOMAIN_COUNTRIES:
        score += 1.5
        explain and reasons.append("Ukraine/Russia first")
    if context.prior is not None and place.kind == CITY:
        nearby = context.prior.near(place)
        if nearby:
            score += context.prior.bonus(place)
            explain and reasons.append(f"{nearby} events of this feed nearby")
    if context.anchors:
        near = min((a.km_to(place) for a in context.anchors if a.kind == CITY and a != place), default=math.inf)
        if near < ANCHOR_NEAR_KM:
            score += 2.0 * (1 - near / ANCHOR_NEAR_KM)
            explain and reasons.append(f"{near:.0f} km from another place in the text")
    return score, reasons


def layer_words(place: Place, strength: int) -> str:
    """Which layer answered, as `geocode --explain` tells it."""
    if place.layer == HROMADA:
        return f"register (KATOTTG) settlement at its hromada centre: {place.detail}"
    if place.layer == POSTAL:
        if place.hromada:
            return "register (KATOTTG) settlement at its post office's GeoNames point (post codes)"
        return "village of GeoNames's post codes, at its post office's point"
    if place.layer == DISTRICT_CENTRE:
        return f"not in our data: at the centre of its district, {place.detail}"
    if place.layer == IMPORTED:
        return f"imported place ({place.detail})"
    if place.kind != CITY:
        return place.layer
    layer = {CURATED: "alias", REGISTER: "register (KATOTTG) at its GeoNames point"}.get(strength, "GeoNames")
    return f"{layer}: {_NAME_WORD[strength]}, population {place.population:,}"
