"""What a review asks of the expert: rubric, veto items, checklist, facts, fields, stages, declarations.

Everything here comes from the bundle; nothing about one jurisdiction is built in. The same
model is read from the organization's `review.toml` when sealing and from the signed inner
manifest when a bundle is opened, and validated the same way both times.

`parse(data)` turns plain data (TOML or JSON) into frozen dataclasses and raises `SpecInvalid`
listing every shape problem; `validate(spec)` lists every consistency problem; `load(data)` does
both. Problems are `Problem` strings: plain English sentences that also carry their translatable
template and parameters.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reviewer_app.errors import QT_TRANSLATE_NOOP, Message, Term, UserFacingError

STEPS = (1.0, 0.5)
DEFAULT_RESULTS = ("符合", "部分符合", "不符合", "不适用")
DEFAULT_RESULTS_REQUIRING_NOTE = ("部分符合", "不符合")
EVIDENCE_KINDS = ("photo", "document")
COMMENT_KINDS = ("none", "always", "below", "above")
RATER_KINDS = ("fields", "all")  # who scores a section: experts of its named fields, or every member
DEFAULT_MIN_RATERS = 3  # trimming the highest and lowest score needs at least three raters
DEFAULT_CONFLICT_OF_INTEREST = (
    "本人与本次评审的申报单位、牵头单位及其成员单位不存在任职、持股、合作、亲属或其他可能影响公正评审的利害关系；"
    "如存在上述情形，本人将主动申请回避，不参与该项目的评审。"
)
DEFAULT_CONFIDENTIALITY = (
    "本人承诺对评审中获悉的申报材料、评审意见和评分结果等信息严格保密，不复制、不外传、不用于评审以外的任何用途，"
    "评审结束后按组织单位要求删除或交回全部材料。"
)
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class Problem(str, Message):
    """One problem, as a plain English sentence (a str) that is also a translatable Message."""

    def __new__(cls, template: str, **params: object) -> Problem:
        return super().__new__(cls, template.format(**params))

    def __init__(self, template: str, **params: object) -> None:
        Message.__init__(self, template, **params)


class SpecInvalid(UserFacingError):
    """The review definition has problems; `problems` lists every one of them."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", "The review definition has {count} problem(s): {first}"),
            count=len(self.problems),
            first=self.problems[0] if self.problems else "",
        )


# --- the model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """An expert field (技术, 产业, ...) known to this review."""

    id: str
    title: str


@dataclass(frozen=True)
class Stage:
    """A stage of the review (综合评审, 现场答辩, 现场考察, ...)."""

    id: str
    title: str


@dataclass(frozen=True)
class Fact:
    """One key fact of the application, shown as "label: value" and compared on site."""

    key: str
    label: str
    value: str


@dataclass(frozen=True)
class Band:
    """A named range of scores (优/良/中/差), inclusive at both ends."""

    label: str
    min: float
    max: float


@dataclass(frozen=True)
class CommentRule:
    """When a comment is required: never, always, when score < threshold, or score > threshold."""

    kind: Literal["none", "always", "below", "above"] = "none"
    threshold: float | None = None


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    guidance: str
    maximum: float
    step: float
    fields: tuple[str, ...]
    bands: tuple[Band, ...] = ()
    comment: CommentRule = CommentRule()
    all_members: bool = False  # from its section: every panel member scores it, whatever the field
    min_raters: int = DEFAULT_MIN_RATERS  # from its section

    def scored_by(self, field_id: str | None) -> bool:
        """Whether an expert of `field_id` (None: a field this review does not know) scores it."""
        return self.all_members or (field_id is not None and field_id in self.fields)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    maximum: float
    fields: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    guidance: str = ""
    raters: Literal["fields", "all"] = "fields"
    min_raters: int = DEFAULT_MIN_RATERS


@dataclass(frozen=True)
class VetoItem:
    """A condition (否决项) that, when an expert raises it with a reason, disqualifies the application."""

    id: str
    title: str
    guidance: str = ""


@dataclass(frozen=True)
class Recommendation:
    id: str
    title: str
    conditional: bool = False  # e.g. 修改完善后推荐: a group opinion choosing it states the conditions


