"""The real dashboard: `streamlit run` on 127.0.0.1, driven in headless Chromium, offline.

Every request that leaves 127.0.0.1 is aborted, so the test proves the map renders with
no internet. Under CI the test must run; elsewhere it skips when Chromium is missing.
"""
import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from geo.contract import COLUMNS

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# README's docs/screenshot.png is made with GEO_SCREENSHOT=docs/screenshot.png.
SCREENSHOT = ROOT / os.environ.get("GEO_SCREENSHOT", "test-artifacts/dashboard.png")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _streamlit(*app_args):
    """Start `streamlit run` on 127.0.0.1; yields its URL, stops it afterwards."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing under CI: .ci/run must install it")
        pytest.skip("Debian's chromium is not installed")
    port = _free_port()
    extra = ["--", *app_args] if app_args else []
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("streamlit exited: " + proc.stdout.read())
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def server():
    yield from _streamlit()


HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert('s')</script>", "\"><svg onload=alert(2)>",
           "`${alert(3)}`", "';alert(4);//"]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    f = tmp_path_factory.mktemp("xss") / "events.csv"
    with open(f, "w", newline="", encoding="utf-8") as out:
        w = csv.DictWriter(out, fieldnames=COLUMNS)
        w.writeheader()
        for i, payload in enumerate(HOSTILE):
            w.writerow({"event_id": f"x{i}", "event_date": "2024-11-19", "time_precision": 1,
                        "event_type": "Explosions/Remote violence" + (payload if i == 4 else ""),
                        "sub_event_type": "Air/drone strike", "weapon": "drone",
                        "country": "UA", "admin1": "Sumy Oblast" + payload, "location": payload,
                        "latitude": 50.9 + i / 10, "longitude": 34.8, "geo_precision": 1,
                        "fatalities": 1, "injuries": 0, "article_id": payload, "source": payload,
                        "notes": f"Evidence {payload} end"})
    yield from _streamlit("--events", str(f))


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
        page = context.new_page()
        page.outside = []
        page.dialogs = []

        def route(r):
            if r.request.url.startswith("http://127.0.0.1"):
                r.continue_()
            else:  # no internet: anything else would hang or leak
                page.outside.append(r.request.url)
                r.abort()
        page.route("**/*", route)
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        yield page
        browser.close()


def metric(page, label) -> str:
    box = page.locator("[data-testid='stMetric']", has_text=label)
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def map_frame(page):
    # during a rerun the old and the new map iframe coexist for a moment: the newest one
    frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']").last
    frame.locator(".leaflet-container").wait_for(timeout=60000)
    return frame


# Opens every event's popup through the event layer, as a click would, and returns the texts.
_OPEN_POPUPS = """el => {
  const layer = window.__eventLayer, texts = [];
  for (let i = 0; i < layer.n; i++) {
    const popup = layer.openEvent(i);
    texts.push(popup.getElement().querySelector('.leaflet-popup-content').innerText);
    window.map.closePopup(popup);
  }
  return texts;
}"""


def popup_texts(frame) -> list[str]:
    return frame.locator(".leaflet-container").evaluate(_OPEN_POPUPS)


def drawn(frame) -> dict:
    """What the event layer draws now: {n: events, dots, bubbles: [{kind, n, lat, lon}]}."""
    return frame.locator(".leaflet-container").evaluate(
        "el => window.__eventLayer ? Object.assign({n: window.__eventLayer.n}, window.__eventLayer.drawn()) "
        ": {n: -1, dots: 0, bubbles: []}")


def wait_for(predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    raise AssertionError("condition not met in time")


def wait_idle(page):
    """Until Streamlit has finished the current run (a click during a rerun can be lost)."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=30000)


def _download(page, label, tmp_path) -> str:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    for attempt in range(3):
        wait_idle(page)
        try:
            with page.expect_download(timeout=10000) as dl:
                page.get_by_role("button", name=label).click()
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    return path.read_text(encoding="utf-8")


