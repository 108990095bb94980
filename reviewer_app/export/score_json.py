"""`score.json`: what the expert signed, as data (format "reviewer-app/score", version 3;
version 2, without `declarations.related_units`, and version 1, also without
`revision.changes`, are still read).

The same document is the source of the PDF score sheet (sheet_pdf renders it), so the two can
never disagree. Field by field: docs/formats.md ("score.json").

- `from_review` builds it from the workspace (ReviewState, InspectionState, attachments);
- `to_json` writes it (UTF-8, stable key order, one byte string per document);
- `parse` reads it back from untrusted bytes, refusing anything not of the exact shape;
- `changes_between` lists what an amendment changed, old → new (`revision.changes`);
- `check_consistency` checks the arithmetic (subtotals, total, bands) inside one document;
- `check_answers` checks it against the review it answers (the rubric): every criterion of
  the expert's field scored on its step, comments where the rubric wants them, vetoes and
  recommendation known, declarations made: the organization's completeness check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewer_app import __version__, rubric
from reviewer_app.bundle.errors import BundleRefused, MalformedDocument
from reviewer_app.bundle.strictjson import Fields, dumps, format_time, loads
from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.export.errors import PackageRefused, refuse
from reviewer_app.review.completeness import criteria_for_expert
from reviewer_app.review.state import RelatedAnswer

FORMAT = "reviewer-app/score"
FORMAT_VERSION = 3  # 2 added revision.changes (what an amendment changed, old → new); 3 declarations.related_units
READABLE_VERSIONS = (1, 2, 3)
RELATED_ANSWERS = ("no_relation", "relation")
ALGORITHM = "ecdsa-p256-sha256"
KIND_SCORE = "score"
KIND_RECUSAL = "recusal"
DOCUMENT = "score.json"
MAX_TEXT = 100_000  # one comment, opinion or note: far more than anyone types


# --- the model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BundleRef:
    """The bundle a package answers: its id and the SHA-256 of its SHA256SUMS member."""

    bundle_id: str
    sums_sha256: str
    organization_name: str
    organization_fingerprint: str


@dataclass(frozen=True)
class ReviewRef:
    title: str
    authority: str
    organization: str
    session_date: str


@dataclass(frozen=True)
class ApplicationRef:
    id: str
    title: str
    applicant: str


@dataclass(frozen=True)
class ExpertRef:
    name: str
    field: str  # as the expert's profile says it (title or id)
    field_id: str  # the bundle's field id it resolves to, "" when the bundle does not know it
    affiliation: str
    title: str
    fingerprint: str


@dataclass(frozen=True)
class Change:
    """One value an amendment changed. `item` names the criterion, veto, checklist item, note
    (its asked_at time) or attachment (its SHA-256), "" for the opinion and recommendation;
    `field` says which value (CHANGE_FIELDS); `old` and `new` are the values as text."""

    item: str
    field: str
    old: str
    new: str


CHANGE_FIELDS = (
    "score", "comment", "veto_raised", "veto_reason", "note_question", "note_answer", "inspection_result",
    "inspection_note", "inspection_observed", "inspection_discrepancy", "site_notes", "opinion", "recommendation", "attachment",
)  # fmt: skip


@dataclass(frozen=True)
class Revision:
    number: int
    signed_at: dt.datetime
    amends_number: int | None = None
    amends_sha256: str | None = None  # SHA-256 of the score.json of the revision amended
    reason: str = ""
    changes: tuple[Change, ...] = ()  # what this amendment changed against the revision amended


@dataclass(frozen=True)
class DeclarationsRecord:
    conflict_text: str
    conflict_answer: str  # "none" | "declared"
    conflict_reason: str
    conflict_at: dt.datetime | None
    confidentiality_text: str
    confidentiality_at: dt.datetime | None
    related_units: tuple[RelatedAnswer, ...] = ()  # version 3: one answer per unit the bundle lists


@dataclass(frozen=True)
class CriterionScore:
    id: str
    title: str
    maximum: float
    step: float
    score: float | None  # None only in a draft (preview) document: not scored yet
    band: str
    comment: str


@dataclass(frozen=True)
class SectionScores:
    id: str
    title: str
    maximum: float  # the maxima of this expert's criteria in the section
    subtotal: float
    criteria: tuple[CriterionScore, ...]


@dataclass(frozen=True)
class VetoAnswer:
    id: str
    title: str
    raised: bool
    reason: str


@dataclass(frozen=True)
class NoteRecord:
    asked_at: dt.datetime
    question: str
    answer: str
    criteria: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistAnswer:
    id: str
    section: str
    title: str
    result: str | None
    note: str
    observed: str
    discrepancy: bool
    attachments: tuple[str, ...]  # member names


@dataclass(frozen=True)
class InspectionRecord:
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    inspectors: tuple[str, ...]
    site_notes: str
    items: tuple[ChecklistAnswer, ...]


@dataclass(frozen=True)
class AttachmentRef:
    member: str  # "attachments/001.jpg"
    file_name: str  # as the expert imported it
    media_type: str
    size: int
    sha256: str
    checklist_item: str | None
    captured_at: dt.datetime | None


@dataclass(frozen=True)
class ScoreDocument:
    kind: str
    generator: str
    bundle: BundleRef
    review: ReviewRef
    application: ApplicationRef
    expert: ExpertRef
    revision: Revision
    declarations: DeclarationsRecord
    sections: tuple[SectionScores, ...]
    total: float
    maximum: float
    rubric_total: float
    vetoes: tuple[VetoAnswer, ...]
    notes: tuple[NoteRecord, ...]
    inspection: InspectionRecord | None
    opinion: str
    recommendation_id: str | None
    recommendation_title: str
    attachments: tuple[AttachmentRef, ...] = field(default=())
    format_version: int = FORMAT_VERSION  # as read; a version-1 document is written back as version 1

    @property
    def criteria(self) -> list[CriterionScore]:
        return [c for s in self.sections for c in s.criteria]

    @property
    def is_recusal(self) -> bool:
        return self.kind == KIND_RECUSAL

    @property
    def normalized_total(self) -> float:
        """The total on the rubric's scale (百分制折算): total / maximum × rubric total."""
        return self.total / self.maximum * self.rubric_total if self.maximum else 0.0

    @property
    def vetoes_raised(self) -> list[VetoAnswer]:
        return [v for v in self.vetoes if v.raised]


