"""The leader's draft of the group opinion, built from the panel's verified packages.

The scores come from org/aggregate.py (the same statistics and outlier rule as the
organization's report: docs/verify.md "Aggregation"), so the panel and the organization count
alike. Veto rulings, the re-check record, the conclusion and the texts are the panel's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reviewer_app.bundle.strictjson import format_time
from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.org import aggregate
from reviewer_app.panel.opinion import FORMAT, VERSION, OpinionRefused

CONFIRMED, DISMISSED = "confirmed", "dismissed"


@dataclass(frozen=True)
class VetoRuling:
    veto_id: str
    ruling: str  # CONFIRMED | DISMISSED
    reason: str


@dataclass(frozen=True)
class Recheck:
    """A re-check (复核) the leader asked for and how the member answered it."""

    member: str  # fingerprint
    criteria: tuple[str, ...]
    question: str
    answer: str  # "amendment" | "justification"
    detail: str  # the amendment's reason or the justification
    revision: int | None = None  # the amendment's revision number


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _scores(result: aggregate.ApplicationResult) -> dict:
    return {
        "criteria": [
            {
                "id": c.id, "section": c.section_title, "title": c.title, "maximum": c.maximum,
                "n": c.stats.n, "mean": _round(c.stats.mean), "trimmed_mean": _round(c.stats.trimmed_mean),
                "median": _round(c.stats.median), "spread": _round(None if c.stats.n == 0 else c.stats.max - c.stats.min),
                "used": _round(c.stats.used),
                "scores": [{"fingerprint": s.fingerprint, "value": s.value, "outlier": s.outlier} for s in c.scores],
            }
            for c in result.criteria
        ],
        "members": [{"fingerprint": e.fingerprint, "total": e.total, "maximum": e.maximum, "scaled_total": _round(e.scaled_total), "recommendation": e.recommendation} for e in result.experts],
        "score": _round(result.scaled_score),
        "rubric_total": result.rubric_total,
        "complete": result.complete,
    }  # fmt: skip


def build(
    record,  # noqa: ANN001 - org.sealed.SealedRecord (or anything with its fields): the bundle's signed panel
    entries: Sequence[aggregate.Entry],
    *,
    leader: str,
    conclusion_id: str,
    strengths: str,
    weaknesses: str,
    conditions: str = "",
    veto_rulings: Sequence[VetoRuling] = (),
    rechecks: Sequence[Recheck] = (),
    drafted_at: dt.datetime,
    settings: aggregate.Settings | None = None,
) -> dict:
    """The opinion document (to be frozen with opinion.freeze).

    The leader is the one the organization named at sealing (`record.leader`), and no other
    member; without one, the panel chose `leader` on the day (named_at "panel")."""
    settings = settings or aggregate.Settings()
    panel = {m.fingerprint: m for m in record.panel}
    if leader not in panel:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The leader must be a member of this application's panel."))
    check_leader(record, leader)
    leader_named_at = "seal" if record.leader else "panel"
    if any(e.document.bundle.bundle_id != record.bundle_id for e in entries):
        raise ValueError("packages of another bundle")
    (result,) = aggregate.aggregate(entries, settings)
    options = {r.id: r for r in record.spec.rubric.recommendations}
    if conclusion_id not in options:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "Choose the panel's conclusion among the bundle's recommendation options."))
    if options[conclusion_id].conditional and not conditions.strip():
        raise OpinionRefused(
            QT_TRANSLATE_NOOP("Errors", "The conclusion “{conclusion}” is a conditional one: write the conditions the applicant must meet."),
            conclusion=options[conclusion_id].title,
        )
    raised = {v.id: v for v in result.vetoes if v.raised_by}
    rulings = {r.veto_id: r for r in veto_rulings}
    if set(raised) != set(rulings) or any(r.ruling not in (CONFIRMED, DISMISSED) or not r.reason.strip() for r in veto_rulings):
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "Every veto item a member raised needs the panel's ruling (confirmed or dismissed) with a reason."))
    counted = _counted(entries)
    _check_amendments_counted(rechecks, counted, panel)
    by_name = {m.name: fp for fp, m in panel.items()}
    return {
        "format": FORMAT, "version": VERSION,
        "bundle_id": record.bundle_id, "bundle_sums_sha256": record.sums_sha256,
        "organization": record.organization_name, "review_title": record.review_title, "session_date": record.session_date,
        "application": {"id": record.application.id, "title": record.application.title, "applicant": record.application.applicant},
        "panel": [{"fingerprint": m.fingerprint, "name": m.name, "field": m.field} for m in record.panel],
        "leader": {"fingerprint": leader, "named_at": leader_named_at},
        "recused": [e.document.expert.fingerprint for e in counted if e.document.is_recusal],
        "not_returned": [fp for fp in panel if fp not in {e.document.expert.fingerprint for e in counted}],
        "packages": [{"fingerprint": e.document.expert.fingerprint, "revision": e.document.revision.number, "score_sha256": e.score_sha256} for e in counted],
        "method": {"statistic": "trimmed_mean" if any(c.stats.trimmed_mean is not None for c in result.criteria) else "mean",
                   "trim": settings.trim, "trim_min": settings.trim_min, "outlier_share": settings.outlier_share},
        "scores": _scores(result),
        "vetoes": [
            {"id": v.id, "title": v.title, "raised_by": [{"fingerprint": by_name.get(name, ""), "reason": why} for name, why in v.raised_by],
             "ruling": rulings[v.id].ruling, "reason": rulings[v.id].reason.strip()}
            for v in raised.values()
        ],
        "rechecks": [
            {"member": r.member, "criteria": list(r.criteria), "question": r.question, "answer": r.answer, "detail": r.detail, "revision": r.revision}
            for r in rechecks
        ],
        "conclusion": {"id": conclusion_id, "title": options[conclusion_id].title},
        "strengths": strengths.strip(), "weaknesses": weaknesses.strip(), "conditions": conditions.strip(),
        "drafted_at": format_time(drafted_at),
    }  # fmt: skip


def _check_amendments_counted(rechecks: Sequence[Recheck], counted: Sequence[aggregate.Entry], panel: Mapping[str, object]) -> None:
    """A re-check answered by an amendment is recorded only with that revision (or a later one)
    counted: the opinion's scores and its re-check record must tell the same story."""
    revision = {e.document.expert.fingerprint: e.document.revision.number for e in counted}
    for r in rechecks:
        if r.answer == "amendment" and r.revision is not None and revision.get(r.member, 0) < r.revision:
            raise OpinionRefused(
                QT_TRANSLATE_NOOP("Errors", "{name} answered the re-check with revision {revision} of their score sheet; import that package before drafting."),
                name=getattr(panel.get(r.member), "name", "?"), revision=r.revision,
            )  # fmt: skip


