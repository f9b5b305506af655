"""The event store: SQLite by default, PostgreSQL given a database URL (SQLAlchemy 2 Core).

- Articles are keyed by a hash of their normalised text: ingesting the same article
  twice changes nothing, and two processes ingesting at once cannot double it (the
  article row and its events are written in one transaction; ingests are serialised).
- The same incident reported by several articles (same place within a few km, same
  day +-1, compatible weapon) is one event listing all its sources (UCDP's
  number_of_sources); its counts follow the most recent report, earlier figures stay
  in its notes.
- Analysts' edits are applied with an audit trail (what, when, before, after, which
  account) and mark the event reviewed; re-ingesting an article never overwrites a reviewed
  event. Every event has a version: an edit based on an older one is refused (EditConflict).
- Every write names the account making it and checks its role (geo.roles.require); every
  write transaction moves the store's version on, so a cache keyed on it never goes stale.
- Nothing is deleted by a reviewer: hidden events stay, listed and restorable by an admin;
  articles arrive in batches (geo.batches) that an admin can undo.
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone

from sqlalchemy import (Boolean, Column, Float, Integer, MetaData, PrimaryKeyConstraint, String, Table, Text,
                        bindparam, create_engine, delete, event, func, insert, inspect, select, text, update)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, DatabaseError

from .articles import Article
from .contract import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS
from .extraction.incidents import SAME_INCIDENT_KM, same_incident_across_articles
from .gazetteer import imported
from .roles import ADMIN, EDITOR, Account, require
from .settings import database_url, redacted_url, store_kind
EDITABLE = ("event_date", "time_precision", "event_type", "sub_event_type", "weapon", "actor1",
            "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
            "fatalities", "injuries", "notes", "false_positive")

IMPORT_BATCH = 5000  # rows per round trip when importing events files
READ_SLICE = 50_000  # rows per slice when reading every event (bounds the Python tuples alive at once)

metadata = MetaData()


def _event_columns():
    cols = []
    for name in COLUMNS:
        if name == "event_id":
            cols.append(Column(name, String(64), primary_key=True))
        elif name in INTEGER_COLUMNS:
            cols.append(Column(name, Integer))
        elif name in FLOAT_COLUMNS:
            cols.append(Column(name, Float))
        else:
            cols.append(Column(name, Text, nullable=False, default=""))
    return cols


events_table = Table(
    "events", metadata, *_event_columns(),
    Column("number_of_sources", Integer, nullable=False, default=1),
    Column("reviewed", Boolean, nullable=False, default=False),
    Column("false_positive", Boolean, nullable=False, default=False),
    # moves on at every change: an edit based on an older version is refused
    Column("version", Integer, nullable=False, default=1, server_default="1"),
    Column("changed_by", Text),  # the account behind the latest version (edit, report, import, undo)
)
articles_table = Table(
    "articles", metadata,
    Column("text_hash", String(64), primary_key=True),
    Column("article_id", Text, nullable=False),
    Column("title", Text), Column("published", String(10)), Column("source", Text),
    Column("ingested_at", String(32), nullable=False),
    Column("batch_id", Integer),  # the intake batch that brought it (geo.batches)
)
sources_table = Table(
    "event_sources", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("text_hash", String(64), primary_key=True),
    Column("article_id", Text), Column("published", String(10)),
    Column("fatalities", Integer), Column("injuries", Integer), Column("notes", Text),
)
edits_table = Table(
    "edits", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False),
    Column("field", String(64), nullable=False),
    Column("before", Text), Column("after", Text),
    Column("at", String(32), nullable=False), Column("who", Text),
)
accounts_table = Table(  # geo.accounts
    "accounts", metadata,
    Column("name", String(200), primary_key=True),  # a local user name, or a sign-in provider's email
    Column("role", String(16), nullable=False),
    Column("password_hash", Text),  # argon2id, salted; empty for accounts signed in by a provider
    Column("kind", String(8), nullable=False),  # local | oidc
    Column("created_at", String(32), nullable=False), Column("created_by", Text, nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
)
batches_table = Table(  # geo.batches
    "batches", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account", Text, nullable=False), Column("started_at", String(32), nullable=False),
    Column("articles", Integer, nullable=False, default=0), Column("events", Integer, nullable=False, default=0),
    Column("undone_at", String(32)), Column("undone_by", Text),
)
batch_events_table = Table(  # what a batch did to each event: made it, or merged into it (and what it was)
    "batch_events", metadata,
    Column("batch_id", Integer, primary_key=True), Column("event_id", String(64), primary_key=True),
    Column("created", Boolean, nullable=False), Column("before", Text),
)
meta_table = Table("store_meta", metadata, Column("key", String(32), primary_key=True),
                   Column("value", Integer, nullable=False))
MERGED_FIELDS = ("fatalities", "injuries", "notes", "source", "number_of_sources")  # what a merge may change


# The gazetteer's imported layer: an ACLED export's places (never shipped; read by
# geo/gazetteer/imported.py, which names the table and its columns).
imported_places_table = Table(
    imported.TABLE, metadata,
    *(Column(c, Float) if c in ("latitude", "longitude") else Column(c, Text, nullable=False, default="")
      for c in imported.COLUMNS),
    PrimaryKeyConstraint("location", "country", "admin1", "admin2"),
)
# An imported row exactly as its file had it (every column, known or not, in order), so an
# ACLED export comes back whole.
source_rows_table = Table(
    "source_rows", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("columns", Text, nullable=False),  # JSON object
)


class StoreError(Exception):
    """The store cannot be opened or written; the message says which and why."""


class EditConflict(StoreError):
    """An edit based on an older version of the event; `current` holds the newer values."""

    def __init__(self, current: dict, changed_by: str):
        self.current, self.changed_by = current, changed_by
        super().__init__(f"{changed_by or 'someone'} changed this event since you opened it "
                         f"(now version {current['version']}); your changes were not saved")


def text_hash(body: str) -> str:
    """Articles are the same when their words are: case and spacing do not matter."""
    return hashlib.sha256(re.sub(r"\s+", " ", body).strip().lower().encode("utf-8")).hexdigest()


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_now = utc_now


def _wal(cur, attempts: int = 100) -> None:
    """Write-ahead logging: readers never wait for the writer. Switching a new file to it
    needs a moment alone, and SQLite answers 'locked' at once (no busy wait) when two
    processes create the store together: try again shortly."""
    for attempt in range(attempts):
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05)


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(conn, _):
        conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = conn.cursor()
        cur.execute("PRAGMA busy_timeout=30000")  # before anything that may wait for a lock
        _wal(cur)
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # a writer takes the write lock up front (no lost updates); a reader takes none
        write = conn.get_execution_options().get("geo_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _upsert_batch(conn, batch: list[dict], who: str) -> tuple[int, int]:
    """One batch of an import: known ids found in one query, then one insert and one update
    (each updated event's version moves on, naming the account behind it)."""
    values = list({r["event_id"]: {c: r.get(c) for c in COLUMNS} for r in batch}.values())
    known = dict(conn.execute(select(events_table.c.event_id, events_table.c.reviewed).where(
        events_table.c.event_id.in_([v["event_id"] for v in values]))).all())
    new = [v for v in values if v["event_id"] not in known]
    changed = [{**v, "_id": v["event_id"]} for v in values if v["event_id"] in known and not known[v["event_id"]]]
    if new:
        conn.execute(insert(events_table), [{**v, "number_of_sources": 1, "changed_by": who} for v in new])
    if changed:
        conn.execute(update(events_table).where(events_table.c.event_id == bindparam("_id"))
                     .values({**{c: bindparam(c) for c in COLUMNS if c != "event_id"},
                              "version": events_table.c.version + 1, "changed_by": who}), changed)
    return len(new), len(changed)


class EventStore:
    """Persistence of events, their sources and their edits; one instance per database."""

    def __init__(self, target: str | None = None):
        self.url = database_url(target)
        try:
            sqlite = self.url.startswith("sqlite")
            # sqlite3's own busy timeout covers even the first statements on a locked file
            self.engine: Engine = create_engine(self.url, future=True, pool_pre_ping=True,
                                                connect_args={"timeout": 30} if sqlite else {})
            if self.engine.dialect.name == "sqlite":
                _sqlite_setup(self.engine)
            with self._writing(bump=False) as conn:  # two processes may create the tables at once
                _prepare(conn)
        except (OperationalError, DatabaseError) as e:
            raise StoreError(f"cannot open the event store {self.display_url}: "
                             f"{str(e.orig if hasattr(e, 'orig') else e).splitlines()[0]}") from None

    @property
    def display_url(self) -> str:
        """The store's URL without credentials."""
        return redacted_url(self.url)

    @property
    def kind(self) -> str:
        """What visitors may be told about the store: its kind, never its path or URL."""
        return store_kind(self.url)

    @contextmanager
    def _writing(self, bump: bool = True):
        """A write transaction; writers take turns (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
        advisory lock), so no update is lost. Reads use plain connections and never wait.
        Each one moves the store's version on (the dashboard's cache key), updates included."""
        with self.engine.connect() as conn:
            conn.execution_options(geo_write=True)
            with conn.begin():
                if self.engine.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(424242)"))
                yield conn
                if bump:
                    conn.execute(update(meta_table).where(meta_table.c.key == "version")
                                 .values(value=meta_table.c.value + 1))

    def transaction(self):
        """A write transaction for the store's companions (geo.accounts, geo.batches)."""
        return self._writing()

    def version(self) -> int:
        """Changes with every write transaction: new rows, updates, edits, undos."""
        with self.engine.connect() as conn:
            return conn.execute(select(meta_table.c.value).where(meta_table.c.key == "version")).scalar_one()

    # -- ingest ---------------------------------------------------------------------------
    def has_article(self, body: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(articles_table.c.text_hash).where(
                articles_table.c.text_hash == text_hash(body))).first() is not None

    def add_article(self, article: Article, events: list[dict], by: Account, batch: int | None = None) -> int:
        """Store an article and its events in one transaction, as part of intake `batch`
        (geo.batches). Returns events added or merged; 0 when the article was already stored
        (by this or another process)."""
        require(by, EDITOR, "add articles")
        h = text_hash(article.body)
        published = article.published.isoformat() if article.published else None
        try:
            with self._writing() as conn:
                if conn.execute(select(articles_table.c.text_hash).where(
                        articles_table.c.text_hash == h)).first():
                    return 0
                conn.execute(insert(articles_table).values(
                    text_hash=h, article_id=article.id, title=article.title, published=published,
                    source=article.source, ingested_at=_now(), batch_id=batch))
                for ev in events:
                    _add_event(conn, ev, h, published, batch, by)
                return len(events)
        except IntegrityError:
            return 0  # another process stored this article first

    # -- import ---------------------------------------------------------------------------
    def upsert_events(self, rows: list[dict], by: Account) -> tuple[int, int]:
        """Events from an events CSV (ours or ACLED's): new ones added, known ids updated
        unless reviewed. Returns (added, updated). Written in batches (one query finds the
        known ids of a batch, one executemany inserts, one updates), in one transaction."""
        require(by, EDITOR, "import events")
        added = updated = 0
        with self._writing() as conn:
            for start in range(0, len(rows), IMPORT_BATCH):
                a, u = _upsert_batch(conn, rows[start:start + IMPORT_BATCH], by.name)
                added, updated = added + a, updated + u
        return added, updated

    def keep_source_rows(self, rows: dict[str, dict], by: Account) -> None:
        """The source file's row of each imported event (replacing an earlier import's)."""
        require(by, EDITOR, "import events")
        t, ids = source_rows_table, list(rows)
        with self._writing() as conn:
            for i in range(0, len(ids), 500):
                conn.execute(delete(t).where(t.c.event_id.in_(ids[i:i + 500])))
            if ids:
                conn.execute(insert(t), [{"event_id": k, "columns": json.dumps(v, ensure_ascii=False)}
                                         for k, v in rows.items()])

    def source_rows(self) -> dict[str, dict]:
        with self.engine.connect() as conn:
            return {r.event_id: json.loads(r.columns) for r in conn.execute(select(source_rows_table))}

    def add_imported_places(self, places: list[dict], by: Account) -> int:
        """Places for the gazetteer's imported layer (location, country, admin1, admin2,
        latitude, longitude, source); a place already there takes the new point. Returns
        how many are new."""
        require(by, EDITOR, "import places")
        t, key = imported_places_table, ("location", "country", "admin1", "admin2")
        latest = {tuple(p[k] for k in key): {c: p.get(c, "") for c in imported.COLUMNS} for p in places}
        with self._writing() as conn:
            known = {tuple(r) for r in conn.execute(select(*(t.c[k] for k in key)))}
            new = [p for k, p in latest.items() if k not in known]
            if new:
                conn.execute(insert(t), new)
            for k, p in latest.items():
                if k in known:
                    conn.execute(update(t).where(*(t.c[c] == v for c, v in zip(key, k))).values(
                        latitude=p["latitude"], longitude=p["longitude"], source=p["source"]))
        return len(new)

    def imported_places(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(imported_places_table)).mappings()]

    # -- review ---------------------------------------------------------------------------
    def edit(self, event_id: str, changes: dict, by: Account, expected_version: int | None = None) -> int:
        """Apply an analyst's edit: every changed field gets an audit row naming the account;
        the event is reviewed. With `expected_version` (the version the analyst's form was
        filled from), an event changed meanwhile is left alone and EditConflict raised.
        Hiding needs an editor; un-hiding an admin. Returns the event's new version."""
        require(by, EDITOR, "edit events")
        bad = set(changes) - set(EDITABLE)
        if bad:
            raise StoreError(f"not editable: {', '.join(sorted(bad))}")
        with self._writing() as conn:
            row = _row(conn, event_id)
            if expected_version is not None and row["version"] != expected_version:
                raise EditConflict(dict(row), row["changed_by"] or "")
            if row["false_positive"] and changes.get("false_positive") is False:
                require(by, ADMIN, "restore a hidden event")
            at = _now()
            for field, after in changes.items():
                if row[field] != after:
                    conn.execute(insert(edits_table).values(event_id=event_id, field=field,
                                                            before=str(row[field]), after=str(after),
                                                            at=at, who=by.name))
            conn.execute(update(events_table).where(events_table.c.event_id == event_id)
                         .values(**changes, reviewed=True, version=row["version"] + 1, changed_by=by.name))
            return row["version"] + 1

    def restore(self, event_id: str, by: Account) -> None:
        """An admin brings a hidden event back (audited)."""
        require(by, ADMIN, "restore a hidden event")
        self.edit(event_id, {"false_positive": False}, by)

    def event(self, event_id: str) -> dict | None:
        """One event as stored now (with its version), hidden or not."""
        with self.engine.connect() as conn:
            row = conn.execute(select(events_table).where(events_table.c.event_id == event_id)).mappings().first()
            return dict(row) if row else None

    def history(self, event_id: str) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(edits_table).where(
                edits_table.c.event_id == event_id).order_by(edits_table.c.id)).mappings()]

    # -- read -----------------------------------------------------------------------------
    def events(self, include_false: bool = False) -> list[dict]:
        q = select(events_table).order_by(events_table.c.event_date, events_table.c.event_id)
        if not include_false:
            q = q.where(events_table.c.false_positive.is_(False))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def events_frame(self, include_false: bool = False):
        """Every event as a contract frame, in the store's own order (the dashboard orders what
        it shows), read in bulk: a cursor's rows straight into pandas, a slice at a time, so a
        million events never sit in memory as Python tuples all at once (2.4 GB -> 0.9 GB)."""
        where = "" if include_false else " WHERE NOT false_positive"
        raw = self.engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute(f"SELECT {', '.join(COLUMNS)} FROM events{where}")
            return _frame_in_slices(cur)
        finally:
            raw.close()

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar_one()
                    for name in ("articles", "events", "event_sources", "edits")}


