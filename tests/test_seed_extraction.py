"""The seed AFP dispatch (19 Nov 2024): each incident, the totals, and what is not an incident."""
import csv
import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEED
from geo.contract import COLUMNS


def by_location(events, name):
    found = [e for e in events if e["location"] == name or e["admin1"] == name]
    assert found, f"no event at {name}: {[e['location'] for e in events]}"
    return found


def test_glukhiv_is_one_event_with_nine_killed(seed_events):
    # Three sentences report it (region of Sumy, town of Glukhiv, "the drone attack").
    hits = [e for e in seed_events if e["location"] == "Hlukhiv"]
    assert len(hits) == 1
    e = hits[0]
    assert (e["admin1"], e["country"], e["event_date"]) == ("Sumy Oblast", "UA", "2024-11-19")
    assert e["time_precision"] == 1
    assert e["weapon"] == "drone" and e["sub_event_type"] == "Air/drone strike"
    assert e["fatalities"] == 9 and e["injuries"] is None  # "under the rubble" are missing
    for words in ("region of Sumy", "town of Glukhiv", "The drone attack killed nine"):
        assert words in e["notes"]  # every report of it kept as evidence
    assert abs(e["latitude"] - 51.68) < 0.05 and abs(e["longitude"] - 33.92) < 0.05


def test_earlier_border_region_bombardment(seed_events):
    e = [x for x in seed_events if x["fatalities"] == 12]
    assert len(e) == 1
    e = e[0]
    assert (e["admin1"], e["geo_precision"], e["injuries"]) == ("Sumy Oblast", 3, 84)
    assert e["time_precision"] == 2  # "just days" earlier: the week, not the day
    assert e["event_date"] < "2024-11-19"
    assert e["weapon"] == "air"


def test_odesa_missile_strike_on_monday(seed_events):
    e = [x for x in seed_events if x["location"] == "Odesa"]
    assert len(e) == 1
    e = e[0]
    assert (e["event_date"], e["time_precision"], e["weapon"]) == ("2024-11-18", 1, "missile")
    assert (e["fatalities"], e["injuries"], e["admin1"]) == (10, 55, "Odesa Oblast")


def test_kursk_fighting_without_casualties(seed_events):
    e = [x for x in seed_events if x["admin1"] == "Kursk Oblast"]
    assert e, "the Kursk incursion is an event"
    assert all(x["country"] == "RU" and not x["fatalities"] and not x["injuries"] for x in e)
    august = [x for x in e if x["event_date"] == "2024-08-15"]
    assert august and august[0]["time_precision"] == 3 and august[0]["event_type"] == "Battles"


def test_totals_and_no_other_casualty_events(seed_events):
    assert sum(e["fatalities"] or 0 for e in seed_events) == 31
    assert sum(e["injuries"] or 0 for e in seed_events) == 139
    with_casualties = [e for e in seed_events if (e["fatalities"] or 0) + (e["injuries"] or 0)]
    assert len(with_casualties) == 3
    places = {e["location"] for e in seed_events}
    assert not places & {"Brussels", "Washington", "Kyiv", "Moscow", "Kupyansk", "Pokrovsk"}
    assert all(e["event_date"] != "2022-02-24" for e in seed_events)  # background date
    assert not any("Subscribe" in e["notes"] or "Related Links" in e["notes"] for e in seed_events)


def test_ids_are_stable(extractor, seed_events):
    from geo.articles import read_file
    again = [e.row()["event_id"] for a in read_file(SEED)[0] for e in extractor.extract(a)]
    assert again == [e["event_id"] for e in seed_events]
    assert len(set(again)) == len(again)


def test_cli_writes_contract_columns_and_scores_perfectly(tmp_path):
    out = tmp_path / "events.csv"
    r = subprocess.run([sys.executable, "-m", "geo", "extract", str(ROOT / "seeds"), "-o", str(out)],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == COLUMNS
    assert {r[COLUMNS.index("article_id")] for r in rows[1:]} == {SEED.stem}
    scorer = ROOT.parent / "shared" / "corpus" / "score.py"
    gold = ROOT.parent / "shared" / "seeds" / "gold.jsonl"
    if not scorer.exists():
        pytest.skip("../shared (the scorer) is not beside this checkout")
    r = subprocess.run([sys.executable, str(scorer), str(out), str(gold), "--json"],
                       capture_output=True, text=True, check=True)
    score = json.loads(r.stdout)
    assert score["f1"] == 1.0 and score["killed_ratio"] == 1.0
    assert score["killed_acc"] == score["wounded_acc"] == score["date_acc"] == 1.0
