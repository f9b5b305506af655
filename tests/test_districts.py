"""A place the text puts in a district or community, on sentence shapes of our own: the
district's town, and Ukraine's register (which knows each settlement's raion and hromada),
pick among namesakes, and stand in for a village no data of ours has."""
from datetime import date

import pytest

from geo.articles import article_from_text
from geo.gazetteer.districts import district_bases, district_centre, district_town
from geo.extraction.places import find_places
from geo.gazetteer import CITY
from geo.gazetteer.answers import locate
from geo.gazetteer.beside import in_district
from geo.gazetteer.geometry import haversine_km

MONDAY = date(2024, 11, 18)
KOSTIANTYNIVKA = (48.53, 37.71)
KOSTIANTYNIVKA_MYKOLAIVKA = (48.576, 37.798)  # the village of the town's community
SUDZHA = (51.19, 35.27)


def only_event(extractor, body):
    events = [e.row() for e in extractor.extract(article_from_text(body, "t", published=MONDAY))]
    assert len(events) == 1, [(e["location"], e["admin1"]) for e in events]
    return events[0]


def km_to(event, point):
    return haversine_km(float(event["latitude"]), float(event["longitude"]), *point)


@pytest.mark.parametrize("name, adjective, town", [
    ("Pavlohrad", "skyi", "Pavlohrad"), ("Terniv", "ska", "Ternivka"), ("Loziv", "skyi", "Lozova"),
    ("Glushkov", "skiy", "Glushkovo"), ("Sudzhan", "skiy", "Sudzha"), ("Volokonov", "skiy", "Volokonovka"),
    ("Valuy", "skiy", "Valuyki"),
])
def test_the_names_a_district_adjective_may_come_from(name, adjective, town):
    assert town in district_bases(name, adjective)


@pytest.mark.parametrize("name, adjective, region, town", [
    ("Pokrov", "skyi", "", "Pokrovsk"),  # the bigger of Pokrov and Pokrovsk
    ("Borisov", "skiy", "", "Borisovka"),  # Russia's, not Belarus's Borisov
    ("Pokrov", "ske", "Dnipropetrovsk Oblast", "Pokrovske"),  # a neuter word is the town's own name
    ("Korenev", "skiy", "Kursk Oblast", "Korenevo"),
])
def test_a_district_is_found_by_its_town(gazetteer, name, adjective, region, town):
    assert district_town(gazetteer, name, adjective, region).name == town


def test_every_curated_district_has_its_centre_in_its_region(gazetteer):
    from geo.gazetteer.build import read_table
    rows = read_table("districts.csv")
    assert len(rows) == 75  # every district of Belgorod, Kursk and Bryansk regions
    for row in rows:
        stem = row["district"].removesuffix("skiy")
        town = district_centre(gazetteer, stem, row["admin1"])
        assert town is not None and town.admin1 == row["admin1"], row


@pytest.mark.parametrize("district, region, centre", [
    ("Krasnoyaruzhskiy", "Belgorod", (50.80, 35.66)),  # Krasnaya Yaruga: not named as its district
    ("Novooskolskiy", "Belgorod", (50.76, 37.86)),  # Novyy Oskol
    ("Belovskiy", "Kursk", (51.06, 35.71)),  # Belaya
    ("Brasovskiy", "Bryansk", (52.57, 34.58)),  # Lokot
])
def test_a_russian_border_district_is_found_by_its_centre(extractor, district, region, centre):
    e = only_event(extractor, f"Ukrainian drones struck the village of Novaya Zaimka ({district}, {region}) "
                              "on Monday, wounding two people.")
    assert (e["location"], e["admin1"], e["geo_precision"]) == ("Novaya Zaimka", f"{region} Oblast", 2)
    assert km_to(e, centre) < 5


def test_a_village_no_data_has_is_placed_at_its_district_town(extractor):
    # a made-up village: its district's town (geo_precision 2), not the region's middle
    e = only_event(extractor, "Ukrainian drones struck the village of Novaya Zaimka (Sudzhanskiy district, "
                              "Kursk region) on Monday, wounding two people.")
    assert (e["location"], e["admin1"], e["geo_precision"]) == ("Novaya Zaimka", "Kursk Oblast", 2)
    assert km_to(e, SUDZHA) < 5