def _frame_in_slices(cur):
    """A cursor's rows (contract columns) as one frame, READ_SLICE rows at a time."""
    import pandas as pd
    slices = []
    while rows := cur.fetchmany(READ_SLICE):
        slices.append(pd.DataFrame.from_records(rows, columns=list(COLUMNS), coerce_float=True))
    cur.close()
    if not slices:
        return pd.DataFrame(columns=list(COLUMNS))
    return pd.concat(slices, ignore_index=True) if len(slices) > 1 else slices[0]


def _record_in_batch(conn, batch: int | None, event_id: str, before) -> None:
    """What an intake batch did to an event, once per batch: made it (before is None), or
    merged into it (the merged fields as they were, so an undo can put them back)."""
    if batch is None or before is not None and conn.execute(select(batch_events_table.c.event_id).where(
            batch_events_table.c.batch_id == batch, batch_events_table.c.event_id == event_id)).first():
        return  # (an event this batch made is new: nothing to look up)
    snapshot = None if before is None else json.dumps({f: before[f] for f in MERGED_FIELDS})
    conn.execute(insert(batch_events_table).values(batch_id=batch, event_id=event_id,
                                                   created=before is None, before=snapshot))


def _prepare(conn) -> None:
    """Tables made, columns added since an older version made the store, the version counter."""
    metadata.create_all(conn)
    _add_missing_columns(conn)
    if conn.execute(select(meta_table.c.value).where(meta_table.c.key == "version")).first() is None:
        conn.execute(insert(meta_table).values(key="version", value=1))


