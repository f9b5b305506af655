"""The shared dashboard as a team and a hostile visitor meet it: a real `streamlit run` with the
project's own config (no --server.address), driven in headless Chromium, on SQLite and on a
real PostgreSQL server. Every request leaving 127.0.0.1 is aborted and recorded.

One server per store back end serves all the tests of this module; each test works on its own
seed event (Hlukhiv, Sumy Oblast, Kursk Oblast, Odesa) so they do not disturb each other.
"""
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ROOT
from test_browser import ARGS, CHROMIUM, wait_for, wait_idle

pytestmark = pytest.mark.browser
PASSWORDS = {"ada": "admin password 1", "ed": "editor password 1", "eve": "editor password 2",
             "vera": "viewer password 1"}
ROLES = {"ada": "admin", "ed": "editor", "eve": "editor", "vera": "viewer"}
WRITE_BUTTONS = {"Extract and store", "Save the review", "Restore this event", "Undo this batch",
                 "Add the account", "Create the admin account"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dashboard(env: dict, port: int | None = None, options: tuple = ()):
    """`streamlit run dashboard/app.py` as the README says, on a free port; returns (process, url)."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing under CI: .ci/run must install it")
        pytest.skip("Debian's chromium is not installed")
    port = port or _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
                             "--server.port", str(port), *options], cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            return proc, url
        except OSError:
            if proc.poll() is not None:
                pytest.fail("streamlit exited: " + proc.stdout.read())
            time.sleep(0.3)
    proc.kill()
    pytest.fail("streamlit did not start within 90 s")


def stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def prepared_store(url: str) -> None:
    """The seed ingested from the command line (intake batch 1), and an account of each role."""
    from geo.accounts import AccountBook
    from geo.ingest import ingest_paths
    from geo.roles import command_line
    from geo.store import EventStore
    store = EventStore(url)
    ingest_paths(store, [str(ROOT / "seeds")], print, command_line())
    book = AccountBook(store)
    for name, password in PASSWORDS.items():
        book.add(name, ROLES[name], command_line(), password=password)


BOTH = pytest.mark.parametrize("team", ["sqlite", "postgresql"], indirect=True)  # where the store matters
SQLITE = pytest.mark.parametrize("team", ["sqlite"], indirect=True)  # the server's checks, not the store's


@pytest.fixture(scope="module")
def team(request, tmp_path_factory):
    """(server URL, store URL, server process) of a dashboard on a prepared store; one per back
    end for the whole module."""
    if request.param == "sqlite":
        store_url = str(tmp_path_factory.mktemp("team") / "events.db")
    else:
        import uuid
        import psycopg
        server = request.getfixturevalue("pg_server")
        name = "team_" + uuid.uuid4().hex[:10]
        with psycopg.connect(server.replace("postgresql+psycopg", "postgresql") + "/postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        store_url = f"{server}/{name}"
    prepared_store(store_url)
    proc, url = start_dashboard({"GEO_DB": store_url})
    yield url, store_url, proc
    stop(proc)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        b.outside = []
        yield b
        b.close()


def new_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()

    def route(r):
        if r.request.url.startswith("http://127.0.0.1"):
            r.continue_()
        else:  # no internet, and a record of anything that tried to leave
            browser.outside.append(r.request.url)
            r.abort()
    page.route("**/*", route)
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return page


def open_dashboard(page, url):
    page.goto(url)
    page.get_by_text("Visible events").wait_for(timeout=90000)
    wait_idle(page)


def sign_in(page, name):
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("[data-testid='stExpander'] summary", has_text="Sign in").click()
    account = sidebar.get_by_label("Account")
    account.fill(name)
    sidebar.get_by_label("Password", exact=True).fill(PASSWORDS[name])
    signed_in_line = sidebar.get_by_text(f"Signed in as {name}")
    for attempt in range(2):
        wait_idle(page)
        sidebar.get_by_role("button", name="Sign in").click()
        try:
            signed_in_line.wait_for(timeout=15000)
            break
        except PlaywrightTimeout:
            # a click during a rerun can be lost, as a user's can: then the form still holds
            # the name (it is cleared once submitted), and the user clicks again
            if attempt or account.input_value() != name:
                signed_in_line.wait_for(timeout=30000)
                break
    wait_idle(page)


def signed_in(browser, url, name):
    page = new_page(browser)
    open_dashboard(page, url)
    sign_in(page, name)
    return page


def expander(page, title):
    box = page.locator("[data-testid='stExpander']", has=page.locator("summary", has_text=title))
    if box.locator("details[open]").count() == 0 and box.get_attribute("open") is None:
        box.locator("summary").first.click()
    box.locator("[data-testid='stExpanderDetails']").wait_for(timeout=30000)
    return box


def choose(page, box, label, option_text):
    """Pick an option of a selectbox, as a user would; again if a rerun swapped the list away."""
    combo = box.get_by_role("combobox", name=label)
    for attempt in range(3):
        wait_idle(page)
        combo.click()
        try:
            page.get_by_role("option", name=re.compile(re.escape(option_text))).first.click(timeout=10000)
        except Exception:  # noqa: BLE001 - the list was re-rendered under the click
            page.keyboard.press("Escape")
            continue
        if option_text in combo.input_value():
            break
    wait_idle(page)
    assert option_text in combo.input_value(), (option_text, combo.input_value())


def open_review(page, place):
    """The review form of the event at `place`, once the form shows that event."""
    review = expander(page, "Review an event")
    choose(page, review, "Event", place)
    places = review.locator("input[aria-label='Place']")  # during a rerun the old form may linger
    wait_for(lambda: places.evaluate_all("els => els.map(e => e.value)") == [place])
    wait_idle(page)
    return review


def set_killed(page, review, killed: str) -> None:
    field = review.get_by_label("Killed")
    field.fill(killed)
    field.press("Enter")
    wait_idle(page)
    wait_for(lambda: field.input_value() == killed)


def press(page, button, done, timeout=40):
    """Click a write button once the page is idle, until `done()` holds: a click that lands
    while Streamlit is still rerunning (the map component's first value starts one) can be
    dropped; a second click is only tried when the first had no effect at all."""
    for attempt in range(3):
        wait_idle(page)
        button.click()
        try:
            wait_for(done, timeout)
            return
        except AssertionError:
            if attempt == 2:
                raise


def event_by_place(store_url, place):
    from geo.store import EventStore
    return next(r for r in EventStore(store_url).events(include_false=True) if r["location"] == place)


def enabled_buttons(page) -> set[str]:
    buttons = page.locator("button:visible:not([disabled])")
    return {buttons.nth(i).inner_text().strip() for i in range(buttons.count())}


@SQLITE
def test_listens_on_loopback_only(team):
    import psutil
    _, _, proc = team
    listening = {c.laddr.ip for c in psutil.Process(proc.pid).net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN}
    assert listening and listening <= {"127.0.0.1", "::1"}, listening


@SQLITE
def test_anonymous_visitors_see_no_enabled_write_control_and_no_store_path(team, browser):
    url, store_url, _ = team
    page = new_page(browser)
    open_dashboard(page, url)
    text = page.locator("body").inner_text()
    assert "the event store (" in text and store_url.split("/")[-1] not in text and "127.0.0.1:" not in text
    for title in ("Add articles", "Review an event", "Hidden events", "Intake batches", "Accounts"):
        assert page.locator("summary", has_text=title).count() == 0, title
    assert not enabled_buttons(page) & WRITE_BUTTONS
    assert browser.outside == [] and page.dialogs == []


def _pressed(messages) -> set[str]:
    """The keys of the buttons these websocket messages press."""
    return {w.id.rsplit("-", 1)[-1] for m in messages for w in m.rerun_script.widget_states.widgets
            if w.WhichOneof("value") == "trigger_value" and w.trigger_value}


def _widget_messages(page):
    """Every message the page sends on Streamlit's websocket, parsed; those that would press a
    write button are kept back from the server (the editor's clicks never happen)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    sent, held = [], []

    def handle(ws):
        server = ws.connect_to_server()

        def to_server(message):
            msg = BackMsg.FromString(message if isinstance(message, bytes) else message.encode())
            keys = _pressed([msg])
            (held if keys & {"rv_save", "add_articles"} else sent).append(msg)
            if not keys & {"rv_save", "add_articles"}:
                server.send(message)
        ws.on_message(to_server)
        page.ws_server = server
    page.route_web_socket(re.compile(r".*/_stcore/stream"), handle)
    return held


@SQLITE
def test_a_viewer_cannot_write_even_with_a_forged_widget_message(team, browser):
    url, store_url, _ = team
    hlukhiv = event_by_place(store_url, "Hlukhiv")
    # 1. An editor's page fills in the review (killed 900) and the intake; its clicks are held back.
    editor = new_page(browser)
    held = _widget_messages(editor)
    open_dashboard(editor, url)
    sign_in(editor, "ed")
    review = open_review(editor, "Hlukhiv")
    set_killed(editor, review, "900")
    press(editor, review.get_by_role("button", name="Save the review"), lambda: _pressed(held) == {"rv_save"}, timeout=10)
    intake = expander(editor, "Add articles")
    intake.get_by_label("Paste an article").fill("A Russian missile strike on Lviv on Monday killed 50 people.")
    intake.get_by_label("Its title").fill("forged")
    press(editor, intake.get_by_role("button", name="Extract and store"),
          lambda: _pressed(held) == {"rv_save", "add_articles"}, timeout=10)
    held[:] = [next(m for m in held if _pressed([m]) == {key}) for key in ("rv_save", "add_articles")]
    # 2. A viewer signs in, then sends those messages as its own, widget states and all.
    viewer = new_page(browser)
    _widget_messages(viewer)
    open_dashboard(viewer, url)
    sign_in(viewer, "vera")
    for msg in held:
        # and a made-up widget that would set the session's account, were a widget able to
        msg.rerun_script.widget_states.widgets.add(id="$$ID-0123456789abcdef-geo_signed_in", string_value="ada")
        viewer.ws_server.send(msg.SerializeToString())
        viewer.wait_for_timeout(500)
        wait_idle(viewer)
    viewer.wait_for_timeout(1500)
    assert viewer.get_by_text("Signed in as vera").count() == 1 and viewer.get_by_text("Signed in as ada").count() == 0
    from geo.store import EventStore
    store = EventStore(store_url)
    assert event_by_place(store_url, "Hlukhiv")["fatalities"] == hlukhiv["fatalities"] == 9
    assert all(r["location"] != "Lviv" for r in store.events())
    assert all(h["who"] != "vera" for r in store.events(True) for h in store.history(r["event_id"]))
    # 3. The same messages from an editor's session do write: the forgery was well formed.
    other = new_page(browser)
    _widget_messages(other)
    open_dashboard(other, url)
    sign_in(other, "eve")
    del held[0].rerun_script.widget_states.widgets[-1]
    other.ws_server.send(held[0].SerializeToString())
    wait_for(lambda: event_by_place(store_url, "Hlukhiv")["fatalities"] == 900, timeout=90)
    assert [h["who"] for h in store.history(hlukhiv["event_id"])] == ["eve"]
    assert browser.outside == []


@BOTH
def test_two_editors_conflicting_saves_give_one_conflict_message(team, browser):
    url, store_url, _ = team
    pages = {}
    for name in ("ed", "eve"):  # both open Sumy Oblast's review before either saves
        pages[name] = signed_in(browser, url, name)
        open_review(pages[name], "Sumy Oblast")
    for name, killed in (("ed", "13"), ("eve", "14")):
        page = pages[name]
        review = expander(page, "Review an event")
        set_killed(page, review, killed)
        wait_idle(page)
        review.get_by_role("button", name="Save the review").click()
        wait_idle(page)
    pages["eve"].get_by_text("changed this event since you opened it").wait_for(timeout=30000)
    errors = [p.locator("[data-testid='stAlert']", has_text="changed this event since you opened it").count()
              for p in pages.values()]
    assert errors == [0, 1]
    assert "ed changed this event" in pages["eve"].locator("[data-testid='stAlert']").first.inner_text()
    sumy = event_by_place(store_url, "Sumy Oblast")
    assert sumy["fatalities"] == 13
    from geo.store import EventStore
    history = EventStore(store_url).history(sumy["event_id"])
    assert [(h["field"], h["before"], h["after"], h["who"]) for h in history] == [("fatalities", "12", "13", "ed")]


@BOTH
def test_an_editor_hides_an_event_and_an_admin_restores_it(team, browser):
    url, store_url, _ = team
    kursk = event_by_place(store_url, "Kursk Oblast")
    editor = signed_in(browser, url, "ed")
    review = open_review(editor, "Kursk Oblast")
    review.get_by_text("Not a real event (hide it)").click()
    press(editor, review.get_by_role("button", name="Save the review"),
          lambda: event_by_place(store_url, "Kursk Oblast")["false_positive"])
    hidden = expander(editor, "Hidden events (1)")
    wait_for(lambda: kursk["event_id"] in hidden.get_by_role("combobox", name="Hidden event").input_value())
    assert hidden.get_by_role("button", name="Restore this event").count() == 0  # editors list, admins restore
    admin = signed_in(browser, url, "ada")
    press(admin, expander(admin, "Hidden events (1)").get_by_role("button", name="Restore this event"),
          lambda: not event_by_place(store_url, "Kursk Oblast")["false_positive"])
    admin.get_by_text(f"restored {kursk['event_id']}").wait_for(timeout=30000)
    from geo.store import EventStore
    assert [(h["field"], h["after"], h["who"]) for h in EventStore(store_url).history(kursk["event_id"])] == \
        [("false_positive", "True", "ed"), ("false_positive", "False", "ada")]


@BOTH
def test_an_intake_batch_is_undone_and_the_merged_event_returns_to_its_counts(team, browser):
    url, store_url, _ = team
    before = event_by_place(store_url, "Odesa")
    editor = signed_in(browser, url, "ed")
    intake = expander(editor, "Add articles")
    intake.get_by_label("Paste an article").fill(  # a header block gives the publication date
        "Date: 2024-11-20\n\nThe death toll from Monday's Russian missile strike on Odesa rose: 15 people "
        "were killed and 70 wounded, officials said on Wednesday.")
    press(editor, intake.get_by_role("button", name="Extract and store"),
          lambda: intake.get_by_text("1 new articles, 1 events stored").count() > 0, timeout=60)
    merged = event_by_place(store_url, "Odesa")
    assert (merged["fatalities"], merged["injuries"], merged["number_of_sources"]) == (15, 70, 2)
    admin = signed_in(browser, url, "ada")
    batches = expander(admin, "Intake batches")
    batch = re.search(r"batch (\d+)", intake.inner_text()).group(1)
    choose(admin, batches, "Batch", f"#{batch}: ed, 1 articles")
    press(admin, batches.get_by_role("button", name="Undo this batch"),
          lambda: admin.get_by_text("events removed, 1 merged events put back").count() > 0)
    after = event_by_place(store_url, "Odesa")
    for field in ("fatalities", "injuries", "number_of_sources", "notes"):
        assert after[field] == before[field], field


@SQLITE
def test_a_flood_of_articles_is_refused_with_nothing_stored(team, browser, tmp_path):
    url, store_url, _ = team
    from geo.store import EventStore
    counts = EventStore(store_url).counts()
    flood = tmp_path / "flood.jsonl"
    flood.write_text("".join(json.dumps({"title": f"t{i}", "date": "2024-11-19", "text":
                                         f"A Russian drone strike on Sumy on Monday killed {i} people."}) + "\n"
                             for i in range(500)), encoding="utf-8")
    editor = signed_in(browser, url, "ed")
    intake = expander(editor, "Add articles")
    intake.locator("input[type='file']").set_input_files(str(flood))
    intake.get_by_text("flood.jsonl").wait_for(timeout=30000)
    wait_idle(editor)
    intake.get_by_role("button", name="Extract and store").click()
    intake.get_by_text("500 articles in one batch; the limit is 200").wait_for(timeout=60000)
    assert EventStore(store_url).counts() == counts


def test_a_new_store_offers_the_admin_form_and_names_are_plain_text(browser, tmp_path):
    """No accounts: the first visitor on this machine creates the admin; an uploaded file's name
    with Markdown in it is shown as the characters it holds."""
    proc, url = start_dashboard({"GEO_DB": str(tmp_path / "new.db")})
    try:
        page = new_page(browser)
        open_dashboard(page, url)
        assert page.get_by_text("Create the admin account").count() >= 1
        assert not enabled_buttons(page) & (WRITE_BUTTONS - {"Create the admin account"})
        form = page.locator("[data-testid='stForm']", has_text="Create the admin account")
        form.get_by_label("Account name").fill("boss")
        form.get_by_label("Password", exact=True).fill("first admin pw")
        form.get_by_label("Password again").fill("first admin pw")
        form.get_by_role("button", name="Create the admin account").click()
        page.get_by_text("Signed in as boss").wait_for(timeout=30000)
        # the panels below the sign-in line arrive a moment after it
        page.locator("summary", has_text="Add articles").wait_for(timeout=30000)
        assert page.locator("summary", has_text="Add articles").count() == 1
        name = "x`](https:evil.example) ![i](https:evil.example.png) :red[hi] $x^2$ <img src=x onerror=alert(1)>.csv"
        upload = tmp_path / "up"
        upload.mkdir()
        f = upload / name
        f.write_text("event_id,event_date,latitude,longitude,location\ne1,2024-11-19,50.9,34.8,Sumy\n",
                     encoding="utf-8")
        page.locator("[data-testid='stSidebar'] [data-testid='stFileUploader']",
                     has_text="events CSV").locator("input[type='file']").set_input_files(str(f))
        caption = page.get_by_text("1 events from")
        caption.wait_for(timeout=60000)
        assert name in caption.inner_text()
        (ROOT / "test-artifacts").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "test-artifacts" / "plain-file-name.png"))
        assert page.locator("a[href*='evil'], img[src*='evil'], img[src='x'], .katex").count() == 0
        page.wait_for_timeout(500)
        assert browser.outside == [] and page.dialogs == []
    finally:
        stop(proc)


def test_a_user_of_the_organisations_identity_provider_gets_their_accounts_role(browser, tmp_path):
    """st.login against an OpenID Connect provider of the test's own on 127.0.0.1."""
    from geo.accounts import AccountBook
    from geo.roles import command_line
    from geo.store import EventStore
    from identity_provider import IdentityProvider
    store_url = str(tmp_path / "oidc.db")
    prepared_store(store_url)
    AccountBook(EventStore(store_url)).add("Oli@Newsroom.example", "editor", command_line())
    port = _free_port()
    with IdentityProvider("oli@newsroom.example") as idp:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text("[auth]\n"
                           f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
                           'cookie_secret = "a long random cookie secret for the tests only 0123456789"\n'
                           f'client_id = "{idp.client_id}"\nclient_secret = "{idp.client_secret}"\n'
                           f'server_metadata_url = "{idp.url}/.well-known/openid-configuration"\n')
        proc, url = start_dashboard({"GEO_DB": store_url}, port, ("--secrets.files", str(secrets)))
        try:
            page = new_page(browser)
            open_dashboard(page, url)
            assert page.locator("summary", has_text="Add articles").count() == 0
            page.get_by_role("button", name="Sign in with your organisation").click()
            page.get_by_text("Signed in as oli@newsroom.example (editor)").wait_for(timeout=60000)
            page.locator("summary", has_text="Add articles").wait_for(timeout=30000)  # arrives just after
            assert page.locator("summary", has_text="Add articles").count() == 1
            assert browser.outside == []
        finally:
            stop(proc)