@pytest.mark.parametrize("body", [
    "Ukrainian drones struck the village of Novaya Zaimka (Sudzhanskiy, Kursk) on Monday, wounding two people.",
    "Ukrainian drones struck Novaya Zaimka (likely the Sudzhanskiy district, Kursk) on Monday, wounding a man.",
])
def test_the_short_district_and_region_in_brackets(extractor, body):
    e = only_event(extractor, body)
    assert (e["location"], e["admin1"], e["geo_precision"]) == ("Novaya Zaimka", "Kursk Oblast", 2)
    assert km_to(e, SUDZHA) < 5


@pytest.mark.parametrize("district, centre", [
    ("Valuyki i Valuyskiy", (50.21, 38.10)),  # a district merged with its town, named with it
    ("Valuyki I Valuyskiy", (50.21, 38.10)),
    ("Alekseevskiy i gorod Alekseevka", (50.63, 38.69)),
])
def test_a_district_named_with_its_town(extractor, district, centre):
    e = only_event(extractor, f"Ukrainian drones struck Novaya Zaimka ({district}, Belgorod) on Monday, "
                              "wounding two people.")
    assert (e["location"], e["admin1"], e["geo_precision"]) == ("Novaya Zaimka", "Belgorod Oblast", 2)
    assert km_to(e, centre) < 5


def test_a_community_picks_the_namesake_the_register_puts_in_it(extractor):
    # Donetsk region has a dozen Mykolaivkas; the bare name means the town near Sloviansk, 37 km
    # from Kostiantynivka. The register's Mykolaivka of the Kostiantynivka community is meant.
    e = only_event(extractor, "Russian forces shelled Mykolaivka, Donetsk region (the Kostiantynivka "
                              "community), on Monday, killing a woman.")
    assert e["admin1"] == "Donetsk Oblast" and e["location"] in ("Mykolaivka", "Mykolayivka")
    assert km_to(e, KOSTIANTYNIVKA_MYKOLAIVKA) < 2


def test_a_community_between_a_village_and_its_region(extractor):
    # not the city of Kostiantynivka, 77 km away: the village of the Marinka community
    e = only_event(extractor, "Russian forces shelled Kostiantynivka in the Marinka community of the Donetsk "
                              "region on Monday, killing a soldier.")
    assert e["admin1"] == "Donetsk Oblast"
    assert km_to(e, (47.95, 37.50)) < 15


def test_a_raion_picks_the_namesake_the_register_puts_in_it(extractor):
    # Kherson region's Ivanivkas lie far apart; the one of the Henichesk raion, 60 km from its town
    e = only_event(extractor, "Russian drones struck Ivanivka, Henicheskyi district, Kherson region, "
                              "on Monday, killing a man.")
    assert (e["location"], e["admin1"]) == ("Ivanivka", "Kherson Oblast")
    assert km_to(e, (46.71, 34.55)) < 10


def test_a_community_named_after_its_town(extractor):
    e = only_event(extractor, "Russian artillery shelled the Pokrovske territorial community, Dnipropetrovsk "
                              "region, on Monday, wounding a man.")
    assert (e["location"], e["admin1"]) == ("Pokrovske", "Dnipropetrovsk Oblast")
    assert km_to(e, (47.98, 36.23)) < 5  # not the city of Pokrov, 160 km west


@pytest.mark.parametrize("body, place", [
    # named after a poet, a river, a street: parts of the city, not districts around a town
    ("A missile hit a kindergarten in the Shevchenkivskyi district of the capital on Monday, wounding five "
     "people.", ("Kyiv City", 1, (50.45, 30.52))),  # GeoNames has this one's own point
    ("A missile struck the Holosiivskyi district of Kyiv on Monday, wounding three people.",
     ("Kyiv City", 1, (50.45, 30.52))),
    ("A Russian drone hit a residential building in Kherson's Dniprovskyi district on Monday, killing two people.",
     ("Kherson Oblast", 1, (46.64, 32.61))),
    ("Russian shelling of Kharkiv's Saltivskyi district on Monday wounded five people.",
     ("Kharkiv Oblast", 1, (49.98, 36.25))),
    # a district of a region is around its town
    ("Russian forces shelled the Pokrovsk district of the Donetsk region on Monday, killing two civilians.",
     ("Donetsk Oblast", 2, (48.28, 37.18))),
])
def test_a_district_of_a_city_is_that_city(extractor, body, place):
    region, precision, city = place
    e = only_event(extractor, body)
    assert (e["admin1"], e["geo_precision"]) == (region, precision)
    assert km_to(e, city) < 10


