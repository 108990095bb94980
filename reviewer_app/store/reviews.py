"""Saving and loading one expert's review of one bundle. Every change is its own
transaction, committed before the call returns: that is the autosave."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Engine, update
from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session, SQLModel, col, select

from reviewer_app.library import ReviewStatus
from reviewer_app.review.state import (
    ConflictAnswer,
    DefenseNote,
    RelatedAnswer,
    ReviewState,
    ScoreEntry,
    VetoEntry,
)
from reviewer_app.review.state import Declarations as DeclarationState
from reviewer_app.timestamps import now
from reviewer_app.store.models import BundleRecord, DefenseNoteRecord, ReviewRecord, ScoreRecord, VetoRecord


class ReviewRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- reading ------------------------------------------------------------
    def load(self, bundle_id: str) -> ReviewState:
        with Session(self.engine) as session:
            review = session.get(ReviewRecord, bundle_id) or ReviewRecord(bundle_id=bundle_id)
            scores = session.exec(select(ScoreRecord).where(ScoreRecord.bundle_id == bundle_id)).all()
            vetoes = session.exec(select(VetoRecord).where(VetoRecord.bundle_id == bundle_id)).all()
            notes = session.exec(
                select(DefenseNoteRecord)
                .where(DefenseNoteRecord.bundle_id == bundle_id)
                .order_by(col(DefenseNoteRecord.asked_at), col(DefenseNoteRecord.id))
            ).all()
        return ReviewState(
            bundle_id=bundle_id,
            declarations=DeclarationState(
                conflict=ConflictAnswer(review.conflict) if review.conflict else None,
                conflict_reason=review.conflict_reason,
                conflict_at=review.conflict_at,
                confidentiality_at=review.confidentiality_at,
                related=tuple(RelatedAnswer.from_data(a) for a in json.loads(review.related_answers or "[]")),
            ),
            scores={s.criterion_id: ScoreEntry(s.value, s.comment) for s in scores},
            vetoes={v.veto_id: VetoEntry(v.raised, v.reason) for v in vetoes},
            notes=tuple(_note(n) for n in notes),
            opinion=review.opinion,
            recommendation=review.recommendation,
        )

    # -- declarations -------------------------------------------------------
    def declare(self, bundle_id: str, conflict: ConflictAnswer, reason: str, confidentiality: bool,
                related: tuple[RelatedAnswer, ...] = ()) -> datetime:
        """Record the answers (and one answer per listed unit); returns the time they are recorded with."""
        with Session(self.engine) as session:
            review = self._review(session, bundle_id)
            stamp = now()
            review.conflict, review.conflict_reason, review.conflict_at = conflict.value, reason.strip(), stamp
            review.related_answers = json.dumps([a.to_data() for a in related], ensure_ascii=False)
            review.confidentiality_at = stamp if confidentiality else None
            review.updated_at = stamp
            session.add(review)
            status = ReviewStatus.RECUSED if conflict is ConflictAnswer.DECLARED else ReviewStatus.IN_REVIEW
            self._set_status(session, bundle_id, status)
            session.commit()
        return stamp

    # -- scores and comments ------------------------------------------------
    def set_score(self, bundle_id: str, criterion_id: str, value: float | None,
                  progress: tuple[int, int] | None = None) -> None:
        """Save a score; `progress` (scored, total) updates the library's count in the same transaction."""
        with self.engine.begin() as connection:
            connection.execute(upsert(ScoreRecord, {"bundle_id": bundle_id, "criterion_id": criterion_id},
                                      {"value": value, "updated_at": now()}))
            if progress is not None:
                connection.execute(update(BundleRecord).where(col(BundleRecord.bundle_id) == bundle_id).values(
                    criteria_scored=progress[0], criteria_total=progress[1]))

    def set_comment(self, bundle_id: str, criterion_id: str, comment: str) -> None:
        self._upsert(ScoreRecord, {"bundle_id": bundle_id, "criterion_id": criterion_id}, comment=comment)

    # -- vetoes -------------------------------------------------------------
    def set_veto(self, bundle_id: str, veto_id: str, raised: bool, reason: str) -> None:
        self._upsert(VetoRecord, {"bundle_id": bundle_id, "veto_id": veto_id}, raised=raised, reason=reason)

    # -- defense notes ------------------------------------------------------
    def add_note(self, bundle_id: str, question: str = "", answer: str = "",
                 criteria: tuple[str, ...] = (), asked_at: datetime | None = None) -> int:
        with Session(self.engine) as session:
            stamp = now()
            record = DefenseNoteRecord(bundle_id=bundle_id, asked_at=asked_at or stamp, question=question,
                                       answer=answer, criteria_json=json.dumps(list(criteria)), updated_at=stamp)
            session.add(record)
            session.commit()
            assert record.id is not None
            return record.id

    def update_note(self, note_id: int, *, question: str | None = None, answer: str | None = None,
                    criteria: tuple[str, ...] | None = None) -> None:
        changes: dict[str, object] = {"updated_at": now()}
        if question is not None:
            changes["question"] = question
        if answer is not None:
            changes["answer"] = answer
        if criteria is not None:
            changes["criteria_json"] = json.dumps(list(criteria))
        with self.engine.begin() as connection:  # one UPDATE, no read: this runs on every keystroke
            connection.execute(update(DefenseNoteRecord).where(col(DefenseNoteRecord.id) == note_id).values(**changes))

    def delete_note(self, note_id: int) -> DefenseNote | None:
        """Remove a note; returns it so that the deletion can be undone."""
        with Session(self.engine) as session:
            record = session.get(DefenseNoteRecord, note_id)
            if record is None:
                return None
            note = _note(record)
            session.delete(record)
            session.commit()
            return note

    def restore_note(self, bundle_id: str, note: DefenseNote) -> int:
        return self.add_note(bundle_id, note.question, note.answer, note.criteria, note.asked_at)

    # -- opinion ------------------------------------------------------------
    def set_opinion(self, bundle_id: str, opinion: str) -> None:
        self._update_review(bundle_id, opinion=opinion)

    def set_recommendation(self, bundle_id: str, recommendation: str) -> None:
        self._update_review(bundle_id, recommendation=recommendation)

    def set_progress(self, bundle_id: str, scored: int, total: int) -> None:
        with Session(self.engine) as session:
            record = session.get(BundleRecord, bundle_id)
            if record is not None and (record.criteria_scored, record.criteria_total) != (scored, total):
                record.criteria_scored, record.criteria_total = scored, total
                session.add(record)
                session.commit()

    # -- helpers ------------------------------------------------------------
    def _update_review(self, bundle_id: str, **changes: object) -> None:
        self._upsert(ReviewRecord, {"bundle_id": bundle_id}, **changes)

    def _upsert(self, table: type[SQLModel], keys: dict[str, object], **changes: object) -> None:
        with self.engine.begin() as connection:
            connection.execute(upsert(table, keys, {**changes, "updated_at": now()}))

    @staticmethod
    def _review(session: Session, bundle_id: str) -> ReviewRecord:
        return session.get(ReviewRecord, bundle_id) or ReviewRecord(bundle_id=bundle_id)

    @staticmethod
    def _set_status(session: Session, bundle_id: str, status: ReviewStatus) -> None:
        record = session.get(BundleRecord, bundle_id)
        if record is not None:
            record.status = status.value
            session.add(record)


def upsert(table: type[SQLModel], keys: dict[str, object], changes: dict[str, object]):  # noqa: ANN201 - SQL statement
    """INSERT … ON CONFLICT DO UPDATE of `changes`: one statement, no read before the write
    (autosave runs on every keystroke; the columns not named keep their value or the schema's default)."""
    return insert(table).values(**keys, **changes).on_conflict_do_update(index_elements=list(keys), set_=changes)


def _note(record: DefenseNoteRecord) -> DefenseNote:
    assert record.id is not None
    return DefenseNote(record.id, record.asked_at, record.question, record.answer,
                       tuple(json.loads(record.criteria_json)))
