"""The Streamlit script run in-process (AppTest): every filter, summaries, map data, URL state."""
import datetime as dt
import json
import re
import sys

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from geo.roles import Account

APP = str(ROOT / "dashboard" / "app.py")


def metrics(at):
    return {m.label: m.value for m in at.metric}


def map_args(at) -> dict:
    for el in at.get("component_instance"):
        args = json.loads(el.proto.json_args)
        if "feature_group" in args:
            return args
    raise AssertionError("no st_folium map rendered")


def map_layer(at) -> tuple[dict, str]:
    """The event layer's payload (compact arrays, tables) and display mode sent to the map."""
    m = re.search(r"new GeoEvents.EventLayer\((\{.*\}), (\"[^\"]*\")\);", map_args(at)["feature_group"], re.S)
    return json.loads(m.group(1)), json.loads(m.group(2))


def map_events(at) -> int:
    return map_layer(at)[0]["n"]


@pytest.fixture
def app():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def test_starts_on_the_seed(app):
    assert metrics(app) == {"Events": "4", "Killed": "31", "Wounded": "139"}
    assert map_events(app) == 4
    assert map_args(app)["returned_objects"] == []  # panning does not rerun the script
    assert "Sumy Oblast" in app.sidebar.multiselect(key="region").options


@pytest.mark.parametrize("key, value, expected", [
    ("region", ["Sumy Oblast"], {"Events": "2", "Killed": "21", "Wounded": "84"}),
    ("country", ["RU"], {"Events": "1", "Killed": "0", "Wounded": "0"}),
    ("type", ["Battles"], {"Events": "1", "Killed": "0", "Wounded": "0"}),
    ("subtype", ["Shelling/artillery/missile attack"], {"Events": "1", "Killed": "10", "Wounded": "55"}),
    ("weapon", ["drone"], {"Events": "1", "Killed": "9", "Wounded": "0"}),
    ("actor", ["Military Forces of Ukraine (2019-)"], {"Events": "1", "Killed": "0", "Wounded": "0"}),
])
def test_each_list_filter(app, key, value, expected):
    app.sidebar.multiselect(key=key).set_value(value).run()
    assert metrics(app) == expected
    assert map_events(app) == int(expected["Events"])


def test_minimum_casualties_and_text_search(app):
    app.sidebar.number_input(key="min").set_value(60).run()
    assert metrics(app) == {"Events": "2", "Killed": "22", "Wounded": "139"}
    app.sidebar.number_input(key="min").set_value(0).run()
    app.sidebar.text_input(key="q").input("UNESCO-protected").run()
    assert metrics(app)["Events"] == "1" and metrics(app)["Killed"] == "10"


def test_date_range(app):
    app.sidebar.date_input(key="dates").set_value((dt.date(2024, 11, 18), dt.date(2024, 11, 19))).run()
    # the border-region bombardment ("just days" earlier) falls before the range
    assert metrics(app) == {"Events": "2", "Killed": "19", "Wounded": "55"}


def test_query_string_round_trip():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["region"] = ["Sumy Oblast", "Odesa Oblast"]
    at.query_params["min"] = "20"
    at.run()
    assert not at.exception, at.exception
    assert at.sidebar.multiselect(key="region").value == ["Sumy Oblast", "Odesa Oblast"]
    assert metrics(at) == {"Events": "2", "Killed": "22", "Wounded": "139"}


def test_summary_tables_and_heat_map_mode(app):
    assert len(app.dataframe) == 1  # the events table; the breakdowns' tab is built when opened
    app.session_state["lower_tab"] = "By region and type"
    app.run()
    regions = app.dataframe[0].value
    assert list(regions["region"])[:1] == ["Sumy Oblast"]
    types = app.dataframe[1].value
    assert set(types["event type"]) == {"Explosions/Remote violence", "Battles"}
    app.sidebar.radio(key="mode").set_value("Heat map").run()
    assert map_layer(app)[1] == "Heat map"


def test_limit_to_map_view_asks_for_bounds(app):
    app.sidebar.toggle(key="inview").set_value(True).run()
    assert map_args(app)["returned_objects"] == ["bounds"]


