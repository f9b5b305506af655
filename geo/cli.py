"""Command line: python -m geo extract|geocode|ingest|import|export|batches|undo|accounts ..."""
from __future__ import annotations

import argparse
import csv
import getpass
import sys
import time
from pathlib import Path

from .contract import write_csv


def _say(msg: str) -> None:
    print(msg, file=sys.stderr)


def _progress_bar():
    """A one-line progress bar on stderr, once a run takes more than two seconds."""
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        if time.monotonic() - started < 2 or not sys.stderr.isatty():
            return
        width = 30
        filled = int(width * done / max(total, 1))
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files",
              end="" if done < total else "\n", file=sys.stderr, flush=True)
    return show


def cmd_extract(args) -> int:
    from .extraction import extract_paths
    events, failures = extract_paths(args.paths, _say, explain=args.explain, progress=_progress_bar(),
                                     acled_conventions=args.acled_conventions)
    if args.output == "-":
        write_csv(events, sys.stdout)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        with open(args.output, "w", newline="", encoding="utf-8") as f:
            write_csv(events, f)
        _say(f"{len(events)} events -> {args.output}")
    return 1 if failures else 0


def _open_store():
    from .store import EventStore
    return EventStore()


def cmd_ingest(args) -> int:
    from .ingest import ingest_paths
    from .roles import command_line
    store = _open_store()
    s = ingest_paths(store, args.paths, _say, command_line(), progress=_progress_bar())
    batch = f", batch {s.batch}" if s.batch else ""
    _say(f"{s.articles} articles read, {s.new_articles} new, {s.events} events stored "
         f"({s.failed} files with problems{batch}) -> {store.display_url}")
    return 1 if s.failed else 0


def cmd_batches(args) -> int:
    from .batches import IntakeBatches
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["batch", "account", "started_at", "articles", "events", "undone_at", "undone_by"])
    for b in IntakeBatches(_open_store()).recent(args.limit):
        writer.writerow([b["id"], b["account"], b["started_at"], b["articles"], b["events"],
                         b["undone_at"] or "", b["undone_by"] or ""])
    return 0


def cmd_undo(args) -> int:
    from .batches import IntakeBatches
    from .roles import command_line
    u = IntakeBatches(_open_store()).undo(args.batch, command_line())
    _say(f"batch {args.batch} undone: {u.articles} articles and {u.removed} events removed, "
         f"{u.restored} merged events put back")
    return 0


