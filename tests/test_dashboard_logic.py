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


def _strings(payload: dict) -> list[str]:
    """Every string the popups, tooltips and legend are built from."""
    t = payload["tables"]
    out = [*t["types"], *t["subs"], *t["actors"], *(x for p in t["places"] for x in p)]
    for row in payload["details"] or []:
        out += row
    return out


def test_popup_and_tooltip_escape_article_text(seed_frame):
    from dashboard.mapview import event_payload
    df = seed_frame.copy()
    df.loc[0, "notes"] = "<img src=x onerror=alert(1)> <script>alert(2)</script>"
    df.loc[0, "location"] = "<b>x</b>"
    text = json.dumps(_strings(event_payload(df)))
    assert "<img" not in text and "<script" not in text and "&lt;img" in text
    assert "<b>x</b>" not in text
    # folium wraps HTML in JavaScript template literals: no backtick or ${ may survive
    df.loc[0, "notes"] = "`${alert(3)}` \\`"
    df.loc[0, "location"] = "${alert(4)}"
    df.loc[1, "source"] = "`x`"
    for value in _strings(event_payload(df)):
        assert "`" not in value and "${" not in value and "\\" not in value


def _decoded(packed: dict):
    import base64
    import numpy as np
    kinds = {"f32": "<f4", "u8": "<u1", "i8": "<i1", "u16": "<u2", "i16": "<i2", "i32": "<i4"}
    return np.frombuffer(base64.b64decode(packed["b"]), dtype=kinds[packed["t"]])


def test_map_payload_is_compact_arrays_and_assets_are_local(seed_frame):
    from dashboard.assets import install_map_assets, install_offline_assets
    from dashboard.mapview import event_payload
    install_offline_assets()
    url = install_map_assets()
    html = build_map(seed_frame, url).get_root().render()
    payload = event_payload(seed_frame)
    assert payload["n"] == 4 and len(_decoded(payload["lat"])) == 4
    # newest first, dates as days since 1970
    days = _decoded(payload["day"])
    assert list(days) == sorted(days, reverse=True)
    assert date(1970, 1, 1) + pd.Timedelta(days=int(days[0])) == date(2024, 11, 19)
    assert html.count("new GeoEvents.EventLayer(") == 1  # one layer, not one object per event
    for asset in ("/app/static/leaflet.js", "/app/static/supercluster.min.js", "/app/static/geo-events.js"):
        assert asset in html
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html
    assert "tile.openstreetmap" not in html  # offline: no tiles unless chosen


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
    from dashboard.filtering import by_type, previous_period, within_bounds
    from dashboard.timeline import bins_for, timeline
    import json
    f = Filters(weapons=["missile"], min_casualties=50, text="unesco")
    assert list(apply_filters(seed_frame, f)["location"]) == ["Odesa"]
    assert totals(apply_filters(seed_frame, Filters(actors=["Civilians (Ukraine)"])))["events"] == 2
    lo, hi = date(2024, 8, 15), date(2024, 11, 19)
    tl = timeline(seed_frame, bins_for(lo, hi), lo, hi)
    assert tl["killed"].sum() == 31 and tl["wounded"].sum() == 139
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


def test_events_at_one_spot_are_one_stack(seed_frame):
    from dashboard import mapview
    big = pd.concat([seed_frame] * 6000, ignore_index=True)  # 24,000 events at 4 spots
    payload = mapview.event_payload(big)
    assert payload["n"] == len(big)
    pairs = _decoded(payload["shared"]).reshape(-1, 2)  # [event, earlier event at the same spot]
    assert len(pairs) == len(big) - 4  # all but the first event at each of the 4 spots
    lat = _decoded(payload["lat"])
    assert (lat[pairs[:, 0]] == lat[pairs[:, 1]]).all() and (pairs[:, 1] < pairs[:, 0]).all()
    assert payload["details"] is None  # evidence travels with the map only for small sets
    focus = mapview.event_payload(big, focus=big["event_id"].iloc[3])["focus"]
    assert focus["details"][0] == big["event_id"].iloc[3]


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


def test_change_only_where_the_data_covers_the_previous_period(seed_frame):
    from dashboard.filtering import deltas, known_counts, previous_period
    lo, hi = date(2024, 8, 15), date(2024, 11, 19)
    assert previous_period(Filters(), lo, hi) is None  # the period before the data: no comparison
    assert previous_period(Filters(start=date(2024, 8, 20), end=hi), lo, hi) is None
    prev = previous_period(Filters(start=date(2024, 11, 1), end=hi), lo, hi)
    assert (prev.start, prev.end) == (date(2024, 10, 13), date(2024, 10, 31))
    acled_like = seed_frame.assign(injuries=pd.array([None] * len(seed_frame), dtype="Int64"))
    known = known_counts(acled_like)
    assert known == {"killed": True, "wounded": False}
    now = totals(acled_like, known)
    assert now["wounded"] is None and now["killed"] == 31  # unknown, not 0
    assert deltas(now, {"events": 1, "killed": 1, "wounded": None}) == {"events": 3, "killed": 30}
    assert by_region(acled_like, known)["wounded"].isna().all()


