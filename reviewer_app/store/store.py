"""The store's public face: typed operations over an injected engine."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session

from reviewer_app.library import LibraryEntry
from reviewer_app.store.listing import library_entries
from reviewer_app.store.models import BundleRecord
from reviewer_app.store.inspections import InspectionRepository
from reviewer_app.store.panel import PanelRepository
from reviewer_app.store.rechecks import RecheckRepository
from reviewer_app.store.reviews import ReviewRepository
from reviewer_app.store.signatures import SignatureRepository


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.reviews = ReviewRepository(engine)
        self.inspections = InspectionRepository(engine)
        self.signatures = SignatureRepository(engine)
        self.rechecks = RecheckRepository(engine)
        self.panel = PanelRepository(engine)

    def close(self) -> None:
        self.engine.dispose()

    def library_entries(self) -> list[LibraryEntry]:
        """All imported bundles, most recently used first."""
        raw = self.engine.raw_connection()
        try:
            return library_entries(raw.driver_connection)
        finally:
            raw.close()

    def bundle(self, bundle_id: str) -> BundleRecord | None:
        with Session(self.engine) as session:
            return session.get(BundleRecord, bundle_id)

    def add_bundle(self, record: BundleRecord) -> None:
        with Session(self.engine) as session:
            session.add(record)
            session.commit()

    def purge_bundle(self, bundle_id: str) -> BundleRecord | None:
        """Delete the bundle's row and, by ON DELETE CASCADE, every row derived from it (review,
        scores, notes, inspection, evidence, signed revisions, exports); the record deleted.

        The read-only triggers of a signed review let rows go only once their bundle row is gone:
        this is the one controlled way to remove a signed review. secure_delete overwrites the
        freed pages, and the WAL is checkpointed and truncated, so the deleted text does not stay
        readable inside the database file."""
        record = self.bundle(bundle_id)
        if record is None:
            return None
        with self.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA secure_delete=ON")
            connection.exec_driver_sql("DELETE FROM bundle WHERE bundle_id = ?", (bundle_id,))
        raw = self.engine.raw_connection()  # outside any transaction: a checkpoint cannot run inside one
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError:
            pass  # another connection is reading: SQLite checkpoints the WAL later on its own
        finally:
            raw.close()
        return record

    def touch_opened(self, bundle_id: str) -> None:
        with Session(self.engine) as session:
            record = session.get(BundleRecord, bundle_id)
            if record is not None:
                record.last_opened_at = datetime.now().astimezone()
                session.add(record)
                session.commit()