@dataclass(frozen=True)
class Rubric:
    total: float
    sections: tuple[Section, ...]
    vetoes: tuple[VetoItem, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    opinion_min_length: int = 0

    def criteria(self) -> Iterator[Criterion]:
        for section in self.sections:
            yield from section.criteria

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria():
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def section_of(self, criterion_id: str) -> Section:
        for section in self.sections:
            if any(c.id == criterion_id for c in section.criteria):
                return section
        raise KeyError(criterion_id)

    def criteria_for_field(self, field_id: str | None) -> list[Criterion]:
        return [c for c in self.criteria() if c.scored_by(field_id)]


@dataclass(frozen=True)
class ChecklistItem:
    section: str
    id: str
    title: str
    guidance: str = ""
    evidence: tuple[str, ...] = ()
    results: tuple[str, ...] = DEFAULT_RESULTS
    results_requiring_note: tuple[str, ...] = DEFAULT_RESULTS_REQUIRING_NOTE
    claims: tuple[str, ...] = ()  # keys into the application facts: "claimed" beside "observed"
    fields: tuple[str, ...] = ()  # the expert fields this item is assigned to; none: every expert's

    def assigned_to(self, field_ids: set[str]) -> bool:
        """Compulsory for an expert of these fields (items assigned to no field are everyone's)."""
        return not self.fields or bool(field_ids & set(self.fields))


@dataclass(frozen=True)
class Checklist:
    items: tuple[ChecklistItem, ...] = ()

    def sections(self) -> list[str]:
        return list(dict.fromkeys(item.section for item in self.items))

    def item(self, item_id: str) -> ChecklistItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


@dataclass(frozen=True)
class Declarations:
    conflict_of_interest: str = DEFAULT_CONFLICT_OF_INTEREST
    confidentiality: str = DEFAULT_CONFIDENTIALITY


@dataclass(frozen=True)
class RelatedUnit:
    """A unit the application names (member unit, shareholder, partner): screened for conflicts."""

    unit: str
    relation: str


@dataclass(frozen=True)
class Grade:
    """A grade of a periodic evaluation (优秀, 良好 …): min ≤ score < max; the top grade includes its max."""

    label: str
    min: float
    max: float


@dataclass(frozen=True)
class Evaluation:
    """A periodic evaluation (年度评估 / 考核评估): the panel's score is graded by bands of the total."""

    kind: str
    period: str  # e.g. "2025": earlier results are those of earlier periods (compared as text)
    grades: tuple[Grade, ...]  # highest first
    failing: str  # the grade that counts as failed (default: the lowest)

    def grade_for(self, score: float) -> Grade | None:
        """The grade of `score` rounded to two decimals, as reports show it."""
        shown = round(score, 2)
        for index, grade in enumerate(self.grades):
            if grade.min <= shown < grade.max or (index == 0 and shown == grade.max):
                return grade
        return None

    def describe(self, separator: str = ", ") -> str:
        """优秀 ≥ 90, 良好 80–90, … (for screens and reports)."""
        parts = []
        for index, grade in enumerate(self.grades):
            if index == 0:
                parts.append(f"{grade.label} ≥ {format_score(grade.min)}")
            elif grade.min == 0:
                parts.append(f"{grade.label} < {format_score(grade.max)}")
            else:
                parts.append(f"{grade.label} {format_score(grade.min)}–{format_score(grade.max)}")
        return separator.join(parts)


@dataclass(frozen=True)
class ReviewSpec:
    """Everything the expert is asked to do for one application."""

    fields: tuple[Field, ...]
    stages: tuple[Stage, ...]
    facts: tuple[Fact, ...]
    rubric: Rubric
    checklist: Checklist = Checklist()
    declarations: Declarations = Declarations()
    related_units: tuple[RelatedUnit, ...] = ()
    evaluation: Evaluation | None = None

    def fact(self, key: str) -> Fact:
        for fact in self.facts:
            if fact.key == key:
                return fact
        raise KeyError(key)

    def field_named(self, name: str) -> Field | None:
        """The field whose id or title is `name` (an expert profile may hold either)."""
        return next((f for f in self.fields if name in (f.id, f.title)), None)


# --- scoring helpers the workspace reuses ----------------------------------------------------


MAX_NUMBER = 1_000_000  # no score, total or threshold is anywhere near; bigger is an attack or a typo


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and abs(value) <= MAX_NUMBER


def is_multiple(value: float, step: float) -> bool:
    quotient = value / step
    return math.isfinite(quotient) and math.isclose(quotient, round(quotient), abs_tol=1e-9)


def score_is_valid(criterion: Criterion, value: object) -> bool:
    """Whether `value` is a score the expert may give: 0..maximum on the criterion's step."""
    return is_number(value) and 0 <= value <= criterion.maximum and is_multiple(float(value), criterion.step)  # type: ignore[operator,arg-type]


def band_for(criterion: Criterion, score: float) -> Band | None:
    return next((b for b in criterion.bands if b.min <= score <= b.max), None)


def comment_required(criterion: Criterion, score: float | None) -> bool:
    rule = criterion.comment
    if rule.kind == "always":
        return True
    if score is None or rule.threshold is None:
        return False
    if rule.kind == "below":
        return score < rule.threshold
    if rule.kind == "above":
        return score > rule.threshold
    return False


def format_score(value: float) -> str:
    """8.0 -> "8", 7.5 -> "7.5"."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# --- parsing ----------------------------------------------------------------------------------


class _Parser:
    """Reads plain data defensively, collecting every shape problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, template: str, **params: object) -> None:
        self.problems.append(Problem(template, **params))

    def table(self, data: object, where: str, known: Iterable[str]) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            self.problem(QT_TRANSLATE_NOOP("Errors", "{where} must be a table of settings."), where=where)
            return {}
        for key in data:
            if key not in known:
                self.problem(QT_TRANSLATE_NOOP("Errors", "{where} has an unknown setting \"{key}\"."), where=where, key=key)
        return data

    def list(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> list[Any]:
        if key not in data:
            if required:
                self.problem(QT_TRANSLATE_NOOP("Errors", "{where} is missing \"{key}\"."), where=where, key=key)
            return []
        value = data[key]
        if not isinstance(value, list):
            self.problem(QT_TRANSLATE_NOOP("Errors", "\"{key}\" in {where} must be a list."), where=where, key=key)
            return []
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str, *, default: str | None = None) -> str:
        if key not in data:
            if default is None:
                self.problem(QT_TRANSLATE_NOOP("Errors", "{where} is missing \"{key}\"."), where=where, key=key)
                return ""
            return default
        value = data[key]
        if not isinstance(value, str):
            self.problem(QT_TRANSLATE_NOOP("Errors", "\"{key}\" in {where} must be text."), where=where, key=key)
            return ""
        return value

    def texts(self, data: Mapping[str, Any], key: str, where: str, *, default: Sequence[str] = ()) -> tuple[str, ...]:
        if key not in data:
            return tuple(default)
        values = data[key]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            self.problem(QT_TRANSLATE_NOOP("Errors", "\"{key}\" in {where} must be a list of texts."), where=where, key=key)
            return ()
        return tuple(values)

    def number(self, data: Mapping[str, Any], key: str, where: str, *, default: float | None = None) -> float:
        if key not in data:
            if default is None:
                self.problem(QT_TRANSLATE_NOOP("Errors", "{where} is missing \"{key}\"."), where=where, key=key)
                return 0.0
            return default
        value = data[key]
        if not is_number(value):
            self.problem(QT_TRANSLATE_NOOP("Errors", "\"{key}\" in {where} must be a number between -1000000 and 1000000."), where=where, key=key)
            return 0.0
        return float(value)

    def flag(self, data: Mapping[str, Any], key: str, where: str, *, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problem(QT_TRANSLATE_NOOP("Errors", "\"{key}\" in {where} must be true or false."), where=where, key=key)
            return default
        return value

    def integer(self, data: Mapping[str, Any], key: str, where: str, *, default: int) -> int:
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) > MAX_NUMBER:
            self.problem(QT_TRANSLATE_NOOP("Errors", "\"{key}\" in {where} must be a whole number."), where=where, key=key)
            return default
        return value

    def items(
        self, data: Mapping[str, Any], key: str, where: str, noun: str, build: Callable[[object, str], Any], *, required: bool = False
    ) -> tuple[Any, ...]:
        """Build every entry of the list `key`, naming each by its id when it has one (for messages)."""
        built = []
        for index, entry in enumerate(self.list(data, key, where, required=required), 1):
            entry_id = entry.get("id") if isinstance(entry, Mapping) else None
            label = f'{noun} "{entry_id}"' if isinstance(entry_id, str) and entry_id else f"{noun} #{index} of {where}"
            built.append(build(entry, label))
        return tuple(built)


