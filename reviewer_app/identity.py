"""The expert's local identity: signing key + certificate, age key, profile, enrolment card.

Layout of the identity directory (the app passes `data_dir / "identity"`):

    expert.p12          ECDSA P-256 key + self-signed certificate, PKCS#12 (see keys.py), 0600
    certificate.pem     the same certificate, readable without the passphrase
    profile.json        name, field, affiliation, title, phone, email
    age-identity.age    the age X25519 identity file, age-encrypted with the passphrase (scrypt), 0600
    age-recipient.txt   its public recipient "age1…"

The age recipient is also written into the certificate (a non-critical extension, OID
AGE_RECIPIENT_OID), so the certificate fingerprint the organization compares at enrolment
vouches for the encryption key too: nobody can swap the recipient on a card unnoticed.

Passphrases are NFC-normalised before use, so the same visible text typed on different
systems opens the files. `age -d -i age-identity.age` (after the passphrase) decrypts a
bundle key with stock age; `openssl pkcs12 -info -in expert.p12` reads the key.

Name and affiliation are part of the certificate the organization has pinned, so
update_profile() refuses to change them: a changed name needs a new identity and a new
enrolment (reissuing the certificate would change its fingerprint anyway).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field, fields
from pathlib import Path

import pyrage
from asn1crypto import core as asn1_core
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from reviewer_app import durable, keys
from reviewer_app import agescrypt
from reviewer_app import passphrase as passphrase_rules
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError
from reviewer_app.keys import WrongPassphrase as WrongPassphrase  # re-exported: unlock() raises it

CERT_DAYS = 5 * 365 + 1
# Under the UUID arc 2.25 (ITU-T X.667), so no registration is needed; UUID 57520dc8-e300-484d-8a9e-a85a3b62b9e7.
AGE_RECIPIENT_OID = x509.ObjectIdentifier("2.25.116068883562898325802973741986110159335")

P12_FILE = "expert.p12"
CERT_FILE = "certificate.pem"
PROFILE_FILE = "profile.json"
AGE_IDENTITY_FILE = "age-identity.age"
AGE_RECIPIENT_FILE = "age-recipient.txt"
IDENTITY_FILES = (P12_FILE, CERT_FILE, PROFILE_FILE, AGE_IDENTITY_FILE, AGE_RECIPIENT_FILE)
SECRET_FILES = (P12_FILE, AGE_IDENTITY_FILE)
# Passphrase change: new secret files are written beside the old as *.new; this marker, once
# written, says they are complete and must win (redo on next load); without it they are dropped.
PENDING_SUFFIX = ".new"
COMMIT_MARKER = "passphrase-change.commit"

CARD_FORMAT = "reviewer-enrolment-card"
CARD_VERSION = 1
MAX_CARD_BYTES = 64 * 1024
MAX_SMALL_FILE_BYTES = 64 * 1024
CARD_KEYS = frozenset(
    {"format", "version", "profile", "certificate_pem", "age_recipient", "fingerprint_sha256", "created_at"}
)

_PHONE = re.compile(r"\+?[0-9][0-9 ()\-]*[0-9]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_LIMITS = {"name": 64, "field": 32, "affiliation": 64, "title": 64, "phone": 32, "email": 128}
# One sentence per field, so a translation never has to splice an English field name in.
_FIELD_PROBLEMS = {
    "name": QT_TRANSLATE_NOOP("Errors", "The name is too long (at most {limit} characters) or contains a line break."),
    "field": QT_TRANSLATE_NOOP("Errors", "The field is too long (at most {limit} characters) or contains a line break."),
    "affiliation": QT_TRANSLATE_NOOP(
        "Errors", "The affiliation is too long (at most {limit} characters) or contains a line break."
    ),
    "title": QT_TRANSLATE_NOOP("Errors", "The title is too long (at most {limit} characters) or contains a line break."),
    "phone": QT_TRANSLATE_NOOP("Errors", "The phone number is too long (at most {limit} characters) or contains a line break."),
    "email": QT_TRANSLATE_NOOP("Errors", "The email address is too long (at most {limit} characters) or contains a line break."),
}


class InvalidProfile(UserFacingError):
    """A profile field is missing or not plausible."""


class IdentityError(UserFacingError):
    """The identity is missing, already there, or its files are damaged."""


class InvalidCard(UserFacingError):
    """An enrolment card that cannot be accepted."""


def _damaged(identity_dir: Path) -> IdentityError:
    return IdentityError(
        QT_TRANSLATE_NOOP("Errors", "The identity files in {folder} are damaged or incomplete."),
        folder=str(identity_dir),
    )


# ---------------------------------------------------------------- profile


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


@dataclass(frozen=True)
class ExpertProfile:
    name: str
    field: str
    affiliation: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""

    def to_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: object) -> ExpertProfile:
        """A validated profile from untrusted data (JSON); unknown keys and non-strings are refused."""
        bad = InvalidProfile(QT_TRANSLATE_NOOP("Errors", "The expert details are not in the expected form."))
        names = {f.name for f in fields(cls)}
        if not isinstance(data, dict) or not set(data) <= names:
            raise bad
        if not all(isinstance(value, str) for value in data.values()):
            raise bad
        return cls(**{key: data.get(key, "") for key in names}).validated()

    def validated(self) -> ExpertProfile:
        """This profile with whitespace trimmed and text normalised; InvalidProfile if implausible."""
        profile = ExpertProfile(**{key: _clean(value) for key, value in self.to_dict().items()})
        profile._check()
        return profile

    def _check(self) -> None:
        if not self.name:
            raise InvalidProfile(QT_TRANSLATE_NOOP("Errors", "Enter your name."))
        if not self.field:
            raise InvalidProfile(QT_TRANSLATE_NOOP("Errors", "Enter your field of expertise."))
        for key, limit in _LIMITS.items():
            value = getattr(self, key)
            if len(value) > limit or any(unicodedata.category(c).startswith("C") for c in value):
                raise InvalidProfile(_FIELD_PROBLEMS[key], limit=limit)
        digits = sum(c.isdigit() for c in self.phone)
        if self.phone and not (_PHONE.fullmatch(self.phone) and 7 <= digits <= 15):
            raise InvalidProfile(
                QT_TRANSLATE_NOOP("Errors", "The phone number {phone} does not look right."), phone=self.phone
            )
        if self.email and not _EMAIL.fullmatch(self.email):
            raise InvalidProfile(
                QT_TRANSLATE_NOOP("Errors", "The email address {email} does not look right."), email=self.email
            )

    def personal_words(self) -> tuple[str, ...]:
        """What a passphrase must not contain."""
        return (self.name, self.phone, self.email)


# ---------------------------------------------------------------- identity objects


@dataclass(frozen=True)
class PublicIdentity:
    profile: ExpertProfile
    certificate: x509.Certificate
    fingerprint: str
    age_recipient: str


@dataclass(frozen=True)
class UnlockedIdentity:
    public: PublicIdentity
    private_key: ec.EllipticCurvePrivateKey = field(repr=False)
    age_identity: pyrage.x25519.Identity = field(repr=False)

    @property
    def profile(self) -> ExpertProfile:
        return self.public.profile

    @property
    def certificate(self) -> x509.Certificate:
        return self.public.certificate

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    @property
    def age_recipient(self) -> str:
        return self.public.age_recipient


def certificate_age_recipient(cert: x509.Certificate) -> str | None:
    """The age recipient the certificate vouches for, or None if it carries none."""
    try:
        extension = cert.extensions.get_extension_for_oid(AGE_RECIPIENT_OID)
    except x509.ExtensionNotFound:
        return None
    value = extension.value
    if not isinstance(value, x509.UnrecognizedExtension):
        return None
    try:
        return str(asn1_core.UTF8String.load(value.value, strict=True).native)
    except (ValueError, TypeError):
        return None


def _subject_text(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _age_identity_file(identity: pyrage.x25519.Identity, created: dt.datetime) -> bytes:
    # The format age-keygen writes, so a decrypted copy works with `age -d -i`.
    return (
        f"# created: {created.isoformat(timespec='seconds')}\n"
        f"# public key: {identity.to_public()}\n"
        f"{identity}\n"
    ).encode("ascii")


def _normalised(passphrase: str) -> str:
    return unicodedata.normalize("NFC", passphrase)


def encrypt_age_identity(identity: pyrage.x25519.Identity, passphrase: str) -> bytes:
    """The identity file, age-encrypted with `passphrase` at age's own work factor (18), not
    at one calibrated to how fast this machine happens to be (which a slower or busier machine
    might then refuse to open)."""
    plain = _age_identity_file(identity, dt.datetime.now(dt.timezone.utc))
    return agescrypt.encrypt(plain, _normalised(passphrase), agescrypt.DEFAULT_WORK_FACTOR)


def decrypt_age_identity(data: bytes, passphrase: str) -> pyrage.x25519.Identity:
    """The identity in an encrypted age identity file; agescrypt.WrongPassphrase on a wrong
    passphrase, another ValueError on a damaged file."""
    plain = agescrypt.decrypt_with_passphrase(data, _normalised(passphrase)).decode("ascii")
    secret = [line for line in plain.splitlines() if line.startswith("AGE-SECRET-KEY-")]
    if len(secret) != 1:
        raise ValueError("no single age secret key in the identity file")
    return pyrage.x25519.Identity.from_str(secret[0])


# ---------------------------------------------------------------- files


def _read_small(path: Path, limit: int = MAX_SMALL_FILE_BYTES) -> bytes:
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{path} is too large")
    return data


def _recover(identity_dir: Path) -> None:
    """Finish or undo a passphrase change that a crash interrupted (see COMMIT_MARKER)."""
    marker = identity_dir / COMMIT_MARKER
    pending = [identity_dir / (name + PENDING_SUFFIX) for name in SECRET_FILES]
    for temp in identity_dir.glob(".*.tmp"):  # durable.write_bytes() cut short by the crash
        temp.unlink(missing_ok=True)
    if not marker.exists() and not any(p.exists() for p in pending):
        return
    for path in pending:
        if marker.exists() and path.exists():
            durable.replace(path, path.with_suffix(""))
        else:
            path.unlink(missing_ok=True)
    durable.sync_folder(identity_dir)
    marker.unlink(missing_ok=True)
    durable.sync_folder(identity_dir)


def exists(identity_dir: Path) -> bool:
    """Whether an identity was created in `identity_dir` (it is created all at once)."""
    return (Path(identity_dir) / P12_FILE).is_file()


def _write_new_identity(directory: Path, profile: ExpertProfile, passphrase: str) -> PublicIdentity:
    private_key = keys.new_private_key()
    age_identity = pyrage.x25519.Identity.generate()
    recipient = str(age_identity.to_public())
    recipient_extension = x509.UnrecognizedExtension(AGE_RECIPIENT_OID, asn1_core.UTF8String(recipient).dump())
    cert = keys.make_self_signed(
        private_key, profile.name, profile.affiliation or None, days=CERT_DAYS, extra_extensions=[recipient_extension]
    )
    keys.write_pkcs12(directory / P12_FILE, private_key, cert, passphrase, friendly_name=profile.name)
    durable.write_bytes(directory / AGE_IDENTITY_FILE, encrypt_age_identity(age_identity, passphrase), mode=durable.PRIVATE)
    durable.write_bytes(directory / CERT_FILE, keys.certificate_pem(cert).encode("ascii"))
    durable.write_bytes(directory / AGE_RECIPIENT_FILE, (recipient + "\n").encode("ascii"))
    _write_profile(directory, profile)
    return PublicIdentity(profile, cert, keys.fingerprint(cert), recipient)


def _write_profile(directory: Path, profile: ExpertProfile) -> None:
    text = json.dumps(profile.to_dict(), ensure_ascii=False, indent=2) + "\n"
    durable.write_bytes(directory / PROFILE_FILE, text.encode("utf-8"))


def create_identity(identity_dir: Path, profile: ExpertProfile, passphrase: str) -> PublicIdentity:
    """Make the expert's keys and certificate, protected by `passphrase`.

    Refuses an implausible profile, a weak passphrase and an existing identity. The files are
    written into a temporary directory beside `identity_dir`, which is then renamed into
    place, so a crash leaves either a complete identity or none.
    """
    identity_dir = Path(identity_dir)
    profile = profile.validated()
    passphrase_rules.require_acceptable(passphrase, personal_words=profile.personal_words())
    if identity_dir.exists() and (not identity_dir.is_dir() or any(identity_dir.iterdir())):
        raise IdentityError(
            QT_TRANSLATE_NOOP("Errors", "An identity already exists in {folder}. It was not replaced."),
            folder=str(identity_dir),
        )
    identity_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_staging(identity_dir)
    staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(identity_dir), dir=identity_dir.parent))
    try:
        public = _write_new_identity(staging, profile, passphrase)
        durable.rename_folder(staging, identity_dir)  # replaces an empty directory, fails on a full one
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return public


def revise_new_identity(identity_dir: Path, made_with: str, profile: ExpertProfile, passphrase: str) -> tuple[PublicIdentity, bool]:
    """Bring an identity the enrolment wizard has just made in line with corrected details.

    `made_with` is the passphrase it was made with (it must open it: this is the wizard's own,
    never-enrolled identity). A changed name or affiliation is in the certificate, so the keys
    are made again (new fingerprint; the old keys are deleted, no card was saved yet); other
    details and the passphrase change in place. Returns the identity and whether it is new.
    """
    identity_dir = Path(identity_dir)
    profile = profile.validated()
    current = unlock(identity_dir, made_with).public
    if (profile.name, profile.affiliation) != (current.profile.name, current.profile.affiliation):
        passphrase_rules.require_acceptable(passphrase, personal_words=profile.personal_words())
        # Not under the staging prefix: create_identity() clears those first, and this one must
        # survive until the new keys exist. A crash leaves it for the next revision to clear.
        for leftover in identity_dir.parent.glob(f".{identity_dir.name}.discarded-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        discarded = identity_dir.with_name(f".{identity_dir.name}.discarded-{os.urandom(8).hex()}")
        durable.rename_folder(identity_dir, discarded)
        try:
            public = create_identity(identity_dir, profile, passphrase)
        except BaseException:
            durable.rename_folder(discarded, identity_dir)  # the keys the expert saw stay usable
            raise
        shutil.rmtree(discarded, ignore_errors=True)
        return public, True
    if profile != current.profile:
        update_profile(identity_dir, profile)
    if _normalised(passphrase) != _normalised(made_with):
        change_passphrase(identity_dir, made_with, passphrase)
    return load_public(identity_dir), False


ARCHIVE_SUFFIX = "-archive"


@dataclass(frozen=True)
class ArchivedIdentity:
    """An identity the expert replaced (say after forgetting its passphrase), kept, not deleted."""

    folder: Path
    public: PublicIdentity


def archive_folder(identity_dir: Path) -> Path:
    identity_dir = Path(identity_dir)
    return identity_dir.with_name(identity_dir.name + ARCHIVE_SUFFIX)


def archive_identity(identity_dir: Path) -> ArchivedIdentity:
    """Move the identity aside so a new one can be made; nothing is deleted.

    It goes to `<identity>-archive/<date>-<first 8 fingerprint digits>/`: should the expert
    remember the passphrase after all, the old files are still there to open old bundles.
    """
    identity_dir = Path(identity_dir)
    public = load_public(identity_dir)  # refuses when there is nothing (sound) to archive
    stamp = dt.datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    target = archive_folder(identity_dir) / f"{stamp}-{keys.fingerprint_hex(public.fingerprint)[:8]}"
    target.parent.mkdir(parents=True, exist_ok=True)
    durable.rename_folder(identity_dir, target)
    return ArchivedIdentity(target, public)


def archived_identities(identity_dir: Path) -> list[ArchivedIdentity]:
    """The replaced identities, newest first; a damaged archive entry is left out, not fatal."""
    folder = archive_folder(identity_dir)
    if not folder.is_dir():
        return []
    found = []
    for entry in sorted(folder.iterdir(), reverse=True):
        try:
            found.append(ArchivedIdentity(entry, load_public(entry)))
        except UserFacingError:
            continue
    return found


def _staging_prefix(identity_dir: Path) -> str:
    return f".{identity_dir.name}-"


def _remove_abandoned_staging(identity_dir: Path) -> None:
    """Remove what an earlier create_identity() interrupted by a crash left beside the identity."""
    for leftover in identity_dir.parent.glob(_staging_prefix(identity_dir) + "*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def load_public(identity_dir: Path) -> PublicIdentity:
    """The public part of the identity (no passphrase needed)."""
    identity_dir = Path(identity_dir)
    if not exists(identity_dir):
        raise IdentityError(QT_TRANSLATE_NOOP("Errors", "No identity has been created yet."))
    _recover(identity_dir)
    try:
        profile = ExpertProfile.from_dict(json.loads(_read_small(identity_dir / PROFILE_FILE).decode("utf-8")))
        cert = keys.load_certificate(_read_small(identity_dir / CERT_FILE))
        recipient = _read_small(identity_dir / AGE_RECIPIENT_FILE).decode("ascii").strip()
    except (OSError, ValueError, UserFacingError):
        raise _damaged(identity_dir) from None
    if certificate_age_recipient(cert) != recipient or _subject_text(cert, NameOID.COMMON_NAME) != profile.name:
        raise _damaged(identity_dir)
    return PublicIdentity(profile, cert, keys.fingerprint(cert), recipient)


def unlock(identity_dir: Path, passphrase: str) -> UnlockedIdentity:
    """The identity with its private keys; WrongPassphrase if `passphrase` does not open it."""
    identity_dir = Path(identity_dir)
    public = load_public(identity_dir)
    # The two key derivations (expert.p12's PBKDF2, ~0.1 s, and age's scrypt, ~0.7 s) run at
    # once on two cores, and neither holds the GIL; expert.p12 still decides whether the
    # passphrase is wrong.
    age_key = _InBackground(lambda: decrypt_age_identity(_read_small(identity_dir / AGE_IDENTITY_FILE), passphrase))
    try:
        private_key = _signing_key(identity_dir, public, passphrase)
    finally:
        age_key.wait()
    try:
        age_identity = age_key.result()
    except (OSError, ValueError, pyrage.DecryptError, pyrage.IdentityError):
        # The same passphrase just opened expert.p12, so the age file itself is at fault.
        raise _damaged(identity_dir) from None
    if str(age_identity.to_public()) != public.age_recipient:
        raise _damaged(identity_dir)
    return UnlockedIdentity(public, private_key, age_identity)


def unlock_signing_key(identity_dir: Path, passphrase: str) -> tuple[PublicIdentity, ec.EllipticCurvePrivateKey]:
    """The public identity and its signing key only, for signing on an expert's behalf (the demo
    world's other experts): the age identity's scrypt (~0.7 s) is left out. WrongPassphrase as
    unlock()."""
    identity_dir = Path(identity_dir)
    public = load_public(identity_dir)
    return public, _signing_key(identity_dir, public, passphrase)


def _signing_key(identity_dir: Path, public: PublicIdentity, passphrase: str) -> ec.EllipticCurvePrivateKey:
    # The certificate is known (and its fingerprint is what the organization pinned), so
    # expert.p12 opens by its key bag alone, without holding the GIL (keys.load_pkcs12).
    private_key, _ = keys.read_pkcs12(identity_dir / P12_FILE, passphrase, certificate=public.certificate)
    return private_key


class _InBackground:
    """`work()` on a helper thread; result() returns its value or raises its exception."""

    def __init__(self, work) -> None:  # noqa: ANN001 - a zero-argument callable
        import threading

        self._work = work
        self._outcome: tuple[bool, object] = (False, None)
        self._thread = threading.Thread(target=self._run, name="identity-unlock", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._outcome = (True, self._work())
        except BaseException as error:  # handed over by result()
            self._outcome = (False, error)

    def wait(self) -> None:
        self._thread.join()

    def result(self):  # noqa: ANN201 - whatever work() returned
        self._thread.join()
        succeeded, value = self._outcome
        if not succeeded:
            raise value  # type: ignore[misc]
        return value


def change_passphrase(identity_dir: Path, old: str, new: str) -> None:
    """Re-encrypt both secret files with `new`; with a wrong `old` nothing changes.

    Both files change or neither: the new files are written beside the old ones, then a
    commit marker, then they replace the old ones. load_public()/unlock() finish the job
    if a crash came after the marker and drop the new files if it came before.
    """
    identity_dir = Path(identity_dir)
    public = load_public(identity_dir)
    if _normalised(new) == _normalised(old):
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The new passphrase is the same as the old one."))
    passphrase_rules.require_acceptable(new, personal_words=public.profile.personal_words())
    unlocked = unlock(identity_dir, old)
    p12_new = identity_dir / (P12_FILE + PENDING_SUFFIX)
    age_new = identity_dir / (AGE_IDENTITY_FILE + PENDING_SUFFIX)
    keys.write_pkcs12(p12_new, unlocked.private_key, unlocked.certificate, new, public.profile.name)
    durable.write_bytes(age_new, encrypt_age_identity(unlocked.age_identity, new), mode=durable.PRIVATE)
    durable.write_bytes(identity_dir / COMMIT_MARKER, b"")
    _recover(identity_dir)


CERTIFIED_FIELDS = QT_TRANSLATE_NOOP(
    "Errors",
    "Your name and affiliation are part of your certificate and cannot be changed. To change them, create a new identity and enrol it with the organization again.",  # noqa: E501 - one literal for lupdate
)


def update_profile(identity_dir: Path, profile: ExpertProfile) -> PublicIdentity:
    """Change field, title, phone or email. Name and affiliation are in the certificate: refused."""
    identity_dir = Path(identity_dir)
    current = load_public(identity_dir)
    profile = profile.validated()
    if (profile.name, profile.affiliation) != (current.profile.name, current.profile.affiliation):
        raise InvalidProfile(CERTIFIED_FIELDS)
    _write_profile(identity_dir, profile)
    return PublicIdentity(profile, current.certificate, current.fingerprint, current.age_recipient)


# ---------------------------------------------------------------- enrolment card


@dataclass(frozen=True)
class EnrolmentCard:
    profile: ExpertProfile
    certificate: x509.Certificate
    fingerprint: str
    age_recipient: str
    created_at: dt.datetime


def card_bytes(public: PublicIdentity, created_at: dt.datetime | None = None) -> bytes:
    created_at = created_at or dt.datetime.now(dt.timezone.utc)
    card = {
        "format": CARD_FORMAT,
        "version": CARD_VERSION,
        "profile": public.profile.to_dict(),
        "certificate_pem": keys.certificate_pem(public.certificate),
        "age_recipient": public.age_recipient,
        "fingerprint_sha256": keys.format_fingerprint(public.fingerprint),
        "created_at": created_at.isoformat(timespec="seconds"),
    }
    return (json.dumps(card, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export_card(identity_dir: Path, path: Path) -> EnrolmentCard:
    """Write the enrolment card (JSON) that the expert hands to the organization."""
    data = card_bytes(load_public(identity_dir))
    durable.write_bytes(Path(path), data)
    return read_card(data)


NOT_A_CARD = QT_TRANSLATE_NOOP("Errors", "This file is not an enrolment card.")
CARD_DAMAGED = QT_TRANSLATE_NOOP("Errors", "The enrolment card is damaged or was changed.")
CARD_KEY_KIND = QT_TRANSLATE_NOOP(
    "Errors", "The certificate on the enrolment card uses a kind of key this app does not accept."
)
CARD_FINGERPRINT = QT_TRANSLATE_NOOP("Errors", "The fingerprint on the enrolment card does not match its certificate.")
CARD_NAME = QT_TRANSLATE_NOOP("Errors", "The name on the enrolment card does not match its certificate.")


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise InvalidCard(CARD_DAMAGED)
    return result


def _refuse_constant(name: str) -> object:
    raise InvalidCard(CARD_DAMAGED)  # NaN, Infinity: not JSON


def _card_json(data: bytes) -> dict[str, object]:
    try:
        card = json.loads(
            data.decode("utf-8-sig"), object_pairs_hook=_refuse_duplicate_keys, parse_constant=_refuse_constant
        )
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidCard(NOT_A_CARD) from None
    if not isinstance(card, dict) or card.get("format") != CARD_FORMAT:
        raise InvalidCard(NOT_A_CARD)
    version = card.get("version")
    if type(version) is not int or version != CARD_VERSION:
        raise InvalidCard(QT_TRANSLATE_NOOP("Errors", "This enrolment card was made by a newer version of the app."))
    if set(card) != CARD_KEYS or not all(isinstance(card[k], str) for k in CARD_KEYS - {"version", "profile"}):
        raise InvalidCard(CARD_DAMAGED)
    return card


def _card_certificate(pem: str, allow_expired: bool = False) -> x509.Certificate:
    if pem.count("-----BEGIN") != 1:
        raise InvalidCard(CARD_DAMAGED)
    try:
        cert = keys.load_certificate(pem.encode("ascii"))
        public_key = cert.public_key()
        if not keys.is_p256(public_key) or not isinstance(cert.signature_hash_algorithm, hashes.SHA256):
            raise InvalidCard(CARD_KEY_KIND)
        cert.verify_directly_issued_by(cert)  # self-signed: made by whoever holds the key
    except (ValueError, TypeError, UnicodeEncodeError, InvalidSignature, UnsupportedAlgorithm):
        raise InvalidCard(CARD_DAMAGED) from None
    if not allow_expired and cert.not_valid_after_utc < dt.datetime.now(dt.timezone.utc):
        raise InvalidCard(
            QT_TRANSLATE_NOOP("Errors", "The certificate on the enrolment card expired on {date}."),
            date=cert.not_valid_after_utc.date().isoformat(),
        )
    return cert


def _card_recipient(text: str, cert: x509.Certificate) -> str:
    try:
        recipient = str(pyrage.x25519.Recipient.from_str(text))
    except (pyrage.RecipientError, ValueError):
        raise InvalidCard(CARD_DAMAGED) from None
    if recipient != text or certificate_age_recipient(cert) != recipient:
        raise InvalidCard(CARD_DAMAGED)
    return recipient


def _card_time(text: str) -> dt.datetime:
    try:
        created_at = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidCard(CARD_DAMAGED) from None
    if created_at.tzinfo is None:
        raise InvalidCard(CARD_DAMAGED)
    return created_at


def read_card(source: bytes | str | Path, *, allow_expired: bool = False) -> EnrolmentCard:
    """A strictly validated enrolment card from a file path or its bytes; InvalidCard otherwise.

    `allow_expired`: the organization still reads a card whose certificate has expired, to check
    what the expert signed while it was valid."""
    too_large = InvalidCard(QT_TRANSLATE_NOOP("Errors", "The file is too large to be an enrolment card."))
    if isinstance(source, bytes):
        data = source
    else:
        try:
            data = _read_small(Path(source), MAX_CARD_BYTES)
        except OSError as exc:
            raise InvalidCard(
                QT_TRANSLATE_NOOP("Errors", "The enrolment card {file} cannot be read: {reason}."),
                file=str(source),
                reason=exc.strerror or exc.__class__.__name__,
            ) from None
        except ValueError:
            raise too_large from None
    if len(data) > MAX_CARD_BYTES:
        raise too_large
    card = _card_json(data)
    try:
        profile = ExpertProfile.from_dict(card["profile"])
    except InvalidProfile:
        raise InvalidCard(CARD_DAMAGED) from None
    cert = _card_certificate(str(card["certificate_pem"]), allow_expired)
    actual = keys.fingerprint(cert)
    try:
        if not keys.same_fingerprint(str(card["fingerprint_sha256"]), actual):
            raise InvalidCard(CARD_FINGERPRINT)
    except keys.NotAFingerprint:
        raise InvalidCard(CARD_DAMAGED) from None
    if (_subject_text(cert, NameOID.COMMON_NAME), _subject_text(cert, NameOID.ORGANIZATION_NAME)) != (
        profile.name,
        profile.affiliation,
    ):
        raise InvalidCard(CARD_NAME)
    recipient = _card_recipient(str(card["age_recipient"]), cert)
    return EnrolmentCard(profile, cert, actual, recipient, _card_time(str(card["created_at"])))