def _add_missing_columns(conn) -> None:
    """A store made by an older version gains the columns added since (with their defaults)."""
    inspector = inspect(conn)
    for table in metadata.sorted_tables:
        have = {c["name"] for c in inspector.get_columns(table.name)}
        for col in table.columns:
            if col.name not in have:
                default = f" DEFAULT {col.server_default.arg}" if col.server_default is not None else ""
                null = " NOT NULL" if not col.nullable and default else ""
                conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {col.name} "
                                  f"{col.type.compile(conn.dialect)}{default}{null}"))


def _add_event(conn, ev: dict, h: str, published: str | None, batch: int | None, by: Account) -> None:
    """A new event, or a report merged into the stored event of the same incident."""
    match = _same_incident(conn, ev)
    source_row = {"text_hash": h, "article_id": ev["article_id"], "published": published,
                  "fatalities": ev["fatalities"], "injuries": ev["injuries"], "notes": ev["notes"]}
    if match is None:
        conn.execute(insert(events_table).values(**{c: ev.get(c) for c in COLUMNS},
                                                 number_of_sources=1, changed_by=by.name))
        conn.execute(insert(sources_table).values(event_id=ev["event_id"], **source_row))
        _record_in_batch(conn, batch, ev["event_id"], None)
        return
    _record_in_batch(conn, batch, match["event_id"], match)
    conn.execute(insert(sources_table).values(event_id=match["event_id"], **source_row))
    sources = conn.execute(select(sources_table).where(
        sources_table.c.event_id == match["event_id"])).mappings().all()
    latest = max(sources, key=lambda s: (s["published"] or "", s["text_hash"] == h))
    changes = {"number_of_sources": len(sources)}
    if not match["reviewed"]:  # an analyst's figures are not overwritten by a report
        changes["fatalities"], changes["injuries"] = latest["fatalities"], latest["injuries"]
        earlier = [s for s in sources if s is not latest]
        figures = "; ".join(f"{s['article_id']} ({s['published'] or '?'}): killed "
                            f"{s['fatalities'] if s['fatalities'] is not None else '?'}, wounded "
                            f"{s['injuries'] if s['injuries'] is not None else '?'}" for s in earlier)
        changes["notes"] = f"{latest['notes']} || earlier reports: {figures}"
        changes["source"] = f"{match['source']} | {ev['source']}"[:2000]
    conn.execute(update(events_table).where(events_table.c.event_id == match["event_id"])
                 .values(**changes, version=events_table.c.version + 1, changed_by=by.name))


