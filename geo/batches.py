"""Intake batches: every run that adds articles (the dashboard's "Add articles", `geo ingest`)
is one batch (account, time, articles, events) that an admin can undo.

Undoing a batch removes its articles and the events only it reported, and puts the events it
merged into back as they were (counts, notes, sources) — except fields an analyst edited
since, which keep the analyst's value. Batches that touched the same events are undone
newest first, so an undo never takes away a later batch's report.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update

from .roles import ADMIN, EDITOR, Account, require
from .store import (MERGED_FIELDS, EventStore, StoreError, articles_table, batch_events_table, batches_table,
                    edits_table, events_table, sources_table, utc_now)


@dataclass
class Undone:
    articles: int  # removed
    removed: int  # events only this batch reported
    restored: int  # events it had merged into, put back


class IntakeBatches:
    def __init__(self, store: EventStore):
        self.store = store

    def open(self, by: Account) -> int:
        """A new batch for `by` (an editor); its id goes with each article stored."""
        require(by, EDITOR, "add articles")
        with self.store.transaction() as conn:
            return conn.execute(insert(batches_table).values(account=by.name, started_at=utc_now())
                                .returning(batches_table.c.id)).scalar_one()

    def close(self, batch_id: int) -> None:
        """Count what the batch stored; a batch that stored nothing is dropped."""
        with self.store.transaction() as conn:
            articles = conn.execute(select(articles_table.c.text_hash).where(
                articles_table.c.batch_id == batch_id)).all()
            if not articles:
                conn.execute(delete(batches_table).where(batches_table.c.id == batch_id))
                return
            events = conn.execute(select(batch_events_table.c.event_id).where(
                batch_events_table.c.batch_id == batch_id)).all()
            conn.execute(update(batches_table).where(batches_table.c.id == batch_id).values(
                articles=len(articles), events=len(events)))

    def recent(self, limit: int = 50) -> list[dict]:
        with self.store.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(batches_table).order_by(
                batches_table.c.id.desc()).limit(limit)).mappings()]

    def undo(self, batch_id: int, by: Account) -> Undone:
        """An admin takes a batch back (see the module's docstring); audited per event."""
        require(by, ADMIN, "undo an intake batch")
        with self.store.transaction() as conn:
            batch = conn.execute(select(batches_table).where(batches_table.c.id == batch_id)).mappings().first()
            if batch is None or batch["undone_at"]:
                raise StoreError(f"batch {batch_id} {'was undone already' if batch else 'does not exist'}")
            touched = conn.execute(select(batch_events_table).where(
                batch_events_table.c.batch_id == batch_id)).mappings().all()
            _refuse_if_a_later_batch_touched(conn, batch_id, [t["event_id"] for t in touched])
            hashes = [h for (h,) in conn.execute(select(articles_table.c.text_hash).where(
                articles_table.c.batch_id == batch_id))]
            conn.execute(delete(sources_table).where(sources_table.c.text_hash.in_(hashes)))
            conn.execute(delete(articles_table).where(articles_table.c.text_hash.in_(hashes)))
            note = f"intake batch {batch_id} undone"
            removed = restored = 0
            for t in touched:
                if t["created"]:
                    removed += _remove_event(conn, t["event_id"], by, note)
                else:
                    restored += _put_back(conn, t["event_id"], json.loads(t["before"]), batch["started_at"], by)
            conn.execute(update(batches_table).where(batches_table.c.id == batch_id).values(
                undone_at=utc_now(), undone_by=by.name))
            return Undone(len(hashes), removed, restored)


def _refuse_if_a_later_batch_touched(conn, batch_id: int, event_ids: list[str]) -> None:
    later = conn.execute(select(batch_events_table.c.batch_id).distinct().join(
        batches_table, batches_table.c.id == batch_events_table.c.batch_id).where(
        batch_events_table.c.event_id.in_(event_ids), batch_events_table.c.batch_id > batch_id,
        batches_table.c.undone_at.is_(None))).all()
    if later:
        ids = ", ".join(str(b) for (b,) in sorted(later))
        raise StoreError(f"batch {ids} also changed events of batch {batch_id}: undo {ids} first")


def _audit(conn, event_id: str, field: str, before, after, by: Account) -> None:
    conn.execute(insert(edits_table).values(event_id=event_id, field=field, before=str(before),
                                            after=str(after), at=utc_now(), who=by.name))


def _remove_event(conn, event_id: str, by: Account, note: str) -> int:
    gone = conn.execute(delete(events_table).where(events_table.c.event_id == event_id)).rowcount
    conn.execute(delete(sources_table).where(sources_table.c.event_id == event_id))
    if gone:
        _audit(conn, event_id, "event", "stored", f"removed: {note}", by)
    return gone


def _put_back(conn, event_id: str, before: dict, since: str, by: Account) -> int:
    """The merged fields as they were before the batch, but an analyst's later edit stays."""
    row = conn.execute(select(events_table).where(events_table.c.event_id == event_id)).mappings().first()
    if row is None:
        return 0
    edited = {f for (f,) in conn.execute(select(edits_table.c.field).where(
        edits_table.c.event_id == event_id, edits_table.c.at >= since))}
    changes = {f: v for f, v in before.items() if f in MERGED_FIELDS and f not in edited and row[f] != v}
    for field, value in changes.items():
        _audit(conn, event_id, field, row[field], value, by)
    conn.execute(update(events_table).where(events_table.c.event_id == event_id).values(
        **changes, version=row["version"] + 1, changed_by=by.name))
    return 1