# --- building from the workspace --------------------------------------------------------------


@dataclass(frozen=True)
class AttachmentInput:
    """One file to carry in the package: an inspection photo or document, bytes as imported."""

    file_name: str
    media_type: str
    data: bytes
    checklist_item: str | None = None
    captured_at: dt.datetime | None = None
    sha256: str | None = None  # when given (Evidence.sha256), the bytes must match it
    # A smaller copy of a picture (the evidence store's upright 1600 px JPEG) that the sheet
    # draws instead of decoding the original: a 12 MP photo costs ~10× more to decode. The
    # original still travels in the package byte for byte.
    preview: bytes | None = field(default=None, repr=False, compare=False)


EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf", "text/plain": ".txt"}


def attachment_member(index: int, media_type: str) -> str:
    return f"attachments/{index:03d}{EXTENSIONS.get(media_type, '.bin')}"


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def _time(value: dt.datetime | None) -> str | None:
    return format_time(value) if value is not None else None


def expert_ref(profile: Any, fingerprint: str, spec: rubric.ReviewSpec) -> ExpertRef:
    """The expert as the document names them; `profile` is identity.ExpertProfile."""
    resolved = spec.field_named(profile.field)
    return ExpertRef(profile.name, profile.field, resolved.id if resolved else "", profile.affiliation, profile.title, fingerprint)


def _sections(spec: rubric.ReviewSpec, state: Any, expert_field: str, draft: bool = False) -> tuple[SectionScores, ...]:
    mine = {c.id for c in criteria_for_expert(spec, expert_field)}
    sections = []
    for section in spec.rubric.sections:
        criteria = []
        for criterion in section.criteria:
            if criterion.id not in mine:
                continue
            entry = state.score(criterion.id)
            if entry.value is None and not draft:
                raise ValueError(f"criterion {criterion.id} has no score")
            band = rubric.band_for(criterion, entry.value) if entry.value is not None else None
            score = float(entry.value) if entry.value is not None else None
            criteria.append(CriterionScore(criterion.id, criterion.title, criterion.maximum, criterion.step, score, band.label if band else "", entry.comment.strip()))
        if criteria:
            sections.append(
                SectionScores(section.id, section.title, sum(c.maximum for c in criteria), sum(c.score or 0 for c in criteria), tuple(criteria))
            )
    return tuple(sections)


def _inspection(spec: rubric.ReviewSpec, inspection: Any, members_by_sha: dict[str, str]) -> InspectionRecord | None:
    if inspection is None:
        return None
    begun = getattr(inspection, "begun", None)
    if begun is None:
        begun = bool(inspection.results or inspection.evidence or inspection.started_at or inspection.site_notes.strip())
    if not begun:
        return None  # not held: the sheet says nothing about an inspection
    items = []
    for item in spec.checklist.items:
        answer = inspection.result(item.id)
        evidence = tuple(members_by_sha[e.sha256] for e in inspection.evidence_for(item.id) if e.sha256 in members_by_sha)
        items.append(
            ChecklistAnswer(item.id, item.section, item.title, answer.result, answer.note.strip(), answer.observed.strip(), bool(answer.discrepancy), evidence)
        )
    return InspectionRecord(inspection.started_at, inspection.finished_at, tuple(inspection.inspectors), inspection.site_notes.strip(), tuple(items))


