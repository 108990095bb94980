"""What stops a review from being signed: the one list both the workspace and signing use."""

from __future__ import annotations

from reviewer_app import rubric
from reviewer_app.review import completeness, inspection_rules
from reviewer_app.review.inspection import InspectionState
from reviewer_app.review.state import ReviewState


def blockers(spec: rubric.ReviewSpec, state: ReviewState, expert_field: str,
             inspection: InspectionState | None) -> list[completeness.Missing]:
    """The review's own gaps, then those of an on-site inspection once it was begun."""
    missing = completeness.missing_items(spec, state, expert_field)
    if inspection is not None and state.declarations.cleared:
        missing += inspection_rules.missing_items(spec.checklist, inspection,
                                                  completeness.inspection_field_ids(spec, expert_field))
    return missing
