"""A begun on-site inspection must be complete before the review can be signed."""

from __future__ import annotations

import pytest

from reviewer_app import trust
from reviewer_app.bundle import open_bundle
from reviewer_app.services import signing as revisions
from reviewer_app.export.errors import SignRefused
from test_signing_gui import complete_review
from ui.workspace.session import WorkspaceModel  # the same list the workspace shows


def test_an_unfinished_inspection_blocks_signing(demo_context) -> None:
    store, data_dir, expert = demo_context.store, demo_context.data_dir, demo_context.unlocked
    record = store.bundle(store.library_entries()[0].bundle_id)
    opened = open_bundle(data_dir.root / record.stored_path, trust.pinned_certificates(data_dir.trust),
                         identity=expert)
    session = WorkspaceModel(opened, store.reviews, expert.profile.field, store.inspections)
    complete_review(demo_context, opened.bundle_id, session)
    session.reload()
    assert session.missing() == []

    store.inspections.start(opened.bundle_id)
    session.reload()
    blockers = session.missing()
    assert blockers, "a begun inspection adds its own gaps"
    with pytest.raises(SignRefused) as refused:
        revisions.sign_revision(store, data_dir, opened, expert, None)
    assert "not complete" in refused.value.message()
    assert revisions.revisions(store, opened.bundle_id) == []


def test_the_database_refuses_edits_to_a_signed_review_until_amended(demo_context) -> None:
    from sqlalchemy.exc import IntegrityError

    store, data_dir, expert = demo_context.store, demo_context.data_dir, demo_context.unlocked
    record = store.bundle(store.library_entries()[0].bundle_id)
    opened = open_bundle(data_dir.root / record.stored_path, trust.pinned_certificates(data_dir.trust),
                         identity=expert)
    session = WorkspaceModel(opened, store.reviews, expert.profile.field, store.inspections)
    complete_review(demo_context, opened.bundle_id, session)
    revisions.sign_revision(store, data_dir, opened, expert, None)
    criterion = session.my_criteria[0]
    with pytest.raises(IntegrityError, match="signed"):
        store.reviews.set_score(opened.bundle_id, criterion.id, 0)
    with pytest.raises(IntegrityError, match="signed"):
        store.inspections.start(opened.bundle_id)
    store.reviews.set_progress(opened.bundle_id, 1, 3)  # the library's own bookkeeping is not covered
    revisions.start_amendment(store, opened.bundle_id, "复核后调整")
    store.reviews.set_score(opened.bundle_id, criterion.id, 0)
    assert store.reviews.load(opened.bundle_id).score(criterion.id).value == 0