def from_review(
    *,
    bundle: BundleRef,
    review: ReviewRef,
    application: ApplicationRef,
    spec: rubric.ReviewSpec,
    expert: ExpertRef,
    state: Any,
    revision: Revision,
    inspection: Any = None,
    attachments: Sequence[AttachmentInput] = (),
    kind: str = KIND_SCORE,
    draft: bool = False,
) -> ScoreDocument:
    """The document for a ReviewState (and InspectionState) that passed the completeness check.

    `draft`: a review still incomplete, for the draft preview only (criteria not scored yet
    have the score None); such a document is never written as score.json.
    """
    declarations = state.declarations
    spec_declarations = spec.declarations
    decl = DeclarationsRecord(
        spec_declarations.conflict_of_interest,
        declarations.conflict.value if declarations.conflict is not None else "",
        declarations.conflict_reason.strip(),
        declarations.conflict_at,
        spec_declarations.confidentiality,
        declarations.confidentiality_at,
        tuple(dataclasses.replace(a, description=a.description.strip()) for a in declarations.related),
    )
    refs = []
    for index, item in enumerate(attachments, 1):
        digest = hashlib.sha256(item.data).hexdigest()
        if item.sha256 is not None and item.sha256 != digest:
            raise PackageRefused(QT_TRANSLATE_NOOP("Errors", "The file {file} changed after it was imported; import it again."), file=item.file_name)
        refs.append(
            AttachmentRef(attachment_member(index, item.media_type), item.file_name, item.media_type, len(item.data), digest, item.checklist_item, item.captured_at)
        )
    if kind == KIND_RECUSAL:
        return ScoreDocument(
            kind, f"reviewer-app {__version__}", bundle, review, application, expert, revision, decl,
            (), 0.0, 0.0, spec.rubric.total, (), (), None, "", None, "", (),
        )  # fmt: skip
    sections = _sections(spec, state, expert.field, draft)
    recommendation = next((r for r in spec.rubric.recommendations if r.id == state.recommendation), None)
    return ScoreDocument(
        kind=kind,
        generator=f"reviewer-app {__version__}",
        bundle=bundle,
        review=review,
        application=application,
        expert=expert,
        revision=revision,
        declarations=decl,
        sections=sections,
        total=sum(s.subtotal for s in sections),
        maximum=sum(s.maximum for s in sections),
        rubric_total=spec.rubric.total,
        vetoes=tuple(VetoAnswer(v.id, v.title, state.veto(v.id).raised, state.veto(v.id).reason.strip() if state.veto(v.id).raised else "") for v in spec.rubric.vetoes),
        notes=tuple(NoteRecord(n.asked_at, n.question.strip(), n.answer.strip(), tuple(n.criteria)) for n in state.notes if n.question.strip() or n.answer.strip()),
        inspection=_inspection(spec, inspection, {r.sha256: r.member for r in refs}),
        opinion=state.opinion.strip(),
        recommendation_id=recommendation.id if recommendation else None,
        recommendation_title=recommendation.title if recommendation else "",
        attachments=tuple(refs),
    )


# --- what an amendment changed ---------------------------------------------------------------


def _score_text(value: float | None) -> str:
    return "" if value is None else rubric.format_score(value)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _differences(item: str, pairs: Sequence[tuple[str, str, str]]) -> list[Change]:
    return [Change(item, kind, old, new) for kind, old, new in pairs if old != new]


def changes_between(old: ScoreDocument, new: ScoreDocument) -> tuple[Change, ...]:
    """Every value of `new` that differs from `old` (the revision it amends), in sheet order:
    scores and comments, vetoes, defense notes, inspection, opinion, recommendation, attachments."""
    changes: list[Change] = []
    before = {c.id: c for c in old.criteria}
    for criterion in new.criteria:
        was = before.get(criterion.id)
        changes += _differences(criterion.id, [
            ("score", _score_text(was.score) if was else "", _score_text(criterion.score)),
            ("comment", was.comment if was else "", criterion.comment),
        ])  # fmt: skip
    vetoes = {v.id: v for v in old.vetoes}
    for veto in new.vetoes:
        was = vetoes.get(veto.id)
        changes += _differences(veto.id, [
            ("veto_raised", _flag(bool(was and was.raised)), _flag(veto.raised)),
            ("veto_reason", was.reason if was else "", veto.reason),
        ])  # fmt: skip
    changes += _note_changes(old.notes, new.notes)
    changes += _inspection_changes(old.inspection, new.inspection)
    changes += _differences("", [("opinion", old.opinion, new.opinion), ("recommendation", old.recommendation_title, new.recommendation_title)])
    before_files = {a.sha256: a.file_name for a in old.attachments}
    after_files = {a.sha256: a.file_name for a in new.attachments}
    changes += [Change(sha, "attachment", name, "") for sha, name in before_files.items() if sha not in after_files]
    changes += [Change(sha, "attachment", "", name) for sha, name in after_files.items() if sha not in before_files]
    return tuple(changes)


