"""Table mappings. The schema itself is owned by migrations.py; these classes
only describe it, so they must match the latest migration."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from reviewer_app.library import ReviewStatus


class BundleRecord(SQLModel, table=True):
    __tablename__ = "bundle"

    bundle_id: str = Field(primary_key=True)
    file_name: str
    stored_path: str
    application_name: str
    applicant: str
    stage: str = ""
    deadline: datetime | None = None
    deadline_offset_minutes: int | None = None  # the zone the bundle gave the deadline in
    status: str = ReviewStatus.NOT_STARTED
    criteria_total: int = 0
    criteria_scored: int = 0
    imported_at: datetime
    last_opened_at: datetime | None = None
    sums_sha256: str = ""
    bundle_key_age: bytes | None = None  # the per-bundle key, age-encrypted to the expert's own key
    organization_fingerprint: str = ""



class ReviewRecord(SQLModel, table=True):
    __tablename__ = "review"

    bundle_id: str = Field(primary_key=True, foreign_key="bundle.bundle_id")
    conflict: str | None = None  # None: not answered; "none" or "declared"
    conflict_reason: str = ""
    conflict_at: datetime | None = None
    confidentiality_at: datetime | None = None
    related_answers: str = "[]"  # JSON: one answer per unit the bundle lists (RelatedAnswer.to_data)
    opinion: str = ""
    recommendation: str = ""
    updated_at: datetime | None = None


class ScoreRecord(SQLModel, table=True):
    __tablename__ = "score"

    bundle_id: str = Field(primary_key=True, foreign_key="bundle.bundle_id")
    criterion_id: str = Field(primary_key=True)
    value: float | None = None
    comment: str = ""
    updated_at: datetime


class VetoRecord(SQLModel, table=True):
    __tablename__ = "veto"

    bundle_id: str = Field(primary_key=True, foreign_key="bundle.bundle_id")
    veto_id: str = Field(primary_key=True)
    raised: bool = False
    reason: str = ""
    updated_at: datetime


class DefenseNoteRecord(SQLModel, table=True):
    __tablename__ = "defense_note"

    id: int | None = Field(default=None, primary_key=True)
    bundle_id: str = Field(foreign_key="bundle.bundle_id")
    asked_at: datetime
    question: str = ""
    answer: str = ""
    criteria_json: str = "[]"
    updated_at: datetime


class InspectionRecord(SQLModel, table=True):
    __tablename__ = "inspection"

    bundle_id: str = Field(primary_key=True, foreign_key="bundle.bundle_id")
    started_at: datetime | None = None
    finished_at: datetime | None = None
    inspectors: str = ""  # one name per line
    site_notes: str = ""
    updated_at: datetime | None = None


class ChecklistResultRecord(SQLModel, table=True):
    __tablename__ = "checklist_result"

    bundle_id: str = Field(primary_key=True, foreign_key="bundle.bundle_id")
    item_id: str = Field(primary_key=True)
    result: str | None = None
    note: str = ""
    observed: str = ""  # what the expert found, against the application's claim
    discrepancy: bool = False
    updated_at: datetime


class EvidenceRecord(SQLModel, table=True):
    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    bundle_id: str = Field(foreign_key="bundle.bundle_id")
    item_id: str | None = None  # None: imported but not yet matched to a checklist item
    file_name: str
    media_type: str
    size: int
    sha256: str  # of the original file, which is kept byte for byte
    captured_at: datetime | None = None  # EXIF DateTimeOriginal
    gps_json: str | None = None  # {"lat": .., "lon": .., "alt": ..} from EXIF, if present
    stored_name: str  # file name of the (encrypted) original under the data dir's evidence folder
    display_name: str | None = None  # the downscaled copy for display and the PDF
    width: int | None = None
    height: int | None = None
    imported_at: datetime
