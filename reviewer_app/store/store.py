"""The store's public face: typed operations over an injected engine."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from reviewer_app.library import LibraryEntry, ReviewStatus
from reviewer_app.store.models import BundleRecord


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

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


def _library_entry(record: BundleRecord) -> LibraryEntry:
    return LibraryEntry(
        bundle_id=record.bundle_id,
        application_name=record.application_name,
        applicant=record.applicant,
        stage=record.stage,
        deadline=record.deadline,
        status=ReviewStatus(record.status),
        criteria_scored=record.criteria_scored,
        criteria_total=record.criteria_total,
        file_name=record.file_name,
    )