def with_changes_since(amended: ScoreDocument, doc: ScoreDocument) -> ScoreDocument:
    """`doc` (an amendment of `amended`) with its revision listing what it changes."""
    return dataclasses.replace(doc, revision=dataclasses.replace(doc.revision, changes=changes_between(amended, doc)))


def check_changes(amended: ScoreDocument, doc: ScoreDocument) -> None:
    """`doc` (version 2) lists exactly what changed against `amended`, the revision it names:
    for the organization, which holds both packages of a chain."""
    if doc.format_version < 2 or doc.revision.amends_number != amended.revision.number or doc.is_recusal or amended.is_recusal:
        return  # a recusal replaces the sheet as a whole: it lists no changes
    if doc.revision.changes != changes_between(amended, doc):
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "Revision {revision} of this score sheet does not list correctly what it changed against revision {amended}."),
            revision=doc.revision.number,
            amended=amended.revision.number,
        )


def _note_changes(old: Sequence[NoteRecord], new: Sequence[NoteRecord]) -> list[Change]:
    before = {format_time(n.asked_at): n for n in old}
    after = {format_time(n.asked_at): n for n in new}
    changes: list[Change] = []
    for key in [*after, *(k for k in before if k not in after)]:
        was, now = before.get(key), after.get(key)
        changes += _differences(key, [
            ("note_question", was.question if was else "", now.question if now else ""),
            ("note_answer", was.answer if was else "", now.answer if now else ""),
        ])  # fmt: skip
    return changes


def _inspection_changes(old: InspectionRecord | None, new: InspectionRecord | None) -> list[Change]:
    before = {i.id: i for i in old.items} if old else {}
    changes: list[Change] = []
    for item in new.items if new else ():
        was = before.get(item.id)
        changes += _differences(item.id, [
            ("inspection_result", (was.result or "") if was else "", item.result or ""),
            ("inspection_observed", was.observed if was else "", item.observed),
            ("inspection_discrepancy", _flag(bool(was and was.discrepancy)), _flag(item.discrepancy)),
            ("inspection_note", was.note if was else "", item.note),
        ])  # fmt: skip
    changes += _differences("", [("site_notes", old.site_notes if old else "", new.site_notes if new else "")])
    return changes


# --- writing ----------------------------------------------------------------------------------


def _revision_data(doc: ScoreDocument) -> dict[str, Any]:
    rev = doc.revision
    data: dict[str, Any] = {
        "number": rev.number,
        "signed_at": format_time(rev.signed_at),
        "amends": None if rev.amends_number is None else {"number": rev.amends_number, "score_sha256": rev.amends_sha256},
        "reason": rev.reason,
    }
    if doc.format_version >= 2:
        data["changes"] = [{"item": c.item, "field": c.field, "old": c.old, "new": c.new} for c in rev.changes]
    return data


