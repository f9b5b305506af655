"""Where each settlement of Ukraine's register goes on the map.

Its own GeoNames point when cities500 has a place of that name in the same region (the
one nearest its hromada's centre, when there are several, and not one that a namesake
nearer to it already is); else the GeoNames point of the post office's village of its name
nearest its hromada's centre (postal.py: the villages under 500 inhabitants); else the point
of its hromada's centre (geo_precision 2): hromadas are some 20-30 km across, oblasts 200.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import median

from .geometry import haversine_km
from .names import normalize, skeleton
from .postal import SAME_VILLAGE_KM, PostalNames, PostalPlace, nearest
from .register import SETTLEMENT_CATEGORIES as SETTLEMENT_RANK, Settlement, latin_spellings

# A settlement lies inside its hromada: a namesake farther than this from the hromada's
# centre is another place of the same name.
MAX_KM_FROM_CENTRE = 35.0
# A settlement with a namesake this near one of its hromada centre's namesakes votes for it
# (10-25 km gave the same places).
VOTE_KM = 20.0
# Villages and rural settlements of the register; a GeoNames town of this size that lists
# the village's name among its alternates (Donetsk was once 'Oleksandrivka') is not it.
VILLAGE_CATEGORIES = ("C", "X")
MAX_VILLAGE_POPULATION = 20_000


@dataclass
class Point:
    latitude: float
    longitude: float
    place: int | None  # the GeoNames place (index in the builder's places), if any
    centre: str = ""  # the hromada centre's name, when the point is the centre's
    postal: bool = False  # the point of a post office's village (postal.py)
    at_middle: bool = False  # a hromada centre known to no source: the middle of its villages


class RegionNames:
    """GeoNames places of each region by every name and spelling skeleton."""

    def __init__(self, places: list[tuple], names_of: dict[int, list[str]]):
        self.places = places
        self.by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_skeleton: dict[tuple[str, str], list[int]] = defaultdict(list)
        for idx, names in names_of.items():
            region = places[idx][2]
            for n in names:
                self.by_name[(region, normalize(n))].append(idx)
                if n.isascii():
                    self.by_skeleton[(region, skeleton(n))].append(idx)

    def matches(self, s: Settlement, spellings: list[str]) -> list[int]:
        found = set()
        for name in (*s.names, *spellings):
            found.update(self.by_name.get((s.region, normalize(name)), ()))
        if not found:
            found.update(self.by_skeleton.get((s.region, skeleton(spellings[0])), ()))
        if s.category in VILLAGE_CATEGORIES:  # not a city that once had the village's name
            found = {i for i in found if self.places[i][5] < MAX_VILLAGE_POPULATION}
        return sorted(found)

    def nearest(self, candidates: list[int], lat: float, lon: float) -> tuple[int, float]:
        return min(((i, haversine_km(lat, lon, self.places[i][3], self.places[i][4]))
                    for i in candidates), key=lambda pair: pair[1])


def place_settlements(settlements: list[Settlement], names: RegionNames,
                      post: PostalNames | None = None) -> list[tuple[Settlement, list[str], Point | None]]:
    """Each settlement with its spellings and its point (None: neither it nor its hromada is known)."""
    spellings = [latin_spellings(*s.names) for s in settlements]
    matches = [names.matches(s, sp) for s, sp in zip(settlements, spellings)]
    offices = [post.named(s.region, s.names) if post else [] for s in settlements]  # post villages of each name
    centres = _hromada_centres(settlements, matches, offices, spellings, names)
    own = [_own_point(found, centres.get(s.hromada), names) for s, found in zip(settlements, matches)]
    _one_settlement_per_place(settlements, own, centres)
    by_post = _postal_points(settlements, own, centres, offices)
    return [(s, sp, point or posted or centres.get(s.hromada))
            for s, sp, point, posted in zip(settlements, spellings, own, by_post)]


def _postal_points(settlements, own: list[Point | None], centres: dict[str, Point],
                   offices: list[list[PostalPlace]]) -> list[Point | None]:
    """For each settlement without a GeoNames place: the post office's village of its name
    nearest its hromada's centre, within reach of it. A post's village is one settlement: the
    one whose own GeoNames place it is, else the one whose hromada centre lies nearest."""
    claims: dict[object, list[tuple[float, int]]] = defaultdict(list)
    for i, (s, found) in enumerate(zip(settlements, offices)):
        if not found:
            continue
        if own[i] is not None:  # known already: its post office is no other village's
            village, km = nearest(found, own[i].latitude, own[i].longitude)
            if km <= SAME_VILLAGE_KM:
                claims[village].append((-1.0, i))
            continue
        centre = centres.get(s.hromada)
        if centre is not None:
            village, km = nearest(found, centre.latitude, centre.longitude)
            if km <= MAX_KM_FROM_CENTRE:
                claims[village].append((km, i))
        elif len(found) == 1:
            claims[found[0]].append((MAX_KM_FROM_CENTRE, i))
    out: list[Point | None] = [None] * len(settlements)
    for village, claimants in claims.items():
        i = min(claimants)[1]
        if own[i] is None:
            centre = centres.get(settlements[i].hromada)
            out[i] = Point(village.latitude, village.longitude, None, centre.centre if centre else "", postal=True)
    return out


def _own_point(found: list[int], centre: Point | None, names: RegionNames) -> Point | None:
    """The settlement's own GeoNames place: the namesake nearest its hromada's centre, if
    near enough; with no hromada to check against, a unique namesake."""
    if found and centre is not None:
        idx, km = names.nearest(found, centre.latitude, centre.longitude)
        return Point(*names.places[idx][3:5], idx) if km <= MAX_KM_FROM_CENTRE else None
    if found and len(found) == 1:
        return Point(*names.places[found[0]][3:5], found[0])
    return None


def _one_settlement_per_place(settlements, own: list[Point | None], centres: dict[str, Point]) -> None:
    """A GeoNames place is one settlement. When several namesakes (or a renamed village and
    the town whose name it took) claim it, it goes to the one whose hromada centre lies
    nearest (at equal distance, a town before a village); the others fall back to their
    hromada's centre, a rough point rather than a precise wrong one."""
    claims: dict[int, list[int]] = defaultdict(list)
    for i, point in enumerate(own):
        if point is not None:
            claims[point.place].append(i)
    for claimants in claims.values():
        if len(claimants) > 1:
            keep = min(claimants, key=lambda i: (_km_to_centre(own[i], centres.get(settlements[i].hromada)),
                                                 -SETTLEMENT_RANK.get(settlements[i].category, 0)))
            for i in claimants:
                if i != keep:
                    own[i] = None