def test_dashboard_offline_map_filter_view_and_exports(page, server, tmp_path):
    page.goto(server)
    page.get_by_text("Visible events").wait_for(timeout=60000)
    assert metric(page, "Killed") == "31" and metric(page, "Wounded") == "139"
    frame = map_frame(page)
    wait_for(lambda: drawn(frame)["dots"] == 4)
    assert frame.locator("#map-legend").inner_text().count("Explosions/Remote violence") == 1
    wait_for(lambda: frame.locator(".leaflet-outlines-pane path").count() > 4)  # country outlines drawn
    assert page.locator("[data-testid='stVegaLiteChart']").count() >= 1  # the timeline
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # Zoom in first: the view must survive the filter change below.
    frame.locator(".leaflet-container").evaluate("el => window.map.setView([51.2, 34.0], 8)")
    page.wait_for_timeout(800)

    # Filter to one region: summary, map and table follow; the URL carries the filter.
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']", has_text="Region").click()
    page.get_by_role("option", name="Sumy Oblast").click()
    page.keyboard.press("Escape")
    wait_for(lambda: metric(page, "Killed") == "21")
    assert metric(page, "Wounded") == "84" and metric(page, "Events") == "2"
    wait_for(lambda: "region=Sumy" in page.url)
    frame = map_frame(page)
    wait_for(lambda: drawn(frame)["n"] == 2)
    # both events were in view: the region filter keeps the analyst's view
    assert frame.locator(".leaflet-container").evaluate("el => window.map.getZoom()") == 8

    rows = list(csv.DictReader(io.StringIO(_download(page, "Download CSV", tmp_path))))
    assert tuple(rows[0].keys()) == COLUMNS
    assert sorted((r["location"], r["fatalities"], r["injuries"]) for r in rows) == \
        [("Hlukhiv", "9", ""), ("Sumy Oblast", "12", "84")]
    geo = json.loads(_download(page, "Download GeoJSON", tmp_path))
    assert sorted(f["properties"]["location"] for f in geo["features"]) == ["Hlukhiv", "Sumy Oblast"]

    # Each popup shows the evidence as text.
    texts = popup_texts(frame)
    assert len(texts) == 2 and all("Killed:" in t and "Source:" in t for t in texts)
    assert all("Air/drone strike" in t or "Armed clash" in t or "Shelling" in t for t in texts)  # sub-type
    assert any("region only" in t for t in texts) and any("exact place" in t for t in texts)  # precision

    # The shared link opens the same view.
    page.goto(page.url)
    page.get_by_text("Visible events").wait_for(timeout=60000)
    wait_for(lambda: metric(page, "Killed") == "21")

    assert page.outside == [], page.outside  # nothing was fetched from outside
    assert page.dialogs == []