def to_data(doc: ScoreDocument) -> dict[str, Any]:
    d = doc.declarations
    return {
        "format": FORMAT,
        "format_version": doc.format_version,
        "kind": doc.kind,
        "algorithm": ALGORITHM,
        "generator": doc.generator,
        "bundle": {
            "bundle_id": doc.bundle.bundle_id,
            "sums_sha256": doc.bundle.sums_sha256,
            "organization": {"name": doc.bundle.organization_name, "fingerprint": doc.bundle.organization_fingerprint},
        },
        "review": {"title": doc.review.title, "authority": doc.review.authority, "organization": doc.review.organization, "session_date": doc.review.session_date},
        "application": {"id": doc.application.id, "title": doc.application.title, "applicant": doc.application.applicant},
        "expert": {
            "name": doc.expert.name,
            "field": doc.expert.field,
            "field_id": doc.expert.field_id,
            "affiliation": doc.expert.affiliation,
            "title": doc.expert.title,
            "fingerprint": doc.expert.fingerprint,
        },
        "revision": _revision_data(doc),
        "declarations": {
            "conflict_of_interest": {"text": d.conflict_text, "answer": d.conflict_answer, "reason": d.conflict_reason, "answered_at": _time(d.conflict_at)},
            "confidentiality": {"text": d.confidentiality_text, "accepted_at": _time(d.confidentiality_at)},
            **({"related_units": [a.to_data() for a in d.related_units]} if doc.format_version >= 3 else {}),
        },
        "scores": {
            "sections": [
                {
                    "id": s.id,
                    "title": s.title,
                    "maximum": _number(s.maximum),
                    "subtotal": _number(s.subtotal),
                    "criteria": [
                        {"id": c.id, "title": c.title, "maximum": _number(c.maximum), "step": _number(c.step), "score": _number(c.score), "band": c.band, "comment": c.comment}
                        for c in s.criteria
                    ],
                }
                for s in doc.sections
            ],
            "total": _number(doc.total),
            "maximum": _number(doc.maximum),
            "rubric_total": _number(doc.rubric_total),
        },
        "vetoes": [{"id": v.id, "title": v.title, "raised": v.raised, "reason": v.reason} for v in doc.vetoes],
        "defense_notes": [{"asked_at": format_time(n.asked_at), "question": n.question, "answer": n.answer, "criteria": list(n.criteria)} for n in doc.notes],
        "inspection": None if doc.inspection is None else {
            "started_at": _time(doc.inspection.started_at),
            "finished_at": _time(doc.inspection.finished_at),
            "inspectors": list(doc.inspection.inspectors),
            "site_notes": doc.inspection.site_notes,
            "items": [
                {"id": i.id, "section": i.section, "title": i.title, "result": i.result, "note": i.note, "observed": i.observed, "discrepancy": i.discrepancy, "attachments": list(i.attachments)}
                for i in doc.inspection.items
            ],
        },
        "opinion": doc.opinion,
        "recommendation": None if doc.recommendation_id is None else {"id": doc.recommendation_id, "title": doc.recommendation_title},
        "attachments": [
            {"member": a.member, "file_name": a.file_name, "media_type": a.media_type, "size": a.size, "sha256": a.sha256, "checklist_item": a.checklist_item, "captured_at": _time(a.captured_at)}
            for a in doc.attachments
        ],
    }  # fmt: skip


def to_json(doc: ScoreDocument) -> bytes:
    return dumps(to_data(doc))


def fingerprint_of(score_json: bytes) -> str:
    """The package fingerprint printed on every page: SHA-256 (hex) of score.json."""
    return hashlib.sha256(score_json).hexdigest()


# --- reading ----------------------------------------------------------------------------------

TOP_KEYS = (
    "format", "format_version", "kind", "algorithm", "generator", "bundle", "review", "application", "expert",
    "revision", "declarations", "scores", "vetoes", "defense_notes", "inspection", "opinion", "recommendation", "attachments",
)  # fmt: skip


def _malformed(detail: str) -> PackageRefused:
    return refuse(QT_TRANSLATE_NOOP("Errors", "The score.json in this package is malformed ({detail})."), detail=detail)


class _Reader:
    """strictjson.Fields plus the few value kinds a score document has; refusals name the package."""

    def __init__(self, fields: Fields) -> None:
        self.f = fields

    def __getattr__(self, name: str) -> Any:
        return getattr(self.f, name)

    def sub(self, key: str, keys: tuple[str, ...]) -> _Reader:
        return _Reader(self.f.obj(key, keys))

    def subs(self, key: str, keys: tuple[str, ...]) -> list[_Reader]:
        return [_Reader(f) for f in self.f.objects(key, keys)]

    def optional_sub(self, key: str, keys: tuple[str, ...]) -> _Reader | None:
        return None if self.f.raw(key) is None else self.sub(key, keys)

    def text(self, key: str, *, nonempty: bool = False) -> str:
        value = self.f.text(key, nonempty=nonempty)
        if len(value) > MAX_TEXT:
            self.f.fail("is too long", key)
        return value

    def optional_text(self, key: str) -> str | None:
        return None if self.f.raw(key) is None else self.text(key)

    def number(self, key: str) -> float:
        value = self.f.raw(key)
        if not rubric.is_number(value) or value < 0 or value > 1e6:
            self.f.fail("must be a number from 0", key)
        return float(value)

    def time(self, key: str) -> dt.datetime:
        return self.f.timestamp(key)

    def optional_time(self, key: str) -> dt.datetime | None:
        return None if self.f.raw(key) is None else self.f.timestamp(key)


def parse(data: bytes) -> ScoreDocument:
    """The document in `data`; PackageRefused naming the field for anything out of shape."""
    try:
        return _parse(data)
    except MalformedDocument as exc:
        raise _malformed(str(exc.params.get("detail", ""))) from None
    except BundleRefused as exc:
        raise PackageRefused(exc.template, **exc.params) from None


