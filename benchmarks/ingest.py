"""Ingest speed: a 1,000-article corpus into a fresh SQLite store, then again (adds nothing).

usage: python benchmarks/ingest.py [N]     Target (issue 6): >= 100 articles/s; re-ingest adds 0 rows.
Articles are generated wire-style reports (a dateline, a lead, a toll, context, quotes) over
real places; the text is ours, not any publisher's.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.ingest import ingest_paths  # noqa: E402
from geo.roles import command_line  # noqa: E402
from geo.store import EventStore  # noqa: E402

TOWNS = ["Kharkiv", "Kherson", "Sumy", "Poltava", "Dnipro", "Odesa", "Zaporizhzhia", "Mykolaiv",
         "Kramatorsk", "Sloviansk", "Pokrovsk", "Kupiansk", "Izium", "Chernihiv", "Nikopol", "Belgorod"]
WEAPONS = ["missile strike", "drone attack", "artillery shelling", "glide bomb attack"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(rng: random.Random, i: int) -> str:
    pub = date(2023, 1, 1) + timedelta(days=rng.randrange(900))
    town, other = rng.sample(TOWNS, 2)
    lines = [f"Title: Report {i}", f"Date: {pub.isoformat()}", "Source: Benchmark Wire", "",
             f"A Russian {rng.choice(WEAPONS)} on {town} on {rng.choice(DAYS)} killed {rng.randint(1, 12)} "
             f"people and wounded {rng.randint(0, 40)}, the regional governor said.",
             f"Rescuers were still searching the rubble of a damaged apartment block in {town}.",
             f"In a separate attack, shelling of {other} wounded {rng.randint(1, 9)} residents overnight."]
    lines += [f"Officials in Kyiv said air defences shot down {rng.randint(5, 60)} drones across Ukraine.",
              "\"We need more air defence,\" President Volodymyr Zelensky said in his nightly address.",
              "Moscow did not comment on the reports, which could not be independently verified."] * rng.randint(1, 3)
    return "\n".join(lines) + "\n"


def main(n: int = 1000) -> int:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for i in range(n):
            (folder / f"{i:04d}.txt").write_text(article(rng, i), encoding="utf-8")
        store = EventStore(str(Path(tmp) / "events.db"))
        ingest_paths(store, [str(ROOT / "seeds")], print, command_line())  # warm: gazetteer loaded, tables made
        t0 = time.perf_counter()
        first = ingest_paths(store, [str(folder)], print, command_line())
        elapsed = time.perf_counter() - t0
        before = store.counts()
        t0 = time.perf_counter()
        again = ingest_paths(store, [str(folder)], print, command_line())
        elapsed2 = time.perf_counter() - t0
        after = store.counts()
    print(f"ingest of {n:,} articles into SQLite: {elapsed:.2f} s = {n / elapsed:.0f} articles/s "
          f"({first.events:,} events)   (target >= 100 articles/s)")
    print(f"re-ingest: {elapsed2:.2f} s, new articles {again.new_articles}, rows added "
          f"{sum(after.values()) - sum(before.values())}   (target 0)")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