def _km_to_centre(point: Point, centre: Point | None) -> float:
    if centre is None:
        return MAX_KM_FROM_CENTRE
    return haversine_km(point.latitude, point.longitude, centre.latitude, centre.longitude)


def _centres_by_main_name(settlements, matches, spellings, names: RegionNames) -> dict[int, set[str]]:
    """GeoNames place -> the hromadas whose centre bears its main name. Such a place is not
    the centre of a hromada that merely shares an alternate name with it (GeoNames's
    Bilozerka lists 'Ivanivka': the hromada of the town of Ivanivka had been drawn there,
    160 km off)."""
    named: dict[int, set[str]] = defaultdict(set)
    for s, sp, found in zip(settlements, spellings, matches):
        if s.is_centre:
            shapes = {skeleton(n) for n in sp}
            for i in found:
                if skeleton(names.places[i][0]) in shapes:
                    named[i].add(s.hromada)
    return named


def _hromada_centres(settlements, matches, offices, spellings, names: RegionNames) -> dict[str, Point]:
    """The point of each hromada's centre. Among namesakes of the centre (GeoNames places,
    else post offices' villages), the one that most of the hromada's settlements have a
    namesake near. Without a clear vote, the GeoNames namesake nearest the middle of the
    hromada's unambiguous settlements (those with one GeoNames match), else of its raion's;
    with no namesake at all, that middle itself."""
    middles: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for s, found in zip(settlements, matches):
        if s.hromada and len(found) == 1:
            middles[s.hromada].append(names.places[found[0]][3:5])
            middles[s.raion].append(names.places[found[0]][3:5])
    voters = _voters(settlements, matches, offices, names)
    named = _centres_by_main_name(settlements, matches, spellings, names)
    centres = {}
    for s, sp, found, posted in zip(settlements, spellings, matches, offices):
        if not s.is_centre:
            continue
        found = [i for i in found if i not in named or s.hromada in named[i]] or found
        options = [(*names.places[i][3:5], i) for i in found] or [(p.latitude, p.longitude, None) for p in posted]
        pts = middles.get(s.hromada) or (middles.get(s.raion) if found else None)
        middle = (median(p[0] for p in pts), median(p[1] for p in pts)) if pts else None
        chosen = _most_voted(options, voters.get(s.hromada, ()))
        if chosen is None and found:
            idx = names.nearest(found, *middle)[0] if middle else max(found, key=lambda i: names.places[i][5])
            chosen = (*names.places[idx][3:5], idx)
        if chosen is not None:
            centres[s.hromada] = Point(*chosen, sp[0])
        elif middle:
            centres[s.hromada] = Point(*middle, None, sp[0], at_middle=True)
    return centres


def _voters(settlements, matches, offices, names: RegionNames) -> dict[str, list[list[tuple]]]:
    """Hromada -> for each of its settlements but the centre, the points of all its
    namesakes in the region (GeoNames places and post villages)."""
    voters: dict[str, list[list[tuple]]] = defaultdict(list)
    for s, found, posted in zip(settlements, matches, offices):
        if not s.hromada or s.is_centre:
            continue
        pts = [names.places[i][3:5] for i in found] + [(p.latitude, p.longitude) for p in posted]
        if pts:
            voters[s.hromada].append(pts)
    return voters


def _most_voted(options: list[tuple], voters) -> tuple | None:
    """The option that most voters have a namesake near; None when none is voted for, or
    when the vote is tied."""
    if not options or not voters:
        return None
    votes = [sum(any(haversine_km(o[0], o[1], p[0], p[1]) <= VOTE_KM for p in pts) for pts in voters)
             for o in options]
    best = max(votes)
    top = {(o[0], o[1]) for o, v in zip(options, votes) if v == best}
    return options[votes.index(best)] if best and len(top) == 1 else None