def test_events_option_shows_an_acled_file(tmp_path):
    f = tmp_path / "acled.csv"
    f.write_text("event_id_cnty,event_date,event_type,sub_event_type,country,admin1,location,"
                 "latitude,longitude,notes,fatalities\n"
                 "UKR9,2024-02-16,Battles,Armed clash,Ukraine,Donetsk,Avdiivka,48.14,37.75,fighting,5\n")
    at = AppTest.from_file(APP, default_timeout=120)
    old = sys.argv
    sys.argv = ["app.py", "--events", str(f)]
    try:
        at.run()
    finally:
        sys.argv = old
    assert not at.exception, at.exception
    assert metrics(at) == {"Events": "1", "Killed": "5", "Wounded": "unknown"}  # ACLED codes no wounded


def test_unreachable_store_is_a_clear_message(monkeypatch):
    monkeypatch.setenv("GEO_DB", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert at.error and at.error[0].value.startswith("cannot open the event store (PostgreSQL)")
    assert "nobody" not in at.error[0].value and "127.0.0.1" not in at.error[0].value  # kind, never URL


def test_reads_the_store_and_shows_new_events(tmp_path, monkeypatch, extractor):
    from datetime import date
    from geo.articles import article_from_text
    from geo.store import EventStore
    monkeypatch.setenv("GEO_DB", str(tmp_path / "s.db"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert metrics(at)["Killed"] == "31"  # an empty store starts with seeds/
    store = EventStore(str(tmp_path / "s.db"))
    a = article_from_text("A Russian missile strike on Poltava on Monday killed seven people.", "new",
                          published=date(2024, 11, 19))
    store.add_article(a, [e.row() for e in extractor.extract(a)], Account("analyst", "editor"))
    at.run()
    assert metrics(at)["Killed"] == "38" and metrics(at)["Events"] == "5"


def sign_in(at, name, password):
    at.sidebar.text_input(key="sign_in_name").input(name)
    at.sidebar.text_input(key="sign_in_password").input(password)
    next(b for b in at.sidebar.button if b.label == "Sign in").click().run()
    assert not at.exception, at.exception


def test_add_an_article_and_review_an_event(tmp_path, monkeypatch):
    from geo.accounts import AccountBook
    from geo.roles import command_line
    from geo.store import EventStore
    monkeypatch.setenv("GEO_DB", str(tmp_path / "review.db"))
    AccountBook(EventStore(str(tmp_path / "review.db"))).add("ed", "editor", command_line(),
                                                            password="correct horse 1")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    sign_in(at, "ed", "correct horse 1")
    at.sidebar.text_area(key="paste").input(
        "A Russian missile strike on Poltava on Monday killed seven people and wounded 20.")
    at.sidebar.date_input(key="paste_date").set_value(dt.date(2024, 11, 19))
    at.sidebar.button(key="add_articles").click().run()
    assert not at.exception, at.exception
    at.run()
    assert metrics(at) == {"Events": "5", "Killed": "38", "Wounded": "159"}
    # review: correct Odesa's toll, then check the store and its audit trail
    odesa = next(r for r in EventStore(str(tmp_path / "review.db")).events() if r["location"] == "Odesa")
    at.selectbox(key="review_id").set_value(odesa["event_id"]).run()
    at.number_input(key=f"rv_killed_{odesa['event_id']}").set_value(11)
    at.button(key="rv_save").click().run()
    assert not at.exception, at.exception
    assert metrics(at)["Killed"] == "39"
    store = EventStore(str(tmp_path / "review.db"))
    assert [(h["field"], h["before"], h["after"], h["who"]) for h in store.history(odesa["event_id"])] == \
        [("fatalities", "10", "11", "ed")]


def test_one_store_per_session(tmp_path, monkeypatch):
    """Reruns (filters, modes) reuse the session's store: no new engine per rerun."""
    from geo import store as store_module
    monkeypatch.setenv("GEO_DB", str(tmp_path / "one.db"))
    opened = []
    real_init = store_module.EventStore.__init__

    def counting_init(self, *a, **kw):
        opened.append(a or kw)
        real_init(self, *a, **kw)
    monkeypatch.setattr(store_module.EventStore, "__init__", counting_init)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.sidebar.multiselect(key="region").set_value(["Sumy Oblast"]).run()
    at.sidebar.radio(key="mode").set_value("Heat map").run()
    at.run()
    assert not at.exception, at.exception
    assert metrics(at)["Killed"] == "21"
    assert len(opened) == 1


def _accounts(db):
    from geo.accounts import AccountBook
    from geo.roles import command_line
    from geo.store import EventStore
    book = AccountBook(EventStore(db))
    book.add("vera", "viewer", command_line(), password="viewer password 1")
    book.add("ed", "editor", command_line(), password="editor password 1")


def test_anonymous_visitors_can_be_shown_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_DB", str(tmp_path / "closed.db"))
    monkeypatch.setenv("GEO_ANONYMOUS", "none")
    _accounts(str(tmp_path / "closed.db"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert not at.metric and not at.dataframe and "Sign in to see the events" in at.info[0].value
    sign_in(at, "vera", "viewer password 1")
    assert metrics(at)["Killed"] == "31"  # a viewer sees the events, and nothing to change them with
    assert {b.key for b in at.button} == {"sign_out", "play"} and not at.expander  # no write panel


def test_roles_decide_the_panels_and_a_wrong_password_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_DB", str(tmp_path / "roles.db"))
    _accounts(str(tmp_path / "roles.db"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    panels = lambda: [e.label for e in at.expander]  # noqa: E731
    buttons = lambda: [b.label for b in at.button if b.key != "play"]  # noqa: E731  (play is for viewers)
    assert buttons() == ["Sign in"] and panels() == ["Sign in"]
    sign_in(at, "ed", "not the password")
    assert at.error[0].value == "Wrong account name or password." and panels() == ["Sign in"]
    sign_in(at, "ed", "editor password 1")
    assert panels() == ["Review an event", "Hidden events (0)", "Add articles"]
    next(b for b in at.sidebar.button if b.key == "sign_out").click().run()
    assert panels() == ["Sign in"] and buttons() == ["Sign in"]


def test_online_tiles_only_when_chosen(monkeypatch, tmp_path):
    monkeypatch.setenv("GEO_DB", str(tmp_path / "tiles.db"))
    monkeypatch.setenv("GEO_TILES", "https://tiles.example.org/{z}/{x}/{y}.png")
    monkeypatch.setenv("GEO_TILES_ATTR", "Example tiles")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert "tiles.example.org" not in map_args(at)["script"]  # offline by default
    choice = at.sidebar.selectbox(key="basemap")
    assert choice.options == ["Offline outlines", "Online tiles (Example tiles)"]
    choice.set_value("Online tiles (Example tiles)").run()
    assert not at.exception, at.exception
    script = map_args(at)["script"]
    assert "tiles.example.org" in script and "Example tiles" in script


def test_summaries_do_not_compare_with_a_period_the_data_does_not_cover(app):
    captions = " ".join(c.value for c in app.caption)
    assert "No change shown" in captions
    app.sidebar.date_input(key="dates").set_value((dt.date(2024, 11, 18), dt.date(2024, 11, 19))).run()
    assert "Change against the previous 2 days" in " ".join(c.value for c in app.caption)
    deltas = {m.label: m.delta for m in app.metric}
    assert deltas["Killed"] == "+7"  # 19 killed on the 18th-19th against 12 on the 16th-17th


def test_new_rows_hidden_by_the_filters_are_announced(tmp_path, monkeypatch, extractor):
    from datetime import date
    from geo.articles import article_from_text
    from geo.store import EventStore
    monkeypatch.setenv("GEO_DB", str(tmp_path / "grow.db"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.sidebar.multiselect(key="region").set_value(["Sumy Oblast"]).run()
    assert metrics(at)["Events"] == "2"
    store = EventStore(str(tmp_path / "grow.db"))
    a = article_from_text("A Russian missile strike on Poltava on 21 November killed seven people.", "later",
                          published=date(2024, 11, 22))
    store.add_article(a, [e.row() for e in extractor.extract(a)], Account("analyst", "editor"))
    at.run()
    assert not at.exception, at.exception
    assert any("your filters hide 1 of them" in i.value for i in at.info)
    # the date range followed the data (it covered all of it before): Nov 21 is inside it
    assert at.sidebar.date_input(key="dates").value[1] == dt.date(2024, 11, 21)
    at.sidebar.multiselect(key="region").set_value([]).run()
    assert metrics(at)["Events"] == "5" and not at.info
