"""Can this panel score this review? Checked by `reviewer-org check --org … --recipients …` and `seal`.

Each rubric section says who scores it (`raters = "fields"`: the experts of its fields;
`raters = "all"`: every member) and how many raters it needs (`min_raters`, default 3, so that
the highest and lowest score can be trimmed). A panel that leaves a section short is refused;
a review field without an expert, and a member whose field gives them nothing to score, are
warnings. The expert app assigns criteria by the same rule (`Criterion.scored_by`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reviewer_app import rubric
from reviewer_app.errors import QT_TRANSLATE_NOOP, Term
from reviewer_app.rubric import Problem


@dataclass(frozen=True)
class Member:
    name: str
    field: str  # as on the enrolment card: a field id or title


@dataclass
class Composition:
    refusals: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    raters: dict[str, list[str]] = field(default_factory=dict)  # criterion id -> member names


def member_field_id(spec: rubric.ReviewSpec, member: Member) -> str | None:
    known = spec.field_named(member.field)
    return known.id if known else None


def check_panel(spec: rubric.ReviewSpec, members: Sequence[Member]) -> Composition:
    result = Composition()
    field_ids = {m.name: member_field_id(spec, m) for m in members}
    for criterion in spec.rubric.criteria():
        result.raters[criterion.id] = [m.name for m in members if criterion.scored_by(field_ids[m.name])]
    for section in spec.rubric.sections:
        short = [c for c in section.criteria if len(result.raters[c.id]) < section.min_raters]
        if short:
            fewest = min(len(result.raters[c.id]) for c in short)
            who = Term(QT_TRANSLATE_NOOP("Errors", "every member")) if section.raters == "all" else "、".join(_titles(spec, section.fields))
            result.refusals.append(Problem(
                QT_TRANSLATE_NOOP("Errors", "Section “{section}” needs at least {minimum} raters ({who}); this panel gives it {count}."),
                section=section.title, minimum=section.min_raters, who=who, count=fewest))
    staffed = {fid for fid in field_ids.values() if fid is not None}
    for f in spec.fields:
        named = any(f.id in c.fields and not c.all_members for c in spec.rubric.criteria())
        if named and f.id not in staffed:
            result.warnings.append(Problem(QT_TRANSLATE_NOOP("Errors", "No member of the panel is an expert in the field “{field}”."), field=f.title))
    for member in members:
        if not spec.rubric.criteria_for_field(field_ids[member.name]):
            result.warnings.append(Problem(
                QT_TRANSLATE_NOOP("Errors", "{name} ({field}) has nothing to score: no criterion of this review is for that field."),
                name=member.name, field=member.field))
    return result


def _titles(spec: rubric.ReviewSpec, field_ids: Sequence[str]) -> list[str]:
    titles = {f.id: f.title for f in spec.fields}
    return [titles.get(i, i) for i in field_ids]
