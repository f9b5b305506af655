"""Extraction speed: articles/s, ACLED notes/s, and one article from a cold start.

usage: python benchmarks/extract.py [--articles DIR] [--notes EXPORT.csv] [--copies N] [--profile]
Targets (issue 14): >= 300 articles/s and >= 1,500 notes/s on one process; one article cold <= 1.5 s.

- articles: the dev article texts (default ../shared/corpus/dev/articles) replicated to at least
  1,000 articles, each copy its own article; read once, then timed through Extractor.extract.
- notes: every note of an ACLED export (default ../shared/acled/dev/export.csv) as one article,
  its publication day ACLED's timestamp (as yardstick.py feeds them), timed the same way.
- cold: `python -m geo extract ONE.txt -o -` in a fresh process, wall clock (interpreter start,
  imports and the gazetteer loaded from its disk cache included).
Prints figures; asserts nothing. The machine may be shared: run it on a quiet one to compare.
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import pstats
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.articles import Article, read_file  # noqa: E402
from geo.extraction import Extractor  # noqa: E402

SHARED = ROOT.parent / "shared"


def dev_articles(folder: Path, at_least: int) -> list[Article]:
    texts = []
    for path in sorted(folder.glob("*.txt")):
        articles, _ = read_file(path)
        texts += articles
    copies = -(-at_least // max(len(texts), 1))
    return [Article(f"{a.id}-{n}", a.title, a.published, a.dateline, a.body, a.source)
            for n in range(copies) for a in texts]


def acled_notes(export: Path) -> list[Article]:
    out = []
    with open(export, newline="", encoding="utf-8-sig") as f:
        for i, row in enumerate(csv.DictReader(f)):
            text = (row.get("notes") or "").strip()
            if not text:
                continue
            stamp = (row.get("timestamp") or "").strip()
            published = datetime.fromtimestamp(int(stamp), timezone.utc).date() if stamp.isdigit() else None
            out.append(Article(f"note#{i}", "", published or date.today(), "", text, "ACLED notes"))
    return out


def rate(extractor: Extractor, articles: list[Article]) -> tuple[float, int, float, float]:
    """Articles per second of wall clock; events; wall and CPU seconds (CPU is steadier on a busy machine)."""
    started, cpu = time.perf_counter(), time.process_time()
    events = sum(len(extractor.extract(a)) for a in articles)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return len(articles) / elapsed, events, elapsed, cpu


def cold_start(one: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geo", "extract", str(one), "-o", "-"], cwd=ROOT,
                   check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=Path, default=SHARED / "corpus" / "dev" / "articles")
    p.add_argument("--notes", type=Path, default=SHARED / "acled" / "dev" / "export.csv")
    p.add_argument("--copies", type=int, default=1000, help="at least this many articles")
    p.add_argument("--profile", action="store_true", help="print the 25 costliest functions on the articles")
    args = p.parse_args()
    extractor = Extractor()
    articles = dev_articles(args.articles, args.copies)
    extractor.extract(articles[0])  # warm: regexes compiled, gazetteer loaded
    per_s, events, elapsed, cpu = rate(extractor, articles)
    chars = sum(len(a.body) for a in articles)
    print(f"articles: {len(articles)} ({chars / len(articles):,.0f} chars each), {events} events, "
          f"{elapsed:.2f} s ({cpu:.2f} s CPU) -> {per_s:,.0f} articles/s ({len(articles) / cpu:,.0f} per CPU second)")
    if args.notes.exists():
        notes = acled_notes(args.notes)
        per_s, events, elapsed, cpu = rate(extractor, notes)
        print(f"ACLED notes: {len(notes)}, {events} events, {elapsed:.2f} s ({cpu:.2f} s CPU) -> "
              f"{per_s:,.0f} notes/s ({len(notes) / cpu:,.0f} per CPU second)")
    one = sorted(args.articles.glob("*.txt"))[0]
    print(f"one article cold ({one.name}, fresh process): {min(cold_start(one) for _ in range(3)):.2f} s")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(rate, extractor, articles)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