def _parse_field(p: _Parser, data: object, where: str) -> Field:
    t = p.table(data, where, ("id", "title"))
    return Field(id=p.text(t, "id", where), title=p.text(t, "title", where))


def _parse_stage(p: _Parser, data: object, where: str) -> Stage:
    t = p.table(data, where, ("id", "title"))
    return Stage(id=p.text(t, "id", where), title=p.text(t, "title", where))


def _parse_fact(p: _Parser, data: object, where: str) -> Fact:
    t = p.table(data, where, ("key", "label", "value"))
    value = t.get("value", "")
    if is_number(value):  # TOML authors will write 3.2 for a ratio; facts are shown as text
        value = format_score(float(value))
    elif not isinstance(value, str):
        p.problem(QT_TRANSLATE_NOOP("Errors", "\"value\" in {where} must be text or a number."), where=where)
        value = ""
    return Fact(key=p.text(t, "key", where), label=p.text(t, "label", where), value=value)


def _parse_band(p: _Parser, data: object, where: str) -> Band:
    t = p.table(data, where, ("label", "min", "max"))
    return Band(label=p.text(t, "label", where), min=p.number(t, "min", where), max=p.number(t, "max", where))


def _parse_comment(p: _Parser, data: object, where: str) -> CommentRule:
    if isinstance(data, str):
        data = {"rule": data}
    t = p.table(data, where, ("rule", "threshold"))
    kind = p.text(t, "rule", where, default="none")
    if kind not in COMMENT_KINDS:
        p.problem(
            QT_TRANSLATE_NOOP("Errors", "The comment rule in {where} must be one of {allowed}."),
            where=where,
            allowed=", ".join(COMMENT_KINDS),
        )
        kind = "none"
    threshold = p.number(t, "threshold", where) if "threshold" in t else None
    return CommentRule(kind=kind, threshold=threshold)  # type: ignore[arg-type]


