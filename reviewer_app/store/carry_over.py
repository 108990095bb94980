"""Copying an expert's unsigned work from one bundle's rows to another's, in one transaction.

Used when a bundle can no longer be opened (it was sealed for an identity the expert replaced)
and the organization sent the same application again, re-sealed for the new identity.
Declarations, signatures and inspection evidence are not copied: the expert declares again for
the new bundle, signs it anew, and the evidence files are encrypted to the old key.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, bindparam, text
from sqlmodel import Session, col, select

from reviewer_app.store.models import BundleRecord

@dataclass(frozen=True)
class WorkCounts:
    scores: int = 0
    comments: int = 0
    vetoes: int = 0
    notes: int = 0
    checklist: int = 0
    visits: int = 0
    evidence: int = 0
    opinion: bool = False
    inspection: bool = False

    @property
    def empty(self) -> bool:
        return not (self.scores or self.comments or self.vetoes or self.notes or self.checklist or self.visits
                    or self.evidence or self.opinion or self.inspection)


def _count(connection: Connection, sql: str, bundle_id: str) -> int:
    return int(connection.execute(text(sql), {"bundle": bundle_id}).scalar() or 0)


def work_counts(engine: Engine, bundle_id: str) -> WorkCounts:
    with engine.connect() as connection:
        return _work_counts(connection, bundle_id)


def _work_counts(connection: Connection, bundle_id: str) -> WorkCounts:
    c = lambda sql: _count(connection, sql, bundle_id)  # noqa: E731 - one-line helper
    return WorkCounts(
        scores=c("SELECT count(*) FROM score WHERE bundle_id = :bundle AND value IS NOT NULL"),
        comments=c("SELECT count(*) FROM score WHERE bundle_id = :bundle AND comment != ''"),
        vetoes=c("SELECT count(*) FROM veto WHERE bundle_id = :bundle AND (raised OR reason != '')"),
        notes=c("SELECT count(*) FROM defense_note WHERE bundle_id = :bundle"),
        checklist=c("SELECT count(*) FROM checklist_result WHERE bundle_id = :bundle"),
        visits=c("SELECT count(*) FROM inspection_visit WHERE bundle_id = :bundle"),
        evidence=c("SELECT count(*) FROM evidence WHERE bundle_id = :bundle"),
        opinion=bool(c("SELECT count(*) FROM review WHERE bundle_id = :bundle AND (opinion != '' OR recommendation != '')")),
        inspection=bool(c("SELECT count(*) FROM inspection WHERE bundle_id = :bundle AND "
                          "(started_at IS NOT NULL OR inspectors != '' OR site_notes != '')")),
    )


def copy_work(engine: Engine, source: str, target: str, *, criteria: Collection[str], vetoes: Collection[str],
              checklist_items: Collection[str]) -> WorkCounts:
    """Copy `source`'s unsigned work to `target` (which must have none), keeping only the ids
    the target bundle knows; returns what was copied. All or nothing."""
    ids = {"source": source, "target": target}
    with engine.begin() as connection:
        if not _work_counts(connection, target).empty:
            raise ValueError("the target bundle already holds work")
        run = lambda sql, **extra: connection.execute(  # noqa: E731 - one-line helper
            text(sql).bindparams(*(bindparam(k, expanding=True) for k in extra)), {**ids, **extra})
        run("""INSERT INTO review (bundle_id, opinion, recommendation, updated_at)
               SELECT :target, opinion, recommendation, updated_at FROM review WHERE bundle_id = :source
               ON CONFLICT (bundle_id) DO UPDATE SET opinion = excluded.opinion,
                   recommendation = excluded.recommendation, updated_at = excluded.updated_at""")
        run("""INSERT INTO score (bundle_id, criterion_id, value, comment, updated_at)
               SELECT :target, criterion_id, value, comment, updated_at FROM score
               WHERE bundle_id = :source AND criterion_id IN :criteria""", criteria=list(criteria) or [""])
        run("""INSERT INTO veto (bundle_id, veto_id, raised, reason, updated_at)
               SELECT :target, veto_id, raised, reason, updated_at FROM veto
               WHERE bundle_id = :source AND veto_id IN :vetoes""", vetoes=list(vetoes) or [""])
        run("""INSERT INTO defense_note (bundle_id, asked_at, question, answer, criteria_json, updated_at)
               SELECT :target, asked_at, question, answer, criteria_json, updated_at FROM defense_note
               WHERE bundle_id = :source ORDER BY id""")
        run("""INSERT INTO inspection (bundle_id, started_at, finished_at, inspectors, site_notes, updated_at)
               SELECT :target, started_at, finished_at, inspectors, site_notes, updated_at FROM inspection
               WHERE bundle_id = :source
               ON CONFLICT (bundle_id) DO UPDATE SET started_at = excluded.started_at, finished_at = excluded.finished_at,
                   inspectors = excluded.inspectors, site_notes = excluded.site_notes, updated_at = excluded.updated_at""")
        run("""INSERT INTO checklist_result (bundle_id, item_id, result, note, observed, discrepancy, updated_at)
               SELECT :target, item_id, result, note, observed, discrepancy, updated_at FROM checklist_result
               WHERE bundle_id = :source AND item_id IN :items""", items=list(checklist_items) or [""])
        run("""INSERT INTO inspection_visit (bundle_id, item_id, at)
               SELECT :target, item_id, at FROM inspection_visit
               WHERE bundle_id = :source AND item_id IN :items ORDER BY id""", items=list(checklist_items) or [""])
        return _work_counts(connection, target)


def same_application(engine: Engine, bundle_id: str, title: str, applicant: str, organization_fingerprint: str,
                     stage: str) -> list[BundleRecord]:
    """Other bundles in the library for the same application and stage from the same organization."""
    with Session(engine) as session:
        return list(session.exec(select(BundleRecord).where(
            BundleRecord.bundle_id != bundle_id, BundleRecord.application_name == title,
            BundleRecord.applicant == applicant, BundleRecord.organization_fingerprint == organization_fingerprint,
            BundleRecord.stage == stage,
        ).order_by(col(BundleRecord.imported_at).desc())).all())
