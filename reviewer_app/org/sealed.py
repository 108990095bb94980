"""The organization's record of the bundles it sealed: what a returned package must answer.

`ORG/sealed/<bundle id>.json` is written when a bundle is sealed (`reviewer-org seal`, the demo):
bundle id, the SHA-256 of its SHA256SUMS, the review, the application, the panel and the full
review definition (rubric, vetoes, checklist). `reviewer-org verify` accepts a package only if
it answers a recorded bundle with exactly that SHA256SUMS digest, and checks its scores
against the recorded rubric: the organization never needs the bundle's key to do so.

The records live in the organization folder beside `org.p12` and the roster, and are trusted
like them: whoever can write there can also enrol experts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer_app import durable, keys, rubric
from reviewer_app.bundle.errors import BundleRefused
from reviewer_app.bundle.model import ApplicationInfo, PanelMember, Window
from reviewer_app.bundle.strictjson import Fields, dumps, format_time, loads
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError

SEALED_DIR = "sealed"
FORMAT = "reviewer-app/sealed-bundle-record"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
MAX_RECORD_BYTES = 16 << 20
_BUNDLE_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class LedgerError(UserFacingError):
    """A record of a sealed bundle is missing or damaged."""


@dataclass(frozen=True)
class SealedRecord:
    bundle_id: str
    sums_sha256: str
    issued_at: dt.datetime
    file_name: str
    session_passphrase: bool
    organization_name: str
    organization_fingerprint: str
    review_title: str
    session_date: str
    application: ApplicationInfo
    panel: tuple[PanelMember, ...]
    spec: rubric.ReviewSpec
    window: Window | None = None  # None only in records made before format version 2
    leader: str = ""  # fingerprint of the panel leader named at sealing (`seal --leader`), or ""

    def member(self, fingerprint: str) -> PanelMember | None:
        return next((p for p in self.panel if p.fingerprint == fingerprint), None)


def sealed_dir(org_dir: Path) -> Path:
    return Path(org_dir) / SEALED_DIR


def record_path(org_dir: Path, bundle_id: str) -> Path | None:
    """Where the record of `bundle_id` is kept; None for an id no record can have (never a path outside sealed/)."""
    return sealed_dir(org_dir) / f"{bundle_id}.json" if _BUNDLE_ID.match(bundle_id) else None


def record_sealed(org_dir: Path, record: SealedRecord) -> Path:
    """Write (atomically) the record of one sealed bundle."""
    if not _BUNDLE_ID.match(record.bundle_id):
        raise ValueError("bad bundle id")
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION if record.window is not None else 1,
        "bundle_id": record.bundle_id,
        "sums_sha256": record.sums_sha256,
        "issued_at": format_time(record.issued_at),
        "file_name": record.file_name,
        "session_passphrase": record.session_passphrase,
        "organization": {"name": record.organization_name, "fingerprint": record.organization_fingerprint},
        "review": {"title": record.review_title, "session_date": record.session_date},
        "application": {"id": record.application.id, "title": record.application.title, "applicant": record.application.applicant},
        "panel": [{"fingerprint": p.fingerprint, "name": p.name, "field": p.field} for p in record.panel],
        "spec": rubric.to_data(record.spec),
    }
    if record.window is not None:
        data["review_window"] = record.window.to_data()
    if record.leader:
        data["leader"] = record.leader
    folder = sealed_dir(org_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record.bundle_id}.json"
    durable.write_bytes(path, dumps(data))
    return path


def record_from_source(
    org_dir: Path, sealed: Any, source: Any, org: keys.OrgCredentials, recipients: Any = (), *, issued_at: dt.datetime | None = None, leader: str = ""
) -> Path:
    """After `seal_bundle(source, …, issued_at=issued_at)` returned `sealed`: one line in `cmd_seal`."""
    review = source.review(org.name)
    return record_sealed(
        org_dir,
        SealedRecord(
            bundle_id=sealed.bundle_id,
            sums_sha256=sealed.sums_sha256,
            issued_at=(issued_at or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0),
            file_name=Path(sealed.path).name,
            session_passphrase=bool(sealed.session_passphrase),
            organization_name=org.name,
            organization_fingerprint=org.fingerprint,
            review_title=review.title,
            session_date=review.session_date,
            application=source.application,
            panel=tuple(PanelMember(card.fingerprint, card.profile.name, card.profile.field) for card in recipients),
            spec=source.spec,
            window=review.window,
            leader=leader,
        ),
    )


def record_from_opened(org_dir: Path, opened: Any) -> Path:
    """The record of a bundle the organization can open (it holds its key): used by the demo."""
    manifest = opened.manifest
    info = opened.verified.info
    return record_sealed(
        org_dir,
        SealedRecord(
            bundle_id=opened.bundle_id,
            sums_sha256=opened.sums_sha256,
            issued_at=info.issued_at,
            file_name=opened.path.name,
            session_passphrase=info.session_passphrase,
            organization_name=manifest.organization_name,
            organization_fingerprint=manifest.organization_fingerprint,
            review_title=manifest.review.title,
            session_date=manifest.review.session_date,
            application=manifest.application,
            panel=manifest.panel,
            spec=manifest.spec,
            window=info.window,
            leader=manifest.leader,
        ),
    )


def _damaged(path: Path) -> LedgerError:
    return LedgerError(QT_TRANSLATE_NOOP("Errors", "The record of a sealed bundle, {file}, is damaged."), file=str(path))


def load_record(org_dir: Path, bundle_id: str) -> SealedRecord | None:
    """The record of `bundle_id`, or None when this organization has no record of sealing it."""
    if not _BUNDLE_ID.match(bundle_id):
        return None
    path = sealed_dir(org_dir) / f"{bundle_id}.json"
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_RECORD_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError:
        raise _damaged(path) from None
    if len(data) > MAX_RECORD_BYTES:
        raise _damaged(path)
    try:
        f = Fields(loads(data, "sealed bundle record"), "sealed bundle record")
        version = f.data.get("format_version")
        if f.data.get("format") != FORMAT or type(version) is not int or version not in READABLE_VERSIONS or ("review_window" in f.data) != (version >= 2):
            raise _damaged(path)
        organization = f.obj("organization", ("name", "fingerprint"))
        review = f.obj("review", ("title", "session_date"))
        application = f.obj("application", ("id", "title", "applicant"))
        record = SealedRecord(
            bundle_id=f.text("bundle_id"),
            sums_sha256=f.sha256("sums_sha256"),
            issued_at=f.timestamp("issued_at"),
            file_name=f.text("file_name"),
            session_passphrase=f.boolean("session_passphrase"),
            organization_name=organization.text("name"),
            organization_fingerprint=organization.fingerprint("fingerprint"),
            review_title=review.text("title"),
            session_date=review.text("session_date"),
            application=ApplicationInfo(application.text("id"), application.text("title"), application.text("applicant")),
            panel=tuple(PanelMember(p.fingerprint("fingerprint"), p.text("name"), p.text("field")) for p in f.objects("panel", ("fingerprint", "name", "field"))),
            spec=rubric.load(f.raw("spec")),
            window=Window.from_fields(f.obj("review_window", ("valid_from", "valid_until"))) if version >= 2 else None,
            leader=f.fingerprint("leader") if "leader" in f.data else "",
        )
    except (BundleRefused, rubric.SpecInvalid):
        raise _damaged(path) from None
    if record.bundle_id != bundle_id:
        raise _damaged(path)
    return record


def all_records(org_dir: Path) -> list[SealedRecord]:
    folder = sealed_dir(org_dir)
    if not folder.is_dir():
        return []
    records = [load_record(org_dir, path.stem) for path in sorted(folder.glob("*.json"))]
    return [r for r in records if r is not None]
