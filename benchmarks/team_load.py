"""A team at once: N browser sessions open the dashboard together on a store of 150,000 events
with distinct coordinates; each session's time to its map and the server's peak memory.

usage: python benchmarks/team_load.py [SESSIONS] [EVENTS]   (defaults 5, 150,000)
Target (issue 13): every session's map within 10 s, the server under 2 GB. The events are
benchmarks/generate.py's: distinct coordinates around real villages and towns.

Bounded and local: the store is a temporary SQLite file, the server is `streamlit run` with the
project's config (127.0.0.1 only), headless Chromium reaches nothing else (no other host
resolves, other traffic goes to a dead proxy; attempts are counted and printed), each session
gives up after 420 s, and everything is stopped at the end.
"""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.contract import COLUMNS  # noqa: E402


def _benchmark(name: str):
    """Another benchmark script as a module (its folder is not a package)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _benchmark("generate").generate
free_port, OFFLINE_ARGS, outside_requests, rss_mb = (
    getattr(_benchmark("dashboard"), name) for name in ("free_port", "OFFLINE_ARGS", "outside_requests", "rss_mb"))

SESSION_TIMEOUT_S = 420
# the event layer has drawn its events (window.__eventLayer is set by dashboard/js/geo-events.js)
MAP_DRAWN = "() => !!(window.__eventLayer && window.__eventLayer._frame && window.__eventLayer.n > 0)"


def fill_store(url: str, frame) -> float:
    from sqlalchemy import insert
    from geo.store import EventStore, events_table
    started = time.perf_counter()
    store = EventStore(url)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    with store.transaction() as conn:  # one bulk insert: the benchmark measures reading, not loading
        for i in range(0, len(rows), 10_000):
            conn.execute(insert(events_table), [{c: r[c] for c in COLUMNS} | {"number_of_sources": 1}
                                                for r in rows[i:i + 10_000]])
    return time.perf_counter() - started


async def visit(page, url: str) -> float:
    """Seconds from opening the dashboard to its drawn map."""
    started = time.perf_counter()
    await page.goto(url)
    await map_drawn(page, started + SESSION_TIMEOUT_S)
    return time.perf_counter() - started


async def map_drawn(page, deadline: float) -> None:
    """Waits until the map frame's event layer has drawn (the frame is replaced on reruns)."""
    from playwright.async_api import Error
    while time.perf_counter() < deadline:
        for frame in page.frames:
            try:
                if await frame.evaluate(MAP_DRAWN):
                    return
            except Error:
                pass  # a frame that went away meanwhile
        await asyncio.sleep(0.1)
    raise TimeoutError("no map within the session's time limit")


async def team_visits(url: str, count: int, outside: list[str]) -> tuple[list[float], list[float]]:
    """`count` sessions, each in a browser context of its own, open the dashboard at once: a
    first visit (empty browser caches, the server just started); then all come back at once,
    as a team does day to day (browser caches warm)."""
    from playwright.async_api import async_playwright
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=OFFLINE_ARGS)
        try:
            pages = []
            for _ in range(count):
                context = await browser.new_context(viewport={"width": 1400, "height": 1000})
                pages.append(await context.new_page())
                outside_requests(pages[-1], url, outside)
            first = await asyncio.gather(*(visit(page, url) for page in pages))
            await asyncio.sleep(1)
            again = await asyncio.gather(*(visit(page, url) for page in pages))
            (ROOT / "test-artifacts").mkdir(exist_ok=True)
            await pages[0].screenshot(path=str(ROOT / "test-artifacts" / "team-load.png"))
            return first, again
        finally:
            await browser.close()


def start_server(store_url: str):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port",
                             str(port)], cwd=ROOT, env={**os.environ, "GEO_DB": store_url},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the dashboard did not start")


def main(sessions: int = 5, n: int = 150_000) -> int:
    frame = generate(n)
    with tempfile.TemporaryDirectory() as tmp:
        store_url = str(Path(tmp) / "events.db")
        loaded = fill_store(store_url, frame)
        print(f"{n:,} events ({frame[['latitude', 'longitude']].drop_duplicates().shape[0]:,} distinct points) "
              f"stored in {loaded:.1f} s")
        proc, url = start_server(store_url)
        try:
            idle = rss_mb(proc.pid, "VmRSS")
            outside: list[str] = []
            times, again = asyncio.run(team_visits(url, sessions, outside))
            peak = rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(20)
    print(f"{sessions} sessions at once, first visit (empty browser caches; the server reads the store): map after "
          + ", ".join(f"{t:.1f}" for t in sorted(times)) + f" s (slowest {max(times):.1f} s)   (target <= 10 s)")
    print(f"{sessions} sessions at once, coming back (browser caches warm): map after "
          + ", ".join(f"{t:.1f}" for t in sorted(again)) + f" s (slowest {max(again):.1f} s)")
    print(f"server memory: {idle:.0f} MB idle, peak {peak:.0f} MB   (target < 2,048 MB)")
    print(f"requests to anything but the dashboard: {len(outside)}")
    return 0


if __name__ == "__main__":
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    sys.exit(main(*numbers))
