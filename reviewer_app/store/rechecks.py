"""Re-check (复核) files kept per bundle: requests received (member) or sent (leader), and the
signed answer once there is one. Rows hold the signed files as they came; reviewer_app/panel
checks them whenever they are read. Schema: migration 9 in migrations.py."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Field, Session, SQLModel, col, select

from reviewer_app.timestamps import now

RECEIVED, SENT = "received", "sent"


class RecheckRecord(SQLModel, table=True):
    __tablename__ = "recheck"

    bundle_id: str = Field(primary_key=True, foreign_key="bundle.bundle_id")
    request_sha256: str = Field(primary_key=True)
    role: str = Field(primary_key=True)  # RECEIVED | SENT
    request_file: bytes
    kept_at: str
    answer_file: bytes | None = None
    answered_at: str | None = None


@dataclass(frozen=True)
class KeptRecheck:
    request_sha256: str
    role: str
    request_file: bytes
    kept_at: str
    answer_file: bytes | None
    answered_at: str | None


class RecheckRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def all(self, bundle_id: str, role: str) -> list[KeptRecheck]:
        with Session(self.engine) as session:
            records = session.exec(
                select(RecheckRecord).where(RecheckRecord.bundle_id == bundle_id, RecheckRecord.role == role).order_by(col(RecheckRecord.kept_at))
            ).all()
            return [KeptRecheck(r.request_sha256, r.role, r.request_file, r.kept_at, r.answer_file, r.answered_at) for r in records]

    def keep(self, bundle_id: str, request_sha256: str, role: str, request_file: bytes) -> bool:
        """Keep a request (False when it is kept already: the same file twice is one request)."""
        with Session(self.engine) as session:
            if session.get(RecheckRecord, (bundle_id, request_sha256, role)) is not None:
                return False
            session.add(RecheckRecord(bundle_id=bundle_id, request_sha256=request_sha256, role=role, request_file=request_file, kept_at=now().isoformat()))
            session.commit()
            return True

    def answer(self, bundle_id: str, request_sha256: str, role: str, answer_file: bytes) -> None:
        """The request's answer (a later answer replaces an earlier one: the newest counts)."""
        with Session(self.engine) as session:
            record = session.get(RecheckRecord, (bundle_id, request_sha256, role))
            if record is None:
                raise KeyError(request_sha256)
            record.answer_file, record.answered_at = answer_file, now().isoformat()
            session.add(record)
            session.commit()