def test_downloads_are_sent_uncompressed(page, server):
    """Gzip at level 9 cost 1.4 s of server CPU per click on a 73 MB CSV (dashboard/serving.py);
    a browser that asks for gzip gets the CSV as it is, whole."""
    page.goto(server)
    page.get_by_text("Visible events").wait_for(timeout=60000)
    wait_idle(page)
    with page.expect_download(timeout=10000) as dl:
        page.get_by_role("button", name="Download CSV").click()
    reply = page.request.get(dl.value.url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert reply.ok and len(reply.body()) > 500  # above the size Starlette would compress
    assert "content-encoding" not in reply.headers, reply.headers
    assert reply.body() == Path(dl.value.path()).read_bytes()


def test_limit_to_map_view(page, server, tmp_path):
    page.goto(server + "/?inview=true")  # the toggle, shared through the link
    page.get_by_text("Visible events").wait_for(timeout=60000)
    assert page.get_by_role("switch").is_checked()
    frame = map_frame(page)
    wait_for(lambda: drawn(frame)["dots"] == 4)
    page.wait_for_timeout(1500)  # the map reports its first bounds
    # zoom onto Odesa, as a user would: the table, summaries and export follow
    frame.locator(".leaflet-container").evaluate("el => window.map.setView([46.48, 30.74], 10)")
    wait_for(lambda: metric(page, "Events") == "1", timeout=30)
    assert metric(page, "Killed") == "10" and metric(page, "Wounded") == "55"
    rows = list(csv.DictReader(io.StringIO(_download(page, "Download CSV", tmp_path))))
    assert [r["location"] for r in rows] == ["Odesa"]


def test_article_text_is_shown_as_text_never_run(page, hostile_server):
    page.goto(hostile_server)
    page.get_by_text("Visible events").wait_for(timeout=60000)
    frame = map_frame(page)
    wait_for(lambda: drawn(frame)["n"] == len(HOSTILE))
    texts = popup_texts(frame)
    for payload in HOSTILE:  # each shown literally, as text
        assert any(f"Evidence {payload} end" in t for t in texts), (payload, texts)
    for i in range(len(HOSTILE)):  # tooltips too: hover each event
        frame.locator(".leaflet-container").evaluate(
            "(el, i) => { const l = window.__eventLayer; window.map.setView([l._lat[i], l._lon[i]], 12, {animate: false});"
            " window.map.fire('mousemove', {latlng: L.latLng(l._lat[i], l._lon[i])}); }", i)
        page.wait_for_timeout(300)
        assert frame.locator(".leaflet-tooltip").count() == 1
    assert frame.locator(".leaflet-popup-content img, .leaflet-popup-content script, "
                         ".leaflet-popup-content svg, .leaflet-tooltip img").count() == 0
    assert frame.locator("#map-legend img").count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []  # no alert() ran anywhere


def _saturated_pixels_near(png: bytes, points: list[tuple[float, float]], box: int = 18) -> int:
    """Strongly coloured pixels (event colours, clusters, heat) around the given points.
    The offline land (#f4f1ea), sea (#cfe3f0), borders and labels are all near-grey."""
    from PIL import Image
    img = Image.open(io.BytesIO(png)).convert("RGB")
    count = 0
    for x, y in points:
        for px in range(max(0, int(x) - box), min(img.width, int(x) + box)):
            for py in range(max(0, int(y) - box), min(img.height, int(y) + box)):
                r, g, b = img.getpixel((px, py))
                count += max(r, g, b) - min(r, g, b) > 90
    return count


_ON_LAND = """el => {
  const l = window.__eventLayer, out = [];
  for (let i = 0; i < l.n; i++) {
    const p = window.map.latLngToContainerPoint([l._lat[i], l._lon[i]]);
    out.push([p.x, p.y]);
  }
  return out;
}"""


@pytest.mark.parametrize("mode", ["Clusters", "Points", "Heat map"])
def test_each_mode_draws_the_events_visibly_over_land(page, server, mode):
    page.goto(server + "/?mode=" + mode.replace(" ", "+"))
    page.get_by_text("Visible events").wait_for(timeout=60000)
    frame = map_frame(page)
    wait_for(lambda: drawn(frame)["n"] == 4)
    wait_for(lambda: frame.locator(".leaflet-container").evaluate("el => window.__orientation") == "ready")
    page.wait_for_timeout(1500)  # the heat map draws on the next frame
    points = frame.locator(".leaflet-container").evaluate(_ON_LAND)
    png = page.locator("iframe[title='streamlit_folium.st_folium']").last.screenshot()
    # the seed's events are all in Ukraine and Russia's border regions: on land
    assert _saturated_pixels_near(png, points) > 80, mode
    page.screenshot(path=str(SCREENSHOT.parent / f"mode-{mode.replace(' ', '-').lower()}.png"))


def test_town_names_are_readable_and_region_borders_drawn(page, server):
    page.goto(server)
    page.get_by_text("Visible events").wait_for(timeout=60000)
    frame = map_frame(page)
    wait_for(lambda: frame.locator(".town-label").count() >= 3)
    boxes = frame.locator(".town-label").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);"
        " return {t: e.textContent, x: r.left, y: r.top, w: r.width, h: r.height, f: parseFloat(s.fontSize)}; })")
    size = frame.locator(".leaflet-container").evaluate("el => [el.clientWidth, el.clientHeight]")
    inside = [b for b in boxes if 0 <= b["x"] and b["x"] + b["w"] <= size[0] and 0 <= b["y"] <= size[1] - b["h"]]
    assert len(inside) >= 3 and all(b["f"] >= 11 for b in inside)
    overlaps = [(a["t"], b["t"]) for i, a in enumerate(inside) for b in inside[i + 1:]
                if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"]
                and b["y"] < a["y"] + a["h"]]
    assert not overlaps
    names = {b["t"] for b in inside}
    assert {"Kyiv", "Kharkiv", "Sumy"} & names, names  # towns the seed's events lie around
    # zoomed in, more (smaller) places are named
    smallest = "els => Math.min(...els.map(e => +e.getAttribute('data-population')))"
    at_country_zoom = frame.locator(".town-label").evaluate_all(smallest)
    frame.locator(".leaflet-container").evaluate("el => window.map.setView([50.9, 34.8], 10, {animate: false})")
    wait_for(lambda: frame.locator(".town-label").evaluate_all(smallest) < at_country_zoom / 10)
    assert frame.locator(".leaflet-borders-pane path").count() >= 1  # approximate region borders