def _parse_criterion(p: _Parser, data: object, where: str, section_fields: tuple[str, ...], all_members: bool = False, min_raters: int = DEFAULT_MIN_RATERS) -> Criterion:
    keys = ("id", "title", "guidance", "maximum", "step", "fields", "bands", "comment")
    t = p.table(data, where, keys)
    return Criterion(
        id=p.text(t, "id", where),
        title=p.text(t, "title", where),
        guidance=p.text(t, "guidance", where, default=""),
        maximum=p.number(t, "maximum", where),
        step=p.number(t, "step", where, default=1.0),
        fields=p.texts(t, "fields", where, default=section_fields),
        bands=p.items(t, "bands", where, "band", lambda d, w: _parse_band(p, d, w)),
        comment=_parse_comment(p, t.get("comment", "none"), where),
        all_members=all_members,
        min_raters=min_raters,
    )


def _parse_section(p: _Parser, data: object, where: str) -> Section:
    t = p.table(data, where, ("id", "title", "guidance", "maximum", "fields", "criteria", "raters", "min_raters"))
    fields = p.texts(t, "fields", where)
    raters = p.text(t, "raters", where, default="fields")
    if raters not in RATER_KINDS:
        p.problem(QT_TRANSLATE_NOOP("Errors", "\"raters\" in {where} must be \"fields\" (the experts of its fields) or \"all\" (every member)."), where=where)
        raters = "fields"
    min_raters = p.integer(t, "min_raters", where, default=DEFAULT_MIN_RATERS)
    all_members = raters == "all"
    return Section(
        id=p.text(t, "id", where),
        title=p.text(t, "title", where),
        guidance=p.text(t, "guidance", where, default=""),
        maximum=p.number(t, "maximum", where),
        fields=fields,
        criteria=p.items(t, "criteria", where, "criterion", lambda d, w: _parse_criterion(p, d, w, fields, all_members, min_raters), required=True),
        raters=raters,  # type: ignore[arg-type]
        min_raters=min_raters,
    )


def _parse_veto(p: _Parser, data: object, where: str) -> VetoItem:
    t = p.table(data, where, ("id", "title", "guidance"))
    return VetoItem(id=p.text(t, "id", where), title=p.text(t, "title", where), guidance=p.text(t, "guidance", where, default=""))


def _parse_recommendation(p: _Parser, data: object, where: str) -> Recommendation:
    t = p.table(data, where, ("id", "title", "conditional"))
    return Recommendation(id=p.text(t, "id", where), title=p.text(t, "title", where), conditional=p.flag(t, "conditional", where, default=False))


def _parse_rubric(p: _Parser, data: object) -> Rubric:
    where = "the rubric"
    t = p.table(data, where, ("total", "sections", "vetoes", "recommendations", "opinion_min_length"))
    return Rubric(
        total=p.number(t, "total", where),
        sections=p.items(t, "sections", where, "section", lambda d, w: _parse_section(p, d, w), required=True),
        vetoes=p.items(t, "vetoes", where, "veto item", lambda d, w: _parse_veto(p, d, w)),
        recommendations=p.items(t, "recommendations", where, "recommendation", lambda d, w: _parse_recommendation(p, d, w)),
        opinion_min_length=p.integer(t, "opinion_min_length", where, default=0),
    )


def _parse_checklist_item(p: _Parser, data: object, where: str) -> ChecklistItem:
    keys = ("section", "id", "title", "guidance", "evidence", "results", "results_requiring_note", "claims", "fields")
    t = p.table(data, where, keys)
    return ChecklistItem(
        section=p.text(t, "section", where),
        id=p.text(t, "id", where),
        title=p.text(t, "title", where),
        guidance=p.text(t, "guidance", where, default=""),
        evidence=p.texts(t, "evidence", where),
        results=p.texts(t, "results", where, default=DEFAULT_RESULTS),
        results_requiring_note=p.texts(t, "results_requiring_note", where, default=DEFAULT_RESULTS_REQUIRING_NOTE),
        claims=p.texts(t, "claims", where),
        fields=p.texts(t, "fields", where),
    )


def _parse_checklist(p: _Parser, data: object) -> Checklist:
    t = p.table(data, "the checklist", ("items",))
    return Checklist(items=p.items(t, "items", "the checklist", "checklist item", lambda d, w: _parse_checklist_item(p, d, w)))


def _parse_declarations(p: _Parser, data: object) -> Declarations:
    t = p.table(data, "the declarations", ("conflict_of_interest", "confidentiality"))
    return Declarations(
        conflict_of_interest=p.text(t, "conflict_of_interest", "the declarations", default=DEFAULT_CONFLICT_OF_INTEREST),
        confidentiality=p.text(t, "confidentiality", "the declarations", default=DEFAULT_CONFIDENTIALITY),
    )


def _parse_related_unit(p: _Parser, data: object, where: str) -> RelatedUnit:
    t = p.table(data, where, ("unit", "relation"))
    return RelatedUnit(unit=p.text(t, "unit", where).strip(), relation=p.text(t, "relation", where).strip())


def _parse_grade(p: _Parser, data: object, where: str) -> Grade:
    t = p.table(data, where, ("label", "min", "max"))
    return Grade(label=p.text(t, "label", where).strip(), min=p.number(t, "min", where), max=p.number(t, "max", where))


