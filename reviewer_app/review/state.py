"""What the expert has entered for one bundle, as plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ConflictAnswer(StrEnum):
    NONE = "none"  # no conflict of interest: the review may go on
    DECLARED = "declared"  # a conflict: the expert recuses


@dataclass(frozen=True)
class Declarations:
    conflict: ConflictAnswer | None = None
    conflict_reason: str = ""
    conflict_at: datetime | None = None
    confidentiality_at: datetime | None = None

    @property
    def cleared(self) -> bool:
        """Both answered and the review may go on."""
        return self.conflict is ConflictAnswer.NONE and self.confidentiality_at is not None

    @property
    def recused(self) -> bool:
        return self.conflict is ConflictAnswer.DECLARED


@dataclass(frozen=True)
class ScoreEntry:
    value: float | None = None
    comment: str = ""


@dataclass(frozen=True)
class VetoEntry:
    raised: bool = False
    reason: str = ""


@dataclass(frozen=True)
class DefenseNote:
    id: int
    asked_at: datetime
    question: str
    answer: str
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewState:
    bundle_id: str
    declarations: Declarations = Declarations()
    scores: dict[str, ScoreEntry] = field(default_factory=dict)
    vetoes: dict[str, VetoEntry] = field(default_factory=dict)
    notes: tuple[DefenseNote, ...] = ()
    opinion: str = ""
    recommendation: str = ""

    def score(self, criterion_id: str) -> ScoreEntry:
        return self.scores.get(criterion_id, ScoreEntry())

    def veto(self, veto_id: str) -> VetoEntry:
        return self.vetoes.get(veto_id, VetoEntry())

    def notes_for(self, criterion_id: str) -> list[DefenseNote]:
        return [note for note in self.notes if criterion_id in note.criteria]
