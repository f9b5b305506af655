"""The event store on SQLite and on a real PostgreSQL server: idempotent and concurrent ingest,
cross-article merging, reviewed edits that survive, ACLED interchange, clear failures."""
import csv
import io
import json
import os
import subprocess
import sys
from datetime import date

import pytest

from conftest import ROOT, SEED
from geo.articles import article_from_text
from geo.contract import COLUMNS
from geo.roles import Account
from geo.store import EventStore, StoreError

ANALYST = Account("analyst", "editor")


def ingest(store, extractor, text, article_id, published, by=ANALYST, batch=None):
    a = article_from_text(text, article_id, published=published)
    return store.add_article(a, [e.row() for e in extractor.extract(a)], by, batch)


def run_cli(store_url, *args, timeout=300):
    env = {**os.environ, "GEO_DB": store_url}
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_ingest_is_idempotent(store_url):
    first = run_cli(store_url, "ingest", str(ROOT / "seeds"))
    assert first.returncode == 0, first.stderr
    store = EventStore(store_url)
    before = store.counts()
    assert before["articles"] == 1 and before["events"] == 4
    again = run_cli(store_url, "ingest", str(ROOT / "seeds"))
    assert "0 new, 0 events" in again.stderr
    assert EventStore(store_url).counts() == before