def _parse(data: bytes) -> ScoreDocument:
    top = Fields(loads(data, DOCUMENT), DOCUMENT)
    if top.data.get("format") != FORMAT:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "This file is not a score package: its score.json is of another kind."))
    version = top.data.get("format_version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        raise refuse(
            QT_TRANSLATE_NOOP("Errors", "This package uses score format version {version}, which this version of the app cannot read; please update the app."),
            version=version,
        )
    r = _Reader(Fields(top.data, DOCUMENT, keys=TOP_KEYS))
    kind = r.text("kind")
    if kind not in (KIND_SCORE, KIND_RECUSAL):
        r.fail("must be \"score\" or \"recusal\"", "kind")
    if r.text("algorithm") != ALGORITHM:
        r.fail(f"must be {ALGORITHM!r}", "algorithm")
    b = r.sub("bundle", ("bundle_id", "sums_sha256", "organization"))
    org = b.sub("organization", ("name", "fingerprint"))
    rv = r.sub("review", ("title", "authority", "organization", "session_date"))
    ap = r.sub("application", ("id", "title", "applicant"))
    ex = r.sub("expert", ("name", "field", "field_id", "affiliation", "title", "fingerprint"))
    rev = r.sub("revision", ("number", "signed_at", "amends", "reason") + (("changes",) if version >= 2 else ()))
    amends = rev.optional_sub("amends", ("number", "score_sha256"))
    dc = r.sub("declarations", ("conflict_of_interest", "confidentiality") + (("related_units",) if version >= 3 else ()))
    coi = dc.sub("conflict_of_interest", ("text", "answer", "reason", "answered_at"))
    conf = dc.sub("confidentiality", ("text", "accepted_at"))
    sc = r.sub("scores", ("sections", "total", "maximum", "rubric_total"))
    sections = tuple(_section(s) for s in sc.subs("sections", ("id", "title", "maximum", "subtotal", "criteria")))
    insp = r.optional_sub("inspection", ("started_at", "finished_at", "inspectors", "site_notes", "items"))
    rec = r.optional_sub("recommendation", ("id", "title"))
    bundle_id = b.text("bundle_id")
    if not (8 <= len(bundle_id) <= 64 and bundle_id.isascii() and all(c.isalnum() or c == "-" for c in bundle_id)):
        b.fail("must be 8 to 64 letters, digits or '-'", "bundle_id")
    answer = coi.text("answer")
    if answer not in ("none", "declared", ""):
        coi.fail("must be \"none\" or \"declared\"", "answer")
    doc = ScoreDocument(
        kind=kind,
        generator=r.text("generator"),
        bundle=BundleRef(bundle_id, b.sha256("sums_sha256"), org.text("name"), org.fingerprint("fingerprint")),
        review=ReviewRef(rv.text("title"), rv.text("authority"), rv.text("organization"), rv.text("session_date")),
        application=ApplicationRef(ap.text("id", nonempty=True), ap.text("title"), ap.text("applicant")),
        expert=ExpertRef(ex.text("name", nonempty=True), ex.text("field"), ex.text("field_id"), ex.text("affiliation"), ex.text("title"), ex.fingerprint("fingerprint")),
        revision=Revision(
            rev.integer("number", minimum=1),
            rev.time("signed_at"),
            amends.integer("number", minimum=1) if amends else None,
            amends.sha256("score_sha256") if amends else None,
            rev.text("reason"),
            _changes(rev) if version >= 2 else (),
        ),
        declarations=DeclarationsRecord(coi.text("text"), answer, coi.text("reason"), coi.optional_time("answered_at"), conf.text("text"), conf.optional_time("accepted_at"),
                                        _related_answers(dc) if version >= 3 else ()),
        sections=sections,
        total=sc.number("total"),
        maximum=sc.number("maximum"),
        rubric_total=sc.number("rubric_total"),
        vetoes=tuple(VetoAnswer(v.text("id"), v.text("title"), v.boolean("raised"), v.text("reason")) for v in r.subs("vetoes", ("id", "title", "raised", "reason"))),
        notes=tuple(
            NoteRecord(n.time("asked_at"), n.text("question"), n.text("answer"), tuple(n.texts("criteria")))
            for n in r.subs("defense_notes", ("asked_at", "question", "answer", "criteria"))
        ),
        inspection=_inspection_record(insp) if insp else None,
        opinion=r.text("opinion"),
        recommendation_id=rec.text("id") if rec else None,
        recommendation_title=rec.text("title") if rec else "",
        attachments=tuple(_attachment(a) for a in r.subs("attachments", ("member", "file_name", "media_type", "size", "sha256", "checklist_item", "captured_at"))),
        format_version=version,
    )
    return doc


