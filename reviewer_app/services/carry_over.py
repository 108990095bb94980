"""Carrying unsigned work over to a re-sealed bundle after the expert replaced their identity.

A bundle is sealed for one identity; after a forgotten passphrase the expert makes a new one,
and bundles imported with the old one no longer open. The organization seals the application
again for the new identity. When that bundle is imported, earlier_work() finds the old
bundle of the same application (same title, applicant, stage and organization, and not
openable with the current identity) and carry_over() copies the scores, comments, veto items,
defense notes, opinion and inspection records into the new one, after the expert confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyrage

from reviewer_app.bundle import OpenedBundle
from reviewer_app.identity import UnlockedIdentity
from reviewer_app.review.completeness import criteria_for_expert
from reviewer_app.services.bundles import stage_label
from reviewer_app.store import carry_over as rows
from reviewer_app.store.carry_over import WorkCounts
from reviewer_app.store.models import BundleRecord
from reviewer_app.store.store import Store


@dataclass(frozen=True)
class EarlierWork:
    record: BundleRecord  # the bundle the work was entered on
    work: WorkCounts


def opens_with(record: BundleRecord, expert: UnlockedIdentity) -> bool:
    """Whether the expert's current identity opens the bundle (it was imported with it)."""
    if record.bundle_key_age is None:
        return False
    try:
        pyrage.decrypt(record.bundle_key_age, [expert.age_identity])
    except pyrage.DecryptError:
        return False
    return True


def earlier_work(store: Store, opened: OpenedBundle, expert: UnlockedIdentity) -> list[EarlierWork]:
    """Work on the same application entered with a replaced identity, newest bundle first.

    Empty when the new bundle already holds work: nothing is ever overwritten.
    """
    if not rows.work_counts(store.engine, opened.bundle_id).empty:
        return []
    found = []
    for record in rows.same_application(store.engine, opened.bundle_id, opened.application.title,
                                        opened.application.applicant, opened.manifest.organization_fingerprint,
                                        stage_label(opened)):
        if opens_with(record, expert):
            continue  # the expert's own current bundle: they can open it and work there
        work = rows.work_counts(store.engine, record.bundle_id)
        if not work.empty:
            found.append(EarlierWork(record, work))
    return found


def carry_over(store: Store, source_bundle_id: str, opened: OpenedBundle, expert_field: str) -> WorkCounts:
    """Copy the earlier work into the newly imported bundle `opened` (all or nothing)."""
    spec = opened.spec
    carried = rows.copy_work(
        store.engine, source_bundle_id, opened.bundle_id,
        criteria={c.id for c in spec.rubric.criteria()},
        vetoes={v.id for v in spec.rubric.vetoes},
        checklist_items={i.id for i in spec.checklist.items},
    )
    mine = {c.id for c in criteria_for_expert(spec, expert_field)}
    state = store.reviews.load(opened.bundle_id)
    scored = sum(1 for cid, entry in state.scores.items() if cid in mine and entry.value is not None)
    store.reviews.set_progress(opened.bundle_id, scored, len(mine))
    return carried
