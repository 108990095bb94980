"""The signed recusal (回避声明): an expert who declared a conflict of interest signs and exports
a recusal package instead of a score sheet.

It is a score package of kind "recusal" (docs/formats.md): same layout, same signatures, a
score.json with the declaration, its reason and time and no scores, and a one-page PDF. It
is kept and exported like a revision (revisions.export_package); the organization's verify
accepts it and aggregate counts the expert as recused.
"""

from __future__ import annotations

from typing import Any

from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.export import package as packages
from reviewer_app.export import revisions, score_json
from reviewer_app.export.errors import SignRefused
from reviewer_app.export.revisions import SignedRevision


def sign_recusal(store: Any, data_dir: Any, opened: Any, expert: Any, handwritten_png: bytes | None, *, location: str = "") -> SignedRevision:
    """Sign the recusal (回避声明) of a review whose conflict-of-interest declaration is 'declared'."""
    revisions._check_bundle(store, opened)
    state = store.reviews.load(opened.bundle_id)
    if not state.declarations.recused or not state.declarations.conflict_reason.strip():
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "Declare the conflict of interest, with its reason, before signing a recusal."))
    repo = revisions._repo(store)
    latest = repo.latest(opened.bundle_id)
    if latest is None:
        revision = score_json.Revision(1, revisions._now(None))
    else:
        amendment = repo.open_amendment(opened.bundle_id)
        if latest.kind == score_json.KIND_RECUSAL:
            raise SignRefused(QT_TRANSLATE_NOOP("Errors", "The recusal for this review is already signed."))
        if amendment is None:
            raise SignRefused(
                QT_TRANSLATE_NOOP("Errors", "This review is already signed (revision {revision}). To change it, start an amendment and give its reason."),
                revision=latest.revision,
            )
        revision = score_json.Revision(latest.revision + 1, revisions._now(None), latest.revision, latest.score_sha256, amendment.reason)
    doc = revisions.build_document(opened, expert, state, revision=revision, kind=score_json.KIND_RECUSAL)
    built = packages.make_package(
        doc, certificate=expert.certificate, private_key=expert.private_key, handwritten_png=handwritten_png, location=location or opened.review.location
    )
    return revisions._store_package(store, data_dir, expert, built, revisions.STATUS_RECUSED)