ACLED_SAMPLE = ROOT.parent / "shared" / "acled" / "acled_export_sample.csv"


@pytest.fixture(scope="module")
def acled_server():
    if not ACLED_SAMPLE.exists():
        pytest.skip("../shared/acled/acled_export_sample.csv is not beside the checkout")
    yield from _streamlit("--events", str(ACLED_SAMPLE))


def test_stacked_events_show_their_count_and_list(page, acled_server):
    from geo.interchange import read_events
    events = read_events(ACLED_SAMPLE)
    stacks = events.groupby(["latitude", "longitude"]).size().sort_values()
    (lat, lon), count = stacks.index[-1], int(stacks.iloc[-1])
    assert count > 1
    page.goto(acled_server)
    page.get_by_text("Visible events").wait_for(timeout=60000)
    frame = map_frame(page)
    wait_for(lambda: drawn(frame)["n"] == len(events))
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SCREENSHOT.parent / "acled-sample.png"))
    frame.locator(".leaflet-container").evaluate(f"el => window.map.setView([{lat}, {lon}], 14, {{animate: false}})")
    bubble = frame.locator(".event-stack", has_text=f"{count:,}")
    bubble.first.wait_for(timeout=10000)
    page.screenshot(path=str(SCREENSHOT.parent / "acled-stack.png"))
    bubble.first.click()
    listing = frame.locator(".event-list-popup")
    listing.wait_for(timeout=10000)
    assert f"{count:,} events" in listing.inner_text()
    assert listing.locator("li").count() == min(count, 50)
    assert "Wounded: unknown" not in listing.inner_text()  # the list shows killed, wounded per event
    listing.locator("li a").first.click()  # one of them in full
    assert "Killed:" in frame.locator(".event-popup").first.inner_text()


def test_a_brushed_period_filters_the_table(page, server, tmp_path):
    page.goto(server)
    page.get_by_text("Visible events").wait_for(timeout=60000)
    wait_idle(page)
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    y = box["y"] + box["height"] * 0.6
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=8)
    page.mouse.move(box["x"] + box["width"] * 0.93, y, steps=8)
    page.mouse.up()
    wait_for(lambda: metric(page, "Events") != "4", timeout=30)
    ends = page.locator("[data-testid='stSidebar'] [data-testid='stDateInput']", has_text="Date range").locator("input")
    start, end = ends.nth(0).input_value(), ends.nth(1).input_value()  # the brushed period, in the filter
    assert "2024-08-15" < start <= end <= "2024-11-19"
    rows = list(csv.DictReader(io.StringIO(_download(page, "Download CSV", tmp_path))))
    assert rows and len(rows) == int(metric(page, "Events")) < 4
    assert all(start <= r["event_date"] <= end for r in rows), (start, end, [r["event_date"] for r in rows])


