"""A begun on-site inspection must be complete before the review can be signed."""

from __future__ import annotations

import pytest

from reviewer_app import trust
from reviewer_app.bundle import open_bundle
from reviewer_app.export import revisions
from reviewer_app.export.errors import SignRefused
from test_signing_gui import complete_review
from ui.workspace.session import ReviewSession  # the same list the workspace shows


def test_an_unfinished_inspection_blocks_signing(demo_context) -> None:
    store, data_dir, expert = demo_context.store, demo_context.data_dir, demo_context.unlocked
    record = store.bundle(store.library_entries()[0].bundle_id)
    opened = open_bundle(data_dir.root / record.stored_path, trust.pinned_certificates(data_dir.trust),
                         identity=expert)
    session = ReviewSession(opened, store.reviews, expert.profile.field, store.inspections)
    complete_review(demo_context, opened.bundle_id, session)
    session.state = store.reviews.load(opened.bundle_id)
    assert session.missing() == []

    store.inspections.start(opened.bundle_id)
    blockers = session.missing()
    assert blockers, "a begun inspection adds its own gaps"
    with pytest.raises(SignRefused) as refused:
        revisions.sign_revision(store, data_dir, opened, expert, None)
    assert "not complete" in refused.value.message()
    assert revisions.revisions(store, opened.bundle_id) == []
