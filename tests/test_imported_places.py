"""An ACLED export, imported: every row comes back whole from `export --format acled`, and its
places become the gazetteer's imported layer (kept in the store, consulted first). The file
is one of our own making, with ACLED's columns, an unknown extra column and awkward values."""
import csv
import io
import os
import subprocess
import sys

from conftest import ROOT
from geo.roles import Account
from geo.store import EventStore

HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
          "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
          "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
          "notes,fatalities,tags,timestamp,population_best")
ROWS = [
    # a made-up village in a real raion; coordinates with ACLED's trailing zeros
    'TST1,03 March 2024,2024,1,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,'
    'Military Forces of Russia (2000-),,8,Civilians (Ukraine),Farmers (Ukraine),7,78,Civilian targeting,804,Europe,'
    'Ukraine,Zaporizhia,Polohivskyi,Orikhivska,Testove Pole,47.5600,35.7800,1,Suspilne Media; Telegram,National-Other,'
    '"On 3 March 2024, Russian forces shelled Testove Pole, Zaporizhia region. A farmer was injured.",0,local administrators,1709900000,',
    'TST2,2023-07-15,2023,2,Political violence,Battles,Armed clash,Military Forces of Ukraine (2019-),,1,'
    'Military Forces of Russia (2000-),Wagner Group,8,18,,804,Europe,Ukraine,Donetsk,Bakhmutskyi,,Testove Pole,'
    '48.6000,38.0000,2,Ministry of Defence of Ukraine,Other,"Fighting near Testove Pole (Donetsk).",3,,1690000000,1200',
    'TST3,2022-05-01,2022,3,Strategic developments,Strategic developments,Looting/property destruction,'
    'Military Forces of Russia (2000-),,8,,,0,80,,643,Europe,Russia,Belgorod,Shebekinskiy,,Testovka,'
    '50.4100,36.9000,1,Telegram,New media,"Buildings damaged in Testovka, Belgorod region.",0,,1651400000,',
]


def _write(tmp_path):
    f = tmp_path / "acled_ours.csv"
    f.write_text(HEADER + "\r\n" + "\r\n".join(ROWS) + "\r\n", encoding="utf-8")
    return f


def run_cli(store_url, *args):
    r = subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, env={**os.environ, "GEO_DB": store_url},
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return r


def test_an_imported_acled_row_comes_back_whole(store_url, tmp_path):
    f = _write(tmp_path)
    assert "3 events added" in run_cli(store_url, "import", str(f)).stderr
    out = list(csv.DictReader(io.StringIO(run_cli(store_url, "export", "--format", "acled").stdout)))
    source = {r["event_id_cnty"]: r for r in csv.DictReader(open(f, encoding="utf-8"))}
    assert list(out[0]) == HEADER.split(",")  # ACLED's columns, then the unknown one
    assert len(out) == 3
    for row in out:
        assert row == source[row["event_id_cnty"]]  # every column, as the file had it


def test_an_edit_shows_in_the_export_and_the_rest_stays(store_url, tmp_path):
    run_cli(store_url, "import", str(_write(tmp_path)))
    EventStore(store_url).edit("TST2", {"fatalities": 5, "location": "Testove"}, by=Account("analyst", "editor"))
    out = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(
        run_cli(store_url, "export", "--format", "acled").stdout))}
    assert (out["TST2"]["fatalities"], out["TST2"]["location"]) == ("5", "Testove")
    assert (out["TST2"]["assoc_actor_2"], out["TST2"]["inter2"], out["TST2"]["latitude"]) == \
        ("Wagner Group", "8", "48.6000")


def test_imported_places_answer_first_and_explain_says_so(store_url, tmp_path):
    r = run_cli(store_url, "import", str(_write(tmp_path)))
    assert "3 new places in the gazetteer's imported layer" in r.stderr
    places = {(p["location"], p["admin1"]) for p in EventStore(store_url).imported_places()}
    # ACLED's region spellings become the gazetteer's names
    assert places == {("Testove Pole", "Zaporizhzhia Oblast"), ("Testove Pole", "Donetsk Oblast"),
                      ("Testovka", "Belgorod Oblast")}
    r = run_cli(store_url, "geocode", "Testove Pole", "--context", "Donetsk region, Ukraine", "--explain")
    row = next(csv.DictReader(io.StringIO(r.stdout)))
    assert (row["admin1"], row["latitude"], row["geo_precision"]) == ("Donetsk Oblast", "48.6", "1")
    assert "imported place (Bakhmutskyi, acled_ours.csv)" in r.stderr
    r = run_cli(store_url, "geocode", "Testovka", "--context", "Kursk region, Russia")
    assert next(csv.DictReader(io.StringIO(r.stdout)))["location"] == "Kursk Oblast"  # not in Kursk