def _parse_evaluation(p: _Parser, data: object) -> Evaluation:
    where = "the evaluation"
    t = p.table(data, where, ("kind", "period", "grades", "failing"))
    grades = p.items(t, "grades", where, "grade", lambda d, w: _parse_grade(p, d, w), required=True)
    lowest = min(grades, key=lambda g: g.min).label if grades else ""
    return Evaluation(
        kind=p.text(t, "kind", where).strip(),
        period=str(t["period"]) if isinstance(t.get("period"), int) and not isinstance(t.get("period"), bool) else p.text(t, "period", where).strip(),
        grades=grades,
        failing=p.text(t, "failing", where, default=lowest).strip(),
    )


SPEC_KEYS = ("fields", "stages", "facts", "rubric", "checklist", "declarations", "related_units", "evaluation")
OPTIONAL_SPEC_KEYS = ("related_units", "evaluation")  # bundles sealed before conflict screening / evaluations lack them


def parse(data: object) -> ReviewSpec:
    """The review definition in `data` (keys as in SPEC_KEYS); raises SpecInvalid listing every shape problem."""
    p = _Parser()
    t = p.table(data, "the review definition", SPEC_KEYS)
    spec = ReviewSpec(
        fields=p.items(t, "fields", "the review definition", "field", lambda d, w: _parse_field(p, d, w), required=True),
        stages=p.items(t, "stages", "the review definition", "stage", lambda d, w: _parse_stage(p, d, w)),
        facts=p.items(t, "facts", "the review definition", "fact", lambda d, w: _parse_fact(p, d, w)),
        rubric=_parse_rubric(p, t.get("rubric", {})) if "rubric" in t else _missing_rubric(p),
        checklist=_parse_checklist(p, t.get("checklist", {})),
        declarations=_parse_declarations(p, t.get("declarations", {})),
        related_units=p.items(t, "related_units", "the review definition", "related unit", lambda d, w: _parse_related_unit(p, d, w)),
        evaluation=_parse_evaluation(p, t["evaluation"]) if "evaluation" in t else None,
    )
    if p.problems:
        raise SpecInvalid(p.problems)
    return spec


def _missing_rubric(p: _Parser) -> Rubric:
    p.problem(QT_TRANSLATE_NOOP("Errors", "The review definition has no rubric."))
    return Rubric(total=0, sections=())


def load(data: object) -> ReviewSpec:
    """parse() then validate(); raises SpecInvalid listing every problem found."""
    spec = parse(data)
    problems = validate(spec)
    if problems:
        raise SpecInvalid(problems)
    return spec


# --- validation -------------------------------------------------------------------------------


def validate(spec: ReviewSpec) -> list[Problem]:
    """Every consistency problem in `spec` (empty when it is sound)."""
    problems: list[Problem] = []
    add = lambda template, **params: problems.append(Problem(template, **params))  # noqa: E731
    _check_ids(add, Term(QT_TRANSLATE_NOOP("Errors", "field")), [f.id for f in spec.fields])
    _check_ids(add, Term(QT_TRANSLATE_NOOP("Errors", "stage")), [s.id for s in spec.stages])
    _check_ids(add, Term(QT_TRANSLATE_NOOP("Errors", "fact")), [f.key for f in spec.facts])
    for f in spec.fields:
        if not f.title.strip():
            add(QT_TRANSLATE_NOOP("Errors", "Field \"{id}\" has no title."), id=f.id)
    if not spec.fields:
        add(QT_TRANSLATE_NOOP("Errors", "The review definition lists no expert fields."))
    for fact in spec.facts:
        if not fact.label.strip():
            add(QT_TRANSLATE_NOOP("Errors", "Fact \"{key}\" has no label."), key=fact.key)
    for unit in spec.related_units:
        if not unit.unit or not unit.relation:
            add(QT_TRANSLATE_NOOP("Errors", "Every related unit needs a unit name and its relation to the applicant (成员单位, 股东, 合作单位 …)."))
    _validate_rubric(add, spec.rubric, {f.id for f in spec.fields})
    if spec.evaluation is not None:
        _validate_evaluation(add, spec.evaluation, spec.rubric.total)
    _validate_checklist(add, spec.checklist, {f.key for f in spec.facts}, {f.id for f in spec.fields})
    for name, text in (
        (Term(QT_TRANSLATE_NOOP("Errors", "conflict of interest")), spec.declarations.conflict_of_interest),
        (Term(QT_TRANSLATE_NOOP("Errors", "confidentiality")), spec.declarations.confidentiality),
    ):
        if not text.strip():
            add(QT_TRANSLATE_NOOP("Errors", "The {name} declaration is empty."), name=name)
    return problems


def _check_ids(add: Callable[..., None], kind: str, ids: Sequence[str]) -> None:
    for value in ids:
        if not ID_PATTERN.match(value):
            add(
                QT_TRANSLATE_NOOP("Errors", "The {kind} id \"{id}\" is not valid: use 1 to 64 letters, digits, '.', '_' or '-'."),
                kind=kind,
                id=value,
            )
    for value, count in Counter(ids).items():
        if count > 1:
            add(QT_TRANSLATE_NOOP("Errors", "The {kind} id \"{id}\" is used {count} times."), kind=kind, id=value, count=count)


