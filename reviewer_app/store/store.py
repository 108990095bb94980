"""The store's public face: typed operations over an injected engine."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from reviewer_app.library import LibraryEntry, ReviewStatus
from reviewer_app.timestamps import in_offset
from reviewer_app.store.models import BundleRecord
from reviewer_app.store.inspections import InspectionRepository
from reviewer_app.store.reviews import ReviewRepository
from reviewer_app.store.signatures import SignatureRepository


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.reviews = ReviewRepository(engine)
        self.inspections = InspectionRepository(engine)
        self.signatures = SignatureRepository(engine)

    def close(self) -> None:
        self.engine.dispose()

    def library_entries(self) -> list[LibraryEntry]:
        """All imported bundles, most recently used first."""
        with Session(self.engine) as session:
            records = session.exec(
                select(BundleRecord).order_by(
                    col(BundleRecord.last_opened_at).desc(), col(BundleRecord.imported_at).desc()
                )
            ).all()
        return [_library_entry(record) for record in records]


    def bundle(self, bundle_id: str) -> BundleRecord | None:
        with Session(self.engine) as session:
            return session.get(BundleRecord, bundle_id)

    def add_bundle(self, record: BundleRecord) -> None:
        with Session(self.engine) as session:
            session.add(record)
            session.commit()

    def touch_opened(self, bundle_id: str) -> None:
        with Session(self.engine) as session:
            record = session.get(BundleRecord, bundle_id)
            if record is not None:
                record.last_opened_at = datetime.now().astimezone()
                session.add(record)
                session.commit()


def _library_entry(record: BundleRecord) -> LibraryEntry:
    return LibraryEntry(
        bundle_id=record.bundle_id,
        application_name=record.application_name,
        applicant=record.applicant,
        stage=record.stage,
        deadline=in_offset(record.deadline, record.deadline_offset_minutes),
        status=ReviewStatus(record.status),
        criteria_scored=record.criteria_scored,
        criteria_total=record.criteria_total,
        file_name=record.file_name,
    )
