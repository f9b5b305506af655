"""Gazetteer speed and size: ready time from a warm disk, lookups per second, resident memory.

usage: python benchmarks/gazetteer.py
Targets (issue 4): ready <= 0.5 s, >= 100,000 lookups/s, <= 150 MB resident.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
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
names = json.loads(sys.argv[2])
def rate_of(call):
    n, t1 = 0, time.perf_counter()
    while time.perf_counter() - t1 < 2.0:
        for q in names:
            call(q)
        n += len(names)
    return n / (time.perf_counter() - t1)
rate = rate_of(lambda q: g.resolve(q, GeoContext()))  # a context: no memo, full ranking
memo = rate_of(lambda q: g.resolve(q))
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"ready_s": ready, "lookups_per_s": rate, "memo_per_s": memo, "peak_rss_mb": rss_mb}))
"""


def main() -> int:
    with open(ROOT / "tests" / "data" / "wire_spellings.csv", encoding="utf-8") as f:
        names = [r["query"] for r in csv.DictReader(f)]
    # the first run builds the cached index if needed; the measured runs read it warm
    subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]);"
                    "from geo.gazetteer import Gazetteer; Gazetteer.load()", str(ROOT)], check=True)
    runs = [json.loads(subprocess.run([sys.executable, "-c", PROBE, str(ROOT), json.dumps(names)],
                                      capture_output=True, text=True, check=True).stdout)
            for _ in range(3)]
    best = {k: (max if k.endswith("_per_s") else min)(r[k] for r in runs) for k in runs[0]}
    print(f"gazetteer ready (warm disk, fresh process): {best['ready_s']:.3f} s   (target <= 0.5 s)")
    print(f"lookups (resolve, {len(names)} wire spellings): {best['lookups_per_s']:,.0f} /s   (target >= 100,000 /s)")
    print(f"  repeated context-free look-ups (memoised): {best['memo_per_s']:,.0f} /s")
    print(f"peak resident memory: {best['peak_rss_mb']:.0f} MB   (target <= 150 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