def _validate_rubric(add: Callable[..., None], rubric: Rubric, known_fields: set[str]) -> None:
    _check_ids(add, Term(QT_TRANSLATE_NOOP("Errors", "rubric")), [s.id for s in rubric.sections] + [c.id for c in rubric.criteria()] + [v.id for v in rubric.vetoes])
    _check_ids(add, Term(QT_TRANSLATE_NOOP("Errors", "recommendation")), [r.id for r in rubric.recommendations])
    if rubric.total <= 0:
        add(QT_TRANSLATE_NOOP("Errors", "The rubric total must be more than 0."))
    if not rubric.sections:
        add(QT_TRANSLATE_NOOP("Errors", "The rubric has no sections."))
    section_sum = sum(s.maximum for s in rubric.sections)
    if rubric.sections and not math.isclose(section_sum, rubric.total):
        add(
            QT_TRANSLATE_NOOP("Errors", "The section maxima add up to {sum}, but the rubric total is {total}."),
            sum=format_score(section_sum),
            total=format_score(rubric.total),
        )
    for section in rubric.sections:
        _validate_section(add, section, known_fields)
    for veto in rubric.vetoes:
        if not veto.title.strip():
            add(QT_TRANSLATE_NOOP("Errors", "Veto item \"{id}\" has no title."), id=veto.id)
    for recommendation in rubric.recommendations:
        if not recommendation.title.strip():
            add(QT_TRANSLATE_NOOP("Errors", "Recommendation \"{id}\" has no title."), id=recommendation.id)
    if rubric.opinion_min_length < 0:
        add(QT_TRANSLATE_NOOP("Errors", "The minimum opinion length cannot be negative."))


def _validate_section(add: Callable[..., None], section: Section, known_fields: set[str]) -> None:
    if not section.title.strip():
        add(QT_TRANSLATE_NOOP("Errors", "Section \"{id}\" has no title."), id=section.id)
    if not section.criteria:
        add(QT_TRANSLATE_NOOP("Errors", "Section \"{id}\" has no criteria."), id=section.id)
        return
    criteria_sum = sum(c.maximum for c in section.criteria)
    if not math.isclose(criteria_sum, section.maximum):
        add(
            QT_TRANSLATE_NOOP("Errors", "The criteria of section \"{id}\" add up to {sum}, but the section maximum is {maximum}."),
            id=section.id,
            sum=format_score(criteria_sum),
            maximum=format_score(section.maximum),
        )
    if section.min_raters < 0:
        add(QT_TRANSLATE_NOOP("Errors", "Section \"{id}\" has a negative min_raters."), id=section.id)
    for field_id in section.fields:
        if field_id not in known_fields:
            add(QT_TRANSLATE_NOOP("Errors", "Section \"{id}\" names the unknown field \"{field}\"."), id=section.id, field=field_id)
    for criterion in section.criteria:
        _validate_criterion(add, criterion, known_fields)


def _validate_criterion(add: Callable[..., None], c: Criterion, known_fields: set[str]) -> None:
    if not c.title.strip():
        add(QT_TRANSLATE_NOOP("Errors", "Criterion \"{id}\" has no title."), id=c.id)
    if c.step not in STEPS:
        add(QT_TRANSLATE_NOOP("Errors", "Criterion \"{id}\" has step {step}; the step must be 1 or 0.5."), id=c.id, step=format_score(c.step))
    elif c.maximum <= 0 or not is_multiple(c.maximum, c.step):
        add(
            QT_TRANSLATE_NOOP("Errors", "Criterion \"{id}\" has maximum {maximum}, which is not a positive multiple of its step {step}."),
            id=c.id,
            maximum=format_score(c.maximum),
            step=format_score(c.step),
        )
    if not c.fields and not c.all_members:
        add(QT_TRANSLATE_NOOP("Errors", "Criterion \"{id}\" names no field of experts who score it."), id=c.id)
    for field_id in c.fields:
        if field_id not in known_fields:
            add(QT_TRANSLATE_NOOP("Errors", "Criterion \"{id}\" names the unknown field \"{field}\"."), id=c.id, field=field_id)
    _validate_bands(add, c)
    _validate_comment_rule(add, c)


