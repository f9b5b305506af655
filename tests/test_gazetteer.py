"""Offline geocoding of the seed's places and the geocode command."""
import csv
import io
import subprocess
import sys

import pytest

from conftest import ROOT
from geo.gazetteer.geometry import haversine_km
from geo.gazetteer import GeoContext
from geo.geocoding import OfflineGeocoder

# (query, expected name, admin1, country, lat, lon, geo_precision)
SEED_PLACES = [
    ("Glukhiv", "Hlukhiv", "Sumy Oblast", "UA", 51.680, 33.917, 1),
    ("Sumy", "Sumy", "Sumy Oblast", "UA", 50.917, 34.799, 1),
    ("region of Sumy", "Sumy Oblast", "Sumy Oblast", "UA", 50.9, 34.3, 3),
    ("Sumy region", "Sumy Oblast", "Sumy Oblast", "UA", 50.9, 34.3, 3),
    ("Odesa", "Odesa", "Odesa Oblast", "UA", 46.486, 30.744, 1),
    ("Odessa", "Odesa", "Odesa Oblast", "UA", 46.486, 30.744, 1),
    ("Kursk region", "Kursk Oblast", "Kursk Oblast", "RU", 51.7, 36.0, 3),
    ("Kursk", "Kursk", "Kursk Oblast", "RU", 51.730, 36.193, 1),
    ("Kiev", "Kyiv", "Kyiv City", "UA", 50.455, 30.524, 1),
    ("Kupiansk", "Kupyansk", "Kharkiv Oblast", "UA", 49.710, 37.616, 1),
    ("Pokrovsk", "Pokrovsk", "Donetsk Oblast", "UA", 48.282, 37.182, 1),
]


@pytest.mark.parametrize("query, name, admin1, country, lat, lon, precision", SEED_PLACES)
def test_seed_places_resolve_offline(gazetteer, query, name, admin1, country, lat, lon, precision):
    p = gazetteer.resolve(query)
    assert (p.name, p.admin1, p.country, p.geo_precision) == (name, admin1, country, precision)
    limit = 10 if precision == 1 else 60
    assert haversine_km(p.latitude, p.longitude, lat, lon) < limit


def test_context_decides_ambiguous_names(gazetteer):
    assert gazetteer.resolve("Odessa", GeoContext(regions={"Texas"})).country == "US"
    assert gazetteer.resolve("Pokrovsk", GeoContext(regions={"Sakha Republic"})).admin1 == "Sakha Republic"
    assert gazetteer.resolve("Pokrovsk").admin1 == "Donetsk Oblast"


def test_curated_aliases_fix_known_data_errors(gazetteer):
    slov = gazetteer.resolve("Sloviansk")
    assert slov.admin1 == "Donetsk Oblast"  # GeoNames gives Nikopol this alternate name
    zap = gazetteer.resolve("Zaporizhzhia")
    assert zap.population > 500000  # the city, not the village with the same main name
    assert gazetteer.resolve("Krasnoarmiisk").name == "Pokrovsk"


def test_geopy_interface(gazetteer):
    from geopy.location import Location
    loc = OfflineGeocoder(gazetteer).geocode("Glukhiv")
    assert isinstance(loc, Location)
    assert loc.raw["admin1"] == "Sumy Oblast" and loc.raw["geo_precision"] == 1
    assert OfflineGeocoder(gazetteer).geocode("Nowhereville Qwxz") is None


def _geocode(*args: str) -> tuple[list[dict], str]:
    r = subprocess.run([sys.executable, "-m", "geo", "geocode", *args], cwd=ROOT, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    return list(csv.DictReader(io.StringIO(r.stdout))), r.stderr


def test_geocode_command_prints_csv_in_query_order():
    rows, _ = _geocode("Glukhiv", "Qwxzv", "Odessa")
    assert list(rows[0].keys()) == ["query", "location", "admin1", "country", "latitude",
                                    "longitude", "geo_precision"]
    assert [row["query"] for row in rows] == ["Glukhiv", "Qwxzv", "Odessa"]
    assert rows[0]["location"] == "Hlukhiv" and rows[1]["latitude"] == ""
    assert rows[2]["country"] == "UA"


def test_geocode_context_bounds_the_answer_and_explain_names_the_layer():
    rows, explained = _geocode("Odessa", "Glukhiv", "--context", "Odessa, Texas", "--explain")
    assert (rows[0]["country"], rows[0]["admin1"], rows[0]["geo_precision"]) == ("US", "Texas", "1")
    # no Glukhiv in Texas: the region the context names, never the Ukrainian town
    assert (rows[1]["location"], rows[1]["geo_precision"]) == ("Texas", "3")
    assert "Glukhiv: no place named 'Glukhiv' known in Texas: the region itself" in explained
    assert "Odessa: GeoNames" in explained


def test_geocode_reads_its_names_as_one_batch_unless_told_each_alone():
    names = ["Kupiansk", "Dvorichna", "Berestove", "--context", "Kharkiv region, Ukraine"]
    together, _ = _geocode(*names)
    alone, _ = _geocode(*names, "--each-alone")
    assert [r["query"] for r in together] == [r["query"] for r in alone] == ["Kupiansk", "Dvorichna", "Berestove"]
    assert together[:2] == alone[:2]  # the sure ones do not move
    # Berestove: the one near Kupiansk and Dvorichna, not Kharkiv region's biggest, far south
    assert float(together[2]["latitude"]) > 49.5 > float(alone[2]["latitude"])


def test_wire_spellings_resolve_without_context(gazetteer):
    """A table of 200 wire spellings (front line, cities, Russia's border regions, Crimea):
    at least 97% within 10 km of the true place with no context at all."""
    rows = list(csv.DictReader(open(ROOT / "tests" / "data" / "wire_spellings.csv", encoding="utf-8")))
    assert len(rows) >= 150
    wrong = []
    for r in rows:
        p = gazetteer.resolve(r["query"])
        limit = 60 if p is not None and p.kind == "region" else 10  # a region's centroid
        if p is None or haversine_km(p.latitude, p.longitude, float(r["latitude"]),
                                     float(r["longitude"])) > limit:
            wrong.append((r["query"], p and (p.name, p.admin1)))
    assert len(wrong) <= 0.03 * len(rows), wrong


@pytest.mark.parametrize("name, context, admin1", [
    ("Odessa", "Odessa, Texas", "Texas"),
    ("Odessa", "the Black Sea port in southern Ukraine", "Odesa Oblast"),
    ("Pokrovsk", "in Russia's Sakha Republic", "Sakha Republic"),
    ("Pokrovsk", "fighting in the Donetsk region", "Donetsk Oblast"),
    ("Donetsk", "a town in Russia's Rostov region", "Rostov Oblast"),
    ("Donetsk", "", "Donetsk Oblast"),
    ("Novomoskovsk", "a chemical plant in the Tula region", "Tula Oblast"),
    ("Novomoskovsk", "the Dnipropetrovsk region", "Dnipropetrovsk Oblast"),
    ("Andriivka", "shelling in the Kharkiv region", "Kharkiv Oblast"),
    ("Andriivka", "shelling in the Donetsk region", "Donetsk Oblast"),
])
def test_ambiguous_names_follow_the_text(gazetteer, name, context, admin1):
    loc = OfflineGeocoder(gazetteer).geocode(name, context=context)
    assert loc.raw["admin1"] == admin1, loc.raw
