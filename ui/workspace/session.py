"""View model of one open review: saves every change at once, keeps an undo stack,
and tells the widgets what changed and what is still missing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reviewer_app import rubric
from reviewer_app.bundle import OpenedBundle
from reviewer_app.review import completeness, signing_rules
from reviewer_app.review.state import ConflictAnswer, DefenseNote, ReviewState
from reviewer_app.store.inspections import InspectionRepository
from reviewer_app.store.reviews import ReviewRepository
from ui.times import review_zone

# Undo commands that edit the same text field one keystroke after another merge into one step.
TEXT_MERGE_ID = 1001


class ReviewSession(QObject):
    changed = Signal()  # the state was reloaded after a change
    saved = Signal(datetime)  # a change is durable on disk
    refused_locked = Signal()  # an edit was attempted on a signed (locked) review

    def __init__(self, opened: OpenedBundle, repository: ReviewRepository, expert_field: str,
                 inspections: InspectionRepository | None = None) -> None:
        super().__init__()
        self.opened = opened
        self.spec = opened.spec
        self.repository = repository
        self.inspections = inspections
        self.expert_field = expert_field
        self.bundle_id = opened.bundle_id
        self.zone = review_zone(opened.review.window.valid_until)  # every time is shown in the review's zone
        self.undo_stack = QUndoStack(self)
        self.state: ReviewState = repository.load(self.bundle_id)
        self.my_criteria = completeness.criteria_for_expert(self.spec, expert_field)
        self.my_criterion_ids = {c.id for c in self.my_criteria}
        self.locked = False  # set by the workspace: a signed review is changed only by an amendment

    # -- queries ------------------------------------------------------------
    def criterion(self, criterion_id: str) -> rubric.Criterion:
        return next(c for s in self.spec.rubric.sections for c in s.criteria if c.id == criterion_id)

    def missing(self) -> list[completeness.Missing]:
        """Everything that stops signing: the review itself, then a begun on-site inspection."""
        inspection = self.inspections.load(self.bundle_id) if self.inspections is not None else None
        return signing_rules.blockers(self.spec, self.state, self.expert_field, inspection)

    def scored_count(self) -> int:
        return sum(1 for c in self.my_criteria if self.state.score(c.id).value is not None)

    def total(self) -> float:
        return completeness.total(self.spec, self.state)

    # -- changes ------------------------------------------------------------
    def declare(self, conflict: ConflictAnswer, reason: str, confidentiality: bool) -> None:
        """Declarations are not undoable: they are statements with a time."""
        if self._refuse_if_locked():
            return
        self.apply_write(lambda: self.repository.declare(self.bundle_id, conflict, reason, confidentiality))

    def set_score(self, criterion_id: str, value: float | None) -> None:
        old = self.state.score(criterion_id).value
        if old != value:
            self._push(Edit(self, ("score", criterion_id), old, value,
                             lambda v: self.repository.set_score(self.bundle_id, criterion_id, v)))

    def set_comment(self, criterion_id: str, text: str) -> None:
        old = self.state.score(criterion_id).comment
        if old != text:
            self._push(Edit(self, ("comment", criterion_id), old, text,
                             lambda v: self.repository.set_comment(self.bundle_id, criterion_id, v), mergeable=True))

    def set_veto(self, veto_id: str, raised: bool, reason: str) -> None:
        old = self.state.veto(veto_id)
        if (old.raised, old.reason) != (raised, reason):
            self._push(Edit(self, ("veto", veto_id), (old.raised, old.reason), (raised, reason),
                             lambda v: self.repository.set_veto(self.bundle_id, veto_id, *v),
                             mergeable=old.raised == raised))

    def set_opinion(self, text: str) -> None:
        if self.state.opinion != text:
            self._push(Edit(self, ("opinion",), self.state.opinion, text,
                             lambda v: self.repository.set_opinion(self.bundle_id, v), mergeable=True))

    def set_recommendation(self, recommendation_id: str) -> None:
        if self.state.recommendation != recommendation_id:
            self._push(Edit(self, ("recommendation",), self.state.recommendation, recommendation_id,
                             lambda v: self.repository.set_recommendation(self.bundle_id, v)))

    def add_note(self, criteria: tuple[str, ...] = ()) -> int | None:
        if self._refuse_if_locked():
            return None
        command = _AddNote(self, criteria)
        self.undo_stack.push(command)
        return command.note_id

    def update_note(self, note_id: int, **changes: object) -> None:
        note = next(n for n in self.state.notes if n.id == note_id)
        key = next(iter(changes))
        old = getattr(note, key)
        if old != changes[key]:
            self._push(Edit(self, ("note", note_id, key), old, changes[key],
                             lambda v: self.repository.update_note(note_id, **{key: v}), mergeable=key != "criteria"))

    def delete_note(self, note_id: int) -> None:
        self._push(_DeleteNote(self, note_id))

    # -- plumbing -----------------------------------------------------------
    def _push(self, command: QUndoCommand) -> None:
        if self._refuse_if_locked():
            return
        self.undo_stack.push(command)

    def _refuse_if_locked(self) -> bool:
        if self.locked:
            self.refused_locked.emit()
            self.changed.emit()  # puts the widgets back to the saved values
        return self.locked

    def edit(self, key: tuple, old: object, new: object, write: Callable[[object], None], mergeable: bool = False) -> None:
        """One undoable change: `write(new)` now, `write(old)` on undo; each saved at once.
        Consecutive mergeable edits with the same key (typing in one field) undo as one step."""
        if old != new:
            self._push(Edit(self, key, old, new, write, mergeable))

    def apply_write(self, write: Callable[[], object]) -> object:
        """Run one write (its own committed transaction), reload, and tell everybody."""
        result = write()
        self.state = self.repository.load(self.bundle_id)
        self.repository.set_progress(self.bundle_id, self.scored_count(), len(self.my_criteria))
        self.saved.emit(datetime.now())
        self.changed.emit()
        return result


class Edit(QUndoCommand):
    """Set one value; undo sets the old one back. Both are saved at once."""

    def __init__(self, session: ReviewSession, key: tuple, old: object, new: object,
                 write: Callable[[object], None], mergeable: bool = False) -> None:
        super().__init__()
        self.session, self.key, self.old, self.new, self.write = session, key, old, new, write
        self.mergeable = mergeable

    def id(self) -> int:
        return TEXT_MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, Edit) or other.key != self.key or not other.mergeable:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.session.apply_write(lambda: self.write(self.new))

    def undo(self) -> None:
        self.session.apply_write(lambda: self.write(self.old))


class _AddNote(QUndoCommand):
    def __init__(self, session: ReviewSession, criteria: tuple[str, ...]) -> None:
        super().__init__()
        self.session, self.criteria = session, criteria
        self.note_id = 0
        self.removed: DefenseNote | None = None

    def redo(self) -> None:
        if self.removed is None:
            self.note_id = self.session.apply_write(lambda: self.session.repository.add_note(
                self.session.bundle_id, criteria=self.criteria))
        else:
            self.note_id = self.session.apply_write(lambda: self.session.repository.restore_note(
                self.session.bundle_id, self.removed))

    def undo(self) -> None:
        self.removed = self.session.apply_write(lambda: self.session.repository.delete_note(self.note_id))


class _DeleteNote(QUndoCommand):
    def __init__(self, session: ReviewSession, note_id: int) -> None:
        super().__init__()
        self.session, self.note_id = session, note_id
        self.removed: DefenseNote | None = None

    def redo(self) -> None:
        self.removed = self.session.apply_write(lambda: self.session.repository.delete_note(self.note_id))

    def undo(self) -> None:
        if self.removed is not None:
            self.note_id = self.session.apply_write(lambda: self.session.repository.restore_note(
                self.session.bundle_id, self.removed))
