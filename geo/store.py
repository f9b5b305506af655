"""The event store: SQLite by default, PostgreSQL given a database URL (SQLAlchemy 2 Core).

- Articles are keyed by a hash of their normalised text: ingesting the same article
  twice changes nothing, and two processes ingesting at once cannot double it (the
  article row and its events are written in one transaction; ingests are serialised).
- The same incident reported by several articles (same place within a few km, same
  day +-1, compatible weapon) is one event listing all its sources (UCDP's
  number_of_sources); its counts follow the most recent report, earlier figures stay
  in its notes.
- Analysts' edits are applied with an audit trail (what, when, before, after) and mark
  the event reviewed; re-ingesting an article never overwrites a reviewed event.
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
                        bindparam, create_engine, delete, event, insert, select, text, update)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, DatabaseError

from .articles import Article
from .contract import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS
from .extraction.incidents import SAME_INCIDENT_KM, same_incident_across_articles
from .gazetteer import imported
from .settings import database_url, redacted_url
EDITABLE = ("event_date", "time_precision", "event_type", "sub_event_type", "weapon", "actor1",
            "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
            "fatalities", "injuries", "notes", "false_positive")

IMPORT_BATCH = 5000  # rows per round trip when importing events files

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
)
articles_table = Table(
    "articles", metadata,
    Column("text_hash", String(64), primary_key=True),
    Column("article_id", Text, nullable=False),
    Column("title", Text), Column("published", String(10)), Column("source", Text),
    Column("ingested_at", String(32), nullable=False),
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


def text_hash(body: str) -> str:
    """Articles are the same when their words are: case and spacing do not matter."""
    return hashlib.sha256(re.sub(r"\s+", " ", body).strip().lower().encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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


def _upsert_batch(conn, batch: list[dict]) -> tuple[int, int]:
    """One batch of an import: known ids found in one query, then one insert and one update."""
    values = list({r["event_id"]: {c: r.get(c) for c in COLUMNS} for r in batch}.values())
    known = dict(conn.execute(select(events_table.c.event_id, events_table.c.reviewed).where(
        events_table.c.event_id.in_([v["event_id"] for v in values]))).all())
    new = [v for v in values if v["event_id"] not in known]
    changed = [{**v, "_id": v["event_id"]} for v in values if v["event_id"] in known and not known[v["event_id"]]]
    if new:
        conn.execute(insert(events_table), [{**v, "number_of_sources": 1} for v in new])
    if changed:
        conn.execute(update(events_table).where(events_table.c.event_id == bindparam("_id"))
                     .values({c: bindparam(c) for c in COLUMNS if c != "event_id"}), changed)
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
            with self._writing() as conn:  # two processes may create the tables at once
                metadata.create_all(conn)
        except (OperationalError, DatabaseError) as e:
            raise StoreError(f"cannot open the event store {self.display_url}: "
                             f"{str(e.orig if hasattr(e, 'orig') else e).splitlines()[0]}") from None

    @property
    def display_url(self) -> str:
        """The store's URL without credentials."""
        return redacted_url(self.url)

    @contextmanager
    def _writing(self):
        """A write transaction; writers take turns (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
        advisory lock), so no update is lost. Reads use plain connections and never wait."""
        with self.engine.connect() as conn:
            conn.execution_options(geo_write=True)
            with conn.begin():
                if self.engine.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(424242)"))
                yield conn

    # -- ingest ---------------------------------------------------------------------------
    def has_article(self, body: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(articles_table.c.text_hash).where(
                articles_table.c.text_hash == text_hash(body))).first() is not None

    def add_article(self, article: Article, events: list[dict]) -> int:
        """Store an article and its events in one transaction. Returns events added or merged;
        0 when the article was already stored (by this or another process)."""
        h = text_hash(article.body)
        published = article.published.isoformat() if article.published else None
        try:
            with self._writing() as conn:
                if conn.execute(select(articles_table.c.text_hash).where(
                        articles_table.c.text_hash == h)).first():
                    return 0
                conn.execute(insert(articles_table).values(
                    text_hash=h, article_id=article.id, title=article.title, published=published,
                    source=article.source, ingested_at=_now()))
                for ev in events:
                    self._add_event(conn, ev, h, published)
                return len(events)
        except IntegrityError:
            return 0  # another process stored this article first

    def _add_event(self, conn, ev: dict, h: str, published: str | None) -> None:
        match = self._same_incident(conn, ev)
        source_row = {"text_hash": h, "article_id": ev["article_id"], "published": published,
                      "fatalities": ev["fatalities"], "injuries": ev["injuries"], "notes": ev["notes"]}
        if match is None:
            conn.execute(insert(events_table).values(**{c: ev.get(c) for c in COLUMNS},
                                                     number_of_sources=1))
            conn.execute(insert(sources_table).values(event_id=ev["event_id"], **source_row))
            return
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
                     .values(**changes))

    @staticmethod
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

    # -- import ---------------------------------------------------------------------------
    def upsert_events(self, rows: list[dict]) -> tuple[int, int]:
        """Events from an events CSV (ours or ACLED's): new ones added, known ids updated
        unless reviewed. Returns (added, updated). Written in batches (one query finds the
        known ids of a batch, one executemany inserts, one updates), in one transaction."""
        added = updated = 0
        with self._writing() as conn:
            for start in range(0, len(rows), IMPORT_BATCH):
                a, u = _upsert_batch(conn, rows[start:start + IMPORT_BATCH])
                added, updated = added + a, updated + u
        return added, updated


    def keep_source_rows(self, rows: dict[str, dict]) -> None:
        """The source file's row of each imported event (replacing an earlier import's)."""
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

    def add_imported_places(self, places: list[dict]) -> int:
        """Places for the gazetteer's imported layer (location, country, admin1, admin2,
        latitude, longitude, source); a place already there takes the new point. Returns
        how many are new."""
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
    def edit(self, event_id: str, changes: dict, who: str = "") -> None:
        """Apply an analyst's edit: every changed field gets an audit row; the event is reviewed."""
        bad = set(changes) - set(EDITABLE)
        if bad:
            raise StoreError(f"not editable: {', '.join(sorted(bad))}")
        with self._writing() as conn:
            row = conn.execute(select(events_table).where(
                events_table.c.event_id == event_id)).mappings().first()
            if row is None:
                raise StoreError(f"no event {event_id}")
            at = _now()
            for field, after in changes.items():
                if row[field] != after:
                    conn.execute(insert(edits_table).values(event_id=event_id, field=field,
                                                            before=str(row[field]), after=str(after),
                                                            at=at, who=who))
            conn.execute(update(events_table).where(events_table.c.event_id == event_id)
                         .values(**changes, reviewed=True))

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
        """Every event as a contract frame, read in bulk (a cursor's rows straight into
        pandas: 150,000 events in about a second, where dicts per row take several)."""
        import pandas as pd
        cols = ", ".join(COLUMNS)
        where = "" if include_false else " WHERE NOT false_positive"
        raw = self.engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute(f"SELECT {cols} FROM events{where} ORDER BY event_date, event_id")
            frame = pd.DataFrame.from_records(cur.fetchall(), columns=list(COLUMNS), coerce_float=True)
            cur.close()
        finally:
            raw.close()
        return frame

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar_one()
                    for name in ("articles", "events", "event_sources", "edits")}
