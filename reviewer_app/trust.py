"""Pinned organization certificates (the app passes `data_dir / "trust"`).

Trust is explicit: the GUI shows inspect_certificate()'s fingerprint, the expert compares it
with the one the organization announced, and only then pin() stores the certificate as
`<64 hex digits of the SHA-256 fingerprint>.pem`. Nothing is trusted on first use.

pinned_certificates() leaves out expired certificates; list_pinned() shows all, expired
ones flagged, so the expert can see and remove them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID

from reviewer_app import durable, keys
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError

MAX_CERTIFICATE_BYTES = 64 * 1024
_PINNED_NAME = re.compile(r"[0-9A-F]{64}\.pem")

MORE_THAN_ONE = QT_TRANSLATE_NOOP("Errors", "The file holds more than one certificate. Import one at a time.")
WRONG_KIND = QT_TRANSLATE_NOOP(
    "Errors", "This certificate uses a kind of key this app does not accept (it needs ECDSA P-256 with SHA-256)."
)
PINNED_DAMAGED = QT_TRANSLATE_NOOP(
    "Errors", "The trusted certificate file {file} is damaged. Remove it and import the organization's certificate again."
)


class CertificateRefused(UserFacingError):
    """A certificate that cannot be trusted or read."""


@dataclass(frozen=True)
class CertInfo:
    subject_cn: str
    organization: str
    fingerprint: str
    not_before: dt.datetime
    not_after: dt.datetime
    certificate: x509.Certificate

    def is_valid_at(self, when: dt.datetime | None = None) -> bool:
        when = when or dt.datetime.now(dt.timezone.utc)
        return self.not_before <= when <= self.not_after

    @property
    def expired(self) -> bool:
        return self.not_after < dt.datetime.now(dt.timezone.utc)


def _subject_text(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _info(cert: x509.Certificate) -> CertInfo:
    return CertInfo(
        subject_cn=_subject_text(cert, NameOID.COMMON_NAME),
        organization=_subject_text(cert, NameOID.ORGANIZATION_NAME),
        fingerprint=keys.fingerprint(cert),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        certificate=cert,
    )


def _parse(data: bytes) -> x509.Certificate:
    damaged = CertificateRefused(QT_TRANSLATE_NOOP("Errors", "This file is not a certificate, or it is damaged."))
    if len(data) > MAX_CERTIFICATE_BYTES:
        raise damaged
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            if data.count(b"-----BEGIN") != 1:
                raise CertificateRefused(MORE_THAN_ONE)
        return keys.load_certificate(data)
    except ValueError:
        raise damaged from None


def inspect_certificate(data: bytes) -> CertInfo:
    """What the expert checks before pinning; refuses non-P-256, expired or malformed input."""
    cert = _parse(data)
    try:
        acceptable_key = keys.is_p256(cert.public_key()) and isinstance(cert.signature_hash_algorithm, hashes.SHA256)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        acceptable_key = False
    if not acceptable_key:
        raise CertificateRefused(WRONG_KIND)
    info = _info(cert)
    if info.expired:
        raise CertificateRefused(
            QT_TRANSLATE_NOOP("Errors", "This certificate expired on {date}."), date=info.not_after.date().isoformat()
        )
    if not info.is_valid_at():
        raise CertificateRefused(
            QT_TRANSLATE_NOOP("Errors", "This certificate is valid only from {date}. Check the computer's date."),
            date=info.not_before.date().isoformat(),
        )
    return info


def _path_for(trust_dir: Path, fingerprint: str) -> Path:
    return Path(trust_dir) / f"{keys.fingerprint_hex(fingerprint)}.pem"


def pin(trust_dir: Path, cert: x509.Certificate) -> CertInfo:
    """Trust `cert` from now on (after the expert compared its fingerprint)."""
    info = inspect_certificate(keys.certificate_pem(cert).encode("ascii"))
    Path(trust_dir).mkdir(parents=True, exist_ok=True)
    durable.write_bytes(_path_for(trust_dir, info.fingerprint), keys.certificate_pem(cert).encode("ascii"))
    return info


def _load_pinned(path: Path) -> CertInfo:
    try:
        info = _info(_parse(path.read_bytes()))
    except (OSError, CertificateRefused):
        info = None
    if info is None or _path_for(path.parent, info.fingerprint).name != path.name:
        raise CertificateRefused(PINNED_DAMAGED, file=str(path))
    return info


def list_pinned(trust_dir: Path) -> list[CertInfo]:
    """Every pinned certificate, expired ones included, ordered by name then fingerprint."""
    trust_dir = Path(trust_dir)
    if not trust_dir.is_dir():
        return []
    paths = sorted(p for p in trust_dir.iterdir() if _PINNED_NAME.fullmatch(p.name) and p.is_file())
    return sorted((_load_pinned(p) for p in paths), key=lambda info: (info.subject_cn, info.fingerprint))


def remove(trust_dir: Path, fingerprint: str) -> bool:
    """Stop trusting the certificate with `fingerprint`; False if it was not pinned."""
    path = _path_for(trust_dir, fingerprint)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    durable.sync_folder(path.parent)
    return True


def pinned_certificates(trust_dir: Path) -> list[x509.Certificate]:
    """The certificates to hand to cms.verify_detached(): pinned and not expired.

    (Not-yet-valid is not filtered: pin() refused that already, and a laptop whose clock was
    reset to the past should not silently lose its trusted organizations.)
    """
    return [info.certificate for info in list_pinned(trust_dir) if not info.expired]
