"""The Streamlit script run in-process (AppTest): widgets, summaries and the map's data."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")


def metrics(at):
    return {m.label: m.value for m in at.metric}


def map_script(at) -> str:
    for el in at.get("component_instance") if hasattr(at, "get") else []:
        args = json.loads(el.proto.json_args)
        if "script" in args:
            return args["script"]
    raise AssertionError("no st_folium map rendered")


@pytest.fixture
def app():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def test_starts_on_the_seed(app):
    assert metrics(app) == {"Events": "4", "Killed": "31", "Wounded": "139"}
    assert map_script(app).count("L.circleMarker(") == 4
    regions = app.sidebar.multiselect(key="regions")
    assert "Sumy Oblast" in regions.options


def test_region_filter_updates_summary_and_map(app):
    app.sidebar.multiselect(key="regions").select("Sumy Oblast").run()
    assert metrics(app) == {"Events": "2", "Killed": "21", "Wounded": "84"}
    assert map_script(app).count("L.circleMarker(") == 2
    table = app.dataframe[0].value
    assert list(table["region"]) == ["Sumy Oblast"]


def test_event_type_and_date_filters(app):
    app.sidebar.multiselect(key="types").select("Battles").run()
    assert metrics(app)["Events"] == "1" and metrics(app)["Killed"] == "0"
    app.sidebar.multiselect(key="types").unselect("Battles").run()
    import datetime as dt
    app.sidebar.date_input(key="dates").set_value((dt.date(2024, 11, 18), dt.date(2024, 11, 19))).run()
    # the border-region bombardment ("just days" earlier) falls before the range
    assert metrics(app) == {"Events": "2", "Killed": "19", "Wounded": "55"}


def test_events_option_shows_an_acled_file(tmp_path):
    f = tmp_path / "acled.csv"
    f.write_text("event_id_cnty,event_date,event_type,sub_event_type,country,admin1,location,"
                 "latitude,longitude,notes,fatalities\n"
                 "UKR9,2024-02-16,Battles,Armed clash,Ukraine,Donetsk,Avdiivka,48.14,37.75,fighting,5\n")
    at = AppTest.from_file(APP, default_timeout=120)
    import sys
    old = sys.argv
    sys.argv = ["app.py", "--events", str(f)]
    try:
        at.run()
    finally:
        sys.argv = old
    assert not at.exception, at.exception
    assert metrics(at) == {"Events": "1", "Killed": "5", "Wounded": "0"}
