"""Command line: python -m geo extract|geocode ..."""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from .contract import write_csv
from .ingest import each_article, ingest_paths

GEOCODE_COLUMNS = ("query", "location", "admin1", "country", "latitude", "longitude", "geo_precision")


def extract_paths(paths, explain: bool = False, report=None):
    """Events from all readable files; unreadable ones are reported, not fatal."""
    from .extract import Extractor
    report = report or (lambda msg: print(msg, file=sys.stderr))
    extractor = Extractor()
    failed = [0]
    events = [e.row() for article in each_article(paths, report, failed)
              for e in extractor.extract(article, explain=explain)]
    return events, failed[0]


def cmd_extract(args) -> int:
    events, failures = extract_paths(args.paths, explain=args.explain)
    if args.output == "-":
        write_csv(events, sys.stdout)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        with open(args.output, "w", newline="", encoding="utf-8") as f:
            write_csv(events, f)
        print(f"{len(events)} events -> {args.output}", file=sys.stderr)
    return 1 if failures else 0


def _open_store():
    from .store import EventStore
    return EventStore()


def cmd_ingest(args) -> int:
    store = _open_store()
    s = ingest_paths(store, args.paths)
    print(f"{s['articles']} articles read, {s['new_articles']} new, {s['events']} events stored "
          f"({s['failed']} files with problems) -> {store._safe_url()}", file=sys.stderr)
    return 1 if s["failed"] else 0


def cmd_import(args) -> int:
    from .interchange import read_events_csv
    store = _open_store()
    failed = 0
    for path in args.files:
        try:
            rows = read_events_csv(Path(path))
        except (OSError, ValueError, UnicodeDecodeError) as e:
            print(f"{path}: skipped: {str(e).splitlines()[0]}", file=sys.stderr)
            failed += 1
            continue
        added, updated = store.upsert_events(rows)
        print(f"{path}: {added} events added, {updated} updated", file=sys.stderr)
    return 1 if failed else 0


def cmd_export(args) -> int:
    from .interchange import write_events
    rows = _open_store().events(include_false=args.include_false)
    if args.output == "-":
        n = write_events(rows, sys.stdout, args.format)
    else:
        with open(args.output, "w", newline="", encoding="utf-8") as f:
            n = write_events(rows, f, args.format)
        print(f"{n} events -> {args.output}", file=sys.stderr)
    return 0


def cmd_geocode(args) -> int:
    from .geocoder import OfflineGeocoder
    geocoder = OfflineGeocoder()
    if args.online:  # opt-in: Nominatim, rate-limited and cached; offline when unreachable
        from .online import CachedOnlineGeocoder
        online = CachedOnlineGeocoder(offline=geocoder)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(GEOCODE_COLUMNS)
    missing = 0
    for query in args.names:
        loc = (online if args.online else geocoder).geocode(query, context=args.context)
        if loc is None:
            writer.writerow([query, "", "", "", "", "", ""])
            missing += 1
            continue
        if "geo_precision" not in loc.raw:  # a Nominatim answer: no gazetteer fields
            writer.writerow([query, loc.address.split(",")[0], "", "", loc.latitude, loc.longitude, ""])
            continue
        raw = loc.raw
        writer.writerow([query, raw["name"], raw["admin1"], raw["country"], loc.latitude,
                         loc.longitude, raw["geo_precision"]])
        if args.explain:
            print(f"{query}: {raw['reason']}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="articles (files or folders) to event rows (CSV)")
    e.add_argument("paths", nargs="+")
    e.add_argument("-o", "--output", default="-", help="CSV file, or - for stdout (default)")
    e.add_argument("--explain", action="store_true",
                   help="append to notes why each place, date and count was chosen")
    e.set_defaults(func=cmd_extract)
    g = sub.add_parser("geocode", help="place names to coordinates, offline")
    g.add_argument("names", nargs="+")
    g.add_argument("--context", default="", help="text naming regions/countries that disambiguate")
    g.add_argument("--explain", action="store_true", help="say on stderr why each place was chosen")
    g.add_argument("--online", action="store_true",
                   help="ask Nominatim (1 request/s, cached); the offline answer when unreachable")
    g.set_defaults(func=cmd_geocode)
    i = sub.add_parser("ingest", help="extract articles into the event store (GEO_DB, default data/events.db)")
    i.add_argument("paths", nargs="+")
    i.set_defaults(func=cmd_ingest)
    m = sub.add_parser("import", help="load events CSVs (our contract or ACLED's export) into the store")
    m.add_argument("files", nargs="+")
    m.set_defaults(func=cmd_import)
    x = sub.add_parser("export", help="write the store's events")
    x.add_argument("-o", "--output", default="-")
    x.add_argument("--format", choices=("csv", "acled", "geojson"), default="csv")
    x.add_argument("--include-false", action="store_true", help="also events marked false by a reviewer")
    x.set_defaults(func=cmd_export)
    return p


def main(argv=None) -> int:
    from .store import StoreError
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0

