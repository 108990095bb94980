"""Signing a review, as one core service: revisions, amendments, the lock, exports.

The signing tab collects the inputs (passphrase, signature image, folder, amendment reason)
and runs one call as one job:

    sign_and_export(store, data_dir, opened, expert, handwritten_png, folder) -> Path
        gathers the review, the inspection and its original files, renders the sheet,
        signs (a score sheet or, for a declared conflict, the recusal), keeps the revision
        and writes the package into the folder.

The expert is unlocked before (identity.unlock): the tab checks the passphrase before it
asks for the folder, and unlocking twice would cost the key derivation twice.

    preview_pdf(store, data_dir, opened, expert, handwritten_png=…, missing=[…]) -> bytes (draft, 草稿)
    sign_revision(store, data_dir, opened, expert, handwritten_png, reason=None,
                  inspection=…, photos=[(Evidence, bytes)…])      -> SignedRevision
    sign_recusal(store, data_dir, opened, expert, handwritten_png) -> SignedRevision
    export_package(signed, folder, store=store)                   -> Path
    revisions(store, bundle_id)                                   -> [RevisionRow…]
    is_locked(store, bundle_id) / start_amendment(store, bundle_id, reason) / open_amendment(…)
    export_revision(store, data_dir, expert, bundle_id, revision, folder) -> Path
    revision_pdf(store, data_dir, expert, bundle_id, revision)    -> bytes (the signed score.pdf)

Rules (DESIGN §3): signing needs a complete review (completeness.missing_items is empty).
Once revision 1 is signed the review is locked; a change is an amendment: start_amendment()
with a reason unlocks it, the next sign_revision() signs revision n+1 (which names n and the
SHA-256 of its score.json) and locks it again. Revisions are never changed or deleted.

All of it is plain Python for a worker thread: no Qt. The formats (score.json, the sheet,
the package) are export/'s; this module decides what is signed when. Signing takes well under a second
without photos (bench/export.py for 20 photos of 12 MP).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from reviewer_app import durable
from reviewer_app.datadir import DataDir
from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.export import confidential
from reviewer_app.export import package as packages
from reviewer_app.export import score_json
from reviewer_app.export.errors import PackageRefused, SignRefused
from reviewer_app.export.score_json import AttachmentInput, ScoreDocument
from reviewer_app.library import ReviewStatus
from reviewer_app.review.completeness import Missing
from reviewer_app.review.inspection import Evidence, InspectionState
from reviewer_app.review.signing_rules import blockers
from reviewer_app.review.state import ReviewState
from reviewer_app.store.signatures import RevisionRow, SignatureRepository, SignedRevisionRecord
from reviewer_app.store.store import Store

if TYPE_CHECKING:
    from reviewer_app import rubric
    from reviewer_app.bundle.reader import OpenedBundle
    from reviewer_app.identity import PublicIdentity, UnlockedIdentity

SIGNED_DIR = "signed"
MAX_REASON = 2000
# The inspection evidence and its original bytes as imported, optionally with the evidence
# store's display copy, which the sheet then draws instead of decoding the original.
Photo = Union[tuple[Evidence, bytes], tuple[Evidence, bytes, Optional[bytes]]]


@dataclass(frozen=True)
class SignedRevision:
    bundle_id: str
    revision: int
    kind: str
    reason: str
    signed_at: dt.datetime
    score_sha256: str
    package_sha256: str
    file_name: str
    document: ScoreDocument
    package: packages.BuiltPackage  # the signed package bytes, in memory

    @property
    def pdf(self) -> bytes:
        """The signed score.pdf (for the in-app viewer)."""
        return _member(self.package.data, packages.SCORE_PDF)


# --- building the document from a bundle and the workspace ------------------------------------


def refs(opened: OpenedBundle) -> tuple[score_json.BundleRef, score_json.ReviewRef, score_json.ApplicationRef]:
    """What a package says about the bundle it answers (an OpenedBundle)."""
    manifest = opened.manifest
    bundle = score_json.BundleRef(opened.bundle_id, opened.sums_sha256, manifest.organization_name, manifest.organization_fingerprint)
    review = score_json.ReviewRef(opened.review.title, opened.review.authority, opened.review.organization, opened.review.session_date)
    application = score_json.ApplicationRef(opened.application.id, opened.application.title, opened.application.applicant)
    return bundle, review, application


def attachment_inputs(photos: Sequence[Photo]) -> list[AttachmentInput]:
    inputs = []
    for evidence, data, *display in photos:
        inputs.append(
            AttachmentInput(
                file_name=evidence.file_name,
                media_type=evidence.media_type,
                data=data,
                checklist_item=evidence.item_id,
                captured_at=evidence.captured_at,
                sha256=evidence.sha256,
                preview=display[0] if display else None,
            )
        )
    return inputs


def recommendations_of(spec: rubric.ReviewSpec) -> list[tuple[str, str]]:
    return [(r.id, r.title) for r in spec.rubric.recommendations]


def build_document(
    opened: OpenedBundle,
    expert: PublicIdentity | UnlockedIdentity,
    state: ReviewState,
    *,
    revision: score_json.Revision,
    inspection: InspectionState | None = None,
    attachments: Sequence[AttachmentInput] = (),
    kind: str = score_json.KIND_SCORE,
    draft: bool = False,
) -> ScoreDocument:
    """The score document for `state` (ReviewState) by `expert` (PublicIdentity or UnlockedIdentity)."""
    bundle, review, application = refs(opened)
    return score_json.from_review(
        bundle=bundle,
        review=review,
        application=application,
        spec=opened.spec,
        expert=score_json.expert_ref(expert.profile, expert.fingerprint, opened.spec),
        state=state,
        revision=revision,
        inspection=inspection,
        attachments=attachments,
        kind=kind,
        draft=draft,
    )


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now().astimezone()).replace(microsecond=0)


# --- rules ------------------------------------------------------------------------------------


def revisions(store: Store, bundle_id: str) -> list[RevisionRow]:
    """Every signed revision of the review, oldest first (with the folders each was exported to)."""
    return store.signatures.revisions(bundle_id)


def open_amendment(store: Store, bundle_id: str) -> str | None:
    """The reason of the amendment in progress, or None when there is none."""
    amendment = store.signatures.open_amendment(bundle_id)
    return amendment.reason if amendment else None


def is_locked(store: Store, bundle_id: str) -> bool:
    """True when a revision is signed and no amendment is open: the workspace must not edit."""
    repo = store.signatures
    latest = repo.latest(bundle_id)
    if latest is None:
        return False
    return latest.kind == score_json.KIND_RECUSAL or repo.open_amendment(bundle_id) is None


def start_amendment(store: Store, bundle_id: str, reason: str) -> None:
    """Unlock a signed review for an amendment; the reason goes into the next revision."""
    reason = reason.strip()
    repo = store.signatures
    latest = repo.latest(bundle_id)
    if latest is None:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "This review has not been signed yet, so there is nothing to amend."))
    if latest.kind == score_json.KIND_RECUSAL:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "You recused yourself from this review; a recusal cannot be amended."))
    if not reason:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "Give the reason for the amendment."))
    if len(reason) > MAX_REASON:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "The reason for the amendment is too long (at most {limit} characters)."), limit=MAX_REASON)
    repo.start_amendment(bundle_id, latest.revision, reason, ReviewStatus.IN_REVIEW)


def _next_revision(repo: SignatureRepository, bundle_id: str, expert: UnlockedIdentity, reason: str | None) -> score_json.Revision:
    latest = repo.latest(bundle_id)
    if latest is None:
        return score_json.Revision(1, _now(None))
    if latest.kind == score_json.KIND_RECUSAL:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "You recused yourself from this review; it cannot be signed again."))
    if latest.expert_fingerprint != expert.fingerprint:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "This review was signed with another identity; it cannot be amended with yours."))
    amendment = repo.open_amendment(bundle_id)
    if amendment is None:
        raise SignRefused(
            QT_TRANSLATE_NOOP("Errors", "This review is already signed (revision {revision}). To change it, start an amendment and give its reason."),
            revision=latest.revision,
        )
    reason = (reason or amendment.reason).strip()
    if not reason:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "Give the reason for the amendment."))
    return score_json.Revision(latest.revision + 1, _now(None), latest.revision, latest.score_sha256, reason[:MAX_REASON])


def _check_bundle(store: Store, opened: OpenedBundle) -> None:
    record = store.bundle(opened.bundle_id)
    if record is None:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "This bundle is not in your library; open it again before signing."))
    if record.sums_sha256 and record.sums_sha256 != opened.sums_sha256:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "The open bundle is not the one in your library; open it again before signing."))


def _incomplete(missing: list[Missing]) -> SignRefused:
    first = missing[0]
    return SignRefused(
        QT_TRANSLATE_NOOP("Errors", "The review is not complete yet ({count} item(s) left), starting with: {first}"),
        count=len(missing),
        first=first.message(),
    )


def _prepare(store: Store, opened: OpenedBundle, expert: UnlockedIdentity, reason: str | None, inspection: InspectionState | None, photos: Sequence[Photo], *, preview: bool) -> tuple[ScoreDocument, list[AttachmentInput]]:
    state = store.reviews.load(opened.bundle_id)
    if state.declarations.recused:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "You declared a conflict of interest for this review; sign the recusal instead."))
    missing = blockers(opened.spec, state, expert.profile.field, store.inspections.load(opened.bundle_id))
    if missing and not preview:  # a draft preview shows an incomplete review as it stands
        raise _incomplete(missing)
    repo = store.signatures
    if preview:
        latest = repo.latest(opened.bundle_id)
        amendment = repo.open_amendment(opened.bundle_id)
        if latest is None:
            revision = score_json.Revision(1, _now(None))
        else:
            text = (reason or (amendment.reason if amendment else "") or "（修订原因）").strip()
            revision = score_json.Revision(latest.revision + 1, _now(None), latest.revision, latest.score_sha256, text)
    else:
        revision = _next_revision(repo, opened.bundle_id, expert, reason)
    attachments = attachment_inputs(photos)
    doc = build_document(opened, expert, state, revision=revision, inspection=inspection, attachments=attachments, draft=preview)
    return _with_changes(repo, doc), attachments


def _with_changes(repo: SignatureRepository, doc: ScoreDocument) -> ScoreDocument:
    """An amendment lists every value it changes against the revision it amends (old → new)."""
    if doc.revision.amends_number is None:
        return doc
    amended = next((r for r in repo.revisions(doc.bundle.bundle_id) if r.revision == doc.revision.amends_number), None)
    if amended is None or amended.kind != score_json.KIND_SCORE:
        return doc
    return score_json.with_changes_since(score_json.parse(amended.score_json), doc)


def preview_pdf(
    store: Store,
    opened: OpenedBundle,
    expert: UnlockedIdentity,
    *,
    handwritten_png: bytes | None = None,
    reason: str | None = None,
    inspection: InspectionState | None = None,
    photos: Sequence[Photo] = (),
    missing: Sequence[str] = (),
) -> bytes:
    """The draft sheet (next revision number, today's date), watermarked 草稿, never signed.

    Possible at any time: an incomplete review shows as it stands, and `missing` (what the
    to-do list says, already translated) is listed on its first page. A draft has no package
    fingerprint: that exists only once score.json is signed.
    """
    from reviewer_app.export import sheet_pdf

    doc, attachments = _prepare(store, opened, expert, reason, inspection, photos, preview=True)
    images = {ref.member: item.data for ref, item in zip(doc.attachments, attachments, strict=True)}
    return sheet_pdf.render(
        doc, "", handwritten_png=handwritten_png, images=images, recommendations=recommendations_of(opened.spec), preview=True, missing=list(missing)
    ).pdf


def _store_package(store: Store, data_dir: DataDir, expert: UnlockedIdentity, built: packages.BuiltPackage, status: ReviewStatus) -> SignedRevision:
    from reviewer_app import agescrypt

    doc = built.document
    folder = Path(data_dir.root) / SIGNED_DIR / doc.bundle.bundle_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"r{doc.revision.number}-{built.score_sha256[:16]}.rvs.age"
    encrypted = agescrypt.encrypt_to(built.data, [expert.age_recipient])
    durable.write_bytes(path, encrypted, mode=durable.PRIVATE)
    record = SignedRevisionRecord(
        bundle_id=doc.bundle.bundle_id,
        revision=doc.revision.number,
        kind=doc.kind,
        reason=doc.revision.reason,
        signed_at=doc.revision.signed_at.isoformat(),
        expert_fingerprint=doc.expert.fingerprint,
        score_sha256=built.score_sha256,
        package_sha256=built.sha256,
        package_size=len(built.data),
        package_file=str(path.relative_to(Path(data_dir.root))),
        file_name=built.file_name,
        score_json=built.score_json.decode("utf-8"),
    )
    try:
        store.signatures.add(record, status)
    except Exception:
        path.unlink(missing_ok=True)
        raise
    return _signed(built)


def _signed(built: packages.BuiltPackage) -> SignedRevision:
    doc = built.document
    return SignedRevision(doc.bundle.bundle_id, doc.revision.number, doc.kind, doc.revision.reason, doc.revision.signed_at, built.score_sha256, built.sha256, built.file_name, doc, built)


def sign_revision(
    store: Store,
    data_dir: DataDir,
    opened: OpenedBundle,
    expert: UnlockedIdentity,
    handwritten_png: bytes | None,
    reason: str | None = None,
    *,
    inspection: InspectionState | None = None,
    photos: Sequence[Photo] = (),
    location: str = "",
) -> SignedRevision:
    """Sign the next revision of the review of `opened` with `expert` (UnlockedIdentity) and keep it.

    Refuses (SignRefused) an incomplete review, a locked one without an open amendment, a
    recused one. `photos` are the inspection evidence to carry: (Evidence, original bytes).
    """
    _check_bundle(store, opened)
    doc, attachments = _prepare(store, opened, expert, reason, inspection, photos, preview=False)
    built = packages.make_package(
        doc,
        certificate=expert.certificate,
        private_key=expert.private_key,
        handwritten_png=handwritten_png,
        attachments=attachments,
        recommendations=recommendations_of(opened.spec),
        location=location or opened.review.location,
    )
    return _store_package(store, data_dir, expert, built, ReviewStatus.SIGNED)


def sign_recusal(store: Store, data_dir: DataDir, opened: OpenedBundle, expert: UnlockedIdentity, handwritten_png: bytes | None, *, location: str = "") -> SignedRevision:
    """Sign the recusal (回避声明) of a review whose conflict-of-interest declaration is 'declared'.

    A score package of kind "recusal" (docs/formats.md): the declaration, its reason and time,
    no scores, a one-page PDF; kept and exported like a revision."""
    _check_bundle(store, opened)
    state = store.reviews.load(opened.bundle_id)
    if not state.declarations.recused or not state.declarations.conflict_reason.strip():
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "Declare the conflict of interest, with its reason, before signing a recusal."))
    repo = store.signatures
    latest = repo.latest(opened.bundle_id)
    if latest is None:
        revision = score_json.Revision(1, _now(None))
    else:
        amendment = repo.open_amendment(opened.bundle_id)
        if latest.kind == score_json.KIND_RECUSAL:
            raise SignRefused(QT_TRANSLATE_NOOP("Errors", "The recusal for this review is already signed."))
        if amendment is None:
            raise SignRefused(
                QT_TRANSLATE_NOOP("Errors", "This review is already signed (revision {revision}). To change it, start an amendment and give its reason."),
                revision=latest.revision,
            )
        revision = score_json.Revision(latest.revision + 1, _now(None), latest.revision, latest.score_sha256, amendment.reason)
    doc = build_document(opened, expert, state, revision=revision, kind=score_json.KIND_RECUSAL)
    built = packages.make_package(
        doc, certificate=expert.certificate, private_key=expert.private_key, handwritten_png=handwritten_png, location=location or opened.review.location
    )
    return _store_package(store, data_dir, expert, built, ReviewStatus.RECUSED)


# --- the one call of the signing tab ------------------------------------------------------------


def gather_inspection(store: Store, data_dir: DataDir, bundle_id: str, expert: UnlockedIdentity) -> tuple[InspectionState | None, list[Photo]]:
    """The inspection to print and the original files it carries (evidence attached to a
    checklist item) with their display copies for the sheet, or nothing when no inspection
    was begun."""
    from reviewer_app.services.evidence import EvidenceStore

    state = store.inspections.load(bundle_id)
    if not state.begun:
        return None, []
    evidence = EvidenceStore(data_dir.evidence, expert.age_recipient, expert.age_identity)
    return state, [(e, evidence.read_original(bundle_id, e), evidence.read_display(bundle_id, e)) for e in state.evidence if e.item_id]


def sign_and_export(store: Store, data_dir: DataDir, opened: OpenedBundle, expert: UnlockedIdentity, handwritten_png: bytes, folder: Path) -> Path:
    """Sign the next revision (the recusal, when a conflict was declared) with everything it
    carries, keep it, and write the package into `folder`; the path written."""
    if store.reviews.load(opened.bundle_id).declarations.recused:
        signed = sign_recusal(store, data_dir, opened, expert, handwritten_png)
    else:
        inspection, photos = gather_inspection(store, data_dir, opened.bundle_id, expert)
        signed = sign_revision(store, data_dir, opened, expert, handwritten_png, open_amendment(store, opened.bundle_id),
                               inspection=inspection, photos=photos)  # fmt: skip
    return export_package(signed, folder, store=store, opened=opened, expert=expert)  # encrypted to the organization and the panel


def preview_draft(store: Store, data_dir: DataDir, opened: OpenedBundle, expert: UnlockedIdentity, handwritten_png: bytes | None, missing: Sequence[str]) -> bytes:
    """The draft sheet with the inspection and its files, as the signing tab shows it."""
    inspection, photos = gather_inspection(store, data_dir, opened.bundle_id, expert)
    return preview_pdf(store, opened, expert, handwritten_png=handwritten_png, inspection=inspection, photos=photos, missing=missing)


# --- exporting --------------------------------------------------------------------------------


def export_package(signed: SignedRevision, folder: Path, *, store: Store | None = None, opened: OpenedBundle | None = None, expert: UnlockedIdentity | None = None) -> Path:
    """Write the signed package into `folder` (atomically: a complete file or none), encrypted
    to the organization and the panel when the bundle `opened` lists them (export/confidential.py)."""
    recipients = confidential.recipients_for(opened, expert) if opened is not None and expert is not None else ()
    identities = [expert.age_identity] if expert is not None else []
    path = packages.export(signed.package, Path(folder), recipients=recipients, identities=identities)
    if store is not None:
        status = ReviewStatus.RECUSED if signed.kind == score_json.KIND_RECUSAL else ReviewStatus.EXPORTED
        store.signatures.record_export(signed.bundle_id, signed.revision, str(path), status)
    return path


def load_revision(store: Store, data_dir: DataDir, expert: UnlockedIdentity, bundle_id: str, revision: int) -> SignedRevision:
    """A stored revision, decrypted with the expert's key and checked against its recorded digest."""
    import hashlib

    import pyrage

    row = next((r for r in revisions(store, bundle_id) if r.revision == revision), None)
    if row is None:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "Revision {revision} of this review does not exist."), revision=revision)
    path = Path(data_dir.root) / row.package_file
    try:
        data = pyrage.decrypt(path.read_bytes(), [expert.age_identity])
    except FileNotFoundError:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "The stored copy of revision {revision} is missing ({path})."), revision=revision, path=str(path)) from None
    except (OSError, pyrage.DecryptError):
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "The stored copy of revision {revision} cannot be opened with your key."), revision=revision) from None
    if hashlib.sha256(data).hexdigest() != row.package_sha256:
        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "The stored copy of revision {revision} was changed on disk."), revision=revision)
    verified = packages.read_package(data, [expert.certificate])
    built = packages.BuiltPackage(data, verified.document, verified.score_json, verified.score_sha256, row.package_sha256)
    return _signed(built)


