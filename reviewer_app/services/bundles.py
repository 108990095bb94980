"""Taking a verified bundle into the expert's library, and opening it again later.

The sealed file is copied as it is (still encrypted) into the data dir; the per-bundle
key is kept only age-encrypted to the expert's own key, so re-opening needs the
expert's identity but not the session passphrase again. Every re-open verifies the
stored file from scratch: it may have been changed on disk since.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyrage

from reviewer_app import durable
from reviewer_app.bundle import OpenedBundle, open_bundle
from reviewer_app.datadir import DataDir
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError
from reviewer_app.identity import UnlockedIdentity
from reviewer_app.review.completeness import criteria_for_expert
from reviewer_app.store.models import BundleRecord
from reviewer_app.store.store import Store
from reviewer_app.timestamps import offset_minutes

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


OPENED_WITH_REPLACED_IDENTITY = QT_TRANSLATE_NOOP(
    "Errors", "This bundle was opened with your previous identity, and only that identity can open it. "
    "Ask the review organization for a new bundle of this application, sealed for your new enrolment card. "
    "When you open the new bundle, the app offers to carry over the work you entered here.")


class LibraryError(UserFacingError):
    """A bundle in the library cannot be used."""


def stage_label(opened: OpenedBundle) -> str:
    return " / ".join(stage.title for stage in opened.spec.stages)


def import_bundle(store: Store, data_dir: DataDir, opened: OpenedBundle, expert: UnlockedIdentity) -> BundleRecord:
    """Add an opened bundle to the library (idempotent: an imported bundle is returned as it is)."""
    existing = store.bundle(opened.bundle_id)
    if existing is not None:
        if existing.sums_sha256 != opened.sums_sha256:
            raise LibraryError(QT_TRANSLATE_NOOP(
                "Errors", "A different version of this bundle (same id {bundle_id}) is already in your library. "
                "Ask the review organization which one is valid."), bundle_id=opened.bundle_id)
        return existing
    stored = data_dir.bundles / f"{opened.bundle_id}.rvb"
    durable.copy_file(opened.path, stored, mode=durable.PRIVATE)
    record = BundleRecord(
        bundle_id=opened.bundle_id,
        file_name=opened.path.name,
        stored_path=str(stored.relative_to(data_dir.root)),
        application_name=opened.application.title,
        applicant=opened.application.applicant,
        stage=stage_label(opened),
        deadline=opened.review.window.valid_until,
        deadline_offset_minutes=offset_minutes(opened.review.window.valid_until),
        imported_at=dt.datetime.now().astimezone(),
        sums_sha256=opened.sums_sha256,
        bundle_key_age=pyrage.encrypt(opened.bundle_key.encode("ascii"), [pyrage.x25519.Recipient.from_str(expert.age_recipient)]),
        organization_fingerprint=opened.manifest.organization_fingerprint,
        criteria_total=len(criteria_for_expert(opened.spec, expert.profile.field)),
    )
    store.add_bundle(record)
    return record


def reopen_bundle(
    store: Store,
    data_dir: DataDir,
    bundle_id: str,
    trusted_org_certs: list,
    expert: UnlockedIdentity,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    now: dt.datetime | None = None,
) -> OpenedBundle:
    record = store.bundle(bundle_id)
    if record is None or record.bundle_key_age is None:
        raise LibraryError(QT_TRANSLATE_NOOP("Errors", "This bundle is not in your library any more."))
    try:
        key = pyrage.decrypt(record.bundle_key_age, [expert.age_identity]).decode("ascii")
    except (pyrage.DecryptError, UnicodeDecodeError):
        raise LibraryError(OPENED_WITH_REPLACED_IDENTITY) from None
    path = data_dir.root / record.stored_path
    if not path.is_file():
        raise LibraryError(QT_TRANSLATE_NOOP(
            "Errors", "The stored copy of this bundle is missing ({path}). Open the original file again."),
            path=str(path))
    opened = open_bundle(path, trusted_org_certs, bundle_key=key, now=now, progress=progress, cancelled=cancelled)
    if opened.bundle_id != bundle_id or opened.sums_sha256 != record.sums_sha256:
        raise LibraryError(QT_TRANSLATE_NOOP(
            "Errors", "The stored copy of this bundle is not the one you imported. Open the original file again."))
    store.touch_opened(bundle_id)
    return opened


# --- purge (the confidentiality pledge's 删除或交回) ------------------------------------------------


@dataclass(frozen=True)
class Purged:
    bundle_id: str
    application_name: str
    files_removed: int


def purge_bundle(store: Store, data_dir: DataDir, bundle_id: str) -> Purged:
    """Delete a bundle and everything derived from it on this computer: its rows (review, scores,
    notes, inspection, evidence, signed revisions), the stored bundle file, the encrypted
    evidence files and the stored copies of the signed packages. Packages the expert exported
    elsewhere (a USB stick) stay where they are. Recorded in the log."""
    from reviewer_app.services.signing import SIGNED_DIR

    record = store.purge_bundle(bundle_id)
    if record is None:
        raise LibraryError(QT_TRANSLATE_NOOP("Errors", "This bundle is no longer in the library."))
    root = Path(data_dir.root)
    removed = 0
    bundle_file = root / record.stored_path
    for folder in (data_dir.evidence / bundle_id, root / SIGNED_DIR / bundle_id):
        if _inside(folder, root) and folder.is_dir():
            removed += sum(1 for p in folder.rglob("*") if p.is_file())
            shutil.rmtree(folder, ignore_errors=True)
    if _inside(bundle_file, root) and bundle_file.is_file():
        bundle_file.unlink(missing_ok=True)
        removed += 1
    durable.sync_folder(root)
    log.info("purged bundle %s (%s): database rows and %d file(s) deleted", bundle_id, record.application_name, removed)
    return Purged(bundle_id, record.application_name, removed)


def _inside(path: Path, root: Path) -> bool:
    """Never delete outside the data folder, whatever a damaged record says."""
    try:
        return path.resolve().is_relative_to(root.resolve()) and path.resolve() != root.resolve()
    except OSError:
        return False
