"""Where a feed's events are: a prior for names with several namesakes in one region.

War reporting clusters on the front. In a feed (a day's wires, a JSONL of notes, a store
of events), the places that can only be one place (a single namesake in their region) map
where the fighting is; of the dozen Vodianes or Pobiedas of Donetsk region, the one among
them is likelier than the one a hundred kilometres behind the lines. The prior only ranks:
bounds (a region the text names) and a district still decide first.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from .place import CITY, Place

CELL_DEG = 0.25  # a cell of about 28 x 18 km; a place counts the events of its cell and the eight around


class FeedPrior:
    """Counts of events by cell; bonus() is what ranking adds for a candidate there."""

    def __init__(self) -> None:
        self._cells: Counter[tuple[int, int]] = Counter()

    def __len__(self) -> int:
        return sum(self._cells.values())

    def add(self, latitude: float, longitude: float, events: int = 1) -> None:
        self._cells[_cell(latitude, longitude)] += events

    def learn(self, gazetteer, place: Place | None) -> bool:
        """Counts a place the feed can be sure of (the single town of its name in its region);
        says whether it was one."""
        sure = place is not None and place.kind == CITY and gazetteer.only_one_named(place.name, place.admin1)
        if sure:
            self.add(place.latitude, place.longitude)
        return sure

    def near(self, place: Place) -> int:
        """Events in the place's cell and the cells around it."""
        if place.kind != CITY or not self._cells:
            return 0
        i, j = _cell(place.latitude, place.longitude)
        return sum(self._cells.get((i + a, j + b), 0) for a in (-1, 0, 1) for b in (-1, 0, 1))

    def bonus(self, place: Place) -> float:
        """log10(1 + events nearby): ten events nearby weigh as much as a tenfold population."""
        return math.log10(1 + self.near(place))


def prior_of_places(gazetteer, places: Iterable[tuple[str, str, float, float, int]]) -> FeedPrior:
    """A prior from places already known, (location, admin1, latitude, longitude, events):
    the store's events, before a batch is read. Only those that can only be one place count,
    as in a feed: a namesake picked wrongly once must not draw the next ones to it."""
    prior = FeedPrior()
    for location, admin1, latitude, longitude, events in places:
        if gazetteer.only_one_named(location, admin1):
            prior.add(latitude, longitude, events)
    return prior


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return round(latitude / CELL_DEG), round(longitude / CELL_DEG)
