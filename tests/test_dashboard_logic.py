"""Filtering, summaries, export and map building: pure functions, no Streamlit."""
import csv
import io
import json
from datetime import date

import pandas as pd
import pytest

from dashboard.filtering import Filters, apply_filters, by_region, options, totals
from dashboard.mapview import build_map
from geo.contract import COLUMNS, neutralise_cell
from geo.interchange import EventsFileError, frame_csv, frame_rows, geojson_text, read_events, typed_frame


@pytest.fixture(scope="module")
def seed_frame(seed_events):
    return typed_frame(pd.DataFrame(seed_events, columns=list(COLUMNS)))


def test_totals_on_the_seed(seed_frame):
    assert totals(seed_frame) == {"events": 4, "killed": 31, "wounded": 139}


def test_filters_by_region_type_and_date(seed_frame):
    sumy = apply_filters(seed_frame, Filters(regions=["Sumy Oblast"]))
    assert totals(sumy) == {"events": 2, "killed": 21, "wounded": 84}
    battles = apply_filters(seed_frame, Filters(event_types=["Battles"]))
    assert set(battles["admin1"]) == {"Kursk Oblast"}
    nov18 = apply_filters(seed_frame, Filters(start=date(2024, 11, 18), end=date(2024, 11, 18)))
    assert list(nov18["location"]) == ["Odesa"]
    assert "Sumy Oblast" in options(seed_frame, "admin1")


def test_by_region_table(seed_frame):
    t = by_region(seed_frame)
    assert list(t.columns) == ["region", "events", "killed", "wounded"]
    assert t.iloc[0].to_dict() == {"region": "Sumy Oblast", "events": 2, "killed": 21, "wounded": 84}


def test_export_is_exactly_the_visible_rows_in_contract_order(seed_frame):
    visible = apply_filters(seed_frame, Filters(regions=["Odesa Oblast", "Kursk Oblast"]))
    rows = list(csv.reader(io.StringIO(frame_csv(visible))))
    assert tuple(rows[0]) == COLUMNS
    assert sorted(r[0] for r in rows[1:]) == sorted(visible["event_id"])
    odesa = next(r for r in rows[1:] if r[COLUMNS.index("location")] == "Odesa")
    assert odesa[COLUMNS.index("event_date")] == "2024-11-18"
    assert odesa[COLUMNS.index("fatalities")] == "10"


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+2", "'+1+2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("-cmd", "'-cmd"), ("\tx", "'\tx"), ("-3.5", "-3.5"), (-2, "-2"), ("Kyiv", "Kyiv"), (None, ""),
])
def test_spreadsheet_formulas_are_neutralised(value, expected):
    assert neutralise_cell(value) == expected


def test_popup_and_tooltip_escape_article_text(seed_frame):
    from dashboard.mapview import event_payload
    df = seed_frame.copy()
    df.loc[0, "notes"] = "<img src=x onerror=alert(1)> <script>alert(2)</script>"
    df.loc[0, "location"] = "<b>x</b>"
    text = json.dumps(event_payload(df)[0])  # every string the popups and tooltips are built from
    assert "<img" not in text and "<script" not in text and "&lt;img" in text
    assert "<b>x</b>" not in text
    # folium wraps HTML in JavaScript template literals: no backtick or ${ may survive
    df.loc[0, "notes"] = "`${alert(3)}` \\`"
    df.loc[0, "location"] = "${alert(4)}"
    tables = event_payload(df)[0]
    for value in (*tables["notes"], *tables["places"], *tables["sources"]):
        assert "`" not in value and "${" not in value and "\\" not in value


def test_map_has_one_marker_per_event_and_local_assets(seed_frame):
    from dashboard.assets import install_offline_assets
    install_offline_assets()
    from dashboard.mapview import event_payload
    html = build_map(seed_frame).get_root().render()
    tables, rows = event_payload(seed_frame)
    assert len(rows) == len(seed_frame)  # one row of JSON per event, markers built in JS
    assert html.count("L.circleMarker(") == 1  # one loop, not one object per event
    assert "cdn.jsdelivr" not in html and "/app/static/leaflet.js" in html
    assert "tile.openstreetmap" not in html  # offline: no tiles unless asked for