def _changes(rev: _Reader) -> tuple[Change, ...]:
    changes = []
    for c in rev.subs("changes", ("item", "field", "old", "new")):
        kind = c.text("field")
        if kind not in CHANGE_FIELDS:
            c.fail("is not a known kind of change", "field")
        changes.append(Change(c.text("item"), kind, c.text("old"), c.text("new")))
    return tuple(changes)


def _section(s: _Reader) -> SectionScores:
    criteria = tuple(
        CriterionScore(c.text("id"), c.text("title"), c.number("maximum"), c.number("step"), c.number("score"), c.text("band"), c.text("comment"))
        for c in s.subs("criteria", ("id", "title", "maximum", "step", "score", "band", "comment"))
    )
    return SectionScores(s.text("id"), s.text("title"), s.number("maximum"), s.number("subtotal"), criteria)


def _inspection_record(i: _Reader) -> InspectionRecord:
    items = tuple(
        ChecklistAnswer(x.text("id"), x.text("section"), x.text("title"), x.optional_text("result"), x.text("note"), x.text("observed"), x.boolean("discrepancy"), tuple(x.texts("attachments")))
        for x in i.subs("items", ("id", "section", "title", "result", "note", "observed", "discrepancy", "attachments"))
    )
    return InspectionRecord(i.optional_time("started_at"), i.optional_time("finished_at"), tuple(i.texts("inspectors")), i.text("site_notes"), items)


def _attachment(a: _Reader) -> AttachmentRef:
    return AttachmentRef(
        a.text("member"), a.text("file_name"), a.text("media_type"), a.integer("size"), a.sha256("sha256"), a.optional_text("checklist_item"), a.optional_time("captured_at")
    )


# --- checks -----------------------------------------------------------------------------------


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, abs_tol=1e-6)


def _related_answers(dc: _Reader) -> tuple[RelatedAnswer, ...]:
    answers = []
    for a in dc.subs("related_units", ("unit", "relation", "answer", "description")):
        if a.text("answer") not in RELATED_ANSWERS:
            a.fail("must be \"no_relation\" or \"relation\"", "answer")
        answer = RelatedAnswer(a.text("unit", nonempty=True), a.text("relation"), a.text("answer") == "relation", a.text("description"))
        if answer.has_relation and not answer.description.strip():
            a.fail("a declared relation needs its description", "description")
        answers.append(answer)
    return tuple(answers)


def check_consistency(doc: ScoreDocument) -> None:
    """The document agrees with itself: sums, bands of scores, revision chain, recusal shape."""
    bad = lambda detail: _malformed(detail)  # noqa: E731
    rev = doc.revision
    if rev.number == 1 and (rev.amends_number is not None or rev.reason.strip() or rev.changes):
        raise bad("revision 1 cannot amend anything")
    if rev.number > 1:
        if rev.amends_number is None or rev.amends_number >= rev.number:
            raise bad("an amendment must name the earlier revision it amends")
        if not rev.reason.strip():
            raise refuse(QT_TRANSLATE_NOOP("Errors", "Revision {revision} of this score sheet gives no reason for the amendment."), revision=rev.number)
    if doc.is_recusal:
        if doc.declarations.conflict_answer != "declared" or not doc.declarations.conflict_reason.strip():
            raise bad("a recusal must declare the conflict of interest with a reason")
        if doc.sections or doc.vetoes or doc.opinion or doc.recommendation_id is not None or doc.inspection is not None:
            raise bad("a recusal cannot carry scores")
        return
    ids = [c.id for c in doc.criteria]
    if len(set(ids)) != len(ids) or len({s.id for s in doc.sections}) != len(doc.sections):
        raise bad("a criterion or section appears twice")
    for section in doc.sections:
        if not section.criteria:
            raise bad(f"section {section.id} has no criteria")
        if not _same(section.subtotal, sum(c.score for c in section.criteria)) or not _same(section.maximum, sum(c.maximum for c in section.criteria)):
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The subtotal of section {section} in score.json does not add up."), section=section.id)
    if not _same(doc.total, sum(s.subtotal for s in doc.sections)) or not _same(doc.maximum, sum(s.maximum for s in doc.sections)):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The total in score.json does not add up."))
    members = [a.member for a in doc.attachments]
    if len(set(members)) != len(members):
        raise bad("an attachment is listed twice")
    if doc.inspection is not None:
        for item in doc.inspection.items:
            for member in item.attachments:
                if member not in members:
                    raise bad(f"checklist item {item.id} names the unlisted attachment {member}")


