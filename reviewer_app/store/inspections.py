"""Saving and loading one expert's on-site inspection of one bundle.

Like ReviewRepository: every change is its own transaction, committed before the call
returns (that is the autosave). Evidence files themselves are written by
reviewer_app.services.evidence; this repository only keeps their rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import Engine, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, col, select

from reviewer_app.review.inspection import Evidence, InspectionState, ItemResult, Visit
from reviewer_app.store.reviews import upsert
from reviewer_app.timestamps import now
from reviewer_app.store.models import ChecklistResultRecord, EvidenceRecord, InspectionRecord


class InspectionVisitRecord(SQLModel, table=True):
    """Table `inspection_visit` (migration 5). Kept here until models.py takes it over."""

    __tablename__ = "inspection_visit"

    id: int | None = Field(default=None, primary_key=True)
    bundle_id: str = Field(foreign_key="bundle.bundle_id")
    item_id: str
    at: datetime


class DuplicateEvidence(Exception):
    """The same file (same SHA-256) is already attached to this bundle's inspection."""

    def __init__(self, existing: Evidence) -> None:
        super().__init__(existing.file_name)
        self.existing = existing


def _local(value: datetime | None) -> datetime | None:
    """Aware, as the store keeps every time (a naive time is taken as this computer's local time)."""
    if value is None:
        return None
    return value.astimezone() if value.utcoffset() is None else value


class InspectionRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- reading ------------------------------------------------------------
    def load(self, bundle_id: str) -> InspectionState:
        with Session(self.engine) as session:
            record = session.get(InspectionRecord, bundle_id) or InspectionRecord(bundle_id=bundle_id)
            results = session.exec(select(ChecklistResultRecord).where(ChecklistResultRecord.bundle_id == bundle_id)).all()
            evidence = session.exec(
                select(EvidenceRecord).where(EvidenceRecord.bundle_id == bundle_id)
                .order_by(col(EvidenceRecord.captured_at), col(EvidenceRecord.id))
            ).all()
            visits = session.exec(
                select(InspectionVisitRecord).where(InspectionVisitRecord.bundle_id == bundle_id)
                .order_by(col(InspectionVisitRecord.at), col(InspectionVisitRecord.id))
            ).all()
        return InspectionState(
            bundle_id=bundle_id,
            started_at=record.started_at,
            finished_at=record.finished_at,
            inspectors=tuple(line for line in record.inspectors.splitlines() if line.strip()),
            site_notes=record.site_notes,
            results={r.item_id: ItemResult(r.result, r.note, r.observed, bool(r.discrepancy)) for r in results},
            evidence=tuple(_evidence(e) for e in _captured_first(evidence)),
            visits=tuple(Visit(v.id, v.item_id, v.at) for v in visits if v.id is not None),
        )

    def evidence(self, evidence_id: int) -> Evidence | None:
        with Session(self.engine) as session:
            record = session.get(EvidenceRecord, evidence_id)
            return _evidence(record) if record is not None else None

    def find_evidence(self, bundle_id: str, sha256: str) -> Evidence | None:
        with Session(self.engine) as session:
            record = session.exec(select(EvidenceRecord).where(
                EvidenceRecord.bundle_id == bundle_id, EvidenceRecord.sha256 == sha256)).first()
            return _evidence(record) if record is not None else None

    def stored_files(self, bundle_id: str) -> set[str]:
        """Every file name under the bundle's evidence folder that a row refers to."""
        with Session(self.engine) as session:
            records = session.exec(select(EvidenceRecord).where(EvidenceRecord.bundle_id == bundle_id)).all()
            evidence = [_evidence(r) for r in records]
        names = set()
        for item in evidence:
            names.update(n for n in (item.stored_name, item.display_name, item.thumbnail_name) if n)
        return names

    # -- the inspection log -------------------------------------------------
    def start(self, bundle_id: str, at: datetime | None = None) -> datetime:
        stamp = _local(at) or now()
        self.set_started(bundle_id, stamp)
        return stamp

    def finish(self, bundle_id: str, at: datetime | None = None) -> datetime:
        stamp = _local(at) or now()
        self.set_finished(bundle_id, stamp)
        return stamp

    def set_started(self, bundle_id: str, at: datetime | None) -> None:
        self._update(bundle_id, started_at=_local(at))

    def set_finished(self, bundle_id: str, at: datetime | None) -> None:
        self._update(bundle_id, finished_at=_local(at))

    def set_inspectors(self, bundle_id: str, names: Iterable[str]) -> None:
        self._update(bundle_id, inspectors="\n".join(n.strip() for n in names if n.strip()))

    def set_site_notes(self, bundle_id: str, text: str) -> None:
        self._update(bundle_id, site_notes=text)

    # -- checklist results --------------------------------------------------
    def set_result(self, bundle_id: str, item_id: str, result: str | None) -> None:
        self._update_item(bundle_id, item_id, result=result)

    def set_note(self, bundle_id: str, item_id: str, note: str) -> None:
        self._update_item(bundle_id, item_id, note=note)

    def set_observed(self, bundle_id: str, item_id: str, observed: str) -> None:
        self._update_item(bundle_id, item_id, observed=observed)

    def set_discrepancy(self, bundle_id: str, item_id: str, discrepancy: bool) -> None:
        self._update_item(bundle_id, item_id, discrepancy=bool(discrepancy))

    # -- visits (for matching photos by capture time) -----------------------
    def add_visit(self, bundle_id: str, item_id: str, at: datetime | None = None) -> Visit:
        with Session(self.engine) as session:
            record = InspectionVisitRecord(bundle_id=bundle_id, item_id=item_id, at=_local(at) or now())
            session.add(record)
            session.commit()
            assert record.id is not None
            return Visit(record.id, record.item_id, record.at)

    def remove_visit(self, visit_id: int) -> Visit | None:
        """Remove a visit; returns it so that the removal can be undone."""
        with Session(self.engine) as session:
            record = session.get(InspectionVisitRecord, visit_id)
            if record is None or record.id is None:
                return None
            visit = Visit(record.id, record.item_id, record.at)
            session.delete(record)
            session.commit()
            return visit

    def restore_visit(self, bundle_id: str, visit: Visit) -> Visit:
        return self.add_visit(bundle_id, visit.item_id, visit.at)

    # -- evidence rows ------------------------------------------------------
    def add_evidence(
        self,
        bundle_id: str,
        *,
        item_id: str | None,
        file_name: str,
        media_type: str,
        size: int,
        sha256: str,
        captured_at: datetime | None,
        gps: Mapping[str, float] | None,
        stored_name: str,
        display_name: str | None,
        width: int | None,
        height: int | None,
    ) -> Evidence:
        """Insert one evidence row; raises DuplicateEvidence when the same file is already there."""
        existing = self.find_evidence(bundle_id, sha256)
        if existing is not None:
            raise DuplicateEvidence(existing)
        record = EvidenceRecord(
            bundle_id=bundle_id, item_id=item_id, file_name=file_name, media_type=media_type, size=size,
            sha256=sha256, captured_at=_local(captured_at), gps_json=json.dumps(dict(gps)) if gps else None,
            stored_name=stored_name, display_name=display_name, width=width, height=height, imported_at=now())
        try:
            with Session(self.engine) as session:
                session.add(record)
                session.commit()
                session.refresh(record)
                return _evidence(record)
        except IntegrityError:  # the same file, added at the same moment by another import
            existing = self.find_evidence(bundle_id, sha256)
            if existing is None:
                raise
            raise DuplicateEvidence(existing) from None

    def assign_evidence(self, evidence_id: int, item_id: str | None) -> None:
        self.assign_many({evidence_id: item_id})

    def assign_many(self, assignments: Mapping[int, str | None]) -> None:
        """Move evidence to items (None: back to "not yet matched"), all in one transaction."""
        with self.engine.begin() as connection:
            for evidence_id, item_id in assignments.items():
                connection.execute(update(EvidenceRecord).where(col(EvidenceRecord.id) == evidence_id).values(item_id=item_id))

    def remove_evidence(self, evidence_id: int) -> Evidence | None:
        """Delete the row (the caller deletes the files); returns what was removed."""
        with Session(self.engine) as session:
            record = session.get(EvidenceRecord, evidence_id)
            if record is None:
                return None
            evidence = _evidence(record)
            session.delete(record)
            session.commit()
            return evidence

    # -- helpers ------------------------------------------------------------
    def _update(self, bundle_id: str, **changes: object) -> None:
        with self.engine.begin() as connection:
            connection.execute(upsert(InspectionRecord, {"bundle_id": bundle_id}, {**changes, "updated_at": now()}))

    def _update_item(self, bundle_id: str, item_id: str, **changes: object) -> None:
        with self.engine.begin() as connection:
            connection.execute(upsert(ChecklistResultRecord, {"bundle_id": bundle_id, "item_id": item_id},
                                      {**changes, "updated_at": now()}))


def _captured_first(records: Iterable[EvidenceRecord]) -> list[EvidenceRecord]:
    """Photos in the order they were taken; documents and photos without a time after them."""
    return sorted(records, key=lambda r: (r.captured_at is None, r.captured_at or datetime.min, r.id or 0))


def _gps(text: str | None) -> dict[str, float] | None:
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return {str(k): float(v) for k, v in data.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}


def _evidence(record: EvidenceRecord) -> Evidence:
    assert record.id is not None
    return Evidence(
        id=record.id, item_id=record.item_id, file_name=record.file_name, media_type=record.media_type,
        size=record.size, sha256=record.sha256, captured_at=record.captured_at, gps=_gps(record.gps_json),
        stored_name=record.stored_name, display_name=record.display_name, width=record.width,
        height=record.height, imported_at=record.imported_at)
