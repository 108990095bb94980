"""Signed revisions of a review (score and recusal packages), the open amendment, the exports.

The `signed_revision` table is append-only (triggers refuse UPDATE, and DELETE while the
bundle is in the library). The package itself is kept as a file under the data dir, age-
encrypted to the expert's own key like the inspection evidence; the row holds its digest,
its path and the score.json in clear (the scores are in the database in clear anyway).
Schema: migration 6 in migrations.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Field, Session, SQLModel, col, select

from reviewer_app.library import ReviewStatus
from reviewer_app.timestamps import now
from reviewer_app.store.models import BundleRecord


class SignedRevisionRecord(SQLModel, table=True):
    __tablename__ = "signed_revision"

    bundle_id: str = Field(primary_key=True, foreign_key="bundle.bundle_id")
    revision: int = Field(primary_key=True)
    kind: str  # "score" | "recusal"
    reason: str = ""
    signed_at: str  # ISO 8601 with offset, as in score.json
    expert_fingerprint: str
    score_sha256: str
    package_sha256: str
    package_size: int
    package_file: str  # relative to the data dir; age-encrypted to the expert
    file_name: str  # the name the package gets when exported
    score_json: str


class AmendmentRecord(SQLModel, table=True):
    __tablename__ = "amendment"

    bundle_id: str = Field(primary_key=True, foreign_key="bundle.bundle_id")
    after_revision: int
    reason: str
    started_at: str


class PackageExportRecord(SQLModel, table=True):
    __tablename__ = "package_export"

    id: int | None = Field(default=None, primary_key=True)
    bundle_id: str
    revision: int
    path: str
    exported_at: str


@dataclass(frozen=True)
class RevisionRow:
    bundle_id: str
    revision: int
    kind: str
    reason: str
    signed_at: datetime
    expert_fingerprint: str
    score_sha256: str
    package_sha256: str
    package_size: int
    package_file: str
    file_name: str
    score_json: bytes
    exported_to: tuple[str, ...]


@dataclass(frozen=True)
class OpenAmendment:
    after_revision: int
    reason: str
    started_at: datetime


def _now() -> str:
    return now().isoformat()


class SignatureRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def revisions(self, bundle_id: str) -> list[RevisionRow]:
        with Session(self.engine) as session:
            records = session.exec(
                select(SignedRevisionRecord).where(SignedRevisionRecord.bundle_id == bundle_id).order_by(col(SignedRevisionRecord.revision))
            ).all()
            exports = session.exec(
                select(PackageExportRecord).where(PackageExportRecord.bundle_id == bundle_id).order_by(col(PackageExportRecord.id))
            ).all()
        return [_row(r, [e.path for e in exports if e.revision == r.revision]) for r in records]

    def latest(self, bundle_id: str) -> RevisionRow | None:
        rows = self.revisions(bundle_id)
        return rows[-1] if rows else None

    def add(self, record: SignedRevisionRecord, status: ReviewStatus) -> None:
        """Insert a new revision (the primary key refuses a revision number taken), close the amendment."""
        with Session(self.engine) as session:
            session.add(record)
            amendment = session.get(AmendmentRecord, record.bundle_id)
            if amendment is not None:
                session.delete(amendment)
            self._set_status(session, record.bundle_id, status)
            session.commit()

    def open_amendment(self, bundle_id: str) -> OpenAmendment | None:
        with Session(self.engine) as session:
            record = session.get(AmendmentRecord, bundle_id)
        return OpenAmendment(record.after_revision, record.reason, datetime.fromisoformat(record.started_at)) if record else None

    def start_amendment(self, bundle_id: str, after_revision: int, reason: str, status: ReviewStatus) -> None:
        with Session(self.engine) as session:
            record = session.get(AmendmentRecord, bundle_id) or AmendmentRecord(bundle_id=bundle_id, after_revision=after_revision, reason=reason, started_at=_now())
            record.after_revision, record.reason = after_revision, reason
            session.add(record)
            self._set_status(session, bundle_id, status)
            session.commit()

    def record_export(self, bundle_id: str, revision: int, path: str, status: ReviewStatus) -> None:
        with Session(self.engine) as session:
            session.add(PackageExportRecord(bundle_id=bundle_id, revision=revision, path=path, exported_at=_now()))
            latest = session.exec(
                select(SignedRevisionRecord.revision).where(SignedRevisionRecord.bundle_id == bundle_id).order_by(col(SignedRevisionRecord.revision).desc())
            ).first()
            amending = session.get(AmendmentRecord, bundle_id) is not None
            if latest == revision and not amending:
                self._set_status(session, bundle_id, status)
            session.commit()

    @staticmethod
    def _set_status(session: Session, bundle_id: str, status: ReviewStatus) -> None:
        record = session.get(BundleRecord, bundle_id)
        if record is not None and record.status != status:
            record.status = status
            session.add(record)


def _row(record: SignedRevisionRecord, exports: list[str]) -> RevisionRow:
    return RevisionRow(
        record.bundle_id,
        record.revision,
        record.kind,
        record.reason,
        datetime.fromisoformat(record.signed_at),
        record.expert_fingerprint,
        record.score_sha256,
        record.package_sha256,
        record.package_size,
        record.package_file,
        record.file_name,
        record.score_json.encode("utf-8"),
        tuple(exports),
    )
