"""Which criteria the expert must score, and exactly what is still missing before signing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reviewer_app import rubric
from reviewer_app.errors import QT_TRANSLATE_NOOP, Message
from reviewer_app.review.state import ReviewState


class MissingKind(StrEnum):
    DECLARATIONS = "declarations"
    SCORE = "score"
    COMMENT = "comment"
    VETO_REASON = "veto_reason"
    OPINION = "opinion"
    RECOMMENDATION = "recommendation"
    REFUSED_SCORE = "refused_score"  # typed, not accepted, not saved: the expert must correct it
    UNSAVED = "unsaved"  # an edit the disk refused; retried until it is saved


@dataclass(frozen=True)
class Missing(Message):
    """One thing still to do (a Message); `target` is the criterion or veto id it concerns, if any."""

    kind: StrEnum  # a MissingKind, or an inspection_rules.InspectionMissingKind
    target: str
    template: str
    params: dict[str, object]


def expert_field_ids(spec: rubric.ReviewSpec, expert_field: str) -> set[str]:
    field = spec.field_named(expert_field)
    return {field.id} if field else set()


def inspection_field_ids(spec: rubric.ReviewSpec, expert_field: str) -> set[str] | None:
    """The fields whose checklist items the expert must complete; None (all) when the bundle
    does not name the expert's field, as for the criteria."""
    mine = expert_field_ids(spec, expert_field)
    return mine if mine else None


def criteria_for_expert(spec: rubric.ReviewSpec, expert_field: str) -> list[rubric.Criterion]:
    """The criteria this expert scores: those of the expert's field and those every member
    scores (rubric `raters = "all"`); all when that leaves nothing (a field the bundle does not
    know — `reviewer-org seal` warns about such a member)."""
    everything = [c for s in spec.rubric.sections for c in s.criteria]
    field = spec.field_named(expert_field)
    own = spec.rubric.criteria_for_field(field.id if field else None)
    return own if own else everything


def missing_items(spec: rubric.ReviewSpec, state: ReviewState, expert_field: str) -> list[Missing]:
    """Everything that stops signing, in the order of the workspace."""
    if not state.declarations.cleared:
        return [Missing(MissingKind.DECLARATIONS, "", QT_TRANSLATE_NOOP(
            "Errors", "Answer the conflict-of-interest declaration and accept the confidentiality pledge."), {})]
    missing: list[Missing] = []
    for criterion in criteria_for_expert(spec, expert_field):
        missing.extend(_criterion_missing(criterion, state))
    for veto in spec.rubric.vetoes:
        entry = state.veto(veto.id)
        if entry.raised and not entry.reason.strip():
            missing.append(Missing(MissingKind.VETO_REASON, veto.id, QT_TRANSLATE_NOOP(
                "Errors", "Give the reason for the veto “{title}”."), {"title": veto.title}))
    missing.extend(_opinion_missing(spec.rubric, state))
    return missing


def _criterion_missing(criterion: rubric.Criterion, state: ReviewState) -> list[Missing]:
    entry = state.score(criterion.id)
    if entry.value is None:
        return [Missing(MissingKind.SCORE, criterion.id, QT_TRANSLATE_NOOP(
            "Errors", "Score “{title}”."), {"title": criterion.title})]
    if rubric.comment_required(criterion, entry.value) and not entry.comment.strip():
        return [Missing(MissingKind.COMMENT, criterion.id, comment_rule_message(criterion), {
            "title": criterion.title, "threshold": _threshold(criterion)})]
    return []


def refused_score(criterion: rubric.Criterion, text: str, saved: float | None) -> Missing:
    """A score typed but not accepted: listed until corrected, and it blocks signing."""
    if saved is None:
        return Missing(MissingKind.REFUSED_SCORE, criterion.id, QT_TRANSLATE_NOOP(
            "Errors", "“{title}”: “{text}” is not a valid score and was not saved; correct it."),
            {"title": criterion.title, "text": text.strip()})
    return Missing(MissingKind.REFUSED_SCORE, criterion.id, QT_TRANSLATE_NOOP(
        "Errors", "“{title}”: “{text}” is not a valid score and was not saved; {saved} still counts. Correct it."),
        {"title": criterion.title, "text": text.strip(), "saved": rubric.format_score(saved)})


def unsaved_change(what: str) -> Missing:
    return Missing(MissingKind.UNSAVED, "", QT_TRANSLATE_NOOP(
        "Errors", "Your change to {what} is not saved yet (the app keeps trying)."), {"what": what})


def comment_rule_message(criterion: rubric.Criterion) -> str:
    """Why a comment is needed for this criterion (template with {title} and {threshold})."""
    kind = criterion.comment.kind
    if kind == "below":
        return QT_TRANSLATE_NOOP("Errors", "“{title}”: a score below {threshold} needs a comment.")
    if kind == "above":
        return QT_TRANSLATE_NOOP("Errors", "“{title}”: a score above {threshold} needs a comment.")
    return QT_TRANSLATE_NOOP("Errors", "“{title}” always needs a comment.")


def _threshold(criterion: rubric.Criterion) -> str:
    threshold = criterion.comment.threshold
    return rubric.format_score(threshold) if threshold is not None else ""


def _opinion_missing(rules: rubric.Rubric, state: ReviewState) -> list[Missing]:
    missing = []
    length = len(state.opinion.strip())
    if length == 0:
        missing.append(Missing(MissingKind.OPINION, "", QT_TRANSLATE_NOOP(
            "Errors", "Write your overall opinion."), {}))
    elif length < rules.opinion_min_length:
        missing.append(Missing(MissingKind.OPINION, "", QT_TRANSLATE_NOOP(
            "Errors", "The overall opinion needs at least {minimum} characters (now {length})."),
            {"minimum": rules.opinion_min_length, "length": length}))
    if rules.recommendations and state.recommendation not in {r.id for r in rules.recommendations}:
        missing.append(Missing(MissingKind.RECOMMENDATION, "", QT_TRANSLATE_NOOP(
            "Errors", "Choose your recommendation."), {}))
    return missing


def section_subtotal(section: rubric.Section, state: ReviewState) -> float:
    return sum(state.score(c.id).value or 0.0 for c in section.criteria)


def total(spec: rubric.ReviewSpec, state: ReviewState, criteria: list[rubric.Criterion] | None = None) -> float:
    chosen = criteria if criteria is not None else [c for s in spec.rubric.sections for c in s.criteria]
    return sum(state.score(c.id).value or 0.0 for c in chosen)
