"""Saving and loading one expert's review of one bundle. Every change is its own
transaction, committed before the call returns: that is the autosave."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from reviewer_app.library import ReviewStatus
from reviewer_app.review.state import (
    ConflictAnswer,
    DefenseNote,
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
            ),
            scores={s.criterion_id: ScoreEntry(s.value, s.comment) for s in scores},
            vetoes={v.veto_id: VetoEntry(v.raised, v.reason) for v in vetoes},
            notes=tuple(_note(n) for n in notes),
            opinion=review.opinion,
            recommendation=review.recommendation,
        )

    # -- declarations -------------------------------------------------------
    def declare(self, bundle_id: str, conflict: ConflictAnswer, reason: str, confidentiality: bool) -> None:
        with Session(self.engine) as session:
            review = self._review(session, bundle_id)
            stamp = now()
            review.conflict, review.conflict_reason, review.conflict_at = conflict.value, reason.strip(), stamp
            review.confidentiality_at = stamp if confidentiality else None
            review.updated_at = stamp
            session.add(review)
            status = ReviewStatus.RECUSED if conflict is ConflictAnswer.DECLARED else ReviewStatus.IN_REVIEW
            self._set_status(session, bundle_id, status)
            session.commit()

    # -- scores and comments ------------------------------------------------
    def set_score(self, bundle_id: str, criterion_id: str, value: float | None) -> None:
        self._update_score(bundle_id, criterion_id, value=value)

    def set_comment(self, bundle_id: str, criterion_id: str, comment: str) -> None:
        self._update_score(bundle_id, criterion_id, comment=comment)

    def _update_score(self, bundle_id: str, criterion_id: str, **changes: object) -> None:
        with Session(self.engine) as session:
            record = session.get(ScoreRecord, (bundle_id, criterion_id)) or ScoreRecord(
                bundle_id=bundle_id, criterion_id=criterion_id, updated_at=now())
            for name, value in changes.items():
                setattr(record, name, value)
            record.updated_at = now()
            session.add(record)
            session.commit()

    # -- vetoes -------------------------------------------------------------
    def set_veto(self, bundle_id: str, veto_id: str, raised: bool, reason: str) -> None:
        with Session(self.engine) as session:
            record = session.get(VetoRecord, (bundle_id, veto_id)) or VetoRecord(
                bundle_id=bundle_id, veto_id=veto_id, updated_at=now())
            record.raised, record.reason, record.updated_at = raised, reason, now()
            session.add(record)
            session.commit()

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
        with Session(self.engine) as session:
            record = session.get(DefenseNoteRecord, note_id)
            if record is None:
                return
            if question is not None:
                record.question = question
            if answer is not None:
                record.answer = answer
            if criteria is not None:
                record.criteria_json = json.dumps(list(criteria))
            record.updated_at = now()
            session.add(record)
            session.commit()

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
        with Session(self.engine) as session:
            review = self._review(session, bundle_id)
            for name, value in changes.items():
                setattr(review, name, value)
            review.updated_at = now()
            session.add(review)
            session.commit()

    @staticmethod
    def _review(session: Session, bundle_id: str) -> ReviewRecord:
        return session.get(ReviewRecord, bundle_id) or ReviewRecord(bundle_id=bundle_id)

    @staticmethod
    def _set_status(session: Session, bundle_id: str, status: ReviewStatus) -> None:
        record = session.get(BundleRecord, bundle_id)
        if record is not None:
            record.status = status.value
            session.add(record)


def _note(record: DefenseNoteRecord) -> DefenseNote:
    assert record.id is not None
    return DefenseNote(record.id, record.asked_at, record.question, record.answer,
                       tuple(json.loads(record.criteria_json)))