def check_answers(doc: ScoreDocument, spec: rubric.ReviewSpec) -> None:
    """The document is a complete, valid answer to `spec` by an expert of `doc.expert.field`."""
    check_consistency(doc)
    declarations = doc.declarations
    if doc.is_recusal:
        return
    if declarations.conflict_answer != "none" or declarations.confidentiality_at is None or declarations.conflict_at is None:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The score sheet lacks the declarations: the conflict-of-interest declaration and the confidentiality pledge must both be made."))
    listed = [(u.unit, u.relation) for u in spec.related_units]
    if doc.format_version >= 3 and [(a.unit, a.relation) for a in declarations.related_units] != listed:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The score sheet does not answer for each unit the application lists (member units, shareholders, partners)."))
    expected = criteria_for_expert(spec, doc.expert.field)
    given = {c.id: c for c in doc.criteria}
    for criterion in expected:
        answer = given.pop(criterion.id, None)
        if answer is None:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The score sheet does not score the criterion {criterion} (“{title}”)."), criterion=criterion.id, title=criterion.title)
        section = spec.rubric.section_of(criterion.id)
        placed = next(s for s in doc.sections if any(c.id == criterion.id for c in s.criteria))
        if placed.id != section.id or answer.title != criterion.title or not _same(answer.maximum, criterion.maximum) or not _same(answer.step, criterion.step):
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The criterion {criterion} in the score sheet does not match the rubric of the bundle."), criterion=criterion.id)
        if not rubric.score_is_valid(criterion, answer.score):
            raise refuse(
                QT_TRANSLATE_NOOP("Errors", "The score {score} for criterion {criterion} is not allowed: scores run from 0 to {maximum} in steps of {step}."),
                score=rubric.format_score(answer.score),
                criterion=criterion.id,
                maximum=rubric.format_score(criterion.maximum),
                step=rubric.format_score(criterion.step),
            )
        band = rubric.band_for(criterion, answer.score)
        if answer.band != (band.label if band else ""):
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The band given for criterion {criterion} does not match its score."), criterion=criterion.id)
        if rubric.comment_required(criterion, answer.score) and not answer.comment.strip():
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The criterion {criterion} needs a comment for the score given, and the score sheet has none."), criterion=criterion.id)
    if given:
        extra = next(iter(given))
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The score sheet scores the criterion {criterion}, which is not this expert's to score."), criterion=extra)
    section_titles = {s.id: s.title for s in spec.rubric.sections}
    for section in doc.sections:
        if section_titles.get(section.id) != section.title:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The section {section} in the score sheet does not match the rubric of the bundle."), section=section.id)
    if not _same(doc.rubric_total, spec.rubric.total):
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The score sheet gives a rubric total that differs from the bundle's."))
    _check_vetoes(doc, spec)
    _check_opinion(doc, spec)
    _check_inspection(doc, spec)


def _check_vetoes(doc: ScoreDocument, spec: rubric.ReviewSpec) -> None:
    if [(v.id, v.title) for v in doc.vetoes] != [(v.id, v.title) for v in spec.rubric.vetoes]:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The veto items in the score sheet do not match those of the bundle."))
    for veto in doc.vetoes:
        if veto.raised and not veto.reason.strip():
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The veto {veto} is raised without a reason."), veto=veto.id)
        if not veto.raised and veto.reason:
            raise _malformed(f"veto {veto.id} has a reason but is not raised")


def _check_opinion(doc: ScoreDocument, spec: rubric.ReviewSpec) -> None:
    rules = spec.rubric
    if not doc.opinion.strip() or len(doc.opinion.strip()) < rules.opinion_min_length:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The overall opinion in the score sheet is missing or shorter than the {minimum} characters the review asks for."), minimum=rules.opinion_min_length)
    if rules.recommendations:
        chosen = next((r for r in rules.recommendations if r.id == doc.recommendation_id), None)
        if chosen is None or chosen.title != doc.recommendation_title:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The score sheet does not choose one of the review's recommendations."))
    elif doc.recommendation_id is not None:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The score sheet does not choose one of the review's recommendations."))


def _check_inspection(doc: ScoreDocument, spec: rubric.ReviewSpec) -> None:
    if doc.inspection is None:
        return
    known = {item.id: item for item in spec.checklist.items}
    for answer in doc.inspection.items:
        item = known.get(answer.id)
        if item is None:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The score sheet reports on the checklist item {item}, which the bundle's checklist does not have."), item=answer.id)
        if answer.result is not None and answer.result not in item.results:
            raise refuse(QT_TRANSLATE_NOOP("Errors", "The result “{result}” for checklist item {item} is not one the checklist allows."), result=answer.result, item=answer.id)