def test_play_steps_through_time(page, server):
    page.goto(server)
    page.get_by_text("Visible events").wait_for(timeout=60000)
    wait_idle(page)
    page.get_by_role("button", name="▶ Play").click()
    caption = page.get_by_text("Playing:")
    caption.wait_for(timeout=30000)
    seen = {caption.inner_text()}
    wait_for(lambda: seen.add(page.get_by_text("Playing:").inner_text()) or len(seen) >= 3, timeout=60)
    frame = map_frame(page)
    assert drawn(frame)["n"] <= 4  # each step shows only its period's events
    page.get_by_role("button", name="■ Stop").click()
    wait_for(lambda: page.get_by_text("Playing:").count() == 0)
    wait_for(lambda: metric(page, "Events") == "4")


def test_picking_a_row_shows_it_on_the_map(page, server):
    page.goto(server)
    page.get_by_text("Visible events").wait_for(timeout=60000)
    wait_idle(page)
    wait_for(lambda: drawn(map_frame(page))["n"] == 4)  # the page has its full height
    grid = page.locator("[data-testid='stDataFrame']").last  # the events table, newest first
    # whole in view: a table peeking in at the bottom counts as "in view", and a click on its
    # first row then lands below the window
    grid.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    box = grid.bounding_box()
    assert box["y"] + 35 + 17 < page.viewport_size["height"]
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first row's selection box
    frame = map_frame(page)
    popup = frame.locator(".event-popup")
    popup.wait_for(timeout=30000)
    text = popup.inner_text()
    assert "2024-11-19" in text and "Source:" in text  # the newest event, with its evidence
    assert frame.locator(".leaflet-container").evaluate("el => window.map.getZoom()") >= 11


def test_breakdowns_are_built_when_their_tab_is_opened(page, server):
    page.goto(server)
    page.get_by_text("Visible events").wait_for(timeout=60000)
    wait_idle(page)
    charts = page.locator("[data-testid='stVegaLiteChart']")
    charts.first.wait_for(timeout=30000)
    assert charts.count() == 1  # the timeline; the breakdowns' tab is not built until opened
    assert page.get_by_role("heading", name="By region").count() == 0
    # a click while the map still settles (its first report reruns the page) can be lost
    wait_for(lambda: drawn(map_frame(page))["n"] == 4)
    wait_idle(page)
    page.get_by_role("tab", name="By region and type").click()
    page.get_by_role("heading", name="By region").wait_for(timeout=30000)
    page.get_by_role("heading", name="By type").wait_for(timeout=30000)
    wait_for(lambda: charts.count() == 3)
    charts.last.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOT.parent / "breakdowns.png"))


def test_a_region_filter_moves_the_map_to_its_events(page, server):
    page.goto(server)
    page.get_by_text("Visible events").wait_for(timeout=60000)
    frame = map_frame(page)
    wait_for(lambda: drawn(frame)["n"] == 4)
    frame.locator(".leaflet-container").evaluate("el => window.map.setView([46.48, 30.74], 10, {animate: false})")
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']", has_text="Region").click()
    page.get_by_role("option", name="Kursk Oblast").click()
    page.keyboard.press("Escape")
    wait_for(lambda: drawn(map_frame(page))["n"] == 1)
    frame = map_frame(page)
    wait_for(lambda: frame.locator(".leaflet-container").evaluate(
        "el => { const l = window.__eventLayer; return window.map.getBounds().contains([l._lat[0], l._lon[0]]); }"))
