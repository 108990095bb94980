"""What the on-site inspection still needs before signing, what merely deserves a second
look, and the summary the inspection page and the score sheet show.

When the rules apply: a bundle may carry a checklist although this expert never goes on
site (DESIGN §1: "when needed"). An inspection that has not begun (no time, result, note,
inspector, photo or visit recorded) is "not held" and asks for nothing. As soon as the expert
has begun it, it must be completed:

blockers (`missing_items`, same `Missing` shape as the scoring rules)
    * the start and the finish time are recorded, and the finish is not before the start;
    * every checklist item assigned to the expert's field (or to no field) has one of its
      allowed results; items assigned to other fields are optional;
    * a result listed in the item's `results_requiring_note` (by default 部分符合, 不符合)
      has a note;
    * an item marked "differs from the application" says what was observed.

warnings (`warnings`, shown but never blocking)
    * an item expects a photo / a document and none is attached (the expert may have seen
      the original without being allowed to photograph it);
    * photos or documents not attached to any item;
    * no inspectors listed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from reviewer_app import rubric
from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.review.completeness import Missing
from reviewer_app.review.inspection import DOCUMENT, PHOTO, InspectionState


class InspectionMissingKind(StrEnum):
    STARTED = "inspection_started"
    FINISHED = "inspection_finished"
    RESULT = "checklist_result"
    NOTE = "checklist_note"
    OBSERVED = "checklist_observed"
    PHOTO = "checklist_photo"  # warning
    DOCUMENT = "checklist_document"  # warning
    UNASSIGNED = "evidence_unassigned"  # warning
    INSPECTORS = "inspectors"  # warning


def note_required(item: rubric.ChecklistItem, result: str | None) -> bool:
    return result is not None and result in item.results_requiring_note


def _missing(kind: InspectionMissingKind, target: str, template: str, **params: object) -> Missing:
    return Missing(kind, target, template, params)


def missing_items(checklist: rubric.Checklist, state: InspectionState, field_ids: set[str] | None = None) -> list[Missing]:
    """Everything about the inspection that stops signing, in the order of the page.
    `field_ids`: the expert's fields; an item assigned to other fields needs no result (it is
    optional), though a result given to it follows the same note rules. None: every item."""
    if not checklist.items or not state.begun:
        return []
    missing: list[Missing] = []
    if state.started_at is None:
        missing.append(_missing(InspectionMissingKind.STARTED, "", QT_TRANSLATE_NOOP(
            "Errors", "Record when the on-site inspection started.")))
    for item in checklist.items:
        entry = state.result(item.id)
        optional = field_ids is not None and not item.assigned_to(field_ids)
        if entry.result not in item.results:
            if not optional:
                missing.append(_missing(InspectionMissingKind.RESULT, item.id, QT_TRANSLATE_NOOP(
                    "Errors", "Choose the inspection result for “{title}”."), title=item.title))
        elif note_required(item, entry.result) and not entry.note.strip():
            missing.append(_missing(InspectionMissingKind.NOTE, item.id, QT_TRANSLATE_NOOP(
                "Errors", "“{title}”: the result “{result}” needs a note."), title=item.title, result=entry.result))
        if entry.discrepancy and not entry.observed.strip():
            missing.append(_missing(InspectionMissingKind.OBSERVED, item.id, QT_TRANSLATE_NOOP(
                "Errors", "“{title}”: say what you observed that differs from the application."), title=item.title))
    if state.finished_at is None:
        missing.append(_missing(InspectionMissingKind.FINISHED, "", QT_TRANSLATE_NOOP(
            "Errors", "Record when the on-site inspection finished.")))
    elif state.started_at is not None and state.finished_at < state.started_at:
        missing.append(_missing(InspectionMissingKind.FINISHED, "", QT_TRANSLATE_NOOP(
            "Errors", "The on-site inspection cannot finish before it started.")))
    return missing


def warnings(checklist: rubric.Checklist, state: InspectionState) -> list[Missing]:
    """Worth a second look, never a blocker."""
    if not checklist.items or not state.begun:
        return []
    found: list[Missing] = []
    for item in checklist.items:
        kinds = {e.kind for e in state.evidence_for(item.id)}
        if PHOTO in item.evidence and PHOTO not in kinds:
            found.append(_missing(InspectionMissingKind.PHOTO, item.id, QT_TRANSLATE_NOOP(
                "Errors", "“{title}” expects a photo, and none is attached."), title=item.title))
        if DOCUMENT in item.evidence and DOCUMENT not in kinds:
            found.append(_missing(InspectionMissingKind.DOCUMENT, item.id, QT_TRANSLATE_NOOP(
                "Errors", "“{title}” expects a document, and none is attached."), title=item.title))
    loose = len(state.unassigned())
    if loose:
        found.append(_missing(InspectionMissingKind.UNASSIGNED, "", QT_TRANSLATE_NOOP(
            "Errors", "{count} photo(s) or document(s) are not attached to any checklist item."), count=loose))
    if not state.inspectors:
        found.append(_missing(InspectionMissingKind.INSPECTORS, "", QT_TRANSLATE_NOOP(
            "Errors", "List the inspectors who were present.")))
    return found


@dataclass(frozen=True)
class Discrepancy:
    item: rubric.ChecklistItem
    claimed: tuple[rubric.Fact, ...]  # what the application declared for the item
    observed: str
    result: str | None
    note: str


@dataclass(frozen=True)
class InspectionSummary:
    counts: dict[str, int]  # every result any item allows, in checklist order, with its count
    unanswered: tuple[rubric.ChecklistItem, ...]
    discrepancies: tuple[Discrepancy, ...]
    without_evidence: tuple[rubric.ChecklistItem, ...]  # items expecting evidence that have none
    evidence_count: int
    unassigned_count: int

    @property
    def answered(self) -> int:
        return sum(self.counts.values())


def claimed_facts(spec: rubric.ReviewSpec, item: rubric.ChecklistItem) -> tuple[rubric.Fact, ...]:
    """The application's declared facts an item is checked against (unknown keys skipped)."""
    known = {f.key: f for f in spec.facts}
    return tuple(known[key] for key in item.claims if key in known)


def summary(spec: rubric.ReviewSpec, state: InspectionState) -> InspectionSummary:
    items = spec.checklist.items
    order = list(dict.fromkeys(result for item in items for result in item.results))
    tally = Counter(state.result(item.id).result for item in items
                    if state.result(item.id).result in item.results)
    discrepancies = tuple(
        Discrepancy(item, claimed_facts(spec, item), entry.observed, entry.result, entry.note)
        for item in items if (entry := state.result(item.id)).discrepancy)
    return InspectionSummary(
        counts={result: tally.get(result, 0) for result in order},
        unanswered=tuple(item for item in items if state.result(item.id).result not in item.results),
        discrepancies=discrepancies,
        without_evidence=tuple(item for item in items if item.evidence and not state.evidence_for(item.id)),
        evidence_count=len(state.evidence),
        unassigned_count=len(state.unassigned()),
    )