def export_revision(store: Store, data_dir: DataDir, expert: UnlockedIdentity, bundle_id: str, revision: int, folder: Path, *, opened: OpenedBundle | None = None) -> Path:
    """Export an earlier (or the latest) revision again, e.g. to a second USB stick."""
    return export_package(load_revision(store, data_dir, expert, bundle_id, revision), folder, store=store, opened=opened, expert=expert)


def revision_pdf(store: Store, data_dir: DataDir, expert: UnlockedIdentity, bundle_id: str, revision: int) -> bytes:
    return load_revision(store, data_dir, expert, bundle_id, revision).pdf


def _member(data: bytes, name: str) -> bytes:
    import io

    from reviewer_app.bundle.zipformat import read_layout

    handle = io.BytesIO(data)
    for member in read_layout(handle, len(data)):
        if member.name == name:
            return data[member.data_offset : member.end_offset]
    raise PackageRefused(QT_TRANSLATE_NOOP("Errors", "The package is missing its {member}."), member=name)


__all__ = [
    "Photo",
    "SignedRevision",
    "build_document",
    "export_package",
    "export_revision",
    "is_locked",
    "load_revision",
    "open_amendment",
    "gather_inspection",
    "preview_draft",
    "preview_pdf",
    "revision_pdf",
    "revisions",
    "sign_and_export",
    "sign_recusal",
    "sign_revision",
    "start_amendment",
]