def test_a_district_is_named_after_a_town_not_a_village_only_the_post_knows(extractor):
    # Kyiv's Darnytskyi district: no raion, and no town Darnytske (a village of Volyn has the name)
    events = [e.row() for e in extractor.extract(article_from_text(
        "Russia attacked Kyiv with drones overnight. Debris fell in the Darnytskyi district, injuring two people.",
        "t", published=MONDAY))]
    assert [(e["location"], e["injuries"]) for e in events] == [("Kyiv", 2)]


def test_a_district_yields_to_the_village_it_names(extractor):
    e = only_event(extractor, "Ukrainian drones hit several villages across the Shebekino district on Monday, "
                              "including Novaya Tavolzhanka, wounding a man.")
    assert (e["location"], e["admin1"]) == ("Novaya Tavolzhanka", "Belgorod Oblast")


def test_a_raion_yields_to_a_community_in_it(extractor):
    e = only_event(extractor, "In the Nikopol district, Russian artillery shelled the Marhanets community on "
                              "Monday, wounding a woman.")
    assert (e["location"], e["admin1"], e["geo_precision"]) == ("Marhanets", "Dnipropetrovsk Oblast", 2)


def test_a_district_does_not_yield_to_a_namesake_far_away(extractor):
    # the district's own Murom is in no data of ours; the city of Murom is 680 km away
    e = only_event(extractor, "Ukrainian drones hit five villages across the Shebekino district on Monday, "
                              "including Murom, wounding a man.")
    assert (e["location"], e["admin1"], e["geo_precision"]) == ("Shebekino", "Belgorod Oblast", 2)


def test_a_list_of_towns_is_no_town_and_its_region(gazetteer):
    (kyiv, *_) = find_places("Saboteurs set fire to military vehicles in Kyiv, Odesa, and Dnipro on Monday.",
                             gazetteer)
    assert (kyiv.text, kyiv.within) == ("Kyiv", "")


def test_a_name_tied_to_a_region_once_is_that_place_throughout(extractor):
    # the bare 'Horodyshche' comes first; the coder's note ties it to Luhansk region, where
    # several Horodyshches lie: the first mention must not pull the tied one to another
    e = only_event(extractor, "Sappers cleared mines in Horodyshche and Kreidiane on Monday after a tractor "
                              "driver was wounded (coded to Horodyshche, Luhansk).")
    assert (e["location"], e["admin1"]) == ("Horodyshche", "Luhansk Oblast")
    assert km_to(e, (48.32, 38.64)) < 5


def test_the_register_knows_each_settlements_raion_and_hromada(gazetteer):
    town = district_town(gazetteer, "Kostiantynivka", None, "Donetsk Oblast")
    village = in_district(gazetteer, "Mykolaivka", town, level="hromada")
    assert town.hromada and village.hromada == town.hromada and village.raion == town.raion
    # its own GeoNames point, 9 km from the town (it was at its hromada centre while
    # the centre of the Mykolaivka hromada, near Sloviansk, was drawn at the wrong namesake)
    assert village.kind == CITY and village.geo_precision == 1 and haversine_km(
        village.latitude, village.longitude, *KOSTIANTYNIVKA_MYKOLAIVKA) < 2


def test_unknown_in_a_district_says_why(gazetteer):
    town = gazetteer.resolve("Sudzha", kinds=(CITY,), within="Kursk Oblast")
    place = in_district(gazetteer, "Novaya Zaimka", town)
    assert (place.name, place.admin1, place.geo_precision) == ("Novaya Zaimka", "Kursk Oblast", 2)
    assert (place.latitude, place.longitude) == (town.latitude, town.longitude)
    assert "Sudzha" in place.reason


@pytest.mark.parametrize("query, context, point, precision", [
    ("Novaya Zaimka", "Sudzhanskiy district, Kursk region", SUDZHA, 2),
    ("Mykolaivka", "Kostiantynivka community, Donetsk region", KOSTIANTYNIVKA_MYKOLAIVKA, 1),
])
def test_geocode_reads_a_district_in_its_context(gazetteer, query, context, point, precision):
    place = locate(gazetteer, query, context)
    assert place.geo_precision == precision
    assert haversine_km(place.latitude, place.longitude, *point) < 5


def test_geocode_picks_among_the_namesakes_of_the_raion_in_its_context(gazetteer):
    # Kharkiv oblast has a dozen Ivanivkas; three are in Kupianskyi raion, none of them Prolisne's
    kupiansk = gazetteer.resolve("Kupiansk", within="Kharkiv Oblast")
    place = locate(gazetteer, "Ivanivka", "Kupianskyi raion, Kharkiv oblast")
    assert (place.name, place.raion) == ("Ivanivka", kupiansk.raion)