def _new_password(args) -> str:
    """From stdin with --password-stdin (scripts), else asked twice without echo; never an argument."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        raise SystemExit("error: the two passwords differ")
    return first


def cmd_accounts(args) -> int:
    from .accounts import AccountBook
    from .roles import command_line
    book, me = AccountBook(_open_store()), command_line()
    if args.action == "list":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["name", "role", "kind", "disabled", "created_at", "created_by"])
        for a in book.list():
            writer.writerow([a["name"], a["role"], a["kind"], a["disabled"], a["created_at"], a["created_by"]])
        return 0
    if args.action == "add":
        account = book.add(args.name, args.role, me, password=None if args.oidc else _new_password(args))
        _say(f"account {account.name} ({account.role}) added")
    elif args.action == "role":
        book.set_role(args.name, args.role, me)
        _say(f"{args.name}'s role is now {args.role}")
    elif args.action == "password":
        book.set_password(args.name, _new_password(args), me)
        _say(f"password of {args.name} changed")
    else:
        book.disable(args.name, me, disabled=args.action == "disable")
        _say(f"{args.name} {args.action}d")
    return 0


def cmd_import(args) -> int:
    from .gazetteer import Gazetteer
    from .gazetteer.imported import places_of_events
    from .interchange import EventsFileError, dropped_rows, frame_rows, read_events, source_rows
    from .roles import command_line
    store = _open_store()
    failed = 0
    for path in args.files:
        try:
            frame = read_events(Path(path), name=path, keep_source=True)
        except EventsFileError as e:
            _say(f"{path}: skipped: {e.reason}")
            failed += 1
            continue
        rows = frame_rows(frame)
        added, updated = store.upsert_events(rows, command_line())
        dropped = f"; {dropped_rows(frame)}" if dropped_rows(frame) else ""
        sources = source_rows(frame)  # an ACLED export: its rows kept whole, its places learnt
        if sources:
            store.keep_source_rows(sources, command_line())
            places = store.add_imported_places(places_of_events(rows, sources, Gazetteer.load(), Path(path).name),
                                               command_line())
            _say(f"{path}: {added} events added, {updated} updated; {places} new places "
                 f"in the gazetteer's imported layer{dropped}")
        else:
            _say(f"{path}: {added} events added, {updated} updated{dropped}")
    return 1 if failed else 0


def cmd_export(args) -> int:
    from .interchange import write_events
    store = _open_store()
    rows = store.events(include_false=args.include_false)
    sources = store.source_rows() if args.format == "acled" else None  # imported rows come back whole
    if args.output == "-":
        n = write_events(rows, sys.stdout, args.format, sources, args.acled_conventions)
    else:
        with open(args.output, "w", newline="", encoding="utf-8") as f:
            n = write_events(rows, f, args.format, sources, args.acled_conventions)
        _say(f"{n} events -> {args.output}")
    return 0


def cmd_geocode(args) -> int:
    if args.online:  # opt-in: Nominatim, rate-limited and cached; offline when unreachable
        from .geocoding import ANSWER_COLUMNS, OfflineGeocoder, answer_row, online_geocoder
        geocoder = online_geocoder(offline=OfflineGeocoder())
        answers = ((q, geocoder.geocode(q, context=args.context)) for q in args.names)
        rows = ((q, answer_row(q, loc), loc and loc.raw.get("reason", "online geocoder")) for q, loc in answers)
    else:  # the gazetteer itself: no geopy to import, a fast start
        from .gazetteer import Gazetteer
        from .gazetteer.answers import ANSWER_COLUMNS, answer_row, locate, locate_all
        gazetteer = Gazetteer.load()
        places = ([locate(gazetteer, q, args.context) for q in args.names] if args.each_alone
                  else locate_all(gazetteer, args.names, args.context))
        rows = ((q, answer_row(q, p), p and p.reason) for q, p in zip(args.names, places))
    writer = csv.DictWriter(sys.stdout, ANSWER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for query, row, reason in rows:
        writer.writerow(row)
        if args.explain and reason:
            _say(f"{query}: {reason}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="articles (files or folders) to event rows (CSV)")
    e.add_argument("paths", nargs="+")
    e.add_argument("-o", "--output", default="-", help="CSV file, or - for stdout (default)")
    e.add_argument("--explain", action="store_true",
                   help="append to notes why each place, date and count was chosen")
    e.add_argument("--acled-conventions", action="store_true",
                   help="deaths told without a number get ACLED's figures (tens 10, dozens 12, hundreds 100; "
                        "otherwise 10 or 3), marked in notes; by default they stay empty")
    e.set_defaults(func=cmd_extract)
    g = sub.add_parser("geocode", help="place names to coordinates, offline")
    g.add_argument("names", nargs="+")
    g.add_argument("--context", default="", help="text naming regions/countries that disambiguate")
    g.add_argument("--explain", action="store_true", help="say on stderr why each place was chosen")
    g.add_argument("--each-alone", action="store_true",
                   help="answer each name on its own (by default, names given together are read as one "
                        "batch: those that can only be one place rank the namesakes of the others)")
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
    x.add_argument("--acled-conventions", action="store_true",
                   help="with --format acled: ACLED's figures for deaths the notes record without a number")
    x.set_defaults(func=cmd_export)
    _store_parsers(sub)
    return p


def _store_parsers(sub) -> None:
    from .roles import ROLES
    b = sub.add_parser("batches", help="the latest intake batches (each ingest or dashboard upload is one)")
    b.add_argument("--limit", type=int, default=50)
    b.set_defaults(func=cmd_batches)
    u = sub.add_parser("undo", help="undo an intake batch: its articles and events go, merged events are put back")
    u.add_argument("batch", type=int)
    u.set_defaults(func=cmd_undo)
    a = sub.add_parser("accounts", help="the dashboard's accounts (kept in the store)")
    acts = a.add_subparsers(dest="action", required=True)
    acts.add_parser("list", help="every account and its role (never a password)")
    add = acts.add_parser("add", help="a local account (asks for its password) or, with --oidc, "
                                      "an identity provider's email")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default="viewer")
    add.add_argument("--oidc", action="store_true", help="signs in through st.login; no password here")
    role = acts.add_parser("role", help="change an account's role")
    role.add_argument("name")
    role.add_argument("role", choices=ROLES)
    pw = acts.add_parser("password", help="set a local account's password (asked for)")
    pw.add_argument("name")
    for name in ("disable", "enable"):
        acts.add_parser(name, help=f"{name} an account (nothing is deleted)").add_argument("name")
    for parser in (add, pw):
        parser.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    a.set_defaults(func=cmd_accounts)


def main(argv=None) -> int:
    from .roles import NotAllowed  # light: the store is imported only by the commands that use it
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except NotAllowed as e:
        _say(f"error: {e}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:
        # the store is imported only by the commands that use it (geocode starts fast)
        store = sys.modules.get("geo.store")
        if store is not None and isinstance(e, store.StoreError):
            _say(f"error: {e}")
            return 2
        raise