def check_leader(record, member: str) -> None:  # noqa: ANN001 - SealedRecord
    """Refuse `member` acting as leader when the organization named another one at sealing."""
    named = record.member(record.leader) if record.leader else None
    if named is not None and member != named.fingerprint:
        raise OpinionRefused(
            QT_TRANSLATE_NOOP("Errors", "The organization named {name} leader of this application when it sealed the bundle; only {name} can act as leader."),
            name=named.name,
        )


def _counted(entries: Sequence[aggregate.Entry]) -> list[aggregate.Entry]:
    """Each member's latest revision (the one the opinion is based on)."""
    latest: dict[str, aggregate.Entry] = {}
    for entry in entries:
        fp = entry.document.expert.fingerprint
        if fp not in latest or entry.document.revision.number > latest[fp].document.revision.number:
            latest[fp] = entry
    return list(latest.values())


def certificates_of(cards: Mapping[str, object]) -> dict[str, object]:
    return {fp: card.certificate for fp, card in cards.items()}  # type: ignore[attr-defined]


def panel_of_opened(opened):  # noqa: ANN001, ANN201 - bundle.reader.OpenedBundle -> sealed.SealedRecord
    """The bundle's signed panel and facts as `build` takes them, on a member's laptop."""
    from reviewer_app.org.sealed import SealedRecord

    manifest, info = opened.manifest, opened.verified.info
    return SealedRecord(
        bundle_id=opened.bundle_id, sums_sha256=opened.sums_sha256, issued_at=info.issued_at, file_name=opened.path.name,
        session_passphrase=info.session_passphrase, organization_name=manifest.organization_name,
        organization_fingerprint=manifest.organization_fingerprint, review_title=manifest.review.title,
        session_date=manifest.review.session_date, application=manifest.application, panel=manifest.panel, spec=manifest.spec, window=info.window,
        leader=manifest.leader,
    )  # fmt: skip