@pytest.mark.parametrize("picked, expected_range, says", [
    ((date(2024, 9, 1), date(2024, 9, 30)), (date(2024, 9, 1), date(2024, 9, 30)), ""),
    ((date(2024, 9, 1),), (date(2024, 8, 15), date(2024, 11, 19)), "Pick the end date"),
    ((date(2024, 9, 30), date(2024, 9, 1)), (date(2024, 8, 15), date(2024, 11, 19)), "before the start"),
])
def test_date_range_applies_when_both_ends_are_picked_in_order(picked, expected_range, says):
    from dashboard.filtering import picked_range
    applied, message = picked_range(picked, (date(2024, 8, 15), date(2024, 11, 19)))
    assert applied == expected_range and says in message


@pytest.mark.parametrize("days, name", [(10, "day"), (200, "week (Monday to Sunday)"), (1400, "month"),
                                        (5000, "quarter")])
def test_timeline_bins_are_named_and_follow_the_span(days, name):
    from datetime import timedelta
    from dashboard.timeline import bins_for, play_steps
    start = date(2022, 2, 24)
    bins = bins_for(start, start + timedelta(days=days))
    assert bins.name == name
    steps = play_steps(bins, start, start + timedelta(days=days))
    assert steps[0][0] == start and steps[-1][1] == start + timedelta(days=days)
    assert all(a[1] < b[0] for a, b in zip(steps, steps[1:]))  # one after another, no overlap


def test_timeline_counts_every_bin_and_the_brush_reads_back():
    from dashboard.timeline import Bins, brushed, timeline
    df = pd.DataFrame({"event_date": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-01-15"]),
                       "fatalities": pd.array([1, 2, None], dtype="Int64"),
                       "injuries": pd.array([None, None, None], dtype="Int64")})
    tl = timeline(df, Bins("W-MON", "week", "%d %b"), date(2024, 1, 1), date(2024, 1, 21))
    assert list(tl["events"]) == [2, 0, 1] and list(tl["killed"].fillna(-1)) == [3, -1, -1]
    ms = [pd.Timestamp("2024-01-08").value // 10**6, pd.Timestamp("2024-01-02").value // 10**6]
    assert brushed({"selection": {"period": {"period": ms}}}) == (date(2024, 1, 2), date(2024, 1, 8))
    assert brushed({"selection": {"period": {}}}) is None


def test_filters_follow_new_data(seed_frame):
    from dashboard.following import follow, hidden_new
    old = seed_frame.iloc[:3]
    state = {}
    seen = follow(state, old, ("v1",), None)
    assert state["dates"] == (old["event_date"].min().date(), old["event_date"].max().date())
    assert state["mode"] == "Points"
    state["region"] = ["Sumy Oblast", "Gone Oblast"]
    seen = follow(state, seed_frame, ("v2",), seen)  # one more event arrives
    assert state["dates"] == (date(2024, 8, 15), date(2024, 11, 19))  # the full range follows
    assert state["region"] == ["Sumy Oblast"]  # a value that no longer exists is dropped
    assert len(seen.new_ids) == 1
    new_row = seed_frame.iloc[3]
    hides = new_row["admin1"] != "Sumy Oblast"
    assert hidden_new(seen, apply_filters(seed_frame, Filters(regions=["Sumy Oblast"]))) == int(hides)
    big = pd.concat([seed_frame.assign(event_id=seed_frame["event_id"] + f"-{i}") for i in range(1000)])
    follow(state, big, ("v3",), seen)
    assert state["mode"] == "Clusters"  # the default mode follows the size
    state["mode_chosen"], state["mode"] = True, "Points"
    follow(state, seed_frame, ("v4",), seen)
    assert state["mode"] == "Points"  # unless the user chose one


def test_place_labels_and_approximate_region_borders(gazetteer):
    from shapely.geometry import shape
    from dashboard.basemap import country_outlines
    from dashboard.orientation import place_labels, region_borders
    labels = place_labels(gazetteer)
    names = [row[0] for row in labels]
    assert {"Kyiv", "Kharkiv", "Odesa"} <= set(names) and "Kharkiv Oblast" in names
    assert [row[3] for row in labels] == sorted((row[3] for row in labels), reverse=True)
    borders = {f["properties"]["country"]: shape(f["geometry"]) for f in
               region_borders(gazetteer, country_outlines())["features"]}
    ua = borders["UA"]
    # the border between Kharkiv and Donetsk oblasts runs between Izium (Kharkiv) and Sloviansk (Donetsk)
    from shapely.geometry import LineString
    assert LineString([(37.26, 49.21), (37.61, 48.85)]).intersects(ua)
    assert not LineString([(36.2, 50.0), (36.3, 49.95)]).intersects(ua)  # none inside Kharkiv city
