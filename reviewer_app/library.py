"""The expert's bundle library: what has been imported and how far each review is.

Plain types only, so the UI can use them without importing the store
(reviewer_app/store/listing.py reads them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ReviewStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_REVIEW = "in_review"
    SIGNED = "signed"
    EXPORTED = "exported"
    RECUSED = "recused"


@dataclass(frozen=True)
class LibraryEntry:
    bundle_id: str
    application_name: str
    applicant: str
    stage: str
    deadline: datetime | None
    status: ReviewStatus
    criteria_scored: int
    criteria_total: int
    file_name: str
