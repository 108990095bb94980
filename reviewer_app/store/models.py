"""Table mappings. The schema itself is owned by migrations.py; these classes
only describe it, so they must match the latest migration."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class BundleRecord(SQLModel, table=True):
    __tablename__ = "bundle"

    bundle_id: str = Field(primary_key=True)
    file_name: str
    stored_path: str
    application_name: str
    applicant: str
    stage: str = ""
    deadline: datetime | None = None
    status: str = "not_started"
    criteria_total: int = 0
    criteria_scored: int = 0
    imported_at: datetime
    last_opened_at: datetime | None = None
    sums_sha256: str = ""