def _validate_bands(add: Callable[..., None], c: Criterion) -> None:
    if not c.bands:
        return
    for label, count in Counter(b.label for b in c.bands).items():
        if count > 1 or not label.strip():
            add(QT_TRANSLATE_NOOP("Errors", "Criterion \"{id}\" has a missing or repeated band label \"{label}\"."), id=c.id, label=label)
    step = c.step if c.step in STEPS else 1.0
    for band in c.bands:
        if band.min > band.max or band.min < 0 or band.max > c.maximum or not (is_multiple(band.min, step) and is_multiple(band.max, step)):
            add(
                QT_TRANSLATE_NOOP("Errors", "Band \"{label}\" of criterion \"{id}\" ({min}–{max}) is not a range of scores between 0 and {maximum}."),
                id=c.id,
                label=band.label,
                min=format_score(band.min),
                max=format_score(band.max),
                maximum=format_score(c.maximum),
            )
            return
    ordered = sorted(c.bands, key=lambda b: b.min)
    expected_min = 0.0
    for band in ordered:
        if band.min > expected_min and not math.isclose(band.min, expected_min):
            add(QT_TRANSLATE_NOOP("Errors", "The bands of criterion \"{id}\" leave a gap at {score}."), id=c.id, score=format_score(expected_min))
            return
        if band.min < expected_min and not math.isclose(band.min, expected_min):
            add(QT_TRANSLATE_NOOP("Errors", "The bands of criterion \"{id}\" overlap at {score}."), id=c.id, score=format_score(band.min))
            return
        expected_min = band.max + step
    if not math.isclose(ordered[-1].max, c.maximum):
        add(
            QT_TRANSLATE_NOOP("Errors", "The bands of criterion \"{id}\" end at {end}, not at its maximum {maximum}."),
            id=c.id,
            end=format_score(ordered[-1].max),
            maximum=format_score(c.maximum),
        )


def _validate_evaluation(add: Callable[..., None], evaluation: Evaluation, total: float) -> None:
    """Grades listed from the highest down, each band meeting the next, covering 0 to the rubric total."""
    if not evaluation.kind:
        add(QT_TRANSLATE_NOOP("Errors", "The evaluation needs its kind, e.g. kind = \"年度评估\"."))
    if not evaluation.period:
        add(QT_TRANSLATE_NOOP("Errors", "The evaluation needs its period, e.g. period = \"2025\" (earlier results are matched by it)."))
    grades = evaluation.grades
    if len(grades) < 2:
        add(QT_TRANSLATE_NOOP("Errors", "The evaluation needs at least two grades (e.g. 合格 and 不合格)."))
        return
    for label, count in Counter(g.label for g in grades).items():
        if count > 1 or not label:
            add(QT_TRANSLATE_NOOP("Errors", "The evaluation has a missing or repeated grade label \"{label}\"."), label=label)
    for grade in grades:
        if not grade.min < grade.max:
            add(QT_TRANSLATE_NOOP("Errors", "Grade \"{label}\" ({min}–{max}) must have its min below its max."), label=grade.label, min=format_score(grade.min), max=format_score(grade.max))
            return
    for higher, lower in zip(grades, grades[1:]):
        if lower.min >= higher.min:
            add(QT_TRANSLATE_NOOP("Errors", "List the grades from the highest to the lowest: \"{lower}\" comes after \"{higher}\" but starts at {min}."),
                lower=lower.label, higher=higher.label, min=format_score(lower.min))
            return
        if not math.isclose(lower.max, higher.min):
            what = Term(QT_TRANSLATE_NOOP("Errors", "overlap")) if lower.max > higher.min else Term(QT_TRANSLATE_NOOP("Errors", "leave a gap"))
            add(QT_TRANSLATE_NOOP("Errors", "Grades \"{higher}\" (from {min}) and \"{lower}\" (up to {max}) {what}: each grade must end where the next one starts."),
                higher=higher.label, lower=lower.label, min=format_score(higher.min), max=format_score(lower.max), what=what)
    if grades[-1].min != 0:
        add(QT_TRANSLATE_NOOP("Errors", "The lowest grade \"{label}\" must start at 0, not {min}."), label=grades[-1].label, min=format_score(grades[-1].min))
    if not math.isclose(grades[0].max, total):
        add(QT_TRANSLATE_NOOP("Errors", "The highest grade \"{label}\" ends at {max}, but the rubric total is {total}."),
            label=grades[0].label, max=format_score(grades[0].max), total=format_score(total))
    if evaluation.failing not in {g.label for g in grades}:
        add(QT_TRANSLATE_NOOP("Errors", "The failing grade \"{label}\" is not one of the evaluation's grades."), label=evaluation.failing)


def _validate_comment_rule(add: Callable[..., None], c: Criterion) -> None:
    rule = c.comment
    if rule.kind in ("none", "always"):
        if rule.threshold is not None:
            add(QT_TRANSLATE_NOOP("Errors", "Criterion \"{id}\" gives a comment threshold, but its comment rule is \"{rule}\"."), id=c.id, rule=rule.kind)
        return
    low_ok = rule.threshold is not None and (0 < rule.threshold <= c.maximum if rule.kind == "below" else 0 <= rule.threshold < c.maximum)
    if not low_ok:
        add(
            QT_TRANSLATE_NOOP("Errors", "Criterion \"{id}\" needs a comment threshold between 0 and its maximum {maximum}."),
            id=c.id,
            maximum=format_score(c.maximum),
        )


