"""What the expert has entered for one bundle, as plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ConflictAnswer(StrEnum):
    NONE = "none"  # no conflict of interest: the review may go on
    DECLARED = "declared"  # a conflict: the expert recuses


@dataclass(frozen=True)
class RelatedAnswer:
    """The expert's answer about one unit the application lists (member unit, shareholder, partner)."""

    unit: str
    relation: str  # the unit's relation to the applicant, as the bundle lists it
    has_relation: bool
    description: str = ""  # the expert's relation to the unit; required when has_relation

    def to_data(self) -> dict[str, object]:
        return {"unit": self.unit, "relation": self.relation, "answer": "relation" if self.has_relation else "no_relation", "description": self.description}

    @staticmethod
    def from_data(data: dict[str, object]) -> RelatedAnswer:
        return RelatedAnswer(str(data["unit"]), str(data["relation"]), data["answer"] == "relation", str(data.get("description", "")))


@dataclass(frozen=True)
class Declarations:
    conflict: ConflictAnswer | None = None
    conflict_reason: str = ""
    conflict_at: datetime | None = None
    confidentiality_at: datetime | None = None
    related: tuple[RelatedAnswer, ...] = ()  # one per unit the bundle lists, in its order

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
