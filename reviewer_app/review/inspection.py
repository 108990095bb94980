"""On-site inspection (现场考察) as plain values: checklist results, evidence, log.

Times are timezone-aware (the store returns them in UTC; show them with .astimezone()).
A camera's EXIF time without an offset is taken as this computer's local time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

PHOTO = "photo"
DOCUMENT = "document"


@dataclass(frozen=True)
class Evidence:
    id: int
    item_id: str | None  # None: imported, not yet matched to an item
    file_name: str
    media_type: str
    size: int
    sha256: str  # of the original, kept byte for byte
    captured_at: datetime | None
    gps: dict[str, float] | None
    stored_name: str  # encrypted original under DataDir.evidence
    display_name: str | None  # encrypted downscaled JPEG, for display and the PDF
    width: int | None
    height: int | None
    imported_at: datetime

    @property
    def kind(self) -> str:
        """"photo" or "document", the evidence kinds a checklist item may expect."""
        return PHOTO if self.media_type.startswith("image/") else DOCUMENT

    @property
    def thumbnail_name(self) -> str | None:
        """The encrypted small thumbnail beside the display copy (same stem, ".thumb.age")."""
        if not self.display_name or not self.display_name.endswith(".display.age"):
            return None
        return self.display_name[: -len(".display.age")] + ".thumb.age"


@dataclass(frozen=True)
class Visit:
    """The expert started (or went back to) inspecting an item at `at`. Photos taken after
    it and before the next visit are matched to this item when the expert asks."""

    id: int
    item_id: str
    at: datetime


@dataclass(frozen=True)
class ItemResult:
    result: str | None = None  # one of the item's allowed results, e.g. 符合
    note: str = ""
    observed: str = ""  # what the expert found, to compare with the application's claim
    discrepancy: bool = False

    @property
    def touched(self) -> bool:
        return self != ItemResult()


@dataclass(frozen=True)
class InspectionState:
    bundle_id: str
    started_at: datetime | None = None
    finished_at: datetime | None = None
    inspectors: tuple[str, ...] = ()
    site_notes: str = ""
    results: dict[str, ItemResult] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    visits: tuple[Visit, ...] = ()  # in time order

    def result(self, item_id: str) -> ItemResult:
        return self.results.get(item_id, ItemResult())

    def evidence_for(self, item_id: str) -> list[Evidence]:
        return [e for e in self.evidence if e.item_id == item_id]

    def unassigned(self) -> list[Evidence]:
        return [e for e in self.evidence if e.item_id is None]

    def evidence_by_id(self, evidence_id: int) -> Evidence | None:
        return next((e for e in self.evidence if e.id == evidence_id), None)

    def visits_for(self, item_id: str) -> list[Visit]:
        return [v for v in self.visits if v.item_id == item_id]

    @property
    def begun(self) -> bool:
        """Whether the expert has done anything on site; an untouched inspection is "not held"."""
        return bool(
            self.started_at or self.finished_at or self.inspectors or self.site_notes.strip() or self.evidence
            or self.visits or any(r.touched for r in self.results.values())
        )


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


def attachment_name(evidence: Evidence) -> str:
    """A suggested, unique and safe member name for the score package: attachments/<item>/<digest>-<name>."""
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in evidence.file_name)[-80:] or "file"
    return f"attachments/{evidence.item_id or 'unplaced'}/{evidence.sha256[:16]}-{safe}"


def to_data(state: InspectionState, item_ids: tuple[str, ...] | list[str]) -> dict[str, object]:
    """Plain data for score.json (a proposal for the export; times ISO 8601 with offset).
    `item_ids`: the checklist's items in order, so that unanswered items are listed too."""
    return {
        "held": state.begun,
        "started_at": _iso(state.started_at),
        "finished_at": _iso(state.finished_at),
        "inspectors": list(state.inspectors),
        "site_notes": state.site_notes,
        "items": [
            {"id": item_id, "result": r.result, "note": r.note, "observed": r.observed, "discrepancy": r.discrepancy,
             "evidence": [e.sha256 for e in state.evidence_for(item_id)],
             "visits": [_iso(v.at) for v in state.visits_for(item_id)]}
            for item_id in item_ids for r in (state.result(item_id),)
        ],
        "evidence": [
            {"sha256": e.sha256, "file_name": e.file_name, "media_type": e.media_type, "size": e.size,
             "item_id": e.item_id, "captured_at": _iso(e.captured_at), "gps": e.gps, "width": e.width,
             "height": e.height, "imported_at": _iso(e.imported_at), "attachment": attachment_name(e)}
            for e in state.evidence
        ],
    }