def _validate_checklist(add: Callable[..., None], checklist: Checklist, fact_keys: set[str], known_fields: set[str]) -> None:
    _check_ids(add, Term(QT_TRANSLATE_NOOP("Errors", "checklist item")), [i.id for i in checklist.items])
    for item in checklist.items:
        if not item.title.strip() or not item.section.strip():
            add(QT_TRANSLATE_NOOP("Errors", "Checklist item \"{id}\" needs a section and a title."), id=item.id)
        if not item.results or len(set(item.results)) != len(item.results) or not all(r.strip() for r in item.results):
            add(QT_TRANSLATE_NOOP("Errors", "Checklist item \"{id}\" needs a list of distinct, non-empty results."), id=item.id)
        for result in item.results_requiring_note:
            if result not in item.results:
                add(
                    QT_TRANSLATE_NOOP("Errors", "Checklist item \"{id}\" requires a note for \"{result}\", which is not one of its results."),
                    id=item.id,
                    result=result,
                )
        for kind in item.evidence:
            if kind not in EVIDENCE_KINDS:
                add(
                    QT_TRANSLATE_NOOP("Errors", "Checklist item \"{id}\" expects evidence \"{kind}\"; use {allowed}."),
                    id=item.id,
                    kind=kind,
                    allowed=", ".join(EVIDENCE_KINDS),
                )
        for key in item.claims:
            if key not in fact_keys:
                add(QT_TRANSLATE_NOOP("Errors", "Checklist item \"{id}\" refers to the unknown fact \"{key}\"."), id=item.id, key=key)
        for field_id in item.fields:
            if field_id not in known_fields:
                add(QT_TRANSLATE_NOOP("Errors", "Checklist item \"{id}\" names the unknown field \"{field}\"."),
                    id=item.id, field=field_id)


# --- back to plain data (for the signed manifest) ---------------------------------------------


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def to_data(spec: ReviewSpec) -> dict[str, Any]:
    """The plain-data form `parse` reads back, with every default spelled out."""
    rubric = spec.rubric
    return {
        "fields": [{"id": f.id, "title": f.title} for f in spec.fields],
        "stages": [{"id": s.id, "title": s.title} for s in spec.stages],
        "facts": [{"key": f.key, "label": f.label, "value": f.value} for f in spec.facts],
        "rubric": {
            "total": _number(rubric.total),
            "opinion_min_length": rubric.opinion_min_length,
            "recommendations": [{"id": r.id, "title": r.title, **({"conditional": True} if r.conditional else {})} for r in rubric.recommendations],
            "sections": [_section_data(s) for s in rubric.sections],
            "vetoes": [{"id": v.id, "title": v.title, "guidance": v.guidance} for v in rubric.vetoes],
        },
        "checklist": {"items": [_item_data(i) for i in spec.checklist.items]},
        "declarations": {
            "conflict_of_interest": spec.declarations.conflict_of_interest,
            "confidentiality": spec.declarations.confidentiality,
        },
        "related_units": [{"unit": u.unit, "relation": u.relation} for u in spec.related_units],
        **({"evaluation": _evaluation_data(spec.evaluation)} if spec.evaluation is not None else {}),  # absent before evaluations existed
    }


def _evaluation_data(e: Evaluation) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "period": e.period,
        "failing": e.failing,
        "grades": [{"label": g.label, "min": _number(g.min), "max": _number(g.max)} for g in e.grades],
    }


def _section_data(s: Section) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "guidance": s.guidance,
        "maximum": _number(s.maximum),
        "fields": list(s.fields),
        "raters": s.raters,
        "min_raters": s.min_raters,
        "criteria": [_criterion_data(c) for c in s.criteria],
    }


def _criterion_data(c: Criterion) -> dict[str, Any]:
    comment: dict[str, Any] = {"rule": c.comment.kind}
    if c.comment.threshold is not None:
        comment["threshold"] = _number(c.comment.threshold)
    return {
        "id": c.id,
        "title": c.title,
        "guidance": c.guidance,
        "maximum": _number(c.maximum),
        "step": _number(c.step),
        "fields": list(c.fields),
        "bands": [{"label": b.label, "min": _number(b.min), "max": _number(b.max)} for b in c.bands],
        "comment": comment,
    }


def _item_data(i: ChecklistItem) -> dict[str, Any]:
    return {
        "section": i.section,
        "id": i.id,
        "title": i.title,
        "guidance": i.guidance,
        "evidence": list(i.evidence),
        "results": list(i.results),
        "results_requiring_note": list(i.results_requiring_note),
        "claims": list(i.claims),
        **({"fields": list(i.fields)} if i.fields else {}),  # absent in bundles made before items had fields
    }


__all__ = [
    "Band",
    "Checklist",
    "ChecklistItem",
    "CommentRule",
    "Criterion",
    "Declarations",
    "Evaluation",
    "Fact",
    "Grade",
    "Field",
    "Problem",
    "Recommendation",
    "RelatedUnit",
    "ReviewSpec",
    "Rubric",
    "Section",
    "SpecInvalid",
    "Stage",
    "VetoItem",
    "band_for",
    "comment_required",
    "format_score",
    "load",
    "parse",
    "score_is_valid",
    "to_data",
    "validate",
]