def _same_incident(conn, ev: dict):
    """A stored event from another article that reports the same incident, if any."""
    if ev.get("latitude") is None:
        return None
    day = datetime.fromisoformat(ev["event_date"]).date()
    lo, hi = (day.fromordinal(day.toordinal() - 1).isoformat(),
              day.fromordinal(day.toordinal() + 1).isoformat())
    near_deg = SAME_INCIDENT_KM / 50  # a generous latitude band for the index
    rows = conn.execute(select(events_table).where(
        events_table.c.event_date >= lo, events_table.c.event_date <= hi,
        events_table.c.latitude.between(ev["latitude"] - near_deg, ev["latitude"] + near_deg),
        events_table.c.article_id != ev["article_id"])).mappings().all()
    return next((row for row in rows if same_incident_across_articles(row, ev)), None)


def _row(conn, event_id: str):
    row = conn.execute(select(events_table).where(events_table.c.event_id == event_id)).mappings().first()
    if row is None:
        raise StoreError(f"no event {event_id}")
    return row


def hidden_events(store: EventStore) -> list[dict]:
    """Hidden events, each with who hid it and when (from the audit trail)."""
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(events_table).where(
            events_table.c.false_positive.is_(True)).order_by(events_table.c.event_date)).mappings()]
        for r in rows:
            last = conn.execute(select(edits_table.c.who, edits_table.c.at).where(
                edits_table.c.event_id == r["event_id"], edits_table.c.field == "false_positive")
                .order_by(edits_table.c.id.desc()).limit(1)).first()
            r["hidden_by"], r["hidden_at"] = (last[0], last[1]) if last else ("", "")
        return rows


def place_counts(store: EventStore) -> list[tuple[str, str, float, float, int]]:
    """(location, admin1, latitude, longitude, events) of a store's events placed at a town or
    near one (geo_precision 1-2): where a batch's namesakes are likeliest."""
    e = events_table.c
    q = (select(e.location, e.admin1, e.latitude, e.longitude, func.count())
         .where(e.false_positive.is_(False), e.geo_precision.in_((1, 2)), e.latitude.is_not(None))
         .group_by(e.location, e.admin1, e.latitude, e.longitude))
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(q)]