def test_loading_an_acled_export(tmp_path):
    f = tmp_path / "acled.csv"
    f.write_text("\ufeffevent_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,"
                 "country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities\r\n"
                 "UKR1,16 February 2024,1,Explosions/Remote violence,Air/drone strike,"
                 "Military Forces of Russia (2000-),Ukraine,Kharkiv,Katerynivka,48.93,36.31,2,"
                 "MoD,\"On 16 February 2024, a drone hit.\",0\r\n", encoding="utf-8")
    df = read_events(f)
    r = df.iloc[0]
    assert (r["event_id"], r["country"], r["admin1"], r["weapon"]) == ("UKR1", "UA", "Kharkiv Oblast", "drone")
    assert r["event_date"] == pd.Timestamp("2024-02-16")


def test_unreadable_events_file_is_one_clear_error(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("a,b\n1,2\n")
    with pytest.raises(EventsFileError, match="bad.csv: not an events CSV"):
        read_events(f)


def test_more_filters_timeline_and_geojson(seed_frame):
    from dashboard.filtering import by_type, previous_period, timeline, within_bounds
    import json
    f = Filters(weapons=["missile"], min_casualties=50, text="unesco")
    assert list(apply_filters(seed_frame, f)["location"]) == ["Odesa"]
    assert totals(apply_filters(seed_frame, Filters(actors=["Civilians (Ukraine)"])))["events"] == 2
    tl = timeline(seed_frame)
    assert tl["killed"].sum() == 31 and tl["wounded"].sum() == 139
    assert len(timeline(seed_frame, "D")) == (date(2024, 11, 19) - date(2024, 8, 15)).days + 1
    prev = previous_period(Filters(start=date(2024, 11, 18), end=date(2024, 11, 19)), date(2024, 8, 15),
                           date(2024, 11, 19))
    assert (prev.start, prev.end) == (date(2024, 11, 16), date(2024, 11, 17))
    assert totals(apply_filters(seed_frame, prev))["killed"] == 12
    odesa_only = within_bounds(seed_frame, (46.0, 30.0, 47.0, 31.5))
    assert list(odesa_only["location"]) == ["Odesa"]
    gj = json.loads(geojson_text(frame_rows(odesa_only)))
    assert gj["features"][0]["geometry"]["coordinates"] == [30.74383, 46.48572]
    assert list(gj["features"][0]["properties"]) == list(COLUMNS)
    assert set(by_type(seed_frame)["event type"]) == {"Battles", "Explosions/Remote violence"}


def test_many_events_become_one_marker_per_place(seed_frame):
    import pandas as pd
    from dashboard import mapview
    big = pd.concat([seed_frame] * 6000, ignore_index=True)  # 24,000 events at 4 places
    tables, rows = mapview.event_payload(big)
    assert len(rows) == 4 and sum(r[9] for r in rows) == len(big)
    odesa = rows[tables["places"].index("Odesa")]
    assert (odesa[6], odesa[7], odesa[9]) == (10 * 6000, 55 * 6000, 6000)


def test_fast_csv_export_matches_the_reference_writer(seed_frame):
    from geo.contract import csv_text
    df = seed_frame.copy()
    df.loc[0, "notes"] = '=HYPERLINK("http://x")'
    df.loc[1, "location"] = "-12.5"
    df.loc[2, "source"] = "@SUM(A1)"
    fast = list(csv.reader(io.StringIO(frame_csv(df))))
    reference = list(csv.reader(io.StringIO(csv_text(frame_rows(df)))))
    assert fast == reference
    assert fast[1][COLUMNS.index("notes")].startswith("'=")
    assert fast[2][COLUMNS.index("location")] == "-12.5"  # a number stays a number


def test_review_changes_and_relocation():
    from dashboard.review import edit_changes, relocate
    row = {"event_date": pd.Timestamp("2024-11-18"), "location": "Odesa", "fatalities": 10,
           "injuries": None, "admin1": "Odesa Oblast", "country": "UA"}
    form = {"event_date": date(2024, 11, 18), "location": "Izmail", "fatalities": 10, "injuries": 3}
    changes = edit_changes(row, form)
    assert changes == {"location": "Izmail", "injuries": 3}
    moved, problem = relocate(changes, row)
    assert not problem and moved["admin1"] == "Odesa Oblast" and abs(moved["latitude"] - 45.35) < 0.1
    kept, problem = relocate({"location": "Qwxzv"}, row)
    assert kept == {} and "Qwxzv" in problem
