"""A feed's sure places rank its namesakes: war reporting clusters on the front."""
import json
from datetime import date

import pytest

from geo.articles import article_from_text
from geo.extraction import Extractor, extract_paths
from geo.gazetteer import CITY, Place
from geo.gazetteer.answers import locate, locate_all
from geo.gazetteer.geometry import haversine_km
from geo.gazetteer.prior import FeedPrior
from geo.ingest import IntakeLimits, ingest_articles
from geo.roles import Account
from geo.store import EventStore, place_counts

MONDAY = date(2024, 11, 18)
KUPIANSK = (49.71, 37.62)
SURE = "Russian forces shelled Kupiansk, Kharkiv region, on Monday, killing a man."
NAMESAKE = "Russian forces shelled Berestove, Kharkiv region, on Monday, wounding a man."


def place_of(extractor, text):
    (e,) = [e.row() for e in extractor.extract(article_from_text(text, "t", published=MONDAY))]
    return e


def test_a_prior_counts_events_in_a_places_cell_and_around_it():
    prior = FeedPrior()
    for lat, lon in ((49.71, 37.62), (49.85, 37.68), (49.72, 37.71), (46.48, 30.74)):
        prior.add(lat, lon)
    kupiansk = Place("Kupiansk", "UA", "Kharkiv Oblast", *KUPIANSK, 27000, CITY)
    odesa = Place("Odesa", "UA", "Odesa Oblast", 46.48, 30.74, 1000000, CITY)
    lviv = Place("Lviv", "UA", "Lviv Oblast", 49.84, 24.03, 700000, CITY)
    assert (prior.near(kupiansk), prior.near(odesa), prior.near(lviv), len(prior)) == (3, 1, 0, 4)
    assert prior.bonus(lviv) == 0 < prior.bonus(odesa) < prior.bonus(kupiansk)


def test_a_feed_learns_only_from_places_that_can_be_only_one(gazetteer):
    assert gazetteer.only_one_named("Kupyansk", "Kharkiv Oblast")
    assert not gazetteer.only_one_named("Berestove", "Kharkiv Oblast")


def test_a_feed_ranks_a_namesake_by_where_its_events_are(gazetteer):
    # Kharkiv region has several Berestoves; alone, the name means one 150 km south of Kupiansk
    alone = place_of(Extractor(gazetteer), NAMESAKE)
    fed = Extractor(gazetteer, feed=FeedPrior())
    place_of(fed, SURE)
    in_feed = place_of(fed, NAMESAKE)
    assert haversine_km(float(alone["latitude"]), float(alone["longitude"]), *KUPIANSK) > 100
    assert haversine_km(float(in_feed["latitude"]), float(in_feed["longitude"]), *KUPIANSK) < 30
    assert in_feed["location"] == "Berestove"


def test_without_a_feed_each_article_is_read_alone(extractor):
    before = place_of(extractor, NAMESAKE)
    for _ in range(3):
        place_of(extractor, SURE)
    assert place_of(extractor, NAMESAKE) == before


def test_extract_reads_a_file_as_one_feed(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"title": f"t{i}", "date": "2024-11-18", "text": text}) + "\n"
                            for i, text in enumerate((SURE, NAMESAKE))), encoding="utf-8")
    rows, failed = extract_paths([str(feed)], report=lambda message: None)
    berestove = next(r for r in rows if r["location"] == "Berestove")
    assert failed == 0
    assert haversine_km(float(berestove["latitude"]), float(berestove["longitude"]), *KUPIANSK) < 30


@pytest.mark.parametrize("limits", [None, IntakeLimits(seconds=60)], ids=["in process", "timed child"])
def test_an_ingested_batch_is_one_feed(tmp_path, limits):
    store = EventStore(f"sqlite:///{tmp_path / 'events.db'}")
    batch = [article_from_text(text, f"a{i}", published=MONDAY) for i, text in enumerate((SURE, NAMESAKE))]
    ingest_articles(store, batch, Account("ed", "editor"), limits=limits)
    berestove = next(r for r in store.events() if r["location"] == "Berestove")
    assert haversine_km(float(berestove["latitude"]), float(berestove["longitude"]), *KUPIANSK) < 30


def test_names_geocoded_together_are_read_as_one_batch(gazetteer):
    names = ["Kupiansk", "Dvorichna", "Berestove"]
    together = dict(zip(names, locate_all(gazetteer, names, "Kharkiv region, Ukraine")))
    alone = locate(gazetteer, "Berestove", "Kharkiv region, Ukraine")
    assert haversine_km(together["Berestove"].latitude, together["Berestove"].longitude, *KUPIANSK) < 30
    assert haversine_km(alone.latitude, alone.longitude, *KUPIANSK) > 100
    assert together["Kupiansk"].name == "Kupyansk" and "events of this feed nearby" in together["Berestove"].reason


@pytest.mark.parametrize("limits", [None, IntakeLimits(seconds=60)], ids=["in process", "timed child"])
def test_the_stores_events_rank_a_later_batchs_namesakes(store_url, limits):
    store = EventStore(store_url)
    editor = Account("ed", "editor")
    ingest_articles(store, [article_from_text(SURE, "first", published=MONDAY)], editor)
    assert [(p[0], p[4]) for p in place_counts(store)] == [("Kupyansk", 1)]
    ingest_articles(store, [article_from_text(NAMESAKE, "later", published=MONDAY)], editor, limits=limits)
    berestove = next(r for r in store.events() if r["location"] == "Berestove")
    assert haversine_km(float(berestove["latitude"]), float(berestove["longitude"]), *KUPIANSK) < 30
