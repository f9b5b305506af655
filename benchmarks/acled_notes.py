"""Second yardstick: extract from ACLED's own notes and compare with ACLED's coding.

usage: python benchmarks/acled_notes.py [ACLED_EXPORT.csv]

Each ACLED note is a short report ("On 16 February 2024, Russian forces shelled
Kupiansk, Kharkiv region. 2 civilians were killed."). We feed the notes to the
extractor as a CSV news export (the event date as the publication date, which is
what the note's own date words resolve against) and compare our best event per
note with ACLED's location, date, sub-event type and fatalities. Prints figures;
asserts nothing (targets are read by people, not by CI).
"""
from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from geo.articles import read_file  # noqa: E402
from geo.extraction import Extractor  # noqa: E402
from geo.gazetteer.geometry import haversine_km  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "acled" / "acled_export_sample.csv"
NEAR_KM = 30


def main(path: Path = DEFAULT) -> int:
    acled = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    acled["day"] = pd.to_datetime(acled["event_date"], format="mixed").dt.date
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "acled_notes.csv"
        with open(feed, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["title", "date", "text", "source"])
            for _, r in acled.iterrows():
                w.writerow([r["event_id_cnty"], r["day"].isoformat(), r["notes"], "ACLED notes"])
        started = time.perf_counter()
        articles, problems = read_file(feed)
        x = Extractor()
        events = {a.id: [e.row() for e in x.extract(a)] for a in articles}
        elapsed = time.perf_counter() - started
    n = len(acled)
    found = near = same_day = same_sub = same_dead = dead_asked = 0
    for i, (_, r) in enumerate(acled.iterrows()):
        evs = events.get(f"{feed.stem}#{i}", [])
        if not evs:
            continue
        found += 1
        lat, lon = float(r["latitude"]), float(r["longitude"])
        best = min(evs, key=lambda e: haversine_km(lat, lon, e["latitude"], e["longitude"]))
        near += haversine_km(lat, lon, best["latitude"], best["longitude"]) <= NEAR_KM
        same_day += best["event_date"] == r["day"].isoformat()
        same_sub += best["sub_event_type"] == r["sub_event_type"]
        dead = int(r["fatalities"] or 0)
        if dead or "killed" in r["notes"].lower() or "fatalit" in r["notes"].lower():
            dead_asked += 1
            same_dead += (best["fatalities"] or 0) == dead
    pct = lambda k, d: f"{k}/{d} ({100 * k / d:.0f}%)" if d else "n/a"  # noqa: E731
    print(f"ACLED notes: {n}; extraction took {elapsed:.2f} s ({n / elapsed:.0f} notes/s)")
    print(f"  notes with an event:          {pct(found, n)}")
    print(f"  location within {NEAR_KM} km:       {pct(near, found)}")
    print(f"  same date:                    {pct(same_day, found)}")
    print(f"  same sub_event_type:          {pct(same_sub, found)}")
    print(f"  same fatalities (when stated): {pct(same_dead, dead_asked)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT))