def test_two_concurrent_ingests_store_each_event_once(store_url, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    towns = ["Kharkiv", "Kherson", "Sumy", "Poltava", "Dnipro", "Odesa", "Zaporizhzhia", "Mykolaiv"]
    for i, town in enumerate(towns * 3):
        (folder / f"a{i:02d}.txt").write_text(
            f"Title: {i}\nDate: 2024-11-{i % 27 + 1:02d}\n\nA Russian missile strike on {town} "
            f"on Monday killed {i + 1} people and wounded {i + 2}, officials said.\n")
    procs = [subprocess.Popen([sys.executable, "-m", "geo", "ingest", str(folder)], cwd=ROOT,
                              env={**os.environ, "GEO_DB": store_url},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in procs:
        p.wait(300)
        assert p.returncode == 0, p.stderr.read()
    store = EventStore(store_url)
    counts = store.counts()
    assert counts["articles"] == 24
    rows = store.events()
    assert sorted(r["article_id"] for r in rows) == sorted(f"a{i:02d}" for i in range(24))
    assert len({r["event_id"] for r in rows}) == len(rows) == 24


def test_same_incident_in_two_articles_is_one_event(store_url, extractor):
    store = EventStore(store_url)
    ingest(store, extractor, "A Russian drone strike on Chernihiv on Monday killed three people.",
           "early", date(2024, 11, 19))
    ingest(store, extractor, "The death toll from Monday's Russian drone strike on Chernihiv rose: "
           "five people were killed and 12 wounded, officials said on Wednesday.", "later", date(2024, 11, 20))
    rows = [r for r in store.events() if r["location"] == "Chernihiv"]
    assert len(rows) == 1
    r = rows[0]
    assert (r["number_of_sources"], r["fatalities"], r["injuries"]) == (2, 5, 12)
    assert "earlier reports: early (2024-11-19): killed 3" in r["notes"]


def test_an_edit_survives_restart_and_reingest(store_url, extractor):
    store = EventStore(store_url)
    ingest(store, extractor, SEED.read_text(encoding="utf-8"), SEED.stem, date(2024, 11, 19))
    odesa = next(r for r in store.events() if r["location"] == "Odesa")
    store.edit(odesa["event_id"], {"fatalities": 11, "injuries": 56}, by=ANALYST)
    kursk = next(r for r in store.events() if r["admin1"] == "Kursk Oblast")
    store.edit(kursk["event_id"], {"false_positive": True}, by=ANALYST)
    reopened = EventStore(store_url)  # a restart
    assert ingest(reopened, extractor, SEED.read_text(encoding="utf-8"), SEED.stem, date(2024, 11, 19)) == 0
    rows = {r["event_id"]: r for r in reopened.events(include_false=True)}
    assert (rows[odesa["event_id"]]["fatalities"], rows[odesa["event_id"]]["injuries"]) == (11, 56)
    assert rows[odesa["event_id"]]["reviewed"] and rows[kursk["event_id"]]["false_positive"]
    assert kursk["event_id"] not in {r["event_id"] for r in reopened.events()}
    trail = reopened.history(odesa["event_id"])
    assert [(h["field"], h["before"], h["after"], h["who"]) for h in trail] == [
        ("fatalities", "10", "11", "analyst"), ("injuries", "55", "56", "analyst")]
    out = run_cli(store_url, "export")
    exported = {r["event_id"]: r for r in csv.DictReader(io.StringIO(out.stdout))}
    assert exported[odesa["event_id"]]["reviewed"] in ("True", "1")


ACLED_VINTAGE = (
    "\ufeffevent_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,inter1,"
    "actor2,inter2,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities,"
    "extra_column\r\n"
    "UKR1,15 April 2022,2022,1,Battles,Armed clash,Military Forces of Russia (2000-),1,"
    "Military Forces of Ukraine (2019-),1,Ukraine,Donetsk,Marinka,47.94,37.50,1,X,\"On 15 April 2022, fighting.\",2,a\r\n"
    "UKR2,2023-06-01,2023,2,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),"
    "State forces,Civilians (Ukraine),Civilians,Ukraine,Kharkiv,Kupiansk,49.71,37.61,1,Y,"
    "\"A drone hit a house.\",0,b\r\n")


def test_acled_exports_of_other_vintages_import(store_url, tmp_path):
    sample = ROOT.parent / "shared" / "acled" / "acled_export_sample.csv"
    if not sample.exists():
        pytest.skip("../shared/acled/acled_export_sample.csv is not beside the checkout")
    f = tmp_path / "acled.csv"
    f.write_bytes(ACLED_VINTAGE.encode("utf-8"))
    r = run_cli(store_url, "import", str(f), str(sample))
    assert r.returncode == 0, r.stderr
    store = EventStore(store_url)
    rows = {x["event_id"]: x for x in store.events()}
    assert rows["UKR1"]["event_date"] == "2022-04-15" and rows["UKR1"]["admin1"] == "Donetsk Oblast"
    assert rows["UKR2"]["weapon"] == "drone" and rows["UKR2"]["time_precision"] == 2
    n = store.counts()["events"]
    assert n == 2 + 155
    run_cli(store_url, "import", str(f))
    assert EventStore(store_url).counts()["events"] == n  # re-import: no duplicates
    acled = run_cli(store_url, "export", "--format", "acled")
    rows = list(csv.DictReader(io.StringIO(acled.stdout)))
    ukr1 = next(x for x in rows if x["event_id_cnty"] == "UKR1")
    assert (ukr1["event_date"], ukr1["admin1"], ukr1["country"]) == ("15 April 2022", "Donetsk", "Ukraine")
    geo = json.loads(run_cli(store_url, "export", "--format", "geojson").stdout)
    assert len(geo["features"]) == n
    ours = list(csv.reader(io.StringIO(run_cli(store_url, "export").stdout)))
    assert tuple(ours[0][:len(COLUMNS)]) == COLUMNS


def test_unreachable_or_corrupt_store_is_one_clear_error(tmp_path):
    r = run_cli("postgresql+psycopg://nobody@127.0.0.1:1/none", "export")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith("error: cannot open the event store") and "***@" in r.stderr
    bad = tmp_path / "corrupt.db"
    bad.write_bytes(b"this is not a database" * 100)
    r = run_cli(str(bad), "ingest", str(SEED))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "corrupt.db" in r.stderr
    assert bad.read_bytes() == b"this is not a database" * 100  # nothing written over it
    with pytest.raises(StoreError):
        EventStore(str(bad))


def test_a_failure_mid_article_leaves_nothing_half_written(store_url, extractor):
    store = EventStore(store_url)
    a = article_from_text("A Russian drone strike on Sumy on Monday killed two people.", "x",
                          published=date(2024, 11, 19))
    rows = [e.row() for e in extractor.extract(a)]
    broken = rows + [dict(rows[0])]  # the same event id twice: the second insert fails
    assert store.add_article(a, broken, ANALYST) == 0
    assert store.counts() == {"articles": 0, "events": 0, "event_sources": 0, "edits": 0}
    assert store.add_article(a, rows, ANALYST) == 1  # and the article can still be stored afterwards


def test_a_long_read_does_not_block_an_ingest(tmp_path, extractor):
    """A dashboard reading the store (SQLite) must not hold the write lock: an ingest
    that starts while a read transaction is open finishes at once, not after it."""
    import time
    from sqlalchemy import select
    from geo.store import events_table
    db = str(tmp_path / "busy.db")
    reader = EventStore(db)
    with reader.engine.connect() as conn:
        conn.execute(select(events_table)).fetchall()  # a read transaction, left open
        assert conn.in_transaction()
        started = time.monotonic()
        assert ingest(EventStore(db), extractor, "A Russian drone strike on Sumy on Monday killed two people.",
                      "x", date(2024, 11, 19)) == 1
        assert time.monotonic() - started < 5  # the writer would wait 30 s for a reader's lock
        assert conn.in_transaction()


@pytest.mark.parametrize("code, name", [("PL", "Poland"), ("RU", "Russia"), ("MD", "Moldova"), ("UA", "Ukraine")])
def test_country_codes_round_trip_through_an_acled_export(tmp_path, code, name):
    from geo.interchange import read_events_csv, write_events
    row = {c: "" for c in COLUMNS} | {"event_id": "e1", "event_date": "2024-11-18", "time_precision": 1,
                                       "country": code, "admin1": "X", "location": "Y", "latitude": 50.1,
                                       "longitude": 22.0, "geo_precision": 1, "fatalities": 0}
    path = tmp_path / "out.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        write_events([row], f, "acled")
    exported = next(csv.DictReader(open(path, encoding="utf-8")))
    assert exported["country"] == name
    assert read_events_csv(path)[0]["country"] == code
