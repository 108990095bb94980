"""The one model of an open review: review and inspection state, what is still missing
(computed once per change), the undo stack of typed commands, and the autosave.

Every edit is one durable write (one transaction, no read before it) followed by the same
change applied to the state held here; nothing is reloaded. Then `changed` announces a
`ChangeSet` saying which parts and which criteria/items changed, so each page refreshes
only what it shows. A write the disk refuses leaves the state as it was, keeps the edit
as unsaved (retried), and says so in one plain sentence: never the crash dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Flag, StrEnum, auto
from typing import TypeVar, cast

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reviewer_app import rubric
from reviewer_app.bundle import OpenedBundle
from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.review import completeness, inspection_rules, signing_rules
from reviewer_app.review.inspection import InspectionState
from reviewer_app.review.score_entry import ScoreReading, read_score
from reviewer_app.review.state import ConflictAnswer, DefenseNote, RelatedAnswer, ReviewState, VetoEntry
from reviewer_app.store.failures import StorageFailure, is_storage_error, storage_failure
from reviewer_app.store.inspections import InspectionRepository
from reviewer_app.store.reviews import ReviewRepository
from reviewer_app.timestamps import now
from ui.messages import translated
from ui.times import review_zone

# Undo commands that edit the same text field one keystroke after another merge into one step.
TEXT_MERGE_ID = 1001
RETRY_MS = 3000
T = TypeVar("T")


class Part(Flag):
    """What a change touched; pages look only at the parts they show."""

    NONE = 0
    DECLARATIONS = auto()
    SCORES = auto()
    VETOES = auto()
    NOTES = auto()
    OPINION = auto()
    INSPECTION = auto()
    EVIDENCE = auto()
    INPUT = auto()  # a typed value refused or an edit not saved (shown, not in the store)
    LOCK = auto()
    ALL = DECLARATIONS | SCORES | VETOES | NOTES | OPINION | INSPECTION | EVIDENCE | INPUT | LOCK


@dataclass(frozen=True)
class ChangeSet:
    parts: Part
    targets: frozenset[str] = frozenset()  # criterion, veto or checklist item ids concerned
    missing: bool = False  # the list of what is still missing changed
    from_history: bool = False  # undo, redo or a reload: fields show the saved value even under the cursor

    def touches(self, parts: Part) -> bool:
        return bool(self.parts & parts)


class Field(StrEnum):
    """Every value the expert edits; a `Target` names one of them."""

    SCORE = "score"
    COMMENT = "comment"
    VETO = "veto"
    OPINION = "opinion"
    RECOMMENDATION = "recommendation"
    NOTE_QUESTION = "question"
    NOTE_ANSWER = "answer"
    NOTE_CRITERIA = "criteria"
    RESULT = "result"
    ITEM_NOTE = "item_note"
    OBSERVED = "observed"
    DISCREPANCY = "discrepancy"
    STARTED = "started"
    FINISHED = "finished"
    INSPECTORS = "inspectors"
    SITE_NOTES = "site_notes"
    PLACEMENT = "placement"


REVIEW_PARTS = {
    Field.SCORE: Part.SCORES, Field.COMMENT: Part.SCORES, Field.VETO: Part.VETOES, Field.OPINION: Part.OPINION,
    Field.RECOMMENDATION: Part.OPINION, Field.NOTE_QUESTION: Part.NOTES, Field.NOTE_ANSWER: Part.NOTES,
    Field.NOTE_CRITERIA: Part.NOTES,
}


@dataclass(frozen=True)
class Target:
    field: Field
    id: str = ""  # the criterion, veto, defense note or checklist item


@dataclass(frozen=True)
class SavedReview:
    review: ReviewState
    inspection: InspectionState


def load_saved_review(reviews: ReviewRepository, inspections: InspectionRepository, bundle_id: str) -> SavedReview:
    """The review and inspection as saved; Qt-free, so it may run on a worker thread."""
    return SavedReview(reviews.load(bundle_id), inspections.load(bundle_id))


class WorkspaceModel(QObject):
    changed = Signal(object)  # ChangeSet
    saved = Signal(datetime)  # a change is durable on disk
    save_failed = Signal(str)  # one translated sentence: what was not saved and why
    refused_locked = Signal()  # an edit was attempted on a signed (locked) review

    def __init__(self, opened: OpenedBundle, reviews: ReviewRepository, expert_field: str,
                 inspections: InspectionRepository, loaded: SavedReview | None = None) -> None:
        """`loaded`: the saved review as `load_saved_review` read it on a worker; else read here."""
        super().__init__()
        self.opened = opened
        self.spec = opened.spec
        self.reviews = reviews
        self.inspections = inspections
        self.expert_field = expert_field
        self.bundle_id = opened.bundle_id
        self.zone = review_zone(opened.review.window.valid_until)  # every time is shown in the review's zone
        self.undo_stack = QUndoStack(self)
        self.my_criteria = completeness.criteria_for_expert(self.spec, expert_field)
        self.my_criterion_ids = {c.id for c in self.my_criteria}
        self._inspection_fields = completeness.inspection_field_ids(self.spec, expert_field)
        self._criteria = {c.id: c for s in self.spec.rubric.sections for c in s.criteria}
        saved = loaded or load_saved_review(reviews, inspections, self.bundle_id)
        self.state: ReviewState = saved.review
        self.inspection: InspectionState = saved.inspection
        self.refused_inputs: dict[str, ScoreReading] = {}  # criterion id -> typed text not accepted
        self.unsaved: dict[Target, object] = {}  # edits the disk refused, retried
        self.failure: StorageFailure | None = None
        self.locked = False  # set by the workspace: a signed review is changed only by an amendment
        self._missing = self._compute_missing()
        self._retry = QTimer(self, interval=RETRY_MS)
        self._retry.timeout.connect(self.retry_unsaved)

    # -- queries ------------------------------------------------------------
    def criterion(self, criterion_id: str) -> rubric.Criterion:
        return self._criteria[criterion_id]

    def missing(self) -> list[completeness.Missing]:
        """Everything that stops signing; computed once per change, not per question."""
        return list(self._missing)

    def inspection_missing(self) -> list[completeness.Missing]:
        return [m for m in self._missing if isinstance(m.kind, inspection_rules.InspectionMissingKind)]

    def checklist_item_is_mine(self, item: rubric.ChecklistItem) -> bool:
        """Compulsory for this expert; items of other fields are optional."""
        return self._inspection_fields is None or item.assigned_to(self._inspection_fields)

    def scored_count(self) -> int:
        return sum(1 for c in self.my_criteria if self.state.score(c.id).value is not None)

    def total(self) -> float:
        return completeness.total(self.spec, self.state)

    def score_text(self, criterion_id: str) -> str:
        """What the score field shows: the refused text being corrected, else the saved score."""
        refused = self.refused_inputs.get(criterion_id)
        if refused is not None:
            return refused.text
        value = self.state.score(criterion_id).value
        return "" if value is None else rubric.format_score(value)

    # -- scores as typed ----------------------------------------------------
    def enter_score(self, criterion_id: str, text: str) -> ScoreReading:
        """Save what `text` means, or keep it (unsaved, listed as missing) with the reason it is refused."""
        reading = read_score(self.criterion(criterion_id), text)
        if not reading.accepted:
            if self.refused_inputs.get(criterion_id) != reading:
                self.refused_inputs[criterion_id] = reading
                self._announce(ChangeSet(Part.INPUT, frozenset({criterion_id})))
            return reading
        if self.refused_inputs.pop(criterion_id, None) is not None:
            self._announce(ChangeSet(Part.INPUT, frozenset({criterion_id})))
        self.set_score(criterion_id, reading.value)
        return reading

    def discard_refused(self, criterion_id: str) -> None:
        """Drop a refused typed score (Ctrl+Z in the field): the saved score shows again."""
        if self.refused_inputs.pop(criterion_id, None) is not None:
            self._announce(ChangeSet(Part.INPUT, frozenset({criterion_id}), from_history=True))

    # -- edits (typed undo commands) ------------------------------------------
    def declare(self, conflict: ConflictAnswer, reason: str, confidentiality: bool, related: tuple[RelatedAnswer, ...] = ()) -> None:
        """Declarations are not undoable: they are statements with a time. `related`: the answer
        about each unit the application lists."""
        if self._refuse_if_locked():
            return
        if self.run_write(QT_TRANSLATE_NOOP("Errors", "the declarations"),
                          lambda: self.reviews.declare(self.bundle_id, conflict, reason, confidentiality, related)) is not None:
            self.state = self.reviews.load(self.bundle_id)
            self._announce(ChangeSet(Part.DECLARATIONS, from_history=True))

    def set_score(self, criterion_id: str, value: float | None) -> None:
        self._edit(Target(Field.SCORE, criterion_id), self.state.score(criterion_id).value, value)

    def set_comment(self, criterion_id: str, text: str) -> None:
        self._edit(Target(Field.COMMENT, criterion_id), self.state.score(criterion_id).comment, text, mergeable=True)

    def set_veto(self, veto_id: str, raised: bool, reason: str) -> None:
        old = self.state.veto(veto_id)
        self._edit(Target(Field.VETO, veto_id), (old.raised, old.reason), (raised, reason), mergeable=old.raised == raised)

    def set_opinion(self, text: str) -> None:
        self._edit(Target(Field.OPINION), self.state.opinion, text, mergeable=True)

    def set_recommendation(self, recommendation_id: str) -> None:
        self._edit(Target(Field.RECOMMENDATION), self.state.recommendation, recommendation_id)

    def add_note(self, criteria: tuple[str, ...] = ()) -> int | None:
        if self._refuse_if_locked():
            return None
        command = AddNote(self, criteria)
        self.undo_stack.push(command)
        return command.note_id

    def update_note(self, note_id: int, field: Field, value: object) -> None:
        note = next(n for n in self.state.notes if n.id == note_id)
        old = {Field.NOTE_QUESTION: note.question, Field.NOTE_ANSWER: note.answer, Field.NOTE_CRITERIA: note.criteria}[field]
        self._edit(Target(field, str(note_id)), old, value, mergeable=field is not Field.NOTE_CRITERIA)

    def delete_note(self, note_id: int) -> None:
        if not self._refuse_if_locked():
            self.undo_stack.push(DeleteNote(self, note_id))

    # inspection
    def set_result(self, item_id: str, result: str | None) -> None:
        self._edit(Target(Field.RESULT, item_id), self.inspection.result(item_id).result, result)

    def set_item_note(self, item_id: str, text: str) -> None:
        self._edit(Target(Field.ITEM_NOTE, item_id), self.inspection.result(item_id).note, text, mergeable=True)

    def set_observed(self, item_id: str, text: str) -> None:
        self._edit(Target(Field.OBSERVED, item_id), self.inspection.result(item_id).observed, text, mergeable=True)

    def set_discrepancy(self, item_id: str, discrepancy: bool) -> None:
        self._edit(Target(Field.DISCREPANCY, item_id), self.inspection.result(item_id).discrepancy, discrepancy)

    def set_started(self, at: datetime | None) -> None:
        self._edit(Target(Field.STARTED), self.inspection.started_at, _second(at))

    def set_finished(self, at: datetime | None) -> None:
        self._edit(Target(Field.FINISHED), self.inspection.finished_at, _second(at))

    def set_inspectors(self, names: Sequence[str]) -> None:
        cleaned = tuple(n.strip() for n in names if n.strip())
        self._edit(Target(Field.INSPECTORS), self.inspection.inspectors, cleaned, mergeable=True)

    def set_site_notes(self, text: str) -> None:
        self._edit(Target(Field.SITE_NOTES), self.inspection.site_notes, text, mergeable=True)

    def place_evidence(self, placements: Mapping[int, str | None]) -> None:
        """Place evidence on items (None: back to "not placed"), one undo step."""
        before = {e.id: e.item_id for e in self.inspection.evidence if e.id in placements}
        after = {evidence_id: placements[evidence_id] for evidence_id in before}
        self._edit(Target(Field.PLACEMENT), before, after)

    def add_visit(self, item_id: str, at: datetime | None = None) -> None:
        if not self._refuse_if_locked():
            self.undo_stack.push(AddVisit(self, item_id, _second(at) or now()))

    def remove_visit(self, visit_id: int) -> None:
        if not self._refuse_if_locked():
            self.undo_stack.push(RemoveVisit(self, visit_id))

    # -- reloads (after work done elsewhere: signing, imports, files removed) -----
    def reload(self) -> None:
        self.state = self.reviews.load(self.bundle_id)
        self.inspection = self.inspections.load(self.bundle_id)
        self._announce(ChangeSet(Part.ALL, from_history=True))

    def reload_inspection(self) -> None:
        self.inspection = self.inspections.load(self.bundle_id)
        self._announce(ChangeSet(Part.INSPECTION | Part.EVIDENCE, from_history=True))

    def reload_notes(self) -> None:
        self.state = replace(self.state, notes=self.reviews.load(self.bundle_id).notes)
        self._announce(ChangeSet(Part.NOTES, from_history=True))

    # -- writing ------------------------------------------------------------------
    def write(self, target: Target, value: object, from_history: bool = False) -> bool:
        """Save one value, then hold it. When the disk refuses, the value is still held (it stays
        on screen, marked as not saved, listed in the to-do list) and retried until it is saved."""
        failure = None
        try:
            self._persist(target, value)
        except Exception as error:
            if not is_storage_error(error):
                raise
            failure = storage_failure(error, self._describe(target))
            self.unsaved[target] = value
        else:
            self.unsaved.pop(target, None)
        self._hold(target, value, from_history)
        if failure is None:
            self._succeeded()
        else:
            self._failed(failure)
        return failure is None

    def run_write(self, what: str, write: Callable[[], T]) -> T | None:
        """A write that is not a plain value (add/delete a note, a visit); None when the disk refused it."""
        try:
            result = write()
        except Exception as error:
            if not is_storage_error(error):
                raise
            self._failed(storage_failure(error, QCoreApplication.translate("Errors", what)))
            return None
        self._succeeded()
        return result

    def retry_unsaved(self) -> None:
        for target, value in list(self.unsaved.items()):
            if not self.write(target, value, from_history=True):
                return

    def _succeeded(self) -> None:
        if self.failure is not None and not self.unsaved:
            self.failure = None
            self._retry.stop()
            self._announce(ChangeSet(Part.INPUT))
        self.saved.emit(now())

    def _failed(self, failure: StorageFailure) -> None:
        self.failure = failure
        self._retry.start()
        self._announce(ChangeSet(Part.INPUT))
        self.save_failed.emit(translated(failure))

    def _persist(self, target: Target, value: object) -> None:
        bundle, key = self.bundle_id, target.id
        field = target.field
        if field is Field.SCORE:
            scored = self.scored_count() - (self.state.score(key).value is not None) + (value is not None)
            progress = (scored, len(self.my_criteria)) if key in self.my_criterion_ids else None
            self.reviews.set_score(bundle, key, cast(float | None, value), progress)
        elif field is Field.COMMENT:
            self.reviews.set_comment(bundle, key, str(value))
        elif field is Field.VETO:
            raised, reason = cast(tuple[bool, str], value)
            self.reviews.set_veto(bundle, key, raised, reason)
        elif field is Field.OPINION:
            self.reviews.set_opinion(bundle, str(value))
        elif field is Field.RECOMMENDATION:
            self.reviews.set_recommendation(bundle, str(value))
        elif field in (Field.NOTE_QUESTION, Field.NOTE_ANSWER, Field.NOTE_CRITERIA):
            self._persist_note(int(key), field, value)
        elif field is Field.RESULT:
            self.inspections.set_result(bundle, key, cast(str | None, value))
        elif field is Field.ITEM_NOTE:
            self.inspections.set_note(bundle, key, str(value))
        elif field is Field.OBSERVED:
            self.inspections.set_observed(bundle, key, str(value))
        elif field is Field.DISCREPANCY:
            self.inspections.set_discrepancy(bundle, key, bool(value))
        elif field is Field.STARTED:
            self.inspections.set_started(bundle, cast(datetime | None, value))
        elif field is Field.FINISHED:
            self.inspections.set_finished(bundle, cast(datetime | None, value))
        elif field is Field.INSPECTORS:
            self.inspections.set_inspectors(bundle, cast(tuple[str, ...], value))
        elif field is Field.SITE_NOTES:
            self.inspections.set_site_notes(bundle, str(value))
        elif field is Field.PLACEMENT:
            self.inspections.assign_many(cast(Mapping[int, str | None], value))

    def _persist_note(self, note_id: int, field: Field, value: object) -> None:
        if field is Field.NOTE_CRITERIA:
            self.reviews.update_note(note_id, criteria=cast(tuple[str, ...], value))
        elif field is Field.NOTE_QUESTION:
            self.reviews.update_note(note_id, question=str(value))
        else:
            self.reviews.update_note(note_id, answer=str(value))

    def _hold(self, target: Target, value: object, from_history: bool) -> None:
        """Apply the saved value to the state held here (what a reload would return)."""
        field, key = target.field, target.id
        if field in REVIEW_PARTS:
            self.state = _review_with(self.state, target, value)
            part = REVIEW_PARTS[field]
        else:
            self.inspection = _inspection_with(self.inspection, target, value)
            part = Part.EVIDENCE if field is Field.PLACEMENT else Part.INSPECTION
        self._announce(ChangeSet(part, frozenset({key}) if key else frozenset(), from_history=from_history))

    def _announce(self, change: ChangeSet) -> None:
        missing = self._compute_missing()
        moved = missing != self._missing
        self._missing = missing
        self.changed.emit(replace(change, missing=moved or change.missing))

    def _compute_missing(self) -> list[completeness.Missing]:
        found = signing_rules.blockers(self.spec, self.state, self.expert_field, self.inspection)
        refused = [completeness.refused_score(self.criterion(cid), reading.text, self.state.score(cid).value)
                   for cid, reading in self.refused_inputs.items()]
        replaced = {m.target for m in refused}
        unsaved = [completeness.unsaved_change(self._describe(target)) for target in self.unsaved]
        return unsaved + refused + [m for m in found if not (m.kind is completeness.MissingKind.SCORE
                                                             and m.target in replaced)]

    def _describe(self, target: Target) -> str:
        """Names the value in the storage sentence ("“Technical route”", "the opinion")."""
        field, key = target.field, target.id
        if field in (Field.SCORE, Field.COMMENT):
            return f"“{self.criterion(key).title}”"
        if field is Field.VETO:
            return next((f"“{v.title}”" for v in self.spec.rubric.vetoes if v.id == key), key)
        if field in (Field.RESULT, Field.ITEM_NOTE, Field.OBSERVED, Field.DISCREPANCY):
            return f"“{key} {self.spec.checklist.item(key).title}”"
        names = {
            Field.OPINION: QT_TRANSLATE_NOOP("Errors", "the overall opinion"),
            Field.RECOMMENDATION: QT_TRANSLATE_NOOP("Errors", "the recommendation"),
            Field.NOTE_QUESTION: QT_TRANSLATE_NOOP("Errors", "a defense note"),
            Field.NOTE_ANSWER: QT_TRANSLATE_NOOP("Errors", "a defense note"),
            Field.NOTE_CRITERIA: QT_TRANSLATE_NOOP("Errors", "a defense note"),
            Field.STARTED: QT_TRANSLATE_NOOP("Errors", "the inspection times"),
            Field.FINISHED: QT_TRANSLATE_NOOP("Errors", "the inspection times"),
            Field.INSPECTORS: QT_TRANSLATE_NOOP("Errors", "the inspectors"),
            Field.SITE_NOTES: QT_TRANSLATE_NOOP("Errors", "the site notes"),
            Field.PLACEMENT: QT_TRANSLATE_NOOP("Errors", "where photos are placed"),
        }
        return QCoreApplication.translate("Errors", names[field])

    # -- plumbing -----------------------------------------------------------
    def _edit(self, target: Target, old: object, new: object, mergeable: bool = False) -> None:
        if old == new and target not in self.unsaved:
            return
        if not self._refuse_if_locked():
            self.undo_stack.push(SetValue(self, target, old, new, mergeable))

    def _refuse_if_locked(self) -> bool:
        if self.locked:
            self.refused_locked.emit()
            self._announce(ChangeSet(Part.ALL, from_history=True))  # puts the widgets back to the saved values
        return self.locked


def _second(at: datetime | None) -> datetime | None:
    return at.replace(microsecond=0) if at is not None else None


def _review_with(state: ReviewState, target: Target, value: object) -> ReviewState:
    field, key = target.field, target.id
    if field is Field.SCORE:
        return replace(state, scores={**state.scores, key: replace(state.score(key), value=value)})
    if field is Field.COMMENT:
        return replace(state, scores={**state.scores, key: replace(state.score(key), comment=value)})
    if field is Field.VETO:
        raised, reason = cast(tuple[bool, str], value)
        return replace(state, vetoes={**state.vetoes, key: VetoEntry(raised, reason)})
    if field is Field.OPINION:
        return replace(state, opinion=value)
    if field is Field.RECOMMENDATION:
        return replace(state, recommendation=value)
    name = field.value  # question, answer or criteria of one defense note
    notes = tuple(replace(n, **{name: value}) if n.id == int(key) else n for n in state.notes)
    return replace(state, notes=notes)


def _inspection_with(state: InspectionState, target: Target, value: object) -> InspectionState:
    field, key = target.field, target.id
    item_fields = {Field.RESULT: "result", Field.ITEM_NOTE: "note", Field.OBSERVED: "observed",
                   Field.DISCREPANCY: "discrepancy"}
    if field in item_fields:
        entry = replace(state.result(key), **{item_fields[field]: value})
        return replace(state, results={**state.results, key: entry})
    if field is Field.STARTED:
        return replace(state, started_at=cast(datetime | None, value))
    if field is Field.FINISHED:
        return replace(state, finished_at=cast(datetime | None, value))
    if field is Field.INSPECTORS:
        return replace(state, inspectors=cast(tuple[str, ...], value))
    if field is Field.SITE_NOTES:
        return replace(state, site_notes=value)
    placements = cast(Mapping[int, str | None], value)
    return replace(state, evidence=tuple(replace(e, item_id=placements[e.id]) if e.id in placements else e
                                         for e in state.evidence))


# --- the undo commands ---------------------------------------------------------------------


class SetValue(QUndoCommand):
    """Set one value; undo sets the old one back. Both are saved at once (or held as unsaved and retried)."""

    def __init__(self, model: WorkspaceModel, target: Target, old: object, new: object, mergeable: bool) -> None:
        super().__init__()
        self.model, self.target, self.old, self.new, self.mergeable = model, target, old, new, mergeable
        self.done = False

    def id(self) -> int:
        return TEXT_MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, SetValue) or other.target != self.target or not other.mergeable:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.model.write(self.target, self.new, from_history=self.done)
        self.done = True

    def undo(self) -> None:
        self.model.write(self.target, self.old, from_history=True)


class AddNote(QUndoCommand):
    def __init__(self, model: WorkspaceModel, criteria: tuple[str, ...]) -> None:
        super().__init__()
        self.model, self.criteria = model, criteria
        self.note_id: int | None = None
        self.removed: DefenseNote | None = None

    def redo(self) -> None:
        model = self.model
        what = QT_TRANSLATE_NOOP("Errors", "a new defense note")
        if self.removed is None:
            self.note_id = model.run_write(what, lambda: model.reviews.add_note(model.bundle_id, criteria=self.criteria))
        else:
            removed = self.removed
            self.note_id = model.run_write(what, lambda: model.reviews.restore_note(model.bundle_id, removed))
        if self.note_id is None:
            self.setObsolete(True)
        model.reload_notes()

    def undo(self) -> None:
        model, note_id = self.model, self.note_id
        if note_id is not None:
            self.removed = model.run_write(QT_TRANSLATE_NOOP("Errors", "a defense note"),
                                           lambda: model.reviews.delete_note(note_id))
            model.reload_notes()


class DeleteNote(QUndoCommand):
    def __init__(self, model: WorkspaceModel, note_id: int) -> None:
        super().__init__()
        self.model, self.note_id = model, note_id
        self.removed: DefenseNote | None = None

    def redo(self) -> None:
        model, note_id = self.model, self.note_id
        self.removed = model.run_write(QT_TRANSLATE_NOOP("Errors", "a defense note"),
                                       lambda: model.reviews.delete_note(note_id))
        if self.removed is None:
            self.setObsolete(True)
        model.reload_notes()

    def undo(self) -> None:
        model, removed = self.model, self.removed
        if removed is not None:
            restored = model.run_write(QT_TRANSLATE_NOOP("Errors", "a defense note"),
                                       lambda: model.reviews.restore_note(model.bundle_id, removed))
            self.note_id = restored if restored is not None else self.note_id
            model.reload_notes()


class AddVisit(QUndoCommand):
    def __init__(self, model: WorkspaceModel, item_id: str, at: datetime) -> None:
        super().__init__()
        self.model, self.item_id, self.at = model, item_id, at
        self.visit_id: int | None = None

    def redo(self) -> None:
        model = self.model
        visit = model.run_write(QT_TRANSLATE_NOOP("Errors", "the inspection log"),
                                lambda: model.inspections.add_visit(model.bundle_id, self.item_id, self.at))
        self.visit_id = visit.id if visit is not None else None
        if visit is None:
            self.setObsolete(True)
        model.reload_inspection()

    def undo(self) -> None:
        model, visit_id = self.model, self.visit_id
        if visit_id is not None:
            model.run_write(QT_TRANSLATE_NOOP("Errors", "the inspection log"),
                            lambda: model.inspections.remove_visit(visit_id))
            model.reload_inspection()


class RemoveVisit(QUndoCommand):
    def __init__(self, model: WorkspaceModel, visit_id: int) -> None:
        super().__init__()
        self.model, self.visit_id = model, visit_id
        self.item_id, self.at = "", now()

    def redo(self) -> None:
        model, visit_id = self.model, self.visit_id
        visit = model.run_write(QT_TRANSLATE_NOOP("Errors", "the inspection log"),
                                lambda: model.inspections.remove_visit(visit_id))
        if visit is None:
            self.setObsolete(True)
        else:
            self.item_id, self.at = visit.item_id, visit.at
        model.reload_inspection()

    def undo(self) -> None:
        model = self.model
        visit = model.run_write(QT_TRANSLATE_NOOP("Errors", "the inspection log"),
                                lambda: model.inspections.add_visit(model.bundle_id, self.item_id, self.at))
        if visit is not None:
            self.visit_id = visit.id
        model.reload_inspection()

