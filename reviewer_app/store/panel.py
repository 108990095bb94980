"""What the panel view keeps per bundle: the packages imported (as age files, never in clear) and
the veto rulings typed in it. Schema: migration 10 in migrations.py."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Field, Session, SQLModel, col, select

from reviewer_app.timestamps import now


class PanelPackageRecord(SQLModel, table=True):
    __tablename__ = "panel_package"

    bundle_id: str = Field(primary_key=True, foreign_key="bundle.bundle_id")
    score_sha256: str = Field(primary_key=True)
    file_name: str
    package_age: bytes
    kept_at: str


class PanelRulingRecord(SQLModel, table=True):
    __tablename__ = "panel_ruling"

    bundle_id: str = Field(primary_key=True, foreign_key="bundle.bundle_id")
    veto_id: str = Field(primary_key=True)
    ruling: str  # "" (not ruled yet) | "confirmed" | "dismissed"
    reason: str


class PanelRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def keep_package(self, bundle_id: str, score_sha256: str, file_name: str, package_age: bytes) -> None:
        with Session(self.engine) as session:
            if session.get(PanelPackageRecord, (bundle_id, score_sha256)) is None:
                session.add(PanelPackageRecord(bundle_id=bundle_id, score_sha256=score_sha256, file_name=file_name, package_age=package_age, kept_at=now().isoformat()))
                session.commit()

    def has_packages(self, bundle_id: str) -> bool:
        with Session(self.engine) as session:
            return session.exec(select(PanelPackageRecord.score_sha256).where(PanelPackageRecord.bundle_id == bundle_id).limit(1)).first() is not None

    def packages(self, bundle_id: str) -> list[tuple[str, bytes]]:
        """(file name, age file) of every package kept, in the order imported."""
        with Session(self.engine) as session:
            records = session.exec(select(PanelPackageRecord).where(PanelPackageRecord.bundle_id == bundle_id).order_by(col(PanelPackageRecord.kept_at))).all()
            return [(r.file_name, r.package_age) for r in records]

    def set_ruling(self, bundle_id: str, veto_id: str, ruling: str, reason: str) -> None:
        with Session(self.engine) as session:
            record = session.get(PanelRulingRecord, (bundle_id, veto_id)) or PanelRulingRecord(bundle_id=bundle_id, veto_id=veto_id, ruling=ruling, reason=reason)
            record.ruling, record.reason = ruling, reason
            session.add(record)
            session.commit()

    def rulings(self, bundle_id: str) -> dict[str, tuple[str, str]]:
        with Session(self.engine) as session:
            records = session.exec(select(PanelRulingRecord).where(PanelRulingRecord.bundle_id == bundle_id)).all()
            return {r.veto_id: (r.ruling, r.reason) for r in records}
